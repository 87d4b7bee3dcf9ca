// Shared by the fuzz targets: the entry point's name, scratch files and a check that aborts.
//
// Built with libFuzzer (SPECTRAKIT_BUILD_FUZZERS=ON, clang), each target defines
// LLVMFuzzerTestOneInput. In ordinary builds the same sources are linked into one replay
// program (replay_main.cpp) that feeds every corpus and regression file to each target's
// entry point, so the corpus is replayed by CTest in every test build.
#ifndef SPECTRAKIT_TESTS_FUZZ_COMMON_HPP
#define SPECTRAKIT_TESTS_FUZZ_COMMON_HPP

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>

#if defined(SPECTRAKIT_FUZZ_REPLAY)
// One replay program holds every target: each entry point gets its own name.
#define SPECTRAKIT_FUZZ_ENTRY(target) int spectrakit_fuzz_##target(const std::uint8_t* data, std::size_t size)
#else
#define SPECTRAKIT_FUZZ_ENTRY(target) extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
#endif

namespace spectrakit_fuzz {

/// Aborts with a message when a property of the result does not hold (the fuzzer records the
/// input as a crash).
inline void require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "fuzz property violated: %s\n", what);
    std::abort();
  }
}

/// A scratch file of this process (in /dev/shm when there is one), rewritten for each input and
/// removed at exit.
class ScratchFile {
 public:
  explicit ScratchFile(const char* suffix) {
    const char* dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    path_ = std::string(dir) + "/spectrakit_fuzz_" + std::to_string(getpid()) + suffix;
  }
  ~ScratchFile() { std::remove(path_.c_str()); }
  ScratchFile(const ScratchFile&) = delete;
  ScratchFile& operator=(const ScratchFile&) = delete;

  const std::string& write(const void* data, std::size_t size) {
    std::FILE* f = std::fopen(path_.c_str(), "wb");
    require(f != nullptr, "cannot create the scratch file");
    require(size == 0 || std::fwrite(data, 1, size, f) == size, "cannot write the scratch file");
    std::fclose(f);
    return path_;
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace spectrakit_fuzz

#endif  // SPECTRAKIT_TESTS_FUZZ_COMMON_HPP

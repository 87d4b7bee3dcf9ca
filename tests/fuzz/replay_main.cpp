// Replays inputs through a fuzz target's entry point without libFuzzer, so every test build
// (g++, clang, sanitizers) runs the committed corpus and the regression inputs:
//   spectrakit_fuzz_replay TARGET PATH...
// Each PATH is a file or a directory (its regular files, in name order). Exits 0 when every
// input was processed (a violated property aborts), 2 on bad usage or an unreadable path.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "fuzz_common.hpp"

SPECTRAKIT_FUZZ_ENTRY(matrix_market);
SPECTRAKIT_FUZZ_ENTRY(edge_list);
SPECTRAKIT_FUZZ_ENTRY(partition_tool);
#if defined(SPECTRAKIT_HAVE_ZLIB)
SPECTRAKIT_FUZZ_ENTRY(matrix_market_gz);
#endif

int main(int argc, char** argv) {
  using Entry = int (*)(const std::uint8_t*, std::size_t);
  struct Target {
    const char* name;
    Entry entry;
  };
  const Target targets[] = {
    {"matrix_market", spectrakit_fuzz_matrix_market},
    {"edge_list", spectrakit_fuzz_edge_list},
    {"partition_tool", spectrakit_fuzz_partition_tool},
#if defined(SPECTRAKIT_HAVE_ZLIB)
    {"matrix_market_gz", spectrakit_fuzz_matrix_market_gz},
#endif
  };
  if (argc < 3) {
    std::fprintf(stderr, "usage: spectrakit_fuzz_replay TARGET PATH...\n");
    return 2;
  }
  Entry entry = nullptr;
  for (const Target& t : targets)
    if (std::strcmp(t.name, argv[1]) == 0) entry = t.entry;
  if (!entry) {
    std::fprintf(stderr, "spectrakit_fuzz_replay: unknown target '%s'\n", argv[1]);
    return 2;
  }
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  for (int i = 2; i < argc; ++i) {
    const fs::path p = argv[i];
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      for (const auto& e : fs::directory_iterator(p))
        if (e.is_regular_file()) files.push_back(e.path());
    } else if (fs::is_regular_file(p, ec)) {
      files.push_back(p);
    } else {
      std::fprintf(stderr, "spectrakit_fuzz_replay: cannot read '%s'\n", argv[i]);
      return 2;
    }
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) {
    std::ifstream in(f, std::ios::binary);
    const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    entry(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  }
  std::printf("%s: replayed %zu inputs\n", argv[1], files.size());
  return 0;
}

/// @file io/detail/text_file.hpp
/// @brief Internals of the file readers: whole-file loading (plain or gzip) and a line cursor
/// that reports file and line in its errors.
#ifndef SPECTRAKIT_IO_DETAIL_TEXT_FILE_HPP
#define SPECTRAKIT_IO_DETAIL_TEXT_FILE_HPP

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <memory>
#include <new>
#include <sstream>
#include <string>
#include <system_error>

#include "../../error.hpp"

#if defined(SPECTRAKIT_HAVE_ZLIB)
#include <zlib.h>
#endif

namespace spectrakit {
namespace detail {

/// "spectrakit::FUNCTION: file 'PATH' [line N]: PROBLEM".
[[noreturn]] inline void io_fail(const char* function, const std::string& path, std::size_t line,
                                 const std::string& problem) {
  std::ostringstream os;
  os << "spectrakit::" << function << ": file '" << path << "'";
  if (line > 0) os << " line " << line;
  os << ": " << problem;
  throw io_error(os.str());
}

inline bool ends_with(const std::string& s, const char* suffix) {
  const std::size_t n = std::strlen(suffix);
  return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
}

struct FileCloser {
  void operator()(std::FILE* f) const noexcept {
    if (f) std::fclose(f);
  }
};

/// The whole content of a file. A gzip file (magic bytes 1f 8b) is inflated when spectrakit is
/// compiled with SPECTRAKIT_HAVE_ZLIB (and linked with zlib); otherwise it is an io_error.
inline std::string load_text_file(const char* function, const std::string& path) {
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  if (!file) io_fail(function, path, 0, std::string("cannot open: ") + std::strerror(errno));
  unsigned char magic[2] = {0, 0};
  const std::size_t got = std::fread(magic, 1, 2, file.get());
  const bool gzip = got == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
  if (!gzip) {
    std::string content;
    if (std::fseek(file.get(), 0, SEEK_END) != 0) io_fail(function, path, 0, "cannot seek");
    const long size = std::ftell(file.get());
    if (size < 0) io_fail(function, path, 0, "cannot tell its size");
    std::rewind(file.get());
    try {
      content.resize(static_cast<std::size_t>(size));
    } catch (const std::bad_alloc&) {
      io_fail(function, path, 0, "out of memory: cannot hold its " + std::to_string(size) + " bytes");
    } catch (const std::length_error&) {
      io_fail(function, path, 0, "out of memory: cannot hold its " + std::to_string(size) + " bytes");
    }
    if (size > 0 && std::fread(&content[0], 1, content.size(), file.get()) != content.size())
      io_fail(function, path, 0, "read error");
    return content;
  }
#if defined(SPECTRAKIT_HAVE_ZLIB)
  file.reset();
  gzFile gz = gzopen(path.c_str(), "rb");
  if (!gz) io_fail(function, path, 0, "cannot open as gzip");
  gzbuffer(gz, 1 << 18);
  std::string content;
  std::size_t used = 0;
  content.resize(std::size_t(1) << 20);
  for (;;) {  // bounded by the (finite) decompressed size: each pass reads > 0 bytes or ends
    if (used == content.size()) {
      const std::size_t asked = content.size() * 2;
      if (asked / 2 != content.size() || asked > content.max_size()) {
        gzclose(gz);
        io_fail(function, path, 0, "inflates to more than " + std::to_string(content.size()) + " bytes");
      }
      try {
        content.resize(asked);
      } catch (const std::bad_alloc&) {
        gzclose(gz);
        io_fail(function, path, 0,
                "out of memory inflating it: " + std::to_string(asked) + " bytes asked for after " +
                    std::to_string(used) + " inflated");
      }
    }
    const std::size_t want = std::min<std::size_t>(content.size() - used, std::size_t(1) << 30);
    const int n = gzread(gz, &content[used], static_cast<unsigned>(want));
    if (n < 0) {
      int code = 0;
      const std::string msg = gzerror(gz, &code);
      gzclose(gz);
      io_fail(function, path, 0, "gzip error: " + msg);
    }
    if (n == 0) break;
    used += static_cast<std::size_t>(n);
  }
  gzclose(gz);
  content.resize(used);
  return content;
#else
  io_fail(function, path, 0,
          "is gzip-compressed; compile with SPECTRAKIT_HAVE_ZLIB and link zlib to read it, or gunzip it first");
#endif
}

/// A cursor over text held in memory, line by line, with the current 1-based line number.
class LineCursor {
 public:
  LineCursor(const std::string& text, const char* function, const std::string& path)
      : p_(text.data()), end_(text.data() + text.size()), total_(text.size()), function_(function), path_(path) {}

  /// Next line (without the newline, trailing '\r' dropped); false at the end of the text.
  bool next(const char*& begin, const char*& end) {
    if (p_ >= end_) return false;
    begin = p_;
    const void* nl = std::memchr(p_, '\n', static_cast<std::size_t>(end_ - p_));
    const char* e = nl ? static_cast<const char*>(nl) : end_;
    p_ = nl ? e + 1 : end_;
    end = e;
    if (end > begin && end[-1] == '\r') --end;
    ++line_;
    return true;
  }

  std::size_t line() const { return line_; }

  /// Bytes of text not yet read (after the current line).
  std::size_t remaining() const { return static_cast<std::size_t>(end_ - p_); }

  /// Length of the whole text.
  std::size_t total() const { return total_; }

  [[noreturn]] void fail(const std::string& problem) const { io_fail(function_, path_, line_, problem); }

 private:
  const char* p_;
  const char* end_;
  std::size_t total_;
  std::size_t line_ = 0;
  const char* function_;
  const std::string& path_;
};

/// @name Allocation bounds of the readers
/// A header (a size line) can announce any size; the readers allocate from it only what the
/// file's length can justify.
/// - Containers filled entry by entry (triplets, edges) are reserved for at most as many
///   entries as the rest of the file can hold (each entry line takes at least
///   kMinBytesPerEntry bytes); beyond that they grow as entries are actually read.
/// - Arrays whose size the header alone dictates (the column and row index arrays of a sparse
///   result, 4 (rows + cols + 2) bytes; a dense result, 8 rows cols bytes) must fit in
///   header_budget(file bytes) = max(kHeaderBudgetFloor, kHeaderBudgetPerByte x file bytes),
///   otherwise the reader throws io_error naming the file, the size line and the bytes asked.
///   A real file with n columns has at least n / 16 entries in practice, far inside the bound;
///   a 2e9 x 2e9 header with one entry asks for 16 GB of index arrays and is rejected.
/// - Any std::bad_alloc is reported as an io_error naming the file, the line and the size asked.
/// @{
constexpr std::size_t kMinBytesPerEntry = 4;                   ///< "1 1\n": the shortest entry line.
constexpr std::size_t kHeaderBudgetFloor = std::size_t(1) << 26;  ///< 64 MiB, whatever the file.
constexpr std::size_t kHeaderBudgetPerByte = 64;                ///< Bytes allowed per byte of file.

/// What a file of `file_bytes` bytes may make a reader allocate from its header alone.
inline std::size_t header_budget(std::size_t file_bytes) {
  const std::size_t cap = std::numeric_limits<std::size_t>::max() / kHeaderBudgetPerByte;
  return std::max(kHeaderBudgetFloor, std::min(file_bytes, cap) * kHeaderBudgetPerByte);
}

/// Throws io_error (at the cursor's line) when `bytes`, asked for `what`, exceeds the header
/// budget of the file.
inline void check_header_budget(const LineCursor& cursor, long double bytes, const char* what) {
  const std::size_t budget = header_budget(cursor.total());
  if (bytes > static_cast<long double>(budget)) {
    std::ostringstream os;
    os.precision(0);
    os << std::fixed << "size line: " << what << " would need " << bytes << " bytes, more than a file of "
       << cursor.total() << " bytes can justify (at most " << budget << "; see docs/errors.md)";
    cursor.fail(os.str());
  }
}

/// Entries worth reserving for a container filled one entry line at a time.
inline std::size_t justified_reserve(const LineCursor& cursor, long long announced) {
  const std::size_t fit = cursor.remaining() / kMinBytesPerEntry + 1;
  return announced < 0 ? 0 : std::min(static_cast<std::size_t>(announced), fit);
}

/// Runs f(); a std::bad_alloc becomes an io_error at the cursor's line naming what was being
/// allocated and the bytes asked for.
template <typename F>
auto with_memory(const LineCursor& cursor, long double bytes, const char* what, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const std::bad_alloc&) {
    std::ostringstream os;
    os.precision(0);
    os << std::fixed << "out of memory: " << what << " needs about " << bytes << " bytes";
    cursor.fail(os.str());
  }
}
/// @}

inline bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\v' || c == '\f'; }

inline const char* skip_blanks(const char* p, const char* end) {
  while (p < end && is_blank(*p)) ++p;
  return p;
}

/// True when the line holds only blanks.
inline bool blank_line(const char* p, const char* end) { return skip_blanks(p, end) == end; }

/// Parses a signed integer token at p (after blanks); false when there is no token.
/// Throws through the cursor when the token is not an integer or does not fit.
inline bool parse_integer(const char*& p, const char* end, long long& value, const LineCursor& cursor,
                          const char* what) {
  p = skip_blanks(p, end);
  if (p == end) return false;
  const char* start = p;
  if (*p == '+') ++p;
  const auto r = std::from_chars(p, end, value);
  if (r.ec == std::errc::result_out_of_range) cursor.fail(std::string(what) + " is out of range");
  if (r.ec != std::errc() || (r.ptr < end && !is_blank(*r.ptr))) {
    const char* t = start;
    while (t < end && !is_blank(*t)) ++t;
    cursor.fail(std::string("expected an integer ") + what + ", got '" + std::string(start, t) + "'");
  }
  p = r.ptr;
  return true;
}

/// Parses a real number token at p (after blanks); false when there is no token. Accepts what
/// strtod accepts in the C locale except hexadecimal floats; rejects NaN and Inf.
inline bool parse_real(const char*& p, const char* end, double& value, const LineCursor& cursor, const char* what) {
  p = skip_blanks(p, end);
  if (p == end) return false;
  const char* start = p;
  if (*p == '+') ++p;
  auto r = std::from_chars(p, end, value);
  if (r.ec == std::errc::result_out_of_range) {
    // Underflow to a denormal/zero is fine; overflow is not. from_chars leaves value untouched.
    std::string token(p, static_cast<std::size_t>(std::find_if(p, end, is_blank) - p));
    const double v = std::strtod(token.c_str(), nullptr);
    if (!(std::abs(v) <= std::numeric_limits<double>::max())) cursor.fail(std::string(what) + " overflows a double");
    value = v;
    r.ptr = p + token.size();
    r.ec = std::errc();
  }
  if (r.ec != std::errc() || (r.ptr < end && !is_blank(*r.ptr))) {
    const char* t = start;
    while (t < end && !is_blank(*t)) ++t;
    cursor.fail(std::string("expected a number ") + what + ", got '" + std::string(start, t) + "'");
  }
  if (!(std::abs(value) <= std::numeric_limits<double>::max()))
    cursor.fail(std::string(what) + " is not finite");
  p = r.ptr;
  return true;
}

}  // namespace detail
}  // namespace spectrakit

#endif  // SPECTRAKIT_IO_DETAIL_TEXT_FILE_HPP

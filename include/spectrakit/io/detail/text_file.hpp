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
    content.resize(static_cast<std::size_t>(size));
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
    if (used == content.size()) content.resize(content.size() * 2);
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
      : p_(text.data()), end_(text.data() + text.size()), function_(function), path_(path) {}

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

  [[noreturn]] void fail(const std::string& problem) const { io_fail(function_, path_, line_, problem); }

 private:
  const char* p_;
  const char* end_;
  std::size_t line_ = 0;
  const char* function_;
  const std::string& path_;
};

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

/// @file io/matrix_market.hpp
/// @brief Matrix Market files: reading (coordinate and array; real, integer and pattern;
/// general, symmetric and skew-symmetric; optionally gzip-compressed) and writing.
#ifndef SPECTRAKIT_IO_MATRIX_MARKET_HPP
#define SPECTRAKIT_IO_MATRIX_MARKET_HPP

#include <Eigen/Core>
#include <Eigen/SparseCore>
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "../detail/config.hpp"
#include "../detail/validate.hpp"
#include "../error.hpp"
#include "detail/text_file.hpp"

namespace spectrakit {

/// @brief The field of a Matrix Market file: how values are written.
enum class MatrixMarketField {
  real,     ///< Floating-point values.
  integer,  ///< Integer values.
  pattern,  ///< No values: every stored entry is 1 (coordinate format only).
};

/// @brief The symmetry of a Matrix Market file: which entries are stored.
enum class MatrixMarketSymmetry {
  general,         ///< Every entry is stored.
  symmetric,       ///< Only the lower triangle (with the diagonal); a(j, i) = a(i, j).
  skew_symmetric,  ///< Only the strict lower triangle; a(j, i) = -a(i, j), zero diagonal.
};

/// @brief What the header line of a Matrix Market file says.
struct MatrixMarketHeader {
  bool coordinate = true;                                       ///< Coordinate (sparse) or array (dense) format.
  MatrixMarketField field = MatrixMarketField::real;            ///< The value field.
  MatrixMarketSymmetry symmetry = MatrixMarketSymmetry::general;  ///< The stored part.
  Eigen::Index rows = 0;                                        ///< Number of rows.
  Eigen::Index cols = 0;                                        ///< Number of columns.
  Eigen::Index entries = 0;  ///< Stored entries announced by the size line (rows * cols for arrays).
};

/// @brief Options of write_matrix_market().
struct MatrixMarketWriteOptions {
  /// How values are written. `real` (the default) writes the shortest decimal text that reads
  /// back to the same double; `integer` requires every value to be an integer; `pattern` drops
  /// the values (sparse only).
  MatrixMarketField field = MatrixMarketField::real;
  /// `general` writes every entry; `symmetric` writes the lower triangle and requires an exactly
  /// symmetric matrix. `skew_symmetric` is not written.
  MatrixMarketSymmetry symmetry = MatrixMarketSymmetry::general;
  /// A comment written after the header (each line prefixed with '%'); empty for none.
  std::string comment;
};

namespace detail {

inline std::string lower_case(const char* b, const char* e) {
  std::string s(b, e);
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

inline MatrixMarketHeader parse_mm_banner(LineCursor& cursor, const char* b, const char* e) {
  MatrixMarketHeader h;
  std::vector<std::string> words;
  const char* p = b;
  for (;;) {
    p = skip_blanks(p, e);
    if (p == e) break;
    const char* q = p;
    while (q < e && !is_blank(*q)) ++q;
    words.push_back(lower_case(p, q));
    p = q;
  }
  if (words.size() != 5 || words[0] != "%%matrixmarket" || words[1] != "matrix")
    cursor.fail("not a Matrix Market header: expected '%%MatrixMarket matrix FORMAT FIELD SYMMETRY'");
  if (words[2] == "coordinate")
    h.coordinate = true;
  else if (words[2] == "array")
    h.coordinate = false;
  else
    cursor.fail("unknown format '" + words[2] + "' (expected coordinate or array)");
  if (words[3] == "real" || words[3] == "double")
    h.field = MatrixMarketField::real;
  else if (words[3] == "integer")
    h.field = MatrixMarketField::integer;
  else if (words[3] == "pattern")
    h.field = MatrixMarketField::pattern;
  else if (words[3] == "complex")
    cursor.fail("complex matrices are not supported");
  else
    cursor.fail("unknown field '" + words[3] + "' (expected real, integer or pattern)");
  if (words[4] == "general")
    h.symmetry = MatrixMarketSymmetry::general;
  else if (words[4] == "symmetric" || words[4] == "hermitian")
    h.symmetry = MatrixMarketSymmetry::symmetric;
  else if (words[4] == "skew-symmetric")
    h.symmetry = MatrixMarketSymmetry::skew_symmetric;
  else
    cursor.fail("unknown symmetry '" + words[4] + "' (expected general, symmetric or skew-symmetric)");
  if (!h.coordinate && h.field == MatrixMarketField::pattern) cursor.fail("the array format cannot be 'pattern'");
  return h;
}

/// Reads the banner, comments and the size line; leaves the cursor at the first data line.
inline MatrixMarketHeader read_mm_header(LineCursor& cursor, const char* function) {
  const char* b = nullptr;
  const char* e = nullptr;
  if (!cursor.next(b, e)) cursor.fail("is empty: expected a '%%MatrixMarket' header");
  MatrixMarketHeader h = parse_mm_banner(cursor, b, e);
  (void)function;
  for (;;) {  // bounded by the number of lines
    if (!cursor.next(b, e)) cursor.fail("ends before the size line");
    const char* p = skip_blanks(b, e);
    if (p == e || *p == '%') continue;
    long long r = 0, c = 0, nz = 0;
    parse_integer(p, e, r, cursor, "row count");
    if (!parse_integer(p, e, c, cursor, "column count")) cursor.fail("size line: missing the column count");
    if (h.coordinate) {
      if (!parse_integer(p, e, nz, cursor, "entry count")) cursor.fail("size line: missing the entry count");
    }
    if (!blank_line(p, e)) cursor.fail("size line: unexpected text after the sizes");
    const long long int_max = std::numeric_limits<int>::max();
    if (r < 0 || c < 0 || nz < 0) cursor.fail("size line: negative size");
    if (r > int_max || c > int_max || nz > int_max) cursor.fail("size line: size too large for 32-bit indices");
    if (h.symmetry != MatrixMarketSymmetry::general && r != c) cursor.fail("size line: a symmetric matrix must be square");
    if (h.coordinate && r * c < nz && h.symmetry == MatrixMarketSymmetry::general)
      cursor.fail("size line: more entries than the matrix has");
    h.rows = static_cast<Eigen::Index>(r);
    h.cols = static_cast<Eigen::Index>(c);
    h.entries = h.coordinate ? static_cast<Eigen::Index>(nz) : static_cast<Eigen::Index>(r * c);
    if (!h.coordinate && h.symmetry == MatrixMarketSymmetry::symmetric) h.entries = r * (r + 1) / 2;
    if (!h.coordinate && h.symmetry == MatrixMarketSymmetry::skew_symmetric) h.entries = r * (r - 1) / 2;
    return h;
  }
}

/// Reads the value token of an entry (none for pattern); checks integers are integral.
inline double read_mm_value(const char*& p, const char* e, const MatrixMarketHeader& h, const LineCursor& cursor) {
  if (h.field == MatrixMarketField::pattern) return 1.0;
  if (h.field == MatrixMarketField::integer) {
    long long v = 0;
    if (!parse_integer(p, e, v, cursor, "value")) cursor.fail("missing the value");
    return static_cast<double>(v);
  }
  double v = 0;
  if (!parse_real(p, e, v, cursor, "value")) cursor.fail("missing the value");
  return v;
}

inline Eigen::SparseMatrix<double> read_mm_coordinate(LineCursor& cursor, const MatrixMarketHeader& h) {
  using Triplet = Eigen::Triplet<double, int>;
  std::vector<Triplet> triplets;
  const bool mirror = h.symmetry != MatrixMarketSymmetry::general;
  const double mirror_sign = h.symmetry == MatrixMarketSymmetry::skew_symmetric ? -1.0 : 1.0;
  // Reserve only what the rest of the file can hold; the index arrays of the result, which the
  // header alone sizes, are checked against the file's budget before any entry is read.
  check_header_budget(cursor, 4.0L * (static_cast<long double>(h.rows) + h.cols + 2), "the index arrays");
  const std::size_t reserve = justified_reserve(cursor, h.entries) * (mirror ? 2 : 1);
  with_memory(cursor, 16.0L * reserve, "the entries", [&] { triplets.reserve(reserve); });
  Eigen::Index count = 0;
  const char* b = nullptr;
  const char* e = nullptr;
  while (cursor.next(b, e)) {
    const char* p = skip_blanks(b, e);
    if (p == e || *p == '%') continue;
    if (count == h.entries) cursor.fail("more entries than the size line announces (" + std::to_string(h.entries) + ")");
    long long i = 0, j = 0;
    parse_integer(p, e, i, cursor, "row index");
    if (!parse_integer(p, e, j, cursor, "column index")) cursor.fail("missing the column index");
    if (i < 1 || i > h.rows) cursor.fail("row index " + std::to_string(i) + " outside [1, " + std::to_string(h.rows) + "]");
    if (j < 1 || j > h.cols)
      cursor.fail("column index " + std::to_string(j) + " outside [1, " + std::to_string(h.cols) + "]");
    const double v = read_mm_value(p, e, h, cursor);
    if (!blank_line(p, e)) cursor.fail("unexpected text after the entry");
    if (h.symmetry == MatrixMarketSymmetry::skew_symmetric && i == j) cursor.fail("a skew-symmetric matrix has a zero diagonal");
    const int r = static_cast<int>(i - 1), c = static_cast<int>(j - 1);
    with_memory(cursor, 32.0L * (triplets.size() + 2), "the entries", [&] {
      triplets.emplace_back(r, c, v);
      if (mirror && r != c) triplets.emplace_back(c, r, mirror_sign * v);
    });
    ++count;
  }
  if (count != h.entries)
    cursor.fail("ends after " + std::to_string(count) + " of the " + std::to_string(h.entries) + " announced entries");
  const long double bytes = 4.0L * (static_cast<long double>(h.rows) + h.cols + 2) + 24.0L * triplets.size();
  return with_memory(cursor, bytes, "the sparse matrix", [&] {
    Eigen::SparseMatrix<double> a(h.rows, h.cols);
    a.setFromTriplets(triplets.begin(), triplets.end());  // duplicates are summed
    return a;
  });
}

inline Eigen::MatrixXd read_mm_array(LineCursor& cursor, const MatrixMarketHeader& h) {
  const long double bytes = 8.0L * static_cast<long double>(h.rows) * static_cast<long double>(h.cols);
  check_header_budget(cursor, bytes, "the dense array");
  Eigen::MatrixXd a =
      with_memory(cursor, bytes, "the dense array", [&] { return Eigen::MatrixXd::Zero(h.rows, h.cols).eval(); });
  Eigen::Index count = 0;
  Eigen::Index i = 0, j = 0;  // next position (column-major, lower triangle for symmetric)
  const bool lower = h.symmetry != MatrixMarketSymmetry::general;
  const bool skew = h.symmetry == MatrixMarketSymmetry::skew_symmetric;
  if (lower) i = skew ? 1 : 0;
  const char* b = nullptr;
  const char* e = nullptr;
  while (cursor.next(b, e)) {
    const char* p = skip_blanks(b, e);
    if (p == e || *p == '%') continue;
    if (count == h.entries) cursor.fail("more values than the size line announces (" + std::to_string(h.entries) + ")");
    const double v = read_mm_value(p, e, h, cursor);
    if (!blank_line(p, e)) cursor.fail("unexpected text after the value (one value per line)");
    a(i, j) = v;
    if (lower && i != j) a(j, i) = skew ? -v : v;
    ++count;
    if (++i == h.rows) {
      ++j;
      i = lower ? (skew ? j + 1 : j) : 0;
    }
  }
  if (count != h.entries)
    cursor.fail("ends after " + std::to_string(count) + " of the " + std::to_string(h.entries) + " announced values");
  return a;
}

inline void append_number(std::string& out, double v, MatrixMarketField field) {
  char buf[64];
  std::to_chars_result r{};
  if (field == MatrixMarketField::integer)
    r = std::to_chars(buf, buf + sizeof buf, static_cast<long long>(v));
  else
    r = std::to_chars(buf, buf + sizeof buf, v);  // shortest text that round-trips
  out.append(buf, r.ptr);
}

inline void append_index(std::string& out, long long v) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

inline const char* mm_field_name(MatrixMarketField f) {
  return f == MatrixMarketField::real ? "real" : (f == MatrixMarketField::integer ? "integer" : "pattern");
}

inline std::string mm_banner(bool coordinate, MatrixMarketField field, MatrixMarketSymmetry symmetry,
                             const std::string& comment) {
  std::string s = "%%MatrixMarket matrix ";
  s += coordinate ? "coordinate " : "array ";
  s += mm_field_name(field);
  s += symmetry == MatrixMarketSymmetry::symmetric ? " symmetric\n" : " general\n";
  std::size_t start = 0;
  while (!comment.empty() && start <= comment.size()) {
    const std::size_t nl = comment.find('\n', start);
    const std::string line = comment.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    s += "% " + line + "\n";
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return s;
}

inline void write_text_file(const char* function, const std::string& path, const std::string& text) {
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "wb"));
  if (!file) io_fail(function, path, 0, std::string("cannot open for writing: ") + std::strerror(errno));
  if (std::fwrite(text.data(), 1, text.size(), file.get()) != text.size()) io_fail(function, path, 0, "write error");
  if (std::fclose(file.release()) != 0) io_fail(function, path, 0, "write error on close");
}

inline void check_write_options(const MatrixMarketWriteOptions& options, bool sparse) {
  if (options.symmetry == MatrixMarketSymmetry::skew_symmetric)
    fail_option("write_matrix_market", "symmetry", "skew_symmetric is not supported for writing");
  if (!sparse && options.field == MatrixMarketField::pattern)
    fail_option("write_matrix_market", "field", "pattern needs a sparse matrix");
}

template <typename Scalar>
void check_integer_value(Scalar v) {
  if (!(v == std::round(v)) || std::abs(static_cast<double>(v)) > 9007199254740992.0)
    fail_option("write_matrix_market", "field", "integer needs integer values, got " + std::to_string(double(v)));
}

}  // namespace detail

/// @brief Reads the header (banner and size line) of a Matrix Market file without its entries.
/// @param path the file (gzip-compressed files need SPECTRAKIT_HAVE_ZLIB, see read_matrix_market())
/// @return format, field, symmetry and sizes
/// @throws io_error when the file cannot be read or its header is malformed (file and line named)
[[nodiscard]] SPECTRAKIT_IO_INLINE MatrixMarketHeader read_matrix_market_header(const std::string& path);
#if SPECTRAKIT_DEFINE_IO
SPECTRAKIT_IO_INLINE MatrixMarketHeader read_matrix_market_header(const std::string& path) {
  const std::string text = detail::load_text_file("read_matrix_market_header", path);
  detail::LineCursor cursor(text, "read_matrix_market_header", path);
  return detail::read_mm_header(cursor, "read_matrix_market_header");
}
#endif

/// @brief Reads a Matrix Market file into a sparse matrix.
///
/// Accepts the coordinate format (real, integer or pattern; general, symmetric/hermitian or
/// skew-symmetric) and the array format (real or integer). Symmetric files store one triangle:
/// it is mirrored (unlike Eigen 3.4's `loadMarket`, which neither mirrors nor reads pattern
/// files). Pattern entries read as 1. Duplicate coordinate entries are summed (SciPy's
/// convention). Explicit zeros in a coordinate file stay stored. Comment lines (`%`) and blank
/// lines are skipped anywhere after the banner; keywords are case-insensitive; CRLF line ends
/// are accepted. A gzip-compressed file (detected by its magic bytes, whatever its name) is read
/// when the program is compiled with `SPECTRAKIT_HAVE_ZLIB` defined and linked with zlib.
///
/// @param path the file
/// @return the matrix, column-major with 32-bit indices
/// @throws io_error naming the file and the line: cannot open, missing or malformed header,
/// complex field, index out of range, non-numeric or non-finite value, too few or too many
/// entries, indices or sizes beyond 32 bits; sizes the file cannot justify (the index arrays,
/// 4 (rows + cols + 2) bytes, or a dense array, 8 rows cols bytes, above max(64 MiB, 64 x the
/// file's length): see docs/errors.md); out of memory (the bytes asked for are named)
/// @par Memory
/// The file's text, the entries (two per off-diagonal entry of a symmetric file, 16 bytes each;
/// reserved only for as many as the rest of the file can hold) and the result. A header cannot
/// make the reader allocate more than the bound above before the entries are read.
/// @par Cost
/// O(file size + nnz log(nnz / n)); the file is held in memory once.
/// @par Reference
/// Boisvert, Pozo & Remington, "The Matrix Market Exchange Formats: Initial Design", NIST IR 5935 (1996).
[[nodiscard]] SPECTRAKIT_IO_INLINE Eigen::SparseMatrix<double> read_matrix_market(const std::string& path);
#if SPECTRAKIT_DEFINE_IO
SPECTRAKIT_IO_INLINE Eigen::SparseMatrix<double> read_matrix_market(const std::string& path) {
  const std::string text = detail::load_text_file("read_matrix_market", path);
  detail::LineCursor cursor(text, "read_matrix_market", path);
  const MatrixMarketHeader h = detail::read_mm_header(cursor, "read_matrix_market");
  if (h.coordinate) return detail::read_mm_coordinate(cursor, h);
  const Eigen::MatrixXd dense = detail::read_mm_array(cursor, h);
  return detail::with_memory(cursor, 12.0L * static_cast<long double>(dense.size()), "the sparse matrix",
                             [&] { return Eigen::SparseMatrix<double>(dense.sparseView(0.0, 0.0)); });
}
#endif

/// @brief Reads a Matrix Market file (array or coordinate format) into a dense matrix.
/// @param path the file
/// @return the matrix (coordinate files: absent entries are 0, duplicates summed, symmetric mirrored)
/// @throws io_error as read_matrix_market() does
/// @par Cost
/// O(file size + rows * cols).
[[nodiscard]] SPECTRAKIT_IO_INLINE Eigen::MatrixXd read_matrix_market_dense(const std::string& path);
#if SPECTRAKIT_DEFINE_IO
SPECTRAKIT_IO_INLINE Eigen::MatrixXd read_matrix_market_dense(const std::string& path) {
  const std::string text = detail::load_text_file("read_matrix_market_dense", path);
  detail::LineCursor cursor(text, "read_matrix_market_dense", path);
  const MatrixMarketHeader h = detail::read_mm_header(cursor, "read_matrix_market_dense");
  if (!h.coordinate) return detail::read_mm_array(cursor, h);
  const long double bytes = 8.0L * static_cast<long double>(h.rows) * static_cast<long double>(h.cols);
  detail::check_header_budget(cursor, bytes, "the dense matrix");
  const Eigen::SparseMatrix<double> sparse = detail::read_mm_coordinate(cursor, h);
  return detail::with_memory(cursor, bytes, "the dense matrix", [&] { return Eigen::MatrixXd(sparse); });
}
#endif

/// @brief Writes a sparse matrix as a Matrix Market coordinate file.
///
/// Values are written as the shortest decimal text that reads back to the same double (float
/// matrices are widened exactly), so read_matrix_market(write_matrix_market(A)) == A. Entries
/// are written column by column; stored zeros are written.
///
/// @param path the file (overwritten)
/// @param a the matrix (any sparse expression)
/// @param options field, symmetry and comment (see MatrixMarketWriteOptions)
/// @throws invalid_input when A has a NaN/Inf value, when `symmetric` is asked of a matrix
/// that is not square and exactly symmetric, or `integer` of non-integer values
/// @throws io_error when the file cannot be written
/// @par Cost
/// O(nnz).
template <typename Derived>
void write_matrix_market(const std::string& path, const Eigen::SparseMatrixBase<Derived>& a,
                         const MatrixMarketWriteOptions& options = {}) {
  using Scalar = typename Derived::Scalar;
  detail::check_write_options(options, true);
  const Eigen::SparseMatrix<Scalar, Eigen::ColMajor, long long> m = a.derived();
  const bool symmetric = options.symmetry == MatrixMarketSymmetry::symmetric;
  for (long long k = 0; k < m.nonZeros(); ++k) {
    const Scalar v = m.valuePtr()[k];
    if (!std::isfinite(static_cast<double>(v))) detail::fail("write_matrix_market", "A", "has NaN or Inf entries");
    if (options.field == MatrixMarketField::integer) detail::check_integer_value(v);
  }
  if (symmetric) {
    if (m.rows() != m.cols()) detail::fail("write_matrix_market", "A", "must be square to be written as symmetric");
    const Eigen::SparseMatrix<Scalar, Eigen::ColMajor, long long> t = m.transpose();
    const Eigen::SparseMatrix<Scalar, Eigen::ColMajor, long long> d = m - t;
    for (long long k = 0; k < d.nonZeros(); ++k)
      if (d.valuePtr()[k] != Scalar(0))
        detail::fail("write_matrix_market", "A", "must be exactly symmetric to be written as symmetric");
  }
  long long count = 0;
  for (Eigen::Index j = 0; j < m.outerSize(); ++j)
    for (typename decltype(m)::InnerIterator it(m, j); it; ++it)
      if (!symmetric || it.row() >= it.col()) ++count;
  std::string out = detail::mm_banner(true, options.field, options.symmetry, options.comment);
  out.reserve(out.size() + static_cast<std::size_t>(count) * 24);
  detail::append_index(out, m.rows());
  out += ' ';
  detail::append_index(out, m.cols());
  out += ' ';
  detail::append_index(out, count);
  out += '\n';
  for (Eigen::Index j = 0; j < m.outerSize(); ++j)
    for (typename decltype(m)::InnerIterator it(m, j); it; ++it) {
      if (symmetric && it.row() < it.col()) continue;
      detail::append_index(out, it.row() + 1);
      out += ' ';
      detail::append_index(out, it.col() + 1);
      if (options.field != MatrixMarketField::pattern) {
        out += ' ';
        detail::append_number(out, static_cast<double>(it.value()), options.field);
      }
      out += '\n';
    }
  detail::write_text_file("write_matrix_market", path, out);
}

/// @brief Writes a dense matrix as a Matrix Market array file (column-major values).
/// @param path the file (overwritten)
/// @param a the matrix (any dense expression)
/// @param options field (real or integer), symmetry (general, or symmetric: the lower
/// triangle of an exactly symmetric matrix) and comment
/// @throws invalid_input when A has a NaN/Inf entry, is not exactly symmetric when `symmetric`
/// is asked, or has non-integer values when `integer` is asked; `pattern` is rejected
/// @throws io_error when the file cannot be written
/// @par Cost
/// O(rows * cols).
template <typename Derived>
void write_matrix_market(const std::string& path, const Eigen::MatrixBase<Derived>& a,
                         const MatrixMarketWriteOptions& options = {}) {
  using Scalar = typename Derived::Scalar;
  detail::check_write_options(options, false);
  const Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic> m = a;
  detail::require_finite(m, "write_matrix_market", "A");
  const bool symmetric = options.symmetry == MatrixMarketSymmetry::symmetric;
  if (symmetric && (m.rows() != m.cols() || m != m.transpose()))
    detail::fail("write_matrix_market", "A", "must be square and exactly symmetric to be written as symmetric");
  if (options.field == MatrixMarketField::integer)
    for (Eigen::Index k = 0; k < m.size(); ++k) detail::check_integer_value(m.data()[k]);
  std::string out = detail::mm_banner(false, options.field, options.symmetry, options.comment);
  detail::append_index(out, m.rows());
  out += ' ';
  detail::append_index(out, m.cols());
  out += '\n';
  for (Eigen::Index j = 0; j < m.cols(); ++j)
    for (Eigen::Index i = symmetric ? j : 0; i < m.rows(); ++i) {
      detail::append_number(out, static_cast<double>(m(i, j)), options.field);
      out += '\n';
    }
  detail::write_text_file("write_matrix_market", path, out);
}

}  // namespace spectrakit

#endif  // SPECTRAKIT_IO_MATRIX_MARKET_HPP

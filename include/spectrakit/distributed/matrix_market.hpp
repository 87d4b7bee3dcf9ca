/// @file distributed/matrix_market.hpp
/// @brief Parallel Matrix Market reader: every rank parses its own byte range of the file.
#ifndef SPECTRAKIT_DISTRIBUTED_MATRIX_MARKET_HPP
#define SPECTRAKIT_DISTRIBUTED_MATRIX_MARKET_HPP

#include <cstdio>
#include <cstring>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "spectrakit/distributed/graph.hpp"
#include "spectrakit/io/matrix_market.hpp"

namespace spectrakit {
namespace distributed {
namespace detail {

struct MMEntry {
  PetscInt row, col;
  double value;
};

/// Rewrites the line number of an io_error raised by a cursor over a piece of the file.
inline std::string shift_line(const std::string& message, const std::string& path, std::size_t base) {
  const std::string key = "file '" + path + "' line ";
  const std::size_t at = message.find(key);
  if (at == std::string::npos) return message;
  const std::size_t num = at + key.size();
  std::size_t end = num;
  while (end < message.size() && message[end] >= '0' && message[end] <= '9') ++end;
  const std::size_t line = std::stoull(message.substr(num, end - num));
  return message.substr(0, num) + std::to_string(line + base) + message.substr(end);
}

/// Rows of the block distribution to their owners (MPI_Alltoallv), then CSR and the graph.
inline DistributedGraph graph_from_entries(MPI_Comm comm, std::int64_t n, std::vector<MMEntry>& entries) {
  const int p = comm_size(comm), rank = comm_rank(comm);
  std::vector<int> send(static_cast<std::size_t>(p), 0), recv(static_cast<std::size_t>(p), 0);
  // Stable: the entries of a row keep their file order, so duplicates are summed in the serial
  // reader's order (the same bits).
  std::stable_sort(entries.begin(), entries.end(), [](const MMEntry& x, const MMEntry& y) { return x.row < y.row; });
  for (const MMEntry& e : entries) send[static_cast<std::size_t>(block_owner(n, p, e.row))] += int(sizeof(MMEntry));
  MPI_Alltoall(send.data(), 1, MPI_INT, recv.data(), 1, MPI_INT, comm);
  std::vector<int> sd(static_cast<std::size_t>(p), 0), rd(static_cast<std::size_t>(p), 0);
  for (int r = 1; r < p; ++r) {
    sd[r] = sd[r - 1] + send[r - 1];
    rd[r] = rd[r - 1] + recv[r - 1];
  }
  std::vector<MMEntry> mine(static_cast<std::size_t>(rd[p - 1] + recv[p - 1]) / sizeof(MMEntry));
  MPI_Alltoallv(entries.data(), send.data(), sd.data(), MPI_BYTE, mine.data(), recv.data(), rd.data(), MPI_BYTE, comm);
  std::vector<MMEntry>().swap(entries);
  const std::int64_t b = block_begin(n, p, rank), e = block_begin(n, p, rank + 1);
  std::vector<PetscInt> ptr(static_cast<std::size_t>(e - b) + 1, 0), cols(mine.size());
  std::vector<double> vals(mine.size());
  for (const MMEntry& x : mine) ++ptr[static_cast<std::size_t>(x.row - b) + 1];
  for (std::size_t i = 1; i < ptr.size(); ++i) ptr[i] += ptr[i - 1];
  std::vector<PetscInt> fill(ptr.begin(), ptr.end() - 1);
  for (const MMEntry& x : mine) {
    const PetscInt k = fill[static_cast<std::size_t>(x.row - b)]++;
    cols[static_cast<std::size_t>(k)] = x.col;
    vals[static_cast<std::size_t>(k)] = x.value;
  }
  return graph_from_csr(comm, n, ptr, cols, vals);
}

/// This rank's lines of the data part [data_begin, size) of a plain file: the lines whose
/// first byte lies in its byte range.
inline std::string read_my_lines(std::FILE* f, const std::string& path, long long data_begin, long long size, int p,
                                 int rank) {
  const long long length = size - data_begin;
  const long long b = data_begin + length * rank / p, e = data_begin + length * (rank + 1) / p;
  if (b >= e) return {};
  const long long from = b > data_begin ? b - 1 : b;  // one byte before: is b a line start?
  std::string chunk(static_cast<std::size_t>(e - from), '\0');
  if (std::fseek(f, from, SEEK_SET) != 0 || std::fread(&chunk[0], 1, chunk.size(), f) != chunk.size())
    spectrakit::detail::io_fail("read_matrix_market", path, 0, "read error");
  if (chunk.back() != '\n') {  // complete the last line
    int c = 0;
    while ((c = std::fgetc(f)) != EOF) {
      chunk.push_back(static_cast<char>(c));
      if (c == '\n') break;
    }
  }
  std::size_t start = 0;
  if (b > data_begin) {
    const std::size_t nl = chunk.find('\n');
    if (nl == std::string::npos || static_cast<long long>(nl) + from + 1 >= e) return {};
    start = nl + 1;
  }
  return chunk.substr(start);
}

}  // namespace detail

/// @brief Reads a Matrix Market file into a distributed graph, in parallel: each of the p ranks
/// reads and parses about 1/p of the file's bytes (the lines that start in its byte range),
/// then the entries go to the owners of their rows (balanced contiguous blocks, PETSC_DECIDE's
/// distribution). Collective.
///
/// Same rules as the serial spectrakit::read_matrix_market(): coordinate real/integer/pattern,
/// general/symmetric (mirrored)/skew-symmetric, duplicates summed, comments and blank lines
/// skipped, CRLF accepted, and the same io_error messages naming the file and the line (the
/// first bad line of the file wins, whichever rank found it). Not read in parallel: gzip files
/// and the array format, which rank 0 reads with the serial reader and scatters by rows (rank 0
/// then holds the whole matrix once). The graph rules of graph_from_csr() apply on top:
/// a skew-symmetric, negative, or asymmetric matrix is invalid_input.
///
/// @param comm the communicator (every rank calls, with the same path)
/// @param path the file, visible to every rank (a shared file system on a cluster)
/// @return the graph
/// @throws io_error on every rank when the file cannot be opened or read or is malformed;
/// invalid_input on every rank when it is not square or not a valid adjacency
/// @par Memory
/// About (file bytes)/p for the text plus 16 bytes per stored entry (32 for a symmetric file)
/// on each rank, then the PETSc matrix (12 bytes per nonzero and 4 per row).
[[nodiscard]] inline DistributedGraph read_matrix_market(MPI_Comm comm, const std::string& path) {
  const char* function = "read_matrix_market";
  detail::require_initialized(function);
  const int p = detail::comm_size(comm), rank = detail::comm_rank(comm);
  std::unique_ptr<std::FILE, spectrakit::detail::FileCloser> file;
  bool gzip = false;
  long long size = 0;
  detail::collectively(comm, [&] {
    file.reset(std::fopen(path.c_str(), "rb"));
    if (!file) spectrakit::detail::io_fail(function, path, 0, std::string("cannot open: ") + std::strerror(errno));
    unsigned char magic[2] = {0, 0};
    gzip = std::fread(magic, 1, 2, file.get()) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    if (std::fseek(file.get(), 0, SEEK_END) != 0) spectrakit::detail::io_fail(function, path, 0, "cannot seek");
    size = std::ftell(file.get());
  });
  // The header, read by every rank from the start of the file (doubling the prefix until the
  // size line is in it).
  MatrixMarketHeader h;
  long long data_begin = 0;
  std::size_t header_lines = 0;
  if (!gzip) {
    detail::collectively(comm, [&] {
      for (long long want = 1 << 16;; want *= 2) {
        const long long take = std::min(want, size);
        std::string prefix(static_cast<std::size_t>(take), '\0');
        if (std::fseek(file.get(), 0, SEEK_SET) != 0 ||
            std::fread(&prefix[0], 1, prefix.size(), file.get()) != prefix.size())
          spectrakit::detail::io_fail(function, path, 0, "read error");
        if (take < size) prefix.resize(prefix.rfind('\n') == std::string::npos ? 0 : prefix.rfind('\n') + 1);
        try {
          spectrakit::detail::LineCursor cursor(prefix, function, path);
          h = spectrakit::detail::read_mm_header(cursor, function);
          data_begin = static_cast<long long>(prefix.size() - cursor.remaining());
          header_lines = cursor.line();
          return;
        } catch (const io_error& e) {  // the prefix may have cut the header short: read more
          const std::string m = e.what();
          const bool short_prefix = m.find("ends before the size line") != std::string::npos ||
                                    m.find("is empty: expected") != std::string::npos;
          if (take >= size || !short_prefix) throw;
        }
      }
    });
  }
  if (gzip || !h.coordinate) {
    // Rank 0 reads with the serial reader, then every rank takes its block of rows.
    Eigen::SparseMatrix<double, Eigen::RowMajor, int> a;
    detail::collectively(comm, [&] {
      if (rank == 0) a = spectrakit::read_matrix_market(path);
    });
    long long dims[2] = {a.rows(), a.cols()};
    MPI_Bcast(dims, 2, MPI_LONG_LONG, 0, comm);
    if (dims[0] != dims[1])
      detail::fail(function, "path", "must hold a square matrix, got " + std::to_string(dims[0]) + "x" + std::to_string(dims[1]));
    std::vector<detail::MMEntry> entries;
    if (rank == 0)
      for (Eigen::Index i = 0; i < a.outerSize(); ++i)
        for (decltype(a)::InnerIterator it(a, i); it; ++it)
          entries.push_back({static_cast<PetscInt>(i), static_cast<PetscInt>(it.col()), it.value()});
    a = {};
    return detail::graph_from_entries(comm, dims[0], entries);
  }
  // The serial reader's bound on what a header alone may make it allocate (docs/errors.md).
  const long double index_bytes = 4.0L * (static_cast<long double>(h.rows) + h.cols + 2);
  const std::size_t budget = spectrakit::detail::header_budget(static_cast<std::size_t>(size));
  if (index_bytes > static_cast<long double>(budget)) {
    std::ostringstream os;
    os.precision(0);
    os << std::fixed << "size line: the index arrays would need " << index_bytes << " bytes, more than a file of "
       << size << " bytes can justify (at most " << budget << "; see docs/errors.md)";
    spectrakit::detail::io_fail(function, path, header_lines, os.str());  // the same on every rank
  }
  if (h.rows != h.cols)
    detail::fail(function, "path", "must hold a square matrix, got " + std::to_string(h.rows) + "x" + std::to_string(h.cols));
  std::string text;
  detail::collectively(comm, [&] { text = detail::read_my_lines(file.get(), path, data_begin, size, p, rank); });
  file.reset();
  // Line numbers: this rank's first line follows the header and the lower ranks' lines.
  long long my_lines = 0;
  for (char c : text) my_lines += c == '\n' ? 1 : 0;
  if (!text.empty() && text.back() != '\n') ++my_lines;
  long long before = 0;
  MPI_Exscan(&my_lines, &before, 1, MPI_LONG_LONG, MPI_SUM, comm);
  if (rank == 0) before = 0;
  const std::size_t base = header_lines + static_cast<std::size_t>(before);
  // Parse; a local error is kept with its global line, the lowest line wins.
  const bool mirror = h.symmetry != MatrixMarketSymmetry::general;
  const double mirror_sign = h.symmetry == MatrixMarketSymmetry::skew_symmetric ? -1.0 : 1.0;
  std::vector<detail::MMEntry> entries;
  std::vector<std::size_t> entry_line;  // local line of each entry, to place "more entries than"
  long long bad_line = std::numeric_limits<long long>::max();
  std::string bad_message;
  try {
    spectrakit::detail::LineCursor cursor(text, function, path);
    const char* b = nullptr;
    const char* e = nullptr;
    while (cursor.next(b, e)) {
      const char* q = spectrakit::detail::skip_blanks(b, e);
      if (q == e || *q == '%') continue;
      long long i = 0, j = 0;
      spectrakit::detail::parse_integer(q, e, i, cursor, "row index");
      if (!spectrakit::detail::parse_integer(q, e, j, cursor, "column index")) cursor.fail("missing the column index");
      if (i < 1 || i > h.rows) cursor.fail("row index " + std::to_string(i) + " outside [1, " + std::to_string(h.rows) + "]");
      if (j < 1 || j > h.cols)
        cursor.fail("column index " + std::to_string(j) + " outside [1, " + std::to_string(h.cols) + "]");
      const double v = spectrakit::detail::read_mm_value(q, e, h, cursor);
      if (!spectrakit::detail::blank_line(q, e)) cursor.fail("unexpected text after the entry");
      if (h.symmetry == MatrixMarketSymmetry::skew_symmetric && i == j)
        cursor.fail("a skew-symmetric matrix has a zero diagonal");
      const auto r = static_cast<PetscInt>(i - 1), c = static_cast<PetscInt>(j - 1);
      entries.push_back({r, c, v});
      if (mirror && r != c) entries.push_back({c, r, mirror_sign * v});
      entry_line.push_back(cursor.line());
    }
  } catch (const io_error& x) {
    const std::string m = detail::shift_line(x.what(), path, base);
    const std::size_t at = m.find(" line ");
    bad_line = at == std::string::npos ? 0 : std::stoll(m.substr(at + 6));
    bad_message = m;
  }
  // The entry count: "more entries than announced" at the line of entry number entries + 1.
  long long count = static_cast<long long>(entry_line.size()), count_before = 0, total = 0;
  MPI_Exscan(&count, &count_before, 1, MPI_LONG_LONG, MPI_SUM, comm);
  if (rank == 0) count_before = 0;
  MPI_Allreduce(&count, &total, 1, MPI_LONG_LONG, MPI_SUM, comm);
  if (count_before + count > h.entries && count_before <= h.entries) {
    const std::size_t k = static_cast<std::size_t>(h.entries - count_before);
    const long long line = static_cast<long long>(base + entry_line[k]);
    if (line < bad_line) {
      bad_line = line;
      bad_message = "spectrakit::read_matrix_market: file '" + path + "' line " + std::to_string(line) +
                    ": more entries than the size line announces (" + std::to_string(h.entries) + ")";
    }
  }
  long long first_bad = 0;
  MPI_Allreduce(&bad_line, &first_bad, 1, MPI_LONG_LONG, MPI_MIN, comm);
  detail::LocalError err;
  if (first_bad != std::numeric_limits<long long>::max()) {
    if (bad_line == first_bad) err.set(2, bad_message);
  } else if (total < h.entries && rank == p - 1) {
    long long all_lines = 0;
    all_lines = static_cast<long long>(base) + my_lines;
    err.set(2, "spectrakit::read_matrix_market: file '" + path + "' line " + std::to_string(all_lines) + ": ends after " +
                   std::to_string(total) + " of the " + std::to_string(h.entries) + " announced entries");
  }
  // Every rank calls agree(); the message is the one of the lowest failing rank = lowest line.
  detail::agree(comm, err);
  std::string().swap(text);
  return detail::graph_from_entries(comm, h.rows, entries);
}

}  // namespace distributed
}  // namespace spectrakit

#endif  // SPECTRAKIT_DISTRIBUTED_MATRIX_MARKET_HPP

// Fuzz target: the gzip path of the readers. An input that starts with the gzip magic bytes
// (1f 8b) is written as it is (corrupt and truncated streams, bombs within the fuzzer's memory
// limit); any other input is gzip-compressed first, so the reader inflates it and parses the
// text. Either the read throws spectrakit::io_error or it agrees with reading the plain text.
#include <Eigen/SparseCore>
#include <spectrakit/io/matrix_market.hpp>
#include <vector>
#include <zlib.h>

#include "fuzz_common.hpp"

namespace {

std::vector<unsigned char> gzip(const std::uint8_t* data, std::size_t size) {
  z_stream z{};
  spectrakit_fuzz::require(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK, "deflateInit2");
  std::vector<unsigned char> out(deflateBound(&z, static_cast<uLong>(size)) + 32);
  z.next_in = const_cast<Bytef*>(data);
  z.avail_in = static_cast<uInt>(size);
  z.next_out = out.data();
  z.avail_out = static_cast<uInt>(out.size());
  spectrakit_fuzz::require(deflate(&z, Z_FINISH) == Z_STREAM_END, "deflate");
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

}  // namespace

SPECTRAKIT_FUZZ_ENTRY(matrix_market_gz) {
  using spectrakit_fuzz::require;
  static spectrakit_fuzz::ScratchFile file(".mtx.gz");
  static spectrakit_fuzz::ScratchFile plain(".mtx");
  const bool raw = size >= 2 && data[0] == 0x1f && data[1] == 0x8b;
  if (raw) {
    file.write(data, size);
  } else {
    const std::vector<unsigned char> z = gzip(data, size);
    file.write(z.data(), z.size());
    plain.write(data, size);
  }
  try {
    const Eigen::SparseMatrix<double> a = spectrakit::read_matrix_market(file.path());
    for (Eigen::Index k = 0; k < a.nonZeros(); ++k) require(std::isfinite(a.valuePtr()[k]), "a non-finite value");
    if (!raw) {
      const Eigen::SparseMatrix<double> b = spectrakit::read_matrix_market(plain.path());
      require(a.rows() == b.rows() && a.cols() == b.cols() && a.nonZeros() == b.nonZeros(), "gzip and plain reads differ");
      const Eigen::SparseMatrix<double> d = a - b;
      for (Eigen::Index k = 0; k < d.nonZeros(); ++k) require(d.valuePtr()[k] == 0.0, "gzip and plain reads differ");
    }
  } catch (const spectrakit::io_error&) {
    if (!raw) {  // the plain text must be rejected too
      bool rejected = false;
      try {
        (void)spectrakit::read_matrix_market(plain.path());
      } catch (const spectrakit::io_error&) {
        rejected = true;
      }
      require(rejected, "the gzip read failed where the plain read succeeds");
    }
  }
  return 0;
}

// Fuzz target: read_matrix_market and read_matrix_market_dense on arbitrary bytes. Every read
// either throws spectrakit::io_error or returns a matrix that agrees with its header (sizes,
// finite values, symmetric when the file says so, dense == sparse); anything else aborts.
#include <Eigen/Core>
#include <Eigen/SparseCore>
#include <spectrakit/io/matrix_market.hpp>

#include "fuzz_common.hpp"

SPECTRAKIT_FUZZ_ENTRY(matrix_market) {
  using spectrakit_fuzz::require;
  static spectrakit_fuzz::ScratchFile file(".mtx");
  const std::string& path = file.write(data, size);
  spectrakit::MatrixMarketHeader h;
  try {
    h = spectrakit::read_matrix_market_header(path);
  } catch (const spectrakit::io_error&) {
    return 0;
  }
  try {
    const Eigen::SparseMatrix<double> a = spectrakit::read_matrix_market(path);
    require(a.rows() == h.rows && a.cols() == h.cols, "sizes differ from the header");
    for (Eigen::Index k = 0; k < a.nonZeros(); ++k) require(std::isfinite(a.valuePtr()[k]), "a non-finite value");
    if (h.symmetry != spectrakit::MatrixMarketSymmetry::general) {
      const Eigen::SparseMatrix<double> t = a.transpose();
      const double sign = h.symmetry == spectrakit::MatrixMarketSymmetry::symmetric ? 1.0 : -1.0;
      const Eigen::SparseMatrix<double> d = a - sign * t;
      for (Eigen::Index k = 0; k < d.nonZeros(); ++k) require(d.valuePtr()[k] == 0.0, "not (skew-)symmetric");
    }
    if (double(a.rows()) * double(a.cols()) <= 1e5) {
      const Eigen::MatrixXd dense = spectrakit::read_matrix_market_dense(path);
      require(dense == Eigen::MatrixXd(a), "dense and sparse reads differ");
    }
  } catch (const spectrakit::io_error&) {
  }
  return 0;
}

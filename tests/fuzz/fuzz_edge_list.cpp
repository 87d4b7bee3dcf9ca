// Fuzz target: read_edge_list on arbitrary bytes, with each way of combining duplicate edges.
// Every read either throws spectrakit::io_error or returns a symmetric, nonnegative, finite
// adjacency with one id per node; anything else aborts.
#include <Eigen/SparseCore>
#include <spectrakit/io/edge_list.hpp>

#include "fuzz_common.hpp"

SPECTRAKIT_FUZZ_ENTRY(edge_list) {
  using spectrakit_fuzz::require;
  static spectrakit_fuzz::ScratchFile file(".txt");
  const std::string& path = file.write(data, size);
  for (const auto mode : {spectrakit::DuplicateEdges::last, spectrakit::DuplicateEdges::sum}) {
    spectrakit::EdgeListOptions options;
    options.duplicates = mode;
    try {
      const spectrakit::EdgeListGraph g = spectrakit::read_edge_list(path, options);
      const Eigen::SparseMatrix<double>& a = g.adjacency;
      require(a.rows() == a.cols() && a.rows() == Eigen::Index(g.node_ids.size()), "sizes and ids differ");
      for (Eigen::Index k = 0; k < a.nonZeros(); ++k)
        require(a.valuePtr()[k] >= 0 && a.valuePtr()[k] <= std::numeric_limits<double>::max(), "a bad weight");
      const Eigen::SparseMatrix<double> d = a - Eigen::SparseMatrix<double>(a.transpose());
      for (Eigen::Index k = 0; k < d.nonZeros(); ++k)
        require(d.valuePtr()[k] == 0.0, "not symmetric");
    } catch (const spectrakit::io_error&) {
      return 0;  // the same text is rejected in every mode
    }
  }
  return 0;
}

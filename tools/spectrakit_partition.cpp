// spectrakit-partition: spectral partitioning of a graph file from the command line.
//
//   spectrakit-partition GRAPH [--parts K] [--normalized] [--median] [--svg FILE] [--out FILE]
//                        [--svg-max-nodes N] [--max-nodes N] [--seed S] [--quiet] [--help]
//
// Reads a Matrix Market (.mtx, .mtx.gz) or edge-list file, prints the size, the components,
// the algebraic connectivity lambda_2, the partition sizes and the cut weight, writes one label
// per node and draws the graph (stress majorization from the spectral coordinates) as an SVG
// picture. With no GRAPH it runs on Zachary's karate club, built in. The work is done by
// spectrakit::tools::run_partition() (partition_tool.hpp), which the fuzz target shares.
// Exit status: 0 success, 1 internal error, 2 usage, 3 bad input, 4 out of memory, 5 output.
// With --distributed (a build with SPECTRAKIT_WITH_SLEPC) the work is done on PETSc/SLEPc under
// MPI by spectrakit::tools::run_partition_distributed() (partition_distributed.hpp).
#include <cstring>
#include <iostream>

#include "partition_tool.hpp"
#if defined(SPECTRAKIT_WITH_SLEPC)
#include "partition_distributed.hpp"
#endif

int main(int argc, char** argv) {
#if defined(SPECTRAKIT_WITH_SLEPC)
  for (int i = 1; i < argc; ++i)
    if (std::strcmp(argv[i], "--distributed") == 0)
      return spectrakit::tools::run_partition_distributed(argc, argv, std::cout, std::cerr);
#endif
  return spectrakit::tools::run_partition(argc, argv, std::cout, std::cerr);
}

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
#include <iostream>

#include "partition_tool.hpp"

int main(int argc, char** argv) { return spectrakit::tools::run_partition(argc, argv, std::cout, std::cerr); }

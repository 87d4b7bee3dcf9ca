// The compile-time benchmark's user program (scripts/compile_times.sh): read a graph, print
// its Fiedler value, as a new user would write it.
#include <spectrakit/graph.hpp>
#include <spectrakit/io.hpp>

#include <iostream>

int main(int argc, char** argv) {
  if (argc < 2) return 2;
  const auto a = spectrakit::read_matrix_market(argv[1]);
  const auto f = spectrakit::fiedler_vector(a);
  std::cout << "lambda_2 = " << f.value << " (" << spectrakit::to_string(f.status) << ")\n";
  return f.converged() ? 0 : 1;
}

// The compile-time benchmark's smallest program (scripts/compile_times.sh): the umbrella
// header and one trivial call.
#include <spectrakit/spectrakit.hpp>

int main() { return spectrakit::hilbert_matrix(3)(0, 0) > 0 ? 0 : 1; }

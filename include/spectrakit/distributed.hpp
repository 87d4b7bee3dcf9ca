/// @file distributed.hpp
/// @brief The optional distributed module (PETSc/SLEPc under MPI; CMake option
/// SPECTRAKIT_WITH_SLEPC, target spectrakit::slepc): DistributedGraph, the parallel Matrix
/// Market reader, Laplacians, degrees, connected components, the Fiedler vector, the smallest
/// eigenpairs, spectral and recursive bisection. See docs/distributed.md.
#ifndef SPECTRAKIT_DISTRIBUTED_HPP
#define SPECTRAKIT_DISTRIBUTED_HPP

#include "spectrakit/distributed/detail/petsc.hpp"
#include "spectrakit/distributed/graph.hpp"
#include "spectrakit/distributed/matrix_market.hpp"
#include "spectrakit/distributed/partition.hpp"
#include "spectrakit/distributed/spectral.hpp"

#endif  // SPECTRAKIT_DISTRIBUTED_HPP

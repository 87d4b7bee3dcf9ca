/// @file low_rank.hpp
/// @brief Module low_rank: epsilon-rank, numerical rank, best rank-k approximation
/// (Eckart-Young), Hilbert and Vandermonde matrices, the Sylvester equation and displacement
/// ranks. See docs/low_rank.md and docs/sylvester.md.
#ifndef SPECTRAKIT_LOW_RANK_HPP
#define SPECTRAKIT_LOW_RANK_HPP

#include "error.hpp"
#include "low_rank/approximation.hpp"
#include "low_rank/epsilon_rank.hpp"
#include "low_rank/structured_matrices.hpp"
#include "low_rank/sylvester.hpp"
#include "version.hpp"

#endif  // SPECTRAKIT_LOW_RANK_HPP

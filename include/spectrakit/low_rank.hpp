/// @file low_rank.hpp
/// @brief Module low_rank: epsilon-rank, numerical rank, best rank-k approximation
/// (Eckart-Young), Hilbert and Vandermonde matrices. See docs/low_rank.md.
#ifndef SPECTRAKIT_LOW_RANK_HPP
#define SPECTRAKIT_LOW_RANK_HPP

#include "error.hpp"
#include "low_rank/approximation.hpp"
#include "low_rank/epsilon_rank.hpp"
#include "low_rank/structured_matrices.hpp"
#include "version.hpp"

#endif  // SPECTRAKIT_LOW_RANK_HPP

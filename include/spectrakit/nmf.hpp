/// @file nmf.hpp
/// @brief Module nmf: symmetric nonnegative matrix factorization A ~ H H^T (H >= 0) by
/// projected gradient, alternating HALS and a damped multiplicative rule, for dense and sparse
/// A; its objective and gradient; cluster labels. See docs/nmf.md.
#ifndef SPECTRAKIT_NMF_HPP
#define SPECTRAKIT_NMF_HPP

#include "error.hpp"
#include "nmf/objective.hpp"
#include "nmf/symnmf.hpp"
#include "version.hpp"

#endif  // SPECTRAKIT_NMF_HPP

/// @file spectrakit.hpp
/// @brief The whole library: includes every module header.
#ifndef SPECTRAKIT_SPECTRAKIT_HPP
#define SPECTRAKIT_SPECTRAKIT_HPP

#include "eigen.hpp"
#include "error.hpp"
#include "graph.hpp"
#include "hessian.hpp"
#include "image.hpp"
#include "io.hpp"
#include "low_rank.hpp"
#include "nmf.hpp"
#include "norms.hpp"
#include "version.hpp"

#endif  // SPECTRAKIT_SPECTRAKIT_HPP

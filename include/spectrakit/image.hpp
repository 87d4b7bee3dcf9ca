/// @file image.hpp
/// @brief Module image: Hessians of 2-D images by 3-point differences and by Gaussian derivative
/// kernels, their per-pixel eigenvalues, and Frangi's vesselness filter. See docs/image.md.
#ifndef SPECTRAKIT_IMAGE_HPP
#define SPECTRAKIT_IMAGE_HPP

#include "error.hpp"
#include "image/finite_difference.hpp"
#include "image/frangi.hpp"
#include "image/gaussian_hessian.hpp"
#include "image/hessian_eigenvalues.hpp"
#include "image/types.hpp"
#include "version.hpp"

#endif  // SPECTRAKIT_IMAGE_HPP

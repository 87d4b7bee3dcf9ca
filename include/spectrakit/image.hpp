/// @file image.hpp
/// @brief Module image: Hessians of 2-D images by 3-point differences and by Gaussian derivative
/// kernels, their per-pixel eigenvalues, and Frangi's vesselness filter; the same for volumes
/// (Volume, image_hessian_3d, hessian_eigenvalues_3d, frangi_vesselness_3d). See docs/image.md.
#ifndef SPECTRAKIT_IMAGE_HPP
#define SPECTRAKIT_IMAGE_HPP

#include "error.hpp"
#include "image/finite_difference.hpp"
#include "image/frangi.hpp"
#include "image/frangi_3d.hpp"
#include "image/gaussian_hessian.hpp"
#include "image/hessian_3d.hpp"
#include "image/hessian_eigenvalues.hpp"
#include "image/types.hpp"
#include "image/volume.hpp"
#include "version.hpp"

#endif  // SPECTRAKIT_IMAGE_HPP

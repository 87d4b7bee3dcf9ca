/// @file io.hpp
/// @brief Module io: Matrix Market files (read and write, optionally gzip-compressed) and
/// edge-list files. See docs/graph.md.
#ifndef SPECTRAKIT_IO_HPP
#define SPECTRAKIT_IO_HPP

#include "error.hpp"
#include "io/edge_list.hpp"
#include "io/matrix_market.hpp"
#include "version.hpp"

#endif  // SPECTRAKIT_IO_HPP

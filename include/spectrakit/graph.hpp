/// @file graph.hpp
/// @brief Module graph: Laplacians, connected components, the Fiedler vector, spectral
/// partitioning, embedding and clustering, similarity graphs, k-means and spectral
/// reconstruction. Graph files are read by io.hpp. See docs/graph.md.
#ifndef SPECTRAKIT_GRAPH_HPP
#define SPECTRAKIT_GRAPH_HPP

#include "error.hpp"
#include "graph/clustering.hpp"
#include "graph/components.hpp"
#include "graph/embedding.hpp"
#include "graph/fiedler.hpp"
#include "graph/kmeans.hpp"
#include "graph/laplacian.hpp"
#include "graph/partition.hpp"
#include "graph/reconstruction.hpp"
#include "graph/similarity.hpp"
#include "version.hpp"

#endif  // SPECTRAKIT_GRAPH_HPP

/// @file detail/amg.hpp
/// @brief Internals (solver layer): an aggregation-based algebraic multigrid preconditioner for
/// graph Laplacians, applied as one symmetric V-cycle to a block of vectors.
///
/// What it preconditions. The operator is L itself (symmetric positive semidefinite, both
/// triangles stored), optionally shifted: A = L + sigma I with sigma = AmgOptions::shift
/// (default 0). With sigma = 0 nothing is shifted: L's null space (one constant vector per
/// connected component) is kept exactly by every level (the tentative prolongator contains the
/// aggregate-wise constants), a component that collapses into one coarse vertex has a coarse row
/// that is zero up to rounding and drops out of the next level, and the coarsest level is solved
/// with the pseudo-inverse of its dense matrix. The V-cycle B is nevertheless symmetric positive
/// definite on all of R^n (its smoothing part is), which is what LOBPCG needs; the solver projects
/// the known null space out of B r itself, so B's action on it does not matter.
///
/// Setup (per level, O(nnz) each; levels shrink geometrically):
///  1. Strength of connection, symmetric and scale-free: j is a strong neighbour of i when
///     |a_ij| >= theta * min(m_i, m_j), m_i = max_{k != i} |a_ik| (each vertex's strongest
///     link is strong). It depends on no diagonal, so a hub of degree 10^4 does not make its
///     edges weak (the classical |a_ij| >= theta sqrt(a_ii a_jj) does), and it is invariant under
///     scaling the weights, so weights spanning 1e-8..1e8 are compared only with their
///     neighbours'.
///  2. Greedy aggregation of Vanek, Mandel and Brezina (1996), three passes: a vertex whose
///     strong neighbours are all free starts an aggregate with them; a free vertex joins the
///     aggregate of its strongest aggregated neighbour; the rest form aggregates with their free
///     strong neighbours. Vertices without off-diagonal entries (isolated ones, collapsed
///     components) join no aggregate (zero row of the prolongator; the smoother treats them).
///  3. Tentative prolongator P0: P0(i, agg(i)) = 1 / sqrt(|agg|) (orthonormal columns; the
///     near-null vector is the constant).
///  4. Prolongator smoothing P = (I - omega D^{-1} A) P0, omega = 4 / (3 rho), rho the
///     Gershgorin bound of D^{-1} A (smoothed aggregation, Vanek-Mandel-Brezina), on
///     mesh-like levels only: on a level with hubs (max degree > AmgOptions::hub_ratio times the
///     mean degree) the smoothed Galerkin product would be nearly dense (a scale-free graph
///     has diameter ~ log n), so P = P0 there (plain aggregation, as LAMG does on such graphs:
///     O. E. Livne and A. Brandt, "Lean algebraic multigrid (LAMG)", SIAM J. Sci. Comput. 34
///     (2012)). A smoothed level whose Galerkin product grows past 2 nnz(A) is redone with P0.
///  5. Galerkin coarse operator A_c = P^T A P.
/// Coarsening stops at AmgOptions::max_coarse vertices, or when a level shrinks by less than
/// 10 %, or after max_levels; the coarsest matrix (at most dense_limit vertices; beyond that it is
/// only smoothed) is eigen-decomposed once and applied as its pseudo-inverse (eigenvalues below
/// n_c eps max|lambda| dropped).
///
/// Smoother: Chebyshev polynomial of degree AmgOptions::degree in D^{-1} A on the interval
/// [rho / 30, 1.1 rho] with rho the Gershgorin bound (an upper bound, so the polynomial never
/// amplifies), pre and post alike: M = p(D^{-1}A) D^{-1} is symmetric, ||I - M A|| < 1 in the
/// A-norm, and the V-cycle B = (2M - MAM) + (I - MA) P B_c P^T (I - AM) is symmetric positive
/// definite. Reference: M. Adams, M. Brezina, J. Hu and R. Tuminaro, "Parallel multigrid
/// smoothing: polynomial versus Gauss-Seidel", J. Comput. Phys. 188 (2003); Y. Saad, Iterative
/// Methods for Sparse Linear Systems, 2nd ed., sec. 12.3 (the three-term Chebyshev recurrence).
///
/// References: P. Vanek, J. Mandel and M. Brezina, "Algebraic multigrid by smoothed aggregation
/// for second and fourth order elliptic problems", Computing 56 (1996) 179-196; W. L. Briggs,
/// V. E. Henson and S. F. McCormick, A Multigrid Tutorial, 2nd ed., SIAM 2000, ch. 8.
///
/// Cost: setup O(nnz(A)) per level; apply(x, y) with k columns costs
/// about (4 degree + 2) k nnz_total flops, nnz_total = operator_complexity() * nnz(A): 2 degree
/// passes over each level's rows, each a product with the level's matrix fused with the
/// smoother's vector updates, on row-major blocks (detail/block_spmv.hpp) in buffers kept
/// between calls.
/// Threads: the sparse products and the smoother run on Eigen::nbThreads() OpenMP threads
/// (one thread owns each output row, so the result does not depend on the thread count).
#ifndef SPECTRAKIT_DETAIL_AMG_HPP
#define SPECTRAKIT_DETAIL_AMG_HPP

#include <Eigen/Core>
#include <Eigen/Eigenvalues>
#include <Eigen/SparseCore>
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <utility>
#include <vector>

#include "block_spmv.hpp"  // RowBlock, WorkBuffer, for_each_product_row, product_rows
#include "config.hpp"

namespace spectrakit {
namespace detail {

/// Options of AmgPreconditioner. Validated by AmgPreconditioner::compute().
template <typename Scalar>
struct AmgOptions {
  /// Diagonal shift sigma >= 0: the hierarchy is built for L + sigma I. Default 0 (L itself).
  Scalar shift = Scalar(0);
  /// Strength threshold theta in (0, 1]: |a_ij| >= theta min(m_i, m_j). Default 0.25.
  Scalar strength = Scalar(0.25);
  /// Degree of the Chebyshev smoother, >= 1, used before and after the coarse correction.
  /// Default 3 (V-cycle factor ~0.4 on 2-D/3-D Poisson and Barabasi-Albert graphs; 0.6 with 2).
  int degree = 3;
  /// Coarsening stops at or below this many vertices (>= 1). Default 200.
  Eigen::Index max_coarse = 200;
  /// The coarsest level is solved densely up to this many vertices; above (coarsening stalled)
  /// it is only smoothed. Default 2000.
  Eigen::Index dense_limit = 2000;
  /// Maximum number of levels (>= 1). Default 25.
  int max_levels = 25;
  /// A level whose max degree exceeds hub_ratio times its mean degree gets the unsmoothed
  /// prolongator (see the file comment). Default 8.
  Scalar hub_ratio = Scalar(8);
};

/// Aggregation-based algebraic multigrid V-cycle for L + sigma I (see the file comment for the
/// algorithms and references). Not copyable by accident: it is a value (copyable) but large.
template <typename Scalar>
class AmgPreconditioner {
 public:
  using Index = Eigen::Index;
  using SpMat = Eigen::SparseMatrix<Scalar, Eigen::ColMajor, int>;
  using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;

  AmgPreconditioner() = default;
  /// Same as compute(l, options).
  explicit AmgPreconditioner(const SpMat& l, const AmgOptions<Scalar>& options = {}) { compute(l, options); }

  /// Builds the hierarchy for l + options.shift I. l: square, symmetric, both triangles
  /// stored (not checked: the caller validated it). Cost O(nnz(l)) per level.
  void compute(const SpMat& l, const AmgOptions<Scalar>& options = {}) {
    options_ = options;
    if (!(options_.shift >= Scalar(0))) options_.shift = Scalar(0);
    if (!(options_.strength > Scalar(0)) || options_.strength > Scalar(1)) options_.strength = Scalar(0.25);
    options_.degree = std::max(1, options_.degree);
    options_.max_coarse = std::max<Index>(1, options_.max_coarse);
    options_.max_levels = std::max(1, options_.max_levels);
    // Eigen 3.4's SparseMatrix has no move constructor: std::move copies it, so the levels are
    // reserved (no reallocation of the vector) and their matrices swapped into place.
    levels_.clear();
    levels_.reserve(std::size_t(options_.max_levels));
    levels_.emplace_back();
    SpMat& a = levels_.back().a;
    a = l;
    if (options_.shift > Scalar(0)) {
      SpMat id(l.rows(), l.cols());
      id.setIdentity();
      a = (a + options_.shift * id).eval();
    }
    a.makeCompressed();
    while (true) {
      Level& fine = levels_.back();
      prepare_smoother(fine);
      const Index n = fine.a.rows();
      if (n <= options_.max_coarse || int(levels_.size()) >= options_.max_levels) break;
      SpMat p, pt, ac;
      if (!coarsen(fine, p, pt, ac)) break;
      fine.p.swap(p);
      fine.pt.swap(pt);
      levels_.emplace_back();
      levels_.back().a.swap(ac);
    }
    Level& coarsest = levels_.back();
    dense_coarse_ = coarsest.a.rows() <= options_.dense_limit;
    if (dense_coarse_) {
      const Matrix dense = Matrix(coarsest.a);
      Eigen::SelfAdjointEigenSolver<Matrix> eig(dense);
      const Vector& lambda = eig.eigenvalues();
      const Scalar top = lambda.size() ? lambda.cwiseAbs().maxCoeff() : Scalar(0);
      const Scalar floor = Scalar(lambda.size()) * std::numeric_limits<Scalar>::epsilon() * top;
      Index keep = 0;
      for (Index j = 0; j < lambda.size(); ++j)
        if (lambda(j) > floor) ++keep;
      coarse_vectors_.resize(dense.rows(), keep);
      coarse_inverse_.resize(keep);
      for (Index j = 0, c = 0; j < lambda.size(); ++j)
        if (lambda(j) > floor) {
          coarse_vectors_.col(c) = eig.eigenvectors().col(j);
          coarse_inverse_(c++) = Scalar(1) / lambda(j);
        }
    }
    work_.assign(levels_.size(), Workspace{});
  }

  /// Number of levels (1 = the fine level alone).
  int levels() const { return int(levels_.size()); }
  /// Number of rows of level `level` (0 = the finest).
  Index level_size(int level) const { return levels_[std::size_t(level)].a.rows(); }
  /// Operator complexity: sum of nnz(A_l) over the levels / nnz(A_0).
  double operator_complexity() const {
    double total = 0;
    for (const Level& lv : levels_) total += double(lv.a.nonZeros());
    return levels_.empty() || levels_[0].a.nonZeros() == 0 ? 1.0 : total / double(levels_[0].a.nonZeros());
  }
  /// Grid complexity: sum of the level sizes / n.
  double grid_complexity() const {
    double total = 0;
    for (const Level& lv : levels_) total += double(lv.a.rows());
    return levels_.empty() || levels_[0].a.rows() == 0 ? 1.0 : total / double(levels_[0].a.rows());
  }
  /// The operator of level 0 (l + shift I), for tests.
  const SpMat& matrix() const { return levels_[0].a; }
  Index rows() const { return levels_.empty() ? 0 : levels_[0].a.rows(); }
  Index cols() const { return rows(); }

  /// y = B x, one symmetric V-cycle for each column of x (n x k). Allocates its workspace on the
  /// first call for a given k and reuses it; one object must not be applied from two threads
  /// at once. Cost: about (4 degree + 2) k nnz_total flops (on row-major copies of x and y).
  void apply(const Eigen::Ref<const Matrix>& x, Eigen::Ref<Matrix> y) const {
    if (levels_.empty()) return;
    const Index n = rows(), k = x.cols();
    const std::size_t size = std::size_t(n) * std::size_t(k);
    Eigen::Map<RowBlock<Scalar>> in(reserve(in_, size), n, k), out(reserve(out_, size), n, k);
    in = x;
    vcycle(0, in.data(), out.data(), k);
    y = out;
  }

 private:
  struct Level {
    SpMat a;         // the level's operator
    SpMat p;         // prolongator to this level from the next (empty on the coarsest)
    SpMat pt;        // its transpose (the rows of p, for the prolongation)
    Vector dinv;     // 1 / D used by the smoother
    Scalar rho = 1;  // Gershgorin bound of D^{-1} A
  };
  struct Workspace {  // grown on demand, reused by every apply()
    WorkBuffer<Scalar> r, d, dn, bc, xc;
  };

  // Jacobi diagonal and Gershgorin bound. Rows without off-diagonal entries whose diagonal is
  // not clearly positive (collapsed components: zero up to rounding) use the level's mean
  // diagonal instead, so that M stays positive definite and bounded.
  void prepare_smoother(Level& lv) const {
    const Index n = lv.a.rows();
    lv.dinv.resize(n);
    Vector diag = Vector::Zero(n), offsum = Vector::Zero(n);
    std::vector<char> isolated(std::size_t(n), 1);
    for (Index j = 0; j < n; ++j)
      for (typename SpMat::InnerIterator it(lv.a, j); it; ++it) {
        if (it.index() == j) {
          diag(j) += it.value();
        } else if (it.value() != Scalar(0)) {
          offsum(j) += std::abs(it.value());
          isolated[std::size_t(j)] = 0;
        }
      }
    Scalar mean = Scalar(0);
    Index counted = 0;
    for (Index j = 0; j < n; ++j)
      if (diag(j) > Scalar(0)) {
        mean += diag(j);
        ++counted;
      }
    mean = counted ? mean / Scalar(counted) : Scalar(1);
    const Scalar tiny = std::sqrt(std::numeric_limits<Scalar>::epsilon()) * mean;
    Scalar rho = Scalar(0);
    for (Index j = 0; j < n; ++j) {
      Scalar d = diag(j);
      if (isolated[std::size_t(j)] ? !(d > tiny) : !(d > Scalar(0))) d = std::max(offsum(j), mean);
      lv.dinv(j) = Scalar(1) / d;
      rho = std::max(rho, (std::abs(diag(j)) + offsum(j)) / d);
    }
    lv.rho = rho > Scalar(0) ? rho : Scalar(1);
  }

  // Strength, aggregation, prolongator (and its transpose) and Galerkin product; false when
  // coarsening stalls.
  bool coarsen(const Level& lv, SpMat& p, SpMat& pt, SpMat& ac) const {
    const SpMat& a = lv.a;
    const Index n = a.rows();
    const int* outer = a.outerIndexPtr();
    const int* inner = a.innerIndexPtr();
    const Scalar* val = a.valuePtr();
    // Strongest link of each vertex and the degree statistics.
    Vector strongest = Vector::Zero(n);
    Index max_degree = 0, total_degree = 0;
    for (Index j = 0; j < n; ++j) {
      Index degree = 0;
      for (int q = outer[j]; q < outer[j + 1]; ++q)
        if (inner[q] != j && val[q] != Scalar(0)) {
          strongest(j) = std::max(strongest(j), std::abs(val[q]));
          ++degree;
        }
      max_degree = std::max(max_degree, degree);
      total_degree += degree;
    }
    const Scalar theta = options_.strength;
    auto strong = [&](Index i, int q) {
      const Index j = inner[q];
      return j != i && val[q] != Scalar(0) && std::abs(val[q]) >= theta * std::min(strongest(i), strongest(j));
    };
    // Three-pass greedy aggregation.
    std::vector<int> agg(std::size_t(n), -1);
    int count = 0;
    for (Index i = 0; i < n; ++i) {
      if (agg[std::size_t(i)] != -1 || strongest(i) == Scalar(0)) continue;
      bool free = true;
      for (int q = outer[i]; q < outer[i + 1] && free; ++q)
        if (strong(i, q) && agg[std::size_t(inner[q])] != -1) free = false;
      if (!free) continue;
      agg[std::size_t(i)] = count;
      for (int q = outer[i]; q < outer[i + 1]; ++q)
        if (strong(i, q)) agg[std::size_t(inner[q])] = count;
      ++count;
    }
    std::vector<int> pass2(agg);
    for (Index i = 0; i < n; ++i) {
      if (agg[std::size_t(i)] != -1 || strongest(i) == Scalar(0)) continue;
      Scalar best = Scalar(-1);
      for (int q = outer[i]; q < outer[i + 1]; ++q)
        if (strong(i, q) && agg[std::size_t(inner[q])] != -1 && std::abs(val[q]) > best) {
          best = std::abs(val[q]);
          pass2[std::size_t(i)] = agg[std::size_t(inner[q])];
        }
    }
    agg.swap(pass2);
    for (Index i = 0; i < n; ++i) {
      if (agg[std::size_t(i)] != -1 || strongest(i) == Scalar(0)) continue;
      agg[std::size_t(i)] = count;
      for (int q = outer[i]; q < outer[i + 1]; ++q)
        if (strong(i, q) && agg[std::size_t(inner[q])] == -1) agg[std::size_t(inner[q])] = count;
      ++count;
    }
    if (count == 0 || double(count) > 0.9 * double(n)) return false;
    // Tentative prolongator.
    std::vector<int> size(std::size_t(count), 0);
    for (Index i = 0; i < n; ++i)
      if (agg[std::size_t(i)] != -1) ++size[std::size_t(agg[std::size_t(i)])];
    std::vector<Eigen::Triplet<Scalar, int>> entries;
    entries.reserve(std::size_t(n));
    for (Index i = 0; i < n; ++i)
      if (agg[std::size_t(i)] != -1)
        entries.emplace_back(int(i), agg[std::size_t(i)],
                             Scalar(1) / std::sqrt(Scalar(size[std::size_t(agg[std::size_t(i)])])));
    SpMat p0(n, count);
    p0.setFromTriplets(entries.begin(), entries.end());
    const double mean_degree = n ? double(total_degree) / double(n) : 0.0;
    const bool hubs = double(max_degree) > double(options_.hub_ratio) * std::max(1.0, mean_degree);
    if (!hubs) {
      smoothed_prolongator(a, p0, lv.dinv, Scalar(4) / (Scalar(3) * lv.rho), p);
      pt = p.transpose();
      if (galerkin(a, p, pt, 2 * a.nonZeros(), ac)) {
        symmetrize(ac);
        return true;
      }
    }
    p.swap(p0);
    pt = p.transpose();
    galerkin(a, p, pt, std::numeric_limits<Index>::max(), ac);
    symmetrize(ac);
    return true;
  }

  // P = P0 - omega D^{-1} A P0, column by column (Gustavson's sparse product with a dense
  // accumulator; F. G. Gustavson, "Two fast algorithms for sparse matrices: multiplication and
  // permuted transposition", ACM TOMS 4 (1978)). Exact zeros are dropped.
  static void smoothed_prolongator(const SpMat& a, const SpMat& p0, const Vector& dinv, Scalar omega, SpMat& p) {
    const Index n = a.rows(), nc = p0.cols();
    std::vector<Scalar> acc(std::size_t(n), Scalar(0));
    std::vector<Index> seen(std::size_t(n), -1);
    std::vector<int> rows, outer(std::size_t(nc) + 1, 0), inner;
    std::vector<Scalar> values;
    inner.reserve(std::size_t(a.nonZeros()));
    values.reserve(std::size_t(a.nonZeros()));
    for (Index j = 0; j < nc; ++j) {
      rows.clear();
      auto touch = [&](int i) {
        if (seen[std::size_t(i)] != j) {
          seen[std::size_t(i)] = j;
          acc[std::size_t(i)] = Scalar(0);
          rows.push_back(i);
        }
      };
      for (typename SpMat::InnerIterator k(p0, j); k; ++k)
        for (typename SpMat::InnerIterator i(a, k.index()); i; ++i) {
          touch(int(i.index()));
          acc[std::size_t(i.index())] += i.value() * k.value();
        }
      for (int i : rows) acc[std::size_t(i)] *= -(omega * dinv(i));
      for (typename SpMat::InnerIterator k(p0, j); k; ++k) {
        touch(int(k.index()));
        acc[std::size_t(k.index())] += k.value();
      }
      std::sort(rows.begin(), rows.end());
      for (int i : rows)
        if (acc[std::size_t(i)] != Scalar(0)) {
          inner.push_back(i);
          values.push_back(acc[std::size_t(i)]);
        }
      outer[std::size_t(j) + 1] = int(inner.size());
    }
    p = Eigen::Map<const SpMat>(n, nc, Index(inner.size()), outer.data(), inner.data(), values.data());
  }

  // A_c = P^T A P, one coarse column at a time: A P(:, J) into a fine accumulator, then
  // P^T of it through the rows of P (the columns of pt) into a coarse one (Gustavson, as above);
  // no intermediate product is stored. false (ac unset) when nnz(A_c) would exceed `cap`.
  static bool galerkin(const SpMat& a, const SpMat& p, const SpMat& pt, Index cap, SpMat& ac) {
    const Index n = a.rows(), nc = p.cols();
    std::vector<Scalar> fine(std::size_t(n), Scalar(0)), coarse(std::size_t(nc), Scalar(0));
    std::vector<Index> seen_fine(std::size_t(n), -1), seen_coarse(std::size_t(nc), -1);
    std::vector<int> rows_fine, rows_coarse, outer(std::size_t(nc) + 1, 0), inner;
    std::vector<Scalar> values;
    for (Index j = 0; j < nc; ++j) {
      rows_fine.clear();
      for (typename SpMat::InnerIterator k(p, j); k; ++k)
        for (typename SpMat::InnerIterator i(a, k.index()); i; ++i) {
          const std::size_t r = std::size_t(i.index());
          if (seen_fine[r] != j) {
            seen_fine[r] = j;
            fine[r] = Scalar(0);
            rows_fine.push_back(int(r));
          }
          fine[r] += i.value() * k.value();
        }
      rows_coarse.clear();
      for (int r : rows_fine) {
        const Scalar v = fine[std::size_t(r)];
        if (v == Scalar(0)) continue;
        for (typename SpMat::InnerIterator c(pt, r); c; ++c) {
          const std::size_t q = std::size_t(c.index());
          if (seen_coarse[q] != j) {
            seen_coarse[q] = j;
            coarse[q] = Scalar(0);
            rows_coarse.push_back(int(q));
          }
          coarse[q] += c.value() * v;
        }
      }
      std::sort(rows_coarse.begin(), rows_coarse.end());
      for (int q : rows_coarse)
        if (coarse[std::size_t(q)] != Scalar(0)) {
          inner.push_back(q);
          values.push_back(coarse[std::size_t(q)]);
        }
      outer[std::size_t(j) + 1] = int(inner.size());
      if (Index(inner.size()) > cap) return false;
    }
    ac = Eigen::Map<const SpMat>(nc, nc, Index(inner.size()), outer.data(), inner.data(), values.data());
    return true;
  }

  // (A + A^T) / 2, compressed: the Galerkin product is symmetric up to rounding only.
  static void symmetrize(SpMat& ac) {
    const SpMat t = ac.transpose();
    ac = (Scalar(0.5) * (ac + t)).eval();
    ac.makeCompressed();
  }

  // x <- x + p(D^{-1} A) D^{-1} (b - A x): the Chebyshev polynomial of the given degree on
  // [rho/30, 1.1 rho] by the three-term recurrence (Saad, alg. 12.1), each step one pass over
  // the rows that multiplies A by the direction d and updates x, the residual r = b - A x and
  // the next direction together. Row-major n x k blocks b, x and the workspace's r, d, dn.
  // zero: x starts at 0 (one product saved). residual: on return w.r holds b - A x (one more
  // product; the V-cycle restricts it).
  void smooth(const Level& lv, const Scalar* b, Scalar* x, Index k, bool zero, bool residual, Workspace& w) const {
    const Scalar upper = Scalar(1.1) * lv.rho, lower = lv.rho / Scalar(30);
    const Scalar theta = (upper + lower) / 2, delta = (upper - lower) / 2, sigma = theta / delta;
    const Index n = lv.a.rows();
    const std::size_t width = std::size_t(k), size = std::size_t(n) * width;
    const Scalar* dinv = lv.dinv.data();
    Scalar* r = reserve(w.r, size);
    Scalar* d = reserve(w.d, size);
    Scalar* dn = reserve(w.dn, size);
    if (zero) {
      std::fill(x, x + size, Scalar(0));
      for (Index i = 0; i < n; ++i)
        for (std::size_t c = 0, o = std::size_t(i) * width; c < width; ++c) {
          r[o + c] = b[o + c];
          d[o + c] = dinv[i] * b[o + c] / theta;
        }
    } else {
      for_each_product_row(lv.a, x, k, [=](Index i, const Scalar* s) {
        for (std::size_t c = 0, o = std::size_t(i) * width; c < width; ++c) {
          r[o + c] = b[o + c] - s[c];
          d[o + c] = dinv[i] * r[o + c] / theta;
        }
      });
    }
    Scalar rho_k = Scalar(1) / sigma;
    for (int step = 0; step + 1 < options_.degree; ++step) {
      const Scalar rho_next = Scalar(1) / (Scalar(2) * sigma - rho_k);
      const Scalar alpha = rho_next * rho_k, beta = Scalar(2) * rho_next / delta;
      for_each_product_row(lv.a, d, k, [=](Index i, const Scalar* s) {
        for (std::size_t c = 0, o = std::size_t(i) * width; c < width; ++c) {
          x[o + c] += d[o + c];
          r[o + c] -= s[c];
          dn[o + c] = alpha * d[o + c] + beta * dinv[i] * r[o + c];
        }
      });
      std::swap(d, dn);
      rho_k = rho_next;
    }
    if (residual) {
      for_each_product_row(lv.a, d, k, [=](Index i, const Scalar* s) {
        for (std::size_t c = 0, o = std::size_t(i) * width; c < width; ++c) {
          x[o + c] += d[o + c];
          r[o + c] -= s[c];
        }
      });
    } else {
      for (std::size_t e = 0; e < size; ++e) x[e] += d[e];
    }
  }

  // y = B b, one V-cycle from `level` down (row-major n_level x k blocks, distinct).
  void vcycle(std::size_t level, const Scalar* b, Scalar* y, Index k) const {
    const Level& lv = levels_[level];
    Workspace& w = work_[level];
    const Index n = lv.a.rows();
    if (level + 1 == levels_.size()) {
      if (dense_coarse_) {
        using Rows = Eigen::Map<RowBlock<Scalar>>;
        using ConstRows = Eigen::Map<const RowBlock<Scalar>>;
        Rows(y, n, k).noalias() =
            coarse_vectors_ * (coarse_inverse_.asDiagonal() * (coarse_vectors_.transpose() * ConstRows(b, n, k)));
      } else {
        smooth(lv, b, y, k, true, false, w);
        smooth(lv, b, y, k, false, false, w);
      }
      return;
    }
    smooth(lv, b, y, k, true, true, w);
    // Coarse correction with the residual r = b - A y: restriction P^T r, prolongation P x_c
    // (as rows of P^T: one pass each).
    const std::size_t coarse = std::size_t(lv.p.cols()) * std::size_t(k);
    Scalar* bc = reserve(w.bc, coarse);
    Scalar* xc = reserve(w.xc, coarse);
    product_rows(lv.p, w.r.data(), k, bc);
    vcycle(level + 1, bc, xc, k);
    product_rows(lv.pt, xc, k, y, true);
    smooth(lv, b, y, k, false, false, w);
  }

  AmgOptions<Scalar> options_;
  std::vector<Level> levels_;
  bool dense_coarse_ = false;
  Matrix coarse_vectors_;
  Vector coarse_inverse_;
  mutable std::vector<Workspace> work_;
  mutable WorkBuffer<Scalar> in_, out_;  // apply()'s row-major copies of x and y
};

/// The explicit instantiations of the compiled mode.
#define SPECTRAKIT_AMG_INSTANTIATIONS(prefix) \
  prefix class AmgPreconditioner<float>;      \
  prefix class AmgPreconditioner<double>;
#if SPECTRAKIT_IS_COMPILED
SPECTRAKIT_AMG_INSTANTIATIONS(SPECTRAKIT_EXTERN_TEMPLATE)
#endif

}  // namespace detail
}  // namespace spectrakit

#endif  // SPECTRAKIT_DETAIL_AMG_HPP

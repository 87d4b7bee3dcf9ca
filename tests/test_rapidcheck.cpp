// Property tests with shrinking (RapidCheck, issue 16): each property is an invariant of one
// public module (norms, low_rank with solve_sylvester, eigen, hessian, graph, nmf, io, image, and
// the errors of docs/errors.md), checked on generated cases -- shapes 0, 1, 2, 7 (a prime), 40
// and anything up to 40; scales 10^e for e in [-300, 300] (double) or [-30, 30] (float) where the
// routine is meant to be scale-free; -0 and subnormal entries; NaN and +-Inf for the error
// property; dense matrices, an Eigen::Map with inner stride 2 and an outer stride, an Eigen::Ref
// to a block (the gaps and borders are NaN, so reading them is caught), column- and row-major
// sparse and uncompressed sparse matrices; float and double. Tolerances are LAPACK's kind:
// c n eps ||A|| with eps of the scalar under test. A failing case is shrunk to a small one and
// reported with the seed that found it and the assertion that failed.
//
// Reproducing (from the build folder's tests/work/rapidcheck, where the io property writes):
// the cases come from one seed, 16 by default, printed on failure.
//   SPECTRAKIT_RC_SEED=123 ../../spectrakit_test_rapidcheck  another seed (or RC_PARAMS="seed=123")
//   RC_PARAMS="max_success=1000"                              10x the cases of every property
//   RC_PARAMS="verbose_progress=1"                            a dot per case
//   RC_PARAMS="reproduce=..."                                 the failing case alone (the string
//                                                             RapidCheck prints at exit after a
//                                                             failure; it names the property)
//   spectrakit_test_rapidcheck "[norms]"                      one module (Catch2 tags)
//   spectrakit_test_rapidcheck "[known_defects]"              the hidden known-defect properties
// The case counts are chosen so that the whole file runs in a few seconds under
// AddressSanitizer; RapidCheck is in tests/rapidcheck_catch.hpp (see there for the adapter).
//
// Compile cost matters (CI is near its limit): the file only calls the public entry points whose
// cores libspectrakit compiles for float and double, on Matrix<Scalar, Dynamic, Dynamic>,
// its Map with an outer stride and SparseMatrix<Scalar>; the checks are computed in double.
#include <Eigen/Core>
#include <Eigen/LU>
#include <Eigen/SparseCore>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

#include <spectrakit/eigen.hpp>
#include <spectrakit/graph.hpp>
#include <spectrakit/hessian.hpp>
#include <spectrakit/image/hessian_eigenvalues.hpp>  // not image.hpp: its 3-D filters cost parse time
#include <spectrakit/io.hpp>
#include <spectrakit/low_rank.hpp>
#include <spectrakit/nmf.hpp>
#include <spectrakit/norms.hpp>

#include "rapidcheck_catch.hpp"
#include "test_util.hpp"

namespace spectrakit_rapidcheck_test {  // unique names, should the file ever share a unity build
namespace {

namespace gen = rc::gen;
using Eigen::Index;
using spectrakit_test::check_property;
using spectrakit_test::eps;
template <typename S>
using Mat = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic>;
template <typename S>
using Vec = Eigen::Matrix<S, Eigen::Dynamic, 1>;
using MatD = Eigen::MatrixXd;
using VecD = Eigen::VectorXd;

// ---- generators ------------------------------------------------------------------------------

/// A uniform integer in [lo, hi], shrinking towards lo. Not gen::inRange alone: RapidCheck
/// scales its range by the case's size (0 to 99 over the cases), so that the early cases would
/// all draw lo (the first storage kind, the first method, ...) and the last kinds would come up
/// only in the last cases.
int draw_in(int lo, int hi) { return *gen::resize(rc::kNominalSize, gen::inRange(lo, hi + 1)); }

/// A dimension >= lo: one of 0, 1, 2, 7 (a prime) and 40 four times in five, else any in [0, 40].
int draw_size(int lo) {
  return *gen::suchThat(gen::weightedOneOf<int>({{4, gen::element(0, 1, 2, 7, 40)},
                                                 {1, gen::resize(rc::kNominalSize, gen::inRange(0, 41))}}),
                        [lo](int n) { return n >= lo; });
}

/// A decimal exponent in [-max, max]: 0, one of the extremes, or any value in between.
int draw_exponent(int max) {
  return *gen::weightedOneOf<int>({{2, gen::just(0)},
                                   {2, gen::element(-max, max)},
                                   {3, gen::resize(rc::kNominalSize, gen::inRange(-max, max + 1))}});
}

template <typename S>
constexpr int max_exponent() {
  return std::is_same<S, float>::value ? 30 : 300;
}

/// The largest exponent e for which sums of squares of entries 10^e stay finite (n <= 40):
/// where a routine forms plain 2-norms, the known defects below start beyond it.
template <typename S>
constexpr int square_safe_exponent() {
  return std::is_same<S, float>::value ? 15 : 150;
}

/// Where the iterative eigen-solvers are reliable today (K2, K6): a margin inside
/// square_safe_exponent(), at whose edge (1e-150) Lanczos residuals already exceed their bound.
template <typename S>
constexpr int krylov_safe_exponent() {
  return std::is_same<S, float>::value ? 10 : 100;
}

// Known defects (found by these properties, see the "[.known_defects]" test case at the end,
// which runs the properties without the restrictions that avoid them; remove a restriction
// when its defect is fixed). K1-K9 are fixed in the library (CHANGELOG, "Fixed"; each has a
// regression test in its module's file), their restrictions here are still to be lifted; K10
// is open. The defects:
//   K1 top_eigenpairs / smallest_eigenpairs, lanczos and shift_invert (single-vector Krylov):
//      an eigenvalue of multiplicity > 1 among the wanted ones is returned once, the next one
//      takes the other slot, and the status is success.
//   K2 top_eigenpairs / smallest_eigenpairs, lanczos, shift_invert and lobpcg: entries from
//      about 1e+-150 (float 1e+-15) on give status success with a zero vector (smallest, large
//      entries) or with a pair whose residual is far above its bound, up to ||A|| (tiny entries).
//   K3 repair_hessian, modified_cholesky: entries beyond square_safe_exponent() give a NaN matrix.
//   K4 solve_sylvester: ||A||_F or ||B||_F overflowing (entries beyond square_safe_exponent())
//      makes the singularity threshold Inf: every equation is rejected as singular.
//   K5 fiedler_vector, normalized, disconnected graph: weights beyond 1e+-100 give a zero, NaN or
//      not normalized vector, the vector sqrt(d_i) * volume being normalized with a plain 2-norm.
//   K6 fiedler_vector, shift_invert and lobpcg: weights from about 1e+-150 on give status
//      success with a wrong pair (and an Inf residual for large weights).
//   K7 newton_direction: a subnormal floor f = delta * sigma_1 (sigma_1 below about 1e-300 in
//      double, 1e-31 in float) gives an Inf/NaN direction: 1/f overflows, though p = -H~^{-1} g
//      is representable when g is of the order of H.
//   K8 low_rank_approximation (Eigen 3.4's BDCSVD): with repeated singular values, or a spectrum
//      graded far below eps sigma_1 (steps sigma_{i+1} / sigma_i down to 10^-2), ||A - A_k||_2
//      and error_spectral miss sigma_{k+1} by up to ~1e6 eps sigma_1 (a few % of 40 x 40
//      cases), where a backward-stable SVD stays within 16 n eps sigma_1 (JacobiSVD does, and
//      so does the library's own singular_values()). In float already with steps down to
//      10^-0.75 (0.5 % of 21 x 25 cases, up to ~1e3 eps sigma_1).
//   K9 smallest_eigenpairs, shift_invert, dense A = 0: rejected as "not positive semidefinite"
//      (the shift -sqrt(eps) ||A||_1 is 0; the sparse path falls back to -sqrt(eps)).
//   K10 hessian_eigenvalues: where lambda1 = -lambda2 (xx = -yy, e.g. xx = yy = 0), |lambda1|
//      can exceed |lambda2| by an ulp (lambda1 = det / lambda2 rounds up), breaking the documented
//      order |lambda1| <= |lambda2|: xx = yy = 0, xy = -6.4828774147696158e-301 gives
//      lambda1 = -6.4828774147696166e-301, lambda2 = 6.4828774147696158e-301 (double).

int draw_seed() { return draw_in(0, (1 << 20) - 1); }

// ---- matrices --------------------------------------------------------------------------------

/// m x n standard normal entries times 10^exponent (formed in double, then rounded to S).
template <typename S>
Mat<S> scaled_normal(int m, int n, int seed, int exponent) {
  return (spectrakit_test::random_normal_double(m, n, std::uint64_t(seed)) * std::pow(10.0, exponent)).cast<S>();
}

/// Replaces `count` entries (positions from the seed) by -0, a subnormal or the smallest normal / 3.
template <typename S>
void sprinkle_specials(Mat<S>& a, int count, int seed, bool symmetric = false) {
  if (a.size() == 0) return;
  std::mt19937_64 rng(std::uint64_t(seed) + 77);
  for (int t = 0; t < count; ++t) {
    const Index i = Index(rng() % std::uint64_t(a.rows())), j = Index(rng() % std::uint64_t(a.cols()));
    S v = -S(0);
    switch (rng() % 3) {
      case 1:
        v = std::numeric_limits<S>::denorm_min() * S(1 + rng() % 7);
        break;
      case 2:
        v = std::numeric_limits<S>::min() / S(3);
        break;
      default:
        break;
    }
    a(i, j) = v;
    if (symmetric) a(j, i) = v;
  }
}

/// Sets entries to +0 with probability 1 - density (positions from the seed), keeping symmetry.
template <typename S>
void thin_out(Mat<S>& a, double density, int seed, bool symmetric) {
  std::mt19937_64 rng(std::uint64_t(seed) + 991);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (Index j = 0; j < a.cols(); ++j)
    for (Index i = symmetric ? j : 0; i < a.rows(); ++i)
      if (u(rng) >= density) {
        a(i, j) = S(0);
        if (symmetric) a(j, i) = S(0);
      }
}

/// The stored entries of a sparse version of A: every nonzero and every -0 (a stored zero).
template <typename S>
std::vector<Eigen::Triplet<S>> stored_entries(const Mat<S>& a) {
  std::vector<Eigen::Triplet<S>> t;
  for (Index j = 0; j < a.cols(); ++j)
    for (Index i = 0; i < a.rows(); ++i)
      if (a(i, j) != S(0) || std::signbit(a(i, j))) t.emplace_back(int(i), int(j), a(i, j));
  return t;
}

enum Storage { dense, strided_map, strided_ref, sparse_col, sparse_row, sparse_uncompressed, storage_kinds };
constexpr int dense_storage_kinds = sparse_col;  // dense, strided_map, strided_ref
const char* const storage_names[] = {"dense", "Map with inner and outer stride", "Ref of a block (outer stride)",
                                     "column-major sparse", "row-major sparse", "uncompressed sparse"};

// The storages are built by functions of the scalar only, so that each with_*storage(f) adds
// little more than the call of f to the compile (they are instantiated for every routine).

/// (2m + 3) x n, NaN but for A in its even rows: the buffer behind the strided_map view.
template <typename S>
Mat<S> strided_buffer(const Mat<S>& a) {
  Mat<S> buffer = Mat<S>::Constant(2 * a.rows() + 3, a.cols(), std::numeric_limits<S>::quiet_NaN());
  for (Index j = 0; j < a.cols(); ++j)
    for (Index i = 0; i < a.rows(); ++i) buffer(2 * i, j) = a(i, j);
  return buffer;
}

/// (m + 3) x (n + 2), NaN but for A at (1, 1): the matrix behind the strided_ref view.
template <typename S>
Mat<S> bordered_buffer(const Mat<S>& a) {
  Mat<S> buffer = Mat<S>::Constant(a.rows() + 3, a.cols() + 2, std::numeric_limits<S>::quiet_NaN());
  buffer.block(1, 1, a.rows(), a.cols()) = a;
  return buffer;
}

/// s = stored_entries(A), compressed or uncompressed with free room in every column.
template <typename S>
void fill_sparse(const Mat<S>& a, bool compressed, Eigen::SparseMatrix<S>& s) {
  const auto t = stored_entries(a);
  s.resize(a.rows(), a.cols());
  if (compressed) {
    s.setFromTriplets(t.begin(), t.end());
  } else {
    s.reserve(Eigen::VectorXi::Constant(a.cols(), int(a.rows()) + 2));
    for (const auto& e : t) s.insert(e.row(), e.col()) = e.value();
  }
}

/// s = stored_entries(A), row-major.
template <typename S>
void fill_sparse_row(const Mat<S>& a, Eigen::SparseMatrix<S, Eigen::RowMajor>& s) {
  const auto t = stored_entries(a);
  s.resize(a.rows(), a.cols());
  s.setFromTriplets(t.begin(), t.end());
}

/// Calls f with A stored as `storage` (dense, strided_map or strided_ref): the Matrix itself;
/// a Map<const Matrix, 0, Stride<Dynamic, Dynamic>> with inner stride 2 and outer stride
/// 2m + 3 into a buffer whose gaps and padding are NaN; or a Ref<const Matrix, 0, OuterStride<>>
/// to an inner block of a NaN-bordered matrix (so that reading outside A is caught).
template <typename S, typename F>
decltype(auto) with_dense_storage(int storage, const Mat<S>& a, F&& f) {
  if (storage == strided_map) {
    using MapStride = Eigen::Stride<Eigen::Dynamic, Eigen::Dynamic>;
    const Mat<S> buffer = strided_buffer(a);
    const Eigen::Map<const Mat<S>, 0, MapStride> view(buffer.data(), a.rows(), a.cols(), MapStride(buffer.rows(), 2));
    return f(view);
  }
  if (storage == strided_ref) {
    const Mat<S> buffer = bordered_buffer(a);
    const Eigen::Ref<const Mat<S>, 0, Eigen::OuterStride<>> view = buffer.block(1, 1, a.rows(), a.cols());
    RC_ASSERT(view.data() == &buffer(1, 1));  // a view, not a copy
    return f(view);
  }
  return f(a);
}

/// Calls f with A stored as sparse_col or sparse_uncompressed: a SparseMatrix holding
/// stored_entries(A), compressed or uncompressed with free room in every column.
template <typename S, typename F>
decltype(auto) with_sparse_storage(int storage, const Mat<S>& a, F&& f) {
  Eigen::SparseMatrix<S> s;
  fill_sparse(a, storage == sparse_col, s);
  RC_ASSERT(s.isCompressed() == (storage == sparse_col));
  return f(static_cast<const Eigen::SparseMatrix<S>&>(s));
}

/// Calls f with A stored as any Storage (a row-major SparseMatrix for sparse_row).
template <typename S, typename F>
decltype(auto) with_storage(int storage, const Mat<S>& a, F&& f) {
  if (storage < sparse_col) return with_dense_storage(storage, a, f);
  if (storage != sparse_row) return with_sparse_storage(storage, a, f);
  Eigen::SparseMatrix<S, Eigen::RowMajor> s;
  fill_sparse_row(a, s);
  return f(static_cast<const Eigen::SparseMatrix<S, Eigen::RowMajor>&>(s));
}

/// "A 7x2 float matrix, 10^-30, Map with outer stride" and its entries when it is small.
template <typename S>
std::string describe(const char* what, const Mat<S>& a, int exponent, int storage) {
  std::ostringstream os;
  os << what << ": " << a.rows() << "x" << a.cols() << " " << (std::is_same<S, float>::value ? "float" : "double")
     << ", scale 1e" << exponent << ", " << storage_names[storage];
  if (a.size() <= 16) {
    os.precision(std::numeric_limits<S>::max_digits10);
    os << ", entries (column-major):";
    for (Index k = 0; k < a.size(); ++k) os << " " << double(a.data()[k]);
  }
  return os.str();
}

double max_abs(const MatD& a) { return a.size() == 0 ? 0.0 : a.cwiseAbs().maxCoeff(); }

/// ||A||_F without overflow or underflow (Eigen's scaled norm, column by column).
double stable_frobenius(const MatD& a) {
  VecD c(a.cols());
  for (Index j = 0; j < a.cols(); ++j) c(j) = a.col(j).stableNorm();
  return c.stableNorm();
}

/// All eigenvalues of a symmetric double matrix, descending (through the library's dense path,
/// which libspectrakit compiles: k = n always runs the dense solver).
VecD all_eigenvalues(const MatD& a) {
  if (a.rows() == 0) return VecD();
  return spectrakit::top_eigenpairs(a, a.rows()).values;
}

// ---- norms -----------------------------------------------------------------------------------

template <typename S>
void frobenius_three_ways(bool) {
  const int m = draw_size(0), n = draw_size(0), e = draw_exponent(max_exponent<S>()), seed = draw_seed();
  const int storage = draw_in(0, dense_storage_kinds - 1);
  Mat<S> a = scaled_normal<S>(m, n, seed, e);
  sprinkle_specials(a, draw_in(0, 3), seed);
  RC_LOG(describe("A", a, e, storage));
  const S f1 = with_dense_storage(storage, a, [](const auto& x) { return spectrakit::frobenius_norm(x); });
  const Vec<S> sigma = with_dense_storage(storage, a, [](const auto& x) { return spectrakit::singular_values(x); });
  RC_ASSERT(sigma.size() == std::min(m, n));
  // sqrt(sum sigma_i^2), scaled by sigma_1
  double f2 = 0;
  if (sigma.size() > 0 && sigma(0) > 0) f2 = (sigma.template cast<double>() / double(sigma(0))).norm() * double(sigma(0));
  // sqrt(tr(A^T A)) of A scaled by a power of two (exact), in the same precision
  int k = 0;
  const double amax = max_abs(a.template cast<double>());
  if (amax > 0) std::frexp(amax, &k);
  const Mat<S> b = (a.template cast<double>() * std::ldexp(1.0, -k / 2) * std::ldexp(1.0, -(k - k / 2))).template cast<S>();
  const double f3 = std::ldexp(std::sqrt(double(spectrakit::trace_of_product(b.transpose(), b))), k);
  const double tol = 4.0 * std::max(1, std::max(m, n)) * double(eps<S>());
  const double slack = 8.0 * double(std::numeric_limits<S>::denorm_min());  // subnormal results round coarsely
  RC_ASSERT(std::abs(double(f1) - f2) <= tol * double(f1) + slack);
  RC_ASSERT(std::abs(double(f1) - f3) <= tol * double(f1) + slack);
}

template <typename S>
void spectral_norm_bounds_and_scaling(bool) {
  const int m = draw_size(0), n = draw_size(0), e = draw_exponent(max_exponent<S>()), seed = draw_seed();
  const int storage = draw_in(0, dense_storage_kinds - 1);
  const int M = max_exponent<S>();
  const int ce = draw_in(std::max(-M, -M - e), std::min(M, M - e));
  const double c = (draw_in(0, 1) ? -1.0 : 1.0) * std::pow(10.0, ce);
  Mat<S> a = scaled_normal<S>(m, n, seed, e);
  sprinkle_specials(a, draw_in(0, 3), seed);
  RC_LOG(describe("A", a, e, storage));
  RC_LOG() << "c = " << c << "\n";
  const Mat<S> ca = (c * a.template cast<double>()).template cast<S>();
  const double s = double(with_dense_storage(storage, a, [](const auto& x) { return spectrakit::spectral_norm(x); }));
  const double sc = double(with_dense_storage(storage, ca, [](const auto& x) { return spectrakit::spectral_norm(x); }));
  const double fro = double(spectrakit::frobenius_norm(a));
  const double tol = 8.0 * std::max(1, std::max(m, n)) * double(eps<S>());
  const double slack = 8.0 * double(std::numeric_limits<S>::denorm_min());
  RC_ASSERT(s >= max_abs(a.template cast<double>()) * (1 - tol) - slack);  // sigma_1 >= max |a_ij|
  RC_ASSERT(s <= fro * (1 + tol) + slack);                                  // sigma_1 <= ||A||_F
  // (a subnormal ||A||_2 is rounded to a multiple of the smallest subnormal, which c scales)
  RC_ASSERT(std::abs(sc - std::abs(c) * s) <=
            tol * std::abs(c) * s + 2 * tol * double(spectrakit::frobenius_norm(ca)) + (1 + std::abs(c)) * slack);
}

/// nuclear_norm, condition_number, epsilon_rank, numerical_rank, singular_values and trace
/// against a designed spectrum: sigma_i = 10^e s_i, s_1 = 1, each step a factor 10^-0.25j
/// (j in [0, 4], ties included), the tail from a random rank r on exactly 0, and every s_i below
/// 1000 max(m, n) eps set to 0 as well: the numerical rank then has a gap of three decades
/// above its threshold max(m, n) eps sigma_1, and the rounding of A (about eps ||A||_F) stays
/// below it.
template <typename S>
void spectrum_functions(bool) {
  const int m = draw_size(0), n = draw_size(0), e = draw_exponent(max_exponent<S>()), seed = draw_seed();
  const int storage = draw_in(0, dense_storage_kinds - 1);
  const int p = std::min(m, n), rank = draw_in(0, 2) == 0 ? draw_in(0, p) : p;
  const double big = std::max(1, std::max(m, n));
  VecD s = VecD::Zero(p);
  std::mt19937_64 rng(std::uint64_t(seed) + 31);
  std::uniform_int_distribution<int> step(0, 4);
  for (Index i = 0; i < rank; ++i) s(i) = i == 0 ? 1.0 : s(i - 1) * std::pow(10.0, -0.25 * step(rng));
  for (Index i = 0; i < p; ++i)
    if (s(i) < 1000.0 * big * double(eps<S>())) s(i) = 0.0;
  const Index r = (s.array() > 0.0).count();
  const double scale = std::pow(10.0, e);
  const Mat<S> a = (spectrakit_test::matrix_with_singular_values_double(m, n, s, std::uint64_t(seed)) * scale).template cast<S>();
  RC_LOG(describe("A", a, e, storage));
  RC_LOG() << "designed rank " << r << "\n";
  const double s1 = r > 0 ? scale : 0.0;
  const double tol = 16.0 * big * double(eps<S>());
  const double slack = 8.0 * p * double(std::numeric_limits<S>::denorm_min());
  // eta midway between two steps of the grid 10^-0.25j: no s_i within a factor 10^0.125 of it
  const int jmax = int(std::floor(-4.0 * std::log10(100.0 * tol))) - 1;
  const double eta = std::pow(10.0, -0.25 * draw_in(0, std::max(0, jmax)) - 0.125);
  RC_LOG() << "eta = " << eta << "\n";
  struct Out {
    Vec<S> sigma;
    double nuclear = 0, kappa = 0, trace = 0;
    Index numerical = -1, epsilon = -1;
    std::string error;  // condition_number's
  };
  const Out out = with_dense_storage(storage, a, [&](const auto& x) {  // one call per storage: cheap to compile
    Out o;
    o.sigma = spectrakit::singular_values(x);
    o.nuclear = double(spectrakit::nuclear_norm(x));
    o.numerical = spectrakit::numerical_rank(x);
    o.epsilon = spectrakit::epsilon_rank(x, eta);
    if (x.rows() == x.cols()) o.trace = double(spectrakit::trace(x));
    try {
      o.kappa = double(spectrakit::condition_number(x));
    } catch (const spectrakit::invalid_input& error) {
      o.error = error.what();
    }
    return o;
  });
  RC_ASSERT(out.sigma.size() == p);
  for (Index i = 0; i < p; ++i) RC_ASSERT(std::abs(double(out.sigma(i)) - s(i) * scale) <= tol * s1 + slack);  // Weyl
  RC_ASSERT(std::abs(out.nuclear - s.sum() * scale) <= p * tol * s1 + slack);
  RC_ASSERT(out.numerical == r);
  RC_ASSERT(out.epsilon == Index((s.array() >= eta).count()));
  if (p == 0) {  // empty: condition_number refuses it, naming itself
    RC_ASSERT(out.error.rfind("spectrakit::condition_number: argument 'A' must not be empty", 0) == 0);
  } else {
    RC_ASSERT(out.error.empty());
    if (r < p) {
      RC_ASSERT(std::isinf(out.kappa) && out.kappa > 0);  // singular: +Inf, never NaN
    } else {  // sigma_p >= 1000 max(m, n) eps sigma_1: relative error <= 2 tol / s_p
      const double want = 1.0 / s(p - 1);
      RC_ASSERT(std::abs(out.kappa - want) <= 2.0 * tol / s(p - 1) * want);
    }
  }
  if (m == n) {
    const MatD a64 = a.template cast<double>();
    RC_ASSERT(std::abs(out.trace - a64.diagonal().sum()) <= 2.0 * n * double(eps<S>()) * a64.diagonal().cwiseAbs().sum() + slack);
  }
}

template <typename S>
void eckart_young(bool known_defects) {
  const int m = draw_size(0), n = draw_size(0), e = draw_exponent(max_exponent<S>()), seed = draw_seed();
  const int p = std::min(m, n), k = draw_in(0, p), storage = draw_in(0, dense_storage_kinds - 1);
  // Singular values 1 = s_1 >= s_2 >= ..., each step a factor 10^-0.25j: j in [0, 8] (ties and
  // steep grading), or j in [1, 3] (double) or 1 (float) (K8)
  VecD s(p);
  std::mt19937_64 rng(std::uint64_t(seed) + 5);
  std::uniform_int_distribution<int> step(known_defects ? 0 : 1, known_defects ? 8 : std::is_same<S, float>::value ? 1 : 3);
  for (Index i = 0; i < p; ++i) s(i) = i == 0 ? 1.0 : s(i - 1) * std::pow(10.0, -0.25 * step(rng));
  const double scale = std::pow(10.0, e);
  const Mat<S> a = (spectrakit_test::matrix_with_singular_values_double(m, n, s, std::uint64_t(seed)) * scale).template cast<S>();
  RC_LOG(describe("A", a, e, storage));
  RC_LOG() << "k = " << k << "\n";
  const auto r = with_dense_storage(storage, a, [k](const auto& x) { return spectrakit::low_rank_approximation(x, k); });
  RC_ASSERT(r.U.rows() == m && r.U.cols() == k && r.V.rows() == n && r.V.cols() == k && r.singular_values.size() == k);
  const double s1 = p > 0 ? s(0) * scale : 0.0;
  const double next = k < p ? s(k) * scale : 0.0;  // sigma_{k+1}
  const double tol = 16.0 * std::max(1, std::max(m, n)) * double(eps<S>());
  RC_ASSERT(std::abs(double(r.error_spectral) - next) <= tol * s1);
  const MatD residual = a.template cast<double>() - r.U.template cast<double>() * r.singular_values.template cast<double>().asDiagonal() *
                                                        r.V.template cast<double>().transpose();
  RC_ASSERT(std::abs(double(spectrakit::spectral_norm(residual)) - next) <= tol * s1);
  RC_ASSERT(std::abs(stable_frobenius(residual) - double(r.error_frobenius)) <= tol * s1);
  for (Index j = 0; j < k; ++j) RC_ASSERT(std::abs(double(r.singular_values(j)) - s(j) * scale) <= tol * s1);  // Weyl
  if (k > 0) {  // orthonormal singular vectors
    const MatD u = r.U.template cast<double>(), v = r.V.template cast<double>();
    RC_ASSERT((u.transpose() * u - MatD::Identity(k, k)).cwiseAbs().maxCoeff() <= tol);
    RC_ASSERT((v.transpose() * v - MatD::Identity(k, k)).cwiseAbs().maxCoeff() <= tol);
  }
}

// ---- eigen -----------------------------------------------------------------------------------

template <typename S>
void symmetric_eigenpairs(bool smallest, bool known_defects) {
  const int n = draw_size(1), k = draw_in(1, std::min(n, 4)), storage = draw_in(0, storage_kinds - 1);
  const bool sparse = storage >= sparse_col;
  // automatic, dense, lanczos, shift_invert, and lobpcg for the smallest pairs of sparse matrices
  const int method = draw_in(0, smallest && sparse ? 4 : 3);
  const bool krylov = method == int(spectrakit::EigsMethod::lanczos) || method == int(spectrakit::EigsMethod::shift_invert);
  const bool k2 = method >= int(spectrakit::EigsMethod::lanczos) && !known_defects;
  const int e = draw_exponent(k2 ? krylov_safe_exponent<S>() : max_exponent<S>()), seed = draw_seed();
  const bool from_spectrum = draw_in(0, 1) == 1;
  const double scale = std::pow(10.0, e);
  MatD ad;
  VecD d;
  std::mt19937_64 rng(std::uint64_t(seed) + 11);
  std::uniform_int_distribution<int> pick(0, 3);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  if (from_spectrum) {  // Q diag(d) Q^T with repeated, clustered and zero eigenvalues
    d.resize(n);
    for (Index i = 0; i < n; ++i) {
      const int kind = pick(rng);
      d(i) = kind == 0 && i > 0 ? d(i - 1) : kind == 1 && i > 0 ? d(i - 1) * (1 + 1e-9) : kind == 2 ? 0.0 : u(rng);
      if (smallest) d(i) = std::abs(d(i));
    }
    ad = spectrakit_test::symmetric_with_spectrum_double(d * scale, std::uint64_t(seed));
  } else {  // random sparse symmetric; diagonally dominant with a nonnegative diagonal when PSD is needed
    Mat<double> b = spectrakit_test::random_normal_double(n, n, std::uint64_t(seed));
    b = (0.5 * (b + b.transpose())).eval();
    thin_out(b, 3.0 / n, seed, true);
    if (smallest) b.diagonal() = b.cwiseAbs().rowwise().sum();
    ad = b * scale;
  }
  const Mat<S> a = ad.cast<S>();
  RC_PRE(known_defects || method != int(spectrakit::EigsMethod::shift_invert) || sparse || !a.isZero(0));  // K9
  spectrakit::EigsOptions o;
  o.tolerance = 4 * double(eps<S>());
  o.seed = std::uint64_t(seed);
  o.method = static_cast<spectrakit::EigsMethod>(method);
  RC_LOG(describe("A", a, e, storage));
  RC_LOG() << (smallest ? "smallest" : "top") << " k = " << k << ", method " << spectrakit::to_string(o.method)
           << (from_spectrum ? ", from a spectrum" : ", random sparse") << "\n";
  const auto r = with_storage(storage, a, [&](const auto& x) {
    return smallest ? spectrakit::smallest_eigenpairs(x, k, o) : spectrakit::top_eigenpairs(x, k, o);
  });
  RC_LOG() << "status " << spectrakit::to_string(r.status) << ", method " << spectrakit::to_string(r.method) << ": "
           << r.message << "\n";
  RC_ASSERT(r.method != spectrakit::EigsMethod::automatic);
  if (!r.converged()) {  // an unconverged run says so: never success without the residuals
    RC_ASSERT(!r.message.empty());
    return;
  }
  RC_ASSERT(r.values.size() == k && r.vectors.rows() == n && r.vectors.cols() == k);
  const MatD a64 = a.template cast<double>();
  const MatD v = r.vectors.template cast<double>();
  const double norm = stable_frobenius(a64);
  const double tol = 16.0 * n * double(eps<S>());
  for (Index j = 0; j < k; ++j) {
    const double lambda = double(r.values(j));
    RC_ASSERT(stable_frobenius(a64 * v.col(j) - lambda * v.col(j)) <= tol * norm);
    if (j > 0) RC_ASSERT((smallest ? r.values(j - 1) <= r.values(j) : r.values(j - 1) >= r.values(j)));
  }
  RC_ASSERT((v.transpose() * v - MatD::Identity(k, k)).cwiseAbs().maxCoeff() <= tol);
  if (from_spectrum) {  // the wanted eigenvalues, to the rounding of A (Weyl)
    std::vector<double> sorted(d.data(), d.data() + n);
    std::sort(sorted.begin(), sorted.end());
    if (!smallest) std::reverse(sorted.begin(), sorted.end());
    // K1: a repeated eigenvalue (to the precision of S) among the wanted ones or the one after
    const double same = n * double(eps<S>()) * std::max(std::abs(sorted.front()), std::abs(sorted.back()));
    bool repeated = false;
    for (Index j = 1; j <= std::min<Index>(k, n - 1); ++j)
      repeated = repeated || std::abs(sorted[std::size_t(j)] - sorted[std::size_t(j - 1)]) <= same;
    if (krylov && repeated && !known_defects) return;
    for (Index j = 0; j < k; ++j) RC_ASSERT(std::abs(double(r.values(j)) - sorted[std::size_t(j)] * scale) <= tol * norm);
  }
}

// ---- hessian ---------------------------------------------------------------------------------

template <typename S>
void repaired_hessian_contract(bool known_defects) {
  const int n = draw_size(1), seed = draw_seed(), storage = draw_in(0, dense_storage_kinds - 1);
  spectrakit::RepairOptions o;
  o.method = static_cast<spectrakit::RepairMethod>(draw_in(0, 5));
  const bool k3 = o.method == spectrakit::RepairMethod::modified_cholesky && !known_defects;
  const int e = draw_exponent(k3 ? square_safe_exponent<S>() : max_exponent<S>());
  o.delta = std::vector<double>{1e-8, 1e-4, 0.1}[std::size_t(draw_in(0, 2))];
  o.rank = draw_in(-1, n);
  const bool definite = draw_in(0, 3) == 0;  // a case that needs no repair
  std::mt19937_64 rng(std::uint64_t(seed) + 3);
  std::uniform_int_distribution<int> pick(0, 4);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  VecD d(n);
  for (Index i = 0; i < n; ++i) {
    const int kind = pick(rng);
    d(i) = kind == 0 ? 0.0 : kind == 1 && i > 0 ? d(i - 1) : std::pow(10.0, -12 * u(rng)) * (u(rng) < 0.5 ? -1 : 1);
    if (definite) d(i) = 0.5 + u(rng);
  }
  const double scale = std::pow(10.0, e);
  const Mat<S> h = (spectrakit_test::symmetric_with_spectrum_double(d * scale, std::uint64_t(seed))).cast<S>();
  RC_LOG(describe("H", h, e, storage));
  RC_LOG() << "method " << spectrakit::to_string(o.method) << ", delta " << o.delta << ", rank " << o.rank
           << (definite ? ", positive definite" : "") << "\n";
  const auto r = with_dense_storage(storage, h, [&](const auto& x) { return spectrakit::repair_hessian(x, o); });
  using M = spectrakit::RepairMethod;
  const MatD t = r.matrix.template cast<double>();
  RC_ASSERT(t.rows() == n && t.cols() == n);
  RC_ASSERT(t == t.transpose());  // exactly symmetric
  const VecD lambda = all_eigenvalues(t);
  const double hnorm = stable_frobenius(h.template cast<double>());
  const double tol = 16.0 * n * double(eps<S>()) * std::max(hnorm, stable_frobenius(t)) +
                    16.0 * n * double(std::numeric_limits<S>::denorm_min());  // subnormal H round coarsely
  const double fl = double(r.floor);
  const double lmin = lambda.minCoeff();
  if (o.method == M::clip_eigenvalues || o.method == M::absolute_eigenvalues || o.method == M::shift_identity) {
    RC_ASSERT(lmin >= fl - tol);  // lambda_min >= f: positive definite
  } else if (o.method == M::modified_cholesky) {
    RC_ASSERT(lmin >= -tol);  // positive definite (lambda_min not controlled)
  } else if (o.method == M::floor_singular_values) {
    RC_ASSERT(lambda.cwiseAbs().minCoeff() >= fl - tol);  // invertible: |lambda| >= f
  } else {  // truncate_singular_values: at most the kept rank
    const Index keep = o.rank >= 0 ? o.rank : r.rank;
    RC_ASSERT((lambda.array().abs() > tol).count() <= keep);
  }
  // Newton directions descend where H~ is positive definite (K7: not computed when f is subnormal).
  if (o.method != M::floor_singular_values && o.method != M::truncate_singular_values &&
      (known_defects || r.floor >= std::numeric_limits<S>::min())) {
    const Vec<S> g = scaled_normal<S>(n, 1, seed + 1, e);  // f scaled by c: gradient and Hessian both
    const Vec<S> dir = with_dense_storage(storage, h, [&](const auto& x) { return spectrakit::newton_direction(x, g, o); });
    const VecD gn = g.template cast<double>().stableNormalized(), dn = dir.template cast<double>().stableNormalized();
    RC_ASSERT(gn.dot(dn) < 0.0);  // scale-free: g^T p itself may underflow
  }
  // A matrix that already meets the method's requirement comes back unchanged.
  const double delta_eff = std::max(o.delta, 4.0 * n * double(eps<S>()));
  if (definite && o.method != M::modified_cholesky && o.method != M::truncate_singular_values &&
      d.minCoeff() >= 2 * delta_eff * d.maxCoeff()) {
    RC_ASSERT(!r.modified);
    RC_ASSERT(r.matrix == h);
  }
}

template <typename S>
void sherman_morrison_matches_inverse(bool) {
  // A ~ 10^e, A^{-1} ~ 10^-e: the products stay finite
  const int n = draw_size(1), e = draw_exponent(max_exponent<S>() / 2), seed = draw_seed(), storage = draw_in(0, dense_storage_kinds - 1);
  std::mt19937_64 rng(std::uint64_t(seed) + 9);
  std::uniform_real_distribution<double> u(1.0, 10.0);
  VecD d(n);
  for (Index i = 0; i < n; ++i) d(i) = u(rng) * (rng() % 2 ? 1 : -1);  // |eigenvalues| in [1, 10]
  const double scale = std::pow(10.0, e);
  const MatD a = spectrakit_test::symmetric_with_spectrum_double(d * scale, std::uint64_t(seed));
  const Mat<S> ainv = spectrakit_test::symmetric_with_spectrum_double(d.cwiseInverse() / scale, std::uint64_t(seed)).cast<S>();
  const Vec<S> uu = scaled_normal<S>(n, 1, seed + 1, e), vv = scaled_normal<S>(n, 1, seed + 2, 0);
  RC_LOG(describe("Ainv", ainv, -e, storage));
  const MatD m = a + uu.template cast<double>() * vv.template cast<double>().transpose();
  const VecD au = ainv.template cast<double>() * uu.template cast<double>();
  const VecD va = ainv.template cast<double>().transpose() * vv.template cast<double>();
  const double denominator = 1.0 + vv.template cast<double>().dot(au);
  Mat<S> x;
  try {
    x = with_dense_storage(storage, ainv, [&](const auto& y) { return spectrakit::sherman_morrison(y, uu, vv); });
  } catch (const spectrakit::invalid_input& error) {
    // Refused as singular: only when 1 + v^T A^{-1} u vanishes to rounding (docs: 100 n eps).
    RC_LOG() << error.what() << "\n";
    RC_ASSERT(std::string(error.what()).find("sherman_morrison: argument 'v' makes A + u v^T singular") != std::string::npos);
    RC_ASSERT(std::abs(denominator) <= 1000.0 * n * double(eps<S>()) * (1 + std::abs(denominator - 1)));
    return;
  }
  const MatD direct = m.partialPivLu().inverse();
  // ||M^{-1}|| <= ||A^{-1}|| + ||A^{-1} u|| ||v^T A^{-1}|| / |1 + v^T A^{-1} u|
  const double inverse_bound = stable_frobenius(ainv.template cast<double>()) + au.norm() * va.norm() / std::abs(denominator);
  // The rounding of A^{-1} (relative eps) is a change of A of at most eps kappa(A) ||A||
  // (kappa(A) <= 10) and the update adds eps ||u|| ||v||; M^{-1} moves by ||M^{-1}||^2 times that.
  const double perturbation = 10 * stable_frobenius(a) + uu.template cast<double>().norm() * vv.template cast<double>().norm();
  RC_ASSERT(stable_frobenius(x.template cast<double>() - direct) <=
            64.0 * n * double(eps<S>()) * inverse_bound * inverse_bound * perturbation);
}

// ---- graph -----------------------------------------------------------------------------------

/// A weighted graph on n nodes with exactly `components` connected components (each a random
/// spanning tree plus random edges inside it, weights in [0.5, 2] * scale, a few self-loops).
MatD random_graph(int n, int components, double scale, int seed, std::vector<int>& component) {
  std::mt19937_64 rng(std::uint64_t(seed) + 21);
  std::uniform_real_distribution<double> w(0.5, 2.0), u(0.0, 1.0);
  component.assign(std::size_t(n), 0);
  for (int i = 0; i < n; ++i) component[std::size_t(i)] = i < components ? i : int(rng() % std::uint64_t(components));
  MatD a = MatD::Zero(n, n);
  const double density = u(rng) * 4.0 / std::max(n, 1);
  std::vector<int> earlier;
  for (int i = 1; i < n; ++i) {
    earlier.clear();  // join i to a random earlier node of its component (a spanning tree)
    for (int j = 0; j < i; ++j)
      if (component[std::size_t(j)] == component[std::size_t(i)]) earlier.push_back(j);
    if (!earlier.empty()) {
      const int t = earlier[std::size_t(rng() % earlier.size())];
      a(i, t) = a(t, i) = w(rng) * scale;
    }
    for (int j = 0; j < i; ++j)
      if (component[std::size_t(j)] == component[std::size_t(i)] && u(rng) < density) a(i, j) = a(j, i) = w(rng) * scale;
    if (u(rng) < 0.05) a(i, i) = w(rng) * scale;
  }
  return a;
}

template <typename S>
void laplacian_spectrum(bool) {
  const int n = draw_size(1), c = draw_in(1, std::max(1, std::min(n, 5))), e = draw_exponent(max_exponent<S>());
  const int seed = draw_seed(), storage = draw_in(0, storage_kinds - 1);
  std::vector<int> component;
  const Mat<S> a = random_graph(n, c, std::pow(10.0, e), seed, component).cast<S>();
  RC_LOG(describe("A", a, e, storage));
  RC_LOG() << c << " components\n";
  Eigen::VectorXi side(n);  // a random 3-way partition
  std::mt19937_64 rng(std::uint64_t(seed) + 41);
  for (Index i = 0; i < n; ++i) side(i) = int(rng() % 3);
  struct Out {
    Mat<S> l;
    spectrakit::Components comps;
    Vec<S> deg;
    S cut_components, cut;
  };
  const Out out = with_storage(storage, a, [&](const auto& x) {  // one call per storage: cheap to compile
    Out o{Mat<S>(spectrakit::laplacian(x)), spectrakit::connected_components(x), Vec<S>(spectrakit::degrees(x)), S(0), S(0)};
    o.cut_components = spectrakit::cut_weight(x, o.comps.labels);
    o.cut = spectrakit::cut_weight(x, side);
    return o;
  });
  const MatD l64 = out.l.template cast<double>(), a64 = a.template cast<double>();
  RC_ASSERT(l64 == l64.transpose());
  const double rounding = 4.0 * n * double(eps<S>());
  for (Index i = 0; i < n; ++i) {  // rows sum to 0 (to the rounding of the degree)
    const double degree = a64.row(i).sum();
    RC_ASSERT(std::abs(l64.row(i).sum()) <= rounding * degree);
  }
  // PSD, and the number of zero eigenvalues is the number of components.
  const double norm1 = l64.cwiseAbs().colwise().sum().maxCoeff();
  const double zero = 16.0 * std::max(n * eps<double>(), double(eps<S>())) * norm1;
  const VecD lambda = all_eigenvalues(l64);
  RC_ASSERT(lambda.minCoeff() >= -zero);
  RC_ASSERT((lambda.array().abs() <= zero).count() == c);
  RC_ASSERT(out.comps.count == c);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      RC_ASSERT((out.comps.labels(i) == out.comps.labels(j)) == (component[std::size_t(i)] == component[std::size_t(j)]));
  // degrees are the row sums; no edge joins two components; a random cut is the sum of its edges
  RC_ASSERT(out.deg.size() == n);
  for (Index i = 0; i < n; ++i) RC_ASSERT(std::abs(double(out.deg(i)) - a64.row(i).sum()) <= rounding * a64.row(i).sum());
  RC_ASSERT(out.cut_components == S(0));
  double direct = 0, total = 0;
  for (Index j = 0; j < n; ++j)
    for (Index i = 0; i < j; ++i) {
      total += a64(i, j);
      if (side(i) != side(j)) direct += a64(i, j);
    }
  RC_ASSERT(std::abs(double(out.cut) - direct) <= double(n) * n * double(eps<S>()) * total);
}

template <typename S>
void fiedler_and_bisection(bool known_defects) {
  const int n = draw_size(2), c = draw_in(1, std::max(1, std::min(n, 3)));
  const int seed = draw_seed(), storage = draw_in(0, storage_kinds - 1);
  spectrakit::FiedlerOptions o;
  o.method = static_cast<spectrakit::EigsMethod>(std::vector<int>{0, 1, 3, 4}[std::size_t(draw_in(0, 3))]);
  o.normalized = draw_in(0, 1) == 1;
  const bool k5 = o.normalized && c > 1 && !known_defects;  // computed in double for float input too
  const bool k6 = (o.method == spectrakit::EigsMethod::shift_invert || o.method == spectrakit::EigsMethod::lobpcg) && !known_defects;
  const int e = draw_exponent(std::min({max_exponent<S>(), k6 ? krylov_safe_exponent<double>() : 300, k5 ? 100 : 300}));
  o.seed = std::uint64_t(seed);
  std::vector<int> component;
  const Mat<S> a = random_graph(n, c, std::pow(10.0, e), seed, component).cast<S>();
  RC_LOG(describe("A", a, e, storage));
  RC_LOG() << c << " components, method " << spectrakit::to_string(o.method) << (o.normalized ? ", normalized" : "") << "\n";
  spectrakit::BisectionOptions bo;
  bo.fiedler = o;
  bo.split = draw_in(0, 1) ? spectrakit::BisectionSplit::median : spectrakit::BisectionSplit::sign;
  Eigen::VectorXi labels;
  const auto r = with_storage(storage, a, [&](const auto& x) {  // one call per storage: cheap to compile
    labels = spectrakit::spectral_bisection(x, bo);
    return spectrakit::fiedler_vector(x, o);
  });
  RC_LOG() << "status " << spectrakit::to_string(r.status) << ", value " << r.value << ", residual " << r.residual << "\n";
  RC_ASSERT(r.components == c);
  RC_ASSERT(r.vector.size() == n);
  const VecD v = r.vector.template cast<double>();
  const double rounding = 16.0 * n * double(eps<S>());
  RC_ASSERT(std::abs(v.stableNorm() - 1.0) <= rounding);
  if (c > 1) {
    RC_ASSERT(r.value == S(0));  // a disconnected graph: exactly 0
  } else if (r.converged()) {
    // residual of the pair with the (normalized) Laplacian, and lambda_2 itself
    const MatD l = spectrakit::laplacian(a.template cast<double>(), o.normalized ? spectrakit::LaplacianKind::symmetric_normalized
                                                                                 : spectrakit::LaplacianKind::unnormalized);
    const double norm1 = l.cwiseAbs().colwise().sum().maxCoeff();
    const double tol = 2.0 * std::pow(double(eps<S>()), 2.0 / 3.0) + rounding;  // the default tolerance, eps^(2/3)
    RC_ASSERT(stable_frobenius(l * v - double(r.value) * v) <= tol * norm1);
    const VecD lambda = all_eigenvalues(l);
    RC_ASSERT(std::abs(double(r.value) - lambda(n - 2)) <= tol * norm1);
  }
  RC_ASSERT(labels.size() == n);
  const Index ones = (labels.array() == 1).count();
  RC_ASSERT((labels.array() == 0).count() + ones == n);  // labels are 0 or 1
  RC_ASSERT(ones >= 1 && ones <= n - 1);                 // both sides non-empty (docs: for every graph, n >= 2)
  if (bo.split == spectrakit::BisectionSplit::median) RC_ASSERT(n - ones == (n + 1) / 2);
}

// ---- nmf -------------------------------------------------------------------------------------

template <typename S>
void symnmf_feasible_and_descending(bool) {
  // f(H) ~ ||A||_F^2 and H H^T H ~ A^{3/2} must be finite: |e| <= 140 (double), 14 (float)
  const int n = draw_size(1), k = draw_in(1, std::min(n, 4)), e = draw_exponent(max_exponent<S>() * 7 / 15);
  const int seed = draw_seed(), storage = draw_in(0, storage_kinds - 1);
  spectrakit::SymNMFOptions o;
  o.algorithm = static_cast<spectrakit::SymNMFAlgorithm>(draw_in(0, 3));
  o.max_iterations = draw_in(0, 30);
  o.seed = std::uint64_t(seed);
  // A = W W^T + sparse nonnegative noise, symmetric
  const MatD w = spectrakit_test::random_normal_double(n, k, std::uint64_t(seed)).cwiseAbs();
  MatD noise = spectrakit_test::random_normal_double(n, n, std::uint64_t(seed) + 1).cwiseAbs();
  noise = (0.1 * (noise + noise.transpose())).eval();
  thin_out(noise, 0.3, seed, true);
  const double scale = std::pow(10.0, e);
  Mat<S> a = ((w * w.transpose() + noise) * scale).cast<S>();
  thin_out(a, draw_in(0, 1) ? 1.0 : 0.5, seed + 1, true);
  RC_LOG(describe("A", a, e, storage));
  RC_LOG() << "k = " << k << ", " << spectrakit::to_string(o.algorithm) << ", " << o.max_iterations << " iterations\n";
  const auto r = with_storage(storage, a, [&](const auto& x) { return spectrakit::symnmf(x, k, o); });
  RC_LOG() << "status " << spectrakit::to_string(r.status) << "\n";
  RC_ASSERT(r.H.rows() == n && r.H.cols() == k);
  RC_ASSERT(r.H.allFinite());
  RC_ASSERT((r.H.array() >= S(0)).all());  // H >= 0
  RC_ASSERT(r.iterations <= o.max_iterations);
  RC_ASSERT(r.objective.size() == std::size_t(r.iterations + 1));
  if (o.algorithm == spectrakit::SymNMFAlgorithm::projected_gradient)  // Armijo: never increases
    for (std::size_t i = 1; i < r.objective.size(); ++i) RC_ASSERT(r.objective[i] <= r.objective[i - 1]);
  // The reported objective is f(H) = 1/2 ||A - H H^T||_F^2 (trace formula: error about eps ||A||_F^2).
  const MatD h = r.H.template cast<double>(), a64 = a.template cast<double>();
  const double direct = 0.5 * (a64 - h * h.transpose()).squaredNorm();
  const double size = a64.squaredNorm() + (h.transpose() * h).squaredNorm();
  RC_ASSERT(std::abs(double(r.final_objective()) - direct) <= 8.0 * n * double(eps<S>()) * size);
}

// ---- sylvester -------------------------------------------------------------------------------

template <typename S>
void sylvester_residual(bool known_defects) {
  const int m = draw_size(1), n = draw_size(1), seed = draw_seed(), storage = draw_in(0, dense_storage_kinds - 1);
  const int M = known_defects ? max_exponent<S>() : square_safe_exponent<S>();  // K4
  const int ea = draw_exponent(M), eb = draw_exponent(M), top = std::max(ea, eb);
  const int ec = draw_in(std::max(-M, top - 9 * M / 10), std::min(M, top + 9 * M / 10));  // X ~ C / (A + B) representable
  // A and B with eigenvalues of positive real part (A + B nonsingular); sometimes symmetric.
  auto shifted = [&](int size, int s, int exponent, bool symmetric) {
    MatD g = spectrakit_test::random_normal_double(size, size, std::uint64_t(s));
    if (symmetric) g = (0.5 * (g + g.transpose())).eval();
    g.diagonal().array() += stable_frobenius(g) + 1.0;
    return Mat<S>((g * std::pow(10.0, exponent)).cast<S>());
  };
  const Mat<S> a = shifted(m, seed, ea, draw_in(0, 2) == 0), b = shifted(n, seed + 1, eb, draw_in(0, 2) == 0);
  const Mat<S> c = scaled_normal<S>(m, n, seed + 2, ec);
  RC_LOG(describe("A", a, ea, storage));
  RC_LOG(describe("B", b, eb, 0));
  RC_LOG(describe("C", c, ec, 0));
  spectrakit::SylvesterOptions o;
  const auto r = with_dense_storage(storage, a, [&](const auto& x) { return spectrakit::solve_sylvester(x, b, c, o); });
  RC_ASSERT(r.converged());
  const MatD x = r.X.template cast<double>(), a64 = a.template cast<double>(), b64 = b.template cast<double>(),
             c64 = c.template cast<double>();
  const double denom = (stable_frobenius(a64) + stable_frobenius(b64)) * stable_frobenius(x) + stable_frobenius(c64);
  const double residual = stable_frobenius(a64 * x + x * b64 - c64);
  const double tol = 32.0 * (m + n) * double(eps<S>());
  RC_ASSERT(residual <= tol * denom);
  RC_ASSERT(double(r.relative_residual) <= tol);
}

// ---- io --------------------------------------------------------------------------------------

bool same_bits(double x, double y) { return std::memcmp(&x, &y, sizeof x) == 0; }

template <typename S>
void matrix_market_round_trip(bool) {
  const int m = draw_size(0), n = draw_size(0), e = draw_exponent(max_exponent<S>()), seed = draw_seed();
  const int storage = draw_in(0, storage_kinds - 1);
  const bool symmetric = m == n && draw_in(0, 1) == 1;
  Mat<S> a = scaled_normal<S>(m, n, seed, e);
  if (symmetric) a = a.template triangularView<Eigen::Lower>().toDenseMatrix() + a.transpose().template triangularView<Eigen::StrictlyUpper>().toDenseMatrix();
  sprinkle_specials(a, draw_in(0, 4), seed, symmetric);
  if (storage >= sparse_col) thin_out(a, 0.4, seed, symmetric);
  RC_LOG(describe("A", a, e, storage));
  spectrakit::MatrixMarketWriteOptions o;
  o.symmetry = symmetric ? spectrakit::MatrixMarketSymmetry::symmetric : spectrakit::MatrixMarketSymmetry::general;
  const std::string path = "rapidcheck_round_trip.mtx";
  const MatD back = with_storage(storage, a, [&](const auto& x) -> MatD {
    spectrakit::write_matrix_market(path, x, o);
    if constexpr (std::is_base_of<Eigen::SparseMatrixBase<std::decay_t<decltype(x)>>, std::decay_t<decltype(x)>>::value) {
      const Eigen::SparseMatrix<double> s = spectrakit::read_matrix_market(path);
      RC_ASSERT(Index(s.nonZeros()) == Index(stored_entries(a).size()));  // stored zeros stay stored
      return MatD(s);
    } else {
      return spectrakit::read_matrix_market_dense(path);
    }
  });
  RC_ASSERT(back.rows() == m && back.cols() == n);
  for (Index j = 0; j < n; ++j)
    for (Index i = 0; i < m; ++i) {
      // bit for bit (-0, subnormals, 1e+-300), except that a sparse matrix has +0 where nothing is stored
      const double want = storage >= sparse_col && a(i, j) == S(0) && !std::signbit(a(i, j)) ? 0.0 : double(a(i, j));
      RC_ASSERT(same_bits(back(i, j), want));
    }
}

// ---- image -----------------------------------------------------------------------------------

/// One of the three Hessian images: normal entries times 10^e, with -0, subnormal and exactly 0
/// pixels (xy = 0 is the diagonal branch).
template <typename S>
spectrakit::Image<S> hessian_component(int rows, int cols, int seed, int exponent) {
  Mat<S> x = scaled_normal<S>(rows, cols, seed, exponent);
  sprinkle_specials(x, draw_in(0, 4), seed);
  thin_out(x, draw_in(0, 1) ? 1.0 : 0.7, seed, false);
  return x.array();
}

template <typename S>
void hessian_eigenvalues_closed_form(bool known_defects) {
  const int rows = draw_size(1), cols = draw_size(1), seed = draw_seed();
  const int e = draw_exponent(max_exponent<S>()), ed = draw_in(-3, 3);  // per-component magnitudes differ
  spectrakit::ImageHessian<S> h;
  h.xx = hessian_component<S>(rows, cols, seed, e);
  h.xy = hessian_component<S>(rows, cols, seed + 1, std::max(-max_exponent<S>(), std::min(max_exponent<S>(), e + ed)));
  h.yy = hessian_component<S>(rows, cols, seed + 2, e);
  RC_LOG() << rows << "x" << cols << ", scale 1e" << e << ", xy 1e" << ed << " more\n";
  const spectrakit::HessianEigenvalues<S> ev = spectrakit::hessian_eigenvalues(h);
  RC_ASSERT(ev.lambda1.rows() == rows && ev.lambda1.cols() == cols && ev.lambda2.rows() == rows && ev.lambda2.cols() == cols);
  const double ulp = double(eps<S>()), tiny = double(std::numeric_limits<S>::denorm_min());
  for (Index k = 0; k < h.xx.size(); ++k) {
    const double a = double(h.xx(k)), b = double(h.xy(k)), d = double(h.yy(k));
    const double l1 = double(ev.lambda1(k)), l2 = double(ev.lambda2(k));
    const double top = std::max({std::abs(a), std::abs(b), std::abs(d)});
    int k2 = 0;  // the determinant in units of top^2 (a power of two: no overflow, exact scaling)
    std::frexp(top, &k2);
    const double as = std::ldexp(a, -k2), bs = std::ldexp(b, -k2), ds = std::ldexp(d, -k2);
    const double l1s = std::ldexp(l1, -k2), l2s = std::ldexp(l2, -k2), grain = std::ldexp(tiny, -k2);
    const bool ordered = std::abs(l1) <= std::abs(l2) * (known_defects ? 1.0 : 1.0 + 2.0 * ulp);  // K10
    const bool trace = std::abs(l1 + l2 - (a + d)) <= 16.0 * ulp * top + 4.0 * tiny;
    const bool det = top == 0.0 || std::abs(l1s * l2s - (as * ds - bs * bs)) <= 16.0 * ulp + 2.0 * grain * (std::abs(l1s) + std::abs(l2s));
    if (ordered && trace && det) continue;
    std::ostringstream os;  // the failing pixel (only: an image may have 1,600)
    os.precision(17);
    os << "pixel " << k << ": [[" << a << ", " << b << "], [" << b << ", " << d << "]] -> " << l1 << ", " << l2 << "\n";
    RC_LOG(os.str());
    RC_ASSERT(ordered);
    RC_ASSERT(trace);
    RC_ASSERT(det);
  }
}

// ---- errors (docs/errors.md) -----------------------------------------------------------------

/// The routines of the error property, by the input they need. Not classify_critical_point: its
/// symmetric eigen-solver is compiled in every file that calls it, also in the compiled mode,
/// and would cost this file a quarter of its compile time (its NaN/Inf error is checked by the
/// bad-input sweep of tests/test_properties.cpp).
enum Family { general, square, symmetric, graph };
struct Routine {
  const char* name;
  Family family;
  bool takes_sparse;
};
const Routine routines[] = {
    {"frobenius_norm", general, false},       {"singular_values", general, false},
    {"spectral_norm", general, false},        {"nuclear_norm", general, false},
    {"condition_number", general, false},     {"epsilon_rank", general, false},
    {"numerical_rank", general, false},       {"low_rank_approximation", general, false},
    {"kmeans", general, false},               {"write_matrix_market", general, true},
    {"trace", square, false},                 {"trace_of_product", square, false},
    {"power_iteration", square, true},        {"solve_sylvester", square, false},
    {"sherman_morrison", square, false},      {"repair_hessian", symmetric, false},
    {"newton_direction", symmetric, false},   {"eigenvalue_condition_number", symmetric, false},
    {"top_eigenpairs", symmetric, true},
    {"smallest_eigenpairs", symmetric, true}, {"symnmf", graph, true},
    {"laplacian", graph, true},               {"degrees", graph, true},
    {"connected_components", graph, true},    {"fiedler_vector", graph, true},
    {"spectral_bisection", graph, true},      {"spectral_embedding", graph, true},
    {"spectral_clustering", graph, true},     {"cut_weight", graph, true},
};
constexpr int routine_count = int(sizeof routines / sizeof routines[0]);

/// Calls routine `index` on x (any storage) with fixed valid other arguments. Each call is a
/// lambda run through std::function, so that the compiler optimizes 30 small functions rather
/// than one with 30 routines inlined (which costs it several times more).
template <typename X>
void call_routine(int index, const X& x) {
  const std::string name = routines[index].name;
  std::function<void()> run;
  const Index n = x.rows();
  constexpr bool sparse = std::is_base_of<Eigen::SparseMatrixBase<X>, X>::value;
  if constexpr (sparse) {
    if (name == "write_matrix_market") run = [&] { spectrakit::write_matrix_market("rapidcheck_error.mtx", x); };
    else if (name == "power_iteration") run = [&] { (void)spectrakit::power_iteration(x); };
    else if (name == "top_eigenpairs") run = [&] { (void)spectrakit::top_eigenpairs(x, 1); };
    else if (name == "smallest_eigenpairs") run = [&] { (void)spectrakit::smallest_eigenpairs(x, 1); };
    else if (name == "symnmf") run = [&] { (void)spectrakit::symnmf(x, 1); };
    else if (name == "laplacian") run = [&] { (void)spectrakit::laplacian(x); };
    else if (name == "degrees") run = [&] { (void)spectrakit::degrees(x); };
    else if (name == "connected_components") run = [&] { (void)spectrakit::connected_components(x); };
    else if (name == "fiedler_vector") run = [&] { (void)spectrakit::fiedler_vector(x); };
    else if (name == "spectral_bisection") run = [&] { (void)spectrakit::spectral_bisection(x); };
    else if (name == "spectral_embedding") run = [&] { (void)spectrakit::spectral_embedding(x, 1); };
    else if (name == "spectral_clustering") run = [&] { (void)spectrakit::spectral_clustering(x, 1); };
    else if (name == "cut_weight") run = [&] { (void)spectrakit::cut_weight(x, Eigen::VectorXi::Zero(n)); };
  } else {
    using S = typename X::Scalar;
    const Mat<S> ones = Mat<S>::Ones(n, n);
    const Vec<S> g = Vec<S>::Ones(n);
    if (name == "frobenius_norm") run = [&] { (void)spectrakit::frobenius_norm(x); };
    else if (name == "singular_values") run = [&] { (void)spectrakit::singular_values(x); };
    else if (name == "spectral_norm") run = [&] { (void)spectrakit::spectral_norm(x); };
    else if (name == "nuclear_norm") run = [&] { (void)spectrakit::nuclear_norm(x); };
    else if (name == "condition_number") run = [&] { (void)spectrakit::condition_number(x); };
    else if (name == "epsilon_rank") run = [&] { (void)spectrakit::epsilon_rank(x, 1e-6); };
    else if (name == "numerical_rank") run = [&] { (void)spectrakit::numerical_rank(x); };
    else if (name == "low_rank_approximation") run = [&] { (void)spectrakit::low_rank_approximation(x, 0); };
    else if (name == "kmeans") run = [&] { (void)spectrakit::kmeans(x, 1); };
    else if (name == "write_matrix_market") run = [&] { spectrakit::write_matrix_market("rapidcheck_error.mtx", x); };
    else if (name == "trace") run = [&] { (void)spectrakit::trace(x); };
    else if (name == "trace_of_product") run = [&] { (void)spectrakit::trace_of_product(x, ones); };
    else if (name == "power_iteration") run = [&] { (void)spectrakit::power_iteration(x); };
    else if (name == "solve_sylvester") run = [&] { (void)spectrakit::solve_sylvester(x, Mat<S>(ones * S(n)), ones, {}); };
    else if (name == "sherman_morrison") run = [&] { (void)spectrakit::sherman_morrison(x, g, g); };
    else if (name == "repair_hessian") run = [&] { (void)spectrakit::repair_hessian(x); };
    else if (name == "newton_direction") run = [&] { (void)spectrakit::newton_direction(x, g); };
    else if (name == "eigenvalue_condition_number") run = [&] { (void)spectrakit::eigenvalue_condition_number(x); };
    else if (name == "top_eigenpairs") run = [&] { (void)spectrakit::top_eigenpairs(x, 1); };
    else if (name == "smallest_eigenpairs") run = [&] { (void)spectrakit::smallest_eigenpairs(x, 1); };
    else if (name == "symnmf") run = [&] { (void)spectrakit::symnmf(x, 1); };
    else if (name == "laplacian") run = [&] { (void)spectrakit::laplacian(x); };
    else if (name == "degrees") run = [&] { (void)spectrakit::degrees(x); };
    else if (name == "connected_components") run = [&] { (void)spectrakit::connected_components(x); };
    else if (name == "fiedler_vector") run = [&] { (void)spectrakit::fiedler_vector(x); };
    else if (name == "spectral_bisection") run = [&] { (void)spectrakit::spectral_bisection(x); };
    else if (name == "spectral_embedding") run = [&] { (void)spectrakit::spectral_embedding(x, 1); };
    else if (name == "spectral_clustering") run = [&] { (void)spectrakit::spectral_clustering(x, 1); };
    else if (name == "cut_weight") run = [&] { (void)spectrakit::cut_weight(x, Eigen::VectorXi::Zero(n)); };
    if (run) run();  // here: the lambdas refer to ones and g (ASan: stack-use-after-scope below)
    return;
  }
  if (run) run();
}

template <typename S>
void non_finite_input_is_rejected(bool) {
  const int index = draw_in(0, routine_count - 1);
  const Routine& routine = routines[index];
  // dense, column-major and uncompressed sparse (the other storage kinds are covered by the other
  // properties; each kind here compiles every routine once more)
  const int storage = std::vector<int>{dense, sparse_col, sparse_uncompressed}[std::size_t(draw_in(0, routine.takes_sparse ? 2 : 0))];
  const int lo = routine.family == graph ? 2 : 1;
  const int m = draw_size(lo), n = routine.family == general ? draw_size(1) : m, seed = draw_seed();
  const S bad = std::vector<S>{std::numeric_limits<S>::quiet_NaN(), std::numeric_limits<S>::infinity(),
                               -std::numeric_limits<S>::infinity()}[std::size_t(draw_in(0, 2))];
  // A valid input of the family, then one entry (a symmetric pair; a diagonal entry for trace) made bad.
  Mat<S> a = scaled_normal<S>(m, n, seed, 0);
  if (routine.family == symmetric || routine.family == graph) a = (a + a.transpose()).eval();
  if (routine.family == graph) a = a.cwiseAbs();
  if (routine.family == symmetric || routine.name == std::string("power_iteration")) a.diagonal().array() += S(2 * n);
  Index i = draw_in(0, m - 1), j = draw_in(0, n - 1);
  if (routine.name == std::string("trace")) j = i;
  a(i, j) = bad;
  if (routine.family == symmetric || routine.family == graph) a(j, i) = bad;
  RC_LOG(describe("A", a, 0, storage));
  RC_LOG() << "routine " << routine.name << "\n";
  std::string message;
  try {
    if (storage == dense) {
      call_routine(index, a);
    } else {
      with_sparse_storage(storage, a, [&](const auto& x) { call_routine(index, x); });
    }
  } catch (const spectrakit::invalid_input& error) {
    message = error.what();
  }
  RC_LOG() << "message: " << message << "\n";
  // invalid_input naming the routine and the argument (docs/errors.md), and what is wrong
  RC_ASSERT(message.rfind(std::string("spectrakit::") + routine.name + ": argument '", 0) == 0);
  RC_ASSERT(message.find("NaN or Inf") != std::string::npos);
}

// Case counts: the whole file runs in seconds (g++ -O2) and well under 30 s under ASan.
TEST_CASE("property: the Frobenius norm three ways, spectral norm bounds and scaling", "[rapidcheck][norms]") {
  check_property("frobenius_norm = sqrt(sum sigma^2) = sqrt(tr(A^T A)) (double)", 150, [] { frobenius_three_ways<double>(false); });
  check_property("frobenius_norm = sqrt(sum sigma^2) = sqrt(tr(A^T A)) (float)", 150, [] { frobenius_three_ways<float>(false); });
  check_property("max|a_ij| <= ||A||_2 <= ||A||_F, ||cA||_2 = |c| ||A||_2 (double)", 150,
                 [] { spectral_norm_bounds_and_scaling<double>(false); });
  check_property("max|a_ij| <= ||A||_2 <= ||A||_F, ||cA||_2 = |c| ||A||_2 (float)", 150,
                 [] { spectral_norm_bounds_and_scaling<float>(false); });
}

TEST_CASE("property: nuclear norm, condition number, ranks and trace of a designed spectrum", "[rapidcheck][norms]") {
  check_property("nuclear_norm, condition_number, epsilon_rank, numerical_rank, trace (double)", 100,
                 [] { spectrum_functions<double>(false); });
  check_property("nuclear_norm, condition_number, epsilon_rank, numerical_rank, trace (float)", 100,
                 [] { spectrum_functions<float>(false); });
}

TEST_CASE("property: Eckart-Young for low_rank_approximation", "[rapidcheck][low_rank]") {
  check_property("low_rank_approximation: error = sigma_{k+1} (double)", 100, [] { eckart_young<double>(false); });
  check_property("low_rank_approximation: error = sigma_{k+1} (float)", 100, [] { eckart_young<float>(false); });
}

TEST_CASE("property: symmetric eigenpairs have small residuals and orthonormal vectors", "[rapidcheck][eigen]") {
  check_property("top_eigenpairs residual, orthogonality, values (double)", 100, [] { symmetric_eigenpairs<double>(false, false); });
  check_property("top_eigenpairs residual, orthogonality, values (float)", 100, [] { symmetric_eigenpairs<float>(false, false); });
  check_property("smallest_eigenpairs residual, orthogonality, values (double)", 100, [] { symmetric_eigenpairs<double>(true, false); });
  check_property("smallest_eigenpairs residual, orthogonality, values (float)", 100, [] { symmetric_eigenpairs<float>(true, false); });
}

TEST_CASE("property: repaired Hessians meet their method's contract; Sherman-Morrison", "[rapidcheck][hessian]") {
  check_property("repair_hessian contract, newton_direction descends (double)", 150, [] { repaired_hessian_contract<double>(false); });
  check_property("repair_hessian contract, newton_direction descends (float)", 150, [] { repaired_hessian_contract<float>(false); });
  check_property("sherman_morrison = direct inverse (double)", 100, [] { sherman_morrison_matches_inverse<double>(false); });
  check_property("sherman_morrison = direct inverse (float)", 100, [] { sherman_morrison_matches_inverse<float>(false); });
}

TEST_CASE("property: Laplacians, components, Fiedler pairs and bisections", "[rapidcheck][graph]") {
  check_property("laplacian rows sum to 0, PSD, #zero eigenvalues = #components (double)", 100, [] { laplacian_spectrum<double>(false); });
  check_property("laplacian rows sum to 0, PSD, #zero eigenvalues = #components (float)", 100, [] { laplacian_spectrum<float>(false); });
  check_property("fiedler_vector residual, spectral_bisection labels (double)", 100, [] { fiedler_and_bisection<double>(false); });
  check_property("fiedler_vector residual, spectral_bisection labels (float)", 100, [] { fiedler_and_bisection<float>(false); });
}

TEST_CASE("property: symnmf keeps H >= 0 and reports its objective", "[rapidcheck][nmf]") {
  check_property("symnmf H >= 0, objective (double)", 100, [] { symnmf_feasible_and_descending<double>(false); });
  check_property("symnmf H >= 0, objective (float)", 100, [] { symnmf_feasible_and_descending<float>(false); });
}

TEST_CASE("property: solve_sylvester residual", "[rapidcheck][sylvester]") {
  check_property("solve_sylvester residual (double)", 100, [] { sylvester_residual<double>(false); });
  check_property("solve_sylvester residual (float)", 100, [] { sylvester_residual<float>(false); });
}

TEST_CASE("property: Matrix Market write then read is the identity", "[rapidcheck][io]") {
  check_property("write_matrix_market / read_matrix_market round trip (double)", 100, [] { matrix_market_round_trip<double>(false); });
  check_property("write_matrix_market / read_matrix_market round trip (float)", 100, [] { matrix_market_round_trip<float>(false); });
}

TEST_CASE("property: the per-pixel Hessian eigenvalues match trace and determinant", "[rapidcheck][image]") {
  check_property("hessian_eigenvalues: order, trace, determinant (double)", 100, [] { hessian_eigenvalues_closed_form<double>(false); });
  check_property("hessian_eigenvalues: order, trace, determinant (float)", 100, [] { hessian_eigenvalues_closed_form<float>(false); });
}

TEST_CASE("property: NaN or Inf anywhere in the input is invalid_input naming the routine", "[rapidcheck][errors]") {
  check_property("non-finite input -> invalid_input (double)", 300, [] { non_finite_input_is_rejected<double>(false); });
  check_property("non-finite input -> invalid_input (float)", 300, [] { non_finite_input_is_rejected<float>(false); });
}

// The properties without the restrictions that avoid the known defects K1-K10 (see the top of
// the file): expected to fail until the defects are fixed. Hidden; run it with
//   spectrakit_test_rapidcheck "[known_defects]"
TEST_CASE("known defects: the properties at full range", "[.known_defects]") {
  check_property("K1, K2 top_eigenpairs (double)", 200, [] { symmetric_eigenpairs<double>(false, true); });
  check_property("K1, K2 top_eigenpairs (float)", 200, [] { symmetric_eigenpairs<float>(false, true); });
  check_property("K1, K2, K9 smallest_eigenpairs (double)", 200, [] { symmetric_eigenpairs<double>(true, true); });
  check_property("K1, K2, K9 smallest_eigenpairs (float)", 200, [] { symmetric_eigenpairs<float>(true, true); });
  check_property("K3, K7 repair_hessian, newton_direction (double)", 200, [] { repaired_hessian_contract<double>(true); });
  check_property("K7 newton_direction (float)", 200, [] { repaired_hessian_contract<float>(true); });
  check_property("K8 low_rank_approximation, repeated singular values (double)", 300, [] { eckart_young<double>(true); });
  check_property("K8 low_rank_approximation (float)", 300, [] { eckart_young<float>(true); });
  check_property("K4 solve_sylvester at 1e+-300 (double)", 100, [] { sylvester_residual<double>(true); });
  check_property("K5, K6 fiedler_vector (double)", 200, [] { fiedler_and_bisection<double>(true); });
  check_property("K10 hessian_eigenvalues order (double)", 200, [] { hessian_eigenvalues_closed_form<double>(true); });
}

}  // namespace
}  // namespace spectrakit_rapidcheck_test

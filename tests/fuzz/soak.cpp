// Soak test (issue 16): every iterative routine on SPECTRAKIT_SOAK_SEEDS (default 1000) seeds
// of small random problems. Each run must return (no exception, no hang, no sanitizer report)
// with a status, iterations within the documented bound, and a finite best iterate whenever
// the status is success. Prints, per routine, how many runs ended with each status.
//   spectrakit_soak [seeds]
#include <Eigen/Dense>
#include <Eigen/SparseCore>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <random>
#include <spectrakit/eigen.hpp>
#include <spectrakit/graph.hpp>
#include <spectrakit/hessian.hpp>
#include <spectrakit/nmf.hpp>
#include <string>

namespace {

int failures = 0;

struct Tally {
  const char* name;
  std::array<int, 3> by_status{};
  void add(spectrakit::Status s, bool ok, unsigned seed, const char* what) {
    ++by_status[static_cast<int>(s)];
    if (!ok) {
      ++failures;
      std::fprintf(stderr, "soak: %s, seed %u: %s (status %s)\n", name, seed, what, spectrakit::to_string(s));
    }
  }
  void print() const {
    std::printf("%-22s success %5d  not_converged %5d  numerical_issue %5d\n", name, by_status[0], by_status[1],
                by_status[2]);
  }
};

bool valid(spectrakit::Status s) {
  return s == spectrakit::Status::success || s == spectrakit::Status::not_converged ||
         s == spectrakit::Status::numerical_issue;
}

/// A random symmetric n x n matrix: Q diag(d) Q^T with d drawn from a few spectrum shapes
/// (spread, clustered, repeated, indefinite, +-lambda pairs).
Eigen::MatrixXd random_symmetric(std::mt19937_64& rng, Eigen::Index n) {
  std::normal_distribution<double> g;
  Eigen::MatrixXd m(n, n);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = g(rng);
  const Eigen::HouseholderQR<Eigen::MatrixXd> qr(m);
  const Eigen::MatrixXd q = qr.householderQ();
  Eigen::VectorXd d(n);
  const int shape = int(rng() % 5);
  for (Eigen::Index i = 0; i < n; ++i) {
    switch (shape) {
      case 0: d(i) = g(rng); break;
      case 1: d(i) = 1.0 + 1e-6 * double(i); break;
      case 2: d(i) = i < n / 2 ? 2.0 : 1.0; break;
      case 3: d(i) = (i % 2 ? -1.0 : 1.0) * (1.0 + 0.1 * double(i / 2)); break;
      default: d(i) = std::exp(g(rng) * 3); break;
    }
  }
  return q * d.asDiagonal() * q.transpose();
}

/// A random graph: a path (connected) plus random edges, sometimes a second component.
Eigen::SparseMatrix<double> random_graph(std::mt19937_64& rng, Eigen::Index n) {
  std::vector<Eigen::Triplet<double>> t;
  const bool split = rng() % 4 == 0;
  for (Eigen::Index i = 0; i + 1 < n; ++i)
    if (!(split && i == n / 2)) t.emplace_back(i, i + 1, 1.0 + double(rng() % 3)), t.emplace_back(i + 1, i, 0.0);
  for (int e = 0; e < int(n); ++e) {
    const Eigen::Index i = Eigen::Index(rng() % std::uint64_t(n)), j = Eigen::Index(rng() % std::uint64_t(n));
    if (i != j && (!split || (i < n / 2 + 1) == (j < n / 2 + 1))) t.emplace_back(i, j, 0.5), t.emplace_back(j, i, 0.0);
  }
  Eigen::SparseMatrix<double> a(n, n);
  a.setFromTriplets(t.begin(), t.end());
  const Eigen::SparseMatrix<double> at = a.transpose();
  return Eigen::SparseMatrix<double>(a + at);  // symmetric: each weight counted once per direction
}

}  // namespace

int main(int argc, char** argv) {
  const unsigned seeds = argc > 1 ? unsigned(std::strtoul(argv[1], nullptr, 10)) : 1000u;
  Tally power{"power_iteration"}, inverse{"inverse_iteration"}, top{"top_eigenpairs"}, smallest{"smallest_eigenpairs"},
      fiedler{"fiedler_vector"}, kmeans{"kmeans"}, nmf{"symnmf"}, newton{"newton_minimize"};
  for (unsigned seed = 0; seed < seeds; ++seed) {
    std::mt19937_64 rng(seed);
    const Eigen::Index n = 2 + Eigen::Index(rng() % 30);
    try {
      const Eigen::MatrixXd a = random_symmetric(rng, n);
      spectrakit::PowerOptions po;
      po.max_iterations = 500;
      po.seed = seed;
      const auto p = spectrakit::power_iteration(a, po);
      power.add(p.status, valid(p.status) && p.iterations <= po.max_iterations && (!p.converged() || std::isfinite(p.value)),
                seed, "bad result");
      const auto q = spectrakit::inverse_iteration(a, 0.1, po);
      inverse.add(q.status, valid(q.status) && q.iterations <= po.max_iterations, seed, "bad result");
      spectrakit::EigsOptions eo;
      eo.seed = seed;
      eo.max_iterations = 50;
      const Eigen::Index k = 1 + Eigen::Index(rng() % std::uint64_t(n));
      const auto t = spectrakit::top_eigenpairs(a, k, eo);
      top.add(t.status, valid(t.status) && t.iterations <= eo.max_iterations && (!t.converged() || t.values.allFinite()),
              seed, "bad result");
      const Eigen::SparseMatrix<double> g = random_graph(rng, n);
      const Eigen::SparseMatrix<double> l = spectrakit::laplacian(g);
      const auto s = spectrakit::smallest_eigenpairs(l, std::min<Eigen::Index>(k, n), eo);
      smallest.add(s.status, valid(s.status) && s.iterations <= eo.max_iterations && (!s.converged() || s.values.allFinite()),
                   seed, "bad result");
      spectrakit::FiedlerOptions fo;
      fo.seed = seed;
      fo.max_iterations = 200;
      const auto f = spectrakit::fiedler_vector(g, fo);
      fiedler.add(f.status, valid(f.status) && (!f.converged() || (std::isfinite(f.value) && f.vector.allFinite())), seed,
                  "bad result");
      spectrakit::KMeansOptions ko;
      ko.seed = seed;
      ko.max_iterations = 50;
      const Eigen::MatrixXd y = Eigen::MatrixXd::Random(n, 3);
      const auto km = spectrakit::kmeans(y, std::min<Eigen::Index>(k, n), ko);
      kmeans.add(km.status, valid(km.status) && km.iterations >= 0, seed, "bad result");
      spectrakit::SymNMFOptions so;
      so.seed = seed;
      so.max_iterations = 100;
      const Eigen::MatrixXd an = Eigen::MatrixXd(g);
      const auto h = spectrakit::symnmf(an, std::min<Eigen::Index>(k, 4), so);
      nmf.add(h.status, valid(h.status) && h.iterations <= so.max_iterations && (h.H.array() >= 0).all(), seed,
              "bad result");
      // Newton on a random quadratic plus a quartic: indefinite Hessians far from the minimum.
      const Eigen::MatrixXd hq = random_symmetric(rng, n);
      const Eigen::VectorXd b = Eigen::VectorXd::Random(n);
      auto fn = [&](const Eigen::VectorXd& x) { return 0.5 * x.dot(hq * x) - b.dot(x) + 0.25 * x.squaredNorm() * x.squaredNorm(); };
      auto grad = [&](const Eigen::VectorXd& x) -> Eigen::VectorXd { return hq * x - b + x.squaredNorm() * x; };
      auto hess = [&](const Eigen::VectorXd& x) -> Eigen::MatrixXd {
        return hq + x.squaredNorm() * Eigen::MatrixXd::Identity(n, n) + 2 * x * x.transpose();
      };
      spectrakit::NewtonOptions no;
      no.max_iterations = 100;
      const auto r = spectrakit::newton_minimize(fn, grad, hess, Eigen::VectorXd::Random(n).eval(), no);
      newton.add(r.status, valid(r.status) && r.iterations <= no.max_iterations && r.x.allFinite(), seed, "bad result");
    } catch (const std::exception& e) {
      ++failures;
      std::fprintf(stderr, "soak: seed %u (n = %ld): exception: %s\n", seed, long(n), e.what());
    }
  }
  for (const Tally* t : {&power, &inverse, &top, &smallest, &fiedler, &kmeans, &nmf, &newton}) t->print();
  std::printf("soak: %u seeds, %d failures\n", seeds, failures);
  return failures == 0 ? 0 : 1;
}

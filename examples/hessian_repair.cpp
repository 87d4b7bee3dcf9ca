// The notes' Hessian H = [[1,2,3],[2,4,5],[3,5,6]] (seed 000) through each repair method of
// spectrakit, side by side: eigenvalues before and after, shift, ||H~ - H||_F, condition number,
// and whether the Newton direction descends.
#include <Eigen/Dense>
#include <cstdio>
#include <spectrakit/hessian.hpp>

int main() {
  Eigen::Matrix3d h;
  h << 1, 2, 3, 2, 4, 5, 3, 5, 6;
  const Eigen::Vector3d g(1, -1, 0.5);

  std::printf("H = [[1,2,3],[2,4,5],[3,5,6]]: symmetric, det = %.0f, so full rank (the notes call it\n",
              h.determinant());
  const auto base = spectrakit::repair_hessian(h);
  std::printf("rank deficient); eigenvalues %.6f %.6f %.6f: indefinite (classify_critical_point: %s).\n\n",
              base.eigenvalues(0), base.eigenvalues(1), base.eigenvalues(2),
              spectrakit::to_string(spectrakit::classify_critical_point(h)));

  std::printf("%-26s %-6s %-34s %-10s %-11s %-10s %-9s %s\n", "method", "delta", "eigenvalues of H~", "shift",
              "||H~-H||_F", "cond(H~)", "PD(LLT)", "g^T p");
  const spectrakit::RepairMethod methods[] = {
      spectrakit::RepairMethod::floor_singular_values, spectrakit::RepairMethod::truncate_singular_values,
      spectrakit::RepairMethod::clip_eigenvalues,      spectrakit::RepairMethod::absolute_eigenvalues,
      spectrakit::RepairMethod::shift_identity,        spectrakit::RepairMethod::modified_cholesky};
  for (double delta : {1e-8, 0.05}) {
    for (auto method : methods) {
      spectrakit::RepairOptions options;
      options.method = method;
      options.delta = delta;
      if (method == spectrakit::RepairMethod::truncate_singular_values) options.rank = 2;
      const auto r = spectrakit::repair_hessian(h, options);
      Eigen::Vector3d after = Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d>(r.matrix).eigenvalues();
      const bool pd = Eigen::LLT<Eigen::Matrix3d>(r.matrix).info() == Eigen::Success;
      const Eigen::Vector3d p = spectrakit::newton_direction(h, g, options);
      char eig[64];
      std::snprintf(eig, sizeof eig, "%10.6f %10.6f %10.6f", after(0), after(1), after(2));
      const double cond = after.cwiseAbs().maxCoeff() / after.cwiseAbs().minCoeff();
      std::printf("%-26s %-6g %-34s %-10.4g %-11.6f %-10.4g %-9s %+.4f%s\n", spectrakit::to_string(method), delta, eig,
                  double(r.shift), (r.matrix - h).norm(), cond, pd ? "yes" : "no", g.dot(p),
                  r.modified ? "" : "  (H unchanged)");
    }
    std::printf("\n");
  }
  std::printf("truncate_singular_values uses rank = 2 (Eckart-Young: ||H - H~||_F = sigma_3 = %.6f).\n",
              base.eigenvalues(1));
  std::printf(
      "floor_singular_values keeps the signs: at delta = 0.05 H~ is still indefinite, and its\n"
      "Newton direction need not descend. clip/abs/shift/modified Cholesky always give g^T p < 0.\n");
  return 0;
}

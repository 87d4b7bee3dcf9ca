// The Spectra equivalent of fiedler_program.cpp (for scripts/compile_times.sh): read a Matrix
// Market graph with Eigen's loadMarket, form L = D - A, take the two smallest eigenpairs by
// Spectra's shift-invert Lanczos on a sparse LU of L - sigma I (sigma = -1e-5, as the peers do).
#include <Eigen/SparseCore>
#include <Spectra/MatOp/SparseSymShiftSolve.h>
#include <Spectra/SymEigsShiftSolver.h>
#include <unsupported/Eigen/SparseExtra>

#include <iostream>

int main(int argc, char** argv) {
  if (argc < 2) return 2;
  Eigen::SparseMatrix<double> a;
  if (!Eigen::loadMarket(a, argv[1])) return 3;
  Eigen::SparseMatrix<double> l = -a;
  for (int j = 0; j < a.outerSize(); ++j) l.coeffRef(j, j) += a.col(j).sum();
  Spectra::SparseSymShiftSolve<double> op(l);
  Spectra::SymEigsShiftSolver<Spectra::SparseSymShiftSolve<double>> eigs(op, 2, 20, -1e-5);
  eigs.init();
  eigs.compute(Spectra::SortRule::LargestMagn);
  if (eigs.info() != Spectra::CompInfo::Successful) return 1;
  std::cout << "lambda_2 = " << eigs.eigenvalues()(0) << '\n';
  return 0;
}

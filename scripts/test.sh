#!/usr/bin/env bash
# Builds and runs every spectrakit test (then fuzzes the readers and the tool for a bounded time),
# in two builds that between them cover both compilers and both modes:
#   gcc       g++ -O2 -Werror, OpenMP and CHOLMOD, against the compiled library (libspectrakit,
#             the cores built once), with the examples, the package-consumption tests and the
#             distributed module's tests (PETSc/SLEPc under mpiexec);
#   sanitize  clang++ -Werror under AddressSanitizer and UndefinedBehaviorSanitizer, against the
#             compiled library too (built with the sanitizers), with the header self-containment
#             test (every public header compiled alone, header-only) and the soak test.
# The header-only mode is built and run by the package-consumption tests (gcc build), by the
# header self-containment test and by the libFuzzer targets, which compile the readers and the
# tool header-only so that the fuzzer's coverage instrumentation sees them.
# Installs what is missing first. Prints each build's configure, compile and test times.
# Exits non-zero on any failure. Idempotent; run from anywhere.
#   SPECTRAKIT_TEST_BUILDS="gcc sanitize"   which builds to run (default: both)
#   SPECTRAKIT_FUZZ_SECONDS=60              libFuzzer time per target afterwards (0: none)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$root/scripts/install-deps.sh" test
jobs=$(nproc)
builds=${SPECTRAKIT_TEST_BUILDS:-gcc sanitize}

run_build() {
  local name=$1; shift
  local dir="$root/build/test-$name"
  echo "=== spectrakit tests: $name build in $dir"
  local start=$SECONDS
  cmake -S "$root" -B "$dir" -DSPECTRAKIT_BUILD_TESTS=ON -DSPECTRAKIT_BUILD_EXAMPLES=ON \
    -DSPECTRAKIT_WERROR=ON "$@" >/dev/null
  local configured=$SECONDS
  cmake --build "$dir" -j "$jobs"
  local built=$SECONDS
  ctest --test-dir "$dir" --output-on-failure -j "$jobs"
  echo "=== $name build: $((SECONDS - start)) s (configure $((configured - start)) s, compile $((built - configured)) s, tests $((SECONDS - built)) s)"
}

for b in $builds; do
  case "$b" in
    gcc)
      # -O2 without NDEBUG: optimized, with Eigen's and the library's assertions on; OpenMP, so
      # that the multi-threaded paths run too (two threads per test), and the optional CHOLMOD
      # backend (the sanitizer build tests the pure-Eigen paths); the distributed module on
      # PETSc/SLEPc, its tests under mpiexec -n 1, 2 and 3 (tests/distributed/).
      run_build gcc -DCMAKE_CXX_COMPILER=g++ -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O2" \
        -DSPECTRAKIT_TESTS_OPENMP=ON -DSPECTRAKIT_WITH_CHOLMOD=ON -DSPECTRAKIT_WITH_SLEPC=ON \
        -DSPECTRAKIT_BUILD_LIBRARY=ON -DSPECTRAKIT_WITH_OPENMP=ON -DSPECTRAKIT_HEADER_TESTS=OFF ;;
    sanitize)
      # clang++'s AddressSanitizer and UndefinedBehaviorSanitizer (g++'s take twice as long and
      # 4 GB per file); the cores compiled once at -O1 into an instrumented shared libspectrakit
      # (bound to its own kernels, -Bsymbolic-functions), the test files at -O0 (a third of the
      # compiler-seconds of -O1; the library they call keeps its speed); line tables are all the
      # sanitizers' reports need.
      run_build sanitize -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
        -DBUILD_SHARED_LIBS=ON -DSPECTRAKIT_TEST_CXX_FLAGS=-O0 \
        -DSPECTRAKIT_PACKAGE_TESTS=OFF -DSPECTRAKIT_BUILD_EXAMPLES=OFF -DSPECTRAKIT_BUILD_LIBRARY=ON \
        -DSPECTRAKIT_HEADER_TESTS=ON -DSPECTRAKIT_BUILD_SOAK=ON ;;
    *) echo "test.sh: unknown build '$b'" >&2; exit 2 ;;
  esac
done

# Coverage-guided fuzzing of the readers and the tool, a bounded time per target, then the replay
# of the committed corpus and regression inputs (scripts/fuzz.sh). SPECTRAKIT_FUZZ_SECONDS=0 skips it.
fuzz_seconds=${SPECTRAKIT_FUZZ_SECONDS:-60}
if [ "$fuzz_seconds" -gt 0 ]; then
  start=$SECONDS
  bash "$root/scripts/fuzz.sh" "$fuzz_seconds"
  echo "=== fuzz: $((SECONDS - start)) s"
fi
echo "All spectrakit test builds passed: $builds"

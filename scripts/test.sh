#!/usr/bin/env bash
# Builds and runs every spectrakit test (then fuzzes the readers and the tool for a bounded time),
# in two builds that between them cover both compilers and both modes:
#   gcc       g++ -O2 -Werror (the test files -O0), OpenMP and CHOLMOD, against the compiled
#             library (a shared libspectrakit, the cores built once), with the examples, the
#             package-consumption tests and the distributed module's tests (PETSc/SLEPc under
#             mpiexec);
#   sanitize  clang++ -Werror under AddressSanitizer and UndefinedBehaviorSanitizer, against the
#             compiled library too (built with the sanitizers), with the header self-containment
#             test (every public header compiled alone, header-only), the RapidCheck property
#             tests and the soak test.
#             The sanitizer build also builds the libFuzzer targets that the fuzzing step runs.
# The header-only mode is built and run by the package-consumption tests (gcc build), by the
# header self-containment test and by the readers' libFuzzer targets, which compile the readers
# header-only so that the fuzzer's coverage instrumentation sees them.
# Installs what is missing first. Prints the configure, compile and test times.
# Exits non-zero on any failure. Idempotent; run from anywhere.
#   SPECTRAKIT_TEST_BUILDS="gcc sanitize"   which builds to run (default: both)
#   SPECTRAKIT_FUZZ_SECONDS=30              libFuzzer time per target afterwards (0: none)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$root/scripts/install-deps.sh" test
jobs=$(nproc)
builds=${SPECTRAKIT_TEST_BUILDS:-gcc sanitize}
serial=${SPECTRAKIT_TEST_SERIAL:-0}

build_args() {
  case "$1" in
    gcc)
      # -O2 without NDEBUG: optimized, with Eigen's and the library's assertions on; OpenMP, so
      # that the multi-threaded paths run too (two threads per test), and the optional CHOLMOD
      # backend (the sanitizer build tests the pure-Eigen paths); the distributed module on
      # PETSc/SLEPc, its tests under mpiexec -n 1, 2 and 3 (tests/distributed/). The library,
      # examples and tool at -O2 (g++'s flow warnings see every core there), the test files at
      # -O0 (g++ -O2 took 1.8x their compiler-seconds), so the library is shared and bound to its
      # own kernels as in the sanitizer build. The property tests run in the sanitizer build only.
      args=(-DCMAKE_CXX_COMPILER=g++ -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O2"
        -DSPECTRAKIT_TESTS_OPENMP=ON -DSPECTRAKIT_WITH_CHOLMOD=ON -DSPECTRAKIT_WITH_SLEPC=ON
        -DSPECTRAKIT_BUILD_LIBRARY=ON -DSPECTRAKIT_WITH_OPENMP=ON -DSPECTRAKIT_HEADER_TESTS=OFF
        -DSPECTRAKIT_PROPERTY_TESTS=OFF -DBUILD_SHARED_LIBS=ON -DSPECTRAKIT_TEST_CXX_FLAGS=-O0) ;;
    sanitize)
      # clang++'s AddressSanitizer and UndefinedBehaviorSanitizer (g++'s take twice as long and
      # 4 GB per file); the cores compiled once at -O1 into an instrumented shared libspectrakit
      # (bound to its own kernels, -Bsymbolic-functions), the test files at -O0 (a third of the
      # compiler-seconds of -O1; the library they call keeps its speed); line tables are all the
      # sanitizers' reports need. The libFuzzer targets are built here too (fuzzed below).
      args=(-DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo
        -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"
        -DBUILD_SHARED_LIBS=ON -DSPECTRAKIT_TEST_CXX_FLAGS=-O0
        -DSPECTRAKIT_PACKAGE_TESTS=OFF -DSPECTRAKIT_BUILD_EXAMPLES=OFF -DSPECTRAKIT_BUILD_LIBRARY=ON
        -DSPECTRAKIT_HEADER_TESTS=ON -DSPECTRAKIT_BUILD_SOAK=ON -DSPECTRAKIT_BUILD_FUZZERS=ON) ;;
    *) echo "test.sh: unknown build '$1'" >&2; exit 2 ;;
  esac
}

# Each build is configured, then the builds compile side by side, sharing one pool of as many
# jobs as there are cores (a make jobserver: never more compilers than cores, since four
# compilers on two cores took 1.5x the CPU time each), so that one build's files fill a core the
# other leaves idle while it waits on one large file or a link; then each build's tests run.
# SPECTRAKIT_TEST_SERIAL=1 compiles one build after the other.
for b in $builds; do build_args "$b"; done  # unknown names fail before anything runs
mkdir -p "$root/build"
start=$SECONDS
for b in $builds; do
  build_args "$b"
  echo "=== spectrakit tests: configuring the $b build in $root/build/test-$b"
  cmake -S "$root" -B "$root/build/test-$b" -DSPECTRAKIT_BUILD_TESTS=ON -DSPECTRAKIT_BUILD_EXAMPLES=ON \
    -DSPECTRAKIT_WERROR=ON "${args[@]}" >/dev/null
done
configured=$SECONDS
if [[ $serial == 1 ]]; then
  for b in $builds; do cmake --build "$root/build/test-$b" -j "$jobs"; done
else
  makefile="$root/build/test-builds.mk"
  { echo "all: $builds"
    echo ".PHONY: all $builds"
    for b in $builds; do printf '%s:\n\t+@cmake --build "%s"\n' "$b" "$root/build/test-$b"; done
  } >"$makefile"
  echo "=== spectrakit tests: compiling the builds ($builds) side by side, $jobs jobs in all"
  make -k --no-print-directory -j "$jobs" -f "$makefile" || { echo "spectrakit tests: a build failed to compile (see the errors above)" >&2; exit 1; }
fi
built=$SECONDS
echo "=== compile: $((built - start)) s (configure $((configured - start)) s, compile $((built - configured)) s)"
for b in $builds; do
  tests_start=$SECONDS
  ctest --test-dir "$root/build/test-$b" --output-on-failure -j "$jobs"
  echo "=== $b build: tests $((SECONDS - tests_start)) s"
done

# Coverage-guided fuzzing of the readers and the tool, a bounded time per target, then the replay
# of the committed corpus and regression inputs (scripts/fuzz.sh). SPECTRAKIT_FUZZ_SECONDS=0 skips it.
# The libFuzzer targets are those the sanitizer build compiled beside the tests (the tool's
# against its instrumented libspectrakit); without that build fuzz.sh builds its own.
fuzz_seconds=${SPECTRAKIT_FUZZ_SECONDS:-30}
if [ "$fuzz_seconds" -gt 0 ]; then
  start=$SECONDS
  fuzz_build=()
  [[ " $builds " == *" sanitize "* ]] && fuzz_build=(env SPECTRAKIT_FUZZ_BUILD_DIR="$root/build/test-sanitize")
  "${fuzz_build[@]}" bash "$root/scripts/fuzz.sh" "$fuzz_seconds"
  echo "=== fuzz: $((SECONDS - start)) s"
fi
echo "All spectrakit test builds passed: $builds"

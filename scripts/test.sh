#!/usr/bin/env bash
# Builds and runs every spectrakit test (then fuzzes the readers and the tool for a bounded time),
# in two builds that between them cover both compilers and both modes:
#   gcc       g++ -O2 -Werror, OpenMP and CHOLMOD, against the compiled library (libspectrakit,
#             the cores built once), with the examples, the package-consumption tests and the
#             distributed module's tests (PETSc/SLEPc under mpiexec);
#   sanitize  clang++ -Werror under AddressSanitizer and UndefinedBehaviorSanitizer, against the
#             compiled library too (built with the sanitizers), with the header self-containment
#             test (every public header compiled alone, header-only), the RapidCheck property
#             tests and the soak test.
#             The sanitizer build also builds the libFuzzer targets that the fuzzing step runs.
# The header-only mode is built and run by the package-consumption tests (gcc build), by the
# header self-containment test and by the readers' libFuzzer targets, which compile the readers
# header-only so that the fuzzer's coverage instrumentation sees them.
# Installs what is missing first. Prints each build's configure, compile and test times.
# Exits non-zero on any failure. Idempotent; run from anywhere.
#   SPECTRAKIT_TEST_BUILDS="gcc sanitize"   which builds to run (default: both)
#   SPECTRAKIT_FUZZ_SECONDS=45              libFuzzer time per target afterwards (0: none)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$root/scripts/install-deps.sh" test
jobs=$(nproc)
builds=${SPECTRAKIT_TEST_BUILDS:-gcc sanitize}
serial=${SPECTRAKIT_TEST_SERIAL:-0}

run_build() {
  local name=$1; shift
  local dir="$root/build/test-$name"
  echo "=== spectrakit tests: $name build in $dir"
  local start=$SECONDS
  cmake -S "$root" -B "$dir" -DSPECTRAKIT_BUILD_TESTS=ON -DSPECTRAKIT_BUILD_EXAMPLES=ON \
    -DSPECTRAKIT_WERROR=ON "$@" >/dev/null || return 1  # explicit: errexit is off under "||"
  local configured=$SECONDS
  cmake --build "$dir" -j "$jobs" || return 1
  local built=$SECONDS
  ctest --test-dir "$dir" --output-on-failure -j "$jobs" || return 1
  echo "=== $name build: $((SECONDS - start)) s (configure $((configured - start)) s, compile $((built - configured)) s, tests $((SECONDS - built)) s)"
}

build_args() {
  case "$1" in
    gcc)
      # -O2 without NDEBUG: optimized, with Eigen's and the library's assertions on; OpenMP, so
      # that the multi-threaded paths run too (two threads per test), and the optional CHOLMOD
      # backend (the sanitizer build tests the pure-Eigen paths); the distributed module on
      # PETSc/SLEPc, its tests under mpiexec -n 1, 2 and 3 (tests/distributed/). The property
      # tests run in the sanitizer build only (60 compiler-seconds here).
      args=(-DCMAKE_CXX_COMPILER=g++ -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O2"
        -DSPECTRAKIT_TESTS_OPENMP=ON -DSPECTRAKIT_WITH_CHOLMOD=ON -DSPECTRAKIT_WITH_SLEPC=ON
        -DSPECTRAKIT_BUILD_LIBRARY=ON -DSPECTRAKIT_WITH_OPENMP=ON -DSPECTRAKIT_HEADER_TESTS=OFF
        -DSPECTRAKIT_PROPERTY_TESTS=OFF) ;;
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

# The builds run side by side (SPECTRAKIT_TEST_SERIAL=1: one after the other), each with as many
# jobs as there are cores: one build alone leaves a core idle whenever it waits on one large file,
# a link or its last tests, and the other build fills those gaps (measured on 2 cores: the
# compiler-seconds of the two builds were ~75 % of what their serial wall time offered). Each
# build's output goes to build/test-<name>.log; a failing build prints all of it, a passing one
# its test summary. Peak memory: four compilers at once, under 12 GB.
for b in $builds; do build_args "$b"; done  # unknown names fail before anything runs
mkdir -p "$root/build"
status=0
pids=()
for b in $builds; do
  build_args "$b"
  log="$root/build/test-$b.log"
  if [[ $serial == 1 ]]; then
    run_build "$b" "${args[@]}" 2>&1 | tee "$log" || status=1
  else
    echo "=== spectrakit tests: $b build started (output: $log)"
    run_build "$b" "${args[@]}" >"$log" 2>&1 & pids+=($!)
  fi
done
if [[ $serial != 1 ]]; then
  set -- $builds
  for pid in "${pids[@]}"; do
    b=$1; shift
    log="$root/build/test-$b.log"
    if wait "$pid"; then
      sed -n '/^Test project/,$p' "$log"
    else
      echo "=== $b build FAILED; its whole output ($log):"; cat "$log"; status=1
    fi
  done
fi
[[ $status == 0 ]] || { echo "spectrakit tests: a build failed" >&2; exit 1; }

# Coverage-guided fuzzing of the readers and the tool, a bounded time per target, then the replay
# of the committed corpus and regression inputs (scripts/fuzz.sh). SPECTRAKIT_FUZZ_SECONDS=0 skips it.
# The libFuzzer targets are those the sanitizer build compiled beside the tests (the tool's
# against its instrumented libspectrakit); without that build fuzz.sh builds its own.
fuzz_seconds=${SPECTRAKIT_FUZZ_SECONDS:-45}
if [ "$fuzz_seconds" -gt 0 ]; then
  start=$SECONDS
  fuzz_build=()
  [[ " $builds " == *" sanitize "* ]] && fuzz_build=(env SPECTRAKIT_FUZZ_BUILD_DIR="$root/build/test-sanitize")
  "${fuzz_build[@]}" bash "$root/scripts/fuzz.sh" "$fuzz_seconds"
  echo "=== fuzz: $((SECONDS - start)) s"
fi
echo "All spectrakit test builds passed: $builds"

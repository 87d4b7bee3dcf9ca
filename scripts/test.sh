#!/usr/bin/env bash
# Builds and runs every spectrakit test: with g++, -Werror, OpenMP and CHOLMOD, again under AddressSanitizer and
# UndefinedBehaviorSanitizer, and with clang++ -Werror. Installs what is missing first.
# Exits non-zero on any failure. Idempotent; run from anywhere.
#   SPECTRAKIT_TEST_BUILDS="gcc sanitize clang"   which builds to run (default: all three)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$root/scripts/install-deps.sh" test
jobs=$(nproc)
builds=${SPECTRAKIT_TEST_BUILDS:-gcc sanitize clang}

run_build() {
  local name=$1; shift
  local dir="$root/build/test-$name"
  echo "=== spectrakit tests: $name build in $dir"
  local start=$SECONDS
  # Examples are built too (warning-free is part of the bar), except in the sanitizer build.
  cmake -S "$root" -B "$dir" -DSPECTRAKIT_BUILD_TESTS=ON -DSPECTRAKIT_BUILD_EXAMPLES=ON \
    -DSPECTRAKIT_WERROR=ON "$@" >/dev/null
  cmake --build "$dir" -j "$jobs"
  ctest --test-dir "$dir" --output-on-failure -j "$jobs"
  echo "=== $name build: $((SECONDS - start)) s"
}

for b in $builds; do
  case "$b" in
    gcc)
      # -O2 without NDEBUG: optimized, with Eigen's and the library's assertions on; OpenMP, so
      # that the multi-threaded paths run too (two threads per test), and the optional CHOLMOD
      # backend (the sanitizer and clang builds test the pure-Eigen paths).
      run_build gcc -DCMAKE_CXX_COMPILER=g++ -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O2" \
        -DSPECTRAKIT_TESTS_OPENMP=ON -DSPECTRAKIT_WITH_CHOLMOD=ON ;;
    sanitize)
      run_build sanitize -DCMAKE_CXX_COMPILER=g++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
        -DSPECTRAKIT_PACKAGE_TESTS=OFF -DSPECTRAKIT_BUILD_EXAMPLES=OFF ;;
    clang)
      run_build clang -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O2" \
        -DSPECTRAKIT_PACKAGE_TESTS=OFF ;;
    *) echo "test.sh: unknown build '$b'" >&2; exit 2 ;;
  esac
done
echo "All spectrakit test builds passed: $builds"

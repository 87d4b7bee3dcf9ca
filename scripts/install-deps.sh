#!/usr/bin/env bash
# Installs the Debian packages spectrakit's scripts need, only those that are missing.
# Usage: scripts/install-deps.sh examples|test|bench|docs   (idempotent; root or sudo)
set -euo pipefail

purpose=${1:-test}
packages=(cmake make g++ pkg-config libeigen3-dev)
case "$purpose" in
  examples) packages+=(zlib1g-dev) ;;
  # petsc-dev slepc-dev openmpi-bin: the distributed module's tests (SPECTRAKIT_WITH_SLEPC);
  # librapidcheck-dev: the property tests with shrinking (tests/test_rapidcheck.cpp).
  test) packages+=(catch2 librapidcheck-dev clang libclang-rt-14-dev doxygen zlib1g-dev libsuitesparse-dev petsc-dev slepc-dev openmpi-bin) ;;
  bench) packages+=(bc time libbenchmark-dev libspectra-dev libsuitesparse-dev libopenblas0-pthread zlib1g-dev python3 python3-numpy python3-scipy python3-sklearn) ;;
  docs) packages+=(doxygen) ;;
  *) echo "install-deps.sh: unknown purpose '$purpose' (examples|test|bench|docs)" >&2; exit 2 ;;
esac

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi
echo "Installing: ${missing[*]}"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

#!/usr/bin/env bash
# Coverage-guided fuzzing of the readers and spectrakit-partition (tests/fuzz/).
#   bash scripts/fuzz.sh [seconds]     (default 45 seconds per target)
# Builds the libFuzzer targets with clang++ (-fsanitize=fuzzer,address,undefined) in
# build/fuzz, or uses those of an existing build configured with SPECTRAKIT_BUILD_FUZZERS=ON
# (SPECTRAKIT_FUZZ_BUILD_DIR; scripts/test.sh passes its sanitizer build). Runs each for the
# given time on a working copy of its seed corpus (with its dictionary), then replays the
# committed corpus and tests/fuzz/regressions/<target>/; the targets run side by side, one per
# core.
# A crash input is saved in <build>/crashes/<target>/: copy it into
# tests/fuzz/regressions/<target>/ once fixed. Prints the executions per target; exits
# non-zero on any finding. Needs Debian clang, libclang-rt-14-dev (or the clang version's
# libclang-rt-*-dev) and zlib1g-dev.
#   SPECTRAKIT_FUZZ_TARGETS="matrix_market edge_list matrix_market_gz partition_tool"
#   SPECTRAKIT_FUZZ_JOBS=1   parallel fuzzing jobs per target
#   SPECTRAKIT_FUZZ_BUILD_DIR=build/fuzz, SPECTRAKIT_FUZZ_BUILD_JOBS=$(nproc)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds=${1:-45}
[[ $seconds =~ ^[0-9]+$ ]] || { echo "fuzz.sh: seconds must be a nonnegative integer, got '$seconds'" >&2; exit 2; }
targets=${SPECTRAKIT_FUZZ_TARGETS:-matrix_market edge_list matrix_market_gz partition_tool}
jobs=${SPECTRAKIT_FUZZ_JOBS:-1}
build=${SPECTRAKIT_FUZZ_BUILD_DIR:-$root/build/fuzz}
fuzz="$root/tests/fuzz"
command -v clang++ >/dev/null || { echo "fuzz.sh: clang++ is missing (apt-get install clang libclang-rt-14-dev)" >&2; exit 2; }

# A build directory configured with the fuzzers already (scripts/test.sh points this script at
# its sanitizer build, which has built them) is used as it is; otherwise a header-only build.
if ! grep -qs '^SPECTRAKIT_BUILD_FUZZERS:BOOL=ON$' "$build/CMakeCache.txt"; then
  cmake -S "$root" -B "$build" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" \
    -DSPECTRAKIT_BUILD_TESTS=ON -DSPECTRAKIT_BUILD_FUZZERS=ON -DSPECTRAKIT_BUILD_EXAMPLES=OFF \
    -DSPECTRAKIT_PACKAGE_TESTS=OFF >/dev/null
fi
fuzz_targets=()
for t in $targets; do fuzz_targets+=("fuzz_$t"); done
cmake --build "$build" -j "${SPECTRAKIT_FUZZ_BUILD_JOBS:-$(nproc)}" --target "${fuzz_targets[@]}"

# One target: fuzz for the given time, then replay what is committed (the seeds and every crash
# input ever found). Writes its executions to $build/runs_<target> and exits non-zero on a finding.
fuzz_one() {
  local t=$1 work="$build/corpus/$1" crashes="$build/crashes/$1" log="$build/fuzz_$1.log"
  mkdir -p "$work" "$crashes"
  cp -n "$fuzz/corpus/$t/"* "$work/" 2>/dev/null || true
  local dict="$fuzz/$t.dict"
  [[ -f $dict ]] || dict="$fuzz/matrix_market.dict"
  local parallel=() status=0
  [[ $jobs -gt 1 ]] && parallel=(-jobs="$jobs" -workers="$jobs")
  # -malloc_limit_mb: an allocation above 256 MB is a finding (the readers bound what a header
  # can make them allocate to 64 MiB for these small inputs).
  if ! (cd "$crashes" && "$build/tests/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 \
          -malloc_limit_mb=256 -max_len=4096 -dict="$dict" "${parallel[@]}" \
          -print_final_stats=1 -artifact_prefix="$crashes/" "$work" "$fuzz/corpus/$t" >"$log" 2>&1); then
    echo "fuzz_$t: FINDING (see $log and $crashes)"; tail -40 "$log"; status=1
  fi
  # With several jobs the main log repeats the workers' fuzz-<n>.log: count those alone.
  local logs=("$log")
  [[ $jobs -gt 1 ]] && logs=("$crashes"/fuzz-*.log)
  { cat "${logs[@]}" 2>/dev/null || true; } \
    | awk '/stat::number_of_executed_units:/ {s += $2} END {print s + 0}' >"$build/runs_$t"
  local replay=("$fuzz/corpus/$t")
  [[ -d $fuzz/regressions/$t ]] && replay+=("$fuzz/regressions/$t")
  local files
  files=$(find "${replay[@]}" -type f | sort)
  if [[ -n $files ]]; then
    # shellcheck disable=SC2086
    if ! "$build/tests/fuzz/fuzz_$t" -runs=1 $files >"$build/replay_$t.log" 2>&1; then
      echo "fuzz_$t: the committed corpus fails (see $build/replay_$t.log)"; tail -40 "$build/replay_$t.log"; status=1
    fi
  fi
  return $status
}

# The targets run side by side, as many at a time as there are cores (each is single-threaded).
status=0
pids=()
at_once=$(( $(nproc) / jobs )); [[ $at_once -ge 1 ]] || at_once=1
for t in $targets; do
  echo "=== fuzz_$t: $seconds s"
  fuzz_one "$t" & pids+=($!)
  if [[ ${#pids[@]} -ge $at_once ]]; then
    wait "${pids[0]}" || status=1
    pids=("${pids[@]:1}")
  fi
done
for p in "${pids[@]}"; do wait "$p" || status=1; done
for t in $targets; do
  echo "fuzz_$t: $(cat "$build/runs_$t" 2>/dev/null || echo 0) executions in $seconds s"
done
exit $status

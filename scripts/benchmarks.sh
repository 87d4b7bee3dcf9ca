#!/usr/bin/env bash
# Builds the benchmarks (-O3 -march=native), runs every benchmarks/bench_*.cpp program and writes
# docs/benchmarks.md: each figure with the machine, the compiler and the command behind it, and
# the ratio targets of benchmarks/targets.tsv checked against figures measured in the same run.
#   scripts/benchmarks.sh [FILTER]       FILTER: a regex on program names (default: all); the
#                                        other programs' results are kept from their last run
# Environment: SPECTRAKIT_BENCH_ARGS (extra Google Benchmark flags, e.g. --benchmark_repetitions=5)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$root/scripts/install-deps.sh" bench
filter=${1:-.}
dir="$root/build/bench"
out="$dir/results"
cmake -S "$root" -B "$dir" -DCMAKE_BUILD_TYPE=Release -DSPECTRAKIT_BUILD_TESTS=OFF \
  -DSPECTRAKIT_BUILD_EXAMPLES=OFF -DSPECTRAKIT_BUILD_BENCHMARKS=ON >/dev/null
programs=()
for source in "$root"/benchmarks/bench_*.cpp; do
  name=$(basename "$source" .cpp)
  [[ "$name" =~ $filter ]] && programs+=("$name")
done
[ ${#programs[@]} -gt 0 ] || { echo "benchmarks.sh: no program matches '$filter'" >&2; exit 2; }
cmake --build "$dir" -j "$(nproc)" --target "${programs[@]}"
mkdir -p "$out"
# Only the selected programs' results are replaced; the others' stay from their last run (each
# program's section of the report gives the date of its run).
for name in "${programs[@]}"; do rm -f "$out/$name.json"; done
for name in "${programs[@]}"; do
  echo "=== $name"
  "$dir/benchmarks/$name" --benchmark_out="$out/$name.json" --benchmark_out_format=json \
    ${SPECTRAKIT_BENCH_ARGS:-}
done
python3 "$root/scripts/benchmarks_report.py" --results "$out" --targets "$root/benchmarks/targets.tsv" \
  --compiler "$(c++ --version | head -n 1)" --command "scripts/benchmarks.sh $*" \
  --appendix "$root/benchmarks/module-figures.md" --appendix "$root/benchmarks/compile-times.md" \
  > "$root/docs/benchmarks.md"
echo "Wrote $root/docs/benchmarks.md"

#!/usr/bin/env bash
# Runs the distributed benchmark: grid1000, knn100k and a 1M-node scale-free graph, serial and on
# 1 and 2 ranks. Usage: benchmarks/distributed/run.sh BENCH_BINARY [DATA_DIR] [RANKS...]
set -euo pipefail
bench=$(realpath "$1"); data=${2:-$(dirname "$0")/../../../shared/peers/data}; shift $(( $# > 1 ? 2 : 1 ))
ranks=${*:-1 2}
mpi=(mpirun --oversubscribe)
[ "$(id -u)" -eq 0 ] && mpi+=(--allow-run-as-root)
export OMP_NUM_THREADS=1
for g in "$data/grid1000.mtx.gz" "$data/knn100k.mtx.gz" scale-free-1M; do
  "$bench" serial "$g"
  for p in $ranks; do "${mpi[@]}" -np "$p" "$bench" distributed "$g"; done
done

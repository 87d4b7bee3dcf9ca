#!/usr/bin/env bash
# The main job: installs what is missing, builds every example program and runs each one on the
# data embedded in the repository, then the spectrakit-partition tool on the embedded karate club.
# Files they write go to build/examples/output/.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$root/scripts/install-deps.sh" examples
dir="$root/build/examples"
out="$dir/output"
cmake -S "$root" -B "$dir" -DCMAKE_BUILD_TYPE=Release -DSPECTRAKIT_BUILD_TESTS=OFF -DSPECTRAKIT_BUILD_EXAMPLES=ON >/dev/null
cmake --build "$dir" -j "$(nproc)"
mkdir -p "$out"
for source in "$root"/examples/*.cpp; do
  name=$(basename "$source" .cpp)
  echo
  echo "################ $name ################"
  (cd "$out" && "$dir/examples/$name")
done
echo
echo "################ spectrakit-partition (no GRAPH: the embedded karate club) ################"
(cd "$out" && "$dir/tools/spectrakit-partition" --svg karate.svg --out karate.parts)
echo
echo "Files written by the examples (in $out):"
find "$out" -type f | sort | sed 's/^/  /'

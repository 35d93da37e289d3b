#!/usr/bin/env bash
# Runs each benchmark with minijs and with `node --jitless` in the same run
# and prints the time ratio per program and the geometric mean.
# Usage: bench/interp/run.sh [path/to/minijs]   (default: target/release/minijs)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MINIJS="${1:-$HERE/../../target/release/minijs}"
RUNS="${RUNS:-3}"

best_time() { # best wall time in seconds over $RUNS runs of "$@"
  local best=""
  for _ in $(seq "$RUNS"); do
    local s e t
    s=$(date +%s.%N)
    "$@" >/dev/null 2>&1
    e=$(date +%s.%N)
    t=$(echo "$e - $s" | bc -l)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
  done
  echo "$best"
}

printf '%-20s %10s %10s %8s\n' benchmark minijs node-jitless ratio
logsum=0
n=0
for f in "$HERE"/*.js; do
  name=$(basename "$f" .js)
  if ! cmp -s <("$MINIJS" "$f" 2>&1) <(node --jitless "$f" 2>/dev/null); then
    echo "$name: output differs from node" >&2
  fi
  tm=$(best_time "$MINIJS" "$f")
  tn=$(best_time node --jitless "$f")
  ratio=$(echo "$tm / $tn" | bc -l)
  printf '%-20s %9.3fs %9.3fs %7.2fx\n' "$name" "$tm" "$tn" "$ratio"
  logsum=$(echo "$logsum + l($ratio)" | bc -l)
  n=$((n + 1))
done
printf '%-20s %30.2fx\n' "geometric mean" "$(echo "e($logsum / $n)" | bc -l)"

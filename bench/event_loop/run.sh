#!/usr/bin/env bash
# Event loop benchmarks: each program under minijs and `node --jitless` in
# the same run, best of $RUNS wall times and the ratio; then the timer
# queue's scaling (1e5 vs 1e6 timers: per-timer cost should stay within
# 20%, the heap being O(log n) per operation).
# Usage: bench/event_loop/run.sh [path/to/minijs]   (default: target/release/minijs)
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

printf '%-16s %10s %12s %8s\n' benchmark minijs node-jitless ratio
for f in "$HERE"/*.js; do
  name=$(basename "$f" .js)
  if ! cmp -s <("$MINIJS" "$f" 2>&1) <(node --jitless "$f" 2>/dev/null); then
    echo "$name: output differs from node" >&2
  fi
  tm=$(best_time "$MINIJS" "$f")
  tn=$(best_time node --jitless "$f")
  printf '%-16s %9.3fs %11.3fs %7.2fx\n' "$name" "$tm" "$tn" "$(echo "$tm / $tn" | bc -l)"
done

t5=$(best_time "$MINIJS" "$HERE/timeouts.js" 100000)
t6=$(best_time "$MINIJS" "$HERE/timeouts.js" 1000000)
printf 'timer scaling: 1e5 timers %.3fs, 1e6 timers %.3fs: per timer x%.2f\n' \
  "$t5" "$t6" "$(echo "($t6 / 1000000) / ($t5 / 100000)" | bc -l)"

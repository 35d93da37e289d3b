#!/usr/bin/env bash
# The hello-world HTTP server (server.js) under minijs and under node, each
# loaded by wrk from the loopback for $DURATION at 100 and 1,000 keep-alive
# connections. Prints requests/s, p99 latency, errors (socket errors and
# non-2xx answers), the server's resident memory (sampled mid-run and its
# peak), and minijs/node ratios. Bounded: every wrk run has a timeout.
# Usage: bench/http/run.sh [path/to/minijs]   (default: target/release/minijs)
# Needs wrk (the Debian package `wrk`): installed here with apt-get when
# missing and running as root, else the script says so and stops.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MINIJS="${1:-$HERE/../../target/release/minijs}"
DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-100 1000}"

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get install -y wrk >/dev/null
  else
    echo "wrk is required: apt-get install wrk (Debian package)" >&2
    exit 2
  fi
fi
# 1,000 connections need more descriptors than the usual soft limit of 1,024
# on each side.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

rss_kb() { awk "/^$2:/ {print \$2}" "/proc/$1/status" 2>/dev/null || echo 0; }

# bench NAME COMMAND...: starts the server, runs wrk at each connection count,
# appends "name conns rps p99_ms errors rss_mid_kb rss_peak_kb" to $WORK/results.
bench() {
  local name=$1
  shift
  "$@" "$HERE/server.js" 0 >"$WORK/$name.out" 2>"$WORK/$name.err" &
  SERVER_PID=$!
  local port=""
  for _ in $(seq 100); do
    port=$(awk '/^listening/ {print $2}' "$WORK/$name.out")
    [ -n "$port" ] && break
    sleep 0.1
  done
  if [ -z "$port" ]; then
    echo "$name: the server did not start" >&2
    cat "$WORK/$name.err" >&2
    exit 1
  fi
  for c in $CONNECTIONS; do
    local secs=${DURATION%s}
    (sleep "$((secs / 2))"; rss_kb "$SERVER_PID" VmRSS >"$WORK/rss_mid") &
    local sampler=$!
    timeout $((secs + 30)) wrk -t1 -c"$c" -d"$DURATION" --timeout 5s --latency \
      "http://127.0.0.1:$port/" >"$WORK/wrk.txt" 2>&1 || true
    wait "$sampler" || true
    local rps p99 sock non2xx
    rps=$(awk '/^Requests\/sec:/ {print $2}' "$WORK/wrk.txt")
    p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us$/, "", v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/, "", v)} else if (v ~ /s$/) {sub(/s$/, "", v); v*=1000}; print v}' "$WORK/wrk.txt")
    sock=$(awk '/Socket errors:/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$WORK/wrk.txt")
    non2xx=$(awk '/Non-2xx/ {print $NF}' "$WORK/wrk.txt")
    echo "$name $c ${rps:-0} ${p99:-0} $(( ${sock:-0} + ${non2xx:-0} )) $(cat "$WORK/rss_mid") $(rss_kb "$SERVER_PID" VmHWM)" >>"$WORK/results"
  done
  kill "$SERVER_PID"
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

bench minijs "$MINIJS"
bench node node

printf '%-7s %6s %10s %9s %7s %10s %11s\n' server conns 'req/s' 'p99 ms' errors 'RSS mid MB' 'RSS peak MB'
awk '{printf "%-7s %6d %10.0f %9.2f %7d %10.1f %11.1f\n", $1, $2, $3, $4, $5, $6/1024, $7/1024}' "$WORK/results"
echo
printf '%6s %18s %18s\n' conns 'req/s minijs/node' 'p99 minijs/node'
awk '{rps[$1" "$2]=$3; p99[$1" "$2]=$4; conns[$2]=1}
  END {for (c in conns) if (rps["node "c] > 0 && p99["node "c] > 0)
    printf "%6d %18.2f %18.2f\n", c, rps["minijs "c]/rps["node "c], p99["minijs "c]/p99["node "c]}' \
  "$WORK/results" | sort -n

#!/usr/bin/env bash
# Parse-speed benchmark: minijs --check against node --check on the same
# large file (6 MB of real npm code, built by make_parse_corpus.py), in the
# same run. Prints the best of 5 wall times and MB/s for each, and the ratio.
# Usage: bench/parse.sh [MINIJS]   (default target/release/minijs)
set -euo pipefail
cd "$(dirname "$0")/.."
MINIJS="${1:-target/release/minijs}"
CORPUS=bench/out/parse-corpus.js
[ -f "$CORPUS" ] || python3 bench/make_parse_corpus.py "$CORPUS" 6
bytes=$(stat -c %s "$CORPUS")

best() { # best wall time in seconds of 5 runs of "$@"
  python3 - "$@" <<'PY'
import subprocess, sys, time
best = float("inf")
for _ in range(5):
    t = time.perf_counter()
    subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    best = min(best, time.perf_counter() - t)
print(f"{best:.3f}")
PY
}

"$MINIJS" --check "$CORPUS" || { echo "minijs rejects the corpus" >&2; exit 1; }
m=$(best "$MINIJS" --check "$CORPUS")
n=$(best node --check "$CORPUS")
python3 - "$bytes" "$m" "$n" <<'PY'
import sys
size, m, n = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
mb = size / 1e6
print(f"corpus {mb:.1f} MB")
print(f"minijs --check  {m:.2f} s  {mb / max(m, 1e-3):6.1f} MB/s")
print(f"node --check    {n:.2f} s  {mb / max(n, 1e-3):6.1f} MB/s")
print(f"ratio (minijs time / node time): {m / max(n, 1e-3):.2f}x")
PY

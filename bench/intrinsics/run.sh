#!/usr/bin/env bash
# The standard-library benchmarks (array, string and RegExp methods, JSON,
# Map/Set), timed against `node --jitless` by bench/interp/run.sh's runner.
# Usage: bench/intrinsics/run.sh [path/to/minijs]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MINIJS="$(realpath "${1:-$HERE/../../target/release/minijs}")"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cp "$HERE"/*.js "$HERE/../interp/run.sh" "$tmp"/
"$tmp/run.sh" "$MINIJS"

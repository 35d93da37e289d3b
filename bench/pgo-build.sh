#!/usr/bin/env bash
# Builds minijs with profile-guided optimisation (PGO): a first build
# counts which branches and calls the evaluator takes while it runs the
# project's own programs (tests/fixtures, examples and, when the shared
# suites sit beside the repo, ../shared/conformance), and a second build
# lays out and inlines the code by those counts.
#
# The training set is the tests, never the benchmark programs in
# bench/suite, so that the suite measures code the profile did not see.
#
#   bench/pgo-build.sh            # -> target/pgo/release/minijs
#   bench/suite/run.py --minijs target/pgo/release/minijs
#
# Needs `llvm-profdata` of the toolchain's own LLVM version: the rustup
# component `llvm-tools` (installed here if missing). Both builds use
# their own target directories (target/pgo-gen, target/pgo), so the
# ordinary `target/release` build is left as it was.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
target="${CARGO_TARGET_DIR:-$root/target}"
gen_dir="$target/pgo-gen"
use_dir="$target/pgo"
raw="$target/pgo-data/raw"
profile="$target/pgo-data/minijs.profdata"

sysroot="$(rustc --print sysroot)"
host="$(rustc -vV | sed -n 's/^host: //p')"
profdata="$sysroot/lib/rustlib/$host/bin/llvm-profdata"
if [ ! -x "$profdata" ]; then
    echo "pgo-build: installing the rustup component llvm-tools (for llvm-profdata)" >&2
    rustup component add llvm-tools >&2
fi
if [ ! -x "$profdata" ]; then
    echo "pgo-build: $profdata not found; install the llvm-tools component of your toolchain" >&2
    exit 1
fi

echo "pgo-build: 1/3 instrumented build ($gen_dir)" >&2
rm -rf "$raw"
mkdir -p "$raw"
RUSTFLAGS="-Cprofile-generate=$raw" CARGO_TARGET_DIR="$gen_dir" \
    cargo build --release --quiet --bin minijs

echo "pgo-build: 2/3 training run" >&2
programs=()
while IFS= read -r f; do programs+=("$f"); done < <(
    find tests/fixtures examples -name '*.js' -o -name '*.mjs' | sort
    if [ -d ../shared/conformance ]; then
        find ../shared/conformance -name '*.js' -o -name '*.mjs' | sort
    fi
)
ran=0
for f in "${programs[@]}"; do
    # Each program runs in its own directory, as its test does; a failure
    # or a timeout only means fewer counts, never a wrong build.
    (cd "$(dirname "$f")" && timeout 20 "$gen_dir/release/minijs" "$(basename "$f")" \
        > /dev/null 2>&1 < /dev/null) || true
    ran=$((ran + 1))
done
echo "pgo-build: ran $ran programs" >&2
"$profdata" merge -o "$profile" "$raw"

echo "pgo-build: 3/3 optimised build ($use_dir)" >&2
RUSTFLAGS="-Cprofile-use=$profile" CARGO_TARGET_DIR="$use_dir" \
    cargo build --release --quiet --bin minijs
echo "$use_dir/release/minijs"

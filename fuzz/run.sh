#!/usr/bin/env bash
# Short fuzz run of every target (issue 11): `fuzz/run.sh [SECONDS] [TARGET...]`
# runs each target (lexer, parser, interp by default) for SECONDS (default
# 60), seeded with the repository's JS fixtures, and stops at the first
# finding (its input is saved as fuzz/artifacts/TARGET/crash-*; turn it into
# a regression test in tests/fuzz_regressions/). Logs: fuzz/logs/TARGET.log,
# whose last lines give the executions (`#N`) and the time.
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). Only a stable toolchain is
# installed here: RUSTC_BOOTSTRAP=1 lets it take the -Z flags cargo-fuzz
# passes, and `--sanitizer none` builds without AddressSanitizer (which
# needs a nightly std); coverage-guided libFuzzer still works, and safe
# Rust needs no ASan to find panics, aborts, stack overflows and hangs.
# The machine is shared: fuzzers run at the lowest priority.
set -euo pipefail
cd "$(dirname "$0")"
secs="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(lexer parser interp)
export RUSTC_BOOTSTRAP=1
cargo fuzz build -O --sanitizer none
mkdir -p logs seeds
# Seeds: the fixtures and examples (smaller than 64 KB).
find ../tests ../examples \( -name '*.js' -o -name '*.mjs' \) -size -64k -print0 |
  while IFS= read -r -d '' f; do cp "$f" "seeds/$(echo "${f#../}" | tr / _)"; done
status=0
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  echo "== $t for ${secs}s"
  if ! nice -n 19 cargo fuzz run -O --sanitizer none "$t" "corpus/$t" seeds -- \
      -max_total_time="$secs" -timeout=60 -rss_limit_mb=4096 -max_len=65536 \
      -close_fd_mask=1 -dict=js.dict -print_final_stats=1 >"logs/$t.log" 2>&1; then
    echo "$t: FINDING (see logs/$t.log and artifacts/$t/)"
    status=1
  fi
  grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|Done)' "logs/$t.log" || tail -3 "logs/$t.log"
done
exit $status

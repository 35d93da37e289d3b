#!/usr/bin/env python3
"""Startup: the REPL started and `1+1` evaluated, minijs against node, in
the same run. Each command runs N times; the table shows the median and
the best wall-clock milliseconds.

  bench/startup/run.py [MINIJS] [-n N]

`minijs -i` with `1+1` on stdin starts the real REPL (rustyline reads the
piped line; no terminal is needed), evaluates the line, prints `2` and
exits at end of input; `node -i` is the same for Node's REPL.
"""
import argparse
import statistics
import subprocess
import time


def measure(cmd, stdin, n):
    times = []
    for _ in range(n):
        start = time.perf_counter()
        out = subprocess.run(cmd, input=stdin, capture_output=True, text=True, timeout=30)
        times.append((time.perf_counter() - start) * 1000)
        if out.returncode != 0 or "2" not in out.stdout:
            raise SystemExit(f"{cmd}: unexpected result {out.returncode} {out.stdout!r} {out.stderr!r}")
    return statistics.median(times), min(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("minijs", nargs="?", default="target/release/minijs")
    ap.add_argument("-n", type=int, default=20)
    args = ap.parse_args()
    rows = [
        ("minijs REPL: start, 1+1, exit", [args.minijs, "-i"], "1+1\n"),
        ("node REPL: start, 1+1, exit", ["node", "-i"], "1+1\n"),
        ("minijs -p 1+1", [args.minijs, "-p", "1+1"], None),
        ("node -p 1+1", ["node", "-p", "1+1"], None),
    ]
    results = {}
    print(f"{'command':34} {'median ms':>10} {'best ms':>8}")
    for name, cmd, stdin in rows:
        med, best = measure(cmd, stdin, args.n)
        results[name] = med
        print(f"{name:34} {med:10.1f} {best:8.1f}")
    ratio = results["minijs REPL: start, 1+1, exit"] / results["node REPL: start, 1+1, exit"]
    print(f"minijs REPL / node REPL: {ratio:.2f}x (goal: minijs under 50 ms)")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Module loading benchmark: a generated graph of N small modules (default
2,000) loaded as CommonJS and as ES modules, by minijs and by node in the
same run. Each module requires/imports up to three earlier ones (a layered
DAG with shared dependencies) and exports two functions; the entry calls
into the graph so every module is linked and evaluated once. Prints the
best of RUNS wall times for each and the ratio minijs/node.

    python3 bench/modules/run.py [MINIJS] [--modules N] [--runs R]
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def deps(i):
    """Up to three earlier modules, spread over the graph."""
    return sorted({d for d in (i - 1, i // 2, i // 3) if 0 <= d < i})


def write_graph(root, n, esm):
    ext = ".mjs" if esm else ".cjs"
    os.makedirs(root, exist_ok=True)
    for i in range(n):
        lines = []
        for d in deps(i):
            if esm:
                lines.append(f"import {{ value as v{d} }} from './m{d}{ext}';")
            else:
                lines.append(f"const {{ value: v{d} }} = require('./m{d}{ext}');")
        total = " + ".join([f"v{d}()" for d in deps(i)] or ["0"])
        body = [
            f"let cache{i};",
            f"function value() {{ if (cache{i} === undefined) cache{i} = ({total}) % 1000003 + {i}; return cache{i}; }}",
            f"function name() {{ return 'm{i}'; }}",
        ]
        if esm:
            body.append("export { value, name };")
        else:
            body.append("module.exports = { value, name };")
        with open(os.path.join(root, f"m{i}{ext}"), "w") as f:
            f.write("\n".join(lines + body) + "\n")
    last = n - 1
    if esm:
        main = f"import {{ value }} from './m{last}{ext}';\nconsole.log(value());\n"
    else:
        main = f"const {{ value }} = require('./m{last}{ext}');\nconsole.log(value());\n"
    entry = os.path.join(root, "main" + ext)
    with open(entry, "w") as f:
        f.write(main)
    return entry


def best(cmd, cwd, runs):
    out, t_best = None, float("inf")
    for _ in range(runs):
        t = time.perf_counter()
        p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
        t_best = min(t_best, time.perf_counter() - t)
        if p.returncode != 0:
            sys.exit(f"{' '.join(cmd)} failed:\n{p.stderr[-2000:]}")
        out = p.stdout
    return t_best, out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("minijs", nargs="?", default=os.path.join(HERE, "..", "..", "target", "release", "minijs"))
    ap.add_argument("--modules", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    minijs = os.path.abspath(args.minijs)
    print(f"{args.modules} modules, best of {args.runs} runs")
    print(f"{'graph':10} {'minijs':>9} {'node':>9} {'ratio':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        for esm in (False, True):
            kind = "esm" if esm else "commonjs"
            entry = write_graph(os.path.join(tmp, kind), args.modules, esm)
            tm, om = best([minijs, entry], tmp, args.runs)
            tn, on = best(["node", entry], tmp, args.runs)
            if om != on:
                sys.exit(f"{kind}: outputs differ: minijs {om!r}, node {on!r}")
            print(f"{kind:10} {tm:8.3f}s {tn:8.3f}s {tm / tn:6.2f}x")


if __name__ == "__main__":
    main()

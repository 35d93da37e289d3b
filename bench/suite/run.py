#!/usr/bin/env python3
"""Times the benchmark suite under minijs, `node --jitless` and `node` in the
same run and prints CPU seconds (user+sys, median of --runs), peak RSS, each
ratio against `node --jitless` and `node`, and the geometric means.

Every program checks its own result and exits non-zero when it is wrong; a
wrong result fails the run. Usage:

    bench/suite/run.py [--minijs PATH] [--runs N] [--only a,b]
                       [--baseline PATH] [--save FILE.json] [--compare BEFORE.json]

--baseline PATH also times another minijs binary (say, a build of main before
a change) in the same run and prints the speedup of --minijs over it.
--save writes the measurements as JSON; --compare prints, per benchmark, the
CPU time and ratio recorded in BEFORE.json next to this run's.
"""

import argparse
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def default_minijs():
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    return os.path.join(target, "release", "minijs")


def run_once(cmd):
    """Runs `cmd` under /usr/bin/time; returns (cpu seconds user+sys, peak RSS
    in KiB, exit code, stdout). /usr/bin/time rather than this process's
    wait4: a child forked from Python keeps Python's RSS as its high-water mark."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        proc = subprocess.run(["/usr/bin/time", "-o", tf.name, "-f", "%U %S %M"] + cmd,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=HERE)
        user, system, maxrss = tf.read().split()[-3:]
    return float(user) + float(system), int(maxrss), proc.returncode, proc.stdout.decode("utf-8", "replace")


def measure(cmd, runs):
    cpus, rss = [], []
    for _ in range(runs):
        cpu, maxrss, code, out = run_once(cmd)
        if code != 0:
            raise SystemExit(f"FAILED ({code}): {' '.join(cmd)}\n{out}")
        cpus.append(cpu)
        rss.append(maxrss)
    return {"cpu": statistics.median(cpus), "cpu_runs": cpus, "rss_kb": max(rss)}


def geomean(xs):
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else float("nan")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--minijs", default=default_minijs())
    ap.add_argument("--baseline", help="another minijs binary to time in the same run")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--only", help="comma-separated benchmark names")
    ap.add_argument("--save", help="write the results to this JSON file")
    ap.add_argument("--compare", help="a JSON file from an earlier --save")
    args = ap.parse_args()

    names = sorted(f[:-3] for f in os.listdir(HERE) if f.endswith(".js"))
    if args.only:
        wanted = args.only.split(",")
        unknown = [w for w in wanted if w not in names]
        if unknown:
            raise SystemExit(f"unknown benchmarks: {', '.join(unknown)}")
        names = wanted

    engines = [("minijs", [os.path.abspath(args.minijs)])]
    if args.baseline:
        engines.append(("baseline", [os.path.abspath(args.baseline)]))
    engines += [("jitless", ["node", "--jitless"]), ("node", ["node"])]

    results = {}
    for name in names:
        row = {}
        for engine, cmd in engines:
            row[engine] = measure(cmd + [name + ".js"], args.runs)
        row["ratio_jitless"] = row["minijs"]["cpu"] / row["jitless"]["cpu"]
        row["ratio_node"] = row["minijs"]["cpu"] / row["node"]["cpu"]
        if args.baseline:
            row["speedup_vs_baseline"] = row["baseline"]["cpu"] / row["minijs"]["cpu"]
        results[name] = row
        print(f"  {name}: done", file=sys.stderr, flush=True)

    cols = f"{'benchmark':<11} {'minijs s':>9} {'jitless s':>9} {'node s':>7} {'/jitless':>9} {'/node':>7}"
    cols += f" {'RSS MB':>7} {'jitless MB':>10}"
    if args.baseline:
        cols += f" {'baseline s':>10} {'speedup':>8}"
    print(cols)
    for name in names:
        r = results[name]
        line = (f"{name:<11} {r['minijs']['cpu']:9.2f} {r['jitless']['cpu']:9.2f} {r['node']['cpu']:7.2f}"
                f" {r['ratio_jitless']:8.2f}x {r['ratio_node']:6.1f}x"
                f" {r['minijs']['rss_kb'] / 1024:7.1f} {r['jitless']['rss_kb'] / 1024:10.1f}")
        if args.baseline:
            line += f" {r['baseline']['cpu']:10.2f} {r['speedup_vs_baseline']:7.2f}x"
        print(line)
    gm_j = geomean([results[n]["ratio_jitless"] for n in names])
    gm_n = geomean([results[n]["ratio_node"] for n in names])
    line = f"{'geo mean':<11} {'':9} {'':9} {'':7} {gm_j:8.2f}x {gm_n:6.1f}x {'':7} {'':10}"
    if args.baseline:
        line += f" {'':10} {geomean([results[n]['speedup_vs_baseline'] for n in names]):7.2f}x"
    print(line)

    if args.compare:
        with open(args.compare) as f:
            before = json.load(f)["results"]
        print(f"\ncompared with {args.compare} (ratio = against node --jitless of the same run)")
        print(f"{'benchmark':<11} {'before s':>9} {'now s':>7} {'speedup':>8} {'before ratio':>12} {'now ratio':>10}")
        speedups = []
        for name in names:
            if name not in before:
                continue
            b, r = before[name], results[name]
            s = b["minijs"]["cpu"] / r["minijs"]["cpu"]
            speedups.append(s)
            print(f"{name:<11} {b['minijs']['cpu']:9.2f} {r['minijs']['cpu']:7.2f} {s:7.2f}x"
                  f" {b['ratio_jitless']:11.2f}x {r['ratio_jitless']:9.2f}x")
        print(f"{'geo mean':<11} {'':9} {'':7} {geomean(speedups):7.2f}x"
              f" {geomean([before[n]['ratio_jitless'] for n in names if n in before]):11.2f}x {gm_j:9.2f}x")

    if args.save:
        doc = {
            "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "machine": platform.node(),
            "minijs": args.minijs,
            "node": subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip(),
            "runs": args.runs,
            "geomean_jitless": gm_j,
            "geomean_node": gm_n,
            "results": results,
        }
        with open(args.save, "w") as f:
            json.dump(doc, f, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""fs benchmarks, minijs against `node` and `node --jitless` in the same run:

1. copy a file (200 MB by default) with createReadStream().pipe(
   createWriteStream()): wall time and peak RSS (from /usr/bin/time -v).
   Backpressure must keep minijs's peak RSS under 64 MB whatever the size;
   the copy is also run at a quarter of the size to show RSS does not grow.
2. read 10,000 small files with fs.promises.readFile (Promise.all).

  bench/fs/run.py [MINIJS] [--mb 200] [--files 10000] [--runs 3]

The data lives in a temporary folder that is removed afterwards.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def run(cmd):
    """Wall seconds and peak RSS in MB of one run (fails on a wrong result)."""
    start = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-v"] + cmd, capture_output=True, text=True, timeout=600)
    wall = time.perf_counter() - start
    if p.returncode != 0:
        raise SystemExit(f"{cmd} failed ({p.returncode}):\n{p.stdout}\n{p.stderr}")
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    rss = int(m.group(1)) / 1024 if m else float("nan")
    return wall, rss


def best(cmd, runs):
    results = [run(cmd) for _ in range(runs)]
    return min(r[0] for r in results), statistics.median(r[1] for r in results)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("minijs", nargs="?", default=os.path.join(HERE, "../../target/release/minijs"))
    ap.add_argument("--mb", type=int, default=200)
    ap.add_argument("--files", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    engines = [("minijs", [args.minijs]), ("node", ["node"]), ("node --jitless", ["node", "--jitless"])]
    tmp = tempfile.mkdtemp(prefix="minijs-bench-fs-")
    try:
        rows = []
        for mb in (args.mb // 4, args.mb):
            src = os.path.join(tmp, f"src-{mb}.bin")
            with open(src, "wb") as f:
                chunk = os.urandom(1 << 20)
                for _ in range(mb):
                    f.write(chunk)
            dst = os.path.join(tmp, "dst.bin")
            for name, cmd in engines:
                wall, rss = best(cmd + [os.path.join(HERE, "copy.js"), src, dst], args.runs)
                rows.append((f"copy {mb} MB", name, wall, rss))
            os.remove(src)
        many = os.path.join(tmp, "many")
        os.mkdir(many)
        total = 0
        for i in range(args.files):
            data = (f"file {i}\n" * (1 + i % 20)).encode()
            total += len(data)
            with open(os.path.join(many, f"f{i:05}.txt"), "wb") as f:
                f.write(data)
        for name, cmd in engines:
            wall, rss = best(cmd + [os.path.join(HERE, "read_many.js"), many, str(total)], args.runs)
            rows.append((f"readFile x{args.files}", name, wall, rss))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print(f"{'benchmark':18} {'engine':15} {'wall s':>8} {'peak RSS MB':>12} {'time ratio':>11}")
    base = {}
    for bench, name, wall, rss in rows:
        if name == "minijs":
            base[bench] = wall
    for bench, name, wall, rss in rows:
        ratio = base[bench] / wall if name != "minijs" else 1.0
        label = f"{ratio:.2f}x" if name != "minijs" else ""
        print(f"{bench:18} {name:15} {wall:8.3f} {rss:12.1f} {label:>11}")
    print("time ratio: minijs time / that engine's time")
    peak = max(rss for bench, name, _, rss in rows if name == "minijs" and bench.startswith("copy"))
    print(f"minijs peak RSS while copying: {peak:.1f} MB (goal: under 64 MB)")


if __name__ == "__main__":
    main()

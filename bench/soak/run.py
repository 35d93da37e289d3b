#!/usr/bin/env python3
"""Soak test (issue 11): runs soak.js under minijs for 60 s, samples the
process's RSS every second from /proc, prints the curve, and fails unless
the peak RSS stays within 20% of the RSS after the first 10 s.

usage: bench/soak/run.py [MINIJS] [--seconds N]
"""
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def main():
    args = sys.argv[1:]
    seconds = 60
    if "--seconds" in args:
        i = args.index("--seconds")
        seconds = int(args[i + 1])
        del args[i : i + 2]
    minijs = args[0] if args else os.path.join(
        HERE, "..", "..", "target", "release", "minijs"
    )
    env = dict(os.environ, SOAK_SECONDS=str(seconds))
    start = time.time()
    proc = subprocess.Popen(
        [minijs, os.path.join(HERE, "soak.js")], env=env, stdout=subprocess.PIPE
    )
    samples = []
    while proc.poll() is None:
        kb = rss_kb(proc.pid)
        if kb:
            samples.append((time.time() - start, kb))
        time.sleep(1)
    out = proc.stdout.read().decode()
    print(out.strip())
    print("  t(s)   RSS(MB)")
    for t, kb in samples:
        print(f"{t:6.1f}  {kb / 1024:8.1f}")
    after10 = next((kb for t, kb in samples if t >= 10), None)
    peak = max(kb for _, kb in samples)
    if proc.returncode != 0 or after10 is None:
        print(f"FAIL: exit {proc.returncode}, {len(samples)} samples")
        return 1
    ratio = peak / after10
    print(f"RSS after 10 s: {after10 / 1024:.1f} MB, peak: {peak / 1024:.1f} MB, peak/10s = {ratio:.3f}")
    if ratio > 1.2:
        print("FAIL: peak RSS more than 20% above the RSS after 10 s")
        return 1
    print("ok: peak within 20% of the RSS after 10 s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

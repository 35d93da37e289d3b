#!/usr/bin/env python3
"""The ratchet over the shared test suites: the committed lists name the
tests that pass; a run fails when one of them no longer passes.

  ratchet.py conformance MINIJS [--update]   ../shared/conformance
  ratchet.py test262 MINIJS [--update] [run.py args...]   ../shared/test262

With --update the list is rewritten to what passes now (raise it as you
fix things; never lower it to hide a regression); --runs N (with --update)
keeps only what passes in all of N runs, so that a test that passes by
chance on a quiet machine does not enter the list. Ends with the line
`ratchet <suite>: N passed, N failed` where failed counts regressions.
"""
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared"))


def conformance(minijs, extra):
    root = os.path.join(SHARED, "conformance")
    tests = set()
    for dirpath, dirs, files in os.walk(root):
        if "main.js" in files or "main.mjs" in files:
            tests.add(os.path.relpath(dirpath, root))
            dirs[:] = []
    out = subprocess.run(
        [os.path.join(root, "run.sh"), minijs] + extra, capture_output=True, text=True
    ).stdout
    failed = {
        line.split(" ", 1)[1].split(":", 1)[0]
        for line in out.splitlines()
        if line.startswith("FAIL ")
    }
    print(out.strip().splitlines()[-1] if out.strip() else "conformance: no output")
    return tests - failed


def test262(minijs, extra):
    root = os.path.join(SHARED, "test262")
    with tempfile.TemporaryDirectory() as tmp:
        js = os.path.join(tmp, "results.json")
        cmd = [
            sys.executable,
            os.path.join(root, "run.py"),
            "--engine", minijs + " --test262",
            "--module-args=--module",
            "-q",
            "--json", js,
        ] + extra
        out = subprocess.run(cmd, capture_output=True, text=True).stdout
        print(out.strip().splitlines()[-1] if out.strip() else "test262: no output")
        with open(js) as f:
            data = json.load(f)
    return {t for t, v in data["tests"].items() if v["pass"]}


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    suite, minijs = sys.argv[1], os.path.abspath(sys.argv[2])
    rest = sys.argv[3:]
    update = "--update" in rest
    rest = [a for a in rest if a != "--update"]
    runs = 1
    if "--runs" in rest:
        i = rest.index("--runs")
        runs = int(rest[i + 1])
        del rest[i : i + 2]
    list_path = os.path.join(HERE, suite + ".txt")
    run = {"conformance": conformance, "test262": test262}[suite]
    passing = run(minijs, rest)
    for _ in range(runs - 1):
        passing &= run(minijs, rest)
    committed = set()
    if os.path.exists(list_path):
        with open(list_path) as f:
            committed = {line.strip() for line in f if line.strip()}
    lost = sorted(committed - passing)
    for t in lost:
        print("REGRESSION", t)
    if update:
        with open(list_path, "w") as f:
            f.writelines(t + "\n" for t in sorted(passing))
        print(f"wrote {list_path}: {len(passing)} passing")
    kept = len(committed) - len(lost)
    print(f"ratchet {suite}: {kept} passed, {len(lost)} failed")
    sys.exit(1 if lost and not update else 0)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Build a large JavaScript file for the parse benchmark from real code.

Concatenates the CommonJS sources of the npm package that ships with
Node.js (a mix of modern and old styles, with and without semicolons),
each wrapped in its own function so that the declarations of different
files do not collide, until the output reaches the requested size. Files
that `node --check` rejects on their own (ES modules, JSON-ish files)
are skipped.

Usage: make_parse_corpus.py OUT [MEGABYTES]
"""
import os
import re
import subprocess
import sys


BIGINT = re.compile(r"\b[0-9][0-9_]*n\b|\b0[xXoObB][0-9a-fA-F_]+n\b")
MODULE = re.compile(r"(^|[;}\s])(import\s*[{*\w\"']|export[\s{*])", re.M)


def npm_root():
    out = subprocess.run(["npm", "root", "-g"], capture_output=True, text=True, check=True)
    return os.path.join(out.stdout.strip(), "npm")


def main():
    out_path = sys.argv[1]
    target = float(sys.argv[2] if len(sys.argv) > 2 else 6) * 1024 * 1024
    files = []
    for dirpath, _, names in os.walk(npm_root()):
        for n in sorted(names):
            if n.endswith(".js"):
                files.append(os.path.join(dirpath, n))
    files.sort()
    parts, size = [], 0
    rounds = 0
    while size < target and rounds < 10:
        rounds += 1
        for f in files:
            try:
                src = open(f, encoding="utf-8").read()
            except (UnicodeDecodeError, OSError):
                continue
            if src.startswith("#!"):
                src = src[src.find("\n"):]
            if MODULE.search(src):
                continue
            # minijs has no BigInt yet.
            if BIGINT.search(src):
                continue
            chunk = "(function (exports, require, module, __filename, __dirname) {\n" + src + "\n});\n"
            parts.append(chunk)
            size += len(chunk.encode())
            if size >= target:
                break
    with open(out_path, "w", encoding="utf-8") as fh:
        fh.write("".join(parts))
    check = subprocess.run(["node", "--check", out_path], capture_output=True, text=True)
    if check.returncode != 0:
        sys.exit("node --check rejects the corpus:\n" + check.stderr[:2000])
    print(f"{out_path}: {size / 1024 / 1024:.1f} MB from {len(parts)} files")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Typst's incremental recompile, kept warm in one process (issue 13).

    python3 bench/typst_incremental.py IN.typ OUT.pdf RUNS [FONT_DIR ...]

IN.typ is compiled once with a `typst.Compiler` (PyPI's `typst`), which
keeps Typst's memoization across compiles in this process; then RUNS times
two characters are added to (even runs) or taken from (odd runs) a
paragraph in the middle of the file and it is compiled again. Prints one
tab-separated line: `incremental`, the wall times in seconds (comma-
separated), then the median of three recompiles with nothing changed.
The file is left as it was.
"""

import statistics
import sys
import time
from pathlib import Path

import typst

if len(sys.argv) < 4:
    sys.exit(__doc__)
source, output, runs = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
original = source.read_text(encoding="utf-8")
# The middle paragraph: after the blank line nearest the middle of the file.
at = original.find("\n\n", len(original) // 2) + 2
edited = original[:at] + "新字" + original[at:]

compiler = typst.Compiler(str(source), font_paths=sys.argv[4:])
try:
    compiler.compile(output=output)
    unchanged = []
    for _ in range(3):
        t0 = time.perf_counter()
        compiler.compile(output=output)
        unchanged.append(time.perf_counter() - t0)
    walls = []
    for run in range(runs):
        source.write_text(edited if run % 2 == 0 else original, encoding="utf-8")
        t0 = time.perf_counter()
        compiler.compile(output=output)
        walls.append(time.perf_counter() - t0)
finally:
    source.write_text(original, encoding="utf-8")
print(
    "incremental",
    ",".join(f"{w:.6f}" for w in walls),
    f"{statistics.median(unchanged):.6f}",
    sep="\t",
)

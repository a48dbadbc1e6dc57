#!/usr/bin/env python3
"""Compile a Typst file to PDF with the compiler that PyPI's `typst` ships.

    python3 bench/typst_compile.py IN.typ OUT.pdf [FONT_DIR ...]

The PyPI package is a Python binding around the Typst compiler (no `typst`
command), so the benchmark calls it through this script; system fonts are
searched as the Typst CLI does, plus any FONT_DIR given.
"""

import sys

import typst

if len(sys.argv) < 3:
    sys.exit(__doc__)
typst.compile(sys.argv[1], output=sys.argv[2], font_paths=sys.argv[3:])

#!/usr/bin/env python3
"""Dump every text span of a PDF with its colour, one JSON object per line.

    python3 tests/tools/pdfspans.py FILE.pdf

Each line: {"page": 1-based page, "font": base font name (subset tag
removed), "color": sRGB as 0xRRGGBB, "text": the span's text, "x", "y": its
origin in points from the page's top-left}. PyMuPDF starts a new span at
every change of font, size or colour, so each highlighted token of a code
listing is its own span.
"""

import json
import sys

import pymupdf


def main(path):
    doc = pymupdf.open(path)
    out = sys.stdout
    for number, page in enumerate(doc, start=1):
        for block in page.get_text("dict")["blocks"]:
            for line in block.get("lines", []):
                for span in line["spans"]:
                    font = span["font"].split("+", 1)[-1]
                    out.write(
                        json.dumps(
                            {
                                "page": number,
                                "font": font,
                                "color": span["color"],
                                "text": span["text"],
                                "x": round(span["origin"][0], 3),
                                "y": round(span["origin"][1], 3),
                            },
                            ensure_ascii=False,
                        )
                    )
                    out.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])

#!/usr/bin/env python3
"""Dump every glyph a PDF draws, as one JSON object per line.

    python3 tests/tools/pdfglyphs.py FILE.pdf

Each line: {"page": 1-based page, "font": base font name, "size": points,
"gid": glyph id (-1 for the second
and later characters of a ligature), "c": the character ToUnicode maps it to, "x", "y": origin
in points from the page's top-left, "w": advance box width, "wmode": 0
horizontal / 1 vertical}. The tests read it through tests/pdf_tools: glyph
id 0 is .notdef (a box), which text extraction cannot see, since ToUnicode
still maps it to the character.
"""

import json
import sys

import pymupdf


def main(path):
    doc = pymupdf.open(path)
    out = sys.stdout
    for number, page in enumerate(doc, start=1):
        for span in page.get_texttrace():
            font = span["font"]
            size = round(span["size"], 3)
            wmode = span.get("wmode", 0)
            for (code, gid, origin, bbox) in span["chars"]:
                out.write(
                    json.dumps(
                        {
                            "page": number,
                            "font": font,
                            "size": size,
                            "gid": gid,
                            "c": chr(code) if code >= 0 else "",
                            "x": round(origin[0], 3),
                            "y": round(origin[1], 3),
                            "w": round(bbox[2] - bbox[0], 3),
                            "wmode": wmode,
                        },
                        ensure_ascii=False,
                    )
                )
                out.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])

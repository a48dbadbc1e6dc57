#!/usr/bin/env python3
"""Dump what each page of a PDF draws besides text, as one JSON object per line.

    python3 tests/tools/pdfpictures.py FILE.pdf

Each line: {"page": 1-based page, "width", "height": the page size in points,
"images": [[x0, y0, x1, y1] of each raster image drawn, in points from the
top-left], "forms": [subtype of each XObject the page content paints with
`Do`, e.g. "/Form" or "/Image"], "drawings": number of vector paths
(PyMuPDF's get_drawings, which also looks inside forms), "lines": number of
those that are straight strokes only, "links": [URI of each link], "text":
[[x0, y0, x1, y1] of each text line]}.
"""

import json
import re
import sys

import pymupdf


def main(path):
    doc = pymupdf.open(path)
    for number, page in enumerate(doc, start=1):
        content = b"".join(doc.xref_stream(x) or b"" for x in page.get_contents())
        names = re.findall(rb"/([A-Za-z0-9]+) Do", content)
        forms = []
        for name in names:
            for xref, xname, *_ in page.get_xobjects():
                if xname == name.decode():
                    forms.append(doc.xref_get_key(xref, "Subtype")[1])
            for item in page.get_images(full=True):
                if item[7] == name.decode():
                    forms.append("/Image")
        drawings = page.get_drawings()
        lines = sum(1 for d in drawings if all(i[0] == "l" for i in d["items"]))
        text = []
        for block in page.get_text("dict")["blocks"]:
            for line in block.get("lines", []):
                text.append([round(v, 2) for v in line["bbox"]])
        out = {
            "page": number,
            "width": page.rect.width,
            "height": page.rect.height,
            "images": [[round(v, 2) for v in i["bbox"]] for i in page.get_image_info()],
            "forms": forms,
            "drawings": len(drawings),
            "lines": lines,
            "links": [l.get("uri", "") for l in page.get_links()],
            "text": text,
        }
        sys.stdout.write(json.dumps(out) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])

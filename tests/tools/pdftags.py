#!/usr/bin/env python3
"""Dump the structure tree of a tagged PDF, in reading order, as JSON lines.

    python3 tests/tools/pdftags.py FILE.pdf

Each line is one structure element: {"role": "P", "depth": 2, "lang":
"ja" or null, "alt": text or null, "scope": a header cell's /Scope or
null, "text": the text of its own marked
content and of its descendants', "links": how many link annotations
(OBJR) it holds, "contents": their /Contents}. The text is read from the
content streams the way a screen reader does: the MCIDs of the element
(`BDC … EMC`), each glyph code mapped through its font's ToUnicode, an
/ActualText span read as its ActualText. Uses pikepdf (which `pdfua`
brings).
"""

import json
import re
import sys

import pikepdf


def unicode_map(font):
    """The ToUnicode map of a Type0 font: 2-byte code -> text."""
    out = {}
    if "/ToUnicode" not in font:
        return out
    data = font.ToUnicode.read_bytes().decode("latin-1")
    hexes = lambda s: bytes.fromhex(s).decode("utf-16-be", "replace")
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for code, text in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            out[int(code, 16)] = hexes(text)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, text in re.findall(
            r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block
        ):
            base = int(text, 16)
            for i, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                out[code] = chr(base + i) if base + i < 0x110000 else ""
    return out


def page_texts(page):
    """MCID -> text of that marked-content sequence on `page`."""
    fonts = {}
    resources = page.obj.get("/Resources", {})
    for name, font in resources.get("/Font", {}).items():
        fonts[name] = unicode_map(font)
    texts = {}
    stack = []  # per open sequence: MCID or None, and ActualText or None
    cmap = {}
    for operands, op in pikepdf.parse_content_stream(page):
        op = str(op)
        if op == "BDC":
            props = operands[1]
            mcid = int(props["/MCID"]) if isinstance(props, pikepdf.Dictionary) and "/MCID" in props else None
            actual = None
            if isinstance(props, pikepdf.Dictionary) and "/ActualText" in props:
                actual = str(props.ActualText)
            stack.append((mcid, actual))
            if actual is not None:
                emit(texts, stack, actual)
        elif op == "BMC":
            stack.append((None, None))
        elif op == "EMC":
            if stack:
                stack.pop()
        elif op == "Tf":
            cmap = fonts.get(str(operands[0]), {})
        elif op in ("TJ", "Tj"):
            if any(a is not None for _, a in stack):
                continue  # read as the ActualText
            parts = operands[0] if op == "TJ" else [operands[0]]
            for part in parts:
                if isinstance(part, pikepdf.String):
                    raw = bytes(part)
                    text = "".join(
                        cmap.get(int.from_bytes(raw[i : i + 2], "big"), "")
                        for i in range(0, len(raw) - 1, 2)
                    )
                    emit(texts, stack, text)
    return texts


def emit(texts, stack, text):
    """Adds `text` to the innermost open sequence that has an MCID."""
    for mcid, _ in reversed(stack):
        if mcid is not None:
            texts[mcid] = texts.get(mcid, "") + text
            return


def scope(elem):
    """A table header cell's /Scope (Column, Row), if it has one."""
    attrs = elem.get("/A")
    if isinstance(attrs, pikepdf.Dictionary) and "/Scope" in attrs:
        return str(attrs.Scope)[1:]
    return None


def main(path):
    pdf = pikepdf.open(path)
    pages = {}
    for page in pdf.pages:
        pages[page.obj.objgen] = page_texts(page)
    out = sys.stdout

    def text_of(elem, page):
        """The text of `elem` and its descendants, and its link contents."""
        page = elem.get("/Pg", page)
        kids = elem.get("/K")
        if kids is None:
            return "", []
        kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
        text, contents = "", []
        for kid in kids:
            if isinstance(kid, int):
                text += pages.get(page.objgen, {}).get(int(kid), "")
            elif isinstance(kid, pikepdf.Dictionary):
                kind = kid.get("/Type")
                if kind == pikepdf.Name.MCR:
                    pg = kid.get("/Pg", page)
                    text += pages.get(pg.objgen, {}).get(int(kid.MCID), "")
                elif kind == pikepdf.Name.OBJR:
                    contents.append(str(kid.Obj.get("/Contents", "")))
                elif "/S" in kid:
                    t, c = text_of(kid, page)
                    text += t
                    contents.extend(c)
        return text, contents

    def walk(elem, depth, page):
        page = elem.get("/Pg", page)
        text, contents = text_of(elem, page)
        kids = elem.get("/K")
        kids = list(kids) if isinstance(kids, pikepdf.Array) else ([] if kids is None else [kids])
        out.write(
            json.dumps(
                {
                    "role": str(elem.S)[1:],
                    "depth": depth,
                    "lang": str(elem.Lang) if "/Lang" in elem else None,
                    "alt": str(elem.Alt) if "/Alt" in elem else None,
                    "scope": scope(elem),
                    "text": text,
                    "links": sum(
                        1
                        for k in kids
                        if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == pikepdf.Name.OBJR
                    ),
                    "contents": contents,
                },
                ensure_ascii=False,
            )
            + "\n"
        )
        for kid in kids:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                walk(kid, depth + 1, page)

    root = pdf.Root.StructTreeRoot
    kids = root.K
    for kid in list(kids) if isinstance(kids, pikepdf.Array) else [kids]:
        walk(kid, 0, None)


if __name__ == "__main__":
    main(sys.argv[1])

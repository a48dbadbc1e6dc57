#!/usr/bin/env python3
"""Rebuild folio's built-in fonts from the Debian Noto packages.

    python3 fonts/make-default-font.py [EXTRA_TEXT_FILE ...]

Run from the repository root. Needs fonttools (`pip install fonttools`) and the
Debian packages fonts-noto-cjk and fonts-noto-mono. Writes:

* fonts/FolioSerifSC-Regular.ttf: Noto Serif CJK SC Regular (face 2 of
  NotoSerifCJK-Regular.ttc), subset to GB 2312, the seed book, ASCII,
  Latin-1, General Punctuation, CJK Symbols and Punctuation and the
  half/full-width forms, with its CFF outlines converted to TrueType (glyf)
  quadratic outlines, so that the built-in font exercises the glyf code path
  while the system Noto .ttc exercises CFF;
* fonts/gb2312.txt: the 7445 characters of GB 2312, for the coverage test;
* fonts/FolioMono-Regular.ttf: Noto Sans Mono Regular subset to ASCII,
  Latin-1 and a few punctuation marks (Han falls back to the serif).

Both are renamed (OFL: a modified version should not pass itself off as the
original; the name "Noto" is a Google trademark and Adobe reserves "Source").
The output is deterministic: fixed timestamps, sorted inputs.
"""

import os
import sys

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

CJK_TTC = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
CJK_SC_INDEX = 2  # 0 JP, 1 KR, 2 SC, 3 TC, 4 HK (checked with fontTools)
MONO_TTF = "/usr/share/fonts/truetype/noto/NotoSansMono-Regular.ttf"
SEED = "../shared/seed/000_e7ea8a434acfd284.txt"

# 2025-09-25 00:00:00 UTC in seconds since 1904-01-01 (the sfnt epoch).
FIXED_TIME = 3841603200


def gb2312_chars():
    """Every character of GB 2312: decode all valid EUC-CN byte pairs."""
    chars = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def block(lo, hi):
    return {chr(c) for c in range(lo, hi + 1)}


def text_chars(paths):
    chars = set()
    for path in paths:
        with open(path, encoding="utf-8") as f:
            chars |= set(f.read())
    return chars


def manuscript_files():
    files = []
    for root, _dirs, names in os.walk("manuscript"):
        for name in names:
            if name.endswith((".md", ".toml")):
                files.append(os.path.join(root, name))
    return sorted(files)


def subset_font(path, index, chars):
    options = subset.Options()
    options.font_number = index
    # The default features (kerning, ligatures…) and the CJK punctuation and
    # vertical ones, but not `locl`: in the SC face it only maps to the
    # JP/KR/TC glyph variants, which would double the size.
    features = [f for f in options.layout_features if f != "locl"]
    options.layout_features = features + ["vert", "vrt2", "halt", "vhal", "palt", "vpal"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.recalc_timestamp = False
    font = subset.load_font(path, options)
    subsetter = subset.Subsetter(options)
    unicodes = sorted(ord(c) for c in chars if c.isprintable() or c == "\u3000")
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    return font


def cff_to_glyf(font):
    """Convert CFF (cubic) outlines to glyf (quadratic), as fontTools' otf2ttf."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf[name] = pen.glyph()
    for name in order:
        glyf[name].recalcBounds(glyf)
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for field in (
        "maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
        "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    maxp.maxComponentDepth = 0
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType = 3.0  # no glyph names: CID names are meaningless
    font.sfntVersion = "\x00\x01\x00\x00"
    font.recalcBBoxes = True  # glyph, head and maxp bounds for the new glyf


def rename(font, family, postscript, description):
    name = font["name"]
    keep = {0, 5, 8, 9, 11, 12, 13, 14}
    name.names = [n for n in name.names if n.nameID in keep]
    for plat, enc, lang in ((3, 1, 0x409), (1, 0, 0)):
        name.setName(family, 1, plat, enc, lang)
        name.setName("Regular", 2, plat, enc, lang)
        name.setName(postscript + ";folio", 3, plat, enc, lang)
        name.setName(family + " Regular", 4, plat, enc, lang)
        name.setName(postscript, 6, plat, enc, lang)
        name.setName(description, 10, plat, enc, lang)
    name.names.sort(key=lambda n: (n.platformID, n.platEncID, n.langID, n.nameID))
    if "CFF " in font:
        font["CFF "].cff.fontNames = [postscript]


def save(font, path):
    font["head"].created = FIXED_TIME
    font["head"].modified = FIXED_TIME
    font.save(path, reorderTables=True)
    print(f"{path}: {os.path.getsize(path)} bytes, {len(font.getGlyphOrder())} glyphs")


def main():
    extra = sys.argv[1:] or [SEED]
    gb2312 = gb2312_chars()
    with open("fonts/gb2312.txt", "w", encoding="utf-8") as f:
        # The list the tests check the built-in font against, 94 per line.
        ordered = "".join(sorted(gb2312))
        f.write("\n".join(ordered[i : i + 94] for i in range(0, len(ordered), 94)) + "\n")
    chars = set(gb2312)
    chars |= text_chars(extra + manuscript_files())
    chars |= block(0x20, 0x7E) | block(0xA0, 0xFF)
    chars |= block(0x2000, 0x206F)  # General Punctuation
    chars |= block(0x3000, 0x303F)  # CJK Symbols and Punctuation
    chars |= block(0xFF00, 0xFFEF)  # Halfwidth and Fullwidth Forms

    serif = subset_font(CJK_TTC, CJK_SC_INDEX, chars)
    cff_to_glyf(serif)
    rename(
        serif,
        "Folio Serif SC",
        "FolioSerifSC-Regular",
        "Subset of Noto Serif CJK SC Regular with TrueType outlines, made for folio.",
    )
    save(serif, "fonts/FolioSerifSC-Regular.ttf")

    mono_chars = block(0x20, 0x7E) | block(0xA0, 0xFF) | set("‐–—‘’“”•…")
    mono = subset_font(MONO_TTF, 0, mono_chars)
    rename(
        mono,
        "Folio Mono",
        "FolioMono-Regular",
        "Subset of Noto Sans Mono Regular (ASCII, Latin-1), made for folio.",
    )
    save(mono, "fonts/FolioMono-Regular.ttf")


if __name__ == "__main__":
    main()

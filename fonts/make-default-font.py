#!/usr/bin/env python3
"""Rebuild folio's built-in fonts from the Debian Noto packages and Noto Emoji.

    python3 fonts/make-default-font.py [--out DIR] [--only FILE ...] [EXTRA_TEXT_FILE ...]

Run from the repository root. Needs fonttools and brotli (`pip install
fonttools brotli`), npm (for `@fontsource/noto-emoji`) and the Debian
packages fonts-noto-cjk, fonts-noto-core, fonts-noto-mono and unicode-data
(for the Unihan table that lists the 8105 characters of 通用规范汉字表).
Writes, into `fonts/` (or DIR, for size experiments outside the repository):

* the CJK faces Folio Serif SC/TC/JP/KR, Regular and Bold, subsets of Noto
  Serif CJK (NotoSerifCJK-{Regular,Bold}.ttc); the SC Regular face gets
  TrueType (glyf) outlines so that the built-in font exercises the glyf
  code path, the others keep their CFF outlines (smaller);
* Folio Serif Regular/Bold (Latin, Greek, Cyrillic) from Noto Serif;
* Folio Mono from Noto Sans Mono (ASCII, Latin-1);
* Folio Emoji from the monochrome Noto Emoji (TrueType outlines);
* coverage/*.txt: the character lists the tests check the faces against.

Every face is renamed (OFL: a modified version should not pass itself off as
the original; "Noto" is a Google trademark and Adobe reserves "Source").
The output is deterministic: fixed timestamps, sorted inputs, pinned sources.
"""

import bz2
import glob
import os
import subprocess
import sys
import unicodedata
from collections import namedtuple

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

CJK_REGULAR = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
CJK_BOLD = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc"
# Face indices in both collections (checked with fontTools; 4 is HK).
JP, KR, SC, TC = 0, 1, 2, 3
SERIF_DIR = "/usr/share/fonts/truetype/noto"
MONO_TTF = "/usr/share/fonts/truetype/noto/NotoSansMono-Regular.ttf"
UNIHAN = "/usr/share/unicode/Unihan_*.txt.bz2"
EMOJI_DATA = "/usr/share/unicode/emoji/emoji-data.txt"
SEED = "../shared/seed/000_e7ea8a434acfd284.txt"
# Pinned, so that a rebuild gives the same bytes; the woff2 file of the
# package that holds every emoji in one face (the numbered ones are
# unicode-range slices of it for the web).
EMOJI_PACKAGE = "@fontsource/noto-emoji@5.3.2"
EMOJI_FILE = "package/files/noto-emoji-emoji-400-normal.woff2"
EMOJI_CACHE = "/tmp/folio-noto-emoji"

OFL_NOTICE = (
    "This Font Software is licensed under the SIL Open Font License, Version 1.1."
)

# 2025-09-25 00:00:00 UTC in seconds since 1904-01-01 (the sfnt epoch).
FIXED_TIME = 3841603200

Face = namedtuple("Face", "file family style source index chars glyf made_from note")


def block(lo, hi):
    return {chr(c) for c in range(lo, hi + 1)}


# Characters that a face keeps although they print nothing: the soft hyphen
# and the zero-width space and joiners (a shaper asks the font for them), and
# the emoji selector and tags (🏴 flags) that Noto Emoji's ligatures read.
# Spaces (category Zs: no-break, ideographic, thin…) are kept too.
KEEP_FORMAT = set("\u00ad\u200b\u200c\u200d\u2060\ufe0f") | block(0xE0020, 0xE007F)


def decode_pairs(codec, highs, lows, prefix=b""):
    """Every string that `codec` decodes from prefix + (high, low) bytes, in
    code order. Some JIS X 0213 codes decode to two code points (a kana and
    a combining mark): those stay one string."""
    out = []
    for hi in highs:
        for lo in lows:
            try:
                out.append((prefix + bytes([hi, lo])).decode(codec))
            except UnicodeDecodeError:
                pass
    return out


def gb2312_list():
    """GB 2312: all valid EUC-CN pairs (rows 0xA1–0xF7, cells 0xA1–0xFE)."""
    return decode_pairs("gb2312", range(0xA1, 0xF8), range(0xA1, 0xFF))


def big5_list():
    """Big5 as Python's `big5` codec has it: symbols (A140–A3BF), the
    common set (5401, A440–C67E), the kana and Cyrillic of C6A1–C8FE and
    the less-common set (7652, C940–F9D5)."""
    lows = list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF))
    return decode_pairs("big5", range(0xA1, 0xFA), lows)


def hkscs_list():
    """HKSCS-2008 beyond Big5: what Python's `big5hkscs` decodes that `big5`
    does not (Cantonese 啲 嘅 喺, names, many in CJK Extension B)."""
    lows = list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF))
    big5 = set(big5_list())
    return [s for s in decode_pairs("big5hkscs", range(0x87, 0xFF), lows) if s not in big5]


def jis_x_0213_list():
    """JIS X 0213:2004 with Python's `euc_jis_2004`: plane 1 (non-kanji and
    levels 1–3, two bytes) and plane 2 (level 4, 0x8F + two bytes; only its
    rows 1, 3–5, 8, 12–15, 78–94 are JIS X 0213, the codec also decodes
    JIS X 0212 in the other rows)."""
    plane1 = decode_pairs("euc_jis_2004", range(0xA1, 0xFF), range(0xA1, 0xFF))
    rows = [1, 3, 4, 5, 8, 12, 13, 14, 15] + list(range(78, 95))
    plane2 = decode_pairs("euc_jis_2004", [0xA0 + r for r in rows], range(0xA1, 0xFF), b"\x8f")
    return plane1 + plane2


def ks_x_1001_list():
    """KS X 1001 (EUC-KR): symbols, 2350 Hangul syllables, 4888 hanja."""
    return decode_pairs("euc_kr", range(0xA1, 0xFF), range(0xA1, 0xFF))


def tongyong_list():
    """The 8105 characters of 通用规范汉字表 (2013) in the table's order,
    from the Unihan database's kTGH field ("2013:N", N the position)."""
    position = {}
    for path in sorted(glob.glob(UNIHAN)):
        with bz2.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                fields = line.rstrip("\n").split("\t")
                if len(fields) == 3 and fields[1] == "kTGH":
                    number = int(fields[2].split(":")[1])
                    position[chr(int(fields[0][2:], 16))] = number
    if len(position) != 8105:
        sys.exit(f"expected 8105 kTGH entries in {UNIHAN}, found {len(position)}")
    return sorted(position, key=position.get)


def emoji_list():
    """The characters with the Emoji property, from Emoji 14.0 or earlier
    (Noto Emoji 3.006 has none of 15.0), above ASCII (its digits, # and *
    are emoji only as keycap sequences)."""
    chars = []
    with open(EMOJI_DATA, encoding="utf-8") as f:
        for line in f:
            fields = line.split("#", 1)
            code, _, prop = fields[0].partition(";")
            if prop.strip() != "Emoji" or float(fields[1].split()[0][1:]) > 14.0:
                continue
            lo, _, hi = code.strip().partition("..")
            chars += [chr(c) for c in range(int(lo, 16), int(hi or lo, 16) + 1) if c > 0x7F]
    return sorted(chars)


def write_list(path, items, per_line):
    """A coverage list: `per_line` entries a line, duplicates dropped."""
    seen = list(dict.fromkeys(items))
    lines = ["".join(seen[i : i + per_line]) for i in range(0, len(seen), per_line)]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def chars_of(items):
    return {c for s in items for c in s}


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


def cjk_common():
    """What every CJK face carries besides its ideographs and letters."""
    chars = block(0x20, 0x7E) | block(0xA0, 0xFF)
    chars |= block(0x2000, 0x206F)  # General Punctuation
    chars |= block(0x3000, 0x303F)  # CJK Symbols and Punctuation
    chars |= block(0xFF00, 0xFFEF)  # Halfwidth and Fullwidth Forms
    return chars


def kana():
    chars = block(0x3040, 0x30FF)  # Hiragana, Katakana (ゟ ヿ, small kana)
    chars |= block(0x31F0, 0x31FF)  # Katakana Phonetic Extensions (ㇰ…)
    chars |= block(0x1B000, 0x1B001)  # Kana Supplement: 𛀀 𛀁
    chars |= block(0x1B130, 0x1B16F)  # Small Kana Extension, where present
    return chars


def hangul():
    chars = block(0xAC00, 0xD7A3)  # all 11,172 modern syllables
    chars |= block(0x1100, 0x11FF)  # Hangul Jamo
    chars |= block(0x3130, 0x318F)  # Hangul Compatibility Jamo
    return chars


def latin_greek_cyrillic():
    chars = block(0x20, 0x7E) | block(0xA0, 0x24F)  # to Latin Extended-B
    chars |= block(0x250, 0x2FF)  # IPA Extensions, Spacing Modifier Letters
    chars |= block(0x300, 0x36F)  # Combining Diacritical Marks
    chars |= block(0x370, 0x3FF) | block(0x1F00, 0x1FFF)  # Greek, Greek Extended
    chars |= block(0x400, 0x52F)  # Cyrillic, Cyrillic Supplement
    chars |= block(0x1AB0, 0x1AFF) | block(0x1DC0, 0x1DFF)  # more combining marks
    chars |= block(0x1E00, 0x1EFF)  # Latin Extended Additional
    chars |= block(0x2000, 0x206F) | block(0x2070, 0x209F)  # punctuation, super/subscripts
    chars |= block(0x20A0, 0x20CF)  # Currency Symbols
    chars |= block(0x2100, 0x218F)  # Letterlike Symbols, Number Forms
    chars |= block(0x2190, 0x21FF) | block(0x2200, 0x22FF)  # Arrows, Mathematical Operators
    chars |= block(0x2C60, 0x2C7F) | block(0xA720, 0xA7FF)  # Latin Extended-C, -D
    chars |= block(0x2DE0, 0x2DFF) | block(0xA640, 0xA69F)  # Cyrillic Extended-A, -B
    chars |= block(0x1C80, 0x1C8F)  # Cyrillic Extended-C
    chars |= block(0xFB00, 0xFB06)  # Latin ligatures ﬁ ﬂ
    return chars


def emoji_source():
    """The Noto Emoji woff2 of the pinned npm package, packed once into a
    cache directory outside the repository."""
    path = os.path.join(EMOJI_CACHE, EMOJI_FILE)
    if not os.path.exists(path):
        os.makedirs(EMOJI_CACHE, exist_ok=True)
        name = subprocess.run(
            ["npm", "pack", "--silent", EMOJI_PACKAGE],
            cwd=EMOJI_CACHE, check=True, capture_output=True, text=True,
        ).stdout.strip().splitlines()[-1]
        subprocess.run(["tar", "xzf", name], cwd=EMOJI_CACHE, check=True)
    return path


def emoji_chars(path):
    """Every character of Noto Emoji. Its digits, # and * stay: the keycap
    emoji (1️⃣) are ligatures of them with U+FE0F U+20E3."""
    return {chr(c) for c in TTFont(path).getBestCmap()}


def keep(c):
    """Whether a face carries `c` (if its source has it): not controls."""
    return c.isprintable() or c in KEEP_FORMAT or unicodedata.category(c) == "Zs"


def subset_font(path, index, chars):
    options = subset.Options()
    options.font_number = index
    # The default features (kerning, ligatures…) and the CJK punctuation and
    # vertical ones, but not `locl`: in a CJK face it only maps to the other
    # regions' glyph variants, which would double the size.
    features = [f for f in options.layout_features if f != "locl"]
    options.layout_features = features + ["vert", "vrt2", "halt", "vhal", "palt", "vpal"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.recalc_timestamp = False
    # STAT only describes a variable family's axes; the outputs are static.
    options.drop_tables = options.drop_tables + ["STAT"]
    font = subset.load_font(path, options)
    subsetter = subset.Subsetter(options)
    unicodes = sorted(ord(c) for c in chars if keep(c))
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    font.flavor = None  # woff2 in, plain sfnt out
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


# Noto Serif has no arrows and no mathematical operators (not even −, ≤),
# and no Noto Serif or Noto Serif CJK face has ∼ ≒ ⦅ ⦆ ◈ of the CJK
# standards: Folio Serif takes them from these faces (sans, but simple
# shapes; regular weight in the bold face too), so that Latin text gets
# proportional arrows and operators and some built-in face prints every
# character of GB 2312, Big5, JIS X 0213 and KS X 1001.
def grafts():
    """(donor font, characters) for `graft`."""
    math = block(0x2190, 0x21FF) | block(0x2200, 0x22FF) | set("⦅⦆")
    return (
        (f"{SERIF_DIR}/NotoSansMath-Regular.ttf", math),
        (f"{SERIF_DIR}/NotoSansSymbols2-Regular.ttf", "◈"),
    )


def graft(font):
    """Copies the glyphs of `grafts()` that `font` lacks into it (glyf, same
    units per em), with their advances and cmap entries, composites drawn
    flat."""
    glyf, hmtx = font["glyf"], font["hmtx"]
    upem = font["head"].unitsPerEm
    have = font.getBestCmap()
    for path, chars in grafts():
        donor = TTFont(path)
        if donor["head"].unitsPerEm != upem:
            sys.exit(f"{path}: units per em differ, cannot graft")
        donor_cmap, donor_glyphs = donor.getBestCmap(), donor.getGlyphSet()
        for c in sorted(chars):
            source = donor_cmap.get(ord(c))
            if ord(c) in have or source is None:
                continue
            name = f"uni{ord(c):04X}.graft"
            pen = TTGlyphPen(None)
            donor_glyphs[source].draw(pen)
            glyf[name] = pen.glyph()  # also appends the name to the glyph order
            glyf[name].recalcBounds(glyf)
            hmtx[name] = donor["hmtx"][source]
            for table in font["cmap"].tables:
                if table.isUnicode():
                    table.cmap[ord(c)] = name


def rename(font, face, description):
    """Name the face Folio…: family, full, unique and PostScript names, a
    description, no trademark notice; copyright, version, vendor, designer
    and licence records stay."""
    postscript = face.family.replace(" ", "") + "-" + face.style
    name = font["name"]
    keep = {0, 5, 8, 9, 11, 12, 13, 14}
    name.names = [n for n in name.names if n.nameID in keep]
    for plat, enc, lang in ((3, 1, 0x409), (1, 0, 0)):
        name.setName(face.family, 1, plat, enc, lang)
        name.setName(face.style, 2, plat, enc, lang)
        name.setName(postscript + ";folio", 3, plat, enc, lang)
        name.setName(f"{face.family} {face.style}", 4, plat, enc, lang)
        name.setName(postscript, 6, plat, enc, lang)
        name.setName(description, 10, plat, enc, lang)
        if not name.getName(13, plat, enc, lang):
            # Noto Emoji's package has the licence beside the font only.
            name.setName(OFL_NOTICE, 13, plat, enc, lang)
            name.setName("https://openfontlicense.org", 14, plat, enc, lang)
    name.names.sort(key=lambda n: (n.platformID, n.platEncID, n.langID, n.nameID))
    if "CFF " in font:
        rename_cff(font["CFF "].cff, face, postscript)


def rename_cff(cff, face, postscript):
    """The CFF table names the font too, in its top dict and, for a
    CID-keyed font, in each FDArray entry (`NotoSerifCJKjp-Regular-Kana`)."""
    old = cff.fontNames[0]
    cff.fontNames = [postscript]
    top = cff.topDictIndex[0]
    top.FullName = f"{face.family} {face.style}"
    top.FamilyName = face.family
    if hasattr(top, "Notice"):
        top.Notice = top.Notice.split(" Noto is a trademark")[0]
    for fd in getattr(top, "FDArray", []):
        if hasattr(fd, "FontName"):
            fd.FontName = fd.FontName.replace(old, postscript)


def save(font, path):
    font["head"].created = FIXED_TIME
    font["head"].modified = FIXED_TIME
    font.save(path, reorderTables=True)
    size = os.path.getsize(path)
    print(f"{path}: {size} bytes, {len(font.getGlyphOrder())} glyphs", flush=True)


def coverage_lists(out, extra):
    """Writes coverage/*.txt and returns each face's character set (the
    Bold faces cover the same as the Regular ones)."""
    cov = os.path.join(out, "coverage")
    os.makedirs(cov, exist_ok=True)
    lists = {
        "tongyong-8105": (tongyong_list(), 100),
        "gb2312": (sorted(gb2312_list()), 94),
        "big5": (big5_list(), 94),
        "hkscs": (hkscs_list(), 94),
        "jis-x-0213": (jis_x_0213_list(), 94),
        "ks-x-1001": (ks_x_1001_list(), 94),
        "emoji": (emoji_list(), 50),
    }
    for name, (items, per_line) in lists.items():
        write_list(os.path.join(cov, name + ".txt"), items, per_line)
    han = {name: chars_of(items) for name, (items, _) in lists.items()}
    common = cjk_common()
    bopomofo = block(0x3100, 0x312F) | block(0x31A0, 0x31BF)
    book = text_chars(extra + manuscript_files())
    return {
        "SC": han["tongyong-8105"] | han["gb2312"] | book | common,
        "TC": han["big5"] | han["hkscs"] | bopomofo | common,
        "JP": han["jis-x-0213"] | kana() | common,
        "KR": han["ks-x-1001"] | hangul() | common,
        "latin": latin_greek_cyrillic(),
        "mono": block(0x20, 0x7E) | block(0xA0, 0xFF) | set("‐–—‘’“”•…"),
    }


def faces(sets):
    """Every built-in face, in the order they are written."""
    out = []
    for region, index in (("SC", SC), ("TC", TC), ("JP", JP), ("KR", KR)):
        for style, source in (("Regular", CJK_REGULAR), ("Bold", CJK_BOLD)):
            glyf = region == "SC" and style == "Regular"
            ext = "ttf" if glyf else "otf"
            out.append(Face(
                f"FolioSerif{region}-{style}.{ext}", f"Folio Serif {region}", style,
                source, index, sets[region], glyf, f"Noto Serif CJK {region} {style}", "",
            ))
    for style in ("Regular", "Bold"):
        out.append(Face(
            f"FolioSerif-{style}.ttf", "Folio Serif", style,
            f"{SERIF_DIR}/NotoSerif-{style}.ttf", 0, sets["latin"], False,
            f"Noto Serif {style}", " (Latin, Greek, Cyrillic)",
        ))
    out.append(Face(
        "FolioMono-Regular.ttf", "Folio Mono", "Regular", MONO_TTF, 0, sets["mono"],
        False, "Noto Sans Mono Regular", " (ASCII, Latin-1)",
    ))
    emoji = emoji_source()
    out.append(Face(
        "FolioEmoji-Regular.ttf", "Folio Emoji", "Regular", emoji, 0, emoji_chars(emoji),
        False, "Noto Emoji Regular", " (monochrome)",
    ))
    return out


def description(face):
    outlines = " with TrueType outlines" if face.glyf else ""
    return f"Subset of {face.made_from}{face.note}{outlines}, made for folio."


def main():
    args = sys.argv[1:]
    out, only = "fonts", set()
    while args and args[0].startswith("--"):
        flag, value, args = args[0], args[1], args[2:]
        if flag == "--out":
            out = value
        elif flag == "--only":
            only.add(value)
        else:
            sys.exit(f"unknown option {flag}")
    extra = args or [SEED]
    sets = coverage_lists(out, extra)
    for face in faces(sets):
        if only and face.file not in only:
            continue
        font = subset_font(face.source, face.index, face.chars)
        if face.glyf:
            cff_to_glyf(font)
        if face.family == "Folio Serif":
            graft(font)
        rename(font, face, description(face))
        save(font, os.path.join(out, face.file))


if __name__ == "__main__":
    main()

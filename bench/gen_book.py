#!/usr/bin/env python3
"""Generate a large, deterministic Chinese book for folio's benchmark.

The text is the sample manuscript's own sentences, shuffled and recombined
with a seeded RNG, with Latin words and digits mixed in, so every run with
the same arguments writes byte-identical files and the glyphs stay within
what the sample (and folio's built-in font) already covers.

    python3 bench/gen_book.py OUT_DIR [--chars 500000] [--chapters 50] [--seed 1]

OUT_DIR gets a folio book folder (book.toml in the shape of
manuscript/book.toml plus one .md file per chapter) and `book.md`, the same
text as one pandoc-style Markdown file for the peers.

    python3 bench/gen_book.py --concat BOOK_DIR OUT.md [--no-metadata]

writes the single-file variant of any folio book folder instead: YAML front
matter from [book], then the copyright, front and chapter files in
book.toml order.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parent / "manuscript"

# Latin words and numbers of the kind the interview already mixes in.
LATIN = [
    "AI", "GPU", "CPU", "CUDA", "NVLink", "Blackwell", "Hopper", "Rubin",
    "token", "ChatGPT", "OpenAI", "TSMC", "ASIC", "TPU", "Transformer",
    "HBM", "PCIe", "Ethernet", "InfiniBand", "Omniverse", "DGX", "Grace",
    "Python", "PyTorch", "Linux", "API", "SDK", "Wi-Fi", "5G", "R2-D2",
]
SPEAKERS = ["黄仁勋", "格斯特纳", "唐"]
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
SENTENCE_END = re.compile(r"(?<=[。!?])")


FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


def read_body(path: Path) -> str:
    """A Markdown file's text without its YAML front matter."""
    return FRONT_MATTER.sub("", path.read_text(encoding="utf-8"), count=1)


def han_count(text: str) -> int:
    return len(HAN.findall(text))


def sample_sentences() -> list[str]:
    """Every sentence of the sample's body text, Markdown markup removed."""
    config = tomllib.loads((SAMPLE / "book.toml").read_text(encoding="utf-8"))
    folio = config["folio"]
    files = list(folio.get("front", [])) + list(folio["chapters"])
    sentences: list[str] = []
    for name in files:
        for line in read_body(SAMPLE / name).splitlines():
            line = line.strip()
            if not line or line.startswith(("#", "[^", ">", "|", "-", "!")):
                continue
            line = re.sub(r"\*\*[^*]+\*\*[::]", "", line)  # speaker prefix
            line = re.sub(r"\[\^[^\]]+\]", "", line)  # note references
            line = line.replace("*", "")
            for sentence in SENTENCE_END.split(line):
                sentence = sentence.strip()
                if han_count(sentence) >= 4:
                    sentences.append(sentence)
    if not sentences:
        sys.exit(f"no sentences found in {SAMPLE}")
    return sentences


def headings() -> list[str]:
    """The sample's chapter titles without their numbers: heading material."""
    titles = []
    for path in sorted(SAMPLE.glob("[0-9]*.md")):
        for line in read_body(path).splitlines():
            if line.startswith("# "):
                titles.append(re.sub(r"^#\s*\d*\s*", "", line).strip())
                break
    return titles


def mix_latin(rng: random.Random, sentence: str) -> str:
    """Now and then put a Latin word or a number into a sentence."""
    roll = rng.random()
    if roll < 0.25:
        # A word after a comma (or before the end), with no spaces: folio's
        # CJK-Latin spacing must find the boundary itself.
        word = rng.choice(LATIN)
        at = sentence.find(",")
        if at > 0:
            return sentence[: at + 1] + word + sentence[at + 1 :]
        return sentence[:-1] + word + sentence[-1]
    if roll < 0.40:
        number = rng.choice(
            [
                f"{rng.randint(2, 99)}%",
                f"{rng.randint(1990, 2030)}年",
                f"{rng.randint(1, 999)}亿美元",
                f"{rng.randint(2, 50)}倍",
                f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日",
                f"{rng.randint(1000, 99999):,}",
            ]
        )
        at = sentence.find(",")
        if at > 0:
            return sentence[: at + 1] + "约" + number + "," + sentence[at + 1 :]
        return number + "," + sentence
    return sentence


def chapter_text(
    rng: random.Random,
    number: int,
    target: int,
    sentences: list[str],
    titles: list[str],
    notes: int,
) -> str:
    """One chapter of about `target` Han characters with `notes` footnotes."""
    title = f"第{number}章 {rng.choice(titles)}"
    out = [f"# {title}", ""]
    count = han_count(title)
    paragraphs: list[str] = []
    since_section = 0
    section = 0
    while count < target:
        if since_section > 1800 and rng.random() < 0.3:
            section += 1
            heading = f"## {number}.{section} {rng.choice(titles)}"
            paragraphs.append(heading)
            count += han_count(heading)
            since_section = 0
        sentence_count = rng.randint(2, 6)
        body = "".join(mix_latin(rng, rng.choice(sentences)) for _ in range(sentence_count))
        if rng.random() < 0.3:
            body = f"**{rng.choice(SPEAKERS)}**:{body}"
        paragraphs.append(body)
        added = han_count(body)
        count += added
        since_section += added
    # Footnote references go after a sentence end in evenly spaced paragraphs.
    body_indexes = [i for i, p in enumerate(paragraphs) if not p.startswith("#")]
    definitions = []
    for n in range(notes):
        index = body_indexes[(n * 2 + 1) * len(body_indexes) // (notes * 2)]
        label = f"c{number}n{n + 1}"
        paragraph = paragraphs[index]
        end = paragraph.find("。")
        end = len(paragraph) if end < 0 else end + 1
        paragraphs[index] = paragraph[:end] + f"[^{label}]" + paragraph[end:]
        note = "注:" + "".join(rng.choice(sentences) for _ in range(2))
        definitions.append(f"[^{label}]: {note}")
    out.extend(p + "\n" for p in paragraphs)
    out.extend(d + "\n" for d in definitions)
    return "\n".join(out)


def book_toml(title: str, chars: int, chapter_files: list[str], seed: int) -> str:
    files = ", ".join(f'"{f}"' for f in chapter_files)
    return f"""# Generated by bench/gen_book.py --chars {chars} --chapters {len(chapter_files)} --seed {seed}:
# the sample manuscript's sentences recombined. Do not edit; regenerate.

[book]
title = "{title}"
authors = ["folio 基准测试"]
language = "zh-CN"
description = "由样书句子重组而成的大型测试书,约{chars}个汉字。"

[folio]
name = "bench-{chars}"
date = "2025-09-25"
identifier = "urn:uuid:00000000-0000-4000-8000-{chars:012d}"
chapters = [{files}]
"""


def yaml_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def concat(book_dir: Path, metadata: bool = True) -> str:
    """A folio book folder as one pandoc Markdown file, in book.toml order,
    with the metadata as YAML front matter unless `metadata` is false."""
    config = tomllib.loads((book_dir / "book.toml").read_text(encoding="utf-8"))
    book = config.get("book", {})
    folio = config.get("folio", {})
    front = ["---"]
    if "title" in book:
        front.append(f"title: {yaml_quote(book['title'])}")
    if book.get("authors"):
        front.append("author:")
        front.extend(f"- {yaml_quote(a)}" for a in book["authors"])
    front.append(f"lang: {book.get('language', 'zh-CN')}")
    if "date" in folio:
        front.append(f"date: {yaml_quote(str(folio['date']))}")
    if "identifier" in folio:
        front.append(f"identifier: {yaml_quote(folio['identifier'])}")
    front.append("---")
    parts = ["\n".join(front)] if metadata else []
    files = []
    if "copyright" in folio:
        files.append(folio["copyright"])
    files += list(folio.get("front", [])) + list(folio.get("chapters", []))
    for name in files:
        parts.append(read_body(book_dir / name).strip())
    return "\n\n".join(parts) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, nargs="?", help="folder to write the book into")
    parser.add_argument("--chars", type=int, default=500_000, help="Han characters in all")
    parser.add_argument("--chapters", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--chars-per-note",
        type=int,
        default=5000,
        help="one footnote per this many characters (at least one per chapter)",
    )
    parser.add_argument(
        "--concat",
        nargs=2,
        type=Path,
        metavar=("BOOK_DIR", "OUT_MD"),
        help="write BOOK_DIR as one Markdown file and exit",
    )
    parser.add_argument(
        "--no-metadata",
        action="store_true",
        help="with --concat: no YAML front matter (for tools that do not read it)",
    )
    args = parser.parse_args()

    if args.concat:
        book_dir, out_md = args.concat
        out_md.write_text(concat(book_dir, not args.no_metadata), encoding="utf-8")
        return
    if args.out is None:
        parser.error("OUT is required unless --concat is given")
    if args.chars < args.chapters or args.chapters < 1:
        parser.error("need at least one chapter and one character per chapter")

    rng = random.Random(args.seed)
    sentences = sample_sentences()
    titles = headings()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.md"):
        old.unlink()

    width = max(2, len(str(args.chapters)))
    chapter_files = []
    total = 0
    for number in range(1, args.chapters + 1):
        # Spread the characters evenly; the last chapter absorbs rounding.
        target = args.chars * number // args.chapters - total
        notes = max(1, target // args.chars_per_note)
        text = chapter_text(rng, number, target, sentences, titles, notes)
        total += han_count(text)
        name = f"{number:0{width}d}.md"
        (out / name).write_text(text, encoding="utf-8")
        chapter_files.append(name)
    title = f"基准测试之书({args.chars}字)"
    (out / "book.toml").write_text(
        book_toml(title, args.chars, chapter_files, args.seed), encoding="utf-8"
    )
    (out / "book.md").write_text(concat(out), encoding="utf-8")
    text_all = "".join((out / f).read_text(encoding="utf-8") for f in chapter_files)
    print(
        f"{out}: {len(chapter_files)} chapters, {han_count(text_all)} Han characters, "
        f"{len(text_all)} characters, {len(text_all.encode())} bytes",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()

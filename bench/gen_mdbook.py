#!/usr/bin/env python3
"""Generate a large, deterministic Chinese mdBook for folio's benchmark.

The shape of a real technical mdBook (issue 10): `book.toml` and
`src/SUMMARY.md` with nested chapters, prose from bench/gen_book.py's
generator, code listings pulled in by `{{#include}}` and
`{{#rustdoc_include}}` in all their forms (whole file, `:N`, `:N:M`, `:N:`,
`::M`, `:anchor`), Rust listings with mdBook's hidden `# ` lines, SVG
figures (Markdown images and raw HTML `<img>`), and links between chapters
written mdBook's way (`ch07.html#anchor`). Same arguments, same bytes.

    python3 bench/gen_mdbook.py OUT_DIR [--chars 600000] [--chapters 50]
        [--listings 700] [--figures 20] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import gen_book

RUST_BODY = [
    "let v: Vec<i32> = Vec::new();",
    "let mut s = String::from(\"hello\");",
    "s.push_str(\", world\");",
    "println!(\"{}\", s);",
    "let total: i64 = (1..=10).map(|x| x * x).sum();",
    "let map = std::collections::HashMap::<u32, &str>::new();",
    "if let Some(first) = v.first() { println!(\"{first}\"); }",
    "let r = &s; // 借用",
    "match total { 0 => {}, n => println!(\"{n}\") }",
]


def listing(rng: random.Random, number: int) -> str:
    """A Rust file of 12-30 lines with an anchor and a hidden-line shape."""
    lines = ["use std::fmt;", "", f"// ANCHOR: main{number}", f"fn listing_{number}() {{"]
    for _ in range(rng.randint(8, 26)):
        lines.append("    " + rng.choice(RUST_BODY))
    lines += ["}", f"// ANCHOR_END: main{number}", "", "fn main() {", f"    listing_{number}();", "}"]
    return "\n".join(lines) + "\n"


def directive(rng: random.Random, chapter: int, number: int, length: int) -> str:
    """One include directive, in a form chosen by the seeded RNG."""
    path = f"../listings/ch{chapter:02d}/listing-{number:03d}.rs"
    form = rng.randrange(7)
    if form == 0:
        return f"{{{{#include {path}}}}}"
    if form == 1:
        return f"{{{{#include {path}:{rng.randint(1, length)}}}}}"
    if form == 2:
        start = rng.randint(1, length // 2)
        return f"{{{{#include {path}:{start}:{start + rng.randint(2, 8)}}}}}"
    if form == 3:
        return f"{{{{#include {path}:{rng.randint(1, length // 2)}:}}}}"
    if form == 4:
        return f"{{{{#include {path}::{rng.randint(3, length)}}}}}"
    if form == 5:
        return f"{{{{#include {path}:main{number}}}}}"
    return f"{{{{#rustdoc_include {path}:main{number}}}}}"


def figure(number: int) -> str:
    """A small SVG diagram with shapes and a CJK label."""
    boxes = "".join(
        f'<rect x="{20 + i * 110}" y="40" width="90" height="50" rx="6" '
        f'fill="#e8eef7" stroke="#335" stroke-width="2"/>'
        f'<text x="{65 + i * 110}" y="70" font-size="14" text-anchor="middle">栈 {i}</text>'
        for i in range(3)
    )
    arrows = "".join(
        f'<path d="M{110 + i * 110} 65 L{130 + i * 110} 65" stroke="#335" stroke-width="2"/>'
        for i in range(2)
    )
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="360" height="130" viewBox="0 0 360 130">'
        f'<text x="180" y="24" font-size="16" text-anchor="middle">图 {number}</text>'
        f"{boxes}{arrows}</svg>\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--chars", type=int, default=600_000)
    parser.add_argument("--chapters", type=int, default=50)
    parser.add_argument("--listings", type=int, default=700)
    parser.add_argument("--figures", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    sentences = gen_book.sample_sentences()
    titles = gen_book.headings()
    out: Path = args.out
    (out / "src" / "img").mkdir(parents=True, exist_ok=True)
    summary = ["# Summary", "", "[前言](intro.md)", ""]
    (out / "src" / "intro.md").write_text("# 前言\n\n" + "".join(sentences[:8]) + "\n", encoding="utf-8")
    listing_no = 0
    figure_no = 0
    total = 0
    for chapter in range(1, args.chapters + 1):
        target = args.chars * chapter // args.chapters - total
        text = gen_book.chapter_text(rng, chapter, target, sentences, titles, max(1, target // 5000))
        total += gen_book.han_count(text)
        paragraphs = text.split("\n\n")
        # Listings and figures spread evenly over the body paragraphs.
        wanted = args.listings * chapter // args.chapters - listing_no
        figures = args.figures * chapter // args.chapters - figure_no
        inserts: list[str] = []
        for _ in range(wanted):
            listing_no += 1
            code = listing(rng, listing_no)
            folder = out / "listings" / f"ch{chapter:02d}"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"listing-{listing_no:03d}.rs").write_text(code, encoding="utf-8")
            length = code.count("\n")
            inserts.append(f"```rust\n{directive(rng, chapter, listing_no, length)}\n```")
        for _ in range(figures):
            figure_no += 1
            (out / "src" / "img" / f"fig{figure_no:02d}.svg").write_text(figure(figure_no), encoding="utf-8")
            if figure_no % 2:
                inserts.append(f"![图 {figure_no}](img/fig{figure_no:02d}.svg)")
            else:
                inserts.append(f'<img alt="图 {figure_no}" src="img/fig{figure_no:02d}.svg" class="center" />')
        if chapter > 1:
            inserts.append(f"参见[第{chapter - 1}章](ch{chapter - 1:02d}.html)。")
        step = max(1, (len(paragraphs) - 1) // (len(inserts) + 1))
        for i, insert in enumerate(inserts):
            paragraphs.insert(min(len(paragraphs), 1 + (i + 1) * step + i), insert)
        name = f"ch{chapter:02d}.md"
        (out / "src" / name).write_text("\n\n".join(paragraphs), encoding="utf-8")
        first_line = paragraphs[0].lstrip("# ").strip()
        indent = "    " if chapter % 5 != 1 else ""
        summary.append(f"{indent}- [{first_line}]({name})")
    (out / "src" / "SUMMARY.md").write_text("\n".join(summary) + "\n", encoding="utf-8")
    (out / "book.toml").write_text(
        f'# Generated by bench/gen_mdbook.py --chars {args.chars} --listings {args.listings} '
        f"--figures {args.figures} --seed {args.seed}\n"
        '[book]\ntitle = "基准 mdBook"\nauthors = ["folio bench"]\nlanguage = "zh-CN"\nsrc = "src"\n',
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()

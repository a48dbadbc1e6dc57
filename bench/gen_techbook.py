#!/usr/bin/env python3
"""Generate a deterministic technical book (code and math) for folio's benchmark.

The shape issue 11 asks for: about 300 A5 pages of Chinese prose (from
bench/gen_book.py's generator) with 500 code blocks in 24 languages
(info strings written the ways mdBook, VitePress and pandoc users write
them) and 500 formulas, inline `$…$` and display `$$…$$`, in the LaTeX
that folio's math parser accepts (see tests/math.rs). An mdBook
(`book.toml` and `src/SUMMARY.md`). Same arguments, same bytes.

    python3 bench/gen_techbook.py OUT_DIR [--chars 66000] [--chapters 20]
        [--code 500] [--formulas 500] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import gen_book

# (info string, lines to draw from); each block is 5-14 of them.
CODE = [
    ("rust,ignore", ["let v: Vec<i32> = Vec::new();", "fn area(w: u32, h: u32) -> u32 { w * h }",
                     "println!(\"{}\", s); // 打印", "impl Display for Point {}", "#[derive(Debug)]"]),
    ("python", ["def f(x: int) -> int:", "    return x * 2  # 加倍", "import numpy as np",
                "xs = [i ** 2 for i in range(10)]", "print(f\"total = {sum(xs)}\")"]),
    ("js", ["const add = (a, b) => a + b;", "console.log(add(1, 2)); // 3",
            "export default { name: 'demo' };", "if (x === null) { return; }"]),
    ("ts:line-numbers {1}", ["interface User { name: string; age: number }",
                            "function greet(u: User): string { return `hi ${u.name}`; }",
                            "const xs: number[] = [1, 2, 3];"]),
    ("go", ["func main() {", "    fmt.Println(\"你好\")", "}", "var m = map[string]int{\"a\": 1}"]),
    ("c [main.c] {1,3-4}", ["#include <stdio.h>", "int main(void) { return 0; }",
                            "printf(\"%d\\n\", n); /* 输出 */", "for (int i = 0; i < n; i++) {}"]),
    ("cpp", ["std::vector<int> v{1, 2, 3};", "auto sum = std::accumulate(v.begin(), v.end(), 0);",
             "template <typename T> T max(T a, T b);"]),
    ("java", ["public class Main {", "    public static void main(String[] args) {}",
              "@Override public String toString() { return \"x\"; }", "}"]),
    ("bash", ["for f in *.md; do echo \"$f\"; done", "export PATH=\"$HOME/bin:$PATH\"",
              "curl -fsSL https://example.com/install.sh | sh -s -- --yes --prefix /usr/local",
              "grep -rn 'TODO' src/ | wc -l  # 计数"]),
    ("console", ["$ cargo build --release", "$ folio build book -o dist", "   Compiling folio v0.1.0"]),
    ("json", ["{\"name\": \"folio\", \"version\": 1,", " \"tags\": [\"epub\", \"pdf\"], \"ok\": true}"]),
    ("yaml", ["name: folio", "version: 1  # 版本", "items:", "  - a", "  - b"]),
    ("toml", ["[package]", "name = \"folio\"", "version = \"0.1.0\"", "[dependencies]", "serde = \"1\""]),
    ("sql", ["SELECT name, COUNT(*) FROM users", "WHERE age > 18 GROUP BY name; -- 成年人",
             "INSERT INTO t (a) VALUES (1);"]),
    ("html", ["<div class=\"note\">", "  <a href=\"/x\">链接</a>", "</div>"]),
    ("css", [".note > a:hover {", "  color: #c00;", "  margin: 0 1em;", "}"]),
    ("kotlin", ["fun main() {", "    val xs = listOf(1, 2, 3)", "    println(xs.map { it * 2 })", "}"]),
    ("swift", ["struct Point { var x: Int }", "let p = Point(x: 1)", "print(\"\\(p.x)\")"]),
    ("ruby", ["class Dog", "  def bark = puts('woof')", "end"]),
    ("{.haskell}", ["main :: IO ()", "main = putStrLn \"hello\" -- 问候"]),
    ("dockerfile", ["FROM rust:1.88", "RUN cargo build --release", "CMD [\"folio\"]"]),
    ("diff", ["--- a/x.txt", "+++ b/x.txt", "@@ -1 +1 @@", "-old", "+new"]),
    ("text", ["plain output, no highlighting", "第二行"]),
    ("lua", ["local function f(x)", "  return x * 2 -- 加倍", "end"]),
]

INLINE = [r"\frac{p}{q}", r"m^{k}", r"u_{v}", r"\alpha+\beta", r"\sqrt{x^2+1}", r"\mathbf{x} \in \mathbb{R}^d",
          r"\hat{y}", r"\sum_{i=1}^{n} x_i", r"\operatorname{softmax}(o)", r"\lim_{n\to\infty} a_n",
          r"P(A \mid B)", r"e^{-x^2}", r"\boldsymbol{\theta}"]
DISPLAY = [
    r"\sum_{i=1}^{n} i = \frac{n(n+1)}{2}",
    r"\left( \frac{1}{1+\frac{1}{x}} \right) \bigl[ a \bigr]",
    r"f(x) = \begin{cases} 1 & x > 0 \\ 0 & \text{否则} \end{cases}",
    r"\begin{pmatrix} a & b \\ c & d \end{pmatrix} \begin{bmatrix} 1 & 0 \\ 0 & 1 \end{bmatrix}",
    r"\begin{aligned} L(\mathbf{w}, b) &= \frac{1}{n}\sum_{i=1}^n \ell^{(i)} \\ &= \frac{1}{2n} \|\mathbf{X}\mathbf{w} - \mathbf{y}\|^2 \end{aligned}",
    r"\hat{y}_j = \frac{\exp(o_j)}{\sum_k \exp(o_k)} \tag{3.%d}",
    r"\int_0^1 x^2 \, \mathrm{d}x = \frac{1}{3}",
]


def code_block(rng: random.Random, number: int) -> str:
    info, pool = CODE[number % len(CODE)]
    lines = [rng.choice(pool) for _ in range(rng.randint(5, 14))]
    return f"```{info}\n" + "\n".join(lines) + "\n```"


def formula(rng: random.Random, number: int, room: int) -> tuple[str, int]:
    """A display formula (every third), or a sentence with up to two inline
    ones (at most `room`); with how many formulas it holds."""
    if number % 3 == 0:
        tex = rng.choice(DISPLAY)
        if "%d" in tex:
            tex = tex % number
        return f"$${tex}$$", 1
    if room == 1:
        return f"设 ${rng.choice(INLINE)}$。", 1
    return f"设 ${rng.choice(INLINE)}$，则有 ${rng.choice(INLINE)}$ 成立。", 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--chars", type=int, default=66_000)
    parser.add_argument("--chapters", type=int, default=20)
    parser.add_argument("--code", type=int, default=500)
    parser.add_argument("--formulas", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    sentences = gen_book.sample_sentences()
    titles = gen_book.headings()
    out: Path = args.out
    (out / "src").mkdir(parents=True, exist_ok=True)
    summary = ["# Summary", ""]
    total = code_no = formula_no = 0
    for chapter in range(1, args.chapters + 1):
        target = args.chars * chapter // args.chapters - total
        text = gen_book.chapter_text(rng, chapter, target, sentences, titles, 0)
        total += gen_book.han_count(text)
        paragraphs = text.split("\n\n")
        inserts: list[str] = []
        for _ in range(args.code * chapter // args.chapters - code_no):
            code_no += 1
            inserts.append(code_block(rng, code_no))
        pieces = 0
        while formula_no < args.formulas * chapter // args.chapters:
            pieces += 1
            room = args.formulas * chapter // args.chapters - formula_no
            text, count = formula(rng, pieces, room)
            formula_no += count
            inserts.append(text)
        rng.shuffle(inserts)
        step = max(1, (len(paragraphs) - 1) // (len(inserts) + 1))
        for i, insert in enumerate(inserts):
            paragraphs.insert(min(len(paragraphs), 1 + (i + 1) * step + i), insert)
        name = f"ch{chapter:02d}.md"
        (out / "src" / name).write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
        summary.append(f"- [{paragraphs[0].lstrip('# ').strip()}]({name})")
    (out / "src" / "SUMMARY.md").write_text("\n".join(summary) + "\n", encoding="utf-8")
    (out / "book.toml").write_text(
        f"# Generated by bench/gen_techbook.py --chars {args.chars} --code {args.code} "
        f"--formulas {args.formulas} --seed {args.seed}\n"
        '[book]\ntitle = "基准技术书"\nauthors = ["folio bench"]\nlanguage = "zh-CN"\nsrc = "src"\n',
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()

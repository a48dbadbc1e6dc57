//! Math in both outputs: a real Chinese textbook excerpt (d2l-zh, in
//! `tests/corpus/zh-math`) and a file with every construct folio
//! typesets, checked as MathML in the EPUB and by glyph positions in the
//! PDF.

mod common;
#[allow(dead_code)]
mod pdf_tools;

use std::path::{Path, PathBuf};

use common::{assert_epub_valid, epub_entries, folio, repo, stderr, written};
use pdf_tools::{assert_qpdf_clean, glyphs, Glyph};

const MATH_FONT: &str = "FolioMath-Regular";

/// The four chapter files of zh-math as one folder book (their `../img/`
/// figures copied beside them as `img/`).
fn zh_math_book(dir: &Path) -> PathBuf {
    let corpus = repo().join("tests/corpus/zh-math");
    let book = dir.join("book");
    std::fs::create_dir_all(book.join("img")).unwrap();
    let files = [
        "chapter_preliminaries/probability.md",
        "chapter_linear-networks/index.md",
        "chapter_linear-networks/linear-regression.md",
        "chapter_linear-networks/softmax-regression.md",
    ];
    for (i, f) in files.iter().enumerate() {
        let text = std::fs::read_to_string(corpus.join(f)).unwrap();
        std::fs::write(
            book.join(format!("{i}.md")),
            text.replace("../img/", "img/"),
        )
        .unwrap();
    }
    for img in std::fs::read_dir(corpus.join("img")).unwrap().flatten() {
        std::fs::copy(img.path(), book.join("img").join(img.file_name())).unwrap();
    }
    book
}

fn build(source: &Path, out: &Path) -> String {
    let output = folio(
        &repo(),
        &[
            "build",
            source.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--no-system-fonts",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    stderr(&output)
}

/// The chapter documents of an EPUB: (name, XHTML).
fn documents(epub: &Path) -> Vec<(String, String)> {
    epub_entries(epub)
        .into_iter()
        .filter(|(name, _)| name.ends_with(".xhtml"))
        .map(|(name, data)| (name, String::from_utf8(data).unwrap()))
        .collect()
}

/// `xhtml` without its `alttext` attributes.
fn without_alttext(xhtml: &str) -> String {
    let mut out = String::new();
    let mut rest = xhtml;
    while let Some(at) = rest.find(" alttext=\"") {
        out.push_str(&rest[..at]);
        rest = &rest[at + 10..];
        rest = &rest[rest.find('"').map_or(rest.len(), |e| e + 1)..];
    }
    out.push_str(rest);
    out
}

#[test]
fn zh_math_sets_every_formula_in_both_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let book = zh_math_book(dir.path());
    let out = dir.path().join("out");
    let warnings = build(&book, &out);
    assert!(!warnings.contains("TeX"), "{warnings}");
    let epub = written(&out, "epub");
    let docs = documents(&epub);
    let all: String = docs.iter().map(|(_, x)| x.as_str()).collect();
    // The corpus README counts 38 display and 365 inline formulas; five
    // of the inline ones are in an image's alt text (an attribute, which
    // holds them as plain text).
    assert_eq!(all.matches("<math ").count(), 38 + 365 - 5);
    assert!(all.contains(
        "alt=\"不同分辨率的图像 (10 × 10, 20 × 20, 40 × 40, 80 × 80, 和 160 × 160 pixels)\""
    ));
    assert_eq!(
        all.matches("<math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\"block\"")
            .count(),
        38
    );
    assert!(all.matches("<mfrac>").count() >= 34);
    let shown = without_alttext(&all);
    assert!(
        !shown.contains("$\\") && !shown.contains("\\frac"),
        "raw TeX in the EPUB text"
    );
    // Every document with MathML says so in the package.
    let opf = epub_entries(&epub)
        .into_iter()
        .find(|(n, _)| n.ends_with("content.opf"))
        .map(|(_, d)| String::from_utf8(d).unwrap())
        .unwrap();
    for (name, xhtml) in &docs {
        let file = name.rsplit('/').next().unwrap();
        let marked = opf.contains(&format!("href=\"{file}\" properties=\"mathml\""));
        assert_eq!(xhtml.contains("<math "), marked, "{file}");
    }
    assert_epub_valid(&epub);

    let pdf = written(&out, "pdf");
    assert_qpdf_clean(&pdf);
    let text = common::run("pdftotext", &["-enc", "UTF-8", pdf.to_str().unwrap(), "-"]);
    assert!(text.contains("线性回归"));
    assert!(
        !text.contains("$\\") && !text.contains("\\frac"),
        "raw TeX in the PDF"
    );
    let Some(gs) = glyphs(&pdf) else { return };
    let math: Vec<&Glyph> = gs.iter().filter(|g| g.font == MATH_FONT).collect();
    assert!(math.len() > 2500, "{} math glyphs", math.len());
    assert!(
        math.iter().all(|g| g.gid != 0),
        "{:?}",
        pdf_tools::tofu(&gs)
    );
}

const CONSTRUCTS: &str = r#"---
title: 公式
lang: zh-CN
---

# 公式

甲$\frac{p}{q}$乙$m^{k}$丙$u_{v}$丁，价格是$20和$30，还有\(\alpha+\beta\)。

这一段文字很长，足以排满两行以上，好让测试知道版心的左右边界在哪里。这一段文字很长，足以排满两行以上，好让测试知道版心的左右边界在哪里。

$$\sum_{i=1}^{n} i = \frac{n(n+1)}{2} \tag{1.1}$$

$$\left( \frac{1}{1+\frac{1}{x}} \right) \bigl[ a \bigr] \Big\{ b \Big\} (c)$$

\[ \sqrt{x^2+1} + \sqrt[3]{8} + \hat{y} + \bar{x} + \vec{v} + \overline{AB} + \widehat{xyz} \]

$$\mathbf{x} \in \mathbb{R}^d, \mathcal{L}, \mathrm{d}x, \boldsymbol{\theta}, \text{损失函数}$$

$$f(x) = \begin{cases} 1 & x > 0 \\ 0 & \text{否则} \end{cases}$$

$$\begin{pmatrix} a & b \\ c & d \end{pmatrix} \begin{bmatrix} 1 & 0 \\ 0 & 1 \end{bmatrix} \begin{matrix} x & y \end{matrix}$$

$$\begin{aligned} a &= b + c \\ &= d \end{aligned} \quad \begin{gathered} x = 1 \\ y = 2 \end{gathered} \quad \begin{array}{lr} 1 & 2 \end{array}$$

$$\newcommand{\R}{\mathbb{R}} \R, \operatorname{softmax}(o), \operatorname*{argmax}_j y_j, \lim_{n\to\infty} a_n, a\,b\;c\quad d\!e$$

```math
E = mc^2
```

未知命令$\foo{x}$照原样。
"#;

#[test]
fn every_construct_in_the_epub_and_the_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("math.md");
    std::fs::write(&src, CONSTRUCTS).unwrap();
    let out = dir.path().join("out");
    let warnings = build(&src, &out);
    // The unknown command: one warning with file and line, naming it.
    assert!(
        warnings.contains("unsupported TeX command \\foo"),
        "{warnings}"
    );
    assert!(warnings.contains("math.md:32"), "{warnings}");
    assert_eq!(warnings.matches("warning:").count(), 1, "{warnings}");

    let epub = written(&out, "epub");
    let xhtml: String = documents(&epub).into_iter().map(|(_, x)| x).collect();
    for want in [
        "<mfrac><mi>p</mi><mi>q</mi></mfrac>",
        "<msup><mi>m</mi><mi>k</mi></msup>",
        "<msub><mi>u</mi><mi>v</mi></msub>",
        "价格是$20和$30",
        "alttext=\"\\alpha+\\beta\"",
        "<munderover><mo largeop=\"true\" movablelimits=\"true\">∑</mo>",
        "<span class=\"eqno\">(1.1)</span>",
        "<mo fence=\"true\" stretchy=\"true\">(</mo>",
        "minsize=\"1.2em\"",
        "<msqrt>",
        "<mroot>",
        "<mover accent=\"true\">",
        "<mi>𝐱</mi>",
        "<mi>ℝ</mi>",
        "<mi>ℒ</mi>",
        "<mi mathvariant=\"normal\">d</mi>",
        "<mi>𝜽</mi>",
        "<mtext>损失函数</mtext>",
        "<mtext>否则</mtext>",
        "<mtable columnalign=\"left left\"",
        "<mo fence=\"true\" stretchy=\"true\">[</mo>",
        "columnalign=\"right left\"",
        "<mi>softmax</mi>",
        "<mo movablelimits=\"true\">argmax</mo>",
        "<mspace width=\"0.167em\"/>",
        "alttext=\"E = mc^2\"",
        "<code class=\"math\">\\foo{x}</code>",
    ] {
        assert!(xhtml.contains(want), "the EPUB lacks {want}");
    }
    let css = epub_entries(&epub)
        .into_iter()
        .find(|(n, _)| n.ends_with(".css"))
        .map(|(_, d)| String::from_utf8(d).unwrap())
        .unwrap();
    assert!(css.contains("div.math .eqno"));
    // 3 inline + 1 bracket + 8 display + the fence.
    assert_eq!(xhtml.matches("<math ").count(), 4 + 9);

    let pdf = written(&out, "pdf");
    assert_qpdf_clean(&pdf);
    let Some(gs) = glyphs(&pdf) else { return };
    assert!(
        pdf_tools::tofu(&gs).is_empty(),
        "{:?}",
        pdf_tools::tofu(&gs)
    );
    let math = |c: &str| -> &Glyph {
        gs.iter()
            .find(|g| g.font == MATH_FONT && g.c == c)
            .unwrap_or_else(|| panic!("no math glyph {c}"))
    };
    // A fraction's numerator above its denominator, both smaller inline.
    let (p, q) = (math("p"), math("q"));
    assert!(p.y < q.y - 3.0, "p at {}, q at {}", p.y, q.y);
    assert!((p.x - q.x).abs() < 2.0);
    // A superscript raised and smaller, a subscript lowered.
    let (m, k) = (math("m"), math("k"));
    assert!(k.y < m.y - 2.0 && k.size < m.size, "{m:?} {k:?}");
    let (u, v) = (math("u"), math("v"));
    assert!(v.y > u.y + 1.0 && v.size < u.size, "{u:?} {v:?}");
    // The quarter em between Han and the formula.
    let han = gs.iter().find(|g| g.c == "甲").unwrap();
    let gap = p.x.min(q.x) - (han.x + han.w);
    assert!(gap > 0.2 * han.size, "gap {gap}");
    // A stretched parenthesis is another (bigger) glyph than a plain one.
    let parens: Vec<&Glyph> = gs
        .iter()
        .filter(|g| g.font == MATH_FONT && g.c == "(")
        .collect();
    assert!(parens.iter().any(|g| g.gid != parens.last().unwrap().gid));
    // The display sum is centred; its tag sits at the right margin.
    let sigma = math("∑");
    let page: Vec<&Glyph> = gs.iter().filter(|g| g.page == sigma.page).collect();
    let body = |g: &&&Glyph| g.font.starts_with("FolioSerifSC");
    let left = page
        .iter()
        .filter(body)
        .map(|g| g.x)
        .fold(f32::MAX, f32::min);
    let right = page
        .iter()
        .filter(body)
        .map(|g| g.x + g.w)
        .fold(0.0, f32::max);
    let row: Vec<&&Glyph> = page
        .iter()
        .filter(|g| g.font == MATH_FONT && (g.y - sigma.y).abs() < 15.0)
        .collect();
    let min = row.iter().map(|g| g.x).fold(f32::MAX, f32::min);
    let max = row.iter().map(|g| g.x + g.w).fold(0.0, f32::max);
    let centre = (min + max) / 2.0;
    assert!(
        (centre - (left + right) / 2.0).abs() < 6.0,
        "formula centre {centre}, text {left}–{right}"
    );
    let tag = page
        .iter()
        .filter(|g| g.c == ")")
        .map(|g| g.x + g.w)
        .fold(0.0, f32::max);
    assert!(
        (tag - right).abs() < 3.0,
        "tag ends at {tag}, text at {right}"
    );
    // pdftotext gives the formula's characters back.
    let text: String = common::run("pdftotext", &["-enc", "UTF-8", pdf.to_str().unwrap(), "-"])
        .split_whitespace()
        .collect();
    assert!(text.contains("E=mc2"), "{text}");
    assert!(text.contains("\\foo{x}"));
}

#[test]
fn hostile_math_builds() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("hostile.md");
    let braces = format!("${}x{}$", "{".repeat(5000), "}".repeat(5000));
    let fracs = format!("$${}1{}$$", r"\frac{1}{".repeat(5000), "}".repeat(5000));
    let long = format!("$${}$$", "x+".repeat(500_000));
    let md = format!("# 题\n\n{braces}\n\n{fracs}\n\n{long}\n\n$\\left( x$ 与 $x \\right)$\n");
    std::fs::write(&src, md).unwrap();
    let out = dir.path().join("out");
    let start = std::time::Instant::now();
    let warnings = build(&src, &out);
    assert!(start.elapsed().as_secs() < 30);
    assert!(warnings.contains("nested deeper"), "{warnings}");
    assert!(warnings.contains("longer than"), "{warnings}");
    assert!(warnings.contains("\\left without \\right"), "{warnings}");
}

#[test]
fn an_aligned_taller_than_the_page_breaks_between_rows() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("tall.md");
    let rows: Vec<String> = (0..120)
        .map(|i| format!("a_{{{i}}} &= b_{{{i}}}"))
        .collect();
    let md = format!(
        "# 题\n\n$$\\begin{{aligned}}{}\\end{{aligned}} \\tag{{9.9}}$$\n\n后文。\n",
        rows.join(r" \\ ")
    );
    std::fs::write(&src, md).unwrap();
    let out = dir.path().join("out");
    build(&src, &out);
    let pdf = written(&out, "pdf");
    let text = common::run("pdftotext", &["-enc", "UTF-8", pdf.to_str().unwrap(), "-"]);
    // Every row is on some page, none lost below a page's foot.
    assert_eq!(text.matches('=').count(), 120);
    let Some(gs) = glyphs(&pdf) else { return };
    let pages: std::collections::BTreeSet<usize> = gs
        .iter()
        .filter(|g| g.font == MATH_FONT && g.c == "=")
        .map(|g| g.page)
        .collect();
    assert!(pages.len() >= 3, "{pages:?}");
    assert!(
        gs.iter().all(|g| g.y > 0.0 && g.y < 600.0),
        "a glyph off the page"
    );
    // The number sits at the right of the last row, on its baseline.
    let last = gs
        .iter()
        .filter(|g| g.font == MATH_FONT && g.c == "=")
        .max_by(|a, b| (a.page, a.y).partial_cmp(&(b.page, b.y)).unwrap())
        .unwrap();
    let mut right_of_last: Vec<&Glyph> = gs
        .iter()
        .filter(|g| g.page == last.page && (g.y - last.y).abs() < 2.0 && g.x > last.x + 20.0)
        .collect();
    right_of_last.sort_by(|a, b| a.x.total_cmp(&b.x));
    let tag: String = right_of_last.iter().map(|g| g.c.as_str()).collect();
    assert_eq!(tag, "(9.9)", "the tag right of the last row");
    let tags = gs
        .iter()
        .filter(|g| g.c == "(" && g.font != MATH_FONT)
        .count();
    assert_eq!(tags, 1, "one tag");
}

#[test]
fn an_inline_formula_wider_than_the_line_is_drawn_to_fit() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("wide.md");
    let terms: Vec<String> = (0..120).map(|i| format!("x_{{{i}}}")).collect();
    let long = "这一段文字很长，足以排满两行以上，好让测试知道版心的左右边界在哪里。".repeat(2);
    std::fs::write(
        &src,
        format!("# 题\n\n{long}文字${}$文字。\n", terms.join("+")),
    )
    .unwrap();
    let out = dir.path().join("out");
    build(&src, &out);
    let Some(gs) = glyphs(&written(&out, "pdf")) else {
        return;
    };
    let right = gs
        .iter()
        .filter(|g| g.font == "FolioSerifSC-Regular")
        .map(|g| g.x + g.w)
        .fold(0.0, f32::max);
    let math_right = gs
        .iter()
        .filter(|g| g.font == MATH_FONT)
        .map(|g| g.x + g.w)
        .fold(0.0, f32::max);
    assert!(
        math_right > 0.0 && math_right <= right + 1.0,
        "{math_right} past {right}"
    );
}

#[test]
fn colour_frames_rules_and_macros_across_chapters() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book");
    std::fs::create_dir_all(&book).unwrap();
    std::fs::write(
        book.join("1.md"),
        "# 定义\n\n$$\\newcommand{\\R}{\\mathbb{R}}\\DeclareMathOperator{\\sgn}{sgn}$$\n\n\
         设 $x \\in \\R$。\n",
    )
    .unwrap();
    std::fs::write(
        book.join("2.md"),
        "# 使用\n\n向量 $v \\in \\R^n$，$\\sgn x$。\n\n\
         $$\\boxed{E = mc^2}$$\n\n\
         红色：$\\color{red} y = a \\over b$ 结束。\n\n\
         $$\\begin{array}{c|c}\\hline p & q \\\\ \\hline r & s \\\\ \\hline\\end{array}$$\n\n\
         $a\\hspace{2em}b\\kern3mu c$\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let warnings = build(&book, &out);
    assert!(!warnings.contains("unsupported"), "{warnings}");
    assert!(!warnings.contains("TeX"), "{warnings}");

    let epub = written(&out, "epub");
    assert_epub_valid(&epub);
    let docs = documents(&epub);
    let second = &docs
        .iter()
        .find(|(_, x)| x.contains("使用"))
        .expect("the second chapter")
        .1;
    let body = without_alttext(second);
    assert!(
        body.contains("<mi>ℝ</mi>"),
        "the first file's macro: {body}"
    );
    assert!(body.contains("<mi>sgn</mi>"), "{body}");
    assert!(body.contains("<menclose notation=\"box\">"), "{body}");
    assert!(body.contains("<mstyle mathcolor=\"#ff0000\">"), "{body}");
    assert!(body.contains("<mfrac>"), "\\over is a fraction: {body}");
    assert!(
        body.contains("rowlines=\"solid\" columnlines=\"solid\""),
        "{body}"
    );
    assert!(body.contains("<mspace width=\"2.000em\"/>"), "{body}");
    assert!(
        !body.contains("\\over") && !body.contains("\\boxed"),
        "{body}"
    );

    let pdf = written(&out, "pdf");
    assert_qpdf_clean(&pdf);
    let Some(all) = glyphs(&pdf) else { return };
    let math: Vec<&Glyph> = all.iter().filter(|g| g.font == MATH_FONT).collect();
    assert!(math.iter().all(|g| g.gid != 0), "no math glyph is a box");
    // ℝ copies as the R written inside \mathbb.
    assert!(
        math.iter().filter(|g| g.c == "R").count() >= 2,
        "ℝ in both chapters"
    );
    // What a reader sees: the coloured formula is red on the page, and the
    // frame of \boxed stands left of its E.
    let e = math.iter().find(|g| g.c == "E").expect("the boxed E");
    let dpi = 144;
    let (width, _, pixels) = pdf_tools::render_page(&pdf, e.page, dpi);
    let px = |x: f32, y: f32| {
        pixels[(y * dpi as f32 / 72.0) as usize * width + (x * dpi as f32 / 72.0) as usize]
    };
    let red = pixels
        .iter()
        .filter(|p| p[0] > 180 && p[1] < 90 && p[2] < 90)
        .count();
    assert!(
        red > 40,
        "{red} red pixels on the page of the coloured formula"
    );
    let frame = (1..=12).any(|d| {
        let p = px(e.x - d as f32, e.y - 0.3 * e.size);
        p.iter().all(|&c| c < 110)
    });
    assert!(frame, "a dark frame line within 12 pt left of E");
    // The three \hline rules cross the first column: above p, between p
    // and r, under r (the letters' own ink is not counted).
    let p = math.iter().find(|g| g.c == "p").expect("the array's p");
    let r = math.iter().find(|g| g.c == "r").expect("the array's r");
    let x = p.x + p.w / 2.0;
    let in_letter = |y: f32| {
        [p, r]
            .iter()
            .any(|g| y > g.y - 0.75 * g.size && y < g.y + 0.25 * g.size)
    };
    let mut lines = 0;
    let mut dark = false;
    let mut y = p.y - 2.0 * p.size;
    while y < r.y + p.size {
        let now = !in_letter(y) && px(x, y).iter().all(|&c| c < 110);
        if now && !dark {
            lines += 1;
        }
        dark = now;
        y += 0.25;
    }
    assert_eq!(lines, 3, "dark rules down the first column");
}

//! The PDF is tagged (PDF/UA-1): the sample book and its handout pass the
//! `pdfua` checker and qpdf, and their structure trees, read back from the
//! written files (tests/tools/pdftags.py reads each element's marked
//! content through the fonts' ToUnicode maps, as a screen reader does),
//! hold every paragraph as a `P` in reading order and every chapter title
//! as a heading. A small book shows the rest: a span's language, a
//! figure's and a formula's alternative text, tables, lists and links.

mod common;
#[allow(dead_code)]
mod pdf_tools;

use std::path::{Path, PathBuf};

use common::{folio, squash, stderr};

/// One structure element, as tests/tools/pdftags.py prints it.
#[derive(Debug, serde::Deserialize)]
struct Element {
    role: String,
    depth: usize,
    lang: Option<String>,
    alt: Option<String>,
    scope: Option<String>,
    text: String,
    links: usize,
    contents: Vec<String>,
}

/// The structure tree of `pdf` in reading order; `None` (after a loud
/// message) where pikepdf, which `pdfua` brings, is not installed.
fn tree(pdf: &Path) -> Option<Vec<Element>> {
    if !common::have("pdfua") {
        return None;
    }
    let script = common::repo().join("tests/tools/pdftags.py");
    let out = common::run("python3", &[script.to_str()?, pdf.to_str()?]);
    Some(
        out.lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
            .collect(),
    )
}

/// The sample built with `args` into a folder kept alive by the caller.
fn sample(args: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let mut all = vec!["--format", "pdf"];
    all.extend_from_slice(args);
    common::build_sample(dir.path(), &all);
    let pdf = dir.path().join("dist/huang-renxun-interview.pdf");
    (dir, pdf)
}

/// Runs `pdfua check` once on all of `pdfs` and asserts it found nothing
/// and skipped no rule.
fn assert_pdfua_clean(pdfs: &[&Path]) {
    if !common::have("pdfua") {
        return;
    }
    let mut args = vec!["check"];
    args.extend(pdfs.iter().map(|p| p.to_str().unwrap()));
    let out = std::process::Command::new("pdfua")
        .args(&args)
        .output()
        .expect("run pdfua");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "pdfua found problems:\n{report}");
    assert_eq!(
        report.matches("errors=0 warnings=0 info=0").count(),
        pdfs.len(),
        "{report}"
    );
    assert!(
        !report.contains("not evaluated"),
        "a rule did not run:\n{report}"
    );
}

/// The chapter titles of the sample, in book order (the first `# ` line
/// of each chapter file).
fn chapter_titles() -> Vec<String> {
    let manuscript = common::repo().join("manuscript");
    let mut files = vec!["introduction.md".to_string()];
    files.extend((1..=9).map(|n| format!("{n:02}.md")));
    files
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(manuscript.join(f)).unwrap();
            let title = text.lines().find(|l| l.starts_with("# ")).unwrap();
            title.trim_start_matches('#').trim().to_string()
        })
        .collect()
}

/// Every body paragraph of the seed is the text of a `P` (or a title's
/// `H1`), in reading order; every chapter title is an `H1`, in order; the note is a `Note`.
fn assert_reading_order(elements: &[Element], what: &str) {
    // The seed's lines are the paragraphs and the chapter titles (a
    // title's number, `1`, is a line of its own there).
    let read: Vec<(bool, String)> = elements
        .iter()
        .filter(|e| e.role == "P" || e.role == "H1")
        .map(|e| (e.role == "H1", squash(&e.text)))
        .collect();
    let mut at = 0;
    for paragraph in common::seed_parts().body {
        let p = squash(&paragraph);
        let found = read[at..]
            .iter()
            .position(|(heading, t)| if *heading { t.contains(&p) } else { *t == p });
        match found {
            Some(found) if read[at + found].0 => at += found,
            Some(found) => at += found + 1,
            None => panic!("{what}: no P or H1 (in reading order) reads {paragraph}"),
        }
    }
    let headings: Vec<String> = elements
        .iter()
        .filter(|e| e.role == "H1")
        .map(|e| squash(&e.text))
        .collect();
    let mut at = 0;
    for title in chapter_titles() {
        let t = squash(&title);
        match headings[at..].iter().position(|h| *h == t) {
            Some(found) => at += found + 1,
            None => panic!("{what}: chapter title {title} is no H1 in order: {headings:?}"),
        }
    }
    let note = squash(&common::seed_parts().note);
    assert!(
        elements
            .iter()
            .any(|e| e.role == "Note" && squash(&e.text).contains(&note)),
        "{what}: the note is a Note"
    );
    assert!(
        elements
            .iter()
            .any(|e| e.role == "Reference" && e.text.trim() == "1"),
        "{what}: the note mark in the text is a Reference"
    );
    for link in elements.iter().filter(|e| e.role == "Link") {
        assert_eq!(link.links, 1, "{what}: a Link holds its annotation");
        assert!(
            link.contents.iter().all(|c| !c.trim().is_empty()),
            "{what}: a link annotation without /Contents: {link:?}"
        );
    }
}

#[test]
fn the_sample_and_its_handout_are_tagged_in_reading_order() {
    let (_a, book) = sample(&[]);
    let (_b, handout) = sample(&["--handout"]);
    assert_pdfua_clean(&[&book, &handout]);
    pdf_tools::assert_qpdf_clean(&book);
    pdf_tools::assert_qpdf_clean(&handout);
    let Some(elements) = tree(&book) else { return };
    assert_eq!(elements[0].role, "Document");
    assert_reading_order(&elements, "book");
    // The contents page: a TOC of one TOCI per entry, each a link.
    let toci: Vec<&Element> = elements.iter().filter(|e| e.role == "TOCI").collect();
    assert_eq!(toci.len(), chapter_titles().len() + 2, "copyright, notes");
    assert!(toci.iter().all(|e| e.contents.len() == 1), "{toci:?}");
    // Running heads (the book's title on every verso) and page numbers
    // are artifacts: the title is read once, on the title page.
    let title = squash("黄仁勋最新对话直面争议,中国科技仅慢“纳秒”");
    let read_as_title = elements.iter().filter(|e| squash(&e.text) == title);
    assert_eq!(
        read_as_title.map(|e| e.role.as_str()).collect::<Vec<_>>(),
        ["P"]
    );
    let handout_tree = tree(&handout).expect("pikepdf");
    assert_reading_order(&handout_tree, "handout");
    assert!(!handout_tree.iter().any(|e| e.role == "TOC"));
}

const BOOK_TOML: &str = "[book]\ntitle = \"标签\"\nlanguage = \"zh-CN\"\n";

/// One chapter with a figure, formulas, a table, lists, a quote, code,
/// links and a Japanese span and div.
const CHAPTER: &str = r#"# 第一章

直书其事，<span lang="ja">直</span>。

<div lang="ja">
直
</div>

![一张照片](photo.jpg)

![](photo.jpg)

勾股定理 $a^2+b^2=c^2$ 成立。

$$
E = mc^2
$$

| 名称 | 数量 |
|------|------|
| 甲   | 1    |

1. 第一
2. 第二

> 引文。

```
let x = 1;
```

见[例子](https://example.com/)。
"#;

fn small_book() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book");
    std::fs::create_dir_all(&book).unwrap();
    std::fs::write(book.join("book.toml"), BOOK_TOML).unwrap();
    std::fs::write(book.join("01.md"), CHAPTER).unwrap();
    let photo = common::repo().join("tests/data/images/photo.jpg");
    std::fs::copy(photo, book.join("photo.jpg")).unwrap();
    let out = folio(
        dir.path(),
        &[
            "build",
            "book",
            "-o",
            "dist",
            "--format",
            "pdf",
            "--no-system-fonts",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = common::written(&dir.path().join("dist"), "pdf");
    (dir, pdf)
}

fn find<'e>(elements: &'e [Element], role: &str) -> Vec<&'e Element> {
    elements.iter().filter(|e| e.role == role).collect()
}

#[test]
fn spans_figures_formulas_tables_lists_and_links_are_tagged() {
    let (_dir, pdf) = small_book();
    assert_pdfua_clean(&[&pdf]);
    pdf_tools::assert_qpdf_clean(&pdf);
    let Some(elements) = tree(&pdf) else { return };
    let spans = find(&elements, "Span");
    assert!(
        spans
            .iter()
            .any(|s| s.lang.as_deref() == Some("ja") && s.text == "直"),
        "the Japanese span is a Span with /Lang (ja): {spans:?}"
    );
    let divs = find(&elements, "Div");
    assert!(
        divs.iter()
            .any(|d| d.lang.as_deref() == Some("ja") && squash(&d.text) == "直"),
        "{divs:?}"
    );
    // Nothing else says its language: the rest is the catalog's zh-CN.
    assert_eq!(
        elements.iter().filter(|e| e.lang.is_some()).count(),
        2,
        "{elements:?}"
    );
    let figures = find(&elements, "Figure");
    assert_eq!(figures.len(), 1, "the image without alt is an artifact");
    assert_eq!(figures[0].alt.as_deref(), Some("一张照片"));
    let formulas = find(&elements, "Formula");
    let alts: Vec<&str> = formulas.iter().filter_map(|f| f.alt.as_deref()).collect();
    assert_eq!(alts, ["a^2+b^2=c^2", "E = mc^2"], "{formulas:?}");
    let th = find(&elements, "TH");
    assert_eq!(th.len(), 2);
    assert!(th.iter().all(|c| c.scope.as_deref() == Some("Column")));
    assert_eq!(squash(&find(&elements, "TD")[0].text), "甲");
    assert_eq!(find(&elements, "TR").len(), 2);
    let labels: Vec<&str> = find(&elements, "Lbl")
        .iter()
        .map(|l| l.text.as_str())
        .collect();
    assert_eq!(labels, ["1.", "2."]);
    assert_eq!(find(&elements, "LBody")[1].text, "第二");
    assert_eq!(squash(&find(&elements, "BlockQuote")[0].text), "引文。");
    assert_eq!(squash(&find(&elements, "Code")[0].text), "letx=1;");
    let links: Vec<&str> = find(&elements, "Link")
        .iter()
        .flat_map(|l| l.contents.iter().map(String::as_str))
        .collect();
    assert_eq!(
        links,
        ["第一章1", "例子"],
        "the contents entry and the link"
    );
    // A heading per chapter, inside its section.
    let h1 = elements
        .iter()
        .position(|e| e.role == "H1" && e.text == "第一章")
        .expect("the chapter title is an H1");
    assert_eq!(elements[h1].text, "第一章");
    assert_eq!(elements[h1 - 1].role, "Sect");
    assert!(elements[h1].depth > elements[h1 - 1].depth);
}

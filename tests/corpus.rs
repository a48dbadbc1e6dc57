//! Every book of `tests/corpus/` built in both formats and read as a reader
//! reads it (issue 10, point 8): no Markdown, mdBook, GitHub or pandoc
//! source leaks into the text of either output, and the images, links,
//! lists and notes the corpus README counts in the sources are all there.
//!
//! Each book is built once; the checks of one book run on that build. A
//! leak is counted outside code (code blocks and inline code may show any
//! syntax on purpose): in the EPUB by removing `<pre>` and `<code>`
//! elements first; in the PDF, whose text has no markup, by allowing no
//! more occurrences than the EPUB's code holds.

mod common;
#[allow(dead_code)]
mod pdf_tools;

use std::path::{Path, PathBuf};

use common::{epub_entries, folio, repo, stderr, written};

/// What one corpus book's outputs hold, for the checks.
struct Built {
    name: &'static str,
    /// Every XHTML content document, concatenated.
    xhtml: String,
    /// The same without `<pre>` and `<code>` elements.
    prose: String,
    /// `pdftotext` of the whole PDF (empty when poppler is missing).
    pdf: String,
    /// Files in the EPUB.
    entries: Vec<String>,
    epub: PathBuf,
    pdf_path: PathBuf,
    _out: tempfile::TempDir,
}

fn corpus(rel: &str) -> PathBuf {
    repo().join("tests/corpus").join(rel)
}

fn build(name: &'static str, input: &Path) -> Built {
    let out = tempfile::tempdir().unwrap();
    let output = folio(
        &repo(),
        &[
            "build",
            input.to_str().unwrap(),
            "-o",
            out.path().to_str().unwrap(),
            "--no-system-fonts",
        ],
    );
    assert!(output.status.success(), "{name}: {}", stderr(&output));
    let epub = written(out.path(), "epub");
    let pdf_path = written(out.path(), "pdf");
    let entries = epub_entries(&epub);
    let xhtml: String = entries
        .iter()
        // The cover page shows the cover image, which is not in the text.
        .filter(|(n, _)| n.ends_with(".xhtml") && !n.ends_with("cover.xhtml"))
        .map(|(_, d)| String::from_utf8_lossy(d).into_owned())
        .collect();
    let pdf = if common::have("pdftotext") {
        common::run(
            "pdftotext",
            &["-enc", "UTF-8", pdf_path.to_str().unwrap(), "-"],
        )
    } else {
        String::new()
    };
    Built {
        name,
        prose: without_code(&xhtml),
        xhtml,
        pdf,
        entries: entries.into_iter().map(|(n, _)| n).collect(),
        epub,
        pdf_path,
        _out: out,
    }
}

/// `xhtml` with every `<pre>…</pre>` and `<code>…</code>` removed.
fn without_code(xhtml: &str) -> String {
    let mut out = xhtml.to_string();
    for (open, close) in [("<pre", "</pre>"), ("<code", "</code>")] {
        let mut kept = String::with_capacity(out.len());
        let mut rest = out.as_str();
        while let Some(start) = rest.find(open) {
            kept.push_str(&rest[..start]);
            match rest[start..].find(close) {
                Some(end) => rest = &rest[start + end + close.len()..],
                None => rest = "",
            }
        }
        kept.push_str(rest);
        out = kept;
    }
    out
}

/// Text as the reader sees it: tags removed, entities of markup resolved.
fn text_of(xhtml: &str) -> String {
    let mut out = String::with_capacity(xhtml.len());
    let mut in_tag = false;
    for c in xhtml.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// Source syntax a reader must never see as text.
const LEAKS: &[&str] = &[
    "{{#",
    "[!NOTE]",
    "[!TIP]",
    "[!IMPORTANT]",
    "[!WARNING]",
    "[!CAUTION]",
    ":::",
    "{.",
    "{#",
    "^[",
    "+----",
    "+====",
    "](",
    "<img",
    "<div",
    "<details",
    "<summary",
    "<span",
    "<ruby",
    "<br",
    "<p ",
    "<p>",
    "&nbsp;",
];

impl Built {
    /// Every leak pattern found outside code, with counts, for one message.
    fn leaks(&self, extra: &[&str]) -> Vec<String> {
        let prose = text_of(&self.prose);
        let code = text_of(&self.xhtml);
        let mut found = Vec::new();
        for pattern in LEAKS.iter().chain(extra) {
            let in_prose = prose.matches(pattern).count();
            let in_all = code.matches(pattern).count();
            let in_code = in_all - in_prose.min(in_all);
            let in_pdf = self.pdf.matches(pattern).count();
            if in_prose > 0 {
                found.push(format!("EPUB text shows `{pattern}` {in_prose}×"));
            }
            if in_pdf > in_code {
                found.push(format!(
                    "PDF text shows `{pattern}` {in_pdf}× ({in_code} in code)"
                ));
            }
        }
        found
    }

    fn assert_no_leaks(&self, extra: &[&str]) {
        let leaks = self.leaks(extra);
        assert!(leaks.is_empty(), "{}: {}", self.name, leaks.join("; "));
    }

    fn count(&self, needle: &str) -> usize {
        self.xhtml.matches(needle).count()
    }
}

#[test]
fn mdbooks_keep_their_listings_figures_and_links() {
    for (name, images) in [("zh-mdbook", 16), ("zh-hant-mdbook", 4), ("ko-tech", 0)] {
        let book = build(name, &corpus(name));
        book.assert_no_leaks(&["$\\"]);
        assert_eq!(book.count("<img "), images, "{name}: images in the EPUB");
        let image_files = book
            .entries
            .iter()
            .filter(|n| n.contains("images/") && !n.ends_with(".xhtml"))
            .count();
        assert!(
            image_files >= images.min(1),
            "{name}: image files {image_files}"
        );
        // Included listings are code, not directives.
        assert!(book.count("<pre") > 20, "{name}: listings");
        // (The listings are highlighted: their text is split into spans.)
        let code = common::without_spans(&book.xhtml);
        assert!(
            code.matches("fn main()").count() > 5,
            "{name}: included code"
        );
        // The Rust book's caption lines: under an image, its figure's
        // caption; under a listing, a caption line.
        let (figure, listing) = match name {
            "zh-mdbook" => (
                "<figcaption>图 14-1：",
                "<span class=\"caption\">示例 14-1：",
            ),
            "zh-hant-mdbook" => (
                "<figcaption>圖示 15-3：",
                "<span class=\"caption\">範例 15-17：",
            ),
            _ => ("", ""),
        };
        assert!(book.xhtml.contains(figure), "{name}: {figure}");
        assert!(book.xhtml.contains(listing), "{name}: {listing}");
        common::assert_epub_valid(&book.epub);
        pdf_tools_check(&book);
    }
}

#[test]
fn zh_mdbook_links_between_chapters_resolve() {
    let book = build("zh-mdbook", &corpus("zh-mdbook"));
    // 7 of the 21 `.html` links point at chapters of the excerpt.
    let internal = book.xhtml.matches("<a href=\"ch").count();
    assert!(internal >= 7, "links into the excerpt: {internal}");
    assert!(
        !book.prose.contains(".html#"),
        "an mdBook link left as written"
    );
}

#[test]
fn japanese_novel_keeps_its_images_and_ruby() {
    let book = build("ja-novel", &corpus("ja-novel/example"));
    book.assert_no_leaks(&["{親|", "|おや}"]);
    assert!(book.count("<img ") >= 8, "images: {}", book.count("<img "));
    assert!(
        book.count("<ruby>") >= 106,
        "ruby: {}",
        book.count("<ruby>")
    );
    pdf_tools_check(&book);
}

#[test]
fn pandoc_documents_keep_their_structure() {
    let manual = build("pandoc-manual", &corpus("pandoc-manual/MANUAL-excerpt.md"));
    manual.assert_no_leaks(&[]);
    // 108 `:` definitions at the start of a line, 3 nested ones and 15
    // written with `~` (the Math section).
    assert_eq!(manual.count("<dd>"), 126, "definitions");
    assert!(manual.count("<table") >= 2, "grid and pipe tables");
    let twenty = build(
        "twenty-years",
        &corpus("pandoc-manual/twenty-years-of-pandoc.md"),
    );
    twenty.assert_no_leaks(&["{width="]);
    common::assert_epub_valid(&twenty.epub);
    pdf_tools_check(&twenty);
}

#[test]
fn github_readmes_keep_alerts_details_and_headings() {
    let stats = build(
        "github-readme-stats",
        &corpus("github-readme/github-readme-stats/readme.md"),
    );
    stats.assert_no_leaks(&[":+1:", ":eyes:"]);
    assert_eq!(stats.count("<aside class=\"callout "), 20, "alerts");
    assert_eq!(stats.count("<details"), 9, "details");
    common::assert_epub_valid(&stats.epub);
    let contributors = build(
        "all-contributors",
        &corpus("github-readme/all-contributors/README.md"),
    );
    contributors.assert_no_leaks(&[]);
    // No level-1 heading: still body matter, not roman-numbered front matter.
    assert!(
        contributors.xhtml.contains("epub:type=\"bodymatter\""),
        "the README is body matter"
    );
    pdf_tools_check(&contributors);
}

#[test]
fn poetry_and_bunko_build_clean() {
    for (name, rel) in [
        ("greek-cyrillic", "greek-cyrillic/greek-cyrillic.md"),
        ("ja-novel-bunko", "ja-novel-bunko/bunko.md"),
    ] {
        let book = build(name, &corpus(rel));
        book.assert_no_leaks(&["{", "|"]);
        pdf_tools_check(&book);
    }
}

fn pdf_tools_check(book: &Built) {
    pdf_tools::assert_qpdf_clean(&book.pdf_path);
}

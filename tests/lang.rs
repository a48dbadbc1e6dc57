//! The language of a part of the book reaches both outputs: a Chinese
//! book with a Japanese `<span lang="ja">` and a chapter whose front
//! matter says `lang: zh-Hant`, built with the built-in fonts only.
//!
//! 直 looks different in mainland, Japanese and Taiwanese fonts, so which
//! built-in face draws each 直 shows which language the PDF set it in.

mod common;
#[allow(dead_code)]
mod pdf_tools;

use std::path::PathBuf;

use common::{folio, stderr};

const BOOK_TOML: &str = "[book]\ntitle = \"语言\"\nlanguage = \"zh-CN\"\n";
/// Four 直: the second (a span) and the fourth (a block of HTML) are
/// Japanese.
const CHAPTER_ONE: &str = "# 第一章\n\n直书其事，<span lang=\"ja\">直</span>。\n\n直到今天。\n\n<div lang=\"ja\">\n直\n</div>\n";
/// Written in Traditional Chinese; 直 and 骨 appear nowhere else.
const CHAPTER_TWO: &str = "---\nlang: zh-Hant\n---\n# 第二章\n\n直骨之書。\n";

/// Writes the book, builds it, and returns the folder, the PDF and the
/// EPUB.
fn build() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book");
    std::fs::create_dir_all(&book).unwrap();
    for (name, text) in [
        ("book.toml", BOOK_TOML),
        ("01.md", CHAPTER_ONE),
        ("02.md", CHAPTER_TWO),
    ] {
        std::fs::write(book.join(name), text).unwrap();
    }
    let out = folio(
        dir.path(),
        &["build", "book", "-o", "dist", "--no-system-fonts"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        !stderr(&out).contains("warning"),
        "the book builds cleanly: {}",
        stderr(&out)
    );
    let dist = dir.path().join("dist");
    let (pdf, epub) = (
        common::written(&dist, "pdf"),
        common::written(&dist, "epub"),
    );
    (dir, pdf, epub)
}

/// The fonts that draw `c`, in the order the PDF draws them.
fn fonts_drawing(glyphs: &[pdf_tools::Glyph], c: &str) -> Vec<String> {
    glyphs
        .iter()
        .filter(|g| g.c == c)
        .map(|g| g.font.clone())
        .collect()
}

#[test]
fn span_and_chapter_languages_choose_the_glyph_forms() {
    let (_dir, pdf, _epub) = build();
    let Some(glyphs) = pdf_tools::glyphs(&pdf) else {
        return;
    };
    assert!(pdf_tools::tofu(&glyphs).is_empty(), "no boxes");
    // Chapter one: mainland, Japanese (the span), mainland, Japanese (the
    // <div>); then the zh-Hant chapter's own.
    assert_eq!(
        fonts_drawing(&glyphs, "直"),
        [
            "FolioSerifSC-Regular",
            "FolioSerifJP-Regular",
            "FolioSerifSC-Regular",
            "FolioSerifJP-Regular",
            "FolioSerifTC-Regular",
        ]
    );
    for c in ["骨", "之", "書", "。"] {
        let fonts = fonts_drawing(&glyphs, c);
        let last = fonts.last().map(String::as_str);
        assert_eq!(last, Some("FolioSerifTC-Regular"), "{c}: {fonts:?}");
    }
    // The zh-Hant chapter's heading is its own too (the contents page and
    // bookmarks list it in the book's language).
    let heading: Vec<String> = glyphs
        .iter()
        .filter(|g| g.c == "二" && g.size > 12.0)
        .map(|g| g.font.clone())
        .collect();
    assert!(
        heading.iter().any(|f| f == "FolioSerifTC-Bold"),
        "{heading:?}"
    );
}

#[test]
fn the_epub_marks_span_and_chapter_and_is_valid() {
    let (_dir, _pdf, epub) = build();
    let entries = common::epub_entries(&epub);
    let doc = |needle: &str| {
        entries
            .iter()
            .map(|(_, data)| String::from_utf8_lossy(data).into_owned())
            .find(|text| text.contains(needle))
            .unwrap_or_else(|| panic!("no document holds {needle}"))
    };
    let one = doc("直书其事");
    assert!(
        one.contains("直书其事，<span lang=\"ja\" xml:lang=\"ja\">直</span>。"),
        "{one}"
    );
    assert!(one.contains("<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"zh-CN\" xml:lang=\"zh-CN\">"));
    let two = doc("直骨之書");
    assert!(
        two.contains("lang=\"zh-Hant\" xml:lang=\"zh-Hant\""),
        "{two}"
    );
    assert!(!two.contains("lang=\"zh-CN\""), "{two}");
    common::assert_epub_valid(&epub);
}

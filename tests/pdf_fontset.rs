//! The PDF writer with the real [`FontSet`]: text shaped by the fonts
//! module, set solid on lines, written, and read back with qpdf and poppler.
//! Once with the built-in Folio Serif SC (TrueType glyf) and once with Noto
//! Serif CJK SC from Debian's fonts-noto-cjk (CFF in a `.ttc`).

use std::path::Path;

use folio::book::{Book, Metadata};
use folio::config::FontsConfig;
use folio::diagnostics::Diagnostics;
use folio::fonts::{FontSet, Role};
use folio::layout::page::{Color, Document, GlyphRun, Item, Page, PositionedGlyph};
use folio::render::pdf::{write_pdf, write_pdf_with};

#[allow(dead_code)]
mod pdf_tools;
use pdf_tools::{assert_fonts_embedded_subsets, assert_qpdf_clean, page_text};

const NOTO_SERIF_CJK: &str = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc";

const LINES: [&str; 4] = [
    "黄仁勋:它的增长将会是十亿倍。AI 40% “纳秒”",
    "以下为对话内容:OpenAI、英伟达(NVIDIA)与中国科技",
    "0123456789 ,.;:?!()[] 《书名》「引号」——……",
    "fi fl ffi office affluent",
];

/// Sets each line solid from the left margin, one run per face, as a very
/// plain layout engine would.
fn document(fonts: &FontSet) -> Document {
    let size = 10.5;
    let mut items = Vec::new();
    for (i, line) in LINES.iter().enumerate() {
        let y = 60.0 + 20.0 * i as f32;
        let mut pen = 40.0;
        let mut run: Option<GlyphRun> = None;
        for g in fonts.shape(line, Role::Body) {
            if run.as_ref().is_some_and(|r| r.face != g.face) {
                items.extend(run.take().map(Item::Text));
            }
            let r = run.get_or_insert_with(|| GlyphRun {
                orientation: Default::default(),
                face: g.face,
                size,
                y,
                glyphs: vec![],
                synthetic_bold: false,
                color: Color::Gray(0.0),
            });
            r.glyphs.push(PositionedGlyph {
                gid: g.gid,
                x: pen + g.x_offset * size,
                y_offset: g.y_offset * size,
                text: line.get(g.cluster.clone()).unwrap_or("").into(),
            });
            pen += g.advance * size;
        }
        items.extend(run.map(Item::Text));
    }
    Document {
        pages: vec![Page {
            width: 419.528,
            height: 595.276,
            items,
            links: vec![],
            ..Page::default()
        }
        .into()],
        ..Document::default()
    }
}

fn book() -> Book {
    Book {
        meta: Metadata {
            title: "字体测试".into(),
            lang: "zh-CN".into(),
            ..Metadata::default()
        },
        ..Book::default()
    }
}

/// Writes the document, checks it with the tools, returns the file size.
fn check(fonts: &FontSet, dir: &Path, name: &str) -> usize {
    let diagnostics = Diagnostics::default();
    let bytes = write_pdf_with(&document(fonts), &book(), fonts, &diagnostics).expect("written");
    assert!(
        diagnostics.snapshot().is_empty(),
        "{:?}",
        diagnostics.snapshot()
    );
    let path = dir.join(name);
    std::fs::write(&path, &bytes).expect("write");
    assert_qpdf_clean(&path);
    assert_fonts_embedded_subsets(&path);
    if let Some(text) = page_text(&path, 1) {
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(lines, LINES, "{text}");
    }
    bytes.len()
}

#[test]
fn builtin_truetype_font_embeds_as_a_subset() {
    let dir = tempfile::tempdir().expect("temp dir");
    let size = check(&FontSet::builtin(), dir.path(), "builtin.pdf");
    // The built-in CJK font is megabytes; a subset of ~80 glyphs is not.
    assert!(size < 40_000, "{size} bytes");
}

#[test]
fn cff_collection_font_embeds_as_a_subset() {
    if !Path::new(NOTO_SERIF_CJK).exists() {
        eprintln!("\n*** SKIPPED: {NOTO_SERIF_CJK} is not installed (apt-get install fonts-noto-cjk) ***\n");
        return;
    }
    let config = FontsConfig {
        body: vec![format!("{NOTO_SERIF_CJK}#2")],
        ..FontsConfig::default()
    };
    let fonts = FontSet::load(&config, Path::new(".")).expect("Noto Serif CJK SC loads");
    let dir = tempfile::tempdir().expect("temp dir");
    let size = check(&fonts, dir.path(), "noto.pdf");
    assert!(size < 60_000, "{size} bytes");
}

#[test]
fn same_input_same_bytes() {
    let fonts = FontSet::builtin();
    let a = write_pdf(&document(&fonts), &book(), &fonts).expect("first");
    let b = write_pdf(&document(&fonts), &book(), &fonts).expect("second");
    assert!(a == b);
}

/// Writes both samples to `target/` for looking at.
#[test]
#[ignore = "writes files for manual inspection"]
fn write_samples_for_inspection() {
    let fonts = FontSet::builtin();
    let bytes = write_pdf(&document(&fonts), &book(), &fonts).expect("builtin");
    std::fs::write("target/pdf_fontset_builtin.pdf", bytes).expect("write");
    let config = FontsConfig {
        body: vec![format!("{NOTO_SERIF_CJK}#2")],
        ..FontsConfig::default()
    };
    if let Ok(fonts) = FontSet::load(&config, Path::new(".")) {
        let bytes = write_pdf(&document(&fonts), &book(), &fonts).expect("noto");
        std::fs::write("target/pdf_fontset_noto.pdf", bytes).expect("write");
    }
}

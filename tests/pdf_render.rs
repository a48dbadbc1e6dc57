//! The whole PDF renderer (`Pdf::render`: layout, then the writer) on a
//! small Chinese book built in memory, read back with qpdf, poppler and
//! lopdf.

use std::path::Path;

use folio::book::{
    Block, Book, Chapter, ChapterKind, Inline, LinkTarget, Metadata, Note, NoteRefSite,
};
use folio::config::{EpubConfig, PdfConfig, Profile};
use folio::diagnostics::Diagnostics;
use folio::fonts::FontSet;
use folio::render::pdf::Pdf;
use folio::render::{RenderContext, Renderer};

#[allow(dead_code)]
mod pdf_tools;
use pdf_tools::{assert_fonts_embedded_subsets, assert_qpdf_clean, page_text, tool};

const PARAGRAPHS: [&str; 3] = [
    "黄仁勋:它的增长将会是十亿倍。AI 40% 的算力来自“纳秒”级别的进步,OpenAI 与英伟达的合作仍在继续。",
    "我们正面对一辆以指数级加速前进的火车,赶紧跳上去。中国科技仅慢“纳秒”,这是他的原话。",
    "以下为对话内容:主持人问到芯片出口的问题,黄仁勋回答说,市场会自己找到出路。",
];

fn text(s: &str) -> Vec<Inline> {
    vec![Inline::Text(s.into())]
}

fn chapter(id: &str, kind: ChapterKind, title: &str, blocks: Vec<Block>) -> Chapter {
    Chapter {
        id: id.into(),
        kind,
        title: text(title),
        blocks,
        source: format!("{id}.md").into(),
        line: 1,
        ..Chapter::default()
    }
}

fn book() -> Book {
    let mut para0 = text(PARAGRAPHS[0]);
    para0.push(Inline::NoteRef {
        note: 0,
        id: "ref-1".into(),
    });
    Book {
        meta: Metadata {
            title: "黄仁勋最新对话直面争议,中国科技仅慢“纳秒”".into(),
            authors: vec!["聪明投资者".into()],
            lang: "zh-CN".into(),
            publisher: Some("书享界".into()),
            identifier: "urn:uuid:5f2b7a8e-1c9d-4e3f-a0b1-c2d3e4f5a6b7".into(),
            date: Some("2025-09-25".into()),
            modified: 1_758_758_400,
            slug: "test".into(),
            ..Metadata::default()
        },
        chapters: vec![
            chapter(
                "copyright",
                ChapterKind::Copyright,
                "",
                vec![Block::Paragraph(text(
                    "版权声明:本文来源于网络,版权归原作者所有。",
                ))],
            ),
            chapter(
                "intro",
                ChapterKind::Preface,
                "导言",
                vec![Block::Paragraph(text(PARAGRAPHS[2]))],
            ),
            chapter(
                "ch01",
                ChapterKind::Chapter,
                "1 十亿倍的增长",
                vec![
                    Block::Paragraph(para0),
                    Block::Heading {
                        level: 2,
                        id: "s1".into(),
                        content: text("小节"),
                    },
                    Block::Paragraph(vec![
                        Inline::Text("参见".into()),
                        Inline::Link {
                            target: LinkTarget::External("https://example.com/".into()),
                            title: None,
                            content: text("原文"),
                        },
                        Inline::Text("与".into()),
                        Inline::Link {
                            target: LinkTarget::Internal {
                                chapter: 3,
                                anchor: None,
                            },
                            content: text("第二章"),
                            title: None,
                        },
                        Inline::Text("。".into()),
                    ]),
                ],
            ),
            chapter(
                "ch02",
                ChapterKind::Chapter,
                "2 赶紧跳上去",
                vec![Block::Paragraph(vec![Inline::Strong(text(PARAGRAPHS[1]))])],
            ),
        ],
        notes: vec![Note {
            number: 1,
            id: "note-1".into(),
            blocks: vec![Block::Paragraph(text("注:星球大战中的机器人。"))],
            refs: vec![NoteRefSite {
                chapter: 2,
                id: "ref-1".into(),
            }],
        }],
        ..Book::default()
    }
}

fn render(profile: Profile) -> (Vec<u8>, Vec<String>) {
    let fonts = FontSet::builtin();
    let book = book();
    let pdf = PdfConfig {
        profile,
        ..PdfConfig::default()
    };
    let diagnostics = Diagnostics::default();
    let ctx = RenderContext {
        book: &book,
        fonts: &fonts,
        epub: &EpubConfig::default(),
        pdf: &pdf,
        diagnostics: &diagnostics,
        timings: &Default::default(),
        layout: &Default::default(),
        reuse: &Default::default(),
    };
    let bytes = Pdf.render(&ctx).expect("the book renders");
    let warnings = diagnostics
        .into_vec()
        .into_iter()
        .map(|d| d.to_string())
        .collect();
    (bytes, warnings)
}

/// Text of every page, whitespace removed (lines are broken and justified).
fn all_text(path: &Path, pages: usize) -> Option<String> {
    let mut out = String::new();
    for p in 1..=pages {
        out.push_str(&page_text(path, p)?);
    }
    Some(out.chars().filter(|c| !c.is_whitespace()).collect())
}

fn check(profile: Profile, name: &str) {
    let (bytes, warnings) = render(profile);
    assert!(warnings.is_empty(), "{warnings:#?}");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(name);
    std::fs::write(&path, &bytes).expect("write");
    assert_qpdf_clean(&path);
    assert_fonts_embedded_subsets(&path);
    let doc = lopdf::Document::load_mem(&bytes).expect("lopdf reads it");
    let pages = doc.get_pages().len();
    if let Some(all) = all_text(&path, pages) {
        for p in PARAGRAPHS {
            let p: String = p.chars().filter(|c| !c.is_whitespace()).collect();
            assert!(all.contains(&p), "missing {p}\nin {all}");
        }
    }
    let catalog = doc.catalog().expect("catalog");
    assert!(catalog.get(b"Outlines").is_ok(), "an outline");
    assert!(catalog.get(b"Lang").is_ok(), "/Lang");
    let annots: usize = doc
        .get_pages()
        .values()
        .filter_map(|id| doc.get_dictionary(*id).ok())
        .filter_map(|p| p.get(b"Annots").and_then(lopdf::Object::as_array).ok())
        .map(Vec::len)
        .sum();
    assert!(
        annots >= 3,
        "links: note ref, note back link, URL, chapter ({annots})"
    );
    if let Some(r) = tool("pdftoppm", &["-r", "40", "-png", "-singlefile"], &path) {
        assert!(r.stderr.is_empty(), "pdftoppm: {}", r.stderr);
    }
}

#[test]
fn book_profile_renders_a_valid_pdf() {
    check(Profile::Book, "book.pdf");
}

#[test]
fn handout_profile_renders_a_valid_pdf() {
    check(Profile::Handout, "handout.pdf");
}

#[test]
fn book_has_roman_front_matter_labels() {
    let (bytes, _) = render(Profile::Book);
    let doc = lopdf::Document::load_mem(&bytes).expect("lopdf reads it");
    let labels = doc
        .catalog()
        .and_then(|c| c.get(b"PageLabels"))
        .and_then(lopdf::Object::as_dict)
        .and_then(|d| d.get(b"Nums"))
        .and_then(lopdf::Object::as_array)
        .expect("/PageLabels");
    let styles: Vec<&[u8]> = labels
        .iter()
        .filter_map(|o| o.as_dict().ok())
        .filter_map(|d| d.get(b"S").and_then(lopdf::Object::as_name).ok())
        .collect();
    assert!(styles.contains(&&b"r"[..]), "{labels:?}");
    assert!(styles.contains(&&b"D"[..]), "{labels:?}");
}

#[test]
fn rendering_twice_gives_the_same_bytes() {
    assert!(render(Profile::Book).0 == render(Profile::Book).0);
}

/// Writes the book to `target/pdf_render_book.pdf` for looking at.
#[test]
#[ignore = "writes a file for manual inspection"]
fn write_book_for_inspection() {
    std::fs::write("target/pdf_render_book.pdf", render(Profile::Book).0).expect("write");
}

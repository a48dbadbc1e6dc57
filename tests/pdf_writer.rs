//! The PDF writer on a hand-built laid-out document, read back with real
//! tools (qpdf, poppler) and with lopdf.
//!
//! Fonts: Noto Serif CJK SC (CFF, from Debian's fonts-noto-cjk) for Chinese,
//! DejaVu Sans (TrueType glyf) for Latin, both subset with `subsetter`
//! through a test [`FontSource`], so the test needs nothing from the fonts
//! module. Tests skip, loudly, only when a tool or font is not installed.

use std::collections::BTreeSet;
use std::sync::Arc;

use folio::book::{Asset, Book, MediaType, Metadata};
use folio::diagnostics::Diagnostics;
use folio::fonts::{FaceId, Subset};
use folio::layout::page::{
    Color, Destination, Document, GlyphRun, Item, Link, OutlineItem, Page, PositionedGlyph,
};
use folio::render::pdf::{write_pdf_with, FontSource};

#[allow(dead_code)]
mod pdf_tools;
use pdf_tools::{assert_fonts_embedded_subsets, assert_qpdf_clean, page_text, tool};

const CJK_FONT: &str = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc";
const CJK_INDEX: u32 = 2; // the SC face of the collection
const LATIN_FONT: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
const CJK: FaceId = FaceId(0);
const LATIN: FaceId = FaceId(1);
const A5: (f32, f32) = (419.528, 595.276);
const FIRST_LINE: &str = "黄仁勋:它的增长将会是十亿倍。AI 40% “纳秒”";

struct FontFile {
    data: Vec<u8>,
    index: u32,
    name: &'static str,
}

/// Font files subset with `subsetter`, as the fonts module does.
struct FileFonts {
    faces: Vec<FontFile>,
}

impl FileFonts {
    /// `None` (after saying so) when the system fonts are not installed.
    fn load() -> Option<FileFonts> {
        let read = |path: &str| match std::fs::read(path) {
            Ok(data) => Some(data),
            Err(_) => {
                eprintln!("\n*** SKIPPED: font {path} is not installed (apt-get install fonts-noto-cjk fonts-dejavu-core) ***\n");
                None
            }
        };
        Some(FileFonts {
            faces: vec![
                FontFile {
                    data: read(CJK_FONT)?,
                    index: CJK_INDEX,
                    name: "NotoSerifCJKsc-Regular",
                },
                FontFile {
                    data: read(LATIN_FONT)?,
                    index: 0,
                    name: "DejaVu Sans",
                },
            ],
        })
    }

    fn face(&self, face: FaceId) -> ttf_parser::Face<'_> {
        let f = &self.faces[face.0];
        ttf_parser::Face::parse(&f.data, f.index).expect("test font parses")
    }

    /// One glyph per character, set solid from `x`; returns the run and
    /// where the pen ends.
    fn run(&self, face: FaceId, text: &str, size: f32, x: f32, y: f32) -> (GlyphRun, f32) {
        let f = self.face(face);
        let scale = size / f32::from(f.units_per_em());
        let mut pen = x;
        let mut glyphs = Vec::new();
        for c in text.chars() {
            let gid = f.glyph_index(c).map_or(0, |g| g.0);
            glyphs.push(PositionedGlyph {
                gid,
                x: pen,
                y_offset: 0.0,
                text: c.to_string().into(),
            });
            pen += f32::from(f.glyph_hor_advance(ttf_parser::GlyphId(gid)).unwrap_or(0)) * scale;
        }
        let run = GlyphRun {
            orientation: Default::default(),
            face,
            size,
            y,
            glyphs,
            synthetic_bold: false,
            color: Color::Gray(0.0),
        };
        (run, pen)
    }
}

impl FontSource for FileFonts {
    fn subset(&self, face: FaceId, glyphs: &BTreeSet<u16>) -> folio::Result<Subset> {
        let f = self
            .faces
            .get(face.0)
            .ok_or_else(|| folio::Error::Font(format!("no face {}", face.0)))?;
        let mut remapper = subsetter::GlyphRemapper::new();
        for g in glyphs {
            remapper.remap(*g);
        }
        let data = subsetter::subset(&f.data, f.index, &remapper)
            .map_err(|e| folio::Error::Font(e.to_string()))?;
        let remap = glyphs
            .iter()
            .filter_map(|g| remapper.get(*g).map(|n| (*g, n)))
            .collect();
        let is_cff = ttf_parser::Face::parse(&data, 0)
            .map(|f| f.tables().cff.is_some())
            .unwrap_or(false);
        Ok(Subset {
            data,
            remap,
            is_cff,
        })
    }

    fn postscript_name(&self, face: FaceId) -> String {
        self.faces[face.0].name.to_string()
    }
}

/// A 16×16 mid-gray baseline JPEG, assembled by hand: one quantization
/// table, one-code Huffman tables, four blocks of "DC 0, end of block".
fn tiny_jpeg() -> Vec<u8> {
    let mut v = vec![0xFF, 0xD8];
    v.extend([0xFF, 0xDB, 0x00, 0x43, 0x00]);
    v.extend([1u8; 64]);
    v.extend([0xFF, 0xC0, 0x00, 0x0B, 8, 0, 16, 0, 16, 1, 1, 0x11, 0]);
    for class in [0x00, 0x10] {
        v.extend([0xFF, 0xC4, 0x00, 0x14, class, 1]);
        v.extend([0u8; 15]);
        v.push(0);
    }
    v.extend([0xFF, 0xDA, 0x00, 0x08, 1, 1, 0x00, 0, 63, 0]);
    v.push(0x00); // 4 blocks × ("0" DC category 0, "0" EOB)
    v.extend([0xFF, 0xD9]);
    v
}

fn tiny_png() -> Vec<u8> {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, 4, 4);
    enc.set_color(png::ColorType::Rgba);
    enc.set_depth(png::BitDepth::Eight);
    let mut w = enc.write_header().expect("png header");
    let mut px = vec![0u8; 4 * 4 * 4];
    for (i, p) in px.chunks_exact_mut(4).enumerate() {
        p.copy_from_slice(&[200, (i * 16) as u8, 40, if i == 0 { 0 } else { 255 }]);
    }
    w.write_image_data(&px).expect("png data");
    w.finish().expect("png end");
    out
}

fn book() -> Book {
    Book {
        meta: Metadata {
            title: "黄仁勋最新对话直面争议,中国科技仅慢“纳秒”".into(),
            authors: vec!["聪明投资者".into()],
            lang: "zh-CN".into(),
            description: Some("访谈实录".into()),
            keywords: vec!["AI".into(), "芯片".into()],
            identifier: "urn:uuid:0f0c1a2b-0000-4000-8000-000000000001".into(),
            modified: 1_758_758_400, // 2025-09-25
            slug: "test".into(),
            ..Metadata::default()
        },
        assets: vec![
            Asset {
                name: "images/a.png".into(),
                media_type: MediaType::Png,
                data: tiny_png(),
                width: 4,
                height: 4,
            },
            Asset {
                name: "images/b.jpg".into(),
                media_type: MediaType::Jpeg,
                data: tiny_jpeg(),
                width: 16,
                height: 16,
            },
        ],
        ..Book::default()
    }
}

fn document(fonts: &FileFonts) -> Document {
    let size = 10.5;
    let mut page1 = Vec::new();
    // Line 1: CJK, then Latin in another (glyf) face, then CJK again.
    let (run, x) = fonts.run(CJK, "黄仁勋:它的增长将会是十亿倍。", size, 50.0, 80.0);
    page1.push(Item::Text(run));
    let (run, x) = fonts.run(LATIN, "AI 40% ", size, x, 80.0);
    page1.push(Item::Text(run));
    let (run, _) = fonts.run(CJK, "“纳秒”", size, x, 80.0);
    page1.push(Item::Text(run));
    // Line 2: a justified line: glyphs spread 2 pt apart beyond their advance.
    let (mut run, _) = fonts.run(CJK, "第一章开始", 14.0, 50.0, 120.0);
    for (i, g) in run.glyphs.iter_mut().enumerate() {
        g.x += 2.0 * i as f32;
    }
    run.synthetic_bold = true;
    page1.push(Item::Text(run));
    // Line 3: gray, ending with characters no font has, drawn as .notdef
    // (glyph 0) as the fonts module does, then a no-break space drawn with
    // the space glyph: each must still extract as itself.
    let (mut run, mut x) = fonts.run(CJK, "灰色的字", size, 50.0, 150.0);
    let cjk = fonts.face(CJK);
    let notdef = f32::from(cjk.glyph_hor_advance(ttf_parser::GlyphId(0)).unwrap_or(0)) * size
        / f32::from(cjk.units_per_em());
    for c in ["😀", "\u{17000}"] {
        run.glyphs.push(PositionedGlyph {
            gid: 0,
            x,
            y_offset: 0.0,
            text: c.into(),
        });
        x += notdef;
    }
    run.color = Color::Gray(0.5);
    page1.push(Item::Text(run));
    let (mut latin, _) = fonts.run(LATIN, " a b\u{a0}c", size, x, 150.0);
    latin.glyphs[4].gid = latin.glyphs[0].gid;
    page1.push(Item::Text(latin));
    page1.push(Item::Line {
        from: (50.0, 160.0),
        to: (369.0, 160.0),
        width: 0.5,
        color: Color::Gray(0.0),
    });
    page1.push(Item::Rect {
        x: 50.0,
        y: 170.0,
        width: 100.0,
        height: 20.0,
        color: Color::Gray(0.9),
    });
    page1.push(Item::Image {
        asset: 0,
        x: 50.0,
        y: 200.0,
        width: 40.0,
        height: 40.0,
    });
    page1.push(Item::Image {
        asset: 1,
        x: 100.0,
        y: 200.0,
        width: 40.0,
        height: 40.0,
    });
    let links = vec![
        Link {
            x: 50.0,
            y: 106.0,
            width: 80.0,
            height: 18.0,
            target: Destination::Page { page: 1, y: 100.0 },
            node: None,
        },
        Link {
            x: 50.0,
            y: 140.0,
            width: 40.0,
            height: 12.0,
            target: Destination::Uri("https://example.com/访谈".into()),
            node: None,
        },
    ];
    let (run, _) = fonts.run(CJK, "第二章", 14.0, 50.0, 100.0);
    let page2 = vec![Item::Text(run)];
    Document {
        structure: Vec::new(),
        pages: vec![
            Page {
                width: A5.0,
                height: A5.1,
                items: page1,
                links,
                ..Page::default()
            },
            Page {
                width: A5.0,
                height: A5.1,
                items: page2,
                links: vec![],
                ..Page::default()
            },
        ]
        .into_iter()
        .map(Arc::new)
        .collect(),
        outline: vec![
            OutlineItem {
                title: "第一章".into(),
                page: 0,
                y: 106.0,
                children: vec![OutlineItem {
                    title: "1.1 小节".into(),
                    page: 0,
                    y: 140.0,
                    children: vec![],
                }],
            },
            OutlineItem {
                title: "第二章".into(),
                page: 1,
                y: 86.0,
                children: vec![],
            },
        ],
    }
}

/// Writes the test PDF into a temporary folder; `None` if fonts are missing.
fn written() -> Option<(tempfile::TempDir, std::path::PathBuf, Vec<u8>)> {
    let fonts = FileFonts::load()?;
    let diagnostics = Diagnostics::default();
    let bytes =
        write_pdf_with(&document(&fonts), &book(), &fonts, &diagnostics).expect("PDF written");
    assert!(
        diagnostics.snapshot().is_empty(),
        "{:?}",
        diagnostics.snapshot()
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("test.pdf");
    std::fs::write(&path, &bytes).expect("write");
    Some((dir, path, bytes))
}

#[test]
fn qpdf_check_is_clean() {
    let Some((_dir, path, _)) = written() else {
        return;
    };
    assert_qpdf_clean(&path);
}

#[test]
fn every_font_is_an_embedded_subset_with_tounicode() {
    let Some((_dir, path, _)) = written() else {
        return;
    };
    let fonts = assert_fonts_embedded_subsets(&path);
    if fonts.is_empty() {
        return; // pdffonts is not installed
    }
    assert_eq!(fonts.len(), 2, "{fonts:#?}");
    assert!(
        fonts.iter().any(|l| l.contains("CID Type 0C")),
        "the CFF face: {fonts:#?}"
    );
    assert!(
        fonts.iter().any(|l| l.contains("CID TrueType")),
        "the glyf face: {fonts:#?}"
    );
}

#[test]
fn text_extracts_exactly() {
    let Some((_dir, path, _)) = written() else {
        return;
    };
    let Some(text) = page_text(&path, 1) else {
        return;
    };
    // (pdftotext turns U+00A0 into a plain space; the content stream has
    // its /ActualText, see the unit tests of `content`.)
    let text = text.replace('\u{a0}', " ");
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    assert!(lines.contains(&FIRST_LINE), "{text}");
    assert!(lines.contains(&"第一章开始"), "{text}");
    assert!(lines.contains(&"灰色的字😀\u{17000} a b c"), "{text:?}");
}

#[test]
fn pdfinfo_shows_metadata_and_page_size() {
    let Some((_dir, path, _)) = written() else {
        return;
    };
    let Some(r) = tool("pdfinfo", &["-isodates"], &path) else {
        return;
    };
    assert!(r.ok, "{}", r.stderr);
    let out = r.stdout;
    let field = |name: &str| {
        out.lines()
            .find_map(|l| {
                l.strip_prefix(name)
                    .map(|v| v.trim_start_matches(':').trim().to_string())
            })
            .unwrap_or_default()
    };
    assert_eq!(field("Title"), "黄仁勋最新对话直面争议,中国科技仅慢“纳秒”");
    assert_eq!(field("Author"), "聪明投资者");
    assert_eq!(field("Subject"), "访谈实录");
    assert_eq!(field("Keywords"), "AI, 芯片");
    assert_eq!(field("Creator"), "folio");
    assert_eq!(field("Pages"), "2");
    assert_eq!(field("PDF version"), "1.7");
    let size: Vec<f32> = field("Page size")
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    assert!(
        size.len() == 2 && (size[0] - A5.0).abs() < 0.01 && (size[1] - A5.1).abs() < 0.01,
        "{out}"
    );
    assert_eq!(field("CreationDate"), "2025-09-25T00:00:00Z");
    assert_eq!(field("ModDate"), "2025-09-25T00:00:00Z");
    assert_eq!(field("Metadata Stream"), "yes");
}

#[test]
fn output_is_byte_identical_across_runs() {
    let Some(fonts) = FileFonts::load() else {
        return;
    };
    let d = Diagnostics::default();
    let a = write_pdf_with(&document(&fonts), &book(), &fonts, &d).expect("first");
    let b = write_pdf_with(&document(&fonts), &book(), &fonts, &d).expect("second");
    assert!(a == b, "two writes differ");
}

#[test]
fn fonts_are_subsets_so_the_file_is_small() {
    let Some((_dir, _, bytes)) = written() else {
        return;
    };
    // The CJK collection is over 20 MB; the subsets of a few dozen glyphs
    // and the rest of the file fit in a few dozen kilobytes.
    assert!(bytes.len() < 60_000, "{} bytes", bytes.len());
}

fn load(bytes: &[u8]) -> lopdf::Document {
    lopdf::Document::load_mem(bytes).expect("lopdf reads the file back")
}

#[test]
fn catalog_has_lang_page_mode_and_nested_outline() {
    let Some((_dir, _, bytes)) = written() else {
        return;
    };
    assert!(bytes.starts_with(b"%PDF-1.7\n"));
    let doc = load(&bytes);
    let pages: Vec<_> = doc.get_pages().into_values().collect();
    let catalog = doc.catalog().expect("catalog");
    assert_eq!(
        catalog.get(b"PageMode").ok(),
        Some(&lopdf::Object::Name(b"UseOutlines".to_vec()))
    );
    assert_eq!(
        catalog.get(b"Lang").and_then(lopdf::Object::as_str).ok(),
        Some(&b"zh-CN"[..])
    );
    let outlines = catalog
        .get(b"Outlines")
        .and_then(lopdf::Object::as_reference)
        .and_then(|id| doc.get_dictionary(id))
        .expect("outlines");
    let first_id = outlines
        .get(b"First")
        .and_then(lopdf::Object::as_reference)
        .expect("first");
    let first = doc.get_dictionary(first_id).expect("first item");
    let title = first
        .get(b"Title")
        .and_then(lopdf::Object::as_str)
        .expect("title");
    assert_eq!(utf16(title), "第一章");
    let child = first
        .get(b"First")
        .and_then(lopdf::Object::as_reference)
        .and_then(|id| doc.get_dictionary(id))
        .expect("nested item");
    assert_eq!(
        utf16(
            child
                .get(b"Title")
                .and_then(lopdf::Object::as_str)
                .expect("title")
        ),
        "1.1 小节"
    );
    let second = first
        .get(b"Next")
        .and_then(lopdf::Object::as_reference)
        .and_then(|id| doc.get_dictionary(id))
        .expect("second item");
    let dest = second
        .get(b"Dest")
        .and_then(lopdf::Object::as_array)
        .expect("dest");
    assert_eq!(dest[0].as_reference().ok(), Some(pages[1]));
    assert_eq!(dest[1], lopdf::Object::Name(b"XYZ".to_vec()));
    assert!((dest[3].as_float().expect("top") - (A5.1 - 86.0)).abs() < 0.01);
}

#[test]
fn links_point_at_the_right_page_and_uri() {
    let Some((_dir, _, bytes)) = written() else {
        return;
    };
    let doc = load(&bytes);
    let pages: Vec<_> = doc.get_pages().into_values().collect();
    let annots = doc
        .get_dictionary(pages[0])
        .and_then(|p| p.get(b"Annots"))
        .and_then(lopdf::Object::as_array)
        .expect("annots");
    assert_eq!(annots.len(), 2);
    let page2 = doc.get_dictionary(pages[1]).expect("page 2");
    assert!(
        page2.get(b"Annots").is_err(),
        "no empty /Annots on a page without links"
    );
    let annot = |i: usize| {
        annots[i]
            .as_reference()
            .and_then(|id| doc.get_dictionary(id))
            .expect("annotation")
    };
    let dest = annot(0)
        .get(b"Dest")
        .and_then(lopdf::Object::as_array)
        .expect("dest");
    assert_eq!(dest[0].as_reference().ok(), Some(pages[1]));
    assert!((dest[3].as_float().expect("top") - (A5.1 - 100.0)).abs() < 0.01);
    let uri = annot(1)
        .get(b"A")
        .and_then(lopdf::Object::as_dict)
        .and_then(|a| a.get(b"URI"))
        .and_then(lopdf::Object::as_str)
        .expect("uri");
    assert_eq!(uri, b"https://example.com/%E8%AE%BF%E8%B0%88");
}

#[test]
fn pages_render_without_errors() {
    let Some((dir, path, _)) = written() else {
        return;
    };
    let prefix = dir.path().join("page");
    let Some(r) = tool(
        "pdftoppm",
        &[
            "-r",
            "50",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            &path.to_string_lossy(),
        ],
        &prefix,
    ) else {
        return;
    };
    assert!(r.ok && r.stderr.is_empty(), "pdftoppm: {}", r.stderr);
}

fn utf16(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes
        .strip_prefix(&[0xFE, 0xFF])
        .unwrap_or(bytes)
        .chunks_exact(2)
        .map(|c| u16::from_be_bytes([c[0], c[1]]))
        .collect();
    String::from_utf16_lossy(&units)
}

/// Writes the test PDF to `target/pdf_writer_sample.pdf` for looking at.
#[test]
#[ignore = "writes a file for manual inspection"]
fn write_sample_for_inspection() {
    let Some((_dir, _, bytes)) = written() else {
        return;
    };
    std::fs::write("target/pdf_writer_sample.pdf", bytes).expect("write sample");
}

/// A long book: 600 pages of 40 lines of 30 CJK glyphs (720 000 glyphs).
/// Run with `--ignored` to time it.
#[test]
#[ignore = "slow in debug builds; a timing check"]
fn long_document_writes() {
    let Some(fonts) = FileFonts::load() else {
        return;
    };
    let text: String = "黄仁勋它的增长将会是十亿倍中国科技仅慢纳秒对话直面争议我们"
        .chars()
        .collect();
    let (line, _) = fonts.run(CJK, &text, 10.5, 50.0, 0.0);
    let page = |n: usize| Page {
        width: A5.0,
        height: A5.1,
        items: (0..40)
            .map(|i| {
                let mut run = line.clone();
                run.y = 60.0 + 12.0 * i as f32;
                run.glyphs.rotate_left((n + i) % 30);
                let x0 = 50.0;
                for (k, g) in run.glyphs.iter_mut().enumerate() {
                    g.x = x0 + 10.5 * k as f32;
                }
                Item::Text(run)
            })
            .collect(),
        links: vec![],
        ..Page::default()
    };
    let doc = Document {
        structure: Vec::new(),
        pages: (0..600).map(|n| page(n).into()).collect(),
        outline: vec![],
    };
    let start = std::time::Instant::now();
    let bytes = write_pdf_with(&doc, &book(), &fonts, &Diagnostics::default()).expect("written");
    eprintln!(
        "{} pages, {} bytes in {:?}",
        doc.pages.len(),
        bytes.len(),
        start.elapsed()
    );
}

/// Nonsense from a buggy layout or a broken manuscript gives a valid file
/// or an error, never a panic: NaN and infinite numbers, links and
/// bookmarks to pages that do not exist, images that are missing, corrupt
/// or of a type PDF cannot hold, empty runs.
#[test]
fn hostile_input_gives_a_valid_file_and_warnings() {
    let Some(fonts) = FileFonts::load() else {
        return;
    };
    let (mut run, _) = fonts.run(CJK, "坏", f32::NAN, f32::INFINITY, f32::NEG_INFINITY);
    run.color = Color::Gray(f32::NAN);
    let (mut run2, _) = fonts.run(CJK, "数", 10.0, 50.0, 50.0);
    run2.glyphs[0].y_offset = f32::NAN;
    let empty = GlyphRun {
        orientation: Default::default(),
        glyphs: vec![],
        ..run2.clone()
    };
    let mut book = book();
    book.assets.push(Asset {
        name: "images/c.gif".into(),
        media_type: MediaType::Gif,
        data: b"GIF89a".to_vec(),
        width: 1,
        height: 1,
    });
    book.assets.push(Asset {
        name: "images/d.png".into(),
        media_type: MediaType::Png,
        data: tiny_png()[..30].to_vec(),
        width: 1,
        height: 1,
    });
    let image = |asset| Item::Image {
        asset,
        x: f32::NAN,
        y: 10.0,
        width: -5.0,
        height: f32::INFINITY,
    };
    let doc = Document {
        structure: Vec::new(),
        pages: vec![Page {
            width: A5.0,
            height: A5.1,
            items: vec![
                Item::Text(run),
                Item::Text(run2),
                Item::Text(empty),
                image(0),
                image(2),
                image(3),
                image(99),
                Item::Line {
                    from: (f32::NAN, 0.0),
                    to: (1e30, -1e30),
                    width: f32::NAN,
                    color: Color::Gray(7.0),
                },
            ],
            links: vec![Link {
                x: f32::NAN,
                y: 0.0,
                width: 1.0,
                height: 1.0,
                target: Destination::Page { page: 42, y: 0.0 },
                node: None,
            }],
            label: "\u{0}(".into(),
            start: None,
            tags: Vec::new(),
        }
        .into()],
        outline: vec![OutlineItem {
            title: "\u{0}<>()\\".into(),
            page: 42,
            y: f32::NAN,
            children: vec![],
        }],
    };
    let diagnostics = Diagnostics::default();
    let bytes = write_pdf_with(&doc, &book, &fonts, &diagnostics).expect("written");
    let warnings: Vec<String> = diagnostics
        .snapshot()
        .iter()
        .map(|d| d.message.clone())
        .collect();
    assert_eq!(warnings.len(), 4, "{warnings:#?}"); // gif, bad png, asset 99, link
    assert!(
        warnings.iter().any(|w| w.contains("images/c.gif")),
        "{warnings:#?}"
    );
    assert!(
        warnings.iter().any(|w| w.contains("images/d.png")),
        "{warnings:#?}"
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("hostile.pdf");
    std::fs::write(&path, &bytes).expect("write");
    assert_no_non_finite_numbers(&bytes);
    assert_qpdf_clean(&path);
}

/// No `NaN` or `inf` in the file's syntax nor in any stream but the font
/// programs (binary), each looked at decompressed: compressed bytes, read
/// as text, can hold the letters `inf` by chance.
fn assert_no_non_finite_numbers(bytes: &[u8]) {
    let doc = load(bytes);
    let bad = |b: &[u8]| {
        let text = String::from_utf8_lossy(b);
        text.contains("NaN") || text.contains("inf")
    };
    for (id, object) in &doc.objects {
        match object {
            lopdf::Object::Stream(stream) => {
                let font = stream.dict.has(b"Length1")
                    || matches!(stream.dict.get(b"Subtype"), Ok(lopdf::Object::Name(n)) if n == b"CIDFontType0C");
                let data = stream
                    .decompressed_content()
                    .unwrap_or_else(|_| stream.content.clone());
                assert!(
                    font || !bad(&data),
                    "non-finite numbers written in stream {id:?}"
                );
                let dict = lopdf::Object::Dictionary(stream.dict.clone());
                assert!(all_finite(&dict), "in {id:?}'s dictionary");
            }
            other => assert!(all_finite(other), "non-finite numbers in {id:?}"),
        }
    }
}

fn all_finite(object: &lopdf::Object) -> bool {
    match object {
        lopdf::Object::Real(v) => v.is_finite(),
        lopdf::Object::Array(items) => items.iter().all(all_finite),
        lopdf::Object::Dictionary(dict) => dict.iter().all(|(_, v)| all_finite(v)),
        _ => true,
    }
}

#[test]
fn impossible_page_size_is_an_error() {
    let Some(fonts) = FileFonts::load() else {
        return;
    };
    for (w, h) in [(0.0, 100.0), (f32::NAN, 100.0), (100.0, 1e9)] {
        let doc = Document {
            structure: Vec::new(),
            pages: vec![Page {
                width: w,
                height: h,
                ..Page::default()
            }
            .into()],
            outline: vec![],
        };
        let err = write_pdf_with(&doc, &book(), &fonts, &Diagnostics::default());
        assert!(matches!(err, Err(folio::Error::Pdf(_))), "{w}×{h}");
    }
}

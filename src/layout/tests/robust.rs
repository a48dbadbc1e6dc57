//! Random books and settings (a small deterministic generator, no extra
//! crates): the engine must never panic, and never draw off the page.

use super::*;
use crate::book::{Align as CellAlign, Asset, Image, LinkTarget, MediaType};
use crate::config::{Margins, Paper, Punctuation};
use crate::text::punct::is_closing_half_blank;

/// A tiny linear congruential generator: reproducible across runs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const PIECES: [&str; 16] = [
    "中文",
    "“引号”",
    "(笑)",
    "40%的",
    "AI",
    " ",
    "",
    "——",
    "……",
    "Supercalifragilisticexpialidocious",
    "e\u{301}",
    "😀",
    "\t",
    "。”",
    "عربي",
    "《书》,",
];

fn inline(rng: &mut Rng, depth: usize) -> Inline {
    let text = |rng: &mut Rng| {
        let n = rng.below(6);
        (0..n)
            .map(|_| PIECES[rng.below(PIECES.len())])
            .collect::<String>()
    };
    match if depth > 3 { 0 } else { rng.below(12) } {
        0..=3 => Inline::Text(text(rng)),
        4 => Inline::Emphasis(vec![inline(rng, depth + 1)]),
        5 => Inline::Strong(vec![inline(rng, depth + 1), inline(rng, depth + 1)]),
        6 => Inline::Strikethrough(vec![inline(rng, depth + 1)]),
        7 => Inline::Code(text(rng)),
        8 => Inline::Link {
            target: if rng.below(2) == 0 {
                LinkTarget::External("https://example.com".into())
            } else {
                LinkTarget::Internal {
                    chapter: rng.below(5),
                    anchor: Some("nowhere".into()),
                }
            },
            title: None,
            content: vec![inline(rng, depth + 1)],
        },
        9 => Inline::NoteRef {
            note: rng.below(3),
            id: format!("r{}", rng.below(3)),
        },
        10 => [Inline::LineBreak, Inline::SoftBreak][rng.below(2)].clone(),
        _ => Inline::Image(Image {
            asset: Some(rng.below(3)),
            src: "x".into(),
            alt: text(rng),
            title: None,
            ..Image::default()
        }),
    }
}

fn inlines(rng: &mut Rng) -> Vec<Inline> {
    (0..rng.below(8)).map(|_| inline(rng, 0)).collect()
}

fn block(rng: &mut Rng, depth: usize) -> Block {
    match if depth > 4 { 0 } else { rng.below(10) } {
        0..=2 => Block::Paragraph(inlines(rng)),
        3 => Block::Heading {
            level: rng.below(8) as u8,
            id: format!("h{}", rng.below(100)),
            content: inlines(rng),
        },
        4 => Block::CodeBlock {
            lang: None,
            text: "x\ty = ".repeat(rng.below(40)) + "\n\n",
        },
        5 => Block::BlockQuote((0..rng.below(3)).map(|_| block(rng, depth + 1)).collect()),
        6 => Block::List {
            start: [None, Some(u64::MAX - 1), Some(0)][rng.below(3)],
            items: (0..rng.below(4))
                .map(|_| ListItem {
                    task: [None, Some(true), Some(false)][rng.below(3)],
                    blocks: (0..rng.below(3)).map(|_| block(rng, depth + 1)).collect(),
                })
                .collect(),
        },
        7 => {
            let cols = rng.below(12);
            Block::Table {
                align: (0..rng.below(cols + 1))
                    .map(|i| {
                        [
                            CellAlign::Left,
                            CellAlign::Right,
                            CellAlign::Center,
                            CellAlign::None,
                        ][i % 4]
                    })
                    .collect(),
                head: (0..cols).map(|_| inlines(rng)).collect(),
                rows: (0..rng.below(4))
                    .map(|_| (0..rng.below(cols + 2)).map(|_| inlines(rng)).collect())
                    .collect(),
            }
        }
        8 => Block::Rule,
        _ => Block::Div {
            attrs: crate::book::BlockAttrs {
                lang: Some("ja".into()),
                align: crate::book::Align::Center,
                ..Default::default()
            },
            blocks: vec![Block::Paragraph(inlines(rng))],
        },
    }
}

fn random_book(rng: &mut Rng) -> Book {
    let mut book = sample_book();
    book.meta.lang = ["zh-CN", "en", "ja"][rng.below(3)].into();
    book.meta.title = inlines(rng)
        .iter()
        .map(|i| crate::book::plain_text(std::slice::from_ref(i)))
        .collect();
    book.chapters = (0..1 + rng.below(4))
        .map(|i| {
            let kind = [
                ChapterKind::Copyright,
                ChapterKind::Preface,
                ChapterKind::Chapter,
            ][rng.below(3)];
            let mut ch = chapter(
                &format!("c{i}"),
                kind,
                "",
                (0..rng.below(12)).map(|_| block(rng, 0)).collect(),
            );
            ch.title = inlines(rng);
            ch
        })
        .collect();
    book.notes.truncate(rng.below(2));
    let asset = |w, h| Asset {
        name: "i.png".into(),
        media_type: MediaType::Png,
        data: Vec::new(),
        width: w,
        height: h,
    };
    book.assets = vec![asset(0, 0), asset(1, 100_000), asset(u32::MAX, 1)];
    book.cover = [None, Some(1), Some(7)][rng.below(3)];
    book
}

fn random_config(rng: &mut Rng) -> PdfConfig {
    PdfConfig {
        paper: [
            Paper::A5,
            Paper::A4,
            Paper::Custom(50.0, 50.0),
            Paper::Custom(2000.0, 60.0),
            Paper::Custom(f32::NAN, -1.0),
        ][rng.below(5)],
        profile: [Profile::Book, Profile::Handout][rng.below(2)],
        font_size: [10.5, 0.0, 72.0, f32::NAN, 1e9][rng.below(5)],
        line_height: [1.7, 0.0, f32::INFINITY, 3.0][rng.below(4)],
        margins: [
            Margins::default(),
            Margins {
                top: 500.0,
                bottom: 500.0,
                inner: 500.0,
                outer: 500.0,
            },
            Margins {
                top: -3.0,
                bottom: f32::NAN,
                inner: 0.0,
                outer: 0.0,
            },
        ][rng.below(3)],
        cjk_latin_spacing: rng.below(2) == 0,
        punctuation: [
            Punctuation::LineEnd,
            Punctuation::Kaiming,
            Punctuation::FullWidth,
        ][rng.below(3)],
        ..PdfConfig::default()
    }
}

#[test]
fn random_books_never_panic_and_stay_on_the_page() {
    let mut rng = Rng(0x5eed);
    for case in 0..200 {
        let book = random_book(&mut rng);
        let config = random_config(&mut rng);
        let d = Diagnostics::default();
        let shaper = FakeShaper {
            missing: vec!['😀'],
        };
        let doc = lay_out_with(&book, &shaper, &config, &d)
            .unwrap_or_else(|e| panic!("case {case}: {e}"));
        assert!(!doc.pages.is_empty(), "case {case}");
        for (i, page) in doc.pages.iter().enumerate() {
            assert!(page.width.is_finite() && page.height.is_finite() && page.width > 0.0);
            for item in &page.items {
                let (x0, y0, x1, y1) = match item {
                    Item::Image {
                        x,
                        y,
                        width,
                        height,
                        ..
                    }
                    | Item::Rect {
                        x,
                        y,
                        width,
                        height,
                        ..
                    } => (*x, *y, x + width, y + height),
                    Item::Line { from, to, .. } => (
                        from.0.min(to.0),
                        from.1.min(to.1),
                        from.0.max(to.0),
                        from.1.max(to.1),
                    ),
                    Item::Text(_) => continue,
                };
                assert!(
                    x0 >= -1.01
                        && y0 >= -1.01
                        && x1 <= page.width + 1.01
                        && y1 <= page.height + 1.01,
                    "case {case} page {i}: {item:?} off the page in {config:?}"
                );
            }
            for line in text_lines(page) {
                let n = line.glyphs.len();
                for (k, (x, adv, _, t)) in line.glyphs.iter().enumerate() {
                    assert!(
                        x.is_finite() && line.y.is_finite(),
                        "case {case} page {i}: {t:?}"
                    );
                    // Only a line-end closing mark's blank half may hang out
                    // (行末半角): its ink stays on the page.
                    let hang = if k + 1 == n && t.chars().all(is_closing_half_blank) {
                        adv / 2.0
                    } else {
                        0.0
                    };
                    assert!(
                        *x >= -0.01 && x + adv - hang <= page.width + 0.01,
                        "case {case} page {i}: {t:?} at {x} off the page in {config:?} {}",
                        line.text()
                    );
                    assert!(
                        line.y >= 0.0 && line.y <= page.height,
                        "case {case} page {i}: {t:?} at y {} in {config:?} {}x{}",
                        line.y,
                        page.width,
                        page.height
                    );
                }
            }
        }
        let again = lay_out_with(&book, &shaper, &config, &Diagnostics::default()).unwrap();
        assert_eq!(doc, again, "case {case}: deterministic");
    }
}

/// A long code line's continuation mark is drawn as an artifact: it is no
/// part of the code (nor of the text copied), while the code is Code.
#[test]
fn a_code_lines_continuation_mark_is_an_artifact() {
    use crate::layout::page::{Color, Item, StructRole};
    let long = "let value = compute(alpha, beta, gamma, delta) + another_call(epsilon) ".repeat(4);
    let mut book = sample_book();
    book.chapters[1].blocks = vec![Block::CodeBlock {
        lang: None,
        text: long,
    }];
    let (doc, _) = lay_out_fake(&book, &PdfConfig::default());
    let mut marks = 0;
    let mut code = 0;
    for page in &doc.pages {
        for (i, item) in page.items.iter().enumerate() {
            let Item::Text(run) = item else { continue };
            let tag = page.tags.get(i).copied().flatten();
            let is_mark =
                run.color == Color::Gray(0.45) && run.glyphs.iter().all(|g| g.text.is_empty());
            if is_mark {
                marks += 1;
                assert_eq!(tag, None, "the mark is an artifact");
            } else if let Some(node) = tag {
                if doc.structure[node as usize].role == StructRole::Code {
                    code += 1;
                }
            }
        }
    }
    assert!(marks >= 2, "{marks} continuation marks");
    assert!(code >= 3, "{code} code runs tagged Code");
}

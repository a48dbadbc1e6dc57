//! Whole-engine tests: hand-built books laid out with fixed-width fake
//! glyphs (every CJK character 1 em, other characters 0.5 em), so every
//! position can be checked exactly; and one with the real built-in font.

use std::path::PathBuf;

use crate::book::{
    Block, Book, Chapter, ChapterKind, Inline, ListItem, Metadata, Note, NoteRefSite,
};
use crate::config::{PdfConfig, Profile};
use crate::diagnostics::Diagnostics;
use crate::fonts::Role;

use super::emit::{set, ParaSpec};
use super::env::Env;
use super::flow::paginate;
use super::geometry::Geometry;
use super::inline::Run;
use super::line::Align;
use super::page::{Destination, Document, Item, Page};
use super::para::{prepare, PrepOptions};
use super::script::{no_line_end, no_line_start};
use super::shape::FakeShaper;
use super::style::Style;
use super::{lay_out_with, page};

const SEED: [&str; 6] = [
    "对话中谈及中国科技,黄仁勋打破偏见,盛赞中国高科技产业活力与制造能力,称“中国仅慢纳秒”,呼吁以开放竞争推动全球产业发展。最后,他描绘AI与机器人融合的未来图景,警示行业“搭上指数级增长的AI列车,方能把握机遇”。这场对话,既是对AI产业现状的深度复盘,更是对未来五年技术革命的清晰展望。以下为对话内容:",
    "格斯特纳:如今你超过40%的收入来自推理业务。而真正的推理革命,也就是“链式推理”,才刚刚拉开序幕,对吗?",
    "无论怎样,我唯一的请求是:总得从我们这儿买点东西。(笑)",
    "格斯特纳:你们推出的NVLinkFusion(英伟达推出的新一代互联技术,它能把不同厂商的CPU、GPU或加速器高速连接起来,让它们像一个整体一样协同工作。相比传统的封闭互联,NVLinkFusion更开放,允许Intel、ARM等生态无缝接入,从而扩大了英伟达“AI工厂”的影响力),甚至向英特尔——你们刚刚投资的竞争对手,敞开了大门。这说明你们希望整个行业一起来建设这座“工厂”。",
    "所以当你们或微软、亚马逊投资的公司,同时又是你们的大客户,比如你们投资了OpenAI,而OpenAI又向你们采购数百亿美元的芯片……请告诉我们,分析师们担心的“循环收入”问题,到底错在哪?",
    "假设未来AI生成了10万亿美元的token价值,毛利率是50%,那么就需要一个价值5万亿美元的“AI工厂”——也就是AI基础设施来支撑。",
];

fn text(s: &str) -> Inline {
    Inline::Text(s.into())
}

fn para(s: &str) -> Block {
    Block::Paragraph(vec![text(s)])
}

fn chapter(id: &str, kind: ChapterKind, title: &str, blocks: Vec<Block>) -> Chapter {
    Chapter {
        id: id.into(),
        kind,
        title: if title.is_empty() {
            Vec::new()
        } else {
            vec![text(title)]
        },
        subtitle: None,
        source: PathBuf::from(format!("{id}.md")),
        line: 1,
        blocks,
    }
}

/// A Chinese book with every construct and enough text for many pages.
fn sample_book() -> Book {
    let mut chapters = vec![
        chapter(
            "copyright",
            ChapterKind::Copyright,
            "",
            vec![
                para("版权声明"),
                para("来源:聪明投资者(Capital-nature)、书享界(readsharecn)"),
            ],
        ),
        chapter(
            "intro",
            ChapterKind::Preface,
            "导言",
            vec![para(SEED[0]), para(SEED[1])],
        ),
    ];
    for n in 1..=4 {
        let mut blocks = Vec::new();
        for k in 0..(4 + n * 3) {
            blocks.push(para(SEED[(k + n) % SEED.len()]));
            if k == 2 {
                blocks.push(Block::Heading {
                    level: 2,
                    id: format!("h{n}"),
                    content: vec![text("小节标题")],
                });
            }
        }
        if n == 1 {
            blocks.push(Block::Paragraph(vec![
                text("大家其实都能想象,我们终将迎来属于自己的“R2-D2”"),
                Inline::NoteRef {
                    note: 0,
                    id: "ref-1".into(),
                },
                text("。它会陪伴我们成长,"),
                Inline::Strong(vec![text("记住我们的一切")]),
                text(","),
                Inline::Emphasis(vec![text("成为我们的向导")]),
                text("和"),
                Inline::Code("partner()".into()),
                Inline::SoftBreak,
                Inline::Strikethrough(vec![text("伙伴")]),
                text("。"),
            ]));
            blocks.push(Block::BlockQuote(vec![
                para(SEED[2]),
                Block::BlockQuote(vec![para(SEED[1])]),
            ]));
            blocks.push(Block::List {
                start: None,
                items: vec![
                    ListItem {
                        task: None,
                        blocks: vec![
                            para("预训练规模定律"),
                            Block::List {
                                start: Some(1),
                                items: vec![ListItem {
                                    task: Some(true),
                                    blocks: vec![para("后训练")],
                                }],
                            },
                        ],
                    },
                    ListItem {
                        task: Some(false),
                        blocks: vec![para("推理规模定律")],
                    },
                ],
            });
            blocks.push(Block::CodeBlock {
                lang: None,
                text: format!("fn main() {{\n    println!(\"{}\");\n}}\n", "x".repeat(200)),
            });
            blocks.push(Block::Table {
                align: vec![crate::book::Align::Left, crate::book::Align::Right],
                head: vec![vec![text("公司")], vec![text("收入占比")]],
                rows: vec![
                    vec![vec![text("英伟达")], vec![text("40%")]],
                    vec![vec![text(SEED[1])], vec![text("很多很多")]],
                ],
            });
            blocks.push(Block::Rule);
        }
        chapters.push(chapter(
            &format!("ch{n}"),
            ChapterKind::Chapter,
            &format!("{n} 第{n}章标题"),
            blocks,
        ));
    }
    chapters[3].subtitle = Some(vec![text("赶紧跳上去")]);
    Book {
        meta: Metadata {
            title: "黄仁勋最新对话直面争议,中国科技仅慢“纳秒”".into(),
            authors: vec!["聪明投资者".into()],
            lang: "zh-CN".into(),
            publisher: Some("书享界".into()),
            identifier: "urn:test".into(),
            slug: "test".into(),
            ..Metadata::default()
        },
        chapters,
        notes: vec![Note {
            number: 1,
            id: "note-1".into(),
            blocks: vec![para("注:星球大战中R2-D2,是一位聪明活泼的机器人。")],
            refs: vec![NoteRefSite {
                chapter: 2,
                id: "ref-1".into(),
            }],
        }],
        assets: Vec::new(),
        cover: None,
    }
}

fn lay_out_fake(book: &Book, config: &PdfConfig) -> (Document, Diagnostics) {
    let d = Diagnostics::default();
    let doc = lay_out_with(book, &FakeShaper::new(), config, &d).expect("layout");
    (doc, d)
}

/// A text line of a page: baseline, glyphs (x, advance, size, text).
struct TextLine {
    y: f32,
    mono: bool,
    glyphs: Vec<(f32, f32, f32, String)>,
}

impl TextLine {
    fn text(&self) -> String {
        self.glyphs.iter().map(|g| g.3.as_str()).collect()
    }
}

fn text_lines(page: &Page) -> Vec<TextLine> {
    let mut lines: Vec<TextLine> = Vec::new();
    for item in &page.items {
        if let Item::Text(run) = item {
            for g in &run.glyphs {
                let adv = g.text.chars().next().map_or(0.0, FakeShaper::advance) * run.size;
                let y = run.y;
                let line = match lines.iter_mut().find(|l| (l.y - y).abs() < 0.01) {
                    Some(l) => l,
                    None => {
                        lines.push(TextLine {
                            y,
                            mono: false,
                            glyphs: Vec::new(),
                        });
                        lines.last_mut().unwrap()
                    }
                };
                line.mono |= run.face == crate::fonts::FaceId(2);
                line.glyphs.push((g.x, adv, run.size, g.text.clone()));
            }
        }
    }
    for l in &mut lines {
        l.glyphs.sort_by(|a, b| a.0.total_cmp(&b.0));
    }
    lines.sort_by(|a, b| a.y.total_cmp(&b.y));
    lines
}

#[test]
fn no_line_starts_with_a_closing_mark_or_ends_with_an_opening_one() {
    let (doc, _) = lay_out_fake(&sample_book(), &PdfConfig::default());
    let mut n = 0;
    for page in &doc.pages {
        for line in text_lines(page) {
            let t = line.text();
            if line.mono {
                continue; // code keeps its source lines
            }
            let (Some(first), Some(last)) = (t.chars().next(), t.chars().last()) else {
                continue;
            };
            assert!(
                !no_line_start(first),
                "line starts with a closing mark: {t}"
            );
            assert!(!no_line_end(last), "line ends with an opening mark: {t}");
            n += 1;
        }
    }
    assert!(n > 100, "{n} lines");
}

/// Sets `runs` with the fake shaper at 10.5 pt over 28 em.
fn set_fake(runs: Vec<Run>, indent: f32) -> Vec<super::flow::FlowLine> {
    let book = Book {
        meta: Metadata {
            lang: "zh".into(),
            ..Metadata::default()
        },
        ..Book::default()
    };
    let shaper = FakeShaper::new();
    let config = PdfConfig::default();
    let d = Diagnostics::default();
    let env = Env::new(&book, &shaper, &config, &d);
    let p = prepare(&env, runs, PrepOptions::default());
    let spec = ParaSpec {
        left: 0.0,
        width: 28.0 * 10.5,
        indent,
        align: Align::Justify,
        size: 10.5,
        line_height: 1.7,
    };
    set(&p, &spec)
}

fn line_glyphs(line: &super::flow::FlowLine) -> Vec<(f32, f32, String)> {
    let mut out = Vec::new();
    for item in &line.items {
        if let Item::Text(run) = item {
            for g in &run.glyphs {
                let adv = g.text.chars().next().map_or(0.0, FakeShaper::advance) * run.size;
                out.push((g.x, adv, g.text.clone()));
            }
        }
    }
    out.sort_by(|a, b| a.0.total_cmp(&b.0));
    out
}

#[test]
fn justified_lines_reach_the_right_edge_and_the_first_is_indented_2em() {
    let width = 28.0 * 10.5;
    for seed in SEED {
        let lines = set_fake(vec![Run::text(seed, Style::new(Role::Body, 10.5))], 21.0);
        let mut all = String::new();
        for (n, line) in lines.iter().enumerate() {
            let glyphs = line_glyphs(line);
            if n == 0 {
                assert!(
                    (glyphs[0].0 - 21.0).abs() < 0.01,
                    "first-line indent is 2 em: {}",
                    glyphs[0].0
                );
            }
            let (x, adv, _) = glyphs.last().unwrap();
            if n + 1 < lines.len() {
                assert!(
                    (x + adv - width).abs() < 0.01,
                    "line {n} ends at {} not {width}: {seed}",
                    x + adv
                );
            } else {
                assert!(x + adv <= width + 0.01);
            }
            all.extend(glyphs.iter().map(|g| g.2.as_str()));
        }
        assert_eq!(all, seed, "the glyphs carry exactly the source text");
    }
}

#[test]
fn cjk_latin_spacing_is_a_quarter_em_and_geometry_only() {
    let lines = set_fake(
        vec![Run::text(
            "超过40%的收入,AI代理",
            Style::new(Role::Body, 10.0),
        )],
        0.0,
    );
    let g = line_glyphs(&lines[0]);
    let text: String = g.iter().map(|g| g.2.as_str()).collect();
    assert_eq!(text, "超过40%的收入,AI代理");
    // 过 | 4: a quarter em (2.5 pt) beyond the advance; % | 的: none.
    assert!((g[2].0 - (g[1].0 + 10.0) - 2.5).abs() < 0.01);
    assert!((g[5].0 - (g[4].0 + 5.0)).abs() < 0.01);
    let ai = g.iter().position(|x| x.2 == "A").unwrap();
    assert!(
        (g[ai + 2].0 - (g[ai + 1].0 + 5.0) - 2.5).abs() < 0.01,
        "I|代"
    );
}

#[test]
fn toc_page_numbers_are_the_pages_of_the_headings_and_link_there() {
    let book = sample_book();
    let (doc, _) = lay_out_fake(&book, &PdfConfig::default());
    let toc = doc
        .outline
        .iter()
        .find(|o| o.title == "目录")
        .expect("contents in the outline");
    let toc_page = &doc.pages[toc.page];
    let lines = text_lines(toc_page);
    let mut checked = 0;
    for o in &doc.outline {
        if o.title == "目录" || o.title == book.meta.title {
            continue;
        }
        let line = lines
            .iter()
            .find(|l| l.text().starts_with(&o.title))
            .unwrap_or_else(|| panic!("no TOC line for {}", o.title));
        let t = line.text();
        let number = t[o.title.len()..].to_string();
        assert_eq!(number, doc.pages[o.page].label, "TOC entry {}", o.title);
        // The heading is on that page.
        let heading = text_lines(&doc.pages[o.page])
            .iter()
            .any(|l| l.text().contains(o.title.as_str()) || o.title == "版权页");
        assert!(heading, "{} not on page {}", o.title, o.page);
        // The entry links there.
        let link = toc_page
            .links
            .iter()
            .find(|l| (l.y..l.y + l.height).contains(&(line.y - 1.0)))
            .expect("entry is a link");
        assert!(matches!(link.target, Destination::Page { page, .. } if page == o.page));
        checked += 1;
    }
    assert!(checked >= 6);
    // Body numbering starts at 1 with the first chapter; front matter is roman.
    let first = doc
        .outline
        .iter()
        .find(|o| o.title.starts_with("1 "))
        .unwrap();
    assert_eq!(doc.pages[first.page].label, "1");
    assert!(first.page.is_multiple_of(2), "page 1 is a recto");
    assert_eq!(doc.pages[toc.page].label, "iv");
    assert!(doc.outline.iter().any(|o| o.title == "注释"));
    assert_eq!(
        first.children.len(),
        1,
        "level-2 headings nest in the outline"
    );
}

#[test]
fn note_references_and_notes_link_to_each_other() {
    let (doc, _) = lay_out_fake(&sample_book(), &PdfConfig::default());
    let notes = doc.outline.iter().find(|o| o.title == "注释").unwrap();
    let toc = doc.outline.iter().find(|o| o.title == "目录").unwrap().page;
    let ref_link = doc
        .pages
        .iter()
        .enumerate()
        .flat_map(|(i, p)| p.links.iter().map(move |l| (i, l)))
        .find(|(i, l)| {
            *i > toc
                && *i < notes.page
                && matches!(l.target, Destination::Page { page, .. } if page == notes.page)
        })
        .expect("a note reference links to the notes page");
    let back = doc.pages[notes.page]
        .links
        .iter()
        .find(|l| matches!(l.target, Destination::Page { page, .. } if page == ref_link.0))
        .expect("the note links back");
    assert!(back.width > 0.0);
}

#[test]
fn nothing_outside_the_text_area() {
    for profile in [Profile::Book, Profile::Handout] {
        let config = PdfConfig {
            profile,
            ..PdfConfig::default()
        };
        let (doc, _) = lay_out_fake(&sample_book(), &config);
        let paper = if profile == Profile::Book {
            config.paper
        } else {
            crate::config::Paper::A4
        };
        let g = Geometry::new(paper, &config, 10.5);
        let (top, bottom) = (g.top, g.top + g.text_height);
        for (i, page) in doc.pages.iter().enumerate() {
            assert!((page.width - g.width).abs() < 0.01 && (page.height - g.height).abs() < 0.01);
            let left = g.left(i);
            for line in text_lines(page) {
                for (x, adv, size, t) in &line.glyphs {
                    assert!(
                        *x >= left - 0.01 && x + adv <= left + g.text_width + 0.01,
                        "page {i}: {t:?} at x {x} outside"
                    );
                    let (gt, gb) = (line.y - 0.88 * size, line.y + 0.12 * size);
                    let inside = gt >= top - 0.01 && gb <= bottom + 0.01;
                    let head = gb < top;
                    let foot = gt > bottom && gb < g.height;
                    assert!(
                        inside || head || foot,
                        "page {i}: {t:?} at y {} straddles the text area",
                        line.y
                    );
                }
            }
            for item in &page.items {
                if let Item::Rect { x, width, .. } = item {
                    assert!(
                        *x >= left - 1.01 && x + width <= left + g.text_width + 1.01,
                        "page {i}: rect outside"
                    );
                }
            }
        }
    }
}

#[test]
fn widows_orphans_and_headings_kept_with_text() {
    let book = Book {
        meta: Metadata {
            lang: "zh".into(),
            ..Metadata::default()
        },
        ..Book::default()
    };
    let shaper = FakeShaper::new();
    let config = PdfConfig::default();
    let d = Diagnostics::default();
    let env = Env::new(&book, &shaper, &config, &d);
    let spec = ParaSpec {
        left: 0.0,
        width: 10.0 * 10.5,
        indent: 21.0,
        align: Align::Justify,
        size: 10.5,
        line_height: 1.7,
    };
    let mut lines = Vec::new();
    let mut paragraphs = Vec::new();
    for (k, seed) in SEED.iter().cycle().take(12).enumerate() {
        if k % 4 == 1 {
            let mut heading = set(
                &prepare(
                    &env,
                    vec![Run::text("标题", Style::new(Role::Heading, 14.0))],
                    PrepOptions::default(),
                ),
                &spec,
            );
            heading[0].keep_with_next = true;
            lines.push(heading.remove(0));
        }
        let p = prepare(
            &env,
            vec![Run::text(*seed, Style::new(Role::Body, 10.5))],
            PrepOptions::default(),
        );
        let start = lines.len();
        lines.extend(set(&p, &spec));
        paragraphs.push((start, lines.len(), k % 4 == 1));
    }
    let pitch = 10.5 * 1.7;
    for n_lines in 6..30 {
        let pages = paginate(&lines, n_lines as f32 * pitch + 0.5);
        let page_of = |line: usize| {
            pages
                .iter()
                .position(|p| p.iter().any(|pl| pl.line == line))
                .unwrap()
        };
        for &(start, end, after_heading) in &paragraphs {
            let n = end - start;
            for p in page_of(start)..=page_of(end - 1) {
                let here = (start..end).filter(|&l| page_of(l) == p).count();
                if n >= 2 {
                    assert!(
                        here >= 2,
                        "{n_lines} lines/page: a paragraph of {n} leaves {here} line on page {p}"
                    );
                }
            }
            if after_heading {
                assert_eq!(
                    page_of(start - 1),
                    page_of(start),
                    "heading left at a page foot"
                );
                assert_eq!(
                    page_of(start),
                    page_of(start + 1),
                    "heading kept with 2 lines"
                );
            }
        }
    }
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    let mut quote = para("最深处");
    for _ in 0..5000 {
        quote = Block::BlockQuote(vec![quote]);
    }
    let mut list = para("列表");
    for _ in 0..5000 {
        list = Block::List {
            start: None,
            items: vec![ListItem {
                task: None,
                blocks: vec![list],
            }],
        };
    }
    let mut book = sample_book();
    book.chapters[2].blocks = vec![quote, list];
    // A small stack: recursion over 5000 levels would not fit.
    let handle = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || {
            let (doc, _) = lay_out_fake(&book, &PdfConfig::default());
            let found = doc
                .pages
                .iter()
                .any(|p| text_lines(p).iter().any(|l| l.text() == "最深处"));
            // Take the tree apart iteratively: the derived Drop recurses.
            let mut stack: Vec<Block> = std::mem::take(&mut book.chapters[2].blocks);
            while let Some(b) = stack.pop() {
                match b {
                    Block::BlockQuote(v) => stack.extend(v),
                    Block::List { items, .. } => {
                        stack.extend(items.into_iter().flat_map(|i| i.blocks))
                    }
                    _ => {}
                }
            }
            found
        })
        .unwrap();
    assert!(
        handle.join().expect("no stack overflow"),
        "the innermost text is laid out"
    );
}

#[test]
fn missing_characters_are_reported_once_with_code_point_and_file() {
    let mut book = sample_book();
    book.chapters[2].blocks.push(para("西夏文𗀀和𗀀再一次"));
    let d = Diagnostics::default();
    let shaper = FakeShaper {
        missing: vec!['𗀀'],
    };
    lay_out_with(&book, &shaper, &PdfConfig::default(), &d).unwrap();
    let all = d.into_vec();
    assert_eq!(all.len(), 1, "{all:?}");
    let msg = all[0].to_string();
    assert!(msg.contains("U+17000") && msg.contains("ch1.md"), "{msg}");
}

#[test]
fn handout_is_a4_with_title_and_copyright_on_page_one() {
    let config = PdfConfig {
        profile: Profile::Handout,
        ..PdfConfig::default()
    };
    let (doc, _) = lay_out_fake(&sample_book(), &config);
    let first: String = text_lines(&doc.pages[0])
        .iter()
        .map(TextLine::text)
        .collect();
    assert!(first.starts_with("黄仁勋最新对话"), "{first}");
    assert!(
        first.contains("版权声明") && first.contains("来源:聪明投资者"),
        "{first}"
    );
    assert!((doc.pages[0].width - 595.28).abs() < 0.1);
    let n = doc.pages.len();
    let foot = text_lines(&doc.pages[n - 1]).last().unwrap().text();
    assert_eq!(foot, format!("{n} / {n}"));
}

#[test]
fn every_paragraph_comes_back_in_order() {
    let book = sample_book();
    let config = PdfConfig::default();
    let (doc, _) = lay_out_fake(&book, &config);
    let g = Geometry::new(config.paper, &config, 10.5);
    // Body text only: running heads and page numbers interrupt paragraphs.
    let all: String = doc
        .pages
        .iter()
        .flat_map(text_lines)
        .filter(|l| l.y > g.top && l.y < g.top + g.text_height)
        .map(|l| l.text())
        .collect();
    let mut at = 0;
    for ch in &book.chapters {
        for b in &ch.blocks {
            if let Block::Paragraph(inl) = b {
                if let [Inline::Text(t)] = inl.as_slice() {
                    let found = all[at..]
                        .find(t.as_str())
                        .unwrap_or_else(|| panic!("missing or out of order: {t}\n{}", &all[at..]));
                    at += found + t.len();
                }
            }
        }
    }
}

#[test]
fn layout_is_deterministic() {
    let book = sample_book();
    let (a, _) = lay_out_fake(&book, &PdfConfig::default());
    let (b, _) = lay_out_fake(&book, &PdfConfig::default());
    assert_eq!(a, b);
}

#[test]
fn real_fonts_lay_out_a_chinese_book() {
    let mut book = sample_book();
    book.chapters.truncate(3);
    let fonts = crate::fonts::FontSet::builtin();
    let d = Diagnostics::default();
    let doc: page::Document = super::lay_out(&book, &fonts, &PdfConfig::default(), &d).unwrap();
    assert!(d.snapshot().is_empty(), "{:?}", d.snapshot());
    let mut text = String::new();
    for p in &doc.pages {
        for item in &p.items {
            if let Item::Text(run) = item {
                for g in &run.glyphs {
                    assert!(
                        g.gid != 0 || g.text.trim().is_empty(),
                        "tofu for {:?}",
                        g.text
                    );
                    text.push_str(&g.text);
                }
            }
        }
    }
    for seed in [SEED[0], SEED[1]] {
        assert!(text.contains(seed), "{seed}");
    }
}

#[test]
fn adjacent_marks_share_a_blank_half() {
    let lines = set_fake(
        vec![Run::text("说“好”。他", Style::new(Role::Body, 10.0))],
        0.0,
    );
    let g = line_glyphs(&lines[0]);
    let x = |t: &str| g.iter().find(|x| x.2 == t).unwrap().0;
    // ” then 。: 1.5 em for the pair; 说 then “: no compression.
    assert!((x("。") - x("”") - 5.0).abs() < 0.01);
    assert!((x("“") - x("说") - 10.0).abs() < 0.01);
    assert!((x("他") - x("。") - 10.0).abs() < 0.01);
}

#[test]
fn a_long_paragraph_is_laid_out_in_linear_time() {
    let mut book = sample_book();
    let long: String = SEED.iter().cycle().take(400).copied().collect(); // ~40 000 characters
    book.chapters[2].blocks = vec![para(&long), para(&"x".repeat(20_000))];
    let start = std::time::Instant::now();
    let (doc, _) = lay_out_fake(&book, &PdfConfig::default());
    assert!(doc.pages.len() > 50, "{}", doc.pages.len());
    assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
}

#[test]
fn images_fit_the_column_and_the_cover_fits_the_page() {
    let mut book = sample_book();
    let asset = |w, h| crate::book::Asset {
        name: "images/x.png".into(),
        media_type: crate::book::MediaType::Png,
        data: Vec::new(),
        width: w,
        height: h,
    };
    book.assets = vec![asset(3000, 1000), asset(600, 800), asset(500, 5000)];
    book.cover = Some(1);
    let img = |a| Inline::Image {
        asset: Some(a),
        src: "x.png".into(),
        alt: "图".into(),
        title: None,
    };
    book.chapters[2]
        .blocks
        .insert(0, Block::Paragraph(vec![img(0)]));
    book.chapters[2]
        .blocks
        .insert(1, Block::Paragraph(vec![img(2)]));
    book.chapters[2].blocks.insert(
        2,
        Block::Paragraph(vec![text("行内"), img(0), text("图片")]),
    );
    let config = PdfConfig::default();
    let (doc, _) = lay_out_fake(&book, &config);
    let g = Geometry::new(config.paper, &config, 10.5);
    let cover = &doc.pages[0];
    let Some(Item::Image {
        asset: 1,
        x,
        y,
        width,
        height,
    }) = cover.items.first()
    else {
        panic!("cover image")
    };
    assert!(
        *x >= -0.01 && *y >= -0.01 && x + width <= g.width + 0.01 && y + height <= g.height + 0.01
    );
    assert!(
        (height - g.height).abs() < 0.01 || (width - g.width).abs() < 0.01,
        "scaled to fit"
    );
    let mut seen = 0;
    for (i, page) in doc.pages.iter().enumerate().skip(1) {
        for item in &page.items {
            if let Item::Image {
                x,
                y,
                width,
                height,
                ..
            } = item
            {
                let left = g.left(i);
                assert!(
                    *x >= left - 0.01 && x + width <= left + g.text_width + 0.01,
                    "image wider than the column"
                );
                assert!(
                    *y >= g.top - 0.01 && y + height <= g.top + g.text_height + 0.01,
                    "image past the margins"
                );
                seen += 1;
            }
        }
    }
    assert_eq!(seen, 3);
}

#[test]
fn emphasis_in_chinese_gets_dots_under_each_ideograph() {
    let book = Book {
        meta: Metadata {
            lang: "zh-CN".into(),
            ..Metadata::default()
        },
        ..Book::default()
    };
    let runs = super::inline::flatten(
        &[Inline::Emphasis(vec![text("重点AI")])],
        &Style::new(Role::Body, 10.0),
        &book,
    );
    let shaper = FakeShaper::new();
    let config = PdfConfig::default();
    let d = Diagnostics::default();
    let env = Env::new(&book, &shaper, &config, &d);
    let p = prepare(&env, runs, PrepOptions::default());
    let spec = ParaSpec {
        left: 0.0,
        width: 100.0,
        indent: 0.0,
        align: Align::Left,
        size: 10.0,
        line_height: 1.7,
    };
    let line = &set(&p, &spec)[0];
    let dots = line
        .items
        .iter()
        .filter(|i| matches!(i, Item::Rect { .. }))
        .count();
    assert_eq!(dots, 2, "one dot per ideograph, none under Latin");
    let glyphs = line_glyphs(line);
    assert_eq!(
        glyphs.iter().map(|g| g.2.as_str()).collect::<String>(),
        "重点AI"
    );
}

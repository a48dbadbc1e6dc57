//! Engine tests: hand-built books laid out with fixed-width fake
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
use super::shape::FakeShaper;
use super::style::Style;
use super::{lay_out_with, page};
use crate::text::punct::{no_line_end, no_line_start};

pub const SEED: [&str; 6] = [
    "对话中谈及中国科技,黄仁勋打破偏见,盛赞中国高科技产业活力与制造能力,称“中国仅慢纳秒”,呼吁以开放竞争推动全球产业发展。最后,他描绘AI与机器人融合的未来图景,警示行业“搭上指数级增长的AI列车,方能把握机遇”。这场对话,既是对AI产业现状的深度复盘,更是对未来五年技术革命的清晰展望。以下为对话内容:",
    "格斯特纳:如今你超过40%的收入来自推理业务。而真正的推理革命,也就是“链式推理”,才刚刚拉开序幕,对吗?",
    "无论怎样,我唯一的请求是:总得从我们这儿买点东西。(笑)",
    "格斯特纳:你们推出的NVLinkFusion(英伟达推出的新一代互联技术,它能把不同厂商的CPU、GPU或加速器高速连接起来,让它们像一个整体一样协同工作。相比传统的封闭互联,NVLinkFusion更开放,允许Intel、ARM等生态无缝接入,从而扩大了英伟达“AI工厂”的影响力),甚至向英特尔——你们刚刚投资的竞争对手,敞开了大门。这说明你们希望整个行业一起来建设这座“工厂”。",
    "所以当你们或微软、亚马逊投资的公司,同时又是你们的大客户,比如你们投资了OpenAI,而OpenAI又向你们采购数百亿美元的芯片……请告诉我们,分析师们担心的“循环收入”问题,到底错在哪?",
    "假设未来AI生成了10万亿美元的token价值,毛利率是50%,那么就需要一个价值5万亿美元的“AI工厂”——也就是AI基础设施来支撑。",
];

pub fn text(s: &str) -> Inline {
    Inline::Text(s.into())
}

pub fn para(s: &str) -> Block {
    Block::Paragraph(vec![text(s)])
}

pub fn chapter(id: &str, kind: ChapterKind, title: &str, blocks: Vec<Block>) -> Chapter {
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
        depth: 0,
        lang: None,
        blocks,
        block_lines: Vec::new(),
    }
}

/// A Chinese book with every construct and enough text for many pages.
pub fn sample_book() -> Book {
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
            // Wide numbers must hang inside the margin.
            blocks.push(Block::List {
                start: Some(99_998),
                items: vec![
                    ListItem {
                        task: None,
                        blocks: vec![para("第一项")],
                    },
                    ListItem {
                        task: None,
                        blocks: vec![para("第二项")],
                    },
                ],
            });
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
        toc_marks: Vec::new(),
        code: Default::default(),
    }
}

pub fn lay_out_fake(book: &Book, config: &PdfConfig) -> (Document, Diagnostics) {
    let d = Diagnostics::default();
    let doc = lay_out_with(book, &FakeShaper::new(), config, &d).expect("layout");
    (doc, d)
}

/// A text line of a page: baseline, glyphs (x, advance, size, text).
pub struct TextLine {
    pub y: f32,
    pub mono: bool,
    pub glyphs: Vec<(f32, f32, f32, String)>,
}

impl TextLine {
    fn text(&self) -> String {
        self.glyphs.iter().map(|g| g.3.as_str()).collect()
    }
}

pub fn text_lines(page: &Page) -> Vec<TextLine> {
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
                line.glyphs.push((g.x, adv, run.size, g.text.to_string()));
            }
        }
    }
    for l in &mut lines {
        l.glyphs.sort_by(|a, b| a.0.total_cmp(&b.0));
    }
    lines.sort_by(|a, b| a.y.total_cmp(&b.y));
    lines
}

/// Sets `runs` with the fake shaper at 10.5 pt over 28 em.
pub fn set_fake(runs: Vec<Run>, indent: f32) -> Vec<super::flow::FlowLine> {
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

pub fn line_glyphs(line: &super::flow::FlowLine) -> Vec<(f32, f32, String)> {
    let mut out = Vec::new();
    for item in &line.items {
        if let Item::Text(run) = item {
            for g in &run.glyphs {
                let adv = g.text.chars().next().map_or(0.0, FakeShaper::advance) * run.size;
                out.push((g.x, adv, g.text.to_string()));
            }
        }
    }
    out.sort_by(|a, b| a.0.total_cmp(&b.0));
    out
}

mod document;
mod figures;
mod furniture;
mod paragraph;
mod reuse;
mod robust;
mod ruby;
mod vertical;

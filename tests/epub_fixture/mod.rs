//! The EPUB tests' fixture: a hand-built book that uses every construct of
//! the model, and a tiny PNG encoded without an image crate.

#![allow(dead_code)]

use folio::book::*;

fn t(s: &str) -> Inline {
    Inline::Text(s.into())
}

fn p(inlines: Vec<Inline>) -> Block {
    Block::Paragraph(inlines)
}

fn item(blocks: Vec<Block>) -> ListItem {
    ListItem { task: None, blocks }
}

/// A 2×2 RGB PNG, encoded here (stored zlib blocks, real CRCs) so the test
/// needs no image crate.
pub fn tiny_png() -> Vec<u8> {
    fn crc32(data: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &b in data {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend((data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend(data);
        out.extend(&body);
        out.extend(crc32(&body).to_be_bytes());
    }
    let raw: Vec<u8> = [
        [0u8, 200, 30, 30, 30, 30, 200],
        [0, 30, 200, 30, 250, 250, 250],
    ]
    .concat();
    let (mut a, mut b) = (1u32, 0u32);
    for &x in &raw {
        a = (a + u32::from(x)) % 65_521;
        b = (b + a) % 65_521;
    }
    let mut zlib = vec![0x78, 0x01, 0x01];
    zlib.extend((raw.len() as u16).to_le_bytes());
    zlib.extend((!(raw.len() as u16)).to_le_bytes());
    zlib.extend(&raw);
    zlib.extend(((b << 16) | a).to_be_bytes());
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend(2u32.to_be_bytes());
    ihdr.extend(2u32.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    chunk(&mut png, b"IHDR", &ihdr);
    chunk(&mut png, b"IDAT", &zlib);
    chunk(&mut png, b"IEND", &[]);
    png
}

/// A Chinese book with every construct of the model: headings, emphasis,
/// strong, strikethrough, code, code block, quote, nested lists (ordered
/// with start, task items), a table with alignments, an image asset and a
/// remote image, external and internal links, a rule, line and soft
/// breaks, raw HTML, a copyright page, a preface, several chapters (one
/// with a subtitle), several notes (one referenced twice), and `<>&"'` in
/// the title and author.
pub fn test_book() -> Book {
    let meta = Metadata {
        title: "测试之书 <Tags> & \"Quotes\" 'n'".into(),
        subtitle: Some("副标题 & <更多>".into()),
        authors: vec!["作者 <A&B>".into(), "O'Brien \"Bob\"".into()],
        lang: "zh-CN".into(),
        description: Some("一本测试 <书> & more".into()),
        publisher: Some("书享界 & Co".into()),
        source: Some("聪明投资者".into()),
        rights: Some("© 2025 <all> rights".into()),
        keywords: vec!["测试".into(), "EPUB".into()],
        identifier: "urn:uuid:6f0e6b8e-4f61-4e1b-9d7a-3c1f2a9b0c11".into(),
        date: Some("2025-09-25".into()),
        modified: 1_758_758_400,
        slug: "test-book".into(),
        ..Metadata::default()
    };
    let copyright = Chapter {
        id: "copyright".into(),
        kind: ChapterKind::Copyright,
        title: vec![],
        subtitle: None,
        source: "copyright.md".into(),
        line: 1,
        depth: 0,
        lang: None,
        blocks: vec![
            p(vec![t("版权声明")]),
            p(vec![t("来源:聪明投资者 <https://example.com> & “引号”")]),
            p(vec![t("书享界保留所有权 |书享界 » 测试")]),
        ],
        block_lines: Vec::new(),
    };
    let preface = Chapter {
        id: "intro".into(),
        kind: ChapterKind::Preface,
        title: vec![t("导言")],
        subtitle: None,
        source: "intro.md".into(),
        line: 1,
        depth: 0,
        lang: None,
        blocks: vec![
            p(vec![
                t("第一段，"),
                Inline::SoftBreak,
                t("接着写。AI 和 OpenAI 占 40%"),
                Inline::NoteRef {
                    note: 0,
                    id: "ref-1".into(),
                },
                t("。"),
            ]),
            p(vec![t("以下为对话内容:")]),
        ],
        block_lines: Vec::new(),
    };
    let ch1 = Chapter {
        id: "ch01".into(),
        kind: ChapterKind::Chapter,
        title: vec![t("1. 第一章 "), Inline::Emphasis(vec![t("强调")])],
        subtitle: None,
        source: "ch01.md".into(),
        line: 1,
        depth: 0,
        lang: None,
        blocks: vec![
            p(vec![
                t("普通文字 "),
                Inline::Emphasis(vec![t("emphasis")]),
                t(", "),
                Inline::Strong(vec![t("strong "), Inline::Emphasis(vec![t("both")])]),
                t(", "),
                Inline::Strikethrough(vec![t("struck")]),
                t(", "),
                Inline::Code("a < b && \"c\"".into()),
                t(" and <raw> & 'quotes'."),
                Inline::NoteRef {
                    note: 1,
                    id: "ref-2".into(),
                },
            ]),
            Block::Heading {
                level: 2,
                id: "section-a".into(),
                content: vec![t("小节 A & B")],
            },
            p(vec![
                t("Line one"),
                Inline::LineBreak,
                t("line two"),
                Inline::SoftBreak,
                t("same paragraph."),
            ]),
            Block::CodeBlock {
                lang: Some("rust".into()),
                text: "fn main() {\n    println!(\"<&>\");\n}\n".into(),
            },
            Block::BlockQuote(vec![
                p(vec![t("引用的话。")]),
                Block::BlockQuote(vec![p(vec![t("Nested quote.")])]),
            ]),
            Block::Heading {
                level: 3,
                id: "lists".into(),
                content: vec![t("Lists")],
            },
            Block::List {
                start: None,
                items: vec![
                    item(vec![
                        p(vec![t("bullet one")]),
                        Block::List {
                            start: Some(3),
                            items: vec![
                                item(vec![p(vec![t("three")])]),
                                item(vec![p(vec![t("four")])]),
                            ],
                        },
                    ]),
                    item(vec![p(vec![t("bullet two")])]),
                ],
            },
            Block::List {
                start: Some(1),
                items: vec![
                    ListItem {
                        task: Some(true),
                        blocks: vec![p(vec![t("done task")])],
                    },
                    ListItem {
                        task: Some(false),
                        blocks: vec![p(vec![t("open task")])],
                    },
                ],
            },
            Block::Table {
                align: vec![Align::None, Align::Left, Align::Center, Align::Right],
                head: vec![vec![t("名")], vec![t("左")], vec![t("中")], vec![t("右")]],
                rows: vec![
                    vec![vec![t("a")], vec![t("b")], vec![t("c")], vec![t("1")]],
                    vec![
                        vec![Inline::Strong(vec![t("x")])],
                        vec![t("y")],
                        vec![t("z")],
                        vec![t("22")],
                    ],
                ],
            },
            Block::Rule,
            p(vec![
                Inline::Image(Image {
                    asset: Some(0),
                    src: "images/pic.png".into(),
                    alt: "一张图 <alt>".into(),
                    title: Some("Title \"quoted\"".into()),
                    ..Image::default()
                }),
                t(" and a remote one: "),
                Inline::Image(Image {
                    asset: None,
                    src: "https://example.com/remote image.png".into(),
                    alt: "remote".into(),
                    title: None,
                    ..Image::default()
                }),
            ]),
            p(vec![
                Inline::Link {
                    target: LinkTarget::External("https://example.com/?a=1&b=2".into()),
                    title: Some("Example & co".into()),
                    content: vec![t("external link")],
                },
                t(" / "),
                Inline::Link {
                    target: LinkTarget::Internal {
                        chapter: 3,
                        anchor: Some("later".into()),
                    },
                    title: None,
                    content: vec![t("internal link")],
                },
                t(" / "),
                Inline::Link {
                    target: LinkTarget::Internal {
                        chapter: 1,
                        anchor: None,
                    },
                    title: None,
                    content: vec![t("to the preface")],
                },
            ]),
            // What raw HTML becomes: model nodes.
            Block::Div {
                attrs: BlockAttrs {
                    classes: vec!["raw".into()],
                    ..BlockAttrs::default()
                },
                blocks: vec![p(vec![
                    t("Raw "),
                    Inline::Strong(vec![t("HTML")]),
                    t("\u{a0}block"),
                ])],
            },
            p(vec![
                t("Inline "),
                Inline::Phrase {
                    kind: Phrase::Keyboard,
                    content: vec![t("raw")],
                },
                t(" html."),
            ]),
        ],
        block_lines: Vec::new(),
    };
    let ch2 = Chapter {
        id: "ch02".into(),
        kind: ChapterKind::Chapter,
        title: vec![t("9. 面对一辆正以指数级加速前进的火车")],
        subtitle: Some(vec![t("赶紧跳上去")]),
        source: "ch02.md".into(),
        line: 1,
        depth: 0,
        lang: None,
        blocks: vec![
            p(vec![
                t("R2-D2 的那句话"),
                Inline::NoteRef {
                    note: 0,
                    id: "ref-1-2".into(),
                },
                t("，又一次。"),
                Inline::NoteRef {
                    note: 2,
                    id: "ref-3".into(),
                },
            ]),
            Block::Heading {
                level: 2,
                id: "later".into(),
                content: vec![t("Later")],
            },
            p(vec![t("终。")]),
        ],
        block_lines: Vec::new(),
    };
    let notes = vec![
        Note {
            number: 1,
            id: "note-1".into(),
            blocks: vec![p(vec![t("注:星球大战中R2-D2… referenced twice.")])],
            refs: vec![
                NoteRefSite {
                    chapter: 1,
                    id: "ref-1".into(),
                },
                NoteRefSite {
                    chapter: 3,
                    id: "ref-1-2".into(),
                },
            ],
        },
        Note {
            number: 2,
            id: "note-2".into(),
            blocks: vec![
                p(vec![t("First paragraph of note 2.")]),
                p(vec![
                    t("Second, with "),
                    Inline::Code("code".into()),
                    t("."),
                ]),
            ],
            refs: vec![NoteRefSite {
                chapter: 2,
                id: "ref-2".into(),
            }],
        },
        Note {
            number: 3,
            id: "note-3".into(),
            blocks: vec![Block::CodeBlock {
                lang: None,
                text: "a note that ends in code".into(),
            }],
            refs: vec![NoteRefSite {
                chapter: 3,
                id: "ref-3".into(),
            }],
        },
    ];
    Book {
        meta,
        chapters: vec![copyright, preface, ch1, ch2],
        notes,
        assets: vec![Asset {
            name: "images/pic.png".into(),
            media_type: MediaType::Png,
            data: tiny_png(),
            width: 2,
            height: 2,
        }],
        cover: None,
        toc_marks: Vec::new(),
        code: Default::default(),
    }
}

use std::path::Path;

use super::*;
use crate::book::{Block, Inline, LinkTarget, ListItem};
use crate::diagnostics::Diagnostics;

pub(super) fn book_from(files: &[(&str, &str)]) -> (Book, Vec<crate::Diagnostic>) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let target = if files.len() == 1 && files[0].0.ends_with(".md") {
        dir.path().join(files[0].0)
    } else {
        dir.path().to_path_buf()
    };
    let manuscript = crate::load::load(&target).unwrap();
    let diagnostics = Diagnostics::default();
    let book = parse(
        &manuscript,
        &crate::world::Disk,
        &ParseOptions::default(),
        &diagnostics,
    )
    .unwrap();
    (book, diagnostics.into_vec())
}

pub(super) fn messages(diags: &[crate::Diagnostic]) -> Vec<String> {
    diags.iter().map(|d| d.to_string()).collect()
}

#[test]
fn sample_manuscript_has_the_expected_shape() {
    let manuscript = crate::load::load(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("manuscript")
            .as_path(),
    )
    .unwrap();
    let diagnostics = Diagnostics::default();
    let book = parse(
        &manuscript,
        &crate::world::Disk,
        &ParseOptions::default(),
        &diagnostics,
    )
    .unwrap();
    assert!(
        diagnostics.snapshot().is_empty(),
        "{:?}",
        diagnostics.snapshot()
    );
    assert_eq!(book.meta.title, "黄仁勋最新对话直面争议,中国科技仅慢“纳秒”");
    assert_eq!(book.meta.lang, "zh-CN");
    assert_eq!(book.meta.date.as_deref(), Some("2025-09-25"));
    let kinds: Vec<_> = book.chapters.iter().map(|c| c.kind).collect();
    assert_eq!(kinds[0], ChapterKind::Copyright);
    assert_eq!(kinds[1], ChapterKind::Preface);
    assert_eq!(kinds.len(), 11);
    assert_eq!(
        book.chapters[2].title_text(),
        "1 推理革命的增长将是十亿倍量级"
    );
    assert_eq!(
        book.chapters[10].title_text(),
        "9 面对一辆正以指数级加速前进的火车"
    );
    assert_eq!(
        book.chapters[10].subtitle,
        Some(vec![Inline::Text("赶紧跳上去".into())])
    );
    assert_eq!(book.notes.len(), 1);
    assert_eq!(book.notes[0].refs.len(), 1);
    assert_eq!(book.notes[0].refs[0].chapter, 10);
    assert!(crate::book::plain_text(match &book.notes[0].blocks[0] {
        Block::Paragraph(p) => p,
        other => panic!("{other:?}"),
    })
    .starts_with("注:星球大战中R2-D2"));
}

#[test]
fn every_construct_maps_to_the_model() {
    let md = "# Title\n\nSome *em* **strong** ~~del~~ `code` [web](https://example.org) [self](#sub)  \nbreak\n\n## Sub {#sub}\n\n> quote\n\n1. one\n   - nested\n2. two\n\n- [x] done\n- [ ] todo\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n---\n\n```rust\nfn main() {}\n```\n\n<div onclick=\"x\">raw<br></div>\n";
    let (book, diags) = book_from(&[("a.md", md)]);
    let ch = &book.chapters[0];
    assert_eq!(ch.title_text(), "Title");
    let Block::Paragraph(p) = &ch.blocks[0] else {
        panic!("{:?}", ch.blocks[0])
    };
    assert!(p.iter().any(|i| matches!(i, Inline::Emphasis(_))));
    assert!(p.iter().any(|i| matches!(i, Inline::Strong(_))));
    assert!(p.iter().any(|i| matches!(i, Inline::Strikethrough(_))));
    assert!(p.iter().any(|i| matches!(i, Inline::Code(_))));
    assert!(p.iter().any(|i| matches!(i, Inline::LineBreak)));
    assert!(p.iter().any(|i| matches!(
        i,
        Inline::Link {
            target: LinkTarget::External(_),
            ..
        }
    )));
    assert!(p.iter().any(|i| matches!(i, Inline::Link { target: LinkTarget::Internal { chapter: 0, anchor: Some(a) }, .. } if a == "sub")));
    assert!(matches!(&ch.blocks[1], Block::Heading { level: 2, id, .. } if id == "sub"));
    assert!(matches!(&ch.blocks[2], Block::BlockQuote(_)));
    let Block::List {
        start: Some(1),
        items,
    } = &ch.blocks[3]
    else {
        panic!("{:?}", ch.blocks[3])
    };
    assert!(matches!(
        &items[0].blocks[1],
        Block::List { start: None, .. }
    ));
    let Block::List { items, .. } = &ch.blocks[4] else {
        panic!()
    };
    assert_eq!(
        items.iter().map(|i: &ListItem| i.task).collect::<Vec<_>>(),
        [Some(true), Some(false)]
    );
    assert!(
        matches!(&ch.blocks[5], Block::Table { head, rows, .. } if head.len() == 2 && rows.len() == 1)
    );
    assert!(matches!(&ch.blocks[6], Block::Rule));
    assert!(matches!(&ch.blocks[7], Block::CodeBlock { lang: Some(l), .. } if l == "rust"));
    // Raw HTML is model nodes too: the div's text is a paragraph.
    assert_eq!(
        ch.blocks[8],
        Block::Paragraph(vec![Inline::Text("raw".into()), Inline::LineBreak])
    );
    assert_eq!(messages(&diags).len(), 1, "{diags:?}");
}

#[test]
fn notes_are_numbered_across_chapters_and_checked() {
    let (book, diags) = book_from(&[
        ("a.md", "# A\n\nx[^a] y[^b] z[^a] w[^missing]\n\n[^a]: first\n[^b]: second\n[^unused]: never\n[^b]: again\n"),
        ("b.md", "# B\n\nv[^a]\n\n[^a]: third\n"),
    ]);
    let numbers: Vec<_> = book
        .notes
        .iter()
        .map(|n| (n.number, n.refs.len()))
        .collect();
    assert_eq!(numbers, [(1, 2), (2, 1), (3, 1)]);
    assert_eq!(book.notes[2].refs[0].chapter, 1);
    assert_ne!(book.notes[0].refs[0].id, book.notes[0].refs[1].id);
    let msgs = messages(&diags).join("\n");
    assert!(
        msgs.contains("a.md:3: footnote reference [^missing] has no definition"),
        "{msgs}"
    );
    assert!(
        msgs.contains("a.md:7: footnote [^unused] is defined but never referenced"),
        "{msgs}"
    );
    assert!(
        msgs.contains("a.md:8: footnote [^b] is defined twice"),
        "{msgs}"
    );
}

#[test]
fn links_between_files_become_chapter_links() {
    let (book, diags) = book_from(&[
        (
            "a.md",
            "# A\n\n[to b](b.md) [to sec](b.md#deep) [gone](b.md#nope) [out](../x.md)\n",
        ),
        ("b.md", "# B\n\n## Deep\n"),
    ]);
    let Block::Paragraph(p) = &book.chapters[0].blocks[0] else {
        panic!()
    };
    let targets: Vec<_> = p
        .iter()
        .filter_map(|i| match i {
            Inline::Link { target, .. } => Some(target.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(
        targets,
        [
            LinkTarget::Internal {
                chapter: 1,
                anchor: None
            },
            LinkTarget::Internal {
                chapter: 1,
                anchor: Some("deep".into())
            },
        ]
    );
    assert_eq!(diags.len(), 2, "{diags:?}");
}

#[test]
fn single_file_with_front_matter_splits_at_h1() {
    let (book, _) = book_from(&[(
        "my book.md",
        "---\ntitle: 书名\nauthor: 作者\ndate: 2024-01-02\n---\n\n前言文字。\n\n# 第一章\n\n正文。\n\n# 第二章\n\n正文。\n",
    )]);
    assert_eq!(book.meta.title, "书名");
    assert_eq!(book.meta.authors, ["作者"]);
    assert_eq!(book.meta.lang, "zh");
    assert_eq!(book.meta.slug, "my book");
    let titles: Vec<_> = book
        .chapters
        .iter()
        .map(|c| (c.kind, c.title_text()))
        .collect();
    assert_eq!(
        titles[1..],
        [
            (ChapterKind::Chapter, "第一章".to_string()),
            (ChapterKind::Chapter, "第二章".to_string())
        ]
    );
    assert_eq!(titles[0].0, ChapterKind::Preface);
}

#[test]
fn deep_nesting_is_flattened_not_overflowed() {
    let quotes = format!("{} deep\n", ">".repeat(5000));
    let list: String = (0..3000)
        .map(|i| format!("{}- item {i}\n", "  ".repeat(i)))
        .collect();
    let spans = format!("{}x\n", "<span>".repeat(5000));
    let (book, diags) = book_from(&[("a.md", &format!("# T\n\n{quotes}\n{list}\n{spans}"))]);
    let text = format!("{:?}", book.chapters[0].blocks);
    assert!(text.contains("deep") && text.contains("item 2999"));
    assert!(messages(&diags).iter().any(|m| m.contains("flattened")));
}

#[test]
fn folder_chapter_title_from_front_matter() {
    let (book, _) = book_from(&[
        ("a.md", "---\ntitle: Only here\n---\nBody text.\n"),
        ("b.md", "Text.\n"),
    ]);
    assert_eq!(book.chapters[0].title_text(), "Only here");
    assert_eq!(book.chapters[1].title_text(), "b");
    assert_eq!(book.meta.lang, "en");
}

#[test]
fn heading_jumps_are_reported_with_their_line() {
    let (_, diags) = book_from(&[("a.md", "# A\n\n## B\n\n#### D\n")]);
    let msgs = messages(&diags).join("\n");
    assert!(
        msgs.contains("a.md:5: heading level jumps from ## to ####"),
        "{msgs}"
    );
}

#[test]
fn markdown_str_builds_a_single_file_book_without_reading_files() {
    let (book, diags) = parse_markdown_str(
        "---\ntitle: 书\n---\n前言\n\n# 一\n\n![x](../../etc/passwd) [y](Cargo.toml)\n\n# 二\n",
        "mem",
    )
    .unwrap();
    assert_eq!(book.meta.title, "书");
    assert_eq!(book.meta.slug, "mem");
    let kinds: Vec<_> = book.chapters.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        [
            ChapterKind::Preface,
            ChapterKind::Chapter,
            ChapterKind::Chapter
        ]
    );
    assert!(book.assets.is_empty());
    let messages = messages(&diags);
    assert!(
        messages.iter().any(|m| m.contains("mem.md:8")),
        "{messages:?}"
    );
}

#[test]
fn a_book_in_a_memory_world_is_loaded_and_parsed_without_the_disk() {
    let mut world = crate::world::Memory::new();
    world.insert(
        "book.toml",
        "[book]\ntitle = \"Memory\"\n\n[folio]\nchapters = [\"src/one.md\", \"src/two.md\"]\n",
    );
    world.insert(
        "src/one.md",
        "# One\n\n![a shape](../images/shapes.svg)\n\nSee [two](two.md).\n",
    );
    world.insert("src/two.md", "# Two\n\n![gone](../images/gone.png)\n");
    world.insert(
        "images/shapes.svg",
        include_bytes!("../../tests/data/images/shapes.svg").to_vec(),
    );
    let manuscript = crate::load::load_in(&world, Path::new("")).unwrap();
    let diagnostics = Diagnostics::default();
    let book = parse(&manuscript, &world, &ParseOptions::default(), &diagnostics).unwrap();
    assert_eq!(book.meta.title, "Memory");
    assert_eq!(book.chapters.len(), 2);
    assert_eq!(book.assets.len(), 1, "the SVG is read from the world");
    assert_eq!(book.assets[0].media_type, crate::book::MediaType::Svg);
    let mut links = Vec::new();
    super::links::for_each_block(&book.chapters[0].blocks, &mut |block| {
        if let Block::Paragraph(inlines) = block {
            for inline in inlines {
                if let Inline::Link { target, .. } = inline {
                    links.push(target.clone());
                }
            }
        }
    });
    assert!(
        links.contains(&LinkTarget::Internal {
            chapter: 1,
            anchor: None
        }),
        "{links:?}"
    );
    let warnings = messages(&diagnostics.into_vec());
    assert!(
        warnings.iter().any(|w| w.contains("gone.png")),
        "{warnings:?}"
    );
}

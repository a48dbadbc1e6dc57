//! Links written with the anchors mdBook and GitHub give headings.

use super::tests::book_from;
use crate::book::{Block, Inline, LinkTarget};

/// The targets of the links in the first paragraph of chapter `index`.
fn link_targets(book: &crate::book::Book, index: usize) -> Vec<LinkTarget> {
    let para = book.chapters[index]
        .blocks
        .iter()
        .find(|b| matches!(b, Block::Paragraph(_)));
    let Some(Block::Paragraph(p)) = para else {
        panic!("no paragraph first: {:?}", book.chapters[index].blocks)
    };
    p.iter()
        .filter_map(|i| match i {
            Inline::Link { target, .. } => Some(target.clone()),
            _ => None,
        })
        .collect()
}

fn heading_ids(book: &crate::book::Book, index: usize) -> Vec<String> {
    book.chapters[index]
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { id, .. } => Some(id.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn github_slugs_with_duplicates_and_emoji_resolve() {
    let (book, diags) = book_from(&[(
        "readme.md",
        "# R\n\n[a](#usage) [b](#usage-1) [c](#contributors-) [d](#usage-3)\n\n## Usage\n\n## Usage\n\n## Contributors ✨\n",
    )]);
    assert_eq!(diags.len(), 1, "{diags:?}");
    let ids = heading_ids(&book, 0);
    let targets = link_targets(&book, 0);
    let anchors: Vec<_> = targets
        .iter()
        .map(|t| match t {
            LinkTarget::Internal { anchor, .. } => anchor.clone().unwrap(),
            other => panic!("{other:?}"),
        })
        .collect();
    // `#usage-3` names no heading: its text stays, without the link.
    assert_eq!(anchors, [ids[0].clone(), ids[1].clone(), ids[2].clone()]);
    assert!(diags.iter().any(|d| d.message.contains("`#usage-3`")));
}

#[test]
fn mdbook_cjk_slugs_resolve_across_files_and_to_titles() {
    let (book, diags) = book_from(&[
        ("src/SUMMARY.md", "- [A](a.md)\n- [B](b.md)\n"),
        ("book.toml", "[book]\ntitle = \"T\"\n"),
        (
            "src/a.md",
            "# 甲\n\n## 乙\n\n[x](#透過-box-建立遞迴型別) [y](b.html#使用-boxt-取得) [z](b.md#第二章) [w](b.md#%E4%BD%BF%E7%94%A8-boxt-%E5%8F%96%E5%BE%97)\n\n### 透過 Box 建立遞迴型別\n",
        ),
        ("src/b.md", "# 第二章\n\n## 使用 `Box<T>` 取得\n"),
    ]);
    assert!(diags.is_empty(), "{diags:?}");
    let targets = link_targets(&book, 0);
    let a = heading_ids(&book, 0).remove(1);
    let b = heading_ids(&book, 1).remove(0);
    let to = |chapter, anchor: Option<&String>| LinkTarget::Internal {
        chapter,
        anchor: anchor.cloned(),
    };
    assert_eq!(
        targets,
        [
            to(0, Some(&a)),
            to(1, Some(&b)),
            to(1, None),
            to(1, Some(&b))
        ]
    );
}

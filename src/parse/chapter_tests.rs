//! What a file's chapters are and what they and the book are called.

use super::tests::book_from;
use crate::book::{ChapterKind, Inline};

fn titles(book: &crate::book::Book) -> Vec<(ChapterKind, String)> {
    book.chapters
        .iter()
        .map(|c| (c.kind, c.title_text()))
        .collect()
}

#[test]
fn a_file_without_level_one_headings_splits_at_level_two() {
    let (book, _) = book_from(&[(
        "README.md",
        "Badges and a line.\n\n## Contributors ✨\n\nThanks.\n\n## Usage\n\nRun it.\n",
    )]);
    assert_eq!(
        titles(&book),
        [
            (ChapterKind::Chapter, "README".to_string()),
            (ChapterKind::Chapter, "Contributors ✨".to_string()),
            (ChapterKind::Chapter, "Usage".to_string()),
        ]
    );
    assert_eq!(book.meta.title, "Contributors ✨");
}

#[test]
fn a_file_without_headings_is_one_body_chapter() {
    let (book, _) = book_from(&[("notes.md", "Just text.\n\nMore text.\n")]);
    assert_eq!(titles(&book), [(ChapterKind::Chapter, "notes".to_string())]);
    assert_eq!(book.chapters[0].blocks.len(), 2);
    assert_eq!(book.meta.title, "notes");
}

#[test]
fn the_first_level_one_heading_names_a_single_file_even_after_a_lead() {
    let (book, _) = book_from(&[("b.md", "Lead.\n\n# 第2章 开始\n\n## 小节\n\n# 第3章\n")]);
    assert_eq!(book.meta.title, "第2章 开始");
    assert_eq!(book.chapters[0].kind, ChapterKind::Preface);
    assert_eq!(book.chapters.len(), 3);
}

#[test]
fn summary_chapters_take_their_top_heading_else_the_link_text_with_markup() {
    let (book, _) = book_from(&[
        ("book.toml", "[book]\ntitle = \"T\"\n"),
        (
            "src/SUMMARY.md",
            "- [链接标题](a.md)\n  - [`panic!` 与 *恐慌*](b.md)\n  - [无标题](c.md)\n",
        ),
        ("src/a.md", "# 第2章 真标题\n\n正文。\n"),
        ("src/b.md", "## `panic!` 真小节\n\n### 更深\n"),
        ("src/c.md", "正文。\n\n## 小节\n"),
    ]);
    let t = titles(&book);
    assert_eq!(t[0].1, "第2章 真标题");
    assert_eq!(t[1].1, "panic! 真小节");
    assert_eq!(
        book.chapters[1].blocks.len(),
        1,
        "the title heading is taken out"
    );
    assert_eq!(t[2].1, "无标题");
}

#[test]
fn summary_link_text_markup_is_read_when_it_is_the_title() {
    let (book, _) = book_from(&[
        ("book.toml", "[book]\ntitle = \"T\"\n"),
        ("src/SUMMARY.md", "- [`Box<T>` *型*](a.md)\n"),
        ("src/a.md", "正文。\n"),
    ]);
    assert_eq!(
        book.chapters[0].title,
        [
            Inline::Code("Box<T>".into()),
            Inline::Text(" ".into()),
            Inline::Emphasis(vec![Inline::Text("型".into())]),
        ]
    );
}

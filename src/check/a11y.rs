//! folio's own accessibility checks of a book (issue 12): what a reader
//! with a screen reader would miss. `folio check` reports each finding
//! with its file and line; the EPUB claims conformance to EPUB
//! Accessibility 1.1 (WCAG 2.2 AA) only when none of the blocking kinds is
//! found ([`Finding::blocks_claim`]).
//!
//! The walk is iterative (an explicit stack), so a hostile nesting depth
//! costs heap, not call stack.

use crate::book::{Block, Book, Chapter, Inline};
use crate::diagnostics::Location;

/// What is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An image with no alt text that is not marked decorative.
    MissingAlt,
    /// A heading more than one level below the one before it.
    HeadingJump,
    /// A table with no header row.
    TableWithoutHeader,
    /// A link whose text says nothing of where it goes ("click here").
    VagueLink,
    /// The book's language is not a BCP 47 tag.
    UnknownLanguage,
}

/// One accessibility finding.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub kind: Kind,
    pub location: Option<Location>,
    pub message: String,
}

impl Finding {
    /// Whether the finding forbids the conformance claim. A vague link
    /// may be clear in its sentence (WCAG 2.4.4 allows context), so it is
    /// reported but does not.
    pub fn blocks_claim(&self) -> bool {
        self.kind != Kind::VagueLink
    }

    /// What to do about it.
    pub fn help(&self) -> &'static str {
        match self.kind {
            Kind::MissingAlt => {
                "describe the image: ![what it shows](file.png); a purely decorative image gets {.decorative} (or alt=\"\" in HTML)"
            }
            Kind::HeadingJump => "use the next level down, or add the missing level above",
            Kind::TableWithoutHeader => "give the table a header row naming its columns",
            Kind::VagueLink => "let the link's own words say where it goes",
            Kind::UnknownLanguage => "set `language` in book.toml to a tag such as zh-CN or en",
        }
    }
}

/// Link texts that say nothing, in the languages folio sets, compared
/// without case, spaces and punctuation.
const VAGUE: &[&str] = &[
    "这里",
    "這裡",
    "这儿",
    "此处",
    "此處",
    "点击这里",
    "點擊這裡",
    "点这里",
    "點這裡",
    "点击此处",
    "ここ",
    "こちら",
    "ここをクリック",
    "여기",
    "여기를클릭",
    "clickhere",
    "here",
    "link",
    "thislink",
    "readmore",
    "more",
];

/// Every finding of `book`, in reading order.
pub fn findings(book: &Book) -> Vec<Finding> {
    let chapters: Vec<Vec<Finding>> = book.chapters.iter().map(chapter_findings).collect();
    findings_with(book, &chapters)
}

/// The findings in one chapter, as [`findings`] has them: a watch session
/// keeps them by the chapter.
pub fn chapter_findings(chapter: &Chapter) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut level = 0;
    for (index, block) in chapter.blocks.iter().enumerate() {
        let at = Location::new(&chapter.source, chapter.block_line(index));
        walk(block, &at, &mut level, &mut out);
    }
    out
}

/// [`findings`], given each chapter's ([`chapter_findings`]).
pub fn findings_with(book: &Book, chapters: &[impl AsRef<[Finding]>]) -> Vec<Finding> {
    let mut out = Vec::new();
    if crate::text::lang::normalize_tag(&book.meta.lang).is_none() {
        out.push(Finding {
            kind: Kind::UnknownLanguage,
            location: None,
            message: format!(
                "the book's language `{}` is not a BCP 47 tag, so reading systems cannot pick a voice",
                book.meta.lang
            ),
        });
    }
    for chapter in chapters {
        out.extend_from_slice(chapter.as_ref());
    }
    for note in &book.notes {
        let mut level = 0;
        let at = book
            .chapters
            .get(note.refs.first().map_or(0, |r| r.chapter))
            .map(|c| Location::new(&c.source, c.line));
        for block in &note.blocks {
            if let Some(at) = &at {
                walk(block, at, &mut level, &mut out);
            }
        }
    }
    out
}

/// The findings in `block` and everything it holds (at `at`, the line of
/// its top-level block); `level` is the last heading level seen.
fn walk(block: &Block, at: &Location, level: &mut u8, out: &mut Vec<Finding>) {
    let finding = |kind, message: String| Finding {
        kind,
        location: Some(at.clone()),
        message,
    };
    let mut stack = vec![block];
    while let Some(block) = stack.pop() {
        let mut inlines: Vec<&[Inline]> = Vec::new();
        match block {
            Block::Heading {
                level: l, content, ..
            } => {
                // Levels as written: the chapter title's own level is not
                // in the model (the parser reports a jump below it).
                if *level > 0 && *l > *level + 1 {
                    out.push(finding(
                        Kind::HeadingJump,
                        format!("heading level jumps from {} to {l}", *level),
                    ));
                }
                *level = *l;
                inlines.push(content);
            }
            Block::Paragraph(content) => inlines.push(content),
            Block::Table { head, rows, .. } => {
                if head.is_empty() || head.iter().all(|c| c.is_empty()) {
                    out.push(finding(
                        Kind::TableWithoutHeader,
                        "a table has no header row".into(),
                    ));
                }
                inlines.extend(head.iter().map(Vec::as_slice));
                inlines.extend(rows.iter().flatten().map(Vec::as_slice));
            }
            Block::Figure { image, caption, .. } => {
                image_finding(image, at, out);
                inlines.push(caption);
            }
            Block::BlockQuote(blocks)
            | Block::Callout { blocks, .. }
            | Block::Div { blocks, .. } => stack.extend(blocks.iter().rev()),
            Block::Details { summary, blocks } => {
                inlines.push(summary);
                stack.extend(blocks.iter().rev());
            }
            Block::List { items, .. } => {
                stack.extend(items.iter().rev().flat_map(|i| i.blocks.iter().rev()))
            }
            Block::DefinitionList(items) => {
                for item in items.iter().rev() {
                    inlines.push(&item.term);
                    stack.extend(item.definitions.iter().rev().flatten().rev());
                }
            }
            Block::CodeBlock { .. } | Block::Rule | Block::Math(_) => {}
        }
        for content in inlines {
            inline_findings(content, at, out);
        }
    }
}

/// Images without alt text and vague links among `inlines`.
fn inline_findings(inlines: &[Inline], at: &Location, out: &mut Vec<Finding>) {
    let mut stack: Vec<&[Inline]> = vec![inlines];
    while let Some(list) = stack.pop() {
        for inline in list {
            match inline {
                Inline::Image(image) => image_finding(image, at, out),
                Inline::Link { content, .. } => {
                    let text = crate::book::plain_text(content);
                    let key: String = text
                        .chars()
                        .filter(|c| c.is_alphanumeric())
                        .flat_map(char::to_lowercase)
                        .collect();
                    if VAGUE.contains(&key.as_str()) {
                        out.push(Finding {
                            kind: Kind::VagueLink,
                            location: Some(at.clone()),
                            message: format!(
                                "the link text `{}` says nothing of where it goes",
                                text.trim()
                            ),
                        });
                    }
                    stack.push(content);
                }
                Inline::Emphasis(c)
                | Inline::Strong(c)
                | Inline::Strikethrough(c)
                | Inline::Lang { content: c, .. }
                | Inline::Phrase { content: c, .. } => stack.push(c),
                _ => {}
            }
        }
    }
}

fn image_finding(image: &crate::book::Image, at: &Location, out: &mut Vec<Finding>) {
    if image.alt.trim().is_empty() && !image.decorative {
        out.push(Finding {
            kind: Kind::MissingAlt,
            location: Some(at.clone()),
            message: format!("the image `{}` has no alt text", image.src),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::book::{Chapter, Image, LinkTarget};

    fn book(blocks: Vec<Block>) -> Book {
        let mut book = Book::default();
        book.meta.lang = "zh-CN".into();
        book.chapters.push(Chapter {
            title: vec![Inline::Text("一".into())],
            source: "a.md".into(),
            block_lines: (1..=blocks.len()).collect(),
            blocks,
            ..Chapter::default()
        });
        book
    }

    fn kinds(book: &Book) -> Vec<Kind> {
        findings(book).iter().map(|f| f.kind).collect()
    }

    #[test]
    fn finds_each_kind_with_its_line() {
        let image = |alt: &str, decorative| {
            Inline::Image(Image {
                src: "x.png".into(),
                alt: alt.into(),
                decorative,
                ..Image::default()
            })
        };
        let link = |text: &str| Inline::Link {
            target: LinkTarget::External("https://example.com".into()),
            title: None,
            content: vec![Inline::Text(text.into())],
        };
        let b = book(vec![
            Block::Paragraph(vec![image("", false), image("", true), image("猫", false)]),
            Block::Heading {
                level: 2,
                id: "g".into(),
                content: vec![],
            },
            Block::Heading {
                level: 4,
                id: "h".into(),
                content: vec![],
            },
            Block::Table {
                align: vec![],
                head: vec![],
                rows: vec![vec![vec![Inline::Text("1".into())]]],
            },
            Block::Paragraph(vec![link("这里"), link("Click here!"), link("文档")]),
        ]);
        let found = findings(&b);
        let summary: Vec<(Kind, usize)> = found
            .iter()
            .map(|f| (f.kind, f.location.as_ref().unwrap().line))
            .collect();
        assert_eq!(
            summary,
            [
                (Kind::MissingAlt, 1),
                (Kind::HeadingJump, 3),
                (Kind::TableWithoutHeader, 4),
                (Kind::VagueLink, 5),
                (Kind::VagueLink, 5),
            ]
        );
        assert!(found.iter().any(Finding::blocks_claim));
    }

    #[test]
    fn a_clean_book_has_none_and_a_bad_language_is_one() {
        let mut b = book(vec![Block::Heading {
            level: 2,
            id: "h".into(),
            content: vec![],
        }]);
        assert!(kinds(&b).is_empty());
        b.meta.lang = "中文".into();
        assert_eq!(kinds(&b), [Kind::UnknownLanguage]);
    }
}

//! Cutting a parsed file into chapters, and what each chapter is called.
//!
//! A file of a folder or SUMMARY book is one chapter: a leading heading at
//! the file's top level (`# 第2章 …`, or `## …` in a file whose headings
//! start at level 2, as mdBook sub-chapters often do) is its title, else
//! the `{{#title}}`, front matter or SUMMARY link text names it. A single
//! file starts a chapter at every level-1 heading, or at every level-2
//! heading when it has no level-1 one; a file with neither is one body
//! chapter.

use std::collections::BTreeMap;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::book::{plain_text, Block, Chapter, ChapterKind, Inline};
use crate::load::SourceFile;

/// One chapter of a file; returns it with the id of the heading that
/// became its title, for links to it.
pub fn one_chapter(
    file: &SourceFile,
    mut blocks: Vec<Block>,
    mut lines: Vec<usize>,
) -> (Chapter, Option<String>) {
    let mut line = 1 + file.body_line_offset;
    let mut title_id = None;
    // `{{#title}}` names the chapter; a leading heading then stays in the
    // text rather than being dropped.
    let leads = file.directive_title.is_none() && leading_heading_is_title(&blocks);
    let title = match leads.then(|| blocks.remove(0)) {
        Some(Block::Heading { content, id, .. }) => {
            line = lines.remove(0);
            title_id = Some(id);
            content
        }
        _ => fallback_title(file),
    };
    let chapter = Chapter {
        kind: file.kind,
        title,
        subtitle: file.front.subtitle.clone().map(|s| vec![Inline::Text(s)]),
        source: file.path.clone(),
        line,
        depth: file.depth,
        blocks,
        block_lines: lines,
        ..Chapter::default()
    };
    (chapter, title_id)
}

/// True when the first block is a heading no later top-level heading
/// outranks.
fn leading_heading_is_title(blocks: &[Block]) -> bool {
    let Some(Block::Heading { level: first, .. }) = blocks.first() else {
        return false;
    };
    blocks
        .iter()
        .all(|b| !matches!(b, Block::Heading { level, .. } if level < first))
}

/// The level a single file's chapters start at: 1, else 2, else none.
fn split_level(blocks: &[Block]) -> Option<u8> {
    let has = |l: u8| {
        blocks
            .iter()
            .any(|b| matches!(b, Block::Heading { level, .. } if *level == l))
    };
    [1, 2].into_iter().find(|&l| has(l))
}

/// The text of a single file's first level-1 heading, else its first
/// level-2 heading.
pub fn first_title_heading(blocks: &[Block]) -> Option<String> {
    let level = split_level(blocks)?;
    blocks.iter().find_map(|b| match b {
        Block::Heading {
            level: l, content, ..
        } if *l == level => Some(plain_text(content)),
        _ => None,
    })
}

/// A single file's chapters, one per heading of the [`split_level`].
/// Text before the first one is a preface titled like the file when the
/// chapters are level-1 headings; under level-2 chapters (a README) it is
/// the opening of the body.
pub fn split(
    file: &SourceFile,
    blocks: Vec<Block>,
    lines: Vec<usize>,
    chapters: &mut Vec<Chapter>,
    title_ids: &mut BTreeMap<String, usize>,
) {
    let Some(split_level) = split_level(&blocks) else {
        chapters.push(one_chapter(file, blocks, lines).0);
        return;
    };
    let lead_kind = if split_level == 1 {
        ChapterKind::Preface
    } else {
        ChapterKind::Chapter
    };
    let mut current: Option<Chapter> = None;
    for (block, line) in blocks.into_iter().zip(lines) {
        match block {
            Block::Heading { level, content, id } if level == split_level => {
                chapters.extend(current.take());
                title_ids.insert(id, chapters.len());
                current = Some(Chapter {
                    kind: ChapterKind::Chapter,
                    title: content,
                    source: file.path.clone(),
                    line,
                    ..Chapter::default()
                });
            }
            block => {
                let chapter = current.get_or_insert_with(|| Chapter {
                    kind: lead_kind,
                    title: fallback_title(file),
                    source: file.path.clone(),
                    line,
                    ..Chapter::default()
                });
                chapter.blocks.push(block);
                chapter.block_lines.push(line);
            }
        }
    }
    chapters.extend(current);
}

/// A chapter's title when no heading gives one: `{{#title}}`, front
/// matter, the SUMMARY link text (its inline markup read), the file name.
pub fn fallback_title(file: &SourceFile) -> Vec<Inline> {
    if let Some(title) = file
        .directive_title
        .clone()
        .or_else(|| file.front.title.clone())
    {
        return vec![Inline::Text(title)];
    }
    if let Some(listed) = &file.listed_title {
        return inline_title(listed);
    }
    let stem = file
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    vec![Inline::Text(stem)]
}

/// A one-line title written in Markdown (a SUMMARY.md link text or part
/// title) as inlines: code spans, emphasis, strong and strikethrough are
/// kept; links keep their text; anything else is its text.
pub fn inline_title(markdown: &str) -> Vec<Inline> {
    if markdown.trim().is_empty() {
        return Vec::new();
    }
    let options = pulldown_cmark::Options::ENABLE_STRIKETHROUGH;
    // A title is one paragraph: a leading word keeps `1. Intro` or `# 1`
    // from being read as a list or a heading; it is taken off below.
    let text = format!("{GUARD}{}", markdown.trim());
    // Open containers, innermost last; the root is the title itself.
    let mut stack: Vec<(Option<Tag>, Vec<Inline>)> = vec![(None, Vec::new())];
    for event in Parser::new_ext(&text, options) {
        let top = stack.len() - 1;
        match event {
            Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) => {
                push_text(&mut stack[top].1, &t)
            }
            Event::Code(c) => stack[top].1.push(Inline::Code(c.into_string())),
            Event::SoftBreak | Event::HardBreak => push_text(&mut stack[top].1, " "),
            Event::Start(tag @ (Tag::Emphasis | Tag::Strong | Tag::Strikethrough)) => {
                stack.push((Some(tag), Vec::new()))
            }
            Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough) if top > 0 => {
                let Some((tag, inner)) = stack.pop() else {
                    break;
                };
                let inline = match tag {
                    Some(Tag::Emphasis) => Inline::Emphasis(inner),
                    Some(Tag::Strong) => Inline::Strong(inner),
                    _ => Inline::Strikethrough(inner),
                };
                stack[top - 1].1.push(inline);
            }
            _ => {}
        }
    }
    // Unclosed containers cannot happen with pulldown-cmark, but never
    // lose text if they did.
    while stack.len() > 1 {
        let Some((_, inner)) = stack.pop() else { break };
        let top = stack.len() - 1;
        stack[top].1.extend(inner);
    }
    let mut out = stack.pop().map(|(_, inlines)| inlines).unwrap_or_default();
    match out.first_mut() {
        Some(Inline::Text(first)) if first.starts_with(GUARD) => {
            first.drain(..GUARD.len());
            if first.is_empty() {
                out.remove(0);
            }
        }
        _ => {}
    }
    if out.is_empty() {
        return vec![Inline::Text(markdown.trim().to_string())];
    }
    out
}

/// The word [`inline_title`] puts before a title.
const GUARD: &str = "x ";

fn push_text(inlines: &mut Vec<Inline>, text: &str) {
    match inlines.last_mut() {
        Some(Inline::Text(last)) => last.push_str(text),
        _ => inlines.push(Inline::Text(text.to_string())),
    }
}

/// SUMMARY.md's part titles and drafts, placed before chapters.
pub fn toc_marks(
    marks: &[crate::load::ListedMark],
    first_chapter_of_file: &[usize],
    chapter_count: usize,
) -> Vec<crate::book::TocMark> {
    marks
        .iter()
        .map(|m| crate::book::TocMark {
            before: first_chapter_of_file
                .get(m.before_file)
                .copied()
                .unwrap_or(chapter_count),
            depth: m.depth,
            kind: m.kind,
            title: inline_title(&m.title),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_titles_keep_code_and_emphasis() {
        assert_eq!(
            inline_title("使用 `Box<T>` 指向*堆積*"),
            [
                Inline::Text("使用 ".into()),
                Inline::Code("Box<T>".into()),
                Inline::Text(" 指向".into()),
                Inline::Emphasis(vec![Inline::Text("堆積".into())]),
            ]
        );
        assert_eq!(
            inline_title("a [b](c.md) & d"),
            [Inline::Text("a b & d".into())]
        );
        assert_eq!(inline_title("# 1."), [Inline::Text("# 1.".into())]);
        assert_eq!(inline_title("1. Intro"), [Inline::Text("1. Intro".into())]);
        assert_eq!(
            inline_title("`x` y"),
            [Inline::Code("x".into()), Inline::Text(" y".into())]
        );
        assert_eq!(inline_title(""), []);
    }
}

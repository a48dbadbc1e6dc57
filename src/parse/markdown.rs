//! One Markdown file into blocks, on pulldown-cmark.
//!
//! The event stream is folded into the model with an explicit stack of open
//! containers, never by recursion, so a manuscript with thousands of nested
//! block quotes cannot overflow the stack. Nesting deeper than
//! [`MAX_DEPTH`] is flattened (the content is kept, the extra levels are
//! not), which also bounds every renderer's recursion over the tree.
//!
//! Files: this one reads the events and opens and closes frames;
//! `stack.rs` puts content into the innermost frame that takes it;
//! `html_walk.rs` and `html_close.rs` fold raw HTML into the same frames,
//! `inline_html.rs` inline tags; `deflist.rs` pandoc's definition lists.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

mod deflist;
mod html_close;
mod html_walk;
mod inline_html;
mod stack;

use super::html::{self, BlockTag, InlineTag};
use super::sink::{FileSink, RawLink};
use crate::book::{Align, Block, DefinitionItem, Inline, ListItem, Phrase};
use stack::{
    close_implicit_paragraph, convert_align, last_block, last_block_mut, merge_text, non_empty,
    open_implicit_paragraph, push_block, push_inline, push_text,
};

/// Containers (block quotes, lists, emphasis, inline HTML…) nested deeper
/// than this are merged into their parent.
pub const MAX_DEPTH: usize = 64;

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        // pandoc's, for every input (`~~strike~~` stays strikethrough).
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_SUBSCRIPT
        | Options::ENABLE_MATH
}

/// An open container on the stack.
enum Frame {
    /// The document, a block quote, a list item or a footnote definition:
    /// anything that holds blocks.
    Blocks {
        kind: BlocksKind,
        blocks: Vec<Block>,
    },
    List {
        start: Option<u64>,
        items: Vec<ListItem>,
    },
    Definitions {
        items: Vec<DefinitionItem>,
    },
    /// Anything that holds inlines.
    Inlines {
        kind: InlinesKind,
        inlines: Vec<Inline>,
    },
    CodeBlock {
        lang: Option<String>,
        text: String,
    },
    HtmlBlock {
        source: String,
        line: usize,
    },
    Table {
        align: Vec<Align>,
        head: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
        in_head: bool,
    },
    Row {
        cells: Vec<Vec<Inline>>,
    },
    /// A container past [`MAX_DEPTH`]: its content goes to the parent.
    Flattened,
}

enum BlocksKind {
    Root,
    Quote,
    Item {
        task: Option<bool>,
    },
    FootnoteDef {
        label: String,
        line: usize,
    },
    /// An HTML element holding blocks (`<div>`, `<li>`, `<details>`…).
    Html(Box<BlockTag>),
    Definition,
}

enum InlinesKind {
    Paragraph {
        implicit: bool,
    },
    Heading {
        level: u8,
        id: Option<String>,
        line: usize,
        /// Ruby notation at the end of the line, which pulldown-cmark took
        /// for an attribute block (`# 第一章 {漢字|かんじ}`): given back.
        tail: Option<String>,
        /// pandoc's `{.unlisted}`: kept out of the contents.
        unlisted: bool,
    },
    Emphasis,
    Strong,
    Strikethrough,
    Link {
        dest: String,
        title: Option<String>,
        line: usize,
    },
    Image {
        dest: String,
        title: Option<String>,
        line: usize,
    },
    Cell,
    Term,
    /// `~sub~`, pulldown-cmark's `Subscript`.
    Phrase(Phrase),
    /// An inline HTML element folio maps to the model (`<em>`, `<a>`…).
    Html(InlineTag),
    /// An HTML element holding inline content (`<p>`, `<h2>`, `<td>`…).
    HtmlText(Box<BlockTag>),
}

/// Parses `body` (the file after its front matter) into blocks, reporting
/// notes, links, images and headings to `sink`. Returns the blocks and the
/// source line of each.
pub fn parse(body: &str, sink: &mut FileSink<'_, '_>) -> (Vec<Block>, Vec<usize>) {
    let mut stack: Vec<Frame> = vec![Frame::Blocks {
        kind: BlocksKind::Root,
        blocks: Vec::new(),
    }];
    let warned_depth = &mut false;

    // The line where the current top-level block started, and the lines of
    // the top-level blocks so far.
    let mut top_line = 0;
    let mut lines = Vec::new();
    // `\(…\)` and `\[…\]` as dollar math, at the same offsets.
    let source = body;
    let rewritten = crate::math::input::brackets(body);
    let body = rewritten.as_deref().unwrap_or(body);
    let refs = super::pandoc::refs::HeadingRefs::scan(body);
    let callback = |link| refs.resolve(body, link);
    let parser = Parser::new_with_broken_link_callback(body, options(), Some(callback));
    for (event, range) in parser.into_offset_iter() {
        let line = sink.line_of(range.start);
        sink.cursor = range.start;
        record_lines(&stack, &mut lines, top_line);
        if stack.len() == 1 {
            top_line = line;
        }
        match event {
            Event::Start(tag) => {
                if is_block_tag(&tag) {
                    if !matches!(tag, Tag::HtmlBlock) {
                        html_walk::before_markdown_block(&mut stack, sink);
                    }
                    close_implicit_paragraph(&mut stack, sink);
                } else {
                    open_implicit_paragraph(&mut stack);
                }
                if stack.len() > MAX_DEPTH {
                    if !*warned_depth {
                        *warned_depth = true;
                        sink.warn(
                            line,
                            format!("nesting deeper than {MAX_DEPTH} levels is flattened"),
                        );
                    }
                    stack.push(Frame::Flattened);
                    continue;
                }
                stack.push(open(tag, line, &body[range]));
            }
            Event::End(end) => {
                if is_block_end(&end) {
                    close_implicit_paragraph(&mut stack, sink);
                }
                // HTML elements left open inside this container close with it.
                html_walk::close_open_elements(&mut stack, sink);
                close_top(&mut stack, sink);
            }
            Event::Text(text) => push_text(&mut stack, text),
            Event::Code(code) => push_inline(&mut stack, Inline::Code(code.into_string())),
            Event::InlineMath(m) => {
                let inline = sink.math(&m, false, source, range);
                push_inline(&mut stack, inline)
            }
            Event::DisplayMath(m) => {
                let inline = sink.math(&m, true, source, range);
                push_inline(&mut stack, inline)
            }
            Event::SoftBreak => push_inline(&mut stack, Inline::SoftBreak),
            Event::HardBreak => push_inline(&mut stack, Inline::LineBreak),
            Event::Rule => {
                close_implicit_paragraph(&mut stack, sink);
                push_block(&mut stack, Block::Rule);
            }
            Event::FootnoteReference(label) => {
                let inline = sink.note_ref(&label, line);
                push_inline(&mut stack, inline);
            }
            Event::TaskListMarker(checked) => {
                for frame in stack.iter_mut().rev() {
                    if let Frame::Blocks {
                        kind: BlocksKind::Item { task },
                        ..
                    } = frame
                    {
                        *task = Some(checked);
                        break;
                    }
                }
            }
            Event::Html(raw) => match stack.last_mut() {
                Some(Frame::HtmlBlock { source, .. }) => source.push_str(&raw),
                _ => html_walk::block_html(&mut stack, &raw, line, sink),
            },
            Event::InlineHtml(raw) => {
                open_implicit_paragraph(&mut stack);
                html_walk::inline_html(&mut stack, &raw, line, sink)
            }
        }
    }
    record_lines(&stack, &mut lines, top_line);
    while stack.len() > 1 {
        close_top(&mut stack, sink);
    }
    record_lines(&stack, &mut lines, top_line);
    match stack.pop() {
        Some(Frame::Blocks { blocks, .. }) => {
            lines.truncate(blocks.len());
            (blocks, lines)
        }
        _ => (Vec::new(), Vec::new()),
    }
}

/// Gives each block that reached the document since the last call the
/// line where the current top-level block started.
fn record_lines(stack: &[Frame], lines: &mut Vec<usize>, top_line: usize) {
    if let Some(Frame::Blocks { blocks, .. }) = stack.first() {
        while lines.len() < blocks.len() {
            lines.push(top_line);
        }
    }
}

fn is_block_tag(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::List(_)
            | Tag::Item
            | Tag::FootnoteDefinition(_)
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::TableCell
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::MetadataBlock(_)
    )
}

fn is_block_end(end: &TagEnd) -> bool {
    matches!(
        end,
        TagEnd::BlockQuote(_)
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::FootnoteDefinition
            | TagEnd::Table
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListDefinition
    )
}

fn open(tag: Tag<'_>, line: usize, source: &str) -> Frame {
    let inlines = |kind| Frame::Inlines {
        kind,
        inlines: Vec::new(),
    };
    match tag {
        Tag::Paragraph => inlines(InlinesKind::Paragraph { implicit: false }),
        Tag::Heading {
            level, id, classes, ..
        } => {
            let tail = super::ruby::heading_tail(source);
            inlines(InlinesKind::Heading {
                unlisted: classes.iter().any(|c| &**c == "unlisted"),
                // `HeadingLevel` is numbered 1 to 6.
                level: level as u8,
                id: id.filter(|_| tail.is_none()).map(|i| i.into_string()),
                line,
                tail,
            })
        }
        Tag::BlockQuote(_) => Frame::Blocks {
            kind: BlocksKind::Quote,
            blocks: Vec::new(),
        },
        Tag::CodeBlock(kind) => Frame::CodeBlock {
            lang: match kind {
                CodeBlockKind::Fenced(info) => crate::highlight::lang::info_language(&info),
                CodeBlockKind::Indented => None,
            },
            text: String::new(),
        },
        Tag::HtmlBlock => Frame::HtmlBlock {
            source: String::new(),
            line,
        },
        Tag::List(start) => Frame::List {
            start,
            items: Vec::new(),
        },
        Tag::Item => Frame::Blocks {
            kind: BlocksKind::Item { task: None },
            blocks: Vec::new(),
        },
        Tag::FootnoteDefinition(label) => Frame::Blocks {
            kind: BlocksKind::FootnoteDef {
                label: label.into_string(),
                line,
            },
            blocks: Vec::new(),
        },
        Tag::Table(align) => Frame::Table {
            align: align.iter().map(|a| convert_align(*a)).collect(),
            head: Vec::new(),
            rows: Vec::new(),
            in_head: false,
        },
        Tag::TableHead => Frame::Row { cells: Vec::new() },
        Tag::TableRow => Frame::Row { cells: Vec::new() },
        Tag::TableCell => inlines(InlinesKind::Cell),
        Tag::Emphasis => inlines(InlinesKind::Emphasis),
        Tag::Strong => inlines(InlinesKind::Strong),
        Tag::Strikethrough => inlines(InlinesKind::Strikethrough),
        Tag::Link {
            dest_url, title, ..
        } => inlines(InlinesKind::Link {
            dest: dest_url.into_string(),
            title: non_empty(title),
            line,
        }),
        Tag::Image {
            dest_url, title, ..
        } => inlines(InlinesKind::Image {
            dest: dest_url.into_string(),
            title: non_empty(title),
            line,
        }),
        Tag::Subscript => inlines(InlinesKind::Phrase(Phrase::Subscript)),
        // Read from the text instead (`2^10^` is intraword).
        Tag::Superscript => inlines(InlinesKind::Phrase(Phrase::Superscript)),
        Tag::DefinitionList => Frame::Definitions { items: Vec::new() },
        Tag::DefinitionListTitle => inlines(InlinesKind::Term),
        Tag::DefinitionListDefinition => Frame::Blocks {
            kind: BlocksKind::Definition,
            blocks: Vec::new(),
        },
        // Not enabled in `options()`: folded into a plain container.
        Tag::MetadataBlock(_) => Frame::Blocks {
            kind: BlocksKind::Quote,
            blocks: Vec::new(),
        },
    }
}

fn close_top(stack: &mut Vec<Frame>, sink: &mut FileSink<'_, '_>) {
    let Some(frame) = stack.pop() else { return };
    match frame {
        Frame::Flattened => {}
        Frame::Blocks { kind, blocks } => match kind {
            BlocksKind::Root => stack.push(Frame::Blocks {
                kind: BlocksKind::Root,
                blocks,
            }),
            BlocksKind::Quote => push_block(stack, super::alert::quote(blocks)),
            BlocksKind::Item { task } => {
                let item = ListItem { task, blocks };
                match stack.last_mut() {
                    Some(Frame::List { items, .. }) => items.push(item),
                    // An item whose list was flattened: keep its content.
                    _ => {
                        for block in item.blocks {
                            push_block(stack, block);
                        }
                    }
                }
            }
            BlocksKind::FootnoteDef { label, line } => sink.note_definition(label, blocks, line),
            BlocksKind::Html(tag) => html_close::close_container(stack, sink, *tag, blocks),
            BlocksKind::Definition => deflist::close_definition(stack, blocks),
        },
        Frame::List { start, items } => push_block(stack, Block::List { start, items }),
        Frame::Definitions { items } => push_block(stack, Block::DefinitionList(items)),
        Frame::CodeBlock { lang, mut text } => {
            if lang.as_deref() == Some("math") {
                return push_block(stack, sink.math_fence(&text));
            }
            super::pandoc::diagrams::note(lang.as_deref(), sink);
            if super::hidden::is_rust(lang.as_deref()) {
                text = super::hidden::drop_hidden_lines(&text);
            }
            push_block(stack, Block::CodeBlock { lang, text })
        }
        Frame::HtmlBlock { source, line } => html_walk::block_html(stack, &source, line, sink),
        Frame::Table {
            align, head, rows, ..
        } => push_block(stack, Block::Table { align, head, rows }),
        Frame::Row { cells } => {
            if let Some(Frame::Table {
                head,
                rows,
                in_head,
                ..
            }) = stack.last_mut()
            {
                if head.is_empty() && !*in_head {
                    *in_head = true;
                    *head = cells;
                } else {
                    rows.push(cells);
                }
            }
        }
        Frame::Inlines { kind, mut inlines } => {
            if let InlinesKind::Heading { tail: Some(t), .. } = &kind {
                inlines.push(Inline::Text(t.clone()));
            }
            let inlines = super::pandoc::inlines(merge_text(inlines), sink);
            let inlines = match &kind {
                InlinesKind::Html(tag) if !html::inline::keeps_container(tag) => inlines,
                _ => sink.ruby_notation(super::emoji::shortcodes_in(inlines)),
            };
            match kind {
                InlinesKind::Paragraph { implicit } => {
                    sink.check_undefined_refs(&inlines);
                    let after = last_block(stack);
                    if super::pandoc::refs::trailing_attributes(sink, after, &inlines)
                        || super::figure::take_caption(last_block_mut(stack), &inlines)
                    {
                        return;
                    }
                    for block in crate::math::input::blocks(inlines) {
                        match block {
                            Block::Paragraph(inlines) if !implicit => {
                                push_block(stack, super::figure::or_paragraph(inlines))
                            }
                            block => push_block(stack, block),
                        }
                    }
                }
                InlinesKind::Heading {
                    level,
                    id,
                    line,
                    unlisted,
                    ..
                } => {
                    let block = sink.heading(level, id, inlines, line);
                    push_block(stack, super::pandoc::unlisted(block, unlisted));
                }
                InlinesKind::Emphasis => push_inline(stack, Inline::Emphasis(inlines)),
                InlinesKind::Strong => push_inline(stack, Inline::Strong(inlines)),
                InlinesKind::Strikethrough => push_inline(stack, Inline::Strikethrough(inlines)),
                InlinesKind::Link { dest, title, line } => {
                    let link = sink.link(RawLink {
                        dest,
                        title,
                        content: inlines,
                        line,
                    });
                    let kept = matches!(link.first(), Some(Inline::Link { .. }));
                    for inline in link {
                        push_inline(stack, inline);
                    }
                    if !kept {
                        // Attributes after it go with the link (pandoc).
                        push_inline(stack, super::pandoc::dropped_link());
                    }
                }
                InlinesKind::Image { dest, title, line } => {
                    let alt = crate::book::plain_text(&inlines);
                    let image = sink.image(dest, alt, title, line);
                    push_inline(stack, image);
                }
                InlinesKind::Cell => {
                    if let Some(Frame::Row { cells }) = stack.last_mut() {
                        cells.push(inlines);
                    }
                }
                InlinesKind::Term => deflist::close_term(stack, inlines),
                InlinesKind::Phrase(kind) => push_inline(
                    stack,
                    Inline::Phrase {
                        kind,
                        content: inlines,
                    },
                ),
                InlinesKind::Html(tag) => inline_html::close(stack, sink, tag, inlines),
                InlinesKind::HtmlText(tag) => html_close::close_text(stack, sink, *tag, inlines),
            }
        }
    }
}

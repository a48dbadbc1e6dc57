//! Raw HTML on the walker's stack. pulldown-cmark hands over HTML in
//! pieces: a block of HTML lines, or one inline tag, with Markdown between
//! them (`<div align="center">`, blank line, `**md**`, blank line,
//! `</div>`). So an HTML element is an open frame on the same stack as
//! Markdown's containers: a block element holding blocks is a
//! [`BlocksKind::Html`] frame, one holding inline content (`<p>`, `<h2>`,
//! `<td>`) an [`InlinesKind::HtmlText`] frame, a phrasing element an
//! [`InlinesKind::Html`] frame. Each closes at its end tag, at an end tag
//! that implies it (a new `<li>` ends the last one), with the Markdown
//! container it was opened in, or at the end of the file.

use super::html_close::parent_tag;
use super::{
    close_implicit_paragraph, close_top, open_implicit_paragraph, push_block, push_inline,
    BlocksKind, Frame, InlinesKind, MAX_DEPTH,
};
use crate::book::{Block, Inline};
use crate::parse::html::{self, attrs, block, BlockTag, Element, InlineTag, Token};
use crate::parse::sink::FileSink;

/// A block of raw HTML that starts at `line`.
pub(super) fn block_html(
    stack: &mut Vec<Frame>,
    raw: &str,
    line: usize,
    sink: &mut FileSink<'_, '_>,
) {
    let mut pre: Option<Pre> = None;
    // The line end that ends the block is no text of an element left open.
    let raw = raw.trim_end_matches(['\n', '\r']);
    for (offset, token) in html::tokens::tokenize_at(raw) {
        let at = line + raw.get(..offset).map_or(0, |s| s.matches('\n').count());
        if let Some(p) = pre.as_mut() {
            if p.feed(&token) {
                push_block(stack, pre.take().map(Pre::block).unwrap_or(Block::Rule));
            }
            continue;
        }
        pre = token_at(stack, sink, token, at, true);
        if pre.is_some() {
            end_run(stack, sink);
        }
    }
    if let Some(p) = pre {
        push_block(stack, p.block());
    }
    end_run(stack, sink);
}

/// One piece of inline HTML (a tag, a comment) inside Markdown text.
pub(super) fn inline_html(
    stack: &mut Vec<Frame>,
    raw: &str,
    line: usize,
    sink: &mut FileSink<'_, '_>,
) {
    for token in html::tokenize(raw) {
        token_at(stack, sink, token, line, false);
    }
}

/// Handles one token at `line`; `block` when it comes from block HTML
/// (where block elements open blocks) rather than from Markdown text
/// (where they are transparent). Returns a `<pre>` that starts here.
fn token_at(
    stack: &mut Vec<Frame>,
    sink: &mut FileSink<'_, '_>,
    token: Token,
    line: usize,
    block: bool,
) -> Option<Pre> {
    if let Some(dropping) = dropping(stack) {
        // Inside a script or an `<svg>`: only its own end tag counts.
        match token {
            Token::Start { name, attrs, .. } if name == dropping => {
                open_inline(stack, &name, &attrs, line)
            }
            Token::End { name } if name == dropping => close_named(stack, sink, &name, block),
            _ => {}
        }
        return None;
    }
    match token {
        Token::Text(text) if block => block_text(stack, &text),
        Token::Text(text) => push_collapsed(stack, &text),
        Token::Start {
            name,
            attrs,
            self_closing,
        } => return start(stack, sink, &name, &attrs, self_closing, line, block),
        Token::End { name } => {
            if name == "thead" {
                if let Some(table) = parent_tag(stack, &["table"]) {
                    table.in_head = false;
                }
            }
            close_named(stack, sink, &name, block);
        }
    }
    None
}

fn start(
    stack: &mut Vec<Frame>,
    sink: &mut FileSink<'_, '_>,
    name: &str,
    attrs: &[(String, String)],
    self_closing: bool,
    line: usize,
    block: bool,
) -> Option<Pre> {
    let kind = html::element(name);
    // One warning per tag: what was removed, and a `lang` that is no tag.
    let mut warnings = html::start_warnings(name, attrs);
    if matches!(kind, Element::Inline | Element::Container | Element::Text) {
        warnings.extend(crate::parse::lang::of_attributes(name, attrs).err());
    }
    if !warnings.is_empty() {
        sink.warn(line, warnings.join("; "));
    }
    if block
        && matches!(
            kind,
            Element::Container | Element::Text | Element::Rule | Element::Pre
        )
    {
        implied_end(stack, sink, name);
        // A block ends the paragraph of loose text before it.
        end_run(stack, sink);
    }
    let in_text = in_text(stack);
    if kind == Element::Inline {
        let id = attrs
            .iter()
            .find(|(k, _)| k == "id" || (name == "a" && k == "name"));
        if let Some((_, id)) = id {
            sink.element_id(id, !in_text || opens_paragraph(stack));
        }
    }
    match kind {
        Element::Break => push_inline(stack, Inline::LineBreak),
        Element::Image => {
            let image = image(sink, attrs, line);
            push_inline(stack, image);
        }
        Element::Rule if block && !in_text => {
            end_run(stack, sink);
            push_block(stack, Block::Rule);
        }
        Element::Pre if block && !in_text => return Some(Pre::new(name)),
        Element::Inline | Element::Drop if !self_closing || html::is_void(name) => {
            open_inline(stack, name, attrs, line)
        }
        Element::Ignored if name == "thead" => {
            if let Some(table) = parent_tag(stack, &["table"]) {
                table.in_head = true;
            }
        }
        Element::Container | Element::Text if block && !in_text && stack.len() <= MAX_DEPTH => {
            end_run(stack, sink);
            // A bad `lang` was reported above.
            let (tag, _) = BlockTag::open(name, attrs, line);
            let tag = Box::new(tag);
            stack.push(match kind {
                Element::Container => Frame::Blocks {
                    kind: BlocksKind::Html(tag),
                    blocks: Vec::new(),
                },
                _ => Frame::Inlines {
                    kind: InlinesKind::HtmlText(tag),
                    inlines: Vec::new(),
                },
            });
        }
        Element::Unknown => {
            let at = sink.location(line);
            sink.unknown_html_tag(name, at);
        }
        // A block element inside text, a self-closed `<span/>`, a
        // `<source>`: nothing to open.
        _ => {}
    }
    None
}

/// Opens a phrasing element (or a dropped one, whose content is caught
/// by its frame and dropped when it closes).
fn open_inline(stack: &mut Vec<Frame>, name: &str, attrs: &[(String, String)], line: usize) {
    open_implicit_paragraph(stack);
    if stack.len() > MAX_DEPTH {
        return; // Too deep: the tag goes, its content stays.
    }
    // A bad `lang` was reported with the start tag.
    let (tag, _) = InlineTag::open(name, attrs, line);
    stack.push(Frame::Inlines {
        kind: InlinesKind::Html(tag),
        inlines: Vec::new(),
    });
}

/// An `<img>` through the sink, which reads the file (or warns, with
/// this line), with the size the author asked for.
fn image(sink: &mut FileSink<'_, '_>, attrs: &[(String, String)], line: usize) -> Inline {
    let src = attrs::get(attrs, "src").unwrap_or("").trim().to_string();
    let alt = attrs::get(attrs, "alt").unwrap_or("").to_string();
    let title = attrs::get(attrs, "title").map(str::to_string);
    let mut inline = sink.image(src, alt, title, line);
    if let Inline::Image(image) = &mut inline {
        image.width = attrs::length(attrs, "width");
        image.height = attrs::length(attrs, "height");
        // `alt=""` written out, or a presentational role: decorative on
        // purpose; a missing `alt` is not.
        let role = attrs::get(attrs, "role").unwrap_or("");
        image.decorative = attrs::get(attrs, "alt").is_some_and(|a| a.trim().is_empty())
            || matches!(role, "presentation" | "none");
    }
    inline
}

/// The name of the dropped element being read, if any.
fn dropping(stack: &[Frame]) -> Option<String> {
    stack.iter().rev().find_map(|f| match f {
        Frame::Inlines {
            kind: InlinesKind::Html(tag),
            ..
        } if html::element(&tag.name) == Element::Drop => Some(tag.name.clone()),
        _ => None,
    })
}

/// True when the innermost frame holds inline content.
fn in_text(stack: &[Frame]) -> bool {
    stack
        .iter()
        .rev()
        .find(|f| !matches!(f, Frame::Flattened))
        .is_some_and(|f| matches!(f, Frame::Inlines { .. }))
}

/// Whether nothing stands yet in the paragraph being read: an element
/// opening it (`<a id="x"></a>` on a line of its own, which CommonMark
/// reads as a paragraph) stands before what follows.
fn opens_paragraph(stack: &[Frame]) -> bool {
    match stack.iter().rev().find(|f| !matches!(f, Frame::Flattened)) {
        Some(Frame::Inlines {
            kind: InlinesKind::Paragraph { .. },
            inlines,
        }) => inlines
            .iter()
            .all(|i| matches!(i, Inline::Text(t) if t.trim().is_empty())),
        _ => false,
    }
}

/// The element name of a frame HTML opened; `Some("")` for an implicit
/// paragraph (which an end tag passes through); `None` for a Markdown
/// container, which an end tag never closes.
fn html_name(frame: &Frame) -> Option<&str> {
    match frame {
        Frame::Blocks {
            kind: BlocksKind::Html(tag),
            ..
        }
        | Frame::Inlines {
            kind: InlinesKind::HtmlText(tag),
            ..
        } => Some(&tag.name),
        Frame::Inlines {
            kind: InlinesKind::Html(tag),
            ..
        } => Some(&tag.name),
        Frame::Inlines {
            kind: InlinesKind::Paragraph { implicit: true },
            ..
        } => Some(""),
        _ => None,
    }
}

/// `</name>`: closes the innermost open `<name>` and every element opened
/// inside it. From Markdown text only inline elements of the same
/// paragraph can close; from block HTML any element opened since the
/// nearest Markdown container. An end tag with nothing to close is
/// dropped.
fn close_named(stack: &mut Vec<Frame>, sink: &mut FileSink<'_, '_>, name: &str, block: bool) {
    let found = stack
        .iter()
        .enumerate()
        .rev()
        .map_while(|(i, f)| {
            let n = html_name(f)?;
            let inline = matches!(
                f,
                Frame::Inlines {
                    kind: InlinesKind::Html(_),
                    ..
                }
            );
            (block || inline).then_some((i, n))
        })
        .find(|(_, n)| *n == name)
        .map(|(i, _)| i);
    if let Some(index) = found {
        if let Some(Frame::Inlines {
            kind: InlinesKind::Html(tag),
            ..
        }) = stack.get_mut(index)
        {
            tag.paired = true;
        }
        close_to(stack, sink, index);
    }
}

/// Closes every frame from the top down to and including `index`.
fn close_to(stack: &mut Vec<Frame>, sink: &mut FileSink<'_, '_>, index: usize) {
    while stack.len() > index {
        if !end_run(stack, sink) {
            close_top(stack, sink);
        }
    }
}

/// A start tag that ends an open element without its end tag, as in
/// HTML: a block ends a `<p>`, an `<li>` the previous `<li>` of its list,
/// a `<dt>`/`<dd>` the previous one, a `<tr>` or a cell the previous one.
fn implied_end(stack: &mut Vec<Frame>, sink: &mut FileSink<'_, '_>, name: &str) {
    let (ends, within): (&[&str], &[&str]) = match name {
        "li" => (&["li", "p"], &["ul", "ol", "menu"]),
        "dt" | "dd" => (&["dt", "dd", "p"], &["dl"]),
        "tr" => (&["tr", "td", "th"], &["table"]),
        "td" | "th" => (&["td", "th"], &["tr", "table"]),
        _ => (
            &["p"],
            &["td", "th", "li", "dd", "blockquote", "div", "details"],
        ),
    };
    let found = stack
        .iter()
        .enumerate()
        .rev()
        .map_while(|(i, f)| Some((i, html_name(f)?)))
        .take_while(|(_, n)| !within.contains(n))
        .filter(|(_, n)| ends.contains(n))
        // The outermost: a new `<tr>` ends the open cell and its row.
        .last()
        .map(|(i, _)| i);
    if let Some(index) = found {
        close_to(stack, sink, index);
    }
}

/// Text of block HTML: white space between blocks is nothing; other text
/// is inline content, in a paragraph of its own when it stands among
/// blocks (`<div>text</div>`).
fn block_text(stack: &mut Vec<Frame>, text: &str) {
    if in_text(stack) {
        push_collapsed(stack, text);
    } else if !block::is_blank(text) {
        open_implicit_paragraph(stack);
        push_collapsed(stack, text.trim_start_matches(block::is_space));
    }
}

/// Text with HTML's white space collapsed: a run of spaces is one space,
/// a run holding a line end a soft break (nothing between CJK
/// characters, as in Markdown).
fn push_collapsed(stack: &mut Vec<Frame>, text: &str) {
    let mut plain = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if !block::is_space(c) {
            plain.push(c);
            continue;
        }
        let mut newline = c == '\n';
        while let Some(&next) = chars.peek().filter(|n| block::is_space(**n)) {
            newline |= next == '\n';
            chars.next();
        }
        if newline {
            if !plain.is_empty() {
                push_inline(stack, Inline::Text(std::mem::take(&mut plain)));
            }
            push_inline(stack, Inline::SoftBreak);
        } else {
            plain.push(' ');
        }
    }
    if !plain.is_empty() {
        push_inline(stack, Inline::Text(plain));
    }
}

/// Ends a paragraph that block HTML's text opened, trimmed of source
/// white space; an image standing alone in it is a figure. False when
/// the top frame is not such a paragraph.
fn end_run(stack: &mut Vec<Frame>, sink: &mut FileSink<'_, '_>) -> bool {
    let Some(Frame::Inlines {
        kind: InlinesKind::Paragraph { implicit: true },
        inlines,
    }) = stack.last_mut()
    else {
        return false;
    };
    *inlines = block::trim(std::mem::take(inlines));
    if let Some(image) = block::lone_image(inlines) {
        stack.pop();
        push_block(
            stack,
            Block::Figure {
                image,
                caption: Vec::new(),
                id: None,
            },
        );
    } else {
        close_implicit_paragraph(stack, sink);
    }
    true
}

/// A Markdown block starts: HTML elements that cannot hold it end first,
/// as a browser ends them (`<p>open <b>bold`, blank line, a paragraph:
/// the paragraph follows the `<p>`). Cells, summaries and terms stay
/// open and take its text ([`block_into_text`]).
pub(super) fn before_markdown_block(stack: &mut Vec<Frame>, sink: &mut FileSink<'_, '_>) {
    loop {
        let ends = match stack.last() {
            Some(Frame::Inlines {
                kind: InlinesKind::Html(_),
                ..
            }) => true,
            Some(Frame::Inlines {
                kind: InlinesKind::HtmlText(tag),
                ..
            }) => tag.name == "p" || block::heading_level(&tag.name).is_some(),
            _ => false,
        };
        if !ends {
            return;
        }
        close_top(stack, sink);
    }
}

/// Closes the HTML elements (and paragraphs of their text) left open
/// inside a Markdown container that ends.
pub(super) fn close_open_elements(stack: &mut Vec<Frame>, sink: &mut FileSink<'_, '_>) {
    while stack.last().is_some_and(|f| html_name(f).is_some()) {
        if !end_run(stack, sink) {
            close_top(stack, sink);
        }
    }
}

/// A `<pre>` being read: its text as written, tags inside it ignored
/// (a `<code class="language-rust">` names the language).
struct Pre {
    name: String,
    lang: Option<String>,
    text: String,
}

impl Pre {
    fn new(name: &str) -> Pre {
        Pre {
            name: name.to_string(),
            lang: None,
            text: String::new(),
        }
    }

    /// Takes one token; true at the `<pre>`'s end tag.
    fn feed(&mut self, token: &Token) -> bool {
        match token {
            Token::Text(t) => self.text.push_str(t),
            Token::Start { name, attrs, .. } if name == "code" && self.lang.is_none() => {
                self.lang = attrs::classes(attrs)
                    .iter()
                    .find_map(|c| c.strip_prefix("language-").map(str::to_string));
            }
            Token::Start { name, .. } if name == "br" => self.text.push('\n'),
            Token::End { name } => return *name == self.name,
            _ => {}
        }
        false
    }

    fn block(self) -> Block {
        // HTML drops the line end right after `<pre>`.
        let text = self.text.strip_prefix('\n').unwrap_or(&self.text);
        Block::CodeBlock {
            lang: self.lang,
            text: text.trim_end_matches(['\n', ' ']).to_string() + "\n",
        }
    }
}

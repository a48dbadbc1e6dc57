//! The XHTML writer: every [`Block`] and [`Inline`] of the model as valid
//! EPUB 3 XHTML.
//!
//! All author text is escaped; ids and URLs are made safe; raw HTML comes
//! from the parser already well formed and is inserted as is. Nesting
//! deeper than [`MAX_DEPTH`] is flattened to plain text, so a hostile
//! manuscript cannot overflow the stack here.

use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;

use super::anchors::Anchors;
use super::escape::{escape, push_escaped, safe_href, safe_id};
use super::names::{Names, NOTES_PAGE};
use super::pagemarks::PageMarks;
use crate::book::text;
use crate::book::{Align, Block, Book, CalloutKind, Image, Inline, LinkTarget, ListItem, Ruby};
use crate::layout::page::SourcePart;
use crate::text::script::is_unspaced;

/// How deep blocks (and inlines) nest before the rest is flattened to text.
pub const MAX_DEPTH: usize = 64;

/// Writes the content of one book; knows its notes, assets, file names and
/// the anchors every chapter defines.
pub struct Writer<'a> {
    pub book: &'a Book,
    pub names: &'a Names,
    /// The book's language as a well-formed BCP 47 tag (`und` if unknown),
    /// for `lang` and `xml:lang` on every document.
    pub lang: String,
    anchors: Anchors,
    /// Ids already written in the current document: a repeated one is left
    /// off (a duplicate id is an EPUBCheck error), links go to the first.
    used_ids: RefCell<BTreeSet<String>>,
    /// Where the PDF edition's pages begin (empty: no markers).
    pub marks: PageMarks,
    /// Whether any ruby was written (`rubyAnnotations`).
    pub ruby_seen: Cell<bool>,
    /// Images written: with alt text (or decorative), and without.
    images: Cell<(usize, usize)>,
    /// The last heading level of the current document: a jump is
    /// written one level down instead (axe `heading-order`).
    heading: Cell<u8>,
}

impl<'a> Writer<'a> {
    pub fn new(book: &'a Book, names: &'a Names) -> Writer<'a> {
        Writer {
            book,
            names,
            lang: super::lang::normalize(&book.meta.lang).unwrap_or_else(|| "und".into()),
            anchors: Anchors::new(&book.chapters),
            used_ids: RefCell::new(BTreeSet::new()),
            marks: PageMarks::default(),
            ruby_seen: Cell::new(false),
            images: Cell::new((0, 0)),
            heading: Cell::new(1),
        }
    }

    /// True when the text has images and every one is described or
    /// decorative on purpose (`alternativeText`).
    pub fn described_images(&self) -> bool {
        let (described, bare) = self.images.get();
        described > 0 && bare == 0
    }

    /// The images written so far: with alt text (or decorative), without.
    pub(super) fn image_counts(&self) -> (usize, usize) {
        self.images.get()
    }

    /// Counts what a reused page wrote: `images` (as [`Writer::image_counts`]
    /// gives them) and whether it had ruby.
    pub(super) fn replay(&self, images: (usize, usize), ruby: bool) {
        let (d, b) = self.images.get();
        self.images.set((d + images.0, b + images.1));
        if ruby {
            self.ruby_seen.set(true);
        }
    }

    /// The ids every chapter defines (links between chapters use them).
    pub(super) fn anchors(&self) -> &Anchors {
        &self.anchors
    }

    /// Counts an image written, described or not.
    pub(super) fn saw_image(&self, image: &Image) {
        let (described, bare) = self.images.get();
        if image.alt.trim().is_empty() && !image.decorative {
            self.images.set((described, bare + 1));
        } else {
            self.images.set((described + 1, bare));
        }
    }

    /// Appends the top-level `blocks` of `part`, with the print page
    /// markers of the pages that begin in them.
    pub fn blocks_marked(&self, out: &mut String, blocks: &[Block], part: SourcePart) {
        for (index, block) in blocks.iter().enumerate() {
            let mut xhtml = String::new();
            self.block(&mut xhtml, block, 0);
            out.push_str(&self.marks.in_block(part, index, xhtml));
        }
    }

    /// Starts a new XHTML document: ids may be used afresh.
    pub fn begin_document(&self) {
        self.used_ids.borrow_mut().clear();
        self.heading.set(1);
    }

    /// ` id="…"` for `id` made safe, or nothing if this document already
    /// has that id.
    pub fn id_attr(&self, id: &str) -> String {
        let id = safe_id(id);
        if self.used_ids.borrow_mut().insert(id.clone()) {
            format!(" id=\"{}\"", escape(&id))
        } else {
            String::new()
        }
    }

    /// True when chapter `chapter` defines the anchor `id` (as given in the
    /// model).
    pub fn has_anchor(&self, chapter: usize, id: &str) -> bool {
        self.anchors.has(chapter, &safe_id(id))
    }

    /// Appends `blocks` to `out`, one per line.
    #[cfg(test)]
    pub fn blocks(&self, out: &mut String, blocks: &[Block]) {
        self.blocks_at(out, blocks, 0);
    }

    /// Appends `inlines` to `out`.
    pub fn inlines(&self, out: &mut String, inlines: &[Inline]) {
        self.inlines_at(out, inlines, 0, false);
    }

    /// A GitHub alert: an `aside` labelled in the book's language. A tip
    /// is `epub:type="tip"` with its DPUB-ARIA role `doc-tip`; the other
    /// kinds are notes (`role="note"`): `doc-notice`, the role matching
    /// `epub:type="notice"`, is not allowed on `aside`, and Ace flags an
    /// `epub:type` without its role. Never `footnote`, which reading
    /// systems hide.
    fn callout(&self, out: &mut String, kind: CalloutKind, blocks: &[Block], depth: usize) {
        let semantics = match kind {
            CalloutKind::Tip => "epub:type=\"tip\" role=\"doc-tip\"",
            _ => "role=\"note\"",
        };
        let name = kind.name();
        out.push_str(&format!(
            "<aside class=\"callout {name}\" {semantics}>\n\
             <p class=\"callout-title\">"
        ));
        push_escaped(out, kind.label(self.book.meta.locale()));
        out.push_str("</p>\n");
        self.blocks_at(out, blocks, depth + 1);
        out.push_str("</aside>\n");
    }

    pub(super) fn blocks_at(&self, out: &mut String, blocks: &[Block], depth: usize) {
        for block in blocks {
            self.block(out, block, depth);
        }
    }

    fn block(&self, out: &mut String, block: &Block, depth: usize) {
        if depth > MAX_DEPTH {
            out.push_str("<p>");
            let mut plain = String::new();
            text::push_blocks(&mut plain, std::slice::from_ref(block));
            push_escaped(out, plain.trim());
            out.push_str("</p>\n");
            return;
        }
        match block {
            Block::Heading { level, id, content } => {
                let h = (*level).clamp(2, 6).min(self.heading.get() + 1);
                self.heading.set(h);
                out.push_str(&format!("<h{h}{}>", self.id_attr(id)));
                self.inlines_at(out, content, depth, false);
                out.push_str(&format!("</h{h}>\n"));
            }
            Block::Paragraph(content) => {
                out.push_str("<p>");
                self.inlines_at(out, content, depth, false);
                out.push_str("</p>\n");
            }
            Block::Math(m) => super::math::block(out, m),
            Block::CodeBlock { lang, text } => {
                let class = lang.as_deref().and_then(language_class);
                let spans = self.book.code.get(lang.as_deref(), text);
                super::code::block(out, class.as_deref(), text, spans);
            }
            Block::BlockQuote(blocks) => {
                out.push_str("<blockquote>\n");
                self.blocks_at(out, blocks, depth + 1);
                out.push_str("</blockquote>\n");
            }
            Block::Callout { kind, blocks } => self.callout(out, *kind, blocks, depth),
            Block::List { start, items } => self.list(out, *start, items, depth),
            Block::Table { align, head, rows } => self.table(out, align, head, rows, depth),
            Block::Rule => out.push_str("<hr/>\n"),
            Block::Figure { image, caption, id } => {
                self.figure(out, image, caption, id.as_deref(), depth)
            }
            Block::DefinitionList(items) => self.definitions(out, items, depth),
            Block::Div { attrs, blocks } => self.div(out, attrs, blocks, depth),
            Block::Details { summary, blocks } => self.details(out, summary, blocks, depth),
        }
    }

    fn list(&self, out: &mut String, start: Option<u64>, items: &[ListItem], depth: usize) {
        let tag = if start.is_some() { "ol" } else { "ul" };
        out.push('<');
        out.push_str(tag);
        if let Some(n) = start.filter(|n| *n != 1) {
            out.push_str(&format!(" start=\"{n}\""));
        }
        if items.iter().any(|i| i.task.is_some()) {
            out.push_str(" class=\"tasks\"");
        }
        out.push_str(">\n");
        for item in items {
            out.push_str("<li>");
            let mut blocks = &item.blocks[..];
            if let Some(done) = item.task {
                // A character, not a form control: every reading system shows it.
                let (mark, class) = if done {
                    ('☑', "done")
                } else {
                    ('☐', "todo")
                };
                let box_ = format!("<span class=\"task {class}\">{mark}</span> ");
                match blocks.split_first() {
                    Some((Block::Paragraph(content), rest)) => {
                        out.push_str("<p>");
                        out.push_str(&box_);
                        self.inlines_at(out, content, depth + 1, false);
                        out.push_str("</p>\n");
                        blocks = rest;
                    }
                    _ => out.push_str(&box_),
                }
            }
            self.blocks_at(out, blocks, depth + 1);
            out.push_str("</li>\n");
        }
        out.push_str(&format!("</{tag}>\n"));
    }

    fn table(
        &self,
        out: &mut String,
        align: &[Align],
        head: &[Vec<Inline>],
        rows: &[Vec<Vec<Inline>>],
        depth: usize,
    ) {
        if head.is_empty() && rows.is_empty() {
            return;
        }
        out.push_str("<table>\n");
        let cell = |out: &mut String, tag: &str, col: usize, content: &[Inline]| {
            out.push('<');
            out.push_str(tag);
            if tag == "th" {
                // The header row heads its column, for screen readers.
                out.push_str(" scope=\"col\"");
            }
            match align.get(col).copied().unwrap_or(Align::None) {
                Align::None => {}
                Align::Left => out.push_str(" class=\"align-left\""),
                Align::Center => out.push_str(" class=\"align-center\""),
                Align::Right => out.push_str(" class=\"align-right\""),
            }
            out.push('>');
            self.inlines_at(out, content, depth + 1, false);
            out.push_str(&format!("</{tag}>"));
        };
        if !head.is_empty() {
            out.push_str("<thead>\n<tr>");
            for (col, content) in head.iter().enumerate() {
                cell(out, "th", col, content);
            }
            out.push_str("</tr>\n</thead>\n");
        }
        if !rows.is_empty() {
            out.push_str("<tbody>\n");
            for row in rows {
                out.push_str("<tr>");
                for (col, content) in row.iter().enumerate() {
                    cell(out, "td", col, content);
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</tbody>\n");
        }
        out.push_str("</table>\n");
    }

    pub(super) fn inlines_at(
        &self,
        out: &mut String,
        inlines: &[Inline],
        depth: usize,
        in_link: bool,
    ) {
        if depth > MAX_DEPTH {
            let mut plain = String::new();
            text::push_inlines(&mut plain, inlines);
            push_escaped(out, &plain);
            return;
        }
        for (i, inline) in inlines.iter().enumerate() {
            if let Inline::SoftBreak = inline {
                let before = edge_char(&inlines[..i], true);
                let after = edge_char(&inlines[i + 1..], false);
                if !(before.is_some_and(is_unspaced) && after.is_some_and(is_unspaced)) {
                    out.push('\n');
                }
                continue;
            }
            self.inline(out, inline, depth, in_link);
        }
    }

    fn inline(&self, out: &mut String, inline: &Inline, depth: usize, in_link: bool) {
        let wrap = |out: &mut String, tag: &str, content: &[Inline]| {
            out.push_str(&format!("<{tag}>"));
            self.inlines_at(out, content, depth + 1, in_link);
            out.push_str(&format!("</{tag}>"));
        };
        match inline {
            Inline::Text(t) if self.book.meta.writing_mode.is_vertical() => push_upright(out, t),
            Inline::Text(t) => push_escaped(out, t),
            Inline::Emphasis(c) => wrap(out, "em", c),
            Inline::Strong(c) => wrap(out, "strong", c),
            Inline::Strikethrough(c) => wrap(out, "del", c),
            Inline::Code(t) => {
                out.push_str("<code>");
                push_escaped(out, t);
                out.push_str("</code>");
            }
            Inline::Math(m) => super::math::inline(out, m),
            Inline::Link {
                target,
                title,
                content,
            } => match self.link_href(target).filter(|_| !in_link) {
                Some(href) => {
                    out.push_str(&format!("<a href=\"{}\"", escape(&href)));
                    if let Some(title) = title {
                        out.push_str(&format!(" title=\"{}\"", escape(title)));
                    }
                    if crate::book::plain_text(content).trim().is_empty() {
                        // Nothing to read aloud (an image without alt
                        // text): the link is named by its title or address.
                        let name = title.as_deref().unwrap_or(&href);
                        out.push_str(&format!(" aria-label=\"{}\"", escape(name)));
                    }
                    out.push('>');
                    self.inlines_at(out, content, depth + 1, true);
                    out.push_str("</a>");
                }
                None => self.inlines_at(out, content, depth + 1, in_link),
            },
            Inline::Image(image) => self.image(out, image, in_link),
            Inline::Phrase { kind, content } => self.phrase(out, kind, content, depth, in_link),
            Inline::NoteRef { note, id } => {
                let Some(n) = self.book.notes.get(*note) else {
                    return;
                };
                let id = self.id_attr(id);
                if in_link {
                    // Links may not nest: the number without its link, but
                    // still the target of the note's backlink.
                    out.push_str(&format!("<sup{id}>{}</sup>", n.number));
                    return;
                }
                out.push_str(&format!(
                    "<sup><a epub:type=\"noteref\" role=\"doc-noteref\" href=\"{NOTES_PAGE}#{}\"{id}>{}</a></sup>",
                    escape(&safe_id(&n.id)),
                    n.number
                ));
            }
            Inline::LineBreak => out.push_str("<br/>\n"),
            Inline::SoftBreak => out.push('\n'),
            Inline::Ruby(ruby) => {
                self.ruby_seen.set(true);
                push_ruby(out, ruby)
            }
            Inline::Lang { lang, content } => {
                // XHTML readers look at `xml:lang`, HTML ones at `lang`:
                // EPUB wants both, and the same.
                let lang = escape(lang);
                out.push_str(&format!("<span lang=\"{lang}\" xml:lang=\"{lang}\">"));
                self.inlines_at(out, content, depth + 1, in_link);
                out.push_str("</span>");
            }
        }
    }

    pub(super) fn image(&self, out: &mut String, image: &Image, in_link: bool) {
        self.image_markup(out, image, in_link);
    }

    /// Where a link goes, or `None` when it cannot go anywhere safe.
    pub fn link_href(&self, target: &LinkTarget) -> Option<String> {
        match target {
            LinkTarget::External(url) => safe_href(url),
            LinkTarget::Internal { chapter, anchor } => {
                let file = self.names.chapter(*chapter)?;
                // An anchor the chapter does not define would be a broken
                // fragment: link to the chapter itself instead.
                Some(match anchor {
                    Some(anchor) if self.has_anchor(*chapter, anchor) => {
                        format!("{file}#{}", safe_id(anchor))
                    }
                    _ => file.to_string(),
                })
            }
        }
    }
}

/// Ruby as `<ruby>漢<rp>(</rp><rt>かん</rt><rp>)</rp>字…</ruby>`: one
/// element for the whole word, each base followed by its reading; the
/// `<rp>` parentheses show in reading systems without ruby support.
fn push_ruby(out: &mut String, ruby: &Ruby) {
    out.push_str("<ruby>");
    for pair in ruby.pairs() {
        push_escaped(out, &pair.base);
        out.push_str("<rp>(</rp><rt>");
        push_escaped(out, &pair.reading);
        out.push_str("</rt><rp>)</rp>");
    }
    out.push_str("</ruby>");
}

/// A `language-*` class from the first word of a code block's info
/// string, or `None` when nothing usable is left.
fn language_class(lang: &str) -> Option<String> {
    let class: String = lang
        .split_whitespace()
        .next()
        .unwrap_or("")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+' | '#' | '.'))
        .collect();
    (!class.is_empty()).then_some(class)
}

/// The first (or last) visible character of `inlines`, looking into
/// emphasis and links, without recursion.
fn edge_char(inlines: &[Inline], last: bool) -> Option<char> {
    let mut slice = inlines;
    loop {
        let inline = if last { slice.last()? } else { slice.first()? };
        let text = match inline {
            Inline::Text(t) | Inline::Code(t) => t.as_str(),
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) => {
                slice = c;
                continue;
            }
            Inline::Link { content, .. }
            | Inline::Lang { content, .. }
            | Inline::Phrase { content, .. } => {
                slice = content;
                continue;
            }
            Inline::Image(image) => image.alt.as_str(),
            Inline::Math(m) => m.tex.as_str(),
            Inline::Ruby(r) => {
                let pairs = r.pairs();
                let pair = if last { pairs.last() } else { pairs.first() };
                pair.map_or("", |p| p.base.as_str())
            }
            Inline::NoteRef { .. } | Inline::LineBreak | Inline::SoftBreak => return None,
        };
        return if last {
            text.chars().next_back()
        } else {
            text.chars().next()
        };
    }
}

/// Text of a vertical book: the runs that stand upright in the column
/// ([`crate::text::upright`]) in `<span class="tcy">`.
fn push_upright(out: &mut String, text: &str) {
    let mut at = 0;
    for run in crate::text::upright::runs(text) {
        push_escaped(out, &text[at..run.start]);
        out.push_str("<span class=\"tcy\">");
        push_escaped(out, &text[run.clone()]);
        out.push_str("</span>");
        at = run.end;
    }
    push_escaped(out, &text[at..]);
}

#[cfg(test)]
#[path = "xhtml_tests.rs"]
mod tests;

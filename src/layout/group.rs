//! Blocks that group or frame others: definition lists, divs and details
//! (figures are in [`super::figure`]). [`super::block`] walks the tree;
//! this file says how each of these is set in print.

use crate::book::{BlockAttrs, DefinitionItem, Inline};
use crate::fonts::Role;
use crate::text::Locale;

use super::block::{room, BlockLayout, Ctx, Frame, MAX_INDENT_DEPTH};
use super::emit::ParaSpec;
use super::inline::flatten;
use super::line::Align;
use super::style::Style;

impl BlockLayout<'_, '_> {
    /// One paragraph set flush (a term, a summary, a caption), in bold
    /// when `strong`.
    pub(super) fn line_of(&mut self, content: &[Inline], align: Align, ctx: &Ctx, strong: bool) {
        let size = self.size();
        let mut style = ctx.style(Role::Body, size);
        if strong {
            style = style.bold();
        }
        let runs = flatten(content, &style, self.env.book);
        let spec = ParaSpec {
            left: ctx.left,
            width: ctx.width,
            indent: 0.0,
            align,
            size,
            line_height: self.env.line_height(),
        };
        self.paragraph(runs, &spec, ctx, true);
    }

    /// The next term of a definition list: the term in bold, then a frame
    /// for each of its definitions, indented (pushed last first, so they
    /// are laid out in order). Items are parted by twice the space that
    /// parts a term from its definition (a paragraph's), so each term
    /// reads with its own definition; in CJK books, whose paragraphs have
    /// no space between them, by that space alone.
    pub(super) fn term<'b>(&mut self, item: &'b DefinitionItem, ctx: &Ctx) -> Vec<Frame<'b>> {
        let at_start = self
            .lines
            .last()
            .is_none_or(|l| l.discardable && l.items.is_empty());
        if !at_start {
            let factor = if self.env.is_cjk() { 0.4 } else { 0.8 };
            self.space(self.pitch() * factor);
        }
        self.line_of(&item.term, Align::Left, ctx, true);
        let inner = ctx.indented(2.0 * self.size());
        item.definitions
            .iter()
            .rev()
            .map(|blocks| Frame::Blocks(blocks.iter(), inner.clone()))
            .collect()
    }
}

/// The quotation marks of a `<q>` in `locale`: corner brackets in Japanese
/// and Traditional Chinese, curly quotes elsewhere.
pub(super) fn quote_marks(locale: Locale) -> (&'static str, &'static str) {
    match locale {
        Locale::Japanese | Locale::Hant | Locale::HongKong => ("「", "」"),
        _ => ("“", "”"),
    }
}

impl Ctx {
    /// The style text starts from here: `role` at `size`, in the language
    /// of the enclosing div, if it has one.
    pub(super) fn style(&self, role: Role, size: f32) -> Style {
        let mut style = Style::new(role, size);
        style.locale = self.locale;
        style
    }

    /// The context inside a div: its language (the CJK glyph forms of its
    /// text) and its alignment (`<div align="center">`, set without the
    /// first-line indent) hold for everything in it. Direction (`dir`) is
    /// the EPUB's only: the PDF sets every line left to right.
    pub(super) fn div(&self, attrs: &BlockAttrs) -> Ctx {
        let mut ctx = self.clone();
        if let Some(lang) = &attrs.lang {
            ctx.locale = Some(Locale::of(lang));
        }
        match attrs.align {
            crate::book::Align::None => {}
            crate::book::Align::Left => ctx.align = Some(Align::Left),
            crate::book::Align::Center => ctx.align = Some(Align::Center),
            crate::book::Align::Right => ctx.align = Some(Align::Right),
        }
        ctx
    }
}

impl Ctx {
    /// The context `by` further in, without a rule; no further in past
    /// the deepest indenting level.
    pub(super) fn indented(&self, by: f32) -> Ctx {
        let by = if self.depth < MAX_INDENT_DEPTH {
            by.min(room(self.width, by / 2.0))
        } else {
            0.0
        };
        Ctx {
            left: self.left + by,
            width: self.width - by,
            depth: self.depth + 1,
            ..self.clone()
        }
    }
}

impl Ctx {
    /// The context inside a block quote or callout: indented, with a rule
    /// in the margin, unless nested too deep to indent further.
    pub(super) fn quote(&self, size: f32) -> Ctx {
        let ctx = self;
        let indent = if ctx.depth < MAX_INDENT_DEPTH {
            (2.0 * size).min(room(ctx.width, size))
        } else {
            0.0
        };
        let mut rules = ctx.rules.clone();
        if indent > 0.0 {
            rules.push(ctx.left + 0.4 * indent);
        }
        Ctx {
            left: ctx.left + indent,
            width: ctx.width - indent,
            depth: ctx.depth + 1,
            rules,
            ..ctx.clone()
        }
    }
}

//! Blocks that group or frame others: figures, definition lists, divs and
//! details. [`super::block`] walks the tree; this file says how each of
//! these is set in print.

use crate::book::{DefinitionItem, Image, Inline};
use crate::fonts::Role;

use super::block::{BlockLayout, Ctx, Frame};
use super::emit::ParaSpec;
use super::inline::flatten;
use super::line::Align;
use super::style::Style;

impl BlockLayout<'_, '_> {
    /// A figure: the image centred and scaled to the column, its caption
    /// centred below. An image that could not be used shows its alt text.
    pub(super) fn figure(&mut self, image: &Image, caption: &[Inline], ctx: &Ctx) {
        let book = self.env.book;
        let usable = image
            .asset
            .and_then(|id| book.assets.get(id).map(|a| (id, a)))
            .filter(|(_, a)| a.width > 0 && a.height > 0);
        match usable {
            Some((id, a)) => self.image(id, a.width as f32 * 0.75, a.height as f32 * 0.75, ctx),
            None => {
                let alt = [Inline::Text(format!("[{}]", image.alt))];
                self.line_of(&alt, Align::Center, ctx, false);
            }
        }
        if !caption.is_empty() {
            self.line_of(caption, Align::Center, ctx, false);
        }
    }

    /// One paragraph set flush (a term, a summary, a caption), in bold
    /// when `strong`.
    pub(super) fn line_of(&mut self, content: &[Inline], align: Align, ctx: &Ctx, strong: bool) {
        let size = self.size();
        let mut style = Style::new(Role::Body, size);
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

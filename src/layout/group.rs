//! Blocks that group or frame others: definition lists, divs and details
//! (figures are in [`super::figure`]). [`super::block`] walks the tree; this file says how each of
//! these is set in print.

use crate::book::{DefinitionItem, Inline};
use crate::fonts::Role;

use super::block::{BlockLayout, Ctx, Frame};
use super::emit::ParaSpec;
use super::inline::flatten;
use super::line::Align;
use super::style::Style;

impl BlockLayout<'_, '_> {
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
    /// are laid out in order).
    pub(super) fn term<'b>(&mut self, item: &'b DefinitionItem, ctx: &Ctx) -> Vec<Frame<'b>> {
        self.line_of(&item.term, Align::Left, ctx, true);
        let inner = ctx.indented(2.0 * self.size());
        item.definitions
            .iter()
            .rev()
            .map(|blocks| Frame::Blocks(blocks.iter(), inner.clone()))
            .collect()
    }
}

//! Display math as a block: centred in the column, its `\tag` at the
//! right margin, scaled down (to 60% at most) when wider than the column.

use super::boxes::MBox;
use crate::layout::block::{BlockLayout, Ctx};
use crate::layout::flow::FlowLine;
use crate::math::{Math, Node};

impl BlockLayout<'_, '_> {
    /// Display math standing alone.
    pub(in crate::layout) fn display_math(&mut self, m: &Math, ctx: &Ctx) {
        let size = self.size();
        let tag = |s: f32| {
            let t = Math {
                display: false,
                tex: String::new(),
                tree: m.tag.as_ref().map(|t| Node::Text(t.clone())),
                tag: None,
            };
            super::lay_out(self.env, &t, s, false)
        };
        let Some(mut b) = super::lay_out(self.env, m, size, true) else {
            self.code_block(m.tex.trim(), ctx);
            return;
        };
        let mut tag_box = tag(size);
        let room =
            |t: &Option<MBox>| ctx.width - t.as_ref().map_or(0.0, |t| 2.0 * (t.width + size));
        if b.width > room(&tag_box) && b.width > 0.0 {
            let scale = (room(&tag_box) / b.width).max(0.6);
            if let Some(small) = super::lay_out(self.env, m, size * scale, true) {
                b = small;
                tag_box = tag(size * scale);
            }
        }
        let pad = self.pitch() * 0.35;
        let x = ctx.left + ((ctx.width - b.width) / 2.0).max(0.0);
        let baseline = pad + b.ascent;
        let mut line = FlowLine {
            height: b.ascent + b.descent + 2.0 * pad,
            baseline,
            ..FlowLine::default()
        };
        b.items(x, baseline, 0.0, &mut line.items);
        if let Some(t) = tag_box {
            t.items(
                ctx.left + ctx.width - t.width,
                baseline,
                0.0,
                &mut line.items,
            );
        }
        self.push(line, ctx);
    }
}

//! Code blocks: monospace, smaller, on a light gray background; every
//! source line wrapped at any character, so nothing is cut at the margin.

use crate::fonts::Role;

use super::block::{BlockLayout, Ctx};
use super::emit::{set, ParaSpec};
use super::flow::FlowLine;
use super::inline::Run;
use super::line::Align;
use super::page::{Color, Item};
use super::para::{prepare, PrepOptions};
use super::style::Style;

impl BlockLayout<'_, '_> {
    /// A code block: monospace, smaller, gray background, every line
    /// wrapped at any character so nothing is cut.
    pub(super) fn code_block(&mut self, text: &str, ctx: &Ctx) {
        let size = self.size() * 0.85;
        let pitch = size * 1.45;
        let pad = 4.0;
        let bg = |height: f32| Item::Rect {
            x: ctx.left,
            y: 0.0,
            width: ctx.width,
            height,
            color: Color::Gray(0.93),
        };
        self.space(self.pitch() * 0.4);
        let mut top = FlowLine::space(pad);
        top.discardable = false;
        top.keep_with_next = true;
        top.items.push(bg(pad));
        self.push(top, ctx);
        let first = self.lines.len();
        let text = text.strip_suffix('\n').unwrap_or(text);
        let mut style = Style::new(Role::Mono, size);
        style.color = Color::Gray(0.1);
        for source_line in text.split('\n') {
            let runs = vec![Run::text(source_line.trim_end_matches('\r'), style.clone())];
            let p = prepare(
                self.env,
                runs,
                PrepOptions {
                    code: true,
                    hyphenate: false,
                },
            );
            let spec = ParaSpec {
                left: ctx.left + pad,
                width: ctx.width - 2.0 * pad,
                indent: 0.0,
                align: Align::Left,
                size,
                line_height: 1.45,
            };
            let mut lines = set(&p, &spec);
            if lines.is_empty() {
                lines.push(FlowLine {
                    height: pitch,
                    text: true,
                    ..FlowLine::default()
                });
            }
            for mut line in lines {
                line.items.insert(0, bg(line.height));
                // Source lines are not paragraphs: the block's own first
                // and last two lines are what must stay together.
                line.keep_with_next = false;
                self.push(line, ctx);
            }
        }
        let mut bottom = FlowLine::space(pad);
        bottom.discardable = false;
        bottom.items.push(bg(pad));
        self.push(bottom, ctx);
        let end = self.lines.len();
        let body = first..end - 1;
        if body.len() >= 2 {
            self.lines[body.start].keep_with_next = true;
            self.lines[body.end - 2].keep_with_next = true;
        }
        self.lines[end - 2].keep_with_next = true;
        self.space(self.pitch() * 0.4);
    }
}

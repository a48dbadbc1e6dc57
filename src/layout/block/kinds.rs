//! Each kind of block of the Book model into flow lines: [`BlockLayout::block`]
//! dispatches, one method per kind; what a kind nests (a quote's blocks,
//! a list's items) comes back as a [`Frame`] for the walk in `block.rs`.

use crate::book::{AnchorId, Block, CalloutKind, Inline, ListItem};
use crate::fonts::Role;

use super::super::emit::ParaSpec;
use super::super::flow::FlowLine;
use super::super::inline::{flatten, Run};
use super::super::line::Align;
use super::super::marker::{Marker, MarkerKind};
use super::super::page::{Color, Item, StructRole};
use super::super::style::{AnchorKey, Style};
use super::{marker_width, room, BlockLayout, Ctx, Frame, HeadingInfo, MAX_INDENT_DEPTH};

impl<'e, 'a> BlockLayout<'e, 'a> {
    /// Lays out one block; returns a frame for its children, if any, and
    /// the space to leave once they are done.
    pub(super) fn block<'b>(&mut self, block: &'b Block, ctx: &Ctx) -> Option<(Frame<'b>, f32)> {
        let pitch = self.pitch();
        match block {
            Block::Paragraph(inlines) => self.paragraph_block(inlines, ctx),
            Block::Heading { level, id, content } => self.heading(*level, id, content, ctx),
            Block::CodeBlock { lang, text } => {
                self.open_leaf(StructRole::Code, ctx);
                self.code_block(lang.as_deref(), text, ctx);
            }
            Block::Math(m) => {
                let node = self.open_leaf(StructRole::Formula, ctx);
                self.tree.nodes[node as usize].alt = Some(m.tex.trim().to_string());
                self.display_math(m, ctx);
            }
            Block::BlockQuote(children) => {
                self.space(pitch * 0.5);
                let mut inner = ctx.quote(self.size());
                inner.node = Some(self.open(StructRole::BlockQuote, ctx));
                return Some((Frame::Blocks(children.iter(), inner), pitch * 0.5));
            }
            Block::Callout { kind, blocks } => {
                let inner = self.callout(*kind, ctx);
                return Some((Frame::Blocks(blocks.iter(), inner), pitch * 0.5));
            }
            Block::List { start, items } => return Some(self.list(*start, items, ctx)),
            Block::Table { align, head, rows } => {
                self.space(pitch * 0.5);
                let table = self.open(StructRole::Table, ctx);
                self.leaf = None;
                let tags = (&mut self.tree, table);
                let lines = super::super::table::lay_out(
                    self.env, align, head, rows, ctx.left, ctx.width, tags,
                );
                for line in lines {
                    self.push(line, ctx);
                }
                self.space(pitch * 0.5);
            }
            Block::Figure { image, caption, id } => {
                self.space(pitch * 0.3);
                // Links to the figure land on it, as links to a heading do.
                if let Some(id) = id {
                    self.anchor_next(AnchorKey::Id(id.clone()));
                }
                self.figure(image, caption, ctx);
                self.space(pitch * 0.3);
            }
            Block::DefinitionList(items) => {
                self.space(pitch * 0.3);
                let list = Ctx {
                    node: Some(self.open(StructRole::L, ctx)),
                    ..ctx.clone()
                };
                return Some((Frame::Terms(items.iter(), list), pitch * 0.3));
            }
            Block::Div { attrs, blocks } => {
                if let Some(id) = &attrs.id {
                    self.anchor_next(AnchorKey::Id(id.clone()));
                }
                let div = self.open(StructRole::Div, ctx);
                self.tree.nodes[div as usize].lang = attrs.lang.clone();
                let inner = Ctx {
                    node: Some(div),
                    ..ctx.div(attrs)
                };
                return Some((Frame::Blocks(blocks.iter(), inner), 0.0));
            }
            Block::Details { summary, blocks } => {
                let inner = Ctx {
                    node: Some(self.open(StructRole::Div, ctx)),
                    ..ctx.clone()
                };
                self.open_leaf(StructRole::P, &inner);
                self.line_of(summary, Align::Left, &inner, true);
                return Some((Frame::Blocks(blocks.iter(), inner), 0.0));
            }
            Block::Rule => self.rule(ctx),
        }
        None
    }

    /// A paragraph: a body paragraph, or the images of one made only of
    /// images, each set as a figure.
    fn paragraph_block(&mut self, inlines: &[Inline], ctx: &Ctx) {
        if let Some(images) = self.only_images(inlines) {
            for image in images {
                self.open_figure(&image.alt, ctx);
                self.block_image(image, ctx);
            }
            return;
        }
        self.open_leaf(StructRole::P, ctx);
        let style = ctx.style(Role::Body, self.size());
        let runs = flatten(inlines, &style, self.env.book);
        self.body_paragraph(runs, ctx);
    }

    /// A heading: larger, bold, kept with what follows, and listed for the
    /// outline.
    fn heading(&mut self, level: u8, id: &AnchorId, content: &[Inline], ctx: &Ctx) {
        let factor = match level {
            0..=2 => 1.35,
            3 => 1.2,
            4 => 1.1,
            _ => 1.0,
        };
        let hs = self.size() * factor;
        let pitch = self.pitch();
        self.space(pitch);
        self.headings.push(HeadingInfo {
            level,
            title: crate::book::plain_text(content),
            key: AnchorKey::Id(id.clone()),
        });
        self.anchor_next(AnchorKey::Id(id.clone()));
        self.open_leaf(StructRole::Heading(level.clamp(1, 6)), ctx);
        let style = ctx.style(Role::Heading, hs).bold();
        let runs = flatten(content, &style, self.env.book);
        let spec = ParaSpec {
            left: ctx.left,
            width: ctx.width,
            indent: 0.0,
            align: ctx.align.unwrap_or(Align::Left),
            size: hs,
            line_height: 1.5,
        };
        self.paragraph(runs, &spec, ctx, true);
        self.space(pitch * 0.3);
    }

    /// A callout is set like a block quote (indent and rule), its label in
    /// bold as the first line, so the kind reads in print too. Returns the
    /// context of its blocks.
    fn callout(&mut self, kind: CalloutKind, ctx: &Ctx) -> Ctx {
        let size = self.size();
        self.space(self.pitch() * 0.5);
        let mut inner = ctx.quote(size);
        inner.node = Some(self.open(StructRole::Div, ctx));
        self.open_leaf(StructRole::P, &inner);
        let label = kind.label(self.env.book.meta.locale());
        let label = [Inline::Strong(vec![Inline::Text(label.to_string())])];
        let runs = flatten(&label, &Style::new(Role::Body, size), self.env.book);
        let spec = ParaSpec {
            left: inner.left,
            width: inner.width,
            indent: 0.0,
            align: Align::Left,
            size,
            line_height: self.env.line_height(),
        };
        self.paragraph(runs, &spec, &inner, true);
        inner
    }

    /// A list: its frame of items, and the space after it (none inside
    /// another list).
    fn list<'b>(
        &mut self,
        start: Option<u64>,
        items: &'b [ListItem],
        ctx: &Ctx,
    ) -> (Frame<'b>, f32) {
        let after = if ctx.in_list { 0.0 } else { self.pitch() * 0.3 };
        if !ctx.in_list {
            self.space(after);
        }
        let list = Ctx {
            node: Some(self.open(StructRole::L, ctx)),
            ..ctx.clone()
        };
        let items = Frame::Items {
            items: items.iter(),
            number: start,
            ctx: list,
            indent: self.list_indent(start, items.len(), ctx),
        };
        (items, after)
    }

    /// One item of a list: its marker (a bullet, a number, a task box) on
    /// its first line, hung `indent` left of its text. Returns the frame of
    /// its blocks.
    pub(super) fn list_item<'b>(
        &mut self,
        item: &'b ListItem,
        number: &mut Option<u64>,
        ctx: &Ctx,
        indent: f32,
    ) -> Option<Frame<'b>> {
        let kind = match (item.task, &number) {
            (Some(done), _) => MarkerKind::Task(done),
            (None, Some(n)) => MarkerKind::Text(format!("{n}."), None),
            (None, None) => MarkerKind::Bullet(ctx.list_depth),
        };
        if let Some(n) = number {
            *n = n.saturating_add(1);
        }
        let li = self.open(StructRole::LI, ctx);
        let label = self.tree.add(StructRole::Lbl, Some(li));
        let body = self.tree.add(StructRole::LBody, Some(li));
        self.leaf = Some(body);
        let right = ctx.left + indent;
        let size = self.size();
        self.marker_next(Marker { kind, right, size }, Some(label));
        let indent = indent.min(room(ctx.width, size));
        let inner = Ctx {
            left: ctx.left + indent,
            width: ctx.width - indent,
            depth: ctx.depth + 1,
            in_list: true,
            list_depth: ctx.list_depth + 1,
            node: Some(body),
            ..ctx.clone()
        };
        if !item.blocks.is_empty() {
            return Some(Frame::Blocks(item.blocks.iter(), inner));
        }
        let line = FlowLine {
            height: self.pitch(),
            baseline: self.pitch() / 2.0 + 0.38 * size,
            text: true,
            ..FlowLine::default()
        };
        self.push(line, &inner);
        None
    }

    /// A thematic break: a short centred rule.
    fn rule(&mut self, ctx: &Ctx) {
        let pitch = self.pitch();
        let mut line = FlowLine {
            height: pitch,
            ..FlowLine::default()
        };
        let y = pitch / 2.0;
        line.items.push(Item::Line {
            from: (ctx.left + ctx.width * 0.3, y),
            to: (ctx.left + ctx.width * 0.7, y),
            width: 0.6,
            color: Color::Gray(0.4),
        });
        self.push(line, ctx);
    }

    /// The hanging indent of a list: 2 em, or wider when its largest
    /// number needs it (a marker never reaches into the margin); none past
    /// the deepest indenting level.
    fn list_indent(&self, start: Option<u64>, count: usize, ctx: &Ctx) -> f32 {
        if ctx.depth >= MAX_INDENT_DEPTH {
            return 0.0;
        }
        let size = self.size();
        let widest = match start {
            Some(n) => {
                let last = n.saturating_add(count.saturating_sub(1) as u64);
                marker_width(self.env, &format!("{last}."), size) + 0.6 * size
            }
            None => 0.0,
        };
        (2.0 * size)
            .max(widest)
            .min(ctx.width / 2.0)
            .min(room(ctx.width, size))
    }

    /// A body paragraph: first-line indent (see [`Env::indent`]) and
    /// justified in CJK books; flush with a half-line space before in others.
    fn body_paragraph(&mut self, runs: Vec<Run>, ctx: &Ctx) {
        let size = self.size();
        let cjk = self.env.is_cjk();
        let indent = if cjk && !ctx.in_list && ctx.align.is_none() {
            self.env.indent() * size
        } else {
            0.0
        };
        if !cjk {
            self.space(self.pitch() * 0.4);
        }
        let spec = ParaSpec {
            left: ctx.left,
            width: ctx.width,
            indent,
            align: ctx.align.unwrap_or(Align::Justify),
            size,
            line_height: self.env.line_height(),
        };
        self.paragraph(runs, &spec, ctx, false);
    }

    /// The images of a paragraph made only of images (and spaces): each
    /// is set as a block, or as a placeholder when it cannot be drawn.
    fn only_images<'b>(&self, inlines: &'b [Inline]) -> Option<Vec<&'b crate::book::Image>> {
        let mut out = Vec::new();
        for inline in inlines {
            match inline {
                Inline::Image(image) => out.push(image),
                Inline::SoftBreak | Inline::LineBreak => {}
                Inline::Text(t) if t.trim().is_empty() => {}
                _ => return None,
            }
        }
        // A row of badges some of which cannot be drawn reads better as
        // a line of bracketed alt texts than as a stack of boxes.
        let mixed = out.len() > 1 && out.iter().any(|i| i.asset.is_none());
        (!out.is_empty() && !mixed).then_some(out)
    }
}

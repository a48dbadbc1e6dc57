//! Blocks (a tree) into flow lines.
//!
//! The walk is iterative over an explicit stack of frames, so 5 000 nested
//! block quotes or lists cost heap, not call stack. Visual indentation stops
//! growing after [`MAX_INDENT_DEPTH`] levels: deeper levels are still laid
//! out, at the deepest indent, so the text keeps a usable width.

mod kinds;

use crate::book::{Block, DefinitionItem, ListItem};
use crate::fonts::Role;

use super::emit::{set, ParaSpec};
use super::env::Env;
use super::flow::FlowLine;
use super::inline::Run;
use super::line::Align;
use super::marker::{self, Marker};
use super::page::{Color, Item, NodeId};
use super::para::{prepare, PrepOptions};
use super::style::{AnchorKey, Style};
use super::tag::{Tag, Tree};

/// Nesting levels that still indent (quotes and lists).
pub const MAX_INDENT_DEPTH: usize = 6;

/// A heading met while laying out, for the outline.
#[derive(Debug, Clone, PartialEq)]
pub struct HeadingInfo {
    pub level: u8,
    pub title: String,
    pub key: AnchorKey,
}

/// Horizontal context of a frame.
#[derive(Debug, Clone)]
pub(super) struct Ctx {
    pub(super) left: f32,
    pub(super) width: f32,
    pub(super) depth: usize,
    /// x of the rules of the enclosing block quotes (at most
    /// `MAX_INDENT_DEPTH`).
    pub(super) rules: Vec<f32>,
    pub(super) in_list: bool,
    pub(super) list_depth: usize,
    /// The language and alignment an enclosing div gives its text.
    pub(super) locale: Option<crate::text::Locale>,
    pub(super) align: Option<Align>,
    /// The structure node the blocks here are part of.
    pub(super) node: Option<NodeId>,
}

pub(super) enum Frame<'b> {
    Blocks(std::slice::Iter<'b, Block>, Ctx),
    /// The items of a definition list still to set.
    Terms(std::slice::Iter<'b, DefinitionItem>, Ctx),
    Items {
        items: std::slice::Iter<'b, ListItem>,
        number: Option<u64>,
        ctx: Ctx,
        /// The hanging indent of the items.
        indent: f32,
    },
    /// Space after a quote or list once its content is done.
    Space(f32),
}

/// Lays blocks out into lines. One per section (chapter, notes…).
pub struct BlockLayout<'e, 'a> {
    pub env: &'e Env<'a>,
    pub lines: Vec<FlowLine>,
    pub headings: Vec<HeadingInfo>,
    /// Height of the text area (images are scaled to fit it).
    pub area_height: f32,
    /// The structure of what was laid out (see [`super::tag`]).
    pub tree: Tree,
    /// The node the blocks laid out next are part of (a chapter's).
    pub root: Option<NodeId>,
    /// The node of the lines pushed next (the paragraph being set).
    pub leaf: Option<NodeId>,
    /// Markers to draw on the next text line, with their label's node.
    markers: Vec<(Marker, Option<NodeId>)>,
    anchors: Vec<AnchorKey>,
}

impl<'e, 'a> BlockLayout<'e, 'a> {
    pub fn new(env: &'e Env<'a>, area_height: f32) -> Self {
        BlockLayout {
            env,
            lines: Vec::new(),
            headings: Vec::new(),
            area_height,
            tree: Tree::default(),
            root: None,
            leaf: None,
            markers: Vec::new(),
            anchors: Vec::new(),
        }
    }

    pub(super) fn size(&self) -> f32 {
        self.env.body_size()
    }

    pub(super) fn pitch(&self) -> f32 {
        self.size() * self.env.line_height()
    }

    /// Marks the next line pushed as the place `key` points at.
    pub fn anchor_next(&mut self, key: AnchorKey) {
        self.anchors.push(key);
    }

    /// Draws `marker` on the next text line pushed, as part of `label`.
    pub fn marker_next(&mut self, marker: Marker, label: Option<NodeId>) {
        self.markers.push((marker, label));
    }

    /// Adds vertical space, merged with a space just before it (the larger
    /// wins) and kept with the previous line if that one keeps.
    pub fn space(&mut self, height: f32) {
        let keep = self.lines.last().is_some_and(|l| l.keep_with_next);
        if let Some(last) = self.lines.last_mut() {
            if last.discardable && last.items.is_empty() {
                last.height = last.height.max(height);
                return;
            }
        }
        let mut line = FlowLine::space(height);
        line.keep_with_next = keep;
        self.lines.push(line);
    }

    /// Appends `line`, drawing pending markers, anchors and quote rules.
    pub(super) fn push(&mut self, mut line: FlowLine, ctx: &Ctx) {
        for &x in &ctx.rules {
            line.items.insert(
                0,
                Item::Line {
                    from: (x, 0.0),
                    to: (x, line.height),
                    width: 0.8,
                    color: Color::Gray(0.6),
                },
            );
            line.tags.insert(0, Tag::Artifact);
        }
        // Counted before the markers: the EPUB has no list numbers in its text.
        line.chars = super::flow::count_chars(&line.items);
        self.tag_line(&mut line);
        if line.text && !self.markers.is_empty() {
            for (m, label) in std::mem::take(&mut self.markers) {
                let from = line.items.len();
                marker::draw(self.env, &m, &mut line);
                Self::tag_from(&mut line, from, label);
            }
        }
        if !line.discardable && !self.anchors.is_empty() {
            line.anchors.splice(0..0, std::mem::take(&mut self.anchors));
        }
        self.lines.push(line);
    }

    /// Sets `runs` as a paragraph and appends its lines.
    pub(super) fn paragraph(&mut self, runs: Vec<Run>, spec: &ParaSpec, ctx: &Ctx, keep: bool) {
        let options = PrepOptions {
            code: false,
            hyphenate: spec.align == Align::Justify && self.env.hyphenates(),
        };
        for mut line in paragraph_lines(self.env, runs, spec, options) {
            line.keep_with_next |= keep;
            self.push(line, ctx);
        }
    }

    /// Heading lines (chapter titles and the like) set across `width`,
    /// kept with what follows. Empty `runs` give one empty line (it still
    /// carries pending markers and anchors).
    pub fn heading_lines(&mut self, runs: Vec<Run>, size: f32, align: Align, width: f32) {
        let ctx = self.top_ctx(0.0, width, false);
        let spec = ParaSpec {
            left: 0.0,
            width,
            indent: 0.0,
            align,
            size,
            line_height: 1.4,
        };
        let before = self.lines.len();
        self.paragraph(runs, &spec, &ctx, true);
        if self.lines.len() == before {
            let line = FlowLine {
                height: size * 1.4,
                baseline: size * 0.7 + 0.38 * size,
                text: true,
                keep_with_next: true,
                ..FlowLine::default()
            };
            self.push(line, &ctx);
        }
    }

    fn top_ctx(&self, left: f32, width: f32, flush: bool) -> Ctx {
        Ctx {
            left,
            width,
            depth: 0,
            rules: Vec::new(),
            in_list: flush,
            list_depth: 0,
            locale: None,
            align: None,
            node: self.root,
        }
    }

    /// Lays out `blocks` in the column `left`..`left + width`; `flush`
    /// paragraphs get no first-line indent (notes, the copyright page).
    pub fn blocks(&mut self, blocks: &[Block], left: f32, width: f32, flush: bool) {
        let ctx = self.top_ctx(left, width, flush);
        let mut stack: Vec<Frame<'_>> = vec![Frame::Blocks(blocks.iter(), ctx)];
        while let Some(frame) = stack.last_mut() {
            match frame {
                Frame::Space(h) => {
                    let h = *h;
                    stack.pop();
                    self.space(h);
                }
                Frame::Blocks(iter, ctx) => {
                    let Some(block) = iter.next() else {
                        stack.pop();
                        continue;
                    };
                    let ctx = ctx.clone();
                    if let Some((child, after)) = self.block(block, &ctx) {
                        if after > 0.0 {
                            stack.push(Frame::Space(after));
                        }
                        stack.push(child);
                    }
                }
                Frame::Terms(items, ctx) => {
                    let Some(item) = items.next() else {
                        stack.pop();
                        continue;
                    };
                    let ctx = ctx.clone();
                    let definitions = self.term(item, &ctx);
                    stack.extend(definitions);
                }
                Frame::Items {
                    items,
                    number,
                    ctx,
                    indent,
                } => {
                    let Some(item) = items.next() else {
                        stack.pop();
                        continue;
                    };
                    let ctx = ctx.clone();
                    let indent = *indent;
                    let child = self.list_item(item, number, &ctx, indent);
                    stack.extend(child);
                }
            }
        }
        self.markers.clear();
    }

    /// A block image, scaled down to the column width and the page height.
    pub(super) fn image(&mut self, asset: usize, w: f32, h: f32, ctx: &Ctx) {
        let pad = self.pitch() * 0.3;
        let max_h = (self.area_height - 2.0 * pad).max(1.0);
        let scale = (ctx.width / w).min(max_h / h).min(1.0);
        let (w, h) = (w * scale, h * scale);
        let x = ctx.left + (ctx.width - w) / 2.0;
        let line = FlowLine {
            height: h + 2.0 * pad,
            items: vec![Item::Image {
                asset,
                x,
                y: pad,
                width: w,
                height: h,
            }],
            shrinkable: true,
            ..FlowLine::default()
        };
        self.push(line, ctx);
    }
}

/// How far a nested block may indent within a column of `width`: it keeps
/// at least 4 ems (or the whole column, if narrower) so nothing is pushed
/// past the right margin.
pub(super) fn room(width: f32, size: f32) -> f32 {
    (width - 4.0 * size).max(0.0)
}

/// Width of a list or note number set in the body face.
pub fn marker_width(env: &Env<'_>, text: &str, size: f32) -> f32 {
    let runs = vec![Run::text(text, Style::new(Role::Body, size))];
    prepare(env, runs, PrepOptions::default()).natural_width()
}

/// A paragraph's lines, prepared and set. When a watch session lays a
/// chapter out again (an edit in it), the lines of its other paragraphs
/// are the ones kept from the last time, by a key of the runs, the spec
/// and the environment's state: typing re-sets one paragraph, not the
/// chapter. Not on a session's first layout, which would keep a copy of
/// every paragraph of the book for chapters it then reuses whole.
fn paragraph_lines(
    env: &Env<'_>,
    runs: Vec<Run>,
    spec: &ParaSpec,
    options: PrepOptions,
) -> Vec<FlowLine> {
    let Some((reuse, salt)) = env.reuse.filter(|(reuse, _)| reuse.is_warm()) else {
        return set(&prepare(env, runs, options), spec);
    };
    let mut h = super::memo::KeyHasher::default();
    h.add(&salt);
    env.text_state(&mut h);
    // Formatted into the hasher (see `KeyHasher`'s `fmt::Write`).
    let _ = std::fmt::Write::write_fmt(&mut h, format_args!("{runs:?}{spec:?}{options:?}"));
    let make = || set(&prepare(env, runs, options), spec).into();
    env.kept(&reuse.paragraphs, h.key(), make).to_vec()
}

//! One laid-out page into the bytes of its content stream: this file walks
//! the page's items, keeps the graphics state and wraps the items in
//! marked content (below); `glyphs` writes the text, `num` the numbers.
//!
//! The operators are written straight into a buffer: a page of CJK text is
//! mostly one `TJ` per line, and building an operation tree for it first
//! (printpdf's `Op`s) took a third of a large book's PDF time. Pages are
//! independent, so the writer encodes and compresses them in parallel.
//!
//! The layout gives top-left coordinates; PDF's origin is bottom-left, so
//! every y is flipped against the page height here. Text is written as one
//! `Tm` + `TJ` per run of equal baseline offset: the glyphs are placed at the
//! layout's exact x positions by TJ kerning numbers that correct the
//! viewer's pen (which advances by the `/W` widths) to the wanted position.
//!
//! In a tagged document every item is marked content: the items of one
//! structure node in a row are one `/P <</MCID n>> BDC … EMC` sequence
//! (the MCIDs numbered in page order, as [`PageContent::mcids`] records
//! for the structure tree), furniture is `/Artifact BMC … EMC`. A text
//! object never straddles two sequences.

use std::collections::BTreeMap;

use super::num::{finite, push_num, thousandths, unit};
use super::tags::role_name;
use crate::fonts::FaceId;
use crate::layout::page::{Color, Item, NodeId, Page, StructNode};

/// Writes the content stream of `page`. `images` maps an asset index to
/// the resource name of the XObject that draws it (assets that could not
/// be embedded are absent and are skipped). With a `structure` (a tagged
/// document) the items are marked content of the nodes [`Page::tags`]
/// names.
pub fn page_content(
    page: &Page,
    fonts: &super::fonts::Faces,
    images: &BTreeMap<usize, String>,
    structure: &[StructNode],
) -> PageContent {
    let mut w = Writer {
        out: Vec::with_capacity(4096),
        st: State::default(),
        height: finite(page.height),
        mark: None,
        mcids: Vec::new(),
    };
    for (i, item) in page.items.iter().enumerate() {
        if !structure.is_empty() {
            let tag = page.tags.get(i).copied().flatten();
            w.mark(tag.and_then(|n| Some((n, structure.get(n as usize)?))));
        }
        match item {
            Item::Text(run) => {
                if let Some(face) = fonts.get(&run.face) {
                    w.text(run, face);
                }
            }
            Item::Line {
                from,
                to,
                width,
                color,
            } => {
                w.end_text();
                w.paint(Paint::Stroke, *color);
                w.set(Param::LineWidth, finite(*width).max(0.0));
                w.nums(&[from.0, w.height - finite(from.1)]);
                w.op("m");
                w.nums(&[to.0, w.height - finite(to.1)]);
                w.op("l");
                w.op("S");
            }
            Item::Rect {
                x,
                y,
                width,
                height: h,
                color,
            } => {
                w.end_text();
                w.paint(Paint::Fill, *color);
                w.nums(&[*x, w.height - finite(*y) - finite(*h), *width, *h]);
                w.op("re");
                w.op("f");
            }
            Item::Image {
                asset,
                x,
                y,
                width,
                height: h,
            } => {
                let Some(name) = images.get(asset) else {
                    continue;
                };
                w.end_text();
                // The image is a unit square: scale it to the box and move
                // it to the box's lower-left corner.
                w.op("q");
                w.nums(&[*width, 0.0, 0.0, *h, *x, w.height - finite(*y) - finite(*h)]);
                w.op("cm");
                w.name(name);
                w.op("Do");
                w.op("Q");
            }
        }
    }
    w.end_text();
    w.close_mark();
    PageContent {
        bytes: w.out,
        mcids: w.mcids,
    }
}

/// The node of each MCID [`page_content`] writes on `page`: one for each
/// run of items of the same node, in order. A function of the page's tags
/// alone, so that a page content kept from the last build (whose nodes may
/// have other numbers now) gets its MCIDs' nodes without an encoding.
pub fn mcid_nodes(page: &Page, structure: &[StructNode]) -> Vec<NodeId> {
    let mut nodes = Vec::new();
    if structure.is_empty() {
        return nodes;
    }
    let mut open: Option<Option<NodeId>> = None;
    for i in 0..page.items.len() {
        let tag = page.tags.get(i).copied().flatten();
        let tag = tag.filter(|&n| (n as usize) < structure.len());
        if open != Some(tag) {
            nodes.extend(tag);
            open = Some(tag);
        }
    }
    nodes
}

/// A page's content stream and, for each of its MCIDs, the node it marks.
pub struct PageContent {
    pub bytes: Vec<u8>,
    pub mcids: Vec<NodeId>,
}

/// A number of the graphics state that one operator sets.
#[derive(Clone, Copy)]
pub(super) enum Param {
    LineWidth,
    /// Character spacing (`Tc`), in points.
    CharSpacing,
}

impl Param {
    fn operator(self) -> &'static str {
        match self {
            Param::LineWidth => "w",
            Param::CharSpacing => "Tc",
        }
    }
}

/// Graphics state already set in the content stream, so that operators are
/// only written when a value changes.
pub(super) struct State {
    pub(super) in_text: bool,
    /// Face, size in thousandths, and whether it is the vertical font.
    pub(super) font: Option<(FaceId, i64, bool)>,
    pub(super) bold: bool,
    /// Each [`Param`]'s value in thousandths, `None` while unknown.
    pub(super) params: [Option<i64>; 2],
    /// The fill and stroke colours (see [`Paint`]), `None` while unknown.
    pub(super) colors: [Option<ColorKey>; 2],
}

/// Which of the two colours an operator sets.
#[derive(Clone, Copy)]
pub(super) enum Paint {
    Fill,
    Stroke,
}

/// A colour as written: its components in thousandths, so that a colour
/// is only set again when what the stream says would change.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum ColorKey {
    Gray(i64),
    Rgb(i64, i64, i64),
}

impl Default for State {
    fn default() -> Self {
        State {
            in_text: false,
            font: None,
            bold: false,
            // A content stream starts with no character spacing.
            params: [None, Some(0)],
            colors: [None, None],
        }
    }
}

pub(super) struct Writer {
    pub(super) out: Vec<u8>,
    pub(super) st: State,
    /// Page height, to flip y.
    pub(super) height: f32,
    /// The marked-content sequence open: `Some(None)` an artifact,
    /// `Some(Some(node))` a node's.
    mark: Option<Option<NodeId>>,
    /// The node of each MCID written.
    mcids: Vec<NodeId>,
}

impl Writer {
    pub(super) fn end_text(&mut self) {
        if self.st.in_text {
            self.op("ET");
            self.st.in_text = false;
        }
    }

    /// Sets the fill or stroke colour: `g`/`G` for a gray level, `rg`/`RG`
    /// for RGB, each component clamped to 0..=1.
    pub(super) fn paint(&mut self, paint: Paint, color: Color) {
        let key = match color {
            Color::Gray(g) => ColorKey::Gray(thousandths(unit(g))),
            Color::Rgb(r, g, b) => ColorKey::Rgb(
                thousandths(unit(r)),
                thousandths(unit(g)),
                thousandths(unit(b)),
            ),
        };
        let slot = &mut self.st.colors[paint as usize];
        if *slot == Some(key) {
            return;
        }
        *slot = Some(key);
        let (op, stroke_op) = match color {
            Color::Gray(g) => {
                self.nums(&[unit(g)]);
                ("g", "G")
            }
            Color::Rgb(r, g, b) => {
                self.nums(&[unit(r), unit(g), unit(b)]);
                ("rg", "RG")
            }
        };
        self.op(match paint {
            Paint::Fill => op,
            Paint::Stroke => stroke_op,
        });
    }

    /// Sets `param` to `value`, writing the operator only on a change.
    pub(super) fn set(&mut self, param: Param, value: f32) {
        let key = thousandths(value);
        let slot = &mut self.st.params[param as usize];
        if *slot != Some(key) {
            *slot = Some(key);
            self.nums(&[value]);
            self.op(param.operator());
        }
    }

    /// Numbers as operands, each followed by a space.
    pub(super) fn nums(&mut self, values: &[f32]) {
        for &v in values {
            push_num(&mut self.out, v);
            self.out.push(b' ');
        }
    }

    pub(super) fn name(&mut self, name: &str) {
        self.out.push(b'/');
        self.out.extend_from_slice(name.as_bytes());
        self.out.push(b' ');
    }

    /// An operator, ending its line.
    pub(super) fn op(&mut self, op: &str) {
        self.out.extend_from_slice(op.as_bytes());
        self.out.push(b'\n');
    }

    /// Starts the marked-content sequence of `node` (an artifact when
    /// `None`) unless it is the one open.
    fn mark(&mut self, node: Option<(NodeId, &StructNode)>) {
        let id = node.map(|(n, _)| n);
        if self.mark == Some(id) {
            return;
        }
        self.end_text();
        self.close_mark();
        match node {
            Some((n, s)) => {
                self.name(role_name(s.role));
                self.out.extend_from_slice(b"<</MCID ");
                super::num::push_int(&mut self.out, self.mcids.len() as i64);
                self.out.extend_from_slice(b">>");
                self.op(" BDC");
                self.mcids.push(n);
            }
            None => self.op("/Artifact BMC"),
        }
        self.mark = Some(id);
    }

    fn close_mark(&mut self) {
        if self.mark.take().is_some() {
            self.op("EMC");
        }
    }
}

#[cfg(test)]
#[path = "content_tests.rs"]
mod tests;

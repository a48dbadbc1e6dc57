//! List markers, task boxes and note numbers drawn in the hanging indent.
//!
//! Bullets and task boxes are drawn as geometry rather than as characters:
//! they then need no glyph from any font (no tofu, no missing-glyph
//! warning) and add nothing to the text a reader copies.

use crate::fonts::Role;

use super::env::Env;
use super::flow::{FlowLine, PendingLink};
use super::inline::Run;
use super::line::Align;
use super::page::{Color, Item};
use super::para::{prepare, PrepOptions};
use super::style::{LinkRef, Style};

#[derive(Debug, Clone, PartialEq)]
pub enum MarkerKind {
    /// A bullet of a list nested `depth` levels (0 = outermost).
    Bullet(usize),
    /// An ordered list number or a note number, possibly a link.
    Text(String, Option<LinkRef>),
    /// A task-list box, checked or not.
    Task(bool),
}

/// A marker waiting for the first text line of its item.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    pub kind: MarkerKind,
    /// The marker's right edge, from the text area's left edge.
    pub right: f32,
    pub size: f32,
}

/// Draws `marker` on `line`, right-aligned at `marker.right`.
pub fn draw(env: &Env<'_>, marker: &Marker, line: &mut FlowLine) {
    let s = marker.size;
    // Never into the margin, even when a narrow column left no indent.
    let right = marker.right.max(1.2 * s);
    let centre = line.baseline - 0.38 * s;
    match &marker.kind {
        MarkerKind::Bullet(depth) => bullet(&mut line.items, *depth, (right, centre), s),
        MarkerKind::Task(checked) => task_box(&mut line.items, *checked, (right, centre), s),
        MarkerKind::Text(text, link) => number(env, text, link, (right, s), line),
    }
}

/// A bullet ending at `right` on the text's `centre`: a filled square, an
/// open one on nested levels.
fn bullet(items: &mut Vec<Item>, depth: usize, (right, centre): (f32, f32), s: f32) {
    let filled = depth.is_multiple_of(2);
    let d = if filled { 0.3 * s } else { 0.22 * s };
    let x = right - 0.5 * s - d / 2.0;
    if filled {
        items.push(Item::Rect {
            x,
            y: centre - d / 2.0,
            width: d,
            height: d,
            color: Color::BLACK,
        });
    } else {
        square(items, x, centre - d / 2.0, d, 0.05 * s);
    }
}

/// A task list's box, ticked when `checked`.
fn task_box(items: &mut Vec<Item>, checked: bool, (right, centre): (f32, f32), s: f32) {
    let d = 0.7 * s;
    let x1 = right - 0.3 * s - d;
    let (y1, x2, y2) = (centre - d / 2.0, x1 + d, centre + d / 2.0);
    square(items, x1, y1, d, 0.06 * s);
    if checked {
        let w = 0.08 * s;
        let tick = |from: (f32, f32), to: (f32, f32)| Item::Line {
            from,
            to,
            width: w,
            color: Color::BLACK,
        };
        let elbow = (x1 + 0.42 * d, y2 - 0.15 * d);
        items.push(tick((x1 + 0.15 * d, centre), elbow));
        items.push(tick(elbow, (x2 - 0.12 * d, y1 + 0.12 * d)));
    }
}

/// A list number (or a note's) set in the body face, ending `0.4 em`
/// before `right`, on `line`'s baseline; a link when the marker is one.
fn number(
    env: &Env<'_>,
    text: &str,
    link: &Option<LinkRef>,
    (right, s): (f32, f32),
    line: &mut FlowLine,
) {
    let set_in = |size: f32| {
        let mut style = Style::new(Role::Body, size);
        style.link = link.clone();
        prepare(env, vec![Run::text(text, style)], PrepOptions::default())
    };
    let mut p = set_in(s);
    let mut width = p.natural_width();
    let room = right - 0.4 * s;
    if width > room && width > 0.0 {
        // A number wider than its indent (item 18446744073709551615)
        // is set smaller rather than run off the page.
        p = set_in(s * room / width);
        width = p.natural_width();
    }
    let spec = super::emit::ParaSpec {
        left: (right - 0.4 * s - width).max(0.0),
        width: width + 1.0,
        indent: 0.0,
        align: Align::Left,
        size: s,
        line_height: 1.0,
    };
    // Set on one line, then moved onto this line's baseline.
    if let Some(set) = super::emit::set(&p, &spec).into_iter().next() {
        let dy = line.baseline - set.baseline;
        line.items
            .extend(set.items.iter().map(|i| super::flow::translate(i, 0.0, dy)));
        line.links.extend(
            set.links
                .into_iter()
                .map(|l| PendingLink { y: l.y + dy, ..l }),
        );
    }
}

/// The outline of a `d`-wide square whose top-left corner is (x, y).
fn square(items: &mut Vec<Item>, x: f32, y: f32, d: f32, width: f32) {
    let (x2, y2) = (x + d, y + d);
    for (from, to) in [
        ((x, y), (x2, y)),
        ((x2, y), (x2, y2)),
        ((x2, y2), (x, y2)),
        ((x, y2), (x, y)),
    ] {
        items.push(Item::Line {
            from,
            to,
            width,
            color: Color::BLACK,
        });
    }
}

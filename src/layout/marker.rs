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
    let marker = &Marker {
        right: marker.right.max(1.2 * s),
        ..marker.clone()
    };
    let base = line.baseline;
    let centre = base - 0.38 * s;
    match &marker.kind {
        MarkerKind::Bullet(depth) => {
            let d = if depth.is_multiple_of(2) {
                0.3 * s
            } else {
                0.22 * s
            };
            let x = marker.right - 0.5 * s - d / 2.0;
            if depth.is_multiple_of(2) {
                line.items.push(Item::Rect {
                    x,
                    y: centre - d / 2.0,
                    width: d,
                    height: d,
                    color: Color::BLACK,
                });
            } else {
                // Open square for nested levels.
                square(&mut line.items, x, centre - d / 2.0, d, 0.05 * s);
            }
        }
        MarkerKind::Task(checked) => {
            let d = 0.7 * s;
            let x1 = marker.right - 0.3 * s - d;
            let (y1, x2, y2) = (centre - d / 2.0, x1 + d, centre + d / 2.0);
            square(&mut line.items, x1, y1, d, 0.06 * s);
            if *checked {
                let w = 0.08 * s;
                line.items.push(Item::Line {
                    from: (x1 + 0.15 * d, centre),
                    to: (x1 + 0.42 * d, y2 - 0.15 * d),
                    width: w,
                    color: Color::BLACK,
                });
                line.items.push(Item::Line {
                    from: (x1 + 0.42 * d, y2 - 0.15 * d),
                    to: (x2 - 0.12 * d, y1 + 0.12 * d),
                    width: w,
                    color: Color::BLACK,
                });
            }
        }
        MarkerKind::Text(text, link) => {
            let set_in = |size: f32| {
                let mut style = Style::new(Role::Body, size);
                style.link = link.clone();
                prepare(
                    env,
                    vec![Run::text(text.clone(), style)],
                    PrepOptions::default(),
                )
            };
            let mut p = set_in(s);
            let mut width = p.natural_width();
            let room = marker.right - 0.4 * s;
            if width > room && width > 0.0 {
                // A number wider than its indent (item 18446744073709551615)
                // is set smaller rather than run off the page.
                p = set_in(s * room / width);
                width = p.natural_width();
            }
            let x0 = (marker.right - 0.4 * s - width).max(0.0);
            let spec = super::emit::ParaSpec {
                left: x0,
                width: width + 1.0,
                indent: 0.0,
                align: Align::Left,
                size: s,
                line_height: 1.0,
            };
            // Set on one line, then moved onto this line's baseline.
            if let Some(set) = super::emit::set(&p, &spec).into_iter().next() {
                let dy = base - set.baseline;
                line.items
                    .extend(set.items.iter().map(|i| super::flow::translate(i, 0.0, dy)));
                line.links.extend(
                    set.links
                        .into_iter()
                        .map(|l| PendingLink { y: l.y + dy, ..l }),
                );
            }
        }
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

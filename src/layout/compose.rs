//! Turning paginated flow lines into pages: absolute positions, resolved
//! links, running heads and page numbers. Shared by both profiles.

use std::collections::BTreeMap;

use crate::fonts::Role;

use super::emit::{set, ParaSpec};
use super::env::Env;
use super::flow::{shift, translate, FlowLine, Placed};
use super::geometry::Geometry;
use super::inline::Run;
use super::line::Align;
use super::page::{Color, Destination, Item, Link, NodeId, Page};
use super::para::{prepare, PrepOptions};
use super::style::{AnchorKey, LinkRef, Style};

/// Where each anchor ended up: page index and y (top-left origin).
pub type Anchors = BTreeMap<AnchorKey, (usize, f32)>;

/// A paginated part of the book.
#[derive(Clone)]
pub struct Section {
    pub lines: Vec<FlowLine>,
    pub pages: Vec<Vec<Placed>>,
}

impl Section {
    /// Page `n` alone, its lines copied: a page of a section a watch
    /// session keeps is composed from the copy (the kept lines stay).
    pub fn copy_page(&self, n: usize) -> Section {
        let placed = self.pages.get(n).map(Vec::as_slice).unwrap_or_default();
        Section {
            lines: placed.iter().map(|p| self.lines[p.line].clone()).collect(),
            pages: vec![placed
                .iter()
                .enumerate()
                .map(|(line, p)| Placed { line, ..*p })
                .collect()],
        }
    }
}

/// Records the anchors of `section`, whose first page is `first`.
pub fn collect_anchors(section: &Section, first: usize, g: &Geometry, anchors: &mut Anchors) {
    for (n, page) in section.pages.iter().enumerate() {
        for placed in page {
            for key in &section.lines[placed.line].anchors {
                anchors
                    .entry(key.clone())
                    .or_insert((first + n, g.top + placed.y));
            }
        }
    }
}

/// The page `n` of `section`, at absolute index `index`, its structure
/// ids moved by `by` (where the section's tree was grafted). The items
/// move out of the section's lines (each line is on one page), so a long
/// book is never held twice in memory.
pub fn page(
    section: &mut Section,
    n: usize,
    index: usize,
    g: &Geometry,
    anchors: &Anchors,
    label: String,
    by: NodeId,
) -> Page {
    let mut page = Page {
        width: g.width,
        height: g.height,
        label,
        items: Vec::new(),
        links: Vec::new(),
        start: None,
        tags: Vec::new(),
    };
    let dx = g.left(index);
    let Some(placed_lines) = section.pages.get(n) else {
        return page;
    };
    page.start = placed_lines
        .iter()
        .find_map(|p| section.lines.get(p.line).and_then(|l| l.source));
    for placed in placed_lines {
        let Some(line) = section.lines.get_mut(placed.line) else {
            continue;
        };
        let dy = g.top + placed.y;
        let mut tags = std::mem::take(&mut line.tags);
        tags.resize(line.items.len(), super::tag::Tag::Artifact);
        page.tags.resize(page.items.len(), None);
        let moved = |tag| super::tag::resolved(tag).map(|node| node + by);
        page.tags.extend(tags.into_iter().map(moved));
        for mut item in std::mem::take(&mut line.items) {
            if placed.scale < 1.0 {
                item = scaled(&item, placed.scale);
            }
            shift(&mut item, dx, dy);
            page.items.push(item);
        }
        for link in std::mem::take(&mut line.links) {
            let target = match link.target {
                LinkRef::Uri(u) => Destination::Uri(u),
                LinkRef::Anchor(key) => match anchors.get(&key) {
                    Some(&(page, y)) => Destination::Page { page, y },
                    None => continue,
                },
            };
            page.links.push(Link {
                x: link.x + dx,
                y: link.y + dy,
                width: link.width,
                height: link.height,
                target,
                node: link.node.map(|node| node + by),
            });
        }
    }
    page
}

/// An image item scaled by `s` about the centre of its line's column.
fn scaled(item: &Item, s: f32) -> Item {
    match item {
        Item::Image {
            asset,
            x,
            y,
            width,
            height,
        } => Item::Image {
            asset: *asset,
            x: x + width * (1.0 - s) / 2.0,
            y: y * s,
            width: width * s,
            height: height * s,
        },
        other => other.clone(),
    }
}

/// One line of `text` in `size`, aligned within `width`, its first line
/// only (a running head never wraps).
pub fn one_line(
    env: &Env<'_>,
    text: &str,
    size: f32,
    width: f32,
    align: Align,
    gray: f32,
) -> Option<FlowLine> {
    // Page furniture repeats (a chapter's running head on each of its
    // pages, the same numbers build after build): a watch session keeps
    // each line it set.
    if let Some((reuse, salt)) = env.reuse {
        let bits = (size.to_bits(), width.to_bits(), gray.to_bits());
        let key = super::memo::key_of(&(salt, text, bits, format!("{align:?}")));
        let set = || set_one_line(env, text, size, width, align, gray);
        return env.kept(&reuse.lines, key, set);
    }
    set_one_line(env, text, size, width, align, gray)
}

fn set_one_line(
    env: &Env<'_>,
    text: &str,
    size: f32,
    width: f32,
    align: Align,
    gray: f32,
) -> Option<FlowLine> {
    let mut style = Style::new(Role::Body, size);
    style.color = Color::Gray(gray);
    let p = prepare(env, vec![Run::text(text, style)], PrepOptions::default());
    let spec = ParaSpec {
        left: 0.0,
        width,
        indent: 0.0,
        align,
        size,
        line_height: 1.2,
    };
    set(&p, &spec).into_iter().next()
}

/// Draws `line` with its baseline at `baseline`, text area left at `x`.
pub fn draw_at(page: &mut Page, line: &FlowLine, x: f32, baseline: f32) {
    let dy = baseline - line.baseline;
    page.items
        .extend(line.items.iter().map(|i| translate(i, x, dy)));
}

/// Running head: `text` on the outer side of the page, a hairline below.
pub fn running_head(env: &Env<'_>, page: &mut Page, index: usize, g: &Geometry, text: &str) {
    let s = env.body_size() * 0.8;
    if g.top < 2.0 * s {
        return; // no room in the top margin
    }
    let align = if index.is_multiple_of(2) != g.bound_right {
        Align::Right
    } else {
        Align::Left
    };
    let x = g.left(index);
    let rule_y = g.top - 0.45 * s;
    if let Some(line) = one_line(env, text, s, g.text_width, align, 0.35) {
        draw_at(page, &line, x, rule_y - 0.45 * s);
    }
    page.items.push(Item::Line {
        from: (x, rule_y),
        to: (x + g.text_width, rule_y),
        width: 0.3,
        color: Color::Gray(0.5),
    });
}

/// Page number (or any footer text) centered under the text area.
pub fn footer(env: &Env<'_>, page: &mut Page, index: usize, g: &Geometry, text: &str) {
    let s = env.body_size() * 0.85;
    if g.bottom < 1.5 * s {
        return; // no room in the bottom margin
    }
    let baseline = (g.height - g.bottom + 2.0 * s).min(g.height - 4.0);
    if let Some(line) = one_line(env, text, s, g.text_width, Align::Center, 0.2) {
        draw_at(page, &line, g.left(index), baseline);
    }
}

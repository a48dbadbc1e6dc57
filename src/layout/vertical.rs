//! Vertical pages (縦書き / 直排): the last stage of a vertical book's
//! layout. The engine lays every part out in the page's logical frame
//! ([`Geometry::vertical`]): lines along the inline axis, one after the
//! other along the block axis, with the one line breaker (its 禁则 rules
//! then keep closing marks off a column's top and opening marks off its
//! foot), justifier and paginator of horizontal books. [`turn`] maps the
//! laid-out page to the printed one: the inline axis runs down the page, the
//! block axis from the right edge to the left, so lines become columns read
//! right to left, ruby and marks above a line move to the right of its
//! column, and the first-line indent is at the column's top.
//!
//! Each glyph takes its orientation here: CJK characters stand upright in
//! their `vert` forms, numbers of one or two digits stand upright side by
//! side in one cell (tate-chu-yoko, [`crate::text::upright`]), and the
//! rest (Latin words, long numbers, formulas) lies on its side, turned 90°
//! clockwise with the page frame.

use compact_str::CompactString;

use super::env::Env;
use super::geometry::Geometry;
use super::page::PositionedGlyph;
use super::page::{Destination, Document, GlyphRun, Item, Orientation, OutlineItem, Page};
use crate::text::script::is_cjk_wide;
use crate::text::upright;

/// Fraction of the font size from a glyph's em box centre down to its
/// baseline (the em box spans 0.88 above the baseline and 0.12 below).
const CENTRE_ABOVE_BASELINE: f32 = 0.38;

/// How a glyph of a turned run is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Upright,
    Rotated,
    /// Upright side by side with its neighbours in one cell (縦中横).
    Combined,
}

/// The page at `index`, laid out in the logical frame `g`, as printed:
/// turned a quarter clockwise, and moved to the other side of a
/// two-sided spread on the pages whose binding is on the left.
pub fn turn(page: Page, index: usize, g: &Geometry, env: &Env<'_>) -> Page {
    let map = Map {
        // The logical page's height is the printed page's width.
        width: g.height,
        shift: if index % 2 == 1 {
            g.top - g.bottom
        } else {
            0.0
        },
    };
    let mut out = Page {
        width: page.height,
        height: page.width,
        label: page.label,
        items: Vec::with_capacity(page.items.len()),
        links: Vec::with_capacity(page.links.len()),
        start: page.start,
        tags: Vec::with_capacity(page.tags.len()),
    };
    let tagged = !page.tags.is_empty();
    for (i, item) in page.items.into_iter().enumerate() {
        let before = out.items.len();
        match item {
            Item::Text(run) => turn_run(run, &map, env, &mut out.items),
            other => out.items.push(map.item(other)),
        }
        if tagged {
            let tag = page.tags.get(i).copied().flatten();
            out.tags.resize(before, None);
            out.tags.resize(out.items.len(), tag);
        }
    }
    for mut link in page.links {
        let (x, y) = map.point(link.x, link.y + link.height);
        (link.x, link.y, link.width, link.height) = (x, y, link.height, link.width);
        if let Destination::Page { y, .. } = &mut link.target {
            // The top of the page the target is on: a place on a vertical
            // page is a column, which a destination's `y` cannot name.
            *y = 0.0;
        }
        out.links.push(link);
    }
    out
}

/// What a vertical document has beyond its turned pages: bookmarks point
/// at the top of their page (a place on it is a column, which a
/// bookmark's `y` cannot name).
pub fn finish(doc: &mut Document) {
    let mut stack: Vec<&mut OutlineItem> = doc.outline.iter_mut().collect();
    while let Some(item) = stack.pop() {
        item.y = 0.0;
        stack.extend(item.children.iter_mut());
    }
}

/// A page number as the contents of a vertical book print it: arabic
/// digits as kanji numerals, digit by digit (`12` → `一二`), which stand
/// upright in the column; other labels (roman front matter) as they are.
pub fn numerals(label: &str) -> String {
    const KANJI: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    if label.is_empty() || !label.bytes().all(|b| b.is_ascii_digit()) {
        return label.to_string();
    }
    label
        .bytes()
        .map(|b| KANJI[usize::from(b - b'0')])
        .collect()
}

/// The mapping of logical coordinates (x inline, y block) to the page's.
struct Map {
    width: f32,
    shift: f32,
}

impl Map {
    fn point(&self, x: f32, y: f32) -> (f32, f32) {
        (self.width - y + self.shift, x)
    }

    /// A rule, box or image, turned with the page. An image is not: it
    /// keeps its own orientation, scaled into the turned box.
    fn item(&self, item: Item) -> Item {
        match item {
            Item::Line {
                from,
                to,
                width,
                color,
            } => Item::Line {
                from: self.point(from.0, from.1),
                to: self.point(to.0, to.1),
                width,
                color,
            },
            Item::Rect {
                x,
                y,
                width,
                height,
                color,
            } => {
                let (x, y) = self.point(x, y + height);
                Item::Rect {
                    x,
                    y,
                    width: height,
                    height: width,
                    color,
                }
            }
            Item::Image {
                asset,
                x,
                y,
                width,
                height,
            } => {
                let (bx, by) = self.point(x, y + height);
                let (bw, bh) = (height, width);
                let s = (bw / width.max(1e-3)).min(bh / height.max(1e-3)).min(1.0);
                Item::Image {
                    asset,
                    x: bx + (bw - width * s) / 2.0,
                    y: by + (bh - height * s) / 2.0,
                    width: width * s,
                    height: height * s,
                }
            }
            text => text,
        }
    }
}

/// Splits a logical run into the turned runs of its glyphs' kinds.
fn turn_run(run: GlyphRun, map: &Map, env: &Env<'_>, out: &mut Vec<Item>) {
    let kinds = kinds(&run, env);
    let mut start = 0;
    while start < run.glyphs.len() {
        let kind = kinds[start];
        let end = (start..run.glyphs.len())
            .find(|&i| kinds[i] != kind)
            .unwrap_or(run.glyphs.len());
        let glyphs = &run.glyphs[start..end];
        let item = match kind {
            Kind::Rotated => Orientation::Rotated,
            Kind::Upright => Orientation::Upright,
            Kind::Combined => {
                out.push(Item::Text(combined(&run, glyphs, map, env)));
                start = end;
                continue;
            }
        };
        let centre = CENTRE_ABOVE_BASELINE * run.size;
        let y = match item {
            Orientation::Upright => map.point(0.0, run.y - centre).0,
            _ => map.point(0.0, run.y).0,
        };
        let glyphs = glyphs
            .iter()
            .map(|g| PositionedGlyph {
                gid: if item == Orientation::Upright {
                    env.vertical_form(run.face, g.gid).unwrap_or(g.gid)
                } else {
                    g.gid
                },
                ..g.clone()
            })
            .collect();
        out.push(Item::Text(like(&run, run.size, y, glyphs, item)));
        start = end;
    }
}

/// The kind of each glyph of `run`: from the first character of its
/// cluster (the later glyphs of a cluster follow the first).
fn kinds(run: &GlyphRun, env: &Env<'_>) -> Vec<Kind> {
    let mut text = String::new();
    let mut starts = Vec::with_capacity(run.glyphs.len());
    for g in &run.glyphs {
        starts.push(text.len());
        text.push_str(&g.text);
    }
    let combined = upright::runs(&text);
    let mut out: Vec<Kind> = Vec::with_capacity(run.glyphs.len());
    for (g, &at) in run.glyphs.iter().zip(&starts) {
        let kind = match g.text.chars().next() {
            None => out.last().copied().unwrap_or(Kind::Rotated),
            Some(_) if combined.iter().any(|r| r.contains(&at)) => Kind::Combined,
            Some(c) if stands(c, run, g, env) => Kind::Upright,
            Some(_) => Kind::Rotated,
        };
        out.push(kind);
    }
    out
}

/// Whether `c` stands upright in a column: CJK characters do; the marks
/// that CJK text shares with Latin (dashes, ellipsis, quotation marks)
/// only when the face has a vertical form for them, else they are turned
/// with the Latin text (a turned dash is a vertical one).
fn stands(c: char, run: &GlyphRun, g: &PositionedGlyph, env: &Env<'_>) -> bool {
    if !is_cjk_wide(c) {
        return false;
    }
    if (c as u32) < 0x2E80 {
        return env.vertical_form(run.face, g.gid).is_some();
    }
    true
}

/// Digits set upright side by side (縦中横), centred in the cell that
/// they took on the logical line and narrowed to one em. They are drawn
/// upright like the column's other glyphs, side by side by their offsets
/// to the right of its centre line, so a text extractor reads them in
/// their place in the column.
fn combined(run: &GlyphRun, glyphs: &[PositionedGlyph], map: &Map, env: &Env<'_>) -> GlyphRun {
    let advance = |g: &PositionedGlyph| env.nominal_advance(run.face, g.gid).unwrap_or(0.5);
    let em: f32 = glyphs.iter().map(advance).sum();
    let size = if em > 1.0 { run.size / em } else { run.size };
    let cell = em * run.size;
    // The top of the em box centred in the cell.
    let top = glyphs[0].x + (cell - size) / 2.0;
    let (cx, _) = map.point(0.0, run.y - CENTRE_ABOVE_BASELINE * run.size);
    let mut left = -em * size / 2.0;
    let mut out = Vec::with_capacity(glyphs.len());
    for g in glyphs {
        let w = advance(g) * size;
        out.push(PositionedGlyph {
            gid: g.gid,
            x: top,
            y_offset: left + w / 2.0,
            text: CompactString::from(g.text.as_str()),
        });
        left += w;
    }
    like(run, size, cx, out, Orientation::Upright)
}

/// A run of `run`'s face, colour and weight with other glyphs.
fn like(
    run: &GlyphRun,
    size: f32,
    y: f32,
    glyphs: Vec<PositionedGlyph>,
    orientation: Orientation,
) -> GlyphRun {
    GlyphRun {
        face: run.face,
        size,
        y,
        glyphs,
        synthetic_bold: run.synthetic_bold,
        color: run.color,
        orientation,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_logical_frame_turns_clockwise() {
        let map = Map {
            width: 400.0,
            shift: 0.0,
        };
        // The start of the first line (top left of the logical page) is
        // the top right corner of the printed page.
        assert_eq!(map.point(0.0, 0.0), (400.0, 0.0));
        // Further along the line is further down; the next line is to
        // the left.
        assert_eq!(map.point(50.0, 20.0), (380.0, 50.0));
    }

    #[test]
    fn contents_numbers_are_kanji() {
        assert_eq!(numerals("12"), "一二");
        assert_eq!(numerals("105"), "一〇五");
        assert_eq!(numerals("iv"), "iv");
    }
}

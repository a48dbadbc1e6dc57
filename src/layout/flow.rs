//! The vertical list of lines a section is made of, and breaking it into
//! pages.
//!
//! Every block becomes [`FlowLine`]s whose items are positioned relative to
//! the line's top-left corner (x from the text area's left edge). Lines say
//! whether a page may break after them ([`FlowLine::keep_with_next`]: the
//! widow, orphan and heading rules are expressed that way) and spacer lines
//! are dropped at the top of a page. Pagination only chooses where pages
//! break; positions become absolute when the pages are assembled.

use super::page::{Item, NodeId};
use super::style::{AnchorKey, LinkRef};
use super::tag::{InlineTag, Tag};

/// A link area relative to its line.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingLink {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
    pub target: LinkRef,
    /// The structure node of the link's text (local to its part).
    pub node: Option<NodeId>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct FlowLine {
    pub height: f32,
    /// Baseline of the line's text, from its top (list markers sit on it).
    pub baseline: f32,
    pub items: Vec<Item>,
    /// What each of `items` is part of (see [`super::tag`]); may be
    /// shorter than `items` until the line is pushed.
    pub tags: Vec<Tag>,
    /// The inline elements [`Tag::Inline`] points at.
    pub inlines: Vec<InlineTag>,
    pub links: Vec<PendingLink>,
    /// Places that start on this line (y relative to the line top).
    pub anchors: Vec<AnchorKey>,
    /// No page break between this line and the next.
    pub keep_with_next: bool,
    /// Vertical space only: dropped when it would stand at a page top.
    pub discardable: bool,
    /// Start a new page before this line.
    pub break_before: bool,
    /// An image line that may shrink (down to half) to fit the rest of a
    /// page rather than move to the next.
    pub shrinkable: bool,
    /// True for body text lines (paragraph, heading): used by tests and by
    /// the widow/orphan checks.
    pub text: bool,
    /// Letters and digits of the text the line draws, list markers left
    /// out (see [`super::page::SourcePos::offset`]).
    pub chars: u32,
    /// Where the line's text comes from in the book.
    pub source: Option<super::page::SourcePos>,
}

impl FlowLine {
    pub fn space(height: f32) -> FlowLine {
        FlowLine {
            height,
            discardable: true,
            ..FlowLine::default()
        }
    }
}

/// The letters and digits the text runs of `items` stand for.
pub fn count_chars(items: &[Item]) -> u32 {
    let mut n = 0u32;
    for item in items {
        if let Item::Text(run) = item {
            for g in &run.glyphs {
                n += g.text.chars().filter(|c| c.is_alphanumeric()).count() as u32;
            }
        }
    }
    n
}

/// Gives the non-spacer lines of `lines`, all from one block, their place
/// in the book: `part`, `block`, and the letters and digits before them.
pub fn mark_source(lines: &mut [FlowLine], part: super::page::SourcePart, block: Option<usize>) {
    let mut offset = 0usize;
    for line in lines.iter_mut().filter(|l| !l.discardable) {
        line.source = Some(super::page::SourcePos {
            part,
            block,
            offset,
        });
        offset += line.chars as usize;
    }
}

/// A line placed on a page: which line, its y from the text area top, and
/// a scale (1 except for shrunk images).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placed {
    pub line: usize,
    pub y: f32,
    pub scale: f32,
}

/// Breaks `lines` into pages of `height` points. Greedy, honouring
/// `keep_with_next` by moving the tail of a page to the next one; when a
/// whole page is one keep chain the keeps give way (else no progress).
/// Every line is visited a bounded number of times: keep chains are short.
pub fn paginate(lines: &[FlowLine], height: f32) -> Vec<Vec<Placed>> {
    let mut pages: Vec<Vec<Placed>> = Vec::new();
    let mut cur: Vec<Placed> = Vec::new();
    let mut y = 0.0f32;
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        if line.break_before && !cur.is_empty() {
            pages.push(std::mem::take(&mut cur));
            y = 0.0;
        }
        if cur.is_empty() && line.discardable {
            i += 1;
            continue;
        }
        if y + line.height <= height + 0.01 || cur.is_empty() {
            let scale = if line.height > height && cur.is_empty() && line.shrinkable {
                height / line.height
            } else {
                1.0
            };
            cur.push(Placed { line: i, y, scale });
            y += line.height * scale;
            i += 1;
            continue;
        }
        let rest = height - y;
        if line.shrinkable && rest >= line.height * 0.5 {
            cur.push(Placed {
                line: i,
                y,
                scale: rest / line.height,
            });
            pages.push(std::mem::take(&mut cur));
            y = 0.0;
            i += 1;
            continue;
        }
        // Break before line i, or earlier if the keeps ask for it.
        let mut k = cur.len();
        while k > 0 && lines[cur[k - 1].line].keep_with_next {
            k -= 1;
        }
        // Trailing spacers do not count as content worth keeping.
        while k > 0 && lines[cur[k - 1].line].discardable && k < cur.len() {
            k -= 1;
        }
        let has_content = cur[..k].iter().any(|p| !lines[p.line].discardable);
        if k == 0 || !has_content {
            k = cur.len();
        }
        if k < cur.len() {
            i = cur[k].line;
            cur.truncate(k);
        }
        pages.push(std::mem::take(&mut cur));
        y = 0.0;
    }
    if !cur.is_empty() || pages.is_empty() {
        pages.push(cur);
    }
    pages
}

/// `item` moved by (dx, dy).
pub fn translate(item: &Item, dx: f32, dy: f32) -> Item {
    let mut item = item.clone();
    shift(&mut item, dx, dy);
    item
}

/// Moves `item` by (dx, dy) in place.
pub fn shift(item: &mut Item, dx: f32, dy: f32) {
    match item {
        Item::Text(run) => {
            run.y += dy;
            for g in &mut run.glyphs {
                g.x += dx;
            }
        }
        Item::Line { from, to, .. } => {
            from.0 += dx;
            from.1 += dy;
            to.0 += dx;
            to.1 += dy;
        }
        Item::Rect { x, y, .. } | Item::Image { x, y, .. } => {
            *x += dx;
            *y += dy;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(keep: bool) -> FlowLine {
        FlowLine {
            height: 10.0,
            keep_with_next: keep,
            text: true,
            ..FlowLine::default()
        }
    }

    #[test]
    fn keeps_move_lines_to_the_next_page() {
        // A paragraph of 5 lines (keeps after lines 0 and 3) on pages of 4.
        let lines = vec![
            line(true),
            line(false),
            line(false),
            line(true),
            line(false),
        ];
        let pages = paginate(&lines, 40.0);
        let counts: Vec<usize> = pages.iter().map(|p| p.len()).collect();
        assert_eq!(counts, [3, 2], "no single last line at a page head");
    }

    #[test]
    fn spacers_vanish_at_page_tops_and_breaks_are_honoured() {
        let mut lines = vec![line(false), line(false), FlowLine::space(5.0), line(false)];
        lines[3].break_before = true;
        let pages = paginate(&lines, 25.0);
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[1][0].line, 3);
        assert_eq!(pages[1][0].y, 0.0);
    }

    #[test]
    fn an_unbreakable_chain_longer_than_a_page_still_progresses() {
        let lines: Vec<FlowLine> = (0..10).map(|_| line(true)).collect();
        let pages = paginate(&lines, 35.0);
        assert_eq!(pages.iter().map(|p| p.len()).sum::<usize>(), 10);
    }
}

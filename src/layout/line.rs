//! Filling lines and justifying them, over abstract slots with widths.
//!
//! A slot is one unbreakable thing on a line (a glyph cluster, a space, an
//! inline image). The filler knows nothing of text or fonts, which keeps it
//! testable with made-up widths and linear in the paragraph length (a 5 MB
//! paragraph must not take quadratic time).

use std::ops::Range;

/// Tolerance for "fits": widths are sums of f32s.
pub(super) const EPS: f32 = 0.001;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Brk {
    /// No break before this slot.
    No,
    /// A line may break before this slot.
    Allowed,
    /// A line must break before this slot (a hard line break).
    Forced,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    pub width: f32,
    /// An inter-word space: dropped at line ends, stretched when justifying.
    pub glue: bool,
    pub brk: Brk,
    /// Fixed space before the slot (CJK–Latin spacing), dropped at a line
    /// start.
    pub gap: f32,
    /// The gap before this slot may grow when the line is justified
    /// (between CJK characters, beside the CJK–Latin space).
    pub stretch: bool,
    /// How far the gap before this slot may shrink when a line is a little
    /// too long (a mark's blank half, the CJK–Latin space down to ⅛ em), in
    /// points: a line shrinks before it stretches (clreq 挤压 before 拉伸).
    pub shrink: f32,
    /// How far the gap before this slot stretches before the gaps between
    /// characters do, in points (see [`place`]).
    pub boost: f32,
    /// Width the slot gives up when it ends a line: a full-width closing
    /// mark's blank half (行末半角), so the line ends at the mark's ink.
    pub trim: f32,
}

impl Slot {
    pub fn boxed(width: f32, brk: Brk) -> Slot {
        Slot {
            width,
            glue: false,
            brk,
            gap: 0.0,
            stretch: false,
            shrink: 0.0,
            boost: 0.0,
            trim: 0.0,
        }
    }

    /// Whether the gap before this slot grows when the line is justified
    /// (`prev` is the slot before it): CJK gaps and spaces.
    fn grows(&self, prev: &Slot) -> bool {
        self.stretch || prev.glue
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Both edges, the last line flush left.
    Justify,
    Left,
    Center,
    Right,
}

/// One line: the slots it holds and whether it ends the paragraph or a hard
/// break (such lines are not justified).
#[derive(Debug, Clone, PartialEq)]
pub struct LineRange {
    pub slots: Range<usize>,
    pub last: bool,
}

/// A place a line may end: before slot `end`.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    end: usize,
    /// The visible change per adjustable gap the line needs there, in
    /// points: stretch for a line that fits, shrink for one that is too long.
    per_gap: f32,
}

/// The line being filled: its natural width and what it may adjust.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Measure {
    pub(super) width: f32,
    pub(super) shrink: f32,
    pub(super) grows: usize,
    shrinks: usize,
    /// What the CJK–Latin spaces may stretch first (see [`place`]).
    pub(super) boost: f32,
    /// The `trim` of the last slot taken.
    pub(super) trim: f32,
}

impl Measure {
    /// Adds slot `i` of the line starting at `start`, after `glue` points
    /// of spaces.
    pub(super) fn take(&mut self, slots: &[Slot], start: usize, i: usize, glue: f32) {
        let s = &slots[i];
        let inner = i > start;
        let gap = if inner { s.gap } else { 0.0 };
        // A negative gap (compression) never reaches back past the line
        // start, over an invisible slot there.
        self.width = (self.width + glue + gap).max(0.0) + s.width;
        let shrink = if inner { s.shrink } else { 0.0 };
        self.shrink += shrink;
        self.grows += usize::from(inner && s.grows(&slots[i - 1]));
        self.shrinks += usize::from(shrink > 0.0);
        self.boost += if inner { boost(s) } else { 0.0 };
        self.trim = s.trim;
    }

    /// The line ending here, if it fits in `avail`: naturally (`Ok`, with
    /// its stretch per gap) or by shrinking (`Err`, with its shrink per gap).
    fn candidate(&self, end: usize, avail: f32) -> Option<Result<Candidate, Candidate>> {
        let need = self.width - self.trim;
        if need <= avail + EPS {
            let per_gap = (avail - need - self.boost).max(0.0) / self.grows.max(1) as f32;
            Some(Ok(Candidate { end, per_gap }))
        } else if need - self.shrink <= avail + EPS {
            let per_gap = (need - avail) / self.shrinks.max(1) as f32;
            Some(Err(Candidate { end, per_gap }))
        } else {
            None
        }
    }
}

/// Greedy filling: each line takes as many slots as fit before its last
/// break opportunity, counting what the line may shrink. When the last
/// break fits only by shrinking, the line shrinks unless stretching it at
/// the break before would change each gap less. A line with no opportunity
/// that fits is broken before the slot that overflows (never past the
/// margin); `first` is the width of the first line (after a first-line
/// indent), `rest` the others. A line that would stretch its gaps by more
/// than `loose` points each may move its start a few breaks on, the line
/// before shrinking (see [`relieve`]).
pub fn fill(slots: &[Slot], first: f32, rest: f32, loose: f32) -> Vec<LineRange> {
    let n = slots.len();
    let next_start = |end: usize| next_start(slots, end);
    // (start, end, last) of each line; `end` before trailing glue is cut.
    let mut lines: Vec<(usize, usize, bool)> = Vec::new();
    let mut start = next_start(0);
    while start < n {
        let avail = if lines.is_empty() { first } else { rest };
        let (mut end, mut last) = fill_one(slots, start, avail);
        let prev_avail = if lines.len() == 1 { first } else { rest };
        if let Some(prev) = lines.last_mut().filter(|p| !p.2 && !last) {
            let line = Relief {
                prev_start: prev.0,
                prev_avail,
                start,
                end,
                avail,
            };
            if let Some((b, s2, e2, l2)) = relieve(slots, &line, loose, &next_start) {
                prev.1 = b;
                (start, end, last) = (s2, e2, l2);
            }
        }
        lines.push((start, end, last));
        start = next_start(end);
    }
    to_ranges(slots, lines)
}

/// Where the line after a break before slot `end` starts: past the spaces
/// there, but a forced break's slot stays on the next line even if it is a
/// space.
pub(super) fn next_start(slots: &[Slot], end: usize) -> usize {
    let n = slots.len();
    if end < n && slots[end].brk == Brk::Forced {
        return end;
    }
    let mut i = end;
    while i < n && slots[i].glue && slots[i].brk != Brk::Forced {
        i += 1;
    }
    i
}

/// Lines as (start, end, last) into ranges, trailing spaces cut.
pub(super) fn to_ranges(slots: &[Slot], lines: Vec<(usize, usize, bool)>) -> Vec<LineRange> {
    lines
        .into_iter()
        .map(|(start, end, last)| {
            let mut stop = end;
            while stop > start && slots[stop - 1].glue {
                stop -= 1;
            }
            LineRange {
                slots: start..stop,
                last,
            }
        })
        .collect()
}

/// A loose line and the line before it.
struct Relief {
    prev_start: usize,
    prev_avail: f32,
    start: usize,
    end: usize,
    avail: f32,
}

/// Breaks the greedy filler tries after a loose line's start.
const RELIEF_TRIES: usize = 8;

/// A line left loose because the piece after it is long (a Latin word, a
/// number with its unit) cannot take it; but the line before may end a
/// break or two later by shrinking, and the loose line then starts later
/// and takes the long piece. Tries the first few breaks of the loose line
/// and returns the best (the line before's new end, and the new start, end
/// and last flag of the loose line) when it changes each gap less than
/// stretching does.
fn relieve(
    slots: &[Slot],
    line: &Relief,
    loose: f32,
    next_start: &dyn Fn(usize) -> usize,
) -> Option<(usize, usize, usize, bool)> {
    let cost = |m: Option<Result<Candidate, Candidate>>| match m {
        Some(Ok(c) | Err(c)) => c.per_gap,
        None => f32::MAX,
    };
    let now = match measure(slots, line.start, line.end).candidate(line.end, line.avail) {
        Some(Ok(c)) if c.per_gap > loose => c.per_gap,
        _ => return None,
    };
    let mut best: Option<(f32, (usize, usize, usize, bool))> = None;
    let breaks = (line.start + 1..line.end).filter(|&b| slots[b].brk == Brk::Allowed);
    for b in breaks.take(RELIEF_TRIES) {
        let prev = measure(slots, line.prev_start, b).candidate(b, line.prev_avail);
        if prev.is_none() {
            break;
        }
        let s2 = next_start(b);
        let (e2, l2) = fill_one(slots, s2, line.avail);
        let after = if l2 {
            0.0
        } else {
            cost(measure(slots, s2, e2).candidate(e2, line.avail))
        };
        let c = cost(prev).max(after);
        if c < now && best.is_none_or(|(bc, _)| c < bc) {
            best = Some((c, (b, s2, e2, l2)));
        }
    }
    best.map(|(_, found)| found)
}

/// The measure of the line `start..end` (trailing glue ignored).
pub(super) fn measure(slots: &[Slot], start: usize, end: usize) -> Measure {
    let mut m = Measure::default();
    let mut pending_glue = 0.0f32;
    for i in start..end {
        let s = &slots[i];
        if s.glue {
            pending_glue += s.width;
            continue;
        }
        m.take(slots, start, i, pending_glue);
        pending_glue = 0.0;
    }
    m
}

/// Where the line starting at `start` ends, and whether it is the last of
/// its paragraph or hard break.
fn fill_one(slots: &[Slot], start: usize, avail: f32) -> (usize, bool) {
    let n = slots.len();
    let mut m = Measure::default();
    let mut pending_glue = 0.0f32;
    let (mut natural, mut squeezed): (Option<Candidate>, Option<Candidate>) = (None, None);
    for i in start..n {
        let s = &slots[i];
        if i > start {
            match s.brk {
                Brk::Forced => return (i, true),
                Brk::Allowed => match m.candidate(i, avail) {
                    Some(Ok(c)) => natural = Some(c),
                    Some(Err(c)) => squeezed = Some(c),
                    None => {}
                },
                Brk::No => {}
            }
        }
        if s.glue {
            pending_glue += s.width;
            continue;
        }
        let mut next = m;
        next.take(slots, start, i, pending_glue);
        if i > start && next.width - next.trim - next.shrink > avail + EPS {
            let end = match (natural, squeezed) {
                (Some(a), Some(b)) if a.per_gap < b.per_gap => a.end,
                (_, Some(b)) => b.end,
                (Some(a), None) => a.end,
                (None, None) => i,
            };
            return (end, false);
        }
        m = next;
        pending_glue = 0.0;
    }
    (n, true)
}

/// x positions of the slots of `line` (relative to the line start) when set
/// in `avail` points with `align`. A line longer than `avail` (it fits by
/// shrinking) gives up the same share of every gap's shrink. Justified
/// lines (but the last) end exactly at `avail`: the extra space goes to the
/// stretchable gaps and the spaces, or, when a line has neither (one long
/// Latin word), to every gap. A last slot's `trim` hangs past the end.
pub fn place(slots: &[Slot], line: &LineRange, avail: f32, align: Align) -> Vec<f32> {
    let range = line.slots.clone();
    let mut xs = Vec::with_capacity(range.len());
    let mut x = 0.0f32;
    for i in range.clone() {
        if i > range.start {
            // As in `fill_one`: never back past the line start.
            x = (x + slots[i].gap).max(0.0);
        }
        xs.push(x);
        x += slots[i].width;
    }
    if let Some(i) = range.clone().last() {
        x -= slots[i].trim;
    }
    let extra = avail - x;
    if extra < -EPS {
        let total: f32 = (range.start + 1..range.end).map(|i| slots[i].shrink).sum();
        let ratio = if total > 0.0 {
            (-extra / total).min(1.0)
        } else {
            0.0
        };
        let mut shift = 0.0f32;
        for (k, i) in range.clone().enumerate().skip(1) {
            shift += ratio * slots[i].shrink;
            xs[k] -= shift;
        }
        return xs;
    }
    match align {
        Align::Justify if !line.last && extra > EPS && range.len() > 1 => {
            let grows = |i: usize| slots[i].grows(&slots[i - 1]);
            let mut count = (range.start + 1..range.end).filter(|&i| grows(i)).count();
            let all = count == 0;
            if all {
                count = range.len() - 1;
            }
            let boosts: f32 = (range.start + 1..range.end).map(|i| boost(&slots[i])).sum();
            let first = extra.min(boosts);
            let ratio = if boosts > 0.0 { first / boosts } else { 0.0 };
            let per = (extra - first) / count as f32;
            let mut shift = 0.0f32;
            for (k, i) in range.clone().enumerate().skip(1) {
                shift += ratio * boost(&slots[i]);
                if all || grows(i) {
                    shift += per;
                }
                xs[k] += shift;
            }
        }
        Align::Center if extra > 0.0 => xs.iter_mut().for_each(|x| *x += extra / 2.0),
        Align::Right if extra > 0.0 => xs.iter_mut().for_each(|x| *x += extra),
        _ => {}
    }
    xs
}

/// How far the gap before `s` stretches first: the spaces between scripts
/// and beside half-width marks typed in Chinese widen before the
/// ideographs spread (jlreq 3.8: 和欧間隔 first, up to half an em).
fn boost(s: &Slot) -> f32 {
    if s.stretch {
        s.boost
    } else {
        0.0
    }
}

/// Whether `line` fits in `width`, shrinking if it must.
pub fn fits(slots: &[Slot], line: &LineRange, width: f32) -> bool {
    let shrink: f32 = (line.slots.start + 1..line.slots.end)
        .map(|i| slots[i].shrink)
        .sum();
    let trim = line.slots.clone().last().map_or(0.0, |i| slots[i].trim);
    natural_width(slots, line) - trim - shrink <= width + EPS
}

/// The natural width of the slots of `line`.
pub fn natural_width(slots: &[Slot], line: &LineRange) -> f32 {
    line.slots
        .clone()
        .map(|i| {
            slots[i].width
                + if i > line.slots.start {
                    slots[i].gap
                } else {
                    0.0
                }
        })
        .sum()
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// `n` ideographs 10 pt wide, a break before each.
    pub(in crate::layout) fn han(n: usize) -> Vec<Slot> {
        (0..n)
            .map(|i| Slot {
                brk: if i == 0 { Brk::No } else { Brk::Allowed },
                stretch: true,
                ..Slot::boxed(10.0, Brk::No)
            })
            .collect()
    }

    #[test]
    fn fills_and_justifies_to_the_edge() {
        let slots = han(25);
        let lines = fill(&slots, 75.0, 95.0, f32::MAX);
        assert_eq!(lines[0].slots, 0..7);
        assert_eq!(lines[1].slots, 7..16);
        assert!(lines.last().unwrap().last);
        for line in &lines[..lines.len() - 1] {
            let xs = place(&slots, line, 95.0, Align::Justify);
            let end = xs.last().unwrap() + 10.0;
            assert!((end - 95.0).abs() < 0.01, "{end}");
        }
        let last = lines.last().unwrap();
        let xs = place(&slots, last, 95.0, Align::Justify);
        assert_eq!(xs[1], 10.0, "last line is flush left");
    }

    #[test]
    fn overlong_word_breaks_anywhere_but_never_overflows() {
        let slots: Vec<Slot> = (0..30).map(|_| Slot::boxed(5.0, Brk::No)).collect();
        let lines = fill(&slots, 42.0, 42.0, f32::MAX);
        for line in &lines {
            assert!(natural_width(&slots, line) <= 42.0);
        }
        assert_eq!(lines.iter().map(|l| l.slots.len()).sum::<usize>(), 30);
    }

    #[test]
    fn forced_breaks_and_spaces() {
        let mut slots = vec![Slot::boxed(5.0, Brk::No), Slot::boxed(5.0, Brk::No)];
        slots.push(Slot {
            glue: true,
            ..Slot::boxed(2.0, Brk::No)
        });
        slots.push(Slot::boxed(5.0, Brk::Allowed));
        slots.push(Slot::boxed(0.0, Brk::No)); // a hard break
        slots.push(Slot::boxed(5.0, Brk::Forced));
        let lines = fill(&slots, 100.0, 100.0, f32::MAX);
        assert_eq!(lines.len(), 2);
        assert!(lines[0].last && lines[1].last);
        assert_eq!(lines[1].slots, 5..6);
        // The space stretches in a justified non-last line.
        let line = LineRange {
            slots: 0..4,
            last: false,
        };
        let xs = place(&slots, &line, 40.0, Align::Justify);
        assert_eq!(xs[3], 35.0);
    }
}

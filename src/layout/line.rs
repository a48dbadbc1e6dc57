//! Filling lines and justifying them, over abstract slots with widths.
//!
//! A slot is one unbreakable thing on a line (a glyph cluster, a space, an
//! inline image). The filler knows nothing of text or fonts, which keeps it
//! testable with made-up widths and linear in the paragraph length (a 5 MB
//! paragraph must not take quadratic time).

use std::ops::Range;

/// Tolerance for "fits": widths are sums of f32s.
const EPS: f32 = 0.001;

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
}

impl Slot {
    pub fn boxed(width: f32, brk: Brk) -> Slot {
        Slot {
            width,
            glue: false,
            brk,
            gap: 0.0,
            stretch: false,
        }
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

/// Greedy filling: each line takes as many slots as fit before its last
/// break opportunity. A line with no opportunity that fits is broken before
/// the slot that overflows (never past the margin); `first` is the width of
/// the first line (after a first-line indent), `rest` the others.
pub fn fill(slots: &[Slot], first: f32, rest: f32) -> Vec<LineRange> {
    let n = slots.len();
    let skip_glue = |mut i: usize| {
        while i < n && slots[i].glue && slots[i].brk != Brk::Forced {
            i += 1;
        }
        i
    };
    let mut lines = Vec::new();
    let mut start = skip_glue(0);
    while start < n {
        let avail = if lines.is_empty() { first } else { rest };
        let mut width = 0.0f32;
        let mut pending_glue = 0.0f32;
        let mut last_ok: Option<usize> = None;
        let mut end = n;
        let mut last = true;
        let mut i = start;
        while i < n {
            let s = &slots[i];
            if i > start {
                match s.brk {
                    Brk::Forced => {
                        end = i;
                        break;
                    }
                    Brk::Allowed => last_ok = Some(i),
                    Brk::No => {}
                }
            }
            if s.glue {
                pending_glue += s.width;
                i += 1;
                continue;
            }
            let add = pending_glue + if i > start { s.gap } else { 0.0 } + s.width;
            if i > start && width + add > avail + EPS {
                end = last_ok.unwrap_or(i);
                last = false;
                break;
            }
            width += add;
            pending_glue = 0.0;
            i += 1;
        }
        let mut stop = end;
        while stop > start && slots[stop - 1].glue {
            stop -= 1;
        }
        lines.push(LineRange {
            slots: start..stop,
            last,
        });
        start = if end < n && slots[end].brk == Brk::Forced {
            // Keep the forced slot on the next line even if it is a space.
            end
        } else {
            skip_glue(end)
        };
    }
    lines
}

/// x positions of the slots of `line` (relative to the line start) when set
/// in `avail` points with `align`. Justified lines (but the last) end
/// exactly at `avail`: the extra space goes to the stretchable gaps and the
/// spaces, or, when a line has neither (one long Latin word), to every gap.
pub fn place(slots: &[Slot], line: &LineRange, avail: f32, align: Align) -> Vec<f32> {
    let range = line.slots.clone();
    let mut xs = Vec::with_capacity(range.len());
    let mut x = 0.0f32;
    for i in range.clone() {
        if i > range.start {
            x += slots[i].gap;
        }
        xs.push(x);
        x += slots[i].width;
    }
    let extra = avail - x;
    match align {
        Align::Justify if !line.last && extra > EPS && range.len() > 1 => {
            let grows = |i: usize| slots[i].stretch || slots[i - 1].glue;
            let mut count = (range.start + 1..range.end).filter(|&i| grows(i)).count();
            let all = count == 0;
            if all {
                count = range.len() - 1;
            }
            let per = extra / count as f32;
            let mut shift = 0.0f32;
            for (k, i) in range.clone().enumerate().skip(1) {
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
mod tests {
    use super::*;

    fn han(n: usize) -> Vec<Slot> {
        (0..n)
            .map(|i| Slot {
                width: 10.0,
                glue: false,
                brk: if i == 0 { Brk::No } else { Brk::Allowed },
                gap: 0.0,
                stretch: true,
            })
            .collect()
    }

    #[test]
    fn fills_and_justifies_to_the_edge() {
        let slots = han(25);
        let lines = fill(&slots, 75.0, 95.0);
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
        let lines = fill(&slots, 42.0, 42.0);
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
        let lines = fill(&slots, 100.0, 100.0);
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

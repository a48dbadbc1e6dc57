//! Total-fit line breaking for justified paragraphs: the breaks of a whole
//! paragraph are chosen together, as one shortest path over the break
//! opportunities (Knuth and Plass), so a line may end a little early to
//! spare the next one, which cannot take a long Latin word, from being
//! spread. Greedy filling ([`super::line::fill`]) decides each line alone
//! and leaves such a line loose.
//!
//! A line's cost grows with the cube of the stretch between its characters
//! (clreq wants them even) and much less with the share of its
//! punctuation's blank halves it gives up (挤压 before 拉伸); the last line
//! of a paragraph or hard break is free, unless it holds a single
//! ideograph (孤字). From each reachable break the scan stops where the line
//! overflows, so the work is the paragraph's length times a line's; a work
//! budget bounds it when slots are unusually narrow, and the caller then
//! falls back to greedy filling: linear time in every case.

use std::ops::Range;

use super::line::{next_start, to_ranges, Brk, LineRange, Measure, Slot, EPS};

/// The stretch per gap, in em, a line's cost is scaled by: a line this
/// loose costs [`BADNESS`].
const STRETCH_UNIT: f32 = 0.1;
/// The badness of a line stretched by [`STRETCH_UNIT`] between characters.
const BADNESS: f64 = 100.0;
/// The badness of a line that gives up all of its shrink (every blank half
/// of its marks, every CJK–Latin space down to ⅛ em): about that of a line
/// stretched by 0.08 em, so a line shrinks before it stretches.
const FULL_SHRINK: f64 = 50.0;
/// The badness of a line whose CJK–Latin spaces stretch by all they may
/// stretch first (to half an em), before the ideographs spread.
const FULL_BOOST: f64 = 10.0;
/// Added once for a line spread past [`STRETCH_UNIT`] between characters:
/// such a line looks gappy beside its neighbours (clreq allows a little
/// spreading, not a visibly loose line), so any set of breaks that keeps
/// every line within it wins, however much shrinking or boosting that takes.
const LOOSE: f64 = 1e4;
/// Ending a line with a hyphen costs about what spreading it by 0.14 em
/// does: taken when it spares a loose line, not to make a line a little
/// tighter.
const HYPHEN: f64 = 300.0;
/// The cost of a last line holding one ideograph: only a line that would
/// be spread by well over an em per gap is worse.
const LONE: f64 = 1e9;
/// The cost of breaking where no opportunity fits (a word wider than the
/// line): taken only when there is nothing else.
const EMERGENCY: f64 = 1e12;
/// Slots measured per slot of the paragraph before the filler gives up.
/// A line of body text is a few dozen slots.
const WORK_PER_SLOT: usize = 128;

/// The widths a paragraph is set in, in points, and its em.
#[derive(Debug, Clone, Copy)]
pub struct Widths {
    /// The first line (after the indent).
    pub first: f32,
    pub rest: f32,
    pub em: f32,
}

/// The best way to reach one break.
#[derive(Debug, Clone, Copy)]
struct Node {
    cost: f64,
    /// The break the line ending here starts after.
    prev: usize,
}

/// The lines of a justified paragraph, or `None` when the paragraph is too
/// hard to fit in linear time (greedy filling is then used). `lone`
/// tells whether a last line over those slots holds a single ideograph.
pub fn fit(
    slots: &[Slot],
    widths: Widths,
    lone: &dyn Fn(Range<usize>) -> bool,
) -> Option<Vec<LineRange>> {
    let n = slots.len();
    let mut best = vec![
        Node {
            cost: f64::INFINITY,
            prev: usize::MAX,
        };
        n + 1
    ];
    best[0].cost = 0.0;
    let mut budget = WORK_PER_SLOT.saturating_mul(n).saturating_add(4096);
    for b in 0..n {
        if best[b].cost.is_finite() {
            let from = From {
                b,
                base: best[b].cost,
                avail: if b == 0 { widths.first } else { widths.rest },
            };
            scan(slots, &from, widths.em, lone, &mut best, &mut budget)?;
        }
    }
    let mut ends = Vec::new();
    let mut at = n;
    while at > 0 {
        ends.push(at);
        at = best[at].prev;
        if at == usize::MAX {
            return None;
        }
    }
    let mut lines = Vec::with_capacity(ends.len());
    let mut prev = 0;
    for &end in ends.iter().rev() {
        let last = end == n || slots[end].brk == Brk::Forced;
        lines.push((next_start(slots, prev), end, last));
        prev = end;
    }
    Some(to_ranges(slots, lines))
}

/// A reachable break: where it is, its cost, the width of the line after.
struct From {
    b: usize,
    base: f64,
    avail: f32,
}

/// Relaxes every break the line starting after `from.b` may end at.
/// `None` when the work budget runs out.
fn scan(
    slots: &[Slot],
    from: &From,
    em: f32,
    lone: &dyn Fn(Range<usize>) -> bool,
    best: &mut [Node],
    budget: &mut usize,
) -> Option<()> {
    let n = slots.len();
    let mut relax = |to: usize, cost: f64| {
        let c = from.base + cost;
        if c < best[to].cost {
            best[to] = Node {
                cost: c,
                prev: from.b,
            };
        }
    };
    let last_cost = |r: Range<usize>| if lone(r) { LONE } else { 0.0 };
    let s = next_start(slots, from.b);
    let mut m = Measure::default();
    let mut glue = 0.0f32;
    let mut any = false;
    for i in s..n {
        *budget = budget.checked_sub(1)?;
        let slot = &slots[i];
        if i > s {
            match slot.brk {
                Brk::Forced => {
                    relax(i, last_cost(s..i));
                    return Some(());
                }
                // A break followed by nothing but spaces ends the last
                // line: that line is reached at the end below.
                Brk::Allowed if next_start(slots, i) < n => {
                    if let Some(c) = line_cost(&m, from.avail, em) {
                        relax(i, c);
                        any = true;
                    }
                }
                _ => {}
            }
        }
        if slot.glue {
            glue += slot.width;
            continue;
        }
        let mut next = m;
        next.take(slots, s, i, glue);
        if i > s && next.width - next.trim - next.shrink > from.avail + EPS {
            if !any {
                // Nothing fits: break before the slot that overflows, as
                // greedy filling does, never past the margin.
                relax(i, EMERGENCY);
            }
            return Some(());
        }
        m = next;
        glue = 0.0;
    }
    relax(n, last_cost(s..n));
    Some(())
}

/// The cost of ending a line with a hyphen (a slot whose `trim` is
/// negative adds the hyphen's width; nothing else has one).
fn hyphen(m: &Measure) -> f64 {
    if m.trim < 0.0 {
        HYPHEN
    } else {
        0.0
    }
}

/// The cost of a justified line measured `m` in `avail` points, if it fits.
fn line_cost(m: &Measure, avail: f32, em: f32) -> Option<f64> {
    let need = m.width - m.trim;
    let badness = if need <= avail + EPS {
        let extra = (avail - need).max(0.0);
        let boosted = extra.min(m.boost);
        let per_gap = (extra - boosted) / m.grows.max(1) as f32;
        let r = f64::from(per_gap / (STRETCH_UNIT * em));
        let boost = if m.boost > 0.0 {
            f64::from(boosted / m.boost)
        } else {
            0.0
        };
        let loose = if r > 1.0 + 1e-3 { LOOSE } else { 0.0 };
        BADNESS * r.powi(3) + FULL_BOOST * boost.powi(3) + loose + hyphen(m)
    } else if need - m.shrink <= avail + EPS {
        let q = f64::from(((need - avail) / m.shrink.max(EPS)).min(1.0));
        FULL_SHRINK * q.powi(3) + hyphen(m)
    } else {
        return None;
    };
    Some((1.0 + badness).powi(2))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::layout::line::tests::han;

    fn widths(first: f32, rest: f32) -> Widths {
        Widths {
            first,
            rest,
            em: 10.0,
        }
    }

    /// What `fit` minimises, for any lines: the sum of their costs.
    fn total_cost(slots: &[Slot], lines: &[LineRange], w: Widths) -> f64 {
        lines
            .iter()
            .enumerate()
            .filter(|(_, l)| !l.last)
            .map(|(k, l)| {
                let avail = if k == 0 { w.first } else { w.rest };
                let m = super::super::line::measure(slots, l.slots.start, l.slots.end);
                line_cost(&m, avail, w.em).expect("every line fits")
            })
            .sum()
    }

    /// Mixed text: ideographs, Latin words of 2–12 letters (a break before
    /// each word only), marks whose blank half may go.
    fn mixed(seed: u64, n: usize) -> Vec<Slot> {
        let mut x = seed;
        let mut next = move |m: u64| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 33) % m
        };
        let mut slots = Vec::new();
        while slots.len() < n {
            let brk = if slots.is_empty() {
                Brk::No
            } else {
                Brk::Allowed
            };
            match next(10) {
                0 | 1 => {
                    for k in 0..2 + next(11) {
                        let brk = if k == 0 { brk } else { Brk::No };
                        slots.push(Slot::boxed(5.0 + next(3) as f32, brk));
                    }
                }
                2 => slots.push(Slot {
                    stretch: true,
                    shrink: 5.0,
                    ..Slot::boxed(10.0, brk)
                }),
                _ => slots.push(Slot {
                    stretch: true,
                    ..Slot::boxed(10.0, brk)
                }),
            }
        }
        slots
    }

    #[test]
    fn total_fit_is_never_worse_than_greedy_and_often_better() {
        let w = widths(280.0, 300.0);
        let mut better = 0;
        for seed in 0..40 {
            let slots = mixed(seed, 400);
            let greedy = super::super::line::fill(&slots, w.first, w.rest, 1.0);
            let total = fit(&slots, w, &|_| false).unwrap();
            let (g, t) = (
                total_cost(&slots, &greedy, w),
                total_cost(&slots, &total, w),
            );
            assert!(t <= g * (1.0 + 1e-9), "seed {seed}: {t} > greedy {g}");
            better += usize::from(t < g * 0.9);
            let covered: usize = total.iter().map(|l| l.slots.len()).sum();
            assert_eq!(covered, slots.len(), "seed {seed}");
        }
        assert!(better >= 20, "better in only {better} of 40");
    }

    #[test]
    fn a_lone_last_character_is_avoided() {
        let slots = han(21);
        let lone = |r: Range<usize>| r.len() == 1;
        let lines = fit(&slots, widths(100.0, 100.0), &lone).unwrap();
        assert!(lines.last().unwrap().slots.len() > 1, "{lines:?}");
        assert!(lines.last().unwrap().last);
    }

    #[test]
    fn forced_breaks_end_lines_and_overlong_words_break_anywhere() {
        let mut slots = han(5);
        slots.push(Slot::boxed(10.0, Brk::Forced));
        slots.extend((0..30).map(|_| Slot::boxed(5.0, Brk::No)));
        let lines = fit(&slots, widths(42.0, 42.0), &|_| false).unwrap();
        assert_eq!(lines[0].slots, 0..4);
        assert_eq!(lines[1].slots, 4..5);
        assert!(lines[1].last && !lines[0].last);
        assert_eq!(lines[2].slots.start, 5);
        for l in &lines {
            let w: f32 = l.slots.clone().map(|i| slots[i].width).sum();
            assert!(w <= 42.0 + EPS, "{l:?}");
        }
        assert_eq!(lines.iter().map(|l| l.slots.len()).sum::<usize>(), 36);
    }

    #[test]
    fn zero_width_slots_exhaust_the_budget() {
        let slots: Vec<Slot> = (0..50_000)
            .map(|i| Slot::boxed(0.0, if i == 0 { Brk::No } else { Brk::Allowed }))
            .collect();
        assert!(fit(&slots, widths(100.0, 100.0), &|_| false).is_none());
    }
}

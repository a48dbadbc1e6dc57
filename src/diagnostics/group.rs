//! Warnings for a person at a terminal: a real book can raise thousands of
//! the same warning (every missing image, every undefined footnote), and a
//! wall of them hides the one that matters. Warnings of one kind are
//! grouped: the first few in full, then one line with how many more and
//! where. Errors are always shown in full.

use super::snippet::width;
use super::{Diagnostic, Severity};

/// At most this many lines of warnings by default (errors come on top).
const LINE_BUDGET: usize = 30;
/// Full renders of one kind before the rest are summarised.
const FULL_PER_KIND: usize = 3;
/// Places listed on a kind's summary line, at most (fewer when they
/// would make the line wider than [`LINE_WIDTH`]).
const PLACES_LISTED: usize = 4;
/// Display columns a summary line stays within, so it does not wrap.
const LINE_WIDTH: usize = 100;
/// Display columns of the kind quoted on a summary line, at most and at
/// least (a kind is cut to make room for its first place).
const KIND_WIDTH: usize = 70;
const KIND_MIN_WIDTH: usize = 50;

/// The kind of a warning: its message with the variable parts taken out,
/// so that "image left out: `a.png` does not exist" and the same for
/// `b.png` are one kind. Taken out, each replaced by `…`: text in
/// backticks, in double quotes, footnote labels (`[^label]`) and runs of
/// digits. The message texts are written across the code base in this
/// style (names in backticks), which is what makes this reliable; a new
/// message that puts a name outside backticks only makes its own kind
/// finer, it never merges two different warnings.
pub fn kind(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut chars = message.chars().peekable();
    while let Some(c) = chars.next() {
        let close = match c {
            '`' => Some('`'),
            '"' => Some('"'),
            '[' if chars.peek() == Some(&'^') => Some(']'),
            _ => None,
        };
        if let Some(close) = close {
            // An unclosed quote keeps the rest of the message as is.
            let rest: String = chars.clone().collect();
            if let Some(end) = rest.find(close) {
                let open = if c == '[' { "[^" } else { &c.to_string() };
                out.push_str(open);
                out.push('…');
                out.push(close);
                let skip = rest[..end + close.len_utf8()].chars().count();
                for _ in 0..skip {
                    chars.next();
                }
                continue;
            }
        }
        if c.is_ascii_digit() {
            while chars.peek().is_some_and(|d| d.is_ascii_digit()) {
                chars.next();
            }
            out.push('…');
            continue;
        }
        out.push(c);
    }
    out
}

/// All findings as the terminal shows them. With `verbose` every one in
/// full, in order. Otherwise warnings are grouped by [`kind`] (kinds in
/// order of first appearance) and errors follow, all in full.
pub fn render_all(findings: &[Diagnostic], verbose: bool) -> String {
    if verbose {
        return findings.iter().map(Diagnostic::render).collect();
    }
    let warnings: Vec<&Diagnostic> = findings
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .collect();
    let mut out = grouped_warnings(&warnings);
    for error in findings.iter().filter(|d| d.severity == Severity::Error) {
        out.push_str(&error.render());
    }
    out
}

/// How a kind is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shown {
    /// Its first warnings in full, then a line counting the rest.
    Full,
    /// One line: how many, the kind, where.
    OneLine,
    /// Only counted, in the last line.
    Hidden,
}

/// A kind's warnings and the ones rendered in full.
struct Group<'a> {
    kind: String,
    items: Vec<&'a Diagnostic>,
    rendered: Vec<String>,
    shown: Shown,
}

fn grouped_warnings(warnings: &[&Diagnostic]) -> String {
    let mut groups: Vec<Group> = Vec::new();
    for &w in warnings {
        let k = kind(&w.message);
        match groups.iter_mut().find(|g| g.kind == k) {
            Some(g) => g.items.push(w),
            None => groups.push(Group {
                kind: k,
                items: vec![w],
                rendered: Vec::new(),
                shown: Shown::Hidden,
            }),
        }
    }
    let mut used = first_examples(&mut groups);
    // Then second and third examples, round by round, while they fit.
    for round in 1..FULL_PER_KIND {
        for g in groups.iter_mut().filter(|g| g.shown == Shown::Full) {
            let Some(w) = g.items.get(round) else {
                continue;
            };
            let text = w.render();
            // The last of a kind shown in full frees its summary line.
            let freed = usize::from(round + 1 == g.items.len());
            let cost = text.lines().count();
            if used + cost - freed > LINE_BUDGET {
                continue;
            }
            used = used + cost - freed;
            g.rendered.push(text);
        }
    }
    let mut out: String = groups.iter().map(render_group).collect();
    let hidden: Vec<&Group> = groups.iter().filter(|g| g.shown == Shown::Hidden).collect();
    if !hidden.is_empty() {
        let count: usize = hidden.iter().map(|g| g.items.len()).sum();
        let (warnings, kinds) = (plural(count, "warning"), plural(hidden.len(), "kind"));
        out.push_str(&format!(
            "warning: {count} more {warnings} of {} {kinds} (--verbose shows them all)\n",
            hidden.len()
        ));
    }
    out
}

/// Decides how each kind is shown and renders the first example of those
/// shown in full; returns the lines used. Kinds come in order of first
/// appearance: each while it fits shows its first warning in full (and
/// keeps a line for counting its others), the next ones one line each,
/// and the rest share the last line.
fn first_examples(groups: &mut [Group]) -> usize {
    let mut used = 0;
    let mut full = true;
    let mut hidden = false;
    let count = groups.len();
    for (i, g) in groups.iter_mut().enumerate() {
        // A line is kept for the count of kinds not shown, if there may
        // be any.
        let last_line = usize::from(hidden || i + 1 < count);
        if full {
            let first = g.items[0].render();
            let cost = first.lines().count() + usize::from(g.items.len() > 1);
            if used + cost + last_line <= LINE_BUDGET {
                used += cost;
                g.rendered.push(first);
                g.shown = Shown::Full;
                continue;
            }
            full = false;
        }
        if used + 1 + last_line <= LINE_BUDGET {
            used += 1;
            g.shown = Shown::OneLine;
        } else {
            hidden = true;
        }
    }
    used + usize::from(hidden)
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}

/// A kind's shown examples, then one line counting the rest: "N more
/// like this" under examples, "N like \"kind\"" for a kind without any
/// (or the warning itself on one line, when it is the only one).
/// The line names the first places while it fits in [`LINE_WIDTH`].
fn render_group(g: &Group) -> String {
    let mut out = g.rendered.concat();
    let rest = &g.items[g.rendered.len()..];
    if rest.is_empty() || g.shown == Shown::Hidden {
        return out;
    }
    if let [only] = rest {
        if g.shown == Shown::OneLine {
            // One warning of its kind: itself, on one line, place first.
            let text = only.to_string();
            out.push_str(text.lines().next().unwrap_or_default());
            out.push('\n');
            return out;
        }
    }
    let places = places(rest);
    let tail = " (--verbose shows them all)";
    let mut line = match g.shown {
        Shown::Full => format!("warning: {} more like this", rest.len()),
        _ => {
            let head = format!("warning: {} like \"\"", rest.len());
            let first = places.first().map_or(0, |p| width(p) + 4);
            let room = LINE_WIDTH.saturating_sub(width(&head) + first + tail.len());
            let kind = clip(&g.kind, room.clamp(KIND_MIN_WIDTH, KIND_WIDTH));
            format!("warning: {} like \"{kind}\"", rest.len())
        }
    };
    let mut listed = 0;
    for place in &places {
        let sep = if listed == 0 { " at " } else { ", " };
        let more = if listed + 1 < rest.len() { 3 } else { 0 };
        if listed > 0 && width(&line) + sep.len() + width(place) + more > LINE_WIDTH {
            break;
        }
        line.push_str(sep);
        line.push_str(place);
        listed += 1;
    }
    if listed > 0 && rest.len() > listed {
        line.push_str(", …");
    }
    if width(&line) + tail.len() <= LINE_WIDTH {
        line.push_str(tail);
    }
    out.push_str(&line);
    out.push('\n');
    out
}

/// The first places of `rest`, each after the first in the same file as
/// the one before given as only `:line`, each once.
fn places(rest: &[&Diagnostic]) -> Vec<String> {
    let mut out = Vec::new();
    let mut last: Option<&super::Location> = None;
    for loc in rest.iter().filter_map(|d| d.location.as_ref()) {
        if out.len() == PLACES_LISTED {
            break;
        }
        match last {
            // Several on one line are one place.
            Some(l) if l.file == loc.file && l.line == loc.line => continue,
            Some(l) if l.file == loc.file && loc.line > 0 => out.push(format!(":{}", loc.line)),
            _ => out.push(loc.to_string()),
        }
        last = Some(loc);
    }
    out
}

/// `s` cut to `columns` display columns, with `…` where it was cut.
fn clip(s: &str, columns: usize) -> String {
    if width(s) <= columns {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = super::snippet::char_width(c);
        if used + w > columns.saturating_sub(1) {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Location;

    #[test]
    fn kind_drops_names_labels_and_numbers() {
        assert_eq!(
            kind("image left out: `a/b.png` does not exist"),
            "image left out: `…` does not exist"
        );
        assert_eq!(
            kind("footnote [^note-12] is defined twice (first at line 40); ignored"),
            "footnote [^…] is defined twice (first at line …); ignored"
        );
        assert_eq!(kind("font \"No Such\" not found"), "font \"…\" not found");
        // An unclosed backtick is kept: the text is not lost.
        assert_eq!(kind("odd ` message"), "odd ` message");
        assert_ne!(
            kind("link to `x` removed"),
            kind("image `x` is not a file path")
        );
    }

    fn many(n: usize, message: &str) -> Vec<Diagnostic> {
        (1..=n)
            .map(|i| {
                let msg = message.replace('#', &i.to_string());
                Diagnostic::warning(Some(Location::new(format!("c{i}.md"), i)), msg)
            })
            .collect()
    }

    #[test]
    fn groups_stay_under_the_budget_and_count_the_rest() {
        let mut all = many(200, "image left out: `img#.png` does not exist");
        all.extend(many(150, "footnote reference [^n#] has no definition"));
        all.push(Diagnostic::error(None, "a real error"));
        let out = render_all(&all, false);
        assert!(out.lines().count() <= LINE_BUDGET + 1, "{out}");
        assert!(out.contains("error: a real error"), "{out}");
        let shown = |k: &str| out.matches(&format!("warning: {k}")).count();
        let (images, notes) = (shown("image left out"), shown("footnote reference"));
        assert!(images >= 1 && notes >= 1, "{out}");
        assert!(
            out.contains(&format!(
                "image left out: `img{}.png` does not exist\n  --> c{}.md:{}\nwarning: {} more like this",
                images,
                images,
                images,
                200 - images
            )),
            "{out}"
        );
        assert!(
            out.contains(&format!("warning: {} more like this", 150 - notes)),
            "{out}"
        );
        // The next places after the shown ones are listed.
        assert!(
            out.contains(&format!(" at c{}.md:{}, ", images + 1, images + 1)),
            "{out}"
        );
    }

    #[test]
    fn many_kinds_stay_within_the_budget_with_one_line_each_then_a_count() {
        let mut all = Vec::new();
        for k in 0..40 {
            let message = format!("problem {} with `#` here", "abcdefghij".repeat(k / 10 + 1));
            let letter = char::from(b'a' + (k % 26) as u8);
            all.extend(many(
                3,
                &message.replace("problem", &format!("problem {letter}")),
            ));
        }
        let out = render_all(&all, false);
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines.len() <= LINE_BUDGET, "{} lines:\n{out}", lines.len());
        assert!(
            lines.iter().all(|l| l.chars().count() <= LINE_WIDTH),
            "{out}"
        );
        let last = lines.last().unwrap();
        assert!(last.ends_with("kinds (--verbose shows them all)"), "{out}");
        // Every warning is accounted for: in full, counted on a kind's
        // line, or in the last line.
        let mut counted = out.matches("\n  --> ").count();
        for line in &lines {
            if let Some(rest) = line.strip_prefix("warning: ") {
                if let Some((n, _)) = rest.split_once(' ') {
                    if line.contains(" like ") || line.contains(" more warnings of ") {
                        counted += n.parse::<usize>().unwrap();
                    }
                }
            }
        }
        assert_eq!(counted, all.len(), "{out}");
        assert!(out.contains(" like \"problem"), "one-line kinds: {out}");
    }

    #[test]
    fn a_kind_of_one_past_the_budget_is_that_warning_on_one_line() {
        let all: Vec<Diagnostic> = (0..20)
            .map(|k| {
                let word = "x".repeat(k + 1);
                Diagnostic::warning(Some(Location::new("a.md", k + 1)), format!("odd {word}"))
            })
            .collect();
        let out = render_all(&all, false);
        assert!(out.lines().count() <= LINE_BUDGET, "{out}");
        assert!(
            out.contains("\nwarning: a.md:15: odd xxxxxxxxxxxxxxx\n"),
            "{out}"
        );
    }

    #[test]
    fn summary_lines_name_places_briefly_and_stay_narrow() {
        let long = "a/long/path/to/the/chapter/file/chapter-one.md";
        let all: Vec<Diagnostic> = (1..=9)
            .map(|i| Diagnostic::warning(Some(Location::new(long, i * 10)), "bad `x`"))
            .collect();
        let out = render_all(&all, false);
        let summary = out.lines().find(|l| l.contains(" more like ")).unwrap();
        assert!(summary.contains(&format!("{long}:40, :50")), "{summary}");
        assert!(summary.chars().count() <= LINE_WIDTH, "{summary}");
    }

    #[test]
    fn verbose_and_small_sets_are_shown_in_full() {
        let all = many(3, "image left out: `img#.png` does not exist");
        let full: String = all.iter().map(Diagnostic::render).collect();
        assert_eq!(render_all(&all, true), full);
        assert_eq!(render_all(&all, false), full);
        let lots = many(50, "x `#`");
        assert_eq!(render_all(&lots, true).matches("warning: ").count(), 50);
    }
}

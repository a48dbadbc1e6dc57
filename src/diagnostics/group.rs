//! Warnings for a person at a terminal: a real book can raise thousands of
//! the same warning (every missing image, every undefined footnote), and a
//! wall of them hides the one that matters. Warnings of one kind are
//! grouped: the first few in full, then one line with how many more and
//! where. Errors are always shown in full.

use super::{Diagnostic, Severity};

/// At most this many lines of warnings by default. The first warning of
/// each kind is always shown in full, so a book with very many different
/// kinds can go over it; each further kind costs about six lines.
const LINE_BUDGET: usize = 30;
/// Full renders of one kind before the rest are summarised.
const FULL_PER_KIND: usize = 3;
/// Places listed on a kind's summary line.
const PLACES_LISTED: usize = 4;

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

/// A kind's warnings and how many of them are shown in full.
struct Group<'a> {
    kind: String,
    items: Vec<&'a Diagnostic>,
    rendered: Vec<String>,
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
            }),
        }
    }
    // The first of every kind in full, whatever the budget: it is the
    // example that says what the kind is and where.
    let mut used = 0;
    for g in &mut groups {
        let first = g.items[0].render();
        used += first.lines().count();
        g.rendered.push(first);
    }
    // One summary line is reserved for every kind that may need one.
    used += groups.iter().filter(|g| g.items.len() > 1).count();
    // Then second and third examples, round by round, while they fit.
    for round in 1..FULL_PER_KIND {
        for g in &mut groups {
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
    groups.iter().map(render_group).collect()
}

fn render_group(g: &Group) -> String {
    let mut out: String = g.rendered.concat();
    let rest = &g.items[g.rendered.len()..];
    if rest.is_empty() {
        return out;
    }
    let places: Vec<String> = rest
        .iter()
        .filter_map(|d| d.location.as_ref().map(|l| l.to_string()))
        .take(PLACES_LISTED)
        .collect();
    let mut at = String::new();
    if !places.is_empty() {
        at = format!(" at {}", places.join(", "));
        if rest.len() > places.len() {
            at.push_str(", …");
        }
    }
    out.push_str(&format!(
        "warning: {} more like \"{}\"{at} (--verbose shows them all)\n",
        rest.len(),
        g.kind
    ));
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
                "warning: {} more like \"image left out: `…` does not exist\"",
                200 - images
            )),
            "{out}"
        );
        assert!(
            out.contains(&format!(
                "{} more like \"footnote reference [^…] has no definition\"",
                150 - notes
            )),
            "{out}"
        );
        // The next places after the shown ones are listed.
        assert!(
            out.contains(&format!(" at c{}.md:{}, ", images + 1, images + 1)),
            "{out}"
        );
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

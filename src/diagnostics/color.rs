//! Colour for findings on a terminal, in the style of rustc: the label
//! (`error`, `warning`, `note`) in red, yellow or green, the message in
//! bold, the `-->` arrow, the gutter and `= help` in blue, the `^^^`
//! marker in the label's colour.
//!
//! It works on the text [`super::Diagnostic::render`] and
//! [`super::render_all`] make, line by line, so that the plain text stays
//! exactly what it was (tests and pipes read it) and colour is only ever
//! added on top. A line it does not recognise is left as is.

const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";
const RED: &str = "\x1b[1;31m";
const YELLOW: &str = "\x1b[1;33m";
const GREEN: &str = "\x1b[1;32m";
const BLUE: &str = "\x1b[1;34m";

/// `text` (rendered findings) with ANSI colour codes.
pub fn paint(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut colour = YELLOW;
    for line in text.split_inclusive('\n') {
        let (body, newline) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        out.push_str(&paint_line(body, &mut colour));
        out.push_str(newline);
    }
    out
}

fn paint_line(line: &str, colour: &mut &'static str) -> String {
    for (label, c) in [("error", RED), ("warning", YELLOW), ("note", GREEN)] {
        if let Some(message) = line
            .strip_prefix(label)
            .and_then(|rest| rest.strip_prefix(':'))
        {
            *colour = c;
            return format!("{c}{label}{RESET}{BOLD}:{message}{RESET}");
        }
    }
    if let Some(place) = line.strip_prefix("  --> ") {
        return format!("  {BLUE}-->{RESET} {place}");
    }
    if let Some(help) = line.strip_prefix("  = help:") {
        return format!("  {BLUE}={RESET} {BOLD}help{RESET}:{help}");
    }
    // The source window: `12 | text` and `   | ^^^`.
    if let Some(bar) = line.find(" |") {
        let gutter = &line[..bar];
        if gutter.chars().all(|c| c.is_ascii_digit() || c == ' ') {
            let rest = &line[bar + 2..];
            let marker = gutter.trim().is_empty() && rest.trim_start().starts_with('^');
            let rest = if marker {
                let text = rest.trim_end_matches('^');
                let carets = &rest[text.len()..];
                format!("{text}{}{carets}{RESET}", *colour)
            } else {
                rest.to_string()
            };
            return format!("{BLUE}{gutter} |{RESET}{rest}");
        }
    }
    line.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip(s: &str) -> String {
        let mut out = String::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            if c == '\x1b' {
                for d in chars.by_ref() {
                    if d == 'm' {
                        break;
                    }
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn colour_only_adds_to_the_text() {
        let text = "warning: image left out: `a.png`\n  --> 01.md:3:5\n  |\n3 | ![x](a.png)\n  |     ^^^^^^^^^^^\n  = help: put it there\nerror: broken\nwarning: 3 more like this\n";
        let painted = paint(text);
        assert_eq!(strip(&painted), text);
        assert!(painted.contains("\x1b[1;33mwarning\x1b[0m"), "{painted:?}");
        assert!(painted.contains("\x1b[1;31merror\x1b[0m"), "{painted:?}");
        assert!(
            painted.contains("\x1b[1;33m^^^^^^^^^^^\x1b[0m"),
            "{painted:?}"
        );
        assert!(painted.contains("\x1b[1;34m-->"), "{painted:?}");
    }

    #[test]
    fn a_line_it_does_not_know_is_kept() {
        assert_eq!(
            paint("wrote dist/a.pdf (3 KB)\n"),
            "wrote dist/a.pdf (3 KB)\n"
        );
    }
}

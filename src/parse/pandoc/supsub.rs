//! `^super^` and `~sub~` inside words (`2^10^`, `H~2~O`), which
//! pulldown-cmark's flanking rules leave as text: pandoc's rule, the
//! content has no spaces and is not empty.

use crate::book::{Inline, Phrase};

/// `text` with its super- and subscripts made phrases.
pub fn split(text: &str) -> Vec<Inline> {
    if !text.contains(['^', '~']) {
        return vec![Inline::Text(text.to_string())];
    }
    let mut out = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(['^', '~']) {
        let delim = rest[at..].chars().next().unwrap_or('^');
        let after = &rest[at + 1..];
        let close = after.find(|c: char| c == delim || c.is_whitespace());
        match close {
            Some(end) if end > 0 && after[end..].starts_with(delim) => {
                plain.push_str(&rest[..at]);
                if !plain.is_empty() {
                    out.push(Inline::Text(std::mem::take(&mut plain)));
                }
                let kind = if delim == '^' {
                    Phrase::Superscript
                } else {
                    Phrase::Subscript
                };
                out.push(Inline::Phrase {
                    kind,
                    content: vec![Inline::Text(after[..end].to_string())],
                });
                rest = &after[end + 1..];
            }
            _ => {
                // `~~` stays as written; skip both marks.
                let skip = if after.starts_with(delim) { 2 } else { 1 };
                plain.push_str(&rest[..at + skip.min(rest.len() - at)]);
                rest = &rest[(at + skip).min(rest.len())..];
            }
        }
    }
    plain.push_str(rest);
    if !plain.is_empty() {
        out.push(Inline::Text(plain));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrase(kind: Phrase, s: &str) -> Inline {
        Inline::Phrase {
            kind,
            content: vec![Inline::Text(s.into())],
        }
    }

    #[test]
    fn the_manuals_examples() {
        assert_eq!(
            split("H~2~O is a liquid.  2^10^ is 1024."),
            vec![
                Inline::Text("H".into()),
                phrase(Phrase::Subscript, "2"),
                Inline::Text("O is a liquid.  2".into()),
                phrase(Phrase::Superscript, "10"),
                Inline::Text(" is 1024.".into()),
            ]
        );
    }

    #[test]
    fn spaces_and_doubles_are_text() {
        for text in ["x^2 and y^2", "a ~~ b ~~ c", "~/path and ~", "^^", "x^ y^"] {
            assert_eq!(split(text), vec![Inline::Text(text.into())], "{text}");
        }
    }
}

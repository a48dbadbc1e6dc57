//! Anchor ids: valid XML names, unique across the whole book.

use std::collections::BTreeSet;

/// Prefixes the renderers use for their own anchors.
const RESERVED: &[&str] = &["note-", "ref-", "ch", "front", "copyright"];

#[derive(Debug, Default)]
pub struct Ids {
    used: BTreeSet<String>,
}

impl Ids {
    /// Turns `wanted` into an id no other anchor of the book has.
    pub fn unique(&mut self, wanted: &str) -> String {
        let mut base: String = wanted
            .chars()
            .filter_map(|c| match c {
                'a'..='z' | 'A'..='Z' | '0'..='9' | '-' | '_' | '.' => Some(c),
                c if c.is_whitespace() => Some('-'),
                _ => None,
            })
            .collect();
        if base.is_empty() {
            base = "section".into();
        }
        if !base.starts_with(|c: char| c.is_ascii_alphabetic())
            || RESERVED.iter().any(|r| base.starts_with(r))
        {
            base = format!("h-{base}");
        }
        let mut id = base.clone();
        let mut n = 1;
        while !self.used.insert(id.clone()) {
            n += 1;
            id = format!("{base}-{n}");
        }
        id
    }
}

/// GitHub-style slug of a heading's text (ASCII letters and digits only;
/// a heading of Han text gets a numbered id from [`Ids::unique`]).
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if (c.is_whitespace() || c == '-') && !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_valid() {
        let mut ids = Ids::default();
        assert_eq!(ids.unique(&slug("Hello, World!")), "hello-world");
        assert_eq!(ids.unique(&slug("Hello World")), "hello-world-2");
        assert_eq!(ids.unique(&slug("推理革命")), "section");
        assert_eq!(ids.unique(&slug("推理")), "section-2");
        assert_eq!(ids.unique("1 intro"), "h-1-intro");
        assert_eq!(ids.unique("note-1"), "h-note-1");
    }
}

//! Anchor ids: valid XML names, unique across the whole book, and the
//! slugs other tools give the same headings ([`SourceSlugs`]), which
//! authors write in their links.

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

    /// Gives back an id [`Ids::unique`] handed out, as if it never had.
    pub fn forget(&mut self, id: &str) {
        self.used.remove(id);
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

/// The anchors mdBook and GitHub give a file's headings, so that a link
/// written for either (`#透過-box-建立遞迴型別`, `#usage-1`,
/// `#contributors-`) finds its heading. They are aliases for link
/// resolution only: the id folio writes stays [`Ids::unique`]'s.
///
/// Both tools lowercase the heading's text, keep letters, digits, `_` and
/// `-`, turn each whitespace character into `-` and drop everything else
/// (punctuation, emoji). mdBook lowercases ASCII only; GitHub every
/// letter. A slug seen before in the same file gets `-1`, `-2`… (each
/// tool counts its own).
///
/// GitHub slugs the text as written, so an emoji written as a shortcode
/// (`:sparkles:`, which folio shows as ✨) is in its slug by name: that
/// spelling is a third alias.
#[derive(Debug, Default)]
pub struct SourceSlugs {
    mdbook: BTreeSet<String>,
    github: BTreeSet<String>,
    shortcodes: BTreeSet<String>,
}

impl SourceSlugs {
    /// The mdBook and the GitHub anchors of the next heading, whose plain
    /// text is `text` (each string once).
    pub fn next(&mut self, text: &str) -> Vec<String> {
        let text = text.trim();
        let named = with_shortcodes(text);
        let slugs = [
            numbered(&mut self.mdbook, source_slug(text, false)),
            numbered(&mut self.github, source_slug(text, true)),
            numbered(&mut self.shortcodes, source_slug(&named, true)),
        ];
        let mut out: Vec<String> = Vec::with_capacity(3);
        for slug in slugs {
            if !out.contains(&slug) {
                out.push(slug);
            }
        }
        out
    }
}

/// `text` with each emoji replaced by its GitHub shortcode name.
fn with_shortcodes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut buf = [0u8; 4];
    for c in text.chars() {
        if c.is_alphanumeric() || c.is_ascii() {
            out.push(c);
            continue;
        }
        let alone: &str = c.encode_utf8(&mut buf);
        let emoji = emojis::get(alone).or_else(|| emojis::get(&format!("{c}\u{fe0f}")));
        match emoji.and_then(|e| e.shortcode()) {
            Some(name) => out.push_str(name),
            None => out.push(c),
        }
    }
    out
}

fn source_slug(text: &str, unicode_lowercase: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() || c == '_' || c == '-' {
            if unicode_lowercase {
                out.extend(c.to_lowercase());
            } else {
                out.push(c.to_ascii_lowercase());
            }
        } else if c.is_whitespace() {
            out.push('-');
        }
    }
    out
}

/// `slug`, or `slug-N` with the first N that `used` does not have yet.
fn numbered(used: &mut BTreeSet<String>, slug: String) -> String {
    let mut candidate = slug.clone();
    let mut n = 0;
    while used.contains(&candidate) {
        n += 1;
        candidate = format!("{slug}-{n}");
    }
    used.insert(candidate.clone());
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_slugs_as_mdbook_and_github_make_them() {
        let mut s = SourceSlugs::default();
        assert_eq!(s.next("透過 Box 建立遞迴型別"), ["透過-box-建立遞迴型別"]);
        assert_eq!(
            s.next("Contributors ✨"),
            ["contributors-", "contributors-sparkles"]
        );
        assert_eq!(s.next("Usage"), ["usage"]);
        assert_eq!(s.next("Usage"), ["usage-1"]);
        assert_eq!(s.next("Usage"), ["usage-2"]);
        assert_eq!(s.next("使用 `Box<T>` 取得"), ["使用-boxt-取得"]);
        assert_eq!(s.next("What's new? (v2.0)"), ["whats-new-v20"]);
        // mdBook lowercases ASCII only, GitHub every letter.
        assert_eq!(s.next("Ärger"), ["Ärger", "ärger"]);
        assert_eq!(
            s.next("💖 Support "),
            ["-support", "sparkling_heart-support"]
        );
    }

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

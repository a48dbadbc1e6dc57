//! Implicit heading references: `[Heading text]`, `[Heading text][]` and
//! `[text][Heading text]` link to the heading of that text when no
//! reference of that label is defined (pandoc's rule). pulldown-cmark
//! hands such links to its broken-link callback; the headings of the file
//! are found by a first pass.

use std::collections::BTreeMap;

use pulldown_cmark::{BrokenLink, CowStr, Event, Parser, Tag, TagEnd};

use super::FileSink;
use crate::book::{Block, Inline};

/// The identifier pandoc gives a heading of this text (its
/// `auto_identifiers`): letters, digits, `_`, `-` and `.` kept, spaces as
/// hyphens, lower case, nothing before the first letter.
pub fn pandoc_id(text: &str) -> String {
    let kept: String = text
        .chars()
        .filter_map(|c| match c {
            c if c.is_alphanumeric() || matches!(c, '_' | '-' | '.') => Some(c),
            c if c.is_whitespace() => Some('-'),
            _ => None,
        })
        .flat_map(char::to_lowercase)
        .collect();
    match kept.find(char::is_alphabetic) {
        Some(start) => kept[start..].to_string(),
        None => "section".to_string(),
    }
}

/// Lets links written for pandoc (`#extension-auto_identifiers`, and
/// `#reader-options-1` for the second heading of a text) reach the
/// heading `id`: its pandoc identifier stands for it too, unless another
/// heading already has that name.
pub fn alias(sink: &mut FileSink<'_, '_>, text: &str, id: &str) {
    let base = pandoc_id(text);
    let seen = sink.pandoc.pandoc_ids.entry(base.clone()).or_insert(0);
    let name = if *seen == 0 {
        base
    } else {
        format!("{base}-{seen}")
    };
    *seen += 1;
    sink.alias(name, id);
}

/// Heading labels of one file → the anchor to link to (`#id`).
#[derive(Debug, Default)]
pub struct HeadingRefs {
    labels: BTreeMap<String, String>,
}

/// Reference labels match case-insensitively, whitespace collapsed.
fn normalize(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl HeadingRefs {
    /// The headings of `body`, each under its text (code with and without
    /// its backticks). The anchor is the one the sink will ask for: the
    /// explicit id, else the slug of the text. The first heading of a text
    /// wins.
    pub fn scan(body: &str) -> HeadingRefs {
        let mut refs = HeadingRefs::default();
        let options = crate::parse::markdown::options();
        let mut current: Option<(Option<String>, String, String)> = None;
        for event in Parser::new_ext(body, options) {
            match (event, &mut current) {
                (Event::Start(Tag::Heading { id, .. }), _) => {
                    current = Some((id.map(|i| i.to_string()), String::new(), String::new()));
                }
                (Event::Text(t), Some((_, plain, raw))) => {
                    plain.push_str(&t);
                    raw.push_str(&t);
                }
                (Event::Code(t), Some((_, plain, raw))) => {
                    plain.push_str(&t);
                    raw.push('`');
                    raw.push_str(&t);
                    raw.push('`');
                }
                (Event::SoftBreak, Some((_, plain, raw))) => {
                    plain.push(' ');
                    raw.push(' ');
                }
                (Event::End(TagEnd::Heading(_)), _) => {
                    if let Some((id, plain, raw)) = current.take() {
                        let anchor = id.unwrap_or_else(|| crate::parse::ids::slug(&plain));
                        if !anchor.is_empty() {
                            for key in [normalize(&plain), normalize(&raw)] {
                                refs.labels
                                    .entry(key)
                                    .or_insert_with(|| format!("#{anchor}"));
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        refs
    }

    /// pulldown-cmark's broken-link callback: the heading a label names.
    /// Not for `^[…]` (an inline note) or `[…]{…}` (a span).
    pub fn resolve<'a>(
        &self,
        body: &str,
        link: BrokenLink<'_>,
    ) -> Option<(CowStr<'a>, CowStr<'a>)> {
        if self.labels.is_empty()
            || body
                .get(..link.span.start)
                .is_some_and(|b| b.ends_with('^'))
            || body
                .get(link.span.end..)
                .is_some_and(|a| a.starts_with('{'))
        {
            return None;
        }
        let dest = self.labels.get(&normalize(&link.reference))?;
        Some((CowStr::from(dest.clone()), CowStr::from("")))
    }
}

/// A paragraph that is only an attribute block, right after a heading
/// (`# Title` then `{.font-1em30 #toc-002}` on the next line): the
/// markdown-it-attrs convention of Vivliostyle's VFM, where the attributes
/// belong to the heading above. Its `#id` becomes one more name of that
/// heading, so links to it land there; the paragraph is dropped. Returns
/// whether `inlines` was such a paragraph.
pub fn trailing_attributes(
    sink: &mut FileSink<'_, '_>,
    previous: Option<&Block>,
    inlines: &[Inline],
) -> bool {
    let (Some(Block::Heading { id, .. }), [Inline::Text(text)]) = (previous, inlines) else {
        return false;
    };
    let text = text.trim();
    let Some((attrs, used)) = super::attrs::parse(text) else {
        return false;
    };
    if used != text.len() {
        return false;
    }
    if let Some(name) = attrs.id {
        sink.alias(name, id);
    }
    true
}

#[cfg(test)]
mod tests {
    #[test]
    fn pandoc_identifiers() {
        // The manual's examples.
        for (text, id) in [
            ("Heading identifiers in HTML", "heading-identifiers-in-html"),
            ("Maître d'hôtel", "maître-dhôtel"),
            ("*Dogs*?--in *my* house?", "dogs--in-my-house"),
            ("[HTML], [S5], or [RTF]?", "html-s5-or-rtf"),
            ("3. Applications", "applications"),
            ("33", "section"),
            ("Extension: auto_identifiers", "extension-auto_identifiers"),
        ] {
            assert_eq!(super::pandoc_id(text), id, "{text}");
        }
    }
}

//! Raw HTML in the manuscript, as Book model nodes.
//!
//! HTML is never passed through to an output: every element folio knows
//! becomes the node both renderers already set (`<q>` a quotation,
//! `<abbr title>` an abbreviation, `<div align="center">` a centred
//! [`Block::Div`](crate::book::Block::Div), `<img>` an image read through
//! the assets code, `<details>` a disclosure block…), so its meaning
//! reaches the EPUB and the PDF alike. What folio cannot represent keeps
//! its text, with one warning per element name for the whole book
//! ([`UnknownTags`]). Scripts, styles, event handlers and `javascript:`
//! URLs never reach the book: there is no passthrough for them to slip
//! through.
//!
//! The files, by stage:
//!
//! - [`tokens`]: raw HTML into tokens (html5gum: a WHATWG tokenizer that
//!   knows every named character reference);
//! - this file: which elements are which ([`element`]) and the warnings
//!   about the ones folio does not know;
//! - [`attrs`]: attributes into model values (classes, `align`, lengths);
//! - [`inline`]: phrasing elements (`<em>`, `<q>`, `<a>`…) into inlines;
//! - [`block`]: block elements (`<p>`, `<h2>`, `<figure>`…) into blocks.
//!
//! The walk that keeps elements open on the Markdown parser's stack, so
//! that an element may hold Markdown (`<div>` … blank line … `**md**` …
//! `</div>`), is in `parse::markdown::html_walk` (and where a closed
//! element goes, `parse::markdown::html_close`).

pub mod attrs;
pub mod block;
pub mod inline;
pub mod tokens;

use std::collections::BTreeMap;

use crate::diagnostics::{Diagnostics, Location};

pub use block::BlockTag;
pub use inline::InlineTag;
pub use tokens::{tokenize, Token};

/// What an element is to folio.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Element {
    /// Dropped with all it holds: scripts, styles, embedded objects.
    Drop,
    /// `<br>`: a line break.
    Break,
    /// `<img>`.
    Image,
    /// `<hr>`.
    Rule,
    /// A tag with nothing to keep and no text of its own (`<source>`,
    /// `<col>`, `<tbody>`…): dropped silently.
    Ignored,
    /// A phrasing element: an inline model node, or its content alone.
    Inline,
    /// A block holding blocks (`<div>`, `<li>`, `<details>`…).
    Container,
    /// A block holding inline content (`<p>`, `<h3>`, `<td>`…).
    Text,
    /// `<pre>`: a code block, its text kept as written.
    Pre,
    /// Not an element folio can show: its text stays, with a warning.
    Unknown,
}

/// Elements whose content is dropped along with them.
const DROP: &[&str] = &[
    "script", "style", "template", "iframe", "object", "embed", "noscript", "textarea", "select",
    "svg", "math", "title", "head", "audio", "video", "canvas", "button", "form", "frameset",
    "noembed", "noframes", "dialog", "map",
];

/// Phrasing elements folio maps (or whose content it keeps, unmarked, on
/// purpose: `<span>`, `<font>`, `<time>`…).
const INLINE: &[&str] = &[
    "span", "em", "i", "strong", "b", "u", "s", "del", "strike", "ins", "sub", "sup", "small",
    "big", "mark", "abbr", "acronym", "cite", "q", "code", "kbd", "samp", "tt", "var", "dfn",
    "time", "data", "a", "ruby", "rt", "rp", "rb", "rtc", "bdi", "bdo", "font", "nobr", "label",
    "picture",
];

/// Blocks that hold blocks.
const CONTAINER: &[&str] = &[
    "div",
    "section",
    "article",
    "aside",
    "center",
    "header",
    "footer",
    "main",
    "nav",
    "address",
    "hgroup",
    "search",
    "blockquote",
    "ul",
    "ol",
    "menu",
    "li",
    "dl",
    "dd",
    "details",
    "figure",
    "table",
    "tr",
];

/// Blocks that hold inline content.
const TEXT: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "summary",
    "figcaption",
    "dt",
    "td",
    "th",
    "caption",
    "legend",
];

/// Tags with nothing to keep: structure folio rebuilds itself (table
/// sections), or metadata and media sources.
const IGNORED: &[&str] = &[
    "thead", "tbody", "tfoot", "colgroup", "col", "source", "track", "param", "meta", "link",
    "base", "area", "wbr", "html", "body", "fieldset", "optgroup", "option",
];

/// What element `name` (lower case) is.
pub fn element(name: &str) -> Element {
    match name {
        "br" => Element::Break,
        "img" | "image" => Element::Image,
        "hr" => Element::Rule,
        "pre" | "listing" | "xmp" => Element::Pre,
        _ if DROP.contains(&name) => Element::Drop,
        _ if INLINE.contains(&name) => Element::Inline,
        _ if CONTAINER.contains(&name) => Element::Container,
        _ if TEXT.contains(&name) => Element::Text,
        _ if IGNORED.contains(&name) => Element::Ignored,
        _ => Element::Unknown,
    }
}

/// True for elements that never have an end tag.
pub fn is_void(name: &str) -> bool {
    matches!(
        name,
        "br" | "hr"
            | "img"
            | "image"
            | "wbr"
            | "input"
            | "meta"
            | "link"
            | "area"
            | "base"
            | "col"
            | "embed"
            | "source"
            | "track"
            | "param"
            | "keygen"
    )
}

/// The warnings for elements given on a start tag: a dropped element, and
/// event handlers (which are never kept anyway: no attribute is).
pub fn start_warnings(name: &str, attrs: &[(String, String)]) -> Vec<String> {
    let mut out = Vec::new();
    if element(name) == Element::Drop {
        out.push(format!("<{name}> removed from raw HTML, with its content"));
    }
    let handlers: Vec<&str> = attrs
        .iter()
        .filter(|(k, _)| k.starts_with("on"))
        .map(|(k, _)| k.as_str())
        .collect();
    if !handlers.is_empty() {
        out.push(format!(
            "event handler `{}` removed from raw HTML <{name}>",
            handlers.join(", ")
        ));
    }
    out
}

/// Elements folio cannot show, gathered over the whole book so that each
/// name is reported once: how often, and where it is first.
#[derive(Debug, Default)]
pub struct UnknownTags {
    seen: BTreeMap<String, (usize, Location)>,
}

impl UnknownTags {
    /// One more `<name>` at `at`.
    pub fn saw(&mut self, name: &str, at: Location) {
        self.seen.entry(name.to_string()).or_insert((0, at)).0 += 1;
    }

    /// One warning per element name, at its first place. The name stays
    /// outside backticks so that each name is a kind of its own to the
    /// grouping of warnings.
    pub fn report(self, diagnostics: &Diagnostics) {
        for (name, (count, at)) in self.seen {
            let times = if count == 1 {
                "once".to_string()
            } else {
                format!("{count} times, first here")
            };
            diagnostics.push(
                crate::Diagnostic::warning(
                    Some(at),
                    format!(
                        "raw HTML <{name}> is not an element folio can show ({times}); \
                         its text is kept without it"
                    ),
                )
                .with_help("write it in Markdown, or with an element folio knows"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_name_has_one_kind() {
        for list in [DROP, INLINE, CONTAINER, TEXT, IGNORED] {
            for name in list {
                let kinds = [DROP, INLINE, CONTAINER, TEXT, IGNORED]
                    .iter()
                    .filter(|l| l.contains(name))
                    .count();
                assert_eq!(kinds, 1, "{name}");
            }
        }
        assert_eq!(element("marquee"), Element::Unknown);
        assert_eq!(element("q"), Element::Inline);
        assert_eq!(element("details"), Element::Container);
    }

    #[test]
    fn one_warning_per_name_with_its_count() {
        let mut tags = UnknownTags::default();
        for line in [3, 9, 12] {
            tags.saw("marquee", Location::new("a.md", line));
        }
        tags.saw("blink", Location::new("b.md", 7));
        let diagnostics = Diagnostics::default();
        tags.report(&diagnostics);
        let all = diagnostics.into_vec();
        assert_eq!(all.len(), 2);
        let marquee = all
            .iter()
            .find(|d| d.message.contains("<marquee>"))
            .unwrap();
        assert!(marquee.message.contains("3 times"), "{}", marquee.message);
        assert_eq!(marquee.location.as_ref().map(|l| l.line), Some(3));
        // The name is not in backticks: the grouping of warnings, which
        // hides what is in them, keeps the two names apart.
        assert!(!marquee.message.contains('`'), "{}", marquee.message);
    }
}

#[cfg(test)]
#[path = "tests.rs"]
mod parse_tests;

//! Ruby (furigana) in the manuscript: the `{漢字|かんじ}` notation of the
//! denden and VFM Markdown dialects, and HTML `<ruby>` elements, into
//! [`Ruby`] model nodes.
//!
//! The notation, inside ordinary text (never in code):
//!
//! - `{漢字|かんじ}`: group ruby, one reading over the whole base;
//! - `{漢字|かん|じ}`: mono-ruby, one reading per base character. When the
//!   number of readings is not the number of characters the author's split
//!   cannot be trusted: the readings are joined into one group ruby (the
//!   reader still sees every kana) and a warning says so.
//!
//! A brace that does not open a notation (`{x}`, `{a | b}` with a space in
//! the base, a lone `{`) is ordinary text, silently. A notation that is
//! clearly meant but broken (an empty base or reading, no closing brace) is
//! kept exactly as typed, with a warning.

use std::collections::VecDeque;

use crate::book::{plain_text, Inline, Ruby, RubyPair};
use crate::text::script::user_chars;

/// Replaces every ruby notation in the text nodes of `inlines`. `warn`
/// receives the notation as written, perhaps with the character after it
/// (so the caller can find its line), and the message.
pub fn notation_in(inlines: Vec<Inline>, warn: &mut dyn FnMut(&str, String)) -> Vec<Inline> {
    if !inlines
        .iter()
        .any(|i| matches!(i, Inline::Text(t) if t.contains('{')))
    {
        return inlines;
    }
    let mut out = Vec::with_capacity(inlines.len());
    for inline in inlines {
        match inline {
            Inline::Text(t) if t.contains('{') => split_text(&t, &mut out, warn),
            other => out.push(other),
        }
    }
    out
}

/// Appends `text` to `out` as text and ruby nodes.
fn split_text(text: &str, out: &mut Vec<Inline>, warn: &mut dyn FnMut(&str, String)) {
    let mut plain = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        plain.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        // The notation ends at `}`; another `{` or a line end first means
        // this brace opens none.
        let end = after.find(['}', '{', '\n']).unwrap_or(after.len());
        let closed = after[end..].starts_with('}');
        let inner = &after[..end];
        let written = &rest[open..open + 1 + end + usize::from(closed)];
        match parse_inner(inner, closed) {
            Parsed::NotRuby => {
                plain.push('{');
                rest = after;
                continue;
            }
            Parsed::Broken(why) => {
                // An unclosed notation may be the start of a good one
                // elsewhere: look for it with what ends it (a `{`, or the
                // line end when the text node ends).
                let key = match (closed, after[end..].chars().next()) {
                    (false, Some(c)) => format!("{written}{c}"),
                    (false, None) => format!("{written}\n"),
                    (true, _) => written.to_string(),
                };
                warn(&key, format!("ruby `{written}` {why}; it is kept as text"));
                plain.push_str(written);
            }
            Parsed::Ruby(nodes, why) => {
                if let Some(why) = why {
                    warn(written, format!("ruby `{written}`: {why}"));
                }
                if !plain.is_empty() {
                    out.push(Inline::Text(std::mem::take(&mut plain)));
                }
                out.extend(nodes);
            }
        }
        rest = &rest[open + written.len()..];
    }
    plain.push_str(rest);
    if !plain.is_empty() {
        out.push(Inline::Text(plain));
    }
}

enum Parsed {
    NotRuby,
    /// Meant as ruby but unusable: why.
    Broken(&'static str),
    /// The ruby, and a note when the author's split was not followed.
    Ruby(Vec<Inline>, Option<String>),
}

/// Reads `base|reading…` (the text between the braces).
fn parse_inner(inner: &str, closed: bool) -> Parsed {
    let Some((base, readings)) = inner.split_once('|') else {
        return Parsed::NotRuby;
    };
    // A space in the base is prose or set notation (`{x | x > 0}`), not
    // a word with its reading.
    if base.chars().any(char::is_whitespace) {
        return Parsed::NotRuby;
    }
    if !closed {
        return Parsed::Broken("has no closing `}`");
    }
    if base.is_empty() {
        return Parsed::Broken("has no base text before `|`");
    }
    let readings: Vec<&str> = readings.split('|').map(str::trim).collect();
    if readings.iter().any(|r| r.is_empty()) {
        return Parsed::Broken("has an empty reading");
    }
    let chars = user_chars(base);
    if readings.len() == 1 {
        return Parsed::Ruby(vec![group(base, readings[0])], None);
    }
    if readings.len() != chars.len() {
        let why = format!(
            "{} readings for {} base characters; set as one reading over the whole word",
            readings.len(),
            chars.len()
        );
        return Parsed::Ruby(vec![group(base, &readings.concat())], Some(why));
    }
    let pairs = chars
        .iter()
        .zip(&readings)
        .map(|(b, r)| RubyPair {
            base: b.to_string(),
            reading: r.to_string(),
        })
        .collect();
    Parsed::Ruby(vec![Inline::Ruby(Ruby::Mono(pairs))], None)
}

fn group(base: &str, reading: &str) -> Inline {
    Inline::Ruby(Ruby::Group(RubyPair {
        base: base.to_string(),
        reading: reading.to_string(),
    }))
}

/// The ruby notation ending the first line of a heading's `source`, with
/// the spaces before it: pulldown-cmark reads a trailing `{…}` as heading
/// attributes (`{#id .class}`), but attributes never hold a `|`.
pub fn heading_tail(source: &str) -> Option<String> {
    let line = source.lines().next()?.trim_end();
    let open = line.rfind('{')?;
    let inner = line[open + 1..].strip_suffix('}')?;
    if !inner.contains('|') || inner.contains('}') {
        return None;
    }
    // Keep the space typed before the notation, unless the notation is
    // the whole heading.
    let before = &line[..open];
    let spaces = &before[before.trim_end().len()..];
    let keep = if before.trim_start_matches('#').trim().is_empty() {
        ""
    } else {
        spaces
    };
    Some(format!("{keep}{{{inner}}}"))
}

/// What an HTML `<ruby>` element has gathered so far, while its inline
/// tags arrive one by one.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RubyBuilder {
    /// Where the element opens, for warnings.
    pub line: usize,
    /// Bases waiting for their `<rt>`: from `<rb>`, or the text before it.
    bases: VecDeque<String>,
    pieces: Vec<Piece>,
    /// Problems seen, reported once the element closes.
    problems: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
enum Piece {
    Pair(RubyPair),
    /// Text shown without a reading (a base with no `<rt>`, an `<rt>`
    /// with no base).
    Text(String),
    /// A base the model cannot put under a reading (a gaiji `<img>`): kept
    /// as it is, its reading after it in parentheses.
    Inlines(Vec<Inline>),
}

/// Whether `inlines` hold an image, which a ruby base (text) cannot.
fn has_image(inlines: &[Inline]) -> bool {
    inlines.iter().any(|i| matches!(i, Inline::Image(_)))
}

impl RubyBuilder {
    /// A child element `name` (`rt`, `rp`, `rb`) closed with `content`;
    /// `loose` is the ruby's own content since the previous child.
    pub fn child(&mut self, name: &str, loose: Vec<Inline>, content: Vec<Inline>) {
        if has_image(&loose) && name == "rt" {
            let reading = plain_text(&content).trim().to_string();
            self.problems
                .push("an image as base is set with its reading in parentheses".into());
            self.pieces.push(Piece::Inlines(loose));
            if !reading.is_empty() {
                self.pieces.push(Piece::Text(format!("（{reading}）")));
            }
            return;
        }
        let loose = plain_text(&loose);
        if !loose.trim().is_empty() {
            self.bases.push_back(loose.trim().to_string());
        }
        let text = plain_text(&content).trim().to_string();
        match name {
            // Fallback parentheses for readers without ruby: the model
            // has no use for them.
            "rp" => {}
            "rb" => self.bases.push_back(text),
            _ => match self.bases.pop_front() {
                Some(base) if base.is_empty() => self.stray(text, "an <rb> is empty"),
                Some(base) if text.is_empty() => {
                    self.problems.push(format!("the <rt> of {base:?} is empty"));
                    self.pieces.push(Piece::Text(base));
                }
                Some(base) => self.pieces.push(Piece::Pair(RubyPair {
                    base,
                    reading: text,
                })),
                None => self.stray(text, "an <rt> has no base text"),
            },
        }
    }

    fn stray(&mut self, text: String, why: &str) {
        self.problems.push(why.to_string());
        if !text.is_empty() {
            self.pieces.push(Piece::Text(text));
        }
    }

    /// The element closed with `loose` after its last child: the model
    /// nodes in its place. Runs of one-character pairs become one
    /// mono-ruby; any other pair is a group ruby of its own.
    pub fn finish(mut self, loose: Vec<Inline>, warn: &mut dyn FnMut(String)) -> Vec<Inline> {
        if has_image(&loose) {
            self.pieces.push(Piece::Inlines(loose));
        } else {
            self.bases.push_back(plain_text(&loose).trim().to_string());
        }
        let has_pair = self.pieces.iter().any(|p| matches!(p, Piece::Pair(_)));
        for base in std::mem::take(&mut self.bases) {
            if has_pair && !base.is_empty() {
                self.problems.push(format!("{base:?} has no <rt>"));
            }
            self.pieces.push(Piece::Text(base));
        }
        if !has_pair {
            self.problems
                .insert(0, "has no <rt> reading: kept as text".to_string());
        }
        if !self.problems.is_empty() {
            warn(format!("<ruby>: {}", self.problems.join("; ")));
        }
        let mut out = Vec::new();
        let mut run: Vec<RubyPair> = Vec::new();
        for piece in self.pieces.into_iter().map(Some).chain([None]) {
            match piece {
                Some(Piece::Pair(pair)) => run.push(pair),
                other => {
                    flush_pairs(&mut run, &mut out);
                    match other {
                        Some(Piece::Text(t)) if !t.is_empty() => out.push(Inline::Text(t)),
                        Some(Piece::Inlines(inlines)) => out.extend(inlines),
                        _ => {}
                    }
                }
            }
        }
        out
    }
}

fn flush_pairs(run: &mut Vec<RubyPair>, out: &mut Vec<Inline>) {
    let pairs = std::mem::take(run);
    if pairs.len() > 1 && pairs.iter().all(|p| user_chars(&p.base).len() == 1) {
        out.push(Inline::Ruby(Ruby::Mono(pairs)));
    } else {
        out.extend(pairs.into_iter().map(|p| Inline::Ruby(Ruby::Group(p))));
    }
}

#[cfg(test)]
#[path = "ruby_tests.rs"]
mod tests;

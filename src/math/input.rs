//! Where formulas are in Markdown, on top of pulldown-cmark's
//! `ENABLE_MATH`.
//!
//! pulldown-cmark already follows most of pandoc's rules for `$`: an
//! opening `$` must not be followed by a space, a closing `$` must not
//! follow one, inline math cannot be empty, and `$$…$$` is display math
//! (which may span lines). What it does differently, and what is done
//! about it here:
//!
//! - pandoc does not take `$…$` as math when the closing `$` is followed
//!   by a digit (`$20 and $30`): pulldown-cmark does; [`math`] gives such
//!   a span back as text (the `$` then stay as written — pandoc would look
//!   for a later closing `$`, which is rarer than a price and is kept
//!   simple here);
//! - pulldown-cmark wants the braces inside a formula balanced (so that a
//!   `$` inside `\text{…}` cannot close it); pandoc does not: kept, as
//!   unbalanced braces are no formula anyway;
//! - `\(…\)` and `\[…\]` are not math to pulldown-cmark (they are escaped
//!   brackets): [`brackets`] rewrites them, at the same byte length (so
//!   every source offset and line stays right), to `${…}$` and `$$…$$`;
//!   [`math`] takes the added braces off again;
//! - display math inside a paragraph is split out of it into a block of
//!   its own ([`blocks`]), as pandoc's writers set it.

use crate::book::{Block, Inline};

use super::{Macros, Math};

/// `body` with `\(…\)` and `\[…\]` rewritten to dollar math, when it has
/// any outside code; `None` otherwise (the usual case: no copy).
pub fn brackets(body: &str) -> Option<String> {
    if !body.contains("\\(") && !body.contains("\\[") {
        return None;
    }
    let bytes = body.as_bytes();
    let mut out = bytes.to_vec();
    let mut changed = false;
    let mut i = 0;
    let mut fence: Option<&[u8]> = None;
    let mut line_start = true;
    while i < bytes.len() {
        if line_start {
            let rest = &bytes[i..];
            let indent = rest.iter().take_while(|b| **b == b' ').count();
            let marker = &rest[indent.min(rest.len())..];
            for f in [&b"```"[..], &b"~~~"[..]] {
                if marker.starts_with(f) {
                    fence = match fence {
                        Some(open) if open == f => None,
                        None => Some(f),
                        other => other,
                    };
                }
            }
        }
        line_start = bytes[i] == b'\n';
        if fence.is_some() {
            i += 1;
            continue;
        }
        match bytes[i] {
            b'`' => {
                // Skip a code span: to the next run of as many backticks.
                let n = bytes[i..].iter().take_while(|b| **b == b'`').count();
                let ticks = &bytes[i..i + n];
                let close = find(&bytes[i + n..], ticks).map(|c| i + n + c + n);
                i = close.unwrap_or(i + n);
            }
            b'\\' if matches!(bytes.get(i + 1), Some(b'(') | Some(b'[')) => {
                let display = bytes[i + 1] == b'[';
                let closer: &[u8] = if display { b"\\]" } else { b"\\)" };
                // The formula ends in the same paragraph.
                let rest = &bytes[i + 2..];
                let para_end = find(rest, b"\n\n").unwrap_or(rest.len());
                let opens_line = i == 0 || bytes[..i].ends_with(b"\n");
                match find(&rest[..para_end], closer) {
                    Some(c) if c > 0 && (!display || opens_line || looks_like_tex(&rest[..c])) => {
                        let end = i + 2 + c;
                        let (open, close): (&[u8], &[u8]) = if display {
                            (b"$$", b"$$")
                        } else {
                            (b"${", b"}$")
                        };
                        out[i..i + 2].copy_from_slice(open);
                        out[end..end + 2].copy_from_slice(close);
                        changed = true;
                        i = end + 2;
                    }
                    _ => i += 2,
                }
            }
            b'\\' => i += 2,
            _ => i += 1,
        }
    }
    // Only ASCII bytes were replaced by ASCII bytes.
    changed.then(|| String::from_utf8(out).unwrap_or_else(|_| body.to_string()))
}

/// Whether the text between `\[` and `\]` in running text is a formula:
/// Markdown writers also escape brackets (`\[1,4\]` in pandoc's manual),
/// so inside a line it must hold a command, a script or an equation.
fn looks_like_tex(inner: &[u8]) -> bool {
    inner
        .iter()
        .any(|b| matches!(b, b'\\' | b'^' | b'_' | b'='))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// What one math event of pulldown-cmark becomes. `source` is the
/// manuscript as written, `range` the event's bytes in it; `warn` reports
/// at the formula's line.
pub fn math(
    tex: &str,
    display: bool,
    source: &str,
    range: std::ops::Range<usize>,
    macros: &mut Macros,
    warn: &mut dyn FnMut(String),
) -> Inline {
    let written = source.get(range.clone()).unwrap_or("");
    let mut tex = tex;
    if written.starts_with("\\(") {
        tex = tex
            .strip_prefix('{')
            .and_then(|t| t.strip_suffix('}'))
            .unwrap_or(tex);
    }
    let price = !display
        && written.starts_with('$')
        && source
            .as_bytes()
            .get(range.end)
            .is_some_and(u8::is_ascii_digit);
    if price {
        return Inline::Text(written.to_string());
    }
    Inline::Math(Box::new(formula(tex, display, macros, warn)))
}

/// A formula parsed, or kept as source (with a warning) when it cannot be.
pub fn formula(
    tex: &str,
    display: bool,
    macros: &mut Macros,
    warn: &mut dyn FnMut(String),
) -> Math {
    match super::parse(tex, display, macros) {
        Ok(math) => math,
        Err(e) => {
            warn(format!("{e}: the formula is set as its TeX source"));
            Math {
                display,
                tex: tex.to_string(),
                tree: None,
                tag: None,
            }
        }
    }
}

/// A paragraph's inlines as blocks: display math stands as a block of its
/// own between the paragraph's other parts.
pub fn blocks(inlines: Vec<Inline>) -> Vec<Block> {
    if !inlines
        .iter()
        .any(|i| matches!(i, Inline::Math(m) if m.display))
    {
        return vec![Block::Paragraph(inlines)];
    }
    let mut out = Vec::new();
    let mut current = Vec::new();
    for inline in inlines {
        match inline {
            Inline::Math(m) if m.display => {
                push_paragraph(&mut out, std::mem::take(&mut current));
                out.push(Block::Math(m));
            }
            other => current.push(other),
        }
    }
    push_paragraph(&mut out, current);
    out
}

fn push_paragraph(out: &mut Vec<Block>, mut inlines: Vec<Inline>) {
    let blank = |i: &Inline| match i {
        Inline::SoftBreak | Inline::LineBreak => true,
        Inline::Text(t) => t.trim().is_empty(),
        _ => false,
    };
    while inlines.first().is_some_and(blank) {
        inlines.remove(0);
    }
    while inlines.last().is_some_and(blank) {
        inlines.pop();
    }
    if !inlines.is_empty() {
        out.push(Block::Paragraph(inlines));
    }
}

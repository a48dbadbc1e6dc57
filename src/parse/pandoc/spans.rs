//! Brackets that pulldown-cmark left as text: bracketed spans
//! `[text]{.smallcaps lang=en}` and inline notes `^[text]`. The brackets
//! are matched across the run's text nodes, innermost first, so a span
//! may hold emphasis or code and a note may hold a span.

use super::attrs::{self, Attrs};
use super::{FileSink, MARK};
use crate::book::{Block, Inline, Phrase};

/// At most this many spans and notes in one run (each pass rescans it).
const MAX_MATCHES: usize = 10_000;

enum Kind {
    Span(Attrs, usize),
    Note,
}

struct Found {
    open: (usize, usize),
    close: (usize, usize),
    kind: Kind,
}

pub fn brackets(mut list: Vec<Inline>, sink: &mut FileSink<'_, '_>) -> Vec<Inline> {
    for _ in 0..MAX_MATCHES {
        let Some(found) = find(&list) else { break };
        list = apply(list, found, sink);
    }
    list
}

/// The first closing bracket that ends a span or a note, with its opener.
fn find(list: &[Inline]) -> Option<Found> {
    let mut open: Vec<(usize, usize, bool)> = Vec::new();
    for (n, inline) in list.iter().enumerate() {
        let Inline::Text(text) = inline else { continue };
        for (b, c) in text.char_indices() {
            match c {
                '[' => open.push((n, b, text[..b].ends_with('^'))),
                ']' => {
                    let Some((on, ob, note)) = open.pop() else {
                        continue;
                    };
                    let rest = &text[b + 1..];
                    let span = rest.starts_with('{').then(|| attrs::parse(rest)).flatten();
                    let kind = match span {
                        Some((a, used)) => Kind::Span(a, used),
                        None if note => Kind::Note,
                        None => continue,
                    };
                    return Some(Found {
                        open: (on, ob),
                        close: (n, b),
                        kind,
                    });
                }
                _ => {}
            }
        }
    }
    None
}

fn text_of(inline: &Inline) -> &str {
    match inline {
        Inline::Text(t) => t,
        _ => "",
    }
}

fn apply(list: Vec<Inline>, found: Found, sink: &mut FileSink<'_, '_>) -> Vec<Inline> {
    let ((on, ob), (cn, cb)) = (found.open, found.close);
    let tail = match &found.kind {
        Kind::Span(_, used) => *used,
        Kind::Note => 0,
    };
    let open_text = text_of(&list[on]).to_string();
    let close_text = text_of(&list[cn]).to_string();
    let before_end = if matches!(found.kind, Kind::Note) {
        ob - 1
    } else {
        ob
    };
    let mut content = Vec::new();
    if on == cn {
        content.push(Inline::Text(open_text[ob + 1..cb].to_string()));
    } else {
        content.push(Inline::Text(open_text[ob + 1..].to_string()));
        content.extend(list[on + 1..cn].iter().cloned());
        content.push(Inline::Text(close_text[..cb].to_string()));
    }
    content.retain(|i| !matches!(i, Inline::Text(t) if t.is_empty()));
    let content = super::inlines::text_runs(content, sink);
    let made = match found.kind {
        Kind::Span(a, _) => span(&a, content, sink),
        Kind::Note => vec![note(content, sink)],
    };
    let mut out: Vec<Inline> = list[..on].to_vec();
    out.push(Inline::Text(open_text[..before_end].to_string()));
    out.extend(made);
    out.push(Inline::Text(close_text[cb + 1 + tail..].to_string()));
    out.extend(list.into_iter().skip(cn + 1));
    out.retain(|i| !matches!(i, Inline::Text(t) if t.is_empty()));
    out
}

/// A bracketed span: small caps, underline and highlight are phrases,
/// `lang` marks the language; other classes keep the text as it is.
fn span(a: &Attrs, content: Vec<Inline>, sink: &FileSink<'_, '_>) -> Vec<Inline> {
    let mut content = content;
    for (class, kind) in [
        ("smallcaps", Phrase::SmallCaps),
        ("underline", Phrase::Underline),
        ("ul", Phrase::Underline),
        ("mark", Phrase::Mark),
    ] {
        if a.has_class(class) {
            content = vec![Inline::Phrase { kind, content }];
            break;
        }
    }
    let lang = match super::super::lang::of_attributes("span", &a.pairs) {
        Ok(lang) => lang,
        Err(why) => {
            sink.warn(sink.line_of(sink.cursor), why);
            None
        }
    };
    super::super::lang::wrap(lang, content)
}

/// An inline note: a footnote of its own, numbered with the others.
fn note(content: Vec<Inline>, sink: &mut FileSink<'_, '_>) -> Inline {
    sink.pandoc.inline_notes += 1;
    let label = format!("{MARK}inline-{}", sink.pandoc.inline_notes);
    let line = sink.line_of(sink.cursor);
    let content = sink.ruby_notation(super::super::emoji::shortcodes_in(content));
    let reference = sink.note_ref(&label, line);
    sink.note_definition(label, vec![Block::Paragraph(content)], line);
    reference
}

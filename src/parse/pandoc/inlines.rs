//! The pandoc reading of a run of inlines, once pulldown-cmark is done
//! with it: attributes after images and links, bracketed spans and inline
//! notes ([`super::spans`]), `^super^` and intraword `~sub~`
//! ([`super::supsub`]), line-block marks, and citations counted for one
//! warning.

use super::attrs;
use super::{FileSink, Prepared, DROPPED_LINK, LINE_MARK};
use crate::book::{Image, Inline};

/// Applies the pandoc inline extensions to `list` (the direct children of
/// one container; nested containers were done when they closed).
pub fn inlines(list: Vec<Inline>, sink: &mut FileSink<'_, '_>) -> Vec<Inline> {
    let interesting = |i: &Inline| match i {
        Inline::Text(t) => t.contains(['{', '[', '^', '~', '@', LINE_MARK, DROPPED_LINK]),
        _ => false,
    };
    if !list.iter().any(interesting) {
        return list;
    }
    let list = attributes_after(list, sink);
    let list = super::spans::brackets(list, sink);
    text_runs(list, sink)
}

/// `![…](…){#fig-a width=50%}`: the id and size for the image; other
/// attributes, and those after a link, are dropped.
fn attributes_after(list: Vec<Inline>, sink: &mut FileSink<'_, '_>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(list.len());
    for inline in list {
        if let (Some(prev @ (Inline::Image(_) | Inline::Link { .. })), Inline::Text(text)) =
            (out.last_mut(), &inline)
        {
            if let Some((found, used)) = text.starts_with('{').then(|| attrs::parse(text)).flatten()
            {
                if let Inline::Image(image) = prev {
                    size(image, &found);
                    if let Some(id) = &found.id {
                        image.id = Some(sink.anchor_id(id));
                    }
                }
                let rest = &text[used..];
                if !rest.is_empty() {
                    out.push(Inline::Text(rest.to_string()));
                }
                continue;
            }
        }
        match inline {
            Inline::Text(text) if text.contains(DROPPED_LINK) => {
                out.push(Inline::Text(after_dropped_links(&text)));
            }
            other => out.push(other),
        }
    }
    out
}

/// `text` with the attribute block after each dropped link removed.
fn after_dropped_links(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pieces = text.split(DROPPED_LINK);
    out.push_str(pieces.next().unwrap_or_default());
    for piece in pieces {
        let used = piece
            .starts_with('{')
            .then(|| attrs::parse(piece))
            .flatten()
            .map_or(0, |(_, used)| used);
        out.push_str(&piece[used..]);
    }
    out
}

fn size(image: &mut Image, found: &attrs::Attrs) {
    image.width = found.get("width").and_then(attrs::length);
    image.height = found.get("height").and_then(attrs::length);
    image.decorative |= found.has_class("decorative");
}

/// The text nodes of `list`: marks removed, super- and subscripts read,
/// citations counted; adjacent text joined again.
pub fn text_runs(list: Vec<Inline>, sink: &mut FileSink<'_, '_>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(list.len());
    for inline in list {
        match inline {
            Inline::Text(text) => {
                let text = text.replace([LINE_MARK, DROPPED_LINK], "");
                sink.pandoc.citations += citations(&text);
                for piece in super::supsub::split(&text) {
                    match (out.last_mut(), piece) {
                        (Some(Inline::Text(prev)), Inline::Text(next)) => prev.push_str(&next),
                        (_, piece) => out.push(piece),
                    }
                }
            }
            other => out.push(other),
        }
    }
    out.retain(|i| !matches!(i, Inline::Text(t) if t.is_empty()));
    out
}

/// Pandoc citations in `text`: `[@key]`, `[see @key, p. 3]`, `@key`,
/// `[-@key]` (an `@` after a space, `[`, `;` or `-`, or starting the
/// text, and before a letter, digit or `_`; so not e-mail addresses).
fn citations(text: &str) -> usize {
    let mut count = 0;
    let mut prev: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '@'
            && prev.is_none_or(|p| p.is_whitespace() || matches!(p, '[' | ';' | '-'))
            && chars
                .peek()
                .is_some_and(|n| n.is_alphanumeric() || *n == '_')
        {
            count += 1;
        }
        prev = Some(c);
    }
    count
}

/// The file's once-only warnings: citations and diagrams kept as they
/// were written.
pub fn report(prepared: &Prepared, sink: &mut FileSink<'_, '_>) {
    let cites = sink.pandoc.citations;
    if cites > 0 {
        let at = prepared
            .body
            .find("[@")
            .or_else(|| prepared.body.find(" @"))
            .unwrap_or(0);
        let line = sink.line_of(at);
        sink.book.diagnostics.push(
            crate::Diagnostic::warning(
                Some(sink.location(line)),
                format!(
                    "{cites} citation{} (`[@key]`, `@key`) kept as text: folio does not read bibliographies yet",
                    if cites == 1 { "" } else { "s" }
                ),
            )
            .with_help("write the reference out in the text, or keep it as it is"),
        );
    }
    let (count, line, kinds) = &sink.pandoc.diagrams;
    if *count > 0 {
        let message = format!(
            "{count} diagram{} ({}) kept as code: folio does not draw diagrams",
            if *count == 1 { "" } else { "s" },
            kinds.join(", ")
        );
        let location = sink.location(*line);
        sink.book.diagnostics.push(
            crate::Diagnostic::warning(Some(location), message)
                .with_help("render the diagram to an SVG or PNG image and include that instead"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_citations_not_addresses() {
        assert_eq!(
            citations("Blah blah [see @doe99, pp. 33-35; also @smith04, chap. 1]."),
            2
        );
        assert_eq!(citations("@item1 says blah. [-@doe99]"), 2);
        assert_eq!(citations("mail me at jgm@berkeley.edu or @ home"), 0);
    }
}

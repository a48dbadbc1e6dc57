//! What a phrasing HTML element becomes once closed: emphasis, a
//! [`Phrase`](crate::book::Phrase), a link resolved like a Markdown link,
//! ruby, a language span… (the tags are read in [`super::html_walk`]).

use super::{push_inline, Frame, InlinesKind};
use crate::book::Inline;
use crate::parse::html::inline::{self, InlineTag, Wrapped};
use crate::parse::lang;
use crate::parse::sink::{FileSink, RawLink};

/// What a closed inline HTML element hands its parent.
pub(super) fn close(
    stack: &mut Vec<Frame>,
    sink: &mut FileSink<'_, '_>,
    tag: InlineTag,
    inlines: Vec<Inline>,
) {
    if inline::is_ruby_part(&tag.name) {
        // A part of a <ruby> goes to the ruby's builder; outside one, its
        // content stays as text.
        match stack.last_mut() {
            Some(Frame::Inlines {
                kind: InlinesKind::Html(ruby),
                inlines: loose,
            }) if ruby.name == "ruby" => ruby.ruby.child(&tag.name, std::mem::take(loose), inlines),
            _ => inlines.into_iter().for_each(|i| push_inline(stack, i)),
        }
        return;
    }
    // An element left open to the end of its paragraph never said where
    // its language ends: it keeps the behaviour of an unknown tag.
    let language = if tag.paired { tag.lang.clone() } else { None };
    let line = tag.line;
    let content = if tag.name == "ruby" {
        tag.ruby.finish(inlines, &mut |m| sink.warn(line, m))
    } else {
        match inline::wrap(tag, inlines) {
            Wrapped::Inlines(content) => content,
            Wrapped::Link {
                href,
                title,
                content,
            } => sink.link(RawLink {
                dest: href,
                title,
                content,
                line,
            }),
        }
    };
    for inline in lang::wrap(language, content) {
        push_inline(stack, inline);
    }
}

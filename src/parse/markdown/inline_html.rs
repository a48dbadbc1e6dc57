//! Inline HTML tags on the walker's stack: opening, closing, and what an
//! element becomes once closed (emphasis, a link, ruby, a language span…).

use super::{close_top, open_implicit_paragraph, push_inline, Frame, InlinesKind, MAX_DEPTH};
use crate::book::Inline;
use crate::parse::html::{self, InlineTag};
use crate::parse::lang;
use crate::parse::sink::FileSink;

/// Inline HTML arrives one tag at a time; elements folio knows become model
/// containers, everything else is dropped (its text content stays).
pub(super) fn inline_html(
    stack: &mut Vec<Frame>,
    raw: &str,
    line: usize,
    sink: &mut FileSink<'_, '_>,
) {
    open_implicit_paragraph(stack);
    match html::classify_inline(raw) {
        html::InlinePiece::Open(mut tag, why) => {
            tag.ruby.line = line;
            if let Some(why) = why {
                sink.warn(line, why);
            }
            if stack.len() > MAX_DEPTH {
                return; // Too deep: the tag goes, its content stays.
            }
            stack.push(Frame::Inlines {
                kind: InlinesKind::Html(tag),
                inlines: Vec::new(),
            });
        }
        html::InlinePiece::Close(name) => close_named(stack, sink, &name),
        html::InlinePiece::Inline(inline) => push_inline(stack, inline),
        html::InlinePiece::Dropped(Some(why)) => sink.warn(line, why),
        html::InlinePiece::Dropped(None) => {}
    }
}

/// The inline HTML frame on top of the stack, if any.
fn top_tag(stack: &mut [Frame]) -> Option<&mut InlineTag> {
    match stack.last_mut() {
        Some(Frame::Inlines {
            kind: InlinesKind::Html(tag),
            ..
        }) => Some(tag),
        _ => None,
    }
}

/// `</name>`: closes the innermost open `<name>` of the same container
/// and every element opened inside it (those lose their end tag). An end
/// tag with no open element here is dropped.
fn close_named(stack: &mut Vec<Frame>, sink: &mut FileSink<'_, '_>, name: &str) {
    let open_here = stack
        .iter()
        .rev()
        .take_while(|f| {
            matches!(
                f,
                Frame::Inlines {
                    kind: InlinesKind::Html(_),
                    ..
                }
            )
        })
        .any(|f| matches!(f, Frame::Inlines { kind: InlinesKind::Html(t), .. } if t.name == name));
    if !open_here {
        return;
    }
    loop {
        let done = match top_tag(stack) {
            Some(tag) if tag.name == name => {
                tag.paired = true;
                true
            }
            _ => false,
        };
        close_top(stack, sink);
        if done {
            break;
        }
    }
}

/// What a closed inline HTML element hands its parent.
pub(super) fn close(
    stack: &mut Vec<Frame>,
    sink: &mut FileSink<'_, '_>,
    tag: InlineTag,
    inlines: Vec<Inline>,
) {
    if html::is_ruby_part(&tag.name) {
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
    let content = if tag.name == "ruby" {
        let line = tag.ruby.line;
        tag.ruby.finish(inlines, &mut |m| sink.warn(line, m))
    } else {
        html::wrap_inline(tag, inlines)
    };
    for inline in lang::wrap(language, content) {
        push_inline(stack, inline);
    }
}

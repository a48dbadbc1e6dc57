//! Inline content (a tree) into a flat list of styled runs.
//!
//! The walk is iterative with an explicit stack, so arbitrarily deep nesting
//! (`*****…`) costs heap, never call stack.

use crate::book::{Book, Inline, LinkTarget, Phrase};
use crate::fonts::Role;
use crate::text::Locale;

use super::style::{AnchorKey, LinkRef, Style};
use crate::text::script::is_cjk_wide;

#[derive(Debug, Clone, PartialEq)]
pub enum RunKind {
    Text(String),
    /// A hard line break.
    Break,
    /// An inline image, in points.
    Image {
        asset: usize,
        width: f32,
        height: f32,
    },
    /// A soft break, resolved by [`flatten`] into a space or nothing.
    Soft,
    /// A formula, laid out when the paragraph is prepared (see
    /// `layout::math`).
    Math(
        std::sync::Arc<crate::math::Math>,
        Option<std::sync::Arc<super::math::MBox>>,
    ),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub kind: RunKind,
    pub style: Style,
    /// An anchor at the start of the run (a note reference's own id).
    pub anchor: Option<AnchorKey>,
    /// No line break before this run (note references stick to their word).
    pub glue_before: bool,
    /// A ruby reading set over the whole run, which is then one ruby base
    /// (a group ruby's word, one mono-ruby character) and never broken.
    pub ruby: Option<String>,
}

impl Run {
    pub fn text(text: impl Into<String>, style: Style) -> Run {
        Run {
            kind: RunKind::Text(text.into()),
            style,
            anchor: None,
            glue_before: false,
            ruby: None,
        }
    }
}

/// Flattens `inlines` set in `base` style.
pub fn flatten(inlines: &[Inline], base: &Style, book: &Book) -> Vec<Run> {
    let mut runs = Vec::new();
    // Each level with the text that closes it (a quotation's mark).
    let mut stack: Vec<(std::slice::Iter<'_, Inline>, Style, Option<&str>)> =
        vec![(inlines.iter(), base.clone(), None)];
    while let Some((iter, style, close)) = stack.last_mut() {
        let Some(inline) = iter.next() else {
            if let Some(close) = close.take() {
                runs.push(Run::text(close, style.clone()));
            }
            stack.pop();
            continue;
        };
        let style = style.clone();
        match nested(inline, style, book) {
            Ok(level) => {
                if let Some(open) = level.open {
                    runs.push(Run::text(open, level.style.clone()));
                }
                stack.push((level.content.iter(), level.style, level.close));
            }
            Err(style) => leaf(inline, style, book, &mut runs),
        }
    }
    resolve_soft_breaks(&mut runs);
    runs
}

/// An inline element that holds others, as [`nested`] sets it.
struct Level<'i> {
    content: &'i [Inline],
    style: Style,
    /// Text before and after the content (a quotation's marks).
    open: Option<&'static str>,
    close: Option<&'static str>,
}

/// The content of `inline` and the style it is set in, when `inline`
/// holds other inlines (emphasis, a link, a span…); else `style` back.
fn nested<'i>(inline: &'i Inline, style: Style, book: &Book) -> Result<Level<'i>, Style> {
    let mut s = style;
    let (content, open, close) = match inline {
        Inline::Emphasis(c) => {
            if book.meta.is_cjk() {
                s.dots = true;
                s.dots_over = book.meta.writing_mode.is_vertical();
            } else if s.role == Role::Body {
                s.role = Role::Heading;
            }
            (c, None, None)
        }
        Inline::Strong(c) => {
            s = s.bold();
            (c, None, None)
        }
        Inline::Lang { lang, content } => {
            s.locale = Some(Locale::of(lang));
            s.lang = Some(lang.as_str().into());
            (content, None, None)
        }
        Inline::Phrase { kind, content } => {
            let marks = phrase_style(kind, &mut s, book);
            (content, marks.map(|m| m.0), marks.map(|m| m.1))
        }
        Inline::Strikethrough(c) => {
            s.strike = true;
            (c, None, None)
        }
        Inline::Link {
            target, content, ..
        } => {
            s.link = Some(match target {
                LinkTarget::External(url) => LinkRef::Uri(url.clone()),
                LinkTarget::Internal { chapter, anchor } => LinkRef::Anchor(match anchor {
                    Some(a) => AnchorKey::Id(a.clone()),
                    None => AnchorKey::Chapter(*chapter),
                }),
            });
            (content, None, None)
        }
        _ => return Err(s),
    };
    Ok(Level {
        content,
        style: s,
        open,
        close,
    })
}

/// Sets `s` for a phrase of `kind`; a quotation's marks, in the language
/// of the text, are returned to set around it.
fn phrase_style(kind: &Phrase, s: &mut Style, book: &Book) -> Option<(&'static str, &'static str)> {
    match kind {
        Phrase::Superscript => s.superscript = true,
        Phrase::Subscript => s.subscript = true,
        Phrase::Cite | Phrase::Definition if s.role == Role::Body => s.role = Role::Heading,
        Phrase::Keyboard => s.role = Role::Mono,
        Phrase::Underline => s.underline = true,
        Phrase::Mark => s.mark = true,
        // HTML's `small`: side comments, fine print.
        Phrase::Small => s.size *= 0.85,
        // Set as the EPUB's `.caption` and figure captions are.
        Phrase::Caption => s.size *= 0.85,
        Phrase::Quote => {
            let locale = s.locale.unwrap_or(book.meta.locale());
            return Some(super::group::quote_marks(locale));
        }
        _ => {}
    }
    None
}

/// The runs of an inline that holds no others: text, ruby, a formula,
/// code, a note reference, an image, a break.
fn leaf(inline: &Inline, style: Style, book: &Book, runs: &mut Vec<Run>) {
    let run = |kind: RunKind, style: Style| Run {
        kind,
        style,
        anchor: None,
        glue_before: false,
        ruby: None,
    };
    match inline {
        Inline::Text(t) => runs.push(Run::text(t.clone(), style)),
        Inline::Ruby(r) => runs.extend(r.pairs().iter().map(|pair| Run {
            ruby: Some(pair.reading.clone()),
            ..Run::text(pair.base.clone(), style.clone())
        })),
        Inline::Math(m) => runs.push(super::math::run(m, style)),
        Inline::Code(t) => {
            let mut s = style;
            s.role = Role::Mono;
            s.code = true;
            runs.push(Run::text(t.clone(), s));
        }
        Inline::NoteRef { note, id } => {
            let number = book.notes.get(*note).map_or(note + 1, |n| n.number);
            let mut s = style;
            s.superscript = true;
            s.link = Some(LinkRef::Anchor(AnchorKey::Note(*note)));
            runs.push(Run {
                anchor: Some(AnchorKey::Id(id.clone())),
                glue_before: true,
                ..run(RunKind::Text(number.to_string()), s)
            });
        }
        Inline::Image(image) => {
            match image.asset.and_then(|a| book.assets.get(a).map(|x| (a, x))) {
                Some((asset, a)) if a.width > 0 && a.height > 0 => {
                    let (width, height) = super::figure::inline_size(image, a, style.size);
                    let image = RunKind::Image {
                        asset,
                        width,
                        height,
                    };
                    runs.push(run(image, style));
                }
                // Not drawable: its alt text (or the word for
                // "image") in brackets, never its path.
                _ => {
                    let label = super::figure::placeholder_text(image, book);
                    runs.push(Run::text(format!("[{label}]"), style))
                }
            }
        }
        Inline::LineBreak => runs.push(run(RunKind::Break, style)),
        Inline::SoftBreak => runs.push(run(RunKind::Soft, style)),
        // Inlines that hold others are walked by `flatten`.
        _ => {}
    }
}

/// A soft break is nothing between CJK characters and a space otherwise.
fn resolve_soft_breaks(runs: &mut Vec<Run>) {
    let mut last_char: Option<char> = None;
    for i in 0..runs.len() {
        match &runs[i].kind {
            RunKind::Text(t) => {
                if let Some(c) = t.chars().last() {
                    last_char = Some(c);
                }
            }
            RunKind::Soft => {
                let next = runs[i + 1..].iter().find_map(|r| match &r.kind {
                    RunKind::Text(t) => t.chars().next(),
                    RunKind::Image { .. } | RunKind::Break => Some('\u{FFFC}'),
                    RunKind::Math(..) => Some('x'),
                    RunKind::Soft => None,
                });
                let cjk = last_char.is_some_and(is_cjk_wide) || next.is_some_and(is_cjk_wide);
                runs[i].kind = RunKind::Text(if cjk { String::new() } else { " ".into() });
                if !cjk {
                    last_char = Some(' ');
                }
            }
            _ => last_char = Some('\u{FFFC}'),
        }
    }
    runs.retain(|r| !matches!(&r.kind, RunKind::Text(t) if t.is_empty()));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(runs: &[Run]) -> String {
        runs.iter()
            .map(|r| match &r.kind {
                RunKind::Text(t) => t.as_str(),
                _ => "|",
            })
            .collect()
    }

    #[test]
    fn soft_breaks() {
        let base = Style::new(Role::Body, 10.0);
        let book = Book::default();
        let t = |s: &str| Inline::Text(s.into());
        let runs = flatten(
            &[
                t("中文"),
                Inline::SoftBreak,
                t("继续"),
                Inline::SoftBreak,
                t("AI"),
                Inline::SoftBreak,
                t("model"),
            ],
            &base,
            &book,
        );
        assert_eq!(texts(&runs), "中文继续AI model");
    }

    #[test]
    fn a_language_span_sets_its_runs_in_its_locale() {
        let base = Style::new(Role::Body, 10.0);
        let t = |s: &str| Inline::Text(s.into());
        let span = Inline::Lang {
            lang: "ja-JP".into(),
            content: vec![t("直"), Inline::Strong(vec![t("骨")])],
        };
        let runs = flatten(&[t("直"), span, t("直")], &base, &Book::default());
        let locales: Vec<_> = runs
            .iter()
            .map(|r| (r.style.locale, r.style.bold))
            .collect();
        assert_eq!(
            locales,
            [
                (None, false),
                (Some(Locale::Japanese), false),
                (Some(Locale::Japanese), true),
                (None, false),
            ]
        );
        assert_eq!(texts(&runs), "直直骨直");
    }

    #[test]
    fn deep_nesting_is_iterative() {
        let mut inline = Inline::Text("深".into());
        for _ in 0..100_000 {
            inline = Inline::Strong(vec![inline]);
        }
        let runs = flatten(
            std::slice::from_ref(&inline),
            &Style::new(Role::Body, 10.0),
            &Book::default(),
        );
        assert_eq!(texts(&runs), "深");
        // Take the tree apart iteratively: the derived Drop would recurse.
        let mut cur = inline;
        while let Inline::Strong(mut v) = cur {
            cur = v.pop().unwrap_or(Inline::LineBreak);
        }
    }
}

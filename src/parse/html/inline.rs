//! Phrasing elements into inline model nodes: `<em>` emphasis, `<q>` a
//! quotation, `<abbr title>` an abbreviation, `<kbd>` keys, `<a href>` a
//! link resolved like a Markdown link, `lang` a language span…

use super::attrs;
use crate::book::{plain_text, Inline, Phrase};
use crate::parse::ruby::RubyBuilder;

/// An inline HTML element that is open, waiting for its end tag.
#[derive(Debug, Clone, PartialEq)]
pub struct InlineTag {
    pub name: String,
    /// `href` as written: resolved by the sink like a Markdown link
    /// (chapter files, anchors; `javascript:` refused) once the element
    /// closes.
    pub href: Option<String>,
    pub title: Option<String>,
    /// A `<ruby>` element's readings and bases so far.
    pub ruby: RubyBuilder,
    /// The element's `lang`, well-formed ([`crate::parse::lang`]).
    pub lang: Option<String>,
    /// Closed by its own end tag, not by the end of its container: only
    /// then does its `lang` cover what it holds.
    pub paired: bool,
    /// Where the start tag is, for warnings found at the end.
    pub line: usize,
    /// `dir` given: HTML isolates the content from its surroundings'
    /// direction, as `<bdi>` does.
    pub isolate: bool,
    /// A print page marker (`epub:type="pagebreak"` or
    /// `role="doc-pagebreak"`): its `aria-label` or `title`, if any.
    pub pagebreak: Option<String>,
    /// mdBook's `<span class="caption">` ([`Phrase::Caption`]).
    pub caption: bool,
}

impl InlineTag {
    /// The element `<name attrs…>` starting at `line`; `Err` also carries
    /// the warning for a `lang` that is not BCP 47 (dropped).
    pub fn open(
        name: &str,
        attrs: &[(String, String)],
        line: usize,
    ) -> (InlineTag, Option<String>) {
        let (lang, bad_lang) = match crate::parse::lang::of_attributes(name, attrs) {
            Ok(lang) => (lang, None),
            Err(why) => (None, Some(why)),
        };
        let href = attrs::get(attrs, "href")
            .map(str::trim)
            .filter(|h| !h.is_empty())
            .map(str::to_string);
        let title = attrs::get(attrs, "title").map(str::to_string);
        let tag = InlineTag {
            name: name.to_string(),
            href: if name == "a" { href } else { None },
            title,
            ruby: RubyBuilder::default(),
            lang,
            paired: false,
            line,
            isolate: attrs::get(attrs, "dir")
                .and_then(crate::book::Direction::parse)
                .is_some(),
            pagebreak: pagebreak_label(attrs),
            caption: name == "span"
                && attrs::get(attrs, "class")
                    .is_some_and(|c| c.split_whitespace().any(|c| c == "caption")),
        };
        (tag, bad_lang)
    }
}

/// The label of a print page marker, `Some("")` when it has none in its
/// attributes (its text then is the label), `None` for other elements.
fn pagebreak_label(attrs: &[(String, String)]) -> Option<String> {
    let typed = attrs::get(attrs, "epub:type")
        .is_some_and(|t| t.split_whitespace().any(|t| t == "pagebreak"));
    let role = attrs::get(attrs, "role")
        .is_some_and(|r| r.split_whitespace().any(|r| r == "doc-pagebreak"));
    (typed || role).then(|| {
        attrs::get(attrs, "aria-label")
            .or_else(|| attrs::get(attrs, "title"))
            .unwrap_or("")
            .trim()
            .to_string()
    })
}

/// True when the element becomes a model container of its own (emphasis,
/// a quotation, a link…), so the ruby notation is read inside it; other
/// elements hand their content to the parent, which reads it there (once).
pub fn keeps_container(tag: &InlineTag) -> bool {
    if tag.pagebreak.is_some() || tag.caption {
        return true;
    }
    match tag.name.as_str() {
        "a" => tag.href.is_some(),
        name if phrase(name, None).is_some() => true,
        "em" | "i" | "var" | "strong" | "b" | "del" | "s" | "strike" => true,
        // A language span is a container of its own.
        _ => (tag.lang.is_some() || tag.isolate) && tag.paired,
    }
}

/// The parts of a `<ruby>` element, gathered by its builder.
pub fn is_ruby_part(name: &str) -> bool {
    matches!(name, "rt" | "rp" | "rb" | "rtc")
}

/// What a closed inline element becomes.
pub enum Wrapped {
    Inlines(Vec<Inline>),
    /// A link still to resolve (the sink knows the book's files).
    Link {
        href: String,
        title: Option<String>,
        content: Vec<Inline>,
    },
}

/// What inline element `tag` becomes once closed with `content`.
pub fn wrap(tag: InlineTag, content: Vec<Inline>) -> Wrapped {
    let name = tag.name.as_str();
    if let Some(label) = &tag.pagebreak {
        let label = match label.as_str() {
            "" => plain_text(&content).trim().to_string(),
            label => label.to_string(),
        };
        return Wrapped::Inlines(vec![Inline::Phrase {
            kind: Phrase::PageBreak { label },
            content: Vec::new(),
        }]);
    }
    if tag.caption {
        return Wrapped::Inlines(vec![Inline::Phrase {
            kind: Phrase::Caption,
            content,
        }]);
    }
    if let Some(kind) = phrase(name, tag.title.clone()) {
        return Wrapped::Inlines(vec![Inline::Phrase { kind, content }]);
    }
    Wrapped::Inlines(match name {
        "em" | "i" | "var" => vec![Inline::Emphasis(content)],
        "strong" | "b" => vec![Inline::Strong(content)],
        "del" | "s" | "strike" => vec![Inline::Strikethrough(content)],
        "code" | "samp" | "tt" => vec![Inline::Code(plain_text(&content))],
        "a" => match tag.href {
            Some(href) => {
                return Wrapped::Link {
                    href,
                    title: tag.title,
                    content,
                }
            }
            None => content,
        },
        _ if super::element(name) == super::Element::Drop => Vec::new(),
        // `<span dir="rtl">`: isolated, as a `<bdi>` (the EPUB's reading
        // system takes the direction from the text; the PDF sets it left
        // to right).
        _ if tag.isolate && tag.paired && !content.is_empty() => vec![Inline::Phrase {
            kind: Phrase::Isolate,
            content,
        }],
        _ => content,
    })
}

/// The [`Phrase`] an element means, if any; `title` is the element's
/// (an abbreviation's expansion).
fn phrase(name: &str, title: Option<String>) -> Option<Phrase> {
    Some(match name {
        "sup" => Phrase::Superscript,
        "sub" => Phrase::Subscript,
        "small" => Phrase::Small,
        "mark" => Phrase::Mark,
        "kbd" => Phrase::Keyboard,
        "cite" => Phrase::Cite,
        "dfn" => Phrase::Definition,
        "abbr" | "acronym" => Phrase::Abbreviation {
            title: title.filter(|t| !t.trim().is_empty()),
        },
        "q" => Phrase::Quote,
        "u" | "ins" => Phrase::Underline,
        "bdi" => Phrase::Isolate,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn closed(name: &str, attrs: &[(&str, &str)]) -> Vec<Inline> {
        let attrs: Vec<(String, String)> = attrs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let (tag, _) = InlineTag::open(name, &attrs, 1);
        match wrap(tag, vec![Inline::Text("x".into())]) {
            Wrapped::Inlines(i) => i,
            Wrapped::Link { href, .. } => vec![Inline::Text(format!("link {href}"))],
        }
    }

    fn kind(name: &str) -> Option<Phrase> {
        match closed(name, &[("title", "Hypertext")]).as_slice() {
            [Inline::Phrase { kind, .. }] => Some(kind.clone()),
            _ => None,
        }
    }

    #[test]
    fn an_authors_page_marker_is_kept_with_its_label() {
        let marker = |attrs: &[(&str, &str)]| match closed("span", attrs).as_slice() {
            [Inline::Phrase {
                kind: Phrase::PageBreak { label },
                content,
            }] if content.is_empty() => Some(label.clone()),
            _ => None,
        };
        let typed = [("epub:type", "pagebreak"), ("aria-label", "12")];
        assert_eq!(marker(&typed).as_deref(), Some("12"));
        let role = [("role", "doc-pagebreak"), ("title", "iv")];
        assert_eq!(marker(&role).as_deref(), Some("iv"));
        // No label in the attributes: the text is the label.
        assert_eq!(marker(&[("epub:type", "pagebreak")]).as_deref(), Some("x"));
        assert_eq!(marker(&[("class", "pagebreak")]), None);
    }

    #[test]
    fn phrasing_elements_keep_their_meaning() {
        assert_eq!(kind("q"), Some(Phrase::Quote));
        assert_eq!(kind("kbd"), Some(Phrase::Keyboard));
        assert_eq!(kind("sup"), Some(Phrase::Superscript));
        assert_eq!(kind("sub"), Some(Phrase::Subscript));
        assert_eq!(kind("small"), Some(Phrase::Small));
        assert_eq!(kind("mark"), Some(Phrase::Mark));
        assert_eq!(kind("cite"), Some(Phrase::Cite));
        assert_eq!(kind("dfn"), Some(Phrase::Definition));
        assert_eq!(kind("bdi"), Some(Phrase::Isolate));
        assert_eq!(kind("u"), Some(Phrase::Underline));
        assert_eq!(
            kind("abbr"),
            Some(Phrase::Abbreviation {
                title: Some("Hypertext".into())
            })
        );
        assert_eq!(kind("span"), None);
        assert_eq!(
            closed("b", &[]),
            [Inline::Strong(vec![Inline::Text("x".into())])]
        );
        assert_eq!(closed("samp", &[]), [Inline::Code("x".into())]);
        assert_eq!(closed("script", &[]), []);
        assert_eq!(
            closed("a", &[("href", "ch02.html#x")]),
            [Inline::Text("link ch02.html#x".into())]
        );
        assert_eq!(closed("a", &[("name", "x")]), [Inline::Text("x".into())]);
    }
}

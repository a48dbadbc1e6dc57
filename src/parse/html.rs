//! Raw HTML in the manuscript, made safe.
//!
//! EPUB content documents are XHTML: an unclosed `<br>` or an `&nbsp;` is a
//! fatal error there, and a `<script>` or `onclick=` is a hazard. So raw HTML
//! is never passed through. Block HTML is re-serialized from a tokenizer
//! through an allowlist of elements and attributes, with entities resolved,
//! tags balanced and content models respected; inline HTML tags become model
//! nodes (`<em>` → emphasis, `<br>` → line break) or are dropped, keeping
//! their text.

use super::ruby::RubyBuilder;
use crate::book::{HtmlFragment, Inline, LinkTarget};
use crate::xml::push_escaped;

/// An inline HTML element that is open, waiting for its closing tag.
#[derive(Debug, Clone, PartialEq)]
pub struct InlineTag {
    pub name: String,
    href: Option<String>,
    title: Option<String>,
    /// A `<ruby>` element's readings and bases so far.
    pub ruby: RubyBuilder,
    /// The element's `lang`, well-formed ([`super::lang`]).
    pub lang: Option<String>,
    /// Closed by its own end tag, not by the end of its container: only
    /// then does its `lang` cover what it holds.
    pub paired: bool,
}

/// What one inline HTML tag means for the model.
pub enum InlinePiece {
    /// An element opens; `Some` explains what was removed from it.
    Open(InlineTag, Option<String>),
    Close(String),
    Inline(Inline),
    /// Nothing to keep; `Some` explains why, for a warning.
    Dropped(Option<String>),
}

/// Elements whose content is dropped along with them.
const DROP_WITH_CONTENT: &[&str] = &[
    "script", "style", "template", "iframe", "object", "embed", "noscript", "textarea", "select",
    "svg", "math", "title", "head", "audio", "video", "canvas",
];

/// Phrasing elements kept in block HTML.
const PHRASING: &[&str] = &[
    "span", "em", "strong", "b", "i", "u", "s", "del", "ins", "sub", "sup", "small", "mark",
    "abbr", "cite", "q", "code", "kbd", "samp", "var", "dfn", "time", "a", "br", "ruby", "rt",
    "rp", "rb",
];

/// Flow elements kept in block HTML.
const FLOW: &[&str] = &[
    "div",
    "p",
    "blockquote",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "pre",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "figure",
    "figcaption",
    "section",
    "article",
    "aside",
    "header",
    "footer",
    "details",
    "summary",
    "address",
];

const VOID: &[&str] = &[
    "br", "hr", "img", "wbr", "input", "meta", "link", "area", "base", "col", "embed", "source",
    "track", "param",
];

/// Elements that may only appear directly inside one of the listed parents.
fn required_parents(name: &str) -> Option<&'static [&'static str]> {
    Some(match name {
        "li" => &["ul", "ol"],
        "dt" | "dd" => &["dl"],
        "tr" => &["table", "thead", "tbody", "tfoot"],
        "td" | "th" => &["tr"],
        "thead" | "tbody" | "tfoot" | "caption" => &["table"],
        "rt" | "rp" | "rb" => &["ruby"],
        "summary" => &["details"],
        "figcaption" => &["figure"],
        _ => return None,
    })
}

/// Elements where only whitespace may stand as text.
const NO_TEXT: &[&str] = &["ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "tr"];

/// Elements that can hold only phrasing content.
const PHRASING_ONLY: &[&str] = &[
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "dt", "summary", "caption",
];

/// Sanitizes a block of raw HTML.
pub fn sanitize_block(raw: &str, warn: &mut dyn FnMut(String)) -> HtmlFragment {
    let mut out = Sanitizer::default();
    for token in Tokenizer::new(raw) {
        out.token(token, warn);
    }
    out.finish()
}

#[derive(Default)]
struct Sanitizer {
    xhtml: String,
    text: String,
    open: Vec<&'static str>,
    /// Inside an element dropped with its content: its name and depth.
    skipping: Option<(String, usize)>,
}

impl Sanitizer {
    fn token(&mut self, token: Token<'_>, warn: &mut dyn FnMut(String)) {
        if let Some((name, depth)) = &mut self.skipping {
            match token {
                Token::Start {
                    name: n,
                    self_closing: false,
                    ..
                } if n == name.as_str() => *depth += 1,
                Token::End { name: n } if n == name.as_str() => {
                    *depth -= 1;
                    if *depth == 0 {
                        self.skipping = None;
                    }
                }
                _ => {}
            }
            return;
        }
        match token {
            Token::Text(t) => self.text_content(&decode_entities(t), warn),
            Token::Comment => {}
            Token::Start {
                name,
                attrs,
                self_closing,
            } => self.start(&name, &attrs, self_closing, warn),
            Token::End { name } => self.end(&name),
        }
    }

    fn text_content(&mut self, text: &str, warn: &mut dyn FnMut(String)) {
        if let Some(top) = self.open.last() {
            if NO_TEXT.contains(top) {
                if !text.trim().is_empty() {
                    warn(format!("text directly inside <{top}> in raw HTML is not allowed there and was dropped: {:?}", text.trim()));
                }
                return;
            }
        }
        push_escaped(&mut self.xhtml, text);
        // The plain-text view shows ruby bases without their readings.
        if !self.open.iter().any(|n| matches!(*n, "rt" | "rp")) {
            self.text.push_str(text);
        }
    }

    fn start(
        &mut self,
        name: &str,
        attrs: &[(String, String)],
        self_closing: bool,
        warn: &mut dyn FnMut(String),
    ) {
        if let Err(why) = super::lang::of_attributes(name, attrs) {
            warn(why);
        }
        for (attr, _) in attrs {
            if attr.starts_with("on") {
                warn(format!(
                    "event handler `{attr}` removed from raw HTML <{name}>"
                ));
            }
        }
        if DROP_WITH_CONTENT.contains(&name) {
            warn(format!("<{name}> removed from raw HTML"));
            if !self_closing && !VOID.contains(&name) {
                self.skipping = Some((name.to_string(), 1));
            }
            return;
        }
        if name == "img" {
            warn("<img> in raw HTML is not supported; use Markdown image syntax".into());
            if let Some((_, alt)) = attrs.iter().find(|(k, _)| k == "alt") {
                self.text_content(alt, warn);
            }
            return;
        }
        let Some(&name) = PHRASING.iter().chain(FLOW).find(|n| **n == name) else {
            return; // Unknown element: the tag goes, its content stays.
        };
        if FLOW.contains(&name) {
            // A block opening inside phrasing content closes it, as in HTML.
            while let Some(top) = self.open.last() {
                if PHRASING.contains(top) || PHRASING_ONLY.contains(top) {
                    self.close_top();
                } else {
                    break;
                }
            }
        }
        if let Some(parents) = required_parents(name) {
            if !self.open.last().is_some_and(|top| parents.contains(top)) {
                return;
            }
        }
        if let Some(top) = self.open.last() {
            if NO_TEXT.contains(top) && required_parents(name).is_none() {
                return;
            }
        }
        self.xhtml.push('<');
        self.xhtml.push_str(name);
        for (key, value) in attrs {
            if let Some(value) = allowed_attribute(name, key, value) {
                self.xhtml.push(' ');
                self.xhtml.push_str(key);
                self.xhtml.push_str("=\"");
                push_escaped(&mut self.xhtml, &value);
                self.xhtml.push('"');
            }
        }
        if VOID.contains(&name) {
            self.xhtml.push_str("/>");
            if name == "br" {
                self.text.push('\n');
            }
        } else {
            self.xhtml.push('>');
            self.open.push(name);
        }
    }

    fn end(&mut self, name: &str) {
        if let Some(pos) = self.open.iter().rposition(|n| *n == name) {
            while self.open.len() > pos {
                self.close_top();
            }
        }
    }

    fn close_top(&mut self) {
        if let Some(name) = self.open.pop() {
            self.xhtml.push_str("</");
            self.xhtml.push_str(name);
            self.xhtml.push('>');
            if FLOW.contains(&name) && !self.text.ends_with('\n') {
                self.text.push('\n');
            }
        }
    }

    fn finish(mut self) -> HtmlFragment {
        while !self.open.is_empty() {
            self.close_top();
        }
        let xhtml = self.xhtml.trim().to_string();
        HtmlFragment {
            lang: super::lang::of_block(&xhtml),
            text: self.text.trim().to_string(),
            xhtml,
        }
    }
}

fn allowed_attribute(element: &str, key: &str, value: &str) -> Option<String> {
    match key {
        "class" | "title" | "dir" => Some(value.to_string()),
        "lang" => crate::text::lang::normalize_tag(value),
        "colspan" | "rowspan" if matches!(element, "td" | "th") => {
            Some(value.to_string()).filter(|v| {
                !v.is_empty() && v.len() < 4 && v.chars().all(|c| c.is_ascii_digit()) && v != "0"
            })
        }
        "href" if element == "a" => safe_url(value),
        "datetime" if element == "time" => Some(value.to_string()),
        _ => None,
    }
}

/// External URLs a reader can follow; anything else (`javascript:`,
/// `data:`, relative paths that may not exist in the EPUB) is dropped.
pub fn safe_url(url: &str) -> Option<String> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:"))
        .then(|| url.to_string())
}

/// Reads one inline HTML tag (pulldown-cmark hands them over one by one).
pub fn classify_inline(raw: &str) -> InlinePiece {
    let mut tokens = Tokenizer::new(raw);
    match tokens.next() {
        Some(Token::Start {
            name,
            attrs,
            self_closing,
        }) => {
            let on: Vec<_> = attrs
                .iter()
                .filter(|(k, _)| k.starts_with("on"))
                .map(|(k, _)| k.clone())
                .collect();
            if name == "br" {
                return InlinePiece::Inline(Inline::LineBreak);
            }
            if self_closing || VOID.contains(&name.as_str()) {
                let why = (name == "img").then(|| {
                    "<img> in raw HTML is not supported; use Markdown image syntax".to_string()
                });
                return InlinePiece::Dropped(why);
            }
            let get = |key: &str| attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
            let (lang, bad_lang) = match super::lang::of_attributes(&name, &attrs) {
                Ok(lang) => (lang, None),
                Err(why) => (None, Some(why)),
            };
            let tag = InlineTag {
                href: get("href").and_then(|h| safe_url(&h)),
                title: get("title"),
                name,
                ruby: RubyBuilder::default(),
                lang,
                paired: false,
            };
            // Elements dropped with their content are still opened, so that
            // the content between the tags is caught and dropped too.
            let why = if DROP_WITH_CONTENT.contains(&tag.name.as_str()) {
                Some(format!("<{}> removed from raw HTML", tag.name))
            } else if !on.is_empty() {
                Some(format!(
                    "event handler `{}` removed from raw HTML <{}>",
                    on.join(", "),
                    tag.name
                ))
            } else {
                None
            };
            InlinePiece::Open(tag, super::lang::join_warnings(why, bad_lang))
        }
        Some(Token::End { name }) => InlinePiece::Close(name),
        _ => InlinePiece::Dropped(None),
    }
}

/// True when the element becomes a model container of its own (emphasis,
/// a link…), so the ruby notation is read inside it; other elements hand
/// their content to the parent, which reads it there (once).
pub fn keeps_container(tag: &InlineTag) -> bool {
    match tag.name.as_str() {
        "em" | "i" | "cite" | "dfn" | "var" | "strong" | "b" | "del" | "s" | "strike" => true,
        "a" => tag.href.is_some(),
        // A language span is a container of its own.
        _ => tag.lang.is_some() && tag.paired,
    }
}

/// The parts of a `<ruby>` element, gathered by its builder.
pub fn is_ruby_part(name: &str) -> bool {
    matches!(name, "rt" | "rp" | "rb")
}

/// What an inline HTML element becomes once closed.
pub fn wrap_inline(tag: InlineTag, content: Vec<Inline>) -> Vec<Inline> {
    match tag.name.as_str() {
        "em" | "i" | "cite" | "dfn" | "var" => vec![Inline::Emphasis(content)],
        "strong" | "b" => vec![Inline::Strong(content)],
        "del" | "s" | "strike" => vec![Inline::Strikethrough(content)],
        "code" | "kbd" | "samp" | "tt" => vec![Inline::Code(crate::book::plain_text(&content))],
        "a" => match tag.href {
            Some(url) => vec![Inline::Link {
                target: LinkTarget::External(url),
                title: tag.title,
                content,
            }],
            None => content,
        },
        name if DROP_WITH_CONTENT.contains(&name) => Vec::new(),
        _ => content,
    }
}

/// Resolves character references; unknown named ones stay as written.
pub fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let end = after.find(';').filter(|&e| e <= 32);
        let decoded = end.and_then(|e| {
            let name = &after[..e];
            let c = if let Some(num) = name.strip_prefix('#') {
                let code = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => num.parse().ok(),
                };
                code.and_then(char::from_u32).filter(|c| *c != '\0')
            } else {
                named_entity(name)
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "zwj" => '\u{200d}',
        "zwnj" => '\u{200c}',
        "shy" => '\u{ad}',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "hellip" => '…',
        "mdash" => '—',
        "ndash" => '–',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "middot" => '·',
        "bull" => '•',
        "times" => '×',
        "divide" => '÷',
        "deg" => '°',
        "plusmn" => '±',
        "para" => '¶',
        "sect" => '§',
        "euro" => '€',
        "yen" => '¥',
        "pound" => '£',
        "cent" => '¢',
        _ => return None,
    })
}

/// A token of raw HTML.
#[derive(Debug, PartialEq)]
enum Token<'a> {
    Text(&'a str),
    Start {
        name: String,
        attrs: Vec<(String, String)>,
        self_closing: bool,
    },
    End {
        name: String,
    },
    /// Comments, doctypes, CDATA, processing instructions: all dropped.
    Comment,
}

/// A forgiving HTML tokenizer: whatever does not parse as a tag is text.
struct Tokenizer<'a> {
    rest: &'a str,
}

impl<'a> Tokenizer<'a> {
    fn new(raw: &'a str) -> Self {
        Tokenizer { rest: raw }
    }
}

impl<'a> Iterator for Tokenizer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        if self.rest.is_empty() {
            return None;
        }
        let s = self.rest;
        if let Some(after) = s.strip_prefix("<!--") {
            let end = after.find("-->").map_or(s.len(), |e| 4 + e + 3);
            self.rest = &s[end..];
            return Some(Token::Comment);
        }
        if s.starts_with("<!") || s.starts_with("<?") {
            let end = s.find('>').map_or(s.len(), |e| e + 1);
            self.rest = &s[end..];
            return Some(Token::Comment);
        }
        if let Some(after) = s.strip_prefix('<') {
            if let Some((token, len)) = parse_tag(s) {
                self.rest = &s[len..];
                return Some(token);
            }
            // A lone `<`: text.
            let end = after.find('<').map_or(s.len(), |e| e + 1);
            self.rest = &s[end..];
            return Some(Token::Text(&s[..end]));
        }
        let end = s.find('<').unwrap_or(s.len());
        self.rest = &s[end..];
        Some(Token::Text(&s[..end]))
    }
}

/// Parses `<name attr="v" …>` or `</name>` at the start of `s`.
fn parse_tag(s: &str) -> Option<(Token<'static>, usize)> {
    let bytes = s.as_bytes();
    let mut i = 1;
    let closing = bytes.get(1) == Some(&b'/');
    if closing {
        i += 1;
    }
    let name_start = i;
    while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-') {
        i += 1;
    }
    if i == name_start || !bytes[name_start].is_ascii_alphabetic() {
        return None;
    }
    let name = s[name_start..i].to_ascii_lowercase();
    let mut attrs = Vec::new();
    let mut self_closing = false;
    loop {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        match bytes.get(i)? {
            b'>' => {
                i += 1;
                break;
            }
            b'/' => {
                self_closing = true;
                i += 1;
                continue;
            }
            _ => {}
        }
        let key_start = i;
        while i < bytes.len()
            && !bytes[i].is_ascii_whitespace()
            && !matches!(bytes[i], b'=' | b'>' | b'/')
        {
            i += 1;
        }
        let key = s[key_start..i].to_ascii_lowercase();
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            match bytes.get(i)? {
                q @ (b'"' | b'\'') => {
                    let end = s[i + 1..].find(*q as char)? + i + 1;
                    value = decode_entities(&s[i + 1..end]);
                    i = end + 1;
                }
                _ => {
                    let start = i;
                    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                        i += 1;
                    }
                    value = decode_entities(&s[start..i]);
                }
            }
        }
        if !key.is_empty() {
            // A repeated attribute is not XML; HTML keeps the first.
            if !attrs.iter().any(|(k, _)| *k == key) {
                attrs.push((key, value));
            }
        } else {
            i += 1;
        }
    }
    let token = if closing {
        Token::End { name }
    } else {
        Token::Start {
            name,
            attrs,
            self_closing,
        }
    };
    Some((token, i))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(raw: &str) -> (String, Vec<String>) {
        let mut warnings = Vec::new();
        let f = sanitize_block(raw, &mut |w| warnings.push(w));
        (f.xhtml, warnings)
    }

    #[test]
    fn balances_and_closes_void_elements() {
        assert_eq!(
            clean("<div>a<br>b&nbsp;c<p>open").0,
            "<div>a<br/>b\u{a0}c<p>open</p></div>"
        );
    }

    #[test]
    fn removes_scripts_handlers_and_javascript_urls() {
        let (x, w) = clean(
            "<p onclick=\"x()\">hi<script>alert(1)</script><a href=\"javascript:evil()\">l</a></p>",
        );
        assert_eq!(x, "<p>hi<a>l</a></p>");
        assert_eq!(w.len(), 2, "{w:?}");
    }

    #[test]
    fn keeps_the_first_of_repeated_attributes() {
        // Found by tests/properties.rs: `class=a class=b` made the XHTML
        // ill-formed ("attribute 'class' is already defined").
        assert_eq!(
            clean("<p class=a CLASS=b title=x class=c>t</p>").0,
            "<p class=\"a\" title=\"x\">t</p>"
        );
    }

    #[test]
    fn respects_content_models() {
        assert_eq!(
            clean("<li>loose</li><ul> x <li>ok</li></ul>").0,
            "loose<ul><li>ok</li></ul>"
        );
        assert_eq!(
            clean("<span><div>x</div></span>").0,
            "<span></span><div>x</div>"
        );
    }

    #[test]
    fn escapes_stray_markup() {
        assert_eq!(clean("a < b && c").0, "a &lt; b &amp;&amp; c");
        assert_eq!(
            clean("<p title='a\"b'>x</p>").0,
            "<p title=\"a&quot;b\">x</p>"
        );
    }

    #[test]
    fn decodes_entities() {
        assert_eq!(
            decode_entities("&lt;&#x4E2D;&#25991;&bogus;&"),
            "<中文&bogus;&"
        );
    }

    #[test]
    fn inline_tags_become_model_nodes() {
        assert!(matches!(
            classify_inline("<br>"),
            InlinePiece::Inline(Inline::LineBreak)
        ));
        match classify_inline("<a href=\"https://x.org\" onclick=\"y\">") {
            InlinePiece::Open(tag, _) => {
                let out = wrap_inline(tag, vec![Inline::Text("x".into())]);
                assert!(matches!(&out[0], Inline::Link { .. }));
            }
            _ => panic!("expected an open tag"),
        }
        match classify_inline("<script>") {
            InlinePiece::Open(tag, _) => {
                assert!(wrap_inline(tag, vec![Inline::Text("x".into())]).is_empty())
            }
            _ => panic!("expected an open tag"),
        }
    }
}

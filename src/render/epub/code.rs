//! Code blocks in the EPUB: `<pre><code>`, highlighted ones with a
//! `<span class="hl-…">` per token (see [`crate::highlight`]).
//!
//! The stylesheet never relies on colour alone: an e-ink screen shows the
//! colours as grays, so comments are also italic, keywords and escapes
//! bold, and tags bold; strings, numbers and names differ by gray level
//! only, which is what a printed listing does too. Dark mode gets light
//! colours of the same hues.

use super::escape::push_escaped;
use crate::highlight::Span;

/// Added to the stylesheet of books with highlighted code only.
pub const CSS: &str = "
pre.hl .hl-comment { color: #5c6670; font-style: italic; }
pre.hl .hl-keyword { color: #b0203a; font-weight: bold; }
pre.hl .hl-string { color: #0a3d78; }
pre.hl .hl-escape { color: #0a3d78; font-weight: bold; }
pre.hl .hl-number, pre.hl .hl-constant { color: #0550ae; }
pre.hl .hl-type { color: #8a3500; }
pre.hl .hl-function { color: #6a3cc0; }
pre.hl .hl-operator, pre.hl .hl-punctuation { color: #3a3f44; }
pre.hl .hl-tag { color: #116329; font-weight: bold; }
pre.hl .hl-attribute { color: #0550ae; font-style: italic; }
pre.hl .hl-variable { color: #7a3e00; }
pre.hl .hl-inserted { color: #116329; }
pre.hl .hl-deleted { color: #82071e; text-decoration: line-through; }
@media (prefers-color-scheme: dark) {
  pre.hl .hl-comment { color: #9ba5af; }
  pre.hl .hl-keyword { color: #ff8f87; }
  pre.hl .hl-string, pre.hl .hl-escape { color: #a5d6ff; }
  pre.hl .hl-number, pre.hl .hl-constant, pre.hl .hl-attribute { color: #79c0ff; }
  pre.hl .hl-type, pre.hl .hl-variable { color: #ffb86b; }
  pre.hl .hl-function { color: #d2a8ff; }
  pre.hl .hl-operator, pre.hl .hl-punctuation { color: #c9d1d9; }
  pre.hl .hl-tag, pre.hl .hl-inserted { color: #7ee787; }
  pre.hl .hl-deleted { color: #ffa198; }
}
";

/// A code block: `class` is its `language-…` class, `spans` its tokens
/// when it is highlighted.
pub fn block(out: &mut String, class: Option<&str>, text: &str, spans: Option<&[Span]>) {
    out.push_str(if spans.is_some() {
        "<pre class=\"hl\"><code"
    } else {
        "<pre><code"
    });
    if let Some(class) = class {
        out.push_str(&format!(" class=\"language-{class}\""));
    }
    out.push('>');
    let mut at = 0;
    for span in spans.unwrap_or(&[]) {
        let (Some(before), Some(token)) =
            (text.get(at..span.start), text.get(span.start..span.end))
        else {
            continue;
        };
        push_escaped(out, before);
        out.push_str("<span class=\"hl-");
        out.push_str(span.class.name());
        out.push_str("\">");
        push_escaped(out, token);
        out.push_str("</span>");
        at = span.end;
    }
    push_escaped(out, text.get(at..).unwrap_or(""));
    out.push_str("</code></pre>\n");
}

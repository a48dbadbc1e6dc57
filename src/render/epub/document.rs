//! The XHTML document around every page: declaration, namespaces, `lang`
//! and `xml:lang` on the root (EPUBCheck and reading systems want both on
//! every file, nav.xhtml included), title and stylesheet.
//!
//! No `<!DOCTYPE html>`: EPUB 3 makes it optional, XML parsing has no
//! quirks mode for it to prevent, and plain XML tools (roxmltree, used by
//! the tests) refuse documents with a DTD by default.

use super::escape::escape;
use super::names::STYLESHEET;

/// A whole XHTML content document.
///
/// `body_type` is the `epub:type` of `<body>` (`frontmatter`,
/// `bodymatter`, `backmatter`), `title` the `<title>` text (never left
/// empty: EPUBCheck warns about empty titles).
pub fn document(lang: &str, title: &str, body_type: Option<&str>, body: &str) -> String {
    let lang = escape(lang);
    let title = escape(title.trim());
    let mut out = String::with_capacity(body.len() + 512);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"{lang}\" xml:lang=\"{lang}\">\n"
    ));
    out.push_str("<head>\n<meta charset=\"utf-8\"/>\n");
    out.push_str(&format!(
        "<title>{}</title>\n",
        if title.is_empty() { "-" } else { &title }
    ));
    out.push_str(&format!(
        "<link rel=\"stylesheet\" type=\"text/css\" href=\"{STYLESHEET}\"/>\n</head>\n"
    ));
    match body_type {
        Some(t) => out.push_str(&format!("<body epub:type=\"{t}\">\n")),
        None => out.push_str("<body>\n"),
    }
    out.push_str(body);
    out.push_str("</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_both_lang_attributes_and_escapes_title() {
        let doc = document("zh-CN", "<T&>", Some("bodymatter"), "<p>x</p>\n");
        assert!(doc.contains("lang=\"zh-CN\" xml:lang=\"zh-CN\""));
        assert!(doc.contains("<title>&lt;T&amp;&gt;</title>"));
        assert!(doc.contains("<body epub:type=\"bodymatter\">\n<p>x</p>\n</body>"));
        assert!(document("en", " ", None, "").contains("<title>-</title>"));
    }
}

//! Escaping text for XML, the one way every output does it: the EPUB's
//! XHTML and package files, raw HTML rebuilt by the parser, the PDF's XMP
//! metadata and the SVG cover.
//!
//! Whatever the author wrote passes through here, so that no title full of
//! `<>&"'` and no control character can make a file ill-formed.

/// Escapes `s` for use as text or inside a double- or single-quoted
/// attribute, dropping characters XML 1.0 forbids.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_escaped(&mut out, s);
    out
}

/// Appends `s` to `out`, escaped as by [`escape`].
pub fn push_escaped(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if is_xml_char(c) => out.push(c),
            _ => {}
        }
    }
}

/// `s` without the characters XML 1.0 forbids, for strings handed to
/// a library that escapes markup itself but keeps control characters.
pub fn strip_invalid(s: &str) -> String {
    s.chars().filter(|c| is_xml_char(*c)).collect()
}

/// True for characters allowed in an XML 1.0 document.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape(r#"<a & "b" 'c'>"#),
            "&lt;a &amp; &quot;b&quot; &#39;c&#39;&gt;"
        );
        assert_eq!(escape("中文"), "中文");
    }

    #[test]
    fn drops_characters_xml_forbids() {
        assert_eq!(escape("a\u{0}b\u{1B}c\u{FFFF}d\te"), "abcd\te");
        assert_eq!(strip_invalid("a\u{0}b\u{FFFE}c"), "abc");
    }
}

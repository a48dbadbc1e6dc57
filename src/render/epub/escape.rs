//! Escaping for XHTML and XML: text and attributes (from [`crate::xml`]),
//! ids and URLs.
//!
//! Everything the book's author wrote passes through here before it reaches
//! an XHTML or OPF file, so that no title full of `<>&"'` and no control
//! character can make the EPUB ill-formed (a fatal EPUBCheck error).

pub use crate::xml::{escape, push_escaped, strip_invalid};

/// Turns an anchor id from the model into a valid XML name without colons
/// (EPUBCheck rejects other ids). Ids that are already valid are kept, so
/// anchors written by the author still work; the same input always gives the
/// same output, so links and targets stay in step.
pub fn safe_id(id: &str) -> String {
    let mut out = String::with_capacity(id.len() + 2);
    for (i, c) in id.chars().enumerate() {
        if i == 0 && !is_name_start(c) {
            out.push_str("x-");
            if is_name_char(c) {
                out.push(c);
                continue;
            }
        }
        out.push(if is_name_char(c) { c } else { '_' });
    }
    if out.is_empty() {
        out.push_str("x-");
    }
    out
}

fn is_name_start(c: char) -> bool {
    c.is_ascii_alphabetic()
        || c == '_'
        || matches!(c,
            '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{2FF}'
            | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}'
            | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}'
            | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}' | '\u{10000}'..='\u{EFFFF}')
}

fn is_name_char(c: char) -> bool {
    is_name_start(c)
        || c.is_ascii_digit()
        || matches!(c, '-' | '.' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

/// Makes an external URL safe for an `href`: percent-encodes the characters
/// a URL may not contain (spaces, quotes, angle brackets…). Returns `None`
/// for schemes that run code (`javascript:`, `vbscript:`, `data:`), which
/// are never linked even if the parser let one through.
pub fn safe_href(url: &str) -> Option<String> {
    let scheme: String = url
        .trim_start()
        .chars()
        .take_while(|c| *c != ':')
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    if url.contains(':') && matches!(scheme.as_str(), "javascript" | "vbscript" | "data") {
        return None;
    }
    let mut out = String::with_capacity(url.len());
    // A URL has one fragment: a `#` inside it (GitHub's `#a#gh-dark-mode-
    // only`) is not a URL character there and is escaped.
    let mut in_fragment = false;
    for c in url.trim().chars() {
        match c {
            '#' if in_fragment => out.push_str("%23"),
            '#' => {
                in_fragment = true;
                out.push('#');
            }
            ' ' | '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}' => {
                out.push_str(&format!("%{:02X}", c as u32));
            }
            c if c.is_control() => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    if out.is_empty() {
        None
    } else {
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_become_xml_names() {
        assert_eq!(safe_id("note-1"), "note-1");
        assert_eq!(safe_id("注 1"), "注_1");
        assert_eq!(safe_id("1st"), "x-1st");
        assert_eq!(safe_id("a:b"), "a_b");
        assert_eq!(safe_id(""), "x-");
        assert_eq!(safe_id("-x"), "x--x");
    }

    #[test]
    fn hrefs_are_encoded_and_scripts_refused() {
        assert_eq!(
            safe_href("https://example.com/a b?q=\"x\"").as_deref(),
            Some("https://example.com/a%20b?q=%22x%22")
        );
        assert_eq!(
            safe_href("https://x.org/r#theme#gh-dark-mode-only").as_deref(),
            Some("https://x.org/r#theme%23gh-dark-mode-only")
        );
        assert_eq!(safe_href("JavaScript:alert(1)"), None);
        assert_eq!(safe_href(" java\tscript:alert(1)"), None);
        assert_eq!(safe_href("data:text/html,x"), None);
        assert_eq!(safe_href("mailto:a@b.c").as_deref(), Some("mailto:a@b.c"));
    }
}

//! Pandoc's attribute blocks: `{#id .class key=value key="a b"}`, as
//! written after headings, fenced div fences, bracketed spans, links and
//! images.

use crate::book::Length;

/// The attributes as written, before they are checked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Attrs {
    pub id: Option<String>,
    pub classes: Vec<String>,
    pub pairs: Vec<(String, String)>,
}

impl Attrs {
    pub fn has_class(&self, name: &str) -> bool {
        self.classes.iter().any(|c| c == name)
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// Reads an attribute block at the start of `text` (which starts with
/// `{`). Returns the attributes and the length of the block, or `None`
/// when this is not an attribute block (so `{x}` or `{漢字|かんじ}` in
/// prose stay as written).
pub fn parse(text: &str) -> Option<(Attrs, usize)> {
    let inner_start = text.strip_prefix('{')?;
    let mut attrs = Attrs::default();
    let mut rest = inner_start;
    loop {
        rest = rest.trim_start_matches([' ', '\t', '\n']);
        if let Some(after) = rest.strip_prefix('}') {
            let used = text.len() - after.len();
            return Some((attrs, used));
        }
        let word_end = rest.find([' ', '\t', '\n', '}', '=']).unwrap_or(rest.len());
        let word = &rest[..word_end];
        if let Some(id) = word.strip_prefix('#') {
            if !is_name(id) {
                return None;
            }
            attrs.id = Some(id.to_string());
            rest = &rest[word_end..];
        } else if let Some(class) = word.strip_prefix('.') {
            if !is_name(class) {
                return None;
            }
            attrs.classes.push(class.to_string());
            rest = &rest[word_end..];
        } else if word == "-" {
            attrs.classes.push("unnumbered".into());
            rest = &rest[word_end..];
        } else if is_key(word) && rest[word_end..].starts_with('=') {
            let after = &rest[word_end + 1..];
            let (value, used) = value(after)?;
            attrs.pairs.push((word.to_string(), value));
            rest = &after[used..];
        } else {
            return None;
        }
    }
}

/// An attribute value: quoted (with `\"` escapes) or bare.
fn value(text: &str) -> Option<(String, usize)> {
    if let Some(quoted) = text.strip_prefix('"') {
        let mut out = String::new();
        let mut chars = quoted.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => out.extend(chars.next().map(|(_, c)| c)),
                '"' => return Some((out, i + 2)),
                c => out.push(c),
            }
        }
        None
    } else {
        let end = text.find([' ', '\t', '\n', '}']).unwrap_or(text.len());
        (end > 0).then(|| (text[..end].to_string(), end))
    }
}

fn is_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
}

fn is_key(s: &str) -> bool {
    !s.is_empty()
        && s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':'))
}

/// `50%`, `300px`, `300`, `3in`, `5cm`, `40mm`, `12pt` as a [`Length`]
/// (absolute units in CSS pixels, 96 to the inch); `None` for anything
/// else (`auto`, `2em`).
pub fn length(value: &str) -> Option<Length> {
    let value = value.trim();
    let split = value
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(value.len());
    let (number, unit) = value.split_at(split);
    let n: f32 = number
        .parse()
        .ok()
        .filter(|n: &f32| n.is_finite() && *n > 0.0)?;
    Some(match unit {
        "%" => Length::Percent(n.min(100.0)),
        "" | "px" => Length::Px(n),
        "in" => Length::Px(n * 96.0),
        "cm" => Length::Px(n * 96.0 / 2.54),
        "mm" => Length::Px(n * 96.0 / 25.4),
        "pt" => Length::Px(n * 96.0 / 72.0),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_ids_classes_and_pairs() {
        let (a, used) = parse("{#sec .note .big lang=ja title=\"a \\\"b\\\"\"} rest").unwrap();
        assert_eq!(
            used,
            "{#sec .note .big lang=ja title=\"a \\\"b\\\"\"}".len()
        );
        assert_eq!(a.id.as_deref(), Some("sec"));
        assert_eq!(a.classes, ["note", "big"]);
        assert_eq!(a.get("lang"), Some("ja"));
        assert_eq!(a.get("title"), Some("a \"b\""));
        let (a, _) = parse("{width=100% style=\"border: 1px solid grey;\"}").unwrap();
        assert_eq!(a.get("width"), Some("100%"));
        assert_eq!(parse("{-}").unwrap().0.classes, ["unnumbered"]);
    }

    #[test]
    fn prose_in_braces_is_not_attributes() {
        for text in [
            "{x}",
            "{漢字|かんじ}",
            "{a | b}",
            "{#}",
            "{unclosed",
            "{.a",
            "{k=\"open}",
        ] {
            assert_eq!(parse(text), None, "{text}");
        }
    }

    #[test]
    fn lengths() {
        assert_eq!(length("50%"), Some(Length::Percent(50.0)));
        assert_eq!(length("300px"), Some(Length::Px(300.0)));
        assert_eq!(length("300"), Some(Length::Px(300.0)));
        assert_eq!(length("1in"), Some(Length::Px(96.0)));
        assert_eq!(length("2em"), None);
        assert_eq!(length("auto"), None);
        assert_eq!(length("0"), None);
    }
}

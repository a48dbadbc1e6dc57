//! HTML attributes into model values. Only what the model can carry is
//! read (`class`, `lang`, `align`, `width`…); every other attribute, event
//! handlers included, is dropped with its element's markup.

use crate::book::{Align, Length};

/// The value of attribute `key`.
pub fn get<'a>(attrs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// `align="center"` and the like; `justify` and anything else: none.
pub fn align(attrs: &[(String, String)]) -> Align {
    match get(attrs, "align").map(|a| a.trim().to_ascii_lowercase()) {
        Some(a) if a == "center" || a == "middle" => Align::Center,
        Some(a) if a == "left" => Align::Left,
        Some(a) if a == "right" => Align::Right,
        _ => Align::None,
    }
}

/// The classes, each a plain name (letters, digits, `-`, `_`), in order.
pub fn classes(attrs: &[(String, String)]) -> Vec<String> {
    let Some(value) = get(attrs, "class") else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    for class in value.split_ascii_whitespace() {
        let plain = class
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if plain && !out.iter().any(|c| c == class) {
            out.push(class.to_string());
        }
    }
    out
}

/// A `width`/`height` attribute (`300`, `300px`, `50%`; a stray `;` as
/// READMEs write it is forgiven), else the same property in `style`.
pub fn length(attrs: &[(String, String)], key: &str) -> Option<Length> {
    if let Some(length) = get(attrs, key).and_then(parse_length) {
        return Some(length);
    }
    let style = get(attrs, "style")?;
    style.split(';').find_map(|decl| {
        let (prop, value) = decl.split_once(':')?;
        (prop.trim().eq_ignore_ascii_case(key))
            .then(|| parse_length(value))
            .flatten()
    })
}

fn parse_length(value: &str) -> Option<Length> {
    let v = value.trim().trim_end_matches(';').trim();
    let (number, percent) = match v.strip_suffix('%') {
        Some(n) => (n, true),
        None => (v.strip_suffix("px").unwrap_or(v), false),
    };
    let n: f32 = number.trim().parse().ok()?;
    if !(n.is_finite() && n > 0.0) {
        return None;
    }
    Some(if percent {
        Length::Percent(n.min(100.0))
    } else {
        Length::Px(n)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attrs(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn reads_lengths_as_authors_write_them() {
        let l = |v: &str| length(&attrs(&[("width", v)]), "width");
        assert_eq!(l("300"), Some(Length::Px(300.0)));
        assert_eq!(l("100px;"), Some(Length::Px(100.0)));
        assert_eq!(l(" 50% "), Some(Length::Percent(50.0)));
        assert_eq!(l("14.28%"), Some(Length::Percent(14.28)));
        assert_eq!(l("auto"), None);
        assert_eq!(l("-3"), None);
        assert_eq!(
            length(&attrs(&[("style", "border: 0; width: 50%;")]), "width"),
            Some(Length::Percent(50.0))
        );
    }

    #[test]
    fn reads_align_and_plain_classes() {
        assert_eq!(align(&attrs(&[("align", "CENTER")])), Align::Center);
        assert_eq!(align(&attrs(&[("align", "justify")])), Align::None);
        assert_eq!(
            classes(&attrs(&[("class", "fit  max-height-080per \"x\" fit")])),
            ["fit", "max-height-080per"]
        );
    }
}

//! Page labels (ISO 32000-1 12.4.2): the page numbers a reader's page box
//! shows (`iii`, `12`) instead of the physical page index, so that "go to
//! page 12" finds printed page 12 behind roman-numbered front matter.
//!
//! Labels arrive as plain strings, one per page; runs of consecutive
//! decimal or roman numbers become one numbering range, anything else a
//! literal label.

use lopdf::{Dictionary, Object};

use super::strings::text_string;

/// How one label is numbered.
#[derive(Debug, Clone, PartialEq)]
enum Style {
    Decimal(u32),
    LowerRoman(u32),
    UpperRoman(u32),
    /// A label that is not a number, shown as is (empty: no label).
    Literal(String),
}

impl Style {
    fn of(label: &str) -> Style {
        let l = label.trim();
        if let Some(n) = l
            .parse::<u32>()
            .ok()
            .filter(|n| *n > 0 && !l.starts_with('0') && !l.starts_with('+'))
        {
            return Style::Decimal(n);
        }
        if let Some(n) = roman_value(l) {
            return if l.chars().all(|c| c.is_ascii_lowercase()) {
                Style::LowerRoman(n)
            } else {
                Style::UpperRoman(n)
            };
        }
        Style::Literal(label.to_string())
    }

    /// Whether `self` is the label after `prev` in one numbering range.
    fn continues(&self, prev: &Style) -> bool {
        match (prev, self) {
            (Style::Decimal(a), Style::Decimal(b))
            | (Style::LowerRoman(a), Style::LowerRoman(b))
            | (Style::UpperRoman(a), Style::UpperRoman(b)) => *b == a + 1,
            _ => false,
        }
    }

    /// The label dictionary starting a range with this label.
    fn range_dict(&self) -> Dictionary {
        let mut d = Dictionary::new();
        let (style, start) = match self {
            Style::Decimal(n) => ("D", *n),
            Style::LowerRoman(n) => ("r", *n),
            Style::UpperRoman(n) => ("R", *n),
            Style::Literal(text) => {
                if !text.is_empty() {
                    d.set("P", text_string(text));
                }
                return d;
            }
        };
        d.set("S", Object::Name(style.into()));
        if start != 1 {
            d.set("St", i64::from(start));
        }
        d
    }
}

/// The `/PageLabels` number tree for one label per page, or `None` when no
/// page has a label.
pub fn page_labels(labels: &[&str]) -> Option<Dictionary> {
    if labels.iter().all(|l| l.trim().is_empty()) {
        return None;
    }
    let mut nums = Vec::new();
    let mut prev: Option<Style> = None;
    for (index, label) in labels.iter().enumerate() {
        let style = Style::of(label);
        if !prev.as_ref().is_some_and(|p| style.continues(p)) {
            nums.push(Object::Integer(index as i64));
            nums.push(Object::Dictionary(style.range_dict()));
        }
        prev = Some(style);
    }
    let mut tree = Dictionary::new();
    tree.set("Nums", nums);
    Some(tree)
}

/// The value of a roman numeral (1–3999) written in one case, canonically.
fn roman_value(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 15 {
        return None;
    }
    let lower = s.to_ascii_lowercase();
    if s != lower && s != s.to_ascii_uppercase() {
        return None;
    }
    let digit = |c: char| match c {
        'i' => Some(1),
        'v' => Some(5),
        'x' => Some(10),
        'l' => Some(50),
        'c' => Some(100),
        'd' => Some(500),
        'm' => Some(1000),
        _ => None,
    };
    let values: Vec<u32> = lower.chars().map(digit).collect::<Option<_>>()?;
    let mut total = 0;
    for (i, v) in values.iter().enumerate() {
        match values.get(i + 1) {
            Some(next) if next > v => total -= *v as i64,
            _ => total += *v as i64,
        }
    }
    let n = u32::try_from(total)
        .ok()
        .filter(|n| (1..4000).contains(n))?;
    // Only the canonical spelling counts ("iiii" or "ic" are not numbers).
    (crate::layout::page::roman(n as usize) == lower).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nums(labels: &[&str]) -> Vec<Object> {
        page_labels(labels)
            .and_then(|d| d.get(b"Nums").and_then(Object::as_array).ok().cloned())
            .unwrap_or_default()
    }

    #[test]
    fn front_matter_roman_then_arabic() {
        let n = nums(&["", "i", "ii", "iii", "1", "2", "3"]);
        assert_eq!(n.len(), 6);
        assert_eq!(n[0], Object::Integer(0));
        assert_eq!(n[2], Object::Integer(1));
        let roman = n[3].as_dict().expect("dict");
        assert_eq!(roman.get(b"S").ok(), Some(&Object::Name(b"r".to_vec())));
        assert!(roman.get(b"St").is_err());
        assert_eq!(n[4], Object::Integer(4));
        let arabic = n[5].as_dict().expect("dict");
        assert_eq!(arabic.get(b"S").ok(), Some(&Object::Name(b"D".to_vec())));
    }

    #[test]
    fn a_gap_starts_a_new_range_with_its_start() {
        let n = nums(&["5", "6", "9"]);
        assert_eq!(n.len(), 4);
        let d = n[3].as_dict().expect("dict");
        assert_eq!(d.get(b"St").and_then(Object::as_i64).ok(), Some(9));
    }

    #[test]
    fn literal_labels_are_prefixes() {
        let n = nums(&["封面", "封面"]);
        assert_eq!(n.len(), 4);
        let d = n[1].as_dict().expect("dict");
        assert_eq!(d.get(b"P").ok(), Some(&text_string("封面")));
    }

    #[test]
    fn no_labels_no_tree() {
        assert!(page_labels(&["", " "]).is_none());
        assert!(page_labels(&[]).is_none());
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(roman_value("xiv"), Some(14));
        assert_eq!(roman_value("MCMXCIV"), Some(1994));
        assert_eq!(roman_value("iiii"), None);
        assert_eq!(roman_value("Xiv"), None);
        assert_eq!(roman_value("ic"), None);
        assert_eq!(roman_value("mix"), Some(1009));
        assert_eq!(Style::of("007"), Style::Literal("007".into()));
    }
}

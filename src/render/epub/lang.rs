//! The language tag written into every file: `dc:language`, `lang` and
//! `xml:lang`. A tag that is not well-formed BCP 47 (`zh_CN`, the `C` a
//! locale gives) is an EPUBCheck error, so it is repaired or replaced.

/// `lang` as a well-formed BCP 47 tag: underscores become hyphens; a tag
/// that still does not parse gives `None`.
pub fn normalize(lang: &str) -> Option<String> {
    let tag = lang.trim().replace('_', "-");
    let mut subtags = tag.split('-');
    let primary = subtags.next()?;
    let primary_ok = (2..=8).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        || matches!(primary, "x" | "i");
    let rest_ok =
        subtags.all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()));
    (primary_ok && rest_ok).then_some(tag)
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn repairs_or_refuses() {
        assert_eq!(normalize("zh-CN").as_deref(), Some("zh-CN"));
        assert_eq!(normalize(" zh_Hant_TW ").as_deref(), Some("zh-Hant-TW"));
        assert_eq!(normalize("en").as_deref(), Some("en"));
        assert_eq!(normalize("C"), None);
        assert_eq!(normalize(""), None);
        assert_eq!(normalize("zh--CN"), None);
        assert_eq!(normalize("中文"), None);
        assert_eq!(normalize("en-verylongsubtag"), None);
    }
}

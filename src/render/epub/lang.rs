//! The language tag written into every file: `dc:language`, `lang` and
//! `xml:lang`. A tag that is not well-formed BCP 47 (`zh_CN`, the `C` a
//! locale gives) is an EPUBCheck error, so it is repaired or replaced.

pub use crate::text::lang::normalize_tag as normalize;

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

//! The language of a part of the book: `lang` on HTML elements and
//! `lang:` in a chapter file's front matter.
//!
//! Only well-formed BCP 47 tags reach the model, because both outputs act
//! on them: the EPUB writes them into `lang`/`xml:lang` (a malformed tag
//! is an EPUBCheck error) and the PDF picks each run's CJK glyph forms by
//! them.

use crate::book::Inline;
use crate::text::lang::normalize_tag;

/// The language an element's attributes give it: `lang`, else
/// `xml:lang` (XHTML writes both; HTML readers look at `lang` first).
/// `Err` holds the warning for a tag that is not BCP 47; the attribute is
/// then dropped and the element keeps its surroundings' language.
pub fn of_attributes(element: &str, attrs: &[(String, String)]) -> Result<Option<String>, String> {
    let written = ["lang", "xml:lang"]
        .iter()
        .find_map(|key| attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v));
    let Some(written) = written else {
        return Ok(None);
    };
    // `lang=""` means "unknown language" in HTML; folio has no use for it.
    if written.trim().is_empty() {
        return Ok(None);
    }
    normalize_tag(written).map(Some).ok_or_else(|| {
        format!(
            "lang=\"{written}\" on <{element}> is not a BCP 47 language tag \
             (like `ja` or `zh-Hant`) and was dropped"
        )
    })
}

/// `content` marked as being in `lang`, when it has a language and
/// something to mark.
pub fn wrap(lang: Option<String>, content: Vec<Inline>) -> Vec<Inline> {
    match lang {
        Some(lang) if !content.is_empty() => vec![Inline::Lang { lang, content }],
        _ => content,
    }
}

/// A chapter file's own language from its front matter: `None` when it
/// names none, names the book's (so that only real changes of language
/// are marked), or names something that is not a tag (`Err`: the
/// warning).
pub fn of_chapter(front: Option<&str>, book: &str) -> Result<Option<String>, String> {
    let Some(written) = front.filter(|l| !l.trim().is_empty()) else {
        return Ok(None);
    };
    match normalize_tag(written) {
        Some(tag) if tag.eq_ignore_ascii_case(book) => Ok(None),
        Some(tag) => Ok(Some(tag)),
        None => Err(format!(
            "front matter lang: {written:?} is not a BCP 47 language tag \
             (like `ja` or `zh-Hant`); the chapter is in the book's language"
        )),
    }
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
    fn reads_lang_then_xml_lang() {
        assert_eq!(
            of_attributes("span", &attrs(&[("lang", "ja")])),
            Ok(Some("ja".into()))
        );
        assert_eq!(
            of_attributes("span", &attrs(&[("xml:lang", "zh_Hant")])),
            Ok(Some("zh-Hant".into()))
        );
        assert_eq!(
            of_attributes("q", &attrs(&[("xml:lang", "ko"), ("lang", "ja")])),
            Ok(Some("ja".into()))
        );
        assert_eq!(of_attributes("span", &attrs(&[("class", "x")])), Ok(None));
        assert_eq!(of_attributes("span", &attrs(&[("lang", " ")])), Ok(None));
    }

    #[test]
    fn refuses_malformed_tags() {
        let err = of_attributes("span", &attrs(&[("lang", "日本語")])).unwrap_err();
        assert!(err.contains("<span>") && err.contains("日本語"), "{err}");
        assert!(of_attributes("em", &attrs(&[("lang", "ja--JP")])).is_err());
    }

    #[test]
    fn chapter_language_differs_from_the_book_or_is_none() {
        assert_eq!(
            of_chapter(Some("zh-Hant"), "zh"),
            Ok(Some("zh-Hant".into()))
        );
        assert_eq!(of_chapter(Some("ZH"), "zh"), Ok(None));
        assert_eq!(of_chapter(None, "zh"), Ok(None));
        assert!(of_chapter(Some("C"), "zh").is_err());
    }

    #[test]
    fn wraps_only_something() {
        assert_eq!(wrap(Some("ja".into()), Vec::new()), Vec::new());
        let text = vec![Inline::Text("直".into())];
        assert_eq!(wrap(None, text.clone()), text);
        assert_eq!(
            wrap(Some("ja".into()), text.clone()),
            vec![Inline::Lang {
                lang: "ja".into(),
                content: text
            }]
        );
    }
}

#[cfg(test)]
#[path = "lang_tests.rs"]
mod markdown_tests;

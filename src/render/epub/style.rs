//! The stylesheet: a common base, then Chinese or Latin rules, with the
//! embedded body font first in the font stack when there is one.

/// The family name of the embedded body font in `@font-face`.
pub const EMBEDDED_FAMILY: &str = "Folio Body";

const BASE: &str = include_str!("style.css");
const CJK: &str = include_str!("cjk.css");
const LATIN: &str = include_str!("latin.css");

/// Fonts tried in order for CJK body text, after the embedded one.
const CJK_STACK: &str =
    "\"Folio Serif SC\", \"Noto Serif CJK SC\", \"Source Han Serif SC\", \"Songti SC\", serif";
const LATIN_STACK: &str = "\"Georgia\", \"Noto Serif\", \"Times New Roman\", serif";

/// The whole stylesheet. `font` is the path of the embedded font inside
/// the EPUB, relative to the stylesheet, if one is embedded.
pub fn stylesheet(cjk: bool, font: Option<&str>) -> String {
    let mut css = String::new();
    let stack = if cjk { CJK_STACK } else { LATIN_STACK };
    if let Some(path) = font {
        css.push_str(&format!(
            "@font-face {{\n  font-family: \"{EMBEDDED_FAMILY}\";\n  src: url(\"{path}\");\n}}\n\n"
        ));
        css.push_str(&format!(
            "body {{ font-family: \"{EMBEDDED_FAMILY}\", {stack}; }}\n\n"
        ));
    } else {
        css.push_str(&format!("body {{ font-family: {stack}; }}\n\n"));
    }
    css.push_str(BASE);
    css.push('\n');
    css.push_str(if cjk { CJK } else { LATIN });
    css
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_indents_every_paragraph_and_puts_embedded_font_first() {
        let css = stylesheet(true, Some("fonts/body.ttf"));
        assert!(css.contains("src: url(\"fonts/body.ttf\")"));
        assert!(
            css.contains("font-family: \"Folio Body\", \"Folio Serif SC\", \"Noto Serif CJK SC\"")
        );
        assert!(css.contains("p { text-indent: 2em; }"));
        assert!(css.contains("line-height: 1.8"));
        let latin = stylesheet(false, None);
        assert!(!latin.contains("Folio Body"));
        assert!(latin.contains("p + p { text-indent: 1.5em; }"));
    }
}

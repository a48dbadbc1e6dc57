//! The stylesheet: a common base, then Chinese or Latin rules, with the
//! embedded body font first in the font stack when there is one.

/// The family name of the embedded body font in `@font-face`.
pub const EMBEDDED_FAMILY: &str = "Folio Body";

const BASE: &str = include_str!("style.css");
const CJK: &str = include_str!("cjk.css");
const LATIN: &str = include_str!("latin.css");

/// Fonts tried in order for body text, after the embedded one: the
/// reader's own serif CJK faces for the book's script (simplified Chinese
/// unless the language says otherwise), then generic serif.
const SC_STACK: &str =
    "\"Folio Serif SC\", \"Noto Serif CJK SC\", \"Source Han Serif SC\", \"Songti SC\", serif";
const TC_STACK: &str =
    "\"Folio Serif TC\", \"Noto Serif CJK TC\", \"Source Han Serif TC\", \"Songti TC\", serif";
const JP_STACK: &str =
    "\"Folio Serif JP\", \"Noto Serif CJK JP\", \"Source Han Serif\", \"Hiragino Mincho ProN\", serif";
const KR_STACK: &str =
    "\"Folio Serif KR\", \"Noto Serif CJK KR\", \"Source Han Serif K\", \"AppleMyungjo\", serif";
const LATIN_STACK: &str = "\"Georgia\", \"Noto Serif\", \"Times New Roman\", serif";

/// The font stack for a BCP 47 language tag.
fn stack(lang: &str) -> &'static str {
    let lang = lang.to_ascii_lowercase();
    let primary = lang.split(['-', '_']).next().unwrap_or("");
    let traditional = ["-hant", "-tw", "-hk", "-mo"]
        .iter()
        .any(|t| lang.contains(t));
    match primary {
        "zh" if traditional => TC_STACK,
        "zh" => SC_STACK,
        "ja" => JP_STACK,
        "ko" => KR_STACK,
        _ => LATIN_STACK,
    }
}

/// The family name of the `n`th embedded face (0-based).
fn embedded_family(n: usize) -> String {
    match n {
        0 => EMBEDDED_FAMILY.to_string(),
        n => format!("{EMBEDDED_FAMILY} {}", n + 1),
    }
}

/// The whole stylesheet for a book in `lang`. `fonts` are the paths of
/// the embedded faces inside the EPUB, relative to the stylesheet, first
/// preferred: each is subset to the characters it sets, so the reading
/// system's per-character fallback picks the same face the PDF uses.
pub fn stylesheet(lang: &str, fonts: &[&str]) -> String {
    let mut css = String::new();
    let stack = stack(lang);
    let cjk = stack != LATIN_STACK;
    let mut families = String::new();
    for (n, path) in fonts.iter().enumerate() {
        let family = embedded_family(n);
        css.push_str(&format!(
            "@font-face {{\n  font-family: \"{family}\";\n  src: url(\"{path}\");\n}}\n\n"
        ));
        families.push_str(&format!("\"{family}\", "));
    }
    css.push_str(&format!("body {{ font-family: {families}{stack}; }}\n\n"));
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
        let css = stylesheet("zh-CN", &["fonts/body.ttf"]);
        assert!(css.contains("src: url(\"fonts/body.ttf\")"));
        assert!(
            css.contains("font-family: \"Folio Body\", \"Folio Serif SC\", \"Noto Serif CJK SC\"")
        );
        assert!(css.contains("p { text-indent: 2em; }"));
        assert!(css.contains("line-height: 1.8"));
        assert!(stylesheet("zh-Hant-TW", &[]).contains("\"Noto Serif CJK TC\""));
        assert!(stylesheet("ja", &[]).contains("p { text-indent: 2em; }"));
        let latin = stylesheet("en-GB", &[]);
        assert!(!latin.contains("Folio Body"));
        assert!(latin.contains("p + p { text-indent: 1.5em; }"));
    }

    #[test]
    fn every_embedded_face_gets_a_family_in_order() {
        let css = stylesheet("ko", &["fonts/body.otf", "fonts/body-2.ttf"]);
        assert!(css.contains("src: url(\"fonts/body-2.ttf\")"));
        assert!(css.contains("font-family: \"Folio Body\", \"Folio Body 2\", \"Folio Serif KR\""));
    }
}

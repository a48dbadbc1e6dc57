//! Language detection from the text itself.
//!
//! A book that does not declare its language gets one from its letters,
//! never from the locale: pandoc takes `C` from the environment and writes
//! `lang="C"`, which EPUBCheck rejects.

/// Guesses a BCP 47 tag from the scripts of `text`.
///
/// Kana decides Japanese before Han is counted (Japanese text is full of
/// Han), Hangul decides Korean; otherwise the script with the most letters
/// wins. Falls back to `en` for text without letters.
pub fn detect_language(text: &str) -> &'static str {
    let mut counts = [0usize; Script::COUNT];
    for c in text.chars() {
        if let Some(script) = Script::of(c) {
            counts[script as usize] += 1;
        }
    }
    if counts[Script::Kana as usize] > 0
        && counts[Script::Kana as usize] * 10 >= counts[Script::Han as usize]
    {
        return "ja";
    }
    let (best, n) = counts
        .iter()
        .enumerate()
        .max_by_key(|&(i, n)| (*n, std::cmp::Reverse(i)))
        .expect("non-empty");
    if *n == 0 {
        return "en";
    }
    Script::ALL[best].language()
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Script {
    Han,
    Kana,
    Hangul,
    Latin,
    Cyrillic,
    Greek,
    Arabic,
    Hebrew,
    Thai,
    Devanagari,
}

impl Script {
    const COUNT: usize = 10;
    const ALL: [Script; Script::COUNT] = [
        Script::Han,
        Script::Kana,
        Script::Hangul,
        Script::Latin,
        Script::Cyrillic,
        Script::Greek,
        Script::Arabic,
        Script::Hebrew,
        Script::Thai,
        Script::Devanagari,
    ];

    fn of(c: char) -> Option<Script> {
        let script = match c as u32 {
            0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF => Script::Han,
            // Kana letters only: U+30FB (・) and U+30FC (ー) are shared with Chinese text.
            0x3041..=0x3096 | 0x30A1..=0x30FA | 0x31F0..=0x31FF => Script::Kana,
            0xAC00..=0xD7AF | 0x1100..=0x11FF | 0x3130..=0x318F => Script::Hangul,
            0x0041..=0x005A | 0x0061..=0x007A | 0x00C0..=0x024F => Script::Latin,
            0x0400..=0x04FF => Script::Cyrillic,
            0x0370..=0x03FF => Script::Greek,
            0x0600..=0x06FF => Script::Arabic,
            0x0590..=0x05FF => Script::Hebrew,
            0x0E00..=0x0E7F => Script::Thai,
            0x0900..=0x097F => Script::Devanagari,
            _ => return None,
        };
        Some(script)
    }

    fn language(self) -> &'static str {
        match self {
            Script::Han => "zh",
            Script::Kana => "ja",
            Script::Hangul => "ko",
            Script::Latin => "en",
            Script::Cyrillic => "ru",
            Script::Greek => "el",
            Script::Arabic => "ar",
            Script::Hebrew => "he",
            Script::Thai => "th",
            Script::Devanagari => "hi",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::detect_language;

    #[test]
    fn detects_scripts() {
        assert_eq!(detect_language("布拉德・格斯特纳与AI"), "zh");
        assert_eq!(detect_language("これは日本語の文章です"), "ja");
        assert_eq!(detect_language("한국어 문장입니다"), "ko");
        assert_eq!(detect_language("Plain English text"), "en");
        assert_eq!(detect_language("Привет, мир"), "ru");
        assert_eq!(detect_language("1234 !!"), "en");
    }
}

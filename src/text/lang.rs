//! Languages: detection from the text, the glyph region a language tag
//! asks for, and the words folio adds to a book in its language.
//!
//! A book that does not declare its language gets one from its letters,
//! never from the locale: pandoc takes `C` from the environment and writes
//! `lang="C"`, which EPUBCheck rejects.

use std::sync::OnceLock;

use super::script::Script;

/// Han characters of GB 2312 that Big5 lacks (simplified forms), and of
/// Big5 that GB 2312 lacks (traditional forms), sorted: which of the two
/// a Chinese text uses decides `zh` versus `zh-Hant`. Made from Python's
/// `gb2312` and `big5` codecs.
const SIMPLIFIED_ONLY: &str = include_str!("data/simplified-only.txt");
const TRADITIONAL_ONLY: &str = include_str!("data/traditional-only.txt");

fn sorted(list: &'static str, cell: &'static OnceLock<Vec<char>>) -> &'static [char] {
    cell.get_or_init(|| {
        let mut v: Vec<char> = list.chars().filter(|c| !c.is_whitespace()).collect();
        v.sort_unstable();
        v
    })
}

fn is_simplified_only(c: char) -> bool {
    static CELL: OnceLock<Vec<char>> = OnceLock::new();
    sorted(SIMPLIFIED_ONLY, &CELL).binary_search(&c).is_ok()
}

fn is_traditional_only(c: char) -> bool {
    static CELL: OnceLock<Vec<char>> = OnceLock::new();
    sorted(TRADITIONAL_ONLY, &CELL).binary_search(&c).is_ok()
}

/// Guesses a BCP 47 tag from the scripts of `text`.
///
/// Kana decides Japanese before Han is counted (Japanese text is full of
/// Han), Hangul decides Korean; otherwise the script with the most letters
/// wins. Chinese is `zh-Hant` when more of its characters are traditional
/// forms than simplified ones, else `zh`. Falls back to `en` for text
/// without letters.
pub fn detect_language(text: &str) -> &'static str {
    let mut counts = [0usize; ORDER.len()];
    let (mut simplified, mut traditional) = (0usize, 0usize);
    for c in text.chars() {
        let Some(script) = Script::of(c) else {
            continue;
        };
        if let Some(i) = ORDER.iter().position(|&(s, _)| s == script) {
            counts[i] += 1;
        }
        if script == Script::Han {
            simplified += usize::from(is_simplified_only(c));
            traditional += usize::from(is_traditional_only(c));
        }
    }
    let count = |s: Script| counts[ORDER.iter().position(|&(x, _)| x == s).unwrap_or(0)];
    if count(Script::Kana) > 0 && count(Script::Kana) * 10 >= count(Script::Han) {
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
    match ORDER[best] {
        (Script::Han, _) if traditional > simplified => "zh-Hant",
        (_, lang) => lang,
    }
}

/// `lang` as a well-formed BCP 47 tag: underscores become hyphens; a tag
/// that still does not parse gives `None`. Every tag folio writes into a
/// `lang` attribute passes through here: a malformed one is an EPUBCheck
/// error.
pub fn normalize_tag(lang: &str) -> Option<String> {
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

/// The scripts detection counts, in order of preference on a tie, with the
/// language each stands for.
const ORDER: [(Script, &str); 10] = [
    (Script::Han, "zh"),
    (Script::Kana, "ja"),
    (Script::Hangul, "ko"),
    (Script::Latin, "en"),
    (Script::Cyrillic, "ru"),
    (Script::Greek, "el"),
    (Script::Arabic, "ar"),
    (Script::Hebrew, "he"),
    (Script::Thai, "th"),
    (Script::Devanagari, "hi"),
];

/// The words folio itself adds to a book (headings, landmark labels).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Word {
    Contents,
    Notes,
    Cover,
    TitlePage,
    Copyright,
    BodyMatter,
    /// The labels of GitHub alerts (`> [!NOTE]`…).
    Note,
    Tip,
    Important,
    Warning,
    Caution,
    /// What stands for an image that cannot be shown and has no alt text.
    Image,
}

/// Which regional forms of CJK characters a language asks for: the same
/// code point (直, 骨, 写) has different glyphs in Chinese mainland,
/// Taiwan, Hong Kong, Japanese and Korean fonts. Non-CJK languages get
/// [`Locale::Other`], which sets Han like the mainland.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Locale {
    /// Simplified Chinese (zh, zh-CN, zh-Hans, zh-SG).
    #[default]
    Hans,
    /// Traditional Chinese as in Taiwan (zh-TW, zh-Hant).
    Hant,
    /// Traditional Chinese as in Hong Kong and Macau (zh-HK, zh-MO).
    HongKong,
    Japanese,
    Korean,
    /// Any other language.
    Other,
}

impl Locale {
    /// Every locale, in a fixed order.
    pub const ALL: [Locale; 6] = [
        Locale::Hans,
        Locale::Hant,
        Locale::HongKong,
        Locale::Japanese,
        Locale::Korean,
        Locale::Other,
    ];

    /// The locale of a BCP 47 tag (`zh-Hant-TW`, `zh_HK`, `ja`, `ko-KR`,
    /// `en`), case-insensitively. A script subtag wins over a region:
    /// `zh-Hans-HK` is simplified.
    pub fn of(tag: &str) -> Locale {
        let lower = tag.trim().to_ascii_lowercase().replace('_', "-");
        let mut parts = lower.split('-');
        let primary = parts.next().unwrap_or("");
        let rest: Vec<&str> = parts.collect();
        match primary {
            "ja" | "jpn" => Locale::Japanese,
            "ko" | "kor" => Locale::Korean,
            "zh" | "zho" | "chi" | "yue" | "cmn" | "lzh" => {
                let has = |s: &str| rest.contains(&s);
                if has("hans") {
                    Locale::Hans
                } else if has("hk") || has("mo") {
                    Locale::HongKong
                } else if has("hant") || has("tw") || primary == "yue" {
                    Locale::Hant
                } else {
                    Locale::Hans
                }
            }
            _ => Locale::Other,
        }
    }

    /// Chinese, Japanese or Korean: CJK typography (first-line indent,
    /// inter-character justification, CJK fonts first).
    pub fn is_cjk(self) -> bool {
        self != Locale::Other
    }

    /// Traditional Chinese, in Taiwan's or Hong Kong's forms.
    pub fn is_traditional(self) -> bool {
        matches!(self, Locale::Hant | Locale::HongKong)
    }

    /// A word folio adds to the book, in this language.
    pub fn word(self, word: Word) -> &'static str {
        // Columns: Simplified, Traditional, Japanese, Korean, other.
        let [hans, hant, ja, ko, other] = match word {
            Word::Contents => ["目录", "目錄", "目次", "차례", "Contents"],
            Word::Notes => ["注释", "註釋", "注", "주석", "Notes"],
            Word::Cover => ["封面", "封面", "表紙", "표지", "Cover"],
            Word::TitlePage => ["书名页", "書名頁", "扉", "속표지", "Title Page"],
            Word::Copyright => ["版权页", "版權頁", "奥付", "판권", "Copyright"],
            Word::BodyMatter => ["正文", "正文", "本文", "본문", "Start"],
            Word::Note => ["注意", "注意", "注記", "참고", "Note"],
            Word::Tip => ["提示", "提示", "ヒント", "팁", "Tip"],
            Word::Important => ["重要", "重要", "重要", "중요", "Important"],
            Word::Warning => ["警告", "警告", "警告", "경고", "Warning"],
            Word::Caution => ["小心", "小心", "注意", "주의", "Caution"],
            Word::Image => ["图片", "圖片", "画像", "이미지", "image"],
        };
        match self {
            Locale::Hans => hans,
            Locale::Hant | Locale::HongKong => hant,
            Locale::Japanese => ja,
            Locale::Korean => ko,
            Locale::Other => other,
        }
    }

    /// The heading of the table of contents.
    pub fn contents_title(self) -> &'static str {
        self.word(Word::Contents)
    }

    /// The heading of the notes appendix.
    pub fn notes_title(self) -> &'static str {
        self.word(Word::Notes)
    }

    /// What joins a list of names ("甲、乙", "A, B").
    pub fn list_separator(self) -> &'static str {
        if self.is_cjk() {
            "、"
        } else {
            ", "
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_scripts() {
        assert_eq!(detect_language("布拉德・格斯特纳与AI"), "zh");
        assert_eq!(detect_language("これは日本語の文章です"), "ja");
        assert_eq!(detect_language("한국어 문장입니다"), "ko");
        assert_eq!(detect_language("Plain English text"), "en");
        assert_eq!(detect_language("Привет, мир"), "ru");
        assert_eq!(detect_language("1234 !!"), "en");
    }

    #[test]
    fn tells_traditional_from_simplified_chinese() {
        assert_eq!(detect_language("這本書為設計電腦體系的人而寫"), "zh-Hant");
        assert_eq!(detect_language("这本书为设计电脑体系的人而写"), "zh");
        // Characters shared by both say nothing: mainland by default.
        assert_eq!(detect_language("中文"), "zh");
    }

    #[test]
    fn locales_from_tags() {
        assert_eq!(Locale::of("zh-CN"), Locale::Hans);
        assert_eq!(Locale::of("zh"), Locale::Hans);
        assert_eq!(Locale::of("zh-Hant"), Locale::Hant);
        assert_eq!(Locale::of("zh_TW"), Locale::Hant);
        assert_eq!(Locale::of("zh-HK"), Locale::HongKong);
        assert_eq!(Locale::of("zh-Hans-HK"), Locale::Hans);
        assert_eq!(Locale::of("ja-JP"), Locale::Japanese);
        assert_eq!(Locale::of("KO"), Locale::Korean);
        assert_eq!(Locale::of("en"), Locale::Other);
        assert_eq!(Locale::of(""), Locale::Other);
    }

    #[test]
    fn words_follow_the_locale() {
        assert_eq!(Locale::Hant.contents_title(), "目錄");
        assert_eq!(Locale::Hant.notes_title(), "註釋");
        assert_eq!(Locale::Korean.contents_title(), "차례");
        assert_eq!(Locale::Japanese.notes_title(), "注");
        assert_eq!(Locale::Hant.word(Word::Copyright), "版權頁");
        assert_eq!(Locale::Other.word(Word::BodyMatter), "Start");
        assert_eq!(Locale::Japanese.word(Word::Caution), "注意");
        assert_eq!(Locale::Korean.word(Word::Note), "참고");
    }
}

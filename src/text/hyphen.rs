//! Where an English word may be hyphenated at a line end.
//!
//! A Latin word in Chinese text cannot be broken between its letters, so a
//! long one (`Databricks`, `Customer`) that misses the end of a justified
//! line leaves the line spread out. Hyphenating it (Knuth–Liang patterns,
//! the `hypher` crate typst uses) lets part of it stay. Only plain ASCII
//! words of six letters or more are offered, and never names written with
//! inner capitals (`OpenAI`, `TikTok`), which hyphenate badly.

/// Letters a word needs before it is offered for hyphenation.
const MIN_WORD: usize = 6;
/// Longer words are left whole (URLs and identifiers, not prose).
const MAX_WORD: usize = 40;

/// Byte offsets in `text` at which a line may end with a hyphen added, in
/// ascending order: inside English words, never within two letters of the
/// word's start or three of its end.
pub fn points(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
            i += 1;
        }
        let word = &text[start..i];
        // Part of a longer token with digits or other letters (`v2024`,
        // `café`): not a plain word. Ideographs beside it are fine.
        let glued = |c: Option<char>| c.is_some_and(super::script::is_latin_alnum);
        let alone = !glued(text[..start].chars().next_back()) && !glued(text[i..].chars().next());
        let plain = word[1..].bytes().all(|b| b.is_ascii_lowercase());
        if (MIN_WORD..=MAX_WORD).contains(&word.len()) && plain && alone {
            let mut at = start;
            let syllables = hypher::hyphenate(word, hypher::Lang::English);
            let count = syllables.len();
            for (n, syllable) in syllables.enumerate() {
                at += syllable.len();
                if n + 1 < count {
                    out.push(at);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::points;

    fn split(text: &str) -> String {
        let mut out = String::new();
        let mut last = 0;
        for p in points(text) {
            out.push_str(&text[last..p]);
            out.push('-');
            last = p;
        }
        out.push_str(&text[last..]);
        out
    }

    #[test]
    fn english_words_in_chinese_text() {
        assert_eq!(
            split("跑在CPU上:Databricks、Snowflake的负载"),
            "跑在CPU上:Data-bricks、Snowflake的负载"
        );
        assert_eq!(
            split("工具,Customer-OwnedTooling)"),
            "工具,Cus-tomer-OwnedTooling)"
        );
        assert_eq!(split("extensive reading"), "ex-ten-sive read-ing");
        assert_eq!(split("加速computing。"), "加速com-put-ing。");
    }

    #[test]
    fn short_words_names_and_identifiers_stay_whole() {
        assert_eq!(
            split("OpenAI TikTok NVLink Meta"),
            "OpenAI TikTok NVLink Meta"
        );
        assert_eq!(split("hello world"), "hello world");
        assert_eq!(split("version2024 café"), "version2024 café");
        assert!(points(&"a".repeat(100)).is_empty());
        assert!(points("").is_empty());
    }
}

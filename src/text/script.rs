//! Scripts and width classes of characters.

/// The writing system of a letter, as far as folio's choices depend on it
/// (fonts, spacing, line breaking, language detection).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Script {
    Han,
    /// Hiragana and katakana letters (not the prolonged sound mark ー or
    /// the middle dot ・, which Chinese text uses too).
    Kana,
    Hangul,
    Bopomofo,
    Latin,
    Greek,
    Cyrillic,
    Arabic,
    Hebrew,
    Thai,
    Devanagari,
    /// Pictographs and symbols drawn by emoji fonts.
    Emoji,
}

impl Script {
    /// The script of `c`, `None` for digits, spaces, punctuation and
    /// symbols that belong to no one script.
    pub fn of(c: char) -> Option<Script> {
        let script = match c as u32 {
            0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF => Script::Han,
            0x3005 | 0x3007 | 0x2E80..=0x2FDF => Script::Han,
            0x3041..=0x3096 | 0x309D..=0x309F | 0x30A1..=0x30FA | 0x30FD..=0x30FF => Script::Kana,
            0x31F0..=0x31FF | 0xFF66..=0xFF9D => Script::Kana,
            0xAC00..=0xD7AF | 0x1100..=0x11FF | 0x3130..=0x318F | 0xA960..=0xA97F => Script::Hangul,
            0xD7B0..=0xD7FF | 0xFFA1..=0xFFDC => Script::Hangul,
            0x3100..=0x312F | 0x31A0..=0x31BF => Script::Bopomofo,
            0x0041..=0x005A | 0x0061..=0x007A | 0x00C0..=0x00D6 | 0x00D8..=0x00F6 => Script::Latin,
            0x00F8..=0x024F | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF => Script::Latin,
            0x0370..=0x03FF | 0x1F00..=0x1FFF => Script::Greek,
            0x0400..=0x052F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
            0x0600..=0x06FF | 0x0750..=0x077F => Script::Arabic,
            0x0590..=0x05FF => Script::Hebrew,
            0x0E00..=0x0E7F => Script::Thai,
            0x0900..=0x097F => Script::Devanagari,
            _ if is_emoji(c) => Script::Emoji,
            _ => return None,
        };
        Some(script)
    }

    /// Han, kana, Hangul and bopomofo: the scripts of CJK fonts.
    pub fn is_cjk(self) -> bool {
        matches!(
            self,
            Script::Han | Script::Kana | Script::Hangul | Script::Bopomofo
        )
    }
}

/// Pictographic emoji (the blocks emoji fonts draw; not the dingbats and
/// arrows a text font may have).
pub fn is_emoji(c: char) -> bool {
    matches!(c as u32,
        0x1F000..=0x1F02F
        | 0x1F0A0..=0x1F0FF
        | 0x1F300..=0x1F5FF
        | 0x1F600..=0x1F64F
        | 0x1F680..=0x1F6FF
        | 0x1F900..=0x1F9FF
        | 0x1FA70..=0x1FAFF
        | 0x2600..=0x27BF
        | 0x2B50..=0x2B55
        | 0x1F1E6..=0x1F1FF)
}

/// Han, kana, Hangul, bopomofo and the CJK punctuation and full-width
/// forms: what a CJK font sets and a Latin one does not. Used to cut
/// shaping runs by script.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF
        | 0x2E80..=0x2FDF
        | 0x3000..=0x303F
        | 0x3040..=0x30FF
        | 0x3100..=0x312F
        | 0x3130..=0x318F
        | 0x31A0..=0x31FF
        | 0x3200..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA960..=0xA97F
        | 0xAC00..=0xD7FF
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFFEF
        | 0x20000..=0x3FFFF)
}

/// Han ideographs, kana and Hangul syllables: the characters that get a
/// quarter em of space beside Latin letters and digits.
pub fn is_ideographic(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF
        | 0x3041..=0x3096 | 0x30A1..=0x30FA | 0x3005..=0x3007
        | 0xAC00..=0xD7AF | 0x1100..=0x11FF | 0x3130..=0x318F)
}

/// Ideographs and kana, which get the quarter em beside Latin letters and
/// digits; not Hangul: Korean writes a particle right after a Latin word or
/// number ("OS를", "3개") with no space (klreq).
pub fn is_spaced_beside_latin(c: char) -> bool {
    is_ideographic(c) && !is_hangul(c)
}

/// Hangul syllables and jamo: Korean, which separates words with spaces.
pub fn is_hangul(c: char) -> bool {
    Script::of(c) == Some(Script::Hangul)
}

/// Any full-width CJK character: ideographs plus CJK punctuation, full-width
/// forms and the curly quotes (full width in a CJK font). Gaps beside them
/// may be stretched when a line is justified.
pub fn is_cjk_wide(c: char) -> bool {
    is_ideographic(c)
        || matches!(c as u32,
            0x2E80..=0x2FFF | 0x3000..=0x303F | 0x30FB..=0x30FC | 0x3200..=0x33FF
            | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6)
        || matches!(c, '“' | '”' | '‘' | '’' | '—' | '…' | '・' | '·')
}

/// Characters written without spaces between them (Han, kana, CJK and
/// full-width punctuation): a soft line break between two of them is
/// dropped rather than shown as a space. Hangul is not included, since
/// Korean separates words with spaces.
pub fn is_unspaced(c: char) -> bool {
    (is_cjk(c) && !is_hangul(c)) || matches!(c as u32, 0x2FE0..=0x2FFF | 0x31C0..=0x31EF)
}

/// Latin (and other alphabetic) letters and digits, but not CJK.
pub fn is_latin_alnum(c: char) -> bool {
    // Cheapest test first: most characters of a Chinese book are CJK.
    (c as u32) < 0x2E80 && !is_cjk_wide(c) && c.is_alphanumeric()
}

/// Letters and digits of a script written with spaces between words
/// (Latin, Greek, Cyrillic…), for the cover's line breaking.
pub fn is_alphabetic_word(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c)
}

/// Marks that are full-width in CJK fonts and narrow in Latin ones.
pub fn is_cjk_ambiguous(c: char) -> bool {
    matches!(
        c,
        '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}' | '\u{2014}' | '\u{2026}' | '\u{00B7}'
    )
}

/// Combining marks, variation selectors and joiners: they belong to the
/// character before them.
pub fn joins_previous(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F
        | 0x1AB0..=0x1AFF
        | 0x1DC0..=0x1DFF
        | 0x20D0..=0x20FF
        | 0xFE20..=0xFE2F
        | 0xFE00..=0xFE0F
        | 0xE0100..=0xE01EF
        | 0x200C..=0x200D
        | 0x3099..=0x309A
        | 0x1F3FB..=0x1F3FF)
}

/// The characters of `s` as a reader counts them: each with the combining
/// marks and variation selectors that follow it (`葛\u{E0100}` is one).
/// Mono-ruby gives one reading to each of these.
pub fn user_chars(s: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if i > start && !joins_previous(c) {
            out.push(&s[start..i]);
            start = i;
        }
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

/// Kana a ruby reading may overhang (jlreq): hiragana, katakana and the
/// prolonged sound mark, but never a kanji, which would read as its own
/// reading.
pub fn ruby_may_overhang(c: char) -> bool {
    Script::of(c) == Some(Script::Kana) || c == 'ー'
}

/// Characters that draw nothing and need no glyph (HarfBuzz hides them), so
/// a font lacking them is no fault: controls, zero-width spaces and marks,
/// the BOM, soft hyphen, word joiner, bidi controls, tag characters.
pub fn is_ignorable(c: char) -> bool {
    c.is_control()
        || matches!(c as u32,
            0x00AD
            | 0x034F
            | 0x061C
            | 0x115F..=0x1160
            | 0x17B4..=0x17B5
            | 0x180B..=0x180F
            | 0x200B..=0x200F
            | 0x202A..=0x202E
            | 0x2060..=0x206F
            | 0x3164
            | 0xFE00..=0xFE0F
            | 0xFEFF
            | 0xFFA0
            | 0xFFF0..=0xFFF8
            | 0x1BCA0..=0x1BCA3
            | 0x1D173..=0x1D17A
            | 0xE0000..=0xE0FFF)
}

/// The first `max` of `chars` as people read them in a message:
/// `'설' (U+C124), '🎉' (U+1F389), … and 3 more`.
pub fn describe_chars(chars: &[char], max: usize) -> String {
    let mut out: Vec<String> = chars
        .iter()
        .take(max)
        .map(|&c| format!("{c:?} (U+{:04X})", c as u32))
        .collect();
    if chars.len() > max {
        out.push(format!("and {} more", chars.len() - max));
    }
    out.join(", ")
}

/// What to install or name for characters no font has, by the script of
/// the first ones: a font family and the Debian package that has it.
pub fn font_hint(chars: &[char]) -> String {
    let script = chars.iter().find_map(|&c| Script::of(c));
    let family = match script {
        Some(Script::Han | Script::Kana | Script::Hangul | Script::Bopomofo) => {
            "Noto Serif CJK (Debian/Ubuntu: fonts-noto-cjk)"
        }
        Some(Script::Emoji) => "Noto Emoji, a monochrome emoji font",
        _ => "a Noto font for the script (Debian/Ubuntu: fonts-noto-core or fonts-noto-extra)",
    };
    format!(
        "install a font that has them, such as {family}; folio finds installed fonts by itself, \
         or name one in [folio.fonts] in book.toml"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts() {
        assert_eq!(Script::of('中'), Some(Script::Han));
        assert_eq!(Script::of('か'), Some(Script::Kana));
        assert_eq!(Script::of('ー'), None);
        assert_eq!(Script::of('한'), Some(Script::Hangul));
        assert_eq!(Script::of('Ĥ'), Some(Script::Latin));
        assert_eq!(Script::of('ὐ'), Some(Script::Greek));
        assert_eq!(Script::of('ї'), Some(Script::Cyrillic));
        assert_eq!(Script::of('🎉'), Some(Script::Emoji));
        assert_eq!(Script::of('4'), None);
        assert!(Script::Kana.is_cjk() && !Script::Latin.is_cjk());
    }

    #[test]
    fn width_classes() {
        assert!(is_ideographic('中') && !is_ideographic('，'));
        assert!(is_cjk_wide('，') && is_cjk_wide('“') && is_cjk_wide('中'));
        assert!(is_latin_alnum('A') && is_latin_alnum('4') && !is_latin_alnum('中'));
        assert!(!is_latin_alnum('%'));
        assert!(is_unspaced('中') && !is_unspaced('한'));
        assert!(is_hangul('한') && !is_hangul('中'));
        assert!(is_spaced_beside_latin('中') && is_spaced_beside_latin('か'));
        assert!(!is_spaced_beside_latin('를'));
        assert!(is_ignorable('\u{200B}') && !is_ignorable('a'));
        assert!(joins_previous('\u{301}'));
        assert!(ruby_may_overhang('の') && ruby_may_overhang('ー') && !ruby_may_overhang('字'));
    }

    #[test]
    fn user_chars_keep_marks_and_selectors() {
        assert_eq!(user_chars("葛\u{E0100}城"), ["葛\u{E0100}", "城"]);
        assert_eq!(user_chars("e\u{301}x"), ["e\u{301}", "x"]);
        assert!(user_chars("").is_empty());
    }
}

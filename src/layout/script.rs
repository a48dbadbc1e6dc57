//! Character classes the Chinese layout rules are written in.
//!
//! Kept apart from the line breaker and the spacer because both ask the
//! same questions: is this a full-width CJK character, a Latin letter or
//! digit, a mark that may not start or end a line?

/// Han ideographs, kana and Hangul syllables: the characters that get a
/// quarter em of space beside Latin letters and digits.
pub fn is_ideographic(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF
        | 0x3041..=0x3096 | 0x30A1..=0x30FA | 0x3005..=0x3007
        | 0xAC00..=0xD7AF | 0x1100..=0x11FF | 0x3130..=0x318F)
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

/// Latin (and other alphabetic) letters and digits, but not CJK.
pub fn is_latin_alnum(c: char) -> bool {
    // Cheapest test first: most characters of a Chinese book are CJK.
    (c as u32) < 0x2E80 && !is_cjk_wide(c) && c.is_alphanumeric()
}

/// Marks that may not begin a line (clreq 行首禁则 plus the Latin ones).
pub fn no_line_start(c: char) -> bool {
    matches!(
        c,
        '）' | '〕'
            | '］'
            | '｝'
            | '〉'
            | '》'
            | '」'
            | '』'
            | '】'
            | '〙'
            | '〗'
            | '〟'
            | '’'
            | '”'
            | '»'
            | '、'
            | '。'
            | '，'
            | '．'
            | '：'
            | '；'
            | '？'
            | '！'
            | '‼'
            | '⁇'
            | '⁈'
            | '⁉'
            | '・'
            | '·'
            | ','
            | '.'
            | ':'
            | ';'
            | '?'
            | '!'
            | ')'
            | ']'
            | '}'
            | '%'
            | '％'
            | '〜'
            | '～'
    )
}

/// Marks that may not end a line (clreq 行尾禁则 plus the Latin ones).
pub fn no_line_end(c: char) -> bool {
    matches!(
        c,
        '（' | '〔'
            | '［'
            | '｛'
            | '〈'
            | '《'
            | '「'
            | '『'
            | '【'
            | '〘'
            | '〖'
            | '〝'
            | '‘'
            | '“'
            | '«'
            | '('
            | '['
            | '{'
    )
}

/// Marks written doubled that must stay together (`——`, `……`).
pub fn is_doubled_mark(c: char) -> bool {
    matches!(c, '—' | '…' | '⸺')
}

/// Full-width closing marks whose ink sits in the left half of the em (in
/// mainland Chinese fonts): their right half may be compressed away.
pub fn is_closing_half_blank(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '）'
            | '」'
            | '』'
            | '”'
            | '’'
            | '》'
            | '〉'
            | '】'
            | '〕'
            | '〗'
    )
}

/// Full-width opening marks whose ink sits in the right half of the em.
pub fn is_opening_half_blank(c: char) -> bool {
    matches!(
        c,
        '（' | '「' | '『' | '“' | '‘' | '《' | '〈' | '【' | '〔' | '〖'
    )
}

/// Punctuation a closing mark's blank half may be shared with.
pub fn is_punctuation_mark(c: char) -> bool {
    is_closing_half_blank(c)
        || is_opening_half_blank(c)
        || matches!(
            c,
            '？' | '！' | ',' | '.' | ';' | ':' | '?' | '!' | ')' | ']'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert!(is_ideographic('中'));
        assert!(!is_ideographic('，'));
        assert!(is_cjk_wide('，') && is_cjk_wide('“') && is_cjk_wide('中'));
        assert!(is_latin_alnum('A') && is_latin_alnum('4') && !is_latin_alnum('中'));
        assert!(!is_latin_alnum('%'));
        assert!(no_line_start('。') && no_line_start(')') && no_line_start('%'));
        assert!(no_line_end('“') && no_line_end('(') && !no_line_end('中'));
    }
}

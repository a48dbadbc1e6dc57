//! Punctuation classes for line breaking and compression.
//!
//! The Chinese and Japanese line-breaking rules (clreq 禁则, jlreq 行頭禁則
//! and 行末禁則) and the punctuation adjustment rules (标点挤压) are
//! written in these classes; the line breaker, the spacer and the cover's
//! line wrapper all read them from here.

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

/// Marks Taiwan's and Hong Kong's fonts centre in the em (clreq 3.1.5):
/// with no blank half they are not compressed in Traditional Chinese, only
/// the brackets and quotes are.
pub fn is_centred_in_traditional(c: char) -> bool {
    matches!(c, '。' | '，' | '、' | '：' | '；' | '！' | '？')
}

/// Marks 开明式 (kaiming) keeps full width: the sentence ends. Every other
/// mark is set half width in that style.
pub fn is_kaiming_full(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '．')
}

/// Half-width marks that end a phrase when typed in Chinese text in place
/// of the full-width ones (`上:Databricks`, `AI,TikTok`): a line may break
/// after them before a letter, which UAX #14 forbids (it cannot tell them
/// from `3,000` or `a:b`).
pub fn is_ascii_phrase_mark(c: char) -> bool {
    matches!(c, ',' | ':' | ';' | '?' | '!')
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

/// Marks after which a title may be broken as a phrase (the cover wraps
/// titles at these before it wraps between any two ideographs).
pub fn is_phrase_end(c: char) -> bool {
    matches!(
        c,
        '，' | '、'
            | '：'
            | '；'
            | '！'
            | '？'
            | '。'
            | ','
            | ':'
            | ';'
            | '!'
            | '?'
            | '—'
            | '｜'
            | '|'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert!(no_line_start('。') && no_line_start(')') && no_line_start('%'));
        assert!(no_line_end('“') && no_line_end('(') && !no_line_end('中'));
        assert!(is_doubled_mark('—') && is_closing_half_blank('。'));
        assert!(is_opening_half_blank('《') && is_punctuation_mark('?'));
        assert!(is_phrase_end('，') && !is_phrase_end('中'));
        assert!(is_centred_in_traditional('。') && !is_centred_in_traditional('」'));
        assert!(is_kaiming_full('。') && !is_kaiming_full('，'));
        assert!(is_ascii_phrase_mark(':') && !is_ascii_phrase_mark('.'));
    }
}

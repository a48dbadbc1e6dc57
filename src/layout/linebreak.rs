//! Where a line may break: UAX #14 refined by the Chinese rules (禁则).
//!
//! `unicode-linebreak` implements UAX #14 (Unicode 15.0). Two things it gets
//! wrong for Chinese are fixed here: the curly quotes “ ” ‘ ’ are class QU
//! ("ambiguous"), which forbids breaks on both sides, so a Chinese line could
//! never break before “ or after ”; and it allows a few breaks clreq forbids
//! (before `%` after an ideograph, say). The rule tables live in
//! `script`.

use unicode_linebreak::{linebreaks, BreakOpportunity};

use crate::text::punct::{is_ascii_phrase_mark, is_doubled_mark, no_line_end, no_line_start};
use crate::text::script::{is_cjk_wide, is_hangul, is_latin_alnum};

/// Byte offsets (strictly inside `text`, ascending) before which a line may
/// break. Mandatory breaks inside the text (`\n`) are opportunities too; the
/// caller decides about forced breaks itself.
pub fn opportunities(text: &str) -> Vec<usize> {
    let mut uax: Vec<usize> = linebreaks(text)
        .filter(|&(i, op)| {
            i > 0
                && i < text.len()
                && matches!(op, BreakOpportunity::Allowed | BreakOpportunity::Mandatory)
        })
        .map(|(i, _)| i)
        .collect();
    uax.reverse(); // popped from the back in ascending order
    let mut out = Vec::new();
    // The two characters before the boundary and the one after it.
    let (mut before, mut prev): (Option<char>, Option<char>) = (None, None);
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let allowed_by_uax = if uax.last() == Some(&i) {
            uax.pop();
            true
        } else {
            false
        };
        if let Some(a) = prev {
            let after = chars.peek().map(|&(_, n)| n);
            if allowed(
                Window {
                    before,
                    a,
                    b: c,
                    after,
                },
                allowed_by_uax,
            ) {
                out.push(i);
            }
        }
        before = prev;
        prev = Some(c);
    }
    out
}

/// The characters around one boundary: `a` before it, `b` after it.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    pub before: Option<char>,
    pub a: char,
    pub b: char,
    pub after: Option<char>,
}

/// The refined decision for the boundary between `w.a` and `w.b`.
pub fn allowed(w: Window, allowed_by_uax: bool) -> bool {
    let Window {
        before,
        a,
        b,
        after,
    } = w;
    let mut ok = allowed_by_uax;
    // Beside CJK, “ ‘ open and ” ’ close: breaks before an opening quote and
    // after a closing one become possible.
    if matches!(b, '“' | '‘') && is_cjk_wide(a) && !no_line_end(a) {
        ok = true;
    }
    if matches!(a, '”' | '’') && is_cjk_wide(b) && !no_line_start(b) {
        ok = true;
    }
    // The same quotes between a Chinese phrase and a Latin word:
    // `“指数增长”PyTorch`, `AI“工厂”`.
    if matches!(a, '”' | '’') && is_latin_alnum(b) && before.is_some_and(is_cjk_wide) {
        ok = true;
    }
    if matches!(b, '“' | '‘') && is_latin_alnum(a) && after.is_some_and(is_cjk_wide) {
        ok = true;
    }
    // Half-width marks typed in Chinese text: UAX #14 glues them to the
    // Latin word beside them (`上:Databricks`, `AI,TikTok`, `ASIC(专用`,
    // `(注)Intel`), which makes long unbreakable pieces and loose lines.
    // Beside CJK they end or open a phrase like the full-width marks.
    let cjk_or_word = |c: Option<char>| c.is_some_and(|c| is_cjk_wide(c) || c.is_alphabetic());
    if is_ascii_phrase_mark(a) && b.is_alphabetic() && !b.is_ascii_digit() && cjk_or_word(before) {
        ok = true;
    }
    if matches!(b, '(' | '[') && is_latin_alnum(a) && after.is_some_and(is_cjk_wide) {
        ok = true;
    }
    if matches!(a, ')' | ']') && is_latin_alnum(b) && before.is_some_and(is_cjk_wide) {
        ok = true;
    }
    // Korean breaks at spaces (klreq, `word-break: keep-all`): never inside
    // a word, nor between a Latin word or number and its particle (OS를).
    if (is_hangul(a) && (is_hangul(b) || is_latin_alnum(b))) || (is_latin_alnum(a) && is_hangul(b))
    {
        ok = false;
    }
    if no_line_start(b) || no_line_end(a) {
        ok = false;
    }
    if a == b && is_doubled_mark(a) {
        ok = false;
    }
    if a.is_whitespace() && b.is_whitespace() {
        ok = false;
    }
    ok
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Splits `text` at every opportunity.
    fn pieces(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut last = 0;
        for i in opportunities(text) {
            out.push(&text[last..i]);
            last = i;
        }
        out.push(&text[last..]);
        out
    }

    #[test]
    fn quotes_beside_cjk_open_and_close() {
        let p = pieces("称“中国仅慢纳秒”,呼吁");
        assert_eq!(p, ["称", "“中", "国", "仅", "慢", "纳", "秒”,", "呼", "吁"]);
    }

    #[test]
    fn brackets_and_percent() {
        assert_eq!(pieces("(笑)"), ["(笑)"]);
        assert_eq!(
            pieces("超过40%的收入"),
            ["超", "过", "40%", "的", "收", "入"]
        );
        let p = pieces("NVLinkFusion(英伟达…)");
        // A Chinese aside in ASCII brackets may start a line (`ASIC(专用`).
        assert_eq!(p[0], "NVLinkFusion");
        assert_eq!(p[1], "(英");
        assert!(p.last().unwrap().ends_with("…)"));
    }

    #[test]
    fn no_start_or_end_marks() {
        let text = "今天的强化学习,其实已经把训练和推理完全融合在一起。“后训练”(post-training)、《书》【注】——好……吧!";
        let p = pieces(text);
        for piece in &p {
            let first = piece.chars().next().unwrap();
            let last = piece.chars().last().unwrap();
            assert!(
                !no_line_start(first),
                "{piece:?} starts with a closing mark"
            );
            assert!(!no_line_end(last), "{piece:?} ends with an opening mark");
            assert!(
                !piece.starts_with('—') || piece.starts_with("——"),
                "{piece:?}"
            );
            assert!(
                !piece.starts_with('…') || piece.starts_with("……"),
                "{piece:?}"
            );
        }
        assert!(p.iter().any(|s| s.contains("——")));
        assert!(p.iter().any(|s| s.contains("……")));
    }

    #[test]
    fn latin_words_and_numbers_stay_whole() {
        let p = pieces("OpenAI很可能会成为下一个2026年AI代理");
        assert!(p.contains(&"OpenAI"));
        assert!(p.iter().any(|s| s.starts_with("2026")));
        let p = pieces("hello world, again");
        assert_eq!(p, ["hello ", "world, ", "again"]);
        // Numbers and code keep their infix marks.
        assert_eq!(pieces("约3,000,f(x)"), ["约", "3,000,f(x)"]);
    }

    #[test]
    fn ascii_marks_in_chinese_end_a_phrase() {
        assert_eq!(pieces("上:Databricks"), ["上:", "Databricks"]);
        assert_eq!(pieces("没有AI,TikTok"), ["没", "有", "AI,", "TikTok"]);
        assert_eq!(pieces("与ASIC(专用"), ["与", "ASIC", "(专", "用"]);
        assert_eq!(pieces("(注)Intel"), ["(注)", "Intel"]);
        assert_eq!(pieces("长”PyTorch"), ["长”", "PyTorch"]);
        assert_eq!(pieces("AI“工"), ["AI", "“工"]);
    }

    #[test]
    fn korean_breaks_only_at_spaces() {
        assert_eq!(
            pieces("운영체제 OS를 설치한다."),
            ["운영체제 ", "OS를 ", "설치한다."]
        );
        assert_eq!(pieces("3개의 GPU가"), ["3개의 ", "GPU가"]);
    }
}

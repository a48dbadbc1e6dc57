//! GitHub emoji shortcodes (`:tada:` → 🎉) in text.
//!
//! The names are GitHub's, from the `emojis` crate's table; a `:word:`
//! that is not one of them is left exactly as typed, so times (`10:30`),
//! Rust paths and ratios are never touched. Only [`Inline::Text`] is read:
//! code spans, code blocks and link destinations are other variants, and a
//! URL written as text is skipped, since a `:` pair inside it is part of
//! the address.

use crate::book::Inline;

/// Replaces the known shortcodes in the text nodes of `inlines` (not in
/// nested containers, which were read when they closed).
pub fn shortcodes_in(inlines: Vec<Inline>) -> Vec<Inline> {
    inlines
        .into_iter()
        .map(|inline| match inline {
            Inline::Text(text) if text.contains(':') => Inline::Text(replace(&text)),
            other => other,
        })
        .collect()
}

/// `text` with every known shortcode outside URLs replaced by its emoji.
pub fn replace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(colon) = rest.find(':') {
        let (before, from_colon) = rest.split_at(colon);
        out.push_str(before);
        if let Some(url_len) = url_at(&out, from_colon) {
            // The rest of the URL (up to white space) goes through as is.
            out.push_str(&from_colon[..url_len]);
            rest = &from_colon[url_len..];
            continue;
        }
        match shortcode(from_colon) {
            Some((emoji, len)) => {
                out.push_str(emoji);
                rest = &from_colon[len..];
            }
            None => {
                // The colon may close one word and open the next shortcode.
                out.push(':');
                rest = &from_colon[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The emoji and the written length of a shortcode starting `s` (at its
/// opening colon), when it names one of GitHub's.
fn shortcode(s: &str) -> Option<(&'static str, usize)> {
    let name_len = s[1..].find(|c: char| !is_name_char(c))?;
    if name_len == 0 || !s[1 + name_len..].starts_with(':') {
        return None;
    }
    let emoji = emojis::get_by_shortcode(&s[1..1 + name_len])?;
    Some((emoji.as_str(), name_len + 2))
}

/// GitHub's shortcode names: lower-case letters, digits, `_`, `+` and `-`
/// (`+1`, `t-rex`).
fn is_name_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '+' | '-')
}

/// When the colon starting `from_colon` is inside a URL whose start is at
/// the end of `before` (`https:` / `…/path:`), the length of the URL's
/// remainder up to white space.
fn url_at(before: &str, from_colon: &str) -> Option<usize> {
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || matches!(c, '(' | '<' | '"'))
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[word_start..];
    let is_url = from_colon.starts_with("://") && word.chars().all(|c| c.is_ascii_alphabetic())
        || word.contains("://")
        || word.starts_with("www.");
    is_url.then(|| {
        from_colon
            .find(char::is_whitespace)
            .unwrap_or(from_colon.len())
    })
}

#[cfg(test)]
mod tests {
    use super::replace;
    use crate::book::{Block, Inline};

    #[test]
    fn known_shortcodes_become_emoji() {
        assert_eq!(replace("Done :tada: thanks :+1:"), "Done 🎉 thanks 👍");
        assert_eq!(replace(":white_check_mark::-1:"), "✅👎");
    }

    #[test]
    fn unknown_words_and_times_stay_as_typed() {
        assert_eq!(
            replace("at 10:30 :notanemoji: a::b"),
            "at 10:30 :notanemoji: a::b"
        );
        assert_eq!(replace("ratio 1:2:tada:"), "ratio 1:2🎉");
        assert_eq!(replace(":TADA: : :"), ":TADA: : :");
    }

    #[test]
    fn urls_in_text_are_left_alone() {
        assert_eq!(
            replace("see https://example.com/:tada:/x and :tada:"),
            "see https://example.com/:tada:/x and 🎉"
        );
        assert_eq!(
            replace("(www.example.com/:tada:)"),
            "(www.example.com/:tada:)"
        );
    }

    #[test]
    fn the_parser_replaces_text_but_not_code_or_links() {
        let source = "# Release :rocket:\n\n\
            Thanks :+1: *well :white_check_mark: done*, `:tada:` \
            [site](https://example.com/:tada:) <https://example.com/:tada:>\n\n\
            ```\n:tada:\n```\n";
        let (book, _) = crate::parse::tests::book_from(&[("a.md", source)]);
        let chapter = &book.chapters[0];
        assert_eq!(chapter.title_text(), "Release 🚀");
        let Block::Paragraph(inlines) = &chapter.blocks[0] else {
            panic!("{:?}", chapter.blocks);
        };
        assert_eq!(inlines[0], Inline::Text("Thanks 👍 ".into()));
        assert_eq!(
            inlines[1],
            Inline::Emphasis(vec![Inline::Text("well ✅ done".into())])
        );
        assert!(inlines.contains(&Inline::Code(":tada:".into())));
        let links: Vec<_> = inlines
            .iter()
            .filter_map(|i| match i {
                Inline::Link {
                    target, content, ..
                } => Some((target, content)),
                _ => None,
            })
            .collect();
        assert_eq!(links.len(), 2, "{inlines:?}");
        for (target, _) in &links {
            assert!(format!("{target:?}").contains(":tada:"), "{target:?}");
        }
        assert_eq!(
            links[1].1,
            &vec![Inline::Text("https://example.com/:tada:".into())]
        );
        assert_eq!(
            chapter.blocks[1],
            Block::CodeBlock {
                lang: None,
                text: ":tada:\n".into()
            }
        );
    }
}

use super::*;
use crate::book::{Block, Book};
use crate::parse::tests::{book_from, messages};

fn text(s: &str) -> Inline {
    Inline::Text(s.into())
}

fn pair(base: &str, reading: &str) -> RubyPair {
    RubyPair {
        base: base.into(),
        reading: reading.into(),
    }
}

fn group(base: &str, reading: &str) -> Inline {
    Inline::Ruby(Ruby::Group(pair(base, reading)))
}

/// The notation read in `s`, and the warnings.
fn read(s: &str) -> (Vec<Inline>, Vec<String>) {
    let mut warnings = Vec::new();
    let out = notation_in(vec![text(s)], &mut |w, m| {
        warnings.push(format!("{w} => {m}"))
    });
    (out, warnings)
}

/// The inlines of the first paragraph of a one-file book, and the
/// warnings.
fn para(markdown: &str) -> (Vec<Inline>, Vec<String>) {
    let (book, diags) = book_from(&[("ch.md", markdown)]);
    (first_paragraph(&book), messages(&diags))
}

fn first_paragraph(book: &Book) -> Vec<Inline> {
    for block in &book.chapters[0].blocks {
        if let Block::Paragraph(inlines) = block {
            return inlines.clone();
        }
    }
    panic!("no paragraph in {:?}", book.chapters[0].blocks);
}

#[test]
fn group_and_mono_notation() {
    let (out, w) = read("『{漢字|かんじ}』と{漢字|かん|じ}。");
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(
        out,
        [
            text("『"),
            group("漢字", "かんじ"),
            text("』と"),
            Inline::Ruby(Ruby::Mono(vec![pair("漢", "かん"), pair("字", "じ")])),
            text("。"),
        ]
    );
    // A variation selector belongs to its character.
    let (out, _) = read("{葛\u{E0100}城|かつ|らぎ}");
    assert_eq!(
        out,
        [Inline::Ruby(Ruby::Mono(vec![
            pair("葛\u{E0100}", "かつ"),
            pair("城", "らぎ")
        ]))]
    );
}

#[test]
fn reading_count_mismatch_is_group_ruby_with_a_warning() {
    let (out, w) = read("{東京都|とう|きょう}");
    assert_eq!(out, [group("東京都", "とうきょう")]);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].starts_with("{東京都|とう|きょう} => "), "{w:?}");
    assert!(w[0].contains("2 readings for 3 base characters"), "{w:?}");
}

#[test]
fn braces_that_are_not_ruby_stay_as_typed() {
    for s in [
        "{x}",
        "{x | x > 0}",
        "a { b",
        "}{",
        "{",
        "{{a|b}",
        "set {a,b}",
    ] {
        let (out, w) = read(s);
        let expected = if s == "{{a|b}" {
            vec![text("{"), group("a", "b")]
        } else {
            vec![text(s)]
        };
        assert_eq!(out, expected, "{s}");
        assert!(w.is_empty(), "{s}: {w:?}");
    }
}

#[test]
fn malformed_notation_is_kept_with_a_warning() {
    for (s, why) in [
        ("前{漢字|}後", "empty reading"),
        ("前{|かんじ}後", "no base"),
        ("前{漢字|かん||じ}後", "empty reading"),
        ("前{漢字|かんじ", "no closing"),
        ("前{漢字|かん\nじ}後", "no closing"),
    ] {
        let (out, w) = read(s);
        assert_eq!(out, [text(s)], "{s}");
        assert_eq!(w.len(), 1, "{s}: {w:?}");
        assert!(w[0].contains(why) && w[0].contains("kept as text"), "{w:?}");
    }
}

#[test]
fn notation_in_markdown_but_never_in_code() {
    // (`と*{` would not open emphasis: CommonMark wants punctuation or a
    // space before a `*` that is followed by punctuation.)
    let (out, w) = para("前`{漢字|かんじ}`『*{漢字|かんじ}*』{漢字|かんじ}\n");
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(
        out,
        [
            text("前"),
            Inline::Code("{漢字|かんじ}".into()),
            text("『"),
            Inline::Emphasis(vec![group("漢字", "かんじ")]),
            text("』"),
            group("漢字", "かんじ"),
        ]
    );
    let (book, _) = book_from(&[("ch.md", "```\n{a|b}\n```\n\n<code>{a|b}</code>\n")]);
    assert!(
        matches!(&book.chapters[0].blocks[0], Block::CodeBlock { text, .. } if text == "{a|b}\n")
    );
    assert_eq!(first_paragraph(&book), [Inline::Code("{a|b}".into())]);
    // In a tight list item (an implicit paragraph) and a heading.
    let (book, _) = book_from(&[("ch.md", "# {本|ほん}\n\n- {字|じ}\n")]);
    assert_eq!(book.chapters[0].title, [group("本", "ほん")]);
    assert_eq!(book.chapters[0].title_text(), "本");
    let Block::List { items, .. } = &book.chapters[0].blocks[0] else {
        panic!("{:?}", book.chapters[0].blocks);
    };
    assert_eq!(items[0].blocks, [Block::Paragraph(vec![group("字", "じ")])]);
    // pulldown-cmark would take a trailing `{…}` for heading attributes.
    let (book, _) = book_from(&[("ch.md", "# 第一章 {本|ほん}\n\n## 節 {字|じ} {#x}\n")]);
    assert_eq!(
        book.chapters[0].title,
        [text("第一章 "), group("本", "ほん")]
    );
    assert!(matches!(&book.chapters[0].blocks[0],
        Block::Heading { id, content, .. } if id == "x" && content[1] == group("字", "じ")));
}

#[test]
fn malformed_notation_warns_with_file_and_line() {
    // The same notation earlier in the file does not mislead the line.
    let (_, w) = book_from(&[(
        "ch.md",
        "# {漢字|かん}\n\n- a\n- b {漢字|かん\n\n{漢字|かんじ}と\n前{漢字|かん",
    )]);
    let w = messages(&w);
    assert_eq!(w.len(), 2, "{w:?}");
    assert!(
        w[0].contains("ch.md:4") && w[1].contains("ch.md:7"),
        "{w:?}"
    );
    let (book, w) = book_from(&[("ch.md", "第一行\n\n前{漢字|}後\n")]);
    let w = messages(&w);
    assert_eq!(
        book.chapters[0].blocks[1],
        Block::Paragraph(vec![text("前{漢字|}後")])
    );
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].contains("ch.md:3"), "{w:?}");
}

#[test]
fn html_ruby_forms() {
    let mono = Inline::Ruby(Ruby::Mono(vec![pair("漢", "かん"), pair("字", "じ")]));
    for (html, expected) in [
        (
            "<ruby>漢字<rt>かんじ</rt></ruby>",
            vec![group("漢字", "かんじ")],
        ),
        (
            "<ruby>漢字<rp>(</rp><rt>かんじ</rt><rp>)</rp></ruby>",
            vec![group("漢字", "かんじ")],
        ),
        (
            "<ruby>漢<rt>かん</rt>字<rt>じ</rt></ruby>",
            vec![mono.clone()],
        ),
        (
            "<ruby><rb>漢</rb><rb>字</rb><rt>かん</rt><rt>じ</rt></ruby>",
            vec![mono.clone()],
        ),
        (
            "<ruby><rb>漢</rb><rp>(</rp><rt>かん</rt><rp>)</rp><rb>字</rb><rt>じ</rt></ruby>",
            vec![mono],
        ),
        (
            "<ruby>東京<rt>とうきょう</rt>大学<rt>だいがく</rt></ruby>",
            vec![group("東京", "とうきょう"), group("大学", "だいがく")],
        ),
    ] {
        let (out, w) = para(&format!("前{html}後\n"));
        let mut want = vec![text("前")];
        want.extend(expected);
        want.push(text("後"));
        assert_eq!(out, want, "{html}");
        assert!(w.is_empty(), "{html}: {w:?}");
    }
}

#[test]
fn malformed_html_ruby_is_kept_as_text_with_a_warning() {
    for (html, kept, why) in [
        ("<ruby>漢字</ruby>", vec![text("前漢字後")], "no <rt>"),
        (
            "<ruby>漢字<rt></rt></ruby>",
            vec![text("前漢字後")],
            "empty",
        ),
        (
            "<ruby><rt>かんじ</rt></ruby>",
            vec![text("前かんじ後")],
            "has no base",
        ),
        (
            "<ruby>漢<rt>かん</rt>字</ruby>",
            vec![text("前"), group("漢", "かん"), text("字後")],
            "\"字\" has no <rt>",
        ),
        // Unclosed: the ruby closes with its paragraph.
        (
            "<ruby>漢字<rt>かんじ",
            vec![text("前"), group("漢字", "かんじ後")],
            "",
        ),
        ("<rt>かんじ</rt>", vec![text("前かんじ後")], ""),
    ] {
        let (out, w) = para(&format!("前{html}後\n"));
        assert_eq!(out, kept, "{html}");
        if why.is_empty() {
            assert!(w.is_empty(), "{html}: {w:?}");
        } else {
            assert_eq!(w.len(), 1, "{html}: {w:?}");
            assert!(w[0].contains(why) && w[0].contains("ch.md:1"), "{w:?}");
        }
    }
}

#[test]
fn html_block_ruby_is_ruby() {
    let (book, w) = book_from(&[(
        "ch.md",
        "<p><ruby>漢字<rp>(</rp><rt>かんじ</rt><rp>)</rp></ruby></p>\n",
    )]);
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(
        book.chapters[0].blocks,
        [Block::Paragraph(vec![Inline::Ruby(
            crate::book::Ruby::Group(crate::book::RubyPair {
                base: "漢字".into(),
                reading: "かんじ".into()
            })
        )])]
    );
}

#[test]
fn an_image_base_keeps_its_image_and_reading() {
    // A gaiji (a character as an image) under a reading, as the Japanese
    // EPUB production guide's sample writes it: the model's ruby base is
    // text, so the image stays and its reading follows in parentheses.
    let (inlines, warnings) = para(
        "お<ruby><img class=\"gaiji\" src=\"g.png\" alt=\"\"/><rt>か</rt>様<rt>さま</rt></ruby>は",
    );
    assert!(
        inlines.iter().any(|i| matches!(i, Inline::Image(_))),
        "{inlines:?}"
    );
    let plain = crate::book::plain_text(&inlines);
    assert!(plain.contains("（か）"), "{plain}");
    assert!(inlines.contains(&group("様", "さま")), "{inlines:?}");
    // The image file is not there (a placeholder stands for it); the ruby
    // says once what it did.
    let ruby: Vec<_> = warnings.iter().filter(|w| w.contains("<ruby>")).collect();
    assert_eq!(ruby.len(), 1, "{warnings:?}");
    assert!(ruby[0].contains("in parentheses"), "{ruby:?}");
}

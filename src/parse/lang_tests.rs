//! `lang` from Markdown: spans of inline HTML and chapter front matter.

use crate::book::{Block, Inline};
use crate::parse::parse_markdown_str;

fn text(s: &str) -> Inline {
    Inline::Text(s.into())
}

fn lang(tag: &str, content: Vec<Inline>) -> Inline {
    Inline::Lang {
        lang: tag.into(),
        content,
    }
}

/// The inlines of the first paragraph of `markdown`, and the warnings.
fn paragraph(markdown: &str) -> (Vec<Inline>, Vec<String>) {
    let (book, diags) = parse_markdown_str(markdown, "t").unwrap();
    let inlines = book
        .chapters
        .iter()
        .flat_map(|c| &c.blocks)
        .find_map(|b| match b {
            Block::Paragraph(i) => Some(i.clone()),
            _ => None,
        })
        .unwrap_or_default();
    (inlines, diags.iter().map(|d| d.to_string()).collect())
}

#[test]
fn a_paired_span_becomes_a_language_span() {
    let (inlines, warnings) = paragraph("中文<span lang=\"ja\">直</span>中文\n");
    assert_eq!(
        inlines,
        vec![text("中文"), lang("ja", vec![text("直")]), text("中文")]
    );
    assert!(warnings.is_empty(), "{warnings:?}");
    // `xml:lang`, other elements, and underscores repaired.
    let (inlines, _) = paragraph("<q xml:lang=\"zh_Hant\">臺</q> <em lang=\"ko\">한</em>\n");
    assert_eq!(
        inlines,
        vec![
            lang(
                "zh-Hant",
                vec![Inline::Phrase {
                    kind: crate::book::Phrase::Quote,
                    content: vec![text("臺")]
                }]
            ),
            text(" "),
            lang("ko", vec![Inline::Emphasis(vec![text("한")])]),
        ]
    );
}

#[test]
fn spans_nest_and_hold_markdown() {
    let (inlines, _) =
        paragraph("<span lang=\"ja\">日本**語**<span lang=\"en\">English</span>です</span>\n");
    assert_eq!(
        inlines,
        vec![lang(
            "ja",
            vec![
                text("日本"),
                Inline::Strong(vec![text("語")]),
                lang("en", vec![text("English")]),
                text("です"),
            ]
        )]
    );
}

#[test]
fn ruby_notation_is_read_inside_a_language_span() {
    let (inlines, _) = paragraph("<span lang=\"ja\">{漢字|かんじ}</span>\n");
    let [Inline::Lang { content, .. }] = inlines.as_slice() else {
        panic!("{inlines:?}");
    };
    assert!(
        matches!(content.as_slice(), [Inline::Ruby(_)]),
        "{content:?}"
    );
}

#[test]
fn an_unpaired_span_keeps_its_text_and_no_language() {
    // Left open to the paragraph's end: no language, as before.
    let (inlines, _) = paragraph("中文<span lang=\"ja\">直\n\n后文\n");
    assert_eq!(inlines, vec![text("中文直")]);
    // A stray end tag is dropped.
    let (inlines, _) = paragraph("中文</span>直\n");
    assert_eq!(inlines, vec![text("中文直")]);
    // An end tag closes the innermost open element of its name: here the
    // inner span, the outer one stays unpaired.
    let (inlines, _) = paragraph("<span lang=\"ja\">甲<span lang=\"ko\">乙</span>\n");
    assert_eq!(inlines, vec![text("甲"), lang("ko", vec![text("乙")])]);
    let (inlines, _) = paragraph("<span lang=\"ja\">甲<span lang=\"ko\">乙</span></span>\n");
    assert_eq!(
        inlines,
        vec![lang("ja", vec![text("甲"), lang("ko", vec![text("乙")])])]
    );
    // Closing an outer element closes the inner one without its end tag:
    // the inner one loses its language, the outer keeps its own.
    let (inlines, _) = paragraph("<b lang=\"ja\">甲<span lang=\"ko\">乙</b>\n");
    assert_eq!(
        inlines,
        vec![lang("ja", vec![Inline::Strong(vec![text("甲乙")])])]
    );
}

#[test]
fn a_bad_tag_is_dropped_with_one_warning_at_its_line() {
    let (inlines, warnings) = paragraph("第一行\n<span lang=\"日本語\" onclick=\"x\">直</span>\n");
    assert_eq!(inlines, vec![text("第一行"), Inline::SoftBreak, text("直")]);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("t.md:2") && warnings[0].contains("日本語"),
        "{warnings:?}"
    );
}

#[test]
fn a_language_in_block_html_is_kept_only_when_well_formed() {
    let (book, diags) = parse_markdown_str(
        "<div lang=\"ja\">直</div>\n\n<div lang=\"ja--x\">直</div>\n",
        "t",
    )
    .unwrap();
    let warnings: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("t.md:3") && warnings[0].contains("ja--x"),
        "{warnings:?}"
    );
    let para = Block::Paragraph(vec![Inline::Text("直".into())]);
    assert_eq!(
        book.chapters[0].blocks,
        [
            Block::Div {
                attrs: crate::book::BlockAttrs {
                    lang: Some("ja".into()),
                    ..Default::default()
                },
                blocks: vec![para.clone()],
            },
            para
        ]
    );
}

#[test]
fn a_chapter_front_matter_lang_is_the_chapter_language() {
    let (book, diags) = crate::parse::tests::book_from(&[
        (
            "book.toml",
            "[book]\ntitle = \"书\"\nlanguage = \"zh-CN\"\n",
        ),
        ("01.md", "# 一\n\n中文\n"),
        ("02.md", "---\nlang: zh_Hant\n---\n# 二\n\n臺灣\n"),
        ("03.md", "---\nlang: zh-cn\n---\n# 三\n\n中文\n"),
        ("04.md", "---\nlang: C\n---\n# 四\n\n中文\n"),
    ]);
    let langs: Vec<Option<&str>> = book.chapters.iter().map(|c| c.lang.as_deref()).collect();
    // The book's own language, however written, is no change of language.
    assert_eq!(langs, [None, Some("zh-Hant"), None, None]);
    let warnings = crate::parse::tests::messages(&diags);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("04.md:1") && warnings[0].contains("\"C\""),
        "{warnings:?}"
    );
}

use super::*;
use crate::book::{Note, NoteRefSite};

fn text(s: &str) -> Inline {
    Inline::Text(s.into())
}

fn render_inlines(book: &Book, inlines: &[Inline]) -> String {
    let names = Names::new(book);
    let mut out = String::new();
    Writer::new(book, &names).inlines(&mut out, inlines);
    out
}

fn render_blocks(book: &Book, blocks: &[Block]) -> String {
    let names = Names::new(book);
    let mut out = String::new();
    Writer::new(book, &names).blocks(&mut out, blocks);
    out
}

#[test]
fn noteref_keeps_sup_outside_the_link() {
    let book = Book {
        notes: vec![Note {
            number: 1,
            id: "note-1".into(),
            blocks: vec![],
            refs: vec![NoteRefSite {
                chapter: 0,
                id: "ref-1".into(),
            }],
        }],
        ..Book::default()
    };
    let out = render_inlines(
        &book,
        &[Inline::NoteRef {
            note: 0,
            id: "ref-1".into(),
        }],
    );
    assert_eq!(
        out,
        "<sup><a epub:type=\"noteref\" role=\"doc-noteref\" href=\"notes.xhtml#note-1\" id=\"ref-1\">1</a></sup>"
    );
    // A dangling note index renders nothing rather than panicking.
    let out = render_inlines(
        &book,
        &[Inline::NoteRef {
            note: 7,
            id: "x".into(),
        }],
    );
    assert_eq!(out, "");
}

#[test]
fn repeated_ids_are_left_off_and_unknown_anchors_not_linked() {
    let heading = |id: &str| Block::Heading {
        level: 2,
        id: id.into(),
        content: vec![text("h")],
    };
    let link = |anchor: &str| Inline::Link {
        target: LinkTarget::Internal {
            chapter: 0,
            anchor: Some(anchor.into()),
        },
        title: None,
        content: vec![text("x")],
    };
    let book = Book {
        chapters: vec![crate::book::Chapter {
            id: "ch01".into(),
            blocks: vec![
                heading("dup"),
                heading("dup"),
                Block::Div {
                    attrs: crate::book::BlockAttrs {
                        id: Some("raw".into()),
                        ..Default::default()
                    },
                    blocks: vec![],
                },
                heading("raw"),
            ],
            ..Default::default()
        }],
        ..Book::default()
    };
    let names = Names::new(&book);
    let w = Writer::new(&book, &names);
    let mut out = String::new();
    w.blocks(&mut out, &book.chapters[0].blocks);
    w.inlines(&mut out, &[link("dup"), link("gone")]);
    assert_eq!(
        out,
        "<h2 id=\"dup\">h</h2>\n<h2>h</h2>\n<div id=\"raw\">\n</div>\n<h2>h</h2>\n<a href=\"ch01.xhtml#dup\">x</a><a href=\"ch01.xhtml\">x</a>"
    );
    w.begin_document();
    let mut out = String::new();
    w.blocks(&mut out, &book.chapters[0].blocks[..1]);
    assert_eq!(out, "<h2 id=\"dup\">h</h2>\n");
}

#[test]
fn soft_break_vanishes_between_han_only() {
    let book = Book::default();
    let out = render_inlines(&book, &[text("中"), Inline::SoftBreak, text("文")]);
    assert_eq!(out, "中文");
    let out = render_inlines(&book, &[text("a"), Inline::SoftBreak, text("b")]);
    assert_eq!(out, "a\nb");
    let out = render_inlines(
        &book,
        &[
            text("中"),
            Inline::SoftBreak,
            Inline::Strong(vec![text("AI")]),
        ],
    );
    assert_eq!(out, "中\n<strong>AI</strong>");
}

#[test]
fn links_refuse_scripts_and_resolve_chapters() {
    let book = Book {
        chapters: vec![crate::book::Chapter {
            id: "ch01".into(),
            blocks: vec![Block::Heading {
                level: 2,
                id: "sec 1".into(),
                content: vec![],
            }],
            ..Default::default()
        }],
        notes: vec![Note {
            number: 1,
            id: "note-1".into(),
            ..Note::default()
        }],
        ..Book::default()
    };
    let link = |target, content| Inline::Link {
        target,
        title: Some("t\"".into()),
        content,
    };
    let out = render_inlines(
        &book,
        &[
            link(
                LinkTarget::External("javascript:alert(1)".into()),
                vec![text("x")],
            ),
            link(
                LinkTarget::Internal {
                    chapter: 0,
                    anchor: Some("sec 1".into()),
                },
                vec![
                    text("x"),
                    Inline::NoteRef {
                        note: 0,
                        id: "r1".into(),
                    },
                ],
            ),
            link(
                LinkTarget::Internal {
                    chapter: 5,
                    anchor: None,
                },
                vec![text("x")],
            ),
        ],
    );
    assert_eq!(
        out,
        "x<a href=\"ch01.xhtml#sec_1\" title=\"t&quot;\">x<sup id=\"r1\">1</sup></a>x"
    );
}

#[test]
fn lists_tables_and_code() {
    let book = Book::default();
    let para = |s: &str| Block::Paragraph(vec![text(s)]);
    let out = render_blocks(
        &book,
        &[
            Block::List {
                start: Some(3),
                items: vec![ListItem {
                    task: Some(true),
                    blocks: vec![para("done")],
                }],
            },
            Block::Table {
                align: vec![Align::Right],
                head: vec![vec![text("h")]],
                rows: vec![vec![vec![text("c")], vec![text("extra")]]],
            },
            Block::CodeBlock {
                lang: Some("rust\" onload=x".into()),
                text: "a < b && c".into(),
            },
        ],
    );
    assert!(out.contains("<ol start=\"3\" class=\"tasks\">"), "{out}");
    assert!(
        out.contains("<span class=\"task done\">☑</span> done"),
        "{out}"
    );
    assert!(
        out.contains("<th scope=\"col\" class=\"align-right\">h</th>"),
        "{out}"
    );
    assert!(out.contains("<td>extra</td>"), "{out}");
    assert!(
        out.contains("<pre><code class=\"language-rust\">a &lt; b &amp;&amp; c</code></pre>"),
        "{out}"
    );
}

#[test]
fn deep_nesting_is_flattened() {
    let mut block = Block::Paragraph(vec![text("底")]);
    for _ in 0..10_000 {
        block = Block::BlockQuote(vec![block]);
    }
    let out = render_blocks(&Book::default(), std::slice::from_ref(&block));
    assert_eq!(out.matches("<blockquote>").count(), MAX_DEPTH + 1);
    assert!(out.contains("<p>底</p>"));
    std::mem::forget(block);
}

#[test]
fn ruby_is_one_element_with_rp_fallback_and_escaped() {
    use crate::book::{Ruby, RubyPair};
    let pair = |b: &str, r: &str| RubyPair {
        base: b.into(),
        reading: r.into(),
    };
    let book = Book::default();
    let out = render_inlines(
        &book,
        &[
            Inline::Ruby(Ruby::Mono(vec![pair("漢", "かん"), pair("字", "じ")])),
            Inline::SoftBreak,
            Inline::Ruby(Ruby::Group(pair("<&>", "\"x\""))),
        ],
    );
    assert_eq!(
        out,
        "<ruby>漢<rp>(</rp><rt>かん</rt><rp>)</rp>字<rp>(</rp><rt>じ</rt><rp>)</rp></ruby>\n\
         <ruby>&lt;&amp;&gt;<rp>(</rp><rt>&quot;x&quot;</rt><rp>)</rp></ruby>"
    );
    // A soft break between ruby words in Japanese vanishes like one
    // between their bases.
    let kanji = Inline::Ruby(Ruby::Group(pair("字", "じ")));
    let out = render_inlines(&book, &[kanji.clone(), Inline::SoftBreak, kanji]);
    assert!(!out.contains('\n'), "{out}");
}

#[test]
fn a_language_span_carries_both_attributes_and_soft_breaks_see_through_it() {
    let book = Book::default();
    let span = |s: &str| Inline::Lang {
        lang: "ja".into(),
        content: vec![Inline::Strong(vec![text(s)])],
    };
    let out = render_inlines(
        &book,
        &[text("中"), span("直"), Inline::SoftBreak, span("文")],
    );
    assert_eq!(
        out,
        "中<span lang=\"ja\" xml:lang=\"ja\"><strong>直</strong></span>\
         <span lang=\"ja\" xml:lang=\"ja\"><strong>文</strong></span>"
    );
}

#[test]
fn a_chapter_with_its_own_language_says_so_on_its_root() {
    let mut book = Book::default();
    book.meta.lang = "zh-CN".into();
    let chapter = |lang: Option<&str>| crate::book::Chapter {
        id: "ch01".into(),
        title: vec![text("後記")],
        lang: lang.map(str::to_string),
        ..Default::default()
    };
    book.chapters = vec![chapter(Some("zh-Hant")), chapter(None)];
    let names = Names::new(&book);
    let w = Writer::new(&book, &names);
    let own = super::super::pages::chapter_page(&w, 0, &book.chapters[0]);
    assert!(own.contains("<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"zh-Hant\" xml:lang=\"zh-Hant\">"), "{own}");
    let book_lang = super::super::pages::chapter_page(&w, 1, &book.chapters[1]);
    assert!(
        book_lang.contains("lang=\"zh-CN\" xml:lang=\"zh-CN\""),
        "{book_lang}"
    );
}

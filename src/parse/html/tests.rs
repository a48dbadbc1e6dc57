//! Raw HTML through the whole parser: each element, inline (inside
//! Markdown text) and as block HTML, into the model.

use crate::book::{Align, Block, BlockAttrs, Inline, Length, LinkTarget, Phrase};
use crate::parse::parse_markdown_str;

fn blocks(md: &str) -> (Vec<Block>, Vec<String>) {
    let (book, diags) = parse_markdown_str(md, "t").unwrap();
    let blocks = book.chapters.into_iter().flat_map(|c| c.blocks).collect();
    (blocks, diags.iter().map(|d| d.to_string()).collect())
}

fn text(s: &str) -> Inline {
    Inline::Text(s.into())
}

fn para(inlines: Vec<Inline>) -> Block {
    Block::Paragraph(inlines)
}

fn phrase(kind: Phrase, s: &str) -> Inline {
    Inline::Phrase {
        kind,
        content: vec![text(s)],
    }
}

fn div(attrs: BlockAttrs, blocks: Vec<Block>) -> Block {
    Block::Div { attrs, blocks }
}

fn centred() -> BlockAttrs {
    BlockAttrs {
        align: Align::Center,
        ..BlockAttrs::default()
    }
}

const PHRASES: &str = "<q>q</q><abbr title=\"HyperText\">H</abbr><kbd>K</kbd><sup>2</sup>\
<sub>x</sub><small>s</small><mark>m</mark><cite>c</cite><dfn>d</dfn><bdi>b</bdi><u>u</u>";

fn phrases() -> Vec<Inline> {
    vec![
        phrase(Phrase::Quote, "q"),
        phrase(
            Phrase::Abbreviation {
                title: Some("HyperText".into()),
            },
            "H",
        ),
        phrase(Phrase::Keyboard, "K"),
        phrase(Phrase::Superscript, "2"),
        phrase(Phrase::Subscript, "x"),
        phrase(Phrase::Small, "s"),
        phrase(Phrase::Mark, "m"),
        phrase(Phrase::Cite, "c"),
        phrase(Phrase::Definition, "d"),
        phrase(Phrase::Isolate, "b"),
        phrase(Phrase::Underline, "u"),
    ]
}

#[test]
fn phrasing_elements_are_phrases_inline_and_in_block_html() {
    let (inline, w) = blocks(&format!("a {PHRASES}\n"));
    assert!(w.is_empty(), "{w:?}");
    let mut want = vec![text("a ")];
    want.extend(phrases());
    assert_eq!(inline, [para(want)]);
    let (block, w) = blocks(&format!("<p>{PHRASES}</p>\n"));
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(block, [para(phrases())]);
}

#[test]
fn emphasis_code_breaks_and_links() {
    // A level-1 heading titles the chapter, so the `<h2>` stays in it.
    let md = "# C\n\n<h2 id=\"top\">Top</h2>\n\n<p><b>b</b> <i>i</i> <code>c</code><br>\n<a href=\"https://x.org\">w</a> \
              <a href=\"#top\">t</a> <a href=\"javascript:evil()\">j</a></p>\n";
    let (b, w) = blocks(md);
    let [_, Block::Paragraph(p)] = b.as_slice() else {
        panic!("{b:?}")
    };
    assert_eq!(p[0], Inline::Strong(vec![text("b")]));
    assert_eq!(p[2], Inline::Emphasis(vec![text("i")]));
    assert_eq!(p[4], Inline::Code("c".into()));
    assert_eq!(p[5], Inline::LineBreak);
    assert_eq!(p[6], Inline::SoftBreak);
    assert!(
        matches!(&p[7], Inline::Link { target: LinkTarget::External(u), .. } if u == "https://x.org")
    );
    assert!(
        matches!(&p[9], Inline::Link { target: LinkTarget::Internal { anchor: Some(a), .. }, .. } if a == "top")
    );
    // `javascript:` is refused by the same code as a Markdown link's.
    assert_eq!(p.last(), Some(&text(" j")));
    assert!(w.iter().any(|w| w.contains("javascript:evil()")), "{w:?}");
}

#[test]
fn a_block_element_holds_the_markdown_between_its_tags() {
    let (b, w) = blocks("<div align=\"center\">\n\n**md**\n\n</div>\n\nafter\n");
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(
        b,
        [
            div(
                centred(),
                vec![para(vec![Inline::Strong(vec![text("md")])])]
            ),
            para(vec![text("after")])
        ]
    );
    // Left open: closed by the end of the file.
    let (b, _) = blocks("<div lang=\"ja\">\n\n直\n");
    let attrs = BlockAttrs {
        lang: Some("ja".into()),
        ..BlockAttrs::default()
    };
    assert_eq!(b, [div(attrs, vec![para(vec![text("直")])])]);
}

#[test]
fn details_keep_their_summary_and_markdown_body() {
    let md =
        "<details>\n<summary>Show <b>more</b></summary>\n\nbody *md*\n\n- item\n\n</details>\n";
    let (b, w) = blocks(md);
    assert!(w.is_empty(), "{w:?}");
    let [Block::Details { summary, blocks }] = b.as_slice() else {
        panic!("{b:?}")
    };
    assert_eq!(
        summary,
        &[text("Show "), Inline::Strong(vec![text("more")])]
    );
    assert_eq!(
        blocks[0],
        para(vec![text("body "), Inline::Emphasis(vec![text("md")])])
    );
    assert!(matches!(blocks[1], Block::List { .. }));
}

#[test]
fn paragraphs_and_headings_keep_align_and_ids() {
    let (b, w) = blocks("# C\n\n<p align=\"center\">x</p>\n\n<h2 id=\"top\">T</h2>\n\n<h3 align=right>U</h3>\n\n[to](#top)\n");
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(b[0], div(centred(), vec![para(vec![text("x")])]));
    assert!(matches!(&b[1], Block::Heading { level: 2, id, .. } if id == "top"));
    let Block::Div { attrs, blocks } = &b[2] else {
        panic!("{b:?}")
    };
    assert_eq!(attrs.align, Align::Right);
    assert!(matches!(&blocks[0], Block::Heading { level: 3, .. }));
}

#[test]
fn lists_definition_lists_tables_quotes_code_and_rules() {
    let md = "<ol start=3><li>a<li><p>b</p></ol>\n\n<dl><dt>term<dd>def</dl>\n\n\
              <table><thead><tr><th>h1<th>h2</thead><tr><td>1<td>2</table>\n\n\
              <blockquote>q</blockquote>\n\n<pre><code class=\"language-rust\">fn x() {\n    a &lt; b\n}\n</code></pre>\n\n<hr>\n";
    let (b, w) = blocks(md);
    assert!(w.is_empty(), "{w:?}");
    let Block::List { start, items } = &b[0] else {
        panic!("{b:?}")
    };
    assert_eq!(*start, Some(3));
    assert_eq!(items.len(), 2);
    assert_eq!(items[1].blocks, [para(vec![text("b")])]);
    let Block::DefinitionList(terms) = &b[1] else {
        panic!("{b:?}")
    };
    assert_eq!(terms[0].term, [text("term")]);
    assert_eq!(terms[0].definitions, [vec![para(vec![text("def")])]]);
    let Block::Table { head, rows, .. } = &b[2] else {
        panic!("{b:?}")
    };
    assert_eq!(head, &[vec![text("h1")], vec![text("h2")]]);
    assert_eq!(rows, &[vec![vec![text("1")], vec![text("2")]]]);
    assert_eq!(b[3], Block::BlockQuote(vec![para(vec![text("q")])]));
    assert_eq!(
        b[4],
        Block::CodeBlock {
            lang: Some("rust".into()),
            text: "fn x() {\n    a < b\n}\n".into()
        }
    );
    assert_eq!(b[5], Block::Rule);
}

#[test]
fn an_mdbook_caption_line_is_the_caption_of_the_figure_before_it() {
    // The Rust book's form: an image, then a caption span alone in its
    // paragraph. A second caption line, a caption after a listing and one
    // after a figure that has a caption stay caption lines.
    let md = "<img alt=\"Two lists\" src=\"l.svg\" class=\"center\" />\n\n\
              <span class=\"caption\">圖示 15-3：列表 `b`</span>\n\n\
              <span class=\"caption\">again</span>\n\n\
              ```rust\nfn main() {}\n```\n\n\
              <span class=\"caption\">範例 15-17</span>\n\n\
              ![A](a.png \"Titled\")\n\n\
              <span class=\"caption\">extra</span>\n";
    let (b, _) = blocks(md);
    let Block::Figure { image, caption, .. } = &b[0] else {
        panic!("{b:?}")
    };
    assert_eq!(image.alt, "Two lists");
    assert_eq!(
        caption,
        &[text("圖示 15-3：列表 "), Inline::Code("b".into())]
    );
    assert_eq!(b[1], para(vec![phrase(Phrase::Caption, "again")]));
    assert!(matches!(b[2], Block::CodeBlock { .. }), "{b:?}");
    assert_eq!(b[3], para(vec![phrase(Phrase::Caption, "範例 15-17")]));
    assert!(matches!(&b[4], Block::Figure { caption, .. } if caption == &[text("Titled")]));
    assert_eq!(b[5], para(vec![phrase(Phrase::Caption, "extra")]));
    assert_eq!(b.len(), 6, "{b:?}");
}

#[test]
fn images_alone_are_figures_with_their_size_and_caption() {
    let md = "<img src=\"a.png\" alt=\"An A\" width=\"50%\" height=\"120px\">\n\n\
              <p align=\"center\"><img src=\"b.png\" alt=\"B\"/></p>\n\n\
              <figure>\n<img src=\"c.png\" alt=\"C\">\n<figcaption>The <i>C</i></figcaption>\n</figure>\n\n\
              text <img src=\"d.png\" alt=\"D\"> inline\n";
    let (b, w) = blocks(md);
    let Block::Figure { image, caption, .. } = &b[0] else {
        panic!("{b:?}")
    };
    assert_eq!((image.src.as_str(), image.alt.as_str()), ("a.png", "An A"));
    assert_eq!(image.width, Some(Length::Percent(50.0)));
    assert_eq!(image.height, Some(Length::Px(120.0)));
    assert!(caption.is_empty());
    assert!(matches!(&b[1], Block::Figure { image, .. } if image.alt == "B"));
    let Block::Figure { image, caption, .. } = &b[2] else {
        panic!("{b:?}")
    };
    assert_eq!(image.alt, "C");
    assert_eq!(caption, &[text("The "), Inline::Emphasis(vec![text("C")])]);
    let Block::Paragraph(p) = &b[3] else {
        panic!("{b:?}")
    };
    assert!(matches!(&p[1], Inline::Image(i) if i.alt == "D"));
    // The in-memory book has no files: each image is reported at its line
    // by the assets code, like a Markdown image.
    assert_eq!(w.len(), 4, "{w:?}");
    assert!(w[0].contains("t.md:1") && w[0].contains("a.png"), "{w:?}");
}

#[test]
fn a_language_on_any_element_reaches_the_model() {
    let (b, _) = blocks(
        "<p><span lang=\"en\">Rust</span>中文</p>\n\n<blockquote lang=\"ja\">直</blockquote>\n",
    );
    assert_eq!(
        b[0],
        para(vec![
            Inline::Lang {
                lang: "en".into(),
                content: vec![text("Rust")]
            },
            text("中文")
        ])
    );
    let Block::Div { attrs, blocks } = &b[1] else {
        panic!("{b:?}")
    };
    assert_eq!(attrs.lang.as_deref(), Some("ja"));
    assert!(matches!(blocks[0], Block::BlockQuote(_)));
}

#[test]
fn unknown_elements_keep_their_text_with_one_warning_per_name() {
    let md =
        "<marquee>a</marquee>\n\nb <marquee>c</marquee> <blink>d</blink>\n\n<marquee>e</marquee>\n";
    let (b, w) = blocks(md);
    let all = crate::book::text::book_text(&crate::book::Book {
        chapters: vec![crate::book::Chapter {
            blocks: b,
            ..Default::default()
        }],
        ..Default::default()
    });
    for t in ["a", "c", "d", "e"] {
        assert!(all.contains(t), "{all}");
    }
    assert_eq!(w.len(), 2, "{w:?}");
    let marquee = w.iter().find(|w| w.contains("<marquee>")).unwrap();
    assert!(
        marquee.contains("t.md:1") && marquee.contains("3 times"),
        "{marquee}"
    );
}

#[test]
fn scripts_styles_and_svg_never_reach_the_book() {
    let md = "<div>\n<script>alert(1)</script><style>p{}</style>x<svg><path d=\"M0\"/><text>svg</text></svg>\n</div>\n\ny <script>alert(2)</script> z\n";
    let (b, w) = blocks(md);
    assert_eq!(b, [para(vec![text("x")]), para(vec![text("y  z")])]);
    assert_eq!(w.len(), 4, "{w:?}");
    assert!(!w.iter().any(|w| w.contains("<path>")), "{w:?}");
}

#[test]
fn entities_and_white_space() {
    let (b, _) = blocks("<p>\n  a&hellip;&bigstar;\n  b&nbsp;c\n</p>\n");
    assert_eq!(
        b,
        [para(vec![text("a…★"), Inline::SoftBreak, text("b\u{a0}c")])]
    );
}

#[test]
fn hostile_nesting_is_bounded() {
    let md = "<div>".repeat(5000) + "x" + &"</div>".repeat(5000) + "\n";
    let (b, _) = blocks(&md);
    let mut plain = String::new();
    crate::book::text::push_blocks(&mut plain, &b);
    assert_eq!(plain.trim(), "x");
    let md = "<details><summary>s</summary>".repeat(3000) + "\n";
    let (b, _) = blocks(&md);
    assert!(!b.is_empty());
}

#[test]
fn dir_is_kept_on_blocks_and_isolates_inline() {
    let (b, w) = blocks(
        "<div dir=\"rtl\" lang=\"he\">\n\nשלום\n\n</div>\n\nab <span dir=\"rtl\">שלום</span> cd\n",
    );
    assert!(w.is_empty(), "{w:?}");
    let Block::Div { attrs, .. } = &b[0] else {
        panic!("{b:?}")
    };
    assert_eq!(attrs.dir, Some(crate::book::Direction::Rtl));
    assert_eq!(attrs.lang.as_deref(), Some("he"));
    assert_eq!(
        b[1],
        para(vec![
            text("ab "),
            phrase(Phrase::Isolate, "שלום"),
            text(" cd")
        ])
    );
}

#[test]
fn a_markdown_block_ends_open_paragraphs_and_phrasing() {
    let (b, _) = blocks("<div><p>unclosed <b>bold\n\nText after.\n\n</div>\n");
    // (A div without attributes hands over its blocks.)
    assert_eq!(
        b,
        [
            para(vec![text("unclosed "), Inline::Strong(vec![text("bold")])]),
            para(vec![text("Text after.")])
        ]
    );
}

#[test]
fn element_ids_lead_to_the_nearest_heading() {
    // The Rust book keeps old anchors as empty `<a id>` before a heading.
    let md = "# C\n\nIntro.\n\n<a id=\"old-name\"></a>\n\n## New name\n\nText with <span id=\"inner\">a span</span>.\n\n[a](#old-name) [b](#inner)\n";
    let (b, w) = blocks(md);
    assert!(w.is_empty(), "{w:?}");
    let Some(Block::Heading { id, .. }) = b.iter().find(|b| matches!(b, Block::Heading { .. }))
    else {
        panic!("{b:?}")
    };
    let Some(Block::Paragraph(p)) = b.last() else {
        panic!("{b:?}")
    };
    let anchors: Vec<_> = p
        .iter()
        .filter_map(|i| match i {
            Inline::Link {
                target: LinkTarget::Internal { anchor, .. },
                ..
            } => anchor.clone(),
            _ => None,
        })
        .collect();
    assert_eq!(anchors, [id.clone(), id.clone()], "{p:?}");
}

//! The pandoc extensions through the whole parse, on the manual's own
//! examples: what reaches the model, and the lines of the warnings.

use crate::book::{Align, Block, Book, CalloutKind, Inline, Length, LinkTarget, Phrase};
use crate::parse::parse_markdown_str;
use crate::Diagnostic;

fn parse(text: &str) -> (Book, Vec<Diagnostic>) {
    parse_markdown_str(text, "t").unwrap()
}

/// The blocks of the first chapter (the text after `# T`).
fn blocks(text: &str) -> Vec<Block> {
    let (book, _) = parse(&format!("# T\n\n{text}"));
    book.chapters[0].blocks.clone()
}

fn warnings(diags: &[Diagnostic]) -> Vec<(usize, String)> {
    diags
        .iter()
        .map(|d| (d.location.as_ref().map_or(0, |l| l.line), d.message.clone()))
        .collect()
}

fn text(s: &str) -> Inline {
    Inline::Text(s.into())
}

#[test]
fn definition_lists() {
    let b = blocks(
        "Term 1\n\n:   Definition 1\n\nTerm 2 with *inline markup*\n\n:   Definition 2\n\n        { some code, part of Definition 2 }\n\n    Third paragraph of definition 2.\n",
    );
    let [Block::DefinitionList(items)] = b.as_slice() else {
        panic!("{b:?}")
    };
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].term, [text("Term 1")]);
    assert_eq!(
        items[0].definitions,
        [vec![Block::Paragraph(vec![text("Definition 1")])]]
    );
    assert_eq!(
        items[1].term[1],
        Inline::Emphasis(vec![text("inline markup")])
    );
    let second = &items[1].definitions[0];
    assert_eq!(second.len(), 3);
    assert!(matches!(&second[1], Block::CodeBlock { text, .. } if text.contains("some code")));
}

#[test]
fn tilde_definitions() {
    let b = blocks("Term 1\n  ~ Definition 1\n\nTerm 2\n  ~ Definition 2a\n  ~ Definition 2b\n");
    let [Block::DefinitionList(items)] = b.as_slice() else {
        panic!("{b:?}")
    };
    assert_eq!(items.len(), 2);
    assert_eq!(items[1].definitions.len(), 2);
    let b = blocks("~ not a definition\n");
    assert_eq!(b, [Block::Paragraph(vec![text("~ not a definition")])]);
}

#[test]
fn fenced_divs_nest_and_become_callouts() {
    let b = blocks(
        "::::: {#special .sidebar lang=ja}\nHere is a paragraph.\n\nAnd another.\n\n::: Warning ::::::\nThis is a warning.\n\n::: {.note}\nThis is a note inside.\n:::\n::::::::::::::::::\n:::::\n\nafter\n",
    );
    assert_eq!(b.len(), 2, "{b:?}");
    let Block::Div { attrs, blocks } = &b[0] else {
        panic!("{:?}", b[0])
    };
    assert_eq!(attrs.id.as_deref(), Some("special"));
    assert_eq!(attrs.classes, ["sidebar"]);
    assert_eq!(attrs.lang.as_deref(), Some("ja"));
    assert_eq!(blocks.len(), 3);
    let Block::Callout {
        kind,
        blocks: inner,
    } = &blocks[2]
    else {
        panic!("{:?}", blocks[2])
    };
    assert_eq!(*kind, CalloutKind::Warning);
    assert_eq!(inner[0], Block::Paragraph(vec![text("This is a warning.")]));
    assert!(matches!(
        &inner[1],
        Block::Callout {
            kind: CalloutKind::Note,
            ..
        }
    ));
    assert_eq!(b[1], Block::Paragraph(vec![text("after")]));
}

#[test]
fn div_ids_are_unique_and_linkable() {
    let (book, diags) = parse("# A {#x}\n\n::: {#x}\nin\n:::\n\n[to the div](#x)\n");
    let Block::Div { attrs, .. } = &book.chapters[0].blocks[0] else {
        panic!()
    };
    assert_eq!(attrs.id.as_deref(), Some("x-2"));
    assert!(diags.is_empty(), "{diags:?}");
}

#[test]
fn fenced_div_inside_a_definition() {
    let b = blocks(
        "`-f` *FORMAT*\n\n:   Specify input format.  *FORMAT* can be:\n\n    ::: {#input-formats}\n    - `bibtex` (BibTeX bibliography)\n    - `csv`\n    :::\n\n    Done.\n",
    );
    let [Block::DefinitionList(items)] = b.as_slice() else {
        panic!("{b:?}")
    };
    let def = &items[0].definitions[0];
    assert_eq!(def.len(), 3, "{def:?}");
    assert!(
        matches!(&def[1], Block::Div { blocks, .. } if matches!(blocks[0], Block::List { .. }))
    );
}

#[test]
fn fences_in_code_are_code_and_stray_fences_warn() {
    let b = blocks("    ::: {#special}\n    text\n    :::\n");
    assert!(matches!(&b[0], Block::CodeBlock { text, .. } if text.starts_with("::: {#special}")));
    let (_, diags) = parse("# T\n\n:::\n\n::: note\nopen\n");
    let w = warnings(&diags);
    assert_eq!(w.len(), 2, "{w:?}");
    assert_eq!(w[0].0, 3);
    assert!(w[0].1.contains("without an open fenced div"));
    assert_eq!(w[1].0, 5);
    assert!(w[1].1.contains("never closed"));
}

#[test]
fn warnings_after_rewritten_blocks_keep_their_lines() {
    let text = "# T\n\n::: note\n![a](missing-1.png)\n:::\n\n+---+---+\n| a | b |\n+===+===+\n| ![c](missing-2.png) | d |\n+---+---+\n\n| verse\n|   line\n\n![e](missing-3.png)\n";
    let (_, diags) = parse(text);
    let lines: Vec<usize> = warnings(&diags).iter().map(|w| w.0).collect();
    assert_eq!(lines, [4, 10, 16]);
}

#[test]
fn bracketed_spans() {
    let b = blocks("[This is *some text*]{.class key=\"val\"} and [Small]{.smallcaps} and [Ja]{lang=ja} and [u]{.underline}\n");
    let Block::Paragraph(p) = &b[0] else { panic!() };
    assert_eq!(p[0], text("This is "));
    assert_eq!(p[1], Inline::Emphasis(vec![text("some text")]));
    assert_eq!(p[2], text(" and "));
    assert_eq!(
        p[3],
        Inline::Phrase {
            kind: Phrase::SmallCaps,
            content: vec![text("Small")]
        }
    );
    assert_eq!(
        p[5],
        Inline::Lang {
            lang: "ja".into(),
            content: vec![text("Ja")]
        }
    );
    assert!(matches!(
        &p[7],
        Inline::Phrase {
            kind: Phrase::Underline,
            ..
        }
    ));
    // Not attributes: stays as written.
    let b = blocks("[x]{not attrs} and {漢字}\n");
    assert_eq!(
        b[0],
        Block::Paragraph(vec![text("[x]{not attrs} and {漢字}")])
    );
}

#[test]
fn heading_attributes() {
    let (book, _) = parse("# T\n\n## My heading {#foo .unnumbered}\n\n## Other {-}\n");
    let b = &book.chapters[0].blocks;
    assert!(
        matches!(&b[0], Block::Heading { id, content, .. } if id == "foo" && *content == [text("My heading")])
    );
    assert!(matches!(&b[1], Block::Heading { content, .. } if *content == [text("Other")]));
    let (book, _) = parse("# T\n\n## Hidden {.unlisted}\n\n## Shown\n");
    let b = &book.chapters[0].blocks;
    assert!(
        matches!(&b[0], Block::Div { attrs, blocks } if attrs.classes == ["unlisted"] && matches!(blocks[0], Block::Heading { .. }))
    );
    assert!(matches!(&b[1], Block::Heading { .. }));
}

#[test]
fn image_and_link_attributes() {
    let b = blocks("![a](x.png){width=50%} ![b](y.png){width=300px height=2in style=\"border: 1px solid grey;\"} [l](https://e.org){.c target=_blank}.\n");
    let Block::Paragraph(p) = &b[0] else { panic!() };
    let Inline::Image(a) = &p[0] else {
        panic!("{p:?}")
    };
    assert_eq!(a.width, Some(Length::Percent(50.0)));
    let Inline::Image(b) = &p[2] else {
        panic!("{p:?}")
    };
    assert_eq!(
        (b.width, b.height),
        (Some(Length::Px(300.0)), Some(Length::Px(192.0)))
    );
    assert!(matches!(&p[4], Inline::Link { .. }));
    assert_eq!(p[5], text("."));
    let all = crate::book::plain_text(p);
    assert!(!all.contains('{'), "{all}");
    // A link kept as text takes its attributes with it.
    let (book, _) = parse("# T\n\n[note](missing.html#n){.noteref #r-1} and [x](#nowhere){.c}.\n");
    let Block::Paragraph(p) = &book.chapters[0].blocks[0] else {
        panic!()
    };
    assert_eq!(crate::book::plain_text(p), "note and x.");
}

#[test]
fn implicit_heading_references() {
    let (book, diags) = parse(
        "# Heading identifiers in HTML\n\nSee [Heading identifiers in HTML], [heading identifiers in html][], [the section][Heading identifiers in HTML] and [Extension: `x_y`].\n\n# Extension: `x_y`\n\n[Nothing] stays.\n",
    );
    assert!(diags.is_empty(), "{diags:?}");
    let Block::Paragraph(p) = &book.chapters[0].blocks[0] else {
        panic!()
    };
    let anchors: Vec<(usize, Option<String>)> = p
        .iter()
        .filter_map(|i| match i {
            Inline::Link {
                target: LinkTarget::Internal { chapter, anchor },
                ..
            } => Some((*chapter, anchor.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(anchors.len(), 4, "{p:?}");
    assert_eq!(anchors[3].0, 1, "the link to the second chapter");
    assert_eq!(
        book.chapters[1].blocks[0],
        Block::Paragraph(vec![text("[Nothing] stays.")])
    );
}

#[test]
fn inline_notes_are_numbered_with_the_others() {
    let (book, diags) = parse(
        "# T\n\nHere is a footnote reference,[^1] and an inline note.^[Inline notes are *easier* to write, since\nyou don't have to pick an identifier.]\n\n[^1]: Here is the footnote.\n",
    );
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(book.notes.len(), 2);
    let Block::Paragraph(p) = &book.notes[1].blocks[0] else {
        panic!()
    };
    assert_eq!(p[0], text("Inline notes are "));
    assert_eq!(p[1], Inline::Emphasis(vec![text("easier")]));
    let Block::Paragraph(body) = &book.chapters[0].blocks[0] else {
        panic!()
    };
    assert!(
        matches!(body.last(), Some(Inline::NoteRef { note: 1, .. })),
        "{body:?}"
    );
    assert!(!crate::book::plain_text(body).contains('^'));
}

#[test]
fn grid_table_cells_keep_every_line() {
    let b = blocks(
        "+---------------+--------------------+\n| Fruit         | Advantages         |\n+:==============+:==================:+\n| Bananas       | - built-in wrapper |\n|               | - bright color     |\n+---------------+--------------------+\n| ```           | ``` yaml           |\n| foo.md        | input-files:       |\n|               |   - foo.md         |\n| ```           | ```                |\n+---------------+--------------------+\n",
    );
    let [Block::Table { align, head, rows }] = b.as_slice() else {
        panic!("{b:?}")
    };
    assert_eq!(*align, [Align::Left, Align::Center]);
    assert_eq!(head[0], [text("Fruit")]);
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[0][1],
        [
            text("• "),
            text("built-in wrapper"),
            Inline::LineBreak,
            text("• "),
            text("bright color")
        ]
    );
    assert_eq!(
        rows[1][1],
        [
            Inline::Code("input-files:".into()),
            Inline::LineBreak,
            Inline::Code("\u{a0}\u{a0}- foo.md".into())
        ]
    );
}

#[test]
fn simple_and_multiline_tables() {
    let b = blocks(
        "  Right     Left     Center     Default\n-------     ------ ----------   -------\n     12     12        12            12\n    123     123       123          123\n\nTable:  Demonstration of simple table syntax.\n",
    );
    let Block::Table { align, head, rows } = &b[0] else {
        panic!("{b:?}")
    };
    assert_eq!(
        *align,
        [Align::Right, Align::Left, Align::Center, Align::None]
    );
    assert_eq!(head[3], [text("Default")]);
    assert_eq!(rows[1][0], [text("123")]);
    assert_eq!(
        b[1],
        Block::Paragraph(vec![text("Demonstration of simple table syntax.")])
    );

    let b = blocks(
        "-------------------------------------------------------------\n Centered   Default           Right Left\n  Header    Aligned         Aligned Aligned\n----------- ------- --------------- -------------------------\n   First    row                12.0 Example of a row that\n                                    spans multiple lines.\n\n  Second    row                 5.0 Here's another one.\n-------------------------------------------------------------\n",
    );
    let Block::Table { head, rows, .. } = &b[0] else {
        panic!("{b:?}")
    };
    assert_eq!(
        head[0],
        [text("Centered"), Inline::SoftBreak, text("Header")]
    );
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[0][3],
        [
            text("Example of a row that"),
            Inline::SoftBreak,
            text("spans multiple lines.")
        ]
    );
}

#[test]
fn title_block_sets_the_metadata() {
    let (book, _) = parse("% My title\n% John Doe; Jane Doe\n% 2006-06-15\n\n# One\n\ntext\n");
    assert_eq!(book.meta.title, "My title");
    assert_eq!(book.meta.authors, ["John Doe", "Jane Doe"]);
    assert_eq!(book.meta.date.as_deref(), Some("2006-06-15"));
    assert_eq!(book.chapters.len(), 1, "no preface made of the title block");
    let (book, _) = parse("---\ntitle: Front\n---\n% Block\n\ntext\n");
    assert_eq!(book.meta.title, "Front", "front matter wins");
}

#[test]
fn line_blocks_keep_lines_and_indents() {
    let b = blocks("| The limerick packs laughs anatomical\n|    But the good ones I've seen\n| 1. not a list\n");
    assert_eq!(
        b,
        [Block::Paragraph(vec![
            text("The limerick packs laughs anatomical"),
            Inline::LineBreak,
            text("\u{a0}\u{a0}\u{a0}But the good ones I've seen"),
            Inline::LineBreak,
            text("1. not a list"),
        ])]
    );
}

#[test]
fn superscript_subscript_and_strikethrough() {
    let b = blocks("H~2~O is a liquid.  2^10^ is 1024. ~~gone~~ and ~sub~.\n");
    let Block::Paragraph(p) = &b[0] else { panic!() };
    let sub = |s: &str| Inline::Phrase {
        kind: Phrase::Subscript,
        content: vec![text(s)],
    };
    let sup = Inline::Phrase {
        kind: Phrase::Superscript,
        content: vec![text("10")],
    };
    assert_eq!(p[1], sub("2"));
    assert_eq!(p[3], sup);
    assert_eq!(p[5], Inline::Strikethrough(vec![text("gone")]));
    assert_eq!(p[7], sub("sub"));
}

#[test]
fn citations_and_diagrams_warn_once() {
    let (book, diags) = parse(
        "# T\n\nBlah [see @doe99, pp. 33-35; also @smith04]. Mail a@b.org.\n\n@item1 says.\n\n```mermaid\ngraph TD; A-->B\n```\n\n```dot\ndigraph { a -> b }\n```\n\n```mermaid\nx\n```\n",
    );
    let w = warnings(&diags);
    assert_eq!(w.len(), 2, "{w:?}");
    assert_eq!(w[0].0, 3);
    assert!(w[0].1.starts_with("3 citations"), "{}", w[0].1);
    assert_eq!(w[1].0, 7);
    assert!(
        w[1].1.starts_with("3 diagrams (mermaid, dot) kept as code"),
        "{}",
        w[1].1
    );
    let code = book.chapters[0]
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::CodeBlock { .. }))
        .count();
    assert_eq!(code, 3);
}

#[test]
fn commonmark_is_unchanged() {
    let text = "# T\n\nA [link](#t), `code {.x}`, *em* and **strong**.\n\n- a\n- b\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n> quote\n";
    let prepared = super::prepare(text, &[]);
    assert_eq!(prepared.body, text);
    assert!(prepared.line_map.is_empty());
    let (book, diags) = parse(text);
    assert!(diags.is_empty());
    assert!(matches!(book.chapters[0].blocks[2], Block::Table { .. }));
}

#[test]
fn hostile_nesting_is_bounded() {
    let deep = ":::: {.a}\n".repeat(500) + "x\n" + &"::::\n".repeat(500);
    let (book, _) = parse(&deep);
    let mut depth = 0;
    let mut blocks = &book.chapters[0].blocks;
    while let Some(Block::Div { blocks: inner, .. }) = blocks.first() {
        depth += 1;
        blocks = inner;
    }
    assert!(depth <= 500);
    let brackets = "^[".repeat(3000) + &"]".repeat(3000);
    let _ = parse(&brackets);
}

#[test]
fn an_attribute_line_after_a_heading_belongs_to_it() {
    // VFM writes the heading's attributes on the next line.
    let (book, diags) = parse(
        "# T\n\n## Part\n{.font-1em30 #toc-002}\n\nText and a [link](#toc-002).\n\n{.not-after-a-heading}\n",
    );
    let b = &book.chapters[0].blocks;
    assert!(matches!(&b[0], Block::Heading { .. }), "{b:?}");
    let Block::Paragraph(p) = &b[1] else {
        panic!("{b:?}")
    };
    let Some(Inline::Link {
        target: LinkTarget::Internal { anchor, .. },
        ..
    }) = p.get(1)
    else {
        panic!("{p:?}")
    };
    let Block::Heading { id, .. } = &b[0] else {
        unreachable!()
    };
    assert_eq!(anchor.as_ref(), Some(id), "the link lands on the heading");
    // Attributes after a paragraph are text: nothing says what they mean.
    assert_eq!(b[2], Block::Paragraph(vec![text("{.not-after-a-heading}")]));
    assert!(warnings(&diags).is_empty(), "{diags:?}");
}

#[test]
fn a_colon_glued_to_a_word_starts_no_definition() {
    // d2lbook's figure labels: pandoc wants a space after the colon.
    let b = blocks("![A plot](x.svg)\n:label:`fig_x`\n\nTerm\n\n:   Definition\n");
    assert!(!matches!(b[0], Block::DefinitionList(_)), "{b:?}");
    assert!(matches!(b.last(), Some(Block::DefinitionList(_))), "{b:?}");
}

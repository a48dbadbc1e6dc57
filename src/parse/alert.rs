//! GitHub alerts: a block quote whose first line is only `[!NOTE]`,
//! `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]` or `[!CAUTION]` (any case)
//! becomes a [`Block::Callout`]. Anything else on that line, or an
//! unknown kind, leaves a plain quote with every word as typed.

use crate::book::{Block, CalloutKind, Inline};

/// The block a closed block quote becomes.
pub fn quote(mut blocks: Vec<Block>) -> Block {
    let Some(kind) = marker_kind(&blocks) else {
        return Block::BlockQuote(blocks);
    };
    // The marker is the first text node of the first paragraph, alone
    // on its line: drop it and the line break after it.
    if let Some(Block::Paragraph(inlines)) = blocks.first_mut() {
        inlines.remove(0);
        if matches!(inlines.first(), Some(Inline::SoftBreak | Inline::LineBreak)) {
            inlines.remove(0);
        }
        if inlines.is_empty() {
            blocks.remove(0);
        }
    }
    Block::Callout { kind, blocks }
}

/// The kind named by a marker alone on the quote's first line.
fn marker_kind(blocks: &[Block]) -> Option<CalloutKind> {
    let Some(Block::Paragraph(inlines)) = blocks.first() else {
        return None;
    };
    let Some(Inline::Text(first)) = inlines.first() else {
        return None;
    };
    let alone = matches!(
        inlines.get(1),
        None | Some(Inline::SoftBreak | Inline::LineBreak)
    );
    let name = first.trim_end().strip_prefix("[!")?.strip_suffix(']')?;
    alone.then_some(())?;
    CalloutKind::from_marker(name)
}

#[cfg(test)]
mod tests {
    use crate::book::{Block, CalloutKind, Inline};
    use crate::parse::tests::book_from;

    fn blocks(source: &str) -> Vec<Block> {
        let (book, _) = book_from(&[("a.md", &format!("# T\n\n{source}"))]);
        book.chapters[0].blocks.clone()
    }

    fn text(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    #[test]
    fn every_marker_makes_a_callout_of_its_kind() {
        for (marker, kind) in [
            ("[!NOTE]", CalloutKind::Note),
            ("[!tip]", CalloutKind::Tip),
            ("[!Important]", CalloutKind::Important),
            ("[!WARNING]", CalloutKind::Warning),
            ("[!CAUTION]", CalloutKind::Caution),
        ] {
            let got = blocks(&format!("> {marker}\n> Mind the *gap*.\n"));
            assert_eq!(
                got,
                vec![Block::Callout {
                    kind,
                    blocks: vec![Block::Paragraph(vec![
                        text("Mind the "),
                        Inline::Emphasis(vec![text("gap")]),
                        text("."),
                    ])],
                }],
                "{marker}"
            );
        }
    }

    #[test]
    fn a_marker_paragraph_of_its_own_is_dropped_whole() {
        let got = blocks("> [!WARNING]\n>\n> First.\n>\n> Second.\n");
        assert_eq!(
            got,
            vec![Block::Callout {
                kind: CalloutKind::Warning,
                blocks: vec![
                    Block::Paragraph(vec![text("First.")]),
                    Block::Paragraph(vec![text("Second.")]),
                ],
            }]
        );
    }

    #[test]
    fn anything_else_stays_a_plain_quote() {
        for source in [
            "> [!NOTE] and more\n> text\n",
            "> [!HINT]\n> text\n",
            "> Note: [!NOTE]\n> text\n",
            "> [NOTE]\n> text\n",
        ] {
            let got = blocks(source);
            let [Block::BlockQuote(inner)] = got.as_slice() else {
                panic!("{source:?} became {got:?}");
            };
            let Block::Paragraph(inlines) = &inner[0] else {
                panic!("{inner:?}");
            };
            let first = crate::book::plain_text(inlines);
            assert!(
                first.starts_with(source[2..].lines().next().unwrap()),
                "{source:?} lost text: {first:?}"
            );
        }
    }
}

//! Block elements into blocks, once each has closed with what it holds:
//! `<p>` a paragraph, `<h2>` a heading, `<div align="center" lang="ja">`
//! a [`Block::Div`] with those attributes, `<figure>` and a lone `<img>` a
//! [`Block::Figure`], `<details>` a [`Block::Details`], `<table>` a table.
//! Where a child goes in its parent (an `<li>` into its list, a `<td>`
//! into its row) is decided in `parse::markdown::html_close`,
//! which collects them in the parent's [`BlockTag`].

use super::attrs;
use crate::book::{Align, Block, BlockAttrs, DefinitionItem, Direction, Image, Inline, ListItem};
use crate::parse::sink::FileSink;

/// An open block element and what its children have handed it so far.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BlockTag {
    pub name: String,
    /// The id as written; made unique in the book when the block is made.
    pub id: Option<String>,
    /// Classes, language and alignment (the id is set at the end).
    pub attrs: BlockAttrs,
    pub line: usize,
    /// `<ol start>`.
    pub start: Option<u64>,
    /// `<li>`s of a list.
    pub items: Vec<ListItem>,
    /// `<dt>`/`<dd>` of a definition list.
    pub terms: Vec<DefinitionItem>,
    /// `<summary>` of a `<details>`.
    pub summary: Option<Vec<Inline>>,
    /// `<figcaption>` of a figure.
    pub caption: Vec<Inline>,
    /// Rows of a table, each with whether it is a header row.
    pub rows: Vec<(Vec<Vec<Inline>>, bool)>,
    /// Cells of a row, and whether all of them are `<th>`.
    pub cells: Vec<Vec<Inline>>,
    pub all_th: bool,
    /// Inside the `<thead>` of a table.
    pub in_head: bool,
}

impl BlockTag {
    /// `<name attrs…>` at `line`; the warning is for a `lang` that is not
    /// BCP 47 (dropped).
    pub fn open(name: &str, attrs: &[(String, String)], line: usize) -> (BlockTag, Option<String>) {
        let (lang, bad_lang) = match crate::parse::lang::of_attributes(name, attrs) {
            Ok(lang) => (lang, None),
            Err(why) => (None, Some(why)),
        };
        let align = match name {
            "center" => Align::Center,
            _ => attrs::align(attrs),
        };
        let tag = BlockTag {
            name: name.to_string(),
            id: attrs::get(attrs, "id")
                .map(str::trim)
                .filter(|id| !id.is_empty())
                .map(str::to_string),
            attrs: BlockAttrs {
                id: None,
                classes: attrs::classes(attrs),
                lang,
                align,
                dir: attrs::get(attrs, "dir").and_then(Direction::parse),
            },
            line,
            start: match name {
                "ol" => Some(
                    attrs::get(attrs, "start")
                        .and_then(|s| s.trim().parse().ok())
                        .unwrap_or(1),
                ),
                _ => None,
            },
            all_th: true,
            ..BlockTag::default()
        };
        (tag, bad_lang)
    }

    /// True when the element says something a [`Block::Div`] keeps.
    fn has_attrs(&self) -> bool {
        self.id.is_some()
            || !self.attrs.classes.is_empty()
            || self.attrs.lang.is_some()
            || self.attrs.align != Align::None
            || self.attrs.dir.is_some()
    }

    /// `blocks` in a div carrying this element's attributes, when it has
    /// any; else the blocks alone.
    fn wrap(&self, sink: &mut FileSink<'_, '_>, blocks: Vec<Block>) -> Vec<Block> {
        if !self.has_attrs() || blocks.is_empty() {
            return blocks;
        }
        let mut attrs = self.attrs.clone();
        attrs.id = self.id.as_deref().map(|id| sink.anchor_id(id));
        vec![Block::Div { attrs, blocks }]
    }
}

/// What a closed element holding inline content stands for, when it is
/// not a part its parent takes (a `<dt>` outside a `<dl>` is a
/// paragraph).
pub fn text_blocks(
    mut tag: BlockTag,
    inlines: Vec<Inline>,
    sink: &mut FileSink<'_, '_>,
) -> Vec<Block> {
    let inlines = trim(inlines);
    if inlines.is_empty() {
        return Vec::new();
    }
    if let Some(level) = heading_level(&tag.name) {
        let id = tag.id.take();
        let heading = sink.heading(level, id, inlines, tag.line);
        return tag.wrap(sink, vec![heading]);
    }
    if let Some(image) = lone_image(&inlines) {
        // A figure is centred anyway: `<p align="center"><img></p>`.
        if tag.attrs.classes.is_empty() && tag.attrs.lang.is_none() {
            let id = tag.id.take().map(|id| sink.anchor_id(&id));
            return vec![Block::Figure {
                image,
                caption: Vec::new(),
                id,
            }];
        }
        return tag.wrap(sink, vec![figure(image, Vec::new())]);
    }
    tag.wrap(sink, vec![Block::Paragraph(inlines)])
}

/// What a closed element holding blocks stands for, with the parts its
/// children handed it.
pub fn container_blocks(
    tag: BlockTag,
    mut blocks: Vec<Block>,
    sink: &mut FileSink<'_, '_>,
) -> Vec<Block> {
    let made = match tag.name.as_str() {
        "blockquote" => vec![Block::BlockQuote(blocks)],
        "ul" | "ol" | "menu" => {
            let mut items = tag.items.clone();
            if !blocks.is_empty() {
                items.push(ListItem { task: None, blocks });
            }
            if items.is_empty() {
                return Vec::new();
            }
            vec![Block::List {
                start: tag.start,
                items,
            }]
        }
        "dl" => {
            let mut out = Vec::new();
            if !tag.terms.is_empty() {
                out.push(Block::DefinitionList(tag.terms.clone()));
            }
            out.append(&mut blocks);
            out
        }
        "details" => vec![Block::Details {
            summary: tag.summary.clone().unwrap_or_default(),
            blocks,
        }],
        "figure" => figure_of(&tag, blocks),
        "table" => {
            let mut out = Vec::new();
            if !tag.rows.is_empty() {
                out.push(table(tag.rows.clone()));
            }
            out.append(&mut blocks);
            out
        }
        // A row outside a table: its cells as paragraphs.
        "tr" => {
            let cells = tag.cells.iter().cloned().map(trim);
            cells
                .filter(|c| !c.is_empty())
                .map(Block::Paragraph)
                .collect()
        }
        name if super::element(name) == super::Element::Drop => return Vec::new(),
        // `div`, `section`, `center`…, and `li`/`dd` out of place.
        _ => blocks,
    };
    tag.wrap(sink, made)
}

/// A `<figure>`: its image and caption, or, holding something else, its
/// blocks with the caption after them.
fn figure_of(tag: &BlockTag, mut blocks: Vec<Block>) -> Vec<Block> {
    let image = match blocks.as_slice() {
        [Block::Figure { image, .. }] => Some(image.clone()),
        [Block::Paragraph(inlines)] => lone_image(inlines),
        _ => None,
    };
    match image {
        Some(image) => vec![figure(image, tag.caption.clone())],
        None => {
            if !tag.caption.is_empty() {
                blocks.push(Block::Paragraph(tag.caption.clone()));
            }
            blocks
        }
    }
}

fn figure(image: Image, caption: Vec<Inline>) -> Block {
    Block::Figure {
        image,
        caption,
        id: None,
    }
}

/// The rows of an HTML table as a model table: the first row is the head
/// when it was in `<thead>` or all `<th>`; rows are padded to one width.
fn table(mut rows: Vec<(Vec<Vec<Inline>>, bool)>) -> Block {
    let head = match rows.first() {
        Some((_, true)) => rows.remove(0).0,
        _ => Vec::new(),
    };
    let mut rows: Vec<Vec<Vec<Inline>>> = rows.into_iter().map(|(r, _)| r).collect();
    let columns = rows.iter().chain([&head]).map(Vec::len).max().unwrap_or(0);
    for row in &mut rows {
        row.resize(columns, Vec::new());
    }
    let mut head = head;
    if !head.is_empty() {
        head.resize(columns, Vec::new());
    }
    Block::Table {
        align: vec![Align::None; columns],
        head,
        rows,
    }
}

/// `h1` to `h6`: the level.
pub fn heading_level(name: &str) -> Option<u8> {
    match name.as_bytes() {
        [b'h', d @ b'1'..=b'6'] => Some(d - b'0'),
        _ => None,
    }
}

/// The one image of inline content that holds nothing else but spaces
/// and breaks.
pub fn lone_image(inlines: &[Inline]) -> Option<Image> {
    let mut found = None;
    for inline in inlines {
        match inline {
            Inline::Image(image) if found.is_none() => found = Some(image.clone()),
            Inline::SoftBreak | Inline::LineBreak => {}
            Inline::Text(t) if is_blank(t) => {}
            _ => return None,
        }
    }
    found
}

/// Inline content without the white space HTML source puts around it.
pub fn trim(mut inlines: Vec<Inline>) -> Vec<Inline> {
    let blank = |i: &Inline| match i {
        Inline::SoftBreak => true,
        Inline::Text(t) => is_blank(t),
        _ => false,
    };
    while inlines.last().is_some_and(blank) {
        inlines.pop();
    }
    let lead = inlines.iter().take_while(|i| blank(i)).count();
    inlines.drain(..lead);
    if let Some(Inline::Text(t)) = inlines.first_mut() {
        *t = t.trim_start_matches(is_space).to_string();
    }
    if let Some(Inline::Text(t)) = inlines.last_mut() {
        *t = t.trim_end_matches(is_space).to_string();
    }
    inlines
}

/// HTML's white space: ASCII only. An ideographic space (U+3000) opening
/// a Japanese paragraph, or a no-break space, is text.
pub fn is_space(c: char) -> bool {
    c.is_ascii_whitespace()
}

/// Only HTML white space.
pub fn is_blank(text: &str) -> bool {
    text.chars().all(is_space)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_source_white_space() {
        let t = |s: &str| Inline::Text(s.into());
        assert_eq!(
            trim(vec![
                Inline::SoftBreak,
                t("  a "),
                Inline::SoftBreak,
                t("b \n"),
                t(" ")
            ]),
            [t("a "), Inline::SoftBreak, t("b")]
        );
        // A Japanese paragraph's opening ideographic space is text.
        assert_eq!(trim(vec![t("\n\u{3000}ある")]), [t("\u{3000}ある")]);
    }

    #[test]
    fn finds_a_lone_image_and_heading_levels() {
        let img = Inline::Image(Image::default());
        assert!(lone_image(&[Inline::SoftBreak, img.clone(), Inline::Text(" ".into())]).is_some());
        assert!(lone_image(&[img.clone(), img.clone()]).is_none());
        assert!(lone_image(&[img, Inline::Text("x".into())]).is_none());
        assert_eq!(heading_level("h3"), Some(3));
        assert_eq!(heading_level("h7"), None);
        assert_eq!(heading_level("hr"), None);
    }

    #[test]
    fn tables_get_a_head_and_one_width() {
        let c = |s: &str| vec![Inline::Text(s.into())];
        let Block::Table { head, rows, align } = table(vec![
            (vec![c("a"), c("b")], true),
            (vec![c("1")], false),
            (vec![c("2"), c("3"), c("4")], false),
        ]) else {
            panic!()
        };
        assert_eq!(head.len(), 3);
        assert!(rows.iter().all(|r| r.len() == 3));
        assert_eq!(align.len(), 3);
    }
}

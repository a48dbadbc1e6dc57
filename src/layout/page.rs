//! The laid-out document: the one contract between the layout engine and
//! the PDF writer.
//!
//! Units are PDF points (1/72 in). Coordinates have their origin at the
//! top-left corner of the page, y growing downwards; the writer flips them.

use compact_str::CompactString;

use crate::book::AssetId;
use crate::fonts::FaceId;

/// A whole laid-out document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// Shared: a watch session puts the pages an edit did not change into
    /// the next build's document as they are (see `layout::Reuse`).
    pub pages: Vec<std::sync::Arc<Page>>,
    /// Bookmarks, nested like the table of contents.
    pub outline: Vec<OutlineItem>,
    /// The logical structure, in reading order, for a tagged PDF: what
    /// each drawn item is part of ([`Page::tags`]). A node's children are
    /// the nodes that name it as parent, in id order; nodes without a
    /// parent are the document's own parts.
    pub structure: Vec<StructNode>,
}

impl Document {
    /// Set in vertical columns (縦書き), so bound on the right: its pages
    /// turn from right to left (the PDF's `/Direction /R2L`). A document
    /// is vertical when its runs are.
    pub fn is_vertical(&self) -> bool {
        self.pages.iter().flat_map(|p| &p.items).any(
            |item| matches!(item, Item::Text(run) if run.orientation != Orientation::Horizontal),
        )
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    /// The page's number as the reader sees it (`iii`, `12`), the same the
    /// table of contents shows; empty for unnumbered pages. For the PDF's
    /// `/PageLabels`.
    pub label: String,
    pub items: Vec<Item>,
    pub links: Vec<Link>,
    /// Where in the book the page's first text comes from; `None` for a
    /// page left blank. The EPUB puts its print page markers there.
    pub start: Option<SourcePos>,
    /// The structure node each of `items` belongs to, in the same order;
    /// `None`, or an item past the end, is page furniture (an artifact:
    /// running heads, page numbers, rules, backgrounds, cover art).
    pub tags: Vec<Option<NodeId>>,
}

/// A place in the Book model, so that another output (the EPUB) can mark
/// where a printed page begins without knowing anything about pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SourcePos {
    pub part: SourcePart,
    /// The top-level block of the chapter (or note) the page starts in;
    /// `None`: the chapter's title, before its first block.
    pub block: Option<usize>,
    /// Letters and digits (`char::is_alphanumeric`) of that block drawn
    /// on earlier pages: the page starts before the next one. Counting
    /// only those keeps list markers, hyphens and quotation marks the
    /// layout adds out of the count.
    pub offset: usize,
}

/// The part of the book a [`SourcePos`] is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SourcePart {
    Cover,
    TitlePage,
    Contents,
    /// Index into `Book::chapters`.
    Chapter(usize),
    /// The notes appendix, before its first note (its heading).
    Notes,
    /// Index into `Book::notes`.
    Note(usize),
}

/// An index into [`Document::structure`].
pub type NodeId = u32;

/// One element of the logical structure (a paragraph, a heading, a cell).
#[derive(Debug, Clone, PartialEq)]
pub struct StructNode {
    pub role: StructRole,
    pub parent: Option<NodeId>,
    /// A text alternative: an image's alt text, a formula's TeX source.
    pub alt: Option<String>,
    /// The language of the element when it has its own (BCP 47).
    pub lang: Option<String>,
}

impl StructNode {
    pub fn new(role: StructRole, parent: Option<NodeId>) -> StructNode {
        StructNode {
            role,
            parent,
            alt: None,
            lang: None,
        }
    }
}

/// What a structure node is: the standard roles of a book.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StructRole {
    /// A chapter, the title page, the notes appendix.
    Sect,
    /// A heading of level 1–6.
    Heading(u8),
    P,
    /// A list, its items, an item's label (number) and body.
    L,
    LI,
    Lbl,
    LBody,
    Table,
    TR,
    /// A header cell, for its column (`true`) or its row.
    TH {
        column: bool,
    },
    TD,
    Figure,
    Caption,
    Formula,
    Code,
    BlockQuote,
    Div,
    /// Inline text in another language.
    Span,
    /// A note of the notes appendix.
    Note,
    /// A note reference in the text, or a contents entry's text.
    Reference,
    /// The text of a link (its annotation goes in it too).
    Link,
    TOC,
    TOCI,
}

/// Something drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text(GlyphRun),
    /// A straight line (rules, table borders, underlines, strikethrough).
    Line {
        from: (f32, f32),
        to: (f32, f32),
        width: f32,
        color: Color,
    },
    /// A filled rectangle (code block and table header backgrounds).
    Rect {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        color: Color,
    },
    /// An image scaled into the box whose top-left corner is (x, y).
    Image {
        asset: AssetId,
        x: f32,
        y: f32,
        width: f32,
        height: f32,
    },
}

/// Glyphs of one face and size on one baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct GlyphRun {
    pub face: FaceId,
    /// Font size in points.
    pub size: f32,
    /// Baseline of the run.
    pub y: f32,
    pub glyphs: Vec<PositionedGlyph>,
    /// Draw with fill and stroke to embolden a face that has no bold.
    pub synthetic_bold: bool,
    pub color: Color,
    /// How the glyphs stand: on a horizontal baseline (every run of a
    /// horizontal book), or in a vertical column (see [`Orientation`]).
    pub orientation: Orientation,
}

/// A run's writing direction and its glyphs' orientation. A vertical run
/// is a horizontal run turned a quarter clockwise, so its coordinates are
/// swapped: the run's `y` is a page *x* and each glyph's `x` a page *y*
/// (both from the top-left corner), and `y_offset` moves a glyph to the
/// right.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Orientation {
    #[default]
    Horizontal,
    /// Upright in a column, drawn in the font's vertical writing mode:
    /// `y` is the x of the column's centre line, a glyph's `x` the top of
    /// its em box; the glyph ids are the `vert` forms.
    Upright,
    /// Lying on its side (Latin words, long numbers), turned 90°
    /// clockwise: `y` is the x of the turned baseline, a glyph's `x` its
    /// pen position down it.
    Rotated,
}

/// A fill or stroke colour. Most of a book is gray levels (`g`/`G` in the
/// content stream); highlighted code and `\color` in math are RGB.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Color {
    /// 0 = black, 1 = white.
    Gray(f32),
    /// Red, green and blue, each 0..=1.
    Rgb(f32, f32, f32),
}

impl Color {
    pub const BLACK: Color = Color::Gray(0.0);
}

#[derive(Debug, Clone, PartialEq)]
pub struct PositionedGlyph {
    /// Glyph id in the face's original (not subset) numbering.
    pub gid: u16,
    /// Pen position of the glyph's origin on the page.
    pub x: f32,
    /// Vertical offset from the run's baseline (positive is up).
    pub y_offset: f32,
    /// The text this glyph stands for, for ToUnicode (copy and search).
    /// Empty for the second and later glyphs of a cluster. Inline up to 24
    /// bytes (a CJK character, a ligature's letters): a book has hundreds of
    /// thousands of glyphs, and a heap string each was a tenth of the
    /// layout's time.
    pub text: CompactString,
}

/// A clickable area.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
    pub target: Destination,
    /// The structure node of the text that is the link.
    pub node: Option<NodeId>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Destination {
    /// An external URL.
    Uri(String),
    /// A place in this document: page index (0-based) and y.
    Page { page: usize, y: f32 },
}

/// A bookmark.
#[derive(Debug, Clone, PartialEq)]
pub struct OutlineItem {
    pub title: String,
    pub page: usize,
    pub y: f32,
    pub children: Vec<OutlineItem>,
}

/// Lower-case roman numerals, as front matter page labels are written
/// (the writer reads them back into `/PageLabels` ranges).
pub fn roman(mut n: usize) -> String {
    const TABLE: [(usize, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (value, numeral) in TABLE {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn roman() {
        assert_eq!(super::roman(1), "i");
        assert_eq!(super::roman(4), "iv");
        assert_eq!(super::roman(14), "xiv");
        assert_eq!(super::roman(1999), "mcmxcix");
    }
}

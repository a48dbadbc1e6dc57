//! How a run of text is set, and the names of places links point at.
//!
//! Links are laid out before the pages they point to exist, so they name an
//! [`AnchorKey`]; the assembler resolves keys to page and y at the end.

use crate::fonts::{FontKey, Role};
use crate::layout::page::Color;
use crate::text::Locale;

/// A place in the document a link or bookmark can point at.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AnchorKey {
    /// The start of chapter `n` (index into `Book::chapters`).
    Chapter(usize),
    /// A heading or note reference id from the Book model.
    Id(String),
    /// Note `n` (index into `Book::notes`) in the notes appendix.
    Note(usize),
    /// The notes appendix heading.
    Notes,
    /// The table of contents.
    Contents,
    /// The title page.
    TitlePage,
}

/// Where a link goes, before page numbers are known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkRef {
    Uri(String),
    Anchor(AnchorKey),
}

/// The look of a run of text.
///
/// Emphasis: Chinese has no italics, and slanting Han glyphs is wrong
/// (clreq). In CJK books folio marks emphasis the Chinese way, with
/// emphasis dots (着重号) under each ideograph ([`Style::dots`]); the text
/// and its face stay unchanged, so nothing depends on a second font. In
/// other books emphasis is set in the heading role's face (Latin fonts
/// have no synthetic italic here either).
#[derive(Debug, Clone, PartialEq)]
pub struct Style {
    pub role: Role,
    /// Font size in points.
    pub size: f32,
    /// Set in a bold face, or emboldened (filled and stroked) where the
    /// face that has the glyph has no bold.
    pub bold: bool,
    /// The language of the run when it differs from the book's: its CJK
    /// glyph forms and fonts.
    pub locale: Option<Locale>,
    /// The language tag of a span in another language, as written: it
    /// reaches the tagged PDF as that span's `/Lang`.
    pub lang: Option<std::sync::Arc<str>>,
    pub strike: bool,
    /// `<u>`: a rule under the text.
    pub underline: bool,
    /// `<mark>`: a highlight behind the text.
    pub mark: bool,
    /// Code span: light gray background behind the run.
    pub code: bool,
    /// Raise and shrink (note references).
    pub superscript: bool,
    /// Lower and shrink (`~sub~`, `<sub>`).
    pub subscript: bool,
    /// Emphasis dots under each ideograph.
    pub dots: bool,
    /// The dots over the line instead: in a vertical book, where the
    /// turned line puts them to the right of the column (clreq, jlreq).
    pub dots_over: bool,
    pub link: Option<LinkRef>,
    pub color: Color,
}

impl Style {
    pub fn new(role: Role, size: f32) -> Style {
        Style {
            role,
            size,
            bold: false,
            locale: None,
            lang: None,
            strike: false,
            underline: false,
            mark: false,
            code: false,
            superscript: false,
            subscript: false,
            dots: false,
            dots_over: false,
            link: None,
            color: Color::BLACK,
        }
    }

    pub fn bold(mut self) -> Style {
        self.bold = true;
        self
    }

    /// What the run asks the fonts for.
    pub fn font_key(&self) -> FontKey {
        FontKey {
            role: self.role,
            bold: self.bold,
            locale: self.locale,
        }
    }

    /// The size glyphs are drawn at (superscripts are smaller).
    pub fn glyph_size(&self) -> f32 {
        if self.superscript || self.subscript {
            self.size * 0.6
        } else if self.code {
            self.size * 0.9
        } else {
            self.size
        }
    }

    /// Baseline shift, positive up.
    pub fn rise(&self) -> f32 {
        if self.superscript {
            self.size * 0.4
        } else if self.subscript {
            -self.size * 0.15
        } else {
            0.0
        }
    }
}

//! Inline content of the Book model: text and its phrasing (emphasis,
//! links, spans in another language, ruby, formulas, note references,
//! images), and its plain text for titles, search and alt text.

use super::{AnchorId, AssetId};

/// Inline content.
#[derive(Debug, Clone, PartialEq, Hash)]
pub enum Inline {
    /// Text exactly as written (no smart-punctuation rewriting).
    Text(String),
    Emphasis(Vec<Inline>),
    Strong(Vec<Inline>),
    Strikethrough(Vec<Inline>),
    Code(String),
    Link {
        target: LinkTarget,
        title: Option<String>,
        content: Vec<Inline>,
    },
    Image(Image),
    /// A reference to a footnote.
    NoteRef {
        /// Index into [`Book::notes`].
        note: usize,
        /// This reference's own anchor id (the note links back to it).
        id: AnchorId,
    },
    /// A hard line break.
    LineBreak,
    /// A soft line break in the source: a space in Latin text, nothing
    /// between CJK characters.
    SoftBreak,
    /// Ruby (furigana): readings set beside their base text.
    Ruby(Ruby),
    /// A run of text with a meaning of its own ([`Phrase`]).
    Phrase {
        kind: Phrase,
        content: Vec<Inline>,
    },
    /// Content in another language than its surroundings (`<span
    /// lang="ja">`): a Japanese quotation in a Chinese book keeps Japanese
    /// glyph forms, and reading systems pick the right voice and fonts.
    Lang {
        /// A well-formed BCP 47 tag, checked by the parser.
        lang: String,
        content: Vec<Inline>,
    },
    /// A formula in the text (`$…$`); see [`crate::math`].
    Math(Box<crate::math::Math>),
}

/// An image as written: the file it names and what stands in for it.
#[derive(Debug, Clone, PartialEq, Default, Hash)]
pub struct Image {
    /// `None` when the image could not be used (missing, remote, outside
    /// the book): renderers show a placeholder holding the alt text.
    pub asset: Option<AssetId>,
    /// The path or URL as written.
    pub src: String,
    pub alt: String,
    pub title: Option<String>,
    /// The size the author asked for (`width="300"`, `{width=50%}`);
    /// `None`: the image's own size, never past the text block.
    pub width: Option<Length>,
    pub height: Option<Length>,
    /// pandoc's `{#id}` after the image: the anchor links to it use (a
    /// figure made of the image takes it as its own id).
    pub id: Option<String>,
    /// Decorative on purpose (`{.decorative}`, or `alt=""` written out in
    /// HTML): an empty alt text is then no accessibility finding.
    pub decorative: bool,
}

/// A length as an author writes it for an image.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Length {
    /// CSS pixels (1/96 inch).
    Px(f32),
    /// Of the text block's width (or height).
    Percent(f32),
}

/// By the bits of the number, so that the model can be hashed (an
/// incremental rebuild finds the chapters that did not change by their
/// hash); the same length written twice hashes the same.
impl std::hash::Hash for Length {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        let (kind, value) = match self {
            Length::Px(v) => (0u8, v),
            Length::Percent(v) => (1, v),
        };
        kind.hash(state);
        value.to_bits().hash(state);
    }
}

/// Inline semantics beyond emphasis: what HTML's phrasing elements and
/// pandoc's extensions say about a run of text.
#[derive(Debug, Clone, PartialEq, Hash)]
pub enum Phrase {
    /// `^sup^`, `<sup>`.
    Superscript,
    /// `~sub~`, `<sub>`.
    Subscript,
    /// `[text]{.smallcaps}`.
    SmallCaps,
    /// `<small>`: side comments, fine print.
    Small,
    /// `<mark>`: highlighted.
    Mark,
    /// `<kbd>`: keys to press.
    Keyboard,
    /// `<cite>`: the title of a work.
    Cite,
    /// `<dfn>`: the defining instance of a term.
    Definition,
    /// `<abbr title>`: the expansion, when given.
    Abbreviation { title: Option<String> },
    /// `<q>`: an inline quotation; renderers add the locale's quotation
    /// marks.
    Quote,
    /// `<u>`, `[text]{.underline}`.
    Underline,
    /// `<bdi>`: text isolated from its surroundings' direction.
    Isolate,
    /// mdBook's `<span class="caption">` (the Rust book's "Figure 15-3:
    /// …", "Listing 15-17: …"): the caption of the figure or listing
    /// before it. Right after a figure without a caption it becomes that
    /// figure's caption; elsewhere it is set as a caption line.
    Caption,
    /// An author's own print page marker (`<span epub:type="pagebreak"
    /// aria-label="12">`), from an edition folio did not make: kept in the
    /// EPUB as written, nothing in the PDF. Its content is empty.
    PageBreak { label: String },
}

/// A ruby annotation. Plain-text views (titles, search, alt text) show only
/// the base; the readings are for the eye.
#[derive(Debug, Clone, PartialEq, Hash)]
pub enum Ruby {
    /// One reading per base character (`{漢字|かん|じ}`): each reading is
    /// centred on its own character, and a line may break between them.
    /// Every pair's base is one character (with any combining marks or
    /// variation selectors that follow it).
    Mono(Vec<RubyPair>),
    /// One reading over a whole word (`{漢字|かんじ}`): spread over the
    /// word, which never breaks across lines.
    Group(RubyPair),
}

/// A base and the reading set over it.
#[derive(Debug, Clone, PartialEq, Default, Hash)]
pub struct RubyPair {
    pub base: String,
    pub reading: String,
}

impl Ruby {
    /// The pairs in reading order (one for group ruby).
    pub fn pairs(&self) -> &[RubyPair] {
        match self {
            Ruby::Mono(pairs) => pairs,
            Ruby::Group(pair) => std::slice::from_ref(pair),
        }
    }

    /// The base text alone, as plain-text views show it.
    pub fn base_text(&self) -> String {
        self.pairs().iter().map(|p| p.base.as_str()).collect()
    }
}

/// Where a link points.
#[derive(Debug, Clone, PartialEq, Hash)]
pub enum LinkTarget {
    /// An absolute URL (`https:`, `mailto:`…), kept as is.
    External(String),
    /// A place inside the book: chapter index and optional anchor.
    Internal {
        chapter: usize,
        anchor: Option<AnchorId>,
    },
}

/// The plain text of inline content (no markup), for titles and search.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push_plain_text(inlines, &mut out);
    out
}

fn push_plain_text(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text(t) | Inline::Code(t) => out.push_str(t),
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) => {
                push_plain_text(c, out)
            }
            Inline::Link { content, .. }
            | Inline::Lang { content, .. }
            | Inline::Phrase { content, .. } => push_plain_text(content, out),
            Inline::Image(image) => out.push_str(&image.alt),
            Inline::NoteRef { .. } => {}
            Inline::LineBreak | Inline::SoftBreak => out.push(' '),
            Inline::Ruby(r) => out.push_str(&r.base_text()),
            Inline::Math(m) => out.push_str(&crate::math::plain_text(m)),
        }
    }
}

//! The PDF layout engine: paragraphs into lines, lines into pages. It knows
//! nothing of PDF syntax: its output is a [`page::Document`] of positioned
//! glyphs, rules, images and links, which the PDF writer serializes.
//!
//! The stages, one file each:
//!
//! - [`linebreak`]: break opportunities (UAX #14 + the Chinese 禁则), over
//!   the character classes of `script`;
//! - `inline` → `para` → `line` → `emit`: inline trees into styled runs,
//!   runs into shaped clusters and slots (CJK–Latin spacing, punctuation
//!   compression), greedy filling and justification, positioned lines;
//! - `linefit`: the breaks of a justified paragraph chosen together
//!   (total fit, in linear time; greedy filling is the fallback);
//! - `spacing`: the gap between two neighbours (compression by punctuation
//!   style and locale, the CJK–Latin space, shrink, line-end trim);
//! - `block`, `code`, `table`, `marker`, `group`, `figure` (images,
//!   captions, placeholders): every block of the Book model
//!   into flow lines (iteratively: no recursion over nesting);
//! - `flow`: flow lines into pages (widows, orphans, headings kept with
//!   their text);
//! - `sections`, `book_profile`, `handout`, `compose`, `geometry`: the
//!   parts of a book (cover, title, copyright, contents, chapters, notes),
//!   page numbers and labels, running heads, links and the outline;
//! - `vertical`: a vertical book (縦書き) is laid out by all of the above in
//!   its pages' turned frame ([`Geometry::vertical`]); this last stage maps
//!   each page back, lines into columns read right to left, each glyph
//!   upright (in its `vert` form), side by side (縦中横) or turned.
//!
//! Fonts are reached through the [`Shaper`] trait, so the tests can lay
//! out whole books with fixed-width fake glyphs and check every position.

mod block;
mod code;
mod code_style;
mod emit;
mod env;
mod figure;
mod flow;
mod group;
mod inline;
mod line;
pub mod linebreak;
mod linefit;
mod marker;
mod math;
pub mod memo;
pub mod page;
mod para;
mod ruby;
mod shape;
mod spacing;
mod structure;
mod style;
mod table;
mod tag;
mod vertical;

pub use shape::Shaper;
mod book_pages;
mod book_profile;
mod compose;
mod geometry;
mod handout;
mod sections;

pub use geometry::Geometry;

use crate::book::Book;
use crate::config::{Paper, PdfConfig, Profile};
use crate::diagnostics::Diagnostics;
use crate::error::Result;
use crate::fonts::FontSet;

/// Lays `book` out into pages for `config`'s profile and paper. Characters
/// no font has are reported to `diagnostics` in one warning.
pub fn lay_out(
    book: &Book,
    fonts: &FontSet,
    config: &PdfConfig,
    diagnostics: &Diagnostics,
) -> Result<page::Document> {
    lay_out_with(book, fonts, config, diagnostics)
}

/// What a watch session keeps of one layout for the next: each chapter's
/// laid-out, paginated section (and the notes appendix), by the key of
/// everything it was made from. The pages, their numbers, running heads,
/// links, the contents and the outline are composed anew every time
/// (cheap), so a reused chapter lands wherever the edit moved it.
#[derive(Default)]
pub struct Reuse {
    sections: memo::Memo<std::sync::Arc<book_profile::Laid>>,
    /// Running heads and page numbers, by text and size.
    lines: memo::Memo<Option<flow::FlowLine>>,
    /// Composed pages, by their part's key and their place in the book.
    pages: memo::Memo<std::sync::Arc<page::Page>>,
    /// Set lines of paragraphs, by their runs, spec and state (see
    /// `block::paragraph_lines`).
    paragraphs: memo::Memo<std::sync::Arc<[flow::FlowLine]>>,
    /// Since a layout kept something: paragraphs are kept from then on.
    warm: std::sync::atomic::AtomicBool,
}

impl Reuse {
    /// Opens a layout (see [`memo::Memo::start`]).
    fn start(&self) {
        let warm = !self.sections.is_empty();
        self.warm.store(warm, std::sync::atomic::Ordering::Relaxed);
        self.paragraphs.start();
        self.sections.start();
        self.lines.start();
        self.pages.start();
    }

    /// Whether a layout before this one kept its parts.
    fn is_warm(&self) -> bool {
        self.warm.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// A memo that keeps nothing, for a one-off build.
    pub fn off() -> Reuse {
        Reuse {
            sections: memo::Memo::new(false),
            lines: memo::Memo::new(false),
            pages: memo::Memo::new(false),
            paragraphs: memo::Memo::new(false),
            warm: false.into(),
        }
    }
}

/// [`lay_out`], reusing the chapters `reuse` kept from the last layout
/// that are the same in this one; the pages are the same as
/// [`lay_out`]'s, to the bit.
pub fn lay_out_reusing(
    book: &Book,
    fonts: &FontSet,
    config: &PdfConfig,
    diagnostics: &Diagnostics,
    reuse: &Reuse,
) -> Result<page::Document> {
    if !reuse.sections.is_on() {
        return lay_out_with(book, fonts, config, diagnostics);
    }
    reuse.start();
    let salt = book_wide_key(book, fonts, config);
    lay_out_in(book, fonts, config, diagnostics, Some((reuse, salt)))
}

/// The key of what every part's layout depends on beyond its own text:
/// the settings, the fonts (which faces, from where, in which chains),
/// the book's metadata (language, titles), the notes' numbers and the
/// images' sizes. Code tokens are not in it: they are a function of a
/// block's language and text, which the part's own key covers.
fn book_wide_key(book: &Book, fonts: &FontSet, config: &PdfConfig) -> memo::Key {
    let mut h = memo::KeyHasher::default();
    h.add(&format!("{config:?}"));
    h.add(&format!("{fonts:?}"));
    h.add(fonts.uncovered());
    h.add(&book.meta);
    let numbered = book
        .notes
        .iter()
        .enumerate()
        .all(|(i, n)| n.number == i + 1);
    h.add(&numbered);
    if !numbered {
        h.add(&book.notes.iter().map(|n| n.number).collect::<Vec<_>>());
    }
    for asset in &book.assets {
        let size = asset.size_pt().map(|(w, h)| (w.to_bits(), h.to_bits()));
        h.add(&(
            &asset.name,
            asset.media_type,
            asset.width,
            asset.height,
            size,
        ));
    }
    h.key()
}

/// [`lay_out`] over any [`Shaper`] (tests use fixed-width fake glyphs).
pub fn lay_out_with(
    book: &Book,
    shaper: &dyn Shaper,
    config: &PdfConfig,
    diagnostics: &Diagnostics,
) -> Result<page::Document> {
    lay_out_in(book, shaper, config, diagnostics, None)
}

fn lay_out_in(
    book: &Book,
    shaper: &dyn Shaper,
    config: &PdfConfig,
    diagnostics: &Diagnostics,
    reuse: Option<(&Reuse, memo::Key)>,
) -> Result<page::Document> {
    let vertical = book.meta.writing_mode.is_vertical();
    if vertical && config.profile == Profile::Handout {
        diagnostics.warn(
            None,
            "a handout is printed one side per sheet and set horizontally: its PDF does not \
             follow the book's vertical writing mode (the EPUB and the book profile do)",
        );
    }
    let mut env = env::Env::new(book, shaper, config, diagnostics);
    env.reuse = reuse;
    let paper = match config.profile {
        Profile::Book => config.paper,
        Profile::Handout => Paper::A4,
    };
    // A vertical book is laid out in its pages' logical frame (see
    // `vertical`): the same engine sets its columns.
    let frame = |size: f32| match config.profile {
        Profile::Book if vertical => Geometry::vertical(paper, config, size),
        _ => Geometry::new(paper, config, size),
    };
    let mut geometry = frame(env.body_size());
    let limit = (geometry.text_width / 4.0).min(geometry.text_height / 8.0);
    if env.body_size() > limit {
        // Type too large for the page: shrink it so titles still fit.
        env.set_limit(limit);
        geometry = frame(env.body_size());
    }
    let document = match config.profile {
        Profile::Book => book_profile::lay_out(&env, &geometry),
        // A handout comes off the office printer one side per sheet.
        Profile::Handout => handout::lay_out(&env, &geometry.one_sided()),
    };
    env.report_missing();
    Ok(document)
}
#[cfg(test)]
mod tests;

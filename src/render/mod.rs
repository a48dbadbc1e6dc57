//! Renderers: each turns the [`Book`] model into one output format.

pub mod cover;
pub mod epub;
pub mod pdf;

use crate::book::Book;
use crate::config::{EpubConfig, PdfConfig};
use crate::diagnostics::Diagnostics;
use crate::error::Result;
use crate::fonts::FontSet;
use crate::timings::Timings;

/// Everything a renderer may read. Renderers never touch the file system:
/// the book's files are in [`Book::assets`], its fonts in `fonts`.
pub struct RenderContext<'a> {
    pub book: &'a Book,
    pub fonts: &'a FontSet,
    pub epub: &'a EpubConfig,
    pub pdf: &'a PdfConfig,
    pub diagnostics: &'a Diagnostics,
    /// Where renderers record the wall time of their stages.
    pub timings: &'a Timings,
}

/// One output format.
pub trait Renderer: Sync {
    /// Short name, as given to `--format`.
    fn name(&self) -> &'static str;
    /// File extension of the output, without the dot.
    fn extension(&self) -> &'static str;
    /// Renders the whole output in memory; the caller writes it atomically.
    fn render(&self, ctx: &RenderContext<'_>) -> Result<Vec<u8>>;
}

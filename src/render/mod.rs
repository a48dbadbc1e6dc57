//! Renderers: each turns the [`Book`] model into one output format.

pub mod cover;
pub mod epub;
pub mod html;
pub mod pdf;

use std::sync::OnceLock;

use crate::book::Book;
use crate::config::{EpubConfig, PdfConfig};
use crate::diagnostics::Diagnostics;
use crate::error::{Error, Result};
use crate::fonts::FontSet;
use crate::layout::page::Document;
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
    /// The PDF's pages, laid out once for every renderer of a build.
    pub layout: &'a SharedLayout,
    /// What earlier builds of a watch session left to reuse.
    pub reuse: &'a Reuse,
}

/// What the renderers keep from one build of a watch or serve session to
/// the next (see [`crate::build::Reuse`]): laid-out chapters, compressed
/// page streams and font subsets, EPUB documents and zip entries. Each is
/// found by the hash of everything it was made from, so reusing it makes
/// the same bytes as making it anew. [`Default`] keeps them (a session);
/// [`Reuse::off`] keeps nothing (a one-off build pays nothing for it).
#[derive(Default)]
pub struct Reuse {
    pub layout: crate::layout::Reuse,
    pub pdf: pdf::Reuse,
    pub epub: epub::Reuse,
}

impl Reuse {
    /// Keeps nothing: for a build that has no next one.
    pub fn off() -> Reuse {
        Reuse {
            layout: crate::layout::Reuse::off(),
            pdf: pdf::Reuse::off(),
            epub: epub::Reuse::off(),
        }
    }
}

/// The PDF layout, made once per build by whichever renderer asks first
/// (the other waits): the PDF writes it, the EPUB marks where each printed
/// page begins. A fresh one ([`Default`]) per build: it is never stale.
#[derive(Debug, Default)]
pub struct SharedLayout {
    pages: OnceLock<std::result::Result<Document, String>>,
    /// Whether the PDF is built too: then the layout's warnings (a
    /// character no font has) are the PDF's and are reported; an EPUB
    /// alone only borrows the page breaks and stays quiet about them.
    pdf_too: bool,
}

impl SharedLayout {
    /// A layout for a build that does (`pdf_too`) or does not make a PDF.
    pub fn new(pdf_too: bool) -> SharedLayout {
        SharedLayout {
            pages: OnceLock::new(),
            pdf_too,
        }
    }

    /// The laid-out pages of `ctx`'s book; `for_pdf` when the PDF asks.
    pub fn get(&self, ctx: &RenderContext<'_>, for_pdf: bool) -> Result<&Document> {
        let pages = self.pages.get_or_init(|| {
            let quiet = Diagnostics::default();
            let diagnostics = if for_pdf || self.pdf_too {
                ctx.diagnostics
            } else {
                &quiet
            };
            ctx.timings
                .time("pdf layout", || {
                    crate::layout::lay_out_reusing(
                        ctx.book,
                        ctx.fonts,
                        ctx.pdf,
                        diagnostics,
                        &ctx.reuse.layout,
                    )
                })
                .map_err(|e| e.to_string())
        });
        pages.as_ref().map_err(|e| Error::Internal(e.clone()))
    }
}

/// One file a renderer made, named relative to the output folder
/// (`book.epub`, `html/ch01.html`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// What the build asks of every output: the set of files it makes. The
/// build writes them, whatever their number, so a new output touches
/// neither the build nor the CLI beyond naming it.
pub trait Outputs: Sync {
    /// Short name, as given to `--format`.
    fn name(&self) -> &'static str;
    /// Renders every file in memory; the caller writes each atomically.
    fn files(&self, ctx: &RenderContext<'_>) -> Result<Vec<OutputFile>>;
}

/// A one-file renderer makes the file `<slug>.<extension>`.
impl<R: Renderer> Outputs for R {
    fn name(&self) -> &'static str {
        Renderer::name(self)
    }

    fn files(&self, ctx: &RenderContext<'_>) -> Result<Vec<OutputFile>> {
        Ok(vec![OutputFile {
            path: format!("{}.{}", ctx.book.meta.slug, self.extension()),
            bytes: self.render(ctx)?,
        }])
    }
}

/// An output format that is one file (EPUB, PDF).
pub trait Renderer: Sync {
    /// Short name, as given to `--format`.
    fn name(&self) -> &'static str;
    /// File extension of the output, without the dot.
    fn extension(&self) -> &'static str;
    /// Renders the whole output in memory; the caller writes it atomically.
    fn render(&self, ctx: &RenderContext<'_>) -> Result<Vec<u8>>;
}

//! The PDF renderer: [`crate::layout`] sets the pages, [`write_pdf`] turns
//! them into a PDF file with subset CJK fonts, bookmarks, links and
//! metadata.
//!
//! One file per job: `content` (page content streams and their marked
//! content; `glyphs` the text in them), `tags` (the structure tree of a
//! tagged PDF), `fonts` (CID fonts, of the glyphs `used` finds; `vertical` their vertical twins, for
//! glyphs upright in columns),
//! `images` (raster image XObjects; `raster` decodes GIF and WebP), `svg`
//! (SVG as vector forms), `labels` (page numbers shown by readers), `outline`, `links`,
//! `meta` (Info, XMP, catalog), `date`, `strings`, `num`, and `write`,
//! which runs them in order. `file` then writes the finished object tree
//! as the bytes of the file (object streams, the cross-reference stream,
//! the `/ID`; `object` the syntax of one object, `numbering` which number
//! and object stream each object gets). `reuse` keeps compressed streams,
//! page contents (by `page_key`, a hash of the page's items) and font
//! subsets between the builds of a watch session.

mod content;
mod file;
mod fonts;
mod glyphs;
mod images;
mod labels;
mod links;
mod meta;
mod num;
mod numbering;
mod object;
mod outline;
mod page_key;
mod raster;
mod reuse;
mod strings;
mod svg;
mod tags;
mod used;
mod vertical;
mod write;

pub use fonts::FontSource;
pub use reuse::Reuse;
pub use write::{write_pdf, write_pdf_reusing, write_pdf_with};

use super::{RenderContext, Renderer};
use crate::error::Result;

pub struct Pdf;

impl Renderer for Pdf {
    fn name(&self) -> &'static str {
        "pdf"
    }

    fn extension(&self) -> &'static str {
        "pdf"
    }

    fn render(&self, ctx: &RenderContext<'_>) -> Result<Vec<u8>> {
        let doc = ctx.layout.get(ctx, true)?;
        ctx.timings.time("pdf write", || {
            write_pdf_reusing(doc, ctx.book, ctx.fonts, ctx.diagnostics, &ctx.reuse.pdf)
        })
    }
}

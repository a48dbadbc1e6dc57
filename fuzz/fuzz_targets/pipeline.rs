//! The whole pipeline on arbitrary bytes: Markdown → Book → EPUB and PDF,
//! in memory. Errors are fine (bad front matter, say); panics are not.

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

use folio::config::{EpubConfig, PdfConfig, Profile};
use folio::diagnostics::Diagnostics;
use folio::fonts::FontSet;
use folio::render::{epub::Epub, pdf::Pdf, RenderContext, Renderer};

/// Inputs past this are skipped, so each run stays fast.
const MAX_INPUT: usize = 64 * 1024;

/// The built-in fonts, loaded once for all runs.
fn fonts() -> &'static FontSet {
    static FONTS: OnceLock<FontSet> = OnceLock::new();
    FONTS.get_or_init(|| {
        FontSet::load(&Default::default(), std::path::Path::new("."))
            .expect("the built-in fonts load")
    })
}

fuzz_target!(|data: &[u8]| {
    if data.len() > MAX_INPUT {
        return;
    }
    // The loader refuses invalid UTF-8 before parsing; so does this target.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok((book, _warnings)) = folio::parse::parse_markdown_str(text, "fuzz") else {
        return;
    };
    let epub = EpubConfig::default();
    let mut pdf = PdfConfig::default();
    // One byte of the input picks the PDF profile, so both get fuzzed.
    if data.first().is_some_and(|b| b & 1 == 1) {
        pdf.profile = Profile::Handout;
    }
    let diagnostics = Diagnostics::default();
    let ctx = RenderContext {
        book: &book,
        fonts: fonts(),
        epub: &epub,
        pdf: &pdf,
        diagnostics: &diagnostics,
    };
    let _ = Epub.render(&ctx);
    let _ = Pdf.render(&ctx);
});

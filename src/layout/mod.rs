//! The PDF layout engine: paragraphs into lines, lines into pages. It knows
//! nothing of PDF syntax: its output is a [`page::Document`] of positioned
//! glyphs, rules, images and links, which the PDF writer serializes.
//! (The engine itself lands with issue 3.)

pub mod page;

// TEMP until layout lands (branch `layout`): the PDF writer's branch needs
// the engine's entry point to compile `Pdf::render`. The real `lay_out`
// replaces this stub; keep the layout branch's version when merging.
/// Lays the book out into pages.
pub fn lay_out(
    _book: &crate::book::Book,
    _fonts: &crate::fonts::FontSet,
    _config: &crate::config::PdfConfig,
    _diagnostics: &crate::diagnostics::Diagnostics,
) -> crate::Result<page::Document> {
    Err(crate::Error::Pdf(
        "the layout engine is not merged yet".into(),
    ))
}

//! The whole pipeline on arbitrary bytes: Markdown → Book → EPUB and PDF,
//! in memory. Errors are fine (bad front matter, say); panics are not, nor
//! is an EPUB whose XHTML is not XML or lets a script through.

#![no_main]

use std::io::Read;
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
        timings: &Default::default(),
        layout: &Default::default(),
        reuse: &folio::render::Reuse::off(),
    };
    if let Ok(bytes) = Epub.render(&ctx) {
        check_epub(&bytes);
    }
    let _ = Pdf.render(&ctx);
});

/// Every XHTML, OPF and NCX file parses as XML; no XHTML file has a
/// script element, an `on…` attribute or a `javascript:` URL.
fn check_epub(epub: &[u8]) {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(epub)).expect("EPUB is a zip");
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("zip entry");
        let name = entry.name().to_string();
        let is_xhtml = name.ends_with(".xhtml");
        if !(is_xhtml || name.ends_with(".opf") || name.ends_with(".ncx")) {
            continue;
        }
        let mut text = String::new();
        entry.read_to_string(&mut text).expect("UTF-8 entry");
        let options = roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        };
        let doc = roxmltree::Document::parse_with_options(&text, options)
            .unwrap_or_else(|e| panic!("{name} is not XML: {e}"));
        if !is_xhtml {
            continue;
        }
        assert!(
            !text.to_ascii_lowercase().contains("<script"),
            "{name} has <script"
        );
        for node in doc.descendants().filter(|n| n.is_element()) {
            for attr in node.attributes() {
                let key = attr.name();
                assert!(
                    !(key.len() > 2 && key[..2].eq_ignore_ascii_case("on")),
                    "{name}: handler attribute {key}"
                );
                let squashed: String = attr
                    .value()
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect::<String>()
                    .to_ascii_lowercase();
                assert!(
                    !squashed.starts_with("javascript:"),
                    "{name}: {key}=\"{}\" is a script URL",
                    attr.value()
                );
            }
        }
    }
}

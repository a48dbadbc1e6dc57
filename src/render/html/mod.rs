//! The HTML preview (`folio serve`, `folio build --format html`): the
//! book as a folder of pages a browser shows, made from the same model
//! and the same XHTML writer as the EPUB, so what the preview shows is
//! what the EPUB says.
//!
//! Each page is an EPUB page (title page, contents, a page per chapter,
//! the notes, with notes and their references linked both ways) in the
//! EPUB's stylesheet and embedded fonts; `shell.rs` adds the contents
//! sidebar, the links to download the EPUB and PDF, and `preview.js`,
//! which reloads the page after each rebuild of `folio serve` and shows
//! a failed rebuild's error over the last good page.

mod shell;

use super::epub::names::{Names, CONTENTS_PAGE, NOTES_PAGE, STYLESHEET, TITLE_PAGE};
use super::epub::{nav, pages, xhtml::Writer};
use super::{OutputFile, Outputs, RenderContext};
use crate::error::Result;

/// The folder of the preview in the output folder.
pub const FOLDER: &str = "html";

/// The page a visit to the preview's root opens.
pub const FIRST_PAGE: &str = TITLE_PAGE;

pub use shell::{BUILD_META, PREVIEW_JS};

/// `BUILD_META` saying build `number`.
pub fn shell_build_meta(number: &str) -> String {
    BUILD_META.replace("content=\"\"", &format!("content=\"{number}\""))
}

/// The preview's script.
pub fn preview_js() -> &'static str {
    shell::JS
}

/// The HTML preview renderer.
pub struct Html;

impl Outputs for Html {
    fn name(&self) -> &'static str {
        "html"
    }

    fn files(&self, ctx: &RenderContext<'_>) -> Result<Vec<OutputFile>> {
        Ok(preview_files(ctx)
            .into_iter()
            .map(|file| OutputFile {
                path: format!("{FOLDER}/{}", file.path),
                bytes: file.bytes,
            })
            .collect())
    }
}

/// Every file of the preview, named relative to its folder.
pub fn preview_files(ctx: &RenderContext<'_>) -> Vec<OutputFile> {
    let book = ctx.book;
    let names = Names::new(book);
    let w = Writer::new(book, &names);
    let subsets = super::epub::body_font_subsets(ctx);
    let fonts = super::epub::font_files(&subsets, ctx.diagnostics);
    let font_paths: Vec<&str> = fonts.iter().map(|(path, _, _)| path.as_str()).collect();
    let needs = super::epub::StyleNeeds::of(book, &names);
    let css = super::epub::book_stylesheet(&w.lang, &font_paths, needs);
    let entries = contents(&w);
    let shell = shell::Shell::new(book, &entries);
    let mut files = vec![
        file("index.html", shell::index_page(&w.lang, FIRST_PAGE)),
        file(STYLESHEET, css),
        file(shell::PREVIEW_CSS, shell::CSS.to_string()),
        file(shell::PREVIEW_JS, shell::JS.to_string()),
        file(TITLE_PAGE, shell.wrap(&pages::title_page(&w), TITLE_PAGE)),
        file(
            CONTENTS_PAGE,
            shell.wrap(
                &nav::contents_page(book, &w.lang, &entries, ""),
                CONTENTS_PAGE,
            ),
        ),
    ];
    // The preview has no print page markers: its Writer has none.
    for (i, (chapter, name)) in book.chapters.iter().zip(&names.chapters).enumerate() {
        let page = pages::chapter_page(&w, i, chapter);
        files.push(file(name, shell.wrap(&page, name)));
    }
    if !book.notes.is_empty() {
        let page = pages::notes_page(&w);
        files.push(file(NOTES_PAGE, shell.wrap(&page, NOTES_PAGE)));
    }
    for (path, _, data) in fonts {
        files.push(OutputFile {
            path,
            bytes: data.to_vec(),
        });
    }
    for (asset, path) in book.assets.iter().zip(&names.assets) {
        files.push(OutputFile {
            path: path.clone(),
            bytes: asset.data.clone(),
        });
    }
    files
}

fn file(path: &str, text: String) -> OutputFile {
    OutputFile {
        path: path.to_string(),
        bytes: text.into_bytes(),
    }
}

/// The contents, as the EPUB's contents page has them: the chapters in
/// order with their headings, part titles and drafts, then the notes.
fn contents(w: &Writer<'_>) -> Vec<nav::Entry> {
    let book = w.book;
    let mut entries = Vec::new();
    let mut in_part = false;
    for ((i, chapter), file) in book.chapters.iter().enumerate().zip(&w.names.chapters) {
        in_part = super::epub::place_marks(book, i, &mut entries, in_part);
        in_part &= chapter.depth > 0;
        if let Some(entry) = nav::chapter_entry(book, chapter, file) {
            nav::place(&mut entries, entry, chapter.depth);
        }
    }
    super::epub::place_marks(book, book.chapters.len(), &mut entries, in_part);
    if !book.notes.is_empty() {
        entries.push(nav::Entry {
            title: book.meta.notes_title().into(),
            href: NOTES_PAGE.into(),
            ..nav::Entry::default()
        });
    }
    entries
}

/// The media type a preview file is served with, from its name.
pub fn media_type(path: &str) -> &'static str {
    let ext = path.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "xhtml" => "application/xhtml+xml; charset=utf-8",
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "epub" => "application/epub+zip",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests;

use super::*;
use crate::config::{EpubConfig, PdfConfig};
use crate::diagnostics::Diagnostics;
use crate::fonts::FontSet;

fn preview(markdown: &str) -> Vec<OutputFile> {
    let (book, _) = crate::parse::parse_markdown_str(markdown, "t").unwrap();
    let fonts = FontSet::builtin();
    let ctx = RenderContext {
        book: &book,
        fonts: &fonts,
        epub: &EpubConfig::default(),
        pdf: &PdfConfig::default(),
        diagnostics: &Diagnostics::default(),
        timings: &Default::default(),
        layout: &Default::default(),
        reuse: &Default::default(),
    };
    Html.files(&ctx).unwrap()
}

fn text<'f>(files: &'f [OutputFile], path: &str) -> &'f str {
    let file = files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("no {path} among {:?}", names(files)));
    std::str::from_utf8(&file.bytes).unwrap()
}

fn names(files: &[OutputFile]) -> Vec<&str> {
    files.iter().map(|f| f.path.as_str()).collect()
}

const BOOK: &str = "# One\n\nFirst chapter[^n].\n\n[^n]: The note.\n\n# Two\n\nSecond.\n";

#[test]
fn a_page_per_chapter_with_the_sidebar_and_the_book_stylesheet() {
    let files = preview(BOOK);
    let one = text(&files, "html/ch01.xhtml");
    roxmltree::Document::parse(one).expect("the page is XML");
    assert!(one.contains("First chapter"), "{one}");
    assert!(one.contains("<nav class=\"folio-sidebar\""));
    assert!(
        one.contains(
            "<li class=\"folio-current\"><a aria-current=\"page\" href=\"ch01.xhtml\">One</a>"
        ),
        "{one}"
    );
    assert!(one.contains("href=\"ch02.xhtml\">Two</a>"));
    assert!(one.contains("href=\"stylesheet.css\""));
    assert!(one.contains("<script src=\"folio-preview.js\""));
    assert!(one.contains("href=\"../t.epub\"") && one.contains("href=\"../t.pdf\""));
    assert!(text(&files, "html/ch02.xhtml").contains("Second."));
    assert!(text(&files, "html/stylesheet.css").contains("@font-face"));
    assert!(names(&files)
        .iter()
        .any(|n| n.starts_with("html/fonts/body.")));
    assert!(text(&files, "html/index.html").contains("url=titlepage.xhtml"));
}

#[test]
fn notes_are_linked_both_ways() {
    let files = preview(BOOK);
    let one = text(&files, "html/ch01.xhtml");
    let notes = text(&files, "html/notes.xhtml");
    roxmltree::Document::parse(notes).expect("the notes page is XML");
    assert!(one.contains("href=\"notes.xhtml#"), "{one}");
    assert!(notes.contains("href=\"ch01.xhtml#"), "{notes}");
    assert!(notes.contains("The note."));
}

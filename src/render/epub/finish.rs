//! The last step of the EPUB: the archive epub-builder made, with
//! folio's package metadata (accessibility, MathML, dates), the NCX fixed,
//! its own nav and contents page, and the entries folio compressed itself
//! (chapters, fonts, images, and these fixed files) in place.

use std::collections::BTreeMap;

use super::escape::strip_invalid;
use super::names::{CONTENTS_PAGE, COVER_PAGE, NAV, NOTES_PAGE, TITLE_PAGE};
use super::nav::{self, Entry};
use super::package::{self, PackageFix};
use super::pagemarks;
use super::reuse::{RawFile, Reuse};
use super::xhtml::Writer;
use super::{a11y, archive, date};
use crate::book::Book;
use crate::check::a11y::Finding;
use crate::diagnostics::Diagnostics;
use crate::error::Result;
use crate::layout::page::SourcePart;

/// The archive with folio's package metadata, NCX fixes, nav.xhtml and
/// contents page in place of epub-builder's.
pub(super) fn fix_up(
    epub: &[u8],
    w: &Writer<'_>,
    (entries, mathml, findings): (&[Entry], Vec<String>, Vec<Finding>),
    files: Vec<RawFile<'_>>,
    diagnostics: &Diagnostics,
    reuse: &Reuse,
) -> Result<Vec<u8>> {
    let book = w.book;
    let mut fix = package_fix(book, diagnostics);
    fix.mathml = mathml;
    fix.lang = w.lang.clone();
    let facts = a11y::Facts {
        lang: w.lang.clone(),
        has_images: fix.has_images,
        described_images: w.described_images(),
        has_notes: fix.has_notes,
        mathml: !fix.mathml.is_empty(),
        ruby: w.ruby_seen.get(),
        page_marks: !w.marks.is_empty(),
        claim: a11y::decide(&findings, diagnostics),
        page_source: Some(format!("{} (PDF)", fix.identifier)),
    };
    fix.a11y = a11y::metadata(&facts);
    let opf = package::fix_package(&archive::read_entry(epub, "OEBPS/content.opf")?, &fix)?;
    let ncx = package::fix_ncx(
        &archive::read_entry(epub, "OEBPS/toc.ncx")?,
        nav::depth(entries),
        &fix.identifier,
        &book.meta.title,
    )?;
    let landmarks = nav::landmarks(book, w.names);
    let page_list = page_list(w);
    let nav_doc = nav::nav_document(book, &w.lang, entries, &landmarks, &page_list);
    let contents_marks = w.marks.at_start(SourcePart::Contents);
    let contents = nav::contents_page(book, &w.lang, entries, &contents_marks);
    let fixed = [
        ("OEBPS/content.opf".to_string(), opf),
        ("OEBPS/toc.ncx".to_string(), ncx),
        (format!("OEBPS/{NAV}"), nav_doc),
        (format!("OEBPS/{CONTENTS_PAGE}"), contents),
    ];
    // The fixed files live shorter than the others: a new list of all.
    let mut files: Vec<RawFile<'_>> = files;
    files.extend(fixed.iter().map(|(path, text)| RawFile {
        path: path.clone(),
        data: text.as_bytes(),
        key: reuse.content_key(text.as_bytes()),
    }));
    let zips = reuse.entries(&files)?;
    let raw = files
        .iter()
        .map(|file| file.path.as_str())
        .zip(zips.iter().map(|zip| zip.as_slice()))
        .collect();
    archive::replace_entries(epub, &BTreeMap::new(), &raw)
}

/// The page list: each printed page's label and its marker.
fn page_list(w: &Writer<'_>) -> Vec<(String, String)> {
    w.marks
        .pages
        .iter()
        .filter_map(|(label, part)| {
            let file = match *part {
                SourcePart::Cover => COVER_PAGE,
                SourcePart::TitlePage => TITLE_PAGE,
                SourcePart::Contents => CONTENTS_PAGE,
                SourcePart::Chapter(i) => w.names.chapter(i)?,
                SourcePart::Notes | SourcePart::Note(_) => NOTES_PAGE,
            };
            Some((
                label.clone(),
                format!("{file}#{}", pagemarks::marker_id(label)),
            ))
        })
        .collect()
}

/// The metadata folio writes into the package itself.
fn package_fix(book: &Book, diagnostics: &Diagnostics) -> PackageFix {
    let meta = &book.meta;
    let identifier = match strip_invalid(meta.identifier.trim()) {
        id if id.is_empty() => {
            let slug = if meta.slug.is_empty() {
                "book"
            } else {
                &meta.slug
            };
            format!("urn:folio:{}", strip_invalid(slug))
        }
        id => id,
    };
    let date = meta.date.as_deref().map(str::trim).filter(|d| {
        let ok = date::is_w3c_date(d);
        if !ok {
            diagnostics.warn(
                None,
                format!("the book date `{d}` is not YYYY-MM-DD; it is left out of the EPUB"),
            );
        }
        ok
    });
    let clean = |s: &Option<String>| {
        s.as_deref()
            .map(|s| strip_invalid(s.trim()))
            .filter(|s| !s.is_empty())
    };
    PackageFix {
        identifier,
        modified: date::format_timestamp(meta.modified),
        date: date.map(str::to_string),
        subtitle: clean(&meta.subtitle),
        publisher: clean(&meta.publisher),
        source: clean(&meta.source),
        has_images: !book.assets.is_empty(),
        has_notes: !book.notes.is_empty(),
        mathml: Vec::new(),
        lang: String::new(),
        a11y: Vec::new(),
        vertical: meta.writing_mode.is_vertical(),
    }
}

//! What the EPUB renderer keeps from one build of a watch session to the
//! next: the body font's subsets (by the font set and the book's text),
//! each chapter's XHTML (by everything it is written from), and each
//! chapter's compressed zip entry (by its path and bytes).
//!
//! Chapters go into the archive compressed here, not by epub-builder
//! (which gets an empty placeholder for each): one entry per chapter, in
//! parallel, each a one-entry zip copied raw into the final archive. A
//! clean build does the same, so a kept entry is byte for byte what a
//! clean build writes.

use std::io::{Cursor, Write};
use std::sync::Arc;

use rayon::prelude::*;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::xhtml::Writer;
use crate::book::Chapter;
use crate::error::{Error, Result};
use crate::fonts::Subset;
use crate::layout::memo::{Key, KeyHasher, Memo};
use crate::layout::page::SourcePart;

/// A chapter's XHTML, with what writing it counted (images with and
/// without alt text, ruby) for the package's accessibility metadata.
#[derive(Clone)]
struct Page {
    xhtml: Arc<String>,
    images: (usize, usize),
    ruby: bool,
}

/// A chapter's path in the archive and its XHTML.
pub(super) type ChapterFile = (String, Arc<String>);

pub struct Reuse {
    pub(super) subsets: Memo<Arc<Vec<Subset>>>,
    pages: Memo<Page>,
    entries: Memo<Arc<Vec<u8>>>,
}

impl Default for Reuse {
    fn default() -> Self {
        Reuse::new(true)
    }
}

impl Reuse {
    fn new(on: bool) -> Reuse {
        Reuse {
            subsets: Memo::new(on),
            pages: Memo::new(on),
            entries: Memo::new(on),
        }
    }

    /// Keeps nothing (a one-off build).
    pub fn off() -> Reuse {
        Reuse::new(false)
    }

    /// Opens a build (see [`Memo::start`]).
    pub(super) fn start(&self) {
        self.subsets.start();
        self.pages.start();
        self.entries.start();
    }

    /// The key of what every chapter's XHTML depends on beyond the
    /// chapter: metadata and language, file names, the ids each chapter
    /// defines (links between chapters), the notes' numbers and ids, the
    /// images.
    pub(super) fn book_key(w: &Writer<'_>) -> Key {
        let book = w.book;
        let mut h = KeyHasher::default();
        h.add(&book.meta).add(&w.lang);
        h.add(&format!("{:?}{:?}", w.names, w.anchors()));
        for note in &book.notes {
            h.add(&(note.number, &note.id));
        }
        for asset in &book.assets {
            h.add(&(&asset.name, asset.media_type, asset.width, asset.height));
        }
        h.key()
    }

    /// Chapter `index`'s XHTML, written by `write` or kept from the last
    /// build for the same chapter, book key and page markers.
    pub(super) fn chapter_page(
        &self,
        w: &Writer<'_>,
        book_key: Key,
        index: usize,
        chapter: &Chapter,
        write: impl FnOnce() -> String,
    ) -> Arc<String> {
        let marks = format!("{:?}", w.marks.of_part(SourcePart::Chapter(index)));
        let key = KeyHasher::default()
            .add(&(book_key, index, chapter, marks))
            .key();
        if let Some(page) = self.pages.get(key) {
            w.replay(page.images, page.ruby);
            return page.xhtml;
        }
        // Counted from zero for this page alone, then added back.
        let images = w.image_counts();
        let ruby_before = w.ruby_seen.replace(false);
        let xhtml = Arc::new(write());
        let after = w.image_counts();
        let ruby = w.ruby_seen.get();
        w.ruby_seen.set(ruby_before || ruby);
        let page = Page {
            xhtml: Arc::clone(&xhtml),
            images: (after.0 - images.0, after.1 - images.1),
            ruby,
        };
        self.pages.put(key, page);
        xhtml
    }

    /// Each of `files` (path in the archive, XHTML) as a one-entry zip,
    /// compressed in parallel, or kept from the last build.
    pub(super) fn entries(&self, files: &[ChapterFile]) -> Result<Vec<Arc<Vec<u8>>>> {
        files
            .par_iter()
            .map(|(path, xhtml)| {
                let key = KeyHasher::default().add(path).add(xhtml.as_str()).key();
                if let Some(entry) = self.entries.get(key) {
                    return Ok(entry);
                }
                let entry = Arc::new(one_entry_zip(path, xhtml.as_bytes())?);
                self.entries.put(key, Arc::clone(&entry));
                Ok(entry)
            })
            .collect()
    }
}

/// A zip holding only `data` as `path`, deflated, with the fixed 1980
/// timestamp of every other entry.
fn one_entry_zip(path: &str, data: &[u8]) -> Result<Vec<u8>> {
    let bad = |e: &dyn std::fmt::Display| Error::Epub(format!("writing {path}: {e}"));
    let mut writer = ZipWriter::new(Cursor::new(Vec::with_capacity(data.len() / 3)));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    writer.start_file(path, options).map_err(|e| bad(&e))?;
    writer.write_all(data).map_err(|e| bad(&e))?;
    let cursor = writer.finish().map_err(|e| bad(&e))?;
    Ok(cursor.into_inner())
}

//! What the EPUB renderer keeps from one build of a watch session to the
//! next: each piece's part of the subset plan and the body font's subsets
//! (`subsets.rs`), each chapter's XHTML (by everything it is written
//! from), and the compressed zip entry of every file folio writes itself
//! (by its path and the key of its bytes).
//!
//! Chapters, fonts, images and the fixed package files go into the
//! archive compressed here, not by epub-builder (which gets an empty
//! placeholder for each): a one-entry zip each, in parallel, copied raw
//! into the final archive. A clean build does the same, so a kept entry is
//! byte for byte what a clean build writes.
//!
//! Keys are made only when the memos are on: a one-off build hashes
//! nothing.

use std::io::{Cursor, Write};
use std::sync::Arc;

use rayon::prelude::*;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::xhtml::Writer;
use crate::book::Book;
use crate::check::a11y::{self, Finding};
use crate::error::{Error, Result};
use crate::fonts::{PlanPart, Subset};
use crate::layout::memo::{key_of, Key, KeyHasher, Memo};
use crate::layout::page::SourcePart;

/// A chapter's XHTML, with what writing it counted (images with and
/// without alt text, ruby) for the package's accessibility metadata.
#[derive(Clone)]
struct Page {
    xhtml: Arc<String>,
    images: (usize, usize),
    ruby: bool,
}

/// A file folio puts into the archive itself: its path in the archive,
/// its bytes and the key of what they were made from (`None`: not kept).
#[derive(Clone)]
pub(super) struct RawFile<'a> {
    pub path: String,
    pub data: &'a [u8],
    pub key: Option<Key>,
}

pub struct Reuse {
    pub(super) subsets: Memo<Arc<Vec<Subset>>>,
    /// What each piece of the book's text adds to the subset plan.
    pub(super) plan_parts: Memo<Arc<PlanPart>>,
    pages: Memo<Page>,
    entries: Memo<Arc<Vec<u8>>>,
    /// The generated cover's SVG, by the fonts and the metadata.
    pub(super) covers: Memo<Arc<Vec<u8>>>,
    /// The archive epub-builder made, by what it was given (`builder.rs`).
    pub(super) archives: Memo<Arc<Vec<u8>>>,
    /// Each chapter's accessibility findings, by the chapter.
    findings: Memo<Arc<Vec<Finding>>>,
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
            plan_parts: Memo::new(on),
            pages: Memo::new(on),
            entries: Memo::new(on),
            covers: Memo::new(on),
            findings: Memo::new(on),
            archives: Memo::new(on),
        }
    }

    /// Keeps nothing (a one-off build).
    pub fn off() -> Reuse {
        Reuse::new(false)
    }

    /// Opens a build (see [`Memo::start`]).
    pub(super) fn start(&self) {
        self.subsets.start();
        self.plan_parts.start();
        self.pages.start();
        self.entries.start();
        self.covers.start();
        self.findings.start();
        self.archives.start();
    }

    /// The key of what every chapter's XHTML depends on beyond the
    /// chapter: metadata and language, file names, the ids each chapter
    /// defines (links between chapters), the notes' numbers and ids, the
    /// images. `None` when nothing is kept.
    pub(super) fn book_key(&self, w: &Writer<'_>) -> Option<Key> {
        if !self.is_on() {
            return None;
        }
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
        Some(h.key())
    }

    /// Whether this build keeps anything for the next.
    pub(super) fn is_on(&self) -> bool {
        self.pages.is_on()
    }

    /// The key of each chapter (all of it), made once per build for
    /// every memo that depends on a chapter; empty when nothing is kept.
    /// On one thread: hashing in parallel beside the PDF's layout cost
    /// more than twice the CPU time (measured with perf).
    pub(super) fn chapter_keys(&self, book: &Book) -> Vec<Key> {
        if !self.is_on() {
            return Vec::new();
        }
        book.chapters.iter().map(key_of).collect()
    }

    /// The book's accessibility findings, each chapter's kept by its key
    /// (`chapters`, empty when nothing is kept).
    pub(super) fn findings(&self, book: &Book, chapters: &[Key]) -> Vec<Finding> {
        let per_chapter: Vec<Arc<Vec<Finding>>> = book
            .chapters
            .iter()
            .enumerate()
            .map(|(i, chapter)| {
                let make = || Arc::new(a11y::chapter_findings(chapter));
                match chapters.get(i) {
                    Some(key) => self.findings.get_or(*key, make),
                    None => make(),
                }
            })
            .collect();
        let per_chapter: Vec<&[Finding]> = per_chapter.iter().map(|f| f.as_slice()).collect();
        a11y::findings_with(book, &per_chapter)
    }

    /// The key of `data`, when anything is kept.
    pub(super) fn content_key(&self, data: &[u8]) -> Option<Key> {
        self.is_on().then(|| key_of(data))
    }

    /// Chapter `index`'s XHTML, written by `write` or kept from the last
    /// build for the same chapter (`chapter`: its key), book key and
    /// page markers; with the key it is kept by.
    pub(super) fn chapter_page(
        &self,
        w: &Writer<'_>,
        book_key: Option<Key>,
        index: usize,
        chapter: Option<Key>,
        write: impl FnOnce() -> String,
    ) -> (Arc<String>, Option<Key>) {
        let key = book_key.zip(chapter).map(|(book_key, chapter)| {
            let marks = w.marks.of_part(SourcePart::Chapter(index));
            KeyHasher::default()
                .add(&(book_key, index, chapter, marks))
                .key()
        });
        if let Some(page) = key.and_then(|key| self.pages.get(key)) {
            w.replay(page.images, page.ruby);
            return (page.xhtml, key);
        }
        // Counted from zero for this page alone, then added back.
        let images = w.image_counts();
        let ruby_before = w.ruby_seen.replace(false);
        let xhtml = Arc::new(write());
        let after = w.image_counts();
        let ruby = w.ruby_seen.get();
        w.ruby_seen.set(ruby_before || ruby);
        if let Some(key) = key {
            let page = Page {
                xhtml: Arc::clone(&xhtml),
                images: (after.0 - images.0, after.1 - images.1),
                ruby,
            };
            self.pages.put(key, page);
        }
        (xhtml, key)
    }

    /// Each of `files` as a one-entry zip, compressed in parallel, or
    /// kept from the last build (by path and key).
    pub(super) fn entries(&self, files: &[RawFile<'_>]) -> Result<Vec<Arc<Vec<u8>>>> {
        files
            .par_iter()
            .map(|file| {
                let key = file.key.map(|k| key_of(&(&file.path, k)));
                if let Some(entry) = key.and_then(|key| self.entries.get(key)) {
                    return Ok(entry);
                }
                let entry = Arc::new(one_entry_zip(&file.path, file.data)?);
                if let Some(key) = key {
                    self.entries.put(key, Arc::clone(&entry));
                }
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

//! What folio asks of epub-builder, recorded as a [`Package`], and the
//! archive epub-builder then makes of it (manifest, spine, toc.ncx, its
//! own nav, placeholders for the files folio puts in itself).
//!
//! A watch session keeps that archive by the key of the record and the
//! metadata: an edit inside a chapter's text changes no title, no file
//! name and no front page, so a rebuild makes no new one. (The files that
//! do change, the chapters, go into the final archive raw, see `reuse.rs`.)

use std::sync::Arc;

use epub_builder::{EpubBuilder, EpubContent, EpubVersion, ReferenceType, ZipLibrary};

use super::epub_error;
use super::escape::strip_invalid;
use super::nav::{self, Entry};
use super::reuse::Reuse;
use crate::book::Book;
use crate::error::Result;
use crate::layout::memo::KeyHasher;

/// The epub-builder this renderer drives (in-memory zip, 1980 timestamps).
type Builder = EpubBuilder<ZipLibrary>;

/// Everything folio gives epub-builder besides the metadata, in order.
pub(super) struct Package {
    ops: Vec<Op>,
    /// The key of `ops`, when it is to be kept.
    key: Option<KeyHasher>,
}

enum Op {
    Stylesheet(String),
    /// A file in the manifest: its bytes when epub-builder writes them
    /// (`None`: an empty placeholder, the file goes in raw).
    Resource {
        path: String,
        mime: &'static str,
        cover: bool,
        data: Option<Arc<Vec<u8>>>,
    },
    /// An XHTML page of the spine, with its TOC entry, landmark and depth.
    Content {
        file: String,
        xhtml: String,
        entry: Option<Entry>,
        reftype: Option<ReferenceType>,
        depth: u8,
    },
    /// Where the contents page stands in the spine.
    InlineToc,
}

impl Package {
    /// An empty record, keyed when it is to be kept (`keep`).
    pub fn new(keep: bool) -> Package {
        Package {
            ops: Vec::new(),
            key: keep.then(KeyHasher::default),
        }
    }

    pub fn stylesheet(&mut self, css: String) {
        self.hash(&("css", &css));
        self.ops.push(Op::Stylesheet(css));
    }

    /// A file of the manifest (the cover image when `cover`).
    pub fn resource(
        &mut self,
        path: &str,
        mime: &'static str,
        cover: bool,
        data: Option<Arc<Vec<u8>>>,
    ) {
        self.hash(&("resource", path, mime, cover, data.as_deref()));
        self.ops.push(Op::Resource {
            path: path.to_string(),
            mime,
            cover,
            data,
        });
    }

    /// An XHTML page of the spine, with its TOC entry if it has one,
    /// `depth` levels down in the NCX.
    pub fn content(
        &mut self,
        file: &str,
        xhtml: String,
        entry: Option<&Entry>,
        reftype: Option<ReferenceType>,
        depth: u8,
    ) {
        let landmark = reftype.map(|r| format!("{r:?}"));
        self.hash(&("content", file, &xhtml, entry, landmark, depth));
        self.ops.push(Op::Content {
            file: file.to_string(),
            xhtml,
            entry: entry.cloned(),
            reftype,
            depth,
        });
    }

    pub fn inline_toc(&mut self) {
        self.hash(&"inline toc");
        self.ops.push(Op::InlineToc);
    }

    fn hash(&mut self, value: &impl std::hash::Hash) {
        if let Some(h) = &mut self.key {
            h.add(value);
        }
    }

    /// The archive epub-builder makes of this record and `book`'s
    /// metadata in `lang`, or the one kept for the same.
    pub fn archive(self, book: &Book, lang: &str, reuse: &Reuse) -> Result<Arc<Vec<u8>>> {
        let Some(mut key) = self.key else {
            return Ok(Arc::new(generate(self.ops, book, lang)?));
        };
        let key = key.add(&(&book.meta, lang)).key();
        if let Some(archive) = reuse.archives.get(key) {
            return Ok(archive);
        }
        let archive = Arc::new(generate(self.ops, book, lang)?);
        reuse.archives.put(key, Arc::clone(&archive));
        Ok(archive)
    }
}

/// `ops` given to epub-builder, after the metadata, and its archive.
fn generate(ops: Vec<Op>, book: &Book, lang: &str) -> Result<Vec<u8>> {
    let mut builder =
        EpubBuilder::new(ZipLibrary::new().map_err(epub_error)?).map_err(epub_error)?;
    set_metadata(&mut builder, book, lang);
    for op in ops {
        match op {
            Op::Stylesheet(css) => builder.stylesheet(css.as_bytes()).map(drop),
            Op::Resource {
                path,
                mime,
                cover,
                data,
            } => {
                let bytes = data.as_deref().map_or(&[][..], Vec::as_slice);
                if cover {
                    builder.add_cover_image(path, bytes, mime).map(drop)
                } else {
                    builder.add_resource(path, bytes, mime).map(drop)
                }
            }
            Op::Content {
                file,
                xhtml,
                entry,
                reftype,
                depth,
            } => add_page(&mut builder, &file, &xhtml, entry.as_ref(), reftype, depth),
            Op::InlineToc => {
                builder.inline_toc();
                Ok(())
            }
        }
        .map_err(epub_error)?;
    }
    let mut epub = Vec::new();
    builder.generate(&mut epub).map_err(epub_error)?;
    Ok(epub)
}

/// What epub-builder can say itself: title, authors, language,
/// description, subjects, rights. Blank values are left out (an empty
/// element is an EPUBCheck error).
fn set_metadata(builder: &mut Builder, book: &Book, lang: &str) {
    let meta = &book.meta;
    builder.epub_version(EpubVersion::V30);
    let clean = |s: &str| Some(strip_invalid(s.trim())).filter(|s| !s.is_empty());
    builder.set_title(clean(&meta.title).unwrap_or_else(|| "Untitled".into()));
    builder.set_authors(meta.authors.iter().filter_map(|a| clean(a)).collect());
    builder.add_language(lang);
    if let Some(description) = meta.description.as_deref().and_then(clean) {
        builder.add_description(description);
    }
    builder.set_subjects(meta.keywords.iter().filter_map(|k| clean(k)).collect());
    if let Some(rights) = meta.rights.as_deref().and_then(clean) {
        builder.set_license(rights);
    }
    builder.set_generator("folio");
    if meta.writing_mode.is_vertical() {
        // Vertical books are bound on the right: pages turn leftwards.
        // (epub-builder 0.8.3's `epub_direction` sets a field its template
        // does not read; the metadata key is the one it writes.)
        let _ = builder.metadata("direction", "rtl");
    }
    builder.set_toc_name(meta.contents_title());
}

/// Adds one XHTML page to the spine, with its TOC entry if it has one,
/// `depth` levels down in the NCX.
fn add_page(
    builder: &mut Builder,
    file: &str,
    xhtml: &str,
    entry: Option<&Entry>,
    reftype: Option<ReferenceType>,
    depth: u8,
) -> epub_builder::Result<()> {
    let mut content = EpubContent::new(file, xhtml.as_bytes());
    let level = 1 + i32::from(depth);
    if let Some(entry) = entry {
        content = content.title(entry.title.clone()).level(level);
        for child in &entry.children {
            content = content.child(nav::to_element(child, level + 1));
        }
    }
    if let Some(reftype) = reftype {
        content = content.reftype(reftype);
    }
    builder.add_content(content)?;
    Ok(())
}

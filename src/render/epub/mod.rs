//! The EPUB 3 renderer (issue 2): a [`Book`] in, the bytes of an EPUB 3
//! out, with zero EPUBCheck findings.
//!
//! The XHTML of every page is written here (`xhtml`, `pages`, `nav`);
//! epub-builder assembles the package (manifest, spine, toc.ncx, zip) from
//! what `builder.rs` records; then
//! `package` fixes up what epub-builder gets wrong or cannot say, and
//! `archive` writes the fixed files back into the archive. Nothing reads
//! the clock or the file system, so the same book gives the same bytes.
//!
//! Files: `xhtml.rs` (blocks and inlines), `groups.rs` (figures and other
//! grouping blocks), `images.rs` (`<img>` and placeholders), `pages.rs` (cover, title page,
//! chapters, notes appendix), `document.rs` (the XHTML wrapper), `nav.rs`
//! (TOC, landmarks, contents page, NCX entries), `style.rs` + `*.css`,
//! `names.rs` (file names), `anchors.rs` (ids each chapter defines),
//! `escape.rs` (text, ids, URLs), `lang.rs` (BCP 47), `date.rs`
//! (`dcterms:modified`), `fontfile.rs` (is the font embeddable),
//! `text.rs` (plain text without recursion), `package.rs` (OPF and NCX
//! fix-ups), `a11y.rs` (accessibility metadata and the conformance
//! claim), `pagemarks.rs` (the PDF edition's page markers, placed from
//! the shared layout's page starts), `finish.rs` (the fixed package, nav
//! and chapters into the archive), `archive.rs` (zip rewrite), `reuse.rs`
//! (what a watch session keeps: chapters' XHTML, zip entries),
//! `subsets.rs` (the body font's subsets, planned by pieces of the text),
//! `builder.rs` (what epub-builder is given, and its archive, kept).

mod a11y;
mod anchors;
mod archive;
mod builder;
mod code;
mod date;
pub(crate) mod document;
pub(crate) mod escape;
mod finish;
pub(crate) mod fontfile;
mod groups;
mod images;
mod lang;
pub(crate) mod math;
pub(crate) mod names;
pub(crate) mod nav;
mod package;
mod pagemarks;
pub(crate) mod pages;
mod reuse;
pub(crate) mod style;
mod subsets;
pub(crate) mod xhtml;

use epub_builder::ReferenceType;

use super::{RenderContext, Renderer};
use crate::book::{Book, ChapterKind};
use crate::diagnostics::Diagnostics;
use crate::error::{Error, Result};
use crate::fonts::{FontSet, Subset};
use crate::layout::memo::Key;
use crate::render::cover::svg_cover;
use builder::Package;
use escape::strip_invalid;
use names::{Names, CONTENTS_PAGE, COVER_PAGE, COVER_SVG, NOTES_PAGE, TITLE_PAGE};
use nav::Entry;
use pagemarks::PageMarks;
use xhtml::Writer;

use reuse::RawFile;
pub use reuse::Reuse;
pub(crate) use subsets::body_font_subsets;

/// The EPUB 3 renderer.
pub struct Epub;

impl Renderer for Epub {
    fn name(&self) -> &'static str {
        "epub"
    }

    fn extension(&self) -> &'static str {
        "epub"
    }

    fn render(&self, ctx: &RenderContext<'_>) -> Result<Vec<u8>> {
        let reuse = &ctx.reuse.epub;
        reuse.start();
        let chapter_keys = reuse.chapter_keys(ctx.book);
        let (fonts, fonts_key) = subsets::font_subsets(ctx, &chapter_keys);
        // The print page markers wait for the PDF's layout (made once,
        // shared with the PDF renderer); the fonts above, and the
        // package's metadata, stylesheet and images, do not.
        let marks = || -> Result<PageMarks> {
            let doc = ctx.layout.get(ctx, false)?;
            Ok(PageMarks::new(&doc.pages))
        };
        let kept = Kept {
            reuse,
            chapters: &chapter_keys,
            fonts: fonts_key,
        };
        render_marked(ctx.book, ctx.fonts, &fonts, ctx.diagnostics, marks, kept)
    }
}

/// What a build may keep for the next, and the keys it is kept by.
#[derive(Clone, Copy)]
struct Kept<'a> {
    reuse: &'a Reuse,
    /// Each chapter's key (empty when nothing is kept).
    chapters: &'a [Key],
    /// The key of the font subsets.
    fonts: Option<Key>,
}

/// Renders `book` with the `embedded` font subsets, in order of
/// preference (no print page markers).
#[cfg(test)]
pub(crate) fn render_book(
    book: &Book,
    fonts: &FontSet,
    embedded: &[Subset],
    diagnostics: &Diagnostics,
) -> Result<Vec<u8>> {
    let reuse = Reuse::off();
    let kept = Kept {
        reuse: &reuse,
        chapters: &[],
        fonts: None,
    };
    render_marked(
        book,
        fonts,
        embedded,
        diagnostics,
        || Ok(PageMarks::default()),
        kept,
    )
}

/// [`render_book`] with the print edition's page markers, which `marks`
/// gives when the pages are first needed (it may wait for the layout).
fn render_marked(
    book: &Book,
    fonts: &FontSet,
    embedded: &[Subset],
    diagnostics: &Diagnostics,
    marks: impl FnOnce() -> Result<PageMarks>,
    kept: Kept<'_>,
) -> Result<Vec<u8>> {
    let names = Names::new(book);
    let mut w = Writer::new(book, &names);
    if lang::normalize(&book.meta.lang).is_none() {
        diagnostics.warn(
            None,
            format!(
                "the book language `{}` is not a BCP 47 tag such as zh-CN; the EPUB says `und` (undetermined)",
                book.meta.lang
            ),
        );
    }
    let mut builder = Package::new(kept.reuse.is_on());
    // The documents with MathML: the stylesheet's math rules and the
    // package's `mathml` properties.
    let mathml = math::documents(book, &w.names.chapters, NOTES_PAGE);
    let needs = StyleNeeds::with_math(book, !mathml.is_empty());
    let mut files = add_style_and_fonts(&mut builder, &w.lang, embedded, diagnostics, needs)?;
    for file in &mut files {
        file.key = kept.fonts;
    }
    let cover_image = add_images(&mut builder, book, &names, fonts, kept.reuse, &mut files)?;
    w.marks = marks()?;
    let (entries, chapters) = add_pages(&mut builder, &w, &cover_image, kept)?;
    files.extend(chapters.iter().map(|(path, xhtml, key)| RawFile {
        path: path.clone(),
        data: xhtml.as_bytes(),
        key: *key,
    }));
    let epub = builder.archive(book, &w.lang, kept.reuse)?;
    let findings = kept.reuse.findings(book, kept.chapters);
    let fixed = (entries.as_slice(), mathml, findings);
    finish::fix_up(&epub, &w, fixed, files, diagnostics, kept.reuse)
}

/// Added to the stylesheet of vertical books only.
const VERTICAL_CSS: &str = include_str!("vertical.css");

/// The stylesheet, and the body font when it can be embedded. The fonts'
/// files are returned to go into the archive raw (epub-builder gets an
/// empty placeholder), not yet keyed.
fn add_style_and_fonts<'s>(
    builder: &mut Package,
    lang: &str,
    embedded: &'s [Subset],
    diagnostics: &Diagnostics,
    needs: StyleNeeds,
) -> Result<Vec<RawFile<'s>>> {
    let files = font_files(embedded, diagnostics);
    let paths: Vec<&str> = files.iter().map(|(path, _, _)| path.as_str()).collect();
    let css = book_stylesheet(lang, &paths, needs);
    builder.stylesheet(css);
    let mut raw = Vec::with_capacity(files.len());
    for (path, media_type, data) in files {
        builder.resource(&path, media_type, false, None);
        raw.push(RawFile {
            path: format!("OEBPS/{path}"),
            data,
            key: None,
        });
    }
    Ok(raw)
}

/// The font subsets that can be embedded, each with its path and media
/// type; one that is not an OpenType font is left out, with a warning.
pub(crate) fn font_files<'s>(
    embedded: &'s [Subset],
    diagnostics: &Diagnostics,
) -> Vec<(String, &'static str, &'s [u8])> {
    let mut files: Vec<(String, &'static str, &[u8])> = Vec::new();
    for font in embedded {
        match fontfile::sniff(&font.data) {
            Some(kind) => files.push((
                kind.path(files.len()),
                kind.media_type(),
                font.data.as_slice(),
            )),
            None => diagnostics.warn(
                None,
                "a font subset is not an OpenType font with a cmap table, so the EPUB does not \
                 embed it; reading systems will use their own fonts for its characters",
            ),
        }
    }
    files
}

/// The rule sets a book's stylesheet adds to the base, each only when the
/// book has what it styles (a book without pays nothing).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct StyleNeeds {
    pub math: bool,
    /// Highlighted code.
    pub code: bool,
    /// Vertical writing (`vertical.css`).
    pub vertical: bool,
}

impl StyleNeeds {
    pub(crate) fn of(book: &Book, names: &Names) -> StyleNeeds {
        let math = !math::documents(book, &names.chapters, NOTES_PAGE).is_empty();
        StyleNeeds::with_math(book, math)
    }

    /// [`StyleNeeds::of`], when whether the book has `math` is known.
    fn with_math(book: &Book, math: bool) -> StyleNeeds {
        StyleNeeds {
            math,
            code: !book.code.is_empty(),
            vertical: book.meta.writing_mode.is_vertical(),
        }
    }
}

/// The book's stylesheet, with `@font-face` rules for the `fonts` paths
/// and the rule sets it `needs`.
pub(crate) fn book_stylesheet(lang: &str, fonts: &[&str], needs: StyleNeeds) -> String {
    let mut css = style::stylesheet(lang, fonts);
    if needs.math {
        css.push_str(math::CSS);
    }
    if needs.code {
        css.push_str(code::CSS);
    }
    if needs.vertical {
        css.push('\n');
        css.push_str(VERTICAL_CSS);
    }
    css
}

/// Every asset, the book's cover among them, or else a generated cover.
/// Returns the cover image's path; the assets' files go into `files`, to
/// be put into the archive raw (epub-builder gets empty placeholders).
fn add_images<'b>(
    builder: &mut Package,
    book: &'b Book,
    names: &Names,
    fonts: &FontSet,
    reuse: &Reuse,
    files: &mut Vec<RawFile<'b>>,
) -> Result<String> {
    let cover_asset = book.cover.filter(|&i| i < book.assets.len());
    for ((i, asset), path) in book.assets.iter().enumerate().zip(&names.assets) {
        let mime = asset.media_type.mime();
        builder.resource(path, mime, Some(i) == cover_asset, None);
        files.push(RawFile {
            path: format!("OEBPS/{path}"),
            data: asset.data.as_slice(),
            key: reuse.content_key(&asset.data),
        });
    }
    match cover_asset {
        Some(i) => Ok(names.assets[i].clone()),
        None => {
            let key = reuse
                .is_on()
                .then(|| crate::layout::memo::key_of(&(format!("{fonts:?}"), &book.meta)));
            let make = || std::sync::Arc::new(svg_cover(&cover_book(book), fonts));
            let svg = match key {
                Some(key) => reuse.covers.get_or(key, make),
                None => make(),
            };
            builder.resource(COVER_SVG, "image/svg+xml", true, Some(svg));
            Ok(COVER_SVG.to_string())
        }
    }
}

/// A chapter's path in the archive, its XHTML and the key it is kept by.
type ChapterFile = (String, std::sync::Arc<String>, Option<Key>);

/// The spine, in reading order: cover, title page, copyright page,
/// contents, front matter, chapters, notes. Returns the TOC entries and
/// the chapters' files (path in the archive, XHTML), which go into the
/// archive after epub-builder's (it writes empty placeholders for them).
fn add_pages(
    builder: &mut Package,
    w: &Writer<'_>,
    cover_image: &str,
    kept: Kept<'_>,
) -> Result<(Vec<Entry>, Vec<ChapterFile>)> {
    let book = w.book;
    let reuse = kept.reuse;
    let book_key = reuse.book_key(w);
    let mut files = Vec::with_capacity(book.chapters.len());
    let meta = &book.meta;
    let mut entries: Vec<Entry> = Vec::new();
    let page = pages::cover_page(w, cover_image);
    builder.content(COVER_PAGE, page, None, Some(ReferenceType::Cover), 0);
    let page = pages::title_page(w);
    builder.content(TITLE_PAGE, page, None, Some(ReferenceType::TitlePage), 0);
    let first_body = book
        .chapters
        .iter()
        .position(|c| c.kind == ChapterKind::Chapter);
    let mut contents_placed = false;
    // Whether the last part title still holds the chapters (the NCX,
    // which epub-builder writes, has no entry for it).
    let mut in_part = false;
    for ((i, chapter), file) in book.chapters.iter().enumerate().zip(&w.names.chapters) {
        if !contents_placed && chapter.kind != ChapterKind::Copyright {
            place_contents(builder, &mut entries, meta.contents_title());
            contents_placed = true;
        }
        in_part = place_marks(book, i, &mut entries, in_part);
        in_part &= chapter.depth > 0;
        let entry = nav::chapter_entry(book, chapter, file);
        // Only the first body chapter is the bodymatter landmark.
        let reftype = match chapter.kind {
            ChapterKind::Copyright => Some(ReferenceType::Copyright),
            ChapterKind::Preface => Some(ReferenceType::Preface),
            ChapterKind::Chapter => (first_body == Some(i)).then_some(ReferenceType::Text),
        };
        let chapter_key = kept.chapters.get(i).copied();
        let (page, key) = reuse.chapter_page(w, book_key, i, chapter_key, || {
            pages::chapter_page(w, i, chapter)
        });
        files.push((format!("OEBPS/{file}"), page, key));
        let ncx_depth = chapter.depth.saturating_sub(u8::from(in_part));
        builder.content(file, String::new(), entry.as_ref(), reftype, ncx_depth);
        if let Some(entry) = entry {
            nav::place(&mut entries, entry, chapter.depth);
        }
    }
    if !contents_placed {
        place_contents(builder, &mut entries, meta.contents_title());
    }
    place_marks(book, book.chapters.len(), &mut entries, in_part);
    if !book.notes.is_empty() {
        entries.push(add_notes_page(builder, w)?);
    }
    Ok((entries, files))
}

/// The notes appendix, last in the spine; returns its TOC entry.
fn add_notes_page(builder: &mut Package, w: &Writer<'_>) -> Result<Entry> {
    let entry = Entry {
        title: w.book.meta.notes_title().into(),
        href: NOTES_PAGE.into(),
        ..Entry::default()
    };
    let page = pages::notes_page(w);
    let reftype = Some(ReferenceType::Notes);
    builder.content(NOTES_PAGE, page, Some(&entry), reftype, 0);
    Ok(entry)
}

/// What the generated cover needs of `book`: its metadata, with the
/// characters XML forbids removed (the cover escapes markup but keeps
/// control characters, which would make the SVG ill-formed).
fn cover_book(book: &Book) -> Book {
    let meta = &book.meta;
    let clean = |s: &String| strip_invalid(s);
    Book {
        meta: crate::book::Metadata {
            title: clean(&meta.title),
            subtitle: meta.subtitle.as_ref().map(clean),
            authors: meta.authors.iter().map(clean).collect(),
            publisher: meta.publisher.as_ref().map(clean),
            ..meta.clone()
        },
        ..Book::default()
    }
}

/// The contents page goes into the spine (and the TOC) here: after the
/// copyright page, before the front matter. epub-builder writes a
/// placeholder that folio replaces with its own page.
fn place_contents(builder: &mut Package, entries: &mut Vec<Entry>, title: &str) {
    builder.inline_toc();
    entries.push(Entry {
        title: title.into(),
        href: CONTENTS_PAGE.into(),
        ..Entry::default()
    });
}

/// The part titles and drafts that come before chapter `before`, into
/// the TOC; returns whether a part title is open.
pub(crate) fn place_marks(
    book: &Book,
    before: usize,
    entries: &mut Vec<Entry>,
    in_part: bool,
) -> bool {
    let mut in_part = in_part;
    for mark in book.toc_marks.iter().filter(|m| m.before == before) {
        in_part |= mark.kind == crate::book::TocMarkKind::Part;
        if let Some(entry) = nav::mark_entry(mark) {
            nav::place(entries, entry, mark.depth);
        }
    }
    in_part
}

fn epub_error(e: epub_builder::Error) -> Error {
    Error::Epub(e.to_string())
}

#[cfg(test)]
mod tests;

//! The PDF writer: a laid-out [`Document`] into the bytes of a PDF file.
//!
//! printpdf builds the document: catalog, page tree, page boxes, resource
//! dictionaries and image XObjects. folio writes what goes in them: the
//! page content streams ([`super::content`], encoded and compressed one
//! page per task, in parallel) and the subset CID fonts
//! ([`super::fonts`]). The object tree (`to_lopdf_doc`) is then finished
//! with lopdf before anything is serialized, for what printpdf 0.12 does
//! not do or does wrong: a PDF 1.7 header, `/Lang`, a nested outline,
//! links to a place on a page, the Info dictionary and XMP from the book's
//! metadata, `/PageMode` as a name, and a trailer `/ID` derived from the
//! content instead of printpdf's process-global pseudo-random one; and,
//! when the layout gave a structure, the tags of a PDF/UA-1 file
//! ([`super::tags`]). [`super::file`] then writes the tree as the file's
//! bytes (not lopdf's `save`): object streams numbered by chapter and
//! compressed in parallel, the `/ID` from the parts' digests.
//! In a watch session a page whose items did not change costs a hash
//! ([`super::page_key`]), not an encoding; an object stream whose bytes
//! did not change is not compressed again ([`Reuse`]).
//! Everything is deterministic: the same input gives the same bytes.

use std::collections::BTreeMap;

use lopdf::{Object, ObjectId};
use md5::{Digest, Md5};
use printpdf::{
    Mm, PdfDocument, PdfPage, PdfParseErrorSeverity, PdfSaveOptions, Pt, Rect, XObjectId,
};
use rayon::prelude::*;

use super::content::{mcid_nodes, page_content};
use super::fonts::{embed_fonts, FontSource};
use super::images::image_xobject;
use super::numbering::Segments;
use super::page_key::{book_key, page_key};
use super::reuse::{Packed, Reuse};
use super::{file, labels, links, meta, outline, tags};
use crate::book::Book;
use crate::diagnostics::Diagnostics;
use crate::error::{Error, Result};
use crate::fonts::FontSet;
use crate::layout::page::{Document, Item, NodeId, SourcePart};

/// The PDF version written: 1.7 (ISO 32000-1), for `/FontFile3 /OpenType`
/// and everything else used here.
const PDF_VERSION: &str = "1.7";

/// Page sizes PDF readers accept (ISO 32000-1 Annex C: 3 to 14 400 units).
const PAGE_SIZE: std::ops::RangeInclusive<f32> = 3.0..=14_400.0;

/// Writes `doc` as a PDF. Problems that do not stop the output (an image
/// that cannot be decoded) are dropped; use [`write_pdf_with`] to see them.
pub fn write_pdf(doc: &Document, book: &Book, fonts: &FontSet) -> Result<Vec<u8>> {
    write_pdf_with(doc, book, fonts, &Diagnostics::default())
}

/// Writes `doc` as a PDF, with fonts from any [`FontSource`] and warnings
/// (images left out, links without a target) reported to `diagnostics`.
pub fn write_pdf_with(
    doc: &Document,
    book: &Book,
    fonts: &dyn FontSource,
    diagnostics: &Diagnostics,
) -> Result<Vec<u8>> {
    write_in(doc, book, fonts, diagnostics, &Reuse::off(), None)
}

/// [`write_pdf_with`], reusing the compressed streams and font subsets a
/// watch session kept from its last build: the same bytes, sooner.
pub fn write_pdf_reusing(
    doc: &Document,
    book: &Book,
    fonts: &FontSet,
    diagnostics: &Diagnostics,
    reuse: &Reuse,
) -> Result<Vec<u8>> {
    if !reuse.is_on() {
        return write_pdf_with(doc, book, fonts, diagnostics);
    }
    reuse.start();
    let fonts_key = crate::layout::memo::key_of(&format!("{fonts:?}"));
    write_in(doc, book, fonts, diagnostics, reuse, Some(fonts_key))
}

fn write_in(
    doc: &Document,
    book: &Book,
    fonts: &dyn FontSource,
    diagnostics: &Diagnostics,
    reuse: &Reuse,
    fonts_key: Option<crate::layout::memo::Key>,
) -> Result<Vec<u8>> {
    if doc.pages.is_empty() {
        return Err(Error::Pdf("the layout produced no pages".into()));
    }
    check_page_sizes(doc)?;
    // The fonts are subset while printpdf makes the skeleton: neither
    // needs the other.
    let (faces, skeleton) = rayon::join(
        || embed_fonts(doc, fonts, fonts_key.map(|k| (reuse, k))),
        || skeleton(doc, book, diagnostics),
    );
    let ((faces, face_keys), (mut out, names, forms)) = (faces?, skeleton?);
    let shared = fonts_key.map(|_| book_key(&face_keys, &names, CONTENT_LEVEL));
    let pages_out = encode_pages(doc, &faces, &names, reuse, shared);
    let pages = page_ids(&out, doc)?;
    let mut streams = BTreeMap::new();
    let mut segments = Segments::default();
    let page_segment = page_segments(doc);
    let (mcids, content_ids) = install_contents(&mut out, &pages, pages_out, &mut streams)?;
    for ((&(page, _), content), &segment) in pages.iter().zip(content_ids).zip(&page_segment) {
        segments.put(page, segment);
        segments.put(content, segment);
    }
    install_fonts(&mut out, &pages, &faces)?;
    install_svgs(&mut out, &pages, &forms)?;
    let outline = outline::write_outline(&mut out, &doc.outline, &pages);
    let (annots, dropped) = links::write_links(&mut out, &doc.pages, &pages);
    for a in &annots {
        segments.put(a.id, page_segment[a.page]);
    }
    if dropped > 0 {
        diagnostics.warn(
            None,
            format!("PDF: {dropped} link(s) point at a page that does not exist and were left out"),
        );
    }
    let root = add_metadata(&mut out, doc, book, outline)?;
    if doc.is_vertical() {
        meta::bind_on_the_right(&mut out, root);
    }
    if !doc.structure.is_empty() {
        let marked = tags::Marked {
            structure: &doc.structure,
            mcids: &mcids,
            pages: &pages,
            annots: &annots,
            lang: book.meta.lang.trim(),
        };
        tags::write_structure(&mut out, &marked, root)?;
    }
    compress(&mut out, reuse, &mut streams);
    file::write_file(out, streams, &segments, reuse, |raw, level| {
        let compressed = deflate(raw, level);
        worth_it(&compressed, raw).then_some(compressed)
    })
}

/// Each page's segment of the file's numbering ([`super::numbering`]):
/// the pages of one part of the book (a chapter, the notes, the contents)
/// share one, numbered from 1 in page order; a blank page is in the
/// segment of the page before it.
fn page_segments(doc: &Document) -> Vec<u32> {
    let mut last = None;
    let mut segment = 1;
    doc.pages
        .iter()
        .map(|page| {
            let part = page.start.map(|s| match s.part {
                SourcePart::Note(_) => SourcePart::Notes,
                part => part,
            });
            if part.is_some() && part != last {
                if last.is_some() {
                    segment += 1;
                }
                last = part;
            }
            segment
        })
        .collect()
}

/// The SVG forms of the pages, by asset.
type Forms = BTreeMap<usize, super::svg::Form>;

/// printpdf's document for `doc`: the catalog, the page tree, a page of
/// each size with an empty content stream, the image XObjects; with the
/// resource names of the images and SVG forms the pages draw.
fn skeleton(
    doc: &Document,
    book: &Book,
    diagnostics: &Diagnostics,
) -> Result<(lopdf::Document, BTreeMap<usize, String>, Forms)> {
    let mut pdf = PdfDocument::new(&book.meta.title);
    let mut names = embed_images(doc, book, &mut pdf, diagnostics);
    let forms = convert_svgs(doc, book, diagnostics);
    names.extend(forms.keys().map(|&id| (id, format!("Sv{id}"))));
    for page in &doc.pages {
        let mut out = PdfPage::new(Mm(0.0), Mm(0.0), Vec::new());
        let rect = Rect::from_wh(Pt(page.width), Pt(page.height));
        out.media_box = rect.clone();
        out.trim_box = rect.clone();
        out.crop_box = rect;
        pdf.pages.push(out);
    }
    Ok((to_lopdf(&pdf)?, names, forms))
}

fn check_page_sizes(doc: &Document) -> Result<()> {
    for (n, page) in doc.pages.iter().enumerate() {
        let (w, h) = (page.width, page.height);
        if !PAGE_SIZE.contains(&w) || !PAGE_SIZE.contains(&h) {
            return Err(Error::Pdf(format!(
                "page {} has an impossible size {w} × {h} pt",
                n + 1
            )));
        }
    }
    Ok(())
}

/// Every page's content stream, encoded and compressed in parallel (pages
/// are independent; the order of the result is the page order), with the
/// node of each of its MCIDs. In a watch session (`shared`: the key of
/// what all pages' encodings share), a page whose [`page_key`] was seen
/// in the last build costs that hash, not an encoding.
fn encode_pages(
    doc: &Document,
    faces: &super::fonts::Faces,
    names: &BTreeMap<usize, String>,
    reuse: &Reuse,
    shared: Option<crate::layout::memo::Key>,
) -> Vec<(Packed, Vec<NodeId>)> {
    doc.pages
        .par_iter()
        .map(|page| {
            let marks = || mcid_nodes(page, &doc.structure);
            let (key, mcids) = match shared {
                Some(k) => {
                    let make = || (page_key(page, &doc.structure, k), marks());
                    let seen = reuse.seen(page, k, make);
                    (Some(seen.key), seen.mcids.clone())
                }
                None => (None, marks()),
            };
            let packed = reuse.page(key, || {
                let content = page_content(page, faces, names, &doc.structure);
                debug_assert_eq!(content.mcids, mcids);
                let raw = content.bytes;
                let compressed = deflate(&raw, CONTENT_LEVEL);
                if worth_it(&compressed, &raw) {
                    Packed::new(compressed, true)
                } else {
                    Packed::new(raw, false)
                }
            });
            (packed, mcids)
        })
        .collect()
}

/// Compressed data is kept only when it is smaller by more than the 19
/// bytes the `/Filter` entry adds (lopdf's rule).
fn worth_it(compressed: &[u8], raw: &[u8]) -> bool {
    compressed.len() + 19 < raw.len()
}

/// Gives each page's content its (empty) stream printpdf made: the data
/// goes in `streams`, for [`file::write_file`]. Returns each page's MCIDs'
/// nodes and its content stream.
fn install_contents(
    out: &mut lopdf::Document,
    pages: &[(ObjectId, f32)],
    contents: Vec<(Packed, Vec<NodeId>)>,
    streams: &mut BTreeMap<ObjectId, Packed>,
) -> Result<(Vec<Vec<NodeId>>, Vec<ObjectId>)> {
    let mut mcids = Vec::with_capacity(contents.len());
    let mut content_ids = Vec::with_capacity(contents.len());
    for (&(page, _), (packed, nodes)) in pages.iter().zip(contents) {
        let ids = out.get_page_contents(page);
        let [id] = ids.as_slice() else {
            return Err(Error::Pdf(format!(
                "printpdf gave a page {} content streams, not one",
                ids.len()
            )));
        };
        let stream = out
            .get_object_mut(*id)
            .and_then(Object::as_stream_mut)
            .map_err(|e| Error::Pdf(format!("a page's content stream: {e}")))?;
        if packed.deflated {
            stream.dict.set("Filter", "FlateDecode");
        }
        streams.insert(*id, packed);
        mcids.push(nodes);
        content_ids.push(*id);
    }
    Ok((mcids, content_ids))
}

/// Writes the font objects and names them in the `/Font` resource
/// dictionary printpdf shares between all pages.
fn install_fonts(
    out: &mut lopdf::Document,
    pages: &[(ObjectId, f32)],
    faces: &super::fonts::Faces,
) -> Result<()> {
    let bad = |e: lopdf::Error| Error::Pdf(format!("printpdf's font resources: {e}"));
    let first = pages
        .first()
        .map(|p| p.0)
        .ok_or_else(|| Error::Pdf("no pages".into()))?;
    let resources = out
        .get_dictionary(first)
        .and_then(|page| page.get(b"Resources"))
        .and_then(Object::as_reference)
        .map_err(bad)?;
    let font_dict = out
        .get_dictionary(resources)
        .and_then(|r| r.get(b"Font"))
        .and_then(Object::as_reference)
        .map_err(bad)?;
    let mut written = Vec::new();
    for face in faces.values() {
        let (horizontal, vertical) = face.write(out)?;
        written.push((face.name.clone(), horizontal));
        written.extend(vertical.map(|v| (face.vertical_name(), v)));
    }
    let dict = out.get_dictionary_mut(font_dict).map_err(bad)?;
    for (name, id) in written {
        dict.set(name, Object::Reference(id));
    }
    Ok(())
}

/// printpdf's object tree, before serialization. Its errors (which would
/// mean a bug here, such as text outside a text object) fail the write.
fn to_lopdf(pdf: &PdfDocument) -> Result<lopdf::Document> {
    let options = PdfSaveOptions {
        optimize: false, // compressed in `serialize`, after the post-processing
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut out = printpdf::serialize::to_lopdf_doc(pdf, &options, &mut warnings);
    if let Some(w) = warnings
        .iter()
        .find(|w| w.severity == PdfParseErrorSeverity::Error)
    {
        return Err(Error::Pdf(format!("printpdf: {}", w.msg)));
    }
    out.version = PDF_VERSION.into();
    Ok(out)
}

/// Each page's object id and height, in page order.
fn page_ids(out: &lopdf::Document, doc: &Document) -> Result<Vec<(ObjectId, f32)>> {
    let ids: Vec<ObjectId> = out.get_pages().into_values().collect();
    if ids.len() != doc.pages.len() {
        return Err(Error::Pdf(
            "printpdf wrote a different number of pages".into(),
        ));
    }
    Ok(ids
        .into_iter()
        .zip(doc.pages.iter().map(|p| p.height))
        .collect())
}

/// The catalog entries, Info dictionary and XMP stream of [`meta`], the
/// outline and the page labels. Returns the catalog.
fn add_metadata(
    out: &mut lopdf::Document,
    doc: &Document,
    book: &Book,
    outline: Option<ObjectId>,
) -> Result<ObjectId> {
    let tagged = !doc.structure.is_empty();
    let xmp = out.add_object(meta::xmp_stream(&book.meta, &document_uuid(book), tagged));
    let info = out.add_object(meta::info_dict(&book.meta));
    // printpdf's own Info dictionary is replaced, not left unreferenced.
    if let Ok(old) = out.trailer.get(b"Info").and_then(Object::as_reference) {
        out.objects.remove(&old);
    }
    out.trailer.set("Info", Object::Reference(info));
    let root = out
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|e| Error::Pdf(format!("no catalog: {e}")))?;
    let catalog = out
        .get_dictionary_mut(root)
        .map_err(|e| Error::Pdf(format!("no catalog: {e}")))?;
    meta::update_catalog(catalog, &book.meta, outline.is_some(), xmp);
    if let Some(outline) = outline {
        catalog.set("Outlines", Object::Reference(outline));
    }
    let labels: Vec<&str> = doc.pages.iter().map(|p| p.label.as_str()).collect();
    if let Some(tree) = labels::page_labels(&labels) {
        catalog.set("PageLabels", tree);
    }
    Ok(root)
}

/// Deflate level of the page content streams, most of a book's bytes
/// before compression. Measured with zlib-rs (the flate2 backend here) on
/// a 500 000-character book: level 7 makes a smaller file than lopdf's
/// level 9 (2 736 KB against 2 745 KB) in less time; levels 1–6 are
/// 3–50% larger (level 1: 4.1 MB).
const CONTENT_LEVEL: u32 = 7;

/// Deflate level of the other streams: the font programs (the sample's
/// one big stream), ToUnicode maps, XMP. Level 4 costs the sample 2.6 KB
/// (247.6 KB against 245.0 KB) and saves a third of its compression time.
const OTHER_LEVEL: u32 = 4;

/// Compresses, in parallel, every stream that allows it and is not in
/// `streams` yet (the page contents were compressed as they were encoded)
/// at [`OTHER_LEVEL`], keeping the compressed bytes only when [`worth_it`];
/// the data goes in `streams`.
fn compress(out: &mut lopdf::Document, reuse: &Reuse, streams: &mut BTreeMap<ObjectId, Packed>) {
    let todo: Vec<(ObjectId, &mut lopdf::Stream)> = out
        .objects
        .iter_mut()
        .filter_map(|(&id, object)| match object {
            Object::Stream(s)
                if s.allows_compression
                    && s.dict.get(b"Filter").is_err()
                    && !streams.contains_key(&id) =>
            {
                Some((id, s))
            }
            _ => None,
        })
        .collect();
    let packed: Vec<(ObjectId, Packed)> = todo
        .into_par_iter()
        .map(|(id, stream)| {
            let raw = std::mem::take(&mut stream.content);
            let packed = reuse.packed(raw, OTHER_LEVEL, |raw| {
                let compressed = deflate(raw, OTHER_LEVEL);
                worth_it(&compressed, raw).then_some(compressed)
            });
            if packed.deflated {
                stream.dict.set("Filter", "FlateDecode");
            }
            (id, packed)
        })
        .collect();
    streams.extend(packed);
}

/// `data` as a zlib stream at `level` (0–9).
fn deflate(data: &[u8], level: u32) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(data.len() / 2),
        flate2::Compression::new(level),
    );
    // Writing to a Vec cannot fail.
    let _ = encoder.write_all(data);
    encoder.finish().unwrap_or_default()
}

/// The assets the pages draw, in order.
fn used_assets(doc: &Document) -> std::collections::BTreeSet<usize> {
    doc.pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|item| match item {
            Item::Image { asset, .. } => Some(*asset),
            _ => None,
        })
        .collect()
}

/// The SVG assets the pages draw, converted to forms; one that cannot be
/// is reported and left out (its box stays empty).
fn convert_svgs(
    doc: &Document,
    book: &Book,
    diagnostics: &Diagnostics,
) -> BTreeMap<usize, super::svg::Form> {
    let (forms, failed) = super::svg::convert_all(book, used_assets(doc).into_iter());
    for (id, why) in failed {
        let name = &book.assets[id].name;
        diagnostics.warn(None, format!("PDF: image {name} left out: {why}"));
    }
    forms
}

/// Moves the SVG forms into the document and names them `Sv<asset>` in
/// the page resources, as the content streams call them.
fn install_svgs(
    out: &mut lopdf::Document,
    pages: &[(ObjectId, f32)],
    forms: &BTreeMap<usize, super::svg::Form>,
) -> Result<()> {
    let Some(&(first, _)) = pages.first() else {
        return Ok(());
    };
    let mut named = Vec::new();
    for (id, form) in forms {
        let object = super::svg::install(form, out).map_err(Error::Pdf)?;
        named.push((format!("Sv{id}"), object));
    }
    super::svg::name_in_resources(out, first, &named).map_err(Error::Pdf)
}

/// Adds an XObject for every raster image asset the pages draw, and
/// returns their resource names. An asset that is missing or cannot be
/// decoded is reported and left out (its box stays empty) rather than
/// failing the whole book.
fn embed_images(
    doc: &Document,
    book: &Book,
    pdf: &mut PdfDocument,
    diagnostics: &Diagnostics,
) -> BTreeMap<usize, String> {
    let mut images = BTreeMap::new();
    for asset_id in used_assets(doc) {
        let Some(asset) = book.assets.get(asset_id) else {
            diagnostics.warn(None, format!("PDF: image asset {asset_id} does not exist"));
            continue;
        };
        if asset.media_type == crate::book::MediaType::Svg {
            continue;
        }
        match image_xobject(asset) {
            Ok(xobject) => {
                let id = XObjectId(format!("Im{asset_id}"));
                pdf.resources
                    .xobjects
                    .map
                    .insert(id.clone(), printpdf::XObject::External(xobject));
                images.insert(asset_id, id.0);
            }
            Err(why) => {
                diagnostics.warn(None, format!("PDF: image {} left out: {why}", asset.name))
            }
        }
    }
    images
}

/// A UUID-shaped id for the XMP `DocumentID`, stable for one book.
fn document_uuid(book: &Book) -> String {
    let mut hasher = Md5::new();
    hasher.update(book.meta.identifier.as_bytes());
    hasher.update([0]);
    hasher.update(book.meta.title.as_bytes());
    let h = hex(&hasher.finalize());
    format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    )
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_pages_is_an_error() {
        let err = write_pdf(&Document::default(), &Book::default(), &FontSet::default());
        assert!(matches!(err, Err(Error::Pdf(_))));
    }

    #[test]
    fn document_uuid_is_uuid_shaped() {
        let u = document_uuid(&Book::default());
        assert_eq!(u.len(), 36);
        assert_eq!(u.matches('-').count(), 4);
    }
}

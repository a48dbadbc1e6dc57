//! SVG images drawn as vector graphics.
//!
//! `usvg` (the resvg project's SVG parser, which resolves CSS, `use`,
//! transforms and text layout into a plain tree) reads the file; `svg2pdf`
//! (typst's SVG-to-PDF converter, built on `usvg` and `pdf-writer`) turns the
//! tree into a form XObject of one point square, the same shape as an image
//! XObject, so the page content draws either with the same `cm … Do`.
//! Text in the SVG stays text (subset fonts with ToUnicode, so it can be
//! searched and copied), set in the built-in fonts only: the same SVG gives
//! the same PDF on every machine.
//!
//! svg2pdf writes its objects as a `pdf-writer` chunk. The chunk is
//! renumbered past the objects the document already has, wrapped in a
//! minimal PDF, read back with lopdf and its objects moved in.

use std::collections::BTreeMap;
use std::sync::Arc;

use lopdf::{Dictionary, Object, ObjectId};
use pdf_writer::{Chunk, Pdf, Ref};
use rayon::prelude::*;
use svg2pdf::usvg;
use usvg::fontdb;

use crate::book::{Asset, Book, MediaType};
use crate::fonts::default::{Coverage, BUILTINS};
use crate::text::Locale;

/// An SVG converted, waiting to be moved into the document.
pub struct Form {
    chunk: Chunk,
    root: Ref,
}

/// Converts every SVG asset in `used` (in parallel: each is independent);
/// an SVG that cannot be drawn is given back with why.
pub fn convert_all(
    book: &Book,
    used: impl Iterator<Item = usize>,
) -> (BTreeMap<usize, Form>, Vec<(usize, String)>) {
    let svgs: Vec<(usize, &Asset)> = used
        .filter_map(|id| book.assets.get(id).map(|a| (id, a)))
        .filter(|(_, a)| a.media_type == MediaType::Svg)
        .collect();
    if svgs.is_empty() {
        return (BTreeMap::new(), Vec::new());
    }
    let db = database(book.meta.locale());
    let results: Vec<(usize, Result<Form, String>)> = svgs
        .into_par_iter()
        .map(|(id, asset)| (id, convert(asset, &db, &book.meta.lang)))
        .collect();
    let mut forms = BTreeMap::new();
    let mut failed = Vec::new();
    for (id, result) in results {
        match result {
            Ok(form) => {
                forms.insert(id, form);
            }
            Err(why) => failed.push((id, why)),
        }
    }
    (forms, failed)
}

/// The built-in faces as a font database, the book's own CJK face first
/// (usvg falls back through the faces in order for characters the named
/// family lacks), with the generic families mapped onto them.
fn database(locale: Locale) -> Arc<fontdb::Database> {
    let mut db = fontdb::Database::new();
    let first = |b: &&crate::fonts::default::Builtin| b.coverage == Coverage::Cjk(locale);
    for b in BUILTINS
        .iter()
        .filter(first)
        .chain(BUILTINS.iter().filter(|b| !first(b)))
    {
        db.load_font_source(fontdb::Source::Binary(Arc::new(b.data)));
    }
    db.set_serif_family("Folio Serif");
    db.set_sans_serif_family("Folio Serif");
    db.set_cursive_family("Folio Serif");
    db.set_fantasy_family("Folio Serif");
    db.set_monospace_family("Folio Mono");
    Arc::new(db)
}

fn convert(asset: &Asset, db: &Arc<fontdb::Database>, lang: &str) -> Result<Form, String> {
    let mut options = usvg::Options {
        font_family: "Folio Serif".into(),
        languages: vec![lang.to_string()],
        fontdb: db.clone(),
        ..usvg::Options::default()
    };
    // Never read a file an SVG names (the parser cleaned them out anyway).
    options.image_href_resolver.resolve_string = Box::new(|_, _| None);
    let tree = usvg::Tree::from_data(&asset.data, &options).map_err(|e| format!("bad SVG: {e}"))?;
    let conversion = svg2pdf::ConversionOptions {
        compress: true,
        embed_text: true,
        ..svg2pdf::ConversionOptions::default()
    };
    let (chunk, root) =
        svg2pdf::to_chunk(&tree, conversion).map_err(|e| format!("SVG not converted: {e}"))?;
    Ok(Form { chunk, root })
}

/// Moves `form`'s objects into `out` and returns the id of its XObject.
pub fn install(form: &Form, out: &mut lopdf::Document) -> Result<ObjectId, String> {
    // Ids 1 and 2 are the wrapper's catalog and page tree; the chunk's own
    // ids start past everything `out` has.
    let offset = i32::try_from(out.max_id.max(2)).map_err(|_| "too many objects")?;
    let chunk = form.chunk.renumber(|r| Ref::new(r.get() + offset));
    let root = form.root.get() + offset;
    let mut pdf = Pdf::new();
    pdf.catalog(Ref::new(1)).pages(Ref::new(2));
    pdf.pages(Ref::new(2)).count(0);
    pdf.extend(&chunk);
    let bytes = pdf.finish();
    let mut wrapper =
        lopdf::Document::load_mem(&bytes).map_err(|e| format!("SVG objects not read: {e}"))?;
    for (id, object) in std::mem::take(&mut wrapper.objects) {
        if id.0 > 2 {
            out.max_id = out.max_id.max(id.0);
            out.objects.insert(id, object);
        }
    }
    let root = (root as u32, 0);
    if out.objects.contains_key(&root) {
        Ok(root)
    } else {
        Err("svg2pdf wrote no form for the SVG".into())
    }
}

/// Names `forms` (resource name, object) in the `/XObject` dictionary of
/// the resources all pages share, making one if printpdf wrote none.
pub fn name_in_resources(
    out: &mut lopdf::Document,
    first_page: ObjectId,
    forms: &[(String, ObjectId)],
) -> Result<(), String> {
    if forms.is_empty() {
        return Ok(());
    }
    let bad = |e: lopdf::Error| format!("the page resources: {e}");
    let resources = out
        .get_dictionary(first_page)
        .and_then(|page| page.get(b"Resources"))
        .and_then(Object::as_reference)
        .map_err(bad)?;
    let existing = out
        .get_dictionary(resources)
        .map_err(bad)?
        .get(b"XObject")
        .ok()
        .cloned();
    let dict = match existing {
        Some(Object::Reference(id)) => out.get_dictionary_mut(id).map_err(bad)?,
        Some(Object::Dictionary(_)) => {
            let r = out.get_dictionary_mut(resources).map_err(bad)?;
            r.get_mut(b"XObject")
                .and_then(Object::as_dict_mut)
                .map_err(bad)?
        }
        _ => {
            let r = out.get_dictionary_mut(resources).map_err(bad)?;
            r.set("XObject", Dictionary::new());
            r.get_mut(b"XObject")
                .and_then(Object::as_dict_mut)
                .map_err(bad)?
        }
    };
    for (name, id) in forms {
        dict.set(name.as_bytes().to_vec(), Object::Reference(*id));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn svg_asset(body: &str) -> Asset {
        let data = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"50\">{body}</svg>"
        );
        Asset {
            name: "images/a.svg".into(),
            media_type: MediaType::Svg,
            data: data.into_bytes(),
            width: 100,
            height: 50,
        }
    }

    #[test]
    fn an_svg_becomes_a_form_with_its_paths_and_text() {
        let db = database(Locale::Other);
        let asset = svg_asset(
            "<rect x=\"5\" y=\"5\" width=\"40\" height=\"20\" fill=\"red\"/>\
             <text x=\"50\" y=\"30\" font-family=\"sans-serif\">Hi 图</text>",
        );
        let form = convert(&asset, &db, "en").expect("converted");
        let mut out = lopdf::Document::with_version("1.7");
        out.max_id = 40;
        let id = install(&form, &mut out).expect("installed");
        assert!(id.0 > 40, "renumbered past the document's objects: {id:?}");
        let stream = out
            .get_object(id)
            .and_then(Object::as_stream)
            .expect("form");
        assert_eq!(
            stream.dict.get(b"Subtype").and_then(Object::as_name).ok(),
            Some(&b"Form"[..])
        );
        let fonts = out
            .objects
            .values()
            .filter(|o| o.type_name().ok() == Some(b"Font"))
            .count();
        assert!(fonts > 0, "the text kept as text, with a font");
    }

    #[test]
    fn the_deepest_nesting_the_parser_lets_through_converts() {
        let depth = 256;
        let body = format!(
            "{}<rect width=\"9\" height=\"9\"/>{}",
            "<g>".repeat(depth),
            "</g>".repeat(depth)
        );
        let mut book = Book::default();
        book.assets.push(svg_asset(&body));
        let (forms, failed) = convert_all(&book, [0].into_iter());
        assert_eq!(
            forms.len() + failed.len(),
            1,
            "converted or refused, no crash"
        );
    }

    #[test]
    fn broken_svg_is_an_error() {
        let db = database(Locale::Other);
        let mut asset = svg_asset("");
        asset.data = b"<svg".to_vec();
        assert!(convert(&asset, &db, "en").is_err());
    }
}

//! Link annotations: internal links jump to a page and a height on it,
//! external ones open a URI. printpdf only knows page-level targets, so the
//! annotations are added here to the pages it wrote.

use std::sync::Arc;

use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};

use super::num::{finite, round};
use super::strings::{ascii_uri, text_string};
use super::tags::Annot;
use crate::layout::page::{Destination, Item, Link, Page};

/// `[page /XYZ 0 top null]`: show `page` with its point `y` (layout
/// coordinates, from the top) at the top of the window, zoom unchanged.
/// `None` when the page does not exist.
pub fn xyz_destination(pages: &[(ObjectId, f32)], page: usize, y: f32) -> Option<Object> {
    let (id, height) = pages.get(page)?;
    let top = round(height - finite(y));
    Some(Object::Array(vec![
        Object::Reference(*id),
        Object::Name(b"XYZ".to_vec()),
        Object::Integer(0),
        Object::Real(top.clamp(0.0, *height)),
        Object::Null,
    ]))
}

/// The annotation dictionary of `link` on a page `height` points high, or
/// `None` when its target does not exist.
pub fn link_annotation(link: &Link, height: f32, pages: &[(ObjectId, f32)]) -> Option<Dictionary> {
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"Annot".to_vec()));
    dict.set("Subtype", Object::Name(b"Link".to_vec()));
    let (x, y) = (finite(link.x), finite(link.y));
    let (x1, x2) = (round(x), round(x + finite(link.width)));
    let (y1, y2) = (round(height - y - finite(link.height)), round(height - y));
    dict.set(
        "Rect",
        vec![x1.min(x2), y1.min(y2), x1.max(x2), y1.max(y2)]
            .into_iter()
            .map(Object::Real)
            .collect::<Vec<_>>(),
    );
    // No visible border: the text itself shows what is a link.
    dict.set(
        "Border",
        vec![Object::Integer(0), Object::Integer(0), Object::Integer(0)],
    );
    match &link.target {
        Destination::Page { page, y } => {
            dict.set("Dest", xyz_destination(pages, *page, *y)?);
        }
        Destination::Uri(uri) => {
            let mut action = Dictionary::new();
            action.set("S", Object::Name(b"URI".to_vec()));
            action.set("URI", Object::String(ascii_uri(uri), StringFormat::Literal));
            dict.set("A", action);
        }
    }
    Some(dict)
}

/// Adds the links of every page to its `/Annots`, each with a
/// `/Contents` that says what it is (the text under it, else where it
/// goes). `pages[i]` is the object of `doc_pages[i]`. Returns the
/// annotations written and how many links were dropped for lack of a
/// target.
pub fn write_links(
    doc: &mut Document,
    doc_pages: &[Arc<Page>],
    pages: &[(ObjectId, f32)],
) -> (Vec<Annot>, usize) {
    let mut dropped = 0;
    let mut written = Vec::new();
    for (n, (page, (page_id, height))) in doc_pages.iter().zip(pages).enumerate() {
        let mut annots = Vec::new();
        for link in &page.links {
            match link_annotation(link, *height, pages) {
                Some(mut dict) => {
                    dict.set("Contents", text_string(&description(link, page, doc_pages)));
                    let id = doc.add_object(dict);
                    annots.push(Object::Reference(id));
                    written.push(Annot {
                        page: n,
                        id,
                        node: link.node,
                    });
                }
                None => dropped += 1,
            }
        }
        let Ok(page) = doc.get_dictionary_mut(*page_id) else {
            continue;
        };
        match page.get_mut(b"Annots").and_then(Object::as_array_mut) {
            Ok(existing) => existing.extend(annots),
            Err(_) => page.set("Annots", annots),
        }
        // printpdf gives every page an `/Annots []`; an empty one says nothing.
        if matches!(page.get(b"Annots"), Ok(Object::Array(a)) if a.is_empty()) {
            page.remove(b"Annots");
        }
    }
    (written, dropped)
}

/// What a screen reader says of `link` (PDF/UA-1 7.18.5): the text drawn
/// under it on `page`, or else its URI or the label of the page it goes to.
fn description(link: &Link, page: &Page, pages: &[Arc<Page>]) -> String {
    let (x1, x2) = (link.x - 0.01, link.x + link.width);
    let (y1, y2) = (link.y - 0.01, link.y + link.height + 0.3 * link.height);
    let mut text = String::new();
    for item in &page.items {
        let Item::Text(run) = item else { continue };
        if run.y < y1 || run.y > y2 {
            continue;
        }
        for g in run.glyphs.iter().filter(|g| g.x >= x1 && g.x < x2) {
            text.push_str(&g.text);
        }
    }
    let text = text.replace('\u{AD}', "");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if !text.is_empty() {
        return text;
    }
    match &link.target {
        Destination::Uri(uri) => uri.clone(),
        Destination::Page { page, .. } => match pages.get(*page).map(|p| p.label.as_str()) {
            Some(label) if !label.is_empty() => format!("→ {label}"),
            _ => format!("→ {}", page + 1),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(target: Destination) -> Link {
        Link {
            x: 10.0,
            y: 20.0,
            width: 30.0,
            height: 5.0,
            target,
            node: None,
        }
    }

    #[test]
    fn internal_link_points_at_page_and_height() {
        let pages = [((3, 0), 500.0), ((4, 0), 400.0)];
        let d = link_annotation(
            &link(Destination::Page { page: 1, y: 100.0 }),
            500.0,
            &pages,
        )
        .expect("annotation");
        let dest = d.get(b"Dest").and_then(Object::as_array).expect("dest");
        assert_eq!(dest[0], Object::Reference((4, 0)));
        assert_eq!(dest[3], Object::Real(300.0));
        let rect: Vec<f32> = d
            .get(b"Rect")
            .and_then(Object::as_array)
            .expect("rect")
            .iter()
            .map(|o| o.as_float().expect("number"))
            .collect();
        assert_eq!(rect, [10.0, 475.0, 40.0, 480.0]);
    }

    #[test]
    fn missing_page_drops_the_link() {
        assert!(
            link_annotation(&link(Destination::Page { page: 9, y: 0.0 }), 500.0, &[]).is_none()
        );
    }

    #[test]
    fn uri_link_has_uri_action() {
        let d = link_annotation(&link(Destination::Uri("https://例.cn".into())), 500.0, &[])
            .expect("annotation");
        let a = d.get(b"A").and_then(Object::as_dict).expect("action");
        assert_eq!(
            a.get(b"URI").and_then(Object::as_str).ok(),
            Some(&b"https://%E4%BE%8B.cn"[..])
        );
    }
}

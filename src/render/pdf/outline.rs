//! The document outline (bookmarks), nested like the table of contents.
//! printpdf only writes a flat list of page bookmarks, so the outline tree is
//! built here directly as lopdf objects.

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::links::xyz_destination;
use super::strings::text_string;
use crate::layout::page::OutlineItem;

/// Deeper levels than this are left out rather than risk unbounded
/// recursion on a malformed outline (headings go six deep).
const MAX_DEPTH: usize = 32;

/// Writes the outline; returns the `/Outlines` dictionary's id, or `None`
/// when there is nothing to show.
pub fn write_outline(
    doc: &mut Document,
    items: &[OutlineItem],
    pages: &[(ObjectId, f32)],
) -> Option<ObjectId> {
    if items.is_empty() {
        return None;
    }
    let root = doc.new_object_id();
    let (first, last) = write_level(doc, items, root, pages, 0);
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"Outlines".to_vec()));
    dict.set("First", Object::Reference(first));
    dict.set("Last", Object::Reference(last));
    // Every item starts closed, so only the top level is visible.
    dict.set("Count", items.len() as i64);
    doc.objects.insert(root, Object::Dictionary(dict));
    Some(root)
}

/// Writes `items` as siblings under `parent`; returns the first and last id.
/// `items` must not be empty.
fn write_level(
    doc: &mut Document,
    items: &[OutlineItem],
    parent: ObjectId,
    pages: &[(ObjectId, f32)],
    depth: usize,
) -> (ObjectId, ObjectId) {
    let ids: Vec<ObjectId> = items.iter().map(|_| doc.new_object_id()).collect();
    for (i, item) in items.iter().enumerate() {
        let mut dict = Dictionary::new();
        dict.set("Title", text_string(&item.title));
        dict.set("Parent", Object::Reference(parent));
        if i > 0 {
            dict.set("Prev", Object::Reference(ids[i - 1]));
        }
        if let Some(next) = ids.get(i + 1) {
            dict.set("Next", Object::Reference(*next));
        }
        if let Some(dest) = xyz_destination(pages, item.page, item.y) {
            dict.set("Dest", dest);
        }
        if !item.children.is_empty() && depth < MAX_DEPTH {
            let (first, last) = write_level(doc, &item.children, ids[i], pages, depth + 1);
            dict.set("First", Object::Reference(first));
            dict.set("Last", Object::Reference(last));
            // Negative: closed, with this many children shown when opened.
            dict.set("Count", -(item.children.len() as i64));
        }
        doc.objects.insert(ids[i], Object::Dictionary(dict));
    }
    (ids[0], ids[ids.len() - 1])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(title: &str, page: usize, children: Vec<OutlineItem>) -> OutlineItem {
        OutlineItem {
            title: title.into(),
            page,
            y: 100.0,
            children,
        }
    }

    #[test]
    fn nested_items_link_to_their_parent_and_siblings() {
        let mut doc = Document::with_version("1.7");
        let pages = [((1, 0), 600.0), ((2, 0), 600.0)];
        let items = vec![
            item(
                "一",
                0,
                vec![item("1.1", 1, vec![]), item("1.2", 1, vec![])],
            ),
            item("二", 1, vec![]),
        ];
        let root = write_outline(&mut doc, &items, &pages).expect("outline");
        let root_dict = doc.get_dictionary(root).expect("root");
        assert_eq!(
            root_dict.get(b"Count").and_then(Object::as_i64).ok(),
            Some(2)
        );
        let first = root_dict
            .get(b"First")
            .and_then(Object::as_reference)
            .expect("first");
        let first_dict = doc.get_dictionary(first).expect("first item");
        assert_eq!(first_dict.get(b"Title").ok(), Some(&text_string("一")));
        assert_eq!(
            first_dict.get(b"Count").and_then(Object::as_i64).ok(),
            Some(-2)
        );
        let child = first_dict
            .get(b"First")
            .and_then(Object::as_reference)
            .expect("child");
        let child_dict = doc.get_dictionary(child).expect("child item");
        assert_eq!(
            child_dict
                .get(b"Parent")
                .and_then(Object::as_reference)
                .ok(),
            Some(first)
        );
        let dest = child_dict
            .get(b"Dest")
            .and_then(Object::as_array)
            .expect("dest");
        assert_eq!(dest[0], Object::Reference((2, 0)));
        assert_eq!(dest[3], Object::Real(500.0));
        let next = first_dict
            .get(b"Next")
            .and_then(Object::as_reference)
            .expect("next");
        assert_eq!(
            root_dict.get(b"Last").and_then(Object::as_reference).ok(),
            Some(next)
        );
    }

    #[test]
    fn empty_outline_writes_nothing_and_bad_pages_get_no_dest() {
        let mut doc = Document::with_version("1.7");
        assert!(write_outline(&mut doc, &[], &[]).is_none());
        let root = write_outline(&mut doc, &[item("x", 7, vec![])], &[]).expect("outline");
        let first = doc
            .get_dictionary(root)
            .and_then(|d| d.get(b"First"))
            .and_then(Object::as_reference)
            .expect("first");
        assert!(doc
            .get_dictionary(first)
            .expect("item")
            .get(b"Dest")
            .is_err());
    }
}

//! The key of a page's content stream in a watch session: a hash of
//! everything [`super::content::page_content`] reads, so that a page the
//! edit did not touch costs a hash, not an encoding (float formatting for
//! every glyph) and a compression.
//!
//! What the encoding reads: the page's height (y is flipped against it),
//! its items and their tags, the role of each node it marks, and, from the
//! whole document, the embedded faces (subset glyph ids, widths, texts:
//! `faces`) and the images' resource names. The items are packed into
//! bytes and hashed at once,
//! with XXH3 ([`super::reuse::bytes_key`]); the matches name every field, so a field added to an item fails to
//! compile here until it is part of the key.

use std::collections::BTreeMap;

use crate::layout::memo::{Key, KeyHasher};
use crate::layout::page::{Color, GlyphRun, Item, Orientation, Page, PositionedGlyph, StructNode};

/// The key of `page`'s content stream. `book` is the key of what every
/// page's encoding shares (see [`book_key`]).
pub(super) fn page_key(page: &Page, structure: &[StructNode], book: Key) -> Key {
    let mut b = Vec::with_capacity(page.items.len() * 64);
    b.extend_from_slice(&book.0.to_le_bytes());
    b.extend_from_slice(&book.1.to_le_bytes());
    b.push(u8::from(structure.is_empty()));
    put_f32(&mut b, page.height);
    for item in &page.items {
        put_item(&mut b, item);
    }
    if !structure.is_empty() {
        put_marks(&mut b, page, structure);
    }
    super::reuse::bytes_key(PAGE_SEED, &b)
}

/// The seed of the pages' keys (the streams' are their deflate levels).
const PAGE_SEED: u64 = 0x5047;

/// The key of what all pages' encodings share: each embedded face's own
/// key (which covers its subset) and the images' resource names.
pub(super) fn book_key(faces: &[Key], images: &BTreeMap<usize, String>, level: u32) -> Key {
    let faces: Vec<(u64, u64)> = faces.iter().map(|k| (k.0, k.1)).collect();
    KeyHasher::default()
        .add(&faces)
        .add(images)
        .add(&level)
        .key()
}

/// What the marked content of the page says: for each item, whether it
/// is an artifact or else its node's role and whether it is the node of
/// the item before (the MCIDs, numbered from 0 on each page, follow).
/// Not the node's number: a paragraph added to an earlier chapter
/// renumbers the nodes of every later page, whose streams stay the same.
fn put_marks(b: &mut Vec<u8>, page: &Page, structure: &[StructNode]) {
    b.push(0xfe);
    let mut last = None;
    for i in 0..page.items.len() {
        let tag = page.tags.get(i).copied().flatten();
        match tag.and_then(|n| Some((n, structure.get(n as usize)?))) {
            Some((n, node)) => {
                b.push(if last == Some(n) { 2 } else { 1 });
                b.extend_from_slice(super::tags::role_name(node.role).as_bytes());
                b.push(0);
                last = Some(n);
            }
            None => {
                b.push(0);
                last = None;
            }
        }
    }
}

fn put_f32(b: &mut Vec<u8>, v: f32) {
    b.extend_from_slice(&v.to_bits().to_le_bytes());
}

fn put_color(b: &mut Vec<u8>, color: Color) {
    match color {
        Color::Gray(g) => {
            b.push(0);
            put_f32(b, g);
        }
        Color::Rgb(r, g, bl) => {
            b.push(1);
            put_f32(b, r);
            put_f32(b, g);
            put_f32(b, bl);
        }
    }
}

fn put_item(b: &mut Vec<u8>, item: &Item) {
    match item {
        Item::Text(run) => put_run(b, run),
        Item::Line {
            from,
            to,
            width,
            color,
        } => {
            b.push(b'L');
            for v in [from.0, from.1, to.0, to.1, *width] {
                put_f32(b, v);
            }
            put_color(b, *color);
        }
        Item::Rect {
            x,
            y,
            width,
            height,
            color,
        } => {
            b.push(b'R');
            for v in [*x, *y, *width, *height] {
                put_f32(b, v);
            }
            put_color(b, *color);
        }
        Item::Image {
            asset,
            x,
            y,
            width,
            height,
        } => {
            b.push(b'I');
            b.extend_from_slice(&(*asset as u64).to_le_bytes());
            for v in [*x, *y, *width, *height] {
                put_f32(b, v);
            }
        }
    }
}

fn put_run(b: &mut Vec<u8>, run: &GlyphRun) {
    let GlyphRun {
        face,
        size,
        y,
        glyphs,
        synthetic_bold,
        color,
        orientation,
    } = run;
    b.push(b'T');
    b.extend_from_slice(&(face.0 as u64).to_le_bytes());
    put_f32(b, *size);
    put_f32(b, *y);
    b.push(u8::from(*synthetic_bold));
    b.push(match orientation {
        Orientation::Horizontal => 0,
        Orientation::Upright => 1,
        Orientation::Rotated => 2,
    });
    put_color(b, *color);
    b.extend_from_slice(&(glyphs.len() as u64).to_le_bytes());
    for glyph in glyphs {
        let PositionedGlyph {
            gid,
            x,
            y_offset,
            text,
        } = glyph;
        b.extend_from_slice(&gid.to_le_bytes());
        put_f32(b, *x);
        put_f32(b, *y_offset);
        // The length first, so that texts cannot run into each other.
        b.push(text.len().min(255) as u8);
        if text.len() >= 255 {
            b.extend_from_slice(&(text.len() as u64).to_le_bytes());
        }
        b.extend_from_slice(text.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::FaceId;

    fn page(x: f32, text: &str) -> Page {
        Page {
            width: 300.0,
            height: 400.0,
            items: vec![Item::Text(GlyphRun {
                face: FaceId(0),
                size: 10.0,
                y: 20.0,
                glyphs: vec![PositionedGlyph {
                    gid: 5,
                    x,
                    y_offset: 0.0,
                    text: text.into(),
                }],
                synthetic_bold: false,
                color: Color::BLACK,
                orientation: Orientation::Horizontal,
            })],
            ..Page::default()
        }
    }

    #[test]
    fn a_page_key_changes_with_what_is_drawn_and_with_the_faces() {
        let book = book_key(&[], &BTreeMap::new(), 7);
        let a = page_key(&page(10.0, "a"), &[], book);
        assert_eq!(a, page_key(&page(10.0, "a"), &[], book));
        assert_ne!(a, page_key(&page(10.5, "a"), &[], book), "a glyph moved");
        assert_ne!(a, page_key(&page(10.0, "b"), &[], book), "its text");
        let other = book_key(&[Key(1, 2)], &BTreeMap::new(), 7);
        assert_ne!(a, page_key(&page(10.0, "a"), &[], other), "another subset");
    }
}

//! PLACEHOLDER for `crate::render::cover::svg_cover`, which the fonts
//! branch is writing (a typographic cover set in the book's font). Same
//! signature, so the lead swaps the `use` in `mod.rs` when it lands and
//! deletes this file.

use super::escape::escape;
use crate::book::Book;
use crate::fonts::FontSet;

/// A plain typographic cover: title (wrapped), subtitle and authors.
pub fn svg_cover(book: &Book, _fonts: &FontSet) -> Vec<u8> {
    let meta = &book.meta;
    let cjk = meta.is_cjk();
    let per_line = if cjk { 10 } else { 20 };
    let mut svg = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"1600\" height=\"2560\" viewBox=\"0 0 1600 2560\">\n<rect width=\"1600\" height=\"2560\" fill=\"#f4efe6\"/>\n<rect x=\"100\" y=\"100\" width=\"1400\" height=\"2360\" fill=\"none\" stroke=\"#7a1f1f\" stroke-width=\"6\"/>\n",
    );
    let family = "font-family=\"'Noto Serif CJK SC', 'Source Han Serif SC', serif\"";
    let mut y = 800;
    for line in wrap(&meta.title, per_line) {
        svg.push_str(&format!(
            "<text x=\"800\" y=\"{y}\" text-anchor=\"middle\" font-size=\"120\" {family} fill=\"#222\">{}</text>\n",
            escape(&line)
        ));
        y += 160;
    }
    if let Some(sub) = &meta.subtitle {
        y += 40;
        for line in wrap(sub, per_line * 2) {
            svg.push_str(&format!(
                "<text x=\"800\" y=\"{y}\" text-anchor=\"middle\" font-size=\"64\" {family} fill=\"#444\">{}</text>\n",
                escape(&line)
            ));
            y += 90;
        }
    }
    let authors = meta.authors.join(if cjk { "、" } else { ", " });
    if !authors.is_empty() {
        svg.push_str(&format!(
            "<text x=\"800\" y=\"2200\" text-anchor=\"middle\" font-size=\"72\" {family} fill=\"#222\">{}</text>\n",
            escape(&authors)
        ));
    }
    svg.push_str("</svg>\n");
    svg.into_bytes()
}

/// Splits `text` into lines of at most `width` characters (a plain count:
/// good enough for a placeholder).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    chars
        .chunks(width.max(1))
        .map(|c| c.iter().collect())
        .collect()
}

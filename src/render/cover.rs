//! The generated typographic cover, for books that name no cover image.
//!
//! A sober design on a 1600×2560 canvas (the 1:1.6 shape reading systems
//! expect): warm paper, a thin double frame, the title large and centred in
//! the upper half, a short seal-red rule, the subtitle and the authors under
//! it, the publisher at the foot. Every letter is a `<path>` made from the
//! book's heading font's glyph outlines, so the SVG needs no font, shows
//! the same everywhere, and is byte-identical across builds.

mod wrap;

use std::fmt::Write;

use crate::book::Book;
use crate::fonts::{FontSet, Role, ShapedGlyph};
use crate::xml::escape;

const WIDTH: f32 = 1600.0;
const HEIGHT: f32 = 2560.0;
/// Text never comes closer than this to the canvas edge.
const MARGIN: f32 = 200.0;
const PAPER: &str = "#f4efe4";
const INK: &str = "#221e1a";
const GREY: &str = "#5a5148";
const SEAL: &str = "#a4322b";

/// The cover as a standalone SVG document (`image/svg+xml`).
pub fn svg_cover(book: &Book, fonts: &FontSet) -> Vec<u8> {
    let meta = &book.meta;
    let mut body = String::new();
    let text_width = WIDTH - 2.0 * MARGIN;

    // Title: the largest size at which it sets in at most three lines
    // broken at phrase ends; else smaller, broken where it must.
    let title = meta.title.trim();
    let glyphs = fonts.shape(title, Role::Heading);
    let (size, title_lines) = fit_title(title, &glyphs, text_width);
    let leading = size * 1.3;
    // The title block is centred on the line 36% down the canvas.
    let block = title_lines.lines.len().max(1) as f32 * leading;
    let mut y = (HEIGHT * 0.36 - block / 2.0 + size * 0.9).max(MARGIN + size);
    for line in &title_lines.lines {
        draw_line(
            &mut body,
            fonts,
            &glyphs[line.glyphs.clone()],
            line.width,
            size,
            y,
            INK,
        );
        y += leading;
    }
    if title_lines.lines.is_empty() {
        y += leading;
    }

    // A short rule under the title.
    y += 40.0 - leading + size * 0.3;
    let _ = writeln!(
        body,
        r#"<rect x="{}" y="{}" width="160" height="8" fill="{SEAL}"/>"#,
        num(WIDTH / 2.0 - 80.0),
        num(y)
    );
    y += 150.0;

    if let Some(subtitle) = meta
        .subtitle
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        y = draw_block(&mut body, fonts, subtitle, 72.0, y, GREY) + 60.0;
    }
    let authors = meta.authors.join(meta.locale().list_separator());
    if !authors.trim().is_empty() {
        draw_block(&mut body, fonts, authors.trim(), 64.0, y + 40.0, INK);
    }
    if let Some(publisher) = meta
        .publisher
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        draw_block(&mut body, fonts, publisher, 56.0, HEIGHT - 260.0, GREY);
    }

    let mut svg = String::new();
    svg.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}">"#
    );
    let _ = writeln!(svg, "<title>{}</title>", escape(title));
    let _ = writeln!(
        svg,
        r#"<rect width="{WIDTH}" height="{HEIGHT}" fill="{PAPER}"/>"#
    );
    let _ = writeln!(
        svg,
        r#"<rect x="80" y="80" width="1440" height="2400" fill="none" stroke="{INK}" stroke-width="4"/>"#
    );
    let _ = writeln!(
        svg,
        r#"<rect x="100" y="100" width="1400" height="2360" fill="none" stroke="{INK}" stroke-width="1.5"/>"#
    );
    svg.push_str(&body);
    svg.push_str("</svg>\n");
    svg.into_bytes()
}

/// Picks the title size: from 168 px down, the first at which the title
/// sets in at most 3 lines without breaking inside a phrase; failing that,
/// the first at which it sets in at most 5 lines; failing that, 48 px.
fn fit_title(title: &str, glyphs: &[ShapedGlyph], width: f32) -> (f32, wrap::Wrapped) {
    let sizes = (6..=21).rev().map(|n| n as f32 * 8.0);
    let mut fallback = None;
    for size in sizes {
        let wrapped = wrap::wrap(title, glyphs, width / size);
        let n = wrapped.lines.len();
        if n <= 3 && !wrapped.broke_phrase {
            return (size, wrapped);
        }
        if n <= 5 && fallback.is_none() {
            fallback = Some((size, wrapped));
        }
    }
    fallback.unwrap_or_else(|| (48.0, wrap::wrap(title, glyphs, width / 48.0)))
}

/// Sets `text` centred at `size`, wrapped to the text width, the first
/// baseline at `y`. Returns the baseline after the last line.
fn draw_block(out: &mut String, fonts: &FontSet, text: &str, size: f32, y: f32, fill: &str) -> f32 {
    let glyphs = fonts.shape(text, Role::Heading);
    let wrapped = wrap::wrap(text, &glyphs, (WIDTH - 2.0 * MARGIN) / size);
    let mut y = y;
    for line in &wrapped.lines {
        draw_line(
            out,
            fonts,
            &glyphs[line.glyphs.clone()],
            line.width,
            size,
            y,
            fill,
        );
        y += size * 1.5;
    }
    y
}

/// One centred line of glyph outlines, baseline at `y`.
fn draw_line(
    out: &mut String,
    fonts: &FontSet,
    glyphs: &[ShapedGlyph],
    width_em: f32,
    size: f32,
    y: f32,
    fill: &str,
) {
    let _ = writeln!(out, r#"<g fill="{fill}">"#);
    let mut x = (WIDTH - width_em * size) / 2.0;
    for g in glyphs {
        let d = fonts.glyph_outline_svg(g.face, g.gid);
        if !d.is_empty() {
            let _ = writeln!(
                out,
                r#"<path transform="translate({} {}) scale({})" d="{d}"/>"#,
                num(x + g.x_offset * size),
                num(y - g.y_offset * size),
                num(size)
            );
        }
        x += g.advance * size;
    }
    out.push_str("</g>\n");
}

/// Pixel coordinates with two decimals at most.
fn num(v: f32) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" || s.is_empty() {
        "0".into()
    } else {
        s.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::book::Metadata;

    fn sample() -> Book {
        Book {
            meta: Metadata {
                title: "黄仁勋最新对话直面争议,中国科技仅慢“纳秒”".into(),
                subtitle: Some("一场关于 AI 与芯片的对话".into()),
                authors: vec!["聪明投资者".into()],
                publisher: Some("书享界".into()),
                lang: "zh-CN".into(),
                ..Metadata::default()
            },
            ..Book::default()
        }
    }

    #[test]
    fn cover_is_well_formed_svg_with_text_as_paths() {
        let svg = svg_cover(&sample(), &FontSet::default());
        let text = String::from_utf8(svg).unwrap();
        let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        assert_eq!(
            root.tag_name().namespace(),
            Some("http://www.w3.org/2000/svg")
        );
        assert_eq!(root.attribute("viewBox"), Some("0 0 1600 2560"));
        assert!(doc.descendants().all(|n| n.tag_name().name() != "text"));
        let paths = doc
            .descendants()
            .filter(|n| n.tag_name().name() == "path")
            .count();
        // Title 22 glyphs (all visible) + subtitle + author + publisher.
        assert!(paths > 22 + 10 + 5 + 3, "{paths} paths");
        let title = doc.descendants().find(|n| n.tag_name().name() == "title");
        assert_eq!(
            title.and_then(|t| t.text()),
            Some(sample().meta.title.as_str())
        );
    }

    #[test]
    fn cover_is_deterministic_and_stays_inside_the_canvas() {
        let a = svg_cover(&sample(), &FontSet::default());
        assert_eq!(a, svg_cover(&sample(), &FontSet::default()));
        let text = String::from_utf8(a).unwrap();
        let doc = roxmltree::Document::parse(&text).unwrap();
        for p in doc.descendants().filter(|n| n.tag_name().name() == "path") {
            let t = p.attribute("transform").unwrap();
            let inner = t.trim_start_matches("translate(");
            let mut xy = inner.split([' ', ')']);
            let x: f32 = xy.next().unwrap().parse().unwrap();
            let y: f32 = xy.next().unwrap().parse().unwrap();
            assert!((MARGIN - 1.0..WIDTH - MARGIN).contains(&x), "x {x}");
            assert!((0.0..HEIGHT).contains(&y), "y {y}");
        }
    }

    #[test]
    fn hostile_and_empty_metadata_still_give_valid_svg() {
        let mut book = sample();
        book.meta.title = "<&\"'> 很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长的书名😀".into();
        book.meta.subtitle = Some(String::new());
        book.meta.authors = vec![];
        book.meta.publisher = None;
        let svg = String::from_utf8(svg_cover(&book, &FontSet::default())).unwrap();
        roxmltree::Document::parse(&svg).expect("well-formed XML");
        book.meta.title = String::new();
        let svg = String::from_utf8(svg_cover(&book, &FontSet::default())).unwrap();
        roxmltree::Document::parse(&svg).expect("well-formed XML");
    }
}

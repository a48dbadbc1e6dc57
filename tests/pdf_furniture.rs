//! The sample book's furniture, read back from the real PDF with PyMuPDF
//! and qpdf: the title page on a recto, the copyright page on its back in
//! small type at the foot, and a handout whose margins do not mirror.

mod common;
#[allow(dead_code)]
mod pdf_tools;

use std::path::{Path, PathBuf};

use pdf_tools::Glyph;

/// Margins of the default A5 book page (`[folio.pdf] margins`), in points,
/// as in tests/sample_pdf.rs.
const TOP: f32 = 18.0 * 72.0 / 25.4;
const BOTTOM: f32 = 20.0 * 72.0 / 25.4;
const A5_HEIGHT: f32 = 210.0 * 72.0 / 25.4;
const A4_HEIGHT: f32 = 297.0 * 72.0 / 25.4;

/// The sample built with `args`, in a folder kept alive by the caller.
fn build(args: &[&str]) -> Option<(tempfile::TempDir, PathBuf)> {
    if !common::have("qpdf") || !common::have("python3") {
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut all = vec!["--format", "pdf"];
    all.extend_from_slice(args);
    common::build_sample(dir.path(), &all);
    let pdf = dir.path().join("dist/huang-renxun-interview.pdf");
    Some((dir, pdf))
}

/// The physical page (1-based) each top-level bookmark opens, by title.
fn bookmark_pages(pdf: &Path) -> Vec<(String, usize)> {
    let json = common::run(
        "qpdf",
        &["--json", "--json-key=outlines", pdf.to_str().unwrap()],
    );
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    json["outlines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            let page = o["destpageposfrom1"].as_u64().unwrap() as usize;
            (o["title"].as_str().unwrap().to_string(), page)
        })
        .collect()
}

fn page_of(bookmarks: &[(String, usize)], title: &str) -> usize {
    bookmarks
        .iter()
        .find(|(t, _)| t == title)
        .unwrap_or_else(|| panic!("no bookmark {title}: {bookmarks:?}"))
        .1
}

fn on_page(glyphs: &[Glyph], page: usize) -> Vec<&Glyph> {
    glyphs
        .iter()
        .filter(|g| g.page == page && !g.c.trim().is_empty())
        .collect()
}

fn text_of(glyphs: &[&Glyph]) -> String {
    glyphs.iter().map(|g| g.c.as_str()).collect()
}

#[test]
fn title_page_on_a_recto_and_copyright_page_on_its_back_at_the_foot() {
    let Some((_dir, pdf)) = build(&[]) else {
        return;
    };
    let Some(glyphs) = pdf_tools::glyphs(&pdf) else {
        return;
    };
    let bookmarks = bookmark_pages(&pdf);
    let title = page_of(&bookmarks, "黄仁勋最新对话直面争议,中国科技仅慢“纳秒”");
    // Page 1 is the typographic cover, page 2 its blank back.
    assert_eq!(title, 3, "the title page: {bookmarks:?}");
    assert!(on_page(&glyphs, 2).is_empty(), "page 2 is blank");
    assert!(text_of(&on_page(&glyphs, title)).contains("黄仁勋最新对话"));
    let contents = page_of(&bookmarks, "目录");
    assert_eq!(contents % 2, 1, "the contents on a left-hand page");

    let copyright = on_page(&glyphs, title + 1);
    let text = text_of(&copyright);
    for part in ["版权声明", "来源:聪明投资者", "书享界保留所有权"] {
        assert!(text.contains(part), "page {}: {text}", title + 1);
    }
    // Body text is 10.5 pt: the copyright page is set in 0.8 of it.
    let body = on_page(&glyphs, page_of(&bookmarks, "导语"));
    // (the commonest size there: the title is larger, the folio smaller)
    let count = |size: f32| body.iter().filter(|g| g.size == size).count();
    let body_size = body
        .iter()
        .map(|g| g.size)
        .max_by_key(|&s| count(s))
        .unwrap();
    assert!((body_size - 10.5).abs() < 0.01, "body {body_size}");
    // Its heading (版权声明, the first line) is smaller than the body
    // too, the lines under it 0.8 of it.
    let first = copyright.iter().map(|g| g.y).fold(f32::MAX, f32::min);
    let under: Vec<&&Glyph> = copyright.iter().filter(|g| g.y > first + 1.0).collect();
    assert!(under.len() > 40, "{} glyphs under the heading", under.len());
    for g in &copyright {
        assert!(g.size < body_size, "{} in {} pt", g.c, g.size);
    }
    for g in &under {
        assert!(g.size < 0.85 * body_size, "{} in {} pt", g.c, g.size);
    }
    // Its last baseline sits on the bottom margin (the half leading
    // under it aside), nothing below (no page number), and the block
    // starts in the lower half of the page.
    let last = copyright.iter().map(|g| g.y).fold(f32::MIN, f32::max);
    let margin = A5_HEIGHT - BOTTOM;
    assert!(
        last <= margin && last > margin - 6.0,
        "last baseline {last}, bottom margin {margin}"
    );
    assert!(first > TOP + (margin - TOP) / 2.0, "first baseline {first}");
}

/// The extent of a page's glyphs along x: (left, right).
fn x_range(glyphs: &[&Glyph]) -> (f32, f32) {
    let left = glyphs.iter().map(|g| g.x).fold(f32::MAX, f32::min);
    let right = glyphs.iter().map(|g| g.x + g.w).fold(f32::MIN, f32::max);
    (left, right)
}

#[test]
fn handout_pages_share_one_text_block_and_folio_position() {
    let Some((_dir, pdf)) = build(&["--handout"]) else {
        return;
    };
    let Some(glyphs) = pdf_tools::glyphs(&pdf) else {
        return;
    };
    let pages = glyphs.iter().map(|g| g.page).max().unwrap();
    assert!(pages >= 3, "{pages} pages");
    // The footer sits in the bottom margin (the book's margins: the
    // handout keeps them), the text block above it.
    let foot = A4_HEIGHT - BOTTOM;
    let mut lefts = Vec::new();
    let mut folios = Vec::new();
    for page in 1..=pages {
        let all = on_page(&glyphs, page);
        let (body, folio): (Vec<&Glyph>, Vec<&Glyph>) = all.iter().partition(|g| g.y < foot);
        assert_eq!(text_of(&folio), format!("{page}/{pages}"), "page {page}");
        lefts.push(x_range(&body).0);
        let (l, r) = x_range(&folio);
        folios.push((l + r) / 2.0);
    }
    for (page, (left, folio)) in lefts.iter().zip(&folios).enumerate() {
        assert!(
            (left - lefts[0]).abs() < 0.5,
            "page {}: text block at x {left}, page 1 at {}",
            page + 1,
            lefts[0]
        );
        assert!(
            (folio - folios[0]).abs() < 1.0,
            "page {}: page number centred on {folio}, page 1 on {}",
            page + 1,
            folios[0]
        );
    }
    // The binding side (18 mm) on the left of every page.
    assert!((lefts[0] - 18.0 * 72.0 / 25.4).abs() < 3.0, "{}", lefts[0]);
}

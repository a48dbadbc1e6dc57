//! The book's furniture: which side each part opens on, the copyright
//! page at the foot in smaller type, one-sided handout margins.

use super::*;

/// The page index (0-based: index 0 is a recto) of an outline entry.
fn page_of(doc: &Document, title: &str) -> usize {
    doc.outline
        .iter()
        .find(|o| o.title == title)
        .unwrap_or_else(|| panic!("no {title} in the outline"))
        .page
}

/// The book's parts and which side they open on, with the typographic
/// cover and with a cover image: with either, the title page is the
/// third page (the cover's verso left blank), the copyright page backs it.
#[test]
fn title_page_opens_a_recto_and_the_copyright_page_backs_it() {
    for cover in [false, true] {
        let mut book = sample_book();
        if cover {
            book.assets = vec![crate::book::Asset {
                name: "images/cover.png".into(),
                media_type: crate::book::MediaType::Png,
                data: Vec::new(),
                width: 600,
                height: 800,
            }];
            book.cover = Some(0);
        }
        let (doc, _) = lay_out_fake(&book, &PdfConfig::default());
        let title = page_of(&doc, &book.meta.title);
        assert_eq!(title, 2, "cover {cover}: the title page is page 3");
        assert!(doc.pages[1].items.is_empty(), "the cover's verso is blank");
        assert_eq!(page_of(&doc, "版权页"), title + 1, "cover {cover}");
        let contents = page_of(&doc, "目录");
        assert!(
            contents.is_multiple_of(2),
            "contents on a verso: {contents}"
        );
        let first = doc.outline.iter().find(|o| o.title.starts_with("1 "));
        assert!(first.unwrap().page.is_multiple_of(2), "page 1 is a recto");
    }
}

/// Without a copyright page the title page's verso stays blank: the
/// contents still open on a recto.
#[test]
fn contents_open_a_recto_without_a_copyright_page() {
    let mut book = sample_book();
    book.chapters.retain(|c| c.kind != ChapterKind::Copyright);
    let (doc, _) = lay_out_fake(&book, &PdfConfig::default());
    let title = page_of(&doc, &book.meta.title);
    assert_eq!(title, 2);
    assert!(doc.pages[title + 1].items.is_empty());
    assert_eq!(page_of(&doc, "目录"), title + 2);
}

#[test]
fn copyright_page_is_small_type_at_the_foot_without_a_folio() {
    let config = PdfConfig::default();
    let (doc, _) = lay_out_fake(&sample_book(), &config);
    let g = Geometry::new(config.paper, &config, 10.5);
    let page = &doc.pages[page_of(&doc, "版权页")];
    let lines = text_lines(page);
    let texts: Vec<String> = lines.iter().map(TextLine::text).collect();
    assert_eq!(
        texts,
        [
            "版权声明",
            "来源:聪明投资者(Capital-nature)、书享界(readsharecn)"
        ]
    );
    for line in &lines {
        for (_, _, size, t) in &line.glyphs {
            assert!((size - 0.8 * 10.5).abs() < 0.01, "{t:?} in {size} pt");
        }
    }
    // Tighter than the body's 1.7.
    let pitch = lines[1].y - lines[0].y;
    assert!(
        (1.3 * 8.4 - 0.01..1.6 * 8.4).contains(&pitch),
        "pitch {pitch}"
    );
    // The last line's box (leading split above and below) ends on the
    // bottom margin: nothing is under it, no page number either.
    let bottom = g.top + g.text_height;
    let last = lines.last().unwrap().y;
    let foot = last + 0.12 * 8.4 + (pitch - 8.4) / 2.0;
    assert!(
        (foot - bottom).abs() < 0.5,
        "last line foot {foot}, margin {bottom}"
    );
    assert!(lines[0].y > g.top + g.text_height / 2.0, "set from the top");
    assert!(
        page.label.chars().all(|c| "ivxlc".contains(c)),
        "{}",
        page.label
    );
}

/// A copyright text too long for one page at 0.8 of the body size still
/// shrinks until it fits, and then fills the page from top to foot.
#[test]
fn a_long_copyright_page_still_fits_one_page() {
    let mut book = sample_book();
    let long: Vec<Block> = (0..15).map(|_| para(SEED[0])).collect();
    book.chapters[0].blocks = long;
    let (doc, _) = lay_out_fake(&book, &PdfConfig::default());
    let page = page_of(&doc, "版权页");
    let words = |p: &Page| text_lines(p).iter().map(TextLine::text).collect::<String>();
    assert_eq!(
        words(&doc.pages[page]).matches("以下为对话内容").count(),
        15
    );
    let size = text_lines(&doc.pages[page])[0].glyphs[0].2;
    assert!(size < 0.8 * 10.5 - 0.01, "shrunk below 0.8: {size}");
    assert!(!words(&doc.pages[page + 1]).contains("以下为对话内容"));
}

/// A handout is printed one side per sheet: the text block, and the page
/// number under it, stand at the same x on every page.
#[test]
fn handout_margins_do_not_mirror() {
    let config = PdfConfig {
        profile: Profile::Handout,
        ..PdfConfig::default()
    };
    let (doc, _) = lay_out_fake(&sample_book(), &config);
    assert!(doc.pages.len() >= 3, "{} pages", doc.pages.len());
    let g = Geometry::new(crate::config::Paper::A4, &config, 10.5);
    let n = doc.pages.len();
    for (i, page) in doc.pages.iter().enumerate() {
        let lines = text_lines(page);
        let left = lines
            .iter()
            .filter(|l| l.y < g.top + g.text_height)
            .map(|l| l.glyphs[0].0)
            .fold(f32::MAX, f32::min);
        assert!((left - g.inner).abs() < 0.01, "page {i}: text at {left}");
        let folio = lines.last().unwrap();
        let text = folio.text();
        let fx = folio.glyphs[0].0;
        let centre =
            fx + text.chars().map(FakeShaper::advance).sum::<f32>() * folio.glyphs[0].2 / 2.0;
        assert_eq!(text, format!("{} / {n}", i + 1));
        assert!(
            (centre - (g.inner + g.text_width / 2.0)).abs() < 0.5,
            "page {i}: folio centred on {centre}"
        );
    }
}

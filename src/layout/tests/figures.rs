//! Figures in print: the size asked for, the caption kept with its image,
//! and the framed placeholder of an image that cannot be drawn.

use super::*;
use crate::book::{Asset, Image, Length, MediaType};

fn asset(w: u32, h: u32) -> Asset {
    Asset {
        name: "images/x.png".into(),
        media_type: MediaType::Png,
        data: Vec::new(),
        width: w,
        height: h,
    }
}

fn figure(asset: Option<usize>, width: Option<Length>, caption: &str) -> Block {
    Block::Figure {
        image: Image {
            asset,
            src: "images/x.png".into(),
            alt: "丢失的图".into(),
            width,
            ..Image::default()
        },
        caption: if caption.is_empty() {
            Vec::new()
        } else {
            vec![text(caption)]
        },
        id: None,
    }
}

/// Lays out `blocks` as the body of the sample book's first chapter;
/// returns the pages from that chapter on and the geometry.
fn lay_out_blocks(assets: Vec<Asset>, blocks: Vec<Block>) -> (Vec<Page>, Geometry) {
    let mut book = sample_book();
    book.assets = assets;
    book.chapters[2].blocks = blocks;
    let config = PdfConfig::default();
    let (doc, _) = lay_out_fake(&book, &config);
    let g = Geometry::new(config.paper, &config, 10.5);
    let first = doc
        .pages
        .iter()
        .position(|p| {
            p.items
                .iter()
                .any(|i| matches!(i, Item::Image { .. } | Item::Line { .. }))
        })
        .expect("a page with the figure");
    (
        doc.pages[first..].iter().map(|p| (**p).clone()).collect(),
        g,
    )
}

fn images(page: &Page) -> Vec<(f32, f32, f32, f32)> {
    page.items
        .iter()
        .filter_map(|i| match i {
            Item::Image {
                x,
                y,
                width,
                height,
                ..
            } => Some((*x, *y, *width, *height)),
            _ => None,
        })
        .collect()
}

#[test]
fn a_width_in_percent_is_of_the_text_block_and_keeps_proportions() {
    let (pages, g) = lay_out_blocks(
        vec![asset(600, 300)],
        vec![figure(Some(0), Some(Length::Percent(50.0)), "")],
    );
    let (_, _, w, h) = images(&pages[0])[0];
    assert!(
        (w - g.text_width / 2.0).abs() < 0.01,
        "{w} of {}",
        g.text_width
    );
    assert!((w / h - 2.0).abs() < 0.01, "{w} × {h}");
    let (pages, _) = lay_out_blocks(
        vec![asset(600, 300)],
        vec![figure(Some(0), Some(Length::Px(200.0)), "")],
    );
    let (_, _, w, _) = images(&pages[0])[0];
    assert!((w - 150.0).abs() < 0.01, "200 CSS px are 150 pt: {w}");
}

#[test]
fn a_tall_figure_shrinks_to_keep_its_caption_on_its_page() {
    let (pages, g) = lay_out_blocks(
        vec![asset(500, 5000)],
        vec![para("前文。"), figure(Some(0), None, "图一：很高的图")],
    );
    let page = pages
        .iter()
        .find(|p| !images(p).is_empty())
        .expect("the image");
    let (_, y, _, h) = images(page)[0];
    assert!(y + h <= g.top + g.text_height + 0.01, "past the margin");
    let caption = text_lines(page)
        .into_iter()
        .find(|l| l.text().contains("图一"))
        .expect("the caption on the image's page");
    assert!(caption.y > y + h, "the caption is below the image");
    let size = caption.glyphs[0].2;
    assert!(size < 10.5, "the caption is smaller than the body: {size}");
}

#[test]
fn an_image_that_cannot_be_drawn_is_a_framed_box_holding_its_alt_text() {
    let (pages, _) = lay_out_blocks(Vec::new(), vec![figure(None, None, "")]);
    let page = &pages[0];
    let frame: Vec<_> = page
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Line { from, to, .. } => Some((*from, *to)),
            _ => None,
        })
        .collect();
    assert_eq!(frame.len(), 4, "{frame:?}");
    let (left, top) = frame[0].0;
    let (right, bottom) = frame[1].1;
    let alt = text_lines(page)
        .into_iter()
        .find(|l| l.text().contains("丢失的图"))
        .expect("the alt text");
    assert!(alt.y > top && alt.y < bottom, "inside the frame");
    assert!(alt.glyphs[0].0 > left && alt.glyphs.last().unwrap().0 < right);
    let all: String = text_lines(page).iter().map(|l| l.text()).collect();
    assert!(!all.contains("x.png"), "never the path: {all}");
}

#[test]
fn inline_images_take_the_pixel_size_asked_up_to_four_text_heights() {
    let a = asset(100, 50);
    let mut image = Image::default();
    let size = |i: &Image| crate::layout::figure::inline_size(i, &a, 10.0);
    assert_eq!(size(&image), (20.0, 10.0), "text height by default");
    image.width = Some(Length::Px(40.0));
    assert_eq!(
        size(&image),
        (30.0, 15.0),
        "40 CSS px wide, proportions kept"
    );
    image.height = Some(Length::Px(400.0));
    let (w, h) = size(&image);
    assert!(
        (w - 4.0).abs() < 1e-3 && (h - 40.0).abs() < 1e-3,
        "capped at 4 text heights, proportions asked kept: {w} × {h}"
    );
    image.width = Some(Length::Percent(50.0));
    image.height = None;
    assert_eq!(
        size(&image),
        (20.0, 10.0),
        "a percentage is no size in a line"
    );
}

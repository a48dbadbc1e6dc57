//! Vertical books: the same engine, its pages turned (`layout::vertical`).

use super::*;
use crate::book::WritingMode;
use crate::layout::page::{Item, Orientation};

fn vertical_sample() -> Book {
    let mut book = sample_book();
    book.meta.writing_mode = WritingMode::VerticalRl;
    book
}

#[test]
fn every_page_is_turned_and_keeps_its_tags() {
    let config = PdfConfig::default();
    let (flat, _) = lay_out_fake(&sample_book(), &config);
    let (doc, diagnostics) = lay_out_fake(&vertical_sample(), &config);
    assert!(doc.is_vertical() && !flat.is_vertical());
    let messages: Vec<String> = diagnostics.into_vec().iter().map(|d| d.render()).collect();
    assert!(
        !messages.iter().any(|m| m.contains("vertical")),
        "{messages:?}"
    );
    // The same paper, upright: A5 portrait, as the horizontal book.
    assert_eq!(
        (doc.pages[0].width, doc.pages[0].height),
        (flat.pages[0].width, flat.pages[0].height)
    );
    let (mut upright, mut rotated) = (0, 0);
    for page in &doc.pages {
        assert!(page.tags.is_empty() || page.tags.len() <= page.items.len());
        for item in &page.items {
            let Item::Text(run) = item else { continue };
            match run.orientation {
                Orientation::Upright => upright += run.glyphs.len(),
                Orientation::Rotated => rotated += run.glyphs.len(),
                Orientation::Horizontal => {}
            }
            if run.orientation == Orientation::Upright {
                // Down the column, inside the page.
                assert!(run.y > 0.0 && run.y < page.width, "{run:?}");
                for w in run.glyphs.windows(2) {
                    assert!(w[1].x >= w[0].x, "{run:?}");
                }
            }
        }
    }
    // The sample mixes in code and Latin words; its Chinese stands upright.
    assert!(
        upright > 2 * rotated && rotated > 0,
        "{upright} upright, {rotated} turned"
    );
    // The tagged structure is the horizontal book's.
    assert_eq!(doc.structure, flat.structure);
}

#[test]
fn columns_run_right_to_left() {
    let (doc, _) = lay_out_fake(&vertical_sample(), &PdfConfig::default());
    // The first body page: its columns of body text, in drawing order,
    // move leftwards.
    let page = doc.pages.iter().find(|p| p.label == "1").expect("page 1");
    let xs: Vec<f32> = page
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text(r) if r.orientation == Orientation::Upright => Some(r.y),
            _ => None,
        })
        .collect();
    assert!(xs.len() > 5);
    let back = xs.windows(2).filter(|w| w[1] > w[0] + 1.0).count();
    assert!(
        back * 5 < xs.len(),
        "{back} of {} runs to the right",
        xs.len()
    );
}

//! A watch session's layouts (issue 13): after an edit inside one chapter
//! only that chapter is laid out and only its pages are composed; every
//! other page is the one kept from the last layout, and the document is
//! the one a clean layout gives.

use std::sync::Arc;

use crate::book::{Book, ChapterKind};
use crate::config::PdfConfig;
use crate::diagnostics::Diagnostics;

use super::super::page::Document;
use super::super::shape::FakeShaper;
use super::super::{lay_out_in, memo, Reuse};
use super::{chapter, lay_out_fake, para, sample_book, SEED};

/// The sample book with four more chapters of a few pages each.
fn book() -> Book {
    let mut book = sample_book();
    for n in 0..4 {
        let blocks = (0..12).map(|i| para(SEED[(n + i) % SEED.len()])).collect();
        let title = format!("第{n}章");
        let ch = chapter(&format!("c{n}"), ChapterKind::Chapter, &title, blocks);
        book.chapters.push(ch);
    }
    book
}

fn lay_out_kept(book: &Book, config: &PdfConfig, reuse: &Reuse) -> Document {
    reuse.start();
    let salt = memo::key_of(&format!("{config:?}"));
    let d = Diagnostics::default();
    let shaper = FakeShaper::new();
    lay_out_in(book, &shaper, config, &d, Some((reuse, salt))).expect("layout")
}

/// The pages of chapter `id` (those whose text starts with its title are
/// its first; the chapter runs to the next chapter's first page).
fn chapter_pages(doc: &Document, book: &Book, id: &str) -> usize {
    let (clean, _) = lay_out_fake(book, &PdfConfig::default());
    let mut shorter = book.clone();
    shorter.chapters.retain(|c| c.id != id);
    let (without, _) = lay_out_fake(&shorter, &PdfConfig::default());
    assert_eq!(clean.pages.len(), doc.pages.len());
    clean.pages.len() - without.pages.len()
}

#[test]
fn an_edit_in_one_chapter_composes_only_its_pages() {
    let config = PdfConfig::default();
    let reuse = Reuse::default();
    let mut book = book();
    let first = lay_out_kept(&book, &config, &reuse);
    assert!(reuse.pages.made() > 8, "{} pages", first.pages.len());

    let again = lay_out_kept(&book, &config, &reuse);
    assert_eq!(reuse.sections.made(), 0, "nothing changed");
    assert_eq!(reuse.pages.made(), 0, "nothing changed");
    let shared = first.pages.iter().zip(&again.pages);
    assert!(shared.filter(|(a, b)| Arc::ptr_eq(a, b)).count() > 8);

    // Two characters more in the middle of chapter c1.
    let Some(ch) = book.chapters.iter_mut().find(|c| c.id == "c1") else {
        panic!("no chapter c1");
    };
    ch.blocks[6] = para(&format!("{}加字", SEED[1]));
    let edited = lay_out_kept(&book, &config, &reuse);
    assert_eq!(reuse.sections.made(), 1, "one chapter laid out again");
    let own = chapter_pages(&edited, &book, "c1");
    assert!(own >= 2, "c1 has {own} pages");
    assert_eq!(reuse.pages.made(), own, "only c1's pages composed");
    let (clean, _) = lay_out_fake(&book, &config);
    assert!(edited == clean, "a reused layout is a clean one");

    // Typing on in the chapter: its other paragraphs' lines are kept.
    let Some(ch) = book.chapters.iter_mut().find(|c| c.id == "c1") else {
        panic!("no chapter c1");
    };
    ch.blocks[7] = para(&format!("再{}", SEED[2]));
    let typed = lay_out_kept(&book, &config, &reuse);
    assert_eq!(reuse.sections.made(), 1);
    assert_eq!(reuse.paragraphs.made(), 1, "one paragraph set again");
    let (clean, _) = lay_out_fake(&book, &config);
    assert!(typed == clean, "kept paragraphs give a clean layout");
}

#[test]
fn a_page_moved_by_an_edit_before_it_is_composed_again() {
    let config = PdfConfig::default();
    let reuse = Reuse::default();
    let mut book = book();
    let before = lay_out_kept(&book, &config, &reuse);
    // A whole page more in chapter c0: every later page moves on.
    let Some(ch) = book.chapters.iter_mut().find(|c| c.id == "c0") else {
        panic!("no chapter c0");
    };
    let more: Vec<_> = (0..12).map(|i| para(SEED[i % SEED.len()])).collect();
    ch.blocks.extend(more);
    let after = lay_out_kept(&book, &config, &reuse);
    assert!(after.pages.len() > before.pages.len());
    let (clean, _) = lay_out_fake(&book, &config);
    assert!(after == clean, "labels, sides and links follow the move");
}

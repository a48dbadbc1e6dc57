//! The body font's subsets: every face of the body chain that sets some
//! character of the book, each subset to the characters it sets.
//!
//! The plan (which face sets which characters) is made by pieces of the
//! book's text ([`crate::fonts::PlanPart`]): the front matter's text, each
//! chapter's, each note's. A watch session keeps each piece's part by the
//! key of what it was made from, so a rebuild plans only the chapter that
//! changed and joins the rest; the joined plan is the whole book's, so the
//! subsets are the same bytes as a clean build's.

use std::sync::Arc;

use rayon::prelude::*;

use super::RenderContext;
use crate::book::text;
use crate::error::Result;
use crate::fonts::{PlanPart, Role, Subset};
use crate::layout::memo::{key_of, Key};

/// The subsets of the body font to embed (none when book.toml says not
/// to, or a subset fails). Shared with the HTML preview, which shows the
/// book in the EPUB's fonts.
pub(crate) fn body_font_subsets(ctx: &RenderContext<'_>) -> Arc<Vec<Subset>> {
    let keys = ctx.reuse.epub.chapter_keys(ctx.book);
    font_subsets(ctx, &keys).0
}

/// [`body_font_subsets`] with the key of each chapter (empty when nothing
/// is kept); also the key the subsets are kept by.
pub(super) fn font_subsets(
    ctx: &RenderContext<'_>,
    chapter_keys: &[Key],
) -> (Arc<Vec<Subset>>, Option<Key>) {
    let book = ctx.book;
    // A font that cannot be subset is not worth failing the build for:
    // the EPUB then uses the reading system's fonts, and says so. Every
    // face of the body chain that sets some character is embedded,
    // each subset to the characters it sets (a Japanese word in a
    // Chinese book comes from the Japanese face, as in the PDF).
    // A vertical book embeds no font: subsets keep no `vert` forms and no
    // vertical metrics, while every reading system's own Mincho and Song
    // faces have both (the Japanese EPUB production guide does not embed
    // fonts either).
    if !ctx.epub.embed_font || book.meta.writing_mode.is_vertical() {
        return (Arc::default(), None);
    }
    let fonts_key = key_of(&format!("{:?}", ctx.fonts));
    let plan = {
        let parts = plan_parts(ctx, fonts_key, chapter_keys);
        let parts: Vec<&PlanPart> = parts.iter().map(Arc::as_ref).collect();
        ctx.fonts.plan_of_parts(Role::Body, &parts)
    };
    let memo = &ctx.reuse.epub.subsets;
    let kept = memo.is_on().then(|| key_of(&(fonts_key, &plan)));
    if let Some(subsets) = kept.and_then(|key| memo.get(key)) {
        return (subsets, kept);
    }
    let subsets: Result<Vec<Subset>> = plan
        .iter()
        .map(|(id, chars)| ctx.fonts.web_subset(*id, chars))
        .collect();
    match subsets {
        Ok(subsets) => {
            let subsets = Arc::new(subsets);
            if let Some(key) = kept {
                memo.put(key, Arc::clone(&subsets));
            }
            (subsets, kept)
        }
        Err(e) => {
            ctx.diagnostics
                .warn(None, format!("the EPUB does not embed the body font: {e}"));
            (Arc::default(), None)
        }
    }
}

/// The plan's parts, in the order of [`text::book_text`]: the front
/// text, each chapter, each note. Each is kept by the fonts and the key
/// of its source; chapters are planned in parallel.
fn plan_parts(ctx: &RenderContext<'_>, fonts_key: Key, chapter_keys: &[Key]) -> Vec<Arc<PlanPart>> {
    let book = ctx.book;
    let memo = &ctx.reuse.epub.plan_parts;
    let part = |key: Option<Key>, text: &dyn Fn() -> String| -> Arc<PlanPart> {
        let make = || Arc::new(ctx.fonts.plan_part(Role::Body, &text()));
        match key {
            Some(key) => memo.get_or(key_of(&(fonts_key, key)), make),
            None => make(),
        }
    };
    let front = text::front_text(book);
    let mut parts = vec![part(memo.is_on().then(|| key_of(&front)), &|| {
        front.clone()
    })];
    let chapters: Vec<Arc<PlanPart>> = book
        .chapters
        .par_iter()
        .enumerate()
        .map(|(i, chapter)| {
            let key = chapter_keys.get(i).map(|k| key_of(&("chapter", k)));
            part(key, &|| {
                let mut out = String::new();
                text::push_chapter(&mut out, chapter);
                out
            })
        })
        .collect();
    parts.extend(chapters);
    for note in &book.notes {
        let key = memo.is_on().then(|| key_of(&("note", &note.blocks)));
        parts.push(part(key, &|| {
            let mut out = String::new();
            text::push_blocks(&mut out, &note.blocks);
            out
        }));
    }
    parts
}

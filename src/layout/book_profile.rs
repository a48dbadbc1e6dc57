//! The book profile: cover, title page (on a recto), copyright page (on its
//! back, small type at the foot), contents (on a recto), front matter
//! (roman numbers), chapters each on a new page (arabic from 1, the first
//! on a recto), the notes appendix; running heads and an outline mirroring
//! the contents.
//!
//! Page numbers in the contents are found without quadratic passes: every
//! part is paginated once on its own (a chapter's pagination does not depend
//! on where it starts), the contents are set once to count their pages
//! (their number column has a fixed width, so labels cannot change the line
//! count), then once more with the real labels.

use std::sync::Arc;

use rayon::prelude::*;

use crate::book::{plain_text, Chapter, ChapterKind, Inline};

use super::block::HeadingInfo;
use super::book_pages::{self, anchors, body_start, firsts, label};
use super::compose::Anchors;
use super::compose::Section;
use super::env::Env;
use super::flow::paginate;
use super::geometry::Geometry;
use super::memo;
use super::page::{Document, Item, OutlineItem, Page, SourcePart, SourcePos};
use super::sections::{self, Flow, TocEntry};
use super::style::AnchorKey;
use super::tag::{artifacts, Tree};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Part {
    Cover,
    TitlePage,
    Copyright(usize),
    Contents,
    Front(usize),
    Chapter(usize),
    Notes,
}

#[derive(Clone)]
pub(super) struct BookSection {
    pub(super) part: Part,
    /// Shared with what a watch session keeps of it (see [`reused`]).
    pub(super) section: Arc<Section>,
    /// In a watch session, the key it is kept under; its pages are kept
    /// under keys made from it.
    pub(super) key: Option<memo::Key>,
    headings: Vec<HeadingInfo>,
    /// Running head on recto pages.
    pub(super) title: String,
    /// Its structure, ids local to it until grafted onto the document's.
    pub(super) tree: Tree,
}

/// An image cover: the asset and its data, when it has a size to scale.
type CoverImage<'b> = (usize, &'b crate::book::Asset);

pub fn lay_out(env: &Env<'_>, g: &Geometry) -> Document {
    let book = env.book;
    let cover_image = book
        .cover
        .and_then(|id| book.assets.get(id).map(|a| (id, a)))
        .filter(|(_, a)| a.width > 0 && a.height > 0);
    let mut secs = front(env, g, cover_image.is_none());
    let ci = secs.len();
    secs.push(make_section(
        Part::Contents,
        empty_flow(),
        String::new(),
        0.0,
    ));
    secs.extend(body(env, g));
    let cover_pages = usize::from(cover_image.is_some());
    set_contents(env, g, &mut secs, ci, cover_pages);
    let firsts = firsts(cover_pages, &secs);
    let anchors = anchors(&secs, &firsts, g);
    let body_start = body_start(&secs, &firsts);

    let mut doc = Document::default();
    if let Some(cover) = cover_image {
        doc.pages.push(Arc::new(cover_page(
            cover,
            &g.physical(),
            label(0, body_start),
        )));
    }
    let placed = book_pages::Placement {
        firsts: &firsts,
        anchors: &anchors,
        body_start,
    };
    doc.structure = book_pages::compose(env, g, &mut secs, &placed, &mut doc.pages);
    doc.outline = outline(env, &secs, &anchors);
    if g.vertical {
        super::vertical::finish(&mut doc);
    }
    doc
}

fn empty_flow() -> Flow {
    Flow {
        lines: Vec::new(),
        headings: Vec::new(),
        tree: Tree::default(),
    }
}

/// The parts before the contents: the typographic cover (when the book
/// has no cover image), the title page, the copyright pages.
fn front(env: &Env<'_>, g: &Geometry, typographic_cover: bool) -> Vec<BookSection> {
    let (w, h) = (g.text_width, g.text_height);
    let mut out = Vec::new();
    if typographic_cover {
        // The typographic cover repeats the title page: cover art.
        let mut lines = sections::title_block(env, w, h * 0.25, 1.3, true, &mut Tree::default());
        super::flow::mark_source(&mut lines, SourcePart::Cover, None);
        artifacts(&mut lines);
        let flow = Flow {
            lines,
            headings: Vec::new(),
            tree: Tree::default(),
        };
        out.push(make_section(Part::Cover, flow, String::new(), h));
    }
    let flow = sections::title_page(env, w, h);
    out.push(make_section(Part::TitlePage, flow, String::new(), h));
    for (i, ch) in env.book.chapters.iter().enumerate() {
        if ch.kind == ChapterKind::Copyright {
            out.push(copyright_page(env, i, ch, w, h));
        }
    }
    out
}

/// The parts after the contents: front matter, chapters, the notes.
fn body(env: &Env<'_>, g: &Geometry) -> Vec<BookSection> {
    let book = env.book;
    let (w, h) = (g.text_width, g.text_height);
    // Each chapter opens a page, so chapters are laid out and paginated
    // independently: in parallel, each in a fork of `env` absorbed in book
    // order (warnings come out as a sequential layout gives them). In a
    // watch session a chapter laid out before, with the same key, is
    // reused with the missing characters it found.
    let state = part_state(env, g);
    let jobs: Vec<(usize, &Chapter, Part, Env<'_>)> = book
        .chapters
        .iter()
        .enumerate()
        .filter_map(|(i, ch)| {
            let part = match ch.kind {
                ChapterKind::Copyright => return None,
                ChapterKind::Preface => Part::Front(i),
                ChapterKind::Chapter => Part::Chapter(i),
            };
            Some((i, ch, part, env.fork()))
        })
        .collect();
    let laid: Vec<(BookSection, Env<'_>)> = jobs
        .into_par_iter()
        .map(|(i, ch, part, fork)| {
            let key = state.map(|s| memo::KeyHasher::default().add(&(s, i, ch)).key());
            let section = reused(&fork, key, || {
                let flow = sections::chapter(&fork, i, ch, w, h, false);
                make_section(part, flow, ch.title_text(), h)
            });
            (section, fork)
        })
        .collect();
    let mut out: Vec<BookSection> = Vec::with_capacity(laid.len() + 1);
    for (section, fork) in laid {
        env.absorb(fork);
        out.push(section);
    }
    if !book.notes.is_empty() {
        let fork = env.fork();
        let key = part_state(&fork, g).map(|s| memo::key_of(&(s, &book.notes)));
        let section = reused(&fork, key, || {
            let flow = sections::notes(&fork, w, h, false);
            make_section(Part::Notes, flow, book.meta.notes_title().to_string(), h)
        });
        env.absorb(fork);
        out.push(section);
    }
    out
}

/// In a watch session, the key of what every part laid out in `env`
/// depends on beyond its own content: the book-wide key, the state of
/// `env` and the text area.
fn part_state(env: &Env<'_>, g: &Geometry) -> Option<memo::Key> {
    let (_, salt) = env.reuse?;
    let mut h = memo::KeyHasher::default();
    h.add(&salt).add(&format!("{g:?}"));
    env.fork_state(&mut h);
    Some(h.key())
}

/// The section under `key` kept from the last layout, its missing
/// characters noted in `fork` again; else `make`'s, kept for the next.
/// Either way its lines are shared with the memo, not copied.
fn reused(
    fork: &Env<'_>,
    key: Option<memo::Key>,
    make: impl FnOnce() -> BookSection,
) -> BookSection {
    let (Some((reuse, _)), Some(key)) = (fork.reuse, key) else {
        return make();
    };
    if let Some(laid) = reuse.sections.get(key) {
        fork.replay(&laid.found);
        return laid.section.clone();
    }
    let mut section = make();
    section.key = Some(key);
    reuse.sections.put(
        key,
        Arc::new(Laid {
            section: section.clone(),
            found: fork.found(),
        }),
    );
    section
}

/// A laid-out part kept for the next build of a watch session, with the
/// characters no font has that laying it out found.
pub(super) struct Laid {
    section: BookSection,
    found: Vec<super::env::Missing>,
}

/// Sets the contents, `secs[ci]`, with the page labels of its entries:
/// once to count its pages, then again with the labels that count gives,
/// until the count holds (at most a few rounds).
fn set_contents(
    env: &Env<'_>,
    g: &Geometry,
    secs: &mut [BookSection],
    ci: usize,
    cover_pages: usize,
) {
    let entries = toc_entries(env);
    let mut labels = vec![String::new(); entries.len()];
    let mut counted = usize::MAX;
    let mut rounds = 0;
    loop {
        let labelled: Vec<(TocEntry, String)> = entries
            .iter()
            .cloned()
            .zip(labels.iter().cloned())
            .collect();
        secs[ci] = kept_contents(env, g, &labelled);
        rounds += 1;
        // The labels are right once they were computed for this page count.
        if secs[ci].section.pages.len() == counted || rounds > 3 {
            break;
        }
        counted = secs[ci].section.pages.len();
        let firsts = firsts(cover_pages, secs);
        let anchors = anchors(secs, &firsts, g);
        let start = body_start(secs, &firsts);
        labels = entries
            .iter()
            .map(|e| {
                e.key
                    .as_ref()
                    .and_then(|key| anchors.get(key))
                    .map(|&(p, _)| label(p, start))
                    .map(|l| match g.vertical {
                        true => super::vertical::numerals(&l),
                        false => l,
                    })
                    .unwrap_or_default()
            })
            .collect();
    }
}

/// The contents laid out for `labelled` entries, or in a watch session
/// the contents kept for the same entries and labels (then its pages are
/// kept too: see `book_pages`).
fn kept_contents(env: &Env<'_>, g: &Geometry, labelled: &[(TocEntry, String)]) -> BookSection {
    let (w, h) = (g.text_width, g.text_height);
    let fork = env.fork();
    let key = part_state(&fork, g).map(|s| memo::key_of(&(s, format!("{labelled:?}"))));
    let section = reused(&fork, key, || {
        let flow = sections::contents(&fork, labelled, w, h);
        make_section(Part::Contents, flow, String::new(), h)
    });
    env.absorb(fork);
    section
}

/// The cover image, scaled to fit the page and centred on it.
fn cover_page((id, a): CoverImage<'_>, g: &Geometry, label: String) -> Page {
    let scale = (g.width / a.width as f32).min(g.height / a.height as f32);
    let (iw, ih) = (a.width as f32 * scale, a.height as f32 * scale);
    Page {
        width: g.width,
        height: g.height,
        label,
        items: vec![Item::Image {
            asset: id,
            x: (g.width - iw) / 2.0,
            y: (g.height - ih) / 2.0,
            width: iw,
            height: ih,
        }],
        start: Some(SourcePos {
            part: SourcePart::Cover,
            block: None,
            offset: 0,
        }),
        // The cover art is an artifact (the title page says it all).
        ..Page::default()
    }
}

fn make_section(part: Part, flow: Flow, title: String, height: f32) -> BookSection {
    BookSection {
        part,
        section: Arc::new(Section {
            pages: paginate(&flow.lines, height),
            lines: flow.lines,
        }),
        key: None,
        headings: flow.headings,
        title,
        tree: flow.tree,
    }
}

/// The size of the copyright page's type against the body's, and its
/// leading against the body's: an imprint is set smaller and closer.
const COPYRIGHT_SCALE: f32 = 0.8;
const COPYRIGHT_LEADING: f32 = 0.85;
/// Below this (of the body size) the copyright page stops shrinking and
/// runs on to a second page rather than become unreadable.
const COPYRIGHT_MIN_SCALE: f32 = 0.45;

/// The copyright page (版权页): the chapter verbatim in smaller type, on
/// one page (the type shrinks further until it fits), its last line on
/// the bottom margin.
fn copyright_page(env: &Env<'_>, i: usize, ch: &Chapter, w: f32, h: f32) -> BookSection {
    env.set_leading(Some(COPYRIGHT_LEADING));
    let mut scale = COPYRIGHT_SCALE;
    let mut sec = loop {
        env.set_scale(scale);
        let flow = sections::copyright(env, i, ch, w, h);
        let sec = make_section(Part::Copyright(i), flow, String::new(), h);
        if sec.section.pages.len() <= 1 || scale <= COPYRIGHT_MIN_SCALE {
            break sec;
        }
        scale *= 0.9;
    };
    env.set_scale(1.0);
    env.set_leading(None);
    set_at_foot(Arc::make_mut(&mut sec.section), h);
    sec
}

/// Moves a one-page section down a text area `height` tall until its last
/// line's foot is on the bottom margin. A section that runs over a page
/// already fills it, and stays as it is.
fn set_at_foot(section: &mut Section, height: f32) {
    let Section { lines, pages } = section;
    let [page] = pages.as_mut_slice() else {
        return;
    };
    // Trailing space (after a list or a quote) is not part of the block.
    let bottom = page
        .iter()
        .filter(|p| !lines[p.line].discardable)
        .map(|p| p.y + lines[p.line].height * p.scale)
        .fold(0.0f32, f32::max);
    let drop = height - bottom;
    if drop > 0.0 {
        for placed in page.iter_mut() {
            placed.y += drop;
        }
    }
}

/// The title the contents and outline show for a chapter.
fn shown_title(env: &Env<'_>, i: usize) -> Vec<Inline> {
    let ch = &env.book.chapters[i];
    if !plain_text(&ch.title).trim().is_empty() {
        ch.title.clone()
    } else if ch.kind == ChapterKind::Copyright {
        let t = if env.is_cjk() {
            "版权页"
        } else {
            "Copyright"
        };
        vec![Inline::Text(t.into())]
    } else {
        vec![Inline::Text(ch.id.clone())]
    }
}

/// The contents: the copyright page first (where the PDF puts it), then
/// every other chapter, with SUMMARY.md's part titles and drafts among
/// them, then the notes.
fn toc_entries(env: &Env<'_>) -> Vec<TocEntry> {
    let book = env.book;
    let mut entries = Vec::new();
    let is_copyright = |i: &usize| book.chapters[*i].kind == ChapterKind::Copyright;
    let all = 0..book.chapters.len();
    let order = all
        .clone()
        .filter(is_copyright)
        .chain(all.filter(|i| !is_copyright(i)));
    for i in order {
        if !is_copyright(&i) {
            entries.extend(marks_before(env, i));
        }
        entries.push(TocEntry {
            title: shown_title(env, i),
            key: Some(AnchorKey::Chapter(i)),
            depth: book.chapters[i].depth,
        });
    }
    entries.extend(marks_before(env, book.chapters.len()));
    if !book.notes.is_empty() {
        entries.push(TocEntry {
            title: vec![Inline::Text(book.meta.notes_title().into())],
            key: Some(AnchorKey::Notes),
            depth: 0,
        });
    }
    entries
}

/// The part titles and drafts listed before chapter `i`.
fn marks_before(env: &Env<'_>, i: usize) -> Vec<TocEntry> {
    env.book
        .toc_marks
        .iter()
        .filter(move |m| m.before == i)
        .map(|m| TocEntry {
            title: m.title.clone(),
            key: None,
            depth: m.depth,
        })
        .collect()
}

fn outline(env: &Env<'_>, secs: &[BookSection], anchors: &Anchors) -> Vec<OutlineItem> {
    let mut out = Vec::new();
    let item = |title: String, key: &AnchorKey| {
        anchors.get(key).map(|&(page, y)| OutlineItem {
            title,
            page,
            y,
            children: Vec::new(),
        })
    };
    for sec in secs {
        let depth = match sec.part {
            Part::Front(i) | Part::Chapter(i) => {
                // A part title is a bookmark to its first chapter.
                let parts = env
                    .book
                    .toc_marks
                    .iter()
                    .filter(|m| m.before == i && m.kind == crate::book::TocMarkKind::Part);
                for mark in parts {
                    let title = plain_text(&mark.title);
                    let part = item(title, &AnchorKey::Chapter(i));
                    out.extend(part);
                }
                env.book.chapters[i].depth
            }
            _ => 0,
        };
        let entry = match sec.part {
            Part::Cover => None,
            Part::TitlePage => item(env.book.meta.title.clone(), &AnchorKey::TitlePage),
            Part::Contents => item(env.book.meta.contents_title().into(), &AnchorKey::Contents),
            Part::Notes => item(env.book.meta.notes_title().into(), &AnchorKey::Notes),
            Part::Copyright(i) | Part::Front(i) | Part::Chapter(i) => {
                item(plain_text(&shown_title(env, i)), &AnchorKey::Chapter(i)).map(|mut o| {
                    let top = sec.headings.iter().map(|h| h.level).min().unwrap_or(2);
                    o.children = sec
                        .headings
                        .iter()
                        .filter(|h| h.level == top)
                        .filter_map(|h| item(h.title.clone(), &h.key))
                        .collect();
                    o
                })
            }
        };
        if let Some(entry) = entry {
            place_outline(&mut out, entry, depth);
        }
    }
    out
}

/// Adds `item` `depth` levels down, under the last item of each level.
fn place_outline(items: &mut Vec<OutlineItem>, item: OutlineItem, depth: u8) {
    // Recursion at most `depth` (a u8) deep.
    match items.last_mut() {
        Some(last) if depth > 0 => place_outline(&mut last.children, item, depth - 1),
        _ => items.push(item),
    }
}

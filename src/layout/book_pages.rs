//! A book's pages: where each part starts (a part opens on its side, a
//! page left blank before it where needed), the labels of the pages, and
//! the pages themselves, with page numbers and running heads.
//!
//! In a watch session each composed page is kept by a key of everything
//! it is made from (its part's key, its place in the book, its label, where
//! its links lead, the ids of its structure), so a rebuild puts the same
//! shared page in the new document rather than composing and copying it
//! again: an edit inside one chapter composes that chapter's pages only.

use std::sync::Arc;

use super::book_profile::{BookSection, Part};
use super::compose::{collect_anchors, footer, page, running_head, Anchors};
use super::env::Env;
use super::geometry::Geometry;
use super::memo::KeyHasher;
use super::page::{roman, NodeId, Page, StructNode};
use super::style::LinkRef;
use super::tag::Tree;

/// Where the parts of the book land: each part's first page, every
/// anchor's page and the index of the body's page 1.
pub(super) struct Placement<'a> {
    pub firsts: &'a [usize],
    pub anchors: &'a Anchors,
    pub body_start: usize,
}

/// Composes the pages of `secs` into `pages` (after the cover, if any),
/// and joins the parts' structures in reading order.
pub(super) fn compose(
    env: &Env<'_>,
    g: &Geometry,
    secs: &mut [BookSection],
    placed: &Placement<'_>,
    pages: &mut Vec<Arc<Page>>,
) -> Vec<StructNode> {
    let mut tree = Tree::default();
    for (sec, &first) in secs.iter_mut().zip(placed.firsts) {
        let by = tree.graft(std::mem::take(&mut sec.tree), None);
        while pages.len() < first {
            // A page left blank so the next part opens on its side.
            pages.push(Arc::new(Page {
                width: g.physical().width,
                height: g.physical().height,
                label: label(pages.len(), placed.body_start),
                ..Page::default()
            }));
        }
        for n in 0..sec.section.pages.len() {
            pages.push(kept_page(env, g, sec, (n, first + n), placed, by));
        }
    }
    tree.nodes
}

/// Page `n` of `sec` at `index`: the one a watch session kept under the
/// same key, else composed (and kept).
fn kept_page(
    env: &Env<'_>,
    g: &Geometry,
    sec: &mut BookSection,
    at: (usize, usize),
    placed: &Placement<'_>,
    by: NodeId,
) -> Arc<Page> {
    let kept = env.reuse.zip(sec.key).map(|((reuse, _), part)| {
        let key = page_key(sec, part, at, placed, by);
        (reuse, key)
    });
    if let Some(page) = kept.and_then(|(reuse, key)| reuse.pages.get(key)) {
        return page;
    }
    let page = Arc::new(book_page(env, g, sec, at, placed, by));
    if let Some((reuse, key)) = kept {
        reuse.pages.put(key, page.clone());
    }
    page
}

/// The key of page `n` of `sec` at `index`. The part's key covers its
/// content, the settings, fonts and metadata (the running heads' titles);
/// the rest is where the page is: its index (the side, so the margins and
/// the running head), its label, where its links lead and the offset of
/// its structure ids.
fn page_key(
    sec: &BookSection,
    part: super::memo::Key,
    (n, index): (usize, usize),
    placed: &Placement<'_>,
    by: NodeId,
) -> super::memo::Key {
    let mut h = KeyHasher::default();
    h.add(&(part, n, index, label(index, placed.body_start), by));
    let lines = &sec.section.lines;
    for p in sec.section.pages.get(n).into_iter().flatten() {
        for link in &lines[p.line].links {
            if let LinkRef::Anchor(anchor) = &link.target {
                let to = placed.anchors.get(anchor);
                h.add(&to.map(|&(page, y)| (page, y.to_bits())));
            }
        }
    }
    h.key()
}

/// Page `n` of `sec`, at absolute `index`: the page number under the
/// contents, front matter, chapters and notes (not the title or copyright
/// page), and a running head on their pages after the first.
fn book_page(
    env: &Env<'_>,
    g: &Geometry,
    sec: &mut BookSection,
    (n, index): (usize, usize),
    placed: &Placement<'_>,
    by: NodeId,
) -> Page {
    let label = label(index, placed.body_start);
    let mut p = match Arc::get_mut(&mut sec.section) {
        // Only this layout holds the section: its items move to the page.
        Some(section) => page(section, n, index, g, placed.anchors, label, by),
        // A watch session keeps it: the page's lines are copied.
        None => {
            let mut one = sec.section.copy_page(n);
            page(&mut one, 0, index, g, placed.anchors, label, by)
        }
    };
    if g.vertical {
        p = super::vertical::turn(p, index, g, env);
    }
    // Page numbers and running heads are set on the printed page.
    let g = &g.physical();
    let numbered = matches!(
        sec.part,
        Part::Contents | Part::Front(_) | Part::Chapter(_) | Part::Notes
    );
    if numbered {
        let text = p.label.clone();
        footer(env, &mut p, index, g, &text);
    }
    let headed = matches!(sec.part, Part::Front(_) | Part::Chapter(_) | Part::Notes);
    if headed && n > 0 {
        // The book's title on the verso, the part's on the recto.
        let text = if !index.is_multiple_of(2) {
            env.book.meta.title.as_str()
        } else {
            sec.title.as_str()
        };
        running_head(env, &mut p, index, g, text);
    }
    p
}

/// The first page index of each section, in order after the cover, with a
/// page left blank where a part would otherwise open on the wrong side
/// (index 0 is a recto): the title page, the contents and the body (its
/// page 1) open on a recto, as in a printed book, and the copyright page
/// backs the title page, on the verso after it.
pub(super) fn firsts(cover: usize, secs: &[BookSection]) -> Vec<usize> {
    let mut out = Vec::with_capacity(secs.len());
    let mut index = cover;
    let mut body = false;
    let mut previous = None;
    for sec in secs {
        let recto = match sec.part {
            Part::TitlePage | Part::Contents => Some(true),
            Part::Copyright(_) if previous == Some(Part::TitlePage) => Some(false),
            Part::Chapter(_) | Part::Notes if !body => {
                body = true;
                Some(true)
            }
            _ => None,
        };
        if recto.is_some_and(|recto| index.is_multiple_of(2) != recto) {
            index += 1;
        }
        out.push(index);
        index += sec.section.pages.len();
        previous = Some(sec.part);
    }
    out
}

/// Where every anchor of the book ended up.
pub(super) fn anchors(secs: &[BookSection], firsts: &[usize], g: &Geometry) -> Anchors {
    let mut anchors = Anchors::new();
    for (sec, first) in secs.iter().zip(firsts) {
        collect_anchors(&sec.section, *first, g, &mut anchors);
    }
    anchors
}

pub(super) fn body_start(secs: &[BookSection], firsts: &[usize]) -> usize {
    secs.iter()
        .zip(firsts)
        .find(|(s, _)| matches!(s.part, Part::Chapter(_) | Part::Notes))
        .map(|(_, f)| *f)
        .unwrap_or(usize::MAX)
}

/// The label of page `index`: roman before the body, arabic from 1 in it.
pub(super) fn label(index: usize, body_start: usize) -> String {
    if index < body_start {
        roman(index + 1)
    } else {
        (index - body_start + 1).to_string()
    }
}

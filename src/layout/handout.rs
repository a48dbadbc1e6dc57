//! The handout profile: A4 printed one-sided (the margins do not mirror:
//! see [`Geometry::one_sided`]), no cover, a title block with the copyright
//! block under it on page 1, chapters flowing without page breaks, notes at
//! the end, and "X / Y" in the footer.

use crate::book::{plain_text, ChapterKind};

use super::compose::{collect_anchors, footer, page, Anchors, Section};
use super::env::Env;
use super::flow::{paginate, FlowLine};
use super::geometry::Geometry;
use super::page::{Color, Document, Item, OutlineItem};
use super::sections;
use super::style::AnchorKey;
use super::tag::{rebase, Tree};

/// An outline entry before pages are known: title, anchor, children.
type OutlinePart = (String, AnchorKey, Vec<(String, AnchorKey)>);

pub fn lay_out(env: &Env<'_>, g: &Geometry) -> Document {
    let mut joined = Joined {
        lines: Vec::new(),
        tree: Tree::default(),
        outline: Vec::new(),
    };
    front(env, g, &mut joined);
    body(env, g, &mut joined);
    compose(env, g, joined)
}

/// The handout's flows joined into one: its lines, its structure and the
/// outline entries still without pages.
struct Joined {
    lines: Vec<FlowLine>,
    tree: Tree,
    outline: Vec<OutlinePart>,
}

impl Joined {
    /// Appends `flow`, its structure joined on in reading order.
    fn append(&mut self, mut flow: sections::Flow, entry: OutlinePart) {
        let by = self.tree.graft(std::mem::take(&mut flow.tree), None);
        rebase(&mut flow.lines, by);
        self.lines.append(&mut flow.lines);
        self.outline.push(entry);
    }
}

/// Page 1's head: the title block, the copyright pages' text under it,
/// and a rule before the first chapter.
fn front(env: &Env<'_>, g: &Geometry, joined: &mut Joined) {
    let book = env.book;
    let (w, h) = (g.text_width, g.text_height);
    let pitch = env.body_size() * env.line_height();
    let mut lines = sections::title_block(env, w, 0.0, 0.9, false, &mut joined.tree);
    if let Some(first) = lines.iter_mut().find(|l| !l.discardable) {
        first.anchors.push(AnchorKey::TitlePage);
    }
    joined.lines.append(&mut lines);
    let title = book.meta.title.clone();
    joined
        .outline
        .push((title, AnchorKey::TitlePage, Vec::new()));
    let mut spacer = FlowLine::space(pitch);
    spacer.discardable = false;
    joined.lines.push(spacer);
    for (i, ch) in book.chapters.iter().enumerate() {
        if ch.kind == ChapterKind::Copyright {
            let flow = sections::copyright(env, i, ch, w, h);
            let entry = (title_or(ch.title_text(), env), AnchorKey::Chapter(i));
            joined.append(flow, (entry.0, entry.1, Vec::new()));
        }
    }
    let mut rule = FlowLine {
        height: pitch,
        ..FlowLine::default()
    };
    rule.items.push(Item::Line {
        from: (0.0, pitch / 2.0),
        to: (w, pitch / 2.0),
        width: 0.5,
        color: Color::Gray(0.5),
    });
    joined.lines.push(rule);
}

/// The chapters, flowing on without page breaks, then the notes.
fn body(env: &Env<'_>, g: &Geometry, joined: &mut Joined) {
    let book = env.book;
    let (w, h) = (g.text_width, g.text_height);
    for (i, ch) in book.chapters.iter().enumerate() {
        if ch.kind == ChapterKind::Copyright {
            continue;
        }
        let flow = sections::chapter(env, i, ch, w, h, true);
        let top = flow.headings.iter().map(|h| h.level).min().unwrap_or(2);
        let children = flow
            .headings
            .iter()
            .filter(|h| h.level == top)
            .map(|h| (h.title.clone(), h.key.clone()))
            .collect();
        let title = title_or(ch.title_text(), env);
        joined.append(flow, (title, AnchorKey::Chapter(i), children));
    }
    if !book.notes.is_empty() {
        let flow = sections::notes(env, w, h, true);
        let title = book.meta.notes_title().into();
        joined.append(flow, (title, AnchorKey::Notes, Vec::new()));
    }
}

/// The joined lines into pages with "X / Y" footers, and the outline.
fn compose(env: &Env<'_>, g: &Geometry, joined: Joined) -> Document {
    let lines = joined.lines;
    let mut section = Section {
        pages: paginate(&lines, g.text_height),
        lines,
    };
    let mut anchors = Anchors::new();
    collect_anchors(&section, 0, g, &mut anchors);
    let total = section.pages.len();
    let mut doc = Document {
        structure: joined.tree.nodes,
        ..Document::default()
    };
    for n in 0..total {
        // The flows' ids were moved as they were joined (`Joined::append`).
        let mut p = page(&mut section, n, n, g, &anchors, (n + 1).to_string(), 0);
        footer(env, &mut p, n, g, &format!("{} / {}", n + 1, total));
        doc.pages.push(p.into());
    }
    let item = |title: &String, key: &AnchorKey| {
        anchors.get(key).map(|&(page, y)| OutlineItem {
            title: title.clone(),
            page,
            y,
            children: Vec::new(),
        })
    };
    for (title, key, children) in &joined.outline {
        if let Some(mut o) = item(title, key) {
            o.children = children.iter().filter_map(|(t, k)| item(t, k)).collect();
            doc.outline.push(o);
        }
    }
    doc
}

fn title_or(title: String, env: &Env<'_>) -> String {
    if !title.trim().is_empty() {
        title
    } else if env.is_cjk() {
        "版权页".into()
    } else {
        plain_text(&[crate::book::Inline::Text("Copyright".into())])
    }
}

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
    let book = env.book;
    let (w, h) = (g.text_width, g.text_height);
    let s = env.body_size();
    let pitch = s * env.line_height();
    let mut tree = Tree::default();
    let mut lines = sections::title_block(env, w, 0.0, 0.9, false, &mut tree);
    if let Some(first) = lines.iter_mut().find(|l| !l.discardable) {
        first.anchors.push(AnchorKey::TitlePage);
    }
    let mut outline_parts: Vec<OutlinePart> = Vec::new();
    outline_parts.push((book.meta.title.clone(), AnchorKey::TitlePage, Vec::new()));
    let mut spacer = FlowLine::space(pitch);
    spacer.discardable = false;
    lines.push(spacer);
    for (i, ch) in book.chapters.iter().enumerate() {
        if ch.kind == ChapterKind::Copyright {
            let mut flow = sections::copyright(env, i, ch, w, h);
            graft(&mut tree, &mut flow);
            lines.append(&mut flow.lines);
            outline_parts.push((
                title_or(ch.title_text(), env),
                AnchorKey::Chapter(i),
                Vec::new(),
            ));
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
    lines.push(rule);
    for (i, ch) in book.chapters.iter().enumerate() {
        if ch.kind == ChapterKind::Copyright {
            continue;
        }
        let mut flow = sections::chapter(env, i, ch, w, h, true);
        graft(&mut tree, &mut flow);
        let top = flow.headings.iter().map(|h| h.level).min().unwrap_or(2);
        let children = flow
            .headings
            .iter()
            .filter(|h| h.level == top)
            .map(|h| (h.title.clone(), h.key.clone()))
            .collect();
        outline_parts.push((
            title_or(ch.title_text(), env),
            AnchorKey::Chapter(i),
            children,
        ));
        lines.append(&mut flow.lines);
    }
    if !book.notes.is_empty() {
        let mut flow = sections::notes(env, w, h, true);
        graft(&mut tree, &mut flow);
        lines.append(&mut flow.lines);
        outline_parts.push((book.meta.notes_title().into(), AnchorKey::Notes, Vec::new()));
    }
    let mut section = Section {
        pages: paginate(&lines, h),
        lines,
    };
    let mut anchors = Anchors::new();
    collect_anchors(&section, 0, g, &mut anchors);
    let total = section.pages.len();
    let mut doc = Document {
        structure: tree.nodes,
        ..Document::default()
    };
    for n in 0..total {
        // The flows' ids were moved as they were joined (`graft`).
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
    for (title, key, children) in &outline_parts {
        if let Some(mut o) = item(title, key) {
            o.children = children.iter().filter_map(|(t, k)| item(t, k)).collect();
            doc.outline.push(o);
        }
    }
    doc
}

/// Joins the structure of `flow` onto the handout's, in reading order.
fn graft(tree: &mut Tree, flow: &mut sections::Flow) {
    let by = tree.graft(std::mem::take(&mut flow.tree), None);
    rebase(&mut flow.lines, by);
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

//! The flow of each part of the book: title page, copyright page, chapters,
//! the notes appendix, the table of contents and the typographic cover.

use crate::book::{Chapter, Inline};
use crate::diagnostics::Location;
use crate::fonts::Role;

use super::block::{marker_width, BlockLayout, HeadingInfo};
use super::emit::{set, ParaSpec};
use super::env::Env;
use super::flow::{mark_source, FlowLine, PendingLink};
use super::inline::{flatten, Run};
use super::line::Align;
use super::marker::{Marker, MarkerKind};
use super::page::{Color, Item, SourcePart, StructRole};
use super::para::{prepare, PrepOptions};
use super::style::{AnchorKey, LinkRef, Style};
use super::tag::{self, Tree};

/// A laid-out part of the book, before pagination.
pub struct Flow {
    pub lines: Vec<FlowLine>,
    pub headings: Vec<HeadingInfo>,
    /// The structure of the part (ids local to it: see [`super::tag`]).
    pub tree: Tree,
}

/// Centered lines of `runs` across `width`.
pub fn centered(env: &Env<'_>, runs: Vec<Run>, size: f32, width: f32) -> Vec<FlowLine> {
    let p = prepare(env, runs, PrepOptions::default());
    let spec = ParaSpec {
        left: 0.0,
        width,
        indent: 0.0,
        align: Align::Center,
        size,
        line_height: 1.4,
    };
    let mut lines = set(&p, &spec);
    for l in &mut lines {
        l.keep_with_next = true;
    }
    lines
}

fn fixed_space(height: f32) -> FlowLine {
    FlowLine {
        height,
        keep_with_next: true,
        ..FlowLine::default()
    }
}

fn text_runs(text: &str, style: Style) -> Vec<Run> {
    vec![Run::text(text, style)]
}

/// Title, subtitle, authors and publisher, centered, starting `drop`
/// points down. Used by the title page, the typographic cover and the
/// handout's title block.
/// Each of its lines (title, subtitle, authors, publisher) is a
/// paragraph of `tree`, a part of the document; a typographic cover makes
/// them artifacts afterwards.
pub fn title_block(
    env: &Env<'_>,
    width: f32,
    drop: f32,
    scale: f32,
    with_publisher: bool,
    tree: &mut Tree,
) -> Vec<FlowLine> {
    let meta = &env.book.meta;
    let s = env.body_size();
    let sect = tree.add(StructRole::Sect, None);
    let mut lines = vec![fixed_space(drop)];
    let mut add = |lines: &mut Vec<FlowLine>, mut new: Vec<FlowLine>| {
        tag::fill_all(&mut new, Some(tree.add(StructRole::P, Some(sect))));
        lines.extend(new);
    };
    let title = Style::new(Role::Heading, s * 2.0 * scale).bold();
    let title_lines = centered(env, text_runs(&meta.title, title), s * 2.0 * scale, width);
    add(&mut lines, title_lines);
    if let Some(sub) = &meta.subtitle {
        lines.push(fixed_space(s * 0.6));
        let st = Style::new(Role::Heading, s * 1.3 * scale);
        let sub = centered(env, text_runs(sub, st), s * 1.3 * scale, width);
        add(&mut lines, sub);
    }
    if !meta.authors.is_empty() {
        lines.push(fixed_space(s * 2.0));
        let st = Style::new(Role::Body, s * 1.1);
        let sep = env.book.meta.locale().list_separator();
        let authors = centered(env, text_runs(&meta.authors.join(sep), st), s * 1.1, width);
        add(&mut lines, authors);
    }
    if with_publisher {
        if let Some(p) = &meta.publisher {
            lines.push(fixed_space(s * 4.0));
            let publisher = centered(env, text_runs(p, Style::new(Role::Body, s)), s, width);
            add(&mut lines, publisher);
        }
    }
    if let Some(l) = lines.last_mut() {
        l.keep_with_next = false;
    }
    lines
}

/// The title page.
pub fn title_page(env: &Env<'_>, width: f32, height: f32) -> Flow {
    let mut tree = Tree::default();
    let mut lines = title_block(env, width, height * 0.22, 1.0, true, &mut tree);
    mark_source(&mut lines, SourcePart::TitlePage, None);
    if let Some(first) = lines.iter_mut().find(|l| !l.discardable) {
        first.anchors.push(AnchorKey::TitlePage);
    }
    Flow {
        lines,
        headings: Vec::new(),
        tree,
    }
}

/// Opens the section node of a chapter (in its own language, if it has
/// one) that the blocks laid out next are part of.
fn open_sect(layout: &mut BlockLayout<'_, '_>, lang: Option<&str>) {
    let sect = layout.tree.add(StructRole::Sect, None);
    layout.tree.nodes[sect as usize].lang = lang.map(str::to_string);
    layout.root = Some(sect);
}

/// The heading (level 1) that the lines set next are.
fn open_title(layout: &mut BlockLayout<'_, '_>, role: StructRole) {
    layout.leaf = Some(layout.tree.add(role, layout.root));
}

/// A chapter or front matter page: title, subtitle, blocks. `index` is the
/// chapter's index in the book.
pub fn chapter(
    env: &Env<'_>,
    index: usize,
    ch: &Chapter,
    width: f32,
    height: f32,
    handout: bool,
) -> Flow {
    env.set_location(Some(Location::new(&ch.source, ch.line)));
    env.set_language(ch.lang.as_deref());
    let s = env.body_size();
    let pitch = s * env.line_height();
    let mut layout = BlockLayout::new(env, height);
    open_sect(&mut layout, ch.lang.as_deref());
    if !ch.title.is_empty() {
        let (size, align) = open_section(&mut layout, s, pitch, handout, AnchorKey::Chapter(index));
        let style = Style::new(Role::Heading, size).bold();
        open_title(&mut layout, StructRole::Heading(1));
        layout.heading_lines(flatten(&ch.title, &style, env.book), size, align, width);
        if let Some(sub) = &ch.subtitle {
            open_title(&mut layout, StructRole::P);
            let size = size * 0.8;
            let style = Style::new(Role::Heading, size).bold();
            layout.heading_lines(flatten(sub, &style, env.book), size, align, width);
        }
        layout.space(pitch * if handout { 0.6 } else { 1.5 });
    } else {
        layout.anchor_next(AnchorKey::Chapter(index));
    }
    mark_source(&mut layout.lines, SourcePart::Chapter(index), None);
    blocks_of(env, &mut layout, index, ch, width, false);
    let flow = Flow {
        lines: layout.lines,
        headings: layout.headings,
        tree: layout.tree,
    };
    env.set_location(None);
    env.set_language(None);
    flow
}

/// Opens a chapter or the notes appendix: the space above its title (a
/// book drops the title lower and centres it; a handout keeps it left and
/// lets the space vanish at a page top), and its anchor. Returns the title
/// size and alignment.
fn open_section(
    layout: &mut BlockLayout<'_, '_>,
    s: f32,
    pitch: f32,
    handout: bool,
    anchor: AnchorKey,
) -> (f32, Align) {
    let (size, drop, align) = if handout {
        (s * 1.5, pitch * 1.5, Align::Left)
    } else {
        (s * 1.7, pitch * 2.0, Align::Center)
    };
    let mut top = FlowLine::space(drop);
    top.discardable = handout;
    top.keep_with_next = true;
    layout.lines.push(top);
    layout.anchor_next(anchor);
    (size, align)
}

/// Lays out a chapter's blocks one by one, so that warnings point at the
/// line of the block they concern.
fn blocks_of(
    env: &Env<'_>,
    layout: &mut BlockLayout<'_, '_>,
    chapter: usize,
    ch: &Chapter,
    width: f32,
    flush: bool,
) {
    for (index, block) in ch.blocks.iter().enumerate() {
        env.set_location(Some(Location::new(&ch.source, ch.block_line(index))));
        let before = layout.lines.len();
        layout.blocks(std::slice::from_ref(block), 0.0, width, flush);
        let part = SourcePart::Chapter(chapter);
        mark_source(&mut layout.lines[before..], part, Some(index));
    }
}

/// The copyright page: the chapter's blocks verbatim, flush (no indent).
pub fn copyright(env: &Env<'_>, index: usize, ch: &Chapter, width: f32, height: f32) -> Flow {
    env.set_location(Some(Location::new(&ch.source, ch.line)));
    env.set_language(ch.lang.as_deref());
    let mut layout = BlockLayout::new(env, height);
    open_sect(&mut layout, ch.lang.as_deref());
    layout.anchor_next(AnchorKey::Chapter(index));
    if !ch.title.is_empty() {
        let s = env.body_size();
        let style = Style::new(Role::Heading, s * 1.2).bold();
        open_title(&mut layout, StructRole::Heading(1));
        layout.heading_lines(
            flatten(&ch.title, &style, env.book),
            s * 1.2,
            Align::Left,
            width,
        );
        layout.space(s);
    }
    mark_source(&mut layout.lines, SourcePart::Chapter(index), None);
    blocks_of(env, &mut layout, index, ch, width, true);
    env.set_location(None);
    env.set_language(None);
    Flow {
        lines: layout.lines,
        headings: layout.headings,
        tree: layout.tree,
    }
}

/// The notes appendix: each note numbered, the number a link back to the
/// note's first reference.
pub fn notes(env: &Env<'_>, width: f32, height: f32, handout: bool) -> Flow {
    let s = env.body_size();
    let pitch = s * env.line_height();
    let mut layout = BlockLayout::new(env, height);
    open_sect(&mut layout, None);
    let sect = layout.root;
    let (size, align) = open_section(&mut layout, s, pitch, handout, AnchorKey::Notes);
    let title = env.book.meta.notes_title();
    let style = Style::new(Role::Heading, size).bold();
    open_title(&mut layout, StructRole::Heading(1));
    layout.heading_lines(vec![Run::text(title, style)], size, align, width);
    layout.space(pitch * if handout { 0.6 } else { 1.5 });
    mark_source(&mut layout.lines, SourcePart::Notes, None);
    let widest = env.book.notes.iter().map(|n| n.number).max().unwrap_or(1);
    let indent = (2.5 * s).max(marker_width(env, &format!("{widest}."), s) + 0.6 * s);
    for (i, note) in env.book.notes.iter().enumerate() {
        let back = note
            .refs
            .first()
            .map(|r| LinkRef::Anchor(AnchorKey::Id(r.id.clone())));
        layout.anchor_next(AnchorKey::Note(i));
        let node = layout.tree.add(StructRole::Note, sect);
        let label = layout.tree.add(StructRole::Lbl, Some(node));
        layout.marker_next(
            Marker {
                kind: MarkerKind::Text(format!("{}.", note.number), back),
                right: indent,
                size: s,
            },
            Some(label),
        );
        layout.root = Some(node);
        layout.leaf = Some(node);
        let before = layout.lines.len();
        if note.blocks.is_empty() {
            layout.heading_lines(Vec::new(), s, Align::Left, width);
            mark_source(&mut layout.lines[before..], SourcePart::Note(i), None);
        }
        for (b, block) in note.blocks.iter().enumerate() {
            let before = layout.lines.len();
            layout.blocks(std::slice::from_ref(block), indent, width - indent, true);
            mark_source(&mut layout.lines[before..], SourcePart::Note(i), Some(b));
        }
    }
    Flow {
        lines: layout.lines,
        headings: layout.headings,
        tree: layout.tree,
    }
}

/// One entry of the table of contents.
#[derive(Debug, Clone, PartialEq)]
pub struct TocEntry {
    pub title: Vec<Inline>,
    /// Where it links to; `None` for a part title or draft chapter,
    /// which are text with no page number.
    pub key: Option<AnchorKey>,
    /// Nesting (`Chapter::depth`): each level is indented 2 em.
    pub depth: u8,
}

/// The table of contents: each entry a link, dot leaders, the page label
/// right-aligned in a column of fixed width (so the number of lines does
/// not depend on the labels: the TOC is set once to count its pages, and
/// once more with the real labels).
pub fn contents(env: &Env<'_>, entries: &[(TocEntry, String)], width: f32, height: f32) -> Flow {
    let s = env.body_size();
    let pitch = s * env.line_height();
    let mut layout = BlockLayout::new(env, height);
    open_sect(&mut layout, None);
    let toc = layout.tree.add(StructRole::TOC, layout.root);
    let mut top = FlowLine::space(pitch * 2.0);
    top.discardable = false;
    top.keep_with_next = true;
    layout.lines.push(top);
    layout.anchor_next(AnchorKey::Contents);
    open_title(&mut layout, StructRole::Heading(1));
    let style = Style::new(Role::Heading, s * 1.7).bold();
    layout.heading_lines(
        vec![Run::text(env.book.meta.contents_title(), style)],
        s * 1.7,
        Align::Center,
        width,
    );
    layout.space(pitch * 1.5);
    let column = 3.0 * s;
    for (entry, label) in entries {
        let indent = (2.0 * s * f32::from(entry.depth)).min(width / 2.0);
        let item = layout.tree.add(StructRole::TOCI, Some(toc));
        let Some(key) = &entry.key else {
            let mut lines = unlinked_entry(env, entry, indent, width - column - s);
            tag::fill_all(&mut lines, Some(layout.tree.add(StructRole::P, Some(item))));
            layout.lines.extend(lines);
            continue;
        };
        let reference = layout.tree.add(StructRole::Reference, Some(item));
        let mut lines = linked_entry(env, entry, key, label, (indent, width));
        tag::fill_all(&mut lines, Some(reference));
        layout.lines.extend(lines);
    }
    mark_source(&mut layout.lines, SourcePart::Contents, None);
    Flow {
        lines: layout.lines,
        headings: Vec::new(),
        tree: layout.tree,
    }
}

/// An entry that links to `key`: its title from `indent`, dot leaders,
/// the page `label` flush right in the last line; the whole line is the
/// link, and the lines of a long title stay together.
fn linked_entry(
    env: &Env<'_>,
    entry: &TocEntry,
    key: &AnchorKey,
    label: &str,
    (indent, width): (f32, f32),
) -> Vec<FlowLine> {
    let s = env.body_size();
    let pitch = s * env.line_height();
    let column = 3.0 * s;
    let link = LinkRef::Anchor(key.clone());
    let mut style = Style::new(Role::Body, s);
    style.link = Some(link.clone());
    let runs = flatten(&entry.title, &style, env.book);
    let p = prepare(env, runs, PrepOptions::default());
    let spec = ParaSpec {
        left: indent,
        width: width - column - s - indent,
        indent: 0.0,
        align: Align::Left,
        size: s,
        line_height: env.line_height(),
    };
    let mut lines = set(&p, &spec);
    if lines.is_empty() {
        lines.push(FlowLine {
            height: pitch,
            baseline: pitch / 2.0 + 0.38 * s,
            text: true,
            ..FlowLine::default()
        });
    }
    let n = lines.len();
    let last = &mut lines[n - 1];
    let text_end = last
        .links
        .iter()
        .map(|l| l.x + l.width)
        .fold(0.0f32, f32::max);
    let label_w = page_label(env, last, label, &link, width);
    dot_leaders(last, text_end + 0.5 * s, width - label_w - 0.5 * s, s);
    // The whole entry line is clickable.
    for line in &mut lines {
        line.links.clear();
        line.links.push(PendingLink {
            x: 0.0,
            y: 0.0,
            width,
            height: line.height,
            target: link.clone(),
            node: None,
        });
    }
    for l in &mut lines[..n - 1] {
        l.keep_with_next = true;
    }
    lines
}

/// Sets `label` flush right at `width` on `line`'s baseline, as part of
/// `link`; returns its width.
fn page_label(env: &Env<'_>, line: &mut FlowLine, label: &str, link: &LinkRef, width: f32) -> f32 {
    let s = env.body_size();
    let mut style = Style::new(Role::Body, s);
    style.link = Some(link.clone());
    let p = prepare(env, vec![Run::text(label, style)], PrepOptions::default());
    let label_w = p.natural_width();
    let spec = ParaSpec {
        left: width - label_w,
        width: label_w + 0.01,
        indent: 0.0,
        align: Align::Left,
        size: s,
        line_height: env.line_height(),
    };
    if let Some(num) = set(&p, &spec).into_iter().next() {
        let dy = line.baseline - num.baseline;
        line.items
            .extend(num.items.iter().map(|i| super::flow::translate(i, 0.0, dy)));
    }
    label_w
}

/// Dot leaders on `line` from `from` to `stop`: small squares every half
/// em (of size `s`), on the half-em grid, as geometry (they are not text
/// and must not be copied as such).
fn dot_leaders(line: &mut FlowLine, from: f32, stop: f32, s: f32) {
    let step = 0.5 * s;
    let dot = 0.08 * s;
    let mut x = (from / step).ceil() * step;
    while x + dot <= stop {
        line.items.push(Item::Rect {
            x,
            y: line.baseline - dot,
            width: dot,
            height: dot,
            color: Color::Gray(0.3),
        });
        x += step;
    }
}

/// A part title (bold, kept with the entry after it) or a draft chapter:
/// its text, with no link, leaders or number.
fn unlinked_entry(env: &Env<'_>, entry: &TocEntry, left: f32, width: f32) -> Vec<FlowLine> {
    let s = env.body_size();
    let part = entry.depth == 0;
    let style = if part {
        Style::new(Role::Body, s).bold()
    } else {
        Style::new(Role::Body, s)
    };
    let p = prepare(
        env,
        flatten(&entry.title, &style, env.book),
        PrepOptions::default(),
    );
    let spec = ParaSpec {
        left,
        width: width - left,
        indent: 0.0,
        align: Align::Left,
        size: s,
        line_height: env.line_height(),
    };
    let mut lines = set(&p, &spec);
    for line in &mut lines {
        line.keep_with_next = part;
    }
    lines
}

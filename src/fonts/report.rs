//! `folio fonts`: which face sets each script of the book in each role,
//! and where each face comes from (the book's folder, the installed
//! fonts, or built in).
//!
//! Nothing here picks a font: the report asks the [`FontSet`] the build
//! loads (same config, same chains, same installed-font search) which face
//! of a key's chain sets each character ([`FontSet::face_for`]), so what
//! it says is what the EPUB and PDF use. The characters of each role are
//! the book's text as the font set was asked for it
//! ([`crate::book::text::book_text`]) for body text, and the titles and
//! headings, and the code, gathered here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::default::BUILTINS;
use super::{FaceId, FontKey, FontSet, Role};
use crate::book::text::push_inlines;
use crate::book::{Block, Book, Inline};
use crate::text::script::{is_ignorable, Script};

/// Where a face comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// A file inside the book's folder (`fonts/`, or named by path).
    Book,
    /// An installed font.
    System,
    /// Compiled into folio.
    BuiltIn,
}

impl Source {
    pub fn label(self) -> &'static str {
        match self {
            Source::Book => "book",
            Source::System => "system",
            Source::BuiltIn => "built in",
        }
    }
}

/// How many characters of one script a face sets in one role; `face`
/// `None` for characters no face has (drawn as a box).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Row {
    pub script: &'static str,
    pub face: Option<String>,
    pub chars: usize,
    /// The characters themselves, when there are few of them.
    pub sample: Option<String>,
}

/// One role (body text, headings, code) and its rows.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RoleReport {
    pub role: &'static str,
    pub rows: Vec<Row>,
}

/// A face that sets some character of the book.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FaceReport {
    pub name: String,
    /// The font file (with `#N` for a face of a collection), or
    /// `compiled into folio`.
    pub file: String,
    pub source: Source,
    /// Distinct characters of the book the face has, and of how many.
    pub covers: usize,
    pub of: usize,
}

/// A row with at most this many characters lists them.
const SAMPLE: usize = 6;

/// The whole report.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FontReport {
    pub title: String,
    pub language: String,
    pub roles: Vec<RoleReport>,
    pub faces: Vec<FaceReport>,
    /// Characters of the book no face has.
    pub uncovered: Vec<char>,
}

/// The report for `book` set in `fonts`; `root` is the book's folder (a
/// face from a file inside it is the book's own).
pub fn report(book: &Book, fonts: &FontSet, root: &Path) -> FontReport {
    let body = crate::book::text::book_text(book);
    let (headings, code) = role_texts(book);
    let keys = [
        ("body text", FontKey::from(Role::Body), body.as_str()),
        (
            "headings (bold)",
            FontKey::from(Role::Heading).bold(),
            &headings,
        ),
        ("code", FontKey::from(Role::Mono), &code),
    ];
    let mut used: BTreeSet<FaceId> = BTreeSet::new();
    let mut roles = Vec::new();
    for (role, key, text) in keys {
        // Keyed by the script's place in [`Script`] (symbols last), so
        // rows come in a fixed, readable order.
        let mut counts: BTreeMap<(u8, &'static str, Option<FaceId>), Vec<char>> = BTreeMap::new();
        for c in distinct(text) {
            let face = fonts.face_for(c, key);
            used.extend(face);
            let order = Script::of(c).map_or(u8::MAX, |s| s as u8);
            counts
                .entry((order, script_name(c), face))
                .or_default()
                .push(c);
        }
        if counts.is_empty() {
            continue;
        }
        let rows = counts
            .into_iter()
            .map(|((_, script, face), chars)| Row {
                script,
                face: face.map(|id| face_name(fonts, id)),
                chars: chars.len(),
                sample: (chars.len() <= SAMPLE).then(|| chars.iter().collect()),
            })
            .collect();
        roles.push(RoleReport { role, rows });
    }
    let all: Vec<char> = distinct(&format!("{body}{headings}{code}"));
    let faces = used
        .into_iter()
        .map(|id| {
            let (file, source) = origin(fonts, id, root);
            FaceReport {
                name: face_name(fonts, id),
                file,
                source,
                covers: all.iter().filter(|&&c| fonts.face(id).covers(c)).count(),
                of: all.len(),
            }
        })
        .collect();
    FontReport {
        title: book.meta.title.clone(),
        language: book.meta.lang.clone(),
        roles,
        faces,
        uncovered: fonts.uncovered().to_vec(),
    }
}

/// The characters of `text` a font must draw, each once, in code order.
fn distinct(text: &str) -> Vec<char> {
    let set: BTreeSet<char> = text
        .chars()
        .filter(|&c| !c.is_whitespace() && !is_ignorable(c))
        .collect();
    set.into_iter().collect()
}

fn script_name(c: char) -> &'static str {
    match Script::of(c) {
        Some(Script::Han) => "Han",
        Some(Script::Kana) => "kana",
        Some(Script::Hangul) => "Hangul",
        Some(Script::Bopomofo) => "bopomofo",
        Some(Script::Latin) => "Latin",
        Some(Script::Greek) => "Greek",
        Some(Script::Cyrillic) => "Cyrillic",
        Some(Script::Arabic) => "Arabic",
        Some(Script::Hebrew) => "Hebrew",
        Some(Script::Thai) => "Thai",
        Some(Script::Devanagari) => "Devanagari",
        Some(Script::Emoji) => "emoji",
        None => "digits, punctuation, symbols",
    }
}

/// A face as people name it: `Folio Serif SC Bold`, `Noto Serif CJK JP`.
fn face_name(fonts: &FontSet, id: FaceId) -> String {
    let origin = fonts.origin(id);
    if let Some(name) = origin.strip_prefix("built-in ") {
        // The first two built-in faces are named without their style.
        return match name.ends_with("Regular") || name.ends_with("Bold") {
            true => name.to_string(),
            false => format!("{name} Regular"),
        };
    }
    let family = fonts.family_name(id);
    let name = if family.is_empty() {
        fonts.family(id)
    } else {
        family
    };
    match fonts.is_bold(id) && !name.contains("Bold") {
        true => format!("{name} Bold"),
        false => name.to_string(),
    }
}

/// The file of a face and where it comes from, from its origin (`built-in
/// …`, a path, or a path and `#index`). Built-in faces are the first of
/// a set, in the order of [`BUILTINS`].
fn origin(fonts: &FontSet, id: FaceId, root: &Path) -> (String, Source) {
    let origin = fonts.origin(id);
    if origin.starts_with("built-in ") {
        let file = BUILTINS.get(id.0).map_or("", |b| b.file);
        return (format!("{file}, compiled into folio"), Source::BuiltIn);
    }
    let path = match origin.rsplit_once('#') {
        Some((path, index)) if index.chars().all(|c| c.is_ascii_digit()) => path,
        _ => origin,
    };
    let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let inside = canonical(Path::new(path)).starts_with(canonical(root));
    let source = if inside { Source::Book } else { Source::System };
    (origin.to_string(), source)
}

/// The text set in the heading role (the book's title, chapter titles,
/// headings) and in code (code blocks and spans), walked with a stack so
/// deep nesting cannot overflow.
fn role_texts(book: &Book) -> (String, String) {
    let (mut headings, mut code) = (book.meta.title.clone(), String::new());
    let mut blocks: Vec<&Block> = Vec::new();
    let mut inlines: Vec<&Inline> = Vec::new();
    for chapter in &book.chapters {
        push_inlines(&mut headings, &chapter.title);
        if let Some(sub) = &chapter.subtitle {
            push_inlines(&mut headings, sub);
        }
        blocks.extend(chapter.blocks.iter());
    }
    blocks.extend(book.notes.iter().flat_map(|n| n.blocks.iter()));
    while let Some(block) = blocks.pop() {
        match block {
            Block::Heading { content, .. } => {
                push_inlines(&mut headings, content);
                inlines.extend(content.iter());
            }
            Block::Paragraph(content)
            | Block::Figure {
                caption: content, ..
            } => inlines.extend(content.iter()),
            Block::CodeBlock { text, .. } => code.push_str(text),
            Block::BlockQuote(children)
            | Block::Callout {
                blocks: children, ..
            }
            | Block::Div {
                blocks: children, ..
            } => blocks.extend(children.iter()),
            Block::Details {
                summary,
                blocks: children,
            } => {
                inlines.extend(summary.iter());
                blocks.extend(children.iter());
            }
            Block::List { items, .. } => blocks.extend(items.iter().flat_map(|i| i.blocks.iter())),
            Block::Table { head, rows, .. } => {
                inlines.extend(head.iter().chain(rows.iter().flatten()).flatten())
            }
            Block::DefinitionList(items) => {
                for item in items {
                    inlines.extend(item.term.iter());
                    blocks.extend(item.definitions.iter().flatten());
                }
            }
            Block::Rule | Block::Math(_) => {}
        }
    }
    while let Some(inline) = inlines.pop() {
        match inline {
            Inline::Code(text) => code.push_str(text),
            Inline::Emphasis(c)
            | Inline::Strong(c)
            | Inline::Strikethrough(c)
            | Inline::Link { content: c, .. }
            | Inline::Lang { content: c, .. }
            | Inline::Phrase { content: c, .. } => inlines.extend(c.iter()),
            _ => {}
        }
    }
    (headings, code)
}

/// The report as the terminal shows it.
pub fn render(report: &FontReport) -> String {
    let mut out = format!("Fonts for “{}” ({})\n", report.title, report.language);
    let width = report
        .roles
        .iter()
        .flat_map(|r| &r.rows)
        .map(|row| row.face.as_deref().map_or(0, str::len))
        .max()
        .unwrap_or(0);
    for role in &report.roles {
        out.push_str(&format!("\n{}\n", role.role));
        for row in &role.rows {
            let face = row.face.as_deref().unwrap_or("no font: drawn as a box");
            let source = row
                .face
                .as_ref()
                .and_then(|name| report.faces.iter().find(|f| &f.name == name))
                .map_or("", |f| f.source.label());
            let sample = row
                .sample
                .as_ref()
                .map_or(String::new(), |s| format!("  ({s})"));
            let line = format!(
                "  {:<28} {:>6}  {face:<width$}  {:<8}{sample}",
                row.script,
                row.chars,
                source,
                width = width
            );
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
    out.push_str("\nfaces\n");
    for face in &report.faces {
        out.push_str(&format!(
            "  {} ({}): {}\n    has {} of the book's {} characters\n",
            face.name,
            face.source.label(),
            face.file,
            face.covers,
            face.of
        ));
    }
    if !report.uncovered.is_empty() {
        out.push_str(&format!(
            "\nno font has {} character(s): {}\n  help: {}\n",
            report.uncovered.len(),
            crate::text::script::describe_chars(&report.uncovered, 8),
            crate::text::script::font_hint(&report.uncovered)
        ));
    }
    out
}

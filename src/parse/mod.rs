//! Markdown into the Book model.
//!
//! Each source file is parsed on its own ([`markdown`]), reporting notes,
//! headings, links and images to a sink that keeps the book-wide state.
//! Then the files are cut into chapters, links between files are resolved
//! to chapters ([`links`]), and the metadata is settled ([`metadata`]).

mod alert;
mod assets;
mod emoji;
mod hidden;
mod html;
mod ids;
mod lang;
mod links;
mod markdown;
mod math;
mod metadata;
mod ruby;
mod sink;

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::book::{Block, Book, Chapter, ChapterKind, Inline};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::error::Result;
use crate::load::{Manuscript, SourceFile};

pub use assets::sniff as sniff_image;
pub use markdown::MAX_DEPTH;

/// Settings that do not come from the manuscript.
#[derive(Debug, Clone, Default)]
pub struct ParseOptions {
    /// `SOURCE_DATE_EPOCH`, when set: the "last modified" stamp.
    pub source_date_epoch: Option<i64>,
}

/// Parses a loaded manuscript into a [`Book`]. Problems that do not stop
/// the build are reported to `diagnostics`.
pub fn parse(
    manuscript: &Manuscript,
    options: &ParseOptions,
    diagnostics: &Diagnostics,
) -> Result<Book> {
    let mut state = sink::BookState {
        notes: Vec::new(),
        ids: ids::Ids::default(),
        assets: assets::Assets::new(&manuscript.root),
        diagnostics,
        anchors: BTreeMap::new(),
        anchor_links: Vec::new(),
        files: manuscript
            .files
            .iter()
            .enumerate()
            .filter_map(|(i, f)| std::fs::canonicalize(&f.path).ok().map(|p| (p, i)))
            .collect(),
    };

    let mut chapters = Vec::new();
    // File index → index of its first chapter.
    let mut first_chapter_of_file = Vec::with_capacity(manuscript.files.len());
    for (index, file) in manuscript.files.iter().enumerate() {
        for warning in &file.warnings {
            diagnostics.push(warning.clone());
        }
        let mut sink = sink::FileSink::new(
            &mut state,
            index,
            &file.path,
            &file.body,
            (file.body_line_offset, &file.line_map),
        );
        let (blocks, lines) = markdown::parse(&file.body, &mut sink);
        sink.finish();
        first_chapter_of_file.push(chapters.len());
        if blocks.is_empty() && file.front.title.is_none() {
            diagnostics.push(
                crate::Diagnostic::warning(
                    Some(Location::new(&file.path, 1)),
                    "chapter file is empty",
                )
                .with_help("write the chapter, or remove the file from the book"),
            );
        }
        if manuscript.split_at_h1 {
            split_at_h1(file, blocks, lines, &mut chapters);
        } else {
            chapters.push(one_chapter(file, blocks, lines));
        }
    }
    number_chapters(&mut chapters);
    links::check_anchors(&state.anchor_links, &state.anchors, diagnostics);
    links::resolve(&mut chapters, &first_chapter_of_file, &state.anchors);
    let mut notes = state.notes;
    links::collect_note_refs(&chapters, &mut notes);

    let cover = match &manuscript.config.folio.cover {
        Some(path) => Some(metadata::cover(manuscript, path, &mut state.assets)?),
        None => None,
    };
    let meta = metadata::settle(manuscript, &chapters, options)?;
    chapter_languages(
        manuscript,
        &first_chapter_of_file,
        &meta.lang,
        &mut chapters,
        diagnostics,
    );
    Ok(Book {
        meta,
        chapters,
        notes,
        assets: state.assets.list,
        cover,
    })
}

/// The folder an in-memory book pretends to live in. It does not exist, so
/// nothing is ever read on the book's behalf (paths are canonicalized
/// against it, and that fails).
const IN_MEMORY_ROOT: &str = "/nonexistent-folio-in-memory-book";

/// Parses one Markdown document held in memory (front matter and all) as
/// the single-file book `<name>.md`, as `folio build <name>.md` would, but
/// reads no file: the book has no folder, so every image and local link in
/// it is reported missing. For fuzzing and property tests.
pub fn parse_markdown_str(text: &str, name: &str) -> Result<(Book, Vec<Diagnostic>)> {
    let root = PathBuf::from(IN_MEMORY_ROOT);
    let path = root.join(format!("{name}.md"));
    let split = crate::load::frontmatter::split(text, &path)?;
    let file = SourceFile {
        path,
        kind: ChapterKind::Chapter,
        listed_title: None,
        front: split.front.clone(),
        body: split.body.to_string(),
        body_line_offset: split.body_line_offset,
        line_map: Vec::new(),
        directive_title: None,
        warnings: Vec::new(),
    };
    let manuscript = Manuscript {
        root,
        config: Default::default(),
        config_path: None,
        front: split.front,
        files: vec![file],
        name: name.to_string(),
        split_at_h1: true,
    };
    let diagnostics = Diagnostics::default();
    let book = parse(&manuscript, &ParseOptions::default(), &diagnostics)?;
    Ok((book, diagnostics.into_vec()))
}

/// Gives the chapters of each file the language its front matter names,
/// once the book's is known (a chapter in the book's language has none of
/// its own).
fn chapter_languages(
    manuscript: &Manuscript,
    first_chapter_of_file: &[usize],
    book_lang: &str,
    chapters: &mut [Chapter],
    diagnostics: &Diagnostics,
) {
    for (index, file) in manuscript.files.iter().enumerate() {
        let lang = match lang::of_chapter(file.front.lang.as_deref(), book_lang) {
            Ok(lang) => lang,
            Err(why) => {
                // The front matter starts at line 1; its keys carry no
                // line of their own once parsed.
                diagnostics.warn(Some(Location::new(&file.path, 1)), why);
                None
            }
        };
        let start = first_chapter_of_file[index];
        let end = first_chapter_of_file
            .get(index + 1)
            .copied()
            .unwrap_or(chapters.len());
        for chapter in chapters.get_mut(start..end).unwrap_or_default() {
            chapter.lang.clone_from(&lang);
        }
    }
}

/// A file of a folder book is one chapter; a leading level-1 heading is
/// its title.
fn one_chapter(file: &SourceFile, mut blocks: Vec<Block>, mut lines: Vec<usize>) -> Chapter {
    let mut line = 1 + file.body_line_offset;
    let title = match blocks.first() {
        // `{{#title}}` names the chapter; a leading heading then stays in
        // the text rather than being dropped.
        _ if file.directive_title.is_some() => fallback_title(file),
        Some(Block::Heading { level: 1, .. }) => {
            line = lines.remove(0);
            match blocks.remove(0) {
                Block::Heading { content, .. } => content,
                _ => unreachable!("matched a heading above"),
            }
        }
        _ => fallback_title(file),
    };
    Chapter {
        id: String::new(),
        kind: file.kind,
        title,
        subtitle: file.front.subtitle.clone().map(|s| vec![Inline::Text(s)]),
        source: file.path.clone(),
        line,
        lang: None,
        blocks,
        block_lines: lines,
    }
}

/// A single-file book starts a chapter at every level-1 heading; text
/// before the first one becomes a preface titled like the file.
fn split_at_h1(
    file: &SourceFile,
    blocks: Vec<Block>,
    lines: Vec<usize>,
    chapters: &mut Vec<Chapter>,
) {
    let mut current: Option<Chapter> = None;
    for (block, line) in blocks.into_iter().zip(lines) {
        match block {
            Block::Heading {
                level: 1, content, ..
            } => {
                chapters.extend(current.take());
                current = Some(Chapter {
                    kind: ChapterKind::Chapter,
                    title: content,
                    source: file.path.clone(),
                    line,
                    ..Chapter::default()
                });
            }
            block => {
                let chapter = current.get_or_insert_with(|| Chapter {
                    kind: ChapterKind::Preface,
                    title: fallback_title(file),
                    source: file.path.clone(),
                    line,
                    ..Chapter::default()
                });
                chapter.blocks.push(block);
                chapter.block_lines.push(line);
            }
        }
    }
    chapters.extend(current);
}

fn fallback_title(file: &SourceFile) -> Vec<Inline> {
    let title = file
        .directive_title
        .clone()
        .or_else(|| file.front.title.clone())
        .or_else(|| file.listed_title.clone())
        .unwrap_or_else(|| {
            file.path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        });
    vec![Inline::Text(title)]
}

/// Stable, file-safe chapter ids: `copyright`, `front1`, `ch01`…
fn number_chapters(chapters: &mut [Chapter]) {
    let (mut front, mut body, mut copyright) = (0, 0, 0);
    for chapter in chapters {
        chapter.id = match chapter.kind {
            ChapterKind::Copyright => {
                copyright += 1;
                if copyright == 1 {
                    "copyright".to_string()
                } else {
                    format!("copyright{copyright}")
                }
            }
            ChapterKind::Preface => {
                front += 1;
                format!("front{front}")
            }
            ChapterKind::Chapter => {
                body += 1;
                format!("ch{body:02}")
            }
        };
    }
}

#[cfg(test)]
mod tests;

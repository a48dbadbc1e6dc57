//! Markdown into the Book model.
//!
//! Each source file is parsed on its own ([`markdown`]), reporting notes,
//! headings, links and images to a sink that keeps the book-wide state.
//! Then the files are cut into chapters and titled ([`chapters`]), links
//! between files are resolved to chapters ([`links`]; headings also
//! answer to the anchors mdBook and GitHub give them, [`ids`]), and the
//! metadata is settled ([`metadata`]).
//!
//! In a watch session a file is parsed again only when its text changed or
//! the book-wide state it read did ([`memo`]): the other files' parses are
//! replayed onto the state, their notes renumbered, their warnings said
//! again, and the passes over the whole book (chapters, ids of chapters,
//! links, notes' references) run as after a clean parse.

mod alert;
mod assets;
mod chapters;
mod element_ids;
mod emoji;
mod figure;
mod hidden;
mod html;
mod ids;
mod lang;
mod links;
mod markdown;
mod math;
mod memo;
mod metadata;
mod pandoc;
mod ruby;
mod sink;
mod svg;

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::book::{Book, Chapter, ChapterKind};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::error::Result;
use crate::load::Manuscript;
use crate::world::{Memory, World};

pub use assets::sniff as sniff_image;
pub use markdown::MAX_DEPTH;

pub use memo::Reuse;

/// Settings that do not come from the manuscript.
#[derive(Debug, Clone, Default)]
pub struct ParseOptions {
    /// `SOURCE_DATE_EPOCH`, when set: the "last modified" stamp.
    pub source_date_epoch: Option<i64>,
}

/// Parses a loaded manuscript into a [`Book`]. Problems that do not stop
/// the build are reported to `diagnostics`. The images the Markdown names
/// are read from `world` (and only inside the book folder): parsing does
/// no file I/O of its own.
pub fn parse(
    manuscript: &Manuscript,
    world: &dyn World,
    options: &ParseOptions,
    diagnostics: &Diagnostics,
) -> Result<Book> {
    parse_with(manuscript, world, options, diagnostics, &Reuse::off())
}

/// [`parse`], reusing the parse of each file whose text and starting
/// state are those of an earlier build's (see [`memo`]): the same Book
/// and diagnostics, without parsing the file again.
pub fn parse_with(
    manuscript: &Manuscript,
    world: &dyn World,
    options: &ParseOptions,
    diagnostics: &Diagnostics,
    reuse: &Reuse,
) -> Result<Book> {
    let mut state = sink::BookState {
        notes: Vec::new(),
        ids: ids::Ids::default(),
        assets: assets::Assets::new(world, &manuscript.root),
        diagnostics,
        anchors: BTreeMap::new(),
        anchor_links: Vec::new(),
        files: manuscript
            .files
            .iter()
            .enumerate()
            .filter_map(|(i, f)| world.canonicalize(&f.path).ok().map(|p| (p, i)))
            .collect(),
        html_tags: Default::default(),
        math_macros: Default::default(),
    };
    for warning in &manuscript.warnings {
        diagnostics.push(warning.clone());
    }
    let mut files = reuse.begin(&manuscript.root, &state.files);
    let parsed = parse_files(manuscript, &mut files, &mut state);
    files.finish();
    std::mem::take(&mut state.html_tags).report(diagnostics);
    assemble(manuscript, parsed, state, options)
}

/// The chapters of a manuscript's files, and what finishing the book
/// needs to know of where they came from.
struct Files {
    chapters: Vec<Chapter>,
    /// A single file's title block (pandoc's `%` lines).
    title_block: Option<pandoc::TitleBlock>,
    /// File index → index of its first chapter.
    first_chapter_of_file: Vec<usize>,
    /// Id of a heading that became a chapter's title → that chapter: a
    /// link to it goes to the chapter's start.
    title_ids: BTreeMap<String, usize>,
    /// A single file's title when nothing names it: its first level-1
    /// heading, else its first level-2 heading.
    heading_title: Option<String>,
}

/// Parses (or replays, see [`memo`]) each file into chapters: one per
/// file, or one per level-1 heading when the manuscript splits there.
fn parse_files(
    manuscript: &Manuscript,
    files: &mut memo::Files<'_>,
    state: &mut sink::BookState<'_>,
) -> Files {
    let mut out = Files {
        chapters: Vec::new(),
        title_block: None,
        first_chapter_of_file: Vec::with_capacity(manuscript.files.len()),
        title_ids: BTreeMap::new(),
        heading_title: None,
    };
    for (index, file) in manuscript.files.iter().enumerate() {
        for warning in &file.warnings {
            state.diagnostics.push(warning.clone());
        }
        let memo::Parsed {
            blocks,
            lines,
            title_block,
        } = files.parse(index, file, state);
        if manuscript.files.len() == 1 {
            out.title_block = title_block;
        }
        out.first_chapter_of_file.push(out.chapters.len());
        if blocks.is_empty() && file.front.title.is_none() {
            state.diagnostics.push(
                crate::Diagnostic::warning(
                    Some(Location::new(&file.path, 1)),
                    "chapter file is empty",
                )
                .with_help("write the chapter, or remove the file from the book"),
            );
        }
        if manuscript.split_at_h1 {
            let first = || chapters::first_title_heading(&blocks);
            out.heading_title = out.heading_title.or_else(first);
            chapters::split(file, blocks, lines, &mut out.chapters, &mut out.title_ids);
        } else {
            let (chapter, title_id) = chapters::one_chapter(file, blocks, lines);
            let at = out.chapters.len();
            out.title_ids.extend(title_id.map(|id| (id, at)));
            out.chapters.push(chapter);
        }
    }
    out
}

/// The Book from its parsed files: chapters numbered, links resolved and
/// checked, notes and their references gathered, metadata settled, each
/// chapter's language, the contents' part titles.
fn assemble(
    manuscript: &Manuscript,
    parsed: Files,
    mut state: sink::BookState<'_>,
    options: &ParseOptions,
) -> Result<Book> {
    let diagnostics = state.diagnostics;
    let Files {
        mut chapters,
        title_block,
        first_chapter_of_file,
        title_ids,
        heading_title,
    } = parsed;
    number_chapters(&mut chapters);
    links::check_anchors(&state.anchor_links, &state.anchors, diagnostics);
    let targets = links::Targets {
        first_chapter_of_file: &first_chapter_of_file,
        anchors: &state.anchors,
        title_ids: &title_ids,
    };
    links::resolve(&mut chapters, &targets);
    let mut notes = state.notes;
    links::collect_note_refs(&chapters, &mut notes);

    let cover = match &manuscript.config.folio.cover {
        Some(path) => Some(metadata::cover(manuscript, path, &mut state.assets)?),
        None => None,
    };
    let mut meta = metadata::settle(manuscript, &chapters, heading_title, options)?;
    if let Some(block) = title_block {
        metadata::title_block(&mut meta, manuscript, block, options);
    }
    chapter_languages(
        manuscript,
        &first_chapter_of_file,
        &meta.lang,
        &mut chapters,
        diagnostics,
    );
    let toc_marks = chapters::toc_marks(
        &manuscript.toc_marks,
        &first_chapter_of_file,
        chapters.len(),
    );
    Ok(Book {
        meta,
        chapters,
        notes,
        assets: state.assets.list,
        cover,
        toc_marks,
        // Filled by `crate::highlight` after parsing, when building.
        code: Default::default(),
    })
}

/// Parses one Markdown document held in memory (front matter and all) as
/// the single-file book `<name>.md`, as `folio build <name>.md` would, in
/// a [`Memory`] world holding that file alone: every image and local link
/// in it is reported missing. For fuzzing and property tests.
pub fn parse_markdown_str(text: &str, name: &str) -> Result<(Book, Vec<Diagnostic>)> {
    let mut world = Memory::new();
    let path = PathBuf::from(format!("{name}.md"));
    world.insert(&path, text);
    let manuscript = crate::load::load_in(&world, &path)?;
    let diagnostics = Diagnostics::default();
    let book = parse(&manuscript, &world, &ParseOptions::default(), &diagnostics)?;
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
mod chapter_tests;
#[cfg(test)]
mod slug_tests;
#[cfg(test)]
mod tests;

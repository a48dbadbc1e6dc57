//! Finding and reading a manuscript.
//!
//! `folio build PATH` accepts four shapes of input, tried in this order:
//!
//! 1. a single `.md` file, with optional YAML front matter;
//! 2. a folder with `book.toml` whose `[folio]` table lists the files;
//! 3. a folder with an mdBook-style `SUMMARY.md` (in `[book] src`, default
//!    `src/` when book.toml exists, else the folder itself);
//! 4. a folder of `.md` files, taken in name order.
//!
//! Loading reads every source file once, checks it is UTF-8 and splits off
//! its front matter; nothing here interprets Markdown.

pub mod frontmatter;
mod include;
mod summary;

use std::path::{Path, PathBuf};

use crate::book::{ChapterKind, TocMarkKind};
use crate::config::BookToml;
use crate::diagnostics::{Diagnostic, Location};
use crate::error::{Error, Result};
use crate::world::{Kind, World};

pub use frontmatter::FrontMatter;

/// A manuscript read from disk, not yet parsed.
#[derive(Debug, Clone)]
pub struct Manuscript {
    /// The book folder: paths in the book (images, config) are relative to
    /// it, and nothing outside it is read on behalf of the Markdown.
    pub root: PathBuf,
    /// `book.toml`, or defaults when there is none.
    pub config: BookToml,
    /// Where book.toml is, when there is one (for error locations).
    pub config_path: Option<PathBuf>,
    /// Front matter of a single-file book (book-level metadata).
    pub front: FrontMatter,
    pub files: Vec<SourceFile>,
    /// Folder or file name: the fallback title and output name.
    pub name: String,
    /// Single-file books start a chapter at every level-1 heading.
    pub split_at_h1: bool,
    /// Findings about the book as a whole (book.toml, SUMMARY.md),
    /// reported when it is parsed.
    pub warnings: Vec<Diagnostic>,
    /// SUMMARY.md's part titles and draft chapters.
    pub toc_marks: Vec<ListedMark>,
}

/// A SUMMARY.md entry with no file: a part title or a draft chapter.
#[derive(Debug, Clone, PartialEq)]
pub struct ListedMark {
    /// Index in [`Manuscript::files`] of the file it comes before
    /// (`files.len()`: after the last).
    pub before_file: usize,
    pub depth: u8,
    pub kind: TocMarkKind,
    /// As written in SUMMARY.md (Markdown).
    pub title: String,
}

/// One Markdown file of the manuscript.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as shown to the user (joined to the PATH they gave).
    pub path: PathBuf,
    pub kind: ChapterKind,
    /// Title from SUMMARY.md's link text (Markdown), if any.
    pub listed_title: Option<String>,
    /// Nesting in SUMMARY.md (see `Chapter::depth`); 0 elsewhere.
    pub depth: u8,
    pub front: FrontMatter,
    /// The Markdown after the front matter.
    pub body: String,
    /// Lines before `body` in the file.
    pub body_line_offset: usize,
    /// For each line of `body` (0-based), its 1-based line in the body as
    /// written, before mdBook's `{{#include}}` directives were expanded.
    /// Empty means the lines are the written ones.
    pub line_map: Vec<usize>,
    /// Set by an mdBook `{{#title …}}` directive.
    pub directive_title: Option<String>,
    /// Directives that could not be expanded (they stay as text).
    pub warnings: Vec<Diagnostic>,
}

/// Reads the manuscript at `path` from disk.
pub fn load(path: &Path) -> Result<Manuscript> {
    load_in(&crate::world::Disk, path)
}

/// Reads the manuscript at `path` from `world`.
pub fn load_in(world: &dyn World, path: &Path) -> Result<Manuscript> {
    let kind = match world.kind(path) {
        Some(kind) => kind,
        None => {
            let source = world
                .read(path)
                .err()
                .unwrap_or_else(|| std::io::ErrorKind::NotFound.into());
            return Err(Error::Read {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    if kind == Kind::File {
        if path.file_name().is_some_and(|n| n == "book.toml") {
            let dir = path.parent().unwrap_or(Path::new("."));
            return load_dir(
                world,
                if dir.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    dir
                },
            );
        }
        return load_single(world, path);
    }
    load_dir(world, path)
}

fn load_single(world: &dyn World, path: &Path) -> Result<Manuscript> {
    let root = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file = read_source(world, path, &root, ChapterKind::Chapter, None)?;
    Ok(Manuscript {
        root,
        config: BookToml::default(),
        config_path: None,
        front: file.front.clone(),
        files: vec![file],
        name: file_stem(path),
        split_at_h1: true,
        warnings: Vec::new(),
        toc_marks: Vec::new(),
    })
}

fn load_dir(world: &dyn World, dir: &Path) -> Result<Manuscript> {
    let toml_path = dir.join("book.toml");
    let (config, config_path) = if world.is_file(&toml_path) {
        let text = read_text(world, &toml_path)?;
        (BookToml::parse(&text, &toml_path)?, Some(toml_path))
    } else {
        (BookToml::default(), None)
    };
    let folio = &config.folio;
    let mut warnings = preprocessor_warnings(world, &config, config_path.as_deref());
    let mut toc_marks = Vec::new();
    let listed = folio.copyright.is_some() || !folio.front.is_empty() || !folio.chapters.is_empty();

    let files = if listed {
        let src = dir.join(config.book.src.as_deref().unwrap_or(Path::new(".")));
        let config_text = config_path
            .as_deref()
            .and_then(|p| read_text(world, p).ok())
            .unwrap_or_default();
        let listed_files = folio
            .copyright
            .iter()
            .map(|p| (p, ChapterKind::Copyright))
            .chain(folio.front.iter().map(|p| (p, ChapterKind::Preface)))
            .chain(folio.chapters.iter().map(|p| (p, ChapterKind::Chapter)));
        let mut files = Vec::new();
        for (rel, kind) in listed_files {
            let path = src.join(rel);
            if !world.is_file(&path) {
                let line = line_mentioning(&config_text, &rel.to_string_lossy());
                return Err(Error::Manuscript {
                    location: Location::new(config_path.clone().unwrap_or_default(), line),
                    message: format!("chapter file `{}` does not exist", path.display()),
                    help: Some("fix the path in book.toml or create the file".into()),
                });
            }
            files.push(read_source(world, &path, dir, kind, None)?);
        }
        files
    } else {
        let src = match &config.book.src {
            Some(src) => dir.join(src),
            None if config_path.is_some() && world.is_file(&dir.join("src/SUMMARY.md")) => {
                dir.join("src")
            }
            None => dir.to_path_buf(),
        };
        let summary_path = src.join("SUMMARY.md");
        if world.is_file(&summary_path) {
            let listed = read_summary(world, dir, &src, &summary_path)?;
            warnings.extend(listed.warnings);
            toc_marks = listed.marks;
            listed.files
        } else {
            read_folder(world, dir, &src)?
        }
    };
    if files.is_empty() {
        return Err(Error::NoManuscript {
            path: dir.to_path_buf(),
        });
    }
    Ok(Manuscript {
        root: dir.to_path_buf(),
        front: FrontMatter::default(),
        files,
        name: dir_name(world, dir),
        split_at_h1: false,
        warnings,
        toc_marks,
        config,
        config_path,
    })
}

/// One warning for each mdBook preprocessor book.toml configures that
/// folio does not run, at its table's line: what it would have added or
/// changed is not in the book, and the author should know.
fn preprocessor_warnings(
    world: &dyn World,
    config: &BookToml,
    path: Option<&Path>,
) -> Vec<Diagnostic> {
    let Some(path) = path else {
        return Vec::new();
    };
    let text = read_text(world, path).unwrap_or_default();
    let names = config.unrun_preprocessors();
    names
        .into_iter()
        .map(|name| {
            let header = format!("[preprocessor.{name}]");
            let line = text
                .lines()
                .position(|l| l.trim_start().starts_with(&header))
                .map_or(0, |i| i + 1);
            Diagnostic::warning(
                Some(Location::new(path, line)),
                format!("folio does not run the mdBook preprocessor `{name}`; what it adds to the book is missing"),
            )
            .with_help("folio runs only what mdBook's own `links` and `index` do; remove the table to silence this")
        })
        .collect()
}

/// What a SUMMARY.md lists: the chapter files, the entries without a
/// file, and one warning for all its drafts.
struct Listed {
    files: Vec<SourceFile>,
    marks: Vec<ListedMark>,
    warnings: Vec<Diagnostic>,
}

/// Reads the chapters SUMMARY.md lists. Prefix chapters are front matter;
/// chapters under a part title are nested one level deeper than written,
/// so that the part holds them in the contents.
fn read_summary(world: &dyn World, root: &Path, src: &Path, summary_path: &Path) -> Result<Listed> {
    use summary::{Item, Section};
    let text = read_text(world, summary_path)?;
    let mut listed = Listed {
        files: Vec::new(),
        marks: Vec::new(),
        warnings: Vec::new(),
    };
    let mut drafts: Vec<(String, usize)> = Vec::new();
    let mut in_part = 0u8;
    for entry in summary::parse(&text) {
        let before_file = listed.files.len();
        let mark = |depth: u8, kind, title: String| ListedMark {
            before_file,
            depth,
            kind,
            title,
        };
        match entry.item {
            Item::Part { title } => {
                in_part = 1;
                listed.marks.push(mark(0, TocMarkKind::Part, title));
            }
            Item::Separator => {}
            Item::Draft { title, depth } => {
                drafts.push((title.clone(), entry.line));
                let depth = depth.saturating_add(in_part);
                listed.marks.push(mark(depth, TocMarkKind::Draft, title));
            }
            Item::Chapter {
                title,
                path,
                depth,
                section,
            } => {
                let path = src.join(&path);
                if !world.is_file(&path) {
                    return Err(Error::Manuscript {
                        location: Location::new(summary_path, entry.line),
                        message: format!("chapter file `{}` does not exist", path.display()),
                        help: Some("fix the link in SUMMARY.md or create the file".into()),
                    });
                }
                let kind = match section {
                    Section::Prefix => ChapterKind::Preface,
                    Section::Numbered | Section::Suffix => ChapterKind::Chapter,
                };
                if section == Section::Suffix {
                    in_part = 0;
                }
                let title = Some(title).filter(|t| !t.is_empty());
                let mut file = read_source(world, &path, root, kind, title)?;
                file.depth = depth.saturating_add(in_part);
                listed.files.push(file);
            }
        }
    }
    listed.warnings.extend(draft_warning(summary_path, &drafts));
    Ok(listed)
}

/// One warning for all draft chapters (`[Title]()`), at the first.
fn draft_warning(summary_path: &Path, drafts: &[(String, usize)]) -> Option<Diagnostic> {
    let (_, first_line) = drafts.first()?;
    let names: Vec<String> = drafts
        .iter()
        .take(3)
        .map(|(t, _)| format!("`{t}`"))
        .collect();
    let more = if drafts.len() > 3 { ", …" } else { "" };
    let (count, what) = match drafts.len() {
        1 => ("a".to_string(), "draft chapter"),
        n => (n.to_string(), "draft chapters"),
    };
    Some(
        Diagnostic::warning(
            Some(Location::new(summary_path, *first_line)),
            format!(
                "SUMMARY.md lists {count} {what} without a file ({}{more}); the contents show them as text, with no page",
                names.join(", ")
            ),
        )
        .with_help("link each to its file once it is written: `[Title](file.md)`"),
    )
}

fn read_folder(world: &dyn World, root: &Path, dir: &Path) -> Result<Vec<SourceFile>> {
    let entries = world.list(dir).map_err(|source| Error::Read {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut paths = Vec::new();
    for path in entries {
        let is_md = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"));
        if is_md && world.is_file(&path) {
            paths.push(path);
        }
    }
    paths.sort();
    paths
        .iter()
        .map(|p| read_source(world, p, root, ChapterKind::Chapter, None))
        .collect()
}

/// Reads one chapter file; its mdBook directives may read files inside `root`.
fn read_source(
    world: &dyn World,
    path: &Path,
    root: &Path,
    kind: ChapterKind,
    listed_title: Option<String>,
) -> Result<SourceFile> {
    let text = read_text(world, path)?;
    let split = frontmatter::split(&text, path)?;
    let expanded = include::expand(world, split.body, path, root, split.body_line_offset);
    Ok(SourceFile {
        path: path.to_path_buf(),
        kind,
        listed_title,
        depth: 0,
        front: split.front,
        body: expanded.text,
        body_line_offset: split.body_line_offset,
        line_map: expanded.line_map,
        directive_title: expanded.title,
        warnings: expanded.warnings,
    })
}

/// Reads a file as UTF-8 (a leading BOM is dropped), naming the byte offset
/// of the first invalid byte.
pub fn read_text(world: &dyn World, path: &Path) -> Result<String> {
    let read = world.read_text(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let mut text = read.map_err(|offset| Error::InvalidUtf8 {
        path: path.to_path_buf(),
        offset,
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    Ok(text)
}

fn line_mentioning(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .map_or(0, |i| i + 1)
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "book".into())
}

fn dir_name(world: &dyn World, dir: &Path) -> String {
    world
        .canonicalize(dir)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "book".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn folder_of_files_in_name_order() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "b.md", "# B\n");
        write(dir.path(), "a.md", "# A\n");
        write(dir.path(), "notes.txt", "x");
        let m = load(dir.path()).unwrap();
        let names: Vec<_> = m
            .files
            .iter()
            .map(|f| f.path.file_name().unwrap().to_owned())
            .collect();
        assert_eq!(names, ["a.md", "b.md"]);
    }

    #[test]
    fn mdbook_with_src_folder() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "book.toml",
            "[book]\ntitle = \"T\"\n[output.html]\n",
        );
        write(dir.path(), "src/SUMMARY.md", "- [One](one.md)\n");
        write(dir.path(), "src/one.md", "text\n");
        let m = load(dir.path()).unwrap();
        assert_eq!(m.files.len(), 1);
        assert_eq!(m.files[0].listed_title.as_deref(), Some("One"));
    }

    #[test]
    fn preprocessors_not_run_are_warned_at_their_table() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "book.toml",
            "[book]\n[preprocessor.links]\n\n[preprocessor.admonish]\ncommand = \"x\"\n[output.html]\n",
        );
        write(dir.path(), "src/SUMMARY.md", "- [One](one.md)\n");
        write(dir.path(), "src/one.md", "text\n");
        let m = load(dir.path()).unwrap();
        assert_eq!(m.warnings.len(), 1, "{:?}", m.warnings);
        let w = &m.warnings[0];
        assert!(w.message.contains("`admonish`"), "{}", w.message);
        assert_eq!(w.location.as_ref().unwrap().line, 4);
    }

    #[test]
    fn missing_listed_chapter_names_config_line() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "book.toml",
            "[folio]\nchapters = [\n  \"gone.md\",\n]\n",
        );
        let err = load(dir.path()).unwrap_err();
        assert!(err.to_string().contains("book.toml:3"), "{err}");
        assert!(err.to_string().contains("gone.md"), "{err}");
    }

    #[test]
    fn invalid_utf8_names_offset() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), b"ok\xff").unwrap();
        let err = load(&dir.path().join("a.md")).unwrap_err();
        assert!(err.to_string().contains("offset 2"), "{err}");
    }
}

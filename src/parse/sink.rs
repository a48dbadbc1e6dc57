//! What the Markdown walker reports while it reads one file: notes,
//! headings, links and images, resolved against the whole book's state.

use std::collections::BTreeMap;
use std::path::Path;

use super::assets::Assets;
use super::ids::{Ids, SourceSlugs};
use super::memo::Log;
use crate::book::{Block, Inline, LinkTarget, Note};
use crate::diagnostics::{Diagnostics, Location};

/// State shared by all files of the book.
pub struct BookState<'a> {
    pub notes: Vec<Note>,
    pub ids: Ids,
    pub assets: Assets<'a>,
    pub diagnostics: &'a Diagnostics,
    /// (file index, anchor as written) → the heading id given to it.
    pub anchors: BTreeMap<(usize, String), String>,
    /// Links to an anchor, checked once every file is parsed: (target
    /// file, anchor, where the link is).
    pub anchor_links: Vec<(usize, String, Location)>,
    /// Source files by path, to resolve links between chapter files.
    pub files: BTreeMap<std::path::PathBuf, usize>,
    /// Raw HTML elements folio cannot show, reported once per name.
    pub html_tags: super::html::UnknownTags,
    /// The `\newcommand`s of the book's math so far: like a LaTeX
    /// preamble, a definition in one chapter file holds in the next.
    pub math_macros: crate::math::Macros,
}

/// A link as written, before it is resolved.
pub struct RawLink {
    pub dest: String,
    pub title: Option<String>,
    pub content: Vec<Inline>,
    pub line: usize,
}

/// Per-file state.
pub struct FileSink<'s, 'a> {
    pub book: &'s mut BookState<'a>,
    pub file_index: usize,
    pub path: &'s Path,
    body: &'s str,
    line_starts: Vec<usize>,
    line_offset: usize,
    /// Body line → line as written (see `SourceFile::line_map`).
    line_map: &'s [usize],
    /// Label → note index, for references in this file.
    labels: BTreeMap<String, usize>,
    /// Label → line of the first definition.
    defined: BTreeMap<String, usize>,
    /// Definitions waiting for the end of the file (labels referenced later).
    definitions: Vec<(String, Vec<Block>, usize)>,
    /// Level of the previous heading, to catch jumps (`#` then `###`).
    last_heading_level: Option<u8>,
    /// The anchors mdBook and GitHub give this file's headings.
    source_slugs: SourceSlugs,
    /// Ids of HTML elements that are no heading ([`Self::element_id`]).
    element_ids: super::element_ids::ElementIds,
    /// References per label, for unique reference ids.
    ref_counts: BTreeMap<usize, usize>,
    /// Where the event being handled starts in the body (an element's end
    /// event starts where the element does), to place text found later.
    pub cursor: usize,
    /// What the pandoc extensions keep for the file's end.
    pub pandoc: super::pandoc::FileState,
    /// What this file asked of the book-wide state, for a later build to
    /// check before it reuses the file's parse ([`super::memo`]).
    log: Log,
}

impl<'s, 'a> FileSink<'s, 'a> {
    pub fn new(
        book: &'s mut BookState<'a>,
        file_index: usize,
        path: &'s Path,
        body: &'s str,
        (line_offset, line_map): (usize, &'s [usize]),
    ) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(body.match_indices('\n').map(|(i, _)| i + 1));
        FileSink {
            book,
            file_index,
            path,
            body,
            line_starts,
            line_offset,
            line_map,
            labels: BTreeMap::new(),
            defined: BTreeMap::new(),
            definitions: Vec::new(),
            ref_counts: BTreeMap::new(),
            last_heading_level: None,
            source_slugs: SourceSlugs::default(),
            element_ids: Default::default(),
            cursor: 0,
            pandoc: Default::default(),
            log: Log::default(),
        }
    }

    /// 1-based line in the file of a byte offset in the body.
    pub fn line_of(&self, offset: usize) -> usize {
        let index = self.line_starts.partition_point(|&start| start <= offset);
        let written = index
            .checked_sub(1)
            .and_then(|i| self.line_map.get(i).copied())
            .unwrap_or(index);
        written + self.line_offset
    }

    pub fn location(&self, line: usize) -> Location {
        Location::new(self.path, line)
    }

    pub fn warn(&self, line: usize, message: impl Into<String>) {
        self.book
            .diagnostics
            .warn(Some(self.location(line)), message);
    }

    /// Reads the ruby notation (`{漢字|かんじ}`) in the text of `inlines`,
    /// warning at the line where a broken notation is written.
    pub fn ruby_notation(&self, inlines: Vec<Inline>) -> Vec<Inline> {
        super::ruby::notation_in(inlines, &mut |written, message| {
            // Text nodes carry no position: find the notation in the
            // source, from the start of the element being closed.
            let at = self.cursor.min(self.body.len());
            // A notation ending its text node (searched with its line end)
            // may end the file instead.
            let trimmed = written.trim_end_matches('\n');
            let body_end = self.body.trim_end();
            let after = (self.body.get(at..).and_then(|b| b.find(written)))
                .map(|o| at + o)
                .or_else(|| {
                    body_end
                        .ends_with(trimmed)
                        .then(|| body_end.len() - trimmed.len())
                });
            let offset = after.or_else(|| self.body.get(..at)?.rfind(written));
            let line = offset.map_or(0, |o| self.line_of(o));
            self.warn(line, message);
        })
    }

    /// A footnote reference: notes are numbered by first reference, in
    /// reading order across the whole book.
    pub fn note_ref(&mut self, label: &str, _line: usize) -> Inline {
        let note = match self.labels.get(label) {
            Some(&n) => n,
            None => {
                let n = self.book.notes.len();
                self.book.notes.push(Note {
                    number: n + 1,
                    id: format!("note-{}", n + 1),
                    blocks: Vec::new(),
                    refs: Vec::new(),
                });
                self.labels.insert(label.to_string(), n);
                n
            }
        };
        self.log.note_refs += 1;
        let count = self.ref_counts.entry(note).or_insert(0);
        *count += 1;
        Inline::NoteRef {
            note,
            id: format!("ref-{}-{}", note + 1, count),
        }
    }

    pub fn note_definition(&mut self, label: String, blocks: Vec<Block>, line: usize) {
        if let Some(first) = self.defined.get(&label) {
            self.warn(
                line,
                format!("footnote [^{label}] is defined twice (first at line {first}); this definition is ignored"),
            );
            return;
        }
        self.defined.insert(label.clone(), line);
        self.definitions.push((label, blocks, line));
    }

    /// pulldown-cmark leaves a reference to an undefined note as text.
    pub fn check_undefined_refs(&self, inlines: &[Inline]) {
        for inline in inlines {
            if let Inline::Text(text) = inline {
                let mut rest = text.as_str();
                while let Some(start) = rest.find("[^") {
                    let after = &rest[start + 2..];
                    match after.find(']') {
                        Some(end) if end > 0 && !after[..end].contains(['[', '\n']) => {
                            let label = &after[..end];
                            // Text nodes carry no position: find the
                            // reference in the source instead.
                            let line = self
                                .body
                                .find(&format!("[^{label}]"))
                                .map_or(0, |offset| self.line_of(offset));
                            self.book.diagnostics.push(
                                crate::Diagnostic::warning(
                                    Some(self.location(line)),
                                    format!("footnote reference [^{label}] has no definition; it is kept as text"),
                                )
                                .with_help(format!("add a line `[^{label}]: …` to this file")),
                            );
                            rest = &after[end + 1..];
                        }
                        _ => rest = after,
                    }
                }
            }
        }
    }

    pub fn heading(
        &mut self,
        level: u8,
        id: Option<String>,
        content: Vec<Inline>,
        line: usize,
    ) -> Block {
        if let Some(previous) = self.last_heading_level {
            if level > previous + 1 {
                self.book.diagnostics.push(
                    crate::Diagnostic::warning(
                        Some(self.location(line)),
                        format!(
                            "heading level jumps from {} to {}",
                            "#".repeat(previous.into()),
                            "#".repeat(level.into())
                        ),
                    )
                    .with_help(format!(
                        "use a level-{} heading here, or add the missing level above",
                        previous + 1
                    )),
                );
            }
        }
        self.last_heading_level = Some(level);
        let text = crate::book::plain_text(&content);
        let wanted = id.clone().unwrap_or_else(|| super::ids::slug(&text));
        let final_id = self.unique_id(&wanted);
        if id.is_some() {
            // An id the author set is theirs: it wins over any slug.
            let key = (self.file_index, wanted);
            self.book.anchors.insert(key, final_id.clone());
        } else {
            // The first heading with a slug keeps it, as in mdBook.
            self.alias(wanted, &final_id);
        }
        for alias in self.source_slugs.next(&text) {
            self.alias(alias, &final_id);
        }
        super::pandoc::refs::alias(self, &text, &final_id);
        for name in self.element_ids.heading(&final_id) {
            self.alias(name, &final_id);
        }
        Block::Heading {
            level,
            id: final_id,
            content,
        }
    }

    /// An `id` on an HTML element that is not a heading (`<a id="old-
    /// name"></a>` before a heading, as the Rust book keeps old anchors;
    /// `<span id>` in text). The model has anchors only at headings, so a
    /// link to it goes to the nearest one: the next heading for an
    /// element on a line of its own (`standalone`), else the heading of
    /// the section it stands in.
    pub fn element_id(&mut self, name: &str, standalone: bool) {
        let key = (self.file_index, name.to_string());
        if self.book.anchors.contains_key(&key) {
            return;
        }
        if let Some((name, id)) = self.element_ids.add(name, standalone) {
            self.alias(name, &id);
        }
    }

    /// The id an element other than a heading gets for the `wanted` one
    /// its author wrote (a figure, a div, an image): unique in the book,
    /// and what links to `#wanted` in this file lead to.
    pub fn anchor_id(&mut self, wanted: &str) -> String {
        let id = self.unique_id(wanted);
        self.book
            .anchors
            .insert((self.file_index, wanted.to_string()), id.clone());
        id
    }

    /// An id no other anchor of the book has, made of `wanted`.
    fn unique_id(&mut self, wanted: &str) -> String {
        let id = self.book.ids.unique(wanted);
        self.log.ids.push((wanted.to_string(), id.clone()));
        id
    }

    /// One more raw HTML element folio cannot show, reported at the end.
    pub fn unknown_html_tag(&mut self, name: &str, at: Location) {
        self.book.html_tags.saw(name, at.clone());
        self.log.html_tags.push((name.to_string(), at));
    }

    /// Marks the file as reading (and perhaps defining) the book's math
    /// macros.
    pub fn uses_math_macros(&mut self) {
        self.log.math = true;
    }

    /// [`super::assets::Assets::resolve`], remembered.
    fn resolve(&mut self, base: &Path, rel: &str) -> Result<std::path::PathBuf, String> {
        let resolved = self.book.assets.resolve(base, rel);
        let asked = (base.to_path_buf(), rel.to_string(), resolved.clone());
        self.log.resolved.push(asked);
        resolved
    }

    /// Makes `name`, as written in this file's links, one more name of the
    /// anchor `id`, unless something already answers to it.
    pub fn alias(&mut self, name: String, id: &str) {
        let key = (self.file_index, name);
        self.book
            .anchors
            .entry(key)
            .or_insert_with(|| id.to_string());
    }

    /// Resolves a link. Returns the inlines to put in its place: the link,
    /// or only its content when the target cannot be used.
    ///
    /// Links inside the book come out as `LinkTarget::Internal` whose
    /// `chapter` is the *file* index; `parse::links` turns it into the
    /// chapter index once every file is split into chapters.
    pub fn link(&mut self, link: RawLink) -> Vec<Inline> {
        let RawLink {
            dest,
            title,
            content,
            line,
        } = link;
        let dest_trimmed = dest.trim();
        let lower = dest_trimmed.to_ascii_lowercase();
        let target = if lower.starts_with("javascript:")
            || lower.starts_with("data:")
            || lower.starts_with("vbscript:")
        {
            self.warn(line, format!("link to `{dest_trimmed}` removed: only web, mail and in-book links are allowed"));
            None
        } else if let Some(anchor) = dest_trimmed.strip_prefix('#') {
            Some(LinkTarget::Internal {
                chapter: self.file_index,
                anchor: Some(percent_decode(anchor)),
            })
        } else if has_scheme(dest_trimmed) {
            Some(LinkTarget::External(dest_trimmed.to_string()))
        } else {
            self.file_link(dest_trimmed, line)
        };
        if let Some(LinkTarget::Internal {
            chapter: file,
            anchor: Some(anchor),
        }) = &target
        {
            let location = self.location(line);
            self.book
                .anchor_links
                .push((*file, anchor.clone(), location));
        }
        match target {
            Some(target) => vec![Inline::Link {
                target,
                title,
                content,
            }],
            None => content,
        }
    }

    fn file_link(&mut self, dest: &str, line: usize) -> Option<LinkTarget> {
        let (path_part, anchor) = match dest.split_once('#') {
            Some((p, a)) => (p, Some(percent_decode(a))),
            None => (dest, None),
        };
        let path_part = percent_decode(path_part);
        let base = self.path.parent().unwrap_or(Path::new(""));
        // mdBook links chapters by the `.html` page it makes of each `.md`.
        let as_md = mdbook_page_source(&path_part)
            .and_then(|md| self.resolve(base, &md).ok())
            .filter(|p| self.book.files.contains_key(p));
        let resolved = match as_md {
            Some(path) => Ok(path),
            None => self.resolve(base, &path_part),
        };
        match resolved {
            Ok(resolved) => {
                match self.book.files.get(&resolved) {
                    Some(&file) => Some(LinkTarget::Internal {
                        chapter: file,
                        anchor,
                    }),
                    None => {
                        self.warn(line, format!("link to `{dest}`, which is not a chapter of the book, is kept as text"));
                        None
                    }
                }
            }
            Err(why) => {
                self.warn(line, format!("link to `{dest}` is kept as text: {why}"));
                None
            }
        }
    }

    pub fn image(
        &mut self,
        src: String,
        alt: String,
        title: Option<String>,
        line: usize,
    ) -> Inline {
        let base = self.path.parent().unwrap_or(Path::new("")).to_path_buf();
        let decoded = percent_decode(&src);
        let read = self.book.assets.image(&base, &decoded);
        let notes = self.book.assets.take_notes();
        self.log.images.push(super::memo::ImageRead {
            base,
            src: decoded,
            answer: read.clone(),
            notes: notes.clone(),
        });
        let asset = match read {
            Ok(id) => Some(id),
            Err(why) => {
                self.warn(line, why);
                None
            }
        };
        for note in notes {
            self.warn(line, note);
        }
        Inline::Image(crate::book::Image {
            asset,
            src,
            alt,
            title,
            ..Default::default()
        })
    }

    /// Gives the referenced notes their definitions and reports unused
    /// ones; returns what the file asked of the book-wide state.
    pub fn finish(mut self) -> Log {
        for (name, id) in std::mem::take(&mut self.element_ids).finish() {
            self.alias(name, &id);
        }
        for (label, blocks, line) in self.definitions {
            match self.labels.get(&label) {
                Some(&note) => self.book.notes[note].blocks = blocks,
                None => self.book.diagnostics.push(
                    crate::Diagnostic::warning(
                        Some(Location::new(self.path, line)),
                        format!("footnote [^{label}] is defined but never referenced"),
                    )
                    .with_help(format!(
                        "reference it with [^{label}] or delete the definition"
                    )),
                ),
            }
        }
        self.log
    }
}

/// The `.md` file mdBook makes the page `path` (`ch01.html`) from.
fn mdbook_page_source(path: &str) -> Option<String> {
    let lower = path.to_ascii_lowercase();
    let stem_len = [".html", ".htm"]
        .iter()
        .find(|ext| lower.ends_with(*ext))
        .map(|ext| path.len() - ext.len())?;
    Some(format!("{}.md", &path[..stem_len]))
}

fn has_scheme(dest: &str) -> bool {
    match dest.find(':') {
        Some(colon) => {
            let scheme = &dest[..colon];
            colon > 1
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        }
        None => false,
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

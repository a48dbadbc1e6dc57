//! Parsed files kept from one build of a watch session to the next.
//!
//! A file's parse depends on its text and on the book-wide state it starts
//! from ([`BookState`]): the ids earlier files took, the images they read,
//! their math macros, how many notes they numbered. Keying a file by all
//! of that would parse every later chapter again after an edit in chapter
//! 3. Instead the parse records what it asked of that state ([`Log`]) and
//! what it added to it ([`Entry`]). A later build of the same text asks the
//! same questions of its own state: when every answer is the same, so is
//! the parse, and its additions are applied without parsing. Notes are the
//! exception that makes this pay: their numbers are the one thing an edit
//! elsewhere shifts, so they are renumbered ([`renumber`]) to start where
//! the earlier files' notes end, rather than asked about. Any other
//! difference (an id now taken by an earlier file, new macros, an image
//! read differently) parses the file again, as a clean build would.
//!
//! The diagnostics a file's parse reported are kept and reported again, in
//! the same place in the order, so a reused file warns as a parsed one.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Mutex;

use super::pandoc::TitleBlock;
use super::sink::{BookState, FileSink};
use crate::book::{AssetId, Block, Inline, Note};
use crate::diagnostics::{Diagnostic, Location};
use crate::load::SourceFile;
use crate::math::Macros;

/// What one file's parse asked of the book-wide state, with the answers.
#[derive(Debug, Default, Clone)]
pub struct Log {
    /// Ids wanted and the ids given ([`super::ids::Ids::unique`]).
    pub ids: Vec<(String, String)>,
    /// Images read, in order.
    pub images: Vec<ImageRead>,
    /// Paths of links resolved in the book folder.
    pub resolved: Vec<(PathBuf, String, Result<PathBuf, String>)>,
    /// Raw HTML elements folio cannot show, in order.
    pub html_tags: Vec<(String, Location)>,
    /// Whether the file's math read (or defined) macros.
    pub math: bool,
    /// Footnote references made, to check that [`renumber`] finds them all.
    pub note_refs: usize,
}

/// An image a file names, and what reading it gave.
#[derive(Debug, Clone)]
pub struct ImageRead {
    /// The folder of the file.
    pub base: PathBuf,
    /// The path as written, decoded.
    pub src: String,
    /// The asset, or why not.
    pub answer: Result<AssetId, String>,
    /// What was cut out of an SVG.
    pub notes: Vec<String>,
}

/// What loading and parsing keep from one build of a watch session to the
/// next (see [`crate::build::Reuse`]): each file's parse, by its text; the
/// sources' texts, by their bytes; the highlighted listings, by language
/// and text. A one-off build uses [`Reuse::off`], which keeps nothing.
#[derive(Default)]
pub struct Reuse {
    memo: Mutex<Memo>,
    /// Parse without keeping anything: a one-off build has no next one
    /// to keep its parses for (they would be a copy of every block).
    off: bool,
    /// The tokens of the code listings, by language and text.
    pub highlights: crate::highlight::Memo,
    /// The sources' texts, by content (see [`crate::world::Texts`]).
    pub texts: crate::world::TextCache,
}

#[derive(Default)]
struct Memo {
    /// What every file's parse depends on besides its own text.
    context: Option<Context>,
    entries: HashMap<usize, Entry>,
    /// How many files the last build reused.
    reused: usize,
}

/// The inputs shared by all files: a change re-parses every file.
#[derive(PartialEq)]
struct Context {
    root: PathBuf,
    files: BTreeMap<PathBuf, usize>,
}

/// One file's parse, with what it asked and what it added.
struct Entry {
    index: usize,
    path: PathBuf,
    body: String,
    body_line_offset: usize,
    line_map: Vec<usize>,
    log: Log,
    made: Parsed,
    /// Where the file's notes started in the book's list.
    notes_start: usize,
    notes: Vec<Note>,
    /// Whether every note reference is where [`renumber`] looks.
    renumberable: bool,
    /// The file's anchors: (anchor as written, id).
    anchors: Vec<(String, String)>,
    anchor_links: Vec<(usize, String, Location)>,
    diagnostics: Vec<Diagnostic>,
    /// The macros before and after the file, when its math used them.
    macros: Option<(Macros, Macros)>,
}

/// What parsing one file makes.
#[derive(Clone)]
pub struct Parsed {
    pub blocks: Vec<Block>,
    pub lines: Vec<usize>,
    pub title_block: Option<TitleBlock>,
}

/// The files of one build: the last build's parses, taken as they are
/// reused, and this build's, kept for the next.
pub struct Files<'r> {
    reuse: &'r Reuse,
    old: HashMap<usize, Entry>,
    new: HashMap<usize, Entry>,
    reused: usize,
}

impl Reuse {
    /// Keeps no parse: for a build that has no next one.
    pub fn off() -> Reuse {
        Reuse {
            off: true,
            ..Reuse::default()
        }
    }

    /// Starts a build of the book in `root` whose chapter files are
    /// `files` (canonical path → index).
    pub fn begin(&self, root: &std::path::Path, files: &BTreeMap<PathBuf, usize>) -> Files<'_> {
        let mut memo = self.memo.lock().unwrap_or_else(|e| e.into_inner());
        let context = Context {
            root: root.to_path_buf(),
            files: files.clone(),
        };
        let old = if memo.context.as_ref() == Some(&context) {
            std::mem::take(&mut memo.entries)
        } else {
            memo.entries.clear();
            HashMap::new()
        };
        memo.context = Some(context);
        Files {
            reuse: self,
            old,
            new: HashMap::new(),
            reused: 0,
        }
    }

    /// How many files the last build took without parsing them (for
    /// tests and timings).
    pub fn reused(&self) -> usize {
        let memo = self.memo.lock().unwrap_or_else(|e| e.into_inner());
        memo.reused
    }
}

impl Files<'_> {
    /// The parse of file `index`: the last build's, when it still holds
    /// in `state`, else a new one. Either way `state` and its diagnostics
    /// end as a parse would leave them.
    pub fn parse(&mut self, index: usize, file: &SourceFile, state: &mut BookState<'_>) -> Parsed {
        // By index: the entry is found at once, and equality proves it.
        let key = index;
        if let Some(entry) = self.old.remove(&key) {
            if entry.is_of(index, file) {
                if let Some(made) = replay(&entry, state) {
                    self.reused += 1;
                    self.new.insert(key, entry);
                    return made;
                }
            }
        }
        let entry = parse_file(index, file, state);
        if self.reuse.off {
            return entry.made;
        }
        let made = entry.made.clone();
        self.new.insert(key, entry);
        made
    }

    /// Keeps this build's parses for the next build.
    pub fn finish(self) {
        let mut memo = self.reuse.memo.lock().unwrap_or_else(|e| e.into_inner());
        memo.entries = self.new;
        memo.reused = self.reused;
    }
}

impl Entry {
    /// Whether the entry is the parse of this very text.
    fn is_of(&self, index: usize, file: &SourceFile) -> bool {
        self.index == index
            && self.path == file.path
            && self.body_line_offset == file.body_line_offset
            && self.line_map == file.line_map
            && self.body == file.body
    }
}

/// Parses `file` against `state`, recording what it asked and added.
fn parse_file(index: usize, file: &SourceFile, state: &mut BookState<'_>) -> Entry {
    let notes_start = state.notes.len();
    let links_start = state.anchor_links.len();
    let diagnostics_start = state.diagnostics.count();
    let macros_before = state.math_macros.clone();
    let prepared = super::pandoc::prepare(&file.body, &file.line_map);
    let mut sink = FileSink::new(
        state,
        index,
        &file.path,
        &prepared.body,
        (file.body_line_offset, &prepared.line_map),
    );
    let (blocks, lines) = super::markdown::parse(&prepared.body, &mut sink);
    let (blocks, lines) = super::pandoc::finish(blocks, lines, &prepared, &mut sink);
    let log = sink.finish();
    let notes = state.notes.get(notes_start..).unwrap_or_default().to_vec();
    let renumberable = count_note_refs(&blocks, &notes) == log.note_refs;
    let anchors = state
        .anchors
        .range((index, String::new())..(index + 1, String::new()))
        .map(|((_, name), id)| (name.clone(), id.clone()))
        .collect();
    let macros = log.math.then(|| (macros_before, state.math_macros.clone()));
    Entry {
        index,
        path: file.path.clone(),
        body: file.body.clone(),
        body_line_offset: file.body_line_offset,
        line_map: file.line_map.clone(),
        made: Parsed {
            blocks,
            lines,
            title_block: prepared.title_block,
        },
        notes_start,
        notes,
        renumberable,
        anchors,
        anchor_links: state.anchor_links[links_start..].to_vec(),
        diagnostics: state.diagnostics.since(diagnostics_start),
        macros,
        log,
    }
}

/// Applies `entry` to `state` when every question its parse asked has
/// the same answer there; else leaves `state` as it was and says `None`.
fn replay(entry: &Entry, state: &mut BookState<'_>) -> Option<Parsed> {
    let log = &entry.log;
    let same_macros = match &entry.macros {
        Some((before, _)) => *before == state.math_macros,
        None => true,
    };
    let notes_moved = state.notes.len() != entry.notes_start;
    if !same_macros || (notes_moved && !entry.renumberable) {
        return None;
    }
    for (base, rel, answer) in &log.resolved {
        if state.assets.resolve(base, rel) != *answer {
            return None;
        }
    }
    for (taken, (wanted, given)) in log.ids.iter().enumerate() {
        let id = state.ids.unique(wanted);
        if id != *given {
            state.ids.forget(&id);
            forget_ids(state, &log.ids[..taken]);
            return None;
        }
    }
    let assets_before = state.assets.list.len();
    for image in &log.images {
        let read = state.assets.image(&image.base, &image.src);
        // Taken either way: a fresh parse must not find them pending.
        let said = state.assets.take_notes();
        if read != image.answer || said != image.notes {
            state.assets.truncate(assets_before);
            forget_ids(state, &log.ids);
            return None;
        }
    }
    let mut made = entry.made.clone();
    let mut notes = entry.notes.clone();
    if notes_moved {
        renumber(
            &mut made.blocks,
            &mut notes,
            entry.notes_start,
            state.notes.len(),
        );
    }
    state.notes.extend(notes);
    for (name, id) in &entry.anchors {
        state
            .anchors
            .insert((entry.index, name.clone()), id.clone());
    }
    state
        .anchor_links
        .extend(entry.anchor_links.iter().cloned());
    for (name, at) in &log.html_tags {
        state.html_tags.saw(name, at.clone());
    }
    if let Some((_, after)) = &entry.macros {
        state.math_macros = after.clone();
    }
    for diagnostic in &entry.diagnostics {
        state.diagnostics.push(diagnostic.clone());
    }
    Some(made)
}

fn forget_ids(state: &mut BookState<'_>, asked: &[(String, String)]) {
    for (_, given) in asked {
        state.ids.forget(given);
    }
}

/// The footnote references in `blocks` and in the notes' own text.
fn count_note_refs(blocks: &[Block], notes: &[Note]) -> usize {
    let mut count = 0;
    let mut blocks = blocks.to_vec();
    let mut note_blocks: Vec<Vec<Block>> = notes.iter().map(|n| n.blocks.clone()).collect();
    let mut tally = |inlines: &mut Vec<Inline>| {
        count += inlines
            .iter()
            .filter(|i| matches!(i, Inline::NoteRef { .. }))
            .count();
    };
    super::links::for_each_inlines_mut(&mut blocks, &mut tally);
    for note_blocks in &mut note_blocks {
        super::links::for_each_inlines_mut(note_blocks, &mut tally);
    }
    count
}

/// Moves a file's notes from `from` to `to` in the book's list: their
/// numbers and ids, and those of the references to them, which name the
/// note (`ref-3-1` is the first reference to note 3).
fn renumber(blocks: &mut [Block], notes: &mut [Note], from: usize, to: usize) {
    let mut fix = |inlines: &mut Vec<Inline>| {
        for inline in inlines.iter_mut() {
            if let Inline::NoteRef { note, id } = inline {
                let count = id.rsplit('-').next().unwrap_or("1").to_string();
                *note = (*note + to).saturating_sub(from);
                *id = format!("ref-{}-{count}", *note + 1);
            }
        }
    };
    super::links::for_each_inlines_mut(blocks, &mut fix);
    for (offset, note) in notes.iter_mut().enumerate() {
        super::links::for_each_inlines_mut(&mut note.blocks, &mut fix);
        note.number = to + offset + 1;
        note.id = format!("note-{}", to + offset + 1);
    }
}

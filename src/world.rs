//! The file access of loading and parsing, behind one small trait.
//!
//! Loading reads a book's sources and parsing reads the images it points
//! at; neither touches `std::fs` itself. They ask a [`World`]: [`Disk`]
//! for `folio build`, [`Memory`] for a book held in memory (tests, the
//! fuzzer), and [`Recorder`] around either to learn which paths a build
//! looked at, so that `folio watch` knows which changes matter.
//!
//! Paths are those the book names, joined to the book folder; a world
//! answers for them without interpreting Markdown.

use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

/// What a path is, when it exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    File,
    Dir,
}

/// The files a build may read.
pub trait World: Sync {
    /// The bytes of the file at `path`.
    fn read(&self, path: &Path) -> io::Result<Vec<u8>>;
    /// The entries of the folder `path` (their full paths, in no order).
    fn list(&self, dir: &Path) -> io::Result<Vec<PathBuf>>;
    /// Whether `path` is a file or a folder (following symlinks), or
    /// `None` when it does not exist.
    fn kind(&self, path: &Path) -> Option<Kind>;
    /// The one absolute name of `path`, symlinks resolved: two paths to
    /// the same file compare equal, and a path that leaves the book folder
    /// through a symlink is seen to.
    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf>;

    fn is_file(&self, path: &Path) -> bool {
        self.kind(path) == Some(Kind::File)
    }

    /// The file at `path` as UTF-8 text, or the byte offset where it stops
    /// being UTF-8. A world may answer from a cache ([`Texts`]).
    fn read_text(&self, path: &Path) -> io::Result<Result<String, usize>> {
        let bytes = self.read(path)?;
        Ok(String::from_utf8(bytes).map_err(|e| e.utf8_error().valid_up_to()))
    }
}

/// The texts a watch session read, by path, with the bytes they were
/// made of: a rebuild reads every file again, but checks the bytes of
/// those that did not change against these rather than decode them anew
/// (checking a megabyte of Han text as UTF-8 takes a millisecond; comparing
/// it, a tenth of that). Only the content counts, never a modification
/// time.
#[derive(Debug, Default)]
pub struct TextCache {
    texts: Mutex<BTreeMap<PathBuf, (Vec<u8>, String)>>,
}

/// Another world, reading text through a [`TextCache`].
pub struct Texts<'w> {
    inner: &'w dyn World,
    cache: &'w TextCache,
}

impl<'w> Texts<'w> {
    pub fn new(inner: &'w dyn World, cache: &'w TextCache) -> Self {
        Texts { inner, cache }
    }
}

impl World for Texts<'_> {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        self.inner.read(path)
    }

    fn list(&self, dir: &Path) -> io::Result<Vec<PathBuf>> {
        self.inner.list(dir)
    }

    fn kind(&self, path: &Path) -> Option<Kind> {
        self.inner.kind(path)
    }

    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        self.inner.canonicalize(path)
    }

    fn read_text(&self, path: &Path) -> io::Result<Result<String, usize>> {
        let bytes = self.inner.read(path)?;
        let mut texts = self.cache.texts.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((known, text)) = texts.get(path) {
            if *known == bytes {
                return Ok(Ok(text.clone()));
            }
        }
        match std::str::from_utf8(&bytes) {
            Ok(text) => {
                let text = text.to_string();
                texts.insert(path.to_path_buf(), (bytes, text.clone()));
                Ok(Ok(text))
            }
            Err(e) => {
                texts.remove(path);
                Ok(Err(e.valid_up_to()))
            }
        }
    }
}

/// The real file system.
#[derive(Debug, Clone, Copy, Default)]
pub struct Disk;

impl World for Disk {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        std::fs::read(path)
    }

    fn list(&self, dir: &Path) -> io::Result<Vec<PathBuf>> {
        std::fs::read_dir(dir)?
            .map(|entry| entry.map(|e| e.path()))
            .collect()
    }

    fn kind(&self, path: &Path) -> Option<Kind> {
        let meta = std::fs::metadata(path).ok()?;
        Some(if meta.is_dir() { Kind::Dir } else { Kind::File })
    }

    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        std::fs::canonicalize(path)
    }
}

/// Files held in memory, under relative paths (`book.toml`,
/// `src/ch1.md`, `images/a.png`). A folder exists when a file is in it;
/// there are no symlinks, so a path's canonical form is the path with
/// `.` and `..` worked out, and a path that climbs above the top is not
/// found.
#[derive(Debug, Clone, Default)]
pub struct Memory {
    files: BTreeMap<PathBuf, Vec<u8>>,
}

impl Memory {
    pub fn new() -> Self {
        Memory::default()
    }

    /// Adds (or replaces) the file at `path`.
    pub fn insert(&mut self, path: impl AsRef<Path>, bytes: impl Into<Vec<u8>>) {
        if let Some(path) = normalize(path.as_ref()) {
            self.files.insert(path, bytes.into());
        }
    }

    fn is_dir(&self, path: &Path) -> bool {
        path.as_os_str().is_empty() || self.files.keys().any(|f| f.starts_with(path) && f != path)
    }
}

/// `path` without `.` components and with each `..` taken back; `None`
/// when it is absolute or climbs above where it starts.
fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::Normal(name) => out.push(name),
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

fn not_found(path: &Path) -> io::Error {
    io::Error::new(
        io::ErrorKind::NotFound,
        format!("{} is not in the in-memory book", path.display()),
    )
}

impl World for Memory {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        normalize(path)
            .and_then(|p| self.files.get(&p).cloned())
            .ok_or_else(|| not_found(path))
    }

    fn list(&self, dir: &Path) -> io::Result<Vec<PathBuf>> {
        let dir = normalize(dir).ok_or_else(|| not_found(dir))?;
        if !self.is_dir(&dir) {
            return Err(not_found(&dir));
        }
        let mut entries = BTreeSet::new();
        for file in self.files.keys() {
            if let Ok(rest) = file.strip_prefix(&dir) {
                if let Some(first) = rest.components().next() {
                    entries.insert(dir.join(first));
                }
            }
        }
        Ok(entries.into_iter().collect())
    }

    fn kind(&self, path: &Path) -> Option<Kind> {
        let path = normalize(path)?;
        if self.files.contains_key(&path) {
            Some(Kind::File)
        } else if self.is_dir(&path) {
            Some(Kind::Dir)
        } else {
            None
        }
    }

    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        let normal = normalize(path).ok_or_else(|| not_found(path))?;
        match self.kind(&normal) {
            Some(_) => Ok(normal),
            None => Err(not_found(path)),
        }
    }
}

/// Another world, noting every path asked about (found or not): the
/// files and folders a book depends on, including the image it names
/// but that does not exist yet.
pub struct Recorder<'w> {
    inner: &'w dyn World,
    seen: Mutex<BTreeSet<PathBuf>>,
}

impl<'w> Recorder<'w> {
    pub fn new(inner: &'w dyn World) -> Self {
        Recorder {
            inner,
            seen: Mutex::new(BTreeSet::new()),
        }
    }

    /// Every path asked about, as asked and, when it exists, canonical.
    pub fn into_seen(self) -> BTreeSet<PathBuf> {
        self.seen.into_inner().unwrap_or_else(|e| e.into_inner())
    }

    fn note(&self, path: &Path) {
        let canonical = self.inner.canonicalize(path).ok();
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        seen.insert(path.to_path_buf());
        seen.extend(canonical);
    }
}

impl World for Recorder<'_> {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        self.note(path);
        self.inner.read(path)
    }

    fn list(&self, dir: &Path) -> io::Result<Vec<PathBuf>> {
        self.note(dir);
        self.inner.list(dir)
    }

    fn kind(&self, path: &Path) -> Option<Kind> {
        self.note(path);
        self.inner.kind(path)
    }

    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        self.note(path);
        self.inner.canonicalize(path)
    }

    fn read_text(&self, path: &Path) -> io::Result<Result<String, usize>> {
        self.note(path);
        self.inner.read_text(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_resolves_dots_and_refuses_to_climb_out() {
        let mut world = Memory::new();
        world.insert("src/a.md", "# A");
        world.insert("images/x.png", b"png".to_vec());
        assert_eq!(
            world
                .canonicalize(Path::new("src/../images/./x.png"))
                .unwrap(),
            PathBuf::from("images/x.png")
        );
        assert!(world.canonicalize(Path::new("../secret")).is_err());
        assert!(world.canonicalize(Path::new("/etc/passwd")).is_err());
        assert_eq!(world.kind(Path::new("src")), Some(Kind::Dir));
        assert_eq!(world.kind(Path::new("src/a.md")), Some(Kind::File));
        assert_eq!(world.kind(Path::new("src/b.md")), None);
        assert_eq!(
            world.list(Path::new("")).unwrap(),
            vec![PathBuf::from("images"), PathBuf::from("src")]
        );
        assert_eq!(world.read(Path::new("./src/a.md")).unwrap(), b"# A");
    }

    #[test]
    fn texts_are_cached_by_content() {
        let cache = TextCache::default();
        let mut memory = Memory::new();
        memory.insert("a.md", "漢字");
        let read = |world: &Memory| Texts::new(world, &cache).read_text(Path::new("a.md"));
        assert_eq!(read(&memory).unwrap(), Ok("漢字".to_string()));
        assert_eq!(read(&memory).unwrap(), Ok("漢字".to_string()));
        memory.insert("a.md", "假名");
        assert_eq!(read(&memory).unwrap(), Ok("假名".to_string()));
        memory.insert("a.md", b"ok\xff".to_vec());
        assert_eq!(read(&memory).unwrap(), Err(2));
    }

    #[test]
    fn recorder_notes_missing_paths_too() {
        let mut memory = Memory::new();
        memory.insert("a.md", "x");
        let recorder = Recorder::new(&memory);
        assert!(recorder.read(Path::new("a.md")).is_ok());
        assert!(recorder.read(Path::new("later.png")).is_err());
        let seen = recorder.into_seen();
        assert!(seen.contains(Path::new("a.md")));
        assert!(seen.contains(Path::new("later.png")));
    }
}

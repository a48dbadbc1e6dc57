//! One build of a watch session: the book prepared with the session's
//! fonts, rendered in memory, with the paths it read.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::build::BuildOptions;
use crate::diagnostics::Diagnostic;
use crate::error::Result;
use crate::render::OutputFile;
use crate::world::{Disk, Recorder, World};

/// What stays from build to build: the settings, what the stages reuse
/// (fonts, parsed files, laid-out chapters) and the paths
/// the book depends on.
pub struct Session {
    pub options: BuildOptions,
    reuse: crate::build::Reuse,
    /// Absolute paths every build so far asked about (files read, folders
    /// listed, images that were missing): a change to one of them, or a
    /// new Markdown file in a listed folder, calls for a rebuild.
    deps: BTreeSet<PathBuf>,
}

/// A good build, in memory.
pub struct Built {
    pub files: Vec<OutputFile>,
    pub diagnostics: Vec<Diagnostic>,
    /// Wall time from the start of the build to the files in memory.
    pub millis: u128,
}

impl Session {
    /// A session for the book `options.input` names, which must exist:
    /// the folder watched is the book's, and a missing one would leave
    /// only its parent (perhaps `/`) to watch.
    pub fn new(options: BuildOptions) -> Result<Session> {
        if let Err(source) = std::fs::metadata(&options.input) {
            return Err(crate::error::Error::Read {
                path: options.input.clone(),
                source,
            });
        }
        Ok(Session {
            options,
            reuse: crate::build::Reuse::default(),
            deps: BTreeSet::new(),
        })
    }

    /// Loads, parses and renders the book. The paths it read join the
    /// session's, even when it fails (so that fixing the file it failed
    /// on is seen).
    pub fn build(&mut self) -> Result<Built> {
        let start = Instant::now();
        let recorder = Recorder::new(&Disk);
        let result = self.build_in(&recorder);
        let seen = recorder.into_seen();
        if result.is_ok() {
            self.deps.clear();
        }
        self.deps.extend(seen.iter().map(|p| absolute(p)));
        let (files, diagnostics) = result?;
        Ok(Built {
            files,
            diagnostics,
            millis: start.elapsed().as_millis(),
        })
    }

    fn build_in(&self, world: &dyn World) -> Result<(Vec<OutputFile>, Vec<Diagnostic>)> {
        let prepared = crate::build::prepare_with(world, &self.options, &self.reuse)?;
        crate::build::render_all_with(&prepared, &self.options.formats, &self.reuse.render)
    }

    /// Whether a change to `path` (absolute) calls for a rebuild.
    pub fn depends_on(&self, path: &Path) -> bool {
        if self.deps.contains(path) {
            return true;
        }
        let is_markdown = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"));
        is_markdown && path.parent().is_some_and(|dir| self.deps.contains(dir))
    }

    /// The folder to watch: the book's.
    pub fn root(&self) -> PathBuf {
        let input = &self.options.input;
        let dir = if input.is_dir() {
            input.as_path()
        } else {
            input.parent().unwrap_or(Path::new("."))
        };
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        absolute(dir)
    }
}

/// `path` as an absolute path with symlinks resolved as far as it exists
/// (a file that does not exist yet keeps its name under its folder's
/// canonical path), so it compares equal to the paths the watcher reports.
pub fn absolute(path: &Path) -> PathBuf {
    if let Ok(canonical) = std::fs::canonicalize(path) {
        return canonical;
    }
    if let (Some(parent), Some(name)) = (path.parent(), path.file_name()) {
        let parent = if parent.as_os_str().is_empty() {
            Path::new(".")
        } else {
            parent
        };
        if let Ok(dir) = std::fs::canonicalize(parent) {
            return dir.join(name);
        }
    }
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

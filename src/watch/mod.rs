//! `folio watch` (and the rebuilds of `folio serve`): build, then build
//! again on every change to the book's files.
//!
//! Files: `session.rs` (one build with the session's cached fonts, and
//! which paths the book depends on), this file (the file watcher, its
//! debouncing, and the loop). Changes come from the notify crate on the
//! book folder, recursively. A burst of events (an editor's save, a `git
//! checkout`) is one rebuild: after the first event that matters, events
//! are gathered until [`QUIET`] passes without one. An editor that saves
//! by writing a temporary file and renaming it over the chapter is seen
//! through the rename's target, the chapter; the temporary file itself is
//! not one of the book's and is ignored, as are the outputs folio writes.

mod session;

use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

pub use session::{absolute, Built, Session};

use crate::error::{Error, Result};

/// How long the book's folder must be still before a burst of changes is
/// taken as over.
pub const QUIET: Duration = Duration::from_millis(60);

/// A burst is cut off after this long even if changes keep coming.
const LONGEST_BURST: Duration = Duration::from_secs(2);

/// The changes under one folder, a burst at a time.
pub struct Changes {
    events: Receiver<notify::Result<notify::Event>>,
    // Dropped, it stops watching.
    _watcher: notify::RecommendedWatcher,
}

impl Changes {
    /// Starts watching `root` and everything under it.
    pub fn watch(root: &Path) -> Result<Changes> {
        let (tx, events) = channel();
        let mut watcher = notify::recommended_watcher(move |event| {
            let _ = tx.send(event);
        })
        .map_err(|e| watch_error(root, e))?;
        watcher
            .watch(root, RecursiveMode::Recursive)
            .map_err(|e| watch_error(root, e))?;
        Ok(Changes {
            events,
            _watcher: watcher,
        })
    }

    /// Waits for a change to a path `matters` accepts, then for the burst
    /// to settle; returns the paths that mattered, in order, once each.
    /// `None` when the watcher has stopped.
    pub fn next(&self, matters: &dyn Fn(&Path) -> bool) -> Option<Vec<PathBuf>> {
        let mut changed: Vec<PathBuf> = Vec::new();
        let mut started: Option<Instant> = None;
        loop {
            let event = match started {
                None => self.events.recv().ok()?,
                Some(start) if start.elapsed() > LONGEST_BURST => return Some(changed),
                Some(_) => match self.events.recv_timeout(QUIET) {
                    Ok(event) => event,
                    Err(RecvTimeoutError::Timeout) => return Some(changed),
                    Err(RecvTimeoutError::Disconnected) => return Some(changed),
                },
            };
            let Ok(event) = event else { continue };
            if matches!(event.kind, EventKind::Access(_)) {
                continue;
            }
            for path in event.paths {
                if matters(&path) && !changed.contains(&path) {
                    changed.push(path);
                    started.get_or_insert_with(Instant::now);
                }
            }
        }
    }
}

fn watch_error(root: &Path, e: notify::Error) -> Error {
    Error::Read {
        path: root.to_path_buf(),
        source: std::io::Error::other(format!("cannot watch the folder for changes: {e}")),
    }
}

/// The names of `paths` as the one-line report shows them: `25.md`, or
/// `25.md, 26.md`, or `25.md and 4 more`.
pub fn changed_names(paths: &[PathBuf]) -> String {
    let names: Vec<String> = paths
        .iter()
        .map(|p| {
            p.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| p.display().to_string())
        })
        .collect();
    match names.len() {
        0..=3 => names.join(", "),
        n => format!("{} and {} more", names[..2].join(", "), n - 2),
    }
}

/// What happened in one round of the loop.
pub enum Round<'a> {
    /// A build succeeded; `changed` is empty for the first.
    Built {
        built: Built,
        changed: &'a [PathBuf],
    },
    Failed {
        error: Error,
        changed: &'a [PathBuf],
    },
}

/// Builds, then rebuilds on every change to the book, handing each result
/// to `each` (which writes or serves it) until `each` returns false or
/// the watcher stops.
pub fn run(session: &mut Session, each: &mut dyn FnMut(Round<'_>) -> bool) -> Result<()> {
    let changes = Changes::watch(&session.root())?;
    let mut changed: Vec<PathBuf> = Vec::new();
    loop {
        let round = match session.build() {
            Ok(built) => Round::Built {
                built,
                changed: &changed,
            },
            Err(error) => Round::Failed {
                error,
                changed: &changed,
            },
        };
        if !each(round) {
            return Ok(());
        }
        match changes.next(&|path| session.depends_on(path)) {
            Some(paths) => changed = paths,
            None => return Ok(()),
        }
    }
}

/// `folio watch`: builds the book into `options.out_dir`, then rebuilds it
/// on every change, printing one line per build (`rebuilt in 23 ms
/// (25.md)`) on stdout and the warnings and errors on stderr. A failed
/// rebuild writes nothing: the last good outputs stay.
pub fn watch(options: crate::build::BuildOptions, verbose: bool) -> Result<()> {
    let out_dir = options.out_dir.clone();
    let mut session = Session::new(options)?;
    let mut first = true;
    run(&mut session, &mut |round| {
        match round {
            Round::Built { built, changed } => {
                let start = Instant::now();
                eprint!(
                    "{}",
                    crate::diagnostics::render_all(&built.diagnostics, verbose)
                );
                match crate::build::write_files(&out_dir, built.files) {
                    Ok(written) => {
                        let millis = built.millis + start.elapsed().as_millis();
                        println!("{}", built_line(first, millis, changed, written.len()));
                    }
                    Err(error) => eprint!("{}", error.to_diagnostic().render()),
                }
            }
            Round::Failed { error, changed } => {
                if let Error::Strict { diagnostics, .. } = &error {
                    eprint!("{}", crate::diagnostics::render_all(diagnostics, verbose));
                }
                eprint!("{}", error.to_diagnostic().render());
                let what = if changed.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", changed_names(changed))
                };
                println!("build failed{what}; the last good outputs are kept; watching");
            }
        }
        first = false;
        true
    })
}

fn built_line(first: bool, millis: u128, changed: &[PathBuf], files: usize) -> String {
    if first {
        format!("built in {millis} ms ({files} files); watching for changes")
    } else {
        format!("rebuilt in {millis} ms ({})", changed_names(changed))
    }
}

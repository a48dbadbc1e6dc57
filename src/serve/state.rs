//! What the server knows between rebuilds: the files of the last good
//! build, its number, and the error of the last build if it failed; and
//! the event stream that tells open pages when either changes.

use std::collections::BTreeMap;
use std::io::Write;
use std::net::TcpStream;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

use crate::render::html::{shell_build_meta, FOLDER};
use crate::render::OutputFile;

/// The path of the event stream (under a prefix no book file can have:
/// the preview's files are named by folio).
pub const EVENTS: &str = "_folio/events";

/// How often an idle event stream sends a comment, which is how the
/// server learns that the page has gone.
const KEEPALIVE: Duration = Duration::from_secs(10);

#[derive(Default)]
pub struct Shared {
    state: Mutex<State>,
    changed: Condvar,
}

#[derive(Default)]
struct State {
    /// Rounds of the watch loop so far (0: the first has not ended).
    rounds: u64,
    /// The number of the last good build (1 for the first).
    build: u64,
    /// Its files, by path in the preview: the pages at the top, the EPUB
    /// and PDF beside them (the pages link them as `../<slug>.epub`).
    files: BTreeMap<String, Arc<Vec<u8>>>,
    /// The last build's error, when it failed.
    error: Option<String>,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Takes the files of a good build; returns its number.
    pub fn publish(&self, files: Vec<OutputFile>) -> u64 {
        let mut state = self.lock();
        state.build += 1;
        let build = state.build;
        let meta = shell_build_meta(&build.to_string());
        state.files = files
            .into_iter()
            .map(|file| {
                let path = match file
                    .path
                    .strip_prefix(FOLDER)
                    .and_then(|p| p.strip_prefix('/'))
                {
                    Some(inner) => inner.to_string(),
                    None => file.path,
                };
                let bytes = if path.ends_with(".xhtml") {
                    stamp(file.bytes, &meta)
                } else {
                    file.bytes
                };
                (path, Arc::new(bytes))
            })
            .collect();
        state.error = None;
        state.rounds += 1;
        self.changed.notify_all();
        build
    }

    /// Records a failed build; the files stay.
    pub fn fail(&self, error: String) {
        let mut state = self.lock();
        state.error = Some(error);
        state.rounds += 1;
        self.changed.notify_all();
    }

    /// Waits until the first build has ended, well or not.
    pub fn wait_first(&self) {
        let mut state = self.lock();
        while state.rounds == 0 {
            state = self.changed.wait(state).unwrap_or_else(|e| e.into_inner());
        }
    }

    /// The file at `path` of the last good build.
    pub fn file(&self, path: &str) -> Option<Arc<Vec<u8>>> {
        let state = self.lock();
        if let Some(bytes) = state.files.get(path) {
            return Some(Arc::clone(bytes));
        }
        // Before any good build the pages cannot load their script; it
        // is always there, so that a fixed book still reloads them.
        (path == crate::render::html::PREVIEW_JS)
            .then(|| Arc::new(crate::render::html::preview_js().as_bytes().to_vec()))
    }

    /// Answers the event stream: the current build and error at once,
    /// then each change, until the page goes.
    pub fn stream_events(&self, mut stream: TcpStream) {
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";
        if stream.write_all(head.as_bytes()).is_err() {
            return;
        }
        let mut seen = u64::MAX;
        loop {
            let message = {
                let mut state = self.lock();
                if state.rounds == seen {
                    let (next, _) = self
                        .changed
                        .wait_timeout(state, KEEPALIVE)
                        .unwrap_or_else(|e| e.into_inner());
                    state = next;
                }
                if state.rounds == seen {
                    ": still here\n\n".to_string()
                } else {
                    seen = state.rounds;
                    event_message(state.build, state.error.as_deref())
                }
            };
            if stream.write_all(message.as_bytes()).is_err() || stream.flush().is_err() {
                return;
            }
        }
    }
}

/// `build` (always) and `failed` (when the last build failed) events.
fn event_message(build: u64, error: Option<&str>) -> String {
    let mut out = format!("event: build\ndata: {build}\n\n");
    if let Some(error) = error {
        out.push_str("event: failed\n");
        for line in error.lines() {
            out.push_str(&format!("data: {line}\n"));
        }
        out.push('\n');
    }
    out
}

/// A page with its build number in the placeholder the shell leaves.
fn stamp(page: Vec<u8>, meta: &str) -> Vec<u8> {
    match String::from_utf8(page) {
        Ok(text) => text
            .replacen(crate::render::html::BUILD_META, meta, 1)
            .into_bytes(),
        Err(e) => e.into_bytes(),
    }
}

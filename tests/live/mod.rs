//! A `folio watch` or `folio serve` process for a test: started in a
//! fresh book folder, its output read line by line, killed when the test
//! ends (passing or not), and every wait bounded.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

/// How long any one wait in these tests may take.
pub const PATIENCE: Duration = Duration::from_secs(30);

pub struct Live {
    child: Child,
    lines: Receiver<String>,
    /// Every line so far, stdout and stderr, for failure messages.
    pub seen: Vec<String>,
}

impl Live {
    pub fn start(dir: &Path, args: &[&str]) -> Live {
        let mut child = Command::new(env!("CARGO_BIN_EXE_folio"))
            .args(args)
            .current_dir(dir)
            .env_remove("SOURCE_DATE_EPOCH")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start folio");
        let (tx, lines) = channel();
        let out = child.stdout.take().expect("stdout");
        let err = child.stderr.take().expect("stderr");
        let tx2 = tx.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                let _ = tx2.send(format!("stderr: {line}"));
            }
        });
        Live {
            child,
            lines,
            seen: Vec::new(),
        }
    }

    /// A line `wanted` accepts, among those seen already or, failing
    /// that, the next ones: stdout and stderr are read apart, so a line of
    /// one may come before an earlier line of the other.
    pub fn seen_or_wait(&mut self, what: &str, wanted: impl Fn(&str) -> bool) -> String {
        match self.seen.iter().find(|l| wanted(l)) {
            Some(line) => line.clone(),
            None => self.wait_for(what, wanted),
        }
    }

    /// Waits for a line `wanted` accepts and returns it; fails the test,
    /// showing all the output, after [`PATIENCE`].
    pub fn wait_for(&mut self, what: &str, wanted: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if wanted(&line) {
                        return line;
                    }
                }
                Err(_) => panic!(
                    "no line {what} within {PATIENCE:?}; folio said:\n{}",
                    self.seen.join("\n")
                ),
            }
        }
    }
}

impl Drop for Live {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A two-chapter book with a note, in `dir/book`; returns its folder.
pub fn small_book(dir: &Path) -> PathBuf {
    let book = dir.join("book");
    std::fs::create_dir_all(&book).unwrap();
    std::fs::write(
        book.join("book.toml"),
        "[book]\ntitle = \"Live Book\"\nlanguage = \"en\"\n\n[folio]\nname = \"live\"\nchapters = [\"one.md\", \"two.md\"]\n",
    )
    .unwrap();
    std::fs::write(
        book.join("one.md"),
        "# One\n\nThe first chapter[^n].\n\n[^n]: A note.\n",
    )
    .unwrap();
    std::fs::write(book.join("two.md"), "# Two\n\nThe second chapter.\n").unwrap();
    book
}

/// Saves `text` as `path` the way many editors do: into a temporary file
/// beside it, then renamed over it.
pub fn save_by_rename(path: &Path, text: &str) {
    let tmp = path.with_file_name(format!(
        ".{}.swp",
        path.file_name().unwrap().to_string_lossy()
    ));
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

//! `folio watch`: a build, then one rebuild per change (an edit in place,
//! a save by rename, a burst of saves), each reported on one line; a
//! broken edit keeps the last good outputs.

mod live;

use std::io::Read;
use std::path::Path;

use live::{save_by_rename, small_book, Live};

/// The text of `entry` in the EPUB at `path`.
fn epub_entry(path: &Path, entry: &str) -> String {
    let file = std::fs::File::open(path).expect("the EPUB is there");
    let mut zip = zip::ZipArchive::new(file).expect("a zip");
    let mut text = String::new();
    zip.by_name(entry)
        .expect("entry")
        .read_to_string(&mut text)
        .unwrap();
    text
}

fn is_rebuilt(name: &'static str) -> impl Fn(&str) -> bool {
    move |line| line.starts_with("rebuilt in ") && line.ends_with(&format!("({name})"))
}

#[test]
fn watch_rebuilds_after_an_edit_a_rename_save_and_keeps_good_outputs_on_error() {
    let dir = tempfile::tempdir().unwrap();
    let book = small_book(dir.path());
    let out = dir.path().join("out");
    let mut watch = Live::start(
        dir.path(),
        &["watch", "book", "-o", "out", "--format", "epub"],
    );
    watch.wait_for("saying it built", |l| l.starts_with("built in "));
    let epub = out.join("live.epub");
    assert!(epub_entry(&epub, "OEBPS/ch01.xhtml").contains("The first chapter"));

    // An edit in place.
    let one = book.join("one.md");
    std::fs::write(&one, "# One\n\nEdited in place.\n").unwrap();
    let line = watch.wait_for("rebuilt (one.md)", is_rebuilt("one.md"));
    let millis: u64 = line["rebuilt in ".len()..]
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no time in {line:?}"));
    assert!(millis < 10_000, "{line}");
    assert!(epub_entry(&epub, "OEBPS/ch01.xhtml").contains("Edited in place."));

    // A save by rename, as vim and many editors do.
    save_by_rename(&book.join("two.md"), "# Two\n\nSaved by rename.\n");
    watch.wait_for("rebuilt (two.md)", is_rebuilt("two.md"));
    assert!(epub_entry(&epub, "OEBPS/ch02.xhtml").contains("Saved by rename."));

    // What a rebuild wrote, with the session's cached fonts, is what a
    // clean build of the same files writes.
    let clean = std::process::Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["build", "book", "-o", "clean", "--format", "epub"])
        .current_dir(dir.path())
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    assert!(clean.status.success());
    assert!(
        std::fs::read(&epub).unwrap() == std::fs::read(dir.path().join("clean/live.epub")).unwrap(),
        "the rebuilt EPUB differs from a clean build"
    );

    // A broken book.toml: the error is printed, the EPUB stays as it was.
    let toml = std::fs::read_to_string(book.join("book.toml")).unwrap();
    std::fs::write(book.join("book.toml"), format!("{toml}\nbroken = = 1\n")).unwrap();
    watch.wait_for("saying the build failed", |l| {
        l.starts_with("build failed (book.toml)")
    });
    // The error names the file and line.
    watch.seen_or_wait("with the error's file:line", |l| {
        l.starts_with("stderr: ") && l.contains("book.toml:")
    });
    assert!(epub_entry(&epub, "OEBPS/ch02.xhtml").contains("Saved by rename."));

    // Fixed again: a rebuild.
    std::fs::write(book.join("book.toml"), &toml).unwrap();
    watch.wait_for("rebuilt (book.toml)", is_rebuilt("book.toml"));
}

#[test]
fn a_burst_of_saves_is_one_rebuild_and_other_files_are_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let book = small_book(dir.path());
    let mut watch = Live::start(
        dir.path(),
        &["watch", "book", "-o", "out", "--format", "epub"],
    );
    watch.wait_for("saying it built", |l| l.starts_with("built in "));
    // Not the book's: a note beside it, an editor's backup.
    std::fs::write(book.join("notes.txt"), "to do").unwrap();
    std::fs::write(book.join("one.md~"), "backup").unwrap();
    for i in 0..10 {
        std::fs::write(book.join("one.md"), format!("# One\n\nSave {i}.\n")).unwrap();
    }
    watch.wait_for("rebuilt (one.md)", is_rebuilt("one.md"));
    // A marker edit after the burst: everything up to its rebuild is what
    // the burst and the other files caused.
    std::thread::sleep(std::time::Duration::from_millis(500));
    std::fs::write(book.join("two.md"), "# Two\n\nMarker.\n").unwrap();
    watch.wait_for("the marker's rebuild", is_rebuilt("two.md"));
    let rebuilds: Vec<&String> = watch
        .seen
        .iter()
        .filter(|l| l.starts_with("rebuilt in "))
        .collect();
    // Ten saves: one rebuild (two only if this loaded machine paused the
    // writing loop for longer than the quiet time between two saves).
    let of_one = rebuilds.iter().filter(|l| l.ends_with("(one.md)")).count();
    assert!((1..=2).contains(&of_one), "{rebuilds:?}");
    assert_eq!(rebuilds.len(), of_one + 1, "{rebuilds:?}");
    assert!(
        !watch
            .seen
            .iter()
            .any(|l| l.contains("notes.txt") || l.contains("md~")),
        "{:?}",
        watch.seen
    );
}

#[test]
fn a_missing_book_is_an_error_at_once_not_a_watch_of_its_parent() {
    let dir = tempfile::tempdir().unwrap();
    for command in ["watch", "serve"] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_folio"))
            .args(
                [command, "missing", "--port", "0"][..if command == "watch" { 2 } else { 4 }]
                    .to_vec(),
            )
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{command}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("missing"), "{command}: {stderr}");
    }
}

//! `folio check` and `folio build --check`: findings with file and line,
//! exit codes, JSON for machines.

mod common;

use common::{folio, stderr, stdout};

#[test]
fn sample_book_checks_clean() {
    let out = folio(&common::repo(), &["check", "manuscript"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("0 error(s), 0 warning(s)"),
        "{}",
        stdout(&out)
    );
    if common::epubcheck_jar().is_some() {
        assert!(
            !stderr(&out).contains("EPUBCheck was not run"),
            "{}",
            stderr(&out)
        );
    }
}

fn planted() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book");
    std::fs::create_dir(&book).unwrap();
    std::fs::write(
        book.join("a.md"),
        "# Planted\n\nA note[^gone] and an image ![x](missing.png).\n\n#### Jump\n\n[to nowhere](b.md#nope) 𓀀\n\n[^unused]: Never used.\n",
    )
    .unwrap();
    std::fs::write(book.join("b.md"), "").unwrap();
    dir
}

#[test]
fn planted_mistakes_are_each_reported_with_file_and_line() {
    let dir = planted();
    let out = folio(dir.path(), &["check", "book", "--no-system-fonts"]);
    let err = stderr(&out);
    for (place, message) in [
        ("a.md:3", "footnote reference [^gone] has no definition"),
        ("a.md:3", "image left out: `missing.png` does not exist"),
        ("a.md:5", "heading level jumps from # to ####"),
        ("a.md:7", "1 character no font has"),
        ("a.md:7", "link to `#nope` points at no heading"),
        (
            "a.md:9",
            "footnote [^unused] is defined but never referenced",
        ),
        ("b.md:1", "chapter file is empty"),
    ] {
        // In full (message, then `--> place`), or on one line (`place:
        // message`) once the warnings fill their 30 lines.
        let found = err.split("warning: ").any(|block| {
            let mut lines = block.lines();
            let (first, at) = (lines.next().unwrap_or(""), lines.next().unwrap_or(""));
            let one_line = first
                .split_once(": ")
                .is_some_and(|(loc, rest)| loc.ends_with(place) && rest.contains(message));
            one_line || (first.contains(message) && at.trim_end().ends_with(place))
        });
        assert!(found, "no finding {message:?} at {place}:\n{err}");
    }
    // Warnings alone do not fail a check; --strict makes them errors.
    assert_eq!(out.status.code(), Some(0), "{err}");
    let strict = folio(
        dir.path(),
        &["check", "book", "--strict", "--no-system-fonts"],
    );
    assert_eq!(strict.status.code(), Some(1));
    assert!(!dir.path().join("dist").exists(), "check writes no output");
}

#[test]
fn json_findings_for_machines() {
    let dir = planted();
    let out = folio(
        dir.path(),
        &["check", "book", "--json", "--no-system-fonts"],
    );
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON on stdout");
    let findings = report["findings"].as_array().unwrap();
    assert!(findings.len() >= 6, "{report:#}");
    let unused = findings
        .iter()
        .find(|f| f["message"].as_str().unwrap().contains("[^unused]"))
        .unwrap();
    assert_eq!(unused["severity"], "warning");
    assert_eq!(unused["location"]["line"], 9);
    assert!(unused["location"]["file"]
        .as_str()
        .unwrap()
        .ends_with("a.md"));
}

#[test]
fn build_strict_fails_on_warnings_and_writes_nothing() {
    let dir = planted();
    let out = folio(dir.path(), &["build", "book", "--strict"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("with --strict"), "{}", stderr(&out));
    assert!(!dir.path().join("dist").exists());
}

#[test]
fn build_check_runs_epubcheck_on_the_written_epub() {
    if common::epubcheck_jar().is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "EPUBCheck is required in CI"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = common::build_sample(dir.path(), &["--format", "epub", "--check"]);
    assert!(
        stdout(&out).contains("EPUBCheck: 0 finding(s)"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn broken_manuscripts_fail_check_with_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("book.toml"),
        "[folio]\nchapters = [\"gone.md\"]\n",
    )
    .unwrap();
    let out = folio(dir.path(), &["check", "."]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("book.toml:2"), "{}", stderr(&out));
    let json = folio(dir.path(), &["check", ".", "--json"]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(report["findings"][0]["severity"], "error");
}

//! The `folio` command as a user meets it: help, version, exit codes.

mod common;

use common::{folio, stderr, stdout};

#[test]
fn help_documents_every_build_option() {
    let out = folio(&common::repo(), &["build", "--help"]);
    assert!(out.status.success());
    let help = stdout(&out);
    for option in [
        "--output",
        "--format",
        "--no-embed-font",
        "--paper",
        "--handout",
        "--strict",
        "--timings",
        "[PATH]",
    ] {
        assert!(help.contains(option), "--help lacks {option}:\n{help}");
    }
}

#[test]
fn version_works() {
    let out = folio(&common::repo(), &["--version"]);
    assert!(out.status.success());
    assert!(stdout(&out).starts_with("folio "), "{}", stdout(&out));
}

#[test]
fn usage_errors_exit_2() {
    let out = folio(&common::repo(), &["build", "--format", "docx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("possible values"), "{}", stderr(&out));
}

#[test]
fn missing_input_exits_1_with_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let out = folio(dir.path(), &["build", "no-such-book"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no-such-book"), "{}", stderr(&out));
    assert!(
        !dir.path().join("dist").exists(),
        "a failed build must write nothing"
    );
}

#[test]
fn bad_book_toml_names_its_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("book.toml"),
        "[folio]\nname = \"x\"\npaper = 3\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("a.md"), "# A\n").unwrap();
    let out = folio(dir.path(), &["build", "."]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("book.toml:3"), "{err}");
}

#[test]
fn fonts_can_be_named_on_the_command_line() {
    if !common::have("pdffonts") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let manuscript = common::repo().join("manuscript");
    let book = manuscript.to_str().unwrap();
    let out = folio(
        dir.path(),
        &[
            "build",
            book,
            "--format",
            "pdf",
            "--font",
            "noto serif cjk sc",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let fonts = common::run(
        "pdffonts",
        &[dir
            .path()
            .join("dist/huang-renxun-interview.pdf")
            .to_str()
            .unwrap()],
    );
    assert!(fonts.contains("NotoSerifCJKsc-Regular"), "{fonts}");
    let out = folio(
        dir.path(),
        &["build", book, "--format", "pdf", "--font", "No Such Font"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("\"No Such Font\" not found"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_committed_cover_is_what_folio_generates() {
    let dir = tempfile::tempdir().unwrap();
    let manuscript = common::repo().join("manuscript");
    let book = manuscript.to_str().unwrap();
    let out = folio(dir.path(), &["cover", book, "-o", "cover.svg"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let generated = std::fs::read(dir.path().join("cover.svg")).unwrap();
    let committed =
        std::fs::read(common::repo().join("covers/huang-renxun-interview.svg")).unwrap();
    assert!(
        generated == committed,
        "covers/ is stale: rerun `folio cover manuscript -o covers/huang-renxun-interview.svg`"
    );
    let out = folio(dir.path(), &["build", book, "--format", "epub"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let entries = common::epub_entries(&dir.path().join("dist/huang-renxun-interview.epub"));
    assert!(
        entries
            .iter()
            .any(|(name, data)| name.ends_with(".svg") && *data == committed),
        "the EPUB's cover is not the committed one"
    );
}

#[test]
fn timings_list_every_stage_once_with_the_total_last() {
    let dir = tempfile::tempdir().unwrap();
    let out = common::build_sample(dir.path(), &["--timings"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    let stages: Vec<&str> = err
        .lines()
        .skip_while(|l| !l.starts_with("timings"))
        .skip(1)
        .map(|l| {
            l.trim_end_matches(" ms")
                .rsplit_once(' ')
                .map_or("", |(name, _)| name.trim())
        })
        .collect();
    let mut sorted = stages.clone();
    sorted.sort_unstable();
    assert_eq!(
        sorted,
        [
            "epub",
            "fonts",
            "load",
            "parse",
            "pdf",
            "pdf layout",
            "pdf write",
            "total",
            "write files"
        ],
        "{err}"
    );
    assert_eq!(stages.first(), Some(&"load"), "{err}");
    assert_eq!(stages.last(), Some(&"total"), "{err}");
    // Without the flag, nothing of it.
    let quiet = common::build_sample(dir.path(), &[]);
    assert!(!stderr(&quiet).contains("timings"), "{}", stderr(&quiet));
}

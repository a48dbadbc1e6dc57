//! The habits of a mature command line: shell completions, a man page,
//! `--quiet`, and colour only where it is wanted (`--color`, `NO_COLOR`,
//! never in a pipe). Tests run folio with stderr piped, which is what CI
//! and editors see: no colour, no progress indicator.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{folio, stderr, stdout};

/// `folio ARGS…` in `dir` with extra environment variables.
fn folio_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_folio"));
    cmd.args(args).current_dir(dir).env_remove("NO_COLOR");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run folio")
}

/// A new English book with one missing image: its build warns once.
fn book_with_a_warning(dir: &Path) -> std::path::PathBuf {
    let out = folio(dir, &["init", "book", "--lang", "en", "--quiet"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "", "--quiet init says nothing");
    let book = dir.join("book");
    let chapter = book.join("01.md");
    let text = std::fs::read_to_string(&chapter).unwrap();
    std::fs::write(&chapter, format!("{text}\n![a photo](missing.png)\n")).unwrap();
    book
}

#[test]
fn completions_for_every_shell_know_the_subcommands() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = folio(&common::repo(), &["completions", shell]);
        assert!(out.status.success(), "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        assert!(script.len() > 500, "{shell}: {script}");
        for word in ["build", "init", "fonts", "paper"] {
            assert!(script.contains(word), "{shell} completion lacks {word}");
        }
    }
    let out = folio(&common::repo(), &["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn man_prints_a_roff_page_man_can_render() {
    let out = folio(&common::repo(), &["man"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = stdout(&out);
    assert!(
        page.starts_with(".TH folio 1"),
        "{}",
        &page[..page.len().min(200)]
    );
    for section in [
        ".SH NAME",
        ".SH SYNOPSIS",
        "FOLIO BUILD",
        "FOLIO INIT",
        "FOLIO FONTS",
    ] {
        assert!(page.contains(section), "no {section}");
    }
    assert!(page.contains("\\-\\-paper"), "build's options are listed");
    if !common::have("man") {
        return;
    }
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), &page).unwrap();
    let rendered = Command::new("man")
        .arg("-l")
        .arg(file.path())
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "100")
        .output()
        .expect("run man");
    let text = String::from_utf8_lossy(&rendered.stdout);
    assert!(rendered.status.success(), "{}", stderr(&rendered));
    assert!(text.contains("folio init"), "{text}");
    assert!(text.contains("--lang LANG"), "{text}");
    let warnings = String::from_utf8_lossy(&rendered.stderr);
    assert!(!warnings.contains("warning"), "groff: {warnings}");
}

#[test]
fn quiet_prints_nothing_on_a_clean_build() {
    let dir = tempfile::tempdir().unwrap();
    let out = folio(dir.path(), &["init", "book", "-q"]);
    assert!(out.status.success());
    let out = folio(&dir.path().join("book"), &["build", "--quiet"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!((stdout(&out), stderr(&out)), (String::new(), String::new()));
    assert!(dir.path().join("book/dist/book.pdf").is_file());
    // Without it the build says what it wrote.
    let out = folio(&dir.path().join("book"), &["build"]);
    assert!(
        stdout(&out).contains("wrote dist/book.pdf"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn quiet_keeps_errors_and_drops_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let book = book_with_a_warning(dir.path());
    let out = folio(&book, &["build", "-q"]);
    assert!(out.status.success());
    assert_eq!(stderr(&out), "", "the warning is not an error");
    let out = folio(&book, &["build", "-q", "--strict"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("error: 1 warning(s) with --strict"), "{err}");
    assert!(
        err.contains("missing.png"),
        "what --strict failed on: {err}"
    );
    let out = folio(dir.path(), &["build", "nowhere", "--quiet"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("nowhere"), "{}", stderr(&out));
}

#[test]
fn colour_only_when_asked_for_or_on_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let book = book_with_a_warning(dir.path());
    let plain = folio_env(&book, &["build"], &[]);
    let piped = stderr(&plain);
    assert!(piped.starts_with("warning: image left out"), "{piped}");
    assert!(!piped.contains('\x1b'), "escape codes in a pipe: {piped:?}");
    for args in [
        &["build", "--color", "auto"][..],
        &["build", "--color", "never"][..],
    ] {
        let out = folio_env(&book, args, &[("NO_COLOR", "1")]);
        assert_eq!(stderr(&out), piped, "{args:?}: the same bytes as before");
    }
    let out = folio_env(&book, &["--color", "always", "build"], &[("NO_COLOR", "1")]);
    let coloured = stderr(&out);
    assert!(
        coloured.contains("\x1b[1;33mwarning\x1b[0m"),
        "{coloured:?}"
    );
    // Colour only adds: without the codes it is the plain text.
    let stripped = strip_ansi(&coloured);
    assert_eq!(stripped, piped);
    // stdout (what was written) is never coloured.
    assert!(!stdout(&out).contains('\x1b'));
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn help_lists_the_new_commands() {
    let out = folio(&common::repo(), &["--help"]);
    let help = stdout(&out);
    for word in ["init", "fonts", "completions", "man", "--color", "--quiet"] {
        assert!(help.contains(word), "--help lacks {word}:\n{help}");
    }
}

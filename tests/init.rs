//! `folio init` and `folio fonts` as a newcomer meets them: a new book in
//! each of the five languages builds at once with no warning, into an
//! EPUB that EPUBCheck passes (all five in one Java run) and a PDF that
//! qpdf finds clean and that draws no box, each script in its region's
//! face; a second init refuses to overwrite anything; `folio fonts` says
//! which face sets what, and where it comes from.

mod common;
#[allow(dead_code)]
mod pdf_tools;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{folio, stderr, stdout};

/// The languages, with a word of each chapter 1 title and the face its
/// body text must be drawn in.
const LANGS: [(&str, &str, &str); 5] = [
    ("zh", "从文字开始", "FolioSerifSC"),
    ("zh-Hant", "從文字開始", "FolioSerifTC"),
    ("ja", "文章から始める", "FolioSerifJP"),
    ("ko", "글에서 시작하기", "FolioSerifKR"),
    ("en", "Starting with Words", "FolioSerif-"),
];

/// `folio init DIR --lang LANG` in `parent`, asserting success.
fn init(parent: &Path, dir: &str, lang: &str) -> PathBuf {
    let out = folio(parent, &["init", dir, "--lang", lang]);
    assert!(out.status.success(), "init {lang}: {}", stderr(&out));
    assert!(stdout(&out).contains("book.toml"), "{}", stdout(&out));
    parent.join(dir)
}

#[test]
fn a_new_book_in_each_language_builds_valid_outputs() {
    let scratch = tempfile::tempdir().unwrap();
    let mut epubs = Vec::new();
    for (lang, title, face) in LANGS {
        let book = init(scratch.path(), lang, lang);
        for file in ["book.toml", ".gitignore", "copyright.md", "introduction.md"] {
            assert!(book.join(file).is_file(), "{lang}: no {file}");
        }
        let out = folio(&book, &["build", "."]);
        assert!(out.status.success(), "build {lang}: {}", stderr(&out));
        assert_eq!(
            stderr(&out),
            "",
            "{lang}: a new book builds with no warning"
        );
        let dist = book.join("dist");
        let (pdf, epub) = (
            common::written(&dist, "pdf"),
            common::written(&dist, "epub"),
        );
        pdf_tools::assert_qpdf_clean(&pdf);
        assert_pdf_draws(&pdf, lang, title, face);
        assert_epub_has_everything(&epub, lang);
        epubs.push(epub);
    }
    assert_all_valid(&epubs);
}

/// No box anywhere, the chapter title drawn, and the body text of
/// chapter 1 in the language's own face.
fn assert_pdf_draws(pdf: &Path, lang: &str, title: &str, face: &str) {
    let Some(glyphs) = pdf_tools::glyphs(pdf) else {
        return;
    };
    let tofu = pdf_tools::tofu(&glyphs);
    assert!(tofu.is_empty(), "{lang}: boxes drawn: {tofu:?}");
    assert!(glyphs.len() > 1000, "{lang}: only {} glyphs", glyphs.len());
    let drawn: String = glyphs.iter().map(|g| g.c.as_str()).collect();
    let squash = |s: &str| common::squash(s);
    assert!(
        squash(&drawn).contains(&squash(title)),
        "{lang}: the title {title} is not drawn"
    );
    // The first letter of the title, as drawn on the chapter's page.
    let first = title.chars().next().unwrap().to_string();
    let fonts: Vec<&str> = glyphs
        .iter()
        .filter(|g| g.c == first)
        .map(|g| g.font.as_str())
        .collect();
    assert!(
        fonts.iter().any(|f| f.starts_with(face)),
        "{lang}: {first} is drawn in {fonts:?}, not {face}"
    );
}

/// The parts the template promises, as the EPUB holds them.
fn assert_epub_has_everything(epub: &Path, lang: &str) {
    let entries = common::epub_entries(epub);
    assert!(
        entries.iter().any(|(name, _)| name.ends_with("spread.svg")),
        "{lang}: the figure is missing"
    );
    let text: String = entries
        .iter()
        .filter(|(name, _)| name.ends_with(".xhtml"))
        .map(|(_, data)| String::from_utf8_lossy(data).into_owned())
        .collect();
    for needle in [
        "<table",
        "epub:type=\"noteref\"",
        "<figcaption",
        "epub:type=\"copyright-page\"",
    ] {
        assert!(text.contains(needle), "{lang}: no {needle} in the EPUB");
    }
    let notes = text.matches("epub:type=\"noteref\"").count();
    assert_eq!(notes, 2, "{lang}: a note in each chapter");
}

/// EPUBCheck on every file, in one Java run (`tests/tools/EpubCheckBatch`):
/// each must have no fatal error, no error and no warning.
fn assert_all_valid(epubs: &[PathBuf]) {
    let Some(jar) = common::epubcheck_jar() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "EPUBCheck is required in CI"
        );
        eprintln!("SKIPPED: EPUBCheck is not installed (scripts/test.sh installs it)");
        return;
    };
    if !common::have("java") {
        return;
    }
    let tools = common::repo().join("tests/tools");
    let classpath = format!("{}:{}", jar.display(), tools.display());
    let reports: Vec<PathBuf> = epubs.iter().map(|e| e.with_extension("json")).collect();
    let mut args = Vec::new();
    for (report, epub) in reports.iter().zip(epubs) {
        args.push(report.clone());
        args.push(epub.clone());
    }
    let out = Command::new("java")
        .args([
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-cp",
            &classpath,
        ])
        .arg("EpubCheckBatch")
        .args(&args)
        .output()
        .expect("run java");
    for (report, epub) in reports.iter().zip(epubs) {
        let text = std::fs::read_to_string(report).unwrap_or_else(|_| {
            panic!(
                "no EPUBCheck report for {}: {}",
                epub.display(),
                stderr(&out)
            )
        });
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        let messages: Vec<String> = json["messages"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| {
                ["FATAL", "ERROR", "WARNING"].contains(&m["severity"].as_str().unwrap_or(""))
            })
            .map(|m| format!("{} {} {}", m["severity"], m["ID"], m["message"]))
            .collect();
        assert!(
            messages.is_empty(),
            "{}:\n{}",
            epub.display(),
            messages.join("\n")
        );
    }
    assert!(out.status.success(), "EPUBCheck failed: {}", stderr(&out));
}

#[test]
fn init_refuses_to_overwrite_and_writes_nothing() {
    let scratch = tempfile::tempdir().unwrap();
    let book = scratch.path().join("mine");
    std::fs::create_dir(&book).unwrap();
    std::fs::write(book.join("introduction.md"), "# My own\n").unwrap();
    let out = folio(scratch.path(), &["init", "mine", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("introduction.md") && err.contains("exists"),
        "{err}"
    );
    let left: Vec<_> = std::fs::read_dir(&book).unwrap().flatten().collect();
    assert_eq!(left.len(), 1, "init wrote files beside the one in the way");
    assert_eq!(
        std::fs::read_to_string(book.join("introduction.md")).unwrap(),
        "# My own\n"
    );
    // A second init over a first one touches nothing either.
    let again = tempfile::tempdir().unwrap();
    init(again.path(), "b", "ja");
    let before = std::fs::read(again.path().join("b/01.md")).unwrap();
    let out = folio(again.path(), &["init", "b", "--lang", "ko"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("book.toml"), "{}", stderr(&out));
    assert_eq!(std::fs::read(again.path().join("b/01.md")).unwrap(), before);
}

#[test]
fn an_unknown_language_is_a_usage_error() {
    let scratch = tempfile::tempdir().unwrap();
    let out = folio(scratch.path(), &["init", "x", "--lang", "fr"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("zh-Hant"), "{}", stderr(&out));
    assert!(!scratch.path().join("x").exists());
}

#[test]
fn fonts_names_the_built_in_face_for_chinese() {
    let scratch = tempfile::tempdir().unwrap();
    let book = init(scratch.path(), "zh", "zh");
    let out = folio(&book, &["fonts", "--no-system-fonts"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report = stdout(&out);
    let han = report
        .lines()
        .find(|l| l.trim_start().starts_with("Han"))
        .unwrap_or_else(|| panic!("no Han row:\n{report}"));
    assert!(
        han.contains("Folio Serif SC Regular") && han.contains("built in"),
        "{han}"
    );
    assert!(report.contains("headings (bold)"), "{report}");
    assert!(report.contains("Folio Serif SC Bold"), "{report}");
    assert!(report.contains("Folio Mono Regular"), "code: {report}");
    assert!(
        report.contains("fonts/FolioSerifSC-Regular.ttf"),
        "{report}"
    );
}

#[test]
fn fonts_says_a_font_in_the_book_folder_is_the_books() {
    let scratch = tempfile::tempdir().unwrap();
    let book = init(scratch.path(), "en", "en");
    std::fs::create_dir(book.join("fonts")).unwrap();
    std::fs::copy(
        common::repo().join("fonts/FolioMono-Regular.ttf"),
        book.join("fonts/Code.ttf"),
    )
    .unwrap();
    let toml = std::fs::read_to_string(book.join("book.toml")).unwrap();
    let toml = toml.replace("mono = []", "mono = [\"fonts/Code.ttf\"]");
    std::fs::write(book.join("book.toml"), toml).unwrap();
    let out = folio(&book, &["fonts", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let faces = json["faces"].as_array().unwrap();
    let code = faces
        .iter()
        .find(|f| f["file"].as_str().unwrap_or("").ends_with("Code.ttf"))
        .unwrap_or_else(|| panic!("the book's font is not listed: {faces:?}"));
    assert_eq!(code["source"], "book", "{code}");
    let code_role = json["roles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["role"] == "code")
        .unwrap();
    let latin = code_role["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["script"] == "Latin")
        .unwrap();
    assert_eq!(latin["face"], code["name"], "{code_role}");
}

#[test]
fn fonts_of_a_missing_book_is_an_error() {
    let scratch = tempfile::tempdir().unwrap();
    let out = folio(scratch.path(), &["fonts", "nowhere"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("nowhere"), "{}", stderr(&out));
}

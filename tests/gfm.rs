//! GitHub Markdown in a real README: emoji shortcodes and `> [!NOTE]`
//! alerts must come out as emoji and labelled callouts, never as typed.

mod common;

use std::path::Path;

use common::{epub_entries, folio, repo, stderr, written};

/// Builds the github-readme-stats README; returns the output folder.
fn build_readme() -> tempfile::TempDir {
    let readme = repo().join("tests/corpus/github-readme/github-readme-stats/readme.md");
    let out = tempfile::tempdir().unwrap();
    let output = folio(
        &repo(),
        &[
            "build",
            readme.to_str().unwrap(),
            "-o",
            out.path().to_str().unwrap(),
            "--no-system-fonts",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    out
}

/// Every XHTML document of `epub`, concatenated.
fn xhtml_of(epub: &Path) -> String {
    epub_entries(epub)
        .into_iter()
        .filter(|(name, _)| name.ends_with(".xhtml"))
        .map(|(_, data)| String::from_utf8(data).unwrap())
        .collect()
}

#[test]
fn readme_shortcodes_become_emoji() {
    let out = build_readme();
    let xhtml = xhtml_of(&written(out.path(), "epub"));
    assert!(!xhtml.contains(":+1:"), "a shortcode printed as typed");
    assert!(xhtml.contains("upvotes 👍."), "the upvote emoji is missing");
    assert!(xhtml.contains("the project. 🚀"), "the rocket is missing");
}

#[test]
fn readme_alerts_become_labelled_callouts() {
    let out = build_readme();
    let epub = written(out.path(), "epub");
    let xhtml = xhtml_of(&epub);
    assert!(!xhtml.contains("[!NOTE]"), "an alert marker printed");
    let callouts = xhtml.matches("<aside class=\"callout ").count();
    assert_eq!(callouts, 20, "every alert becomes a callout");
    assert!(xhtml.contains("<p class=\"callout-title\">Note</p>"));
    // EPUBCheck accepts the asides; the README's own URLs (`#a#b`, `\_`)
    // still fail it, so `assert_epub_valid` waits on that fix.
    if !common::have("pdftotext") {
        return;
    }
    let pdf = written(out.path(), "pdf");
    let text = common::run("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    for marker in ["[!NOTE]", "[!WARNING]", "[!IMPORTANT]"] {
        assert!(!text.contains(marker), "{marker} printed in the PDF");
    }
    let labels =
        ["Note", "Important", "Warning"].map(|w| text.lines().filter(|l| l.trim() == w).count());
    assert_eq!(labels, [5, 2, 13], "labels in the PDF");
}

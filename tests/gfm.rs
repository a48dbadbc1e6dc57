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

//! A README without a level-1 heading (all-contributors, from the corpus):
//! its level-2 headings are its chapters, all body matter, and a link to
//! GitHub's anchor of "Contributors ✨" goes to that chapter.

mod common;

use common::{epub_entries, folio, repo, stderr, written};

#[test]
fn a_readme_without_level_one_headings_is_body_chapters_with_github_links() {
    let book = repo().join("tests/corpus/github-readme/all-contributors/README.md");
    let out = tempfile::tempdir().unwrap();
    let args = [
        "build",
        book.to_str().unwrap(),
        "-o",
        out.path().to_str().unwrap(),
    ];
    let output = folio(&repo(), &[&args[..], &["--no-system-fonts"]].concat());
    let err = stderr(&output);
    assert!(output.status.success(), "{err}");
    assert!(!err.contains("`#contributors-`"), "{err}");

    let entries = epub_entries(&written(out.path(), "epub"));
    let text = |name: &str| {
        let data = &entries.iter().find(|(n, _)| n.ends_with(name)).unwrap().1;
        String::from_utf8(data.clone()).unwrap()
    };
    assert!(
        !entries.iter().any(|(n, _)| n.contains("front")),
        "no front matter: {:?}",
        entries.iter().map(|(n, _)| n).collect::<Vec<_>>()
    );
    let nav = text("nav.xhtml");
    let chapter_of = |title: &str| {
        let at = nav
            .find(&format!("\">{title}</a>"))
            .unwrap_or_else(|| panic!("{nav}"));
        let href = &nav[..at];
        href[href.rfind("href=\"").unwrap() + 6..].to_string()
    };
    let contributors = chapter_of("Contributors ✨");
    assert_ne!(contributors, chapter_of("Specification"));
    // The badge near the top links to the Contributors chapter.
    assert!(
        text("ch01.xhtml").contains(&format!("<a href=\"{contributors}\"")),
        "the #contributors- link is not to {contributors}"
    );

    // Body matter: the first chapter's page is numbered 1.
    let Some(labels) = page_labels(&written(out.path(), "pdf")) else {
        return;
    };
    assert!(labels.contains(&"1".to_string()), "{labels:?}");
}

/// The PDF's page labels, by PyMuPDF.
fn page_labels(pdf: &std::path::Path) -> Option<Vec<String>> {
    let script = "import sys, pymupdf\nfor p in pymupdf.open(sys.argv[1]): print(p.get_label())";
    let out = std::process::Command::new("python3")
        .args(["-c", script, pdf.to_str().unwrap()])
        .output()
        .ok()?;
    if !out.status.success() {
        eprintln!("SKIPPED: pymupdf: {}", String::from_utf8_lossy(&out.stderr));
        return None;
    }
    Some(
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect(),
    )
}

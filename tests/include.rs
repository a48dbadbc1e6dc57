//! mdBook's `{{#include}}` family in a real book: the Korean Rust book
//! excerpt has 54 directives into its `listings/` folder. Built, none may
//! print literally and the listings' code must be in both outputs.

mod common;

use std::path::{Path, PathBuf};

use common::{epub_entries, folio, have, repo, run, squash, stderr};

/// Where `folio build` wrote the file with extension `ext` in `dir`.
fn written(dir: &Path, ext: &str) -> PathBuf {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == ext))
        .unwrap_or_else(|| panic!("no .{ext} written in {}", dir.display()))
}

#[test]
fn ko_tech_listings_are_included() {
    let book = repo().join("tests/corpus/ko-tech");
    let out = tempfile::tempdir().unwrap();
    let output = folio(
        &repo(),
        &[
            "build",
            book.to_str().unwrap(),
            "-o",
            out.path().to_str().unwrap(),
            "--no-system-fonts",
        ],
    );
    let err = stderr(&output);
    assert!(output.status.success(), "{err}");
    assert!(!err.contains("`{{#"), "every directive resolves:\n{err}");

    // A line only listing 08-04 has, taken by `{{#rustdoc_include …:here}}`.
    let listed = "There is no third element.";
    let xhtml: String = epub_entries(&written(out.path(), "epub"))
        .into_iter()
        .filter(|(name, _)| name.ends_with(".xhtml"))
        .map(|(_, data)| String::from_utf8(data).unwrap())
        .collect();
    assert!(!xhtml.contains("{{#"), "a directive printed in the EPUB");
    assert!(
        !xhtml.contains("ANCHOR"),
        "an anchor comment printed in the EPUB"
    );
    assert!(
        xhtml.contains(listed),
        "listing 08-04 missing from the EPUB"
    );

    if !have("pdftotext") {
        return;
    }
    let pdf = written(out.path(), "pdf");
    let text = run("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(!text.contains("{{#"), "a directive printed in the PDF");
    assert!(
        !text.contains("ANCHOR"),
        "an anchor comment printed in the PDF"
    );
    assert!(
        squash(&text).contains(&squash(listed)),
        "listing 08-04 missing from the PDF"
    );
}

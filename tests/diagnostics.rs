//! A book with hundreds of warnings of a few kinds: the terminal shows a
//! short, grouped summary; `--verbose` shows every warning.

mod common;

use common::{folio, stderr};

const CHAPTERS: usize = 20;
const IMAGES_PER_CHAPTER: usize = 12;
const NOTES_PER_CHAPTER: usize = 8;

/// An mdBook whose every chapter has missing images and footnote
/// references without definitions.
fn noisy_book() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    std::fs::create_dir_all(&src).unwrap();
    let mut summary = String::from("# Summary\n\n");
    for c in 1..=CHAPTERS {
        summary.push_str(&format!("- [Chapter {c}](ch{c}.md)\n"));
        let mut text = format!("# Chapter {c}\n\n");
        for i in 1..=IMAGES_PER_CHAPTER {
            text.push_str(&format!("Figure ![fig](missing-{c}-{i}.png) here.\n\n"));
        }
        for i in 1..=NOTES_PER_CHAPTER {
            text.push_str(&format!("A claim.[^gone{c}x{i}]\n\n"));
        }
        std::fs::write(src.join(format!("ch{c}.md")), text).unwrap();
    }
    std::fs::write(src.join("SUMMARY.md"), summary).unwrap();
    std::fs::write(dir.path().join("book.toml"), "[book]\ntitle = \"Noisy\"\n").unwrap();
    dir
}

#[test]
fn hundreds_of_warnings_are_grouped_by_kind_and_verbose_shows_all() {
    let dir = noisy_book();
    let (images, notes) = (CHAPTERS * IMAGES_PER_CHAPTER, CHAPTERS * NOTES_PER_CHAPTER);
    let args = ["build", ".", "--format", "epub", "--no-system-fonts"];
    let out = folio(dir.path(), &args);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.lines().count() <= 30,
        "{} lines:\n{err}",
        err.lines().count()
    );

    // Each kind is named with how many more there are: those shown in
    // full plus the counted rest make up every warning.
    for (total, message, kind) in [
        (
            images,
            "warning: image left out: `missing-",
            "image left out: `…` does not exist",
        ),
        (
            notes,
            "warning: footnote reference [^gone",
            "footnote reference [^…] has no definition",
        ),
    ] {
        let shown = err.matches(message).count();
        assert!(shown >= 1, "{kind} never shown in full:\n{err}");
        let summary = format!("warning: {} more like this", total - shown);
        assert!(err.contains(&summary), "no {summary:?}:\n{err}");
    }
    assert!(err.contains("--verbose"), "{err}");
    // The first warning is printed as always: message, place, source line.
    assert!(
        err.contains("warning: image left out: `missing-1-1.png` does not exist\n  --> "),
        "{err}"
    );
    assert!(err.contains("ch1.md:3\n"), "{err}");

    let verbose = folio(dir.path(), &[&args[..], &["--verbose"]].concat());
    let all = stderr(&verbose);
    assert_eq!(verbose.status.code(), Some(0), "{all}");
    assert_eq!(
        all.matches("warning: image left out: `missing-").count(),
        images
    );
    assert_eq!(
        all.matches("warning: footnote reference [^gone").count(),
        notes
    );
    assert!(!all.contains(" more like "), "{all}");
}

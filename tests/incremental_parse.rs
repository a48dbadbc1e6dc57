//! A watch session's parse (issue 13): after every edit, the Book parsed
//! with the files kept from earlier builds equals the Book of a clean
//! parse, with the same diagnostics in the same order, and only the files
//! the edit touched (or whose ids, images or macros it changed) are parsed
//! again.

use std::collections::BTreeMap;
use std::path::Path;

use folio::book::Book;
use folio::diagnostics::{Diagnostic, Diagnostics};
use folio::parse::{ParseOptions, Reuse};
use folio::world::Memory;
use proptest::prelude::*;

/// A book in memory: file name → text; `book.toml` lists the chapters.
#[derive(Clone)]
struct Manuscript {
    chapters: Vec<String>,
    files: BTreeMap<String, String>,
}

impl Manuscript {
    fn new(chapters: &[(&str, &str)]) -> Self {
        let mut files = BTreeMap::new();
        files.insert(
            "pic.svg".to_string(),
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="5" height="5"/></svg>"#
                .to_string(),
        );
        files.insert(
            "bad.svg".to_string(),
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>x()</script></svg>"#
                .to_string(),
        );
        for (name, text) in chapters {
            files.insert(name.to_string(), text.to_string());
        }
        Manuscript {
            chapters: chapters.iter().map(|(n, _)| n.to_string()).collect(),
            files,
        }
    }

    fn set(&mut self, name: &str, text: &str) {
        self.files.insert(name.to_string(), text.to_string());
    }

    fn edit(&mut self, name: &str, from: &str, to: &str) {
        let text = self.files[name].clone();
        assert!(text.contains(from), "{name} has no {from:?}");
        self.set(name, &text.replacen(from, to, 1));
    }

    fn world(&self) -> Memory {
        let mut world = Memory::new();
        let list: Vec<String> = self.chapters.iter().map(|c| format!("{c:?}")).collect();
        let toml = format!(
            "[book]\ntitle = \"Reuse\"\nlanguage = \"en\"\n\n[folio]\nchapters = [{}]\n",
            list.join(", ")
        );
        world.insert("book/book.toml", toml);
        for (name, text) in &self.files {
            world.insert(Path::new("book").join(name), text.as_str());
        }
        world
    }
}

type Parse = folio::Result<(Book, Vec<Diagnostic>)>;

fn parse(manuscript: &Manuscript, reuse: &Reuse) -> Parse {
    let world = manuscript.world();
    let loaded = folio::load::load_in(&world, Path::new("book"))?;
    let diagnostics = Diagnostics::default();
    let options = ParseOptions::default();
    let book = folio::parse::parse_with(&loaded, &world, &options, &diagnostics, reuse)?;
    Ok((book, diagnostics.into_vec()))
}

/// Parses with `reuse` and cleanly; both must agree. Returns how many
/// files were reused.
fn step(manuscript: &Manuscript, reuse: &Reuse, what: &str) -> usize {
    let clean = parse(manuscript, &Reuse::default());
    let kept = parse(manuscript, reuse);
    match (clean, kept) {
        (Ok((clean_book, clean_diags)), Ok((kept_book, kept_diags))) => {
            assert_eq!(kept_diags, clean_diags, "{what}: diagnostics differ");
            assert!(kept_book == clean_book, "{what}: the Books differ");
        }
        (Err(clean), Err(kept)) => {
            assert_eq!(kept.to_string(), clean.to_string(), "{what}")
        }
        (clean, kept) => panic!(
            "{what}: clean {:?}, reused {:?}",
            clean.map(|_| ()),
            kept.map(|_| ())
        ),
    }
    reuse.reused()
}

fn start() -> Manuscript {
    Manuscript::new(&[
        (
            "01.md",
            "# Intro\n\nThe start[^a]. See [usage](03.md#usage).\n\n\
             [^a]: First note.\n\n## Scope\n\nText <marquee>moving</marquee>.\n",
        ),
        (
            "02.md",
            "# Setup\n\nA paragraph to edit.\n\nA note here[^b] and again[^b].\n\n\
             [^b]: Second note, with a [^nested] one.\n\n[^nested]: Inside.\n\n\
             ![a picture](pic.svg)\n\n#### Jump\n\nA [missing](#nowhere) anchor.\n",
        ),
        (
            "03.md",
            "# Usage\n\n## Intro\n\nMath $\\R^2$ and a [back link](01.md#scope).\n\n\
             A third note[^c].\n\n[^c]: Third.\n\n![bad](bad.svg)\n\n<marquee>again</marquee>\n",
        ),
        (
            "04.md",
            "# Last\n\nA fourth note[^d] and an undefined [^nope].\n\n[^d]: Fourth.\n\n\
             [^unused]: Never referenced.\n\n## Usage\n",
        ),
    ])
}

#[test]
fn every_edit_parses_as_a_clean_build() {
    let reuse = Reuse::default();
    let mut book = start();
    assert_eq!(step(&book, &reuse, "first build"), 0);
    assert_eq!(step(&book, &reuse, "nothing changed"), 4);

    book.edit("02.md", "A paragraph to edit.", "A paragraph, edited.");
    assert_eq!(step(&book, &reuse, "a paragraph"), 3, "only 02.md again");

    book.edit(
        "01.md",
        "The start[^a].",
        "The start[^a][^new].\n\n[^new]: Added.\n",
    );
    assert_eq!(
        step(&book, &reuse, "a footnote added"),
        3,
        "later notes renumbered"
    );
    book.edit("01.md", "[^a][^new].\n\n[^new]: Added.\n", "[^a].");
    assert_eq!(step(&book, &reuse, "a footnote removed"), 3);

    // 03.md's `usage` becomes `usage-2`, and 04.md's `usage-3`.
    book.edit("02.md", "#### Jump", "## Usage\n\n### Jump");
    assert_eq!(step(&book, &reuse, "a colliding heading"), 1);
    book.edit("02.md", "## Usage\n\n### Jump", "#### Jump");
    step(&book, &reuse, "the colliding heading removed");

    book.edit(
        "01.md",
        "# Intro\n",
        "# Intro\n\n$\\newcommand{\\R}{\\mathbb{R}}$\n",
    );
    let reused = step(&book, &reuse, "a macro for a later file");
    assert!(reused >= 2, "02.md and 04.md use no math: {reused}");
    book.edit(
        "01.md",
        "$\\newcommand{\\R}{\\mathbb{R}}$",
        "$\\newcommand{\\R}{\\mathbf{R}}$",
    );
    step(&book, &reuse, "the macro changed");

    book.set(
        "bad.svg",
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>"#,
    );
    step(&book, &reuse, "an image changed");
    book.files.remove("pic.svg");
    step(&book, &reuse, "an image deleted");

    book.set("02.md", "---\ntitle: [unclosed\n---\n# Setup\n");
    step(&book, &reuse, "broken front matter");
    book.set("02.md", "# Setup\n\nFixed[^b].\n\n[^b]: Back.\n");
    step(&book, &reuse, "fixed");

    let text = book.files.remove("04.md").unwrap_or_default();
    book.files.insert("05.md".into(), text);
    book.chapters[3] = "05.md".into();
    step(&book, &reuse, "a file renamed");
    book.chapters.remove(2);
    step(&book, &reuse, "a file deleted");
    assert_eq!(step(&book, &reuse, "settled"), 3);
}

#[test]
fn a_file_that_stops_using_a_macro_is_parsed_with_the_new_ones() {
    let reuse = Reuse::default();
    let mut book = Manuscript::new(&[
        ("a.md", "# A\n\n$\\def\\x{y}$\n"),
        ("b.md", "# B\n\nNo math.\n"),
        ("c.md", "# C\n\n$\\x$\n"),
    ]);
    step(&book, &reuse, "first");
    book.edit("a.md", "$\\def\\x{y}$", "$\\def\\x{z}$");
    assert_eq!(step(&book, &reuse, "redefined"), 1, "only b.md is kept");
}

/// Pieces a chapter is made of; the property test edits chapters by
/// swapping pieces.
const PIECES: &[&str] = &[
    "A plain paragraph.\n",
    "## Intro\n",
    "## Usage {#usage}\n",
    "A note[^x].\n\n[^x]: The note.\n",
    "Two notes[^y][^z].\n\n[^y]: Why.\n\n[^z]: Zed.\n",
    "$\\newcommand{\\k}{K}$\n",
    "Uses $\\k + 1$.\n",
    "![pic](pic.svg)\n",
    "![bad](bad.svg)\n",
    "[to usage](b.md#usage) and [to intro](#intro)\n",
    "<marquee>x</marquee>\n",
    "::: {#box .note}\nIn a div.\n:::\n",
    "#### Jump\n",
    "[^unused]: Nobody.\n",
    "[to c](c.md), [nowhere](missing.md), [page](a.html#intro)\n",
    "An inline note^[Said inline.] here.\n",
    "<a id=\"old-name\"></a>\n\n## Renamed\n",
    "[old](#old-name) and [box](#box)\n",
    "$$\\k^2$$\n",
];

fn chapter(title: &str, pieces: &[usize]) -> String {
    let mut text = format!("# {title}\n\n");
    for &p in pieces {
        text.push_str(PIECES[p % PIECES.len()]);
        text.push('\n');
    }
    text
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn random_edits_parse_as_clean_builds(
        first in proptest::collection::vec(proptest::collection::vec(0..PIECES.len(), 0..5), 3),
        edits in proptest::collection::vec((0..3usize, proptest::collection::vec(0..PIECES.len(), 0..5)), 1..6),
    ) {
        let names = ["a.md", "b.md", "c.md"];
        let texts: Vec<String> = (0..3).map(|i| chapter(names[i], &first[i])).collect();
        let mut book = Manuscript::new(&[
            (names[0], &texts[0]),
            (names[1], &texts[1]),
            (names[2], &texts[2]),
        ]);
        let reuse = Reuse::default();
        step(&book, &reuse, "first");
        for (n, (file, pieces)) in edits.iter().enumerate() {
            book.set(names[*file], &chapter(names[*file], pieces));
            step(&book, &reuse, &format!("edit {n}"));
        }
    }
}

/// The whole of `build::prepare_with` (load, parse, highlight, fonts) in
/// a session: the Book, its highlighted listings and the diagnostics are a
/// clean build's after each edit.
#[test]
fn a_session_prepares_what_a_clean_build_does() {
    let mut book = start();
    book.set(
        "05.md",
        "# Code\n\n```rust\nfn main() {}\n```\n\n```python\nx = 1\n```\n",
    );
    book.chapters.push("05.md".into());
    let options = folio::build::BuildOptions {
        formats: vec![folio::build::Format::Epub],
        ..folio::build::BuildOptions::new("book".into(), "dist".into(), Some(0))
    };
    let reuse = folio::build::Reuse::default();
    for (n, (from, to)) in [
        ("", ""),
        ("fn main() {}", "fn main() { let s = \"new\"; }"),
        (
            "A paragraph to edit.",
            "An edited paragraph[^e].\n\n[^e]: New note.",
        ),
    ]
    .into_iter()
    .enumerate()
    {
        if !from.is_empty() {
            let file = if from.starts_with("fn") {
                "05.md"
            } else {
                "02.md"
            };
            book.edit(file, from, to);
        }
        let world = book.world();
        let clean = folio::build::prepare_in(&world, &options).expect("clean");
        let kept = folio::build::prepare_with(&world, &options, &reuse).expect("kept");
        assert!(kept.book == clean.book, "step {n}: the Books differ");
        assert!(!kept.book.code.is_empty(), "step {n}: listings highlighted");
        assert_eq!(
            kept.diagnostics.snapshot(),
            clean.diagnostics.snapshot(),
            "step {n}"
        );
    }
    assert_eq!(reuse.parse.reused(), 4, "only 02.md parsed again");
}

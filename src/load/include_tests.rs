use super::*;

const LISTING: &str = "use std::io;\n// ANCHOR: here\nfn main() {\n    // ANCHOR: inner\n    let x = 1;\n    // ANCHOR_END: inner\n}\n// ANCHOR_END: here\n";

/// A book folder `book/` with `src/ch.md` (the given body) and
/// `listings/a.rs`; returns the temp dir, the chapter and the book root.
fn book(body: &str) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("book");
    std::fs::create_dir_all(root.join("src")).unwrap();
    std::fs::create_dir_all(root.join("listings")).unwrap();
    std::fs::write(root.join("listings/a.rs"), LISTING).unwrap();
    let chapter = root.join("src/ch.md");
    std::fs::write(&chapter, body).unwrap();
    (dir, chapter, root)
}

fn run(body: &str) -> Expanded {
    let (_dir, chapter, root) = book(body);
    expand(&crate::world::Disk, body, &chapter, &root, 0)
}

fn text_of(directive: &str) -> String {
    let e = run(&format!("{directive}\n"));
    assert!(e.warnings.is_empty(), "{:?}", e.warnings);
    e.text.trim_end_matches('\n').to_string()
}

#[test]
fn whole_file_and_line_forms() {
    let whole = text_of("{{#include ../listings/a.rs}}");
    assert_eq!(whole, LISTING.trim_end());
    assert_eq!(text_of("{{#include ../listings/a.rs:3}}"), "fn main() {");
    assert_eq!(
        text_of("{{#include ../listings/a.rs:3:5}}"),
        "fn main() {\n    // ANCHOR: inner\n    let x = 1;"
    );
    assert_eq!(
        text_of("{{#include ../listings/a.rs:7:}}"),
        "}\n// ANCHOR_END: here"
    );
    assert_eq!(
        text_of("{{#include ../listings/a.rs::2}}"),
        "use std::io;\n// ANCHOR: here"
    );
}

#[test]
fn anchor_drops_every_anchor_line() {
    assert_eq!(
        text_of("{{#include ../listings/a.rs:here}}"),
        "fn main() {\n    let x = 1;\n}"
    );
    assert_eq!(
        text_of("{{#include ../listings/a.rs:inner}}"),
        "    let x = 1;"
    );
}

#[test]
fn rustdoc_include_hides_lines_outside_the_range() {
    assert_eq!(
        text_of("{{#rustdoc_include ../listings/a.rs:inner}}"),
        "# use std::io;\n# fn main() {\n    let x = 1;\n# }"
    );
    assert_eq!(
        text_of("{{#rustdoc_include ../listings/a.rs:1:1}}"),
        "use std::io;\n# // ANCHOR: here\n# fn main() {\n#     // ANCHOR: inner\n#     let x = 1;\n#     // ANCHOR_END: inner\n# }\n# // ANCHOR_END: here"
    );
}

#[test]
fn playground_ignores_attributes() {
    assert_eq!(
        text_of("{{#playground ../listings/a.rs:inner editable}}"),
        "    let x = 1;"
    );
}

#[test]
fn title_is_taken_and_removed() {
    let e = run("{{#title Custom Title}}\n# Heading\n");
    assert_eq!(e.title.as_deref(), Some("Custom Title"));
    assert_eq!(e.text, "\n# Heading\n");
}

#[test]
fn escaped_directive_is_kept_without_backslash() {
    let e = run("see \\{{#include ../listings/a.rs}} here\n");
    assert_eq!(e.text, "see {{#include ../listings/a.rs}} here\n");
    assert!(e.warnings.is_empty());
}

fn warned(body: &str, expect: &str) {
    let e = run(body);
    assert_eq!(e.text, body, "directive kept as text");
    assert_eq!(e.warnings.len(), 1, "{:?}", e.warnings);
    let w = e.warnings[0].to_string();
    assert!(w.contains("ch.md:3"), "{w}");
    assert!(w.contains(expect), "{w}");
}

#[test]
fn missing_file_anchor_or_line_warns_and_keeps_text() {
    warned("a\n\n{{#include ../listings/gone.rs}}\n", "does not exist");
    warned(
        "a\n\n{{#include ../listings/a.rs:nope}}\n",
        "no `ANCHOR: nope`",
    );
    warned(
        "a\n\n{{#include ../listings/a.rs:20}}\n",
        "file has 8 lines",
    );
    warned("a\n\n{{#include ../listings/a.rs:2:99}}\n", "lines 2–99");
    warned(
        "a\n\n{{#include ../listings/a.rs:0}}\n",
        "not a line number",
    );
}

#[test]
fn paths_stay_inside_the_book() {
    let (dir, chapter, root) = book("");
    std::fs::write(dir.path().join("secret.txt"), "SECRET").unwrap();
    for body in [
        "a\n\n{{#include ../../secret.txt}}\n",
        "a\n\n{{#include ../../../../../../../../etc/passwd}}\n",
    ] {
        let e = expand(&crate::world::Disk, body, &chapter, &root, 0);
        assert_eq!(e.text, body);
        assert_eq!(e.warnings.len(), 1, "{:?}", e.warnings);
        assert!(!e.text.contains("SECRET") && !e.text.contains("root:"));
    }
    let e = expand(
        &crate::world::Disk,
        "a\n\n{{#include ../../secret.txt}}\n",
        &chapter,
        &root,
        0,
    );
    assert!(e.warnings[0]
        .to_string()
        .contains("outside the book folder"));
}

#[test]
fn nested_includes_and_cycles() {
    let (_dir, chapter, root) = book("");
    std::fs::write(
        root.join("listings/outer.md"),
        "outer\n{{#include a.rs:inner}}",
    )
    .unwrap();
    std::fs::write(root.join("listings/loop.md"), "loop\n{{#include loop.md}}").unwrap();
    let e = expand(
        &crate::world::Disk,
        "{{#include ../listings/outer.md}}\n",
        &chapter,
        &root,
        0,
    );
    assert_eq!(e.text, "outer\n    let x = 1;\n");
    assert!(e.warnings.is_empty());
    let e = expand(
        &crate::world::Disk,
        "x\n{{#include ../listings/loop.md}}\n",
        &chapter,
        &root,
        0,
    );
    assert_eq!(e.text, "x\nloop\n{{#include loop.md}}\n");
    let w = e.warnings[0].to_string();
    assert!(
        w.contains("cycle") && w.contains("ch.md:2") && w.contains("loop.md"),
        "{w}"
    );
}

#[test]
fn line_map_points_included_lines_at_the_directive() {
    let e = run("a\n\n```\n{{#include ../listings/a.rs:here}}\n```\nafter\n");
    assert_eq!(
        e.text,
        "a\n\n```\nfn main() {\n    let x = 1;\n}\n```\nafter\n"
    );
    // Lines 4–6 of the expanded text came from the directive on line 4.
    assert_eq!(e.line_map, [1, 2, 3, 4, 4, 4, 5, 6, 7]);
}

#[test]
fn front_matter_offset_moves_warning_lines() {
    let (_dir, chapter, root) = book("");
    let e = expand(
        &crate::world::Disk,
        "{{#include gone.rs}}\n",
        &chapter,
        &root,
        4,
    );
    assert!(
        e.warnings[0].to_string().contains("ch.md:5"),
        "{:?}",
        e.warnings
    );
}

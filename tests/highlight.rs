//! Highlighted code in both outputs: token classes in the EPUB for every
//! language folio knows (`tests/data/highlight/languages.md`), span colours
//! in the PDF (PyMuPDF), the info string's extras, long lines wrapped at
//! spaces with a hanging mark (glyph positions), and a real Rust book from
//! the corpus.

mod common;
#[allow(dead_code)]
mod pdf_tools;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{assert_epub_valid, epub_entries, folio, repo, stderr, written};
use pdf_tools::{glyphs, Glyph};

const MONO: &str = "FolioMono-Regular";

/// Builds a one-chapter book from `chapter` with `toml` added to its
/// book.toml; returns the output folder and folio's stderr.
fn build(dir: &Path, chapter: &str, toml: &str, args: &[&str]) -> (PathBuf, String) {
    let book = dir.join("book");
    std::fs::create_dir_all(&book).unwrap();
    let config = format!(
        "[book]\ntitle = \"Code\"\nlanguage = \"en\"\n[folio]\nchapters = [\"01.md\"]\n{toml}"
    );
    std::fs::write(book.join("book.toml"), config).unwrap();
    std::fs::write(book.join("01.md"), chapter).unwrap();
    let out = dir.join("out");
    let mut all = vec![
        "build",
        book.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--no-system-fonts",
    ];
    all.extend_from_slice(args);
    let output = folio(&repo(), &all);
    assert!(output.status.success(), "{}", stderr(&output));
    (out, stderr(&output))
}

/// Every XHTML document of the EPUB, joined.
fn xhtml(epub: &Path) -> String {
    epub_entries(epub)
        .into_iter()
        .filter(|(name, _)| name.ends_with(".xhtml"))
        .map(|(_, data)| String::from_utf8(data).unwrap())
        .collect()
}

fn stylesheet(epub: &Path) -> String {
    epub_entries(epub)
        .into_iter()
        .find(|(name, _)| name.ends_with(".css"))
        .map(|(_, data)| String::from_utf8(data).unwrap())
        .unwrap()
}

/// (language class, inner XHTML) of every code block.
fn listings(xhtml: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for part in xhtml.split("<pre").skip(1) {
        let lang = part
            .split("class=\"language-")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .unwrap_or("")
            .to_string();
        let body = part.split("</pre>").next().unwrap_or("").to_string();
        out.push((lang, body));
    }
    out
}

/// One text span of the PDF, as `tests/tools/pdfspans.py` reads it.
#[derive(Debug)]
struct Span {
    font: String,
    color: u32,
    text: String,
}

/// The spans of `pdf`; `None` (loudly) when PyMuPDF is missing.
fn spans(pdf: &Path) -> Option<Vec<Span>> {
    let script = repo().join("tests/tools/pdfspans.py");
    let out = Command::new("python3").arg(script).arg(pdf).output().ok()?;
    let err = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() && err.contains("No module named 'pymupdf'") {
        assert!(
            std::env::var_os("CI").is_none(),
            "PyMuPDF is required in CI"
        );
        eprintln!("\n*** SKIPPED: PyMuPDF is not installed ***\n");
        return None;
    }
    assert!(out.status.success(), "pdfspans.py failed: {err}");
    let spans = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            Span {
                font: v["font"].as_str().unwrap_or("").to_string(),
                color: v["color"].as_u64().unwrap_or(0) as u32,
                text: v["text"].as_str().unwrap_or("").to_string(),
            }
        })
        .collect();
    Some(spans)
}

/// A gray level (PyMuPDF's gray-to-sRGB conversion may differ by one
/// between channels).
fn is_gray(color: u32) -> bool {
    let (r, g, b) = (color >> 16, (color >> 8) & 0xff, color & 0xff);
    r.abs_diff(g) <= 2 && g.abs_diff(b) <= 2 && r.abs_diff(b) <= 2
}

fn languages_md() -> String {
    std::fs::read_to_string(repo().join("tests/data/highlight/languages.md")).unwrap()
}

#[test]
fn every_language_gives_classified_tokens_in_the_epub() {
    let dir = tempfile::tempdir().unwrap();
    let md = languages_md();
    let (out, warnings) = build(dir.path(), &md, "", &["--format", "epub"]);
    assert!(!warnings.contains("warning"), "{warnings}");
    let epub = written(&out, "epub");
    let blocks = listings(&xhtml(&epub));
    let fences = md.lines().filter(|l| l.starts_with("```") && l.len() > 3);
    let expected: Vec<String> = fences.map(|l| l[3..].to_string()).collect();
    assert!(expected.len() >= 50, "{} languages", expected.len());
    assert_eq!(blocks.len(), expected.len());
    let mut plain = Vec::new();
    for ((lang, body), want) in blocks.iter().zip(&expected) {
        assert_eq!(lang, want);
        if !body.contains("<span class=\"hl-") {
            plain.push(lang.clone());
        }
    }
    assert!(plain.is_empty(), "no classified token in: {plain:?}");
    let all = xhtml(&epub);
    assert!(all.contains("<span class=\"hl-keyword\">fn</span>"));
    assert!(all.contains("<span class=\"hl-comment\">// answer</span>"));
    assert!(all.contains("<span class=\"hl-string\">&quot;folio&quot;</span>"));
    let css = stylesheet(&epub);
    // Readable without colour (e-ink): comments italic, keywords bold; and
    // light colours in dark mode.
    assert!(css.contains("pre.hl .hl-comment { color: #5c6670; font-style: italic; }"));
    assert!(css.contains("pre.hl .hl-keyword { color: #b0203a; font-weight: bold; }"));
    assert!(css.contains("@media (prefers-color-scheme: dark)"));
    assert_epub_valid(&epub);
}

#[test]
fn info_string_extras_are_dropped_and_unknown_languages_stay_plain() {
    let dir = tempfile::tempdir().unwrap();
    let md =
        "# Info\n\n```rust,ignore\nfn a() {}\n```\n\n```c [kernel.c] {1,5-26}\nint x = 1;\n```\n\n\
              ```ts:line-numbers {1}\nlet x: number = 1;\n```\n\n```{.python}\nimport os\n```\n\n\
              ```klingon\nqapla' batlh\n```\n\n```\nno language\n```\n";
    let (out, warnings) = build(dir.path(), md, "", &["--format", "epub"]);
    assert!(
        !warnings.contains("warning"),
        "no note for klingon: {warnings}"
    );
    let all = xhtml(&written(&out, "epub"));
    let blocks = listings(&all);
    let langs: Vec<&str> = blocks.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(langs, ["rust", "c", "ts", "python", "klingon", ""]);
    for (lang, body) in &blocks[..4] {
        assert!(
            body.contains("<span class=\"hl-keyword\">"),
            "{lang}: {body}"
        );
    }
    for (_, body) in &blocks[4..] {
        assert!(!body.contains("<span"), "{body}");
    }
    assert!(all.contains("<pre><code class=\"language-klingon\">qapla&#39; batlh\n</code></pre>"));
    assert!(!all.contains("rustignore"));
}

#[test]
fn a_book_without_highlighted_code_has_no_highlight_styles() {
    let dir = tempfile::tempdir().unwrap();
    let md = "# Plain\n\nText.\n\n```text\nplain\n```\n\n    indented\n";
    let (out, _) = build(dir.path(), md, "", &["--format", "epub"]);
    let epub = written(&out, "epub");
    assert!(!stylesheet(&epub).contains("hl-"));
    assert!(!xhtml(&epub).contains("class=\"hl"));
}

/// The mono spans of the languages book built with `toml` and `args`.
fn mono_spans(toml: &str, args: &[&str]) -> Option<Vec<Span>> {
    let dir = tempfile::tempdir().unwrap();
    let mut all = vec!["--format", "pdf"];
    all.extend_from_slice(args);
    let (out, _) = build(dir.path(), &languages_md(), toml, &all);
    let spans = spans(&written(&out, "pdf"))?;
    Some(spans.into_iter().filter(|s| s.font == MONO).collect())
}

#[test]
fn pdf_tokens_are_coloured_and_the_grayscale_theme_is_gray() {
    let Some(color) = mono_spans("", &[]) else {
        return;
    };
    let colour_of = |spans: &[Span], text: &str| {
        spans
            .iter()
            .find(|s| s.text.trim() == text)
            .map(|s| s.color)
    };
    assert_eq!(colour_of(&color, "fn"), Some(0xa3123a), "keyword");
    assert_eq!(colour_of(&color, "// answer"), Some(0x5c6670), "comment");
    assert_eq!(colour_of(&color, "\"folio\""), Some(0x0a3d78), "string");
    let hues: std::collections::BTreeSet<u32> = color.iter().map(|s| s.color).collect();
    assert!(
        hues.iter().filter(|c| !is_gray(**c)).count() >= 6,
        "{hues:x?}"
    );
    for (toml, args) in [
        ("[folio.pdf]\ncode-theme = \"grayscale\"\n", &[][..]),
        ("", &["--handout"][..]),
    ] {
        let gray = mono_spans(toml, args).unwrap();
        assert!(gray.len() > 200);
        let colored: Vec<&Span> = gray.iter().filter(|s| !is_gray(s.color)).collect();
        assert!(
            colored.is_empty(),
            "{toml}{args:?}: {:?}",
            &colored[..3.min(colored.len())]
        );
        let levels: std::collections::BTreeSet<u32> = gray.iter().map(|s| s.color).collect();
        assert!(
            levels.len() >= 4,
            "classes differ by gray level: {levels:x?}"
        );
    }
}

#[test]
fn a_bad_code_theme_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book");
    std::fs::create_dir_all(&book).unwrap();
    std::fs::write(
        book.join("book.toml"),
        "[book]\ntitle = \"T\"\n[folio]\nchapters = [\"01.md\"]\n[folio.pdf]\ncode-theme = \"neon\"\n",
    )
    .unwrap();
    std::fs::write(book.join("01.md"), "# A\n").unwrap();
    let out = folio(
        &repo(),
        &["build", book.to_str().unwrap(), "-o", "/dev/null/x"],
    );
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("book.toml") && err.contains("neon"), "{err}");
}

/// The lines of mono text in page order: (y, glyphs left to right).
fn mono_lines(glyphs: &[Glyph]) -> Vec<(usize, f32, Vec<&Glyph>)> {
    let mut lines: Vec<(usize, f32, Vec<&Glyph>)> = Vec::new();
    for g in glyphs.iter().filter(|g| g.font == MONO) {
        match lines
            .iter_mut()
            .find(|(p, y, _)| *p == g.page && (y - g.y).abs() < 0.5)
        {
            Some((_, _, line)) => line.push(g),
            None => lines.push((g.page, g.y, vec![g])),
        }
    }
    for (_, _, line) in &mut lines {
        line.sort_by(|a, b| a.x.total_cmp(&b.x));
    }
    lines.sort_by(|a, b| (a.0, a.1).partial_cmp(&(b.0, b.1)).unwrap());
    lines
}

fn text_of(line: &[&Glyph]) -> String {
    line.iter().map(|g| g.c.as_str()).collect()
}

#[test]
fn long_lines_wrap_at_spaces_with_a_hanging_indent_and_a_mark() {
    let shell = "curl --silent --show-error --location https://example.com/install.sh \
                 --output /tmp/install.sh --retry 3 --retry-delay 2 --max-time 60";
    let rust = "    let value = compute(first_argument.field.inner_value_with_a_long_name, \
                second_argument.method_call_with_a_longer_name(), third);";
    let word = "x".repeat(150);
    let md =
        format!("# Wrap\n\n```sh\n{shell}\n```\n\n```rust\n{rust}\n```\n\n```text\n{word}\n```\n");
    let dir = tempfile::tempdir().unwrap();
    let (out, _) = build(dir.path(), &md, "", &["--format", "pdf"]);
    let pdf = written(&out, "pdf");
    let Some(all) = glyphs(&pdf) else {
        return;
    };
    let lines = mono_lines(&all);
    let texts: Vec<String> = lines.iter().map(|(_, _, l)| text_of(l)).collect();
    // The shell command: broken only at spaces, nothing lost.
    let start = texts.iter().position(|t| t.starts_with("curl")).unwrap();
    let mut joined = String::new();
    let mut k = start;
    while joined.len() < shell.len() {
        joined.push_str(&texts[k]);
        k += 1;
    }
    let shell_lines = start..k;
    assert!(shell_lines.len() >= 2, "{texts:?}");
    assert_eq!(joined, shell);
    for t in &texts[shell_lines.start..shell_lines.end - 1] {
        assert!(t.ends_with(' '), "a break inside a word: {t:?}");
    }
    let column = lines[start].2[0].w;
    let x0 = lines[start].2[0].x;
    for (page, y, line) in &lines[shell_lines.start + 1..shell_lines.end] {
        // Hanging two columns in, the mark drawn (a real glyph, in some
        // face) in the indent.
        assert!(
            (line[0].x - x0 - 2.0 * column).abs() < 0.5,
            "{}",
            line[0].x - x0
        );
        let mark = all.iter().find(|g| {
            g.page == *page && (g.y - y).abs() < 0.5 && g.x < line[0].x && g.font != MONO
        });
        let mark = mark.expect("a continuation mark");
        assert!(mark.gid > 0, "the mark is a box: {mark:?}");
        assert!(mark.x >= x0 - 0.5);
    }
    // The Rust line: its indentation plus two columns; breaks at spaces or
    // between tokens, never between two letters of a name.
    let r = texts
        .iter()
        .position(|t| t.trim_start().starts_with("let value"))
        .unwrap();
    let cont = &lines[r + 1].2;
    assert!((cont[0].x - lines[r].2[0].x - 6.0 * column).abs() < 0.5);
    let word_char = |c: char| c.is_alphanumeric() || c == '_';
    let mut k = r;
    while texts[k + 1].len() + texts[k].len() > 0 && !texts[k].ends_with(';') {
        let (a, b) = (
            texts[k].chars().last().unwrap(),
            texts[k + 1].chars().next().unwrap(),
        );
        assert!(
            !(word_char(a) && word_char(b)),
            "{:?} | {:?}",
            texts[k],
            texts[k + 1]
        );
        k += 1;
    }
    // A word longer than the line is cut where it must be, and still hangs.
    let w = texts.iter().position(|t| t.starts_with("xxxx")).unwrap();
    assert!(texts[w + 1].starts_with('x'));
    assert!(lines[w + 1].2[0].x > lines[w].2[0].x + column);
}

#[test]
fn the_rust_book_listings_are_highlighted_in_both_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let book = repo().join("tests/corpus/zh-mdbook");
    let args = ["build", book.to_str().unwrap(), "-o", out.to_str().unwrap()];
    let output = folio(&repo(), &[&args[..], &["--no-system-fonts"]].concat());
    assert!(output.status.success(), "{}", stderr(&output));
    let blocks = listings(&xhtml(&written(&out, "epub")));
    let rust: Vec<&(String, String)> = blocks.iter().filter(|(l, _)| l == "rust").collect();
    assert!(rust.len() >= 20, "{} Rust listings", rust.len());
    for (_, body) in &rust {
        assert!(body.contains("<span class=\"hl-"), "{body}");
    }
    assert!(blocks
        .iter()
        .any(|(l, b)| l == "console" && b.contains("hl-")));
    let Some(spans) = spans(&written(&out, "pdf")) else {
        return;
    };
    let keywords = spans
        .iter()
        .filter(|s| s.font == MONO && s.color == 0xa3123a)
        .count();
    assert!(keywords >= 50, "{keywords} keywords in colour");
}

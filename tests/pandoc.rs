//! pandoc Markdown in pandoc's own documents (tests/corpus/pandoc-manual):
//! definition lists, fenced divs, grid tables, implicit heading
//! references and attributes must come out as a reader expects them in
//! both outputs, never as typed.

mod common;
#[allow(dead_code)]
mod pdf_tools;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::{epub_entries, folio, repo, squash, stderr, written};

const MANUAL: &str = "tests/corpus/pandoc-manual/MANUAL-excerpt.md";
const TWENTY: &str = "tests/corpus/pandoc-manual/twenty-years-of-pandoc.md";

/// One build of a corpus file, shared by the tests of this file.
struct Built {
    _dir: tempfile::TempDir,
    epub: PathBuf,
    pdf: PathBuf,
    stderr: String,
}

fn build(source: &str) -> Built {
    let dir = tempfile::tempdir().unwrap();
    let file = repo().join(source);
    let output = folio(
        &repo(),
        &[
            "build",
            file.to_str().unwrap(),
            "-o",
            dir.path().to_str().unwrap(),
            "--no-system-fonts",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    Built {
        epub: written(dir.path(), "epub"),
        pdf: written(dir.path(), "pdf"),
        stderr: stderr(&output),
        _dir: dir,
    }
}

fn manual() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| build(MANUAL))
}

fn twenty() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| build(TWENTY))
}

/// The chapter documents of `epub` (and the notes), concatenated.
fn xhtml_of(epub: &Path) -> String {
    epub_entries(epub)
        .into_iter()
        .filter(|(name, _)| name.contains("/ch") || name.ends_with("notes.xhtml"))
        .map(|(_, data)| String::from_utf8(data).unwrap())
        .collect()
}

/// The XHTML with code blocks and code spans taken out: what is left is
/// the prose a reader sees, where no Markdown source may remain.
fn prose(xhtml: &str) -> String {
    let mut out = String::new();
    let mut rest = xhtml;
    while let Some(start) = rest.find("<pre") {
        out.push_str(&rest[..start]);
        rest = rest[start..]
            .split_once("</pre>")
            .map_or("", |(_, after)| after);
    }
    out.push_str(rest);
    let mut clean = String::new();
    let mut rest = out.as_str();
    while let Some(start) = rest.find("<code>") {
        clean.push_str(&rest[..start]);
        rest = rest[start..]
            .split_once("</code>")
            .map_or("", |(_, after)| after);
    }
    clean.push_str(rest);
    clean
}

fn pdf_text(pdf: &Path) -> Option<String> {
    common::have("pdftotext").then(|| common::run("pdftotext", &[pdf.to_str().unwrap(), "-"]))
}

fn source(path: &str) -> String {
    std::fs::read_to_string(repo().join(path)).unwrap()
}

#[test]
fn manual_definition_lists_are_lists() {
    let xhtml = xhtml_of(&manual().epub);
    // 108 definitions start a line (`^:   `, the corpus README's count),
    // three more are nested in a definition (`^    :   ` outside code),
    // and the Math section writes 15 with pandoc's `~` marker.
    let source = source(MANUAL);
    let top = source.lines().filter(|l| l.starts_with(":   ")).count();
    let tilde = source.lines().filter(|l| l.starts_with("  ~ ")).count();
    assert_eq!((top, tilde), (108, 15));
    assert_eq!(xhtml.matches("<dt>").count(), top + 3 + tilde);
    assert_eq!(xhtml.matches("<dd>").count(), top + 3 + tilde);
    assert!(xhtml.contains("<dd>\n<p>It will appear verbatim surrounded by <code>\\(...\\)</code>"));
    assert!(xhtml.contains("<dt><code>-f</code> <em>FORMAT</em>, <code>-r</code> <em>FORMAT</em>"));
    assert!(
        !prose(&xhtml).contains("\n:   "),
        "a definition marker printed"
    );

    let Some(text) = pdf_text(&manual().pdf) else {
        return;
    };
    assert!(
        text.contains("Specify input format. FORMAT can be:"),
        "definition text in the PDF"
    );
    // The term is bold, its definition indented under it.
    let Some(glyphs) = pdf_tools::glyphs(&manual().pdf) else {
        return;
    };
    let first = |word: &str, after: usize| {
        let chars: Vec<char> = word.chars().collect();
        (after..glyphs.len())
            .find(|&i| {
                chars
                    .iter()
                    .enumerate()
                    .all(|(k, c)| glyphs.get(i + k).is_some_and(|g| g.c == c.to_string()))
            })
            .unwrap_or_else(|| panic!("{word} not drawn"))
    };
    let boxes = pdf_tools::tofu(&glyphs);
    assert!(boxes.is_empty(), "drawn as boxes: {boxes:?}");
    let term = first("FORMAT,", 0);
    let definition = first("Specify", term);
    assert!(
        glyphs[term].font.contains("Bold"),
        "term font {}",
        glyphs[term].font
    );
    assert!(!glyphs[definition].font.contains("Bold"));
    let term_left = glyphs[..term]
        .iter()
        .rev()
        .take_while(|g| (g.y - glyphs[term].y).abs() < 1.0)
        .map(|g| g.x)
        .fold(glyphs[term].x, f32::min);
    assert!(
        glyphs[definition].x > term_left + 10.0,
        "definition at {} not indented past the term at {term_left}",
        glyphs[definition].x
    );
    // Items are parted more than a term from its definition.
    let give = first("Give", 0);
    let quiet = first("--quiet", give);
    let suppress = first("Suppress", quiet);
    let (before, after) = (
        glyphs[quiet].y - glyphs[give].y,
        glyphs[suppress].y - glyphs[quiet].y,
    );
    assert!(
        before > after + 2.0,
        "item gap {before}, term to definition {after}"
    );
}

/// Builds `text` as the single-file book `pandoc.md`.
fn build_text(text: &str) -> Built {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("pandoc.md");
    std::fs::write(&file, text).unwrap();
    let output = folio(
        dir.path(),
        &["build", "pandoc.md", "-o", "out", "--no-system-fonts"],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    Built {
        epub: written(&dir.path().join("out"), "epub"),
        pdf: written(&dir.path().join("out"), "pdf"),
        stderr: stderr(&output),
        _dir: dir,
    }
}

#[test]
fn pandoc_constructs_in_both_outputs() {
    let built = build_text(
        "% Twenty Years\n% John MacFarlane\n\n# One\n\nWater is H~2~O and 2^10^ is 1024.^[An *inline* note.]\n\n\
         ::: {.warning}\nMind the gap.\n:::\n\n| The limerick packs laughs anatomical\n|    In space that is quite economical.\n\n\
         [Small caps]{.smallcaps} and [One] and [@doe99].\n\n```mermaid\ngraph TD; A-->B\n```\n",
    );
    let xhtml = xhtml_of(&built.epub);
    assert!(
        xhtml.contains("H<sub>2</sub>O and 2<sup>10</sup> is 1024."),
        "{xhtml}"
    );
    assert!(xhtml.contains("<span class=\"smallcaps\">Small caps</span>"));
    assert!(
        xhtml.contains("<a href=\"ch01.xhtml\">One</a>"),
        "implicit reference to the chapter"
    );
    assert!(
        xhtml.contains("An <em>inline</em> note."),
        "the inline note in the notes"
    );
    assert!(
        xhtml.contains("<aside class=\"callout warning\""),
        "the div as a callout"
    );
    assert!(
        xhtml.contains("anatomical<br/>\n\u{a0}\u{a0}\u{a0}In space"),
        "the line block"
    );
    assert!(xhtml.contains("[@doe99]"), "the citation kept as text");
    assert!(
        xhtml.contains("graph TD; A--&gt;B"),
        "the diagram kept as code"
    );
    let opf = epub_entries(&built.epub)
        .into_iter()
        .find(|(n, _)| n.ends_with(".opf"))
        .map(|(_, d)| String::from_utf8(d).unwrap())
        .unwrap();
    assert!(
        opf.contains(">Twenty Years</dc:title>") && opf.contains(">John MacFarlane</dc:creator>"),
        "{opf}"
    );
    for warning in [
        "1 citation (`[@key]`, `@key`) kept as text",
        "1 diagram (mermaid) kept as code",
    ] {
        assert_eq!(built.stderr.matches(warning).count(), 1, "{}", built.stderr);
    }
    assert_eq!(
        built.stderr.matches("warning:").count(),
        2,
        "{}",
        built.stderr
    );
    common::assert_epub_valid(&built.epub);
    pdf_tools::assert_qpdf_clean(&built.pdf);

    // The PDF raises the superscript and lowers the subscript, both smaller.
    let Some(glyphs) = pdf_tools::glyphs(&built.pdf) else {
        return;
    };
    let at = |text: &str| {
        let chars: Vec<String> = text.chars().map(String::from).collect();
        (0..glyphs.len())
            .find(|&i| {
                chars
                    .iter()
                    .enumerate()
                    .all(|(k, c)| glyphs.get(i + k).is_some_and(|g| &g.c == c))
            })
            .unwrap_or_else(|| panic!("{text} not drawn"))
    };
    let h = at("H2O");
    let (base, sub) = (&glyphs[h], &glyphs[h + 1]);
    assert!(
        sub.size < base.size * 0.8,
        "subscript size {} of {}",
        sub.size,
        base.size
    );
    assert!(
        sub.y > base.y + 0.5,
        "subscript not lowered: {} vs {}",
        sub.y,
        base.y
    );
    let two = at("210");
    let (base, sup) = (&glyphs[two], &glyphs[two + 1]);
    assert!(sup.size < base.size * 0.8);
    assert!(
        sup.y < base.y - 1.0,
        "superscript not raised: {} vs {}",
        sup.y,
        base.y
    );
    let text = pdf_text(&built.pdf).unwrap_or_default();
    assert!(text.contains("An inline note."), "the note in the PDF");
    assert!(!text.contains("^[") && !text.contains(":::") && !text.contains("{.smallcaps}"));
}

#[test]
fn manual_grid_tables_keep_every_cell_line() {
    let xhtml = xhtml_of(&manual().epub);
    let defaults = xhtml
        .split("<h1>")
        .find(|c| c.starts_with("Defaults files"))
        .expect("the Defaults files chapter");
    // 112 rule lines in 8 tables: 104 rows of 2 cells, 8 of them heads.
    assert_eq!(defaults.matches("<table>").count(), 8);
    assert_eq!(defaults.matches("<th ").count(), 16);
    assert_eq!(defaults.matches("<td ").count(), 192);
    // Every line of every cell, code included, is in the table.
    let source = source(MANUAL);
    let section = &source
        [source.find("# Defaults files").unwrap()..source.find("# Pandoc's Markdown").unwrap()];
    let text = squash(&defaults.replace('\u{a0}', " "));
    let mut lines = 0;
    for row in section.lines().filter(|l| l.starts_with("| ")) {
        for cell in row.trim_end_matches('|').split('|').skip(1) {
            let cell = cell.trim();
            if cell.is_empty() || cell.starts_with("```") {
                continue;
            }
            let escaped = cell
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('"', "&quot;")
                .replace('\'', "&#39;");
            assert!(text.contains(&squash(&escaped)), "cell line lost: {cell}");
            lines += 1;
        }
    }
    assert!(lines > 150, "{lines} cell lines checked");
    assert!(defaults.contains("<code>input-files:</code><br/>\n<code>\u{a0}\u{a0}- foo.md</code>"));

    let Some(text) = pdf_text(&manual().pdf) else {
        return;
    };
    for line in [
        "input-files:",
        "- foo.md",
        "writer: markdown+hard_line_breaks",
        "verbosity: ERROR",
    ] {
        assert!(text.contains(line), "{line} missing from the PDF");
    }
}

#[test]
fn manual_implicit_references_are_links() {
    let xhtml = xhtml_of(&manual().epub);
    for (href, text) in [
        ("ch04.xhtml#heading-identifiers", "Heading identifiers"),
        ("ch04.xhtml#inline-formatting", "Inline formatting"),
        (
            "ch04.xhtml#extension-yamlmetadatablock",
            "YAML metadata blocks",
        ),
    ] {
        let link = format!("<a href=\"{href}\">{text}</a>");
        assert!(xhtml.contains(&link), "{link}");
    }
    // One from a definition in chapter 1, one from chapter 4.
    assert_eq!(
        xhtml
            .matches("<a href=\"ch04.xhtml#heading-identifiers\">")
            .count(),
        2
    );
    // Labels that name no heading of the excerpt stay as typed.
    assert!(xhtml.contains("[Extensions]"));
}

#[test]
fn manual_notes_and_examples() {
    let xhtml = xhtml_of(&manual().epub);
    // Three footnotes; the manual's inline note is an example in code.
    let notes = xhtml.split("notes").last().unwrap_or_default();
    assert_eq!(
        xhtml
            .matches("epub:type=\"footnote\"")
            .count()
            .max(notes.matches("<li").count()),
        3
    );
    assert!(xhtml.contains("Here is an inline note.^[Inline notes are easier to write, since"));
    assert!(
        xhtml.contains("::::: {#special .sidebar}"),
        "the fenced div example stays code"
    );
}

#[test]
fn no_pandoc_source_leaks() {
    for built in [manual(), twenty()] {
        let xhtml = prose(&xhtml_of(&built.epub));
        for leak in [
            ":::", "{.", "{#", "^[", "+---", "{width", "\u{FDD0}", "\u{FDD1}",
        ] {
            let at = xhtml
                .find(leak)
                .map(|i| &xhtml[i.saturating_sub(80)..(i + 80).min(xhtml.len())]);
            assert!(at.is_none(), "{leak} printed: {at:?}");
        }
        let Some(text) = pdf_text(&built.pdf) else {
            continue;
        };
        // The PDF text has the code examples too: look for what was
        // outside code in the source.
        for leak in [
            "{#input-formats}",
            "{#output-formats}",
            "{width=100%",
            "{style=",
            "+----------------------------------+",
            "+:=================================+",
            "[YAML metadata blocks]",
            "[Heading identifiers]",
        ] {
            assert!(!text.contains(leak), "{leak} printed in the PDF");
        }
    }
}

#[test]
fn twenty_years_div_images_and_tables() {
    let xhtml = xhtml_of(&twenty().epub);
    assert!(
        xhtml.contains("<div class=\"align-right\">"),
        "the right-aligned fenced div"
    );
    // Each pipe table has one delimiter row.
    let delimiters = source(TWENTY)
        .lines()
        .filter(|l| l.starts_with('|') && l.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')))
        .count();
    assert!(delimiters > 0);
    assert_eq!(xhtml.matches("<table>").count(), delimiters);
    // The two images are missing from the corpus: placeholders, and the
    // attributes after them dropped with no warning of their own.
    let warnings = twenty().stderr.matches("warning:").count();
    assert_eq!(warnings, 2, "{}", twenty().stderr);
}

#[test]
fn both_outputs_validate() {
    for built in [manual(), twenty()] {
        common::assert_epub_valid(&built.epub);
        pdf_tools::assert_qpdf_clean(&built.pdf);
    }
}

/// Links to a figure's and a div's `{#id}` lead to them in both outputs:
/// the EPUB's fragment names the element, and the PDF's link lands on the
/// page the element is drawn on.
#[test]
fn links_to_figures_and_divs_land_on_them() {
    let filler = "Filler words to move what follows further down the page. ".repeat(60);
    let text = format!(
        "# Targets\n\nSee [the figure](#fig-a) and [the box](#box-1).\n\n{filler}\n\n\
         ![A chart of the sales](chart.png \"Sales by year\"){{#fig-a width=50%}}\n\n{filler}\n\n\
         ::: {{#box-1}}\nThe boxed words stand here.\n:::\n"
    );
    let built = build_text(&text);
    assert!(!built.stderr.contains("points at no"), "{}", built.stderr);
    let xhtml = xhtml_of(&built.epub);
    assert!(xhtml.contains("<figure id=\"fig-a\">"), "{xhtml}");
    assert!(xhtml.contains("id=\"box-1\""), "{xhtml}");
    assert!(xhtml.contains("#fig-a\">the figure</a>"), "{xhtml}");
    assert!(xhtml.contains("#box-1\">the box</a>"), "{xhtml}");

    // (source page, target page, target y) of each internal link, and the
    // page each marker text is on, as PyMuPDF reads them.
    let script = r#"
import sys, pymupdf
d = pymupdf.open(sys.argv[1])
for p in d:
    for l in p.get_links():
        if l.get("kind") == 1:
            print("link", p.number, l["page"], l["to"].y)
    for word in ("Sales", "boxed"):
        for r in p.search_for(word):
            print("text", word, p.number, r.y0)
"#;
    let out = std::process::Command::new("python3")
        .args(["-c", script, built.pdf.to_str().unwrap()])
        .output()
        .expect("python3");
    if !out.status.success() {
        eprintln!(
            "*** SKIPPED: PyMuPDF: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        return;
    }
    let lines = String::from_utf8_lossy(&out.stdout).into_owned();
    let text_at = |word: &str| -> (usize, f32) {
        let line = lines
            .lines()
            .find(|l| l.starts_with(&format!("text {word} ")))
            .unwrap_or_else(|| panic!("{word} is drawn: {lines}"));
        let f: Vec<&str> = line.split(' ').collect();
        (f[2].parse().unwrap(), f[3].parse().unwrap())
    };
    let links: Vec<(usize, usize, f32)> = lines
        .lines()
        .filter_map(|l| l.strip_prefix("link "))
        .map(|l| {
            let f: Vec<&str> = l.split(' ').collect();
            (
                f[0].parse().unwrap(),
                f[1].parse().unwrap(),
                f[2].parse().unwrap(),
            )
        })
        .collect();
    for word in ["Sales", "boxed"] {
        let (page, y) = text_at(word);
        assert!(
            links
                .iter()
                .any(|&(_, to, ty)| to == page && ty <= y && y - ty < 200.0),
            "a link lands on page {page} above \"{word}\" (y {y}): {links:?}"
        );
    }
}

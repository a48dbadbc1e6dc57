//! Raw HTML keeps its meaning in both outputs: real corpus books whose
//! figures are raw `<img>`, and a small book with the phrasing elements,
//! `<details>`, a centred figure and unknown tags.

mod common;
#[allow(dead_code)]
mod pdf_tools;

use std::path::Path;

use common::{epub_entries, folio, repo, stderr, written};

/// Builds `source` (relative to the repository) into a temporary folder;
/// returns the folder and what folio printed on stderr.
fn build(source: &Path) -> (tempfile::TempDir, String) {
    let out = tempfile::tempdir().unwrap();
    let output = folio(
        &repo(),
        &[
            "build",
            source.to_str().unwrap(),
            "-o",
            out.path().to_str().unwrap(),
            "--no-system-fonts",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    (out, stderr(&output))
}

/// Every XHTML document of `epub` concatenated, and the package document.
fn xhtml_and_opf(epub: &Path) -> (String, String) {
    let mut xhtml = String::new();
    let mut opf = String::new();
    for (name, data) in epub_entries(epub) {
        let text = String::from_utf8_lossy(&data).into_owned();
        if name.ends_with(".xhtml") {
            xhtml.push_str(&text);
        } else if name.ends_with(".opf") {
            opf = text;
        }
    }
    (xhtml, opf)
}

/// Every `<img src>` of `xhtml` is in the manifest; returns how many
/// images there are, and how many stand in for an image folio could not
/// use (a placeholder with the alt text).
fn images_in_manifest(xhtml: &str, opf: &str) -> (usize, usize) {
    let mut imgs = 0;
    for part in xhtml.split("<img src=\"").skip(1) {
        let src = &part[..part.find('"').unwrap()];
        assert!(
            opf.contains(&format!("href=\"{src}\"")),
            "{src} not in the manifest"
        );
        imgs += 1;
    }
    (imgs, xhtml.matches("class=\"missing-image\"").count())
}

/// Images drawn on the pages of `pdf` (PyMuPDF's image info), or `None`
/// without PyMuPDF.
fn drawn_images(pdf: &Path) -> Option<usize> {
    let script = "import sys, pymupdf\n\
                  print(sum(len(p.get_image_info()) for p in pymupdf.open(sys.argv[1])))";
    let out = std::process::Command::new("python3")
        .args(["-c", script, pdf.to_str().unwrap()])
        .output()
        .ok()?;
    if !out.status.success() {
        eprintln!(
            "*** SKIPPED: PyMuPDF: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        return None;
    }
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}

fn pdf_text(pdf: &Path) -> Option<String> {
    let pages = pdf_tools::tool("pdfinfo", &[], pdf)?;
    let n: usize = pages
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))?
        .trim()
        .parse()
        .ok()?;
    Some(
        (1..=n)
            .filter_map(|p| pdf_tools::page_text(pdf, p))
            .collect(),
    )
}

#[test]
fn mdbook_figures_written_as_raw_img_reach_both_outputs() {
    for (book, raw_imgs, png) in [("zh-mdbook", 16, 4), ("zh-hant-mdbook", 4, 0)] {
        let (out, _) = build(&repo().join("tests/corpus").join(book));
        let epub = written(out.path(), "epub");
        let (xhtml, opf) = xhtml_and_opf(&epub);
        let (imgs, placeholders) = images_in_manifest(&xhtml, &opf);
        // Every raw <img> is an image or (for SVG, until SVG assets land)
        // a placeholder with its alt text: none is dropped.
        assert_eq!(imgs + placeholders, raw_imgs, "{book}");
        assert!(imgs >= png, "{book}: {imgs} images");
        // The 13 standalone ones (all but the three Ferris icons in a
        // table) are figures.
        if book == "zh-mdbook" {
            assert!(xhtml.matches("<figure").count() >= 13);
            assert!(!xhtml.contains("ferris-explain"));
            common::assert_epub_valid(&epub);
        }
        let pdf = written(out.path(), "pdf");
        pdf_tools::assert_qpdf_clean(&pdf);
        if let Some(drawn) = drawn_images(&pdf) {
            assert!(drawn >= png, "{book}: {drawn} images drawn");
        }
        if let Some(text) = pdf_text(&pdf) {
            assert!(!text.contains("<img"), "{book}: a tag printed");
        }
    }
}

#[test]
fn readme_html_is_model_nodes() {
    let readme = repo().join("tests/corpus/github-readme/all-contributors/README.md");
    let (out, _) = build(&readme);
    let epub = written(out.path(), "epub");
    let (xhtml, _) = xhtml_and_opf(&epub);
    // `<div align="center">` around the logo, the translations table.
    assert!(xhtml.contains("class=\"align-center\""));
    assert!(xhtml.contains(">日本語</a>"));
    common::assert_epub_valid(&epub);
    let readme = repo().join("tests/corpus/github-readme/github-readme-stats/readme.md");
    let (out, _) = build(&readme);
    let (xhtml, _) = xhtml_and_opf(&written(out.path(), "epub"));
    assert_eq!(xhtml.matches("<details>").count(), 9);
    assert_eq!(xhtml.matches("<summary>").count(), 9);
    if let Some(text) = pdf_text(&written(out.path(), "pdf")) {
        // (`<img`, `<a` and `</a>` stand in its code samples.)
        for tag in [
            "<details",
            "<summary",
            "<p align",
            "<div",
            "</p>",
            "</details>",
        ] {
            assert!(!text.contains(tag), "{tag} printed in the PDF");
        }
    }
}

const BOOK: &str = r#"# Raw HTML

She said <q>read it</q> twice: <abbr title="HyperText Markup Language">HTML</abbr>,
press <kbd>Ctrl</kbd> now, and <span lang="en">Rust</span> here. <marquee>Moving</marquee>

<p align="center"><img src="figure.png" alt="A figure" width="50%"></p>

<details>
<summary>Open me</summary>

The hidden **body** text.

</details>

<marquee>Again</marquee> <blink>Blink</blink>
"#;

#[test]
fn phrasing_details_and_figures_in_both_outputs() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("book.md"), BOOK).unwrap();
    std::fs::copy(
        repo().join("tests/corpus/zh-mdbook/src/img/trpl14-01.png"),
        dir.path().join("figure.png"),
    )
    .unwrap();
    let (out, warnings) = build(&dir.path().join("book.md"));

    // One warning line per unknown element name, with its count.
    let lines: Vec<&str> = warnings
        .lines()
        .filter(|l| l.starts_with("warning"))
        .collect();
    let marquee: Vec<_> = lines.iter().filter(|l| l.contains("<marquee>")).collect();
    assert_eq!(marquee.len(), 1, "{warnings}");
    assert!(marquee[0].contains("2 times"), "{warnings}");
    assert_eq!(
        lines.iter().filter(|l| l.contains("<blink>")).count(),
        1,
        "{warnings}"
    );
    assert_eq!(lines.len(), 2, "{warnings}");

    let epub = written(out.path(), "epub");
    let (xhtml, opf) = xhtml_and_opf(&epub);
    assert!(xhtml.contains("<q>read it</q>"));
    assert!(xhtml.contains("<abbr title=\"HyperText Markup Language\">HTML</abbr>"));
    assert!(xhtml.contains("<kbd>Ctrl</kbd>"));
    assert!(xhtml.contains("<span lang=\"en\" xml:lang=\"en\">Rust</span>"));
    assert!(xhtml.contains("<details>\n<summary>Open me</summary>"));
    assert!(xhtml.contains("The hidden <strong>body</strong> text."));
    assert!(xhtml.contains("Moving") && xhtml.contains("Blink"));
    assert!(!xhtml.contains("marquee"));
    assert!(xhtml.contains("<figure>"));
    assert_eq!(images_in_manifest(&xhtml, &opf), (1, 0));

    let pdf = written(out.path(), "pdf");
    pdf_tools::assert_qpdf_clean(&pdf);
    if let Some(drawn) = drawn_images(&pdf) {
        assert_eq!(drawn, 1, "the figure is drawn");
    }
    let Some(text) = pdf_text(&pdf) else { return };
    let flat = common::squash(&text);
    assert!(flat.contains("said“readit”twice"), "{flat}");
    assert!(flat.contains("Openme") && flat.contains("Thehiddenbodytext."));
    assert!(flat.contains("Moving") && flat.contains("Blink"));
    assert!(!text.contains('<') && !text.contains('>'), "{text}");
    let Some(glyphs) = pdf_tools::glyphs(&pdf) else {
        return;
    };
    let font_of = |word: &str| -> Vec<String> {
        let chars: Vec<&pdf_tools::Glyph> = glyphs.iter().collect();
        let n = word.chars().count();
        chars
            .windows(n)
            .find(|w| w.iter().map(|g| g.c.as_str()).collect::<String>() == word)
            .map(|w| w.iter().map(|g| g.font.clone()).collect())
            .unwrap_or_default()
    };
    let ctrl = font_of("Ctrl");
    assert!(
        !ctrl.is_empty() && ctrl.iter().all(|f| f.contains("Mono")),
        "{ctrl:?}"
    );
    let press = font_of("press");
    assert!(press.iter().all(|f| !f.contains("Mono")), "{press:?}");
}

/// `<u>`, `<mark>` and `<small>` as a reader sees them on the page: a rule
/// under the word, a highlight behind it, and smaller type.
#[test]
fn underline_mark_and_small_are_drawn_in_the_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let md = "# Phrases\n\nPlain words, <u>underlined</u> words, <mark>highlighted</mark> \
              words and <small>fineprint</small> words.\n";
    std::fs::write(dir.path().join("book.md"), md).unwrap();
    let (out, _) = build(&dir.path().join("book.md"));
    let epub = written(out.path(), "epub");
    let (xhtml, _) = xhtml_and_opf(&epub);
    assert!(xhtml.contains("<u>underlined</u>") && xhtml.contains("<mark>highlighted</mark>"));
    assert!(xhtml.contains("<small>fineprint</small>"), "{xhtml}");
    let pdf = written(out.path(), "pdf");
    let Some(glyphs) = pdf_tools::glyphs(&pdf) else {
        return;
    };
    let word = |w: &str| -> Vec<&pdf_tools::Glyph> {
        let n = w.chars().count();
        let all: Vec<&pdf_tools::Glyph> = glyphs.iter().collect();
        all.windows(n)
            .find(|win| win.iter().map(|g| g.c.as_str()).collect::<String>() == w)
            .map(|win| win.to_vec())
            .unwrap_or_else(|| panic!("{w} is drawn"))
    };
    let plain = word("Plain")[0].size;
    let fine = word("fineprint")[0].size;
    assert!(
        (fine / plain - 0.85).abs() < 0.01,
        "small: {fine} against {plain}"
    );

    let dpi = 144;
    let under = word("underlined");
    let (width, _, pixels) = pdf_tools::render_page(&pdf, under[0].page, dpi);
    let px = |x: f32, y: f32| {
        let s = dpi as f32 / 72.0;
        pixels[(y * s) as usize * width + (x * s) as usize]
    };
    let dark = |p: [u8; 3]| p.iter().all(|&c| c < 120);
    // Between the letters' feet and their descenders' depth, a rule runs
    // the whole word: dark at every point along it (in some row).
    let (start, end) = (
        under[0].x,
        under[under.len() - 1].x + under[under.len() - 1].w,
    );
    let rows: Vec<f32> = (2..16).map(|i| under[0].y + i as f32 * 0.125).collect();
    let ruled = rows.iter().any(|&y| {
        let mut x = start + 0.5;
        let mut all = true;
        while x < end - 0.5 {
            all &= dark(px(x, y));
            x += 0.5;
        }
        all
    });
    assert!(ruled, "a rule under \"underlined\"");
    let plain_word = word("Plain");
    let unruled = rows.iter().any(|&y| {
        let mut x = plain_word[0].x + 0.5;
        let mut all = true;
        while x < plain_word[4].x + plain_word[4].w - 0.5 {
            all &= dark(px(x, y));
            x += 0.5;
        }
        all
    });
    assert!(!unruled, "no rule under plain words");
    let marked = word("highlighted");
    let yellow = |p: [u8; 3]| p[0] > 230 && p[1] > 210 && p[2] < 190;
    let behind = (0..20)
        .filter(|i| {
            yellow(px(
                marked[0].x + *i as f32 * 2.0,
                marked[0].y - 0.3 * marked[0].size,
            ))
        })
        .count();
    assert!(
        behind >= 8,
        "{behind} of 20 points behind \"highlighted\" are yellow"
    );
    let none = (0..20)
        .filter(|i| {
            yellow(px(
                plain_word[0].x + *i as f32,
                plain_word[0].y - 0.3 * plain_word[0].size,
            ))
        })
        .count();
    assert_eq!(none, 0, "no highlight behind plain words");
}

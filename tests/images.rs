//! Images of every kind, as a reader sees them: PNG, JPEG, GIF, WebP and
//! SVG kept in their own format in the EPUB and drawn in the PDF (SVG as
//! vectors, with its text), at their own size fitted to the text block,
//! images alone in their paragraph set as figures with their caption, and
//! a framed placeholder holding the alt text for an image that cannot be
//! shown (never its path).

mod common;
#[allow(dead_code)]
mod pdf_tools;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::{epub_entries, folio, repo, stderr, written};
use pdf_tools::{assert_fonts_embedded_subsets, assert_qpdf_clean, glyphs, page_text, tofu, tool};

/// The test book: one chapter per picture, so each lands on a page of its
/// own, then the missing ones.
const BOOK: &str = r#"---
title: Images of every kind
lang: en
---

# Vector

![A blue rectangle and a red ring](images/shapes.svg "Shapes drawn as vectors")

# Dense

![A yellow panel at 300 dpi](images/dpi300.png "Three hundred dots per inch")

# Photo

![A white ellipse](images/photo.jpg)

# Badge

![A green badge](images/badge.webp "A WebP badge")

Lossy too: ![A yellow disc](images/lossy.webp)

# Icon

![A magenta frame](images/icon.gif)

# Wide

![A very wide gray band](images/wide.png "Wider than any page")

The band above is scaled down to the width of this text block, which this paragraph fills from margin to margin in justified lines of ordinary words, so that its lines show where the block ends.

# Missing

![The lost diagram](images/nowhere.png)

![](images/also-missing.png)

![A remote chart](https://example.com/chart.png)
"#;

struct Built {
    out: PathBuf,
    stderr: String,
}

/// Builds the test book once per run (the book folder and outputs under
/// cargo's temporary directory for integration tests).
fn built() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("images-book");
        let _ = std::fs::remove_dir_all(&root);
        let images = root.join("book/images");
        std::fs::create_dir_all(&images).unwrap();
        for entry in std::fs::read_dir(repo().join("tests/data/images")).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, images.join(path.file_name().unwrap())).unwrap();
        }
        std::fs::write(root.join("book/images.md"), BOOK).unwrap();
        let out = root.join("out");
        let md = root.join("book/images.md");
        let args = ["build", md.to_str().unwrap(), "-o", out.to_str().unwrap()];
        let output = folio(&repo(), &[&args[..], &["--no-system-fonts"]].concat());
        assert!(output.status.success(), "{}", stderr(&output));
        Built {
            out,
            stderr: stderr(&output),
        }
    })
}

fn xhtml_of(epub: &Path) -> String {
    epub_entries(epub)
        .into_iter()
        .filter(|(name, _)| name.ends_with(".xhtml"))
        .map(|(_, data)| String::from_utf8(data).unwrap())
        .collect()
}

#[test]
fn the_epub_keeps_each_format_and_sets_figures() {
    let epub = written(&built().out, "epub");
    let entries = epub_entries(&epub);
    let opf = entries
        .iter()
        .find(|(n, _)| n.ends_with(".opf"))
        .map(|(_, d)| String::from_utf8_lossy(d).into_owned())
        .expect("package document");
    for (ext, mime) in [
        ("svg", "image/svg+xml"),
        ("png", "image/png"),
        ("jpg", "image/jpeg"),
        ("webp", "image/webp"),
        ("gif", "image/gif"),
    ] {
        let item = opf
            .lines()
            .find(|l| l.contains(&format!(".{ext}\"")) && l.contains("images/"))
            .unwrap_or_else(|| panic!("no .{ext} image in the manifest:\n{opf}"));
        assert!(item.contains(&format!("media-type=\"{mime}\"")), "{item}");
    }
    let svg = entries
        .iter()
        .find(|(n, _)| n.ends_with("shapes.svg"))
        .map(|(_, d)| String::from_utf8_lossy(d).into_owned())
        .expect("the SVG in the EPUB");
    assert!(
        !svg.contains("<script") && !svg.contains("onclick"),
        "{svg}"
    );
    assert!(
        svg.contains("<circle") && svg.contains("Vector Label"),
        "{svg}"
    );

    let xhtml = xhtml_of(&epub);
    let figure = "<figure>\n<img src=\"images/000-shapes.svg\" alt=\"A blue rectangle and a red ring\"/>\n<figcaption>Shapes drawn as vectors</figcaption>\n</figure>";
    assert!(xhtml.contains(figure), "{xhtml}");
    assert!(
        xhtml.contains(
            "<figure>\n<img src=\"images/002-photo.jpg\" alt=\"A white ellipse\"/>\n</figure>"
        ),
        "a figure without a title has no caption, and the alt is not one"
    );
    assert!(
        xhtml.contains(
            "<p>Lossy too: <img src=\"images/004-lossy.webp\" alt=\"A yellow disc\"/></p>"
        ),
        "an image among words stays inline"
    );
}

#[test]
fn missing_images_are_placeholders_holding_their_alt_text() {
    let b = built();
    let xhtml = xhtml_of(&written(&b.out, "epub"));
    for needle in [
        "<span class=\"missing-image\" role=\"img\" aria-label=\"The lost diagram\">The lost diagram</span>",
        "<span class=\"missing-image\" role=\"img\" aria-label=\"image\">image</span>",
        "<a class=\"remote-image\" href=\"https://example.com/chart.png\"><span class=\"missing-image\" role=\"img\" aria-label=\"A remote chart\">A remote chart</span></a>",
    ] {
        assert!(xhtml.contains(needle), "missing {needle}");
    }
    for path in ["nowhere.png", "also-missing.png"] {
        assert!(!xhtml.contains(path), "{path} shown in the EPUB");
        assert!(
            b.stderr.contains(path),
            "no warning for {path}: {}",
            b.stderr
        );
    }
    assert!(b.stderr.contains("images.md:36"), "file:line: {}", b.stderr);
    let svg_note = "SVG image `images/shapes.svg`: <script>, event handlers removed";
    assert_eq!(b.stderr.matches(svg_note).count(), 1, "{}", b.stderr);

    let pdf = written(&b.out, "pdf");
    let Some(all) = tool("pdftotext", &["-enc", "UTF-8"], &pdf)
        .map(|_| std::fs::read_to_string(pdf.with_extension("txt")).expect("text"))
    else {
        return;
    };
    assert!(
        !all.contains("nowhere") && !all.contains("also-missing"),
        "a path in the PDF"
    );
    let page = page_of(&pdf, "Missing");
    let text = page_text(&pdf, page.page).unwrap();
    for alt in ["The lost diagram", "image", "A remote chart"] {
        assert!(
            text.contains(alt),
            "{alt} not on page {}: {text}",
            page.page
        );
    }
    assert!(
        page.lines >= 12,
        "three framed boxes: {} strokes",
        page.lines
    );
    assert!(
        page.links
            .iter()
            .any(|l| l == "https://example.com/chart.png"),
        "the remote image's box links to it: {:?}",
        page.links
    );
}

#[test]
fn the_pdf_draws_svg_as_vectors_with_its_text() {
    let pdf = written(&built().out, "pdf");
    let Some(page) = pictures(&pdf).map(|_| page_of(&pdf, "Vector")) else {
        return;
    };
    assert_eq!(page.forms, ["/Form"], "the SVG is a form XObject");
    assert!(page.images.is_empty(), "no raster image: {:?}", page.images);
    assert!(
        page.drawings >= 3,
        "rectangle, ring and rule: {}",
        page.drawings
    );
    let text = page_text(&pdf, page.page).unwrap();
    assert!(text.contains("Vector Label 矢量"), "{text}");
    assert!(
        text.contains("Shapes drawn as vectors"),
        "the caption: {text}"
    );
    let drawn = glyphs(&pdf).unwrap_or_default();
    let on_page: Vec<_> = drawn.iter().filter(|g| g.page == page.page).collect();
    assert!(
        on_page.iter().any(|g| g.c == "矢"),
        "the SVG's Han text is drawn"
    );
    assert!(tofu(&drawn).is_empty(), "{:?}", tofu(&drawn));
    assert_fonts_embedded_subsets(&pdf);
    assert_qpdf_clean(&pdf);
}

#[test]
fn raster_images_are_drawn_at_their_own_resolution_within_the_text_block() {
    let pdf = written(&built().out, "pdf");
    let Some(_) = pictures(&pdf) else { return };
    let size = |p: &Pictures| {
        assert_eq!(p.images.len(), 1, "page {}: {:?}", p.page, p.images);
        let [x0, y0, x1, y1] = p.images[0];
        (x1 - x0, y1 - y0)
    };
    let near = |a: f64, b: f64| (a - b).abs() < 0.6;
    // 600 × 300 px at 300 dpi: 2 × 1 inches.
    let (w, h) = size(&page_of(&pdf, "Dense"));
    assert!(near(w, 144.0) && near(h, 72.0), "{w} × {h}");
    // JFIF 144 dpi: half a point a pixel. WebP and GIF: 96 dpi.
    let (w, h) = size(&page_of(&pdf, "Photo"));
    assert!(near(w, 160.0) && near(h, 100.0), "{w} × {h}");
    let badge = page_of(&pdf, "Badge");
    assert_eq!(
        badge.images.len(),
        2,
        "both WebP images: {:?}",
        badge.images
    );
    let [x0, y0, x1, y1] = badge.images[0];
    assert!(
        near(x1 - x0, 150.0) && near(y1 - y0, 75.0),
        "{:?}",
        badge.images
    );
    let (w, h) = size(&page_of(&pdf, "Icon"));
    assert!(near(w, 90.0) && near(h, 60.0), "{w} × {h}");
    // 4000 × 500 px (3000 pt) is scaled to the text block, 8:1 kept.
    let wide = page_of(&pdf, "Wide");
    let (w, h) = size(&wide);
    let left = wide.text.iter().map(|t| t[0]).fold(f64::MAX, f64::min);
    let right = wide.text.iter().map(|t| t[2]).fold(0.0, f64::max);
    let [x0, _, x1, _] = wide.images[0];
    assert!(
        x0 >= left - 1.0 && x1 <= right + 1.0,
        "{x0}–{x1} in {left}–{right}"
    );
    assert!(w > 200.0 && x1 <= wide.width, "{w}");
    assert!(((w / h) - 8.0).abs() < 0.05, "proportions kept: {w} × {h}");
}

#[test]
fn the_math_corpus_draws_its_five_figures() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = repo().join("tests/corpus/zh-math");
    let book = dir.path().join("zh-math");
    for sub in ["chapter_preliminaries", "chapter_linear-networks", "img"] {
        std::fs::create_dir_all(book.join(sub)).unwrap();
        for entry in std::fs::read_dir(corpus.join(sub)).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, book.join(sub).join(path.file_name().unwrap())).unwrap();
        }
    }
    let chapters = [
        "chapter_preliminaries/probability.md",
        "chapter_linear-networks/index.md",
        "chapter_linear-networks/linear-regression.md",
        "chapter_linear-networks/softmax-regression.md",
    ];
    let toml = format!("[book]\ntitle = \"动手学深度学习\"\n\n[folio]\nchapters = {chapters:?}\n");
    std::fs::write(book.join("book.toml"), toml).unwrap();
    let out = dir.path().join("out");
    let args = ["build", book.to_str().unwrap(), "-o", out.to_str().unwrap()];
    let output = folio(&repo(), &[&args[..], &["--no-system-fonts"]].concat());
    assert!(output.status.success(), "{}", stderr(&output));
    let epub = written(&out, "epub");
    let xhtml = xhtml_of(&epub);
    assert_eq!(
        xhtml.matches("<figure id=\"fig_").count(),
        5,
        "five figures"
    );
    assert_eq!(xhtml.matches("<img src=\"images/").count(), 5);
    for svg in ["fit-linreg", "singleneuron", "neuron", "softmaxreg"] {
        assert!(xhtml.contains(&format!("-{svg}.svg\" alt=\"")), "{svg}");
    }
    assert!(
        !xhtml.contains(":label:"),
        "d2lbook figure lines belong to the figure"
    );
    common::assert_epub_valid(&epub);
    let pdf = written(&out, "pdf");
    let Some(pages) = pictures(&pdf) else { return };
    let forms: Vec<&String> = pages.iter().flat_map(|p| &p.forms).collect();
    assert_eq!(
        forms.iter().filter(|f| **f == "/Form").count(),
        4,
        "{forms:?}"
    );
    assert_eq!(
        forms.iter().filter(|f| **f == "/Image").count(),
        1,
        "{forms:?}"
    );
    for page in pages
        .iter()
        .filter(|p| p.forms.iter().any(|f| f == "/Form"))
    {
        assert!(
            page.drawings > 10,
            "page {}: {} paths",
            page.page,
            page.drawings
        );
    }
    assert_qpdf_clean(&pdf);
}

#[test]
fn one_book_with_all_five_formats_passes_epubcheck() {
    common::assert_epub_valid(&written(&built().out, "epub"));
}

/// What one page draws, from `tests/tools/pdfpictures.py`.
#[derive(Debug, Clone)]
struct Pictures {
    page: usize,
    width: f64,
    images: Vec<[f64; 4]>,
    forms: Vec<String>,
    drawings: usize,
    lines: usize,
    links: Vec<String>,
    text: Vec<[f64; 4]>,
}

/// Every page's pictures; `None` (after a loud message) without PyMuPDF.
fn pictures(pdf: &Path) -> Option<Vec<Pictures>> {
    let script = repo().join("tests/tools/pdfpictures.py");
    let r = tool("python3", &["-W", "ignore", script.to_str().unwrap()], pdf)?;
    if !r.ok && r.stderr.contains("No module named 'pymupdf'") {
        eprintln!("\n*** SKIPPED: PyMuPDF is not installed (pip install pymupdf) ***\n");
        return None;
    }
    assert!(r.ok, "pdfpictures.py failed: {}", r.stderr);
    let boxes = |v: &serde_json::Value| -> Vec<[f64; 4]> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|b| std::array::from_fn(|i| b[i].as_f64().unwrap()))
            .collect()
    };
    let strings = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap_or("").to_string())
            .collect()
    };
    let pages = r
        .stdout
        .lines()
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).expect("JSON");
            Pictures {
                page: v["page"].as_u64().unwrap() as usize,
                width: v["width"].as_f64().unwrap(),
                images: boxes(&v["images"]),
                forms: strings(&v["forms"]),
                drawings: v["drawings"].as_u64().unwrap() as usize,
                lines: v["lines"].as_u64().unwrap() as usize,
                links: strings(&v["links"]),
                text: boxes(&v["text"]),
            }
        })
        .collect();
    Some(pages)
}

/// The page that starts the chapter titled `title` (the last page whose
/// text begins with it: the contents page lists it too).
fn page_of(pdf: &Path, title: &str) -> Pictures {
    let pages = pictures(pdf).expect("PyMuPDF");
    let found = (1..=pages.len()).rev().find(|&n| {
        page_text(pdf, n)
            .unwrap()
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .is_some_and(|l| l == title)
    });
    let n = found.unwrap_or_else(|| panic!("no page starts with {title}"));
    pages[n - 1].clone()
}

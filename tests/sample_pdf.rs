//! The sample book's PDF, read back with real tools (poppler, qpdf, lopdf)
//! as a printer and a reader would: valid, small, searchable, and set by
//! the Chinese rules. Every check runs for the built-in TrueType font and
//! for a CFF font (Noto Serif CJK SC from fonts-noto-cjk).

mod common;
#[allow(dead_code)]
mod pdf_tools;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::{folio, squash, stderr};

/// Margins of the default A5 book page (`[folio.pdf] margins`), in points.
const TOP: f64 = 18.0 * 72.0 / 25.4;
const BOTTOM: f64 = 20.0 * 72.0 / 25.4;

#[derive(Clone, Copy, Debug)]
enum Font {
    Builtin,
    NotoCff,
}

/// Builds the sample book's PDF once per font and returns its path.
fn sample(font: Font) -> Option<&'static Path> {
    static BUILTIN: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    static NOTO: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    if !common::have("pdftotext") || !common::have("qpdf") {
        return None;
    }
    let cell = match font {
        Font::Builtin => &BUILTIN,
        Font::NotoCff => &NOTO,
    };
    let (_, path) = cell.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let book = dir.path().join("book");
        std::fs::create_dir(&book).unwrap();
        for entry in std::fs::read_dir(common::repo().join("manuscript")).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), book.join(entry.file_name())).unwrap();
        }
        if let Font::NotoCff = font {
            let mut toml = std::fs::read_to_string(book.join("book.toml")).unwrap();
            toml.push_str("\n[folio.fonts]\nbody = [\"Noto Serif CJK SC\"]\nheading = [\"Noto Serif CJK SC\"]\n");
            std::fs::write(book.join("book.toml"), toml).unwrap();
        }
        let out = folio(dir.path(), &["build", "book", "-o", "dist", "--format", "pdf"]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(stderr(&out).is_empty(), "the sample builds without warnings:\n{}", stderr(&out));
        let pdf = dir.path().join("dist/huang-renxun-interview.pdf");
        (dir, pdf)
    });
    Some(path)
}

/// One line of text as `pdftotext -bbox-layout` sees it.
#[derive(Debug, Clone)]
struct Line {
    /// 0-based page index.
    page: usize,
    x_min: f64,
    x_max: f64,
    y_min: f64,
    y_max: f64,
    text: String,
}

struct Layout {
    page_width: f64,
    page_height: f64,
    lines: Vec<Line>,
}

fn bbox_layout(pdf: &Path) -> Layout {
    let xhtml = common::run("pdftotext", &["-bbox-layout", pdf.to_str().unwrap(), "-"]);
    let start = xhtml.find("<doc>").expect("bbox output has <doc>");
    let end = xhtml.rfind("</doc>").expect("bbox output has </doc>") + "</doc>".len();
    let doc = roxmltree::Document::parse(&xhtml[start..end]).expect("bbox XML");
    let num = |n: roxmltree::Node, a: &str| n.attribute(a).unwrap().parse::<f64>().unwrap();
    let mut lines = Vec::new();
    let mut page_height = 0.0;
    let mut page_width = 0.0;
    for (page, p) in doc
        .descendants()
        .filter(|n| n.has_tag_name("page"))
        .enumerate()
    {
        page_height = num(p, "height");
        page_width = num(p, "width");
        for line in p.descendants().filter(|n| n.has_tag_name("line")) {
            let text = line
                .children()
                .filter(|n| n.has_tag_name("word"))
                .map(|w| w.text().unwrap_or(""))
                .collect::<Vec<_>>()
                .join(" ");
            lines.push(Line {
                page,
                x_min: num(line, "xMin"),
                x_max: num(line, "xMax"),
                y_min: num(line, "yMin"),
                y_max: num(line, "yMax"),
                text,
            });
        }
    }
    Layout {
        page_width,
        page_height,
        lines,
    }
}

impl Layout {
    /// Lines inside the text block (running heads and folios left out).
    fn body(&self) -> Vec<&Line> {
        self.lines
            .iter()
            .filter(|l| l.y_min >= TOP - 2.0 && l.y_max <= self.page_height - BOTTOM + 2.0)
            .collect()
    }

    /// The folio (page number) printed at the foot of each page.
    fn folio_of(&self, page: usize) -> Option<String> {
        self.lines
            .iter()
            .filter(|l| l.page == page && l.y_min > self.page_height - BOTTOM)
            .map(|l| l.text.trim().to_string())
            .find(|t| !t.is_empty() && t.chars().all(|c| c.is_ascii_alphanumeric()))
    }

    /// The first page (0-based) whose body holds `text` (whitespace aside).
    fn page_with(&self, text: &str, from: usize) -> Option<usize> {
        self.page_with_except(text, from, usize::MAX)
    }

    fn page_with_except(&self, text: &str, from: usize, except: usize) -> Option<usize> {
        let wanted = squash(text);
        let pages = self.lines.iter().map(|l| l.page).max().unwrap_or(0);
        (from..=pages).filter(|&p| p != except).find(|&p| {
            let t: String = self
                .body()
                .iter()
                .filter(|l| l.page == p)
                .map(|l| squash(&l.text))
                .collect();
            t.contains(&wanted)
        })
    }
}

fn chapter_titles() -> Vec<String> {
    let mut titles = vec!["版权声明".to_string(), "导语".to_string()];
    for n in 1..=9 {
        let text =
            std::fs::read_to_string(common::repo().join(format!("manuscript/{n:02}.md"))).unwrap();
        let heading = text.lines().find(|l| l.starts_with("# ")).unwrap();
        titles.push(heading[2..].to_string());
    }
    titles
}

fn valid_small_and_embedded(font: Font) {
    let Some(pdf) = sample(font) else { return };
    pdf_tools::assert_qpdf_clean(pdf);
    let fonts = pdf_tools::assert_fonts_embedded_subsets(pdf);
    assert!(!fonts.is_empty());
    let size = std::fs::metadata(pdf).unwrap().len();
    assert!(
        size < 1024 * 1024,
        "{font:?}: the PDF is {size} bytes, over 1 MB"
    );
}

fn every_paragraph_in_order(font: Font) {
    let Some(pdf) = sample(font) else { return };
    let layout = bbox_layout(pdf);
    let text: String = layout.body().iter().map(|l| squash(&l.text)).collect();
    common::assert_paragraphs_in_order(&text, &format!("{font:?} PDF"));
    let common::SeedParts {
        note, ownership, ..
    } = common::seed_parts();
    let paragraphs = common::seed_paragraphs();
    let notes_page = layout
        .page_with("注释", at_page(&layout, "赶紧跳上去"))
        .expect("a notes appendix");
    assert!(
        layout.page_with(&note, notes_page).is_some(),
        "{font:?}: the note is not in the appendix"
    );
    // The copyright block, verbatim, on one page.
    let copyright = layout.page_with(&paragraphs[1], 0).expect("the 来源 line");
    for part in ["版权声明", paragraphs[1].as_str(), ownership.as_str()] {
        assert_eq!(
            layout.page_with(part, copyright),
            Some(copyright),
            "{font:?}: {part} not on the copyright page"
        );
    }
}

fn at_page(layout: &Layout, text: &str) -> usize {
    layout.page_with(text, 0).unwrap_or(0)
}

fn line_breaking_rules_hold(font: Font) {
    let Some(pdf) = sample(font) else { return };
    let layout = bbox_layout(pdf);
    const NO_START: &str = "。，、；：？！）」』”’》〉】,.;:?!)%";
    const NO_END: &str = "（「『“‘《〈【([";
    for line in layout.body() {
        let t = line.text.trim();
        let (Some(first), Some(last)) = (t.chars().next(), t.chars().last()) else {
            continue;
        };
        assert!(
            !NO_START.contains(first),
            "{font:?}: page {} line starts with {first}: {t}",
            line.page + 1
        );
        assert!(
            !NO_END.contains(last),
            "{font:?}: page {} line ends with {last}: {t}",
            line.page + 1
        );
    }
}

fn lines_are_justified(font: Font) {
    let Some(pdf) = sample(font) else { return };
    let layout = bbox_layout(pdf);
    let toc_page = at_page(&layout, "目录");
    let first = layout
        .page_with(&chapter_titles()[2], toc_page + 1)
        .unwrap();
    let last = at_page(&layout, "最聪明的做法");
    let body: Vec<&Line> = layout
        .body()
        .into_iter()
        .filter(|l| (first..=last).contains(&l.page) && (l.y_max - l.y_min) < 20.0)
        .collect();
    // A line ending in a full-width closing mark ends at the mark's ink:
    // its blank half (half an em, 5.25 pt) hangs past the margin (行末半角,
    // the default punctuation style). pdftotext's boxes include that half.
    const HANGING: &str = "。，、；：）」』”’》〉】";
    let ink_end = |l: &Line| {
        let hangs = l
            .text
            .trim_end()
            .chars()
            .last()
            .is_some_and(|c| HANGING.contains(c));
        l.x_max - if hangs { 10.5 / 2.0 } else { 0.0 }
    };
    // Margins mirror for double-sided printing: measure them per side.
    let side = |page: usize| -> (f64, f64) {
        let lines = body.iter().filter(|l| l.page % 2 == page % 2);
        let left = lines.clone().map(|l| l.x_min).fold(f64::MAX, f64::min);
        (left, lines.map(|l| ink_end(l)).fold(f64::MIN, f64::max))
    };
    // Nothing past the margins (the smaller of inner and outer, 16 mm).
    let min_margin = 16.0 * 72.0 / 25.4;
    for page in [0, 1] {
        let (left, right) = side(page);
        assert!(
            left >= min_margin - 0.5 && right <= layout.page_width - min_margin + 0.5,
            "{font:?}: text outside the margins: {left}..{right}"
        );
    }
    let mut checked = 0;
    for pair in body.windows(2) {
        let (line, next) = (pair[0], pair[1]);
        let left = side(next.page).0;
        let right = side(line.page).1;
        // `next` continues the paragraph when it starts at the left margin
        // (a new paragraph starts 2 em in).
        if (next.x_min - left).abs() < 0.5 {
            assert!(
                (ink_end(line) - right).abs() <= 1.0,
                "{font:?}: page {} line ends {:.2} pt short of the right margin: {}",
                line.page + 1,
                right - ink_end(line),
                line.text
            );
            checked += 1;
        } else {
            assert!(
                (next.x_min - left - 21.0).abs() < 0.6,
                "{font:?}: paragraph indent is not 2 em: {}",
                next.text
            );
        }
    }
    assert!(checked > 100, "only {checked} lines checked");
}

fn toc_numbers_and_links_are_right(font: Font) {
    let Some(pdf) = sample(font) else { return };
    let layout = bbox_layout(pdf);
    let toc_page = at_page(&layout, "目录");
    let doc = lopdf::Document::load(pdf).unwrap();
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().into_values().collect();
    let toc_links = links_on(&doc, pages[toc_page], &pages);
    let labels = page_labels(pdf, pages.len());
    let page_height = layout.page_height;
    for title in chapter_titles() {
        let line = layout
            .lines
            .iter()
            .find(|l| l.page == toc_page && squash(&l.text).starts_with(&squash(&title)))
            .unwrap_or_else(|| panic!("{font:?}: no TOC entry for {title}"));
        // The page number is the last word at the entry's height.
        let number = layout
            .lines
            .iter()
            .filter(|l| l.page == toc_page && l.y_min < line.y_max && l.y_max > line.y_min)
            .max_by(|a, b| a.x_max.total_cmp(&b.x_max))
            .and_then(|l| l.text.split_whitespace().last())
            .unwrap()
            .trim_start_matches('.')
            .to_string();
        let heading_page = layout
            .page_with_except(&title, 0, toc_page)
            .unwrap_or_else(|| panic!("no page with {title}"));
        assert_eq!(
            labels[heading_page], number,
            "{font:?}: TOC says {title} is on page {number}"
        );
        if let Some(printed) = layout.folio_of(heading_page) {
            assert_eq!(
                printed, number,
                "{font:?}: the folio printed on {title}'s page"
            );
        }
        let link = toc_links
            .iter()
            .find(|(rect, _)| {
                let (y0, y1) = (page_height - rect[3], page_height - rect[1]);
                y0 <= line.y_max && y1 >= line.y_min
            })
            .unwrap_or_else(|| panic!("{font:?}: the TOC entry {title} is not a link"));
        assert_eq!(
            link.1, heading_page,
            "{font:?}: the TOC link for {title} goes to the wrong page"
        );
    }
}

/// Every page's label (what a viewer shows as its number), from the
/// document's /PageLabels as qpdf reads them.
fn page_labels(pdf: &Path, count: usize) -> Vec<String> {
    let json = common::run(
        "qpdf",
        &["--json", "--json-key=pagelabels", pdf.to_str().unwrap()],
    );
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let ranges: Vec<(usize, String, u64)> = json["pagelabels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let style = r["label"]["/S"].as_str().unwrap_or("").to_string();
            (
                r["index"].as_u64().unwrap() as usize,
                style,
                r["label"]["/St"].as_u64().unwrap_or(1),
            )
        })
        .collect();
    (0..count)
        .map(|page| {
            let Some((start, style, first)) = ranges.iter().rev().find(|(i, _, _)| *i <= page)
            else {
                return (page + 1).to_string();
            };
            let n = first + (page - start) as u64;
            match style.as_str() {
                "/r" => folio::layout::page::roman(n as usize),
                "/R" => folio::layout::page::roman(n as usize).to_uppercase(),
                _ => n.to_string(),
            }
        })
        .collect()
}

/// Link annotations on a page: their rectangle and target page index.
fn links_on(
    doc: &lopdf::Document,
    page: lopdf::ObjectId,
    pages: &[lopdf::ObjectId],
) -> Vec<([f64; 4], usize)> {
    let page = doc.get_dictionary(page).unwrap();
    let Ok(annots) = page.get(b"Annots") else {
        return Vec::new();
    };
    let annots = match annots {
        lopdf::Object::Reference(id) => doc.get_object(*id).unwrap().as_array().unwrap().clone(),
        other => other.as_array().unwrap().clone(),
    };
    annots
        .iter()
        .filter_map(|a| {
            let dict = doc.get_dictionary(a.as_reference().ok()?).ok()?;
            let rect: Vec<f64> = dict
                .get(b"Rect")
                .ok()?
                .as_array()
                .ok()?
                .iter()
                .map(|v| {
                    v.as_float()
                        .map(f64::from)
                        .or_else(|_| v.as_i64().map(|i| i as f64))
                        .unwrap()
                })
                .collect();
            let dest = dict.get(b"Dest").ok()?.as_array().ok()?;
            let target = dest[0].as_reference().ok()?;
            let index = pages.iter().position(|p| *p == target)?;
            Some(([rect[0], rect[1], rect[2], rect[3]], index))
        })
        .collect()
}

fn note_reference_links_to_the_note(font: Font) {
    let Some(pdf) = sample(font) else { return };
    let layout = bbox_layout(pdf);
    let doc = lopdf::Document::load(pdf).unwrap();
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().into_values().collect();
    let ref_page = at_page(&layout, "属于自己的“R2-D2”");
    let notes_page = layout
        .page_with("注:星球大战中R2-D2", ref_page + 1)
        .expect("note in the appendix");
    let links = links_on(&doc, pages[ref_page], &pages);
    assert!(
        links.iter().any(|(_, target)| *target == notes_page),
        "{font:?}: no link from the note reference to page {}",
        notes_page + 1
    );
    let back = links_on(&doc, pages[notes_page], &pages);
    assert!(
        back.iter().any(|(_, target)| *target == ref_page),
        "{font:?}: the note does not link back"
    );
}

fn outline_mirrors_the_toc(font: Font) {
    let Some(pdf) = sample(font) else { return };
    let json = common::run(
        "qpdf",
        &["--json", "--json-key=outlines", pdf.to_str().unwrap()],
    );
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let mut titles = Vec::new();
    let mut stack: Vec<&serde_json::Value> = json["outlines"].as_array().unwrap().iter().collect();
    while let Some(item) = stack.pop() {
        titles.push(item["title"].as_str().unwrap().to_string());
        stack.extend(item["kids"].as_array().unwrap().iter());
    }
    for wanted in chapter_titles()
        .iter()
        .map(String::as_str)
        .chain(["目录", "注释"])
    {
        assert!(
            titles.iter().any(|t| squash(t) == squash(wanted)),
            "{font:?}: no bookmark for {wanted}: {titles:?}"
        );
    }
}

macro_rules! for_both_fonts {
    ($($check:ident),*) => {
        mod builtin_font {
            $( #[test] fn $check() { super::$check(super::Font::Builtin) } )*
        }
        mod noto_cff_font {
            $( #[test] fn $check() { super::$check(super::Font::NotoCff) } )*
        }
    };
}

for_both_fonts!(
    valid_small_and_embedded,
    every_paragraph_in_order,
    line_breaking_rules_hold,
    lines_are_justified,
    toc_numbers_and_links_are_right,
    note_reference_links_to_the_note,
    outline_mirrors_the_toc
);

#[test]
fn handout_prints_on_a4_with_title_and_copyright_on_page_one() {
    if !common::have("pdftotext") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    common::build_sample(dir.path(), &["--format", "pdf", "--handout"]);
    let pdf = dir.path().join("dist/huang-renxun-interview.pdf");
    let info = common::run("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(info.contains("595.276 x 841.89"), "not A4: {info}");
    let first = pdf_tools::page_text(&pdf, 1).unwrap();
    let paragraphs = common::seed_paragraphs();
    for part in [
        "黄仁勋最新对话直面争议",
        "版权声明",
        paragraphs[1].as_str(),
        paragraphs.last().unwrap().as_str(),
    ] {
        assert!(
            squash(&first).contains(&squash(part)),
            "page 1 lacks {part}:\n{first}"
        );
    }
    let pages: usize = info.lines().find(|l| l.starts_with("Pages:")).unwrap()[6..]
        .trim()
        .parse()
        .unwrap();
    assert!(
        squash(&first).contains(&format!("1/{pages}")),
        "no 'page X / Y' footer:\n{first}"
    );
    pdf_tools::assert_qpdf_clean(&pdf);
}

#[test]
fn pdf_builds_are_byte_identical() {
    let Some(first) = sample(Font::Builtin) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    // The first build was from a copy of the book in another folder.
    common::build_sample(dir.path(), &["--format", "pdf"]);
    let second = std::fs::read(dir.path().join("dist/huang-renxun-interview.pdf")).unwrap();
    assert!(std::fs::read(first).unwrap() == second, "two builds differ");
}

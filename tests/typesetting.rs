//! The typesetting rules of issues 6–8, measured on the glyphs the PDF
//! draws (PyMuPDF through `pdf_tools::glyphs`): the sample book, a long
//! generated Chinese–English text (bench/gen_book.py), and small Japanese
//! and Korean books set in Noto Serif CJK (fonts-noto-cjk).

mod common;
#[allow(dead_code)]
mod pdf_tools;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use pdf_tools::Glyph;

/// Body size and text width (30 em) of the default A5 page.
const EM: f32 = 10.5;
const TEXT_WIDTH: f32 = 30.0 * EM;
/// Points per millimetre (the A5 page's margins are 18 mm top, 20 bottom).
const MM: f32 = 72.0 / 25.4;

/// Marks that may not start a line (clreq 行首禁则).
const NO_START: &str = "。，、；：？！）」』”’》〉】,.;:?!)%";

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

/// Builds the book in `dir/book` and returns the PDF's path.
fn build(dir: &Path) -> PathBuf {
    let out = common::folio(dir, &["build", "book", "-o", "dist", "--format", "pdf"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let pdf = std::fs::read_dir(dir.join("dist"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "pdf"))
        .expect("a PDF");
    pdf
}

/// The glyphs of a built book, kept with its folder.
type Built = (tempfile::TempDir, PathBuf, Vec<Glyph>);

fn glyphs_of(dir: tempfile::TempDir) -> Option<Built> {
    let pdf = build(dir.path());
    let glyphs = pdf_tools::glyphs(&pdf)?;
    Some((dir, pdf, glyphs))
}

fn sample() -> Option<&'static Built> {
    static CELL: OnceLock<Option<Built>> = OnceLock::new();
    CELL.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&common::repo().join("manuscript"), &dir.path().join("book"));
        glyphs_of(dir)
    })
    .as_ref()
}

/// 100 000 Han characters of the sample's sentences recombined with Latin
/// words and numbers (a fixed seed: the same text on every run).
fn long_text() -> Option<&'static Built> {
    static CELL: OnceLock<Option<Built>> = OnceLock::new();
    CELL.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let book = dir.path().join("book");
        let script = common::repo().join("bench/gen_book.py");
        let status = Command::new("python3")
            .arg(script)
            .arg(&book)
            .args(["--chars", "100000", "--chapters", "10", "--seed", "7"])
            .output()
            .expect("python3");
        assert!(status.status.success(), "{}", common::stderr(&status));
        glyphs_of(dir)
    })
    .as_ref()
}

/// A book in `lang` from `chapter` (Markdown), set in `font`.
fn small_book(lang: &str, font: &str, chapter: &str) -> Option<Built> {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book");
    std::fs::create_dir_all(&book).unwrap();
    let toml = format!(
        "[book]\ntitle = \"T\"\nlanguage = \"{lang}\"\n[folio]\nchapters = [\"01.md\"]\n\
         [folio.fonts]\nbody = [\"{font}\"]\nheading = [\"{font}\"]\n"
    );
    std::fs::write(book.join("book.toml"), toml).unwrap();
    std::fs::write(book.join("01.md"), chapter).unwrap();
    glyphs_of(dir)
}

/// One line of body text: its glyphs at body size, left to right.
struct Line<'g> {
    page: usize,
    glyphs: Vec<&'g Glyph>,
}

impl Line<'_> {
    fn text(&self) -> String {
        self.glyphs.iter().map(|g| g.c.as_str()).collect()
    }
}

/// Body-size glyphs grouped into lines by page and baseline, in reading
/// order; spaces left out.
fn lines(glyphs: &[Glyph]) -> Vec<Line<'_>> {
    let mut by: HashMap<(usize, i64), Vec<&Glyph>> = HashMap::new();
    // Running heads and folios sit in the margins: not body text.
    let (top, bottom) = (18.0 * MM + 5.0, 595.28 - 20.0 * MM);
    let body = |g: &&Glyph| g.size == EM && g.c.trim() != "" && g.y > top && g.y < bottom;
    for g in glyphs.iter().filter(body) {
        by.entry((g.page, (g.y * 10.0).round() as i64))
            .or_default()
            .push(g);
    }
    let mut keys: Vec<_> = by.keys().copied().collect();
    keys.sort();
    keys.into_iter()
        .map(|k| {
            let mut glyphs = by.remove(&k).unwrap();
            glyphs.sort_by(|a, b| a.x.total_cmp(&b.x));
            Line { page: k.0, glyphs }
        })
        .collect()
}

/// The left edge of each page's text: where most lines start.
fn left_edges(lines: &[Line<'_>]) -> HashMap<usize, f32> {
    let mut counts: HashMap<(usize, i64), usize> = HashMap::new();
    for l in lines {
        *counts
            .entry((l.page, (l.glyphs[0].x * 10.0).round() as i64))
            .or_default() += 1;
    }
    let mut best: HashMap<usize, (usize, i64)> = HashMap::new();
    let mut keys: Vec<_> = counts.into_iter().collect();
    keys.sort();
    for ((page, x), n) in keys {
        let e = best.entry(page).or_insert((0, x));
        if n > e.0 {
            *e = (n, x);
        }
    }
    best.into_iter()
        .map(|(p, (_, x))| (p, x as f32 / 10.0))
        .collect()
}

fn is_han(c: &str) -> bool {
    c.chars()
        .next()
        .is_some_and(|c| matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF))
}

fn is_hangul(c: char) -> bool {
    matches!(c as u32, 0xAC00..=0xD7AF | 0x1100..=0x11FF | 0x3130..=0x318F)
}

/// The line-end marks compressed to half an em (行末半角).
const HANGING: &str = "。，、；：）」』”’》〉】";

/// Where the ink of `line` ends: a full-width closing mark at the end
/// counts half an em, any other glyph its advance.
fn ink_end(line: &Line<'_>) -> f32 {
    let last = line.glyphs[line.glyphs.len() - 1];
    let hangs = HANGING.contains(last.c.as_str()) && last.w >= 0.9 * EM;
    last.x + if hangs { EM / 2.0 } else { last.w }
}

/// A contents entry: a title, a wide gap, a page number at the margin.
fn is_contents_entry(line: &Line<'_>) -> bool {
    let g = &line.glyphs;
    let digits = g
        .iter()
        .rev()
        .take_while(|g| g.c.chars().all(|c| c.is_ascii_digit()))
        .count();
    digits > 0 && digits < g.len() && {
        let (before, number) = (g[g.len() - digits - 1], g[g.len() - digits]);
        number.x - (before.x + before.w) > 0.5 * EM
    }
}

/// The full justified lines: ten glyphs or more, ending at the right margin.
fn full_lines<'a, 'g>(lines: &'a [Line<'g>], left: &HashMap<usize, f32>) -> Vec<&'a Line<'g>> {
    lines
        .iter()
        .filter(|l| l.glyphs.len() >= 10 && (ink_end(l) - (left[&l.page] + TEXT_WIDTH)).abs() < 0.3)
        .filter(|l| !is_contents_entry(l))
        .collect()
}

/// The largest extra space between two adjacent ideographs of the body
/// font on `line`, in em: x[i+1] − (x[i] + 1 em).
fn loosest_gap(line: &Line<'_>, font: &str) -> Option<f32> {
    line.glyphs
        .windows(2)
        .filter(|p| p[0].font == font && p[1].font == font && is_han(&p[0].c) && is_han(&p[1].c))
        .map(|p| (p[1].x - p[0].x - EM) / EM)
        .reduce(f32::max)
}

fn body_font(glyphs: &[Glyph]) -> String {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for g in glyphs.iter().filter(|g| g.size == EM) {
        *counts.entry(g.font.as_str()).or_default() += 1;
    }
    let mut v: Vec<_> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    v[0].0.to_string()
}

fn chinese_books() -> Vec<(&'static str, &'static Built)> {
    let mut out = Vec::new();
    if let Some(s) = sample() {
        out.push(("sample", s));
    }
    if let Some(l) = long_text() {
        out.push(("long text", l));
    }
    out
}

#[test]
fn doubled_dashes_take_two_ems_and_never_split() {
    for (name, (_, _, glyphs)) in chinese_books() {
        let lines = lines(glyphs);
        let mut pairs = 0;
        for (n, line) in lines.iter().enumerate() {
            let g = &line.glyphs;
            let t: Vec<&str> = g.iter().map(|g| g.c.as_str()).collect();
            if t.first() == Some(&"—") && n > 0 {
                let prev = &lines[n - 1].glyphs;
                assert!(
                    prev.last().unwrap().c != "—",
                    "{name}: —— split: {}",
                    line.text()
                );
            }
            for k in 1..t.len().saturating_sub(2) {
                if !(t[k] == "—" && t[k + 1] == "—" && is_han(t[k - 1]) && is_han(t[k + 2])) {
                    continue;
                }
                // Between its neighbours the pair takes 2 em, plus at most
                // the spreading of the two gaps beside it on a justified line.
                let (before, after) = (g[k - 1].x + EM, g[k + 2].x);
                let spread = loosest_gap(line, &g[0].font).unwrap_or(0.0).max(0.0) * EM;
                let unit = after - before;
                assert!(
                    unit >= 2.0 * EM - 0.05 && unit <= 2.0 * EM + 2.0 * spread + 0.05,
                    "{name}: —— is {:.3} em: {}",
                    unit / EM,
                    line.text()
                );
                pairs += 1;
            }
        }
        assert!(pairs > 0, "{name}: no —— between ideographs found");
    }
}

#[test]
fn justified_lines_are_even() {
    for (name, (_, _, glyphs)) in chinese_books() {
        let font = body_font(glyphs);
        let lines = lines(glyphs);
        let left = left_edges(&lines);
        let gaps: Vec<(f32, String)> = full_lines(&lines, &left)
            .into_iter()
            .filter_map(|l| loosest_gap(l, &font).map(|g| (g, l.text())))
            .collect();
        assert!(gaps.len() > 150, "{name}: only {} lines", gaps.len());
        for (gap, text) in gaps.iter().filter(|g| g.0 > 0.1 + 1e-3) {
            eprintln!("{name}: {gap:.3} em: {text}");
        }
        let within = gaps.iter().filter(|g| g.0 <= 0.1 + 1e-3).count() as f32 / gaps.len() as f32;
        let worst = gaps.iter().max_by(|a, b| a.0.total_cmp(&b.0)).unwrap();
        eprintln!(
            "{name}: {} full lines, {:.2}% within 0.1 em, worst {:.3} em: {}",
            gaps.len(),
            within * 100.0,
            worst.0,
            worst.1
        );
        // Issue 6: 99% within 0.1 em and none past 0.2 em (before the
        // total-fit breaker and hyphenation: 98.3% and 0.299 em in the
        // sample, 97.8% and 0.416 em in the long text).
        assert!(
            within >= 0.99,
            "{name}: {:.1}% within 0.1 em",
            within * 100.0
        );
        assert!(
            worst.0 <= 0.2,
            "{name}: a line {:.3} em loose: {}",
            worst.0,
            worst.1
        );
    }
}

/// English words in Chinese text end a loose line with a hyphen: drawn,
/// at the margin, and left out of the text a reader copies.
#[test]
fn english_words_are_hyphenated_at_line_ends() {
    let Some((_, pdf, glyphs)) = sample() else {
        return;
    };
    let lines = lines(glyphs);
    let left = left_edges(&lines);
    let hyphenated: Vec<&Line<'_>> = lines
        .iter()
        .filter(|l| {
            let n = l.glyphs.len();
            n > 2
                && l.glyphs[n - 1].c == "\u{AD}"
                && l.glyphs[n - 2].c.chars().all(|c| c.is_ascii_alphabetic())
        })
        .collect();
    assert!(!hyphenated.is_empty(), "no hyphenated line in the sample");
    for line in &hyphenated {
        let right = left[&line.page] + TEXT_WIDTH;
        let ink = ink_end(line);
        assert!(
            (ink - right).abs() < 0.3,
            "ends at {ink:.2}, margin {right:.2}: {}",
            line.text()
        );
    }
    let text = common::run("pdftotext", &["-enc", "UTF-8", pdf.to_str().unwrap(), "-"]);
    assert!(
        common::squash(&text).contains("Customer-OwnedTooling"),
        "the word is whole in the text"
    );
}

#[test]
fn line_end_marks_are_compressed_and_lines_start_with_no_closing_mark() {
    for (name, (_, _, glyphs)) in chinese_books() {
        let lines = lines(glyphs);
        let left = left_edges(&lines);
        let mut compressed = 0;
        for line in &lines {
            let first = line.glyphs[0].c.as_str();
            assert!(
                !NO_START.contains(first),
                "{name}: line starts with {first}: {}",
                line.text()
            );
            let last = line.glyphs[line.glyphs.len() - 1];
            let right = left[&line.page] + TEXT_WIDTH;
            if ["。", "，"].contains(&last.c.as_str()) && last.x + EM > right + 0.3 {
                // A full-width mark reaching past the margin: only its
                // blank half does, so its advance at the line end is ≤ 0.5
                // em; on a justified line its ink ends at the margin.
                assert!(
                    last.x + EM / 2.0 <= right + 0.3,
                    "{name}: {} at {:.2}, margin {right:.2}: {}",
                    last.c,
                    last.x,
                    line.text()
                );
                compressed += usize::from((last.x + EM / 2.0 - right).abs() < 0.3);
            }
            // Nothing else crosses the margin (a line ending in `AI,`
            // before `YouTube` once kept the kerning of `,Y` and did).
            assert!(
                ink_end(line) <= right + 0.3,
                "{name}: past the margin: {}",
                line.text()
            );
        }
        assert!(
            compressed > 0,
            "{name}: no line ends in a compressed 。 or ，"
        );
    }
}

/// `”¹。`: the note marker sits in the closing quote's blank half, so the
/// two marks are as close as without it (0.5 em plus the marker), and
/// pdftotext still reads the sentence as one line.
#[test]
fn a_note_marker_keeps_the_marks_beside_it_compressed() {
    let Some((_, pdf, glyphs)) = sample() else {
        return;
    };
    let mut found = 0;
    for w in glyphs.windows(3) {
        let (quote, marker, stop) = (&w[0], &w[1], &w[2]);
        if quote.c != "”" || stop.c != "。" || quote.size != EM || marker.size >= EM {
            continue;
        }
        let pair = stop.x - quote.x - marker.w;
        assert!(
            (pair - 0.5 * EM).abs() < 0.05 * EM,
            "”¹。 takes {:.3} em plus the marker",
            pair / EM
        );
        found += 1;
    }
    assert!(found > 0, "no ”¹。 in the sample");
    if !common::have("pdftotext") {
        eprintln!("\n*** SKIPPED: pdftotext is not installed ***\n");
        return;
    }
    let text = common::run("pdftotext", &[pdf.to_str().unwrap(), "-"]).replace(' ', "");
    assert!(
        text.lines().any(|l| l.contains("属于自己的“R2-D2”1。它会")),
        "the sentence with the marker is cut: {}",
        text.lines()
            .filter(|l| l.contains("R2-D2”"))
            .collect::<Vec<_>>()
            .join(" | ")
    );
}

#[test]
fn generated_pdfs_are_byte_identical() {
    let Some((dir, pdf, _)) = long_text() else {
        return;
    };
    let first = std::fs::read(pdf).unwrap();
    let again = build(dir.path());
    assert!(first == std::fs::read(again).unwrap(), "two builds differ");
}

#[test]
fn japanese_paragraphs_are_indented_one_em() {
    let text = "吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。何でも薄暗いじめじめした所でニャーニャー泣いていた事だけは記憶している。";
    let chapter = format!("# 一\n\n{text}{text}\n\n{text}\n\n{text}{text}\n");
    let Some((_, _, glyphs)) = small_book("ja", "Noto Serif CJK JP", &chapter) else {
        return;
    };
    let lines = lines(&glyphs);
    let left = left_edges(&lines);
    let starts: Vec<f32> = lines
        .iter()
        .filter(|l| l.glyphs[0].c == "吾")
        .map(|l| l.glyphs[0].x - left[&l.page])
        .collect();
    assert_eq!(starts.len(), 3, "three paragraphs");
    for indent in starts {
        assert!((indent - EM).abs() < 0.1, "indent {indent:.2} pt, not 1 em");
    }
}

#[test]
fn korean_breaks_at_spaces_and_sets_particles_close() {
    let sentence = "운영체제 OS를 설치한 뒤에 CPU가 3개의 작업을 나누어 처리하는 과정을 차례대로 살펴보겠습니다. ";
    let para: String = (0..6).map(|_| sentence).collect();
    let chapter = format!("# 하나\n\n{para}\n\n{para}\n");
    let Some((_, _, glyphs)) = small_book("ko", "Noto Serif CJK KR", &chapter) else {
        return;
    };
    let lines = lines(&glyphs);
    let body: Vec<&Line<'_>> = lines
        .iter()
        .filter(|l| !l.text().contains("하나"))
        .collect();
    let text: String = body.iter().map(|l| l.text()).collect();
    assert_eq!(
        text,
        (para.clone() + &para).replace(' ', ""),
        "every letter, in order"
    );
    // Each break between two Hangul letters falls where the text has a
    // space (no word here is longer than the line).
    let spaced: Vec<bool> = {
        let mut v = Vec::new();
        let mut space = false;
        for c in (para.clone() + &para).chars() {
            if c == ' ' {
                space = true;
            } else {
                v.push(space);
                space = false;
            }
        }
        v
    };
    let mut at = 0;
    let mut breaks = 0;
    for pair in body.windows(2) {
        at += pair[0].text().chars().count();
        let (a, b) = (
            pair[0].text().chars().last().unwrap(),
            pair[1].text().chars().next().unwrap(),
        );
        if is_hangul(a) && is_hangul(b) {
            assert!(spaced[at], "break inside a word: …{a}|{b}…");
            breaks += 1;
        }
    }
    assert!(breaks >= 4, "only {breaks} breaks between Hangul letters");
    // "OS를": the particle follows its Latin word with no space.
    let mut found = 0;
    for l in &body {
        for w in l.glyphs.windows(2) {
            if w[0].c == "S" && w[1].c == "를" {
                let gap = w[1].x - (w[0].x + w[0].w);
                assert!(gap.abs() < 0.05 * EM, "OS를 has a {gap:.2} pt gap");
                found += 1;
            }
        }
    }
    assert!(found > 0, "no OS를 found");
}

//! Vertical writing (縦書き / 直排) in the EPUB: a Japanese novel (宮沢賢治,
//! tests/corpus/ja-novel-bunko), a Traditional Chinese book
//! (tests/corpus/zh-hant-mdbook) and the sample, set with each of the three
//! switches, checked as markup, by EPUBCheck, and as a reader sees it:
//! Chromium prints a chapter and the glyphs must run down columns that
//! follow each other from right to left.

mod common;
#[allow(dead_code)]
mod pdf_tools;

use std::path::{Path, PathBuf};

use common::{assert_epub_valid, epub_entries, folio, repo, stderr, written};

/// Builds `source` into `out` with `args`, returning the warnings.
fn build(dir: &Path, source: &Path, out: &Path, args: &[&str]) -> String {
    let mut all = vec![
        "build",
        source.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--no-system-fonts",
    ];
    all.extend_from_slice(args);
    let output = folio(dir, &all);
    assert!(output.status.success(), "{}", stderr(&output));
    stderr(&output)
}

/// The EPUB's files as text, by name.
fn texts(epub: &Path) -> Vec<(String, String)> {
    epub_entries(epub)
        .into_iter()
        .filter(|(name, _)| {
            name.ends_with(".xhtml") || name.ends_with(".opf") || name.ends_with(".css")
        })
        .map(|(name, data)| (name, String::from_utf8(data).unwrap()))
        .collect()
}

fn file<'a>(texts: &'a [(String, String)], suffix: &str) -> &'a str {
    &texts
        .iter()
        .find(|(name, _)| name.ends_with(suffix))
        .unwrap_or_else(|| panic!("{suffix} in the EPUB"))
        .1
}

/// What makes an EPUB vertical, asserted on or off.
fn assert_vertical(epub: &Path, vertical: bool) {
    let texts = texts(epub);
    let css = file(&texts, "stylesheet.css");
    let opf = file(&texts, "content.opf");
    assert_eq!(
        css.contains("writing-mode: vertical-rl;"),
        vertical,
        "{css}"
    );
    assert_eq!(css.contains("-epub-writing-mode: vertical-rl;"), vertical);
    let direction = if vertical { "rtl" } else { "ltr" };
    assert!(
        opf.contains(&format!("page-progression-direction=\"{direction}\"")),
        "{opf}"
    );
    assert_eq!(
        opf.contains("<meta name=\"primary-writing-mode\" content=\"vertical-rl\"/>"),
        vertical
    );
    // No embedded subset: subsets have no vertical forms or metrics, the
    // reading system's own faces have both.
    let fonts = epub_entries(epub)
        .iter()
        .filter(|(name, _)| name.contains("fonts/"))
        .count();
    assert_eq!(fonts == 0, vertical, "{fonts} embedded fonts");
    // Every document, nav and contents included, takes the stylesheet.
    for (name, xhtml) in texts.iter().filter(|(n, _)| n.ends_with(".xhtml")) {
        if name.ends_with("cover.xhtml") {
            continue;
        }
        assert!(xhtml.contains("stylesheet.css"), "{name}");
    }
}

#[test]
fn three_books_set_vertically_by_each_switch() {
    let dir = tempfile::tempdir().unwrap();
    // The Japanese novel: the command-line switch.
    let novel = repo().join("tests/corpus/ja-novel-bunko/bunko.md");
    let out = dir.path().join("novel");
    let warnings = build(dir.path(), &novel, &out, &["--writing-mode", "vertical-rl"]);
    assert!(!warnings.contains("vertical"), "{warnings}");
    let novel_epub = written(&out, "epub");
    assert_vertical(&novel_epub, true);
    let texts = texts(&novel_epub);
    assert!(
        file(&texts, "ch01.xhtml").contains("<ruby>"),
        "ruby stays ruby"
    );

    // The Traditional Chinese mdBook: book.toml's key.
    let book = dir.path().join("zh-hant");
    copy_dir(&repo().join("tests/corpus/zh-hant-mdbook"), &book);
    let toml = std::fs::read_to_string(book.join("book.toml")).unwrap();
    std::fs::write(
        book.join("book.toml"),
        format!("{toml}\n[folio]\nwriting-mode = \"vertical-rl\"\n"),
    )
    .unwrap();
    let out = dir.path().join("zh-hant-out");
    build(dir.path(), &book, &out, &[]);
    let hant_epub = written(&out, "epub");
    assert_vertical(&hant_epub, true);

    // The sample, horizontal by default and vertical when asked.
    let sample = repo().join("manuscript");
    let out = dir.path().join("sample-h");
    let warnings = build(dir.path(), &sample, &out, &[]);
    assert!(!warnings.contains("vertical"), "{warnings}");
    assert_vertical(&written(&out, "epub"), false);
    let out = dir.path().join("sample-v");
    build(
        dir.path(),
        &sample,
        &out,
        &["--writing-mode", "vertical-rl"],
    );
    let sample_epub = written(&out, "epub");
    assert_vertical(&sample_epub, true);

    for epub in [&novel_epub, &hant_epub, &sample_epub] {
        assert_epub_valid(epub);
    }
    let novel_pdf = written(&dir.path().join("novel"), "pdf");
    assert_vertical_pdf(&novel_pdf);
    assert_vertical_pdf(&written(&dir.path().join("zh-hant-out"), "pdf"));
    assert_vertical_pdf(&written(&dir.path().join("sample-v"), "pdf"));
    assert_vertical_forms_drawn(&novel_pdf);
    // The text comes out in reading order, column after column.
    if let Some(text) = pdf_tools::page_text(&novel_pdf, 7) {
        let text: String = text.split_whitespace().collect();
        assert!(
            text.contains("「ではみなさんは、そういうふうに川だと云われたり"),
            "{text}"
        );
    }
    // So do columns holding words turned on their side (Latin, `40%`,
    // ASCII commas and colons typed in Chinese): a turned word is read in
    // its place in the column, not a line or a character away.
    if let Some(text) = pdf_tools::page_text(&written(&dir.path().join("sample-v"), "pdf"), 7) {
        let text: String = text.split_whitespace().collect();
        for line in [
            "格斯特纳:如今你超过40%的收入来自推理业务。",
            "序幕,对吗?",
            "所谓“后训练”,本质上就像AI在练习一项新技能。",
        ] {
            assert!(text.contains(line), "{line} in {text}");
        }
    }

    // A bad value is refused with the values that work.
    let output = folio(
        dir.path(),
        &[
            "build",
            novel.to_str().unwrap(),
            "--writing-mode",
            "sideways",
        ],
    );
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("vertical-rl"),
        "{}",
        stderr(&output)
    );
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A Japanese chapter with front matter asking for vertical setting,
/// numbers to set upright (縦中横), ruby and enough text for several
/// columns.
fn small_book(dir: &Path) -> PathBuf {
    let body = "　吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。".repeat(6);
    let text = format!(
        "---\ntitle: 縦書きの試験\nlang: ja\nwriting-mode: vertical-rl\n---\n\n# 第一章\n\n\
         12月3日、第5章は2024年に出た。本当!?　A4の紙に{{漢字|かんじ}}を書く。\n\n{body}\n\n{body}\n"
    );
    let path = dir.join("tate.md");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn numbers_stand_upright_and_columns_run_right_to_left_in_chromium() {
    let dir = tempfile::tempdir().unwrap();
    let source = small_book(dir.path());
    let out = dir.path().join("out");
    build(dir.path(), &source, &out, &[]);
    let epub = written(&out, "epub");
    assert_vertical(&epub, true);
    let texts = texts(&epub);
    let chapter = file(&texts, "ch01.xhtml");
    for upright in ["12", "3", "5", "!?"] {
        assert!(
            chapter.contains(&format!("<span class=\"tcy\">{upright}</span>")),
            "{upright} upright: {chapter}"
        );
    }
    assert!(
        chapter.contains("は2024年に出た"),
        "2024 lies on its side: {chapter}"
    );
    assert!(!chapter.contains("\"tcy\">2024") && !chapter.contains("\"tcy\">4"));

    // What a reader sees: Chromium lays the chapter out with the book's
    // stylesheet and prints it.
    if !common::have("chromium") {
        return;
    }
    let unpacked = dir.path().join("unpacked");
    for (name, data) in epub_entries(&epub) {
        let path = unpacked.join(&name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, data).unwrap();
    }
    let page = std::fs::read_dir(unpacked.join("OEBPS"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.file_name().is_some_and(|n| n == "ch01.xhtml"))
        .expect("the chapter");
    let pdf = dir.path().join("chapter.pdf");
    let run = std::process::Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            &format!("--print-to-pdf={}", pdf.display()),
        ])
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(pdf.exists(), "chromium printed nothing: {}", stderr(&run));
    let Some(glyphs) = pdf_tools::glyphs(&pdf) else {
        return;
    };
    let first = glyphs.iter().filter(|g| g.page == 1).collect::<Vec<_>>();
    let body: Vec<_> = first
        .iter()
        .filter(|g| {
            g.c.chars()
                .next()
                .is_some_and(|c| ('\u{3040}'..='\u{9fff}').contains(&c))
        })
        .collect();
    assert!(body.len() > 100, "{} CJK glyphs on page 1", body.len());
    // Each next glyph is below the last in the same column, or starts a
    // column to its left.
    let pairs = body.windows(2).filter(|w| w[0].size == w[1].size).count();
    let down = body
        .windows(2)
        .filter(|w| w[0].size == w[1].size)
        .filter(|w| {
            let (a, b) = (w[0], w[1]);
            ((a.x - b.x).abs() < 1.0 && b.y > a.y) || b.x < a.x - a.size * 0.5
        })
        .count();
    assert!(
        down as f32 >= 0.9 * pairs as f32,
        "{down} of {pairs} neighbours run down the column or to the next column on the left"
    );
    // 12 sits across one column: its digits side by side at one height.
    let one = first.iter().position(|g| g.c == "1").expect("the 1 of 12");
    let (d1, d2) = (first[one], first[one + 1]);
    assert_eq!(d2.c, "2");
    assert!(
        (d1.y - d2.y).abs() < 1.0 && d2.x > d1.x,
        "12 upright: {d1:?} {d2:?}"
    );
    // The reading of 漢字 stands to the right of its base.
    let base = first.iter().find(|g| g.c == "漢").expect("漢");
    let reading = first
        .iter()
        .find(|g| g.c == "か" && g.size < base.size * 0.7)
        .expect("the ruby か");
    assert!(
        reading.x > base.x,
        "ruby right of its base: {reading:?} {base:?}"
    );
}

/// Closing marks no column may open with (the line breaker's line-start
/// rule, applied at the column's top).
const CLOSING: &str = "、。，．：；！？」』）］｝〕〉》】";

/// The PDF of a vertical book as a reader sees it: pages turn right to
/// left, nine in ten neighbouring CJK glyphs of the body run down a column
/// or on to the next column on the left, columns follow each other from
/// right to left, none opens with a closing mark, and no glyph is a box.
fn assert_vertical_pdf(pdf: &Path) {
    let Some(glyphs) = pdf_tools::glyphs(pdf) else {
        return;
    };
    assert!(
        pdf_tools::tofu(&glyphs).is_empty(),
        "{:?}",
        pdf_tools::tofu(&glyphs)
    );
    let r2l = catalog_direction(pdf);
    assert_eq!(r2l.as_deref(), Some("/R2L"), "{}", pdf.display());
    let cjk = |g: &&pdf_tools::Glyph| {
        g.c.chars().next().is_some_and(|c| {
            ('\u{3000}'..='\u{9fff}').contains(&c) || ('\u{ff01}'..='\u{ff5e}').contains(&c)
        })
    };
    // The body size: the most common size of CJK glyphs.
    let mut sizes: Vec<(i64, usize)> = Vec::new();
    for g in glyphs.iter().filter(cjk) {
        let key = (g.size * 100.0).round() as i64;
        match sizes.iter_mut().find(|s| s.0 == key) {
            Some(s) => s.1 += 1,
            None => sizes.push((key, 1)),
        }
    }
    let body = sizes.iter().max_by_key(|s| s.1).expect("CJK glyphs").0;
    let body: Vec<&pdf_tools::Glyph> = glyphs
        .iter()
        .filter(cjk)
        .filter(|g| (g.size * 100.0).round() as i64 == body)
        .collect();
    assert!(
        body.len() > 500,
        "{} body glyphs in {}",
        body.len(),
        pdf.display()
    );
    let upright = body.iter().filter(|g| g.wmode == 1).count();
    assert!(
        upright * 10 >= body.len() * 9,
        "{upright} of {} upright",
        body.len()
    );
    let pairs: Vec<_> = body.windows(2).filter(|w| w[0].page == w[1].page).collect();
    let down = pairs
        .iter()
        .filter(|w| {
            let (a, b) = (w[0], w[1]);
            ((a.x - b.x).abs() < 1.0 && b.y > a.y) || b.x < a.x - a.size * 0.5
        })
        .count();
    assert!(
        down * 10 >= pairs.len() * 9,
        "{down} of {} neighbours run down a column or on to the next on the left ({})",
        pairs.len(),
        pdf.display()
    );
    // A column's top is the text area's: the highest body glyph of the
    // page. A mark there opens its column (a mark below a Latin word at
    // the top does not).
    let mut tops: std::collections::BTreeMap<usize, f32> = std::collections::BTreeMap::new();
    for g in &body {
        let top = tops.entry(g.page).or_insert(g.y);
        *top = top.min(g.y);
    }
    let mut columns = std::collections::BTreeSet::new();
    let mut opening = Vec::new();
    for g in &body {
        if g.y < tops[&g.page] + 0.5 * g.size {
            columns.insert((g.page, (g.x * 2.0).round() as i64));
            if CLOSING.contains(g.c.as_str()) {
                opening.push(g);
            }
        }
    }
    assert!(
        opening.is_empty(),
        "columns open with closing marks: {opening:?}"
    );
    assert!(columns.len() > 40, "{} columns", columns.len());
}

/// The `/Direction` of the PDF's viewer preferences, as PyMuPDF reads it.
fn catalog_direction(pdf: &Path) -> Option<String> {
    let script = "import sys, pymupdf\n\
                  d = pymupdf.open(sys.argv[1])\n\
                  print(d.xref_get_key(d.pdf_catalog(), 'ViewerPreferences/Direction')[1])";
    let out = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(pdf)
        .output()
        .ok()?;
    Some(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// The full stops drawn are the vertical forms: their ink sits in the upper
/// right of the cell (the horizontal 。 sits in the lower left), against
/// the ink of the ideographs of the same column.
fn assert_vertical_forms_drawn(pdf: &Path) {
    let Some(glyphs) = pdf_tools::glyphs(pdf) else {
        return;
    };
    let page = 7;
    let (w, h, pixels) = pdf_tools::render_page(pdf, page, 288);
    let scale = 4.0;
    // Ink centroid of `g`'s em box, up to `end`: PyMuPDF gives a vertical
    // glyph's origin as the box's left edge and baseline (0.88 em below
    // its top).
    let ink = |g: &pdf_tools::Glyph, end: f32| {
        let s = g.size;
        let (mut total, mut sx, mut sy) = (0.0f32, 0.0f32, 0.0f32);
        let (x0, x1) = (
            ((g.x - 0.3 * s) * scale) as usize,
            ((g.x + 1.3 * s) * scale) as usize,
        );
        let (y0, y1) = (
            ((g.y - 0.88 * s) * scale) as usize,
            ((g.y + 0.12 * s).min(end) * scale) as usize,
        );
        for py in y0..y1.min(h) {
            for px in x0..x1.min(w) {
                let d = 255.0 - f32::from(pixels[py * w + px][0]);
                if d > 60.0 {
                    total += d;
                    sx += d * px as f32;
                    sy += d * py as f32;
                }
            }
        }
        (sx / total / scale - g.x, sy / total / scale - g.y)
    };
    let on_page: Vec<_> = glyphs
        .iter()
        .filter(|g| g.page == page && g.wmode == 1 && g.size > 9.0)
        .collect();
    let stops: Vec<_> = on_page
        .iter()
        .enumerate()
        .filter(|(_, g)| g.c == "。")
        .collect();
    assert!(!stops.is_empty(), "a full stop on page {page}");
    let mut checked = 0;
    for (i, stop) in stops {
        // A mark compressed to half an em shares its cell's lower half
        // with the next glyph: only its own part is looked at.
        let end = on_page
            .get(i + 1)
            .filter(|n| (n.x - stop.x).abs() < 0.5)
            .map_or(f32::MAX, |n| n.y - 0.88 * n.size);
        // A kana or an ideograph of the same column, whose ink is centred.
        let Some(han) = on_page.iter().find(|g| {
            (g.x - stop.x).abs() < 0.5
                && g.c.chars().all(|c| {
                    ('\u{3041}'..='\u{3093}').contains(&c) || ('\u{4e00}'..='\u{9fff}').contains(&c)
                })
        }) else {
            continue;
        };
        checked += 1;
        let (sx, sy) = ink(stop, end);
        let (hx, hy) = ink(han, f32::MAX);
        assert!(
            sx > hx + 0.15 * stop.size && sy < hy - 0.15 * stop.size,
            "。 at {stop:?}: ink {sx},{sy} against {hx},{hy} of {}",
            han.c
        );
    }
    assert!(checked > 0, "no full stop beside a letter on page {page}");
}

#[test]
fn numbers_latin_and_ruby_in_the_pdf_columns() {
    let dir = tempfile::tempdir().unwrap();
    let source = small_book(dir.path());
    let out = dir.path().join("out");
    let warnings = build(dir.path(), &source, &out, &[]);
    assert!(!warnings.contains("vertical"), "{warnings}");
    let pdf = written(&out, "pdf");
    let Some(glyphs) = pdf_tools::glyphs(&pdf) else {
        return;
    };
    let page = glyphs
        .iter()
        .find(|g| g.c == "月")
        .expect("the chapter")
        .page;
    let on: Vec<_> = glyphs.iter().filter(|g| g.page == page).collect();
    let at = |c: &str| on.iter().position(|g| g.c == c).expect(c);
    // 12 stands upright in one cell: side by side at one height, above 月.
    let one = at("1");
    let (d1, d2, month) = (on[one], on[one + 1], on[at("月")]);
    assert_eq!(d2.c, "2");
    assert!(
        (d1.y - d2.y).abs() < 0.5 && d2.x > d1.x && d1.y < month.y,
        "{d1:?} {d2:?} {month:?}"
    );
    assert!(d2.x - d1.x < d1.size, "in one em: {d1:?} {d2:?}");
    // 2024 lies on its side: its digits run down the column.
    let year = on
        .windows(4)
        .find(|w| w.iter().map(|g| g.c.as_str()).collect::<String>() == "2024")
        .expect("2024");
    assert!(
        year.windows(2)
            .all(|p| (p[0].x - p[1].x).abs() < 0.5 && p[1].y > p[0].y),
        "{year:?}"
    );
    // The reading stands to the right of its base.
    let base = on[at("漢")];
    let reading = on
        .iter()
        .find(|g| g.c == "か" && g.size < base.size * 0.7)
        .expect("the ruby か");
    assert!(reading.x > base.x + base.size * 0.5, "{reading:?} {base:?}");
    // The first column reads in order, its upright numbers in place.
    if let Some(text) = pdf_tools::page_text(&pdf, page) {
        let text: String = text.split_whitespace().collect();
        assert!(text.contains("12月3日、第5章は"), "{text}");
    }
}

#[test]
fn a_vertical_handout_stays_horizontal_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let source = small_book(dir.path());
    let out = dir.path().join("out");
    let warnings = build(dir.path(), &source, &out, &["--handout"]);
    assert!(warnings.contains("handout"), "{warnings}");
    let pdf = written(&out, "pdf");
    if let Some(glyphs) = pdf_tools::glyphs(&pdf) {
        assert!(glyphs.iter().all(|g| g.wmode == 0));
    }
    assert_eq!(catalog_direction(&pdf).as_deref(), Some("null"));
}

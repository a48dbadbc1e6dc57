//! mdBooks as mdBook builds them, on the real corpus books and on small
//! books made here: includes, SUMMARY.md structure (parts, drafts, prefix
//! and suffix chapters, nesting, markup in titles), cross-links by mdBook
//! anchors, and warnings a person can read.

mod common;

use std::path::Path;

use common::{epub_entries, folio, have, repo, run, squash, stderr, written};

/// Builds `book` (a path) into a new folder; returns it and stderr.
fn build(book: &Path, extra: &[&str]) -> (tempfile::TempDir, String) {
    let out = tempfile::tempdir().unwrap();
    let mut args = vec![
        "build",
        book.to_str().unwrap(),
        "-o",
        out.path().to_str().unwrap(),
        "--no-system-fonts",
    ];
    args.extend_from_slice(extra);
    let output = folio(&repo(), &args);
    let err = stderr(&output);
    assert!(output.status.success(), "{err}");
    (out, err)
}

/// Every XHTML file of the EPUB, by name.
fn xhtml(epub: &Path) -> Vec<(String, String)> {
    epub_entries(epub)
        .into_iter()
        .filter(|(name, _)| name.ends_with(".xhtml"))
        .map(|(name, data)| (name, String::from_utf8(data).unwrap()))
        .collect()
}

/// The PDF's bookmarks as (level, title, page), by PyMuPDF; `None` when
/// it is not installed.
fn outline(pdf: &Path) -> Option<Vec<(usize, String, usize)>> {
    let script = "import sys, pymupdf\nfor l, t, p in pymupdf.open(sys.argv[1]).get_toc():\n    print(f'{l}\\t{t}\\t{p}')";
    let out = std::process::Command::new("python3")
        .args(["-c", script, pdf.to_str().unwrap()])
        .output()
        .ok()?;
    if !out.status.success() {
        eprintln!("SKIPPED: pymupdf: {}", String::from_utf8_lossy(&out.stderr));
        return None;
    }
    let text = String::from_utf8(out.stdout).unwrap();
    Some(
        text.lines()
            .map(|l| {
                let mut cols = l.split('\t');
                let level = cols.next().unwrap().parse().unwrap();
                let title = cols.next().unwrap().to_string();
                let page = cols.next().unwrap().parse().unwrap();
                (level, title, page)
            })
            .collect(),
    )
}

/// The width of `line` on a terminal (CJK and fullwidth: 2 columns).
fn columns(line: &str) -> usize {
    line.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF => 2,
            0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD => 2,
            _ => 1,
        })
        .sum()
}

#[test]
fn corpus_mdbooks_have_their_listings_links_and_nesting() {
    for (name, listing, part, parent, child) in [
        (
            "zh-mdbook",
            "let response_text = trpl::get(url).await.text().await;",
            "Rust 编程思想",
            "进一步认识 Cargo 和 Crates.io",
            "采用发布配置自定义构建",
        ),
        (
            "zh-hant-mdbook",
            "let b = Box::new(5);",
            "以 Rust 思維思考",
            "智慧指標",
            "使用 Box<T> 指向堆積上的資料",
        ),
    ] {
        let (out, err) = build(&repo().join("tests/corpus").join(name), &[]);
        // Warnings fit a terminal: 30 lines, source lines cut.
        assert!(err.lines().count() <= 30, "{name}: {err}");
        for line in err.lines().filter(|l| l.contains(" | ")) {
            assert!(columns(line) <= 90, "{name}: snippet too wide: {line}");
        }
        let epub = written(out.path(), "epub");
        let pages = xhtml(&epub);
        let all: String = pages.iter().map(|(_, t)| t.as_str()).collect();
        // The listings are highlighted: their text is split into spans.
        let all = common::without_spans(&all);
        assert!(
            !all.contains("{{#"),
            "{name}: a directive printed in the EPUB"
        );
        assert!(
            all.contains(&listing.replace('"', "&quot;")) || all.contains(listing),
            "{name}: listing missing from the EPUB"
        );
        let nav = &pages
            .iter()
            .find(|(n, _)| n.ends_with("nav.xhtml"))
            .unwrap()
            .1;
        assert_nested(name, nav, part, parent, child);

        if !have("pdftotext") {
            continue;
        }
        let pdf = written(out.path(), "pdf");
        let text = run("pdftotext", &[pdf.to_str().unwrap(), "-"]);
        assert!(
            !text.contains("{{#"),
            "{name}: a directive printed in the PDF"
        );
        assert!(
            squash(&text).contains(&squash(listing)),
            "{name}: listing missing from the PDF"
        );
        let Some(marks) = outline(&pdf) else { continue };
        let level = |t: &str| {
            marks
                .iter()
                .find(|(_, title, _)| title == t)
                .map(|m| m.0)
                .unwrap_or_else(|| panic!("{name}: no bookmark {t}: {marks:?}"))
        };
        assert_eq!(level(parent), level(part) + 1, "{name}: {marks:?}");
        assert_eq!(level(child), level(parent) + 1, "{name}: {marks:?}");
    }
}

/// In the nav, `part` is text heading a list that holds `parent`, whose
/// list holds `child`.
fn assert_nested(name: &str, nav: &str, part: &str, parent: &str, child: &str) {
    let doc = roxmltree::Document::parse(nav).unwrap();
    let li_of = |text: &str| {
        doc.descendants()
            .find(|n| {
                matches!(n.tag_name().name(), "a" | "span") && n.text().map(str::trim) == Some(text)
            })
            .unwrap_or_else(|| panic!("{name}: `{text}` not in the nav:\n{nav}"))
            .parent()
            .unwrap()
    };
    let part_li = li_of(part);
    assert_eq!(
        part_li.first_element_child().unwrap().tag_name().name(),
        "span"
    );
    let parent_li = li_of(parent);
    let child_li = li_of(child);
    let up = parent_li.parent().and_then(|ol| ol.parent());
    assert_eq!(up, Some(part_li), "{name}: {parent} not in {part}");
    let up = child_li.parent().and_then(|ol| ol.parent());
    assert_eq!(up, Some(parent_li), "{name}: {child} not in {parent}");
}

#[test]
fn zh_hant_links_by_mdbook_anchor_and_html_page_resolve_in_both_outputs() {
    let (out, err) = build(&repo().join("tests/corpus/zh-hant-mdbook"), &["-v"]);
    assert!(!err.contains("`#透過-box-建立遞迴型別`"), "{err}");
    let pages = xhtml(&written(out.path(), "epub"));
    // ch15-01 links to its own heading by mdBook's slug.
    let (file, text) = pages
        .iter()
        .find(|(_, t)| t.contains("「透過 Box 建立遞迴型別」"))
        .unwrap();
    let doc = roxmltree::Document::parse(text).unwrap();
    let link = doc
        .descendants()
        .find(|n| n.has_tag_name("a") && n.text() == Some("「透過 Box 建立遞迴型別」"))
        .unwrap_or_else(|| panic!("no link in {file}"));
    let href = link.attribute("href").unwrap();
    let (target, id) = href.split_once('#').unwrap();
    let target_text = &pages.iter().find(|(n, _)| n.ends_with(target)).unwrap().1;
    assert!(
        target_text.contains(&format!("id=\"{id}\">透過 Box 建立遞迴型別<")),
        "{href} does not name the heading"
    );

    let Some(links) = pdf_links_from(&written(out.path(), "pdf"), "透過 Box 建立遞迴型別")
    else {
        return;
    };
    assert!(
        links
            .iter()
            .any(|(_, to)| to.contains("透過 Box 建立遞迴型別")),
        "no PDF link to the heading's page: {links:?}"
    );
}

/// Internal links of the pages where `needle` appears: (page, text of
/// the page linked to).
fn pdf_links_from(pdf: &Path, needle: &str) -> Option<Vec<(usize, String)>> {
    let script = "import sys, pymupdf\nd = pymupdf.open(sys.argv[1])\nfor p in d:\n    if not p.search_for(sys.argv[2]): continue\n    for l in p.get_links():\n        if l.get('kind') == pymupdf.LINK_GOTO:\n            t = d[l['page']].get_text().replace('\\n', ' ')\n            print(f\"{p.number}\\t{t}\")";
    let out = std::process::Command::new("python3")
        .args(["-c", script, pdf.to_str().unwrap(), needle])
        .output()
        .ok()?;
    if !out.status.success() {
        eprintln!("SKIPPED: pymupdf: {}", String::from_utf8_lossy(&out.stderr));
        return None;
    }
    let text = String::from_utf8(out.stdout).unwrap();
    Some(
        text.lines()
            .filter_map(|l| l.split_once('\t'))
            .map(|(p, t)| (p.parse().unwrap(), t.to_string()))
            .collect(),
    )
}

/// A small mdBook with every kind of SUMMARY.md entry.
fn structured_book() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        (
            "book.toml",
            "[book]\ntitle = \"Structured\"\nlanguage = \"en\"\n\n[preprocessor.admonish]\ncommand = \"mdbook-admonish\"\n\n[preprocessor.links]\n\n[output.html]\n",
        ),
        (
            "src/SUMMARY.md",
            "# Summary\n\n[Foreword](foreword.md)\n\n# Part One\n\n- [The `Box<T>` type](box.md)\n    - [Nested *deep*](nested.md)\n    - [Not yet]()\n- [Second](second.md)\n\n---\n\n[Appendix](appendix.md)\n",
        ),
        ("src/foreword.md", "Before it all.\n"),
        ("src/box.md", "Text of box, see [second](second.html#a-section).\n"),
        ("src/nested.md", "## Nested heading\n\nNested text.\n"),
        ("src/second.md", "# Second\n\n## A section\n\nMore.\n"),
        ("src/appendix.md", "# Appendix A\n\nLast.\n"),
    ];
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

#[test]
fn summary_parts_drafts_and_markup_in_titles_in_both_outputs() {
    let book = structured_book();
    let (out, err) = build(book.path(), &[]);
    // One warning for the drafts, one for the preprocessor folio does not
    // run (`links` is folio's own include support), nothing else.
    assert_eq!(err.matches("warning: ").count(), 2, "{err}");
    assert!(
        err.contains("draft chapter without a file (`Not yet`)"),
        "{err}"
    );
    assert!(err.contains("preprocessor `admonish`"), "{err}");
    assert!(!err.contains("`links`;"), "{err}");

    let epub = written(out.path(), "epub");
    let pages = xhtml(&epub);
    let page = |suffix: &str| &pages.iter().find(|(n, _)| n.ends_with(suffix)).unwrap().1;
    let nav = page("nav.xhtml");
    assert!(!nav.contains('`'), "backticks in the nav:\n{nav}");
    assert!(nav.contains(">The Box&lt;T&gt; type</a>"), "{nav}");
    assert_nested("nav", nav, "Part One", "The Box<T> type", "Nested heading");
    // The draft is text in the contents page, and not in the nav (whose
    // `<span>` must head a list).
    let contents = page("toc.xhtml");
    assert!(
        contents.contains("<li><span>Not yet</span></li>"),
        "{contents}"
    );
    assert!(!nav.contains("Not yet"), "{nav}");
    // The chapter's own page shows the code as code.
    let chapter = pages
        .iter()
        .find(|(_, t)| t.contains("Text of box"))
        .map(|(_, t)| t)
        .unwrap();
    assert!(chapter.contains("<code>Box&lt;T&gt;</code>"), "{chapter}");
    // The `.html#slug` link goes to the section's id.
    assert!(chapter.contains(".xhtml#a-section\""), "{chapter}");
    // The foreword is front matter; the appendix comes last.
    let spine: Vec<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
    assert!(
        spine.iter().any(|n| n.ends_with("front1.xhtml")),
        "{spine:?}"
    );
    common::assert_epub_valid(&epub);

    if !have("pdftotext") {
        return;
    }
    let pdf = written(out.path(), "pdf");
    let text = run("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]);
    assert!(!text.contains('`'), "backticks in the PDF:\n{text}");
    let contents_page = text
        .split('\u{c}')
        .find(|p| p.contains("Part One"))
        .unwrap();
    assert!(contents_page.contains("The Box<T> type"), "{contents_page}");
    assert!(contents_page.contains("Not yet"), "{contents_page}");
    // Sub-chapters are indented under their chapter.
    let indent = |t: &str| {
        let line = contents_page.lines().find(|l| l.contains(t)).unwrap();
        line.len() - line.trim_start().len()
    };
    assert!(
        indent("Nested heading") > indent("The Box<T> type"),
        "{contents_page}"
    );
    assert!(
        indent("The Box<T> type") > indent("Part One"),
        "{contents_page}"
    );
    let Some(marks) = outline(&pdf) else { return };
    let titles: Vec<(usize, &str)> = marks.iter().map(|(l, t, _)| (*l, t.as_str())).collect();
    assert!(titles.contains(&(1, "Part One")), "{titles:?}");
    assert!(titles.contains(&(2, "The Box<T> type")), "{titles:?}");
    assert!(titles.contains(&(3, "Nested heading")), "{titles:?}");
    assert!(titles.contains(&(1, "Appendix A")), "{titles:?}");
}

//! Accessibility (issue 12), checked with the tools publishers use: Ace by
//! DAISY finds no violation in the sample or in real books of the corpus;
//! the conformance claim is made only when folio's checks pass; the EPUB
//! carries the PDF edition's page numbers where its pages begin; `lang`
//! spans and authors' page markers reach the EPUB; `folio check` reports
//! accessibility findings with file and line and `--strict` fails on them.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{epub_entries, folio, repo, stderr, written};

/// The text of `name` inside the EPUB at `epub`.
fn entry(epub: &Path, name: &str) -> String {
    let (_, data) = epub_entries(epub)
        .into_iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("{name} not in {}", epub.display()));
    String::from_utf8(data).expect("UTF-8")
}

/// Builds `input` (relative to the repository) into `out`, returning the
/// build's stderr.
fn build(input: &Path, out: &Path, format: &[&str]) -> String {
    let mut args = vec![
        "build",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(format);
    let run = folio(&repo(), &args);
    assert!(run.status.success(), "{}", stderr(&run));
    stderr(&run)
}

/// `ace-puppeteer` as scripts/test.sh installs it (`target/ace`), with
/// Debian's chromium; `None` (skipped loudly, a failure in CI) without.
fn ace() -> Option<PathBuf> {
    let ace = std::env::var_os("ACE_PUPPETEER")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("target/ace/node_modules/.bin/ace-puppeteer"));
    let chromium = Path::new("/usr/bin/chromium");
    if ace.exists() && chromium.exists() {
        return Some(ace);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "Ace and chromium are required in CI: run scripts/test.sh"
    );
    eprintln!("SKIPPED: Ace by DAISY or chromium is not installed (scripts/test.sh installs them)");
    None
}

/// Runs Ace on every EPUB, in parallel (Ace checks one EPUB per run, each
/// starting one chromium), and returns each report's violations.
fn ace_violations(ace: &Path, epubs: &[PathBuf], out: &Path) -> Vec<Vec<String>> {
    std::thread::scope(|scope| {
        let runs: Vec<_> = epubs
            .iter()
            .enumerate()
            .map(|(i, epub)| {
                let dir = out.join(format!("ace-{i}"));
                scope.spawn(move || {
                    let run = Command::new(ace)
                        .env("PUPPETEER_EXECUTABLE_PATH", "/usr/bin/chromium")
                        .args(["-f", "-s", "-o"])
                        .arg(&dir)
                        .arg(epub)
                        .output()
                        .expect("run ace-puppeteer");
                    let report =
                        std::fs::read_to_string(dir.join("report.json")).unwrap_or_else(|_| {
                            panic!(
                                "Ace wrote no report: {}",
                                String::from_utf8_lossy(&run.stderr)
                            )
                        });
                    violations(&report)
                })
            })
            .collect();
        runs.into_iter()
            .map(|r| r.join().expect("Ace thread"))
            .collect()
    })
}

/// Every assertion of an Ace report that did not pass: file, rule, markup.
fn violations(report: &str) -> Vec<String> {
    let report: serde_json::Value = serde_json::from_str(report).expect("Ace JSON");
    let mut out = Vec::new();
    for doc in report["assertions"].as_array().into_iter().flatten() {
        for a in doc["assertions"].as_array().into_iter().flatten() {
            if a["earl:result"]["earl:outcome"] != "pass" {
                out.push(format!(
                    "{} {} {}",
                    doc["earl:testSubject"]["url"],
                    a["earl:test"]["dct:title"],
                    a["earl:result"]["html"]
                ));
            }
        }
    }
    out
}

const CLAIM: &str =
    "<meta property=\"dcterms:conformsTo\">EPUB Accessibility 1.1 - WCAG 2.2 Level AA</meta>";

#[test]
fn ace_finds_nothing_and_the_claim_follows_folios_checks() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    // The sample, and real books: CJK, images, notes, tables, callouts, math.
    let books = [
        "manuscript",
        "tests/corpus/zh-mdbook",
        "tests/corpus/ja-novel/example",
        "tests/corpus/zh-math/chapter_linear-networks/linear-regression.md",
        "tests/corpus/pandoc-manual/MANUAL-excerpt.md",
        "tests/corpus/github-readme/github-readme-stats/readme.md",
    ];
    let mut epubs = Vec::new();
    let mut warnings = Vec::new();
    for (i, book) in books.iter().enumerate() {
        let dest = out.join(format!("book-{i}"));
        warnings.push(build(&repo().join(book), &dest, &["--format", "epub"]));
        epubs.push(written(&dest, "epub"));
    }
    // A book with an image that has no alt text, and one that is decorative.
    let bare = out.join("bare");
    std::fs::create_dir_all(&bare).unwrap();
    std::fs::copy(
        repo().join("tests/corpus/ja-novel/example/assets/img-002.png"),
        bare.join("a.png"),
    )
    .expect("a test image");
    std::fs::write(
        bare.join("book.md"),
        "---\ntitle: Bare\nlang: en\n---\n\n# One\n\nText.\n\n![](a.png)\n\n![](a.png){.decorative}\n",
    )
    .unwrap();
    let bare_out = out.join("bare-out");
    let bare_warnings = build(&bare.join("book.md"), &bare_out, &["--format", "epub"]);
    epubs.push(written(&bare_out, "epub"));

    let sample_opf = entry(&epubs[0], "OEBPS/content.opf");
    assert!(sample_opf.contains(CLAIM), "{sample_opf}");
    assert!(sample_opf.contains("<meta property=\"a11y:certifiedBy\">folio"));
    assert!(sample_opf.contains("<package version=\"3.0\" xml:lang=\"zh-CN\""));
    // The summary is Chinese, like the book, and says what is there.
    assert!(sample_opf.contains("本书有可导航的目录"), "{sample_opf}");
    assert!(sample_opf.contains("printPageNumbers"));
    assert!(
        !sample_opf.contains(">alternativeText<"),
        "the sample has no images"
    );
    assert!(
        !warnings[0].contains("conformance claim"),
        "{}",
        warnings[0]
    );

    let bare_opf = entry(epubs.last().unwrap(), "OEBPS/content.opf");
    assert!(!bare_opf.contains("conformsTo"), "{bare_opf}");
    assert!(!bare_opf.contains(">alternativeText<"), "{bare_opf}");
    assert_eq!(
        bare_warnings
            .matches("no accessibility conformance claim")
            .count(),
        1,
        "{bare_warnings}"
    );
    assert!(
        bare_warnings.contains("1 image(s) without alt text"),
        "{bare_warnings}"
    );
    // Japanese: the summary in Japanese, ruby declared.
    let ja_opf = entry(&epubs[2], "OEBPS/content.opf");
    assert!(
        ja_opf.contains("目次があり") || ja_opf.contains("移動できる目次"),
        "{ja_opf}"
    );
    assert!(ja_opf.contains(">rubyAnnotations<"), "{ja_opf}");
    assert!(entry(&epubs[3], "OEBPS/content.opf").contains(">MathML<"));

    common::assert_epub_valid(&epubs[0]);
    common::assert_epub_valid(epubs.last().unwrap());
    let Some(ace) = ace() else { return };
    let found = ace_violations(&ace, &epubs, out);
    for (epub, found) in epubs.iter().zip(&found) {
        assert!(
            found.is_empty(),
            "Ace on {}:\n{}",
            epub.display(),
            found.join("\n")
        );
    }
}

/// The PDF's page labels, by PyMuPDF (scripts/test.sh installs it).
fn page_labels(pdf: &Path) -> Vec<String> {
    let script = "import sys, pymupdf\nfor p in pymupdf.open(sys.argv[1]): print(p.get_label())";
    common::run("python3", &["-c", script, pdf.to_str().unwrap()])
        .lines()
        .map(str::to_string)
        .collect()
}

/// The letters of `s`: digits are left out on both sides, since the PDF
/// draws list and note numbers the EPUB's markup does not have as text.
fn letters(s: &str) -> String {
    s.chars().filter(|c| c.is_alphabetic()).collect()
}

/// The first letters after the element with `id` in `xhtml`
/// (ruby readings and TeX annotations left out, entities as one mark).
fn text_after(xhtml: &str, id: &str, n: usize) -> String {
    let at = xhtml
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no marker {id}"));
    let mut rest = &xhtml[at..];
    rest = &rest[rest.find('>').unwrap() + 1..];
    let mut out = String::new();
    let mut skip = 0;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            let end = rest.find('>').unwrap() + 1;
            let tag = &rest[..end];
            for name in ["<rt", "<rp", "<annotation"] {
                if tag.starts_with(name) {
                    skip += 1;
                }
                if tag.starts_with(&name.replace('<', "</")) {
                    skip -= 1;
                }
            }
            rest = &rest[end..];
            continue;
        }
        if skip == 0 && c.is_alphabetic() {
            out.push(c);
            if out.chars().count() == n {
                break;
            }
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

#[test]
fn the_epub_marks_where_each_pdf_page_begins() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("dist");
    build(&repo().join("manuscript"), &out, &[]);
    let (epub, pdf) = (written(&out, "epub"), written(&out, "pdf"));
    let nav = entry(&epub, "OEBPS/nav.xhtml");
    let list = &nav[nav
        .find("epub:type=\"page-list\"")
        .expect("a page-list nav")..];
    let list = &list[..list.find("</nav>").unwrap()];
    let entries: Vec<(String, String, String)> = list
        .split("<li><a href=\"")
        .skip(1)
        .map(|li| {
            let (href, rest) = li.split_once("\">").unwrap();
            let (file, id) = href.split_once('#').unwrap();
            let label = rest.split_once("</a>").unwrap().0;
            (file.to_string(), id.to_string(), label.to_string())
        })
        .collect();
    let labels = page_labels(&pdf);
    let listed: Vec<&str> = entries.iter().map(|(_, _, l)| l.as_str()).collect();
    assert_eq!(
        listed, labels,
        "one entry per PDF page, labelled as the PDF is"
    );
    assert!(labels.contains(&"iii".to_string()) && labels.contains(&"12".to_string()));
    let opf = entry(&epub, "OEBPS/content.opf");
    assert!(opf.contains("<meta property=\"pageBreakSource\">"), "{opf}");

    let mut compared = 0;
    for (page, (file, id, label)) in entries.iter().enumerate() {
        let xhtml = entry(&epub, &format!("OEBPS/{file}"));
        assert!(
            xhtml.contains(&format!(
                "<span epub:type=\"pagebreak\" role=\"doc-pagebreak\" id=\"{id}\" aria-label=\"{label}\"></span>"
            )),
            "marker {id} in {file}"
        );
        let n = (page + 1).to_string();
        let text = common::run(
            "pdftotext",
            &["-f", &n, "-l", &n, pdf.to_str().unwrap(), "-"],
        );
        let lines: Vec<String> = text
            .lines()
            .map(letters)
            .filter(|l| !l.is_empty())
            .collect();
        // A page with nothing but its number was left blank: its marker
        // stands with the next page's.
        if lines.iter().all(|l| *l == letters(label)) {
            continue;
        }
        let after = text_after(&xhtml, id, 6);
        // The first line, or the second after a running head.
        let starts = (0..2.min(lines.len())).any(|k| lines[k..].concat().starts_with(&after));
        assert!(
            starts,
            "page {label}: the EPUB marker is followed by {after:?}, the PDF page begins {:?}",
            &lines[..2.min(lines.len())]
        );
        compared += 1;
    }
    assert!(compared >= 20, "only {compared} pages compared");
}

#[test]
fn languages_page_markers_and_header_scope_reach_the_epub() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book.md");
    std::fs::write(
        &book,
        "---\ntitle: 语言\nlang: zh-CN\n---\n\n# 一\n\n中文<span lang=\"ja\">日本語</span>和[こんにちは]{lang=ja}。\n\n\
         ::: {lang=ko}\n한국어 문단.\n:::\n\n<p>前<span epub:type=\"pagebreak\" aria-label=\"77\"></span>后</p>\n\n\
         | 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n",
    )
    .unwrap();
    let out = dir.path().join("dist");
    build(&book, &out, &["--format", "epub"]);
    let epub = written(&out, "epub");
    let ch = entry(&epub, "OEBPS/ch01.xhtml");
    assert!(
        ch.contains("<span lang=\"ja\" xml:lang=\"ja\">日本語</span>"),
        "{ch}"
    );
    assert!(
        ch.contains("<span lang=\"ja\" xml:lang=\"ja\">こんにちは</span>"),
        "{ch}"
    );
    assert!(ch.contains("<div lang=\"ko\" xml:lang=\"ko\">"), "{ch}");
    assert!(
        ch.contains(
            "前<span epub:type=\"pagebreak\" role=\"doc-pagebreak\" aria-label=\"77\"></span>后"
        ),
        "the author's marker is kept: {ch}"
    );
    assert!(ch.contains("<th scope=\"col\">甲</th>"), "{ch}");
    // With --format epub alone the PDF is still laid out for the markers.
    assert!(
        ch.contains("role=\"doc-pagebreak\" id=\"print-page-1\""),
        "{ch}"
    );
    common::assert_epub_valid(&epub);
}

#[test]
fn check_reports_accessibility_findings_and_strict_fails_on_them() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book.md");
    std::fs::write(
        &book,
        "---\ntitle: Findings\nlang: en\n---\n\n# One\n\n![](missing.png)\n\nRead more [here](https://example.com).\n\n\
         ## Two\n\n#### Four\n\n<table><tr><td>1</td><td>2</td></tr></table>\n\n点击[这里](https://example.com)。\n",
    )
    .unwrap();
    let path = book.to_str().unwrap();
    let run = folio(dir.path(), &["check", "--json", path]);
    assert!(
        run.status.success(),
        "warnings alone pass without --strict: {}",
        stderr(&run)
    );
    let report: serde_json::Value = serde_json::from_str(&common::stdout(&run)).expect("JSON");
    let findings: Vec<(String, u64)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["message"].as_str().unwrap().to_string(),
                f["location"]["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    for (message, line) in [
        ("accessibility: the image `missing.png` has no alt text", 8),
        ("accessibility: the link text `here` says nothing", 10),
        ("heading level jumps from ## to ####", 14),
        ("accessibility: a table has no header row", 16),
        ("accessibility: the link text `这里` says nothing", 18),
    ] {
        assert!(
            findings
                .iter()
                .any(|(m, l)| m.starts_with(message) && *l == line),
            "no `{message}` at line {line} in {findings:#?}"
        );
    }
    let strict = folio(dir.path(), &["check", "--strict", path]);
    assert_eq!(strict.status.code(), Some(1), "{}", stderr(&strict));

    // A clean book passes --strict.
    let clean = dir.path().join("clean.md");
    std::fs::write(
        &clean,
        "---\ntitle: Clean\nlang: en\n---\n\n# One\n\nSee [the manual](https://example.com).\n",
    )
    .unwrap();
    let run = folio(dir.path(), &["check", "--strict", clean.to_str().unwrap()]);
    assert!(run.status.success(), "{}", stderr(&run));
}

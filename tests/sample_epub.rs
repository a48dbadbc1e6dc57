//! The sample book's EPUB, checked as a reader and EPUBCheck see it.

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::{folio, squash, stderr};

/// Builds the sample book once (EPUB only) and returns the EPUB's path.
fn sample_epub() -> &'static Path {
    static EPUB: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = EPUB.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let out = common::build_sample(dir.path(), &["--format", "epub"]);
        assert!(
            stderr(&out).is_empty(),
            "the sample book builds without warnings:\n{}",
            stderr(&out)
        );
        let path = dir.path().join("dist/huang-renxun-interview.epub");
        (dir, path)
    });
    path
}

/// The text of each spine document, in spine order, with its file name.
fn spine_texts(epub: &Path) -> Vec<(String, String)> {
    let entries = common::epub_entries(epub);
    let get = |name: &str| {
        entries
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, d)| String::from_utf8(d.clone()).unwrap())
            .unwrap_or_else(|| panic!("{name} missing from the EPUB"))
    };
    let container = get("META-INF/container.xml");
    let doc = roxmltree::Document::parse(&container).unwrap();
    let opf_path = doc
        .descendants()
        .find(|n| n.has_tag_name("rootfile"))
        .and_then(|n| n.attribute("full-path"))
        .unwrap()
        .to_string();
    let opf = get(&opf_path);
    let base = Path::new(&opf_path).parent().unwrap().to_path_buf();
    let opf = roxmltree::Document::parse(&opf).unwrap();
    let manifest: Vec<(String, String)> = opf
        .descendants()
        .filter(|n| n.has_tag_name("item"))
        .map(|n| {
            (
                n.attribute("id").unwrap().to_string(),
                n.attribute("href").unwrap().to_string(),
            )
        })
        .collect();
    opf.descendants()
        .filter(|n| n.has_tag_name("itemref"))
        .map(|itemref| {
            let idref = itemref.attribute("idref").unwrap();
            let href = &manifest.iter().find(|(id, _)| id == idref).unwrap().1;
            let name = base.join(href).to_string_lossy().into_owned();
            let xhtml = get(&name);
            let doc = roxmltree::Document::parse(&xhtml)
                .unwrap_or_else(|e| panic!("{name} is not XML: {e}"));
            let body = doc.descendants().find(|n| n.has_tag_name("body")).unwrap();
            let text: String = body
                .descendants()
                .filter(|n| n.is_text())
                .map(|n| n.text().unwrap())
                .collect();
            (name, text)
        })
        .collect()
}

#[test]
fn sample_epub_passes_epubcheck() {
    common::assert_epub_valid(sample_epub());
}

#[test]
fn every_seed_paragraph_is_in_the_epub_in_order() {
    let spine = spine_texts(sample_epub());
    let all: String = spine.iter().map(|(_, t)| squash(t)).collect();
    common::assert_paragraphs_in_order(&all, "EPUB");
    let note = common::seed_parts().note;
    // The note stands in the notes appendix, the last spine document.
    let (last_name, last_text) = spine.last().unwrap();
    assert!(
        squash(last_text).contains(&squash(&note)),
        "the note is not in {last_name}"
    );
    assert!(
        squash(last_text).starts_with("注释"),
        "the notes appendix is titled 注释: {last_text}"
    );
}

#[test]
fn copyright_block_and_ownership_line_share_one_page() {
    let spine = spine_texts(sample_epub());
    let paragraphs = common::seed_paragraphs();
    let wanted = [
        "版权声明",
        paragraphs[1].as_str(),
        paragraphs.last().unwrap().as_str(),
    ];
    assert!(wanted[1].starts_with("来源:"));
    let page = spine
        .iter()
        .find(|(_, text)| wanted.iter().all(|w| text.contains(w)))
        .unwrap_or_else(|| panic!("no page holds the whole copyright block verbatim"));
    assert!(page.0.contains("copyright"), "{}", page.0);
}

#[test]
fn note_links_both_ways() {
    let entries = common::epub_entries(sample_epub());
    let text = |suffix: &str| {
        entries
            .iter()
            .find(|(n, _)| n.ends_with(suffix))
            .map(|(_, d)| String::from_utf8_lossy(d).into_owned())
            .unwrap_or_else(|| panic!("no {suffix}"))
    };
    let chapter = text("ch09.xhtml");
    let notes = text("notes.xhtml");
    assert!(
        chapter.contains(r#"epub:type="noteref""#) && chapter.contains(r#"role="doc-noteref""#),
        "{chapter}"
    );
    assert!(chapter.contains("notes.xhtml#note-1"), "{chapter}");
    assert!(
        notes.contains(r#"epub:type="endnote""#) || notes.contains(r#"epub:type="endnotes""#),
        "{notes}"
    );
    assert!(
        notes.contains(r#"role="doc-backlink""#) && notes.contains("ch09.xhtml#ref-1-1"),
        "{notes}"
    );
    for (name, data) in &entries {
        if name.ends_with(".xhtml") {
            let x = String::from_utf8_lossy(data);
            assert!(
                x.contains(r#"xml:lang="zh-CN""#) && x.contains(r#"lang="zh-CN""#),
                "{name} lacks lang"
            );
        }
    }
}

#[test]
fn builds_are_byte_identical_from_any_folder() {
    let first = std::fs::read(sample_epub()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("elsewhere/book");
    std::fs::create_dir_all(&copy).unwrap();
    for entry in std::fs::read_dir(common::repo().join("manuscript")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), copy.join(entry.file_name())).unwrap();
    }
    let out = folio(
        dir.path(),
        &["build", "elsewhere/book", "-o", "out", "--format", "epub"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let second = std::fs::read(dir.path().join("out/huang-renxun-interview.epub")).unwrap();
    assert!(
        first == second,
        "the EPUB differs when built from another folder"
    );
}

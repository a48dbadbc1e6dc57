//! Incremental rebuilds (issue 13, point 3): a watch session keeps laid-out
//! chapters, compressed streams, font subsets and EPUB entries between
//! builds; after each kind of edit, what it rebuilds must be byte for byte
//! what a clean build of the same files makes.

use std::path::Path;

use folio::build::{BuildOptions, Reuse};
use folio::render::OutputFile;

const CHAPTERS: usize = 6;

fn options(dir: &Path) -> BuildOptions {
    BuildOptions::new(dir.to_path_buf(), dir.join("dist"), Some(1_758_758_400))
}

/// Chapter `n`: a heading, a few paragraphs (two pages or so), a note in
/// every other chapter, and a link to the chapter before.
fn chapter(n: usize, extra: &str) -> String {
    let mut text = format!("# 第{n}章 Chapter {n}\n\n");
    for p in 0..12 {
        text.push_str(&format!(
            "这是第{n}章的第{p}段。排版引擎把每一章单独排版，然后把页码、目录和书签重新算一遍。\
             The quick brown fox jumps over the lazy dog, paragraph {p} of chapter {n}.\n\n"
        ));
        if p == 5 && n.is_multiple_of(2) {
            text.push_str(&format!("有注释的一句话。[^c{n}]\n\n"));
        }
    }
    if n > 1 {
        text.push_str(&format!("See [the chapter before](ch{:02}.md).\n\n", n - 1));
    }
    text.push_str(extra);
    if n.is_multiple_of(2) {
        text.push_str(&format!("[^c{n}]: 第{n}章的注释。\n"));
    }
    text
}

fn write_book(dir: &Path) {
    let files: Vec<String> = (1..=CHAPTERS).map(|n| format!("\"ch{n:02}.md\"")).collect();
    let toml = format!(
        "[book]\ntitle = \"重排之书\"\nauthors = [\"folio\"]\nlanguage = \"zh-CN\"\n\n\
         [folio]\nname = \"rebuild\"\ndate = \"2025-09-25\"\nchapters = [{}]\n",
        files.join(", ")
    );
    std::fs::write(dir.join("book.toml"), toml).unwrap();
    for n in 1..=CHAPTERS {
        std::fs::write(dir.join(format!("ch{n:02}.md")), chapter(n, "")).unwrap();
    }
}

fn rebuilt(options: &BuildOptions, reuse: &Reuse) -> Vec<OutputFile> {
    let prepared = folio::build::prepare_with(&folio::world::Disk, options, reuse).unwrap();
    let (files, _) =
        folio::build::render_all_with(&prepared, &options.formats, &reuse.render).unwrap();
    files
}

fn clean(options: &BuildOptions) -> Vec<OutputFile> {
    let prepared = folio::build::prepare(options).unwrap();
    folio::build::render_all(&prepared, &options.formats)
        .unwrap()
        .0
}

/// The EPUB's page-list entries (one per printed page with a label).
fn pages_listed(files: &[OutputFile]) -> usize {
    let epub = files.iter().find(|f| f.path.ends_with(".epub")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&epub.bytes)).unwrap();
    let mut nav = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("OEBPS/nav.xhtml").unwrap(), &mut nav).unwrap();
    let list = &nav[nav.find("page-list").expect("a page list")..];
    list.matches("<li").count()
}

fn assert_same(step: &str, with_reuse: &[OutputFile], from_scratch: &[OutputFile]) {
    assert_eq!(with_reuse.len(), from_scratch.len(), "{step}");
    for (a, b) in with_reuse.iter().zip(from_scratch) {
        assert_eq!(a.path, b.path, "{step}");
        assert!(
            a.bytes == b.bytes,
            "{step}: the rebuilt {} differs from a clean build's",
            a.path
        );
    }
}

#[test]
fn every_rebuild_after_an_edit_is_byte_identical_to_a_clean_build() {
    let dir = tempfile::tempdir().unwrap();
    write_book(dir.path());
    let options = options(dir.path());
    let reuse = Reuse::default();
    let first = rebuilt(&options, &reuse);
    assert_same("first build", &first, &clean(&options));
    let pages = pages_listed(&first);

    let ch3 = dir.path().join("ch03.md");
    let ch2 = dir.path().join("ch02.md");
    let ch4 = dir.path().join("ch04.md");
    let long: String = (0..30)
        .map(|p| format!("新加的第{p}段，让这一章多出一页，后面各章的页码都跟着变。\n\n"))
        .collect();
    let steps: Vec<(&str, &Path, String)> = vec![
        ("a paragraph edited", &ch3, chapter(3, "改了两个字。\n\n")),
        ("a chapter a page longer", &ch3, chapter(3, &long)),
        (
            "a new footnote",
            &ch2,
            chapter(2, "新的注释在这里。[^new]\n\n[^new]: 新注释。\n\n"),
        ),
        (
            "a note's text edited",
            &ch4,
            chapter(4, "").replace("第4章的注释。", "第4章的注释，改过了。"),
        ),
        ("back to the start", &ch3, chapter(3, "")),
    ];
    let mut longer = 0;
    for (step, file, text) in steps {
        std::fs::write(file, text).unwrap();
        let again = rebuilt(&options, &reuse);
        let scratch = clean(&options);
        assert_same(step, &again, &scratch);
        if step == "a chapter a page longer" {
            longer = pages_listed(&again);
        }
    }
    assert!(
        longer > pages,
        "the longer chapter moved the later pages on"
    );
}

#[test]
fn a_session_reuses_nothing_stale_after_the_settings_change() {
    let dir = tempfile::tempdir().unwrap();
    write_book(dir.path());
    let mut options = options(dir.path());
    let reuse = Reuse::default();
    rebuilt(&options, &reuse);
    options.paper = Some(folio::config::Paper::A4);
    assert_same(
        "another paper size",
        &rebuilt(&options, &reuse),
        &clean(&options),
    );
}

/// The embedded fonts of the EPUB in `files`: each font entry's bytes.
fn embedded_fonts(files: &[OutputFile]) -> Vec<Vec<u8>> {
    let epub = files.iter().find(|f| f.path.ends_with(".epub")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&epub.bytes)).unwrap();
    let names: Vec<String> = zip
        .file_names()
        .filter(|n| n.ends_with(".otf") || n.ends_with(".ttf"))
        .map(String::from)
        .collect();
    names
        .iter()
        .map(|name| {
            let mut data = Vec::new();
            std::io::Read::read_to_end(&mut zip.by_name(name).unwrap(), &mut data).unwrap();
            data
        })
        .collect()
}

#[test]
fn the_font_subsets_follow_an_edit_that_adds_or_removes_the_only_use_of_a_character() {
    let dir = tempfile::tempdir().unwrap();
    write_book(dir.path());
    let options = options(dir.path());
    let reuse = Reuse::default();
    let first = rebuilt(&options, &reuse);
    let fonts = embedded_fonts(&first);
    assert!(!fonts.is_empty(), "the body font is embedded");
    let ch3 = dir.path().join("ch03.md");
    let ch5 = dir.path().join("ch05.md");
    let steps: Vec<(&str, &Path, String)> = vec![
        // Characters no other chapter has: the subsets grow.
        ("a new character", &ch3, chapter(3, "鑫淼犇骉。\n\n")),
        // A curly quote whose face follows the CJK character beside it,
        // at the very end of a chapter, next to the next one's title.
        (
            "a quote at a chapter's end",
            &ch3,
            chapter(3, "引号在最后“\n\n"),
        ),
        (
            "a note with a new character",
            &ch5,
            chapter(5, "注。[^x]\n\n[^x]: 鬯。\n\n"),
        ),
        // Their last uses gone: the subsets shrink back.
        ("the new characters removed", &ch3, chapter(3, "")),
        ("the note removed", &ch5, chapter(5, "")),
    ];
    for (step, file, text) in steps {
        std::fs::write(file, text).unwrap();
        let again = rebuilt(&options, &reuse);
        assert_same(step, &again, &clean(&options));
        let now = embedded_fonts(&again);
        match step {
            "a new character" => assert_ne!(now, fonts, "{step}: the subsets grew"),
            "the note removed" => assert_eq!(now, fonts, "{step}: as at the start"),
            _ => {}
        }
    }
}

#[test]
fn an_image_replaced_and_a_title_edited_rebuild_as_a_clean_build() {
    let dir = tempfile::tempdir().unwrap();
    write_book(dir.path());
    let images = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/images");
    let pic = dir.path().join("pic.png");
    std::fs::copy(images.join("dpi300.png"), &pic).unwrap();
    let ch1 = dir.path().join("ch01.md");
    std::fs::write(&ch1, chapter(1, "![一幅图](pic.png)\n\n")).unwrap();
    let options = options(dir.path());
    let reuse = Reuse::default();
    let first = rebuilt(&options, &reuse);
    assert_same("with an image", &first, &clean(&options));
    // The same file name, other bytes: the kept entry must not be used.
    std::fs::copy(images.join("wide.png"), &pic).unwrap();
    let again = rebuilt(&options, &reuse);
    assert_same("the image replaced", &again, &clean(&options));
    assert!(again != first, "the EPUB changed with the image");
    // A new title changes the package epub-builder makes (NCX, spine).
    let ch3 = dir.path().join("ch03.md");
    std::fs::write(&ch3, chapter(3, "").replace("Chapter 3", "The Third")).unwrap();
    let titled = rebuilt(&options, &reuse);
    assert_same("a title edited", &titled, &clean(&options));
    let epub = titled.iter().find(|f| f.path.ends_with(".epub")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&epub.bytes)).unwrap();
    let mut ncx = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("OEBPS/toc.ncx").unwrap(), &mut ncx).unwrap();
    assert!(ncx.contains("The Third"), "the NCX has the new title");
}

/// What a watch session keeps of the PDF: after a paragraph is added to
/// one chapter, only that chapter's object stream and the book-wide one
/// (catalog, page tree, structure root, parent tree) are compressed again,
/// and only the pages the edit moved are encoded again.
#[test]
fn a_new_paragraph_recompresses_only_its_chapters_object_streams() {
    let dir = tempfile::tempdir().unwrap();
    write_book(dir.path());
    let options = options(dir.path());
    let reuse = Reuse::default();
    rebuilt(&options, &reuse);
    let (kept, made) = reuse.render.pdf.object_streams();
    assert_eq!(kept, 0, "a first build finds nothing kept");
    assert!(
        made > CHAPTERS,
        "an object stream (at least) per chapter: {made}"
    );
    let ch3 = dir.path().join("ch03.md");
    // Characters the book has already: the font subsets stay the same.
    std::fs::write(&ch3, chapter(3, "排版引擎重新排版这一章。\n\n")).unwrap();
    let again = rebuilt(&options, &reuse);
    let (kept, remade) = reuse.render.pdf.object_streams();
    assert_eq!(kept + remade, made, "as many object streams as before");
    assert!(
        remade <= 2,
        "only the edited chapter's and the book-wide object streams: {remade} of {made}"
    );
    let (pages_kept, pages_made) = reuse.render.pdf.page_streams();
    assert!(
        pages_made <= 3 && pages_kept > pages_made,
        "pages encoded again: {pages_made}, kept: {pages_kept}"
    );
    let (seen, _) = reuse.render.pdf.pages_seen();
    assert!(seen > 0, "the pages before the edit are found by address");
    assert_same("a paragraph added", &again, &clean(&options));
    // Typing on in the same paragraph (no new element, no new character):
    // every page the layout kept is the same shared page, found by its
    // address; only the pages composed again (the chapter's, the front
    // matter's) have their items hashed.
    std::fs::write(&ch3, chapter(3, "排版引擎重新排版这一章章。\n\n")).unwrap();
    let typed = rebuilt(&options, &reuse);
    let (seen, hashed) = reuse.render.pdf.pages_seen();
    assert!(
        seen > hashed,
        "kept pages found by address: {seen} found, {hashed} hashed"
    );
    assert_same("typing on", &typed, &clean(&options));
}

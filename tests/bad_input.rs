//! The bad-input contract: every mistake an author can make gets a clear
//! message and the right exit code, and never a panic, a half-written
//! output or a lost paragraph.

mod common;

use std::path::{Path, PathBuf};

use common::{folio, stderr};

/// A scratch book folder.
struct Book {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl Book {
    fn new(files: &[(&str, &[u8])]) -> Book {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("book");
        std::fs::create_dir(&root).unwrap();
        for (name, data) in files {
            let path = root.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, data).unwrap();
        }
        Book { _dir: dir, root }
    }

    fn build(&self, args: &[&str]) -> std::process::Output {
        let mut all = vec!["build", "book", "-o", "out"];
        all.extend_from_slice(args);
        folio(self.root.parent().unwrap(), &all)
    }

    fn out(&self) -> PathBuf {
        self.root.parent().unwrap().join("out")
    }

    fn outputs(&self) -> Vec<PathBuf> {
        let mut v: Vec<_> = std::fs::read_dir(self.out())
            .map(|d| d.map(|e| e.unwrap().path()).collect())
            .unwrap_or_default();
        v.sort();
        v
    }

    fn epub(&self) -> PathBuf {
        self.outputs()
            .into_iter()
            .find(|p| p.extension().is_some_and(|e| e == "epub"))
            .expect("an EPUB was written")
    }
}

/// Every text file inside an EPUB, concatenated.
fn epub_text(epub: &Path) -> String {
    common::epub_entries(epub)
        .into_iter()
        .map(|(_, data)| String::from_utf8_lossy(&data).into_owned())
        .collect()
}

fn png(width: u32, height: u32) -> Vec<u8> {
    // A valid 1-bit grayscale PNG, built by hand (stored zlib block).
    fn crc(data: &[u8]) -> u32 {
        let mut c = 0xFFFF_FFFFu32;
        for &b in data {
            c ^= b as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
        }
        !c
    }
    fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        out.extend_from_slice(&body);
        out.extend_from_slice(&crc(&body).to_be_bytes());
    }
    let mut raw = Vec::new();
    let row = (width as usize).div_ceil(8);
    for _ in 0..height {
        raw.push(0);
        raw.extend(std::iter::repeat_n(0x55, row));
    }
    let mut z = vec![0x78, 0x01, 1];
    z.extend_from_slice(&(raw.len() as u16).to_le_bytes());
    z.extend_from_slice(&(!(raw.len() as u16)).to_le_bytes());
    z.extend_from_slice(&raw);
    let (mut a, mut b) = (1u32, 0u32);
    for &x in &raw {
        a = (a + x as u32) % 65521;
        b = (b + a) % 65521;
    }
    z.extend_from_slice(&((b << 16) | a).to_be_bytes());
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[1, 0, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &z);
    chunk(&mut out, b"IEND", &[]);
    out
}

fn assert_failed_cleanly(book: &Book, out: &std::process::Output, phrase: &str) {
    assert_eq!(
        out.status.code(),
        Some(1),
        "exit code; stderr:\n{}",
        stderr(out)
    );
    assert!(
        stderr(out).contains(phrase),
        "stderr lacks {phrase:?}:\n{}",
        stderr(out)
    );
    assert!(
        book.outputs().is_empty(),
        "a failed build left {:?}",
        book.outputs()
    );
}

/// True when stderr holds a warning saying `message` that points at
/// `place` (`a.md:3`): rendered as `warning: message` then `--> …a.md:3`.
fn warned(out: &std::process::Output, place: &str, message: &str) -> bool {
    stderr(out).split("warning: ").any(|block| {
        let mut lines = block.lines();
        let first = lines.next().unwrap_or("");
        let at = lines.next().unwrap_or("");
        first.contains(message)
            && at.trim_start().starts_with("-->")
            && at.trim_end().ends_with(place)
    })
}

/// Asserts a successful build whose warnings include `phrase`: either
/// `file.md:LINE: message` (checked in its rendered form) or plain text.
fn assert_built_with_warning(book: &Book, out: &std::process::Output, phrase: &str) {
    assert_eq!(out.status.code(), Some(0), "stderr:\n{}", stderr(out));
    let found = match phrase.split_once(": ") {
        Some((place, message)) if place.contains(".md:") => warned(out, place, message),
        _ => stderr(out).contains(phrase),
    };
    assert!(found, "stderr lacks {phrase:?}:\n{}", stderr(out));
    assert_eq!(book.outputs().len(), 2, "{:?}", book.outputs());
    common::assert_epub_valid(&book.epub());
}

#[test]
fn invalid_utf8_names_file_and_offset() {
    let book = Book::new(&[
        ("a.md", b"# A\n\nfine\n"),
        ("b.md", b"# B\n\nbad \xc3\x28 byte\n"),
    ]);
    let out = book.build(&[]);
    assert_failed_cleanly(
        &book,
        &out,
        "b.md is not valid UTF-8 (first bad byte at offset 9)",
    );
}

#[test]
fn missing_chapters_name_their_list() {
    let book = Book::new(&[
        (
            "book.toml",
            b"[folio]\nchapters = [\"a.md\", \"gone.md\"]\n",
        ),
        ("a.md", b"# A\n"),
    ]);
    assert_failed_cleanly(&book, &book.build(&[]), "book.toml:2");
    let book = Book::new(&[
        (
            "SUMMARY.md",
            b"# Summary\n\n- [A](a.md)\n- [Gone](gone.md)\n",
        ),
        ("a.md", b"# A\n"),
    ]);
    assert_failed_cleanly(&book, &book.build(&[]), "SUMMARY.md:4");
}

#[test]
fn book_toml_mistakes_name_their_line() {
    let book = Book::new(&[("book.toml", b"[book]\ntitle = \"T\n"), ("a.md", b"# A\n")]);
    assert_failed_cleanly(&book, &book.build(&[]), "book.toml:2");
    let book = Book::new(&[
        (
            "book.toml",
            b"[book]\ntitle = \"T\"\n\n[folio]\ntitel = \"x\"\n",
        ),
        ("a.md", b"# A\n"),
    ]);
    assert_failed_cleanly(&book, &book.build(&[]), "book.toml:5");
    // Other tools' tables are not folio's business.
    let book = Book::new(&[
        (
            "book.toml",
            b"[book]\ntitle = \"T\"\n[output.html]\nmathjax-support = true\n",
        ),
        ("a.md", b"# A\n\nText.\n"),
    ]);
    let out = book.build(&[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn missing_and_corrupt_images_warn_and_build() {
    let mut truncated = png(4, 4);
    truncated.truncate(truncated.len() - 20);
    let book = Book::new(&[
        (
            "a.md",
            b"# A\n\n![gone](gone.png) ![cut](cut.png) ![text](text.jpg) ![ok](ok.png) ![s](s.svg)\n",
        ),
        ("cut.png", &truncated),
        ("s.svg", b"<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><g>"),
        ("text.jpg", b"this is not a JPEG"),
        ("ok.png", &png(8, 8)),
    ]);
    let out = book.build(&[]);
    assert_built_with_warning(
        &book,
        &out,
        "a.md:3: image left out: `gone.png` does not exist",
    );
    assert!(
        stderr(&out).contains("image `cut.png` is not a complete PNG, JPEG, GIF, WebP or SVG file"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("image `text.jpg` is not a complete PNG"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("image `s.svg` is not a usable SVG file: it is not well-formed XML"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn paths_leaving_the_book_are_never_read() {
    let dir = tempfile::tempdir().unwrap();
    let secret = dir.path().join("secret.png");
    let mut marked = png(2, 2);
    // A private chunk with a marker that must never reach an output.
    marked.splice(
        33..33,
        [
            0, 0, 0, 6, b'p', b'r', b'V', b't', b'S', b'E', b'C', b'R', b'E', b'T', 0, 0, 0, 0,
        ],
    );
    std::fs::write(&secret, &marked).unwrap();
    let md = format!(
        "# A\n\n![up](../../secret.png) ![abs]({}) ![link](inside.png) [passwd](../../../../etc/passwd)\n",
        secret.display()
    );
    let book = Book::new(&[("a.md", md.as_bytes())]);
    #[cfg(unix)]
    std::os::unix::fs::symlink(&secret, book.root.join("inside.png")).unwrap();
    let out = book.build(&[]);
    assert_built_with_warning(&book, &out, "points outside the book folder");
    assert!(
        stderr(&out).contains("is an absolute path"),
        "{}",
        stderr(&out)
    );
    for output in book.outputs() {
        let bytes = std::fs::read(&output).unwrap();
        assert!(
            !bytes.windows(6).any(|w| w == b"SECRET"),
            "{} holds the secret",
            output.display()
        );
    }
}

#[test]
fn remote_images_are_kept_as_links() {
    let book = Book::new(&[("a.md", b"# A\n\n![logo](https://example.org/logo.png)\n")]);
    let out = book.build(&[]);
    assert_built_with_warning(
        &book,
        &out,
        "remote image `https://example.org/logo.png` is not fetched",
    );
    assert!(epub_text(&book.epub()).contains("https://example.org/logo.png"));
}

#[test]
fn hostile_raw_html_never_reaches_the_epub() {
    let md = "# A\n\n<div onclick=\"steal()\"><p>unclosed <b>bold\n\n<script>alert(1)</script>\n\nText with <span onmouseover=\"x()\">inline</span> &nbsp; and <a href=\"javascript:evil()\">a link</a> and <br> a break.\n\n[md link](javascript:alert(2))\n\n<p>a&nbsp;b &copy; &bogus; <li>stray</li>\n";
    let book = Book::new(&[("a.md", md.as_bytes())]);
    let out = book.build(&[]);
    assert_built_with_warning(&book, &out, "<script> removed from raw HTML");
    let text = epub_text(&book.epub()).to_lowercase();
    for bad in [
        "<script",
        "onclick",
        "onmouseover",
        "javascript:",
        "&nbsp;",
        "alert(",
    ] {
        assert!(!text.contains(bad), "{bad} reached the EPUB");
    }
    assert!(
        text.contains("unclosed") && text.contains("a link") && text.contains("stray"),
        "text was lost"
    );
}

#[test]
fn footnote_mistakes_are_reported_with_lines() {
    let md = "# A\n\nOne[^a] two[^nope].\n\n[^a]: Defined.\n[^a]: Again.\n[^lonely]: Unused.\n";
    let book = Book::new(&[("a.md", md.as_bytes())]);
    let out = book.build(&[]);
    assert_built_with_warning(
        &book,
        &out,
        "a.md:3: footnote reference [^nope] has no definition",
    );
    assert!(
        warned(&out, "a.md:6", "footnote [^a] is defined twice"),
        "{}",
        stderr(&out)
    );
    assert!(
        warned(
            &out,
            "a.md:7",
            "footnote [^lonely] is defined but never referenced"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn empty_and_front_matter_only_files_build() {
    let book = Book::new(&[
        ("a.md", b""),
        ("b.md", b"---\ntitle: Only a title\n---\n"),
        ("c.md", b"# C\n\nText.\n"),
    ]);
    let out = book.build(&[]);
    assert_built_with_warning(&book, &out, "a.md:1: chapter file is empty");
    assert!(epub_text(&book.epub()).contains("Only a title"));
}

#[test]
fn a_five_megabyte_paragraph_builds_whole() {
    let sentence = "这是一个很长的段落,其中有AI和2025年的数字。";
    let mut para = String::new();
    while para.len() < 5 * 1024 * 1024 {
        para.push_str(sentence);
    }
    para.push_str("结尾标记。");
    let md = format!("# 长段落\n\n{para}\n");
    let book = Book::new(&[("a.md", md.as_bytes())]);
    let out = book.build(&[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        epub_text(&book.epub()).contains("结尾标记"),
        "the end of the paragraph was lost in the EPUB"
    );
    let pdf = book.out().join("book.pdf");
    if common::have("pdftotext") {
        let text = common::run("pdftotext", &["-l", "100000", pdf.to_str().unwrap(), "-"]);
        assert!(
            common::squash(&text).contains("数字。结尾标记。"),
            "the end of the paragraph was lost in the PDF"
        );
    }
}

#[test]
fn deep_nesting_does_not_overflow() {
    let quotes = format!("{} deep quote\n\n", ">".repeat(5000));
    let lists: String = (0..2000)
        .map(|i| format!("{}- level {i}\n", "  ".repeat(i)))
        .collect();
    let md = format!("# Deep\n\n{quotes}{lists}\nAfter.\n");
    let book = Book::new(&[("a.md", md.as_bytes())]);
    let out = book.build(&[]);
    assert_built_with_warning(&book, &out, "nesting deeper than");
    let text = epub_text(&book.epub());
    assert!(text.contains("deep quote") && text.contains("level 1999") && text.contains("After."));
}

#[test]
fn characters_no_font_has_are_reported_once_with_code_points() {
    let md = "# 字\n\n圣书体𓀀𓀀,西夏文𗀀,私用区\u{E000}。\n";
    let book = Book::new(&[("a.md", md.as_bytes())]);
    // Installed fonts could have some of them: only the built-in ones.
    let out = book.build(&["--no-system-fonts"]);
    assert_built_with_warning(&book, &out, "U+13000");
    let err = stderr(&out);
    assert!(err.contains("U+17000") && err.contains("U+E000"), "{err}");
    assert_eq!(err.matches("U+13000").count(), 1, "reported once: {err}");
    assert!(err.contains("a.md:3"), "{err}");
}

#[test]
fn file_names_with_spaces_and_cjk_build() {
    let book = Book::new(&[
        (
            "第一章 开始.md",
            b"# \xe7\xac\xac\xe4\xb8\x80\xe7\xab\xa0\n\nText.\n",
        ),
        ("images/图 1.png", &png(4, 4)),
        (
            "第二章.md",
            "# Two\n\n![图](images/%E5%9B%BE%201.png) ![图](<images/图 1.png>)\n".as_bytes(),
        ),
    ]);
    let out = book.build(&[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("image"), "{}", stderr(&out));
    common::assert_epub_valid(&book.epub());
}

#[test]
fn markup_characters_in_metadata_stay_text() {
    let toml =
        "[book]\ntitle = \"<Tom> & \\\"Jerry's\\\" </title>\"\nauthors = [\"A <b>&amp; B\\\"'\"]\n";
    let book = Book::new(&[
        ("book.toml", toml.as_bytes()),
        ("a.md", b"# <T> & \"x\" 'y'\n\nText.\n"),
    ]);
    let out = book.build(&[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    common::assert_epub_valid(&book.epub());
}

#[test]
fn a_failed_build_leaves_previous_outputs_untouched() {
    let book = Book::new(&[
        ("book.toml", b"[folio]\nname = \"b\"\n"),
        ("a.md", b"# A\n\nText.\n"),
    ]);
    let out = book.build(&[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let before: Vec<(PathBuf, Vec<u8>)> = book
        .outputs()
        .into_iter()
        .map(|p| (p.clone(), std::fs::read(p).unwrap()))
        .collect();
    std::fs::write(
        book.root.join("book.toml"),
        "[folio]\nname = \"b\"\nchapters = [\"gone.md\"]\n",
    )
    .unwrap();
    let out = book.build(&[]);
    assert_eq!(out.status.code(), Some(1));
    let after: Vec<(PathBuf, Vec<u8>)> = book
        .outputs()
        .into_iter()
        .map(|p| (p.clone(), std::fs::read(p).unwrap()))
        .collect();
    assert_eq!(
        before, after,
        "outputs changed or temporary files were left"
    );
}

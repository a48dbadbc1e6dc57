//! Every script gets its glyphs: real third-party books in Traditional
//! Chinese, Japanese, Korean, polytonic Greek, Russian and Ukrainian, and
//! emoji, built with no installed font in reach, must draw no `.notdef`
//! glyph (a box). `pdftotext` cannot see a box (ToUnicode still maps it to
//! the character), so these tests read the glyph ids PyMuPDF sees drawn.

mod common;
#[allow(dead_code)]
mod pdf_tools;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{folio, repo, stderr};

/// A book of `tests/corpus/`.
fn corpus(name: &str) -> PathBuf {
    repo().join("tests/corpus").join(name)
}

/// Builds `book` into a scratch folder with `args`; returns the folder,
/// the PDF, the EPUB and stderr. Panics, with stderr, when the build fails.
fn build(book: &Path, args: &[&str]) -> (tempfile::TempDir, PathBuf, PathBuf, String) {
    let out = tempfile::tempdir().unwrap();
    let mut all = vec![book.to_str().unwrap(), "-o", out.path().to_str().unwrap()];
    all.extend_from_slice(args);
    let mut full = vec!["build"];
    full.extend(all);
    let output = folio(&repo(), &full);
    let err = stderr(&output);
    assert!(
        output.status.success(),
        "build of {} failed:\n{err}",
        book.display()
    );
    let (pdf, epub) = (
        common::written(out.path(), "pdf"),
        common::written(out.path(), "epub"),
    );
    (out, pdf, epub, err)
}

/// Asserts the PDF draws no box, and that it draws `min` glyphs at least
/// (a PDF that lost its text has no boxes either).
fn assert_no_tofu(pdf: &Path, min: usize) -> Vec<pdf_tools::Glyph> {
    let Some(glyphs) = pdf_tools::glyphs(pdf) else {
        return Vec::new();
    };
    assert!(glyphs.len() >= min, "{} glyphs drawn", glyphs.len());
    let tofu = pdf_tools::tofu(&glyphs);
    assert!(
        tofu.is_empty(),
        "{} boxes drawn in {}, first: {:?}",
        tofu.len(),
        pdf.display(),
        &tofu[..tofu.len().min(20)]
    );
    glyphs
}

/// The fonts that draw the characters of `chars`.
fn fonts_of(glyphs: &[pdf_tools::Glyph], chars: &str) -> Vec<String> {
    let mut fonts: Vec<String> = glyphs
        .iter()
        .filter(|g| g.c.chars().next().is_some_and(|c| chars.contains(c)))
        .map(|g| g.font.clone())
        .collect();
    fonts.sort();
    fonts.dedup();
    fonts
}

#[test]
fn traditional_chinese_mdbook_has_no_tofu_and_traditional_words() {
    let (_dir, pdf, epub, _) = build(&corpus("zh-hant-mdbook"), &["--no-system-fonts"]);
    let glyphs = assert_no_tofu(&pdf, 10_000);
    if !glyphs.is_empty() {
        let fonts = fonts_of(&glyphs, "設為體書電");
        assert!(
            fonts.iter().all(|f| f.contains("TC")),
            "Traditional Chinese set in {fonts:?}"
        );
    }
    let nav = common::epub_entries(&epub)
        .into_iter()
        .find(|(name, _)| name.ends_with("nav.xhtml"))
        .map(|(_, data)| String::from_utf8(data).unwrap())
        .expect("a nav document");
    assert!(nav.contains("目錄"), "the contents in Traditional Chinese");
    assert!(!nav.contains("目录"));
}

#[test]
fn japanese_novel_has_no_tofu_and_japanese_forms() {
    let book = corpus("ja-novel-bunko/bunko.md");
    let (_dir, pdf, _, _) = build(&book, &["--no-system-fonts"]);
    let glyphs = assert_no_tofu(&pdf, 2_000);
    if !glyphs.is_empty() {
        let fonts = fonts_of(&glyphs, "銀河鉄道夜授業ジョバンニ");
        assert!(
            fonts.iter().all(|f| f.contains("JP")),
            "Japanese set in {fonts:?}"
        );
    }
}

#[test]
fn korean_book_has_no_tofu() {
    // Its strings chapter greets in Arabic, Hebrew and Hindi, scripts the
    // built-in fonts do not promise: those are reported in the one
    // warning. (A PDF's boxes all map to one text per face, so the boxes
    // themselves cannot say which character they stand for.)
    let (_dir, _, _, err) = build(&corpus("ko-tech"), &["--no-system-fonts"]);
    let warning = err
        .lines()
        .find(|l| l.contains("no font has"))
        .unwrap_or("");
    assert!(
        warning.contains("U+0627") && warning.contains("U+05E9"),
        "{err}"
    );
    // The same book without those greetings: not one box.
    let copy = tempfile::tempdir().unwrap();
    copy_without(&corpus("ko-tech"), copy.path(), beyond_builtin_scripts);
    let (_dir, pdf, _, err) = build(copy.path(), &["--no-system-fonts"]);
    assert!(!err.contains("no font has"), "{err}");
    let glyphs = assert_no_tofu(&pdf, 10_000);
    if !glyphs.is_empty() {
        let fonts = fonts_of(&glyphs, "벡터문자열해시맵에러");
        assert!(
            fonts.iter().all(|f| f.contains("KR")),
            "Korean set in {fonts:?}"
        );
    }
}

/// Copies the folder `from` into `to`, leaving the characters `drop`
/// accepts out of its text files.
fn copy_without(from: &Path, to: &Path, drop: fn(char) -> bool) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let (path, target) = (entry.path(), to.join(entry.file_name()));
        if path.is_dir() {
            copy_without(&path, &target, drop);
        } else if let Ok(text) = std::fs::read_to_string(&path) {
            std::fs::write(&target, text.replace(drop, "")).unwrap();
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

#[test]
fn greek_and_cyrillic_have_no_tofu() {
    let book = corpus("greek-cyrillic/greek-cyrillic.md");
    let (_dir, pdf, _, _) = build(&book, &["--no-system-fonts"]);
    let glyphs = assert_no_tofu(&pdf, 2_000);
    let drawn: String = glyphs.iter().map(|g| g.c.as_str()).collect();
    if !glyphs.is_empty() {
        for c in ['ὐ', 'ї', 'Ἥ', 'ъ'] {
            assert!(drawn.contains(c), "{c} is drawn");
        }
    }
}

#[test]
fn emoji_and_diacritics_have_no_tofu() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("emoji.md");
    std::fs::write(
        &book,
        "# Release notes 🎉\n\nThumbs up 👍, siren 🚨, party 🎉, done ✅, star ⭐ and a heart ❤.\n\n\
         Ĥĉ ŝ ŭ — Ærøskøbing, Łódź, Dvořák.\n",
    )
    .unwrap();
    let (_out, pdf, _, _) = build(&book, &["--no-system-fonts"]);
    assert_no_tofu(&pdf, 40);
    let readme = corpus("github-readme/github-readme-stats/readme.md");
    if readme.is_file() {
        let (_out, pdf, _, _) = build(&readme, &["--no-system-fonts"]);
        assert_no_tofu(&pdf, 5_000);
    }
}

/// Scripts the built-in fonts do not promise (installed Noto fonts cover
/// them): Arabic, Hebrew, Devanagari, Thai.
fn beyond_builtin_scripts(c: char) -> bool {
    use folio::text::Script;
    matches!(
        Script::of(c),
        Some(Script::Arabic | Script::Hebrew | Script::Devanagari | Script::Thai)
    )
}

/// With Noto CJK installed and system fonts allowed, a Japanese book is
/// still set in Japanese forms (the built-in JP face or the installed
/// one), never in the Chinese face.
#[test]
fn japanese_with_installed_fonts_is_set_in_a_japanese_face() {
    let book = corpus("ja-novel-bunko/bunko.md");
    let (_dir, pdf, _, _) = build(&book, &[]);
    let Some(glyphs) = pdf_tools::glyphs(&pdf) else {
        return;
    };
    let fonts = fonts_of(&glyphs, "銀河鉄道夜授業");
    assert!(
        !fonts.is_empty() && fonts.iter().all(|f| f.contains("JP") || f.contains("jp")),
        "{fonts:?}"
    );
}

/// Characters no font has: one warning for all of them, saying how many,
/// which, where the first is and what to install; the build goes on.
#[test]
fn missing_characters_are_one_grouped_warning() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("hieroglyphs.md");
    std::fs::write(&book, "# Signs\n\n𓀀𓀁𓀂 and 𓀃.\n\nMore: 𓀀𓀄 and Linear B 𐀀.\n").unwrap();
    let (_out, pdf, _, err) = build(&book, &["--no-system-fonts"]);
    let lines: Vec<&str> = err.lines().filter(|l| l.contains("no font has")).collect();
    assert_eq!(lines.len(), 1, "{err}");
    assert!(lines[0].contains("6 characters"), "{err}");
    assert!(
        lines[0].contains("U+13000") && lines[0].contains("U+10000"),
        "{err}"
    );
    assert!(
        err.contains("hieroglyphs.md:3"),
        "where the first is: {err}"
    );
    assert!(lines[0].contains("box"), "{err}");
    assert!(err.contains("help: install a font"), "{err}");
    if let Some(glyphs) = pdf_tools::glyphs(&pdf) {
        assert_eq!(
            pdf_tools::tofu(&glyphs).len(),
            7,
            "the PDF shows the boxes it said"
        );
    }
}

/// A machine with no font installed at all, for real: the font folders
/// are hidden behind empty mounts in a private mount namespace (root and
/// `unshare` needed; skipped loudly otherwise). System fonts stay on.
#[test]
fn a_fresh_machine_without_fonts_prints_every_script() {
    let can = Command::new("unshare")
        .args(["-m", "true"])
        .status()
        .is_ok_and(|s| s.success());
    if !can {
        eprintln!("\n*** SKIPPED: `unshare -m` is not allowed here (needs root) ***\n");
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let folio_bin = env!("CARGO_BIN_EXE_folio");
    // The Korean book without its greetings in scripts the built-in fonts
    // do not promise (see korean_book_has_no_tofu).
    let korean = out.path().join("ko-tech");
    copy_without(&corpus("ko-tech"), &korean, beyond_builtin_scripts);
    let mut script = String::from("set -e\n");
    for dir in font_folders() {
        script.push_str(&format!("mount -t tmpfs none '{}'\n", dir.display()));
    }
    for (i, book) in [
        korean,
        corpus("ja-novel-bunko/bunko.md"),
        corpus("greek-cyrillic/greek-cyrillic.md"),
    ]
    .iter()
    .enumerate()
    {
        script.push_str(&format!(
            "{folio_bin} build '{}' -o '{}/{i}' --format pdf\n",
            book.display(),
            out.path().display()
        ));
    }
    script.push_str("fc-list 2>/dev/null | wc -l > \"$1\"\n");
    let counted = out.path().join("fonts-visible");
    let status = Command::new("unshare")
        .args(["-m", "sh", "-c", &script, "sh"])
        .arg(&counted)
        .env("HOME", out.path())
        .status()
        .unwrap();
    assert!(status.success(), "the builds without fonts failed");
    let visible = std::fs::read_to_string(&counted).unwrap_or_default();
    if let Ok(n) = visible.trim().parse::<usize>() {
        assert_eq!(
            n, 0,
            "fontconfig still sees {n} fonts: the test would prove nothing"
        );
    }
    for i in 0..3 {
        assert_no_tofu(
            &common::written(&out.path().join(i.to_string()), "pdf"),
            1_000,
        );
    }
}

/// Every folder fontconfig finds fonts in (the usual ones, and any other a
/// package added, such as TeX's), outermost only, so hiding them all
/// leaves no font in reach.
fn font_folders() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = ["/usr/share/fonts", "/usr/local/share/fonts"]
        .iter()
        .map(PathBuf::from)
        .filter(|d| d.is_dir())
        .collect();
    if let Ok(out) = Command::new("fc-list")
        .args(["--format", "%{file}\n"])
        .output()
    {
        for file in String::from_utf8_lossy(&out.stdout).lines() {
            if let Some(parent) = Path::new(file).parent() {
                dirs.push(parent.to_path_buf());
            }
        }
    }
    dirs.sort();
    dirs.dedup();
    let outer: Vec<PathBuf> = dirs
        .iter()
        .filter(|d| !dirs.iter().any(|o| o != *d && d.starts_with(o)))
        .cloned()
        .collect();
    outer
}

/// Headings and the title are set in the real bold face, not emboldened.
#[test]
fn headings_are_set_in_a_real_bold_face() {
    let (_dir, pdf, _, _) = build(&repo().join("manuscript"), &["--no-system-fonts"]);
    let Some(glyphs) = pdf_tools::glyphs(&pdf) else {
        return;
    };
    let title: Vec<&pdf_tools::Glyph> = glyphs
        .iter()
        .filter(|g| g.page == 3 && "黄仁勋".contains(g.c.as_str()) && !g.c.is_empty())
        .collect();
    assert!(!title.is_empty(), "the title page shows the title");
    assert!(
        title.iter().all(|g| g.font == "FolioSerifSC-Bold"),
        "{:?}",
        title.iter().map(|g| &g.font).collect::<Vec<_>>()
    );
}

/// A book that does not say its language is detected as Traditional
/// Chinese from its characters, and says so in the EPUB.
#[test]
fn traditional_chinese_is_detected_from_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book");
    std::fs::create_dir(&book).unwrap();
    std::fs::write(
        book.join("01.md"),
        "# 第一章 開始\n\n這本書為設計電腦體系的人而寫，說明記憶體與執行緒。\n",
    )
    .unwrap();
    let (_out, _, epub, _) = build(&book, &["--no-system-fonts"]);
    let opf = common::epub_entries(&epub)
        .into_iter()
        .find(|(name, _)| name.ends_with(".opf"))
        .map(|(_, data)| String::from_utf8(data).unwrap())
        .unwrap();
    assert!(opf.contains(">zh-Hant</dc:language>"), "{opf}");
}

//! Ruby (furigana) end to end: a Japanese manuscript with every ruby form,
//! built by the `folio` binary into an EPUB (checked by EPUBCheck) and a
//! PDF whose glyphs are read back with PyMuPDF.

use std::path::Path;

mod common;
#[allow(dead_code)]
mod pdf_tools;

use common::{folio, stderr};
use pdf_tools::Glyph;

/// Kanji-only filler (no kana the readings use), so the paragraph runs
/// over several lines and ruby lands on lines below others.
const FILLER: &str = "日本語組版処理要件確認試験文章表示";

fn manuscript() -> String {
    format!(
        "---\ntitle: 試験\nlang: ja\n---\n\n# 第一章\n\n\
         {FILLER}{FILLER}{FILLER}{{漢字|かんじ}}の{{東京|とう|きょう}}駅に<ruby>仮<rp>(</rp><rt>か</rt><rp>)</rp>名<rt>な</rt></ruby>、\
         {FILLER}{{承|うけたまわ}}る{FILLER}{FILLER}。\n"
    )
}

/// Builds the manuscript with a Japanese face; `None` when the face is not
/// installed (fonts-noto-cjk).
fn build(dir: &Path, format: &str) -> Option<std::path::PathBuf> {
    if !Path::new("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc").exists() {
        eprintln!("\n*** SKIPPED: fonts-noto-cjk is not installed ***\n");
        return None;
    }
    std::fs::write(dir.join("book.md"), manuscript()).unwrap();
    let out = folio(
        dir,
        &[
            "build",
            "book.md",
            "-o",
            "dist",
            "--format",
            format,
            "--font",
            "Noto Serif CJK JP",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
    Some(dir.join("dist").join(format!("book.{format}")))
}

#[test]
fn epub_has_ruby_markup_and_passes_epubcheck() {
    let dir = tempfile::tempdir().unwrap();
    let Some(epub) = build(dir.path(), "epub") else {
        return;
    };
    let entries = common::epub_entries(&epub);
    let chapter = entries
        .iter()
        .find(|(name, _)| name.ends_with("ch01.xhtml"))
        .map(|(_, data)| String::from_utf8(data.clone()).unwrap())
        .expect("chapter file");
    for markup in [
        "<ruby>漢字<rp>(</rp><rt>かんじ</rt><rp>)</rp></ruby>の",
        "<ruby>東<rp>(</rp><rt>とう</rt><rp>)</rp>京<rp>(</rp><rt>きょう</rt><rp>)</rp></ruby>駅",
        "<ruby>仮<rp>(</rp><rt>か</rt><rp>)</rp>名<rp>(</rp><rt>な</rt><rp>)</rp></ruby>、",
    ] {
        assert!(chapter.contains(markup), "{markup} not in\n{chapter}");
    }
    let css = entries
        .iter()
        .find(|(name, _)| name.ends_with(".css"))
        .map(|(_, data)| String::from_utf8_lossy(data).into_owned())
        .expect("stylesheet");
    assert!(
        css.contains("rt {") && css.contains("font-size: 0.5em"),
        "{css}"
    );
    common::assert_epub_valid(&epub);
}

/// The base glyphs of `base` (consecutive, at body size) and the ruby
/// glyphs over them (smaller, above, within a size either side), in x
/// order.
fn ruby_over<'a>(glyphs: &'a [Glyph], base: &str, size: f32) -> (Vec<&'a Glyph>, Vec<&'a Glyph>) {
    let chars: Vec<String> = base.chars().map(String::from).collect();
    let body: Vec<&Glyph> = glyphs.iter().filter(|g| g.size == size).collect();
    let start = (0..body.len())
        .find(|&i| {
            chars
                .iter()
                .enumerate()
                .all(|(k, c)| body.get(i + k).is_some_and(|g| &g.c == c))
        })
        .unwrap_or_else(|| panic!("base {base} not drawn"));
    let bases: Vec<&Glyph> = body[start..start + chars.len()].to_vec();
    let (x1, x2) = (bases[0].x, bases[chars.len() - 1].x + size);
    let y = bases[0].y;
    let mut ruby: Vec<&Glyph> = glyphs
        .iter()
        .filter(|g| {
            g.page == bases[0].page
                && g.size < size
                && g.y < y
                && g.y > y - 2.0 * size
                && g.x >= x1 - size
                && g.x < x2 + 0.9 * size
        })
        .collect();
    ruby.sort_by(|a, b| a.x.total_cmp(&b.x));
    (bases, ruby)
}

fn centre(glyphs: &[&Glyph]) -> f32 {
    let left = glyphs.iter().map(|g| g.x).fold(f32::MAX, f32::min);
    let right = glyphs.iter().map(|g| g.x + g.w).fold(f32::MIN, f32::max);
    (left + right) / 2.0
}

#[test]
fn pdf_sets_ruby_half_size_above_and_centred_on_its_base() {
    let dir = tempfile::tempdir().unwrap();
    let Some(pdf) = build(dir.path(), "pdf") else {
        return;
    };
    pdf_tools::assert_qpdf_clean(&pdf);
    let Some(glyphs) = pdf_tools::glyphs(&pdf) else {
        return;
    };
    assert!(
        pdf_tools::tofu(&glyphs).is_empty(),
        "{:?}",
        pdf_tools::tofu(&glyphs)
    );
    let size = glyphs
        .iter()
        .find(|g| g.c == "語")
        .map(|g| g.size)
        .expect("body text");
    // Group ruby: one reading centred over the word.
    let (bases, ruby) = ruby_over(&glyphs, "漢字", size);
    let reading: String = ruby.iter().map(|g| g.c.as_str()).collect();
    assert_eq!(reading, "かんじ");
    for g in &ruby {
        assert!((g.size - size / 2.0).abs() < 0.01, "{g:?}");
        // Above the base's em box (0.88 of the size above its baseline).
        assert!(g.y < bases[0].y - 0.85 * size, "{g:?} vs {:?}", bases[0]);
        assert!(g.y > bases[0].y - 1.2 * size, "{g:?} vs {:?}", bases[0]);
    }
    assert!(
        (centre(&ruby) - centre(&bases)).abs() < 0.3,
        "{ruby:?} {bases:?}"
    );
    // Mono-ruby: each reading centred over its own character, from the
    // notation and from HTML.
    for (base, readings) in [("東京", ["とう", "きょう"]), ("仮名", ["か", "な"])] {
        let (bases, ruby) = ruby_over(&glyphs, base, size);
        let all: String = ruby.iter().map(|g| g.c.as_str()).collect();
        assert_eq!(all, readings.concat(), "{base}");
        let split = readings[0].chars().count();
        for (k, part) in [&ruby[..split], &ruby[split..]].into_iter().enumerate() {
            let c = centre(&[bases[k]]);
            assert!(
                (centre(part) - c).abs() < 0.3,
                "{base}: {part:?} over {:?}",
                bases[k]
            );
        }
    }
    // A reading longer than its base: the base is spaced out, the reading
    // overhangs the kana る after it but not the kanji before.
    let (bases, ruby) = ruby_over(&glyphs, "承", size);
    let reading: String = ruby.iter().map(|g| g.c.as_str()).collect();
    assert_eq!(reading, "うけたまわ");
    let before = glyphs
        .iter()
        .filter(|g| g.size == size && g.page == bases[0].page && g.y == bases[0].y)
        .filter(|g| g.x < bases[0].x)
        .max_by(|a, b| a.x.total_cmp(&b.x))
        .expect("a character before 承");
    assert_eq!(before.c, "示");
    assert!(
        ruby[0].x >= before.x + before.w - 0.01,
        "{:?} over {before:?}",
        ruby[0]
    );
    // Never in the text line, and clear of the line above at the default
    // line height.
    let lines: Vec<f32> = glyphs
        .iter()
        .filter(|g| g.size == size)
        .map(|g| g.y)
        .collect();
    for g in glyphs.iter().filter(|g| (g.size - size / 2.0).abs() < 0.01) {
        for &y in &lines {
            assert!((g.y - y).abs() > 0.5 * size, "{g:?} on a text line at {y}");
            if y < g.y {
                // The ruby's top (0.88 of its size) below the bottom of the
                // line above (0.12 below its baseline).
                assert!(
                    g.y - 0.88 * g.size > y + 0.12 * size,
                    "{g:?} hits the line at {y}"
                );
            }
        }
    }
}

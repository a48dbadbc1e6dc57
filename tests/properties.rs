//! Property test: random Markdown from a grammar of everything an author
//! (or a careless paste) puts in a manuscript, built in memory into an EPUB
//! and a PDF. Whatever the input:
//!
//! - nothing panics, and both renderers succeed;
//! - every `.xhtml`, `.opf` and `.ncx` file in the EPUB parses as XML;
//! - no `<script>`, no `on…=` handler attribute and no `javascript:` URL
//!   reaches any XHTML file.
//!
//! The run is deterministic (a fixed seed, no persistence file); 64 cases
//! by default, `PROPTEST_CASES=N` for more.

use std::io::Read;
use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestError, TestRng, TestRunner};

use folio::config::{EpubConfig, PdfConfig, Profile};
use folio::diagnostics::Diagnostics;
use folio::fonts::FontSet;
use folio::render::{epub::Epub, pdf::Pdf, RenderContext, Renderer};

// ---------------------------------------------------------------- grammar

/// Plain text: CJK and Latin words, punctuation of both, characters XML
/// and Markdown care about, entities, and characters no font has.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "中文", "排版", "纳秒", "推理革命", "一二三", "汉字と仮名", "한국어",
            "「引号」", "“双引号”", "《书名》", "，", "。", "、", "！", "？", "……", "——",
            "：", "；", "（括号）", "【方括号】", "½", "ﬁ", "\u{3000}",
        ]),
        4 => prop::sample::select(vec![
            "Latin", "text", "word", "NVIDIA", "R2-D2", "1,000", "3.14", "e.g.", "don't",
            "\"quoted\"", "(paren)", "a_b", "x*y", "~", "|", "\\", "`",
        ]),
        2 => prop::sample::select(vec![
            "<", ">", "&", "\"", "'", "&nbsp;", "&amp;", "&lt;", "&copy;", "&#x4E2D;",
            "&#0;", "&#xD800;", "&bogus;", "&", "]]>", "<!--", "-->", "<?xml", "\u{0}",
            "\u{b}", "\u{fffe}", "\u{feff}", "\u{200b}",
        ]),
        1 => prop::sample::select(vec![
            "😀", "👨‍👩‍👧", "𗀀", "\u{e000}", "\u{10ffff}", "𠀀", "ﷺ", "שלום", "مرحبا", "\u{301}",
        ]),
        1 => prop::sample::select(vec![
            "javascript:alert(1)", "onclick=alert(1)", "<script>", "</script>",
        ]),
    ]
    .prop_map(str::to_string)
}

/// Text run: words with and without spaces between them.
fn text() -> impl Strategy<Value = String> {
    prop::collection::vec((word(), prop::bool::ANY), 1..6).prop_map(|words| {
        let mut s = String::new();
        for (w, space) in words {
            s.push_str(&w);
            if space {
                s.push(' ');
            }
        }
        s.trim_end().to_string()
    })
}

const LINK_DESTS: &[&str] = &[
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java&#115;cript:alert(1)",
    "%6Aavascript:alert(1)",
    " javascript:void(0)",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "other.md",
    "other.md#part",
    "./missing.md",
    "#anchor",
    "#",
    "#中文",
    "https://example.com/a?b=1&c=2",
    "mailto:a@example.com",
    "../../etc/passwd",
    "/etc/passwd",
    "<with space.md>",
    "",
];

const IMAGE_SRCS: &[&str] = &[
    "missing.png",
    "images/none.jpg",
    "图片.png",
    "with space.gif",
    "https://example.com/x.png",
    "//example.com/x.png",
    "../secret.png",
    "/etc/passwd",
    "data:image/png;base64,iVBORw0KGgo=",
    "javascript:alert(1)",
    "",
];

const NOTE_LABELS: &[&str] = &["a", "b", "1", "注", "long-label"];

const INLINE_HTML: &[&str] = &[
    "<b>",
    "</b>",
    "<i>x</i>",
    "<span onclick=\"alert(1)\">x</span>",
    "<span ONMOUSEOVER=alert(1)>x</span>",
    "<script>alert(1)</script>",
    "<SCRIPT src=x></SCRIPT>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<a href='java\tscript:x'>x</a>",
    "<img src=x onerror=alert(1)>",
    "<img src=\"missing.png\" alt=\"<>&\">",
    "<br>",
    "<br/>",
    "<wbr>",
    "<sup>1</sup>",
    "<!-- comment -->",
    "<!-- unclosed",
    "<div",
    "</p>",
    "<x:y>",
    "<ruby>汉<rt>hàn</rt></ruby>",
    "<kbd>Ctrl</kbd>",
    "<u>",
    "<a name=x>",
    "<svg onload=alert(1)>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<style>p{}</style>",
    "<p style=\"x:expression(alert(1))\">",
    "&nbsp;",
    "&#x3C;script&#x3E;",
];

/// Inline content, nested a few levels deep.
/// Ruby, well formed and broken, in both notations.
const RUBY: &[&str] = &[
    "{漢字|かんじ}",
    "{漢字|かん|じ}",
    "{東京都|とう|きょう}",
    "{漢字|}",
    "{|かん}",
    "{漢字|かん",
    "{x | y}",
    "<ruby>漢<rt>かん</rt>字<rt>じ</rt></ruby>",
    "<ruby>漢字<rp>(</rp><rt>かんじ</rt><rp>)</rp></ruby>",
    "<ruby><rb>漢</rb><rt>",
    "<ruby><rt>かん</rt></ruby>",
    "</rt><rp>(",
];

fn inline() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        6 => text(),
        1 => text().prop_map(|t| format!("`{}`", t.replace('`', ""))),
        1 => prop::sample::select(vec!["`<script>alert(1)</script>`", "`` a`b ``", "``"])
            .prop_map(str::to_string),
        1 => (text(), prop::sample::select(IMAGE_SRCS))
            .prop_map(|(alt, src)| format!("![{alt}]({src})")),
        1 => prop::sample::select(NOTE_LABELS).prop_map(|l| format!("[^{l}]")),
        1 => prop::sample::select(INLINE_HTML).prop_map(str::to_string),
        1 => prop::sample::select(RUBY).prop_map(str::to_string),
        1 => prop::sample::select(vec![
            "<https://example.com>", "<javascript:alert(1)>", "<a@example.com>",
            "https://example.com/auto", "www.example.com",
        ])
        .prop_map(str::to_string),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 1..4).prop_map(|v| v.join(" ")),
            prop::collection::vec(inner.clone(), 1..4).prop_map(|v| v.join("")),
            inner.clone().prop_map(|s| format!("*{s}*")),
            inner.clone().prop_map(|s| format!("_{s}_")),
            inner.clone().prop_map(|s| format!("**{s}**")),
            inner.clone().prop_map(|s| format!("~~{s}~~")),
            (inner.clone(), prop::sample::select(LINK_DESTS))
                .prop_map(|(s, d)| format!("[{s}]({d})")),
            (inner.clone(), prop::sample::select(LINK_DESTS))
                .prop_map(|(s, d)| format!("[{s}]({d} \"title <&>\")")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("{a}  \n{b}")),
            (inner.clone(), inner).prop_map(|(a, b)| format!("{a}\\\n{b}")),
        ]
    })
}

/// Indents every line after the first by `n` spaces (list continuation).
fn indent_rest(block: &str, n: usize) -> String {
    let pad = " ".repeat(n);
    block
        .lines()
        .enumerate()
        .map(|(i, line)| {
            if i == 0 || line.is_empty() {
                line.to_string()
            } else {
                format!("{pad}{line}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn quote(block: &str) -> String {
    block
        .lines()
        .map(|l| {
            if l.is_empty() {
                ">".into()
            } else {
                format!("> {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

const HTML_BLOCKS: &[&str] = &[
    "<div onclick=\"alert(1)\">\n\n文本\n\n</div>",
    "<script>\nalert(1)\n</script>",
    "<SCRIPT>document.write('x')</SCRIPT>",
    "<table><tr><td>x",
    "<p>unclosed <b>bold",
    "</div></div>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<style>body { color: red }</style>",
    "<svg onload=alert(1)><circle r=\"1\"/></svg>",
    "<!-- a comment -->",
    "<!DOCTYPE html>",
    "<?php echo 1; ?>",
    "<![CDATA[ <script> ]]>",
    "<details><summary>s</summary>x</details>",
    "<figure><img src=\"missing.png\"><figcaption>图</figcaption></figure>",
    "<object data=\"javascript:x\"></object>",
    "<form action=\"javascript:x\"><input onfocus=alert(1) autofocus></form>",
    "<a href=\"  JAVASCRIPT:alert(1)\">x</a>",
    "<p title=\"&quot;&lt;&gt;\" class=a class=b>dup attrs</p>",
    "<math><mi>x</mi></math>",
    "&nbsp;&nbsp;&ensp;&mdash;",
];

const CODE_LANGS: &[&str] = &["", "rust", "html", "中文", "a b", "`"];

/// Blocks, nested (lists and block quotes) a few levels deep.
fn block() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        6 => inline(),
        2 => (1..=7usize, inline()).prop_map(|(n, s)| format!("{} {s}", "#".repeat(n))),
        1 => (inline(), prop::sample::select(vec!["=", "-"]))
            .prop_map(|(s, u)| format!("{s}\n{}", u.repeat(3))),
        1 => (inline(), prop::sample::select(vec!["{#anchor}", "{#中文}", "{#}", "{.cls}"]))
            .prop_map(|(s, a)| format!("## {s} {a}")),
        1 => prop::sample::select(vec!["---", "***", "___", "- - -"]).prop_map(str::to_string),
        2 => (prop::sample::select(CODE_LANGS), text(), prop::bool::ANY).prop_map(
            |(lang, body, closed)| {
                let close = if closed { "\n```" } else { "" };
                format!("```{lang}\n{body}\n<script>x</script>{close}")
            }
        ),
        1 => text().prop_map(|t| format!("    {t}\n    <b>indented</b>")),
        2 => (prop::sample::select(NOTE_LABELS), inline())
            .prop_map(|(l, s)| format!("[^{l}]: {s}")),
        2 => prop::sample::select(HTML_BLOCKS).prop_map(str::to_string),
        2 => table(),
        1 => (inline(), prop::sample::select(LINK_DESTS))
            .prop_map(|(s, d)| format!("[ref]: {d}\n\n[{s}][ref]")),
    ];
    leaf.prop_recursive(4, 48, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 1..4).prop_map(|v| quote(&v.join("\n\n"))),
            (prop::collection::vec(inner.clone(), 1..4), prop::bool::ANY)
                .prop_map(|(items, ordered)| list(&items, ordered)),
            (
                prop::sample::select(NOTE_LABELS),
                prop::collection::vec(inner, 1..3)
            )
                .prop_map(|(l, v)| format!("[^{l}]: {}", indent_rest(&v.join("\n\n"), 4))),
        ]
    })
}

fn list(items: &[String], ordered: bool) -> String {
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let marker = if ordered {
                format!("{}. ", i + 1)
            } else {
                "- ".to_string()
            };
            format!("{marker}{}", indent_rest(item, marker.len()))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn table() -> impl Strategy<Value = String> {
    (1..4usize, 0..4usize, prop::collection::vec(inline(), 16)).prop_map(|(cols, rows, cells)| {
        let cell = |i: usize| cells[i % cells.len()].replace(['\n', '|'], " ");
        let mut out = String::new();
        let row = |r: usize| {
            (0..cols)
                .map(|c| cell(r * cols + c))
                .collect::<Vec<_>>()
                .join(" | ")
        };
        out.push_str(&format!("| {} |\n", row(0)));
        let aligns = [":--", "--:", ":-:", "---"];
        out.push_str(&format!(
            "|{}|\n",
            (0..cols)
                .map(|c| aligns[c % 4])
                .collect::<Vec<_>>()
                .join("|")
        ));
        for r in 0..rows {
            // Ragged rows: the last one may lack a cell.
            let line = row(r + 1);
            out.push_str(&format!("| {line} |\n"));
        }
        out.trim_end().to_string()
    })
}

const FRONT_MATTER: &[&str] = &[
    "",
    "---\ntitle: \"书 <b>&amp; \\\"q\\\" 'x'\"\nauthor: [\"<script>\", \"A & B\"]\nlang: zh-CN\n---\n",
    "---\ntitle: Only a title\n---\n",
    "---\n---\n",
    "---\nlang: \"not a language tag <>\"\ndate: 2025-09-25\n---\n",
];

fn document() -> impl Strategy<Value = String> {
    (
        prop::sample::select(FRONT_MATTER),
        prop::collection::vec(block(), 0..10),
        prop::sample::select(vec!["\n\n", "\n", "\r\n\r\n"]),
    )
        .prop_map(|(front, blocks, sep)| {
            let body = blocks.join(sep);
            format!("{front}{body}\n")
        })
}

// ---------------------------------------------------------------- checks

fn fonts() -> &'static FontSet {
    static FONTS: OnceLock<FontSet> = OnceLock::new();
    FONTS.get_or_init(|| {
        FontSet::load(&Default::default(), std::path::Path::new(".")).expect("built-in fonts")
    })
}

/// Builds `markdown` into an EPUB and a PDF and checks both; the error
/// says what went wrong.
fn check(markdown: &str, handout: bool) -> Result<(), String> {
    let (book, _warnings) = folio::parse::parse_markdown_str(markdown, "prop")
        .map_err(|e| format!("parse failed: {e}"))?;
    let epub_config = EpubConfig::default();
    let mut pdf_config = PdfConfig::default();
    if handout {
        pdf_config.profile = Profile::Handout;
    }
    let diagnostics = Diagnostics::default();
    let ctx = RenderContext {
        book: &book,
        fonts: fonts(),
        epub: &epub_config,
        pdf: &pdf_config,
        diagnostics: &diagnostics,
        timings: &Default::default(),
        layout: &Default::default(),
        reuse: &Default::default(),
    };
    let epub = Epub.render(&ctx).map_err(|e| format!("EPUB failed: {e}"))?;
    check_epub(&epub)?;
    let pdf = Pdf.render(&ctx).map_err(|e| format!("PDF failed: {e}"))?;
    if !pdf.starts_with(b"%PDF-") {
        return Err("the PDF does not start with %PDF-".into());
    }
    Ok(())
}

fn check_epub(epub: &[u8]) -> Result<(), String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(epub))
        .map_err(|e| format!("EPUB is not a zip: {e}"))?;
    let mut xhtml_files = 0;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| e.to_string())?;
        let name = entry.name().to_string();
        let is_xhtml = name.ends_with(".xhtml");
        if !(is_xhtml || name.ends_with(".opf") || name.ends_with(".ncx")) {
            continue;
        }
        let mut text = String::new();
        entry
            .read_to_string(&mut text)
            .map_err(|e| format!("{name} is not UTF-8: {e}"))?;
        let options = roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        };
        let doc = roxmltree::Document::parse_with_options(&text, options)
            .map_err(|e| format!("{name} is not XML: {e}"))?;
        if is_xhtml {
            xhtml_files += 1;
            check_no_script(&name, &text, &doc)?;
        }
    }
    if xhtml_files == 0 {
        return Err("the EPUB has no XHTML file".into());
    }
    Ok(())
}

/// True when a URL, as a browser would read it (control characters and
/// white space dropped, any case), uses the `javascript:` scheme.
fn is_script_url(value: &str) -> bool {
    let squashed: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    squashed.starts_with("javascript:") || squashed.starts_with("vbscript:")
}

fn check_no_script(name: &str, text: &str, doc: &roxmltree::Document) -> Result<(), String> {
    if text.to_ascii_lowercase().contains("<script") {
        return Err(format!("{name} contains <script"));
    }
    for node in doc.descendants().filter(|n| n.is_element()) {
        let tag = node.tag_name().name();
        if tag.eq_ignore_ascii_case("script") {
            return Err(format!("{name} has a <{tag}> element"));
        }
        for attr in node.attributes() {
            let attr_name = attr.name();
            if attr_name.len() > 2 && attr_name[..2].eq_ignore_ascii_case("on") {
                return Err(format!(
                    "{name}: <{tag}> has the handler {attr_name}=\"{}\"",
                    attr.value()
                ));
            }
            // Text for people (an image's alt text as its placeholder's
            // label) is never followed as a URL.
            let text_only = matches!(attr_name, "alt" | "title" | "aria-label");
            if !text_only && is_script_url(attr.value()) {
                return Err(format!(
                    "{name}: <{tag} {attr_name}=\"{}\"> is a script URL",
                    attr.value()
                ));
            }
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- runner

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(64)
}

#[test]
fn random_markdown_builds_valid_safe_books() {
    let config = Config {
        cases: cases(),
        failure_persistence: None,
        // Shrinking re-renders whole books; keep it bounded.
        max_shrink_iters: 256,
        ..Config::default()
    };
    let seed: [u8; 32] = *b"folio property test, fixed seed!";
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &seed));
    let result = runner.run(&(document(), prop::bool::ANY), |(markdown, handout)| {
        // A panic inside is caught by the runner and shrunk like a failure.
        check(&markdown, handout)
            .map_err(|why| TestCaseError::fail(format!("{why}\n--- markdown ---\n{markdown}\n---")))
    });
    match result {
        Ok(()) => {}
        Err(TestError::Fail(why, (markdown, handout))) => {
            panic!("{why}\nminimal input (handout: {handout}):\n{markdown:?}")
        }
        Err(e) => panic!("{e}"),
    }
}

/// The generator itself: it does produce the constructs it is meant to.
#[test]
fn the_grammar_covers_the_constructs() {
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]),
    );
    let strategy = document();
    let mut all = String::new();
    for _ in 0..200 {
        all.push_str(&strategy.new_tree(&mut runner).unwrap().current());
    }
    for needle in [
        "# ",
        "> ",
        "- ",
        "1. ",
        "```",
        "| ",
        "[^",
        "![",
        "](",
        "<script",
        "onclick=",
        "javascript:",
        "&nbsp;",
        "  \n",
        "---",
        "**",
        "中文",
        "{漢字|",
        "<ruby>",
    ] {
        assert!(
            all.contains(needle),
            "the grammar never produced {needle:?}"
        );
    }
}

/// The fuzz target's seed corpus (`fuzz/seeds/`), through the same checks:
/// the seeds are hand-written edge cases, worth keeping in the normal
/// suite. Inputs that fail to parse (bad front matter) are errors, not
/// failures, as in the fuzz target.
#[test]
fn fuzz_seeds_build_valid_safe_books() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    assert!(paths.len() >= 10, "seeds missing from {}", dir.display());
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        if folio::parse::parse_markdown_str(&text, "seed").is_err() {
            continue;
        }
        for handout in [false, true] {
            if let Err(why) = check(&text, handout) {
                panic!("{}: {why}", path.display());
            }
        }
    }
}

//! The EPUB renderer on a hand-built book that uses every construct of the
//! model: EPUBCheck-clean, right note semantics, reproducible, `lang`
//! everywhere.

mod common;
mod epub_fixture;

use std::io::{Cursor, Read};

use folio::book::Book;
use folio::config::{EpubConfig, PdfConfig};
use folio::diagnostics::Diagnostics;
use folio::fonts::FontSet;
use folio::render::epub::Epub;
use folio::render::{RenderContext, Renderer};

fn render(book: &Book) -> Vec<u8> {
    render_with(book, &EpubConfig::default())
}

fn render_with(book: &Book, config: &EpubConfig) -> Vec<u8> {
    let fonts = FontSet::load(&Default::default(), std::path::Path::new(".")).expect("fonts");
    let diagnostics = Diagnostics::default();
    let ctx = RenderContext {
        book,
        fonts: &fonts,
        epub: config,
        pdf: &PdfConfig::default(),
        diagnostics: &diagnostics,
        timings: &Default::default(),
        layout: &Default::default(),
        reuse: &Default::default(),
    };
    let epub = Epub.render(&ctx).expect("render");
    assert_eq!(diagnostics.snapshot(), vec![], "no warnings");
    epub
}

/// EPUBCheck reports nothing on `epub` (skipped loudly without Java).
fn assert_valid(epub: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.epub");
    std::fs::write(&path, epub).unwrap();
    common::assert_epub_valid(&path);
}

/// Every entry of the archive, in order, as (name, bytes).
fn entries(epub: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(epub)).expect("zip");
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().to_string(), data)
        })
        .collect()
}

fn entry(epub: &[u8], name: &str) -> String {
    let (_, data) = entries(epub)
        .into_iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no {name}"));
    String::from_utf8(data).unwrap()
}

#[test]
fn every_construct_passes_epubcheck() {
    let epub = render(&epub_fixture::test_book());
    assert_valid(&epub);
}

#[test]
fn latin_book_without_notes_passes_epubcheck() {
    let mut book = epub_fixture::test_book();
    book.meta.lang = "en".into();
    book.meta.subtitle = None;
    book.meta.date = None;
    book.notes.clear();
    for ch in &mut book.chapters {
        strip_noterefs(&mut ch.blocks);
    }
    let epub = render(&book);
    assert!(!entries(&epub).iter().any(|(n, _)| n == "OEBPS/notes.xhtml"));
    assert_valid(&epub);
}

fn strip_noterefs(blocks: &mut [folio::book::Block]) {
    for b in blocks {
        if let folio::book::Block::Paragraph(inlines) = b {
            inlines.retain(|i| !matches!(i, folio::book::Inline::NoteRef { .. }));
        }
    }
}

#[test]
fn two_renders_are_byte_identical() {
    let book = epub_fixture::test_book();
    assert_eq!(render(&book), render(&book));
}

#[test]
fn archive_starts_with_stored_mimetype_and_1980_dates() {
    let epub = render(&epub_fixture::test_book());
    assert_eq!(&epub[30..38], b"mimetype");
    assert_eq!(&epub[38..58], b"application/epub+zip");
    let mut zip = zip::ZipArchive::new(Cursor::new(&epub[..])).unwrap();
    for i in 0..zip.len() {
        let f = zip.by_index(i).unwrap();
        assert_eq!(
            f.last_modified().map(|d| d.year()),
            Some(1980),
            "{}",
            f.name()
        );
    }
}

#[test]
fn notes_have_noteref_endnote_and_backlink_semantics() {
    let epub = render(&epub_fixture::test_book());
    let intro = entry(&epub, "OEBPS/intro.xhtml");
    assert!(intro.contains(
        "<sup><a epub:type=\"noteref\" role=\"doc-noteref\" href=\"notes.xhtml#note-1\" id=\"ref-1\">1</a></sup>"
    ));
    let ch2 = entry(&epub, "OEBPS/ch02.xhtml");
    assert!(ch2.contains("href=\"notes.xhtml#note-1\" id=\"ref-1-2\">1</a></sup>"));
    let notes = entry(&epub, "OEBPS/notes.xhtml");
    assert!(notes.contains("<section epub:type=\"endnotes\" role=\"doc-endnotes\""));
    assert!(notes.contains("<h1>注释</h1>"));
    assert!(notes.contains("<li id=\"note-1\" epub:type=\"endnote\""));
    // The note referenced twice links back to both places.
    assert!(notes.contains("role=\"doc-backlink\" href=\"intro.xhtml#ref-1\""));
    assert!(notes.contains("role=\"doc-backlink\" href=\"ch02.xhtml#ref-1-2\""));
    assert!(notes.contains("role=\"doc-backlink\" href=\"ch01.xhtml#ref-2\""));
    assert!(notes.contains("epub:type=\"backlink\""));
    assert_eq!(notes.matches("epub:type=\"endnote\"").count(), 3);
}

#[test]
fn every_xhtml_file_has_lang_and_xml_lang() {
    let epub = render(&epub_fixture::test_book());
    let xhtml: Vec<_> = entries(&epub)
        .into_iter()
        .filter(|(n, _)| n.ends_with(".xhtml"))
        .collect();
    assert!(xhtml.iter().any(|(n, _)| n == "OEBPS/nav.xhtml"));
    for (name, data) in xhtml {
        let text = String::from_utf8(data).unwrap();
        assert!(
            text.contains("lang=\"zh-CN\" xml:lang=\"zh-CN\""),
            "{name} lacks lang"
        );
    }
}

#[test]
fn package_metadata_is_complete() {
    let epub = render(&epub_fixture::test_book());
    let opf = entry(&epub, "OEBPS/content.opf");
    for needle in [
        "<dc:identifier id=\"epub-id-1\">urn:uuid:6f0e6b8e-4f61-4e1b-9d7a-3c1f2a9b0c11</dc:identifier>",
        "<meta property=\"dcterms:modified\">2025-09-25T00:00:00Z</meta>",
        "<dc:date>2025-09-25</dc:date>",
        "<dc:language id=\"language-0\">zh-CN</dc:language>",
        "<dc:creator id=\"epub-creator-0\">作者 &lt;A&amp;B&gt;</dc:creator>",
        "<dc:publisher>书享界 &amp; Co</dc:publisher>",
        "<dc:source>聪明投资者</dc:source>",
        "<dc:title id=\"subtitle\">副标题 &amp; &lt;更多&gt;</dc:title>",
        "<meta property=\"schema:accessModeSufficient\">textual</meta>",
        "<meta property=\"schema:accessibilityFeature\">alternativeText</meta>",
        "<meta property=\"schema:accessibilitySummary\">",
        "properties=\"cover-image\"",
    ] {
        assert!(opf.contains(needle), "missing {needle} in\n{opf}");
    }
    let ncx = entry(&epub, "OEBPS/toc.ncx");
    assert!(
        ncx.contains("<meta name=\"dtb:depth\" content=\"3\" />"),
        "{ncx}"
    );
}

#[test]
fn nav_nests_headings_and_has_landmarks() {
    let epub = render(&epub_fixture::test_book());
    let nav = entry(&epub, "OEBPS/nav.xhtml");
    assert!(nav.contains("<a href=\"ch01.xhtml#section-a\">小节 A &amp; B</a>\n<ol>\n<li><a href=\"ch01.xhtml#lists\">Lists</a></li>"), "{nav}");
    assert!(nav.contains("9. 面对一辆正以指数级加速前进的火车\u{3000}赶紧跳上去"));
    for kind in [
        "cover",
        "titlepage",
        "copyright-page",
        "toc",
        "bodymatter",
        "endnotes",
    ] {
        assert!(
            nav.contains(&format!("<a epub:type=\"{kind}\"")),
            "landmark {kind}"
        );
    }
    assert!(nav.contains("<a epub:type=\"bodymatter\" href=\"ch01.xhtml\">"));
}

#[test]
fn chapters_render_every_construct() {
    let epub = render(&epub_fixture::test_book());
    let ch1 = entry(&epub, "OEBPS/ch01.xhtml");
    for needle in [
        "<em>emphasis</em>",
        "<strong>strong <em>both</em></strong>",
        "<del>struck</del>",
        "<code>a &lt; b &amp;&amp; &quot;c&quot;</code>",
        " and &lt;raw&gt; &amp; &#39;quotes&#39;.",
        "<h2 id=\"section-a\">",
        "Line one<br/>",
        "<pre><code class=\"language-rust\">",
        "<blockquote>\n<p>引用的话。</p>\n<blockquote>",
        "<ol start=\"3\">",
        "<span class=\"task done\">☑</span>",
        "<span class=\"task todo\">☐</span>",
        "<th scope=\"col\" class=\"align-center\">中</th>",
        "<td class=\"align-right\">22</td>",
        "<hr/>",
        "<img src=\"images/pic.png\" alt=\"一张图 &lt;alt&gt;\" title=\"Title &quot;quoted&quot;\"/>",
        "<a class=\"remote-image\" href=\"https://example.com/remote%20image.png\"><span class=\"missing-image\" role=\"img\" aria-label=\"remote\">remote</span></a>",
        "<a href=\"https://example.com/?a=1&amp;b=2\" title=\"Example &amp; co\">external link</a>",
        "<a href=\"ch02.xhtml#later\">internal link</a>",
        "<a href=\"intro.xhtml\">to the preface</a>",
        "<div class=\"raw\">\n<p>Raw <strong>HTML</strong>\u{a0}block</p>\n</div>",
        "<kbd>raw</kbd>",
    ] {
        assert!(ch1.contains(needle), "missing {needle} in\n{ch1}");
    }
    let ch2 = entry(&epub, "OEBPS/ch02.xhtml");
    assert!(ch2.contains("<h1><span class=\"title\">9. 面对一辆正以指数级加速前进的火车</span> <span class=\"subtitle\">赶紧跳上去</span></h1>"));
    let copyright = entry(&epub, "OEBPS/copyright.xhtml");
    assert!(copyright.contains("epub:type=\"copyright-page\""));
    assert!(copyright.contains("<p>书享界保留所有权 |书享界 » 测试</p>"));
    let intro = entry(&epub, "OEBPS/intro.xhtml");
    assert!(
        intro.contains("第一段，接着写。"),
        "soft break between Han dropped"
    );
}

#[test]
fn spine_follows_reading_order() {
    let epub = render(&epub_fixture::test_book());
    let opf = entry(&epub, "OEBPS/content.opf");
    let spine = &opf[opf.find("<spine").unwrap()..];
    let order = [
        "cover.xhtml",
        "titlepage.xhtml",
        "copyright.xhtml",
        "toc.xhtml",
        "intro.xhtml",
        "ch01.xhtml",
        "ch02.xhtml",
        "notes.xhtml",
    ];
    let positions: Vec<_> = order
        .iter()
        .map(|f| {
            spine
                .find(&format!(
                    "idref=\"id_{}\"",
                    f.replace('.', "_")
                        .replace("_xhtml", ".xhtml")
                        .replace('.', "_")
                ))
                .unwrap_or(usize::MAX)
        })
        .collect();
    let mut sorted = positions.clone();
    sorted.sort();
    assert_eq!(positions, sorted, "{spine}");
}

/// Writes the test book to `$FOLIO_EPUB_OUT` for a look by hand.
#[test]
fn write_sample_when_asked() {
    if let Ok(path) = std::env::var("FOLIO_EPUB_OUT") {
        std::fs::write(path, render(&epub_fixture::test_book())).unwrap();
    }
}

#[test]
fn book_cover_image_replaces_the_generated_cover() {
    let mut book = epub_fixture::test_book();
    book.assets.push(folio::book::Asset {
        name: "images/cover.png".into(),
        media_type: folio::book::MediaType::Png,
        data: epub_fixture::tiny_png(),
        width: 2,
        height: 2,
    });
    book.cover = Some(1);
    let epub = render(&book);
    let names: Vec<_> = entries(&epub).into_iter().map(|(n, _)| n).collect();
    assert!(!names.contains(&"OEBPS/cover.svg".to_string()));
    let opf = entry(&epub, "OEBPS/content.opf");
    assert!(opf.contains(
        "<item media-type=\"image/png\" properties=\"cover-image\" id=\"cover-image\" href=\"images/cover.png\"/>"
    ));
    let cover = entry(&epub, "OEBPS/cover.xhtml");
    assert!(cover.contains("<img role=\"doc-cover\" src=\"images/cover.png\""));
    assert_valid(&epub);
}

#[test]
fn css_is_fit_for_chinese() {
    let epub = render(&epub_fixture::test_book());
    let css = entry(&epub, "OEBPS/stylesheet.css");
    assert!(css.contains("\"Noto Serif CJK SC\""));
    assert!(css.contains("p { text-indent: 2em; }"));
    assert!(css.contains("line-height: 1.8"));
    assert!(css.contains("em { font-style: normal;"));
}

#[test]
fn body_font_is_embedded_as_a_subset_unless_turned_off() {
    let book = epub_fixture::test_book();
    let epub = render(&book);
    let names: Vec<_> = entries(&epub).into_iter().map(|(n, _)| n).collect();
    let font = names
        .iter()
        .find(|n| n.starts_with("OEBPS/fonts/body."))
        .expect("an embedded body font");
    let file = font.trim_start_matches("OEBPS/");
    let css = entry(&epub, "OEBPS/stylesheet.css");
    assert!(css.contains(&format!("src: url(\"{file}\")")), "{css}");
    let opf = entry(&epub, "OEBPS/content.opf");
    assert!(opf.contains(&format!("href=\"{file}\"")));
    assert!(opf.contains("media-type=\"font/ttf\"") || opf.contains("media-type=\"font/otf\""));

    let off = render_with(&book, &EpubConfig { embed_font: false });
    assert!(!entries(&off).iter().any(|(n, _)| n.contains("fonts/")));
    assert!(!entry(&off, "OEBPS/stylesheet.css").contains("@font-face"));
}

/// Every XML file of the archive parses (XHTML, OPF, NCX, container).
fn assert_all_xml(epub: &[u8]) {
    for (name, data) in entries(epub) {
        if [".xhtml", ".opf", ".ncx", ".xml"]
            .iter()
            .any(|ext| name.ends_with(ext))
        {
            let text = String::from_utf8(data).unwrap();
            roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
}

#[test]
fn every_xml_file_parses() {
    assert_all_xml(&render(&epub_fixture::test_book()));
}

#[test]
fn deep_nesting_and_hostile_text_stay_valid() {
    use folio::book::{Block, Inline, ListItem};
    let mut book = epub_fixture::test_book();
    let mut quote = Block::BlockQuote(vec![
        Block::Paragraph(vec![Inline::Text("最深处 <&>".into())]),
        Block::Heading {
            level: 2,
            id: "too-deep".into(),
            content: vec![Inline::Text("deep heading".into())],
        },
    ]);
    for _ in 0..5_000 {
        quote = Block::BlockQuote(vec![quote]);
    }
    let mut emphasis = Inline::Text("深".into());
    for i in 0..5_000 {
        emphasis = if i % 2 == 0 {
            Inline::Emphasis(vec![emphasis])
        } else {
            Inline::Strong(vec![emphasis])
        };
    }
    let mut list = Block::Paragraph(vec![Inline::Text("item".into())]);
    for _ in 0..1_000 {
        list = Block::List {
            start: None,
            items: vec![ListItem {
                task: None,
                blocks: vec![list],
            }],
        };
    }
    let hostile = "\u{0}\u{1b}<script>alert('x')</script> & \"q\" \u{FFFF}";
    let ch = &mut book.chapters[2];
    ch.blocks.push(quote);
    ch.blocks.push(Block::Paragraph(vec![
        emphasis,
        Inline::Text(hostile.into()),
    ]));
    ch.blocks.push(list);
    // A link to the heading the writer flattened away goes to its chapter.
    book.chapters[3]
        .blocks
        .push(Block::Paragraph(vec![Inline::Link {
            target: folio::book::LinkTarget::Internal {
                chapter: 2,
                anchor: Some("too-deep".into()),
            },
            title: None,
            content: vec![Inline::Text("deep link".into())],
        }]));
    book.meta.title = hostile.into();
    book.meta.authors.push(hostile.into());
    let epub = render(&book);
    assert!(entry(&epub, "OEBPS/ch01.xhtml").contains("最深处 &lt;&amp;&gt;"));
    assert!(!entry(&epub, "OEBPS/ch01.xhtml").contains("<script>"));
    assert!(entry(&epub, "OEBPS/ch02.xhtml").contains("<a href=\"ch01.xhtml\">deep link</a>"));
    assert_all_xml(&epub);
    assert_valid(&epub);
    // Dropping these trees recurses in drop glue; that is the model's
    // business, not the renderer's: keep the test about rendering.
    std::mem::forget(book);
}

/// A CFF-flavoured OpenType body font (Noto Serif CJK SC, from
/// fonts-noto-cjk) is embedded as fonts/body.otf, `font/otf`, and
/// EPUBCheck accepts it.
#[test]
fn cff_body_font_is_embedded_as_otf() {
    let config = folio::config::FontsConfig {
        body: vec!["Noto Serif CJK SC".into()],
        ..Default::default()
    };
    let fonts = FontSet::load(&config, std::path::Path::new(".")).expect("fonts");
    let book = epub_fixture::test_book();
    let probe = fonts.subset_for_text(folio::fonts::Role::Body, "中");
    if !probe.as_ref().is_ok_and(|s| s.is_cff) {
        eprintln!("SKIPPED: Noto Serif CJK SC (CFF) is not installed (apt install fonts-noto-cjk)");
        return;
    }
    let diagnostics = Diagnostics::default();
    let ctx = RenderContext {
        book: &book,
        fonts: &fonts,
        epub: &EpubConfig::default(),
        pdf: &PdfConfig::default(),
        diagnostics: &diagnostics,
        timings: &Default::default(),
        layout: &Default::default(),
        reuse: &Default::default(),
    };
    let epub = Epub.render(&ctx).expect("render");
    assert_eq!(diagnostics.snapshot(), vec![]);
    assert!(entries(&epub)
        .iter()
        .any(|(n, _)| n == "OEBPS/fonts/body.otf"));
    assert!(entry(&epub, "OEBPS/content.opf").contains("media-type=\"font/otf\""));
    assert_valid(&epub);
}

/// A book of a million Han characters (100 chapters of 100 paragraphs)
/// renders; run with `--ignored` to time it (issue 4's size limit).
#[test]
#[ignore = "slow in debug builds; run with --ignored"]
fn million_character_book_renders() {
    use folio::book::{Block, Chapter, Inline};
    let mut book = epub_fixture::test_book();
    let han: Vec<char> = (0x4E00u32..0x4E00 + 3000)
        .filter_map(char::from_u32)
        .collect();
    let mut seed = 1u32;
    for c in 0..100 {
        let blocks = (0..100)
            .map(|_| {
                let text: String = (0..100)
                    .map(|_| {
                        // A fixed LCG: every character of the range occurs.
                        seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                        han[(seed >> 8) as usize % han.len()]
                    })
                    .collect();
                Block::Paragraph(vec![Inline::Text(text)])
            })
            .collect();
        book.chapters.push(Chapter {
            id: format!("big{c:03}"),
            title: vec![Inline::Text(format!("第{c}章"))],
            blocks,
            ..Chapter::default()
        });
    }
    let start = std::time::Instant::now();
    let epub = render(&book);
    eprintln!("rendered {} KB in {:?}", epub.len() / 1024, start.elapsed());
    assert_valid(&epub);
}

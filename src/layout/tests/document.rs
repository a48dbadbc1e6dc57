//! Whole-document tests: 禁则 on every line, contents, notes, margins, profiles.

use super::*;
use crate::book::Image;
use crate::text::punct::is_closing_half_blank;

#[test]
fn no_line_starts_with_a_closing_mark_or_ends_with_an_opening_one() {
    let (doc, _) = lay_out_fake(&sample_book(), &PdfConfig::default());
    let mut n = 0;
    for page in &doc.pages {
        for line in text_lines(page) {
            let t = line.text();
            if line.mono {
                continue; // code keeps its source lines
            }
            let (Some(first), Some(last)) = (t.chars().next(), t.chars().last()) else {
                continue;
            };
            assert!(
                !no_line_start(first),
                "line starts with a closing mark: {t}"
            );
            assert!(!no_line_end(last), "line ends with an opening mark: {t}");
            n += 1;
        }
    }
    assert!(n > 100, "{n} lines");
}

#[test]
fn toc_page_numbers_are_the_pages_of_the_headings_and_link_there() {
    let book = sample_book();
    let (doc, _) = lay_out_fake(&book, &PdfConfig::default());
    let toc = doc
        .outline
        .iter()
        .find(|o| o.title == "目录")
        .expect("contents in the outline");
    let toc_page = &doc.pages[toc.page];
    let lines = text_lines(toc_page);
    let mut checked = 0;
    for o in &doc.outline {
        if o.title == "目录" || o.title == book.meta.title {
            continue;
        }
        let line = lines
            .iter()
            .find(|l| l.text().starts_with(&o.title))
            .unwrap_or_else(|| panic!("no TOC line for {}", o.title));
        let t = line.text();
        let number = t[o.title.len()..].to_string();
        assert_eq!(number, doc.pages[o.page].label, "TOC entry {}", o.title);
        // The heading is on that page.
        let heading = text_lines(&doc.pages[o.page])
            .iter()
            .any(|l| l.text().contains(o.title.as_str()) || o.title == "版权页");
        assert!(heading, "{} not on page {}", o.title, o.page);
        // The entry links there.
        let link = toc_page
            .links
            .iter()
            .find(|l| (l.y..l.y + l.height).contains(&(line.y - 1.0)))
            .expect("entry is a link");
        assert!(matches!(link.target, Destination::Page { page, .. } if page == o.page));
        checked += 1;
    }
    assert!(checked >= 6);
    // Body numbering starts at 1 with the first chapter; front matter is roman.
    let first = doc
        .outline
        .iter()
        .find(|o| o.title.starts_with("1 "))
        .unwrap();
    assert_eq!(doc.pages[first.page].label, "1");
    assert!(first.page.is_multiple_of(2), "page 1 is a recto");
    // Cover, its blank verso, title page, copyright page: the contents
    // open the next recto, the fifth page.
    assert_eq!(doc.pages[toc.page].label, "v");
    assert!(toc.page.is_multiple_of(2), "the contents open a recto");
    assert!(doc.outline.iter().any(|o| o.title == "注释"));
    assert_eq!(
        first.children.len(),
        1,
        "level-2 headings nest in the outline"
    );
}

#[test]
fn note_references_and_notes_link_to_each_other() {
    let (doc, _) = lay_out_fake(&sample_book(), &PdfConfig::default());
    let notes = doc.outline.iter().find(|o| o.title == "注释").unwrap();
    let toc = doc.outline.iter().find(|o| o.title == "目录").unwrap().page;
    let ref_link = doc
        .pages
        .iter()
        .enumerate()
        .flat_map(|(i, p)| p.links.iter().map(move |l| (i, l)))
        .find(|(i, l)| {
            *i > toc
                && *i < notes.page
                && matches!(l.target, Destination::Page { page, .. } if page == notes.page)
        })
        .expect("a note reference links to the notes page");
    let back = doc.pages[notes.page]
        .links
        .iter()
        .find(|l| matches!(l.target, Destination::Page { page, .. } if page == ref_link.0))
        .expect("the note links back");
    assert!(back.width > 0.0);
}

#[test]
fn nothing_outside_the_text_area() {
    for profile in [Profile::Book, Profile::Handout] {
        let config = PdfConfig {
            profile,
            ..PdfConfig::default()
        };
        let (doc, _) = lay_out_fake(&sample_book(), &config);
        // The handout is A4 and one-sided: its margins do not mirror.
        let g = if profile == Profile::Book {
            Geometry::new(config.paper, &config, 10.5)
        } else {
            Geometry::new(crate::config::Paper::A4, &config, 10.5).one_sided()
        };
        let (top, bottom) = (g.top, g.top + g.text_height);
        for (i, page) in doc.pages.iter().enumerate() {
            assert!((page.width - g.width).abs() < 0.01 && (page.height - g.height).abs() < 0.01);
            let left = g.left(i);
            for line in text_lines(page) {
                let n = line.glyphs.len();
                for (k, (x, adv, size, t)) in line.glyphs.iter().enumerate() {
                    // Only the blank half of a line-end closing mark hangs
                    // past the margin (行末半角); its ink stays inside.
                    let hang = if k + 1 == n && t.chars().all(is_closing_half_blank) {
                        adv / 2.0
                    } else {
                        0.0
                    };
                    assert!(
                        *x >= left - 0.01 && x + adv - hang <= left + g.text_width + 0.01,
                        "page {i}: {t:?} at x {x} outside"
                    );
                    let (gt, gb) = (line.y - 0.88 * size, line.y + 0.12 * size);
                    let inside = gt >= top - 0.01 && gb <= bottom + 0.01;
                    let head = gb < top;
                    let foot = gt > bottom && gb < g.height;
                    assert!(
                        inside || head || foot,
                        "page {i}: {t:?} at y {} straddles the text area",
                        line.y
                    );
                }
            }
            for item in &page.items {
                if let Item::Rect { x, width, .. } = item {
                    assert!(
                        *x >= left - 1.01 && x + width <= left + g.text_width + 1.01,
                        "page {i}: rect outside"
                    );
                }
            }
        }
    }
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    let mut quote = para("最深处");
    for _ in 0..5000 {
        quote = Block::BlockQuote(vec![quote]);
    }
    let mut list = para("列表");
    for _ in 0..5000 {
        list = Block::List {
            start: None,
            items: vec![ListItem {
                task: None,
                blocks: vec![list],
            }],
        };
    }
    let mut book = sample_book();
    book.chapters[2].blocks = vec![quote, list];
    // A small stack: recursion over 5000 levels would not fit.
    let handle = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || {
            let (doc, _) = lay_out_fake(&book, &PdfConfig::default());
            let found = doc
                .pages
                .iter()
                .any(|p| text_lines(p).iter().any(|l| l.text() == "最深处"));
            // Take the tree apart iteratively: the derived Drop recurses.
            let mut stack: Vec<Block> = std::mem::take(&mut book.chapters[2].blocks);
            while let Some(b) = stack.pop() {
                match b {
                    Block::BlockQuote(v) => stack.extend(v),
                    Block::List { items, .. } => {
                        stack.extend(items.into_iter().flat_map(|i| i.blocks))
                    }
                    _ => {}
                }
            }
            found
        })
        .unwrap();
    assert!(
        handle.join().expect("no stack overflow"),
        "the innermost text is laid out"
    );
}

#[test]
fn missing_characters_are_reported_once_with_code_point_and_file() {
    let mut book = sample_book();
    book.chapters[2].blocks.push(para("西夏文𗀀和𗀀再一次"));
    let d = Diagnostics::default();
    let shaper = FakeShaper {
        missing: vec!['𗀀'],
    };
    lay_out_with(&book, &shaper, &PdfConfig::default(), &d).unwrap();
    let all = d.into_vec();
    assert_eq!(all.len(), 1, "{all:?}");
    let msg = all[0].to_string();
    assert!(msg.contains("U+17000") && msg.contains("ch1.md"), "{msg}");
}

/// Chapters are laid out in parallel; the one warning must still list the
/// characters in book order and name the first chapter (in book order)
/// where one is missing, whichever thread finishes first.
#[test]
fn missing_characters_are_reported_in_book_order_from_parallel_chapters() {
    let mut book = sample_book();
    book.chapters[2].blocks.push(para("甲𗀁"));
    book.chapters[3].blocks.push(para("乙𗀀"));
    book.chapters[5].blocks.push(para("丙𗀀𗀁"));
    let shaper = FakeShaper {
        missing: vec!['𗀀', '𗀁'],
    };
    for _ in 0..10 {
        let d = Diagnostics::default();
        lay_out_with(&book, &shaper, &PdfConfig::default(), &d).unwrap();
        let all: Vec<String> = d.into_vec().iter().map(ToString::to_string).collect();
        assert_eq!(all.len(), 1, "one warning for all: {all:?}");
        let msg = &all[0];
        let (first, second) = (msg.find("U+17001"), msg.find("U+17000"));
        assert!(first.is_some() && first < second, "book order: {msg}");
        assert!(
            msg.contains("ch1.md") && msg.contains("2 characters"),
            "{msg}"
        );
        assert!(msg.contains("2 places"), "{msg}");
    }
}

#[test]
fn handout_is_a4_with_title_and_copyright_on_page_one() {
    let config = PdfConfig {
        profile: Profile::Handout,
        ..PdfConfig::default()
    };
    let (doc, _) = lay_out_fake(&sample_book(), &config);
    let first: String = text_lines(&doc.pages[0])
        .iter()
        .map(TextLine::text)
        .collect();
    assert!(first.starts_with("黄仁勋最新对话"), "{first}");
    assert!(
        first.contains("版权声明") && first.contains("来源:聪明投资者"),
        "{first}"
    );
    assert!((doc.pages[0].width - 595.28).abs() < 0.1);
    let n = doc.pages.len();
    let foot = text_lines(&doc.pages[n - 1]).last().unwrap().text();
    assert_eq!(foot, format!("{n} / {n}"));
}

#[test]
fn every_paragraph_comes_back_in_order() {
    let book = sample_book();
    let config = PdfConfig::default();
    let (doc, _) = lay_out_fake(&book, &config);
    let g = Geometry::new(config.paper, &config, 10.5);
    // Body text only: running heads and page numbers interrupt paragraphs.
    let all: String = doc
        .pages
        .iter()
        .flat_map(|p| text_lines(p))
        .filter(|l| l.y > g.top && l.y < g.top + g.text_height)
        .map(|l| l.text())
        .collect();
    let mut at = 0;
    for ch in &book.chapters {
        for b in &ch.blocks {
            if let Block::Paragraph(inl) = b {
                if let [Inline::Text(t)] = inl.as_slice() {
                    let found = all[at..]
                        .find(t.as_str())
                        .unwrap_or_else(|| panic!("missing or out of order: {t}\n{}", &all[at..]));
                    at += found + t.len();
                }
            }
        }
    }
}

#[test]
fn layout_is_deterministic() {
    let book = sample_book();
    let (a, _) = lay_out_fake(&book, &PdfConfig::default());
    let (b, _) = lay_out_fake(&book, &PdfConfig::default());
    assert_eq!(a, b);
}

#[test]
fn real_fonts_lay_out_a_chinese_book() {
    let mut book = sample_book();
    book.chapters.truncate(3);
    let fonts = crate::fonts::FontSet::builtin();
    let d = Diagnostics::default();
    let doc: page::Document =
        crate::layout::lay_out(&book, &fonts, &PdfConfig::default(), &d).unwrap();
    assert!(d.snapshot().is_empty(), "{:?}", d.snapshot());
    let mut text = String::new();
    for p in &doc.pages {
        for item in &p.items {
            if let Item::Text(run) = item {
                for g in &run.glyphs {
                    assert!(
                        g.gid != 0 || g.text.trim().is_empty(),
                        "tofu for {:?}",
                        g.text
                    );
                    text.push_str(&g.text);
                }
            }
        }
    }
    for seed in [SEED[0], SEED[1]] {
        assert!(text.contains(seed), "{seed}");
    }
}

#[test]
fn a_long_paragraph_is_laid_out_in_linear_time() {
    let mut book = sample_book();
    let long: String = SEED.iter().cycle().take(400).copied().collect(); // ~40 000 characters
    book.chapters[2].blocks = vec![para(&long), para(&"x".repeat(20_000))];
    let start = std::time::Instant::now();
    let (doc, _) = lay_out_fake(&book, &PdfConfig::default());
    assert!(doc.pages.len() > 50, "{}", doc.pages.len());
    assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
}

#[test]
fn images_fit_the_column_and_the_cover_fits_the_page() {
    let mut book = sample_book();
    let asset = |w, h| crate::book::Asset {
        name: "images/x.png".into(),
        media_type: crate::book::MediaType::Png,
        data: Vec::new(),
        width: w,
        height: h,
    };
    book.assets = vec![asset(3000, 1000), asset(600, 800), asset(500, 5000)];
    book.cover = Some(1);
    let img = |a| {
        Inline::Image(Image {
            asset: Some(a),
            src: "x.png".into(),
            alt: "图".into(),
            title: None,
            ..Image::default()
        })
    };
    book.chapters[2]
        .blocks
        .insert(0, Block::Paragraph(vec![img(0)]));
    book.chapters[2]
        .blocks
        .insert(1, Block::Paragraph(vec![img(2)]));
    book.chapters[2].blocks.insert(
        2,
        Block::Paragraph(vec![text("行内"), img(0), text("图片")]),
    );
    let config = PdfConfig::default();
    let (doc, _) = lay_out_fake(&book, &config);
    let g = Geometry::new(config.paper, &config, 10.5);
    let cover = &doc.pages[0];
    let Some(Item::Image {
        asset: 1,
        x,
        y,
        width,
        height,
    }) = cover.items.first()
    else {
        panic!("cover image")
    };
    assert!(
        *x >= -0.01 && *y >= -0.01 && x + width <= g.width + 0.01 && y + height <= g.height + 0.01
    );
    assert!(
        (height - g.height).abs() < 0.01 || (width - g.width).abs() < 0.01,
        "scaled to fit"
    );
    let mut seen = 0;
    for (i, page) in doc.pages.iter().enumerate().skip(1) {
        for item in &page.items {
            if let Item::Image {
                x,
                y,
                width,
                height,
                ..
            } = item
            {
                let left = g.left(i);
                assert!(
                    *x >= left - 0.01 && x + width <= left + g.text_width + 0.01,
                    "image wider than the column"
                );
                assert!(
                    *y >= g.top - 0.01 && y + height <= g.top + g.text_height + 0.01,
                    "image past the margins"
                );
                seen += 1;
            }
        }
    }
    assert_eq!(seen, 3);
}

#[test]
fn real_fonts_report_characters_no_font_has() {
    let mut book = sample_book();
    book.chapters.truncate(3);
    book.chapters[2].blocks = vec![para("圣书体𓀀𓀀,西夏文𗀀,私用区\u{E000}。")];
    let fonts = crate::fonts::FontSet::builtin();
    let d = Diagnostics::default();
    crate::layout::lay_out(&book, &fonts, &PdfConfig::default(), &d).unwrap();
    let all: Vec<String> = d.into_vec().iter().map(ToString::to_string).collect();
    for cp in ["U+13000", "U+17000", "U+E000"] {
        assert_eq!(
            all.iter().filter(|m| m.contains(cp)).count(),
            1,
            "{cp} once: {all:?}"
        );
    }
    assert!(all.iter().all(|m| m.contains("ch1.md")), "{all:?}");
}

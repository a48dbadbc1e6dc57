//! Paragraph-level tests: justification, spacing, compression, emphasis, keeps.

use super::*;
use crate::text::punct::is_closing_half_blank;

#[test]
fn justified_lines_reach_the_right_edge_and_the_first_is_indented_2em() {
    let width = 28.0 * 10.5;
    for seed in SEED {
        let lines = set_fake(vec![Run::text(seed, Style::new(Role::Body, 10.5))], 21.0);
        let mut all = String::new();
        for (n, line) in lines.iter().enumerate() {
            let glyphs = line_glyphs(line);
            if n == 0 {
                assert!(
                    (glyphs[0].0 - 21.0).abs() < 0.01,
                    "first-line indent is 2 em: {}",
                    glyphs[0].0
                );
            }
            let (x, adv, t) = glyphs.last().unwrap();
            // A closing mark ends the line with its ink: its blank half
            // hangs past the margin (行末半角, the default style).
            let hang = if t.chars().all(is_closing_half_blank) {
                adv / 2.0
            } else {
                0.0
            };
            if n + 1 < lines.len() {
                assert!(
                    (x + adv - hang - width).abs() < 0.01,
                    "line {n} ends at {} not {width}: {seed}",
                    x + adv - hang
                );
            } else {
                assert!(x + adv - hang <= width + 0.01);
            }
            all.extend(glyphs.iter().map(|g| g.2.as_str()));
        }
        assert_eq!(all, seed, "the glyphs carry exactly the source text");
    }
}

#[test]
fn cjk_latin_spacing_is_a_quarter_em_and_geometry_only() {
    let lines = set_fake(
        vec![Run::text(
            "超过40%的收入,AI代理",
            Style::new(Role::Body, 10.0),
        )],
        0.0,
    );
    let g = line_glyphs(&lines[0]);
    let text: String = g.iter().map(|g| g.2.as_str()).collect();
    assert_eq!(text, "超过40%的收入,AI代理");
    // 过 | 4: a quarter em (2.5 pt) beyond the advance; % | 的: none.
    assert!((g[2].0 - (g[1].0 + 10.0) - 2.5).abs() < 0.01);
    assert!((g[5].0 - (g[4].0 + 5.0)).abs() < 0.01);
    let ai = g.iter().position(|x| x.2 == "A").unwrap();
    assert!(
        (g[ai + 2].0 - (g[ai + 1].0 + 5.0) - 2.5).abs() < 0.01,
        "I|代"
    );
}

#[test]
fn widows_orphans_and_headings_kept_with_text() {
    let book = Book {
        meta: Metadata {
            lang: "zh".into(),
            ..Metadata::default()
        },
        ..Book::default()
    };
    let shaper = FakeShaper::new();
    let config = PdfConfig::default();
    let d = Diagnostics::default();
    let env = Env::new(&book, &shaper, &config, &d);
    let spec = ParaSpec {
        left: 0.0,
        width: 10.0 * 10.5,
        indent: 21.0,
        align: Align::Justify,
        size: 10.5,
        line_height: 1.7,
    };
    let mut lines = Vec::new();
    let mut paragraphs = Vec::new();
    for (k, seed) in SEED.iter().cycle().take(12).enumerate() {
        if k % 4 == 1 {
            let mut heading = set(
                &prepare(
                    &env,
                    vec![Run::text("标题", Style::new(Role::Heading, 14.0))],
                    PrepOptions::default(),
                ),
                &spec,
            );
            heading[0].keep_with_next = true;
            lines.push(heading.remove(0));
        }
        let p = prepare(
            &env,
            vec![Run::text(*seed, Style::new(Role::Body, 10.5))],
            PrepOptions::default(),
        );
        let start = lines.len();
        lines.extend(set(&p, &spec));
        paragraphs.push((start, lines.len(), k % 4 == 1));
    }
    let pitch = 10.5 * 1.7;
    for n_lines in 6..30 {
        let pages = paginate(&lines, n_lines as f32 * pitch + 0.5);
        let page_of = |line: usize| {
            pages
                .iter()
                .position(|p| p.iter().any(|pl| pl.line == line))
                .unwrap()
        };
        for &(start, end, after_heading) in &paragraphs {
            let n = end - start;
            for p in page_of(start)..=page_of(end - 1) {
                let here = (start..end).filter(|&l| page_of(l) == p).count();
                if n >= 2 {
                    assert!(
                        here >= 2,
                        "{n_lines} lines/page: a paragraph of {n} leaves {here} line on page {p}"
                    );
                }
            }
            if after_heading {
                assert_eq!(
                    page_of(start - 1),
                    page_of(start),
                    "heading left at a page foot"
                );
                assert_eq!(
                    page_of(start),
                    page_of(start + 1),
                    "heading kept with 2 lines"
                );
            }
        }
    }
}

#[test]
fn adjacent_marks_share_a_blank_half() {
    let lines = set_fake(
        vec![Run::text("说“好”。他", Style::new(Role::Body, 10.0))],
        0.0,
    );
    let g = line_glyphs(&lines[0]);
    let x = |t: &str| g.iter().find(|x| x.2 == t).unwrap().0;
    // ” then 。: 1.5 em for the pair; 说 then “: no compression.
    assert!((x("。") - x("”") - 5.0).abs() < 0.01);
    assert!((x("“") - x("说") - 10.0).abs() < 0.01);
    assert!((x("他") - x("。") - 10.0).abs() < 0.01);
}

#[test]
fn emphasis_in_chinese_gets_dots_under_each_ideograph() {
    let book = Book {
        meta: Metadata {
            lang: "zh-CN".into(),
            ..Metadata::default()
        },
        ..Book::default()
    };
    let runs = crate::layout::inline::flatten(
        &[Inline::Emphasis(vec![text("重点AI")])],
        &Style::new(Role::Body, 10.0),
        &book,
    );
    let shaper = FakeShaper::new();
    let config = PdfConfig::default();
    let d = Diagnostics::default();
    let env = Env::new(&book, &shaper, &config, &d);
    let p = prepare(&env, runs, PrepOptions::default());
    let spec = ParaSpec {
        left: 0.0,
        width: 100.0,
        indent: 0.0,
        align: Align::Left,
        size: 10.0,
        line_height: 1.7,
    };
    let line = &set(&p, &spec)[0];
    let dots = line
        .items
        .iter()
        .filter(|i| matches!(i, Item::Rect { .. }))
        .count();
    assert_eq!(dots, 2, "one dot per ideograph, none under Latin");
    let glyphs = line_glyphs(line);
    assert_eq!(
        glyphs.iter().map(|g| g.2.as_str()).collect::<String>(),
        "重点AI"
    );
}

#[test]
fn a_paragraph_opening_in_bold_is_indented_too() {
    let book = Book {
        meta: Metadata {
            lang: "zh-CN".into(),
            ..Metadata::default()
        },
        chapters: vec![chapter(
            "a",
            ChapterKind::Chapter,
            "标题",
            vec![Block::Paragraph(vec![
                Inline::Strong(vec![text("格斯特纳")]),
                text(SEED[1]),
            ])],
        )],
        ..Book::default()
    };
    let config = PdfConfig::default();
    let (doc, _) = lay_out_fake(&book, &config);
    let g = Geometry::new(config.paper, &config, 10.5);
    let page = doc
        .pages
        .iter()
        .enumerate()
        .find(|(_, p)| {
            text_lines(p)
                .iter()
                .any(|l| l.text().starts_with("格斯特纳"))
        })
        .unwrap();
    let line = text_lines(page.1)
        .into_iter()
        .find(|l| l.text().starts_with("格斯特纳"))
        .unwrap();
    assert!(
        (line.glyphs[0].0 - g.left(page.0) - 21.0).abs() < 0.01,
        "{}",
        line.glyphs[0].0 - g.left(page.0)
    );
}

#[test]
fn no_paragraph_ends_on_a_lone_ideograph() {
    // 28 em of text and one more character with its full stop.
    let text = format!("{}{}", "字".repeat(28), "尾。");
    let lines = set_fake(
        vec![Run::text(text.as_str(), Style::new(Role::Body, 10.5))],
        0.0,
    );
    assert_eq!(lines.len(), 2);
    let last: String = line_glyphs(&lines[1])
        .iter()
        .map(|g| g.2.as_str())
        .collect();
    assert_eq!(last, "字尾。", "two characters come down");
    let first = line_glyphs(&lines[0]);
    let (x, adv, _) = first.last().unwrap();
    assert!(
        (x + adv - 28.0 * 10.5).abs() < 0.01,
        "the line before is still justified"
    );
}

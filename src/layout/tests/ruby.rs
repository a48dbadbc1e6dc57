//! Ruby in the layout: where lines may break, and the line box.

use super::*;
use crate::book::{Ruby, RubyPair};
use crate::layout::inline::flatten;

fn pair(base: &str, reading: &str) -> RubyPair {
    RubyPair {
        base: base.into(),
        reading: reading.into(),
    }
}

/// `inlines` set justified at 10.5 pt over 28 em with `line_height`, as
/// lines of (base text, ruby text, line height).
fn lines(inlines: &[Inline], line_height: f32) -> Vec<(String, String, f32)> {
    let book = Book {
        meta: Metadata {
            lang: "ja".into(),
            ..Metadata::default()
        },
        ..Book::default()
    };
    let shaper = FakeShaper::new();
    let config = PdfConfig::default();
    let d = Diagnostics::default();
    let env = Env::new(&book, &shaper, &config, &d);
    let runs = flatten(inlines, &Style::new(Role::Body, 10.5), &book);
    let p = prepare(&env, runs, PrepOptions::default());
    let spec = ParaSpec {
        left: 0.0,
        width: 28.0 * 10.5,
        indent: 0.0,
        align: Align::Justify,
        size: 10.5,
        line_height,
    };
    set(&p, &spec)
        .iter()
        .map(|line| {
            let (mut base, mut ruby) = (String::new(), String::new());
            for item in &line.items {
                if let Item::Text(run) = item {
                    let out = if run.size < 10.5 {
                        &mut ruby
                    } else {
                        &mut base
                    };
                    out.extend(run.glyphs.iter().map(|g| g.text.as_str()));
                }
            }
            (base, ruby, line.height)
        })
        .collect()
}

#[test]
fn group_ruby_never_breaks_and_mono_ruby_may() {
    let filler = text(&"文".repeat(27));
    let group = Inline::Ruby(Ruby::Group(pair("漢字", "かんじ")));
    let out = lines(&[filler.clone(), group, text("文文")], 1.7);
    assert_eq!(out.len(), 2, "{out:?}");
    assert_eq!(out[0].0, "文".repeat(27));
    assert_eq!(
        (out[1].0.as_str(), out[1].1.as_str()),
        ("漢字文文", "かんじ")
    );
    // The same word in mono-ruby fills the line and breaks inside it,
    // each reading going with its character.
    let mono = Inline::Ruby(Ruby::Mono(vec![pair("漢", "かん"), pair("字", "じ")]));
    // (Text after it, so the last line is not one lone character, which
    // the paragraph setter would avoid by moving 漢 down.)
    let out = lines(&[filler, mono, text("文文")], 1.7);
    assert_eq!(out.len(), 2, "{out:?}");
    assert_eq!(out[0].0, format!("{}漢", "文".repeat(27)));
    assert_eq!(out[0].1, "かん");
    assert_eq!((out[1].0.as_str(), out[1].1.as_str()), ("字文文", "じ"));
}

#[test]
fn ruby_fits_the_default_leading_and_makes_room_in_a_thin_one() {
    let ruby = Inline::Ruby(Ruby::Group(pair("漢字", "かんじ")));
    let plain = lines(&[text("漢字")], 1.7);
    let with = lines(std::slice::from_ref(&ruby), 1.7);
    assert_eq!(plain[0].2, with[0].2, "no extra room at 1.7");
    let plain = lines(&[text("漢字")], 1.2);
    let with = lines(&[ruby], 1.2);
    assert!(
        with[0].2 > plain[0].2 + 0.2 * 10.5,
        "{} vs {}",
        with[0].2,
        plain[0].2
    );
}

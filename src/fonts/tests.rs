//! Tests of the [`FontSet`] API as the layout engine and renderers use it.

use std::collections::BTreeSet;
use std::path::Path;

use super::*;

/// The system's Noto Serif CJK (CFF, a collection); face 2 is SC.
const NOTO_TTC: &str = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc";

fn noto_set() -> Option<FontSet> {
    if !Path::new(NOTO_TTC).is_file() {
        eprintln!("SKIPPED: {NOTO_TTC} not installed (apt-get install fonts-noto-cjk)");
        return None;
    }
    let config = FontsConfig {
        body: vec![format!("{NOTO_TTC}#2")],
        ..FontsConfig::default()
    };
    Some(FontSet::load(&config, Path::new("/nonexistent-book")).unwrap())
}

/// The glyph outlines of `subset` for each old glyph equal the original's.
fn assert_same_outlines(set: &FontSet, face: FaceId, subset: &Subset, gids: &[u16]) {
    let parsed = ttf_parser::Face::parse(&subset.data, 0).expect("subset parses back");
    assert_eq!(usize::from(parsed.number_of_glyphs()), subset.remap.len());
    let upem = parsed.units_per_em();
    for &old in gids {
        let new = subset.remap[&old];
        let mut path = outline::SvgPath::new(upem);
        parsed.outline_glyph(ttf_parser::GlyphId(new), &mut path);
        assert_eq!(
            path.finish(),
            set.glyph_outline_svg(face, old),
            "glyph {old}"
        );
    }
}

fn gids(glyphs: &[ShapedGlyph]) -> Vec<u16> {
    glyphs.iter().map(|g| g.gid).collect()
}

/// The built-in face of `family` (`Folio Serif JP`), regular or bold.
fn builtin(family: &str, bold: bool) -> FaceId {
    let i = default::BUILTINS
        .iter()
        .position(|b| b.family == family && b.bold == bold)
        .unwrap_or_else(|| panic!("no built-in {family}"));
    FaceId(i)
}

/// The families of a chain, for readable assertions.
fn families(set: &FontSet, chain: &[FaceId]) -> Vec<String> {
    chain
        .iter()
        .map(|&id| {
            let weight = if set.is_bold(id) { " Bold" } else { "" };
            format!("{}{weight}", set.family_name(id))
        })
        .collect()
}

#[test]
fn default_chains_are_the_builtin_fonts_in_the_languages_order() {
    let set = FontSet::default();
    let body = families(&set, set.chain(Role::Body));
    assert_eq!(
        body,
        [
            "Folio Serif SC",
            "Folio Serif TC",
            "Folio Serif",
            "Folio Serif JP",
            "Folio Serif KR",
            "Folio Emoji"
        ]
    );
    assert_eq!(set.chain(Role::Heading), set.chain(Role::Body));
    assert_eq!(set.chain(Role::Mono)[0], FaceId(1));
    assert_eq!(&set.chain(Role::Mono)[1..], set.chain(Role::Body));
    assert_eq!(set.family(FaceId(0)), "FolioSerifSC-Regular");
    assert_eq!(set.family_name(FaceId(1)), "Folio Mono");
    assert!(!set.is_cff(FaceId(0)));
    let m = set.metrics(FaceId(0));
    assert_eq!(m.units_per_em, 1000);
    assert!((m.ascender - 0.88).abs() < 1e-6 && (m.descender + 0.12).abs() < 1e-6);
}

#[test]
fn shaping_mixed_text_gives_real_advances_and_clusters() {
    let set = FontSet::default();
    let text = "黄仁勋说,AI的发展“纳秒”级。";
    let glyphs = set.shape(text, Role::Body);
    assert_eq!(glyphs.len(), text.chars().count());
    assert!(glyphs.iter().all(|g| g.advance > 0.0 && g.gid != 0));
    // Clusters tile the text in order.
    let mut at = 0;
    for g in &glyphs {
        assert_eq!(g.cluster.start, at);
        at = g.cluster.end;
    }
    assert_eq!(at, text.len());
    // Han and the curly quotes beside it are full-width.
    let quote = glyphs
        .iter()
        .find(|g| &text[g.cluster.clone()] == "“")
        .unwrap();
    assert!((quote.advance - 1.0).abs() < 1e-6, "{quote:?}");
}

#[test]
fn latin_is_kerned_by_the_shaper() {
    let set = FontSet::default();
    let pair: f32 = set.shape("AV", Role::Body).iter().map(|g| g.advance).sum();
    let alone: f32 = ["A", "V"]
        .iter()
        .map(|s| set.shape(s, Role::Body)[0].advance)
        .sum();
    assert!(pair < alone, "AV {pair} vs A+V {alone}");
    // Also inside Chinese text: Latin is shaped as Latin.
    let mixed = set.shape("中AV", Role::Body);
    let in_han: f32 = mixed[1..].iter().map(|g| g.advance).sum();
    assert!(
        (in_han - pair).abs() < 1e-6,
        "AV in Han text {in_han} vs {pair}"
    );
}

#[test]
fn mono_takes_latin_from_the_mono_font_and_han_from_the_serif() {
    let set = FontSet::default();
    let text = "let s = \"中文\";";
    let glyphs = set.shape(text, Role::Mono);
    for g in &glyphs {
        let c = text[g.cluster.clone()].chars().next().unwrap();
        let want = if crate::text::script::is_cjk(c) {
            FaceId(0)
        } else {
            FaceId(1)
        };
        assert_eq!(g.face, want, "{c}");
        assert_ne!(g.gid, 0);
    }
    assert_eq!(set.face_for('x', Role::Mono), Some(FaceId(1)));
    assert_eq!(set.face_for('中', Role::Mono), Some(FaceId(0)));
}

#[test]
fn characters_no_font_has_are_reported_and_drawn_as_glyph_zero() {
    let set = FontSet::default();
    let text = "表情𓀀西夏\u{17000}私用\u{E000}𓀀\u{200B}";
    assert_eq!(
        set.missing(text, Role::Body),
        vec!['𓀀', '\u{17000}', '\u{E000}']
    );
    let glyphs = set.shape(text, Role::Body);
    let zeros: Vec<&str> = glyphs
        .iter()
        .filter(|g| g.gid == 0 && !g.cluster.is_empty())
        .map(|g| &text[g.cluster.clone()])
        .collect();
    assert_eq!(zeros, vec!["𓀀", "\u{17000}", "\u{E000}", "𓀀"]);
    // Boxes come from the chain's first face.
    assert!(glyphs
        .iter()
        .filter(|g| g.gid == 0)
        .all(|g| g.face == FaceId(0)));
    assert!(set.missing("纯中文,plain", Role::Body).is_empty());
}

#[test]
fn pdf_subset_of_the_default_font_keeps_the_right_glyphs() {
    let set = FontSet::default();
    let glyphs = set.shape("书享界AI", Role::Body);
    let wanted: BTreeSet<u16> = gids(&glyphs).into_iter().collect();
    let subset = set.subset(FaceId(0), &wanted).unwrap();
    assert!(!subset.is_cff && subset.cff_table().is_none());
    assert_eq!(
        (subset.media_type(), subset.extension()),
        ("font/ttf", "ttf")
    );
    let g = &glyphs[0];
    assert_eq!(set.glyph_advance(FaceId(0), g.gid), g.advance);
    assert_eq!(&subset.data[..4], &[0, 1, 0, 0]);
    assert_eq!(subset.remap[&0], 0);
    assert!(subset.data.len() < 20_000, "{} bytes", subset.data.len());
    let all: Vec<u16> = wanted.iter().copied().collect();
    assert_same_outlines(&set, FaceId(0), &subset, &all);
}

#[test]
fn subsets_are_byte_identical_across_runs() {
    let set = FontSet::default();
    let wanted: BTreeSet<u16> = gids(&set.shape("中文排版", Role::Body))
        .into_iter()
        .collect();
    assert_eq!(
        set.subset(FaceId(0), &wanted).unwrap(),
        FontSet::default().subset(FaceId(0), &wanted).unwrap()
    );
    assert_eq!(
        set.subset_for_text(Role::Body, "中文排版").unwrap(),
        set.subset_for_text(Role::Body, "排版中文").unwrap()
    );
}

#[test]
fn web_subset_has_a_cmap_and_os2() {
    let set = FontSet::default();
    let text = "黄仁勋 Jensen, 40%“纳秒”";
    let subset = set.subset_for_text(Role::Body, text).unwrap();
    let parsed = ttf_parser::Face::parse(&subset.data, 0).unwrap();
    assert!(parsed.tables().os2.is_some(), "OS/2 kept");
    assert!(parsed.tables().name.is_some(), "name kept");
    for c in text.chars() {
        let new = parsed
            .glyph_index(c)
            .unwrap_or_else(|| panic!("{c} not in cmap"));
        let old = set.faces[0].ttf().glyph_index(c).unwrap();
        assert_eq!(subset.remap[&old.0], new.0);
    }
    assert!(parsed.glyph_index('书').is_none());
    // The tables browsers' font sanitizer (OTS) requires.
    let tables = sfnt::Sfnt::parse(&subset.data).unwrap();
    for tag in [
        b"cmap", b"head", b"hhea", b"hmtx", b"maxp", b"name", b"OS/2", b"post", b"glyf", b"loca",
    ] {
        assert!(
            tables.table(tag).is_some(),
            "{} missing",
            String::from_utf8_lossy(tag)
        );
    }
    let glyphs: Vec<u16> = subset.remap.keys().copied().collect();
    assert_same_outlines(&set, FaceId(0), &subset, &glyphs);
}

#[test]
fn system_noto_ttc_is_loaded_as_cff_and_subsets() {
    let Some(set) = noto_set() else { return };
    let noto = set.chain(Role::Body)[0];
    assert_eq!(set.chain(Role::Body)[..2], [noto, FaceId(0)]);
    assert!(set.is_cff(noto));
    assert_eq!(set.family_name(noto), "Noto Serif CJK SC");
    assert!(set.origin(noto).ends_with("#2"));
    // The built-in mono sets Latin code; Han in code comes from Noto.
    assert_eq!(set.chain(Role::Mono)[..3], [FaceId(1), noto, FaceId(0)]);

    let glyphs = set.shape("中文排版 OpenAI", Role::Body);
    assert!(glyphs.iter().all(|g| g.face == noto && g.gid != 0));
    let wanted: BTreeSet<u16> = gids(&glyphs).into_iter().collect();
    let subset = set.subset(noto, &wanted).unwrap();
    assert!(subset.is_cff);
    assert_eq!(&subset.data[..4], b"OTTO");
    assert_eq!(subset.media_type(), "font/otf");
    let cff = subset.cff_table().unwrap();
    assert_eq!(cff[0], 1, "a CFF version 1 program");
    assert!(subset.data.len() < 40_000, "{} bytes", subset.data.len());
    let all: Vec<u16> = wanted.iter().copied().collect();
    assert_same_outlines(&set, noto, &subset, &all);

    let web = set.subset_for_text(Role::Body, "中文排版").unwrap();
    let parsed = ttf_parser::Face::parse(&web.data, 0).unwrap();
    assert!(parsed.tables().cff.is_some() && parsed.tables().os2.is_some());
    assert!(parsed.glyph_index('排').is_some());
}

#[test]
fn family_names_match_case_insensitively_in_the_system() {
    if !Path::new(NOTO_TTC).is_file() {
        eprintln!("SKIPPED: {NOTO_TTC} not installed");
        return;
    }
    let config = FontsConfig {
        heading: vec!["noto serif cjk sc".into()],
        ..FontsConfig::default()
    };
    let set = FontSet::load(&config, Path::new("/nonexistent-book")).unwrap();
    let face = set.chain(Role::Heading)[0];
    assert_eq!(set.family_name(face), "Noto Serif CJK SC");
    assert_eq!(set.family(face), "NotoSerifCJKsc-Regular");
    // Body names nothing: the built-in fonts.
    assert_eq!(set.chain(Role::Body), FontSet::default().chain(Role::Body));
}

#[test]
fn named_files_load_relative_to_the_book_and_share_faces() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("fonts")).unwrap();
    std::fs::write(dir.path().join("fonts/code.ttf"), default::MONO).unwrap();
    let config = FontsConfig {
        body: vec!["fonts/code.ttf".into()],
        mono: vec!["code.ttf".into()],
        ..FontsConfig::default()
    };
    let set = FontSet::load(&config, dir.path()).unwrap();
    let code = set.chain(Role::Body)[0];
    let builtins = default::BUILTINS.len();
    assert_eq!(code, FaceId(builtins));
    assert_eq!(set.chain(Role::Mono)[..3], [code, FaceId(1), FaceId(0)]);
    assert_eq!(set.faces().count(), builtins + 1);
    // Latin from the named font, Han from the built-in serif.
    let glyphs = set.shape("a中", Role::Body);
    assert_eq!(glyphs[0].face, code);
    assert_eq!(glyphs[1].face, FaceId(0));
    let subsets = set.subsets_for_text(Role::Body, "a中").unwrap();
    assert_eq!(
        subsets.iter().map(|s| s.0).collect::<Vec<_>>(),
        vec![code, FaceId(0)]
    );
}

#[test]
fn bad_font_entries_are_errors_that_say_what_and_where() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("broken.ttf"), b"not a font").unwrap();
    let load = |entry: &str| {
        let config = FontsConfig {
            body: vec![entry.to_string()],
            ..FontsConfig::default()
        };
        FontSet::load(&config, dir.path()).unwrap_err().to_string()
    };
    assert!(load("broken.ttf").contains("broken.ttf"));
    assert!(load("missing.otf").contains("missing.otf"));
    assert!(load("No Such Font Family").contains("No Such Font Family"));
    std::fs::write(dir.path().join("mono.ttf"), default::MONO).unwrap();
    assert!(load("mono.ttf#3").contains("no face 3"));
}

#[test]
fn outlines_are_svg_paths_in_em() {
    let set = FontSet::default();
    let gid = set.shape("中", Role::Body)[0].gid;
    let path = set.glyph_outline_svg(FaceId(0), gid);
    assert!(path.starts_with('M') && path.ends_with('Z'), "{path}");
    let space = set.shape(" ", Role::Body)[0].gid;
    assert_eq!(set.glyph_outline_svg(FaceId(0), space), "");
    assert_eq!(set.glyph_outline_svg(FaceId(99), 1), "");
}

#[test]
fn a_font_set_can_be_shared_between_threads() {
    fn shared<T: Send + Sync>() {}
    shared::<FontSet>();
}

#[test]
fn ligatures_cover_both_characters() {
    let set = FontSet::default();
    let glyphs = set.shape("fish", Role::Body);
    assert_eq!(glyphs.len(), 3, "fi is one glyph");
    assert_eq!(glyphs[0].cluster, 0..2);
    assert_eq!(glyphs[1].cluster, 2..3);
}

#[test]
fn odd_text_never_panics_and_clusters_stay_on_char_boundaries() {
    let set = FontSet::default();
    let long = "中".repeat(20_000);
    let samples = [
        "",
        "\u{301}",
        "\u{301}\u{301}a",
        "\t\n\r\0",
        "👩\u{200D}👩\u{200D}👧",
        "مرحبا بالعالم",
        "\u{FEFF}\u{200B}\u{2060}",
        "e\u{301}\u{E000}\u{10FFFF}",
        "“”‘’——……",
        long.as_str(),
    ];
    for text in samples {
        for role in [Role::Body, Role::Heading, Role::Mono] {
            for g in set.shape(text, role) {
                assert!(g.cluster.start <= g.cluster.end && g.cluster.end <= text.len());
                assert!(text.is_char_boundary(g.cluster.start), "{text:?}");
                assert!(text.is_char_boundary(g.cluster.end), "{text:?}");
            }
            let _ = set.missing(text, role);
        }
    }
}

#[test]
fn builtin_fonts_answer_to_their_names() {
    let config = FontsConfig {
        body: vec!["folio mono".into()],
        heading: vec!["FolioSerifSC-Regular".into()],
        ..FontsConfig::default()
    };
    let set = FontSet::load(&config, Path::new("/nonexistent-book")).unwrap();
    assert_eq!(set.chain(Role::Body)[..2], [FaceId(1), FaceId(0)]);
    assert_eq!(set.chain(Role::Heading)[0], FaceId(0));
    assert_eq!(set.faces().count(), default::BUILTINS.len());
}

#[test]
fn each_language_sets_han_in_its_own_regional_face() {
    use crate::text::Locale;
    let cases = [
        (Locale::Hans, "Folio Serif SC"),
        (Locale::Hant, "Folio Serif TC"),
        (Locale::HongKong, "Folio Serif TC"),
        (Locale::Japanese, "Folio Serif JP"),
        (Locale::Korean, "Folio Serif KR"),
    ];
    for (locale, family) in cases {
        let set = FontSet::builtin_for(locale);
        let face = set.shape("直", Role::Body)[0].face;
        assert_eq!(set.family_name(face), family, "{locale:?}");
        // A run in another language takes that language's chain.
        let key = FontKey::from(Role::Body).locale(Locale::Japanese);
        let face = set.shape("直", key)[0].face;
        assert_eq!(set.family_name(face), "Folio Serif JP", "{locale:?}");
    }
    // Latin books: Latin from the Latin serif, Han from the mainland face.
    let set = FontSet::builtin_for(Locale::Other);
    let glyphs = set.shape("Ĥὐї中🎉", Role::Body);
    let faces: Vec<String> = glyphs
        .iter()
        .map(|g| set.family_name(g.face).into())
        .collect();
    assert_eq!(
        faces,
        [
            "Folio Serif",
            "Folio Serif",
            "Folio Serif",
            "Folio Serif SC",
            "Folio Emoji"
        ]
    );
    assert!(glyphs.iter().all(|g| g.gid != 0));
}

#[test]
fn bold_keys_take_real_bold_faces_and_fall_back_to_regular() {
    let set = FontSet::default();
    let key = FontKey::from(Role::Heading).bold();
    let chain = set.chain(key);
    assert_eq!(chain[0], builtin("Folio Serif SC", true));
    assert!(set.is_bold(chain[0]) && !set.is_bold(FaceId(0)));
    // The regular faces follow, for what the bold ones lack (emoji).
    assert!(chain.contains(&FaceId(0)) && chain.contains(&builtin("Folio Emoji", false)));
    let glyphs = set.shape("粗体 Bold 🎉", key);
    let bold: Vec<bool> = glyphs.iter().map(|g| set.is_bold(g.face)).collect();
    assert_eq!(
        bold,
        [true, true, true, true, true, true, true, true, false]
    );
}

#[test]
fn installed_fonts_fill_in_only_what_the_builtin_ones_lack() {
    if !Path::new("/usr/share/fonts/truetype/noto/NotoSansEgyptianHieroglyphs-Regular.ttf")
        .is_file()
    {
        eprintln!("SKIPPED: fonts-noto-core is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let request = |system| FontRequest {
        locale: crate::text::Locale::Hans,
        text: "中文𓀀",
        system,
    };
    let set = FontSet::load_for(&FontsConfig::default(), dir.path(), &request(true)).unwrap();
    assert!(set.uncovered().is_empty(), "{:?}", set.uncovered());
    let glyphs = set.shape("中𓀀", Role::Body);
    assert_eq!(glyphs[0].face, FaceId(0), "Han stays in the built-in face");
    assert!(set.origin(glyphs[1].face).contains("Egyptian"));
    assert_ne!(glyphs[1].gid, 0);
    let off = FontSet::load_for(&FontsConfig::default(), dir.path(), &request(false)).unwrap();
    assert_eq!(off.uncovered(), ['𓀀']);
    assert_eq!(off.faces().count(), default::BUILTINS.len());
}

#[test]
fn a_truncated_font_file_is_skipped_and_reported_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let whole = default::MONO;
    std::fs::write(dir.path().join("Cut.ttf"), &whole[..whole.len() / 3]).unwrap();
    let request = FontRequest {
        locale: crate::text::Locale::Hans,
        text: "中\u{E000}",
        system: true,
    };
    let set = FontSet::load_for(&FontsConfig::default(), dir.path(), &request).unwrap();
    assert!(
        set.skipped().iter().any(|s| s.contains("Cut.ttf")),
        "{:?}",
        set.skipped()
    );
    assert_ne!(set.shape("中", Role::Body)[0].gid, 0);
}

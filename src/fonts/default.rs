//! The built-in fonts, compiled into the binary so that folio sets Chinese,
//! Japanese, Korean, Latin, Greek, Cyrillic and emoji on a machine with no
//! font installed. See `fonts/README.md` for where they come from and
//! `fonts/make-default-font.py` for how they are made.

use crate::text::Locale;

/// Folio Serif SC: Noto Serif CJK SC Regular subset to 通用规范汉字表 and
/// GB 2312, the sample book, Latin-1 and the CJK punctuation blocks, with
/// TrueType outlines (the one glyf CJK face: the tests rely on it).
pub const SERIF: &[u8] = &SERIF_DATA;

/// Folio Mono: Noto Sans Mono Regular subset to ASCII and Latin-1. Han text
/// in code falls back to [`SERIF`].
pub const MONO: &[u8] = &MONO_DATA;

// The bytes live in statics and the consts above point at them: a const
// that holds `include_bytes!` itself may be copied into the binary at each
// place that uses it (megabytes each time), and its copies compare unequal.
static SERIF_DATA: [u8; include_bytes!("../../fonts/FolioSerifSC-Regular.ttf").len()] =
    *include_bytes!("../../fonts/FolioSerifSC-Regular.ttf");
static MONO_DATA: [u8; include_bytes!("../../fonts/FolioMono-Regular.ttf").len()] =
    *include_bytes!("../../fonts/FolioMono-Regular.ttf");

/// How the built-in faces are named in messages.
pub const SERIF_ORIGIN: &str = "built-in Folio Serif SC";
pub const MONO_ORIGIN: &str = "built-in Folio Mono";

/// What a built-in face is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Coverage {
    /// Han, kana, Hangul or bopomofo with the glyph forms of one locale.
    /// The TC face (`Cjk(Locale::Hant)`) also serves Hong Kong: it has
    /// HKSCS, with Taiwan's glyph forms.
    Cjk(Locale),
    /// Latin, Greek and Cyrillic letters, diacritics and symbols.
    Latin,
    /// Code.
    Mono,
    /// Monochrome emoji.
    Emoji,
    /// The OpenType MATH face the PDF sets formulas in; in no chain.
    Math,
}

/// One built-in face.
#[derive(Debug, Clone, Copy)]
pub struct Builtin {
    pub data: &'static [u8],
    /// The family name in the font (`Folio Serif JP`).
    pub family: &'static str,
    /// How messages name it (`built-in Folio Serif JP Bold`).
    pub origin: &'static str,
    /// Its file in the source tree (`fonts/FolioSerifJP-Bold.otf`), for
    /// `folio fonts`.
    pub file: &'static str,
    pub coverage: Coverage,
    /// A bold face, for headings and strong text. A bold CJK face covers
    /// the same characters as its regular one.
    pub bold: bool,
}

/// A built-in face from its file under `fonts/`: `Regular` or `Bold`.
macro_rules! builtin {
    ($file:literal, $family:literal, Regular, $coverage:expr) => {
        builtin!(@ $file, $family, "Regular", false, $coverage)
    };
    ($file:literal, $family:literal, Bold, $coverage:expr) => {
        builtin!(@ $file, $family, "Bold", true, $coverage)
    };
    (@ $file:literal, $family:literal, $style:literal, $bold:literal, $coverage:expr) => {
        Builtin {
            data: include_bytes!(concat!("../../fonts/", $file)),
            family: $family,
            origin: concat!("built-in ", $family, " ", $style),
            file: concat!("fonts/", $file),
            coverage: $coverage,
            bold: $bold,
        }
    };
}

/// Every built-in face. Index 0 is Folio Serif SC Regular and index 1 Folio
/// Mono (the font set relies on that).
pub static BUILTINS: &[Builtin] = &[
    Builtin {
        data: SERIF,
        family: "Folio Serif SC",
        origin: SERIF_ORIGIN,
        file: "fonts/FolioSerifSC-Regular.ttf",
        coverage: Coverage::Cjk(Locale::Hans),
        bold: false,
    },
    Builtin {
        data: MONO,
        family: "Folio Mono",
        origin: MONO_ORIGIN,
        file: "fonts/FolioMono-Regular.ttf",
        coverage: Coverage::Mono,
        bold: false,
    },
    builtin!(
        "FolioSerifSC-Bold.otf",
        "Folio Serif SC",
        Bold,
        Coverage::Cjk(Locale::Hans)
    ),
    builtin!(
        "FolioSerifTC-Regular.otf",
        "Folio Serif TC",
        Regular,
        Coverage::Cjk(Locale::Hant)
    ),
    builtin!(
        "FolioSerifTC-Bold.otf",
        "Folio Serif TC",
        Bold,
        Coverage::Cjk(Locale::Hant)
    ),
    builtin!(
        "FolioSerifJP-Regular.otf",
        "Folio Serif JP",
        Regular,
        Coverage::Cjk(Locale::Japanese)
    ),
    builtin!(
        "FolioSerifJP-Bold.otf",
        "Folio Serif JP",
        Bold,
        Coverage::Cjk(Locale::Japanese)
    ),
    builtin!(
        "FolioSerifKR-Regular.otf",
        "Folio Serif KR",
        Regular,
        Coverage::Cjk(Locale::Korean)
    ),
    builtin!(
        "FolioSerifKR-Bold.otf",
        "Folio Serif KR",
        Bold,
        Coverage::Cjk(Locale::Korean)
    ),
    builtin!(
        "FolioSerif-Regular.ttf",
        "Folio Serif",
        Regular,
        Coverage::Latin
    ),
    builtin!("FolioSerif-Bold.ttf", "Folio Serif", Bold, Coverage::Latin),
    builtin!(
        "FolioEmoji-Regular.ttf",
        "Folio Emoji",
        Regular,
        Coverage::Emoji
    ),
    builtin!(
        "FolioMath-Regular.otf",
        "Folio Math",
        Regular,
        Coverage::Math
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::face::{FontData, LoadedFace};

    fn parse(b: &Builtin) -> LoadedFace {
        LoadedFace::parse(FontData::Static(b.data), 0, b.origin).unwrap()
    }

    fn serif() -> LoadedFace {
        parse(&BUILTINS[0])
    }

    /// The character lists of `fonts/coverage/`, written by
    /// `fonts/make-default-font.py` from Python's codecs (Rust has no GB
    /// 2312, Big5, JIS or KS X decoders) and from Unicode's data files.
    const GB2312: &str = include_str!("../../fonts/coverage/gb2312.txt");
    const TONGYONG: &str = include_str!("../../fonts/coverage/tongyong-8105.txt");
    const BIG5: &str = include_str!("../../fonts/coverage/big5.txt");
    const HKSCS: &str = include_str!("../../fonts/coverage/hkscs.txt");
    const JIS_X_0213: &str = include_str!("../../fonts/coverage/jis-x-0213.txt");
    const KS_X_1001: &str = include_str!("../../fonts/coverage/ks-x-1001.txt");
    const EMOJI: &str = include_str!("../../fonts/coverage/emoji.txt");

    /// Letters and signs of European languages, picked across the blocks
    /// that Folio Serif claims (Vietnamese, Polish, Romanian, polytonic
    /// Greek, Ukrainian, Serbian, Kazakh, IPA…).
    const LATIN: &str = "AaZz09ÀÉÎÕÜçñøßÿĀĉĎđĤĥĦħĲŁłŐőŒœŠšŸŽžſƏƒơưǅǈǌǦǧȘșȚțȷɐɑɔəɛɡɪʃʒʔˆˇˈˌː\
        ẞạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹḍḥṃṇṛṣṭẓ\
        ΑΒΓΔΘΛΞΠΣΦΨΩαβγδεζηθικλμνξοπρςστυφχψωάέήίόύώϊϋΐΰϐϑϕϖϜϝ\
        ἀἁἂἄἆἐἑἠἡἰἱὀὁὐὑὠὡὰάὲέὴήὶίὸόὺύὼώᾀᾳᾴᾶᾷῂῃῆῇῐῒῖῗῥῦῳῶῷ\
        АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя\
        ЂЃЄЅІЇЈЉЊЋЌЎЏђѓєѕіїјљњћќўџҐґҒғҚқҢңҮүҰұҺһӘәӨөӢӣӮӯ\
        \u{300}\u{301}\u{302}\u{303}\u{304}\u{306}\u{307}\u{308}\u{30A}\u{30B}\u{30C}\u{323}\u{327}\u{328}\
        –—‘’‚“”„†‡•…‰‹›€£¥₩₪₫₴₹₺₽№℃℉™Ω℮⅓⅔⅛←↑→↓↔⇒⇔∀∂∃∅∇∈∏∑−√∞∧∨∩∪∫≈≠≡≤≥ﬁﬂ";

    /// Every character of `list` that no face of `faces` covers, as
    /// `U+XXXX c` (the code point names combining marks, which print badly
    /// alone).
    fn missing(faces: &[&LoadedFace], list: impl IntoIterator<Item = char>) -> Vec<String> {
        list.into_iter()
            .filter(|&c| c != '\n' && !faces.iter().any(|f| f.covers(c)))
            .map(|c| format!("U+{:04X} {c}", u32::from(c)))
            .collect()
    }

    fn assert_covers(b: &Builtin, what: &str, list: &[&str]) {
        let face = parse(b);
        let lost = missing(&[&face], list.iter().flat_map(|s| s.chars()));
        assert!(
            lost.is_empty(),
            "{} lacks {} characters of {what}: {}",
            b.origin,
            lost.len(),
            lost.join(", ")
        );
    }

    /// Every built-in face with `coverage`: the regular one, then the bold.
    fn faces_for(coverage: Coverage) -> Vec<&'static Builtin> {
        let mut faces: Vec<_> = BUILTINS.iter().filter(|b| b.coverage == coverage).collect();
        faces.sort_by_key(|b| b.bold);
        faces
    }

    /// Both faces of `locale` cover `list`, but for the Latin letters and
    /// signs that Noto Serif CJK lacks (JIS X 0213 has Ł, KS X 1001 ħ):
    /// those, all below U+2E80, are Folio Serif's of the same weight.
    fn assert_cjk_covers(locale: Locale, what: &str, list: &[&str]) {
        let latin = faces_for(Coverage::Latin);
        let faces = faces_for(Coverage::Cjk(locale));
        assert_eq!(faces.len(), 2, "{locale:?}: one regular and one bold face");
        for (b, latin) in faces.into_iter().zip(latin) {
            let (face, latin) = (parse(b), parse(latin));
            let chars = || list.iter().flat_map(|s| s.chars());
            let cjk = missing(&[&face], chars().filter(|&c| c >= '\u{2E80}'));
            let other = missing(&[&face, &latin], chars().filter(|&c| c < '\u{2E80}'));
            let lost = [cjk, other].concat();
            assert!(
                lost.is_empty(),
                "{} lacks {} characters of {what}: {}",
                b.origin,
                lost.len(),
                lost.join(", ")
            );
        }
    }

    fn list_len(list: &str) -> usize {
        list.lines().flat_map(|l| l.chars()).count()
    }

    fn range(lo: u32, hi: u32) -> String {
        (lo..=hi).filter_map(char::from_u32).collect()
    }

    #[test]
    fn serif_is_truetype_and_named_folio() {
        let face = serif();
        assert!(!face.is_cff(), "the built-in serif must exercise glyf");
        assert_eq!(face.postscript, "FolioSerifSC-Regular");
        assert_eq!(face.family, "Folio Serif SC");
    }

    #[test]
    fn builtins_start_with_the_serif_and_the_mono() {
        assert!(std::ptr::eq(BUILTINS[0].data, SERIF));
        assert_eq!(BUILTINS[0].origin, SERIF_ORIGIN);
        assert!(std::ptr::eq(BUILTINS[1].data, MONO));
        assert_eq!(BUILTINS[1].origin, MONO_ORIGIN);
    }

    #[test]
    fn every_builtin_parses_with_its_family_and_weight() {
        let mut origins = std::collections::BTreeSet::new();
        for b in BUILTINS {
            let face = parse(b);
            assert_eq!(face.family, b.family, "{}", b.origin);
            let style = if b.bold { "Bold" } else { "Regular" };
            let postscript = format!("{}-{style}", b.family.replace(' ', ""));
            assert_eq!(face.postscript, postscript, "{}", b.origin);
            let weight = face.ttf().weight().to_number();
            assert_eq!(weight >= 600, b.bold, "{}: weight {weight}", b.origin);
            assert!(b.origin.starts_with("built-in ") && b.origin.contains(b.family));
            assert!(origins.insert(b.origin), "{} twice", b.origin);
            // Only the first face is glyf among the CJK ones: the others
            // keep Noto's CFF, which is smaller. Folio Math keeps Latin
            // Modern Math's CFF.
            let cff = (matches!(b.coverage, Coverage::Cjk(_)) && !std::ptr::eq(b.data, SERIF))
                || b.coverage == Coverage::Math;
            assert_eq!(face.is_cff(), cff, "{}", b.origin);
        }
    }

    #[test]
    fn folio_math_has_the_math_table_and_the_symbols() {
        let b = faces_for(Coverage::Math)[0];
        let face = parse(b);
        let ttf = face.ttf();
        let math = ttf.tables().math.expect("a MATH table");
        assert!(math.constants.is_some());
        let lost = missing(
            &[&face],
            "∑∏∫∬∮⋃⋂√()[]{}⟨⟩⌊⌋⌈⌉|‖αβγϵεθϑπϕφωΓΔΩ→⇒↦≤≥≠≈≡∈∉⊂⊆∞∂∇∀∃±×÷⋅∘⊕⊗…⋯⋮⋱′\
             𝐱𝐗𝑥𝑦ℎ𝒙𝜽ℝℕℤ𝔼ℒℬ𝒜𝔤𝖺𝚊𝟎𝟙\u{302}\u{303}\u{304}\u{307}\u{308}\u{20D7}⏞⏟"
                .chars(),
        );
        assert!(lost.is_empty(), "Folio Math lacks {lost:?}");
        // The stretchy ones have size variants or assemblies.
        let variants = math.variants.expect("MathVariants");
        for c in ['(', '{', '√', '∑', '∫', '|'] {
            let gid = ttf.glyph_index(c).unwrap();
            assert!(variants.vertical_constructions.get(gid).is_some(), "{c}");
        }
        for c in ['\u{302}', '⏞'] {
            let gid = ttf.glyph_index(c).unwrap();
            assert!(variants.horizontal_constructions.get(gid).is_some(), "{c}");
        }
    }

    #[test]
    fn every_script_has_a_regular_and_a_bold_face() {
        for locale in [Locale::Hans, Locale::Hant, Locale::Japanese, Locale::Korean] {
            let faces = faces_for(Coverage::Cjk(locale));
            let bold: Vec<bool> = faces.iter().map(|b| b.bold).collect();
            assert_eq!(bold, [false, true], "{locale:?}");
        }
        let bold: Vec<bool> = faces_for(Coverage::Latin).iter().map(|b| b.bold).collect();
        assert_eq!(bold, [false, true]);
        assert_eq!(faces_for(Coverage::Emoji).len(), 1);
        assert_eq!(faces_for(Coverage::Math).len(), 1);
        assert_eq!(faces_for(Coverage::Mono).len(), 1);
    }

    #[test]
    fn sc_covers_tongyong_8105_and_gb2312() {
        assert_eq!(
            list_len(TONGYONG),
            8105,
            "通用规范汉字表 has 8105 characters"
        );
        assert_eq!(list_len(GB2312), 7445, "GB 2312 has 7445 characters");
        assert_cjk_covers(
            Locale::Hans,
            "通用规范汉字表 and GB 2312",
            &[TONGYONG, GB2312],
        );
    }

    #[test]
    fn tc_covers_big5_hkscs_and_bopomofo() {
        // 13,710 codes, 13,706 characters: Big5 codes four twice.
        assert_eq!(list_len(BIG5), 13706);
        assert_eq!(list_len(HKSCS), 4688, "HKSCS-2008 adds 4684 codes");
        let bopomofo = range(0x3105, 0x312F) + &range(0x31A0, 0x31BA);
        assert_cjk_covers(
            Locale::Hant,
            "Big5, HKSCS, bopomofo",
            &[BIG5, HKSCS, &bopomofo],
        );
    }

    #[test]
    fn jp_covers_jis_x_0213_and_every_kana() {
        // 11,233 codes; a few kana with a combining mark are one code.
        assert!(list_len(JIS_X_0213) > 11_200);
        let kana = range(0x3041, 0x3096)   // hiragana, small ones too, ゟ
            + &range(0x3099, 0x30FF)        // marks, katakana, ヿ
            + &range(0x31F0, 0x31FF)        // small katakana for Ainu
            + &range(0xFF61, 0xFF9F); // half-width katakana
        assert_cjk_covers(
            Locale::Japanese,
            "JIS X 0213 and kana",
            &[JIS_X_0213, &kana],
        );
    }

    #[test]
    fn kr_covers_every_hangul_syllable_and_ks_x_1001() {
        let syllables = range(0xAC00, 0xD7A3);
        assert_eq!(syllables.chars().count(), 11_172);
        let jamo = range(0x1100, 0x11FF) + &range(0x3131, 0x318E);
        assert_eq!(
            list_len(KS_X_1001),
            8225,
            "KS X 1001: 2350 Hangul, 4888 hanja, symbols"
        );
        assert_cjk_covers(
            Locale::Korean,
            "Hangul and KS X 1001",
            &[&syllables, &jamo, KS_X_1001],
        );
    }

    #[test]
    fn cjk_faces_cover_latin1_and_punctuation_blocks() {
        // With the no-break space and the soft hyphen, which a shaper
        // looks up like any other character.
        let must: String = (0x20..=0x7E)
            .chain(0xA0..=0xFF)
            .chain([0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x203B])
            .chain((0x3000..=0x3003).chain(0x3008..=0x3011))
            .chain((0xFF01..=0xFF5E).chain(0xFFE0..=0xFFE5))
            .filter_map(char::from_u32)
            .collect();
        for b in BUILTINS
            .iter()
            .filter(|b| matches!(b.coverage, Coverage::Cjk(_)))
        {
            assert_covers(b, "Latin-1 and CJK punctuation", &[&must]);
        }
    }

    #[test]
    fn latin_faces_cover_latin_greek_and_cyrillic() {
        for b in faces_for(Coverage::Latin) {
            assert_covers(b, "European letters", &[LATIN]);
        }
    }

    #[test]
    fn emoji_covers_emoji_14() {
        assert_eq!(
            list_len(EMOJI),
            1392,
            "Emoji 14.0 has 1392 characters above ASCII"
        );
        assert_covers(
            faces_for(Coverage::Emoji)[0],
            "Emoji 14.0",
            &[EMOJI, "👍🚨🎉✅❤⭐"],
        );
    }

    /// The glyph ids rustybuzz gives `text`, with their advances.
    fn shape(face: &LoadedFace, text: &str, direction: rustybuzz::Direction) -> Vec<(u32, i32)> {
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.set_direction(direction);
        buffer.guess_segment_properties();
        let shaped = rustybuzz::shape(face.rb(), &[], buffer);
        let advances = shaped.glyph_positions().iter();
        let infos = shaped.glyph_infos().iter();
        infos
            .zip(advances)
            .map(|(g, p)| (g.glyph_id, p.x_advance + p.y_advance))
            .collect()
    }

    #[test]
    fn emoji_sequences_are_one_glyph() {
        let face = parse(faces_for(Coverage::Emoji)[0]);
        let ltr = rustybuzz::Direction::LeftToRight;
        // A ZWJ family, a flag, a keycap: ligatures in GSUB, a glyph of
        // their own. The shaper keeps a joiner or selector that the
        // ligature skips as an invisible glyph with no advance.
        for text in ["👨\u{200D}👩\u{200D}👧", "🇯🇵", "1\u{FE0F}\u{20E3}"] {
            let glyphs = shape(&face, text, ltr);
            let visible: Vec<u32> = glyphs.iter().filter(|g| g.1 != 0).map(|g| g.0).collect();
            let alone: Vec<u32> = text
                .chars()
                .map(|c| shape(&face, &c.to_string(), ltr)[0].0)
                .collect();
            assert_eq!(visible.len(), 1, "{text}: {glyphs:?}");
            assert!(
                visible[0] != 0 && !alone.contains(&visible[0]),
                "{text}: {glyphs:?}"
            );
        }
        // A monochrome face cannot show a skin tone: the modifier joins
        // the hand's glyph instead of printing a swatch after it.
        let hand = shape(&face, "👍", ltr);
        assert_eq!(shape(&face, "👍🏽", ltr), hand);
    }

    #[test]
    fn cjk_faces_keep_vertical_forms() {
        // Brackets turn in vertical text everywhere (a full stop does not
        // in Taiwan's style, where it sits in the middle of its square).
        for b in BUILTINS
            .iter()
            .filter(|b| matches!(b.coverage, Coverage::Cjk(_)))
        {
            let face = parse(b);
            let across = shape(&face, "「（", rustybuzz::Direction::LeftToRight);
            let down = shape(&face, "「（", rustybuzz::Direction::TopToBottom);
            assert!(across.iter().all(|g| g.0 != 0), "{}", b.origin);
            assert!(
                across.iter().zip(&down).all(|(a, d)| a.0 != d.0),
                "{}: no vert forms {across:?} {down:?}",
                b.origin
            );
        }
    }

    #[test]
    fn serif_covers_every_character_of_the_seed() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let seed = root.join("../shared/seed/000_e7ea8a434acfd284.txt");
        let Ok(text) = std::fs::read_to_string(&seed) else {
            eprintln!("SKIPPED: seed file {} not found", seed.display());
            return;
        };
        for b in faces_for(Coverage::Cjk(Locale::Hans)) {
            let face = parse(b);
            let lost = missing(&[&face], text.chars().filter(|c| !c.is_control()));
            assert!(lost.is_empty(), "{} lacks {}", b.origin, lost.join(", "));
        }
    }

    #[test]
    fn mono_is_a_latin_monospace() {
        let face = LoadedFace::parse(FontData::Static(MONO), 0, MONO_ORIGIN).unwrap();
        assert_eq!(face.family, "Folio Mono");
        let advances: Vec<f32> = "iMW0_é"
            .chars()
            .map(|c| face.advance_em(face.rb().glyph_index(c).unwrap().0))
            .collect();
        assert!(advances.windows(2).all(|w| w[0] == w[1]), "{advances:?}");
        assert!(!face.covers('中'));
    }
}

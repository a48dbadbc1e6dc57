//! The built-in fonts, compiled into the binary so that folio sets Chinese
//! on a machine with no CJK font installed. See `fonts/README.md` for where
//! they come from and `fonts/make-default-font.py` for how they are made.

/// Folio Serif SC: Noto Serif CJK SC Regular subset to GB 2312, the sample
/// book, Latin-1 and the CJK punctuation blocks, with TrueType outlines.
pub const SERIF: &[u8] = include_bytes!("../../fonts/FolioSerifSC-Regular.ttf");

/// Folio Mono: Noto Sans Mono Regular subset to ASCII and Latin-1. Han text
/// in code falls back to [`SERIF`].
pub const MONO: &[u8] = include_bytes!("../../fonts/FolioMono-Regular.ttf");

/// How the built-in faces are named in messages.
pub const SERIF_ORIGIN: &str = "built-in Folio Serif SC";
pub const MONO_ORIGIN: &str = "built-in Folio Mono";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::face::{FontData, LoadedFace};

    fn serif() -> LoadedFace {
        LoadedFace::parse(FontData::Static(SERIF), 0, SERIF_ORIGIN).unwrap()
    }

    /// Every character of GB 2312, listed by `fonts/make-default-font.py`
    /// from Python's `gb2312` codec (Rust has no GB 2312 decoder).
    const GB2312: &str = include_str!("../../fonts/coverage/gb2312.txt");

    #[test]
    fn serif_is_truetype_and_named_folio() {
        let face = serif();
        assert!(!face.is_cff(), "the built-in serif must exercise glyf");
        assert_eq!(face.postscript, "FolioSerifSC-Regular");
        assert_eq!(face.family, "Folio Serif SC");
    }

    #[test]
    fn serif_covers_all_of_gb2312() {
        let face = serif();
        let chars: Vec<char> = GB2312.chars().filter(|c| *c != '\n').collect();
        assert_eq!(chars.len(), 7445, "GB 2312 has 7445 characters");
        let missing: String = chars.into_iter().filter(|c| !face.covers(*c)).collect();
        assert!(
            missing.is_empty(),
            "missing from the default font: {missing}"
        );
    }

    #[test]
    fn serif_covers_every_character_of_the_seed() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let seed = root.join("../shared/seed/000_e7ea8a434acfd284.txt");
        let Ok(text) = std::fs::read_to_string(&seed) else {
            eprintln!("SKIPPED: seed file {} not found", seed.display());
            return;
        };
        let face = serif();
        let missing: String = text
            .chars()
            .filter(|c| !c.is_control() && !face.covers(*c))
            .collect();
        assert!(
            missing.is_empty(),
            "missing from the default font: {missing}"
        );
    }

    #[test]
    fn serif_covers_latin1_and_punctuation_blocks() {
        let face = serif();
        let must: Vec<u32> = (0x20..=0x7E)
            .chain((0xA1..=0xFF).filter(|&c| c != 0xAD)) // soft hyphen: invisible
            .chain([
                0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x3000, 0x3001, 0x3002,
            ])
            .collect();
        for cp in must {
            let c = char::from_u32(cp).unwrap();
            assert!(face.covers(c), "U+{cp:04X} missing");
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

//! Font embedding: every face the pages use becomes one Type0 font
//! (Identity-H, ToUnicode) whose program is a subset of the glyphs used.
//!
//! printpdf without its `text_layout` feature embeds whatever bytes it is
//! given, so the subsetting happens here, before printpdf sees the font: we
//! collect the glyph ids of each face, ask the [`FontSource`] for a subset
//! program, and register that program under a deterministic resource name.
//! The content stream then shows the subset's renumbered glyph ids.

use std::collections::{BTreeMap, BTreeSet};

use md5::{Digest, Md5};
use printpdf::{FontId, ParsedFont, PdfDocument};

use crate::error::{Error, Result};
use crate::fonts::{FaceId, FontSet, Subset};
use crate::layout::page::{Document, Item};

/// What the PDF writer needs from the fonts of a build. [`FontSet`] is the
/// real implementation; the trait keeps the writer testable with any font
/// file and independent of how faces are discovered.
pub trait FontSource {
    /// A font program of `face` holding `glyphs` (and glyph 0), renumbered.
    fn subset(&self, face: FaceId, glyphs: &BTreeSet<u16>) -> Result<Subset>;
    /// The face's PostScript name, for `/BaseFont` and `/FontName`.
    fn postscript_name(&self, face: FaceId) -> String;
}

impl FontSource for FontSet {
    fn subset(&self, face: FaceId, glyphs: &BTreeSet<u16>) -> Result<Subset> {
        FontSet::subset(self, face, glyphs)
    }

    fn postscript_name(&self, face: FaceId) -> String {
        self.family(face).to_string()
    }
}

/// One embedded face, as the content stream needs it.
#[derive(Debug, Clone)]
pub struct EmbeddedFace {
    /// Resource name in the page's `/Font` dictionary (`F0`, `F1`…).
    pub id: FontId,
    /// Original glyph id → glyph id in the embedded subset.
    pub remap: BTreeMap<u16, u16>,
    /// Advance of each subset glyph in thousandths of an em, exactly as the
    /// `/W` array printpdf writes states it (so TJ kerning can compensate
    /// for the viewer's pen arithmetic without drift).
    pub widths: BTreeMap<u16, i64>,
    /// Original glyph id → the text it stands for (ToUnicode).
    pub text: BTreeMap<u16, String>,
}

impl EmbeddedFace {
    /// The subset glyph id for an original one (0, `.notdef`, if unknown).
    pub fn gid(&self, original: u16) -> u16 {
        self.remap.get(&original).copied().unwrap_or(0)
    }

    /// The `/W` advance of a subset glyph, in thousandths of an em.
    pub fn width(&self, subset_gid: u16) -> i64 {
        self.widths.get(&subset_gid).copied().unwrap_or(0)
    }

    /// The single ToUnicode text of an original glyph id. A glyph has one
    /// ToUnicode entry, so every occurrence must carry the same text:
    /// the first non-empty text the document gives it.
    pub fn text(&self, original: u16) -> String {
        self.text.get(&original).cloned().unwrap_or_default()
    }
}

/// Used glyphs of each face, with the text each glyph first stands for.
pub fn collect_glyphs(doc: &Document) -> BTreeMap<FaceId, BTreeMap<u16, String>> {
    let mut used: BTreeMap<FaceId, BTreeMap<u16, String>> = BTreeMap::new();
    for page in &doc.pages {
        for item in &page.items {
            let Item::Text(run) = item else { continue };
            let face = used.entry(run.face).or_default();
            for glyph in &run.glyphs {
                let text = face.entry(glyph.gid).or_default();
                if text.is_empty() {
                    text.push_str(&glyph.text);
                }
            }
        }
    }
    used
}

/// Subsets every face the document uses and registers it with printpdf.
pub fn embed_fonts(
    doc: &Document,
    source: &dyn FontSource,
    pdf: &mut PdfDocument,
) -> Result<BTreeMap<FaceId, EmbeddedFace>> {
    let mut embedded = BTreeMap::new();
    for (index, (face, text)) in collect_glyphs(doc).into_iter().enumerate() {
        let glyphs: BTreeSet<u16> = text.keys().copied().collect();
        let subset = source.subset(face, &glyphs)?;
        if let Some(missing) = glyphs.iter().find(|g| !subset.remap.contains_key(g)) {
            return Err(Error::Pdf(format!(
                "the subset of font face {} lacks glyph {missing}",
                face.0
            )));
        }
        let mut warnings = Vec::new();
        let mut parsed =
            ParsedFont::from_bytes(&subset.data, 0, &mut warnings).ok_or_else(|| {
                Error::Pdf(format!(
                    "the subset of font face {} is not an OpenType font program",
                    face.0
                ))
            })?;
        let name = postscript_name(&source.postscript_name(face), index);
        parsed.font_name = Some(format!("{}+{name}", subset_tag(&name, &glyphs)));
        let widths = pdf_widths(&parsed);
        let id = FontId(format!("F{index}"));
        pdf.resources
            .fonts
            .map
            .insert(id.clone(), printpdf::PdfFont::new(parsed));
        embedded.insert(
            face,
            EmbeddedFace {
                id,
                remap: subset.remap,
                widths,
                text,
            },
        );
    }
    Ok(embedded)
}

/// Glyph advances as printpdf's `/W` array gives them: font units scaled to
/// 1000/em and truncated to an integer (the same arithmetic, on purpose).
fn pdf_widths(font: &ParsedFont) -> BTreeMap<u16, i64> {
    let upm = f32::from(font.pdf_font_metrics.units_per_em.max(1));
    font.glyph_widths
        .iter()
        .map(|(&gid, &w)| (gid, (f32::from(w) * 1000.0 / upm) as i64))
        .collect()
}

/// A PostScript name safe as a PDF name: printable ASCII without delimiters
/// or spaces (family names like "Noto Serif CJK SC" become "NotoSerifCJKSC").
fn postscript_name(name: &str, index: usize) -> String {
    let clean: String = name
        .chars()
        .filter(|c| c.is_ascii_graphic() && !"()<>[]{}/%#".contains(*c))
        .take(100)
        .collect();
    if clean.is_empty() {
        format!("FolioFace{index}")
    } else {
        clean
    }
}

/// The six-letter subset tag of ISO 32000-1 9.6.4 (`ABCDEF+Name`): it must
/// differ between different subsets of one font, and here it must not
/// change between runs, so it is derived from the name and the glyph set.
fn subset_tag(name: &str, glyphs: &BTreeSet<u16>) -> String {
    let mut hasher = Md5::new();
    hasher.update(name.as_bytes());
    for g in glyphs {
        hasher.update(g.to_be_bytes());
    }
    hasher
        .finalize()
        .iter()
        .take(6)
        .map(|b| char::from(b'A' + b % 26))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::page::{GlyphRun, Page, PositionedGlyph};

    fn glyph(gid: u16, text: &str) -> PositionedGlyph {
        PositionedGlyph {
            gid,
            x: 0.0,
            y_offset: 0.0,
            text: text.into(),
        }
    }

    #[test]
    fn collects_first_non_empty_text_per_glyph() {
        let run = GlyphRun {
            face: FaceId(1),
            size: 10.0,
            y: 0.0,
            glyphs: vec![glyph(5, ""), glyph(5, "a"), glyph(5, "b"), glyph(7, "fi")],
            synthetic_bold: false,
            gray: 0.0,
        };
        let doc = Document {
            pages: vec![Page {
                items: vec![Item::Text(run)],
                ..Page::default()
            }],
            outline: vec![],
        };
        let used = collect_glyphs(&doc);
        let face = &used[&FaceId(1)];
        assert_eq!(face[&5], "a");
        assert_eq!(face[&7], "fi");
    }

    #[test]
    fn subset_tag_is_six_capitals_and_stable() {
        let glyphs: BTreeSet<u16> = [1, 2, 3].into();
        let tag = subset_tag("Font", &glyphs);
        assert_eq!(tag.len(), 6);
        assert!(tag.chars().all(|c| c.is_ascii_uppercase()));
        assert_eq!(tag, subset_tag("Font", &glyphs));
        assert_ne!(tag, subset_tag("Font", &[1, 2].into()));
    }

    #[test]
    fn postscript_names_are_pdf_safe() {
        assert_eq!(postscript_name("Noto Serif CJK SC", 0), "NotoSerifCJKSC");
        assert_eq!(postscript_name("思源宋体", 3), "FolioFace3");
        assert_eq!(postscript_name("A/B(C)", 0), "ABC");
    }
}

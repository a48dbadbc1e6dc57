//! Font embedding: every face the pages use becomes one Type 0 font
//! (`/Identity-H`, with a ToUnicode CMap) whose program is a subset of the
//! glyphs used.
//!
//! folio writes these objects itself, with lopdf, rather than through
//! printpdf: printpdf finds the glyphs a font uses by walking its own page
//! operations, and folio writes the content streams directly (see
//! [`super::content`]). The steps: collect the glyph ids of each face, ask
//! the [`FontSource`] for a subset program, read the subset's advances
//! (the `/W` array and the content stream's pen arithmetic both use them),
//! and write the font dictionaries under a deterministic resource name. The
//! content stream shows the subset's renumbered glyph ids, which are also
//! the CIDs (`subsetter` makes CFF fonts CID-keyed with an identity
//! charset).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};
use md5::{Digest, Md5};

use crate::error::{Error, Result};
use crate::fonts::{FaceId, FontSet, Subset};
use crate::layout::page::Document;

use super::used::collect_glyphs;

/// What the PDF writer needs from the fonts of a build. [`FontSet`] is the
/// real implementation; the trait keeps the writer testable with any font
/// file and independent of how faces are discovered.
/// `Sync`: the writer subsets fonts while another thread builds the
/// document's skeleton.
pub trait FontSource: Sync {
    /// A font program of `face` holding `glyphs` (and glyph 0), renumbered.
    fn subset(&self, face: FaceId, glyphs: &BTreeSet<u16>) -> Result<Subset>;
    /// The face's PostScript name, for `/BaseFont` and `/FontName`.
    fn postscript_name(&self, face: FaceId) -> String;
    /// The vertical advance of glyph `gid` (original numbering) in
    /// thousandths of an em, for glyphs drawn upright in a column.
    fn vertical_advance(&self, _face: FaceId, _gid: u16) -> i64 {
        1000
    }
}

impl FontSource for FontSet {
    fn subset(&self, face: FaceId, glyphs: &BTreeSet<u16>) -> Result<Subset> {
        FontSet::subset(self, face, glyphs)
    }

    fn postscript_name(&self, face: FaceId) -> String {
        self.family(face).to_string()
    }

    fn vertical_advance(&self, face: FaceId, gid: u16) -> i64 {
        FontSet::vertical_advance(self, face, gid)
    }
}

/// One embedded face: what the content stream needs to show its glyphs,
/// and what [`EmbeddedFace::write`] needs to write its font objects.
#[derive(Debug, Clone)]
pub struct EmbeddedFace {
    /// Resource name in the pages' `/Font` dictionary (`F0`, `F1`…).
    pub name: String,
    /// `TAG+PostScriptName`, for `/BaseFont` and `/FontName`.
    base_font: String,
    /// Original glyph id → subset glyph id (0, `.notdef`, if not kept),
    /// indexed by the original id.
    remap: Vec<u16>,
    /// Advance of each subset glyph in thousandths of an em, exactly as the
    /// `/W` array states it (so TJ kerning can compensate for the viewer's
    /// pen arithmetic without drift).
    widths: Vec<i64>,
    /// The text each subset glyph stands for (ToUnicode), indexed by the
    /// subset id.
    text: Vec<String>,
    subset: Subset,
    /// The vertical advance of each subset glyph (as `/W2` states it), when
    /// the document draws glyphs of this face upright in vertical columns:
    /// the face is then also written as a vertical font (`/Identity-V`).
    vertical: Option<Vec<i64>>,
}

impl EmbeddedFace {
    /// The subset glyph id for an original one (0, `.notdef`, if unknown).
    pub fn gid(&self, original: u16) -> u16 {
        self.remap.get(usize::from(original)).copied().unwrap_or(0)
    }

    /// The `/W` advance of a subset glyph, in thousandths of an em.
    pub fn width(&self, subset_gid: u16) -> i64 {
        self.widths
            .get(usize::from(subset_gid))
            .copied()
            .unwrap_or(0)
    }

    /// The single ToUnicode text of a subset glyph. A glyph has one
    /// ToUnicode entry, so every occurrence must carry the same text:
    /// the first non-empty text the document gives it.
    pub fn text(&self, subset_gid: u16) -> &str {
        self.text
            .get(usize::from(subset_gid))
            .map_or("", String::as_str)
    }

    /// A face put together by hand, for the content stream's unit tests.
    #[cfg(test)]
    pub(super) fn for_tests(
        name: &str,
        remap: BTreeMap<u16, u16>,
        widths: Vec<i64>,
        text: Vec<String>,
        subset: Subset,
    ) -> EmbeddedFace {
        let mut dense = vec![0; 1 + usize::from(remap.keys().max().copied().unwrap_or(0))];
        for (old, new) in remap {
            dense[usize::from(old)] = new;
        }
        EmbeddedFace {
            name: name.into(),
            base_font: format!("AAAAAA+{name}"),
            remap: dense,
            widths,
            text,
            subset,
            vertical: None,
        }
    }

    /// The resource name of the face's vertical font (see
    /// [`EmbeddedFace::vertical`]).
    pub fn vertical_name(&self) -> String {
        format!("{}V", self.name)
    }

    /// The `/W2` advance of a subset glyph drawn upright, in thousandths of
    /// an em, positive down the column.
    pub fn vertical_width(&self, subset_gid: u16) -> i64 {
        self.vertical
            .as_ref()
            .and_then(|v| v.get(usize::from(subset_gid)).copied())
            .unwrap_or(1000)
    }

    /// Writes the Type 0 font, its CID font, descriptor, program and
    /// ToUnicode map into `out`; returns the Type 0 font's id, and that of
    /// its vertical twin when the face has one (the same program,
    /// descriptor and ToUnicode map).
    pub fn write(&self, out: &mut lopdf::Document) -> Result<(ObjectId, Option<ObjectId>)> {
        let metrics = DescriptorMetrics::read(&self.subset.data)?;
        let (cid_subtype, file_key, program) = if self.subset.is_cff {
            let cff = self.subset.cff_table().ok_or_else(|| {
                Error::Pdf(format!("the subset of {} has no CFF table", self.base_font))
            })?;
            let dict =
                Dictionary::from_iter([("Subtype", Object::Name(b"CIDFontType0C".to_vec()))]);
            ("CIDFontType0", "FontFile3", Stream::new(dict, cff))
        } else {
            let length1 = i64::try_from(self.subset.data.len()).unwrap_or(i64::MAX);
            let dict = Dictionary::from_iter([("Length1", Object::Integer(length1))]);
            (
                "CIDFontType2",
                "FontFile2",
                Stream::new(dict, self.subset.data.clone()),
            )
        };
        let program = out.add_object(program);
        let name = || Object::Name(self.base_font.as_bytes().to_vec());
        let descriptor = Dictionary::from_iter([
            ("Type", Object::Name(b"FontDescriptor".to_vec())),
            ("FontName", name()),
            ("Flags", Object::Integer(metrics.flags)),
            (
                "FontBBox",
                Object::Array(metrics.bbox.map(Object::Integer).to_vec()),
            ),
            ("ItalicAngle", Object::Real(metrics.italic_angle)),
            ("Ascent", Object::Integer(metrics.ascent)),
            ("Descent", Object::Integer(metrics.descent)),
            ("CapHeight", Object::Integer(metrics.cap_height)),
            ("StemV", Object::Integer(metrics.stem_v)),
            (file_key, Object::Reference(program)),
        ]);
        let descriptor = out.add_object(descriptor);
        let (default_width, widths) = width_array(&self.widths);
        let mut cid_font = Dictionary::from_iter([
            ("Type", Object::Name(b"Font".to_vec())),
            ("Subtype", Object::Name(cid_subtype.as_bytes().to_vec())),
            ("BaseFont", name()),
            (
                "CIDSystemInfo",
                Object::Dictionary(Dictionary::from_iter([
                    ("Registry", literal("Adobe")),
                    ("Ordering", literal("Identity")),
                    ("Supplement", Object::Integer(0)),
                ])),
            ),
            ("FontDescriptor", Object::Reference(descriptor)),
            ("DW", Object::Integer(default_width)),
            ("W", Object::Array(widths)),
        ]);
        if !self.subset.is_cff {
            cid_font.set("CIDToGIDMap", Object::Name(b"Identity".to_vec()));
        }
        let vertical_cid = self.vertical.as_ref().map(|v| {
            out.add_object(super::vertical::vertical_cid_font(
                cid_font.clone(),
                v,
                &self.widths,
            ))
        });
        let cid_font = out.add_object(cid_font);
        let to_unicode = out.add_object(Stream::new(Dictionary::new(), to_unicode(&self.text)));
        let type0 = |cid: ObjectId, encoding: &str| {
            Dictionary::from_iter([
                ("Type", Object::Name(b"Font".to_vec())),
                ("Subtype", Object::Name(b"Type0".to_vec())),
                ("BaseFont", name()),
                ("Encoding", Object::Name(encoding.as_bytes().to_vec())),
                (
                    "DescendantFonts",
                    Object::Array(vec![Object::Reference(cid)]),
                ),
                ("ToUnicode", Object::Reference(to_unicode)),
            ])
        };
        let horizontal = out.add_object(type0(cid_font, "Identity-H"));
        let vertical = vertical_cid.map(|cid| out.add_object(type0(cid, "Identity-V")));
        Ok((horizontal, vertical))
    }
}

fn literal(s: &str) -> Object {
    Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
}

/// The font descriptor's numbers (ISO 32000-1 9.8), in thousandths of an
/// em, read from the subset program (which keeps `head`, `hhea` and
/// `post`, but not `OS/2`: the cap height falls back to the ascent).
struct DescriptorMetrics {
    flags: i64,
    bbox: [i64; 4],
    italic_angle: f32,
    ascent: i64,
    descent: i64,
    cap_height: i64,
    stem_v: i64,
}

impl DescriptorMetrics {
    fn read(program: &[u8]) -> Result<DescriptorMetrics> {
        let face = ttf_parser::Face::parse(program, 0)
            .map_err(|e| Error::Pdf(format!("a font subset does not parse: {e}")))?;
        let scale = 1000.0 / f32::from(face.units_per_em().max(1));
        let em = |v: i16| (f32::from(v) * scale).round() as i64;
        let bbox = face.global_bounding_box();
        let italic_angle = face.italic_angle();
        // Flags (Table 123): symbolic, because a CJK face holds characters
        // outside the standard Latin set; fixed pitch and italic as the
        // font says.
        let mut flags = 1 << 2;
        if face.is_monospaced() {
            flags |= 1;
        }
        if italic_angle != 0.0 {
            flags |= 1 << 6;
        }
        Ok(DescriptorMetrics {
            flags,
            bbox: [
                em(bbox.x_min),
                em(bbox.y_min),
                em(bbox.x_max),
                em(bbox.y_max),
            ],
            italic_angle,
            ascent: em(face.ascender()),
            descent: em(face.descender()),
            cap_height: face.capital_height().map_or(em(face.ascender()), em),
            // Only a hint for substitution; the fonts are always embedded.
            stem_v: 80,
        })
    }
}

/// Glyph advances of a subset program, in thousandths of an em truncated
/// to an integer: what `/W` states and what the content stream adds up.
fn advances(program: &[u8]) -> Result<Vec<i64>> {
    let face = ttf_parser::Face::parse(program, 0)
        .map_err(|e| Error::Pdf(format!("a font subset does not parse: {e}")))?;
    let upm = f32::from(face.units_per_em().max(1));
    Ok((0..face.number_of_glyphs())
        .map(|g| {
            let w = face.glyph_hor_advance(ttf_parser::GlyphId(g)).unwrap_or(0);
            (f32::from(w) * 1000.0 / upm) as i64
        })
        .collect())
}

/// `/DW` and `/W` (ISO 32000-1 9.7.4.3): the most common advance becomes the
/// default (1000 for a CJK face, so most glyphs need no entry), and each
/// run of consecutive CIDs with another advance is written as `c [w …]`.
fn width_array(widths: &[i64]) -> (i64, Vec<Object>) {
    let mut counts: BTreeMap<i64, usize> = BTreeMap::new();
    for &w in widths {
        *counts.entry(w).or_default() += 1;
    }
    // Most frequent; on a tie, the smallest advance (BTreeMap order).
    let default = counts
        .iter()
        .fold(
            (1000, 0),
            |best, (&w, &n)| if n > best.1 { (w, n) } else { best },
        )
        .0;
    let mut array = Vec::new();
    let mut cid = 0;
    while cid < widths.len() {
        if widths[cid] == default {
            cid += 1;
            continue;
        }
        let start = cid;
        while cid < widths.len() && widths[cid] != default {
            cid += 1;
        }
        array.push(Object::Integer(start as i64));
        array.push(Object::Array(
            widths[start..cid]
                .iter()
                .map(|&w| Object::Integer(w))
                .collect(),
        ));
    }
    (default, array)
}

/// The ToUnicode CMap (ISO 32000-1 9.10.3): each glyph's two-byte code to
/// the UTF-16BE text it stands for, 100 entries per block as the CMap
/// format allows. Glyphs that stand for no text are left out.
fn to_unicode(text: &[String]) -> Vec<u8> {
    use std::fmt::Write;
    /// A destination string may be at most 512 bytes (256 UTF-16 units).
    const MAX_UNITS: usize = 256;
    let entries: Vec<(usize, &String)> = text
        .iter()
        .enumerate()
        .filter(|(_, t)| !t.is_empty())
        .collect();
    let mut out = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    for block in entries.chunks(100) {
        let _ = writeln!(out, "{} beginbfchar", block.len());
        for (cid, text) in block {
            let _ = write!(out, "<{cid:04X}> <");
            for unit in text.encode_utf16().take(MAX_UNITS) {
                let _ = write!(out, "{unit:04X}");
            }
            out.push_str(">\n");
        }
        out.push_str("endbfchar\n");
    }
    out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out.into_bytes()
}

/// The embedded faces, shared with the watch session's memo (a face's
/// subset is megabytes: it is not copied out of the memo).
pub(super) type Faces = BTreeMap<FaceId, Arc<EmbeddedFace>>;

/// Subsets every face the document uses; in a watch session, reuses the
/// faces embedded before for the same glyphs and text: `reuse` holds
/// them, by a key that also covers the font set (whose key comes with it).
/// Returns the faces and, in a watch session, each one's key (what the
/// page contents' keys are made of).
pub(super) fn embed_fonts(
    doc: &Document,
    source: &dyn FontSource,
    reuse: Option<(&super::reuse::Reuse, crate::layout::memo::Key)>,
) -> Result<(Faces, Vec<crate::layout::memo::Key>)> {
    let mut embedded = BTreeMap::new();
    let mut keys = Vec::new();
    let upright = super::vertical::upright_faces(doc);
    for (index, (face, text)) in collect_glyphs(doc).into_iter().enumerate() {
        let vertical = upright.contains(&face);
        let make = || embed_face(source, index, face, &text, vertical);
        let Some((reuse, fonts)) = reuse else {
            embedded.insert(face, Arc::new(make()?));
            continue;
        };
        let key = crate::layout::memo::key_of(&(fonts, index, face, &text, vertical));
        keys.push(key);
        let made = match reuse.faces.get(key) {
            Some(kept) => kept,
            None => {
                let made = Arc::new(make()?);
                reuse.faces.put(key, Arc::clone(&made));
                made
            }
        };
        embedded.insert(face, made);
    }
    Ok((embedded, keys))
}

/// Face `index` of the document, `face`, subset to the glyphs of `text`.
fn embed_face(
    source: &dyn FontSource,
    index: usize,
    face: FaceId,
    text: &BTreeMap<u16, String>,
    upright: bool,
) -> Result<EmbeddedFace> {
    let glyphs: BTreeSet<u16> = text.keys().copied().collect();
    let subset = source.subset(face, &glyphs)?;
    if let Some(missing) = glyphs.iter().find(|g| !subset.remap.contains_key(g)) {
        return Err(Error::Pdf(format!(
            "the subset of font face {} lacks glyph {missing}",
            face.0
        )));
    }
    let widths = advances(&subset.data)?;
    let max_original = subset.remap.keys().next_back().copied().unwrap_or(0);
    let mut remap = vec![0; usize::from(max_original) + 1];
    let mut subset_text = vec![String::new(); widths.len()];
    for (&original, &new) in &subset.remap {
        remap[usize::from(original)] = new;
        if let (Some(slot), Some(t)) = (subset_text.get_mut(usize::from(new)), text.get(&original))
        {
            slot.clone_from(t);
        }
    }
    let name = postscript_name(&source.postscript_name(face), index);
    let vertical = upright.then(|| {
        super::vertical::subset_advances(&subset, widths.len(), |gid| {
            source.vertical_advance(face, gid)
        })
    });
    Ok(EmbeddedFace {
        name: format!("F{index}"),
        base_font: format!("{}+{name}", subset_tag(&name, &glyphs)),
        remap,
        widths,
        text: subset_text,
        subset,
        vertical,
    })
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
    use crate::layout::page::{Color, GlyphRun, Item, Page, PositionedGlyph};

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
            orientation: Default::default(),
            face: FaceId(1),
            size: 10.0,
            y: 0.0,
            glyphs: vec![glyph(5, ""), glyph(5, "a"), glyph(5, "b"), glyph(7, "fi")],
            synthetic_bold: false,
            color: Color::BLACK,
        };
        let doc = Document {
            pages: vec![Page {
                items: vec![Item::Text(run)],
                ..Page::default()
            }
            .into()],
            ..Document::default()
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

    #[test]
    fn common_advance_is_the_default_and_runs_share_an_array() {
        let (dw, w) = width_array(&[500, 1000, 1000, 250, 300, 1000]);
        assert_eq!(dw, 1000);
        let int = |i| Object::Integer(i);
        assert_eq!(
            w,
            [
                int(0),
                Object::Array(vec![int(500)]),
                int(3),
                Object::Array(vec![int(250), int(300)]),
            ]
        );
        assert_eq!(width_array(&[600, 600, 0]).0, 600, "a mono face");
    }

    #[test]
    fn to_unicode_maps_codes_to_utf16_in_blocks_of_100() {
        let mut text = vec![String::new(); 150];
        for (i, t) in text.iter_mut().enumerate().skip(1) {
            *t = if i == 1 { "中𠀀".into() } else { "a".into() };
        }
        let cmap = String::from_utf8(to_unicode(&text)).expect("ASCII");
        assert!(cmap.contains("<0001> <4E2DD840DC00>\n"), "{cmap}");
        assert!(!cmap.contains("<0000>  "), "glyph 0 stands for no text");
        assert_eq!(cmap.matches("100 beginbfchar").count(), 1);
        assert_eq!(cmap.matches("49 beginbfchar").count(), 1);
    }
}

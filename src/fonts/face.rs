//! One parsed font face, kept beside the bytes it borrows from.
//!
//! rustybuzz (and ttf-parser under it) parse a face as a view into the font
//! file's bytes. Parsing the tables of a large CJK font is not free, so a
//! build parses each face once and keeps the view next to its owned bytes in
//! a self-referential cell (`self_cell`, no `unsafe` in folio).

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use self_cell::self_cell;

use crate::error::{Error, Result};

/// The bytes of a font file: compiled in, or read from disk and shared by
/// all faces of one collection.
#[derive(Clone)]
pub enum FontData {
    Static(&'static [u8]),
    Shared(Arc<Vec<u8>>),
}

impl FontData {
    pub fn bytes(&self) -> &[u8] {
        match self {
            FontData::Static(b) => b,
            FontData::Shared(b) => b,
        }
    }
}

self_cell!(
    struct FaceCell {
        owner: FontData,
        #[covariant]
        dependent: ParsedFace,
    }
);

type ParsedFace<'a> = rustybuzz::Face<'a>;

/// A face of a font file with the names and metrics folio reads from it.
pub struct LoadedFace {
    cell: FaceCell,
    /// Face index in a collection (`.ttc`), 0 otherwise.
    pub index: u32,
    /// Where it came from, for messages (`built-in`, a path).
    pub origin: String,
    /// PostScript name, with no spaces (PDF `/BaseFont`).
    pub postscript: String,
    /// Family name as people write it (`Noto Serif CJK SC`).
    pub family: String,
    /// A bold weight (`OS/2` weight class 600 or more): drawn as it is,
    /// never emboldened again.
    pub bold: bool,
    /// Shaping plans already built, one per (direction, script): building
    /// one looks up every GSUB/GPOS feature, far more work than shaping a
    /// short run with it.
    plans: Mutex<Vec<PlanEntry>>,
    /// Coverage of the Basic Multilingual Plane, filled in as characters
    /// are asked for (see [`LoadedFace::covers`]).
    coverage: OnceLock<Box<[AtomicU8]>>,
}

/// [`LoadedFace::coverage`] states: not looked up yet, in the cmap, not.
const UNKNOWN: u8 = 0;
const COVERED: u8 = 1;
const NOT_COVERED: u8 = 2;

/// A cached plan and the buffer properties it was built for.
struct PlanEntry {
    direction: rustybuzz::Direction,
    script: Option<rustybuzz::Script>,
    plan: Arc<rustybuzz::ShapePlan>,
}

impl std::fmt::Debug for LoadedFace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoadedFace")
            .field("postscript", &self.postscript)
            .field("index", &self.index)
            .field("origin", &self.origin)
            .finish()
    }
}

impl LoadedFace {
    /// Parses face `index` of `data`; `origin` names the source in errors.
    pub fn parse(data: FontData, index: u32, origin: &str) -> Result<LoadedFace> {
        let cell = FaceCell::try_new(data, |d| {
            rustybuzz::Face::from_slice(d.bytes(), index).ok_or(())
        })
        .map_err(|()| {
            Error::Font(format!(
                "{origin}: not a usable TrueType/OpenType font (face {index})"
            ))
        })?;
        let face = cell.borrow_dependent();
        let family = name_of(face, ttf_parser::name_id::TYPOGRAPHIC_FAMILY)
            .or_else(|| name_of(face, ttf_parser::name_id::FAMILY))
            .unwrap_or_else(|| "Unnamed".to_string());
        let postscript = name_of(face, ttf_parser::name_id::POST_SCRIPT_NAME)
            .map(|n| sanitize_postscript(&n))
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| sanitize_postscript(&family));
        let bold = face.weight().to_number() >= 600;
        Ok(LoadedFace {
            cell,
            index,
            origin: origin.to_string(),
            postscript,
            family,
            bold,
            plans: Mutex::new(Vec::new()),
            coverage: OnceLock::new(),
        })
    }

    /// The shaping face (derefs to the ttf-parser face).
    pub fn rb(&self) -> &rustybuzz::Face<'_> {
        self.cell.borrow_dependent()
    }

    /// The ttf-parser face (rustybuzz's own `units_per_em` is an `i32`).
    pub fn ttf(&self) -> &ttf_parser::Face<'_> {
        self.rb().as_ref()
    }

    /// The font file bytes (the whole collection for a `.ttc`).
    pub fn data(&self) -> &[u8] {
        self.cell.borrow_owner().bytes()
    }

    /// Whether the cmap maps `c`. Answers for the BMP are remembered, so
    /// a character is looked up in the cmap once per face, not once per
    /// occurrence.
    pub fn covers(&self, c: char) -> bool {
        let table = self
            .coverage
            .get_or_init(|| (0..0x1_0000).map(|_| AtomicU8::new(UNKNOWN)).collect());
        let Some(slot) = table.get(c as usize) else {
            return self.rb().glyph_index(c).is_some();
        };
        match slot.load(Ordering::Relaxed) {
            COVERED => true,
            NOT_COVERED => false,
            _ => {
                let covered = self.rb().glyph_index(c).is_some();
                let state = if covered { COVERED } else { NOT_COVERED };
                slot.store(state, Ordering::Relaxed);
                covered
            }
        }
    }

    /// The shaping plan for a buffer whose segment properties are set
    /// (`guess_segment_properties`), built once per direction and script.
    /// `None` for a buffer with a language, which folio never sets: such a
    /// buffer is shaped without a cached plan.
    pub fn plan_for(&self, buffer: &rustybuzz::UnicodeBuffer) -> Option<Arc<rustybuzz::ShapePlan>> {
        if buffer.language().is_some() {
            return None;
        }
        let direction = buffer.direction();
        // After `guess_segment_properties` the script is never `Unknown`:
        // `Unknown` means no script was found (`None` to the planner).
        let script = Some(buffer.script()).filter(|&s| s != rustybuzz::script::UNKNOWN);
        let mut plans = self.plans.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(entry) = plans
            .iter()
            .find(|e| e.direction == direction && e.script == script)
        {
            return Some(Arc::clone(&entry.plan));
        }
        let plan = Arc::new(rustybuzz::ShapePlan::new(
            self.rb(),
            direction,
            script,
            None,
            &[],
        ));
        plans.push(PlanEntry {
            direction,
            script,
            plan: Arc::clone(&plan),
        });
        Some(plan)
    }

    pub fn units_per_em(&self) -> u16 {
        self.ttf().units_per_em()
    }

    pub fn is_cff(&self) -> bool {
        self.rb().tables().cff.is_some()
    }

    /// Horizontal advance of `gid` in em.
    pub fn advance_em(&self, gid: u16) -> f32 {
        let upem = self.units_per_em();
        let adv = self
            .ttf()
            .glyph_hor_advance(ttf_parser::GlyphId(gid))
            .unwrap_or(upem);
        f32::from(adv) / f32::from(upem.max(1))
    }
}

fn name_of(face: &ttf_parser::Face<'_>, id: u16) -> Option<String> {
    let names = face.names();
    // Prefer English (Windows en-US), then anything decodable.
    let mut fallback = None;
    for name in names.into_iter().filter(|n| n.name_id == id) {
        if let Some(s) = name.to_string() {
            if name.language_id == 0x409 {
                return Some(s);
            }
            fallback.get_or_insert(s);
        }
    }
    fallback
}

/// PostScript names are printable ASCII without spaces or delimiters.
fn sanitize_postscript(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_ascii_graphic() && !"[](){}<>/%".contains(*c))
        .take(63)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postscript_names_lose_spaces_and_delimiters() {
        assert_eq!(sanitize_postscript("Noto Serif (CJK) SC"), "NotoSerifCJKSC");
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        let err = LoadedFace::parse(FontData::Static(b"not a font"), 0, "x.ttf").unwrap_err();
        assert!(err.to_string().contains("x.ttf"), "{err}");
    }
}

//! Installed fonts, for the characters that the named and built-in faces
//! lack.
//!
//! Only consulted when a book has such characters, so a book the built-in
//! fonts cover never pays for the system's font folders. Candidates are
//! ranked: the families that suit the book's language (Noto and Source Han
//! Serif of its region), the Latin serifs and the monochrome emoji faces,
//! then every other face the font database lists, in path order so the
//! choice never depends on directory listing order. A face is taken when
//! it has one of the characters still missing; a file that cannot be read
//! or parsed is skipped and reported, never a crash.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use super::discover::Located;
use super::face::{FontData, LoadedFace};
use super::loader::Loader;
use super::{FaceId, FontSet};
use crate::text::Locale;

/// What the search found.
#[derive(Debug, Default)]
pub(super) struct Found {
    /// Faces taken, in order of preference.
    pub faces: Vec<FaceId>,
    /// Files skipped, each with why.
    pub skipped: Vec<String>,
}

/// Installed families that suit `locale`, best first.
fn preferred(locale: Locale) -> &'static [&'static str] {
    match locale {
        Locale::Hans => &["Noto Serif CJK SC", "Source Han Serif SC", "Noto Serif SC"],
        Locale::Hant => &["Noto Serif CJK TC", "Source Han Serif TC", "Noto Serif TC"],
        Locale::HongKong => &[
            "Noto Serif CJK HK",
            "Source Han Serif HC",
            "Noto Serif HK",
            "Noto Serif CJK TC",
        ],
        Locale::Japanese => &[
            "Noto Serif CJK JP",
            "Source Han Serif",
            "Source Han Serif JP",
            "Noto Serif JP",
            "IPAexMincho",
            "IPAMincho",
        ],
        Locale::Korean => &[
            "Noto Serif CJK KR",
            "Source Han Serif K",
            "Source Han Serif KR",
            "Noto Serif KR",
            "NanumMyeongjo",
        ],
        Locale::Other => &[],
    }
}

/// Faces for any language, after the language's own.
const GENERAL: [&str; 6] = [
    "Noto Serif",
    "DejaVu Serif",
    "Liberation Serif",
    "Noto Emoji",
    "Noto Sans Symbols",
    "Noto Sans Symbols 2",
];

/// Looks among the installed fonts for faces that have the characters of
/// `missing`, loading the faces it takes into `set`.
pub(super) fn cover(
    missing: &[char],
    locale: Locale,
    loader: &mut Loader,
    set: &mut FontSet,
) -> Found {
    let mut left: Vec<char> = missing.to_vec();
    let mut found = Found::default();
    for path in loader.unreadable() {
        found.skipped.push(format!(
            "{}: not a readable font (truncated or broken)",
            path.display()
        ));
    }
    for (path, indices) in candidates(locale, loader) {
        if left.is_empty() {
            break;
        }
        let data = match std::fs::read(&path) {
            Ok(data) => Arc::new(data),
            Err(e) => {
                found.skipped.push(format!("{}: {e}", path.display()));
                continue;
            }
        };
        for index in indices {
            let origin = format!("{}#{index}", path.display());
            let face = match LoadedFace::parse(FontData::Shared(data.clone()), index, &origin) {
                Ok(face) => face,
                Err(e) => {
                    found.skipped.push(e.to_string());
                    continue;
                }
            };
            if !has_outlines(&face) || !left.iter().any(|&c| face.covers(c)) {
                continue;
            }
            left.retain(|&c| !face.covers(c));
            loader.remember(path.clone(), data.clone());
            let located = Located {
                path: path.clone(),
                index,
            };
            match loader.face_at(located, &origin, set) {
                Ok(id) => found.faces.push(id),
                Err(e) => found.skipped.push(e.to_string()),
            }
        }
    }
    found
}

/// Faces that draw outlines folio can embed: `glyf` or CFF. Colour bitmap
/// emoji (CBDT, sbix) and CFF2 variable faces are left out: their glyphs
/// would print blank.
fn has_outlines(face: &LoadedFace) -> bool {
    let tables = face.ttf().tables();
    (tables.glyf.is_some() && tables.cbdt.is_none() && tables.sbix.is_none())
        || tables.cff.is_some()
}

/// Candidate files and their face indices, best first: the preferred
/// families in their order, then every other file by path. Upright
/// regular faces only, since these fill in body text.
fn candidates(locale: Locale, loader: &mut Loader) -> Vec<(PathBuf, Vec<u32>)> {
    let wanted: Vec<String> = preferred(locale)
        .iter()
        .chain(GENERAL.iter())
        .map(|f| f.to_lowercase())
        .collect();
    let db = loader.database();
    let mut ranked: Vec<(usize, PathBuf, u32)> = db
        .faces()
        .filter(|f| f.style == fontdb::Style::Normal && f.weight.0.abs_diff(400) <= 100)
        .filter_map(|f| {
            let fontdb::Source::File(path) = &f.source else {
                return None;
            };
            let rank = f
                .families
                .iter()
                .filter_map(|(name, _)| wanted.iter().position(|w| *w == name.to_lowercase()))
                .min()
                .unwrap_or(wanted.len());
            Some((rank, path.clone(), f.index))
        })
        .collect();
    ranked.sort();
    let mut by_file: BTreeMap<PathBuf, (usize, Vec<u32>)> = BTreeMap::new();
    for (rank, path, index) in ranked {
        let entry = by_file.entry(path).or_insert((rank, Vec::new()));
        entry.0 = entry.0.min(rank);
        entry.1.push(index);
    }
    let mut files: Vec<(usize, PathBuf, Vec<u32>)> = by_file
        .into_iter()
        .map(|(path, (rank, indices))| (rank, path, indices))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|(_, path, indices)| (path, indices))
        .collect()
}

//! Finding the fonts that `[folio.fonts]` names.
//!
//! An entry is a file (`fonts/MyFont.otf`, `NotoSerifCJK-Regular.ttc#2`:
//! a collection takes its face index after `#`) or a family name (`Noto
//! Serif CJK SC`). Files are taken relative to the book root, then its
//! `fonts/` folder; a bare file name is also looked for among the system
//! fonts. Families are looked up with fontdb in the book's `fonts/` folder,
//! the book folder and the system, in that order of preference, matched
//! case-insensitively (fontdb itself matches case-sensitively).
//!
//! The choice never depends on directory listing order: candidates are
//! ranked by place, then style (regular upright first), then path.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// One `[folio.fonts]` entry, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FontSpec {
    File { path: PathBuf, index: u32 },
    Family(String),
}

const FONT_EXTENSIONS: [&str; 4] = ["ttf", "otf", "ttc", "otc"];

impl FontSpec {
    /// A font file when it ends in a font extension (optionally followed by
    /// `#N`), a family name otherwise.
    pub fn parse(entry: &str) -> Result<FontSpec> {
        let entry = entry.trim();
        let (file, index) = match entry.rsplit_once('#') {
            Some((file, n)) if has_font_extension(file) => {
                let index = n.trim().parse::<u32>().map_err(|_| {
                    Error::Font(format!(
                        "font \"{entry}\": the face index after '#' must be a number, as in \
                         NotoSerifCJK-Regular.ttc#2"
                    ))
                })?;
                (file, index)
            }
            _ => (entry, 0),
        };
        if entry.is_empty() {
            return Err(Error::Font("an empty font name in [folio.fonts]".into()));
        }
        if has_font_extension(file) {
            Ok(FontSpec::File {
                path: PathBuf::from(file),
                index,
            })
        } else {
            Ok(FontSpec::Family(entry.to_string()))
        }
    }
}

fn has_font_extension(name: &str) -> bool {
    Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| FONT_EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// Where a font was found: a file and a face index in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub path: PathBuf,
    pub index: u32,
}

/// Looks fonts up, loading the font folders into fontdb only when a family
/// or bare file name needs them.
pub struct Finder {
    book_root: PathBuf,
    db: Option<fontdb::Database>,
}

impl Finder {
    pub fn new(book_root: &Path) -> Finder {
        Finder {
            book_root: book_root.to_path_buf(),
            db: None,
        }
    }

    pub fn locate(&mut self, spec: &FontSpec) -> Result<Located> {
        match spec {
            FontSpec::File { path, index } => self.locate_file(path, *index),
            FontSpec::Family(name) => self.locate_family(name),
        }
    }

    fn locate_file(&mut self, path: &Path, index: u32) -> Result<Located> {
        let mut tried = vec![self.book_root.join(path)];
        if path.is_relative() {
            tried.push(self.book_root.join("fonts").join(path));
        }
        if let Some(found) = tried.iter().find(|p| p.is_file()) {
            return Ok(Located {
                path: found.clone(),
                index,
            });
        }
        let bare = path.components().count() == 1;
        if bare {
            let db = self.database();
            let mut hits: Vec<PathBuf> = db
                .faces()
                .filter_map(|f| match &f.source {
                    fontdb::Source::File(p) if p.file_name() == Some(path.as_os_str()) => {
                        Some(p.clone())
                    }
                    _ => None,
                })
                .collect();
            hits.sort();
            if let Some(p) = hits.into_iter().next() {
                return Ok(Located { path: p, index });
            }
        }
        let mut places: Vec<String> = tried.iter().map(|p| p.display().to_string()).collect();
        if bare {
            places.push("the system font folders".into());
        }
        Err(Error::Font(format!(
            "font file {} not found; looked in: {}",
            path.display(),
            places.join(", ")
        )))
    }

    fn locate_family(&mut self, name: &str) -> Result<Located> {
        match self.best_of_family(name, 400, |_| true) {
            Some(found) => Ok(found),
            None => Err(Error::Font(format!(
                "font family \"{name}\" not found (matched case-insensitively); looked in: \
                 {}, {} and the system font folders",
                self.book_root.join("fonts").display(),
                self.book_root.display()
            ))),
        }
    }

    /// The bold face (weight 600 or more, nearest 700) of family `name`.
    pub fn locate_bold(&mut self, name: &str) -> Option<Located> {
        self.best_of_family(name, 700, |f| f.weight.0 >= 600)
    }

    /// The face of family `name` (or with that PostScript name) nearest
    /// `weight`, upright and normal width preferred, among those `keep`
    /// accepts; ranked by place first (see the module doc).
    fn best_of_family(
        &mut self,
        name: &str,
        weight: u16,
        keep: impl Fn(&fontdb::FaceInfo) -> bool,
    ) -> Option<Located> {
        let wanted = name.to_lowercase();
        let fonts_dir = self.book_root.join("fonts");
        let book_root = self.book_root.clone();
        let db = self.database();
        db.faces()
            .filter(|f| {
                f.families
                    .iter()
                    .any(|(fam, _)| fam.to_lowercase() == wanted)
                    || f.post_script_name.to_lowercase() == wanted
            })
            .filter(|f| keep(f))
            .filter_map(|f| match &f.source {
                fontdb::Source::File(p) => Some((f, p)),
                _ => None,
            })
            .min_by_key(|(f, p)| {
                let place = if p.starts_with(&fonts_dir) {
                    0
                } else if p.parent() == Some(book_root.as_path()) {
                    1
                } else {
                    2
                };
                let style = u16::from(f.style != fontdb::Style::Normal) * 1000
                    + f.weight.0.abs_diff(weight)
                    + u16::from(f.stretch != fontdb::Stretch::Normal) * 10;
                (place, style, (*p).clone(), f.index)
            })
            .map(|(f, p)| Located {
                path: p.clone(),
                index: f.index,
            })
    }

    /// The book's `fonts/`, font files directly in the book folder, then
    /// the system fonts.
    pub fn database(&mut self) -> &fontdb::Database {
        let root = &self.book_root;
        self.db.get_or_insert_with(|| {
            let mut db = fontdb::Database::new();
            let fonts_dir = root.join("fonts");
            if fonts_dir.is_dir() {
                db.load_fonts_dir(&fonts_dir);
            }
            let mut files = font_files_in(root);
            files.sort();
            for file in files {
                // A broken font file in the book folder is skipped here; it
                // is an error only when a family lookup needs it.
                let _ = db.load_font_file(&file);
            }
            db.load_system_fonts();
            db
        })
    }

    /// Font files in the book's folders and the usual system font folders
    /// that the font database could not read (fontdb skips them without a
    /// word): truncated or broken files, in path order.
    pub fn unreadable(&mut self) -> Vec<PathBuf> {
        let mut dirs = vec![self.book_root.join("fonts")];
        dirs.extend(system_font_dirs());
        let loaded: std::collections::BTreeSet<PathBuf> = self
            .database()
            .faces()
            .filter_map(|f| match &f.source {
                fontdb::Source::File(p) => Some(p.clone()),
                _ => None,
            })
            .collect();
        let mut found = Vec::new();
        let mut stack = dirs;
        // The book folder itself is not searched below its top level.
        stack.retain(|d| d.is_dir());
        found.extend(font_files_in(&self.book_root));
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    found.extend(Some(path).filter(|p| p.to_str().is_some_and(has_font_extension)));
                }
            }
        }
        found.retain(|p| !loaded.contains(p));
        found.sort();
        found.dedup();
        found
    }
}

/// Font files directly in `dir`.
fn font_files_in(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.to_str().is_some_and(has_font_extension))
        .collect()
}

/// Where systems keep fonts (what fontdb searches, without fontconfig's
/// extra folders).
fn system_font_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = [
        "/usr/share/fonts",
        "/usr/local/share/fonts",
        "/Library/Fonts",
        "/System/Library/Fonts",
        "C:\\Windows\\Fonts",
    ]
    .into_iter()
    .map(PathBuf::from)
    .collect();
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from) {
        dirs.extend([
            home.join(".fonts"),
            home.join(".local/share/fonts"),
            home.join("Library/Fonts"),
        ]);
    }
    dirs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_files_or_families() {
        assert_eq!(
            FontSpec::parse("NotoSerifCJK-Regular.ttc#2").unwrap(),
            FontSpec::File {
                path: "NotoSerifCJK-Regular.ttc".into(),
                index: 2
            }
        );
        assert_eq!(
            FontSpec::parse("fonts/A.OTF").unwrap(),
            FontSpec::File {
                path: "fonts/A.OTF".into(),
                index: 0
            }
        );
        assert_eq!(
            FontSpec::parse("Noto Serif CJK SC").unwrap(),
            FontSpec::Family("Noto Serif CJK SC".into())
        );
        assert!(FontSpec::parse("a.ttc#x").is_err());
        assert!(FontSpec::parse("  ").is_err());
    }

    #[test]
    fn a_missing_file_says_where_it_looked() {
        let dir = tempfile::tempdir().unwrap();
        let mut finder = Finder::new(dir.path());
        let spec = FontSpec::parse("sub/Nope.ttf").unwrap();
        let msg = finder.locate(&spec).unwrap_err().to_string();
        assert!(
            msg.contains("sub/Nope.ttf") && msg.contains("fonts"),
            "{msg}"
        );
    }

    #[test]
    fn a_missing_family_says_where_it_looked() {
        let dir = tempfile::tempdir().unwrap();
        let mut finder = Finder::new(dir.path());
        let spec = FontSpec::Family("No Such Family 42".into());
        let msg = finder.locate(&spec).unwrap_err().to_string();
        assert!(
            msg.contains("No Such Family 42") && msg.contains("system"),
            "{msg}"
        );
    }

    #[test]
    fn book_fonts_folder_wins_and_case_does_not_matter() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("fonts")).unwrap();
        let local = dir.path().join("fonts/mono.ttf");
        std::fs::write(&local, crate::fonts::default::MONO).unwrap();
        let mut finder = Finder::new(dir.path());
        let found = finder
            .locate(&FontSpec::Family("folio MONO".into()))
            .unwrap();
        assert_eq!(found.path, local);
    }
}

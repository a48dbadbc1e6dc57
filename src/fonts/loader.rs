//! Reading the fonts `[folio.fonts]` names into a [`FontSet`]: each file
//! read once (the faces of a `.ttc` share its bytes), each face parsed once.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use super::discover::{Finder, Located};
use super::face::{FontData, LoadedFace};
use super::{FaceId, FontSet, FontSpec};
use crate::error::{Error, Result};

/// Loads named fonts into a set, remembering what it has read.
pub struct Loader {
    finder: Finder,
    files: BTreeMap<PathBuf, Arc<Vec<u8>>>,
    ids: BTreeMap<(PathBuf, u32), FaceId>,
}

impl Loader {
    pub fn new(finder: Finder) -> Loader {
        Loader {
            finder,
            files: BTreeMap::new(),
            ids: BTreeMap::new(),
        }
    }

    /// The face for one `[folio.fonts]` entry, loading it into `set` the
    /// first time.
    pub fn face(&mut self, entry: &str, set: &mut FontSet) -> Result<FaceId> {
        let spec = FontSpec::parse(entry)?;
        if let FontSpec::Family(name) = &spec {
            // The built-in fonts answer to their own names.
            let wanted = name.to_lowercase();
            let builtin = (0..super::default::BUILTINS.len()).map(FaceId).find(|id| {
                let face = set.face(*id);
                face.family.to_lowercase() == wanted || face.postscript.to_lowercase() == wanted
            });
            if let Some(id) = builtin {
                return Ok(id);
            }
        }
        let located = self.finder.locate(&spec)?;
        self.face_at(located, entry, set)
    }

    /// The bold face of the family `entry` names, if it has one (a file
    /// entry has none: it names one face).
    pub fn bold_face(&mut self, entry: &str, set: &mut FontSet) -> Result<Option<FaceId>> {
        let FontSpec::Family(name) = FontSpec::parse(entry)? else {
            return Ok(None);
        };
        match self.finder.locate_bold(&name) {
            Some(located) => self.face_at(located, entry, set).map(Some),
            None => Ok(None),
        }
    }

    /// Keeps `data` as the bytes of `path`, read by someone else, so that
    /// loading a face of it does not read it again.
    pub fn remember(&mut self, path: PathBuf, data: Arc<Vec<u8>>) {
        self.files.entry(path).or_insert(data);
    }

    /// The finder's font database (the book's fonts and the system's).
    pub fn database(&mut self) -> &fontdb::Database {
        self.finder.database()
    }

    /// Font files the database could not read (see
    /// [`Finder::unreadable`]).
    pub fn unreadable(&mut self) -> Vec<PathBuf> {
        self.finder.unreadable()
    }

    /// Face `index` of the file at `path`, loading it into `set` the first
    /// time; `entry` names it in errors.
    pub fn face_at(&mut self, located: Located, entry: &str, set: &mut FontSet) -> Result<FaceId> {
        let Located { path, index } = located;
        if let Some(&id) = self.ids.get(&(path.clone(), index)) {
            return Ok(id);
        }
        let data = match self.files.get(&path) {
            Some(data) => data.clone(),
            None => {
                let bytes = std::fs::read(&path).map_err(|source| Error::Read {
                    path: path.clone(),
                    source,
                })?;
                // An `Arc<Vec<u8>>`, not an `Arc<[u8]>`: converting would
                // copy a 20 MB collection once more.
                let data = Arc::new(bytes);
                self.files.insert(path.clone(), data.clone());
                data
            }
        };
        let faces = ttf_parser::fonts_in_collection(&data).unwrap_or(1);
        if index >= faces {
            return Err(Error::Font(format!(
                "font \"{entry}\": {} has {faces} face(s), numbered from 0; there is no face {index}",
                path.display()
            )));
        }
        let origin = if faces > 1 {
            format!("{}#{index}", path.display())
        } else {
            path.display().to_string()
        };
        let face = LoadedFace::parse(FontData::Shared(data), index, &origin)?;
        let id = FaceId(set.faces.len());
        set.faces.push(face);
        self.ids.insert((path, index), id);
        Ok(id)
    }
}

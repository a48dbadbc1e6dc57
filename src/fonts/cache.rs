//! Fonts kept across the builds of one `folio watch` or `folio serve`
//! session: finding and parsing them (above all, searching the installed
//! fonts for a character the named ones lack) costs more than laying out
//! a chapter, and they rarely change while an author writes.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::{FontRequest, FontSet};
use crate::config::FontsConfig;
use crate::error::Result;
use crate::text::Locale;

/// The last font set loaded, with what it was loaded for.
#[derive(Default)]
pub struct FontCache {
    slot: Mutex<Option<Cached>>,
}

struct Cached {
    config: FontsConfig,
    root: PathBuf,
    locale: Locale,
    system: bool,
    /// The characters of the text it was loaded for: installed fonts were
    /// searched for those of them the named faces lack.
    chars: BTreeSet<char>,
    set: Arc<FontSet>,
}

impl FontCache {
    /// The fonts for `request`: the cached set when it was loaded with the
    /// same settings and every character of the text was either in the
    /// text it was loaded for or is in one of its faces (so a fresh load
    /// would search for nothing new); else a fresh load, kept.
    pub fn load(
        &self,
        config: &FontsConfig,
        root: &Path,
        request: &FontRequest<'_>,
    ) -> Result<Arc<FontSet>> {
        let mut slot = self.slot.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(cached) = slot.as_mut() {
            let same = cached.config == *config
                && cached.root == root
                && cached.locale == request.locale
                && cached.system == request.system;
            if same {
                let known = distinct_chars(request.text)
                    .into_iter()
                    .all(|c| cached.chars.contains(&c) || cached.set.any_covers(c));
                if known {
                    return Ok(Arc::clone(&cached.set));
                }
            }
        }
        let set = Arc::new(FontSet::load_for(config, root, request)?);
        *slot = Some(Cached {
            config: config.clone(),
            root: root.to_path_buf(),
            locale: request.locale,
            system: request.system,
            chars: distinct_chars(request.text).into_iter().collect(),
            set: Arc::clone(&set),
        });
        Ok(set)
    }
}

/// The characters of `text`, each once, in the order first met. A book's
/// text is a million characters of a few thousand kinds: a bit per code
/// point sorts them out in a pass, where a set would search a tree for
/// every one.
fn distinct_chars(text: &str) -> Vec<char> {
    let mut seen = vec![0u64; (char::MAX as usize >> 6) + 1];
    let mut out = Vec::new();
    for c in text.chars() {
        let (word, bit) = (c as usize >> 6, 1u64 << (c as u32 & 63));
        if let Some(w) = seen.get_mut(word) {
            if *w & bit == 0 {
                *w |= bit;
                out.push(c);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn distinct_chars_keep_the_first_of_each() {
        assert_eq!(
            super::distinct_chars("abaé漢é\u{10FFFF}a"),
            vec!['a', 'b', 'é', '漢', '\u{10FFFF}']
        );
    }
}

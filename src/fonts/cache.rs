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
    /// The text of the last request answered: each of its characters is
    /// in `chars` or in a face, so the next request need only check what
    /// it does not share with it.
    last_text: String,
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
                let new = changed_part(&cached.last_text, request.text);
                let known = distinct_chars(new)
                    .into_iter()
                    .all(|c| cached.chars.contains(&c) || cached.set.any_covers(c));
                if known {
                    cached.last_text.clear();
                    cached.last_text.push_str(request.text);
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
            last_text: request.text.to_string(),
        });
        Ok(set)
    }
}

/// The part of `new` between what it shares with `old` at the start and
/// at the end: after an edit in one chapter, a few hundred bytes of the
/// book's million.
fn changed_part<'a>(old: &str, new: &'a str) -> &'a str {
    let (a, b) = (old.as_bytes(), new.as_bytes());
    let mut start = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let most = a.len().min(b.len()) - start;
    let shared_end = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(most)
        .take_while(|(x, y)| x == y)
        .count();
    let mut end = b.len() - shared_end;
    while !new.is_char_boundary(start) {
        start -= 1;
    }
    while !new.is_char_boundary(end) {
        end += 1;
    }
    &new[start..end]
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
    fn a_character_new_to_the_cache_loads_the_fonts_again() {
        let cache = super::FontCache::default();
        let config = crate::config::FontsConfig::default();
        let load = |text: &str| {
            let request = crate::fonts::FontRequest {
                locale: Default::default(),
                text,
                system: false,
            };
            cache
                .load(&config, std::path::Path::new("."), &request)
                .expect("built-in fonts")
        };
        // U+E000 is private: no face has it, so only the text it was
        // loaded for makes it known.
        let first = load("漢字\u{E000}假名");
        let same = load("漢字假名\u{E000}漢字");
        assert!(std::sync::Arc::ptr_eq(&first, &same));
        let again = load("漢字假\u{E001}名");
        assert!(!std::sync::Arc::ptr_eq(&first, &again), "U+E001 is new");
        assert!(std::sync::Arc::ptr_eq(&again, &load("\u{E001}")));
        assert!(
            !std::sync::Arc::ptr_eq(&again, &load("\u{E000}")),
            "forgotten"
        );
    }

    #[test]
    fn the_changed_part_holds_every_new_character() {
        use super::changed_part;
        assert_eq!(changed_part("漢字假名", "漢字假名"), "");
        assert_eq!(changed_part("漢字假名", "漢字X假名"), "X");
        // 字 and 宇 share their first byte: the part starts at 宇.
        assert_eq!(changed_part("漢字名", "漢宇各"), "宇各");
        assert_eq!(changed_part("", "abc"), "abc");
        assert_eq!(changed_part("aaa", "aa"), "");
        assert_eq!(changed_part("ab", "aXb"), "X");
    }

    #[test]
    fn distinct_chars_keep_the_first_of_each() {
        assert_eq!(
            super::distinct_chars("abaé漢é\u{10FFFF}a"),
            vec!['a', 'b', 'é', '漢', '\u{10FFFF}']
        );
    }
}

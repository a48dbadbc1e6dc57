//! Memoization for the builds of a watch session (issue 13): values kept
//! by a 128-bit hash of everything they were made from, so that a rebuild
//! after an edit redoes only the parts the edit touched.
//!
//! A [`Memo`] holds two generations: what the last build used and what
//! the current one has used so far. [`Memo::start`] opens a build; a value
//! the previous build used and this one asks for again moves over, and
//! the rest is dropped at the next start. Memory is so bounded by two
//! builds' worth, however many rebuilds a session makes. Used by the
//! layout (laid-out chapters) and the renderers (compressed streams,
//! font subsets, EPUB entries): each stage owns its own memos.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Mutex;

use siphasher::sip128::{Hasher128, SipHasher13};

/// A 128-bit key: SipHash-1-3 with a 128-bit output (the `siphasher`
/// crate), so that two different inputs sharing a key is not a concern.
/// One pass over the input: a rebuild hashes the whole book's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key(pub u64, pub u64);

/// Hashes into a [`Key`].
#[derive(Default)]
pub struct KeyHasher(SipHasher13);

impl KeyHasher {
    /// Adds `value` to the key.
    pub fn add(&mut self, value: &(impl Hash + ?Sized)) -> &mut Self {
        value.hash(self);
        self
    }

    pub fn key(&self) -> Key {
        let h = self.0.finish128();
        Key(h.h1, h.h2)
    }
}

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0.finish128().h1
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0.write(bytes);
    }
}

/// Text written to a [`KeyHasher`] (`write!(h, "{value:?}")`) is hashed
/// as it is formatted, with no string made: how values that have a
/// `Debug` form but no `Hash` (styled runs, with their floats) join a key.
impl std::fmt::Write for KeyHasher {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.write(s.as_bytes());
        Ok(())
    }
}

/// The key of one value.
pub fn key_of(value: &(impl Hash + ?Sized)) -> Key {
    KeyHasher::default().add(value).key()
}

/// Values by [`Key`], over the current and the previous build.
pub struct Memo<V> {
    /// Off for a one-off build: nothing is kept, nothing found.
    on: bool,
    inner: Mutex<Generations<V>>,
}

struct Generations<V> {
    current: HashMap<Key, V>,
    previous: HashMap<Key, V>,
    /// Values made (put) since the build opened: what was not reused.
    made: usize,
}

impl<V: Clone> Default for Memo<V> {
    fn default() -> Self {
        Memo::new(true)
    }
}

impl<V: Clone> Memo<V> {
    /// A memo that keeps values (`on`) or one that never does.
    pub fn new(on: bool) -> Memo<V> {
        Memo {
            on,
            inner: Mutex::new(Generations {
                current: HashMap::new(),
                previous: HashMap::new(),
                made: 0,
            }),
        }
    }

    pub fn is_on(&self) -> bool {
        self.on
    }

    /// Opens a build: what the last build used becomes the previous
    /// generation, and what it did not use is dropped.
    pub fn start(&self) {
        let mut g = self.lock();
        g.previous = std::mem::take(&mut g.current);
        g.made = 0;
    }

    /// The value kept under `key`, if any.
    pub fn get(&self, key: Key) -> Option<V> {
        if !self.on {
            return None;
        }
        let mut g = self.lock();
        if let Some(v) = g.current.get(&key) {
            return Some(v.clone());
        }
        let v = g.previous.remove(&key)?;
        g.current.insert(key, v.clone());
        Some(v)
    }

    /// Keeps `value` under `key` (nothing, when off).
    pub fn put(&self, key: Key, value: V) {
        if self.on {
            let mut g = self.lock();
            g.current.insert(key, value);
            g.made += 1;
        }
    }

    /// The value under `key`, made by `make` when there is none.
    pub fn get_or(&self, key: Key, make: impl FnOnce() -> V) -> V {
        if let Some(v) = self.get(key) {
            return v;
        }
        let v = make();
        self.put(key, v.clone());
        v
    }

    /// How many values the current build has used or made.
    pub fn len(&self) -> usize {
        self.lock().current.len()
    }

    /// How many values the current build made rather than found: the
    /// measure of what an edit cost, for tests.
    pub fn made(&self) -> usize {
        self.lock().made
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Generations<V>> {
        // A panic while holding the lock left a map, at worst, without the
        // value being put: still a valid memo.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_unused_for_one_build_is_dropped() {
        let memo: Memo<u32> = Memo::default();
        memo.start();
        memo.put(key_of("a"), 1);
        memo.put(key_of("b"), 2);
        memo.start();
        assert_eq!(memo.get(key_of("a")), Some(1));
        memo.start();
        assert_eq!(memo.get(key_of("a")), Some(1), "used last build: kept");
        assert_eq!(memo.get(key_of("b")), None, "unused last build: dropped");
        assert_eq!(memo.made(), 0, "found, not made");
        memo.put(key_of("c"), 3);
        assert_eq!(memo.made(), 1);
    }

    #[test]
    fn an_off_memo_keeps_nothing() {
        let memo: Memo<u32> = Memo::new(false);
        memo.put(key_of("a"), 1);
        assert_eq!(memo.get(key_of("a")), None);
        assert_eq!(memo.get_or(key_of("a"), || 5), 5);
    }

    #[test]
    fn keys_differ_by_content() {
        assert_ne!(key_of("a"), key_of("b"));
        assert_eq!(key_of(&[1u8, 2]), key_of(&[1u8, 2]));
    }
}

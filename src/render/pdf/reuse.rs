//! What the PDF writer keeps from one build of a watch session to the
//! next: compressed streams by the hash of their uncompressed bytes (a
//! font program, a ToUnicode map, an object stream of [`super::file`]),
//! page content streams by the hash of the page's items
//! ([`super::page_key`]), and embedded font subsets by their glyphs and
//! text. A kept value is exactly what compressing, encoding or subsetting
//! the same input again gives, so the file is byte-identical to a clean
//! build's.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use crate::layout::memo::{Key, KeyHasher, Memo};
use crate::layout::page::{NodeId, Page};

use super::fonts::EmbeddedFace;

/// A stream's bytes as written: compressed (`deflated`) when that paid,
/// with the digest of those bytes that the file's `/ID` is made of
/// ([`super::file`]), so that a kept stream is not hashed again.
#[derive(Clone)]
pub(super) struct Packed {
    pub bytes: Arc<Vec<u8>>,
    pub deflated: bool,
    pub digest: Key,
}

impl Packed {
    /// `bytes` as they are, deflated or not, with their digest.
    pub fn new(bytes: Vec<u8>, deflated: bool) -> Packed {
        Packed {
            digest: digest(&bytes),
            bytes: Arc::new(bytes),
            deflated,
        }
    }
}

/// The digest of a stream's bytes as written.
pub(super) fn digest(bytes: &[u8]) -> Key {
    bytes_key(0, bytes)
}

/// A 128-bit key of `bytes` (XXH3-128, seeded by `seed`): a watch session
/// hashes every page's items and every stream it keeps on each rebuild,
/// megabytes in all, and XXH3 does that several times faster than the
/// SipHash of [`crate::layout::memo::KeyHasher`], with as many bits.
pub(super) fn bytes_key(seed: u64, bytes: &[u8]) -> Key {
    let h = twox_hash::XxHash3_128::oneshot_with_seed(seed, bytes);
    Key((h >> 64) as u64, h as u64)
}

/// How many values of one kind a build found kept and how many it made.
#[derive(Default)]
struct Count {
    kept: AtomicUsize,
    made: AtomicUsize,
}

impl Count {
    fn note(&self, made: bool) {
        let slot = if made { &self.made } else { &self.kept };
        slot.fetch_add(1, Ordering::Relaxed);
    }

    fn take(&self) -> (usize, usize) {
        (
            self.kept.load(Ordering::Relaxed),
            self.made.load(Ordering::Relaxed),
        )
    }

    fn reset(&self) {
        self.kept.store(0, Ordering::Relaxed);
        self.made.store(0, Ordering::Relaxed);
    }
}

pub struct Reuse {
    streams: Memo<Packed>,
    pages: Memo<Packed>,
    /// Pages the layout kept, by their address: see [`Reuse::seen`].
    seen: Memo<Arc<Seen>>,
    pub(super) faces: Memo<Arc<EmbeddedFace>>,
    object_streams: Count,
    page_streams: Count,
    pages_seen: Count,
}

impl Default for Reuse {
    fn default() -> Self {
        Reuse::new(true)
    }
}

impl Reuse {
    fn new(on: bool) -> Reuse {
        Reuse {
            streams: Memo::new(on),
            pages: Memo::new(on),
            seen: Memo::new(on),
            faces: Memo::new(on),
            object_streams: Count::default(),
            page_streams: Count::default(),
            pages_seen: Count::default(),
        }
    }

    /// Keeps nothing (a one-off build).
    pub fn off() -> Reuse {
        Reuse::new(false)
    }

    pub(super) fn is_on(&self) -> bool {
        self.streams.is_on()
    }

    /// Opens a build (see [`Memo::start`]).
    pub(super) fn start(&self) {
        self.streams.start();
        self.pages.start();
        self.seen.start();
        self.faces.start();
        self.object_streams.reset();
        self.page_streams.reset();
        self.pages_seen.reset();
    }

    /// The object streams of the last build: how many were found kept (not
    /// compressed again) and how many were made.
    pub fn object_streams(&self) -> (usize, usize) {
        self.object_streams.take()
    }

    /// The page content streams of the last build: how many were found
    /// kept (not encoded again) and how many were encoded.
    pub fn page_streams(&self) -> (usize, usize) {
        self.page_streams.take()
    }

    /// The pages of the last build found by their address ([`Reuse::seen`])
    /// and those whose items were hashed.
    pub fn pages_seen(&self) -> (usize, usize) {
        self.pages_seen.take()
    }

    /// `raw` compressed at `level` by `pack` (`None` when compressing does
    /// not pay), or what was kept for the same input.
    pub(super) fn packed(
        &self,
        raw: Vec<u8>,
        level: u32,
        pack: impl FnOnce(&[u8]) -> Option<Vec<u8>>,
    ) -> Packed {
        let make = |raw: Vec<u8>| match pack(&raw) {
            Some(compressed) => Packed::new(compressed, true),
            None => Packed::new(raw, false),
        };
        if !self.streams.is_on() {
            return make(raw);
        }
        let key = bytes_key(u64::from(level) + 1, &raw);
        self.streams.get_or(key, || make(raw))
    }

    /// [`Reuse::packed`] for an object stream, counted.
    pub(super) fn object_stream(
        &self,
        raw: Vec<u8>,
        level: u32,
        pack: impl FnOnce(&[u8]) -> Option<Vec<u8>>,
    ) -> Packed {
        let mut made = false;
        let packed = self.packed(raw, level, |raw| {
            made = true;
            pack(raw)
        });
        self.object_streams.note(made);
        packed
    }

    /// The content stream of a page whose inputs have the key `key` (see
    /// [`super::page_key`]), made by `make` when none was kept; without a
    /// key (a one-off build), always made.
    pub(super) fn page(&self, key: Option<Key>, make: impl FnOnce() -> Packed) -> Packed {
        let Some(key) = key.filter(|_| self.pages.is_on()) else {
            return make();
        };
        let mut made = false;
        let page = self.pages.get_or(key, || {
            made = true;
            make()
        });
        self.page_streams.note(made);
        page
    }

    /// The key of `page`'s content and its MCIDs' nodes, as `make` gives
    /// them, or as they were the last time this same page was written
    /// with the same book-wide key (`shared`). A watch session's layout
    /// puts the pages an edit did not change into the new document as
    /// the very same shared pages, and a page's address identifies it
    /// while the entry holds it (the entry keeps the page alive): so a
    /// kept page costs a lookup, not a hash of its items. The same page
    /// marks the same nodes of the same part's structure (the layout
    /// composes a page again when its structure ids move), so its MCIDs'
    /// nodes and roles are the same too.
    pub(super) fn seen(
        &self,
        page: &Arc<Page>,
        shared: Key,
        make: impl FnOnce() -> (Key, Vec<NodeId>),
    ) -> Arc<Seen> {
        let address = Arc::as_ptr(page) as usize as u64;
        let id = KeyHasher::default().add(&(address, shared)).key();
        let found = self.seen.get(id).filter(|s| Arc::ptr_eq(&s.page, page));
        self.pages_seen.note(found.is_none());
        if let Some(seen) = found {
            return seen;
        }
        let (key, mcids) = make();
        let seen = Arc::new(Seen {
            page: page.clone(),
            key,
            mcids,
        });
        self.seen.put(id, seen.clone());
        seen
    }
}

/// What a page gave the last time it was written (see [`Reuse::seen`]).
pub(super) struct Seen {
    page: Arc<Page>,
    pub key: Key,
    pub mcids: Vec<NodeId>,
}

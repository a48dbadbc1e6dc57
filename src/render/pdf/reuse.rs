//! What the PDF writer keeps from one build of a watch session to the
//! next: compressed streams by the hash of their uncompressed bytes (a
//! page's content stream, a font program, a ToUnicode map) and embedded
//! font subsets by their glyphs and text. A kept value is exactly what
//! compressing or subsetting the same input again gives, so the file is
//! byte-identical to a clean build's.

use std::sync::Arc;

use crate::layout::memo::{KeyHasher, Memo};

use super::fonts::EmbeddedFace;

/// Compressed bytes, or `None` where compressing did not pay
/// ([`super::write`]'s rule).
type Packed = Option<Arc<Vec<u8>>>;

pub struct Reuse {
    streams: Memo<Packed>,
    pub(super) faces: Memo<Arc<EmbeddedFace>>,
}

impl Default for Reuse {
    fn default() -> Self {
        Reuse {
            streams: Memo::new(true),
            faces: Memo::new(true),
        }
    }
}

impl Reuse {
    /// Keeps nothing (a one-off build).
    pub fn off() -> Reuse {
        Reuse {
            streams: Memo::new(false),
            faces: Memo::new(false),
        }
    }

    pub(super) fn is_on(&self) -> bool {
        self.streams.is_on()
    }

    /// Opens a build (see [`Memo::start`]).
    pub(super) fn start(&self) {
        self.streams.start();
        self.faces.start();
    }

    /// `raw` compressed at `level` by `pack`, or the bytes kept for the
    /// same input; `None` when compressing does not pay.
    pub(super) fn packed(
        &self,
        raw: &[u8],
        level: u32,
        pack: impl FnOnce() -> Option<Vec<u8>>,
    ) -> Option<Vec<u8>> {
        if !self.streams.is_on() {
            return pack();
        }
        let key = KeyHasher::default().add(&level).add(raw).key();
        let kept = self.streams.get_or(key, || pack().map(Arc::new));
        kept.map(|bytes| bytes.as_ref().clone())
    }
}

//! What every stage of the layout reads: the book, the fonts (as a
//! [`Shaper`]), the settings, and where warnings go.

use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;

use crate::book::Book;
use crate::config::PdfConfig;
use crate::diagnostics::{Diagnostics, Location};
use crate::fonts::Role;
use crate::text::Locale;

use super::shape::Shaper;

/// A character no font has, and where it was first met.
type Missing = (char, Option<Location>);

pub struct Env<'a> {
    pub book: &'a Book,
    pub shaper: &'a dyn Shaper,
    pub config: &'a PdfConfig,
    pub diagnostics: &'a Diagnostics,
    /// Characters already reported missing: one warning each per build.
    reported: RefCell<BTreeSet<char>>,
    /// In a [fork](Env::fork): the missing characters found, with where,
    /// for the parent to report when it [absorbs](Env::absorb) the fork.
    /// `None` in the root, which reports at once.
    found: Option<RefCell<Vec<Missing>>>,
    /// The chapter being laid out, for the location of warnings.
    location: RefCell<Option<Location>>,
    /// Multiplies the body size (the copyright page shrinks to fit one
    /// page).
    scale: Cell<f32>,
    /// The largest body size the page allows (type larger than a quarter
    /// of the text width would not fit titles on the page).
    limit: Cell<f32>,
}

impl<'a> Env<'a> {
    pub fn new(
        book: &'a Book,
        shaper: &'a dyn Shaper,
        config: &'a PdfConfig,
        diagnostics: &'a Diagnostics,
    ) -> Self {
        Env {
            book,
            shaper,
            config,
            diagnostics,
            reported: RefCell::new(BTreeSet::new()),
            found: None,
            location: RefCell::new(None),
            scale: Cell::new(1.0),
            limit: Cell::new(f32::MAX),
        }
    }

    /// An environment for laying out one part of the book on another
    /// thread: the same book, fonts and settings, its own location, and
    /// missing characters kept for [`Env::absorb`] instead of reported.
    pub fn fork(&self) -> Env<'a> {
        Env {
            book: self.book,
            shaper: self.shaper,
            config: self.config,
            diagnostics: self.diagnostics,
            reported: RefCell::new(self.reported.borrow().clone()),
            found: Some(RefCell::new(Vec::new())),
            location: RefCell::new(None),
            scale: Cell::new(self.scale.get()),
            limit: Cell::new(self.limit.get()),
        }
    }

    /// Reports what `fork` found. Absorbing forks in book order gives the
    /// same warnings, in the same order, as laying the parts out one after
    /// another would, whichever thread finished first.
    pub fn absorb(&self, fork: Env<'_>) {
        for (c, location) in fork.found.map(RefCell::into_inner).unwrap_or_default() {
            self.report(c, location);
        }
    }

    /// Body font size in points, kept in a sane range whatever the config
    /// says (a zero or negative size would make every loop degenerate).
    pub fn body_size(&self) -> f32 {
        let s = self.config.font_size;
        let s = if s.is_finite() {
            s.clamp(4.0, 72.0)
        } else {
            10.5
        };
        s.min(self.limit.get()) * self.scale.get()
    }

    /// Caps the body size (see [`Env::body_size`]).
    pub fn set_limit(&self, limit: f32) {
        self.limit.set(limit.max(1.0));
    }

    pub fn set_scale(&self, scale: f32) {
        self.scale.set(scale);
    }

    pub fn line_height(&self) -> f32 {
        let l = self.config.line_height;
        if l.is_finite() {
            l.clamp(1.0, 4.0)
        } else {
            1.7
        }
    }

    pub fn is_cjk(&self) -> bool {
        self.book.meta.is_cjk()
    }

    /// The first-line indent of a body paragraph, in em: two characters in
    /// Chinese (clreq), one in Japanese (jlreq) and Korean (klreq: 1 em is
    /// the common book setting), none elsewhere.
    pub fn indent(&self) -> f32 {
        match self.book.meta.locale() {
            Locale::Hans | Locale::Hant | Locale::HongKong => 2.0,
            Locale::Japanese | Locale::Korean => 1.0,
            Locale::Other => 0.0,
        }
    }

    pub fn set_location(&self, location: Option<Location>) {
        *self.location.borrow_mut() = location;
    }

    /// Shapes `text`, reporting characters no font has, once each. The
    /// font set only looks for missing characters when the shaper gave a
    /// `.notdef` glyph (id 0): the common case pays for one pass, not two.
    pub fn shape(&self, text: &str, role: Role) -> Vec<crate::fonts::ShapedGlyph> {
        let glyphs = self.shaper.shape(text, role);
        if glyphs.iter().any(|g| g.gid == 0) {
            self.report_missing(text, role);
        }
        glyphs
    }

    fn report_missing(&self, text: &str, role: Role) {
        for c in self.shaper.missing(text, role) {
            let location = self.location.borrow().clone();
            match &self.found {
                Some(found) => {
                    if self.reported.borrow_mut().insert(c) {
                        found.borrow_mut().push((c, location));
                    }
                }
                None => self.report(c, location),
            }
        }
    }

    /// Warns about a character no font has, the first time it is met.
    fn report(&self, c: char, location: Option<Location>) {
        if !self.reported.borrow_mut().insert(c) {
            return;
        }
        self.diagnostics.push(
            crate::Diagnostic::warning(
                location,
                format!(
                    "no font has the character {c:?} (U+{:04X}); the PDF shows a blank in its place",
                    c as u32
                ),
            )
            .with_help("add a font that covers it to [folio.fonts] in book.toml"),
        );
    }
}

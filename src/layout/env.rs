//! What every stage of the layout reads: the book, the fonts (as a
//! [`Shaper`]), the settings, and where warnings go.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeSet, HashMap};

use crate::book::Book;
use crate::config::PdfConfig;
use crate::diagnostics::{Diagnostics, Location};
use crate::fonts::{FaceId, FontKey};
use crate::text::Locale;

use super::shape::Shaper;

/// A character no font has, and where it was first met.
pub(super) type Missing = (char, Option<Location>);

pub struct Env<'a> {
    pub book: &'a Book,
    pub shaper: &'a dyn Shaper,
    pub config: &'a PdfConfig,
    pub diagnostics: &'a Diagnostics,
    /// Characters already found missing.
    reported: RefCell<BTreeSet<char>>,
    /// The missing characters found, each once, with where it was first
    /// met, in book order: reported as one warning at the end
    /// ([`Env::report_missing`]); a [fork](Env::fork) hands its own to the
    /// parent that [absorbs](Env::absorb) it.
    found: RefCell<Vec<Missing>>,
    /// The chapter being laid out, for the location of warnings.
    location: RefCell<Option<Location>>,
    /// The language of the chapter being laid out when it has its own:
    /// the locale of every run that does not name one ([`Env::shape`]).
    locale: Cell<Option<Locale>>,
    /// Multiplies the body size (the copyright page shrinks to fit one
    /// page).
    scale: Cell<f32>,
    /// Replaces the configured line height while set (the copyright page
    /// is set tighter than the body).
    leading: Cell<Option<f32>>,
    /// The largest body size the page allows (type larger than a quarter
    /// of the text width would not fit titles on the page).
    limit: Cell<f32>,
    /// The vertical forms looked up so far ([`Env::vertical_form`]): a
    /// book draws a few thousand distinct glyphs hundreds of thousands of
    /// times.
    vertical: RefCell<HashMap<(FaceId, u16), Option<u16>>>,
    /// What a watch session keeps of earlier layouts (laid-out chapters),
    /// and the key of everything book-wide they depend on.
    pub reuse: Option<(&'a super::Reuse, super::memo::Key)>,
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
            found: RefCell::new(Vec::new()),
            location: RefCell::new(None),
            locale: Cell::new(None),
            scale: Cell::new(1.0),
            leading: Cell::new(None),
            limit: Cell::new(f32::MAX),
            vertical: RefCell::new(HashMap::new()),
            reuse: None,
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
            found: RefCell::new(Vec::new()),
            location: RefCell::new(None),
            locale: Cell::new(None),
            scale: Cell::new(self.scale.get()),
            leading: Cell::new(self.leading.get()),
            limit: Cell::new(self.limit.get()),
            vertical: RefCell::new(HashMap::new()),
            reuse: self.reuse,
        }
    }

    /// What a fork's layout depends on besides the part it lays out: the
    /// characters already found missing (a fork notes only new ones) and
    /// the size and leading in force.
    pub fn fork_state(&self, hasher: &mut super::memo::KeyHasher) {
        hasher.add(&*self.reported.borrow());
        hasher.add(&self.scale.get().to_bits());
        hasher.add(&self.leading.get().map(f32::to_bits));
        hasher.add(&self.limit.get().to_bits());
    }

    /// [`Env::fork_state`] and the part's language: what setting a
    /// paragraph depends on beyond its runs and the book-wide key.
    pub fn text_state(&self, hasher: &mut super::memo::KeyHasher) {
        self.fork_state(hasher);
        hasher.add(&format!("{:?}", self.locale.get()));
    }

    /// The missing characters this fork found, in order, for a memoized
    /// part to [replay](Env::replay) when it is reused.
    pub fn found(&self) -> Vec<Missing> {
        self.found.borrow().clone()
    }

    /// How many missing characters this environment has found.
    pub fn found_count(&self) -> usize {
        self.found.borrow().len()
    }

    /// `make`'s value, or the one a watch session kept in `memo` under
    /// `key`. A value whose making found a character no font has is not
    /// kept: the next layout makes it again, and so notes it again.
    pub fn kept<V: Clone>(
        &self,
        memo: &super::memo::Memo<V>,
        key: super::memo::Key,
        make: impl FnOnce() -> V,
    ) -> V {
        if let Some(value) = memo.get(key) {
            return value;
        }
        let found = self.found_count();
        let value = make();
        if self.found_count() == found {
            memo.put(key, value.clone());
        }
        value
    }

    /// Notes `found` as if this fork had laid the part out again.
    pub fn replay(&self, found: &[Missing]) {
        for (c, location) in found {
            self.note_missing(*c, location.clone());
        }
    }

    /// Takes over what `fork` found. Absorbing forks in book order gives
    /// the same warning, with the same first places, as laying the parts
    /// out one after another would, whichever thread finished first.
    pub fn absorb(&self, fork: Env<'_>) {
        for (c, location) in fork.found.into_inner() {
            self.note_missing(c, location);
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

    /// The line height as a multiple of the size: the configured one
    /// (kept in a sane range), or the one [`Env::set_leading`] put in force.
    pub fn line_height(&self) -> f32 {
        if let Some(l) = self.leading.get() {
            return l;
        }
        self.configured_line_height()
    }

    fn configured_line_height(&self) -> f32 {
        let l = self.config.line_height;
        if l.is_finite() {
            l.clamp(1.0, 4.0)
        } else {
            1.7
        }
    }

    /// Sets every line `factor` times its configured height, or back to
    /// the configured height with `None`. Never below 1.3 (Han text set
    /// closer touches line to line) unless the configured height already is.
    pub fn set_leading(&self, factor: Option<f32>) {
        let l = self.configured_line_height();
        self.leading.set(factor.map(|f| (l * f).max(l.min(1.3))));
    }

    /// Whether body text may hyphenate its Latin words: English patterns
    /// only, so in English books and in CJK books (whose Latin words are
    /// mostly English names and terms), not in French or German ones.
    pub fn hyphenates(&self) -> bool {
        let lang = self.book.meta.lang.to_ascii_lowercase();
        self.is_cjk() || lang == "en" || lang.starts_with("en-") || lang.starts_with("en_")
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

    /// See [`Shaper::nominal_advance`].
    pub fn nominal_advance(&self, face: crate::fonts::FaceId, gid: u16) -> Option<f32> {
        self.shaper.nominal_advance(face, gid)
    }

    /// The vertical form of glyph `gid` of `face` (see
    /// [`Shaper::vertical_form`]), looked up once per glyph.
    pub fn vertical_form(&self, face: FaceId, gid: u16) -> Option<u16> {
        *self
            .vertical
            .borrow_mut()
            .entry((face, gid))
            .or_insert_with(|| self.shaper.vertical_form(face, gid))
    }

    /// Sets the language of the part being laid out (a chapter's own
    /// `lang`), or back to the book's with `None`.
    pub fn set_language(&self, lang: Option<&str>) {
        self.locale.set(lang.map(Locale::of));
    }

    /// Shapes `text`, noting characters no font has. The font set only
    /// looks for missing characters when the shaper gave a `.notdef` glyph
    /// (id 0): the common case pays for one pass, not two.
    ///
    /// A key without a locale takes the part's ([`Env::set_language`]):
    /// every run reaches the fonts through here, so this one fallback
    /// covers headings, body, notes and ruby alike, and runs built before
    /// the chapter's language was known need not carry it.
    pub fn shape(&self, text: &str, key: FontKey) -> Vec<crate::fonts::ShapedGlyph> {
        let key = FontKey {
            locale: key.locale.or(self.locale.get()),
            ..key
        };
        let glyphs = self.shaper.shape(text, key);
        if glyphs.iter().any(|g| g.gid == 0) {
            for c in self.shaper.missing(text, key) {
                let location = self.location.borrow().clone();
                self.note_missing(c, location);
            }
        }
        glyphs
    }

    /// True when `face` is a real bold face (see [`Shaper::is_bold`]).
    pub fn is_bold_face(&self, face: crate::fonts::FaceId) -> bool {
        self.shaper.is_bold(face)
    }

    fn note_missing(&self, c: char, location: Option<Location>) {
        if self.reported.borrow_mut().insert(c) {
            self.found.borrow_mut().push((c, location));
        }
    }

    /// Warns once about every character no font has: how many, the first
    /// ones, where the first was met, and what to install. Called by the
    /// root environment when the whole book is laid out.
    pub fn report_missing(&self) {
        let found = self.found.borrow();
        let Some((_, first_at)) = found.first() else {
            return;
        };
        let chars: Vec<char> = found.iter().map(|(c, _)| *c).collect();
        let places = found
            .iter()
            .filter_map(|(_, l)| l.as_ref())
            .collect::<BTreeSet<_>>()
            .len();
        let mut message = format!(
            "{} no font has: {}; the PDF prints each as a box (.notdef)",
            match chars.len() {
                1 => "1 character".to_string(),
                n => format!("{n} characters"),
            },
            crate::text::script::describe_chars(&chars, 8),
        );
        if places > 1 {
            message.push_str(&format!(" (first here, {places} places in all)"));
        }
        self.diagnostics.push(
            crate::Diagnostic::warning(first_at.clone(), message)
                .with_help(crate::text::script::font_hint(&chars)),
        );
    }
}

//! Formulas in the PDF.
//!
//! A formula folio could not parse (a warning was given) is set as its TeX
//! source in the code style.

use super::block::{BlockLayout, Ctx};
use super::inline::Run;
use super::style::Style;
use crate::fonts::Role;
use crate::math::Math;

/// The run of a formula in running text.
pub fn run(m: &Math, style: Style) -> Run {
    let mut s = style;
    s.role = Role::Mono;
    s.code = true;
    Run::text(m.tex.clone(), s)
}

impl BlockLayout<'_, '_> {
    /// Display math standing alone.
    pub(in crate::layout) fn display_math(&mut self, m: &Math, ctx: &Ctx) {
        self.code_block(m.tex.trim(), ctx);
    }
}

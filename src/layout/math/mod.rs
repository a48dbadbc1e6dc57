//! Formulas in the PDF, set with the built-in OpenType MATH face (Folio
//! Math, from Latin Modern Math) into the same glyph runs and rules the
//! text layout draws, so the PDF writer knows nothing of math.
//!
//! One file per concern: [`font`] (the MATH table in em), [`boxes`]
//! (laid-out pieces), [`lay`] (the walk, atoms, rows, spacing), [`frac`]
//! (fractions, accents, limits), [`scripts`], [`stretch`] (big operators,
//! delimiters, radicals), [`table`] (matrices and aligned), `display`
//! (display math as a block). A formula folio could not parse (a warning
//! was given), or any formula when no math face is at hand (the unit
//! tests' fake fonts), is set as its TeX source in the code style.

mod boxes;
mod display;
mod font;
mod frac;
mod lay;
mod scripts;
mod stretch;
mod table;

use std::sync::Arc;

pub use boxes::MBox;

use super::env::Env;
use super::inline::{Run, RunKind};
use super::style::Style;
use crate::fonts::Role;
use crate::math::Math;

/// The run of a formula in running text.
pub fn run(m: &Math, style: Style) -> Run {
    if m.tree.is_none() {
        return code_run(m, style);
    }
    Run {
        kind: RunKind::Math(Arc::new(m.clone()), None),
        ..Run::text("", style)
    }
}

/// `m`'s source as code.
pub fn code_run(m: &Math, style: Style) -> Run {
    let mut s = style;
    s.role = Role::Mono;
    s.code = true;
    Run::text(m.tex.trim().to_string(), s)
}

/// Lays `m` out at `size` points; `None` without a math face or tree.
pub fn lay_out(env: &Env<'_>, m: &Math, size: f32, display: bool) -> Option<MBox> {
    let tree = m.tree.as_ref()?;
    let (id, face) = env.shaper.math_face()?;
    let font = font::MathFont::new(id, face)?;
    let st = lay::St {
        font: &font,
        env,
        base: size,
        display,
        level: 0,
        cramped: false,
        middle: 0.0,
    };
    Some(lay::node(tree, st))
}

/// Gives every formula run of `runs` its box (or its source as code).
pub fn prepare_runs(env: &Env<'_>, runs: &mut [Run]) {
    for run in runs.iter_mut() {
        if let RunKind::Math(m, laid @ None) = &mut run.kind {
            match lay_out(env, m, run.style.glyph_size(), false) {
                Some(b) => *laid = Some(Arc::new(b)),
                None => *run = code_run(&m.clone(), run.style.clone()),
            }
        }
    }
}

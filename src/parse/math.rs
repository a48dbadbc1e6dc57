//! Formulas met while reading a file: parsed with the book's macros so far,
//! unparsable ones reported at their line (see [`crate::math::input`]).

use super::sink::FileSink;
use crate::book::{Block, Inline};

impl FileSink<'_, '_> {
    /// A `$…$` or `$$…$$` event of pulldown-cmark at `range` of `source`
    /// (the file as written).
    pub fn math(
        &mut self,
        tex: &str,
        display: bool,
        source: &str,
        range: std::ops::Range<usize>,
    ) -> Inline {
        let line = self.line_of(range.start);
        self.uses_math_macros();
        let mut macros = std::mem::take(&mut self.book.math_macros);
        let inline = crate::math::input::math(tex, display, source, range, &mut macros, &mut |m| {
            self.warn(line, m)
        });
        self.book.math_macros = macros;
        inline
    }

    /// A ```` ```math ```` fence: display math.
    pub fn math_fence(&mut self, tex: &str) -> Block {
        let line = self.line_of(self.cursor);
        self.uses_math_macros();
        let mut macros = std::mem::take(&mut self.book.math_macros);
        let math = crate::math::input::formula(tex, true, &mut macros, &mut |m| self.warn(line, m));
        self.book.math_macros = macros;
        Block::Math(Box::new(math))
    }
}

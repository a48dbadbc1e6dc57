//! Glyph runs into text operators: one `Tm` + `TJ` per run of equal
//! baseline offset, the glyphs placed at the layout's exact x positions by
//! TJ kerning numbers (see [`super::content`]), with `/ActualText` where a
//! glyph stands for other text than its font says.

use super::content::{Paint, Param, Writer};
use super::fonts::EmbeddedFace;
use super::num::{finite, push_hex4, push_int, thousandths};
use crate::layout::page::{GlyphRun, Orientation, PositionedGlyph};

/// Synthetic bold strokes the outline with this fraction of the font size.
const BOLD_STROKE: f32 = 1.0 / 30.0;

impl Writer {
    pub(super) fn text(&mut self, run: &GlyphRun, face: &EmbeddedFace) {
        let size = finite(run.size);
        if run.glyphs.is_empty() || size <= 0.0 {
            return;
        }
        if !self.st.in_text {
            self.op("BT");
            self.st.in_text = true;
        }
        let size_key = thousandths(size);
        let upright = run.orientation == Orientation::Upright;
        if self.st.font != Some((run.face, size_key, upright)) {
            if upright {
                self.name(&face.vertical_name());
            } else {
                self.name(&face.name);
            }
            self.nums(&[size]);
            self.op("Tf");
            self.st.font = Some((run.face, size_key, upright));
        }
        self.paint(Paint::Fill, run.color);
        if run.synthetic_bold {
            self.paint(Paint::Stroke, run.color);
            self.set(Param::LineWidth, size * BOLD_STROKE);
        }
        if self.st.bold != run.synthetic_bold {
            self.out
                .extend_from_slice(if run.synthetic_bold { b"2" } else { b"0" });
            self.op("Tr");
            self.st.bold = run.synthetic_bold;
        }
        let baseline = self.height - finite(run.y);
        // Upright side by side in one cell (縦中横): one text for the cell,
        // so that extractors read it in its place in the column.
        let cell =
            upright && run.glyphs.len() > 1 && run.glyphs.iter().all(|g| g.x == run.glyphs[0].x);
        if cell {
            let text: String = run.glyphs.iter().map(|g| g.text.as_str()).collect();
            self.begin_actual_text(&text);
        }
        // Glyphs raised or lowered from the baseline start a new text matrix.
        for group in run
            .glyphs
            .chunk_by(|a, b| finite(a.y_offset) == finite(b.y_offset))
        {
            let x0 = finite(group[0].x);
            let offset = finite(group[0].y_offset);
            // A vertical run's axes are swapped (see `Orientation`).
            let (y, x) = (self.height - x0, finite(run.y) + offset);
            // An upright glyph stands in the em above the pen (see
            // `vertical::ORIGIN_Y`): the pen starts at the foot of the first.
            let y = if upright { y - size } else { y };
            match run.orientation {
                Orientation::Horizontal => self.nums(&[1.0, 0.0, 0.0, 1.0, x0, baseline + offset]),
                Orientation::Upright => self.nums(&[1.0, 0.0, 0.0, 1.0, x, y]),
                Orientation::Rotated => self.nums(&[0.0, -1.0, 1.0, 0.0, x, y]),
            }
            self.op("Tm");
            self.show(group, face, x0, size, upright);
        }
        if cell {
            self.op("EMC");
        }
    }

    /// Opens a `/Span` whose `/ActualText` is `text`.
    fn begin_actual_text(&mut self, text: &str) {
        self.out.extend_from_slice(b"/Span<</ActualText<FEFF");
        for unit in text.encode_utf16() {
            push_hex4(&mut self.out, unit);
        }
        self.out.extend_from_slice(b">>>BDC\n");
    }

    /// Shows `glyphs` from the current text position with `TJ`. A glyph whose
    /// text is not the one its glyph id has in the font's ToUnicode map (a
    /// `.notdef` standing for one of several missing characters, one glyph
    /// drawn for both U+0020 and U+00A0) is shown in an `/ActualText` span of
    /// its own, so that copying and searching still give the text the
    /// manuscript had. The pen carries on from one TJ to the next, so
    /// splitting moves nothing.
    ///
    /// Glyphs `upright` in a vertical font advance down the column by their
    /// `/W2` advances, and a TJ number moves the next one *down* (ISO
    /// 32000-1 9.4.4: the vertical displacement is `w1 − n/1000`).
    fn show(
        &mut self,
        glyphs: &[PositionedGlyph],
        face: &EmbeddedFace,
        x0: f32,
        size: f32,
        upright: bool,
    ) {
        let sign = if upright { -1.0 } else { 1.0 };
        // Added to every advance by the viewer, in 1/1000 em.
        let spacing = self.set_char_spacing(glyphs, face, x0, size, upright);
        let mut pen = 0.0_f32; // where the viewer's pen is, in 1/1000 em from x0
        let mut open = false; // inside a `[`…`]TJ` array
        let mut in_hex = false; // inside a `<`…`>` string of that array
        for (i, glyph) in glyphs.iter().enumerate() {
            let gid = face.gid(glyph.gid);
            let actual = !glyph.text.is_empty() && glyph.text != face.text(gid);
            if actual {
                if open {
                    self.close_tj(&mut open, &mut in_hex);
                }
                self.begin_actual_text(&glyph.text);
            }
            if !open {
                self.out.push(b'[');
                open = true;
            }
            if !in_hex {
                self.out.push(b'<');
                in_hex = true;
            }
            push_hex4(&mut self.out, gid);
            pen += advance(face, gid, upright) as f32 + spacing;
            if let Some(next) = glyphs.get(i + 1) {
                let wanted = (finite(next.x) - x0) * 1000.0 / size;
                // A TJ number n moves the next glyph by -n/1000 em
                // (horizontally; by +n/1000 em down a column).
                let offset = (pen - wanted).round();
                pen -= offset;
                if offset != 0.0 {
                    self.out.push(b'>');
                    in_hex = false;
                    push_int(&mut self.out, (sign * offset) as i64);
                }
            }
            if actual {
                self.close_tj(&mut open, &mut in_hex);
                self.op("EMC");
            }
        }
        if open {
            self.close_tj(&mut open, &mut in_hex);
        }
    }

    /// Sets the character spacing (`Tc`) to the extra space most gaps
    /// between `glyphs` have beyond the glyph's advance: a justified CJK
    /// line spreads its characters evenly, and one `Tc` then replaces a
    /// kerning number between every two glyphs of the TJ array (a third of
    /// the stream, before compression). Returns the spacing in 1/1000 em,
    /// exactly as the viewer will apply it.
    fn set_char_spacing(
        &mut self,
        glyphs: &[PositionedGlyph],
        face: &EmbeddedFace,
        x0: f32,
        size: f32,
        upright: bool,
    ) -> f32 {
        // (rounded extra in 1/1000 em, how many gaps have it, their sum)
        let mut buckets: Vec<(i64, usize, f32)> = Vec::new();
        let mut x = x0;
        for pair in glyphs.windows(2) {
            let next = finite(pair[1].x);
            let extra =
                (next - x) * 1000.0 / size - advance(face, face.gid(pair[0].gid), upright) as f32;
            x = next;
            let key = extra.round() as i64;
            match buckets.iter_mut().find(|b| b.0 == key) {
                Some(b) => {
                    b.1 += 1;
                    b.2 += extra;
                }
                None => buckets.push((key, 1, extra)),
            }
        }
        let common = buckets
            .iter()
            .max_by_key(|b| b.1)
            .filter(|b| b.0 != 0 && b.1 > 1)
            .map_or(0.0, |b| b.2 / b.1 as f32);
        let spacing = thousandths(common * size / 1000.0);
        // Down a column a positive `Tc` moves the pen up (it is added to
        // the negative vertical displacement).
        let sign = if upright { -1.0 } else { 1.0 };
        self.set(Param::CharSpacing, sign * spacing as f32 / 1000.0);
        spacing as f32 / size
    }

    fn close_tj(&mut self, open: &mut bool, in_hex: &mut bool) {
        if *in_hex {
            self.out.push(b'>');
            *in_hex = false;
        }
        self.out.extend_from_slice(b"]TJ\n");
        *open = false;
    }
}

/// The advance of subset glyph `gid` along its run, in thousandths of an em.
fn advance(face: &EmbeddedFace, gid: u16, upright: bool) -> i64 {
    if upright {
        face.vertical_width(gid)
    } else {
        face.width(gid)
    }
}

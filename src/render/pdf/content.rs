//! One laid-out page into the bytes of its content stream.
//!
//! The operators are written straight into a buffer: a page of CJK text is
//! mostly one `TJ` per line, and building an operation tree for it first
//! (printpdf's `Op`s) took a third of a large book's PDF time. Pages are
//! independent, so the writer encodes and compresses them in parallel.
//!
//! The layout gives top-left coordinates; PDF's origin is bottom-left, so
//! every y is flipped against the page height here. Text is written as one
//! `Tm` + `TJ` per run of equal baseline offset: the glyphs are placed at the
//! layout's exact x positions by TJ kerning numbers that correct the
//! viewer's pen (which advances by the `/W` widths) to the wanted position.

use std::collections::BTreeMap;

use super::fonts::EmbeddedFace;
use super::num::finite;
use crate::fonts::FaceId;
use crate::layout::page::{Color, GlyphRun, Item, Page, PositionedGlyph};

/// Synthetic bold strokes the outline with this fraction of the font size.
const BOLD_STROKE: f32 = 1.0 / 30.0;

/// Writes the content stream of `page`. `images` maps an asset index to
/// the resource name of the XObject that draws it (assets that could not
/// be embedded are absent and are skipped).
pub fn page_content(
    page: &Page,
    fonts: &BTreeMap<FaceId, EmbeddedFace>,
    images: &BTreeMap<usize, String>,
) -> Vec<u8> {
    let mut w = Writer {
        out: Vec::with_capacity(4096),
        st: State::default(),
        height: finite(page.height),
    };
    for item in &page.items {
        match item {
            Item::Text(run) => {
                if let Some(face) = fonts.get(&run.face) {
                    w.text(run, face);
                }
            }
            Item::Line {
                from,
                to,
                width,
                color,
            } => {
                w.end_text();
                w.paint(Paint::Stroke, *color);
                w.set(Param::LineWidth, finite(*width).max(0.0));
                w.nums(&[from.0, w.height - finite(from.1)]);
                w.op("m");
                w.nums(&[to.0, w.height - finite(to.1)]);
                w.op("l");
                w.op("S");
            }
            Item::Rect {
                x,
                y,
                width,
                height: h,
                color,
            } => {
                w.end_text();
                w.paint(Paint::Fill, *color);
                w.nums(&[*x, w.height - finite(*y) - finite(*h), *width, *h]);
                w.op("re");
                w.op("f");
            }
            Item::Image {
                asset,
                x,
                y,
                width,
                height: h,
            } => {
                let Some(name) = images.get(asset) else {
                    continue;
                };
                w.end_text();
                // The image is a unit square: scale it to the box and move
                // it to the box's lower-left corner.
                w.op("q");
                w.nums(&[*width, 0.0, 0.0, *h, *x, w.height - finite(*y) - finite(*h)]);
                w.op("cm");
                w.name(name);
                w.op("Do");
                w.op("Q");
            }
        }
    }
    w.end_text();
    w.out
}

/// A number of the graphics state that one operator sets.
#[derive(Clone, Copy)]
enum Param {
    LineWidth,
    /// Character spacing (`Tc`), in points.
    CharSpacing,
}

impl Param {
    fn operator(self) -> &'static str {
        match self {
            Param::LineWidth => "w",
            Param::CharSpacing => "Tc",
        }
    }
}

/// Graphics state already set in the content stream, so that operators are
/// only written when a value changes.
struct State {
    in_text: bool,
    font: Option<(FaceId, i64)>,
    bold: bool,
    /// Each [`Param`]'s value in thousandths, `None` while unknown.
    params: [Option<i64>; 2],
    /// The fill and stroke colours (see [`Paint`]), `None` while unknown.
    colors: [Option<ColorKey>; 2],
}

/// Which of the two colours an operator sets.
#[derive(Clone, Copy)]
enum Paint {
    Fill,
    Stroke,
}

/// A colour as written: its components in thousandths, so that a colour
/// is only set again when what the stream says would change.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ColorKey {
    Gray(i64),
    Rgb(i64, i64, i64),
}

impl Default for State {
    fn default() -> Self {
        State {
            in_text: false,
            font: None,
            bold: false,
            // A content stream starts with no character spacing.
            params: [None, Some(0)],
            colors: [None, None],
        }
    }
}

struct Writer {
    out: Vec<u8>,
    st: State,
    /// Page height, to flip y.
    height: f32,
}

impl Writer {
    fn text(&mut self, run: &GlyphRun, face: &EmbeddedFace) {
        let size = finite(run.size);
        if run.glyphs.is_empty() || size <= 0.0 {
            return;
        }
        if !self.st.in_text {
            self.op("BT");
            self.st.in_text = true;
        }
        let size_key = thousandths(size);
        if self.st.font != Some((run.face, size_key)) {
            self.name(&face.name);
            self.nums(&[size]);
            self.op("Tf");
            self.st.font = Some((run.face, size_key));
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
        // Glyphs raised or lowered from the baseline start a new text matrix.
        for group in run
            .glyphs
            .chunk_by(|a, b| finite(a.y_offset) == finite(b.y_offset))
        {
            let x0 = finite(group[0].x);
            self.nums(&[1.0, 0.0, 0.0, 1.0, x0, baseline + finite(group[0].y_offset)]);
            self.op("Tm");
            self.show(group, face, x0, size);
        }
    }

    /// Shows `glyphs` from the current text position with `TJ`. A glyph whose
    /// text is not the one its glyph id has in the font's ToUnicode map (a
    /// `.notdef` standing for one of several missing characters, one glyph
    /// drawn for both U+0020 and U+00A0) is shown in an `/ActualText` span of
    /// its own, so that copying and searching still give the text the
    /// manuscript had. The pen carries on from one TJ to the next, so
    /// splitting moves nothing.
    fn show(&mut self, glyphs: &[PositionedGlyph], face: &EmbeddedFace, x0: f32, size: f32) {
        // Added to every advance by the viewer, in 1/1000 em.
        let spacing = self.set_char_spacing(glyphs, face, x0, size);
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
                self.out.extend_from_slice(b"/Span<</ActualText<FEFF");
                for unit in glyph.text.encode_utf16() {
                    push_hex4(&mut self.out, unit);
                }
                self.out.extend_from_slice(b">>>BDC\n");
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
            pen += face.width(gid) as f32 + spacing;
            if let Some(next) = glyphs.get(i + 1) {
                let wanted = (finite(next.x) - x0) * 1000.0 / size;
                // A TJ number n moves the next glyph by -n/1000 em.
                let offset = (pen - wanted).round();
                pen -= offset;
                if offset != 0.0 {
                    self.out.push(b'>');
                    in_hex = false;
                    push_int(&mut self.out, offset as i64);
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
    ) -> f32 {
        // (rounded extra in 1/1000 em, how many gaps have it, their sum)
        let mut buckets: Vec<(i64, usize, f32)> = Vec::new();
        let mut x = x0;
        for pair in glyphs.windows(2) {
            let next = finite(pair[1].x);
            let extra = (next - x) * 1000.0 / size - face.width(face.gid(pair[0].gid)) as f32;
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
        self.set(Param::CharSpacing, spacing as f32 / 1000.0);
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

    fn end_text(&mut self) {
        if self.st.in_text {
            self.op("ET");
            self.st.in_text = false;
        }
    }

    /// Sets `param` to `value`, writing the operator only on a change.
    /// Sets the fill or stroke colour: `g`/`G` for a gray level, `rg`/`RG`
    /// for RGB, each component clamped to 0..=1.
    fn paint(&mut self, paint: Paint, color: Color) {
        let key = match color {
            Color::Gray(g) => ColorKey::Gray(thousandths(unit(g))),
            Color::Rgb(r, g, b) => ColorKey::Rgb(
                thousandths(unit(r)),
                thousandths(unit(g)),
                thousandths(unit(b)),
            ),
        };
        let slot = &mut self.st.colors[paint as usize];
        if *slot == Some(key) {
            return;
        }
        *slot = Some(key);
        let (op, stroke_op) = match color {
            Color::Gray(g) => {
                self.nums(&[unit(g)]);
                ("g", "G")
            }
            Color::Rgb(r, g, b) => {
                self.nums(&[unit(r), unit(g), unit(b)]);
                ("rg", "RG")
            }
        };
        self.op(match paint {
            Paint::Fill => op,
            Paint::Stroke => stroke_op,
        });
    }

    fn set(&mut self, param: Param, value: f32) {
        let key = thousandths(value);
        let slot = &mut self.st.params[param as usize];
        if *slot != Some(key) {
            *slot = Some(key);
            self.nums(&[value]);
            self.op(param.operator());
        }
    }

    /// Numbers as operands, each followed by a space.
    fn nums(&mut self, values: &[f32]) {
        for &v in values {
            push_num(&mut self.out, v);
            self.out.push(b' ');
        }
    }

    fn name(&mut self, name: &str) {
        self.out.push(b'/');
        self.out.extend_from_slice(name.as_bytes());
        self.out.push(b' ');
    }

    /// An operator, ending its line.
    fn op(&mut self, op: &str) {
        self.out.extend_from_slice(op.as_bytes());
        self.out.push(b'\n');
    }
}

/// A colour component in 0..=1.
fn unit(v: f32) -> f32 {
    finite(v).clamp(0.0, 1.0)
}

/// `v` in thousandths, rounded: the precision numbers are written with
/// (far below what any device resolves, and it keeps the streams short).
fn thousandths(v: f32) -> i64 {
    (f64::from(finite(v)) * 1000.0).round() as i64
}

/// Writes `v` rounded to 1/1000, without trailing zeros (`12`, `-0.5`,
/// `419.528`); never `-0`, NaN or an exponent.
fn push_num(out: &mut Vec<u8>, v: f32) {
    let t = thousandths(v);
    if t < 0 {
        out.push(b'-');
    }
    let t = t.unsigned_abs();
    push_digits(out, t / 1000);
    let mut frac = t % 1000;
    if frac != 0 {
        out.push(b'.');
        for _ in 0..3 {
            out.push(b'0' + (frac / 100) as u8);
            frac = frac % 100 * 10;
            if frac == 0 {
                break;
            }
        }
    }
}

fn push_int(out: &mut Vec<u8>, v: i64) {
    if v < 0 {
        out.push(b'-');
    }
    push_digits(out, v.unsigned_abs());
}

fn push_digits(out: &mut Vec<u8>, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[at..]);
}

fn push_hex4(out: &mut Vec<u8>, v: u16) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.extend_from_slice(&[
        HEX[usize::from(v >> 12)],
        HEX[usize::from((v >> 8) & 0xF)],
        HEX[usize::from((v >> 4) & 0xF)],
        HEX[usize::from(v & 0xF)],
    ]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::Subset;
    use lopdf::content::{Content, Operation};
    use lopdf::Object;

    /// A face whose glyphs 10 and 11 became subset glyphs 1 ("a", 500/1000
    /// em) and 2 ("中", 1000/1000 em).
    fn face() -> EmbeddedFace {
        EmbeddedFace::for_tests(
            "F0",
            [(10, 1), (11, 2)].into(),
            vec![0, 500, 1000],
            vec![String::new(), "a".into(), "中".into()],
            Subset {
                data: Vec::new(),
                remap: [(0, 0), (10, 1), (11, 2)].into(),
                is_cff: false,
            },
        )
    }

    fn glyph(gid: u16, x: f32) -> PositionedGlyph {
        PositionedGlyph {
            gid,
            x,
            y_offset: 0.0,
            text: Default::default(),
        }
    }

    fn page_of(items: Vec<Item>) -> Page {
        Page {
            width: 100.0,
            height: 200.0,
            items,
            ..Page::default()
        }
    }

    fn ops_for(run: GlyphRun) -> Vec<Operation> {
        let bytes = page_content(
            &page_of(vec![Item::Text(run)]),
            &[(FaceId(0), face())].into(),
            &BTreeMap::new(),
        );
        decode(&bytes)
    }

    fn decode(bytes: &[u8]) -> Vec<Operation> {
        Content::decode(bytes)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(bytes)))
            .operations
    }

    fn run(glyphs: Vec<PositionedGlyph>) -> GlyphRun {
        GlyphRun {
            face: FaceId(0),
            size: 10.0,
            y: 50.0,
            glyphs,
            synthetic_bold: false,
            color: Color::BLACK,
        }
    }

    fn number(o: &Object) -> f32 {
        match o {
            Object::Integer(i) => *i as f32,
            Object::Real(r) => *r,
            other => panic!("not a number: {other:?}"),
        }
    }

    /// The TJ arrays, as (glyph ids, kerning numbers) in stream order.
    fn shown(ops: &[Operation]) -> (Vec<u16>, Vec<f32>) {
        let (mut gids, mut kerns) = (Vec::new(), Vec::new());
        for op in ops.iter().filter(|op| op.operator == "TJ") {
            let Some(Object::Array(items)) = op.operands.first() else {
                panic!("TJ takes an array")
            };
            for item in items {
                match item {
                    Object::String(bytes, _) => {
                        gids.extend(bytes.chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])))
                    }
                    n => kerns.push(number(n)),
                }
            }
        }
        (gids, kerns)
    }

    #[test]
    fn kerning_places_glyphs_at_layout_positions() {
        // "a" is 500/1000 em = 5 pt wide at 10 pt; the next glyph is wanted
        // at 6 pt, 1 pt (100/1000 em) further: a TJ number of -100.
        let ops = ops_for(run(vec![glyph(10, 20.0), glyph(11, 26.0), glyph(10, 36.0)]));
        assert_eq!(shown(&ops), (vec![1, 2, 1], vec![-100.0]));
        let tm = ops.iter().find(|op| op.operator == "Tm").expect("a matrix");
        let tm: Vec<f32> = tm.operands.iter().map(number).collect();
        assert_eq!(tm, [1.0, 0.0, 0.0, 1.0, 20.0, 150.0]);
        let tf = ops.iter().find(|op| op.operator == "Tf").expect("a font");
        assert_eq!(tf.operands[0], Object::Name(b"F0".to_vec()));
        assert_eq!(number(&tf.operands[1]), 10.0);
    }

    #[test]
    fn evenly_spread_glyphs_get_one_tc_and_no_kerning() {
        // "中" is 10 pt wide at 10 pt; set 10.5 pt apart, as a justified
        // line spreads them: 0.5 pt of character spacing, no TJ numbers.
        let glyphs = (0..6).map(|i| glyph(11, 10.0 + 10.5 * i as f32)).collect();
        let ops = ops_for(run(glyphs));
        let tc: Vec<f32> = ops
            .iter()
            .filter(|op| op.operator == "Tc")
            .map(|op| number(&op.operands[0]))
            .collect();
        assert_eq!(tc, [0.5]);
        assert_eq!(shown(&ops), (vec![2; 6], vec![]));
        // The next run, set solid, puts the spacing back to 0.
        let page = page_of(vec![
            Item::Text(run((0..3).map(|i| glyph(11, 10.5 * i as f32)).collect())),
            Item::Text(run((0..3).map(|i| glyph(11, 10.0 * i as f32)).collect())),
        ]);
        let ops = decode(&page_content(
            &page,
            &[(FaceId(0), face())].into(),
            &BTreeMap::new(),
        ));
        let tc: Vec<f32> = ops
            .iter()
            .filter(|op| op.operator == "Tc")
            .map(|op| number(&op.operands[0]))
            .collect();
        assert_eq!(tc, [0.5, 0.0]);
    }

    #[test]
    fn glyph_standing_for_other_text_gets_actual_text() {
        // The face's ToUnicode says glyph 10 is "a"; here it also stands
        // for "b" (as .notdef stands for every missing character).
        let mut b = glyph(10, 5.0);
        b.text = "b".into();
        let mut a = glyph(10, 0.0);
        a.text = "a".into();
        let ops = ops_for(run(vec![a, b, glyph(11, 10.0)]));
        let kinds: Vec<&str> = ops
            .iter()
            .filter_map(|op| match op.operator.as_str() {
                "TJ" => Some("show"),
                "BDC" => {
                    assert_eq!(op.operands[0], Object::Name(b"Span".to_vec()));
                    let Object::Dictionary(d) = &op.operands[1] else {
                        panic!("properties are a dictionary")
                    };
                    let text = d.get(b"ActualText").and_then(Object::as_str).expect("text");
                    assert_eq!(text, [0xFE, 0xFF, 0, b'b']);
                    Some("begin")
                }
                "EMC" => Some("end"),
                _ => None,
            })
            .collect();
        assert_eq!(kinds, ["show", "begin", "show", "end", "show"]);
        assert_eq!(shown(&ops).0, [1, 1, 2]);
    }

    #[test]
    fn synthetic_bold_fills_and_strokes() {
        let mut r = run(vec![glyph(10, 0.0)]);
        r.synthetic_bold = true;
        let ops = ops_for(r);
        let find = |name: &str| {
            ops.iter()
                .find(|op| op.operator == name)
                .map(|op| number(&op.operands[0]))
        };
        assert_eq!(find("Tr"), Some(2.0));
        assert_eq!(find("w"), Some(0.333));
        assert_eq!(find("G"), Some(0.0));
    }

    #[test]
    fn rgb_text_is_set_with_rg_and_gray_with_g() {
        let mut r = run(vec![glyph(10, 0.0)]);
        r.color = Color::Rgb(0.8, 0.1, 2.0);
        let ops = ops_for(r);
        let rg = ops
            .iter()
            .find(|op| op.operator == "rg")
            .expect("an rg operator");
        let values: Vec<f32> = rg.operands.iter().map(number).collect();
        assert_eq!(values, [0.8, 0.1, 1.0], "components are clamped to 0..=1");
        assert!(!ops.iter().any(|op| op.operator == "g"));
        let ops = ops_for(run(vec![glyph(10, 0.0)]));
        assert!(ops.iter().any(|op| op.operator == "g"));
        assert!(!ops.iter().any(|op| op.operator == "rg"));
    }

    #[test]
    fn raised_glyphs_get_their_own_matrix() {
        let mut g = glyph(11, 5.0);
        g.y_offset = 3.0;
        let ops = ops_for(run(vec![glyph(10, 0.0), g]));
        let tms: Vec<f32> = ops
            .iter()
            .filter(|op| op.operator == "Tm")
            .map(|op| number(&op.operands[5]))
            .collect();
        assert_eq!(tms, [150.0, 153.0]);
    }

    #[test]
    fn bad_numbers_do_not_reach_the_stream() {
        let mut r = run(vec![glyph(10, f32::NAN), glyph(11, f32::INFINITY)]);
        r.y = f32::INFINITY;
        let bytes = page_content(
            &page_of(vec![Item::Text(r)]),
            &[(FaceId(0), face())].into(),
            &BTreeMap::new(),
        );
        let text = String::from_utf8(bytes.clone()).expect("ASCII");
        assert!(!text.contains("NaN") && !text.contains("inf") && !text.contains('e'));
        assert!(!decode(&bytes).is_empty());
        let mut r = run(vec![glyph(10, 0.0)]);
        r.size = 0.0;
        assert_eq!(shown(&ops_for(r)).0, Vec::<u16>::new());
    }

    #[test]
    fn rect_line_and_image_are_flipped_to_pdf_coordinates() {
        let page = page_of(vec![
            Item::Rect {
                x: 10.0,
                y: 20.0,
                width: 30.0,
                height: 40.0,
                color: Color::Gray(0.9),
            },
            Item::Line {
                from: (1.0, 2.0),
                to: (3.0, 2.0),
                width: 0.5,
                color: Color::BLACK,
            },
            Item::Image {
                asset: 7,
                x: 5.0,
                y: 10.0,
                width: 50.0,
                height: 25.0,
            },
            Item::Image {
                asset: 8, // not embedded: skipped
                x: 0.0,
                y: 0.0,
                width: 1.0,
                height: 1.0,
            },
        ]);
        let images = [(7, "Im7".to_string())].into();
        let ops = decode(&page_content(&page, &BTreeMap::new(), &images));
        let args = |name: &str| -> Vec<Vec<f32>> {
            ops.iter()
                .filter(|op| op.operator == name)
                .map(|op| op.operands.iter().map(number).collect())
                .collect()
        };
        assert_eq!(args("re"), [[10.0, 140.0, 30.0, 40.0]]);
        assert_eq!(args("m"), [[1.0, 198.0]]);
        assert_eq!(args("l"), [[3.0, 198.0]]);
        assert_eq!(args("cm"), [[50.0, 0.0, 0.0, 25.0, 5.0, 165.0]]);
        let names: Vec<&str> = ops.iter().map(|op| op.operator.as_str()).collect();
        assert_eq!(names.iter().filter(|n| **n == "Do").count(), 1);
        assert_eq!(names.iter().filter(|n| **n == "q").count(), 1);
    }

    #[test]
    fn numbers_are_short_and_exact() {
        let mut out = Vec::new();
        for v in [0.0, -0.0001, 12.0, -0.5, 419.528, 0.005, 1.2345, -32768.0] {
            push_num(&mut out, v);
            out.push(b' ');
        }
        assert_eq!(
            String::from_utf8(out).expect("ASCII"),
            "0 0 12 -0.5 419.528 0.005 1.235 -32767 "
        );
    }
}

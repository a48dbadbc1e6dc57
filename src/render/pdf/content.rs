//! One laid-out page into printpdf operations.
//!
//! The layout gives top-left coordinates; PDF's origin is bottom-left, so
//! every y is flipped against the page height here. Text is written as one
//! `Tm` + `TJ` per run of equal baseline offset: the glyphs are placed at the
//! layout's exact x positions by TJ kerning numbers that correct the
//! viewer's pen (which advances by the `/W` widths) to the wanted position.

use std::collections::BTreeMap;

use printpdf::{
    Codepoint, Color, DictItem, Greyscale, Line, LinePoint, Op, PaintMode, PdfFontHandle, Point,
    Pt, Rect, TextItem, TextMatrix, TextRenderingMode, XObjectId, XObjectTransform,
};

use super::fonts::EmbeddedFace;
use super::num::{finite, round};
use crate::fonts::FaceId;
use crate::layout::page::{GlyphRun, Item, Page};

/// Synthetic bold strokes the outline with this fraction of the font size.
const BOLD_STROKE: f32 = 1.0 / 30.0;

/// Graphics state already set in the content stream, so that operators are
/// only written when a value changes.
#[derive(Default)]
struct State {
    in_text: bool,
    font: Option<(FaceId, f32)>,
    fill: Option<f32>,
    stroke: Option<f32>,
    line_width: Option<f32>,
    bold: bool,
}

/// Writes the operations of `page`. `images` maps an asset index to the
/// XObject that draws it (assets that could not be embedded are absent and
/// are skipped).
pub fn page_ops(
    page: &Page,
    fonts: &BTreeMap<FaceId, EmbeddedFace>,
    images: &BTreeMap<usize, XObjectId>,
) -> Vec<Op> {
    let height = finite(page.height);
    let mut ops = Vec::new();
    let mut st = State::default();
    for item in &page.items {
        match item {
            Item::Text(run) => {
                if let Some(face) = fonts.get(&run.face) {
                    text_ops(run, face, height, &mut st, &mut ops);
                }
            }
            Item::Line {
                from,
                to,
                width,
                gray,
            } => {
                end_text(&mut st, &mut ops);
                set_stroke(gray_value(*gray), &mut st, &mut ops);
                set_line_width(finite(*width).max(0.0), &mut st, &mut ops);
                let point = |(x, y): (f32, f32)| LinePoint {
                    p: Point {
                        x: pt(x),
                        y: pt(height - finite(y)),
                    },
                    bezier: false,
                };
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![point(*from), point(*to)],
                        is_closed: false,
                    },
                });
            }
            Item::Rect {
                x,
                y,
                width,
                height: h,
                gray,
            } => {
                end_text(&mut st, &mut ops);
                set_fill(gray_value(*gray), &mut st, &mut ops);
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: pt(*x),
                        y: pt(height - finite(*y) - finite(*h)),
                        width: pt(*width),
                        height: pt(*h),
                        mode: Some(PaintMode::Fill),
                        winding_order: None,
                    },
                });
            }
            Item::Image {
                asset,
                x,
                y,
                width,
                height: h,
            } => {
                let Some(id) = images.get(asset) else {
                    continue;
                };
                end_text(&mut st, &mut ops);
                // The image is a unit square: scale it to the box, then move
                // it to the box's lower-left corner.
                ops.push(Op::UseXobject {
                    id: id.clone(),
                    transform: XObjectTransform {
                        translate_x: Some(pt(*x)),
                        translate_y: Some(pt(height - finite(*y) - finite(*h))),
                        scale_x: Some(round(*width)),
                        scale_y: Some(round(*h)),
                        no_auto_scale: true,
                        ..XObjectTransform::default()
                    },
                });
            }
        }
    }
    end_text(&mut st, &mut ops);
    ops
}

fn text_ops(run: &GlyphRun, face: &EmbeddedFace, height: f32, st: &mut State, ops: &mut Vec<Op>) {
    let size = finite(run.size);
    if run.glyphs.is_empty() || size <= 0.0 {
        return;
    }
    if !st.in_text {
        ops.push(Op::StartTextSection);
        st.in_text = true;
    }
    let size = round(size);
    if st.font != Some((run.face, size)) {
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(face.id.clone()),
            size: Pt(size),
        });
        st.font = Some((run.face, size));
    }
    let gray = gray_value(run.gray);
    set_fill(gray, st, ops);
    if run.synthetic_bold {
        set_stroke(gray, st, ops);
        set_line_width(round(size * BOLD_STROKE), st, ops);
    }
    if st.bold != run.synthetic_bold {
        let mode = if run.synthetic_bold {
            TextRenderingMode::FillStroke
        } else {
            TextRenderingMode::Fill
        };
        ops.push(Op::SetTextRenderingMode { mode });
        st.bold = run.synthetic_bold;
    }
    let baseline = height - finite(run.y);
    // Glyphs raised or lowered from the baseline start a new text matrix.
    for group in run
        .glyphs
        .chunk_by(|a, b| finite(a.y_offset) == finite(b.y_offset))
    {
        let x0 = finite(group[0].x);
        let mut pen = 0.0_f32; // where the viewer's pen is, in 1/1000 em from x0
        let mut codepoints = Vec::with_capacity(group.len());
        for (i, glyph) in group.iter().enumerate() {
            let gid = face.gid(glyph.gid);
            pen += face.width(gid) as f32;
            let mut offset = 0.0;
            if let Some(next) = group.get(i + 1) {
                let wanted = (finite(next.x) - x0) * 1000.0 / size;
                // A TJ number n moves the next glyph by -n/1000 em.
                offset = (pen - wanted).round();
                pen -= offset;
            }
            let cid = face.text(glyph.gid);
            let actual = (!glyph.text.is_empty() && glyph.text != cid).then(|| glyph.text.clone());
            codepoints.push((
                Codepoint {
                    gid,
                    offset,
                    cid: Some(cid),
                },
                actual,
            ));
        }
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Raw([
                1.0,
                0.0,
                0.0,
                1.0,
                round(x0),
                round(baseline + finite(group[0].y_offset)),
            ]),
        });
        show_glyphs(codepoints, ops);
    }
}

/// Shows glyphs at the current text position. A glyph whose text is not
/// the one its glyph id has in the font's ToUnicode map (a `.notdef`
/// standing for one of several missing characters, one glyph drawn for
/// both U+0020 and U+00A0) is wrapped in an `/ActualText` span, so that
/// copying and searching still give the text the manuscript had. The pen
/// carries on from one TJ to the next, so splitting moves nothing.
fn show_glyphs(codepoints: Vec<(Codepoint, Option<String>)>, ops: &mut Vec<Op>) {
    let mut plain = Vec::new();
    for (cp, actual) in codepoints {
        let Some(text) = actual else {
            plain.push(cp);
            continue;
        };
        if !plain.is_empty() {
            ops.push(show(std::mem::take(&mut plain)));
        }
        ops.push(Op::BeginMarkedContentWithProperties {
            tag: "Span".into(),
            properties: DictItem::Dict {
                map: [("ActualText".to_string(), utf16_string(&text))].into(),
            },
        });
        ops.push(show(vec![cp]));
        ops.push(Op::EndMarkedContentWithProperties);
    }
    if !plain.is_empty() {
        ops.push(show(plain));
    }
}

fn show(glyphs: Vec<Codepoint>) -> Op {
    Op::ShowText {
        items: vec![TextItem::GlyphIds(glyphs)],
    }
}

/// A PDF text string in UTF-16BE with byte order mark.
fn utf16_string(text: &str) -> DictItem {
    let mut data = vec![0xFE, 0xFF];
    data.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    DictItem::String {
        data,
        literal: false,
    }
}

fn end_text(st: &mut State, ops: &mut Vec<Op>) {
    if st.in_text {
        ops.push(Op::EndTextSection);
        st.in_text = false;
    }
}

fn set_fill(gray: f32, st: &mut State, ops: &mut Vec<Op>) {
    if st.fill != Some(gray) {
        ops.push(Op::SetFillColor { col: grey(gray) });
        st.fill = Some(gray);
    }
}

fn set_stroke(gray: f32, st: &mut State, ops: &mut Vec<Op>) {
    if st.stroke != Some(gray) {
        ops.push(Op::SetOutlineColor { col: grey(gray) });
        st.stroke = Some(gray);
    }
}

fn set_line_width(width: f32, st: &mut State, ops: &mut Vec<Op>) {
    let width = round(width);
    if st.line_width != Some(width) {
        ops.push(Op::SetOutlineThickness { pt: Pt(width) });
        st.line_width = Some(width);
    }
}

fn grey(value: f32) -> Color {
    Color::Greyscale(Greyscale {
        percent: value,
        icc_profile: None,
    })
}

/// A gray level in 0..=1 (0 black), rounded so equal grays compare equal.
fn gray_value(v: f32) -> f32 {
    round(finite(v).clamp(0.0, 1.0))
}

fn pt(v: f32) -> Pt {
    Pt(round(v))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::page::PositionedGlyph;
    use printpdf::FontId;

    fn face() -> EmbeddedFace {
        EmbeddedFace {
            id: FontId("F0".into()),
            remap: [(10, 1), (11, 2)].into(),
            widths: [(1, 500), (2, 1000)].into(),
            text: [(10, "a".to_string()), (11, "中".to_string())].into(),
        }
    }

    fn glyph(gid: u16, x: f32) -> PositionedGlyph {
        PositionedGlyph {
            gid,
            x,
            y_offset: 0.0,
            text: String::new(),
        }
    }

    fn ops_for(run: GlyphRun) -> Vec<Op> {
        let page = Page {
            width: 100.0,
            height: 200.0,
            items: vec![Item::Text(run)],
            links: vec![],
            ..Page::default()
        };
        page_ops(&page, &[(FaceId(0), face())].into(), &BTreeMap::new())
    }

    fn run(glyphs: Vec<PositionedGlyph>) -> GlyphRun {
        GlyphRun {
            face: FaceId(0),
            size: 10.0,
            y: 50.0,
            glyphs,
            synthetic_bold: false,
            gray: 0.0,
        }
    }

    fn shown(ops: &[Op]) -> Vec<Codepoint> {
        ops.iter()
            .filter_map(|op| match op {
                Op::ShowText { items } => Some(items),
                _ => None,
            })
            .flatten()
            .flat_map(|item| match item {
                TextItem::GlyphIds(g) => g.clone(),
                _ => vec![],
            })
            .collect()
    }

    #[test]
    fn kerning_places_glyphs_at_layout_positions() {
        // "a" is 500/1000 em = 5 pt wide at 10 pt; the next glyph is wanted
        // at 6 pt, 1 pt (100/1000 em) further: a TJ number of -100.
        let ops = ops_for(run(vec![glyph(10, 20.0), glyph(11, 26.0), glyph(10, 36.0)]));
        let cps = shown(&ops);
        assert_eq!(cps.iter().map(|c| c.gid).collect::<Vec<_>>(), [1, 2, 1]);
        assert_eq!(cps[0].offset, -100.0);
        assert_eq!(cps[1].offset, 0.0);
        assert_eq!(cps[0].cid.as_deref(), Some("a"));
        assert_eq!(cps[1].cid.as_deref(), Some("中"));
        let tm = ops.iter().find_map(|op| match op {
            Op::SetTextMatrix { matrix } => Some(matrix.as_array()),
            _ => None,
        });
        assert_eq!(tm, Some([1.0, 0.0, 0.0, 1.0, 20.0, 150.0]));
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
            .filter_map(|op| match op {
                Op::ShowText { .. } => Some("show"),
                Op::BeginMarkedContentWithProperties { tag, properties } => {
                    assert_eq!(tag, "Span");
                    let DictItem::Dict { map } = properties else {
                        panic!("properties are a dictionary")
                    };
                    assert_eq!(map["ActualText"], utf16_string("b"));
                    Some("begin")
                }
                Op::EndMarkedContentWithProperties => Some("end"),
                _ => None,
            })
            .collect();
        assert_eq!(kinds, ["show", "begin", "show", "end", "show"]);
        assert!(shown(&ops).iter().all(|c| c.cid.as_deref() != Some("b")));
    }

    #[test]
    fn synthetic_bold_fills_and_strokes() {
        let mut r = run(vec![glyph(10, 0.0)]);
        r.synthetic_bold = true;
        let ops = ops_for(r);
        assert!(ops.iter().any(|op| matches!(
            op,
            Op::SetTextRenderingMode {
                mode: TextRenderingMode::FillStroke
            }
        )));
        assert!(ops
            .iter()
            .any(|op| matches!(op, Op::SetOutlineThickness { pt } if (pt.0 - 0.333).abs() < 1e-6)));
    }

    #[test]
    fn raised_glyphs_get_their_own_matrix() {
        let mut g = glyph(11, 5.0);
        g.y_offset = 3.0;
        let ops = ops_for(run(vec![glyph(10, 0.0), g]));
        let tms: Vec<_> = ops
            .iter()
            .filter_map(|op| match op {
                Op::SetTextMatrix { matrix } => Some(matrix.as_array()[5]),
                _ => None,
            })
            .collect();
        assert_eq!(tms, [150.0, 153.0]);
    }

    #[test]
    fn bad_numbers_do_not_reach_the_stream() {
        let mut r = run(vec![glyph(10, f32::NAN)]);
        r.y = f32::INFINITY;
        let ops = ops_for(r);
        assert!(!format!("{ops:?}").contains("NaN"));
        assert!(!format!("{ops:?}").contains("inf"));
        let mut r = run(vec![glyph(10, 0.0)]);
        r.size = 0.0;
        assert!(shown(&ops_for(r)).is_empty());
    }

    #[test]
    fn rect_is_flipped_to_pdf_coordinates() {
        let page = Page {
            width: 100.0,
            height: 200.0,
            items: vec![Item::Rect {
                x: 10.0,
                y: 20.0,
                width: 30.0,
                height: 40.0,
                gray: 0.9,
            }],
            links: vec![],
            ..Page::default()
        };
        let ops = page_ops(&page, &BTreeMap::new(), &BTreeMap::new());
        let rect = ops.iter().find_map(|op| match op {
            Op::DrawRectangle { rectangle } => Some(rectangle.clone()),
            _ => None,
        });
        let rect = rect.expect("a rectangle");
        assert_eq!(
            (rect.x.0, rect.y.0, rect.width.0, rect.height.0),
            (10.0, 140.0, 30.0, 40.0)
        );
    }
}

//! Tests of [`super::page_content`] and the text operators.

use super::*;
use crate::fonts::Subset;
use crate::layout::page::{GlyphRun, PositionedGlyph, StructRole};
use crate::render::pdf::fonts::EmbeddedFace;
use lopdf::content::{Content, Operation};
use lopdf::Object;
use std::sync::Arc;

/// A face whose glyphs 10 and 11 became subset glyphs 1 ("a", 500/1000
/// em) and 2 ("中", 1000/1000 em).
fn face() -> Arc<EmbeddedFace> {
    Arc::new(EmbeddedFace::for_tests(
        "F0",
        [(10, 1), (11, 2)].into(),
        vec![0, 500, 1000],
        vec![String::new(), "a".into(), "中".into()],
        Subset {
            data: Vec::new(),
            remap: [(0, 0), (10, 1), (11, 2)].into(),
            is_cff: false,
        },
    ))
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
        &[],
    )
    .bytes;
    decode(&bytes)
}

fn decode(bytes: &[u8]) -> Vec<Operation> {
    Content::decode(bytes)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(bytes)))
        .operations
}

fn run(glyphs: Vec<PositionedGlyph>) -> GlyphRun {
    GlyphRun {
        orientation: Default::default(),
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
    let ops =
        decode(&page_content(&page, &[(FaceId(0), face())].into(), &BTreeMap::new(), &[]).bytes);
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
        &[],
    )
    .bytes;
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
    let ops = decode(&page_content(&page, &BTreeMap::new(), &images, &[]).bytes);
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
fn tagged_items_are_marked_content_and_the_rest_artifacts() {
    let rule = Item::Line {
        from: (0.0, 0.0),
        to: (1.0, 0.0),
        width: 1.0,
        color: Color::BLACK,
    };
    let mut page = page_of(vec![
        Item::Text(run(vec![glyph(10, 0.0)])),
        Item::Text(run(vec![glyph(11, 5.0)])),
        rule.clone(),
        Item::Text(run(vec![glyph(10, 9.0)])),
        rule, // past the tags: furniture
    ]);
    page.tags = vec![Some(1), Some(1), None, Some(0)];
    let structure = [
        StructNode::new(StructRole::Heading(2), None),
        StructNode::new(StructRole::P, None),
    ];
    let content = page_content(
        &page,
        &[(FaceId(0), face())].into(),
        &BTreeMap::new(),
        &structure,
    );
    assert_eq!(content.mcids, [1, 0], "MCID 0 marks node 1, MCID 1 node 0");
    assert_eq!(
        mcid_nodes(&page, &structure),
        content.mcids,
        "the nodes of a kept page's MCIDs, from its tags alone"
    );
    let ops = decode(&content.bytes);
    let marks: Vec<String> = ops
        .iter()
        .filter_map(|op| match op.operator.as_str() {
            "BDC" => {
                let Object::Name(tag) = &op.operands[0] else {
                    panic!("a tag")
                };
                let Object::Dictionary(d) = &op.operands[1] else {
                    panic!("properties")
                };
                let mcid = d.get(b"MCID").and_then(Object::as_i64).expect("an MCID");
                Some(format!("{}{mcid}", String::from_utf8_lossy(tag)))
            }
            "BMC" => Some("Artifact".into()),
            "EMC" => Some("end".into()),
            "BT" => Some("BT".into()),
            "ET" => Some("ET".into()),
            _ => None,
        })
        .collect();
    assert_eq!(
        marks,
        ["P0", "BT", "ET", "end", "Artifact", "end", "H21", "BT", "ET", "end", "Artifact", "end"],
        "both runs of the P in one sequence; no text object straddles two"
    );
    // Untagged (no structure): no marked content at all.
    let plain = page_content(&page, &[(FaceId(0), face())].into(), &BTreeMap::new(), &[]);
    assert!(plain.mcids.is_empty());
    assert!(!decode(&plain.bytes).iter().any(|op| op.operator == "BDC"));
}

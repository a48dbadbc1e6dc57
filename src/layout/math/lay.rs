//! The formula tree into boxes: the walk, atoms, rows and the TeX spacing
//! between atom classes.

use crate::math::Em;
use compact_str::CompactString;

use super::boxes::{MBox, Piece};
use super::font::MathFont;
use crate::fonts::{FontKey, Role};
use crate::layout::env::Env;
use crate::layout::page::Color;
use crate::math::variant::atom_text;
use crate::math::{Class, Limits, Node};

/// How a part of a formula is set.
#[derive(Clone, Copy)]
pub struct St<'a, 'f> {
    pub font: &'a MathFont<'f>,
    pub env: &'a Env<'a>,
    /// The font size of the formula's text style, in points.
    pub base: f32,
    pub display: bool,
    /// 0 text, 1 script, 2 scriptscript.
    pub level: u8,
    pub cramped: bool,
    /// The height a `\middle` delimiter grows to (0: as the text).
    pub middle: f32,
}

impl St<'_, '_> {
    /// The font size at this level.
    pub fn size(&self) -> f32 {
        let c = self.font.c();
        match self.level {
            0 => self.base,
            1 => self.base * f32::from(c.script_percent_scale_down()) / 100.0,
            _ => self.base * f32::from(c.script_script_percent_scale_down()) / 100.0,
        }
    }

    /// The style of scripts of this one.
    pub fn script(&self) -> Self {
        Self {
            display: false,
            level: (self.level + 1).min(2),
            ..*self
        }
    }

    /// The style of a fraction's parts.
    pub fn frac_part(&self) -> Self {
        if self.display {
            Self {
                display: false,
                ..*self
            }
        } else {
            self.script()
        }
    }

    pub fn cramped(&self) -> Self {
        Self {
            cramped: true,
            ..*self
        }
    }

    /// A MATH value in points at this size.
    pub fn pt(&self, value: ttf_parser::math::MathValue<'_>) -> f32 {
        self.font.v(value) * self.size()
    }

    pub fn axis(&self) -> f32 {
        self.pt(self.font.c().axis_height())
    }
}

/// Lays `node` out.
pub fn node(n: &Node, st: St<'_, '_>) -> MBox {
    match n {
        Node::Atom {
            text,
            kind,
            variant,
            ..
        } => glyphs(&atom_text(text, *kind, *variant), text, st),
        Node::Row(nodes) => row(nodes, st),
        Node::Frac {
            num,
            den,
            rule,
            style,
        } => {
            let st = match style {
                Some(d) => St {
                    display: *d,
                    level: st.level.min(u8::from(!*d)),
                    ..st
                },
                None => st,
            };
            super::frac::fraction(num, den, *rule, st)
        }
        Node::Root { body, index } => super::stretch::root(body, index.as_deref(), st),
        Node::Scripts { base, sub, sup } => {
            super::scripts::scripts(base, sub.as_deref(), sup.as_deref(), st)
        }
        Node::Op { text, large, .. } => {
            if *large {
                super::stretch::big_operator(text, st)
            } else {
                glyphs(text, text, st)
            }
        }
        Node::Fenced { open, close, body } => super::stretch::fenced(open, close, body, st),
        Node::Delim { text, size: 0, .. } => super::stretch::middle(text, st),
        Node::Delim { text, size, .. } => super::stretch::sized(text, *size, st),
        Node::Accent {
            body,
            mark,
            under,
            stretchy,
        } => super::frac::accent(body, *mark, *under, *stretchy, st),
        Node::UnderOver { base, under, over } => {
            super::frac::under_over(base, under.as_deref(), over.as_deref(), st)
        }
        Node::Text(t) => text(t, st),
        Node::Space(Em(em)) => MBox {
            width: em * st.size(),
            ..MBox::default()
        },
        Node::Table(t) => super::table::table(t, st),
        Node::Style { display, body } => node(
            body,
            St {
                display: *display,
                level: if *display { 0 } else { st.level },
                ..st
            },
        ),
        Node::Color { rgb, body } => {
            let mut b = node(body, st);
            let [r, g, bl] = rgb.map(|v| f32::from(v) / 255.0);
            b.paint(Color::Rgb(r, g, bl));
            b
        }
        Node::Boxed(body) => super::frac::boxed(body, st),
    }
}

/// Glyphs of the math face for `shown` (styled characters), standing for
/// `source`; characters the face lacks come from the text fonts.
pub fn glyphs(shown: &str, source: &str, st: St<'_, '_>) -> MBox {
    let size = st.size();
    let mut b = MBox::default();
    let sources: Vec<char> = source.chars().collect();
    let same = sources.len() == shown.chars().count();
    for (i, c) in shown.chars().enumerate() {
        let text: CompactString = if same {
            sources[i].to_string().into()
        } else if i == 0 {
            source.into()
        } else {
            CompactString::default()
        };
        match st.font.glyph(c) {
            Some(gid) => {
                let (up, down) = st.font.extent(gid);
                b.pieces.push(Piece::Glyph {
                    face: st.font.id,
                    gid,
                    size,
                    x: b.width,
                    y: 0.0,
                    text,
                    color: None,
                });
                b.width += st.font.advance(gid) * size;
                b.ascent = b.ascent.max(up * size);
                b.descent = b.descent.max(down * size);
                b.italic = st.font.italic(gid) * size;
            }
            None => {
                let fallback = self::text(&c.to_string(), st);
                b.append(fallback, 0.0);
            }
        }
    }
    b
}

/// `\text{…}`: the body text fonts (CJK included) at this size.
pub fn text(t: &str, st: St<'_, '_>) -> MBox {
    let size = st.size();
    let mut b = MBox::default();
    let shaped = st.env.shaper.shape(t, FontKey::from(Role::Body));
    for g in shaped {
        let text = t.get(g.cluster.clone()).unwrap_or("");
        b.pieces.push(Piece::Glyph {
            face: g.face,
            gid: g.gid,
            size,
            x: b.width + g.x_offset * size,
            y: g.y_offset * size,
            text: text.into(),
            color: None,
        });
        b.width += g.advance * size;
    }
    b.ascent = 0.8 * size;
    b.descent = 0.2 * size;
    b
}

/// The class a node spaces as.
fn class(node: &Node) -> Option<Class> {
    Some(match node {
        Node::Atom { class, .. } | Node::Delim { class, .. } => *class,
        Node::Op { .. } => Class::Op,
        Node::Scripts { base, .. } => class(base)?,
        Node::Frac { .. } | Node::Fenced { .. } => Class::Inner,
        Node::Space(_) => return None,
        Node::Style { body, .. } => match &**body {
            Node::Row(n) => n.first().and_then(class)?,
            other => class(other)?,
        },
        _ => Class::Ord,
    })
}

/// The space between classes `l` and `r`, in mu (18 mu = 1 em).
fn space(l: Class, r: Class, script: bool) -> f32 {
    use Class::*;
    let (thin, med, thick) = (3.0, 4.0, 5.0);
    let s = match (l, r) {
        (Ord, Op) | (Op, Ord) | (Op, Op) | (Close, Op) | (Inner, Op) => return thin,
        (Ord, Inner) | (Op, Inner) | (Close, Inner) | (Inner, Ord) | (Inner, Open) => thin,
        (Inner, Punct) | (Inner, Inner) | (Punct, _) => thin,
        (Ord | Close | Inner, Bin) | (Bin, Ord | Op | Open | Inner) => med,
        (Ord | Op | Close | Inner, Rel) | (Rel, Ord | Op | Open | Inner) => thick,
        _ => 0.0,
    };
    if script {
        0.0
    } else {
        s
    }
}

/// A row: its nodes side by side with TeX's spacing.
pub fn row(nodes: &[Node], st: St<'_, '_>) -> MBox {
    let mut b = MBox::default();
    let mut prev: Option<Class> = None;
    let em = st.size() / 18.0;
    for (i, n) in nodes.iter().enumerate() {
        let mut c = class(n);
        // A binary operator with nothing to its left is unary.
        if c == Some(Class::Bin)
            && matches!(
                prev,
                None | Some(Class::Bin | Class::Op | Class::Rel | Class::Open | Class::Punct)
            )
        {
            c = Some(Class::Ord);
        }
        if c == Some(Class::Bin) {
            let next = nodes[i + 1..].iter().find_map(class);
            if matches!(next, None | Some(Class::Rel | Class::Close | Class::Punct)) {
                c = Some(Class::Ord);
            }
        }
        let gap = match (prev, c) {
            (Some(l), Some(r)) => space(l, r, st.level > 0) * em,
            _ => 0.0,
        };
        let laid = node(n, st);
        b.append(laid, gap);
        if c.is_some() {
            prev = c;
        }
    }
    b
}

/// Whether a big operator's scripts go above and below it here.
pub fn limits_here(base: &Node, st: St<'_, '_>) -> bool {
    match base {
        Node::Op { limits, .. } => match limits {
            Limits::Always => true,
            Limits::Display => st.display,
            Limits::Never => false,
        },
        _ => false,
    }
}

//! The formula tree as presentation MathML (for the EPUB), with the TeX
//! source in `alttext` for readers that cannot render MathML and for
//! screen readers' fallback.

use crate::math::Em;
use std::fmt::Write;

use super::variant::{atom_text, Variant};
use super::{AtomKind, Class, ColAlign, Limits, Math, Node};

/// `<math>…</math>` for `math`, which must have a tree.
pub fn write(math: &Math, out: &mut String) {
    let display = if math.display { "block" } else { "inline" };
    out.push_str("<math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\"");
    out.push_str(display);
    out.push_str("\" alttext=\"");
    escape(math.tex.trim(), out);
    out.push_str("\">");
    if let Some(tree) = &math.tree {
        out.push_str("<mrow>");
        node(tree, out);
        out.push_str("</mrow>");
    }
    out.push_str("</math>");
}

fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
}

fn element(name: &str, attrs: &str, text: &str, out: &mut String) {
    let _ = write!(out, "<{name}{attrs}>");
    escape(text, out);
    let _ = write!(out, "</{name}>");
}

fn wrap(name: &str, attrs: &str, children: &[&Node], out: &mut String) {
    let _ = write!(out, "<{name}{attrs}>");
    for child in children {
        row(child, out);
    }
    let _ = write!(out, "</{name}>");
}

/// `node` as exactly one MathML element (an `mrow` for rows).
fn row(node: &Node, out: &mut String) {
    match node {
        Node::Row(nodes) if nodes.len() != 1 => {
            out.push_str("<mrow>");
            for n in nodes {
                self::node(n, out);
            }
            out.push_str("</mrow>");
        }
        Node::Row(nodes) => row(&nodes[0], out),
        other => {
            let before = out.len();
            self::node(other, out);
            if out.len() == before {
                out.push_str("<mrow></mrow>");
            }
        }
    }
}

fn node(node: &Node, out: &mut String) {
    match node {
        Node::Atom {
            text,
            class,
            kind,
            variant,
        } => atom(text, *class, *kind, *variant, out),
        Node::Row(nodes) => {
            for n in nodes {
                self::node(n, out);
            }
        }
        Node::Frac {
            num,
            den,
            rule,
            style,
        } => frac(num, den, *rule, *style, out),
        Node::Root { body, index: None } => wrap("msqrt", "", &[body], out),
        Node::Root {
            body,
            index: Some(index),
        } => wrap("mroot", "", &[body, index], out),
        Node::Scripts { base, sub, sup } => scripts(base, sub.as_deref(), sup.as_deref(), out),
        Node::Op {
            text,
            large,
            limits,
        } => operator(text, *large, *limits, out),
        Node::Fenced { open, close, body } => fenced(open, close, body, out),
        Node::Delim { text, size: 0, .. } => {
            element("mo", " fence=\"true\" stretchy=\"true\"", text, out)
        }
        Node::Delim { text, size, .. } => {
            let em = [1.2, 1.8, 2.4, 3.0][usize::from(size.clamp(&1, &4) - 1)];
            let attrs = format!(" stretchy=\"true\" minsize=\"{em}em\" maxsize=\"{em}em\"");
            element("mo", &attrs, text, out);
        }
        Node::Accent {
            body,
            mark,
            under,
            stretchy,
        } => accent(body, *mark, *under, *stretchy, out),
        Node::UnderOver { base, under, over } => match (under, over) {
            (Some(u), Some(o)) => wrap("munderover", "", &[base, u, o], out),
            (Some(u), None) => wrap("munder", "", &[base, u], out),
            (None, Some(o)) => wrap("mover", "", &[base, o], out),
            (None, None) => row(base, out),
        },
        Node::Text(text) => element("mtext", "", text, out),
        Node::Space(Em(em)) => {
            let _ = write!(out, "<mspace width=\"{:.3}em\"/>", em);
        }
        Node::Table(t) => table(t, out),
        Node::Style { display, body } => {
            let _ = write!(out, "<mstyle displaystyle=\"{display}\">");
            row(body, out);
            out.push_str("</mstyle>");
        }
        Node::Color {
            rgb: [r, g, b],
            body,
        } => {
            let _ = write!(out, "<mstyle mathcolor=\"#{r:02x}{g:02x}{b:02x}\">");
            row(body, out);
            out.push_str("</mstyle>");
        }
        // MathML Core has no `menclose`: the stylesheet draws its frame
        // (see `render::epub::math::CSS`), MathML 3 readers read it.
        Node::Boxed(body) => wrap("menclose", " notation=\"box\"", &[body], out),
    }
}

/// A fraction (`rule: false`: a binomial's stack), in display or text
/// style when the command asked for one.
fn frac(num: &Node, den: &Node, rule: bool, style: Option<bool>, out: &mut String) {
    if let Some(display) = style {
        let _ = write!(out, "<mstyle displaystyle=\"{display}\">");
    }
    let attrs = if rule { "" } else { " linethickness=\"0\"" };
    wrap("mfrac", attrs, &[num, den], out);
    if style.is_some() {
        out.push_str("</mstyle>");
    }
}

/// A named operator: `mi` when its limits stay beside it, else a `mo`
/// saying whether they move beside it in text style.
fn operator(text: &str, large: bool, limits: Limits, out: &mut String) {
    if large || limits != Limits::Never {
        let movable = if limits == Limits::Display {
            " movablelimits=\"true\""
        } else {
            " movablelimits=\"false\""
        };
        let large = if large { " largeop=\"true\"" } else { "" };
        element("mo", &format!("{large}{movable}"), text, out);
    } else {
        element("mi", "", text, out);
    }
}

/// `\left( … \right)`: stretchy fences around the body.
fn fenced(open: &str, close: &str, body: &Node, out: &mut String) {
    out.push_str("<mrow>");
    if !open.is_empty() {
        element("mo", " fence=\"true\" stretchy=\"true\"", open, out);
    }
    row(body, out);
    if !close.is_empty() {
        element("mo", " fence=\"true\" stretchy=\"true\"", close, out);
    }
    out.push_str("</mrow>");
}

/// An accent over (or under) its body, ASCII marks as their spacing
/// modifier letters.
fn accent(body: &Node, mark: char, under: bool, stretchy: bool, out: &mut String) {
    let mark = match mark {
        '^' => 'ˆ',
        '~' => '˜',
        '_' => '‾',
        c => c,
    };
    let (name, attr) = if under {
        ("munder", " accentunder=\"true\"")
    } else {
        ("mover", " accent=\"true\"")
    };
    let _ = write!(out, "<{name}{attr}>");
    row(body, out);
    let stretch = if stretchy { "true" } else { "false" };
    element(
        "mo",
        &format!(" stretchy=\"{stretch}\""),
        &mark.to_string(),
        out,
    );
    let _ = write!(out, "</{name}>");
}

fn atom(text: &str, class: Class, kind: AtomKind, variant: Option<Variant>, out: &mut String) {
    match kind {
        AtomKind::Number => element("mn", "", &atom_text(text, kind, variant), out),
        AtomKind::Ident => {
            // Single letters are italic in MathML already; an upright
            // one says so.
            let shown = match variant {
                None | Some(Variant::Italic) => text.to_string(),
                Some(v) => atom_text(text, kind, Some(v)),
            };
            let upright = variant == Some(Variant::Normal) && text.chars().count() == 1;
            let attrs = if upright {
                " mathvariant=\"normal\""
            } else {
                ""
            };
            element("mi", attrs, &shown, out)
        }
        AtomKind::Operator if class == Class::Ord => element("mi", "", text, out),
        AtomKind::Operator => {
            // A lone bracket is not stretched (TeX does not stretch it).
            let attrs = if matches!(class, Class::Open | Class::Close) {
                " stretchy=\"false\""
            } else {
                ""
            };
            element("mo", attrs, text, out)
        }
    }
}

fn scripts(base: &Node, sub: Option<&Node>, sup: Option<&Node>, out: &mut String) {
    let limits = matches!(base, Node::Op { limits, .. } if *limits != Limits::Never);
    let names = if limits {
        ("munderover", "munder", "mover")
    } else {
        ("msubsup", "msub", "msup")
    };
    match (sub, sup) {
        (Some(b), Some(p)) => wrap(names.0, "", &[base, b, p], out),
        (Some(b), None) => wrap(names.1, "", &[base, b], out),
        (None, Some(p)) => wrap(names.2, "", &[base, p], out),
        (None, None) => row(base, out),
    }
}

/// MathML 3's `rowlines`/`columnlines` for the rules between rows and
/// columns (`\hline`, `|`); the outer ones have no attribute of their
/// own, so the cells' classes carry every rule for MathML Core readers.
fn rule_attributes(t: &super::Table, width: usize) -> String {
    let lines = |count: usize, rules: &[usize]| -> String {
        (1..count)
            .map(|i| if rules.contains(&i) { "solid" } else { "none" })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut attrs = String::new();
    if t.hlines.iter().any(|&i| i > 0 && i < t.rows.len()) {
        let _ = write!(attrs, " rowlines=\"{}\"", lines(t.rows.len(), &t.hlines));
    }
    if t.vlines.iter().any(|&i| i > 0 && i < width) {
        let _ = write!(attrs, " columnlines=\"{}\"", lines(width, &t.vlines));
    }
    attrs
}

/// The rules around one cell, as classes the stylesheet draws.
fn cell_rules(t: &super::Table, row: usize, col: usize, width: usize) -> Vec<&'static str> {
    let mut classes = Vec::new();
    if t.hlines.contains(&row) {
        classes.push("rule-above");
    }
    if row + 1 == t.rows.len() && t.hlines.contains(&t.rows.len()) {
        classes.push("rule-below");
    }
    if t.vlines.contains(&col) {
        classes.push("rule-before");
    }
    if col + 1 == width && t.vlines.contains(&width) {
        classes.push("rule-after");
    }
    classes
}

fn table(t: &super::Table, out: &mut String) {
    out.push_str("<mrow>");
    if !t.open.is_empty() {
        element("mo", " fence=\"true\" stretchy=\"true\"", t.open, out);
    }
    let width = t.rows.iter().map(Vec::len).max().unwrap_or(0);
    let align: Vec<&str> = (0..width)
        .map(|i| {
            let a = t
                .columns
                .get(i)
                .or(t.columns.last())
                .copied()
                .unwrap_or(ColAlign::Center);
            match a {
                ColAlign::Left => "left",
                ColAlign::Center => "center",
                ColAlign::Right => "right",
            }
        })
        .collect();
    let spacing: Vec<String> = (1..width.max(2))
        .map(|i| {
            if t.column_gap.0 == 0.0 {
                if i % 2 == 1 { "0em" } else { "2em" }.to_string()
            } else {
                format!("{}em", t.column_gap.0)
            }
        })
        .collect();
    let _ = write!(
        out,
        "<mtable columnalign=\"{}\" columnspacing=\"{}\" displaystyle=\"{}\"{}>",
        align.join(" "),
        spacing.join(" "),
        t.display,
        rule_attributes(t, width),
    );
    for (ri, r) in t.rows.iter().enumerate() {
        out.push_str("<mtr>");
        for (ci, cell) in r.iter().enumerate() {
            let classes = cell_rules(t, ri, ci, width);
            if classes.is_empty() {
                out.push_str("<mtd>");
            } else {
                let _ = write!(out, "<mtd class=\"{}\">", classes.join(" "));
            }
            row(cell, out);
            out.push_str("</mtd>");
        }
        out.push_str("</mtr>");
    }
    out.push_str("</mtable>");
    if !t.close.is_empty() {
        element("mo", " fence=\"true\" stretchy=\"true\"", t.close, out);
    }
    out.push_str("</mrow>");
}

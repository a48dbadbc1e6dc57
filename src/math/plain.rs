//! A formula as plain text, for where markup cannot go: an image's alt
//! text, the contents, bookmarks and running heads. `10 \times 10` reads
//! `10 × 10`, `\frac{1}{n}` reads `1/n`.

use super::{Class, Math, Node};
use crate::math::Em;

/// `math` as plain text (its TeX when it has no tree).
pub fn plain_text(math: &Math) -> String {
    match &math.tree {
        Some(tree) => {
            let mut out = String::new();
            push(tree, &mut out);
            out.split_whitespace().collect::<Vec<_>>().join(" ")
        }
        None => math.tex.trim().to_string(),
    }
}

fn push(node: &Node, out: &mut String) {
    match node {
        Node::Atom { text, class, .. } => match class {
            Class::Rel | Class::Bin => {
                out.push(' ');
                out.push_str(text);
                out.push(' ');
            }
            Class::Punct => {
                out.push_str(text);
                out.push(' ');
            }
            _ => out.push_str(text),
        },
        Node::Row(nodes) => nodes.iter().for_each(|n| push(n, out)),
        Node::Frac { num, den, .. } => {
            group(num, out);
            out.push('/');
            group(den, out);
        }
        Node::Root { body, .. } => {
            out.push('√');
            group(body, out);
        }
        Node::Scripts { base, sub, sup } => {
            let op = match &**base {
                Node::Op { text, .. } => Some(text),
                _ => None,
            };
            match op {
                Some(text) => out.push_str(text),
                None => push(base, out),
            }
            if let Some(s) = sub {
                out.push('_');
                group(s, out);
            }
            if let Some(s) = sup {
                out.push('^');
                group(s, out);
            }
            if op.is_some() {
                out.push(' ');
            }
        }
        Node::Op { text, .. } => {
            out.push_str(text);
            out.push(' ');
        }
        Node::Fenced { open, close, body } => {
            out.push_str(open);
            push(body, out);
            out.push_str(close);
        }
        Node::Delim { text, .. } => out.push_str(text),
        Node::Accent { body, .. }
        | Node::Style { body, .. }
        | Node::Color { body, .. }
        | Node::Boxed(body) => push(body, out),
        Node::UnderOver { base, .. } => push(base, out),
        Node::Text(t) => out.push_str(t),
        Node::Space(Em(em)) => {
            if *em >= 0.25 {
                out.push(' ');
            }
        }
        Node::Table(t) => {
            out.push_str(t.open);
            for (i, row) in t.rows.iter().enumerate() {
                if i > 0 {
                    out.push_str("; ");
                }
                for cell in row {
                    push(cell, out);
                    out.push(' ');
                }
            }
            out.push_str(t.close);
        }
    }
}

/// A script or a fraction's part: in parentheses when longer than one
/// character.
fn group(node: &Node, out: &mut String) {
    let mut inner = String::new();
    push(node, &mut inner);
    let inner = inner.trim();
    if inner.chars().count() > 1 {
        out.push('(');
        out.push_str(inner);
        out.push(')');
    } else {
        out.push_str(inner);
    }
}

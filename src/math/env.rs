//! `\begin{…}…\end{…}`: matrices, cases, aligned, gathered, array.

use super::parser::Parser;
use super::parser_cmds::{cells, columns, table};
use super::{ColAlign, MathError, Node};
use crate::math::Em;

type Result<T> = std::result::Result<T, MathError>;

/// The environment after `\begin` (its name not yet read).
pub(super) fn environment(p: &mut Parser<'_>) -> Result<Node> {
    let name = p.text_group()?;
    let name = name.trim();
    let spec = if name == "array" || name == "alignedat" || name == "alignat" {
        Some(p.text_group()?)
    } else {
        None
    };
    use ColAlign::*;
    let (spec_columns, vlines) = columns(spec.as_deref().unwrap_or("c"));
    let (columns, delims, display) = match name {
        "matrix" | "smallmatrix" => (vec![Center], ("", ""), false),
        "pmatrix" => (vec![Center], ("(", ")"), false),
        "bmatrix" => (vec![Center], ("[", "]"), false),
        "Bmatrix" => (vec![Center], ("{", "}"), false),
        "vmatrix" => (vec![Center], ("|", "|"), false),
        "Vmatrix" => (vec![Center], ("‖", "‖"), false),
        "cases" | "dcases" => (vec![Left, Left], ("{", ""), name == "dcases"),
        "rcases" => (vec![Left, Left], ("", "}"), false),
        "aligned" | "align" | "align*" | "split" | "alignedat" | "alignat" | "eqnarray"
        | "eqnarray*" => (vec![Right, Left], ("", ""), true),
        "gathered" | "gather" | "gather*" | "equation" | "equation*" | "multline" | "multline*" => {
            (vec![Center], ("", ""), true)
        }
        "array" | "subarray" => (spec_columns, ("", ""), false),
        other => return Err(MathError::Unsupported(format!("\\begin{{{other}}}"))),
    };
    let (rows, hlines) = cells(p)?;
    let end = p.text_group()?;
    if end.trim() != name {
        return Err(MathError::Syntax("\\end does not match \\begin"));
    }
    let mut node = table(rows, columns, delims, display);
    if let Node::Table(t) = &mut node {
        t.hlines = hlines;
        if name == "array" {
            t.vlines = vlines;
        }
        if matches!(
            name,
            "aligned" | "align" | "align*" | "split" | "alignedat" | "alignat"
        ) {
            // Right–left pairs sit together: no gap inside a pair.
            t.column_gap = Em(0.0);
        } else if name.contains("cases") {
            t.column_gap = Em(1.0);
        }
    }
    Ok(node)
}

//! The commands that take arguments: fractions, roots, delimiters,
//! accents, text, spaces, `\operatorname`, `\tag` and environments.

use super::lex::Tok;
use super::parser::{End, Parser};
use super::{AtomKind, Class, ColAlign, Limits, MathError, Node, Table};
use crate::math::Em;

type Result<T> = std::result::Result<T, MathError>;

/// The node of command `\name` (the command itself already read).
pub(super) fn command(p: &mut Parser<'_>, name: &str) -> Result<Option<Node>> {
    let node = match name {
        "frac" | "dfrac" | "tfrac" | "cfrac" | "binom" | "dbinom" | "tbinom" => fraction(p, name)?,
        "sqrt" => {
            let index = p.optional()?.map(Box::new);
            Node::Root {
                body: Box::new(p.argument()?),
                index,
            }
        }
        "left" => left(p)?,
        "big" | "Big" | "bigg" | "Bigg" | "bigl" | "Bigl" | "biggl" | "Biggl" | "bigr" | "Bigr"
        | "biggr" | "Biggr" | "bigm" | "Bigm" | "biggm" | "Biggm" => big(p, name)?,
        "text" | "textrm" | "textnormal" | "mbox" | "textup" | "textit" | "textbf" | "textsf"
        | "texttt" | "hbox" => Node::Text(p.text_group()?),
        "operatorname" | "operatorname*" | "mathop" => operator_name(p, name)?,
        "tag" | "tag*" | "notag" | "nonumber" | "label" => {
            numbering(p, name)?;
            return Ok(None);
        }
        "begin" => super::env::environment(p)?,
        "not" => negate(p.argument()?),
        "overset" | "stackrel" | "underset" => {
            let first = Box::new(p.argument()?);
            let base = Box::new(p.argument()?);
            let (under, over) = if name == "underset" {
                (Some(first), None)
            } else {
                (None, Some(first))
            };
            Node::UnderOver { base, under, over }
        }
        "pmod" => pmod(p.argument()?),
        "bmod" | "mod" => Node::Row(vec![
            Node::Space(Em(0.25)),
            op("mod"),
            Node::Space(Em(0.25)),
        ]),
        "textcolor" => {
            let rgb = super::color::argument(p)?;
            Node::Color {
                rgb,
                body: Box::new(p.argument()?),
            }
        }
        "boxed" => Node::Boxed(Box::new(p.argument()?)),
        "fbox" => Node::Boxed(Box::new(Node::Text(p.text_group()?))),
        "hspace" | "hspace*" | "mspace" => {
            star(p);
            Node::Space(Em(dimension(&p.text_group()?)?))
        }
        "kern" | "mkern" | "hskip" | "mskip" => Node::Space(Em(dimension(&p.dimension_text())?)),
        "phantom" | "vphantom" | "hphantom" => {
            p.argument()?;
            Node::Row(Vec::new())
        }
        _ => space_or_accent(p, name)?,
    };
    Ok(Some(node))
}

/// Takes a `*` right after a command name; whether there was one.
fn star(p: &mut Parser<'_>) -> bool {
    let star = p.peek() == Some(&Tok::Ch('*'));
    if star {
        p.next();
    }
    star
}

/// `\frac` and `\binom` with their display (`d…`, `\cfrac`) and text
/// (`t…`) forms.
fn fraction(p: &mut Parser<'_>, name: &str) -> Result<Node> {
    let num = Box::new(p.argument()?);
    let den = Box::new(p.argument()?);
    let style = match name.as_bytes()[0] {
        b'd' | b'c' => Some(true),
        b't' => Some(false),
        _ => None,
    };
    let binom = name.ends_with("binom");
    let frac = Node::Frac {
        num,
        den,
        rule: !binom,
        style,
    };
    Ok(if binom { parenthesized(frac) } else { frac })
}

/// `\big(` … `\Biggr)`: a delimiter of a fixed size, its class from the
/// suffix (`l` opening, `r` closing, `m` a relation).
fn big(p: &mut Parser<'_>, name: &str) -> Result<Node> {
    let size = match name.trim_end_matches(['l', 'r', 'm']) {
        "big" => 1,
        "Big" => 2,
        "bigg" => 3,
        _ => 4,
    };
    let class = match name.as_bytes()[name.len() - 1] {
        b'l' => Class::Open,
        b'r' => Class::Close,
        b'm' => Class::Rel,
        _ => Class::Ord,
    };
    Ok(Node::Delim {
        text: p.delimiter()?.into(),
        size,
        class,
    })
}

/// `\operatorname{…}` (limits beside), `\operatorname*` and `\mathop`
/// (limits above and below in display style).
fn operator_name(p: &mut Parser<'_>, name: &str) -> Result<Node> {
    let star = star(p);
    Ok(Node::Op {
        text: p.text_group()?.trim().to_string(),
        large: false,
        limits: if star || name == "mathop" {
            Limits::Display
        } else {
            Limits::Never
        },
    })
}

/// `\tag{…}` (in parentheses; `\tag*` as written) sets the equation
/// number; `\notag`, `\nonumber` and `\label{…}` draw nothing.
fn numbering(p: &mut Parser<'_>, name: &str) -> Result<()> {
    match name {
        "tag" | "tag*" => {
            let star = star(p);
            let tag = p.text_group()?;
            p.tag = Some(if star { tag } else { format!("({tag})") });
        }
        "label" => {
            p.text_group()?;
        }
        _ => {}
    }
    Ok(())
}

/// `\pmod{n}`: `(mod n)` after a quad.
fn pmod(body: Node) -> Node {
    let fence = |text: &str, class| Node::Atom {
        text: text.into(),
        class,
        kind: AtomKind::Operator,
        variant: None,
    };
    Node::Row(vec![
        Node::Space(Em(1.0)),
        fence("(", Class::Open),
        op("mod"),
        Node::Space(Em(0.333)),
        body,
        fence(")", Class::Close),
    ])
}

/// A spacing command (`\quad`, `\,`) or an accent (`\hat`, `\overline`);
/// anything else is unsupported.
fn space_or_accent(p: &mut Parser<'_>, name: &str) -> Result<Node> {
    if let Some(space) = space(name) {
        Ok(Node::Space(Em(space)))
    } else if let Some((mark, under, stretchy)) = accent(name) {
        Ok(Node::Accent {
            body: Box::new(p.argument()?),
            mark,
            under,
            stretchy,
        })
    } else {
        Err(MathError::Unsupported(format!("\\{name}")))
    }
}

/// `node` in parentheses as tall as it (`\binom`, `\choose`).
pub(super) fn parenthesized(node: Node) -> Node {
    Node::Fenced {
        open: "(".into(),
        close: ")".into(),
        body: Box::new(node),
    }
}

fn op(text: &str) -> Node {
    Node::Op {
        text: text.into(),
        large: false,
        limits: Limits::Never,
    }
}

/// `\left( … \right)`.
fn left(p: &mut Parser<'_>) -> Result<Node> {
    let open = p.delimiter()?;
    let mut body = Vec::new();
    loop {
        let (part, end) = p.row()?;
        body.extend(part);
        match end {
            End::Right => break,
            // `\middle|`: as tall as the fence (size 0).
            End::Middle => body.push(Node::Delim {
                text: p.delimiter()?.into(),
                size: 0,
                class: Class::Rel,
            }),
            _ => return Err(MathError::Syntax("\\left without \\right")),
        }
    }
    let close = p.delimiter()?;
    Ok(Node::Fenced {
        open: open.into(),
        close: close.into(),
        body: Box::new(Node::Row(body)),
    })
}

/// `\not=` → `≠`; other negations get the combining long solidus.
fn negate(node: Node) -> Node {
    match node {
        Node::Atom {
            text,
            class,
            kind,
            variant,
        } => {
            let text = match text.as_str() {
                "=" => "≠".to_string(),
                "∈" => "∉".to_string(),
                "≡" => "≢".to_string(),
                "⊂" => "⊄".to_string(),
                "<" => "≮".to_string(),
                ">" => "≯".to_string(),
                _ => format!("{text}\u{338}"),
            };
            Node::Atom {
                text,
                class,
                kind,
                variant,
            }
        }
        other => other,
    }
}

/// A TeX dimension (`1em`, `-3mu`, `2.5pt`) in em, points counted at a
/// 10 pt size as TeX's defaults are.
fn dimension(text: &str) -> Result<f32> {
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let split = text
        .find(|c: char| c.is_ascii_alphabetic())
        .ok_or(MathError::Syntax("a dimension without a unit"))?;
    let (number, unit) = text.split_at(split);
    let value: f32 = match number {
        "" | "+" => 1.0,
        "-" => -1.0,
        n => n
            .parse()
            .map_err(|_| MathError::Syntax("a bad number in a dimension"))?,
    };
    let em_per_unit = match unit {
        "em" => 1.0,
        "ex" => 0.431,
        "mu" => 1.0 / 18.0,
        "pt" => 0.1,
        "bp" => 0.1004,
        "px" => 0.075,
        "pc" => 1.2,
        "mm" => 0.2845,
        "cm" => 2.845,
        "in" => 7.227,
        other => return Err(MathError::Unsupported(format!("the unit {other}"))),
    };
    // A space wider than a page is a typo, not a layout.
    Ok((value * em_per_unit).clamp(-50.0, 50.0))
}

/// Spacing commands, in em.
fn space(name: &str) -> Option<f32> {
    Some(match name {
        "," | "thinspace" => 3.0 / 18.0,
        ":" | ">" | "medspace" => 4.0 / 18.0,
        ";" | "thickspace" => 5.0 / 18.0,
        "!" | "negthinspace" => -3.0 / 18.0,
        "negmedspace" => -4.0 / 18.0,
        "negthickspace" => -5.0 / 18.0,
        " " => 0.25,
        "enspace" => 0.5,
        "quad" => 1.0,
        "qquad" => 2.0,
        _ => return None,
    })
}

/// Accents: the mark, whether it goes under, whether it stretches.
fn accent(name: &str) -> Option<(char, bool, bool)> {
    Some(match name {
        "hat" => ('^', false, false),
        "widehat" => ('^', false, true),
        "check" => ('ˇ', false, false),
        "tilde" => ('~', false, false),
        "widetilde" => ('~', false, true),
        "acute" => ('´', false, false),
        "grave" => ('`', false, false),
        "dot" => ('˙', false, false),
        "ddot" => ('¨', false, false),
        "breve" => ('˘', false, false),
        "bar" => ('¯', false, false),
        "vec" => ('→', false, false),
        "overline" => ('‾', false, true),
        "underline" => ('_', true, true),
        "overrightarrow" => ('→', false, true),
        "overleftarrow" => ('←', false, true),
        "overbrace" => ('⏞', false, true),
        "underbrace" => ('⏟', true, true),
        _ => return None,
    })
}

/// Column alignments of an `array` spec (`{c|cc}`, `{rl}`) and where its
/// vertical rules are (before the column of each index).
pub(super) fn columns(spec: &str) -> (Vec<ColAlign>, Vec<usize>) {
    let mut aligns = Vec::new();
    let mut rules = Vec::new();
    for c in spec.chars() {
        match c {
            'l' => aligns.push(ColAlign::Left),
            'c' => aligns.push(ColAlign::Center),
            'r' => aligns.push(ColAlign::Right),
            '|' => rules.push(aligns.len()),
            _ => {}
        }
    }
    (aligns, rules)
}

/// Rows of cells up to `\end{…}`, and the rows that have a rule
/// (`\hline`) above them.
pub(super) fn cells(p: &mut Parser<'_>) -> Result<(Vec<Vec<Node>>, Vec<usize>)> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut rules = Vec::new();
    loop {
        p.skip_spaces();
        if matches!(p.peek(), Some(Tok::Cs(n)) if n == "hline" || n == "hdashline") {
            p.next();
            if row.is_empty() && rules.last() != Some(&rows.len()) {
                rules.push(rows.len());
            }
            continue;
        }
        let (cell, end) = p.row()?;
        row.push(Node::Row(cell));
        match end {
            End::Amp => {}
            End::Newline => rows.push(std::mem::take(&mut row)),
            End::Finish => {
                // A last `\\` leaves an empty row: dropped.
                let empty = row.len() == 1 && matches!(&row[0], Node::Row(c) if c.is_empty());
                if !empty {
                    rows.push(row);
                }
                return Ok((rows, rules));
            }
            _ => return Err(MathError::Syntax("environment not closed")),
        }
    }
}

/// A table with these settings.
pub(super) fn table(
    rows: Vec<Vec<Node>>,
    columns: Vec<ColAlign>,
    (open, close): (&'static str, &'static str),
    display: bool,
) -> Node {
    Node::Table(Box::new(Table {
        rows,
        columns,
        open,
        close,
        display,
        column_gap: Em(if display { 1.0 } else { 0.8 }),
        hlines: Vec::new(),
        vlines: Vec::new(),
    }))
}

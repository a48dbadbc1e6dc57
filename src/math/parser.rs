//! Tokens into a [`Node`] tree, by recursive descent whose depth is bounded
//! by [`MAX_NESTING`](super::MAX_NESTING).

use super::lex::Tok;
use super::symbols::{big_operator, char_class, delimiter, function, symbol};
use super::variant::Variant;
use super::{AtomKind, Class, Limits, MathError, Node};

type Result<T> = std::result::Result<T, MathError>;

/// What ended a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum End {
    Eof,
    Close,
    /// `\right`, its delimiter not yet read.
    Right,
    /// `\middle`, its delimiter not yet read.
    Middle,
    /// `&`: the next cell.
    Amp,
    Newline,
    /// `\end`, its `{name}` not yet read.
    Finish,
}

pub(super) struct Parser<'t> {
    pub(super) toks: &'t [Tok],
    pub(super) pos: usize,
    depth: usize,
    pub(super) tag: Option<String>,
}

/// Parses a whole formula: its tree and its `\tag`.
pub fn parse(toks: &[Tok]) -> Result<(Node, Option<String>)> {
    let mut p = Parser {
        toks,
        pos: 0,
        depth: 0,
        tag: None,
    };
    let (row, end) = p.row()?;
    match end {
        End::Eof => Ok((Node::Row(row), p.tag)),
        End::Close => Err(MathError::Syntax("unbalanced braces")),
        End::Right => Err(MathError::Syntax("\\right without \\left")),
        End::Finish => Err(MathError::Syntax("\\end without \\begin")),
        End::Amp | End::Newline => Err(MathError::Syntax("& or \\\\ outside an environment")),
        End::Middle => Err(MathError::Syntax("\\middle outside \\left…\\right")),
    }
}

impl<'t> Parser<'t> {
    pub(super) fn peek(&self) -> Option<&'t Tok> {
        self.toks.get(self.pos)
    }

    pub(super) fn next(&mut self) -> Option<&'t Tok> {
        let t = self.toks.get(self.pos);
        self.pos += 1;
        t
    }

    pub(super) fn skip_spaces(&mut self) {
        while self.peek() == Some(&Tok::Space) {
            self.pos += 1;
        }
    }

    pub(super) fn enter(&mut self) -> Result<()> {
        self.depth += 1;
        if self.depth > super::MAX_NESTING {
            return Err(MathError::TooDeep);
        }
        Ok(())
    }

    pub(super) fn leave(&mut self) {
        self.depth -= 1;
    }

    /// Nodes up to the end of the group, row, cell or input.
    pub(super) fn row(&mut self) -> Result<(Vec<Node>, End)> {
        self.enter()?;
        let mut out: Vec<Node> = Vec::new();
        let end = loop {
            let Some(tok) = self.next() else {
                break End::Eof;
            };
            match tok {
                Tok::Space => {}
                Tok::Close => break End::Close,
                Tok::Amp => break End::Amp,
                Tok::Open => {
                    let (inner, end) = self.row()?;
                    if end != End::Close {
                        return Err(MathError::Syntax("unbalanced braces"));
                    }
                    out.push(Node::Row(inner));
                }
                Tok::Sup | Tok::Sub => {
                    let arg = self.argument()?;
                    attach(&mut out, *tok == Tok::Sup, arg)?;
                }
                Tok::Ch('\'') => {
                    let prime = Node::Atom {
                        text: "′".into(),
                        class: Class::Ord,
                        kind: AtomKind::Operator,
                        variant: None,
                    };
                    attach(&mut out, true, prime)?;
                }
                Tok::Ch(c) if c.is_ascii_digit() => {
                    let mut text = c.to_string();
                    while let Some(Tok::Ch(d)) = self.peek() {
                        let digit_after = matches!(self.toks.get(self.pos + 1), Some(Tok::Ch(n)) if n.is_ascii_digit());
                        if d.is_ascii_digit() || (*d == '.' && digit_after) {
                            text.push(*d);
                            self.pos += 1;
                        } else {
                            break;
                        }
                    }
                    out.push(number(text));
                }
                Tok::Ch(c) => out.push(char_atom(*c)),
                Tok::Cs(name) => {
                    if let Some(end) = self.row_command(name, &mut out)? {
                        break end;
                    }
                }
                Tok::Param(_) => return Err(MathError::Syntax("# outside a macro")),
            }
        };
        self.leave();
        Ok((out, end))
    }

    /// A command inside a row. Those that end the row (`\right`, `\\`,
    /// `\end`) or take the rest of it (`\displaystyle`, `\color`, infix
    /// `\over`) return how the row ended.
    fn row_command(&mut self, name: &str, out: &mut Vec<Node>) -> Result<Option<End>> {
        match name {
            "right" => return Ok(Some(End::Right)),
            "middle" => return Ok(Some(End::Middle)),
            "\\" | "cr" | "newline" => {
                // An optional `[2pt]` after `\\`.
                self.optional()?;
                return Ok(Some(End::Newline));
            }
            "end" => return Ok(Some(End::Finish)),
            "displaystyle" | "textstyle" | "color" | "over" | "atop" | "choose" => {
                return self.rest_of_row(name, out).map(Some)
            }
            "limits" | "nolimits" => {
                if let Some(Node::Op { limits, .. }) = out.last_mut() {
                    *limits = if name == "limits" {
                        Limits::Always
                    } else {
                        Limits::Never
                    };
                }
            }
            _ => {
                if let Some(node) = self.command(name)? {
                    out.push(node);
                }
            }
        }
        Ok(None)
    }

    /// The commands that act on the rest of the group: a style, a colour,
    /// or TeX's infix fractions (`a \over b`: all before over all after).
    fn rest_of_row(&mut self, name: &str, out: &mut Vec<Node>) -> Result<End> {
        let rgb = if name == "color" {
            Some(super::color::argument(self)?)
        } else {
            None
        };
        let (rest, end) = self.row()?;
        let rest = Box::new(Node::Row(rest));
        let node = match name {
            "displaystyle" | "textstyle" => Node::Style {
                display: name == "displaystyle",
                body: rest,
            },
            "color" => Node::Color {
                rgb: rgb.unwrap_or_default(),
                body: rest,
            },
            _ => {
                let frac = Node::Frac {
                    num: Box::new(Node::Row(std::mem::take(out))),
                    den: rest,
                    rule: name == "over",
                    style: None,
                };
                if name == "choose" {
                    super::parser_cmds::parenthesized(frac)
                } else {
                    frac
                }
            }
        };
        out.push(node);
        Ok(end)
    }

    /// One argument: a group, a command, or one character.
    pub(super) fn argument(&mut self) -> Result<Node> {
        self.skip_spaces();
        let Some(tok) = self.next() else {
            return Err(MathError::Syntax("missing argument"));
        };
        Ok(match tok {
            Tok::Open => {
                let (inner, end) = self.row()?;
                if end != End::Close {
                    return Err(MathError::Syntax("unbalanced braces"));
                }
                Node::Row(inner)
            }
            Tok::Ch(c) if c.is_ascii_digit() => number(c.to_string()),
            Tok::Ch(c) => char_atom(*c),
            Tok::Cs(name) => {
                self.enter()?;
                let node = self.command(name)?;
                self.leave();
                node.unwrap_or(Node::Row(Vec::new()))
            }
            _ => return Err(MathError::Syntax("bad argument")),
        })
    }

    /// The raw text of a braced group (`\text{…}`, `\begin{name}`).
    pub(super) fn text_group(&mut self) -> Result<String> {
        self.skip_spaces();
        if self.next() != Some(&Tok::Open) {
            return Err(MathError::Syntax("missing {"));
        }
        let mut depth = 1usize;
        let mut text = String::new();
        while let Some(tok) = self.next() {
            match tok {
                Tok::Open => depth += 1,
                Tok::Close => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(text);
                    }
                }
                Tok::Ch(c) => text.push(*c),
                Tok::Space => text.push(' '),
                Tok::Amp => text.push('&'),
                Tok::Sup => text.push('^'),
                Tok::Sub => text.push('_'),
                Tok::Param(_) => {}
                Tok::Cs(name) => match name.as_str() {
                    " " | "," | ";" | "quad" => text.push(' '),
                    n if n.chars().count() == 1 && !n.chars().all(char::is_alphabetic) => {
                        text.push_str(n)
                    }
                    n => return Err(MathError::Unsupported(format!("\\{n} in \\text"))),
                },
            }
        }
        Err(MathError::Syntax("unbalanced braces"))
    }

    /// The dimension after `\kern` or `\mskip`, which has no braces:
    /// a sign, digits and a two-letter unit (`-3mu`, `0.5em`).
    pub(super) fn dimension_text(&mut self) -> String {
        self.skip_spaces();
        let mut text = String::new();
        while let Some(Tok::Ch(c)) = self.peek() {
            if c.is_ascii_digit() || matches!(c, '.' | '-' | '+') {
                text.push(*c);
                self.pos += 1;
            } else {
                break;
            }
        }
        self.skip_spaces();
        for _ in 0..2 {
            match self.peek() {
                Some(Tok::Ch(c)) if c.is_ascii_alphabetic() => {
                    text.push(*c);
                    self.pos += 1;
                }
                _ => break,
            }
        }
        text
    }

    /// An optional `[…]` argument as a row.
    pub(super) fn optional(&mut self) -> Result<Option<Node>> {
        self.skip_spaces();
        if self.peek() != Some(&Tok::Ch('[')) {
            return Ok(None);
        }
        self.pos += 1;
        self.enter()?;
        let mut out = Vec::new();
        let mut depth = 0usize;
        loop {
            match self.peek() {
                None => return Err(MathError::Syntax("missing ]")),
                Some(Tok::Ch(']')) if depth == 0 => {
                    self.pos += 1;
                    break;
                }
                Some(Tok::Open) => depth += 1,
                Some(Tok::Close) if depth == 0 => return Err(MathError::Syntax("missing ]")),
                Some(Tok::Close) => depth -= 1,
                _ => {}
            }
            out.push(self.argument()?);
            if depth > 0 {
                depth = 0;
            }
        }
        self.leave();
        Ok(Some(Node::Row(out)))
    }

    /// A delimiter after `\left`, `\right`, `\big`.
    pub(super) fn delimiter(&mut self) -> Result<&'static str> {
        self.skip_spaces();
        let tok = self.next().ok_or(MathError::Syntax("missing delimiter"))?;
        delimiter(tok).ok_or_else(|| match tok {
            Tok::Cs(n) => MathError::Unsupported(format!("\\{n} as a delimiter")),
            _ => MathError::Syntax("bad delimiter"),
        })
    }

    /// A command (not `\right`, `\end`, `\\`…): its node, `None` for
    /// commands that only set something (`\tag`).
    fn command(&mut self, name: &str) -> Result<Option<Node>> {
        if let Some((text, class)) = symbol(name) {
            let kind = if matches!(class, Class::Ord) && is_letter(text) {
                AtomKind::Ident
            } else {
                AtomKind::Operator
            };
            return Ok(Some(Node::Atom {
                text: text.into(),
                class,
                kind,
                variant: upright_capital_greek(text),
            }));
        }
        if let Some((text, limits)) = big_operator(name) {
            return Ok(Some(Node::Op {
                text: text.into(),
                large: true,
                limits: if limits {
                    Limits::Display
                } else {
                    Limits::Never
                },
            }));
        }
        if let Some((text, limits)) = function(name) {
            return Ok(Some(Node::Op {
                text: text.into(),
                large: false,
                limits: if limits {
                    Limits::Display
                } else {
                    Limits::Never
                },
            }));
        }
        if let Some(variant) = Variant::of_command(name) {
            let body = self.argument()?;
            return Ok(Some(variant::apply(body, variant)));
        }
        super::parser_cmds::command(self, name)
    }
}

use super::variant;

/// Attaches a script to the last node of `out`.
fn attach(out: &mut Vec<Node>, sup: bool, arg: Node) -> Result<()> {
    let base = out.pop().unwrap_or(Node::Row(Vec::new()));
    let node = match base {
        Node::Scripts {
            base,
            sub,
            sup: None,
        } if sup => Node::Scripts {
            base,
            sub,
            sup: Some(Box::new(arg)),
        },
        Node::Scripts {
            base,
            sub: None,
            sup: s,
        } if !sup => Node::Scripts {
            base,
            sub: Some(Box::new(arg)),
            sup: s,
        },
        Node::Scripts { .. } => return Err(MathError::Syntax("double script")),
        // `\overbrace{…}^{label}`: the label goes over the brace.
        Node::Accent {
            body,
            mark,
            under,
            stretchy: true,
        } if (mark == '⏞' && sup) || (mark == '⏟' && !sup) => Node::UnderOver {
            base: Box::new(Node::Accent {
                body,
                mark,
                under,
                stretchy: true,
            }),
            under: (!sup).then(|| Box::new(arg.clone())),
            over: sup.then(|| Box::new(arg)),
        },
        base => {
            let arg = Some(Box::new(arg));
            let (sub, sup) = if sup { (None, arg) } else { (arg, None) };
            Node::Scripts {
                base: Box::new(base),
                sub,
                sup,
            }
        }
    };
    out.push(node);
    Ok(())
}

pub(super) fn number(text: String) -> Node {
    Node::Atom {
        text,
        class: Class::Ord,
        kind: AtomKind::Number,
        variant: None,
    }
}

pub(super) fn char_atom(c: char) -> Node {
    let class = char_class(c);
    let kind = if c.is_alphabetic() {
        AtomKind::Ident
    } else {
        AtomKind::Operator
    };
    Node::Atom {
        // The minus sign, not the hyphen.
        text: if c == '-' {
            '−'.to_string()
        } else {
            c.to_string()
        },
        class,
        kind,
        variant: None,
    }
}

fn is_letter(text: &str) -> bool {
    text.chars().all(char::is_alphabetic)
}

/// Capital Greek letters are upright in TeX.
fn upright_capital_greek(text: &str) -> Option<Variant> {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if ('Α'..='Ω').contains(&c) => Some(Variant::Normal),
        _ => None,
    }
}

//! `\newcommand`, `\renewcommand`, `\def` and `\DeclareMathOperator`:
//! macros a document defines in its math, expanded on tokens before the
//! formula is parsed. Definitions last to the end of the book (chapter
//! files are read in order, as one LaTeX document).
//!
//! Expansion is bounded: a macro that expands into itself, or a chain of
//! macros that doubles at every step, stops with an error after
//! [`MAX_TOKENS`] tokens instead of hanging.

use std::collections::HashMap;

use super::lex::Tok;
use super::MathError;

/// Tokens a formula may grow to by expansion.
pub const MAX_TOKENS: usize = 200_000;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Macros {
    defs: HashMap<String, (u8, Vec<Tok>)>,
}

impl Macros {
    pub fn is_empty(&self) -> bool {
        self.defs.is_empty()
    }

    /// Takes the definitions out of `toks` (remembering them) and expands
    /// every macro use.
    pub fn expand(&mut self, toks: Vec<Tok>) -> Result<Vec<Tok>, MathError> {
        let mut out = Vec::with_capacity(toks.len());
        // Pending input, last token first.
        let mut input: Vec<Tok> = toks.into_iter().rev().collect();
        while let Some(tok) = input.pop() {
            if out.len() + input.len() > MAX_TOKENS {
                return Err(MathError::TooLong);
            }
            let Tok::Cs(name) = &tok else {
                out.push(tok);
                continue;
            };
            match name.as_str() {
                "newcommand" | "renewcommand" | "providecommand" => self.define(&mut input)?,
                "def" => self.define_def(&mut input)?,
                "DeclareMathOperator" => {
                    skip(&mut input, |t| *t == Tok::Ch('*'));
                    let name = command_name(&mut input)?;
                    let body = group(&mut input)?;
                    let mut def = vec![Tok::Cs("operatorname".into()), Tok::Open];
                    def.extend(body);
                    def.push(Tok::Close);
                    self.defs.insert(name, (0, def));
                }
                _ => match self.defs.get(name) {
                    Some((n, body)) => {
                        let mut args = Vec::new();
                        for _ in 0..*n {
                            args.push(argument(&mut input)?);
                        }
                        for t in body.iter().rev() {
                            match t {
                                Tok::Param(k) => match args.get(usize::from(*k) - 1) {
                                    Some(a) => input.extend(a.iter().rev().cloned()),
                                    None => return Err(MathError::Syntax("macro parameter")),
                                },
                                t => input.push(t.clone()),
                            }
                        }
                    }
                    None => out.push(tok),
                },
            }
        }
        Ok(out)
    }

    /// `\newcommand{\name}[n]{body}` (also `\newcommand\name…`).
    fn define(&mut self, input: &mut Vec<Tok>) -> Result<(), MathError> {
        skip(input, |t| *t == Tok::Ch('*'));
        let name = command_name(input)?;
        skip(input, |t| *t == Tok::Space);
        let mut n = 0u8;
        if input.last() == Some(&Tok::Ch('[')) {
            input.pop();
            while let Some(t) = input.pop() {
                match t {
                    Tok::Ch(']') => break,
                    Tok::Ch(d) if d.is_ascii_digit() => n = d as u8 - b'0',
                    Tok::Space => {}
                    _ => return Err(MathError::Syntax("\\newcommand arguments")),
                }
            }
        }
        if n > 9 {
            return Err(MathError::Syntax("\\newcommand arguments"));
        }
        let body = group(input)?;
        self.defs.insert(name, (n, body));
        Ok(())
    }

    /// `\def\name{body}` or `\def\name#1#2{body}`.
    fn define_def(&mut self, input: &mut Vec<Tok>) -> Result<(), MathError> {
        let Some(Tok::Cs(name)) = input.pop() else {
            return Err(MathError::Syntax("\\def"));
        };
        let mut n = 0u8;
        while let Some(Tok::Param(k)) = input.last() {
            n = n.max(*k);
            input.pop();
        }
        let body = group(input)?;
        self.defs.insert(name, (n, body));
        Ok(())
    }
}

fn skip(input: &mut Vec<Tok>, what: impl Fn(&Tok) -> bool) {
    while input.last().is_some_and(&what) {
        input.pop();
    }
}

/// `\name` or `{\name}`.
fn command_name(input: &mut Vec<Tok>) -> Result<String, MathError> {
    skip(input, |t| *t == Tok::Space);
    match input.pop() {
        Some(Tok::Cs(name)) => Ok(name),
        Some(Tok::Open) => match (input.pop(), input.pop()) {
            (Some(Tok::Cs(name)), Some(Tok::Close)) => Ok(name),
            _ => Err(MathError::Syntax("\\newcommand name")),
        },
        _ => Err(MathError::Syntax("\\newcommand name")),
    }
}

/// A braced group's tokens, without the braces.
fn group(input: &mut Vec<Tok>) -> Result<Vec<Tok>, MathError> {
    skip(input, |t| *t == Tok::Space);
    if input.pop() != Some(Tok::Open) {
        return Err(MathError::Syntax("macro body"));
    }
    let mut depth = 1usize;
    let mut body = Vec::new();
    while let Some(t) = input.pop() {
        match t {
            Tok::Open => depth += 1,
            Tok::Close => {
                depth -= 1;
                if depth == 0 {
                    return Ok(body);
                }
            }
            _ => {}
        }
        body.push(t);
    }
    Err(MathError::Syntax("unbalanced braces"))
}

/// A macro argument: a braced group (braces dropped) or one token.
fn argument(input: &mut Vec<Tok>) -> Result<Vec<Tok>, MathError> {
    skip(input, |t| *t == Tok::Space);
    match input.last() {
        Some(Tok::Open) => group(input),
        Some(_) => Ok(input.pop().into_iter().collect()),
        None => Err(MathError::Syntax("missing macro argument")),
    }
}

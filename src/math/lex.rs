//! TeX source into tokens: control sequences, characters, braces, `^`,
//! `_`, `&`, `#n`. Comments (`%` to the line end) are dropped; spaces are
//! kept as one token (only `\text{…}` and macro bodies care about them).

/// One TeX token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tok {
    /// `\name` (letters) or `\c` (one other character).
    Cs(String),
    Ch(char),
    Open,
    Close,
    Sup,
    Sub,
    Amp,
    /// `#1`…`#9` in a macro body.
    Param(u8),
    Space,
}

/// Splits `tex` into tokens.
pub fn tokens(tex: &str) -> Vec<Tok> {
    let mut out = Vec::with_capacity(tex.len());
    let mut chars = tex.chars().peekable();
    while let Some(c) = chars.next() {
        let tok = match c {
            '\\' => {
                let mut name = String::new();
                while let Some(&n) = chars.peek() {
                    if !n.is_ascii_alphabetic() {
                        break;
                    }
                    name.push(n);
                    chars.next();
                }
                if name.is_empty() {
                    match chars.next() {
                        Some(n) => name.push(n),
                        None => continue,
                    }
                } else {
                    // Spaces after a control word end it and are dropped.
                    while chars.peek().is_some_and(|c| c.is_whitespace()) {
                        chars.next();
                    }
                }
                Tok::Cs(name)
            }
            '{' => Tok::Open,
            '}' => Tok::Close,
            '^' => Tok::Sup,
            '_' => Tok::Sub,
            '&' => Tok::Amp,
            '#' => match chars.peek().and_then(|d| d.to_digit(10)) {
                Some(d) if d > 0 => {
                    chars.next();
                    Tok::Param(d as u8)
                }
                _ => Tok::Ch('#'),
            },
            '%' => {
                for n in chars.by_ref() {
                    if n == '\n' {
                        break;
                    }
                }
                continue;
            }
            c if c.is_whitespace() => {
                while chars.peek().is_some_and(|c| c.is_whitespace()) {
                    chars.next();
                }
                Tok::Space
            }
            c => Tok::Ch(c),
        };
        out.push(tok);
    }
    out
}

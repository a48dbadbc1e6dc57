//! Colour arguments: `\color{red}`, `\textcolor[rgb]{1,0,0}{…}`,
//! `\color{#1e90ff}`. Names are CSS's (as KaTeX and MathJax read them, so
//! a formula looks as its author previewed it); the models are xcolor's
//! `rgb`, `RGB`, `HTML` and `gray`.

use super::lex::Tok;
use super::parser::Parser;
use super::MathError;

type Result<T> = std::result::Result<T, MathError>;

/// The colour after `\color` or `\textcolor`: an optional `[model]`, then
/// the `{spec}`.
pub(super) fn argument(p: &mut Parser<'_>) -> Result<[u8; 3]> {
    p.skip_spaces();
    let mut model = String::new();
    if p.peek() == Some(&Tok::Ch('[')) {
        p.next();
        loop {
            match p.next() {
                Some(Tok::Ch(']')) => break,
                Some(Tok::Ch(c)) => model.push(*c),
                Some(Tok::Space) => {}
                _ => return Err(MathError::Syntax("missing ] after a colour model")),
            }
        }
    }
    let spec = spec_group(p)?;
    parse(model.trim(), spec.trim())
        .ok_or_else(|| MathError::Unsupported(format!("colour {}", show(&model, &spec))))
}

/// The `{…}` of a colour as written: `#1e90ff` lexes as the macro
/// parameter `#1` and letters, which a text group would drop.
fn spec_group(p: &mut Parser<'_>) -> Result<String> {
    p.skip_spaces();
    if p.next() != Some(&Tok::Open) {
        return Err(MathError::Syntax("missing { after a colour"));
    }
    let mut spec = String::new();
    loop {
        match p.next() {
            Some(Tok::Close) => return Ok(spec),
            Some(Tok::Ch(c)) => spec.push(*c),
            Some(Tok::Param(n)) => {
                spec.push('#');
                spec.push(char::from(b'0' + n));
            }
            Some(Tok::Space) => spec.push(' '),
            _ => return Err(MathError::Syntax("a bad colour")),
        }
    }
}

fn show(model: &str, spec: &str) -> String {
    if model.is_empty() {
        format!("{{{spec}}}")
    } else {
        format!("[{model}]{{{spec}}}")
    }
}

/// A colour in `model` (empty: a name or `#rrggbb`).
pub fn parse(model: &str, spec: &str) -> Option<[u8; 3]> {
    let numbers = || -> Option<Vec<f32>> {
        spec.split(',')
            .map(|n| n.trim().parse::<f32>().ok().filter(|v| v.is_finite()))
            .collect()
    };
    let unit = |v: f32| (v.clamp(0.0, 1.0) * 255.0).round() as u8;
    match model {
        "" => spec.strip_prefix('#').map_or_else(|| named(spec), hex),
        "HTML" => hex(spec),
        "rgb" => match numbers()?.as_slice() {
            [r, g, b] => Some([unit(*r), unit(*g), unit(*b)]),
            _ => None,
        },
        "RGB" => match numbers()?.as_slice() {
            [r, g, b] => Some([r, g, b].map(|v| v.clamp(0.0, 255.0).round() as u8)),
            _ => None,
        },
        "gray" => match numbers()?.as_slice() {
            [g] => Some([unit(*g); 3]),
            _ => None,
        },
        _ => None,
    }
}

/// `rrggbb` or `rgb`.
fn hex(spec: &str) -> Option<[u8; 3]> {
    let digits: Vec<u8> = spec
        .chars()
        .map(|c| c.to_digit(16).map(|d| d as u8))
        .collect::<Option<_>>()?;
    match digits.as_slice() {
        [r1, r2, g1, g2, b1, b2] => Some([r1 * 16 + r2, g1 * 16 + g2, b1 * 16 + b2]),
        [r, g, b] => Some([r * 17, g * 17, b * 17]),
        _ => None,
    }
}

/// The CSS colour names people use in formulas.
fn named(name: &str) -> Option<[u8; 3]> {
    const NAMES: &[(&str, [u8; 3])] = &[
        ("black", [0, 0, 0]),
        ("white", [255, 255, 255]),
        ("gray", [128, 128, 128]),
        ("grey", [128, 128, 128]),
        ("darkgray", [169, 169, 169]),
        ("lightgray", [211, 211, 211]),
        ("silver", [192, 192, 192]),
        ("red", [255, 0, 0]),
        ("darkred", [139, 0, 0]),
        ("maroon", [128, 0, 0]),
        ("crimson", [220, 20, 60]),
        ("orange", [255, 165, 0]),
        ("darkorange", [255, 140, 0]),
        ("gold", [255, 215, 0]),
        ("yellow", [255, 255, 0]),
        ("olive", [128, 128, 0]),
        ("lime", [0, 255, 0]),
        ("green", [0, 128, 0]),
        ("darkgreen", [0, 100, 0]),
        ("teal", [0, 128, 128]),
        ("cyan", [0, 255, 255]),
        ("aqua", [0, 255, 255]),
        ("blue", [0, 0, 255]),
        ("darkblue", [0, 0, 139]),
        ("navy", [0, 0, 128]),
        ("royalblue", [65, 105, 225]),
        ("purple", [128, 0, 128]),
        ("violet", [238, 130, 238]),
        ("indigo", [75, 0, 130]),
        ("magenta", [255, 0, 255]),
        ("fuchsia", [255, 0, 255]),
        ("pink", [255, 192, 203]),
        ("brown", [165, 42, 42]),
    ];
    let lower = name.to_ascii_lowercase();
    NAMES.iter().find(|(n, _)| *n == lower).map(|(_, rgb)| *rgb)
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn names_hex_and_models() {
        assert_eq!(parse("", "red"), Some([255, 0, 0]));
        assert_eq!(parse("", "Blue"), Some([0, 0, 255]));
        assert_eq!(parse("", "#1e90ff"), Some([0x1e, 0x90, 0xff]));
        assert_eq!(parse("", "#f00"), Some([255, 0, 0]));
        assert_eq!(parse("HTML", "00FF00"), Some([0, 255, 0]));
        assert_eq!(parse("rgb", "1, 0.5, 0"), Some([255, 128, 0]));
        assert_eq!(parse("RGB", "10,20,300"), Some([10, 20, 255]));
        assert_eq!(parse("gray", "0.5"), Some([128, 128, 128]));
        assert_eq!(parse("", "no-such-colour"), None);
        assert_eq!(parse("rgb", "1,0"), None);
        assert_eq!(parse("cmyk", "0,0,0,1"), None);
    }
}

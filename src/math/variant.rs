//! Math alphabets (`\mathbf`, `\mathbb`, `\mathcal`…) as the Unicode
//! Mathematical Alphanumeric Symbols, which the MATH font draws and which
//! MathML Core asks for (it no longer styles by `mathvariant`).

use super::{AtomKind, Node};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Variant {
    /// Upright (`\mathrm`, function names, capital Greek).
    Normal,
    Italic,
    Bold,
    BoldItalic,
    DoubleStruck,
    Script,
    Fraktur,
    SansSerif,
    Monospace,
}

impl Variant {
    /// The alphabet a command selects.
    pub fn of_command(name: &str) -> Option<Variant> {
        Some(match name {
            "mathrm" | "rm" | "mathup" => Variant::Normal,
            "mathit" => Variant::Italic,
            "mathbf" | "bf" => Variant::Bold,
            "boldsymbol" | "bm" | "mathbfit" => Variant::BoldItalic,
            "mathbb" => Variant::DoubleStruck,
            "mathcal" | "mathscr" => Variant::Script,
            "mathfrak" => Variant::Fraktur,
            "mathsf" => Variant::SansSerif,
            "mathtt" => Variant::Monospace,
            _ => return None,
        })
    }
}

/// `node` with every letter and digit in `variant` (nested alphabets
/// keep their own).
pub fn apply(node: Node, variant: Variant) -> Node {
    match node {
        Node::Atom {
            text,
            class,
            kind,
            variant: None,
        } => {
            // `\mathrm{d}x`: upright letters are identifiers still.
            let kind = if kind == AtomKind::Operator && text.chars().all(char::is_alphanumeric) {
                AtomKind::Ident
            } else {
                kind
            };
            Node::Atom {
                text,
                class,
                kind,
                variant: Some(variant),
            }
        }
        // Capital Greek is upright by default; `\boldsymbol` may slant it.
        Node::Atom {
            text,
            class,
            kind,
            variant: Some(Variant::Normal),
        } if variant != Variant::Normal => Node::Atom {
            text,
            class,
            kind,
            variant: Some(variant),
        },
        Node::Row(nodes) => Node::Row(nodes.into_iter().map(|n| apply(n, variant)).collect()),
        Node::Scripts { base, sub, sup } => Node::Scripts {
            base: Box::new(apply(*base, variant)),
            sub,
            sup,
        },
        Node::Accent {
            body,
            mark,
            under,
            stretchy,
        } => Node::Accent {
            body: Box::new(apply(*body, variant)),
            mark,
            under,
            stretchy,
        },
        other => other,
    }
}

/// The character `c` in `variant` (`Variant::Italic` is what single
/// letters get by default). Characters an alphabet lacks stay as they are.
pub fn styled(c: char, variant: Variant) -> char {
    let (upper, lower, digit, greek_upper, greek_lower): (u32, u32, u32, u32, u32) = match variant {
        Variant::Normal => return c,
        Variant::Bold => (0x1D400, 0x1D41A, 0x1D7CE, 0x1D6A8, 0x1D6C2),
        Variant::Italic => (0x1D434, 0x1D44E, 0, 0x1D6E2, 0x1D6FC),
        Variant::BoldItalic => (0x1D468, 0x1D482, 0x1D7CE, 0x1D71C, 0x1D736),
        Variant::Script => (0x1D49C, 0x1D4B6, 0, 0, 0),
        Variant::Fraktur => (0x1D504, 0x1D51E, 0, 0, 0),
        Variant::DoubleStruck => (0x1D538, 0x1D552, 0x1D7D8, 0, 0),
        Variant::SansSerif => (0x1D5A0, 0x1D5BA, 0x1D7E2, 0, 0),
        Variant::Monospace => (0x1D670, 0x1D68A, 0x1D7F6, 0, 0),
    };
    if let Some(hole) = hole(c, variant) {
        return hole;
    }
    let code = c as u32;
    let mapped = match c {
        'A'..='Z' => upper + (code - 'A' as u32),
        'a'..='z' => lower + (code - 'a' as u32),
        '0'..='9' if digit != 0 => digit + (code - '0' as u32),
        'Α'..='Ω' if greek_upper != 0 && code != 0x3A2 => greek_upper + (code - 0x391),
        'α'..='ω' if greek_lower != 0 => greek_lower + (code - 0x3B1),
        'ϵ' if greek_lower != 0 => greek_lower + 0x1B,
        'ϑ' if greek_lower != 0 => greek_lower + 0x1C,
        'ϕ' if greek_lower != 0 => greek_lower + 0x1D,
        'ϱ' if greek_lower != 0 => greek_lower + 0x1E,
        'ϖ' if greek_lower != 0 => greek_lower + 0x1F,
        'ℓ' | 'ı' | 'ȷ' => return c,
        _ => return c,
    };
    char::from_u32(mapped).unwrap_or(c)
}

/// Letters that were in Unicode before the math alphabets and keep their
/// old code points (ℎ, ℬ, ℂ, ℜ…).
fn hole(c: char, variant: Variant) -> Option<char> {
    Some(match (variant, c) {
        (Variant::Italic, 'h') => 'ℎ',
        (Variant::Script, 'B') => 'ℬ',
        (Variant::Script, 'E') => 'ℰ',
        (Variant::Script, 'F') => 'ℱ',
        (Variant::Script, 'H') => 'ℋ',
        (Variant::Script, 'I') => 'ℐ',
        (Variant::Script, 'L') => 'ℒ',
        (Variant::Script, 'M') => 'ℳ',
        (Variant::Script, 'R') => 'ℛ',
        (Variant::Script, 'e') => 'ℯ',
        (Variant::Script, 'g') => 'ℊ',
        (Variant::Script, 'o') => 'ℴ',
        (Variant::Fraktur, 'C') => 'ℭ',
        (Variant::Fraktur, 'H') => 'ℌ',
        (Variant::Fraktur, 'I') => 'ℑ',
        (Variant::Fraktur, 'R') => 'ℜ',
        (Variant::Fraktur, 'Z') => 'ℨ',
        (Variant::DoubleStruck, 'C') => 'ℂ',
        (Variant::DoubleStruck, 'H') => 'ℍ',
        (Variant::DoubleStruck, 'N') => 'ℕ',
        (Variant::DoubleStruck, 'P') => 'ℙ',
        (Variant::DoubleStruck, 'Q') => 'ℚ',
        (Variant::DoubleStruck, 'R') => 'ℝ',
        (Variant::DoubleStruck, 'Z') => 'ℤ',
        _ => return None,
    })
}

/// The text an atom shows: its letters in its alphabet, single letters
/// italic by default.
pub fn atom_text(text: &str, kind: AtomKind, variant: Option<Variant>) -> String {
    let variant = match variant {
        Some(v) => v,
        None if kind == AtomKind::Ident && text.chars().count() == 1 => Variant::Italic,
        None => return text.to_string(),
    };
    text.chars().map(|c| styled(c, variant)).collect()
}

//! TeX math: the formulas of a manuscript (`$…$`, `$$…$$`, `\(…\)`,
//! `\[…\]`, ```` ```math ```` fences) parsed once into one tree that both
//! outputs read: the EPUB writes it as presentation MathML, the PDF layout
//! sets it with the built-in OpenType MATH font (`src/layout/math/`).
//!
//! The stages, one file each:
//!
//! - [`input`]: where formulas start and end in Markdown (the rules of
//!   pandoc that pulldown-cmark lacks, `\(…\)`, display math as a block);
//! - [`lex`] → [`macros`] → [`parser`]: TeX into tokens, the document's
//!   `\newcommand`s expanded, tokens into a [`Node`] tree (with
//!   [`symbols`] and [`variant`] for what a command stands for);
//! - [`mathml`]: the tree as MathML; `plain`: as plain text (alt text,
//!   contents, bookmarks).
//!
//! A formula with a command folio does not know is not guessed at: it
//! keeps its source, set as code, with one warning naming the command.
//! Hostile input is bounded: nesting deeper than [`MAX_NESTING`] and
//! formulas longer than [`MAX_LEN`] are errors (no recursion runs deeper
//! than the nesting, and macro expansion has a token budget).

mod color;
mod env;
pub mod input;
pub mod lex;
pub mod macros;
pub mod mathml;
pub mod parser;
mod parser_cmds;
mod plain;
pub mod symbols;
pub mod variant;
pub mod walk;

pub use macros::Macros;
pub use variant::Variant;

/// Groups, fractions, scripts… nested deeper than this are an error.
pub const MAX_NESTING: usize = 48;
/// Longer formulas are not parsed (set as code, with a warning).
pub const MAX_LEN: usize = 64 * 1024;

/// One formula of the book.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Math {
    /// Display math (`$$…$$`): a block of its own, centred.
    pub display: bool,
    /// The TeX as written (MathML `alttext`, the fallback as code).
    pub tex: String,
    /// The parsed formula; `None` when it could not be parsed (a warning
    /// was given): renderers then set `tex` as code.
    pub tree: Option<Node>,
    /// The equation number from `\tag{…}`, set at the right.
    pub tag: Option<String>,
}

/// The TeX atom classes, which decide the spacing between neighbours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Class {
    Ord,
    Op,
    Bin,
    Rel,
    Open,
    Close,
    Punct,
    Inner,
}

/// What kind of token an atom is (MathML `mi`, `mn`, `mo`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AtomKind {
    Ident,
    Number,
    Operator,
}

/// When a big operator's scripts go above and below it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Limits {
    /// In display style only (`\sum`, `\lim`).
    Display,
    /// Always (`\limits`).
    Always,
    /// Never: beside it as scripts (`\int`, `\nolimits`).
    Never,
}

/// Column alignment in a matrix or aligned environment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ColAlign {
    Left,
    Center,
    Right,
}

/// The parsed formula.
#[derive(Debug, Clone, PartialEq, Hash)]
pub enum Node {
    Atom {
        text: String,
        class: Class,
        kind: AtomKind,
        /// `None`: the default (single letters italic, the rest upright).
        variant: Option<Variant>,
    },
    Row(Vec<Node>),
    /// `\frac`, `\dfrac`, `\binom` (no rule, in parentheses).
    Frac {
        num: Box<Node>,
        den: Box<Node>,
        rule: bool,
        /// `Some(true)`: display style (`\dfrac`); `Some(false)`: text.
        style: Option<bool>,
    },
    Root {
        body: Box<Node>,
        index: Option<Box<Node>>,
    },
    Scripts {
        base: Box<Node>,
        sub: Option<Box<Node>>,
        sup: Option<Box<Node>>,
    },
    /// A big operator (`\sum`, `\int`) or a named function (`\lim`,
    /// `\operatorname{argmin}`): `large` ones grow in display style.
    Op {
        text: String,
        large: bool,
        limits: Limits,
    },
    /// `\left( … \right)`: delimiters as tall as the body (empty: none).
    Fenced {
        open: String,
        close: String,
        body: Box<Node>,
    },
    /// `\big(`, `\Bigr]`…: a delimiter of a fixed size (1–4); size 0 is
    /// `\middle|`, as tall as its fence.
    Delim {
        text: String,
        size: u8,
        class: Class,
    },
    /// An accent over (or under) its base: `\hat`, `\vec`, `\overline`,
    /// `\underbrace`…
    Accent {
        body: Box<Node>,
        mark: char,
        under: bool,
        /// As wide as the base (`\widehat`, `\overline`, braces).
        stretchy: bool,
    },
    /// `\overset{over}{base}`, `\underset`, `\stackrel`, a brace's label.
    UnderOver {
        base: Box<Node>,
        under: Option<Box<Node>>,
        over: Option<Box<Node>>,
    },
    /// `\text{…}`: set in the text font (CJK too).
    Text(String),
    /// A space in em (`\,` is 3/18, `\quad` 1, `\!` negative).
    Space(Em),
    /// `matrix`, `cases`, `aligned`, `array`…
    Table(Box<Table>),
    /// `\displaystyle` (true) or `\textstyle` (false) for the rest of the
    /// group.
    Style {
        display: bool,
        body: Box<Node>,
    },
    /// `\color{red}` (the rest of the group) or `\textcolor{red}{…}`.
    Color {
        rgb: [u8; 3],
        body: Box<Node>,
    },
    /// `\boxed{…}`: framed.
    Boxed(Box<Node>),
}

/// A length in em. Hashed by its bits, so that formulas can be hashed
/// with the rest of the Book model (an incremental rebuild finds the
/// chapters that did not change by their hash).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Em(pub f32);

impl std::hash::Hash for Em {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.to_bits().hash(state);
    }
}

/// A matrix-like environment.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Table {
    pub rows: Vec<Vec<Node>>,
    /// Alignment of each column (repeats its last when rows are longer).
    pub columns: Vec<ColAlign>,
    /// Delimiters around it (`pmatrix`: `(` `)`; `cases`: `{` and none).
    pub open: &'static str,
    pub close: &'static str,
    /// `aligned`, `gathered`, `cases`: cells in display style, rows
    /// further apart, and (aligned) columns in right–left pairs with no
    /// space inside a pair.
    pub display: bool,
    /// Space between columns, in em.
    pub column_gap: Em,
    /// Horizontal rules (`\hline`), each before the row of that index
    /// (`rows.len()`: under the last row).
    pub hlines: Vec<usize>,
    /// Vertical rules (`|` in an `array` spec), each before the column of
    /// that index (the column count: after the last column).
    pub vlines: Vec<usize>,
}

/// Why a formula could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum MathError {
    /// A command or environment folio does not typeset.
    Unsupported(String),
    /// Broken TeX: what was wrong.
    Syntax(&'static str),
    TooDeep,
    TooLong,
}

impl std::fmt::Display for MathError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MathError::Unsupported(name) => write!(f, "unsupported TeX command {name}"),
            MathError::Syntax(what) => write!(f, "TeX error ({what})"),
            MathError::TooDeep => write!(f, "formula nested deeper than {MAX_NESTING} levels"),
            MathError::TooLong => write!(f, "formula longer than {} KB", MAX_LEN / 1024),
        }
    }
}

/// Parses one formula with the file's macros (which it may extend).
pub fn parse(tex: &str, display: bool, macros: &mut Macros) -> Result<Math, MathError> {
    if tex.len() > MAX_LEN {
        return Err(MathError::TooLong);
    }
    let toks = lex::tokens(tex);
    let toks = macros.expand(toks)?;
    let (tree, tag) = parser::parse(&toks)?;
    Ok(Math {
        display,
        tex: tex.to_string(),
        tree: Some(tree),
        tag,
    })
}

pub use plain::plain_text;

#[cfg(test)]
mod tests;

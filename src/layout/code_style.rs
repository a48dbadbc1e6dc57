//! The look of highlighted code in the PDF: each token class's colour and
//! weight under the configured `code-theme` ([`CodeTheme`]).
//!
//! `color` uses dark hues that keep at least 4.5:1 contrast on the code
//! block's light gray; `grayscale` is for printing in black: classes differ
//! by gray level, and keywords are bold so they still stand out on a
//! photocopy.

use crate::config::CodeTheme;
use crate::highlight::Class;

use super::page::Color;

/// The plain text of a code block.
pub const PLAIN: Color = Color::Gray(0.1);

/// The colour and boldness of a token of class `class`.
pub fn look(theme: CodeTheme, class: Class) -> (Color, bool) {
    match theme {
        CodeTheme::None => (PLAIN, false),
        CodeTheme::Color => (color(class), false),
        CodeTheme::Grayscale => gray(class),
    }
}

fn rgb(hex: u32) -> Color {
    let c = |shift: u32| ((hex >> shift) & 0xff) as f32 / 255.0;
    Color::Rgb(c(16), c(8), c(0))
}

fn color(class: Class) -> Color {
    match class {
        Class::Comment => rgb(0x5c6670),
        Class::Keyword => rgb(0xa3123a),
        Class::String | Class::Escape => rgb(0x0a3d78),
        Class::Number | Class::Constant | Class::Attribute => rgb(0x0550ae),
        Class::Type => rgb(0x8a3500),
        Class::Function => rgb(0x6a3cc0),
        Class::Operator | Class::Punctuation => rgb(0x3a3f44),
        Class::Tag | Class::Inserted => rgb(0x116329),
        Class::Variable => rgb(0x7a3e00),
        Class::Deleted => rgb(0x82071e),
    }
}

fn gray(class: Class) -> (Color, bool) {
    let (level, bold) = match class {
        Class::Comment => (0.45, false),
        Class::Keyword | Class::Tag => (0.0, true),
        Class::String | Class::Escape => (0.3, false),
        Class::Number | Class::Constant => (0.2, false),
        Class::Deleted => (0.4, false),
        Class::Operator | Class::Punctuation => (0.25, false),
        _ => (0.1, false),
    };
    (Color::Gray(level), bold)
}

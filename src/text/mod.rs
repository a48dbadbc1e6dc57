//! The text layer: what a character is, for every stage that asks.
//!
//! Fonts (which face sets a character), layout (where a line may break,
//! which marks compress, where the CJK–Latin space goes), the EPUB (which
//! soft breaks vanish between ideographs) and the cover all ask the same
//! questions about characters. They ask them here, so a class is defined
//! once:
//!
//! - [`script`]: the script of a character (Han, kana, Hangul, Latin…) and
//!   the width classes built on it (ideographic, full-width CJK,
//!   invisible, combining);
//! - [`punct`]: punctuation classes for line breaking and compression
//!   (clreq/jlreq 禁则, opening and closing marks, doubled dashes);
//! - [`hyphen`]: where an English word may be hyphenated at a line end;
//! - [`lang`]: languages: detection from the text (with Simplified versus
//!   Traditional Chinese), the glyph region a tag asks for, and the book's
//!   own words (目录 / 目錄 / 目次 / 차례) in that language;
//! - [`upright`]: what stands upright in a vertical column (縦中横).

pub mod hyphen;
pub mod lang;
pub mod punct;
pub mod script;
pub mod upright;

pub use lang::{detect_language, Locale, Word};
pub use script::Script;

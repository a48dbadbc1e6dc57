//! The PDF layout engine: paragraphs into lines, lines into pages. It knows
//! nothing of PDF syntax: its output is a [`page::Document`] of positioned
//! glyphs, rules, images and links, which the PDF writer serializes.
//! (The engine itself lands with issue 3.)

pub mod page;

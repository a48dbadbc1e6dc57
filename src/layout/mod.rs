//! The PDF layout engine: paragraphs into lines, lines into pages. It knows
//! nothing of PDF syntax. (stub; see issue 3)

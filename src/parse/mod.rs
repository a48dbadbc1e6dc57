//! Markdown into the Book model. (stub)

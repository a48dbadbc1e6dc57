//! Finding and reading a manuscript. (stub)

//! folio binds a Markdown manuscript into an EPUB 3 and a print-ready PDF.
//!
//! The pipeline, one module per stage:
//!
//! 1. [`load`]: find the manuscript (book.toml, mdBook `SUMMARY.md`, a single
//!    file, or a folder of `.md` files) and read its sources and config.
//! 2. [`parse`]: turn the Markdown into the one [`book::Book`] model;
//!    [`highlight`] then cuts its code blocks into tokens, once for both
//!    renderers.
//! 3. [`render`]: the EPUB and PDF renderers read only that model. The PDF
//!    renderer lays pages out with [`layout`] (which knows no PDF syntax) and
//!    then writes them; both use [`fonts`] for font discovery and subsetting.
//!
//! [`build`] runs the whole pipeline; the `folio` binary is a thin CLI on top.
//! Beside the pipeline: [`init`] writes a new book (`folio init`), and
//! [`fonts::report`] says which font sets what (`folio fonts`); [`cli`] holds
//! the terminal habits (colour, `--quiet`, progress, completions, man page).

pub mod book;
pub mod build;
pub mod check;
pub mod cli;
pub mod config;
pub mod diagnostics;
mod error;
pub mod fonts;
pub mod highlight;
pub mod init;
pub mod layout;
pub mod load;
pub mod math;
pub mod parse;
pub mod render;
pub mod serve;
pub mod text;
pub mod timings;
pub mod watch;
pub mod world;
mod xml;

pub use diagnostics::{Diagnostic, Severity};
pub use error::{Error, Result};

//! The library's typed errors. The CLI turns them into messages; each says
//! where the problem is and what to do.

use std::path::PathBuf;

use crate::diagnostics::{Diagnostic, Location};

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("{path} is not valid UTF-8 (first bad byte at offset {offset})")]
    InvalidUtf8 { path: PathBuf, offset: usize },

    #[error("{location}: {message}")]
    Config { location: Location, message: String },

    #[error("{location}: {message}")]
    Manuscript {
        location: Location,
        message: String,
        help: Option<String>,
    },

    #[error("no manuscript found at {path}")]
    NoManuscript { path: PathBuf },

    #[error("font error: {0}")]
    Font(String),

    #[error("EPUB: {0}")]
    Epub(String),

    #[error("PDF: {0}")]
    Pdf(String),

    #[error("{count} warning(s) with --strict")]
    Strict {
        count: usize,
        diagnostics: Vec<crate::diagnostics::Diagnostic>,
    },

    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    /// The error as a finding with its location, for display with the
    /// source line.
    pub fn to_diagnostic(&self) -> Diagnostic {
        let (location, message) = match self {
            Error::Config { location, message }
            | Error::Manuscript {
                location, message, ..
            } => (Some(location.clone()), message.clone()),
            Error::InvalidUtf8 { path, offset } => {
                let line = std::fs::read(path)
                    .map(|bytes| {
                        1 + bytes[..(*offset).min(bytes.len())]
                            .iter()
                            .filter(|&&b| b == b'\n')
                            .count()
                    })
                    .unwrap_or(0);
                (
                    Some(Location::new(path, line)),
                    format!(
                        "{} is not valid UTF-8 (first bad byte at offset {offset})",
                        path.display()
                    ),
                )
            }
            other => (None, other.to_string()),
        };
        let diagnostic = Diagnostic::error(location, message);
        match self.help() {
            Some(help) => diagnostic.with_help(help),
            None => diagnostic,
        }
    }

    /// What the user can do about it, when there is something to say.
    pub fn help(&self) -> Option<&str> {
        match self {
            Error::Manuscript { help, .. } => help.as_deref(),
            Error::NoManuscript { .. } => Some(
                "point folio at a folder with book.toml or SUMMARY.md, a folder of .md files, or a single .md file",
            ),
            Error::InvalidUtf8 { .. } => Some("save the file as UTF-8"),
            Error::Strict { .. } => Some("fix the warnings above, or build without --strict"),
            Error::Internal(_) => Some("this is a bug in folio; please report it with the manuscript"),
            _ => None,
        }
    }
}

//! Findings about the manuscript that do not stop the build (warnings), and
//! the location type shared with errors.
//!
//! For the terminal: [`Diagnostic::render`] prints one finding with its
//! source line cut to a window (`snippet`); [`render_all`] groups warnings
//! by kind within a line budget (`group`); [`paint`] colours either for a
//! terminal (`color`).

use std::fmt;
use std::path::PathBuf;

mod color;
mod group;
mod snippet;
pub use color::paint;
pub use group::{kind, render_all};

/// A place in a source file. Lines and columns are 1-based; 0 means unknown.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Default, serde::Serialize)]
pub struct Location {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
}

impl Location {
    pub fn new(file: impl Into<PathBuf>, line: usize) -> Self {
        Location {
            file: file.into(),
            line,
            column: 0,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// One finding, with where it is and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub location: Option<Location>,
    pub message: String,
    /// What the author can do about it.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn warning(location: Option<Location>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            location,
            message: message.into(),
            help: None,
        }
    }

    pub fn error(location: Option<Location>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            location,
            message: message.into(),
            help: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The finding as a person reads it, in the style of rustc: the message,
    /// where it is, the source line with a marker, and what to do.
    pub fn render(&self) -> String {
        let label = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        let mut out = format!("{label}: {}\n", self.message);
        if let Some(loc) = &self.location {
            out.push_str(&format!("  --> {loc}\n"));
            if let Some(source) = source_line(loc) {
                let number = loc.line.to_string();
                let pad = " ".repeat(number.len());
                let shown = snippet::snippet(&source, loc.column);
                out.push_str(&format!(
                    "{pad} |\n{number} | {}\n{pad} | {}{}\n",
                    shown.text,
                    " ".repeat(shown.marker_start),
                    "^".repeat(shown.marker_width)
                ));
            }
        }
        if let Some(help) = &self.help {
            out.push_str(&format!("  = help: {help}\n"));
        }
        out
    }
}

/// The source line a location points at, tabs expanded, if readable.
fn source_line(loc: &Location) -> Option<String> {
    if loc.line == 0 {
        return None;
    }
    let bytes = std::fs::read(&loc.file).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    let line = text.lines().nth(loc.line - 1)?;
    // Tabs are expanded; the window ([`snippet`]) cuts long lines.
    Some(line.replace('\t', "    "))
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        match &self.location {
            Some(loc) => write!(f, "{label}: {loc}: {}", self.message)?,
            None => write!(f, "{label}: {}", self.message)?,
        }
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// Where renderers and the parser put their warnings.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: std::sync::Mutex<Vec<Diagnostic>>,
}

impl Diagnostics {
    pub fn push(&self, d: Diagnostic) {
        self.items.lock().unwrap_or_else(|e| e.into_inner()).push(d);
    }

    pub fn warn(&self, location: Option<Location>, message: impl Into<String>) {
        self.push(Diagnostic::warning(location, message));
    }

    /// How many there are so far.
    pub fn count(&self) -> usize {
        self.items.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    /// The ones pushed after the first `start`, in order.
    pub fn since(&self, start: usize) -> Vec<Diagnostic> {
        let items = self.items.lock().unwrap_or_else(|e| e.into_inner());
        items.get(start..).unwrap_or_default().to_vec()
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items.into_inner().unwrap_or_else(|e| e.into_inner())
    }

    pub fn snapshot(&self) -> Vec<Diagnostic> {
        self.items.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_source_line_with_marker() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.md");
        std::fs::write(&file, "# T\n\n  中文 text\n").unwrap();
        let d =
            Diagnostic::warning(Some(Location::new(&file, 3)), "something").with_help("do this");
        let out = d.render();
        assert!(out.contains("3 |   中文 text\n  |   ^^^^^^^^^\n"), "{out}");
        assert!(out.contains("= help: do this"), "{out}");
    }

    #[test]
    fn a_long_cjk_paragraph_is_cut_to_a_window() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.md");
        let para = "这是一段很长的中文段落。".repeat(30);
        std::fs::write(&file, format!("# T\n\n{para}\n")).unwrap();
        let d = Diagnostic::warning(Some(Location::new(&file, 3)), "something");
        let out = d.render();
        for line in out.lines() {
            assert!(snippet::width(line) <= snippet::WIDTH + 5, "{line}");
        }
        assert!(out.contains("3 | 这是一段"), "{out}");
        assert!(out.contains("…\n"), "{out}");
    }
}

//! Findings about the manuscript that do not stop the build (warnings), and
//! the location type shared with errors.

use std::fmt;
use std::path::PathBuf;

mod group;
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
                let (start, width) = marker_span(&source, loc.column);
                out.push_str(&format!(
                    "{pad} |\n{number} | {source}\n{pad} | {}{}\n",
                    " ".repeat(start),
                    "^".repeat(width.max(1))
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
    let line = line.replace('\t', "    ");
    // Very long lines (a 5 MB paragraph) are cut for display.
    Some(line.chars().take(160).collect())
}

/// Where the marker goes, in display columns (CJK characters are two
/// columns wide): at `column` when known, else under the whole line.
fn marker_span(line: &str, column: usize) -> (usize, usize) {
    let width = |s: &str| s.chars().map(char_width).sum::<usize>();
    if column > 0 {
        let before: String = line.chars().take(column - 1).collect();
        let at = line.chars().nth(column - 1).map_or(1, char_width);
        return (width(&before), at);
    }
    let indent = line.len() - line.trim_start().len();
    (indent, width(line.trim()))
}

fn char_width(c: char) -> usize {
    match c as u32 {
        0x1100..=0x115F
        | 0x2E80..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD => 2,
        _ => 1,
    }
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
}

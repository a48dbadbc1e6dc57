//! What the `folio` command does at the terminal, beside the pipeline:
//! colour (`--color`, `NO_COLOR`), `--quiet`, the progress indicator of a
//! long build (`progress.rs`), shell completions and the man page
//! (`docs.rs`). The binary only parses arguments and calls these, so the
//! rules (when to colour, what quiet keeps) are in one place and tested.

use std::io::IsTerminal;

mod docs;
mod progress;

pub use docs::{completions, man_page};
pub use progress::Progress;

use crate::diagnostics::{paint, render_all, Diagnostic, Severity};

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal, unless `NO_COLOR` is set.
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether to colour what goes to stderr, given `NO_COLOR` (set and
    /// not empty means no, as no-color.org asks) and whether stderr is a
    /// terminal. An explicit `always` wins over `NO_COLOR`.
    pub fn enabled(self, no_color: Option<&std::ffi::OsStr>, terminal: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => terminal && no_color.is_none_or(|v| v.is_empty()),
        }
    }
}

/// How messages reach the user: coloured or not, all or errors only.
#[derive(Debug, Clone, Copy, Default)]
pub struct Ui {
    pub color: bool,
    pub quiet: bool,
    /// stderr is a terminal (and not CI): a progress indicator may show.
    pub interactive: bool,
}

impl Ui {
    /// The settings for this process: the flags, `NO_COLOR`, `CI` and
    /// whether stderr is a terminal.
    pub fn new(color: ColorChoice, quiet: bool) -> Ui {
        let terminal =
            std::io::stderr().is_terminal() && std::env::var_os("TERM").is_none_or(|t| t != "dumb");
        Ui {
            color: color.enabled(std::env::var_os("NO_COLOR").as_deref(), terminal),
            quiet,
            interactive: terminal && std::env::var_os("CI").is_none(),
        }
    }

    /// Findings as the terminal shows them (see [`render_all`]); with
    /// `--quiet` only the errors among them.
    pub fn findings_text(&self, findings: &[Diagnostic], verbose: bool) -> String {
        let text = if self.quiet {
            let errors: Vec<Diagnostic> = findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .cloned()
                .collect();
            render_all(&errors, verbose)
        } else {
            render_all(findings, verbose)
        };
        self.paint(text)
    }

    /// Prints findings to stderr.
    pub fn findings(&self, findings: &[Diagnostic], verbose: bool) {
        eprint!("{}", self.findings_text(findings, verbose));
    }

    /// Prints an error to stderr (always, quiet or not), after the
    /// warnings `--strict` turned into it.
    pub fn error(&self, error: &crate::Error, verbose: bool) {
        if let crate::Error::Strict { diagnostics, .. } = error {
            // They are why the build failed: shown even when quiet.
            eprint!("{}", self.paint(render_all(diagnostics, verbose)));
        }
        eprint!("{}", self.paint(error.to_diagnostic().render()));
    }

    /// A line of the command's result on stdout ("wrote …"), not when
    /// quiet.
    pub fn say(&self, line: impl std::fmt::Display) {
        if !self.quiet {
            println!("{line}");
        }
    }

    /// A remark on stderr ("note: …"), not when quiet.
    pub fn note(&self, line: impl std::fmt::Display) {
        if !self.quiet {
            eprintln!("{}", self.paint(format!("{line}")));
        }
    }

    /// A progress indicator for work that may take a while: it shows only
    /// after a second, only on an interactive terminal, never when quiet.
    pub fn progress(&self, message: impl Into<String>) -> Progress {
        Progress::start(message.into(), self.interactive && !self.quiet)
    }

    fn paint(&self, text: String) -> String {
        if self.color {
            paint(&text)
        } else {
            text
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    #[test]
    fn no_color_and_the_flag() {
        let auto = ColorChoice::Auto;
        assert!(auto.enabled(None, true));
        assert!(!auto.enabled(None, false));
        assert!(!auto.enabled(Some(OsStr::new("1")), true));
        assert!(auto.enabled(Some(OsStr::new("")), true));
        assert!(ColorChoice::Always.enabled(Some(OsStr::new("1")), false));
        assert!(!ColorChoice::Never.enabled(None, true));
    }

    #[test]
    fn quiet_keeps_only_errors() {
        let ui = Ui {
            quiet: true,
            ..Ui::default()
        };
        let findings = [
            Diagnostic::warning(None, "a warning"),
            Diagnostic::error(None, "an error"),
        ];
        let text = ui.findings_text(&findings, false);
        assert_eq!(text, "error: an error\n");
    }
}

//! `folio check`: build the book in memory and report everything wrong
//! with it — the manuscript's own problems (with file and line), its
//! accessibility findings (`a11y`) and EPUBCheck's findings on the EPUB —
//! without writing any output.

pub mod a11y;
mod epubcheck;

pub use epubcheck::{find_epubcheck, run_epubcheck, EpubCheckStatus};

use serde::Serialize;

use crate::build::{prepare, BuildOptions, Format};
use crate::diagnostics::{Diagnostic, Severity};
use crate::error::Result;

/// What `folio check` found.
#[derive(Debug, Serialize)]
pub struct CheckReport {
    pub findings: Vec<Diagnostic>,
    /// Whether EPUBCheck ran, and if not, how to install it.
    pub epubcheck: EpubCheckStatus,
}

impl CheckReport {
    /// True when the report should fail the run: any error, or with
    /// `strict`, any finding at all.
    pub fn fails(&self, strict: bool) -> bool {
        self.findings
            .iter()
            .any(|f| strict || f.severity == Severity::Error)
    }
}

/// Builds both outputs in memory and runs EPUBCheck on the EPUB.
pub fn check(options: &BuildOptions) -> Result<CheckReport> {
    let prepared = prepare(options)?;
    let epub = prepared.render(Format::Epub)?;
    // The PDF layout reports characters no font covers.
    prepared.render(Format::Pdf)?;
    let mut findings = prepared.diagnostics.snapshot();
    // Heading jumps are reported by the parser already, at their line.
    findings.extend(
        a11y::findings(&prepared.book)
            .into_iter()
            .filter(|f| f.kind != a11y::Kind::HeadingJump)
            .map(|f| {
                Diagnostic::warning(f.location.clone(), format!("accessibility: {}", f.message))
                    .with_help(f.help())
            }),
    );
    let scratch = std::env::temp_dir().join(format!("folio-check-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).map_err(|source| crate::Error::Write {
        path: scratch.clone(),
        source,
    })?;
    let path = scratch.join(format!(
        "{}.epub",
        prepared.book.meta.slug.replace(' ', "_")
    ));
    let result = std::fs::write(&path, &epub)
        .map_err(|source| crate::Error::Write {
            path: path.clone(),
            source,
        })
        .map(|()| run_epubcheck(&path));
    let _ = std::fs::remove_dir_all(&scratch);
    let (status, epub_findings) = result?;
    findings.extend(epub_findings);
    Ok(CheckReport {
        findings,
        epubcheck: status,
    })
}

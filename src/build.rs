//! The whole pipeline: load → parse → render → write, as `folio build`
//! runs it.

use std::path::{Path, PathBuf};

use crate::book::Book;
use crate::config::{Paper, Profile};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::error::{Error, Result};
use crate::fonts::FontSet;
use crate::render::{epub::Epub, pdf::Pdf, RenderContext, Renderer};
use crate::timings::{Stage, Timings};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Epub,
    Pdf,
}

impl Format {
    fn renderer(self) -> &'static dyn Renderer {
        match self {
            Format::Epub => &Epub,
            Format::Pdf => &Pdf,
        }
    }
}

/// What to build and how; command-line settings override book.toml.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub input: PathBuf,
    pub out_dir: PathBuf,
    pub formats: Vec<Format>,
    /// `--no-embed-font` sets this to `Some(false)`.
    pub embed_font: Option<bool>,
    pub paper: Option<Paper>,
    /// Fonts named on the command line; a non-empty role replaces
    /// book.toml's list for that role.
    pub fonts: crate::config::FontsConfig,
    pub handout: bool,
    /// `--writing-mode`, over book.toml and front matter.
    pub writing_mode: Option<crate::book::WritingMode>,
    pub strict: bool,
    /// `SOURCE_DATE_EPOCH`.
    pub source_date_epoch: Option<i64>,
}

/// What a build produced.
#[derive(Debug)]
pub struct BuildOutput {
    pub written: Vec<PathBuf>,
    pub diagnostics: Vec<Diagnostic>,
    /// The wall time of each stage, in the order they finished.
    pub timings: Vec<Stage>,
}

/// Reads `SOURCE_DATE_EPOCH` from the environment, ignoring junk.
pub fn source_date_epoch_from_env() -> Option<i64> {
    std::env::var("SOURCE_DATE_EPOCH").ok()?.trim().parse().ok()
}

/// A loaded, parsed book with its settings and fonts, ready to render.
pub struct Prepared {
    pub book: Book,
    pub fonts: FontSet,
    pub epub: crate::config::EpubConfig,
    pub pdf: crate::config::PdfConfig,
    pub strict: bool,
    pub diagnostics: Diagnostics,
    pub timings: Timings,
}

/// Loads and parses the book at `options.input`, applying overrides.
pub fn prepare(options: &BuildOptions) -> Result<Prepared> {
    let timings = Timings::default();
    let manuscript = timings.time("load", || crate::load::load(&options.input))?;
    let diagnostics = Diagnostics::default();
    let parse_options = crate::parse::ParseOptions {
        source_date_epoch: options.source_date_epoch,
    };
    let mut book = timings.time("parse", || {
        crate::parse::parse(&manuscript, &parse_options, &diagnostics)
    })?;
    if let Some(mode) = options.writing_mode {
        book.meta.writing_mode = mode;
    }
    let folio = &manuscript.config.folio;
    let mut font_config = folio.fonts.clone();
    for (wanted, configured) in [
        (&options.fonts.body, &mut font_config.body),
        (&options.fonts.heading, &mut font_config.heading),
        (&options.fonts.mono, &mut font_config.mono),
    ] {
        if !wanted.is_empty() {
            configured.clone_from(wanted);
        }
    }
    if let Some(system) = options.fonts.system {
        font_config.system = Some(system);
    }
    let fonts = timings.time("fonts", || {
        load_fonts(&font_config, &manuscript.root, &book, &diagnostics)
    })?;
    let mut epub = folio.epub.clone();
    if let Some(embed) = options.embed_font {
        epub.embed_font = embed;
    }
    let mut pdf = folio.pdf.clone();
    if let Some(paper) = options.paper {
        pdf.paper = paper;
    }
    if options.handout {
        pdf.profile = Profile::Handout;
    }
    Ok(Prepared {
        book,
        fonts,
        epub,
        pdf,
        strict: options.strict || folio.strict,
        diagnostics,
        timings,
    })
}

/// The fonts for `book`: its language's chains, and installed faces for
/// characters the named and built-in ones lack. Installed font files that
/// could not be read are skipped, with one warning for all of them.
fn load_fonts(
    config: &crate::config::FontsConfig,
    root: &std::path::Path,
    book: &Book,
    diagnostics: &Diagnostics,
) -> Result<FontSet> {
    let text = crate::book::text::book_text(book);
    let request = crate::fonts::FontRequest {
        locale: book.meta.locale(),
        text: &text,
        system: config.system.unwrap_or(true),
    };
    let fonts = FontSet::load_for(config, root, &request)?;
    if let Some(first) = fonts.skipped().first() {
        let more = match fonts.skipped().len() {
            1 => String::new(),
            n => format!(" and {} more", n - 1),
        };
        diagnostics.push(
            Diagnostic::warning(
                None,
                format!("skipped unreadable font files: {first}{more}"),
            )
            .with_help("the file is broken or truncated; reinstall or remove it"),
        );
    }
    Ok(fonts)
}

impl Prepared {
    /// Renders `format` in memory.
    pub fn render(&self, format: Format) -> Result<Vec<u8>> {
        let ctx = RenderContext {
            book: &self.book,
            fonts: &self.fonts,
            epub: &self.epub,
            pdf: &self.pdf,
            diagnostics: &self.diagnostics,
            timings: &self.timings,
        };
        let renderer = format.renderer();
        self.timings.time(renderer.name(), || renderer.render(&ctx))
    }

    pub fn output_path(&self, dir: &Path, format: Format) -> PathBuf {
        dir.join(format!(
            "{}.{}",
            self.book.meta.slug,
            format.renderer().extension()
        ))
    }
}

/// Builds every requested format. Outputs are rendered in memory first,
/// then each is written to a temporary file and renamed into place, so a
/// failed build leaves earlier outputs untouched.
pub fn build(options: &BuildOptions) -> Result<BuildOutput> {
    let prepared = prepare(options)?;
    let rendered: Vec<(Format, Result<Vec<u8>>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = options
            .formats
            .iter()
            .map(|&format| {
                let prepared = &prepared;
                (format, scope.spawn(move || prepared.render(format)))
            })
            .collect();
        handles
            .into_iter()
            .map(|(format, handle)| {
                let result = handle.join().unwrap_or_else(|_| {
                    Err(Error::Internal(format!("the {format:?} renderer panicked")))
                });
                (format, result)
            })
            .collect()
    });
    let mut outputs = Vec::new();
    for (format, result) in rendered {
        outputs.push((format, result?));
    }
    let diagnostics = prepared.diagnostics.snapshot();
    if prepared.strict && !diagnostics.is_empty() {
        return Err(Error::Strict {
            count: diagnostics.len(),
            diagnostics,
        });
    }
    std::fs::create_dir_all(&options.out_dir).map_err(|source| Error::Write {
        path: options.out_dir.clone(),
        source,
    })?;
    let written = prepared.timings.time("write files", || {
        let mut written = Vec::new();
        for (format, bytes) in outputs {
            let path = prepared.output_path(&options.out_dir, format);
            write_atomically(&path, &bytes)?;
            written.push(path);
        }
        Ok::<_, Error>(written)
    })?;
    Ok(BuildOutput {
        written,
        diagnostics,
        timings: prepared.timings.snapshot(),
    })
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over
/// `path`: readers never see a half-written file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if let Err(source) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::Write {
            path: path.to_path_buf(),
            source,
        });
    }
    Ok(())
}

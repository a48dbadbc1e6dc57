//! The whole pipeline: load → parse → render → write, as `folio build`
//! runs it.

use std::path::{Path, PathBuf};

use crate::book::Book;
use crate::config::{Paper, Profile};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::error::{Error, Result};
use crate::fonts::FontCache;
use crate::fonts::FontSet;
use crate::render::{
    epub::Epub, html::Html, pdf::Pdf, OutputFile, Outputs, RenderContext, SharedLayout,
};
use crate::timings::{Stage, Timings};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Epub,
    Pdf,
    /// The HTML preview: a folder `html/` of pages (see [`crate::render::html`]).
    Html,
}

impl Format {
    fn renderer(self) -> &'static dyn Outputs {
        match self {
            Format::Epub => &Epub,
            Format::Pdf => &Pdf,
            Format::Html => &Html,
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

impl BuildOptions {
    /// Options to build `input` into `out_dir` as EPUB and PDF with
    /// book.toml's settings (nothing overridden), dated by `epoch` (the
    /// `SOURCE_DATE_EPOCH`; `None`: the book's own date or the files').
    pub fn new(input: PathBuf, out_dir: PathBuf, epoch: Option<i64>) -> BuildOptions {
        BuildOptions {
            input,
            out_dir,
            formats: vec![Format::Epub, Format::Pdf],
            embed_font: None,
            paper: None,
            fonts: Default::default(),
            handout: false,
            writing_mode: None,
            strict: false,
            source_date_epoch: epoch,
        }
    }
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

/// What a watch or serve session keeps from one build to the next, so that
/// a rebuild after an edit redoes only what the edit changed (issue 13).
/// Each stage owns its part and looks things up by the hash of their
/// inputs: a part changes how fast a build is, never what it makes (the
/// outputs are byte-identical to a clean build's).
#[derive(Default)]
pub struct Reuse {
    /// The fonts, loaded once per session.
    pub fonts: FontCache,
    /// Parsed files, by their text and the book-wide state they start from.
    pub parse: crate::parse::Reuse,
    /// Laid-out chapters, compressed streams, EPUB entries.
    pub render: crate::render::Reuse,
}

/// A loaded, parsed book with its settings and fonts, ready to render.
pub struct Prepared {
    pub book: Book,
    /// Shared with the next build of a watch session ([`FontCache`]).
    pub fonts: std::sync::Arc<FontSet>,
    pub epub: crate::config::EpubConfig,
    pub pdf: crate::config::PdfConfig,
    pub strict: bool,
    pub diagnostics: Diagnostics,
    pub timings: Timings,
}

/// Loads and parses the book at `options.input` from disk, applying
/// overrides.
pub fn prepare(options: &BuildOptions) -> Result<Prepared> {
    prepare_in(&crate::world::Disk, options)
}

/// Loads and parses the book at `options.input` from `world`.
pub fn prepare_in(world: &dyn crate::world::World, options: &BuildOptions) -> Result<Prepared> {
    let one_off = Reuse {
        parse: crate::parse::Reuse::off(),
        ..Reuse::default()
    };
    prepare_with(world, options, &one_off)
}

/// Loads and parses the book at `options.input` from `world`, reusing
/// what `reuse` kept from earlier builds (fonts, parsed files).
pub fn prepare_with(
    world: &dyn crate::world::World,
    options: &BuildOptions,
    reuse: &Reuse,
) -> Result<Prepared> {
    let cache = &reuse.fonts;
    let texts = crate::world::Texts::new(world, &reuse.parse.texts);
    let world: &dyn crate::world::World = &texts;
    let timings = Timings::default();
    let manuscript = timings.time("load", || crate::load::load_in(world, &options.input))?;
    let diagnostics = Diagnostics::default();
    let parse_options = crate::parse::ParseOptions {
        source_date_epoch: options.source_date_epoch,
    };
    let mut book = timings.time("parse", || {
        crate::parse::parse_with(
            &manuscript,
            world,
            &parse_options,
            &diagnostics,
            &reuse.parse,
        )
    })?;
    if let Some(mode) = options.writing_mode {
        book.meta.writing_mode = mode;
    }
    // Timed only when there was code to highlight: a book without lists
    // no stage it did not run.
    let start = std::time::Instant::now();
    book.code = crate::highlight::highlight_book_with(&book, &reuse.parse.highlights);
    if !book.code.is_empty() {
        timings.record("highlight", start.elapsed());
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
        load_fonts(&font_config, &manuscript.root, &book, &diagnostics, cache)
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
    cache: &FontCache,
) -> Result<std::sync::Arc<FontSet>> {
    let text = crate::book::text::book_text(book);
    let request = crate::fonts::FontRequest {
        locale: book.meta.locale(),
        text: &text,
        system: config.system.unwrap_or(true),
    };
    let fonts = cache.load(config, root, &request)?;
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
    /// Renders a one-file `format` (EPUB, PDF) in memory.
    pub fn render(&self, format: Format) -> Result<Vec<u8>> {
        let mut files = self.render_files(format)?;
        match (files.pop(), files.is_empty()) {
            (Some(file), true) => Ok(file.bytes),
            _ => Err(Error::Internal(format!("{format:?} is not one file"))),
        }
    }

    /// Renders every file of `format` in memory, with a layout of its own.
    pub fn render_files(&self, format: Format) -> Result<Vec<OutputFile>> {
        self.render_shared(format, &SharedLayout::new(format == Format::Pdf))
    }

    /// Renders every file of `format` with the PDF layout shared by the
    /// build's other renderers (the EPUB's print page markers come from it).
    pub fn render_shared(&self, format: Format, layout: &SharedLayout) -> Result<Vec<OutputFile>> {
        self.render_reusing(format, layout, &crate::render::Reuse::off())
    }

    /// [`Prepared::render_shared`], reusing what `reuse` kept from earlier
    /// builds of a session.
    pub fn render_reusing(
        &self,
        format: Format,
        layout: &SharedLayout,
        reuse: &crate::render::Reuse,
    ) -> Result<Vec<OutputFile>> {
        let ctx = RenderContext {
            layout,
            reuse,
            book: &self.book,
            fonts: &self.fonts,
            epub: &self.epub,
            pdf: &self.pdf,
            diagnostics: &self.diagnostics,
            timings: &self.timings,
        };
        let renderer = format.renderer();
        self.timings.time(renderer.name(), || renderer.files(&ctx))
    }

    /// Where a one-file `format` is written in `dir` (for HTML, its folder).
    pub fn output_path(&self, dir: &Path, format: Format) -> PathBuf {
        match format {
            Format::Epub => dir.join(format!("{}.epub", self.book.meta.slug)),
            Format::Pdf => dir.join(format!("{}.pdf", self.book.meta.slug)),
            Format::Html => dir.join(crate::render::html::FOLDER),
        }
    }
}

/// Builds every requested format. Outputs are rendered in memory first,
/// then each is written to a temporary file and renamed into place, so a
/// failed build leaves earlier outputs untouched.
pub fn build(options: &BuildOptions) -> Result<BuildOutput> {
    let prepared = prepare(options)?;
    let (files, diagnostics) = render_all(&prepared, &options.formats)?;
    let written = prepared
        .timings
        .time("write files", || write_files(&options.out_dir, files))?;
    Ok(BuildOutput {
        written,
        diagnostics,
        timings: prepared.timings.snapshot(),
    })
}

/// Every file of each of `formats`, rendered in memory (the formats in
/// parallel), with the build's diagnostics; under `strict`, a warning
/// fails the build here, before anything is written.
pub fn render_all(
    prepared: &Prepared,
    formats: &[Format],
) -> Result<(Vec<OutputFile>, Vec<Diagnostic>)> {
    render_all_with(prepared, formats, &crate::render::Reuse::off())
}

/// [`render_all`], reusing what `reuse` kept from earlier builds.
pub fn render_all_with(
    prepared: &Prepared,
    formats: &[Format],
    reuse: &crate::render::Reuse,
) -> Result<(Vec<OutputFile>, Vec<Diagnostic>)> {
    let layout = SharedLayout::new(formats.contains(&Format::Pdf));
    let rendered: Vec<(Format, Result<Vec<OutputFile>>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = formats
            .iter()
            .map(|&format| {
                let layout = &layout;
                (
                    format,
                    scope.spawn(move || prepared.render_reusing(format, layout, reuse)),
                )
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
    let mut files = Vec::new();
    for (_, result) in rendered {
        files.extend(result?);
    }
    let diagnostics = prepared.diagnostics.snapshot();
    if prepared.strict && !diagnostics.is_empty() {
        return Err(Error::Strict {
            count: diagnostics.len(),
            diagnostics,
        });
    }
    Ok((files, diagnostics))
}

/// Writes `files` under `out_dir`, each atomically; returns their paths.
pub fn write_files(out_dir: &Path, files: Vec<OutputFile>) -> Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for file in files {
        let path = out_dir.join(&file.path);
        let dir = path.parent().unwrap_or(out_dir);
        std::fs::create_dir_all(dir).map_err(|source| Error::Write {
            path: dir.to_path_buf(),
            source,
        })?;
        write_atomically(&path, &file.bytes)?;
        written.push(path);
    }
    Ok(written)
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

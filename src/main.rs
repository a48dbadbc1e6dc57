//! The `folio` command: a thin edge over the library. It parses arguments,
//! runs the pipeline and turns results into messages and exit codes
//! (0 success, 1 build error, 2 usage error).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// mimalloc instead of the system allocator: a book's layout makes and
/// frees millions of small vectors (glyphs, clusters, lines), and glibc's
/// malloc took about a tenth of the build's time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use folio::build::{BuildOptions, Format};
use folio::config::Paper;

#[derive(Parser)]
#[command(
    name = "folio",
    version,
    about = "Bind a Markdown manuscript into an EPUB 3 and a print-ready PDF"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the EPUB and/or PDF of a book.
    ///
    /// PATH is a folder with book.toml, an mdBook (SUMMARY.md), a folder of
    /// .md files (taken in name order) or a single .md file.
    Build(BuildArgs),
    /// Check a book without writing it: the manuscript's problems (with
    /// file and line) and EPUBCheck's findings on the EPUB.
    ///
    /// Exits 1 when there are errors (with --strict, any finding).
    Check(CheckArgs),
    /// Write the typographic cover folio generates for a book without a
    /// cover image, as SVG (text drawn as outlines, no font needed).
    Cover(CoverArgs),
}

#[derive(clap::Args)]
struct CoverArgs {
    /// The book: a folder or a .md file.
    #[arg(default_value = ".")]
    path: PathBuf,

    /// Where to write the SVG.
    #[arg(short, long, value_name = "FILE", default_value = "cover.svg")]
    output: PathBuf,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// The book: a folder or a .md file.
    #[arg(default_value = ".")]
    path: PathBuf,

    /// Print the findings as JSON, for machines.
    #[arg(long)]
    json: bool,

    /// Treat warnings as errors.
    #[arg(long)]
    strict: bool,

    /// Use only the named and built-in fonts, never an installed one.
    #[arg(long)]
    no_system_fonts: bool,

    /// Print every warning in full; by default warnings of one kind are
    /// grouped after the first few.
    #[arg(short, long)]
    verbose: bool,
}

#[derive(clap::Args)]
struct BuildArgs {
    /// The book: a folder or a .md file.
    #[arg(default_value = ".")]
    path: PathBuf,

    /// Where to write the outputs.
    #[arg(short, long, value_name = "DIR", default_value = "dist")]
    output: PathBuf,

    /// Which outputs to build.
    #[arg(long, value_enum, default_value_t = FormatArg::All)]
    format: FormatArg,

    /// Do not embed the body font in the EPUB.
    #[arg(long)]
    no_embed_font: bool,

    /// PDF paper size: A4, A5, B5, Letter or WIDTHxHEIGHT in millimetres.
    #[arg(long, value_name = "SIZE")]
    paper: Option<Paper>,

    /// Body font: a font file (`.ttc#N` picks a face) or a family name,
    /// looked up in fonts/, the book folder and the system. Repeat for a
    /// fallback chain; the built-in font always comes last.
    #[arg(long, value_name = "FONT")]
    font: Vec<String>,

    /// Heading font (default: the body font).
    #[arg(long, value_name = "FONT")]
    heading_font: Vec<String>,

    /// Monospace font for code.
    #[arg(long, value_name = "FONT")]
    mono_font: Vec<String>,

    /// Use only the named and built-in fonts, never an installed one (the
    /// output is then the same on every machine).
    #[arg(long)]
    no_system_fonts: bool,

    /// Typeset the PDF as an A4 handout: no cover, title block on page 1,
    /// chapters flowing on.
    #[arg(long)]
    handout: bool,

    /// Lines across (`horizontal-tb`, the default) or in columns from
    /// right to left (`vertical-rl`, 縦書き / 直排).
    #[arg(long, value_name = "MODE", value_parser = writing_mode)]
    writing_mode: Option<folio::book::WritingMode>,

    /// Treat warnings as errors.
    #[arg(long)]
    strict: bool,

    /// After building, run EPUBCheck on the written EPUB.
    #[arg(long)]
    check: bool,

    /// Print how long each stage took (load, parse, fonts, EPUB, PDF
    /// layout and write, writing the files).
    #[arg(long)]
    timings: bool,

    /// Print every warning in full; by default warnings of one kind are
    /// grouped after the first few.
    #[arg(short, long)]
    verbose: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Epub,
    Pdf,
    All,
}

impl FormatArg {
    fn formats(self) -> Vec<Format> {
        match self {
            FormatArg::Epub => vec![Format::Epub],
            FormatArg::Pdf => vec![Format::Pdf],
            FormatArg::All => vec![Format::Epub, Format::Pdf],
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => build(args),
        Command::Check(args) => check(args),
        Command::Cover(args) => cover(args),
    }
}

fn cover(args: CoverArgs) -> ExitCode {
    let options = BuildOptions {
        input: args.path,
        out_dir: PathBuf::new(),
        formats: Vec::new(),
        embed_font: None,
        paper: None,
        fonts: Default::default(),
        handout: false,
        writing_mode: None,
        strict: false,
        source_date_epoch: folio::build::source_date_epoch_from_env(),
    };
    let result = folio::build::prepare(&options).and_then(|prepared| {
        let svg = folio::render::cover::svg_cover(&prepared.book, &prepared.fonts);
        folio::build::write_atomically(&args.output, &svg)
    });
    match result {
        Ok(()) => {
            println!("wrote {}", args.output.display());
            ExitCode::SUCCESS
        }
        Err(error) => {
            report(&error);
            ExitCode::from(1)
        }
    }
}

fn check(args: CheckArgs) -> ExitCode {
    let options = BuildOptions {
        input: args.path,
        out_dir: PathBuf::new(),
        formats: vec![Format::Epub, Format::Pdf],
        embed_font: None,
        paper: None,
        fonts: folio::config::FontsConfig {
            system: args.no_system_fonts.then_some(false),
            ..Default::default()
        },
        handout: false,
        writing_mode: None,
        strict: args.strict,
        source_date_epoch: folio::build::source_date_epoch_from_env(),
    };
    let report = match folio::check::check(&options) {
        Ok(report) => report,
        Err(error) => {
            if args.json {
                let findings = vec![error.to_diagnostic()];
                println!(
                    "{}",
                    serde_json::json!({ "findings": findings, "epubcheck": null })
                );
            } else {
                report_verbose(&error, args.verbose);
            }
            return ExitCode::from(1);
        }
    };
    let fails = report.fails(args.strict);
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        );
    } else {
        eprint!(
            "{}",
            folio::diagnostics::render_all(&report.findings, args.verbose)
        );
        print_epubcheck_status(&report.epubcheck);
        let errors = report
            .findings
            .iter()
            .filter(|f| f.severity == folio::Severity::Error)
            .count();
        let warnings = report.findings.len() - errors;
        println!("{errors} error(s), {warnings} warning(s)");
    }
    if fails {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn print_epubcheck_status(status: &folio::check::EpubCheckStatus) {
    match status {
        folio::check::EpubCheckStatus::Ran => {}
        folio::check::EpubCheckStatus::Missing(help) => {
            eprintln!("note: EPUBCheck was not run: {help}")
        }
        folio::check::EpubCheckStatus::Failed(why) => {
            eprintln!("note: EPUBCheck failed to run: {why}")
        }
    }
}

/// `--writing-mode`'s value.
fn writing_mode(name: &str) -> Result<folio::book::WritingMode, String> {
    folio::book::WritingMode::parse(name)
        .ok_or_else(|| format!("`{name}` is no writing mode: use horizontal-tb or vertical-rl"))
}

fn build(args: BuildArgs) -> ExitCode {
    let (run_check, strict, show_timings) = (args.check, args.strict, args.timings);
    let verbose = args.verbose;
    let options = BuildOptions {
        input: args.path,
        out_dir: args.output,
        formats: args.format.formats(),
        embed_font: args.no_embed_font.then_some(false),
        paper: args.paper,
        fonts: folio::config::FontsConfig {
            body: args.font,
            heading: args.heading_font,
            mono: args.mono_font,
            system: args.no_system_fonts.then_some(false),
        },
        handout: args.handout,
        writing_mode: args.writing_mode,
        strict: args.strict,
        source_date_epoch: folio::build::source_date_epoch_from_env(),
    };
    let start = std::time::Instant::now();
    match folio::build::build(&options) {
        Ok(output) => {
            eprint!(
                "{}",
                folio::diagnostics::render_all(&output.diagnostics, verbose)
            );
            if show_timings {
                eprint!(
                    "{}",
                    folio::timings::render(&output.timings, start.elapsed())
                );
            }
            for path in &output.written {
                let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
                println!("wrote {} ({} KB)", path.display(), size.div_ceil(1024));
            }
            if run_check {
                let epubs = output
                    .written
                    .iter()
                    .filter(|p| p.extension().is_some_and(|e| e == "epub"));
                let mut failed = false;
                for epub in epubs {
                    let (status, findings) = folio::check::run_epubcheck(epub);
                    print_epubcheck_status(&status);
                    eprint!("{}", folio::diagnostics::render_all(&findings, verbose));
                    failed |= findings
                        .iter()
                        .any(|f| strict || f.severity == folio::Severity::Error);
                    failed |= status != folio::check::EpubCheckStatus::Ran;
                    if status == folio::check::EpubCheckStatus::Ran {
                        println!(
                            "EPUBCheck: {} finding(s) in {}",
                            findings.len(),
                            epub.display()
                        );
                    }
                }
                if failed {
                    return ExitCode::from(1);
                }
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            report_verbose(&error, verbose);
            ExitCode::from(1)
        }
    }
}

fn report(error: &folio::Error) {
    report_verbose(error, false)
}

/// An error, after the warnings that `--strict` turned into it (grouped
/// like any warnings unless `verbose`).
fn report_verbose(error: &folio::Error, verbose: bool) {
    if let folio::Error::Strict { diagnostics, .. } = error {
        eprint!("{}", folio::diagnostics::render_all(diagnostics, verbose));
    }
    eprint!("{}", error.to_diagnostic().render());
}

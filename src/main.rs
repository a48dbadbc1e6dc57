//! The `folio` command: a thin edge over the library. It parses arguments,
//! runs the pipeline and turns results into messages and exit codes
//! (0 success, 1 build error, 2 usage error).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

/// mimalloc instead of the system allocator: a book's layout makes and
/// frees millions of small vectors (glyphs, clusters, lines), and glibc's
/// malloc took about a tenth of the build's time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use folio::build::{BuildOptions, Format};
use folio::cli::{ColorChoice, Ui};
use folio::config::Paper;
use folio::init::Lang;

#[derive(Parser)]
#[command(
    name = "folio",
    version,
    about = "Bind a Markdown manuscript into an EPUB 3 and a print-ready PDF"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,

    /// When to colour messages: auto (on a terminal, unless NO_COLOR is
    /// set), always or never.
    #[arg(long, value_enum, global = true, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,

    /// Print only errors.
    #[arg(short, long, global = true)]
    quiet: bool,
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
    /// Build, then rebuild on every change to the book's files, printing
    /// one line per rebuild with its wall time. A failed rebuild keeps the
    /// last good outputs.
    Watch(WatchArgs),
    /// Preview the book in a browser: an HTML page per chapter, reloaded
    /// after each rebuild, with the EPUB and PDF to download. Serves on
    /// 127.0.0.1 only unless --host says otherwise.
    Serve(ServeArgs),
    /// Start a new book: book.toml (every key explained), a copyright
    /// page, an introduction, two chapters with notes, a figure and a
    /// table, in the language chosen. Never overwrites a file.
    Init(InitArgs),
    /// Show which font sets each script of the book, in body text,
    /// headings and code, and where each font comes from (the book,
    /// the system, built in).
    Fonts(FontsArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions(CompletionsArgs),
    /// Print the man page (roff): `folio man | man -l -`.
    Man,
}

#[derive(clap::Args)]
struct InitArgs {
    /// The folder of the new book (made when missing).
    #[arg(default_value = ".")]
    dir: PathBuf,

    /// The language of the sample text.
    #[arg(long, value_enum, default_value_t = Lang::Zh)]
    lang: Lang,
}

#[derive(clap::Args)]
struct FontsArgs {
    /// The book: a folder or a .md file.
    #[arg(default_value = ".")]
    path: PathBuf,

    /// Use only the named and built-in fonts, never an installed one.
    #[arg(long)]
    no_system_fonts: bool,

    /// Print the report as JSON, for machines.
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

#[derive(clap::Args)]
struct WatchArgs {
    /// The book: a folder or a .md file.
    #[arg(default_value = ".")]
    path: PathBuf,

    /// Where to write the outputs.
    #[arg(short, long, value_name = "DIR", default_value = "dist")]
    output: PathBuf,

    /// Which outputs to build.
    #[arg(long, value_enum, default_value_t = FormatArg::All)]
    format: FormatArg,

    /// Print every warning in full.
    #[arg(short, long)]
    verbose: bool,
}

#[derive(clap::Args)]
struct ServeArgs {
    /// The book: a folder or a .md file.
    #[arg(default_value = ".")]
    path: PathBuf,

    /// The port (the next free one when it is taken).
    #[arg(long, default_value_t = 3000)]
    port: u16,

    /// The address to listen on. Anything but a loopback address shares
    /// the preview with the network.
    #[arg(long, default_value = "127.0.0.1")]
    host: String,

    /// Open the preview in the default browser.
    #[arg(long)]
    open: bool,

    /// Print every warning in full.
    #[arg(short, long)]
    verbose: bool,
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
    /// The HTML preview (a folder `html/` of pages), as `folio serve` shows it.
    Html,
}

impl FormatArg {
    fn formats(self) -> Vec<Format> {
        match self {
            FormatArg::Epub => vec![Format::Epub],
            FormatArg::Pdf => vec![Format::Pdf],
            FormatArg::All => vec![Format::Epub, Format::Pdf],
            FormatArg::Html => vec![Format::Html],
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let ui = Ui::new(cli.color, cli.quiet);
    match cli.command {
        Command::Build(args) => build(args, &ui),
        Command::Check(args) => check(args, &ui),
        Command::Cover(args) => cover(args, &ui),
        Command::Watch(args) => watch(args, &ui),
        Command::Serve(args) => serve(args, &ui),
        Command::Init(args) => init(args, &ui),
        Command::Fonts(args) => fonts(args, &ui),
        Command::Completions(args) => {
            let script = folio::cli::completions(args.shell, &mut Cli::command());
            print_bytes(&script)
        }
        Command::Man => match folio::cli::man_page(Cli::command()) {
            Ok(page) => print_bytes(&page),
            Err(error) => {
                eprintln!("error: cannot write the man page: {error}");
                ExitCode::from(1)
            }
        },
    }
}

/// Writes generated text (a completion script, the man page) to stdout.
fn print_bytes(bytes: &[u8]) -> ExitCode {
    use std::io::Write;
    match std::io::stdout().write_all(bytes) {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::from(1),
    }
}

fn init(args: InitArgs, ui: &Ui) -> ExitCode {
    let date = folio::init::today(folio::build::source_date_epoch_from_env());
    match folio::init::init(&args.dir, args.lang, &date) {
        Ok(written) => {
            for path in &written {
                ui.say(format!("created {}", path.display()));
            }
            let dir = args.dir.display();
            ui.say(format!("build it with: folio build {dir}"));
            ExitCode::SUCCESS
        }
        Err(error) => {
            ui.error(&error, false);
            ExitCode::from(1)
        }
    }
}

fn fonts(args: FontsArgs, ui: &Ui) -> ExitCode {
    let options = BuildOptions {
        fonts: folio::config::FontsConfig {
            system: args.no_system_fonts.then_some(false),
            ..Default::default()
        },
        ..options_for(args.path.clone())
    };
    let prepared = match folio::build::prepare(&options) {
        Ok(prepared) => prepared,
        Err(error) => {
            ui.error(&error, false);
            return ExitCode::from(1);
        }
    };
    let root = if args.path.is_file() {
        args.path.parent().map(PathBuf::from).unwrap_or_default()
    } else {
        args.path
    };
    let report = folio::fonts::report::report(&prepared.book, &prepared.fonts, &root);
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        );
    } else {
        print!("{}", folio::fonts::report::render(&report));
    }
    ExitCode::SUCCESS
}

/// Options that read `input` and write nothing.
fn options_for(input: PathBuf) -> BuildOptions {
    BuildOptions {
        formats: Vec::new(),
        ..BuildOptions::new(
            input,
            PathBuf::new(),
            folio::build::source_date_epoch_from_env(),
        )
    }
}

fn cover(args: CoverArgs, ui: &Ui) -> ExitCode {
    let options = options_for(args.path);
    let result = folio::build::prepare(&options).and_then(|prepared| {
        let svg = folio::render::cover::svg_cover(&prepared.book, &prepared.fonts);
        folio::build::write_atomically(&args.output, &svg)
    });
    match result {
        Ok(()) => {
            ui.say(format!("wrote {}", args.output.display()));
            ExitCode::SUCCESS
        }
        Err(error) => {
            ui.error(&error, false);
            ExitCode::from(1)
        }
    }
}

fn check(args: CheckArgs, ui: &Ui) -> ExitCode {
    let options = BuildOptions {
        formats: vec![Format::Epub, Format::Pdf],
        fonts: folio::config::FontsConfig {
            system: args.no_system_fonts.then_some(false),
            ..Default::default()
        },
        strict: args.strict,
        ..options_for(args.path)
    };
    let progress = ui.progress(format!("checking {}", options.input.display()));
    let checked = folio::check::check(&options);
    progress.finish();
    let report = match checked {
        Ok(report) => report,
        Err(error) => {
            if args.json {
                let findings = vec![error.to_diagnostic()];
                println!(
                    "{}",
                    serde_json::json!({ "findings": findings, "epubcheck": null })
                );
            } else {
                ui.error(&error, args.verbose);
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
        ui.findings(&report.findings, args.verbose);
        print_epubcheck_status(&report.epubcheck, ui);
        let errors = report
            .findings
            .iter()
            .filter(|f| f.severity == folio::Severity::Error)
            .count();
        let warnings = report.findings.len() - errors;
        ui.say(format!("{errors} error(s), {warnings} warning(s)"));
    }
    if fails {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn print_epubcheck_status(status: &folio::check::EpubCheckStatus, ui: &Ui) {
    match status {
        folio::check::EpubCheckStatus::Ran => {}
        folio::check::EpubCheckStatus::Missing(help) => {
            ui.note(format!("note: EPUBCheck was not run: {help}"))
        }
        folio::check::EpubCheckStatus::Failed(why) => {
            ui.note(format!("note: EPUBCheck failed to run: {why}"))
        }
    }
}

/// `--writing-mode`'s value.
fn writing_mode(name: &str) -> Result<folio::book::WritingMode, String> {
    folio::book::WritingMode::parse(name)
        .ok_or_else(|| format!("`{name}` is no writing mode: use horizontal-tb or vertical-rl"))
}

fn build(args: BuildArgs, ui: &Ui) -> ExitCode {
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
    let progress = ui.progress(format!("building {}", options.input.display()));
    let built = folio::build::build(&options);
    progress.finish();
    match built {
        Ok(output) => {
            ui.findings(&output.diagnostics, verbose);
            if show_timings {
                eprint!(
                    "{}",
                    folio::timings::render(&output.timings, start.elapsed())
                );
            }
            for path in &output.written {
                let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
                ui.say(format!(
                    "wrote {} ({} KB)",
                    path.display(),
                    size.div_ceil(1024)
                ));
            }
            if run_check {
                let epubs = output
                    .written
                    .iter()
                    .filter(|p| p.extension().is_some_and(|e| e == "epub"));
                let mut failed = false;
                for epub in epubs {
                    let (status, findings) = folio::check::run_epubcheck(epub);
                    print_epubcheck_status(&status, ui);
                    ui.findings(&findings, verbose);
                    failed |= findings
                        .iter()
                        .any(|f| strict || f.severity == folio::Severity::Error);
                    failed |= status != folio::check::EpubCheckStatus::Ran;
                    if status == folio::check::EpubCheckStatus::Ran {
                        ui.say(format!(
                            "EPUBCheck: {} finding(s) in {}",
                            findings.len(),
                            epub.display()
                        ));
                    }
                }
                if failed {
                    return ExitCode::from(1);
                }
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            ui.error(&error, verbose);
            ExitCode::from(1)
        }
    }
}

/// `folio watch`: see [`folio::watch::watch`].
fn watch(args: WatchArgs, ui: &Ui) -> ExitCode {
    let options = BuildOptions {
        out_dir: args.output,
        formats: args.format.formats(),
        ..options_for(args.path)
    };
    match folio::watch::watch(options, args.verbose) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            ui.error(&error, false);
            ExitCode::from(1)
        }
    }
}

/// `folio serve`: see [`folio::serve::serve`].
fn serve(args: ServeArgs, ui: &Ui) -> ExitCode {
    let options = BuildOptions {
        formats: vec![Format::Html, Format::Epub, Format::Pdf],
        ..options_for(args.path)
    };
    let settings = folio::serve::Settings {
        host: args.host,
        port: args.port,
        open: args.open,
        verbose: args.verbose,
    };
    match folio::serve::serve(options, settings) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            ui.error(&error, false);
            ExitCode::from(1)
        }
    }
}

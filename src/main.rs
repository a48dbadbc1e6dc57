//! The `folio` command: a thin edge over the library. It parses arguments,
//! runs the pipeline and turns results into messages and exit codes
//! (0 success, 1 build error, 2 usage error).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
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

    /// Typeset the PDF as an A4 handout: no cover, title block on page 1,
    /// chapters flowing on.
    #[arg(long)]
    handout: bool,

    /// Treat warnings as errors.
    #[arg(long)]
    strict: bool,
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
    }
}

fn build(args: BuildArgs) -> ExitCode {
    let options = BuildOptions {
        input: args.path,
        out_dir: args.output,
        formats: args.format.formats(),
        embed_font: args.no_embed_font.then_some(false),
        paper: args.paper,
        handout: args.handout,
        strict: args.strict,
        source_date_epoch: folio::build::source_date_epoch_from_env(),
    };
    match folio::build::build(&options) {
        Ok(output) => {
            for diagnostic in &output.diagnostics {
                eprint!("{}", diagnostic.render());
            }
            for path in &output.written {
                let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
                println!("wrote {} ({} KB)", path.display(), size.div_ceil(1024));
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            report(&error);
            ExitCode::from(1)
        }
    }
}

fn report(error: &folio::Error) {
    if let folio::Error::Strict { diagnostics, .. } = error {
        for diagnostic in diagnostics {
            eprint!("{}", diagnostic.render());
        }
    }
    eprint!("{}", error.to_diagnostic().render());
}

//! Timings of folio's stages, one benchmark per stage, through the library
//! API that `folio build` itself runs (`src/build.rs`).
//!
//! ```sh
//! cargo bench --bench stages                                # the sample book
//! FOLIO_BENCH_BOOK=/tmp/big cargo bench --bench stages      # any book folder
//! ```
//!
//! Stages: `load` (find and read the manuscript), `parse` (Markdown into the
//! `Book` model), `fonts` (`FontSet::load`), `render_epub`, `layout` (pages
//! for the PDF), `pdf_write` (those pages into a PDF, with font subsetting),
//! `render_pdf` (layout and write), `render_both` (both outputs, in
//! parallel as `folio build` does), and `build` (the whole command, files
//! written to a temporary folder). A renderer that fails (not implemented
//! yet, say) is reported on stderr and its benchmark is skipped, so the
//! other stages still run.

use std::path::PathBuf;
use std::sync::OnceLock;

use divan::{black_box, Bencher};
use folio::build::{BuildOptions, Format, Prepared};
use folio::diagnostics::Diagnostics;
use folio::parse::ParseOptions;

fn main() {
    eprintln!("folio stages on {}", book_path().display());
    divan::main();
}

/// The book to time: `FOLIO_BENCH_BOOK`, else the sample manuscript.
fn book_path() -> PathBuf {
    match std::env::var_os("FOLIO_BENCH_BOOK") {
        Some(path) => PathBuf::from(path),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("manuscript"),
    }
}

fn options(out_dir: PathBuf, formats: Vec<Format>) -> BuildOptions {
    BuildOptions {
        formats,
        // Fixed, so every run renders the same bytes.
        ..BuildOptions::new(book_path(), out_dir, Some(1_758_758_400))
    }
}

/// The book loaded, parsed and with its fonts, once for every render bench.
fn prepared() -> &'static Prepared {
    static PREPARED: OnceLock<Prepared> = OnceLock::new();
    PREPARED.get_or_init(|| {
        folio::build::prepare(&options(PathBuf::from("unused"), Vec::new()))
            .unwrap_or_else(|e| panic!("cannot prepare {}: {e}", book_path().display()))
    })
}

/// Whether `format` renders at all; says why not on stderr.
fn renders(format: Format) -> bool {
    match prepared().render(format) {
        Ok(_) => true,
        Err(e) => {
            eprintln!("skipped: rendering {format:?} fails: {e}");
            false
        }
    }
}

#[divan::bench]
fn load(bencher: Bencher) {
    let path = book_path();
    bencher.bench(|| folio::load::load(black_box(&path)).expect("load"));
}

#[divan::bench]
fn parse(bencher: Bencher) {
    let manuscript = folio::load::load(&book_path()).expect("load");
    let parse_options = ParseOptions {
        source_date_epoch: Some(1_758_758_400),
    };
    bencher.bench(|| {
        let diagnostics = Diagnostics::default();
        folio::parse::parse(
            black_box(&manuscript),
            &folio::world::Disk,
            &parse_options,
            &diagnostics,
        )
        .expect("parse")
    });
}

#[divan::bench]
fn fonts(bencher: Bencher) {
    let manuscript = folio::load::load(&book_path()).expect("load");
    bencher.bench(|| {
        folio::fonts::FontSet::load(black_box(&manuscript.config.folio.fonts), &manuscript.root)
            .expect("fonts")
    });
}

/// load + parse + fonts: everything before rendering.
#[divan::bench]
fn prepare(bencher: Bencher) {
    let options = options(PathBuf::from("unused"), Vec::new());
    bencher.bench(|| folio::build::prepare(black_box(&options)).expect("prepare"));
}

#[divan::bench]
fn render_epub(bencher: Bencher) {
    if !renders(Format::Epub) {
        return;
    }
    let prepared = prepared();
    bencher.bench(|| prepared.render(black_box(Format::Epub)).expect("epub"));
}

#[divan::bench]
fn render_pdf(bencher: Bencher) {
    if !renders(Format::Pdf) {
        return;
    }
    let prepared = prepared();
    bencher.bench(|| prepared.render(black_box(Format::Pdf)).expect("pdf"));
}

/// The PDF's layout alone: the book into positioned glyphs on pages.
#[divan::bench]
fn layout(bencher: Bencher) {
    if !renders(Format::Pdf) {
        return;
    }
    let p = prepared();
    bencher.bench(|| {
        let diagnostics = Diagnostics::default();
        folio::layout::lay_out(black_box(&p.book), &p.fonts, &p.pdf, &diagnostics).expect("layout")
    });
}

/// The PDF writer alone (with font subsetting), on pages laid out once.
#[divan::bench]
fn pdf_write(bencher: Bencher) {
    if !renders(Format::Pdf) {
        return;
    }
    let p = prepared();
    let pages = folio::layout::lay_out(&p.book, &p.fonts, &p.pdf, &p.diagnostics).expect("layout");
    bencher.bench(|| {
        let diagnostics = Diagnostics::default();
        folio::render::pdf::write_pdf_with(black_box(&pages), &p.book, &*p.fonts, &diagnostics)
            .expect("pdf write")
    });
}

/// Both outputs on two threads, as `folio::build::build` renders them.
#[divan::bench]
fn render_both(bencher: Bencher) {
    if !(renders(Format::Epub) && renders(Format::Pdf)) {
        return;
    }
    let prepared = prepared();
    bencher.bench(|| {
        std::thread::scope(|scope| {
            let epub = scope.spawn(|| prepared.render(Format::Epub).expect("epub"));
            let pdf = prepared.render(Format::Pdf).expect("pdf");
            (epub.join().expect("epub thread"), pdf)
        })
    });
}

/// The whole `folio build`: prepare, render both, write the files.
#[divan::bench]
fn build(bencher: Bencher) {
    if !(renders(Format::Epub) && renders(Format::Pdf)) {
        return;
    }
    let out = tempfile::tempdir().expect("temporary folder");
    let options = options(out.path().to_path_buf(), vec![Format::Epub, Format::Pdf]);
    bencher.bench(|| folio::build::build(black_box(&options)).expect("build"));
}

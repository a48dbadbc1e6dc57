//! Stage timings of a watch session's rebuild after a one-chapter edit:
//! `cargo run --release --example rebuild -- BOOK_DIR [CHAPTER.md] [RUNS] [prepare]`.
//!
//! The book is copied to a temporary folder; each run inserts one more
//! character into a paragraph in the middle of the chapter, then prepares
//! (load, parse, highlight, fonts) and renders EPUB + PDF with the
//! session's [`folio::build::Reuse`]. Prints the median of each stage.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use folio::build::{BuildOptions, Format, Reuse};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let book = PathBuf::from(
        args.first()
            .expect("usage: rebuild BOOK_DIR [CHAPTER] [RUNS]"),
    );
    let chapter = args.get(1).cloned().unwrap_or_else(|| "25.md".into());
    let runs: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(20);
    // `prepare`: load, parse, highlight and fonts only.
    let render = args.get(3).map(String::as_str) != Some("prepare");
    let dir = std::env::temp_dir().join(format!("folio-rebuild-{}", std::process::id()));
    copy_dir(&book, &dir);
    let options = BuildOptions {
        input: dir.clone(),
        out_dir: dir.join("dist"),
        formats: vec![Format::Epub, Format::Pdf],
        embed_font: None,
        paper: None,
        fonts: Default::default(),
        handout: false,
        writing_mode: None,
        strict: false,
        source_date_epoch: Some(0),
    };
    let reuse = Reuse::default();
    let mut stages: BTreeMap<&'static str, Vec<Duration>> = BTreeMap::new();
    let mut totals = Vec::new();
    for run in 0..=runs {
        if run > 0 {
            edit(&dir.join(&chapter), run);
        }
        let start = Instant::now();
        let prepared =
            folio::build::prepare_with(&folio::world::Disk, &options, &reuse).expect("prepare");
        if render {
            folio::build::render_all_with(&prepared, &options.formats, &reuse.render)
                .expect("render");
        }
        let total = start.elapsed();
        if run == 0 {
            continue; // the first build fills the caches
        }
        totals.push(total);
        for stage in prepared.timings.snapshot() {
            stages.entry(stage.name).or_default().push(stage.wall);
        }
    }
    for (name, walls) in &mut stages {
        let min = walls.iter().min().map_or(0.0, |d| d.as_secs_f64() * 1000.0);
        println!("{name:>12} {:8.2} ms (min {min:.2})", median(walls));
    }
    println!(
        "{:>12} {:8.2} ms (median of {runs})",
        "total",
        median(&mut totals)
    );
    if render {
        let kept = build_files(&options, &reuse);
        let clean = build_files(&options, &Reuse::default());
        println!("outputs byte-identical to a clean build: {}", kept == clean);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The EPUB and PDF of the book, with `reuse`.
fn build_files(options: &BuildOptions, reuse: &Reuse) -> Vec<(String, Vec<u8>)> {
    let prepared =
        folio::build::prepare_with(&folio::world::Disk, options, reuse).expect("prepare");
    let (files, _) =
        folio::build::render_all_with(&prepared, &options.formats, &reuse.render).expect("render");
    files.into_iter().map(|f| (f.path, f.bytes)).collect()
}

/// Inserts a character after the first sentence of the paragraph in the
/// middle of `path`.
fn edit(path: &Path, run: usize) {
    let text = std::fs::read_to_string(path).expect("chapter");
    let mut middle = text.len() / 2;
    while !text.is_char_boundary(middle) {
        middle += 1;
    }
    let at = text[middle..].find('。').map_or(middle, |i| middle + i);
    let mark = if run.is_multiple_of(2) { "甲" } else { "乙" };
    let edited = format!("{}{mark}{}", &text[..at], &text[at..]);
    std::fs::write(path, edited).expect("write chapter");
}

fn median(walls: &mut [Duration]) -> f64 {
    walls.sort();
    walls
        .get(walls.len() / 2)
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("temp folder");
    for entry in std::fs::read_dir(from).expect("book folder").flatten() {
        let path = entry.path();
        if path.is_file() {
            std::fs::copy(&path, to.join(entry.file_name())).expect("copy");
        }
    }
}

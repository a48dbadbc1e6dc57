//! Incremental rebuilds as a watch session makes them (issue 13): one
//! [`folio::build::Reuse`] kept across builds, an edit inside one chapter
//! between them.
//!
//! ```sh
//! FOLIO_BENCH_BOOK=target/bench/books/large-500000 cargo bench --bench rebuild
//! ```
//!
//! The book folder is copied to a temporary one; then it is built once
//! (clean), and `FOLIO_REBUILDS` times (default 9) two characters are
//! added to (or taken from) a paragraph in the middle of its middle chapter
//! and it is rebuilt, EPUB and PDF, in memory. Printed: the median wall
//! time of the clean build and of a rebuild, each stage's median, and the
//! process's peak resident memory. `FOLIO_CHECK=1` also builds each edit
//! from scratch and fails unless the outputs are byte-identical;
//! `FOLIO_BENCH_RAW=1` adds a line for `bench/run.sh`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use folio::build::{BuildOptions, Reuse};

/// The allocator of the `folio` binary (src/main.rs), so that a rebuild is
/// timed as `folio watch` makes it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let book = std::env::var_os("FOLIO_BENCH_BOOK")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("manuscript"));
    let runs: usize = std::env::var("FOLIO_REBUILDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(9);
    let check = std::env::var_os("FOLIO_CHECK").is_some();
    let dir = tempfile::tempdir().expect("a temporary folder");
    copy_dir(&book, dir.path());
    let chapter = middle_chapter(dir.path());
    let original = std::fs::read_to_string(&chapter).expect("the chapter");
    let options = options(dir.path());
    let reuse = Reuse::default();
    let start = Instant::now();
    build(&options, &reuse);
    let clean = start.elapsed().as_secs_f64() * 1000.0;
    let mut walls = Vec::new();
    let mut stages: Vec<(&'static str, Vec<f64>)> = Vec::new();
    for run in 0..runs {
        let text = edited(&original, run);
        std::fs::write(&chapter, &text).expect("the edit");
        let start = Instant::now();
        let (files, timings) = build(&options, &reuse);
        walls.push(start.elapsed().as_secs_f64() * 1000.0);
        for stage in timings {
            let ms = stage.wall.as_secs_f64() * 1000.0;
            match stages.iter_mut().find(|(n, _)| *n == stage.name) {
                Some((_, v)) => v.push(ms),
                None => stages.push((stage.name, vec![ms])),
            }
        }
        if check {
            let (fresh, _) = build(&options, &Reuse::default());
            assert!(files == fresh, "rebuild {run} differs from a clean build");
        }
    }
    if std::env::var_os("FOLIO_BENCH_RAW").is_some() {
        // For bench/run.sh: the walls in seconds and the peak in kB.
        let walls: Vec<String> = walls.iter().map(|w| format!("{:.6}", w / 1000.0)).collect();
        println!("incremental\t{}\t{}", walls.join(","), peak_mb() * 1024);
    }
    println!("book: {} ({})", book.display(), chapter.display());
    println!("clean build: {clean:.1} ms");
    println!("rebuild, median of {runs}: {:.1} ms", median(&mut walls));
    for (name, mut v) in stages {
        println!("  {name:<12} {:>7.1} ms", median(&mut v));
    }
    println!("peak memory: {} MB", peak_mb());
}

fn options(input: &Path) -> BuildOptions {
    BuildOptions::new(input.to_path_buf(), input.join("dist"), Some(1_758_758_400))
}

type Files = Vec<folio::render::OutputFile>;

fn build(options: &BuildOptions, reuse: &Reuse) -> (Files, Vec<folio::timings::Stage>) {
    let prepared = folio::build::prepare_with(&folio::world::Disk, options, reuse)
        .unwrap_or_else(|e| panic!("cannot prepare: {e}"));
    let (files, _) = folio::build::render_all_with(&prepared, &options.formats, &reuse.render)
        .unwrap_or_else(|e| panic!("cannot render: {e}"));
    (files, prepared.timings.snapshot())
}

/// Two characters added to the middle paragraph on even runs, taken away
/// again on odd ones.
fn edited(original: &str, run: usize) -> String {
    if run % 2 == 1 {
        return original.to_string();
    }
    let paragraphs: Vec<usize> = original.match_indices("\n\n").map(|(i, _)| i).collect();
    let at = paragraphs.get(paragraphs.len() / 2).copied().unwrap_or(0);
    let mut text = original.to_string();
    text.insert_str(at, "新字");
    text
}

/// The book's middle chapter file (of its `NN.md` files), else its only one.
fn middle_chapter(dir: &Path) -> PathBuf {
    let mut md: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("the book folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    md.sort();
    md.retain(|p| p.file_name().is_some_and(|n| n != "book.md"));
    md[md.len() / 2].clone()
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("the book folder").flatten() {
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            std::fs::create_dir_all(&target).expect("a folder");
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("a copy");
        }
    }
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

/// The peak resident set of this process (Linux `VmHWM`), in MB.
fn peak_mb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb / 1024)
}

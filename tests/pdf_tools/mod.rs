//! Running qpdf and poppler on written PDFs, for the PDF tests. A test
//! skips, with a loud message, only when the tool is not installed.

use std::path::Path;
use std::process::Command;

/// Output of one tool run.
pub struct Run {
    pub ok: bool,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `name args… file`; `None` (after a loud message) when the tool is
/// not installed.
pub fn tool(name: &str, args: &[&str], file: &Path) -> Option<Run> {
    match Command::new(name).args(args).arg(file).output() {
        Ok(out) => Some(Run {
            ok: out.status.success(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!(
                "\n*** SKIPPED: `{name}` is not installed (apt-get install qpdf poppler-utils) ***\n"
            );
            None
        }
        Err(e) => panic!("cannot run {name}: {e}"),
    }
}

/// Asserts `qpdf --check` finds nothing wrong.
pub fn assert_qpdf_clean(file: &Path) {
    let Some(r) = tool("qpdf", &["--check"], file) else {
        return;
    };
    assert!(r.ok, "qpdf --check failed:\n{}\n{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains("No syntax or stream encoding errors"),
        "{}",
        r.stdout
    );
    assert!(
        !r.stdout.to_lowercase().contains("warning") && r.stderr.is_empty(),
        "{}\n{}",
        r.stdout,
        r.stderr
    );
}

/// The font lines of `pdffonts`, each asserted to be an embedded subset
/// (`ABCDEF+` tag, emb/sub/uni yes) with Identity-H encoding.
pub fn assert_fonts_embedded_subsets(file: &Path) -> Vec<String> {
    let Some(r) = tool("pdffonts", &[], file) else {
        return vec![];
    };
    assert!(r.ok, "{}", r.stderr);
    let lines: Vec<String> = r.stdout.lines().skip(2).map(str::to_string).collect();
    assert!(!lines.is_empty(), "no fonts: {}", r.stdout);
    for line in &lines {
        let cols: Vec<&str> = line.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "{line}");
        assert!(
            cols[0].len() > 7 && cols[0].as_bytes()[6] == b'+',
            "subset tag: {line}"
        );
        assert!(line.contains("Identity-H"), "{line}");
    }
    lines
}

/// The text of page `page` (1-based), as `pdftotext` extracts it.
pub fn page_text(file: &Path, page: usize) -> Option<String> {
    let p = page.to_string();
    let out = file.with_extension("txt");
    let run = Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-f", &p, "-l", &p])
        .arg(file)
        .arg(&out)
        .output();
    let r = match run {
        Ok(r) => r,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!(
                "\n*** SKIPPED: `pdftotext` is not installed (apt-get install poppler-utils) ***\n"
            );
            return None;
        }
        Err(e) => panic!("cannot run pdftotext: {e}"),
    };
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    Some(std::fs::read_to_string(out).expect("pdftotext output"))
}

/// One glyph a PDF draws, as `tests/tools/pdfglyphs.py` (PyMuPDF) reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// 1-based page number.
    pub page: usize,
    /// The font's base name (subset tag removed).
    pub font: String,
    pub size: f32,
    /// Glyph id: 0 is `.notdef`, a box on the page; -1 marks the second
    /// and later characters of a ligature (PyMuPDF's convention).
    pub gid: i64,
    /// The character ToUnicode gives for it.
    pub c: String,
    /// Origin, in points from the top-left corner of the page.
    pub x: f32,
    pub y: f32,
    /// Advance box width in points.
    pub w: f32,
    /// 0 horizontal, 1 vertical.
    pub wmode: u8,
}

/// Every glyph drawn in `file`, in content-stream order; `None` (after a
/// loud message) when PyMuPDF is not installed.
pub fn glyphs(file: &Path) -> Option<Vec<Glyph>> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/pdfglyphs.py");
    let r = tool("python3", &[script.to_str().expect("utf-8 path")], file)?;
    if !r.ok && r.stderr.contains("No module named 'pymupdf'") {
        eprintln!("\n*** SKIPPED: PyMuPDF is not installed (pip install pymupdf) ***\n");
        return None;
    }
    assert!(r.ok, "pdfglyphs.py failed: {}", r.stderr);
    let glyphs = r
        .stdout
        .lines()
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).expect("pdfglyphs JSON");
            let font = v["font"].as_str().unwrap_or("");
            Glyph {
                page: v["page"].as_u64().unwrap_or(0) as usize,
                font: font.split_once('+').map_or(font, |(_, f)| f).to_string(),
                size: v["size"].as_f64().unwrap_or(0.0) as f32,
                gid: v["gid"].as_i64().expect("a glyph id"),
                c: v["c"].as_str().unwrap_or("").to_string(),
                x: v["x"].as_f64().unwrap_or(0.0) as f32,
                y: v["y"].as_f64().unwrap_or(0.0) as f32,
                w: v["w"].as_f64().unwrap_or(0.0) as f32,
                wmode: v["wmode"].as_u64().unwrap_or(0) as u8,
            }
        })
        .collect();
    Some(glyphs)
}

/// The glyphs of `glyphs` drawn as `.notdef` (boxes), as "U+XXXX c (font,
/// page N)" descriptions, for an assertion message.
pub fn tofu(glyphs: &[Glyph]) -> Vec<String> {
    glyphs
        .iter()
        .filter(|g| g.gid == 0 && !g.c.trim().is_empty())
        .map(|g| {
            let cp = g.c.chars().next().map_or(0, u32::from);
            format!("U+{cp:04X} {} ({}, page {})", g.c, g.font, g.page)
        })
        .collect()
}

/// An RGB image rendered by pdftoppm: (width, height, pixels).
pub fn render_page(pdf: &Path, page: usize, dpi: u32) -> (usize, usize, Vec<[u8; 3]>) {
    let prefix = pdf.with_extension("page");
    let page = page.to_string();
    let r = tool(
        "pdftoppm",
        &[
            "-r",
            &dpi.to_string(),
            "-png",
            "-f",
            &page,
            "-l",
            &page,
            "-singlefile",
            pdf.to_str().unwrap(),
        ],
        &prefix,
    )
    .expect("pdftoppm is installed");
    assert!(r.ok, "pdftoppm: {}", r.stderr);
    let file = std::fs::File::open(format!("{}.png", prefix.display())).unwrap();
    let mut reader = png::Decoder::new(std::io::BufReader::new(file))
        .read_info()
        .unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let step = info.line_size / info.width as usize;
    let pixels = buf[..info.buffer_size()]
        .chunks(step)
        .map(|p| [p[0], p[1], p[2]])
        .collect();
    (info.width as usize, info.height as usize, pixels)
}

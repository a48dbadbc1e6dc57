//! mdBook's `{{#include}}`, `{{#rustdoc_include}}`, `{{#playground}}` and
//! `{{#title}}` directives, expanded as a chapter is read so that parsing
//! never touches the disk.
//!
//! Included text changes the line count of the chapter, so the expansion
//! keeps a map from each line of the expanded text to the chapter line it
//! came from: a line of included text maps to its directive's line, and
//! everything after a directive keeps its own line.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Location};
use crate::world::World;

/// How deep included files may include further files; mdBook stops at 10
/// too, and a real book needs two or three.
const MAX_DEPTH: usize = 10;

/// A chapter body with its directives expanded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Expanded {
    pub text: String,
    /// For each line of `text` (0-based), the 1-based line of the original
    /// body it comes from. Empty when nothing was expanded (identity).
    pub line_map: Vec<usize>,
    /// The text of the last `{{#title …}}`, if any.
    pub title: Option<String>,
    pub warnings: Vec<Diagnostic>,
}

/// Expands the directives of `body`, the Markdown of `chapter` starting
/// after `line_offset` lines of front matter. Files are read only inside
/// `root`; a directive that cannot be expanded stays as text, with a
/// warning at its line.
pub fn expand(
    world: &dyn World,
    body: &str,
    chapter: &Path,
    root: &Path,
    line_offset: usize,
) -> Expanded {
    if !body.contains("{{") {
        return Expanded {
            text: body.to_string(),
            ..Expanded::default()
        };
    }
    let mut expander = Expander {
        world,
        root: world
            .canonicalize(root)
            .unwrap_or_else(|_| root.to_path_buf()),
        chapter,
        line_offset,
        title: None,
        warnings: Vec::new(),
    };
    let dir = chapter.parent().unwrap_or(Path::new("."));
    let mut stack: Vec<PathBuf> = world.canonicalize(chapter).into_iter().collect();
    let (text, line_map) = expander.expand_text(body, dir, None, &mut stack);
    Expanded {
        text,
        line_map,
        title: expander.title,
        warnings: expander.warnings,
    }
}

struct Expander<'a> {
    world: &'a dyn World,
    root: PathBuf,
    chapter: &'a Path,
    line_offset: usize,
    title: Option<String>,
    warnings: Vec<Diagnostic>,
}

/// Output text with the source line of each of its lines.
struct Out {
    text: String,
    map: Vec<usize>,
}

impl Out {
    /// Appends `text`; its newlines advance `line` when it is the body's own
    /// text, and stay on `line` when it was included.
    fn push(&mut self, text: &str, line: &mut usize, own: bool) {
        for piece in text.split_inclusive('\n') {
            self.text.push_str(piece);
            if piece.ends_with('\n') {
                if own {
                    *line += 1;
                }
                self.map.push(*line);
            }
        }
    }
}

impl Expander<'_> {
    /// Expands `text`, whose relative paths start at `dir`. `at` is the
    /// chapter line of the outermost directive when `text` was included
    /// (every warning inside points there), `None` for the chapter itself.
    fn expand_text(
        &mut self,
        text: &str,
        dir: &Path,
        at: Option<usize>,
        stack: &mut Vec<PathBuf>,
    ) -> (String, Vec<usize>) {
        let mut out = Out {
            text: String::with_capacity(text.len()),
            map: vec![1],
        };
        let mut line = 1;
        let mut pos = 0;
        while let Some(d) = next_directive(text, pos) {
            out.push(&text[pos..d.start], &mut line, true);
            let source = &text[d.start..d.end];
            let here = at.unwrap_or(line + self.line_offset);
            match self.apply(&d, dir, here, at.is_some(), stack) {
                Some(replacement) => {
                    let mut fixed = line;
                    out.push(&replacement, &mut fixed, false);
                    line += source.matches('\n').count();
                }
                None => out.push(source, &mut line, true),
            }
            pos = d.end;
        }
        out.push(&text[pos..], &mut line, true);
        (out.text, out.map)
    }

    /// The text a directive stands for, or `None` to keep it as written.
    fn apply(
        &mut self,
        d: &Directive<'_>,
        dir: &Path,
        at: usize,
        nested: bool,
        stack: &mut Vec<PathBuf>,
    ) -> Option<String> {
        let (name, args) = match d.kind {
            Kind::Escaped(text) => return Some(text.to_string()),
            Kind::Call { name, args } => (name, args),
        };
        let rustdoc = match name {
            "title" => {
                self.title = Some(args.trim().to_string());
                return Some(String::new());
            }
            "include" | "playground" => false,
            "rustdoc_include" => true,
            // Other names are not mdBook's (or are handled by its renderer);
            // mdBook leaves them as written too.
            _ => return None,
        };
        // `{{#playground file.rs editable}}`: attributes after the path are
        // for mdBook's web playground, which a printed book has no use for.
        let spec = args.split_whitespace().next().unwrap_or("");
        match self.include(spec, rustdoc, dir, at, stack) {
            Ok(text) => Some(text),
            Err(why) => {
                let within = match (nested, stack.last()) {
                    (true, Some(file)) => format!(" (in included file `{}`)", file.display()),
                    _ => String::new(),
                };
                self.warnings.push(
                    Diagnostic::warning(
                        Some(Location::new(self.chapter, at)),
                        format!("`{{{{#{name} {spec}}}}}`{within}: {why}; it is kept as text"),
                    )
                    .with_help(
                        "fix the path, line range or anchor; included files must be inside \
                         the book folder",
                    ),
                );
                None
            }
        }
    }

    /// Reads, cuts and expands the file `spec` names (`path`, `path:N:M`,
    /// `path:anchor`).
    fn include(
        &mut self,
        spec: &str,
        rustdoc: bool,
        dir: &Path,
        at: usize,
        stack: &mut Vec<PathBuf>,
    ) -> Result<String, String> {
        let (rel, range) = parse_spec(spec)?;
        let canonical = self
            .world
            .canonicalize(&dir.join(rel))
            .map_err(|_| format!("`{rel}` does not exist"))?;
        if !canonical.starts_with(&self.root) {
            return Err(format!("`{rel}` is outside the book folder"));
        }
        if stack.contains(&canonical) {
            return Err(format!("`{rel}` includes itself (a cycle)"));
        }
        if stack.len() > MAX_DEPTH {
            return Err(format!("includes are nested more than {MAX_DEPTH} deep"));
        }
        let content = self
            .world
            .read(&canonical)
            .and_then(|bytes| {
                String::from_utf8(bytes)
                    .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
            })
            .map_err(|e| format!("`{rel}` could not be read as UTF-8 text ({e})"))?;
        let selected =
            select(&content, &range, rustdoc).map_err(|why| format!("`{rel}`: {why}"))?;
        let inner_dir = canonical.parent().unwrap_or(Path::new("/")).to_path_buf();
        stack.push(canonical);
        let (text, _) = self.expand_text(&selected, &inner_dir, Some(at), stack);
        stack.pop();
        Ok(text)
    }
}

/// One directive found in the text: bytes `start..end`.
struct Directive<'t> {
    start: usize,
    end: usize,
    kind: Kind<'t>,
}

enum Kind<'t> {
    /// `\{{#…}}`: the directive's text without the backslash.
    Escaped(&'t str),
    Call {
        name: &'t str,
        args: &'t str,
    },
}

/// The next `{{#name args}}` (or escaped `\{{#…}}`) at or after `from`,
/// spelled as mdBook accepts it: spaces allowed after `{{`, a name of
/// letters, digits and `_`, arguments up to the first `}}`.
fn next_directive(text: &str, from: usize) -> Option<Directive<'_>> {
    let mut search = from;
    while let Some(found) = text.get(search..)?.find("{{") {
        let open = search + found;
        search = open + 2;
        let inner = text[open + 2..].trim_start();
        let Some(inner) = inner.strip_prefix('#') else {
            continue;
        };
        let name_len = inner
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(inner.len());
        let Some(close) = inner.find('}') else {
            continue;
        };
        if name_len == 0 || close <= name_len || !inner[close..].starts_with("}}") {
            continue;
        }
        let args_start = text.len() - inner.len() + name_len;
        let end = text.len() - inner.len() + close + 2;
        let args = &text[args_start..end - 2];
        if args.trim().is_empty() {
            continue;
        }
        if open > from && text[..open].ends_with('\\') {
            return Some(Directive {
                start: open - 1,
                end,
                kind: Kind::Escaped(&text[open..end]),
            });
        }
        return Some(Directive {
            start: open,
            end,
            kind: Kind::Call {
                name: &inner[..name_len],
                args,
            },
        });
    }
    None
}

/// Which part of an included file to take.
#[derive(Debug, PartialEq, Eq)]
enum Range<'s> {
    /// 1-based first line and optional last line, inclusive.
    Lines(usize, Option<usize>),
    Anchor(&'s str),
}

fn parse_spec(spec: &str) -> Result<(&str, Range<'_>), String> {
    let mut parts = spec.splitn(3, ':');
    let path = parts.next().unwrap_or("");
    if path.is_empty() {
        return Err("no file named".into());
    }
    let number = |s: &str| match s.parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!("`{s}` is not a line number (lines count from 1)")),
    };
    let range = match (parts.next(), parts.next()) {
        (None, _) | (Some(""), None) => Range::Lines(1, None),
        (Some(one), None) if one.bytes().all(|b| b.is_ascii_digit()) => {
            let n = number(one)?;
            Range::Lines(n, Some(n))
        }
        (Some(anchor), None) => Range::Anchor(anchor),
        (Some(first), Some(last)) => {
            let start = if first.is_empty() { 1 } else { number(first)? };
            let end = if last.is_empty() {
                None
            } else {
                Some(number(last)?)
            };
            Range::Lines(start, end)
        }
    };
    Ok((path, range))
}

/// The lines of `content` that `range` names. For `rustdoc_include` the
/// whole file is kept, lines outside the range hidden behind `# ` as
/// rustdoc hides them.
fn select(content: &str, range: &Range<'_>, rustdoc: bool) -> Result<String, String> {
    let lines: Vec<&str> = content.lines().collect();
    // Per line: shown, hidden (rustdoc only) or dropped (`None`).
    let shown: Vec<Option<bool>> = match *range {
        Range::Lines(start, end) => {
            let count = lines.len();
            let last = end.unwrap_or(count.max(start));
            if start > count || last > count || last < start {
                let asked = end.map_or(format!("from line {start}"), |e| {
                    format!("lines {start}–{e}")
                });
                return Err(format!("{asked} asked for, but the file has {count} lines"));
            }
            (1..=count)
                .map(|n| Some((start..=last).contains(&n)))
                .collect()
        }
        Range::Anchor(name) => anchored(&lines, name)?,
    };
    let mut out = Vec::new();
    for (line, keep) in lines.iter().zip(shown) {
        match keep {
            Some(true) => out.push(line.to_string()),
            Some(false) if rustdoc => out.push(format!("# {line}")),
            _ => {}
        }
    }
    Ok(out.join("\n"))
}

/// Per line, whether it lies between `ANCHOR: name` and `ANCHOR_END: name`
/// (the end of the file when there is no end); anchor comment lines are
/// dropped, as mdBook drops them.
fn anchored(lines: &[&str], name: &str) -> Result<Vec<Option<bool>>, String> {
    let begin = lines
        .iter()
        .position(|l| anchor_name(l, "ANCHOR:") == Some(name))
        .ok_or_else(|| format!("no `ANCHOR: {name}` in the file"))?;
    let end = lines[begin..]
        .iter()
        .position(|l| anchor_name(l, "ANCHOR_END:") == Some(name))
        .map_or(lines.len(), |i| begin + i);
    Ok(lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let marker =
                anchor_name(l, "ANCHOR:").is_some() || anchor_name(l, "ANCHOR_END:").is_some();
            (!marker).then_some(i > begin && i < end)
        })
        .collect())
}

/// The anchor a comment line names after `marker`, in any comment syntax.
fn anchor_name<'l>(line: &'l str, marker: &str) -> Option<&'l str> {
    let after = line[line.find(marker)? + marker.len()..].trim_start();
    let len = after
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(after.len());
    (len > 0).then(|| &after[..len])
}

#[cfg(test)]
#[path = "include_tests.rs"]
mod tests;

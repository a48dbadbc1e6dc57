//! mdBook's `SUMMARY.md`: the chapter list of an mdBook, read as mdBook
//! reads it.
//!
//! In order: an optional title (`# Summary`), prefix chapters (plain
//! links before the first list: front matter), numbered chapters (list
//! items, nested by indentation, under optional part titles `# Part` and
//! with separators `---`), then suffix chapters (plain links after the
//! lists: back matter). A link with no target (`[Title]()`) is a draft
//! chapter: listed, with no page. Titles are kept as written (Markdown);
//! the parser reads their inline markup.

use std::path::PathBuf;

/// Where in the SUMMARY an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Prefix,
    Numbered,
    Suffix,
}

/// One line of a SUMMARY.md that means something.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A chapter with a file (`path` without any `#fragment`).
    Chapter {
        title: String,
        path: PathBuf,
        depth: u8,
        section: Section,
    },
    /// `[Title]()`: a chapter not written yet.
    Draft { title: String, depth: u8 },
    /// A part title (a heading after the SUMMARY's own title).
    Part { title: String },
    /// `---`: a rule in mdBook's sidebar.
    Separator,
}

/// An item and its 1-based line in SUMMARY.md (for errors).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub item: Item,
    pub line: usize,
}

/// The items of a SUMMARY.md, in order. Lines that are none of them
/// (comments, prose) are skipped, as mdBook renders nothing for them.
pub fn parse(text: &str) -> Vec<Entry> {
    let mut entries = Vec::new();
    let mut seen_anything = false;
    let mut numbered = false;
    // Indents of the open list levels.
    let mut indents: Vec<usize> = Vec::new();
    let mut in_comment = false;
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let t = raw.trim();
        if in_comment || t.starts_with("<!--") {
            in_comment = !t.contains("-->");
            continue;
        }
        if t.is_empty() {
            continue;
        }
        let item = if let Some(heading) = heading_text(t) {
            indents.clear();
            let first = !seen_anything;
            seen_anything = true;
            if first {
                // The SUMMARY's own title names no chapter.
                continue;
            }
            numbered = true;
            Item::Part {
                title: heading.to_string(),
            }
        } else if is_rule(t) {
            Item::Separator
        } else if let Some(rest) = list_item(t) {
            numbered = true;
            let indent = indent_of(raw);
            while indents.last().is_some_and(|&top| top >= indent) {
                indents.pop();
            }
            let depth = u8::try_from(indents.len()).unwrap_or(u8::MAX);
            indents.push(indent);
            match link(rest) {
                Some((title, target)) => chapter(title, target, depth, Section::Numbered),
                None => continue,
            }
        } else if let Some((title, target)) = t.starts_with('[').then(|| link(t)).flatten() {
            let section = if numbered {
                Section::Suffix
            } else {
                Section::Prefix
            };
            chapter(title, target, 0, section)
        } else {
            continue;
        };
        seen_anything = true;
        entries.push(Entry { item, line });
    }
    entries
}

fn chapter(title: &str, target: &str, depth: u8, section: Section) -> Item {
    // mdBook allows angle brackets around paths; a `#fragment` is not
    // part of the file.
    let target = target.trim().trim_start_matches('<').trim_end_matches('>');
    let path = target.split('#').next().unwrap_or("").trim();
    let title = title.trim().to_string();
    if path.is_empty() {
        Item::Draft { title, depth }
    } else {
        Item::Chapter {
            title,
            path: PathBuf::from(path),
            depth,
            section,
        }
    }
}

/// The text of an ATX heading line.
fn heading_text(t: &str) -> Option<&str> {
    let hashes = t.chars().take_while(|&c| c == '#').count();
    let rest = &t[hashes..];
    (1..=6)
        .contains(&hashes)
        .then_some(rest)
        .filter(|r| r.is_empty() || r.starts_with([' ', '\t']))
        .map(|r| r.trim().trim_end_matches('#').trim())
}

/// `---`, `***`, `___` (spaces allowed between).
fn is_rule(t: &str) -> bool {
    let marks: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    marks.len() >= 3
        && ['-', '*', '_']
            .iter()
            .any(|&m| marks.chars().all(|c| c == m))
}

/// What follows a list marker (`- `, `* `, `+ `, `1. `, `1) `).
fn list_item(t: &str) -> Option<&str> {
    if let Some(rest) = t.strip_prefix(['-', '*', '+']) {
        return rest.starts_with([' ', '\t']).then(|| rest.trim_start());
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    let rest = t[digits..].strip_prefix(['.', ')'])?;
    (digits > 0 && rest.starts_with([' ', '\t'])).then(|| rest.trim_start())
}

/// Columns of leading whitespace, a tab counting 4.
fn indent_of(line: &str) -> usize {
    line.chars()
        .take_while(|c| c.is_whitespace())
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum()
}

/// `[title](target)` at the start of `t`: the title as written (brackets
/// inside it balanced, as in `[a [b] c](x.md)`) and the target.
fn link(t: &str) -> Option<(&str, &str)> {
    let body = t.strip_prefix('[')?;
    let mut depth = 0usize;
    let mut close = None;
    let mut escaped = false;
    for (i, c) in body.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '[' => depth += 1,
            ']' if depth == 0 => {
                close = Some(i);
                break;
            }
            ']' => depth -= 1,
            _ => {}
        }
    }
    let close = close?;
    let after = body[close + 1..].strip_prefix('(')?;
    let end = after.rfind(')')?;
    Some((&body[..close], &after[..end]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chapter(title: &str, path: &str, depth: u8, section: Section) -> Item {
        Item::Chapter {
            title: title.into(),
            path: path.into(),
            depth,
            section,
        }
    }

    #[test]
    fn reads_mdbook_summary() {
        let text = "# Summary\n\n[Introduction](README.md)\n\n# Part I\n\n- [Chapter 1](chapter_1.md)\n    - [Nested `x`](nested/a.md#top)\n        - [Deeper](d.md)\n    - [Draft]()\n- [Chapter 2](<two.md>)\n\n---\n\n<!-- [Hidden](h.md) -->\n[Appendix](<appendix one.md>)\n";
        let items: Vec<Item> = parse(text).into_iter().map(|e| e.item).collect();
        assert_eq!(
            items,
            [
                chapter("Introduction", "README.md", 0, Section::Prefix),
                Item::Part {
                    title: "Part I".into()
                },
                chapter("Chapter 1", "chapter_1.md", 0, Section::Numbered),
                chapter("Nested `x`", "nested/a.md", 1, Section::Numbered),
                chapter("Deeper", "d.md", 2, Section::Numbered),
                Item::Draft {
                    title: "Draft".into(),
                    depth: 1
                },
                chapter("Chapter 2", "two.md", 0, Section::Numbered),
                Item::Separator,
                chapter("Appendix", "appendix one.md", 0, Section::Suffix),
            ]
        );
        assert_eq!(parse(text)[2].line, 7);
    }

    #[test]
    fn part_titles_at_any_level_and_no_summary_title() {
        let text = "- [A](a.md)\n  - [B](b.md)\n\n## Part two\n\n- [C](c.md)\n";
        let items: Vec<Item> = parse(text).into_iter().map(|e| e.item).collect();
        assert_eq!(items.len(), 4);
        assert_eq!(items[1], chapter("B", "b.md", 1, Section::Numbered));
        assert_eq!(
            items[2],
            Item::Part {
                title: "Part two".into()
            }
        );
        assert_eq!(items[3], chapter("C", "c.md", 0, Section::Numbered));
    }

    #[test]
    fn brackets_in_titles_and_odd_lines() {
        assert_eq!(link("[a [b] c](x.md)"), Some(("a [b] c", "x.md")));
        assert_eq!(link("[a](x (1).md)"), Some(("a", "x (1).md")));
        assert_eq!(link("[a] no"), None);
        assert!(parse("prose\n-\n* \n[broken](\n").is_empty());
    }
}

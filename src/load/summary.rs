//! mdBook's `SUMMARY.md`: the chapter list of an mdBook.
//!
//! Only what folio needs is read: the linked files in order, with their
//! link text as a fallback title. Nesting is flattened (sub-chapters become
//! chapters in reading order); part titles, separators and draft chapters
//! (`[Title]()`) are skipped, as mdBook renders no page for them.

use std::path::PathBuf;

/// One linked chapter of a SUMMARY.md.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub title: String,
    pub path: PathBuf,
    /// 1-based line in SUMMARY.md, for "file not found" errors.
    pub line: usize,
}

/// The chapters a SUMMARY.md links to, in order.
pub fn parse(text: &str) -> Vec<Entry> {
    let mut entries = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(open) = rest.find('[') {
            let after = &rest[open + 1..];
            let Some(close) = after.find("](") else { break };
            let title = &after[..close];
            let target_start = &after[close + 2..];
            let Some(end) = target_start.find(')') else {
                break;
            };
            let target = target_start[..end].trim();
            // Drop a `#fragment` and angle brackets mdBook allows around paths.
            let target = target.trim_start_matches('<').trim_end_matches('>');
            let target = target.split('#').next().unwrap_or("");
            if !target.is_empty() && !target.contains("://") {
                entries.push(Entry {
                    title: title.trim().to_string(),
                    path: PathBuf::from(target),
                    line: index + 1,
                });
            }
            rest = &target_start[end + 1..];
        }
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_mdbook_summary() {
        let text = "# Summary\n\n[Introduction](README.md)\n\n# Part I\n\n- [Chapter 1](chapter_1.md)\n    - [Nested](nested/a.md#top)\n- [Draft]()\n\n---\n\n[Appendix](<appendix one.md>)\n";
        let entries = parse(text);
        let paths: Vec<_> = entries.iter().map(|e| e.path.to_str().unwrap()).collect();
        assert_eq!(
            paths,
            [
                "README.md",
                "chapter_1.md",
                "nested/a.md",
                "appendix one.md"
            ]
        );
        assert_eq!(entries[1].title, "Chapter 1");
        assert_eq!(entries[1].line, 7);
    }
}

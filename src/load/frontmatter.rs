//! Pandoc-style YAML front matter at the top of a Markdown file.

use std::path::Path;

use serde::Deserialize;

use crate::diagnostics::Location;
use crate::error::{Error, Result};

/// The keys folio reads from front matter. Others are ignored, as pandoc
/// ignores keys it has no use for.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub author: Authors,
    pub lang: Option<String>,
    pub date: Option<String>,
    pub rights: Option<String>,
    pub publisher: Option<String>,
    pub identifier: Option<String>,
    pub description: Option<String>,
    pub keywords: Vec<String>,
    /// `writing-mode: vertical-rl`, as book.toml's key.
    #[serde(rename = "writing-mode")]
    pub writing_mode: Option<crate::book::WritingMode>,
}

/// `author: Name` or `author: [A, B]`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum Authors {
    #[default]
    None,
    One(String),
    Many(Vec<String>),
}

impl Authors {
    pub fn to_vec(&self) -> Vec<String> {
        match self {
            Authors::None => Vec::new(),
            Authors::One(a) => vec![a.clone()],
            Authors::Many(v) => v.clone(),
        }
    }
}

/// A Markdown file split into front matter and body.
#[derive(Debug, Clone, PartialEq)]
pub struct Split<'a> {
    pub front: FrontMatter,
    pub body: &'a str,
    /// How many lines precede `body` in the file (for line numbers).
    pub body_line_offset: usize,
}

/// Splits a leading `---` … `---` (or `...`) YAML block off `text`.
pub fn split<'a>(text: &'a str, path: &Path) -> Result<Split<'a>> {
    let no_front = Split {
        front: FrontMatter::default(),
        body: text,
        body_line_offset: 0,
    };
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return Ok(no_front);
    };
    // The closing fence: a line that is exactly `---` or `...`.
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        let trimmed = line.trim_end_matches(['\n', '\r']);
        if trimmed == "---" || trimmed == "..." {
            let yaml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            let body_line_offset = 2 + yaml.matches('\n').count();
            let front = parse_yaml(yaml, path)?;
            return Ok(Split {
                front,
                body,
                body_line_offset,
            });
        }
        offset += line.len();
    }
    // No closing fence: a thematic break, not front matter.
    Ok(no_front)
}

fn parse_yaml(yaml: &str, path: &Path) -> Result<FrontMatter> {
    if yaml.trim().is_empty() {
        return Ok(FrontMatter::default());
    }
    serde_yaml_ng::from_str(yaml).map_err(|e| Error::Manuscript {
        location: Location::new(
            path,
            // +1 for the opening fence.
            e.location().map(|l| l.line() + 1).unwrap_or(1),
        ),
        message: format!("bad YAML front matter: {e}"),
        help: Some("front matter is YAML between two `---` lines, e.g. `title: My Book`".into()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter() {
        let s = split(
            "---\ntitle: 书\nauthor: [A, B]\n---\n# Hi\n",
            Path::new("a.md"),
        )
        .unwrap();
        assert_eq!(s.front.title.as_deref(), Some("书"));
        assert_eq!(s.front.author.to_vec(), vec!["A", "B"]);
        assert_eq!(s.body, "# Hi\n");
        assert_eq!(s.body_line_offset, 4);
    }

    #[test]
    fn unclosed_fence_is_a_rule() {
        let s = split("---\nnot yaml\n", Path::new("a.md")).unwrap();
        assert_eq!(s.body, "---\nnot yaml\n");
    }

    #[test]
    fn bad_yaml_names_the_file() {
        let err = split("---\ntitle: [\n---\n", Path::new("a.md")).unwrap_err();
        assert!(err.to_string().contains("a.md:"), "{err}");
    }
}

//! mdBook's hidden lines in Rust code blocks: rustdoc marks setup code a
//! reader need not see with a leading `# `, and mdBook's rendered book
//! leaves those lines out. A printed book cannot unfold them, so they go.

/// Whether a fenced block's info string (`rust`, `rust,ignore`, …) names
/// Rust, the only language mdBook hides lines in by default.
pub fn is_rust(lang: Option<&str>) -> bool {
    lang.and_then(|l| l.split(',').next()) == Some("rust")
}

/// `code` without its hidden lines: those whose first non-blank characters
/// are `# ` or a lone `#`. `#[`, `#!` and other `#` lines are code; `##`
/// is the escape for a shown line starting with `#`.
pub fn drop_hidden_lines(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    for line in code.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim_start_matches([' ', '\t']);
        if trimmed == "#" || trimmed.starts_with("# ") {
            continue;
        }
        if trimmed.starts_with("##") {
            let indent = content.len() - trimmed.len();
            out.push_str(&line[..indent]);
            out.push_str(&line[indent + 1..]);
        } else {
            out.push_str(line);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rust_info_strings() {
        assert!(is_rust(Some("rust")));
        assert!(is_rust(Some("rust,ignore")));
        assert!(!is_rust(Some("rustc")));
        assert!(!is_rust(Some("python")));
        assert!(!is_rust(None));
    }

    #[test]
    fn drops_hidden_and_unescapes() {
        let code = "# fn main() {\n    let x = 5;\n    #\n    # let y = 6;\n#[derive(Debug)]\n#![allow(unused)]\n    ## not hidden\n#no_space\n# }\n";
        assert_eq!(
            drop_hidden_lines(code),
            "    let x = 5;\n#[derive(Debug)]\n#![allow(unused)]\n    # not hidden\n#no_space\n"
        );
    }
}

//! Fenced divs: `::: {#id .class lang=ja}` (or `::: Warning`) opens, a
//! line of three or more colons closes; more colons are allowed on either
//! fence, and divs nest.

use super::attrs::{self, Attrs};

#[derive(Debug, PartialEq)]
pub enum Fence<'a> {
    Open { indent: &'a str, attrs: Attrs },
    Close { indent: &'a str },
}

/// The fence `line` is, if it is one.
pub fn fence(line: &str) -> Option<Fence<'_>> {
    let trimmed = line.trim_start_matches([' ', '\t']);
    let indent = &line[..line.len() - trimmed.len()];
    let rest = trimmed.strip_prefix(":::")?;
    let rest = rest.trim_start_matches(':').trim();
    if rest.is_empty() {
        return Some(Fence::Close { indent });
    }
    // Closing colons after the attributes are decoration.
    let rest = rest.trim_end_matches(':').trim_end();
    let attrs = if rest.starts_with('{') {
        let (attrs, used) = attrs::parse(rest)?;
        if used != rest.len() {
            return None;
        }
        attrs
    } else if rest
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_'))
    {
        Attrs {
            classes: vec![rest.to_string()],
            ..Attrs::default()
        }
    } else {
        return None;
    };
    Some(Fence::Open { indent, attrs })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fences_from_the_manual() {
        let Some(Fence::Open { attrs, .. }) = fence("::::: {#special .sidebar}") else {
            panic!("not an open fence");
        };
        assert_eq!(attrs.id.as_deref(), Some("special"));
        assert_eq!(attrs.classes, ["sidebar"]);
        let Some(Fence::Open { attrs, .. }) = fence("::: Warning ::::::") else {
            panic!("not an open fence");
        };
        assert_eq!(attrs.classes, ["Warning"]);
        assert_eq!(fence(":::::"), Some(Fence::Close { indent: "" }));
        assert_eq!(fence("    :::"), Some(Fence::Close { indent: "    " }));
        assert_eq!(fence("::"), None);
        assert_eq!(fence("::: not a fence, prose"), None);
        assert_eq!(fence("::: {unclosed"), None);
    }
}

//! TextMate scopes (what the syntaxes name each piece of code) to folio's
//! few token classes.
//!
//! A syntax gives every character a stack of scopes, outermost first
//! (`source.rust meta.function entity.name.function.rust`). The innermost
//! scope with a class wins, and the longest selector matching it, as in a
//! colour theme; but punctuation and operators are weak: inside a string
//! or a comment the quote marks and `//` take the string's or comment's
//! class, as themes colour them.

use std::sync::OnceLock;

use syntect::parsing::Scope;

use super::Class;

/// (selector, class) pairs; a selector matches a scope it is a prefix of.
const TABLE: &[(&str, Class)] = &[
    ("comment", Class::Comment),
    ("punctuation.definition.comment", Class::Comment),
    ("string", Class::String),
    ("punctuation.definition.string", Class::String),
    ("constant.character.escape", Class::Escape),
    ("constant.other.placeholder", Class::Escape),
    ("constant.numeric", Class::Number),
    ("constant", Class::Constant),
    ("support.constant", Class::Constant),
    ("variable.language", Class::Constant),
    ("variable.other.constant", Class::Constant),
    ("entity.name.constant", Class::Constant),
    ("keyword.operator.word", Class::Keyword),
    ("keyword.operator.logical.python", Class::Keyword),
    ("keyword.operator", Class::Operator),
    ("keyword", Class::Keyword),
    ("storage.type", Class::Keyword),
    ("storage.modifier", Class::Keyword),
    ("storage", Class::Keyword),
    ("markup.heading", Class::Keyword),
    ("entity.name.section", Class::Keyword),
    ("entity.name.function", Class::Function),
    ("support.function", Class::Function),
    ("variable.function", Class::Function),
    ("support.macro", Class::Function),
    ("entity.name.macro", Class::Function),
    ("entity.name.tag", Class::Tag),
    ("entity.other.attribute-name", Class::Attribute),
    ("meta.attribute", Class::Attribute),
    ("meta.annotation", Class::Attribute),
    ("meta.decorator", Class::Attribute),
    ("storage.type.annotation", Class::Attribute),
    ("entity.name", Class::Type),
    ("entity.other.inherited-class", Class::Type),
    ("support.type", Class::Type),
    ("support.class", Class::Type),
    ("storage.type.primitive", Class::Type),
    ("storage.type.builtin", Class::Type),
    ("variable.parameter", Class::Variable),
    ("variable.other.member", Class::Variable),
    ("variable.other.readwrite", Class::Variable),
    ("variable.other.property", Class::Variable),
    ("support.variable", Class::Variable),
    ("variable", Class::Variable),
    ("markup.inserted", Class::Inserted),
    ("markup.deleted", Class::Deleted),
    ("meta.diff.range", Class::Attribute),
    ("meta.diff.header", Class::Attribute),
    ("markup.bold", Class::Keyword),
    ("markup.italic", Class::Variable),
    ("markup.underline.link", Class::String),
    ("markup.raw", Class::String),
    ("punctuation", Class::Punctuation),
];

/// The table as scopes, longest selectors first, so the first match is the
/// most specific.
fn table() -> &'static [(Scope, Class)] {
    static SCOPES: OnceLock<Vec<(Scope, Class)>> = OnceLock::new();
    SCOPES.get_or_init(|| {
        let mut t: Vec<(usize, Scope, Class)> = TABLE
            .iter()
            .filter_map(|&(s, c)| Some((s.split('.').count(), Scope::new(s).ok()?, c)))
            .collect();
        t.sort_by_key(|e| std::cmp::Reverse(e.0));
        t.into_iter().map(|(_, s, c)| (s, c)).collect()
    })
}

/// The class of one scope: the longest selector that is a prefix of it.
fn class_of(scope: Scope) -> Option<Class> {
    table()
        .iter()
        .find(|(selector, _)| selector.is_prefix_of(scope))
        .map(|&(_, c)| c)
}

/// The class of a character whose scopes are `stack`, outermost first.
pub fn classify(stack: &[Scope]) -> Option<Class> {
    let mut weak = None;
    for &scope in stack.iter().rev() {
        match class_of(scope) {
            Some(c @ (Class::Punctuation | Class::Operator)) => {
                weak = weak.or(Some(c));
            }
            Some(c) if weak.is_none() || matches!(c, Class::String | Class::Comment) => {
                return Some(c);
            }
            Some(_) | None => {}
        }
    }
    weak
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stack(scopes: &[&str]) -> Vec<Scope> {
        scopes.iter().map(|s| Scope::new(s).unwrap()).collect()
    }

    #[test]
    fn innermost_scope_wins_but_quotes_take_the_strings_class() {
        let s = stack(&[
            "source.rust",
            "meta.function.rust",
            "entity.name.function.rust",
        ]);
        assert_eq!(classify(&s), Some(Class::Function));
        let s = stack(&[
            "source.rust",
            "string.quoted.double.rust",
            "punctuation.definition.string.begin.rust",
        ]);
        assert_eq!(classify(&s), Some(Class::String));
        let s = stack(&["source.c", "keyword.operator.assignment.c"]);
        assert_eq!(classify(&s), Some(Class::Operator));
        let s = stack(&["source.c", "constant.numeric.integer.decimal.c"]);
        assert_eq!(classify(&s), Some(Class::Number));
        assert_eq!(classify(&stack(&["source.c"])), None);
    }
}

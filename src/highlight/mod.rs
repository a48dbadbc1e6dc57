//! Code highlighting: each code block's text cut into tokens of a few
//! classes, once per build, for both renderers.
//!
//! - [`lang`]: the info string's language and the names people write for
//!   it (`rust,ignore` → `rust`, `sh`/`console`/`zsh` → shell).
//! - [`scopes`]: the syntaxes' TextMate scopes to [`Class`].
//! - this file: the pass over the book ([`highlight_book`], run by
//!   [`crate::build`] after parsing) and the syntax set.
//!
//! The syntaxes are bat's (the `two-face` crate: syntect's Sublime set plus
//! TypeScript, TOML, Kotlin, Swift, Dockerfile, PowerShell, Zig, Nix and
//! more), matched with Oniguruma: with syntect's pure-Rust engine
//! (fancy-regex) the benchmark's 500 listings took 0.95 s of CPU, most of
//! it compiling the syntaxes' regexes, against 0.17 s with Oniguruma (a C
//! library built from source by `onig_sys`, as `mimalloc` already is). The
//! syntaxes are deserialized on first use only, when the book has a code
//! block in a language that is not plain text: a book without code pays
//! nothing. The renderers read the
//! tokens from [`crate::book::Book::code`] and style them their own way
//! (EPUB classes, PDF colours); a language no syntax knows stays plain.

pub mod lang;
mod scopes;

use std::collections::HashMap;
use std::sync::OnceLock;

use rayon::prelude::*;
use syntect::parsing::{ParseState, ScopeStack, SyntaxReference, SyntaxSet};

use crate::book::{Block, Book};

/// What a token is, as far as a reader's eye needs: few enough classes that
/// an e-ink screen and a gray print can still tell them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Class {
    Comment,
    Keyword,
    String,
    /// An escape or placeholder inside a string (`\n`, `{}`).
    Escape,
    Number,
    /// `true`, `None`, `self`, named constants.
    Constant,
    Type,
    Function,
    Operator,
    Punctuation,
    /// Markup tags and keys (`<div>`, a YAML key).
    Tag,
    /// Attributes, annotations, decorators (`#[derive]`, `@Override`).
    Attribute,
    Variable,
    /// Added and removed lines of a diff.
    Inserted,
    Deleted,
}

impl Class {
    pub const ALL: [Class; 15] = [
        Class::Comment,
        Class::Keyword,
        Class::String,
        Class::Escape,
        Class::Number,
        Class::Constant,
        Class::Type,
        Class::Function,
        Class::Operator,
        Class::Punctuation,
        Class::Tag,
        Class::Attribute,
        Class::Variable,
        Class::Inserted,
        Class::Deleted,
    ];

    /// The class's name, as the EPUB's `hl-…` classes use it.
    pub fn name(self) -> &'static str {
        match self {
            Class::Comment => "comment",
            Class::Keyword => "keyword",
            Class::String => "string",
            Class::Escape => "escape",
            Class::Number => "number",
            Class::Constant => "constant",
            Class::Type => "type",
            Class::Function => "function",
            Class::Operator => "operator",
            Class::Punctuation => "punctuation",
            Class::Tag => "tag",
            Class::Attribute => "attribute",
            Class::Variable => "variable",
            Class::Inserted => "inserted",
            Class::Deleted => "deleted",
        }
    }
}

/// One token: byte range `start..end` of the block's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub class: Class,
}

/// The tokens of every highlighted code block, by language and text (the
/// same listing twice is highlighted once). Blocks not in it are plain.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Highlights {
    by_lang: HashMap<String, HashMap<String, Vec<Span>>>,
}

impl Highlights {
    /// The tokens of the code block `lang`, `text`, ordered, not
    /// overlapping, with no newline inside one.
    pub fn get(&self, lang: Option<&str>, text: &str) -> Option<&[Span]> {
        let spans = self.by_lang.get(lang?)?.get(text)?;
        Some(spans.as_slice())
    }

    pub fn is_empty(&self) -> bool {
        self.by_lang.is_empty()
    }

    fn insert(&mut self, lang: &str, text: &str, spans: Vec<Span>) {
        self.by_lang
            .entry(lang.to_string())
            .or_default()
            .insert(text.to_string(), spans);
    }

    /// How many distinct blocks are highlighted.
    pub fn len(&self) -> usize {
        self.by_lang.values().map(HashMap::len).sum()
    }
}

/// Longer blocks and lines are left plain: a regex-based syntax can take
/// seconds on a megabyte of one line, and no listing in a book is that.
const MAX_BLOCK: usize = 256 * 1024;
const MAX_LINE: usize = 4096;

/// The highlights of a watch session's last build: a rebuild highlights
/// only the listings that are new since (a listing's tokens depend on its
/// language and text alone).
#[derive(Debug, Default)]
pub struct Memo {
    last: std::sync::Mutex<Highlights>,
}

/// Highlights every code block of `book` whose language a syntax knows.
pub fn highlight_book(book: &Book) -> Highlights {
    highlight_book_with(book, &Memo::default())
}

/// [`highlight_book`], taking the tokens of listings `memo` has from the
/// last build and keeping this build's for the next.
pub fn highlight_book_with(book: &Book, memo: &Memo) -> Highlights {
    let mut last = memo.last.lock().unwrap_or_else(|e| e.into_inner());
    let out = highlight_new(book, &last);
    last.clone_from(&out);
    out
}

fn highlight_new(book: &Book, last: &Highlights) -> Highlights {
    let mut wanted: Vec<(&str, &str)> = Vec::new();
    let blocks = book
        .chapters
        .iter()
        .flat_map(|c| &c.blocks)
        .chain(book.notes.iter().flat_map(|n| &n.blocks));
    code_blocks(blocks, &mut |lang, text| {
        if !lang::is_plain(lang) && !text.is_empty() && text.len() <= MAX_BLOCK {
            wanted.push((lang, text));
        }
    });
    if wanted.is_empty() {
        return Highlights::default();
    }
    wanted.sort_unstable();
    wanted.dedup();
    let mut out = Highlights::default();
    wanted.retain(|&(lang, text)| match last.get(Some(lang), text) {
        Some(spans) => {
            out.insert(lang, text, spans.to_vec());
            false
        }
        None => true,
    });
    if wanted.is_empty() {
        return out;
    }
    let set = syntaxes();
    let done: Vec<(&str, &str, Vec<Span>)> = wanted
        .par_iter()
        .filter_map(|&(lang, text)| {
            let syntax = find(set, lang)?;
            Some((lang, text, tokens(set, syntax, text)))
        })
        .collect();
    for (lang, text, spans) in done {
        out.insert(lang, text, spans);
    }
    out
}

/// Calls `f` with the language and text of every code block in `blocks`,
/// nested ones too, without recursion.
fn code_blocks<'a>(blocks: impl Iterator<Item = &'a Block>, f: &mut impl FnMut(&'a str, &'a str)) {
    let mut stack: Vec<&Block> = blocks.collect();
    stack.reverse();
    while let Some(block) = stack.pop() {
        let start = stack.len();
        match block {
            Block::CodeBlock {
                lang: Some(lang),
                text,
            } => f(lang, text),
            Block::BlockQuote(b)
            | Block::Callout { blocks: b, .. }
            | Block::Div { blocks: b, .. }
            | Block::Details { blocks: b, .. } => stack.extend(b),
            Block::List { items, .. } => stack.extend(items.iter().flat_map(|i| &i.blocks)),
            Block::DefinitionList(items) => {
                stack.extend(items.iter().flat_map(|i| i.definitions.iter().flatten()))
            }
            _ => {}
        }
        stack[start..].reverse();
    }
}

/// The syntax set, deserialized on first use.
fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(two_face::syntax::extra_newlines)
}

/// The syntax for `lang`, if one knows it.
fn find<'s>(set: &'s SyntaxSet, lang: &str) -> Option<&'s SyntaxReference> {
    let token = lang::token(lang);
    set.find_syntax_by_token(token)
        .or_else(|| set.find_syntax_by_name(token))
        .filter(|s| s.name != "Plain Text")
}

/// The tokens of `text` in `syntax`. A line the syntax cannot parse, or
/// one too long, ends the highlighting: the rest stays plain.
fn tokens(set: &SyntaxSet, syntax: &SyntaxReference, text: &str) -> Vec<Span> {
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut out: Vec<Span> = Vec::new();
    let mut base = 0;
    for line in text.split_inclusive('\n') {
        if line.len() > MAX_LINE {
            break;
        }
        let Ok(ops) = state.parse_line(line, set) else {
            break;
        };
        let mut at = 0;
        for (pos, op) in ops.iter().map(|(p, op)| ((*p).min(line.len()), op)) {
            push(&mut out, &stack, line, base, at..pos);
            at = at.max(pos);
            if stack.apply(op).is_err() {
                return out;
            }
        }
        push(&mut out, &stack, line, base, at..line.len());
        base += line.len();
    }
    out
}

/// Adds the piece `range` of `line` (at byte `base` of the block) with the
/// class of `stack`, joined to the token before when it has the same class.
fn push(
    out: &mut Vec<Span>,
    stack: &ScopeStack,
    line: &str,
    base: usize,
    range: std::ops::Range<usize>,
) {
    // The newline belongs to no token (spans never hold one).
    let end = range.end.min(line.trim_end_matches(['\n', '\r']).len());
    if range.start >= end {
        return;
    }
    let Some(class) = scopes::classify(stack.as_slice()) else {
        return;
    };
    let (start, end) = (base + range.start, base + end);
    match out.last_mut() {
        Some(last) if last.class == class && last.end == start => last.end = end,
        _ => out.push(Span { start, end, class }),
    }
}

#[cfg(test)]
mod tests;

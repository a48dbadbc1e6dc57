use super::*;

fn classes(lang: &str, text: &str) -> Vec<(String, Class)> {
    let set = syntaxes();
    let syntax = find(set, lang).expect("a syntax");
    tokens(set, syntax, text)
        .into_iter()
        .map(|s| (text[s.start..s.end].to_string(), s.class))
        .collect()
}

#[test]
fn rust_tokens_have_their_classes() {
    let t = classes(
        "rust",
        "fn main() {\n    // hi\n    let x = \"a\\n\" ;\n}\n",
    );
    let has = |s: &str, c: Class| t.iter().any(|(x, k)| x == s && *k == c);
    assert!(has("fn", Class::Keyword), "{t:?}");
    assert!(has("main", Class::Function), "{t:?}");
    assert!(has("// hi", Class::Comment), "{t:?}");
    assert!(
        t.iter()
            .any(|(x, k)| x.starts_with('"') && *k == Class::String),
        "{t:?}"
    );
    assert!(t.iter().all(|(x, _)| !x.contains('\n')), "{t:?}");
}

#[test]
fn aliases_find_their_syntax() {
    let set = syntaxes();
    for (lang, name) in [
        ("sh", "Bourne Again Shell (bash)"),
        ("console", "Bourne Again Shell (bash)"),
        ("zsh", "Bourne Again Shell (bash)"),
        ("ts", "TypeScript"),
        ("py", "Python"),
        ("c++", "C++"),
        ("objc", "Objective-C"),
        ("kt", "Kotlin"),
        ("yml", "YAML"),
        ("toml", "TOML"),
        ("dockerfile", "Dockerfile"),
        ("fsharp", "F#"),
        ("powershell", "PowerShell"),
    ] {
        assert_eq!(
            find(set, lang).map(|s| s.name.as_str()),
            Some(name),
            "{lang}"
        );
    }
    let jsx = find(set, "jsx").map(|s| s.name.as_str());
    assert!(jsx.is_some_and(|n| n.starts_with("JavaScript")), "{jsx:?}");
    assert!(find(set, "no-such-language").is_none());
}

#[test]
fn nested_blocks_are_found_and_plain_ones_skipped() {
    let code = |lang: &str, text: &str| Block::CodeBlock {
        lang: Some(lang.into()),
        text: text.into(),
    };
    let book = Book {
        chapters: vec![crate::book::Chapter {
            blocks: vec![
                Block::BlockQuote(vec![code("python", "x = 1\n")]),
                code("text", "plain\n"),
                code("klingon", "qapla'\n"),
            ],
            ..Default::default()
        }],
        ..Book::default()
    };
    let h = highlight_book(&book);
    assert_eq!(h.len(), 1);
    assert!(h.get(Some("python"), "x = 1\n").is_some());
    assert!(h.get(Some("text"), "plain\n").is_none());
    assert!(highlight_book(&Book::default()).is_empty());
}

#[test]
fn hostile_code_is_left_plain_quickly() {
    let set = syntaxes();
    let rust = find(set, "rust").unwrap();
    let start = std::time::Instant::now();
    // One line of a megabyte, and a block of 5,000 nested braces.
    let long = "a(".repeat(500_000);
    assert!(tokens(set, rust, &long).is_empty());
    let nested = format!("fn f() {}{}\n", "{\n".repeat(5000), "}\n".repeat(5000));
    assert!(!tokens(set, rust, &nested).is_empty());
    let book = Book {
        chapters: vec![crate::book::Chapter {
            blocks: vec![Block::CodeBlock {
                lang: Some("rust".into()),
                text: "x\n".repeat(MAX_BLOCK),
            }],
            ..Default::default()
        }],
        ..Book::default()
    };
    assert!(
        highlight_book(&book).is_empty(),
        "too long a block stays plain"
    );
    assert!(start.elapsed().as_secs() < 20);
}

#[test]
fn a_rebuild_highlights_what_a_clean_build_does_and_forgets_old_listings() {
    let book = |texts: &[&str]| Book {
        chapters: vec![crate::book::Chapter {
            blocks: texts
                .iter()
                .map(|t| Block::CodeBlock {
                    lang: Some("rust".into()),
                    text: t.to_string(),
                })
                .collect(),
            ..Default::default()
        }],
        ..Book::default()
    };
    let memo = Memo::default();
    let first = book(&["fn a() {}\n", "let b = 1;\n"]);
    assert_eq!(highlight_book_with(&first, &memo), highlight_book(&first));
    let edited = book(&["fn a() {}\n", "let b = \"two\";\n"]);
    let kept = highlight_book_with(&edited, &memo);
    assert_eq!(kept, highlight_book(&edited));
    assert!(kept.get(Some("rust"), "let b = 1;\n").is_none());
    let spans = kept
        .get(Some("rust"), "let b = \"two\";\n")
        .unwrap_or_default();
    assert!(spans.iter().any(|s| s.class == Class::String), "{spans:?}");
}

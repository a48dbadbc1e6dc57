//! A fence's info string to the language of its code, and that language
//! to the name the syntax set knows it by.
//!
//! Writers add extras after the language, each tool its own way: mdBook
//! `rust,ignore` and `rust,editable`, VitePress `ts:line-numbers {1}` and
//! `js{4}`, Docusaurus/Hugo `c [kernel.c] {1,5-26}` or `title="…"`, pandoc
//! `{.python .input}` and R Markdown `{r, echo=FALSE}`. Only the language
//! counts; the rest is for those tools' own renderers.

/// The language of a fenced code block's info string, lower-cased, with
/// every tool's extras dropped; `None` when the info string names none.
pub fn info_language(info: &str) -> Option<String> {
    let info = info.trim();
    let word = if let Some(attrs) = info.strip_prefix('{') {
        // Pandoc attributes: the first class; R Markdown: the first word.
        let attrs = attrs.split('}').next().unwrap_or("");
        let mut words = attrs.split(|c: char| c.is_whitespace() || c == ',');
        let mut words_clone = words.clone();
        words
            .find_map(|w| w.strip_prefix('.'))
            .or_else(|| words_clone.find(|w| !w.is_empty() && !w.contains(['=', '#'])))
            .unwrap_or("")
    } else {
        info.split_whitespace().next().unwrap_or("")
    };
    let word = word.strip_prefix("language-").unwrap_or(word);
    let end = word
        .find([',', '{', ':', '[', '=', '('])
        .unwrap_or(word.len());
    let lang = word[..end]
        .trim_matches(['.', '"', '\''])
        .to_ascii_lowercase();
    (!lang.is_empty()).then_some(lang)
}

/// Languages that are plain text by intent: never looked up, and no reason
/// to load the syntaxes.
pub fn is_plain(lang: &str) -> bool {
    matches!(
        lang,
        "text"
            | "txt"
            | "plain"
            | "plaintext"
            | "none"
            | "nohighlight"
            | "output"
            | "raw"
            | "log"
            | "math"
    )
}

/// The token the syntax set finds `lang` by (a file extension or a syntax
/// name), for the names people write that are neither.
pub fn token(lang: &str) -> &str {
    match lang {
        "c++" | "cxx" | "hpp" => "cpp",
        "console" | "shell" | "shell-session" | "sh-session" | "terminal" | "shellsession"
        | "bash" | "zsh" | "ksh" | "posix" => "sh",
        "objc" | "objective-c" | "objectivec" => "m",
        "objc++" | "objective-c++" | "objcpp" => "mm",
        "js" | "javascript" | "node" | "mjs" | "cjs" | "jsx" => "js",
        "ts" | "typescript" => "ts",
        "py" | "python3" | "py3" | "ipython" | "python" | "sage" | "pycon" => "py",
        "rb" | "ruby" | "jruby" => "rb",
        "yml" | "yaml" => "yaml",
        "rs" | "rust" => "rs",
        "kt" | "kotlin" | "kts" => "kt",
        "cs" | "csharp" | "c#" => "cs",
        "fs" | "fsharp" | "f#" => "F#",
        "golang" | "go" => "go",
        "ps" | "ps1" | "pwsh" | "powershell" | "posh" => "ps1",
        "docker" | "dockerfile" | "containerfile" => "Dockerfile",
        "make" | "makefile" | "mk" | "mak" => "Makefile",
        "md" | "markdown" | "mdx" => "md",
        "tex" | "latex" => "tex",
        "bat" | "cmd" | "batch" | "dos" => "bat",
        "hcl" | "terraform" | "tf" => "tf",
        "proto" | "protobuf" => "proto",
        "sol" | "solidity" => "sol",
        "elisp" | "emacs-lisp" | "lisp" | "common-lisp" => "lisp",
        "clj" | "clojure" | "edn" => "clj",
        "hs" | "haskell" => "hs",
        "ex" | "exs" | "elixir" => "ex",
        "erl" | "erlang" => "erl",
        "jsonc" | "json5" | "jsonl" | "geojson" => "json",
        "html" | "xhtml" | "htm" => "html",
        "xml" | "svg" | "xsl" | "plist" => "xml",
        "gql" | "graphql" => "graphql",
        "vim" | "viml" | "vimscript" => "vim",
        "asm" | "nasm" | "x86asm" => "asm",
        "ml" | "ocaml" => "ml",
        "jl" | "julia" => "jl",
        "pl" | "perl" => "pl",
        "r" | "rscript" => "R",
        "cmake" => "CMakeLists.txt",
        "conf" | "cfg" | "dosini" | "ini" => "ini",
        "patch" | "diff" | "udiff" => "diff",
        "sql" | "mysql" | "postgresql" | "postgres" | "psql" | "plsql" | "sqlite" => "sql",
        "vb" | "vbnet" | "vb.net" => "vb",
        "groovy" | "gradle" => "groovy",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::info_language;

    #[test]
    fn extras_after_the_language_are_dropped() {
        let cases = [
            ("rust,ignore", "rust"),
            ("rust,editable", "rust"),
            ("c [kernel.c] {1,5-26}", "c"),
            ("ts:line-numbers {1}", "ts"),
            ("js{4}", "js"),
            ("{.python}", "python"),
            ("{.python .input}", "python"),
            ("{r, echo=FALSE}", "r"),
            ("Python title=\"a.py\"", "python"),
            ("language-go", "go"),
            ("  c++  ", "c++"),
            ("console", "console"),
        ];
        for (info, lang) in cases {
            assert_eq!(info_language(info).as_deref(), Some(lang), "{info}");
        }
        assert_eq!(info_language(""), None);
        assert_eq!(info_language("{}"), None);
        assert_eq!(info_language("{#id}"), None);
    }
}

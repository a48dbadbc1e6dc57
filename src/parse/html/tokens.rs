//! Raw HTML into tokens, on html5gum: a WHATWG tokenizer, so attributes,
//! unquoted values, stray `<` and all 2,231 named character references
//! (`&nbsp;`, `&hellip;`, `&NotNestedGreaterGreater;`) are read as a
//! browser reads them. Comments, doctypes and parse errors are dropped.

use html5gum::{DefaultEmitter, Token as Raw, Tokenizer};

/// A token of raw HTML, names lower-cased, references resolved.
#[derive(Debug, Clone, PartialEq)]
pub enum Token {
    Start {
        name: String,
        /// In name order; a repeated attribute keeps its first value.
        attrs: Vec<(String, String)>,
        self_closing: bool,
    },
    End {
        name: String,
    },
    Text(String),
}

/// The tokens of `raw`. The content of `<script>`, `<style>`,
/// `<textarea>` and `<title>` is read as text (the tokenizer switches
/// state on those start tags), so a `<` inside a script opens no tag.
pub fn tokenize(raw: &str) -> Vec<Token> {
    tokenize_at(raw).into_iter().map(|(_, t)| t).collect()
}

/// [`tokenize`], each token with the byte offset where it starts.
pub fn tokenize_at(raw: &str) -> Vec<(usize, Token)> {
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    let mut out: Vec<(usize, Token)> = Vec::new();
    for token in Tokenizer::new_with_emitter(raw, emitter) {
        let Ok(token) = token;
        match token {
            Raw::StartTag(tag) => out.push((
                tag.span.start,
                Token::Start {
                    name: string(&tag.name),
                    attrs: tag
                        .attributes
                        .iter()
                        .map(|(k, v)| (string(k), String::from_utf8_lossy(&v.value).into_owned()))
                        .collect(),
                    self_closing: tag.self_closing,
                },
            )),
            Raw::EndTag(tag) => out.push((
                tag.span.start,
                Token::End {
                    name: string(&tag.name),
                },
            )),
            Raw::String(text) => {
                let start = text.span.start;
                let text = String::from_utf8_lossy(&text.value);
                match out.last_mut() {
                    Some((_, Token::Text(prev))) => prev.push_str(&text),
                    _ => out.push((start, Token::Text(text.into_owned()))),
                }
            }
            Raw::Comment(_) | Raw::Doctype(_) | Raw::Error(_) => {}
        }
    }
    out
}

/// A name: lower case, as HTML compares them.
fn string(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_every_named_reference() {
        let text = |raw: &str| match tokenize(raw).as_slice() {
            [Token::Text(t)] => t.clone(),
            other => panic!("{other:?}"),
        };
        assert_eq!(text("a&nbsp;b&hellip;&#x4E2D;&#25991;"), "a\u{a0}b…中文");
        // Names far from the common few: the whole HTML5 table is known.
        assert_eq!(text("&NotNestedGreaterGreater;&bigstar;&Zopf;"), "⪢̸★ℤ");
        assert_eq!(text("&bogus; & a < b"), "&bogus; & a < b");
    }

    #[test]
    fn reads_tags_as_a_browser_does() {
        assert_eq!(
            tokenize("<IMG Src=x.png alt='a \"b\"' alt=c width=100 />"),
            [Token::Start {
                name: "img".into(),
                attrs: vec![
                    ("alt".into(), "a \"b\"".into()),
                    ("src".into(), "x.png".into()),
                    ("width".into(), "100".into())
                ],
                self_closing: true
            }]
        );
        assert_eq!(
            tokenize("<script>if (a<b) x()</script><!-- c -->t"),
            [
                Token::Start {
                    name: "script".into(),
                    attrs: vec![],
                    self_closing: false
                },
                Token::Text("if (a<b) x()".into()),
                Token::End {
                    name: "script".into()
                },
                Token::Text("t".into()),
            ]
        );
    }
}

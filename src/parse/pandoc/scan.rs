//! Where the code is: lines inside code blocks and HTML blocks, found by a
//! first pulldown-cmark pass, are never read for pandoc constructs (the
//! manual's examples of fenced divs and tables are code).

use pulldown_cmark::{Event, Parser, Tag};

/// For each line of `body` (split at `\n`, `count` pieces): whether it
/// belongs to a code block or an HTML block.
pub fn code_lines(body: &str, count: usize) -> Vec<bool> {
    let mut code = vec![false; count];
    let starts: Vec<usize> = std::iter::once(0)
        .chain(body.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of = |offset: usize| starts.partition_point(|&s| s <= offset).saturating_sub(1);
    let options = crate::parse::markdown::options();
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        if let Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock) = event {
            let first = line_of(range.start);
            let last = line_of(range.end.saturating_sub(1).max(range.start));
            for flag in code.iter_mut().take(last + 1).skip(first) {
                *flag = true;
            }
        }
    }
    code
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_fenced_and_indented_code() {
        let body = "text\n\n```\n::: x\n```\n\n    ::: y\n\n::: z\n";
        let lines = body.split('\n').count();
        let code = code_lines(body, lines);
        assert_eq!(
            code,
            [false, false, true, true, true, false, true, false, false, false]
        );
    }
}

//! Print page markers (issue 12): the EPUB says where each page of the
//! PDF edition begins, with the PDF's own page labels, so that "page 12"
//! means the same place in both.
//!
//! The layout records, for every page, the chapter (or note), top-level
//! block and count of letters and digits before the page's first line
//! ([`SourcePos`]). Here that block's XHTML is scanned, counting the same
//! characters in its text, and a
//! `<span epub:type="pagebreak" role="doc-pagebreak"/>` goes in where the
//! count is reached. A page that begins at a block's start gets its marker
//! before the block; one that would land inside MathML or ruby goes before
//! the formula or the word, where a `<span>` may stand.

use std::collections::BTreeMap;

use super::escape::escape;
use crate::layout::page::{Page, SourcePart, SourcePos};

/// A top-level block of a part (`None`: the part's start).
type Place = (SourcePart, Option<usize>);
/// A page's marker: letters and digits before it in its block, and label.
type Mark = (usize, String);

/// The markers of one book, by the place they go.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageMarks {
    /// (part, block) → (offset, label), in page order.
    at: BTreeMap<Place, Vec<Mark>>,
    /// Every labelled page in order: its label and where its marker is.
    pub pages: Vec<(String, SourcePart)>,
}

impl PageMarks {
    /// The markers for `pages`. A page left blank has no text of its own:
    /// its marker stands with the next page's, just before it.
    pub fn new(pages: &[Page]) -> PageMarks {
        let mut marks = PageMarks::default();
        let mut waiting: Vec<String> = Vec::new();
        for page in pages {
            if page.label.is_empty() {
                continue;
            }
            waiting.push(page.label.clone());
            let Some(SourcePos {
                part,
                block,
                offset,
            }) = page.start
            else {
                continue;
            };
            for label in waiting.drain(..) {
                marks
                    .at
                    .entry((part, block))
                    .or_default()
                    .push((offset, label.clone()));
                marks.pages.push((label, part));
            }
        }
        marks
    }

    /// True when the book has no page markers at all.
    pub fn is_empty(&self) -> bool {
        self.pages.is_empty()
    }

    /// The markers of every page that begins at the start of `part` (or of
    /// its title), whatever their offsets.
    pub fn at_start(&self, part: SourcePart) -> String {
        self.at
            .get(&(part, None))
            .map(|marks| marks.iter().map(|(_, label)| marker(label)).collect())
            .unwrap_or_default()
    }

    /// Every marker that goes into `part`, by block: all a part's markup
    /// depends on of the marks (so its key, for reuse).
    pub fn of_part(&self, part: SourcePart) -> Vec<(&Place, &Vec<Mark>)> {
        self.at
            .range((part, None)..=(part, Some(usize::MAX)))
            .collect()
    }

    /// `xhtml`, the markup of top-level block `block` of `part`, with the
    /// markers of the pages that begin in it.
    pub fn in_block(&self, part: SourcePart, block: usize, xhtml: String) -> String {
        match self.at.get(&(part, Some(block))) {
            Some(marks) => insert(&xhtml, marks),
            None => xhtml,
        }
    }
}

/// The id of the marker of the page labelled `label`.
pub fn marker_id(label: &str) -> String {
    let safe: String = label
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    format!("print-page-{safe}")
}

/// The marker of the page labelled `label`.
pub fn marker(label: &str) -> String {
    format!(
        "<span epub:type=\"pagebreak\" role=\"doc-pagebreak\" id=\"{}\" aria-label=\"{}\"></span>",
        escape(&marker_id(label)),
        escape(label)
    )
}

/// Elements inside which a `<span>` may not stand, or would split a
/// word: a marker due inside one goes before it.
const HOLD: [&str; 2] = ["math", "ruby"];
/// Elements whose text is not read as the block's text.
const SKIP: [&str; 1] = ["annotation"];

/// `xhtml` with `marks` (offset, label; offsets ascending) inserted.
fn insert(xhtml: &str, marks: &[Mark]) -> String {
    let mut out = String::with_capacity(xhtml.len() + marks.len() * 96);
    let mut next = marks.iter().peekable();
    // Pages that begin with the block stand before it.
    while let Some((_, label)) = next.next_if(|(offset, _)| *offset == 0) {
        out.push_str(&marker(label));
    }
    let mut counted = 0usize;
    // Where a held element (math, ruby) began in `out`, and its depth.
    let mut hold: Option<(usize, usize)> = None;
    // Where the run of opening marks (`(`, `“`, `--`) just written began:
    // a page that starts with the word after them starts with them.
    let mut lead: Option<usize> = None;
    let mut skip = 0usize;
    let mut rest = xhtml;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            let end = rest.find('>').map_or(rest.len(), |e| e + 1);
            let tag = &rest[..end];
            track(tag, out.len(), &mut hold, &mut skip);
            if tag.starts_with("</") {
                lead = None;
            }
            out.push_str(tag);
            rest = &rest[end..];
            continue;
        }
        let (len, opening) = if c == '&' {
            let end = rest.find(';').map_or(rest.len(), |e| e + 1);
            let entity = &rest[..end];
            (end, matches!(entity, "&quot;" | "&#39;" | "&lt;"))
        } else {
            (c.len_utf8(), is_opening(c))
        };
        if opening {
            lead.get_or_insert(out.len());
        } else if c.is_alphanumeric() && skip == 0 {
            while let Some((_, label)) = next.next_if(|(offset, _)| *offset <= counted) {
                let m = marker(label);
                let at = match (&mut hold, &mut lead) {
                    (Some((at, _)), _) | (None, Some(at)) => at,
                    (None, None) => {
                        out.push_str(&m);
                        continue;
                    }
                };
                out.insert_str(*at, &m);
                *at += m.len();
            }
            counted += 1;
            lead = None;
        } else {
            lead = None;
        }
        out.push_str(&rest[..len]);
        rest = &rest[len..];
    }
    // Counts the layout saw but this markup does not have: after the block.
    for (_, label) in next {
        out.push_str(&marker(label));
    }
    out
}

/// Marks that open what follows them: a page never ends on one.
fn is_opening(c: char) -> bool {
    matches!(
        c,
        '(' | '['
            | '{'
            | '-'
            | '—'
            | '–'
            | '“'
            | '‘'
            | '«'
            | '‹'
            | '「'
            | '『'
            | '（'
            | '【'
            | '《'
            | '〈'
            | '〔'
            | '〖'
            | '［'
            | '｛'
            | '¿'
            | '¡'
            | '$'
            | '#'
            | '@'
            | '.'
            | '/'
            | '~'
    )
}

/// Follows `tag` in and out of held and skipped elements; `at` is where
/// the tag starts in the output.
fn track(tag: &str, at: usize, hold: &mut Option<(usize, usize)>, skip: &mut usize) {
    let closing = tag.starts_with("</");
    let name: String = tag
        .trim_start_matches(['<', '/'])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    let self_closing = tag.ends_with("/>");
    if SKIP.contains(&name.as_str()) && !self_closing {
        if closing {
            *skip = skip.saturating_sub(1);
        } else {
            *skip += 1;
        }
    }
    if !HOLD.contains(&name.as_str()) || self_closing {
        return;
    }
    match (closing, hold.as_mut()) {
        (false, None) => *hold = Some((at, 1)),
        (false, Some((_, depth))) => *depth += 1,
        (true, Some((_, depth))) if *depth > 1 => *depth -= 1,
        (true, Some(_)) => *hold = None,
        (true, None) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(list: &[(usize, &str)]) -> Vec<(usize, String)> {
        list.iter().map(|(o, l)| (*o, l.to_string())).collect()
    }

    #[test]
    fn markers_go_where_the_count_is_reached() {
        let out = insert(
            "<p>ab, c&amp;d <em>ef</em></p>",
            &marks(&[(3, "2"), (5, "3")]),
        );
        assert_eq!(
            out,
            format!(
                "<p>ab, c&amp;{}d <em>e{}f</em></p>",
                marker("2"),
                marker("3")
            )
        );
        let start = insert("<p>ab</p>", &marks(&[(0, "i")]));
        assert!(start.starts_with(&format!("{}<p>", marker("i"))));
        let past = insert("<p>ab</p>", &marks(&[(9, "4")]));
        assert!(past.ends_with(&format!("</p>{}", marker("4"))));
    }

    #[test]
    fn a_blank_page_stands_with_the_next() {
        let page = |label: &str, start: Option<SourcePos>| Page {
            label: label.into(),
            start,
            ..Page::default()
        };
        let at = |block, offset| {
            Some(SourcePos {
                part: SourcePart::Chapter(0),
                block,
                offset,
            })
        };
        let pages = [
            page("", at(None, 0)),
            page("ii", None),
            page("1", at(None, 0)),
            page("2", at(Some(3), 40)),
        ];
        let marks = PageMarks::new(&pages);
        let labels: Vec<&str> = marks.pages.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(labels, ["ii", "1", "2"], "unlabelled pages have no marker");
        let part = SourcePart::Chapter(0);
        assert_eq!(
            marks.at_start(part),
            format!("{}{}", marker("ii"), marker("1"))
        );
        assert!(marks
            .in_block(part, 3, "<p>x</p>".into())
            .contains(&marker("2")));
        assert_eq!(marks.in_block(part, 2, "<p>x</p>".into()), "<p>x</p>");
    }

    #[test]
    fn opening_marks_go_with_the_word_after_them() {
        let out = insert(
            "<p>x <code>--typst</code> 前文。「后文」</p>",
            &marks(&[(1, "2"), (8, "3")]),
        );
        assert!(
            out.contains(&format!("<code>{}--typst", marker("2"))),
            "{out}"
        );
        assert!(out.contains(&format!("前文。{}「后", marker("3"))), "{out}");
    }

    #[test]
    fn never_inside_math_or_ruby() {
        let out = insert(
            "<p>a <math><mi>x</mi><mi>y</mi></math> <ruby>漢<rt>かん</rt></ruby></p>",
            &marks(&[(2, "5"), (4, "6")]),
        );
        let m5 = marker("5");
        let m6 = marker("6");
        assert!(out.contains(&format!("a {m5}<math>")), "{out}");
        assert!(out.contains(&format!("{m6}<ruby>")), "{out}");
    }
}

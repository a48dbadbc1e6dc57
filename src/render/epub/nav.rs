//! The table of contents, built once and written three ways: nav.xhtml
//! (nested TOC + landmarks), the contents page in the spine, and the
//! TocElements from which epub-builder writes toc.ncx.
//!
//! folio writes nav.xhtml itself (replacing epub-builder's) because
//! epub-builder's has no `lang`, puts every landmark in the TOC as well,
//! and has no landmark for the TOC.

use epub_builder::TocElement;

use super::document::document;
use super::escape::{escape, safe_id, strip_invalid};
use super::names::{Names, CONTENTS_PAGE, COVER_PAGE, NOTES_PAGE, TITLE_PAGE};
use crate::book::{plain_text, Block, Book, Chapter, ChapterKind, TocMark};

/// One TOC entry and the entries nested beneath it.
#[derive(Debug, Clone, PartialEq, Default, Hash)]
pub struct Entry {
    pub title: String,
    /// Empty for an entry with no page (a part title, a draft chapter),
    /// shown as text.
    pub href: String,
    pub children: Vec<Entry>,
    /// Whether sub-chapters may nest under it (a chapter or part; not a
    /// heading inside a chapter).
    pub nests: bool,
}

/// The entry of a part title or draft chapter: text, no link.
pub fn mark_entry(mark: &TocMark) -> Option<Entry> {
    let title = clean(&plain_text(&mark.title));
    (!title.is_empty()).then(|| Entry {
        title,
        nests: true,
        ..Entry::default()
    })
}

/// Adds `entry` at `depth`: under the last entry of each level above it
/// that takes sub-chapters (at a shallower depth when there is none).
pub fn place(entries: &mut Vec<Entry>, entry: Entry, depth: u8) {
    // Recursion at most `depth` (a u8) deep.
    let nests = depth > 0 && entries.last().is_some_and(|e| e.nests);
    match entries.last_mut() {
        Some(last) if nests => place(&mut last.children, entry, depth - 1),
        _ => entries.push(entry),
    }
}

/// A landmark: an `epub:type` and where it points.
#[derive(Debug, Clone, PartialEq)]
pub struct Landmark {
    pub kind: &'static str,
    pub href: String,
}

/// The entry of a chapter (with its level 2–3 headings nested beneath), or
/// `None` for a chapter without a title (an untitled copyright page).
pub fn chapter_entry(book: &Book, chapter: &Chapter, file: &str) -> Option<Entry> {
    let mut title = chapter.title_text();
    if let Some(sub) = &chapter.subtitle {
        let sep = if book.meta.is_cjk() { "\u{3000}" } else { ": " };
        title = format!("{title}{sep}{}", plain_text(sub));
    }
    let title = clean(&title);
    if title.is_empty() {
        return None;
    }
    let mut children: Vec<Entry> = Vec::new();
    // Whether the last top-level child is a level-2 heading that level-3
    // headings may nest under.
    let mut open_section = false;
    for block in &chapter.blocks {
        let Block::Heading { level, id, content } = block else {
            continue;
        };
        if *level > 3 {
            continue;
        }
        let entry = Entry {
            title: clean(&plain_text(content)),
            href: format!("{file}#{}", safe_id(id)),
            ..Entry::default()
        };
        if entry.title.is_empty() {
            continue;
        }
        match children.last_mut() {
            Some(parent) if *level == 3 && open_section => parent.children.push(entry),
            _ => {
                open_section = *level < 3;
                children.push(entry);
            }
        }
    }
    Some(Entry {
        title,
        href: file.to_string(),
        children,
        nests: true,
    })
}

/// Titles collapse to one line of valid XML text (runs of spaces and line
/// breaks become one space; the ideographic space is kept).
fn clean(s: &str) -> String {
    strip_invalid(s)
        .split(|c: char| c.is_whitespace() && c != '\u{3000}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The landmarks of a book, in reading order.
pub fn landmarks(book: &Book, names: &Names) -> Vec<Landmark> {
    let mut out = vec![
        Landmark {
            kind: "cover",
            href: COVER_PAGE.into(),
        },
        Landmark {
            kind: "titlepage",
            href: TITLE_PAGE.into(),
        },
    ];
    let find = |kind: ChapterKind| book.chapters.iter().position(|c| c.kind == kind);
    if let Some(i) = find(ChapterKind::Copyright) {
        out.push(Landmark {
            kind: "copyright-page",
            href: names.chapters[i].clone(),
        });
    }
    out.push(Landmark {
        kind: "toc",
        href: CONTENTS_PAGE.into(),
    });
    if let Some(i) = find(ChapterKind::Chapter).or_else(|| find(ChapterKind::Preface)) {
        out.push(Landmark {
            kind: "bodymatter",
            href: names.chapters[i].clone(),
        });
    }
    if !book.notes.is_empty() {
        out.push(Landmark {
            kind: "endnotes",
            href: NOTES_PAGE.into(),
        });
    }
    out
}

/// The label of a landmark in the book's language.
fn landmark_label(kind: &str, book: &Book) -> &'static str {
    use crate::text::Word;
    let word = match kind {
        "cover" => Word::Cover,
        "titlepage" => Word::TitlePage,
        "copyright-page" => Word::Copyright,
        "toc" => Word::Contents,
        "bodymatter" => Word::BodyMatter,
        "endnotes" => Word::Notes,
        _ => return "",
    };
    book.meta.locale().word(word)
}

/// nav.xhtml: the TOC (nested ordered lists) and the landmarks.
pub fn nav_document(
    book: &Book,
    lang: &str,
    entries: &[Entry],
    landmarks: &[Landmark],
    page_list: &[(String, String)],
) -> String {
    let title = book.meta.contents_title();
    let mut body =
        format!("<nav epub:type=\"toc\" role=\"doc-toc\" id=\"toc\">\n<h1>{title}</h1>\n");
    push_list(&mut body, entries, true);
    body.push_str(
        "</nav>\n<nav epub:type=\"landmarks\" id=\"landmarks\" hidden=\"hidden\">\n<ol>\n",
    );
    for mark in landmarks {
        body.push_str(&format!(
            "<li><a epub:type=\"{}\" href=\"{}\">{}</a></li>\n",
            mark.kind,
            escape(&mark.href),
            landmark_label(mark.kind, book)
        ));
    }
    body.push_str("</ol>\n</nav>\n");
    if !page_list.is_empty() {
        // The PDF edition's pages, labelled as printed (`iii`, `12`).
        body.push_str("<nav epub:type=\"page-list\" id=\"page-list\" hidden=\"hidden\">\n<ol>\n");
        for (label, href) in page_list {
            body.push_str(&format!(
                "<li><a href=\"{}\">{}</a></li>\n",
                escape(href),
                escape(label)
            ));
        }
        body.push_str("</ol>\n</nav>\n");
    }
    document(lang, title, None, &body)
}

/// The contents page in the spine: the same TOC, for reading.
pub fn contents_page(book: &Book, lang: &str, entries: &[Entry], marks: &str) -> String {
    let title = book.meta.contents_title();
    let mut body = format!(
        "{marks}<section class=\"contents\">\n<h1>{title}</h1>\n<nav aria-label=\"{title}\">\n"
    );
    push_list(&mut body, entries, false);
    body.push_str("</nav>\n</section>\n");
    document(lang, title, Some("frontmatter"), &body)
}

/// The entries as nested `<ol>`s. An entry without a page is a `<span>`;
/// in the nav document (`nav`), whose `<span>` must head a list, one
/// with nothing beneath it is left out.
pub(crate) fn push_list(out: &mut String, entries: &[Entry], nav: bool) {
    out.push_str("<ol>\n");
    for entry in entries {
        if entry.href.is_empty() {
            if nav && entry.children.is_empty() {
                continue;
            }
            out.push_str(&format!("<li><span>{}</span>", escape(&entry.title)));
        } else {
            out.push_str(&format!(
                "<li><a href=\"{}\">{}</a>",
                escape(&entry.href),
                escape(&entry.title)
            ));
        }
        if !entry.children.is_empty() {
            out.push('\n');
            push_list(out, &entry.children, nav);
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n");
}

/// The entry as an epub-builder element (for toc.ncx), levels from `level`.
pub fn to_element(entry: &Entry, level: i32) -> TocElement {
    entry.children.iter().fold(
        TocElement::new(entry.href.clone(), entry.title.clone()).level(level),
        |el, child| el.child(to_element(child, level + 1)),
    )
}

/// The depth of the deepest entry (1 for a flat list), for `dtb:depth`.
pub fn depth(entries: &[Entry]) -> usize {
    entries
        .iter()
        .map(|e| 1 + depth(&e.children))
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::book::Inline;

    fn heading(level: u8, id: &str, text: &str) -> Block {
        Block::Heading {
            level,
            id: id.into(),
            content: vec![Inline::Text(text.into())],
        }
    }

    #[test]
    fn headings_nest_under_their_chapter() {
        let mut book = Book::default();
        book.meta.lang = "zh-CN".into();
        let chapter = Chapter {
            id: "ch01".into(),
            title: vec![Inline::Text("一".into())],
            subtitle: Some(vec![Inline::Text("二".into())]),
            blocks: vec![
                heading(3, "orphan", "孤"),
                heading(3, "orphan2", "孤2"),
                heading(2, "a", "A"),
                heading(3, "a1", "A1"),
                heading(4, "deep", "D"),
                heading(2, "b", "B & C"),
            ],
            ..Chapter::default()
        };
        let entry = chapter_entry(&book, &chapter, "ch01.xhtml").unwrap();
        assert_eq!(entry.title, "一\u{3000}二");
        let titles: Vec<_> = entry.children.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(titles, ["孤", "孤2", "A", "B & C"]);
        assert_eq!(entry.children[2].children[0].href, "ch01.xhtml#a1");
        assert_eq!(depth(std::slice::from_ref(&entry)), 3);

        let nav = nav_document(
            &book,
            "zh-CN",
            &[entry],
            &landmarks(&book, &Names::new(&book)),
            &[],
        );
        assert!(nav.contains("lang=\"zh-CN\" xml:lang=\"zh-CN\""));
        assert!(nav.contains("<a href=\"ch01.xhtml#b\">B &amp; C</a>"));
        assert!(nav.contains("<a epub:type=\"toc\" href=\"toc.xhtml\">目录</a>"));
    }
}

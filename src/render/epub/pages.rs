//! The pages folio generates around the author's chapters: cover page,
//! title page, each chapter's page, and the notes appendix.
//!
//! Each function returns a complete XHTML document.

use super::document::document;
use super::escape::{escape, push_escaped, safe_id};
use super::xhtml::Writer;
use crate::book::{Block, Chapter, ChapterKind, Note};
use crate::layout::page::SourcePart;

/// The cover page: the cover image, full page.
pub fn cover_page(w: &Writer<'_>, image: &str) -> String {
    let meta = &w.book.meta;
    let body = format!(
        "{}<section epub:type=\"cover\" class=\"cover\">\n<img role=\"doc-cover\" src=\"{}\" alt=\"{}\"/>\n</section>\n",
        w.marks.at_start(SourcePart::Cover),
        escape(image),
        escape(&meta.title)
    );
    document(&w.lang, &meta.title, Some("cover"), &body)
}

/// The title page: title, subtitle, authors, publisher.
pub fn title_page(w: &Writer<'_>) -> String {
    let meta = &w.book.meta;
    let mut body = w.marks.at_start(SourcePart::TitlePage);
    body.push_str("<section epub:type=\"titlepage\" class=\"titlepage\">\n");
    body.push_str(&format!(
        "<h1 class=\"title\">{}</h1>\n",
        escape(&meta.title)
    ));
    if let Some(sub) = &meta.subtitle {
        body.push_str(&format!("<p class=\"subtitle\">{}</p>\n", escape(sub)));
    }
    for author in &meta.authors {
        body.push_str(&format!("<p class=\"author\">{}</p>\n", escape(author)));
    }
    if let Some(publisher) = &meta.publisher {
        body.push_str(&format!(
            "<p class=\"publisher\">{}</p>\n",
            escape(publisher)
        ));
    }
    body.push_str("</section>\n");
    document(&w.lang, &meta.title, Some("frontmatter"), &body)
}

/// A chapter, preface or copyright page, in its own document.
pub fn chapter_page(w: &Writer<'_>, index: usize, chapter: &Chapter) -> String {
    w.begin_document();
    let meta = &w.book.meta;
    let (body_type, section) = match chapter.kind {
        ChapterKind::Copyright => (
            "frontmatter",
            "epub:type=\"copyright-page\" class=\"copyright\"",
        ),
        ChapterKind::Preface => (
            "frontmatter",
            "epub:type=\"preface\" role=\"doc-preface\" class=\"preface\"",
        ),
        ChapterKind::Chapter => (
            "bodymatter",
            "epub:type=\"chapter\" role=\"doc-chapter\" class=\"chapter\"",
        ),
    };
    // No id on the section: links go to the file, and a chapter id could
    // clash with one of the chapter's own heading anchors.
    let mut body = format!("<section {section}>\n");
    let part = SourcePart::Chapter(index);
    body.push_str(&w.marks.at_start(part));
    if !chapter.title.is_empty() {
        body.push_str("<h1>");
        match &chapter.subtitle {
            Some(sub) => {
                // One heading, two lines: the subtitle is a block-level span,
                // so reading systems without CSS still read one heading.
                body.push_str("<span class=\"title\">");
                w.inlines(&mut body, &chapter.title);
                body.push_str("</span> <span class=\"subtitle\">");
                w.inlines(&mut body, sub);
                body.push_str("</span>");
            }
            None => w.inlines(&mut body, &chapter.title),
        }
        body.push_str("</h1>\n");
    }
    w.blocks_marked(&mut body, &chapter.blocks, part);
    body.push_str("</section>\n");
    let mut title = chapter.title_text();
    if title.trim().is_empty() {
        title = meta.title.clone();
    }
    // A chapter in a language of its own says so on its root, which the
    // whole document (title included) inherits.
    let lang = chapter.lang.as_deref().unwrap_or(&w.lang);
    document(lang, &title, Some(body_type), &body)
}

/// The notes appendix: one list item per note, each with a backlink to
/// every reference to it.
///
/// The items carry `epub:type="endnote"` but no `role="doc-endnote"`:
/// DPUB-ARIA 1.1 deprecates that role (list items inside `doc-endnotes`
/// are the notes) and EPUBCheck 5.3 warns about it.
pub fn notes_page(w: &Writer<'_>) -> String {
    w.begin_document();
    let meta = &w.book.meta;
    let title = meta.notes_title();
    let mut body = w.marks.at_start(SourcePart::Notes);
    body.push_str("<section epub:type=\"endnotes\" role=\"doc-endnotes\" class=\"notes\">\n");
    body.push_str(&format!("<h1>{title}</h1>\n<ol>\n"));
    for (n, note) in w.book.notes.iter().enumerate() {
        body.push_str(&format!(
            "<li{} epub:type=\"endnote\" value=\"{}\">\n",
            w.id_attr(&note.id),
            note.number
        ));
        let part = SourcePart::Note(n);
        body.push_str(&w.marks.at_start(part));
        let links = backlinks(w, note);
        match note.blocks.split_last() {
            Some((Block::Paragraph(content), rest)) => {
                w.blocks_marked(&mut body, rest, part);
                let mut last = String::from("<p>");
                w.inlines(&mut last, content);
                last.push_str(&links);
                last.push_str("</p>\n");
                body.push_str(&w.marks.in_block(part, rest.len(), last));
            }
            _ => {
                w.blocks_marked(&mut body, &note.blocks, part);
                body.push_str(&format!("<p class=\"backlinks\">{}</p>\n", links.trim()));
            }
        }
        body.push_str("</li>\n");
    }
    body.push_str("</ol>\n</section>\n");
    document(&w.lang, title, Some("backmatter"), &body)
}

/// The backlinks of one note (` ↩︎`, or ` ↩︎1 ↩︎2` for several references).
fn backlinks(w: &Writer<'_>, note: &Note) -> String {
    let sites: Vec<_> = note
        .refs
        .iter()
        .filter(|site| w.has_anchor(site.chapter, &site.id))
        .filter_map(|site| Some((w.names.chapter(site.chapter)?, &site.id)))
        .collect();
    let mut out = String::new();
    for (k, (file, id)) in sites.iter().enumerate() {
        out.push_str(&format!(
            " <a epub:type=\"backlink\" role=\"doc-backlink\" href=\"{}#{}\">",
            escape(file),
            escape(&safe_id(id))
        ));
        // U+FE0E asks for the text glyph: iOS would draw an emoji otherwise.
        out.push_str("↩\u{FE0E}");
        if sites.len() > 1 {
            push_escaped(&mut out, &(k + 1).to_string());
        }
        out.push_str("</a>");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::book::{Book, Inline, NoteRefSite};
    use crate::render::epub::names::Names;

    #[test]
    fn notes_link_back_to_every_reference() {
        let book = Book {
            chapters: vec![
                Chapter {
                    id: "ch01".into(),
                    blocks: vec![Block::Paragraph(vec![Inline::NoteRef {
                        note: 0,
                        id: "ref-1".into(),
                    }])],
                    ..Chapter::default()
                },
                Chapter {
                    id: "ch02".into(),
                    blocks: vec![Block::Paragraph(vec![Inline::NoteRef {
                        note: 0,
                        id: "ref-1-2".into(),
                    }])],
                    ..Chapter::default()
                },
            ],
            notes: vec![Note {
                number: 1,
                id: "note-1".into(),
                blocks: vec![Block::Paragraph(vec![Inline::Text("注".into())])],
                refs: vec![
                    NoteRefSite {
                        chapter: 0,
                        id: "ref-1".into(),
                    },
                    NoteRefSite {
                        chapter: 1,
                        id: "ref-1-2".into(),
                    },
                    // A site the chapter does not define gets no backlink.
                    NoteRefSite {
                        chapter: 1,
                        id: "missing".into(),
                    },
                ],
            }],
            ..Book::default()
        };
        let names = Names::new(&book);
        let page = notes_page(&Writer::new(&book, &names));
        assert!(page.contains("<li id=\"note-1\" epub:type=\"endnote\" value=\"1\">"));
        assert!(page.contains(
            "<p>注 <a epub:type=\"backlink\" role=\"doc-backlink\" href=\"ch01.xhtml#ref-1\">↩\u{FE0E}1</a> <a epub:type=\"backlink\" role=\"doc-backlink\" href=\"ch02.xhtml#ref-1-2\">↩\u{FE0E}2</a></p>"
        ), "{page}");
        assert!(page.contains("<section epub:type=\"endnotes\" role=\"doc-endnotes\""));
        assert!(!page.contains("#missing"));
    }
}

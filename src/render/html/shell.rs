//! What the preview adds around each EPUB page: its own stylesheet and
//! script, the contents sidebar and the download links.
//!
//! The pages are the EPUB writer's XHTML documents, whose `<head>` and
//! `<body …>` folio wrote itself (`epub/document.rs`), so the additions go
//! in at those two known places and the page stays well-formed XHTML.

use crate::book::Book;
use crate::render::epub::escape::escape;
use crate::render::epub::nav::{push_list, Entry};

pub const PREVIEW_CSS: &str = "folio-preview.css";
pub const PREVIEW_JS: &str = "folio-preview.js";
pub const CSS: &str = include_str!("preview.css");
pub const JS: &str = include_str!("preview.js");

/// The element `folio serve` fills with the number of the build a page
/// comes from, so the page knows when a newer one is there.
pub const BUILD_META: &str = "<meta name=\"folio-build\" content=\"\"/>";

/// The sidebar, the same on every page.
pub struct Shell {
    sidebar: String,
}

impl Shell {
    pub fn new(book: &Book, entries: &[Entry]) -> Shell {
        let title = book.meta.contents_title();
        let mut sidebar = format!(
            "<nav class=\"folio-sidebar\" aria-label=\"{}\">\n<p class=\"folio-book\"><a href=\"{}\">{}</a></p>\n",
            escape(title),
            super::FIRST_PAGE,
            escape(&book.meta.title)
        );
        push_list(&mut sidebar, entries, false);
        let slug = escape(&book.meta.slug);
        sidebar.push_str(&format!(
            "<p class=\"folio-downloads\"><a href=\"../{slug}.epub\" download=\"{slug}.epub\">EPUB</a> <a href=\"../{slug}.pdf\" download=\"{slug}.pdf\">PDF</a></p>\n</nav>\n"
        ));
        Shell { sidebar }
    }

    /// `page` (an XHTML document of the EPUB writer) with the preview's
    /// stylesheet, script and sidebar; `name` is the page's file, marked
    /// as the current one in the sidebar.
    pub fn wrap(&self, page: &str, name: &str) -> String {
        let head = format!(
            "{BUILD_META}\n<link rel=\"stylesheet\" type=\"text/css\" href=\"{PREVIEW_CSS}\"/>\n<script src=\"{PREVIEW_JS}\" defer=\"defer\"></script>\n</head>"
        );
        let current = format!("<li><a href=\"{}\"", escape(name));
        let marked = format!(
            "<li class=\"folio-current\"><a aria-current=\"page\" href=\"{}\"",
            escape(name)
        );
        let sidebar = self.sidebar.replacen(&current, &marked, 1);
        let mut out = String::with_capacity(page.len() + sidebar.len() + 256);
        let Some(head_end) = page.find("</head>") else {
            return page.to_string();
        };
        let Some(body_end) = page[head_end..].find("<body").and_then(|at| {
            let at = head_end + at;
            page[at..].find('>').map(|gt| at + gt + 1)
        }) else {
            return page.to_string();
        };
        out.push_str(&page[..head_end]);
        out.push_str(&head);
        out.push_str(&page[head_end + "</head>".len()..body_end]);
        out.push('\n');
        out.push_str(&sidebar);
        out.push_str("<main class=\"folio-page\">");
        let Some(close) = page.rfind("</body>") else {
            return page.to_string();
        };
        out.push_str(&page[body_end..close]);
        out.push_str("</main>\n");
        out.push_str(&page[close..]);
        out
    }
}

/// `index.html`: opens the first page (a folder opened in a browser, or
/// the root of `folio serve`).
pub fn index_page(lang: &str, first: &str) -> String {
    let first = escape(first);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\"/>\n<meta http-equiv=\"refresh\" content=\"0; url={first}\"/>\n<title>folio preview</title>\n</head>\n<body>\n<p><a href=\"{first}\">Open the book</a></p>\n</body>\n</html>\n",
        escape(lang)
    )
}

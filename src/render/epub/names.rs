//! Stable file names inside the EPUB.
//!
//! Names derive from the model (chapter ids, asset names) so that they stay
//! the same from build to build; anything unsafe in a URL or zip path, or
//! clashing with a name folio writes itself, falls back to a numbered name.

use std::collections::BTreeSet;

use crate::book::{Book, MediaType};

/// The generated cover image (when the book names none).
pub const COVER_SVG: &str = "cover.svg";
pub const COVER_PAGE: &str = "cover.xhtml";
pub const TITLE_PAGE: &str = "titlepage.xhtml";
pub const CONTENTS_PAGE: &str = "toc.xhtml";
pub const NOTES_PAGE: &str = "notes.xhtml";
pub const NAV: &str = "nav.xhtml";
pub const STYLESHEET: &str = "stylesheet.css";

/// Names written by folio or epub-builder, which chapters and assets may not take.
const RESERVED: &[&str] = &[
    COVER_SVG,
    COVER_PAGE,
    TITLE_PAGE,
    CONTENTS_PAGE,
    NOTES_PAGE,
    NAV,
    STYLESHEET,
    "toc.ncx",
    "content.opf",
];

/// File names for every chapter and asset of one book.
#[derive(Debug, Clone, PartialEq)]
pub struct Names {
    /// `chapters[i]` is the XHTML file of `book.chapters[i]`.
    pub chapters: Vec<String>,
    /// `assets[i]` is the path of `book.assets[i]`.
    pub assets: Vec<String>,
}

impl Names {
    pub fn new(book: &Book) -> Names {
        let mut taken: BTreeSet<String> = RESERVED.iter().map(|s| s.to_string()).collect();
        let chapters = book
            .chapters
            .iter()
            .enumerate()
            .map(|(i, ch)| {
                let wanted = format!("{}.xhtml", ch.id);
                let fallback = |n: usize| format!("chapter-{}-{n}.xhtml", i + 1);
                claim(&mut taken, &wanted, is_safe_stem(&ch.id), fallback)
            })
            .collect();
        let assets = book
            .assets
            .iter()
            .enumerate()
            .map(|(i, asset)| {
                let wanted = if asset.name.starts_with("images/") {
                    asset.name.clone()
                } else {
                    format!("images/{}", asset.name)
                };
                let ext = extension(asset.media_type);
                let fallback = |n: usize| format!("images/asset-{}-{n}.{ext}", i + 1);
                claim(&mut taken, &wanted, is_safe_path(&asset.name), fallback)
            })
            .collect();
        Names { chapters, assets }
    }

    /// The file of chapter `index`, if there is such a chapter.
    pub fn chapter(&self, index: usize) -> Option<&str> {
        self.chapters.get(index).map(String::as_str)
    }
}

/// Takes `wanted` when it is acceptable and free (compared without case:
/// zip tools on some systems fold case), else the first free fallback.
fn claim(
    taken: &mut BTreeSet<String>,
    wanted: &str,
    acceptable: bool,
    fallback: impl Fn(usize) -> String,
) -> String {
    let mut name = wanted.to_string();
    let mut n = 0;
    while (!acceptable && n == 0) || taken.contains(&name.to_lowercase()) {
        n += 1;
        name = fallback(n);
    }
    taken.insert(name.to_lowercase());
    name
}

/// The file extension for a media type.
pub fn extension(media_type: MediaType) -> &'static str {
    match media_type {
        MediaType::Png => "png",
        MediaType::Jpeg => "jpg",
        MediaType::Gif => "gif",
        MediaType::Svg => "svg",
        MediaType::Webp => "webp",
    }
}

fn is_safe_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_')
}

fn is_safe_stem(stem: &str) -> bool {
    !stem.is_empty() && stem.chars().all(is_safe_char)
}

/// A relative path of safe segments, each a stem with at most one dot.
fn is_safe_path(path: &str) -> bool {
    !path.is_empty()
        && path.len() <= 120
        && path.split('/').all(|seg| {
            let mut parts = seg.split('.');
            let stem = parts.next().unwrap_or("");
            is_safe_stem(stem) && parts.all(is_safe_stem)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::book::{Asset, Chapter};

    fn asset(name: &str) -> Asset {
        Asset {
            name: name.into(),
            media_type: MediaType::Png,
            data: vec![],
            width: 1,
            height: 1,
        }
    }

    #[test]
    fn keeps_safe_names_and_replaces_others() {
        let chapter = |id: &str| Chapter {
            id: id.into(),
            ..Chapter::default()
        };
        let book = Book {
            chapters: vec![
                chapter("ch01"),
                chapter("第二章"),
                chapter("ch01"),
                chapter("notes"),
                chapter("CH01"),
            ],
            assets: vec![
                asset("images/a.png"),
                asset("b.png"),
                asset("../x.png"),
                asset("images/my pic.png"),
                asset("images/A.png"),
            ],
            ..Book::default()
        };
        let names = Names::new(&book);
        assert_eq!(
            names.chapters,
            [
                "ch01.xhtml",
                "chapter-2-1.xhtml",
                "chapter-3-1.xhtml",
                "chapter-4-1.xhtml",
                "chapter-5-1.xhtml"
            ]
        );
        assert_eq!(
            names.assets,
            [
                "images/a.png",
                "images/b.png",
                "images/asset-3-1.png",
                "images/asset-4-1.png",
                "images/asset-5-1.png"
            ]
        );
        assert_eq!(names.chapter(9), None);
    }
}

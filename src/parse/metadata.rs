//! Settling the book's metadata from book.toml, front matter and the text.

use std::path::Path;

use crate::book::date::epoch_of_date;
use crate::book::{detect_language, plain_text, AssetId, Chapter, Metadata};
use crate::diagnostics::Location;
use crate::error::{Error, Result};
use crate::load::Manuscript;

use super::assets::Assets;
use super::ParseOptions;

/// book.toml first, then front matter, then what the text itself says.
/// `heading_title` is a single file's first level-1 (else level-2)
/// heading, which names the book before any chapter does.
pub fn settle(
    m: &Manuscript,
    chapters: &[Chapter],
    heading_title: Option<String>,
    options: &ParseOptions,
) -> Result<Metadata> {
    let book = &m.config.book;
    let folio = &m.config.folio;
    let front = &m.front;

    let title = book
        .title
        .clone()
        .or_else(|| front.title.clone())
        .or(heading_title)
        .or_else(|| {
            chapters
                .iter()
                .map(Chapter::title_text)
                .find(|t| !t.trim().is_empty())
        })
        .unwrap_or_else(|| m.name.clone());
    let authors = if book.authors.is_empty() {
        front.author.to_vec()
    } else {
        book.authors.clone()
    };
    let lang = book
        .language
        .clone()
        .or_else(|| front.lang.clone())
        .filter(|l| is_language_tag(l))
        .unwrap_or_else(|| detect_language(&sample_text(chapters)).to_string());

    let date = match folio.date.clone().or_else(|| front.date.clone()) {
        Some(d) => Some(parse_date(&d).ok_or_else(|| {
            Error::Config {
                location: Location::new(
                    m.config_path
                        .clone()
                        .unwrap_or_else(|| m.files[0].path.clone()),
                    0,
                ),
                message: format!("date `{d}` is not a date: write it as YYYY-MM-DD"),
            }
        })?),
        None => None,
    };
    let modified = options
        .source_date_epoch
        .or_else(|| date.as_deref().and_then(epoch_of_date))
        .unwrap_or(0);
    let identifier = folio
        .identifier
        .clone()
        .or_else(|| front.identifier.clone())
        .unwrap_or_else(|| derived_identifier(&title, &authors));
    let slug = folio.name.clone().unwrap_or_else(|| m.name.clone());

    Ok(Metadata {
        title,
        subtitle: folio.subtitle.clone().or_else(|| front.subtitle.clone()),
        authors,
        lang,
        description: book
            .description
            .clone()
            .or_else(|| front.description.clone()),
        publisher: folio.publisher.clone().or_else(|| front.publisher.clone()),
        source: folio.source.clone(),
        rights: folio.rights.clone().or_else(|| front.rights.clone()),
        keywords: if folio.keywords.is_empty() {
            front.keywords.clone()
        } else {
            folio.keywords.clone()
        },
        identifier,
        date,
        modified,
        slug: safe_file_stem(&slug),
        writing_mode: folio
            .writing_mode
            .or(front.writing_mode)
            .unwrap_or_default(),
    })
}

/// A pandoc `%` title block fills what book.toml and the front matter
/// leave open (a date pandoc would take but folio cannot read, like
/// "June 2006", is left out).
pub fn title_block(
    meta: &mut Metadata,
    m: &Manuscript,
    block: super::pandoc::TitleBlock,
    options: &ParseOptions,
) {
    let mut changed = false;
    if let Some(title) = block
        .title
        .filter(|_| m.config.book.title.is_none() && m.front.title.is_none())
    {
        meta.title = title;
        changed = true;
    }
    if !block.authors.is_empty()
        && m.config.book.authors.is_empty()
        && m.front.author.to_vec().is_empty()
    {
        meta.authors = block.authors;
        changed = true;
    }
    if meta.date.is_none() {
        if let Some(date) = block.date.as_deref().and_then(parse_date) {
            meta.modified = options
                .source_date_epoch
                .or_else(|| epoch_of_date(&date))
                .unwrap_or(0);
            meta.date = Some(date);
        }
    }
    if changed && m.config.folio.identifier.is_none() && m.front.identifier.is_none() {
        meta.identifier = derived_identifier(&meta.title, &meta.authors);
    }
}

/// Reads the cover image named in book.toml (a path the author wrote in
/// the config, relative to book.toml).
pub fn cover(m: &Manuscript, path: &Path, assets: &mut Assets<'_>) -> Result<AssetId> {
    let full = m.root.join(path);
    let location = Location::new(m.config_path.clone().unwrap_or_default(), 0);
    let canonical = assets.canonicalize(&full).map_err(|_| Error::Config {
        location: location.clone(),
        message: format!("cover image `{}` does not exist", full.display()),
    })?;
    assets
        .add_file(&canonical, &full.to_string_lossy())
        .map_err(|message| Error::Config { location, message })
}

fn sample_text(chapters: &[Chapter]) -> String {
    let mut text = String::new();
    for chapter in chapters {
        text.push_str(&chapter.title_text());
        super::links::for_each_block(&chapter.blocks, &mut |block| {
            if let crate::book::Block::Paragraph(inlines) = block {
                if text.len() < 20_000 {
                    text.push_str(&plain_text(inlines));
                }
            }
        });
        if text.len() >= 20_000 {
            break;
        }
    }
    text
}

/// A plausible BCP 47 tag: `zh`, `zh-CN`, `en-US`, `zh-Hant-TW`. Locale
/// strings like `C` or `en_US.UTF-8` are not.
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// `YYYY-MM-DD` (a longer ISO date-time is cut to its date).
fn parse_date(s: &str) -> Option<String> {
    let d = s.trim().get(..10)?;
    let b = d.as_bytes();
    let ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && d.chars()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !ok {
        return None;
    }
    let month: u32 = d[5..7].parse().ok()?;
    let day: u32 = d[8..10].parse().ok()?;
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then(|| d.to_string())
}

/// A stable `urn:uuid:` from the title and authors, so the same book keeps
/// its identifier from build to build.
fn derived_identifier(title: &str, authors: &[String]) -> String {
    let mut key = title.to_string();
    for a in authors {
        key.push('\u{1f}');
        key.push_str(a);
    }
    let h1 = fnv1a(key.as_bytes(), 0xcbf2_9ce4_8422_2325);
    let h2 = fnv1a(key.as_bytes(), 0x8422_2325_cbf2_9ce4);
    let mut b = [0u8; 16];
    b[..8].copy_from_slice(&h1.to_be_bytes());
    b[8..].copy_from_slice(&h2.to_be_bytes());
    b[6] = (b[6] & 0x0f) | 0x50; // version 5-style: name-based
    b[8] = (b[8] & 0x3f) | 0x80; // RFC 4122 variant
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

fn fnv1a(bytes: &[u8], seed: u64) -> u64 {
    bytes
        .iter()
        .fold(seed, |h, &b| (h ^ b as u64).wrapping_mul(0x100_0000_01b3))
}

/// Output names keep the author's words (CJK included) but no path
/// separators or characters file systems refuse.
fn safe_file_stem(name: &str) -> String {
    let stem: String = name
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                '-'
            } else {
                c
            }
        })
        .collect();
    let stem = stem.trim().trim_matches('.').to_string();
    if stem.is_empty() {
        "book".into()
    } else {
        stem
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_epochs() {
        assert_eq!(parse_date("2025-09-25").as_deref(), Some("2025-09-25"));
        assert_eq!(
            parse_date("2025-09-25T10:00:00Z").as_deref(),
            Some("2025-09-25")
        );
        assert_eq!(parse_date("Sept 2025"), None);
        assert_eq!(epoch_of_date("1970-01-01"), Some(0));
        assert_eq!(epoch_of_date("2025-09-25"), Some(1_758_758_400));
    }

    #[test]
    fn language_tags() {
        assert!(is_language_tag("zh-CN"));
        assert!(!is_language_tag("C"));
        assert!(!is_language_tag("en_US.UTF-8"));
    }

    #[test]
    fn identifiers_are_stable() {
        let a = derived_identifier("书", &["作者".into()]);
        assert_eq!(a, derived_identifier("书", &["作者".into()]));
        assert_ne!(a, derived_identifier("书2", &["作者".into()]));
        assert!(a.starts_with("urn:uuid:") && a.len() == 45, "{a}");
    }
}

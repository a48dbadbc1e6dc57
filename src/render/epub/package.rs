//! Fix-ups of the package document (content.opf) and toc.ncx that
//! epub-builder 0.8.3 writes.
//!
//! epub-builder cannot set an identifier of our choosing (it takes a UUID),
//! stamps `dcterms:modified` with the clock, gives `dc:language` and
//! `dc:creator` the same id (`epub-creator-0`, a duplicate-id error in
//! EPUBCheck), and has no `dc:date`, `dc:publisher`, `dc:source`, title
//! refinements or accessibility metadata. Each fix is a targeted edit of
//! its template's output; if the template ever changes, the edit fails with
//! an error instead of writing a broken package.

use super::escape::escape;
use crate::error::{Error, Result};

/// What folio adds to or corrects in the package document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PackageFix {
    pub identifier: String,
    /// `YYYY-MM-DDThh:mm:ssZ`.
    pub modified: String,
    pub date: Option<String>,
    pub subtitle: Option<String>,
    pub publisher: Option<String>,
    pub source: Option<String>,
    /// Whether the book has images (cover included): `visual` access mode.
    pub has_images: bool,
    pub has_notes: bool,
    /// The XHTML files that hold MathML (`properties="mathml"`).
    pub mathml: Vec<String>,
    /// The book's language, for `xml:lang` on `<package>` (Ace requires
    /// it: `dc:language` alone does not count).
    pub lang: String,
    /// The accessibility `<meta>` lines ([`super::a11y::metadata`]).
    pub a11y: Vec<String>,
    /// Set in vertical columns: Kindle's `primary-writing-mode` says so.
    pub vertical: bool,
}

/// Returns `opf` with folio's metadata applied.
pub fn fix_package(opf: &str, fix: &PackageFix) -> Result<String> {
    let opf = replace_once(
        opf,
        "<package version=\"3.0\"",
        &format!(
            "<package version=\"3.0\" xml:lang=\"{}\"",
            escape(&fix.lang)
        ),
    )?;
    let mut opf = replace_text(
        &opf,
        "<dc:identifier id=\"epub-id-1\">",
        "</dc:identifier>",
        &escape(&fix.identifier),
    )?;
    opf = replace_text(
        &opf,
        "<meta property=\"dcterms:modified\">",
        "</meta>",
        &escape(&fix.modified),
    )?;
    // The duplicate id: languages get their own prefix, creators keep theirs
    // (their `refines` point at it).
    opf = opf.replace(
        "<dc:language id=\"epub-creator-",
        "<dc:language id=\"language-",
    );
    opf = replace_once(&opf, "<dc:title>", "<dc:title id=\"title\">")?;

    let mut title_meta = String::new();
    if let Some(sub) = &fix.subtitle {
        title_meta.push_str(&format!(
            "\n    <meta refines=\"#title\" property=\"title-type\">main</meta>\
             \n    <dc:title id=\"subtitle\">{}</dc:title>\
             \n    <meta refines=\"#subtitle\" property=\"title-type\">subtitle</meta>",
            escape(sub)
        ));
    }
    opf = replace_once(&opf, "</dc:title>", &format!("</dc:title>{title_meta}"))?;

    let mut extra = Vec::new();
    if let Some(date) = &fix.date {
        extra.push(format!("<dc:date>{}</dc:date>", escape(date)));
    }
    if let Some(publisher) = &fix.publisher {
        extra.push(format!(
            "<dc:publisher>{}</dc:publisher>",
            escape(publisher)
        ));
    }
    if let Some(source) = &fix.source {
        extra.push(format!("<dc:source>{}</dc:source>", escape(source)));
    }
    if fix.vertical {
        // The EPUB 2 style meta Kindle reads (電書協 guide, 4.2).
        extra.push("<meta name=\"primary-writing-mode\" content=\"vertical-rl\"/>".into());
    }
    extra.extend(fix.a11y.iter().cloned());
    for href in &fix.mathml {
        // epub-builder writes `<item media-type="…" id="…" href="…"/>`.
        let at = format!("href=\"{}\"/>", escape(href));
        opf = replace_once(
            &opf,
            &at,
            &format!("href=\"{}\" properties=\"mathml\"/>", escape(href)),
        )?;
    }
    let block: String = extra.iter().map(|line| format!("    {line}\n")).collect();
    opf = replace_once(&opf, "  </metadata>", &format!("{block}  </metadata>"))?;
    Ok(tidy(&drop_nav_guide_reference(&opf)))
}

/// epub-builder's guide names nav.xhtml as the TOC, besides the contents
/// page in the spine; readers that use the guide should open the latter.
fn drop_nav_guide_reference(opf: &str) -> String {
    opf.lines()
        .filter(|line| {
            let line = line.trim();
            !(line.starts_with("<reference type=\"toc\"") && line.ends_with("href=\"nav.xhtml\"/>"))
        })
        .map(|line| format!("{line}\n"))
        .collect()
}

/// Drops the blank lines epub-builder's template leaves behind.
fn tidy(opf: &str) -> String {
    opf.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| format!("{line}\n"))
        .collect()
}

/// Returns toc.ncx with the real nesting depth, the book's identifier and
/// its title (epub-builder puts the TOC's heading in `docTitle`).
pub fn fix_ncx(ncx: &str, depth: usize, identifier: &str, title: &str) -> Result<String> {
    let at = ncx
        .find("<docTitle>")
        .ok_or_else(|| unexpected("<docTitle>"))?;
    let ncx = format!(
        "{}{}",
        &ncx[..at],
        replace_text(&ncx[at..], "<text>", "</text>", &escape(title))?
    );
    replace_once(
        &ncx,
        "<meta name=\"dtb:depth\" content=\"1\" />",
        &format!(
            "<meta name=\"dtb:uid\" content=\"{}\" />\n    <meta name=\"dtb:depth\" content=\"{}\" />",
            escape(identifier),
            depth.max(1)
        ),
    )
}

/// Replaces the first `from` in `s`; an error if there is none.
fn replace_once(s: &str, from: &str, to: &str) -> Result<String> {
    match s.find(from) {
        Some(at) => Ok(format!("{}{to}{}", &s[..at], &s[at + from.len()..])),
        None => Err(unexpected(from)),
    }
}

/// Replaces the text between `open` and the next `close`.
fn replace_text(s: &str, open: &str, close: &str, text: &str) -> Result<String> {
    let start = s.find(open).ok_or_else(|| unexpected(open))? + open.len();
    let end = start + s[start..].find(close).ok_or_else(|| unexpected(close))?;
    Ok(format!("{}{text}{}", &s[..start], &s[end..]))
}

fn unexpected(what: &str) -> Error {
    Error::Epub(format!(
        "unexpected package document from epub-builder: no `{what}`"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const OPF: &str = r##"<package version="3.0" xmlns="http://www.idpf.org/2007/opf" unique-identifier="epub-id-1">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="epub-id-1">urn:uuid:random</dc:identifier>
    <dc:title>T</dc:title>
    <dc:language id="epub-creator-0">zh-CN</dc:language>
    <dc:creator id="epub-creator-0">A</dc:creator>
    <meta refines="#epub-creator-0" property="role" scheme="marc:relators">aut</meta>
    <meta property="dcterms:modified">2099-01-01T00:00:00Z</meta>

  </metadata>
  <guide>
    <reference type="toc" title="目录" href="nav.xhtml"/>
    <reference type="toc" title="目录" href="toc.xhtml"/>
  </guide>
</package>"##;

    #[test]
    fn fixes_ids_dates_and_adds_metadata() {
        let fix = PackageFix {
            identifier: "urn:isbn:<1>".into(),
            modified: "2025-09-25T00:00:00Z".into(),
            date: Some("2025-09-25".into()),
            subtitle: Some("副标题 & more".into()),
            publisher: Some("书享界".into()),
            source: Some("聪明投资者".into()),
            has_images: true,
            has_notes: true,
            mathml: Vec::new(),
            lang: "zh-CN".into(),
            a11y: vec!["<meta property=\"schema:accessMode\">visual</meta>".into()],
            vertical: false,
        };
        let out = fix_package(OPF, &fix).unwrap();
        assert!(out.contains("<dc:identifier id=\"epub-id-1\">urn:isbn:&lt;1&gt;</dc:identifier>"));
        assert!(out.contains("<meta property=\"dcterms:modified\">2025-09-25T00:00:00Z</meta>"));
        assert!(out.contains("<dc:language id=\"language-0\">zh-CN</dc:language>"));
        assert_eq!(out.matches("id=\"epub-creator-0\"").count(), 1);
        assert!(out.contains("<dc:title id=\"subtitle\">副标题 &amp; more</dc:title>"));
        assert!(out.contains("<dc:date>2025-09-25</dc:date>"));
        assert!(out.contains("<dc:publisher>书享界</dc:publisher>"));
        assert!(out.contains("<dc:source>聪明投资者</dc:source>"));
        assert!(out.contains("<meta property=\"schema:accessMode\">visual</meta>"));
        assert!(out.contains("<package version=\"3.0\" xml:lang=\"zh-CN\""));
        assert!(!out.contains("2099"));
        assert!(!out.contains("href=\"nav.xhtml\""));
        assert!(out.contains("href=\"toc.xhtml\""));
        assert!(!out.contains("\n\n"));
    }

    #[test]
    fn unexpected_template_is_an_error_not_a_panic() {
        assert!(fix_package("<package/>", &PackageFix::default()).is_err());
        assert!(fix_ncx("<ncx/>", 2, "x", "t").is_err());
    }
}

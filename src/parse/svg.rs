//! SVG files the manuscript points at: recognized, measured and made safe
//! for an EPUB before they become assets.
//!
//! An EPUB reading system runs no script and fetches nothing, and
//! EPUBCheck rejects an SVG with `<script>`, event handlers, references to
//! files outside the package or elements of other vocabularies in its
//! drawing. Those are cut out of the file's own text (everything else stays
//! byte for byte), and what was cut is said once per file.

use std::ops::Range;

use roxmltree::{Document, Node, ParsingOptions};

const SVG_NS: &str = "http://www.w3.org/2000/svg";
const XLINK_NS: &str = "http://www.w3.org/1999/xlink";

/// Elements nested deeper than this are refused: the SVG renderers walk
/// the tree recursively, and no drawing needs such depth.
const MAX_DEPTH: usize = 256;

/// A size for an SVG that gives none (CSS's default for replaced elements).
const DEFAULT_SIZE: (f32, f32) = (300.0, 150.0);

/// Whether `data` looks like an SVG document (an XML document whose root
/// is `<svg>`), before it is parsed.
pub fn looks_like_svg(data: &[u8]) -> bool {
    let head = &data[..data.len().min(4096)];
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    (text.starts_with("<?xml") || text.starts_with("<svg") || text.starts_with("<!"))
        && text.contains("<svg")
}

/// A cleaned SVG and its size.
pub struct CleanSvg {
    pub data: Vec<u8>,
    /// Width and height in CSS pixels, rounded, at least 1.
    pub width: u32,
    pub height: u32,
    /// What was removed, for one warning.
    pub removed: Vec<String>,
}

/// Parses `data` as SVG, cuts out what an EPUB may not hold and measures
/// it. An error says why the file is not a usable SVG.
pub fn clean(data: &[u8]) -> Result<CleanSvg, String> {
    let text = std::str::from_utf8(data).map_err(|_| "is not UTF-8 text".to_string())?;
    let options = ParsingOptions {
        allow_dtd: true,
        nodes_limit: 1_000_000,
    };
    if nesting(text) > MAX_DEPTH {
        return Err(format!("nests elements more than {MAX_DEPTH} deep"));
    }
    let doc = Document::parse_with_options(text, options)
        .map_err(|e| format!("is not well-formed XML ({e})"))?;
    let root = doc.root_element();
    if root.tag_name().name() != "svg" || root.tag_name().namespace() != Some(SVG_NS) {
        return Err("has no <svg> root element in the SVG namespace".into());
    }
    let (width, height) = size_of(root);
    let mut cuts = Cuts::default();
    // Depth-first, by hand: what is cut or inside `<metadata>` is not
    // entered, and nothing here recurses, however deep the file nests.
    let mut stack = vec![(root, 0usize)];
    while let Some((node, depth)) = stack.pop() {
        if depth > MAX_DEPTH {
            return Err(format!("nests elements more than {MAX_DEPTH} deep"));
        }
        if node != root && !cuts.visit(node) {
            continue;
        }
        let children = node.children().filter(Node::is_element);
        let children: Vec<_> = children.map(|c| (c, depth + 1)).collect();
        stack.extend(children.into_iter().rev());
    }
    let removed = cuts.what.clone();
    let data = cuts.apply(text).into_bytes();
    Ok(CleanSvg {
        data,
        width: (width.round() as u32).max(1),
        height: (height.round() as u32).max(1),
        removed,
    })
}

/// How deep the elements of `text` nest, by a scan of its tags (the XML
/// parser recurses, so a hostile depth must be caught before it). Comments,
/// CDATA, processing instructions and declarations are skipped; quoted
/// attribute values may hold `>`.
fn nesting(text: &str) -> usize {
    let b = text.as_bytes();
    let (mut i, mut depth, mut deepest) = (0, 0usize, 0);
    let skip_to = |from: usize, end: &[u8]| {
        b[from..]
            .windows(end.len())
            .position(|w| w == end)
            .map_or(b.len(), |p| from + p + end.len())
    };
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        let rest = &b[i..];
        if rest.starts_with(b"<!--") {
            i = skip_to(i + 4, b"-->");
        } else if rest.starts_with(b"<![CDATA[") {
            i = skip_to(i + 9, b"]]>");
        } else if rest.starts_with(b"<?") {
            i = skip_to(i + 2, b"?>");
        } else if rest.starts_with(b"<!") {
            i = skip_to(i + 2, b">");
        } else if rest.starts_with(b"</") {
            depth = depth.saturating_sub(1);
            i = skip_to(i + 2, b">");
        } else {
            // An opening tag: to its `>`, outside quotes.
            let mut j = i + 1;
            let mut quote = None;
            while j < b.len() {
                match (quote, b[j]) {
                    (None, q @ (b'"' | b'\'')) => quote = Some(q),
                    (Some(q), c) if c == q => quote = None,
                    (None, b'>') => break,
                    _ => {}
                }
                j += 1;
            }
            if j > i + 1 && b[j - 1] != b'/' {
                depth += 1;
                deepest = deepest.max(depth);
            }
            i = j + 1;
        }
    }
    deepest
}

/// Byte ranges of the source to drop, and what they were.
#[derive(Default)]
struct Cuts {
    ranges: Vec<Range<usize>>,
    what: Vec<String>,
}

impl Cuts {
    fn note(&mut self, what: String) {
        if !self.what.contains(&what) {
            self.what.push(what);
        }
    }

    /// Cuts `node` or its unsafe attributes; false when its children are
    /// not to be visited (it is cut, or it is `<metadata>`, which may hold
    /// RDF and the like).
    fn visit(&mut self, node: Node<'_, '_>) -> bool {
        let name = node.tag_name().name();
        if name == "metadata" {
            return false;
        }
        let foreign = node.tag_name().namespace() != Some(SVG_NS);
        let external = matches!(name, "image" | "use" | "feImage")
            && href(node).is_some_and(|h| !is_internal(h));
        let imports = name == "style" && node.text().is_some_and(|t| t.contains("@import"));
        if foreign || matches!(name, "script" | "foreignObject") || external || imports {
            self.ranges.push(node.range());
            let what = if external {
                format!("<{name}> pointing at another file")
            } else if foreign {
                "elements of other vocabularies".to_string()
            } else {
                format!("<{name}>")
            };
            self.note(what);
            return false;
        }
        for attr in node.attributes() {
            let local = attr.name();
            if local.len() > 2 && local[..2].eq_ignore_ascii_case("on") {
                self.ranges.push(attr.range());
                self.note("event handlers".into());
            } else if local == "href"
                && matches!(attr.namespace(), None | Some(XLINK_NS))
                && name == "a"
                && !is_internal(attr.value())
                && !is_web(attr.value())
            {
                self.ranges.push(attr.range());
                self.note("links that are not web addresses".into());
            }
        }
        true
    }

    /// `text` without the cut ranges (nested ones are inside their parent).
    fn apply(mut self, text: &str) -> String {
        self.ranges
            .sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for r in self.ranges {
            if r.start < at {
                continue;
            }
            out.push_str(&text[at..r.start]);
            at = r.end;
        }
        out.push_str(&text[at..]);
        out
    }
}

fn href<'a>(node: Node<'a, '_>) -> Option<&'a str> {
    node.attribute((XLINK_NS, "href"))
        .or_else(|| node.attribute("href"))
}

/// A reference into the same file, or data carried inline.
fn is_internal(href: &str) -> bool {
    let h = href.trim();
    h.starts_with('#')
        || h.get(..11)
            .is_some_and(|p| p.eq_ignore_ascii_case("data:image/"))
}

fn is_web(href: &str) -> bool {
    let h = href.trim().to_ascii_lowercase();
    h.starts_with("https://") || h.starts_with("http://") || h.starts_with("mailto:")
}

/// The size of the root `<svg>` in CSS pixels: its `width` and `height`,
/// a missing (or percentage) one taken from the `viewBox` proportions.
fn size_of(root: Node<'_, '_>) -> (f32, f32) {
    let view = root.attribute("viewBox").and_then(view_box);
    let w = root.attribute("width").and_then(css_px);
    let h = root.attribute("height").and_then(css_px);
    match (w, h, view) {
        (Some(w), Some(h), _) => (w, h),
        (Some(w), None, Some((vw, vh))) => (w, w * vh / vw),
        (None, Some(h), Some((vw, vh))) => (h * vw / vh, h),
        (None, None, Some(v)) => v,
        (Some(w), None, None) => (w, w * DEFAULT_SIZE.1 / DEFAULT_SIZE.0),
        (None, Some(h), None) => (h * DEFAULT_SIZE.0 / DEFAULT_SIZE.1, h),
        (None, None, None) => DEFAULT_SIZE,
    }
}

fn view_box(v: &str) -> Option<(f32, f32)> {
    let nums: Vec<f32> = v
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().ok())
        .collect::<Option<_>>()?;
    match nums[..] {
        [_, _, w, h] if w > 0.0 && h > 0.0 && w.is_finite() && h.is_finite() => Some((w, h)),
        _ => None,
    }
}

/// A CSS length as CSS pixels; `None` for percentages, `auto` and junk.
fn css_px(v: &str) -> Option<f32> {
    let v = v.trim();
    let split = v
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == '+' || c == 'e'))
        .unwrap_or(v.len());
    let (num, unit) = v.split_at(split);
    let n: f32 = num.parse().ok()?;
    let per = match unit.trim() {
        "" | "px" => 1.0,
        "pt" => 96.0 / 72.0,
        "pc" => 16.0,
        "in" => 96.0,
        "cm" => 96.0 / 2.54,
        "mm" => 96.0 / 25.4,
        "em" => 16.0,
        "ex" => 8.0,
        _ => return None,
    };
    let px = n * per;
    (px.is_finite() && px > 0.0 && px < 1.0e6).then_some(px)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_width_height_and_view_box() {
        let svg = |attrs: &str| format!("<svg xmlns=\"{SVG_NS}\" {attrs}/>");
        let size = |attrs: &str| {
            let c = clean(svg(attrs).as_bytes()).expect("svg");
            (c.width, c.height)
        };
        assert_eq!(size("width=\"200\" height=\"100\""), (200, 100));
        assert_eq!(size("width=\"72pt\" height=\"1in\""), (96, 96));
        assert_eq!(size("viewBox=\"0 0 40 30\""), (40, 30));
        assert_eq!(size("width=\"80\" viewBox=\"0,0,40,30\""), (80, 60));
        assert_eq!(size("width=\"100%\" viewBox=\"0 0 40 30\""), (40, 30));
        assert_eq!(size(""), (300, 150));
    }

    #[test]
    fn cuts_scripts_handlers_foreign_and_external_references() {
        let src = format!(
            "<?xml version=\"1.0\"?>\n<svg xmlns=\"{SVG_NS}\" xmlns:x=\"{XLINK_NS}\" \
             xmlns:ink=\"urn:ink\" width=\"10\" height=\"10\">\
             <metadata><rdf xmlns=\"urn:rdf\">kept</rdf></metadata>\
             <script>alert(1)</script>\
             <rect width=\"5\" height=\"5\" onclick=\"evil()\"/>\
             <ink:namedview/>\
             <image x:href=\"photo.png\"/><image href=\"data:image/png;base64,AA\"/>\
             <use x:href=\"#r\"/><foreignObject><p>html</p></foreignObject>\
             <a href=\"javascript:x()\"><text>t</text></a></svg>"
        );
        let c = clean(src.as_bytes()).expect("svg");
        let out = String::from_utf8(c.data).expect("utf8");
        for gone in [
            "script",
            "onclick",
            "namedview",
            "photo.png",
            "foreignObject",
            "javascript",
        ] {
            assert!(!out.contains(gone), "{gone} left in {out}");
        }
        for kept in [
            "<rdf",
            "data:image/png",
            "#r",
            "<rect width=\"5\" height=\"5\" ",
            "<text>t",
        ] {
            assert!(out.contains(kept), "{kept} lost from {out}");
        }
        assert!(Document::parse(&out).is_ok(), "still well-formed: {out}");
        assert_eq!(c.removed.len(), 6, "{:?}", c.removed);
    }

    #[test]
    fn deep_nesting_is_refused_without_recursion() {
        let depth = 100_000;
        let src = format!(
            "<svg xmlns=\"{SVG_NS}\">{}{}</svg>",
            "<g>".repeat(depth),
            "</g>".repeat(depth)
        );
        let err = clean(src.as_bytes()).err().expect("refused");
        assert!(err.contains("deep"), "{err}");
        let ok = format!(
            "<svg xmlns=\"{SVG_NS}\">{}{}</svg>",
            "<g>".repeat(50),
            "</g>".repeat(50)
        );
        assert!(clean(ok.as_bytes()).is_ok());
        assert_eq!(
            nesting("<a x='>'><!-- <b> --><c/><d><![CDATA[<e>]]></d></a>"),
            2
        );
    }

    #[test]
    fn refuses_what_is_not_svg() {
        assert!(clean(b"<html/>").is_err());
        assert!(clean(b"<svg>").is_err());
        assert!(clean(b"\xff\xfe").is_err());
        assert!(looks_like_svg(b"\xef\xbb\xbf<?xml version='1.0'?><svg/>"));
        assert!(!looks_like_svg(b"GIF89a"));
    }
}

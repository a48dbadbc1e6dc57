//! `[folio.pdf]`: page and typesetting settings of the PDF.

use serde::Deserialize;

/// The PDF's settings. Every field has a default fit for a Chinese book.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct PdfConfig {
    pub paper: Paper,
    pub profile: Profile,
    /// Body font size in points.
    pub font_size: f32,
    /// Line height as a multiple of the font size.
    pub line_height: f32,
    pub margins: Margins,
    /// Add about a quarter em between CJK and Latin letters or digits.
    pub cjk_latin_spacing: bool,
    /// How wide Chinese punctuation is set (clreq's styles).
    pub punctuation: Punctuation,
    /// The colours of highlighted code; unset: per profile (see
    /// [`PdfConfig::code_theme`]).
    pub code_theme: Option<CodeTheme>,
}

impl Default for PdfConfig {
    fn default() -> Self {
        PdfConfig {
            paper: Paper::A5,
            profile: Profile::Book,
            font_size: 10.5,
            line_height: 1.7,
            margins: Margins::default(),
            cjk_latin_spacing: true,
            punctuation: Punctuation::default(),
            code_theme: None,
        }
    }
}

impl PdfConfig {
    /// The code theme in force: the configured one, else `grayscale` for
    /// a handout (handed out as photocopies, where colour turns into
    /// uneven grays) and `color` for a book.
    pub fn code_theme(&self) -> CodeTheme {
        self.code_theme.unwrap_or(match self.profile {
            Profile::Handout => CodeTheme::Grayscale,
            Profile::Book => CodeTheme::Color,
        })
    }
}

/// How highlighted code is coloured in the PDF: `code-theme = "color"`,
/// `"grayscale"` (for printing in black: gray levels and bold keywords) or
/// `"none"` (plain, as code was before highlighting).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CodeTheme {
    #[serde(alias = "colour")]
    Color,
    #[serde(alias = "greyscale", alias = "gray", alias = "grey")]
    Grayscale,
    None,
}

/// Paper size. In book.toml: `"A4"`, `"A5"`, `"B5"`, `"Letter"`, or
/// `"148x210"` (millimetres).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Paper {
    A4,
    #[default]
    A5,
    B5,
    Letter,
    /// Width and height in millimetres.
    Custom(f32, f32),
}

impl Paper {
    /// Width and height in millimetres.
    pub fn size_mm(self) -> (f32, f32) {
        match self {
            Paper::A4 => (210.0, 297.0),
            Paper::A5 => (148.0, 210.0),
            Paper::B5 => (176.0, 250.0),
            Paper::Letter => (215.9, 279.4),
            Paper::Custom(w, h) => (w, h),
        }
    }
}

impl std::str::FromStr for Paper {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "a4" => Ok(Paper::A4),
            "a5" => Ok(Paper::A5),
            "b5" => Ok(Paper::B5),
            "letter" => Ok(Paper::Letter),
            other => {
                let other = other.trim_end_matches("mm");
                let (w, h) = other.split_once(['x', '×']).ok_or_else(|| {
                    format!(
                        "unknown paper size `{s}`: use A4, A5, B5, Letter or WIDTHxHEIGHT in mm"
                    )
                })?;
                let parse = |v: &str| {
                    v.trim()
                        .trim_end_matches("mm")
                        .parse::<f32>()
                        .ok()
                        .filter(|v| (50.0..=2000.0).contains(v))
                };
                match (parse(w), parse(h)) {
                    (Some(w), Some(h)) => Ok(Paper::Custom(w, h)),
                    _ => Err(format!(
                        "bad paper size `{s}`: width and height must be millimetres between 50 and 2000"
                    )),
                }
            }
        }
    }
}

impl<'de> Deserialize<'de> for Paper {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// The width of full-width Chinese punctuation (clreq 3.1.6). In every
/// style two adjacent marks share one blank half (`”。` takes 1.5 em): clreq
/// asks for that whatever the style.
///
/// The default is `line-end`: mainland books set marks full width in the
/// line, which keeps the text even and the marks easy to see, and clreq
/// notes that mainland (and Hong Kong) publishers mostly adjust widths; the
/// adjustment a reader misses most is at the line end, where a full-width
/// `。` or `，` would leave a half-em hole at the right margin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Punctuation {
    /// 全角式: every mark full width, also at the line end.
    FullWidth,
    /// 开明式: `。！？` full width, the other marks half width everywhere.
    Kaiming,
    /// 行末半角式: full width in the line, but a mark ending a line gives up
    /// its blank half (the line is justified to the mark's ink), and a line
    /// may compress its marks' blank halves to fit.
    #[default]
    LineEnd,
}

impl std::str::FromStr for Punctuation {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "full-width" => Ok(Punctuation::FullWidth),
            "kaiming" => Ok(Punctuation::Kaiming),
            "line-end" => Ok(Punctuation::LineEnd),
            _ => Err(format!(
                "unknown punctuation style `{s}`: use \"line-end\" (行末半角式, the default), \"kaiming\" (开明式) or \"full-width\" (全角式)"
            )),
        }
    }
}

impl<'de> Deserialize<'de> for Punctuation {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// What the PDF is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Profile {
    /// A book: cover, front matter, chapters on new pages.
    #[default]
    Book,
    /// A handout: A4, no cover, title block on page 1, chapters flowing.
    Handout,
}

/// Page margins in millimetres.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Margins {
    pub top: f32,
    pub bottom: f32,
    pub inner: f32,
    pub outer: f32,
}

impl Default for Margins {
    fn default() -> Self {
        Margins {
            top: 18.0,
            bottom: 20.0,
            inner: 18.0,
            outer: 16.0,
        }
    }
}

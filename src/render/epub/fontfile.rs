//! A look inside the font program before it goes into the EPUB.
//!
//! Reading systems load an embedded font like a web font: it must be a
//! whole OpenType file (TrueType or CFF outlines) with a `cmap` table, or
//! every character set in it would vanish. A subset made for PDF embedding
//! may be neither (a bare CFF table, or no `cmap`), so folio checks before
//! embedding and names the file after what it really is.

/// The outline format of an OpenType font file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FontKind {
    /// `glyf` outlines: `.ttf`, `font/ttf`.
    TrueType,
    /// CFF outlines (`OTTO`): `.otf`, `font/otf`.
    Cff,
}

impl FontKind {
    /// Path inside the EPUB, relative to the package document, of the
    /// `n`th embedded face (0-based): `fonts/body.ttf`, `fonts/body-2.otf`…
    pub fn path(self, n: usize) -> String {
        let ext = match self {
            FontKind::TrueType => "ttf",
            FontKind::Cff => "otf",
        };
        match n {
            0 => format!("fonts/body.{ext}"),
            n => format!("fonts/body-{}.{ext}", n + 1),
        }
    }

    /// The media type EPUBCheck 5.3 accepts for it without a warning.
    pub fn media_type(self) -> &'static str {
        match self {
            FontKind::TrueType => "font/ttf",
            FontKind::Cff => "font/otf",
        }
    }
}

/// What kind of font `data` is, or `None` when it is not a single OpenType
/// font with a `cmap` table (and so cannot be embedded in an EPUB).
pub fn sniff(data: &[u8]) -> Option<FontKind> {
    let kind = match data.get(0..4)? {
        [0, 1, 0, 0] | b"true" => FontKind::TrueType,
        b"OTTO" => FontKind::Cff,
        _ => return None,
    };
    let num_tables = usize::from(u16::from_be_bytes([*data.get(4)?, *data.get(5)?]));
    let has_cmap = (0..num_tables).any(|i| data.get(12 + 16 * i..16 + 16 * i) == Some(b"cmap"));
    has_cmap.then_some(kind)
}

#[cfg(test)]
pub(crate) fn fake_font(magic: &[u8; 4], tables: &[&[u8; 4]]) -> Vec<u8> {
    let mut out = magic.to_vec();
    out.extend((tables.len() as u16).to_be_bytes());
    out.extend([0u8; 6]);
    for tag in tables {
        out.extend(*tag);
        out.extend([0u8; 12]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_outline_formats_and_requires_cmap() {
        assert_eq!(
            sniff(&fake_font(b"OTTO", &[b"CFF ", b"cmap"])),
            Some(FontKind::Cff)
        );
        assert_eq!(
            sniff(&fake_font(&[0, 1, 0, 0], &[b"cmap", b"glyf"])),
            Some(FontKind::TrueType)
        );
        assert_eq!(sniff(&fake_font(b"OTTO", &[b"CFF "])), None);
        assert_eq!(sniff(b"\x01\x00\x04\x02bare CFF"), None);
        assert_eq!(sniff(&fake_font(b"ttcf", &[b"cmap"])), None);
        assert_eq!(sniff(b"OTT"), None);
        // A table count that runs past the end of the data.
        assert_eq!(sniff(b"OTTO\xff\xff"), None);
    }
}

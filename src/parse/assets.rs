//! Images and other files the manuscript points at.
//!
//! A path in the Markdown is the author's, but the file system is the
//! reader's machine: a path that leaves the book folder (`../../etc/passwd`,
//! an absolute path, a symlink pointing outside) is refused and never read.
//! Files are read once, checked to be the image they claim to be, and kept
//! in memory as [`Asset`]s.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use crate::book::{Asset, AssetId, MediaType};
use crate::world::World;

pub struct Assets<'w> {
    /// Where the files are read from.
    world: &'w dyn World,
    /// The book folder, canonical.
    root: PathBuf,
    pub list: Vec<Asset>,
    by_path: BTreeMap<PathBuf, AssetId>,
    /// What was cut out of an SVG to make it fit for an EPUB, said once
    /// per file by whoever asked for it ([`Assets::take_notes`]).
    notes: Vec<String>,
}

impl<'w> Assets<'w> {
    pub fn new(world: &'w dyn World, root: &Path) -> Self {
        Assets {
            world,
            root: world
                .canonicalize(root)
                .unwrap_or_else(|_| root.to_path_buf()),
            list: Vec::new(),
            by_path: BTreeMap::new(),
            notes: Vec::new(),
        }
    }

    /// The canonical name of `path`, wherever it is (for the cover
    /// book.toml names, which the author, not the Markdown, chose).
    pub fn canonicalize(&self, path: &Path) -> std::io::Result<PathBuf> {
        self.world.canonicalize(path)
    }

    /// Forgets the assets after the first `len`, as if they were never
    /// read (a reused file's images, when they turn out to differ).
    pub fn truncate(&mut self, len: usize) {
        self.list.truncate(len);
        self.by_path.retain(|_, id| *id < len);
    }

    /// Warnings about the files read since the last call.
    pub fn take_notes(&mut self) -> Vec<String> {
        std::mem::take(&mut self.notes)
    }

    /// Resolves `rel` (relative to the folder `base`) to a canonical path
    /// inside the book folder.
    pub fn resolve(&self, base: &Path, rel: &str) -> Result<PathBuf, String> {
        let rel_path = Path::new(rel);
        if rel_path.is_absolute()
            || rel_path
                .components()
                .any(|c| matches!(c, Component::Prefix(_)))
        {
            return Err(format!(
                "`{rel}` is an absolute path; only paths inside the book folder are read"
            ));
        }
        let joined = base.join(rel_path);
        let canonical = self
            .world
            .canonicalize(&joined)
            .map_err(|_| format!("`{rel}` does not exist"))?;
        if !canonical.starts_with(&self.root) {
            return Err(format!(
                "`{rel}` points outside the book folder and is not read"
            ));
        }
        Ok(canonical)
    }

    /// Reads an image once and returns its asset id.
    pub fn image(&mut self, base: &Path, src: &str) -> Result<AssetId, String> {
        let lower = src.trim().to_ascii_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("//")
        {
            return Err(format!(
                "remote image `{src}` is not fetched; it is kept as a link"
            ));
        }
        if lower.contains(':') && !lower.starts_with("./") {
            return Err(format!("image `{src}` is not a file path; it is left out"));
        }
        let path = self
            .resolve(base, src)
            .map_err(|why| format!("image left out: {why}"))?;
        if let Some(&id) = self.by_path.get(&path) {
            return Ok(id);
        }
        self.add_file(&path, src)
    }

    /// Reads the file at the canonical `path` as an image asset.
    pub fn add_file(&mut self, path: &Path, shown: &str) -> Result<AssetId, String> {
        let data = self
            .world
            .read(path)
            .map_err(|e| format!("image `{shown}` cannot be read: {e}"))?;
        let (media_type, width, height, data) = match sniff(&data) {
            Some((t, w, h)) => (t, w, h, data),
            None if super::svg::looks_like_svg(&data) => {
                let svg = super::svg::clean(&data)
                    .map_err(|why| format!("image `{shown}` is not a usable SVG file: it {why}"))?;
                if !svg.removed.is_empty() {
                    self.notes.push(format!(
                        "SVG image `{shown}`: {} removed (an EPUB may not hold them)",
                        svg.removed.join(", ")
                    ));
                }
                (MediaType::Svg, svg.width, svg.height, svg.data)
            }
            None => {
                return Err(format!(
                    "image `{shown}` is not a complete PNG, JPEG, GIF, WebP or SVG file"
                ))
            }
        };
        let id = self.list.len();
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let safe: String = stem
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let ext = match media_type {
            MediaType::Png => "png",
            MediaType::Jpeg => "jpg",
            MediaType::Gif => "gif",
            MediaType::Svg => "svg",
            MediaType::Webp => "webp",
        };
        self.list.push(Asset {
            name: format!("images/{id:03}-{safe}.{ext}"),
            media_type,
            data,
            width,
            height,
        });
        self.by_path.insert(path.to_path_buf(), id);
        Ok(id)
    }
}

/// Recognizes PNG, JPEG, GIF and WebP by content (never by file name) and
/// reads their pixel size. A truncated file is refused. (SVG is text, and
/// recognized by [`super::svg`].)
pub fn sniff(data: &[u8]) -> Option<(MediaType, u32, u32)> {
    if data.starts_with(b"\x89PNG\r\n\x1a\n") {
        let ihdr = data.get(12..24)?;
        if &ihdr[..4] != b"IHDR" {
            return None;
        }
        let w = u32::from_be_bytes(ihdr[4..8].try_into().ok()?);
        let h = u32::from_be_bytes(ihdr[8..12].try_into().ok()?);
        let complete = data.len() >= 12 && data[data.len() - 12..].windows(4).any(|w| w == b"IEND");
        return (complete && w > 0 && h > 0).then_some((MediaType::Png, w, h));
    }
    if data.starts_with(&[0xFF, 0xD8]) {
        if !data.ends_with(&[0xFF, 0xD9]) {
            return None;
        }
        let (w, h) = jpeg_size(data)?;
        return Some((MediaType::Jpeg, w, h));
    }
    if data.starts_with(b"GIF87a") || data.starts_with(b"GIF89a") {
        let w = u16::from_le_bytes(data.get(6..8)?.try_into().ok()?) as u32;
        let h = u16::from_le_bytes(data.get(8..10)?.try_into().ok()?) as u32;
        return (data.ends_with(b";") && w > 0 && h > 0).then_some((MediaType::Gif, w, h));
    }
    if data.get(..4) == Some(b"RIFF") && data.get(8..12) == Some(b"WEBP") {
        let riff_len = u32::from_le_bytes(data.get(4..8)?.try_into().ok()?) as usize;
        if data.len() < riff_len.saturating_add(8) {
            return None;
        }
        let (w, h) = webp_size(data)?;
        return Some((MediaType::Webp, w, h));
    }
    None
}

/// The canvas size of a WebP file, from its first chunk: `VP8X`
/// (extended: 24-bit sizes minus one), `VP8L` (lossless: 14-bit sizes
/// minus one) or `VP8 ` (lossy: the key frame's 14-bit sizes).
fn webp_size(data: &[u8]) -> Option<(u32, u32)> {
    let body = data.get(20..30)?;
    let le24 = |b: &[u8]| u32::from(b[0]) | u32::from(b[1]) << 8 | u32::from(b[2]) << 16;
    let (w, h) = match data.get(12..16)? {
        b"VP8X" => (le24(&body[4..7]) + 1, le24(&body[7..10]) + 1),
        b"VP8L" => {
            if body[0] != 0x2F {
                return None;
            }
            let bits = u32::from_le_bytes(body[1..5].try_into().ok()?);
            ((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
        }
        b"VP8 " => {
            if body[3..6] != [0x9D, 0x01, 0x2A] {
                return None;
            }
            let w = u16::from_le_bytes([body[6], body[7]]) & 0x3FFF;
            let h = u16::from_le_bytes([body[8], body[9]]) & 0x3FFF;
            (u32::from(w), u32::from(h))
        }
        _ => return None,
    };
    (w > 0 && h > 0).then_some((w, h))
}

/// Walks JPEG markers to the first start-of-frame.
fn jpeg_size(data: &[u8]) -> Option<(u32, u32)> {
    let mut i = 2;
    while i + 4 <= data.len() {
        if data[i] != 0xFF {
            return None;
        }
        let marker = data[i + 1];
        if marker == 0xFF {
            i += 1;
            continue;
        }
        let len = u16::from_be_bytes([data[i + 2], data[i + 3]]) as usize;
        let is_sof = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if is_sof {
            let seg = data.get(i + 4..i + 9)?;
            let h = u16::from_be_bytes([seg[1], seg[2]]) as u32;
            let w = u16::from_be_bytes([seg[3], seg[4]]) as u32;
            return (w > 0 && h > 0).then_some((w, h));
        }
        i += 2 + len;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_outside_the_book() {
        let dir = tempfile::tempdir().unwrap();
        let book = dir.path().join("book");
        std::fs::create_dir(&book).unwrap();
        std::fs::write(dir.path().join("secret.png"), b"x").unwrap();
        let assets = Assets::new(&crate::world::Disk, &book);
        assert!(assets
            .resolve(&book, "../secret.png")
            .unwrap_err()
            .contains("outside"));
        assert!(assets
            .resolve(&book, "/etc/passwd")
            .unwrap_err()
            .contains("absolute"));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.png"), book.join("link.png"))
                .unwrap();
            assert!(assets
                .resolve(&book, "link.png")
                .unwrap_err()
                .contains("outside"));
        }
    }

    #[test]
    fn sniffs_and_rejects_truncated_images() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\x02\0\0\0\x03\x08\x02\0\0\0".to_vec();
        assert_eq!(sniff(&png), None, "no IEND: truncated");
        png.extend_from_slice(b"\0\0\0\0IEND\xaeB`\x82");
        assert_eq!(sniff(&png), Some((MediaType::Png, 2, 3)));
        assert_eq!(sniff(b"this is text, not a JPEG"), None);
    }
}

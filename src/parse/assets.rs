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

pub struct Assets {
    /// The book folder, canonical.
    root: PathBuf,
    pub list: Vec<Asset>,
    by_path: BTreeMap<PathBuf, AssetId>,
}

impl Assets {
    pub fn new(root: &Path) -> Self {
        Assets {
            root: std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()),
            list: Vec::new(),
            by_path: BTreeMap::new(),
        }
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
        let canonical =
            std::fs::canonicalize(&joined).map_err(|_| format!("`{rel}` does not exist"))?;
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
        let data =
            std::fs::read(path).map_err(|e| format!("image `{shown}` cannot be read: {e}"))?;
        let (media_type, width, height) = sniff(&data)
            .ok_or_else(|| format!("image `{shown}` is not a complete PNG, JPEG or GIF file"))?;
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

/// Recognizes PNG, JPEG and GIF by content (never by file name) and reads
/// their pixel size. A truncated file is refused.
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
    None
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
        let assets = Assets::new(&book);
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

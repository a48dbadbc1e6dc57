//! The size an image asks to be shown at, read from its own bytes.
//!
//! A raster image is as large as its pixels at its own resolution: PNG
//! `pHYs`, JPEG JFIF density, else 96 dpi (the CSS pixel, which is what an
//! EPUB reading system assumes too). An SVG is as large as its `width` and
//! `height` (or its `viewBox`), already in CSS pixels in [`Asset::width`].
//! Layout then scales this to the text block; it never reads a file.

use super::{Asset, MediaType};

/// Resolution of a CSS pixel, and of an image that does not say.
pub const CSS_DPI: f32 = 96.0;

/// Densities outside this range are taken for mistakes (a `pHYs` of 1
/// pixel per metre would make a page-sized icon a kilometre wide).
const PLAUSIBLE_DPI: std::ops::RangeInclusive<f32> = 24.0..=4800.0;

impl Asset {
    /// Width and height in points at the image's own resolution, or
    /// `None` when the asset has no usable size.
    pub fn size_pt(&self) -> Option<(f32, f32)> {
        if self.width == 0 || self.height == 0 {
            return None;
        }
        let (dx, dy) = match self.media_type {
            MediaType::Png => png_dpi(&self.data),
            MediaType::Jpeg => jfif_dpi(&self.data),
            _ => None,
        }
        .filter(|(x, y)| PLAUSIBLE_DPI.contains(x) && PLAUSIBLE_DPI.contains(y))
        .unwrap_or((CSS_DPI, CSS_DPI));
        Some((
            self.width as f32 * 72.0 / dx,
            self.height as f32 * 72.0 / dy,
        ))
    }
}

/// The `pHYs` chunk's pixels per metre as dots per inch (unit 1 only: unit
/// 0 gives an aspect ratio, not a size).
fn png_dpi(data: &[u8]) -> Option<(f32, f32)> {
    let mut pos = 8;
    while let Some(head) = data.get(pos..pos + 8) {
        let len = u32::from_be_bytes(head[..4].try_into().ok()?) as usize;
        let kind = &head[4..8];
        if kind == b"IDAT" || kind == b"IEND" {
            return None;
        }
        if kind == b"pHYs" && len == 9 {
            let body = data.get(pos + 8..pos + 17)?;
            let x = u32::from_be_bytes(body[..4].try_into().ok()?);
            let y = u32::from_be_bytes(body[4..8].try_into().ok()?);
            return (body[8] == 1).then_some((x as f32 * 0.0254, y as f32 * 0.0254));
        }
        pos = pos.checked_add(12)?.checked_add(len)?;
    }
    None
}

/// The density of a JPEG's JFIF APP0 segment, in dots per inch (units 1)
/// or per centimetre (units 2); units 0 is an aspect ratio only.
fn jfif_dpi(data: &[u8]) -> Option<(f32, f32)> {
    let seg = data.get(2..20)?;
    if seg[..2] != [0xFF, 0xE0] || &seg[4..9] != b"JFIF\0" {
        return None;
    }
    let x = f32::from(u16::from_be_bytes([seg[12], seg[13]]));
    let y = f32::from(u16::from_be_bytes([seg[14], seg[15]]));
    match seg[11] {
        1 => Some((x, y)),
        2 => Some((x * 2.54, y * 2.54)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asset(media_type: MediaType, data: Vec<u8>, w: u32, h: u32) -> Asset {
        Asset {
            name: "images/x".into(),
            media_type,
            data,
            width: w,
            height: h,
        }
    }

    fn png_with_phys(ppm: u32, unit: u8) -> Vec<u8> {
        let mut v = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        v.extend_from_slice(&[0; 13 + 4]);
        v.extend_from_slice(&9u32.to_be_bytes());
        v.extend_from_slice(b"pHYs");
        v.extend_from_slice(&ppm.to_be_bytes());
        v.extend_from_slice(&ppm.to_be_bytes());
        v.push(unit);
        v.extend_from_slice(&[0; 4]);
        v.extend_from_slice(b"\0\0\0\0IDAT");
        v
    }

    #[test]
    fn png_density_sets_the_size() {
        // 11 811 pixels per metre is 300 dpi: 600 px are 2 inches.
        let a = asset(MediaType::Png, png_with_phys(11_811, 1), 600, 300);
        let (w, h) = a.size_pt().expect("size");
        assert!((w - 144.0).abs() < 0.1 && (h - 72.0).abs() < 0.1, "{w} {h}");
        // An aspect-only pHYs, and no pHYs at all, are 96 dpi.
        let a = asset(MediaType::Png, png_with_phys(11_811, 0), 96, 96);
        assert_eq!(a.size_pt(), Some((72.0, 72.0)));
        let a = asset(MediaType::Png, b"\x89PNG\r\n\x1a\n".to_vec(), 96, 96);
        assert_eq!(a.size_pt(), Some((72.0, 72.0)));
    }

    #[test]
    fn implausible_or_broken_densities_are_ignored() {
        let a = asset(MediaType::Png, png_with_phys(1, 1), 96, 96);
        assert_eq!(a.size_pt(), Some((72.0, 72.0)));
        let mut broken = png_with_phys(11_811, 1);
        broken[8..12].copy_from_slice(&u32::MAX.to_be_bytes());
        let a = asset(MediaType::Png, broken, 96, 96);
        assert_eq!(a.size_pt(), Some((72.0, 72.0)));
        assert_eq!(asset(MediaType::Png, vec![], 0, 5).size_pt(), None);
    }

    #[test]
    fn jfif_density_in_inches_and_centimetres() {
        let jfif = |units: u8, d: u16| {
            let mut v = vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 16];
            v.extend_from_slice(b"JFIF\0\x01\x02");
            v.push(units);
            v.extend_from_slice(&d.to_be_bytes());
            v.extend_from_slice(&d.to_be_bytes());
            v.extend_from_slice(&[0, 0]);
            v
        };
        let a = asset(MediaType::Jpeg, jfif(1, 144), 288, 144);
        assert_eq!(a.size_pt(), Some((144.0, 72.0)));
        let a = asset(MediaType::Jpeg, jfif(2, 100), 254, 254);
        let (w, _) = a.size_pt().expect("size");
        assert!((w - 72.0).abs() < 0.01, "{w}");
        let a = asset(MediaType::Jpeg, jfif(0, 1), 96, 96);
        assert_eq!(a.size_pt(), Some((72.0, 72.0)));
    }
}

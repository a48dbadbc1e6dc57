//! Image XObjects from the book's assets.
//!
//! JPEG goes in as is (`/DCTDecode`): PDF readers decode it themselves, so
//! there is no re-encoding and no quality loss; only its header is read for
//! the size and colour space. PNG is decoded with the `png` crate (far
//! lighter than printpdf's `image` features) into 8-bit gray or RGB samples,
//! its alpha channel, if any, becoming a `/SMask`; both are Flate-compressed.
//! GIF and WebP are decoded by [`super::raster`] into the same samples.
//! SVG is not an image XObject at all: [`super::svg`] draws it as vectors.

use std::collections::BTreeMap;
use std::io::Cursor;

use printpdf::{DictItem, ExternalStream, ExternalXObject};

use crate::book::{Asset, MediaType};

/// An image XObject for `asset`, or why it cannot be drawn.
pub fn image_xobject(asset: &Asset) -> Result<ExternalXObject, String> {
    let stream = match asset.media_type {
        MediaType::Jpeg => jpeg_stream(&asset.data)?,
        MediaType::Png => png_stream(&asset.data)?,
        MediaType::Gif => pixels_stream(super::raster::gif(&asset.data)?),
        MediaType::Webp => pixels_stream(super::raster::webp(&asset.data)?),
        MediaType::Svg => return Err("an SVG is drawn as a form, not an image".into()),
    };
    Ok(ExternalXObject {
        stream,
        width: None,
        height: None,
        dpi: None,
    })
}

fn image_dict(width: u32, height: u32, color_space: &str) -> BTreeMap<String, DictItem> {
    BTreeMap::from([
        ("Type".into(), name("XObject")),
        ("Subtype".into(), name("Image")),
        ("Width".into(), DictItem::Int(width.into())),
        ("Height".into(), DictItem::Int(height.into())),
        ("ColorSpace".into(), name(color_space)),
        ("BitsPerComponent".into(), DictItem::Int(8)),
    ])
}

fn name(n: &str) -> DictItem {
    DictItem::Name(n.as_bytes().to_vec())
}

fn jpeg_stream(data: &[u8]) -> Result<ExternalStream, String> {
    let header = jpeg_header(data).ok_or("not a readable JPEG file")?;
    let color_space = match header.components {
        1 => "DeviceGray",
        3 => "DeviceRGB",
        4 => "DeviceCMYK",
        n => return Err(format!("JPEG with {n} colour components")),
    };
    let mut dict = image_dict(header.width.into(), header.height.into(), color_space);
    dict.insert("Filter".into(), name("DCTDecode"));
    if header.components == 4 && header.adobe {
        // Photoshop writes CMYK JPEGs inverted; its APP14 marker says so.
        let decode = [1, 0, 1, 0, 1, 0, 1, 0].map(DictItem::Int).to_vec();
        dict.insert("Decode".into(), DictItem::Array(decode));
    }
    Ok(ExternalStream {
        dict,
        content: data.to_vec(),
        compress: false,
    })
}

#[derive(Debug, PartialEq)]
struct JpegHeader {
    width: u16,
    height: u16,
    components: u8,
    /// An Adobe APP14 marker is present.
    adobe: bool,
}

/// Reads the frame header (SOFn) of a JPEG file.
fn jpeg_header(data: &[u8]) -> Option<JpegHeader> {
    if data.get(..2)? != [0xFF, 0xD8] {
        return None;
    }
    let mut pos = 2;
    let mut adobe = false;
    loop {
        // Skip fill bytes before a marker.
        while *data.get(pos)? == 0xFF && *data.get(pos + 1)? == 0xFF {
            pos += 1;
        }
        if *data.get(pos)? != 0xFF {
            return None;
        }
        let marker = *data.get(pos + 1)?;
        let len = usize::from(u16::from_be_bytes([
            *data.get(pos + 2)?,
            *data.get(pos + 3)?,
        ]));
        let segment = data.get(pos + 4..pos + 2 + len)?;
        match marker {
            0xEE if segment.starts_with(b"Adobe") => adobe = true,
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => {
                let height = u16::from_be_bytes([*segment.get(1)?, *segment.get(2)?]);
                let width = u16::from_be_bytes([*segment.get(3)?, *segment.get(4)?]);
                let components = *segment.get(5)?;
                if width == 0 || height == 0 || *segment.first()? != 8 {
                    return None;
                }
                return Some(JpegHeader {
                    width,
                    height,
                    components,
                    adobe,
                });
            }
            0xD9 | 0xDA => return None, // end of image or scan before any frame
            _ => {}
        }
        pos += 2 + len;
    }
}

use super::raster::{Pixels, MAX_PIXEL_BYTES};

fn png_stream(data: &[u8]) -> Result<ExternalStream, String> {
    let mut decoder = png::Decoder::new(Cursor::new(data));
    // Palettes and low bit depths expanded, 16 bits cut to 8: every image
    // comes out as 8-bit gray or RGB, with or without alpha.
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().map_err(|e| format!("bad PNG: {e}"))?;
    let size = reader
        .output_buffer_size()
        .filter(|&n| n <= MAX_PIXEL_BYTES)
        .ok_or("the PNG image is too large (over 256 MB of pixels)")?;
    let mut buf = vec![0; size];
    let info = reader
        .next_frame(&mut buf)
        .map_err(|e| format!("bad PNG: {e}"))?;
    buf.truncate(info.buffer_size());
    let (channels, color_space) = match info.color_type {
        png::ColorType::Grayscale => (1, "DeviceGray"),
        png::ColorType::GrayscaleAlpha => (2, "DeviceGray"),
        png::ColorType::Rgb => (3, "DeviceRGB"),
        png::ColorType::Rgba => (4, "DeviceRGB"),
        png::ColorType::Indexed => return Err("PNG palette was not expanded".into()),
    };
    Ok(samples_stream(
        info.width,
        info.height,
        &buf,
        channels,
        color_space,
    ))
}

/// Decoded 8-bit RGB or RGBA pixels as an image stream.
fn pixels_stream(p: Pixels) -> ExternalStream {
    samples_stream(p.width, p.height, &p.data, p.channels, "DeviceRGB")
}

/// 8-bit samples (gray or RGB, with or without alpha) as an image stream,
/// the alpha plane becoming a `/SMask`.
fn samples_stream(
    width: u32,
    height: u32,
    samples: &[u8],
    channels: usize,
    color_space: &str,
) -> ExternalStream {
    let (color, alpha) = split_alpha(samples, channels);
    let mut dict = image_dict(width, height, color_space);
    if let Some(alpha) = alpha {
        let mask = ExternalStream {
            dict: image_dict(width, height, "DeviceGray"),
            content: alpha,
            compress: true,
        };
        dict.insert("SMask".into(), DictItem::Stream { stream: mask });
    }
    ExternalStream {
        dict,
        content: color,
        compress: true,
    }
}

/// Separates colour samples from alpha (gray+A or RGB+A); the alpha plane is
/// dropped when the image is fully opaque.
fn split_alpha(pixels: &[u8], channels: usize) -> (Vec<u8>, Option<Vec<u8>>) {
    if channels % 2 == 1 {
        return (pixels.to_vec(), None);
    }
    let colors = channels - 1;
    let mut color = Vec::with_capacity(pixels.len() / channels * colors);
    let mut alpha = Vec::with_capacity(pixels.len() / channels);
    for px in pixels.chunks_exact(channels) {
        color.extend_from_slice(&px[..colors]);
        alpha.push(px[colors]);
    }
    let opaque = alpha.iter().all(|&a| a == 255);
    (color, (!opaque).then_some(alpha))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A `w`×`h` RGBA PNG whose first pixel is transparent.
    pub fn png_rgba(w: u32, h: u32) -> Vec<u8> {
        let mut out = Vec::new();
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(png::ColorType::Rgba);
        enc.set_depth(png::BitDepth::Eight);
        let mut writer = enc.write_header().expect("header");
        let mut pixels = vec![200u8; (w * h * 4) as usize];
        pixels[3] = 0;
        writer.write_image_data(&pixels).expect("data");
        writer.finish().expect("finish");
        out
    }

    /// The smallest JPEG-like header the parser accepts: SOI, APP0, SOF0.
    pub fn jpeg_stub(w: u16, h: u16) -> Vec<u8> {
        let mut v = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00];
        v.extend_from_slice(&[0xFF, 0xC0, 0x00, 0x11, 8]);
        v.extend_from_slice(&h.to_be_bytes());
        v.extend_from_slice(&w.to_be_bytes());
        v.extend_from_slice(&[3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
        v.extend_from_slice(&[0xFF, 0xD9]);
        v
    }

    #[test]
    fn reads_the_jpeg_frame_header() {
        let h = jpeg_header(&jpeg_stub(640, 480)).expect("header");
        assert_eq!(
            h,
            JpegHeader {
                width: 640,
                height: 480,
                components: 3,
                adobe: false
            }
        );
    }

    #[test]
    fn jpeg_is_embedded_verbatim() {
        let data = jpeg_stub(2, 3);
        let s = jpeg_stream(&data).expect("stream");
        assert_eq!(s.content, data);
        assert!(!s.compress);
        assert_eq!(s.dict["Filter"], name("DCTDecode"));
        assert_eq!(s.dict["Width"], DictItem::Int(2));
    }

    #[test]
    fn broken_jpegs_are_refused_without_panic() {
        for bad in [
            &b""[..],
            b"\xFF\xD8",
            b"\xFF\xD8\xFF\xC0\x00",
            b"hello world",
        ] {
            assert!(jpeg_header(bad).is_none());
        }
        let mut truncated = jpeg_stub(2, 2);
        truncated.truncate(12);
        assert!(jpeg_stream(&truncated).is_err());
    }

    #[test]
    fn png_alpha_becomes_a_soft_mask() {
        let s = png_stream(&png_rgba(3, 2)).expect("stream");
        assert_eq!(s.content.len(), 3 * 2 * 3);
        let Some(DictItem::Stream { stream: mask }) = s.dict.get("SMask") else {
            panic!("no soft mask");
        };
        assert_eq!(mask.content.len(), 6);
        assert_eq!(mask.content[0], 0);
    }

    #[test]
    fn truncated_png_is_an_error() {
        let mut data = png_rgba(4, 4);
        data.truncate(data.len() / 2);
        assert!(png_stream(&data).is_err());
        assert!(png_stream(b"not a png").is_err());
    }

    #[test]
    fn huge_png_header_is_refused_before_allocating() {
        // A valid 1×1 PNG whose header is patched to claim 60 000 × 60 000.
        let mut data = png_rgba(1, 1);
        data[16..20].copy_from_slice(&60_000u32.to_be_bytes());
        data[20..24].copy_from_slice(&60_000u32.to_be_bytes());
        let crc = crc32(&data[12..29]);
        data[29..33].copy_from_slice(&crc.to_be_bytes());
        let err = png_stream(&data).expect_err("refused");
        assert!(err.contains("too large"), "{err}");
    }

    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    #[test]
    fn opaque_alpha_is_dropped() {
        let (c, a) = split_alpha(&[1, 2, 3, 255, 4, 5, 6, 255], 4);
        assert_eq!(c, [1, 2, 3, 4, 5, 6]);
        assert!(a.is_none());
    }
}

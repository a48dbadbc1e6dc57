//! GIF and WebP decoded into pixels for an image XObject.
//!
//! PDF has no filter for either format, so they are decoded here: GIF with
//! the `gif` crate (its first frame, on the logical screen), WebP with
//! `image-webp` (pure Rust, lossy and lossless, the image-rs project's own
//! decoder). Both give 8-bit RGBA or RGB samples, which become the same
//! XObject as a decoded PNG.

use std::io::Cursor;

/// Decoded samples: 8 bits each, `channels` per pixel (3 = RGB, 4 = RGBA).
pub struct Pixels {
    pub width: u32,
    pub height: u32,
    pub channels: usize,
    pub data: Vec<u8>,
}

/// Decoded pixels allowed for one image: a header claiming a huge image
/// must not make folio allocate gigabytes (256 MB is 8 000 × 8 000 RGBA).
pub const MAX_PIXEL_BYTES: usize = 256 << 20;

/// The first frame of a GIF, drawn on its logical screen (transparent
/// where the frame does not reach).
pub fn gif(data: &[u8]) -> Result<Pixels, String> {
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::RGBA);
    options.set_memory_limit(gif::MemoryLimit::Bytes(
        std::num::NonZeroU64::new(MAX_PIXEL_BYTES as u64).ok_or("no memory limit")?,
    ));
    let mut decoder = options
        .read_info(Cursor::new(data))
        .map_err(|e| format!("bad GIF: {e}"))?;
    let (sw, sh) = (usize::from(decoder.width()), usize::from(decoder.height()));
    if sw * sh * 4 > MAX_PIXEL_BYTES {
        return Err("the GIF image is too large (over 256 MB of pixels)".into());
    }
    let frame = decoder
        .read_next_frame()
        .map_err(|e| format!("bad GIF: {e}"))?
        .ok_or("the GIF file has no image")?;
    let (fw, fh) = (usize::from(frame.width), usize::from(frame.height));
    let (left, top) = (usize::from(frame.left), usize::from(frame.top));
    let mut canvas = vec![0u8; sw * sh * 4];
    for y in 0..fh.min(sh.saturating_sub(top)) {
        let Some(row) = frame.buffer.get(y * fw * 4..(y + 1) * fw * 4) else {
            break;
        };
        let w = fw.min(sw.saturating_sub(left));
        let at = ((top + y) * sw + left) * 4;
        canvas[at..at + w * 4].copy_from_slice(&row[..w * 4]);
    }
    Ok(Pixels {
        width: sw as u32,
        height: sh as u32,
        channels: 4,
        data: canvas,
    })
}

/// A WebP image (the first frame of an animation).
pub fn webp(data: &[u8]) -> Result<Pixels, String> {
    let bad = |e: image_webp::DecodingError| format!("bad WebP: {e}");
    let mut decoder = image_webp::WebPDecoder::new(Cursor::new(data)).map_err(bad)?;
    decoder.set_memory_limit(MAX_PIXEL_BYTES);
    let (width, height) = decoder.dimensions();
    let size = decoder
        .output_buffer_size()
        .filter(|&n| n <= MAX_PIXEL_BYTES)
        .ok_or("the WebP image is too large (over 256 MB of pixels)")?;
    let channels = if decoder.has_alpha() { 4 } else { 3 };
    let mut buf = vec![0; size];
    decoder.read_image(&mut buf).map_err(bad)?;
    Ok(Pixels {
        width,
        height,
        channels,
        data: buf,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 3×2 GIF whose 2×1 frame sits at (1, 1) on the screen.
    fn small_gif() -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut enc = gif::Encoder::new(&mut out, 3, 2, &[255, 0, 0, 0, 0, 255]).expect("enc");
            let frame = gif::Frame {
                left: 1,
                top: 1,
                width: 2,
                height: 1,
                buffer: std::borrow::Cow::Owned(vec![0, 1]),
                ..gif::Frame::default()
            };
            enc.write_frame(&frame).expect("frame");
        }
        out
    }

    #[test]
    fn gif_frame_is_placed_on_its_screen() {
        let p = gif(&small_gif()).expect("decoded");
        assert_eq!((p.width, p.height, p.channels), (3, 2, 4));
        assert_eq!(
            &p.data[..4],
            &[0, 0, 0, 0],
            "outside the frame: transparent"
        );
        assert_eq!(
            &p.data[16..20],
            &[255, 0, 0, 255],
            "the frame's first pixel"
        );
        assert_eq!(&p.data[20..24], &[0, 0, 255, 255]);
    }

    #[test]
    fn broken_files_are_errors() {
        assert!(gif(b"GIF89a").is_err());
        assert!(webp(b"RIFF\x04\0\0\0WEBP").is_err());
        let mut g = small_gif();
        g.truncate(g.len() / 2);
        assert!(gif(&g).is_err());
    }
}

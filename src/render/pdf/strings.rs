//! PDF text strings (ISO 32000-1 7.9.2.2): titles, bookmarks, metadata.
//! Plain ASCII is written as a literal string; anything else as UTF-16BE
//! with a byte order mark, which every reader understands (PDFDocEncoding
//! cannot hold CJK).

use lopdf::{Object, StringFormat};

pub fn text_string(s: &str) -> Object {
    if s.bytes().all(|b| (0x20..0x7F).contains(&b)) {
        Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let mut bytes = vec![0xFE, 0xFF];
        bytes.extend(s.encode_utf16().flat_map(u16::to_be_bytes));
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}

/// A URI as PDF wants it: 7-bit ASCII, other bytes percent-encoded.
pub fn ascii_uri(uri: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(uri.len());
    for b in uri.bytes() {
        if b.is_ascii_graphic() {
            out.push(b);
        } else {
            out.extend(format!("%{b:02X}").bytes());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_stays_literal() {
        assert_eq!(
            text_string("Hi (there)"),
            Object::String(b"Hi (there)".to_vec(), StringFormat::Literal)
        );
    }

    #[test]
    fn cjk_becomes_utf16be_with_bom() {
        assert_eq!(
            text_string("中a"),
            Object::String(
                vec![0xFE, 0xFF, 0x4E, 0x2D, 0x00, 0x61],
                StringFormat::Hexadecimal
            )
        );
    }

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(
            ascii_uri("https://例.cn/a b"),
            b"https://%E4%BE%8B.cn/a%20b"
        );
    }
}

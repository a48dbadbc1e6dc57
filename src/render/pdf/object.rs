//! PDF objects into bytes (ISO 32000-1 7.3), for [`super::file`]: lopdf's
//! own writer is private to it, and writes hex strings and names a
//! `write!` per byte. References are written through the file's
//! [`Numbering`], so objects are numbered as they are written, without a
//! pass that rewrites every reference in the tree first.

use lopdf::{Dictionary, Object, ObjectId, StringFormat};

use super::num::push_int;

/// The number each object of the document gets in the file, by its lopdf
/// id; `0` for none (a reference to an object that is not there, which a
/// reader takes as `null`).
pub struct Numbering {
    by_id: Vec<u32>,
}

impl Numbering {
    /// `by_id[n]`: the file number of lopdf object `(n, 0)`.
    pub fn new(by_id: Vec<u32>) -> Numbering {
        Numbering { by_id }
    }

    /// The file number of lopdf object `id` (`None`: not in the document).
    pub fn of(&self, id: ObjectId) -> Option<u32> {
        if id.1 != 0 {
            return None;
        }
        self.by_id.get(id.0 as usize).copied().filter(|&n| n != 0)
    }
}

/// Writes `object` to `out`, its references renumbered by `numbers`.
pub fn write_object(out: &mut Vec<u8>, object: &Object, numbers: &Numbering) {
    match object {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(true) => out.extend_from_slice(b"true"),
        Object::Boolean(false) => out.extend_from_slice(b"false"),
        Object::Integer(v) => push_int(out, *v),
        Object::Real(v) => write_real(out, *v),
        Object::Name(name) => write_name(out, name),
        Object::String(text, StringFormat::Literal) => write_literal(out, text),
        Object::String(text, StringFormat::Hexadecimal) => write_hex(out, text),
        Object::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 && starts_regular(item) {
                    out.push(b' ');
                }
                write_object(out, item, numbers);
            }
            out.push(b']');
        }
        Object::Dictionary(dict) => write_dict(out, dict, numbers, None),
        // A stream inside another object cannot be written (only an
        // indirect object can be a stream); the file writer never asks.
        Object::Stream(stream) => write_dict(out, &stream.dict, numbers, None),
        Object::Reference(id) => match numbers.of(*id) {
            Some(n) => {
                push_int(out, i64::from(n));
                out.extend_from_slice(b" 0 R");
            }
            None => out.extend_from_slice(b"null"),
        },
    }
}

/// Writes `dict`; with a `length`, its `/Length` is that (a stream's).
pub fn write_dict(
    out: &mut Vec<u8>,
    dict: &Dictionary,
    numbers: &Numbering,
    length: Option<usize>,
) {
    out.extend_from_slice(b"<<");
    let mut wrote_length = false;
    for (key, value) in dict.iter() {
        write_name(out, key);
        if let (Some(len), b"Length") = (length, key.as_slice()) {
            out.push(b' ');
            push_int(out, len as i64);
            wrote_length = true;
            continue;
        }
        if starts_regular(value) {
            out.push(b' ');
        }
        write_object(out, value, numbers);
    }
    if let (Some(len), false) = (length, wrote_length) {
        out.extend_from_slice(b"/Length ");
        push_int(out, len as i64);
    }
    out.extend_from_slice(b">>");
}

/// Whether `object` starts with a regular character, so that it needs a
/// space after a name or a number before it.
fn starts_regular(object: &Object) -> bool {
    matches!(
        object,
        Object::Null
            | Object::Boolean(_)
            | Object::Integer(_)
            | Object::Real(_)
            | Object::Reference(_)
    )
}

/// A real as PDF writes it: decimal, never an exponent, NaN or infinity.
fn write_real(out: &mut Vec<u8>, v: f32) {
    use std::io::Write;
    let v = if v.is_finite() { v } else { 0.0 };
    // Rust's Display for floats is the shortest decimal that reads back as
    // the same value, and never uses an exponent.
    let _ = write!(out, "{v}");
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// `/name`, with `#xx` for delimiters, white space and bytes outside
/// `!`..=`~` (ISO 32000-1 7.3.5).
pub fn write_name(out: &mut Vec<u8>, name: &[u8]) {
    out.push(b'/');
    for &byte in name {
        if (33..=126).contains(&byte) && !b"()<>[]{}/%#".contains(&byte) {
            out.push(byte);
        } else {
            out.extend_from_slice(&[
                b'#',
                HEX[usize::from(byte >> 4)],
                HEX[usize::from(byte & 15)],
            ]);
        }
    }
}

/// `(text)`, with every parenthesis, backslash and carriage return
/// escaped (balanced parentheses need not be, but escaping all is simpler
/// and reads the same).
fn write_literal(out: &mut Vec<u8>, text: &[u8]) {
    out.push(b'(');
    for &byte in text {
        match byte {
            b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', byte]),
            b'\r' => out.extend_from_slice(b"\\r"),
            _ => out.push(byte),
        }
    }
    out.push(b')');
}

fn write_hex(out: &mut Vec<u8>, text: &[u8]) {
    out.push(b'<');
    for &byte in text {
        out.extend_from_slice(&[HEX[usize::from(byte >> 4)], HEX[usize::from(byte & 15)]]);
    }
    out.push(b'>');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(object: Object) -> String {
        let mut out = Vec::new();
        write_object(&mut out, &object, &Numbering::new(vec![0, 7]));
        String::from_utf8(out).expect("ascii")
    }

    #[test]
    fn objects_are_written_in_pdf_syntax() {
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"Page".to_vec()));
        dict.set("Parent", Object::Reference((1, 0)));
        dict.set("Gone", Object::Reference((9, 0)));
        dict.set(
            "Box",
            vec![0.into(), Object::Real(595.5), Object::Name(b"a b".to_vec())],
        );
        dict.set("T", Object::string_literal("a(b)\\"));
        dict.set(
            "H",
            Object::String(vec![0xfe, 0xff], StringFormat::Hexadecimal),
        );
        assert_eq!(
            written(Object::Dictionary(dict)),
            "<</Type/Page/Parent 7 0 R/Gone null/Box[0 595.5/a#20b]/T(a\\(b\\)\\\\)/H<FEFF>>>"
        );
    }
}

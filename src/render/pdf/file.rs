//! The finished object tree into the bytes of a PDF file, in place of
//! lopdf's `save_with_options`: the dictionaries packed into object
//! streams, the streams written as they are, a cross-reference stream
//! (PDF 1.5) and a trailer `/ID` made of the parts' digests.
//!
//! Why folio writes the file itself: in a watch session most of the file
//! is what the last build wrote. The object streams are serialized and
//! compressed in parallel, each through [`Reuse::object_stream`], so an
//! object stream whose bytes did not change is not compressed again; the
//! objects are numbered so that an edit changes few object streams' bytes
//! ([`super::numbering`]); the `/ID` is a hash of the parts' digests
//! (kept with each compressed stream), not of the whole file again.
//! The document is taken by value and dropped piece by piece on the
//! threads that write it.

use std::collections::BTreeMap;

use lopdf::{Object, ObjectId, Stream};
use md5::{Digest, Md5};
use rayon::prelude::*;

use super::numbering::{plan, Plan, Segments};
use super::object::{write_dict, write_name, write_object, Numbering};
use super::reuse::{digest, Packed, Reuse};
use crate::error::{Error, Result};
use crate::layout::memo::Key;

/// Objects per object stream: larger streams compress better; a reader
/// decompresses a whole stream to reach one object in it.
pub(super) const OBJECTS_PER_STREAM: usize = 200;

/// Deflate level of the object streams (dictionaries: a tagged book's
/// structure elements, pages, annotations). Level 1 keeps tagging's cost
/// under a tenth of the build (2026-12-01, idle 2-core machine, PDF of the
/// 500 000-character book: +9% wall against the untagged writer at level
/// 1, +15% at level 4) for a file 3% larger than level 4's.
pub(super) const OBJECT_STREAM_LEVEL: u32 = 1;

/// The placeholder of the trailer's `/ID` strings, patched at the end.
const NO_ID: &[u8] = b"<00000000000000000000000000000000>";

/// Writes `doc` as a PDF file. `contents` holds the data of streams kept
/// outside the tree (the page contents, the compressed fonts): a stream
/// found there is written with that data, the others with their own.
/// `segments` says which objects belong together ([`super::numbering`]);
/// `compress` deflates bytes at a level, `None` when that does not pay.
pub(super) fn write_file(
    doc: lopdf::Document,
    contents: BTreeMap<ObjectId, Packed>,
    segments: &Segments,
    reuse: &Reuse,
    compress: impl Fn(&[u8], u32) -> Option<Vec<u8>> + Sync,
) -> Result<Vec<u8>> {
    let lopdf::Document {
        version,
        binary_mark,
        trailer,
        objects,
        ..
    } = doc;
    let plan = plan(&objects, segments);
    let (chunks, direct) = take_objects(objects, &plan);
    let numbers = &plan.numbers;
    let (packed, direct) = rayon::join(
        || {
            chunks
                .into_par_iter()
                .map(|chunk| object_stream(chunk, numbers, reuse, &compress))
                .collect::<Vec<_>>()
        },
        || {
            direct
                .into_par_iter()
                .map(|stream| stream_object(stream, &contents, numbers))
                .collect::<Vec<_>>()
        },
    );
    let mut file = File::new(&version, &binary_mark);
    let mut entries = Vec::with_capacity(direct.len() + packed.len() * (OBJECTS_PER_STREAM + 1));
    for part in &direct {
        entries.push((part.number, Entry::At(file.direct(part))));
    }
    drop(direct);
    let mut next = plan.next;
    for stream in &packed {
        let container = next;
        next += 1;
        entries.push((container, Entry::At(file.object_stream(container, stream))));
        for (index, &n) in stream.numbers.iter().enumerate() {
            let index =
                u16::try_from(index).map_err(|_| Error::Pdf("an object stream too long".into()))?;
            entries.push((n, Entry::In(container, index)));
        }
    }
    drop(packed);
    entries.sort_unstable_by_key(|e| e.0);
    file.finish(&trailer, numbers, &entries, next, &compress)
}

/// The objects of each object stream and the streams, each with its
/// number, taken out of the tree in the plan's order.
#[allow(clippy::type_complexity)]
fn take_objects(
    objects: BTreeMap<ObjectId, Object>,
    plan: &Plan,
) -> (Vec<Vec<(u32, Object)>>, Vec<(u32, ObjectId, Stream)>) {
    let mut slots = into_slots(objects);
    let mut take = |id: ObjectId| slots.get_mut(id.0 as usize).and_then(Option::take);
    let chunks = plan
        .groups
        .iter()
        .map(|group| {
            group
                .iter()
                .filter_map(|&(n, id)| Some((n, take(id)?)))
                .collect()
        })
        .collect();
    let streams = plan
        .streams
        .iter()
        .filter_map(|&(n, id)| match take(id)? {
            Object::Stream(s) => Some((n, id, s)),
            _ => None,
        })
        .collect();
    (chunks, streams)
}

/// The objects by their lopdf number (generation 0: all that lopdf and
/// printpdf make).
fn into_slots(objects: BTreeMap<ObjectId, Object>) -> Vec<Option<Object>> {
    let len = objects.keys().next_back().map_or(0, |id| id.0 as usize + 1);
    let mut slots: Vec<Option<Object>> = Vec::with_capacity(len);
    slots.resize_with(len, || None);
    for (id, object) in objects {
        if id.1 == 0 {
            slots[id.0 as usize] = Some(object);
        }
    }
    slots
}

/// An object stream's objects, serialized and compressed.
struct Packs {
    numbers: Vec<u32>,
    first: usize,
    packed: Packed,
}

/// Serializes `chunk` (in number order) as the data of one object stream
/// (ISO 32000-1 7.5.7) and compresses it, or finds it kept.
fn object_stream(
    chunk: Vec<(u32, Object)>,
    numbers: &Numbering,
    reuse: &Reuse,
    compress: &(impl Fn(&[u8], u32) -> Option<Vec<u8>> + Sync),
) -> Packs {
    let mut body = Vec::with_capacity(chunk.len() * 96);
    let mut header = Vec::with_capacity(chunk.len() * 12);
    let mut ids = Vec::with_capacity(chunk.len());
    for (n, object) in chunk {
        push_u(&mut header, n as usize);
        header.push(b' ');
        push_u(&mut header, body.len());
        header.push(b' ');
        write_object(&mut body, &object, numbers);
        body.push(b'\n');
        ids.push(n);
    }
    let first = header.len();
    header.extend_from_slice(&body);
    drop(body);
    let packed = reuse.object_stream(header, OBJECT_STREAM_LEVEL, |raw| {
        compress(raw, OBJECT_STREAM_LEVEL)
    });
    Packs {
        numbers: ids,
        first,
        packed,
    }
}

/// A stream written as an object of its own: its dictionary, serialized,
/// and its data.
struct Direct {
    number: u32,
    dict: Vec<u8>,
    data: Packed,
}

fn stream_object(
    (number, id, stream): (u32, ObjectId, Stream),
    contents: &BTreeMap<ObjectId, Packed>,
    numbers: &Numbering,
) -> Direct {
    let data = match contents.get(&id) {
        Some(kept) => kept.clone(),
        None => Packed::new(stream.content, false),
    };
    let mut dict = Vec::with_capacity(128);
    write_dict(&mut dict, &stream.dict, numbers, Some(data.bytes.len()));
    Direct { number, dict, data }
}

fn push_u(out: &mut Vec<u8>, v: usize) {
    super::num::push_int(out, v as i64);
}

/// Where an object is: at an offset in the file, or the `index`th object
/// of an object stream.
enum Entry {
    At(usize),
    In(u32, u16),
}

/// The file as it is written, and the MD5 its `/ID` is made of: of every
/// byte written except the streams' data, for which their digests stand.
struct File {
    out: Vec<u8>,
    id: Md5,
}

impl File {
    fn new(version: &str, binary_mark: &[u8]) -> File {
        let mut file = File {
            out: Vec::with_capacity(1 << 20),
            id: Md5::new(),
        };
        file.frame(format!("%PDF-{version}\n%").as_bytes());
        file.frame(binary_mark);
        file.frame(b"\n");
        file
    }

    /// Bytes of the file's own syntax, hashed as they are.
    fn frame(&mut self, bytes: &[u8]) {
        self.out.extend_from_slice(bytes);
        self.id.update(bytes);
    }

    /// A stream's data, hashed by its digest.
    fn data(&mut self, data: &Packed) {
        self.out.extend_from_slice(&data.bytes);
        self.id.update(key_bytes(data.digest));
    }

    fn start_object(&mut self, number: u32) -> usize {
        let offset = self.out.len();
        let mut head = Vec::with_capacity(16);
        push_u(&mut head, number as usize);
        head.extend_from_slice(b" 0 obj\n");
        self.frame(&head);
        offset
    }

    fn end_stream(&mut self, data: &Packed) {
        self.frame(b"\nstream\n");
        self.data(data);
        self.frame(b"\nendstream\nendobj\n");
    }

    fn direct(&mut self, part: &Direct) -> usize {
        let offset = self.start_object(part.number);
        self.frame(&part.dict);
        self.end_stream(&part.data);
        offset
    }

    fn object_stream(&mut self, container: u32, stream: &Packs) -> usize {
        let offset = self.start_object(container);
        let mut dict = b"<</Type/ObjStm/N ".to_vec();
        push_u(&mut dict, stream.numbers.len());
        dict.extend_from_slice(b"/First ");
        push_u(&mut dict, stream.first);
        if stream.packed.deflated {
            dict.extend_from_slice(b"/Filter/FlateDecode");
        }
        dict.extend_from_slice(b"/Length ");
        push_u(&mut dict, stream.packed.bytes.len());
        dict.extend_from_slice(b">>");
        self.frame(&dict);
        self.end_stream(&stream.packed);
        offset
    }
}

fn key_bytes(key: Key) -> [u8; 16] {
    let mut b = [0; 16];
    b[..8].copy_from_slice(&key.0.to_le_bytes());
    b[8..].copy_from_slice(&key.1.to_le_bytes());
    b
}

impl File {
    /// The cross-reference stream (its dictionary is the trailer), then
    /// `startxref`; then the `/ID`, the MD5 of all that was hashed, is
    /// written over its placeholder (same length: no offset moves).
    fn finish(
        mut self,
        trailer: &lopdf::Dictionary,
        numbers: &Numbering,
        entries: &[(u32, Entry)],
        next: u32,
        compress: &impl Fn(&[u8], u32) -> Option<Vec<u8>>,
    ) -> Result<Vec<u8>> {
        let xref = next;
        let offset = self.out.len();
        let (data, index) = xref_data(entries, xref, offset);
        let data = match compress(&data, OBJECT_STREAM_LEVEL) {
            Some(c) => Packed {
                digest: digest(&c),
                bytes: c.into(),
                deflated: true,
            },
            None => Packed::new(data, false),
        };
        let mut dict = b"<</Type/XRef/Size ".to_vec();
        push_u(&mut dict, xref as usize + 1);
        dict.extend_from_slice(b"/W[1 4 2]/Index[");
        for (i, (start, count)) in index.iter().enumerate() {
            if i > 0 {
                dict.push(b' ');
            }
            push_u(&mut dict, *start as usize);
            dict.push(b' ');
            push_u(&mut dict, *count);
        }
        dict.push(b']');
        for key in [&b"Root"[..], b"Info"] {
            if let Ok(value) = trailer.get(key) {
                write_name(&mut dict, key);
                dict.push(b' ');
                write_object(&mut dict, value, numbers);
            }
        }
        dict.extend_from_slice(b"/ID[");
        let id_at = self.out.len() + self.start_len(xref) + dict.len();
        dict.extend_from_slice(NO_ID);
        dict.extend_from_slice(NO_ID);
        dict.push(b']');
        if data.deflated {
            dict.extend_from_slice(b"/Filter/FlateDecode");
        }
        dict.extend_from_slice(b"/Length ");
        push_u(&mut dict, data.bytes.len());
        dict.extend_from_slice(b">>");
        let _ = self.start_object(xref);
        self.frame(&dict);
        self.end_stream(&data);
        self.frame(format!("startxref\n{offset}\n%%EOF\n").as_bytes());
        let id = self.id.finalize();
        let hex: String = id.iter().map(|b| format!("{b:02X}")).collect();
        let id = format!("<{hex}>");
        for at in [id_at, id_at + NO_ID.len()] {
            let slot = self
                .out
                .get_mut(at..at + NO_ID.len())
                .filter(|s| *s == NO_ID)
                .ok_or_else(|| Error::Pdf("the trailer /ID was not written as expected".into()))?;
            slot.copy_from_slice(id.as_bytes());
        }
        Ok(self.out)
    }

    /// The length of `N 0 obj\n`.
    fn start_len(&self, number: u32) -> usize {
        format!("{number} 0 obj\n").len()
    }
}

/// The cross-reference stream's data (`/W [1 4 2]`: type, offset or
/// object stream, generation or index) for the objects numbered in
/// `entries`, object 0 (free) and the stream itself, numbered `xref` at
/// `offset`; and its `/Index`: the runs of numbers in use, so that numbers
/// left free between the groups of [`super::numbering`] take no room.
fn xref_data(entries: &[(u32, Entry)], xref: u32, offset: usize) -> (Vec<u8>, Vec<(u32, usize)>) {
    let mut data = Vec::with_capacity((entries.len() + 2) * 7);
    let mut index: Vec<(u32, usize)> = Vec::new();
    let mut add = |n: u32, row: [u8; 7], index: &mut Vec<(u32, usize)>| {
        match index.last_mut() {
            Some((start, count)) if *start as usize + *count == n as usize => *count += 1,
            _ => index.push((n, 1)),
        }
        data.extend_from_slice(&row);
    };
    add(0, [0, 0, 0, 0, 0, 0xff, 0xff], &mut index);
    let at = |offset: usize| {
        let o = (offset as u32).to_be_bytes();
        [1, o[0], o[1], o[2], o[3], 0, 0]
    };
    for &(n, ref entry) in entries {
        let row = match *entry {
            Entry::At(offset) => at(offset),
            Entry::In(container, i) => {
                let c = container.to_be_bytes();
                let i = i.to_be_bytes();
                [2, c[0], c[1], c[2], c[3], i[0], i[1]]
            }
        };
        add(n, row, &mut index);
    }
    add(xref, at(offset), &mut index);
    (data, index)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{dictionary, Dictionary};

    fn deflate(raw: &[u8], _level: u32) -> Option<Vec<u8>> {
        use std::io::Write;
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(raw).ok()?;
        e.finish().ok()
    }

    /// A document of `n` dictionaries (more than one object stream's
    /// worth), a page tree and a content stream kept outside the tree.
    fn document(n: usize) -> (lopdf::Document, BTreeMap<ObjectId, Packed>) {
        let mut doc = lopdf::Document::with_version("1.7");
        let content = doc.add_object(lopdf::Stream::new(Dictionary::new(), Vec::new()));
        let pages = doc.new_object_id();
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages, "Contents" => content,
            "MediaBox" => vec![0.into(), 0.into(), 200.into(), Object::Real(300.5)],
        });
        doc.objects.insert(
            pages,
            Object::Dictionary(
                dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
            ),
        );
        for i in 0..n {
            doc.add_object(dictionary! { "I" => i as i64, "T" => Object::string_literal(format!("no. ({i})")) });
        }
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
        doc.trailer.set("Root", catalog);
        let mut streams = BTreeMap::new();
        streams.insert(content, Packed::new(b"BT /F0 12 Tf ET".to_vec(), false));
        (doc, streams)
    }

    #[test]
    fn every_object_is_found_again_by_a_reader() {
        let n = 3 * OBJECTS_PER_STREAM + 7;
        let (doc, streams) = document(n);
        let bytes = write_file(doc, streams, &Segments::default(), &Reuse::off(), deflate)
            .expect("written");
        let read = lopdf::Document::load_mem(&bytes).expect("lopdf reads the file back");
        let mut found: Vec<i64> = read
            .objects
            .values()
            .filter_map(|o| o.as_dict().ok()?.get(b"I").ok()?.as_i64().ok())
            .collect();
        found.sort_unstable();
        assert_eq!(
            found,
            (0..n as i64).collect::<Vec<_>>(),
            "every dictionary, once"
        );
        let pages = read.get_pages();
        let page = *pages.get(&1).expect("one page");
        // lopdf ends each content stream it reads with a newline.
        let content = read.get_page_content(page);
        assert_eq!(content.strip_suffix(b"\n"), Some(&b"BT /F0 12 Tf ET"[..]));
        let text = read
            .objects
            .values()
            .find_map(|o| Some(o.as_dict().ok()?.get(b"T").ok()?.as_str().ok()?.to_vec()))
            .expect("a string");
        assert!(
            text.starts_with(b"no. ("),
            "literal strings escaped and read back"
        );
        let id = read
            .trailer
            .get(b"ID")
            .and_then(Object::as_array)
            .expect("an /ID");
        assert_eq!(id.len(), 2);
        assert_ne!(
            id[0].as_str().expect("a string"),
            &[0; 16],
            "the /ID patched"
        );
    }

    #[test]
    fn the_id_changes_with_the_content_and_the_file_is_deterministic() {
        let write = |n| {
            let (doc, streams) = document(n);
            write_file(doc, streams, &Segments::default(), &Reuse::off(), deflate).expect("written")
        };
        assert_eq!(write(5), write(5));
        let id = |b: &[u8]| {
            let read = lopdf::Document::load_mem(b).expect("read");
            read.trailer.get(b"ID").expect("an /ID").clone()
        };
        assert_ne!(
            format!("{:?}", id(&write(5))),
            format!("{:?}", id(&write(6)))
        );
    }

    #[test]
    fn a_second_build_finds_its_object_streams_kept() {
        let reuse = Reuse::default();
        reuse.start();
        let (doc, streams) = document(2 * OBJECTS_PER_STREAM);
        let first =
            write_file(doc, streams, &Segments::default(), &reuse, deflate).expect("written");
        assert_eq!(reuse.object_streams(), (0, 3));
        reuse.start();
        let (doc, streams) = document(2 * OBJECTS_PER_STREAM);
        let again =
            write_file(doc, streams, &Segments::default(), &reuse, deflate).expect("written");
        assert_eq!(reuse.object_streams(), (3, 0));
        assert_eq!(first, again);
    }
}

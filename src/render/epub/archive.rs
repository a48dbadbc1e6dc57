//! Reading and rewriting the EPUB archive epub-builder made in memory.
//!
//! epub-builder writes its own package document and nav; folio fixes them
//! up after the fact. Entries are copied in their original order (so
//! `mimetype` stays first and stored), untouched ones byte for byte; the
//! replaced ones get the same fixed 1980 timestamp as the rest, so the
//! archive stays reproducible.

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use crate::error::{Error, Result};

fn zip_error(what: &str, e: impl std::fmt::Display) -> Error {
    Error::Epub(format!("{what}: {e}"))
}

/// The text of entry `name` in the archive `epub`.
pub fn read_entry(epub: &[u8], name: &str) -> Result<String> {
    let mut archive =
        ZipArchive::new(Cursor::new(epub)).map_err(|e| zip_error("reading the archive", e))?;
    let mut file = archive
        .by_name(name)
        .map_err(|e| zip_error(&format!("finding {name}"), e))?;
    let mut text = String::new();
    file.read_to_string(&mut text)
        .map_err(|e| zip_error(&format!("reading {name}"), e))?;
    Ok(text)
}

/// A copy of `epub` with the entries named in `replace` given new content,
/// and those named in `raw` copied (compressed as they are) from the
/// one-entry zip each names. Every name in both must exist in the archive.
pub fn replace_entries(
    epub: &[u8],
    replace: &BTreeMap<&str, Vec<u8>>,
    raw: &BTreeMap<&str, &[u8]>,
) -> Result<Vec<u8>> {
    let mut archive =
        ZipArchive::new(Cursor::new(epub)).map_err(|e| zip_error("reading the archive", e))?;
    let mut writer = ZipWriter::new(Cursor::new(Vec::with_capacity(epub.len())));
    let mut replaced = 0;
    for i in 0..archive.len() {
        let file = archive
            .by_index_raw(i)
            .map_err(|e| zip_error("reading an entry", e))?;
        if let Some(zip) = raw.get(file.name()) {
            drop(file);
            copy_raw(&mut writer, zip)?;
            replaced += 1;
            continue;
        }
        match replace.get(file.name()) {
            Some(data) => {
                let name = file.name().to_string();
                drop(file);
                let options =
                    SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
                writer
                    .start_file(name.as_str(), options)
                    .map_err(|e| zip_error(&format!("writing {name}"), e))?;
                writer
                    .write_all(data)
                    .map_err(|e| zip_error(&format!("writing {name}"), e))?;
                replaced += 1;
            }
            None => writer
                .raw_copy_file(file)
                .map_err(|e| zip_error("copying an entry", e))?,
        }
    }
    if replaced != replace.len() + raw.len() {
        return Err(Error::Epub(format!(
            "expected entries missing from the archive: {:?}",
            replace.keys().collect::<Vec<_>>()
        )));
    }
    let cursor = writer
        .finish()
        .map_err(|e| zip_error("finishing the archive", e))?;
    Ok(cursor.into_inner())
}

/// Copies the only entry of the zip `zip` into `writer`, compressed data
/// and header as they are.
fn copy_raw(writer: &mut ZipWriter<Cursor<Vec<u8>>>, zip: &[u8]) -> Result<()> {
    let mut one = ZipArchive::new(Cursor::new(zip)).map_err(|e| zip_error("a kept entry", e))?;
    let file = one
        .by_index_raw(0)
        .map_err(|e| zip_error("a kept entry", e))?;
    writer
        .raw_copy_file(file)
        .map_err(|e| zip_error("copying a kept entry", e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<u8> {
        let mut w = ZipWriter::new(Cursor::new(Vec::new()));
        let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
        w.start_file("mimetype", stored).unwrap();
        w.write_all(b"application/epub+zip").unwrap();
        w.start_file("a.txt", SimpleFileOptions::default()).unwrap();
        w.write_all(b"old").unwrap();
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn replaces_and_keeps_order() {
        let epub = sample();
        let mut map = BTreeMap::new();
        map.insert("a.txt", b"new".to_vec());
        let out = replace_entries(&epub, &map, &BTreeMap::new()).unwrap();
        assert_eq!(read_entry(&out, "a.txt").unwrap(), "new");
        assert_eq!(
            read_entry(&out, "mimetype").unwrap(),
            "application/epub+zip"
        );
        assert_eq!(&out[30..38], b"mimetype");
        assert_eq!(replace_entries(&epub, &map, &BTreeMap::new()).unwrap(), out);
    }

    #[test]
    fn missing_entries_are_errors() {
        let mut map = BTreeMap::new();
        map.insert("nope", vec![]);
        assert!(replace_entries(&sample(), &map, &BTreeMap::new()).is_err());
        assert!(read_entry(&sample(), "nope").is_err());
        assert!(read_entry(b"not a zip", "a").is_err());
    }
}

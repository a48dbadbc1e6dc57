//! Reading and writing the sfnt container (the table directory of a
//! TrueType/OpenType file), to add the tables web fonts need to what the
//! PDF-oriented subsetter writes, and to take the bare CFF out of it.

use crate::error::{Error, Result};

/// The tables of a single-face sfnt file, in file order.
#[derive(Debug, Clone, PartialEq)]
pub struct Sfnt {
    /// `0x00010000` (TrueType) or `OTTO` (CFF).
    pub version: [u8; 4],
    pub tables: Vec<([u8; 4], Vec<u8>)>,
}

impl Sfnt {
    /// Reads a single-face sfnt (not a collection).
    pub fn parse(data: &[u8]) -> Result<Sfnt> {
        let bad = || Error::Font("malformed font table directory".into());
        let version: [u8; 4] = data
            .get(0..4)
            .ok_or_else(bad)?
            .try_into()
            .map_err(|_| bad())?;
        let count = usize::from(u16_at(data, 4).ok_or_else(bad)?);
        let mut tables = Vec::with_capacity(count);
        for i in 0..count {
            let rec = 12 + 16 * i;
            let tag: [u8; 4] = data
                .get(rec..rec + 4)
                .ok_or_else(bad)?
                .try_into()
                .map_err(|_| bad())?;
            let offset = u32_at(data, rec + 8).ok_or_else(bad)? as usize;
            let len = u32_at(data, rec + 12).ok_or_else(bad)? as usize;
            let end = offset.checked_add(len).ok_or_else(bad)?;
            tables.push((tag, data.get(offset..end).ok_or_else(bad)?.to_vec()));
        }
        Ok(Sfnt { version, tables })
    }

    pub fn table(&self, tag: &[u8; 4]) -> Option<&[u8]> {
        self.tables
            .iter()
            .find(|(t, _)| t == tag)
            .map(|(_, d)| d.as_slice())
    }

    /// Adds or replaces a table.
    pub fn set(&mut self, tag: [u8; 4], data: Vec<u8>) {
        match self.tables.iter_mut().find(|(t, _)| *t == tag) {
            Some(slot) => slot.1 = data,
            None => self.tables.push((tag, data)),
        }
    }

    /// Writes the font: tables sorted by tag, 4-byte aligned, checksums and
    /// `head.checkSumAdjustment` set.
    pub fn write(&self) -> Vec<u8> {
        let mut tables: Vec<&([u8; 4], Vec<u8>)> = self.tables.iter().collect();
        tables.sort_by_key(|(tag, _)| *tag);
        let count = tables.len() as u16;
        let entry_selector = if count == 0 {
            0
        } else {
            15 - count.leading_zeros() as u16
        };
        let search_range = (1u16 << entry_selector) * 16;
        let mut out = Vec::new();
        out.extend_from_slice(&self.version);
        for v in [
            count,
            search_range,
            entry_selector,
            count * 16 - search_range,
        ] {
            out.extend_from_slice(&v.to_be_bytes());
        }
        let mut offset = 12 + 16 * tables.len();
        let mut head_at = None;
        for (tag, data) in &tables {
            let mut data = data.clone();
            if tag == b"head" && data.len() >= 12 {
                data[8..12].fill(0);
                head_at = Some(offset + 8);
            }
            out.extend_from_slice(tag);
            out.extend_from_slice(&checksum(&data).to_be_bytes());
            out.extend_from_slice(&(offset as u32).to_be_bytes());
            out.extend_from_slice(&(data.len() as u32).to_be_bytes());
            offset += data.len().div_ceil(4) * 4;
        }
        for (tag, data) in &tables {
            let start = out.len();
            out.extend_from_slice(data);
            if tag == b"head" && data.len() >= 12 {
                out[start + 8..start + 12].fill(0);
            }
            out.resize(out.len().div_ceil(4) * 4, 0);
        }
        if let Some(at) = head_at {
            let adjust = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
            out[at..at + 4].copy_from_slice(&adjust.to_be_bytes());
        }
        out
    }
}

/// The sum of the big-endian u32s of `data`, zero-padded.
fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, chunk| {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

pub fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(data.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(data.get(at..at + 4)?.try_into().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_then_parse_round_trips() {
        let mut font = Sfnt {
            version: [0, 1, 0, 0],
            tables: vec![(*b"name", vec![1, 2, 3]), (*b"head", vec![7; 54])],
        };
        font.set(*b"cmap", vec![9; 5]);
        let bytes = font.write();
        assert_eq!(bytes.len() % 4, 0);
        let back = Sfnt::parse(&bytes).unwrap();
        assert_eq!(back.table(b"name"), Some(&[1u8, 2, 3][..]));
        assert_eq!(back.table(b"cmap"), Some(&[9u8; 5][..]));
        let tags: Vec<_> = back.tables.iter().map(|(t, _)| *t).collect();
        assert_eq!(tags, vec![*b"cmap", *b"head", *b"name"]);
        assert_eq!(checksum(&bytes), 0xB1B0_AFBA);
    }

    #[test]
    fn garbage_is_an_error() {
        assert!(Sfnt::parse(b"\0\x01\0\0\0\x09").is_err());
        assert!(Sfnt::parse(b"").is_err());
    }
}

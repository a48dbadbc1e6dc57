//! Writing a `cmap` table for a web-font subset: format 4 for the Basic
//! Multilingual Plane (every reader has it) and format 12 for all of
//! Unicode, both under the Windows platform.

/// Builds a `cmap` from `(character, glyph id)` pairs sorted by character.
pub fn build_cmap(map: &[(char, u16)]) -> Vec<u8> {
    let format4 = format4(map);
    let format12 = format12(map);
    let mut subtables: Vec<((u16, u16), Vec<u8>)> = Vec::new();
    if let Some(f4) = format4 {
        subtables.push(((3, 1), f4));
    }
    subtables.push(((3, 10), format12));

    let mut out = Vec::new();
    push16(&mut out, 0);
    push16(&mut out, subtables.len() as u16);
    let mut offset = 4 + 8 * subtables.len();
    for ((platform, encoding), data) in &subtables {
        push16(&mut out, *platform);
        push16(&mut out, *encoding);
        push32(&mut out, offset as u32);
        offset += data.len();
    }
    for (_, data) in &subtables {
        out.extend_from_slice(data);
    }
    out
}

/// Segments of consecutive characters with consecutive glyphs, each mapped
/// with `idDelta`; `None` if the table would not fit its 16-bit length.
fn format4(map: &[(char, u16)]) -> Option<Vec<u8>> {
    let mut segments: Vec<(u16, u16, u16)> = Vec::new(); // start, end, first gid
    for &(c, gid) in map {
        let Ok(code) = u16::try_from(u32::from(c)) else {
            continue;
        };
        if code == 0xFFFF {
            continue;
        }
        match segments.last_mut() {
            Some((start, end, first))
                if u32::from(code) == u32::from(*end) + 1
                    && u32::from(gid) == u32::from(*first) + u32::from(code - *start) =>
            {
                *end = code
            }
            _ => segments.push((code, code, gid)),
        }
    }
    segments.push((0xFFFF, 0xFFFF, 0));
    let seg_count = segments.len();
    let length = 16 + 8 * seg_count;
    let length = u16::try_from(length).ok()?;
    let seg_count = seg_count as u16;
    let entry_selector = 15 - seg_count.leading_zeros() as u16;
    let search_range = 2 * (1u16 << entry_selector);

    let mut out = Vec::with_capacity(usize::from(length));
    for v in [
        4,
        length,
        0,
        seg_count * 2,
        search_range,
        entry_selector,
        seg_count * 2 - search_range,
    ] {
        push16(&mut out, v);
    }
    for &(_, end, _) in &segments {
        push16(&mut out, end);
    }
    push16(&mut out, 0);
    for &(start, _, _) in &segments {
        push16(&mut out, start);
    }
    for &(start, end, gid) in &segments {
        // The 0xFFFF sentinel maps to glyph 0: delta 1 wraps it there.
        let delta = if end == 0xFFFF {
            1
        } else {
            gid.wrapping_sub(start)
        };
        push16(&mut out, delta);
    }
    for _ in &segments {
        push16(&mut out, 0);
    }
    Some(out)
}

/// Sequential map groups over all of Unicode.
fn format12(map: &[(char, u16)]) -> Vec<u8> {
    let mut groups: Vec<(u32, u32, u32)> = Vec::new();
    for &(c, gid) in map {
        let (code, gid) = (u32::from(c), u32::from(gid));
        match groups.last_mut() {
            Some((start, end, first)) if code == *end + 1 && gid == *first + (code - *start) => {
                *end = code
            }
            _ => groups.push((code, code, gid)),
        }
    }
    let mut out = Vec::new();
    push16(&mut out, 12);
    push16(&mut out, 0);
    push32(&mut out, 16 + 12 * groups.len() as u32);
    push32(&mut out, 0);
    push32(&mut out, groups.len() as u32);
    for (start, end, gid) in groups {
        push32(&mut out, start);
        push32(&mut out, end);
        push32(&mut out, gid);
    }
    out
}

fn push16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_be_bytes());
}

fn push32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_be_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads the table back with ttf-parser, subtable by subtable.
    fn lookup(table: &[u8], c: char) -> Vec<Option<u16>> {
        let cmap = ttf_parser::cmap::Table::parse(table).unwrap();
        cmap.subtables
            .into_iter()
            .map(|s| s.glyph_index(u32::from(c)).map(|g| g.0))
            .collect()
    }

    #[test]
    fn both_formats_map_every_character() {
        let map = vec![
            ('A', 1),
            ('B', 2),
            ('C', 3),
            ('中', 4),
            ('文', 9),
            ('𠀀', 5),
        ];
        let table = build_cmap(&map);
        assert_eq!(lookup(&table, 'A'), vec![Some(1), Some(1)]);
        assert_eq!(lookup(&table, 'C'), vec![Some(3), Some(3)]);
        assert_eq!(lookup(&table, '中'), vec![Some(4), Some(4)]);
        assert_eq!(lookup(&table, '文'), vec![Some(9), Some(9)]);
        assert_eq!(lookup(&table, '𠀀'), vec![None, Some(5)]);
        assert_eq!(lookup(&table, 'D'), vec![None, None]);
    }

    #[test]
    fn an_empty_map_is_still_a_valid_table() {
        let table = build_cmap(&[]);
        assert_eq!(lookup(&table, 'A'), vec![None, None]);
    }
}

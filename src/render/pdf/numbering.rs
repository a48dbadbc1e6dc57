//! The numbers objects get in the file and the object streams they go in:
//! a function of the document alone, so that a rebuild numbers its
//! objects as a clean build of the same book does.
//!
//! An object stream's bytes hold its objects' numbers and every number
//! they refer to. Numbered one after another, an object added to one
//! chapter (a paragraph's structure element, a page, a link) would move
//! every later number, and so change every later object stream: a watch
//! session would compress the whole book's dictionaries again. So objects
//! are numbered by [`Segments`]: the writer puts each chapter's pages,
//! content streams, annotations and structure elements in the chapter's
//! segment, the rest (catalog, page tree, fonts, outline, the structure
//! tree's root and parent tree) in segment 0. Each segment gets a range
//! of numbers a quarter larger than it needs, rounded up to a power of
//! two ([`capacity`]), so an object added to a chapter moves only the
//! numbers of its own segment, unless it crosses a power of two. The
//! numbers left free cost nothing: the cross-reference stream lists only
//! the runs in use. Each segment's dictionaries go into object streams of
//! their own, at most [`OBJECTS_PER_STREAM`] each; streams are written as
//! objects of their own.

use std::collections::{BTreeMap, HashMap};

use lopdf::{Object, ObjectId};

use super::file::OBJECTS_PER_STREAM;
use super::object::Numbering;

/// Which segment each object is in; unnamed objects are in segment 0.
#[derive(Default)]
pub(super) struct Segments {
    of: HashMap<ObjectId, u32>,
}

impl Segments {
    pub fn put(&mut self, id: ObjectId, segment: u32) {
        self.of.insert(id, segment);
    }

    fn of(&self, id: ObjectId) -> u32 {
        self.of.get(&id).copied().unwrap_or(0)
    }
}

/// Where every object goes.
pub(super) struct Plan {
    pub numbers: Numbering,
    /// The objects of each object stream, with their numbers, in order.
    pub groups: Vec<Vec<(u32, ObjectId)>>,
    /// The streams, with their numbers, in order.
    pub streams: Vec<(u32, ObjectId)>,
    /// The first number after all objects (for the object streams and the
    /// cross-reference stream).
    pub next: u32,
}

/// The largest number given with room left between segments; a document
/// that would need more is numbered densely (PDF readers need not accept
/// numbers past 8 388 607, ISO 32000-1 Annex C).
const SPARSE_LIMIT: u32 = 4_000_000;

/// The range of numbers a segment of `size` objects gets.
fn capacity(size: usize) -> u32 {
    let wanted = size + size / 4 + 8;
    u32::try_from(wanted.next_power_of_two()).unwrap_or(u32::MAX)
}

/// Numbers the objects segment by segment, each in its lopdf order.
pub(super) fn plan(objects: &BTreeMap<ObjectId, Object>, segments: &Segments) -> Plan {
    let mut by_segment: BTreeMap<u32, Vec<(ObjectId, bool)>> = BTreeMap::new();
    for (&id, object) in objects.iter().filter(|(id, _)| id.1 == 0) {
        let is_stream = matches!(object, Object::Stream(_));
        by_segment
            .entry(segments.of(id))
            .or_default()
            .push((id, is_stream));
    }
    let total: usize = by_segment.values().map(Vec::len).sum();
    let sparse = by_segment
        .values()
        .try_fold(1_u32, |at, s| at.checked_add(capacity(s.len())))
        .is_some_and(|end| end <= SPARSE_LIMIT);
    let len = objects.keys().next_back().map_or(0, |id| id.0 as usize + 1);
    let mut by_id = vec![0; len];
    let mut plan = Plan {
        numbers: Numbering::new(Vec::new()),
        groups: Vec::new(),
        streams: Vec::with_capacity(total),
        next: 1,
    };
    for segment in by_segment.values() {
        let base = plan.next;
        let mut group: Vec<(u32, ObjectId)> = Vec::new();
        for (n, &(id, is_stream)) in (base..).zip(segment) {
            by_id[id.0 as usize] = n;
            if is_stream {
                plan.streams.push((n, id));
                continue;
            }
            group.push((n, id));
            if group.len() == OBJECTS_PER_STREAM {
                plan.groups.push(std::mem::take(&mut group));
            }
        }
        if !group.is_empty() {
            plan.groups.push(group);
        }
        plan.next = if sparse {
            base + capacity(segment.len())
        } else {
            base + segment.len() as u32
        };
    }
    plan.numbers = Numbering::new(by_id);
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    fn objects(n: u32) -> BTreeMap<ObjectId, Object> {
        (1..=n)
            .map(|i| ((i, 0), Object::Integer(i.into())))
            .collect()
    }

    #[test]
    fn an_object_added_to_one_segment_moves_no_other_segments_numbers() {
        let segments = |extra: u32| {
            let mut s = Segments::default();
            for i in 1..=40 + extra {
                s.put(
                    (i, 0),
                    1 + (i > 20 + extra) as u32 + (i > 30 + extra) as u32,
                );
            }
            s
        };
        let before = plan(&objects(40), &segments(0));
        // Object 15 of segment 1 now has a neighbour: everything after it
        // in lopdf's order moves up by one.
        let after = plan(&objects(41), &segments(1));
        let of = |p: &Plan, id| p.numbers.of((id, 0));
        assert_eq!(
            of(&before, 25),
            of(&after, 26),
            "segment 2 kept its numbers"
        );
        assert_eq!(
            of(&before, 40),
            of(&after, 41),
            "segment 3 kept its numbers"
        );
        assert_eq!(before.groups.len(), 3, "an object stream per segment");
    }
}

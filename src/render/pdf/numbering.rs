//! The numbers objects get in the file and the object streams they go in:
//! a function of the document alone, so that a rebuild numbers its
//! objects as a clean build of the same book does.
//!
//! The dictionaries go into object streams of at most
//! [`OBJECTS_PER_STREAM`] objects, in number order; streams are written as
//! objects of their own.

use std::collections::BTreeMap;

use lopdf::{Object, ObjectId};

use super::file::OBJECTS_PER_STREAM;
use super::object::Numbering;

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

/// Numbers the objects in their lopdf order.
pub(super) fn plan(objects: &BTreeMap<ObjectId, Object>) -> Plan {
    let len = objects.keys().next_back().map_or(0, |id| id.0 as usize + 1);
    let mut by_id = vec![0; len];
    let mut groups: Vec<Vec<(u32, ObjectId)>> = Vec::new();
    let mut streams = Vec::new();
    let mut next = 1;
    for (&id, object) in objects.iter().filter(|(id, _)| id.1 == 0) {
        by_id[id.0 as usize] = next;
        if matches!(object, Object::Stream(_)) {
            streams.push((next, id));
        } else {
            match groups.last_mut() {
                Some(group) if group.len() < OBJECTS_PER_STREAM => group.push((next, id)),
                _ => groups.push(vec![(next, id)]),
            }
        }
        next += 1;
    }
    Plan {
        numbers: Numbering::new(by_id),
        groups,
        streams,
        next,
    }
}

//! Finding a child object or a parameter of an object by name in one probe.
//!
//! Looking up a full path spends most of its time matching each segment
//! against the names of an object's children: `Device.` of TR-181 has some
//! seventy, and their descriptors lie 120 bytes apart (see BENCHMARKS.md,
//! profile of the read path). This index hashes `(object, name)` once per
//! segment instead, with a hash that reads the name eight bytes at a time,
//! and then compares the one candidate's name in full.
//!
//! An earlier index keyed by the same pair but hashed with std's SipHash
//! gained nothing: hashing the name cost what scanning did. Here the hash
//! is two unaligned loads and two multiplies.

use std::mem::size_of_val;

use crate::meta::{ModelDesc, ObjectIx, ParamIx};

use super::paths::same_bytes;

/// What a name names under an object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Named {
    /// A child object.
    Object(ObjectIx),
    /// A parameter.
    Param(ParamIx),
}

/// An open-addressing table from `(object, name)` to what it names.
#[derive(Debug)]
pub(crate) struct NameIndex {
    /// `(fingerprint, target)`; target `EMPTY` marks a free slot, and
    /// parameters have the `PARAM` bit set.
    slots: Box<[(u32, u32)]>,
    /// Bits of the hash that pick the slot.
    bits: u32,
    /// The [`signature`] of every parameter's name, by parameter: the
    /// parameters of an object lie side by side, so that scanning a few is
    /// scanning one or two cache lines, not their descriptors.
    sigs: Box<[u64]>,
}

const EMPTY: u32 = u32::MAX;
const PARAM: u32 = 1 << 31;

impl NameIndex {
    /// The index of every child object and parameter of `model`.
    pub(crate) fn new(model: &ModelDesc) -> NameIndex {
        let entries = model.objects.len() + model.params.len();
        // At most half full, so that probes stay short.
        let bits = (entries.max(1) * 2).next_power_of_two().trailing_zeros();
        let mut index = NameIndex {
            slots: vec![(0, EMPTY); 1 << bits].into_boxed_slice(),
            bits,
            sigs: model
                .params
                .iter()
                .map(|p| signature(p.name.as_bytes()))
                .collect(),
        };
        for (ix, object) in model.objects.iter().enumerate() {
            if let (Some(parent), Ok(ix)) = (object.parent, u32::try_from(ix)) {
                index.insert(parent, object.name, ix);
            }
        }
        for (ix, param) in model.params.iter().enumerate() {
            if let Ok(ix) = u32::try_from(ix) {
                if ix & PARAM == 0 {
                    index.insert(param.object, param.name, ix | PARAM);
                }
            }
        }
        index
    }

    fn insert(&mut self, object: ObjectIx, name: &str, target: u32) {
        let (fingerprint, mut slot) = self.place(object, name.as_bytes());
        let mask = self.slots.len() - 1;
        // The table is at most half full, so a free slot is always found.
        for _ in 0..self.slots.len() {
            if let Some(entry) = self.slots.get_mut(slot) {
                if entry.1 == EMPTY {
                    *entry = (fingerprint, target);
                    return;
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    /// What `name` names under `object`, if anything.
    #[inline]
    pub(crate) fn find(&self, model: &ModelDesc, object: ObjectIx, name: &str) -> Option<Named> {
        let (fingerprint, mut slot) = self.place(object, name.as_bytes());
        let mask = self.slots.len() - 1;
        loop {
            let &(f, target) = self.slots.get(slot)?;
            if target == EMPTY {
                return None;
            }
            if f == fingerprint {
                // Different names can share a fingerprint: check the name,
                // and the owner, which the fingerprint only mixes in.
                if target & PARAM == 0 {
                    let d = model.objects.get(target as usize)?;
                    if d.parent == Some(object) && same_bytes(d.name.as_bytes(), name.as_bytes()) {
                        return Some(Named::Object(target));
                    }
                } else {
                    let p = target & !PARAM;
                    let d = model.params.get(p as usize)?;
                    if d.object == object && same_bytes(d.name.as_bytes(), name.as_bytes()) {
                        return Some(Named::Param(p));
                    }
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    /// The parameter of `object` called `name`: among a few parameters by
    /// a scan of their signatures, else by a probe.
    #[inline]
    pub(crate) fn param(&self, model: &ModelDesc, object: ObjectIx, name: &str) -> Option<ParamIx> {
        let desc = model.objects.get(object as usize)?;
        if desc.param_count as usize > SCAN {
            return match self.find(model, object, name)? {
                Named::Param(param) => Some(param),
                Named::Object(_) => None,
            };
        }
        let first = desc.first_param as usize;
        let sigs = self.sigs.get(first..first + desc.param_count as usize)?;
        let sig = signature(name.as_bytes());
        let mut from = 0;
        // Names that share a signature are told apart by the full name.
        while let Some(i) = sigs.get(from..)?.iter().position(|&s| s == sig) {
            let ix = first + from + i;
            if same_bytes(model.params.get(ix)?.name.as_bytes(), name.as_bytes()) {
                return u32::try_from(ix).ok();
            }
            from += i + 1;
        }
        None
    }

    /// The fingerprint and first slot of `(object, name)`.
    #[inline]
    fn place(&self, object: ObjectIx, name: &[u8]) -> (u32, usize) {
        let hash = mix(signature(name) ^ u64::from(object).wrapping_mul(K1));
        // High bits pick the slot, low bits are the fingerprint.
        let slot = (hash >> (64 - self.bits)) as usize;
        (hash as u32, slot)
    }

    /// Heap bytes of the table.
    pub(crate) fn heap_bytes(&self) -> usize {
        size_of_val(&*self.slots) + size_of_val(&*self.sigs)
    }
}

/// Up to this many parameters, scanning their signatures beats a probe of
/// the table (measured on TR-181: BENCHMARKS.md).
const SCAN: usize = 16;

pub(super) const K1: u64 = 0x9E37_79B9_7F4A_7C15;
pub(super) const K2: u64 = 0xFF51_AFD7_ED55_8CCD;

/// The name's length, first eight and last eight bytes, folded: enough to
/// tell apart nearly all names of one object.
#[inline]
fn signature(name: &[u8]) -> u64 {
    let n = name.len();
    let (head, tail) = match (name.get(..8), n.checked_sub(8).and_then(|s| name.get(s..))) {
        (Some(h), Some(t)) => (load(h), load(t)),
        // Shifts rather than a copy into a buffer, which compiles to a
        // call of memcpy.
        _ => (name.iter().fold(0u64, |a, &b| (a << 8) | u64::from(b)), 0),
    };
    head ^ tail.rotate_left(31) ^ (n as u64).wrapping_mul(K2)
}

#[inline]
pub(super) fn load(bytes: &[u8]) -> u64 {
    let mut buf = [0u8; 8];
    buf.copy_from_slice(bytes.get(..8).unwrap_or(&[0; 8]));
    u64::from_le_bytes(buf)
}

#[inline]
pub(super) fn mix(x: u64) -> u64 {
    let x = (x ^ (x >> 32)).wrapping_mul(K2);
    (x ^ (x >> 29)).wrapping_mul(K1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::tests::MODEL;
    use crate::meta::testing::{object, param};
    use crate::value::{BaseType, Syntax};

    #[test]
    fn finds_every_child_and_parameter_and_nothing_else() {
        let index = NameIndex::new(&MODEL);
        for (ix, o) in MODEL.objects.iter().enumerate() {
            if let Some(parent) = o.parent {
                assert_eq!(
                    index.find(&MODEL, parent, o.name),
                    Some(Named::Object(ix as u32))
                );
            }
        }
        for (ix, p) in MODEL.params.iter().enumerate() {
            assert_eq!(
                index.find(&MODEL, p.object, p.name),
                Some(Named::Param(ix as u32)),
                "{}",
                p.name
            );
        }
        for (object, name) in [(0, "Nope"), (1, "Host"), (0, "URL"), (0, ""), (99, "Host")] {
            assert_eq!(index.find(&MODEL, object, name), None, "{object} {name}");
        }
        assert!(index.heap_bytes() >= 8 * 2 * (MODEL.objects.len() + MODEL.params.len()));
    }

    #[test]
    fn names_alike_in_head_tail_and_length_are_told_apart() {
        // Same length, same first and last eight bytes.
        let (a, b) = ("AAAAAAAAxBBBBBBBB", "AAAAAAAAyBBBBBBBB");
        assert_eq!(signature(a.as_bytes()), signature(b.as_bytes()));
        assert_ne!(signature(b"Enable"), signature(b"Enabled"));
        assert_ne!(signature(b""), signature(b"\0"));
        static MODEL: ModelDesc = ModelDesc {
            name: "Alike:1.0",
            is_service: false,
            objects: &[object("Device.", "Device", None, false, (0, 2), &[])],
            params: &[
                param("AAAAAAAAxBBBBBBBB", 0, &STRING),
                param("AAAAAAAAyBBBBBBBB", 0, &STRING),
            ],
            parts: &[],
        };
        static STRING: Syntax = Syntax::new(BaseType::String);
        let index = NameIndex::new(&MODEL);
        assert_eq!(index.find(&MODEL, 0, a), Some(Named::Param(0)));
        assert_eq!(index.find(&MODEL, 0, b), Some(Named::Param(1)));
        assert_eq!(index.find(&MODEL, 0, "AAAAAAAAzBBBBBBBB"), None);
    }
}

//! Finding a parameter of an object by name: the last segment of a full
//! parameter path, once the path index (`paths.rs`) has found its object
//! instance.
//!
//! The parameters of an object with a few of them are found by scanning
//! their name signatures, which lie side by side (8 bytes each). Those of
//! a larger object (TR-181's `Device.DeviceInfo.` has over thirty) are
//! found in one probe of a table keyed by `(object, name)`, with a hash
//! that reads the name eight bytes at a time; the one candidate's name is
//! then compared in full. An earlier table hashed with std's SipHash gained
//! nothing: hashing the name cost what scanning did.

use std::mem::size_of_val;

use crate::meta::{ModelDesc, ObjectDesc, ObjectIx, ParamIx};

use super::paths::same_bytes;

/// An open-addressing table from `(object, name)` to the parameter.
#[derive(Debug)]
pub(crate) struct NameIndex {
    /// `(fingerprint, parameter)`; `EMPTY` marks a free slot.
    slots: Box<[(u32, u32)]>,
    /// Bits of the hash that pick the slot.
    bits: u32,
    /// The [`signature`] of every parameter's name, by parameter: the
    /// parameters of an object lie side by side, so that scanning a few is
    /// scanning one or two cache lines, not their descriptors.
    sigs: Box<[u64]>,
}

const EMPTY: u32 = u32::MAX;

impl NameIndex {
    /// The index of every parameter of `model`.
    pub(crate) fn new(model: &ModelDesc) -> NameIndex {
        let entries = model.params.len();
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
        for (ix, param) in model.params.iter().enumerate() {
            if let Ok(ix) = u32::try_from(ix) {
                if ix != EMPTY {
                    index.insert(param.object, param.name, ix);
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

    /// The parameter of `object` called `name`, by a probe.
    #[inline]
    fn find(&self, model: &ModelDesc, object: ObjectIx, name: &[u8]) -> Option<ParamIx> {
        let (fingerprint, mut slot) = self.place(object, name);
        let mask = self.slots.len() - 1;
        loop {
            let &(f, param) = self.slots.get(slot)?;
            if param == EMPTY {
                return None;
            }
            if f == fingerprint {
                // Different names can share a fingerprint: check the name,
                // and the owner, which the fingerprint only mixes in.
                let d = model.params.get(param as usize)?;
                if d.object == object && same_bytes(d.name.as_bytes(), name) {
                    return Some(param);
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    /// The position among its object's parameters of the parameter of
    /// `object` (described by `desc`) called `name`: among a few parameters
    /// by a scan of their signatures, else by a probe.
    #[inline]
    pub(crate) fn position(
        &self,
        model: &ModelDesc,
        desc: &ObjectDesc,
        object: ObjectIx,
        name: &[u8],
    ) -> Option<u32> {
        if desc.param_count as usize > SCAN {
            return self
                .find(model, object, name)?
                .checked_sub(desc.first_param);
        }
        let first = desc.first_param as usize;
        let sigs = self.sigs.get(first..first + desc.param_count as usize)?;
        let sig = signature(name);
        // Names that share a signature are told apart by the full name.
        for (i, &s) in sigs.iter().enumerate() {
            if s == sig && same_bytes(model.params.get(first + i)?.name.as_bytes(), name) {
                return u32::try_from(i).ok();
            }
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
        _ => (short(name), 0),
    };
    head ^ tail.rotate_left(31) ^ (n as u64).wrapping_mul(K2)
}

/// The first eight bytes as a number (0 if there are fewer).
#[inline(always)]
pub(super) fn load(bytes: &[u8]) -> u64 {
    bytes
        .first_chunk::<8>()
        .map_or(0, |&word| u64::from_le_bytes(word))
}

/// The bytes of a string shorter than eight bytes as one number, read as
/// two overlapping pieces of four, two or one byte rather than byte by
/// byte (a copy into a buffer compiles to a call of memcpy). Strings of
/// the same length give the same number only if they are equal.
#[inline]
pub(super) fn short(bytes: &[u8]) -> u64 {
    let n = bytes.len();
    let four = |at: usize| {
        bytes
            .get(at..at + 4)
            .and_then(|b| <[u8; 4]>::try_from(b).ok())
            .map_or(0, |b| u64::from(u32::from_le_bytes(b)))
    };
    let two = |at: usize| {
        bytes
            .get(at..at + 2)
            .and_then(|b| <[u8; 2]>::try_from(b).ok())
            .map_or(0, |b| u64::from(u16::from_le_bytes(b)))
    };
    match n {
        4.. => four(0) | (four(n - 4) << 32),
        2.. => two(0) | (two(n - 2) << 16),
        1 => bytes.first().map_or(0, |&b| u64::from(b)),
        0 => 0,
    }
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

    /// The parameter of `object` called `name`, as a full path's lookup
    /// finds it.
    fn param_of(
        index: &NameIndex,
        model: &ModelDesc,
        object: ObjectIx,
        name: &str,
    ) -> Option<ParamIx> {
        let desc = model.objects.get(object as usize)?;
        let pos = index.position(model, desc, object, name.as_bytes())?;
        Some(desc.first_param + pos)
    }

    #[test]
    fn finds_every_parameter_and_nothing_else() {
        let index = NameIndex::new(&MODEL);
        for (ix, p) in MODEL.params.iter().enumerate() {
            assert_eq!(
                index.find(&MODEL, p.object, p.name.as_bytes()),
                Some(ix as u32),
                "{}",
                p.name
            );
            assert_eq!(param_of(&index, &MODEL, p.object, p.name), Some(ix as u32));
        }
        for (ix, o) in MODEL.objects.iter().enumerate() {
            if let Some(parent) = o.parent {
                assert_eq!(
                    index.find(&MODEL, parent, o.name.as_bytes()),
                    None,
                    "{}",
                    o.name
                );
                assert_eq!(param_of(&index, &MODEL, parent, o.name), None);
            }
            assert_eq!(param_of(&index, &MODEL, ix as u32, "Nope"), None);
        }
        for (object, name) in [(0, "Nope"), (1, "Host"), (0, "URL"), (0, ""), (99, "Host")] {
            assert_eq!(
                index.find(&MODEL, object, name.as_bytes()),
                None,
                "{object} {name}"
            );
            assert_eq!(
                param_of(&index, &MODEL, object, name),
                None,
                "{object} {name}"
            );
        }
        assert!(index.heap_bytes() >= 8 * 2 * MODEL.params.len());
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
        assert_eq!(index.find(&MODEL, 0, a.as_bytes()), Some(0));
        assert_eq!(index.find(&MODEL, 0, b.as_bytes()), Some(1));
        assert_eq!(index.find(&MODEL, 0, "AAAAAAAAzBBBBBBBB".as_bytes()), None);
        // The scan of signatures, for an object of a few parameters.
        assert_eq!(param_of(&index, &MODEL, 0, a), Some(0));
        assert_eq!(param_of(&index, &MODEL, 0, b), Some(1));
        assert_eq!(param_of(&index, &MODEL, 0, "AAAAAAAAzBBBBBBBB"), None);
    }
}

//! Finding an object instance by its path in one probe: the index behind
//! reads and writes of full parameter names.
//!
//! Every node of the tree is entered in a [`PathIndex`] under a hash of its
//! path (`Device.WiFi.AccessPoint.3.Security.`). A full parameter name is
//! then its object instance's path, found by one probe, plus a parameter
//! name looked up within the object. The index holds no strings: a
//! candidate is confirmed by comparing the path with its object's template
//! (`Device.WiFi.AccessPoint.{i}.Security.`), whose `{i}` holes
//! [`Templates`] records, and with the instance numbers of the node and of
//! the table instances above it.
//!
//! Walking down from the root instead, one segment at a time, cost a
//! lookup among an object's children and a search of a table's rows per
//! level, which is what kept reads at the speed of a `BTreeMap` of full
//! paths (BENCHMARKS.md).

use std::mem::size_of_val;

use crate::meta::{ModelDesc, ObjectIx};

use super::names::{load, mix, short, K1, K2};

/// An open-addressing table from the hash of a node's path to the node.
///
/// Its size need not be a power of two: the hash is mapped onto the slots
/// by a multiplication, so that the table can grow by a quarter at a time
/// and stay between 70 % and 87.5 % full. Lookups of names that exist end
/// in a few probes even so; only the rare miss scans a longer run.
#[derive(Clone, Debug, Default)]
pub(crate) struct PathIndex {
    /// `hash << 32 | node`; [`EMPTY`] marks a free slot.
    slots: Vec<u64>,
    len: usize,
}

/// A free slot: no node has the id `u32::MAX`.
const EMPTY: u64 = u64::MAX;

fn entry(hash: u32, node: u32) -> u64 {
    (u64::from(hash) << 32) | u64::from(node)
}

impl PathIndex {
    /// Enters `node` under `hash`.
    pub(crate) fn insert(&mut self, hash: u32, node: u32) {
        if (self.len + 1) * 8 > self.slots.len() * 7 {
            self.grow();
        }
        self.place(entry(hash, node));
        self.len += 1;
    }

    /// The first slot of the probe sequence of `hash`.
    #[inline]
    fn home(&self, hash: u32) -> usize {
        ((u64::from(hash) * self.slots.len() as u64) >> 32) as usize
    }

    /// The slot after `i`, wrapping around.
    #[inline]
    fn next(&self, i: usize) -> usize {
        if i + 1 >= self.slots.len() {
            0
        } else {
            i + 1
        }
    }

    /// Puts an entry in the first free slot of its probe sequence.
    fn place(&mut self, e: u64) {
        let mut i = self.home((e >> 32) as u32);
        // Never full, so a free slot is found.
        for _ in 0..self.slots.len() {
            match self.slots.get_mut(i) {
                Some(slot) if *slot == EMPTY => {
                    *slot = e;
                    return;
                }
                _ => i = self.next(i),
            }
        }
    }

    fn grow(&mut self) {
        let size = (self.slots.len() + self.slots.len() / 4).max(16);
        let old = std::mem::replace(&mut self.slots, vec![EMPTY; size]);
        for e in old.into_iter().filter(|&e| e != EMPTY) {
            self.place(e);
        }
    }

    /// Removes `node`, entered under `hash`.
    pub(crate) fn remove(&mut self, hash: u32, node: u32) {
        let target = entry(hash, node);
        let mut i = self.home(hash);
        loop {
            match self.slots.get(i) {
                Some(&e) if e == target => break,
                Some(&e) if e != EMPTY => i = self.next(i),
                _ => return,
            }
        }
        self.len = self.len.saturating_sub(1);
        // Backward-shift deletion: move up every later entry of the run
        // that the hole would cut off from its home slot.
        let mut hole = i;
        let mut j = i;
        loop {
            j = self.next(j);
            let Some(&e) = self.slots.get(j) else {
                return;
            };
            if e == EMPTY {
                break;
            }
            let k = self.home((e >> 32) as u32);
            // Does `e`'s home lie cyclically in (hole, j]? Then it stays.
            let stays = if hole <= j {
                hole < k && k <= j
            } else {
                hole < k || k <= j
            };
            if !stays {
                if let Some(slot) = self.slots.get_mut(hole) {
                    *slot = e;
                }
                hole = j;
            }
        }
        if let Some(slot) = self.slots.get_mut(hole) {
            *slot = EMPTY;
        }
    }

    /// The first node entered under `hash` that `accept` takes.
    #[inline]
    pub(crate) fn find(&self, hash: u32, mut accept: impl FnMut(u32) -> bool) -> Option<u32> {
        let mut i = self.home(hash);
        loop {
            let e = *self.slots.get(i)?;
            if e == EMPTY {
                return None;
            }
            if (e >> 32) as u32 == hash && accept(e as u32) {
                return Some(e as u32);
            }
            i = self.next(i);
        }
    }

    /// Heap bytes of the table.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.slots.capacity() * size_of_val(&EMPTY)
    }
}

/// The hash of a path under which its node is entered.
///
/// The runtime's own tests keep only four bits of it, so that paths
/// collide all the time and every lookup they make depends on the check
/// of a candidate against its template and instance numbers.
#[inline]
pub(crate) fn hash_path(path: &[u8]) -> u32 {
    let hash = full_hash(path);
    if cfg!(test) {
        hash & 0xF000_0000
    } else {
        hash
    }
}

/// The hash of a path, eight bytes at a time.
#[inline]
fn full_hash(path: &[u8]) -> u32 {
    let mut h = (path.len() as u64).wrapping_mul(K1);
    let mut words = path.chunks_exact(8);
    for word in &mut words {
        h = (h ^ load(word)).wrapping_mul(K2).rotate_left(29);
    }
    if !words.remainder().is_empty() {
        // The last eight bytes, overlapping the word before, or the whole
        // of a path shorter than a word.
        let last = match path.len().checked_sub(8) {
            Some(from) => path.get(from..).map_or(0, load),
            None => short(path),
        };
        h = (h ^ last).wrapping_mul(K2).rotate_left(29);
    }
    (mix(h) >> 32) as u32
}

/// Where the `{i}` holes of every object's path template are.
#[derive(Debug)]
pub(crate) struct Templates {
    /// Byte offsets of the holes, object after object.
    holes: Box<[u16]>,
    /// Where each object's holes start in `holes`; one more entry than
    /// there are objects.
    starts: Box<[u32]>,
}

impl Templates {
    pub(crate) fn new(model: &ModelDesc) -> Templates {
        let mut holes = Vec::new();
        let mut starts = Vec::with_capacity(model.objects.len() + 1);
        for desc in model.objects {
            starts.push(u32::try_from(holes.len()).unwrap_or(u32::MAX));
            holes.extend(
                desc.path
                    .match_indices("{i}")
                    .filter_map(|(at, _)| u16::try_from(at).ok()),
            );
        }
        starts.push(u32::try_from(holes.len()).unwrap_or(u32::MAX));
        Templates {
            holes: holes.into_boxed_slice(),
            starts: starts.into_boxed_slice(),
        }
    }

    /// Whether `path` is the path of the instance of `object` whose
    /// instance numbers, innermost first, are `numbers`.
    #[cfg(test)]
    fn matches(&self, model: &ModelDesc, object: ObjectIx, numbers: &[u32], path: &[u8]) -> bool {
        self.holes(object).is_some_and(|h| h.len() == numbers.len())
            && self.matches_with(model, object, path, numbers.iter().copied())
    }

    /// Whether `path` is the path of the instance of `object` whose
    /// instance numbers, innermost first, `numbers` gives; only as many are
    /// taken as the template has holes. The path is read from its end, so
    /// that the numbers can come one at a time from walking up the tree.
    #[inline]
    pub(crate) fn matches_with(
        &self,
        model: &ModelDesc,
        object: ObjectIx,
        path: &[u8],
        numbers: impl Iterator<Item = u32>,
    ) -> bool {
        self.check(model, object, path, numbers).is_some()
    }

    #[inline]
    fn check(
        &self,
        model: &ModelDesc,
        object: ObjectIx,
        path: &[u8],
        mut numbers: impl Iterator<Item = u32>,
    ) -> Option<()> {
        let template = model.objects.get(object as usize)?.path.as_bytes();
        // `path[..rest]` and `template[..end]` are what is left to compare.
        let mut rest = path;
        let mut end = template.len();
        for &hole in self.holes(object)?.iter().rev() {
            let hole = usize::from(hole);
            let piece = template.get(hole + 3..end)?;
            let (head, tail) = rest.split_at_checked(rest.len().checked_sub(piece.len())?)?;
            if !same_bytes(tail, piece) {
                return None;
            }
            // The number's digits, last first. A leading zero is left in
            // `head`, where the `.` that ends the piece before should be.
            let mut n = numbers.next()?;
            rest = head;
            loop {
                let (&digit, before) = rest.split_last()?;
                if u32::from(digit) != u32::from(b'0') + n % 10 {
                    return None;
                }
                rest = before;
                n /= 10;
                if n == 0 {
                    break;
                }
            }
            end = hole;
        }
        same_bytes(rest, template.get(..end)?).then_some(())
    }

    /// The hole offsets of `object`'s template, first to last.
    #[inline]
    fn holes(&self, object: ObjectIx) -> Option<&[u16]> {
        let (start, end) = (
            *self.starts.get(object as usize)? as usize,
            *self.starts.get(object as usize + 1)? as usize,
        );
        self.holes.get(start..end)
    }

    /// Heap bytes of the tables.
    pub(crate) fn heap_bytes(&self) -> usize {
        size_of_val(&*self.holes) + size_of_val(&*self.starts)
    }
}

/// Whether two byte strings are equal, compared eight bytes at a time
/// inline: the names and paths compared here are short, and a call of
/// `memcmp` cost more than the comparison (perf, BENCHMARKS.md).
#[inline(always)]
pub(crate) fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    if n < 8 {
        // Two overlapping words of four, two or one byte, not a loop over
        // bytes: most parameter names are shorter than eight bytes.
        return short(a) == short(b);
    }
    let (mut x, mut y) = (a.chunks_exact(8), b.chunks_exact(8));
    if !(&mut x).zip(&mut y).all(|(p, q)| load(p) == load(q)) {
        return false;
    }
    // The last word overlaps the one before it.
    x.remainder().is_empty()
        || matches!((a.get(n - 8..), b.get(n - 8..)), (Some(p), Some(q)) if load(p) == load(q))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meta::testing::{object, param};
    use crate::value::{BaseType, Syntax};

    #[test]
    fn entries_come_and_go_without_losing_their_neighbours() {
        let mut index = PathIndex::default();
        // Few distinct hashes, so that runs are long and wrap around.
        let hash = |n: u32| (n % 7).wrapping_mul(0x9E37_79B9) | 0xF;
        for n in 0..200 {
            index.insert(hash(n), n);
        }
        let present = |index: &PathIndex, n: u32| index.find(hash(n), |id| id == n).is_some();
        assert!((0..200).all(|n| present(&index, n)));
        for n in (0..200).filter(|n| n % 3 == 0) {
            index.remove(hash(n), n);
        }
        for n in 0..200 {
            assert_eq!(present(&index, n), n % 3 != 0, "{n}");
        }
        index.remove(hash(1000), 1000);
        assert_eq!(index.len, 133);
        assert!(index.heap_bytes() >= 8 * 133);
    }

    #[test]
    fn a_path_matches_its_template_and_numbers_only() {
        static S: Syntax = Syntax::new(BaseType::String);
        static MODEL: ModelDesc = ModelDesc {
            name: "T:1.0",
            is_service: false,
            objects: &[
                object("Device.", "Device", None, false, (0, 0), &[1]),
                object("Device.A.{i}.", "A", Some(0), true, (0, 0), &[2]),
                object("Device.A.{i}.B.{i}.C.", "C", Some(1), false, (0, 1), &[]),
            ],
            params: &[param("P", 2, &S)],
            parts: &[],
        };
        let t = Templates::new(&MODEL);
        assert!(t.matches(&MODEL, 0, &[], b"Device."));
        assert!(t.matches(&MODEL, 1, &[12], b"Device.A.12."));
        assert!(t.matches(&MODEL, 2, &[7, 3], b"Device.A.3.B.7.C."));
        for (object, numbers, path) in [
            (0, &[][..], &b"Device"[..]),
            (0, &[1][..], b"Device."),
            (1, &[12], b"Device.A.012."),
            (1, &[12], b"Device.A.13."),
            (1, &[12], b"Device.A.12"),
            (1, &[12], b"Device.A.12.."),
            (1, &[12], b"Device.A.."),
            (1, &[u32::MAX], b"Device.A.99999999999."),
            (2, &[3, 7], b"Device.A.3.B.7.C."),
            (2, &[7], b"Device.A.3.B.7.C."),
            (9, &[], b"Device."),
        ] {
            assert!(!t.matches(&MODEL, object, numbers, path), "{path:?}");
        }
        assert_ne!(full_hash(b"Device.A.1."), full_hash(b"Device.A.2."));
        let groups: std::collections::BTreeSet<u32> = (0..200)
            .map(|n| hash_path(format!("Device.A.{n}.").as_bytes()))
            .collect();
        assert!(groups.len() > 1 && groups.len() <= 16, "{groups:?}");
        for (a, b) in [
            ("", ""),
            ("Enable", "Enable"),
            ("a", "a"),
            ("abc", "abc"),
            ("Device.A.", "Device.A."),
            ("Device.Ethernet.Interface.", "Device.Ethernet.Interface."),
        ] {
            assert!(same_bytes(a.as_bytes(), b.as_bytes()), "{a}");
        }
        for (a, b) in [
            ("", "a"),
            ("a", "b"),
            ("ab", "ac"),
            ("abc", "xbc"),
            ("abcd", "abcx"),
            ("abcdefg", "abcxefg"),
            ("Enable", "Enabld"),
            ("Device.A.", "Device.B."),
            ("Device.Ethernet.Interface.", "Device.Ethernet.Interfacf."),
            ("Xevice.Ethernet.Interface.", "Device.Ethernet.Interface."),
            ("Device.Ethernet.Xnterface.", "Device.Ethernet.Interface."),
        ] {
            assert!(!same_bytes(a.as_bytes(), b.as_bytes()), "{a}");
        }
        assert_ne!(full_hash(b""), full_hash(b"\0"));
    }
}

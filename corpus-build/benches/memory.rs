//! Heap of the populated TR-181 2.17 tree against the same values in a
//! `BTreeMap<String, String>` (full path to wire value), measured by a
//! counting allocator (bytes requested, live) and set beside the tree's
//! own `heap_bytes()` and a formula for the map. Not a criterion bench:
//! it prints the figures.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

#[allow(dead_code)]
mod common;

/// `LeafNode<String, String>` of std's B-tree: parent pointer, parent
/// index and length (u16 each), 11 keys and 11 values of 24 bytes, padded
/// to 8: 544 bytes. An internal node adds 12 edge pointers: 640 bytes.
const LEAF_NODE: usize = 544;
const INTERNAL_NODE: usize = 640;
const NODE_CAPACITY: usize = 11;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static LEAVES: AtomicUsize = AtomicUsize::new(0);
static INTERNALS: AtomicUsize = AtomicUsize::new(0);

/// The system allocator, counting live requested bytes and live blocks of
/// the two B-tree node sizes (strings are 1-aligned, nodes 8-aligned, so
/// they cannot be mistaken for each other).
struct Counting;

fn track(layout: Layout, up: bool) {
    let add = |c: &AtomicUsize, n: usize| {
        if up {
            c.fetch_add(n, Relaxed);
        } else {
            c.fetch_sub(n, Relaxed);
        }
    };
    add(&LIVE, layout.size());
    if layout.align() == 8 {
        match layout.size() {
            LEAF_NODE => add(&LEAVES, 1),
            INTERNAL_NODE => add(&INTERNALS, 1),
            _ => {}
        }
    }
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        track(layout, true);
        // SAFETY: forwarded as given.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        track(layout, false);
        // SAFETY: forwarded as given.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        track(layout, false);
        // SAFETY: `new_size` and `layout.align()` form a valid layout, as
        // the caller of `realloc` guarantees.
        track(
            unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) },
            true,
        );
        // SAFETY: forwarded as given.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn main() {
    // `cargo bench` passes `--bench`; nothing to parse.
    let before = LIVE.load(Relaxed);
    let tree = common::populated_tree();
    let tree_live = LIVE.load(Relaxed) - before;
    let tree_heap = tree.heap_bytes();

    let (leaves0, internals0) = (LEAVES.load(Relaxed), INTERNALS.load(Relaxed));
    let before = LIVE.load(Relaxed);
    let map = common::baseline_map(&tree);
    let map_live = LIVE.load(Relaxed) - before;
    let leaves = LEAVES.load(Relaxed) - leaves0;
    let internals = INTERNALS.load(Relaxed) - internals0;

    let n = map.len();
    let keys: usize = map.keys().map(String::capacity).sum();
    let values: usize = map.values().map(String::capacity).sum();
    let nodes = leaves * LEAF_NODE + internals * INTERNAL_NODE;
    // The formula without the allocator: every entry takes its key and
    // value capacity plus its 48-byte (key, value) slot in a node, nodes
    // being full at best (11 entries) and half full at worst after
    // splits; one internal node per ~11 leaves.
    let full = n.div_ceil(NODE_CAPACITY);
    let formula_min =
        keys + values + full * LEAF_NODE + full.div_ceil(NODE_CAPACITY) * INTERNAL_NODE;
    let per = |bytes: usize| bytes as f64 / n as f64;

    println!("values stored: {n}");
    println!(
        "tree: heap_bytes() {tree_heap} B ({:.1} B/value); allocator, live after building: {tree_live} B ({:.1} B/value)",
        per(tree_heap),
        per(tree_live)
    );
    println!(
        "map: allocator {map_live} B ({:.1} B/value) = keys {keys} B ({:.1}/value) + values {values} B ({:.1}/value) + nodes {nodes} B ({leaves} leaves x {LEAF_NODE} + {internals} internal x {INTERNAL_NODE}; {:.1} entries/leaf, {:.1} B/value)",
        per(map_live),
        per(keys),
        per(values),
        n as f64 / leaves.max(1) as f64,
        per(nodes)
    );
    println!(
        "map formula with full nodes (lower bound): {formula_min} B ({:.1} B/value)",
        per(formula_min)
    );
    println!(
        "tree / map: {:.3} (heap_bytes / allocator-measured map), {:.3} (allocator / allocator)",
        tree_heap as f64 / map_live as f64,
        tree_live as f64 / map_live as f64
    );
    drop(map);
    drop(tree);
}

//! The storage of the tree: a [`Node`] per object instance, built from the
//! model's defaults, all of them in one arena ([`Nodes`]) under a
//! [`NodeId`], and entered in an index by path (`paths.rs`).
//!
//! A node holds its parameter values as slots indexed by the parameter's
//! position in its object ([`ModelDesc::params_of`]), and one [`Child`] per
//! child object in the order of [`ObjectDesc::children`]: a single object
//! (absent while an optional one is not created) or a table, whose rows stay
//! sorted by instance number. Child objects, attributes that differ from
//! the defaults and write-once flags live out of line, absent from the
//! many leaf instances that have none.
//!
//! The arena is what lets a full parameter name be found without walking
//! down the tree: the path index maps the name's object instance to its id
//! in one probe.

use std::collections::HashMap;
use std::mem::{size_of, size_of_val};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use crate::meta::{DefaultKind, ModelDesc, ObjectDesc, ObjectIx, ParamDesc};
use crate::value::Writer;

use super::attrs::Attributes;
use super::names::NameIndex;
use super::paths::{hash_path, PathIndex, Templates};
use super::slot::Slot;

/// Most instances created for a table's `minEntries` when a tree is built;
/// a model asking for more is taken to be mistaken.
const MAX_INITIAL_ROWS: u32 = 64;

/// Where a node is in its tree's arena.
pub(crate) type NodeId = u32;

/// The root object's node.
pub(crate) const ROOT: NodeId = 0;

/// No node: the `up` of a node with no table instance above it.
const NONE: NodeId = u32::MAX;

/// One object instance, or a single object.
#[derive(Clone, Debug)]
pub(crate) struct Node {
    /// Parameter values, by position within the object.
    pub values: Box<[Slot]>,
    /// Child objects and marks; `None` when there are neither.
    more: Option<Box<More>>,
    /// Its object.
    pub object: ObjectIx,
    /// Its instance number if it is a table instance, else 0.
    pub number: u32,
}

/// The part of a node that leaf instances do without.
#[derive(Clone, Debug, Default)]
struct More {
    /// Child objects, by position in the object's `children`.
    children: Box<[Child]>,
    /// Non-default attributes and write-once flags, usually absent.
    marks: Option<Box<Marks>>,
}

/// What a node knows beyond its values; kept out of line because few nodes
/// have any.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Marks {
    /// Attributes that differ from the parameter's defaults, by position,
    /// sorted.
    pub attrs: Vec<(u32, Attributes)>,
    /// Positions of write-once parameters the ACS has written, sorted.
    pub written: Vec<u32>,
}

/// A child object of a node.
#[derive(Clone, Debug)]
pub(crate) enum Child {
    /// A single object; `None` while an optional one does not exist.
    Single(Option<NodeId>),
    /// A table's instances, sorted by instance number.
    Table(Vec<Row>),
}

/// One instance of a table.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Row {
    /// Its instance number.
    pub number: u32,
    /// Its node.
    pub node: NodeId,
}

/// Which defaults a new node takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fill {
    /// A tree in factory state: object and factory defaults, `minEntries`
    /// instances in every table.
    Factory,
    /// A new instance (AddObject): object defaults only, `minEntries`
    /// instances in nested tables.
    Instance,
    /// The frame a saved state is loaded into: factory defaults, every
    /// table empty.
    Skeleton,
}

impl Node {
    /// The child objects, by position in the object's `children`.
    pub(crate) fn children(&self) -> &[Child] {
        self.more.as_deref().map_or(&[], |m| &m.children)
    }

    /// The child objects, mutably.
    pub(crate) fn children_mut(&mut self) -> &mut [Child] {
        match self.more.as_deref_mut() {
            Some(more) => &mut more.children,
            None => &mut [],
        }
    }

    /// Sets the child objects.
    fn set_children(&mut self, children: Box<[Child]>) {
        if children.is_empty() && self.more.is_none() {
            return;
        }
        self.more.get_or_insert_with(Box::default).children = children;
    }

    /// The ids of the child nodes.
    fn child_ids(&self) -> impl Iterator<Item = NodeId> + '_ {
        self.children().iter().flat_map(|child| {
            let (single, rows) = match child {
                Child::Single(id) => (*id, &[][..]),
                Child::Table(rows) => (None, &rows[..]),
            };
            single.into_iter().chain(rows.iter().map(|r| r.node))
        })
    }

    fn marks(&self) -> Option<&Marks> {
        self.more.as_deref()?.marks.as_deref()
    }

    /// The marks, created on first use.
    pub(crate) fn marks_mut(&mut self) -> &mut Marks {
        self.more
            .get_or_insert_with(Box::default)
            .marks
            .get_or_insert_with(Box::default)
    }

    /// Drops the marks if they hold nothing.
    pub(crate) fn tidy_marks(&mut self) {
        let Some(more) = self.more.as_deref_mut() else {
            return;
        };
        if more
            .marks
            .as_deref()
            .is_some_and(|m| *m == Marks::default())
        {
            more.marks = None;
        }
        if more.marks.is_none() && more.children.is_empty() {
            self.more = None;
        }
    }

    /// Non-default attributes of the parameter at `pos`.
    pub(crate) fn attrs(&self, pos: u32) -> Option<&Attributes> {
        let marks = self.marks()?;
        let i = marks.attrs.binary_search_by_key(&pos, |(p, _)| *p).ok()?;
        marks.attrs.get(i).map(|(_, a)| a)
    }

    /// Whether the ACS has written the write-once parameter at `pos`.
    pub(crate) fn written(&self, pos: u32) -> bool {
        self.marks()
            .is_some_and(|m| m.written.binary_search(&pos).is_ok())
    }

    /// Records that the ACS wrote the write-once parameter at `pos`.
    pub(crate) fn mark_written(&mut self, pos: u32) {
        let written = &mut self.marks_mut().written;
        if let Err(i) = written.binary_search(&pos) {
            written.insert(i, pos);
        }
    }

    /// Heap bytes owned by this node alone (payload only), its child nodes
    /// excluded.
    fn heap_bytes(&self) -> usize {
        let mut n = self.values.len() * size_of::<Slot>()
            + self.values.iter().map(Slot::heap_bytes).sum::<usize>();
        if self.more.is_some() {
            n += size_of::<More>() + size_of_val(self.children());
        }
        if let Some(marks) = self.marks() {
            n += size_of::<Marks>()
                + marks.attrs.capacity() * size_of::<(u32, Attributes)>()
                + marks.written.capacity() * size_of::<u32>();
            for (_, a) in &marks.attrs {
                n += a.access_list.capacity() * size_of::<String>();
                n += a.access_list.iter().map(String::capacity).sum::<usize>();
            }
        }
        for child in self.children() {
            if let Child::Table(rows) = child {
                n += rows.capacity() * size_of::<Row>();
            }
        }
        n
    }
}

/// Every node of a tree, and the index that finds one by its path.
#[derive(Clone, Debug)]
pub(crate) struct Nodes {
    /// Nodes by id; `None` for a free id.
    slots: Vec<Option<Node>>,
    /// By id, the nearest table instance above each node ([`NONE`] if
    /// there is none): what gives a node's instance numbers. Kept beside
    /// the nodes rather than in them, so that a node is 32 bytes.
    ups: Vec<NodeId>,
    /// Ids of deleted nodes, to be given out again.
    free: Vec<NodeId>,
    /// Every node by the hash of its path.
    paths: PathIndex,
    /// Changes whenever a node is built or removed, and differs between
    /// arenas built apart: while it holds, a node id found earlier still
    /// names the same instance.
    shape: u64,
}

/// Where shape stamps come from: one counter for the process, so that no
/// two arenas built apart share a stamp.
static SHAPES: AtomicU64 = AtomicU64::new(1);

fn new_shape() -> u64 {
    SHAPES.fetch_add(1, Ordering::Relaxed)
}

impl Nodes {
    /// A tree's nodes: the root object's with what `fill` asks for under it.
    pub(crate) fn new(model: &ModelDesc, fill: Fill) -> Nodes {
        let mut nodes = Nodes {
            slots: Vec::new(),
            ups: Vec::new(),
            free: Vec::new(),
            paths: PathIndex::default(),
            shape: new_shape(),
        };
        let mut path = model.objects.first().map_or("", |o| o.path).to_owned();
        // The arena is empty, so the root gets id 0, `ROOT`.
        nodes.build(model, 0, fill, &mut path, NONE, 0, 0);
        nodes.slots.shrink_to_fit();
        nodes.ups.shrink_to_fit();
        nodes
    }

    /// The arena's shape stamp: it changes whenever a node is built or
    /// removed, so while it holds, node ids found earlier still hold.
    pub(crate) fn shape(&self) -> u64 {
        self.shape
    }

    /// The node `id`.
    #[inline]
    pub(crate) fn get(&self, id: NodeId) -> Option<&Node> {
        self.slots.get(id as usize)?.as_ref()
    }

    /// The node `id`, mutably.
    pub(crate) fn get_mut(&mut self, id: NodeId) -> Option<&mut Node> {
        self.slots.get_mut(id as usize)?.as_mut()
    }

    /// The root object's node.
    pub(crate) fn root(&self) -> Option<&Node> {
        self.get(ROOT)
    }

    /// The nearest table instance above node `id`.
    #[inline]
    fn up(&self, id: NodeId) -> NodeId {
        self.ups.get(id as usize).copied().unwrap_or(NONE)
    }

    /// The nearest table instance above the children of node `id`: itself
    /// if it is one.
    fn up_of_children(&self, id: NodeId) -> NodeId {
        match self.get(id) {
            Some(node) if node.number != 0 => id,
            _ => self.up(id),
        }
    }

    /// Builds a new node of `object` under `parent` (its instance `number`
    /// if `object` is a table, else 0), with the children `fill` asks
    /// for, and returns its id. The caller links it into `parent`.
    pub(crate) fn build_under(
        &mut self,
        model: &ModelDesc,
        parent: NodeId,
        object: ObjectIx,
        number: u32,
        fill: Fill,
    ) -> Option<NodeId> {
        let mut path = self.path_of(model, parent)?;
        push_child_path(&mut path, model, object, number)?;
        self.shape = new_shape();
        let up = self.up_of_children(parent);
        Some(self.build(model, object, fill, &mut path, up, number, 0))
    }

    /// Builds a node of `object` at `path` and everything `fill` asks for
    /// under it; returns its id.
    #[allow(clippy::too_many_arguments)]
    fn build(
        &mut self,
        model: &ModelDesc,
        object: ObjectIx,
        fill: Fill,
        path: &mut String,
        up: NodeId,
        number: u32,
        depth: usize,
    ) -> NodeId {
        let values: Box<[Slot]> = params_of(model, object)
            .iter()
            .map(|p| default_slot(p, fill))
            .collect();
        let node = Node {
            values,
            more: None,
            object,
            number,
        };
        let id = self.alloc(node, up, hash_path(path.as_bytes()));
        let inner_up = if number != 0 { id } else { up };
        let children: &[ObjectIx] = match model.objects.get(object as usize) {
            // A model whose children loop would recurse forever: stop at a
            // depth no real model reaches.
            Some(desc) if depth <= model.objects.len() => desc.children,
            _ => &[],
        };
        let mut built = Vec::with_capacity(children.len());
        for &c in children {
            let Some(desc) = model.objects.get(c as usize) else {
                built.push(Child::Single(None));
                continue;
            };
            let len = path.len();
            built.push(if desc.table {
                let count = match fill {
                    Fill::Skeleton => 0,
                    Fill::Factory | Fill::Instance => desc
                        .min_entries
                        .min(desc.max_entries.unwrap_or(u32::MAX))
                        .min(MAX_INITIAL_ROWS),
                };
                let rows = (1..=count)
                    .filter_map(|number| {
                        push_child_path(path, model, c, number)?;
                        let node = self.build(model, c, fill, path, inner_up, number, depth + 1);
                        path.truncate(len);
                        Some(Row { number, node })
                    })
                    .collect();
                Child::Table(rows)
            } else if desc.min_entries >= 1 {
                let _ = push_child_path(path, model, c, 0);
                Child::Single(Some(self.build(
                    model,
                    c,
                    fill,
                    path,
                    inner_up,
                    0,
                    depth + 1,
                )))
            } else {
                Child::Single(None)
            });
            path.truncate(len);
        }
        if let Some(node) = self.get_mut(id) {
            node.set_children(built.into_boxed_slice());
            recount(model, object, node);
        }
        id
    }

    /// Puts a node in a free slot and enters it in the path index under
    /// `hash`, the hash of its path.
    fn alloc(&mut self, node: Node, up: NodeId, hash: u32) -> NodeId {
        let id = match self.free.pop() {
            Some(id) => {
                if let (Some(slot), Some(u)) = (
                    self.slots.get_mut(id as usize),
                    self.ups.get_mut(id as usize),
                ) {
                    *slot = Some(node);
                    *u = up;
                }
                id
            }
            None => {
                // Grow by an eighth rather than double: the arena is most
                // of a tree's fixed cost, and amortised pushes stay O(1).
                if self.slots.len() == self.slots.capacity() {
                    let more = self.slots.len() / 8 + 16;
                    self.slots.reserve_exact(more);
                    self.ups.reserve_exact(more);
                }
                // Four billion nodes would not fit in memory anyway.
                let id = NodeId::try_from(self.slots.len()).unwrap_or(NONE);
                self.slots.push(Some(node));
                self.ups.push(up);
                id
            }
        };
        self.paths.insert(hash, id);
        id
    }

    /// Node `id` (whose path is `path`) and every node under it, with the
    /// hashes of their paths, parents first.
    fn hashes(
        &self,
        model: &ModelDesc,
        id: NodeId,
        path: &mut String,
        depth: usize,
        out: &mut Vec<(NodeId, u32)>,
    ) {
        out.push((id, hash_path(path.as_bytes())));
        let Some(node) = self.get(id) else {
            return;
        };
        let Some(desc) = model.objects.get(node.object as usize) else {
            return;
        };
        if depth > model.objects.len() {
            return;
        }
        for (child, &c) in node.children().iter().zip(desc.children) {
            let len = path.len();
            match child {
                Child::Single(Some(sub)) => {
                    if push_child_path(path, model, c, 0).is_some() {
                        self.hashes(model, *sub, path, depth + 1, out);
                    }
                }
                Child::Single(None) => {}
                Child::Table(rows) => {
                    for row in rows {
                        if push_child_path(path, model, c, row.number).is_some() {
                            self.hashes(model, row.node, path, depth + 1, out);
                        }
                        path.truncate(len);
                    }
                }
            }
            path.truncate(len);
        }
    }

    /// Removes node `id` and everything under it. The caller unlinks it
    /// from its parent.
    pub(crate) fn remove(&mut self, model: &ModelDesc, id: NodeId) {
        let Some(mut path) = self.path_of(model, id) else {
            return;
        };
        self.shape = new_shape();
        let mut gone = Vec::new();
        self.hashes(model, id, &mut path, 0, &mut gone);
        for (id, hash) in gone {
            if let Some(slot) = self.slots.get_mut(id as usize) {
                if slot.take().is_some() {
                    self.paths.remove(hash, id);
                    self.free.push(id);
                }
            }
        }
    }

    /// Moves node `id` of `from`, and everything under it, into this
    /// arena, where the nearest table instance above it is `up`; returns
    /// its new id. Both arenas belong to trees of one model, so paths and
    /// their hashes stay.
    fn transplant(
        &mut self,
        model: &ModelDesc,
        from: &mut Nodes,
        id: NodeId,
        up: NodeId,
    ) -> Option<NodeId> {
        let mut path = from.path_of(model, id)?;
        let mut order = Vec::new();
        from.hashes(model, id, &mut path, 0, &mut order);
        // Parents come first, so the new id of a node's table instance is
        // known when the node moves.
        let mut moved: HashMap<NodeId, NodeId> = HashMap::with_capacity(order.len());
        for (old, hash) in order {
            let old_up = from.up(old);
            let Some(node) = from.slots.get_mut(old as usize).and_then(Option::take) else {
                continue;
            };
            from.paths.remove(hash, old);
            from.free.push(old);
            let above = if old == id {
                up
            } else {
                moved.get(&old_up).copied().unwrap_or(up)
            };
            let new = self.alloc(node, above, hash);
            moved.insert(old, new);
        }
        for &new in moved.values() {
            let Some(node) = self.get_mut(new) else {
                continue;
            };
            for child in node.children_mut() {
                match child {
                    Child::Single(single) => *single = single.and_then(|c| moved.get(&c).copied()),
                    Child::Table(rows) => rows.retain_mut(|row| match moved.get(&row.node) {
                        Some(&n) => {
                            row.node = n;
                            true
                        }
                        None => false,
                    }),
                }
            }
        }
        moved.get(&id).copied()
    }

    /// Moves the child `object` of the node at `from_parent` in `from`
    /// into the node at `parent` here, replacing what is there: one
    /// instance (`Some(number)`), or the whole table or single object.
    pub(crate) fn move_child(
        &mut self,
        model: &ModelDesc,
        from: &mut Nodes,
        from_parent: NodeId,
        parent: NodeId,
        pos: usize,
        instance: Option<u32>,
    ) {
        self.shape = new_shape();
        from.shape = new_shape();
        let Some(old) = from
            .get_mut(from_parent)
            .and_then(|n| n.children_mut().get_mut(pos))
        else {
            return;
        };
        // Unlink the moved part from `from`'s parent; its nodes stay in
        // `from` until they move.
        let taken = match (old, instance) {
            (Child::Table(rows), Some(number)) => {
                let Ok(i) = rows.binary_search_by_key(&number, |r| r.number) else {
                    return;
                };
                Child::Table(vec![rows.remove(i)])
            }
            (Child::Table(rows), None) => Child::Table(std::mem::take(rows)),
            (Child::Single(single), _) => Child::Single(single.take()),
        };
        let up = self.up_of_children(parent);
        let moved = match taken {
            Child::Table(rows) => Child::Table(
                rows.into_iter()
                    .filter_map(|r| {
                        let node = self.transplant(model, from, r.node, up)?;
                        Some(Row {
                            number: r.number,
                            node,
                        })
                    })
                    .collect(),
            ),
            Child::Single(single) => {
                Child::Single(single.and_then(|c| self.transplant(model, from, c, up)))
            }
        };
        let Some(slot) = self
            .get_mut(parent)
            .and_then(|n| n.children_mut().get_mut(pos))
        else {
            return;
        };
        let mut dropped = Vec::new();
        match (slot, moved) {
            (Child::Table(rows), Child::Table(new)) if instance.is_some() => {
                for row in new {
                    match rows.binary_search_by_key(&row.number, |r| r.number) {
                        Ok(i) => {
                            if let Some(r) = rows.get_mut(i) {
                                dropped.push(r.node);
                                *r = row;
                            }
                        }
                        Err(i) => rows.insert(i, row),
                    }
                }
            }
            (slot, moved) => match std::mem::replace(slot, moved) {
                Child::Single(id) => dropped.extend(id),
                Child::Table(rows) => dropped.extend(rows.iter().map(|r| r.node)),
            },
        }
        for id in dropped {
            self.remove(model, id);
        }
    }

    /// The node whose path is `path` (an object instance's partial path),
    /// in one probe of the path index.
    #[inline]
    pub(crate) fn find(
        &self,
        model: &ModelDesc,
        templates: &Templates,
        path: &[u8],
    ) -> Option<NodeId> {
        self.paths.find(hash_path(path), |id| {
            self.get(id).is_some_and(|node| {
                templates.matches_with(model, node.object, path, self.numbers_of(id))
            })
        })
    }

    /// The instance numbers of node `id`, innermost first.
    #[inline]
    fn numbers_of(&self, id: NodeId) -> impl Iterator<Item = u32> + '_ {
        let mut at = self.up_of_children(id);
        std::iter::from_fn(move || {
            let row = self.get(at)?;
            at = self.up(at);
            Some(row.number)
        })
    }

    /// The instance numbers of node `id`, outermost first.
    pub(crate) fn instances(&self, id: NodeId) -> Vec<u32> {
        let mut out: Vec<u32> = self.numbers_of(id).collect();
        out.reverse();
        out
    }

    /// The path of node `id`.
    fn path_of(&self, model: &ModelDesc, id: NodeId) -> Option<String> {
        let node = self.get(id)?;
        let template = model.objects.get(node.object as usize)?.path;
        Some(super::fill_template(template, &self.instances(id)))
    }

    /// Heap bytes of the nodes, the arena and the index.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.slots.capacity() * size_of::<Option<Node>>()
            + self.ups.capacity() * size_of::<NodeId>()
            + self.free.capacity() * size_of::<NodeId>()
            + self.paths.heap_bytes()
            + self
                .slots
                .iter()
                .flatten()
                .map(Node::heap_bytes)
                .sum::<usize>()
    }
}

/// Appends to `path` (the path of a node) the segment of its child
/// `object`, and `number` if it is an instance of a table.
fn push_child_path(
    path: &mut String,
    model: &ModelDesc,
    object: ObjectIx,
    number: u32,
) -> Option<()> {
    let desc = model.objects.get(object as usize)?;
    path.push_str(desc.name);
    path.push('.');
    if desc.table {
        use std::fmt::Write as _;
        let _ = write!(path, "{number}.");
    }
    Some(())
}

/// The parameters of an object, empty for an index out of range.
pub(crate) fn params_of(model: &ModelDesc, object: ObjectIx) -> &'static [ParamDesc] {
    let Some(desc) = model.objects.get(object as usize) else {
        return &[];
    };
    let start = desc.first_param as usize;
    let end = start.saturating_add(desc.param_count as usize);
    model.params.get(start..end).unwrap_or_default()
}

/// The default value of a parameter in a node built with `fill`.
pub(crate) fn default_slot(param: &ParamDesc, fill: Fill) -> Slot {
    let text = match (param.default, fill) {
        (Some((DefaultKind::Object, text)), _) => text,
        (Some((DefaultKind::Factory, text)), Fill::Factory | Fill::Skeleton) => text,
        _ => return Slot::zero(param.syntax),
    };
    // A default is the model's own word: checked as the device would write
    // it, and kept if it parses even when a facet refuses it.
    match param.syntax.check(text, Writer::Device) {
        Ok(values) => Slot::from_checked(param.syntax, values),
        Err(_) => match crate::value::Value::parse(param.syntax.base, text) {
            Ok(value) if param.syntax.list.is_none() => Slot::from_value(value),
            _ => Slot::zero(param.syntax),
        },
    }
}

/// Sets the NumberOfEntries parameters of `node` (an instance of `object`)
/// to the sizes of its tables; returns the positions whose value changed.
pub(crate) fn recount(model: &ModelDesc, object: ObjectIx, node: &mut Node) -> Vec<u32> {
    let mut changed = Vec::new();
    let Some(desc) = model.objects.get(object as usize) else {
        return changed;
    };
    // Borrow the children and the values apart.
    let children = node.more.as_deref().map_or(&[][..], |m| &m.children);
    for (child, &c) in children.iter().zip(desc.children) {
        let (Child::Table(rows), Some(count_param)) = (child, num_entries(model, c)) else {
            continue;
        };
        let Some(pos) = position_in(desc, count_param) else {
            continue;
        };
        let count = u32::try_from(rows.len()).unwrap_or(u32::MAX);
        if let Some(slot) = node.values.get_mut(pos as usize) {
            let new = Slot::UnsignedInt(count);
            if *slot != new {
                *slot = new;
                changed.push(pos);
            }
        }
    }
    changed
}

/// Recounts every NumberOfEntries parameter in node `id` and under it.
pub(crate) fn recount_all(model: &ModelDesc, nodes: &mut Nodes, id: NodeId) {
    let mut stack = vec![id];
    while let Some(id) = stack.pop() {
        let Some(node) = nodes.get_mut(id) else {
            continue;
        };
        recount(model, node.object, node);
        stack.extend(node.child_ids());
    }
}

/// The NumberOfEntries parameter of a table, if it has one.
pub(crate) fn num_entries(model: &ModelDesc, table: ObjectIx) -> Option<u32> {
    model.objects.get(table as usize)?.num_entries
}

/// The position of parameter `param` within `object`, if it belongs to it.
pub(crate) fn position_in(object: &ObjectDesc, param: u32) -> Option<u32> {
    param
        .checked_sub(object.first_param)
        .filter(|&pos| pos < object.param_count)
}

/// The node of the row numbered `number`.
pub(crate) fn find_row(rows: &[Row], number: u32) -> Option<NodeId> {
    let i = rows.binary_search_by_key(&number, |r| r.number).ok()?;
    rows.get(i).map(|r| r.node)
}

/// Where each object sits among its parent's children and where the
/// holes of its path are, computed once per tree, and the names of the
/// model's objects and parameters.
#[derive(Clone, Debug)]
pub(crate) struct Layout {
    child_pos: Box<[u32]>,
    /// Children and parameters by name; shared by the clones of a tree.
    pub names: Arc<NameIndex>,
    /// The `{i}` holes of every object's path.
    pub templates: Arc<Templates>,
    /// By parameter, [`MASKED`] and [`COUNT`]: what a read or a write
    /// would otherwise load the syntax or the parent's children to know.
    flags: Arc<[u8]>,
}

/// The ACS reads the parameter as its type's null value (hidden, secured
/// and command parameters).
const MASKED: u8 = 1;
/// The parameter is a table's NumberOfEntries, which only the tree sets.
const COUNT: u8 = 2;

impl Layout {
    pub(crate) fn new(model: &ModelDesc) -> Layout {
        let mut child_pos = vec![u32::MAX; model.objects.len()];
        for desc in model.objects {
            for (i, &c) in desc.children.iter().enumerate() {
                if let Some(slot) = child_pos.get_mut(c as usize) {
                    *slot = u32::try_from(i).unwrap_or(u32::MAX);
                }
            }
        }
        Layout {
            child_pos: child_pos.into_boxed_slice(),
            names: Arc::new(NameIndex::new(model)),
            templates: Arc::new(Templates::new(model)),
            flags: (0u32..)
                .zip(model.params)
                .map(|(ix, p)| {
                    let counts = model.objects.get(p.object as usize).is_some_and(|o| {
                        o.children.iter().any(|&c| {
                            model.objects.get(c as usize).and_then(|d| d.num_entries) == Some(ix)
                        })
                    });
                    let masked = super::walk::reads_as_null(p.syntax);
                    (if masked { MASKED } else { 0 }) | (if counts { COUNT } else { 0 })
                })
                .collect(),
        }
    }

    /// Whether the ACS reads `param` as its type's null value; true for a
    /// parameter out of range, which has no value to show.
    #[inline]
    pub(crate) fn masked(&self, param: u32) -> bool {
        self.flags
            .get(param as usize)
            .is_none_or(|f| f & MASKED != 0)
    }

    /// Whether `param` is a table's NumberOfEntries parameter.
    #[inline]
    pub(crate) fn counts(&self, param: u32) -> bool {
        self.flags
            .get(param as usize)
            .is_some_and(|f| f & COUNT != 0)
    }

    pub(crate) fn pos(&self, object: ObjectIx) -> Option<usize> {
        self.child_pos
            .get(object as usize)
            .filter(|&&p| p != u32::MAX)
            .map(|&p| p as usize)
    }

    /// The node of `object` at `instances` (one number per table on the way).
    pub(crate) fn locate(
        &self,
        model: &ModelDesc,
        nodes: &Nodes,
        object: ObjectIx,
        instances: &[u32],
    ) -> Option<NodeId> {
        self.locate_at(model, nodes, object, instances, 0)
    }

    fn locate_at(
        &self,
        model: &ModelDesc,
        nodes: &Nodes,
        object: ObjectIx,
        instances: &[u32],
        depth: usize,
    ) -> Option<NodeId> {
        if object == 0 {
            return instances.is_empty().then_some(ROOT);
        }
        let (parent, outer, own) = self.step(model, object, instances, depth)?;
        let node = nodes.get(self.locate_at(model, nodes, parent, outer, depth + 1)?)?;
        match (node.children().get(self.pos(object)?)?, own) {
            (Child::Single(node), None) => *node,
            (Child::Table(rows), Some(n)) => find_row(rows, n),
            _ => None,
        }
    }

    /// The node holding the child slot of `object` at `outer` (the
    /// instance numbers of the parent), and the slot's position there.
    pub(crate) fn parent_of(
        &self,
        model: &ModelDesc,
        nodes: &Nodes,
        object: ObjectIx,
        outer: &[u32],
    ) -> Option<(NodeId, usize)> {
        let parent = model.objects.get(object as usize)?.parent?;
        Some((self.locate(model, nodes, parent, outer)?, self.pos(object)?))
    }

    /// The child slot of `object` in its parent's node at `outer`, mutably:
    /// a table or a single object.
    pub(crate) fn child_mut<'a>(
        &self,
        model: &ModelDesc,
        nodes: &'a mut Nodes,
        object: ObjectIx,
        outer: &[u32],
    ) -> Option<&'a mut Child> {
        let (parent, pos) = self.parent_of(model, nodes, object, outer)?;
        nodes.get_mut(parent)?.children_mut().get_mut(pos)
    }

    /// The child slot of `object` in its parent's node at `outer`.
    pub(crate) fn child<'a>(
        &self,
        model: &ModelDesc,
        nodes: &'a Nodes,
        object: ObjectIx,
        outer: &[u32],
    ) -> Option<&'a Child> {
        let (parent, pos) = self.parent_of(model, nodes, object, outer)?;
        nodes.get(parent)?.children().get(pos)
    }

    /// The parent of `object`, the instance numbers of the parent, and the
    /// object's own instance number if it is a table. `None` past a depth
    /// no real model reaches, which stops a model whose parents loop.
    fn step<'i>(
        &self,
        model: &ModelDesc,
        object: ObjectIx,
        instances: &'i [u32],
        depth: usize,
    ) -> Option<(ObjectIx, &'i [u32], Option<u32>)> {
        if depth > model.objects.len() {
            return None;
        }
        let desc = model.objects.get(object as usize)?;
        let parent = desc.parent?;
        if desc.table {
            let (own, outer) = instances.split_last()?;
            Some((parent, outer, Some(*own)))
        } else {
            Some((parent, instances, None))
        }
    }

    /// Heap bytes of the layout and name tables.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.child_pos.len() * size_of::<u32>()
            + self.flags.len()
            + self.names.heap_bytes()
            + self.templates.heap_bytes()
    }
}

/// Whether `object` is `ancestor` or lies below it.
pub(crate) fn is_within(model: &ModelDesc, mut object: ObjectIx, ancestor: ObjectIx) -> bool {
    for _ in 0..=model.objects.len() {
        if object == ancestor {
            return true;
        }
        match model.objects.get(object as usize).and_then(|d| d.parent) {
            Some(p) => object = p,
            None => return false,
        }
    }
    false
}

/// How many instance numbers locate an instance of `object`: the number of
/// tables from the root down to it, itself included.
pub(crate) fn table_depth(model: &ModelDesc, mut object: ObjectIx) -> usize {
    let mut depth = 0;
    for _ in 0..=model.objects.len() {
        let Some(desc) = model.objects.get(object as usize) else {
            break;
        };
        depth += usize::from(desc.table);
        match desc.parent {
            Some(p) => object = p,
            None => break,
        }
    }
    depth
}

//! The storage of the tree: a [`Node`] per object instance, built from the
//! model's defaults, and finding a node by object index and instance
//! numbers.
//!
//! A node holds its parameter values as slots indexed by the parameter's
//! position in its object ([`ModelDesc::params_of`]), and one [`Child`] per
//! child object in the order of [`ObjectDesc::children`]: a single object
//! (absent while an optional one is not created) or a table, whose rows stay
//! sorted by instance number. Child objects, attributes that differ from
//! the defaults and write-once flags live out of line, absent from the
//! many leaf instances that have none, so that a table row is 32 bytes.

use std::mem::{size_of, size_of_val};
use std::sync::Arc;

use crate::meta::{DefaultKind, ModelDesc, ObjectDesc, ObjectIx, ParamDesc};
use crate::value::Writer;

use super::attrs::Attributes;
use super::names::NameIndex;
use super::slot::Slot;

/// Most instances created for a table's `minEntries` when a tree is built;
/// a model asking for more is taken to be mistaken.
const MAX_INITIAL_ROWS: u32 = 64;

/// One object instance, or a single object.
#[derive(Clone, Debug)]
pub(crate) struct Node {
    /// Parameter values, by position within the object.
    pub values: Box<[Slot]>,
    /// Child objects and marks; `None` when there are neither.
    more: Option<Box<More>>,
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
    Single(Option<Box<Node>>),
    /// A table's instances, sorted by instance number.
    Table(Vec<Row>),
}

/// One instance of a table.
#[derive(Clone, Debug)]
pub(crate) struct Row {
    /// Its instance number.
    pub number: u32,
    /// Its content.
    pub node: Node,
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
    /// A node of `object` with default values and the children `fill` asks for.
    pub(crate) fn build(model: &ModelDesc, object: ObjectIx, fill: Fill) -> Node {
        build(model, object, fill, 0)
    }

    /// A node of these values and children.
    fn new(values: Box<[Slot]>, children: Box<[Child]>) -> Node {
        let more = (!children.is_empty()).then(|| {
            Box::new(More {
                children,
                marks: None,
            })
        });
        Node { values, more }
    }

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

    /// Heap bytes owned by this node and its descendants (payload only).
    pub(crate) fn heap_bytes(&self) -> usize {
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
            n += match child {
                Child::Single(None) => 0,
                Child::Single(Some(node)) => size_of::<Node>() + node.heap_bytes(),
                Child::Table(rows) => {
                    rows.capacity() * size_of::<Row>()
                        + rows.iter().map(|r| r.node.heap_bytes()).sum::<usize>()
                }
            };
        }
        n
    }
}

fn build(model: &ModelDesc, object: ObjectIx, fill: Fill, depth: usize) -> Node {
    let params = params_of(model, object);
    let values: Box<[Slot]> = params.iter().map(|p| default_slot(p, fill)).collect();
    let children: &[ObjectIx] = match model.objects.get(object as usize) {
        // A model whose children loop would recurse forever: stop at a depth
        // no real model reaches.
        Some(desc) if depth <= model.objects.len() => desc.children,
        _ => &[],
    };
    let children = children
        .iter()
        .map(|&c| {
            let Some(desc) = model.objects.get(c as usize) else {
                return Child::Single(None);
            };
            if desc.table {
                let count = match fill {
                    Fill::Skeleton => 0,
                    Fill::Factory | Fill::Instance => desc
                        .min_entries
                        .min(desc.max_entries.unwrap_or(u32::MAX))
                        .min(MAX_INITIAL_ROWS),
                };
                Child::Table(
                    (1..=count)
                        .map(|number| Row {
                            number,
                            node: build(model, c, fill, depth + 1),
                        })
                        .collect(),
                )
            } else if desc.min_entries >= 1 {
                Child::Single(Some(Box::new(build(model, c, fill, depth + 1))))
            } else {
                Child::Single(None)
            }
        })
        .collect();
    let mut node = Node::new(values, children);
    recount(model, object, &mut node);
    node
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

/// Recounts every NumberOfEntries parameter under `node`.
pub(crate) fn recount_all(model: &ModelDesc, object: ObjectIx, node: &mut Node, depth: usize) {
    recount(model, object, node);
    let Some(desc) = model.objects.get(object as usize) else {
        return;
    };
    if depth > model.objects.len() {
        return;
    }
    for (child, &c) in node.children_mut().iter_mut().zip(desc.children) {
        match child {
            Child::Single(Some(n)) => recount_all(model, c, n, depth + 1),
            Child::Single(None) => {}
            Child::Table(rows) => {
                for row in rows {
                    recount_all(model, c, &mut row.node, depth + 1);
                }
            }
        }
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

/// The row numbered `number`.
pub(crate) fn find_row(rows: &[Row], number: u32) -> Option<&Node> {
    let i = rows.binary_search_by_key(&number, |r| r.number).ok()?;
    rows.get(i).map(|r| &r.node)
}

/// The row numbered `number`, mutably.
pub(crate) fn find_row_mut(rows: &mut [Row], number: u32) -> Option<&mut Node> {
    let i = rows.binary_search_by_key(&number, |r| r.number).ok()?;
    rows.get_mut(i).map(|r| &mut r.node)
}

/// Where each object sits among its parent's children, computed once per
/// tree so that finding a node is a walk of array lookups.
#[derive(Clone, Debug)]
pub(crate) struct Layout {
    child_pos: Box<[u32]>,
    /// Children and parameters by name; shared by the clones of a tree.
    pub names: Arc<NameIndex>,
}

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
        }
    }

    pub(crate) fn pos(&self, object: ObjectIx) -> Option<usize> {
        self.child_pos
            .get(object as usize)
            .filter(|&&p| p != u32::MAX)
            .map(|&p| p as usize)
    }

    /// The node of `object` at `instances` (one number per table on the way).
    pub(crate) fn locate<'a>(
        &self,
        model: &ModelDesc,
        root: &'a Node,
        object: ObjectIx,
        instances: &[u32],
    ) -> Option<&'a Node> {
        self.locate_at(model, root, object, instances, 0)
    }

    fn locate_at<'a>(
        &self,
        model: &ModelDesc,
        root: &'a Node,
        object: ObjectIx,
        instances: &[u32],
        depth: usize,
    ) -> Option<&'a Node> {
        if object == 0 {
            return instances.is_empty().then_some(root);
        }
        let (parent, outer, own) = self.step(model, object, instances, depth)?;
        let node = self.locate_at(model, root, parent, outer, depth + 1)?;
        match (node.children().get(self.pos(object)?)?, own) {
            (Child::Single(node), None) => node.as_deref(),
            (Child::Table(rows), Some(n)) => find_row(rows, n),
            _ => None,
        }
    }

    /// The node of `object` at `instances`, mutably.
    pub(crate) fn locate_mut<'a>(
        &self,
        model: &ModelDesc,
        root: &'a mut Node,
        object: ObjectIx,
        instances: &[u32],
    ) -> Option<&'a mut Node> {
        self.locate_mut_at(model, root, object, instances, 0)
    }

    fn locate_mut_at<'a>(
        &self,
        model: &ModelDesc,
        root: &'a mut Node,
        object: ObjectIx,
        instances: &[u32],
        depth: usize,
    ) -> Option<&'a mut Node> {
        if object == 0 {
            return instances.is_empty().then_some(root);
        }
        let (parent, outer, own) = self.step(model, object, instances, depth)?;
        let pos = self.pos(object)?;
        let node = self.locate_mut_at(model, root, parent, outer, depth + 1)?;
        match (node.children_mut().get_mut(pos)?, own) {
            (Child::Single(node), None) => node.as_deref_mut(),
            (Child::Table(rows), Some(n)) => find_row_mut(rows, n),
            _ => None,
        }
    }

    /// The child slot of `object` in its parent's node at `outer` (the
    /// instance numbers of the parent), mutably: a table or a single object.
    pub(crate) fn child_mut<'a>(
        &self,
        model: &ModelDesc,
        root: &'a mut Node,
        object: ObjectIx,
        outer: &[u32],
    ) -> Option<&'a mut Child> {
        let parent = model.objects.get(object as usize)?.parent?;
        let pos = self.pos(object)?;
        self.locate_mut(model, root, parent, outer)?
            .children_mut()
            .get_mut(pos)
    }

    /// The child slot of `object` in its parent's node at `outer`.
    pub(crate) fn child<'a>(
        &self,
        model: &ModelDesc,
        root: &'a Node,
        object: ObjectIx,
        outer: &[u32],
    ) -> Option<&'a Child> {
        let parent = model.objects.get(object as usize)?.parent?;
        self.locate(model, root, parent, outer)?
            .children()
            .get(self.pos(object)?)
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
        self.child_pos.len() * size_of::<u32>() + self.names.heap_bytes()
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

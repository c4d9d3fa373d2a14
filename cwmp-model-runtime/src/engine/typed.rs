//! The tree side of typed snapshots (see [`crate::typed`]): filling a
//! generated struct from the tree, writing one back, and typed keys.

use crate::meta::{ModelDesc, ObjectIx, ParamIx, Placement};
use crate::soap::codes;
use crate::typed::{for_each, for_each_mut, Field, MemberMut, Members, Param, Record};
use crate::value::{Value, Writer};

use super::node::{position_in, Child, Node, NodeId};
use super::slot::Slot;
use super::{Fault, SetFault, SetOutcome, Tree};

impl Tree {
    /// A typed snapshot of the instance of `T`'s object at `instances` (one
    /// instance number per table on its path, outermost first) and of
    /// everything under it, values as stored (hidden ones included: this is
    /// the device's own view). `T` may belong to the tree's model or, on a
    /// mounted model ([`mount`](crate::meta::mount)), to any model mounted.
    ///
    /// Fault 9005 when that instance does not exist or `T` belongs to
    /// another model; 9002 when a stored value does not fit its field,
    /// which only a descriptor table that disagrees with its structs causes.
    pub fn read<T: Record>(&self, instances: &[u32]) -> Result<T, Fault> {
        let part = self.part(T::MODEL)?;
        let object = part.place.object(T::OBJECT);
        let node = self
            .node(object, instances)
            .ok_or_else(|| Fault::unknown(&self.object_path(object, instances)))?;
        let mut record = T::default();
        fill(self, part, T::OBJECT, node, &mut record)?;
        Ok(record)
    }

    /// Writes the parameter values of `record` (and of everything under it)
    /// that differ from the tree's to the instance at `instances`, as the
    /// device: one
    /// [`Tree::set_values`] batch, so every value is checked against its
    /// syntax and either all are written or none. Changed values are
    /// recorded for notification as changed by the device.
    ///
    /// Instances are not created or deleted: an instance of the snapshot
    /// that the tree lacks is a 9005 fault of its parameters; one the
    /// snapshot lacks is left as it is. NumberOfEntries parameters are the
    /// tree's to keep and are skipped.
    pub fn write<T: Record>(
        &mut self,
        record: &T,
        instances: &[u32],
    ) -> Result<SetOutcome, SetFault> {
        let part = match self.part(T::MODEL) {
            Ok(part) => part,
            Err(fault) => {
                let name = super::fill_template(T::MODEL.object(T::OBJECT).path, instances);
                return Err(SetFault {
                    faults: vec![(name, fault)],
                });
            }
        };
        let mut batch = Vec::new();
        collect(self, part, T::OBJECT, instances, record, &mut batch);
        self.set_values(&batch, Writer::Device, None)
    }

    /// The value of the parameter `key` names, at `instances`; fault 9005
    /// when that instance does not exist or the key is of another model.
    pub fn get_param<T: Field + Default>(
        &self,
        key: Param<T>,
        instances: &[u32],
    ) -> Result<T, Fault> {
        let index = self.part(key.model)?.place.param(key.index);
        let value = self
            .get_at(index, instances)
            .ok_or_else(|| Fault::unknown(&self.param_path(index, instances)))?;
        let mut out = T::default();
        out.load(value)
            .map_err(|e| Fault::new(codes::INTERNAL_ERROR, e.to_string()))?;
        Ok(out)
    }

    /// Writes the parameter `key` names, at `instances`, as the device (see
    /// [`Tree::set_value_as_device`]); returns whether the value changed.
    pub fn set_param<T: Field>(
        &mut self,
        key: Param<T>,
        instances: &[u32],
        value: &T,
    ) -> Result<bool, Fault> {
        let index = self.part(key.model)?.place.param(key.index);
        let path = self.param_path(index, instances);
        self.set_value_as_device(&path, value.store())
    }

    /// Where the typed API of `model` finds its objects in this tree.
    fn part(&self, model: &'static ModelDesc) -> Result<Part, Fault> {
        match self.model.part(model) {
            Some(place) => Ok(Part { model, place }),
            None => Err(Fault::name(format!(
                "a {} type used on a {} tree",
                model.name, self.model.name
            ))),
        }
    }
}

/// A model whose generated structs are read from or written to the tree,
/// and where its objects and parameters are in the tree's model.
#[derive(Clone, Copy)]
struct Part {
    model: &'static ModelDesc,
    place: Placement,
}

/// Fills `record` (an instance of `object` of `part`'s model) from `node`.
fn fill(
    tree: &Tree,
    part: Part,
    object: ObjectIx,
    node: &Node,
    record: &mut dyn Members,
) -> Result<(), Fault> {
    let desc = part.model.object(object);
    let params = part.model.params_of(object);
    let (mut p, mut c) = (0usize, 0usize);
    let mut result = Ok(());
    for_each_mut(record, |m| {
        if result.is_err() {
            return;
        }
        if let MemberMut::Param(field) = m {
            let own = desc.first_param.saturating_add(index(p));
            if let (Some(param), Some(slot)) =
                (params.get(p), tree.slot_of(node, part.place.param(own)))
            {
                result = field
                    .load(slot.to_value(param.syntax))
                    .map_err(|e| Fault::new(codes::INTERNAL_ERROR, format!("{}: {e}", param.name)));
            }
            p += 1;
            return;
        }
        let Some(&child) = desc.children.get(c) else {
            c += 1;
            return;
        };
        c += 1;
        let Some(slot) = tree.child_of(node, part.place.object(child)) else {
            return;
        };
        result = match (m, slot) {
            (MemberMut::Object(r), Child::Single(Some(n))) => tree
                .node_by_id(*n)
                .and_then(|n| fill(tree, part, child, n, r)),
            (MemberMut::Optional(o), Child::Single(Some(n))) => tree
                .node_by_id(*n)
                .and_then(|n| fill(tree, part, child, n, o.set_default())),
            (MemberMut::Optional(o), Child::Single(None)) => {
                o.clear();
                Ok(())
            }
            (MemberMut::Table(t), Child::Table(rows)) => {
                t.clear();
                rows.iter().try_for_each(|row| {
                    let node = tree.node_by_id(row.node)?;
                    fill(tree, part, child, node, t.push_default(row.number))
                })
            }
            _ => Err(Fault::new(
                codes::INTERNAL_ERROR,
                format!(
                    "`{}` does not match its struct",
                    part.model.object(child).path
                ),
            )),
        };
    });
    result
}

/// Adds the `(path, text)` of every parameter of `record` (an instance of
/// `object` of `part`'s model, at `instances`) and of its objects to
/// `batch`.
fn collect(
    tree: &Tree,
    part: Part,
    object: ObjectIx,
    instances: &[u32],
    record: &dyn Members,
    batch: &mut Vec<(String, String)>,
) {
    let desc = part.model.object(object);
    let (mut p, mut c) = (0u32, 0usize);
    for_each(record, |m| {
        use crate::typed::Member;
        match m {
            Member::Param(field) => {
                let index = part.place.param(desc.first_param.saturating_add(p));
                p += 1;
                let value = field.store();
                // Only values that differ are written: an untouched value
                // stays even where the model's own default breaks a facet.
                let same = tree.get_at(index, instances).as_ref() == Some(&value);
                if !tree.is_counter(index) && !same {
                    let text = match value {
                        Value::String(s) => s,
                        v => v.to_wire(Default::default()),
                    };
                    batch.push((tree.param_path(index, instances), text));
                }
            }
            child => {
                let Some(&ix) = desc.children.get(c) else {
                    return;
                };
                c += 1;
                match child {
                    Member::Object(r) => collect(tree, part, ix, instances, r, batch),
                    Member::Optional(o) => {
                        if let Some(r) = o.get() {
                            collect(tree, part, ix, instances, r, batch);
                        }
                    }
                    Member::Table(t) => t.rows(&mut |n, r| {
                        let mut inner = instances.to_vec();
                        inner.push(n);
                        collect(tree, part, ix, &inner, r, batch);
                    }),
                    Member::Param(_) => {}
                }
            }
        }
    });
}

impl Tree {
    /// The slot of parameter `param` in `node`, an instance of its object.
    fn slot_of<'n>(&self, node: &'n Node, param: ParamIx) -> Option<&'n Slot> {
        let object = self.object(self.param(param)?.object)?;
        node.values.get(position_in(object, param)? as usize)
    }

    /// Node `id`; 9002 if there is none, which a tree never lets happen.
    fn node_by_id(&self, id: NodeId) -> Result<&Node, Fault> {
        self.nodes
            .get(id)
            .ok_or_else(|| Fault::new(codes::INTERNAL_ERROR, "a child node is missing"))
    }

    /// The child `object` of `node`, an instance of its parent.
    fn child_of<'n>(&self, node: &'n Node, object: ObjectIx) -> Option<&'n Child> {
        node.children().get(self.layout.pos(object)?)
    }

    /// Whether `param` is a NumberOfEntries parameter the tree keeps.
    fn is_counter(&self, param: ParamIx) -> bool {
        let Some(object) = self.param(param).and_then(|d| self.object(d.object)) else {
            return false;
        };
        object
            .children
            .iter()
            .any(|&c| self.object(c).and_then(|d| d.num_entries) == Some(param))
    }
}

fn index(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

//! The tree side of typed snapshots (see [`crate::typed`]): filling a
//! generated struct from the tree, writing one back, and typed keys.

use crate::meta::{ModelDesc, ObjectIx};
use crate::soap::codes;
use crate::typed::{for_each, for_each_mut, Field, MemberMut, Members, Param, Record};
use crate::value::{Value, Writer};

use super::node::{params_of, Child, Node};
use super::{Fault, SetFault, SetOutcome, Tree};

impl Tree {
    /// A typed snapshot of the instance of `T`'s object at `instances` (one
    /// instance number per table on its path, outermost first) and of
    /// everything under it, values as stored (hidden ones included: this is
    /// the device's own view).
    ///
    /// Fault 9005 when that instance does not exist or `T` belongs to
    /// another model; 9002 when a stored value does not fit its field,
    /// which only a descriptor table that disagrees with its structs causes.
    pub fn read<T: Record>(&self, instances: &[u32]) -> Result<T, Fault> {
        self.check_model(T::MODEL)?;
        let node = self
            .node(T::OBJECT, instances)
            .ok_or_else(|| Fault::unknown(&self.object_path(T::OBJECT, instances)))?;
        let mut record = T::default();
        fill(self.model, T::OBJECT, node, &mut record)?;
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
        if let Err(fault) = self.check_model(T::MODEL) {
            let name = self.object_path(T::OBJECT, instances);
            return Err(SetFault {
                faults: vec![(name, fault)],
            });
        }
        let mut batch = Vec::new();
        collect(self, T::OBJECT, instances, record, &mut batch);
        self.set_values(&batch, Writer::Device, None)
    }

    /// The value of the parameter `key` names, at `instances`; fault 9005
    /// when that instance does not exist or the key is of another model.
    pub fn get_param<T: Field + Default>(
        &self,
        key: Param<T>,
        instances: &[u32],
    ) -> Result<T, Fault> {
        self.check_model(key.model)?;
        let value = self
            .get_at(key.index, instances)
            .ok_or_else(|| Fault::unknown(&self.param_path(key.index, instances)))?;
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
        self.check_model(key.model)?;
        let path = self.param_path(key.index, instances);
        self.set_value_as_device(&path, value.store())
    }

    fn check_model(&self, model: &'static ModelDesc) -> Result<(), Fault> {
        if std::ptr::eq(model, self.model) {
            Ok(())
        } else {
            Err(Fault::name(format!(
                "a {} type used on a {} tree",
                model.name, self.model.name
            )))
        }
    }
}

/// Fills `record` (an instance of `object`) from `node`.
fn fill(
    model: &'static ModelDesc,
    object: ObjectIx,
    node: &Node,
    record: &mut dyn Members,
) -> Result<(), Fault> {
    let params = params_of(model, object);
    let children = model.object(object).children;
    let (mut p, mut c) = (0usize, 0usize);
    let mut result = Ok(());
    for_each_mut(record, |m| {
        if result.is_err() {
            return;
        }
        if let MemberMut::Param(field) = m {
            if let (Some(desc), Some(slot)) = (params.get(p), node.values.get(p)) {
                result = field
                    .load(slot.to_value(desc.syntax))
                    .map_err(|e| Fault::new(codes::INTERNAL_ERROR, format!("{}: {e}", desc.name)));
            }
            p += 1;
            return;
        }
        let (Some(&child), Some(slot)) = (children.get(c), node.children().get(c)) else {
            c += 1;
            return;
        };
        c += 1;
        result = match (m, slot) {
            (MemberMut::Object(r), Child::Single(Some(n))) => fill(model, child, n, r),
            (MemberMut::Optional(o), Child::Single(Some(n))) => {
                fill(model, child, n, o.set_default())
            }
            (MemberMut::Optional(o), Child::Single(None)) => {
                o.clear();
                Ok(())
            }
            (MemberMut::Table(t), Child::Table(rows)) => {
                t.clear();
                rows.iter()
                    .try_for_each(|row| fill(model, child, &row.node, t.push_default(row.number)))
            }
            _ => Err(Fault::new(
                codes::INTERNAL_ERROR,
                format!("`{}` does not match its struct", model.object(child).path),
            )),
        };
    });
    result
}

/// Adds the `(path, text)` of every parameter of `record` (an instance of
/// `object` at `instances`) and of its objects to `batch`.
fn collect(
    tree: &Tree,
    object: ObjectIx,
    instances: &[u32],
    record: &dyn Members,
    batch: &mut Vec<(String, String)>,
) {
    let model = tree.model;
    let desc = model.object(object);
    let counters: Vec<_> = desc
        .children
        .iter()
        .filter_map(|&c| model.object(c).num_entries)
        .collect();
    let (mut p, mut c) = (0u32, 0usize);
    for_each(record, |m| {
        use crate::typed::Member;
        match m {
            Member::Param(field) => {
                let index = desc.first_param + p;
                p += 1;
                let value = field.store();
                // Only values that differ are written: an untouched value
                // stays even where the model's own default breaks a facet.
                let same = tree.get_at(index, instances).as_ref() == Some(&value);
                if !counters.contains(&index) && !same {
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
                    Member::Object(r) => collect(tree, ix, instances, r, batch),
                    Member::Optional(o) => {
                        if let Some(r) = o.get() {
                            collect(tree, ix, instances, r, batch);
                        }
                    }
                    Member::Table(t) => t.rows(&mut |n, r| {
                        let mut inner = instances.to_vec();
                        inner.push(n);
                        collect(tree, ix, &inner, r, batch);
                    }),
                    Member::Param(_) => {}
                }
            }
        }
    });
}

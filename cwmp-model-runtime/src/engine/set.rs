//! Writing values: SetParameterValues ([`Tree::set_values`]) and the
//! device's own writes ([`Tree::set_value_as_device`]).
//!
//! A batch is validated entry by entry against the tree as it is, then its
//! unique keys against the tree as the batch would leave it; only a batch
//! without faults is written. The faults are listed on [`Tree::set_values`].

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::meta::{ObjectDesc, ObjectIx, ParamAccess, ParamIx, UniqueKey};
use crate::soap::codes;
use crate::value::{Value, Writer};

use super::node::{position_in, Child, NodeId, Nodes, Row};
use super::slot::Slot;
use super::{Fault, Tree};

/// What a successful [`Tree::set_values`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SetOutcome {
    /// The names of the batch whose value changed (a write of the value a
    /// parameter already had is not a change), in batch order.
    pub changed: Vec<String>,
}

/// Why a [`Tree::set_values`] batch was refused: one fault per bad entry,
/// in batch order. The dispatcher answers with a 9003 fault holding one
/// SetParameterValuesFault per entry.
#[derive(Clone, Debug, Default, PartialEq, Eq, thiserror::Error)]
#[error("{} parameter(s) refused", faults.len())]
pub struct SetFault {
    /// The name of each bad entry and its fault.
    pub faults: Vec<(String, Fault)>,
}

/// A validated entry, ready to be written.
struct Pending {
    /// Position in the batch.
    index: usize,
    param: ParamIx,
    object: ObjectIx,
    pos: u32,
    instances: Vec<u32>,
    /// The node holding the value: valid until the tree changes shape,
    /// which nothing does between a batch's validation and its writes.
    id: NodeId,
    slot: Slot,
    /// Whether the write uses up a write-once parameter.
    write_once: bool,
}

impl Tree {
    /// SetParameterValues: validates every `(name, text)` entry of `batch`
    /// as `writer` (the ACS, or the device, which may also write read-only
    /// parameters and read-only enumeration values), then applies all of
    /// them or none. Every bad entry gets its own fault:
    ///
    /// | fault | when |
    /// | --- | --- |
    /// | 9003 | the name appears earlier in the same batch |
    /// | 9005 | the name is malformed, partial, an object, or not in the tree |
    /// | 9008 | the ACS writes a read-only parameter, or a write-once one it already wrote; anyone writes a NumberOfEntries parameter |
    /// | 9006 | the text is not a value of the parameter's type |
    /// | 9007 | a facet refuses the value (size, range, enumeration, pattern, list), or the write would give two instances of a table the same unique key |
    /// | 9002 | the model's own facet is unusable |
    ///
    /// On failure the tree, the attributes and the ParameterKey are
    /// untouched.
    ///
    /// Unique keys are checked on the state the whole batch would produce,
    /// so swapping two instances' keys in one batch is allowed. A
    /// functional key of a table with an enable parameter binds only
    /// enabled instances (TR-106). New instances start from defaults, which
    /// may coincide: such duplicates are tolerated until a write touches
    /// the key (see [`Tree::add_object`]).
    ///
    /// On success, `parameter_key` (if given) becomes the value of the
    /// model's `ManagementServer.ParameterKey` (if it has one), and every changed value is
    /// recorded for notification as changed by `writer`.
    pub fn set_values(
        &mut self,
        batch: &[(String, String)],
        writer: Writer,
        parameter_key: Option<&str>,
    ) -> Result<SetOutcome, SetFault> {
        self.set_values_with(batch, writer, parameter_key, |_| Ok(()))
    }

    /// [`Tree::set_values`] with a veto: once the whole batch has passed
    /// the tree's checks, `veto` sees the unchanged tree and may refuse
    /// the batch (the dispatcher asks the device). Validates once, where
    /// [`Tree::check_values`] followed by `set_values` would twice.
    pub fn set_values_with(
        &mut self,
        batch: &[(String, String)],
        writer: Writer,
        parameter_key: Option<&str>,
        veto: impl FnOnce(&Tree) -> Result<(), SetFault>,
    ) -> Result<SetOutcome, SetFault> {
        let pending = self.validate(batch, writer)?;
        veto(self)?;
        let mut changed = Vec::new();
        for p in pending {
            let index = p.index;
            if self.store(p, writer) {
                if let Some((name, _)) = batch.get(index) {
                    changed.push(name.clone());
                }
            }
        }
        if let Some(key) = parameter_key {
            self.set_parameter_key(key);
        }
        Ok(SetOutcome { changed })
    }

    /// The checks of [`Tree::set_values`] without the writes: `Ok` exactly
    /// when `set_values` of the same batch by the same writer would
    /// succeed now, else the same faults. To let someone veto a batch the
    /// tree accepts before anything is applied, [`Tree::set_values_with`]
    /// does both in one validation.
    pub fn check_values(&self, batch: &[(String, String)], writer: Writer) -> Result<(), SetFault> {
        self.validate(batch, writer).map(drop)
    }

    /// Validates a whole batch: the entries ready to write, or one fault
    /// per bad entry in batch order.
    fn validate(
        &self,
        batch: &[(String, String)],
        writer: Writer,
    ) -> Result<Vec<Pending>, SetFault> {
        let mut faults: BTreeMap<usize, Fault> = BTreeMap::new();
        let mut pending = Vec::with_capacity(batch.len());
        let mut seen = HashSet::with_capacity(batch.len());
        for (index, (name, text)) in batch.iter().enumerate() {
            if !seen.insert(name.as_str()) {
                let message = format!("`{name}` appears more than once in the request");
                faults.insert(index, Fault::new(codes::INVALID_ARGUMENTS, message));
                continue;
            }
            match self.check_entry(name, text, writer) {
                Ok(mut p) => {
                    p.index = index;
                    pending.push(p);
                }
                Err(fault) => {
                    faults.insert(index, fault);
                }
            }
        }
        for (index, fault) in self.check_unique_keys(&pending) {
            faults.entry(index).or_insert(fault);
        }
        if faults.is_empty() {
            return Ok(pending);
        }
        let faults = faults
            .into_iter()
            .map(|(i, f)| (batch.get(i).map(|e| e.0.clone()).unwrap_or_default(), f))
            .collect();
        Err(SetFault { faults })
    }

    /// The device writes one parameter: the checks of [`Tree::set_values`]
    /// with [`Writer::Device`] (so access is not checked), the value's type
    /// being the parameter's (a list is given as a [`Value::String`] of its
    /// comma-separated text), else fault 9006. Returns whether the value
    /// changed; a change is recorded for notification.
    pub fn set_value_as_device(&mut self, path: &str, value: Value) -> Result<bool, Fault> {
        let desc = self.param_by_path(path, false)?.desc;
        let expected = match desc.syntax.list {
            Some(_) => crate::value::BaseType::String,
            None => desc.syntax.base,
        };
        if value.base_type() != expected {
            return Err(Fault::new(
                codes::INVALID_PARAMETER_TYPE,
                format!("`{path}` is {expected}, not {}", value.base_type()),
            ));
        }
        let batch = [(path.to_owned(), value.to_string())];
        match self.set_values(&batch, Writer::Device, None) {
            Ok(outcome) => Ok(!outcome.changed.is_empty()),
            Err(mut e) => Err(e
                .faults
                .pop()
                .map(|(_, f)| f)
                .unwrap_or_else(|| Fault::new(codes::INTERNAL_ERROR, "set failed"))),
        }
    }

    /// Validates one entry; `index` is filled in by the caller.
    fn check_entry(&self, name: &str, text: &str, writer: Writer) -> Result<Pending, Fault> {
        let found = self.param_by_path(name, true)?;
        let (param, desc, node, pos) = (found.param, found.desc, found.node, found.pos);
        if self.is_count(param) {
            let message = format!("`{name}` counts a table's instances and cannot be set");
            return Err(Fault::new(codes::NON_WRITABLE_PARAMETER, message));
        }
        let write_once = desc.access == ParamAccess::WriteOnceReadOnly && writer == Writer::Acs;
        if writer == Writer::Acs {
            let refused = match desc.access {
                ParamAccess::ReadOnly => Some("is read-only"),
                ParamAccess::WriteOnceReadOnly if node.written(pos) => {
                    Some("can be written once and already was")
                }
                _ => None,
            };
            if let Some(why) = refused {
                let message = format!("`{name}` {why}");
                return Err(Fault::new(codes::NON_WRITABLE_PARAMETER, message));
            }
        }
        let values = desc
            .syntax
            .check(text, writer)
            .map_err(|e| Fault::new(e.fault_code(), format!("`{name}`: {e}")))?;
        Ok(Pending {
            index: 0,
            param,
            object: desc.object,
            pos,
            instances: found.instances,
            id: found.id,
            slot: Slot::from_checked(desc.syntax, values),
            write_once,
        })
    }

    /// Whether `param` is a table's NumberOfEntries parameter.
    pub(crate) fn is_count(&self, param: ParamIx) -> bool {
        self.layout.counts(param)
    }

    /// Faults for the entries that would give two instances of a table the
    /// same unique key, on the state after the whole batch.
    fn check_unique_keys(&self, pending: &[Pending]) -> Vec<(usize, Fault)> {
        // Entries that touch a unique key, by table (object and parent instances).
        let mut tables: BTreeMap<(ObjectIx, &[u32]), Vec<&Pending>> = BTreeMap::new();
        for p in pending {
            let Some(desc) = self.object(p.object) else {
                continue;
            };
            let touches = desc.unique_keys.iter().any(|k| touches(k, desc.enable, p));
            if let (true, true, Some((_, outer))) = (desc.table, touches, p.instances.split_last())
            {
                tables.entry((p.object, outer)).or_default().push(p);
            }
        }
        let mut faults = Vec::new();
        for ((object, outer), entries) in tables {
            let (Some(desc), Some(Child::Table(rows))) = (
                self.object(object),
                self.layout.child(self.model, &self.nodes, object, outer),
            ) else {
                continue;
            };
            for key in desc.unique_keys {
                let touching: Vec<&Pending> = entries
                    .iter()
                    .copied()
                    .filter(|p| touches(key, desc.enable, p))
                    .collect();
                if touching.is_empty() {
                    continue;
                }
                let mut seen: HashMap<Vec<Option<&Slot>>, Vec<u32>> = HashMap::new();
                for row in rows {
                    let enabled = match (key.functional, desc.enable) {
                        (true, Some(enable)) => {
                            row_value(&self.nodes, &entries, desc, row, enable)
                                == Some(&Slot::Bool(true))
                        }
                        _ => true,
                    };
                    if enabled {
                        let tuple = key
                            .params
                            .iter()
                            .map(|&k| row_value(&self.nodes, &entries, desc, row, k))
                            .collect();
                        seen.entry(tuple).or_default().push(row.number);
                    }
                }
                for numbers in seen.values().filter(|n| n.len() > 1) {
                    for p in &touching {
                        let Some(own) = p.instances.last() else {
                            continue;
                        };
                        if !numbers.contains(own) {
                            continue;
                        }
                        let others: Vec<String> = numbers
                            .iter()
                            .filter(|n| *n != own)
                            .map(u32::to_string)
                            .collect();
                        let message = format!(
                            "`{}` would give instance {own} the same unique key ({}) as instance {}",
                            self.param_path(p.param, &p.instances),
                            self.key_names(key),
                            others.join(", ")
                        );
                        faults.push((p.index, Fault::new(codes::INVALID_PARAMETER_VALUE, message)));
                    }
                }
            }
        }
        faults
    }

    /// The names of a key's parameters, for messages.
    fn key_names(&self, key: &UniqueKey) -> String {
        key.params
            .iter()
            .filter_map(|&p| self.param(p).map(|d| d.name))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Stores a validated value; returns whether it changed, recording
    /// the change.
    fn store(&mut self, p: Pending, writer: Writer) -> bool {
        let Some(node) = self.nodes.get_mut(p.id) else {
            return false;
        };
        if p.write_once {
            node.mark_written(p.pos);
        }
        let Some(current) = node.values.get_mut(p.pos as usize) else {
            return false;
        };
        if *current == p.slot {
            return false;
        }
        *current = p.slot;
        self.record_change(p.param, &p.instances, writer);
        true
    }

    /// Sets the model's ParameterKey (no facet check: the ACS's value is
    /// opaque), recording a change by the ACS.
    pub(crate) fn set_parameter_key(&mut self, key: &str) {
        let Some(param) = self.parameter_key else {
            return;
        };
        let Some(desc) = self.param(param) else {
            return;
        };
        let Some(pos) = self.object(desc.object).and_then(|o| position_in(o, param)) else {
            return;
        };
        let Some(id) = self
            .layout
            .locate(self.model, &self.nodes, desc.object, &[])
        else {
            return;
        };
        let pending = Pending {
            index: 0,
            param,
            object: desc.object,
            pos,
            instances: Vec::new(),
            id,
            slot: Slot::text(key),
            write_once: false,
        };
        self.store(pending, Writer::Acs);
    }
}

/// The value a parameter of `row` will have after the batch.
fn row_value<'a>(
    nodes: &'a Nodes,
    entries: &[&'a Pending],
    table: &ObjectDesc,
    row: &Row,
    param: ParamIx,
) -> Option<&'a Slot> {
    entries
        .iter()
        .find(|p| p.param == param && p.instances.last() == Some(&row.number))
        .map(|p| &p.slot)
        .or_else(|| {
            let pos = position_in(table, param)?;
            nodes.get(row.node)?.values.get(pos as usize)
        })
}

/// Whether an entry writes a parameter of `key`, or the enable parameter a
/// functional key depends on.
fn touches(key: &UniqueKey, enable: Option<ParamIx>, p: &Pending) -> bool {
    key.params.contains(&p.param) || (key.functional && enable == Some(p.param))
}

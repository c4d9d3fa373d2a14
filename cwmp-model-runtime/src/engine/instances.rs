//! Creating and deleting objects: AddObject ([`Tree::add_object`]),
//! DeleteObject ([`Tree::delete_object`]), and the device's optional single
//! objects ([`Tree::add_single_object`], [`Tree::delete_single_object`]).
//!
//! Instance numbers of a table only grow: each table (one per instance of
//! its parent) remembers the last number it gave out, and that counter is
//! part of the saved state and survives a factory reset, so a number is
//! never given out twice while the device lives. NumberOfEntries parameters
//! are updated on every add and delete; such an update is a value change
//! made by whoever added or deleted.

use crate::meta::{ObjectDesc, ObjectIx, Target};
use crate::soap::codes;
use crate::value::{BaseType, Writer};

use super::node::{is_within, position_in, recount, table_depth, Child, Fill, Node, Nodes, Row};
use super::slot::Slot;
use super::{Fault, Tree};

/// How many `cpe-N-k` suffixes are tried for a colliding alias.
const ALIAS_TRIES: u32 = 8;

impl Tree {
    /// AddObject: creates an instance of the table `path` names (a partial
    /// path ending in the table's name and `.`, e.g. `Device.Host.`) with
    /// object defaults, and returns its instance number.
    ///
    /// Faults: 9005 when the path is not a table of an existing instance;
    /// 9003 when the ACS adds to a table the model does not let it add to
    /// (the device may); 9004 when the table holds `maxEntries` instances or
    /// its instance numbers are used up. On success, `parameter_key` (if
    /// given) becomes the ParameterKey.
    ///
    /// A non-functional unique key made of one string parameter (TR-181's
    /// `Alias`) is given `cpe-N` (N the instance number) when its default
    /// is empty or already taken by a sibling, as TR-181 asks of the agent.
    /// Other keys keep their defaults even when siblings share them; writes
    /// that touch such a key must make it unique.
    pub fn add_object(
        &mut self,
        path: &str,
        writer: Writer,
        parameter_key: Option<&str>,
    ) -> Result<u32, Fault> {
        let Target::Object {
            object,
            instances: outer,
            table_itself: true,
        } = self.resolve(path)?
        else {
            return Err(Fault::name(format!("`{path}` is not a table")));
        };
        let desc = self.object(object).ok_or_else(|| Fault::unknown(path))?;
        if writer == Writer::Acs && !desc.access.can_add() {
            let message = format!("the ACS may not add instances to `{path}`");
            return Err(Fault::new(codes::INVALID_ARGUMENTS, message));
        }
        let key = (object, outer.clone().into_boxed_slice());
        let counter = self.counters.get(&key).copied().unwrap_or(0);
        let model = self.model;
        let Some((parent, pos)) = self.layout.parent_of(model, &self.nodes, object, &outer) else {
            return Err(Fault::unknown(path));
        };
        let Some(Child::Table(rows)) = self.nodes.get(parent).and_then(|n| n.children().get(pos))
        else {
            return Err(Fault::unknown(path));
        };
        let len = u32::try_from(rows.len()).unwrap_or(u32::MAX);
        if desc.max_entries.is_some_and(|max| len >= max) {
            let message = format!("`{path}` already holds its maximum of {len} instances");
            return Err(Fault::new(codes::RESOURCES_EXCEEDED, message));
        }
        let last = rows.last().map_or(0, |r| r.number);
        let Some(number) = counter.max(last).checked_add(1) else {
            let message = format!("`{path}` has used up its instance numbers");
            return Err(Fault::new(codes::RESOURCES_EXCEEDED, message));
        };
        let taken = taken_aliases(&self.nodes, desc, rows);
        let node = self
            .nodes
            .build_under(model, parent, object, number, Fill::Instance)
            .ok_or_else(|| Fault::unknown(path))?;
        if let Some(new) = self.nodes.get_mut(node) {
            assign_aliases(model.params, desc, new, &taken, number);
        }
        // Numbers only grow, so the rows stay sorted.
        if let Some(Child::Table(rows)) = self
            .nodes
            .get_mut(parent)
            .and_then(|n| n.children_mut().get_mut(pos))
        {
            rows.push(Row { number, node });
        }
        self.counters.insert(key, number);
        self.table_changed(object, &outer, writer);
        if let Some(k) = parameter_key {
            self.set_parameter_key(k);
        }
        Ok(number)
    }

    /// DeleteObject: deletes the instance `path` names (a partial path
    /// ending in an instance number, e.g. `Device.Host.3.`) and everything
    /// in it.
    ///
    /// Faults: 9005 when the path is not an existing instance; 9003 when the
    /// ACS deletes from a table the model does not let it delete from. On
    /// success, `parameter_key` (if given) becomes the ParameterKey.
    pub fn delete_object(
        &mut self,
        path: &str,
        writer: Writer,
        parameter_key: Option<&str>,
    ) -> Result<(), Fault> {
        let target = self.resolve(path)?;
        let (object, instances) = match target {
            Target::Object {
                object,
                instances,
                table_itself: false,
            } if self.object(object).is_some_and(|d| d.table) => (object, instances),
            _ => return Err(Fault::name(format!("`{path}` is not a table instance"))),
        };
        let desc = self.object(object).ok_or_else(|| Fault::unknown(path))?;
        if writer == Writer::Acs && !desc.access.can_delete() {
            let message = format!("the ACS may not delete `{path}`");
            return Err(Fault::new(codes::INVALID_ARGUMENTS, message));
        }
        let Some((&number, outer)) = instances.split_last() else {
            return Err(Fault::unknown(path));
        };
        let Some(Child::Table(rows)) =
            self.layout
                .child_mut(self.model, &mut self.nodes, object, outer)
        else {
            return Err(Fault::unknown(path));
        };
        let i = rows
            .binary_search_by_key(&number, |r| r.number)
            .map_err(|_| Fault::unknown(path))?;
        let row = rows.remove(i);
        self.nodes.remove(self.model, row.node);
        // The table's own counter stays; those of tables inside the deleted
        // instance go, since its number is never given out again.
        self.forget_changes(object, &instances);
        let model = self.model;
        self.counters.retain(|(table, k), _| {
            !(is_within(model, *table, object) && k.starts_with(&instances))
        });
        self.table_changed(object, outer, writer);
        if let Some(k) = parameter_key {
            self.set_parameter_key(k);
        }
        Ok(())
    }

    /// Creates an optional single object (`minEntries` 0), e.g. when the
    /// device gains the feature it describes; `path` is its partial path.
    /// Returns false if it already existed. Fault 9005 when the path is not
    /// an optional single object whose parent exists.
    pub fn add_single_object(&mut self, path: &str) -> Result<bool, Fault> {
        let (object, outer) = self.optional_single(path)?;
        let model = self.model;
        let Some((parent, pos)) = self.layout.parent_of(model, &self.nodes, object, &outer) else {
            return Err(Fault::unknown(path));
        };
        match self.nodes.get(parent).and_then(|n| n.children().get(pos)) {
            Some(Child::Single(None)) => {}
            Some(Child::Single(Some(_))) => return Ok(false),
            _ => return Err(Fault::unknown(path)),
        }
        let node = self
            .nodes
            .build_under(model, parent, object, 0, Fill::Instance)
            .ok_or_else(|| Fault::unknown(path))?;
        if let Some(Child::Single(slot)) = self
            .nodes
            .get_mut(parent)
            .and_then(|n| n.children_mut().get_mut(pos))
        {
            *slot = Some(node);
        }
        Ok(true)
    }

    /// Deletes an optional single object and everything in it. Returns
    /// false if it did not exist. Instance counters of the tables inside it
    /// are kept for when it comes back. Fault 9005 as for
    /// [`Tree::add_single_object`].
    pub fn delete_single_object(&mut self, path: &str) -> Result<bool, Fault> {
        let (object, outer) = self.optional_single(path)?;
        let model = self.model;
        let removed = match self
            .layout
            .child_mut(model, &mut self.nodes, object, &outer)
        {
            Some(Child::Single(slot)) => slot.take(),
            _ => return Err(Fault::unknown(path)),
        };
        let existed = removed.is_some();
        if let Some(node) = removed {
            self.nodes.remove(model, node);
        }
        self.forget_changes(object, &outer);
        Ok(existed)
    }

    fn optional_single(&self, path: &str) -> Result<(ObjectIx, Vec<u32>), Fault> {
        match self.resolve(path)? {
            Target::Object {
                object,
                instances,
                table_itself: false,
            } if self
                .object(object)
                .is_some_and(|d| !d.table && d.min_entries == 0 && object != 0) =>
            {
                Ok((object, instances))
            }
            _ => Err(Fault::name(format!(
                "`{path}` is not an optional single object"
            ))),
        }
    }

    /// Drops the recorded changes of parameters in `object` at `instances`
    /// and below.
    fn forget_changes(&mut self, object: ObjectIx, instances: &[u32]) {
        let model = self.model;
        self.changes.retain(|(param, k), _| {
            let within = model
                .params
                .get(*param as usize)
                .is_some_and(|p| is_within(model, p.object, object));
            !(within && k.starts_with(instances))
        });
    }

    /// Updates the NumberOfEntries parameter of `table` in its parent at
    /// `outer`, recording the change as made by `writer`.
    fn table_changed(&mut self, table: ObjectIx, outer: &[u32], writer: Writer) {
        let Some(parent) = self.object(table).and_then(|d| d.parent) else {
            return;
        };
        let first = self.object(parent).map_or(0, |d| d.first_param);
        let model = self.model;
        let Some(node) = self.node_mut(parent, outer) else {
            return;
        };
        for pos in recount(model, parent, node) {
            self.record_change(first.saturating_add(pos), outer, writer);
        }
    }

    /// Whether the table instance owning a counter still exists: counters of
    /// tables inside deleted instances are useless, since those numbers are
    /// never given out again.
    pub(crate) fn counter_owner_exists(&self, table: ObjectIx, outer: &[u32]) -> bool {
        let mut owner = self.object(table).and_then(|d| d.parent);
        for _ in 0..=self.model.objects.len() {
            match owner.and_then(|o| self.object(o).map(|d| (o, d))) {
                None => return true,
                Some((o, d)) if d.table => {
                    return outer.len() == table_depth(self.model, o)
                        && self.node(o, outer).is_some()
                }
                Some((_, d)) => owner = d.parent,
            }
        }
        true
    }
}

/// The values of the siblings' single-string, non-functional unique keys
/// (TR-181's `Alias`), by key parameter position, for
/// [`assign_aliases`].
fn taken_aliases(nodes: &Nodes, table: &ObjectDesc, siblings: &[Row]) -> Vec<(u32, Vec<Slot>)> {
    table
        .unique_keys
        .iter()
        .filter(|k| !k.functional)
        .filter_map(|key| {
            let [param] = key.params else {
                return None;
            };
            let pos = position_in(table, *param)?;
            let values = siblings
                .iter()
                .filter_map(|r| nodes.get(r.node)?.values.get(pos as usize).cloned())
                .collect();
            Some((pos, values))
        })
        .collect()
}

/// Gives a new instance's aliases their `cpe-N` value (see
/// [`Tree::add_object`]); `taken` holds the siblings' values.
fn assign_aliases(
    params: &[crate::meta::ParamDesc],
    table: &ObjectDesc,
    node: &mut Node,
    taken: &[(u32, Vec<Slot>)],
    number: u32,
) {
    for (pos, siblings) in taken {
        let Some(desc) = table
            .first_param
            .checked_add(*pos)
            .and_then(|p| params.get(p as usize))
        else {
            continue;
        };
        if desc.syntax.base != BaseType::String || desc.syntax.list.is_some() {
            continue;
        }
        let taken = |slot: &Slot| siblings.contains(slot);
        let Some(current) = node.values.get_mut(*pos as usize) else {
            continue;
        };
        if current.as_str().is_some_and(|s| !s.is_empty()) && !taken(current) {
            continue;
        }
        let candidates = std::iter::once(format!("cpe-{number}"))
            .chain((2..=ALIAS_TRIES).map(|k| format!("cpe-{number}-{k}")));
        for alias in candidates {
            let slot = Slot::text(&alias);
            if !taken(&slot) && desc.syntax.check(&alias, Writer::Device).is_ok() {
                *current = slot;
                break;
            }
        }
    }
}

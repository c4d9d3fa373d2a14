//! Persistence ([`Tree::save`], [`Tree::load`]) and factory reset
//! ([`Tree::factory_reset`]).
//!
//! A [`State`] is plain data keyed by path, so that it survives a firmware
//! update that adds or removes parameters (see [`Tree::load_lenient`]) and
//! reads well as JSON. With the crate's `serde` feature it implements
//! `Serialize` and `Deserialize`.

use std::collections::BTreeMap;
use std::fmt;

use crate::meta::{ModelDesc, ObjectIx, Target};
use crate::value::{Syntax, SyntaxError, Value, Writer};

use super::attrs::{store_attrs, Attributes};
use super::node::{find_row, position_in, recount_all, Child, Fill, Node, Nodes, Row, ROOT};
use super::slot::Slot;
use super::walk::{ObjectKind, Visit};
use super::Tree;

/// What [`Tree::factory_reset`] keeps by default: the management settings
/// (ACS URL, credentials, ParameterKey...) of either root model.
pub const DEFAULT_KEEP: &[&str] = &[
    "Device.ManagementServer.",
    "InternetGatewayDevice.ManagementServer.",
];

/// Everything a [`Tree`] knows, keyed by path, as [`Tree::save`] writes it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(default)
)]
pub struct State {
    /// The model's name (`Device:2.17`).
    pub model: String,
    /// Every table instance and every existing optional single object,
    /// as partial paths in model order (`Device.Host.3.`).
    pub objects: Vec<String>,
    /// Every parameter's value as wire text, by full path.
    pub values: BTreeMap<String, String>,
    /// The last instance number each table gave out, by table path
    /// (`Device.Host.`).
    pub counters: BTreeMap<String, u32>,
    /// Attributes that differ from the parameter's defaults, by full path.
    pub attributes: BTreeMap<String, Attributes>,
    /// Write-once parameters the ACS has written.
    pub written_once: Vec<String>,
    /// Value changes made by the device since the last Inform.
    pub device_changes: Vec<String>,
    /// Value changes made by the ACS since the last Inform.
    pub acs_changes: Vec<String>,
}

/// One entry of a [`State`] that could not be loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadIssue {
    /// The path of the entry (empty for the model name).
    pub path: String,
    /// What is wrong with it.
    pub message: String,
}

impl fmt::Display for LoadIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}`: {}", self.path, self.message)
    }
}

/// Why [`Tree::load`] refused a state: every entry it could not load.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{} state entries could not be loaded, the first: {}",
    issues.len(), issues.first().map(ToString::to_string).unwrap_or_default())]
pub struct LoadError {
    /// The entries that could not be loaded.
    pub issues: Vec<LoadIssue>,
}

impl Tree {
    /// The whole state: objects, values, instance counters, attributes,
    /// write-once flags and pending value changes. [`Tree::load`] of it
    /// gives back an identical tree.
    pub fn save(&self) -> State {
        let mut state = State {
            model: self.model.name.to_owned(),
            ..State::default()
        };
        let _ = self.visit("", false, &mut |v| match v {
            Visit::Object { path, object, kind } => {
                let optional = self.object(object).is_some_and(|d| d.min_entries == 0);
                if kind == ObjectKind::Instance || (kind == ObjectKind::Single && optional) {
                    state.objects.push(path.to_owned());
                }
            }
            Visit::Param {
                path,
                desc,
                node,
                pos,
                ..
            } => {
                if let Some(slot) = node.values.get(pos as usize) {
                    state
                        .values
                        .insert(path.to_owned(), slot.to_text(desc.syntax));
                }
                if let Some(attrs) = node.attrs(pos) {
                    state.attributes.insert(path.to_owned(), attrs.clone());
                }
                if node.written(pos) {
                    state.written_once.push(path.to_owned());
                }
            }
        });
        for ((table, outer), &last) in &self.counters {
            let path = self.object_path(*table, outer);
            let path = path.strip_suffix("{i}.").unwrap_or(&path).to_owned();
            state.counters.insert(path, last);
        }
        for ((param, instances), writer) in &self.changes {
            let path = self.param_path(*param, instances);
            match writer {
                Writer::Device => state.device_changes.push(path),
                Writer::Acs => state.acs_changes.push(path),
            }
        }
        state
    }

    /// A tree from a saved state, refusing a state with any entry that does
    /// not fit the model (another model's name, unknown paths, values their
    /// syntax refuses...).
    pub fn load(model: &'static ModelDesc, state: &State) -> Result<Tree, LoadError> {
        let (tree, issues) = Tree::load_lenient(model, state);
        if issues.is_empty() {
            Ok(tree)
        } else {
            Err(LoadError { issues })
        }
    }

    /// A tree from a saved state, skipping the entries that do not fit the
    /// model (as after a firmware update changed it) and saying which.
    /// Objects the state does not list are absent, except those every
    /// tree has (single objects with `minEntries` >= 1); parameters it does
    /// not list keep their factory defaults. NumberOfEntries parameters are
    /// recomputed.
    pub fn load_lenient(model: &'static ModelDesc, state: &State) -> (Tree, Vec<LoadIssue>) {
        let mut tree = Tree::with_fill(model, Fill::Skeleton);
        let mut issues = Vec::new();
        let mut issue = |path: &str, message: &str| {
            issues.push(LoadIssue {
                path: path.to_owned(),
                message: message.to_owned(),
            });
        };
        if state.model != model.name {
            issue("", &format!("the state is of model `{}`", state.model));
        }
        // Parents before children: fewer segments first.
        let mut objects: Vec<&String> = state.objects.iter().collect();
        objects.sort_by_key(|p| p.matches('.').count());
        for path in objects {
            if let Err(message) = tree.load_object(path) {
                issue(path, message);
            }
        }
        for (path, &last) in &state.counters {
            match tree.resolve(path) {
                Ok(Target::Object {
                    object,
                    instances,
                    table_itself: true,
                }) => {
                    tree.counters.insert((object, instances.into()), last);
                }
                _ => issue(path, "not a table"),
            }
        }
        for (path, text) in &state.values {
            if let Err(message) = tree.load_value(path, text) {
                issue(path, &message);
            }
        }
        for (path, attrs) in &state.attributes {
            if let Err(message) = tree.load_param(path, |desc, node, pos| {
                if attrs.notification > super::MAX_NOTIFICATION {
                    return Err("Notification above 6");
                }
                store_attrs(node, pos, attrs.clone(), &Attributes::default_for(desc));
                Ok(())
            }) {
                issue(path, message);
            }
        }
        for path in &state.written_once {
            if let Err(message) = tree.load_param(path, |_, node, pos| {
                node.mark_written(pos);
                Ok(())
            }) {
                issue(path, message);
            }
        }
        let changes = (state.device_changes.iter().map(|p| (p, Writer::Device)))
            .chain(state.acs_changes.iter().map(|p| (p, Writer::Acs)));
        for (path, writer) in changes {
            match tree.resolve(path) {
                Ok(Target::Param { param, instances }) => {
                    tree.record_change(param, &instances, writer);
                }
                _ => issue(path, "not a parameter"),
            }
        }
        recount_all(model, &mut tree.nodes, ROOT);
        let counters = std::mem::take(&mut tree.counters);
        tree.counters = counters
            .into_iter()
            .filter(|((table, outer), _)| tree.counter_owner_exists(*table, outer))
            .collect();
        (tree, issues)
    }

    /// Back to factory state ([`Tree::new`]), except for the partial paths
    /// in `keep` (objects, tables or instances; [`DEFAULT_KEEP`] is what
    /// TR-069 expects kept), which keep their values, instances and
    /// attributes. Instance counters keep counting, so numbers are not
    /// reused; pending value changes are dropped.
    pub fn factory_reset(&mut self, keep: &[&str]) {
        let mut fresh = Nodes::new(self.model, Fill::Factory);
        let mut kept: Vec<&str> = keep.to_vec();
        kept.sort_by_key(|p| p.len());
        for (i, prefix) in kept.iter().enumerate() {
            // What an earlier (shorter) prefix covers is already moved.
            let covered = kept
                .get(..i)
                .is_some_and(|earlier| earlier.iter().any(|e| prefix.starts_with(e)));
            if !covered {
                self.move_kept(prefix, &mut fresh);
            }
        }
        recount_all(self.model, &mut fresh, ROOT);
        self.nodes = fresh;
        self.changes.clear();
        let counters = std::mem::take(&mut self.counters);
        self.counters = counters
            .into_iter()
            .filter(|((table, outer), _)| self.counter_owner_exists(*table, outer))
            .collect();
    }

    /// Moves what `prefix` names from this tree into `fresh`, where `fresh`
    /// has a place for it.
    fn move_kept(&mut self, prefix: &str, fresh: &mut Nodes) {
        let (model, layout) = (self.model, &self.layout);
        let Ok(Target::Object {
            object,
            instances,
            table_itself,
        }) = self.resolve(prefix)
        else {
            return;
        };
        if object == 0 {
            std::mem::swap(&mut self.nodes, fresh);
            return;
        }
        let is_table = self.object(object).is_some_and(|d| d.table);
        let (outer, instance) = match (is_table && !table_itself, instances.split_last()) {
            (true, Some((&number, outer))) => (outer, Some(number)),
            (true, None) => return,
            (false, _) => (instances.as_slice(), None),
        };
        let (Some((old, pos)), Some((new, _))) = (
            layout.parent_of(model, &self.nodes, object, outer),
            layout.parent_of(model, fresh, object, outer),
        ) else {
            return;
        };
        fresh.move_child(model, &mut self.nodes, old, new, pos, instance);
    }

    /// Creates the instance or optional single object a saved path names.
    fn load_object(&mut self, path: &str) -> Result<(), &'static str> {
        let Ok(Target::Object {
            object,
            instances,
            table_itself: false,
        }) = self.resolve(path)
        else {
            return Err("not an object instance");
        };
        let model = self.model;
        let is_table = self.object(object).is_some_and(|d| d.table);
        let outer = if is_table {
            instances.split_last().map_or(&[][..], |(_, o)| o)
        } else {
            instances.as_slice()
        };
        let Some((parent, pos)) = self.layout.parent_of(model, &self.nodes, object, outer) else {
            return Err("its parent object does not exist");
        };
        let number = match (is_table, instances.last()) {
            (true, Some(&number)) => number,
            (true, None) => return Err("not an object instance"),
            (false, _) => 0,
        };
        let exists = match self.nodes.get(parent).and_then(|n| n.children().get(pos)) {
            Some(Child::Table(rows)) => find_row(rows, number).is_some(),
            Some(Child::Single(slot)) => slot.is_some(),
            None => return Err("its parent object does not exist"),
        };
        if exists {
            return Ok(());
        }
        let node = self
            .nodes
            .build_under(model, parent, object, number, Fill::Skeleton)
            .ok_or("its parent object does not exist")?;
        match self
            .nodes
            .get_mut(parent)
            .and_then(|n| n.children_mut().get_mut(pos))
        {
            Some(Child::Table(rows)) => insert_row(rows, Row { number, node }),
            Some(Child::Single(slot)) => *slot = Some(node),
            None => {}
        }
        Ok(())
    }

    /// Sets a saved value; NumberOfEntries values are skipped (recomputed).
    fn load_value(&mut self, path: &str, text: &str) -> Result<(), String> {
        if let Ok(Target::Param { param, .. }) = self.resolve(path) {
            if self.is_count(param) {
                return Ok(());
            }
        }
        let mut result = Ok(());
        self.load_param(path, |desc, node, pos| {
            match saved_slot(desc.syntax, text) {
                Ok(new) => {
                    if let Some(slot) = node.values.get_mut(pos as usize) {
                        *slot = new;
                    }
                }
                Err(e) => result = Err(e),
            }
            Ok(())
        })
        .map_err(str::to_owned)?;
        result
    }

    /// Runs `f` on the node and position of the parameter a saved path names.
    fn load_param(
        &mut self,
        path: &str,
        f: impl FnOnce(&crate::meta::ParamDesc, &mut Node, u32) -> Result<(), &'static str>,
    ) -> Result<(), &'static str> {
        let Ok(Target::Param { param, instances }) = self.resolve(path) else {
            return Err("not a parameter of the model");
        };
        let desc = self.param(param).ok_or("not a parameter of the model")?;
        let object: ObjectIx = desc.object;
        let pos = self
            .object(object)
            .and_then(|o| position_in(o, param))
            .ok_or("not a parameter of the model")?;
        let node = self
            .node_mut(object, &instances)
            .ok_or("its object does not exist")?;
        f(desc, node, pos)
    }
}

/// A saved value. Values of the right type are kept even when a facet
/// refuses them: a state holds what the tree held, and the null value of a
/// type (an empty MAC address, say) need not fit the parameter's facets.
fn saved_slot(syntax: &Syntax, text: &str) -> Result<Slot, String> {
    match syntax.check(text, Writer::Device) {
        Ok(values) => Ok(Slot::from_checked(syntax, values)),
        Err(SyntaxError::Type(e)) => Err(e.to_string()),
        Err(_) if syntax.list.is_some() => Ok(Slot::text(text)),
        Err(_) => Value::parse(syntax.base, text)
            .map(Slot::from_value)
            .map_err(|e| e.to_string()),
    }
}

/// Inserts a row where its number belongs; the caller has made sure that
/// no row has that number.
fn insert_row(rows: &mut Vec<Row>, row: Row) {
    if let Err(i) = rows.binary_search_by_key(&row.number, |r| r.number) {
        rows.insert(i, row);
    }
}

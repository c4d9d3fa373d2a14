//! The parameter tree engine: one generic tree of parameter values over a
//! model's static descriptors ([`ModelDesc`]), with no code per parameter.
//!
//! A [`Tree`] holds what a CWMP device keeps about its data model and does
//! what the RPC dispatcher asks of it:
//!
//! - values: [`Tree::get`] one parameter, [`Tree::values`] every parameter
//!   under a partial path, [`Tree::get_many`] several paths and
//!   [`Tree::for_each_value`] the same without collecting
//!   (GetParameterValues), [`Tree::walk`] names in model order
//!   (GetParameterNames);
//! - writes: [`Tree::set_values`] validates a whole batch and applies all of
//!   it or nothing (SetParameterValues), [`Tree::set_value_as_device`] for
//!   the device's own writes;
//! - instances: [`Tree::add_object`] and [`Tree::delete_object`] (AddObject,
//!   DeleteObject) with instance numbers that are never reused,
//!   `maxEntries`, NumberOfEntries parameters and unique keys kept;
//! - attributes and notification: [`Tree::set_attributes`],
//!   [`Tree::attributes`], [`Tree::take_changes_for_inform`],
//!   [`Tree::active_change_pending`], [`Tree::forced_inform_params`];
//! - persistence: [`Tree::save`] to a [`State`] (serde-serializable with
//!   the `serde` feature), [`Tree::load`], and [`Tree::factory_reset`].
//!
//! Errors are [`Fault`]s carrying the CWMP fault code to answer with.
//!
//! # Storage
//!
//! Every object instance is a node holding its parameter values in a boxed
//! slice indexed by the parameter's position in its object, 16 bytes per
//! value (short strings inline), and its child objects: single objects
//! (absent while an optional one, `minEntries` 0, is not created) and
//! tables, whose instances stay sorted by instance number. The nodes live
//! in one arena, where a child is an index, and every node is entered in a
//! path index under a hash of its path. Attributes that differ from the
//! defaults are stored beside the few nodes that have any.
//!
//! # Paths
//!
//! Paths are CWMP paths with instance numbers (`Device.Host.3.Name`);
//! partial paths end in `.` and the empty path is the whole tree. Instance
//! alias segments (`Device.Host.[pc].`) are refused with fault 9005 for now.
//! A full parameter path is looked up without walking the tree: its object
//! instance part by one probe of the path index (the candidate checked
//! against its object's path template and instance numbers), its last
//! segment among that object's parameters. Other paths are resolved by
//! [`ModelDesc::resolve`].
//!
//! ```
//! use cwmp_model_runtime::engine::Tree;
//! use cwmp_model_runtime::meta::*;
//! use cwmp_model_runtime::value::{BaseType, Syntax, Value, Writer};
//!
//! static STRING: Syntax = Syntax::new(BaseType::String);
//! static MODEL: ModelDesc = ModelDesc {
//!     name: "Example:1.0",
//!     is_service: false,
//!     objects: &[ObjectDesc {
//!         path: "Device.", name: "Device", parent: None, table: false,
//!         access: ObjectAccess::ReadOnly, min_entries: 1, max_entries: Some(1),
//!         num_entries: None, enable: None, unique_keys: &[], first_param: 0,
//!         param_count: 1, children: &[], version: Version { major: 1, minor: 0 },
//!         status: Status::Current,
//!     }],
//!     params: &[ParamDesc {
//!         name: "Name", object: 0, access: ParamAccess::ReadWrite,
//!         active_notify: ActiveNotify::Normal, forced_inform: false, syntax: &STRING,
//!         data_type: None, default: Some((DefaultKind::Factory, "cpe")),
//!         version: Version { major: 1, minor: 0 }, status: Status::Current,
//!     }],
//!     parts: &[],
//! };
//!
//! let mut tree = Tree::new(&MODEL);
//! assert_eq!(tree.get("Device.Name").unwrap(), Value::from("cpe"));
//! let batch = [("Device.Name".to_string(), "lab".to_string())];
//! tree.set_values(&batch, Writer::Acs, Some("key-1")).unwrap();
//! assert_eq!(tree.get("Device.Name").unwrap(), Value::from("lab"));
//! let names: Vec<String> = tree.walk("", false).unwrap().into_iter().map(|i| i.path).collect();
//! assert_eq!(names, ["Device.", "Device.Name"]);
//! ```

// Requests come from the network: a panic on bad input would take the
// device down, so the lints that hide panics are errors in this module.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::unreachable,
        clippy::todo,
        clippy::unimplemented
    )
)]
#![forbid(unsafe_code)]

use std::collections::BTreeMap;
use std::fmt::{self, Write as _};
use std::mem::size_of;

use crate::meta::{ModelDesc, ObjectDesc, ObjectIx, ParamDesc, ParamIx, Target};
use crate::path::{Path, Segment};
use crate::soap::codes;
use crate::value::{Value, Writer};

mod attrs;
mod fast;
mod instances;
mod lookup;
mod names;
mod node;
mod paths;
mod set;
mod slot;
mod state;
mod typed;
mod walk;

#[cfg(test)]
mod tests;

pub use attrs::{AttrChange, Attributes, ParamAttributes, MAX_NOTIFICATION};
pub(crate) use node::NodeId;
pub use set::{SetFault, SetOutcome};
pub use state::{LoadError, LoadIssue, State, DEFAULT_KEEP};
pub use walk::{Item, ItemKind, ParamValue};

use node::{params_of, position_in, Fill, Layout, Node, Nodes};

/// A CWMP fault: the code to answer with and a message saying why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("fault {code}: {message}")]
pub struct Fault {
    /// The CWMP fault code (9001..9009 from the engine).
    pub code: u32,
    /// What went wrong, naming the path or value concerned.
    pub message: String,
}

impl Fault {
    /// A fault with code `code`.
    pub fn new(code: u32, message: impl Into<String>) -> Fault {
        Fault {
            code,
            message: message.into(),
        }
    }

    /// 9005 Invalid parameter name.
    pub(crate) fn name(message: impl Into<String>) -> Fault {
        Fault::new(codes::INVALID_PARAMETER_NAME, message)
    }

    /// 9005 for a path that names nothing in the tree.
    pub(crate) fn unknown(path: &str) -> Fault {
        Fault::name(format!("`{path}` is not in the tree"))
    }
}

/// Where a table's instance counter is kept: the table object and the
/// instance numbers of its parent.
pub(crate) type TableKey = (ObjectIx, Box<[u32]>);
/// A parameter of one instance: the parameter and its instance numbers.
pub(crate) type ParamKey = (ParamIx, Box<[u32]>);

/// The parameter tree of one device over a static model.
///
/// See the [module documentation](self) for what it does. `Debug` shows
/// the tree's size, not its values, which include passwords.
#[derive(Clone)]
pub struct Tree {
    /// The model.
    model: &'static ModelDesc,
    /// Where each object sits among its parent's children.
    layout: Layout,
    /// Every object instance's node.
    nodes: Nodes,
    /// The last instance number given out per table; a table absent here
    /// has given out none beyond its rows.
    counters: BTreeMap<TableKey, u32>,
    /// Parameters whose value changed since the last Inform, and who
    /// changed them last.
    changes: BTreeMap<ParamKey, Writer>,
    /// The model's `ManagementServer.ParameterKey`, if it has one.
    parameter_key: Option<ParamIx>,
}

impl Tree {
    /// A tree in factory state: every parameter at its default (the model's
    /// object or factory default, else the type's null value: empty string,
    /// 0, false, the unknown time, no bytes), every single object with
    /// `minEntries` >= 1 present, optional ones absent, and every table
    /// holding `minEntries` instances numbered from 1.
    pub fn new(model: &'static ModelDesc) -> Tree {
        Tree::with_fill(model, Fill::Factory)
    }

    pub(crate) fn with_fill(model: &'static ModelDesc, fill: Fill) -> Tree {
        Tree {
            model,
            layout: Layout::new(model),
            nodes: Nodes::new(model, fill),
            counters: BTreeMap::new(),
            changes: BTreeMap::new(),
            parameter_key: find_parameter_key(model),
        }
    }

    /// The model this tree follows.
    pub fn model(&self) -> &'static ModelDesc {
        self.model
    }

    /// The value of a parameter, by full path, as stored: hidden and secured
    /// values are returned as they are (for the device's own use; see
    /// [`Tree::values`] for what the ACS may read). A list reads as a
    /// [`Value::String`] of its comma-separated text.
    ///
    /// Fault 9005 when the path is malformed, partial, or names no
    /// parameter of an existing instance.
    pub fn get(&self, path: &str) -> Result<Value, Fault> {
        let found = self.param_by_path(path, false)?;
        let slot = found.node.values.get(found.pos as usize);
        slot.map(|s| s.to_value(found.desc.syntax))
            .ok_or_else(|| Fault::unknown(path))
    }

    /// The value of parameter `param` at `instances` (one instance number
    /// per table on its path, outermost first), without parsing a path;
    /// `None` when that instance does not exist.
    pub fn get_at(&self, param: ParamIx, instances: &[u32]) -> Option<Value> {
        let (desc, node, pos) = self.param_node(param, instances)?;
        let slot = node.values.get(pos as usize)?;
        Some(slot.to_value(desc.syntax))
    }

    /// Heap bytes the tree owns: the payload of its allocations, not
    /// counting the allocator's own overhead. Map entries are counted at
    /// their key and value size.
    pub fn heap_bytes(&self) -> usize {
        let boxed = |k: &[u32]| std::mem::size_of_val(k);
        self.nodes.heap_bytes()
            + self.layout.heap_bytes()
            + self
                .counters
                .keys()
                .map(|(_, k)| size_of::<TableKey>() + size_of::<u32>() + boxed(k))
                .sum::<usize>()
            + self
                .changes
                .keys()
                .map(|(_, k)| size_of::<ParamKey>() + size_of::<Writer>() + boxed(k))
                .sum::<usize>()
    }

    /// Parses and resolves a path against the model; fault 9005 for a
    /// malformed path, an alias segment, or a path the model lacks.
    pub(crate) fn resolve(&self, text: &str) -> Result<Target, Fault> {
        let path = Path::parse(text).map_err(|e| Fault::name(e.to_string()))?;
        if path
            .segments()
            .iter()
            .any(|s| matches!(s, Segment::Alias(_)))
        {
            return Err(Fault::name(format!(
                "`{text}`: instance alias addressing is not supported"
            )));
        }
        self.model
            .resolve(&path)
            .map_err(|e| Fault::name(e.to_string()))
    }

    /// The descriptor of an object.
    pub(crate) fn object(&self, object: ObjectIx) -> Option<&'static ObjectDesc> {
        self.model.objects.get(object as usize)
    }

    /// The descriptor of a parameter.
    pub(crate) fn param(&self, param: ParamIx) -> Option<&'static ParamDesc> {
        self.model.params.get(param as usize)
    }

    /// A parameter's descriptor, the node holding it and its position there.
    pub(crate) fn param_node(
        &self,
        param: ParamIx,
        instances: &[u32],
    ) -> Option<(&'static ParamDesc, &Node, u32)> {
        let desc = self.param(param)?;
        let pos = position_in(self.object(desc.object)?, param)?;
        let node = self.node(desc.object, instances)?;
        Some((desc, node, pos))
    }

    /// The node of an object instance.
    pub(crate) fn node(&self, object: ObjectIx, instances: &[u32]) -> Option<&Node> {
        let id = self
            .layout
            .locate(self.model, &self.nodes, object, instances)?;
        self.nodes.get(id)
    }

    /// The node of an object instance, mutably.
    pub(crate) fn node_mut(&mut self, object: ObjectIx, instances: &[u32]) -> Option<&mut Node> {
        let id = self
            .layout
            .locate(self.model, &self.nodes, object, instances)?;
        self.nodes.get_mut(id)
    }

    /// The path of an object instance, with instance numbers filled in.
    pub(crate) fn object_path(&self, object: ObjectIx, instances: &[u32]) -> String {
        self.object(object)
            .map(|d| fill_template(d.path, instances))
            .unwrap_or_default()
    }

    /// The full path of a parameter of an instance.
    pub(crate) fn param_path(&self, param: ParamIx, instances: &[u32]) -> String {
        let Some(desc) = self.param(param) else {
            return String::new();
        };
        let mut path = self.object_path(desc.object, instances);
        path.push_str(desc.name);
        path
    }

    /// Records a value change for notification; the last writer wins.
    pub(crate) fn record_change(&mut self, param: ParamIx, instances: &[u32], writer: Writer) {
        self.changes.insert((param, instances.into()), writer);
    }
}

impl fmt::Debug for Tree {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Tree")
            .field("model", &self.model.name)
            .field("heap_bytes", &self.heap_bytes())
            .field("pending_changes", &self.changes.len())
            .finish_non_exhaustive()
    }
}

/// A model path with `{i}` placeholders filled from `instances` in order;
/// placeholders beyond them are left as they are.
pub(crate) fn fill_template(template: &str, instances: &[u32]) -> String {
    let mut out = String::with_capacity(template.len() + 4 * instances.len());
    let mut numbers = instances.iter();
    for (i, piece) in template.split("{i}").enumerate() {
        if i > 0 {
            match numbers.next() {
                Some(n) => {
                    let _ = write!(out, "{n}");
                }
                None => out.push_str("{i}"),
            }
        }
        out.push_str(piece);
    }
    out
}

/// `ParameterKey` of the `ManagementServer` object under the root.
fn find_parameter_key(model: &ModelDesc) -> Option<ParamIx> {
    let (ix, ms) = model
        .objects
        .iter()
        .enumerate()
        .find(|(_, o)| o.name == "ManagementServer" && o.parent == Some(0) && !o.table)?;
    let ix = ObjectIx::try_from(ix).ok()?;
    let pos = params_of(model, ix)
        .iter()
        .position(|p| p.name == "ParameterKey")?;
    ms.first_param.checked_add(u32::try_from(pos).ok()?)
}

//! Static metadata of a data model: what generated code declares as descriptor
//! tables (data, not code per parameter) and what the engine works by index over.
//! The run-time simulator builds the same tables from XML and leaks them.

use crate::path::{Path, Segment};
use crate::value::Syntax;

mod mount;
#[cfg(test)]
pub(crate) mod testing;

pub use mount::{mount, MountError};

/// Index of an object in [`ModelDesc::objects`].
pub type ObjectIx = u32;
/// Index of a parameter in [`ModelDesc::params`].
pub type ParamIx = u32;

/// Access to an object: whether the ACS may add and delete instances.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ObjectAccess {
    /// No AddObject/DeleteObject.
    ReadOnly,
    /// AddObject only.
    Create,
    /// DeleteObject only.
    Delete,
    /// AddObject and DeleteObject.
    CreateDelete,
}

impl ObjectAccess {
    /// Whether AddObject is allowed.
    pub const fn can_add(self) -> bool {
        matches!(self, Self::Create | Self::CreateDelete)
    }

    /// Whether DeleteObject is allowed.
    pub const fn can_delete(self) -> bool {
        matches!(self, Self::Delete | Self::CreateDelete)
    }
}

/// Access to a parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParamAccess {
    /// Read only.
    ReadOnly,
    /// Read and write.
    ReadWrite,
    /// Written once, then read only.
    WriteOnceReadOnly,
}

/// The `activeNotify` rule of a parameter (TR-069 section A.3.2.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActiveNotify {
    /// Any notification may be set.
    Normal,
    /// Active notification is always on.
    ForceEnabled,
    /// Active notification is on by default.
    ForceDefaultEnabled,
    /// The device may refuse active notification.
    CanDeny,
    /// The device refuses active notification (fault 9009).
    WillDeny,
}

/// Lifecycle of an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// In use.
    Current,
    /// To be removed.
    Deprecated,
    /// Kept for compatibility.
    Obsoleted,
    /// Removed.
    Deleted,
}

/// A `major.minor` version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    /// Major.
    pub major: u16,
    /// Minor.
    pub minor: u16,
}

/// A unique key of a table, by parameter index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UniqueKey {
    /// Whether it identifies instances functionally.
    pub functional: bool,
    /// The parameters that make up the key.
    pub params: &'static [ParamIx],
}

/// Where a default value applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DefaultKind {
    /// Value of a new instance and after a factory reset.
    Object,
    /// Value after a factory reset.
    Factory,
}

/// An object (a table, a single object, or the top of a service model).
#[derive(Debug, Clone, Copy)]
pub struct ObjectDesc {
    /// Path with `{i}` placeholders, ending in `.`; empty for the top of a service model.
    pub path: &'static str,
    /// Last name segment.
    pub name: &'static str,
    /// Enclosing object.
    pub parent: Option<ObjectIx>,
    /// Whether it is a table (`...{i}.`).
    pub table: bool,
    /// AddObject/DeleteObject access.
    pub access: ObjectAccess,
    /// Fewest instances.
    pub min_entries: u32,
    /// Most instances; `None` is unbounded.
    pub max_entries: Option<u32>,
    /// The parameter (in the parent) that counts the instances.
    pub num_entries: Option<ParamIx>,
    /// The parameter that enables an instance.
    pub enable: Option<ParamIx>,
    /// Unique keys.
    pub unique_keys: &'static [UniqueKey],
    /// First parameter of this object in [`ModelDesc::params`].
    pub first_param: ParamIx,
    /// Number of parameters (they are contiguous).
    pub param_count: u32,
    /// Child objects in model order.
    pub children: &'static [ObjectIx],
    /// Version that introduced it.
    pub version: Version,
    /// Lifecycle.
    pub status: Status,
}

/// A parameter.
#[derive(Debug, Clone, Copy)]
pub struct ParamDesc {
    /// Name within its object.
    pub name: &'static str,
    /// Its object.
    pub object: ObjectIx,
    /// Access.
    pub access: ParamAccess,
    /// Active notification rule.
    pub active_notify: ActiveNotify,
    /// Sent in every Inform.
    pub forced_inform: bool,
    /// Type and facets.
    pub syntax: &'static Syntax,
    /// The named data type, for documentation and `xsi:type` of named types.
    pub data_type: Option<&'static str>,
    /// Default value and where it applies.
    pub default: Option<(DefaultKind, &'static str)>,
    /// Version that introduced it.
    pub version: Version,
    /// Lifecycle.
    pub status: Status,
}

/// A whole model.
#[derive(Debug, Clone, Copy)]
pub struct ModelDesc {
    /// `Device:2.17`.
    pub name: &'static str,
    /// Whether it is a service model.
    pub is_service: bool,
    /// Objects; index 0 is the root (`Device.`, or the top of a service model).
    pub objects: &'static [ObjectDesc],
    /// Parameters, grouped by object.
    pub params: &'static [ParamDesc],
    /// The models this one was built from by [`mount`], the root model
    /// first; empty for a model as compiled.
    pub parts: &'static [Part],
}

/// One of the models a mounted model ([`mount`]) is built from, and where
/// its objects and parameters are in the mounted model: what lets the
/// typed API of each model work on the mounted tree.
#[derive(Debug, Clone, Copy)]
pub struct Part {
    /// The model as compiled.
    pub model: &'static ModelDesc,
    /// For each object of `model`, its index in the mounted model (a
    /// service model's top object is the object it is mounted at).
    pub objects: &'static [ObjectIx],
    /// For each parameter of `model`, its index in the mounted model.
    pub params: &'static [ParamIx],
}

/// Where a model's objects and parameters are in a model built from it
/// (see [`ModelDesc::part`]); indices out of range map to `u32::MAX`, which
/// names nothing.
#[derive(Debug, Clone, Copy)]
pub struct Placement(Option<&'static Part>);

impl Placement {
    /// The index of object `ix` of the part's model.
    pub fn object(&self, ix: ObjectIx) -> ObjectIx {
        match self.0 {
            None => ix,
            Some(p) => p.objects.get(ix as usize).copied().unwrap_or(u32::MAX),
        }
    }

    /// The index of parameter `ix` of the part's model.
    pub fn param(&self, ix: ParamIx) -> ParamIx {
        match self.0 {
            None => ix,
            Some(p) => p.params.get(ix as usize).copied().unwrap_or(u32::MAX),
        }
    }
}

/// What a path names in a model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// An object (or a table, when the path stops before an instance number), and
    /// the instance numbers along the way.
    Object {
        /// The object.
        object: ObjectIx,
        /// Instance numbers of the tables on the way, outermost first.
        instances: Vec<u32>,
        /// Whether the path names the table itself (`Host.`) rather than an instance.
        table_itself: bool,
    },
    /// A parameter and the instance numbers of the tables on its way.
    Param {
        /// The parameter.
        param: ParamIx,
        /// Instance numbers, outermost first.
        instances: Vec<u32>,
    },
}

/// Why a path names nothing in the model (fault 9005).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{path}` is not a parameter or object of {model}")]
pub struct UnknownPath {
    /// The path as given.
    pub path: String,
    /// The model name.
    pub model: &'static str,
}

impl ModelDesc {
    /// Where the objects and parameters of `model` are in this one: `None`
    /// when `model` is neither this model nor one it was mounted from.
    pub fn part(&self, model: &'static ModelDesc) -> Option<Placement> {
        if std::ptr::eq(self, model) {
            return Some(Placement(None));
        }
        self.parts
            .iter()
            .find(|p| std::ptr::eq(p.model, model))
            .map(|p| Placement(Some(p)))
    }

    /// An object by index.
    pub fn object(&self, ix: ObjectIx) -> &'static ObjectDesc {
        &self.objects[ix as usize]
    }

    /// A parameter by index.
    pub fn param(&self, ix: ParamIx) -> &'static ParamDesc {
        &self.params[ix as usize]
    }

    /// The parameters of an object.
    pub fn params_of(&self, ix: ObjectIx) -> &'static [ParamDesc] {
        let o = self.object(ix);
        let start = o.first_param as usize;
        &self.params[start..start + o.param_count as usize]
    }

    /// A child object by name.
    pub fn child_named(&self, ix: ObjectIx, name: &str) -> Option<ObjectIx> {
        self.object(ix)
            .children
            .iter()
            .copied()
            .find(|&c| self.object(c).name == name)
    }

    /// A parameter of an object by name.
    pub fn param_named(&self, ix: ObjectIx, name: &str) -> Option<ParamIx> {
        let o = self.object(ix);
        self.params_of(ix)
            .iter()
            .position(|p| p.name == name)
            .map(|i| o.first_param + i as u32)
    }

    /// Resolves a path against the model, in time proportional to its depth; no string
    /// is built. Instance numbers are checked for shape here, for existence by the tree.
    pub fn resolve(&self, path: &Path<'_>) -> Result<Target, UnknownPath> {
        let unknown = || UnknownPath {
            path: path.to_string(),
            model: self.name,
        };
        let segs = path.segments();
        // The root object: `Device.` names objects[0]; a service model's top has no name.
        let (mut obj, rest) = match self.objects.first() {
            Some(root) if !root.path.is_empty() => match segs.first() {
                Some(Segment::Name(n)) if *n == root.name => (0, &segs[1..]),
                None => (0, segs),
                _ => return Err(unknown()),
            },
            Some(_) => (0, segs),
            None => return Err(unknown()),
        };
        let mut instances = Vec::new();
        let mut i = 0;
        while i < rest.len() {
            let Segment::Name(name) = rest[i] else {
                return Err(unknown());
            };
            let last = i + 1 == rest.len();
            if let Some(child) = self.child_named(obj, name) {
                obj = child;
                i += 1;
                if self.object(child).table {
                    match rest.get(i) {
                        Some(Segment::Instance(n)) => {
                            instances.push(*n);
                            i += 1;
                        }
                        // Alias addressing is resolved to a number by the tree.
                        Some(Segment::Alias(_)) => {
                            instances.push(0);
                            i += 1;
                        }
                        None if path.is_partial() => {
                            return Ok(Target::Object {
                                object: obj,
                                instances,
                                table_itself: true,
                            })
                        }
                        _ => return Err(unknown()),
                    }
                }
                continue;
            }
            if last && !path.is_partial() {
                if let Some(p) = self.param_named(obj, name) {
                    return Ok(Target::Param {
                        param: p,
                        instances,
                    });
                }
            }
            return Err(unknown());
        }
        if path.is_partial() {
            Ok(Target::Object {
                object: obj,
                instances,
                table_itself: false,
            })
        } else {
            // A full path must end in a parameter.
            Err(unknown())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{object, param};
    use super::*;
    use crate::value::{BaseType, Syntax};

    static STRING: Syntax = Syntax::new(BaseType::String);
    static UINT: Syntax = Syntax::new(BaseType::UnsignedInt);

    static MODEL: ModelDesc = ModelDesc {
        name: "Test:1.0",
        is_service: false,
        objects: &[
            object("Device.", "Device", None, false, (0, 1), &[1]),
            object("Device.Host.{i}.", "Host", Some(0), true, (1, 1), &[2]),
            object(
                "Device.Host.{i}.Stats.",
                "Stats",
                Some(1),
                false,
                (2, 1),
                &[],
            ),
        ],
        params: &[
            param("HostNumberOfEntries", 0, &UINT),
            param("Name", 1, &STRING),
            param("Bytes", 2, &UINT),
        ],
        parts: &[],
    };

    fn resolve(s: &str) -> Result<Target, UnknownPath> {
        MODEL.resolve(&Path::parse(s).unwrap())
    }

    #[test]
    fn resolves_objects_tables_instances_and_parameters() {
        assert_eq!(
            resolve(""),
            Ok(Target::Object {
                object: 0,
                instances: vec![],
                table_itself: false
            })
        );
        assert_eq!(
            resolve("Device."),
            Ok(Target::Object {
                object: 0,
                instances: vec![],
                table_itself: false
            })
        );
        assert_eq!(
            resolve("Device.Host."),
            Ok(Target::Object {
                object: 1,
                instances: vec![],
                table_itself: true
            })
        );
        assert_eq!(
            resolve("Device.Host.7."),
            Ok(Target::Object {
                object: 1,
                instances: vec![7],
                table_itself: false
            })
        );
        assert_eq!(
            resolve("Device.Host.7.Stats.Bytes"),
            Ok(Target::Param {
                param: 2,
                instances: vec![7]
            })
        );
        assert_eq!(
            resolve("Device.HostNumberOfEntries"),
            Ok(Target::Param {
                param: 0,
                instances: vec![]
            })
        );
        assert_eq!(MODEL.params_of(1)[0].name, "Name");
    }

    #[test]
    fn unknown_paths_name_themselves() {
        for bad in [
            "Device.Nope",
            "Device.Host.Name",
            "Device.Host.1.Stats",
            "Device.Host.1.Name.",
            "Other.",
            "Device.HostNumberOfEntries.",
            "Device.Host.1.Stats.Nope",
        ] {
            let e = resolve(bad).unwrap_err();
            assert_eq!(e.path, bad);
            assert!(e.to_string().contains("Test:1.0"));
        }
    }
}

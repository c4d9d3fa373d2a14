//! The intermediate representation: resolved models as arenas of objects and
//! parameters, every attribute of the XML kept, every name already a Rust identifier.

use crate::source::Span;
use std::fmt;

/// A `major.minor` data-model version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Version {
    /// Major version (the `2` of `Device:2.17`).
    pub major: u32,
    /// Minor version (the `17`).
    pub minor: u32,
}

impl Version {
    /// Parses `2.17`, `2.17.1` (the corrigendum is ignored) or `2`.
    pub fn parse(s: &str) -> Option<Version> {
        let mut parts = s.trim().split('.');
        let major = parts.next()?.parse().ok()?;
        let minor = match parts.next() {
            Some(m) => m.parse().ok()?,
            None => 0,
        };
        if let Some(p) = parts.next() {
            p.parse::<u32>().ok()?;
        }
        if parts.next().is_some() {
            return None;
        }
        Some(Version { major, minor })
    }

    /// The version in a model name: `Device:2.17` -> 2.17.
    pub fn of_model_name(name: &str) -> Option<Version> {
        Version::parse(name.rsplit_once(':')?.1)
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

/// Lifecycle status of an item, ordered from alive to gone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Status {
    /// In use.
    #[default]
    Current,
    /// Still present, to be removed.
    Deprecated,
    /// Present only for compatibility.
    Obsoleted,
    /// Removed from the model.
    Deleted,
}

impl Status {
    /// Parses the XML attribute value.
    pub fn parse(s: &str) -> Option<Status> {
        Some(match s {
            "current" => Status::Current,
            "deprecated" => Status::Deprecated,
            "obsoleted" => Status::Obsoleted,
            "deleted" => Status::Deleted,
            _ => return None,
        })
    }

    /// The XML attribute value.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Current => "current",
            Status::Deprecated => "deprecated",
            Status::Obsoleted => "obsoleted",
            Status::Deleted => "deleted",
        }
    }
}

/// Access to a parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ParamAccess {
    /// The ACS can only read it.
    #[default]
    ReadOnly,
    /// The ACS can write it.
    ReadWrite,
    /// The ACS can write it once; after that it reads only.
    WriteOnceReadOnly,
}

impl ParamAccess {
    /// Whether `self` allows no more than `other` (read-only is within everything).
    pub fn within(self, other: Self) -> bool {
        self == other
            || self == Self::ReadOnly
            || (self == Self::WriteOnceReadOnly && other == Self::ReadWrite)
    }

    /// Parses the XML attribute value.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "readOnly" => Self::ReadOnly,
            "readWrite" => Self::ReadWrite,
            "writeOnceReadOnly" => Self::WriteOnceReadOnly,
            _ => return None,
        })
    }

    /// The XML attribute value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ReadOnly => "readOnly",
            Self::ReadWrite => "readWrite",
            Self::WriteOnceReadOnly => "writeOnceReadOnly",
        }
    }
}

/// Access to an object: for a table, whether the ACS may add and delete instances.
/// Data models say `readOnly` or `readWrite`; device types may narrow `readWrite`
/// to `create` or `delete` alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ObjectAccess {
    /// No AddObject/DeleteObject.
    #[default]
    ReadOnly,
    /// AddObject only.
    Create,
    /// DeleteObject only.
    Delete,
    /// AddObject and DeleteObject (`readWrite` in a DM, `createDelete` in a DT).
    ReadWrite,
}

impl ObjectAccess {
    /// Parses the XML attribute value of a DM or DT document.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "readOnly" => Self::ReadOnly,
            "readWrite" | "createDelete" => Self::ReadWrite,
            "create" => Self::Create,
            "delete" => Self::Delete,
            _ => return None,
        })
    }

    /// The XML attribute value as a DM document writes it (`create`/`delete` as a DT does).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ReadOnly => "readOnly",
            Self::Create => "create",
            Self::Delete => "delete",
            Self::ReadWrite => "readWrite",
        }
    }

    /// Whether AddObject is allowed.
    pub fn can_add(self) -> bool {
        matches!(self, Self::Create | Self::ReadWrite)
    }

    /// Whether DeleteObject is allowed.
    pub fn can_delete(self) -> bool {
        matches!(self, Self::Delete | Self::ReadWrite)
    }

    /// Whether `self` allows no more than `other`.
    pub fn within(self, other: Self) -> bool {
        (!self.can_add() || other.can_add()) && (!self.can_delete() || other.can_delete())
    }
}

/// The `activeNotify` rule of a parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ActiveNotify {
    /// The ACS may set any notification.
    #[default]
    Normal,
    /// Active notification is always on; the ACS cannot turn it off.
    ForceEnabled,
    /// Active notification is on by default.
    ForceDefaultEnabled,
    /// The device may refuse active notification (fault 9009).
    CanDeny,
    /// Active notification is refused (`willDeny` of the device-type schema).
    WillDeny,
}

impl ActiveNotify {
    /// Parses the XML attribute value.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "normal" => Self::Normal,
            "forceEnabled" => Self::ForceEnabled,
            "forceDefaultEnabled" => Self::ForceDefaultEnabled,
            "canDeny" => Self::CanDeny,
            "willDeny" => Self::WillDeny,
            _ => return None,
        })
    }

    /// The XML attribute value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Normal => "normal",
            Self::ForceEnabled => "forceEnabled",
            Self::ForceDefaultEnabled => "forceDefaultEnabled",
            Self::CanDeny => "canDeny",
            Self::WillDeny => "willDeny",
        }
    }
}

/// The XSD primitive a value is carried as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BaseType {
    /// xsd:string
    String,
    /// xsd:unsignedInt
    UnsignedInt,
    /// xsd:int
    Int,
    /// xsd:unsignedLong
    UnsignedLong,
    /// xsd:long
    Long,
    /// xsd:boolean
    Boolean,
    /// xsd:dateTime
    DateTime,
    /// xsd:base64Binary
    Base64,
    /// xsd:hexBinary
    HexBinary,
    /// xsd:decimal
    Decimal,
}

impl BaseType {
    /// Parses a syntax element name.
    pub fn from_element(s: &str) -> Option<Self> {
        Some(match s {
            "string" => Self::String,
            "unsignedInt" => Self::UnsignedInt,
            "int" => Self::Int,
            "unsignedLong" => Self::UnsignedLong,
            "long" => Self::Long,
            "boolean" => Self::Boolean,
            "dateTime" => Self::DateTime,
            "base64" => Self::Base64,
            "hexBinary" => Self::HexBinary,
            "decimal" => Self::Decimal,
            _ => return None,
        })
    }

    /// The syntax element name (`base64` for xsd:base64Binary, as the DM schema spells it).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::String => "string",
            Self::UnsignedInt => "unsignedInt",
            Self::Int => "int",
            Self::UnsignedLong => "unsignedLong",
            Self::Long => "long",
            Self::Boolean => "boolean",
            Self::DateTime => "dateTime",
            Self::Base64 => "base64",
            Self::HexBinary => "hexBinary",
            Self::Decimal => "decimal",
        }
    }

    /// The `xsi:type` a CWMP value of this type carries.
    pub fn xsd_type(self) -> &'static str {
        match self {
            Self::Base64 => "base64Binary",
            other => other.as_str(),
        }
    }

    /// Whether size facets apply (lengths) rather than ranges.
    pub fn is_sized(self) -> bool {
        matches!(self, Self::String | Self::Base64 | Self::HexBinary)
    }

    /// Whether range facets apply.
    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            Self::UnsignedInt | Self::Int | Self::UnsignedLong | Self::Long | Self::Decimal
        )
    }
}

/// A `size` facet: a length range, either bound optional.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Size {
    /// Minimum length.
    pub min: Option<u64>,
    /// Maximum length.
    pub max: Option<u64>,
}

/// A `range` facet; decimal bounds are kept as written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Range {
    /// Lower bound as written.
    pub min: Option<String>,
    /// Upper bound as written.
    pub max: Option<String>,
    /// Step as written.
    pub step: Option<String>,
}

/// One allowed value of an enumerated string.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Enumeration {
    /// The value.
    pub value: String,
    /// Its lifecycle.
    pub status: Status,
    /// Whether the value may only be read, not written (`access="readOnly"`).
    pub read_only: bool,
    /// Whether it is optional for the device to support it.
    pub optional: bool,
    /// Description with BBF markup.
    pub description: String,
}

/// A `pattern` facet (an XSD regular expression, implicitly anchored).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Pattern {
    /// The expression.
    pub value: String,
    /// Description with BBF markup.
    pub description: String,
}

/// A `pathRef` facet: the value names objects or parameters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct PathRef {
    /// Where the target lives (`Device.IP.Interface.`), space-separated.
    pub target_parent: Option<String>,
    /// `normal` or `strong`.
    pub ref_type: Option<String>,
    /// `any`, `parameter`, `object`, `single`, `table`, `row`.
    pub target_type: Option<String>,
    /// Allowed data types of a target parameter.
    pub target_data_type: Option<String>,
}

/// An `instanceRef` facet: the value is an instance number of a table.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct InstanceRef {
    /// The table.
    pub target_parent: String,
    /// `normal` or `strong`.
    pub ref_type: Option<String>,
}

/// An `enumerationRef` facet: the value is one of another parameter's values.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct EnumerationRef {
    /// The parameter holding the allowed values.
    pub target_param: String,
    /// Values allowed besides those.
    pub null_value: Option<String>,
}

/// List facets: the value is a comma-separated list.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct ListFacet {
    /// Fewest items.
    pub min_items: Option<u64>,
    /// Most items.
    pub max_items: Option<u64>,
    /// Size of the whole list string (item sizes are in [`Syntax::sizes`]).
    pub sizes: Vec<Size>,
    /// Whether items are wrapped in brackets.
    pub nested_brackets: Option<String>,
}

/// Where a default comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DefaultKind {
    /// Value of a new instance.
    Object,
    /// Value after a factory reset.
    Factory,
    /// What implementations typically use (informative).
    Implementation,
    /// Given by another parameter.
    Parameter,
}

impl DefaultKind {
    /// Parses the XML attribute value.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "object" => Self::Object,
            "factory" => Self::Factory,
            "implementation" => Self::Implementation,
            "parameter" => Self::Parameter,
            _ => return None,
        })
    }

    /// The XML attribute value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Object => "object",
            Self::Factory => "factory",
            Self::Implementation => "implementation",
            Self::Parameter => "parameter",
        }
    }
}

/// A default value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DefaultValue {
    /// Its kind.
    pub kind: DefaultKind,
    /// The value as written.
    pub value: String,
}

/// The resolved syntax of a parameter: its named type chain flattened, the
/// derived type's facets overriding those of its base.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Syntax {
    /// The XSD primitive.
    pub base: BaseType,
    /// The outermost named data type, as the parameter names it.
    pub data_type: Option<String>,
    /// List facets when the value is a list.
    pub list: Option<ListFacet>,
    /// Length facets (of each item, for lists).
    pub sizes: Vec<Size>,
    /// Range facets.
    pub ranges: Vec<Range>,
    /// Enumerated values.
    pub enumerations: Vec<Enumeration>,
    /// Patterns.
    pub patterns: Vec<Pattern>,
    /// Units.
    pub units: Option<String>,
    /// Path reference.
    pub path_ref: Option<PathRef>,
    /// Instance reference.
    pub instance_ref: Option<InstanceRef>,
    /// Enumeration reference.
    pub enumeration_ref: Option<EnumerationRef>,
    /// Reads back empty to the ACS.
    pub hidden: bool,
    /// Reads back empty unless the ACS is trusted (DM 1-6 and later).
    pub secured: bool,
    /// Writing it triggers an action (reads back empty).
    pub command: bool,
    /// Default value.
    pub default: Option<DefaultValue>,
}

impl Syntax {
    /// A plain syntax of a primitive type.
    pub fn of(base: BaseType) -> Self {
        Syntax {
            base,
            data_type: None,
            list: None,
            sizes: Vec::new(),
            ranges: Vec::new(),
            enumerations: Vec::new(),
            patterns: Vec::new(),
            units: None,
            path_ref: None,
            instance_ref: None,
            enumeration_ref: None,
            hidden: false,
            secured: false,
            command: false,
            default: None,
        }
    }
}

/// A unique key of a table.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UniqueKey {
    /// Whether the key identifies the instance functionally (else it is only unique).
    pub functional: bool,
    /// Parameter names.
    pub params: Vec<String>,
}

/// Index of an object in [`Model::objects`].
pub type ObjectId = usize;

/// A resolved object.
#[derive(Debug, Clone, PartialEq)]
pub struct Object {
    /// Full path with `{i}` placeholders, ending in `.` (`Device.LAN.`); empty for the
    /// parameters at the top of a service model.
    pub path: String,
    /// The last path segment (`LAN`, or the table name for `Foo.{i}.`).
    pub name: String,
    /// Rust identifier (snake case) for the field that holds it.
    pub rust_name: String,
    /// Rust type name (upper camel case) of its struct.
    pub rust_type: String,
    /// AddObject/DeleteObject access.
    pub access: ObjectAccess,
    /// Fewest instances.
    pub min_entries: u32,
    /// Most instances; `None` is unbounded.
    pub max_entries: Option<u32>,
    /// The parameter counting the instances.
    pub num_entries_param: Option<String>,
    /// The parameter enabling an instance.
    pub enable_param: Option<String>,
    /// Unique keys.
    pub unique_keys: Vec<UniqueKey>,
    /// Effective version (own, else inherited).
    pub version: Version,
    /// Effective status (own, or the parent's when that is further gone).
    pub status: Status,
    /// Description with BBF markup.
    pub description: String,
    /// The enclosing object.
    pub parent: Option<ObjectId>,
    /// Parameters in model order.
    pub params: Vec<Parameter>,
    /// Where it was defined.
    pub span: Span,
}

impl Object {
    /// Whether this is a multi-instance object (a table).
    pub fn is_table(&self) -> bool {
        self.path.ends_with(".{i}.")
    }
}

/// A resolved parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    /// Its name within the object.
    pub name: String,
    /// Rust identifier (snake case).
    pub rust_name: String,
    /// Access.
    pub access: ParamAccess,
    /// Active notification rule.
    pub active_notify: ActiveNotify,
    /// Sent in every Inform.
    pub forced_inform: bool,
    /// Type and facets.
    pub syntax: Syntax,
    /// Effective version.
    pub version: Version,
    /// Effective status.
    pub status: Status,
    /// Description with BBF markup.
    pub description: String,
    /// Where it was defined.
    pub span: Span,
}

/// What a profile requires of an object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileObject {
    /// Object path.
    pub path: String,
    /// `notSpecified`, `present`, `create`, `delete` or `createDelete`.
    pub requirement: String,
    /// Parameters and their requirement (`readOnly`, `readWrite`, ...).
    pub params: Vec<(String, String)>,
}

/// A profile: a named set of requirements a device can claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    /// `Baseline:1`.
    pub name: String,
    /// The profile this one is a later version of.
    pub base: Option<String>,
    /// Profiles whose requirements this one includes.
    pub extends: Vec<String>,
    /// Requirements written in this profile itself.
    pub objects: Vec<ProfileObject>,
    /// Where it was defined.
    pub span: Span,
}

/// What one device supports: its root model and the service models mounted under
/// `.Services.`, each already narrowed to the device's selection.
#[derive(Debug, Clone, PartialEq)]
pub struct Device {
    /// The device type (`urn:...` of a DT document) or the model file's name.
    pub name: String,
    /// Root model first, then service models.
    pub models: Vec<Model>,
    /// Profiles the device claims, checked against the selection.
    pub profiles: Vec<String>,
    /// The UUID of the device-type document it was read from, if any.
    pub uuid: Option<String>,
    /// The models before selection, in the order of `models`: what a device-type
    /// document narrows.
    pub full_models: Vec<Model>,
}

/// A resolved model.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// `Device:2.17`.
    pub name: String,
    /// Whether it is a service model (mounted under `.Services.`).
    pub is_service: bool,
    /// Objects in model order.
    pub objects: Vec<Object>,
    /// Profiles in model order.
    pub profiles: Vec<Profile>,
    /// Where it was defined.
    pub span: Span,
    /// File name of the document that defines it (what a DT document imports).
    pub source_file: String,
    /// The `spec` of that document.
    pub source_spec: Option<String>,
}

impl Model {
    /// The object at a path.
    pub fn object(&self, path: &str) -> Option<&Object> {
        self.objects.iter().find(|o| o.path == path)
    }

    /// A profile by name.
    pub fn profile(&self, name: &str) -> Option<&Profile> {
        self.profiles.iter().find(|p| p.name == name)
    }

    /// Number of parameters.
    pub fn parameter_count(&self) -> usize {
        self.objects.iter().map(|o| o.params.len()).sum()
    }

    /// The model's version from its name.
    pub fn version(&self) -> Option<Version> {
        Version::of_model_name(&self.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_parse_and_order() {
        assert_eq!(
            Version::parse("2.17"),
            Some(Version {
                major: 2,
                minor: 17
            })
        );
        assert_eq!(
            Version::parse("2.17.1"),
            Some(Version {
                major: 2,
                minor: 17
            })
        );
        assert_eq!(Version::parse("1"), Some(Version { major: 1, minor: 0 }));
        assert_eq!(Version::parse("x"), None);
        assert_eq!(Version::parse("1.2.3.4"), None);
        assert_eq!(
            Version::of_model_name("Device:2.3"),
            Some(Version { major: 2, minor: 3 })
        );
        assert!(Version::parse("2.9") < Version::parse("2.10"));
        assert!(Status::Deprecated < Status::Deleted);
    }
}

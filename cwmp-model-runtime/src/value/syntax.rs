//! Syntax descriptors: a parameter's type and facets, as `static` data.
//!
//! Everything here can be built in `const` context and refers only to
//! `'static` data, so generated code declares it with no run-time setup.
//! The checking itself is in the `check` module.

use std::fmt;

use super::{BaseType, Pattern};

/// A `<size minLength maxLength>` facet, bounds inclusive.
///
/// On strings it counts characters; on `base64` and `hexBinary` it counts
/// decoded bytes; on a list (in [`ListFacet::sizes`]) it counts characters
/// of the whole comma-separated text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Size {
    /// `minLength`, if any.
    pub min: Option<u64>,
    /// `maxLength`, if any.
    pub max: Option<u64>,
}

impl Size {
    /// Whether `len` is within the bounds.
    pub fn contains(&self, len: u64) -> bool {
        self.min.is_none_or(|min| len >= min) && self.max.is_none_or(|max| len <= max)
    }
}

impl fmt::Display for Size {
    /// TR-106 notation: `[min:max]`, a missing bound left empty.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[")?;
        if let Some(min) = self.min {
            write!(f, "{min}")?;
        }
        f.write_str(":")?;
        if let Some(max) = self.max {
            write!(f, "{max}")?;
        }
        f.write_str("]")
    }
}

/// A `<range minInclusive maxInclusive step>` facet on a numeric type.
///
/// The bounds stay as written in the XML, since they may be decimals or
/// exceed 64 bits, and are compared by exact decimal value. `step` counts
/// from `min`, or from 0 when there is no `min`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Range {
    /// `minInclusive`, if any.
    pub min: Option<&'static str>,
    /// `maxInclusive`, if any.
    pub max: Option<&'static str>,
    /// `step`, if any.
    pub step: Option<&'static str>,
}

impl fmt::Display for Range {
    /// TR-106 notation: `[min:max]`, a missing bound left empty, and
    /// ` step n` inside the brackets when there is a step.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "[{}:{}",
            self.min.unwrap_or_default(),
            self.max.unwrap_or_default()
        )?;
        if let Some(step) = self.step {
            write!(f, " step {step}")?;
        }
        f.write_str("]")
    }
}

/// The `<list>` facet: the value is a comma-separated list of items.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct ListFacet {
    /// `minItems`, if any.
    pub min_items: Option<u64>,
    /// `maxItems`, if any.
    pub max_items: Option<u64>,
    /// Sizes of the whole list text (any one may match).
    pub sizes: &'static [Size],
    /// Whether items may be bracketed lists themselves (`[1,2],[3]`), so
    /// that commas inside brackets do not separate items: `true` for the
    /// schema's `nestedBrackets="permitted"` or `"required"`, `false` for
    /// `"legacy"` (the default), where inner commas are escaped instead.
    pub nested_brackets: bool,
}

impl ListFacet {
    /// A list with no constraints.
    pub const fn new() -> ListFacet {
        ListFacet {
            min_items: None,
            max_items: None,
            sizes: &[],
            nested_brackets: false,
        }
    }
}

/// One `<enumeration value>` of a parameter.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Enumeration {
    /// The value, as written in the data model.
    pub value: &'static str,
    /// A value the device may report but the ACS may not set
    /// (`access="readOnly"` on the enumeration).
    pub read_only: bool,
}

/// Who is writing a value, which decides whether read-only enumeration
/// values are allowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Writer {
    /// The ACS, e.g. through `SetParameterValues`.
    Acs,
    /// The device itself.
    Device,
}

/// A parameter's syntax: its type and every facet the data model gives it.
///
/// Where a facet kind has several entries (sizes, ranges, enumerations,
/// patterns), a value passes if it satisfies any one of them; a value
/// passes both enumerations and patterns if it satisfies either. An empty
/// slice means no constraint of that kind. With [`Syntax::list`] set, the
/// other facets apply to each item.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Syntax {
    /// The type of the value, or of each item of a list.
    pub base: BaseType,
    /// `Some` when the value is a comma-separated list.
    pub list: Option<ListFacet>,
    /// Allowed lengths (strings, `base64`, `hexBinary`).
    pub sizes: &'static [Size],
    /// Allowed numeric ranges (integer and decimal types).
    pub ranges: &'static [Range],
    /// The allowed values, when the model enumerates them.
    pub enumerations: &'static [Enumeration],
    /// Patterns the value may match, when the model gives any.
    pub patterns: &'static [Pattern],
    /// The unit the value is in (`seconds`, `bytes`…), for display only.
    pub units: Option<&'static str>,
    /// The value always reads back as its type's null value (TR-106
    /// A.2.3.5: the empty string, 0, false…), e.g. for passwords. Not
    /// checked here: the engine applies it on read.
    pub hidden: bool,
    /// Like `hidden`, except where the management protocol lets the
    /// controller read the value. Not checked here.
    pub secured: bool,
    /// Writing the parameter triggers an action; it is not configuration
    /// and always reads back as the null value. Not checked here.
    pub command: bool,
}

impl Syntax {
    /// A syntax of type `base` with no facets, for struct-update syntax in
    /// `const` context: `Syntax { sizes: &[…], ..Syntax::new(base) }`.
    pub const fn new(base: BaseType) -> Syntax {
        Syntax {
            base,
            list: None,
            sizes: &[],
            ranges: &[],
            enumerations: &[],
            patterns: &[],
            units: None,
            hidden: false,
            secured: false,
            command: false,
        }
    }
}

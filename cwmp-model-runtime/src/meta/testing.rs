//! Descriptor builders for the runtime's unit tests, which write small
//! models by hand: the common case of each descriptor, which a test
//! changes with struct update syntax where it needs something else.

use super::{
    ActiveNotify, ObjectAccess, ObjectDesc, ObjectIx, ParamAccess, ParamDesc, ParamIx, Status,
    Version,
};
use crate::value::Syntax;

/// The version every test item has.
pub(crate) const V: Version = Version { major: 1, minor: 0 };

/// A read-write parameter with no default.
pub(crate) const fn param(
    name: &'static str,
    object: ObjectIx,
    syntax: &'static Syntax,
) -> ParamDesc {
    ParamDesc {
        name,
        object,
        access: ParamAccess::ReadWrite,
        active_notify: ActiveNotify::Normal,
        forced_inform: false,
        syntax,
        data_type: None,
        default: None,
        version: V,
        status: Status::Current,
    }
}

/// An object holding the parameters `(first, count)`: a table the ACS may
/// add to and delete from, starting empty, or a single object that always
/// exists.
pub(crate) const fn object(
    path: &'static str,
    name: &'static str,
    parent: Option<ObjectIx>,
    table: bool,
    (first_param, param_count): (ParamIx, u32),
    children: &'static [ObjectIx],
) -> ObjectDesc {
    ObjectDesc {
        path,
        name,
        parent,
        table,
        access: if table {
            ObjectAccess::CreateDelete
        } else {
            ObjectAccess::ReadOnly
        },
        min_entries: if table { 0 } else { 1 },
        max_entries: if table { None } else { Some(1) },
        num_entries: None,
        enable: None,
        unique_keys: &[],
        first_param,
        param_count,
        children,
        version: V,
        status: Status::Current,
    }
}

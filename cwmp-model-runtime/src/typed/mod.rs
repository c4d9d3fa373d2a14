//! Typed snapshots of the tree: what generated structs implement, and the
//! generic code that reads them from, and writes them to, an
//! [`engine::Tree`](crate::engine::Tree).
//!
//! The tree stays the one store of a device's values (it holds attributes,
//! instance counters and change marks as well). A generated struct is a
//! typed copy of one object instance and everything under it:
//! [`Tree::read`](crate::engine::Tree::read) fills one,
//! [`Tree::write`](crate::engine::Tree::write) writes its values back as
//! one atomic, checked batch, and a [`Param`] key reads or writes one value.
//!
//! Generated code per struct is one [`Members`] impl that lists its fields
//! in model order (two array expressions); `Default` (the BBF defaults),
//! `Clone`, `PartialEq`, `Debug` (hidden and secured values redacted) and
//! the tree glue are code here over that list and the static descriptors,
//! each generated impl a one-line call ([`with_defaults`], [`clone_record`],
//! [`eq_records`], [`fmt_record`]). A generated enum is a [`Scalar`] through
//! [`Enumerated`]. What rustc spends on a model as large as TR-181 is then
//! mostly a fixed cost per item, which the generated code keeps to the
//! items its API needs (see BENCHMARKS.md, compile cost).

mod field;
mod table;

use std::fmt;
use std::marker::PhantomData;

use crate::meta::{ModelDesc, ObjectIx, ParamIx};
use crate::value::Value;

pub use field::{Enumerated, Field, Scalar};
pub use table::Table;

/// One member of a generated struct, in model order: its parameters first,
/// then its child objects.
#[derive(Clone, Copy)]
pub enum Member<'a> {
    /// A parameter.
    Param(&'a dyn Field),
    /// A single object that always exists.
    Object(&'a dyn Members),
    /// A single object with `minEntries` 0.
    Optional(&'a dyn DynOptional),
    /// A multi-instance object.
    Table(&'a dyn DynTable),
}

/// One member of a generated struct, mutably; see [`Member`].
pub enum MemberMut<'a> {
    /// A parameter.
    Param(&'a mut dyn Field),
    /// A single object that always exists.
    Object(&'a mut dyn Members),
    /// A single object with `minEntries` 0.
    Optional(&'a mut dyn DynOptional),
    /// A multi-instance object.
    Table(&'a mut dyn DynTable),
}

/// The members of a generated struct, in model order: the parameters of
/// its object as [`ModelDesc::params_of`] lists them, then its child objects
/// as [`ObjectDesc::children`](crate::meta::ObjectDesc::children) does.
///
/// Each method hands every member to its visitor at once, so that generated
/// code is two array expressions per struct: that, and a visitor that is a
/// plain struct rather than a closure type in the signature, is what keeps
/// rustc's work per struct small.
pub trait Members {
    /// Passes the members to `visitor`, in one call of [`Visitor::visit`].
    fn members<'a>(&'a self, visitor: &mut Visitor<'_, 'a>);

    /// Passes the members to `visitor`, mutably, in one call of
    /// [`VisitorMut::visit`].
    fn members_mut(&mut self, visitor: &mut VisitorMut<'_>);
}

/// What [`Members::members`] passes a struct's members to.
pub struct Visitor<'f, 'a> {
    f: &'f mut dyn FnMut(Member<'a>),
}

impl<'f, 'a> Visitor<'f, 'a> {
    /// A visitor that calls `f` with each member.
    pub fn new(f: &'f mut dyn FnMut(Member<'a>)) -> Self {
        Visitor { f }
    }

    /// Takes the members of a struct: its parameters, then its child
    /// objects (never [`Member::Param`]), each in model order.
    #[inline]
    pub fn visit(&mut self, params: &[&'a dyn Field], objects: &[Member<'a>]) {
        for &p in params {
            (self.f)(Member::Param(p));
        }
        for &o in objects {
            (self.f)(o);
        }
    }
}

/// What [`Members::members_mut`] passes a struct's members to.
pub struct VisitorMut<'f> {
    f: &'f mut dyn FnMut(MemberMut<'_>),
}

impl<'f> VisitorMut<'f> {
    /// A visitor that calls `f` with each member.
    pub fn new(f: &'f mut dyn FnMut(MemberMut<'_>)) -> Self {
        VisitorMut { f }
    }

    /// Takes the members of a struct, mutably: its parameters, then its
    /// child objects (never [`MemberMut::Param`]), each in model order.
    #[inline]
    pub fn visit(&mut self, params: &mut [&mut dyn Field], objects: &mut [MemberMut<'_>]) {
        for p in params {
            (self.f)(MemberMut::Param(&mut **p));
        }
        for o in objects {
            (self.f)(o.reborrow());
        }
    }
}

/// A generated struct: a typed snapshot of one instance of an object.
pub trait Record: Members + Default + Clone + 'static {
    /// The model it belongs to.
    const MODEL: &'static ModelDesc;
    /// Its object in [`Self::MODEL`].
    const OBJECT: ObjectIx;
}

/// A single object with `minEntries` 0 (`Option<T>` of a [`Record`]).
pub trait DynOptional {
    /// The object, if present.
    fn get(&self) -> Option<&dyn Members>;
    /// The object, if present, mutably.
    fn get_mut(&mut self) -> Option<&mut dyn Members>;
    /// Makes it present with its defaults, and returns it.
    fn set_default(&mut self) -> &mut dyn Members;
    /// Makes it absent.
    fn clear(&mut self);
}

/// A multi-instance object ([`Table`] of a [`Record`]).
pub trait DynTable {
    /// Calls `f` with each instance number and instance, in order.
    fn rows<'a>(&'a self, f: &mut dyn FnMut(u32, &'a dyn Members));
    /// Removes every instance.
    fn clear(&mut self);
    /// Puts an instance with its defaults at `number`, and returns it.
    fn push_default(&mut self, number: u32) -> &mut dyn Members;
}

/// A typed key to one parameter of a model: a generated associated
/// constant such as `DeviceInfo::SOFTWARE_VERSION`, for
/// [`Tree::get_param`](crate::engine::Tree::get_param) and
/// [`Tree::set_param`](crate::engine::Tree::set_param).
pub struct Param<T> {
    /// The model.
    pub model: &'static ModelDesc,
    /// The parameter's index in it.
    pub index: ParamIx,
    marker: PhantomData<fn() -> T>,
}

impl<T> Param<T> {
    /// The key of parameter `index` of `model`.
    pub const fn new(model: &'static ModelDesc, index: ParamIx) -> Self {
        Param {
            model,
            index,
            marker: PhantomData,
        }
    }
}

impl<T> Clone for Param<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Param<T> {}

impl<T> fmt::Debug for Param<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.model.params.get(self.index as usize) {
            Some(p) => {
                let object = self.model.objects.get(p.object as usize);
                let path = object.map_or("", |o| o.path);
                write!(f, "Param({}{})", path, p.name)
            }
            None => write!(f, "Param(#{})", self.index),
        }
    }
}

/// `Debug` of a generated struct: its BBF parameter names and values,
/// hidden and secured values shown as `<redacted>`, then its objects.
///
/// Not generic, so that a model of a thousand structs costs rustc one copy.
pub fn debug_record(
    record: &dyn Members,
    model: &'static ModelDesc,
    object: ObjectIx,
    name: &str,
    f: &mut fmt::Formatter<'_>,
) -> fmt::Result {
    struct Redacted;
    impl fmt::Debug for Redacted {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("<redacted>")
        }
    }
    struct Optional<'a>(&'a dyn DynOptional);
    impl fmt::Debug for Optional<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            match self.0.get() {
                Some(_) => f.write_str("Some(..)"),
                None => f.write_str("None"),
            }
        }
    }
    struct Rows<'a>(&'a dyn DynTable);
    impl fmt::Debug for Rows<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            let mut numbers = Vec::new();
            self.0.rows(&mut |n, _| numbers.push(n));
            write!(f, "Table{numbers:?}")
        }
    }
    let params = model.params_of(object);
    let object = model.object(object);
    let mut out = f.debug_struct(name);
    let (mut p, mut c) = (0usize, 0usize);
    for_each(record, |m| match m {
        Member::Param(field) => {
            if let Some(desc) = params.get(p) {
                if desc.syntax.hidden || desc.syntax.secured {
                    out.field(desc.name, &Redacted);
                } else {
                    out.field(desc.name, field.debug());
                }
            }
            p += 1;
        }
        child => {
            let name = object
                .children
                .get(c)
                .map_or("?", |&ix| model.object(ix).name);
            match child {
                Member::Object(_) => out.field(name, &format_args!("{{..}}")),
                Member::Optional(o) => out.field(name, &Optional(o)),
                Member::Table(t) => out.field(name, &Rows(t)),
                Member::Param(_) => &mut out,
            };
            c += 1;
        }
    });
    out.finish()
}

/// Gives a freshly built struct the model's defaults, as a new tree has
/// them: each parameter's object or factory default, `minEntries`
/// instances in each table, and NumberOfEntries parameters that count
/// them. Generated `Default` impls build the struct from its fields'
/// `Default` (child structs apply their own defaults) and then call this.
///
/// Not generic, so that a model of a thousand structs costs rustc one copy.
pub fn apply_defaults(record: &mut dyn Members, model: &'static ModelDesc, object: ObjectIx) {
    let params = model.params_of(object);
    let object = model.object(object);
    let mut counts: Vec<(ParamIx, u32)> = Vec::new();
    let mut c = 0usize;
    for_each_mut(record, |m| match m {
        MemberMut::Param(_) => {}
        MemberMut::Table(t) => {
            if let Some(desc) = object.children.get(c).map(|&ix| model.object(ix)) {
                let rows = desc
                    .min_entries
                    .min(desc.max_entries.unwrap_or(u32::MAX))
                    .min(MAX_DEFAULT_ROWS);
                for n in 1..=rows {
                    t.push_default(n);
                }
                if let Some(p) = desc.num_entries {
                    counts.push((p, rows));
                }
            }
            c += 1;
        }
        MemberMut::Object(_) | MemberMut::Optional(_) => c += 1,
    });
    // Second pass: parameters, now that the tables' sizes are known.
    let mut p = 0usize;
    for_each_mut(record, |m| {
        let MemberMut::Param(field) = m else { return };
        if let Some(desc) = params.get(p) {
            let index = object.first_param + p as u32;
            if let Some(&(_, n)) = counts.iter().find(|(ix, _)| *ix == index) {
                let _ = field.load(Value::UnsignedInt(n));
            } else if let Some((_, text)) = desc.default {
                let value = if desc.syntax.list.is_some() {
                    Ok(Value::String(text.to_owned()))
                } else {
                    Value::parse(desc.syntax.base, text)
                };
                // The compiler refuses defaults that do not parse; a
                // hand-built model that has one keeps the type's null value,
                // as the engine does.
                if let Ok(value) = value {
                    let _ = field.load(value);
                }
            }
        }
        p += 1;
    });
}

/// `PartialEq` of generated structs: the same values, the same optional
/// objects present, the same instance numbers. Not generic, like
/// [`apply_defaults`], to keep generated code small.
pub fn members_eq(a: &dyn Members, b: &dyn Members) -> bool {
    let (left, right) = (collect(a), collect(b));
    left.len() == right.len()
        && left.iter().zip(&right).all(|(l, r)| match (l, r) {
            (Member::Param(l), Member::Param(r)) => l.store() == r.store(),
            (Member::Object(l), Member::Object(r)) => members_eq(*l, *r),
            (Member::Optional(l), Member::Optional(r)) => match (l.get(), r.get()) {
                (Some(l), Some(r)) => members_eq(l, r),
                (None, None) => true,
                _ => false,
            },
            (Member::Table(l), Member::Table(r)) => {
                let (l, r) = (rows(*l), rows(*r));
                l.len() == r.len()
                    && l.iter()
                        .zip(&r)
                        .all(|((ln, l), (rn, r))| ln == rn && members_eq(*l, *r))
            }
            _ => false,
        })
}

/// `Clone` of generated structs: copies every value, optional object and
/// instance of `from` into `to`, a struct of the same type.
pub fn copy_members(from: &dyn Members, to: &mut dyn Members) {
    let source = collect(from);
    let mut dest = source.iter();
    for_each_mut(to, |m| {
        if let Some(src) = dest.next() {
            copy_member(src, m);
        }
    });
}

fn copy_member(src: &Member<'_>, dest: MemberMut<'_>) {
    match (*src, dest) {
        (Member::Param(s), MemberMut::Param(d)) => {
            // Both sides have the same type, so the load cannot fail.
            let _ = d.load(s.store());
        }
        (Member::Object(s), MemberMut::Object(d)) => copy_members(s, d),
        (Member::Optional(s), MemberMut::Optional(d)) => match s.get() {
            Some(s) => copy_members(s, d.set_default()),
            None => d.clear(),
        },
        (Member::Table(s), MemberMut::Table(d)) => {
            d.clear();
            for (n, row) in rows(s) {
                copy_members(row, d.push_default(n));
            }
        }
        _ => {}
    }
}

/// Calls `f` with each member of `record`, in order.
pub(crate) fn for_each<'a>(record: &'a dyn Members, mut f: impl FnMut(Member<'a>)) {
    record.members(&mut Visitor::new(&mut f));
}

/// Calls `f` with each member of `record`, mutably, in order.
pub(crate) fn for_each_mut(record: &mut dyn Members, mut f: impl FnMut(MemberMut<'_>)) {
    record.members_mut(&mut VisitorMut::new(&mut f));
}

impl MemberMut<'_> {
    /// The same member, borrowed for a shorter time.
    pub fn reborrow(&mut self) -> MemberMut<'_> {
        match self {
            MemberMut::Param(x) => MemberMut::Param(&mut **x),
            MemberMut::Object(x) => MemberMut::Object(&mut **x),
            MemberMut::Optional(x) => MemberMut::Optional(&mut **x),
            MemberMut::Table(x) => MemberMut::Table(&mut **x),
        }
    }
}

fn collect(record: &dyn Members) -> Vec<Member<'_>> {
    let mut out = Vec::new();
    record.members(&mut Visitor::new(&mut |m| out.push(m)));
    out
}

fn rows(table: &dyn DynTable) -> Vec<(u32, &dyn Members)> {
    let mut out = Vec::new();
    table.rows(&mut |n, r| out.push((n, r)));
    out
}

/// The most instances a default table gets, as in the engine.
const MAX_DEFAULT_ROWS: u32 = 64;

/// `Default` of a generated struct: `empty` (every field its type's empty
/// value) with the model's defaults, through [`apply_defaults`].
#[inline]
pub fn with_defaults<T: Record>(mut empty: T) -> T {
    apply_defaults(&mut empty, T::MODEL, T::OBJECT);
    empty
}

/// `Clone` of a generated struct, through [`copy_members`].
#[inline]
pub fn clone_record<T: Record>(record: &T) -> T {
    let mut copy = T::default();
    copy_members(record, &mut copy);
    copy
}

/// `PartialEq` of generated structs, through [`members_eq`].
#[inline]
pub fn eq_records<T: Record>(a: &T, b: &T) -> bool {
    members_eq(a, b)
}

/// `Debug` of a generated struct named `name`, through [`debug_record`].
#[inline]
pub fn fmt_record<T: Record>(record: &T, name: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    debug_record(record, T::MODEL, T::OBJECT, name, f)
}

//! Finding the parameter a full path names, fast: one pass over the path's
//! segments, descending the tree as it goes, with no path parsed into a
//! vector and no string built; each segment is found among its object's
//! children or parameters by a short scan or one probe of the tree's name
//! index (`names.rs`). Reads and writes of single parameters (the
//! bulk of GetParameterValues and SetParameterValues) go through here; any
//! path it does not find is resolved again by [`ModelDesc::resolve`] for
//! the precise fault.
//!
//! [`ModelDesc::resolve`]: crate::meta::ModelDesc::resolve

use crate::meta::{ObjectIx, ParamDesc, ParamIx, Target};
use crate::path::MAX_PATH_LEN;

use super::names::Named;
use super::node::{find_row, params_of, Child, Node};
use super::{Fault, Tree};

/// A parameter found by path.
pub(crate) struct Found<'a> {
    pub param: ParamIx,
    pub desc: &'static ParamDesc,
    /// The node holding the value, and the value's position in it.
    pub node: &'a Node,
    pub pos: u32,
    /// The instance numbers on the path, outermost first, if asked for.
    pub instances: Vec<u32>,
}

impl Tree {
    /// The parameter of an existing instance that a full path names, or
    /// fault 9005 saying why there is none. [`Found::instances`] is filled
    /// only if `with_instances`, sparing an allocation to plain reads.
    pub(crate) fn param_by_path(
        &self,
        path: &str,
        with_instances: bool,
    ) -> Result<Found<'_>, Fault> {
        if let Some(found) = self.find_param(path, with_instances) {
            return Ok(found);
        }
        match self.resolve(path)? {
            Target::Param { .. } => Err(Fault::unknown(path)),
            Target::Object { .. } => Err(Fault::name(format!(
                "`{path}` is an object, not a parameter"
            ))),
        }
    }

    /// The parameter a full path names, if the path is well formed and
    /// everything on it exists.
    pub(crate) fn find_param(&self, path: &str, with_instances: bool) -> Option<Found<'_>> {
        if path.len() > MAX_PATH_LEN {
            return None;
        }
        let mut segments = Segments { rest: Some(path) };
        let root = self.model.objects.first()?;
        // The top of a service model has no name of its own.
        if !root.path.is_empty() && !same(segments.next()?, root.name) {
            return None;
        }
        let mut object: ObjectIx = 0;
        let mut node = &self.root;
        let mut instances = Vec::new();
        let mut name = segments.next()?;
        loop {
            let desc = self.object(object)?;
            let Some(next) = segments.next() else {
                let param = self.param_named(object, name)?;
                let pos = param.checked_sub(desc.first_param)?;
                return Some(Found {
                    param,
                    desc: self.param(param)?,
                    node,
                    pos,
                    instances,
                });
            };
            let (i, child) = self.child_named(object, name)?;
            object = child;
            name = match node.children().get(i)? {
                Child::Single(Some(sub)) => {
                    node = sub;
                    next
                }
                Child::Table(rows) => {
                    let number = instance_number(next)?;
                    node = find_row(rows, number)?;
                    if with_instances {
                        instances.push(number);
                    }
                    segments.next()?
                }
                Child::Single(None) => return None,
            };
        }
    }

    /// The child object of `object` called `name`, and its position among
    /// the children. A few children are found faster by a scan than by a
    /// probe of the name index.
    #[inline]
    fn child_named(&self, object: ObjectIx, name: &str) -> Option<(usize, ObjectIx)> {
        let children = self.object(object)?.children;
        if children.len() <= SCAN {
            return children
                .iter()
                .enumerate()
                .find_map(|(i, &c)| same(self.object(c)?.name, name).then_some((i, c)));
        }
        match self.layout.names.find(self.model, object, name)? {
            Named::Object(child) => Some((self.layout.pos(child)?, child)),
            Named::Param(_) => None,
        }
    }

    /// The parameter of `object` called `name`.
    #[inline]
    fn param_named(&self, object: ObjectIx, name: &str) -> Option<ParamIx> {
        let params = params_of(self.model, object);
        if params.len() <= SCAN {
            let i = params.iter().position(|p| same(p.name, name))?;
            return self
                .object(object)?
                .first_param
                .checked_add(u32::try_from(i).ok()?);
        }
        match self.layout.names.find(self.model, object, name)? {
            Named::Param(param) => Some(param),
            Named::Object(_) => None,
        }
    }
}

/// Up to this many children or parameters, a scan beats a probe of the
/// name index (measured on TR-181: BENCHMARKS.md).
const SCAN: usize = 8;

/// The `.`-separated segments of a path, as `str::split('.')` gives them,
/// by a plain byte scan.
struct Segments<'p> {
    rest: Option<&'p str>,
}

impl<'p> Segments<'p> {
    #[inline]
    fn next(&mut self) -> Option<&'p str> {
        let rest = self.rest?;
        match rest.bytes().position(|b| b == b'.') {
            Some(i) => {
                self.rest = rest.get(i + 1..);
                rest.get(..i)
            }
            None => {
                self.rest = None;
                Some(rest)
            }
        }
    }
}

/// Whether two names are equal, deciding on length and first byte before
/// comparing the rest.
#[inline]
fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.first() == b.first() && a == b
}

/// An instance number as CWMP writes it: digits, no leading zero, not 0.
fn instance_number(segment: &str) -> Option<u32> {
    let bytes = segment.as_bytes();
    if bytes.first().is_none_or(|&b| b == b'0') {
        return None;
    }
    bytes.iter().try_fold(0u32, |n, &b| {
        if b.is_ascii_digit() {
            n.checked_mul(10)?.checked_add(u32::from(b - b'0'))
        } else {
            None
        }
    })
}

//! Finding the parameter a full path names, fast: one pass over the path's
//! segments, descending the tree as it goes, with no path parsed into a
//! vector and no string built. Reads and writes of single parameters (the
//! bulk of GetParameterValues and SetParameterValues) go through here; any
//! path it does not find is resolved again by [`ModelDesc::resolve`] for
//! the precise fault.
//!
//! [`ModelDesc::resolve`]: crate::meta::ModelDesc::resolve

use crate::meta::{ObjectIx, ParamDesc, ParamIx, Target};
use crate::path::MAX_PATH_LEN;

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
    fn find_param(&self, path: &str, with_instances: bool) -> Option<Found<'_>> {
        if path.len() > MAX_PATH_LEN {
            return None;
        }
        let mut segments = path.split('.');
        let root = self.model.objects.first()?;
        // The top of a service model has no name of its own.
        if !root.path.is_empty() && segments.next()? != root.name {
            return None;
        }
        let mut object: ObjectIx = 0;
        let mut node = &self.root;
        let mut instances = Vec::new();
        let mut name = segments.next()?;
        loop {
            let Some(next) = segments.next() else {
                return self.param_in(object, node, name, instances);
            };
            let desc = self.object(object)?;
            let (i, child) = desc
                .children
                .iter()
                .enumerate()
                .find(|(_, &c)| self.object(c).is_some_and(|d| d.name == name))?;
            object = *child;
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

    fn param_in<'a>(
        &self,
        object: ObjectIx,
        node: &'a Node,
        name: &str,
        instances: Vec<u32>,
    ) -> Option<Found<'a>> {
        let params = params_of(self.model, object);
        let i = params.iter().position(|p| p.name == name)?;
        let pos = u32::try_from(i).ok()?;
        Some(Found {
            param: self.object(object)?.first_param.checked_add(pos)?,
            desc: params.get(i)?,
            node,
            pos,
            instances,
        })
    }
}

/// An instance number as CWMP writes it: digits, no leading zero, not 0.
fn instance_number(segment: &str) -> Option<u32> {
    let first = *segment.as_bytes().first()?;
    if first == b'0' || !segment.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    segment.parse().ok()
}

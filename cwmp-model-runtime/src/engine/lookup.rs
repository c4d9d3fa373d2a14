//! Finding the parameter a full path names, fast: the path's object
//! instance part (`Device.WiFi.AccessPoint.3.Security.`) is found in one
//! probe of the tree's path index (`paths.rs`), and its last segment among
//! the object's parameters by a short scan or one probe of the name index
//! (`names.rs`). Nothing is parsed into a vector and no string is built.
//! Reads and writes of single parameters (the bulk of GetParameterValues
//! and SetParameterValues) go through here; any path it does not find is
//! resolved again by [`ModelDesc::resolve`] for the precise fault.
//!
//! [`ModelDesc::resolve`]: crate::meta::ModelDesc::resolve

use crate::meta::{ParamDesc, ParamIx, Target};
use crate::path::MAX_PATH_LEN;

use super::names::load;
use super::node::{Node, NodeId};
use super::{Fault, Tree};

/// A parameter found by path.
pub(crate) struct Found<'a> {
    pub param: ParamIx,
    pub desc: &'static ParamDesc,
    /// The node holding the value (and its id), and the value's position
    /// in it.
    pub node: &'a Node,
    pub id: NodeId,
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
        match self.find_param(path, with_instances) {
            Some(found) => Ok(found),
            None => Err(self.not_found(path)),
        }
    }

    /// Why `find_param` found nothing at `path`: out of line, so that the
    /// lookup that succeeds carries none of it.
    #[cold]
    #[inline(never)]
    pub(crate) fn not_found(&self, path: &str) -> Fault {
        match self.resolve(path) {
            Err(fault) => fault,
            Ok(Target::Param { .. }) => Fault::unknown(path),
            Ok(Target::Object { .. }) => {
                Fault::name(format!("`{path}` is an object, not a parameter"))
            }
        }
    }

    /// The parameter a full path names, if the path is well formed and
    /// everything on it exists.
    #[inline]
    pub(crate) fn find_param(&self, path: &str, with_instances: bool) -> Option<Found<'_>> {
        if path.len() > MAX_PATH_LEN {
            return None;
        }
        // The top of a service model has no name, so its parameters have
        // no `.`: their object's path is empty.
        let bytes = path.as_bytes();
        let (object_path, name) = match last_dot(bytes) {
            Some(i) => bytes.split_at_checked(i + 1)?,
            None => (&[][..], bytes),
        };
        let id = self
            .nodes
            .find(self.model, &self.layout.templates, object_path)?;
        let node = self.nodes.get(id)?;
        let object = self.object(node.object)?;
        let pos = self
            .layout
            .names
            .position(self.model, object, node.object, name)?;
        let param = object.first_param + pos;
        Some(Found {
            param,
            desc: self.param(param)?,
            node,
            id,
            pos,
            instances: if with_instances {
                self.nodes.instances(id)
            } else {
                Vec::new()
            },
        })
    }
}

impl Tree {
    /// A stamp of the tree's shape: while it holds, the instances found
    /// earlier (by [`Found::id`]) are still the same.
    pub(crate) fn shape(&self) -> u64 {
        self.nodes.shape()
    }
}

/// The position of the last `.` in `path`, looking at eight bytes at a
/// time from the end: a parameter name is a word or two, and this is
/// where `rfind` spent its time calling `memrchr` (perf, BENCHMARKS.md).
#[inline]
fn last_dot(path: &[u8]) -> Option<usize> {
    const DOTS: u64 = u64::from_ne_bytes([b'.'; 8]);
    const LOW: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    let mut end = path.len();
    while end >= 8 {
        let word = path.get(end - 8..end).map_or(0, load);
        // A zero byte of `x` marks a `.`; the highest marks the last one.
        let x = word ^ DOTS;
        let found = x.wrapping_sub(LOW) & !x & HIGH;
        if found != 0 {
            // Little-endian: the last byte in memory is the most
            // significant; a borrow can only mark bytes above a true zero,
            // so check the candidate.
            for i in (end - 8..end).rev() {
                if path.get(i) == Some(&b'.') {
                    return Some(i);
                }
            }
        }
        end -= 8;
    }
    path.get(..end)?.iter().rposition(|&b| b == b'.')
}

#[cfg(test)]
mod tests {
    #[test]
    fn last_dot_finds_what_rfind_finds() {
        let mut cases = vec![String::new(), ".".into(), "a.b".into(), "..".into()];
        for len in 0..40 {
            for dot in 0..len {
                let mut s = "x".repeat(len);
                s.replace_range(dot..=dot, ".");
                cases.push(s.clone());
                s.push_str(".é");
                cases.push(s);
            }
            cases.push("y".repeat(len));
        }
        cases.push("Device.WiFi.AccessPoint.3.Security.ModeEnabled".into());
        for case in &cases {
            assert_eq!(
                super::last_dot(case.as_bytes()),
                case.rfind('.'),
                "{case:?}"
            );
        }
    }
}

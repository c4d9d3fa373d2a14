//! Walking the tree in model order: GetParameterNames ([`Tree::walk`]),
//! GetParameterValues ([`Tree::values`]), and the visitor that they, the
//! attribute calls and persistence share.
//!
//! Model order is the order of the data model: an object, then its
//! parameters, then its child objects in turn; a table, then its instances
//! by increasing instance number, each followed by its content.

use crate::meta::{ObjectAccess, ObjectIx, ParamAccess, ParamDesc, ParamIx, Target};
use crate::soap::codes;

use super::node::{params_of, Child, Node, NodeId, Row, ROOT};
use super::slot::Slot;
use super::{Fault, Tree};

/// What [`Tree::walk`] lists: an object or a parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ItemKind {
    /// An object (single object, table, or table instance); its path ends in `.`.
    Object(ObjectIx),
    /// A parameter.
    Param(ParamIx),
}

/// One name of a GetParameterNames answer.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Item {
    /// The path, with instance numbers; objects end in `.`.
    pub path: String,
    /// GetParameterNames' `Writable`: for a parameter, whether the ACS may
    /// set it (read-write, or write-once and not yet written); for a table,
    /// whether the ACS may add instances; for an instance, whether it may
    /// delete it; false for a single object.
    pub writable: bool,
    /// What the path names.
    pub kind: ItemKind,
}

/// One parameter and its value.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ParamValue {
    /// The full path, with instance numbers.
    pub path: String,
    /// The parameter, for its syntax and `xsi:type`.
    pub param: ParamIx,
    /// The value.
    pub value: crate::value::Value,
}

/// What kind of object a visit reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ObjectKind {
    /// A single object.
    Single,
    /// A table itself (`Device.Host.`).
    Table,
    /// An instance of a table (`Device.Host.3.`).
    Instance,
}

/// One step of a visit.
pub(crate) enum Visit<'a> {
    /// An object, table or instance.
    Object {
        path: &'a str,
        object: ObjectIx,
        kind: ObjectKind,
    },
    /// A parameter of `node` (whose id is `id`), at `pos`.
    Param {
        path: &'a str,
        param: ParamIx,
        desc: &'static ParamDesc,
        node: &'a Node,
        id: NodeId,
        pos: u32,
        instances: &'a [u32],
    },
}

/// The state of a visit: the path and instance numbers so far.
struct Cursor<'f> {
    path: String,
    instances: Vec<u32>,
    f: &'f mut dyn FnMut(Visit<'_>),
}

impl Tree {
    /// GetParameterNames: the names under `path` in model order.
    ///
    /// - `""`: the whole tree, or with `next_level` only the root object
    ///   (`Device.`).
    /// - A partial path (`Device.Host.`, `Device.Host.3.`): that object and
    ///   everything below it, or with `next_level` only its direct children
    ///   (parameters, child objects and tables; the instances of a table).
    /// - A full parameter path: that parameter; with `next_level`, fault 9003.
    ///
    /// Optional single objects that do not exist are not listed. Fault
    /// 9005 when the path names nothing in the tree.
    pub fn walk(&self, path: &str, next_level: bool) -> Result<Vec<Item>, Fault> {
        let mut items = Vec::new();
        self.visit(path, next_level, &mut |v| items.push(self.item(v)))?;
        Ok(items)
    }

    /// GetParameterValues: every parameter under `path` (a partial path, or
    /// `""` for the whole tree) in model order, or the one parameter a full
    /// path names. Values are what the ACS may read: hidden, secured and
    /// command parameters read as their type's null value (the empty
    /// string for strings). Fault 9005 when the path names nothing.
    pub fn values(&self, path: &str) -> Result<Vec<ParamValue>, Fault> {
        let mut out = Vec::new();
        self.push_values(path, &mut out)?;
        Ok(out)
    }

    /// [`Tree::values`] appended to `out`.
    fn push_values(&self, path: &str, out: &mut Vec<ParamValue>) -> Result<(), Fault> {
        self.for_each_value(path, &mut |path, param, value| {
            out.push(ParamValue {
                path: path.to_owned(),
                param,
                value,
            });
        })
    }

    /// [`Tree::values`] without collecting: calls `f` with each path
    /// (borrowed, valid during the call), parameter and value, so that a
    /// response can be written as the tree is walked.
    pub fn for_each_value(
        &self,
        path: &str,
        f: &mut dyn FnMut(&str, ParamIx, crate::value::Value),
    ) -> Result<(), Fault> {
        self.visit(path, false, &mut |v| {
            if let Visit::Param {
                path,
                param,
                desc,
                node,
                pos,
                ..
            } = v
            {
                f(path, param, self.acs_value(param, desc, node, pos));
            }
        })
    }

    /// GetParameterValues of several names (full or partial paths):
    /// [`Tree::values`] of each, concatenated in request order. The first
    /// name that names nothing fails the whole call with its fault 9005,
    /// which names it.
    pub fn get_many<S: AsRef<str>>(&self, names: &[S]) -> Result<Vec<ParamValue>, Fault> {
        let mut out = Vec::with_capacity(names.len());
        for name in names {
            let name = name.as_ref();
            // A full parameter name, the usual case, is one lookup.
            let found = (!name.ends_with('.'))
                .then(|| self.find_param(name, false))
                .flatten();
            match found {
                Some(f) => out.push(ParamValue {
                    path: name.to_owned(),
                    param: f.param,
                    value: self.acs_value(f.param, f.desc, f.node, f.pos),
                }),
                None => self.push_values(name, &mut out)?,
            }
        }
        Ok(out)
    }

    /// The parameters a name names (itself if it is a full name, those
    /// under it in walk order if it is a partial path), each with where
    /// its value lies: what GetParameterValues reads.
    pub(crate) fn locate_params(
        &self,
        path: &str,
        mut f: impl FnMut(&str, ParamIx, NodeId, u32),
    ) -> Result<(), Fault> {
        self.visit(path, false, &mut |v| {
            if let Visit::Param {
                path,
                param,
                id,
                pos,
                ..
            } = v
            {
                f(path, param, id, pos);
            }
        })
    }

    fn item(&self, visit: Visit<'_>) -> Item {
        match visit {
            Visit::Object { path, object, kind } => {
                let access = self
                    .object(object)
                    .map_or(ObjectAccess::ReadOnly, |d| d.access);
                Item {
                    path: path.to_owned(),
                    writable: match kind {
                        ObjectKind::Single => false,
                        ObjectKind::Table => access.can_add(),
                        ObjectKind::Instance => access.can_delete(),
                    },
                    kind: ItemKind::Object(object),
                }
            }
            Visit::Param {
                path,
                param,
                desc,
                node,
                pos,
                ..
            } => Item {
                path: path.to_owned(),
                writable: acs_writable(desc, node, pos),
                kind: ItemKind::Param(param),
            },
        }
    }

    /// Calls `f` for everything under `path`, in model order, as
    /// [`Tree::walk`] describes.
    pub(crate) fn visit(
        &self,
        path: &str,
        next_level: bool,
        f: &mut dyn FnMut(Visit<'_>),
    ) -> Result<(), Fault> {
        let mut cursor = Cursor {
            path: String::with_capacity(128),
            instances: Vec::new(),
            f,
        };
        if path.is_empty() {
            let Some(root) = self.model.objects.first() else {
                return Ok(());
            };
            cursor.path.push_str(root.path);
            // The top of a service model has no name of its own to list.
            if !root.path.is_empty() {
                cursor.object(0, ObjectKind::Single);
                if next_level {
                    return Ok(());
                }
            }
            if let Some(root) = self.nodes.root() {
                self.visit_content(0, ROOT, root, !next_level, &mut cursor);
            }
            return Ok(());
        }
        if !path.ends_with('.') {
            let found = self.param_by_path(path, true)?;
            if next_level {
                return Err(Fault::new(
                    codes::INVALID_ARGUMENTS,
                    format!("NextLevel is true for the parameter `{path}`"),
                ));
            }
            (cursor.f)(Visit::Param {
                path,
                param: found.param,
                desc: found.desc,
                node: found.node,
                id: found.id,
                pos: found.pos,
                instances: &found.instances,
            });
            return Ok(());
        }
        match self.resolve(path)? {
            Target::Param { .. } => return Err(Fault::unknown(path)),
            Target::Object {
                object,
                instances,
                table_itself: true,
            } => {
                let Some(Child::Table(rows)) =
                    self.layout
                        .child(self.model, &self.nodes, object, &instances)
                else {
                    return Err(Fault::unknown(path));
                };
                cursor.path.push_str(path);
                cursor.instances = instances;
                if !next_level {
                    cursor.object(object, ObjectKind::Table);
                }
                for row in rows {
                    self.visit_row(object, row, !next_level, &mut cursor);
                }
            }
            Target::Object {
                object, instances, ..
            } => {
                let id = self
                    .layout
                    .locate(self.model, &self.nodes, object, &instances)
                    .ok_or_else(|| Fault::unknown(path))?;
                let node = self.nodes.get(id).ok_or_else(|| Fault::unknown(path))?;
                let is_instance = self.object(object).is_some_and(|d| d.table);
                cursor.path.push_str(path);
                cursor.instances = instances;
                if !next_level {
                    let kind = if is_instance {
                        ObjectKind::Instance
                    } else {
                        ObjectKind::Single
                    };
                    cursor.object(object, kind);
                }
                self.visit_content(object, id, node, !next_level, &mut cursor);
            }
        }
        Ok(())
    }

    /// The parameters and child objects of `node`, the cursor's path being
    /// the node's path; into the children too if `deep`.
    fn visit_content(
        &self,
        object: ObjectIx,
        id: NodeId,
        node: &Node,
        deep: bool,
        cursor: &mut Cursor<'_>,
    ) {
        let len = cursor.path.len();
        let first = self.object(object).map_or(0, |d| d.first_param);
        for ((desc, _), pos) in params_of(self.model, object)
            .iter()
            .zip(node.values.iter())
            .zip(0u32..)
        {
            cursor.path.push_str(desc.name);
            (cursor.f)(Visit::Param {
                path: &cursor.path,
                param: first.saturating_add(pos),
                desc,
                node,
                id,
                pos,
                instances: &cursor.instances,
            });
            cursor.path.truncate(len);
        }
        let children = self.object(object).map_or(&[][..], |d| d.children);
        for (child, &c) in node.children().iter().zip(children) {
            let Some(desc) = self.object(c) else {
                continue;
            };
            cursor.path.push_str(desc.name);
            cursor.path.push('.');
            match child {
                Child::Single(Some(sub)) => {
                    cursor.object(c, ObjectKind::Single);
                    if let (true, Some(node)) = (deep, self.nodes.get(*sub)) {
                        self.visit_content(c, *sub, node, true, cursor);
                    }
                }
                Child::Single(None) => {}
                Child::Table(rows) => {
                    cursor.object(c, ObjectKind::Table);
                    if deep {
                        for row in rows {
                            self.visit_row(c, row, true, cursor);
                        }
                    }
                }
            }
            cursor.path.truncate(len);
        }
    }

    /// One instance of a table, the cursor's path being the table's path.
    fn visit_row(&self, object: ObjectIx, row: &Row, deep: bool, cursor: &mut Cursor<'_>) {
        let len = cursor.path.len();
        cursor.path.push_str(itoa(u64::from(row.number)).as_str());
        cursor.path.push('.');
        cursor.instances.push(row.number);
        cursor.object(object, ObjectKind::Instance);
        if let (true, Some(node)) = (deep, self.nodes.get(row.node)) {
            self.visit_content(object, row.node, node, true, cursor);
        }
        cursor.instances.pop();
        cursor.path.truncate(len);
    }
}

impl Cursor<'_> {
    fn object(&mut self, object: ObjectIx, kind: ObjectKind) {
        (self.f)(Visit::Object {
            path: &self.path,
            object,
            kind,
        });
    }
}

/// A number's decimal digits, without going through `fmt`.
pub(crate) fn itoa(mut n: u64) -> ItoaBuf {
    let mut buf = ItoaBuf {
        bytes: [0; 20],
        start: 20,
    };
    loop {
        buf.start -= 1;
        if let Some(b) = buf.bytes.get_mut(buf.start) {
            // `n % 10` is below 10, so this is an ASCII digit.
            *b = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || buf.start == 0 {
            return buf;
        }
    }
}

pub(crate) struct ItoaBuf {
    bytes: [u8; 20],
    start: usize,
}

impl ItoaBuf {
    pub(crate) fn as_str(&self) -> &str {
        self.bytes
            .get(self.start..)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or_default()
    }
}

/// Whether the ACS may set the parameter at `pos` of `node`.
pub(crate) fn acs_writable(desc: &ParamDesc, node: &Node, pos: u32) -> bool {
    match desc.access {
        ParamAccess::ReadOnly => false,
        ParamAccess::ReadWrite => true,
        ParamAccess::WriteOnceReadOnly => !node.written(pos),
    }
}

impl Tree {
    /// The value of parameter `param` (described by `desc`, held at `pos`
    /// of `node`) that the ACS may read: hidden, secured and command
    /// parameters read as their type's null value. The layout's flag says
    /// which, so that the syntax is loaded only for byte strings.
    pub(crate) fn acs_value(
        &self,
        param: ParamIx,
        desc: &ParamDesc,
        node: &Node,
        pos: u32,
    ) -> crate::value::Value {
        match node.values.get(pos as usize) {
            Some(slot) if !self.layout.masked(param) => slot.to_value(desc.syntax),
            _ => Slot::zero(desc.syntax).to_value(desc.syntax),
        }
    }
}

/// Whether the ACS reads a parameter of this syntax as its type's null
/// value: hidden, secured and command parameters.
pub(crate) fn reads_as_null(syntax: &crate::value::Syntax) -> bool {
    syntax.hidden || syntax.secured || syntax.command
}

#[cfg(test)]
mod tests {
    #[test]
    fn itoa_writes_every_width() {
        for n in [0, 7, 10, 99, 12345, u64::from(u32::MAX), u64::MAX] {
            assert_eq!(super::itoa(n).as_str(), n.to_string());
        }
    }
}

//! Parameter attributes (TR-069 A.3.2.4 and A.3.2.5) and value-change
//! notification (TR-069 3.2.1, A.3.3.1). The rules are documented on
//! [`Attributes`], [`Tree::set_attributes`] and
//! [`Tree::take_changes_for_inform`].

use crate::meta::{ActiveNotify, ObjectIx, ParamDesc, ParamIx};
use crate::soap::codes;
use crate::value::Writer;

use super::node::{position_in, Child, Node};
use super::walk::{ParamValue, Visit};
use super::{Fault, Tree};

/// The highest Notification value (active lightweight with passive, CWMP 1.4).
pub const MAX_NOTIFICATION: u8 = 6;

/// The attributes of one parameter.
///
/// Notification: 0 off, 1 passive, 2 active, and the CWMP 1.4 lightweight
/// values 3 (passive lightweight), 4 (passive with passive lightweight), 5
/// (active lightweight), 6 (passive with active lightweight). AccessList:
/// who besides the ACS may write the parameter (`Subscriber` is the only
/// value TR-069 defines; others are stored as given).
///
/// Defaults: an empty AccessList, and Notification 2 for parameters whose
/// `activeNotify` is `forceEnabled` or `forceDefaultEnabled`, else 0.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Attributes {
    /// Notification, 0..=6.
    pub notification: u8,
    /// Who besides the ACS may write the parameter, e.g. `["Subscriber"]`.
    pub access_list: Vec<String>,
}

impl Attributes {
    /// The attributes a parameter has until the ACS sets others.
    pub fn default_for(param: &ParamDesc) -> Attributes {
        Attributes {
            notification: match param.active_notify {
                ActiveNotify::ForceEnabled | ActiveNotify::ForceDefaultEnabled => 2,
                _ => 0,
            },
            access_list: Vec::new(),
        }
    }
}

/// One SetParameterAttributesStruct: what to change on a path.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AttrChange {
    /// A full parameter path, a partial path, or `""` for the whole tree.
    pub name: String,
    /// The new Notification, if it is to change (`NotificationChange`).
    pub notification: Option<u8>,
    /// The new AccessList, if it is to change (`AccessListChange`).
    pub access_list: Option<Vec<String>>,
}

/// One parameter's attributes, as GetParameterAttributes reports them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParamAttributes {
    /// The full path, with instance numbers.
    pub path: String,
    /// The parameter.
    pub param: ParamIx,
    /// Its attributes.
    pub attributes: Attributes,
}

/// A planned attribute change for one parameter instance.
struct Planned {
    param: ParamIx,
    instances: Vec<u32>,
    notification: Option<u8>,
    access_list: Option<Vec<String>>,
}

impl Tree {
    /// GetParameterAttributes: the attributes of the parameter a full path
    /// names, or of every parameter under a partial path, in model order.
    /// Fault 9005 when the path names nothing.
    pub fn attributes(&self, path: &str) -> Result<Vec<ParamAttributes>, Fault> {
        let mut out = Vec::new();
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
                out.push(ParamAttributes {
                    path: path.to_owned(),
                    param,
                    attributes: effective(desc, node, pos),
                });
            }
        })?;
        Ok(out)
    }

    /// SetParameterAttributes: applies every change, or none when one of
    /// them fails: fault 9005 for a path that names nothing, 9003 for a
    /// Notification above [`MAX_NOTIFICATION`], 9009 for a Notification the
    /// parameter's `activeNotify` rule refuses:
    ///
    /// - `forceEnabled`: Notification is always 2; a request for another
    ///   value is refused.
    /// - `canDeny` and `willDeny`: this device refuses active notification
    ///   (2, and the active lightweight values 5 and 6).
    ///
    /// A change on a partial path (or `""`) applies to every parameter
    /// below it, except that parameters whose rule refuses the requested
    /// Notification keep theirs (their AccessList still changes) instead of
    /// failing the request: an ACS setting passive notification on
    /// `Device.` means the parameters that allow it. A refusal on a full
    /// path is fault 9009.
    ///
    /// Changing attributes never counts as a value change.
    pub fn set_attributes(&mut self, changes: &[AttrChange]) -> Result<(), Fault> {
        let mut plan = Vec::new();
        for change in changes {
            self.plan_attributes(change, &mut plan)?;
        }
        for p in plan {
            self.put_attributes(p);
        }
        Ok(())
    }

    fn plan_attributes(&self, change: &AttrChange, plan: &mut Vec<Planned>) -> Result<(), Fault> {
        if let Some(n) = change.notification.filter(|&n| n > MAX_NOTIFICATION) {
            return Err(Fault::new(
                codes::INVALID_ARGUMENTS,
                format!("Notification {n} for `{}` is not 0 to 6", change.name),
            ));
        }
        let full_path = !change.name.is_empty() && !change.name.ends_with('.');
        let mut refused = None;
        self.visit(&change.name, false, &mut |v| {
            let Visit::Param {
                path,
                param,
                desc,
                instances,
                ..
            } = v
            else {
                return;
            };
            let mut notification = change.notification;
            if let Some(why) = notification.and_then(|n| refusal(desc, n)) {
                if full_path {
                    refused = Some(Fault::new(
                        codes::NOTIFICATION_REJECTED,
                        format!("`{path}`: {why}"),
                    ));
                }
                notification = None;
            }
            if notification.is_some() || change.access_list.is_some() {
                plan.push(Planned {
                    param,
                    instances: instances.to_vec(),
                    notification,
                    access_list: change.access_list.clone(),
                });
            }
        })?;
        refused.map_or(Ok(()), Err)
    }

    fn put_attributes(&mut self, planned: Planned) {
        let Some(desc) = self.param(planned.param) else {
            return;
        };
        let Some(pos) = self
            .object(desc.object)
            .and_then(|o| position_in(o, planned.param))
        else {
            return;
        };
        let Some(node) = self.node_mut(desc.object, &planned.instances) else {
            return;
        };
        let default = Attributes::default_for(desc);
        let mut attrs = node.attrs(pos).cloned().unwrap_or_else(|| default.clone());
        if let Some(n) = planned.notification {
            if desc.active_notify != ActiveNotify::ForceEnabled {
                attrs.notification = n;
            }
        }
        if let Some(list) = planned.access_list {
            attrs.access_list = list;
        }
        store_attrs(node, pos, attrs, &default);
    }

    /// The parameters to report in the next Inform's ParameterList for
    /// `4 VALUE CHANGE`: those changed by the device since the last call
    /// (not by the ACS) whose Notification is passive or active (1, 2, 4 or
    /// 6), with their current values, in model order. Clears every
    /// recorded change. Parameters of deleted instances are dropped.
    ///
    /// Every write that changes a value is recorded with who made it, the
    /// last writer winning: a device change the ACS then overwrites is not
    /// reported.
    pub fn take_changes_for_inform(&mut self) -> Vec<ParamValue> {
        let changes = std::mem::take(&mut self.changes);
        let mut out = Vec::new();
        for ((param, instances), writer) in changes {
            if writer == Writer::Acs {
                continue;
            }
            let Some((desc, node, pos)) = self.param_node(param, &instances) else {
                continue;
            };
            if matches!(effective_notification(desc, node, pos), 1 | 2 | 4 | 6) {
                out.push(ParamValue {
                    path: self.param_path(param, &instances),
                    param,
                    value: self.acs_value(param, desc, node, pos),
                });
            }
        }
        out
    }

    /// Whether the device changed a parameter with active notification (2)
    /// since the last [`Tree::take_changes_for_inform`]: an Inform with
    /// `4 VALUE CHANGE` is due now.
    pub fn active_change_pending(&self) -> bool {
        self.changes.iter().any(|((param, instances), writer)| {
            *writer == Writer::Device
                && self
                    .param_node(*param, instances)
                    .is_some_and(|(desc, node, pos)| effective_notification(desc, node, pos) == 2)
        })
    }

    /// Every recorded value change since the last Inform (paths and who
    /// made the change last), whatever the parameters' notification.
    pub fn pending_changes(&self) -> Vec<(String, Writer)> {
        self.changes
            .iter()
            .map(|((param, instances), writer)| (self.param_path(*param, instances), *writer))
            .collect()
    }

    /// The parameters the model marks `forcedInform`, in every existing
    /// instance, with their values: the fixed part of every Inform's
    /// ParameterList.
    pub fn forced_inform_params(&self) -> Vec<ParamValue> {
        let mut out = Vec::new();
        for (param, desc) in (0u32..).zip(self.model.params) {
            if !desc.forced_inform {
                continue;
            }
            for instances in self.instances_of(desc.object, 0) {
                if let Some((desc, node, pos)) = self.param_node(param, &instances) {
                    out.push(ParamValue {
                        path: self.param_path(param, &instances),
                        param,
                        value: self.acs_value(param, desc, node, pos),
                    });
                }
            }
        }
        out
    }

    /// The instance numbers of every existing instance of `object`.
    pub(crate) fn instances_of(&self, object: ObjectIx, depth: usize) -> Vec<Vec<u32>> {
        if object == 0 {
            return vec![Vec::new()];
        }
        let Some(parent) = self.object(object).and_then(|d| d.parent) else {
            return Vec::new();
        };
        if depth > self.model.objects.len() {
            return Vec::new();
        }
        let mut out = Vec::new();
        for outer in self.instances_of(parent, depth + 1) {
            match self.layout.child(self.model, &self.nodes, object, &outer) {
                Some(Child::Single(Some(_))) => out.push(outer),
                Some(Child::Table(rows)) => {
                    for row in rows {
                        let mut numbers = outer.clone();
                        numbers.push(row.number);
                        out.push(numbers);
                    }
                }
                _ => {}
            }
        }
        out
    }
}

/// Why `param`'s `activeNotify` rule refuses Notification `n`, if it does.
fn refusal(param: &ParamDesc, n: u8) -> Option<&'static str> {
    match param.active_notify {
        ActiveNotify::ForceEnabled if n != 2 => Some("active notification is forced on"),
        ActiveNotify::CanDeny | ActiveNotify::WillDeny if matches!(n, 2 | 5 | 6) => {
            Some("this device refuses active notification of this parameter")
        }
        _ => None,
    }
}

/// The attributes of the parameter at `pos` of `node`.
pub(crate) fn effective(desc: &ParamDesc, node: &Node, pos: u32) -> Attributes {
    let mut attrs = node
        .attrs(pos)
        .cloned()
        .unwrap_or_else(|| Attributes::default_for(desc));
    if desc.active_notify == ActiveNotify::ForceEnabled {
        attrs.notification = 2;
    }
    attrs
}

/// The Notification of the parameter at `pos` of `node`.
pub(crate) fn effective_notification(desc: &ParamDesc, node: &Node, pos: u32) -> u8 {
    if desc.active_notify == ActiveNotify::ForceEnabled {
        return 2;
    }
    node.attrs(pos).map_or_else(
        || Attributes::default_for(desc).notification,
        |a| a.notification,
    )
}

/// Stores attributes, keeping only those that differ from `default`.
pub(crate) fn store_attrs(node: &mut Node, pos: u32, attrs: Attributes, default: &Attributes) {
    let marks = node.marks_mut();
    let found = marks.attrs.binary_search_by_key(&pos, |(p, _)| *p);
    match (found, attrs == *default) {
        (Ok(i), true) => {
            marks.attrs.remove(i);
        }
        (Ok(i), false) => {
            if let Some(entry) = marks.attrs.get_mut(i) {
                entry.1 = attrs;
            }
        }
        (Err(_), true) => {}
        (Err(i), false) => marks.attrs.insert(i, (pos, attrs)),
    }
    node.tidy_marks();
}

//! The parameter methods: GetParameterNames, GetParameterValues,
//! SetParameterValues, GetParameterAttributes, SetParameterAttributes,
//! AddObject and DeleteObject. The tree does the work and gives the fault
//! codes; this adds the device's hooks and the wire details.

use crate::engine::{AttrChange, NodeId, SetFault};
use crate::soap::{
    codes, write_response, write_values_response, AddObject, DeleteObject, Envelope, Fault,
    GetParameterAttributes, GetParameterNames, GetParameterValues, Header, ParameterAttribute,
    ParameterInfo, ParameterValue, Response, SetParameterAttributes, SetParameterValues,
};
use crate::value::Writer;

use super::device::{Device, ParamRead};
use super::events::EventCode;
use super::session::{Answer, Session};
use super::wire;

impl<D: Device + ?Sized> Session<'_, D> {
    /// GetParameterNames: the tree's walk, objects ending in `.`.
    pub(crate) fn get_parameter_names(&mut self, r: &GetParameterNames) -> Answer {
        let items = self
            .tree
            .walk(&r.parameter_path, r.next_level)
            .map_err(|e| wire::fault(&self.ns, &e))?;
        let list = items
            .into_iter()
            .map(|i| ParameterInfo {
                name: i.path,
                writable: i.writable,
            })
            .collect();
        Ok(Response::GetParameterNamesResponse { list })
    }

    /// GetParameterValues: every name expanded (partial paths to the
    /// parameters below them), refreshed by the device, then read. The
    /// first name that names nothing is fault 9005 naming it.
    pub(crate) fn get_parameter_values(&mut self, r: &GetParameterValues) -> Answer {
        let list = match self.locate_values(r)? {
            Values::Listed(list) => list,
            Values::Located(v) => {
                let (model, bools) = (self.tree.model(), self.options.value_bools);
                let mut list = Vec::with_capacity(v.reads.len());
                for (read, (id, pos)) in v.reads.into_iter().zip(v.at) {
                    let mut value = String::new();
                    self.tree.wire_of(id, pos, read.param, bools, &mut value);
                    let xsi_type = wire::xsi_type(model, read.param);
                    list.push(ParameterValue::new(read.path, value, xsi_type));
                }
                list
            }
        };
        Ok(Response::GetParameterValuesResponse { list })
    }

    /// GetParameterValues written as it is read: the envelope text that
    /// [`write_response`] writes for the answer of
    /// [`Session::get_parameter_values`], without building that answer.
    pub(crate) fn write_parameter_values(
        &mut self,
        header: &Header,
        r: &GetParameterValues,
    ) -> Result<String, Fault> {
        let v = self.locate_values(r)?;
        let opts = &self.options.write;
        let v = match v {
            Values::Listed(list) => {
                let body = Response::GetParameterValuesResponse { list };
                let env = Envelope {
                    header: header.clone(),
                    body,
                };
                return Ok(write_response(&env, opts));
            }
            Values::Located(v) => v,
        };
        let (tree, bools) = (&*self.tree, self.options.value_bools);
        let model = tree.model();
        let names: usize = v.reads.iter().map(|r| r.path.len() + 8).sum();
        Ok(write_values_response(
            header,
            opts,
            v.reads.len(),
            names,
            |i, value| match (v.reads.get(i), v.at.get(i)) {
                (Some(read), Some(&(id, pos))) => {
                    tree.wire_of(id, pos, read.param, bools, value);
                    (read.path.as_str(), wire::xsi_type(model, read.param))
                }
                // The two lists are as long as `count`.
                _ => ("", "string"),
            },
        ))
    }

    /// The parameters a GetParameterValues names, refreshed by the device:
    /// where each lies, unless the refresh added or removed instances, in
    /// which case they are read by name there and then.
    fn locate_values(&mut self, r: &GetParameterValues) -> Result<Values, Fault> {
        let mut reads = Vec::with_capacity(r.names.len());
        // Where each value lies, for reading it after the refresh.
        let mut at = Vec::with_capacity(r.names.len());
        for name in &r.names {
            // A full parameter name, the usual case, is one lookup.
            if let Some(found) = self.tree.find_param(name, false) {
                reads.push(ParamRead {
                    path: name.clone(),
                    param: found.param,
                });
                at.push((found.id, found.pos));
                continue;
            }
            self.tree
                .locate_params(name, |path, param, id, pos| {
                    reads.push(ParamRead {
                        path: path.to_owned(),
                        param,
                    });
                    at.push((id, pos));
                })
                .map_err(|e| wire::fault(&self.ns, &e))?;
        }
        let shape = self.tree.shape();
        self.device
            .refresh(self.tree, &reads)
            .map_err(|e| wire::fault(&self.ns, &e.to_fault()))?;
        let tree = &*self.tree;
        // Unless the refresh added or removed instances, every value is
        // where it was found; else read again, by name.
        let unmoved = tree.shape() == shape
            && reads
                .iter()
                .zip(&at)
                .all(|(read, &(id, _))| tree.holds(id, read.param));
        if unmoved {
            return Ok(Values::Located(Located { reads, at }));
        }
        let model = tree.model();
        let bools = self.options.value_bools;
        let values = tree
            .get_many(&r.names)
            .map_err(|e| wire::fault(&self.ns, &e))?;
        Ok(Values::Listed(
            values
                .into_iter()
                .map(|v| wire::parameter_value(model, v, bools))
                .collect(),
        ))
    }

    /// SetParameterValues: the tree validates the whole batch, the device
    /// may veto it, and only then is all of it applied (with the
    /// ParameterKey), or none. Each bad entry gets its own
    /// SetParameterValuesFault under fault 9003.
    pub(crate) fn set_parameter_values(&mut self, r: &SetParameterValues) -> Answer {
        wire::check_key(&self.ns, "ParameterKey", &r.parameter_key)?;
        let batch: Vec<(String, String)> = r
            .list
            .iter()
            .map(|p| (p.name.clone(), p.value.clone()))
            .collect();
        // The tree's checks, then the device's veto, then the writes: the
        // batch is validated once.
        let device = &mut *self.device;
        let outcome = self
            .tree
            .set_values_with(&batch, Writer::Acs, Some(&r.parameter_key), |tree| {
                device.check_set(tree, &batch)
            })
            .map_err(|f: SetFault| wire::set_fault(&self.ns, &f))?;
        if outcome.changed.iter().any(|name| self.is_acs_url(name)) {
            // TR-069 3.7.1.5: a new ACS URL means a new ACS to bootstrap with.
            self.state.add_event(EventCode::Bootstrap, "");
        }
        self.diagnostics_after_set(&batch, &outcome.changed);
        let applied = self.device.commit_set(self.tree, &outcome.changed);
        Ok(Response::SetParameterValuesResponse {
            status: applied.status(),
        })
    }

    /// Whether `name` is the root's `ManagementServer.URL`.
    fn is_acs_url(&self, name: &str) -> bool {
        let root = self.tree.model().objects.first().map_or("", |o| o.path);
        name.strip_prefix(root) == Some("ManagementServer.URL")
    }

    /// GetParameterAttributes: the attributes of every parameter each name
    /// names, Notification as the namespace can express it.
    pub(crate) fn get_parameter_attributes(&mut self, r: &GetParameterAttributes) -> Answer {
        let mut list = Vec::new();
        for name in &r.names {
            let attrs = self
                .tree
                .attributes(name)
                .map_err(|e| wire::fault(&self.ns, &e))?;
            list.extend(attrs.into_iter().map(|a| ParameterAttribute {
                name: a.path,
                notification: wire::notification(&self.ns, a.attributes.notification),
                access_list: a.attributes.access_list,
            }));
        }
        Ok(Response::GetParameterAttributesResponse { list })
    }

    /// SetParameterAttributes: all changes or none (faults 9003, 9005,
    /// 9009 from the tree). The lightweight Notification values 3..=6 exist
    /// only in the cwmp-1-2 namespace (CWMP 1.4): fault 9003 in older ones.
    pub(crate) fn set_parameter_attributes(&mut self, r: &SetParameterAttributes) -> Answer {
        let mut changes = Vec::with_capacity(r.list.len());
        for s in &r.list {
            let notification = match (s.notification_change, s.notification) {
                (false, _) => None,
                (true, Some(n)) if n <= 2 || self.ns.minor() >= 2 => Some(n),
                (true, Some(n)) => {
                    let message = format!(
                        "Notification {n} for `{}` needs CWMP 1.4 (namespace cwmp-1-2)",
                        wire::clip(&s.name, 200)
                    );
                    return Err(wire::fault_with(
                        &self.ns,
                        codes::INVALID_ARGUMENTS,
                        message,
                    ));
                }
                (true, None) => {
                    let message = format!(
                        "NotificationChange is true but Notification is empty for `{}`",
                        wire::clip(&s.name, 200)
                    );
                    return Err(wire::fault_with(
                        &self.ns,
                        codes::INVALID_ARGUMENTS,
                        message,
                    ));
                }
            };
            changes.push(AttrChange {
                name: s.name.clone(),
                notification,
                access_list: s.access_list_change.then(|| s.access_list.clone()),
            });
        }
        self.tree
            .set_attributes(&changes)
            .map_err(|e| wire::fault(&self.ns, &e))?;
        Ok(Response::SetParameterAttributesResponse)
    }

    /// AddObject: the tree adds the instance (9004 past `maxEntries`,
    /// 9005 for a path that is not a table) and sets the ParameterKey; then
    /// the device's hook.
    pub(crate) fn add_object(&mut self, r: &AddObject) -> Answer {
        wire::check_key(&self.ns, "ParameterKey", &r.parameter_key)?;
        let instance_number = self
            .tree
            .add_object(&r.object_name, Writer::Acs, Some(&r.parameter_key))
            .map_err(|e| wire::fault(&self.ns, &e))?;
        let applied = self
            .device
            .object_added(self.tree, &r.object_name, instance_number);
        Ok(Response::AddObjectResponse {
            instance_number,
            status: applied.status(),
        })
    }

    /// DeleteObject: the tree deletes the instance (9005 for a path that
    /// is not one) and sets the ParameterKey; then the device's hook.
    pub(crate) fn delete_object(&mut self, r: &DeleteObject) -> Answer {
        wire::check_key(&self.ns, "ParameterKey", &r.parameter_key)?;
        self.tree
            .delete_object(&r.object_name, Writer::Acs, Some(&r.parameter_key))
            .map_err(|e| wire::fault(&self.ns, &e))?;
        let applied = self.device.object_deleted(self.tree, &r.object_name);
        Ok(Response::DeleteObjectResponse {
            status: applied.status(),
        })
    }
}

/// What a GetParameterValues answers, read or yet to read.
enum Values {
    /// Read by name after a refresh that reshaped the tree.
    Listed(Vec<ParameterValue>),
    /// Found, and still where they were found.
    Located(Located),
}

/// The parameters a GetParameterValues reads, in answer order, and where
/// their values lie.
struct Located {
    reads: Vec<ParamRead>,
    at: Vec<(NodeId, u32)>,
}

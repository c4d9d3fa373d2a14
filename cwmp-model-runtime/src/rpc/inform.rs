//! Building the Inform (TR-069 A.3.3.1): the DeviceId from the model's
//! DeviceInfo, the pending events, and the ParameterList of forced-inform
//! parameters plus the notified value changes.

use crate::engine::{ItemKind, ParamValue, Tree};
use crate::soap::{write_response, DeviceId, Envelope, Inform, Response};

use super::device::{Device, ParamRead};
use super::events::EventCode;
use super::session::Session;
use super::wire;

/// The forced-inform parameters of TR-069 (Table 8 of Amendment 6, and the
/// TR-098 / TR-106 root models), below the root object, for models that
/// mark none `forcedInform`. Those the model lacks are left out.
const TR069_FORCED: &[&str] = &[
    "DeviceSummary",
    "DeviceInfo.SpecVersion",
    "DeviceInfo.HardwareVersion",
    "DeviceInfo.SoftwareVersion",
    "DeviceInfo.ProvisioningCode",
    "ManagementServer.ConnectionRequestURL",
    "ManagementServer.ParameterKey",
    // Device:1 (TR-106): the LAN address.
    "LAN.IPAddress",
];

/// The DeviceInfo parameters the DeviceId is read from, in its order.
const DEVICE_ID: [&str; 4] = [
    "DeviceInfo.Manufacturer",
    "DeviceInfo.ManufacturerOUI",
    "DeviceInfo.ProductClass",
    "DeviceInfo.SerialNumber",
];

/// The schema's bound on Manufacturer, ProductClass and SerialNumber.
const MAX_DEVICE_ID_FIELD: usize = 64;

/// The DeviceIdStruct, from `DeviceInfo.Manufacturer`, `ManufacturerOUI`,
/// `ProductClass` and `SerialNumber` under the model's root
/// (`Device.` or `InternetGatewayDevice.`); a missing parameter gives an
/// empty field. Fields are cut to the schema's 64 characters, and an OUI
/// that is not six hexadecimal digits once upper-cased is sent as
/// `000000`, so that the Inform stays valid whatever the tree holds.
pub fn device_id(tree: &Tree) -> DeviceId {
    let root = root_path(tree);
    let read = |name: &str| {
        let text = tree
            .get(&format!("{root}{name}"))
            .map(|v| v.to_string())
            .unwrap_or_default();
        wire::clip(&text, MAX_DEVICE_ID_FIELD)
    };
    let [manufacturer, oui, product_class, serial_number] = DEVICE_ID.map(read);
    let oui = oui.to_ascii_uppercase();
    let oui = if oui.len() == 6 && oui.bytes().all(|b| b.is_ascii_hexdigit()) {
        oui
    } else {
        "000000".to_owned()
    };
    DeviceId {
        manufacturer,
        oui,
        product_class,
        serial_number,
    }
}

/// The fixed part of every Inform's ParameterList: the parameters the
/// model marks `forcedInform`, or, when it marks none (models written
/// before the attribute existed), TR-069's list: DeviceSummary,
/// DeviceInfo's SpecVersion, HardwareVersion, SoftwareVersion and
/// ProvisioningCode, ManagementServer's ConnectionRequestURL and
/// ParameterKey, and the LAN (Device:1) or default WAN
/// (InternetGatewayDevice) IP address, as far as the model has them.
pub fn forced_inform_params(tree: &Tree) -> Vec<ParamValue> {
    if tree.model().params.iter().any(|p| p.forced_inform) {
        return tree.forced_inform_params();
    }
    let root = root_path(tree);
    let mut out: Vec<ParamValue> = TR069_FORCED
        .iter()
        .filter_map(|name| tree.values(&format!("{root}{name}")).ok())
        .flatten()
        .collect();
    if let Some(wan) = wan_ip_address(tree, &root) {
        out.push(wan);
    }
    out
}

/// The first WAN IP or PPP connection's ExternalIPAddress of an
/// InternetGatewayDevice, in model order: TR-098's default connection
/// when the device has a single one, as most do.
fn wan_ip_address(tree: &Tree, root: &str) -> Option<ParamValue> {
    let items = tree.walk(&format!("{root}WANDevice."), false).ok()?;
    let item = items.into_iter().find(|i| {
        matches!(i.kind, ItemKind::Param(_))
            && i.path.ends_with(".ExternalIPAddress")
            && (i.path.contains(".WANIPConnection.") || i.path.contains(".WANPPPConnection."))
    })?;
    tree.values(&item.path).ok()?.pop()
}

/// The root object's path (`Device.`), empty for a service model.
fn root_path(tree: &Tree) -> String {
    tree.model()
        .objects
        .first()
        .map_or_else(String::new, |o| o.path.to_owned())
}

impl<D: Device + ?Sized> Session<'_, D> {
    /// The Inform that opens the session, in [`Options::cwmp_ns`] with a
    /// fresh `cwmp:ID`: the [`device_id`], up to 64 pending events (with
    /// `4 VALUE CHANGE` added when notified values changed), MaxEnvelopes
    /// 1, the device's current time, `retry_count` (consecutive failed
    /// session attempts), and the ParameterList: the
    /// [`forced_inform_params`], refreshed by the device first, then every
    /// parameter with passive or active notification that the device (not
    /// the ACS) changed since the last acknowledged Inform.
    ///
    /// The events and changes stay pending until the InformResponse, so
    /// a retried Inform reports them again.
    ///
    /// [`Options::cwmp_ns`]: super::Options::cwmp_ns
    pub fn inform(&mut self, retry_count: u32) -> Envelope<Response> {
        self.refresh_for_inform();
        let mut parameters = forced_inform_params(self.tree);
        let changes = self.take_changes();
        if !changes.is_empty() {
            self.state.add_event(EventCode::ValueChange, "");
        }
        for change in changes {
            if !parameters.iter().any(|p| p.path == change.path) {
                parameters.push(change);
            }
        }
        let model = self.tree.model();
        let bools = self.options.value_bools;
        let events = self.state.inform_events();
        let inform = Inform {
            device_id: device_id(self.tree),
            events: events.iter().map(|e| e.to_event()).collect(),
            max_envelopes: 1,
            current_time: self.device.now().to_string(),
            retry_count,
            parameters: parameters
                .into_iter()
                .map(|p| wire::parameter_value(model, p, bools))
                .collect(),
        };
        self.sent_events = events;
        let ns = self.options.cwmp_ns.clone();
        let mut env = self.cpe_envelope(ns, Response::Inform(inform));
        env.header.supported_cwmp_versions = self.options.supported_cwmp_versions.clone();
        env
    }

    /// [`Session::inform`] as envelope text.
    pub fn inform_xml(&mut self, retry_count: u32) -> String {
        let env = self.inform(retry_count);
        write_response(&env, &self.options.write)
    }

    /// Lets the device refresh the forced-inform parameters. A read that
    /// fails keeps the stored value: the Inform must go out regardless.
    fn refresh_for_inform(&mut self) {
        let reads: Vec<ParamRead> = forced_inform_params(self.tree)
            .into_iter()
            .map(|p| ParamRead {
                path: p.path,
                param: p.param,
            })
            .collect();
        let _ = self.device.refresh(self.tree, &reads);
    }

    /// The notified changes: those an unacknowledged Inform reported
    /// already (read again), then the tree's new ones.
    fn take_changes(&mut self) -> Vec<ParamValue> {
        let mut out: Vec<ParamValue> = Vec::new();
        for path in &self.state.reported_changes {
            if let Ok(values) = self.tree.values(path) {
                out.extend(values);
            }
        }
        for change in self.tree.take_changes_for_inform() {
            if !out.iter().any(|p| p.path == change.path) {
                out.push(change);
            }
        }
        self.state.reported_changes = out.iter().map(|p| p.path.clone()).collect();
        out
    }
}

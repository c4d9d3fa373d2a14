//! SetParameterValues is all or nothing: a random batch with at least one
//! bad entry leaves values, attributes and the ParameterKey untouched and
//! names every bad entry; a batch of good entries applies with its key.

use proptest::prelude::*;

use cwmp_model_runtime::engine::Tree;
use cwmp_model_runtime::rpc::Session;
use cwmp_model_runtime::soap::{parse_request, Limits, Response};

use super::common::*;
use super::lab;
use super::lab::LabDevice;

/// `(name, value, xsi type)` entries the tree accepts.
fn good() -> impl Strategy<Value = (String, String, &'static str)> {
    prop_oneof![
        prop_oneof![Just("Auto"), Just("Manual")].prop_map(|v| (
            "Device.DeviceInfo.Mode".into(),
            v.into(),
            "string"
        )),
        "[a-z]{0,8}".prop_map(|v| ("Device.ManagementServer.Username".into(), v, "string")),
        (1u32..100_000).prop_map(|v| (
            "Device.ManagementServer.PeriodicInformInterval".into(),
            v.to_string(),
            "unsignedInt"
        )),
        (1u32..=65535).prop_map(|v| ("Device.Host.1.Port".into(), v.to_string(), "unsignedInt")),
        prop_oneof![Just("true"), Just("0"), Just("1")].prop_map(|v| (
            "Device.Host.1.Enable".into(),
            v.into(),
            "boolean"
        )),
        "[a-z]{0,32}".prop_map(|v| ("Device.Host.1.Name".into(), v, "string")),
        "[a-z]{1,5}".prop_map(|v| (
            "Device.ManagementServer.URL".into(),
            format!("http://{v}/"),
            "string"
        )),
    ]
}

/// Entries the tree refuses, whatever else the batch holds.
fn bad() -> impl Strategy<Value = (String, String, &'static str)> {
    prop_oneof![
        "[A-Z][a-z]{0,6}".prop_map(|n| (format!("Device.No{n}"), "1".into(), "string")),
        Just((
            "Device.DeviceInfo.SerialNumber".into(),
            "x".into(),
            "string"
        )),
        Just(("Device.DeviceInfo.Mode".into(), "Turbo".into(), "string")),
        prop_oneof![Just("0"), Just("70000"), Just("abc"), Just("-1")].prop_map(|v| (
            "Device.Host.1.Port".into(),
            v.into(),
            "unsignedInt"
        )),
        Just(("Device.Host.1.Enable".into(), "maybe".into(), "boolean")),
        Just((
            "Device.ManagementServer.PeriodicInformInterval".into(),
            "0".into(),
            "unsignedInt"
        )),
        "[a-z]{33,40}".prop_map(|v| ("Device.Host.1.Name".into(), v, "string")),
        Just(("Device.Host.9.Port".into(), "80".into(), "unsignedInt")),
        Just((
            "Device.HostNumberOfEntries".into(),
            "1".into(),
            "unsignedInt"
        )),
        Just(("Device.DeviceInfo.".into(), "".into(), "string")),
        Just((
            "Device.ManagementServer.ParameterKey".into(),
            "k".into(),
            "string"
        )),
    ]
}

/// A device with a Host instance, some attributes and a ParameterKey.
fn prepared() -> (Tree, LabDevice, cwmp_model_runtime::rpc::CpeState) {
    let (mut tree, mut device, mut state) = lab();
    let mut s = Session::new(&mut tree, &mut device, &mut state);
    for body in [
        add("Device.Host.", "before"),
        spa(&[("Device.DeviceInfo.Mode", Some(1), Some(&["Subscriber"][..]))]),
    ] {
        let reply = s.handle(envelope(NS0, "p", &body).as_bytes()).unwrap();
        assert!(!reply.contains("Fault"), "{reply}");
    }
    drop(s);
    (tree, device, state)
}

fn send(
    tree: &mut Tree,
    device: &mut LabDevice,
    entries: &[(String, String, &str)],
    key: &str,
) -> Response {
    let mut state = cwmp_model_runtime::rpc::CpeState::new();
    let mut s = Session::new(tree, device, &mut state);
    let refs: Vec<(&str, &str, &str)> = entries
        .iter()
        .map(|(n, v, t)| (n.as_str(), v.as_str(), *t))
        .collect();
    let xml = envelope(NS2, "prop", &spv(&refs, key));
    let env = parse_request(xml.as_bytes(), &Limits::default()).unwrap();
    s.handle_envelope(&env).unwrap().body
}

proptest! {
    #[test]
    fn a_batch_with_a_bad_entry_changes_nothing(
        batch in (prop::collection::vec(good(), 0..6), prop::collection::vec(bad(), 1..4))
            .prop_flat_map(|(mut g, b)| {
                g.extend(b);
                Just(g).prop_shuffle()
            }),
        key in "[a-z0-9]{0,32}",
    ) {
        let (mut tree, mut device, _) = prepared();
        let before = tree.save();
        let reply = send(&mut tree, &mut device, &batch, &key);
        let Response::Fault(fault) = reply else {
            return Err(TestCaseError::fail(format!("not a fault: {reply:?}")));
        };
        prop_assert_eq!(fault.code, 9003);
        prop_assert!(!fault.set_parameter_values_faults.is_empty());
        for f in &fault.set_parameter_values_faults {
            prop_assert!(batch.iter().any(|(n, _, _)| *n == f.name), "{} not in the batch", f.name);
            prop_assert!((9003..=9008).contains(&f.code), "code {}", f.code);
        }
        // Values, attributes, instances, write-once marks, pending
        // changes and the ParameterKey are all part of the saved state.
        prop_assert_eq!(tree.save(), before);
        prop_assert_eq!(
            tree.get("Device.ManagementServer.ParameterKey").unwrap().to_string(),
            "before"
        );
    }

    #[test]
    fn a_batch_of_good_entries_applies_with_its_key(
        batch in prop::collection::vec(good(), 0..8),
        key in "[a-z0-9]{0,32}",
    ) {
        let mut unique: Vec<(String, String, &str)> = Vec::new();
        for entry in batch {
            if !unique.iter().any(|u| u.0 == entry.0) {
                unique.push(entry);
            }
        }
        let (mut tree, mut device, _) = prepared();
        let reply = send(&mut tree, &mut device, &unique, &key);
        prop_assert_eq!(reply, Response::SetParameterValuesResponse { status: 0 });
        prop_assert_eq!(tree.get("Device.ManagementServer.ParameterKey").unwrap().to_string(), key);
        for (name, value, _) in &unique {
            let stored = tree.get(name).unwrap().to_string();
            let expected = match value.as_str() {
                "1" if name.ends_with("Enable") => "true",
                "0" if name.ends_with("Enable") => "false",
                v => v,
            };
            prop_assert_eq!(stored, expected);
        }
    }
}

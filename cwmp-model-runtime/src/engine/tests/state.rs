//! Save, load and factory reset.

use super::*;
use crate::engine::{AttrChange, State, DEFAULT_KEEP};
use crate::value::Writer;

/// A tree with something of everything: instances (one deleted), values of
/// every type, attributes, a written write-once parameter, an optional
/// object, pending changes.
fn populated() -> Tree {
    let mut t = tree();
    for _ in 0..3 {
        t.add_object("Device.Host.", Writer::Acs, None).unwrap();
    }
    t.delete_object("Device.Host.3.", Writer::Acs, None)
        .unwrap();
    t.add_single_object("Device.Optional.").unwrap();
    let b = batch(&[
        ("Device.ManagementServer.URL", "http://acs.example/cwmp"),
        ("Device.ManagementServer.Password", "pw"),
        ("Device.ManagementServer.ProvisionedOnce", "done"),
        ("Device.Host.1.Name", "pc-1"),
        ("Device.Host.1.Ratio", "0.5"),
        ("Device.Host.1.Mac", "0A0B0C0D0E0F"),
        ("Device.Host.1.Tags", "a,b"),
        ("Device.Host.2.Key", "AAEC"),
        ("Device.Host.2.Offset", "-9"),
        ("Device.Host.2.Stats.LastSeen", "2024-05-06T07:08:09+02:00"),
        ("Device.Optional.Flag", "true"),
        ("Device.DeviceInfo.Temperature", "-3"),
    ]);
    t.set_values(&b, Writer::Acs, Some("key-7")).unwrap();
    t.set_attributes(&[
        AttrChange {
            name: "Device.Host.1.".into(),
            notification: Some(1),
            access_list: Some(vec!["Subscriber".into()]),
        },
        AttrChange {
            name: "Device.ManagementServer.URL".into(),
            notification: Some(2),
            access_list: None,
        },
    ])
    .unwrap();
    t.set_value_as_device("Device.Host.1.Name", Value::from("pc-one"))
        .unwrap();
    t
}

#[test]
fn save_and_load_are_lossless() {
    let t = populated();
    let state = t.save();
    assert_eq!(state.model, "Test:1.0");
    assert!(state.objects.contains(&"Device.Optional.".to_string()));
    assert_eq!(state.counters.get("Device.Host."), Some(&3));
    assert_eq!(
        state.written_once,
        ["Device.ManagementServer.ProvisionedOnce"]
    );
    assert_eq!(state.device_changes, ["Device.Host.1.Name"]);
    let loaded = Tree::load(&MODEL, &state).unwrap();
    assert_eq!(loaded.save(), state);
    assert_eq!(snapshot(&loaded), snapshot(&t));
    assert_eq!(loaded.walk("", false).unwrap(), t.walk("", false).unwrap());
    assert_eq!(loaded.attributes("").unwrap(), t.attributes("").unwrap());
    assert_eq!(text(&loaded, "Device.ManagementServer.Password"), "pw");
}

#[test]
fn instance_numbers_are_not_reused_after_load() {
    let mut t = populated();
    let mut loaded = Tree::load(&MODEL, &t.save()).unwrap();
    assert_eq!(loaded.add_object("Device.Host.", Writer::Acs, None), Ok(4));
    // Even when the highest instances are gone.
    t.delete_object("Device.Host.2.", Writer::Acs, None)
        .unwrap();
    t.delete_object("Device.Host.1.", Writer::Acs, None)
        .unwrap();
    let mut loaded = Tree::load(&MODEL, &t.save()).unwrap();
    assert_eq!(
        loaded.get("Device.HostNumberOfEntries").unwrap(),
        Value::UnsignedInt(0)
    );
    assert_eq!(loaded.add_object("Device.Host.", Writer::Acs, None), Ok(4));
}

#[test]
fn load_reports_what_does_not_fit() {
    let mut state = populated().save();
    state.model = "Other:1.0".into();
    state.objects.push("Device.Nope.1.".into());
    state
        .values
        .insert("Device.Host.1.Port".into(), "-1".into());
    // A value of the right type that a facet refuses is kept.
    state
        .values
        .insert("Device.Host.1.Mode".into(), "Other".into());
    state.values.insert("Device.Gone".into(), "x".into());
    state.counters.insert("Device.DeviceInfo.".into(), 3);
    let err = Tree::load(&MODEL, &state).unwrap_err();
    let bad: Vec<&str> = err.issues.iter().map(|i| i.path.as_str()).collect();
    assert_eq!(
        bad,
        [
            "",
            "Device.Nope.1.",
            "Device.DeviceInfo.",
            "Device.Gone",
            "Device.Host.1.Port"
        ]
    );
    assert!(err.to_string().contains("Other:1.0"));
    let (lenient, issues) = Tree::load_lenient(&MODEL, &state);
    assert_eq!(issues.len(), 5);
    assert_eq!(text(&lenient, "Device.Host.1.Name"), "pc-one");
    assert_eq!(text(&lenient, "Device.Host.1.Mode"), "Other");
    // The refused value keeps its default.
    assert_eq!(
        lenient.get("Device.Host.1.Port").unwrap(),
        Value::UnsignedInt(5060)
    );
    // An empty state is a factory tree without default instances.
    let (empty, issues) = Tree::load_lenient(&MODEL, &State::default());
    assert_eq!(issues.len(), 1);
    assert_eq!(
        empty.get("Device.FixedNumberOfEntries").unwrap(),
        Value::UnsignedInt(0)
    );
}

#[test]
fn factory_reset_keeps_management_server() {
    let mut t = populated();
    t.factory_reset(DEFAULT_KEEP);
    assert_eq!(
        text(&t, "Device.ManagementServer.URL"),
        "http://acs.example/cwmp"
    );
    assert_eq!(text(&t, "Device.ManagementServer.ParameterKey"), "key-7");
    assert_eq!(text(&t, "Device.ManagementServer.Password"), "pw");
    let url = &t.attributes("Device.ManagementServer.URL").unwrap()[0];
    assert_eq!(url.attributes.notification, 2);
    // Everything else is back to factory state.
    assert_eq!(
        t.get("Device.DeviceInfo.Temperature").unwrap(),
        Value::Int(20)
    );
    assert_eq!(
        t.get("Device.HostNumberOfEntries").unwrap(),
        Value::UnsignedInt(0)
    );
    assert_eq!(t.get("Device.Optional.Flag").unwrap_err().code, 9005);
    assert_eq!(text(&t, "Device.Fixed.1.Label"), "fixed");
    assert!(t.pending_changes().is_empty());
    // Instance numbers go on counting.
    assert_eq!(t.add_object("Device.Host.", Writer::Acs, None), Ok(4));
    // Keeping nothing resets the management server too; keeping a table
    // keeps its instances.
    let mut t = populated();
    t.factory_reset(&["Device.Host.", "Device.Host.1."]);
    assert_eq!(text(&t, "Device.ManagementServer.URL"), "");
    assert_eq!(
        paths(&t.walk("Device.Host.", true).unwrap()),
        ["Device.Host.1.", "Device.Host.2."]
    );
    assert_eq!(
        t.get("Device.HostNumberOfEntries").unwrap(),
        Value::UnsignedInt(2)
    );
    let mut t = populated();
    t.factory_reset(&["Device.Host.2.", "Nonsense", "Device.Nope."]);
    assert_eq!(
        paths(&t.walk("Device.Host.", true).unwrap()),
        ["Device.Host.2."]
    );
    assert_eq!(text(&t, "Device.Host.2.Offset"), "-9");
    let mut t = populated();
    let before = snapshot(&t);
    t.factory_reset(&["Device."]);
    assert_eq!(snapshot(&t), before);
}

#[cfg(feature = "serde")]
#[test]
fn state_round_trips_through_json() {
    let t = populated();
    let json = serde_json::to_string_pretty(&t.save()).unwrap();
    assert!(json.contains("\"Device.Host.1.Name\": \"pc-one\""));
    let state: State = serde_json::from_str(&json).unwrap();
    let mut loaded = Tree::load(&MODEL, &state).unwrap();
    assert_eq!(loaded.save(), t.save());
    assert_eq!(loaded.add_object("Device.Host.", Writer::Acs, None), Ok(4));
    // Missing fields default: a hand-written state needs only what it sets.
    let state: State = serde_json::from_str(
        r#"{"model": "Test:1.0", "values": {"Device.ProvisioningCode": "x"}}"#,
    )
    .unwrap();
    let t = Tree::load(&MODEL, &state).unwrap();
    assert_eq!(text(&t, "Device.ProvisioningCode"), "x");
}

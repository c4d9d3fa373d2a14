//! A new tree, reading values, and walking names (GetParameterNames /
//! GetParameterValues).

use super::*;
use crate::engine::ItemKind;
use crate::value::Writer;

#[test]
fn new_tree_has_defaults_and_type_zeros() {
    let t = tree();
    assert_eq!(text(&t, "Device.DeviceInfo.SerialNumber"), "SN0001");
    assert_eq!(text(&t, "Device.DeviceInfo.Status"), "Up");
    assert_eq!(
        t.get("Device.DeviceInfo.Temperature").unwrap(),
        Value::Int(20)
    );
    assert_eq!(
        t.get("Device.ManagementServer.PeriodicInformInterval")
            .unwrap(),
        Value::UnsignedInt(3600)
    );
    assert_eq!(
        t.get("Device.ManagementServer.PeriodicInformEnable")
            .unwrap(),
        Value::Boolean(true)
    );
    assert_eq!(
        t.get("Device.ManagementServer.URL").unwrap(),
        Value::from("")
    );
    assert_eq!(
        t.get("Device.DeviceInfo.FirstUseDate").unwrap(),
        Value::DateTime(DateTime::UNKNOWN)
    );
    assert_eq!(
        t.get("Device.DeviceInfo.UpTime").unwrap(),
        Value::UnsignedInt(0)
    );
    // A table with minEntries 1 starts with instance 1; counts follow.
    assert_eq!(text(&t, "Device.Fixed.1.Label"), "fixed");
    assert_eq!(
        t.get("Device.FixedNumberOfEntries").unwrap(),
        Value::UnsignedInt(1)
    );
    assert_eq!(
        t.get("Device.HostNumberOfEntries").unwrap(),
        Value::UnsignedInt(0)
    );
    // An optional single object does not exist yet.
    assert_eq!(t.get("Device.Optional.Flag").unwrap_err().code, 9005);
}

#[test]
fn every_type_reads_back_typed() {
    let mut t = tree();
    t.add_object("Device.Host.", Writer::Acs, None).unwrap();
    let b = batch(&[
        ("Device.Host.1.Ratio", "0.25"),
        ("Device.Host.1.Mac", "0A0B0C0D0E0F"),
        ("Device.Host.1.Tags", "a, b,c"),
        ("Device.Host.1.Key", "AAEC"),
        ("Device.Host.1.Offset", "-5"),
        ("Device.Host.1.Count", "18446744073709551615"),
        ("Device.Host.1.Stats.LastSeen", "2024-01-02T03:04:05Z"),
    ]);
    t.set_values(&b, Writer::Acs, None).unwrap();
    let get = |p: &str| t.get(p).unwrap();
    assert_eq!(
        get("Device.Host.1.Ratio"),
        Value::Decimal("0.25".parse().unwrap())
    );
    assert!(
        matches!(get("Device.Host.1.Mac"), Value::HexBinary(h) if h.as_bytes() == [10, 11, 12, 13, 14, 15])
    );
    assert_eq!(get("Device.Host.1.Tags"), Value::from("a,b,c"));
    assert!(matches!(get("Device.Host.1.Key"), Value::Base64(b) if b.as_bytes() == [0, 1, 2]));
    assert_eq!(get("Device.Host.1.Offset"), Value::Long(-5));
    assert_eq!(get("Device.Host.1.Count"), Value::UnsignedLong(u64::MAX));
    assert_eq!(
        get("Device.Host.1.Stats.LastSeen").to_string(),
        "2024-01-02T03:04:05Z"
    );
    let at = t.get_at(21, &[1]).unwrap();
    assert_eq!(at, get("Device.Host.1.Mac"));
    assert_eq!(t.get_at(21, &[2]), None);
}

#[test]
fn get_refuses_what_is_not_a_parameter() {
    let t = tree();
    for bad in [
        "Device.",
        "Device.Nope",
        "Device.Host.1.Name",
        "Device.Host.Name",
        "Device.Fixed.[a].Label",
        "Device..X",
        "",
        "Device.DeviceInfo",
    ] {
        let fault = t.get(bad).unwrap_err();
        assert_eq!(fault.code, 9005, "{bad}: {fault}");
    }
}

#[test]
fn walk_whole_tree_in_model_order() {
    let mut t = tree();
    t.add_object("Device.Host.", Writer::Acs, None).unwrap();
    let items = t.walk("", false).unwrap();
    let names = paths(&items);
    assert_eq!(
        names[..4],
        [
            "Device.",
            "Device.HostNumberOfEntries",
            "Device.FixedNumberOfEntries",
            "Device.ProvisioningCode"
        ]
    );
    let pos = |p: &str| names.iter().position(|n| *n == p).unwrap();
    assert!(pos("Device.DeviceInfo.") < pos("Device.DeviceInfo.SerialNumber"));
    assert!(pos("Device.DeviceInfo.Temperature") < pos("Device.ManagementServer."));
    assert!(pos("Device.Host.") < pos("Device.Host.1."));
    assert!(pos("Device.Host.1.Count") < pos("Device.Host.1.Stats."));
    assert!(pos("Device.Host.1.Stats.LastSeen") < pos("Device.Fixed."));
    assert_eq!(names.last(), Some(&"Device.Fixed.1.Label"));
    assert!(!names.iter().any(|n| n.starts_with("Device.Optional")));
    // Every parameter once, objects end in `.`.
    let params = items
        .iter()
        .filter(|i| matches!(i.kind, ItemKind::Param(_)));
    assert_eq!(params.count(), 3 + 5 + 7 + 11 + 2 + 1);
    for i in &items {
        assert_eq!(i.path.ends_with('.'), matches!(i.kind, ItemKind::Object(_)));
    }
}

#[test]
fn walk_next_level() {
    let mut t = tree();
    t.add_object("Device.Host.", Writer::Acs, None).unwrap();
    t.add_object("Device.Host.", Writer::Acs, None).unwrap();
    assert_eq!(paths(&t.walk("", true).unwrap()), ["Device."]);
    assert_eq!(
        paths(&t.walk("Device.", true).unwrap()),
        [
            "Device.HostNumberOfEntries",
            "Device.FixedNumberOfEntries",
            "Device.ProvisioningCode",
            "Device.DeviceInfo.",
            "Device.ManagementServer.",
            "Device.Host.",
            "Device.Fixed.",
        ]
    );
    assert_eq!(
        paths(&t.walk("Device.Host.", true).unwrap()),
        ["Device.Host.1.", "Device.Host.2."]
    );
    let inst = t.walk("Device.Host.2.", true).unwrap();
    assert_eq!(inst.len(), 12);
    assert_eq!(inst.last().unwrap().path, "Device.Host.2.Stats.");
    assert_eq!(
        paths(&t.walk("Device.Host.2.Stats.", false).unwrap()),
        [
            "Device.Host.2.Stats.",
            "Device.Host.2.Stats.BytesSent",
            "Device.Host.2.Stats.LastSeen"
        ]
    );
    // A parameter: itself, and NextLevel is an invalid argument.
    assert_eq!(
        paths(&t.walk("Device.Host.1.Name", false).unwrap()),
        ["Device.Host.1.Name"]
    );
    assert_eq!(t.walk("Device.Host.1.Name", true).unwrap_err().code, 9003);
    for bad in [
        "Device.Host.3.",
        "Device.Nope.",
        "Device.Host.1.Name.",
        "Device.Optional.",
    ] {
        assert_eq!(t.walk(bad, false).unwrap_err().code, 9005, "{bad}");
    }
}

#[test]
fn walk_writable_flags() {
    let mut t = tree();
    t.add_object("Device.Host.", Writer::Acs, None).unwrap();
    let writable = |t: &Tree, p: &str| {
        t.walk("", false)
            .unwrap()
            .into_iter()
            .find(|i| i.path == p)
            .unwrap()
            .writable
    };
    assert!(writable(&t, "Device.Host."));
    assert!(writable(&t, "Device.Host.1."));
    assert!(!writable(&t, "Device.Fixed."));
    assert!(!writable(&t, "Device.Fixed.1."));
    assert!(!writable(&t, "Device.DeviceInfo."));
    assert!(!writable(&t, "Device.DeviceInfo.SerialNumber"));
    assert!(writable(&t, "Device.Host.1.Name"));
    assert!(!writable(&t, "Device.HostNumberOfEntries"));
    assert!(writable(&t, "Device.ManagementServer.ProvisionedOnce"));
    let b = batch(&[("Device.ManagementServer.ProvisionedOnce", "yes")]);
    t.set_values(&b, Writer::Acs, None).unwrap();
    assert!(!writable(&t, "Device.ManagementServer.ProvisionedOnce"));
}

#[test]
fn values_expand_partial_paths_and_hide_secrets() {
    let mut t = tree();
    let b = batch(&[("Device.ManagementServer.Password", "s3cret")]);
    t.set_values(&b, Writer::Acs, None).unwrap();
    let ms = t.values("Device.ManagementServer.").unwrap();
    assert_eq!(ms.len(), 7);
    let password = ms.iter().find(|v| v.path.ends_with("Password")).unwrap();
    assert_eq!(password.value, Value::from(""));
    assert_eq!(password.param, 10);
    // The device reads the real value.
    assert_eq!(text(&t, "Device.ManagementServer.Password"), "s3cret");
    let one = t.values("Device.DeviceInfo.SerialNumber").unwrap();
    assert_eq!(one.len(), 1);
    assert_eq!(one[0].value, Value::from("SN0001"));
    assert_eq!(t.values("").unwrap().len(), 3 + 5 + 7 + 1);
    assert_eq!(t.values("Device.Host.").unwrap().len(), 0);
    assert_eq!(t.values("Device.Nope").unwrap_err().code, 9005);
}

#[test]
fn get_many_concatenates_and_names_the_bad_name() {
    let t = tree();
    let got = t
        .get_many(&["Device.DeviceInfo.SerialNumber", "Device.Fixed."])
        .unwrap();
    let got: Vec<&str> = got.iter().map(|v| v.path.as_str()).collect();
    assert_eq!(
        got,
        ["Device.DeviceInfo.SerialNumber", "Device.Fixed.1.Label"]
    );
    let fault = t
        .get_many(&["Device.DeviceInfo.SerialNumber", "Device.Bad"])
        .unwrap_err();
    assert_eq!(fault.code, 9005);
    assert!(fault.message.contains("Device.Bad"));
}

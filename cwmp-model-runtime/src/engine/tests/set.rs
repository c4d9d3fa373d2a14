//! SetParameterValues: validation, all or nothing, ParameterKey, unique
//! keys, write-once parameters, and the device's own writes.

use super::*;
use crate::engine::Fault;
use crate::value::Writer;

fn codes(fault: &crate::engine::SetFault) -> Vec<(&str, u32)> {
    fault
        .faults
        .iter()
        .map(|(n, f)| (n.as_str(), f.code))
        .collect()
}

#[test]
fn a_good_batch_applies_and_sets_the_parameter_key() {
    let mut t = tree();
    let b = batch(&[
        ("Device.ManagementServer.URL", "http://acs.example/"),
        ("Device.ManagementServer.PeriodicInformInterval", "600"),
        ("Device.ManagementServer.PeriodicInformEnable", "1"),
        ("Device.DeviceInfo.Temperature", "-40"),
    ]);
    let out = t.set_values(&b, Writer::Acs, Some("k1")).unwrap();
    // PeriodicInformEnable was already true: not a change.
    assert_eq!(
        out.changed,
        [
            "Device.ManagementServer.URL",
            "Device.ManagementServer.PeriodicInformInterval",
            "Device.DeviceInfo.Temperature"
        ]
    );
    assert_eq!(
        text(&t, "Device.ManagementServer.URL"),
        "http://acs.example/"
    );
    assert_eq!(
        text(&t, "Device.ManagementServer.PeriodicInformInterval"),
        "600"
    );
    assert_eq!(text(&t, "Device.ManagementServer.ParameterKey"), "k1");
    // No key given: the ParameterKey stays.
    t.set_values(&b, Writer::Acs, None).unwrap();
    assert_eq!(text(&t, "Device.ManagementServer.ParameterKey"), "k1");
    t.set_values(&[], Writer::Acs, Some("")).unwrap();
    assert_eq!(text(&t, "Device.ManagementServer.ParameterKey"), "");
}

#[test]
fn one_fault_per_bad_entry_and_nothing_applied() {
    let mut t = tree();
    t.add_object("Device.Host.", Writer::Acs, Some("k0"))
        .unwrap();
    let before = t.save();
    let b = batch(&[
        ("Device.ManagementServer.URL", "http://ok/"),
        ("Device.Nope", "1"),
        ("Device.ManagementServer.PeriodicInformInterval", "abc"),
        ("Device.ManagementServer.PeriodicInformInterval", "60"),
        ("Device.ManagementServer.PeriodicInformEnable", "maybe"),
        ("Device.Host.1.Port", "0"),
        ("Device.DeviceInfo.SerialNumber", "X"),
        ("Device.Host.1.Mode", "Fixed"),
        ("Device.Host.1.Mac", "0102"),
        ("Device.Host.1.Tags", "a,b,c,d"),
        ("Device.Host.1.Name", "bad name"),
        ("Device.Host.", "1"),
        ("Device.Host.7.Name", "x"),
        ("Device.HostNumberOfEntries", "4"),
        ("Device.Host.1.Alias", "fine"),
    ]);
    let fault = t.set_values(&b, Writer::Acs, Some("k1")).unwrap_err();
    assert_eq!(
        codes(&fault),
        [
            ("Device.Nope", 9005),
            ("Device.ManagementServer.PeriodicInformInterval", 9006),
            ("Device.ManagementServer.PeriodicInformInterval", 9003),
            ("Device.ManagementServer.PeriodicInformEnable", 9006),
            ("Device.Host.1.Port", 9007),
            ("Device.DeviceInfo.SerialNumber", 9008),
            ("Device.Host.1.Mode", 9007),
            ("Device.Host.1.Mac", 9007),
            ("Device.Host.1.Tags", 9007),
            ("Device.Host.1.Name", 9007),
            ("Device.Host.", 9005),
            ("Device.Host.7.Name", 9005),
            ("Device.HostNumberOfEntries", 9008),
        ]
    );
    assert!(fault.faults.iter().all(|(_, f)| !f.message.is_empty()));
    assert_eq!(t.save(), before);
    assert_eq!(text(&t, "Device.ManagementServer.ParameterKey"), "k0");
}

#[test]
fn write_once_parameters_take_one_acs_write() {
    let mut t = tree();
    let b = batch(&[("Device.ManagementServer.ProvisionedOnce", "first")]);
    t.set_values(&b, Writer::Acs, None).unwrap();
    let again = batch(&[("Device.ManagementServer.ProvisionedOnce", "second")]);
    let fault = t.set_values(&again, Writer::Acs, None).unwrap_err();
    assert_eq!(
        codes(&fault),
        [("Device.ManagementServer.ProvisionedOnce", 9008)]
    );
    // The device is not bound by access.
    t.set_values(&again, Writer::Device, None).unwrap();
    assert_eq!(
        text(&t, "Device.ManagementServer.ProvisionedOnce"),
        "second"
    );
    // A failed batch does not use the write up.
    let mut t = tree();
    let b = batch(&[
        ("Device.ManagementServer.ProvisionedOnce", "first"),
        ("Device.Nope", ""),
    ]);
    t.set_values(&b, Writer::Acs, None).unwrap_err();
    t.set_values(&again, Writer::Acs, None).unwrap();
}

#[test]
fn device_writes_skip_access_but_not_syntax() {
    let mut t = tree();
    assert!(t
        .set_value_as_device("Device.DeviceInfo.UpTime", Value::UnsignedInt(42))
        .unwrap());
    assert!(!t
        .set_value_as_device("Device.DeviceInfo.UpTime", Value::UnsignedInt(42))
        .unwrap());
    assert_eq!(text(&t, "Device.DeviceInfo.UpTime"), "42");
    let err = |r: Result<bool, Fault>| r.unwrap_err().code;
    assert_eq!(
        err(t.set_value_as_device("Device.DeviceInfo.UpTime", Value::from("42"))),
        9006
    );
    assert_eq!(
        err(t.set_value_as_device("Device.DeviceInfo.Temperature", Value::Int(200))),
        9007
    );
    assert_eq!(
        err(t.set_value_as_device("Device.Nope", Value::Int(1))),
        9005
    );
    assert_eq!(
        err(t.set_value_as_device("Device.HostNumberOfEntries", Value::UnsignedInt(9))),
        9008
    );
    // Read-only enumeration values are the device's to write.
    t.add_object("Device.Host.", Writer::Acs, None).unwrap();
    t.set_value_as_device("Device.Host.1.Mode", Value::from("Fixed"))
        .unwrap();
    assert_eq!(text(&t, "Device.Host.1.Mode"), "Fixed");
    t.set_value_as_device("Device.Host.1.Tags", Value::from("x,y"))
        .unwrap();
    assert_eq!(text(&t, "Device.Host.1.Tags"), "x,y");
}

#[test]
fn unique_keys_stay_unique() {
    let mut t = tree();
    for _ in 0..3 {
        t.add_object("Device.Host.", Writer::Acs, None).unwrap();
    }
    // Aliases were made unique on creation.
    assert_eq!(text(&t, "Device.Host.1.Alias"), "cpe-1");
    assert_eq!(text(&t, "Device.Host.3.Alias"), "cpe-3");
    let dup = batch(&[("Device.Host.2.Alias", "cpe-1")]);
    let fault = t.set_values(&dup, Writer::Acs, None).unwrap_err();
    assert_eq!(codes(&fault), [("Device.Host.2.Alias", 9007)]);
    assert!(fault.faults[0].1.message.contains("instance 1"));
    // Swapping two keys in one batch ends unique: allowed.
    let swap = batch(&[
        ("Device.Host.1.Alias", "cpe-2"),
        ("Device.Host.2.Alias", "cpe-1"),
    ]);
    t.set_values(&swap, Writer::Acs, None).unwrap();
    assert_eq!(text(&t, "Device.Host.1.Alias"), "cpe-2");
    // Two entries making the same key collide both.
    let both = batch(&[("Device.Host.1.Alias", "x"), ("Device.Host.3.Alias", "x")]);
    let fault = t.set_values(&both, Writer::Acs, None).unwrap_err();
    assert_eq!(
        codes(&fault),
        [("Device.Host.1.Alias", 9007), ("Device.Host.3.Alias", 9007)]
    );
    // Device writes are checked too.
    let r = t.set_value_as_device("Device.Host.3.Alias", Value::from("cpe-1"));
    assert_eq!(r.unwrap_err().code, 9007);
}

#[test]
fn functional_keys_bind_enabled_instances_only() {
    let mut t = tree();
    t.add_object("Device.Host.", Writer::Acs, None).unwrap();
    t.add_object("Device.Host.", Writer::Acs, None).unwrap();
    // Both names are empty by default: tolerated, both disabled.
    let b = batch(&[("Device.Host.1.Name", "pc"), ("Device.Host.2.Name", "pc")]);
    t.set_values(&b, Writer::Acs, None).unwrap();
    let on = batch(&[("Device.Host.1.Enable", "true")]);
    t.set_values(&on, Writer::Acs, None).unwrap();
    let both = batch(&[("Device.Host.2.Enable", "true")]);
    let fault = t.set_values(&both, Writer::Acs, None).unwrap_err();
    assert_eq!(codes(&fault), [("Device.Host.2.Enable", 9007)]);
    let rename = batch(&[
        ("Device.Host.2.Enable", "true"),
        ("Device.Host.2.Name", "laptop"),
    ]);
    t.set_values(&rename, Writer::Acs, None).unwrap();
    let clash = batch(&[("Device.Host.2.Name", "pc")]);
    let fault = t.set_values(&clash, Writer::Acs, None).unwrap_err();
    assert_eq!(codes(&fault), [("Device.Host.2.Name", 9007)]);
}

#[test]
fn object_paths_and_aliases_are_not_parameters() {
    let mut t = tree();
    let b = batch(&[
        ("Device.", "x"),
        ("Device.Fixed.[a].Label", "x"),
        ("", "x"),
        ("Device.Fixed.1.Label.", "x"),
    ]);
    let fault = t.set_values(&b, Writer::Acs, None).unwrap_err();
    assert!(fault.faults.iter().all(|(_, f)| f.code == 9005));
    assert_eq!(fault.faults.len(), 4);
}

#[test]
fn check_values_is_set_values_without_the_writes() {
    let mut t = tree();
    let before = t.save();
    let good = batch(&[("Device.ManagementServer.URL", "http://ok/")]);
    let bad = batch(&[
        ("Device.ManagementServer.URL", "http://ok/"),
        ("Device.Nope", "1"),
    ]);
    assert_eq!(t.check_values(&good, Writer::Acs), Ok(()));
    let dry = t.check_values(&bad, Writer::Acs).unwrap_err();
    assert_eq!(t.save(), before);
    assert_eq!(t.set_values(&bad, Writer::Acs, Some("k")).unwrap_err(), dry);
    assert_eq!(codes(&dry), [("Device.Nope", 9005)]);
    t.set_values(&good, Writer::Acs, Some("k")).unwrap();
}

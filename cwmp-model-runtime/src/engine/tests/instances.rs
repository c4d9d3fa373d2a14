//! AddObject / DeleteObject: instance numbers, maxEntries, NumberOfEntries,
//! access, and optional single objects.

use super::*;
use crate::value::Writer;

#[test]
fn numbers_grow_and_are_never_reused() {
    let mut t = tree();
    let add = |t: &mut Tree| t.add_object("Device.Host.", Writer::Acs, None);
    assert_eq!(add(&mut t), Ok(1));
    assert_eq!(add(&mut t), Ok(2));
    t.delete_object("Device.Host.2.", Writer::Acs, None)
        .unwrap();
    assert_eq!(add(&mut t), Ok(3));
    t.delete_object("Device.Host.3.", Writer::Acs, None)
        .unwrap();
    t.delete_object("Device.Host.1.", Writer::Acs, None)
        .unwrap();
    assert_eq!(add(&mut t), Ok(4));
    assert_eq!(
        paths(&t.walk("Device.Host.", true).unwrap()),
        ["Device.Host.4."]
    );
}

#[test]
fn new_instances_take_object_defaults() {
    let mut t = tree();
    t.add_object("Device.Host.", Writer::Acs, None).unwrap();
    assert_eq!(
        t.get("Device.Host.1.Port").unwrap(),
        Value::UnsignedInt(5060)
    );
    assert_eq!(text(&t, "Device.Host.1.Mode"), "Auto");
    assert_eq!(
        t.get("Device.Host.1.Enable").unwrap(),
        Value::Boolean(false)
    );
    assert_eq!(text(&t, "Device.Host.1.Name"), "");
    // The child single object comes with the instance.
    assert_eq!(
        t.get("Device.Host.1.Stats.BytesSent").unwrap(),
        Value::UnsignedLong(0)
    );
}

#[test]
fn max_entries_and_number_of_entries() {
    let mut t = tree();
    for n in 1..=3 {
        assert_eq!(t.add_object("Device.Host.", Writer::Acs, None), Ok(n));
        assert_eq!(
            t.get("Device.HostNumberOfEntries").unwrap(),
            Value::UnsignedInt(n)
        );
    }
    let fault = t
        .add_object("Device.Host.", Writer::Acs, Some("k"))
        .unwrap_err();
    assert_eq!(fault.code, 9004);
    assert_eq!(text(&t, "Device.ManagementServer.ParameterKey"), "");
    t.delete_object("Device.Host.2.", Writer::Acs, Some("k2"))
        .unwrap();
    assert_eq!(
        t.get("Device.HostNumberOfEntries").unwrap(),
        Value::UnsignedInt(2)
    );
    assert_eq!(text(&t, "Device.ManagementServer.ParameterKey"), "k2");
    assert_eq!(t.add_object("Device.Host.", Writer::Acs, Some("k3")), Ok(4));
    assert_eq!(text(&t, "Device.ManagementServer.ParameterKey"), "k3");
}

#[test]
fn bad_paths_and_access() {
    let mut t = tree();
    t.add_object("Device.Host.", Writer::Acs, None).unwrap();
    for bad in [
        "Device.Host",
        "Device.Host.1.",
        "Device.DeviceInfo.",
        "Device.Nope.",
        "Device.Host.1.Stats.",
        "",
        "Device.Host.[x].",
    ] {
        let fault = t.add_object(bad, Writer::Acs, None).unwrap_err();
        assert_eq!(fault.code, 9005, "add {bad}: {fault}");
    }
    for bad in [
        "Device.Host.",
        "Device.Host.2.",
        "Device.Host.1",
        "Device.Host.1.Stats.",
        "Device.DeviceInfo.",
        "Device.",
        "",
    ] {
        let fault = t.delete_object(bad, Writer::Acs, None).unwrap_err();
        assert_eq!(fault.code, 9005, "delete {bad}: {fault}");
    }
    // Device.Fixed. is read-only to the ACS, not to the device.
    assert_eq!(
        t.add_object("Device.Fixed.", Writer::Acs, None)
            .unwrap_err()
            .code,
        9003
    );
    assert_eq!(
        t.delete_object("Device.Fixed.1.", Writer::Acs, None)
            .unwrap_err()
            .code,
        9003
    );
    assert_eq!(t.add_object("Device.Fixed.", Writer::Device, None), Ok(2));
    assert_eq!(
        t.add_object("Device.Fixed.", Writer::Device, None)
            .unwrap_err()
            .code,
        9004
    );
    t.delete_object("Device.Fixed.1.", Writer::Device, None)
        .unwrap();
    assert_eq!(
        t.get("Device.FixedNumberOfEntries").unwrap(),
        Value::UnsignedInt(1)
    );
}

#[test]
fn optional_single_objects_come_and_go() {
    let mut t = tree();
    assert_eq!(t.add_single_object("Device.Optional."), Ok(true));
    assert_eq!(t.add_single_object("Device.Optional."), Ok(false));
    assert_eq!(
        t.get("Device.Optional.Flag").unwrap(),
        Value::Boolean(false)
    );
    assert!(paths(&t.walk("Device.", true).unwrap()).contains(&"Device.Optional."));
    assert_eq!(t.delete_single_object("Device.Optional."), Ok(true));
    assert_eq!(t.delete_single_object("Device.Optional."), Ok(false));
    assert_eq!(t.get("Device.Optional.Flag").unwrap_err().code, 9005);
    for bad in [
        "Device.DeviceInfo.",
        "Device.Host.",
        "Device.",
        "Device.Nope.",
    ] {
        assert_eq!(t.add_single_object(bad).unwrap_err().code, 9005, "{bad}");
    }
}

#[test]
fn deleting_an_instance_drops_its_pending_changes() {
    let mut t = tree();
    t.add_object("Device.Host.", Writer::Acs, None).unwrap();
    let set = crate::engine::AttrChange {
        name: "Device.Host.1.Stats.".into(),
        notification: Some(1),
        access_list: None,
    };
    t.set_attributes(&[set]).unwrap();
    t.set_value_as_device("Device.Host.1.Stats.BytesSent", Value::UnsignedLong(7))
        .unwrap();
    t.delete_object("Device.Host.1.", Writer::Acs, None)
        .unwrap();
    assert!(t
        .pending_changes()
        .iter()
        .all(|(p, _)| !p.starts_with("Device.Host.1.")));
    assert!(t.take_changes_for_inform().is_empty());
}

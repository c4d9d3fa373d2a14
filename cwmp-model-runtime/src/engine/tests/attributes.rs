//! Attributes, activeNotify rules, value-change tracking and forced
//! inform parameters.

use super::*;
use crate::engine::{AttrChange, Attributes};
use crate::value::Writer;

fn notify(name: &str, n: u8) -> AttrChange {
    AttrChange {
        name: name.into(),
        notification: Some(n),
        access_list: None,
    }
}

fn notification(t: &Tree, path: &str) -> u8 {
    let attrs = t.attributes(path).unwrap();
    assert_eq!(attrs.len(), 1, "{path}");
    attrs[0].attributes.notification
}

#[test]
fn defaults_follow_active_notify() {
    let t = tree();
    assert_eq!(notification(&t, "Device.DeviceInfo.Status"), 2);
    assert_eq!(notification(&t, "Device.DeviceInfo.UpTime"), 0);
    let all = t.attributes("Device.ManagementServer.").unwrap();
    assert_eq!(all.len(), 7);
    assert!(all.iter().all(|a| a.attributes == Attributes::default()));
    assert_eq!(t.attributes("Device.Nope.").unwrap_err().code, 9005);
}

#[test]
fn set_on_partial_paths_applies_below() {
    let mut t = tree();
    let change = AttrChange {
        name: "Device.ManagementServer.".into(),
        notification: Some(1),
        access_list: Some(vec!["Subscriber".into()]),
    };
    t.set_attributes(&[change]).unwrap();
    for a in t.attributes("Device.ManagementServer.").unwrap() {
        assert_eq!(a.attributes.notification, 1, "{}", a.path);
        assert_eq!(a.attributes.access_list, ["Subscriber"]);
    }
    assert_eq!(notification(&t, "Device.DeviceInfo.SerialNumber"), 0);
    // Only what is asked changes.
    let acl_only = AttrChange {
        name: "Device.ManagementServer.URL".into(),
        notification: None,
        access_list: Some(vec![]),
    };
    t.set_attributes(&[acl_only]).unwrap();
    let url = &t.attributes("Device.ManagementServer.URL").unwrap()[0];
    assert_eq!(url.attributes.notification, 1);
    assert!(url.attributes.access_list.is_empty());
    // Setting attributes is not a value change.
    assert!(t.pending_changes().is_empty());
}

#[test]
fn active_notify_rules_give_9009() {
    let mut t = tree();
    let fault = t
        .set_attributes(&[notify("Device.DeviceInfo.Status", 0)])
        .unwrap_err();
    assert_eq!(fault.code, 9009);
    t.set_attributes(&[notify("Device.DeviceInfo.Status", 2)])
        .unwrap();
    for n in [2, 5, 6] {
        let fault = t
            .set_attributes(&[notify("Device.DeviceInfo.UpTime", n)])
            .unwrap_err();
        assert_eq!(fault.code, 9009);
    }
    t.set_attributes(&[notify("Device.DeviceInfo.UpTime", 1)])
        .unwrap();
    assert_eq!(notification(&t, "Device.DeviceInfo.UpTime"), 1);
    // On a partial path the refused parameters are left alone.
    t.set_attributes(&[notify("Device.DeviceInfo.", 2)])
        .unwrap();
    assert_eq!(notification(&t, "Device.DeviceInfo.UpTime"), 1);
    assert_eq!(notification(&t, "Device.DeviceInfo.SerialNumber"), 2);
    t.set_attributes(&[notify("Device.DeviceInfo.", 0)])
        .unwrap();
    assert_eq!(notification(&t, "Device.DeviceInfo.Status"), 2);
    assert_eq!(notification(&t, "Device.DeviceInfo.SerialNumber"), 0);
}

#[test]
fn a_failing_request_changes_no_attribute() {
    let mut t = tree();
    let before = t.save();
    for bad in [
        vec![
            notify("Device.ManagementServer.", 1),
            notify("Device.Nope", 1),
        ],
        vec![
            notify("Device.ManagementServer.", 1),
            notify("Device.DeviceInfo.UpTime", 2),
        ],
        vec![notify("Device.ManagementServer.", 1), notify("Device.", 7)],
    ] {
        let fault = t.set_attributes(&bad).unwrap_err();
        assert!([9005, 9009, 9003].contains(&fault.code));
        assert_eq!(t.save(), before);
    }
    assert_eq!(
        t.set_attributes(&[notify("Device.", 7)]).unwrap_err().code,
        9003
    );
}

#[test]
fn acs_changes_do_not_notify_device_changes_do() {
    let mut t = tree();
    t.set_attributes(&[
        notify("Device.ManagementServer.URL", 1),
        notify("Device.DeviceInfo.Temperature", 2),
    ])
    .unwrap();
    let b = batch(&[
        ("Device.ManagementServer.URL", "http://a/"),
        ("Device.DeviceInfo.Temperature", "30"),
    ]);
    t.set_values(&b, Writer::Acs, None).unwrap();
    assert!(!t.active_change_pending());
    assert_eq!(t.pending_changes().len(), 2);
    assert!(t.take_changes_for_inform().is_empty());
    assert!(t.pending_changes().is_empty());

    // Passive: reported at the next Inform, no Inform due.
    t.set_values(
        &batch(&[("Device.ManagementServer.URL", "http://b/")]),
        Writer::Device,
        None,
    )
    .unwrap();
    assert!(!t.active_change_pending());
    // Active: an Inform is due.
    t.set_value_as_device("Device.DeviceInfo.Temperature", Value::Int(31))
        .unwrap();
    assert!(t.active_change_pending());
    // Notification off: recorded, never reported.
    t.set_value_as_device("Device.DeviceInfo.UpTime", Value::UnsignedInt(5))
        .unwrap();
    let inform = t.take_changes_for_inform();
    let got: Vec<(String, String)> = inform
        .iter()
        .map(|v| (v.path.clone(), v.value.to_string()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "Device.DeviceInfo.Temperature".to_string(),
                "31".to_string()
            ),
            (
                "Device.ManagementServer.URL".to_string(),
                "http://b/".to_string()
            ),
        ]
    );
    assert!(!t.active_change_pending());
    assert!(t.take_changes_for_inform().is_empty());
    // Writing the same value is not a change.
    t.set_value_as_device("Device.DeviceInfo.Temperature", Value::Int(31))
        .unwrap();
    assert!(t.pending_changes().is_empty());
    // A later ACS write of the same parameter supersedes the device's.
    t.set_value_as_device("Device.DeviceInfo.Temperature", Value::Int(32))
        .unwrap();
    let b = batch(&[("Device.DeviceInfo.Temperature", "33")]);
    t.set_values(&b, Writer::Acs, None).unwrap();
    assert!(!t.active_change_pending());
}

#[test]
fn forced_status_notifies_actively() {
    let mut t = tree();
    t.set_value_as_device("Device.DeviceInfo.Status", Value::from("Down"))
        .unwrap();
    assert!(t.active_change_pending());
    let inform = t.take_changes_for_inform();
    assert_eq!(inform.len(), 1);
    assert_eq!(inform[0].path, "Device.DeviceInfo.Status");
}

#[test]
fn device_add_and_delete_count_as_device_changes() {
    let mut t = tree();
    t.set_attributes(&[notify("Device.HostNumberOfEntries", 2)])
        .unwrap();
    t.add_object("Device.Host.", Writer::Acs, None).unwrap();
    assert!(!t.active_change_pending());
    t.add_object("Device.Host.", Writer::Device, None).unwrap();
    assert!(t.active_change_pending());
    let inform = t.take_changes_for_inform();
    assert_eq!(inform[0].value, Value::UnsignedInt(2));
}

#[test]
fn forced_inform_parameters() {
    let mut t = tree();
    t.set_values(&[], Writer::Acs, Some("pk")).unwrap();
    let forced: Vec<(String, String)> = t
        .forced_inform_params()
        .into_iter()
        .map(|v| (v.path, v.value.to_string()))
        .collect();
    assert_eq!(
        forced,
        [
            ("Device.ProvisioningCode".to_string(), String::new()),
            (
                "Device.DeviceInfo.SerialNumber".to_string(),
                "SN0001".to_string()
            ),
            (
                "Device.ManagementServer.ParameterKey".to_string(),
                "pk".to_string()
            ),
        ]
    );
}

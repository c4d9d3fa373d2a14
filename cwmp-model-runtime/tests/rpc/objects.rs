//! GetParameterAttributes, SetParameterAttributes, AddObject and
//! DeleteObject.

use cwmp_model_runtime::rpc::Session;
use cwmp_model_runtime::soap::Response;

use super::common::*;
use super::lab;

fn attrs(r: &Response) -> Vec<(String, u8, Vec<String>)> {
    match r {
        Response::GetParameterAttributesResponse { list } => list
            .iter()
            .map(|a| (a.name.clone(), a.notification, a.access_list.clone()))
            .collect(),
        other => panic!("{other:?}"),
    }
}

fn notification(r: &Response, name: &str) -> u8 {
    attrs(r)
        .into_iter()
        .find(|(n, _, _)| n == name)
        .map(|(_, n, _)| n)
        .unwrap_or_else(|| panic!("{name} not in {r:?}"))
}

#[test]
fn attributes_on_partial_paths_with_the_active_notify_rules() {
    let (mut tree, mut device, mut state) = lab();
    let mut s = Session::new(&mut tree, &mut device, &mut state);
    let mut t = Transcript::new();

    let r = t.ask(&mut s, NS0, &gpa(&["Device.DeviceInfo."]));
    assert_eq!(attrs(&r).len(), 9);
    assert_eq!(
        notification(&r, "Device.DeviceInfo.Status"),
        2,
        "forceEnabled"
    );
    assert_eq!(notification(&r, "Device.DeviceInfo.Mode"), 0);

    let subscriber: &[&str] = &["Subscriber"];
    let r = t.ask(
        &mut s,
        NS0,
        &spa(&[
            ("Device.ManagementServer.", Some(1), None),
            ("Device.DeviceInfo.Mode", Some(2), Some(subscriber)),
        ]),
    );
    assert_eq!(r, Response::SetParameterAttributesResponse);
    let r = t.ask(
        &mut s,
        NS0,
        &gpa(&["Device.ManagementServer.", "Device.DeviceInfo.Mode"]),
    );
    let a = attrs(&r);
    assert_eq!(a.len(), 7);
    assert!(a[..6].iter().all(|(_, n, l)| *n == 1 && l.is_empty()));
    assert_eq!(
        a[6],
        (
            "Device.DeviceInfo.Mode".into(),
            2,
            vec!["Subscriber".into()]
        )
    );

    // canDeny refuses active notification on a full path: 9009 ...
    let r = t.ask(
        &mut s,
        NS0,
        &spa(&[("Device.DeviceInfo.UpTime", Some(2), None)]),
    );
    assert_eq!(fault_of(&r).map(|f| f.0), Some(9009));
    // ... and forceEnabled refuses anything but active.
    let r = t.ask(
        &mut s,
        NS0,
        &spa(&[("Device.DeviceInfo.Status", Some(0), None)]),
    );
    assert_eq!(fault_of(&r).map(|f| f.0), Some(9009));
    // On a partial path the refusing parameters keep theirs.
    let r = t.ask(&mut s, NS0, &spa(&[("Device.DeviceInfo.", Some(2), None)]));
    assert_eq!(r, Response::SetParameterAttributesResponse);
    let r = t.ask(&mut s, NS0, &gpa(&["Device.DeviceInfo."]));
    assert_eq!(notification(&r, "Device.DeviceInfo.UpTime"), 0);
    assert_eq!(notification(&r, "Device.DeviceInfo.SerialNumber"), 2);

    // A failing request changes nothing.
    let r = t.ask(
        &mut s,
        NS0,
        &spa(&[
            ("Device.ManagementServer.URL", Some(0), None),
            ("Device.Nope", Some(1), None),
        ]),
    );
    assert_eq!(fault_of(&r).map(|f| f.0), Some(9005));
    let r = t.ask(&mut s, NS0, &gpa(&["Device.ManagementServer.URL"]));
    assert_eq!(notification(&r, "Device.ManagementServer.URL"), 1);
    let r = t.ask(&mut s, NS0, &gpa(&["Device.ManagementServer.Nope"]));
    assert_eq!(fault_of(&r).map(|f| f.0), Some(9005));
}

#[test]
fn lightweight_notification_needs_the_cwmp_1_2_namespace() {
    let (mut tree, mut device, mut state) = lab();
    let mut s = Session::new(&mut tree, &mut device, &mut state);
    let mut t = Transcript::new();
    let r = t.ask(
        &mut s,
        NS1,
        &spa(&[("Device.DeviceInfo.Mode", Some(6), None)]),
    );
    assert_eq!(fault_of(&r).map(|f| f.0), Some(9003));
    let r = t.ask(
        &mut s,
        NS2,
        &spa(&[("Device.DeviceInfo.Mode", Some(6), None)]),
    );
    assert_eq!(r, Response::SetParameterAttributesResponse);
    let r = t.ask(&mut s, NS2, &gpa(&["Device.DeviceInfo.Mode"]));
    assert_eq!(notification(&r, "Device.DeviceInfo.Mode"), 6);
    // CWMP 1.0 cannot say "6": it reads as passive.
    let r = t.ask(&mut s, NS0, &gpa(&["Device.DeviceInfo.Mode"]));
    assert_eq!(notification(&r, "Device.DeviceInfo.Mode"), 1);
    // NotificationChange without a Notification.
    let body = "<cwmp:SetParameterAttributes><ParameterList><SetParameterAttributesStruct><Name>Device.DeviceInfo.Mode</Name><NotificationChange>1</NotificationChange><Notification/><AccessListChange>0</AccessListChange><AccessList/></SetParameterAttributesStruct></ParameterList></cwmp:SetParameterAttributes>";
    let r = t.ask(&mut s, NS2, body);
    assert_eq!(fault_of(&r).map(|f| f.0), Some(9003));
    // Attribute changes are not value changes.
    assert!(s.tree().pending_changes().is_empty());
}

#[test]
fn add_and_delete_objects_with_max_entries_and_parameter_key() {
    let (mut tree, mut device, mut state) = lab();
    let mut s = Session::new(&mut tree, &mut device, &mut state);
    let mut t = Transcript::new();
    let r = t.ask(&mut s, NS0, &add("Device.Host.", "a1"));
    assert_eq!(
        r,
        Response::AddObjectResponse {
            instance_number: 1,
            status: 0
        }
    );
    let r = t.ask(&mut s, NS0, &add("Device.Host.", "a2"));
    assert_eq!(
        r,
        Response::AddObjectResponse {
            instance_number: 2,
            status: 0
        }
    );
    let r = t.ask(&mut s, NS0, &add("Device.Host.", "a3"));
    let (code, text) = fault_of(&r).expect("fault");
    assert_eq!(code, 9004);
    assert!(text.contains("maximum"), "{text}");
    let r = t.ask(
        &mut s,
        NS0,
        &gpv(&[
            "Device.HostNumberOfEntries",
            "Device.ManagementServer.ParameterKey",
            "Device.Host.2.Port",
        ]),
    );
    assert_eq!(value_of(&r, "Device.HostNumberOfEntries"), "2");
    assert_eq!(value_of(&r, "Device.ManagementServer.ParameterKey"), "a2");
    assert_eq!(value_of(&r, "Device.Host.2.Port"), "80");

    // The device applies deletions later: Status 1.
    let r = t.ask(&mut s, NS0, &delete("Device.Host.1.", "d1"));
    assert_eq!(r, Response::DeleteObjectResponse { status: 1 });
    let r = t.ask(&mut s, NS0, &delete("Device.Host.1.", "d2"));
    assert_eq!(fault_of(&r).map(|f| f.0), Some(9005));
    // Numbers are not reused.
    let r = t.ask(&mut s, NS0, &add("Device.Host.", "a4"));
    assert_eq!(
        r,
        Response::AddObjectResponse {
            instance_number: 3,
            status: 0
        }
    );
    for bad in [
        "Device.Nope.",
        "Device.DeviceInfo.",
        "Device.Host",
        "Device.Host.2.Port",
    ] {
        let r = t.ask(&mut s, NS0, &add(bad, "x"));
        assert_eq!(fault_of(&r).map(|f| f.0), Some(9005), "{bad}");
    }
    let r = t.ask(&mut s, NS0, &delete("Device.Host.", "x"));
    assert_eq!(fault_of(&r).map(|f| f.0), Some(9005));
    let r = t.ask(&mut s, NS0, &add("Device.Host.", &"k".repeat(33)));
    assert_eq!(fault_of(&r).map(|f| f.0), Some(9003));
    let r = t.ask(&mut s, NS0, &gpv(&["Device.ManagementServer.ParameterKey"]));
    assert_eq!(value_of(&r, "Device.ManagementServer.ParameterKey"), "a4");
    drop(s);
    assert_eq!(
        device.added,
        [
            ("Device.Host.".to_owned(), 1),
            ("Device.Host.".to_owned(), 2),
            ("Device.Host.".to_owned(), 3)
        ]
    );
    assert_eq!(device.deleted, ["Device.Host.1."]);
}

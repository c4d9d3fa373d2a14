//! GetRPCMethods, GetParameterNames, GetParameterValues and
//! SetParameterValues.

use cwmp_model_runtime::engine::Tree;
use cwmp_model_runtime::rpc::{CpeState, EventCode, Options, Session};
use cwmp_model_runtime::soap::{parse_request, write_response, Limits, Response, WriteOptions};
use cwmp_model_runtime::value::{BoolStyle as ValueBools, Writer};

use super::common::*;
use super::lab;
use super::lab::LabDevice;

#[test]
fn get_rpc_methods_lists_what_the_namespace_defines() {
    let (mut tree, mut device, mut state) = lab();
    let mut s = Session::new(&mut tree, &mut device, &mut state);
    let mut t = Transcript::new();
    let methods = |r: Response| match r {
        Response::GetRPCMethodsResponse { methods } => methods,
        other => panic!("{other:?}"),
    };
    let v0 = methods(t.ask(&mut s, NS0, "<cwmp:GetRPCMethods/>"));
    let v1 = methods(t.ask(&mut s, NS1, "<cwmp:GetRPCMethods/>"));
    let v2 = methods(t.ask(&mut s, NS2, "<cwmp:GetRPCMethods/>"));
    assert_eq!(v0.len(), 14);
    assert!(v1.contains(&"GetAllQueuedTransfers".to_owned()));
    assert!(!v1.contains(&"CancelTransfer".to_owned()));
    assert_eq!(v2.len(), 17);
    for m in [
        "GetRPCMethods",
        "SetParameterValues",
        "FactoryReset",
        "ScheduleDownload",
    ] {
        assert!(v2.contains(&m.to_owned()), "{m}");
    }
    assert!(!v2.contains(&"ChangeDUState".to_owned()));
}

fn names(r: &Response) -> Vec<(String, bool)> {
    match r {
        Response::GetParameterNamesResponse { list } => {
            list.iter().map(|i| (i.name.clone(), i.writable)).collect()
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn get_parameter_names_whole_tree_partial_paths_and_next_level() {
    let (mut tree, mut device, mut state) = lab();
    let mut s = Session::new(&mut tree, &mut device, &mut state);
    let mut t = Transcript::new();
    t.ask(&mut s, NS0, &add("Device.Host.", "k"));

    let all = names(&t.ask(&mut s, NS0, &gpn("", false)));
    assert_eq!(all.first(), Some(&("Device.".to_owned(), false)));
    assert_eq!(all.len(), 1 + 1 + 1 + 9 + 1 + 6 + 1 + 1 + 3);
    let writable = |path: &str| all.iter().find(|(n, _)| n == path).map(|(_, w)| *w);
    // A table the ACS may add to, an instance it may delete.
    assert_eq!(writable("Device.Host."), Some(true));
    assert_eq!(writable("Device.Host.1."), Some(true));
    assert_eq!(writable("Device.DeviceInfo."), Some(false));
    assert_eq!(writable("Device.DeviceInfo.SerialNumber"), Some(false));
    assert_eq!(writable("Device.DeviceInfo.Mode"), Some(true));
    let top = names(&t.ask(&mut s, NS0, &gpn("", true)));
    assert_eq!(top, [("Device.".to_owned(), false)]);
    let level = names(&t.ask(&mut s, NS0, &gpn("Device.", true)));
    let level: Vec<&str> = level.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        level,
        [
            "Device.HostNumberOfEntries",
            "Device.DeviceInfo.",
            "Device.ManagementServer.",
            "Device.Host."
        ]
    );
    let rows = names(&t.ask(&mut s, NS0, &gpn("Device.Host.", true)));
    assert_eq!(rows, [("Device.Host.1.".to_owned(), true)]);
    let one = names(&t.ask(&mut s, NS0, &gpn("Device.ManagementServer.URL", false)));
    assert_eq!(one, [("Device.ManagementServer.URL".to_owned(), true)]);

    let r = t.ask(&mut s, NS0, &gpn("Device.ManagementServer.URL", true));
    assert_eq!(fault_of(&r).map(|f| f.0), Some(9003));
    let r = t.ask(&mut s, NS0, &gpn("Device.Nothing.", false));
    let (code, text) = fault_of(&r).expect("fault");
    assert_eq!(code, 9005);
    assert!(text.contains("Device.Nothing."), "{text}");
    let r = t.ask(&mut s, NS0, &gpn("Device.Host.7.", false));
    assert_eq!(fault_of(&r).map(|f| f.0), Some(9005));
}

#[test]
fn get_parameter_values_expands_refreshes_and_hides_secrets() {
    let (mut tree, mut device, mut state) = lab();
    let mut s = Session::new(&mut tree, &mut device, &mut state);
    let mut t = Transcript::new();

    let r = t.ask(
        &mut s,
        NS0,
        &gpv(&["Device.ManagementServer.", "Device.DeviceInfo.UpTime"]),
    );
    let v = values(&r);
    assert_eq!(v.len(), 7);
    assert_eq!(
        v[0],
        (
            "Device.ManagementServer.URL".into(),
            "http://acs.example/".into(),
            "string".into()
        )
    );
    // Hidden: stored, but read as empty.
    assert_eq!(value_of(&r, "Device.ManagementServer.Password"), "");
    assert_eq!(
        s.tree()
            .get("Device.ManagementServer.Password")
            .unwrap()
            .to_string(),
        "secret"
    );
    assert_eq!(v[5].2, "unsignedInt");
    // Live value refreshed by the device just before the read.
    assert_eq!(value_of(&r, "Device.DeviceInfo.UpTime"), "1");
    let r = t.ask(&mut s, NS0, &gpv(&["Device.DeviceInfo.UpTime"]));
    assert_eq!(value_of(&r, "Device.DeviceInfo.UpTime"), "2");

    let r = t.ask(
        &mut s,
        NS0,
        &gpv(&["Device.DeviceInfo.SerialNumber", "Device.DeviceInfo.Serial"]),
    );
    let (code, text) = fault_of(&r).expect("fault");
    assert_eq!(code, 9005);
    assert!(text.contains("`Device.DeviceInfo.Serial`"), "{text}");
    let r = t.ask(&mut s, NS0, &gpv(&[]));
    assert!(values(&r).is_empty());
    let r = t.ask(&mut s, NS0, &gpv(&[""]));
    assert_eq!(values(&r).len(), 1 + 9 + 6);
}

#[test]
fn a_refresh_that_adds_or_deletes_instances_is_read_after() {
    let (mut tree, mut device, mut state) = lab_with_hosts();
    // Deleting the instance a later name reads, and adding another that
    // may take its place in the tree: that name is gone all the same.
    device.reshape_on_read = Some((
        "Device.DeviceInfo.UpTime".into(),
        vec!["Device.Host.1.".into(), "Device.Host.".into()],
    ));
    let mut s = Session::new(&mut tree, &mut device, &mut state);
    let mut t = Transcript::new();
    let r = t.ask(
        &mut s,
        NS0,
        &gpv(&["Device.DeviceInfo.UpTime", "Device.Host.1.Name"]),
    );
    let (code, text) = fault_of(&r).expect("fault");
    assert_eq!(code, 9005);
    assert!(text.contains("`Device.Host.1.Name`"), "{text}");
    drop(s);

    // Deleting another instance, and adding one, leaves what was found:
    // values as written.
    device.reshape_on_read = Some((
        "Device.DeviceInfo.UpTime".into(),
        vec!["Device.Host.3.".into(), "Device.Host.".into()],
    ));
    let mut s = Session::new(&mut tree, &mut device, &mut state);
    let r = t.ask(
        &mut s,
        NS0,
        &gpv(&["Device.Host.2.Name", "Device.DeviceInfo.UpTime"]),
    );
    assert_eq!(value_of(&r, "Device.Host.2.Name"), "second");
    assert_eq!(value_of(&r, "Device.DeviceInfo.UpTime"), "2");
    assert_eq!(s.tree().walk("Device.Host.", true).unwrap().len(), 2);
    drop(s);

    // Under a partial path, the answer lists the instances the refresh
    // left: not the one it deleted, but the one it added.
    device.reshape_on_read = Some((
        "Device.Host.2.Name".into(),
        vec!["Device.Host.4.".into(), "Device.Host.".into()],
    ));
    let mut s = Session::new(&mut tree, &mut device, &mut state);
    let r = t.ask(&mut s, NS0, &gpv(&["Device.Host."]));
    let names: Vec<String> = values(&r).into_iter().map(|(n, ..)| n).collect();
    assert!(
        names.contains(&"Device.Host.5.Name".to_owned()),
        "{names:?}"
    );
    assert!(
        !names.iter().any(|n| n.starts_with("Device.Host.4.")),
        "{names:?}"
    );
    assert_eq!(value_of(&r, "Device.Host.2.Name"), "second");
}

#[test]
fn a_failing_live_read_names_its_parameter() {
    let (mut tree, mut device, mut state) = lab();
    device.temperature_broken = true;
    let mut s = Session::new(&mut tree, &mut device, &mut state);
    let mut t = Transcript::new();
    for names in [
        &["Device.DeviceInfo.Temperature"][..],
        &["Device.DeviceInfo."][..],
    ] {
        let r = t.ask(&mut s, NS2, &gpv(names));
        let (code, text) = fault_of(&r).expect("fault");
        assert_eq!(code, 9002);
        assert!(
            text.contains("Device.DeviceInfo.Temperature") && text.contains("sensor offline"),
            "{text}"
        );
    }
    // Other parameters read fine.
    let r = t.ask(&mut s, NS2, &gpv(&["Device.DeviceInfo.Mode"]));
    assert_eq!(value_of(&r, "Device.DeviceInfo.Mode"), "Auto");
}

#[test]
fn set_parameter_values_applies_all_with_the_parameter_key() {
    let (mut tree, mut device, mut state) = lab();
    let mut s = Session::new(&mut tree, &mut device, &mut state);
    let mut t = Transcript::new();
    let r = t.ask(
        &mut s,
        NS0,
        &spv(
            &[
                ("Device.DeviceInfo.Mode", "Manual", "string"),
                (
                    "Device.ManagementServer.PeriodicInformInterval",
                    "60",
                    "unsignedInt",
                ),
                // A sloppy ACS types everything as string.
                ("Device.ManagementServer.Username", "admin", "string"),
            ],
            "key-1",
        ),
    );
    assert_eq!(r, Response::SetParameterValuesResponse { status: 0 });
    let r = t.ask(
        &mut s,
        NS0,
        &gpv(&["Device.ManagementServer.", "Device.DeviceInfo.Mode"]),
    );
    assert_eq!(
        value_of(&r, "Device.ManagementServer.ParameterKey"),
        "key-1"
    );
    assert_eq!(
        value_of(&r, "Device.ManagementServer.PeriodicInformInterval"),
        "60"
    );
    assert_eq!(value_of(&r, "Device.DeviceInfo.Mode"), "Manual");
    // Changing the ACS URL means bootstrapping with the new ACS.
    assert!(s.state().events().is_empty());
    t.ask(
        &mut s,
        NS0,
        &spv(
            &[("Device.ManagementServer.URL", "https://new/", "string")],
            "key-2",
        ),
    );
    assert_eq!(s.state().events()[0].code, EventCode::Bootstrap);
}

#[test]
fn set_parameter_values_refuses_everything_with_one_fault_per_bad_entry() {
    let (mut tree, mut device, mut state) = lab();
    let mut s = Session::new(&mut tree, &mut device, &mut state);
    let mut t = Transcript::new();
    t.ask(&mut s, NS0, &add("Device.Host.", "k0"));
    let before = s.tree().save();
    let r = t.ask(
        &mut s,
        NS0,
        &spv(
            &[
                ("Device.ManagementServer.Username", "ok", "string"),
                ("Device.Nope", "1", "string"),
                ("Device.Host.1.Port", "http", "unsignedInt"),
                ("Device.DeviceInfo.SerialNumber", "x", "string"),
                ("Device.DeviceInfo.Mode", "Turbo", "string"),
                ("Device.Host.1.Port", "8080", "unsignedInt"),
                ("Device.Host.1.Enable", "maybe", "boolean"),
                ("Device.HostNumberOfEntries", "5", "unsignedInt"),
            ],
            "key-bad",
        ),
    );
    let Response::Fault(f) = &r else {
        panic!("{r:?}")
    };
    assert_eq!(f.code, 9003);
    let per: Vec<(&str, u32)> = f
        .set_parameter_values_faults
        .iter()
        .map(|p| (p.name.as_str(), p.code))
        .collect();
    assert_eq!(
        per,
        [
            ("Device.Nope", 9005),
            ("Device.Host.1.Port", 9006),
            ("Device.DeviceInfo.SerialNumber", 9008),
            ("Device.DeviceInfo.Mode", 9007),
            ("Device.Host.1.Port", 9003),
            ("Device.Host.1.Enable", 9006),
            ("Device.HostNumberOfEntries", 9008),
        ]
    );
    assert!(f.set_parameter_values_faults[3].string.contains("Turbo"));
    // Nothing applied, ParameterKey included.
    assert_eq!(s.tree().save(), before);
}

#[test]
fn the_device_may_veto_a_set_or_apply_it_later() {
    let (mut tree, mut device, mut state) = lab();
    device.veto_manual = true;
    device.apply_later = true;
    let mut s = Session::new(&mut tree, &mut device, &mut state);
    let mut t = Transcript::new();
    let before = s.tree().save();
    let batch = [
        ("Device.ManagementServer.Username", "u", "string"),
        ("Device.DeviceInfo.Mode", "Manual", "string"),
    ];
    let r = t.ask(&mut s, NS1, &spv(&batch, "veto"));
    let Response::Fault(f) = &r else {
        panic!("{r:?}")
    };
    assert_eq!(f.code, 9003);
    assert_eq!(f.set_parameter_values_faults.len(), 1);
    assert_eq!(f.set_parameter_values_faults[0].code, 9007);
    assert!(f.set_parameter_values_faults[0].string.contains("licence"));
    assert_eq!(s.tree().save(), before);
    let r = t.ask(&mut s, NS1, &spv(&batch[..1], "later"));
    assert_eq!(r, Response::SetParameterValuesResponse { status: 1 });
    let r = t.ask(&mut s, NS1, &gpv(&["Device.ManagementServer.ParameterKey"]));
    assert_eq!(
        value_of(&r, "Device.ManagementServer.ParameterKey"),
        "later"
    );
}

/// `Session::handle` writes a GetParameterValues answer as it reads it;
/// `handle_envelope` builds it. Both answer every case alike, byte for
/// byte: values, partial paths, faults, options, reshaping refreshes.
#[test]
fn a_streamed_answer_is_the_built_answer_written() {
    let reboot = "<cwmp:Reboot><CommandKey>r</CommandKey></cwmp:Reboot>";
    // What a case is, its options, and its requests (namespace, body).
    type Case<'a> = (&'a str, Options, Vec<(&'a str, String)>);
    let cases: Vec<Case> = vec![
        (
            "values",
            Options::default(),
            vec![
                (
                    NS0,
                    gpv(&["Device.DeviceInfo.UpTime", "Device.Host.2.Name"]),
                ),
                (NS2, gpv(&["Device.Host.", "Device.DeviceInfo."])),
                (NS1, gpv(&[""])),
                (NS0, gpv(&[])),
                (NS0, gpv(&["Device.Host.1.Name", "Device.Nope"])),
                (NS0, gpv(&["Device.Host.9."])),
                (NS0, gpv(&["Device.DeviceInfo.Temperature"])),
            ],
        ),
        (
            "pretty, 1/0",
            Options {
                write: WriteOptions {
                    pretty: true,
                    ..WriteOptions::default()
                },
                value_bools: ValueBools::OneZero,
                ..Options::default()
            },
            vec![(NS2, gpv(&["Device."])), (NS0, gpv(&["Device.Host.1."]))],
        ),
        (
            "not offered",
            Options {
                methods: Some(vec!["GetRPCMethods".into()]),
                ..Options::default()
            },
            vec![(NS0, gpv(&["Device.DeviceInfo.UpTime"]))],
        ),
        (
            "after a reboot",
            Options {
                cancel_after_reset: true,
                ..Options::default()
            },
            vec![
                (NS0, gpv(&["Device.Host.1.Name"])),
                (NS0, reboot.to_owned()),
                (NS0, gpv(&["Device.Host.1.Name"])),
            ],
        ),
    ];
    for (what, options, requests) in cases {
        for broken in [false, true] {
            let (mut built, mut streamed) = (lab_with_hosts(), lab_with_hosts());
            for lab in [&mut built, &mut streamed] {
                lab.1.temperature_broken = broken;
                lab.1.reshape_on_read = Some((
                    "Device.Host.2.Name".into(),
                    vec!["Device.Host.1.".into(), "Device.Host.".into()],
                ));
            }
            let (t1, d1, s1) = &mut built;
            let mut a = Session::with_options(t1, d1, s1, options.clone());
            let (t2, d2, s2) = &mut streamed;
            let mut b = Session::with_options(t2, d2, s2, options.clone());
            for (i, (ns, body)) in requests.iter().enumerate() {
                let mut xml = envelope(ns, &format!("s-{i}"), body);
                if i % 2 == 1 {
                    let hold =
                        r#"<cwmp:HoldRequests soap:mustUnderstand="1">1</cwmp:HoldRequests>"#;
                    xml = xml.replace("</cwmp:ID>", &format!("</cwmp:ID>{hold}"));
                }
                let env = parse_request(xml.as_bytes(), &Limits::default()).unwrap();
                let want = a
                    .handle_envelope(&env)
                    .map(|reply| write_response(&reply, &options.write));
                let got = b.handle(xml.as_bytes());
                assert_eq!(got, want, "{what}, request {i}: {body}");
                // The session's own state (namespace, HoldRequests) too.
                assert_eq!(format!("{b:?}"), format!("{a:?}"), "{what}, request {i}");
            }
        }
    }
}

/// The lab device with its two hosts, the second named.
fn lab_with_hosts() -> (Tree, LabDevice, CpeState) {
    let (mut tree, device, state) = lab();
    for _ in 0..2 {
        tree.add_object("Device.Host.", Writer::Device, None)
            .unwrap();
    }
    tree.set_values(
        &[("Device.Host.2.Name".into(), "second".into())],
        Writer::Device,
        None,
    )
    .unwrap();
    (tree, device, state)
}

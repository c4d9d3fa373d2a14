//! The CPE behaviours of the runtime that the reference devices rely on,
//! on a generated model (the Grandstream GXP2140's `Device:1`), driven by
//! the scripted ACS: requests cancelled after a Reboot, diagnostic tests and
//! `8 DIAGNOSTICS COMPLETE`, when a session is due (periodic Inform, active
//! and passive notification), and ACS settings from DHCP option 43.

use cwmp_model::models::grandstream_gxp2140::device;
use cwmp_model::runtime::dhcp::{AcsSettings, SubOptionMap};
use cwmp_model::runtime::engine::Tree;
use cwmp_model::runtime::rpc::{
    CpeState, Device, DiagnosticRun, EventCode, InMemoryDevice, Options, ScriptedAcs, Session,
};
use cwmp_model::runtime::soap::{
    codes, GetParameterValues, ParameterValue, Reboot, Request, Response, SetAttributes,
    SetParameterAttributes, SetParameterValues,
};
use cwmp_model::runtime::value::{DateTime, Value};

const PING: &str = "Device.LAN.IPPingDiagnostics.";

fn spv(list: &[(&str, &str, &str)]) -> Request {
    Request::SetParameterValues(SetParameterValues {
        list: list
            .iter()
            .map(|(n, v, t)| ParameterValue::new(*n, *v, t.to_string()))
            .collect(),
        parameter_key: "k".into(),
    })
}

fn gpv(names: &[&str]) -> Request {
    Request::GetParameterValues(GetParameterValues {
        names: names.iter().map(|n| n.to_string()).collect(),
    })
}

fn fault_code(r: &Option<Response>) -> Option<u32> {
    match r {
        Some(Response::Fault(f)) => Some(f.code),
        _ => None,
    }
}

fn value(tree: &Tree, path: &str) -> Value {
    tree.get(path).unwrap_or_else(|f| panic!("{path}: {f}"))
}

fn event_codes(state: &CpeState) -> Vec<String> {
    state
        .events()
        .iter()
        .map(|e| e.code.as_str().to_owned())
        .collect()
}

#[test]
fn requests_after_a_reboot_are_cancelled_when_the_device_says_so() {
    for cancel in [false, true] {
        let (mut tree, mut dev, mut state) =
            (Tree::new(&device::MODEL), InMemoryDevice, CpeState::new());
        let options = Options {
            cancel_after_reset: cancel,
            ..Options::default()
        };
        let mut acs = ScriptedAcs::new();
        let mut call = acs.open(Session::with_options(
            &mut tree, &mut dev, &mut state, options,
        ));
        let before = call.send(gpv(&["Device.DeviceInfo.SoftwareVersion"]));
        assert!(fault_code(&before).is_none());
        let reboot = call.send(Request::Reboot(Reboot {
            command_key: "r1".into(),
        }));
        assert!(matches!(reboot, Some(Response::RebootResponse)));
        let after = call.send(spv(&[(
            "Device.ManagementServer.PeriodicInformInterval",
            "60",
            "unsignedInt",
        )]));
        assert_eq!(
            fault_code(&after),
            cancel.then_some(codes::REQUEST_DENIED),
            "cancel_after_reset = {cancel}"
        );
        assert_eq!(call.close().len(), 1, "the Reboot still runs");
        let interval = value(&tree, "Device.ManagementServer.PeriodicInformInterval");
        assert_eq!(interval == Value::UnsignedInt(60), !cancel);
        assert_eq!(event_codes(&state), ["M Reboot", "1 BOOT"]);
    }
}

#[test]
fn a_device_offers_its_vendors_method_list() {
    let (mut tree, mut dev, mut state) =
        (Tree::new(&device::MODEL), InMemoryDevice, CpeState::new());
    let offered = ["GetRPCMethods", "GetParameterValues", "Reboot"];
    let options = Options {
        methods: Some(offered.iter().map(|m| m.to_string()).collect()),
        ..Options::default()
    };
    let mut acs = ScriptedAcs::new();
    let mut call = acs.open(Session::with_options(
        &mut tree, &mut dev, &mut state, options,
    ));
    let Some(Response::GetRPCMethodsResponse { methods }) = call.send(Request::GetRPCMethods)
    else {
        panic!("no method list")
    };
    assert_eq!(methods, offered);
    let refused = call.send(Request::FactoryReset);
    assert_eq!(fault_code(&refused), Some(codes::METHOD_NOT_SUPPORTED));
    assert!(fault_code(&call.send(gpv(&["Device.DeviceInfo."]))).is_none());
    assert!(
        call.close().is_empty(),
        "the refused FactoryReset does not run"
    );
}

/// A device that pings at once: two answers of 12 ms, or no such host.
struct Pinger;

impl Device for Pinger {
    fn diagnostic(&mut self, tree: &mut Tree, object: &str) -> DiagnosticRun {
        let host = tree.get(&format!("{object}Host")).unwrap();
        if host == Value::String("nowhere.invalid".into()) {
            return DiagnosticRun::Finished("Error_CannotResolveHostName".into());
        }
        for (name, v) in [("SuccessCount", 2), ("AverageResponseTime", 12)] {
            tree.set_value_as_device(&format!("{object}{name}"), Value::UnsignedInt(v))
                .unwrap();
        }
        DiagnosticRun::Finished("Complete".into())
    }
}

#[test]
fn a_requested_diagnostic_runs_after_the_session_and_reports_diagnostics_complete() {
    let (mut tree, mut dev, mut state) = (Tree::new(&device::MODEL), Pinger, CpeState::new());
    let mut acs = ScriptedAcs::new();
    let mut call = acs.open(Session::new(&mut tree, &mut dev, &mut state));
    let set = call.send(spv(&[
        (&format!("{PING}Host"), "192.0.2.1", "string"),
        (&format!("{PING}DiagnosticsState"), "Requested", "string"),
    ]));
    assert!(matches!(
        set,
        Some(Response::SetParameterValuesResponse { .. })
    ));
    assert_eq!(call.session().state().diagnostics().len(), 1);
    let success = format!("{PING}SuccessCount");
    assert_eq!(
        value(call.session().tree(), &success),
        Value::UnsignedInt(0)
    );
    call.close();
    // The test ran when the session ended.
    assert_eq!(
        value(&tree, &format!("{PING}DiagnosticsState")),
        Value::String("Complete".into())
    );
    assert_eq!(value(&tree, &success), Value::UnsignedInt(2));
    assert!(state.diagnostics().is_empty());
    assert!(state.inform_due(&tree, DateTime::from_unix(0)));

    // The next session says why, and the ACS reads the results.
    let mut call = acs.open(Session::new(&mut tree, &mut dev, &mut state));
    let events: Vec<&str> = call
        .inform()
        .events
        .iter()
        .map(|e| e.code.as_str())
        .collect();
    assert_eq!(events, ["8 DIAGNOSTICS COMPLETE"]);
    let Some(Response::GetParameterValuesResponse { list }) = call.send(gpv(&[&success])) else {
        panic!("no values")
    };
    assert_eq!(list[0].value, "2");
    // A host that does not resolve ends in the model's error state.
    call.send(spv(&[
        (&format!("{PING}Host"), "nowhere.invalid", "string"),
        (&format!("{PING}DiagnosticsState"), "Requested", "string"),
    ]));
    call.close();
    assert_eq!(
        value(&tree, &format!("{PING}DiagnosticsState")),
        Value::String("Error_CannotResolveHostName".into())
    );
}

#[test]
fn changing_a_test_parameter_while_it_is_pending_terminates_it() {
    let (mut tree, mut dev, mut state) =
        (Tree::new(&device::MODEL), InMemoryDevice, CpeState::new());
    let mut acs = ScriptedAcs::new();
    let mut call = acs.open(Session::new(&mut tree, &mut dev, &mut state));
    call.send(spv(&[
        (&format!("{PING}Host"), "192.0.2.1", "string"),
        (&format!("{PING}DiagnosticsState"), "Requested", "string"),
    ]));
    call.close();
    // The in-memory device measures nothing: the test stays running.
    assert_eq!(state.diagnostics().len(), 1);
    assert!(state.diagnostics()[0].started);
    let mut call = acs.open(Session::new(&mut tree, &mut dev, &mut state));
    call.send(spv(&[(&format!("{PING}Timeout"), "2000", "unsignedInt")]));
    assert!(call.session().state().diagnostics().is_empty());
    call.close();
    assert_eq!(
        value(&tree, &format!("{PING}DiagnosticsState")),
        Value::String("None".into())
    );
    // A device that measures in the background finishes it later.
    let mut call = acs.open(Session::new(&mut tree, &mut dev, &mut state));
    call.send(spv(&[(
        &format!("{PING}DiagnosticsState"),
        "Requested",
        "string",
    )]));
    call.close();
    assert!(state
        .finish_diagnostic(&mut tree, PING, "NotAState")
        .is_err());
    state
        .finish_diagnostic(&mut tree, PING, "Complete")
        .unwrap();
    assert_eq!(event_codes(&state), ["8 DIAGNOSTICS COMPLETE"]);
    assert!(state
        .finish_diagnostic(&mut tree, PING, "Complete")
        .is_err());
}

#[test]
fn active_changes_open_a_session_at_once_passive_ones_wait_for_the_periodic_inform() {
    let (mut tree, mut dev, mut state) =
        (Tree::new(&device::MODEL), InMemoryDevice, CpeState::new());
    let t0 = 1_800_000_000;
    let at = |s: i64| DateTime::from_unix(t0 + s);
    let mut acs = ScriptedAcs::new();
    let mut call = acs.open(Session::new(&mut tree, &mut dev, &mut state));
    call.send(spv(&[
        (
            "Device.ManagementServer.PeriodicInformEnable",
            "true",
            "boolean",
        ),
        (
            "Device.ManagementServer.PeriodicInformInterval",
            "300",
            "unsignedInt",
        ),
    ]));
    let notify = |name: &str, n: u8| SetAttributes {
        name: name.into(),
        notification_change: true,
        notification: Some(n),
        ..SetAttributes::default()
    };
    call.send(Request::SetParameterAttributes(SetParameterAttributes {
        list: vec![
            notify("Device.DeviceInfo.ProvisioningCode", 2),
            notify("Device.LAN.IPAddress", 1),
        ],
    }));
    call.close();
    assert!(!state.inform_due(&tree, at(0)), "nothing pending");
    assert_eq!(state.next_wakeup(), Some(at(300)));

    // A passive change waits...
    tree.set_value_as_device("Device.LAN.IPAddress", Value::String("192.0.2.7".into()))
        .unwrap();
    assert!(!state.inform_due(&tree, at(10)));
    // ...for the periodic Inform, which carries it.
    assert!(state.inform_due(&tree, at(300)));
    assert_eq!(state.next_wakeup(), Some(at(600)));
    let call = acs.open(Session::new(&mut tree, &mut dev, &mut state));
    let events: Vec<&str> = call
        .inform()
        .events
        .iter()
        .map(|e| e.code.as_str())
        .collect();
    assert_eq!(events, ["2 PERIODIC", "4 VALUE CHANGE"]);
    assert!(call
        .inform()
        .parameters
        .iter()
        .any(|p| p.name == "Device.LAN.IPAddress" && p.value == "192.0.2.7"));
    call.close();

    // An active change opens a session at once.
    assert!(!state.inform_due(&tree, at(301)));
    tree.set_value_as_device(
        "Device.DeviceInfo.ProvisioningCode",
        Value::String("PC-2".into()),
    )
    .unwrap();
    assert!(state.inform_due(&tree, at(302)));
    let call = acs.open(Session::new(&mut tree, &mut dev, &mut state));
    let events: Vec<&str> = call
        .inform()
        .events
        .iter()
        .map(|e| e.code.as_str())
        .collect();
    assert_eq!(events, ["4 VALUE CHANGE"]);
    call.close();
    assert!(!state.inform_due(&tree, at(303)));

    // A new interval from the ACS counts from when it is seen.
    tree.set_values(
        &[(
            "Device.ManagementServer.PeriodicInformInterval".into(),
            "60".into(),
        )],
        cwmp_model::runtime::value::Writer::Acs,
        None,
    )
    .unwrap();
    assert!(!state.inform_due(&tree, at(400)));
    assert_eq!(state.next_wakeup(), Some(at(460)));
}

#[test]
fn dhcp_option_43_fills_the_management_server_all_or_nothing() {
    let (mut tree, mut state) = (Tree::new(&device::MODEL), CpeState::new());
    let option = b"\x01\x1chttps://acs.example.net/cwmp\x02\x04PC-9\x03\x011\x04\x043600";
    let settings = AcsSettings::parse(option, &SubOptionMap::VEGA).unwrap();
    let outcome = settings.apply(&mut tree, &mut state).unwrap();
    assert_eq!(outcome.changed.len(), 4);
    assert_eq!(
        value(&tree, "Device.ManagementServer.URL"),
        Value::String("https://acs.example.net/cwmp".into())
    );
    assert_eq!(
        value(&tree, "Device.DeviceInfo.ProvisioningCode"),
        Value::String("PC-9".into())
    );
    assert_eq!(
        value(&tree, "Device.ManagementServer.PeriodicInformInterval"),
        Value::UnsignedInt(3600)
    );
    assert_eq!(event_codes(&state), ["0 BOOTSTRAP"], "a new ACS");

    // Settings the tree refuses leave it as it was: here a model without
    // a ManagementServer.
    let mut voice = Tree::new(&cwmp_model::models::grandstream_gxp2140::voice_service::MODEL);
    let fault = settings.apply(&mut voice, &mut state).unwrap_err();
    assert_eq!(fault.faults.len(), 4, "{fault:?}");
}

#[test]
fn the_scripted_acs_transcript_is_valid_cwmp() {
    let (mut tree, mut dev, mut state) =
        (Tree::new(&device::MODEL), InMemoryDevice, CpeState::new());
    state.add_event(EventCode::Bootstrap, "");
    let mut acs = ScriptedAcs::new();
    let mut call = acs.open(Session::new(&mut tree, &mut dev, &mut state));
    call.send(gpv(&["Device.ManagementServer."]));
    call.send(gpv(&["Device.Nowhere"]));
    call.close();
    let texts: Vec<String> = acs
        .transcript()
        .iter()
        .filter(|m| !m.text.is_empty())
        .map(|m| m.text.clone())
        .collect();
    assert_eq!(texts.len(), 6);
    common::validate("cpe-transcript", &texts);
    let printed: String = acs.transcript().iter().map(|m| m.to_string()).collect();
    assert!(printed.contains("--- CPE -> ACS: empty HTTP POST (no more requests)"));
    assert!(printed.contains("<FaultCode>9005</FaultCode>"));
}

mod common;

//! The Inform: DeviceId, events and their delivery, forced-inform
//! parameters (the model's, or TR-069's list), and value changes.

use cwmp_model_runtime::engine::Tree;
use cwmp_model_runtime::rpc::{
    device_id, forced_inform_params, CpeState, EventCode, InMemoryDevice, Options, Session,
};
use cwmp_model_runtime::soap::{CwmpNamespace, Envelope, Inform, Response};
use cwmp_model_runtime::value::Value;

use super::common::*;
use super::lab;
use super::model::{DEVICE1, IGD};

const INFORM_RESPONSE: &str =
    "<cwmp:InformResponse><MaxEnvelopes>1</MaxEnvelopes></cwmp:InformResponse>";

fn inform_of(env: &Envelope<Response>) -> &Inform {
    match &env.body {
        Response::Inform(i) => i,
        other => panic!("{other:?}"),
    }
}

fn event_codes(i: &Inform) -> Vec<&str> {
    i.events.iter().map(|e| e.code.as_str()).collect()
}

fn param_names(i: &Inform) -> Vec<&str> {
    i.parameters.iter().map(|p| p.name.as_str()).collect()
}

#[test]
fn the_inform_carries_device_id_events_and_forced_parameters() {
    let (mut tree, mut device, mut state) = lab();
    device.clock = 3;
    state.add_event(EventCode::Bootstrap, "");
    state.add_event(EventCode::Boot, "ignored");
    state.add_event(EventCode::Boot, "");
    state.add_event(EventCode::MReboot, "r1");
    let options = Options {
        cwmp_ns: CwmpNamespace::V1_2,
        supported_cwmp_versions: Some("1.0,1.1,1.2,1.3,1.4".into()),
        ..Options::default()
    };
    let mut s = Session::with_options(&mut tree, &mut device, &mut state, options);
    let mut t = Transcript::new();
    let env = s.inform(2);
    t.record(&env);
    assert_eq!(env.header.cwmp_ns, CwmpNamespace::V1_2);
    assert!(env.header.id.is_some());
    let i = inform_of(&env);
    assert_eq!(
        (
            i.device_id.manufacturer.as_str(),
            i.device_id.oui.as_str(),
            i.device_id.product_class.as_str(),
            i.device_id.serial_number.as_str()
        ),
        ("Acme & Sons", "00D09E", "LabBox", "SN42")
    );
    assert_eq!(event_codes(i), ["0 BOOTSTRAP", "1 BOOT", "M Reboot"]);
    assert_eq!(i.events[2].command_key, "r1");
    assert_eq!((i.max_envelopes, i.retry_count), (1, 2));
    assert_eq!(i.current_time, "2024-05-01T12:00:03Z");
    assert_eq!(
        param_names(i),
        [
            "Device.DeviceInfo.SoftwareVersion",
            "Device.ManagementServer.ParameterKey",
            "Device.ManagementServer.ConnectionRequestURL"
        ]
    );
    assert_eq!(i.parameters[0].value, "1.0.7");
    assert_eq!(i.parameters[0].xsi_type.as_deref(), Some("string"));
    // Delivered once the ACS answers.
    t.tell(&mut s, NS2, INFORM_RESPONSE);
    assert!(s.informed());
    assert!(s.state().events().is_empty());
    assert!(s
        .inform_xml(0)
        .contains(r#"<Event SOAP-ENC:arrayType="cwmp:EventStruct[0]"/>"#));
}

#[test]
fn device_changes_with_notification_become_value_change() {
    let (mut tree, mut device, mut state) = lab();
    let mut t = Transcript::new();
    let mut s = Session::new(&mut tree, &mut device, &mut state);
    t.ask(
        &mut s,
        NS0,
        &spa(&[
            ("Device.DeviceInfo.Mode", Some(1), None),
            ("Device.ManagementServer.Username", Some(2), None),
        ]),
    );
    // The ACS's own change never notifies.
    t.ask(
        &mut s,
        NS0,
        &spv(
            &[("Device.ManagementServer.Username", "acs", "string")],
            "k",
        ),
    );
    s.end_session();
    let mut s = Session::new(&mut tree, &mut device, &mut state);
    let env = s.inform(0);
    t.record(&env);
    assert!(!event_codes(inform_of(&env)).contains(&"4 VALUE CHANGE"));
    t.tell(&mut s, NS0, INFORM_RESPONSE);
    s.end_session();

    // The device's changes do, passive or active (Status is forced active);
    // UpTime has notification off.
    tree.set_value_as_device("Device.DeviceInfo.Mode", Value::from("Manual"))
        .unwrap();
    tree.set_value_as_device("Device.DeviceInfo.Status", Value::from("Down"))
        .unwrap();
    tree.set_value_as_device("Device.DeviceInfo.UpTime", Value::UnsignedInt(9))
        .unwrap();
    assert!(tree.active_change_pending());
    let mut s = Session::new(&mut tree, &mut device, &mut state);
    let env = s.inform(0);
    t.record(&env);
    let i = inform_of(&env);
    assert_eq!(event_codes(i), ["4 VALUE CHANGE"]);
    // In model order.
    assert_eq!(
        &param_names(i)[3..],
        ["Device.DeviceInfo.Status", "Device.DeviceInfo.Mode"]
    );
    // No InformResponse (the session failed): a retry reports them again.
    drop(s);
    let mut s = Session::new(&mut tree, &mut device, &mut state);
    let env = s.inform(1);
    t.record(&env);
    let i = inform_of(&env);
    assert_eq!(event_codes(i), ["4 VALUE CHANGE"]);
    assert_eq!(param_names(i).len(), 5);
    assert_eq!(i.parameters[3].value, "Down");
    t.tell(&mut s, NS0, INFORM_RESPONSE);
    let env = s.inform(0);
    t.record(&env);
    assert!(inform_of(&env).events.is_empty());
    assert_eq!(inform_of(&env).parameters.len(), 3);
}

#[test]
fn an_acs_fault_keeps_the_events_and_at_most_64_go_at_once() {
    let (mut tree, mut device, mut state) = lab();
    for i in 0..70 {
        state.add_event(EventCode::MReboot, &format!("r{i}"));
    }
    let mut t = Transcript::new();
    let mut s = Session::new(&mut tree, &mut device, &mut state);
    let env = s.inform(0);
    t.record(&env);
    assert_eq!(inform_of(&env).events.len(), 64);
    t.tell(&mut s, NS0, "<soap:Fault><faultcode>Server</faultcode><faultstring>CWMP fault</faultstring><detail><cwmp:Fault><FaultCode>8005</FaultCode><FaultString>Retry request</FaultString></cwmp:Fault></detail></soap:Fault>");
    assert_eq!(s.acs_fault().and_then(|f| f.code), Some(8005));
    assert!(!s.informed());
    assert_eq!(s.state().events().len(), 70);
    t.tell(&mut s, NS0, INFORM_RESPONSE);
    assert_eq!(s.state().events().len(), 6);
    assert_eq!(s.state().events()[0].command_key, "r64");
}

#[test]
fn models_without_forced_inform_use_the_tr069_list() {
    let mut t = Transcript::new();
    let mut tree = Tree::new(&IGD);
    let id = device_id(&tree);
    assert_eq!(
        (id.oui.as_str(), id.serial_number.as_str()),
        ("00D09E", "GW1")
    );
    let mut state = CpeState::new();
    state.add_event(EventCode::Periodic, "");
    let mut device = InMemoryDevice;
    let mut s = Session::new(&mut tree, &mut device, &mut state);
    let env = s.inform(0);
    t.record(&env);
    assert_eq!(
        param_names(inform_of(&env)),
        [
            "InternetGatewayDevice.DeviceSummary",
            "InternetGatewayDevice.DeviceInfo.SpecVersion",
            "InternetGatewayDevice.DeviceInfo.HardwareVersion",
            "InternetGatewayDevice.DeviceInfo.SoftwareVersion",
            "InternetGatewayDevice.DeviceInfo.ProvisioningCode",
            "InternetGatewayDevice.ManagementServer.ConnectionRequestURL",
            "InternetGatewayDevice.ManagementServer.ParameterKey",
            "InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANIPConnection.1.ExternalIPAddress",
        ]
    );

    let tree = Tree::new(&DEVICE1);
    let names: Vec<String> = forced_inform_params(&tree)
        .into_iter()
        .map(|p| p.path)
        .collect();
    assert_eq!(
        names,
        [
            "Device.DeviceSummary",
            "Device.DeviceInfo.SoftwareVersion",
            "Device.ManagementServer.ConnectionRequestURL",
            "Device.ManagementServer.ParameterKey",
            "Device.LAN.IPAddress",
        ]
    );
    // No OUI or product class in the model: placeholders that validate.
    let id = device_id(&tree);
    assert_eq!((id.oui.as_str(), id.product_class.as_str()), ("000000", ""));
}

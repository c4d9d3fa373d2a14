//! The RDK gateway example (`examples/rdk-gateway`) as a test: every
//! behaviour its story plays, checked on the answers and on the gateway.

// The test leaves the printout's parts (scenes) unread.
mod common;
#[allow(dead_code)]
#[path = "../examples/rdk-gateway/device.rs"]
mod device;

use cwmp_model::models::rdk_gateway::device::{ManagementServer, MODEL};
use cwmp_model::runtime::soap::{Inform, Response};
use cwmp_model::runtime::value::DateTime;

fn events(inform: &Inform) -> Vec<(String, String)> {
    inform
        .events
        .iter()
        .map(|e| (e.code.clone(), e.command_key.clone()))
        .collect()
}

fn event(code: &str, key: &str) -> (String, String) {
    (code.to_owned(), key.to_owned())
}

fn value_of(response: &Response, name: &str) -> String {
    let Response::GetParameterValuesResponse { list } = response else {
        panic!("not a GetParameterValuesResponse: {response:?}")
    };
    list.iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("{name} not read"))
        .value
        .clone()
}

fn inform_params(inform: &Inform) -> Vec<(String, String)> {
    inform
        .parameters
        .iter()
        .map(|p| (p.name.clone(), p.value.clone()))
        .collect()
}

#[test]
fn the_boot_inform_bootstraps_with_exactly_the_forced_inform_parameters() {
    let run = device::run();
    let boot = &run.informs[0];
    assert_eq!(
        events(boot),
        [event("0 BOOTSTRAP", ""), event("1 BOOT", "")]
    );
    assert_eq!(boot.device_id.serial_number, device::SERIAL);
    assert_eq!(boot.device_id.oui, "0014F8");

    // The model's forced-inform set, from its descriptor table...
    let model_forced: Vec<String> = MODEL
        .params
        .iter()
        .filter(|p| p.forced_inform)
        .map(|p| format!("{}{}", MODEL.objects[p.object as usize].path, p.name))
        .collect();
    assert_eq!(
        model_forced,
        [
            "Device.RootDataModelVersion",
            "Device.DeviceInfo.HardwareVersion",
            "Device.DeviceInfo.SoftwareVersion",
            "Device.DeviceInfo.ProvisioningCode",
            "Device.ManagementServer.ParameterKey",
            "Device.ManagementServer.ConnectionRequestURL",
            "Device.ManagementServer.AliasBasedAddressing",
        ]
    );
    // ...is the ParameterList, with the tree's values.
    let expected: Vec<(String, String)> = run
        .boot_forced
        .iter()
        .map(|p| (p.path.clone(), p.value.to_string()))
        .collect();
    let names: Vec<&String> = expected.iter().map(|(n, _)| n).collect();
    assert_eq!(names, model_forced.iter().collect::<Vec<_>>());
    assert_eq!(inform_params(boot), expected);
    // Every later Inform carries the same set, none of them value changes.
    for inform in &run.informs {
        let names: Vec<String> = inform_params(inform).into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, model_forced);
    }
}

#[test]
fn the_acs_sets_stun_and_reads_the_udp_connection_request_address() {
    let run = device::run();
    let before = &run.nat_before;
    assert_eq!(
        value_of(before, "Device.ManagementServer.STUNEnable"),
        "false"
    );
    assert_eq!(
        value_of(
            before,
            "Device.ManagementServer.UDPConnectionRequestAddress"
        ),
        device::LOCAL_UDP_ADDRESS
    );
    assert_eq!(
        value_of(before, "Device.ManagementServer.NATDetected"),
        "false"
    );

    assert!(matches!(
        run.set,
        Response::SetParameterValuesResponse { status: 0 }
    ));
    let after = &run.nat_after;
    assert_eq!(
        value_of(after, "Device.ManagementServer.STUNEnable"),
        "true"
    );
    assert_eq!(
        value_of(after, "Device.ManagementServer.STUNServerAddress"),
        device::STUN_SERVER
    );
    assert_eq!(
        value_of(after, "Device.ManagementServer.STUNServerPort"),
        "3478"
    );
    assert_eq!(
        value_of(after, "Device.ManagementServer.UDPConnectionRequestAddress"),
        run.gateway.nat.public
    );
    assert_eq!(
        value_of(after, "Device.ManagementServer.NATDetected"),
        "true"
    );
    assert_eq!(
        value_of(
            &run.periodic_values,
            "Device.ManagementServer.UDPConnectionRequestAddress"
        ),
        "203.0.113.45:40001"
    );
    // One binding when the ACS turned STUN on, one per boot since.
    assert_eq!(run.gateway.nat.bindings, 3);
}

#[test]
fn the_periodic_inform_comes_one_acs_set_interval_after_the_session() {
    let run = device::run();
    let end = run.first_session_end.to_unix().unwrap();
    let planned = DateTime::from_unix(end + i64::from(device::INTERVAL));
    assert_eq!(run.planned_wakeup, Some(planned));
    assert!(!run.due_a_second_early);
    assert_eq!(run.periodic_at, Some(planned));
    let periodic = &run.informs[1];
    assert_eq!(events(periodic), [event("2 PERIODIC", "")]);
    assert_eq!(periodic.current_time, planned.to_string());
    assert_eq!(
        value_of(&run.periodic_values, "Device.DeviceInfo.UpTime"),
        device::INTERVAL.to_string(),
        "up since the first boot"
    );
}

#[test]
fn reboot_then_factory_reset_which_keeps_the_management_server() {
    let run = device::run();
    assert!(matches!(run.reboot, Response::RebootResponse));
    assert_eq!(
        events(&run.informs[2]),
        [event("M Reboot", "rdk-reboot"), event("1 BOOT", "")]
    );
    assert!(matches!(run.factory_reset, Response::FactoryResetResponse));
    let last = &run.informs[3];
    assert_eq!(
        events(last),
        [event("0 BOOTSTRAP", ""), event("1 BOOT", "")]
    );
    assert_eq!(
        last.device_id.serial_number,
        device::SERIAL,
        "identity restored"
    );
    let kept = &run.reset_values;
    assert_eq!(
        value_of(kept, "Device.ManagementServer.PeriodicInformInterval"),
        "300"
    );
    assert_eq!(value_of(kept, "Device.ManagementServer.STUNEnable"), "true");
    assert_eq!(
        value_of(kept, "Device.ManagementServer.NATDetected"),
        "true"
    );
    assert_eq!(
        value_of(kept, "Device.ManagementServer.ParameterKey"),
        "rdk-1"
    );
    assert_eq!(value_of(kept, "Device.Time.NTPServer1"), "", "not kept");
    assert_eq!(
        run.tree.get_param(ManagementServer::URL, &[]).unwrap(),
        device::ACS_URL
    );
    assert!(run.state.events().is_empty(), "every event was delivered");
}

#[test]
fn every_envelope_of_the_story_is_valid_cwmp() {
    let run = device::run();
    let texts: Vec<String> = run
        .acs
        .transcript()
        .iter()
        .filter(|m| !m.text.is_empty())
        .map(|m| m.text.clone())
        .collect();
    assert_eq!(run.acs.sessions(), 4);
    common::validate("rdk-gateway", &texts);
}

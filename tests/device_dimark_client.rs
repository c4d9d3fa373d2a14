//! The Dimark-style client example (`examples/dimark-client`) as a test:
//! every behaviour its story plays, checked on the answers and on the
//! client.

// The test leaves the printout's parts (scenes) unread.
mod common;
#[allow(dead_code)]
#[path = "../examples/dimark-client/device.rs"]
mod device;

use cwmp_model::models::dimark_client::device::{DeviceInfo, MODEL};
use cwmp_model::runtime::soap::{Inform, Response, TransferState};
use cwmp_model::runtime::value::DateTime;

/// The forced-inform parameters of the client's model.
const FORCED: [&str; 5] = [
    "Device.DeviceInfo.HardwareVersion",
    "Device.DeviceInfo.SoftwareVersion",
    "Device.DeviceInfo.ProvisioningCode",
    "Device.ManagementServer.ParameterKey",
    "Device.ManagementServer.ConnectionRequestURL",
];

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

fn inform_value(inform: &Inform, name: &str) -> String {
    inform
        .parameters
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("{name} not in the Inform"))
        .value
        .clone()
}

#[test]
fn the_inform_device_id_names_the_client() {
    let run = device::run();
    for inform in &run.informs {
        let id = &inform.device_id;
        assert_eq!(id.manufacturer, "Example Networks");
        assert_eq!(id.oui, "A4B1C2");
        assert_eq!(id.product_class, "DMK5");
        assert_eq!(id.serial_number, device::SERIAL);
        // As the tree holds them.
        let tree = &run.tree;
        assert_eq!(
            id.manufacturer,
            tree.get_param(DeviceInfo::MANUFACTURER, &[]).unwrap()
        );
        assert_eq!(
            id.oui,
            tree.get_param(DeviceInfo::MANUFACTURER_OUI, &[]).unwrap()
        );
        assert_eq!(
            id.product_class,
            tree.get_param(DeviceInfo::PRODUCT_CLASS, &[]).unwrap()
        );
        assert_eq!(
            id.serial_number,
            tree.get_param(DeviceInfo::SERIAL_NUMBER, &[]).unwrap()
        );
    }
}

#[test]
fn the_bootstrap_inform_and_every_inform_carry_the_forced_parameters() {
    let run = device::run();
    let model_forced: Vec<String> = MODEL
        .params
        .iter()
        .filter(|p| p.forced_inform)
        .map(|p| format!("{}{}", MODEL.objects[p.object as usize].path, p.name))
        .collect();
    assert_eq!(model_forced, FORCED);

    let bootstrap = &run.informs[0];
    assert_eq!(
        events(bootstrap),
        [event("0 BOOTSTRAP", ""), event("1 BOOT", "")]
    );
    assert_eq!(inform_value(bootstrap, FORCED[0]), "HW-B2");
    assert_eq!(inform_value(bootstrap, FORCED[1]), device::FACTORY_FIRMWARE);
    assert_eq!(inform_value(bootstrap, FORCED[2]), "DMK-RES-01");
    assert_eq!(inform_value(bootstrap, FORCED[3]), "");
    assert_eq!(
        inform_value(bootstrap, FORCED[4]),
        "http://198.51.100.23:30005/cwmp"
    );
    for inform in &run.informs {
        let names: Vec<&str> = inform.parameters.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, FORCED);
    }
    assert!(matches!(
        run.set,
        Response::SetParameterValuesResponse { status: 0 }
    ));
    assert_eq!(inform_value(&run.informs[1], FORCED[3]), "dmk-boot-1");
}

#[test]
fn the_client_receives_every_download_argument_exactly() {
    let run = device::run();
    assert!(matches!(
        run.download,
        Response::DownloadResponse { status: 1, .. }
    ));
    let sent = device::firmware_download();
    // Every argument is filled in, so none can pass by being a default.
    for text in [
        &sent.command_key,
        &sent.file_type,
        &sent.url,
        &sent.username,
        &sent.password,
        &sent.target_file_name,
        &sent.success_url,
        &sent.failure_url,
    ] {
        assert!(!text.is_empty());
    }
    assert!(sent.file_size > 0 && sent.delay_seconds > 0);
    assert_eq!(run.client.downloads, std::slice::from_ref(&sent));

    // And the client used them: the credentials got the file, FileSize
    // matched, TargetFileName names it, SuccessURL was shown.
    let stored = &run.client.flash[&sent.target_file_name];
    assert_eq!(*stored, device::image(device::NEW_FIRMWARE));
    assert_eq!(stored.len(), sent.file_size as usize);
    assert_eq!(
        run.client.redirects,
        std::slice::from_ref(&sent.success_url)
    );
}

#[test]
fn delay_seconds_pass_on_the_clock_before_the_transfer_starts() {
    let run = device::run();
    let accepted = run.accepted_at.to_unix().unwrap();
    let due = DateTime::from_unix(accepted + 30);
    assert_eq!(run.planned_wakeup, Some(due));
    assert_eq!(run.a_second_early, (0, Some(TransferState::NotYetStarted)));
    assert_eq!(run.started_on_time, 1);
    assert_eq!(run.client.started.len(), 1);
    assert_eq!(run.client.started[0].1, due);
    assert_eq!(run.transfer_completes[0].start_time, due.to_string());
}

#[test]
fn the_transfer_complete_follows_with_the_command_key() {
    let run = device::run();
    let upgraded = &run.informs[1];
    assert_eq!(
        events(upgraded),
        [
            event("7 TRANSFER COMPLETE", ""),
            event("M Download", "fw-2.1.0"),
            event("1 BOOT", ""),
            event("4 VALUE CHANGE", ""),
        ]
    );
    assert_eq!(
        inform_value(upgraded, "Device.DeviceInfo.SoftwareVersion"),
        device::NEW_FIRMWARE
    );
    let [complete] = &run.transfer_completes[..] else {
        panic!("one TransferComplete: {:?}", run.transfer_completes)
    };
    assert_eq!(complete.command_key, "fw-2.1.0");
    assert_eq!(complete.fault.code, 0);
    assert!(complete.start_time < complete.complete_time);
    let Response::GetParameterValuesResponse { list } = &run.upgraded_values else {
        panic!("{:?}", run.upgraded_values)
    };
    assert_eq!(list[0].value, device::NEW_FIRMWARE);
    assert!(run.state.events().is_empty(), "every event was delivered");
    assert!(
        run.state.transfers().is_empty(),
        "the transfer left the queue"
    );
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
    assert_eq!(run.acs.sessions(), 2);
    common::validate("dimark-client", &texts);
}

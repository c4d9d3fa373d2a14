//! Reboot, FactoryReset, Download, Upload, ScheduleDownload,
//! CancelTransfer, GetQueuedTransfers, GetAllQueuedTransfers,
//! ScheduleInform, and the TransferComplete that follows a transfer.

use cwmp_model_runtime::rpc::{Action, EventCode, Session, TransferOutcome};
use cwmp_model_runtime::soap::{Response, TransferState, UNKNOWN_TIME};
use cwmp_model_runtime::value::DateTime;

use super::common::*;
use super::lab;
use super::lab::T0;

fn events(state: &cwmp_model_runtime::rpc::CpeState) -> Vec<(String, String)> {
    state
        .events()
        .iter()
        .map(|e| (e.code.as_str().to_owned(), e.command_key.clone()))
        .collect()
}

#[test]
fn reboot_runs_after_the_session_and_reports_its_command_key() {
    let (mut tree, mut device, mut state) = lab();
    let mut s = Session::new(&mut tree, &mut device, &mut state);
    let mut t = Transcript::new();
    let r = t.ask(
        &mut s,
        NS0,
        "<cwmp:Reboot><CommandKey>rb-1</CommandKey></cwmp:Reboot>",
    );
    assert_eq!(r, Response::RebootResponse);
    let r = t.ask(
        &mut s,
        NS0,
        &format!(
            "<cwmp:Reboot><CommandKey>{}</CommandKey></cwmp:Reboot>",
            "k".repeat(33)
        ),
    );
    assert_eq!(fault_of(&r).map(|f| f.0), Some(9003));
    // Nothing happens before the session ends.
    let r = t.ask(&mut s, NS0, &gpv(&["Device.DeviceInfo.Mode"]));
    assert_eq!(value_of(&r, "Device.DeviceInfo.Mode"), "Auto");
    assert_eq!(s.pending_actions().len(), 1);
    let done = s.end_session();
    assert_eq!(
        done,
        [Action::Reboot {
            command_key: "rb-1".into()
        }]
    );
    assert_eq!(device.reboots, 1);
    assert_eq!(
        events(&state),
        [
            ("M Reboot".into(), "rb-1".into()),
            ("1 BOOT".into(), String::new())
        ]
    );
}

#[test]
fn factory_reset_keeps_the_management_server_and_bootstraps() {
    let (mut tree, mut device, mut state) = lab();
    let mut s = Session::new(&mut tree, &mut device, &mut state);
    let mut t = Transcript::new();
    t.ask(
        &mut s,
        NS0,
        &spv(
            &[
                ("Device.DeviceInfo.Mode", "Manual", "string"),
                ("Device.ManagementServer.Username", "kept", "string"),
            ],
            "k",
        ),
    );
    t.ask(&mut s, NS0, &add("Device.Host.", "k2"));
    t.ask(
        &mut s,
        NS0,
        &download("dl", "1 Firmware Upgrade Image", "http://files/fw.bin"),
    );
    let r = t.ask(&mut s, NS0, "<cwmp:FactoryReset/>");
    assert_eq!(r, Response::FactoryResetResponse);
    t.ask(
        &mut s,
        NS0,
        "<cwmp:Reboot><CommandKey>moot</CommandKey></cwmp:Reboot>",
    );
    assert_eq!(
        s.tree().get("Device.DeviceInfo.Mode").unwrap().to_string(),
        "Manual"
    );
    let done = s.end_session();
    assert_eq!(done.len(), 2);
    assert_eq!((device.resets, device.reboots), (1, 0));
    assert_eq!(
        tree.get("Device.DeviceInfo.Mode").unwrap().to_string(),
        "Auto"
    );
    assert_eq!(
        tree.get("Device.HostNumberOfEntries").unwrap().to_string(),
        "0"
    );
    assert_eq!(
        tree.get("Device.ManagementServer.Username")
            .unwrap()
            .to_string(),
        "kept"
    );
    assert_eq!(
        tree.get("Device.ManagementServer.ParameterKey")
            .unwrap()
            .to_string(),
        "k2"
    );
    assert!(state.transfers().is_empty());
    assert_eq!(
        events(&state),
        [
            ("0 BOOTSTRAP".into(), String::new()),
            ("1 BOOT".into(), String::new())
        ]
    );
}

#[test]
fn a_queued_download_ends_in_a_transfer_complete() {
    let (mut tree, mut device, mut state) = lab();
    let mut t = Transcript::new();
    let mut s = Session::new(&mut tree, &mut device, &mut state);
    let r = t.ask(
        &mut s,
        NS2,
        &download("fw-9", "1 Firmware Upgrade Image", "https://files/fw.bin"),
    );
    let expected = Response::DownloadResponse {
        status: 1,
        start_time: UNKNOWN_TIME.into(),
        complete_time: UNKNOWN_TIME.into(),
    };
    assert_eq!(r, expected);
    let r = t.ask(&mut s, NS2, "<cwmp:GetQueuedTransfers/>");
    let Response::GetQueuedTransfersResponse { list } = &r else {
        panic!("{r:?}")
    };
    assert_eq!(
        (list[0].command_key.as_str(), list[0].state),
        ("fw-9", TransferState::NotYetStarted)
    );
    let r = t.ask(&mut s, NS2, "<cwmp:GetAllQueuedTransfers/>");
    let Response::GetAllQueuedTransfersResponse { list } = &r else {
        panic!("{r:?}")
    };
    assert!(
        list[0].is_download && list[0].file_size == 1024 && list[0].target_file_name == "fw.bin"
    );
    // Not yet finished: nothing to send.
    t.tell(
        &mut s,
        NS2,
        "<cwmp:InformResponse><MaxEnvelopes>1</MaxEnvelopes></cwmp:InformResponse>",
    );
    assert!(s.next_request().is_none());
    s.end_session();

    // The device downloads, fails to authenticate the file, and reports.
    let id = device.downloads[0];
    assert!(state.set_transfer_state(id, TransferState::InProgress));
    let start = DateTime::from_unix(T0 + 10);
    let end = DateTime::from_unix(T0 + 20);
    assert!(state.finish_transfer(id, TransferOutcome::failure(9019, start, end)));
    assert!(!state.finish_transfer(id, TransferOutcome::success(start, end)));

    let mut s = Session::new(&mut tree, &mut device, &mut state);
    let inform = s.inform(0);
    t.record(&inform);
    let Response::Inform(i) = &inform.body else {
        panic!()
    };
    let codes: Vec<(&str, &str)> = i
        .events
        .iter()
        .map(|e| (e.code.as_str(), e.command_key.as_str()))
        .collect();
    assert_eq!(codes, [("7 TRANSFER COMPLETE", ""), ("M Download", "fw-9")]);
    assert!(s.next_request().is_none(), "before the InformResponse");
    t.tell(
        &mut s,
        NS2,
        "<cwmp:InformResponse><MaxEnvelopes>1</MaxEnvelopes></cwmp:InformResponse>",
    );
    let tc = s.next_request().expect("TransferComplete");
    t.record(&tc);
    let Response::TransferComplete(c) = &tc.body else {
        panic!("{tc:?}")
    };
    assert_eq!((c.command_key.as_str(), c.fault.code), ("fw-9", 9019));
    assert_eq!(
        (c.start_time.as_str(), c.complete_time.as_str()),
        ("2024-05-01T12:00:10Z", "2024-05-01T12:00:20Z")
    );
    assert!(s.next_request().is_none(), "one at a time");
    // Retained until the ACS acknowledges the TransferComplete.
    assert_eq!(s.state().events().len(), 2);
    t.tell(&mut s, NS2, "<cwmp:TransferCompleteResponse/>");
    assert!(s.state().events().is_empty());
    assert!(s.state().transfers().is_empty());
    assert!(s.next_request().is_none());
}

#[test]
fn transfer_complete_in_cwmp_1_0_uses_its_fault_codes() {
    let (mut tree, mut device, mut state) = lab();
    let mut t = Transcript::new();
    let mut s = Session::new(&mut tree, &mut device, &mut state);
    t.ask(
        &mut s,
        NS0,
        &download("old", "1 Firmware Upgrade Image", "http://files/fw.bin"),
    );
    s.end_session();
    let id = device.downloads[0];
    let at = DateTime::from_unix(T0);
    state.finish_transfer(id, TransferOutcome::failure(9016, at, at));
    let mut s = Session::new(&mut tree, &mut device, &mut state);
    t.record(&s.inform(0));
    t.tell(
        &mut s,
        NS0,
        "<cwmp:InformResponse><MaxEnvelopes>1</MaxEnvelopes></cwmp:InformResponse>",
    );
    let tc = s.next_request().expect("TransferComplete");
    t.record(&tc);
    let Response::TransferComplete(c) = &tc.body else {
        panic!()
    };
    assert_eq!(c.fault.code, 9010);
    // An ACS fault leaves it for the next session.
    t.tell(&mut s, NS0, "<soap:Fault><faultcode>Server</faultcode><faultstring>CWMP fault</faultstring><detail><cwmp:Fault><FaultCode>8002</FaultCode><FaultString>Internal error</FaultString></cwmp:Fault></detail></soap:Fault>");
    assert_eq!(s.acs_fault().and_then(|f| f.code), Some(8002));
    assert!(s.next_request().is_none());
    assert_eq!(s.state().transfers().len(), 1);
}

#[test]
fn download_and_upload_arguments_are_checked() {
    let (mut tree, mut device, mut state) = lab();
    device.clock = 100;
    let mut s = Session::new(&mut tree, &mut device, &mut state);
    let mut t = Transcript::new();
    let r = t.ask(
        &mut s,
        NS1,
        &download("now", "1 Firmware Upgrade Image", "http://instant/fw"),
    );
    let expected = Response::DownloadResponse {
        status: 0,
        start_time: "2024-05-01T12:01:40Z".into(),
        complete_time: "2024-05-01T12:01:45Z".into(),
    };
    assert_eq!(r, expected);
    assert!(s.state().transfers().is_empty());
    for (file_type, url, code) in [
        ("Firmware", "http://f/x", 9003),
        ("1 Firmware Upgrade Image", "gopher://f/x", 9013),
        ("1 Firmware Upgrade Image", "no-url", 9003),
    ] {
        let r = t.ask(&mut s, NS1, &download("k", file_type, url));
        assert_eq!(fault_of(&r).map(|f| f.0), Some(code), "{file_type} {url}");
    }
    let upload = "<cwmp:Upload><CommandKey>up</CommandKey><FileType>2 Vendor Log File</FileType><URL>ftp://logs/</URL><Username/><Password/><DelaySeconds>5</DelaySeconds></cwmp:Upload>";
    let r = t.ask(&mut s, NS1, upload);
    assert!(
        matches!(r, Response::UploadResponse { status: 1, .. }),
        "{r:?}"
    );
    for i in 1..16 {
        let r = t.ask(
            &mut s,
            NS1,
            &download(
                &format!("q{i}"),
                "3 Vendor Configuration File",
                "http://f/c",
            ),
        );
        assert!(
            matches!(r, Response::DownloadResponse { status: 1, .. }),
            "{r:?}"
        );
    }
    let r = t.ask(
        &mut s,
        NS1,
        &download("full", "1 Firmware Upgrade Image", "http://f/x"),
    );
    assert_eq!(fault_of(&r).map(|f| f.0), Some(9004));
    let r = t.ask(&mut s, NS2, "<cwmp:GetAllQueuedTransfers/>");
    let Response::GetAllQueuedTransfersResponse { list } = &r else {
        panic!("{r:?}")
    };
    assert_eq!(list.len(), 16);
    assert!(!list[0].is_download);
    // The cwmp-1-1 schema has no room for upload file types.
    let r = t.ask(&mut s, NS1, "<cwmp:GetAllQueuedTransfers/>");
    let Response::GetAllQueuedTransfersResponse { list } = &r else {
        panic!("{r:?}")
    };
    assert_eq!(list.len(), 15);
    assert!(list.iter().all(|t| t.is_download));
}

#[test]
fn schedule_download_and_cancel_transfer() {
    let (mut tree, mut device, mut state) = lab();
    let mut s = Session::new(&mut tree, &mut device, &mut state);
    let mut t = Transcript::new();
    let window = |start: u32, end: u32, mode: &str| {
        format!("<TimeWindowStruct><WindowStart>{start}</WindowStart><WindowEnd>{end}</WindowEnd><WindowMode>{mode}</WindowMode><UserMessage/><MaxRetries>-1</MaxRetries></TimeWindowStruct>")
    };
    let sd = |key: &str, windows: &str| {
        format!("<cwmp:ScheduleDownload><CommandKey>{key}</CommandKey><FileType>1 Firmware Upgrade Image</FileType><URL>http://f/fw</URL><Username/><Password/><FileSize>9</FileSize><TargetFileName/><TimeWindowList>{windows}</TimeWindowList></cwmp:ScheduleDownload>")
    };
    let good = sd(
        "sd",
        &(window(0, 60, "1 At Any Time") + &window(60, 120, "3 When Idle")),
    );
    assert_eq!(
        t.ask(&mut s, NS2, &good),
        Response::ScheduleDownloadResponse
    );
    for bad in [
        sd("b", ""),
        sd("b", &window(10, 5, "2 Immediately")),
        sd("b", &window(0, 5, "7 Never")),
    ] {
        let r = t.ask(&mut s, NS2, &bad);
        assert_eq!(fault_of(&r).map(|f| f.0), Some(9003));
    }
    // Not in the CWMP 1.0 schema.
    let r = t.ask(&mut s, NS0, &good);
    assert_eq!(fault_of(&r).map(|f| f.0), Some(9000));
    t.ask(
        &mut s,
        NS2,
        &download("busy", "1 Firmware Upgrade Image", "http://f/fw"),
    );
    let cancel = |key: &str| {
        format!("<cwmp:CancelTransfer><CommandKey>{key}</CommandKey></cwmp:CancelTransfer>")
    };
    assert_eq!(
        t.ask(&mut s, NS2, &cancel("sd")),
        Response::CancelTransferResponse
    );
    let r = t.ask(&mut s, NS2, &cancel("sd"));
    assert_eq!(fault_of(&r).map(|f| f.0), Some(9003));
    s.end_session();
    let busy = state.transfers()[0].id;
    state.set_transfer_state(busy, TransferState::InProgress);
    let mut s = Session::new(&mut tree, &mut device, &mut state);
    let r = t.ask(&mut s, NS2, &cancel("busy"));
    assert_eq!(fault_of(&r).map(|f| f.0), Some(9021));
    let r = t.ask(&mut s, NS0, "<cwmp:GetQueuedTransfers/>");
    let Response::GetQueuedTransfersResponse { list } = &r else {
        panic!("{r:?}")
    };
    assert_eq!(list[0].state, TransferState::InProgress);
}

#[test]
fn schedule_inform_falls_due_with_its_events() {
    let (mut tree, mut device, mut state) = lab();
    let mut s = Session::new(&mut tree, &mut device, &mut state);
    let mut t = Transcript::new();
    let si = |delay: u32, key: &str| {
        format!("<cwmp:ScheduleInform><DelaySeconds>{delay}</DelaySeconds><CommandKey>{key}</CommandKey></cwmp:ScheduleInform>")
    };
    let r = t.ask(&mut s, NS0, &si(0, "now"));
    assert_eq!(fault_of(&r).map(|f| f.0), Some(9003));
    assert_eq!(
        t.ask(&mut s, NS0, &si(60, "later")),
        Response::ScheduleInformResponse
    );
    s.end_session();
    assert_eq!(device.informs, [(60, "later".to_owned())]);
    assert_eq!(
        state.fire_scheduled_informs(DateTime::from_unix(T0 + 59)),
        0
    );
    assert_eq!(
        state.fire_scheduled_informs(DateTime::from_unix(T0 + 60)),
        1
    );
    assert!(state.scheduled_informs().is_empty());
    assert_eq!(
        events(&state),
        [
            ("3 SCHEDULED".into(), String::new()),
            ("M ScheduleInform".into(), "later".into())
        ]
    );
    assert_eq!(state.events()[1].code, EventCode::MScheduleInform);
}

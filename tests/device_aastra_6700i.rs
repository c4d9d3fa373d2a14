//! The Aastra 6700i example (`examples/aastra-6700i`) as a test: the story
//! its `device::run` plays on one tree of the mounted model (root and voice
//! service), checked behaviour by behaviour, and every envelope of it
//! validated against the BBF schemas.

// The example prints what this test does not read, and the other way round.
#[allow(dead_code)]
#[path = "../examples/aastra-6700i/device.rs"]
mod device;

mod common;

use cwmp_model::models::aastra_6700i::{device as root, model, voice_service};
use cwmp_model::runtime::engine::Tree;
use cwmp_model::runtime::rpc::{Action, CpeState, EventCode, ScriptedAcs, Session};
use cwmp_model::runtime::soap::{codes, AddObject, Request, Response};
use cwmp_model::runtime::value::{DateTime, Value};

use device::{Aastra6700i, FileServer, Run, Scene, LINE1, VOICE};
use voice_service::voice_service::VoiceProfile;

/// The story, played once for all the tests: each checks one behaviour
/// of the same run.
fn story() -> &'static Run {
    static RUN: std::sync::OnceLock<Run> = std::sync::OnceLock::new();
    RUN.get_or_init(device::run)
}

fn values(scene: &Scene, label: &str) -> Vec<(String, String)> {
    match scene.reply(label) {
        Response::GetParameterValuesResponse { list } => list
            .iter()
            .map(|p| (p.name.clone(), p.value.clone()))
            .collect(),
        other => panic!("`{label}`: {other:?}"),
    }
}

fn fault(scene: &Scene, label: &str) -> (u32, String) {
    match scene.reply(label) {
        Response::Fault(f) => (f.code, f.string.clone()),
        other => panic!("`{label}` was answered with {other:?}"),
    }
}

fn stored(tree: &Tree, path: &str) -> Value {
    tree.get(path).unwrap_or_else(|f| panic!("{path}: {f}"))
}

fn text(s: &str) -> Value {
    Value::String(s.into())
}

fn at(unix: i64) -> DateTime {
    DateTime::from_unix(unix)
}

/// A value of the Inform's ParameterList.
fn inform_value(scene: &Scene, name: &str) -> Option<String> {
    scene
        .inform
        .parameters
        .iter()
        .find(|p| p.name == name)
        .map(|p| p.value.clone())
}

#[test]
fn the_phone_introduces_itself() {
    let run = story();
    let first = run.scene("first-contact");
    assert_eq!(first.events(), ["0 BOOTSTRAP", "1 BOOT"]);
    assert_eq!(first.inform.device_id.manufacturer, "Aastra");
    assert_eq!(first.inform.device_id.oui, "00085D");
    assert_eq!(
        values(first, "identity"),
        [
            (
                "Device.DeviceInfo.SoftwareVersion".into(),
                device::FIRMWARE.into()
            ),
            ("Device.LAN.MACAddress".into(), device::MAC.into()),
        ]
    );
}

#[test]
fn adding_a_voice_profile_creates_its_line_and_deleting_it_removes_the_line() {
    let run = story();
    // The voice service is set up in the same session as the root model.
    let first = run.scene("first-contact");
    for label in ["periodic", "global", "line 1"] {
        assert!(
            matches!(
                first.reply(label),
                Response::SetParameterValuesResponse { status: 0 }
            ),
            "{label}"
        );
    }
    assert!(matches!(
        first.reply("add profile"),
        Response::AddObjectResponse {
            instance_number: 1,
            status: 0
        }
    ));
    let Response::GetParameterNamesResponse { list } = first.reply("lines of profile 1") else {
        panic!("no names")
    };
    let lines: Vec<&str> = list.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(lines, [LINE1]);
    assert!(matches!(
        first.reply("add profile 2"),
        Response::AddObjectResponse {
            instance_number: 2,
            ..
        }
    ));
    assert_eq!(
        values(first, "line 2"),
        [(
            format!("{VOICE}VoiceProfile.2.Line.1.DirectoryNumber"),
            String::new()
        )],
        "the new profile came with its line"
    );
    let (code, message) = fault(first, "add line");
    assert_eq!(code, codes::INVALID_ARGUMENTS, "{message}");
    assert!(matches!(
        first.reply("delete profile 2"),
        Response::DeleteObjectResponse { status: 0 }
    ));
    assert_eq!(
        fault(first, "line 2 gone").0,
        codes::INVALID_PARAMETER_NAME,
        "the line went with its profile"
    );
    // The phone keeps profile 1 on its line key, and its settings, in the
    // one tree.
    assert_eq!(run.phone.line_keys.iter().copied().collect::<Vec<_>>(), [1]);
    assert_eq!(
        stored(&run.tree, &format!("{LINE1}DirectoryNumber")),
        text("3001")
    );
    assert_eq!(
        stored(
            &run.tree,
            &format!("{VOICE}X_Aastra_GlobalVoiceProfile.SIP.ProxyServer")
        ),
        text("sip.example.net")
    );
    assert_eq!(
        stored(&run.tree, &format!("{VOICE}VoiceProfileNumberOfEntries")),
        Value::UnsignedInt(1)
    );
    assert_eq!(
        stored(&run.tree, "Device.Services.VoiceServiceNumberOfEntries"),
        Value::UnsignedInt(1)
    );
    // The voice model's structs read the same profile (VoiceService 1,
    // VoiceProfile 1) from the one tree.
    let profile: VoiceProfile = run.tree.read(&[1, 1]).unwrap();
    assert_eq!(profile.sip.proxy_server, "sip.example.net");
    let line = profile.line.get(1).unwrap();
    assert_eq!(line.directory_number, "3001");
    assert_eq!(profile.line.iter().count(), 1);
    assert_eq!(
        run.tree.read::<VoiceProfile>(&[1, 2]).unwrap_err().code,
        codes::INVALID_PARAMETER_NAME
    );
    // The SIP password reads back empty; the phone has it.
    let password = format!("{LINE1}SIP.AuthPassword");
    assert_eq!(
        values(first, "password"),
        [(password.clone(), String::new())]
    );
    assert_eq!(stored(&run.tree, &password), text("l1ne-Pw"));
    assert_eq!(line.sip.auth_password, "l1ne-Pw");
}

#[test]
fn the_acs_sets_active_and_passive_notification() {
    let run = story();
    let first = run.scene("first-contact");
    assert!(matches!(
        first.reply("notify"),
        Response::SetParameterAttributesResponse
    ));
    let Response::GetParameterAttributesResponse { list } = first.reply("attributes") else {
        panic!("no attributes")
    };
    let notification = |name: &str| {
        list.iter()
            .find(|a| a.name == name)
            .map(|a| a.notification)
            .unwrap_or_else(|| panic!("no attributes of {name}"))
    };
    assert_eq!(notification("Device.Time.LocalTimeZone"), 1);
    assert_eq!(notification("Device.Time.NTPServer1"), 0);
    assert_eq!(
        notification(&format!("{LINE1}CallingFeatures.CallerIDName")),
        2
    );
    assert_eq!(notification(&format!("{LINE1}X_Aastra_ScreenName2")), 1);
    assert_eq!(
        notification(&format!("{LINE1}CallingFeatures.MWIEnable")),
        0
    );
}

#[test]
fn an_active_change_on_the_phone_opens_a_session_at_once() {
    let run = story();
    let active = run.scene("active-change");
    assert_eq!(active.checks, [(at(device::ACTIVE_CHANGE_AT), true)]);
    assert_eq!(active.opened_at, at(device::ACTIVE_CHANGE_AT));
    assert_eq!(active.events(), ["4 VALUE CHANGE"]);
    // A voice parameter, reported at its place in the device.
    let display_name = format!("{LINE1}CallingFeatures.CallerIDName");
    assert_eq!(
        inform_value(active, &display_name).as_deref(),
        Some("Front Desk")
    );
    assert_eq!(inform_value(active, "Device.Time.LocalTimeZone"), None);
    assert_eq!(
        inform_value(active, &format!("{LINE1}X_Aastra_ScreenName2")),
        None
    );
    assert!(values(active, "line 1").contains(&(display_name, "Front Desk".into())));
}

#[test]
fn a_passive_change_waits_for_the_periodic_inform() {
    let run = story();
    let periodic = run.scene("periodic");
    let hour = device::T0 + 3600;
    assert_eq!(
        periodic.checks,
        [(at(device::PASSIVE_CHANGE_AT), false), (at(hour), true)],
        "no session for the changes themselves; the phone slept until the next Inform"
    );
    assert_eq!(periodic.opened_at, at(hour));
    assert_eq!(periodic.events(), ["2 PERIODIC", "4 VALUE CHANGE"]);
    // One Inform carries the changes of both models.
    assert_eq!(
        inform_value(periodic, "Device.Time.LocalTimeZone").as_deref(),
        Some("CET-1CEST,M3.5.0,M10.5.0/3")
    );
    assert_eq!(
        inform_value(periodic, &format!("{LINE1}X_Aastra_ScreenName2")).as_deref(),
        Some("Mon-Fri 8-18")
    );
    assert_eq!(
        inform_value(periodic, &format!("{LINE1}CallingFeatures.CallerIDName")),
        None,
        "reported already"
    );
}

#[test]
fn the_configuration_backup_and_the_crash_log_are_uploaded() {
    let run = story();
    let asked = run.scene("periodic");
    for label in ["backup", "crash log"] {
        assert!(matches!(
            asked.reply(label),
            Response::UploadResponse { status: 1, .. }
        ));
    }
    assert_eq!(fault(asked, "other file type").0, codes::INVALID_ARGUMENTS);

    let done = run.scene("uploaded");
    assert_eq!(
        done.events(),
        ["7 TRANSFER COMPLETE", "M Upload", "M Upload"]
    );
    let completes: Vec<(&str, u32)> = done
        .transfer_completes
        .iter()
        .map(|t| (t.command_key.as_str(), t.fault.code))
        .collect();
    assert_eq!(completes, [("bak-1", 0), ("crash-1", 0)]);

    let file = |name: &str| {
        let url = format!("{}{name}", device::FILES);
        let bytes = run.phone.files.get(&url).unwrap_or_else(|| panic!("{url}"));
        String::from_utf8_lossy(bytes).into_owned()
    };
    let backup = file("00085D1A2B3C_local.cfg");
    for line in [
        "time zone name: CET-1CEST,M3.5.0,M10.5.0/3",
        "sip proxy ip: sip.example.net",
        "sip line1 user name: 3001",
        "sip line1 display name: Front Desk",
        "sip line1 screen name 2: Mon-Fri 8-18",
    ] {
        assert!(backup.lines().any(|l| l == line), "{line} in\n{backup}");
    }
    assert!(!backup.contains("l1ne-Pw"), "no passwords in backups");
    assert!(!backup.contains("sip line2"), "profile 2 was deleted");
    assert!(file("00085D1A2B3C_crash.log").contains("SIGSEGV"));
}

#[test]
fn new_firmware_is_applied_and_the_phone_reboots() {
    let run = story();
    let asked = run.scene("uploaded");
    assert!(matches!(
        asked.reply("firmware"),
        Response::DownloadResponse { status: 1, .. }
    ));
    let booted = run.scene("new-firmware");
    let events = booted.events();
    for event in ["1 BOOT", "7 TRANSFER COMPLETE", "M Download"] {
        assert!(events.contains(&event), "{event} in {events:?}");
    }
    assert_eq!(booted.inform.events.len(), 4, "{events:?}");
    assert!(
        events.contains(&"4 VALUE CHANGE"),
        "SoftwareVersion has forced active notification"
    );
    let complete = &booted.transfer_completes[..];
    assert_eq!(complete.len(), 1);
    assert_eq!(complete[0].command_key, "fw-1");
    assert_eq!(complete[0].fault.code, 0);
    assert_eq!(
        inform_value(booted, "Device.DeviceInfo.SoftwareVersion").as_deref(),
        Some(device::NEW_FIRMWARE)
    );
    assert_eq!(
        stored(&booted.tree_after, "Device.DeviceInfo.SoftwareVersion"),
        text(device::NEW_FIRMWARE)
    );
}

#[test]
fn the_running_version_is_refused_without_a_reboot() {
    let run = story();
    let asked = run.scene("new-firmware");
    assert!(matches!(
        asked.reply("same firmware"),
        Response::DownloadResponse { status: 1, .. }
    ));
    let refused = run.scene("refused");
    assert_eq!(refused.events(), ["7 TRANSFER COMPLETE", "M Download"]);
    let complete = &refused.transfer_completes[..];
    assert_eq!(complete.len(), 1);
    assert_eq!(complete[0].command_key, "fw-2");
    assert_eq!(complete[0].fault.code, codes::FILE_TRANSFER_FAILURE);
    assert_eq!(
        complete[0].fault.string,
        format!(
            "firmware {} is already running; the image was not applied",
            device::NEW_FIRMWARE
        )
    );
    let version = values(refused, "version");
    assert_eq!(version[0].1, device::NEW_FIRMWARE);
    let up_time: u32 = version[1].1.parse().unwrap();
    assert!(up_time > 0, "no reboot since the new firmware");
    // Out of the box, then the new firmware: two boots, none since.
    assert_eq!(run.phone.boots, 2);
    assert!(run.state.transfers().is_empty(), "all acknowledged");
    assert!(run.state.events().is_empty(), "all delivered");
}

/// Not in the story: a FactoryReset resets the voice service with the rest
/// of the device, and the phone lets go of its line keys.
#[test]
fn a_factory_reset_clears_the_voice_lines_and_the_line_keys() {
    let mut tree = Tree::new(model());
    let mut phone = Aastra6700i::new(&mut tree, FileServer::default());
    let mut state = CpeState::new();
    state.add_event(EventCode::Boot, "");
    let mut acs = ScriptedAcs::new();
    let mut call = acs.open(Session::new(&mut tree, &mut phone, &mut state));
    let added = call.send(Request::AddObject(AddObject {
        object_name: format!("{VOICE}VoiceProfile."),
        parameter_key: "reset-1".into(),
    }));
    assert!(
        matches!(
            added,
            Some(Response::AddObjectResponse {
                instance_number: 1,
                ..
            })
        ),
        "{added:?}"
    );
    let reset = call.send(Request::FactoryReset);
    assert!(matches!(reset, Some(Response::FactoryResetResponse)));
    assert_eq!(call.close(), [Action::FactoryReset]);

    assert!(phone.line_keys.is_empty(), "{:?}", phone.line_keys);
    assert_eq!(phone.boots, 2, "the phone restarted");
    assert_eq!(
        stored(&tree, &format!("{VOICE}VoiceProfileNumberOfEntries")),
        Value::UnsignedInt(0)
    );
    assert!(tree.get(&format!("{LINE1}DirectoryNumber")).is_err());
    assert_eq!(
        tree.get_param(root::DeviceInfo::MANUFACTURER, &[]).unwrap(),
        "Aastra",
        "booted again"
    );

    // Coming back from the reset is a first contact, not a change.
    let call = acs.open(Session::new(&mut tree, &mut phone, &mut state));
    let events: Vec<&str> = call
        .inform()
        .events
        .iter()
        .map(|e| e.code.as_str())
        .collect();
    assert_eq!(events, ["0 BOOTSTRAP", "1 BOOT"]);
    call.close();
    let envelopes: Vec<String> = acs
        .transcript()
        .iter()
        .filter(|m| !m.text.is_empty())
        .map(|m| m.text.clone())
        .collect();
    assert_eq!(envelopes.len(), 2 + 2 * 2 + 2);
    common::validate("aastra-6700i-reset", &envelopes);
}

#[test]
fn every_envelope_of_the_story_is_valid_cwmp() {
    let run = story();
    let envelopes: Vec<String> = run
        .acs
        .transcript()
        .iter()
        .filter(|m| !m.text.is_empty())
        .map(|m| m.text.clone())
        .collect();
    assert_eq!(run.acs.sessions(), run.scenes.len());
    // Inform, TransferCompletes and requests, each with its answer.
    let exchanged: usize = run
        .scenes
        .iter()
        .map(|s| 2 * (1 + s.transfer_completes.len() + s.replies.len()))
        .sum();
    assert_eq!(envelopes.len(), exchanged);
    common::validate("aastra-6700i", &envelopes);
}

//! The Grandstream GXP2140 example (`examples/gxp2140`) as a test: the
//! story its `device::run` plays, checked behaviour by behaviour, and every
//! envelope of it validated against the BBF schemas.

// The example prints what this test does not read, and the other way round.
#[allow(dead_code)]
#[path = "../examples/gxp2140/device.rs"]
mod device;

mod common;

use cwmp_model::models::grandstream_gxp2140::voice_service::voice_service::{
    voice_profile, VoiceProfile,
};
use cwmp_model::runtime::engine::Tree;
use cwmp_model::runtime::rpc::Action;
use cwmp_model::runtime::soap::{codes, Response};
use cwmp_model::runtime::value::{DateTime, Value};

use device::{Run, Scene};

/// The SIP account the story provisions, and its line.
const ACCOUNT: &str = "Device.Services.VoiceService.1.VoiceProfile.1.";
const LINE: &str = "Device.Services.VoiceService.1.VoiceProfile.1.Line.1.";
/// The instance numbers of both, for the voice model's typed API.
const ACCOUNT_1: [u32; 2] = [1, 1];
const LINE_1: [u32; 3] = [1, 1, 1];

/// The story, played once for all the tests: each checks one behaviour
/// of the same run.
fn story() -> &'static Run {
    static RUN: std::sync::OnceLock<Run> = std::sync::OnceLock::new();
    RUN.get_or_init(device::run)
}

/// The name/value pairs of a GetParameterValuesResponse.
fn values(scene: &Scene, label: &str) -> Vec<(String, String)> {
    match scene.reply(label) {
        Response::GetParameterValuesResponse { list } => list
            .iter()
            .map(|p| (p.name.clone(), p.value.clone()))
            .collect(),
        other => panic!("`{label}`: {other:?}"),
    }
}

fn value_of(scene: &Scene, label: &str, name: &str) -> String {
    values(scene, label)
        .into_iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("`{label}` has no {name}"))
        .1
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

fn inform_value(scene: &Scene, name: &str) -> Option<String> {
    scene
        .inform
        .parameters
        .iter()
        .find(|p| p.name == name)
        .map(|p| p.value.clone())
}

#[test]
fn the_phone_reports_its_models_and_profiles() {
    let run = story();
    let first = run.scene("first-contact");
    assert_eq!(first.events(), ["0 BOOTSTRAP", "1 BOOT"]);
    assert_eq!(first.inform.device_id.manufacturer, "Grandstream");
    assert_eq!(first.inform.device_id.oui, "000B82");
    assert_eq!(first.inform.device_id.product_class, "GXP2140");
    let summary = inform_value(first, "Device.DeviceSummary").unwrap();
    for part in [
        "Device:1.2[](Baseline:1, UDPConnReq:1, LAN:1, Time:1, IPPing:1, TraceRoute:1, Download:1",
        "Upload:1",
        "VoiceService:1.0[1](Endpoint:1, SIPEndpoint:1)",
    ] {
        assert!(summary.contains(part), "{summary}");
    }
    let Response::GetParameterNamesResponse { list } = first.reply("names") else {
        panic!("no names")
    };
    let names: Vec<&str> = list.iter().map(|p| p.name.as_str()).collect();
    for object in [
        "Device.LAN.",
        "Device.Time.",
        "Device.DownloadDiagnostics.",
        "Device.UploadDiagnostics.",
        "Device.X_GRANDSTREAM_Config.",
        "Device.X_GRANDSTREAM_PValue.",
        "Device.Services.",
    ] {
        assert!(names.contains(&object), "{object} in {names:?}");
    }
    assert_eq!(
        value_of(first, "identity", "Device.DeviceInfo.SoftwareVersion"),
        device::FIRMWARE
    );
    assert_eq!(
        stored(&first.tree_after, "Device.LAN.MACAddress"),
        text(device::MAC)
    );
}

#[test]
fn it_offers_grandstreams_method_list_and_refuses_the_rest() {
    let run = story();
    let first = run.scene("first-contact");
    let Response::GetRPCMethodsResponse { methods } = first.reply("methods") else {
        panic!("no method list")
    };
    assert_eq!(methods, &device::METHODS);
    let (code, message) = fault(first, "queued transfers");
    assert_eq!(code, codes::METHOD_NOT_SUPPORTED);
    assert!(message.contains("GetQueuedTransfers"), "{message}");
}

#[test]
fn every_listed_method_is_answered() {
    let run = story();
    let first = run.scene("first-contact");
    assert!(matches!(
        first.reply("settings"),
        Response::SetParameterValuesResponse { status: 0 }
    ));
    assert!(matches!(
        first.reply("notify"),
        Response::SetParameterAttributesResponse
    ));
    let Response::GetParameterAttributesResponse { list } = first.reply("attributes") else {
        panic!("no attributes")
    };
    assert_eq!(list[0].notification, 2);
    assert!(matches!(
        first.reply("add p-value"),
        Response::AddObjectResponse {
            instance_number: 1,
            status: 0
        }
    ));
    assert!(matches!(
        first.reply("delete p-value"),
        Response::DeleteObjectResponse { status: 0 }
    ));
    assert!(matches!(
        first.reply("schedule"),
        Response::ScheduleInformResponse
    ));
    // The ScheduleInform fell due 600 s later and opened its own session.
    let scheduled = run.scene("scheduled");
    assert_eq!(scheduled.events(), ["3 SCHEDULED", "M ScheduleInform"]);
    assert_eq!(scheduled.inform.events[1].command_key, "si-1");
    assert_eq!(
        scheduled.checks,
        [
            (DateTime::from_unix(device::T0), false),
            (DateTime::from_unix(device::T0 + 600), true),
        ],
        "the phone slept until the ScheduleInform fell due"
    );
    // Settings the ACS wrote stay until the factory reset.
    assert_eq!(
        stored(&first.tree_after, "Device.X_GRANDSTREAM_Config.UpgradeVia"),
        text("HTTPS")
    );
    assert_eq!(
        stored(
            &first.tree_after,
            "Device.X_GRANDSTREAM_PValueNumberOfEntries"
        ),
        Value::UnsignedInt(0)
    );
}

#[test]
fn passwords_read_back_empty_but_the_phone_keeps_them() {
    let run = story();
    let first = run.scene("first-contact");
    assert_eq!(
        values(first, "passwords"),
        [
            (
                "Device.X_GRANDSTREAM_Config.AdminPassword".into(),
                String::new()
            ),
            (
                "Device.X_GRANDSTREAM_Config.UpgradeVia".into(),
                "HTTPS".into()
            ),
            ("Device.ManagementServer.Password".into(), String::new()),
        ]
    );
    // A P-value that holds a password is applied, then reads back empty.
    assert!(matches!(
        first.reply("set p-value"),
        Response::SetParameterValuesResponse { status: 0 }
    ));
    assert_eq!(
        values(first, "read p-value"),
        [
            ("Device.X_GRANDSTREAM_PValue.1.Enable".into(), "true".into()),
            ("Device.X_GRANDSTREAM_PValue.1.Name".into(), "P2".into()),
            ("Device.X_GRANDSTREAM_PValue.1.Value".into(), String::new()),
        ]
    );
    assert_eq!(
        stored(
            &first.tree_after,
            "Device.X_GRANDSTREAM_Config.AdminPassword"
        ),
        text("Adm1n-Tw0"),
        "P2 set the admin password"
    );
    // The SIP password of the voice service too.
    let auth = format!("{LINE}SIP.AuthPassword");
    assert_eq!(value_of(first, "read account", &auth), "");
    assert_eq!(stored(&first.tree_after, &auth), text("v0ice-Pw"));
    assert_eq!(
        first
            .tree_after
            .get_param(voice_profile::line::Sip::AUTH_PASSWORD, &LINE_1)
            .unwrap(),
        "v0ice-Pw"
    );
}

#[test]
fn the_sip_account_is_provisioned_in_the_main_session() {
    let run = story();
    let first = run.scene("first-contact");
    assert!(
        run.scenes
            .iter()
            .all(|scene| !scene.events().contains(&"6 CONNECTION REQUEST")),
        "no session of its own for the voice service"
    );
    assert_eq!(
        stored(
            &first.tree_after,
            "Device.Services.VoiceServiceNumberOfEntries"
        ),
        Value::UnsignedInt(1)
    );
    for label in ["add account", "add line"] {
        assert!(
            matches!(
                first.reply(label),
                Response::AddObjectResponse {
                    instance_number: 1,
                    status: 0
                }
            ),
            "{label}"
        );
    }
    assert!(matches!(
        first.reply("account"),
        Response::SetParameterValuesResponse { status: 0 }
    ));
    assert_eq!(
        fault(first, "second line").0,
        codes::RESOURCES_EXCEEDED,
        "one line per account"
    );
    // The voice requests share the session's ParameterKey with the rest:
    // the account's batch was the last that set one.
    assert_eq!(
        stored(&first.tree_after, "Device.ManagementServer.ParameterKey"),
        text("first-7")
    );

    // The phone registered the line with the SIP server.
    assert_eq!(
        value_of(first, "read account", &format!("{LINE}Status")),
        "Up"
    );
    let account: VoiceProfile = first.tree_after.read(&ACCOUNT_1).unwrap();
    assert_eq!(account.enable, voice_profile::Enable::Enabled);
    assert_eq!(account.sip.proxy_server, "sip.example.net");
    assert_eq!(account.sip.x_grandstream_nat_traversal.as_str(), "STUN");
    let line = account.line.get(1).expect("the account has its line");
    assert_eq!(line.status, voice_profile::line::Status::Up);
    assert_eq!(line.x_grandstream_account_name, "Front desk");
    assert_eq!(line.directory_number, "2001");
    assert_eq!(line.sip.auth_user_name, "2001");
    assert_eq!(
        stored(&first.tree_after, &format!("{ACCOUNT}SIP.ProxyServer")),
        text("sip.example.net")
    );

    // The account stays through the firmware upgrade and the Reboot.
    let rebooted = &run.scene("transfers-complete").tree_after;
    assert_eq!(
        rebooted
            .get_param(voice_profile::line::Sip::AUTH_USER_NAME, &LINE_1)
            .unwrap(),
        "2001"
    );
}

#[test]
fn diagnostics_run_after_the_session_and_report_diagnostics_complete() {
    let run = story();
    let scheduled = run.scene("scheduled");
    for label in ["ping", "download test", "upload test"] {
        assert!(matches!(
            scheduled.reply(label),
            Response::SetParameterValuesResponse { status: 0 }
        ));
    }
    assert_eq!(
        value_of(
            scheduled,
            "pending",
            "Device.LAN.IPPingDiagnostics.DiagnosticsState"
        ),
        "Requested",
        "nothing runs while the session is open"
    );
    let done = run.scene("diagnostics-complete");
    assert_eq!(done.events(), ["8 DIAGNOSTICS COMPLETE"]);
    let ping = |name: &str| value_of(done, "ping results", &format!("{}{name}", device::PING));
    assert_eq!(ping("DiagnosticsState"), "Complete");
    assert_eq!(ping("SuccessCount"), "4");
    assert_eq!(ping("FailureCount"), "0");
    assert_eq!(ping("AverageResponseTime"), "18");
    // TR-143 says `Completed`, not `Complete`.
    let download = |name: &str| {
        value_of(
            done,
            "download results",
            &format!("{}{name}", device::DOWNLOAD_TEST),
        )
    };
    assert_eq!(download("DiagnosticsState"), "Completed");
    assert_eq!(download("TestBytesReceived"), "1000000");
    assert_eq!(download("BOMTime"), "2027-01-15T08:10:01Z");
    let upload = |name: &str| {
        value_of(
            done,
            "upload results",
            &format!("{}{name}", device::UPLOAD_TEST),
        )
    };
    assert_eq!(upload("DiagnosticsState"), "Completed");
    assert_eq!(upload("TotalBytesSent"), "524542");
    assert_eq!(
        run.phone.net.sunk(device::SPEED_UPLOAD_URL),
        524_288,
        "the upload test sent its bytes"
    );
    assert!(run.state.diagnostics().is_empty());
}

#[test]
fn it_transfers_file_types_1_and_3_and_refuses_others() {
    let run = story();
    let asked = run.scene("diagnostics-complete");
    for label in ["firmware", "provisioning"] {
        assert!(matches!(
            asked.reply(label),
            Response::DownloadResponse { status: 1, .. }
        ));
    }
    assert!(matches!(
        asked.reply("backup"),
        Response::UploadResponse { status: 1, .. }
    ));
    for label in ["web content", "log"] {
        let (code, message) = fault(asked, label);
        assert_eq!(code, codes::INVALID_ARGUMENTS);
        assert!(message.contains("is not supported"), "{message}");
    }

    // The phone came back on the new firmware and reports every transfer.
    let done = run.scene("transfers-complete");
    let events = done.events();
    for event in ["1 BOOT", "7 TRANSFER COMPLETE", "M Download", "M Upload"] {
        assert!(events.contains(&event), "{event} in {events:?}");
    }
    let keys: Vec<(&str, u32)> = done
        .transfer_completes
        .iter()
        .map(|t| (t.command_key.as_str(), t.fault.code))
        .collect();
    assert_eq!(keys, [("fw-1", 0), ("cfg-1", 0), ("bak-1", 0)]);
    assert_eq!(
        inform_value(done, "Device.DeviceInfo.SoftwareVersion").as_deref(),
        Some(device::NEW_FIRMWARE)
    );
    assert_eq!(
        value_of(done, "version", "Device.DeviceInfo.SoftwareVersion"),
        device::NEW_FIRMWARE
    );
    // The configuration file set the admin password (P2), read back empty.
    assert_eq!(
        value_of(
            done,
            "provisioned",
            "Device.X_GRANDSTREAM_Config.AdminPassword"
        ),
        ""
    );
    assert_eq!(
        stored(
            &done.tree_after,
            "Device.X_GRANDSTREAM_Config.AdminPassword"
        ),
        text("Pr0v-Adm1n")
    );
    // The backup went up as cfg<mac>.xml, without the password items.
    let backup = run
        .phone
        .net
        .get(&format!("{}cfg000b828a415c.xml", device::BACKUP_URL))
        .expect("the backup was uploaded");
    let backup = String::from_utf8_lossy(backup);
    assert!(backup.contains("<P30>ntp.example.net</P30>"), "{backup}");
    assert!(!backup.contains("<P2>"), "{backup}");
    assert!(run.state.transfers().is_empty(), "all acknowledged");
}

#[test]
fn reboot_runs_after_the_session_and_cancels_what_follows_it() {
    let run = story();
    let asked = run.scene("transfers-complete");
    assert!(matches!(asked.reply("reboot"), Response::RebootResponse));
    let (code, message) = fault(asked, "after reboot");
    assert_eq!(code, codes::REQUEST_DENIED);
    assert!(message.contains("Reboot"), "{message}");
    assert_eq!(
        asked.actions,
        [Action::Reboot {
            command_key: "rb-1".into()
        }]
    );
    let rebooted = run.scene("rebooted");
    assert_eq!(rebooted.events(), ["M Reboot", "1 BOOT"]);
    assert_eq!(rebooted.inform.events[0].command_key, "rb-1");
}

#[test]
fn factory_reset_runs_after_the_session_and_keeps_the_tr069_settings() {
    let run = story();
    let asked = run.scene("rebooted");
    assert!(matches!(
        asked.reply("factory reset"),
        Response::FactoryResetResponse
    ));
    let (code, message) = fault(asked, "after factory reset");
    assert_eq!(code, codes::REQUEST_DENIED);
    assert!(message.contains("FactoryReset"), "{message}");
    assert_eq!(asked.actions, [Action::FactoryReset]);

    let fresh = run.scene("factory-fresh");
    assert_eq!(fresh.events(), ["0 BOOTSTRAP", "1 BOOT"]);
    assert_eq!(
        values(fresh, "kept"),
        [
            ("Device.ManagementServer.URL".into(), device::ACS_URL.into()),
            (
                "Device.ManagementServer.PeriodicInformEnable".into(),
                "true".into()
            ),
            (
                "Device.ManagementServer.PeriodicInformInterval".into(),
                "3600".into()
            ),
            (
                "Device.DeviceInfo.SoftwareVersion".into(),
                device::NEW_FIRMWARE.into()
            ),
        ]
    );
    assert_eq!(
        values(fresh, "reset"),
        [
            ("Device.DeviceInfo.ProvisioningCode".into(), String::new()),
            (
                "Device.X_GRANDSTREAM_Config.UpgradeVia".into(),
                String::new()
            ),
            (
                "Device.X_GRANDSTREAM_PValueNumberOfEntries".into(),
                "0".into()
            ),
            (
                "Device.Services.VoiceService.1.VoiceProfileNumberOfEntries".into(),
                "0".into()
            ),
        ]
    );
    assert_eq!(
        stored(&run.tree, "Device.X_GRANDSTREAM_Config.AdminPassword"),
        text("")
    );
    assert!(run.phone.config.is_empty());
    // The SIP account is gone with the rest of the configuration, from
    // the same tree that kept the management server settings.
    assert_eq!(
        run.tree.read::<VoiceProfile>(&ACCOUNT_1).unwrap_err().code,
        codes::INVALID_PARAMETER_NAME
    );
    assert!(run.tree.get(&format!("{LINE}SIP.AuthPassword")).is_err());
    assert_eq!(
        stored(&run.tree, "Device.ManagementServer.PeriodicInformInterval"),
        Value::UnsignedInt(3600)
    );
    // First boot, the firmware's reboot, the Reboot, the FactoryReset.
    assert_eq!(run.phone.boots, 4);
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
    assert!(envelopes.len() > 60, "{}", envelopes.len());
    common::validate("gxp2140", &envelopes);
}

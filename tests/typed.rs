//! The typed API end to end: the models the facade's build script compiled
//! (`cwmp_model::models`), and a module made by `#[cwmp_model]`, over the engine.

use cwmp_model::models::aastra_6700i::{device, voice_service};
use cwmp_model::runtime::engine::Tree;
use cwmp_model::runtime::typed::Table;
use cwmp_model::runtime::value::{DateTime, Writer};

#[cwmp_model::cwmp_model("models/tr-106-device-1.xml", search = ["models"], docs = false)]
mod tr106 {}

#[test]
fn a_fresh_tree_reads_as_the_defaults() {
    let tree = Tree::new(&device::MODEL);
    let root: device::Device = tree.read(&[]).unwrap();
    assert_eq!(root, device::Device::default());
    let voice = Tree::new(&voice_service::MODEL);
    let top: voice_service::Root = voice.read(&[]).unwrap();
    assert_eq!(top, voice_service::Root::default());
    // minEntries 1: one VoiceService instance, numbered 1, in both.
    assert_eq!(top.voice_service.numbers().collect::<Vec<_>>(), [1]);
}

#[test]
fn snapshots_write_back_atomically_and_mark_device_changes() {
    let mut tree = Tree::new(&device::MODEL);
    let mut info: device::DeviceInfo = tree.read(&[]).unwrap();
    info.manufacturer = "Aastra".into();
    info.software_version = "4.3.0".into();
    info.device_status = device::device_info::DeviceStatus::Up;
    tree.write(&info, &[]).unwrap();
    assert_eq!(
        tree.get("Device.DeviceInfo.Manufacturer")
            .unwrap()
            .to_string(),
        "Aastra"
    );
    assert_eq!(
        tree.get("Device.DeviceInfo.DeviceStatus")
            .unwrap()
            .to_string(),
        "Up"
    );
    let changes = tree.pending_changes();
    assert!(changes.contains(&("Device.DeviceInfo.SoftwareVersion".into(), Writer::Device)));
    assert_eq!(tree.read::<device::DeviceInfo>(&[]).unwrap(), info);

    // One bad value refuses the whole snapshot.
    let before = tree.save();
    info.model_name = "x".repeat(65);
    info.description = "changed".into();
    let fault = tree.write(&info, &[]).unwrap_err();
    assert_eq!(fault.faults.len(), 1);
    assert_eq!(fault.faults[0].0, "Device.DeviceInfo.ModelName");
    assert_eq!(fault.faults[0].1.code, 9007);
    assert_eq!(tree.save(), before);
}

#[test]
fn typed_keys_read_and_write_one_value() {
    let mut tree = Tree::new(&device::MODEL);
    let key = device::DeviceInfo::UP_TIME;
    assert_eq!(tree.get_param(key, &[]).unwrap(), 0);
    assert!(tree.set_param(key, &[], &42).unwrap());
    assert_eq!(tree.get_param(key, &[]).unwrap(), 42);
    let when = "2026-11-21T10:00:00Z".parse::<DateTime>().unwrap();
    tree.set_param(device::Time::CURRENT_LOCAL_TIME, &[], &when)
        .unwrap();
    assert_eq!(
        tree.get_param(device::Time::CURRENT_LOCAL_TIME, &[])
            .unwrap(),
        when
    );
    // A key of another model is refused, not misread.
    let other = Tree::new(&voice_service::MODEL);
    assert_eq!(other.get_param(key, &[]).unwrap_err().code, 9005);
}

#[test]
fn tables_and_unlisted_enum_values_come_through() {
    let mut tree = Tree::new(&voice_service::MODEL);
    let n = tree
        .add_object("VoiceService.1.VoiceProfile.", Writer::Acs, None)
        .unwrap();
    let vs: voice_service::VoiceService = tree.read(&[1]).unwrap();
    assert_eq!(vs.voice_profile.numbers().collect::<Vec<_>>(), [n]);
    let profile = vs.voice_profile.get(n).unwrap();
    // Line has minEntries 1: the new profile has its line.
    assert_eq!(profile.line.len(), 1);
    assert_eq!(vs.voice_profile_number_of_entries, 1);

    let mut p = profile.clone();
    p.sip.proxy_server = "sip.example.com".into();
    tree.write(&p, &[1, n]).unwrap();
    let again: voice_service::voice_service::VoiceProfile = tree.read(&[1, n]).unwrap();
    assert_eq!(again.sip.proxy_server, "sip.example.com");

    // A value the enumeration lacks (a device may report one) is kept.
    let line_status = format!("VoiceService.1.VoiceProfile.{n}.Line.1.Status");
    tree.set_values(&[(line_status, "Up".into())], Writer::Device, None)
        .unwrap();
    let line: voice_service::voice_service::voice_profile::Line = tree.read(&[1, n, 1]).unwrap();
    assert_eq!(
        line.status,
        voice_service::voice_service::voice_profile::line::Status::Up
    );
    // The engine keeps values outside the enumeration only from the model's
    // own defaults; the typed side keeps them too.
    let codec = voice_service::voice_service::voice_profile::line::codec::TransmitCodec::from(
        String::from("X-Vendor-Codec"),
    );
    assert_eq!(codec.as_str(), "X-Vendor-Codec");
    let lines: &Table<_> = &again.line;
    assert_eq!(lines.numbers().collect::<Vec<_>>(), [1]);
}

#[test]
fn debug_redacts_hidden_values() {
    let ms = device::ManagementServer {
        password: "secret".into(),
        username: "acs-user".into(),
        ..Default::default()
    };
    let text = format!("{ms:?}");
    assert!(text.contains("acs-user"), "{text}");
    assert!(!text.contains("secret"), "{text}");
    assert!(text.contains("Password: <redacted>"), "{text}");
}

#[test]
fn the_macro_expands_a_whole_model() {
    let tree = Tree::new(&tr106::device::MODEL);
    assert_eq!(tr106::device::MODEL.name, "Device:1.2");
    let root: tr106::device::Device = tree.read(&[]).unwrap();
    assert_eq!(root, tr106::device::Device::default());
    // Profiles were not applied: IPPingDiagnostics is there.
    assert!(tree.get("Device.LAN.IPPingDiagnostics.Host").is_ok());
}

#[cfg(feature = "serde")]
#[test]
fn snapshots_serialize_and_come_back() {
    let mut tree = Tree::new(&voice_service::MODEL);
    tree.add_object("VoiceService.1.VoiceProfile.", Writer::Acs, None)
        .unwrap();
    let top: voice_service::Root = tree.read(&[]).unwrap();
    let json = serde_json::to_string(&top).unwrap();
    let back: voice_service::Root = serde_json::from_str(&json).unwrap();
    assert_eq!(back, top);
}

//! A phone's root and voice models mounted into one model
//! (`grandstream_gxp2140::model()`): one tree and one session serve
//! `Device.` and `Device.Services.VoiceService.`, and the typed API of both
//! generated models works on that tree.

mod common;

use cwmp_model::models::grandstream_gxp2140::{device, model, voice_service};
use cwmp_model::runtime::engine::{State, Tree};
use cwmp_model::runtime::rpc::{CpeState, EventCode, InMemoryDevice, ScriptedAcs, Session};
use cwmp_model::runtime::soap::{
    codes, AddObject, GetParameterNames, GetParameterValues, ParameterValue, Request, Response,
    SetParameterValues,
};
use cwmp_model::runtime::value::{Value, Writer};

use voice_service::voice_service::{voice_profile, VoiceProfile};

const VOICE: &str = "Device.Services.VoiceService.1.";
const PROXY: &str = "Device.Services.VoiceService.1.VoiceProfile.1.SIP.ProxyServer";

fn spv(list: &[(&str, &str, &str)]) -> Request {
    Request::SetParameterValues(SetParameterValues {
        list: list
            .iter()
            .map(|(n, v, t)| ParameterValue::new(*n, *v, t.to_string()))
            .collect(),
        parameter_key: "k1".into(),
    })
}

fn fault(r: &Option<Response>) -> Option<(u32, Vec<String>)> {
    match r {
        Some(Response::Fault(f)) => Some((
            f.code,
            f.set_parameter_values_faults
                .iter()
                .map(|s| s.name.clone())
                .collect(),
        )),
        _ => None,
    }
}

#[test]
fn the_voice_service_sits_under_device_services() {
    let m = model();
    assert!(std::ptr::eq(m, model()), "built once");
    assert_eq!(m.name, "Device:1.2 + VoiceService:1.0");
    let tree = Tree::new(m);
    assert_eq!(
        tree.get("Device.Services.VoiceServiceNumberOfEntries")
            .unwrap(),
        Value::UnsignedInt(1)
    );
    assert!(tree
        .get(&format!("{VOICE}Capabilities.MaxLineCount"))
        .is_ok());
    assert!(tree
        .get("VoiceService.1.Capabilities.MaxLineCount")
        .is_err());
    assert_eq!(
        tree.get("Device.DeviceInfo.Manufacturer").unwrap(),
        Tree::new(&device::MODEL)
            .get("Device.DeviceInfo.Manufacturer")
            .unwrap()
    );
}

#[test]
fn one_session_manages_root_and_voice_parameters() {
    let (mut tree, mut dev, mut state) = (Tree::new(model()), InMemoryDevice, CpeState::new());
    state.add_event(EventCode::Boot, "");
    let mut acs = ScriptedAcs::new();
    let mut call = acs.open(Session::new(&mut tree, &mut dev, &mut state));
    let names = call.send(Request::GetParameterNames(GetParameterNames {
        parameter_path: "Device.Services.".into(),
        next_level: true,
    }));
    let Some(Response::GetParameterNamesResponse { list }) = names else {
        panic!("{names:?}")
    };
    let listed: Vec<&str> = list.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        listed,
        [
            "Device.Services.VoiceServiceNumberOfEntries",
            "Device.Services.VoiceService."
        ]
    );
    let added = call.send(Request::AddObject(AddObject {
        object_name: format!("{VOICE}VoiceProfile."),
        parameter_key: "k0".into(),
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
    // One batch over both models: all of it or none of it.
    let bad = call.send(spv(&[
        (
            "Device.ManagementServer.PeriodicInformInterval",
            "600",
            "unsignedInt",
        ),
        (PROXY, "sip.example.net", "string"),
        (&format!("{VOICE}VoiceProfile.1.Nope"), "1", "unsignedInt"),
    ]));
    assert_eq!(
        fault(&bad),
        Some((
            codes::INVALID_ARGUMENTS,
            vec![format!("{VOICE}VoiceProfile.1.Nope")]
        ))
    );
    let good = call.send(spv(&[
        (
            "Device.ManagementServer.PeriodicInformInterval",
            "600",
            "unsignedInt",
        ),
        (PROXY, "sip.example.net", "string"),
    ]));
    assert!(fault(&good).is_none(), "{good:?}");
    let read = call.send(Request::GetParameterValues(GetParameterValues {
        names: vec![PROXY.into(), "Device.ManagementServer.ParameterKey".into()],
    }));
    let Some(Response::GetParameterValuesResponse { list }) = read else {
        panic!("{read:?}")
    };
    let values: Vec<&str> = list.iter().map(|p| p.value.as_str()).collect();
    assert_eq!(values, ["sip.example.net", "k1"]);
    assert!(call.send(Request::FactoryReset).is_some());
    assert_eq!(call.close().len(), 1);
    let envelopes: Vec<String> = acs
        .transcript()
        .iter()
        .filter(|m| !m.text.is_empty())
        .map(|m| m.text.clone())
        .collect();
    assert_eq!(envelopes.len(), 2 + 2 * 6);
    common::validate("mount", &envelopes);
}

#[test]
fn a_factory_reset_covers_the_voice_service() {
    let mut tree = Tree::new(model());
    tree.add_object(&format!("{VOICE}VoiceProfile."), Writer::Acs, None)
        .unwrap();
    tree.set_value_as_device(PROXY, Value::from("sip.example.net"))
        .unwrap();
    tree.factory_reset(&["Device.ManagementServer."]);
    assert!(tree.get(PROXY).is_err(), "the added profile is gone");
    assert_eq!(
        tree.get(&format!("{VOICE}VoiceProfileNumberOfEntries"))
            .unwrap(),
        Value::UnsignedInt(0)
    );
}

#[test]
fn generated_structs_of_both_models_read_and_write_the_mounted_tree() {
    let mut tree = Tree::new(model());
    tree.add_object(&format!("{VOICE}VoiceProfile."), Writer::Acs, None)
        .unwrap();

    // The root model's structs and keys, at the same paths as on its own tree.
    let info: device::DeviceInfo = tree.read(&[]).unwrap();
    assert_eq!(
        info.manufacturer,
        tree.get("Device.DeviceInfo.Manufacturer")
            .unwrap()
            .to_string()
    );
    tree.set_param(
        device::DeviceInfo::PROVISIONING_CODE,
        &[],
        &"LAB".to_string(),
    )
    .unwrap();
    assert_eq!(
        tree.get("Device.DeviceInfo.ProvisioningCode").unwrap(),
        Value::from("LAB")
    );

    // The voice model's, at their mounted paths.
    let mut profile: VoiceProfile = tree.read(&[1, 1]).unwrap();
    profile.sip.proxy_server = "sip.example.net".into();
    profile.name = "Main".into();
    tree.write(&profile, &[1, 1]).unwrap();
    assert_eq!(tree.get(PROXY).unwrap(), Value::from("sip.example.net"));
    assert_eq!(
        tree.get_param(voice_profile::Sip::PROXY_SERVER, &[1, 1])
            .unwrap(),
        "sip.example.net"
    );
    tree.set_param(
        voice_profile::Sip::PROXY_SERVER,
        &[1, 1],
        &"pbx".to_string(),
    )
    .unwrap();
    assert_eq!(tree.get(PROXY).unwrap(), Value::from("pbx"));

    // The service's top object is the mount object.
    let top: voice_service::Root = tree.read(&[]).unwrap();
    assert_eq!(top.voice_service_number_of_entries, 1);
    let profiles = &top.voice_service.get(1).unwrap().voice_profile;
    assert_eq!(profiles.get(1).unwrap().name, "Main");
    assert_eq!(
        tree.read::<VoiceProfile>(&[1, 2]).unwrap_err().code,
        codes::INVALID_PARAMETER_NAME
    );

    // A struct of a model the tree was not built from is refused.
    let alone = Tree::new(&voice_service::MODEL);
    let err = alone.read::<device::DeviceInfo>(&[]).unwrap_err();
    assert_eq!(err.code, codes::INVALID_PARAMETER_NAME);
    assert!(err.message.contains("Device:1.2"), "{err}");
}

#[test]
fn the_saved_state_restores_the_whole_device() {
    let mut tree = Tree::new(model());
    tree.add_object(&format!("{VOICE}VoiceProfile."), Writer::Acs, None)
        .unwrap();
    tree.set_value_as_device(PROXY, Value::from("sip.example.net"))
        .unwrap();
    let state: State = tree.save();
    let back = Tree::load(model(), &state).unwrap();
    assert_eq!(back.get(PROXY).unwrap(), Value::from("sip.example.net"));
    assert!(
        Tree::load(&device::MODEL, &state).is_err(),
        "a mounted state is not the root model's"
    );
}

//! A scripted ACS session against the Aastra 6700i as generated code: the
//! facade's `cwmp_model::models::aastra_6700i` over the engine and the RPC
//! dispatcher, every CPE method and the usual faults; every envelope the
//! device writes is validated against the BBF schemas.

use cwmp_model::models::aastra_6700i::{device, voice_service};
use cwmp_model::runtime::engine::Tree;
use cwmp_model::runtime::rpc::{CpeState, EventCode, InMemoryDevice, Session};

const NS: &str = "urn:dslforum-org:cwmp-1-2";

fn envelope(id: usize, body: &str) -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8"?>"#,
            r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" "#,
            r#"xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/" "#,
            r#"xmlns:xsd="http://www.w3.org/2001/XMLSchema" "#,
            r#"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:cwmp="{}">"#,
            r#"<soap:Header><cwmp:ID soap:mustUnderstand="1">{}</cwmp:ID></soap:Header>"#,
            r#"<soap:Body>{}</soap:Body></soap:Envelope>"#
        ),
        NS, id, body
    )
}

fn names(list: &[&str]) -> String {
    let items: String = list
        .iter()
        .map(|n| format!("<string>{n}</string>"))
        .collect();
    format!(
        r#"<ParameterNames soapenc:arrayType="xsd:string[{}]">{items}</ParameterNames>"#,
        list.len()
    )
}

fn spv(entries: &[(&str, &str, &str)], key: &str) -> String {
    let items: String = entries
        .iter()
        .map(|(n, v, t)| format!(r#"<ParameterValueStruct><Name>{n}</Name><Value xsi:type="xsd:{t}">{v}</Value></ParameterValueStruct>"#))
        .collect();
    format!(
        r#"<cwmp:SetParameterValues><ParameterList soapenc:arrayType="cwmp:ParameterValueStruct[{}]">{items}</ParameterList><ParameterKey>{key}</ParameterKey></cwmp:SetParameterValues>"#,
        entries.len()
    )
}

/// Runs `script` (request body, text the response must contain) and returns
/// every envelope written.
fn run(tree: &mut Tree, script: &[(String, &str)]) -> Vec<String> {
    let mut device = InMemoryDevice;
    let mut state = CpeState::default();
    state.add_event(EventCode::Boot, "");
    let mut session = Session::new(tree, &mut device, &mut state);
    let mut written = vec![session.inform_xml(0)];
    session.handle(
        envelope(
            0,
            "<cwmp:InformResponse><MaxEnvelopes>1</MaxEnvelopes></cwmp:InformResponse>",
        )
        .as_bytes(),
    );
    for (i, (body, expect)) in script.iter().enumerate() {
        let response = session
            .handle(envelope(i + 1, body).as_bytes())
            .unwrap_or_else(|| panic!("no response to {body}"));
        assert!(response.contains(expect), "{body}\n=> {response}");
        written.push(response);
    }
    session.end_session();
    written
}

#[test]
fn root_model_session_covers_every_method() {
    let mut tree = Tree::new(&device::MODEL);
    tree.set_param(device::DeviceInfo::MANUFACTURER, &[], &"Aastra".to_string())
        .unwrap();
    tree.set_param(
        device::DeviceInfo::MANUFACTURER_OUI,
        &[],
        &"00085D".to_string(),
    )
    .unwrap();
    tree.set_param(
        device::DeviceInfo::SERIAL_NUMBER,
        &[],
        &"A1B2C3".to_string(),
    )
    .unwrap();
    let script: Vec<(String, &str)> = vec![
        ("<cwmp:GetRPCMethods/>".into(), "GetRPCMethodsResponse"),
        ("<cwmp:GetParameterNames><ParameterPath>Device.</ParameterPath><NextLevel>true</NextLevel></cwmp:GetParameterNames>".into(), "<Name>Device.DeviceInfo.</Name>"),
        ("<cwmp:GetParameterNames><ParameterPath>Device.DeviceInfo.Manufacturer</ParameterPath><NextLevel>true</NextLevel></cwmp:GetParameterNames>".into(), "<FaultCode>9003</FaultCode>"),
        (format!("<cwmp:GetParameterValues>{}</cwmp:GetParameterValues>", names(&["Device.DeviceInfo.", "Device.ManagementServer.Password"])), "Aastra"),
        (format!("<cwmp:GetParameterValues>{}</cwmp:GetParameterValues>", names(&["Device.Nope"])), "<FaultCode>9005</FaultCode>"),
        (spv(&[("Device.ManagementServer.PeriodicInformInterval", "300", "unsignedInt")], "k1"), "<Status>0</Status>"),
        (spv(&[("Device.ManagementServer.PeriodicInformInterval", "0", "unsignedInt"), ("Device.DeviceInfo.Manufacturer", "x", "string")], "k2"), "<FaultCode>9008</FaultCode>"),
        (format!("<cwmp:GetParameterValues>{}</cwmp:GetParameterValues>", names(&["Device.ManagementServer.ParameterKey"])), ">k1<"),
        (format!("<cwmp:GetParameterAttributes>{}</cwmp:GetParameterAttributes>", names(&["Device.DeviceInfo.SoftwareVersion"])), "GetParameterAttributesResponse"),
        (r#"<cwmp:SetParameterAttributes><ParameterList soapenc:arrayType="cwmp:SetParameterAttributesStruct[1]"><SetParameterAttributesStruct><Name>Device.DeviceInfo.UpTime</Name><NotificationChange>true</NotificationChange><Notification>2</Notification><AccessListChange>false</AccessListChange><AccessList soapenc:arrayType="xsd:string[0]"></AccessList></SetParameterAttributesStruct></ParameterList></cwmp:SetParameterAttributes>"#.into(), "<FaultCode>9009</FaultCode>"),
        ("<cwmp:AddObject><ObjectName>Device.DeviceInfo.</ObjectName><ParameterKey>k3</ParameterKey></cwmp:AddObject>".into(), "<FaultCode>9005</FaultCode>"),
        ("<cwmp:ScheduleInform><DelaySeconds>60</DelaySeconds><CommandKey>s1</CommandKey></cwmp:ScheduleInform>".into(), "ScheduleInformResponse"),
        ("<cwmp:Download><CommandKey>d1</CommandKey><FileType>1 Firmware Upgrade Image</FileType><URL>http://acs.example.com/fw.bin</URL><Username></Username><Password></Password><FileSize>1024</FileSize><TargetFileName></TargetFileName><DelaySeconds>0</DelaySeconds><SuccessURL></SuccessURL><FailureURL></FailureURL></cwmp:Download>".into(), "DownloadResponse"),
        ("<cwmp:Upload><CommandKey>u1</CommandKey><FileType>1 Vendor Configuration File</FileType><URL>http://acs.example.com/up</URL><Username></Username><Password></Password><DelaySeconds>0</DelaySeconds></cwmp:Upload>".into(), "UploadResponse"),
        ("<cwmp:GetQueuedTransfers/>".into(), "GetQueuedTransfersResponse"),
        ("<cwmp:GetAllQueuedTransfers/>".into(), "GetAllQueuedTransfersResponse"),
        ("<cwmp:CancelTransfer><CommandKey>no-such</CommandKey></cwmp:CancelTransfer>".into(), "<FaultCode>"),
        ("<cwmp:ChangeDUState><Operations></Operations><CommandKey>c</CommandKey></cwmp:ChangeDUState>".into(), "<FaultCode>9000</FaultCode>"),
        ("<cwmp:Reboot><CommandKey>r1</CommandKey></cwmp:Reboot>".into(), "RebootResponse"),
        ("<cwmp:FactoryReset/>".into(), "FactoryResetResponse"),
    ];
    let written = run(&mut tree, &script);
    assert!(
        written[0].contains("<Manufacturer>Aastra</Manufacturer>"),
        "{}",
        written[0]
    );
    assert!(written[0].contains("1 BOOT"));
    common::validate("root", &written);
}

#[test]
fn voice_service_instances_through_the_dispatcher() {
    let mut tree = Tree::new(&voice_service::MODEL);
    let script: Vec<(String, &str)> = vec![
        ("<cwmp:AddObject><ObjectName>VoiceService.1.VoiceProfile.</ObjectName><ParameterKey>a1</ParameterKey></cwmp:AddObject>".into(), "<InstanceNumber>1</InstanceNumber>"),
        (spv(&[("VoiceService.1.VoiceProfile.1.SIP.ProxyServer", "sip.example.com", "string")], "a2"), "<Status>0</Status>"),
        ("<cwmp:DeleteObject><ObjectName>VoiceService.1.VoiceProfile.1.</ObjectName><ParameterKey>a3</ParameterKey></cwmp:DeleteObject>".into(), "DeleteObjectResponse"),
        ("<cwmp:AddObject><ObjectName>VoiceService.1.VoiceProfile.</ObjectName><ParameterKey>a4</ParameterKey></cwmp:AddObject>".into(), "<InstanceNumber>2</InstanceNumber>"),
        ("<cwmp:DeleteObject><ObjectName>VoiceService.1.VoiceProfile.7.</ObjectName><ParameterKey>a5</ParameterKey></cwmp:DeleteObject>".into(), "<FaultCode>9005</FaultCode>"),
    ];
    let written = run(&mut tree, &script);
    common::validate("voice", &written);
    let top: voice_service::Root = tree.read(&[]).unwrap();
    let vs = top.voice_service.get(1).unwrap();
    assert_eq!(vs.voice_profile.numbers().collect::<Vec<_>>(), [2]);
}

mod common;

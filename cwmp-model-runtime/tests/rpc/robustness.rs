//! Sloppy and broken ACS input: unknown methods, ChangeDUState, missing
//! elements, bad booleans, unbound prefixes, oversized envelopes, and
//! every truncation of real requests. Each gets a correct CWMP fault (or
//! an answer), never a panic.

use cwmp_model_runtime::rpc::{Options, Session};
use cwmp_model_runtime::soap::{parse_request, CwmpNamespace, Limits, Response};

use super::common::*;
use super::lab;

/// The fault code of a reply's text.
fn code_in(reply: &str) -> Option<u32> {
    let start = reply.find("<FaultCode>")? + "<FaultCode>".len();
    let end = reply[start..].find('<')? + start;
    reply[start..end].parse().ok()
}

#[test]
fn unsupported_methods_get_9000_with_the_request_id() {
    let (mut tree, mut device, mut state) = lab();
    let mut s = Session::new(&mut tree, &mut device, &mut state);
    let mut t = Transcript::new();
    for (ns, body) in [
        (NS0, "<cwmp:SetVouchers><VoucherList/></cwmp:SetVouchers>"),
        (
            NS2,
            "<cwmp:ChangeDUState><Operations/><CommandKey>c</CommandKey></cwmp:ChangeDUState>",
        ),
        (NS0, "<cwmp:GetAllQueuedTransfers/>"),
        (
            NS1,
            "<cwmp:CancelTransfer><CommandKey>c</CommandKey></cwmp:CancelTransfer>",
        ),
        (NS2, "<cwmp:Kicked/>"),
    ] {
        let r = t.ask(&mut s, ns, body);
        let (code, text) = fault_of(&r).expect("fault");
        assert_eq!(code, 9000, "{body}");
        assert!(text.contains("not supported"), "{text}");
    }
}

#[test]
fn malformed_requests_get_9003_and_oversized_ones_9004() {
    let (mut tree, mut device, mut state) = lab();
    let options = Options {
        limits: Limits {
            max_bytes: 4096,
            ..Limits::default()
        },
        ..Options::default()
    };
    let mut s = Session::with_options(&mut tree, &mut device, &mut state, options);
    let mut t = Transcript::new();
    let cases: [(String, u32); 5] = [
        (envelope(NS0, "m1", "<cwmp:GetParameterValues/>"), 9003),
        (envelope(NS0, "m2", "<cwmp:GetParameterNames><ParameterPath>Device.</ParameterPath><NextLevel>yes</NextLevel></cwmp:GetParameterNames>"), 9003),
        (envelope(NS0, "m3", "<cwmp:GetParameterValues><ParameterNames>"), 9003),
        ("not xml at all".to_owned(), 9003),
        (envelope(NS0, "m5", &gpv(&[&"Device.".repeat(800)])), 9004),
    ];
    for (xml, code) in &cases {
        let reply = t.raw(&mut s, xml.as_bytes()).expect("a fault");
        assert_eq!(code_in(&reply), Some(*code), "{reply}");
    }
    // The ID is echoed when it could be read.
    let reply = t.raw(&mut s, cases[0].0.as_bytes()).unwrap();
    assert!(reply.contains(">m1</cwmp:ID>"), "{reply}");
    // An empty message (the ACS has nothing more) needs no answer.
    assert_eq!(s.handle(b""), None);
    assert_eq!(s.handle(b" \r\n"), None);
    assert_eq!(s.handle(envelope(NS0, "e", "").as_bytes()), None);
}

#[test]
fn sloppy_but_readable_requests_are_answered() {
    let (mut tree, mut device, mut state) = lab();
    let mut s = Session::new(&mut tree, &mut device, &mut state);
    let mut t = Transcript::new();
    // No namespaces at all, unbound prefixes, padded names, boolean "TRUE".
    let sloppy = concat!(
        "<Envelope><Header><cwmp:ID>s1</cwmp:ID></Header><Body><cwmp:GetParameterNames>",
        "<ParameterPath> Device.Host. </ParameterPath><NextLevel>TRUE</NextLevel>",
        "</cwmp:GetParameterNames></Body></Envelope>"
    );
    let reply = t.raw(&mut s, sloppy.as_bytes()).unwrap();
    assert!(
        reply.contains("GetParameterNamesResponse") && reply.contains(">s1<"),
        "{reply}"
    );
    let sloppy = concat!(
        "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">",
        "<soapenv:Body><ns1:SetParameterValues xmlns:ns1=\"urn:dslforum-org:cwmp-1-1\">",
        "<ParameterList><ParameterValueStruct><Name>Device.Host.1.Port</Name><Value>1</Value>",
        "</ParameterValueStruct></ParameterList></ns1:SetParameterValues></soapenv:Body></soapenv:Envelope>"
    );
    let reply = t.raw(&mut s, sloppy.as_bytes()).unwrap();
    assert_eq!(code_in(&reply), Some(9003), "{reply}");
    assert!(reply.contains("urn:dslforum-org:cwmp-1-1"), "{reply}");
    assert!(
        reply.contains("<ParameterName>Device.Host.1.Port</ParameterName>"),
        "{reply}"
    );
    assert!(reply.contains("<FaultCode>9005</FaultCode>"), "{reply}");
}

#[test]
fn replies_use_the_request_namespace() {
    let (mut tree, mut device, mut state) = lab();
    let mut s = Session::new(&mut tree, &mut device, &mut state);
    let mut t = Transcript::new();
    for ns in [NS0, NS1, NS2] {
        let r = t.ask(&mut s, ns, &gpv(&["Device.DeviceInfo.SerialNumber"]));
        assert_eq!(value_of(&r, "Device.DeviceInfo.SerialNumber"), "SN42");
    }
    // A namespace no schema defines is echoed too (and cannot validate).
    let other = "urn:dslforum-org:cwmp-1-3";
    let xml = envelope(other, "o", &gpv(&["Device.DeviceInfo.SerialNumber"]));
    let env = parse_request(xml.as_bytes(), &Limits::default()).unwrap();
    let reply = s.handle_envelope(&env).unwrap();
    assert_eq!(reply.header.cwmp_ns, CwmpNamespace::Other(other.into()));
    assert!(matches!(
        reply.body,
        Response::GetParameterValuesResponse { .. }
    ));
}

#[test]
fn every_truncation_of_real_requests_is_answered_without_panic() {
    let (mut tree, mut device, mut state) = lab();
    let mut s = Session::new(&mut tree, &mut device, &mut state);
    let mut t = Transcript::new();
    let bodies = [
        gpv(&["Device.DeviceInfo.", "Device.ManagementServer.URL"]),
        spv(&[("Device.DeviceInfo.Mode", "Manual", "string")], "k"),
        spa(&[("Device.DeviceInfo.Mode", Some(1), Some(&["Subscriber"][..]))]),
        add("Device.Host.", "k"),
        download("d", "1 Firmware Upgrade Image", "http://f/x"),
        "<cwmp:ScheduleInform><DelaySeconds>5</DelaySeconds><CommandKey>s</CommandKey></cwmp:ScheduleInform>".to_owned(),
    ];
    let mut faults = 0;
    for body in &bodies {
        let xml = envelope(NS2, "cut", body);
        for cut in (0..xml.len()).step_by(3) {
            let Some(reply) = s.handle(&xml.as_bytes()[..cut]) else {
                continue;
            };
            assert!(
                reply.contains("Response") || code_in(&reply).is_some(),
                "{reply}"
            );
            // Validate a sample: the fault replies share one shape.
            if code_in(&reply).is_some() && faults < 12 {
                faults += 1;
                t.raw(&mut s, &xml.as_bytes()[..cut]);
            }
        }
    }
    assert!(t.len() > 0);
}

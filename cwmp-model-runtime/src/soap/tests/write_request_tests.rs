//! Writing ACS messages: every Request variant round-trips through
//! `parse_request` and validates against the BBF schemas in every namespace
//! that defines it; exact layouts, arrayType counts, the writer's documented
//! normalisations, and a proptest round trip of SetParameterValues and
//! GetParameterValues.

use proptest::prelude::*;

use super::*;

const T0: &str = "2024-05-01T12:00:00Z";
/// Text that needs escaping, kept inside the schema's limits.
const NASTY: &str = "a&b<c>\"d\"'e']]>";
/// Non-ASCII text: Latin-1, BMP, astral plane.
const UNI: &str = "ü€中😀";
/// An opaque string (CommandKey, ParameterKey, credentials): the parser
/// keeps these verbatim, surrounding whitespace and CR included.
const RAW: &str = " k&<1>\r\n\tü😀 ";
const UUID: &str = "6ba7b810-9dad-11d1-80b4-00c04fd430c8";

fn pv(name: &str, value: &str, ty: &str) -> ParameterValue {
    ParameterValue::new(name, value, ty.to_owned())
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn du_op(kind: DuOperationKind) -> DuOperation {
    DuOperation {
        kind,
        url: None,
        uuid: None,
        username: None,
        password: None,
        execution_env_ref: None,
        version: None,
    }
}

/// The lowest cwmp namespace generation (0, 1, 2) whose schema defines the
/// message. Exhaustive on purpose: a new variant must be placed here.
fn min_minor(r: &Request) -> u8 {
    match r {
        Request::Empty
        | Request::GetRPCMethods
        | Request::GetParameterNames(_)
        | Request::GetParameterValues(_)
        | Request::SetParameterValues(_)
        | Request::GetParameterAttributes(_)
        | Request::SetParameterAttributes(_)
        | Request::AddObject(_)
        | Request::DeleteObject(_)
        | Request::Reboot(_)
        | Request::FactoryReset
        | Request::Download(_)
        | Request::Upload(_)
        | Request::ScheduleInform(_)
        | Request::GetQueuedTransfers
        | Request::InformResponse(_)
        | Request::TransferCompleteResponse
        | Request::GetRPCMethodsResponse(_)
        | Request::Fault(_) => 0,
        Request::GetAllQueuedTransfers | Request::AutonomousTransferCompleteResponse => 1,
        Request::ScheduleDownload(_)
        | Request::CancelTransfer(_)
        | Request::ChangeDUState(_)
        | Request::DUStateChangeCompleteResponse
        | Request::AutonomousDUStateChangeCompleteResponse => 2,
        // No schema defines it; see `edge_cases_round_trip`.
        Request::Unknown { .. } => u8::MAX,
    }
}

/// Every message an ACS sends, with field values that are awkward (escaping,
/// unicode, surrounding whitespace where the parser keeps it, empty strings)
/// yet valid in every schema that defines the message.
fn samples() -> Vec<Request> {
    vec![
        Request::Empty,
        Request::GetRPCMethods,
        Request::GetParameterNames(GetParameterNames {
            parameter_path: format!("Device.X_{NASTY}{UNI}."),
            next_level: true,
        }),
        Request::GetParameterNames(GetParameterNames {
            parameter_path: String::new(),
            next_level: false,
        }),
        Request::GetParameterValues(GetParameterValues {
            names: strings(&["Device.DeviceInfo.", &format!("Device.{NASTY}{UNI}"), ""]),
        }),
        Request::SetParameterValues(SetParameterValues {
            list: vec![
                pv(
                    "Device.ManagementServer.PeriodicInformInterval",
                    "42",
                    "unsignedInt",
                ),
                pv("Device.Time.Enable", "true", "boolean"),
                pv("Device.X.Offset", "-5", "int"),
                pv("Device.Time.CurrentLocalTime", T0, "dateTime"),
                pv("Device.X.Blob", "AAEC", "base64Binary"),
                pv("Device.X.Text", &format!("{RAW}{NASTY}{UNI}"), "string"),
                pv("Device.X.Empty", "", "string"),
                ParameterValue {
                    name: format!("Device.X.{UNI}"),
                    value: format!("  {UNI} \n"),
                    xsi_type: None,
                },
            ],
            parameter_key: RAW.into(),
        }),
        Request::SetParameterValues(SetParameterValues {
            list: vec![pv("Device.X.A", "", "string")],
            parameter_key: String::new(),
        }),
        Request::GetParameterAttributes(GetParameterAttributes {
            names: strings(&["Device.", "Device.DeviceInfo.SoftwareVersion"]),
        }),
        Request::SetParameterAttributes(SetParameterAttributes {
            list: vec![
                SetAttributes {
                    name: format!("Device.X.{NASTY}"),
                    notification_change: true,
                    notification: Some(2),
                    access_list_change: true,
                    access_list: strings(&["Subscriber"]),
                },
                SetAttributes {
                    name: "Device.DeviceInfo.".into(),
                    notification_change: false,
                    notification: Some(0),
                    access_list_change: false,
                    access_list: vec![],
                },
            ],
        }),
        Request::AddObject(AddObject {
            object_name: "Device.IP.Interface.".into(),
            parameter_key: RAW.into(),
        }),
        Request::DeleteObject(DeleteObject {
            object_name: format!("Device.X_{UNI}.3."),
            parameter_key: String::new(),
        }),
        Request::Reboot(Reboot {
            command_key: RAW.into(),
        }),
        Request::FactoryReset,
        Request::Download(Download {
            command_key: "fw&1".into(),
            file_type: format!("X 00D09E {NASTY}"),
            url: "http://acs.example/fw.bin?a=1&b=<2>".into(),
            username: RAW.into(),
            password: format!("p{NASTY}{UNI}"),
            file_size: u32::MAX,
            target_file_name: format!("fw-{UNI}.bin"),
            delay_seconds: 30,
            success_url: "http://ok.example/?x=1&y=2".into(),
            failure_url: String::new(),
        }),
        Request::Download(Download {
            command_key: String::new(),
            file_type: "1 Firmware Upgrade Image".into(),
            url: "http://acs.example/fw.bin".into(),
            ..Download::default()
        }),
        Request::Upload(Upload {
            command_key: RAW.into(),
            file_type: format!("X 00D09E log {UNI}"),
            url: "ftp://u.example/up?a&b".into(),
            username: String::new(),
            password: NASTY.into(),
            delay_seconds: 0,
        }),
        Request::ScheduleInform(ScheduleInform {
            delay_seconds: 3600,
            command_key: RAW.into(),
        }),
        Request::GetQueuedTransfers,
        Request::GetAllQueuedTransfers,
        Request::ScheduleDownload(ScheduleDownload {
            command_key: "sd".into(),
            file_type: "1 Firmware Upgrade Image".into(),
            url: format!("http://acs.example/{UNI}&x"),
            username: "u".into(),
            password: RAW.into(),
            file_size: 1024,
            target_file_name: String::new(),
            time_windows: vec![
                TimeWindow {
                    window_start: 0,
                    window_end: 3600,
                    window_mode: "1 At Any Time".into(),
                    user_message: String::new(),
                    max_retries: -1,
                },
                TimeWindow {
                    window_start: 7200,
                    window_end: u32::MAX,
                    window_mode: format!("X 00D09E {NASTY}"),
                    user_message: format!("{RAW}{NASTY}{UNI}"),
                    max_retries: 3,
                },
            ],
        }),
        Request::CancelTransfer(CancelTransfer {
            command_key: RAW.into(),
        }),
        Request::ChangeDUState(ChangeDUState {
            operations: vec![
                DuOperation {
                    url: Some("http://repo.example/du.ipk?a=1&b=2".into()),
                    uuid: Some(UUID.into()),
                    username: Some(RAW.into()),
                    password: Some(format!("{NASTY}{UNI}")),
                    execution_env_ref: Some("Device.SoftwareModules.ExecEnv.1".into()),
                    ..du_op(DuOperationKind::Install)
                },
                DuOperation {
                    uuid: Some(UUID.to_uppercase()),
                    version: Some(format!("2.0-{UNI}")),
                    url: Some("http://repo.example/du2.ipk".into()),
                    username: Some(String::new()),
                    password: Some(String::new()),
                    ..du_op(DuOperationKind::Update)
                },
                // Update with nothing: update every deployment unit.
                du_op(DuOperationKind::Update),
                DuOperation {
                    uuid: Some(UUID.into()),
                    version: Some("1.0".into()),
                    execution_env_ref: Some(String::new()),
                    ..du_op(DuOperationKind::Uninstall)
                },
                DuOperation {
                    url: Some("http://repo.example/min.ipk".into()),
                    ..du_op(DuOperationKind::Install)
                },
            ],
            command_key: Some(RAW.into()),
        }),
        Request::ChangeDUState(ChangeDUState {
            operations: vec![DuOperation {
                uuid: Some(UUID.into()),
                ..du_op(DuOperationKind::Uninstall)
            }],
            command_key: None,
        }),
        Request::InformResponse(InformResponse { max_envelopes: 1 }),
        Request::TransferCompleteResponse,
        Request::AutonomousTransferCompleteResponse,
        Request::DUStateChangeCompleteResponse,
        Request::AutonomousDUStateChangeCompleteResponse,
        Request::GetRPCMethodsResponse(GetRPCMethodsResponse {
            methods: strings(&["Inform", "GetRPCMethods", "TransferComplete"]),
        }),
        Request::Fault(FaultDetail {
            code: Some(codes::ACS_RETRY_REQUEST),
            string: "Retry request".into(),
            soap_fault_code: "SOAP-ENV:Server".into(),
        }),
        Request::Fault(FaultDetail {
            code: Some(8003),
            string: String::new(),
            soap_fault_code: "SOAP-ENV:Client".into(),
        }),
        // A bare SOAP fault: no CWMP detail, the text is the faultstring.
        Request::Fault(FaultDetail {
            code: None,
            string: format!("{NASTY} {UNI}"),
            soap_fault_code: "SOAP-ENV:Client".into(),
        }),
    ]
}

const NAMESPACES: [(CwmpNamespace, u8); 3] = [
    (CwmpNamespace::V1_0, 0),
    (CwmpNamespace::V1_1, 1),
    (CwmpNamespace::V1_2, 2),
];

const OPTIONS: [WriteOptions; 2] = [
    WriteOptions {
        pretty: false,
        bool_style: BoolStyle::OneZero,
    },
    WriteOptions {
        pretty: true,
        bool_style: BoolStyle::TrueFalse,
    },
];

/// A header an ACS would send in `ns`; `variant` cycles through no header
/// at all, an ID only, and every ACS-to-CPE field of that CWMP version.
fn acs_header(ns: &CwmpNamespace, variant: usize) -> Header {
    let base = Header {
        cwmp_ns: ns.clone(),
        ..Header::default()
    };
    match variant % 3 {
        0 => base,
        1 => Header {
            id: Some(format!("id{NASTY}{UNI}")),
            ..base
        },
        _ => Header {
            id: Some("42".into()),
            hold_requests: Some(variant % 2 == 0),
            // NoMoreRequests is CWMP 1.0's; UseCWMPVersion CWMP 1.4's.
            no_more_requests: (ns.minor() == 0).then_some(true),
            use_cwmp_version: (ns.minor() == 2).then(|| "1.4".into()),
            ..base
        },
    }
}

fn envelope_of(header: Header, body: Request) -> Envelope<Request> {
    Envelope { header, body }
}

#[test]
fn every_variant_round_trips_and_validates_in_every_namespace_that_defines_it() {
    let mut docs = Vec::new();
    let mut kinds = std::collections::BTreeSet::new();
    for (i, req) in samples().into_iter().enumerate() {
        kinds.insert(req.method_name().to_owned());
        for (ns, minor) in &NAMESPACES {
            if *minor < min_minor(&req) {
                continue;
            }
            for (j, opts) in OPTIONS.iter().enumerate() {
                let env = envelope_of(acs_header(ns, i + j), req.clone());
                let xml = write_request(&env, opts);
                assert_eq!(parse_ok(xml.as_bytes()), env, "{xml}");
                docs.push((format!("{}-{minor}", req.method_name()), xml));
            }
        }
    }
    // Every variant but Unknown (26 body kinds, Empty and Fault included).
    assert_eq!(kinds.len(), 26, "{kinds:?}");
    validate_all(&docs, None);
    // cwmp-1-2 messages also validate against the CWMP 1.3 and 1.4 schemas
    // (same namespace; 1.4 defines the UseCWMPVersion header).
    let v12: Vec<_> = docs
        .iter()
        .filter(|(l, _)| l.ends_with("-2"))
        .cloned()
        .collect();
    validate_all(&v12, Some("1-3"));
    validate_all(&v12, Some("1-4"));
}

#[test]
fn array_types_are_exact_everywhere() {
    let mut arrays = 0;
    for req in samples() {
        let xml = write_request(
            &envelope_of(Header::default(), req),
            &WriteOptions::default(),
        );
        arrays += assert_array_types_exact(&xml);
    }
    assert!(arrays >= 9, "{arrays}");
    let one = |req: Request| {
        write_request(
            &envelope_of(Header::default(), req),
            &WriteOptions::default(),
        )
    };
    let gpv = one(samples().remove(4));
    assert!(
        gpv.contains(r#"<ParameterNames SOAP-ENC:arrayType="xsd:string[3]">"#),
        "{gpv}"
    );
    let spv = one(samples().remove(5));
    assert!(
        spv.contains(r#"SOAP-ENC:arrayType="cwmp:ParameterValueStruct[8]""#),
        "{spv}"
    );
    let spa = one(Request::SetParameterAttributes(SetParameterAttributes {
        list: vec![SetAttributes {
            name: "A.".into(),
            access_list: strings(&["Subscriber"]),
            ..SetAttributes::default()
        }],
    }));
    assert!(spa
        .contains(r#"<ParameterList SOAP-ENC:arrayType="cwmp:SetParameterAttributesStruct[1]">"#));
    assert!(spa.contains(
        r#"<AccessList SOAP-ENC:arrayType="xsd:string[1]"><string>Subscriber</string></AccessList>"#
    ));
    let sd = samples()
        .into_iter()
        .find(|r| matches!(r, Request::ScheduleDownload(_)))
        .map(one)
        .unwrap();
    assert!(sd.contains(r#"<TimeWindowList SOAP-ENC:arrayType="cwmp:TimeWindowStruct[2]">"#));
}

#[test]
fn exact_layout_of_requests() {
    let prologue = concat!(
        r#"<?xml version="1.0" encoding="UTF-8"?>"#,
        r#"<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" "#,
        r#"xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/" "#,
        r#"xmlns:xsd="http://www.w3.org/2001/XMLSchema" "#,
        r#"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" "#,
    );
    let spa = envelope_of(
        Header {
            id: Some("7".into()),
            hold_requests: Some(false),
            cwmp_ns: CwmpNamespace::V1_0,
            ..Header::default()
        },
        Request::SetParameterAttributes(SetParameterAttributes {
            list: vec![SetAttributes {
                name: "Device.X.".into(),
                notification_change: true,
                notification: Some(1),
                access_list_change: false,
                access_list: vec![],
            }],
        }),
    );
    let want = [
        prologue,
        r#"xmlns:cwmp="urn:dslforum-org:cwmp-1-0">"#,
        r#"<SOAP-ENV:Header><cwmp:ID SOAP-ENV:mustUnderstand="1">7</cwmp:ID>"#,
        r#"<cwmp:HoldRequests SOAP-ENV:mustUnderstand="1">0</cwmp:HoldRequests></SOAP-ENV:Header>"#,
        r#"<SOAP-ENV:Body><cwmp:SetParameterAttributes>"#,
        r#"<ParameterList SOAP-ENC:arrayType="cwmp:SetParameterAttributesStruct[1]">"#,
        r#"<SetParameterAttributesStruct><Name>Device.X.</Name>"#,
        r#"<NotificationChange>1</NotificationChange><Notification>1</Notification>"#,
        r#"<AccessListChange>0</AccessListChange>"#,
        r#"<AccessList SOAP-ENC:arrayType="xsd:string[0]"/>"#,
        r#"</SetParameterAttributesStruct></ParameterList>"#,
        r#"</cwmp:SetParameterAttributes></SOAP-ENV:Body></SOAP-ENV:Envelope>"#,
    ]
    .concat();
    assert_eq!(write_request(&spa, &WriteOptions::default()), want);

    let du = envelope_of(
        Header {
            cwmp_ns: CwmpNamespace::V1_2,
            ..Header::default()
        },
        Request::ChangeDUState(ChangeDUState {
            operations: vec![DuOperation {
                url: Some("http://r/x".into()),
                ..du_op(DuOperationKind::Install)
            }],
            command_key: Some("c".into()),
        }),
    );
    let want = [
        prologue,
        r#"xmlns:cwmp="urn:dslforum-org:cwmp-1-2">"#,
        r#"<SOAP-ENV:Body><cwmp:ChangeDUState>"#,
        r#"<Operations xsi:type="cwmp:InstallOpStruct"><URL>http://r/x</URL></Operations>"#,
        r#"<CommandKey>c</CommandKey>"#,
        r#"</cwmp:ChangeDUState></SOAP-ENV:Body></SOAP-ENV:Envelope>"#,
    ]
    .concat();
    assert_eq!(write_request(&du, &WriteOptions::default()), want);

    let fault = envelope_of(
        Header::default(),
        Request::Fault(FaultDetail {
            code: Some(8005),
            string: "Retry request".into(),
            soap_fault_code: String::new(),
        }),
    );
    let xml = write_request(&fault, &WriteOptions::default());
    assert!(
        xml.ends_with(concat!(
            r#"<SOAP-ENV:Body><SOAP-ENV:Fault><faultcode>SOAP-ENV:Server</faultcode>"#,
            r#"<faultstring>CWMP fault</faultstring><detail><cwmp:Fault>"#,
            r#"<FaultCode>8005</FaultCode><FaultString>Retry request</FaultString>"#,
            r#"</cwmp:Fault></detail></SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>"#
        )),
        "{xml}"
    );

    let empty = write_request(
        &envelope_of(Header::default(), Request::Empty),
        &WriteOptions::default(),
    );
    assert!(
        empty.ends_with("<SOAP-ENV:Body/></SOAP-ENV:Envelope>"),
        "{empty}"
    );
    let pretty = write_request(
        &envelope_of(Header::default(), Request::Empty),
        &WriteOptions {
            pretty: true,
            ..WriteOptions::default()
        },
    );
    assert!(
        pretty.ends_with("\n  <SOAP-ENV:Body/>\n</SOAP-ENV:Envelope>\n"),
        "{pretty:?}"
    );
}

/// Round trips outside the schemas' value constraints (empty arrays where
/// one item is required, extreme numbers, unknown methods and operation
/// kinds): the writer still writes what it is given.
#[test]
fn edge_cases_round_trip() {
    let cases = vec![
        Request::GetParameterValues(GetParameterValues { names: vec![] }),
        Request::GetParameterAttributes(GetParameterAttributes { names: vec![] }),
        Request::SetParameterValues(SetParameterValues::default()),
        Request::SetParameterAttributes(SetParameterAttributes { list: vec![] }),
        Request::GetRPCMethodsResponse(GetRPCMethodsResponse { methods: vec![] }),
        Request::Download(Download::default()),
        Request::ScheduleInform(ScheduleInform {
            delay_seconds: u32::MAX,
            command_key: String::new(),
        }),
        Request::ScheduleDownload(ScheduleDownload {
            time_windows: vec![TimeWindow {
                max_retries: i32::MIN,
                ..TimeWindow::default()
            }],
            ..ScheduleDownload::default()
        }),
        Request::ScheduleDownload(ScheduleDownload::default()),
        Request::ChangeDUState(ChangeDUState::default()),
        Request::ChangeDUState(ChangeDUState {
            operations: vec![
                DuOperation {
                    url: Some("u".into()),
                    uuid: Some("not-a-uuid".into()),
                    username: Some(RAW.into()),
                    password: Some(String::new()),
                    execution_env_ref: Some("ee".into()),
                    version: Some("v".into()),
                    ..du_op(DuOperationKind::Other("X_ACME_RestartOpStruct".into()))
                },
                DuOperation {
                    version: Some("1".into()),
                    ..du_op(DuOperationKind::Other(String::new()))
                },
            ],
            command_key: Some(String::new()),
        }),
        Request::InformResponse(InformResponse { max_envelopes: 0 }),
        Request::InformResponse(InformResponse {
            max_envelopes: u32::MAX,
        }),
        Request::Fault(FaultDetail {
            code: Some(u32::MAX),
            string: UNI.into(),
            soap_fault_code: "SOAP-ENV:Client".into(),
        }),
        Request::Unknown {
            method: "X_ACME_SetVouchers".into(),
        },
    ];
    for req in cases {
        for (ns, _) in &NAMESPACES {
            for opts in &OPTIONS {
                let env = envelope_of(acs_header(ns, 2), req.clone());
                let xml = write_request(&env, opts);
                assert_eq!(parse_ok(xml.as_bytes()), env, "{xml}");
                assert_array_types_exact(&xml);
            }
        }
    }
}

/// The normalisations `write_request` documents, each shown on the wire and
/// after reading back.
#[test]
fn documented_normalisations() {
    let write = |body: Request| {
        let xml = write_request(
            &envelope_of(Header::default(), body),
            &WriteOptions::default(),
        );
        let back = parse_ok(xml.as_bytes()).body;
        (xml, back)
    };

    // Untyped values stay untyped; types go into xsd whatever their prefix.
    let (xml, back) = write(Request::SetParameterValues(SetParameterValues {
        list: vec![
            ParameterValue {
                name: "A".into(),
                value: "1".into(),
                xsi_type: None,
            },
            pv("B", "2", "xsd:int"),
            pv("C", "3", "cwmp:unsignedInt"),
            pv("D", "4", ""),
        ],
        parameter_key: String::new(),
    }));
    assert!(xml.contains("<Name>A</Name><Value>1</Value>"), "{xml}");
    assert!(xml.contains(r#"<Value xsi:type="xsd:int">2</Value>"#));
    assert!(xml.contains(r#"<Value xsi:type="xsd:unsignedInt">3</Value>"#));
    assert!(xml.contains(r#"<Value xsi:type="xsd:string">4</Value>"#));
    let Request::SetParameterValues(spv) = back else {
        panic!("{back:?}")
    };
    let types: Vec<_> = spv.list.iter().map(|p| p.xsi_type.as_deref()).collect();
    assert_eq!(
        types,
        [None, Some("int"), Some("unsignedInt"), Some("string")]
    );

    // A missing notification is written as 0 (the schema requires an int).
    let (xml, back) = write(Request::SetParameterAttributes(SetParameterAttributes {
        list: vec![SetAttributes {
            name: "A.".into(),
            ..SetAttributes::default()
        }],
    }));
    assert!(xml.contains("<Notification>0</Notification>"), "{xml}");
    let Request::SetParameterAttributes(spa) = back else {
        panic!("{back:?}")
    };
    assert_eq!(spa.list[0].notification, Some(0));

    // Known operation kinds get their schema's fields only, required ones
    // always; the output validates.
    let everything = DuOperation {
        url: Some("http://r/x".into()),
        uuid: Some(UUID.into()),
        username: Some("u".into()),
        password: Some("p".into()),
        execution_env_ref: Some("Device.SoftwareModules.ExecEnv.1".into()),
        version: Some("1.0".into()),
        ..du_op(DuOperationKind::Install)
    };
    let ops = vec![
        everything.clone(),
        DuOperation {
            kind: DuOperationKind::Update,
            ..everything.clone()
        },
        DuOperation {
            kind: DuOperationKind::Uninstall,
            ..everything.clone()
        },
        du_op(DuOperationKind::Install),
    ];
    let du = envelope_of(
        Header {
            cwmp_ns: CwmpNamespace::V1_2,
            ..Header::default()
        },
        Request::ChangeDUState(ChangeDUState {
            operations: ops,
            command_key: None,
        }),
    );
    let xml = write_request(&du, &WriteOptions::default());
    let ee = "<ExecutionEnvRef>Device.SoftwareModules.ExecEnv.1</ExecutionEnvRef>";
    for want in [
        format!(
            r#"<Operations xsi:type="cwmp:InstallOpStruct"><URL>http://r/x</URL><UUID>{UUID}</UUID><Username>u</Username><Password>p</Password>{ee}</Operations>"#
        ),
        format!(
            r#"<Operations xsi:type="cwmp:UpdateOpStruct"><UUID>{UUID}</UUID><Version>1.0</Version><URL>http://r/x</URL><Username>u</Username><Password>p</Password></Operations>"#
        ),
        format!(
            r#"<Operations xsi:type="cwmp:UninstallOpStruct"><UUID>{UUID}</UUID><Version>1.0</Version>{ee}</Operations>"#
        ),
        r#"<Operations xsi:type="cwmp:InstallOpStruct"><URL></URL></Operations>"#.to_string(),
    ] {
        assert!(xml.contains(&want), "{want}\n{xml}");
    }
    validate_all(&[("du-normalised".into(), xml.clone())], None);
    let Request::ChangeDUState(back) = parse_ok(xml.as_bytes()).body else {
        panic!("{xml}")
    };
    assert_eq!(back.operations[0].version, None);
    assert_eq!(back.operations[2].url, None);
    assert_eq!(back.operations[3].url.as_deref(), Some(""));

    // An empty SOAP faultcode follows the TR-069 fault type of the code.
    for (code, want) in [
        (Some(8003), "SOAP-ENV:Client"),
        (Some(8005), "SOAP-ENV:Server"),
        (None, "SOAP-ENV:Server"),
    ] {
        let (xml, back) = write(Request::Fault(FaultDetail {
            code,
            string: "x".into(),
            soap_fault_code: String::new(),
        }));
        assert!(
            xml.contains(&format!("<faultcode>{want}</faultcode>")),
            "{xml}"
        );
        assert_eq!(
            back,
            Request::Fault(FaultDetail {
                code,
                string: "x".into(),
                soap_fault_code: want.into(),
            })
        );
    }

    // Unknown method names are made into XML names.
    for (method, want) in [
        ("Set Vouchers!", "Set_Vouchers_"),
        ("9x", "_9x"),
        ("", "_"),
        ("ü<a>", "___a_"),
    ] {
        let (xml, back) = write(Request::Unknown {
            method: method.into(),
        });
        assert!(xml.contains(&format!("<cwmp:{want}/>")), "{xml}");
        assert_eq!(back.method_name(), want);
    }

    // Characters XML cannot carry become U+FFFD; CR survives.
    let (xml, back) = write(Request::Reboot(Reboot {
        command_key: "a\u{0}b\u{1b}c\u{FFFF}\r".into(),
    }));
    assert!(!xml.contains('\u{0}') && !xml.contains('\r'), "{xml:?}");
    assert_eq!(
        back,
        Request::Reboot(Reboot {
            command_key: "a\u{FFFD}b\u{FFFD}c\u{FFFD}\r".into(),
        })
    );
}

#[test]
fn full_cwmp_1_4_acs_header_round_trips_and_validates() {
    let env = envelope_of(
        Header {
            id: Some("s&1".into()),
            hold_requests: Some(true),
            no_more_requests: None,
            session_timeout: None,
            supported_cwmp_versions: None,
            use_cwmp_version: Some("1.4".into()),
            cwmp_ns: CwmpNamespace::V1_2,
        },
        Request::InformResponse(InformResponse { max_envelopes: 1 }),
    );
    let xml = write_request(&env, &WriteOptions::default());
    assert!(
        xml.contains(r#"<cwmp:ID SOAP-ENV:mustUnderstand="1">s&amp;1</cwmp:ID>"#),
        "{xml}"
    );
    assert!(xml.contains(r#"<cwmp:HoldRequests SOAP-ENV:mustUnderstand="1">1</cwmp:HoldRequests>"#));
    assert!(xml
        .contains(r#"<cwmp:UseCWMPVersion SOAP-ENV:mustUnderstand="1">1.4</cwmp:UseCWMPVersion>"#));
    assert!(
        xml.contains("<cwmp:InformResponse><MaxEnvelopes>1</MaxEnvelopes></cwmp:InformResponse>")
    );
    assert_eq!(parse_ok(xml.as_bytes()), env);
    validate_all(&[("header-1-4".into(), xml)], Some("1-4"));
}

// ---- proptest round trip --------------------------------------------------

/// The XML whitespace the parser trims from names and non-string values.
fn xml_trim(s: &str) -> &str {
    s.trim_matches([' ', '\t', '\n', '\r'])
}

/// Any character XML 1.0 can carry, with markup and whitespace characters
/// (and a few that other line-end rules treat specially) made frequent.
fn xml_char() -> impl Strategy<Value = char> {
    // XML 1.0 `Char` minus tab/LF/CR (in `special`), as ranges rather than a
    // filter so that no case is rejected.
    let carried = prop_oneof![
        prop::char::range(' ', '\u{D7FF}'),
        prop::char::range('\u{E000}', '\u{FFFD}'),
        prop::char::range('\u{10000}', '\u{10FFFF}'),
    ];
    let special = prop::sample::select(vec![
        '&', '<', '>', '"', '\'', ']', ';', '#', ' ', '\t', '\n', '\r', '\u{85}', '\u{A0}',
        '\u{2028}', '\u{FEFF}', 'ü', '😀',
    ]);
    prop_oneof![3 => carried, 2 => special, 2 => prop::char::range('a', 'z')]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(xml_char(), 0..24).prop_map(|cs| cs.into_iter().collect())
}

/// Names and other trimmed fields: no surrounding XML whitespace.
fn name() -> impl Strategy<Value = String> {
    text().prop_map(|s| xml_trim(&s).to_owned())
}

fn xsi_type() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        Just(None),
        Just(Some("string".to_owned())),
        prop::sample::select(vec![
            "int",
            "unsignedInt",
            "long",
            "unsignedLong",
            "boolean",
            "dateTime",
            "base64Binary",
            "hexBinary",
        ])
        .prop_map(|t| Some(t.to_owned())),
        "[A-Za-z_][A-Za-z0-9_.-]{0,12}".prop_map(Some),
    ]
}

fn parameter_value() -> impl Strategy<Value = ParameterValue> {
    (name(), text(), xsi_type()).prop_map(|(name, value, xsi_type)| {
        // The parser keeps string and untyped values verbatim and trims the
        // rest (XSD collapses their whitespace), so only those are exact.
        let verbatim = xsi_type.as_deref().is_none_or(|t| t == "string");
        let value = if verbatim {
            value
        } else {
            xml_trim(&value).to_owned()
        };
        ParameterValue {
            name,
            value,
            xsi_type: xsi_type.map(Into::into),
        }
    })
}

fn header() -> impl Strategy<Value = Header> {
    let ns = prop::sample::select(vec![
        CwmpNamespace::V1_0,
        CwmpNamespace::V1_1,
        CwmpNamespace::V1_2,
        CwmpNamespace::Other("urn:dslforum-org:cwmp-1-9".into()),
    ]);
    (
        ns,
        prop::option::of(name()),
        prop::option::of(any::<bool>()),
    )
        .prop_map(|(cwmp_ns, id, hold_requests)| Header {
            id,
            hold_requests,
            cwmp_ns,
            ..Header::default()
        })
}

fn options() -> impl Strategy<Value = WriteOptions> {
    (any::<bool>(), any::<bool>()).prop_map(|(pretty, true_false)| WriteOptions {
        pretty,
        bool_style: if true_false {
            BoolStyle::TrueFalse
        } else {
            BoolStyle::OneZero
        },
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn set_parameter_values_round_trips(
        header in header(),
        list in prop::collection::vec(parameter_value(), 0..8),
        parameter_key in text(),
        opts in options(),
    ) {
        let env = envelope_of(header, Request::SetParameterValues(SetParameterValues {
            list,
            parameter_key,
        }));
        let xml = write_request(&env, &opts);
        let back = parse_request(xml.as_bytes(), &Limits::default());
        prop_assert_eq!(back.as_ref().ok(), Some(&env), "{}", xml);
    }

    #[test]
    fn get_parameter_values_round_trips(
        header in header(),
        names in prop::collection::vec(name(), 0..8),
        opts in options(),
    ) {
        let env = envelope_of(header, Request::GetParameterValues(GetParameterValues { names }));
        let xml = write_request(&env, &opts);
        let back = parse_request(xml.as_bytes(), &Limits::default());
        prop_assert_eq!(back.as_ref().ok(), Some(&env), "{}", xml);
    }
}

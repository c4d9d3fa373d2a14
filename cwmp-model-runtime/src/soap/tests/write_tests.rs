//! Writing CPE messages: every Response variant validated against the BBF
//! schemas, exact arrayType counts, escaping, header echo, fault layout.

use super::*;

const T0: &str = "2024-05-01T12:00:00Z";

fn pv(name: &str, value: &str, ty: &str) -> ParameterValue {
    ParameterValue::new(name, value, ty.to_owned())
}

fn op_result(code: u32) -> OpResult {
    OpResult {
        uuid: "6ba7b810-9dad-11d1-80b4-00c04fd430c8".into(),
        deployment_unit_ref: "Device.SoftwareModules.DeploymentUnit.1".into(),
        version: "1.0".into(),
        current_state: "Installed".into(),
        resolved: true,
        execution_unit_ref_list: "Device.SoftwareModules.ExecutionUnit.1".into(),
        start_time: T0.into(),
        complete_time: T0.into(),
        fault: if code == 0 {
            FaultStruct::none()
        } else {
            FaultStruct::new(code)
        },
    }
}

/// One sample of every Response variant, with the lowest cwmp namespace
/// generation (0, 1, 2) whose schema defines it.
fn samples() -> Vec<(Response, u8)> {
    vec![
        (
            Response::GetRPCMethodsResponse {
                methods: vec!["GetRPCMethods".into(), "GetParameterValues".into()],
            },
            0,
        ),
        (
            Response::GetParameterNamesResponse {
                list: vec![
                    ParameterInfo {
                        name: "Device.DeviceInfo.".into(),
                        writable: false,
                    },
                    ParameterInfo {
                        name: "Device.DeviceInfo.ProvisioningCode".into(),
                        writable: true,
                    },
                ],
            },
            0,
        ),
        (
            Response::GetParameterValuesResponse {
                list: vec![
                    pv("Device.DeviceInfo.UpTime", "42", "unsignedInt"),
                    pv("Device.Time.Enable", "true", "boolean"),
                    pv("Device.X_Blob", "AAEC", "base64Binary"),
                    pv("Device.Time.CurrentLocalTime", T0, "dateTime"),
                    pv("Device.Odd", "a&b <c> \"d\" ]]> \r\n\t\u{1}", "xsd:string"),
                    ParameterValue {
                        name: "Device.Untyped".into(),
                        value: String::new(),
                        xsi_type: None,
                    },
                ],
            },
            0,
        ),
        (Response::GetParameterValuesResponse { list: vec![] }, 0),
        (Response::SetParameterValuesResponse { status: 0 }, 0),
        (
            Response::GetParameterAttributesResponse {
                list: vec![
                    ParameterAttribute {
                        name: "Device.DeviceInfo.SoftwareVersion".into(),
                        notification: 2,
                        access_list: vec![],
                    },
                    ParameterAttribute {
                        name: "Device.ManagementServer.URL".into(),
                        notification: 0,
                        access_list: vec!["Subscriber".into()],
                    },
                ],
            },
            0,
        ),
        (Response::SetParameterAttributesResponse, 0),
        (
            Response::AddObjectResponse {
                instance_number: 3,
                status: 0,
            },
            0,
        ),
        (Response::DeleteObjectResponse { status: 1 }, 0),
        (Response::RebootResponse, 0),
        (Response::FactoryResetResponse, 0),
        (
            Response::DownloadResponse {
                status: 1,
                start_time: UNKNOWN_TIME.into(),
                complete_time: UNKNOWN_TIME.into(),
            },
            0,
        ),
        (
            Response::UploadResponse {
                status: 0,
                start_time: T0.into(),
                complete_time: "2024-05-01T12:00:05.123+02:00".into(),
            },
            0,
        ),
        (Response::ScheduleInformResponse, 0),
        (
            Response::GetQueuedTransfersResponse {
                list: vec![QueuedTransfer {
                    command_key: "fw".into(),
                    state: TransferState::InProgress,
                }],
            },
            0,
        ),
        (
            Response::GetAllQueuedTransfersResponse {
                list: vec![AllQueuedTransfer {
                    command_key: "fw".into(),
                    state: TransferState::NotYetStarted,
                    is_download: true,
                    file_type: "1 Firmware Upgrade Image".into(),
                    file_size: 1024,
                    target_file_name: "fw.bin".into(),
                }],
            },
            1,
        ),
        (Response::ScheduleDownloadResponse, 2),
        (Response::CancelTransferResponse, 2),
        (Response::ChangeDUStateResponse, 2),
        (
            Response::Inform(Inform {
                device_id: DeviceId {
                    manufacturer: "Example & Co".into(),
                    oui: "00D09E".into(),
                    product_class: "HGW".into(),
                    serial_number: "SN0001".into(),
                },
                events: vec![
                    Event::new("1 BOOT"),
                    Event {
                        code: "M Reboot".into(),
                        command_key: "rb".into(),
                    },
                ],
                max_envelopes: 1,
                current_time: T0.into(),
                retry_count: 0,
                parameters: vec![
                    pv("Device.DeviceInfo.HardwareVersion", "1.0", "string"),
                    pv(
                        "Device.ManagementServer.ConnectionRequestURL",
                        "http://10.0.0.1:7547/",
                        "string",
                    ),
                ],
            }),
            0,
        ),
        (
            Response::TransferComplete(TransferComplete {
                command_key: "fw".into(),
                fault: FaultStruct::new(9010),
                start_time: T0.into(),
                complete_time: T0.into(),
            }),
            0,
        ),
        (
            Response::AutonomousTransferComplete(AutonomousTransferComplete {
                announce_url: String::new(),
                transfer_url: "http://files/x.bin".into(),
                is_download: true,
                file_type: "1 Firmware Upgrade Image".into(),
                file_size: 77,
                target_file_name: "x.bin".into(),
                fault: FaultStruct::none(),
                start_time: T0.into(),
                complete_time: T0.into(),
            }),
            1,
        ),
        (
            Response::DUStateChangeComplete(DUStateChangeComplete {
                results: vec![op_result(0), op_result(9023)],
                command_key: Some("du".into()),
            }),
            2,
        ),
        (
            Response::AutonomousDUStateChangeComplete(AutonomousDUStateChangeComplete {
                results: vec![AutonOpResult {
                    result: op_result(0),
                    operation_performed: "Install".into(),
                }],
            }),
            2,
        ),
        (Response::GetRPCMethods, 0),
        (Response::Fault(Fault::new(9000)), 0),
        (
            Response::Fault(Fault {
                code: 9003,
                string: String::new(),
                set_parameter_values_faults: vec![
                    SPVFault::new("Device.X.Bad", 9005),
                    SPVFault {
                        name: "Device.Y".into(),
                        code: 9007,
                        string: "value out of range".into(),
                    },
                ],
            }),
            0,
        ),
    ]
}

fn header(ns: CwmpNamespace) -> Header {
    Header {
        id: Some("id-1".into()),
        cwmp_ns: ns,
        ..Header::default()
    }
}

#[test]
fn every_variant_validates_in_every_namespace_that_defines_it() {
    let namespaces = [
        (CwmpNamespace::V1_0, 0u8),
        (CwmpNamespace::V1_1, 1),
        (CwmpNamespace::V1_2, 2),
    ];
    let mut docs = Vec::new();
    let mut kinds = std::collections::BTreeSet::new();
    for (resp, min) in samples() {
        kinds.insert(resp.method_name());
        for (ns, minor) in &namespaces {
            if *minor < min {
                continue;
            }
            for (pretty, bool_style) in [(false, BoolStyle::OneZero), (true, BoolStyle::TrueFalse)]
            {
                let env = Envelope {
                    header: header(ns.clone()),
                    body: resp.clone(),
                };
                let xml = write_response(&env, &WriteOptions { pretty, bool_style });
                docs.push((format!("{}-{minor}", resp.method_name()), xml));
            }
        }
    }
    // 24 distinct body elements plus Fault: every variant is covered.
    assert_eq!(kinds.len(), 25, "{kinds:?}");
    validate_all(&docs, None);
    // Everything that exists in cwmp-1-2 also validates against the CWMP 1.3
    // and 1.4 schemas (same namespace).
    let v12: Vec<_> = docs
        .iter()
        .filter(|(l, _)| l.ends_with("-2"))
        .cloned()
        .collect();
    validate_all(&v12, Some("1-4"));
}

#[test]
fn full_header_validates_with_cwmp_1_4() {
    let env = Envelope {
        header: Header {
            id: Some("h&1".into()),
            hold_requests: Some(false),
            no_more_requests: Some(true),
            session_timeout: Some(30),
            supported_cwmp_versions: Some("1.0,1.1,1.2,1.3,1.4".into()),
            use_cwmp_version: Some("1.4".into()),
            cwmp_ns: CwmpNamespace::V1_2,
        },
        body: Response::GetRPCMethods,
    };
    let xml = write_response(&env, &WriteOptions::default());
    assert!(
        xml.contains(r#"<cwmp:ID SOAP-ENV:mustUnderstand="1">h&amp;1</cwmp:ID>"#),
        "{xml}"
    );
    assert!(xml
        .contains(r#"<cwmp:SessionTimeout SOAP-ENV:mustUnderstand="0">30</cwmp:SessionTimeout>"#));
    let docs = vec![("header".to_string(), xml)];
    validate_all(&docs, Some("1-3"));
    validate_all(&docs, Some("1-4"));
    // Without any header field there is no Header element at all.
    let bare = write_response(
        &Envelope {
            header: Header::default(),
            body: Response::RebootResponse,
        },
        &WriteOptions::default(),
    );
    assert!(!bare.contains("Header"));
    validate_all(&[("bare".into(), bare)], None);
}

#[test]
fn exact_layout_of_a_response() {
    let env = Envelope {
        header: header(CwmpNamespace::V1_0),
        body: Response::GetParameterValuesResponse {
            list: vec![pv("A.B", "1", "unsignedInt"), pv("A.C", "x", "string")],
        },
    };
    let xml = write_response(&env, &WriteOptions::default());
    let want = concat!(
        r#"<?xml version="1.0" encoding="UTF-8"?>"#,
        r#"<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" "#,
        r#"xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/" "#,
        r#"xmlns:xsd="http://www.w3.org/2001/XMLSchema" "#,
        r#"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" "#,
        r#"xmlns:cwmp="urn:dslforum-org:cwmp-1-0">"#,
        r#"<SOAP-ENV:Header><cwmp:ID SOAP-ENV:mustUnderstand="1">id-1</cwmp:ID></SOAP-ENV:Header>"#,
        r#"<SOAP-ENV:Body><cwmp:GetParameterValuesResponse>"#,
        r#"<ParameterList SOAP-ENC:arrayType="cwmp:ParameterValueStruct[2]">"#,
        r#"<ParameterValueStruct><Name>A.B</Name><Value xsi:type="xsd:unsignedInt">1</Value></ParameterValueStruct>"#,
        r#"<ParameterValueStruct><Name>A.C</Name><Value xsi:type="xsd:string">x</Value></ParameterValueStruct>"#,
        r#"</ParameterList></cwmp:GetParameterValuesResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>"#
    );
    assert_eq!(xml, want);
}

#[test]
fn array_types_are_exact_everywhere() {
    for (resp, _) in samples() {
        let xml = write_response(
            &Envelope {
                header: Header::default(),
                body: resp,
            },
            &WriteOptions::default(),
        );
        let seen = assert_array_types_exact(&xml);
        let arrays = [
            "<MethodList ",
            "<ParameterList ",
            "<TransferList ",
            "<Event ",
        ];
        if arrays.iter().any(|a| xml.contains(a)) {
            assert!(seen > 0, "{xml}");
        }
    }
}

#[test]
fn fault_layout_and_client_server() {
    let xml = |code| {
        write_response(
            &Envelope {
                header: Header::default(),
                body: Response::Fault(Fault::new(code)),
            },
            &WriteOptions::default(),
        )
    };
    let f = xml(9005);
    assert!(f.contains("<faultcode>SOAP-ENV:Client</faultcode>"), "{f}");
    assert!(f.contains("<faultstring>CWMP fault</faultstring>"));
    assert!(f.contains("<detail><cwmp:Fault><FaultCode>9005</FaultCode><FaultString>Invalid parameter name</FaultString></cwmp:Fault></detail>"));
    assert!(xml(9002).contains("<faultcode>SOAP-ENV:Server</faultcode>"));
    // An empty SPV fault string gets the standard one.
    let spv = write_response(
        &Envelope {
            header: Header::default(),
            body: Response::Fault(Fault {
                code: 9003,
                string: "Invalid arguments".into(),
                set_parameter_values_faults: vec![SPVFault {
                    name: "A".into(),
                    code: 9007,
                    string: String::new(),
                }],
            }),
        },
        &WriteOptions::default(),
    );
    assert!(spv.contains("<SetParameterValuesFault><ParameterName>A</ParameterName><FaultCode>9007</FaultCode><FaultString>Invalid parameter value</FaultString></SetParameterValuesFault>"), "{spv}");
}

#[test]
fn replies_echo_id_and_namespace() {
    let env = parse_ok(fixture("axis_ns1_spv.xml"));
    let reply = env.reply(Response::SetParameterValuesResponse { status: 0 });
    let xml = write_response(&reply, &WriteOptions::default());
    assert!(xml.contains(r#"xmlns:cwmp="urn:dslforum-org:cwmp-1-1""#));
    assert!(xml.contains(r#"<cwmp:ID SOAP-ENV:mustUnderstand="1">axis-1</cwmp:ID>"#));
    // An unknown namespace is answered in that namespace.
    let odd = envelope("<cwmp:Reboot/>").replace("cwmp-1-2", "cwmp-1-9");
    let env = parse_ok(odd.as_bytes());
    let xml = write_response(
        &env.reply(Response::RebootResponse),
        &WriteOptions::default(),
    );
    assert!(
        xml.contains(r#"xmlns:cwmp="urn:dslforum-org:cwmp-1-9""#),
        "{xml}"
    );
}

#[test]
fn escaping_round_trips_and_replaces_unrepresentable_characters() {
    let nasty = "a&b<c>d\"e'f]]>g\r\nh\ti\u{0}j\u{1b}k\u{FFFE}l\u{7f}m\u{e9}\u{1F600}";
    let env = Envelope {
        header: Header {
            id: Some(nasty.into()),
            ..Header::default()
        },
        body: Response::GetRPCMethodsResponse {
            methods: vec![nasty.into()],
        },
    };
    for opts in [
        WriteOptions::default(),
        WriteOptions {
            pretty: true,
            bool_style: BoolStyle::TrueFalse,
        },
    ] {
        let xml = write_response(&env, &opts);
        assert!(!xml.contains('\u{0}') && !xml.contains('\u{1b}') && !xml.contains('\r'));
        let back = parse_ok(xml.as_bytes());
        let want = "a&b<c>d\"e'f]]>g\r\nh\ti\u{FFFD}j\u{FFFD}k\u{FFFD}l\u{7f}m\u{e9}\u{1F600}";
        match back.body {
            Request::GetRPCMethodsResponse(r) => assert_eq!(r.methods, vec![want.to_string()]),
            other => panic!("{other:?}"),
        }
        // The ID is trimmed on reading, so only its inner part is compared.
        assert_eq!(back.header.id.as_deref(), Some(want.trim_end()));
    }
}

#[test]
fn cpe_get_rpc_methods_round_trip() {
    // The CPE's GetRPCMethods and the ACS's answer share element names with
    // the reverse direction, so the writer's output is parseable here.
    let out = write_response(
        &Envelope {
            header: header(CwmpNamespace::V1_2),
            body: Response::GetRPCMethods,
        },
        &WriteOptions::default(),
    );
    let back = parse_ok(out.as_bytes());
    assert_eq!(back.body, Request::GetRPCMethods);
    assert_eq!(back.header.id.as_deref(), Some("id-1"));
    assert_eq!(back.header.cwmp_ns, CwmpNamespace::V1_2);
}

#[test]
fn a_large_answer_is_written_into_one_buffer_that_fits_it() {
    let values: Vec<ParameterValue> = (0..500)
        .map(|i| {
            let name = format!("Device.X_EXAMPLE_Table.{i}.{}", "Name".repeat(i % 7));
            let ty = [
                "xsd:string",
                "xsd:unsignedInt",
                "xsd:boolean",
                "xsd:dateTime",
            ][i % 4];
            pv(&name, &"v".repeat(i % 40), ty)
        })
        .collect();
    let names = values
        .iter()
        .map(|p| ParameterInfo {
            name: p.name.clone(),
            writable: p.value.len() % 2 == 0,
        })
        .collect();
    for body in [
        Response::GetParameterValuesResponse { list: values },
        Response::GetParameterNamesResponse { list: names },
    ] {
        for pretty in [false, true] {
            let opts = WriteOptions {
                pretty,
                ..WriteOptions::default()
            };
            let hint = super::write::size_hint(&body, &opts);
            let env = Envelope {
                header: Header::default(),
                body: body.clone(),
            };
            let xml = write_response(&env, &opts);
            // The buffer never grew, and the guess was not wasteful.
            assert_eq!(xml.capacity(), hint + 1024, "pretty {pretty}");
            assert!(xml.len() * 5 >= hint * 4, "{} of {hint}", xml.len());
        }
    }
}

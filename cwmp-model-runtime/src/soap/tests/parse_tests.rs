//! Reading ACS traffic: real-world fixtures, every Request variant, errors.

use super::*;

fn pv(name: &str, value: &str, ty: Option<&str>) -> ParameterValue {
    ParameterValue {
        name: name.into(),
        value: value.into(),
        xsi_type: ty.map(|t| t.to_owned().into()),
    }
}

#[test]
fn genieacs_get_parameter_values() {
    let env = parse_ok(fixture("genieacs_gpv.xml"));
    assert_eq!(env.header.id.as_deref(), Some("17c5c5a7e54"));
    assert_eq!(env.header.cwmp_ns, CwmpNamespace::V1_0);
    assert_eq!(
        env.body,
        Request::GetParameterValues(GetParameterValues {
            names: vec![
                "InternetGatewayDevice.DeviceInfo.SoftwareVersion".into(),
                "InternetGatewayDevice.ManagementServer.".into(),
            ],
        })
    );
}

#[test]
fn genieacs_set_parameter_values_with_types_and_escapes() {
    let env = parse_ok(fixture("genieacs_spv.xml"));
    let Request::SetParameterValues(spv) = env.body else {
        panic!("not SPV")
    };
    assert_eq!(spv.parameter_key, "genieacs-42");
    assert_eq!(
        spv.list,
        vec![
            pv(
                "InternetGatewayDevice.ManagementServer.PeriodicInformEnable",
                "true",
                Some("boolean")
            ),
            pv(
                "InternetGatewayDevice.ManagementServer.PeriodicInformInterval",
                "300",
                Some("unsignedInt")
            ),
            // xsd:string keeps its trailing space.
            pv(
                "InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.SSID",
                "Caf& <guest> ",
                Some("string")
            ),
        ]
    );
}

#[test]
fn axiros_pretty_printed_spa_with_padded_array_type_and_empty_notification() {
    let env = parse_ok(fixture("axiros_spa.xml"));
    assert_eq!(env.header.cwmp_ns, CwmpNamespace::V1_2);
    assert_eq!(env.header.id.as_deref(), Some("axiros-7"));
    assert_eq!(env.header.hold_requests, Some(false));
    let Request::SetParameterAttributes(spa) = env.body else {
        panic!("not SPA")
    };
    // arrayType says 0003, two items are present: the items win.
    assert_eq!(
        spa.list,
        vec![
            SetAttributes {
                name: "Device.DeviceInfo.SoftwareVersion".into(),
                notification_change: true,
                notification: Some(2),
                access_list_change: false,
                access_list: vec![],
            },
            SetAttributes {
                name: "Device.ManagementServer.URL".into(),
                notification_change: false,
                notification: None,
                access_list_change: true,
                access_list: vec!["Subscriber".into()],
            },
        ]
    );
}

#[test]
fn freeacs_download_without_declaration_and_bare_ampersand() {
    let env = parse_ok(fixture("freeacs_download.xml"));
    assert_eq!(env.header.id.as_deref(), Some("FREEACS-1234"));
    assert_eq!(env.header.no_more_requests, Some(true));
    assert_eq!(
        env.body,
        Request::Download(Download {
            command_key: "fw upgrade 2.1".into(),
            file_type: "1 Firmware Upgrade Image".into(),
            url: "http://acs.example.net/fw/img.bin?a=1&b=2".into(),
            ..Download::default()
        })
    );
}

#[test]
fn axis_ns1_prefixes_missing_types_cdata_and_wrong_count() {
    let env = parse_ok(fixture("axis_ns1_spv.xml"));
    assert_eq!(env.header.cwmp_ns, CwmpNamespace::V1_1);
    assert_eq!(env.header.id.as_deref(), Some("axis-1"));
    let Request::SetParameterValues(spv) = env.body else {
        panic!("not SPV")
    };
    assert_eq!(spv.parameter_key, "");
    assert_eq!(
        spv.list,
        vec![
            // No xsi:type: kept verbatim, type None.
            pv("Device.Time.NTPServer1", "  pool.ntp.org ", None),
            // xsd:string sent for a boolean parameter: passed through as is.
            pv("Device.Time.Enable", "1", Some("string")),
            // Non-string type (soapenc:base64): trimmed, CDATA unescaped.
            pv("Device.X_VENDOR.Blob", "AAEC<x>==", Some("base64")),
        ]
    );
}

#[test]
fn default_namespaces_without_prefixes_and_cwmp_1_4_headers() {
    let env = parse_ok(fixture("unprefixed_default_ns.xml"));
    assert_eq!(env.header.cwmp_ns, CwmpNamespace::V1_2);
    assert_eq!(env.header.id.as_deref(), Some("plain-9"));
    assert_eq!(env.header.session_timeout, Some(60));
    assert_eq!(env.header.use_cwmp_version.as_deref(), Some("1.4"));
    assert_eq!(
        env.body,
        Request::GetParameterNames(GetParameterNames {
            parameter_path: "Device.".into(),
            next_level: true,
        })
    );
}

#[test]
fn no_namespace_and_unbound_prefix() {
    let env = parse_ok(fixture("no_namespace_unbound_prefix.xml"));
    assert_eq!(env.header.cwmp_ns, CwmpNamespace::V1_0);
    assert_eq!(env.header.id.as_deref(), Some("x"));
    assert_eq!(
        env.body,
        Request::AddObject(AddObject {
            object_name: "InternetGatewayDevice.WANDevice.1.WANConnectionDevice.".into(),
            parameter_key: "k1".into(),
        })
    );
}

#[test]
fn latin1_body_is_decoded() {
    let env = parse_ok(fixture("latin1_spv.xml"));
    let Request::SetParameterValues(spv) = env.body else {
        panic!("not SPV")
    };
    assert_eq!(spv.list[0].value, "Café Müller");
}

#[test]
fn encodings_bom_and_fallback() {
    let xml = envelope("<cwmp:Reboot><CommandKey>r\u{e9}</CommandKey></cwmp:Reboot>");
    let reboot = |env: Envelope<Request>| match env.body {
        Request::Reboot(r) => r.command_key,
        other => panic!("{other:?}"),
    };
    // UTF-8 with BOM.
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(xml.as_bytes());
    assert_eq!(reboot(parse_ok(&bom)), "ré");
    // UTF-16LE and UTF-16BE with BOM.
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for u in xml.encode_utf16() {
        le.extend_from_slice(&u.to_le_bytes());
        be.extend_from_slice(&u.to_be_bytes());
    }
    assert_eq!(reboot(parse_ok(&le)), "ré");
    assert_eq!(reboot(parse_ok(&be)), "ré");
    // Declared UTF-8 but actually Latin-1: read as Latin-1.
    let latin: Vec<u8> = xml.chars().map(|c| c as u32 as u8).collect();
    assert_eq!(reboot(parse_ok(&latin)), "ré");
    // windows-1252 maps 0x80 to the euro sign; ISO-8859-15 maps 0xA4 to it.
    let cp = xml
        .replace("UTF-8", "windows-1252")
        .replace('\u{e9}', "\u{80}");
    let cp: Vec<u8> = cp.chars().map(|c| c as u32 as u8).collect();
    assert_eq!(reboot(parse_ok(&cp)), "r€");
    let l9 = xml
        .replace("UTF-8", "ISO-8859-15")
        .replace('\u{e9}', "\u{a4}");
    let l9: Vec<u8> = l9.chars().map(|c| c as u32 as u8).collect();
    assert_eq!(reboot(parse_ok(&l9)), "r€");
    // Declared ISO-8859-1 but sent as UTF-8: the bytes win.
    let mislabelled = xml.replace("UTF-8", "ISO-8859-1");
    assert_eq!(reboot(parse_ok(mislabelled.as_bytes())), "ré");
    // Unknown encodings are refused with 9003.
    let ebcdic = xml.replace("UTF-8", "EBCDIC-US");
    let err = parse_request(ebcdic.as_bytes(), &Limits::default()).unwrap_err();
    assert!(matches!(err.kind, ParseErrorKind::Encoding(_)), "{err}");
    assert_eq!(err.fault_code(), 9003);
}

#[test]
fn every_cpe_method() {
    let cases: Vec<(&str, Request)> = vec![
        ("<cwmp:GetRPCMethods/>", Request::GetRPCMethods),
        (
            "<cwmp:GetParameterNames><ParameterPath/><NextLevel>0</NextLevel></cwmp:GetParameterNames>",
            Request::GetParameterNames(GetParameterNames {
                parameter_path: String::new(),
                next_level: false,
            }),
        ),
        (
            r#"<cwmp:GetParameterAttributes><ParameterNames soap-enc:arrayType="xsd:string[1]"><string> Device.WiFi. </string></ParameterNames></cwmp:GetParameterAttributes>"#,
            Request::GetParameterAttributes(GetParameterAttributes {
                names: vec!["Device.WiFi.".into()],
            }),
        ),
        (
            "<cwmp:DeleteObject><ObjectName>Device.NAT.PortMapping.3.</ObjectName><ParameterKey>d</ParameterKey></cwmp:DeleteObject>",
            Request::DeleteObject(DeleteObject {
                object_name: "Device.NAT.PortMapping.3.".into(),
                parameter_key: "d".into(),
            }),
        ),
        (
            "<cwmp:Reboot><CommandKey>rb 1</CommandKey></cwmp:Reboot>",
            Request::Reboot(Reboot {
                command_key: "rb 1".into(),
            }),
        ),
        ("<cwmp:FactoryReset/>", Request::FactoryReset),
        (
            "<cwmp:Upload><CommandKey>up</CommandKey><FileType>2 Vendor Log File</FileType><URL>https://h/u</URL><Username>u</Username><Password>p w</Password><DelaySeconds>5</DelaySeconds></cwmp:Upload>",
            Request::Upload(Upload {
                command_key: "up".into(),
                file_type: "2 Vendor Log File".into(),
                url: "https://h/u".into(),
                username: "u".into(),
                password: "p w".into(),
                delay_seconds: 5,
            }),
        ),
        (
            "<cwmp:ScheduleInform><DelaySeconds> 30 </DelaySeconds><CommandKey>si</CommandKey></cwmp:ScheduleInform>",
            Request::ScheduleInform(ScheduleInform {
                delay_seconds: 30,
                command_key: "si".into(),
            }),
        ),
        ("<cwmp:GetQueuedTransfers/>", Request::GetQueuedTransfers),
        ("<cwmp:GetAllQueuedTransfers></cwmp:GetAllQueuedTransfers>", Request::GetAllQueuedTransfers),
        (
            r#"<cwmp:ScheduleDownload><CommandKey>sd</CommandKey><FileType>1 Firmware Upgrade Image</FileType><URL>http://f/x</URL><Username/><Password/><FileSize>1024</FileSize><TargetFileName>x.bin</TargetFileName><TimeWindowList soap-enc:arrayType="cwmp:TimeWindowStruct[2]"><TimeWindowStruct><WindowStart>0</WindowStart><WindowEnd>3600</WindowEnd><WindowMode>1 At Any Time</WindowMode><UserMessage/><MaxRetries>-1</MaxRetries></TimeWindowStruct><TimeWindowStruct><WindowStart>7200</WindowStart><WindowEnd>9000</WindowEnd><WindowMode>4 Confirmation Needed</WindowMode><UserMessage>Upgrade?</UserMessage><MaxRetries>2</MaxRetries></TimeWindowStruct></TimeWindowList></cwmp:ScheduleDownload>"#,
            Request::ScheduleDownload(ScheduleDownload {
                command_key: "sd".into(),
                file_type: "1 Firmware Upgrade Image".into(),
                url: "http://f/x".into(),
                file_size: 1024,
                target_file_name: "x.bin".into(),
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
                        window_end: 9000,
                        window_mode: "4 Confirmation Needed".into(),
                        user_message: "Upgrade?".into(),
                        max_retries: 2,
                    },
                ],
                ..ScheduleDownload::default()
            }),
        ),
        (
            "<cwmp:CancelTransfer><CommandKey>sd</CommandKey></cwmp:CancelTransfer>",
            Request::CancelTransfer(CancelTransfer {
                command_key: "sd".into(),
            }),
        ),
        (
            r#"<cwmp:ChangeDUState><Operations xsi:type="cwmp:InstallOpStruct"><URL>http://d/u.ipk</URL><UUID>6ba7b810-9dad-11d1-80b4-00c04fd430c8</UUID><ExecutionEnvRef>Device.SoftwareModules.ExecEnv.1.</ExecutionEnvRef></Operations><Operations xsi:type="cwmp:UninstallOpStruct"><UUID>6ba7b811-9dad-11d1-80b4-00c04fd430c8</UUID><Version>1.0</Version></Operations><Operations><URL>x</URL></Operations><CommandKey>du</CommandKey></cwmp:ChangeDUState>"#,
            Request::ChangeDUState(ChangeDUState {
                operations: vec![
                    DuOperation {
                        kind: DuOperationKind::Install,
                        url: Some("http://d/u.ipk".into()),
                        uuid: Some("6ba7b810-9dad-11d1-80b4-00c04fd430c8".into()),
                        username: None,
                        password: None,
                        execution_env_ref: Some("Device.SoftwareModules.ExecEnv.1.".into()),
                        version: None,
                    },
                    DuOperation {
                        kind: DuOperationKind::Uninstall,
                        url: None,
                        uuid: Some("6ba7b811-9dad-11d1-80b4-00c04fd430c8".into()),
                        username: None,
                        password: None,
                        execution_env_ref: None,
                        version: Some("1.0".into()),
                    },
                    DuOperation {
                        kind: DuOperationKind::Other(String::new()),
                        url: Some("x".into()),
                        uuid: None,
                        username: None,
                        password: None,
                        execution_env_ref: None,
                        version: None,
                    },
                ],
                command_key: Some("du".into()),
            }),
        ),
        (
            "<cwmp:InformResponse><MaxEnvelopes>1</MaxEnvelopes></cwmp:InformResponse>",
            Request::InformResponse(InformResponse { max_envelopes: 1 }),
        ),
        (
            "<cwmp:InformResponse/>",
            Request::InformResponse(InformResponse { max_envelopes: 1 }),
        ),
        ("<cwmp:TransferCompleteResponse/>", Request::TransferCompleteResponse),
        (
            "<cwmp:AutonomousTransferCompleteResponse/>",
            Request::AutonomousTransferCompleteResponse,
        ),
        ("<cwmp:DUStateChangeCompleteResponse/>", Request::DUStateChangeCompleteResponse),
        (
            "<cwmp:AutonomousDUStateChangeCompleteResponse/>",
            Request::AutonomousDUStateChangeCompleteResponse,
        ),
        (
            r#"<cwmp:GetRPCMethodsResponse><MethodList soap-enc:arrayType="xsd:string[2]"><string>Inform</string><string>TransferComplete</string></MethodList></cwmp:GetRPCMethodsResponse>"#,
            Request::GetRPCMethodsResponse(GetRPCMethodsResponse {
                methods: vec!["Inform".into(), "TransferComplete".into()],
            }),
        ),
        (
            "<cwmp:SetVouchers><VoucherList/></cwmp:SetVouchers>",
            Request::Unknown {
                method: "SetVouchers".into(),
            },
        ),
        ("", Request::Empty),
    ];
    for (body, want) in cases {
        let got = parse_body(body);
        assert_eq!(got, want, "body: {body}");
        if let Request::Unknown { method } = &got {
            assert_eq!(got.method_name(), method);
        }
    }
}

#[test]
fn acs_soap_fault() {
    let body = "<soap-env:Fault><faultcode>soap-env:Server</faultcode><faultstring>CWMP fault</faultstring><detail><cwmp:Fault><FaultCode>8005</FaultCode><FaultString>Retry request</FaultString></cwmp:Fault></detail></soap-env:Fault>";
    assert_eq!(
        parse_body(body),
        Request::Fault(FaultDetail {
            code: Some(8005),
            string: "Retry request".into(),
            soap_fault_code: "soap-env:Server".into(),
        })
    );
    // A bare SOAP fault without CWMP detail.
    let bare = "<soap-env:Fault><faultcode>Client</faultcode><faultstring>bad</faultstring></soap-env:Fault>";
    assert_eq!(
        parse_body(bare),
        Request::Fault(FaultDetail {
            code: None,
            string: "bad".into(),
            soap_fault_code: "Client".into(),
        })
    );
}

#[test]
fn booleans_and_whitespace() {
    for (text, want) in [
        ("true", true),
        ("false", false),
        ("1", true),
        ("0", false),
        (" TRUE\n", true),
        ("\tFalse ", false),
    ] {
        let body = format!(
            "<cwmp:GetParameterNames><ParameterPath> Device. </ParameterPath><NextLevel xsi:type=\"xsd:string\">{text}</NextLevel></cwmp:GetParameterNames>"
        );
        assert_eq!(
            parse_body(&body),
            Request::GetParameterNames(GetParameterNames {
                parameter_path: "Device.".into(),
                next_level: want,
            }),
            "{text:?}"
        );
    }
}

#[test]
fn namespace_detection() {
    let with_ns = |uri: &str| {
        format!(
            r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><c:GetRPCMethods xmlns:c="{uri}"/></s:Body></s:Envelope>"#
        )
    };
    let ns = |uri: &str| parse_ok(with_ns(uri).as_bytes()).header.cwmp_ns;
    assert_eq!(ns("urn:dslforum-org:cwmp-1-0"), CwmpNamespace::V1_0);
    assert_eq!(ns("urn:dslforum-org:cwmp-1-1"), CwmpNamespace::V1_1);
    assert_eq!(ns("urn:dslforum-org:cwmp-1-2"), CwmpNamespace::V1_2);
    let other = ns("urn:dslforum-org:cwmp-1-4");
    assert_eq!(
        other,
        CwmpNamespace::Other("urn:dslforum-org:cwmp-1-4".into())
    );
    assert_eq!(other.uri(), "urn:dslforum-org:cwmp-1-4");
    assert_eq!(other.minor(), 0);
    // An empty body still finds the namespace from the header ID.
    let empty = envelope("");
    let env = parse_ok(empty.as_bytes());
    assert_eq!(
        (env.body, env.header.cwmp_ns),
        (Request::Empty, CwmpNamespace::V1_2)
    );
}

#[test]
fn missing_and_invalid_elements_map_to_9003() {
    let cases = [
        ("<cwmp:GetParameterValues/>", "ParameterNames"),
        ("<cwmp:GetParameterNames><ParameterPath/></cwmp:GetParameterNames>", "NextLevel"),
        ("<cwmp:AddObject><ParameterKey/></cwmp:AddObject>", "ObjectName"),
        ("<cwmp:Download><FileType>1 Firmware Upgrade Image</FileType></cwmp:Download>", "URL"),
        (
            "<cwmp:SetParameterValues><ParameterList><ParameterValueStruct><Name>a</Name></ParameterValueStruct></ParameterList></cwmp:SetParameterValues>",
            "Value",
        ),
        ("<cwmp:ScheduleInform><CommandKey/></cwmp:ScheduleInform>", "DelaySeconds"),
    ];
    for (body, element) in cases {
        let err = parse_err(body);
        assert!(
            matches!(&err.kind, ParseErrorKind::MissingElement { element: e, .. } if *e == element),
            "{body}: {err}"
        );
        assert_eq!(err.fault_code(), 9003);
        assert_eq!(err.fault_type(), FaultType::Client);
        // The header survives the error, so the fault can echo the ID.
        let reply = err.fault_envelope();
        assert_eq!(reply.header.id.as_deref(), Some("t1"));
        assert_eq!(reply.header.cwmp_ns, CwmpNamespace::V1_2);
    }
    let invalid = [
        "<cwmp:GetParameterNames><ParameterPath/><NextLevel>yes</NextLevel></cwmp:GetParameterNames>",
        "<cwmp:ScheduleInform><DelaySeconds>-5</DelaySeconds></cwmp:ScheduleInform>",
        "<cwmp:Download><FileType>1</FileType><URL>u</URL><FileSize>big</FileSize></cwmp:Download>",
        "<cwmp:SetParameterAttributes><ParameterList><SetParameterAttributesStruct><Name>a</Name><Notification>7</Notification></SetParameterAttributesStruct></ParameterList></cwmp:SetParameterAttributes>",
    ];
    for body in invalid {
        let err = parse_err(body);
        assert!(
            matches!(err.kind, ParseErrorKind::InvalidValue { .. }),
            "{body}: {err}"
        );
        assert_eq!(err.fault_code(), 9003);
        let fault = err.to_fault();
        assert_eq!(fault.code, 9003);
        assert!(fault.string.contains("expected"), "{}", fault.string);
    }
    let bad_header = envelope("").replace(
        "</soap-env:Header>",
        "<cwmp:HoldRequests soap-env:mustUnderstand=\"1\">maybe</cwmp:HoldRequests></soap-env:Header>",
    );
    let err = parse_request(bad_header.as_bytes(), &Limits::default()).unwrap_err();
    assert!(matches!(err.kind, ParseErrorKind::InvalidValue { .. }));
    assert_eq!(err.header.and_then(|h| h.id).as_deref(), Some("t1"));
}

#[test]
fn structural_errors() {
    let limits = Limits::default();
    let err = |xml: &str| parse_request(xml.as_bytes(), &limits).unwrap_err();
    assert!(matches!(err("<a/>").kind, ParseErrorKind::NotEnvelope(_)));
    assert!(matches!(
        err("<Envelope><Header/></Envelope>").kind,
        ParseErrorKind::MissingElement {
            element: "Body",
            ..
        }
    ));
    assert!(matches!(
        err("<Envelope><Body>").kind,
        ParseErrorKind::Xml { .. }
    ));
    assert!(matches!(
        err("<Envelope></Body>").kind,
        ParseErrorKind::Xml { .. }
    ));
    assert!(matches!(err("").kind, ParseErrorKind::Xml { .. }));
    assert!(matches!(
        err("<!DOCTYPE x [<!ENTITY a \"b\">]><Envelope><Body/></Envelope>").kind,
        ParseErrorKind::Xml { .. }
    ));
    for e in [err("<a/>"), err("<Envelope><Body>")] {
        assert_eq!(e.fault_code(), 9003);
        assert!(e.header.is_none() || e.header.as_ref().is_some_and(|h| h.id.is_none()));
    }
}

#[test]
fn limits_give_9004() {
    let xml = fixture("genieacs_spv.xml");
    let tight = |f: fn(&mut Limits)| {
        let mut l = Limits::default();
        f(&mut l);
        parse_request(xml, &l).unwrap_err()
    };
    for e in [
        tight(|l| l.max_bytes = 100),
        tight(|l| l.max_depth = 4),
        tight(|l| l.max_elements = 10),
        tight(|l| l.max_array_len = 2),
    ] {
        assert!(
            matches!(e.kind, ParseErrorKind::LimitExceeded { .. }),
            "{e}"
        );
        assert_eq!(e.fault_code(), 9004);
        assert_eq!(e.fault_type(), FaultType::Server);
    }
    // Depth is capped even when configured as unlimited.
    let deep = format!("<Envelope>{}", "<a>".repeat(100_000));
    let l = Limits {
        max_depth: usize::MAX,
        ..Limits::default()
    };
    let e = parse_request(deep.as_bytes(), &l).unwrap_err();
    assert!(
        matches!(e.kind, ParseErrorKind::LimitExceeded { limit, .. } if limit == MAX_DEPTH_CEILING)
    );
}

#[test]
fn arrays_without_array_type_and_version_headers() {
    let xml = envelope(
        "<cwmp:GetParameterValues><ParameterNames><string>A.</string><xsd:string>B.C</xsd:string></ParameterNames></cwmp:GetParameterValues>",
    )
    .replace(
        "</soap-env:Header>",
        "<cwmp:SupportedCWMPVersions soap-env:mustUnderstand=\"0\">1.0,1.4</cwmp:SupportedCWMPVersions><cwmp:Unknown soap-env:mustUnderstand=\"1\">x</cwmp:Unknown></soap-env:Header>",
    );
    let env = parse_ok(xml.as_bytes());
    assert_eq!(
        env.header.supported_cwmp_versions.as_deref(),
        Some("1.0,1.4")
    );
    assert_eq!(
        env.body,
        Request::GetParameterValues(GetParameterValues {
            names: vec!["A.".into(), "B.C".into()],
        })
    );
    // An inline cwmp:Fault without the SOAP wrapper is still read as a fault.
    assert_eq!(
        parse_body(
            "<cwmp:Fault><FaultCode> 8002 </FaultCode><FaultString>oops</FaultString></cwmp:Fault>"
        ),
        Request::Fault(FaultDetail {
            code: Some(8002),
            string: "oops".into(),
            soap_fault_code: String::new(),
        })
    );
}

//! Typed [`Request`]s to SOAP envelope text: the ACS side of the codec, so
//! that tests, examples and simulators can script an ACS with typed messages
//! instead of hand-written XML. The mirror image of
//! [`parse_request`](super::parse_request), with the same envelope frame,
//! prefixes, escaping and options as [`write_response`](super::write_response).

use super::fault::{fault_type, FaultType};
use super::out::{envelope, xsd_type, Out};
use super::request::*;
use super::types::{Envelope, ParameterValue};
use super::write::WriteOptions;

/// Writes one ACS-to-CPE envelope as UTF-8 XML: the ACS's requests, its
/// answers to the CPE's messages (InformResponse, TransferCompleteResponse,
/// GetRPCMethodsResponse, ...), ACS faults and the empty message.
///
/// The frame is that of [`write_response`](super::write_response): the
/// Envelope declares the `SOAP-ENV`, `SOAP-ENC`, `xsd`, `xsi` and `cwmp`
/// prefixes, `cwmp` bound to `env.header.cwmp_ns`; every `Some` header field
/// becomes a header element (`cwmp:ID` and `cwmp:HoldRequests` with
/// `SOAP-ENV:mustUnderstand="1"`); text is escaped the same way, so the output
/// is well-formed for any strings. Elements follow the BBF `cwmp-1-x` schema
/// order, and every array carries an exact `SOAP-ENC:arrayType` (e.g.
/// `xsd:string[3]`, `cwmp:ParameterValueStruct[2]`).
///
/// Whatever [`parse_request`](super::parse_request) reads back is equal to
/// `env`, except where the parser normalises (it trims names, paths, URLs,
/// non-string values and the like), for characters XML 1.0 cannot carry
/// (U+FFFD instead, as in `write_response`), and for these writer choices,
/// each made so the structure matches the schema:
/// - a [`ParameterValue`] with `xsi_type: None` gets no `xsi:type` (as an ACS
///   may send it); a type is written in the `xsd` namespace whatever prefix it
///   came with (`"xsd:int"` reads back as `"int"`), and an empty one as `string`;
/// - [`SetAttributes::notification`] `None` is written as `0` (the element
///   is a required int, ignored by the CPE when `notification_change` is false);
/// - a [`DuOperation`] of a known kind gets only the elements its
///   `InstallOpStruct` / `UpdateOpStruct` / `UninstallOpStruct` defines, in
///   schema order, and an empty one for a required field that is `None`
///   (`URL` of Install, `UUID` of Uninstall); [`DuOperationKind::Other`]
///   gets every field present and `xsi:type="cwmp:<name>"` (none if empty);
/// - a [`FaultDetail`] with an empty `soap_fault_code` gets `SOAP-ENV:Client`
///   or `SOAP-ENV:Server` as TR-069 assigns to its code (`Server` without one);
/// - an [`Unknown`](Request::Unknown) method name has characters other than
///   ASCII letters, digits, `_`, `-` and `.` replaced by `_` (and a leading `_`
///   added where an XML name cannot start), so the element is always well-formed.
///
/// The output validates against the BBF schema of the envelope's namespace
/// when the values do (lengths, patterns such as FileType's, UUIDs, the
/// notification range, at least one name in a ParameterNames array after
/// CWMP 1.0, ...) and the namespace defines the method: ScheduleDownload,
/// CancelTransfer, ChangeDUState and the DUStateChangeComplete responses
/// need `cwmp-1-2`, GetAllQueuedTransfers and
/// AutonomousTransferCompleteResponse `cwmp-1-1` or later. A method is
/// written in whatever namespace the header names, so that a CPE's handling
/// of a method its version lacks can be tested too.
///
/// ```
/// use cwmp_model_runtime::soap::*;
/// let env = Envelope {
///     header: Header {
///         id: Some("1".into()),
///         cwmp_ns: CwmpNamespace::V1_2,
///         ..Header::default()
///     },
///     body: Request::SetParameterValues(SetParameterValues {
///         list: vec![ParameterValue::new("Device.Time.Enable", "true", "boolean")],
///         parameter_key: "k1".into(),
///     }),
/// };
/// let xml = write_request(&env, &WriteOptions::default());
/// assert!(xml.contains(concat!(
///     r#"<ParameterList SOAP-ENC:arrayType="cwmp:ParameterValueStruct[1]">"#,
///     r#"<ParameterValueStruct><Name>Device.Time.Enable</Name>"#,
///     r#"<Value xsi:type="xsd:boolean">true</Value></ParameterValueStruct>"#,
///     r#"</ParameterList><ParameterKey>k1</ParameterKey>"#,
/// )));
/// // The CPE side reads back exactly what the ACS side wrote.
/// assert_eq!(parse_request(xml.as_bytes(), &Limits::default()).unwrap(), env);
/// ```
pub fn write_request(env: &Envelope<Request>, opts: &WriteOptions) -> String {
    envelope(&env.header, opts, 0, |w| write_body(w, &env.body))
}

fn write_body(w: &mut Out, body: &Request) {
    let tag = format!("cwmp:{}", body.method_name());
    match body {
        // An empty Body: nothing inside it.
        Request::Empty => {}
        Request::GetRPCMethods
        | Request::FactoryReset
        | Request::GetQueuedTransfers
        | Request::GetAllQueuedTransfers
        | Request::TransferCompleteResponse
        | Request::AutonomousTransferCompleteResponse
        | Request::DUStateChangeCompleteResponse
        | Request::AutonomousDUStateChangeCompleteResponse => w.empty(&tag, &[]),
        Request::GetParameterNames(g) => w.element(&tag, &[], |w| {
            w.leaf("ParameterPath", &g.parameter_path);
            w.boolean("NextLevel", g.next_level);
        }),
        Request::GetParameterValues(g) => w.element(&tag, &[], |w| {
            strings(w, "ParameterNames", &g.names);
        }),
        Request::SetParameterValues(s) => w.element(&tag, &[], |w| {
            w.array(
                "ParameterList",
                "cwmp:ParameterValueStruct",
                &s.list,
                parameter_value,
            );
            w.leaf("ParameterKey", &s.parameter_key);
        }),
        Request::GetParameterAttributes(g) => w.element(&tag, &[], |w| {
            strings(w, "ParameterNames", &g.names);
        }),
        Request::SetParameterAttributes(s) => w.element(&tag, &[], |w| {
            w.array(
                "ParameterList",
                "cwmp:SetParameterAttributesStruct",
                &s.list,
                set_attributes,
            );
        }),
        Request::AddObject(AddObject {
            object_name,
            parameter_key,
        })
        | Request::DeleteObject(DeleteObject {
            object_name,
            parameter_key,
        }) => w.element(&tag, &[], |w| {
            w.leaf("ObjectName", object_name);
            w.leaf("ParameterKey", parameter_key);
        }),
        Request::Reboot(Reboot { command_key })
        | Request::CancelTransfer(CancelTransfer { command_key }) => {
            w.element(&tag, &[], |w| w.leaf("CommandKey", command_key));
        }
        Request::Download(d) => w.element(&tag, &[], |w| {
            w.leaf("CommandKey", &d.command_key);
            w.leaf("FileType", &d.file_type);
            w.leaf("URL", &d.url);
            w.leaf("Username", &d.username);
            w.leaf("Password", &d.password);
            w.number("FileSize", d.file_size);
            w.leaf("TargetFileName", &d.target_file_name);
            w.number("DelaySeconds", d.delay_seconds);
            w.leaf("SuccessURL", &d.success_url);
            w.leaf("FailureURL", &d.failure_url);
        }),
        Request::Upload(u) => w.element(&tag, &[], |w| {
            w.leaf("CommandKey", &u.command_key);
            w.leaf("FileType", &u.file_type);
            w.leaf("URL", &u.url);
            w.leaf("Username", &u.username);
            w.leaf("Password", &u.password);
            w.number("DelaySeconds", u.delay_seconds);
        }),
        Request::ScheduleInform(s) => w.element(&tag, &[], |w| {
            w.number("DelaySeconds", s.delay_seconds);
            w.leaf("CommandKey", &s.command_key);
        }),
        Request::ScheduleDownload(s) => w.element(&tag, &[], |w| {
            w.leaf("CommandKey", &s.command_key);
            w.leaf("FileType", &s.file_type);
            w.leaf("URL", &s.url);
            w.leaf("Username", &s.username);
            w.leaf("Password", &s.password);
            w.number("FileSize", s.file_size);
            w.leaf("TargetFileName", &s.target_file_name);
            w.array(
                "TimeWindowList",
                "cwmp:TimeWindowStruct",
                &s.time_windows,
                time_window,
            );
        }),
        Request::ChangeDUState(c) => w.element(&tag, &[], |w| {
            // `Operations` is a repeated element, not a SOAP array.
            for op in &c.operations {
                du_operation(w, op);
            }
            if let Some(key) = &c.command_key {
                w.leaf("CommandKey", key);
            }
        }),
        Request::InformResponse(i) => w.element(&tag, &[], |w| {
            w.number("MaxEnvelopes", i.max_envelopes);
        }),
        Request::GetRPCMethodsResponse(r) => w.element(&tag, &[], |w| {
            strings(w, "MethodList", &r.methods);
        }),
        Request::Fault(f) => fault(w, f),
        Request::Unknown { method } => w.empty(&format!("cwmp:{}", xml_name(method)), &[]),
    }
}

/// An `xsd:string` SOAP array (ParameterNames, MethodList, AccessList).
fn strings(w: &mut Out, name: &str, items: &[String]) {
    w.array(name, "xsd:string", items, |w, s| w.leaf("string", s));
}

fn parameter_value(w: &mut Out, p: &ParameterValue) {
    w.element("ParameterValueStruct", &[], |w| {
        w.leaf("Name", &p.name);
        match &p.xsi_type {
            Some(t) => w.leaf_attrs("Value", &[("xsi:type", &xsd_type(t))], &p.value),
            None => w.leaf("Value", &p.value),
        }
    });
}

fn set_attributes(w: &mut Out, a: &SetAttributes) {
    w.element("SetParameterAttributesStruct", &[], |w| {
        w.leaf("Name", &a.name);
        w.boolean("NotificationChange", a.notification_change);
        w.number("Notification", a.notification.unwrap_or(0));
        w.boolean("AccessListChange", a.access_list_change);
        strings(w, "AccessList", &a.access_list);
    });
}

fn time_window(w: &mut Out, t: &TimeWindow) {
    w.element("TimeWindowStruct", &[], |w| {
        w.number("WindowStart", t.window_start);
        w.number("WindowEnd", t.window_end);
        w.leaf("WindowMode", &t.window_mode);
        w.leaf("UserMessage", &t.user_message);
        w.number("MaxRetries", t.max_retries);
    });
}

/// One `Operations` element, typed by `xsi:type` since the schema declares
/// it with the abstract `OperationStruct`.
fn du_operation(w: &mut Out, op: &DuOperation) {
    // Each known kind lists (element, field, required) in its schema order.
    type Fields<'a> = [(&'static str, &'a Option<String>, bool)];
    let install: &Fields = &[
        ("URL", &op.url, true),
        ("UUID", &op.uuid, false),
        ("Username", &op.username, false),
        ("Password", &op.password, false),
        ("ExecutionEnvRef", &op.execution_env_ref, false),
    ];
    let update: &Fields = &[
        ("UUID", &op.uuid, false),
        ("Version", &op.version, false),
        ("URL", &op.url, false),
        ("Username", &op.username, false),
        ("Password", &op.password, false),
    ];
    let uninstall: &Fields = &[
        ("UUID", &op.uuid, true),
        ("Version", &op.version, false),
        ("ExecutionEnvRef", &op.execution_env_ref, false),
    ];
    // No schema for other kinds: every field present, none required.
    let other: &Fields = &[
        ("URL", &op.url, false),
        ("UUID", &op.uuid, false),
        ("Username", &op.username, false),
        ("Password", &op.password, false),
        ("ExecutionEnvRef", &op.execution_env_ref, false),
        ("Version", &op.version, false),
    ];
    let (type_name, fields) = match &op.kind {
        DuOperationKind::Install => ("InstallOpStruct".to_owned(), install),
        DuOperationKind::Update => ("UpdateOpStruct".to_owned(), update),
        DuOperationKind::Uninstall => ("UninstallOpStruct".to_owned(), uninstall),
        DuOperationKind::Other(name) if name.is_empty() => (String::new(), other),
        DuOperationKind::Other(name) => (xml_name(name), other),
    };
    let qname = format!("cwmp:{type_name}");
    let attrs: &[(&str, &str)] = if type_name.is_empty() {
        &[]
    } else {
        &[("xsi:type", &qname)]
    };
    w.element("Operations", attrs, |w| {
        for (name, value, required) in fields {
            match value {
                Some(v) => w.leaf(name, v),
                None if *required => w.leaf(name, ""),
                None => {}
            }
        }
    });
}

/// A SOAP 1.1 Fault from the ACS (TR-069 A.5): the CWMP detail when there is
/// a code, else a bare SOAP fault whose `faultstring` is the text.
fn fault(w: &mut Out, f: &FaultDetail) {
    let faultcode = if f.soap_fault_code.is_empty() {
        let kind = f.code.map_or(FaultType::Server, fault_type);
        format!("SOAP-ENV:{}", kind.as_str())
    } else {
        f.soap_fault_code.clone()
    };
    w.element("SOAP-ENV:Fault", &[], |w| {
        w.leaf("faultcode", &faultcode);
        match f.code {
            Some(code) => {
                w.leaf("faultstring", "CWMP fault");
                w.element("detail", &[], |w| {
                    w.element("cwmp:Fault", &[], |w| {
                        w.number("FaultCode", code);
                        w.leaf("FaultString", &f.string);
                    });
                });
            }
            None => w.leaf("faultstring", &f.string),
        }
    });
}

/// `name` as an XML name without a prefix: ASCII letters, digits, `_`, `-`
/// and `.` kept, anything else replaced by `_`, and `_` put first when it
/// would otherwise start with a digit, `-` or `.` (or be empty).
fn xml_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 1);
    if !name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        out.push('_');
    }
    out.extend(name.chars().map(|c| {
        if c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.') {
            c
        } else {
            '_'
        }
    }));
    out
}

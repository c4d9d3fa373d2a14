//! Element tree to typed [`Request`]s.
//!
//! Tolerance rules, applied uniformly:
//! - elements are matched by local name, whatever their prefix or namespace
//!   (and case-insensitively when no exact match exists);
//! - `soap-enc:arrayType` and `xsi:type` on arrays are ignored: the items
//!   present are the array, and any child element counts as an item;
//! - identifiers, numbers and booleans are trimmed of XML whitespace;
//!   opaque strings (keys, credentials, `xsd:string` or untyped values) are
//!   kept verbatim because their whitespace may be meaningful;
//! - booleans accept `true`/`false`/`1`/`0` (any case) whatever `xsi:type` says;
//! - schema-required elements whose absence has an obvious neutral meaning
//!   (CommandKey, ParameterKey, credentials, optional URLs, FileSize,
//!   DelaySeconds of transfers, the `*Change` flags, AccessList) default to
//!   empty / 0 / false; elements that carry the request's meaning (names,
//!   paths, NextLevel, ObjectName, URL, FileType, lists, ScheduleInform's
//!   DelaySeconds, time windows) are required.

use std::borrow::Cow;

use super::dom::{self, Element};
use super::error::{clip, Limits, ParseError, ParseErrorKind};
use super::request::*;
use super::types::{
    CwmpNamespace, Envelope, GetRPCMethodsResponse, Header, ParameterValue, SOAP_ENC_NS,
    SOAP_ENV_NS, VALUE_TYPES, XSD_NS, XSI_NS,
};

type R<T> = Result<T, ParseErrorKind>;

/// Reads one ACS-to-CPE SOAP envelope.
///
/// Never panics, whatever the bytes; sizes are bounded by `limits`. On error
/// the [`ParseError`] carries the header when it was readable, so the fault
/// reply can echo `cwmp:ID` (see [`ParseError::fault_envelope`]).
pub fn parse_request(bytes: &[u8], limits: &Limits) -> Result<Envelope<Request>, ParseError> {
    if bytes.len() > limits.max_bytes {
        return Err(ParseErrorKind::LimitExceeded {
            what: "envelope size in bytes",
            limit: limits.max_bytes,
        }
        .into());
    }
    let text = dom::decode(bytes)?;
    let root = dom::build(&text, limits)?;
    if !root.local.eq_ignore_ascii_case("Envelope") {
        return Err(ParseErrorKind::NotEnvelope(clip(&root.local)).into());
    }
    let header_el = root.child("Header");
    let body = root.child("Body");
    let method = body.and_then(|b| b.children.first());
    let mut header = Header {
        id: header_el.and_then(|h| h.child("ID")).map(trimmed),
        cwmp_ns: detect_namespace(&root, method),
        ..Header::default()
    };
    let result = header_el
        .map_or(Ok(()), |h| parse_header(h, &mut header))
        .and_then(|()| {
            body.ok_or(ParseErrorKind::MissingElement {
                parent: "Envelope".into(),
                element: "Body",
            })
        })
        .and_then(|_| method.map_or(Ok(Request::Empty), parse_method));
    match result {
        Ok(body) => Ok(Envelope { header, body }),
        Err(kind) => Err(ParseError {
            kind,
            header: Some(Box::new(header)),
        }),
    }
}

/// The cwmp namespace: the method element's own namespace when it is not a
/// SOAP/XSD one; else the first element namespace or declaration in
/// document order that looks like `urn:dslforum-org:cwmp*`; else 1-0.
fn detect_namespace(root: &Element, method: Option<&Element>) -> CwmpNamespace {
    const NOT_CWMP: [&str; 4] = [SOAP_ENV_NS, SOAP_ENC_NS, XSD_NS, XSI_NS];
    if let Some(ns) = method.and_then(|m| m.ns.as_deref()) {
        if !NOT_CWMP.contains(&ns) {
            return CwmpNamespace::from_uri(ns);
        }
    }
    // Iterative walk: depth is bounded by Limits anyway, but no recursion
    // keeps this function's stack use constant.
    let mut todo = vec![root];
    while let Some(el) = todo.pop() {
        let looks_cwmp = |uri: &str| uri.trim().starts_with("urn:dslforum-org:cwmp");
        if let Some(ns) = el.ns.as_deref().filter(|ns| looks_cwmp(ns)) {
            return CwmpNamespace::from_uri(ns);
        }
        if let Some((_, uri)) = el.ns_decls.iter().find(|(_, uri)| looks_cwmp(uri)) {
            return CwmpNamespace::from_uri(uri);
        }
        todo.extend(el.children.iter().rev());
    }
    CwmpNamespace::V1_0
}

fn parse_header(h: &Element, header: &mut Header) -> R<()> {
    for el in &h.children {
        match el.local.as_str() {
            "HoldRequests" => header.hold_requests = Some(boolean(el)?),
            "NoMoreRequests" => header.no_more_requests = Some(boolean(el)?),
            "SessionTimeout" => header.session_timeout = Some(unsigned(el)?),
            "SupportedCWMPVersions" => header.supported_cwmp_versions = Some(trimmed(el)),
            "UseCWMPVersion" => header.use_cwmp_version = Some(trimmed(el)),
            // ID was read already; unknown headers are ignored (no ACS relies
            // on a CPE faulting on mustUnderstand for headers CWMP lacks).
            _ => {}
        }
    }
    Ok(())
}

fn parse_method(m: &Element) -> R<Request> {
    Ok(match m.local.as_str() {
        "GetRPCMethods" => Request::GetRPCMethods,
        "GetParameterNames" => Request::GetParameterNames(GetParameterNames {
            parameter_path: trimmed(req(m, "ParameterPath")?),
            next_level: boolean(req(m, "NextLevel")?)?,
        }),
        "GetParameterValues" => Request::GetParameterValues(GetParameterValues {
            names: strings(req(m, "ParameterNames")?),
        }),
        "SetParameterValues" => Request::SetParameterValues(SetParameterValues {
            list: items(req(m, "ParameterList")?, parameter_value)?,
            parameter_key: opt_raw(m, "ParameterKey"),
        }),
        "GetParameterAttributes" => Request::GetParameterAttributes(GetParameterAttributes {
            names: strings(req(m, "ParameterNames")?),
        }),
        "SetParameterAttributes" => Request::SetParameterAttributes(SetParameterAttributes {
            list: items(req(m, "ParameterList")?, set_attributes)?,
        }),
        "AddObject" => Request::AddObject(AddObject {
            object_name: trimmed(req(m, "ObjectName")?),
            parameter_key: opt_raw(m, "ParameterKey"),
        }),
        "DeleteObject" => Request::DeleteObject(DeleteObject {
            object_name: trimmed(req(m, "ObjectName")?),
            parameter_key: opt_raw(m, "ParameterKey"),
        }),
        "Reboot" => Request::Reboot(Reboot {
            command_key: opt_raw(m, "CommandKey"),
        }),
        "FactoryReset" => Request::FactoryReset,
        "Download" => Request::Download(Download {
            command_key: opt_raw(m, "CommandKey"),
            file_type: trimmed(req(m, "FileType")?),
            url: trimmed(req(m, "URL")?),
            username: opt_raw(m, "Username"),
            password: opt_raw(m, "Password"),
            file_size: opt_unsigned(m, "FileSize")?,
            target_file_name: opt_trimmed(m, "TargetFileName"),
            delay_seconds: opt_unsigned(m, "DelaySeconds")?,
            success_url: opt_trimmed(m, "SuccessURL"),
            failure_url: opt_trimmed(m, "FailureURL"),
        }),
        "Upload" => Request::Upload(Upload {
            command_key: opt_raw(m, "CommandKey"),
            file_type: trimmed(req(m, "FileType")?),
            url: trimmed(req(m, "URL")?),
            username: opt_raw(m, "Username"),
            password: opt_raw(m, "Password"),
            delay_seconds: opt_unsigned(m, "DelaySeconds")?,
        }),
        "ScheduleInform" => Request::ScheduleInform(ScheduleInform {
            delay_seconds: unsigned(req(m, "DelaySeconds")?)?,
            command_key: opt_raw(m, "CommandKey"),
        }),
        "GetQueuedTransfers" => Request::GetQueuedTransfers,
        "GetAllQueuedTransfers" => Request::GetAllQueuedTransfers,
        "ScheduleDownload" => Request::ScheduleDownload(ScheduleDownload {
            command_key: opt_raw(m, "CommandKey"),
            file_type: trimmed(req(m, "FileType")?),
            url: trimmed(req(m, "URL")?),
            username: opt_raw(m, "Username"),
            password: opt_raw(m, "Password"),
            file_size: opt_unsigned(m, "FileSize")?,
            target_file_name: opt_trimmed(m, "TargetFileName"),
            time_windows: items(req(m, "TimeWindowList")?, time_window)?,
        }),
        "CancelTransfer" => Request::CancelTransfer(CancelTransfer {
            command_key: opt_raw(m, "CommandKey"),
        }),
        "ChangeDUState" => Request::ChangeDUState(ChangeDUState {
            operations: m
                .children
                .iter()
                .filter(|c| c.local.eq_ignore_ascii_case("Operations"))
                .map(du_operation)
                .collect(),
            command_key: m.child("CommandKey").map(raw),
        }),
        "InformResponse" => Request::InformResponse(InformResponse {
            max_envelopes: match m.child("MaxEnvelopes") {
                Some(e) => unsigned(e)?,
                None => 1,
            },
        }),
        "TransferCompleteResponse" => Request::TransferCompleteResponse,
        "AutonomousTransferCompleteResponse" => Request::AutonomousTransferCompleteResponse,
        "DUStateChangeCompleteResponse" => Request::DUStateChangeCompleteResponse,
        "AutonomousDUStateChangeCompleteResponse" => {
            Request::AutonomousDUStateChangeCompleteResponse
        }
        "GetRPCMethodsResponse" => Request::GetRPCMethodsResponse(GetRPCMethodsResponse {
            methods: m.child("MethodList").map(strings).unwrap_or_default(),
        }),
        "Fault" => Request::Fault(fault_detail(m)),
        other => Request::Unknown {
            method: other.to_owned(),
        },
    })
}

/// A value's type name, borrowed when it is one of the XML Schema types
/// CWMP values carry.
fn type_name(t: &str) -> Cow<'static, str> {
    VALUE_TYPES
        .iter()
        .find(|(local, _)| *local == t)
        .map_or_else(
            || Cow::Owned(t.to_owned()),
            |&(local, _)| Cow::Borrowed(local),
        )
}

fn parameter_value(s: &Element) -> R<ParameterValue> {
    let value = req(s, "Value")?;
    let xsi_type = value
        .attr("type")
        .map(local_part)
        .filter(|t| !t.is_empty())
        .map(type_name);
    // XSD collapses whitespace for every built-in type but string, so only
    // string (or untyped) values keep theirs.
    let keep_raw = xsi_type.as_deref().is_none_or(|t| t == "string");
    Ok(ParameterValue {
        name: trimmed(req(s, "Name")?),
        value: if keep_raw { raw(value) } else { trimmed(value) },
        xsi_type,
    })
}

fn set_attributes(s: &Element) -> R<SetAttributes> {
    let notification = match s.child("Notification").map(|e| (e, xml_trim(&e.text))) {
        None | Some((_, "")) => None,
        Some((e, text)) => match text.parse::<u8>() {
            Ok(n) if n <= 6 => Some(n),
            _ => return Err(invalid(e, "a notification value 0..6")),
        },
    };
    Ok(SetAttributes {
        name: trimmed(req(s, "Name")?),
        notification_change: opt_boolean(s, "NotificationChange")?,
        notification,
        access_list_change: opt_boolean(s, "AccessListChange")?,
        access_list: s.child("AccessList").map(strings).unwrap_or_default(),
    })
}

fn time_window(s: &Element) -> R<TimeWindow> {
    Ok(TimeWindow {
        window_start: unsigned(req(s, "WindowStart")?)?,
        window_end: unsigned(req(s, "WindowEnd")?)?,
        window_mode: trimmed(req(s, "WindowMode")?),
        user_message: opt_raw(s, "UserMessage"),
        max_retries: signed(req(s, "MaxRetries")?)?,
    })
}

fn du_operation(op: &Element) -> DuOperation {
    let kind = local_part(op.attr("type").unwrap_or(""));
    let kind = match kind {
        k if k.eq_ignore_ascii_case("InstallOpStruct") => DuOperationKind::Install,
        k if k.eq_ignore_ascii_case("UpdateOpStruct") => DuOperationKind::Update,
        k if k.eq_ignore_ascii_case("UninstallOpStruct") => DuOperationKind::Uninstall,
        k => DuOperationKind::Other(k.to_owned()),
    };
    DuOperation {
        kind,
        url: op.child("URL").map(trimmed),
        uuid: op.child("UUID").map(trimmed),
        username: op.child("Username").map(raw),
        password: op.child("Password").map(raw),
        execution_env_ref: op.child("ExecutionEnvRef").map(trimmed),
        version: op.child("Version").map(trimmed),
    }
}

/// A SOAP fault from the ACS. Lenient throughout: the ACS is already
/// reporting a failure, and turning an odd fault into a parse error would
/// only hide it.
fn fault_detail(f: &Element) -> FaultDetail {
    let soap_fault_code = f.child_exact("faultcode").map(trimmed).unwrap_or_default();
    let soap_string = f
        .child_exact("faultstring")
        .map(trimmed)
        .unwrap_or_default();
    // The cwmp:Fault normally sits in `detail`; accept it inline too. Exact
    // names here: `FaultCode` and SOAP's `faultcode` differ only by case.
    let cwmp = f
        .child("detail")
        .and_then(|d| d.child("Fault"))
        .or_else(|| f.child_exact("FaultCode").map(|_| f));
    let code = cwmp
        .and_then(|c| c.child_exact("FaultCode"))
        .and_then(|e| xml_trim(&e.text).parse().ok());
    let string = cwmp
        .and_then(|c| c.child_exact("FaultString"))
        .map(trimmed)
        .unwrap_or(soap_string);
    FaultDetail {
        code,
        string,
        soap_fault_code,
    }
}

// ---- field helpers -------------------------------------------------------

/// Trims the XML whitespace characters only (not e.g. U+00A0, which is data).
fn xml_trim(s: &str) -> &str {
    s.trim_matches([' ', '\t', '\n', '\r'])
}

/// The part of a QName after its prefix.
fn local_part(qname: &str) -> &str {
    let q = xml_trim(qname);
    q.rsplit_once(':').map_or(q, |(_, local)| local)
}

fn req<'a>(parent: &'a Element, name: &'static str) -> R<&'a Element> {
    parent
        .child(name)
        .ok_or_else(|| ParseErrorKind::MissingElement {
            parent: clip(&parent.local),
            element: name,
        })
}

fn invalid(el: &Element, expected: &'static str) -> ParseErrorKind {
    ParseErrorKind::InvalidValue {
        element: clip(&el.local),
        value: clip(xml_trim(&el.text)),
        expected,
    }
}

fn raw(el: &Element) -> String {
    el.text.clone()
}

fn trimmed(el: &Element) -> String {
    xml_trim(&el.text).to_owned()
}

fn opt_raw(parent: &Element, name: &str) -> String {
    parent.child(name).map(raw).unwrap_or_default()
}

fn opt_trimmed(parent: &Element, name: &str) -> String {
    parent.child(name).map(trimmed).unwrap_or_default()
}

fn boolean(el: &Element) -> R<bool> {
    match xml_trim(&el.text) {
        "1" => Ok(true),
        "0" => Ok(false),
        t if t.eq_ignore_ascii_case("true") => Ok(true),
        t if t.eq_ignore_ascii_case("false") => Ok(false),
        _ => Err(invalid(el, "a boolean (true, false, 1 or 0)")),
    }
}

fn opt_boolean(parent: &Element, name: &str) -> R<bool> {
    parent.child(name).map_or(Ok(false), boolean)
}

fn unsigned(el: &Element) -> R<u32> {
    xml_trim(&el.text)
        .parse()
        .map_err(|_| invalid(el, "an unsignedInt"))
}

fn opt_unsigned(parent: &Element, name: &str) -> R<u32> {
    parent.child(name).map_or(Ok(0), unsigned)
}

fn signed(el: &Element) -> R<i32> {
    xml_trim(&el.text)
        .parse()
        .map_err(|_| invalid(el, "an int"))
}

/// A SOAP array of strings: every child element's trimmed text.
fn strings(array: &Element) -> Vec<String> {
    array.children.iter().map(trimmed).collect()
}

/// A SOAP array of structs: every child element through `item`.
fn items<T>(array: &Element, item: impl Fn(&Element) -> R<T>) -> R<Vec<T>> {
    array.children.iter().map(item).collect()
}

//! Typed [`Response`]s to SOAP envelope text.
//!
//! Written by hand rather than through quick-xml's writer: the output is a
//! fixed shape, and owning the escaping lets the codec guarantee well-formed
//! XML 1.0 for any Rust string (see [`write_response`]).

use super::fault::{fault_string, Fault, FaultStruct};
use super::response::*;
use super::types::{Envelope, Header, ParameterValue, SOAP_ENC_NS, SOAP_ENV_NS, XSD_NS, XSI_NS};

/// How booleans (Writable, IsDownload, Resolved, HoldRequests, ...) are spelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum BoolStyle {
    /// `1` / `0`: what most CPEs in the field send and every ACS accepts,
    /// including old ones that compare against "1". The default.
    #[default]
    OneZero,
    /// `true` / `false`.
    TrueFalse,
}

/// Output options of [`write_response`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct WriteOptions {
    /// Newlines and two-space indentation between elements (never inside
    /// text, so values are unchanged). Default: compact.
    pub pretty: bool,
    /// Spelling of structural booleans. Parameter values are written verbatim
    /// whatever their type.
    pub bool_style: BoolStyle,
}

/// Writes one CPE-to-ACS envelope as UTF-8 XML: responses, the CPE's own
/// requests (Inform, TransferComplete, ...) and faults alike.
///
/// The Envelope declares the `SOAP-ENV`, `SOAP-ENC`, `xsd`, `xsi` and `cwmp`
/// prefixes, `cwmp` bound to `env.header.cwmp_ns`. Header fields that are
/// `Some` are written (`cwmp:ID` with `SOAP-ENV:mustUnderstand="1"`). Every
/// array carries an exact `SOAP-ENC:arrayType`. Values and dateTimes are
/// written as given.
///
/// Text is always well-formed: `&`, `<`, `>` are escaped, CR is written as
/// `&#13;` so it survives line-end normalisation, and characters XML 1.0
/// cannot carry at all (C0 controls other than tab, LF, CR; U+FFFE; U+FFFF)
/// are replaced by U+FFFD. Replacing rather than failing keeps the session
/// going (one bad byte in a vendor string must not make a whole
/// GetParameterValues unanswerable) and keeps this function infallible.
pub fn write_response(env: &Envelope<Response>, opts: &WriteOptions) -> String {
    let mut w = Out {
        buf: String::with_capacity(1024),
        opts: *opts,
        depth: 0,
    };
    w.buf.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    w.open(
        "SOAP-ENV:Envelope",
        &[
            ("xmlns:SOAP-ENV", SOAP_ENV_NS),
            ("xmlns:SOAP-ENC", SOAP_ENC_NS),
            ("xmlns:xsd", XSD_NS),
            ("xmlns:xsi", XSI_NS),
            ("xmlns:cwmp", env.header.cwmp_ns.uri()),
        ],
    );
    write_header(&mut w, &env.header);
    w.open("SOAP-ENV:Body", &[]);
    write_body(&mut w, &env.body);
    w.close("SOAP-ENV:Body");
    w.close("SOAP-ENV:Envelope");
    if w.opts.pretty {
        w.buf.push('\n');
    }
    w.buf
}

fn write_header(w: &mut Out, h: &Header) {
    let any = h.id.is_some()
        || h.hold_requests.is_some()
        || h.no_more_requests.is_some()
        || h.session_timeout.is_some()
        || h.supported_cwmp_versions.is_some()
        || h.use_cwmp_version.is_some();
    if !any {
        return;
    }
    const MU1: &[(&str, &str)] = &[("SOAP-ENV:mustUnderstand", "1")];
    const MU0: &[(&str, &str)] = &[("SOAP-ENV:mustUnderstand", "0")];
    w.open("SOAP-ENV:Header", &[]);
    if let Some(id) = &h.id {
        w.leaf_attrs("cwmp:ID", MU1, id);
    }
    if let Some(b) = h.hold_requests {
        let v = w.bool_text(b);
        w.leaf_attrs("cwmp:HoldRequests", MU1, v);
    }
    if let Some(b) = h.no_more_requests {
        let v = w.bool_text(b);
        w.leaf_attrs("cwmp:NoMoreRequests", MU0, v);
    }
    if let Some(t) = h.session_timeout {
        w.leaf_attrs("cwmp:SessionTimeout", MU0, &t.to_string());
    }
    if let Some(v) = &h.supported_cwmp_versions {
        w.leaf_attrs("cwmp:SupportedCWMPVersions", MU0, v);
    }
    if let Some(v) = &h.use_cwmp_version {
        w.leaf_attrs("cwmp:UseCWMPVersion", MU1, v);
    }
    w.close("SOAP-ENV:Header");
}

fn write_body(w: &mut Out, body: &Response) {
    if let Response::Fault(f) = body {
        write_fault(w, f);
        return;
    }
    let tag = format!("cwmp:{}", body.method_name());
    match body {
        Response::SetParameterAttributesResponse
        | Response::RebootResponse
        | Response::FactoryResetResponse
        | Response::ScheduleInformResponse
        | Response::ScheduleDownloadResponse
        | Response::CancelTransferResponse
        | Response::ChangeDUStateResponse
        | Response::GetRPCMethods
        | Response::Fault(_) => {
            w.empty(&tag, &[]);
            return;
        }
        _ => {}
    }
    w.open(&tag, &[]);
    match body {
        Response::GetRPCMethodsResponse { methods } => {
            w.array("MethodList", "xsd:string", methods, |w, m| {
                w.leaf("string", m)
            });
        }
        Response::GetParameterNamesResponse { list } => {
            w.array("ParameterList", "cwmp:ParameterInfoStruct", list, |w, p| {
                w.open("ParameterInfoStruct", &[]);
                w.leaf("Name", &p.name);
                w.boolean("Writable", p.writable);
                w.close("ParameterInfoStruct");
            });
        }
        Response::GetParameterValuesResponse { list } => parameter_list(w, list),
        Response::SetParameterValuesResponse { status }
        | Response::DeleteObjectResponse { status } => w.number("Status", *status),
        Response::GetParameterAttributesResponse { list } => {
            w.array(
                "ParameterList",
                "cwmp:ParameterAttributeStruct",
                list,
                |w, a| {
                    w.open("ParameterAttributeStruct", &[]);
                    w.leaf("Name", &a.name);
                    w.number("Notification", a.notification);
                    w.array("AccessList", "xsd:string", &a.access_list, |w, s| {
                        w.leaf("string", s)
                    });
                    w.close("ParameterAttributeStruct");
                },
            );
        }
        Response::AddObjectResponse {
            instance_number,
            status,
        } => {
            w.number("InstanceNumber", *instance_number);
            w.number("Status", *status);
        }
        Response::DownloadResponse {
            status,
            start_time,
            complete_time,
        }
        | Response::UploadResponse {
            status,
            start_time,
            complete_time,
        } => {
            w.number("Status", *status);
            w.leaf("StartTime", start_time);
            w.leaf("CompleteTime", complete_time);
        }
        Response::GetQueuedTransfersResponse { list } => {
            w.array("TransferList", "cwmp:QueuedTransferStruct", list, |w, t| {
                w.open("QueuedTransferStruct", &[]);
                w.leaf("CommandKey", &t.command_key);
                w.number("State", t.state.code());
                w.close("QueuedTransferStruct");
            });
        }
        Response::GetAllQueuedTransfersResponse { list } => {
            w.array(
                "TransferList",
                "cwmp:AllQueuedTransferStruct",
                list,
                |w, t| {
                    w.open("AllQueuedTransferStruct", &[]);
                    w.leaf("CommandKey", &t.command_key);
                    w.number("State", t.state.code());
                    w.boolean("IsDownload", t.is_download);
                    w.leaf("FileType", &t.file_type);
                    w.number("FileSize", t.file_size);
                    w.leaf("TargetFileName", &t.target_file_name);
                    w.close("AllQueuedTransferStruct");
                },
            );
        }
        Response::Inform(i) => inform(w, i),
        Response::TransferComplete(t) => {
            w.leaf("CommandKey", &t.command_key);
            fault_struct(w, "FaultStruct", &t.fault);
            w.leaf("StartTime", &t.start_time);
            w.leaf("CompleteTime", &t.complete_time);
        }
        Response::AutonomousTransferComplete(t) => {
            w.leaf("AnnounceURL", &t.announce_url);
            w.leaf("TransferURL", &t.transfer_url);
            w.boolean("IsDownload", t.is_download);
            w.leaf("FileType", &t.file_type);
            w.number("FileSize", t.file_size);
            w.leaf("TargetFileName", &t.target_file_name);
            fault_struct(w, "FaultStruct", &t.fault);
            w.leaf("StartTime", &t.start_time);
            w.leaf("CompleteTime", &t.complete_time);
        }
        Response::DUStateChangeComplete(d) => {
            // `Results` is a plain repeated element here, not a SOAP array.
            for r in &d.results {
                w.open("Results", &[]);
                op_result(w, r);
                w.close("Results");
            }
            if let Some(key) = &d.command_key {
                w.leaf("CommandKey", key);
            }
        }
        Response::AutonomousDUStateChangeComplete(d) => {
            for r in &d.results {
                w.open("Results", &[]);
                op_result(w, &r.result);
                w.leaf("OperationPerformed", &r.operation_performed);
                w.close("Results");
            }
        }
        // Handled above; listed so a new variant is a compile error here.
        Response::SetParameterAttributesResponse
        | Response::RebootResponse
        | Response::FactoryResetResponse
        | Response::ScheduleInformResponse
        | Response::ScheduleDownloadResponse
        | Response::CancelTransferResponse
        | Response::ChangeDUStateResponse
        | Response::GetRPCMethods
        | Response::Fault(_) => {}
    }
    w.close(&tag);
}

fn parameter_list(w: &mut Out, list: &[ParameterValue]) {
    w.array(
        "ParameterList",
        "cwmp:ParameterValueStruct",
        list,
        |w, p| {
            w.open("ParameterValueStruct", &[]);
            w.leaf("Name", &p.name);
            // The type is written in the xsd namespace whatever prefix the caller
            // put on it: only xsd is declared, and CWMP types are all XSD built-ins.
            let local = p
                .xsi_type
                .as_deref()
                .map_or("string", |t| t.rsplit_once(':').map_or(t, |(_, l)| l));
            let local = if local.is_empty() { "string" } else { local };
            let xsi_type = format!("xsd:{local}");
            w.leaf_attrs("Value", &[("xsi:type", &xsi_type)], &p.value);
            w.close("ParameterValueStruct");
        },
    );
}

fn inform(w: &mut Out, i: &Inform) {
    w.open("DeviceId", &[]);
    w.leaf("Manufacturer", &i.device_id.manufacturer);
    w.leaf("OUI", &i.device_id.oui);
    w.leaf("ProductClass", &i.device_id.product_class);
    w.leaf("SerialNumber", &i.device_id.serial_number);
    w.close("DeviceId");
    w.array("Event", "cwmp:EventStruct", &i.events, |w, e| {
        w.open("EventStruct", &[]);
        w.leaf("EventCode", &e.code);
        w.leaf("CommandKey", &e.command_key);
        w.close("EventStruct");
    });
    w.number("MaxEnvelopes", i.max_envelopes);
    w.leaf("CurrentTime", &i.current_time);
    w.number("RetryCount", i.retry_count);
    parameter_list(w, &i.parameters);
}

fn op_result(w: &mut Out, r: &OpResult) {
    w.leaf("UUID", &r.uuid);
    w.leaf("DeploymentUnitRef", &r.deployment_unit_ref);
    w.leaf("Version", &r.version);
    w.leaf("CurrentState", &r.current_state);
    w.boolean("Resolved", r.resolved);
    w.leaf("ExecutionUnitRefList", &r.execution_unit_ref_list);
    w.leaf("StartTime", &r.start_time);
    w.leaf("CompleteTime", &r.complete_time);
    fault_struct(w, "Fault", &r.fault);
}

fn fault_struct(w: &mut Out, tag: &str, f: &FaultStruct) {
    w.open(tag, &[]);
    w.number("FaultCode", f.code);
    w.leaf("FaultString", &f.string);
    w.close(tag);
}

/// A SOAP 1.1 Fault with the CWMP detail (TR-069 A.5).
fn write_fault(w: &mut Out, f: &Fault) {
    let faultcode = format!("SOAP-ENV:{}", f.fault_type().as_str());
    let or_standard = |s: &str, code: u32| -> String {
        if s.is_empty() {
            fault_string(code).to_owned()
        } else {
            s.to_owned()
        }
    };
    w.open("SOAP-ENV:Fault", &[]);
    w.leaf("faultcode", &faultcode);
    w.leaf("faultstring", "CWMP fault");
    w.open("detail", &[]);
    w.open("cwmp:Fault", &[]);
    w.number("FaultCode", f.code);
    w.leaf("FaultString", &or_standard(&f.string, f.code));
    for p in &f.set_parameter_values_faults {
        w.open("SetParameterValuesFault", &[]);
        w.leaf("ParameterName", &p.name);
        w.number("FaultCode", p.code);
        w.leaf("FaultString", &or_standard(&p.string, p.code));
        w.close("SetParameterValuesFault");
    }
    w.close("cwmp:Fault");
    w.close("detail");
    w.close("SOAP-ENV:Fault");
}

/// The output buffer with indentation state. Element names and attribute
/// names passed in are constants of this module; text and attribute values
/// are escaped.
struct Out {
    buf: String,
    opts: WriteOptions,
    depth: usize,
}

impl Out {
    fn newline(&mut self) {
        if self.opts.pretty {
            self.buf.push('\n');
            for _ in 0..self.depth {
                self.buf.push_str("  ");
            }
        }
    }

    fn start_tag(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.newline();
        self.buf.push('<');
        self.buf.push_str(name);
        for (k, v) in attrs {
            self.buf.push(' ');
            self.buf.push_str(k);
            self.buf.push_str("=\"");
            escape_into(&mut self.buf, v, true);
            self.buf.push('"');
        }
    }

    fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.start_tag(name, attrs);
        self.buf.push('>');
        self.depth += 1;
    }

    fn close(&mut self, name: &str) {
        self.depth = self.depth.saturating_sub(1);
        self.newline();
        self.buf.push_str("</");
        self.buf.push_str(name);
        self.buf.push('>');
    }

    fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.start_tag(name, attrs);
        self.buf.push_str("/>");
    }

    fn leaf_attrs(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.start_tag(name, attrs);
        self.buf.push('>');
        escape_into(&mut self.buf, text, false);
        self.buf.push_str("</");
        self.buf.push_str(name);
        self.buf.push('>');
    }

    fn leaf(&mut self, name: &str, text: &str) {
        self.leaf_attrs(name, &[], text);
    }

    fn number(&mut self, name: &str, n: impl Into<u64>) {
        self.leaf(name, &n.into().to_string());
    }

    fn bool_text(&self, b: bool) -> &'static str {
        match (self.opts.bool_style, b) {
            (BoolStyle::OneZero, true) => "1",
            (BoolStyle::OneZero, false) => "0",
            (BoolStyle::TrueFalse, true) => "true",
            (BoolStyle::TrueFalse, false) => "false",
        }
    }

    fn boolean(&mut self, name: &str, b: bool) {
        let text = self.bool_text(b);
        self.leaf(name, text);
    }

    /// A SOAP-encoded array whose `arrayType` count is the exact item count.
    fn array<T>(
        &mut self,
        name: &str,
        item_type: &str,
        items: &[T],
        mut item: impl FnMut(&mut Self, &T),
    ) {
        let array_type = format!("{item_type}[{}]", items.len());
        let attrs = [("SOAP-ENC:arrayType", array_type.as_str())];
        if items.is_empty() {
            self.empty(name, &attrs);
            return;
        }
        self.open(name, &attrs);
        for it in items {
            item(self, it);
        }
        self.close(name);
    }
}

/// Appends `text` escaped for element content (`attr == false`) or a
/// double-quoted attribute value (`attr == true`).
fn escape_into(buf: &mut String, text: &str, attr: bool) {
    for c in text.chars() {
        match c {
            '&' => buf.push_str("&amp;"),
            '<' => buf.push_str("&lt;"),
            '>' => buf.push_str("&gt;"),
            '"' if attr => buf.push_str("&quot;"),
            // Parsers turn a literal CR into LF, and tab/LF in attributes
            // into spaces; character references keep them.
            '\r' => buf.push_str("&#13;"),
            '\t' if attr => buf.push_str("&#9;"),
            '\n' if attr => buf.push_str("&#10;"),
            '\t' | '\n' => buf.push(c),
            // Not representable in XML 1.0, not even as a character reference.
            '\u{0}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}' => buf.push(char::REPLACEMENT_CHARACTER),
            _ => buf.push(c),
        }
    }
}

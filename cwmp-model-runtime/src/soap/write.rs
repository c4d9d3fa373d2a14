//! Typed [`Response`]s to SOAP envelope text (the CPE side), and the options
//! both writers take. The XML writer itself lives in `out.rs`.

use super::fault::{fault_string, Fault, FaultStruct};
use super::out::{envelope, xsd_type, Out};
use super::response::*;
use super::types::{Envelope, Header, ParameterValue};

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

/// Output options of [`write_response`] and [`write_request`](super::write_request).
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
    envelope(&env.header, opts, size_hint(&env.body, opts), |w| {
        write_body(w, &env.body)
    })
}

/// About the bytes a body takes, for the answers that can be large, so
/// that their buffer is allocated once. The markup of an entry is its
/// tags (about 80 bytes), its `xsi:type` and, pretty, a line each.
pub(crate) fn size_hint(body: &Response, opts: &WriteOptions) -> usize {
    let lines = if opts.pretty { 40 } else { 0 };
    match body {
        Response::GetParameterValuesResponse { list } => list
            .iter()
            .map(|p| {
                let ty = p.xsi_type.as_deref().map_or(0, str::len);
                p.name.len() + p.value.len() + value_markup(opts, ty)
            })
            .sum(),
        Response::GetParameterNamesResponse { list } => {
            list.iter().map(|p| p.name.len() + 82 + lines).sum()
        }
        _ => 0,
    }
}

/// The bytes of a `ParameterValueStruct` besides its name and value, for
/// an `xsi:type` of `type_len` bytes.
fn value_markup(opts: &WriteOptions, type_len: usize) -> usize {
    88 + type_len + if opts.pretty { 40 } else { 0 }
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
            // A CPE always types its values: no type means string.
            let xsi_type = p.xsi_type.as_deref().unwrap_or("string");
            value_struct(w, &p.name, xsi_type, &p.value);
        },
    );
}

fn value_struct(w: &mut Out, name: &str, xsi_type: &str, value: &str) {
    w.open("ParameterValueStruct", &[]);
    w.leaf("Name", name);
    w.leaf_attrs("Value", &[("xsi:type", &xsd_type(xsi_type))], value);
    w.close("ParameterValueStruct");
}

/// Writes what [`write_response`] writes for a GetParameterValuesResponse
/// of `count` values, without a list of them: `entry(i, value)` appends
/// the text of the `i`-th value to `value` (empty at each call) and
/// returns its name and `xsi:type` (without prefix). An answer of many
/// values (a whole tree) then needs no `ParameterValue`, nor a string for
/// each value. `size_hint` is about the bytes of the names and values.
pub fn write_values_response<'a>(
    header: &Header,
    opts: &WriteOptions,
    count: usize,
    size_hint: usize,
    mut entry: impl FnMut(usize, &mut String) -> (&'a str, &'a str),
) -> String {
    // Types are mostly `string`, `boolean` or `unsignedInt`.
    let markup = count.saturating_mul(value_markup(opts, "unsignedInt".len()));
    let tag = "cwmp:GetParameterValuesResponse";
    envelope(header, opts, size_hint.saturating_add(markup), |w| {
        w.open(tag, &[]);
        let mut value = String::new();
        w.array_of(
            "ParameterList",
            "cwmp:ParameterValueStruct",
            count,
            |w, i| {
                value.clear();
                let (name, xsi_type) = entry(i, &mut value);
                value_struct(w, name, xsi_type, &value);
            },
        );
        w.close(tag);
    })
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

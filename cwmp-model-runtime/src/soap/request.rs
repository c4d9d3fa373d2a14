//! What the CPE receives from the ACS: requests for CPE methods, responses to
//! the CPE's own requests, and SOAP faults.

use super::types::{GetRPCMethodsResponse, ParameterValue};

/// One message read from the ACS (the body of an ACS-to-CPE envelope).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// The Body had no element (the ACS has nothing more to ask, in an
    /// envelope rather than an empty HTTP POST).
    Empty,
    /// GetRPCMethods: the ACS asks which methods the CPE supports.
    GetRPCMethods,
    /// GetParameterNames.
    GetParameterNames(GetParameterNames),
    /// GetParameterValues.
    GetParameterValues(GetParameterValues),
    /// SetParameterValues.
    SetParameterValues(SetParameterValues),
    /// GetParameterAttributes.
    GetParameterAttributes(GetParameterAttributes),
    /// SetParameterAttributes.
    SetParameterAttributes(SetParameterAttributes),
    /// AddObject.
    AddObject(AddObject),
    /// DeleteObject.
    DeleteObject(DeleteObject),
    /// Reboot.
    Reboot(Reboot),
    /// FactoryReset.
    FactoryReset,
    /// Download.
    Download(Download),
    /// Upload.
    Upload(Upload),
    /// ScheduleInform.
    ScheduleInform(ScheduleInform),
    /// GetQueuedTransfers (deprecated in later CWMP versions, still sent).
    GetQueuedTransfers,
    /// GetAllQueuedTransfers.
    GetAllQueuedTransfers,
    /// ScheduleDownload (CWMP 1.2+).
    ScheduleDownload(ScheduleDownload),
    /// CancelTransfer (CWMP 1.2+).
    CancelTransfer(CancelTransfer),
    /// ChangeDUState (CWMP 1.2+, software module management).
    ChangeDUState(ChangeDUState),
    /// The ACS's answer to the CPE's Inform.
    InformResponse(InformResponse),
    /// The ACS's answer to TransferComplete.
    TransferCompleteResponse,
    /// The ACS's answer to AutonomousTransferComplete.
    AutonomousTransferCompleteResponse,
    /// The ACS's answer to DUStateChangeComplete.
    DUStateChangeCompleteResponse,
    /// The ACS's answer to AutonomousDUStateChangeComplete.
    AutonomousDUStateChangeCompleteResponse,
    /// The ACS's answer to the CPE's GetRPCMethods.
    GetRPCMethodsResponse(GetRPCMethodsResponse),
    /// A SOAP Fault from the ACS (e.g. 8005 Retry request answering an Inform).
    Fault(FaultDetail),
    /// Any other body element; the dispatcher answers 9000 Method not supported.
    Unknown {
        /// Local name of the body element, e.g. `"SetVouchers"`.
        method: String,
    },
}

impl Request {
    /// The method name as it appears on the wire (`"Empty"` for an empty
    /// Body, `"Fault"` for a SOAP fault).
    pub fn method_name(&self) -> &str {
        match self {
            Request::Empty => "Empty",
            Request::GetRPCMethods => "GetRPCMethods",
            Request::GetParameterNames(_) => "GetParameterNames",
            Request::GetParameterValues(_) => "GetParameterValues",
            Request::SetParameterValues(_) => "SetParameterValues",
            Request::GetParameterAttributes(_) => "GetParameterAttributes",
            Request::SetParameterAttributes(_) => "SetParameterAttributes",
            Request::AddObject(_) => "AddObject",
            Request::DeleteObject(_) => "DeleteObject",
            Request::Reboot(_) => "Reboot",
            Request::FactoryReset => "FactoryReset",
            Request::Download(_) => "Download",
            Request::Upload(_) => "Upload",
            Request::ScheduleInform(_) => "ScheduleInform",
            Request::GetQueuedTransfers => "GetQueuedTransfers",
            Request::GetAllQueuedTransfers => "GetAllQueuedTransfers",
            Request::ScheduleDownload(_) => "ScheduleDownload",
            Request::CancelTransfer(_) => "CancelTransfer",
            Request::ChangeDUState(_) => "ChangeDUState",
            Request::InformResponse(_) => "InformResponse",
            Request::TransferCompleteResponse => "TransferCompleteResponse",
            Request::AutonomousTransferCompleteResponse => "AutonomousTransferCompleteResponse",
            Request::DUStateChangeCompleteResponse => "DUStateChangeCompleteResponse",
            Request::AutonomousDUStateChangeCompleteResponse => {
                "AutonomousDUStateChangeCompleteResponse"
            }
            Request::GetRPCMethodsResponse(_) => "GetRPCMethodsResponse",
            Request::Fault(_) => "Fault",
            Request::Unknown { method } => method,
        }
    }
}

/// GetParameterNames arguments.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GetParameterNames {
    /// A full parameter name or a partial path ending in `.`; empty means the root.
    pub parameter_path: String,
    /// `true`: only the next level below the path.
    pub next_level: bool,
}

/// GetParameterValues arguments.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GetParameterValues {
    /// Full names and/or partial paths (ending in `.`).
    pub names: Vec<String>,
}

/// SetParameterValues arguments.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SetParameterValues {
    /// The values to set; `xsi_type` is the type the ACS declared, if any.
    pub list: Vec<ParameterValue>,
    /// The new ParameterKey (empty when the ACS left it out).
    pub parameter_key: String,
}

/// GetParameterAttributes arguments.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GetParameterAttributes {
    /// Full names and/or partial paths.
    pub names: Vec<String>,
}

/// SetParameterAttributes arguments.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SetParameterAttributes {
    /// One entry per `SetParameterAttributesStruct`.
    pub list: Vec<SetAttributes>,
}

/// One `SetParameterAttributesStruct`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SetAttributes {
    /// Full name or partial path.
    pub name: String,
    /// Whether `notification` is to be applied.
    pub notification_change: bool,
    /// 0..=6; `None` when the element was empty or absent (common when
    /// `notification_change` is false).
    pub notification: Option<u8>,
    /// Whether `access_list` is to be applied.
    pub access_list_change: bool,
    /// Entities allowed to write, e.g. `["Subscriber"]`.
    pub access_list: Vec<String>,
}

/// AddObject arguments.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AddObject {
    /// Path of the multi-instance object, ending in `.`.
    pub object_name: String,
    /// The new ParameterKey.
    pub parameter_key: String,
}

/// DeleteObject arguments.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DeleteObject {
    /// Path of the instance to delete, ending in `.`.
    pub object_name: String,
    /// The new ParameterKey.
    pub parameter_key: String,
}

/// Reboot arguments.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reboot {
    /// Returned in the `M Reboot` event of the next Inform.
    pub command_key: String,
}

/// Download arguments.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Download {
    /// Returned in TransferComplete.
    pub command_key: String,
    /// E.g. `"1 Firmware Upgrade Image"`.
    pub file_type: String,
    /// Where to fetch the file.
    pub url: String,
    /// Credentials for `url` (empty: none).
    pub username: String,
    /// Credentials for `url` (empty: none).
    pub password: String,
    /// Size in bytes, 0 when unknown.
    pub file_size: u32,
    /// Target file name (empty: CPE's choice).
    pub target_file_name: String,
    /// Seconds to wait before starting.
    pub delay_seconds: u32,
    /// Browser redirect on success (rarely used).
    pub success_url: String,
    /// Browser redirect on failure (rarely used).
    pub failure_url: String,
}

/// Upload arguments.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Upload {
    /// Returned in TransferComplete.
    pub command_key: String,
    /// E.g. `"1 Vendor Configuration File"`.
    pub file_type: String,
    /// Where to send the file.
    pub url: String,
    /// Credentials for `url`.
    pub username: String,
    /// Credentials for `url`.
    pub password: String,
    /// Seconds to wait before starting.
    pub delay_seconds: u32,
}

/// ScheduleInform arguments.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ScheduleInform {
    /// Seconds from now until the scheduled Inform.
    pub delay_seconds: u32,
    /// Returned in the `M ScheduleInform` event.
    pub command_key: String,
}

/// ScheduleDownload arguments.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ScheduleDownload {
    /// Returned in TransferComplete.
    pub command_key: String,
    /// E.g. `"1 Firmware Upgrade Image"`.
    pub file_type: String,
    /// Where to fetch the file.
    pub url: String,
    /// Credentials for `url`.
    pub username: String,
    /// Credentials for `url`.
    pub password: String,
    /// Size in bytes, 0 when unknown.
    pub file_size: u32,
    /// Target file name.
    pub target_file_name: String,
    /// One or two time windows.
    pub time_windows: Vec<TimeWindow>,
}

/// One `TimeWindowStruct` of ScheduleDownload.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TimeWindow {
    /// Seconds from now to the window start.
    pub window_start: u32,
    /// Seconds from now to the window end.
    pub window_end: u32,
    /// E.g. `"1 At Any Time"`, `"2 Immediately"`, `"3 When Idle"`,
    /// `"4 Confirmation Needed"`.
    pub window_mode: String,
    /// Message for the user (mode 4).
    pub user_message: String,
    /// Retries within the window; -1 means CPE's choice.
    pub max_retries: i32,
}

/// CancelTransfer arguments.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CancelTransfer {
    /// The CommandKey of the transfer to cancel.
    pub command_key: String,
}

/// ChangeDUState arguments (parsed generically: each operation keeps the
/// fields it carried; the dispatcher checks which ones its kind needs).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChangeDUState {
    /// The operations in request order.
    pub operations: Vec<DuOperation>,
    /// Returned in DUStateChangeComplete; `None` when absent.
    pub command_key: Option<String>,
}

/// The kind of one ChangeDUState operation, from its `xsi:type`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DuOperationKind {
    /// `InstallOpStruct`.
    Install,
    /// `UpdateOpStruct`.
    Update,
    /// `UninstallOpStruct`.
    Uninstall,
    /// Any other or missing `xsi:type` (the local part, possibly empty).
    Other(String),
}

/// One ChangeDUState operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuOperation {
    /// Install, Update or Uninstall.
    pub kind: DuOperationKind,
    /// `URL`.
    pub url: Option<String>,
    /// `UUID`.
    pub uuid: Option<String>,
    /// `Username`.
    pub username: Option<String>,
    /// `Password`.
    pub password: Option<String>,
    /// `ExecutionEnvRef`.
    pub execution_env_ref: Option<String>,
    /// `Version`.
    pub version: Option<String>,
}

/// InformResponse arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InformResponse {
    /// Always 1 in practice; 1 when the ACS left it out.
    pub max_envelopes: u32,
}

/// A SOAP Fault sent by the ACS.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FaultDetail {
    /// The CWMP `FaultCode` from `detail/cwmp:Fault` (8000..8899), `None`
    /// when the ACS sent a bare SOAP fault.
    pub code: Option<u32>,
    /// The CWMP `FaultString`, or the SOAP `faultstring` when there is no
    /// CWMP detail.
    pub string: String,
    /// The SOAP `faultcode`, e.g. `"SOAP-ENV:Client"` (verbatim).
    pub soap_fault_code: String,
}

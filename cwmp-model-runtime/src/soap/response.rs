//! What the CPE sends to the ACS: responses to ACS requests, the CPE's own
//! requests (Inform, TransferComplete, ...) and faults. One enum for both
//! because the envelope, header and writer are the same.

use super::fault::{Fault, FaultStruct};
use super::types::ParameterValue;

/// One message the CPE writes (the body of a CPE-to-ACS envelope).
///
/// The writer does not check the values against the schema's facets (OUI
/// pattern, event code patterns, string lengths, list cardinalities such as
/// "at least one method"): the caller supplies protocol-valid data, and only
/// uses methods and values that the envelope's namespace defines (e.g.
/// ScheduleDownload needs cwmp-1-1 or later for the schema, Notification
/// 3..=6 and fault codes 9014+ need cwmp-1-1/1-2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Response {
    /// GetRPCMethodsResponse: the methods the CPE supports.
    GetRPCMethodsResponse {
        /// Method names.
        methods: Vec<String>,
    },
    /// GetParameterNamesResponse.
    GetParameterNamesResponse {
        /// `ParameterInfoStruct` list.
        list: Vec<ParameterInfo>,
    },
    /// GetParameterValuesResponse; every value is written with its `xsi:type`.
    GetParameterValuesResponse {
        /// `ParameterValueStruct` list.
        list: Vec<ParameterValue>,
    },
    /// SetParameterValuesResponse.
    SetParameterValuesResponse {
        /// 0: applied; 1: applied but takes effect after a reboot/commit.
        status: u8,
    },
    /// GetParameterAttributesResponse.
    GetParameterAttributesResponse {
        /// `ParameterAttributeStruct` list.
        list: Vec<ParameterAttribute>,
    },
    /// SetParameterAttributesResponse.
    SetParameterAttributesResponse,
    /// AddObjectResponse.
    AddObjectResponse {
        /// The new instance number (>= 1).
        instance_number: u32,
        /// 0 or 1, as for SetParameterValuesResponse.
        status: u8,
    },
    /// DeleteObjectResponse.
    DeleteObjectResponse {
        /// 0 or 1.
        status: u8,
    },
    /// RebootResponse.
    RebootResponse,
    /// FactoryResetResponse.
    FactoryResetResponse,
    /// DownloadResponse.
    DownloadResponse {
        /// 0: download applied; 1: not yet (TransferComplete follows).
        status: u8,
        /// `dateTime`; [`UNKNOWN_TIME`](super::UNKNOWN_TIME) when status is 1.
        start_time: String,
        /// `dateTime`; [`UNKNOWN_TIME`](super::UNKNOWN_TIME) when status is 1.
        complete_time: String,
    },
    /// UploadResponse.
    UploadResponse {
        /// 0: upload done; 1: not yet (TransferComplete follows).
        status: u8,
        /// `dateTime`; [`UNKNOWN_TIME`](super::UNKNOWN_TIME) when status is 1.
        start_time: String,
        /// `dateTime`; [`UNKNOWN_TIME`](super::UNKNOWN_TIME) when status is 1.
        complete_time: String,
    },
    /// ScheduleInformResponse.
    ScheduleInformResponse,
    /// GetQueuedTransfersResponse.
    GetQueuedTransfersResponse {
        /// `QueuedTransferStruct` list (at most 16 per schema).
        list: Vec<QueuedTransfer>,
    },
    /// GetAllQueuedTransfersResponse.
    GetAllQueuedTransfersResponse {
        /// `AllQueuedTransferStruct` list (at most 16 per schema).
        list: Vec<AllQueuedTransfer>,
    },
    /// ScheduleDownloadResponse.
    ScheduleDownloadResponse,
    /// CancelTransferResponse.
    CancelTransferResponse,
    /// ChangeDUStateResponse.
    ChangeDUStateResponse,
    /// Inform (CPE-initiated).
    Inform(Inform),
    /// TransferComplete (CPE-initiated).
    TransferComplete(TransferComplete),
    /// AutonomousTransferComplete (CPE-initiated).
    AutonomousTransferComplete(AutonomousTransferComplete),
    /// DUStateChangeComplete (CPE-initiated, CWMP 1.2+).
    DUStateChangeComplete(DUStateChangeComplete),
    /// AutonomousDUStateChangeComplete (CPE-initiated, CWMP 1.2+).
    AutonomousDUStateChangeComplete(AutonomousDUStateChangeComplete),
    /// GetRPCMethods: the CPE asks the ACS which methods it supports.
    GetRPCMethods,
    /// A CWMP fault, written as a SOAP Fault.
    Fault(Fault),
}

impl Response {
    /// The body element's local name (`"Fault"` for a fault).
    pub fn method_name(&self) -> &'static str {
        match self {
            Response::GetRPCMethodsResponse { .. } => "GetRPCMethodsResponse",
            Response::GetParameterNamesResponse { .. } => "GetParameterNamesResponse",
            Response::GetParameterValuesResponse { .. } => "GetParameterValuesResponse",
            Response::SetParameterValuesResponse { .. } => "SetParameterValuesResponse",
            Response::GetParameterAttributesResponse { .. } => "GetParameterAttributesResponse",
            Response::SetParameterAttributesResponse => "SetParameterAttributesResponse",
            Response::AddObjectResponse { .. } => "AddObjectResponse",
            Response::DeleteObjectResponse { .. } => "DeleteObjectResponse",
            Response::RebootResponse => "RebootResponse",
            Response::FactoryResetResponse => "FactoryResetResponse",
            Response::DownloadResponse { .. } => "DownloadResponse",
            Response::UploadResponse { .. } => "UploadResponse",
            Response::ScheduleInformResponse => "ScheduleInformResponse",
            Response::GetQueuedTransfersResponse { .. } => "GetQueuedTransfersResponse",
            Response::GetAllQueuedTransfersResponse { .. } => "GetAllQueuedTransfersResponse",
            Response::ScheduleDownloadResponse => "ScheduleDownloadResponse",
            Response::CancelTransferResponse => "CancelTransferResponse",
            Response::ChangeDUStateResponse => "ChangeDUStateResponse",
            Response::Inform(_) => "Inform",
            Response::TransferComplete(_) => "TransferComplete",
            Response::AutonomousTransferComplete(_) => "AutonomousTransferComplete",
            Response::DUStateChangeComplete(_) => "DUStateChangeComplete",
            Response::AutonomousDUStateChangeComplete(_) => "AutonomousDUStateChangeComplete",
            Response::GetRPCMethods => "GetRPCMethods",
            Response::Fault(_) => "Fault",
        }
    }
}

/// `ParameterInfoStruct` of GetParameterNamesResponse.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParameterInfo {
    /// Parameter name or object path (ending in `.`).
    pub name: String,
    /// Whether the ACS may set it (objects: may add/delete instances).
    pub writable: bool,
}

/// `ParameterAttributeStruct` of GetParameterAttributesResponse.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParameterAttribute {
    /// Parameter name.
    pub name: String,
    /// 0..=2 (CWMP 1.0/1.1) or 0..=6 (cwmp-1-2 namespace).
    pub notification: u8,
    /// Entities allowed to write besides the ACS, e.g. `["Subscriber"]`.
    pub access_list: Vec<String>,
}

/// The state of a queued transfer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum TransferState {
    /// 1: not yet started.
    #[default]
    NotYetStarted,
    /// 2: in progress.
    InProgress,
    /// 3: completed, finishing up.
    Completed,
}

impl TransferState {
    /// The wire value 1, 2 or 3.
    pub fn code(self) -> u8 {
        match self {
            TransferState::NotYetStarted => 1,
            TransferState::InProgress => 2,
            TransferState::Completed => 3,
        }
    }
}

/// `QueuedTransferStruct` of GetQueuedTransfersResponse.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QueuedTransfer {
    /// The transfer's CommandKey.
    pub command_key: String,
    /// Its state.
    pub state: TransferState,
}

/// `AllQueuedTransferStruct` of GetAllQueuedTransfersResponse.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AllQueuedTransfer {
    /// The transfer's CommandKey.
    pub command_key: String,
    /// Its state.
    pub state: TransferState,
    /// Download (`true`) or upload.
    pub is_download: bool,
    /// E.g. `"1 Firmware Upgrade Image"`.
    pub file_type: String,
    /// Size in bytes, 0 when unknown.
    pub file_size: u32,
    /// Target file name.
    pub target_file_name: String,
}

/// `DeviceIdStruct` of the Inform.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DeviceId {
    /// Manufacturer name.
    pub manufacturer: String,
    /// Six upper-case hex digits.
    pub oui: String,
    /// Product class.
    pub product_class: String,
    /// Serial number.
    pub serial_number: String,
}

/// `EventStruct` of the Inform.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Event {
    /// E.g. `"1 BOOT"`, `"M Reboot"`.
    pub code: String,
    /// The CommandKey for `M ...` events, else empty.
    pub command_key: String,
}

impl Event {
    /// An event with an empty CommandKey.
    pub fn new(code: impl Into<String>) -> Self {
        Event {
            code: code.into(),
            command_key: String::new(),
        }
    }
}

/// Inform arguments.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Inform {
    /// Who the CPE is.
    pub device_id: DeviceId,
    /// Why it connects (at most 64).
    pub events: Vec<Event>,
    /// Always 1 in practice.
    pub max_envelopes: u32,
    /// `dateTime` (caller-formatted, written verbatim).
    pub current_time: String,
    /// Consecutive failed session attempts.
    pub retry_count: u32,
    /// Forced Inform parameters and changed values.
    pub parameters: Vec<ParameterValue>,
}

/// TransferComplete arguments.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TransferComplete {
    /// The CommandKey of the Download/Upload.
    pub command_key: String,
    /// Code 0 for success.
    pub fault: FaultStruct,
    /// `dateTime`.
    pub start_time: String,
    /// `dateTime`.
    pub complete_time: String,
}

/// AutonomousTransferComplete arguments (CWMP 1.1+).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AutonomousTransferComplete {
    /// URL the transfer was announced on (may be empty).
    pub announce_url: String,
    /// URL of the transferred file.
    pub transfer_url: String,
    /// Download (`true`) or upload.
    pub is_download: bool,
    /// E.g. `"1 Firmware Upgrade Image"`.
    pub file_type: String,
    /// Size in bytes.
    pub file_size: u32,
    /// Target file name.
    pub target_file_name: String,
    /// Code 0 for success.
    pub fault: FaultStruct,
    /// `dateTime`.
    pub start_time: String,
    /// `dateTime`.
    pub complete_time: String,
}

/// `OpResultStruct` of DUStateChangeComplete.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OpResult {
    /// Deployment unit UUID.
    pub uuid: String,
    /// Path of the DeploymentUnit instance.
    pub deployment_unit_ref: String,
    /// Deployment unit version.
    pub version: String,
    /// `"Installed"`, `"Uninstalled"` or `"Failed"`.
    pub current_state: String,
    /// Whether dependencies were resolved.
    pub resolved: bool,
    /// Comma-separated ExecutionUnit paths.
    pub execution_unit_ref_list: String,
    /// `dateTime`.
    pub start_time: String,
    /// `dateTime`.
    pub complete_time: String,
    /// Code 0 for success.
    pub fault: FaultStruct,
}

/// DUStateChangeComplete arguments.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DUStateChangeComplete {
    /// One result per operation (at least one).
    pub results: Vec<OpResult>,
    /// The ChangeDUState CommandKey; left out when `None`.
    pub command_key: Option<String>,
}

/// `AutonOpResultStruct` of AutonomousDUStateChangeComplete.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AutonOpResult {
    /// The common result fields.
    pub result: OpResult,
    /// `"Install"`, `"Update"`, `"Uninstall"` or a vendor operation.
    pub operation_performed: String,
}

/// AutonomousDUStateChangeComplete arguments.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AutonomousDUStateChangeComplete {
    /// One result per operation (at least one).
    pub results: Vec<AutonOpResult>,
}

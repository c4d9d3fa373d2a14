//! CWMP fault codes (TR-069 Amendment 6, A.5.1 / A.5.2): standard strings,
//! the SOAP `faultcode` (`Client` / `Server`) each one travels with, and the
//! fault values a CPE sends.

/// Which SOAP 1.1 `faultcode` a CWMP fault is reported with.
///
/// TR-069 A.5.1 assigns each CPE fault code a type: `Client` when the request
/// itself was wrong (bad arguments, bad names...), `Server` when the CPE could
/// not carry out a correct request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FaultType {
    /// `SOAP-ENV:Client`: the message was incorrectly formed or carried wrong data.
    Client,
    /// `SOAP-ENV:Server`: the message could not be processed for reasons not
    /// directly attributable to its contents.
    Server,
}

impl FaultType {
    /// The SOAP `faultcode` local name: `"Client"` or `"Server"`.
    pub fn as_str(self) -> &'static str {
        match self {
            FaultType::Client => "Client",
            FaultType::Server => "Server",
        }
    }
}

/// Named CWMP fault codes, so dispatcher code reads `codes::INVALID_ARGUMENTS`
/// instead of a bare `9003`.
pub mod codes {
    /// 9000 Method not supported.
    pub const METHOD_NOT_SUPPORTED: u32 = 9000;
    /// 9001 Request denied (no reason specified).
    pub const REQUEST_DENIED: u32 = 9001;
    /// 9002 Internal error.
    pub const INTERNAL_ERROR: u32 = 9002;
    /// 9003 Invalid arguments.
    pub const INVALID_ARGUMENTS: u32 = 9003;
    /// 9004 Resources exceeded.
    pub const RESOURCES_EXCEEDED: u32 = 9004;
    /// 9005 Invalid parameter name.
    pub const INVALID_PARAMETER_NAME: u32 = 9005;
    /// 9006 Invalid parameter type.
    pub const INVALID_PARAMETER_TYPE: u32 = 9006;
    /// 9007 Invalid parameter value.
    pub const INVALID_PARAMETER_VALUE: u32 = 9007;
    /// 9008 Attempt to set a non-writable parameter.
    pub const NON_WRITABLE_PARAMETER: u32 = 9008;
    /// 9009 Notification request rejected.
    pub const NOTIFICATION_REJECTED: u32 = 9009;
    /// 9010 File transfer failure ("Download failure" before Amendment 3).
    pub const FILE_TRANSFER_FAILURE: u32 = 9010;
    /// 9011 Upload failure.
    pub const UPLOAD_FAILURE: u32 = 9011;
    /// 9012 File transfer server authentication failure.
    pub const FILE_TRANSFER_AUTH_FAILURE: u32 = 9012;
    /// 9013 Unsupported protocol for file transfer.
    pub const UNSUPPORTED_TRANSFER_PROTOCOL: u32 = 9013;
    /// 9021 Cancelation of file transfer not permitted in current transfer state.
    pub const CANCEL_NOT_PERMITTED: u32 = 9021;
    /// 8005 Retry request (an ACS fault, typically answering an Inform).
    pub const ACS_RETRY_REQUEST: u32 = 8005;
}

/// One row of the TR-069 fault table.
struct Row {
    code: u32,
    kind: FaultType,
    text: &'static str,
}

const fn row(code: u32, kind: FaultType, text: &'static str) -> Row {
    Row { code, kind, text }
}

use FaultType::{Client as C, Server as S};

/// TR-069 Amendment 6 Table A.5.1 (CPE) and A.5.2 (ACS) fault codes.
///
/// The Client/Server column follows the TR-069 table, which is not "every
/// 90xx is Client": 9020 and 9021 are Client while the deployment-unit codes
/// 9022-9032 are Server.
const TABLE: &[Row] = &[
    row(9000, S, "Method not supported"),
    row(9001, S, "Request denied (no reason specified)"),
    row(9002, S, "Internal error"),
    row(9003, C, "Invalid arguments"),
    row(9004, S, "Resources exceeded"),
    row(9005, C, "Invalid parameter name"),
    row(9006, C, "Invalid parameter type"),
    row(9007, C, "Invalid parameter value"),
    row(9008, C, "Attempt to set a non-writable parameter"),
    row(9009, S, "Notification request rejected"),
    row(9010, S, "File transfer failure"),
    row(9011, S, "Upload failure"),
    row(9012, S, "File transfer server authentication failure"),
    row(9013, S, "Unsupported protocol for file transfer"),
    row(
        9014,
        S,
        "File transfer failure: unable to join multicast group",
    ),
    row(
        9015,
        S,
        "File transfer failure: unable to contact file server",
    ),
    row(9016, S, "File transfer failure: unable to access file"),
    row(
        9017,
        S,
        "File transfer failure: unable to complete download",
    ),
    row(
        9018,
        S,
        "File transfer failure: file corrupted or otherwise unusable",
    ),
    row(
        9019,
        S,
        "File transfer failure: file authentication failure",
    ),
    row(
        9020,
        C,
        "File transfer failure: unable to complete download within specified time windows",
    ),
    row(
        9021,
        C,
        "Cancelation of file transfer not permitted in current transfer state",
    ),
    row(9022, S, "Invalid UUID Format"),
    row(9023, S, "Unknown Execution Environment"),
    row(9024, S, "Disabled Execution Environment"),
    row(9025, S, "Deployment Unit to Execution Environment Mismatch"),
    row(9026, S, "Duplicate Deployment Unit"),
    row(9027, S, "System Resources Exceeded"),
    row(9028, S, "Unknown Deployment Unit"),
    row(9029, S, "Invalid Deployment Unit State"),
    // The standard uses an en dash in 9030-9032; plain ASCII is used here so
    // the strings survive any ACS-side charset confusion.
    row(
        9030,
        S,
        "Invalid Deployment Unit Update - Downgrade not permitted",
    ),
    row(
        9031,
        S,
        "Invalid Deployment Unit Update - Version not specified",
    ),
    row(
        9032,
        S,
        "Invalid Deployment Unit Update - Version already exists",
    ),
    row(8000, S, "Method not supported"),
    row(8001, S, "Request denied (no reason specified)"),
    row(8002, S, "Internal error"),
    row(8003, C, "Invalid arguments"),
    row(8004, S, "Resources exceeded"),
    row(8005, S, "Retry request"),
    row(8006, S, "ACS version incompatible with CPE"),
];

fn lookup(code: u32) -> Option<&'static Row> {
    TABLE.iter().find(|r| r.code == code)
}

/// The standard TR-069 fault string for `code`.
///
/// Vendor ranges (9800-9899, 8800-8899) give `"Vendor defined fault"`; codes
/// TR-069 does not define give `"Unknown fault"`.
pub fn fault_string(code: u32) -> &'static str {
    match lookup(code) {
        Some(r) => r.text,
        None if (9800..=9899).contains(&code) || (8800..=8899).contains(&code) => {
            "Vendor defined fault"
        }
        None => "Unknown fault",
    }
}

/// The SOAP `faultcode` type TR-069 assigns to `code`.
///
/// Codes outside the table (vendor codes, reserved ranges) are `Server`: the
/// conservative choice, since the codec cannot know the request was at fault.
pub fn fault_type(code: u32) -> FaultType {
    lookup(code).map_or(FaultType::Server, |r| r.kind)
}

/// One failed parameter inside a SetParameterValues fault
/// (`SetParameterValuesFault` in the `cwmp:Fault` detail).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SPVFault {
    /// The parameter that could not be set.
    pub name: String,
    /// Its fault code (9005..9008 usually).
    pub code: u32,
    /// Its fault string; written as [`fault_string`]`(code)` when empty.
    pub string: String,
}

impl SPVFault {
    /// A per-parameter fault with the standard fault string.
    pub fn new(name: impl Into<String>, code: u32) -> Self {
        SPVFault {
            name: name.into(),
            code,
            string: fault_string(code).to_owned(),
        }
    }
}

/// A CWMP fault the CPE answers a request with, written as a SOAP Fault whose
/// `detail` holds a `cwmp:Fault`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Fault {
    /// The CWMP fault code (9000..9899).
    pub code: u32,
    /// The fault string; written as [`fault_string`]`(code)` when empty.
    pub string: String,
    /// For SetParameterValues with code 9003: one entry per rejected parameter.
    pub set_parameter_values_faults: Vec<SPVFault>,
}

impl Fault {
    /// A fault with the standard fault string and no per-parameter faults.
    pub fn new(code: u32) -> Self {
        Fault {
            code,
            string: fault_string(code).to_owned(),
            set_parameter_values_faults: Vec::new(),
        }
    }

    /// A fault with a caller-chosen fault string.
    pub fn with_string(code: u32, string: impl Into<String>) -> Self {
        Fault {
            code,
            string: string.into(),
            set_parameter_values_faults: Vec::new(),
        }
    }

    /// The SOAP `faultcode` type of this fault (see [`fault_type`]).
    pub fn fault_type(&self) -> FaultType {
        fault_type(self.code)
    }
}

/// The `FaultStruct` of TransferComplete / AutonomousTransferComplete (and the
/// per-result `Fault` of DUStateChangeComplete): code 0 means success.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct FaultStruct {
    /// 0 for success, else a transfer fault code (9001, 9002, 9010..9020, ...).
    pub code: u32,
    /// Empty for success.
    pub string: String,
}

impl FaultStruct {
    /// The "no fault" value: code 0, empty string.
    pub fn none() -> Self {
        FaultStruct::default()
    }

    /// A fault with the standard fault string for `code`.
    pub fn new(code: u32) -> Self {
        FaultStruct {
            code,
            string: fault_string(code).to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_matches_tr069_client_server_column() {
        let client = [9003, 9005, 9006, 9007, 9008, 9020, 9021, 8003];
        for code in (9000..=9032).chain(8000..=8006) {
            let want = if client.contains(&code) {
                FaultType::Client
            } else {
                FaultType::Server
            };
            assert_eq!(fault_type(code), want, "code {code}");
            assert_ne!(fault_string(code), "Unknown fault", "code {code}");
        }
        assert_eq!(fault_type(9850), FaultType::Server);
        assert_eq!(fault_type(12), FaultType::Server);
    }

    #[test]
    fn strings() {
        assert_eq!(fault_string(9000), "Method not supported");
        assert_eq!(fault_string(9003), "Invalid arguments");
        assert_eq!(
            fault_string(9008),
            "Attempt to set a non-writable parameter"
        );
        assert_eq!(fault_string(9805), "Vendor defined fault");
        assert_eq!(fault_string(9500), "Unknown fault");
        assert_eq!(Fault::new(9005).string, "Invalid parameter name");
        assert_eq!(FaultType::Client.as_str(), "Client");
        // Codes in the table are unique.
        for (i, a) in TABLE.iter().enumerate() {
            assert!(TABLE[i + 1..].iter().all(|b| b.code != a.code));
        }
    }
}

//! The CWMP SOAP codec: ACS-to-CPE envelopes to typed [`Request`]s, and
//! typed [`Response`]s (including the CPE's own Inform, TransferComplete, ...
//! and faults) to envelopes, per TR-069 Amendment 6 (CWMP 1.0 to 1.4).
//!
//! The ACS side is there too, for tests, examples and simulators that script
//! an ACS: [`write_request`] writes typed [`Request`]s as envelopes that
//! [`parse_request`] reads back.
//!
//! This module only translates between XML and types; what a request does to
//! the parameter tree is the dispatcher's business.
//!
//! ```
//! use cwmp_model_runtime::soap::*;
//! let xml = br#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"
//!     xmlns:cwmp="urn:dslforum-org:cwmp-1-0">
//!   <soap:Header><cwmp:ID soap:mustUnderstand="1">42</cwmp:ID></soap:Header>
//!   <soap:Body><cwmp:GetRPCMethods/></soap:Body>
//! </soap:Envelope>"#;
//! let env = parse_request(xml, &Limits::default()).unwrap();
//! assert_eq!(env.body, Request::GetRPCMethods);
//! let reply = env.reply(Response::GetRPCMethodsResponse {
//!     methods: vec!["GetRPCMethods".into(), "GetParameterValues".into()],
//! });
//! let out = write_response(&reply, &WriteOptions::default());
//! assert!(out.contains(r#"<cwmp:ID SOAP-ENV:mustUnderstand="1">42</cwmp:ID>"#));
//! assert!(out.contains(r#"SOAP-ENC:arrayType="xsd:string[2]""#));
//! ```
//!
//! Parsing is tolerant (prefixes, namespaces, encodings, array counts,
//! booleans and whitespace as real ACSes send them; see [`parse_request`])
//! and bounded by [`Limits`]. Writing always produces well-formed UTF-8 XML
//! that validates against the BBF schema of the envelope's namespace, given
//! protocol-valid values (see [`Response`]).

#![forbid(unsafe_code)]

mod dom;
mod error;
mod fault;
mod out;
mod parse;
mod request;
mod response;
mod types;
mod write;
mod write_request;

#[cfg(test)]
mod tests;

pub use error::{Limits, ParseError, ParseErrorKind, MAX_DEPTH_CEILING};
pub use fault::{codes, fault_string, fault_type, Fault, FaultStruct, FaultType, SPVFault};
pub use parse::parse_request;
pub use request::{
    AddObject, CancelTransfer, ChangeDUState, DeleteObject, Download, DuOperation, DuOperationKind,
    FaultDetail, GetParameterAttributes, GetParameterNames, GetParameterValues, InformResponse,
    Reboot, Request, ScheduleDownload, ScheduleInform, SetAttributes, SetParameterAttributes,
    SetParameterValues, TimeWindow, Upload,
};
pub use response::{
    AllQueuedTransfer, AutonOpResult, AutonomousDUStateChangeComplete, AutonomousTransferComplete,
    DUStateChangeComplete, DeviceId, Event, Inform, OpResult, ParameterAttribute, ParameterInfo,
    QueuedTransfer, Response, TransferComplete, TransferState,
};
pub use types::{
    CwmpNamespace, Envelope, GetRPCMethodsResponse, Header, ParameterValue, UNKNOWN_TIME,
};
pub use write::{write_response, write_values_response, BoolStyle, WriteOptions};
pub use write_request::write_request;

//! Input limits and parse errors (each mappable to a CWMP fault).

use super::fault::{codes, fault_type, Fault, FaultType};
use super::response::Response;
use super::types::{Envelope, Header};

/// Hard ceiling on [`Limits::max_depth`]: the element tree is dropped
/// recursively, so an unbounded depth could overflow the stack however the
/// limits are configured.
pub const MAX_DEPTH_CEILING: usize = 256;

/// Bounds on what [`parse_request`](super::parse_request) accepts; exceeding
/// one is an error ([`ParseErrorKind::LimitExceeded`], fault 9004), never a crash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Largest accepted envelope in bytes (default 1 MiB).
    pub max_bytes: usize,
    /// Deepest element nesting (default 32; CWMP needs 7). Values above
    /// [`MAX_DEPTH_CEILING`] are treated as the ceiling.
    pub max_depth: usize,
    /// Most elements in the whole document (default 100 000).
    pub max_elements: usize,
    /// Most child elements of any one element, which bounds every SOAP array
    /// (default 20 000).
    pub max_array_len: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 1 << 20,
            max_depth: 32,
            max_elements: 100_000,
            max_array_len: 20_000,
        }
    }
}

/// What went wrong while reading an envelope.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseErrorKind {
    /// A [`Limits`] bound was exceeded.
    #[error("{what} exceeds the limit of {limit}")]
    LimitExceeded {
        /// Which limit: "envelope size", "element depth", ...
        what: &'static str,
        /// The configured bound.
        limit: usize,
    },
    /// The bytes are not in a supported or declared character encoding.
    #[error("character encoding: {0}")]
    Encoding(String),
    /// The document is not well-formed XML (or has a DOCTYPE, which SOAP forbids).
    #[error("malformed XML at byte {position}: {message}")]
    Xml {
        /// Byte offset in the (UTF-8 decoded) document.
        position: u64,
        /// The XML parser's description.
        message: String,
    },
    /// The root element is not a SOAP `Envelope`.
    #[error("root element is <{0}>, expected a SOAP Envelope")]
    NotEnvelope(String),
    /// A required element is absent.
    #[error("<{parent}> lacks the required element <{element}>")]
    MissingElement {
        /// The element that should contain it.
        parent: String,
        /// The missing element's local name.
        element: &'static str,
    },
    /// An element's text is not a valid value of its type.
    #[error("<{element}> has invalid value \"{value}\": expected {expected}")]
    InvalidValue {
        /// The element's local name.
        element: String,
        /// The offending text (shortened to 64 characters).
        value: String,
        /// What was expected, e.g. "a boolean".
        expected: &'static str,
    },
}

/// A failed [`parse_request`](super::parse_request): the reason, plus the
/// header when it could be read, so that the fault reply can still echo
/// `cwmp:ID` in the right namespace.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind}")]
pub struct ParseError {
    /// What went wrong.
    pub kind: ParseErrorKind,
    /// The envelope header, if parsing got that far (boxed to keep the
    /// error small on the happy path's `Result`).
    pub header: Option<Box<Header>>,
}

impl From<ParseErrorKind> for ParseError {
    fn from(kind: ParseErrorKind) -> Self {
        ParseError { kind, header: None }
    }
}

impl ParseError {
    /// The CWMP fault code to answer with: 9004 Resources exceeded for a
    /// [`Limits`] violation, 9003 Invalid arguments for everything else
    /// (malformed XML, missing or invalid elements).
    pub fn fault_code(&self) -> u32 {
        match self.kind {
            ParseErrorKind::LimitExceeded { .. } => codes::RESOURCES_EXCEEDED,
            _ => codes::INVALID_ARGUMENTS,
        }
    }

    /// The SOAP `faultcode` type for [`fault_code`](Self::fault_code).
    pub fn fault_type(&self) -> FaultType {
        fault_type(self.fault_code())
    }

    /// The fault to answer with; its string says what was wrong (at most
    /// 256 characters, the usual FaultString bound).
    pub fn to_fault(&self) -> Fault {
        let text: String = self.to_string().chars().take(256).collect();
        Fault::with_string(self.fault_code(), text)
    }

    /// A complete fault reply: [`to_fault`](Self::to_fault) in an envelope
    /// echoing the request's `cwmp:ID` and namespace when they were read.
    pub fn fault_envelope(&self) -> Envelope<Response> {
        Envelope {
            header: self
                .header
                .as_deref()
                .map(Header::for_reply)
                .unwrap_or_default(),
            body: Response::Fault(self.to_fault()),
        }
    }
}

/// Shortens a value for an error message so errors stay small whatever the input.
pub(crate) fn clip(value: &str) -> String {
    let mut out: String = value.chars().take(64).collect();
    if out.len() < value.len() {
        out.push_str("...");
    }
    out
}

//! Types shared by both directions: the envelope, its header, the cwmp
//! namespace and the structs that appear in requests and responses alike.

use std::borrow::Cow;
use std::fmt;

/// SOAP 1.1 envelope namespace.
pub(crate) const SOAP_ENV_NS: &str = "http://schemas.xmlsoap.org/soap/envelope/";
/// SOAP 1.1 encoding namespace.
pub(crate) const SOAP_ENC_NS: &str = "http://schemas.xmlsoap.org/soap/encoding/";
/// XML Schema namespace.
pub(crate) const XSD_NS: &str = "http://www.w3.org/2001/XMLSchema";
/// XML Schema instance namespace.
pub(crate) const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// The XML Schema types CWMP values carry, without and with the `xsd:`
/// prefix: kept as constants so that neither a parsed request nor a
/// written response allocates a type name per value.
pub(crate) const VALUE_TYPES: [(&str, &str); 11] = [
    ("string", "xsd:string"),
    ("boolean", "xsd:boolean"),
    ("unsignedInt", "xsd:unsignedInt"),
    ("int", "xsd:int"),
    ("unsignedLong", "xsd:unsignedLong"),
    ("long", "xsd:long"),
    ("dateTime", "xsd:dateTime"),
    ("base64Binary", "xsd:base64Binary"),
    ("hexBinary", "xsd:hexBinary"),
    ("decimal", "xsd:decimal"),
    ("anySimpleType", "xsd:anySimpleType"),
];

/// The `dateTime` TR-069 uses for "unknown time" (e.g. DownloadResponse times
/// when Status is 1).
pub const UNKNOWN_TIME: &str = "0001-01-01T00:00:00Z";

/// The cwmp namespace a message was sent in; replies use the same one.
///
/// CWMP 1.0 uses `urn:dslforum-org:cwmp-1-0`, 1.1 uses `-1-1`, and 1.2, 1.3
/// and 1.4 all use `urn:dslforum-org:cwmp-1-2`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum CwmpNamespace {
    /// `urn:dslforum-org:cwmp-1-0` (CWMP 1.0). The default: every ACS accepts it.
    #[default]
    V1_0,
    /// `urn:dslforum-org:cwmp-1-1` (CWMP 1.1).
    V1_1,
    /// `urn:dslforum-org:cwmp-1-2` (CWMP 1.2, 1.3 and 1.4).
    V1_2,
    /// Any other URI (e.g. a non-standard `urn:dslforum-org:cwmp-1-3`).
    /// Treated like 1.0, but the URI is kept so the reply uses it.
    Other(String),
}

impl CwmpNamespace {
    /// The namespace for a URI, exact match after trimming whitespace.
    pub fn from_uri(uri: &str) -> Self {
        match uri.trim() {
            "urn:dslforum-org:cwmp-1-0" => CwmpNamespace::V1_0,
            "urn:dslforum-org:cwmp-1-1" => CwmpNamespace::V1_1,
            "urn:dslforum-org:cwmp-1-2" => CwmpNamespace::V1_2,
            other => CwmpNamespace::Other(other.to_owned()),
        }
    }

    /// The namespace URI written on replies. An empty `Other` URI falls back
    /// to 1-0 because `xmlns:cwmp=""` is not allowed in XML namespaces 1.0.
    pub fn uri(&self) -> &str {
        match self {
            CwmpNamespace::V1_0 => "urn:dslforum-org:cwmp-1-0",
            CwmpNamespace::V1_1 => "urn:dslforum-org:cwmp-1-1",
            CwmpNamespace::V1_2 => "urn:dslforum-org:cwmp-1-2",
            CwmpNamespace::Other(u) if u.is_empty() => "urn:dslforum-org:cwmp-1-0",
            CwmpNamespace::Other(u) => u,
        }
    }

    /// The schema generation this namespace is handled as: `0`, `1` or `2`
    /// (an unknown URI counts as 0, i.e. CWMP 1.0).
    pub fn minor(&self) -> u8 {
        match self {
            CwmpNamespace::V1_0 | CwmpNamespace::Other(_) => 0,
            CwmpNamespace::V1_1 => 1,
            CwmpNamespace::V1_2 => 2,
        }
    }
}

impl fmt::Display for CwmpNamespace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.uri())
    }
}

/// The CWMP SOAP header (TR-069 A.4.2), both directions.
///
/// When parsing, absent elements are `None`. When writing, each `Some` field
/// becomes a header element; the `Header` element is left out when all are
/// `None`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Header {
    /// `cwmp:ID`: echoed on the reply, always with `mustUnderstand="1"`.
    pub id: Option<String>,
    /// `cwmp:HoldRequests` (ACS to CPE).
    pub hold_requests: Option<bool>,
    /// `cwmp:NoMoreRequests` (CWMP 1.0 only, deprecated later).
    pub no_more_requests: Option<bool>,
    /// `cwmp:SessionTimeout` in seconds (CWMP 1.3+, CPE to ACS in the Inform).
    pub session_timeout: Option<u32>,
    /// `cwmp:SupportedCWMPVersions`, e.g. `"1.0,1.1,1.2,1.3,1.4"` (CWMP 1.4,
    /// CPE to ACS in the Inform).
    pub supported_cwmp_versions: Option<String>,
    /// `cwmp:UseCWMPVersion`, e.g. `"1.4"` (CWMP 1.4, ACS to CPE in the
    /// InformResponse).
    pub use_cwmp_version: Option<String>,
    /// The cwmp namespace the message used (parsing) or is written in (writing).
    pub cwmp_ns: CwmpNamespace,
}

impl Header {
    /// The header for a reply to a message with this header: the same `ID`
    /// and namespace, nothing else.
    pub fn for_reply(&self) -> Header {
        Header {
            id: self.id.clone(),
            cwmp_ns: self.cwmp_ns.clone(),
            ..Header::default()
        }
    }
}

/// A SOAP envelope: the CWMP header plus one body message.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Envelope<T> {
    /// The SOAP header fields CWMP defines.
    pub header: Header,
    /// The body: [`Request`](super::Request) when read, [`Response`](super::Response) when written.
    pub body: T,
}

impl<T> Envelope<T> {
    /// An envelope answering this one: [`Header::for_reply`] plus `body`.
    pub fn reply<U>(&self, body: U) -> Envelope<U> {
        Envelope {
            header: self.header.for_reply(),
            body,
        }
    }
}

/// `ParameterValueStruct`: a name, a value and the value's XML Schema type.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParameterValue {
    /// Full parameter path, e.g. `Device.DeviceInfo.SoftwareVersion`.
    pub name: String,
    /// The value as text (the lexical form of its type).
    pub value: String,
    /// The `xsi:type` without prefix, e.g. `"unsignedInt"`, `"base64Binary"`.
    /// Parsed: `None` when the ACS sent none. Written: `None` means `string`.
    /// Borrowed for the XML Schema types, so that a response of thousands
    /// of values does not allocate their type names.
    pub xsi_type: Option<Cow<'static, str>>,
}

impl ParameterValue {
    /// A value with the given XML Schema type (without `xsd:` prefix).
    pub fn new(
        name: impl Into<String>,
        value: impl Into<String>,
        xsi_type: impl Into<Cow<'static, str>>,
    ) -> Self {
        ParameterValue {
            name: name.into(),
            value: value.into(),
            xsi_type: Some(xsi_type.into()),
        }
    }
}

/// The method list of GetRPCMethodsResponse, in either direction.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GetRPCMethodsResponse {
    /// Method names, e.g. `"GetParameterValues"`.
    pub methods: Vec<String>,
}

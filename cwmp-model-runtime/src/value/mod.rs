//! Typed parameter values, their wire formats, and checking a value
//! against a parameter's syntax.
//!
//! A CWMP parameter value travels as text tagged with an `xsi:type`
//! ([`BaseType`]). [`Value::parse`] turns such text into a typed [`Value`]
//! and [`Value`]'s `Display` writes the canonical wire form back. The
//! types XML Schema defines but Rust lacks have their own types here:
//! [`DateTime`], [`Base64`], [`HexBinary`] and [`Decimal`].
//!
//! Generated code describes each parameter's syntax (its type plus the
//! facets of the data model: sizes, ranges, enumerations, patterns, list
//! rules) as `static` [`Syntax`] data. [`Syntax::check`] checks incoming
//! text against that description and says which CWMP fault to raise when
//! it does not fit: [`SyntaxError::fault_code`].
//!
//! ```
//! # use cwmp_model_runtime::value::*;
//! static PORT: Syntax = Syntax {
//!     ranges: &[Range { min: Some("1"), max: Some("65535"), step: None }],
//!     ..Syntax::new(BaseType::UnsignedInt)
//! };
//! assert_eq!(PORT.check("8080", Writer::Acs).unwrap(), [Value::UnsignedInt(8080)]);
//! let err = PORT.check("70000", Writer::Acs).unwrap_err();
//! assert_eq!(err.fault_code(), 9007);
//! assert_eq!(err.to_string(), "`70000` is out of range [1:65535]");
//! ```
//!
//! Patterns hold a lazily compiled regex, which a `static` may own but not
//! borrow from a temporary, so generated code declares them in their own
//! `static` array and points [`Syntax::patterns`] at it:
//!
//! ```
//! # use cwmp_model_runtime::value::*;
//! static OUI_PATTERNS: [Pattern; 1] = [Pattern::new("[0-9A-F]{6}")];
//! static OUI: Syntax = Syntax {
//!     patterns: &OUI_PATTERNS,
//!     ..Syntax::new(BaseType::String)
//! };
//! assert!(OUI.check("00D09E", Writer::Device).is_ok());
//! assert!(OUI.check("00d09e", Writer::Device).is_err());
//! ```

// Text arrives from the network: a panic on bad input would take the
// device down, so the lints that hide panics are errors in this module.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::unreachable,
        clippy::todo,
        clippy::unimplemented
    )
)]
#![forbid(unsafe_code)]

use std::fmt;

mod binary;
mod check;
mod datetime;
mod decimal;
mod pattern;
mod syntax;
mod typed;
mod xsd_regex;

#[cfg(test)]
mod tests;

pub use binary::{Base64, HexBinary};
pub use check::{split_list, Facet, SyntaxError};
pub use datetime::DateTime;
pub use decimal::Decimal;
pub use pattern::{translate_pattern, Pattern, PatternError};
pub use syntax::{Enumeration, ListFacet, Range, Size, Syntax, Writer};
pub use typed::{BoolStyle, Value};

/// The primitive type of a parameter: one of the XML Schema types that
/// CWMP puts in `xsi:type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum BaseType {
    /// `xsd:string`: Unicode text.
    String,
    /// `xsd:unsignedInt`: 0 to 4294967295.
    UnsignedInt,
    /// `xsd:int`: -2147483648 to 2147483647.
    Int,
    /// `xsd:unsignedLong`: 0 to 18446744073709551615.
    UnsignedLong,
    /// `xsd:long`: -9223372036854775808 to 9223372036854775807.
    Long,
    /// `xsd:boolean`.
    Boolean,
    /// `xsd:dateTime`.
    DateTime,
    /// `xsd:base64Binary`: bytes written in Base64.
    Base64,
    /// `xsd:hexBinary`: bytes written in hexadecimal.
    HexBinary,
    /// `xsd:decimal`: an exact decimal number.
    Decimal,
}

impl BaseType {
    /// Every base type, in declaration order.
    pub const ALL: [BaseType; 10] = [
        BaseType::String,
        BaseType::UnsignedInt,
        BaseType::Int,
        BaseType::UnsignedLong,
        BaseType::Long,
        BaseType::Boolean,
        BaseType::DateTime,
        BaseType::Base64,
        BaseType::HexBinary,
        BaseType::Decimal,
    ];

    /// The local name CWMP writes in `xsi:type` (without the `xsd:` prefix).
    pub const fn xsd_type(self) -> &'static str {
        match self {
            BaseType::String => "string",
            BaseType::UnsignedInt => "unsignedInt",
            BaseType::Int => "int",
            BaseType::UnsignedLong => "unsignedLong",
            BaseType::Long => "long",
            BaseType::Boolean => "boolean",
            BaseType::DateTime => "dateTime",
            BaseType::Base64 => "base64Binary",
            BaseType::HexBinary => "hexBinary",
            BaseType::Decimal => "decimal",
        }
    }

    /// The base type named by an `xsi:type` value such as `xsd:unsignedInt`.
    ///
    /// The `xsd:` (or `xs:`) prefix is optional, and `base64` (the data-model
    /// schema's element name) is accepted beside `base64Binary`. Names are
    /// case-sensitive, as in XML Schema. Resolving a prefix bound to another
    /// namespace is the XML layer's job, not this function's.
    pub fn from_xsd_type(name: &str) -> Option<BaseType> {
        let local = name
            .strip_prefix("xsd:")
            .or_else(|| name.strip_prefix("xs:"))
            .unwrap_or(name);
        if local == "base64" {
            return Some(BaseType::Base64);
        }
        BaseType::ALL.into_iter().find(|t| t.xsd_type() == local)
    }
}

impl fmt::Display for BaseType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.xsd_type())
    }
}

/// Text that is not a valid lexical value of the expected type (CWMP fault
/// 9006, "Invalid parameter type", when it comes from the ACS).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("expected {expected}, found `{found}`: {reason}")]
pub struct TypeError {
    /// The type the text should have had.
    pub expected: BaseType,
    /// The offending text, shortened for messages (see [`TypeError::new`]).
    pub found: String,
    /// What is wrong with it.
    pub reason: String,
}

impl TypeError {
    /// An error for `found`, which is not a valid `expected`.
    ///
    /// `found` is shortened to its first 64 characters and its control
    /// characters are escaped, because it comes from the peer and ends up in
    /// fault strings and logs.
    pub fn new(expected: BaseType, found: &str, reason: impl Into<String>) -> TypeError {
        TypeError {
            expected,
            found: excerpt(found),
            reason: reason.into(),
        }
    }
}

/// The characters XML Schema counts as white space. Narrower than
/// `char::is_whitespace` on purpose: a no-break space is data, not padding.
pub(crate) const fn is_xsd_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

/// `text` without leading and trailing XML Schema white space.
pub(crate) fn trim_xsd(text: &str) -> &str {
    text.trim_matches(is_xsd_space)
}

/// Peer-supplied text made safe to quote in a one-line message.
pub(crate) fn excerpt(text: &str) -> String {
    const MAX_CHARS: usize = 64;
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == MAX_CHARS {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

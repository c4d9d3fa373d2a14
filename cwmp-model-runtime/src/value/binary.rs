//! [`Base64`] and [`HexBinary`]: bytes, and their two XML Schema spellings.
//!
//! The Base64 codec is written out here rather than taken from a crate: it
//! is forty lines, and the XML Schema rules (white space anywhere, padding
//! required, unused bits zero) differ from most crates' defaults anyway.

use std::fmt;
use std::str::FromStr;

use super::{excerpt, is_xsd_space, trim_xsd, BaseType, TypeError};

/// Bytes written as `xsd:base64Binary` (RFC 4648 standard alphabet, with
/// padding).
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(into = "String", try_from = "String")
)]
pub struct Base64(pub Vec<u8>);

/// Bytes written as `xsd:hexBinary`, two hexadecimal digits per byte.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(into = "String", try_from = "String")
)]
pub struct HexBinary(pub Vec<u8>);

macro_rules! byte_wrapper {
    ($name:ident) => {
        impl $name {
            /// The bytes.
            pub fn as_bytes(&self) -> &[u8] {
                &self.0
            }

            /// The bytes, by value.
            pub fn into_bytes(self) -> Vec<u8> {
                self.0
            }

            /// How many bytes (not characters of the wire form).
            pub fn len(&self) -> usize {
                self.0.len()
            }

            /// Whether there are no bytes.
            pub fn is_empty(&self) -> bool {
                self.0.is_empty()
            }
        }

        impl From<Vec<u8>> for $name {
            fn from(bytes: Vec<u8>) -> $name {
                $name(bytes)
            }
        }

        impl From<&[u8]> for $name {
            fn from(bytes: &[u8]) -> $name {
                $name(bytes.to_vec())
            }
        }

        impl AsRef<[u8]> for $name {
            fn as_ref(&self) -> &[u8] {
                &self.0
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.to_string()
            }
        }

        impl TryFrom<String> for $name {
            type Error = TypeError;

            fn try_from(text: String) -> Result<$name, TypeError> {
                text.parse()
            }
        }
    };
}

byte_wrapper!(Base64);
byte_wrapper!(HexBinary);

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// The character for the low six bits of `n`.
fn sextet_char(n: u32) -> char {
    // The mask keeps the index below 64, so the fallback never happens.
    ALPHABET
        .get((n & 0x3f) as usize)
        .map_or('A', |&b| char::from(b))
}

/// The six-bit value of a Base64 character, or `None` for any other byte.
fn sextet_value(b: u8) -> Option<u32> {
    let v = match b {
        b'A'..=b'Z' => b - b'A',
        b'a'..=b'z' => b - b'a' + 26,
        b'0'..=b'9' => b - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => return None,
    };
    Some(u32::from(v))
}

impl fmt::Display for Base64 {
    /// The canonical form: one line, padded.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::with_capacity(self.0.len().div_ceil(3) * 4);
        for chunk in self.0.chunks(3) {
            let (b0, b1, b2) = match *chunk {
                [b0, b1, b2] => (b0, Some(b1), Some(b2)),
                [b0, b1] => (b0, Some(b1), None),
                [b0] => (b0, None, None),
                _ => continue,
            };
            let n =
                u32::from(b0) << 16 | u32::from(b1.unwrap_or(0)) << 8 | u32::from(b2.unwrap_or(0));
            out.push(sextet_char(n >> 18));
            out.push(sextet_char(n >> 12));
            out.push(if b1.is_some() {
                sextet_char(n >> 6)
            } else {
                '='
            });
            out.push(if b2.is_some() { sextet_char(n) } else { '=' });
        }
        f.write_str(&out)
    }
}

impl FromStr for Base64 {
    type Err = TypeError;

    /// Decodes standard, padded Base64. White space anywhere is ignored,
    /// since ACSes wrap long values (MIME style) and indent them. Padding
    /// is required, and the bits padding leaves unused must be zero, as in
    /// XML Schema's lexical space.
    fn from_str(text: &str) -> Result<Base64, TypeError> {
        let fail = |reason: String| TypeError::new(BaseType::Base64, text, reason);
        let symbols: Vec<u8> = text
            .bytes()
            .filter(|&b| !is_xsd_space(char::from(b)))
            .collect();
        if symbols.len() % 4 != 0 {
            return Err(fail(format!(
                "{} characters (white space aside) is not a multiple of 4",
                symbols.len()
            )));
        }
        let padding = symbols.iter().rev().take_while(|&&b| b == b'=').count();
        if padding > 2 {
            return Err(fail("more than two `=` of padding".to_owned()));
        }
        let mut bytes = Vec::with_capacity(symbols.len() / 4 * 3);
        let quads = symbols.chunks_exact(4);
        let last = quads.len().saturating_sub(1);
        for (i, quad) in quads.enumerate() {
            let pad_here = if i == last { padding } else { 0 };
            let mut n: u32 = 0;
            for (j, &b) in quad.iter().enumerate() {
                let value = if j >= 4 - pad_here {
                    0
                } else {
                    sextet_value(b).ok_or_else(|| {
                        fail(if b == b'=' {
                            "`=` before the end".to_owned()
                        } else {
                            let c = excerpt(&String::from_utf8_lossy(&[b]));
                            format!("`{c}` is not a Base64 character")
                        })
                    })?
                };
                n = n << 6 | value;
            }
            let [_, b0, b1, b2] = n.to_be_bytes();
            match pad_here {
                0 => bytes.extend([b0, b1, b2]),
                1 if b2 == 0 => bytes.extend([b0, b1]),
                2 if b1 == 0 && b2 == 0 => bytes.push(b0),
                _ => return Err(fail("non-zero bits before the padding".to_owned())),
            }
        }
        Ok(Base64(bytes))
    }
}

impl fmt::Display for HexBinary {
    /// The canonical form: upper-case digits.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for b in &self.0 {
            write!(f, "{b:02X}")?;
        }
        Ok(())
    }
}

impl FromStr for HexBinary {
    type Err = TypeError;

    /// Decodes an even number of hexadecimal digits in either case,
    /// ignoring leading and trailing white space.
    fn from_str(text: &str) -> Result<HexBinary, TypeError> {
        let fail = |reason: String| TypeError::new(BaseType::HexBinary, text, reason);
        let digits = trim_xsd(text);
        if let Some(bad) = digits.chars().find(|c| !c.is_ascii_hexdigit()) {
            let bad = excerpt(&bad.to_string());
            return Err(fail(format!("`{bad}` is not a hexadecimal digit")));
        }
        if digits.len() % 2 != 0 {
            return Err(fail(format!("odd number of digits ({})", digits.len())));
        }
        let bytes = digits
            .as_bytes()
            .chunks_exact(2)
            .map(|pair| pair.iter().fold(0u8, |b, &d| b << 4 | hex_value(d)))
            .collect();
        Ok(HexBinary(bytes))
    }
}

/// The value of an ASCII hexadecimal digit (already checked to be one).
fn hex_value(d: u8) -> u8 {
    match d {
        b'0'..=b'9' => d - b'0',
        b'a'..=b'f' => d - b'a' + 10,
        b'A'..=b'F' => d - b'A' + 10,
        _ => 0,
    }
}

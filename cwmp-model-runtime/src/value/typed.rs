//! [`Value`]: one typed parameter value, and the parsers of the types Rust
//! already has (integers and booleans).

use std::fmt;

use super::{excerpt, trim_xsd, Base64, BaseType, DateTime, Decimal, HexBinary, TypeError};

/// How to write a boolean on the wire.
///
/// TR-069 allows both spellings; some ACSes only understand one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum BoolStyle {
    /// `true` / `false` (the default).
    #[default]
    TrueFalse,
    /// `1` / `0`.
    OneZero,
}

/// A typed parameter value.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Value {
    /// `xsd:string`.
    String(String),
    /// `xsd:unsignedInt`.
    UnsignedInt(u32),
    /// `xsd:int`.
    Int(i32),
    /// `xsd:unsignedLong`.
    UnsignedLong(u64),
    /// `xsd:long`.
    Long(i64),
    /// `xsd:boolean`.
    Boolean(bool),
    /// `xsd:dateTime`.
    DateTime(DateTime),
    /// `xsd:base64Binary`.
    Base64(Base64),
    /// `xsd:hexBinary`.
    HexBinary(HexBinary),
    /// `xsd:decimal`.
    Decimal(Decimal),
}

impl Value {
    /// Parses wire text as a value of type `base`.
    ///
    /// Strings are taken verbatim. Every other type ignores leading and
    /// trailing white space (XML Schema collapses it for them). Booleans
    /// accept `true`, `false`, `1` and `0` in any letter case. Unsigned
    /// integers refuse any sign, signed ones accept `+` and `-`, and values
    /// outside the type's range are refused rather than wrapped.
    pub fn parse(base: BaseType, text: &str) -> Result<Value, TypeError> {
        Ok(match base {
            BaseType::String => Value::String(text.to_owned()),
            BaseType::UnsignedInt => {
                Value::UnsignedInt(narrow(base, text, parse_integer(base, text)?)?)
            }
            BaseType::Int => Value::Int(narrow(base, text, parse_integer(base, text)?)?),
            BaseType::UnsignedLong => {
                Value::UnsignedLong(narrow(base, text, parse_integer(base, text)?)?)
            }
            BaseType::Long => Value::Long(narrow(base, text, parse_integer(base, text)?)?),
            BaseType::Boolean => Value::Boolean(parse_bool(text)?),
            BaseType::DateTime => Value::DateTime(text.parse()?),
            BaseType::Base64 => Value::Base64(text.parse()?),
            BaseType::HexBinary => Value::HexBinary(text.parse()?),
            BaseType::Decimal => Value::Decimal(text.parse()?),
        })
    }

    /// The type of this value, i.e. what goes in `xsi:type`.
    pub const fn base_type(&self) -> BaseType {
        match self {
            Value::String(_) => BaseType::String,
            Value::UnsignedInt(_) => BaseType::UnsignedInt,
            Value::Int(_) => BaseType::Int,
            Value::UnsignedLong(_) => BaseType::UnsignedLong,
            Value::Long(_) => BaseType::Long,
            Value::Boolean(_) => BaseType::Boolean,
            Value::DateTime(_) => BaseType::DateTime,
            Value::Base64(_) => BaseType::Base64,
            Value::HexBinary(_) => BaseType::HexBinary,
            Value::Decimal(_) => BaseType::Decimal,
        }
    }

    /// The wire form, writing booleans in `style`. Same as `Display` for
    /// [`BoolStyle::TrueFalse`].
    pub fn to_wire(&self, style: BoolStyle) -> String {
        match (self, style) {
            (Value::Boolean(b), BoolStyle::OneZero) => if *b { "1" } else { "0" }.to_owned(),
            _ => self.to_string(),
        }
    }

    /// [`Value::to_wire`], consuming the value: a string is moved, not
    /// copied, and nothing goes through `fmt` but times, binaries and
    /// decimals.
    pub fn into_wire(self, style: BoolStyle) -> String {
        match self {
            Value::String(s) => s,
            Value::Boolean(b) => match (b, style) {
                (true, BoolStyle::OneZero) => "1",
                (false, BoolStyle::OneZero) => "0",
                (true, BoolStyle::TrueFalse) => "true",
                (false, BoolStyle::TrueFalse) => "false",
            }
            .to_owned(),
            Value::UnsignedInt(n) => n.to_string(),
            Value::UnsignedLong(n) => n.to_string(),
            Value::Int(n) => n.to_string(),
            Value::Long(n) => n.to_string(),
            other => other.to_string(),
        }
    }

    /// The value as a number that the range facet can compare, if it is one.
    pub(crate) fn as_decimal(&self) -> Option<Decimal> {
        match self {
            Value::UnsignedInt(n) => Some(Decimal::from(*n)),
            Value::Int(n) => Some(Decimal::from(*n)),
            Value::UnsignedLong(n) => Some(Decimal::from(*n)),
            Value::Long(n) => Some(Decimal::from(*n)),
            Value::Decimal(d) => Some(*d),
            _ => None,
        }
    }
}

impl Default for Value {
    /// The empty string, which is also what TR-069 reads back from a hidden
    /// or unset string parameter.
    fn default() -> Value {
        Value::String(String::new())
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::String(s) => f.write_str(s),
            Value::UnsignedInt(n) => write!(f, "{n}"),
            Value::Int(n) => write!(f, "{n}"),
            Value::UnsignedLong(n) => write!(f, "{n}"),
            Value::Long(n) => write!(f, "{n}"),
            Value::Boolean(b) => write!(f, "{b}"),
            Value::DateTime(d) => write!(f, "{d}"),
            Value::Base64(b) => write!(f, "{b}"),
            Value::HexBinary(h) => write!(f, "{h}"),
            Value::Decimal(d) => write!(f, "{d}"),
        }
    }
}

macro_rules! value_from {
    ($($source:ty => $variant:ident),* $(,)?) => {$(
        impl From<$source> for Value {
            fn from(v: $source) -> Value {
                Value::$variant(v.into())
            }
        }
    )*};
}

value_from! {
    String => String,
    &str => String,
    u32 => UnsignedInt,
    i32 => Int,
    u64 => UnsignedLong,
    i64 => Long,
    bool => Boolean,
    DateTime => DateTime,
    Base64 => Base64,
    HexBinary => HexBinary,
    Decimal => Decimal,
}

/// Parses an optionally signed run of ASCII digits into an `i128`, wide
/// enough for every CWMP integer type, so that range errors can be told
/// apart from syntax errors by the caller.
fn parse_integer(base: BaseType, text: &str) -> Result<i128, TypeError> {
    let digits_and_sign = trim_xsd(text);
    let unsigned = matches!(base, BaseType::UnsignedInt | BaseType::UnsignedLong);
    let (negative, digits) = match digits_and_sign.as_bytes().first() {
        Some(sign @ (b'+' | b'-')) if unsigned => {
            let reason = format!("a sign (`{}`) is not allowed", char::from(*sign));
            return Err(TypeError::new(base, text, reason));
        }
        Some(b'-') => (true, digits_and_sign.get(1..).unwrap_or_default()),
        Some(b'+') => (false, digits_and_sign.get(1..).unwrap_or_default()),
        _ => (false, digits_and_sign),
    };
    if digits.is_empty() {
        return Err(TypeError::new(base, text, "no digits"));
    }
    let mut magnitude: i128 = 0;
    for c in digits.chars() {
        let Some(digit) = c.to_digit(10) else {
            let reason = format!(
                "`{}` is not a decimal digit",
                excerpt(c.encode_utf8(&mut [0; 4]))
            );
            return Err(TypeError::new(base, text, reason));
        };
        // Saturating is enough: anything past i128 is out of every range.
        magnitude = magnitude
            .saturating_mul(10)
            .saturating_add(i128::from(digit));
    }
    Ok(if negative { -magnitude } else { magnitude })
}

/// Converts a parsed integer to the Rust type of `base`, refusing values
/// outside its range.
fn narrow<T>(base: BaseType, text: &str, n: i128) -> Result<T, TypeError>
where
    T: TryFrom<i128> + Bounded + fmt::Display,
{
    T::try_from(n).map_err(|_| {
        let reason = format!("out of range {} to {}", T::MIN, T::MAX);
        TypeError::new(base, text, reason)
    })
}

/// The limits of an integer type, for range messages.
trait Bounded: Sized {
    const MIN: Self;
    const MAX: Self;
}

macro_rules! bounded {
    ($($t:ty),*) => {$(
        impl Bounded for $t {
            const MIN: Self = <$t>::MIN;
            const MAX: Self = <$t>::MAX;
        }
    )*};
}

bounded!(u32, i32, u64, i64);

fn parse_bool(text: &str) -> Result<bool, TypeError> {
    let word = trim_xsd(text);
    if word == "1" || word.eq_ignore_ascii_case("true") {
        Ok(true)
    } else if word == "0" || word.eq_ignore_ascii_case("false") {
        Ok(false)
    } else {
        Err(TypeError::new(
            BaseType::Boolean,
            text,
            "expected true, false, 1 or 0",
        ))
    }
}

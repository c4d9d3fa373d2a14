//! [`Slot`]: how the tree stores one parameter value, compactly.
//!
//! A [`Value`] is 48 bytes (its `Decimal` holds an `i128`). A tree of
//! twenty thousand values stores most of them as short strings, small
//! integers and booleans, so a slot is 16 bytes instead: integers,
//! booleans and strings of up to [`SHORT`] bytes live inside the slot;
//! longer strings, byte strings, times and decimals behind a thin pointer
//! (a `Box` of a `Box<str>` for strings, since a fat pointer and a tag do
//! not fit in 16 bytes). The parameter's [`Syntax`] says how to turn a slot
//! back into a [`Value`]: which of Base64 or HexBinary some bytes are, and
//! that a list reads as its comma-separated text.

use std::mem::size_of;

use crate::value::{Base64, BaseType, DateTime, Decimal, HexBinary, Syntax, Value};

/// Longest string (in UTF-8 bytes) stored inside the slot itself.
pub(crate) const SHORT: usize = 14;

/// One stored parameter value.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Slot {
    /// A string (or list text) of at most [`SHORT`] bytes; `len` bytes of
    /// `bytes` are valid UTF-8.
    Short { len: u8, bytes: [u8; SHORT] },
    /// A longer string (or list text).
    Text(Box<Box<str>>),
    /// `xsd:boolean`.
    Bool(bool),
    /// `xsd:unsignedInt`.
    UnsignedInt(u32),
    /// `xsd:int`.
    Int(i32),
    /// `xsd:unsignedLong`.
    UnsignedLong(u64),
    /// `xsd:long`.
    Long(i64),
    /// `xsd:dateTime`.
    DateTime(Box<DateTime>),
    /// `xsd:base64Binary` or `xsd:hexBinary`, as the syntax says.
    Bytes(Box<Box<[u8]>>),
    /// `xsd:decimal`, boxed because it would double the size of every slot.
    Decimal(Box<Decimal>),
}

impl Slot {
    /// The empty string.
    pub(crate) const EMPTY: Slot = Slot::Short {
        len: 0,
        bytes: [0; SHORT],
    };

    /// A string slot.
    pub(crate) fn text(s: &str) -> Slot {
        let mut bytes = [0u8; SHORT];
        match (u8::try_from(s.len()), bytes.get_mut(..s.len())) {
            (Ok(len), Some(dest)) => {
                dest.copy_from_slice(s.as_bytes());
                Slot::Short { len, bytes }
            }
            _ => Slot::Text(Box::new(s.into())),
        }
    }

    /// The null value of a syntax (TR-106 A.2.3.5): the empty string (also
    /// for lists), 0, false, the unknown time, no bytes.
    pub(crate) fn zero(syntax: &Syntax) -> Slot {
        if syntax.list.is_some() {
            return Slot::EMPTY;
        }
        match syntax.base {
            BaseType::String => Slot::EMPTY,
            BaseType::UnsignedInt => Slot::UnsignedInt(0),
            BaseType::Int => Slot::Int(0),
            BaseType::UnsignedLong => Slot::UnsignedLong(0),
            BaseType::Long => Slot::Long(0),
            BaseType::Boolean => Slot::Bool(false),
            BaseType::DateTime => Slot::DateTime(Box::new(DateTime::UNKNOWN)),
            BaseType::Base64 | BaseType::HexBinary => Slot::Bytes(Box::default()),
            BaseType::Decimal => Slot::Decimal(Box::new(Decimal::ZERO)),
        }
    }

    /// A slot from one value.
    pub(crate) fn from_value(value: Value) -> Slot {
        match value {
            Value::String(s) => Slot::text(&s),
            Value::UnsignedInt(n) => Slot::UnsignedInt(n),
            Value::Int(n) => Slot::Int(n),
            Value::UnsignedLong(n) => Slot::UnsignedLong(n),
            Value::Long(n) => Slot::Long(n),
            Value::Boolean(b) => Slot::Bool(b),
            Value::DateTime(d) => Slot::DateTime(Box::new(d)),
            Value::Base64(b) => Slot::Bytes(Box::new(b.into_bytes().into_boxed_slice())),
            Value::HexBinary(h) => Slot::Bytes(Box::new(h.into_bytes().into_boxed_slice())),
            Value::Decimal(d) => Slot::Decimal(Box::new(d)),
        }
    }

    /// A slot from what [`Syntax::check`] returned: the one value, or for a
    /// list the canonical list text (items joined by `,`).
    pub(crate) fn from_checked(syntax: &Syntax, values: Vec<Value>) -> Slot {
        if syntax.list.is_some() {
            let items: Vec<String> = values.iter().map(Value::to_string).collect();
            return Slot::text(&items.join(","));
        }
        values
            .into_iter()
            .next()
            .map_or_else(|| Slot::zero(syntax), Slot::from_value)
    }

    /// The text of a string slot.
    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Slot::Short { len, bytes } => bytes
                .get(..usize::from(*len))
                .and_then(|b| std::str::from_utf8(b).ok()),
            Slot::Text(s) => Some(s),
            _ => None,
        }
    }

    /// The value, typed as `syntax` says: lists read as their text.
    pub(crate) fn to_value(&self, syntax: &Syntax) -> Value {
        match self {
            Slot::Short { .. } | Slot::Text(_) => {
                Value::String(self.as_str().unwrap_or_default().to_owned())
            }
            Slot::Bool(b) => Value::Boolean(*b),
            Slot::UnsignedInt(n) => Value::UnsignedInt(*n),
            Slot::Int(n) => Value::Int(*n),
            Slot::UnsignedLong(n) => Value::UnsignedLong(*n),
            Slot::Long(n) => Value::Long(*n),
            Slot::DateTime(d) => Value::DateTime(**d),
            Slot::Bytes(b) if syntax.base == BaseType::HexBinary => {
                Value::HexBinary(HexBinary(b.to_vec()))
            }
            Slot::Bytes(b) => Value::Base64(Base64(b.to_vec())),
            Slot::Decimal(d) => Value::Decimal(**d),
        }
    }

    /// The wire text of the value.
    pub(crate) fn to_text(&self, syntax: &Syntax) -> String {
        match self.as_str() {
            Some(s) => s.to_owned(),
            None => self.to_value(syntax).to_string(),
        }
    }

    /// Bytes this slot owns on the heap (payload only, no allocator overhead).
    pub(crate) fn heap_bytes(&self) -> usize {
        match self {
            Slot::Text(s) => size_of::<Box<str>>() + s.len(),
            Slot::Bytes(b) => size_of::<Box<[u8]>>() + b.len(),
            Slot::DateTime(_) => size_of::<DateTime>(),
            Slot::Decimal(_) => size_of::<Decimal>(),
            _ => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_small_and_round_trip() {
        assert!(size_of::<Slot>() <= 16, "{}", size_of::<Slot>());
        let syntax = Syntax::new(BaseType::String);
        for s in [
            "",
            "eth0",
            "exactly-22-bytes-long!",
            "twenty-three bytes long",
            "é ü",
        ] {
            let slot = Slot::text(s);
            assert_eq!(slot.as_str(), Some(s));
            assert_eq!(slot.to_value(&syntax), Value::String(s.into()));
            assert_eq!(slot, Slot::from_value(Value::String(s.into())));
        }
        assert!(matches!(Slot::text(&"x".repeat(SHORT)), Slot::Short { .. }));
        assert!(matches!(Slot::text(&"x".repeat(SHORT + 1)), Slot::Text(_)));
        let hex = Syntax::new(BaseType::HexBinary);
        let v = Value::HexBinary(HexBinary(vec![1, 2]));
        assert_eq!(Slot::from_value(v.clone()).to_value(&hex), v);
        let dec = Syntax::new(BaseType::Decimal);
        let v = Value::Decimal("1.5".parse().unwrap());
        assert_eq!(Slot::from_value(v.clone()).to_text(&dec), "1.5");
    }
}

//! [`Scalar`] and [`Field`]: how a typed struct field holds a parameter value
//! and turns into the engine's [`Value`] and back.

use std::fmt;

use crate::value::{split_list, Base64, BaseType, DateTime, Decimal, HexBinary, TypeError, Value};

/// A type a single parameter value (or one item of a list) can have in
/// generated code: the Rust types of the XSD primitives, and generated
/// enums of enumerated strings.
pub trait Scalar: Sized + Clone + fmt::Debug + PartialEq {
    /// The primitive this type stands for.
    const BASE: BaseType;

    /// The value as this type; `None` when the value is of another base type.
    fn from_value(value: Value) -> Option<Self>;

    /// This value as an engine value.
    fn to_value(&self) -> Value;
}

/// A generated enum of an enumerated string parameter: its values as the
/// model lists them, and an `Unlisted` variant for any other text. It is a
/// [`Scalar`] through this trait, so that generated code has one small impl
/// per enum rather than the whole of `Scalar`.
pub trait Enumerated: From<String> + Clone + fmt::Debug + PartialEq {
    /// The value as the data model writes it.
    fn text(&self) -> &str;
}

impl<T: Enumerated> Scalar for T {
    const BASE: BaseType = BaseType::String;

    fn from_value(value: Value) -> Option<Self> {
        match value {
            Value::String(s) => Some(T::from(s)),
            _ => None,
        }
    }

    fn to_value(&self) -> Value {
        Value::String(self.text().to_owned())
    }
}

macro_rules! scalar {
    ($($ty:ty => $variant:ident),* $(,)?) => {$(
        impl Scalar for $ty {
            const BASE: BaseType = BaseType::$variant;

            fn from_value(value: Value) -> Option<Self> {
                match value {
                    Value::$variant(v) => Some(v),
                    _ => None,
                }
            }

            fn to_value(&self) -> Value {
                Value::$variant(self.clone())
            }
        }
    )*};
}

scalar! {
    String => String,
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

/// What the engine needs of a struct field that holds a parameter: a
/// [`Scalar`], or a `Vec` of them for a list-valued parameter. Object safe,
/// so the engine can walk any generated struct through
/// [`Members`](super::Members) without code per struct.
pub trait Field {
    /// Replaces the field's value with `value` as the engine stores it (a
    /// list as a [`Value::String`] of its comma-separated text).
    fn load(&mut self, value: Value) -> Result<(), TypeError>;

    /// The field's value as the engine stores it.
    fn store(&self) -> Value;

    /// The field, for `Debug`.
    fn debug(&self) -> &dyn fmt::Debug;
}

impl<T: Scalar> Field for T {
    fn load(&mut self, value: Value) -> Result<(), TypeError> {
        // Only the type is kept for the error: formatting the value on
        // every load would cost a String per field read.
        let found = value.base_type();
        *self = T::from_value(value)
            .ok_or_else(|| TypeError::new(T::BASE, found.xsd_type(), "stored as another type"))?;
        Ok(())
    }

    fn store(&self) -> Value {
        self.to_value()
    }

    fn debug(&self) -> &dyn fmt::Debug {
        self
    }
}

impl<T: Scalar> Field for Vec<T> {
    fn load(&mut self, value: Value) -> Result<(), TypeError> {
        let Value::String(text) = value else {
            let found = value.to_wire(Default::default());
            return Err(TypeError::new(
                BaseType::String,
                &found,
                "a list is stored as text",
            ));
        };
        // Nested brackets only matter to lists of lists, which no scalar
        // item type is; legacy splitting is what the engine checked with.
        let mut items = Vec::new();
        for item in split_list(&text, false) {
            let v = Value::parse(T::BASE, item)?;
            items.push(
                T::from_value(v)
                    .ok_or_else(|| TypeError::new(T::BASE, item, "not an item of this list"))?,
            );
        }
        *self = items;
        Ok(())
    }

    fn store(&self) -> Value {
        let mut text = String::new();
        for (i, item) in self.iter().enumerate() {
            if i > 0 {
                text.push(',');
            }
            text.push_str(&item.to_value().to_wire(Default::default()));
        }
        Value::String(text)
    }

    fn debug(&self) -> &dyn fmt::Debug {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_round_trip_through_values() {
        let mut s = String::new();
        s.load(Value::String("x".into())).unwrap();
        assert_eq!(s.store(), Value::String("x".into()));
        let mut n = 0u32;
        n.load(Value::UnsignedInt(7)).unwrap();
        assert_eq!(n, 7);
        assert!(n.load(Value::Int(-1)).is_err());
        assert_eq!(n, 7, "a failed load leaves the field as it was");
    }

    #[test]
    fn lists_split_and_join() {
        let mut v: Vec<u32> = Vec::new();
        v.load(Value::String("1, 2,3".into())).unwrap();
        assert_eq!(v, [1, 2, 3]);
        assert_eq!(v.store(), Value::String("1,2,3".into()));
        assert!(v.load(Value::String("1,x".into())).is_err());
        assert_eq!(v, [1, 2, 3]);
        let mut e: Vec<String> = vec!["a".into()];
        e.load(Value::String(String::new())).unwrap();
        assert!(e.is_empty());
    }
}

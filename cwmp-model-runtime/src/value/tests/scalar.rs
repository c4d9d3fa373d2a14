//! `BaseType`, `Value::parse` for integers and booleans, and wire output.

use crate::value::*;

#[test]
fn xsd_type_names_round_trip() {
    for t in BaseType::ALL {
        assert_eq!(BaseType::from_xsd_type(t.xsd_type()), Some(t));
        assert_eq!(BaseType::from_xsd_type(&format!("xsd:{t}")), Some(t));
    }
    let cases = [
        ("xsd:base64", Some(BaseType::Base64)),
        ("base64Binary", Some(BaseType::Base64)),
        ("xs:int", Some(BaseType::Int)),
        ("xsd:unsignedInt", Some(BaseType::UnsignedInt)),
        ("unsignedint", None),
        ("xsd:", None),
        ("", None),
        ("soap:string", None),
        ("xsd:xsd:int", None),
    ];
    for (name, expected) in cases {
        assert_eq!(BaseType::from_xsd_type(name), expected, "{name}");
    }
}

#[test]
fn integers_parse_within_range() {
    let good = [
        (BaseType::UnsignedInt, "0", Value::UnsignedInt(0)),
        (
            BaseType::UnsignedInt,
            "4294967295",
            Value::UnsignedInt(u32::MAX),
        ),
        (BaseType::UnsignedInt, " 42\n", Value::UnsignedInt(42)),
        (BaseType::UnsignedInt, "007", Value::UnsignedInt(7)),
        (BaseType::Int, "-2147483648", Value::Int(i32::MIN)),
        (BaseType::Int, "2147483647", Value::Int(i32::MAX)),
        (BaseType::Int, "+5", Value::Int(5)),
        (BaseType::Int, "-0", Value::Int(0)),
        (
            BaseType::UnsignedLong,
            "18446744073709551615",
            Value::UnsignedLong(u64::MAX),
        ),
        (
            BaseType::Long,
            "-9223372036854775808",
            Value::Long(i64::MIN),
        ),
        (BaseType::Long, "9223372036854775807", Value::Long(i64::MAX)),
        (BaseType::Long, "\t-1 ", Value::Long(-1)),
    ];
    for (base, text, expected) in good {
        assert_eq!(Value::parse(base, text), Ok(expected), "{base} {text:?}");
    }
}

#[test]
fn integers_refuse_bad_text() {
    let bad = [
        (
            BaseType::UnsignedInt,
            "4294967296",
            "out of range 0 to 4294967295",
        ),
        (BaseType::UnsignedInt, "-1", "sign"),
        (BaseType::UnsignedInt, "+1", "sign"),
        (BaseType::UnsignedInt, "", "no digits"),
        (BaseType::UnsignedInt, "   ", "no digits"),
        (BaseType::UnsignedInt, "1 2", "not a decimal digit"),
        (BaseType::UnsignedInt, "0x10", "not a decimal digit"),
        (BaseType::UnsignedInt, "1.0", "not a decimal digit"),
        (BaseType::UnsignedInt, "١٢", "not a decimal digit"),
        (
            BaseType::Int,
            "-2147483649",
            "out of range -2147483648 to 2147483647",
        ),
        (BaseType::Int, "2147483648", "out of range"),
        (BaseType::Int, "-", "no digits"),
        (BaseType::Int, "+-1", "not a decimal digit"),
        (
            BaseType::UnsignedLong,
            "18446744073709551616",
            "out of range",
        ),
        (BaseType::UnsignedLong, "-0", "sign"),
        (BaseType::Long, "9223372036854775808", "out of range"),
        (BaseType::Long, "-9223372036854775809", "out of range"),
        (BaseType::Long, &"9".repeat(200), "out of range"),
    ];
    for (base, text, reason) in bad {
        let err = Value::parse(base, text).unwrap_err();
        assert_eq!(err.expected, base);
        assert!(err.reason.contains(reason), "{base} {text:?}: {err}");
    }
}

#[test]
fn booleans_accept_both_spellings_in_any_case() {
    let cases = [
        ("true", Some(true)),
        ("TRUE", Some(true)),
        (" True\r\n", Some(true)),
        ("1", Some(true)),
        ("false", Some(false)),
        ("fAlSe", Some(false)),
        ("0", Some(false)),
        ("", None),
        ("yes", None),
        ("01", None),
        ("t", None),
        ("true false", None),
    ];
    for (text, expected) in cases {
        let parsed = Value::parse(BaseType::Boolean, text).ok();
        assert_eq!(parsed, expected.map(Value::Boolean), "{text:?}");
    }
}

#[test]
fn strings_are_verbatim() {
    for text in ["", "  padded  ", "line\nbreak", "ünïcödé", "a,b"] {
        assert_eq!(Value::parse(BaseType::String, text), Ok(Value::from(text)));
    }
}

#[test]
fn type_error_names_expected_and_found() {
    let err = Value::parse(BaseType::UnsignedInt, "-1").unwrap_err();
    assert_eq!(
        err.to_string(),
        "expected unsignedInt, found `-1`: a sign (`-`) is not allowed"
    );
    // Peer text is shortened and kept on one line.
    let long = format!("x\n{}", "y".repeat(100));
    let err = Value::parse(BaseType::Int, &long).unwrap_err();
    assert!(err.found.starts_with("x\\n"), "{}", err.found);
    assert!(err.found.ends_with('…'));
    assert_eq!(err.found.chars().count(), 66);
}

#[test]
fn wire_forms() {
    let cases = [
        (Value::Boolean(true), "true", "1"),
        (Value::Boolean(false), "false", "0"),
        (Value::Int(-7), "-7", "-7"),
        (
            Value::UnsignedLong(u64::MAX),
            "18446744073709551615",
            "18446744073709551615",
        ),
        (Value::from("a b"), "a b", "a b"),
        (Value::HexBinary(HexBinary(vec![0xab])), "AB", "AB"),
        (Value::UnsignedInt(u32::MAX), "4294967295", "4294967295"),
        (
            Value::Long(i64::MIN),
            "-9223372036854775808",
            "-9223372036854775808",
        ),
        (
            Value::DateTime("2024-01-02T03:04:05Z".parse().unwrap()),
            "2024-01-02T03:04:05Z",
            "2024-01-02T03:04:05Z",
        ),
    ];
    for (value, true_false, one_zero) in cases {
        assert_eq!(value.to_string(), true_false);
        assert_eq!(value.to_wire(BoolStyle::TrueFalse), true_false);
        assert_eq!(value.to_wire(BoolStyle::OneZero), one_zero);
        assert_eq!(value.clone().into_wire(BoolStyle::TrueFalse), true_false);
        assert_eq!(value.into_wire(BoolStyle::OneZero), one_zero);
    }
    assert_eq!(Value::default(), Value::String(String::new()));
    assert_eq!(BoolStyle::default(), BoolStyle::TrueFalse);
}

#[test]
fn base_type_of_every_variant() {
    let values = [
        Value::from(""),
        Value::from(1u32),
        Value::from(1i32),
        Value::from(1u64),
        Value::from(1i64),
        Value::from(true),
        Value::from(DateTime::UNKNOWN),
        Value::from(Base64::default()),
        Value::from(HexBinary::default()),
        Value::from(Decimal::ZERO),
    ];
    for (value, base) in values.iter().zip(BaseType::ALL) {
        assert_eq!(value.base_type(), base);
        // Every value's wire form parses back as the same value.
        assert_eq!(Value::parse(base, &value.to_string()).as_ref(), Ok(value));
    }
}

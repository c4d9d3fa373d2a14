//! `Decimal`: parsing, canonical form, normalization, ordering.

use std::cmp::Ordering;
use std::collections::HashSet;

use crate::value::*;

fn dec(text: &str) -> Decimal {
    text.parse().unwrap_or_else(|e| panic!("{text:?}: {e}"))
}

#[test]
fn parses_to_canonical_form() {
    let cases = [
        ("0", "0"),
        ("-0", "0"),
        ("+0.000", "0"),
        ("-12.340", "-12.34"),
        ("+5", "5"),
        (".5", "0.5"),
        ("5.", "5"),
        ("-.5", "-0.5"),
        ("007.0700", "7.07"),
        ("100", "100"),
        ("1000.000", "1000"),
        (" 0.001 \n", "0.001"),
        (
            "0.0000000000000000000000000000000000000000001",
            "0.0000000000000000000000000000000000000000001",
        ),
        (
            "170141183460469231731687303715884105727",
            "170141183460469231731687303715884105727",
        ),
        (
            "-1.70141183460469231731687303715884105727",
            "-1.70141183460469231731687303715884105727",
        ),
        ("18446744073709551615", "18446744073709551615"),
    ];
    for (text, canonical) in cases {
        assert_eq!(dec(text).to_string(), canonical, "{text:?}");
    }
    // Trailing zeros never count towards the 38 digits.
    let many_zeros = format!("1.{}", "0".repeat(1000));
    assert_eq!(dec(&many_zeros), dec("1"));
    let leading_zeros = format!("{}1", "0".repeat(1000));
    assert_eq!(dec(&leading_zeros), dec("1"));
}

#[test]
fn refuses_invalid_text() {
    let cases = [
        ("", "no digits"),
        (".", "no digits"),
        ("-", "no digits"),
        ("+.", "no digits"),
        ("1e3", "exponent"),
        ("1.5E-2", "exponent"),
        ("1.2.3", "`.` is not a decimal digit"),
        ("--1", "`-` is not a decimal digit"),
        ("1 000", "` ` is not a decimal digit"),
        ("0x1F", "`x`"),
        ("NaN", "`N`"),
        ("INF", "`I`"),
        ("١", "not a decimal digit"),
        (
            "170141183460469231731687303715884105728",
            "38 significant digits",
        ),
        (
            "1.70141183460469231731687303715884105728",
            "38 significant digits",
        ),
    ];
    for (text, reason) in cases {
        let err = text.parse::<Decimal>().unwrap_err();
        assert_eq!(err.expected, BaseType::Decimal);
        assert!(err.reason.contains(reason), "{text:?}: {err}");
    }
}

#[test]
fn equal_values_are_equal_in_every_respect() {
    let same = ["1.5", "1.50", "+01.500", "1.5000000"];
    let hashes: HashSet<Decimal> = same.iter().map(|t| dec(t)).collect();
    assert_eq!(hashes.len(), 1);
    for t in same {
        assert_eq!(dec(t), dec("1.5"));
        assert_eq!(dec(t).cmp(&dec("1.5")), Ordering::Equal);
        assert_eq!((dec(t).mantissa(), dec(t).scale()), (15, 1));
    }
    assert_eq!(Decimal::new(1500, 3), dec("1.5"));
    assert_eq!(Decimal::new(0, 7), Decimal::ZERO);
    assert_eq!(Decimal::new(-100, 0).to_string(), "-100");
    assert_eq!(Decimal::new(i128::MIN, 0), Decimal::new(-i128::MAX, 0));
    assert_eq!(Decimal::default(), Decimal::ZERO);
    assert_eq!(Decimal::from(u64::MAX).to_string(), "18446744073709551615");
    assert_eq!(Decimal::from(i64::MIN).to_string(), "-9223372036854775808");
    assert!(dec("12").is_integer() && !dec("1.2").is_integer());
}

#[test]
fn ordering_is_by_value() {
    let ascending = [
        "-170141183460469231731687303715884105727",
        "-100",
        "-1.5",
        "-1.49999999999999999999999999999999999",
        "-0.0000000000000000000000000000000000000000001",
        "0",
        "0.0000000000000000000000000000000000000000001",
        "0.5",
        "1",
        "1.00000000000000000000000000000000000001",
        "1.1",
        "18446744073709551615",
        "170141183460469231731687303715884105727",
    ];
    for (i, a) in ascending.iter().enumerate() {
        for (j, b) in ascending.iter().enumerate() {
            assert_eq!(dec(a).cmp(&dec(b)), i.cmp(&j), "{a} vs {b}");
        }
    }
    // Comparisons whose rescaling would overflow still come out right.
    assert!(dec("170141183460469231731687303715884105727") > dec("0.1"));
    assert!(dec("-170141183460469231731687303715884105727") < dec("-0.1"));
    assert!(dec("0.1") < dec("170141183460469231731687303715884105727"));
    assert!(dec("-0.1") > dec("-170141183460469231731687303715884105727"));
}

#[test]
fn display_pads_tiny_values() {
    assert_eq!(Decimal::new(1, 5).to_string(), "0.00001");
    assert_eq!(Decimal::new(-12345, 5).to_string(), "-0.12345");
    assert_eq!(Decimal::new(12345, 2).to_string(), "123.45");
    assert_eq!(Decimal::new(12345, 0).to_string(), "12345");
}

//! `DateTime`: parsing, validation, canonical form, Unix time, ordering.

use std::cmp::Ordering;

use crate::value::*;

fn dt(text: &str) -> DateTime {
    text.parse().unwrap_or_else(|e| panic!("{text:?}: {e}"))
}

#[test]
fn parses_and_writes_canonically() {
    let cases = [
        ("2024-02-29T12:34:56Z", "2024-02-29T12:34:56Z"),
        (" 2024-02-29T12:34:56Z\n", "2024-02-29T12:34:56Z"),
        ("2024-01-01T00:00:00+00:00", "2024-01-01T00:00:00Z"),
        ("2024-01-01T00:00:00-00:00", "2024-01-01T00:00:00Z"),
        ("2024-01-01T00:00:00", "2024-01-01T00:00:00"),
        ("2024-01-01T00:00:00.5Z", "2024-01-01T00:00:00.5Z"),
        ("2024-01-01T00:00:00.120Z", "2024-01-01T00:00:00.12Z"),
        ("2024-01-01T00:00:00.000Z", "2024-01-01T00:00:00Z"),
        (
            "2024-01-01T00:00:00.123456789Z",
            "2024-01-01T00:00:00.123456789Z",
        ),
        (
            "2024-01-01T00:00:00.1234567891234Z",
            "2024-01-01T00:00:00.123456789Z",
        ),
        ("2024-01-01T10:00:00+05:30", "2024-01-01T10:00:00+05:30"),
        ("2024-01-01T10:00:00-14:00", "2024-01-01T10:00:00-14:00"),
        ("2024-01-01T10:00:00+14:00", "2024-01-01T10:00:00+14:00"),
        ("2016-12-31T23:59:60Z", "2016-12-31T23:59:60Z"),
        ("0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z"),
        ("9999-12-31T23:59:59.999Z", "9999-12-31T23:59:59.999Z"),
        ("2000-02-29T00:00:00Z", "2000-02-29T00:00:00Z"),
    ];
    for (text, canonical) in cases {
        assert_eq!(dt(text).to_string(), canonical, "{text:?}");
        assert_eq!(dt(canonical), dt(text), "{text:?}");
    }
}

#[test]
fn refuses_invalid_text() {
    let cases = [
        ("", "4 digits for the year"),
        ("2024-01-01", "`T`"),
        ("2024-01-01T00:00Z", "`:` after the minute"),
        ("24-01-01T00:00:00Z", "4 digits for the year"),
        ("02024-01-01T00:00:00Z", "exactly 4 digits"),
        ("-2024-01-01T00:00:00Z", "4 digits for the year"),
        ("2024-1-01T00:00:00Z", "2 digits for the month"),
        ("0000-01-01T00:00:00Z", "year 0000"),
        ("2024-00-01T00:00:00Z", "month 0"),
        ("2024-13-01T00:00:00Z", "month 13"),
        ("2024-01-00T00:00:00Z", "day 0"),
        ("2024-01-32T00:00:00Z", "day 32"),
        ("2023-02-29T00:00:00Z", "day 29 is not 1 to 28 for 2023-02"),
        ("1900-02-29T00:00:00Z", "day 29"),
        ("2024-04-31T00:00:00Z", "day 31 is not 1 to 30"),
        ("2024-01-01T24:00:00Z", "hour 24"),
        ("2024-01-01T23:60:00Z", "minute 60"),
        ("2024-01-01T23:59:61Z", "second 61"),
        ("2024-01-01T00:00:00.Z", "digits after `.`"),
        ("2024-01-01T00:00:00+14:01", "exceeds 14:00"),
        ("2024-01-01T00:00:00-15:00", "exceeds 14:00"),
        ("2024-01-01T00:00:00+05:60", "timezone minute 60"),
        (
            "2024-01-01T00:00:00+0500",
            "timezone hour must have exactly 2 digits",
        ),
        ("2024-01-01T00:00:00+05-00", "`:` in the timezone"),
        ("2024-01-01T00:00:00+5:00", "2 digits for the timezone hour"),
        ("2024-01-01T00:00:00z", "expected `Z`"),
        ("2024-01-01t00:00:00Z", "`T`"),
        ("2024-01-01T00:00:00ZZ", "unexpected `Z` at the end"),
        ("2024-01-01T00:00:00Z x", "unexpected"),
        ("2024-01-01 00:00:00Z", "`T`"),
        ("２024-01-01T00:00:00Z", "4 digits"),
        ("2024-01-01T00:00:0é", "2 digits for the second"),
    ];
    for (text, reason) in cases {
        let err = text.parse::<DateTime>().unwrap_err();
        assert_eq!(err.expected, BaseType::DateTime);
        assert!(err.reason.contains(reason), "{text:?}: {err}");
        assert!(Value::parse(BaseType::DateTime, text).is_err());
    }
}

#[test]
fn leap_years() {
    for (year, leap) in [
        (1600, true),
        (1700, false),
        (2000, true),
        (2023, false),
        (2024, true),
    ] {
        let text = format!("{year}-02-29T00:00:00Z");
        assert_eq!(text.parse::<DateTime>().is_ok(), leap, "{year}");
    }
}

#[test]
fn unknown_time() {
    assert!(DateTime::UNKNOWN.is_unknown());
    assert!(dt("0001-01-01T00:00:00Z").is_unknown());
    assert!(dt("0001-01-01T00:00:00+00:00").is_unknown());
    // Without a timezone it is a time since boot, not the unknown time.
    assert!(!dt("0001-01-01T00:00:00").is_unknown());
    assert!(!dt("0001-01-01T00:00:01Z").is_unknown());
    assert_eq!(DateTime::default(), DateTime::UNKNOWN);
    assert_eq!(DateTime::UNKNOWN.to_unix(), Some(-62_135_596_800));
}

#[test]
fn unix_time() {
    let cases = [
        (0, "1970-01-01T00:00:00Z"),
        (951_782_400, "2000-02-29T00:00:00Z"),
        (1_709_210_096, "2024-02-29T12:34:56Z"),
        (-1, "1969-12-31T23:59:59Z"),
        (-62_135_596_800, "0001-01-01T00:00:00Z"),
        (253_402_300_799, "9999-12-31T23:59:59Z"),
    ];
    for (secs, text) in cases {
        assert_eq!(DateTime::from_unix(secs).to_string(), text);
        assert_eq!(dt(text).to_unix(), Some(secs), "{text}");
    }
    assert_eq!(DateTime::from_unix(i64::MIN), DateTime::UNKNOWN);
    assert_eq!(
        DateTime::from_unix(i64::MAX).to_string(),
        "9999-12-31T23:59:59Z"
    );
    assert_eq!(dt("1970-01-01T01:00:00+01:00").to_unix(), Some(0));
    assert_eq!(dt("1969-12-31T14:00:00-10:00").to_unix(), Some(0));
    // A leap second is the second before it, as in POSIX time.
    assert_eq!(dt("2016-12-31T23:59:60Z").to_unix(), Some(1_483_228_799));
    // No timezone, no instant, unless the caller decides it is UTC.
    let local = dt("1970-01-01T00:00:10");
    assert_eq!(local.to_unix(), None);
    assert_eq!(local.offset_minutes(), None);
    assert_eq!(local.assume_utc().to_unix(), Some(10));
    assert_eq!(
        dt("1970-01-01T00:00:10+01:00").assume_utc().to_unix(),
        Some(-3590)
    );
    // Every day of four centuries survives the calendar arithmetic.
    let mut secs = -12_219_292_800; // 1582-10-15
    while secs < 4_102_444_800 {
        let d = DateTime::from_unix(secs);
        assert_eq!(d.to_unix(), Some(secs));
        assert_eq!(dt(&d.to_string()), d);
        secs += 86_400 + 3_661;
    }
}

#[test]
fn now_is_plausible() {
    let now = DateTime::now_utc();
    assert_eq!(now.offset_minutes(), Some(0));
    assert_eq!(now.nanosecond(), 0);
    assert!(now.year() >= 2024, "{now}");
}

#[test]
fn accessors() {
    let d = dt("2024-03-05T06:07:08.25-02:30");
    assert_eq!(
        (
            d.year(),
            d.month(),
            d.day(),
            d.hour(),
            d.minute(),
            d.second()
        ),
        (2024, 3, 5, 6, 7, 8)
    );
    assert_eq!(d.nanosecond(), 250_000_000);
    assert_eq!(d.offset_minutes(), Some(-150));
}

#[test]
fn ordering_is_by_instant_and_agrees_with_equality() {
    let ascending = [
        "0001-01-01T00:00:00Z",
        "2024-01-01T10:00:00+02:00",
        "2024-01-01T08:30:00Z",
        "2024-01-01T08:30:00.5Z",
        "2016-12-31T23:59:59Z",
        "2016-12-31T23:59:59.5Z",
        "2016-12-31T23:59:60Z",
        "2016-12-31T23:59:60.5Z",
        "2017-01-01T00:00:00Z",
    ];
    let values: Vec<DateTime> = ascending.iter().map(|t| dt(t)).collect();
    let mut sorted = values.clone();
    sorted.sort();
    let by_instant = |d: &DateTime| (d.to_unix(), d.second() == 60, d.nanosecond());
    assert!(sorted
        .windows(2)
        .all(|w| by_instant(&w[0]) <= by_instant(&w[1])));
    assert!(values[4..].windows(2).all(|w| w[0] < w[1]));

    // Same instant, different offsets: ordered, but not equal.
    let a = dt("2024-01-01T10:00:00+01:00");
    let b = dt("2024-01-01T09:00:00Z");
    assert_eq!(a.to_unix(), b.to_unix());
    assert_ne!(a, b);
    assert_ne!(a.cmp(&b), Ordering::Equal);
    // A zoneless value sorts as if it were UTC, but is not equal to it.
    let local = dt("2024-01-01T09:00:00");
    assert_ne!(local, b);
    assert_ne!(local.cmp(&b), Ordering::Equal);
    assert!(local < dt("2024-01-01T09:00:01Z"));
}

//! [`DateTime`]: `xsd:dateTime` as TR-069 uses it.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;
use std::time::{SystemTime, UNIX_EPOCH};

use super::{excerpt, trim_xsd, BaseType, TypeError};

/// An `xsd:dateTime`: `YYYY-MM-DDThh:mm:ss[.fraction][Z|±hh:mm]`.
///
/// Years run from 0001 to 9999 and are always written with four digits
/// (XML Schema's years before 1 and after 9999 do not occur in CWMP). The
/// fraction is kept to nanoseconds; further digits are dropped. Second 60
/// (a leap second) is accepted; hour 24 is not, although XML Schema 1.0
/// allows `24:00:00`, because TR-106 devices write midnight as `00:00:00`.
///
/// A value written without a timezone is local time of an unknown zone;
/// that fact is kept ([`DateTime::offset_minutes`] is `None`) because
/// TR-069 says such values must not be taken for UTC.
///
/// TR-106 gives two early dates special meanings: [`DateTime::UNKNOWN`]
/// (`0001-01-01T00:00:00Z`) for "no time known", and times in the first
/// years of the calendar for "time since boot" from a device without a
/// clock. This type checks for the first ([`DateTime::is_unknown`]) and
/// leaves the second to the parameter's own semantics.
///
/// Equality is on the written fields: `10:00:00+01:00` and `09:00:00Z` are
/// the same instant but different values. Ordering sorts by instant first,
/// taking a value without timezone as UTC, and then by the fields, so that
/// it agrees with equality.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(into = "String", try_from = "String")
)]
pub struct DateTime {
    year: u16,
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    second: u8,
    nanosecond: u32,
    /// Minutes east of UTC; `None` when no timezone was written.
    offset: Option<i16>,
}

/// Unix time of 0001-01-01T00:00:00Z, the earliest representable instant.
const MIN_UNIX: i64 = -62_135_596_800;
/// Unix time of 9999-12-31T23:59:59Z, the latest representable second.
const MAX_UNIX: i64 = 253_402_300_799;
/// The largest timezone offset XML Schema allows, in minutes.
const MAX_OFFSET_MINUTES: i16 = 14 * 60;

impl DateTime {
    /// TR-106's "Unknown Time", `0001-01-01T00:00:00Z`.
    pub const UNKNOWN: DateTime = DateTime {
        year: 1,
        month: 1,
        day: 1,
        hour: 0,
        minute: 0,
        second: 0,
        nanosecond: 0,
        offset: Some(0),
    };

    /// Whether this is [`DateTime::UNKNOWN`].
    pub fn is_unknown(&self) -> bool {
        *self == DateTime::UNKNOWN
    }

    /// The UTC time `secs` seconds after 1970-01-01T00:00:00Z.
    ///
    /// Saturates at 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z, the
    /// limits of the four-digit years this type writes.
    pub fn from_unix(secs: i64) -> DateTime {
        let secs = secs.clamp(MIN_UNIX, MAX_UNIX);
        let days = secs.div_euclid(86_400);
        let of_day = secs.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        DateTime {
            // The clamp above keeps every field within its type.
            year: u16::try_from(year).unwrap_or(1),
            month,
            day,
            hour: small(of_day / 3600),
            minute: small(of_day % 3600 / 60),
            second: small(of_day % 60),
            nanosecond: 0,
            offset: Some(0),
        }
    }

    /// Seconds since 1970-01-01T00:00:00Z, or `None` when the value has no
    /// timezone and so does not name an instant.
    ///
    /// A leap second counts as the second before it, as in POSIX time. Use
    /// [`DateTime::assume_utc`] first to read a zoneless value as UTC.
    pub fn to_unix(&self) -> Option<i64> {
        let offset = self.offset?;
        Some(self.local_unix_seconds() - i64::from(offset) * 60)
    }

    /// The current time in UTC, truncated to whole seconds.
    ///
    /// Whole seconds because that is what ACSes expect in `CurrentTime`-like
    /// parameters, and a fraction would make every reading differ.
    pub fn now_utc() -> DateTime {
        let secs = match SystemTime::now().duration_since(UNIX_EPOCH) {
            Ok(after) => i64::try_from(after.as_secs()).unwrap_or(MAX_UNIX),
            Err(before) => i64::try_from(before.duration().as_secs())
                .map(|s| -s)
                .unwrap_or(MIN_UNIX),
        };
        DateTime::from_unix(secs)
    }

    /// This value with a missing timezone taken to be UTC; values that have
    /// one are returned unchanged.
    pub fn assume_utc(self) -> DateTime {
        DateTime {
            offset: Some(self.offset.unwrap_or(0)),
            ..self
        }
    }

    /// The year, 1 to 9999.
    pub const fn year(&self) -> u16 {
        self.year
    }

    /// The month, 1 to 12.
    pub const fn month(&self) -> u8 {
        self.month
    }

    /// The day of the month, 1 to 31.
    pub const fn day(&self) -> u8 {
        self.day
    }

    /// The hour, 0 to 23.
    pub const fn hour(&self) -> u8 {
        self.hour
    }

    /// The minute, 0 to 59.
    pub const fn minute(&self) -> u8 {
        self.minute
    }

    /// The second, 0 to 60 (60 being a leap second).
    pub const fn second(&self) -> u8 {
        self.second
    }

    /// The fraction of the second, in nanoseconds.
    pub const fn nanosecond(&self) -> u32 {
        self.nanosecond
    }

    /// The timezone as minutes east of UTC (`Some(0)` for `Z`), or `None`
    /// when none was written.
    pub const fn offset_minutes(&self) -> Option<i16> {
        self.offset
    }

    /// Seconds since the epoch of the written fields, ignoring the timezone.
    fn local_unix_seconds(&self) -> i64 {
        let days = days_from_civil(i64::from(self.year), self.month, self.day);
        days * 86_400
            + i64::from(self.hour) * 3600
            + i64::from(self.minute) * 60
            + i64::from(self.second.min(59))
    }

    /// The key [`Ord`] sorts by: instant first, then whatever else
    /// distinguishes two values, so that only equal values compare equal.
    fn sort_key(&self) -> (i64, bool, u32, Option<i16>) {
        let instant = self.local_unix_seconds() - i64::from(self.offset.unwrap_or(0)) * 60;
        (instant, self.second == 60, self.nanosecond, self.offset)
    }
}

impl Default for DateTime {
    /// [`DateTime::UNKNOWN`], the data models' usual default.
    fn default() -> DateTime {
        DateTime::UNKNOWN
    }
}

impl Ord for DateTime {
    fn cmp(&self, other: &DateTime) -> Ordering {
        self.sort_key().cmp(&other.sort_key())
    }
}

impl PartialOrd for DateTime {
    fn partial_cmp(&self, other: &DateTime) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )?;
        if self.nanosecond != 0 {
            let digits = format!("{:09}", self.nanosecond);
            write!(f, ".{}", digits.trim_end_matches('0'))?;
        }
        match self.offset {
            None => Ok(()),
            Some(0) => f.write_str("Z"),
            Some(minutes) => {
                let sign = if minutes < 0 { '-' } else { '+' };
                let minutes = minutes.unsigned_abs();
                write!(f, "{sign}{:02}:{:02}", minutes / 60, minutes % 60)
            }
        }
    }
}

impl FromStr for DateTime {
    type Err = TypeError;

    /// Parses `YYYY-MM-DDThh:mm:ss[.fraction][Z|±hh:mm]`, ignoring leading
    /// and trailing white space.
    fn from_str(text: &str) -> Result<DateTime, TypeError> {
        let fail = |reason: String| TypeError::new(BaseType::DateTime, text, reason);
        let mut cursor = Cursor {
            text,
            rest: trim_xsd(text),
        };

        let year = cursor.number(4, "year")?;
        cursor.expect('-', "after the year")?;
        let month = cursor.number(2, "month")?;
        cursor.expect('-', "after the month")?;
        let day = cursor.number(2, "day")?;
        cursor.expect('T', "between date and time")?;
        let hour = cursor.number(2, "hour")?;
        cursor.expect(':', "after the hour")?;
        let minute = cursor.number(2, "minute")?;
        cursor.expect(':', "after the minute")?;
        let second = cursor.number(2, "second")?;
        let nanosecond = cursor.fraction()?;
        let offset = cursor.timezone()?;
        if !cursor.rest.is_empty() {
            return Err(fail(format!(
                "unexpected `{}` at the end",
                excerpt(cursor.rest)
            )));
        }

        if year == 0 {
            return Err(fail("year 0000 does not exist".into()));
        }
        if !(1..=12).contains(&month) {
            return Err(fail(format!("month {month} is not 1 to 12")));
        }
        let last_day = days_in_month(year, month);
        if day == 0 || day > last_day {
            return Err(fail(format!(
                "day {day} is not 1 to {last_day} for {year:04}-{month:02}"
            )));
        }
        if hour > 23 {
            return Err(fail(format!("hour {hour} is not 0 to 23")));
        }
        if minute > 59 {
            return Err(fail(format!("minute {minute} is not 0 to 59")));
        }
        if second > 60 {
            return Err(fail(format!("second {second} is not 0 to 60")));
        }
        Ok(DateTime {
            year: u16::try_from(year).unwrap_or(1),
            month: small(month),
            day: small(day),
            hour: small(hour),
            minute: small(minute),
            second: small(second),
            nanosecond,
            offset,
        })
    }
}

impl From<DateTime> for String {
    fn from(value: DateTime) -> String {
        value.to_string()
    }
}

impl TryFrom<String> for DateTime {
    type Error = TypeError;

    fn try_from(text: String) -> Result<DateTime, TypeError> {
        text.parse()
    }
}

/// Reads the fixed-width fields of a dateTime from left to right.
struct Cursor<'a> {
    /// The whole text, for error messages.
    text: &'a str,
    /// What is left to read.
    rest: &'a str,
}

impl Cursor<'_> {
    fn error(&self, reason: String) -> TypeError {
        TypeError::new(BaseType::DateTime, self.text, reason)
    }

    /// Exactly `width` ASCII digits.
    fn number(&mut self, width: usize, what: &str) -> Result<u32, TypeError> {
        let digits = self.rest.get(..width).filter(|d| is_digits(d));
        let Some(digits) = digits else {
            return Err(self.error(format!("expected {width} digits for the {what}")));
        };
        // A fifth year digit would otherwise be reported as a bad separator.
        if self
            .rest
            .as_bytes()
            .get(width)
            .is_some_and(u8::is_ascii_digit)
        {
            return Err(self.error(format!("the {what} must have exactly {width} digits")));
        }
        self.rest = self.rest.get(width..).unwrap_or_default();
        Ok(digits.bytes().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
    }

    fn expect(&mut self, separator: char, where_: &str) -> Result<(), TypeError> {
        match self.rest.strip_prefix(separator) {
            Some(rest) => {
                self.rest = rest;
                Ok(())
            }
            None => Err(self.error(format!("expected `{separator}` {where_}"))),
        }
    }

    /// An optional `.` and digits, as nanoseconds; digits past the ninth
    /// are dropped.
    fn fraction(&mut self) -> Result<u32, TypeError> {
        let Some(after_dot) = self.rest.strip_prefix('.') else {
            return Ok(0);
        };
        let len = after_dot.bytes().take_while(u8::is_ascii_digit).count();
        if len == 0 {
            return Err(self.error("expected digits after `.`".into()));
        }
        let digits = after_dot.get(..len).unwrap_or_default();
        self.rest = after_dot.get(len..).unwrap_or_default();
        let nanos = digits
            .bytes()
            .chain(std::iter::repeat(b'0'))
            .take(9)
            .fold(0, |n, d| n * 10 + u32::from(d - b'0'));
        Ok(nanos)
    }

    /// An optional `Z` or `±hh:mm`, as minutes east of UTC.
    fn timezone(&mut self) -> Result<Option<i16>, TypeError> {
        let sign = match self.rest.chars().next() {
            None => return Ok(None),
            Some('Z') => {
                self.rest = self.rest.get(1..).unwrap_or_default();
                return Ok(Some(0));
            }
            Some('+') => 1,
            Some('-') => -1,
            Some(_) => return Err(self.error("expected `Z`, `+hh:mm` or `-hh:mm`".into())),
        };
        self.rest = self.rest.get(1..).unwrap_or_default();
        let hours = self.number(2, "timezone hour")?;
        self.expect(':', "in the timezone")?;
        let minutes = self.number(2, "timezone minute")?;
        if minutes > 59 {
            return Err(self.error(format!("timezone minute {minutes} is not 0 to 59")));
        }
        let total = i16::try_from(hours * 60 + minutes).unwrap_or(i16::MAX);
        if total > MAX_OFFSET_MINUTES {
            return Err(self.error("timezone offset exceeds 14:00".into()));
        }
        Ok(Some(sign * total))
    }
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Narrows a number the caller has already range-checked.
fn small<T: TryInto<u8>>(n: T) -> u8 {
    n.try_into().unwrap_or(0)
}

fn is_leap_year(year: u32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`, which needs no tables and no loops).
fn days_from_civil(year: i64, month: u8, day: u8) -> i64 {
    let (month, day) = (i64::from(month), i64::from(day));
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let shifted_month = (month + 9) % 12;
    let day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The inverse of [`days_from_civil`].
fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, small(month), small(day))
}

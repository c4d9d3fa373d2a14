//! [`Decimal`]: an exact `xsd:decimal`.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use super::{excerpt, trim_xsd, BaseType, TypeError};

/// An exact decimal number: `mantissa × 10^-scale`.
///
/// Always kept normalized (no trailing zeros in the fraction, zero has
/// scale 0), so `1.50` and `1.5` are the same value in every respect:
/// equal, same hash, same canonical form. Up to 38 significant digits fit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(into = "String", try_from = "String")
)]
pub struct Decimal {
    mantissa: i128,
    scale: u32,
}

impl Decimal {
    /// Zero.
    pub const ZERO: Decimal = Decimal {
        mantissa: 0,
        scale: 0,
    };

    /// `mantissa × 10^-scale`, normalized; `Decimal::new(1500, 3)` is 1.5.
    ///
    /// `i128::MIN` is taken as `-i128::MAX` so that negation never
    /// overflows.
    pub const fn new(mantissa: i128, scale: u32) -> Decimal {
        let mut mantissa = if mantissa == i128::MIN {
            -i128::MAX
        } else {
            mantissa
        };
        let mut scale = scale;
        while scale > 0 && mantissa % 10 == 0 {
            mantissa /= 10;
            scale -= 1;
        }
        if mantissa == 0 {
            scale = 0;
        }
        Decimal { mantissa, scale }
    }

    /// The digits, with sign, of the normalized value.
    pub const fn mantissa(&self) -> i128 {
        self.mantissa
    }

    /// How many of the mantissa's digits are after the decimal point.
    pub const fn scale(&self) -> u32 {
        self.scale
    }

    /// Whether the value has no fractional part.
    pub const fn is_integer(&self) -> bool {
        self.scale == 0
    }

    /// Whether `self` is `base` plus a whole number (possibly negative) of
    /// `step`s; `None` when `step` is not positive or the arithmetic does
    /// not fit in 128 bits.
    pub(crate) fn is_on_step(self, base: Decimal, step: Decimal) -> Option<bool> {
        if step.mantissa <= 0 {
            return None;
        }
        let scale = self.scale.max(base.scale).max(step.scale);
        let value = rescale(self, scale)?;
        let base = rescale(base, scale)?;
        let step = rescale(step, scale)?;
        Some(value.checked_sub(base)?.checked_rem(step)? == 0)
    }
}

/// The mantissa of `d` written with `scale` fractional digits (`scale` not
/// below `d.scale`).
fn rescale(d: Decimal, scale: u32) -> Option<i128> {
    let factor = 10i128.checked_pow(scale.checked_sub(d.scale)?)?;
    d.mantissa.checked_mul(factor)
}

impl Ord for Decimal {
    fn cmp(&self, other: &Decimal) -> Ordering {
        let sign = self.mantissa.signum();
        match sign.cmp(&other.mantissa.signum()) {
            Ordering::Equal if sign == 0 => return Ordering::Equal,
            Ordering::Equal => {}
            different => return different,
        }
        // Same sign, both non-zero: bring the one with fewer fractional
        // digits to the other's scale. If that overflows, its magnitude is
        // beyond anything an i128 holds, so beyond the other's.
        let bigger_magnitude = if sign > 0 {
            Ordering::Greater
        } else {
            Ordering::Less
        };
        match self.scale.cmp(&other.scale) {
            Ordering::Equal => self.mantissa.cmp(&other.mantissa),
            Ordering::Less => match rescale(*self, other.scale) {
                Some(mine) => mine.cmp(&other.mantissa),
                None => bigger_magnitude,
            },
            Ordering::Greater => match rescale(*other, self.scale) {
                Some(theirs) => self.mantissa.cmp(&theirs),
                None => bigger_magnitude.reverse(),
            },
        }
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Decimal) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Decimal {
    /// The canonical form: no exponent, no `+`, no leading zeros beyond
    /// the one before the point, no trailing fractional zeros, no point at
    /// all for integers.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mantissa < 0 {
            f.write_str("-")?;
        }
        let digits = self.mantissa.unsigned_abs().to_string();
        let scale = usize::try_from(self.scale).unwrap_or(usize::MAX);
        match digits.len().checked_sub(scale) {
            Some(0) => write!(f, "0.{digits}"),
            Some(int_len) => match (digits.get(..int_len), digits.get(int_len..)) {
                (Some(int), Some(frac)) if !frac.is_empty() => write!(f, "{int}.{frac}"),
                _ => f.write_str(&digits),
            },
            None => {
                f.write_str("0.")?;
                for _ in digits.len()..scale {
                    f.write_str("0")?;
                }
                f.write_str(&digits)
            }
        }
    }
}

impl FromStr for Decimal {
    type Err = TypeError;

    /// Parses `[+|-]digits[.digits]` (either side of the point may be
    /// empty, not both), ignoring leading and trailing white space.
    /// Exponents are refused: `xsd:decimal` has none.
    fn from_str(text: &str) -> Result<Decimal, TypeError> {
        let fail = |reason: String| TypeError::new(BaseType::Decimal, text, reason);
        let number = trim_xsd(text);
        let (negative, unsigned) = match number.as_bytes().first() {
            Some(b'-') => (true, number.get(1..).unwrap_or_default()),
            Some(b'+') => (false, number.get(1..).unwrap_or_default()),
            _ => (false, number),
        };
        let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
        if let Some(bad) = int
            .chars()
            .chain(frac.chars())
            .find(|c| !c.is_ascii_digit())
        {
            return Err(fail(if bad == 'e' || bad == 'E' {
                "exponent notation is not allowed in a decimal".to_owned()
            } else {
                format!(
                    "`{}` is not a decimal digit",
                    excerpt(bad.encode_utf8(&mut [0; 4]))
                )
            }));
        }
        if int.is_empty() && frac.is_empty() {
            return Err(fail("no digits".to_owned()));
        }
        // Trailing fractional zeros carry no value; dropping them first
        // keeps `1.000…000` with any number of zeros within range.
        let frac = frac.trim_end_matches('0');
        let Ok(scale) = u32::try_from(frac.len()) else {
            return Err(fail("too many fractional digits".to_owned()));
        };
        let mut magnitude: i128 = 0;
        for digit in int.bytes().chain(frac.bytes()) {
            magnitude = magnitude
                .checked_mul(10)
                .and_then(|m| m.checked_add(i128::from(digit - b'0')))
                .ok_or_else(|| fail("more than 38 significant digits".to_owned()))?;
        }
        let mantissa = if negative { -magnitude } else { magnitude };
        Ok(Decimal::new(mantissa, scale))
    }
}

impl From<Decimal> for String {
    fn from(value: Decimal) -> String {
        value.to_string()
    }
}

impl TryFrom<String> for Decimal {
    type Error = TypeError;

    fn try_from(text: String) -> Result<Decimal, TypeError> {
        text.parse()
    }
}

macro_rules! decimal_from_integer {
    ($($t:ty),*) => {$(
        impl From<$t> for Decimal {
            fn from(n: $t) -> Decimal {
                Decimal::new(i128::from(n), 0)
            }
        }
    )*};
}

decimal_from_integer!(u8, i8, u16, i16, u32, i32, u64, i64);

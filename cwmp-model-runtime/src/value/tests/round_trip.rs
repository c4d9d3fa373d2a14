//! Display then parse gives back the same value, for generated values of
//! every type (a small deterministic generator instead of a proptest
//! dependency).

use crate::value::*;

/// xorshift64*: deterministic, so a failure reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn bytes(&mut self) -> Vec<u8> {
        let len = self.below(40);
        (0..len).map(|_| self.next() as u8).collect()
    }

    /// Integers biased towards the edges, where bugs live.
    fn edgy(&mut self) -> u64 {
        match self.below(4) {
            0 => self.below(3),
            1 => u64::MAX - self.below(3),
            2 => 1u64 << self.below(64),
            _ => self.next(),
        }
    }
}

fn assert_round_trip(value: Value) {
    let wire = value.to_string();
    assert_eq!(
        Value::parse(value.base_type(), &wire),
        Ok(value.clone()),
        "{wire:?}"
    );
    if let Value::Boolean(b) = value {
        let one_zero = value.to_wire(BoolStyle::OneZero);
        assert_eq!(
            Value::parse(BaseType::Boolean, &one_zero),
            Ok(Value::Boolean(b))
        );
    }
}

#[test]
fn every_type_round_trips() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..5_000 {
        let n = rng.edgy();
        assert_round_trip(Value::UnsignedInt(n as u32));
        assert_round_trip(Value::Int(n as i32));
        assert_round_trip(Value::UnsignedLong(n));
        assert_round_trip(Value::Long(n as i64));
        assert_round_trip(Value::Boolean(n % 2 == 0));
        assert_round_trip(Value::Base64(Base64(rng.bytes())));
        assert_round_trip(Value::HexBinary(HexBinary(rng.bytes())));
        let mantissa = (i128::from(rng.next() as i64) << rng.below(64)) / 3;
        let scale = rng.below(50) as u32;
        assert_round_trip(Value::Decimal(Decimal::new(mantissa, scale)));
        let text: String = (0..rng.below(20))
            .filter_map(|_| char::from_u32(rng.below(0x11_0000) as u32))
            .collect();
        assert_round_trip(Value::String(text));
        assert_round_trip(Value::DateTime(random_datetime(&mut rng)));
    }
}

fn random_datetime(rng: &mut Rng) -> DateTime {
    let secs = -62_135_596_800 + rng.below(253_402_300_800 + 62_135_596_800) as i64;
    let base = DateTime::from_unix(secs).to_string();
    let fraction = match rng.below(3) {
        0 => String::new(),
        _ => format!(".{}", rng.below(1_000_000_000)),
    };
    let zone = match rng.below(3) {
        0 => String::new(),
        1 => "Z".to_owned(),
        _ => {
            let minutes = rng.below(14 * 60 + 1);
            let sign = if rng.below(2) == 0 { '+' } else { '-' };
            format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60)
        }
    };
    let text = format!("{}{fraction}{zone}", base.trim_end_matches('Z'));
    text.parse().unwrap_or_else(|e| panic!("{text}: {e}"))
}

/// Arbitrary text never panics a parser or the checker, whatever it is.
#[test]
fn arbitrary_text_never_panics() {
    static PATTERNS: [Pattern; 2] = [Pattern::new(r"\d+"), Pattern::new("[a-f]{2,}")];
    let mut rng = Rng(42);
    let alphabet: Vec<char> = "0123456789+-.:TZ=/eE, \t\n[]aAfF_é\u{0}\u{a0}"
        .chars()
        .collect();
    for _ in 0..20_000 {
        let len = rng.below(30) as usize;
        let text: String = (0..len)
            .map(|_| alphabet[rng.below(alphabet.len() as u64) as usize])
            .collect();
        for base in BaseType::ALL {
            if let Ok(value) = Value::parse(base, &text) {
                assert_round_trip(value);
            }
            let syntax = Syntax {
                list: (len % 2 == 0).then(|| ListFacet {
                    nested_brackets: true,
                    ..ListFacet::new()
                }),
                sizes: &[Size {
                    min: Some(1),
                    max: Some(8),
                }],
                ranges: &[Range {
                    min: Some("-5.5"),
                    max: Some("1e"),
                    step: Some("0.5"),
                }],
                patterns: &PATTERNS,
                ..Syntax::new(base)
            };
            let _ = syntax.check(&text, Writer::Acs);
        }
    }
}

/// With the `serde` feature, the value types travel as their wire text.
#[cfg(feature = "serde")]
#[test]
fn serde_uses_wire_text() {
    use serde::de::value::{Error, StringDeserializer};
    use serde::Deserialize;

    fn from_text<'de, T: Deserialize<'de>>(text: &str) -> Result<T, Error> {
        T::deserialize(StringDeserializer::<Error>::new(text.to_owned()))
    }
    assert_eq!(from_text::<Decimal>("1.50"), Ok(Decimal::new(15, 1)));
    assert_eq!(from_text::<HexBinary>("ab"), Ok(HexBinary(vec![0xab])));
    assert_eq!(from_text::<Base64>("Zg=="), Ok(Base64(b"f".to_vec())));
    assert_eq!(
        from_text::<DateTime>("0001-01-01T00:00:00Z"),
        Ok(DateTime::UNKNOWN)
    );
    assert!(from_text::<DateTime>("yesterday").is_err());
    assert_eq!(from_text::<BaseType>("DateTime"), Ok(BaseType::DateTime));
}

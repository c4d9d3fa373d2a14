//! Property-style tests with a seeded generator: refused batches change
//! nothing, and no input panics.

use super::*;
use crate::engine::AttrChange;
use crate::value::Writer;

/// xorshift64*: deterministic, good enough to pick test cases.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Entries that are valid on their own (given instances 1 and 2 exist).
const GOOD: &[(&str, &[&str])] = &[
    (
        "Device.ManagementServer.URL",
        &["http://a/", "", "https://b:7547/x"],
    ),
    (
        "Device.ManagementServer.PeriodicInformInterval",
        &["1", "60", "86400"],
    ),
    (
        "Device.ManagementServer.PeriodicInformEnable",
        &["true", "0", "FALSE"],
    ),
    ("Device.ManagementServer.Username", &["u", "admin"]),
    ("Device.DeviceInfo.Temperature", &["-40", "0", "125", "+7"]),
    ("Device.ProvisioningCode", &["", "P1"]),
    ("Device.Host.1.Port", &["1", "65535", "8080"]),
    ("Device.Host.1.Mode", &["Auto", "Manual"]),
    ("Device.Host.1.Tags", &["", "a", "a,b,c"]),
    ("Device.Host.2.Ratio", &["0", "1", "0.125"]),
    ("Device.Host.2.Mac", &["000000000000", "FFFFFFFFFFFF"]),
    ("Device.Host.2.Offset", &["-1", "9223372036854775807"]),
    ("Device.Host.1.Stats.LastSeen", &["2020-01-01T00:00:00Z"]),
    ("Device.Fixed.1.Label", &["a", "b"]),
];

/// Entries that are always refused, whatever else the batch holds, from the
/// ACS; the first few are refused for access only, so the device may write
/// them.
const ACCESS_ONLY: usize = 2;
const BAD: &[(&str, &str)] = &[
    ("Device.DeviceInfo.SerialNumber", "X"),
    ("Device.Host.1.Mode", "Fixed"),
    ("Device.Nope", "1"),
    ("Device.Host.9.Port", "1"),
    ("Device.Host.1.Port", "0"),
    ("Device.Host.1.Port", "x"),
    ("Device.Host.1.Tags", "a,b,c,d"),
    ("Device.Host.2.Mac", "00"),
    ("Device.DeviceInfo.Temperature", "126"),
    ("Device.HostNumberOfEntries", "2"),
    ("Device.Host.", "1"),
    ("Device.Host.[a].Port", "1"),
    ("Device.ManagementServer.PeriodicInformInterval", "0"),
    ("Device.ManagementServer.PeriodicInformEnable", "yes"),
    ("", ""),
];

fn random_batch(rng: &mut Rng, bad: bool, writer: Writer) -> Vec<(String, String)> {
    let len = 1 + rng.below(8);
    let must_fail = rng.below(len);
    let always_bad = match writer {
        Writer::Acs => BAD,
        Writer::Device => &BAD[ACCESS_ONLY..],
    };
    (0..len)
        .map(|i| {
            if bad && (i == must_fail || rng.below(4) == 0) {
                let (n, v) = rng.pick(always_bad);
                (n.to_string(), v.to_string())
            } else {
                let (n, values) = rng.pick(GOOD);
                (n.to_string(), rng.pick(values).to_string())
            }
        })
        .collect()
}

#[test]
fn refused_batches_change_nothing() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut t = tree();
    t.add_object("Device.Host.", Writer::Acs, None).unwrap();
    t.add_object("Device.Host.", Writer::Acs, None).unwrap();
    let mut refused = 0;
    for round in 0..2_000 {
        // Move the tree along with good batches and attribute changes.
        if round % 5 == 0 {
            let good = random_batch(&mut rng, false, Writer::Acs);
            let key = format!("good-{round}");
            // Good entries may still collide as duplicates in one batch.
            let _ = t.set_values(&good, Writer::Acs, Some(&key));
            let change = AttrChange {
                name: rng.pick(GOOD).0.to_string(),
                notification: Some(rng.below(3) as u8),
                access_list: Some(vec!["Subscriber".into(); rng.below(2)]),
            };
            t.set_attributes(&[change]).unwrap();
        }
        let before = t.save();
        let writer = if rng.below(3) == 0 {
            Writer::Device
        } else {
            Writer::Acs
        };
        let b = random_batch(&mut rng, true, writer);
        let fault = t.set_values(&b, writer, Some("never")).unwrap_err();
        assert!(!fault.faults.is_empty());
        assert!(fault.faults.len() <= b.len());
        assert_eq!(t.save(), before, "batch {b:?} changed the tree");
        refused += 1;
    }
    assert_ne!(text(&t, "Device.ManagementServer.ParameterKey"), "never");
    assert_eq!(refused, 2_000);
}

#[test]
fn no_input_panics() {
    const PIECES: &[&str] = &[
        "Device",
        "Host",
        "1",
        "2",
        "0",
        "01",
        "4294967295",
        "4294967296",
        "[a]",
        "[]",
        "",
        ".",
        "Name",
        "Stats",
        "ParameterKey",
        "ManagementServer",
        "Fixed",
        "Optional",
        "{i}",
        "é",
        "Device.",
        " ",
        "Alias",
    ];
    let mut rng = Rng(42);
    let mut t = tree();
    for _ in 0..20_000 {
        let mut path = String::new();
        for _ in 0..rng.below(7) {
            let piece: &&str = rng.pick(PIECES);
            path.push_str(piece);
            if rng.below(3) > 0 {
                path.push('.');
            }
        }
        let value = rng.pick(PIECES).to_string();
        let next = rng.below(2) == 0;
        let writer = if next { Writer::Acs } else { Writer::Device };
        match rng.below(10) {
            0 => drop(t.get(&path)),
            1 => drop(t.walk(&path, next)),
            2 => drop(t.values(&path)),
            3 => drop(t.attributes(&path)),
            4 => drop(t.set_values(&[(path, value)], writer, Some("k"))),
            5 => drop(t.add_object(&path, writer, None)),
            6 => drop(t.delete_object(&path, writer, None)),
            7 => drop(t.add_single_object(&path)),
            8 => drop(t.set_attributes(&[AttrChange {
                name: path,
                notification: Some(rng.below(9) as u8),
                access_list: None,
            }])),
            _ => drop(t.set_value_as_device(&path, Value::from(value))),
        }
    }
    let loaded = Tree::load(&MODEL, &t.save()).unwrap();
    assert_eq!(loaded.save(), t.save());
}

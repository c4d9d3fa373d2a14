//! ACS settings from DHCP: the vendor-specific information of DHCPv4
//! option 43 (RFC 2132 8.4), a sequence of encapsulated sub-options, each
//! a code byte, a length byte and that many bytes of value (code 0 is a
//! one-byte pad, code 255 ends the list).
//!
//! [`parse_suboptions`] reads any such list and reports truncated or
//! malformed input with the byte offset; [`AcsSettings`] maps the
//! sub-options that carry ACS settings onto the root's ManagementServer
//! and DeviceInfo, with a [`SubOptionMap`] saying which code means what
//! (the sub-option numbers differ between vendors; [`SubOptionMap::VEGA`]
//! is Sangoma Vega's), and [`AcsSettings::apply`] writes them to the tree
//! as the device, all or none.
//!
//! ```
//! use cwmp_model_runtime::dhcp::{AcsSettings, SubOptionMap};
//!
//! // 01 URL, 03 PeriodicInformEnable, 04 PeriodicInformInterval
//! let option43 = b"\x01\x17http://acs.example:7547\x03\x011\x04\x03600";
//! let settings = AcsSettings::parse(option43, &SubOptionMap::VEGA).unwrap();
//! assert_eq!(settings.url.as_deref(), Some("http://acs.example:7547"));
//! assert_eq!(settings.periodic_inform_enable, Some(true));
//! assert_eq!(settings.periodic_inform_interval, Some(600));
//!
//! let err = AcsSettings::parse(b"\x01\x20http://short", &SubOptionMap::VEGA).unwrap_err();
//! assert_eq!(
//!     err.to_string(),
//!     "option 43 byte 0: sub-option 1 declares 32 bytes but only 12 follow"
//! );
//! ```

use crate::engine::{SetFault, SetOutcome, Tree};
use crate::rpc::{CpeState, EventCode};
use crate::value::Writer;

/// One encapsulated sub-option.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SubOption {
    /// Its code (1..=254).
    pub code: u8,
    /// Its value bytes.
    pub value: Vec<u8>,
    /// Byte offset of its code in the option.
    pub offset: usize,
}

/// Why option 43 could not be read; `offset` is the byte where the problem
/// starts.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Option43Error {
    /// A sub-option code with no length byte after it.
    #[error("option 43 byte {offset}: sub-option {code} has no length byte")]
    MissingLength {
        /// Where the sub-option starts.
        offset: usize,
        /// Its code.
        code: u8,
    },
    /// A length that runs past the end of the option.
    #[error(
        "option 43 byte {offset}: sub-option {code} declares {declared} bytes but only {available} follow"
    )]
    Truncated {
        /// Where the sub-option starts.
        offset: usize,
        /// Its code.
        code: u8,
        /// Its length byte.
        declared: usize,
        /// The bytes left after the length byte.
        available: usize,
    },
    /// The same settings sub-option twice: which one counts is anyone's
    /// guess, so neither does.
    #[error("option 43 byte {offset}: sub-option {code} appears twice")]
    Duplicate {
        /// Where the second one starts.
        offset: usize,
        /// Its code.
        code: u8,
    },
    /// A settings sub-option whose value is not what its setting takes.
    #[error("option 43 byte {offset}: sub-option {code} ({setting}): {reason}")]
    BadValue {
        /// Where the sub-option starts.
        offset: usize,
        /// Its code.
        code: u8,
        /// The setting it carries.
        setting: Setting,
        /// What is wrong with it.
        reason: String,
    },
}

/// Reads the sub-options of an option 43 value, skipping pads (code 0) and
/// stopping at the end marker (code 255).
pub fn parse_suboptions(bytes: &[u8]) -> Result<Vec<SubOption>, Option43Error> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(&code) = bytes.get(at) {
        match code {
            0 => at += 1,
            255 => break,
            _ => {
                let Some(&len) = bytes.get(at + 1) else {
                    return Err(Option43Error::MissingLength { offset: at, code });
                };
                let len = usize::from(len);
                let start = at + 2;
                let Some(value) = bytes.get(start..start + len) else {
                    return Err(Option43Error::Truncated {
                        offset: at,
                        code,
                        declared: len,
                        available: bytes.len() - start,
                    });
                };
                out.push(SubOption {
                    code,
                    value: value.to_vec(),
                    offset: at,
                });
                at = start + len;
            }
        }
    }
    Ok(out)
}

/// An ACS setting a sub-option can carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Setting {
    /// `ManagementServer.URL`.
    Url,
    /// `DeviceInfo.ProvisioningCode`.
    ProvisioningCode,
    /// `ManagementServer.PeriodicInformEnable`.
    PeriodicInformEnable,
    /// `ManagementServer.PeriodicInformInterval`.
    PeriodicInformInterval,
}

impl std::fmt::Display for Setting {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.parameter())
    }
}

impl Setting {
    /// The parameter it sets, below the root object.
    pub fn parameter(self) -> &'static str {
        match self {
            Setting::Url => "ManagementServer.URL",
            Setting::ProvisioningCode => "DeviceInfo.ProvisioningCode",
            Setting::PeriodicInformEnable => "ManagementServer.PeriodicInformEnable",
            Setting::PeriodicInformInterval => "ManagementServer.PeriodicInformInterval",
        }
    }
}

/// Which sub-option code carries which setting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SubOptionMap(pub &'static [(u8, Setting)]);

impl SubOptionMap {
    /// Sangoma Vega: 01 URL, 02 ProvisioningCode, 03 PeriodicInformEnable,
    /// 04 PeriodicInformInterval.
    pub const VEGA: SubOptionMap = SubOptionMap(&[
        (1, Setting::Url),
        (2, Setting::ProvisioningCode),
        (3, Setting::PeriodicInformEnable),
        (4, Setting::PeriodicInformInterval),
    ]);

    fn setting(&self, code: u8) -> Option<Setting> {
        self.0.iter().find(|(c, _)| *c == code).map(|(_, s)| *s)
    }
}

/// The ACS settings option 43 carried; a sub-option absent is `None`, and
/// sub-options the map does not know are kept in `other`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AcsSettings {
    /// The ACS URL (`http://` or `https://`).
    pub url: Option<String>,
    /// The provisioning code.
    pub provisioning_code: Option<String>,
    /// Whether periodic Informs are on.
    pub periodic_inform_enable: Option<bool>,
    /// The periodic Inform interval, seconds (at least 1).
    pub periodic_inform_interval: Option<u32>,
    /// Sub-options with codes the map does not name.
    pub other: Vec<SubOption>,
}

impl AcsSettings {
    /// Reads option 43 with `map`. The first problem found is the error,
    /// and nothing is taken from an option that has one.
    pub fn parse(bytes: &[u8], map: &SubOptionMap) -> Result<AcsSettings, Option43Error> {
        let mut out = AcsSettings::default();
        let mut seen: Vec<u8> = Vec::new();
        for sub in parse_suboptions(bytes)? {
            let Some(setting) = map.setting(sub.code) else {
                out.other.push(sub);
                continue;
            };
            if seen.contains(&sub.code) {
                return Err(Option43Error::Duplicate {
                    offset: sub.offset,
                    code: sub.code,
                });
            }
            seen.push(sub.code);
            let bad = |reason: String| Option43Error::BadValue {
                offset: sub.offset,
                code: sub.code,
                setting,
                reason,
            };
            let text = std::str::from_utf8(&sub.value)
                .map_err(|_| bad("not text".into()))?
                // Some servers count a terminating NUL in the length.
                .trim_end_matches('\0');
            match setting {
                Setting::Url => out.url = Some(url(text).map_err(bad)?),
                Setting::ProvisioningCode => {
                    if text.len() > 64 {
                        return Err(bad(format!("{} characters, at most 64", text.len())));
                    }
                    out.provisioning_code = Some(text.to_owned());
                }
                Setting::PeriodicInformEnable => {
                    out.periodic_inform_enable = Some(match text {
                        "1" | "true" => true,
                        "0" | "false" => false,
                        other => {
                            return Err(bad(format!(
                                "`{}` is not 0, 1, true or false",
                                other.escape_debug()
                            )))
                        }
                    });
                }
                Setting::PeriodicInformInterval => {
                    let n: u32 = text.parse().map_err(|_| {
                        bad(format!(
                            "`{}` is not a number of seconds",
                            text.escape_debug()
                        ))
                    })?;
                    if n == 0 {
                        return Err(bad("the interval must be at least 1 second".into()));
                    }
                    out.periodic_inform_interval = Some(n);
                }
            }
        }
        Ok(out)
    }

    /// Writes the settings into the root object of `tree` as the device,
    /// all or none (the tree's checks apply: a URL longer than the model
    /// allows is refused with the others). A new ACS URL queues `0
    /// BOOTSTRAP`, as TR-069 asks for a first contact with an ACS. Returns
    /// the parameters whose value changed.
    pub fn apply(&self, tree: &mut Tree, state: &mut CpeState) -> Result<SetOutcome, SetFault> {
        let root = tree.model().objects.first().map_or("", |o| o.path);
        let mut batch = Vec::new();
        let mut put = |setting: Setting, value: Option<String>| {
            if let Some(v) = value {
                batch.push((format!("{root}{}", setting.parameter()), v));
            }
        };
        put(Setting::Url, self.url.clone());
        put(Setting::ProvisioningCode, self.provisioning_code.clone());
        put(
            Setting::PeriodicInformEnable,
            self.periodic_inform_enable.map(|b| b.to_string()),
        );
        put(
            Setting::PeriodicInformInterval,
            self.periodic_inform_interval.map(|n| n.to_string()),
        );
        let url = format!("{root}{}", Setting::Url.parameter());
        let outcome = tree.set_values(&batch, Writer::Device, None)?;
        if outcome.changed.contains(&url) {
            state.add_event(EventCode::Bootstrap, "");
        }
        Ok(outcome)
    }
}

/// An ACS URL: `http` or `https` with a host.
fn url(text: &str) -> Result<String, String> {
    let (scheme, rest) = text
        .split_once("://")
        .ok_or_else(|| format!("`{}` is not a URL", text.escape_debug()))?;
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return Err(format!(
            "`{}` is not an http or https URL",
            text.escape_debug()
        ));
    }
    if rest.is_empty() || rest.starts_with('/') {
        return Err(format!("`{}` has no host", text.escape_debug()));
    }
    Ok(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tlv(code: u8, value: &[u8]) -> Vec<u8> {
        let mut v = vec![code, value.len() as u8];
        v.extend_from_slice(value);
        v
    }

    #[test]
    fn pads_are_skipped_and_the_end_marker_stops_reading() {
        let mut bytes = vec![0, 0];
        bytes.extend(tlv(2, b"PC-1"));
        bytes.push(255);
        bytes.extend(b"garbage after the end");
        let subs = parse_suboptions(&bytes).unwrap();
        assert_eq!(subs.len(), 1);
        assert_eq!((subs[0].code, subs[0].offset), (2, 2));
        assert!(parse_suboptions(&[]).unwrap().is_empty());
    }

    #[test]
    fn truncated_and_malformed_input_is_reported_with_its_offset() {
        assert_eq!(
            parse_suboptions(&[1, 5, b'h']),
            Err(Option43Error::Truncated {
                offset: 0,
                code: 1,
                declared: 5,
                available: 1
            })
        );
        let mut bytes = tlv(2, b"x");
        bytes.push(4);
        assert_eq!(
            parse_suboptions(&bytes).unwrap_err().to_string(),
            "option 43 byte 3: sub-option 4 has no length byte"
        );
        let cases: &[(Vec<u8>, &str)] = &[
            (tlv(1, b"ftp://acs"), "is not an http or https URL"),
            (tlv(1, b"http://"), "has no host"),
            (tlv(1, b"acs.example"), "is not a URL"),
            (tlv(1, &[0xff, 0xfe]), "not text"),
            (tlv(3, b"yes"), "`yes` is not 0, 1, true or false"),
            (tlv(4, b"0"), "at least 1 second"),
            (tlv(4, b"-5"), "`-5` is not a number of seconds"),
            (tlv(2, &[b'x'; 65]), "65 characters, at most 64"),
            (
                [tlv(4, b"1"), tlv(4, b"2")].concat(),
                "sub-option 4 appears twice",
            ),
        ];
        for (bytes, want) in cases {
            let err = AcsSettings::parse(bytes, &SubOptionMap::VEGA).unwrap_err();
            assert!(err.to_string().contains(want), "{err} lacks {want}");
        }
    }

    #[test]
    fn settings_map_by_code_and_unknown_codes_are_kept() {
        let bytes = [
            tlv(1, b"https://acs.example/cwmp"),
            tlv(2, b"PC-7\0"),
            tlv(3, b"true"),
            tlv(4, b"86400"),
            tlv(42, b"vendor"),
        ]
        .concat();
        let s = AcsSettings::parse(&bytes, &SubOptionMap::VEGA).unwrap();
        assert_eq!(s.url.as_deref(), Some("https://acs.example/cwmp"));
        assert_eq!(s.provisioning_code.as_deref(), Some("PC-7"));
        assert_eq!(s.periodic_inform_enable, Some(true));
        assert_eq!(s.periodic_inform_interval, Some(86400));
        assert_eq!(s.other.len(), 1);
        assert_eq!(s.other[0].code, 42);
    }

    #[test]
    fn no_byte_sequence_panics() {
        // Every two-byte prefix with every length byte, and a sweep of
        // short random-looking inputs.
        for a in 0..=255u8 {
            for b in [0u8, 1, 2, 7, 200, 255] {
                let _ = AcsSettings::parse(&[a, b, b'1', b'2'], &SubOptionMap::VEGA);
                let _ = AcsSettings::parse(&[a, b], &SubOptionMap::VEGA);
            }
        }
    }
}

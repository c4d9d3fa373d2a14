//! Tests of the engine over a small hand-written model, [`MODEL`]:
//!
//! ```text
//! Device.                      HostNumberOfEntries, FixedNumberOfEntries, ProvisioningCode
//!   DeviceInfo.                SerialNumber (forced inform), UpTime (canDeny), FirstUseDate,
//!                              Status (forceEnabled, enum), Temperature (int range)
//!   ManagementServer.          URL, Username, Password (hidden), ParameterKey,
//!                              PeriodicInformInterval, PeriodicInformEnable,
//!                              ProvisionedOnce (writeOnceReadOnly)
//!   Host.{i}.  (max 3)         Enable, Alias (key), Name (functional key), Port, Mode,
//!                              Ratio, Mac, Tags (list), Key, Offset, Count
//!     Stats.                   BytesSent, LastSeen
//!   Optional.  (minEntries 0)  Flag
//!   Fixed.{i}. (read-only, min 1, max 2)  Label
//! ```

use crate::meta::*;
use crate::value::*;

use super::{Item, Tree};

mod attributes;
mod index;
mod instances;
mod memory;
mod property;
mod read;
mod set;
mod state;

static STRING: Syntax = Syntax::new(BaseType::String);
static STRING_32: Syntax = Syntax {
    sizes: &[Size {
        min: None,
        max: Some(32),
    }],
    ..Syntax::new(BaseType::String)
};
static STRING_64: Syntax = Syntax {
    sizes: &[Size {
        min: None,
        max: Some(64),
    }],
    ..Syntax::new(BaseType::String)
};
static NAME_PATTERNS: [Pattern; 1] = [Pattern::new("[A-Za-z0-9\\-]*")];
static NAME: Syntax = Syntax {
    sizes: &[Size {
        min: None,
        max: Some(32),
    }],
    patterns: &NAME_PATTERNS,
    ..Syntax::new(BaseType::String)
};
static HIDDEN: Syntax = Syntax {
    hidden: true,
    ..Syntax::new(BaseType::String)
};
static UINT: Syntax = Syntax::new(BaseType::UnsignedInt);
static INTERVAL: Syntax = Syntax {
    ranges: &[Range {
        min: Some("1"),
        max: None,
        step: None,
    }],
    ..Syntax::new(BaseType::UnsignedInt)
};
static PORT: Syntax = Syntax {
    ranges: &[Range {
        min: Some("1"),
        max: Some("65535"),
        step: None,
    }],
    ..Syntax::new(BaseType::UnsignedInt)
};
static TEMPERATURE: Syntax = Syntax {
    ranges: &[Range {
        min: Some("-40"),
        max: Some("125"),
        step: None,
    }],
    ..Syntax::new(BaseType::Int)
};
static BOOL: Syntax = Syntax::new(BaseType::Boolean);
static DATETIME: Syntax = Syntax::new(BaseType::DateTime);
static STATUS: Syntax = Syntax {
    enumerations: &[
        Enumeration {
            value: "Up",
            read_only: false,
        },
        Enumeration {
            value: "Down",
            read_only: false,
        },
    ],
    ..Syntax::new(BaseType::String)
};
static MODE: Syntax = Syntax {
    enumerations: &[
        Enumeration {
            value: "Auto",
            read_only: false,
        },
        Enumeration {
            value: "Manual",
            read_only: false,
        },
        Enumeration {
            value: "Fixed",
            read_only: true,
        },
    ],
    ..Syntax::new(BaseType::String)
};
static RATIO: Syntax = Syntax {
    ranges: &[Range {
        min: Some("0"),
        max: Some("1"),
        step: None,
    }],
    ..Syntax::new(BaseType::Decimal)
};
static MAC: Syntax = Syntax {
    sizes: &[Size {
        min: Some(6),
        max: Some(6),
    }],
    ..Syntax::new(BaseType::HexBinary)
};
static TAGS: Syntax = Syntax {
    list: Some(ListFacet {
        max_items: Some(3),
        ..ListFacet::new()
    }),
    ..Syntax::new(BaseType::String)
};
static BASE64: Syntax = Syntax::new(BaseType::Base64);
static LONG: Syntax = Syntax::new(BaseType::Long);
static ULONG: Syntax = Syntax::new(BaseType::UnsignedLong);

use crate::meta::testing::param as p;

const fn ro(param: ParamDesc) -> ParamDesc {
    ParamDesc {
        access: ParamAccess::ReadOnly,
        ..param
    }
}

const fn def(param: ParamDesc, kind: DefaultKind, text: &'static str) -> ParamDesc {
    ParamDesc {
        default: Some((kind, text)),
        ..param
    }
}

/// A single object under `parent`.
const fn single(
    path: &'static str,
    name: &'static str,
    parent: ObjectIx,
    params: (ParamIx, u32),
    children: &'static [ObjectIx],
) -> ObjectDesc {
    crate::meta::testing::object(path, name, Some(parent), false, params, children)
}

pub(super) static MODEL: ModelDesc = ModelDesc {
    name: "Test:1.0",
    is_service: false,
    objects: &[
        ObjectDesc {
            parent: None,
            ..single("Device.", "Device", 0, (0, 3), &[1, 2, 3, 5, 6])
        },
        single("Device.DeviceInfo.", "DeviceInfo", 0, (3, 5), &[]),
        single(
            "Device.ManagementServer.",
            "ManagementServer",
            0,
            (8, 7),
            &[],
        ),
        ObjectDesc {
            table: true,
            access: ObjectAccess::CreateDelete,
            min_entries: 0,
            max_entries: Some(3),
            num_entries: Some(0),
            enable: Some(15),
            unique_keys: &[
                UniqueKey {
                    functional: false,
                    params: &[16],
                },
                UniqueKey {
                    functional: true,
                    params: &[17],
                },
            ],
            ..single("Device.Host.{i}.", "Host", 0, (15, 11), &[4])
        },
        single("Device.Host.{i}.Stats.", "Stats", 3, (26, 2), &[]),
        ObjectDesc {
            min_entries: 0,
            ..single("Device.Optional.", "Optional", 0, (28, 1), &[])
        },
        ObjectDesc {
            table: true,
            min_entries: 1,
            max_entries: Some(2),
            num_entries: Some(1),
            ..single("Device.Fixed.{i}.", "Fixed", 0, (29, 1), &[])
        },
    ],
    params: &[
        // Device. (0..3)
        ro(p("HostNumberOfEntries", 0, &UINT)),
        ro(p("FixedNumberOfEntries", 0, &UINT)),
        ParamDesc {
            forced_inform: true,
            ..p("ProvisioningCode", 0, &STRING_64)
        },
        // Device.DeviceInfo. (3..8)
        ParamDesc {
            forced_inform: true,
            ..def(
                ro(p("SerialNumber", 1, &STRING_64)),
                DefaultKind::Factory,
                "SN0001",
            )
        },
        ParamDesc {
            active_notify: ActiveNotify::CanDeny,
            ..ro(p("UpTime", 1, &UINT))
        },
        ro(p("FirstUseDate", 1, &DATETIME)),
        ParamDesc {
            active_notify: ActiveNotify::ForceEnabled,
            ..def(ro(p("Status", 1, &STATUS)), DefaultKind::Object, "Up")
        },
        def(
            p("Temperature", 1, &TEMPERATURE),
            DefaultKind::Factory,
            "20",
        ),
        // Device.ManagementServer. (8..15)
        p("URL", 2, &STRING),
        p("Username", 2, &STRING_64),
        p("Password", 2, &HIDDEN),
        ParamDesc {
            forced_inform: true,
            ..ro(p("ParameterKey", 2, &STRING_32))
        },
        def(
            p("PeriodicInformInterval", 2, &INTERVAL),
            DefaultKind::Factory,
            "3600",
        ),
        def(
            p("PeriodicInformEnable", 2, &BOOL),
            DefaultKind::Factory,
            "true",
        ),
        ParamDesc {
            access: ParamAccess::WriteOnceReadOnly,
            ..p("ProvisionedOnce", 2, &STRING)
        },
        // Device.Host.{i}. (15..26)
        def(p("Enable", 3, &BOOL), DefaultKind::Object, "false"),
        p("Alias", 3, &STRING_64),
        p("Name", 3, &NAME),
        def(p("Port", 3, &PORT), DefaultKind::Object, "5060"),
        def(p("Mode", 3, &MODE), DefaultKind::Object, "Auto"),
        p("Ratio", 3, &RATIO),
        p("Mac", 3, &MAC),
        p("Tags", 3, &TAGS),
        p("Key", 3, &BASE64),
        p("Offset", 3, &LONG),
        p("Count", 3, &ULONG),
        // Device.Host.{i}.Stats. (26..28)
        ro(p("BytesSent", 4, &ULONG)),
        p("LastSeen", 4, &DATETIME),
        // Device.Optional. (28)
        p("Flag", 5, &BOOL),
        // Device.Fixed.{i}. (29)
        def(p("Label", 6, &STRING), DefaultKind::Object, "fixed"),
    ],
    parts: &[],
};

/// A fresh tree of [`MODEL`].
pub(super) fn tree() -> Tree {
    Tree::new(&MODEL)
}

/// A SetParameterValues batch.
pub(super) fn batch(entries: &[(&str, &str)]) -> Vec<(String, String)> {
    entries
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect()
}

/// The paths of walk items.
pub(super) fn paths(items: &[Item]) -> Vec<&str> {
    items.iter().map(|i| i.path.as_str()).collect()
}

/// A parameter's wire text.
pub(super) fn text(tree: &Tree, path: &str) -> String {
    tree.get(path).unwrap().to_string()
}

/// The ACS's writes of a whole tree, as a GetParameterValues of `""` sees them.
pub(super) fn snapshot(tree: &Tree) -> Vec<(String, String)> {
    tree.values("")
        .unwrap()
        .into_iter()
        .map(|v| (v.path, v.value.to_string()))
        .collect()
}

#[test]
fn fixture_is_consistent() {
    for (i, o) in MODEL.objects.iter().enumerate() {
        let params = MODEL.params_of(i as u32);
        assert!(params.iter().all(|p| p.object == i as u32), "{}", o.path);
        for &c in o.children {
            assert_eq!(MODEL.object(c).parent, Some(i as u32));
        }
    }
    let total: u32 = MODEL.objects.iter().map(|o| o.param_count).sum();
    assert_eq!(total as usize, MODEL.params.len());
}

//! The models the sessions run over.
//!
//! [`MODEL`] (forced-inform parameters marked):
//!
//! ```text
//! Device.                 HostNumberOfEntries (ro)
//!   DeviceInfo.           Manufacturer, ManufacturerOUI, ProductClass, SerialNumber (ro),
//!                         SoftwareVersion (ro, forced), UpTime (ro, canDeny),
//!                         Status (ro, forceEnabled, enum), Mode (enum), Temperature (ro, live)
//!   ManagementServer.     URL, Username, Password (hidden), ParameterKey (ro, forced),
//!                         ConnectionRequestURL (ro, forced), PeriodicInformInterval (>= 1)
//!   Host.{i}. (max 2)     Name, Port (1..65535), Enable
//! ```
//!
//! [`IGD`] and [`DEVICE1`] mark nothing forced, for TR-069's own list.

use cwmp_model_runtime::meta::*;
use cwmp_model_runtime::value::*;

const V: Version = Version { major: 1, minor: 0 };

static STRING: Syntax = Syntax::new(BaseType::String);
static NAME: Syntax = Syntax {
    sizes: &[Size {
        min: None,
        max: Some(32),
    }],
    ..Syntax::new(BaseType::String)
};
static HIDDEN: Syntax = Syntax {
    hidden: true,
    ..Syntax::new(BaseType::String)
};
static UINT: Syntax = Syntax::new(BaseType::UnsignedInt);
static INT: Syntax = Syntax::new(BaseType::Int);
static BOOL: Syntax = Syntax::new(BaseType::Boolean);
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
    ],
    ..Syntax::new(BaseType::String)
};

const fn p(name: &'static str, object: ObjectIx, syntax: &'static Syntax) -> ParamDesc {
    ParamDesc {
        name,
        object,
        access: ParamAccess::ReadWrite,
        active_notify: ActiveNotify::Normal,
        forced_inform: false,
        syntax,
        data_type: None,
        default: None,
        version: V,
        status: Status::Current,
    }
}

const fn ro(param: ParamDesc) -> ParamDesc {
    ParamDesc {
        access: ParamAccess::ReadOnly,
        ..param
    }
}

const fn forced(param: ParamDesc) -> ParamDesc {
    ParamDesc {
        forced_inform: true,
        ..param
    }
}

const fn def(param: ParamDesc, text: &'static str) -> ParamDesc {
    ParamDesc {
        default: Some((DefaultKind::Factory, text)),
        ..param
    }
}

const fn obj(
    path: &'static str,
    name: &'static str,
    parent: Option<ObjectIx>,
    params: (ParamIx, u32),
    children: &'static [ObjectIx],
) -> ObjectDesc {
    ObjectDesc {
        path,
        name,
        parent,
        table: false,
        access: ObjectAccess::ReadOnly,
        min_entries: 1,
        max_entries: Some(1),
        num_entries: None,
        enable: None,
        unique_keys: &[],
        first_param: params.0,
        param_count: params.1,
        children,
        version: V,
        status: Status::Current,
    }
}

/// A table of `min` rows at first, the ACS may add and delete.
const fn table(base: ObjectDesc, min: u32, max: Option<u32>) -> ObjectDesc {
    ObjectDesc {
        table: true,
        access: ObjectAccess::CreateDelete,
        min_entries: min,
        max_entries: max,
        ..base
    }
}

pub static MODEL: ModelDesc = ModelDesc {
    name: "Lab:1.0",
    is_service: false,
    objects: &[
        obj("Device.", "Device", None, (0, 1), &[1, 2, 3]),
        obj("Device.DeviceInfo.", "DeviceInfo", Some(0), (1, 9), &[]),
        obj(
            "Device.ManagementServer.",
            "ManagementServer",
            Some(0),
            (10, 6),
            &[],
        ),
        ObjectDesc {
            num_entries: Some(0),
            ..table(
                obj("Device.Host.{i}.", "Host", Some(0), (16, 3), &[]),
                0,
                Some(2),
            )
        },
    ],
    params: &[
        ro(p("HostNumberOfEntries", 0, &UINT)),
        // Device.DeviceInfo. (1..10)
        def(ro(p("Manufacturer", 1, &STRING)), "Acme & Sons"),
        def(ro(p("ManufacturerOUI", 1, &STRING)), "00D09E"),
        def(ro(p("ProductClass", 1, &STRING)), "LabBox"),
        def(ro(p("SerialNumber", 1, &STRING)), "SN42"),
        forced(def(ro(p("SoftwareVersion", 1, &STRING)), "1.0.7")),
        ParamDesc {
            active_notify: ActiveNotify::CanDeny,
            ..ro(p("UpTime", 1, &UINT))
        },
        ParamDesc {
            active_notify: ActiveNotify::ForceEnabled,
            ..def(ro(p("Status", 1, &STATUS)), "Up")
        },
        def(p("Mode", 1, &MODE), "Auto"),
        ro(p("Temperature", 1, &INT)),
        // Device.ManagementServer. (10..16)
        def(p("URL", 2, &STRING), "http://acs.example/"),
        p("Username", 2, &STRING),
        def(p("Password", 2, &HIDDEN), "secret"),
        forced(ro(p("ParameterKey", 2, &STRING))),
        forced(def(
            ro(p("ConnectionRequestURL", 2, &STRING)),
            "http://cpe/cr",
        )),
        def(p("PeriodicInformInterval", 2, &INTERVAL), "3600"),
        // Device.Host.{i}. (16..19)
        p("Name", 3, &NAME),
        ParamDesc {
            default: Some((DefaultKind::Object, "80")),
            ..p("Port", 3, &PORT)
        },
        p("Enable", 3, &BOOL),
    ],
    parts: &[],
};

/// An InternetGatewayDevice with one WAN IP connection and no
/// forced-inform marks.
pub static IGD: ModelDesc = ModelDesc {
    name: "InternetGatewayDevice:1.4",
    is_service: false,
    objects: &[
        obj(
            "InternetGatewayDevice.",
            "InternetGatewayDevice",
            None,
            (0, 1),
            &[1, 2, 3],
        ),
        obj(
            "InternetGatewayDevice.DeviceInfo.",
            "DeviceInfo",
            Some(0),
            (1, 8),
            &[],
        ),
        obj(
            "InternetGatewayDevice.ManagementServer.",
            "ManagementServer",
            Some(0),
            (9, 3),
            &[],
        ),
        table(
            obj(
                "InternetGatewayDevice.WANDevice.{i}.",
                "WANDevice",
                Some(0),
                (12, 0),
                &[4],
            ),
            1,
            None,
        ),
        table(
            obj(
                "InternetGatewayDevice.WANDevice.{i}.WANConnectionDevice.{i}.",
                "WANConnectionDevice",
                Some(3),
                (12, 0),
                &[5],
            ),
            1,
            None,
        ),
        table(
            obj(
                "InternetGatewayDevice.WANDevice.{i}.WANConnectionDevice.{i}.WANIPConnection.{i}.",
                "WANIPConnection",
                Some(4),
                (12, 1),
                &[],
            ),
            1,
            None,
        ),
    ],
    params: &[
        def(
            ro(p("DeviceSummary", 0, &STRING)),
            "InternetGatewayDevice:1.4[](Baseline:1)",
        ),
        def(ro(p("Manufacturer", 1, &STRING)), "Acme"),
        def(ro(p("ManufacturerOUI", 1, &STRING)), "00d09e"),
        def(ro(p("ProductClass", 1, &STRING)), "Gateway"),
        def(ro(p("SerialNumber", 1, &STRING)), "GW1"),
        def(ro(p("SpecVersion", 1, &STRING)), "1.0"),
        def(ro(p("HardwareVersion", 1, &STRING)), "hw2"),
        def(ro(p("SoftwareVersion", 1, &STRING)), "sw3"),
        p("ProvisioningCode", 1, &STRING),
        def(ro(p("ConnectionRequestURL", 2, &STRING)), "http://gw/cr"),
        ro(p("ParameterKey", 2, &STRING)),
        p("URL", 2, &STRING),
        def(ro(p("ExternalIPAddress", 5, &STRING)), "203.0.113.7"),
    ],
    parts: &[],
};

/// A Device:1 (TR-106) root with a LAN object and no forced-inform marks.
pub static DEVICE1: ModelDesc = ModelDesc {
    name: "Device:1.4",
    is_service: false,
    objects: &[
        obj("Device.", "Device", None, (0, 1), &[1, 2, 3]),
        obj("Device.DeviceInfo.", "DeviceInfo", Some(0), (1, 3), &[]),
        obj(
            "Device.ManagementServer.",
            "ManagementServer",
            Some(0),
            (4, 2),
            &[],
        ),
        obj("Device.LAN.", "LAN", Some(0), (6, 1), &[]),
    ],
    params: &[
        def(
            ro(p("DeviceSummary", 0, &STRING)),
            "Device:1.4[](Baseline:2)",
        ),
        def(ro(p("Manufacturer", 1, &STRING)), "Acme"),
        def(ro(p("SerialNumber", 1, &STRING)), "D1"),
        def(ro(p("SoftwareVersion", 1, &STRING)), "5.1"),
        ro(p("ParameterKey", 2, &STRING)),
        def(ro(p("ConnectionRequestURL", 2, &STRING)), "http://d1/cr"),
        def(ro(p("IPAddress", 3, &STRING)), "192.168.1.1"),
    ],
    parts: &[],
};

//! Memory of a ~20,000-value tree against the baseline a hand-written agent
//! keeps, a `BTreeMap<String, String>` from full path to value.
//!
//! Both sides are counted without allocator overhead: the tree by
//! [`Tree::heap_bytes`], the map by a lower bound (its strings' bytes plus
//! fully packed B-tree leaves of 11 entries, which only a map bulk-built
//! from sorted input has), so the ratio is conservative: a map filled one
//! entry at a time, as an agent fills it, leaves its nodes about half
//! full and takes a third more. `cargo test memory -- --nocapture` shows
//! the figures; the `engine_memory` example measures both with a counting
//! allocator.

use std::collections::BTreeMap;

use crate::meta::testing;
use crate::meta::*;
use crate::value::*;

use super::super::Tree;

static STR: Syntax = Syntax::new(BaseType::String);
static U32: Syntax = Syntax::new(BaseType::UnsignedInt);
static I32: Syntax = Syntax::new(BaseType::Int);
static U64: Syntax = Syntax::new(BaseType::UnsignedLong);
static BOOL: Syntax = Syntax::new(BaseType::Boolean);
static TIME: Syntax = Syntax::new(BaseType::DateTime);

const V: Version = Version {
    major: 2,
    minor: 17,
};

/// Parameters of one synthetic object: a name, a syntax and the value the
/// device writes (`{n}` is replaced by a number).
type Spec = &'static [(&'static str, &'static Syntax, &'static str)];

const DEVICE: Spec = &[
    ("InterfaceNumberOfEntries", &U32, ""),
    ("HostNumberOfEntries", &U32, ""),
    ("RootDataModelVersion", &STR, "2.17"),
];
const DEVICE_INFO: Spec = &[
    ("Manufacturer", &STR, "Example Networks Ltd"),
    ("ManufacturerOUI", &STR, "00D09E"),
    ("ModelName", &STR, "EX-6700"),
    ("Description", &STR, "Example residential gateway with VoIP"),
    ("ProductClass", &STR, "EX-6700i"),
    ("SerialNumber", &STR, "EX6700-00012345"),
    ("HardwareVersion", &STR, "3.1"),
    ("SoftwareVersion", &STR, "5.2.1.2047"),
    ("ProvisioningCode", &STR, ""),
    ("UpTime", &U32, "{n}"),
    ("FirstUseDate", &TIME, "2024-03-01T10:00:00Z"),
    ("MemoryFree", &U32, "{n}"),
];
const INTERFACE: Spec = &[
    ("Enable", &BOOL, "true"),
    ("Status", &STR, "Up"),
    ("Alias", &STR, "cpe-{n}"),
    ("Name", &STR, "eth{n}"),
    ("LastChange", &U32, "{n}"),
    ("LowerLayers", &STR, "Device.Ethernet.Link.{n}."),
    ("Upstream", &BOOL, "false"),
    ("MACAddress", &STR, "00:11:22:33:{n}:55"),
    ("MaxBitRate", &I32, "1000"),
    ("CurrentBitRate", &U32, "1000"),
    ("DuplexMode", &STR, "Auto"),
    ("EEECapability", &BOOL, "false"),
    ("MTU", &U32, "1500"),
    ("Type", &STR, "Normal"),
    ("Loopback", &BOOL, "false"),
    ("Router", &STR, "Device.Routing.Router.1."),
    ("Reset", &BOOL, "false"),
    ("X_EXAMPLE_Note", &STR, ""),
];
const STATS: Spec = &[
    ("BytesSent", &U64, "{n}000"),
    ("BytesReceived", &U64, "{n}999"),
    ("PacketsSent", &U64, "{n}"),
    ("PacketsReceived", &U64, "{n}"),
    ("ErrorsSent", &U32, "0"),
    ("ErrorsReceived", &U32, "0"),
    ("UnicastPacketsSent", &U64, "{n}"),
    ("UnicastPacketsReceived", &U64, "{n}"),
    ("DiscardPacketsSent", &U32, "0"),
    ("DiscardPacketsReceived", &U32, "0"),
    ("MulticastPacketsSent", &U64, "{n}"),
    ("BroadcastPacketsSent", &U64, "{n}"),
];
const ADDRESS: Spec = &[
    ("Enable", &BOOL, "true"),
    ("Status", &STR, "Enabled"),
    ("Alias", &STR, "cpe-{n}"),
    ("IPAddress", &STR, "192.168.{n}.23"),
    ("SubnetMask", &STR, "255.255.255.0"),
    ("AddressingType", &STR, "DHCP"),
];
const HOST: Spec = &[
    ("Alias", &STR, "cpe-{n}"),
    ("PhysAddress", &STR, "3c:22:fb:{n}:9a:01"),
    ("IPAddress", &STR, "192.168.1.{n}"),
    ("AddressSource", &STR, "DHCP"),
    (
        "DHCPClient",
        &STR,
        "Device.DHCPv4.Server.Pool.1.Client.{n}.",
    ),
    ("LeaseTimeRemaining", &I32, "{n}"),
    ("Layer1Interface", &STR, "Device.Ethernet.Interface.1."),
    ("HostName", &STR, "android-3f2a9b{n}"),
    ("Active", &BOOL, "true"),
    ("ActiveLastChange", &TIME, "2024-06-01T12:34:56Z"),
];

/// One synthetic object: path, name, parent, table, parameters, children.
type Shape = (
    &'static str,
    &'static str,
    Option<u32>,
    bool,
    Spec,
    &'static [u32],
);

/// Builds and leaks the synthetic model.
fn model() -> &'static ModelDesc {
    let shape: [Shape; 7] = [
        ("Device.", "Device", None, false, DEVICE, &[1, 2, 5]),
        (
            "Device.DeviceInfo.",
            "DeviceInfo",
            Some(0),
            false,
            DEVICE_INFO,
            &[],
        ),
        (
            "Device.Interface.{i}.",
            "Interface",
            Some(0),
            true,
            INTERFACE,
            &[3, 4],
        ),
        (
            "Device.Interface.{i}.Stats.",
            "Stats",
            Some(2),
            false,
            STATS,
            &[],
        ),
        (
            "Device.Interface.{i}.Address.{i}.",
            "Address",
            Some(2),
            true,
            ADDRESS,
            &[],
        ),
        ("Device.Host.{i}.", "Host", Some(0), true, HOST, &[]),
        ("Device.Unused.", "Unused", Some(0), false, &[], &[]),
    ];
    let mut objects = Vec::new();
    let mut params = Vec::new();
    for (ix, (path, name, parent, table, spec, children)) in shape.into_iter().enumerate() {
        let first = params.len() as u32;
        for (pname, syntax, _) in spec {
            params.push(ParamDesc {
                version: V,
                ..testing::param(pname, ix as u32, syntax)
            });
        }
        let num_entries = match name {
            "Interface" => Some(0),
            "Host" => Some(1),
            _ => None,
        };
        let placed = (first, spec.len() as u32);
        objects.push(ObjectDesc {
            num_entries,
            version: V,
            ..testing::object(path, name, parent, table, placed, children)
        });
    }
    Box::leak(Box::new(ModelDesc {
        name: "Synthetic:2.17",
        is_service: false,
        objects: Box::leak(objects.into_boxed_slice()),
        params: Box::leak(params.into_boxed_slice()),
        parts: &[],
    }))
}

/// Writes every parameter of the instance at `prefix` as the device.
fn fill(tree: &mut Tree, prefix: &str, spec: Spec, n: u32) {
    let batch: Vec<(String, String)> = spec
        .iter()
        .filter(|(name, ..)| !name.ends_with("NumberOfEntries"))
        .map(|(name, _, value)| {
            (
                format!("{prefix}{name}"),
                value.replace("{n}", &n.to_string()),
            )
        })
        .collect();
    tree.set_values(&batch, Writer::Device, None).unwrap();
}

/// A tree of about 20,000 values: 250 interfaces with 4 addresses each and
/// 650 hosts.
pub(super) fn synthetic_tree() -> Tree {
    let mut t = Tree::new(model());
    fill(&mut t, "Device.DeviceInfo.", DEVICE_INFO, 7);
    for _ in 0..250 {
        let i = t
            .add_object("Device.Interface.", Writer::Device, None)
            .unwrap();
        fill(&mut t, &format!("Device.Interface.{i}."), INTERFACE, i);
        fill(&mut t, &format!("Device.Interface.{i}.Stats."), STATS, i);
        for _ in 0..4 {
            let table = format!("Device.Interface.{i}.Address.");
            let a = t.add_object(&table, Writer::Device, None).unwrap();
            fill(&mut t, &format!("{table}{a}."), ADDRESS, a);
        }
    }
    for _ in 0..650 {
        let h = t.add_object("Device.Host.", Writer::Device, None).unwrap();
        fill(&mut t, &format!("Device.Host.{h}."), HOST, h);
    }
    // Changes are not state: start from a tree that has sent its Inform.
    t.take_changes_for_inform();
    t
}

#[test]
fn tree_takes_at_most_a_third_of_a_string_map() {
    let t = synthetic_tree();
    let baseline: BTreeMap<String, String> = t
        .values("")
        .unwrap()
        .into_iter()
        .map(|v| (v.path, v.value.to_string()))
        .collect();
    let n = baseline.len();
    assert!((19_000..21_000).contains(&n), "{n} values");
    let strings: usize = baseline
        .iter()
        .map(|(k, v)| k.capacity() + v.capacity())
        .sum();
    let leaves = n.div_ceil(11) * 11 * 2 * std::mem::size_of::<String>();
    let map = strings + leaves;
    let tree = t.heap_bytes() + std::mem::size_of::<Tree>();
    println!(
        "{n} values: tree {tree} bytes ({:.1}/value), BTreeMap<String, String> at least {map} \
         bytes ({:.1}/value; strings {strings}, leaves {leaves}), ratio 1:{:.2}",
        tree as f64 / n as f64,
        map as f64 / n as f64,
        map as f64 / tree as f64
    );
    // Against the packed lower bound; against a map built entry by entry
    // the ratio is about 1:4.
    assert!(tree * 3 <= map, "tree {tree} bytes vs map {map} bytes");
}

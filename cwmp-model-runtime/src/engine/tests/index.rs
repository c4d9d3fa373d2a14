//! The path index against the tree it indexes: after any sequence of adds,
//! deletes, factory resets, loads and clones, every full parameter name is
//! found by the index exactly when a walk of the tree lists it, with the
//! value the walk reads.

use std::collections::BTreeSet;

use crate::meta::testing::{object, param};
use crate::meta::*;
use crate::value::{BaseType, Syntax, Value, Writer};

use super::super::Tree;

static S: Syntax = Syntax::new(BaseType::String);

/// `Device.C.` has more parameters than are found by a scan.
macro_rules! many {
    ($($name:literal)*) => { [$(param($name, 5, &S)),*] };
}
const C_PARAMS: [ParamDesc; 18] = many!(
    "P00" "P01" "P02" "P03" "P04" "P05" "P06" "P07" "P08"
    "P09" "P10" "P11" "P12" "P13" "P14" "P15" "P16" "LongerNameThanEightBytes"
);

static PARAMS: [ParamDesc; 25] = {
    let mut all = [param("Name", 0, &S); 25];
    all[1] = param("X", 1, &S);
    all[2] = param("Y", 1, &S);
    all[3] = param("Z", 2, &S);
    all[4] = param("W", 3, &S);
    all[5] = param("URL", 4, &S);
    let mut i = 0;
    while i < 18 {
        all[6 + i] = C_PARAMS[i];
        i += 1;
    }
    all[24] = param("V", 6, &S);
    all
};

static MODEL: ModelDesc = ModelDesc {
    name: "Index:1.0",
    is_service: false,
    objects: &[
        object("Device.", "Device", None, false, (0, 1), &[1, 4, 5]),
        object("Device.A.{i}.", "A", Some(0), true, (1, 2), &[2, 3]),
        object("Device.A.{i}.B.{i}.", "B", Some(1), true, (3, 1), &[6]),
        ObjectDesc {
            min_entries: 0,
            ..object("Device.A.{i}.Opt.", "Opt", Some(1), false, (4, 1), &[])
        },
        object(
            "Device.ManagementServer.",
            "ManagementServer",
            Some(0),
            false,
            (5, 1),
            &[],
        ),
        object("Device.C.", "C", Some(0), false, (6, 18), &[]),
        object("Device.A.{i}.B.{i}.D.", "D", Some(2), false, (24, 1), &[]),
    ],
    params: &PARAMS,
    parts: &[],
};

/// xorshift64*, seeded: the same sequence every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n.max(1) as u64) as usize
    }
}

/// The instance numbers of `table` (a partial path) the tree has.
fn numbers(tree: &Tree, table: &str) -> Vec<u32> {
    tree.walk(table, true)
        .map(|items| {
            items
                .iter()
                .filter_map(|i| i.path.strip_prefix(table)?.strip_suffix('.')?.parse().ok())
                .collect()
        })
        .unwrap_or_default()
}

/// Every name the index might be asked for, present or not.
fn candidates(tree: &Tree) -> Vec<String> {
    let a = numbers(tree, "Device.A.");
    let top = a.iter().max().copied().unwrap_or(0) + 2;
    let mut out: Vec<String> = ["Device.Name", "Device.ManagementServer.URL", "Device.Nope"]
        .map(String::from)
        .into();
    out.extend(C_PARAMS.iter().map(|p| format!("Device.C.{}", p.name)));
    for n in 1..=top {
        out.push(format!("Device.A.{n}.X"));
        out.push(format!("Device.A.{n}.Opt.W"));
        let b = numbers(tree, &format!("Device.A.{n}.B."));
        for m in 1..=b.iter().max().copied().unwrap_or(0) + 2 {
            out.push(format!("Device.A.{n}.B.{m}.Z"));
            out.push(format!("Device.A.{n}.B.{m}.D.V"));
        }
    }
    out
}

fn check(tree: &Tree, step: usize) {
    let walked = tree.values("").unwrap();
    let listed: BTreeSet<&str> = walked.iter().map(|v| v.path.as_str()).collect();
    for v in &walked {
        assert_eq!(
            tree.get(&v.path).as_ref(),
            Ok(&v.value),
            "step {step}: {}",
            v.path
        );
    }
    for name in candidates(tree) {
        let found = tree.get(&name);
        assert_eq!(
            found.is_ok(),
            listed.contains(name.as_str()),
            "step {step}: {name} {found:?}"
        );
    }
}

#[test]
fn the_index_finds_what_a_walk_lists_after_any_changes() {
    let mut tree = Tree::new(&MODEL);
    let mut rng = Rng(0x5eed_1dea);
    for step in 0..600 {
        let a = numbers(&tree, "Device.A.");
        let pick_a = |rng: &mut Rng| a.get(rng.below(a.len())).copied();
        match rng.below(12) {
            0..=2 => {
                tree.add_object("Device.A.", Writer::Acs, None).unwrap();
            }
            3..=4 => {
                if let Some(n) = pick_a(&mut rng) {
                    tree.add_object(&format!("Device.A.{n}.B."), Writer::Acs, None)
                        .unwrap();
                }
            }
            5 => {
                if let Some(n) = pick_a(&mut rng) {
                    tree.delete_object(&format!("Device.A.{n}."), Writer::Acs, None)
                        .unwrap();
                }
            }
            6 => {
                if let Some(n) = pick_a(&mut rng) {
                    let b = numbers(&tree, &format!("Device.A.{n}.B."));
                    if let Some(m) = b.get(rng.below(b.len())) {
                        let path = format!("Device.A.{n}.B.{m}.");
                        tree.delete_object(&path, Writer::Acs, None).unwrap();
                    }
                }
            }
            7 => {
                if let Some(n) = pick_a(&mut rng) {
                    let path = format!("Device.A.{n}.Opt.");
                    if rng.below(2) == 0 {
                        tree.add_single_object(&path).unwrap();
                    } else {
                        tree.delete_single_object(&path).unwrap();
                    }
                }
            }
            8 => {
                let values = tree.values("").unwrap();
                if let Some(v) = values.get(rng.below(values.len())) {
                    let text = Value::from(format!("v{step}"));
                    tree.set_value_as_device(&v.path, text).unwrap();
                }
            }
            9 => {
                let kept = match (pick_a(&mut rng), rng.below(3)) {
                    (Some(n), 0) => format!("Device.A.{n}."),
                    (_, 1) => "Device.A.".to_owned(),
                    _ => "Device.ManagementServer.".to_owned(),
                };
                tree.factory_reset(&[&kept, "Device.C."]);
            }
            10 => tree = Tree::load(&MODEL, &tree.save()).unwrap(),
            _ => tree = tree.clone(),
        }
        check(&tree, step);
    }
    assert!(
        numbers(&tree, "Device.A.").len() > 3,
        "the run ends with a tree"
    );
}

/// A chain of `depth` nested tables `Device.T.{i}.T.{i}...`, each instance
/// with one parameter `N`, built at run time and leaked.
fn nested_model(depth: usize) -> &'static ModelDesc {
    let mut objects = vec![object("Device.", "Device", None, false, (0, 0), &[1])];
    let mut params = Vec::new();
    let mut path = String::from("Device.");
    for level in 1..=depth {
        path.push_str("T.{i}.");
        let ix = level as u32;
        let children: &'static [ObjectIx] = if level < depth {
            Box::leak(Box::new([ix + 1]))
        } else {
            &[]
        };
        let path: &'static str = Box::leak(path.clone().into_boxed_str());
        objects.push(object(path, "T", Some(ix - 1), true, (ix - 1, 1), children));
        params.push(param("N", ix, &S));
    }
    Box::leak(Box::new(ModelDesc {
        name: "Nested:1.0",
        is_service: false,
        objects: Box::leak(objects.into_boxed_slice()),
        params: Box::leak(params.into_boxed_slice()),
        parts: &[],
    }))
}

#[test]
fn instances_deep_in_nested_tables_are_found_and_written_by_path() {
    let mut tree = Tree::new(nested_model(20));
    let mut table = String::from("Device.T.");
    for _ in 0..20 {
        let n = tree.add_object(&table, Writer::Acs, None).unwrap();
        table = format!("{table}{n}.T.");
    }
    let deepest = format!("{}N", table.strip_suffix("T.").unwrap());
    assert_eq!(deepest.matches("T.1.").count(), 20, "{deepest}");
    tree.take_changes_for_inform();
    tree.set_values(&[(deepest.clone(), "deep".into())], Writer::Device, None)
        .unwrap();
    assert_eq!(tree.get(&deepest).unwrap(), Value::String("deep".into()));
    // The change is recorded under the instance's own numbers.
    let pending: Vec<String> = tree.pending_changes().into_iter().map(|(p, _)| p).collect();
    assert_eq!(pending, std::slice::from_ref(&deepest));
    let listed = tree.walk("", false).unwrap();
    assert!(listed.iter().any(|i| i.path == deepest));
}

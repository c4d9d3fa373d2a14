//! What the engine and memory benchmarks share: the populated TR-181 2.17
//! tree, its twin as a hand-written agent would keep it (a `BTreeMap` from
//! full path to wire value), and the baseline's operations on that map.

use std::collections::{BTreeMap, HashSet};
use std::ops::Bound;

use cwmp_model_corpus_build::tr181::device::MODEL;
use cwmp_model_runtime::engine::{ItemKind, Tree};
use cwmp_model_runtime::meta::{ParamAccess, ParamIx};
use cwmp_model_runtime::value::{BaseType, BoolStyle, Writer};

/// What the baseline keeps: full path to wire value.
pub type Map = BTreeMap<String, String>;

/// A SetParameterValues batch: names and values.
pub type Batch = Vec<(String, String)>;

/// How many levels of nested tables get instances.
const ROUNDS: usize = 3;
/// Instances added to each empty table the ACS may add to, and to each
/// empty table only the device fills (hosts, processes, statistics rows).
const PER_ACS_TABLE: usize = 3;
const PER_DEVICE_TABLE: usize = 2;

/// The factory TR-181 2.17 tree with instances: in each of [`ROUNDS`]
/// rounds, every table that has no instance yet gets [`PER_ACS_TABLE`] (an
/// ACS-addable table, added as the ACS) or [`PER_DEVICE_TABLE`] (a table
/// only the device creates, added as the device) instances, so that the
/// tables inside the previous round's instances get theirs in the next.
pub fn populated_tree() -> Tree {
    let mut tree = Tree::new(&MODEL);
    for _ in 0..ROUNDS {
        for (path, acs) in empty_tables(&tree) {
            let (count, writer) = if acs {
                (PER_ACS_TABLE, Writer::Acs)
            } else {
                (PER_DEVICE_TABLE, Writer::Device)
            };
            for _ in 0..count {
                // maxEntries may stop a table early; that is fine.
                let _ = tree.add_object(&path, writer, None);
            }
        }
    }
    tree
}

/// Tables (by path) that exist and hold no instance, and whether the ACS
/// may add to them.
fn empty_tables(tree: &Tree) -> Vec<(String, bool)> {
    let items = tree.walk("", false).expect("the whole tree walks");
    let mut out = Vec::new();
    for item in &items {
        let ItemKind::Object(ix) = item.kind else {
            continue;
        };
        let desc = &MODEL.objects[ix as usize];
        let table_itself = item.path.strip_suffix('.').is_some_and(|p| {
            p.ends_with(desc.name) && p[..p.len() - desc.name.len()].ends_with('.')
        });
        if desc.table && table_itself && tree.walk(&item.path, true).is_ok_and(|r| r.is_empty()) {
            out.push((item.path.clone(), desc.access.can_add()));
        }
    }
    out
}

/// The `xsi:type` of a parameter, as the dispatcher writes it: the base
/// type, `string` for a list.
pub fn xsi_type(param: ParamIx) -> &'static str {
    let syntax = MODEL.params[param as usize].syntax;
    if syntax.list.is_some() {
        "string"
    } else {
        syntax.base.xsd_type()
    }
}

/// The baseline: every parameter of the tree, path to the wire text the
/// ACS reads, inserted in model order as an agent creating its objects
/// one after another would.
pub fn baseline_map(tree: &Tree) -> Map {
    let mut map = Map::new();
    tree.for_each_value("", &mut |path, _, value| {
        map.insert(path.to_owned(), value.to_wire(BoolStyle::TrueFalse));
    })
    .expect("the whole tree reads");
    map
}

/// `n` full parameter names spread evenly over the tree in model order.
pub fn spread_names(tree: &Tree, n: usize) -> Vec<String> {
    let all = tree.values("").expect("the whole tree reads");
    let step = all.len() / n;
    all.iter()
        .step_by(step)
        .take(n)
        .map(|v| v.path.clone())
        .collect()
}

/// Two SetParameterValues batches of `n` writable parameters spread over
/// the tree (booleans and unconstrained-enough strings), with different
/// values, each valid on the tree left by the other: applying them in
/// turn changes all `n` values every time. `tree` is left with `b` applied.
pub fn spv_batches(tree: &mut Tree, n: usize) -> (Batch, Batch) {
    let mut candidates = Vec::new();
    tree.for_each_value("", &mut |path, param, _| {
        let desc = &MODEL.params[param as usize];
        let syntax = desc.syntax;
        let kind = match syntax.base {
            _ if desc.access != ParamAccess::ReadWrite || syntax.list.is_some() => None,
            _ if desc.name == "Alias" || syntax.hidden || syntax.secured || syntax.command => None,
            BaseType::Boolean => Some(("true", "false")),
            BaseType::String if syntax.enumerations.is_empty() => Some(("bench-a", "bench-b")),
            _ => None,
        };
        if let Some((a, b)) = kind {
            candidates.push((path.to_owned(), a, b));
        }
    })
    .expect("the whole tree reads");
    // Keep the candidates each value of which is valid alone, spread out.
    let single_ok = |tree: &Tree, name: &str, v: &str| {
        tree.check_values(&[(name.to_owned(), v.to_owned())], Writer::Acs)
            .is_ok()
    };
    let step = (candidates.len() / (2 * n)).max(1);
    let mut chosen: Vec<(String, &str, &str)> = candidates
        .into_iter()
        .step_by(step)
        .filter(|(name, a, b)| single_ok(tree, name, a) && single_ok(tree, name, b))
        .collect();
    let step = (chosen.len() / n).max(1);
    chosen = chosen.into_iter().step_by(step).take(n).collect();
    // Drop whatever still fails as a whole batch (unique keys), then
    // check that both batches apply in turn.
    loop {
        let a: Batch = chosen
            .iter()
            .map(|(p, a, _)| (p.clone(), (*a).to_owned()))
            .collect();
        let b: Batch = chosen
            .iter()
            .map(|(p, _, b)| (p.clone(), (*b).to_owned()))
            .collect();
        let refused = match tree.set_values(&a, Writer::Acs, Some("a")) {
            Ok(_) => match tree.set_values(&b, Writer::Acs, Some("b")) {
                Ok(_) => return (a, b),
                Err(f) => f.faults,
            },
            Err(f) => f.faults,
        };
        let names: HashSet<String> = refused.into_iter().map(|(name, _)| name).collect();
        chosen.retain(|(p, _, _)| !names.contains(p));
    }
}

/// GetParameterNames with NextLevel on a partial path, on the map: scan
/// every key under the prefix and keep each distinct next segment (keys
/// sharing a prefix are adjacent, so comparing with the last kept name
/// dedupes). Writable is not known to such an agent, so it is not given.
pub fn baseline_next_level(map: &Map, prefix: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for key in map
        .range::<str, _>((Bound::Included(prefix), Bound::Unbounded))
        .map(|(k, _)| k)
    {
        let Some(rest) = key.strip_prefix(prefix) else {
            break;
        };
        let name = match rest.find('.') {
            Some(i) => &key[..prefix.len() + i + 1],
            None => key.as_str(),
        };
        if out.last().map(String::as_str) != Some(name) {
            out.push(name.to_owned());
        }
    }
    out
}

/// Every key and value under a partial path, in key order.
pub fn baseline_range<'m>(
    map: &'m Map,
    prefix: &str,
) -> impl Iterator<Item = (&'m String, &'m String)> {
    map.range::<str, _>((Bound::Included(prefix), Bound::Unbounded))
        .take_while(move |(k, _)| k.starts_with(prefix))
}

/// SetParameterValues on the map, validated all-or-nothing the obvious
/// way: every name must be stored and appear once, a value replacing a
/// boolean must be a boolean, any value at most 256 characters; then every
/// value is written and the ParameterKey updated. The number of changed
/// values, or the positions of the bad entries.
pub fn baseline_set(
    map: &mut Map,
    batch: &[(String, String)],
    key: &str,
) -> Result<usize, Vec<usize>> {
    let mut seen = HashSet::with_capacity(batch.len());
    let mut faults = Vec::new();
    for (i, (name, text)) in batch.iter().enumerate() {
        let ok = seen.insert(name.as_str())
            && text.len() <= 256
            && match map.get(name) {
                Some(old) if old == "true" || old == "false" => {
                    matches!(text.as_str(), "true" | "false" | "1" | "0")
                }
                Some(_) => true,
                None => false,
            };
        if !ok {
            faults.push(i);
        }
    }
    if !faults.is_empty() {
        return Err(faults);
    }
    let mut changed = 0;
    for (name, text) in batch {
        if let Some(v) = map.get_mut(name)
            && v != text
        {
            *v = text.clone();
            changed += 1;
        }
    }
    if let Some(v) = map.get_mut("Device.ManagementServer.ParameterKey") {
        *v = key.to_owned();
    }
    Ok(changed)
}

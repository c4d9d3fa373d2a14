//! Lowering a built model into the IR: parents linked, versions and status
//! inherited through the object hierarchy, Rust names chosen.

use crate::ir::{Model, Object, Parameter, Version};
use crate::naming;
use crate::resolve::WModel;
use std::collections::HashMap;

/// The version an item has when neither it nor any enclosing object states one:
/// the first minor version of the model's major version. BBF files state the
/// version of everything added after `x.0`, so only the original items fall back.
fn fallback_version(model: &str) -> Version {
    Version::of_model_name(model)
        .map(|v| Version {
            major: v.major,
            minor: 0,
        })
        .unwrap_or_default()
}

/// The path of the object enclosing `path`: `A.B.{i}.C.` -> `A.B.{i}.`, `A.B.{i}.` -> `A.`.
pub fn parent_path(path: &str) -> Option<&str> {
    let trimmed = path.strip_suffix('.')?;
    let trimmed = trimmed.strip_suffix(".{i}").unwrap_or(trimmed);
    let cut = trimmed.rfind('.')?;
    Some(&path[..cut + 1])
}

/// The name of an object: the last segment that is not `{i}`.
pub fn object_name(path: &str) -> &str {
    let trimmed = path.strip_suffix('.').unwrap_or(path);
    let trimmed = trimmed.strip_suffix(".{i}").unwrap_or(trimmed);
    trimmed.rsplit('.').next().unwrap_or(trimmed)
}

/// Turns a built model into the IR.
pub fn lower(w: WModel) -> Model {
    let fallback = fallback_version(&w.name);
    let index: HashMap<&str, usize> = w
        .objects
        .keys()
        .enumerate()
        .map(|(i, p)| (p.as_str(), i))
        .collect();
    let mut objects: Vec<Object> = Vec::with_capacity(w.objects.len());
    for o in w.objects.values() {
        // Objects may be listed before their parents (components add them in any order),
        // so the parent is found by path and its effective attributes computed on demand.
        let mut parent = None;
        let mut p = parent_path(&o.path);
        while let Some(pp) = p {
            if let Some(&i) = index.get(pp) {
                parent = Some(i);
                break;
            }
            p = parent_path(pp);
        }
        if parent.is_none() && !o.path.is_empty() && w.is_service {
            parent = index.get("").copied();
        }
        let name = object_name(&o.path).to_string();
        objects.push(Object {
            rust_name: naming::field_name(&name),
            rust_type: naming::type_name(&name),
            name,
            path: o.path.clone(),
            access: o.access,
            min_entries: o.min_entries,
            max_entries: o.max_entries,
            num_entries_param: o.num_entries.clone(),
            enable_param: o.enable.clone(),
            unique_keys: o.unique_keys.clone(),
            version: Version::default(),
            status: o.status,
            description: o.description.clone(),
            parent,
            params: Vec::new(),
            span: o.span,
        });
    }
    // Effective version and status, parents first.
    let mut done = vec![false; objects.len()];
    for i in 0..objects.len() {
        settle(i, &w.objects, &mut objects, &mut done, fallback);
    }
    for (obj, wo) in objects.iter_mut().zip(w.objects.into_values()) {
        obj.params = wo
            .params
            .into_values()
            .map(|p| Parameter {
                rust_name: naming::field_name(&p.name),
                version: effective_version(p.version, p.floor, obj.version),
                status: p.status.max(obj.status),
                name: p.name,
                access: p.access,
                active_notify: p.active_notify,
                forced_inform: p.forced_inform,
                syntax: p.syntax,
                description: p.description,
                span: p.span,
            })
            .collect();
    }
    Model {
        name: w.name,
        is_service: w.is_service,
        objects,
        profiles: w.profiles.into_values().collect(),
        span: w.span,
        source_file: String::new(),
        source_spec: None,
    }
}

fn settle(
    i: usize,
    w: &indexmap::IndexMap<String, crate::resolve::WObject>,
    objects: &mut [Object],
    done: &mut [bool],
    fallback: Version,
) {
    if done[i] {
        return;
    }
    done[i] = true;
    let (pv, ps) = match objects[i].parent {
        Some(p) => {
            settle(p, w, objects, done, fallback);
            (objects[p].version, objects[p].status)
        }
        None => (fallback, crate::ir::Status::Current),
    };
    let own = &w[i];
    objects[i].version = effective_version(own.version, own.floor, pv);
    objects[i].status = own.status.max(ps);
}

/// An item is never older than what encloses it, nor than the `version` of the
/// component reference that created it; BBF components state versions relative to
/// their first use (the `Alias` component says 1.0 wherever it is used).
fn effective_version(own: Option<Version>, floor: Option<Version>, parent: Version) -> Version {
    own.unwrap_or(parent)
        .max(parent)
        .max(floor.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parents_and_names() {
        assert_eq!(parent_path("Device.LAN."), Some("Device."));
        assert_eq!(parent_path("Device.A.{i}.B."), Some("Device.A.{i}."));
        assert_eq!(parent_path("Device.A.{i}."), Some("Device."));
        assert_eq!(parent_path("Device."), None);
        assert_eq!(parent_path("VoiceService.{i}."), None);
        assert_eq!(object_name("Device.A.{i}."), "A");
        assert_eq!(object_name("Device.LAN."), "LAN");
        assert_eq!(object_name(""), "");
    }
}

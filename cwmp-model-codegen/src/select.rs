//! Selection: narrowing a resolved model to what one device supports, by a BBF
//! device-type (DT) document, by profiles, or by path include/exclude patterns;
//! and checking the profiles a device claims against what it kept.

use crate::diag::Diagnostics;
use crate::ir::{ActiveNotify, Model, ObjectAccess, ParamAccess, Profile};
use crate::loader::Doc;
use crate::lower::parent_path;
use crate::source::Span;
use crate::syntax::{self, Scope};
use crate::xml::Element;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Selection rules that do not need a DT document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Keep what these profiles require (with their `base` and `extends`).
    pub profiles: Vec<String>,
    /// Keep paths matching these patterns (`Device.LAN.` is a subtree, `*` one segment).
    pub include: Vec<String>,
    /// Drop paths matching these patterns.
    pub exclude: Vec<String>,
}

impl Selection {
    /// Whether the selection keeps the whole model.
    pub fn is_everything(&self) -> bool {
        self.profiles.is_empty() && self.include.is_empty() && self.exclude.is_empty()
    }
}

/// Whether a pattern matches a path: segments compared one by one, `*` matching any
/// one segment (`{i}` included), and a pattern ending in `.` matching its whole subtree.
pub fn matches(pattern: &str, path: &str) -> bool {
    let subtree = pattern.ends_with('.');
    let pat: Vec<&str> = pattern.trim_end_matches('.').split('.').collect();
    let segs: Vec<&str> = path.trim_end_matches('.').split('.').collect();
    if segs.len() < pat.len() || (!subtree && segs.len() != pat.len()) {
        return false;
    }
    if !subtree && pattern.ends_with('.') != path.ends_with('.') {
        return false;
    }
    pat.iter().zip(&segs).all(|(p, s)| *p == "*" || p == s)
}

/// What survives a selection: object paths and, per object, parameter names.
#[derive(Debug, Default)]
struct Kept {
    objects: BTreeMap<String, BTreeSet<String>>,
}

impl Kept {
    fn object(&mut self, path: &str) -> &mut BTreeSet<String> {
        self.objects.entry(path.to_string()).or_default()
    }

    fn param(&mut self, object: &str, name: &str) {
        self.object(object).insert(name.to_string());
    }

    /// Ancestors of kept objects, and the NumberOfEntries parameters of kept tables,
    /// are kept too: without them the paths and counts would not hold together.
    fn complete(&mut self, model: &Model) {
        let paths: Vec<String> = self.objects.keys().cloned().collect();
        for p in &paths {
            let mut cur = parent_path(p);
            while let Some(pp) = cur {
                if model.object(pp).is_some() {
                    self.object(pp);
                }
                cur = parent_path(pp);
            }
        }
        let paths: Vec<String> = self.objects.keys().cloned().collect();
        for p in paths {
            let Some(o) = model.object(&p) else { continue };
            if let (Some(n), Some(parent)) = (&o.num_entries_param, o.parent) {
                let parent = model.objects[parent].path.clone();
                self.param(&parent, n);
            }
        }
    }

    fn apply(self, model: &Model) -> Model {
        let mut out = model.clone();
        let mut remap = HashMap::new();
        let mut objects = Vec::new();
        for (i, o) in model.objects.iter().enumerate() {
            let Some(params) = self.objects.get(&o.path) else {
                continue;
            };
            let mut o = o.clone();
            o.params.retain(|p| params.contains(&p.name));
            remap.insert(i, objects.len());
            objects.push(o);
        }
        for o in &mut objects {
            o.parent = o.parent.and_then(|p| remap.get(&p).copied());
        }
        out.objects = objects;
        out
    }
}

/// Every profile a profile stands for: itself, its `base` chain and what it `extends`.
fn expand_profile<'m>(model: &'m Model, name: &str, out: &mut Vec<&'m Profile>) -> bool {
    let Some(p) = model.profile(name) else {
        return false;
    };
    if out.iter().any(|q| q.name == p.name) {
        return true;
    }
    out.push(p);
    let mut ok = true;
    for dep in p.base.iter().chain(&p.extends) {
        ok &= expand_profile(model, dep, out);
    }
    ok
}

/// Applies a [`Selection`] to a model.
pub fn select(model: &Model, sel: &Selection, span: Span, diags: &mut Diagnostics) -> Model {
    if sel.is_everything() {
        return model.clone();
    }
    let mut kept = Kept::default();
    let mut any_rule = false;
    for name in &sel.profiles {
        any_rule = true;
        let mut profiles = Vec::new();
        if !expand_profile(model, name, &mut profiles) {
            diags.error(
                span,
                format!(
                    "model `{}` has no profile `{name}` (or one it builds on)",
                    model.name
                ),
            );
            continue;
        }
        for p in profiles {
            for o in &p.objects {
                if model.object(&o.path).is_none() {
                    continue;
                }
                kept.object(&o.path);
                for (param, _) in &o.params {
                    kept.param(&o.path, param);
                }
            }
        }
    }
    for pat in &sel.include {
        any_rule = true;
        let mut hit = false;
        for o in &model.objects {
            let whole = matches(pat, &o.path);
            if whole {
                kept.object(&o.path);
            }
            for p in &o.params {
                // A subtree pattern selects objects; a parameter is selected by its own path.
                if whole || (!pat.ends_with('.') && matches(pat, &format!("{}{}", o.path, p.name)))
                {
                    kept.param(&o.path, &p.name);
                    hit = true;
                }
            }
            hit |= whole;
        }
        if !hit {
            diags.error(
                span,
                format!(
                    "include pattern `{pat}` matches nothing in `{}`",
                    model.name
                ),
            );
        }
    }
    if !any_rule {
        for o in &model.objects {
            let set = kept.object(&o.path);
            set.extend(o.params.iter().map(|p| p.name.clone()));
        }
    }
    for pat in &sel.exclude {
        kept.objects.retain(|path, _| !matches(pat, path));
        if !pat.ends_with('.') {
            for (path, params) in kept.objects.iter_mut() {
                params.retain(|p| !matches(pat, &format!("{path}{p}")));
            }
        }
    }
    kept.complete(model);
    kept.apply(model)
}

/// Checks that a device keeps everything a claimed profile requires, with the access
/// it requires; reports every missing item.
pub fn check_profiles(
    full: &Model,
    kept: &Model,
    claims: &[String],
    span: Span,
    diags: &mut Diagnostics,
) {
    for claim in claims {
        let mut profiles = Vec::new();
        if !expand_profile(full, claim, &mut profiles) {
            diags.error(
                span,
                format!(
                    "the device claims profile `{claim}`, which `{}` does not define",
                    full.name
                ),
            );
            continue;
        }
        for p in profiles {
            for req in &p.objects {
                let Some(obj) = kept.object(&req.path) else {
                    diags.error(
                        span,
                        format!(
                            "the device claims profile `{claim}` but drops object `{}`",
                            req.path
                        ),
                    );
                    continue;
                };
                let need_add = matches!(req.requirement.as_str(), "create" | "createDelete");
                let need_del = matches!(req.requirement.as_str(), "delete" | "createDelete");
                if (need_add && !obj.access.can_add()) || (need_del && !obj.access.can_delete()) {
                    diags.error(
                        span,
                        format!(
                            "the device claims profile `{claim}`, which requires `{}` access to `{}`, but allows `{}`",
                            req.requirement,
                            req.path,
                            obj.access.as_str()
                        ),
                    );
                }
                for (name, requirement) in &req.params {
                    match obj.params.iter().find(|p| &p.name == name) {
                        None => diags.error(
                            span,
                            format!("the device claims profile `{claim}` but drops parameter `{}{name}`", req.path),
                        ),
                        Some(p) if requirement == "readWrite" && p.access == ParamAccess::ReadOnly => diags.error(
                            span,
                            format!(
                                "the device claims profile `{claim}`, which requires `{}{name}` to be writable",
                                req.path
                            ),
                        ),
                        Some(_) => {}
                    }
                }
            }
        }
    }
}

/// Narrows a model by the `<model ref=...>` element of a DT document.
pub fn device_type(
    model: &Model,
    doc: &Doc,
    scope: &Scope<'_>,
    el: &Element,
    diags: &mut Diagnostics,
) -> Model {
    let mut kept = Kept::default();
    let mut narrowed = model.clone();
    let visit_params = |obj_path: &str,
                        parent: &Element,
                        kept: &mut Kept,
                        narrowed: &mut Model,
                        diags: &mut Diagnostics| {
        let Some(oi) = narrowed.objects.iter().position(|o| o.path == obj_path) else {
            return;
        };
        for pel in parent.children_named("parameter") {
            let name = pel.name_attr("ref").unwrap_or_default();
            let Some(p) = narrowed.objects[oi]
                .params
                .iter_mut()
                .find(|p| p.name == name)
            else {
                diags.error(
                    doc.attr_at(pel, "ref"),
                    format!("`{}` has no parameter `{obj_path}{name}`", model.name),
                );
                continue;
            };
            kept.param(obj_path, name);
            if let Some(a) = pel.attr("access") {
                match ParamAccess::parse(a) {
                    Some(a) if a.within(p.access) => p.access = a,
                    Some(a) => diags.error(
                        doc.attr_at(pel, "access"),
                        format!(
                            "device type widens `{obj_path}{name}` from `{}` to `{}`",
                            p.access.as_str(),
                            a.as_str()
                        ),
                    ),
                    None => diags.recoverable(
                        doc.attr_at(pel, "access"),
                        format!("unknown parameter access `{a}`"),
                    ),
                }
            }
            match pel.attr("activeNotify") {
                Some("willDeny") => p.active_notify = ActiveNotify::WillDeny,
                Some("normal") | None => {}
                Some(other) => diags.recoverable(
                    doc.attr_at(pel, "activeNotify"),
                    format!("unknown activeNotify `{other}`"),
                ),
            }
            if let Some(s) = pel.child("syntax") {
                if let Some(new) = syntax::narrow_syntax(scope, &p.syntax, s, diags) {
                    p.syntax = new;
                }
            }
        }
    };
    // Parameters at the top of a service model sit directly in `<model>`.
    if narrowed.object("").is_some() {
        kept.object("");
        visit_params("", el, &mut kept, &mut narrowed, diags);
    }
    for oel in el.children_named("object") {
        let path = oel.name_attr("ref").unwrap_or_default().to_string();
        let Some(oi) = narrowed.objects.iter().position(|o| o.path == path) else {
            diags.error(
                doc.attr_at(oel, "ref"),
                format!("`{}` has no object `{path}`", model.name),
            );
            continue;
        };
        kept.object(&path);
        let o = &mut narrowed.objects[oi];
        if let Some(written) = oel.attr("access") {
            match ObjectAccess::parse(written) {
                Some(a) if a.within(o.access) => o.access = a,
                Some(_) => diags.error(
                    doc.attr_at(oel, "access"),
                    format!(
                        "device type widens object `{path}` from `{}` to `{written}`",
                        o.access.as_str()
                    ),
                ),
                None => diags.recoverable(
                    doc.attr_at(oel, "access"),
                    format!("unknown object access `{written}`"),
                ),
            }
        }
        if let Some(v) = oel.attr("minEntries").and_then(|v| v.parse::<u32>().ok()) {
            if v < o.min_entries {
                diags.error(
                    doc.attr_at(oel, "minEntries"),
                    format!("device type lowers minEntries of `{path}`"),
                );
            } else {
                o.min_entries = v;
            }
        }
        match oel.attr("maxEntries") {
            Some("unbounded") | None => {}
            Some(v) => match v.parse::<u32>() {
                Ok(v) if o.max_entries.is_none_or(|m| v <= m) => o.max_entries = Some(v),
                Ok(_) => diags.error(
                    doc.attr_at(oel, "maxEntries"),
                    format!("device type raises maxEntries of `{path}`"),
                ),
                Err(_) => diags.error(
                    doc.attr_at(oel, "maxEntries"),
                    format!("bad maxEntries `{v}`"),
                ),
            },
        }
        visit_params(&path, oel, &mut kept, &mut narrowed, diags);
    }
    kept.complete(&narrowed);
    kept.apply(&narrowed)
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn patterns_match_segments_and_subtrees() {
        assert!(matches("Device.LAN.", "Device.LAN."));
        assert!(matches("Device.LAN.", "Device.LAN.Stats."));
        assert!(!matches("Device.LAN.", "Device.LANDevice."));
        assert!(matches("Device.*.Stats.", "Device.LAN.Stats."));
        assert!(matches("Device.Host.*.", "Device.Host.{i}."));
        assert!(matches(
            "Device.DeviceInfo.Manufacturer",
            "Device.DeviceInfo.Manufacturer"
        ));
        assert!(!matches(
            "Device.DeviceInfo.Manufacturer",
            "Device.DeviceInfo.ManufacturerOUI"
        ));
        assert!(matches(
            "Device.DeviceInfo.*",
            "Device.DeviceInfo.Manufacturer"
        ));
        assert!(!matches(
            "Device.DeviceInfo.*",
            "Device.DeviceInfo.Processor."
        ));
    }
}

//! Documentation of what a device supports, generated from the same resolved
//! model as its code: Markdown, one self-contained HTML page, or CSV for ACS
//! import. One entry per object and parameter with access, type and facets,
//! default, notification rules, version, vendor marking and the description with
//! its BBF markup rendered ([`markup`]); a summary of models, profiles and counts
//! first.
//!
//! Like the rest of the compiler, this returns strings: the command line writes them.

mod csv;
pub(crate) mod facets;
mod html;
pub mod markup;
mod md;

use crate::diag::Diagnostics;
use crate::ir::{Device, Model, Object, Parameter, Status};
use facets::DefaultCell;
use markup::{Context, Definitions, ModelIndex, Rendered};
use std::collections::{HashMap, HashSet};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// GitHub-flavoured Markdown: a summary, then a section and a table per object.
    Markdown,
    /// One self-contained HTML page with a tree navigation and a filter box.
    Html,
    /// RFC 4180 CSV: a header row, then one row per object and parameter.
    Csv,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 3] = [Format::Markdown, Format::Html, Format::Csv];

    /// Parses `md`/`markdown`, `html`, `csv`.
    pub fn parse(s: &str) -> Option<Format> {
        Some(match s.to_ascii_lowercase().as_str() {
            "md" | "markdown" => Format::Markdown,
            "html" | "htm" => Format::Html,
            "csv" => Format::Csv,
            _ => return None,
        })
    }

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Csv => "csv",
        }
    }
}

/// Renders a device's documentation. `{{template|...}}` renders the template's
/// name and `{{datatype|expand}}` the type's name: use [`render_with`] and
/// [`Definitions::from_sources`] to expand them.
pub fn render(device: &Device, format: Format) -> String {
    render_with(device, format, &Definitions::new())
}

/// Renders a device's documentation, expanding templates and data type
/// descriptions from `definitions`.
pub fn render_with(device: &Device, format: Format, definitions: &Definitions) -> String {
    let doc = Doc::build(device, definitions);
    match format {
        Format::Markdown => md::write(&doc),
        Format::Html => html::write(&doc),
        Format::Csv => csv::write(&doc),
    }
}

/// What kind of entry a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Object,
    Parameter,
}

/// One object or parameter, everything already formatted.
#[derive(Debug)]
pub(crate) struct Row {
    pub(crate) kind: Kind,
    /// Full path as the ACS sees it (service models with their mount prefix).
    pub(crate) path: String,
    /// The parameter name, or the object path.
    pub(crate) name: String,
    pub(crate) anchor: String,
    pub(crate) access: &'static str,
    pub(crate) type_text: String,
    pub(crate) enumerations: Vec<String>,
    pub(crate) patterns: Vec<String>,
    pub(crate) units: Option<String>,
    /// Further facts: unique keys, counters, references.
    pub(crate) notes: Vec<String>,
    pub(crate) default: DefaultCell,
    pub(crate) notification: String,
    pub(crate) version: String,
    pub(crate) status: Option<&'static str>,
    pub(crate) vendor: Option<String>,
    pub(crate) model: String,
    pub(crate) description: Rendered,
}

/// An object and its parameters.
#[derive(Debug)]
pub(crate) struct Section {
    /// The object's row; `None` for the parameters at the top of a service model
    /// that has nowhere to mount.
    pub(crate) object: Option<Row>,
    pub(crate) path: String,
    pub(crate) anchor: String,
    pub(crate) params: Vec<Row>,
}

#[derive(Debug)]
pub(crate) struct ModelSummary {
    pub(crate) name: String,
    pub(crate) service: bool,
    pub(crate) mount: String,
    pub(crate) objects: usize,
    pub(crate) params: usize,
}

#[derive(Debug)]
pub(crate) struct ProfileStatus {
    pub(crate) model: String,
    pub(crate) name: String,
    pub(crate) claimed: bool,
    /// What the device lacks; empty when it satisfies the profile.
    pub(crate) problems: Vec<String>,
}

/// Everything the writers need, computed once.
#[derive(Debug)]
pub(crate) struct Doc {
    pub(crate) device: String,
    pub(crate) models: Vec<ModelSummary>,
    pub(crate) claimed: Vec<String>,
    pub(crate) profiles: Vec<ProfileStatus>,
    pub(crate) sections: Vec<Section>,
    pub(crate) objects: usize,
    pub(crate) params: usize,
    pub(crate) vendor_objects: usize,
    pub(crate) vendor_params: usize,
}

/// Where service models mount: `<root>.Services.` when the device has a root
/// model with that object.
fn mount_point(device: &Device) -> String {
    device
        .models
        .iter()
        .filter(|m| !m.is_service)
        .find_map(|m| {
            let top = m.objects.iter().find(|o| !o.path.is_empty())?;
            let seg = top.path.split('.').next()?;
            let services = format!("{seg}.Services.");
            m.object(&services).map(|_| services)
        })
        .unwrap_or_default()
}

fn profile_status(model: &Model, claims: &[String]) -> Vec<ProfileStatus> {
    model
        .profiles
        .iter()
        .map(|p| {
            let mut d = Diagnostics::new();
            crate::select::check_profiles(
                model,
                model,
                std::slice::from_ref(&p.name),
                model.span,
                &mut d,
            );
            ProfileStatus {
                model: model.name.clone(),
                name: p.name.clone(),
                claimed: claims.contains(&p.name),
                problems: d
                    .iter()
                    .map(|d| {
                        let claim = format!("the device claims profile `{}`", p.name);
                        d.message
                            .replace(&format!("{claim} but "), "")
                            .replace(&format!("{claim}, which "), "")
                    })
                    .collect(),
            }
        })
        .collect()
}

fn status(s: Status) -> Option<&'static str> {
    (s != Status::Current).then(|| s.as_str())
}

fn reference_note(p: &Parameter, ctx: &Context<'_>) -> Option<String> {
    let s = &p.syntax;
    if let Some(r) = &s.path_ref {
        let mut n = format!("reference to {}", r.target_type.as_deref().unwrap_or("any"));
        let parents: Vec<String> = r
            .target_parent
            .as_deref()
            .unwrap_or_default()
            .split_whitespace()
            .map(|t| markup::resolve_object(t, ctx))
            .collect();
        if !parents.is_empty() {
            n.push_str(&format!(" of {}", parents.join(" or ")));
        }
        if let Some(k) = &r.ref_type {
            n.push_str(&format!(" ({k})"));
        }
        return Some(n);
    }
    if let Some(r) = &s.instance_ref {
        return Some(format!(
            "instance number of a row of {}",
            markup::resolve_object(&r.target_parent, ctx)
        ));
    }
    s.enumeration_ref.as_ref().map(|r| {
        format!(
            "a value of {}",
            markup::resolve_parameter(&r.target_param, ctx)
        )
    })
}

fn object_row(model: &Model, ctx: Context<'_>, o: &Object, path: String) -> Row {
    let mut notes = Vec::new();
    if let Some(n) = &o.num_entries_param {
        notes.push(format!("number of entries: {n}"));
    }
    if let Some(e) = &o.enable_param {
        notes.push(format!("enable: {e}"));
    }
    for k in &o.unique_keys {
        notes.push(format!(
            "unique key{}: {}",
            if k.functional {
                ""
            } else {
                " (non-functional)"
            },
            k.params.join(", ")
        ));
    }
    Row {
        kind: Kind::Object,
        anchor: facets::anchor(&path),
        name: path.clone(),
        vendor: facets::vendor(&path),
        path,
        access: if o.is_table() {
            facets::object_access(o.access)
        } else {
            "R"
        },
        type_text: facets::object_type(o),
        enumerations: Vec::new(),
        patterns: Vec::new(),
        units: None,
        notes,
        default: DefaultCell::None,
        notification: String::new(),
        version: o.version.to_string(),
        status: status(o.status),
        model: model.name.clone(),
        description: markup::render(&o.description, &ctx.for_object(o)),
    }
}

fn param_row(model: &Model, ctx: Context<'_>, o: &Object, p: &Parameter, path: String) -> Row {
    let ctx = ctx.for_parameter(o, p);
    let s = &p.syntax;
    let mut desc = p.description.clone();
    // The values' own descriptions are shown where the text does not list them.
    if s.enumerations.iter().any(|e| !e.description.is_empty()) && !desc.contains("{{enum}}") {
        desc.push_str("\n\n{{enum}}");
    }
    Row {
        kind: Kind::Parameter,
        anchor: facets::anchor(&path),
        name: p.name.clone(),
        vendor: facets::vendor(&path),
        path,
        access: facets::param_access(p.access),
        type_text: facets::type_text(s),
        enumerations: s
            .enumerations
            .iter()
            .map(|e| {
                let mut flags = Vec::new();
                if e.read_only {
                    flags.push("read-only");
                }
                if e.status != Status::Current {
                    flags.push(e.status.as_str());
                }
                if flags.is_empty() {
                    e.value.clone()
                } else {
                    format!("{} ({})", e.value, flags.join(", "))
                }
            })
            .collect(),
        patterns: s.patterns.iter().map(|p| p.value.clone()).collect(),
        units: s.units.clone(),
        notes: reference_note(p, &ctx).into_iter().collect(),
        default: DefaultCell::of(s),
        notification: facets::notification(p),
        version: p.version.to_string(),
        status: status(p.status),
        model: model.name.clone(),
        description: markup::render(&desc, &ctx),
    }
}

impl Doc {
    fn build(device: &Device, definitions: &Definitions) -> Doc {
        let mount = mount_point(device);
        let display = |m: &Model, path: &str| {
            if m.is_service {
                format!("{mount}{path}")
            } else {
                path.to_string()
            }
        };
        let mut anchors = HashSet::new();
        for m in &device.models {
            for o in &m.objects {
                if !o.path.is_empty() {
                    anchors.insert(display(m, &o.path));
                }
                for p in &o.params {
                    anchors.insert(display(m, &format!("{}{}", o.path, p.name)));
                }
            }
        }
        let linker = |p: &str| {
            anchors
                .contains(p)
                .then(|| format!("#{}", facets::anchor(p)))
        };
        let mut sections: Vec<Section> = Vec::new();
        let mut by_path: HashMap<String, usize> = HashMap::new();
        let mut models = Vec::new();
        let mut profiles = Vec::new();
        for m in &device.models {
            let index = ModelIndex::new(m);
            let m_mount = if m.is_service { mount.as_str() } else { "" };
            let ctx = Context::new(m)
                .with_index(&index)
                .with_definitions(definitions)
                .with_linker(&linker)
                .with_mount(m_mount);
            for o in &m.objects {
                let path = display(m, &o.path);
                let params: Vec<Row> = o
                    .params
                    .iter()
                    .map(|p| param_row(m, ctx, o, p, display(m, &format!("{}{}", o.path, p.name))))
                    .collect();
                if o.path.is_empty() {
                    if params.is_empty() {
                        continue;
                    }
                    // The top of a service model: its parameters join the mount object.
                    if let Some(&i) = by_path.get(&path) {
                        sections[i].params.extend(params);
                        continue;
                    }
                }
                let object = (!o.path.is_empty()).then(|| object_row(m, ctx, o, path.clone()));
                by_path.insert(path.clone(), sections.len());
                sections.push(Section {
                    object,
                    anchor: facets::anchor(&path),
                    path,
                    params,
                });
            }
            models.push(ModelSummary {
                name: m.name.clone(),
                service: m.is_service,
                mount: m_mount.to_string(),
                objects: m.objects.iter().filter(|o| !o.path.is_empty()).count(),
                params: m.parameter_count(),
            });
            profiles.extend(profile_status(m, &device.profiles));
        }
        let rows = || {
            sections
                .iter()
                .flat_map(|s| s.object.iter().chain(&s.params))
        };
        let count = |kind: Kind, vendor: bool| {
            rows()
                .filter(|r| r.kind == kind && (!vendor || r.vendor.is_some()))
                .count()
        };
        Doc {
            device: device.name.clone(),
            claimed: device.profiles.clone(),
            objects: count(Kind::Object, false),
            params: count(Kind::Parameter, false),
            vendor_objects: count(Kind::Object, true),
            vendor_params: count(Kind::Parameter, true),
            models,
            profiles,
            sections,
        }
    }

    /// Every row in document order.
    pub(crate) fn rows(&self) -> impl Iterator<Item = &Row> {
        self.sections
            .iter()
            .flat_map(|s| s.object.iter().chain(&s.params))
    }

    /// The claimed profiles no model defines.
    pub(crate) fn undefined_claims(&self) -> Vec<&str> {
        self.claimed
            .iter()
            .filter(|c| !self.profiles.iter().any(|p| &p.name == *c))
            .map(String::as_str)
            .collect()
    }
}

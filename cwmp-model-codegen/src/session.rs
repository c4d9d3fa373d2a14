//! One compilation: settings, the files read, the diagnostics, and the models resolved.

use crate::diag::Diagnostics;
use crate::ir::{Device, Model};
use crate::loader::{Doc, DocId, DocKind, ItemKind, Loader};
use crate::lower::lower;
use crate::resolve::Resolver;
use crate::select::{self, Selection};
use crate::source::{SourceMap, Span};
use crate::syntax::{Scope, Types};
use std::path::{Path, PathBuf};

/// What every front end (macro, build script, command line) configures.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Directories searched for imported files, after the importing file's own directory.
    pub search_path: Vec<PathBuf>,
    /// Turn recoverable schema violations into warnings.
    pub lenient: bool,
}

/// A compilation session.
pub struct Session {
    loader: Loader,
    diags: Diagnostics,
}

impl Session {
    /// A session with settings.
    pub fn new(settings: &Settings) -> Self {
        Session {
            loader: Loader::new(settings.search_path.clone()),
            diags: Diagnostics::lenient(settings.lenient),
        }
    }

    /// Reads a file and everything it imports.
    pub fn load(&mut self, path: &Path) -> Option<DocId> {
        self.loader.load_root(path, &mut self.diags)
    }

    /// The names of the models a document defines, in document order.
    pub fn model_names(&self, doc: DocId) -> Vec<String> {
        self.loader.docs[doc].model_names.clone()
    }

    /// Whether a document is a DM or a DT document.
    pub fn kind(&self, doc: DocId) -> DocKind {
        self.loader.docs[doc].kind
    }

    /// Resolves the models a document defines (or only `only`), reporting into the session.
    pub fn models(&mut self, doc: DocId, only: Option<&str>) -> Vec<Model> {
        let names: Vec<String> = match only {
            Some(n) => vec![n.to_string()],
            None => self.model_names(doc),
        };
        let mut resolver = Resolver::new(&self.loader, &mut self.diags);
        let mut out = Vec::new();
        let last = names.len().saturating_sub(1);
        for (i, name) in names.into_iter().enumerate() {
            match resolver.model(doc, &name, i < last) {
                Some(w) => {
                    let mut m = lower(w);
                    if let Some(d) = self.loader.docs.iter().find(|d| d.file == m.span.file) {
                        m.source_file = d
                            .path
                            .file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_default();
                        m.source_spec = d.spec.clone();
                    }
                    check_rust_names(&m, &mut resolver);
                    out.push(m);
                }
                None if only.is_some()
                    && self.loader.lookup(doc, ItemKind::Model, &name).is_none() =>
                {
                    let span = self.loader.docs[doc].at(&self.loader.docs[doc].root);
                    resolver_error(&mut resolver, span, &name);
                }
                None => {}
            }
        }
        out
    }

    /// Resolves a device from its description: DT documents narrow the model they
    /// reference; a DM document means every model it defines, whole (or `only`).
    /// The selection then narrows further, and the claimed profiles are checked.
    pub fn device(
        &mut self,
        docs: &[DocId],
        only: Option<&str>,
        selection: &Selection,
        claims: &[String],
    ) -> Option<Device> {
        let errors_before = self.diags.error_count();
        let mut name = None;
        let mut uuid = None;
        let mut models = Vec::new();
        let mut full_models = Vec::new();
        // Profiles a DT document claims for its model: (index in `models`, name, where).
        let mut doc_claims: Vec<(usize, String, Span)> = Vec::new();
        for &doc in docs {
            let d = &self.loader.docs[doc];
            let span = d.at(&d.root);
            if self.kind(doc) == DocKind::DeviceType {
                name.get_or_insert_with(|| {
                    d.root.attr("deviceType").unwrap_or_default().to_string()
                });
                if uuid.is_none() {
                    uuid = d.root.attr("uuid").map(str::to_string);
                }
                let Some(el) = d.root.child("model") else {
                    self.diags
                        .error(span, "device-type document without a `<model ref=...>`");
                    continue;
                };
                let Some(model_name) = el.name_attr("ref") else {
                    self.diags.error(d.at(el), "`<model>` without `ref`");
                    continue;
                };
                let model_name = model_name.to_string();
                let full = self.models(doc, Some(&model_name)).pop();
                let Some(full) = full else { continue };
                let d = &self.loader.docs[doc];
                let el = d.root.child("model").expect("checked above");
                let scope = Scope {
                    loader: &self.loader,
                    doc,
                };
                models.push(select::device_type(&full, d, &scope, el, &mut self.diags));
                full_models.push(full);
                for (claim, at) in instruction_claims(d, &mut self.diags) {
                    doc_claims.push((models.len() - 1, claim, at));
                }
            } else {
                name.get_or_insert_with(|| {
                    d.path
                        .file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_default()
                });
                let ms = self.models(doc, only);
                full_models.extend(ms.iter().cloned());
                models.extend(ms);
            }
        }
        let span = docs
            .first()
            .map(|&d| self.loader.docs[d].at(&self.loader.docs[d].root))?;
        // Root model first: services mount below it.
        let mut order: Vec<usize> = (0..models.len()).collect();
        order.sort_by_key(|&i| models[i].is_service);
        let models: Vec<Model> = order.iter().map(|&i| models[i].clone()).collect();
        for (i, _, _) in &mut doc_claims {
            *i = order.iter().position(|&o| o == *i).unwrap_or(*i);
        }
        let full_models: Vec<Model> = order.iter().map(|&i| full_models[i].clone()).collect();
        let mut out = Vec::new();
        for m in &models {
            let mine = Selection {
                profiles: selection
                    .profiles
                    .iter()
                    .filter(|p| m.profile(p).is_some())
                    .cloned()
                    .collect(),
                include: selection
                    .include
                    .iter()
                    .filter(|p| covers(m, p))
                    .cloned()
                    .collect(),
                exclude: selection.exclude.clone(),
            };
            out.push(select::select(m, &mine, span, &mut self.diags));
        }
        for p in &selection.profiles {
            if !models.iter().any(|m| m.profile(p).is_some()) {
                self.diags.error(
                    span,
                    format!("no model of this device defines profile `{p}`"),
                );
            }
        }
        for pat in &selection.include {
            if !models.iter().any(|m| covers(m, pat)) {
                self.diags.error(
                    span,
                    format!("include pattern `{pat}` matches no model of this device"),
                );
            }
        }
        for claim in claims {
            match models.iter().position(|m| m.profile(claim).is_some()) {
                Some(i) => select::check_profiles(
                    &models[i],
                    &out[i],
                    std::slice::from_ref(claim),
                    span,
                    &mut self.diags,
                ),
                None => self.diags.error(
                    span,
                    format!(
                        "the device claims profile `{claim}`, which none of its models defines"
                    ),
                ),
            }
        }
        let mut profiles = claims.to_vec();
        for (i, claim, at) in doc_claims {
            if models[i].profile(&claim).is_none() {
                self.diags.error(
                    at,
                    format!(
                        "the device claims profile `{claim}`, which `{}` does not define",
                        models[i].name
                    ),
                );
                continue;
            }
            select::check_profiles(
                &models[i],
                &out[i],
                std::slice::from_ref(&claim),
                at,
                &mut self.diags,
            );
            if !profiles.contains(&claim) {
                profiles.push(claim);
            }
        }
        (self.diags.error_count() == errors_before).then(|| Device {
            name: name.unwrap_or_default(),
            models: out,
            profiles,
            uuid,
            full_models,
        })
    }

    /// Checks a document: resolves every model and named data type it defines, and
    /// the device a DT document describes.
    pub fn check(&mut self, doc: DocId) -> Vec<Model> {
        if self.kind(doc) == DocKind::DeviceType {
            return self
                .device(&[doc], None, &Selection::default(), &[])
                .map(|d| d.models)
                .unwrap_or_default();
        }
        let models = self.models(doc, None);
        let mut types = Types::default();
        let d = &self.loader.docs[doc];
        let scope = Scope {
            loader: &self.loader,
            doc,
        };
        let mut names: Vec<&String> = d
            .defs
            .keys()
            .filter(|(k, _)| *k == ItemKind::DataType)
            .map(|(_, n)| n)
            .collect();
        names.sort();
        for name in names {
            let el = &d.root.children[d.defs[&(ItemKind::DataType, name.clone())]];
            types.resolve(&scope, name, el, &mut self.diags);
        }
        models
    }

    /// The diagnostics so far.
    pub fn diagnostics(&self) -> &Diagnostics {
        &self.diags
    }

    /// The files read so far.
    pub fn sources(&self) -> &SourceMap {
        &self.loader.sources
    }

    /// Adds diagnostics of a later pass (code generation) to the session's.
    pub fn absorb(&mut self, diags: Diagnostics) {
        for d in diags.into_vec() {
            self.diags.push(d);
        }
    }

    /// Each diagnostic rendered with its position and snippet.
    pub fn render_diagnostics(&self) -> Vec<String> {
        self.diags
            .iter()
            .map(|d| d.render(&self.loader.sources))
            .collect()
    }
}

/// Whether a path pattern is about this model (its first segment names one of the
/// model's top-level objects).
fn covers(model: &Model, pattern: &str) -> bool {
    let first = pattern.split('.').next().unwrap_or_default();
    first == "*"
        || model
            .objects
            .iter()
            .any(|o| o.path.split('.').next() == Some(first))
}

/// Two siblings whose BBF names map to one Rust identifier cannot both be generated.
fn check_rust_names(m: &Model, r: &mut Resolver<'_>) {
    let mut children: Vec<Vec<&str>> = vec![Vec::new(); m.objects.len()];
    for o in &m.objects {
        if let Some(p) = o.parent {
            children[p].push(&o.name);
        }
    }
    for (o, kids) in m.objects.iter().zip(children) {
        let names = o.params.iter().map(|p| p.name.as_str()).chain(kids);
        for c in crate::naming::find_collisions(names, crate::naming::field_name) {
            let span = o
                .params
                .iter()
                .find(|p| p.name == c.second)
                .map_or(o.span, |p| p.span);
            r.error(span, format!("in `{}`: {}", o.path, c.message()));
        }
    }
}

fn resolver_error(r: &mut Resolver<'_>, span: crate::source::Span, name: &str) {
    r.error(
        span,
        format!("no model `{name}` is defined or imported here"),
    );
}

/// The profiles a DT document claims for its model:
/// `<?cwmp-model claims="Baseline:1 Time:1"?>` inside the root element (the
/// DT schema has no element for claims, and a processing instruction keeps
/// the document valid). Other pseudo-attributes are warned about.
fn instruction_claims(doc: &Doc, diags: &mut Diagnostics) -> Vec<(String, Span)> {
    let mut out = Vec::new();
    for pi in doc
        .instructions
        .iter()
        .filter(|p| &*p.target == "cwmp-model")
    {
        let at = doc.span(pi.offset);
        let Some(attrs) = pi.pseudo_attrs() else {
            diags.warning(
                at,
                "cannot read this `cwmp-model` instruction: expected `name=\"value\"` pairs",
            );
            continue;
        };
        for (name, value) in attrs {
            if name == "claims" {
                out.extend(value.split_whitespace().map(|c| (c.to_string(), at)));
            } else {
                diags.warning(
                    at,
                    format!("unknown `cwmp-model` instruction `{name}` (known: `claims`)"),
                );
            }
        }
    }
    out
}

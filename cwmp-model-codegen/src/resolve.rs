//! Building models: `base=` models, components expanded at their path, objects and
//! parameters defined or modified, profiles collected. The result is a working model
//! that [`crate::lower`] turns into the IR.

use crate::diag::{Diagnostic, Diagnostics};
use crate::ir::{
    ActiveNotify, ObjectAccess, ParamAccess, Profile, ProfileObject, Status, Syntax, UniqueKey,
    Version,
};
use crate::loader::{DocId, ItemKind, Loader};
use crate::source::Span;
use crate::syntax::{self, dedent, Scope, Types};
use crate::xml::Element;
use indexmap::IndexMap;
use std::collections::HashMap;

/// An object while its model is being built.
#[derive(Debug, Clone)]
pub struct WObject {
    pub(crate) path: String,
    pub(crate) access: ObjectAccess,
    pub(crate) min_entries: u32,
    pub(crate) max_entries: Option<u32>,
    pub(crate) num_entries: Option<String>,
    pub(crate) enable: Option<String>,
    pub(crate) unique_keys: Vec<UniqueKey>,
    pub(crate) version: Option<Version>,
    /// The `version` of the component reference that created it.
    pub(crate) floor: Option<Version>,
    pub(crate) status: Status,
    pub(crate) description: String,
    pub(crate) params: IndexMap<String, WParam>,
    pub(crate) span: Span,
}

/// A parameter while its model is being built.
#[derive(Debug, Clone)]
pub struct WParam {
    pub(crate) name: String,
    pub(crate) access: ParamAccess,
    pub(crate) active_notify: ActiveNotify,
    pub(crate) forced_inform: bool,
    pub(crate) syntax: Syntax,
    pub(crate) version: Option<Version>,
    /// The `version` of the component reference that created it.
    pub(crate) floor: Option<Version>,
    pub(crate) status: Status,
    pub(crate) description: String,
    pub(crate) span: Span,
}

/// A model while it is being built.
#[derive(Debug, Clone)]
pub struct WModel {
    pub(crate) name: String,
    pub(crate) is_service: bool,
    pub(crate) objects: IndexMap<String, WObject>,
    pub(crate) profiles: IndexMap<String, Profile>,
    pub(crate) span: Span,
}

/// Where the children of a model, component or object are being applied.
#[derive(Clone)]
struct Ctx {
    doc: DocId,
    /// Prefix of object names (`Device.` inside `<component path="Device.">`).
    path: String,
    /// The `version` of the component references being expanded: a floor for items.
    floor: Option<Version>,
}

/// Resolves models, each once.
pub struct Resolver<'a> {
    loader: &'a Loader,
    diags: &'a mut Diagnostics,
    types: Types,
    models: HashMap<(DocId, usize), Option<WModel>>,
    active_models: Vec<(DocId, usize)>,
    active_components: Vec<(DocId, usize)>,
}

impl<'a> Resolver<'a> {
    /// A resolver over loaded documents.
    pub fn new(loader: &'a Loader, diags: &'a mut Diagnostics) -> Self {
        Resolver {
            loader,
            diags,
            types: Types::default(),
            models: HashMap::new(),
            active_models: Vec::new(),
            active_components: Vec::new(),
        }
    }

    fn span(&self, doc: DocId, el: &Element) -> Span {
        self.loader.docs[doc].at(el)
    }

    fn attr_span(&self, doc: DocId, el: &Element, attr: &str) -> Span {
        self.loader.docs[doc].attr_at(el, attr)
    }

    /// Resolves the model a name means in a document; `keep` keeps a copy for
    /// models resolved later that are based on it.
    pub fn model(&mut self, doc: DocId, name: &str, keep: bool) -> Option<WModel> {
        let found = self.loader.lookup(doc, ItemKind::Model, name)?;
        let model = self.model_at(found)?;
        if keep {
            self.models.insert(found, Some(model.clone()));
        }
        Some(model)
    }

    /// Builds a model, or takes it from the cache: a model is usually the base of at
    /// most one other, so taking it out saves copying the largest structure we have.
    fn model_at(&mut self, found: (DocId, usize)) -> Option<WModel> {
        if let Some(done) = self.models.remove(&found) {
            return done;
        }
        let el = self.loader.element(found);
        if self.active_models.contains(&found) {
            let span = self.span(found.0, el);
            self.diags.error(
                span,
                format!(
                    "model `{}` is based on itself",
                    el.name_attr("name").unwrap_or("?")
                ),
            );
            return None;
        }
        self.active_models.push(found);
        let result = self.build_model(found.0, el);
        self.active_models.pop();
        if result.is_none() {
            // Remembered so that a broken model is reported once.
            self.models.insert(found, None);
        }
        result
    }

    fn build_model(&mut self, doc: DocId, el: &'a Element) -> Option<WModel> {
        let span = self.span(doc, el);
        let name = el.name_attr("name").unwrap_or_default().to_string();
        self.check_attrs(doc, el, &["name", "base", "isService", "ref", "id"]);
        let mut model = match el.name_attr("base") {
            Some(base) => {
                let Some(found) = self.loader.lookup(doc, ItemKind::Model, base) else {
                    let at = self.attr_span(doc, el, "base");
                    self.diags
                        .error(at, format!("unknown base model `{base}` (is it imported?)"));
                    return None;
                };
                let mut m = self.model_at(found)?;
                m.name = name.clone();
                m.span = span;
                m
            }
            None => WModel {
                name: name.clone(),
                is_service: false,
                objects: IndexMap::new(),
                profiles: IndexMap::new(),
                span,
            },
        };
        if let Some(s) = el.attr("isService") {
            model.is_service = s == "true" || s == "1";
        }
        let ctx = Ctx {
            doc,
            path: String::new(),
            floor: None,
        };
        self.apply_children(&mut model, el, &ctx);
        Some(model)
    }

    /// Applies the children of a model or component.
    fn apply_children(&mut self, model: &mut WModel, el: &'a Element, ctx: &Ctx) {
        for child in &el.children {
            match child.local_name() {
                "object" => self.object(model, child, ctx),
                "parameter" => {
                    let path = ctx.path.clone();
                    if !model.objects.contains_key(&path) {
                        if path.is_empty() {
                            // The top of a service model holds parameters without an object.
                            let span = self.span(ctx.doc, child);
                            model
                                .objects
                                .insert(path.clone(), new_object(path.clone(), span));
                        } else {
                            let span = self.span(ctx.doc, child);
                            self.diags.error(
                                span,
                                format!("parameter outside an object: no object `{path}`"),
                            );
                            continue;
                        }
                    }
                    self.parameter(model, &path, child, ctx);
                }
                "component" => self.component(model, child, ctx, None),
                "profile" => self.profile(model, child, ctx),
                "description" | "annotation" | "command" | "event" => {}
                other => {
                    let span = self.span(ctx.doc, child);
                    self.diags
                        .recoverable(span, format!("unexpected element `<{other}>` here"));
                }
            }
        }
    }

    fn component(&mut self, model: &mut WModel, el: &'a Element, ctx: &Ctx, object: Option<&str>) {
        let span = self.span(ctx.doc, el);
        let Some(name) = el.name_attr("ref") else {
            self.diags.error(span, "component reference without `ref`");
            return;
        };
        let Some(found) = self.loader.lookup(ctx.doc, ItemKind::Component, name) else {
            let at = self.attr_span(ctx.doc, el, "ref");
            self.diags.error(
                at,
                format!("unknown component `{name}` (is it defined or imported?)"),
            );
            return;
        };
        if self.active_components.contains(&found) {
            self.diags
                .error(span, format!("component `{name}` includes itself"));
            return;
        }
        let version = match el.attr("version") {
            Some(v) => match Version::parse(v) {
                Some(v) => Some(v),
                None => {
                    let at = self.attr_span(ctx.doc, el, "version");
                    self.diags.error(at, format!("bad version `{v}`"));
                    None
                }
            },
            None => None,
        };
        let base = object.unwrap_or(&ctx.path);
        let inner = Ctx {
            doc: found.0,
            path: format!("{base}{}", el.attr("path").unwrap_or_default()),
            floor: ctx.floor.max(version),
        };
        self.active_components.push(found);
        let comp = self.loader.element(found);
        self.apply_children(model, comp, &inner);
        self.active_components.pop();
    }

    fn version_attr(&mut self, doc: DocId, el: &Element) -> Option<Version> {
        let v = el.attr("version")?;
        let parsed = Version::parse(v);
        if parsed.is_none() {
            let at = self.attr_span(doc, el, "version");
            self.diags
                .error(at, format!("bad version `{v}` (expected major.minor)"));
        }
        parsed
    }

    fn status_attr(&mut self, doc: DocId, el: &Element) -> Option<Status> {
        let v = el.attr("status")?;
        let parsed = Status::parse(v);
        if parsed.is_none() {
            let at = self.attr_span(doc, el, "status");
            self.diags.recoverable(at, format!("unknown status `{v}`"));
        }
        parsed
    }

    fn object(&mut self, model: &mut WModel, el: &'a Element, ctx: &Ctx) {
        let doc = ctx.doc;
        let span = self.span(doc, el);
        self.check_attrs(
            doc,
            el,
            &[
                "name",
                "base",
                "access",
                "minEntries",
                "maxEntries",
                "numEntriesParameter",
                "enableParameter",
                "status",
                "id",
                "version",
                "mountType",
                "dmr:previousObject",
                "dmr:previousParameter",
                "dmr:noUniqueKeys",
                "dmr:fixedObject",
                "dmr:version",
                "dmr:noDiscriminatorParameter",
                "discriminatorParameter",
            ],
        );
        let (path, creating) = match (el.name_attr("name"), el.name_attr("base")) {
            (Some(n), None) => (format!("{}{n}", ctx.path), true),
            (None, Some(b)) => (format!("{}{b}", ctx.path), false),
            (Some(_), Some(_)) => {
                self.diags.error(span, "object has both `name` and `base`");
                return;
            }
            (None, None) => {
                self.diags.error(span, "object needs `name` or `base`");
                return;
            }
        };
        if !path.ends_with('.') {
            self.diags
                .error(span, format!("object name `{path}` must end with `.`"));
            return;
        }
        let exists = model.objects.contains_key(&path);
        if creating && exists {
            let first = model.objects[&path].span;
            self.diags.push(
                Diagnostic::error(
                    span,
                    format!("object `{path}` is already defined; use `base=` to modify it"),
                )
                .with_note(first, "first defined here"),
            );
            return;
        }
        if !creating && !exists {
            // Some BBF component files modify objects that their own model never
            // defines (WiFiBase:2.16 modifies `Device.WiFi.`); the BBF tools create them.
            let at = self.attr_span(doc, el, "base");
            self.diags.warning(
                at,
                format!("object `{path}` to modify is not defined; it is created here"),
            );
        }
        if !exists {
            let mut obj = new_object(path.clone(), span);
            obj.version = self.version_attr(doc, el);
            obj.floor = ctx.floor;
            model.objects.insert(path.clone(), obj);
        }
        let mut access = None;
        if let Some(a) = el.attr("access") {
            access = ObjectAccess::parse(a);
            if access.is_none() {
                let at = self.attr_span(doc, el, "access");
                self.diags.recoverable(
                    at,
                    format!("unknown object access `{a}` (expected readOnly or readWrite)"),
                );
            }
        }
        let min = self.entries(doc, el, "minEntries");
        let max = match el.attr("maxEntries") {
            Some("unbounded") => Some(None),
            Some(_) => self.entries(doc, el, "maxEntries").map(Some),
            None => None,
        };
        let status = self.status_attr(doc, el);
        let obj = model.objects.get_mut(&path).expect("object inserted above");
        if let Some(a) = access {
            obj.access = a;
        }
        if let Some(m) = min {
            obj.min_entries = m;
        }
        if let Some(m) = max {
            obj.max_entries = m;
        }
        if let Some(n) = el.attr("numEntriesParameter") {
            obj.num_entries = Some(n.to_string());
        }
        if let Some(n) = el.attr("enableParameter") {
            obj.enable = Some(n.to_string());
        }
        if let Some(s) = status {
            obj.status = s;
        }
        if let (Some(lo), Some(hi)) = (Some(obj.min_entries), obj.max_entries) {
            if lo > hi {
                self.diags.error(
                    span,
                    format!("object `{path}` has minEntries {lo} greater than maxEntries {hi}"),
                );
            }
        }
        apply_description(&mut obj.description, el);
        for child in &el.children {
            match child.local_name() {
                "parameter" => self.parameter(model, &path, child, ctx),
                "uniqueKey" => {
                    let key = UniqueKey {
                        functional: child.attr("functional") != Some("false"),
                        params: child
                            .children_named("parameter")
                            .filter_map(|p| p.name_attr("ref").map(str::to_string))
                            .collect(),
                    };
                    let obj = model.objects.get_mut(&path).expect("object exists");
                    if !obj.unique_keys.contains(&key) {
                        obj.unique_keys.push(key);
                    }
                }
                "component" => self.component(model, child, ctx, Some(&path)),
                "description" | "annotation" | "command" | "event" => {}
                other => {
                    let s = self.span(doc, child);
                    self.diags
                        .recoverable(s, format!("unexpected element `<{other}>` in an object"));
                }
            }
        }
    }

    fn entries(&mut self, doc: DocId, el: &Element, attr: &str) -> Option<u32> {
        let v = el.attr(attr)?;
        match v.parse() {
            Ok(n) => Some(n),
            Err(_) => {
                let at = self.attr_span(doc, el, attr);
                self.diags
                    .error(at, format!("`{attr}` must be a whole number, not `{v}`"));
                None
            }
        }
    }

    fn parameter(&mut self, model: &mut WModel, path: &str, el: &'a Element, ctx: &Ctx) {
        let doc = ctx.doc;
        let span = self.span(doc, el);
        self.check_attrs(
            doc,
            el,
            &[
                "name",
                "base",
                "access",
                "activeNotify",
                "forcedInform",
                "status",
                "id",
                "version",
                "mandatory",
                "dmr:previousParameter",
                "dmr:version",
                "dmr:customNumEntriesParameter",
                "dmr:noNameCheck",
            ],
        );
        let (name, creating) = match (el.name_attr("name"), el.name_attr("base")) {
            (Some(n), None) => (n, true),
            (None, Some(b)) => (b, false),
            _ => {
                self.diags
                    .error(span, "parameter needs exactly one of `name` and `base`");
                return;
            }
        };
        let exists = model.objects[path].params.contains_key(name);
        if creating && exists {
            let first = model.objects[path].params[name].span;
            self.diags.push(
                Diagnostic::error(
                    span,
                    format!(
                        "parameter `{path}{name}` is already defined; use `base=` to modify it"
                    ),
                )
                .with_note(first, "first defined here"),
            );
            return;
        }
        if !creating && !exists {
            let at = self.attr_span(doc, el, "base");
            self.diags.error(
                at,
                format!("parameter `{path}{name}` to modify does not exist"),
            );
            return;
        }
        let scope = Scope {
            loader: self.loader,
            doc,
        };
        let syntax = match (el.child("syntax"), creating) {
            (Some(s), true) => syntax::read_syntax(&mut self.types, &scope, s, self.diags),
            (Some(s), false) => {
                let old = &model.objects[path].params[name].syntax;
                syntax::modify_syntax(&mut self.types, &scope, old, s, self.diags)
            }
            (None, true) => {
                self.diags
                    .error(span, format!("parameter `{path}{name}` has no syntax"));
                None
            }
            (None, false) => None,
        };
        if creating && syntax.is_none() {
            return;
        }
        let access = el.attr("access").and_then(|a| {
            let p = ParamAccess::parse(a);
            if p.is_none() {
                let at = self.attr_span(doc, el, "access");
                self.diags
                    .recoverable(at, format!("unknown parameter access `{a}`"));
            }
            p
        });
        let notify = el.attr("activeNotify").and_then(|a| {
            let p = ActiveNotify::parse(a).filter(|n| *n != ActiveNotify::WillDeny);
            if p.is_none() {
                let at = self.attr_span(doc, el, "activeNotify");
                self.diags
                    .recoverable(at, format!("unknown activeNotify `{a}`"));
            }
            p
        });
        let status = self.status_attr(doc, el);
        let version = self.version_attr(doc, el);
        let obj = model.objects.get_mut(path).expect("object exists");
        if creating {
            obj.params.insert(
                name.to_string(),
                WParam {
                    name: name.to_string(),
                    access: ParamAccess::ReadOnly,
                    active_notify: ActiveNotify::Normal,
                    forced_inform: false,
                    syntax: syntax.clone().expect("checked above"),
                    version,
                    floor: ctx.floor,
                    status: Status::Current,
                    description: String::new(),
                    span,
                },
            );
        }
        let p = obj.params.get_mut(name).expect("parameter exists");
        if let Some(s) = syntax {
            p.syntax = s;
        }
        if let Some(a) = access {
            p.access = a;
        }
        if let Some(n) = notify {
            p.active_notify = n;
        }
        if let Some(f) = el.attr("forcedInform") {
            p.forced_inform = f == "true" || f == "1";
        }
        if let Some(s) = status {
            p.status = s;
        }
        apply_description(&mut p.description, el);
    }

    fn profile(&mut self, model: &mut WModel, el: &'a Element, ctx: &Ctx) {
        let doc = ctx.doc;
        let span = self.span(doc, el);
        let name = match (el.name_attr("name"), el.name_attr("base")) {
            (Some(n), _) => n,
            // A profile with only `base` amends that profile (TR-143 deletes items this way).
            (None, Some(b)) if model.profiles.contains_key(b) => b,
            (None, Some(b)) => {
                let at = self.attr_span(doc, el, "base");
                self.diags
                    .error(at, format!("profile `{b}` to modify does not exist"));
                return;
            }
            (None, None) => {
                self.diags.error(span, "profile without a `name`");
                return;
            }
        };
        let amending = el.name_attr("name").is_none();
        if let (false, Some(prev)) = (amending, model.profiles.get(name)) {
            let first = prev.span;
            self.diags.push(
                Diagnostic::error(span, format!("duplicate profile `{name}`"))
                    .with_note(first, "first defined here"),
            );
            return;
        }
        let mut objects = Vec::new();
        for child in &el.children {
            match child.local_name() {
                "object" if child.attr("status") == Some("deleted") => {}
                "object" => {
                    let path =
                        format!("{}{}", ctx.path, child.name_attr("ref").unwrap_or_default());
                    let params = child
                        .children_named("parameter")
                        .filter(|p| p.attr("status") != Some("deleted"))
                        .map(|p| {
                            (
                                p.name_attr("ref").unwrap_or_default().to_string(),
                                p.attr("requirement").unwrap_or("readOnly").to_string(),
                            )
                        })
                        .collect();
                    objects.push(ProfileObject {
                        path,
                        requirement: child
                            .attr("requirement")
                            .unwrap_or("notSpecified")
                            .to_string(),
                        params,
                    });
                }
                "parameter" => objects.push(ProfileObject {
                    path: ctx.path.clone(),
                    requirement: "notSpecified".to_string(),
                    params: vec![(
                        child.name_attr("ref").unwrap_or_default().to_string(),
                        child.attr("requirement").unwrap_or("readOnly").to_string(),
                    )],
                }),
                _ => {}
            }
        }
        if amending {
            let profile = model.profiles.get_mut(name).expect("checked above");
            let deleted: Vec<String> = el
                .children_named("object")
                .filter(|o| o.attr("status") == Some("deleted"))
                .map(|o| format!("{}{}", ctx.path, o.name_attr("ref").unwrap_or_default()))
                .collect();
            profile.objects.retain(|o| !deleted.contains(&o.path));
            for el_obj in el.children_named("object") {
                let path = format!(
                    "{}{}",
                    ctx.path,
                    el_obj.name_attr("ref").unwrap_or_default()
                );
                let gone: Vec<&str> = el_obj
                    .children_named("parameter")
                    .filter(|p| p.attr("status") == Some("deleted"))
                    .filter_map(|p| p.name_attr("ref"))
                    .collect();
                for o in profile.objects.iter_mut().filter(|o| o.path == path) {
                    o.params.retain(|(n, _)| !gone.contains(&n.as_str()));
                }
            }
            for o in objects {
                match profile.objects.iter_mut().find(|x| x.path == o.path) {
                    Some(x) => {
                        x.requirement = o.requirement;
                        for p in o.params {
                            match x.params.iter_mut().find(|(n, _)| *n == p.0) {
                                Some(slot) => *slot = p,
                                None => x.params.push(p),
                            }
                        }
                    }
                    None => profile.objects.push(o),
                }
            }
            return;
        }
        model.profiles.insert(
            name.to_string(),
            Profile {
                name: name.to_string(),
                base: el.name_attr("base").map(str::to_string),
                extends: el.attr("extends").map_or_else(Vec::new, |e| {
                    e.split_whitespace().map(str::to_string).collect()
                }),
                objects,
                span,
            },
        );
    }

    /// Reports attributes that the schema does not define on this element.
    fn check_attrs(&mut self, doc: DocId, el: &Element, known: &[&str]) {
        for a in &el.attrs {
            let n = &*a.name;
            if known.contains(&n) || n.starts_with("xmlns") || n.starts_with("xsi:") {
                continue;
            }
            // Attributes in other namespaces (dmr:, vendor prefixes) are annotations.
            if n.contains(':') {
                continue;
            }
            let span = self.loader.docs[doc].attr_at(el, n);
            self.diags.recoverable(
                span,
                format!("unknown attribute `{n}` on `<{}>`", el.local_name()),
            );
        }
    }
}

fn new_object(path: String, span: Span) -> WObject {
    WObject {
        path,
        access: ObjectAccess::ReadOnly,
        min_entries: 1,
        max_entries: Some(1),
        num_entries: None,
        enable: None,
        unique_keys: Vec::new(),
        version: None,
        floor: None,
        status: Status::Current,
        description: String::new(),
        params: IndexMap::new(),
        span,
    }
}

/// Applies a `<description action="...">` to an item's description.
fn apply_description(desc: &mut String, el: &Element) {
    let Some(d) = el.child("description") else {
        return;
    };
    let text = dedent(&d.text);
    match d.attr("action") {
        Some("append") if !desc.is_empty() => {
            desc.push('\n');
            desc.push_str(&text);
        }
        Some("prefix") if !desc.is_empty() => {
            *desc = format!("{text}\n{desc}");
        }
        _ => *desc = text,
    }
}

impl Resolver<'_> {
    /// Records an error found by a caller while resolving.
    pub fn error(&mut self, span: Span, message: String) {
        self.diags.error(span, message);
    }
}

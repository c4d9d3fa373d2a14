//! A model's descriptor tables built at run time: the same
//! [`ModelDesc`] that [`descriptors`](super::descriptors) writes as
//! `static`s, made from the same [`Plan`] and leaked to get the `'static`
//! lifetime the engine wants. This is how a program runs a data model it
//! reads at run time (the `cwmp-model rpc` simulator) on the engine that
//! generated code uses, without compiling Rust.
//!
//! The item-level conversions (access, notification, status, version,
//! default kind, an object's entry counts) live here and the token writer
//! uses them too, so that emitted and leaked tables cannot disagree.

use cwmp_model_runtime::meta::{
    self, ActiveNotify, DefaultKind, ModelDesc, ObjectAccess, ObjectDesc, ParamAccess, ParamDesc,
    Status, UniqueKey, Version,
};
use cwmp_model_runtime::value::{Enumeration, ListFacet, Pattern, Range, Size, Syntax};

use super::plan::{plan, PObject, Plan, SizeKey, SyntaxKey};
use super::{check_values, runtime_base};
use crate::diag::Diagnostics;
use crate::ir::{self, Model};

/// Lays out `model` exactly as generated code does and builds its
/// descriptor tables, leaked. Problems found on the way go to `diags`, as
/// [`generate`](super::generate) reports them: the tables are built
/// regardless, so callers decide whether errors are fatal.
///
/// Every call leaks the tables (a few hundred bytes per parameter): call it
/// once per model for the life of the program.
pub fn leak_model(model: &Model, diags: &mut Diagnostics) -> &'static ModelDesc {
    let plan = plan(model, diags);
    check_values(&plan, diags);
    leak_plan(&plan)
}

/// The tables of a laid-out model, leaked.
pub(crate) fn leak_plan(plan: &Plan<'_>) -> &'static ModelDesc {
    // Parameters point into the syntax table, so it is leaked first.
    let syntaxes: &'static [Syntax] = leak_vec(plan.syntaxes.iter().map(syntax).collect());
    let objects = plan
        .objects
        .iter()
        .map(|o| {
            let facts = object_facts(plan, o);
            ObjectDesc {
                path: leak_str(o.path()),
                name: leak_str(o.name()),
                parent: o.parent,
                table: o.is_table(),
                access: facts.access,
                min_entries: facts.min_entries,
                max_entries: facts.max_entries,
                num_entries: o.num_entries,
                enable: o.enable,
                unique_keys: leak_vec(
                    o.unique_keys
                        .iter()
                        .map(|(functional, params)| UniqueKey {
                            functional: *functional,
                            params: leak_vec(params.clone()),
                        })
                        .collect(),
                ),
                first_param: o.first_param,
                param_count: o.param_count,
                children: leak_vec(o.children.clone()),
                version: facts.version,
                status: facts.status,
            }
        })
        .collect();
    let params = plan
        .params
        .iter()
        .map(|p| {
            let ir = p.ir;
            ParamDesc {
                name: leak_str(&ir.name),
                object: p.object,
                access: param_access(ir.access),
                active_notify: active_notify(ir.active_notify),
                forced_inform: ir.forced_inform,
                // `plan` gives every parameter the index of its entry in
                // `plan.syntaxes`, which `syntaxes` mirrors one to one.
                syntax: &syntaxes[p.syntax],
                data_type: ir.syntax.data_type.as_deref().map(leak_str),
                default: p
                    .default
                    .as_ref()
                    .map(|(kind, text)| (default_kind(*kind), leak_str(text))),
                version: version(ir.version),
                status: status(ir.status),
            }
        })
        .collect();
    Box::leak(Box::new(ModelDesc {
        name: leak_str(&plan.model.name),
        is_service: plan.model.is_service,
        objects: leak_vec(objects),
        params: leak_vec(params),
        parts: &[],
    }))
}

/// What an object descriptor says beyond the plan's indices.
pub(crate) struct ObjectFacts {
    pub access: ObjectAccess,
    pub min_entries: u32,
    pub max_entries: Option<u32>,
    pub version: Version,
    pub status: Status,
}

/// An object's access, entry counts, version and status; for the synthetic
/// top of a service model (no IR object), a read-only single object of the
/// model's version.
pub(crate) fn object_facts(plan: &Plan<'_>, o: &PObject<'_>) -> ObjectFacts {
    match o.ir {
        Some(ir) => ObjectFacts {
            access: object_access(ir.access),
            min_entries: ir.min_entries,
            max_entries: ir.max_entries,
            version: version(ir.version),
            status: status(ir.status),
        },
        None => ObjectFacts {
            access: ObjectAccess::ReadOnly,
            min_entries: 1,
            max_entries: Some(1),
            version: version(plan.model.version().unwrap_or_default()),
            status: Status::Current,
        },
    }
}

/// The runtime's object access: the model's `readWrite` is AddObject and
/// DeleteObject.
pub(crate) fn object_access(a: ir::ObjectAccess) -> ObjectAccess {
    match a {
        ir::ObjectAccess::ReadOnly => ObjectAccess::ReadOnly,
        ir::ObjectAccess::Create => ObjectAccess::Create,
        ir::ObjectAccess::Delete => ObjectAccess::Delete,
        ir::ObjectAccess::ReadWrite => ObjectAccess::CreateDelete,
    }
}

/// The runtime's parameter access.
pub(crate) fn param_access(a: ir::ParamAccess) -> ParamAccess {
    match a {
        ir::ParamAccess::ReadOnly => ParamAccess::ReadOnly,
        ir::ParamAccess::ReadWrite => ParamAccess::ReadWrite,
        ir::ParamAccess::WriteOnceReadOnly => ParamAccess::WriteOnceReadOnly,
    }
}

/// The runtime's `activeNotify` rule.
pub(crate) fn active_notify(a: ir::ActiveNotify) -> ActiveNotify {
    match a {
        ir::ActiveNotify::Normal => ActiveNotify::Normal,
        ir::ActiveNotify::ForceEnabled => ActiveNotify::ForceEnabled,
        ir::ActiveNotify::ForceDefaultEnabled => ActiveNotify::ForceDefaultEnabled,
        ir::ActiveNotify::CanDeny => ActiveNotify::CanDeny,
        ir::ActiveNotify::WillDeny => ActiveNotify::WillDeny,
    }
}

/// The runtime's status.
pub(crate) fn status(s: ir::Status) -> Status {
    match s {
        ir::Status::Current => Status::Current,
        ir::Status::Deprecated => Status::Deprecated,
        ir::Status::Obsoleted => Status::Obsoleted,
        ir::Status::Deleted => Status::Deleted,
    }
}

/// The runtime's version; parts beyond `u16` saturate (no BBF model has them).
pub(crate) fn version(v: ir::Version) -> Version {
    meta::Version {
        major: u16::try_from(v.major).unwrap_or(u16::MAX),
        minor: u16::try_from(v.minor).unwrap_or(u16::MAX),
    }
}

/// Where a default applies. The plan keeps only object and factory
/// defaults; anything else would be applied as an object default.
pub(crate) fn default_kind(k: ir::DefaultKind) -> DefaultKind {
    match k {
        ir::DefaultKind::Factory => DefaultKind::Factory,
        _ => DefaultKind::Object,
    }
}

/// A syntax of the plan's table, leaked.
fn syntax(s: &SyntaxKey) -> Syntax {
    Syntax {
        base: runtime_base(s.base),
        list: s
            .list
            .as_ref()
            .map(|(min_items, max_items, sizes, nested)| ListFacet {
                min_items: *min_items,
                max_items: *max_items,
                sizes: leak_sizes(sizes),
                nested_brackets: *nested,
            }),
        sizes: leak_sizes(&s.sizes),
        ranges: leak_vec(
            s.ranges
                .iter()
                .map(|(min, max, step)| Range {
                    min: min.as_deref().map(leak_str),
                    max: max.as_deref().map(leak_str),
                    step: step.as_deref().map(leak_str),
                })
                .collect(),
        ),
        enumerations: leak_vec(
            s.enumerations
                .iter()
                .map(|(value, read_only)| Enumeration {
                    value: leak_str(value),
                    read_only: *read_only,
                })
                .collect(),
        ),
        patterns: leak_vec(
            s.patterns
                .iter()
                .map(|p| Pattern::new(leak_str(p)))
                .collect(),
        ),
        units: s.units.as_deref().map(leak_str),
        hidden: s.hidden,
        secured: s.secured,
        command: s.command,
    }
}

fn leak_sizes(sizes: &[SizeKey]) -> &'static [Size] {
    leak_vec(sizes.iter().map(|&(min, max)| Size { min, max }).collect())
}

fn leak_str(s: &str) -> &'static str {
    // Empty strings are common (a service model's top); they need no allocation.
    if s.is_empty() {
        return "";
    }
    Box::leak(s.to_owned().into_boxed_str())
}

fn leak_vec<T>(v: Vec<T>) -> &'static [T] {
    Box::leak(v.into_boxed_slice())
}

#[cfg(test)]
mod tests {
    //! The leaked tables against the tables [`descriptors`] emits for the
    //! same fixture, read back from the emitted tokens with `syn`.

    use super::super::descriptors;
    use super::*;
    use crate::Session;
    use quote::quote;
    use std::path::PathBuf;
    use syn::{Expr, ExprStruct, Item, Lit};

    fn fixture_model() -> Model {
        let path =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules/tr-900-1-0-0.xml");
        let mut session = Session::new(&Default::default());
        let doc = session.load(&path).expect("fixture loads");
        let mut models = session.models(doc, None);
        assert!(
            !session.diagnostics().has_errors(),
            "{:?}",
            session.render_diagnostics()
        );
        assert_eq!(models.len(), 1);
        models.remove(0)
    }

    /// The elements of the emitted `static NAME: [T; N] = [...]`.
    fn array<'f>(file: &'f syn::File, name: &str) -> Vec<&'f ExprStruct> {
        let expr = file
            .items
            .iter()
            .find_map(|item| match item {
                Item::Static(s) if s.ident == name => Some(&*s.expr),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no static {name}"));
        let Expr::Array(a) = expr else {
            panic!("{name} is not an array")
        };
        a.elems
            .iter()
            .map(|e| match e {
                Expr::Struct(s) => s,
                other => panic!("{name} holds {}", quote!(#other)),
            })
            .collect()
    }

    fn field<'e>(s: &'e ExprStruct, name: &str) -> &'e Expr {
        s.fields
            .iter()
            .find(|f| matches!(&f.member, syn::Member::Named(i) if i == name))
            .map(|f| &f.expr)
            .unwrap_or_else(|| panic!("no field {name}"))
    }

    fn lit(e: &Expr) -> &Lit {
        match e {
            Expr::Lit(l) => &l.lit,
            other => panic!("not a literal: {}", quote!(#other)),
        }
    }

    fn string(e: &Expr) -> String {
        match lit(e) {
            Lit::Str(s) => s.value(),
            other => panic!("not a string: {}", quote!(#other)),
        }
    }

    fn int(e: &Expr) -> u64 {
        match lit(e) {
            Lit::Int(i) => i.base10_parse().expect("integer"),
            other => panic!("not an integer: {}", quote!(#other)),
        }
    }

    fn boolean(e: &Expr) -> bool {
        match lit(e) {
            Lit::Bool(b) => b.value,
            other => panic!("not a bool: {}", quote!(#other)),
        }
    }

    /// `Some(x)` as `Some(&x)`; `None`, or a constant for it
    /// (`NONE_U32`, `NO_DEFAULT`), as `None`.
    fn option(e: &Expr) -> Option<&Expr> {
        match e {
            Expr::Call(c) => Some(&c.args[0]),
            Expr::Path(p)
                if p.path.segments.last().is_some_and(|s| {
                    s.ident == "None" || s.ident.to_string().starts_with("NO")
                }) =>
            {
                None
            }
            other => panic!("not an option: {}", quote!(#other)),
        }
    }

    /// The last segment of a path expression: the variant of an enum value.
    fn variant(e: &Expr) -> String {
        match e {
            Expr::Path(p) => p.path.segments.last().expect("segment").ident.to_string(),
            other => panic!("not a path: {}", quote!(#other)),
        }
    }

    /// The elements of `&[a, b]`; none for a constant (`NO_SIZES`).
    fn slice(e: &Expr) -> Vec<&Expr> {
        match e {
            Expr::Path(p)
                if p.path
                    .segments
                    .last()
                    .is_some_and(|s| s.ident.to_string().starts_with("NO_")) =>
            {
                Vec::new()
            }
            Expr::Reference(r) => match &*r.expr {
                Expr::Array(a) => a.elems.iter().collect(),
                other => panic!("not an array: {}", quote!(#other)),
            },
            other => panic!("not a reference: {}", quote!(#other)),
        }
    }

    fn sizes(e: &Expr) -> Vec<(Option<u64>, Option<u64>)> {
        slice(e)
            .into_iter()
            .map(|s| {
                let Expr::Struct(s) = s else { panic!("size") };
                (
                    option(field(s, "min")).map(int),
                    option(field(s, "max")).map(int),
                )
            })
            .collect()
    }

    fn leaked_sizes(s: &[Size]) -> Vec<(Option<u64>, Option<u64>)> {
        s.iter().map(|s| (s.min, s.max)).collect()
    }

    #[test]
    fn leaked_tables_match_the_emitted_ones() {
        let model = fixture_model();
        let mut diags = Diagnostics::new();
        let leaked = leak_model(&model, &mut diags);
        assert!(!diags.has_errors());
        let plan = plan(&model, &mut diags);
        let file: syn::File =
            syn::parse2(descriptors::tables(&plan, &quote!(rt))).expect("tables parse");

        assert_eq!(leaked.name, "Test:1.0");
        assert!(!leaked.is_service);

        let objects = array(&file, "OBJECTS");
        assert_eq!(objects.len(), leaked.objects.len());
        // Root first, then the tables and their children as the model orders them.
        let paths: Vec<&str> = leaked.objects.iter().map(|o| o.path).collect();
        assert_eq!(paths[0], "Device.");
        assert!(paths.contains(&"Device.Host.{i}."));
        for (e, o) in objects.iter().zip(leaked.objects) {
            assert_eq!(string(field(e, "path")), o.path);
            assert_eq!(string(field(e, "name")), o.name, "{}", o.path);
            let parent = option(field(e, "parent")).map(int);
            assert_eq!(parent, o.parent.map(u64::from), "{}", o.path);
            assert_eq!(boolean(field(e, "table")), o.table, "{}", o.path);
            assert_eq!(variant(field(e, "access")), format!("{:?}", o.access));
            assert_eq!(int(field(e, "min_entries")), u64::from(o.min_entries));
            let max = option(field(e, "max_entries")).map(int);
            assert_eq!(max, o.max_entries.map(u64::from), "{}", o.path);
            let num = option(field(e, "num_entries")).map(int);
            assert_eq!(num, o.num_entries.map(u64::from), "{}", o.path);
            let enable = option(field(e, "enable")).map(int);
            assert_eq!(enable, o.enable.map(u64::from), "{}", o.path);
            let keys: Vec<(bool, Vec<u64>)> = slice(field(e, "unique_keys"))
                .into_iter()
                .map(|k| {
                    let Expr::Struct(k) = k else { panic!("key") };
                    let params = slice(field(k, "params")).into_iter().map(int).collect();
                    (boolean(field(k, "functional")), params)
                })
                .collect();
            let leaked_keys: Vec<(bool, Vec<u64>)> = o
                .unique_keys
                .iter()
                .map(|k| (k.functional, k.params.iter().map(|&p| p.into()).collect()))
                .collect();
            assert_eq!(keys, leaked_keys, "{}", o.path);
            assert_eq!(int(field(e, "first_param")), u64::from(o.first_param));
            assert_eq!(int(field(e, "param_count")), u64::from(o.param_count));
            let children: Vec<u64> = slice(field(e, "children")).into_iter().map(int).collect();
            let leaked_children: Vec<u64> = o.children.iter().map(|&c| c.into()).collect();
            assert_eq!(children, leaked_children, "{}", o.path);
            // `VERSION_2_17`, a constant of that version.
            let version = variant(field(e, "version"));
            assert_eq!(
                version,
                format!("VERSION_{}_{}", o.version.major, o.version.minor)
            );
            let Some(Expr::Struct(v)) = file.items.iter().find_map(|i| match i {
                Item::Const(c) if c.ident == version => Some(&*c.expr),
                _ => None,
            }) else {
                panic!("no {version}")
            };
            assert_eq!(int(field(v, "major")), u64::from(o.version.major));
            assert_eq!(int(field(v, "minor")), u64::from(o.version.minor));
            assert_eq!(variant(field(e, "status")), format!("{:?}", o.status));
        }
        let host = leaked
            .objects
            .iter()
            .find(|o| o.path == "Device.Host.{i}.")
            .expect("host table");
        assert!(host.num_entries.is_some() && host.enable.is_some());
        assert_eq!(host.unique_keys.len(), 2);

        let syntaxes = array(&file, "SYNTAX");
        let params = array(&file, "PARAMS");
        assert_eq!(params.len(), leaked.params.len());
        for (e, p) in params.iter().zip(leaked.params) {
            assert_eq!(string(field(e, "name")), p.name);
            assert_eq!(int(field(e, "object")), u64::from(p.object), "{}", p.name);
            assert_eq!(variant(field(e, "access")), format!("{:?}", p.access));
            assert_eq!(
                variant(field(e, "active_notify")),
                format!("{:?}", p.active_notify)
            );
            assert_eq!(boolean(field(e, "forced_inform")), p.forced_inform);
            let data_type = option(field(e, "data_type")).map(string);
            assert_eq!(data_type.as_deref(), p.data_type, "{}", p.name);
            let default = option(field(e, "default")).map(|d| {
                let Expr::Tuple(t) = d else { panic!("default") };
                (variant(&t.elems[0]), string(&t.elems[1]))
            });
            let leaked_default = p.default.map(|(k, v)| (format!("{k:?}"), v.to_owned()));
            assert_eq!(default, leaked_default, "{}", p.name);
            assert_eq!(variant(field(e, "status")), format!("{:?}", p.status));

            // `syntax(i)`: the emitted syntax entry this parameter shares.
            let Expr::Call(call) = field(e, "syntax") else {
                panic!("syntax")
            };
            let s = syntaxes[int(&call.args[0]) as usize];
            let ls = p.syntax;
            assert_eq!(variant(field(s, "base")), format!("{:?}", ls.base));
            assert_eq!(
                sizes(field(s, "sizes")),
                leaked_sizes(ls.sizes),
                "{}",
                p.name
            );
            let list = option(field(s, "list")).map(|l| {
                let Expr::Struct(l) = l else { panic!("list") };
                (
                    option(field(l, "min_items")).map(int),
                    option(field(l, "max_items")).map(int),
                    sizes(field(l, "sizes")),
                    boolean(field(l, "nested_brackets")),
                )
            });
            let leaked_list = ls.list.map(|l| {
                (
                    l.min_items,
                    l.max_items,
                    leaked_sizes(l.sizes),
                    l.nested_brackets,
                )
            });
            assert_eq!(list, leaked_list, "{}", p.name);
            let ranges: Vec<[Option<String>; 3]> = slice(field(s, "ranges"))
                .into_iter()
                .map(|r| {
                    let Expr::Struct(r) = r else { panic!("range") };
                    ["min", "max", "step"].map(|f| option(field(r, f)).map(string))
                })
                .collect();
            let leaked_ranges: Vec<[Option<String>; 3]> = ls
                .ranges
                .iter()
                .map(|r| [r.min, r.max, r.step].map(|b| b.map(str::to_owned)))
                .collect();
            assert_eq!(ranges, leaked_ranges, "{}", p.name);
            let enums: Vec<(String, bool)> = slice(field(s, "enumerations"))
                .into_iter()
                .map(|v| {
                    let Expr::Struct(v) = v else {
                        panic!("enumeration")
                    };
                    (string(field(v, "value")), boolean(field(v, "read_only")))
                })
                .collect();
            let leaked_enums: Vec<(String, bool)> = ls
                .enumerations
                .iter()
                .map(|v| (v.value.to_owned(), v.read_only))
                .collect();
            assert_eq!(enums, leaked_enums, "{}", p.name);
            let patterns: Vec<String> = match field(s, "patterns") {
                // `&PATTERNS_i`, a static array of `Pattern::new("...")`.
                Expr::Reference(r) if matches!(&*r.expr, Expr::Path(_)) => {
                    let Expr::Path(name) = &*r.expr else {
                        unreachable!()
                    };
                    let name = name.path.segments[0].ident.to_string();
                    let Some(Expr::Array(a)) = file.items.iter().find_map(|i| match i {
                        Item::Static(st) if st.ident == name => Some(&*st.expr),
                        _ => None,
                    }) else {
                        panic!("no {name}")
                    };
                    a.elems
                        .iter()
                        .map(|c| {
                            let Expr::Call(c) = c else { panic!("pattern") };
                            string(&c.args[0])
                        })
                        .collect()
                }
                other => {
                    assert!(slice(other).is_empty());
                    Vec::new()
                }
            };
            let leaked_patterns: Vec<String> =
                ls.patterns.iter().map(|p| p.xsd.to_owned()).collect();
            assert_eq!(patterns, leaked_patterns, "{}", p.name);
            let units = option(field(s, "units")).map(string);
            assert_eq!(units.as_deref(), ls.units, "{}", p.name);
            for (name, value) in [
                ("hidden", ls.hidden),
                ("secured", ls.secured),
                ("command", ls.command),
            ] {
                assert_eq!(boolean(field(s, name)), value, "{} {name}", p.name);
            }
        }
        // The fixture exercises the facets compared above.
        let by_name = |n: &str| leaked.params.iter().find(|p| p.name == n).expect(n);
        assert!(by_name("Summary").forced_inform);
        assert!(by_name("Password").syntax.hidden);
        assert_eq!(by_name("Mode").syntax.enumerations.len(), 2);
        assert_eq!(
            by_name("Name").default,
            Some((DefaultKind::Factory, "a\tb"))
        );
        assert_eq!(
            by_name("Enable").default,
            Some((DefaultKind::Object, "false"))
        );
        assert!(leaked.params.iter().any(|p| p.syntax.list.is_some()));
    }

    #[test]
    fn a_leaked_model_runs_on_the_engine() {
        use cwmp_model_runtime::value::Writer;
        let model = fixture_model();
        let leaked = leak_model(&model, &mut Diagnostics::new());
        let mut tree = cwmp_model_runtime::engine::Tree::new(leaked);
        let n = tree
            .add_object("Device.Host.", Writer::Acs, None)
            .expect("Host is creatable");
        // A factory default is not a new instance's value (an object default is).
        let name = format!("Device.Host.{n}.Name");
        assert_eq!(tree.get(&name).expect("name").to_string(), "");
        let enable = format!("Device.Host.{n}.Enable");
        assert_eq!(tree.get(&enable).expect("enable").to_string(), "false");
        assert_eq!(
            tree.get("Device.HostNumberOfEntries")
                .expect("count")
                .to_string(),
            "1"
        );
    }
}

//! The layout of a model's generated code, decided before any token is
//! written: the runtime's object and parameter indices, the deduplicated
//! syntax table, and the Rust module, struct and enum names, checked for
//! collisions.

use std::collections::{HashMap, HashSet};

use indexmap::IndexSet;

use crate::diag::Diagnostics;
use crate::ir::{BaseType, DefaultKind, Model, Object, Parameter, Size};
use crate::naming::{const_name, field_name, type_name, variant_name};

/// Name of the struct of a service model's top.
pub(crate) const TOP_STRUCT: &str = "Root";
/// Name of the catch-all variant of a generated enum; suffixed on a clash.
const UNLISTED: &str = "Unlisted";

/// One model, laid out.
pub(crate) struct Plan<'m> {
    pub model: &'m Model,
    /// The model's module: `device`, `voice_service`.
    pub module: String,
    /// Objects in runtime order; index 0 is the root.
    pub objects: Vec<PObject<'m>>,
    /// Parameters in runtime order, contiguous per object.
    pub params: Vec<PParam<'m>>,
    /// Distinct syntaxes; parameters refer to them by index.
    pub syntaxes: IndexSet<SyntaxKey>,
}

/// One object, laid out.
pub(crate) struct PObject<'m> {
    /// `None` for the synthetic top of a service model without top parameters.
    pub ir: Option<&'m Object>,
    pub parent: Option<u32>,
    pub children: Vec<u32>,
    pub first_param: u32,
    pub param_count: u32,
    pub struct_name: String,
    /// Module path (below the model module) the struct is declared in.
    pub module: Vec<String>,
    /// Module path of its children and enums.
    pub own_module: Vec<String>,
    pub num_entries: Option<u32>,
    pub enable: Option<u32>,
    pub unique_keys: Vec<(bool, Vec<u32>)>,
}

impl PObject<'_> {
    pub fn path(&self) -> &str {
        self.ir.map_or("", |o| o.path.as_str())
    }

    pub fn name(&self) -> &str {
        self.ir.map_or("", |o| o.name.as_str())
    }

    pub fn is_table(&self) -> bool {
        self.ir.is_some_and(Object::is_table)
    }

    pub fn min_entries(&self) -> u32 {
        self.ir.map_or(1, |o| o.min_entries)
    }
}

/// One parameter, laid out.
pub(crate) struct PParam<'m> {
    pub ir: &'m Parameter,
    pub object: u32,
    pub syntax: usize,
    /// Its field's const key name.
    pub const_name: String,
    /// The enum generated for its enumerated values, in its object's own module.
    pub enum_type: Option<EnumPlan>,
    /// The default the engine applies.
    pub default: Option<(DefaultKind, String)>,
}

/// A generated enum.
pub(crate) struct EnumPlan {
    pub name: String,
    /// Variant name and BBF value, in model order.
    pub variants: Vec<(String, String)>,
    pub unlisted: String,
}

/// A size facet: `(minLength, maxLength)`.
pub(crate) type SizeKey = (Option<u64>, Option<u64>);
/// A list facet: `(minItems, maxItems, sizes, nested brackets)`.
pub(crate) type ListKey = (Option<u64>, Option<u64>, Vec<SizeKey>, bool);

/// A syntax as the runtime's `Syntax` holds it, comparable for deduplication.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct SyntaxKey {
    pub base: BaseType,
    /// `(minItems, maxItems, sizes, nested brackets)`.
    pub list: Option<ListKey>,
    pub sizes: Vec<SizeKey>,
    pub ranges: Vec<(Option<String>, Option<String>, Option<String>)>,
    pub enumerations: Vec<(String, bool)>,
    pub patterns: Vec<String>,
    pub units: Option<String>,
    pub hidden: bool,
    pub secured: bool,
    pub command: bool,
}

fn sizes(s: &[Size]) -> Vec<SizeKey> {
    s.iter().map(|s| (s.min, s.max)).collect()
}

impl SyntaxKey {
    fn of(p: &Parameter) -> SyntaxKey {
        let s = &p.syntax;
        SyntaxKey {
            base: s.base,
            list: s.list.as_ref().map(|l| {
                let nested = matches!(l.nested_brackets.as_deref(), Some("permitted" | "required"));
                (l.min_items, l.max_items, sizes(&l.sizes), nested)
            }),
            sizes: sizes(&s.sizes),
            ranges: s
                .ranges
                .iter()
                .map(|r| (r.min.clone(), r.max.clone(), r.step.clone()))
                .collect(),
            enumerations: s
                .enumerations
                .iter()
                .map(|e| (e.value.clone(), e.read_only))
                .collect(),
            patterns: s.patterns.iter().map(|p| p.value.clone()).collect(),
            units: s.units.clone(),
            hidden: s.hidden,
            secured: s.secured,
            command: s.command,
        }
    }
}

/// Lays out `model`, reporting what cannot be generated into `diags`.
pub(crate) fn plan<'m>(model: &'m Model, diags: &mut Diagnostics) -> Plan<'m> {
    let module = field_name(model.name.split(':').next().unwrap_or(&model.name));
    // Runtime index 0 must be the root: `Device.`, or a service model's top,
    // which the IR has only when the model puts parameters there.
    let root_ir = model
        .objects
        .iter()
        .position(|o| o.parent.is_none() && (!model.is_service || o.path.is_empty()));
    let shift = u32::from(root_ir.is_none());
    if let Some(r) = root_ir.filter(|&r| r != 0) {
        diags.error(
            model.objects[r].span,
            format!("the root object of {} must come first", model.name),
        );
    }
    let ix = |i: usize| i as u32 + shift;
    let mut objects: Vec<PObject<'m>> = Vec::with_capacity(model.objects.len() + 1);
    if root_ir.is_none() {
        objects.push(PObject {
            ir: None,
            parent: None,
            children: Vec::new(),
            first_param: 0,
            param_count: 0,
            struct_name: TOP_STRUCT.into(),
            module: Vec::new(),
            own_module: Vec::new(),
            num_entries: None,
            enable: None,
            unique_keys: Vec::new(),
        });
    }
    for (i, o) in model.objects.iter().enumerate() {
        let is_root = Some(i) == root_ir;
        let parent = match o.parent {
            Some(p) => Some(ix(p)),
            None if is_root => None,
            None => Some(0),
        };
        let (module, own_module, struct_name) = match parent {
            None => (
                Vec::new(),
                Vec::new(),
                if o.path.is_empty() {
                    TOP_STRUCT.into()
                } else {
                    o.rust_type.clone()
                },
            ),
            Some(p) => {
                let module = objects[p as usize].own_module.clone();
                let mut own = module.clone();
                own.push(o.rust_name.clone());
                (module, own, o.rust_type.clone())
            }
        };
        objects.push(PObject {
            ir: Some(o),
            parent,
            children: Vec::new(),
            first_param: 0,
            param_count: o.params.len() as u32,
            struct_name,
            module,
            own_module,
            num_entries: None,
            enable: None,
            unique_keys: Vec::new(),
        });
    }
    for i in 0..objects.len() {
        if let Some(p) = objects[i].parent {
            objects[p as usize].children.push(i as u32);
        }
    }
    let mut next = 0u32;
    for o in &mut objects {
        o.first_param = next;
        next += o.param_count;
    }
    let param_ix = |objects: &[PObject<'_>], object: usize, name: &str| -> Option<u32> {
        let o = &objects[object];
        let pos = o.ir?.params.iter().position(|p| p.name == name)?;
        Some(o.first_param + pos as u32)
    };
    for i in 0..objects.len() {
        let Some(o) = objects[i].ir else { continue };
        let num = o.num_entries_param.as_deref().and_then(|n| {
            let parent = objects[i].parent? as usize;
            param_ix(&objects, parent, n)
        });
        let enable = o
            .enable_param
            .as_deref()
            .and_then(|n| param_ix(&objects, i, n));
        let keys = o
            .unique_keys
            .iter()
            .filter_map(|k| {
                let params: Option<Vec<u32>> =
                    k.params.iter().map(|n| param_ix(&objects, i, n)).collect();
                params.map(|p| (k.functional, p))
            })
            .collect();
        let po = &mut objects[i];
        po.num_entries = num;
        po.enable = enable;
        po.unique_keys = keys;
    }
    let mut syntaxes = IndexSet::new();
    let mut params = Vec::with_capacity(next as usize);
    for (oi, o) in objects.iter().enumerate() {
        let Some(ir) = o.ir else { continue };
        let mut enum_names: HashSet<String> = o
            .children
            .iter()
            .map(|&c| objects[c as usize].struct_name.clone())
            .collect();
        if o.parent.is_none() {
            enum_names.insert(o.struct_name.clone());
        }
        for p in &ir.params {
            let (syntax, _) = syntaxes.insert_full(SyntaxKey::of(p));
            let enum_type = enum_plan(p, &mut enum_names);
            let default = p.syntax.default.as_ref().and_then(|d| match d.kind {
                DefaultKind::Object => Some((DefaultKind::Object, d.value.clone())),
                DefaultKind::Factory => Some((DefaultKind::Factory, d.value.clone())),
                _ => None,
            });
            params.push(PParam {
                ir: p,
                object: oi as u32,
                syntax,
                const_name: const_name(&p.name),
                enum_type,
                default,
            });
        }
    }
    check_consts(&objects, &params, diags);
    Plan {
        model,
        module,
        objects,
        params,
        syntaxes,
    }
}

/// The enum of an enumerated string parameter (or list of them), named after
/// the parameter, `Value` appended when a sibling type has that name.
fn enum_plan(p: &Parameter, taken: &mut HashSet<String>) -> Option<EnumPlan> {
    let s = &p.syntax;
    if s.base != BaseType::String || s.enumerations.is_empty() {
        return None;
    }
    let mut name = type_name(&p.name);
    while !taken.insert(name.clone()) {
        name.push_str("Value");
    }
    let mut used: HashMap<String, usize> = HashMap::new();
    let variants: Vec<(String, String)> = s
        .enumerations
        .iter()
        .map(|e| {
            let base = variant_name(&e.value);
            let n = used.entry(base.clone()).or_insert(0);
            *n += 1;
            // Values that differ only in punctuation or case (`Up`, `UP`)
            // would share a variant: later ones are numbered.
            let v = if *n == 1 { base } else { format!("{base}{n}") };
            (v, e.value.clone())
        })
        .collect();
    let mut unlisted = UNLISTED.to_string();
    while variants.iter().any(|(v, _)| *v == unlisted) {
        unlisted.push_str("Value");
    }
    Some(EnumPlan {
        name,
        variants,
        unlisted,
    })
}

/// Two parameters of one object whose key constants would share a name.
fn check_consts(objects: &[PObject<'_>], params: &[PParam<'_>], diags: &mut Diagnostics) {
    for o in objects {
        let mut seen: HashMap<&str, &Parameter> = HashMap::new();
        let start = o.first_param as usize;
        for p in &params[start..start + o.param_count as usize] {
            if let Some(prev) = seen.insert(&p.const_name, p.ir) {
                diags.error(
                    p.ir.span,
                    format!(
                        "`{}` and `{}` in `{}` both become the constant `{}`; rename one \
                         (e.g. with a vendor prefix)",
                        prev.name,
                        p.ir.name,
                        o.path(),
                        p.const_name
                    ),
                );
            }
        }
    }
}

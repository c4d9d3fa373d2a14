//! The static descriptor tables of a model: `MODEL`, its objects,
//! parameters, syntaxes and patterns, as data the engine works by index over.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use cwmp_model_runtime::meta::Version;

use super::leak;
use super::plan::{Plan, SyntaxKey};
use crate::ir::BaseType;

/// The statics of one model, for its module.
pub(crate) fn tables(plan: &Plan<'_>, rt: &TokenStream) -> TokenStream {
    let name = &plan.model.name;
    let is_service = plan.model.is_service;
    let n_obj = plan.objects.len();
    let n_par = plan.params.len();
    let n_syn = plan.syntaxes.len();
    let objects = plan.objects.iter().map(|o| {
        let path = o.path();
        let oname = o.name();
        let parent = opt(o.parent);
        let table = o.is_table();
        let facts = leak::object_facts(plan, o);
        let access = meta_variant(rt, "ObjectAccess", facts.access);
        let min = facts.min_entries;
        let max = opt(facts.max_entries);
        let version = version(facts.version);
        let status = meta_variant(rt, "Status", facts.status);
        let num = opt(o.num_entries);
        let enable = opt(o.enable);
        let keys = o.unique_keys.iter().map(|(functional, params)| {
            quote!(#rt::meta::UniqueKey { functional: #functional, params: &[#(#params),*] })
        });
        let keys = slice(keys, quote!(NO_KEYS));
        let first = o.first_param;
        let count = o.param_count;
        let children = slice(o.children.iter().map(|c| quote!(#c)), quote!(NO_CHILDREN));
        quote! {
            #rt::meta::ObjectDesc {
                path: #path, name: #oname, parent: #parent, table: #table, access: #access,
                min_entries: #min, max_entries: #max, num_entries: #num, enable: #enable,
                unique_keys: #keys, first_param: #first, param_count: #count,
                children: #children, version: #version, status: #status,
            }
        }
    });
    let params = plan.params.iter().map(|p| {
        let ir = p.ir;
        let pname = &ir.name;
        let object = p.object;
        let access = meta_variant(rt, "ParamAccess", leak::param_access(ir.access));
        let notify = meta_variant(rt, "ActiveNotify", leak::active_notify(ir.active_notify));
        let forced = ir.forced_inform;
        let syntax = p.syntax;
        let data_type = opt_str(ir.syntax.data_type.as_deref());
        let default = match &p.default {
            Some((kind, text)) => {
                let kind = meta_variant(rt, "DefaultKind", leak::default_kind(*kind));
                quote!(::core::option::Option::Some((#kind, #text)))
            }
            None => quote!(NO_DEFAULT),
        };
        let version = version(leak::version(ir.version));
        let status = meta_variant(rt, "Status", leak::status(ir.status));
        quote! {
            #rt::meta::ParamDesc {
                name: #pname, object: #object, access: #access,
                active_notify: #notify, forced_inform: #forced,
                syntax: syntax(#syntax), data_type: #data_type, default: #default,
                version: #version, status: #status,
            }
        }
    });
    let mut pattern_statics = Vec::new();
    let syntaxes: Vec<TokenStream> = plan
        .syntaxes
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let patterns = if s.patterns.is_empty() {
                quote!(NO_PATTERNS)
            } else {
                let id = format_ident!("PATTERNS_{}", i);
                let n = s.patterns.len();
                let items = s
                    .patterns
                    .iter()
                    .map(|p| quote!(#rt::value::Pattern::new(#p)));
                pattern_statics
                    .push(quote!(static #id: [#rt::value::Pattern; #n] = [#(#items),*];));
                quote!(&#id)
            };
            syntax(s, patterns, rt)
        })
        .collect();
    let versions: BTreeSet<(u16, u16)> = plan
        .objects
        .iter()
        .map(|o| leak::object_facts(plan, o).version)
        .chain(plan.params.iter().map(|p| leak::version(p.ir.version)))
        .map(|v| (v.major, v.minor))
        .collect();
    let versions = versions.into_iter().map(|(major, minor)| {
        let name = version(Version { major, minor });
        quote!(const #name: #rt::meta::Version = #rt::meta::Version { major: #major, minor: #minor };)
    });
    // The tables are written for rustc's sake as much as the engine's: what
    // repeats (empty slices, `None`s, versions) is a named constant, and a
    // parameter's syntax a call of a `const fn`, as those cost rustc less
    // to check than the same expression written out in each element.
    quote! {
        #[doc = " The static descriptors of this model, for `Tree::new`."]
        pub static MODEL: #rt::meta::ModelDesc = #rt::meta::ModelDesc {
            name: #name, is_service: #is_service, objects: &OBJECTS, params: &PARAMS,
            parts: &[],
        };
        #[allow(dead_code)]
        const MODEL_REF: &#rt::meta::ModelDesc = &MODEL;
        static OBJECTS: [#rt::meta::ObjectDesc; #n_obj] = [#(#objects),*];
        static PARAMS: [#rt::meta::ParamDesc; #n_par] = [#(#params),*];
        static SYNTAX: [#rt::value::Syntax; #n_syn] = [#(#syntaxes),*];
        #(#pattern_statics)*
        #[allow(dead_code)]
        const fn syntax(i: usize) -> &'static #rt::value::Syntax { &SYNTAX[i] }
        #(#[allow(dead_code)] #versions)*
        #[allow(dead_code)]
        const NONE_U32: ::core::option::Option<u32> = ::core::option::Option::None;
        #[allow(dead_code)]
        const NONE_U64: ::core::option::Option<u64> = ::core::option::Option::None;
        #[allow(dead_code)]
        const NONE_STR: ::core::option::Option<&str> = ::core::option::Option::None;
        #[allow(dead_code)]
        const NO_DEFAULT: ::core::option::Option<(#rt::meta::DefaultKind, &str)> = ::core::option::Option::None;
        #[allow(dead_code)]
        const NO_LIST: ::core::option::Option<#rt::value::ListFacet> = ::core::option::Option::None;
        #[allow(dead_code)]
        const NO_SIZES: &[#rt::value::Size] = &[];
        #[allow(dead_code)]
        const NO_RANGES: &[#rt::value::Range] = &[];
        #[allow(dead_code)]
        const NO_ENUMERATIONS: &[#rt::value::Enumeration] = &[];
        #[allow(dead_code)]
        const NO_PATTERNS: &[#rt::value::Pattern] = &[];
        #[allow(dead_code)]
        const NO_CHILDREN: &[#rt::meta::ObjectIx] = &[];
        #[allow(dead_code)]
        const NO_KEYS: &[#rt::meta::UniqueKey] = &[];
    }
}

/// `&[items]`, or the constant `empty` when there are none.
fn slice(items: impl Iterator<Item = TokenStream>, empty: TokenStream) -> TokenStream {
    let mut items = items.peekable();
    if items.peek().is_none() {
        empty
    } else {
        quote!(&[#(#items),*])
    }
}

fn syntax(s: &SyntaxKey, patterns: TokenStream, rt: &TokenStream) -> TokenStream {
    let base = base_type(s.base, rt);
    let sizes = size_list(&s.sizes, rt);
    let list = match &s.list {
        Some((min, max, list_sizes, nested)) => {
            let (min, max) = (opt64(*min), opt64(*max));
            let list_sizes = size_list(list_sizes, rt);
            quote!(::core::option::Option::Some(#rt::value::ListFacet {
                min_items: #min, max_items: #max, sizes: #list_sizes, nested_brackets: #nested,
            }))
        }
        None => quote!(NO_LIST),
    };
    let ranges = s.ranges.iter().map(|(min, max, step)| {
        let (min, max, step) = (
            opt_str(min.as_deref()),
            opt_str(max.as_deref()),
            opt_str(step.as_deref()),
        );
        quote!(#rt::value::Range { min: #min, max: #max, step: #step })
    });
    let ranges = slice(ranges, quote!(NO_RANGES));
    let enums = s
        .enumerations
        .iter()
        .map(|(v, ro)| quote!(#rt::value::Enumeration { value: #v, read_only: #ro }));
    let enums = slice(enums, quote!(NO_ENUMERATIONS));
    let units = opt_str(s.units.as_deref());
    let (hidden, secured, command) = (s.hidden, s.secured, s.command);
    quote! {
        #rt::value::Syntax {
            base: #base, list: #list, sizes: #sizes, ranges: #ranges,
            enumerations: #enums, patterns: #patterns, units: #units,
            hidden: #hidden, secured: #secured, command: #command,
        }
    }
}

fn size_list(sizes: &[(Option<u64>, Option<u64>)], rt: &TokenStream) -> TokenStream {
    let items = sizes.iter().map(|(min, max)| {
        let (min, max) = (opt64(*min), opt64(*max));
        quote!(#rt::value::Size { min: #min, max: #max })
    });
    slice(items, quote!(NO_SIZES))
}

pub(crate) fn base_type(b: BaseType, rt: &TokenStream) -> TokenStream {
    let v = format_ident!(
        "{}",
        match b {
            BaseType::String => "String",
            BaseType::UnsignedInt => "UnsignedInt",
            BaseType::Int => "Int",
            BaseType::UnsignedLong => "UnsignedLong",
            BaseType::Long => "Long",
            BaseType::Boolean => "Boolean",
            BaseType::DateTime => "DateTime",
            BaseType::Base64 => "Base64",
            BaseType::HexBinary => "HexBinary",
            BaseType::Decimal => "Decimal",
        }
    );
    quote!(#rt::value::BaseType::#v)
}

/// A unit variant of a `meta` enum, named as its `Debug` writes it: the
/// value comes from the conversions [`leak`] uses too.
fn meta_variant(rt: &TokenStream, ty: &str, value: impl std::fmt::Debug) -> TokenStream {
    let ty = format_ident!("{ty}");
    let variant = format_ident!("{}", format!("{value:?}"));
    quote!(#rt::meta::#ty::#variant)
}

/// The constant naming a version: `VERSION_2_17`.
fn version(v: Version) -> TokenStream {
    let name = format_ident!("VERSION_{}_{}", v.major, v.minor);
    quote!(#name)
}

fn opt(v: Option<u32>) -> TokenStream {
    match v {
        Some(v) => quote!(::core::option::Option::Some(#v)),
        None => quote!(NONE_U32),
    }
}

fn opt64(v: Option<u64>) -> TokenStream {
    match v {
        Some(v) => quote!(::core::option::Option::Some(#v)),
        None => quote!(NONE_U64),
    }
}

fn opt_str(v: Option<&str>) -> TokenStream {
    match v {
        Some(v) => quote!(::core::option::Option::Some(#v)),
        None => quote!(NONE_STR),
    }
}

//! The static descriptor tables of a model: `MODEL`, its objects,
//! parameters, syntaxes and patterns, as data the engine works by index over.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::plan::{Plan, SyntaxKey};
use crate::ir::{self, BaseType, DefaultKind};

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
        let (access, min, max, version, status) = match o.ir {
            Some(ir) => (
                object_access(ir.access, rt),
                ir.min_entries,
                opt(ir.max_entries),
                version(ir.version, rt),
                status(ir.status, rt),
            ),
            None => (
                quote!(#rt::meta::ObjectAccess::ReadOnly),
                1,
                quote!(::core::option::Option::Some(1)),
                version(plan.model.version().unwrap_or_default(), rt),
                status(ir::Status::Current, rt),
            ),
        };
        let num = opt(o.num_entries);
        let enable = opt(o.enable);
        let keys = o.unique_keys.iter().map(|(functional, params)| {
            quote!(#rt::meta::UniqueKey { functional: #functional, params: &[#(#params),*] })
        });
        let first = o.first_param;
        let count = o.param_count;
        let children = &o.children;
        quote! {
            #rt::meta::ObjectDesc {
                path: #path, name: #oname, parent: #parent, table: #table, access: #access,
                min_entries: #min, max_entries: #max, num_entries: #num, enable: #enable,
                unique_keys: &[#(#keys),*], first_param: #first, param_count: #count,
                children: &[#(#children),*], version: #version, status: #status,
            }
        }
    });
    let params = plan.params.iter().map(|p| {
        let ir = p.ir;
        let pname = &ir.name;
        let object = p.object;
        let access = match ir.access {
            ir::ParamAccess::ReadOnly => quote!(#rt::meta::ParamAccess::ReadOnly),
            ir::ParamAccess::ReadWrite => quote!(#rt::meta::ParamAccess::ReadWrite),
            ir::ParamAccess::WriteOnceReadOnly => {
                quote!(#rt::meta::ParamAccess::WriteOnceReadOnly)
            }
        };
        let notify = format_ident!(
            "{}",
            match ir.active_notify {
                ir::ActiveNotify::Normal => "Normal",
                ir::ActiveNotify::ForceEnabled => "ForceEnabled",
                ir::ActiveNotify::ForceDefaultEnabled => "ForceDefaultEnabled",
                ir::ActiveNotify::CanDeny => "CanDeny",
                ir::ActiveNotify::WillDeny => "WillDeny",
            }
        );
        let forced = ir.forced_inform;
        let syntax = p.syntax;
        let data_type = opt_str(ir.syntax.data_type.as_deref());
        let default = match &p.default {
            Some((kind, text)) => {
                let kind = match kind {
                    DefaultKind::Factory => quote!(#rt::meta::DefaultKind::Factory),
                    _ => quote!(#rt::meta::DefaultKind::Object),
                };
                quote!(::core::option::Option::Some((#kind, #text)))
            }
            None => quote!(::core::option::Option::None),
        };
        let version = version(ir.version, rt);
        let status = status(ir.status, rt);
        quote! {
            #rt::meta::ParamDesc {
                name: #pname, object: #object, access: #access,
                active_notify: #rt::meta::ActiveNotify::#notify, forced_inform: #forced,
                syntax: &SYNTAX[#syntax], data_type: #data_type, default: #default,
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
                quote!(&[])
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
    quote! {
        #[doc = " The static descriptors of this model, for `Tree::new`."]
        pub static MODEL: #rt::meta::ModelDesc = #rt::meta::ModelDesc {
            name: #name, is_service: #is_service, objects: &OBJECTS, params: &PARAMS,
        };
        static OBJECTS: [#rt::meta::ObjectDesc; #n_obj] = [#(#objects),*];
        static PARAMS: [#rt::meta::ParamDesc; #n_par] = [#(#params),*];
        static SYNTAX: [#rt::value::Syntax; #n_syn] = [#(#syntaxes),*];
        #(#pattern_statics)*
    }
}

fn syntax(s: &SyntaxKey, patterns: TokenStream, rt: &TokenStream) -> TokenStream {
    let base = base_type(s.base, rt);
    let sizes = size_list(&s.sizes, rt);
    let list = match &s.list {
        Some((min, max, list_sizes, nested)) => {
            let (min, max) = (opt(*min), opt(*max));
            let list_sizes = size_list(list_sizes, rt);
            quote!(::core::option::Option::Some(#rt::value::ListFacet {
                min_items: #min, max_items: #max, sizes: #list_sizes, nested_brackets: #nested,
            }))
        }
        None => quote!(::core::option::Option::None),
    };
    let ranges = s.ranges.iter().map(|(min, max, step)| {
        let (min, max, step) = (
            opt_str(min.as_deref()),
            opt_str(max.as_deref()),
            opt_str(step.as_deref()),
        );
        quote!(#rt::value::Range { min: #min, max: #max, step: #step })
    });
    let enums = s
        .enumerations
        .iter()
        .map(|(v, ro)| quote!(#rt::value::Enumeration { value: #v, read_only: #ro }));
    let units = opt_str(s.units.as_deref());
    let (hidden, secured, command) = (s.hidden, s.secured, s.command);
    quote! {
        #rt::value::Syntax {
            base: #base, list: #list, sizes: #sizes, ranges: &[#(#ranges),*],
            enumerations: &[#(#enums),*], patterns: #patterns, units: #units,
            hidden: #hidden, secured: #secured, command: #command,
        }
    }
}

fn size_list(sizes: &[(Option<u64>, Option<u64>)], rt: &TokenStream) -> TokenStream {
    let items = sizes.iter().map(|(min, max)| {
        let (min, max) = (opt(*min), opt(*max));
        quote!(#rt::value::Size { min: #min, max: #max })
    });
    quote!(&[#(#items),*])
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

fn object_access(a: ir::ObjectAccess, rt: &TokenStream) -> TokenStream {
    match a {
        ir::ObjectAccess::ReadOnly => quote!(#rt::meta::ObjectAccess::ReadOnly),
        ir::ObjectAccess::Create => quote!(#rt::meta::ObjectAccess::Create),
        ir::ObjectAccess::Delete => quote!(#rt::meta::ObjectAccess::Delete),
        ir::ObjectAccess::ReadWrite => quote!(#rt::meta::ObjectAccess::CreateDelete),
    }
}

fn version(v: ir::Version, rt: &TokenStream) -> TokenStream {
    let major = u16::try_from(v.major).unwrap_or(u16::MAX);
    let minor = u16::try_from(v.minor).unwrap_or(u16::MAX);
    quote!(#rt::meta::Version { major: #major, minor: #minor })
}

fn status(s: ir::Status, rt: &TokenStream) -> TokenStream {
    let v = format_ident!(
        "{}",
        match s {
            ir::Status::Current => "Current",
            ir::Status::Deprecated => "Deprecated",
            ir::Status::Obsoleted => "Obsoleted",
            ir::Status::Deleted => "Deleted",
        }
    );
    quote!(#rt::meta::Status::#v)
}

fn opt<T: quote::ToTokens>(v: Option<T>) -> TokenStream {
    match v {
        Some(v) => quote!(::core::option::Option::Some(#v)),
        None => quote!(::core::option::Option::None),
    }
}

fn opt_str(v: Option<&str>) -> TokenStream {
    match v {
        Some(v) => quote!(::core::option::Option::Some(#v)),
        None => quote!(::core::option::Option::None),
    }
}

//! The typed side of a model: a struct per object, an enum per enumerated
//! parameter, typed keys, and the small trait impls that connect them to the
//! runtime's generic code.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::descriptors::base_type;
use super::doc::DocWriter;
use super::plan::{EnumPlan, PObject, PParam, Plan};
use super::Serde;
use crate::ir::{BaseType, Object, Parameter};

/// An identifier, raw (`r#type`) where the naming module made it so.
pub(crate) fn ident(s: &str) -> Ident {
    match s.strip_prefix("r#") {
        Some(body) => Ident::new_raw(body, Span::call_site()),
        None => Ident::new(s, Span::call_site()),
    }
}

/// `#[doc]` attributes of a text, one per line, each with a leading space
/// so that formatted code reads `/// text`.
pub(crate) fn doc_attrs(text: &str) -> TokenStream {
    let lines = text.lines().map(|l| {
        let l = if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        };
        quote!(#[doc = #l])
    });
    quote!(#(#lines)*)
}

/// A relative path from module `from` to module `to` (both below the model module).
fn relative(from: &[String], to: &[String]) -> TokenStream {
    let common = from.iter().zip(to).take_while(|(a, b)| a == b).count();
    let ups = (common..from.len()).map(|_| quote!(super::));
    let downs = to[common..].iter().map(|m| {
        let m = ident(m);
        quote!(#m::)
    });
    quote!(self:: #(#ups)* #(#downs)*)
}

pub(crate) struct TypeWriter<'a> {
    pub plan: &'a Plan<'a>,
    pub rt: &'a TokenStream,
    pub docs: &'a DocWriter<'a>,
    pub serde: &'a Serde,
}

impl TypeWriter<'_> {
    fn serde_attrs(&self) -> TokenStream {
        let rt = self.rt;
        let krate = format!("{rt}::__serde").replace(' ', "");
        let derive = quote!(derive(#rt::__serde::Serialize, #rt::__serde::Deserialize), serde(crate = #krate, default));
        match self.serde {
            Serde::No => quote!(),
            Serde::Yes => quote!(#[cfg_attr(all(), #derive)]),
            Serde::Feature(f) => quote!(#[cfg_attr(feature = #f, #derive)]),
        }
    }

    /// The Rust type of a parameter's field, seen from the struct's module.
    fn field_type(&self, o: &PObject<'_>, p: &PParam<'_>) -> TokenStream {
        let rt = self.rt;
        let s = &p.ir.syntax;
        let item = match &p.enum_type {
            Some(e) => {
                let path = relative(&o.module, &o.own_module);
                let name = ident(&e.name);
                quote!(#path #name)
            }
            None => match s.base {
                BaseType::String => quote!(::std::string::String),
                BaseType::UnsignedInt => quote!(u32),
                BaseType::Int => quote!(i32),
                BaseType::UnsignedLong => quote!(u64),
                BaseType::Long => quote!(i64),
                BaseType::Boolean => quote!(bool),
                BaseType::DateTime => quote!(#rt::value::DateTime),
                BaseType::Base64 => quote!(#rt::value::Base64),
                BaseType::HexBinary => quote!(#rt::value::HexBinary),
                BaseType::Decimal => quote!(#rt::value::Decimal),
            },
        };
        if s.list.is_some() {
            quote!(::std::vec::Vec<#item>)
        } else {
            item
        }
    }

    /// The struct of object `ix` and its impls, for the module it sits in.
    pub fn object(&self, ix: usize) -> TokenStream {
        let rt = self.rt;
        let plan = self.plan;
        let o = &plan.objects[ix];
        let name = ident(&o.struct_name);
        let name_str = &o.struct_name;
        let params = &plan.params[o.first_param as usize..(o.first_param + o.param_count) as usize];
        let mut fields = Vec::new();
        let mut members = Vec::new();
        let mut members_mut = Vec::new();
        let mut inits = Vec::new();
        let mut consts = Vec::new();
        let model_path = relative(&o.module, &[]);
        for (i, p) in params.iter().enumerate() {
            let field = ident(&p.ir.rust_name);
            let ty = self.field_type(o, p);
            let doc = doc_attrs(&o.ir.map(|ir| self.docs.param(ir, p.ir)).unwrap_or_default());
            fields.push(quote!(#doc pub #field: #ty,));
            members.push(quote!(f(#rt::typed::Member::Param(&self.#field));));
            members_mut.push(quote!(f(#rt::typed::MemberMut::Param(&mut self.#field));));
            inits.push(quote!(#field: ::core::default::Default::default(),));
            let cname = ident(&p.const_name);
            let index = o.first_param + i as u32;
            let cdoc = doc_attrs(&format!(
                "Key of `{}{}` for `Tree::get_param` and `Tree::set_param`.",
                o.path(),
                p.ir.name
            ));
            consts.push(quote! {
                #cdoc
                pub const #cname: #rt::typed::Param<#ty> = #rt::typed::Param::new(&#model_path MODEL, #index);
            });
        }
        let child_path = relative(&o.module, &o.own_module);
        for &c in &o.children {
            let child = &plan.objects[c as usize];
            let Some(cir) = child.ir else { continue };
            let field = ident(&cir.rust_name);
            let cname = ident(&child.struct_name);
            let ty = quote!(#child_path #cname);
            let doc = doc_attrs(&self.docs.object(cir));
            let (ty, member, member_mut) = if child.is_table() {
                (quote!(#rt::typed::Table<#ty>), quote!(Table), quote!(Table))
            } else if child.min_entries() == 0 {
                (
                    quote!(::core::option::Option<#ty>),
                    quote!(Optional),
                    quote!(Optional),
                )
            } else {
                (ty, quote!(Object), quote!(Object))
            };
            fields.push(quote!(#doc pub #field: #ty,));
            members.push(quote!(f(#rt::typed::Member::#member(&self.#field));));
            members_mut.push(quote!(f(#rt::typed::MemberMut::#member_mut(&mut self.#field));));
            inits.push(quote!(#field: ::core::default::Default::default(),));
        }
        let doc = doc_attrs(&match o.ir {
            Some(ir) => self.docs.object(ir),
            None => format!(
                "The top of the `{}` service model: its instances.",
                plan.model.name
            ),
        });
        let object_ix = ix as u32;
        let serde = self.serde_attrs();
        let consts = if consts.is_empty() {
            quote!()
        } else {
            quote!(impl #name { #(#consts)* })
        };
        let unused = if members.is_empty() {
            quote!(let _ = f;)
        } else {
            quote!()
        };
        quote! {
            #doc
            #serde
            pub struct #name { #(#fields)* }
            #consts
            impl #rt::typed::Record for #name {
                const MODEL: &'static #rt::meta::ModelDesc = &#model_path MODEL;
                const OBJECT: #rt::meta::ObjectIx = #object_ix;
            }
            impl #rt::typed::Members for #name {
                #[inline] fn members<'a>(&'a self, f: &mut dyn ::core::ops::FnMut(#rt::typed::Member<'a>)) { #unused #(#members)* }
                #[inline] fn members_mut(&mut self, f: &mut dyn ::core::ops::FnMut(#rt::typed::MemberMut<'_>)) { #unused #(#members_mut)* }
            }
            impl ::core::default::Default for #name {
                #[inline] fn default() -> Self {
                    let mut this = Self { #(#inits)* };
                    #rt::typed::apply_defaults(&mut this, &#model_path MODEL, #object_ix);
                    this
                }
            }
            impl ::core::clone::Clone for #name {
                #[inline] fn clone(&self) -> Self {
                    let mut copy = <Self as ::core::default::Default>::default();
                    #rt::typed::copy_members(self, &mut copy);
                    copy
                }
            }
            impl ::core::cmp::PartialEq for #name {
                #[inline] fn eq(&self, other: &Self) -> bool {
                    #rt::typed::members_eq(self, other)
                }
            }
            impl ::core::fmt::Debug for #name {
                #[inline] fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    #rt::typed::debug_record(self, &#model_path MODEL, #object_ix, #name_str, f)
                }
            }
        }
    }

    /// The enum of an enumerated parameter, for its object's own module.
    pub fn enumeration(&self, o: &Object, p: &Parameter, e: &EnumPlan) -> TokenStream {
        let rt = self.rt;
        let name = ident(&e.name);
        let unlisted = ident(&e.unlisted);
        let doc = doc_attrs(&format!("Values of `{}{}`.", o.path, p.name));
        let variants = e.variants.iter().map(|(v, value)| {
            let v = ident(v);
            let doc = doc_attrs(&self.docs.value(o, p, value));
            quote!(#doc #v,)
        });
        let as_str = e.variants.iter().map(|(v, value)| {
            let v = ident(v);
            quote!(Self::#v => #value,)
        });
        let from = e.variants.iter().map(|(v, value)| {
            let v = ident(v);
            quote!(#value => Self::#v,)
        });
        let base = base_type(BaseType::String, rt);
        let serde = match self.serde {
            Serde::No => quote!(),
            Serde::Yes | Serde::Feature(_) => {
                let cfg = match self.serde {
                    Serde::Feature(f) => quote!(#[cfg(feature = #f)]),
                    _ => quote!(),
                };
                quote! {
                    #cfg
                    impl #rt::__serde::Serialize for #name {
                        #[inline] fn serialize<S: #rt::__serde::Serializer>(&self, s: S) -> ::core::result::Result<S::Ok, S::Error> {
                            s.serialize_str(self.as_str())
                        }
                    }
                    #cfg
                    impl<'de> #rt::__serde::Deserialize<'de> for #name {
                        #[inline] fn deserialize<D: #rt::__serde::Deserializer<'de>>(d: D) -> ::core::result::Result<Self, D::Error> {
                            let s = <::std::string::String as #rt::__serde::Deserialize>::deserialize(d)?;
                            ::core::result::Result::Ok(<Self as ::core::convert::From<::std::string::String>>::from(s))
                        }
                    }
                }
            }
        };
        quote! {
            #doc
            #[derive(::core::clone::Clone, ::core::cmp::PartialEq, ::core::cmp::Eq, ::core::hash::Hash, ::core::fmt::Debug)]
            pub enum #name {
                #(#variants)*
                #[doc = " A value the model does not list (a vendor's own, or the empty value), kept as written."]
                #unlisted(::std::string::String),
            }
            impl #name {
                #[doc = " The value as the data model writes it."]
                #[inline]
                pub fn as_str(&self) -> &str {
                    match self { #(#as_str)* Self::#unlisted(s) => s, }
                }
            }
            impl ::core::convert::From<::std::string::String> for #name {
                #[inline] fn from(s: ::std::string::String) -> Self {
                    match s.as_str() { #(#from)* _ => Self::#unlisted(s), }
                }
            }
            impl ::core::default::Default for #name {
                #[inline] fn default() -> Self { Self::#unlisted(::std::string::String::new()) }
            }
            impl #rt::typed::Scalar for #name {
                const BASE: #rt::value::BaseType = #base;
                #[inline] fn from_value(value: #rt::value::Value) -> ::core::option::Option<Self> {
                    match value {
                        #rt::value::Value::String(s) => ::core::option::Option::Some(<Self as ::core::convert::From<::std::string::String>>::from(s)),
                        _ => ::core::option::Option::None,
                    }
                }
                #[inline] fn to_value(&self) -> #rt::value::Value {
                    #rt::value::Value::String(::std::string::String::from(self.as_str()))
                }
            }
            #serde
        }
    }
}

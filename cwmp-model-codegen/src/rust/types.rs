//! The typed side of a model: a struct per object, an enum per enumerated
//! parameter, typed keys, and the small trait impls that connect them to the
//! runtime's generic code.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

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

/// The `#[doc]` attribute of a text, for an item `depth` modules (or
/// struct, enum or impl bodies) deep: one attribute for the whole text, as
/// rustc's work grows with the number of attributes and a model has tens of
/// thousands of doc lines. A one-line text formats as `/// text`; a longer
/// one as a `/** */` block, its lines indented to the item's depth (rustdoc
/// removes the common indentation).
pub(crate) fn doc_attrs(text: &str, depth: usize) -> TokenStream {
    if text.is_empty() {
        return TokenStream::new();
    }
    if !text.contains('\n') {
        let line = format!(" {text}");
        return quote!(#[doc = #line]);
    }
    let indent = "    ".repeat(depth);
    let mut doc = String::with_capacity(text.len() + 64);
    for l in text.lines() {
        doc.push('\n');
        if !l.is_empty() {
            doc.push_str(&indent);
            doc.push(' ');
            doc.push_str(l);
        }
    }
    doc.push('\n');
    doc.push_str(&indent);
    quote!(#[doc = #doc])
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

    /// A parameter field's empty value, as its type's `Default` gives it,
    /// written as the value where that is a literal (cheaper for rustc than
    /// a call of `Default::default`).
    fn empty_value(&self, p: &PParam<'_>) -> TokenStream {
        let s = &p.ir.syntax;
        if s.list.is_some() {
            return quote!(::std::vec::Vec::new());
        }
        if p.enum_type.is_some() {
            return quote!(::core::default::Default::default());
        }
        match s.base {
            BaseType::String => quote!(::std::string::String::new()),
            BaseType::UnsignedInt | BaseType::UnsignedLong | BaseType::Int | BaseType::Long => {
                quote!(0)
            }
            BaseType::Boolean => quote!(false),
            BaseType::DateTime | BaseType::Base64 | BaseType::HexBinary | BaseType::Decimal => {
                quote!(::core::default::Default::default())
            }
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
        let mut params_ref = Vec::new();
        let mut params_mut = Vec::new();
        let mut members = Vec::new();
        let mut members_mut = Vec::new();
        let mut inits = Vec::new();
        let mut consts = Vec::new();
        let model_path = relative(&o.module, &[]);
        // The struct sits in the model's module, `o.module` deeper; its
        // fields and consts one more.
        let depth = o.module.len() + 1;
        for (i, p) in params.iter().enumerate() {
            let field = ident(&p.ir.rust_name);
            let ty = self.field_type(o, p);
            let doc = doc_attrs(
                &o.ir.map(|ir| self.docs.param(ir, p.ir)).unwrap_or_default(),
                depth + 1,
            );
            fields.push(quote!(#doc pub #field: #ty,));
            params_ref.push(quote!(&self.#field));
            params_mut.push(quote!(&mut self.#field));
            let empty = self.empty_value(p);
            inits.push(quote!(#field: #empty,));
            let cname = ident(&p.const_name);
            let index = o.first_param + i as u32;
            let cdoc = doc_attrs(
                &format!(
                    "Key of `{}{}` for `Tree::get_param` and `Tree::set_param`.",
                    o.path(),
                    p.ir.name
                ),
                depth + 1,
            );
            consts.push(quote! {
                #cdoc
                pub const #cname: #rt::typed::Param<#ty> = #rt::typed::Param::new(#model_path MODEL_REF, #index);
            });
        }
        let child_path = relative(&o.module, &o.own_module);
        for &c in &o.children {
            let child = &plan.objects[c as usize];
            let Some(cir) = child.ir else { continue };
            let field = ident(&cir.rust_name);
            let cname = ident(&child.struct_name);
            let ty = quote!(#child_path #cname);
            let doc = doc_attrs(&self.docs.object(cir), depth + 1);
            let (ty, member, empty) = if child.is_table() {
                (
                    quote!(#rt::typed::Table<#ty>),
                    quote!(Table),
                    quote!(#rt::typed::Table::new()),
                )
            } else if child.min_entries() == 0 {
                (
                    quote!(::core::option::Option<#ty>),
                    quote!(Optional),
                    quote!(::core::option::Option::None),
                )
            } else {
                (
                    ty,
                    quote!(Object),
                    quote!(::core::default::Default::default()),
                )
            };
            fields.push(quote!(#doc pub #field: #ty,));
            members.push(quote!(#rt::typed::Member::#member(&self.#field)));
            members_mut.push(quote!(#rt::typed::MemberMut::#member(&mut self.#field)));
            inits.push(quote!(#field: #empty,));
        }
        let doc = doc_attrs(
            &match o.ir {
                Some(ir) => self.docs.object(ir),
                None => format!(
                    "The top of the `{}` service model: its instances.",
                    plan.model.name
                ),
            },
            depth,
        );
        let object_ix = ix as u32;
        let serde = self.serde_attrs();
        let consts = if consts.is_empty() {
            quote!()
        } else {
            quote!(impl #name { #(#consts)* })
        };
        quote! {
            #doc
            #serde
            pub struct #name { #(#fields)* }
            #consts
            impl #rt::typed::Record for #name {
                const MODEL: &'static #rt::meta::ModelDesc = #model_path MODEL_REF;
                const OBJECT: #rt::meta::ObjectIx = #object_ix;
            }
            impl #rt::typed::Members for #name {
                #[inline] fn members<'a>(&'a self, v: &mut #rt::typed::Visitor<'_, 'a>) {
                    v.visit(&[#(#params_ref),*], &[#(#members),*])
                }
                #[inline] fn members_mut(&mut self, v: &mut #rt::typed::VisitorMut<'_>) {
                    v.visit(&mut [#(#params_mut),*], &mut [#(#members_mut),*])
                }
            }
            impl ::core::default::Default for #name {
                #[inline] fn default() -> Self {
                    #rt::typed::with_defaults(Self { #(#inits)* })
                }
            }
            impl ::core::clone::Clone for #name {
                #[inline] fn clone(&self) -> Self {
                    #rt::typed::clone_record(self)
                }
            }
            impl ::core::cmp::PartialEq for #name {
                #[inline] fn eq(&self, other: &Self) -> bool {
                    #rt::typed::eq_records(self, other)
                }
            }
            impl ::core::fmt::Debug for #name {
                #[inline] fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    #rt::typed::fmt_record(self, #name_str, f)
                }
            }
        }
    }

    /// The enum of an enumerated parameter, for its object's own module.
    /// `depth`: how many modules deep it sits, the model's counted.
    pub fn enumeration(
        &self,
        o: &Object,
        p: &Parameter,
        e: &EnumPlan,
        depth: usize,
    ) -> TokenStream {
        let rt = self.rt;
        let name = ident(&e.name);
        let unlisted = ident(&e.unlisted);
        let doc = doc_attrs(&format!("Values of `{}{}`.", o.path, p.name), depth);
        let variants = e.variants.iter().map(|(v, value)| {
            let v = ident(v);
            let doc = doc_attrs(&self.docs.value(o, p, value), depth + 1);
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
        let names = e.variants.iter().map(|(v, _)| {
            let v = ident(v);
            let text = v.to_string();
            quote!(Self::#v => #text,)
        });
        let unlisted_name = unlisted.to_string();
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
            #[derive(::core::clone::Clone, ::core::cmp::PartialEq, ::core::hash::Hash)]
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
            impl ::core::cmp::Eq for #name {}
            // As `derive(Debug)` writes it, but inline: a library crate
            // holding the model then compiles no code for it.
            impl ::core::fmt::Debug for #name {
                #[inline] fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.write_str(match self {
                        #(#names)*
                        Self::#unlisted(s) => return f.debug_tuple(#unlisted_name).field(s).finish(),
                    })
                }
            }
            impl #rt::typed::Enumerated for #name {
                #[inline] fn text(&self) -> &str { self.as_str() }
            }
            #serde
        }
    }
}

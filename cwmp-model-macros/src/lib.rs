//! `#[cwmp_model("models/device.xml", ...)]`: compiles a BBF data model (or a
//! device-type document) into the module it is put on. A thin front end:
//! everything is done by `cwmp-model-codegen`.
//!
//! Options, after the path (relative to `CARGO_MANIFEST_DIR`):
//!
//! | option | meaning |
//! | --- | --- |
//! | `search = ["dir", ...]` | directories searched for imports (relative to the manifest) |
//! | `model = "Device:2.17"` | only this model of a model file |
//! | `profiles = ["Baseline:1", ...]` | keep only what these profiles require |
//! | `include = [...]`, `exclude = [...]` | path patterns to keep or drop |
//! | `extensions = ["x-vendor.xml", ...]` | more files read as part of the device |
//! | `lenient` | recoverable schema violations become warnings |
//! | `runtime = "::cwmp_model_runtime"` | the path generated code names the runtime by (default `::cwmp_model::runtime`) |
//! | `serde` or `serde = "feature"` | serde derives, always or behind a cargo feature |
//! | `docs = false` | no rustdoc from the model's descriptions |

use std::path::{Path, PathBuf};

use cwmp_model_codegen::rust::Serde;
use cwmp_model_codegen::{compile, device_files, Options};
use proc_macro::TokenStream;
use proc_macro2::Span;
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::{Expr, ExprArray, ExprLit, Ident, Lit, LitStr, Token};

/// Compiles a data model into the module this attribute is on; see the
/// crate documentation for the options.
#[proc_macro_attribute]
pub fn cwmp_model(attr: TokenStream, item: TokenStream) -> TokenStream {
    match expand(attr.into(), item.into()) {
        Ok(tokens) => tokens.into(),
        Err(e) => e.to_compile_error().into(),
    }
}

struct Args {
    path: LitStr,
    options: Vec<(Ident, Option<Expr>)>,
}

impl Parse for Args {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let path: LitStr = input.parse()?;
        let mut options = Vec::new();
        while !input.is_empty() {
            input.parse::<Token![,]>()?;
            if input.is_empty() {
                break;
            }
            let key: Ident = input.parse()?;
            let value = if input.peek(Token![=]) {
                input.parse::<Token![=]>()?;
                Some(input.parse::<Expr>()?)
            } else {
                None
            };
            options.push((key, value));
        }
        Ok(Args { path, options })
    }
}

fn string(key: &Ident, value: &Option<Expr>) -> syn::Result<String> {
    match value {
        Some(Expr::Lit(ExprLit {
            lit: Lit::Str(s), ..
        })) => Ok(s.value()),
        _ => Err(syn::Error::new(
            key.span(),
            format!("`{key}` takes a string: `{key} = \"...\"`"),
        )),
    }
}

fn strings(key: &Ident, value: &Option<Expr>) -> syn::Result<Vec<String>> {
    let Some(Expr::Array(ExprArray { elems, .. })) = value else {
        return match value {
            Some(Expr::Lit(_)) => Ok(vec![string(key, value)?]),
            _ => Err(syn::Error::new(
                key.span(),
                format!("`{key}` takes a list of strings: `{key} = [\"...\"]`"),
            )),
        };
    };
    elems
        .iter()
        .map(|e| string(key, &Some(e.clone())))
        .collect()
}

fn boolean(key: &Ident, value: &Option<Expr>) -> syn::Result<bool> {
    match value {
        None => Ok(true),
        Some(Expr::Lit(ExprLit {
            lit: Lit::Bool(b), ..
        })) => Ok(b.value),
        _ => Err(syn::Error::new(
            key.span(),
            format!("`{key}` takes `true` or `false`"),
        )),
    }
}

fn expand(
    attr: proc_macro2::TokenStream,
    item: proc_macro2::TokenStream,
) -> syn::Result<proc_macro2::TokenStream> {
    let args: Args = syn::parse2(attr)?;
    let module: syn::ItemMod = syn::parse2(item)?;
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let mut options = Options::default();
    options.rust.runtime = "::cwmp_model::runtime".into();
    let mut extensions = Vec::new();
    for (key, value) in &args.options {
        match key.to_string().as_str() {
            "search" => {
                for dir in strings(key, value)? {
                    options.settings.search_path.push(manifest.join(dir));
                }
            }
            "model" => options.model = Some(string(key, value)?),
            "profiles" => options.selection.profiles = strings(key, value)?,
            "include" => options.selection.include = strings(key, value)?,
            "exclude" => options.selection.exclude = strings(key, value)?,
            "extensions" => extensions = strings(key, value)?,
            "lenient" => options.settings.lenient = boolean(key, value)?,
            "runtime" => options.rust.runtime = string(key, value)?,
            "docs" => options.rust.docs = boolean(key, value)?,
            "serde" => {
                options.rust.serde = match value {
                    None => Serde::Yes,
                    Some(Expr::Lit(ExprLit {
                        lit: Lit::Bool(b), ..
                    })) => {
                        if b.value {
                            Serde::Yes
                        } else {
                            Serde::No
                        }
                    }
                    Some(_) => Serde::Feature(string(key, value)?),
                }
            }
            other => {
                return Err(syn::Error::new(
                    key.span(),
                    format!(
                        "unknown option `{other}`; expected one of: search, model, profiles, \
                         include, exclude, extensions, lenient, runtime, serde, docs"
                    ),
                ))
            }
        }
    }
    let mut files = device_files(&manifest.join(args.path.value()));
    files.extend(extensions.iter().map(|e| manifest.join(e)));
    let (generated, read) = match compile(&files, &options) {
        Ok(out) => (Ok(out.tokens), out.files),
        Err(failure) => {
            // compile_error! says `error:` itself.
            let text = failure.to_string();
            let text = text.strip_prefix("error: ").unwrap_or(&text);
            let message = relative(text, &manifest);
            (Err(message), failure.files)
        }
    };
    // Every file read is a dependency of this crate: an edit rebuilds it.
    let mut seen = std::collections::BTreeSet::new();
    let includes = read
        .iter()
        .chain(&files)
        .filter(|p| p.is_file() && seen.insert(*p))
        .map(|p| {
            let p = p.display().to_string();
            quote!(
                const _: &[u8] = include_bytes!(#p);
            )
        });
    let includes = quote!(#(#includes)*);
    let generated = match generated {
        Ok(tokens) => tokens,
        Err(message) => {
            let e = syn::Error::new(Span::call_site(), message).to_compile_error();
            quote!(#e)
        }
    };
    let syn::ItemMod {
        attrs,
        vis,
        unsafety,
        mod_token,
        ident,
        content,
        semi,
        ..
    } = module;
    let Some((_, items)) = content else {
        return Err(syn::Error::new(
            semi.map_or(ident.span(), |s| s.span),
            "`#[cwmp_model]` goes on an inline module: `mod dm {}`",
        ));
    };
    Ok(quote! {
        #(#attrs)*
        #vis #unsafety #mod_token #ident {
            #(#items)*
            #includes
            #generated
        }
    })
}

/// Paths in messages relative to the manifest, as the user wrote them.
fn relative(message: &str, manifest: &Path) -> String {
    let mut prefix = manifest.display().to_string();
    if prefix.is_empty() {
        return message.to_string();
    }
    prefix.push('/');
    message.replace(&prefix, "")
}

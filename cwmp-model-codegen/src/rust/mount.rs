//! A device of a root model and service models as one model: the service
//! models mounted at the root's `Services.` object, as TR-106 places them.
//! Generated code gets a `model()` function that builds it (with the
//! runtime's [`mount`](cwmp_model_runtime::meta::mount)); the generator
//! builds it once itself first, so that a mount that cannot work is a
//! compile error at the model, not a panic in the device.

use proc_macro2::TokenStream;
use quote::quote;

use cwmp_model_runtime::meta::{mount, ModelDesc};

use super::leak::leak_model;
use super::plan::Plan;
use super::types::ident;
use crate::diag::Diagnostics;
use crate::ir::{Device, Model};

/// Where a root model takes its services: `Device.Services.`.
pub(crate) fn services_path(root: &Model) -> String {
    let top = root.objects.first().map_or("Device.", |o| o.path.as_str());
    format!("{top}Services.")
}

/// Whether the device has service models to mount in a root model.
pub(crate) fn has_services(device: &Device) -> bool {
    matches!(device.models.split_first(), Some((root, rest))
        if !root.is_service && !rest.is_empty() && rest.iter().all(|m| m.is_service))
}

/// The device's whole model, built at run time: the root model's tables
/// with every service model mounted, or the one model of a device that has
/// no services. `None`, with the reason in `diags`, when the mount fails.
///
/// Leaks the tables, as [`leak_model`] does: call it once per device.
pub fn leak_device(device: &Device, diags: &mut Diagnostics) -> Option<&'static ModelDesc> {
    let leaked: Vec<&'static ModelDesc> =
        device.models.iter().map(|m| leak_model(m, diags)).collect();
    if !has_services(device) {
        return leaked.first().copied();
    }
    mounted(device, &leaked, diags)
}

/// Mounts `leaked` (the device's models, in order) and reports a failure
/// at the service model that caused it.
pub(crate) fn mounted(
    device: &Device,
    leaked: &[&'static ModelDesc],
    diags: &mut Diagnostics,
) -> Option<&'static ModelDesc> {
    let (root, services) = leaked.split_first()?;
    let point = services_path(device.models.first()?);
    let pairs: Vec<(&str, &'static ModelDesc)> =
        services.iter().map(|&s| (point.as_str(), s)).collect();
    match mount(root, &pairs) {
        Ok(model) => Some(model),
        Err(e) => {
            let span = device
                .models
                .iter()
                .find(|m| m.name == e.model())
                .map(|m| m.span);
            diags.error(span, format!("cannot mount the service models: {e}"));
            None
        }
    }
}

/// `pub fn model()`: the device's models mounted into one, built once.
pub(crate) fn model_fn(device: &Device, plans: &[Plan<'_>], rt: &TokenStream) -> TokenStream {
    let Some((root, services)) = plans.split_first() else {
        return TokenStream::new();
    };
    let point = device.models.first().map(services_path).unwrap_or_default();
    let root_mod = ident(&root.module);
    let service_mods: Vec<_> = services.iter().map(|p| ident(&p.module)).collect();
    let listed = services
        .iter()
        .map(|p| format!("`{}::MODEL`", p.module))
        .collect::<Vec<_>>()
        .join(", ");
    let doc = format!(
        " The whole device as one model: `{}::MODEL` with {listed} mounted at `{point}`, \
         for one `Tree` and one session that serve every path of the device. Each model's \
         structs and parameter keys work on a tree of it. Built on first use.",
        root.module
    );
    quote! {
        #[doc = #doc]
        pub fn model() -> &'static #rt::meta::ModelDesc {
            static MOUNTED: ::std::sync::OnceLock<&'static #rt::meta::ModelDesc> =
                ::std::sync::OnceLock::new();
            MOUNTED.get_or_init(|| {
                #rt::meta::mount(&#root_mod::MODEL, &[#((#point, &#service_mods::MODEL)),*])
                    .expect("cwmp-model mounted these models when it generated this code")
            })
        }
    }
}

//! A device of a root model and service models as one model: the service
//! models mounted at the root's `Services.` object, as TR-106 places them.
//! Generated code gets a `model()` function that builds it (with the
//! runtime's [`mount`](cwmp_model_runtime::meta::mount)); the generator
//! builds it once itself first, so that a mount that cannot work is a
//! compile error at the model, not a panic in the device.

use proc_macro2::TokenStream;
use quote::quote;

use std::sync::{Mutex, PoisonError};

use cwmp_model_runtime::meta::{mount, ModelDesc, MountError};

use super::leak::{leak_model, leak_plan};
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

/// The generator's check that the device's models mount, for
/// [`generate`](super::generate): the plans leaked and mounted once per
/// distinct set of models in this process. A macro expanded again with the
/// same models (an IDE expands on every edit of the code around it) finds
/// the tables it built before instead of leaking new ones; only a changed
/// model leaks again. A failure is reported at its model every time.
pub(crate) fn check_mount(
    device: &Device,
    plans: &[Plan<'_>],
    diags: &mut Diagnostics,
) -> Option<&'static ModelDesc> {
    type Mounted = Option<Result<&'static ModelDesc, MountError>>;
    static DONE: Mutex<Vec<(Vec<Model>, Mounted)>> = Mutex::new(Vec::new());
    // A poisoned lock only means another expansion panicked; the entries
    // are whole either way.
    let mut done = DONE.lock().unwrap_or_else(PoisonError::into_inner);
    let result = match done.iter().find(|(models, _)| *models == device.models) {
        Some((_, result)) => result.clone(),
        None => {
            let leaked: Vec<_> = plans.iter().map(leak_plan).collect();
            let result = mount_all(device, &leaked);
            done.push((device.models.clone(), result.clone()));
            result
        }
    };
    drop(done);
    report(device, result?, diags)
}

/// Mounts `leaked` (the device's models, in order) and reports a failure
/// at the service model that caused it.
pub(crate) fn mounted(
    device: &Device,
    leaked: &[&'static ModelDesc],
    diags: &mut Diagnostics,
) -> Option<&'static ModelDesc> {
    report(device, mount_all(device, leaked)?, diags)
}

/// The service models of `leaked` mounted in its first, at the root's
/// `Services.`; `None` if there is no model.
fn mount_all(
    device: &Device,
    leaked: &[&'static ModelDesc],
) -> Option<Result<&'static ModelDesc, MountError>> {
    let (root, services) = leaked.split_first()?;
    let point = services_path(device.models.first()?);
    let pairs: Vec<(&str, &'static ModelDesc)> =
        services.iter().map(|&s| (point.as_str(), s)).collect();
    Some(mount(root, &pairs))
}

/// The mounted model, or `None` with the failure reported at the service
/// model that caused it.
fn report(
    device: &Device,
    result: Result<&'static ModelDesc, MountError>,
    diags: &mut Diagnostics,
) -> Option<&'static ModelDesc> {
    match result {
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

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::rust::plan::plan;
    use crate::select::Selection;
    use crate::{Session, Settings};

    fn device(files: &[&str]) -> Device {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules");
        let mut session = Session::new(&Settings::default());
        let ids: Vec<_> = files
            .iter()
            .map(|f| session.load(&dir.join(f)).expect("fixture loads"))
            .collect();
        session
            .device(&ids, None, &Selection::default(), &[])
            .expect("a device")
    }

    /// The mount check of `device`, as `generate` runs it, and whether it
    /// reported an error.
    fn check(device: &Device) -> (Option<&'static ModelDesc>, bool) {
        let mut diags = Diagnostics::new();
        let plans: Vec<_> = device.models.iter().map(|m| plan(m, &mut diags)).collect();
        let mounted = check_mount(device, &plans, &mut diags);
        (mounted, diags.has_errors())
    }

    #[test]
    fn a_device_generated_again_is_mounted_once() {
        let good = device(&["tr-902-1-0-0.xml", "tr-901-1-0-0.xml"]);
        let (first, _) = check(&good);
        let (again, errors) = check(&good);
        let (first, again) = (first.expect("mounts"), again.expect("mounts"));
        assert!(std::ptr::eq(first, again), "the same tables, not new ones");
        assert!(!errors);
        // A device that cannot mount is an error every time.
        let bad = device(&["tr-900-1-0-0.xml", "tr-901-1-0-0.xml"]);
        for _ in 0..2 {
            let (mounted, errors) = check(&bad);
            assert!(mounted.is_none() && errors);
        }
    }
}

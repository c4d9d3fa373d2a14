//! A device-type description with its service model, narrowed further by an
//! exclude pattern that keeps every claimed profile whole.
#![deny(missing_docs)]

/// The Aastra 6700i without its provisioning code.
#[cwmp_model::cwmp_model(
    "../../../../models/aastra-6700i.xml",
    search = ["../../../../models"],
    exclude = ["Device.DeviceInfo.ProvisioningCode"],
    docs = false,
)]
pub mod phone {}

fn main() {
    let tree = cwmp_model::runtime::engine::Tree::new(&phone::device::MODEL);
    assert!(tree.get("Device.DeviceInfo.ProvisioningCode").is_err());
    let _ = phone::voice_service::Root::default();
}

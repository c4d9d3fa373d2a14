//! A device-type description with its service model, narrowed further by
//! profiles, serde on.
#![deny(missing_docs)]

/// The Aastra 6700i, baseline only.
#[cwmp_model::cwmp_model(
    "../../../../models/aastra-6700i.xml",
    search = ["../../../../models"],
    exclude = ["Device.LAN.Stats."],
    docs = false,
)]
pub mod phone {}

fn main() {
    let tree = cwmp_model::runtime::engine::Tree::new(&phone::device::MODEL);
    assert!(tree.get("Device.LAN.Stats.ConnectionUpTime").is_err());
    let _ = phone::voice_service::Root::default();
}

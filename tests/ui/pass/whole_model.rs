//! A whole model, documented, used through the facade alone.
#![deny(missing_docs)]

/// The TR-106 baseline.
#[cwmp_model::cwmp_model("../../../../models/tr-106-device-1.xml", search = ["../../../../models"])]
pub mod dm {}

fn main() {
    let mut tree = cwmp_model::runtime::engine::Tree::new(&dm::device::MODEL);
    tree.set_param(dm::device::DeviceInfo::SOFTWARE_VERSION, &[], &"1.0".to_string())
        .unwrap();
    let info: dm::device::DeviceInfo = tree.read(&[]).unwrap();
    assert_eq!(info.software_version, "1.0");
}

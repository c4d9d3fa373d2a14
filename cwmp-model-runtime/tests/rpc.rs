//! End-to-end CWMP sessions through `rpc::Session` over small hand-written
//! models (`rpc/model.rs`): every CPE method and its faults, the Inform,
//! transfers, sloppy input, and a property test of SetParameterValues'
//! all-or-nothing rule. Every envelope the CPE writes is validated against
//! the BBF schemas (`rpc/common.rs`; set `CWMP_SHARED_DIR` to the directory
//! holding `xsd/validate-envelope` when it is not in `../shared`).

// An inline module, so that its files live in `tests/rpc/`.
mod rpc {
    mod common;
    mod inform;
    mod lab;
    mod model;
    mod objects;
    mod params;
    mod prop;
    mod robustness;
    mod transfers;

    use cwmp_model_runtime::engine::Tree;
    use cwmp_model_runtime::rpc::CpeState;

    use lab::LabDevice;
    use model::MODEL;

    /// A fresh device of [`MODEL`].
    fn lab() -> (Tree, LabDevice, CpeState) {
        (Tree::new(&MODEL), LabDevice::default(), CpeState::new())
    }
}

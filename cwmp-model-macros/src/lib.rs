//! The `#[cwmp_model("...")]` attribute macro.

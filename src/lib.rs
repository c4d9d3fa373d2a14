//! cwmp-model: compile TR-069 (CWMP) data-model XML into typed Rust device code.
#![warn(missing_docs)]

pub use cwmp_model_runtime as runtime;

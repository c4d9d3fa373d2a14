//! The cwmp-model runtime: what generated code and device code use at run time.
#![warn(missing_docs)]

pub mod engine;
pub mod meta;
pub mod path;
pub mod rpc;
pub mod soap;
pub mod typed;
pub mod value;

//! The cwmp-model compiler: reads Broadband Forum data-model XML, resolves it into
//! a checked intermediate representation, and emits Rust, documentation and
//! device-type XML from it.
#![warn(missing_docs)]

pub mod config;
pub mod diag;
pub mod docs;
pub mod dt;
pub mod dump;
pub mod ir;
pub mod loader;
pub mod lower;
pub mod naming;
pub mod resolve;
pub mod rust;
pub mod select;
pub mod session;
pub mod source;
pub mod syntax;
pub mod xml;

pub use config::{compile, device_files, BuildError, Config, Failure, Options, Output};
pub use session::{Session, Settings};

//! The cwmp-model runtime: what generated code and device code use at run time.
#![warn(missing_docs)]

pub mod dhcp;
pub mod engine;
pub mod meta;
pub mod path;
pub mod rpc;
pub mod soap;
pub mod typed;
pub mod value;

/// serde, for the derives of generated code (which names it through the
/// runtime so that device crates need no serde dependency of their own).
#[cfg(feature = "serde")]
#[doc(hidden)]
pub use serde as __serde;

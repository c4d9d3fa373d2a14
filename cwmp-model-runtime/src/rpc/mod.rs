//! The RPC dispatcher and the Inform builder: the CPE side of a CWMP
//! session (TR-069 Amendment 6) over a parameter [`Tree`](crate::engine::Tree).
//!
//! - [`Device`]: the device's side effects (live values, vetoing and
//!   committing sets, object hooks, reboot, factory reset, transfers,
//!   scheduled Informs), each with a default; [`InMemoryDevice`] takes
//!   them all.
//! - [`CpeState`]: what the CPE remembers between sessions: undelivered
//!   events, queued transfers, scheduled Informs.
//! - [`Session`]: one session: it builds the Inform, answers every CPE
//!   method the ACS may call (anything else, ChangeDUState included, is
//!   fault 9000), sends TransferCompletes, and runs Reboot and
//!   FactoryReset once the session ends.
//!
//! Every reply echoes the request's `cwmp:ID` in its cwmp namespace, and
//! only carries what that namespace's schema defines (see
//! [`Session::handle`]); malformed requests get a CWMP fault, never a
//! panic.
//!
//! ```
//! use cwmp_model_runtime::engine::Tree;
//! use cwmp_model_runtime::meta::*;
//! use cwmp_model_runtime::rpc::{CpeState, EventCode, InMemoryDevice, Session};
//! use cwmp_model_runtime::value::{BaseType, Syntax};
//!
//! static STRING: Syntax = Syntax::new(BaseType::String);
//! static MODEL: ModelDesc = ModelDesc {
//!     name: "Example:1.0",
//!     is_service: false,
//!     objects: &[ObjectDesc {
//!         path: "Device.", name: "Device", parent: None, table: false,
//!         access: ObjectAccess::ReadOnly, min_entries: 1, max_entries: Some(1),
//!         num_entries: None, enable: None, unique_keys: &[], first_param: 0,
//!         param_count: 1, children: &[], version: Version { major: 1, minor: 0 },
//!         status: Status::Current,
//!     }],
//!     params: &[ParamDesc {
//!         name: "Name", object: 0, access: ParamAccess::ReadWrite,
//!         active_notify: ActiveNotify::Normal, forced_inform: true, syntax: &STRING,
//!         data_type: None, default: Some((DefaultKind::Factory, "cpe")),
//!         version: Version { major: 1, minor: 0 }, status: Status::Current,
//!     }],
//!     parts: &[],
//! };
//!
//! let (mut tree, mut device, mut state) = (Tree::new(&MODEL), InMemoryDevice, CpeState::new());
//! state.add_event(EventCode::Boot, "");
//! let mut session = Session::new(&mut tree, &mut device, &mut state);
//! let inform = session.inform_xml(0);
//! assert!(inform.contains("<EventCode>1 BOOT</EventCode>"));
//! let acs = r#"<Envelope xmlns:cwmp="urn:dslforum-org:cwmp-1-0"><Header><cwmp:ID>7</cwmp:ID></Header>
//!   <Body><cwmp:GetParameterValues><ParameterNames><string>Device.</string></ParameterNames>
//!   </cwmp:GetParameterValues></Body></Envelope>"#;
//! let reply = session.handle(acs.as_bytes()).unwrap();
//! assert!(reply.contains(r#"<Value xsi:type="xsd:string">cpe</Value>"#));
//! assert!(reply.contains(r#"<cwmp:ID SOAP-ENV:mustUnderstand="1">7</cwmp:ID>"#));
//! assert!(session.end_session().is_empty());
//! ```

// Requests come from the network: a panic on bad input would take the
// device down, so the lints that hide panics are errors in this module.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::unreachable,
        clippy::todo,
        clippy::unimplemented
    )
)]
#![forbid(unsafe_code)]

mod acs;
mod device;
mod diagnostics;
mod events;
mod inform;
mod params;
mod schedule;
mod session;
mod state;
mod transfers;
mod wire;

pub use acs::{Call, Message, ScriptedAcs, Sender};
pub use device::{
    check_transfer_url, Applied, Device, InMemoryDevice, ParamRead, ReadFault, TransferId,
    TransferStart,
};
pub use diagnostics::{Diagnostic, DiagnosticRun};
pub use events::{EventCode, PendingEvent};
pub use inform::{device_id, forced_inform_params};
pub use schedule::PeriodicInform;
pub use session::{Action, Options, Session};
pub use state::{
    CpeState, ScheduledInform, Transfer, TransferKind, TransferOutcome, MAX_INFORM_EVENTS,
    MAX_QUEUED_TRANSFERS,
};

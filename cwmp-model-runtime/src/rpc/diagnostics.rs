//! Diagnostic tests (TR-106 IPPing and TraceRoute, TR-143 Download and
//! Upload, and every other object with a `DiagnosticsState`): the ACS
//! requests one by setting `DiagnosticsState` to `Requested`; the device
//! runs it once the session has ended and reports it with
//! `8 DIAGNOSTICS COMPLETE`, which opens a session for the ACS to read the
//! results.
//!
//! The rules of the BBF models: writing any other parameter of the object
//! while a test is requested or running terminates it and sets
//! `DiagnosticsState` to `None`; a completed test leaves `Complete` or one
//! of the `Error_...` values.

use crate::engine::{Fault, Tree};
use crate::value::Value;

use super::device::Device;
use super::events::EventCode;
use super::state::CpeState;
use super::Session;

/// The parameter that requests and reports a test.
const STATE: &str = "DiagnosticsState";
/// The value by which the ACS requests a test.
const REQUESTED: &str = "Requested";

/// A diagnostic test the ACS requested.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Diagnostic {
    /// The diagnostics object, e.g. `Device.IPPingDiagnostics.`.
    pub object: String,
    /// Whether the device has started it (it runs when the session that
    /// requested it ends).
    pub started: bool,
}

/// What [`Device::diagnostic`] did with a requested test.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum DiagnosticRun {
    /// Finished: the results are in the tree, and this is the final
    /// `DiagnosticsState` (`Complete`, `Error_CannotResolveHostName`, ...).
    Finished(String),
    /// Running: the device calls [`CpeState::finish_diagnostic`] when it
    /// ends.
    Running,
}

impl CpeState {
    /// The diagnostic tests requested and not yet finished, oldest first.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// Records the end of the test of `object` (`Device.IPPingDiagnostics.`):
    /// sets its `DiagnosticsState` to `state` as the device, and queues `8
    /// DIAGNOSTICS COMPLETE`, whose Inform lets the ACS read the results.
    /// Fault 9005 if no test of `object` is pending, 9007 if `state` is not
    /// a value its `DiagnosticsState` allows (the test then stays pending).
    pub fn finish_diagnostic(
        &mut self,
        tree: &mut Tree,
        object: &str,
        state: &str,
    ) -> Result<(), Fault> {
        let Some(i) = self.diagnostics.iter().position(|d| d.object == object) else {
            return Err(Fault::new(
                crate::soap::codes::INVALID_PARAMETER_NAME,
                format!("no diagnostic test of `{object}` is pending"),
            ));
        };
        tree.set_value_as_device(&format!("{object}{STATE}"), Value::String(state.into()))?;
        self.diagnostics.remove(i);
        self.add_event(EventCode::DiagnosticsComplete, "");
        Ok(())
    }

    fn request_diagnostic(&mut self, object: &str) {
        match self.diagnostics.iter_mut().find(|d| d.object == object) {
            // A new request restarts a test the ACS asked for again.
            Some(d) => d.started = false,
            None => self.diagnostics.push(Diagnostic {
                object: object.to_owned(),
                started: false,
            }),
        }
    }
}

impl<D: Device + ?Sized> Session<'_, D> {
    /// After a SetParameterValues that `batch` made: requests the tests
    /// whose `DiagnosticsState` it set to `Requested`, and terminates the
    /// pending tests of objects whose other parameters it changed.
    pub(crate) fn diagnostics_after_set(&mut self, batch: &[(String, String)], changed: &[String]) {
        let requested: Vec<&str> = batch
            .iter()
            .filter(|(_, value)| value == REQUESTED)
            .filter_map(|(name, _)| diagnostics_object(name))
            .collect();
        let stopped: Vec<String> = self
            .state
            .diagnostics
            .iter()
            .filter(|d| !requested.contains(&d.object.as_str()))
            .filter(|d| {
                changed.iter().any(|name| {
                    name.strip_prefix(d.object.as_str())
                        .is_some_and(|rest| !rest.contains('.'))
                })
            })
            .map(|d| d.object.clone())
            .collect();
        for object in stopped {
            self.state.diagnostics.retain(|d| d.object != object);
            // The parameter exists (the test was requested through it); a
            // failure here would leave `Requested`, which the next request
            // overwrites anyway.
            let _ = self
                .tree
                .set_value_as_device(&format!("{object}{STATE}"), Value::String("None".into()));
        }
        for object in requested {
            self.state.request_diagnostic(object);
        }
    }

    /// At the end of the session: starts the requested tests.
    pub(crate) fn start_diagnostics(&mut self) {
        let waiting: Vec<String> = self
            .state
            .diagnostics
            .iter()
            .filter(|d| !d.started)
            .map(|d| d.object.clone())
            .collect();
        for object in waiting {
            if let Some(d) = self
                .state
                .diagnostics
                .iter_mut()
                .find(|d| d.object == object)
            {
                d.started = true;
            }
            if let DiagnosticRun::Finished(state) = self.device.diagnostic(self.tree, &object) {
                // A state the model forbids ends the test as terminated
                // (`None`) rather than leave it pending forever.
                if self
                    .state
                    .finish_diagnostic(self.tree, &object, &state)
                    .is_err()
                {
                    let _ = self.state.finish_diagnostic(self.tree, &object, "None");
                }
            }
        }
    }
}

/// `Device.IPPingDiagnostics.` for `Device.IPPingDiagnostics.DiagnosticsState`.
fn diagnostics_object(name: &str) -> Option<&str> {
    name.strip_suffix(STATE).filter(|o| o.ends_with('.'))
}

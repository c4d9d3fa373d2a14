//! The device's side of the RPCs: the [`Device`] trait, whose every method
//! has a default so that a plain in-memory device is
//! `struct X; impl Device for X {}` ([`InMemoryDevice`] is one), and the
//! small types its methods exchange with the [`Session`](super::Session).

use crate::engine::{Fault, SetFault, Tree, DEFAULT_KEEP};
use crate::meta::ParamIx;
use crate::soap::{codes, Download, ScheduleDownload, TransferState, Upload};
use crate::value::DateTime;

use super::state::Transfer;

/// A parameter about to be read, passed to [`Device::refresh`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ParamRead {
    /// The full path, with instance numbers.
    pub path: String,
    /// The parameter's index in the model.
    pub param: ParamIx,
}

/// Why [`Device::refresh`] could not read a live value: the parameter and
/// the fault to answer with, which then names that parameter instead of
/// failing the whole read with a bare 9002.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{path}`: {fault}")]
pub struct ReadFault {
    /// The parameter that could not be read.
    pub path: String,
    /// The fault (usually 9002 Internal error).
    pub fault: Fault,
}

impl ReadFault {
    /// The fault to answer with: the device's, its message naming the
    /// parameter.
    pub fn to_fault(&self) -> Fault {
        let message = if self.fault.message.contains(self.path.as_str()) {
            self.fault.message.clone()
        } else if self.fault.message.is_empty() {
            format!("`{}` could not be read", self.path)
        } else {
            format!("`{}`: {}", self.path, self.fault.message)
        };
        Fault::new(self.fault.code, message)
    }
}

/// When an accepted change takes effect: the `Status` of
/// SetParameterValuesResponse, AddObjectResponse and DeleteObjectResponse.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Applied {
    /// Applied now (Status 0).
    #[default]
    Now,
    /// Validated and stored, effective after a reboot or a later commit
    /// (Status 1).
    Later,
}

impl Applied {
    /// The wire `Status`: 0 or 1.
    pub fn status(self) -> u8 {
        match self {
            Applied::Now => 0,
            Applied::Later => 1,
        }
    }
}

/// Identifies a queued transfer in the [`CpeState`](super::CpeState),
/// whatever its CommandKey (which the ACS need not make unique).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TransferId(pub u64);

/// What the device did with a Download or Upload request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TransferStart {
    /// Done already: the response carries Status 0 and these times, and no
    /// TransferComplete follows.
    Completed {
        /// When the transfer started.
        start: DateTime,
        /// When it completed.
        complete: DateTime,
    },
    /// Queued: the response carries Status 1; the device reports progress
    /// and the outcome through [`CpeState::set_transfer_state`] and
    /// [`CpeState::finish_transfer`], and a TransferComplete follows.
    ///
    /// [`CpeState::set_transfer_state`]: super::CpeState::set_transfer_state
    /// [`CpeState::finish_transfer`]: super::CpeState::finish_transfer
    Queued,
}

/// The device's side effects. Every method has a default that suits a
/// device whose state is the [`Tree`] alone.
///
/// Methods that take the tree mutably may change it as the device: with
/// [`Tree::set_value_as_device`], whose changes notify the ACS as TR-069
/// asks (the ACS's own writes never do).
pub trait Device {
    /// The current time, for CurrentTime, transfer times and scheduled
    /// Informs. Default: the system clock in UTC.
    fn now(&self) -> DateTime {
        DateTime::now_utc()
    }

    /// Refreshes live values (counters, uptime, status) before the ACS
    /// reads them: called with every parameter a GetParameterValues is
    /// about to return, and with the Inform's parameters. A parameter that
    /// cannot be read fails the request with a fault naming it. Default:
    /// nothing to refresh.
    fn refresh(&mut self, tree: &mut Tree, reads: &[ParamRead]) -> Result<(), ReadFault> {
        let _ = (tree, reads);
        Ok(())
    }

    /// Vetoes a SetParameterValues batch that the tree has accepted
    /// (names, types, values and access are checked already), before
    /// anything is written: return one fault per refused entry. Default:
    /// accept.
    fn check_set(&mut self, tree: &Tree, batch: &[(String, String)]) -> Result<(), SetFault> {
        let _ = (tree, batch);
        Ok(())
    }

    /// Applies a SetParameterValues batch the tree has stored; `changed`
    /// names the parameters whose value changed. Default: applied now.
    fn commit_set(&mut self, tree: &mut Tree, changed: &[String]) -> Applied {
        let _ = (tree, changed);
        Applied::Now
    }

    /// Called after AddObject created `instance` in the table `path`.
    /// Default: applied now.
    fn object_added(&mut self, tree: &mut Tree, path: &str, instance: u32) -> Applied {
        let _ = (tree, path, instance);
        Applied::Now
    }

    /// Called after DeleteObject deleted the instance `path`. Default:
    /// applied now.
    fn object_deleted(&mut self, tree: &mut Tree, path: &str) -> Applied {
        let _ = (tree, path);
        Applied::Now
    }

    /// Reboots, once the session that asked for it has ended. The
    /// `M Reboot` and `1 BOOT` events are queued in the
    /// [`CpeState`](super::CpeState) before this is called, so a device
    /// that saves the state first reports them after it comes back.
    /// Default: nothing (an in-memory device "reboots" instantly).
    fn reboot(&mut self, tree: &mut Tree) {
        let _ = tree;
    }

    /// What a factory reset keeps (partial paths). Default:
    /// [`DEFAULT_KEEP`], the management settings, so the device can still
    /// reach its ACS afterwards.
    fn factory_reset_keep(&self) -> &'static [&'static str] {
        DEFAULT_KEEP
    }

    /// Resets the device, once the session that asked for it has ended;
    /// the tree is already back to its factory state (but for
    /// [`Device::factory_reset_keep`]). Default: nothing.
    fn factory_reset(&mut self, tree: &mut Tree) {
        let _ = tree;
    }

    /// Starts or queues a Download. Default: queued, for the URL schemes
    /// `http`, `https` and `ftp` (others: fault 9013).
    fn download(
        &mut self,
        tree: &mut Tree,
        id: TransferId,
        request: &Download,
    ) -> Result<TransferStart, Fault> {
        let _ = (tree, id);
        check_transfer_url(&request.url).map(|()| TransferStart::Queued)
    }

    /// Starts or queues an Upload. Default as for [`Device::download`].
    fn upload(
        &mut self,
        tree: &mut Tree,
        id: TransferId,
        request: &Upload,
    ) -> Result<TransferStart, Fault> {
        let _ = (tree, id);
        check_transfer_url(&request.url).map(|()| TransferStart::Queued)
    }

    /// Accepts a ScheduleDownload (always queued; the time windows are
    /// checked already). Default: accepted, for the URL schemes of
    /// [`Device::download`].
    fn schedule_download(
        &mut self,
        tree: &mut Tree,
        id: TransferId,
        request: &ScheduleDownload,
    ) -> Result<(), Fault> {
        let _ = (tree, id);
        check_transfer_url(&request.url)
    }

    /// Cancels a queued transfer; on `Ok` it leaves the queue. Default:
    /// only a transfer not yet started can be cancelled (else fault 9021).
    fn cancel_transfer(&mut self, tree: &mut Tree, transfer: &Transfer) -> Result<(), Fault> {
        let _ = tree;
        if transfer.state == TransferState::NotYetStarted {
            Ok(())
        } else {
            Err(Fault::new(
                codes::CANCEL_NOT_PERMITTED,
                format!("transfer `{}` has started", transfer.command_key),
            ))
        }
    }

    /// Runs the diagnostic test of `object` (`Device.IPPingDiagnostics.`),
    /// which the ACS requested by setting its `DiagnosticsState` to
    /// `Requested`; called once the session that asked for it has ended.
    /// A device that measures at once writes the results (as the device)
    /// and returns [`DiagnosticRun::Finished`] with the final state; one
    /// that measures in the background returns [`DiagnosticRun::Running`]
    /// and calls [`CpeState::finish_diagnostic`] later. Either way `8
    /// DIAGNOSTICS COMPLETE` follows. Default: `Running` (nothing is
    /// measured, so nothing is reported until the device says so).
    ///
    /// [`DiagnosticRun::Finished`]: super::DiagnosticRun::Finished
    /// [`DiagnosticRun::Running`]: super::DiagnosticRun::Running
    /// [`CpeState::finish_diagnostic`]: super::CpeState::finish_diagnostic
    fn diagnostic(&mut self, tree: &mut Tree, object: &str) -> super::DiagnosticRun {
        let _ = (tree, object);
        super::DiagnosticRun::Running
    }

    /// Accepts a ScheduleInform; the session then keeps it in the
    /// [`CpeState`](super::CpeState) until
    /// [`CpeState::fire_scheduled_informs`](super::CpeState::fire_scheduled_informs)
    /// finds it due. Default: accepted.
    fn schedule_inform(
        &mut self,
        tree: &mut Tree,
        delay_seconds: u32,
        command_key: &str,
    ) -> Result<(), Fault> {
        let _ = (tree, delay_seconds, command_key);
        Ok(())
    }
}

/// A device whose state is its [`Tree`] alone: every [`Device`] default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct InMemoryDevice;

impl Device for InMemoryDevice {}

/// Fault 9003 for an empty URL, 9013 for a scheme other than `http`,
/// `https` or `ftp` (TR-069 requires HTTP and HTTPS; FTP is common).
pub fn check_transfer_url(url: &str) -> Result<(), Fault> {
    let Some((scheme, rest)) = url.split_once("://") else {
        return Err(Fault::new(
            codes::INVALID_ARGUMENTS,
            format!("`{}` is not a URL", super::wire::clip(url, 64)),
        ));
    };
    let known = ["http", "https", "ftp"]
        .iter()
        .any(|s| s.eq_ignore_ascii_case(scheme));
    match (known, rest.is_empty()) {
        (true, false) => Ok(()),
        (true, true) => Err(Fault::new(codes::INVALID_ARGUMENTS, "the URL has no host")),
        (false, _) => Err(Fault::new(
            codes::UNSUPPORTED_TRANSFER_PROTOCOL,
            format!(
                "`{}` transfers are not supported",
                super::wire::clip(scheme, 16)
            ),
        )),
    }
}

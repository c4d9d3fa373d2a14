//! [`CpeState`]: what the CPE side of CWMP remembers between sessions,
//! and must keep across a reboot (serde-serializable with the crate's
//! `serde` feature): events not yet delivered, queued transfers, scheduled
//! Informs, and the value changes an unacknowledged Inform reported.
//!
//! Delivery follows TR-069 3.7.1.5: an event stays until the InformResponse
//! acknowledges the Inform that carried it, except `7 TRANSFER COMPLETE`
//! and the `M Download`/`M Upload`/`M ScheduleDownload` events, which stay
//! until the ACS acknowledges their TransferComplete.

use crate::soap::{FaultStruct, TransferComplete, TransferState};
use crate::value::DateTime;

use super::device::TransferId;
use super::events::{EventCode, PendingEvent};

/// Most events in one Inform (the schema's bound); more wait for the next.
pub const MAX_INFORM_EVENTS: usize = 64;

/// Most queued transfers (the schema's bound on GetAllQueuedTransfers);
/// one more is refused with 9004 Resources exceeded.
pub const MAX_QUEUED_TRANSFERS: usize = 16;

/// Which RPC queued a transfer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum TransferKind {
    /// Download.
    Download,
    /// Upload.
    Upload,
    /// ScheduleDownload.
    ScheduleDownload,
}

impl TransferKind {
    /// Whether the file comes to the device (Download, ScheduleDownload).
    pub fn is_download(self) -> bool {
        self != TransferKind::Upload
    }

    fn event(self) -> EventCode {
        match self {
            TransferKind::Download => EventCode::MDownload,
            TransferKind::Upload => EventCode::MUpload,
            TransferKind::ScheduleDownload => EventCode::MScheduleDownload,
        }
    }
}

/// How a queued transfer ended: what its TransferComplete reports.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TransferOutcome {
    /// Code 0 for success, else the transfer fault (9010..9020, ...).
    pub fault: FaultStruct,
    /// When the transfer started ([`DateTime::UNKNOWN`] if it never did).
    pub start_time: DateTime,
    /// When it ended.
    pub complete_time: DateTime,
}

impl TransferOutcome {
    /// A successful transfer.
    pub fn success(start_time: DateTime, complete_time: DateTime) -> TransferOutcome {
        TransferOutcome {
            fault: FaultStruct::none(),
            start_time,
            complete_time,
        }
    }

    /// A failed transfer, with the standard fault string of `code`.
    pub fn failure(code: u32, start_time: DateTime, complete_time: DateTime) -> TransferOutcome {
        TransferOutcome {
            fault: FaultStruct::new(code),
            start_time,
            complete_time,
        }
    }

    /// The TransferComplete message for the transfer `command_key`.
    pub fn to_message(&self, command_key: &str) -> TransferComplete {
        TransferComplete {
            command_key: command_key.to_owned(),
            fault: self.fault.clone(),
            start_time: self.start_time.to_string(),
            complete_time: self.complete_time.to_string(),
        }
    }
}

/// A transfer the ACS asked for and the device queued.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Transfer {
    /// Its identity in the queue.
    pub id: TransferId,
    /// The RPC that asked for it.
    pub kind: TransferKind,
    /// The request's CommandKey.
    pub command_key: String,
    /// The request's FileType.
    pub file_type: String,
    /// The request's FileSize (0 for an upload).
    pub file_size: u32,
    /// The request's TargetFileName (empty for an upload).
    pub target_file_name: String,
    /// Its state, as GetQueuedTransfers reports it.
    pub state: TransferState,
    /// How it ended; `Some` once finished, until the ACS acknowledges the
    /// TransferComplete.
    pub outcome: Option<TransferOutcome>,
}

/// A ScheduleInform waiting to fall due.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ScheduledInform {
    /// When it is due.
    pub due: DateTime,
    /// The request's CommandKey.
    pub command_key: String,
}

/// What the CPE side of CWMP remembers between sessions, and must keep
/// across a reboot (serde-serializable with the crate's `serde` feature):
/// events not yet delivered, queued transfers, scheduled Informs, and the
/// value changes an unacknowledged Inform reported.
///
/// Delivery follows TR-069 3.7.1.5: an event stays until the
/// InformResponse acknowledges the Inform that carried it, except `7
/// TRANSFER COMPLETE` and the `M Download`/`M Upload`/`M ScheduleDownload`
/// events, which stay until the ACS acknowledges their TransferComplete.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(default)
)]
pub struct CpeState {
    pub(crate) events: Vec<PendingEvent>,
    pub(crate) transfers: Vec<Transfer>,
    pub(crate) scheduled: Vec<ScheduledInform>,
    /// Diagnostic tests requested and not finished.
    pub(crate) diagnostics: Vec<super::Diagnostic>,
    /// The periodic Inform as last reckoned by `inform_due`.
    pub(crate) periodic: Option<super::schedule::PeriodicDue>,
    /// Paths of value changes an Inform reported and no InformResponse
    /// acknowledged yet: reported again if the Inform is retried.
    pub(crate) reported_changes: Vec<String>,
    pub(crate) last_transfer: u64,
    pub(crate) last_message: u64,
}

impl CpeState {
    /// A state with nothing pending: add [`EventCode::Bootstrap`] and
    /// [`EventCode::Boot`] for a device's very first session.
    pub fn new() -> CpeState {
        CpeState::default()
    }

    /// Queues an event for the next Inform. A non-method event already
    /// pending is not queued twice; method events are queued once per
    /// call, one for each command.
    pub fn add_event(&mut self, code: EventCode, command_key: &str) {
        if !code.is_method() && self.events.iter().any(|e| e.code == code) {
            return;
        }
        let command_key = if code.is_method() {
            command_key.to_owned()
        } else {
            String::new()
        };
        self.events.push(PendingEvent { code, command_key });
    }

    /// The events not yet delivered, oldest first.
    pub fn events(&self) -> &[PendingEvent] {
        &self.events
    }

    /// The queued transfers, oldest first.
    pub fn transfers(&self) -> &[Transfer] {
        &self.transfers
    }

    /// A queued transfer.
    pub fn transfer(&self, id: TransferId) -> Option<&Transfer> {
        self.transfers.iter().find(|t| t.id == id)
    }

    /// Records a transfer's progress (GetQueuedTransfers reports it);
    /// false if no such transfer is queued.
    pub fn set_transfer_state(&mut self, id: TransferId, state: TransferState) -> bool {
        match self.transfers.iter_mut().find(|t| t.id == id) {
            Some(t) => {
                t.state = state;
                true
            }
            None => false,
        }
    }

    /// Records how a queued transfer ended and queues the events of
    /// TR-069 for it (`7 TRANSFER COMPLETE` and `M Download`, `M Upload` or
    /// `M ScheduleDownload` with its CommandKey); the next session then
    /// sends its TransferComplete. False if no such unfinished transfer is
    /// queued.
    pub fn finish_transfer(&mut self, id: TransferId, outcome: TransferOutcome) -> bool {
        let Some(t) = self
            .transfers
            .iter_mut()
            .find(|t| t.id == id && t.outcome.is_none())
        else {
            return false;
        };
        t.state = TransferState::Completed;
        t.outcome = Some(outcome);
        let (event, key) = (t.kind.event(), t.command_key.clone());
        self.add_event(EventCode::TransferComplete, "");
        self.add_event(event, &key);
        true
    }

    /// The ScheduleInforms not yet due.
    pub fn scheduled_informs(&self) -> &[ScheduledInform] {
        &self.scheduled
    }

    /// Turns every ScheduleInform due at `now` into the events `3
    /// SCHEDULED` and `M ScheduleInform` with its CommandKey; returns how
    /// many fell due, i.e. whether an Inform is due.
    pub fn fire_scheduled_informs(&mut self, now: DateTime) -> usize {
        // A time without a zone is taken as UTC, as the device's clock is.
        let now = now.assume_utc().to_unix().unwrap_or(i64::MAX);
        let (due, waiting): (Vec<_>, Vec<_>) = std::mem::take(&mut self.scheduled)
            .into_iter()
            .partition(|s| s.due.assume_utc().to_unix().is_none_or(|t| t <= now));
        self.scheduled = waiting;
        for s in &due {
            self.add_event(EventCode::Scheduled, "");
            self.add_event(EventCode::MScheduleInform, &s.command_key);
        }
        due.len()
    }

    /// A new message ID for a CPE request's `cwmp:ID`.
    pub(crate) fn next_message_id(&mut self) -> String {
        self.last_message = self.last_message.wrapping_add(1);
        format!("cpe-{}", self.last_message)
    }

    /// A new transfer ID.
    pub(crate) fn next_transfer_id(&mut self) -> TransferId {
        self.last_transfer = self.last_transfer.wrapping_add(1);
        TransferId(self.last_transfer)
    }

    /// The events the next Inform carries.
    pub(crate) fn inform_events(&self) -> Vec<PendingEvent> {
        self.events
            .iter()
            .take(MAX_INFORM_EVENTS)
            .cloned()
            .collect()
    }

    /// The InformResponse acknowledged an Inform carrying `sent`: those
    /// events are delivered, but for those that wait for a
    /// TransferComplete, and so are the reported value changes.
    pub(crate) fn inform_acknowledged(&mut self, sent: &[PendingEvent]) {
        for event in sent.iter().filter(|e| !e.code.waits_for_transfer()) {
            if let Some(i) = self.events.iter().position(|e| e == event) {
                self.events.remove(i);
            }
        }
        self.reported_changes.clear();
    }

    /// The ACS acknowledged the TransferComplete of `id`: the transfer
    /// leaves the queue with its `M ...` event, and `7 TRANSFER COMPLETE`
    /// goes once no finished transfer is left to report.
    pub(crate) fn transfer_acknowledged(&mut self, id: TransferId) {
        let Some(i) = self.transfers.iter().position(|t| t.id == id) else {
            return;
        };
        let t = self.transfers.remove(i);
        let event = PendingEvent {
            code: t.kind.event(),
            command_key: t.command_key,
        };
        if let Some(i) = self.events.iter().position(|e| *e == event) {
            self.events.remove(i);
        }
        if self.transfers.iter().all(|t| t.outcome.is_none()) {
            self.events
                .retain(|e| e.code != EventCode::TransferComplete);
        }
    }

    /// Forgets everything but the counters, for a factory reset.
    pub(crate) fn reset(&mut self) {
        *self = CpeState {
            last_transfer: self.last_transfer,
            last_message: self.last_message,
            ..CpeState::default()
        };
    }
}

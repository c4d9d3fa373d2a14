//! Inform events (TR-069 3.7.1.5, Table 7): [`EventCode`] and the
//! [`PendingEvent`]s the [`CpeState`](super::CpeState) keeps until an
//! Inform delivers them.

use crate::soap::Event;

/// An Inform EventCode (TR-069 Table 7).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum EventCode {
    /// `0 BOOTSTRAP`: first contact with this ACS (new ACS URL, factory reset).
    Bootstrap,
    /// `1 BOOT`: the device has (re)booted.
    Boot,
    /// `2 PERIODIC`: the periodic Inform interval elapsed.
    Periodic,
    /// `3 SCHEDULED`: a ScheduleInform fell due.
    Scheduled,
    /// `4 VALUE CHANGE`: a notified parameter changed.
    ValueChange,
    /// `5 KICKED`: a Kicked RPC follows.
    Kicked,
    /// `6 CONNECTION REQUEST`: the ACS asked for a session.
    ConnectionRequest,
    /// `7 TRANSFER COMPLETE`: a TransferComplete follows.
    TransferComplete,
    /// `8 DIAGNOSTICS COMPLETE`: a diagnostic test finished.
    DiagnosticsComplete,
    /// `9 REQUEST DOWNLOAD`: a RequestDownload follows.
    RequestDownload,
    /// `10 AUTONOMOUS TRANSFER COMPLETE`.
    AutonomousTransferComplete,
    /// `11 DU STATE CHANGE COMPLETE`.
    DuStateChangeComplete,
    /// `12 AUTONOMOUS DU STATE CHANGE COMPLETE`.
    AutonomousDuStateChangeComplete,
    /// `13 WAKEUP`.
    WakeUp,
    /// `M Reboot`, with the Reboot's CommandKey.
    MReboot,
    /// `M ScheduleInform`, with the ScheduleInform's CommandKey.
    MScheduleInform,
    /// `M Download`, with the Download's CommandKey.
    MDownload,
    /// `M ScheduleDownload`, with the ScheduleDownload's CommandKey.
    MScheduleDownload,
    /// `M Upload`, with the Upload's CommandKey.
    MUpload,
    /// `M ChangeDUState`, with the ChangeDUState's CommandKey.
    MChangeDuState,
    /// Any other code (`M X_...`, `X OUI ...`), as written on the wire.
    Other(String),
}

/// The codes with a fixed spelling, in the order of [`EventCode`].
const CODES: &[(EventCode, &str)] = &[
    (EventCode::Bootstrap, "0 BOOTSTRAP"),
    (EventCode::Boot, "1 BOOT"),
    (EventCode::Periodic, "2 PERIODIC"),
    (EventCode::Scheduled, "3 SCHEDULED"),
    (EventCode::ValueChange, "4 VALUE CHANGE"),
    (EventCode::Kicked, "5 KICKED"),
    (EventCode::ConnectionRequest, "6 CONNECTION REQUEST"),
    (EventCode::TransferComplete, "7 TRANSFER COMPLETE"),
    (EventCode::DiagnosticsComplete, "8 DIAGNOSTICS COMPLETE"),
    (EventCode::RequestDownload, "9 REQUEST DOWNLOAD"),
    (
        EventCode::AutonomousTransferComplete,
        "10 AUTONOMOUS TRANSFER COMPLETE",
    ),
    (
        EventCode::DuStateChangeComplete,
        "11 DU STATE CHANGE COMPLETE",
    ),
    (
        EventCode::AutonomousDuStateChangeComplete,
        "12 AUTONOMOUS DU STATE CHANGE COMPLETE",
    ),
    (EventCode::WakeUp, "13 WAKEUP"),
    (EventCode::MReboot, "M Reboot"),
    (EventCode::MScheduleInform, "M ScheduleInform"),
    (EventCode::MDownload, "M Download"),
    (EventCode::MScheduleDownload, "M ScheduleDownload"),
    (EventCode::MUpload, "M Upload"),
    (EventCode::MChangeDuState, "M ChangeDUState"),
];

impl EventCode {
    /// The code as written in the Inform, e.g. `"1 BOOT"`.
    pub fn as_str(&self) -> &str {
        match self {
            EventCode::Other(code) => code,
            known => CODES
                .iter()
                .find(|(c, _)| c == known)
                .map_or("", |(_, s)| s),
        }
    }

    /// The code for its wire spelling; unknown spellings are
    /// [`EventCode::Other`].
    pub fn parse(code: &str) -> EventCode {
        CODES
            .iter()
            .find(|(_, s)| *s == code)
            .map_or_else(|| EventCode::Other(code.to_owned()), |(c, _)| c.clone())
    }

    /// Whether the code is an `M ...` method event, which may occur once
    /// per CommandKey; other codes occur at most once per Inform.
    pub fn is_method(&self) -> bool {
        self.as_str().starts_with("M ")
    }

    /// Whether the event stays until a TransferComplete is acknowledged.
    pub(crate) fn waits_for_transfer(&self) -> bool {
        matches!(
            self,
            EventCode::TransferComplete
                | EventCode::MDownload
                | EventCode::MUpload
                | EventCode::MScheduleDownload
        )
    }
}

/// An event waiting to be delivered in an Inform.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PendingEvent {
    /// The code.
    pub code: EventCode,
    /// The CommandKey of an `M ...` event, else empty.
    pub command_key: String,
}

impl PendingEvent {
    /// The EventStruct of the Inform.
    pub fn to_event(&self) -> Event {
        Event {
            code: self.code.as_str().to_owned(),
            command_key: self.command_key.clone(),
        }
    }
}

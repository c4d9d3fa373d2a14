//! The transfer methods (Download, Upload, ScheduleDownload,
//! CancelTransfer, GetQueuedTransfers, GetAllQueuedTransfers) and
//! ScheduleInform: arguments checked against what the schema lets the CPE
//! echo back later, then handed to the [`Device`]; what it queues lives in
//! the [`CpeState`](super::CpeState).

use crate::soap::{
    codes, AllQueuedTransfer, CancelTransfer, Download, Fault, QueuedTransfer, Response,
    ScheduleDownload, ScheduleInform, TimeWindow, TransferState, Upload, UNKNOWN_TIME,
};
use crate::value::DateTime;

use super::device::{Device, TransferId, TransferStart};
use super::session::{Answer, Session};
use super::state::{ScheduledInform, Transfer, TransferKind, MAX_QUEUED_TRANSFERS};
use super::wire;

/// Longest FileType the schema allows.
const MAX_FILE_TYPE: usize = 64;
/// Longest TargetFileName the schema allows.
const MAX_TARGET_FILE_NAME: usize = 256;

/// The WindowModes of TR-069 A.4.1.8 (vendor modes start with `X `).
const WINDOW_MODES: &[&str] = &[
    "1 At Any Time",
    "2 Immediately",
    "3 When Idle",
    "4 Confirmation Needed",
];

/// What a transfer request asks for, whichever RPC carried it.
struct Ask<'r> {
    kind: TransferKind,
    command_key: &'r str,
    file_type: &'r str,
    file_size: u32,
    target_file_name: &'r str,
}

impl<D: Device + ?Sized> Session<'_, D> {
    /// Download: Status 0 with times when the device completed it at once,
    /// else Status 1, queued.
    pub(crate) fn download(&mut self, r: &Download) -> Answer {
        let ask = Ask {
            kind: TransferKind::Download,
            command_key: &r.command_key,
            file_type: &r.file_type,
            file_size: r.file_size,
            target_file_name: &r.target_file_name,
        };
        let id = self.admit(&ask)?;
        let start = self.device.download(self.tree, id, r);
        let (status, start_time, complete_time) = self.started(ask, id, start)?;
        Ok(Response::DownloadResponse {
            status,
            start_time,
            complete_time,
        })
    }

    /// Upload, as [`Session::download`].
    pub(crate) fn upload(&mut self, r: &Upload) -> Answer {
        let ask = Ask {
            kind: TransferKind::Upload,
            command_key: &r.command_key,
            file_type: &r.file_type,
            file_size: 0,
            target_file_name: "",
        };
        let id = self.admit(&ask)?;
        let start = self.device.upload(self.tree, id, r);
        let (status, start_time, complete_time) = self.started(ask, id, start)?;
        Ok(Response::UploadResponse {
            status,
            start_time,
            complete_time,
        })
    }

    /// ScheduleDownload: time windows checked (one or two, each starting
    /// before it ends, the second after the first, known modes), then
    /// queued.
    pub(crate) fn schedule_download(&mut self, r: &ScheduleDownload) -> Answer {
        let ask = Ask {
            kind: TransferKind::ScheduleDownload,
            command_key: &r.command_key,
            file_type: &r.file_type,
            file_size: r.file_size,
            target_file_name: &r.target_file_name,
        };
        check_windows(&r.time_windows).map_err(|m| self.invalid(m))?;
        let id = self.admit(&ask)?;
        self.device
            .schedule_download(self.tree, id, r)
            .map_err(|e| wire::fault(&self.ns, &e))?;
        self.queue(ask, id);
        Ok(Response::ScheduleDownloadResponse)
    }

    /// CancelTransfer: the first unfinished transfer with the CommandKey
    /// (9003 if none), cancelled if the device agrees (by default only
    /// before it starts; else 9021).
    pub(crate) fn cancel_transfer(&mut self, r: &CancelTransfer) -> Answer {
        let Some(transfer) = self
            .state
            .transfers
            .iter()
            .find(|t| t.command_key == r.command_key && t.outcome.is_none())
            .cloned()
        else {
            let message = format!(
                "no queued transfer has CommandKey `{}`",
                wire::clip(&r.command_key, 64)
            );
            return Err(self.invalid(message));
        };
        self.device
            .cancel_transfer(self.tree, &transfer)
            .map_err(|e| wire::fault(&self.ns, &e))?;
        self.state.transfers.retain(|t| t.id != transfer.id);
        Ok(Response::CancelTransferResponse)
    }

    /// GetQueuedTransfers: the unfinished transfers.
    pub(crate) fn get_queued_transfers(&self) -> Response {
        let list = self
            .unfinished()
            .map(|t| QueuedTransfer {
                command_key: t.command_key.clone(),
                state: t.state,
            })
            .collect();
        Response::GetQueuedTransfersResponse { list }
    }

    /// GetAllQueuedTransfers: the unfinished transfers, with their files.
    /// The cwmp-1-1 schema only admits the download file types of CWMP
    /// 1.1 here, so in that namespace the transfers of other types (all
    /// uploads among them) cannot be listed and are left out.
    pub(crate) fn get_all_queued_transfers(&self) -> Response {
        let list = self
            .unfinished()
            .filter(|t| self.ns.minor() >= 2 || is_cwmp_1_1_download_type(&t.file_type))
            .map(|t| AllQueuedTransfer {
                command_key: t.command_key.clone(),
                state: t.state,
                is_download: t.kind.is_download(),
                file_type: t.file_type.clone(),
                file_size: t.file_size,
                target_file_name: t.target_file_name.clone(),
            })
            .collect();
        Response::GetAllQueuedTransfersResponse { list }
    }

    /// ScheduleInform: DelaySeconds of at least 1, accepted by the device,
    /// then kept until due.
    pub(crate) fn schedule_inform(&mut self, r: &ScheduleInform) -> Answer {
        wire::check_key(&self.ns, "CommandKey", &r.command_key)?;
        if r.delay_seconds == 0 {
            return Err(self.invalid("DelaySeconds must be at least 1".to_owned()));
        }
        self.device
            .schedule_inform(self.tree, r.delay_seconds, &r.command_key)
            .map_err(|e| wire::fault(&self.ns, &e))?;
        let due = self
            .device
            .now()
            .assume_utc()
            .to_unix()
            .map_or(DateTime::UNKNOWN, |now| {
                DateTime::from_unix(now.saturating_add(i64::from(r.delay_seconds)))
            });
        self.state.scheduled.push(ScheduledInform {
            due,
            command_key: r.command_key.clone(),
        });
        Ok(Response::ScheduleInformResponse)
    }

    /// Checks what a transfer's later messages will echo, and that the
    /// queue has room; a fresh transfer ID.
    fn admit(&mut self, ask: &Ask<'_>) -> Result<TransferId, Fault> {
        wire::check_key(&self.ns, "CommandKey", ask.command_key)?;
        if !is_file_type(ask.file_type) {
            let message = format!(
                "`{}` is not a FileType",
                wire::clip(ask.file_type, MAX_FILE_TYPE)
            );
            return Err(self.invalid(message));
        }
        if ask.target_file_name.chars().count() > MAX_TARGET_FILE_NAME {
            let message =
                format!("TargetFileName is longer than {MAX_TARGET_FILE_NAME} characters");
            return Err(self.invalid(message));
        }
        if self.state.transfers.len() >= MAX_QUEUED_TRANSFERS {
            let message = format!("{MAX_QUEUED_TRANSFERS} transfers are queued already");
            return Err(wire::fault_with(
                &self.ns,
                codes::RESOURCES_EXCEEDED,
                message,
            ));
        }
        Ok(self.state.next_transfer_id())
    }

    /// The Status and times of a Download or Upload response, queueing
    /// the transfer if the device did.
    fn started(
        &mut self,
        ask: Ask<'_>,
        id: TransferId,
        start: Result<TransferStart, crate::engine::Fault>,
    ) -> Result<(u8, String, String), Fault> {
        match start.map_err(|e| wire::fault(&self.ns, &e))? {
            TransferStart::Completed { start, complete } => {
                Ok((0, start.to_string(), complete.to_string()))
            }
            TransferStart::Queued => {
                self.queue(ask, id);
                Ok((1, UNKNOWN_TIME.to_owned(), UNKNOWN_TIME.to_owned()))
            }
        }
    }

    fn queue(&mut self, ask: Ask<'_>, id: TransferId) {
        self.state.transfers.push(Transfer {
            id,
            kind: ask.kind,
            command_key: ask.command_key.to_owned(),
            file_type: ask.file_type.to_owned(),
            file_size: ask.file_size,
            target_file_name: ask.target_file_name.to_owned(),
            state: TransferState::NotYetStarted,
            outcome: None,
        });
    }

    fn unfinished(&self) -> impl Iterator<Item = &Transfer> {
        self.state.transfers.iter().filter(|t| t.outcome.is_none())
    }

    /// Fault 9003 with a message.
    fn invalid(&self, message: String) -> Fault {
        wire::fault_with(&self.ns, codes::INVALID_ARGUMENTS, message)
    }
}

/// Whether `text` fits the schema's TransferFileType: at most 64
/// characters, `N word...` (N from 1, no leading zero) or a vendor type
/// `X vendor word...`.
fn is_file_type(text: &str) -> bool {
    if text.chars().count() > MAX_FILE_TYPE {
        return false;
    }
    let Some((head, rest)) = text.split_once(' ') else {
        return false;
    };
    let words_ok = |s: &str| {
        s.split(' ')
            .all(|w| !w.is_empty() && !w.contains(char::is_whitespace))
    };
    let numbered = !head.starts_with('0')
        && !head.is_empty()
        && head.bytes().all(|b| b.is_ascii_digit())
        && words_ok(rest);
    let vendor = head == "X"
        && rest.split_once(' ').is_some_and(|(who, what)| {
            !who.is_empty() && !who.contains(char::is_whitespace) && !what.is_empty()
        });
    numbered || vendor
}

/// Whether `text` is a download FileType of the cwmp-1-0 and cwmp-1-1
/// schemas: one of the three standard types or `X OUI ...`.
fn is_cwmp_1_1_download_type(text: &str) -> bool {
    const STANDARD: [&str; 3] = [
        "1 Firmware Upgrade Image",
        "2 Web Content",
        "3 Vendor Configuration File",
    ];
    if STANDARD.contains(&text) {
        return true;
    }
    let Some(rest) = text.strip_prefix("X ") else {
        return false;
    };
    let oui = rest.get(..6).unwrap_or_default();
    oui.len() == 6
        && oui
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b))
        && rest.get(6..7) == Some(" ")
        && text.chars().count() <= MAX_FILE_TYPE
}

/// Why ScheduleDownload's time windows are not usable, if they are not.
fn check_windows(windows: &[TimeWindow]) -> Result<(), String> {
    if !(1..=2).contains(&windows.len()) {
        return Err(format!(
            "{} time windows; one or two are allowed",
            windows.len()
        ));
    }
    for (i, w) in windows.iter().enumerate() {
        if w.window_end <= w.window_start {
            return Err(format!("time window {} ends before it starts", i + 1));
        }
        let mode = w.window_mode.as_str();
        if !WINDOW_MODES.contains(&mode) && !mode.starts_with("X ") {
            return Err(format!("`{}` is not a WindowMode", wire::clip(mode, 64)));
        }
        if w.max_retries < -1 {
            return Err(format!("MaxRetries {} is below -1", w.max_retries));
        }
    }
    if let [first, second] = windows {
        if second.window_start < first.window_end {
            return Err("the second time window starts before the first ends".to_owned());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_types_follow_the_schema() {
        for ok in [
            "1 Firmware Upgrade Image",
            "3 Vendor Configuration File 2",
            "X 00D09E Special",
            "X ACME big file",
        ] {
            assert!(is_file_type(ok), "{ok}");
        }
        for bad in [
            "",
            "Firmware",
            "0 Zero",
            "1",
            "1  Two spaces",
            "X ",
            "X ACME",
        ] {
            assert!(!is_file_type(bad), "{bad}");
        }
        assert!(!is_file_type(&format!("1 {}", "x".repeat(64))));
        assert!(is_cwmp_1_1_download_type("X 00D09E Special"));
        assert!(is_cwmp_1_1_download_type("2 Web Content"));
        assert!(!is_cwmp_1_1_download_type("X ACME big file"));
        assert!(!is_cwmp_1_1_download_type("2 Vendor Log File"));
    }

    #[test]
    fn windows_must_be_ordered() {
        let w = |s, e, mode: &str| TimeWindow {
            window_start: s,
            window_end: e,
            window_mode: mode.into(),
            user_message: String::new(),
            max_retries: -1,
        };
        assert!(check_windows(&[w(0, 10, "1 At Any Time")]).is_ok());
        assert!(check_windows(&[w(0, 10, "1 At Any Time"), w(10, 20, "3 When Idle")]).is_ok());
        assert!(check_windows(&[]).is_err());
        assert!(check_windows(&[w(5, 5, "1 At Any Time")]).is_err());
        assert!(check_windows(&[w(0, 10, "9 Sometime")]).is_err());
        assert!(check_windows(&[w(0, 10, "2 Immediately"), w(5, 20, "2 Immediately")]).is_err());
    }
}

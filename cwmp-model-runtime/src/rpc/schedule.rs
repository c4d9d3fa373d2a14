//! When the CPE opens a session on its own: pending events (boot,
//! transfers, diagnostics, scheduled Informs), an active notification
//! (TR-069 A.3.2.4: at once), and the periodic Inform of
//! `ManagementServer.PeriodicInformEnable`, `PeriodicInformInterval` and
//! `PeriodicInformTime`. Passive notifications open no session: they ride
//! on the next Inform, periodic or not.

use crate::engine::Tree;
use crate::value::{DateTime, Value};

use super::events::EventCode;
use super::state::CpeState;

/// The periodic Inform settings of the root object's ManagementServer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PeriodicInform {
    /// `PeriodicInformEnable`.
    pub enable: bool,
    /// `PeriodicInformInterval`, in seconds.
    pub interval: u32,
    /// `PeriodicInformTime`: Informs fall on this time plus whole
    /// intervals; the unknown time (or no such parameter) lets the CPE
    /// choose, which here means one interval after the last reckoning.
    pub reference: DateTime,
}

impl PeriodicInform {
    /// The settings in `tree`; `None` for a model without them (a service
    /// model, or a root without the periodic Inform parameters).
    pub fn of(tree: &Tree) -> Option<PeriodicInform> {
        let root = tree.model().objects.first()?.path;
        let get = |name: &str| tree.get(&format!("{root}ManagementServer.{name}")).ok();
        let enable = match get("PeriodicInformEnable")? {
            Value::Boolean(b) => b,
            _ => return None,
        };
        let interval = match get("PeriodicInformInterval")? {
            Value::UnsignedInt(n) => n,
            _ => return None,
        };
        let reference = match get("PeriodicInformTime") {
            Some(Value::DateTime(t)) => t,
            _ => DateTime::UNKNOWN,
        };
        Some(PeriodicInform {
            enable,
            interval,
            reference,
        })
    }

    /// The first periodic Inform strictly after `after`; `None` when
    /// disabled, with a zero interval, or past the calendar.
    pub fn next_after(&self, after: DateTime) -> Option<DateTime> {
        if !self.enable || self.interval == 0 {
            return None;
        }
        let interval = i64::from(self.interval);
        let after = after.assume_utc().to_unix()?;
        let next = match self.reference.assume_utc().to_unix() {
            Some(reference) if !self.reference.is_unknown() => {
                let k = (after - reference).div_euclid(interval) + 1;
                reference.checked_add(k.checked_mul(interval)?)?
            }
            _ => after.checked_add(interval)?,
        };
        Some(DateTime::from_unix(next))
    }
}

/// The periodic Inform as last reckoned: the settings it was reckoned
/// from, and when it falls due.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct PeriodicDue {
    settings: PeriodicInform,
    due: Option<DateTime>,
}

impl CpeState {
    /// Whether the CPE should open a session at `now`, and why in the
    /// events the Inform will carry: ScheduleInforms that fell due become
    /// `3 SCHEDULED`, a periodic Inform that fell due `2 PERIODIC` (the
    /// next one is reckoned from the settings in `tree`, afresh whenever
    /// the ACS changes them); pending events of any kind open a session,
    /// and so does a value change of a parameter with active notification
    /// (`4 VALUE CHANGE` is added by the Inform). A device calls this from
    /// its main loop and sleeps until [`CpeState::next_wakeup`].
    pub fn inform_due(&mut self, tree: &Tree, now: DateTime) -> bool {
        self.fire_scheduled_informs(now);
        let settings = PeriodicInform::of(tree);
        let now_unix = now.assume_utc().to_unix();
        match (settings, self.periodic) {
            (None, _) => self.periodic = None,
            (Some(s), Some(p)) if p.settings == s => {
                let due = p.due.and_then(|d| d.to_unix());
                if let (Some(due), Some(now_unix)) = (due, now_unix) {
                    if due <= now_unix {
                        self.add_event(EventCode::Periodic, "");
                        self.periodic = Some(PeriodicDue {
                            settings: s,
                            due: s.next_after(now),
                        });
                    }
                }
            }
            // New or changed settings: reckon from now.
            (Some(s), _) => {
                self.periodic = Some(PeriodicDue {
                    settings: s,
                    due: s.next_after(now),
                })
            }
        }
        !self.events.is_empty() || tree.active_change_pending()
    }

    /// When [`CpeState::inform_due`] next has something new to say
    /// without anything else happening: the earlier of the next periodic
    /// Inform (as last reckoned) and the next ScheduleInform.
    pub fn next_wakeup(&self) -> Option<DateTime> {
        let periodic = self.periodic.and_then(|p| p.due);
        let scheduled = self.scheduled.iter().map(|s| s.due);
        periodic
            .into_iter()
            .chain(scheduled)
            .min_by_key(|t| t.assume_utc().to_unix().unwrap_or(i64::MAX))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: i64) -> DateTime {
        DateTime::from_unix(secs)
    }

    #[test]
    fn informs_fall_on_the_reference_time_plus_whole_intervals() {
        let p = PeriodicInform {
            enable: true,
            interval: 3600,
            reference: at(1_000),
        };
        assert_eq!(p.next_after(at(1_000)), Some(at(4_600)));
        assert_eq!(p.next_after(at(4_599)), Some(at(4_600)));
        assert_eq!(
            p.next_after(at(500)),
            Some(at(1_000)),
            "a reference in the future"
        );
        assert_eq!(p.next_after(at(-10_000)), Some(at(-9_800)));
    }

    #[test]
    fn an_unknown_reference_counts_from_now_and_disabled_means_never() {
        let mut p = PeriodicInform {
            enable: true,
            interval: 60,
            reference: DateTime::UNKNOWN,
        };
        assert_eq!(p.next_after(at(100)), Some(at(160)));
        p.interval = 0;
        assert_eq!(p.next_after(at(100)), None);
        p.interval = 60;
        p.enable = false;
        assert_eq!(p.next_after(at(100)), None);
    }
}

//! The closing policy: what happens to clients still waiting when the door closes at H. One type
//! from the scenario and the command line to the engine and the theory; validated here.

use serde::Deserialize;

/// What the closing policy does with clients still waiting when the door closes at H.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Closing {
    /// Everyone waiting at H is served in overtime; patience keeps running after H.
    ServeAll,
    /// Everyone waiting at H is sent home (clients in service at H still finish).
    TurnAway,
    /// Nobody is admitted during the last `minutes` before H (they count as turned away at the
    /// door); those already waiting at H are served as under `ServeAll`.
    LastEntry { minutes: f64 },
}

/// The policy's name without its parameter, as spelt in scenarios (`bus.closing`) and on the
/// command line (`--closing`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClosingKind {
    ServeAll,
    TurnAway,
    LastEntry,
}

/// Why a closing policy cannot be built. Each edge (scenario, command line) words it for its reader.
#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
pub enum ClosingError {
    #[error("last_entry needs its minutes")]
    MissingMinutes,
    #[error("minutes are only used with last_entry")]
    StrayMinutes,
    #[error("last-entry minutes must be a non-negative number, got {0}")]
    NegativeMinutes(f64),
}

/// A last-entry policy that leaves no time to enter a stop.
#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
#[error("last-entry minutes must be below the dwell ({dwell_min} min), got {minutes}")]
pub struct NoTimeToEnter {
    /// The last-entry minutes.
    pub minutes: f64,
    /// The stop's dwell, minutes.
    pub dwell_min: f64,
}

impl Closing {
    /// The policy `kind` with its last-entry minutes (given exactly when `kind` is `LastEntry`;
    /// finite and non-negative).
    pub fn new(kind: ClosingKind, last_entry_min: Option<f64>) -> Result<Self, ClosingError> {
        match (kind, last_entry_min) {
            (ClosingKind::ServeAll, None) => Ok(Closing::ServeAll),
            (ClosingKind::TurnAway, None) => Ok(Closing::TurnAway),
            (ClosingKind::LastEntry, Some(minutes)) if minutes.is_finite() && minutes >= 0.0 => {
                Ok(Closing::LastEntry { minutes })
            }
            (ClosingKind::LastEntry, Some(minutes)) => Err(ClosingError::NegativeMinutes(minutes)),
            (ClosingKind::LastEntry, None) => Err(ClosingError::MissingMinutes),
            (_, Some(_)) => Err(ClosingError::StrayMinutes),
        }
    }

    /// The policy `kind` with `last_entry_min` used by `LastEntry` only, not yet checked: the
    /// command line passes it on and [`Closing::check_fits`] judges it against the dwell.
    pub fn of_kind(kind: ClosingKind, last_entry_min: f64) -> Self {
        match kind {
            ClosingKind::ServeAll => Closing::ServeAll,
            ClosingKind::TurnAway => Closing::TurnAway,
            ClosingKind::LastEntry => Closing::LastEntry {
                minutes: last_entry_min,
            },
        }
    }

    /// The policy's name without its parameter.
    pub fn kind(self) -> ClosingKind {
        match self {
            Closing::ServeAll => ClosingKind::ServeAll,
            Closing::TurnAway => ClosingKind::TurnAway,
            Closing::LastEntry { .. } => ClosingKind::LastEntry,
        }
    }

    /// Checks that the policy leaves time to enter a stop of `dwell_min` minutes: last-entry minutes
    /// must be finite, non-negative and below the dwell. Other policies fit every stop.
    pub fn check_fits(self, dwell_min: f64) -> Result<(), NoTimeToEnter> {
        match self {
            Closing::LastEntry { minutes } if !(minutes.is_finite() && minutes >= 0.0 && minutes < dwell_min) => {
                Err(NoTimeToEnter { minutes, dwell_min })
            }
            _ => Ok(()),
        }
    }

    /// Whether those still waiting when the door closes are served (in overtime) rather than sent home.
    pub fn serves_waiting_at_close(self) -> bool {
        match self {
            Closing::ServeAll | Closing::LastEntry { .. } => true,
            Closing::TurnAway => false,
        }
    }

    /// Whether a client arriving at `t` (minutes after opening) is sent home at the door.
    #[inline]
    pub fn refuses_entry(self, t: f64, dwell_min: f64) -> bool {
        matches!(self, Closing::LastEntry { minutes } if t >= dwell_min - minutes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_go_with_last_entry_only() {
        assert_eq!(Closing::new(ClosingKind::ServeAll, None), Ok(Closing::ServeAll));
        assert_eq!(
            Closing::new(ClosingKind::LastEntry, Some(15.0)),
            Ok(Closing::LastEntry { minutes: 15.0 })
        );
        assert_eq!(
            Closing::new(ClosingKind::LastEntry, None),
            Err(ClosingError::MissingMinutes)
        );
        assert_eq!(
            Closing::new(ClosingKind::TurnAway, Some(5.0)),
            Err(ClosingError::StrayMinutes)
        );
        assert!(Closing::new(ClosingKind::LastEntry, Some(-1.0)).is_err());
        assert!(Closing::new(ClosingKind::LastEntry, Some(f64::NAN)).is_err());
        assert_eq!(Closing::LastEntry { minutes: 15.0 }.kind(), ClosingKind::LastEntry);
    }

    #[test]
    fn last_entry_must_leave_time_to_enter() {
        let closing = Closing::LastEntry { minutes: 30.0 };
        assert_eq!(closing.check_fits(60.0), Ok(()));
        assert!(closing.check_fits(30.0).is_err());
        assert!(Closing::LastEntry { minutes: f64::NAN }.check_fits(60.0).is_err());
        assert_eq!(Closing::TurnAway.check_fits(0.0), Ok(()));
        assert!(closing.refuses_entry(30.0, 60.0) && !closing.refuses_entry(29.9, 60.0));
        assert!(closing.serves_waiting_at_close() && !Closing::TurnAway.serves_waiting_at_close());
    }
}

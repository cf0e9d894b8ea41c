//! `[simulation]` and `[bus]`: replications and seed; desks, clerks, closing policy and wait target.

use super::checks::{non_negative, or_default};
use super::defaults::{
    DEFAULT_CLERKS, DEFAULT_DESKS, DEFAULT_REPLICATIONS, DEFAULT_SEED, DEFAULT_WAIT_TARGET_MIN, MIN_REPLICATIONS,
};
use super::diagnostic::Problems;
use super::raw::{ClosingKind, RawBus, RawSimulation};
use super::resolved::SimulationSettings;
use crate::sim::{Closing, ClosingError};
use crate::vocab::limits::{MAX_DESKS, MAX_REPLICATIONS, MAX_THREADS};

/// Resolves `[simulation]`; `None` when something is wrong (reported).
pub(super) fn resolve_simulation(raw: &RawSimulation, problems: &mut Problems<'_>) -> Option<SimulationSettings> {
    let replications = raw.replications.unwrap_or(DEFAULT_REPLICATIONS);
    let mut ok = true;
    if replications < MIN_REPLICATIONS {
        problems.at(
            "simulation.replications",
            format!("must be at least {MIN_REPLICATIONS} to give a confidence interval, got {replications}"),
            Some(format!("the default is {DEFAULT_REPLICATIONS}")),
        );
        ok = false;
    }
    if replications > MAX_REPLICATIONS {
        problems.at(
            "simulation.replications",
            format!("{replications} replications is above the ceiling of {MAX_REPLICATIONS}"),
            Some(format!(
                "the ceiling is there because the run would take hours; {DEFAULT_REPLICATIONS} give intervals of a few per cent"
            )),
        );
        ok = false;
    }
    if raw.threads == Some(0) {
        problems.at(
            "simulation.threads",
            "must be at least 1",
            Some("remove the key to use every core".into()),
        );
        ok = false;
    }
    if let Some(threads) = raw.threads.filter(|&t| t > MAX_THREADS) {
        problems.at(
            "simulation.threads",
            format!("{threads} threads is above the ceiling of {MAX_THREADS}"),
            Some("the ceiling is there because threads beyond the cores only cost time to start; remove the key to use every core".into()),
        );
        ok = false;
    }
    ok.then_some(SimulationSettings {
        replications,
        seed: raw.seed.unwrap_or(DEFAULT_SEED),
        threads: raw.threads,
    })
}

/// The `[bus]` section, resolved.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct BusRules {
    /// Workstations on the vehicle.
    pub desks: u32,
    /// Clerks on duty when a stop does not say otherwise.
    pub clerks: u32,
    pub closing: Closing,
    /// Wait target, minutes.
    pub wait_target_min: f64,
}

/// Resolves `[bus]`; `None` when something is wrong (reported).
pub(super) fn resolve_bus(raw: &RawBus, problems: &mut Problems<'_>) -> Option<BusRules> {
    let desks = raw.desks.unwrap_or(DEFAULT_DESKS);
    let clerks = raw.clerks.unwrap_or(DEFAULT_CLERKS);
    let mut ok = true;
    if desks == 0 {
        problems.at("bus.desks", "the bus needs at least one desk", None);
        ok = false;
    }
    if desks > MAX_DESKS {
        problems.at(
            "bus.desks",
            format!("{desks} desks is above the ceiling of {MAX_DESKS}"),
            Some(format!(
                "the ceiling is there because the staffing search simulates every clerk count up to the desks; \
                 the bus has {DEFAULT_DESKS}"
            )),
        );
        ok = false;
    }
    if clerks == 0 {
        problems.at("bus.clerks", "at least one clerk is needed", None);
        ok = false;
    } else if clerks > desks && desks > 0 {
        let key = if raw.clerks.is_some() {
            "bus.clerks"
        } else {
            "bus.desks"
        };
        problems.at(
            key,
            format!("{clerks} clerks but only {desks} desks: each clerk needs a desk"),
            Some(format!(
                "set clerks = {desks} or at most that, or desks = {clerks} for a larger vehicle"
            )),
        );
        ok = false;
    }
    let closing = closing(raw, problems);
    let wait_target_min = or_default(raw.wait_target_min, DEFAULT_WAIT_TARGET_MIN, |v| {
        non_negative(problems, "bus.wait_target_min", v, " minutes")
    });
    if !ok {
        return None;
    }
    Some(BusRules {
        desks,
        clerks,
        closing: closing?,
        wait_target_min: wait_target_min?,
    })
}

fn closing(raw: &RawBus, problems: &mut Problems<'_>) -> Option<Closing> {
    match Closing::new(raw.closing.unwrap_or(ClosingKind::ServeAll), raw.last_entry_min) {
        Ok(closing) => Some(closing),
        Err(ClosingError::NegativeMinutes(minutes)) => {
            non_negative(problems, "bus.last_entry_min", minutes, " minutes");
            None
        }
        Err(ClosingError::MissingMinutes) => {
            problems.at(
                "bus.closing",
                "closing = \"last_entry\" needs last_entry_min: how many minutes before closing the door shuts",
                Some("add last_entry_min = 15".into()),
            );
            None
        }
        Err(ClosingError::StrayMinutes) => {
            problems.at(
                "bus.last_entry_min",
                "is only used with closing = \"last_entry\"",
                Some("remove it or set closing = \"last_entry\"".into()),
            );
            None
        }
    }
}

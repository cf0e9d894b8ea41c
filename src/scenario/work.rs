//! The work a season asks of a run, held to the ceilings of `vocab::limits`: stops, stop-days and
//! simulated clients, and dwell policies that fit the season's stops.

use super::diagnostic::Problems;
use super::resolved::{SeasonStop, SimulationSettings};
use super::stops::shown;
use crate::plan::{DwellPolicy, NamedPolicy, PolicyChoice};
use crate::vocab::limits::{MAX_SIMULATED_CLIENTS, MAX_STOP_DAYS, MAX_STOPS_PER_SEASON};
use crate::vocab::units::{MINUTES_PER_DAY, hours_to_minutes};

/// False (and reported at `season`) when the season lists more than [`MAX_STOPS_PER_SEASON`] stops.
pub(super) fn stops_within_ceiling(count: usize, problems: &mut Problems<'_>) -> bool {
    if count <= MAX_STOPS_PER_SEASON {
        return true;
    }
    problems.at(
        "season",
        format!("the season has {count} stops, above the ceiling of {MAX_STOPS_PER_SEASON}"),
        Some(
            "the ceiling is there because every stop is simulated in every replication; 2019 had 196 stops; \
             split the season into several scenarios"
                .into(),
        ),
    );
    false
}

/// False (and reported at `simulation.replications`) when replications × stops or replications ×
/// expected clients of the season are above [`MAX_STOP_DAYS`] or [`MAX_SIMULATED_CLIENTS`].
pub(super) fn run_within_ceiling(
    stops: &[SeasonStop],
    simulation: &SimulationSettings,
    problems: &mut Problems<'_>,
) -> bool {
    let replications = simulation.replications;
    let stop_days = u64::from(replications) * stops.len() as u64;
    let clients = f64::from(replications) * stops.iter().map(|s| s.expected_clients).sum::<f64>();
    let key = "simulation.replications";
    let help = "the ceiling is there so that a run ends in minutes, not hours; lower the replications \
                (--replications or simulation.replications) or split the season";
    if stop_days > MAX_STOP_DAYS {
        problems.at(
            key,
            format!(
                "{replications} replications × {} stops = {stop_days} simulated stop-days, above the ceiling of {MAX_STOP_DAYS}",
                stops.len()
            ),
            Some(help.into()),
        );
        return false;
    }
    if clients > MAX_SIMULATED_CLIENTS {
        problems.at(
            key,
            format!(
                "{replications} replications of a season of {} expected clients = {} simulated clients, above the ceiling of {}",
                shown(clients / f64::from(replications)),
                shown(clients),
                shown(MAX_SIMULATED_CLIENTS)
            ),
            Some(help.into()),
        );
        return false;
    }
    true
}

/// Reports every `[[policy]]` whose longest dwell would take a settlement stop of the season past
/// midnight, at the policy's own key (the stop itself is fine as written).
pub(super) fn policies_fit_stops(policies: &[NamedPolicy], stops: &[SeasonStop], problems: &mut Problems<'_>) -> bool {
    let Some(latest) = stops
        .iter()
        .filter(|s| !s.district.is_empty())
        .max_by_key(|s| s.start_min)
    else {
        return true;
    };
    let mut ok = true;
    for (i, policy) in policies.iter().enumerate() {
        let (field, hours) = match &policy.choice {
            PolicyChoice::Rule(rule) => ("hours", longest_hours(rule)),
            PolicyChoice::DemandDriven(range) => ("longest_hours", range.longest_hours),
        };
        if f64::from(latest.start_min) + hours_to_minutes(hours) > f64::from(MINUTES_PER_DAY) {
            let field = if matches!(policy.choice, PolicyChoice::Rule(DwellPolicy::BySize(_))) {
                "size"
            } else {
                field
            };
            problems.at(
                &format!("policy[{}].{field}", i + 1),
                format!(
                    "a dwell of {hours} h would take the stop at {} on {} (opening at {:02}:{:02}) past midnight",
                    latest.settlement,
                    latest.date,
                    latest.start_min / 60,
                    latest.start_min % 60
                ),
                Some("shorten the policy's dwell, or open that stop earlier".into()),
            );
            ok = false;
        }
    }
    ok
}

/// The longest dwell a rule gives, hours.
fn longest_hours(rule: &DwellPolicy) -> f64 {
    match rule {
        DwellPolicy::Fixed(h) => *h,
        DwellPolicy::BySize(classes) => classes.iter().map(|(_, h)| *h).fold(0.0, f64::max),
        DwellPolicy::PerSettlement { hours, otherwise } => {
            hours.iter().map(|(_, h)| *h).fold(longest_hours(otherwise), f64::max)
        }
    }
}

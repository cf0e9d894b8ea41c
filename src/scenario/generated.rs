//! A generated season: the itinerary generator packs the visit series into bus-days, and each
//! planned stop becomes a stop of the season.

use super::calendar::ClockTime;
use super::diagnostic::Problems;
use super::generate::GenerateRules;
use super::stops::{StopInput, StopPlace};
use crate::demand::SettlementTable;
use crate::plan::{Itinerary, Place, PlanInputError, Visit, build_itinerary};
use crate::vocab::units::minutes_to_hours;

/// Runs the generator; `None` when it refuses the input (reported under `season.generate`).
pub(super) fn generate(
    rules: &GenerateRules,
    table: &SettlementTable,
    problems: &mut Problems<'_>,
) -> Option<(Vec<StopInput>, Itinerary)> {
    let working_days = match rules.calendar.working_days() {
        Ok(days) => days,
        Err(e) => return report(e, rules, problems),
    };
    let itinerary_rules = crate::plan::ItineraryRules {
        working_days,
        ..rules.rules.clone()
    };
    let visits: Vec<Visit> = rules
        .series
        .iter()
        .map(|s| {
            let settlement = table.get(s.settlement);
            Visit {
                place: Place::new(settlement.name.clone(), settlement.lat, settlement.lon),
                venue: s.venue,
                dwell_min: s.dwell_min,
                visits_wanted: s.visits,
            }
        })
        .collect();
    let itinerary = match build_itinerary(&itinerary_rules, &visits) {
        Ok(itinerary) => itinerary,
        Err(e) => return report(e, rules, problems),
    };
    if itinerary.stops.is_empty() {
        problems.at(
            "season.generate",
            format!(
                "no visit fits: all {} wanted visits were left out (first reason: {})",
                itinerary.unplaced.len(),
                itinerary
                    .unplaced
                    .first()
                    .map_or("none".into(), |u| u.reason.to_string())
            ),
            Some("widen day_start..day_end, move the depot closer, or shorten the dwell".into()),
        );
        return None;
    }
    let stops = itinerary
        .stops
        .iter()
        .map(|planned| {
            let series = &rules.series[planned.visit_index];
            StopInput {
                date: planned.date,
                start: ClockTime(planned.start_min),
                settlement: Some(planned.place.name.clone()),
                label: series.label.clone(),
                venue: planned.venue,
                dwell_hours: minutes_to_hours(f64::from(planned.dwell_min)),
                clerks: series.clerks,
                arrival_rate_per_hour: series.arrival_rate_per_hour,
                expected_clients: series.expected_clients,
                place: StopPlace::Toml {
                    key: series.key.clone(),
                },
            }
        })
        .collect();
    Some((stops, itinerary))
}

/// The generator's problems, placed at the scenario key they come from where it is known.
fn report<T>(error: PlanInputError, rules: &GenerateRules, problems: &mut Problems<'_>) -> Option<T> {
    for p in error.problems {
        let key = series_key(&p.key, rules).unwrap_or_else(|| "season.generate".to_string());
        problems.at(&key, p.message, None);
    }
    None
}

/// `visits[3].…` → the key of series 3.
fn series_key(plan_key: &str, rules: &GenerateRules) -> Option<String> {
    let rest = plan_key.strip_prefix("visits[")?;
    let index: usize = rest.split(']').next()?.parse().ok()?;
    let series = rules.series.get(index)?;
    Some(if series.key == "season.generate" {
        "season.generate.visits_per_settlement".to_string()
    } else {
        format!("{}.visits", series.key)
    })
}

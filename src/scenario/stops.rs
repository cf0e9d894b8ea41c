//! One stop as written (in the TOML or a stops CSV), checked and turned into a [`SeasonStop`].

use jiff::civil::Date;

use super::calendar::ClockTime;
use super::checks::number;
use super::clients::ClientRules;
use super::demand_section::DemandRules;
use super::diagnostic::Problems;
use super::resolved::{DemandOrigin, SeasonStop};
use super::settings::BusRules;
use crate::demand::{SettlementTable, StopContext};
use crate::sim::{Arrivals, NoTimeToEnter, StopSpec};
use crate::vocab::Diagnostic;
use crate::vocab::Venue;
use crate::vocab::limits::{MAX_ARRIVAL_RATE_PER_HOUR, MAX_EXPECTED_CLIENTS_PER_STOP, MIN_DWELL_MIN};
use crate::vocab::suggest;
use crate::vocab::units::{MINUTES_PER_DAY, hours_to_minutes};

/// Where a stop was written, to point problems at it.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum StopPlace {
    /// A `[[season.stop]]` of the scenario, with its key path (e.g. `season.stop[3]`).
    Toml { key: String },
    /// A row of a stops CSV.
    Csv {
        file: String,
        /// Line of the row, from 1.
        line: usize,
        /// Character column (from 1) of each field, by column name.
        columns: Vec<(String, usize)>,
    },
}

impl StopPlace {
    /// Reports a problem with `field` of this stop.
    pub(super) fn report(&self, problems: &mut Problems<'_>, field: &str, message: String, help: Option<String>) {
        match self {
            StopPlace::Toml { key } => {
                let path = if field.is_empty() {
                    key.clone()
                } else {
                    format!("{key}.{field}")
                };
                problems.at(&path, message, help);
            }
            StopPlace::Csv { file, line, columns } => problems.push(Diagnostic {
                file: file.clone(),
                line: Some(*line),
                column: columns.iter().find(|(name, _)| name == field).map(|(_, col)| *col),
                key: field.to_string(),
                message,
                help,
            }),
        }
    }
}

/// One stop as the planner wrote it.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct StopInput {
    pub date: Date,
    pub start: ClockTime,
    pub settlement: Option<String>,
    pub label: Option<String>,
    pub venue: Venue,
    /// Opening hours, hours.
    pub dwell_hours: f64,
    /// Clerks on duty at this stop (default: `bus.clerks`).
    pub clerks: Option<u32>,
    /// Given mean arrival rate, clients per hour.
    pub arrival_rate_per_hour: Option<f64>,
    /// Given expected clients of the visit.
    pub expected_clients: Option<f64>,
    pub place: StopPlace,
}

/// The resolved sections a stop needs; a section is `None` when it had problems (already reported),
/// and the checks that depend on it are skipped.
pub(super) struct StopRules<'a> {
    pub table: Option<&'a SettlementTable>,
    pub demand: Option<&'a DemandRules>,
    pub clients: Option<&'a ClientRules>,
    pub bus: Option<&'a BusRules>,
    /// `bus.desks` when that key itself is valid (even if another `[bus]` key is not).
    pub desks: Option<u32>,
}

/// What the checks of one stop found valid.
struct CheckedStop {
    /// Index in the settlement table.
    settlement: Option<usize>,
    dwell_min: f64,
    clerks: Option<u32>,
    given: Option<DemandOrigin>,
}

/// Checks `input` and, when every section it needs is valid, builds its [`SeasonStop`] (with
/// index 0: the season numbers its stops after sorting them).
pub(super) fn resolve_stop(
    input: &StopInput,
    rules: &StopRules<'_>,
    problems: &mut Problems<'_>,
) -> Option<SeasonStop> {
    let checked = check_stop(input, rules, problems)?;
    let (table, demand, clients, bus) = (rules.table?, rules.demand?, rules.clients?, rules.bus?);
    let (settlement, district, origin) = match checked.settlement {
        Some(i) => {
            let s = table.get(i);
            let model = DemandOrigin::Model {
                population: s.population,
                office_km: table.office_km(i),
            };
            (s.name.clone(), s.district.clone(), checked.given.unwrap_or(model))
        }
        None => (input.label.clone().unwrap_or_default(), String::new(), checked.given?),
    };
    let expected_clients = match origin {
        DemandOrigin::Model { population, office_km } => demand.model.expected_clients(&StopContext {
            population,
            office_km,
            venue: input.venue,
            month: input.date.month(),
            dwell_hours: input.dwell_hours,
        }),
        DemandOrigin::GivenClients => input.expected_clients.unwrap_or(0.0),
        DemandOrigin::GivenRate { per_hour } => per_hour * input.dwell_hours,
    };
    if !expected_within_ceiling(input, &origin, expected_clients, problems) {
        return None;
    }
    let profile = match demand.shape.rate_profile(expected_clients, checked.dwell_min) {
        Ok(p) => p,
        Err(e) => {
            input.place.report(problems, "dwell_hours", format!("demand.{e}"), None);
            return None;
        }
    };
    let spec = StopSpec {
        dwell_min: checked.dwell_min,
        arrivals: Arrivals::Poisson {
            profile,
            dispersion_shape: demand.dispersion_shape,
        },
        errands_per_client: clients.errands_per_client,
        case_mix: clients.case_mix.clone(),
        clerks: checked.clerks.unwrap_or(bus.clerks),
        desks: bus.desks,
        patience: clients.patience,
        balking: clients.balking,
        closing: bus.closing,
        wait_target_min: bus.wait_target_min,
    };
    if let Err(e) = spec.validate() {
        input
            .place
            .report(problems, "", format!("cannot be simulated: {e}"), None);
        return None;
    }
    Some(SeasonStop {
        index: 0,
        date: input.date,
        start_min: input.start.0,
        settlement,
        district,
        venue: input.venue,
        label: input.label.clone(),
        expected_clients,
        demand_origin: origin,
        pending: None,
        spec,
    })
}

/// Every check of one stop that does not need the other sections to be valid.
fn check_stop(input: &StopInput, rules: &StopRules<'_>, problems: &mut Problems<'_>) -> Option<CheckedStop> {
    let place = &input.place;
    let given = given_demand(input, problems);
    // Demand counts as given when written, even if its value was refused (reported above).
    let demand_given = !matches!(given, Some(None));
    let settlement = settlement(input, rules.table, demand_given, problems);
    let dwell_min = dwell(input, rules.bus, problems);
    let clerks = match input.clerks {
        None => Some(None),
        Some(0) => {
            place.report(problems, "clerks", "at least one clerk is needed".into(), None);
            None
        }
        Some(c) => match rules.desks {
            Some(desks) if c > desks => {
                place.report(
                    problems,
                    "clerks",
                    format!("{c} clerks but the bus has only {desks} desks"),
                    Some(format!("use at most {desks} clerks here, or raise bus.desks")),
                );
                None
            }
            _ => Some(Some(c)),
        },
    };
    Some(CheckedStop {
        settlement: settlement?,
        dwell_min: dwell_min?,
        clerks: clerks?,
        given: given?,
    })
}

/// `Some(None)`: from the model; `Some(Some(origin))`: given; `None`: a problem.
fn given_demand(input: &StopInput, problems: &mut Problems<'_>) -> Option<Option<DemandOrigin>> {
    let place = &input.place;
    match (input.arrival_rate_per_hour, input.expected_clients) {
        (None, None) => Some(None),
        (Some(_), Some(_)) => {
            place.report(
                problems,
                "expected_clients",
                "give either expected_clients or arrival_rate_per_hour, not both".into(),
                Some("keep the one you know; the other follows from the dwell".into()),
            );
            None
        }
        (Some(rate), None) => {
            if rate.is_finite() && rate > MAX_ARRIVAL_RATE_PER_HOUR {
                place.report(
                    problems,
                    "arrival_rate_per_hour",
                    format!(
                        "{} clients per hour is above the ceiling of {MAX_ARRIVAL_RATE_PER_HOUR}",
                        number(rate)
                    ),
                    Some(
                        "the ceiling is there because the engine holds every client of a stop-day in memory; \
                         two clerks serve about 12 clients an hour"
                            .into(),
                    ),
                );
                None
            } else if rate.is_finite() && rate >= 0.0 {
                Some(Some(DemandOrigin::GivenRate { per_hour: rate }))
            } else {
                place.report(
                    problems,
                    "arrival_rate_per_hour",
                    format!("must be 0 or more clients per hour, got {}", number(rate)),
                    None,
                );
                None
            }
        }
        (None, Some(clients)) => {
            if clients.is_finite() && clients > MAX_EXPECTED_CLIENTS_PER_STOP {
                place.report(
                    problems,
                    "expected_clients",
                    format!(
                        "{} clients is above the ceiling of {MAX_EXPECTED_CLIENTS_PER_STOP} a stop",
                        number(clients)
                    ),
                    Some(CLIENTS_CEILING_REASON.into()),
                );
                None
            } else if clients.is_finite() && clients >= 0.0 {
                Some(Some(DemandOrigin::GivenClients))
            } else {
                place.report(
                    problems,
                    "expected_clients",
                    format!("must be 0 or more clients, got {}", number(clients)),
                    None,
                );
                None
            }
        }
    }
}

/// `Some(Some(index))` for a known settlement, `Some(None)` for a labelled stop with given demand.
fn settlement(
    input: &StopInput,
    table: Option<&SettlementTable>,
    demand_given: bool,
    problems: &mut Problems<'_>,
) -> Option<Option<usize>> {
    let place = &input.place;
    let Some(name) = &input.settlement else {
        if !demand_given {
            place.report(
                problems,
                "settlement",
                "the settlement is missing: its population drives the demand".into(),
                Some("name the settlement, or give expected_clients or arrival_rate_per_hour".into()),
            );
            return None;
        }
        if input.label.as_deref().is_none_or(|l| l.trim().is_empty()) {
            place.report(
                problems,
                "label",
                "a stop without a settlement needs a label to name it in the outputs".into(),
                Some("add label = \"...\" or a settlement".into()),
            );
            return None;
        }
        return Some(None);
    };
    // Without a valid table the name cannot be checked; that problem is reported already.
    let table = table?;
    if let Some(i) = table.index_of(name) {
        Some(Some(i))
    } else {
        let help = suggest::did_you_mean(&table.suggest(name))
            .unwrap_or_else(|| format!("names are spelled as in {}, with accents", table.origin));
        place.report(
            problems,
            "settlement",
            format!("unknown settlement \"{name}\""),
            Some(help),
        );
        None
    }
}

/// The dwell in minutes, if it is positive, ends by midnight and leaves time for the last entry.
fn dwell(input: &StopInput, bus: Option<&BusRules>, problems: &mut Problems<'_>) -> Option<f64> {
    let place = &input.place;
    let hours = input.dwell_hours;
    if !(hours.is_finite() && hours > 0.0) {
        place.report(
            problems,
            "dwell_hours",
            format!("must be a positive number of hours, got {}", number(hours)),
            Some("2019 practice: 2–5 hours".into()),
        );
        return None;
    }
    let dwell_min = hours_to_minutes(hours);
    if dwell_min < MIN_DWELL_MIN {
        place.report(
            problems,
            "dwell_hours",
            format!(
                "{} h is shorter than the shortest stop of {MIN_DWELL_MIN} minute",
                number(hours)
            ),
            Some("a stop that short serves nobody; 2019 practice: 2–5 hours".into()),
        );
        return None;
    }
    if f64::from(input.start.0) + dwell_min > f64::from(MINUTES_PER_DAY) {
        place.report(
            problems,
            "dwell_hours",
            format!(
                "a stop opening at {} for {hours} h would run past midnight",
                input.start
            ),
            None,
        );
        return None;
    }
    if let Some(BusRules { closing, .. }) = bus
        && let Err(NoTimeToEnter { minutes, .. }) = closing.check_fits(dwell_min)
    {
        place.report(
            problems,
            "dwell_hours",
            format!("bus.last_entry_min = {minutes} leaves no time to enter a {dwell_min}-minute stop"),
            Some("lengthen the stop or shorten bus.last_entry_min".into()),
        );
        return None;
    }
    Some(dwell_min)
}

/// Why a stop's expected clients have a ceiling.
const CLIENTS_CEILING_REASON: &str = "the ceiling is there because the engine holds every client of a stop-day in \
     memory; a 2019 stop had about 15 clients";

/// False (and reported) when a stop's expected clients are not finite or above
/// [`MAX_EXPECTED_CLIENTS_PER_STOP`]: at the stop's own key when it gave them, at the stop when the
/// demand model computed them.
fn expected_within_ceiling(
    input: &StopInput,
    origin: &DemandOrigin,
    expected_clients: f64,
    problems: &mut Problems<'_>,
) -> bool {
    if expected_clients.is_finite() && expected_clients <= MAX_EXPECTED_CLIENTS_PER_STOP {
        return true;
    }
    let (field, source, help) = match origin {
        DemandOrigin::Model { .. } => (
            "",
            "the demand model gives",
            "lower demand.base_rate, the venue or month multiplier, demand.distance_coef_per_km or \
             demand.population_elasticity, or give this stop expected_clients",
        ),
        DemandOrigin::GivenRate { .. } => (
            "arrival_rate_per_hour",
            "arrival_rate_per_hour × dwell_hours gives",
            "lower the arrival rate or the dwell",
        ),
        DemandOrigin::GivenClients => ("expected_clients", "it gives", "lower expected_clients"),
    };
    input.place.report(
        problems,
        field,
        format!(
            "{source} {} expected clients, above the ceiling of {MAX_EXPECTED_CLIENTS_PER_STOP} a stop",
            shown(expected_clients)
        ),
        Some(format!("{help}; {CLIENTS_CEILING_REASON}")),
    );
    false
}

/// A count for a message: rounded to one decimal, in powers of ten when very large, "infinitely many"
/// when not finite (never a number of hundreds of digits).
pub(super) fn shown(x: f64) -> String {
    if !x.is_finite() {
        "infinitely many".to_string()
    } else if x.abs() >= 1e6 {
        format!("{x:.2e}")
    } else {
        format!("{x:.1}")
    }
}

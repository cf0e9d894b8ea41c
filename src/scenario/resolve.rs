//! From scenario text to a [`Season`]: every section checked, every problem collected.

use std::path::Path;

use super::ScenarioText;
use super::baseline::embedded_file;
use super::calibration_section::{check_calibration_season, resolve_calibration};
use super::clients::resolve_clients;
use super::costs::resolve_rates;
use super::crew_rules::{apply_day_clerks, check_day_crews};
use super::defaults::{DEFAULT_DESKS, DEFAULT_WAIT_TARGET_MIN};
use super::demand_section::{resolve_demand, resolve_path, settlement_table};
use super::diagnostic::{Diagnostic, Problems, ScenarioError};
use super::generate::resolve_generate;
use super::generated::generate;
use super::layers::{Sources, gather};
use super::overrides::ScenarioOverrides;
use super::parse::{RawScenario, parse};
use super::policies::{resolve_policies, resolve_targets};
use super::resolved::{Season, SeasonStop};
use super::settings::{resolve_bus, resolve_simulation};
use super::source::SpanIndex;
use super::stops::{StopInput, StopPlace, StopRules, resolve_stop};
use super::stops_csv::read_stops_csv;
use super::uncertainty_section::{UncertaintySection, resolve_uncertainty};
use super::work::{policies_fit_stops, run_within_ceiling, stops_within_ceiling};
use crate::demand::SettlementTable;
use crate::plan::DwellPolicy;
use crate::plan::Itinerary;
use crate::vocab::Venue;
use crate::vocab::limits::MAX_CSV_BYTES;
use crate::vocab::text_file::read_text;

/// A scenario's text parsed once: its layers (the file, the files it extends, its `--set` values),
/// the merged mirror (`None` after a syntax error), the key spans and the problems parsing found.
#[derive(Debug, Clone)]
pub(super) struct Parsed {
    sources: Sources,
    raw: Option<RawScenario>,
    spans: SpanIndex,
    found: Vec<Diagnostic>,
}

/// Reads the files `source` extends, merges them with it and its `--set` values, and parses the
/// result into the form every resolution starts from.
pub(super) fn parse_text(source: &ScenarioText) -> Parsed {
    let (sources, chain) = gather(source);
    let mut problems = Problems::for_sources(&sources);
    let raw = parse(&sources, &chain, &mut problems);
    let (spans, found) = problems.into_parts();
    Parsed {
        sources,
        raw,
        spans,
        found,
    }
}

/// Resolves a scenario's text from its parsed form (its parse problems are reported again). Relative
/// paths the scenario file sets are resolved from `base_dir` (those of a file it extends from that
/// file's folder); `default_name` names the
/// season when the file has no `name`. `dwell` replaces the dwell of every settlement stop (a policy
/// under comparison). `overrides` replace some of the text's values (in a copy of the mirror) before
/// validation.
pub(super) fn resolve_parsed(
    parsed: &Parsed,
    base_dir: Option<&Path>,
    default_name: &str,
    dwell: Option<&DwellPolicy>,
    overrides: &ScenarioOverrides,
) -> Result<Season, ScenarioError> {
    let mut problems = Problems::resume(&parsed.sources, parsed.spans.clone(), parsed.found.clone());
    let season = parsed.raw.clone().and_then(|mut raw| {
        overrides.apply(&mut raw);
        build(&raw, base_dir, default_name, dwell, &mut problems)
    });
    problems.finish_option(season)
}

/// The scenario's `[uncertainty]` section (the default when it has none); the parse problems are
/// reported again, so a broken scenario gives its usual message.
pub(super) fn resolve_uncertainty_parsed(
    parsed: &Parsed,
    base_dir: Option<&Path>,
) -> Result<UncertaintySection, ScenarioError> {
    let mut problems = Problems::resume(&parsed.sources, parsed.spans.clone(), parsed.found.clone());
    let section = parsed.raw.as_ref().and_then(|raw| match &raw.uncertainty {
        Some(u) => resolve_uncertainty(u, base_dir, &mut problems),
        None => Some(UncertaintySection::default()),
    });
    problems.finish_option(section)
}

fn build(
    raw: &RawScenario,
    base_dir: Option<&Path>,
    default_name: &str,
    dwell: Option<&DwellPolicy>,
    problems: &mut Problems<'_>,
) -> Option<Season> {
    let name = scenario_name(raw.name.as_deref(), default_name, problems);
    let simulation = raw.simulation.as_ref().and_then(|s| resolve_simulation(s, problems));
    let table = raw
        .demand
        .as_ref()
        .and_then(|d| settlement_table(d, base_dir, problems));
    let demand = raw.demand.as_ref().and_then(|d| resolve_demand(d, problems));
    let clients = raw.clients.as_ref().and_then(|c| resolve_clients(c, problems));
    let bus = raw.bus.as_ref().and_then(|b| resolve_bus(b, problems));
    let calibration = raw.calibration.as_ref().map(|c| resolve_calibration(c, problems));
    // Checked with every command, so `check` reports it too; `run` reads it with `input_uncertainty`.
    if let Some(u) = &raw.uncertainty {
        resolve_uncertainty(u, base_dir, problems);
    }
    let targets = raw.targets.as_ref().and_then(|t| {
        resolve_targets(
            t,
            bus.as_ref().map_or(DEFAULT_WAIT_TARGET_MIN, |b| b.wait_target_min),
            problems,
        )
    });
    let policies = if raw.policies_failed {
        None
    } else {
        resolve_policies(raw.policies.as_deref(), problems)
    };
    let (mut inputs, itinerary) = stop_inputs(raw, base_dir, table.as_deref(), dwell, problems);
    if let (Some(dwell), Some(table), None) = (dwell, table.as_deref(), &itinerary) {
        apply_dwell(&mut inputs, dwell, table);
    }
    let desks = bus_desks_and_day_clerks(raw, &mut inputs, problems);
    let rules = StopRules {
        table: table.as_deref(),
        demand: demand.as_ref(),
        clients: clients.as_ref(),
        bus: bus.as_ref(),
        desks,
    };
    if !stops_within_ceiling(inputs.len(), problems) {
        return None;
    }
    let resolved: Vec<Option<SeasonStop>> = inputs.iter().map(|i| resolve_stop(i, &rules, problems)).collect();
    if !raw
        .bus
        .as_ref()
        .and_then(|b| b.clerks_may_change_within_day)
        .unwrap_or(false)
    {
        check_day_crews(&inputs, &resolved, problems);
    }
    let costs = raw.bus.as_ref().and_then(|b| resolve_rates(b, problems));
    let mut stops: Vec<SeasonStop> = resolved.into_iter().collect::<Option<_>>()?;
    if let Some(simulation) = &simulation
        && !run_within_ceiling(&stops, simulation, problems)
    {
        return None;
    }
    if let (Some(policies), None, Some(_)) = (&policies, &itinerary, &raw.policies)
        && !policies_fit_stops(policies, &stops, problems)
    {
        return None;
    }
    stops.sort_by_key(|s| (s.date, s.start_min));
    for (index, stop) in stops.iter_mut().enumerate() {
        stop.index = index;
    }
    if let Some(demand) = &demand
        && !super::pending::apply_pending_needs(&mut stops, demand, problems)
    {
        return None;
    }
    check_depot_key(raw, problems);
    let estimated_days = match (&itinerary, table.as_deref()) {
        (None, Some(table)) => estimate_depot_legs(raw, &stops, table, problems),
        _ => Vec::new(),
    };
    if let Some(Some(targets)) = &calibration {
        let stop_dates: Vec<_> = stops.iter().map(|s| s.date).collect();
        check_calibration_season(targets, &stop_dates, problems);
    }
    Some(Season {
        name: name?,
        description: raw.description.clone(),
        simulation: simulation?,
        stops,
        itinerary,
        estimated_days,
        targets: targets?,
        policies: policies?,
        demand: demand?,
        costs: costs?,
        calibration: match calibration {
            Some(targets) => Some(targets?),
            None => None,
        },
    })
}

/// `season.depot` is for stops given without an itinerary: a generated season's depot is set in
/// `[season.generate]`.
fn check_depot_key(raw: &RawScenario, problems: &mut Problems<'_>) {
    if raw
        .season
        .as_ref()
        .is_some_and(|s| s.depot.is_some() && s.generate.is_some())
    {
        problems.at(
            "season.depot",
            "the depot of a generated season is set in [season.generate]",
            Some("move the key to season.generate.depot".into()),
        );
    }
}

/// The bus-days of a season given without an itinerary, driven from `season.depot` (default the
/// generator's depot); an unknown depot is reported.
fn estimate_depot_legs(
    raw: &RawScenario,
    stops: &[SeasonStop],
    table: &SettlementTable,
    problems: &mut Problems<'_>,
) -> Vec<crate::plan::BusDay> {
    let written = raw.season.as_ref().and_then(|s| s.depot.as_deref());
    let name = written.unwrap_or(super::defaults::generate::DEPOT);
    let Some(depot) = table.find(name) else {
        let help = crate::vocab::suggest::did_you_mean(&table.suggest(name))
            .unwrap_or_else(|| format!("names are spelled as in {}, with accents", table.origin));
        problems.at("season.depot", format!("unknown settlement \"{name}\""), Some(help));
        return Vec::new();
    };
    super::depot_legs::estimated_bus_days(stops, table, depot.position(), &crate::plan::TravelModel::default())
}

/// The bus's desks (`None`: not valid, reported elsewhere), after giving the stops of each
/// `[[bus.day]]` its clerks.
fn bus_desks_and_day_clerks(raw: &RawScenario, inputs: &mut [StopInput], problems: &mut Problems<'_>) -> Option<u32> {
    let desks = raw
        .bus
        .as_ref()
        .map(|b| b.desks.unwrap_or(DEFAULT_DESKS))
        .filter(|&d| d > 0);
    if let Some(days) = raw.bus.as_ref().and_then(|b| b.day.as_deref()) {
        apply_day_clerks(days, inputs, desks, problems);
    }
    desks
}

/// Sets the dwell of every explicit stop at a settlement of the table by `dwell` (start times stay).
fn apply_dwell(inputs: &mut [StopInput], dwell: &DwellPolicy, table: &SettlementTable) {
    for input in inputs {
        if let Some(i) = input.settlement.as_deref().and_then(|name| table.index_of(name)) {
            input.dwell_hours = dwell.hours_for(&table.get(i).name, table.get(i).population);
        }
    }
}

/// The season's name: `name`, or the file's stem; it names the output folder, so it must be a
/// plain folder name.
fn scenario_name(written: Option<&str>, default_name: &str, problems: &mut Problems<'_>) -> Option<String> {
    let name = written.unwrap_or(default_name).trim().to_string();
    let bad =
        name.is_empty() || name == "." || name == ".." || name.chars().any(|c| c == '/' || c == '\\' || c.is_control());
    if bad {
        problems.at(
            "name",
            format!("\"{name}\" cannot name the output folder"),
            Some("use letters, digits, '-' and '_', e.g. name = \"2020-plan\"".into()),
        );
        return None;
    }
    Some(name)
}

/// Every stop the season lists: `[[season.stop]]`, then the rows of `stops_csv` or the generated
/// itinerary (returned too). Reports an empty season.
fn stop_inputs(
    raw: &RawScenario,
    base_dir: Option<&Path>,
    table: Option<&SettlementTable>,
    dwell: Option<&DwellPolicy>,
    problems: &mut Problems<'_>,
) -> (Vec<StopInput>, Option<Itinerary>) {
    let mut inputs: Vec<StopInput> = raw
        .stops
        .iter()
        .map(|(number, s)| StopInput {
            date: s.date.0,
            start: s.start,
            settlement: s.settlement.clone(),
            label: s.label.clone(),
            venue: s.venue.unwrap_or(Venue::Municipality),
            dwell_hours: s.dwell_hours,
            clerks: s.clerks,
            arrival_rate_per_hour: s.arrival_rate_per_hour,
            expected_clients: s.expected_clients,
            place: StopPlace::Toml {
                key: format!("season.stop[{number}]"),
            },
        })
        .collect();
    // The [season] section itself failed: its problem is reported, nothing more to say.
    let Some(season) = &raw.season else {
        return (inputs, None);
    };
    if season.stops_csv.is_some() && season.generate.is_some() {
        problems.at(
            "season.generate",
            "give either stops_csv or [season.generate], not both",
            Some("explicit [[season.stop]] entries may be added to either".into()),
        );
    }
    let before_csv = problems.count();
    if let Some(name) = &season.stops_csv {
        inputs.extend(csv_stops(name, base_dir, problems));
    }
    let csv_failed = problems.count() > before_csv;
    let mut itinerary = None;
    if let Some(raw_generate) = &season.generate {
        let rules = resolve_generate(raw_generate, table, dwell, problems);
        if let (Some(rules), Some(table)) = (rules, table)
            && let Some((generated, plan)) = generate(&rules, table, problems)
        {
            inputs.extend(generated);
            itinerary = Some(plan);
        }
    } else if inputs.is_empty() && !raw.stops_failed && !csv_failed {
        empty_season(season.stops_csv.is_some(), problems);
    }
    (inputs, itinerary)
}

fn empty_season(from_csv: bool, problems: &mut Problems<'_>) {
    if from_csv {
        problems.at(
            "season.stops_csv",
            "the stops file lists no stops",
            Some("add rows under the header date,start,settlement,venue,dwell_hours".into()),
        );
    } else {
        problems.at(
            "season",
            "the season has no stops",
            Some("add [[season.stop]] sections, a stops_csv file, or a [season.generate] section".into()),
        );
    }
}

fn csv_stops(name: &str, base_dir: Option<&Path>, problems: &mut Problems<'_>) -> Vec<StopInput> {
    let key = "season.stops_csv";
    // An embedded scenario has no folder: it may name the data files embedded with it.
    if base_dir.is_none()
        && let Some(text) = embedded_file(name)
    {
        return read_stops_csv(text, &format!("{name} (embedded)"), problems);
    }
    let Some(path) = resolve_path(name, base_dir, key, problems) else {
        return Vec::new();
    };
    match read_text(&path, MAX_CSV_BYTES) {
        Ok(text) => read_stops_csv(&text, &path.display().to_string(), problems),
        Err(e) => {
            problems.at(key, format!("cannot read {}: {e}", path.display()), e.path_help());
            Vec::new()
        }
    }
}

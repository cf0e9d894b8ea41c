//! `[season.generate]`: the rules of a generated itinerary, checked and resolved for the generator.

use std::collections::HashSet;

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};

use super::calendar::ClockTime;
use super::defaults::generate as d;
use super::diagnostic::Problems;
use super::raw::{
    DwellPolicyKind, PlannerKind, RawDwellPolicy, RawGenerate, RawSizeClass, RawVisit, SettlementSelection, WeekdayName,
};
use crate::demand::SettlementTable;
use crate::plan::{DailyWindow, DwellPolicy, ItineraryRules, Place, PlannerSettings, TravelModel, WorkingCalendar};
use crate::vocab::Venue;
use crate::vocab::limits::{MAX_GENERATED_DAYS, MAX_VISITS_PER_SETTLEMENT};
use crate::vocab::suggest;
use crate::vocab::units::{HOURS_PER_DAY, MINUTES_PER_DAY, hours_to_minutes, minutes_to_hours};

/// One series of visits the generator should place.
#[derive(Debug, Clone, PartialEq)]
pub struct VisitSeries {
    /// Index of the settlement in the table.
    pub settlement: usize,
    pub venue: Venue,
    /// Dwell of each visit, whole minutes.
    pub dwell_min: u32,
    /// Visits wanted in the season.
    pub visits: u32,
    pub label: Option<String>,
    /// Clerks at these visits (default: `bus.clerks`).
    pub clerks: Option<u32>,
    /// Given demand of each visit, if any.
    pub arrival_rate_per_hour: Option<f64>,
    pub expected_clients: Option<f64>,
    /// Key path the series comes from (`season.generate` or `season.generate.visit[2]`).
    pub key: String,
}

/// `[season.generate]`, resolved: the calendar, the bus-day rules (working days still to be
/// filled from the calendar) and the visit series, extra visits first (they have priority).
#[derive(Debug, Clone, PartialEq)]
pub struct GenerateRules {
    pub calendar: WorkingCalendar,
    pub rules: ItineraryRules,
    pub series: Vec<VisitSeries>,
}

/// Checks `[season.generate]` against the settlement table (`None`: the table is invalid and
/// names are not checked); every problem is reported.
pub(super) fn resolve_generate(
    raw: &RawGenerate,
    table: Option<&SettlementTable>,
    dwell_override: Option<&DwellPolicy>,
    problems: &mut Problems<'_>,
) -> Option<GenerateRules> {
    let calendar = calendar(raw, problems);
    let rules = itinerary_rules(raw, table, problems);
    let (day_start, day_end) = day_window(raw);
    let window_hours = minutes_to_hours(f64::from(day_end.0.saturating_sub(day_start.0)));
    let written = dwell_policy(raw.dwell.as_ref(), window_hours, problems);
    let dwell = match dwell_override {
        Some(policy) => written.and_then(|_| fits_window(policy.clone(), window_hours, problems)),
        None => written,
    };
    let series = table.and_then(|table| series(raw, table, dwell.as_ref(), problems));
    Some(GenerateRules {
        calendar: calendar?,
        rules: rules?,
        series: series?,
    })
}

fn calendar(raw: &RawGenerate, problems: &mut Problems<'_>) -> Option<WorkingCalendar> {
    let (from, to) = (raw.from.0, raw.to.0);
    if from > to {
        problems.at(
            "season.generate.to",
            format!("the season ends ({to}) before it starts ({from})"),
            None,
        );
        return None;
    }
    let days = (to - from).get_days();
    if days > MAX_GENERATED_DAYS {
        problems.at(
            "season.generate.to",
            format!("the season runs {days} days, above the ceiling of {MAX_GENERATED_DAYS} days"),
            Some("the ceiling is there because every day is planned; a season is usually a few months".into()),
        );
        return None;
    }
    let weekdays = weekdays(raw.weekdays.as_deref(), problems);
    let mut holidays: Vec<Date> = raw.holidays.iter().flatten().map(|h| h.0).collect();
    let breaks = breaks(raw, problems);
    let decreed = if raw.hungarian_days_off.unwrap_or(true) {
        hungarian_days_off(raw, problems)
    } else {
        Some((Vec::new(), Vec::new()))
    };
    let (days_off, saturdays) = decreed?;
    holidays.extend(breaks?);
    holidays.extend(days_off);
    holidays.sort();
    holidays.dedup();
    let mut calendar = WorkingCalendar::new(from, to, &weekdays?, &holidays);
    if raw.work_decreed_saturdays.unwrap_or(false) {
        calendar.extra_working_days = saturdays;
    }
    Some(calendar)
}

/// The days of every `[from, to]` break.
fn breaks(raw: &RawGenerate, problems: &mut Problems<'_>) -> Option<Vec<Date>> {
    let mut days = Vec::new();
    let mut ok = true;
    for (i, (from, to)) in raw.breaks.iter().flatten().enumerate() {
        if from.0 > to.0 {
            problems.at(
                &format!("season.generate.breaks[{}]", i + 1),
                format!("the break ends ({}) before it starts ({})", to.0, from.0),
                Some("write each break as [first day, last day]".into()),
            );
            ok = false;
            continue;
        }
        days.extend(from.0.series(1.day()).take_while(|d| *d <= to.0));
    }
    ok.then_some(days)
}

/// Hungarian public holidays and decreed rest days of every year the season touches, and the
/// decreed worked Saturdays: from `[[season.generate.decree]]` for the years it gives, else from the
/// built-in table ([`crate::plan::DECREES`]); a year in neither is refused at the season's key.
fn hungarian_days_off(raw: &RawGenerate, problems: &mut Problems<'_>) -> Option<(Vec<Date>, Vec<Date>)> {
    let given = given_decrees(raw, problems)?;
    let (mut days_off, mut saturdays) = (Vec::new(), Vec::new());
    let mut ok = true;
    for year in raw.from.0.year()..=raw.to.0.year() {
        let key = if year == raw.from.0.year() {
            "season.generate.from"
        } else {
            "season.generate.to"
        };
        let Some(holidays) = crate::plan::hungarian_public_holidays(year) else {
            problems.at(
                key,
                format!(
                    "the Hungarian public holidays of {year} are not known (Good Friday has been one since {})",
                    crate::plan::FIRST_YEAR_WITH_GOOD_FRIDAY
                ),
                Some(
                    "set season.generate.hungarian_days_off = false and list the days off in season.generate.holidays"
                        .into(),
                ),
            );
            ok = false;
            continue;
        };
        days_off.extend(holidays);
        let decreed = given
            .iter()
            .find(|(y, ..)| *y == year)
            .map(|(_, off, sat)| (off.clone(), sat.clone()))
            .or_else(|| {
                Some((
                    crate::plan::hungarian_rest_days(year)?,
                    crate::plan::hungarian_working_saturdays(year)?,
                ))
            });
        if let Some((off, sat)) = decreed {
            days_off.extend(off);
            saturdays.extend(sat);
        } else {
            problems.at(
                key,
                format!(
                    "the season runs in {year}, whose decreed rest days and worked Saturdays are not known (the \
                         built-in table has the decrees of {})",
                    crate::plan::decreed_years_text()
                ),
                Some(format!(
                    "add them from the decree on the {year} working-day arrangement as [[season.generate.decree]] \
                         with year = {year}, rest_days = [...] and working_saturdays = [...] (empty lists if it moves \
                         no day), or set season.generate.hungarian_days_off = false and list the days off in \
                         season.generate.holidays"
                )),
            );
            ok = false;
        }
    }
    ok.then_some((days_off, saturdays))
}

/// A year, its decreed rest days and its worked Saturdays.
type YearDays = (i16, Vec<Date>, Vec<Date>);

/// The `[[season.generate.decree]]` entries, checked: each date in its year, rest days not on a
/// weekend, worked days on a Saturday, a year given once.
fn given_decrees(raw: &RawGenerate, problems: &mut Problems<'_>) -> Option<Vec<YearDays>> {
    let mut ok = true;
    let mut years = HashSet::new();
    let mut all = Vec::new();
    for (i, decree) in raw.decree.iter().flatten().enumerate() {
        let key = format!("season.generate.decree[{}]", i + 1);
        if !years.insert(decree.year) {
            problems.at(
                &format!("{key}.year"),
                format!("{} is given twice", decree.year),
                Some("keep one entry per year".into()),
            );
            ok = false;
        }
        let off: Vec<Date> = decree.rest_days.iter().map(|d| d.0).collect();
        let sat: Vec<Date> = decree.working_saturdays.iter().map(|d| d.0).collect();
        for (list, name) in [(&off, "rest_days"), (&sat, "working_saturdays")] {
            for day in list {
                let wrong_weekday = match name {
                    "rest_days" => matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday),
                    _ => day.weekday() != Weekday::Saturday,
                };
                if day.year() != decree.year || wrong_weekday {
                    problems.at(
                        &format!("{key}.{name}"),
                        format!(
                            "{day} is not a {} of {}",
                            if name == "rest_days" { "weekday" } else { "Saturday" },
                            decree.year
                        ),
                        Some(
                            "a decree makes weekdays of its year rest days and Saturdays of its year working days"
                                .into(),
                        ),
                    );
                    ok = false;
                }
            }
        }
        all.push((decree.year, off, sat));
    }
    ok.then_some(all)
}

/// The bus-day rules (without working days) and the depot.
fn itinerary_rules(
    raw: &RawGenerate,
    table: Option<&SettlementTable>,
    problems: &mut Problems<'_>,
) -> Option<ItineraryRules> {
    let key = |k: &str| format!("season.generate.{k}");
    let mut ok = true;
    let (day_start, day_end) = day_window(raw);
    if day_start >= day_end {
        problems.at(
            &key("day_end"),
            format!("the working day ends ({day_end}) before it starts ({day_start})"),
            None,
        );
        ok = false;
    }
    let road_factor = raw.road_factor.unwrap_or(d::ROAD_FACTOR);
    if !(road_factor.is_finite() && road_factor >= 1.0) {
        problems.at(
            &key("road_factor"),
            format!("must be 1 or more (road km per straight-line km), got {road_factor}"),
            Some("1.3 is usual for rural roads".into()),
        );
        ok = false;
    }
    let speed_kmh = raw.speed_kmh.unwrap_or(d::SPEED_KMH);
    if !(speed_kmh.is_finite() && speed_kmh > 0.0) {
        problems.at(
            &key("speed_kmh"),
            format!("must be a positive speed in km/h, got {speed_kmh}"),
            None,
        );
        ok = false;
    }
    let counts = [
        ("visits_per_settlement", raw.visits_per_settlement),
        ("max_stops_per_day", raw.max_stops_per_day),
        ("min_days_between_visits", raw.min_days_between_visits),
        ("max_days_between_visits", raw.max_days_between_visits),
        ("opening_grid_min", raw.opening_grid_min),
    ];
    for (name, value) in counts {
        if value == Some(0) {
            problems.at(&key(name), "must be at least 1", None);
            ok = false;
        }
    }
    let fewest = raw.min_days_between_visits.unwrap_or(d::MIN_DAYS_BETWEEN_VISITS);
    if let Some(most) = raw.max_days_between_visits.filter(|&most| most > 0 && most < fewest) {
        problems.at(
            &key("max_days_between_visits"),
            format!("the most days between visits ({most}) is below the fewest ({fewest}, min_days_between_visits)"),
            Some("raise max_days_between_visits or lower min_days_between_visits".into()),
        );
        ok = false;
    }
    if let Some(grid) = raw.opening_grid_min.filter(|&g| g > MINUTES_PER_DAY) {
        problems.at(
            &key("opening_grid_min"),
            format!("a grid of {grid} minutes is longer than a day"),
            Some("15 gives quarter hours, 1 any minute".into()),
        );
        ok = false;
    }
    if let Some(visits) = raw.visits_per_settlement.filter(|&v| v > MAX_VISITS_PER_SETTLEMENT) {
        problems.at(&key("visits_per_settlement"), too_many_visits(visits), None);
        ok = false;
    }
    let depot_name = raw.depot.as_deref().unwrap_or(d::DEPOT);
    let depot = table.and_then(|t| settlement_index(t, depot_name, &key("depot"), problems).map(|i| (t, i)));
    if !ok {
        return None;
    }
    let (table, depot) = depot?;
    let depot = table.get(depot);
    Some(ItineraryRules {
        working_days: Vec::new(),
        window: DailyWindow {
            start_min: day_start.0,
            end_min: day_end.0,
        },
        depot: Place::new(depot.name.clone(), depot.lat, depot.lon),
        travel: TravelModel { road_factor, speed_kmh },
        setup_min: raw.setup_min.unwrap_or(d::SETUP_MIN),
        packup_min: raw.packup_min.unwrap_or(d::PACKUP_MIN),
        max_stops_per_day: raw.max_stops_per_day.unwrap_or(d::MAX_STOPS_PER_DAY),
        min_gap_days: raw.min_days_between_visits.unwrap_or(d::MIN_DAYS_BETWEEN_VISITS),
        max_gap_days: raw.max_days_between_visits,
        opening_grid_min: raw.opening_grid_min.unwrap_or(d::OPENING_GRID_MIN),
        earliest_opening_min: raw.earliest_opening.map_or(d::EARLIEST_OPENING_MIN, |t| t.0),
        planner: PlannerSettings {
            optimise: raw.planner.unwrap_or(PlannerKind::Optimised) == PlannerKind::Optimised,
            iterations: raw.planner_iterations,
            seed: raw.planner_seed.unwrap_or(d::PLANNER_SEED),
        },
    })
}

/// The daily window as written, or its defaults.
fn day_window(raw: &RawGenerate) -> (ClockTime, ClockTime) {
    (
        raw.day_start.unwrap_or(ClockTime(d::DAY_START_MIN)),
        raw.day_end.unwrap_or(ClockTime(d::DAY_END_MIN)),
    )
}

/// The visit series: the extra `[[season.generate.visit]]` entries first, then the selected settlements.
/// `dwell` is `None` when the dwell policy is invalid: the names are still checked.
fn series(
    raw: &RawGenerate,
    table: &SettlementTable,
    dwell: Option<&DwellPolicy>,
    problems: &mut Problems<'_>,
) -> Option<Vec<VisitSeries>> {
    let extra: Vec<Option<VisitSeries>> = raw
        .visit
        .iter()
        .flatten()
        .enumerate()
        .map(|(i, v)| extra_visit(v, &format!("season.generate.visit[{}]", i + 1), table, dwell, problems))
        .collect();
    let chosen = selection(raw, table, !extra.is_empty(), problems);
    let mut all: Vec<VisitSeries> = extra.into_iter().collect::<Option<_>>()?;
    let dwell = dwell?;
    let venue = raw.venue.unwrap_or(Venue::Municipality);
    let visits = raw.visits_per_settlement.unwrap_or(d::VISITS_PER_SETTLEMENT);
    for settlement in chosen? {
        all.push(VisitSeries {
            settlement,
            venue,
            dwell_min: whole_minutes(dwell.hours_for(&table.get(settlement).name, table.get(settlement).population)),
            visits,
            label: None,
            clerks: None,
            arrival_rate_per_hour: None,
            expected_clients: None,
            key: "season.generate".into(),
        });
    }
    Some(all)
}

fn extra_visit(
    raw: &RawVisit,
    key: &str,
    table: &SettlementTable,
    dwell: Option<&DwellPolicy>,
    problems: &mut Problems<'_>,
) -> Option<VisitSeries> {
    let settlement = settlement_index(table, &raw.settlement, &format!("{key}.settlement"), problems);
    let hours = match raw.dwell_hours {
        Some(h) if h.is_finite() && h > f64::from(HOURS_PER_DAY) => {
            problems.at(&format!("{key}.dwell_hours"), longer_than_a_day(h), None);
            None
        }
        Some(h) if h.is_finite() && h > 0.0 => Some(h),
        Some(h) => {
            problems.at(
                &format!("{key}.dwell_hours"),
                format!("must be a positive number of hours, got {h}"),
                None,
            );
            None
        }
        None => settlement
            .zip(dwell)
            .map(|(i, dwell)| dwell.hours_for(&table.get(i).name, table.get(i).population)),
    };
    let visits = raw.visits.unwrap_or(1);
    if visits == 0 {
        problems.at(
            &format!("{key}.visits"),
            "must be at least 1",
            Some("remove the entry to leave the visit out".into()),
        );
        return None;
    }
    if visits > MAX_VISITS_PER_SETTLEMENT {
        problems.at(&format!("{key}.visits"), too_many_visits(visits), None);
        return None;
    }
    Some(VisitSeries {
        settlement: settlement?,
        venue: raw.venue.unwrap_or(Venue::Municipality),
        dwell_min: whole_minutes(hours?),
        visits,
        label: raw.label.clone(),
        clerks: raw.clerks,
        arrival_rate_per_hour: raw.arrival_rate_per_hour,
        expected_clients: raw.expected_clients,
        key: key.to_string(),
    })
}

/// Hours as whole minutes (at least 1), for the generator's timetable.
fn whole_minutes(hours: f64) -> u32 {
    (hours_to_minutes(hours).round() as u32).max(1)
}

fn weekdays(raw: Option<&[WeekdayName]>, problems: &mut Problems<'_>) -> Option<Vec<Weekday>> {
    let Some(names) = raw else {
        return Some(vec![
            Weekday::Monday,
            Weekday::Tuesday,
            Weekday::Wednesday,
            Weekday::Thursday,
            Weekday::Friday,
        ]);
    };
    if names.is_empty() {
        problems.at(
            "season.generate.weekdays",
            "no working weekday",
            Some("e.g. weekdays = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]".into()),
        );
        return None;
    }
    let unique: HashSet<_> = names.iter().collect();
    if unique.len() != names.len() {
        problems.at("season.generate.weekdays", "a weekday is listed twice", None);
        return None;
    }
    Some(names.iter().map(|w| w.weekday()).collect())
}

fn dwell_policy(raw: Option<&RawDwellPolicy>, window_hours: f64, problems: &mut Problems<'_>) -> Option<DwellPolicy> {
    let key = "season.generate.dwell";
    let policy = match raw {
        None => DwellPolicy::BySize(d::DWELL_BY_SIZE.to_vec()),
        Some(raw) => match raw.policy {
            DwellPolicyKind::DemandDriven => {
                problems.at(
                    &format!("{key}.policy"),
                    "the demand-driven dwell depends on the simulation, so the itinerary cannot be planned with it \
                     directly",
                    Some(
                        "plan with \"by_size\" or \"fixed\" here, and list policy = \"demand_driven\" under \
                          [[policy]] to compare it (ablakbusz policies / staff)"
                            .into(),
                    ),
                );
                return None;
            }
            DwellPolicyKind::Fixed => fixed_dwell(
                raw.hours,
                raw.size.as_ref().is_some_and(|s| !s.is_empty()),
                key,
                problems,
            )?,
            DwellPolicyKind::BySize => by_size_dwell(raw.hours, raw.size.as_deref(), key, problems)?,
        },
    };
    fits_window(policy, window_hours, problems)
}

/// The policy, if its longest stop fits in the working day (reported otherwise).
fn fits_window(policy: DwellPolicy, window_hours: f64, problems: &mut Problems<'_>) -> Option<DwellPolicy> {
    let key = "season.generate.dwell";
    let longest = policy.longest_hours();
    if longest > window_hours {
        problems.at(
            key,
            format!("a {longest}-hour stop does not fit in the {window_hours}-hour working day"),
            Some("shorten the dwell or widen day_start..day_end".into()),
        );
        return None;
    }
    Some(policy)
}

/// `policy = "fixed"` with its `hours` (`has_size`: size classes were given, which do not belong).
/// The message for more visits of a settlement than [`MAX_VISITS_PER_SETTLEMENT`].
fn too_many_visits(visits: u32) -> String {
    format!(
        "{visits} visits of one settlement is above the ceiling of {MAX_VISITS_PER_SETTLEMENT} (one a day for a year)"
    )
}

/// The message for a dwell of more than a day.
pub(super) fn longer_than_a_day(hours: f64) -> String {
    format!(
        "{} hours is longer than a day: a stop opens and closes on the same day",
        super::checks::number(hours)
    )
}

pub(super) fn fixed_dwell(
    hours: Option<f64>,
    has_size: bool,
    key: &str,
    problems: &mut Problems<'_>,
) -> Option<DwellPolicy> {
    if has_size {
        problems.at(
            &format!("{key}.size"),
            "size classes are only used with policy = \"by_size\"",
            Some(
                "remove them or set policy = \"by_size\" (over a scenario it extends, size = [] clears its classes)"
                    .into(),
            ),
        );
        return None;
    }
    match hours {
        Some(h) if h.is_finite() && h > f64::from(HOURS_PER_DAY) => {
            problems.at(&format!("{key}.hours"), longer_than_a_day(h), None);
            None
        }
        Some(h) if h.is_finite() && h > 0.0 => Some(DwellPolicy::Fixed(h)),
        Some(h) => {
            problems.at(
                &format!("{key}.hours"),
                format!("must be a positive number of hours, got {h}"),
                None,
            );
            None
        }
        None => {
            problems.at(key, "policy = \"fixed\" needs hours", Some("add hours = 3".into()));
            None
        }
    }
}

/// `policy = "by_size"` with its size classes (default: the 2019 practice); `hours` does not belong.
pub(super) fn by_size_dwell(
    hours: Option<f64>,
    size: Option<&[RawSizeClass]>,
    key: &str,
    problems: &mut Problems<'_>,
) -> Option<DwellPolicy> {
    if hours.is_some() {
        problems.at(
            &format!("{key}.hours"),
            "hours is only used with policy = \"fixed\"; by_size takes [[season.generate.dwell.size]] classes",
            Some("remove hours, or set policy = \"fixed\"".into()),
        );
        return None;
    }
    let Some(size) = size else {
        return Some(DwellPolicy::BySize(d::DWELL_BY_SIZE.to_vec()));
    };
    let mut ok = true;
    if size.first().map(|c| c.min_population) != Some(0) {
        problems.at(
            &format!("{key}.size"),
            "the first size class must start at min_population = 0, so that every settlement has a dwell",
            None,
        );
        ok = false;
    }
    for (i, pair) in size.windows(2).enumerate() {
        if pair[1].min_population <= pair[0].min_population {
            problems.at(
                &format!("{key}.size[{}].min_population", i + 2),
                "size classes must be in increasing min_population order",
                None,
            );
            ok = false;
        }
    }
    for (i, class) in size.iter().enumerate() {
        if !(class.hours.is_finite() && class.hours > 0.0) {
            problems.at(
                &format!("{key}.size[{}].hours", i + 1),
                format!("must be a positive number of hours, got {}", class.hours),
                None,
            );
            ok = false;
        } else if class.hours > f64::from(HOURS_PER_DAY) {
            problems.at(
                &format!("{key}.size[{}].hours", i + 1),
                longer_than_a_day(class.hours),
                None,
            );
            ok = false;
        }
    }
    ok.then(|| DwellPolicy::BySize(size.iter().map(|c| (c.min_population, c.hours)).collect()))
}

/// The settlements to visit: the selection, plus `include`, minus `exclude`.
fn selection(
    raw: &RawGenerate,
    table: &SettlementTable,
    has_extra_visits: bool,
    problems: &mut Problems<'_>,
) -> Option<Vec<usize>> {
    let include = names(raw.include.as_deref(), "include", table, problems);
    let exclude = names(raw.exclude.as_deref(), "exclude", table, problems);
    let (include, exclude) = (include?, exclude?);
    if let Some(&both) = include.iter().find(|i| exclude.contains(i)) {
        problems.at(
            "season.generate.exclude",
            format!("\"{}\" is both included and excluded", table.get(both).name),
            None,
        );
        return None;
    }
    let base = raw.settlements.unwrap_or(SettlementSelection::WithoutOffice);
    let chosen: Vec<usize> = (0..table.settlements().len())
        .filter(|&i| {
            let s = table.get(i);
            let selected = match base {
                SettlementSelection::WithoutOffice => !s.government_window.is_permanent_office(),
                SettlementSelection::All => true,
                SettlementSelection::None => false,
            };
            (selected || include.contains(&i)) && !exclude.contains(&i)
        })
        .collect();
    if chosen.is_empty() && !has_extra_visits {
        problems.at(
            "season.generate.settlements",
            "no settlement is selected",
            Some("choose settlements = \"without_office\" or \"all\", or list them in include".into()),
        );
        return None;
    }
    Some(chosen)
}

fn names(
    list: Option<&[String]>,
    field: &str,
    table: &SettlementTable,
    problems: &mut Problems<'_>,
) -> Option<Vec<usize>> {
    let mut ok = true;
    let mut out = Vec::new();
    for (i, name) in list.unwrap_or_default().iter().enumerate() {
        match settlement_index(table, name, &format!("season.generate.{field}[{}]", i + 1), problems) {
            Some(index) => out.push(index),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

fn settlement_index(table: &SettlementTable, name: &str, key: &str, problems: &mut Problems<'_>) -> Option<usize> {
    let found = table.index_of(name);
    if found.is_none() {
        let help = suggest::did_you_mean(&table.suggest(name))
            .unwrap_or_else(|| format!("names are spelled as in {}, with accents", table.origin));
        problems.at(key, format!("unknown settlement \"{name}\""), Some(help));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_size_picks_the_largest_class_reached() {
        let p = DwellPolicy::BySize(d::DWELL_BY_SIZE.to_vec());
        assert_eq!(p.hours_for("", 0), 2.0);
        assert_eq!(p.hours_for("", 999), 2.0);
        assert_eq!(p.hours_for("", 1_000), 3.0);
        assert_eq!(p.hours_for("", 4_999), 4.0);
        assert_eq!(p.hours_for("", 110_687), 5.0);
        assert_eq!(DwellPolicy::Fixed(3.0).hours_for("", 50), 3.0);
    }
}

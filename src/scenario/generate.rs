//! `[season.generate]`: the rules of a generated itinerary, checked and resolved.

use std::collections::HashSet;

use jiff::civil::{Date, Weekday};

use super::calendar::ClockTime;
use super::defaults::generate as d;
use super::diagnostic::Problems;
use super::raw::{DwellPolicyKind, RawDwellPolicy, RawGenerate, SettlementSelection, WeekdayName};
use super::resolved::Venue;
use crate::demand::{SettlementTable, suggest};

/// How long the generated stops last.
#[derive(Debug, Clone, PartialEq)]
pub enum DwellPolicy {
    /// By settlement population: `(minimum population, hours)`, increasing, the first at 0.
    BySize(Vec<(u32, f64)>),
    /// The same dwell everywhere, hours.
    Fixed(f64),
}

impl DwellPolicy {
    /// Dwell of a settlement of `population` residents, hours.
    pub fn hours_for(&self, population: u32) -> f64 {
        match self {
            DwellPolicy::Fixed(hours) => *hours,
            DwellPolicy::BySize(classes) => classes
                .iter()
                .rev()
                .find(|(min, _)| population >= *min)
                .map_or(0.0, |(_, hours)| *hours),
        }
    }
}

/// `[season.generate]`, resolved: what the itinerary generator needs.
#[derive(Debug, Clone, PartialEq)]
pub struct GenerateRules {
    /// First and last day of the season (inclusive).
    pub from: Date,
    pub to: Date,
    /// Working weekdays.
    pub weekdays: Vec<Weekday>,
    /// Days without service.
    pub holidays: Vec<Date>,
    /// Daily working window, minutes after midnight: first opening, last closing.
    pub day_start_min: u32,
    pub day_end_min: u32,
    /// Index of the depot settlement in the table.
    pub depot: usize,
    /// Road km ÷ straight-line km.
    pub road_factor: f64,
    /// Average road speed, km/h.
    pub speed_kmh: f64,
    /// Indices of the settlements to visit, in table order.
    pub settlements: Vec<usize>,
    pub visits_per_settlement: u32,
    pub min_days_between_visits: u32,
    pub max_stops_per_day: u32,
    /// Venue of every generated stop.
    pub venue: Venue,
    pub dwell: DwellPolicy,
}

/// Checks `[season.generate]` against the settlement table (`None`: the table is invalid and
/// names are not checked); every problem is reported.
pub fn resolve_generate(
    raw: &RawGenerate,
    table: Option<&SettlementTable>,
    problems: &mut Problems<'_>,
) -> Option<GenerateRules> {
    let key = |k: &str| format!("season.generate.{k}");
    let mut ok = true;
    if raw.from.0 > raw.to.0 {
        problems.at(
            &key("to"),
            format!("the season ends ({}) before it starts ({})", raw.to.0, raw.from.0),
            None,
        );
        ok = false;
    }
    let weekdays = weekdays(raw.weekdays.as_deref(), problems);
    let (day_start, day_end) = (
        raw.day_start.unwrap_or(ClockTime(d::DAY_START_MIN)),
        raw.day_end.unwrap_or(ClockTime(d::DAY_END_MIN)),
    );
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
    ];
    for (name, value) in counts {
        if value == Some(0) {
            problems.at(&key(name), "must be at least 1", None);
            ok = false;
        }
    }
    let window_hours = f64::from(day_end.0.saturating_sub(day_start.0)) / 60.0;
    let dwell = dwell_policy(raw.dwell.as_ref(), window_hours, problems);
    let (depot, settlements) = match table {
        Some(table) => {
            let depot = settlement_index(table, raw.depot.as_deref().unwrap_or(d::DEPOT), &key("depot"), problems);
            (depot, selection(raw, table, problems))
        }
        None => (None, None),
    };
    if !ok {
        return None;
    }
    Some(GenerateRules {
        from: raw.from.0,
        to: raw.to.0,
        weekdays: weekdays?,
        holidays: raw.holidays.iter().flatten().map(|h| h.0).collect(),
        day_start_min: day_start.0,
        day_end_min: day_end.0,
        depot: depot?,
        road_factor,
        speed_kmh,
        settlements: settlements?,
        visits_per_settlement: raw.visits_per_settlement.unwrap_or(d::VISITS_PER_SETTLEMENT),
        min_days_between_visits: raw.min_days_between_visits.unwrap_or(d::MIN_DAYS_BETWEEN_VISITS),
        max_stops_per_day: raw.max_stops_per_day.unwrap_or(d::MAX_STOPS_PER_DAY),
        venue: raw.venue.unwrap_or(Venue::Municipality),
        dwell: dwell?,
    })
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
                    "the demand-driven dwell policy (shortest dwell that meets the service targets) is not \
                     available yet: it comes with the staffing search",
                    Some("use policy = \"by_size\" or \"fixed\" for now".into()),
                );
                return None;
            }
            DwellPolicyKind::Fixed => fixed_dwell(raw, problems)?,
            DwellPolicyKind::BySize => by_size_dwell(raw, problems)?,
        },
    };
    let longest = match &policy {
        DwellPolicy::Fixed(h) => *h,
        DwellPolicy::BySize(classes) => classes.iter().map(|c| c.1).fold(0.0, f64::max),
    };
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

fn fixed_dwell(raw: &RawDwellPolicy, problems: &mut Problems<'_>) -> Option<DwellPolicy> {
    let key = "season.generate.dwell";
    if raw.size.is_some() {
        problems.at(
            &format!("{key}.size"),
            "size classes are only used with policy = \"by_size\"",
            Some("remove them or set policy = \"by_size\"".into()),
        );
        return None;
    }
    match raw.hours {
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
            problems.at(
                key,
                "policy = \"fixed\" needs hours",
                Some("add hours = 3".into()),
            );
            None
        }
    }
}

fn by_size_dwell(raw: &RawDwellPolicy, problems: &mut Problems<'_>) -> Option<DwellPolicy> {
    let key = "season.generate.dwell";
    if raw.hours.is_some() {
        problems.at(
            &format!("{key}.hours"),
            "hours is only used with policy = \"fixed\"; by_size takes [[season.generate.dwell.size]] classes",
            Some("remove hours, or set policy = \"fixed\"".into()),
        );
        return None;
    }
    let Some(size) = &raw.size else {
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
        }
    }
    ok.then(|| DwellPolicy::BySize(size.iter().map(|c| (c.min_population, c.hours)).collect()))
}

/// The settlements to visit: the selection, plus `include`, minus `exclude`.
fn selection(raw: &RawGenerate, table: &SettlementTable, problems: &mut Problems<'_>) -> Option<Vec<usize>> {
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
    if chosen.is_empty() {
        problems.at(
            "season.generate.settlements",
            "no settlement is selected",
            Some("choose settlements = \"without_office\" or \"all\", or list them in include".into()),
        );
        return None;
    }
    Some(chosen)
}

fn names(list: Option<&[String]>, field: &str, table: &SettlementTable, problems: &mut Problems<'_>) -> Option<Vec<usize>> {
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
        assert_eq!(p.hours_for(0), 2.0);
        assert_eq!(p.hours_for(999), 2.0);
        assert_eq!(p.hours_for(1_000), 3.0);
        assert_eq!(p.hours_for(4_999), 4.0);
        assert_eq!(p.hours_for(110_687), 5.0);
        assert_eq!(DwellPolicy::Fixed(3.0).hours_for(50), 3.0);
    }
}

//! The `check` view of a season: resolved stops with their expected demand, and season totals.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::scenario::{Season, SeasonStop};
use crate::sim::Closing;

/// Renders the resolved season as plain text: one line per stop (date, weekday, start, end,
/// settlement, district, venue, dwell, clerks, expected clients and where they come from), then
/// season totals, totals by district and by venue, and for a generated season the itinerary's
/// totals and the visits that did not fit, with the reason. Pure: no I/O.
pub fn render_check(season: &Season) -> String {
    let mut out = String::new();
    header(season, &mut out);
    stop_table(season, &mut out);
    totals(season, &mut out);
    out
}

fn header(season: &Season, out: &mut String) {
    let _ = writeln!(out, "Scenario: {}", season.name);
    if let Some(description) = &season.description {
        let _ = writeln!(out, "  {}", description.trim());
    }
    let sim = &season.simulation;
    let threads = sim.threads.map_or("all cores".to_string(), |t| format!("{t} threads"));
    let _ = writeln!(
        out,
        "Simulation: {} replications, seed {}, {threads}",
        sim.replications, sim.seed
    );
    if let Some(first) = season.stops.first() {
        let spec = &first.spec;
        let closing = match spec.closing {
            Closing::ServeAll => "serve everyone waiting (overtime)".to_string(),
            Closing::TurnAway => "turn away those still waiting".to_string(),
            Closing::LastEntry { minutes } => format!("no entry in the last {minutes} min"),
        };
        let _ = writeln!(
            out,
            "Bus: {} desks; at closing: {closing}; wait target {} min; mean errands per client {}",
            spec.desks, spec.wait_target_min, spec.errands_per_client
        );
    }
    out.push('\n');
}

/// Widest settlement column of the stop table, characters; longer labels are cut with "…".
const PLACE_WIDTH_MAX: usize = 40;

fn place(stop: &SeasonStop) -> String {
    let full = match &stop.label {
        Some(label) if *label != stop.settlement && !stop.district.is_empty() => {
            format!("{} ({label})", stop.settlement)
        }
        _ => stop.settlement.clone(),
    };
    if full.chars().count() > PLACE_WIDTH_MAX {
        let cut: String = full.chars().take(PLACE_WIDTH_MAX - 1).collect();
        format!("{cut}…")
    } else {
        full
    }
}

fn clock(minutes: f64) -> String {
    let m = minutes.round() as u32;
    format!("{:02}:{:02}", m / 60, m % 60)
}

fn stop_table(season: &Season, out: &mut String) {
    let width = |f: &dyn Fn(&SeasonStop) -> String, title: &str| {
        season
            .stops
            .iter()
            .map(|s| f(s).chars().count())
            .chain([title.chars().count()])
            .max()
            .unwrap_or(0)
    };
    let (wp, wd) = (width(&place, "settlement"), width(&|s| s.district.clone(), "district"));
    let _ = writeln!(
        out,
        "{:>4}  {:<10}  {:<3}  {:<5}  {:<5}  {:<wp$}  {:<wd$}  {:<18}  {:>7}  {:>6}  {:>8}  demand from",
        "#", "date", "day", "start", "end", "settlement", "district", "venue", "dwell h", "clerks", "expected"
    );
    for stop in &season.stops {
        let start = f64::from(stop.start_min);
        let _ = writeln!(
            out,
            "{:>4}  {:<10}  {:<3}  {:<5}  {:<5}  {:<wp$}  {:<wd$}  {:<18}  {:>7.1}  {:>6}  {:>8.1}  {}",
            stop.index + 1,
            stop.date.to_string(),
            weekday(stop),
            clock(start),
            clock(start + stop.spec.dwell_min),
            place(stop),
            stop.district,
            stop.venue.as_str(),
            stop.dwell_hours(),
            stop.spec.clerks,
            stop.expected_clients,
            origin(stop),
        );
    }
}

fn weekday(stop: &SeasonStop) -> &'static str {
    use jiff::civil::Weekday as W;
    match stop.date.weekday() {
        W::Monday => "Mon",
        W::Tuesday => "Tue",
        W::Wednesday => "Wed",
        W::Thursday => "Thu",
        W::Friday => "Fri",
        W::Saturday => "Sat",
        W::Sunday => "Sun",
    }
}

fn origin(stop: &SeasonStop) -> String {
    use crate::scenario::DemandOrigin as D;
    match stop.demand_origin {
        D::Model { population, office_km } => format!("model: {population} residents, {office_km:.1} km to an office"),
        D::GivenClients => "given: expected_clients".to_string(),
        D::GivenRate { per_hour } => format!("given: {per_hour} clients/h"),
    }
}

/// Expected information-only errands per errand of the stop's case mix.
fn information_share(stop: &SeasonStop) -> f64 {
    let total: f64 = stop.spec.case_mix.iter().map(|e| e.weight).sum();
    let info: f64 = stop
        .spec
        .case_mix
        .iter()
        .filter(|e| e.information_only)
        .map(|e| e.weight)
        .sum();
    if total > 0.0 { info / total } else { 0.0 }
}

/// Totals over a set of stops.
#[derive(Default)]
struct Totals {
    stops: usize,
    bus_hours: f64,
    clerk_hours: f64,
    clients: f64,
    uses: f64,
    information_uses: f64,
}

impl Totals {
    fn add(&mut self, stop: &SeasonStop) {
        let uses = stop.expected_clients * stop.spec.errands_per_client;
        self.stops += 1;
        self.bus_hours += stop.dwell_hours();
        self.clerk_hours += stop.dwell_hours() * f64::from(stop.spec.clerks);
        self.clients += stop.expected_clients;
        self.uses += uses;
        self.information_uses += uses * information_share(stop);
    }
}

fn totals(season: &Season, out: &mut String) {
    let mut all = Totals::default();
    let mut by_district: BTreeMap<String, Totals> = BTreeMap::new();
    let mut by_venue: BTreeMap<&str, Totals> = BTreeMap::new();
    let mut days = std::collections::BTreeSet::new();
    for stop in &season.stops {
        all.add(stop);
        let district = if stop.district.is_empty() {
            "(no settlement)"
        } else {
            &stop.district
        };
        by_district.entry(district.to_string()).or_default().add(stop);
        by_venue.entry(stop.venue.as_str()).or_default().add(stop);
        days.insert(stop.date);
    }
    let span = match (days.first(), days.last()) {
        (Some(a), Some(b)) => format!("{a} – {b}"),
        _ => "no dates".to_string(),
    };
    let _ = writeln!(out, "\nSeason: {} stops on {} days, {span}", all.stops, days.len());
    let _ = writeln!(
        out,
        "  opening hours {:.1} bus-hours, {:.1} clerk-hours (without overtime)",
        all.bus_hours, all.clerk_hours
    );
    let _ = writeln!(
        out,
        "  expected clients {:.1} ({:.1} per stop), expected uses {:.1}, of which information only {:.1}",
        all.clients,
        all.clients / all.stops.max(1) as f64,
        all.uses,
        all.information_uses
    );
    group_table("district", &by_district, out);
    group_table("venue", &by_venue, out);
    if let Some(itinerary) = &season.itinerary {
        itinerary_summary(itinerary, out);
    }
}

fn itinerary_summary(itinerary: &crate::plan::Itinerary, out: &mut String) {
    let s = itinerary.summary();
    let _ = writeln!(
        out,
        "\nGenerated itinerary: {} bus-days, {:.0} road km, {:.1} h driving, {:.1} h open",
        s.bus_days, s.total_km, s.travel_hours, s.dwell_hours
    );
    if itinerary.unplaced.is_empty() {
        let _ = writeln!(out, "  every wanted visit fits");
        return;
    }
    let _ = writeln!(out, "  {} wanted visits did not fit:", itinerary.unplaced.len());
    for u in &itinerary.unplaced {
        let _ = writeln!(
            out,
            "  - {} ({}), visit {} of {}: {}",
            u.visit.place.name,
            u.visit.venue.as_str(),
            u.occurrence,
            u.visit.visits_wanted,
            u.reason
        );
    }
}

fn group_table<K: AsRef<str>>(title: &str, groups: &BTreeMap<K, Totals>, out: &mut String) {
    let w = groups
        .keys()
        .map(|k| k.as_ref().chars().count())
        .chain([title.len()])
        .max()
        .unwrap_or(0);
    let _ = writeln!(
        out,
        "\n  {title:<w$}  {:>5}  {:>9}  {:>11}  {:>16}",
        "stops", "bus-hours", "clerk-hours", "expected clients"
    );
    for (k, t) in groups {
        let _ = writeln!(
            out,
            "  {:<w$}  {:>5}  {:>9.1}  {:>11.1}  {:>16.1}",
            k.as_ref(),
            t.stops,
            t.bus_hours,
            t.clerk_hours,
            t.clients
        );
    }
}

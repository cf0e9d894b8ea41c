//! The `check` view of a season: resolved stops with their expected demand, and season totals.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::lang::{FillError, Label, Lang};
use super::venue_name;
use crate::plan::UnplacedReason;
use crate::scenario::{Season, SeasonStop};
use crate::sim::Closing;

/// Renders the resolved season as plain text in `lang`: one line per stop (date, weekday, start,
/// end, settlement, district, venue, dwell, clerks, expected clients and where they come from), then
/// season totals, totals by district and by venue, and for a generated season the itinerary's
/// totals and the visits that did not fit, with the reason. Pure: no I/O.
pub fn render_check(season: &Season, lang: Lang) -> Result<String, FillError> {
    let mut out = String::new();
    header(lang, season, &mut out)?;
    stop_table(lang, season, &mut out)?;
    totals(lang, season, &mut out)?;
    Ok(out)
}

fn header(lang: Lang, season: &Season, out: &mut String) -> Result<(), FillError> {
    let _ = writeln!(out, "{}", Label::CheckScenario.fill(lang, &[("name", &season.name)])?);
    if let Some(description) = &season.description {
        let _ = writeln!(out, "  {}", description.trim());
    }
    let sim = &season.simulation;
    let threads = match sim.threads {
        None => lang.text(Label::CheckAllCores).to_string(),
        Some(t) => Label::CheckThreads.fill(lang, &[("threads", &t.to_string())])?,
    };
    let simulation = Label::CheckSimulation.fill(
        lang,
        &[
            ("replications", &sim.replications.to_string()),
            ("seed", &sim.seed.to_string()),
            ("threads", &threads),
        ],
    )?;
    let _ = writeln!(out, "{simulation}");
    if let Some(first) = season.stops.first() {
        let spec = &first.spec;
        let closing = match spec.closing {
            Closing::ServeAll => lang.text(Label::CheckClosingServeAll).to_string(),
            Closing::TurnAway => lang.text(Label::CheckClosingTurnAway).to_string(),
            Closing::LastEntry { minutes } => {
                Label::CheckClosingLastEntry.fill(lang, &[("minutes", &lang.shortest_number(minutes))])?
            }
        };
        let bus = Label::CheckBus.fill(
            lang,
            &[
                ("desks", &spec.desks.to_string()),
                ("closing", &closing),
                ("wait", &lang.shortest_number(spec.wait_target_min)),
                ("errands", &lang.shortest_number(spec.errands_per_client)),
            ],
        )?;
        let _ = writeln!(out, "{bus}");
    }
    out.push('\n');
    Ok(())
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

/// Narrowest widths of the stop table's fixed columns (date, day, start, end, venue, dwell,
/// clerks, expected), characters: the English layout; a longer title widens its column.
const STOP_COLUMN_WIDTHS: [usize; 8] = [10, 3, 5, 5, 18, 7, 6, 8];

fn stop_table(lang: Lang, season: &Season, out: &mut String) -> Result<(), FillError> {
    let width = |f: &dyn Fn(&SeasonStop) -> String, title: &str| {
        season
            .stops
            .iter()
            .map(|s| f(s).chars().count())
            .chain([title.chars().count()])
            .max()
            .unwrap_or(0)
    };
    let title = |label: Label| lang.text(label);
    let (wp, wd) = (
        width(&place, title(Label::CheckColSettlement)),
        width(&|s| s.district.clone(), title(Label::CheckColDistrict)),
    );
    let fixed = [
        Label::CheckColDate,
        Label::CheckColDay,
        Label::CheckColStart,
        Label::CheckColEnd,
        Label::CheckColVenue,
        Label::CheckColDwell,
        Label::CheckColClerks,
        Label::CheckColExpected,
    ];
    let [w_date, w_day, w_start, w_end, w_venue, w_dwell, w_clerks, w_expected] =
        std::array::from_fn(|i| STOP_COLUMN_WIDTHS[i].max(title(fixed[i]).chars().count()));
    let _ = writeln!(
        out,
        "{:>4}  {:<w_date$}  {:<w_day$}  {:<w_start$}  {:<w_end$}  {:<wp$}  {:<wd$}  {:<w_venue$}  {:>w_dwell$}  \
         {:>w_clerks$}  {:>w_expected$}  {}",
        "#",
        title(Label::CheckColDate),
        title(Label::CheckColDay),
        title(Label::CheckColStart),
        title(Label::CheckColEnd),
        title(Label::CheckColSettlement),
        title(Label::CheckColDistrict),
        title(Label::CheckColVenue),
        title(Label::CheckColDwell),
        title(Label::CheckColClerks),
        title(Label::CheckColExpected),
        title(Label::CheckColOrigin),
    );
    for stop in &season.stops {
        let start = f64::from(stop.start_min);
        let _ = writeln!(
            out,
            "{:>4}  {:<w_date$}  {:<w_day$}  {:<w_start$}  {:<w_end$}  {:<wp$}  {:<wd$}  {:<w_venue$}  {:>w_dwell$}  \
             {:>w_clerks$}  {:>w_expected$}  {}",
            stop.index + 1,
            stop.date.to_string(),
            lang.weekday_abbreviation(stop.date.weekday()),
            clock(start),
            clock(start + stop.spec.dwell_min),
            place(stop),
            stop.district,
            venue_name(lang, stop.venue),
            lang.plain_number(stop.dwell_hours(), 1),
            stop.spec.clerks,
            lang.plain_number(stop.expected_clients, 1),
            origin(lang, stop)?,
        );
    }
    Ok(())
}

fn origin(lang: Lang, stop: &SeasonStop) -> Result<String, FillError> {
    use crate::scenario::DemandOrigin as D;
    match stop.demand_origin {
        D::Model { population, office_km } => Label::CheckOriginModel.fill(
            lang,
            &[
                ("population", &population.to_string()),
                ("km", &lang.plain_number(office_km, 1)),
            ],
        ),
        D::GivenClients => Ok(lang.text(Label::CheckOriginClients).to_string()),
        D::GivenRate { per_hour } => {
            Label::CheckOriginRate.fill(lang, &[("per_hour", &lang.shortest_number(per_hour))])
        }
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

fn totals(lang: Lang, season: &Season, out: &mut String) -> Result<(), FillError> {
    let mut all = Totals::default();
    let mut by_district: BTreeMap<String, Totals> = BTreeMap::new();
    let mut by_venue: BTreeMap<String, Totals> = BTreeMap::new();
    let mut days = std::collections::BTreeSet::new();
    for stop in &season.stops {
        all.add(stop);
        let district = if stop.district.is_empty() {
            lang.text(Label::CheckNoSettlement)
        } else {
            &stop.district
        };
        by_district.entry(district.to_string()).or_default().add(stop);
        by_venue.entry(venue_name(lang, stop.venue)).or_default().add(stop);
        days.insert(stop.date);
    }
    let span = match (days.first(), days.last()) {
        (Some(a), Some(b)) => format!("{a} – {b}"),
        _ => lang.text(Label::CheckNoDates).to_string(),
    };
    let n = |x: f64| lang.plain_number(x, 1);
    let lines = [
        Label::CheckSeason.fill(
            lang,
            &[
                ("stops", &all.stops.to_string()),
                ("days", &days.len().to_string()),
                ("span", &span),
            ],
        )?,
        Label::CheckOpeningHours.fill(
            lang,
            &[("bus_hours", &n(all.bus_hours)), ("clerk_hours", &n(all.clerk_hours))],
        )?,
        Label::CheckExpected.fill(
            lang,
            &[
                ("clients", &n(all.clients)),
                ("per_stop", &n(all.clients / all.stops.max(1) as f64)),
                ("uses", &n(all.uses)),
                ("information", &n(all.information_uses)),
            ],
        )?,
    ];
    let _ = writeln!(out, "\n{}\n  {}\n  {}", lines[0], lines[1], lines[2]);
    group_table(lang, lang.text(Label::CheckColDistrict), &by_district, out);
    group_table(lang, lang.text(Label::CheckColVenue), &by_venue, out);
    if let Some(itinerary) = &season.itinerary {
        itinerary_summary(lang, itinerary, out)?;
    }
    Ok(())
}

fn itinerary_summary(lang: Lang, itinerary: &crate::plan::Itinerary, out: &mut String) -> Result<(), FillError> {
    let s = itinerary.summary();
    let line = Label::CheckItinerary.fill(
        lang,
        &[
            ("bus_days", &s.bus_days.to_string()),
            ("km", &lang.plain_number(s.total_km, 0)),
            ("driving", &lang.plain_number(s.travel_hours, 1)),
            ("open", &lang.plain_number(s.dwell_hours, 1)),
        ],
    )?;
    let _ = writeln!(out, "\n{line}");
    if itinerary.unplaced.is_empty() {
        let _ = writeln!(out, "  {}", lang.text(Label::CheckEveryVisitFits));
        return Ok(());
    }
    let count = itinerary.unplaced.len().to_string();
    let _ = writeln!(
        out,
        "  {}",
        Label::CheckVisitsNotFitting.fill(lang, &[("count", &count)])?
    );
    for u in &itinerary.unplaced {
        let line = Label::CheckUnplacedVisit.fill(
            lang,
            &[
                ("place", &u.visit.place.name),
                ("venue", &venue_name(lang, u.visit.venue)),
                ("occurrence", &u.occurrence.to_string()),
                ("wanted", &u.visit.visits_wanted.to_string()),
                ("reason", &unplaced_reason(lang, &u.reason)?),
            ],
        )?;
        let _ = writeln!(out, "  - {line}");
    }
    Ok(())
}

/// Why a wanted visit did not fit, in `lang`.
pub(super) fn unplaced_reason(lang: Lang, reason: &UnplacedReason) -> Result<String, FillError> {
    match reason {
        UnplacedReason::LongerThanWindow { needed_min, window_min } => Label::UnplacedLongerThanWindow.fill(
            lang,
            &[
                ("needed_min", &needed_min.to_string()),
                ("window_min", &window_min.to_string()),
            ],
        ),
        UnplacedReason::GapBeyondSeason { previous, earliest } => Label::UnplacedGapBeyondSeason.fill(
            lang,
            &[("previous", &previous.to_string()), ("earliest", &earliest.to_string())],
        ),
        UnplacedReason::GapBeyondRound {
            previous,
            earliest,
            round_end,
        } => Label::UnplacedGapBeyondRound.fill(
            lang,
            &[
                ("previous", &previous.to_string()),
                ("earliest", &earliest.to_string()),
                ("round_end", &round_end.to_string()),
            ],
        ),
        UnplacedReason::GapTooLong {
            previous,
            latest,
            round_start,
        } => Label::UnplacedGapTooLong.fill(
            lang,
            &[
                ("previous", &previous.to_string()),
                ("latest", &latest.to_string()),
                ("round_start", &round_start.to_string()),
            ],
        ),
        UnplacedReason::RoundFull { from, until } => {
            Label::UnplacedRoundFull.fill(lang, &[("from", &from.to_string()), ("until", &until.to_string())])
        }
    }
}

/// Narrowest widths of the group tables' columns (stops, bus-hours, clerk-hours, expected
/// clients), characters: the English layout; a longer title widens its column.
const GROUP_COLUMN_WIDTHS: [usize; 4] = [5, 9, 11, 16];

fn group_table<K: AsRef<str>>(lang: Lang, title: &str, groups: &BTreeMap<K, Totals>, out: &mut String) {
    let w = groups
        .keys()
        .map(|k| k.as_ref().chars().count())
        .chain([title.chars().count()])
        .max()
        .unwrap_or(0);
    let titles = [
        Label::CheckColStops,
        Label::CheckColBusHours,
        Label::CheckColClerkHours,
        Label::CheckColExpectedClients,
    ]
    .map(|l| lang.text(l));
    let [w1, w2, w3, w4] = std::array::from_fn(|i| GROUP_COLUMN_WIDTHS[i].max(titles[i].chars().count()));
    let _ = writeln!(
        out,
        "\n  {title:<w$}  {:>w1$}  {:>w2$}  {:>w3$}  {:>w4$}",
        titles[0], titles[1], titles[2], titles[3]
    );
    for (k, t) in groups {
        let _ = writeln!(
            out,
            "  {:<w$}  {:>w1$}  {:>w2$}  {:>w3$}  {:>w4$}",
            k.as_ref(),
            t.stops,
            lang.plain_number(t.bus_hours, 1),
            lang.plain_number(t.clerk_hours, 1),
            lang.plain_number(t.clients, 1)
        );
    }
}

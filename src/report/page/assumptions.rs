//! The assumptions behind the figures, read from the resolved scenario: the demand model, clients
//! and case mix, the bus and its closing policy, the staffing targets, the itinerary, the run.

use std::collections::BTreeMap;

use super::html::{Cell, escape, key_values, table};
use super::phrases::{self, fill};
use super::{ReportData, ReportError};
use crate::demand::ArrivalShape;
use crate::report::lang::{Label, Lang};
use crate::report::venue_label;
use crate::scenario::Venue;
use crate::sim::{Closing, Duration, Patience, StopSpec};

use crate::vocab::units::MINUTES_PER_HOUR as MIN_PER_HOUR;

/// The assumptions section's content, as HTML.
pub(super) fn assumptions(data: &ReportData, lang: Lang) -> Result<String, ReportError> {
    let mut out = String::new();
    out.push_str(&demand(data, lang)?);
    if let Some(first) = data.season.stops.first() {
        out.push_str(&clients(&first.spec, lang)?);
        out.push_str(&case_mix(&first.spec, lang));
        out.push_str(&bus(data, &first.spec, lang)?);
    }
    out.push_str(&itinerary(data, lang));
    out.push_str(&simulation(data, lang));
    Ok(out)
}

fn pair(lang: Lang, label: Label, value: String) -> (String, String) {
    (lang.text(label).to_string(), value)
}

fn demand(data: &ReportData, lang: Lang) -> Result<String, ReportError> {
    let rules = &data.season.demand;
    let m = &rules.model;
    let venues: Vec<String> = Venue::ALL
        .iter()
        .map(|&v| format!("{} {}", venue_name(lang, v), lang.number(m.venue.of(v), 2)))
        .collect();
    let months = if m.month.iter().all(|&f| f == 1.0) {
        lang.text(Label::ValueAllOne).to_string()
    } else {
        (1..=12i8)
            .map(|month| {
                format!(
                    "{} {}",
                    lang.month_abbreviation(month),
                    lang.number(m.month_factor(month), 2)
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let counts = match rules.dispersion_shape {
        None => lang.text(Label::ValuePoisson).to_string(),
        Some(k) => fill(lang, Label::ValueNegativeBinomial, &[("k", &lang.number(k, 1))])?,
    };
    let pairs = vec![
        pair(lang, Label::ParamBaseRate, lang.number(m.base_rate, 2)),
        pair(lang, Label::ParamElasticity, lang.number(m.population_elasticity, 2)),
        pair(lang, Label::ParamDistance, lang.number(m.distance_coef_per_km, 3)),
        pair(
            lang,
            Label::ParamReferenceDwell,
            phrases::hours(lang, m.reference_dwell_hours),
        ),
        pair(lang, Label::ParamDwellExponent, lang.number(m.dwell_exponent, 2)),
        pair(lang, Label::ParamVenue, venues.join(", ")),
        pair(lang, Label::ParamMonth, months),
        pair(lang, Label::ParamCounts, counts),
        pair(lang, Label::ParamArrivalShape, arrival_shape(lang, &rules.shape)?),
    ];
    Ok(format!(
        "<p>{}</p>\n{}",
        escape(lang.text(Label::AssumeFormula)),
        key_values(lang.text(Label::AssumeDemand), &pairs)
    ))
}

fn venue_name(lang: Lang, venue: Venue) -> &'static str {
    lang.text(venue_label(venue))
}

fn arrival_shape(lang: Lang, shape: &ArrivalShape) -> Result<String, ReportError> {
    match shape {
        ArrivalShape::Flat => Ok(lang.text(Label::ValueFlat).to_string()),
        ArrivalShape::FrontLoaded { first_hour_weight } => fill(
            lang,
            Label::ValueFrontLoaded,
            &[("weight", &lang.number(*first_hour_weight, 1))],
        ),
        ArrivalShape::Piecewise { pieces } => {
            let pieces: Vec<String> = pieces
                .iter()
                .map(|(hour, weight)| format!("{}: {}", lang.number(*hour, 1), lang.number(*weight, 2)))
                .collect();
            fill(lang, Label::ValuePiecewise, &[("pieces", &pieces.join("; "))])
        }
    }
}

fn distribution_name(lang: Lang, d: &Duration) -> &'static str {
    lang.text(match d {
        Duration::Deterministic { .. } => Label::DistFixed,
        Duration::Exponential { .. } => Label::DistExponential,
        Duration::LogNormal { .. } => Label::DistLogNormal,
        Duration::Gamma { .. } => Label::DistGamma,
    })
}

/// "lognormal, mean 12 min, CV 0.5".
fn duration(lang: Lang, d: &Duration) -> Result<String, ReportError> {
    let name = distribution_name(lang, d);
    let mean = lang.number(d.mean_min(), 1);
    match d {
        Duration::LogNormal { cv, .. } | Duration::Gamma { cv, .. } => fill(
            lang,
            Label::ValueDurationCv,
            &[
                ("distribution", name),
                ("mean_min", &mean),
                ("cv", &lang.number(*cv, 2)),
            ],
        ),
        _ => fill(
            lang,
            Label::ValueDuration,
            &[("distribution", name), ("mean_min", &mean)],
        ),
    }
}

fn clients(spec: &StopSpec, lang: Lang) -> Result<String, ReportError> {
    let patience = match &spec.patience {
        Patience::Unlimited => lang.text(Label::ValueUnlimited).to_string(),
        Patience::Limited(d) => duration(lang, d)?,
    };
    let balking = match spec.balking {
        None => lang.text(Label::ValueNoBalking).to_string(),
        Some(b) => fill(
            lang,
            Label::ValueBalking,
            &[
                ("threshold", &b.threshold.to_string()),
                ("share", &lang.percent(b.probability, 0)),
            ],
        )?,
    };
    let pairs = vec![
        pair(lang, Label::ParamErrands, lang.number(spec.errands_per_client, 2)),
        pair(lang, Label::ParamPatience, patience),
        pair(lang, Label::ParamBalking, balking),
    ];
    Ok(key_values(lang.text(Label::AssumeClients), &pairs))
}

/// The known case types of the scenarios by their TOML names; others are shown as written.
fn errand_name(lang: Lang, name: &str) -> String {
    let label = match name {
        "id_card" => Label::ErrandIdCard,
        "address_card" => Label::ErrandAddressCard,
        "student_card" => Label::ErrandStudentCard,
        "parking_card" => Label::ErrandParkingCard,
        "passport" => Label::ErrandPassport,
        "driving_licence" => Label::ErrandDrivingLicence,
        "social_health_insurance" => Label::ErrandSocialHealth,
        "information" => Label::ErrandInformation,
        _ => return name.to_string(),
    };
    lang.text(label).to_string()
}

fn case_mix(spec: &StopSpec, lang: Lang) -> String {
    let total: f64 = spec.case_mix.iter().map(|e| e.weight).sum();
    let body: Vec<Vec<Cell>> = spec
        .case_mix
        .iter()
        .map(|e| {
            let desk_time = duration(lang, &e.service).unwrap_or_default();
            let info = if e.information_only {
                Label::ValueYes
            } else {
                Label::ValueNo
            };
            vec![
                Cell::text(errand_name(lang, &e.name)),
                Cell::number(lang.percent(e.weight / total, 1)),
                Cell::text(desk_time),
                Cell::text(lang.text(info)),
            ]
        })
        .collect();
    let columns: Vec<String> = [
        Label::ColErrand,
        Label::ColErrandShare,
        Label::ColDeskTime,
        Label::ColInformationOnly,
    ]
    .iter()
    .map(|&l| lang.text(l).to_string())
    .collect();
    table(lang.text(Label::CaseMixHeading), &columns, &body)
}

fn closing(lang: Lang, closing: Closing) -> Result<String, ReportError> {
    match closing {
        Closing::ServeAll => Ok(lang.text(Label::ClosingServeAll).to_string()),
        Closing::TurnAway => Ok(lang.text(Label::ClosingTurnAway).to_string()),
        Closing::LastEntry { minutes } => fill(lang, Label::ClosingNoNewLast, &[("minutes", &lang.number(minutes, 0))]),
    }
}

fn bus(data: &ReportData, spec: &StopSpec, lang: Lang) -> Result<String, ReportError> {
    let mut dwell_counts: BTreeMap<u64, usize> = BTreeMap::new();
    for stop in &data.season.stops {
        *dwell_counts.entry(stop.spec.dwell_min.round() as u64).or_default() += 1;
    }
    let dwell = dwell_counts
        .iter()
        .map(|(&minutes, &n)| {
            let h = phrases::hours(lang, minutes as f64 / MIN_PER_HOUR);
            let h = fill(lang, Label::HoursOne, &[("hours", &h)])?;
            Ok(format!("{h}: {}", phrases::stops(lang, n)?))
        })
        .collect::<Result<Vec<_>, ReportError>>()?
        .join(" · ");
    let pairs = vec![
        pair(lang, Label::ParamDesks, spec.desks.to_string()),
        pair(lang, Label::ParamClerks, clerks_on_duty(data)),
        pair(lang, Label::ParamDwell, dwell),
        pair(lang, Label::ParamClosing, closing(lang, spec.closing)?),
        pair(lang, Label::ParamWaitTarget, lang.number(spec.wait_target_min, 0)),
        pair(lang, Label::ParamTargets, phrases::targets_phrase(lang, data.targets)?),
    ];
    Ok(key_values(lang.text(Label::AssumeBus), &pairs))
}

/// "2", or "1–3" when stops differ.
fn clerks_on_duty(data: &ReportData) -> String {
    let clerks = data.season.stops.iter().map(|s| s.spec.clerks);
    let (low, high) = (clerks.clone().min().unwrap_or(0), clerks.max().unwrap_or(0));
    if low == high {
        low.to_string()
    } else {
        format!("{low}–{high}")
    }
}

fn itinerary(data: &ReportData, lang: Lang) -> String {
    let Some(itinerary) = &data.season.itinerary else {
        return format!(
            "<h3>{}</h3>\n<p>{}</p>\n",
            escape(lang.text(Label::AssumeItinerary)),
            escape(lang.text(Label::ValueExplicitStops))
        );
    };
    let summary = itinerary.summary();
    let pairs = vec![
        pair(lang, Label::ParamDepot, itinerary.depot.name.clone()),
        pair(lang, Label::ParamBusDays, lang.number(summary.bus_days as f64, 0)),
        pair(lang, Label::ParamRoadKm, lang.number(summary.total_km, 0)),
        pair(lang, Label::ParamDriving, lang.number(summary.travel_hours, 1)),
        pair(
            lang,
            Label::ParamUnplaced,
            lang.number(summary.unplaced_visits as f64, 0),
        ),
    ];
    key_values(lang.text(Label::AssumeItinerary), &pairs)
}

fn simulation(data: &ReportData, lang: Lang) -> String {
    let meta = data.meta;
    let mut pairs = vec![pair(lang, Label::ParamScenario, meta.scenario.clone())];
    if let Some(description) = &data.season.description {
        pairs[0].1 = format!("{} — {}", meta.scenario, description.trim());
    }
    pairs.extend([
        pair(
            lang,
            Label::ParamReplications,
            lang.number(f64::from(meta.replications), 0),
        ),
        pair(lang, Label::ParamSeed, meta.seed.to_string()),
        pair(lang, Label::ParamVersion, meta.version.to_string()),
        pair(lang, Label::ParamDigest, meta.scenario_digest.clone()),
    ]);
    key_values(lang.text(Label::AssumeSimulation), &pairs)
}

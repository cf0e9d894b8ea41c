//! The terminal summary of a run: a short table a planner can read at a glance, in either language.

use super::lang::{FillError, Label, Lang};
use crate::experiment::{GroupMetric, SeasonResults, StopMetric};
use crate::stats::{Estimate, SeasonRange};
use crate::study::SeasonCosts;

/// How many of the busiest stops the terminal summary lists.
const BUSIEST_STOPS_SHOWN: usize = 5;
/// Narrowest stop column of the busiest-stops list, characters (wider when a stop's label needs it).
const STOP_LABEL_WIDTH_MIN: usize = 40;
/// Narrowest label column of the season table, characters (wider when a label needs it).
const LABEL_WIDTH_MIN: usize = 34;

fn pm(lang: Lang, e: Estimate, decimals: usize) -> String {
    if e.ci95.is_finite() {
        format!(
            "{} ± {}",
            lang.plain_number(e.mean, decimals),
            lang.plain_number(e.ci95, decimals)
        )
    } else {
        lang.plain_number(e.mean, decimals)
    }
}

/// Season totals and the busiest stops, with their precision and one season's range, in `lang`.
pub fn render_run_summary(
    lang: Lang,
    name: &str,
    stop_labels: &[String],
    results: &SeasonResults,
    costs: &SeasonCosts,
) -> Result<String, FillError> {
    let s = &results.season;
    let p = &s.pooled;
    let mut out = Label::RunHeading.fill(
        lang,
        &[
            ("name", name),
            ("stops", &stop_labels.len().to_string()),
            ("replications", &results.replications.to_string()),
        ],
    )?;
    out += "\n\n";
    let percent_sign = match lang {
        Lang::En => " %",
        Lang::Hu => "%",
    };
    let percent = |e: Estimate, r: Option<SeasonRange>| {
        (
            format!("{}{percent_sign}", pm(lang, scale(e, 100.0), 1)),
            r.map(|r| format!("{}{percent_sign}", range(lang, scale_range(r, 100.0), 1))),
        )
    };
    let figure = |metric: GroupMetric, decimals: usize| {
        (
            pm(lang, s.get(metric), 1),
            s.range(metric).map(|r| range(lang, r, decimals)),
        )
    };
    let rows = [
        (Label::RunClientsArriving, figure(GroupMetric::Arrivals, 0)),
        (Label::RunClientsServed, figure(GroupMetric::Served, 0)),
        (Label::RunUses, figure(GroupMetric::Uses, 0)),
        (Label::RunLost, figure(GroupMetric::Lost, 0)),
        (
            Label::RunMeanWait,
            (
                pm(lang, p.wait_mean_min, 1),
                s.pooled_range.wait_mean_min.map(|r| range(lang, r, 1)),
            ),
        ),
        (
            Label::RunWithinTarget,
            percent(p.share_within_target, s.pooled_range.share_within_target),
        ),
        (Label::RunClerkHours, figure(GroupMetric::ClerkHours, 0)),
        (Label::RunOvertime, figure(GroupMetric::Overtime, 0)),
    ];
    let width = rows
        .iter()
        .map(|(label, _)| lang.text(*label).chars().count())
        .max()
        .unwrap_or(0)
        .max(LABEL_WIDTH_MIN);
    let value_width = rows
        .iter()
        .map(|(_, (value, _))| value.chars().count())
        .chain([lang.text(Label::RunColExpected).chars().count()])
        .max()
        .unwrap_or(0);
    out += &format!(
        "  {:<width$} {:<value_width$}   {}\n",
        "",
        lang.text(Label::RunColExpected),
        lang.text(Label::RunColSeasonRange)
    );
    for (label, (value, season)) in rows {
        let season = season.unwrap_or_default();
        out += format!("  {:<width$} {value:<value_width$}   {season}", lang.text(label)).trim_end();
        out += "\n";
    }
    out += &format!(
        "\n  {}\n  {}\n",
        lang.text(Label::RunNotePrecision),
        lang.text(Label::RunNoteSeasonRange)
    );
    out += &format!("\n  {}\n", costs_line(lang, costs)?);
    out += &busiest_stops(lang, stop_labels, results)?;
    Ok(out)
}

/// "Costs with the scenario's clerks: 134 bus-days, 2,360 paid clerk-hours (…); 24,857 km driven;
/// cost …": the bill of the season as given.
pub(super) fn costs_line(lang: Lang, costs: &SeasonCosts) -> Result<String, FillError> {
    let label = match (costs.travel_included, costs.travel_estimated) {
        (true, false) => Label::RunCosts,
        (true, true) => Label::RunCostsEstimated,
        (false, _) => Label::RunCostsWithoutTravel,
    };
    let mut line = label.fill(
        lang,
        &[
            ("days", &costs.bus_days.to_string()),
            ("hours", &lang.number(costs.paid_clerk_hours, 0)),
        ],
    )?;
    if let Some(km) = costs.km {
        line += &format!("; {}", Label::CrewKm.fill(lang, &[("km", &lang.number(km, 0))])?);
    }
    if let Some(huf) = costs.cost_huf {
        line += &format!("; {}", Label::CrewCost.fill(lang, &[("huf", &lang.number(huf, 0))])?);
    }
    Ok(line)
}

fn busiest_stops(lang: Lang, stop_labels: &[String], results: &SeasonResults) -> Result<String, FillError> {
    let mut order: Vec<usize> = (0..results.stops.len()).collect();
    let lost = |i: usize| {
        let s = &results.stops[i];
        s.get(StopMetric::Reneged).mean + s.get(StopMetric::Balked).mean + s.get(StopMetric::TurnedAway).mean
    };
    order.sort_by(|&a, &b| lost(b).total_cmp(&lost(a)).then(a.cmp(&b)));
    let mut out = format!("\n  {}\n", lang.text(Label::RunLosingMost));
    let shown = &order[..order.len().min(BUSIEST_STOPS_SHOWN)];
    let width = shown
        .iter()
        .map(|&i| stop_labels[i].chars().count())
        .max()
        .unwrap_or(0)
        .max(STOP_LABEL_WIDTH_MIN);
    for &i in shown {
        let s = &results.stops[i];
        let line = Label::RunStopLine.fill(
            lang,
            &[
                (
                    "arrivals",
                    &format!("{:>6}", lang.plain_number(s.get(StopMetric::Arrivals).mean, 1)),
                ),
                ("lost", &format!("{:>5}", lang.plain_number(lost(i), 2))),
                (
                    "wait",
                    &format!("{:>5}", lang.plain_number(s.pooled.wait_mean_min.mean, 1)),
                ),
            ],
        )?;
        out += &format!("    {:<width$} {line}\n", stop_labels[i]);
    }
    Ok(out)
}

/// A season range as `low – high`.
fn range(lang: Lang, r: SeasonRange, decimals: usize) -> String {
    format!(
        "{} – {}",
        lang.plain_number(r.p05, decimals),
        lang.plain_number(r.p95, decimals)
    )
}

fn scale_range(r: SeasonRange, f: f64) -> SeasonRange {
    SeasonRange {
        p05: r.p05 * f,
        p95: r.p95 * f,
        ..r
    }
}

fn scale(e: Estimate, f: f64) -> Estimate {
    Estimate {
        mean: e.mean * f,
        ci95: e.ci95 * f,
        n: e.n,
    }
}

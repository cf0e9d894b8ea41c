//! The terminal summary of a run: a short table a planner can read at a glance, in either language.

use super::lang::{FillError, Label, Lang};
use crate::experiment::{SeasonResults, Summary};
use crate::stats::Estimate;

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

fn metric(s: &Summary, name: &str) -> Estimate {
    s.metric(name).unwrap_or(Estimate {
        mean: f64::NAN,
        ci95: f64::NAN,
        n: 0,
    })
}

/// Season totals and the busiest stops, with 95 % confidence half-widths, in `lang`.
pub fn render_run_summary(
    lang: Lang,
    name: &str,
    stop_labels: &[String],
    results: &SeasonResults,
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
    let rows = [
        (Label::RunClientsArriving, pm(lang, metric(s, "arrivals"), 1)),
        (Label::RunClientsServed, pm(lang, metric(s, "served"), 1)),
        (Label::RunUses, pm(lang, metric(s, "uses"), 1)),
        (Label::RunLost, pm(lang, metric(s, "lost"), 1)),
        (Label::RunMeanWait, pm(lang, p.wait_mean_min, 1)),
        (
            Label::RunWithinTarget,
            format!("{}{percent_sign}", pm(lang, scale(p.share_within_target, 100.0), 1)),
        ),
        (Label::RunClerkHours, pm(lang, metric(s, "clerk_hours"), 1)),
        (Label::RunOvertime, pm(lang, metric(s, "overtime_min"), 1)),
    ];
    let width = rows
        .iter()
        .map(|(label, _)| lang.text(*label).chars().count())
        .max()
        .unwrap_or(0)
        .max(LABEL_WIDTH_MIN);
    for (label, value) in rows {
        out += &format!("  {:<width$} {value}\n", lang.text(label));
    }
    out += &busiest_stops(lang, stop_labels, results)?;
    Ok(out)
}

fn busiest_stops(lang: Lang, stop_labels: &[String], results: &SeasonResults) -> Result<String, FillError> {
    let mut order: Vec<usize> = (0..results.stops.len()).collect();
    let lost = |i: usize| {
        let s = &results.stops[i];
        metric(s, "reneged").mean + metric(s, "balked").mean + metric(s, "turned_away").mean
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
                    &format!("{:>6}", lang.plain_number(metric(s, "arrivals").mean, 1)),
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

fn scale(e: Estimate, f: f64) -> Estimate {
    Estimate {
        mean: e.mean * f,
        ci95: e.ci95 * f,
        n: e.n,
    }
}

//! The terminal summary of a run: a short table a planner can read at a glance.

use crate::experiment::{GroupMetric, SeasonResults, StopMetric};
use crate::stats::Estimate;

/// How many of the busiest stops the terminal summary lists.
const BUSIEST_STOPS_SHOWN: usize = 5;

fn pm(e: Estimate, decimals: usize) -> String {
    if e.ci95.is_finite() {
        format!("{:.*} ± {:.*}", decimals, e.mean, decimals, e.ci95)
    } else {
        format!("{:.*}", decimals, e.mean)
    }
}

/// Season totals and the busiest stops, with 95 % confidence half-widths.
pub fn render_run_summary(name: &str, stop_labels: &[String], results: &SeasonResults) -> String {
    let s = &results.season;
    let p = &s.pooled;
    let mut out = format!(
        "Scenario {name}: {} stops, {} replications (figures: mean ± 95 % confidence half-width)\n\n",
        stop_labels.len(),
        results.replications
    );
    let rows = [
        ("Clients arriving", pm(s.get(GroupMetric::Arrivals), 1)),
        ("Clients served", pm(s.get(GroupMetric::Served), 1)),
        ("Uses (errands served)", pm(s.get(GroupMetric::Uses), 1)),
        ("Sent home / gave up", pm(s.get(GroupMetric::Lost), 1)),
        ("Mean wait, minutes", pm(p.wait_mean_min, 1)),
        (
            "Served within the wait target",
            format!("{} %", pm(scale(p.share_within_target, 100.0), 1)),
        ),
        ("Clerk-hours", pm(s.get(GroupMetric::ClerkHours), 1)),
        ("Overtime, minutes (season total)", pm(s.get(GroupMetric::Overtime), 1)),
    ];
    for (label, value) in rows {
        out += &format!("  {label:<34} {value}\n");
    }
    out += &busiest_stops(stop_labels, results);
    out
}

fn busiest_stops(stop_labels: &[String], results: &SeasonResults) -> String {
    let mut order: Vec<usize> = (0..results.stops.len()).collect();
    let lost = |i: usize| {
        let s = &results.stops[i];
        s.get(StopMetric::Reneged).mean + s.get(StopMetric::Balked).mean + s.get(StopMetric::TurnedAway).mean
    };
    order.sort_by(|&a, &b| lost(b).total_cmp(&lost(a)).then(a.cmp(&b)));
    let mut out = String::from("\n  Stops losing the most clients (reneged + balked + turned away, mean per visit):\n");
    for &i in order.iter().take(BUSIEST_STOPS_SHOWN) {
        let s = &results.stops[i];
        out += &format!(
            "    {:<40} arrivals {:>6.1}  lost {:>5.2}  mean wait {:>5.1} min\n",
            stop_labels[i],
            s.get(StopMetric::Arrivals).mean,
            lost(i),
            s.pooled.wait_mean_min.mean
        );
    }
    out
}

fn scale(e: Estimate, f: f64) -> Estimate {
    Estimate {
        mean: e.mean * f,
        ci95: e.ci95 * f,
        n: e.n,
    }
}

//! The replay renderer: a recorded day's outcome (every metric of DESIGN §5) and its trace, as text.

use std::fmt::Write;

use super::lang::{FillError, Label, Lang};
use crate::experiment::StopMetric;
use crate::replay::ReplayResult;
use crate::sim::{ClientFate, DayRules};

/// Narrowest width of the metric names, characters (the English layout).
const NAME_WIDTH: usize = 18;

/// Titles of the trace's columns with their narrowest widths (characters): the English layout; a
/// longer title widens its column.
const TRACE_COLUMNS: [(Label, usize); 4] = [
    (Label::ReplayColClient, 6),
    (Label::ReplayColArrival, 11),
    (Label::ReplayColStart, 9),
    (Label::ReplayColLeave, 9),
];

/// How a client's visit ended, in `lang` (also the trace CSV's Hungarian word).
pub(super) fn fate(lang: Lang, fate: ClientFate) -> &'static str {
    lang.text(match fate {
        ClientFate::Served => Label::FateServed,
        ClientFate::Reneged => Label::FateReneged,
        ClientFate::Balked => Label::FateBalked,
        ClientFate::TurnedAway => Label::FateTurnedAway,
    })
}

/// A row's name: the machine name in English (as the trace always printed it), the metric's
/// label in Hungarian.
fn row_name(lang: Lang, name: &'static str, metric: StopMetric) -> &'static str {
    match lang {
        Lang::En => name,
        Lang::Hu => metric.text(lang),
    }
}

/// Renders every metric of DESIGN §5 (and the trace, if any) as text, in `lang`.
pub fn render_replay(lang: Lang, result: &ReplayResult, rules: &DayRules) -> Result<String, FillError> {
    let o = &result.outcome;
    let opt = |v: Option<f64>| v.map_or("-".to_string(), |v| lang.plain_number(v, 2));
    let mut s = Label::ReplayHeading.fill(
        lang,
        &[
            ("clerks", &rules.clerks.to_string()),
            ("dwell", &lang.plain_number(rules.dwell_min, 0)),
        ],
    )?;
    s.push('\n');
    if result.after_closing > 0 {
        let line = Label::ReplayAfterClosing.fill(lang, &[("count", &result.after_closing.to_string())])?;
        let _ = writeln!(s, "{line}");
    }
    let rows: [(&str, StopMetric, String); 13] = [
        ("arrivals", StopMetric::Arrivals, o.arrivals.to_string()),
        ("served", StopMetric::Served, o.served.to_string()),
        ("reneged", StopMetric::Reneged, o.reneged.to_string()),
        ("balked", StopMetric::Balked, o.balked.to_string()),
        ("turned_away", StopMetric::TurnedAway, o.turned_away.to_string()),
        ("uses", StopMetric::Uses, o.uses.to_string()),
        ("wait_mean_min", StopMetric::WaitMean, opt(o.wait_mean_min)),
        ("wait_p90_min", StopMetric::WaitP90, opt(result.wait_p90_min)),
        ("queue_avg", StopMetric::QueueAvg, lang.plain_number(o.queue_avg, 3)),
        ("queue_max", StopMetric::QueueMax, o.queue_max.to_string()),
        (
            "utilisation",
            StopMetric::Utilisation,
            lang.plain_number(o.utilisation, 3),
        ),
        (
            "overtime_min",
            StopMetric::Overtime,
            lang.plain_number(o.overtime_min, 2),
        ),
        (
            "waiting_at_close",
            StopMetric::WaitingAtClose,
            o.waiting_at_close.to_string(),
        ),
    ];
    let width = rows
        .iter()
        .map(|(name, metric, _)| row_name(lang, name, *metric).chars().count())
        .fold(NAME_WIDTH, usize::max);
    for (name, metric, value) in &rows {
        let _ = writeln!(s, "  {:<width$} {value:>10}", row_name(lang, name, *metric));
    }
    if let Some(trace) = &result.trace {
        let widths = TRACE_COLUMNS.map(|(label, width)| width.max(lang.text(label).chars().count()));
        let [client, arrival, start_width, leave] = widths;
        s.push('\n');
        for ((label, _), width) in TRACE_COLUMNS.iter().zip(widths) {
            let _ = write!(s, "{:<width$}  ", lang.text(*label));
        }
        let _ = writeln!(s, "{}", lang.text(Label::ReplayColOutcome));
        for r in trace {
            let start = r.service_start_min.map_or("-".to_string(), |t| lang.plain_number(t, 2));
            let _ = writeln!(
                s,
                "{:>client$}  {:>arrival$}  {:>start_width$}  {:>leave$}  {}",
                r.index,
                lang.plain_number(r.arrival_min, 2),
                start,
                lang.plain_number(r.leave_min, 2),
                fate(lang, r.fate)
            );
        }
    }
    Ok(s)
}

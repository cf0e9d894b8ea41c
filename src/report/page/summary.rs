//! The answer first: plain sentences computed from the results (waits, volume, who is lost and
//! where, the queue at the chosen stop, staffing, clerk-hours, how sure the figures are).

use std::collections::BTreeSet;

use super::phrases::{self, fill};
use super::{ReportData, ReportError};
use crate::experiment::{GroupMetric, StopMetric};
use crate::report::lang::{Label, Lang};
use crate::stats::Estimate;

/// Stops named in "most are lost at ...".
const LOSING_STOPS_NAMED: usize = 3;
/// Stops named when the targets cannot be met; more are summarised by "…".
const SHORT_STOPS_NAMED: usize = 6;
/// Below this many lost clients a season, the report says practically nobody is lost.
const NEGLIGIBLE_LOST_CLIENTS: f64 = 0.5;
use crate::vocab::units::MINUTES_PER_HOUR as MIN_PER_HOUR;

/// The summary's sentences, in reading order.
pub(super) fn summary_sentences(data: &ReportData, lang: Lang) -> Result<Vec<String>, ReportError> {
    let mut sentences = vec![wait_answer(data, lang)?, season_volume(data, lang)?, lost(data, lang)?];
    if let Some(queue) = queue_peak(data, lang)? {
        sentences.push(queue);
    }
    if !data.staffing.is_empty() {
        sentences.push(staffing(data, lang)?);
    }
    sentences.extend(policies(data, lang)?);
    sentences.push(clerk_hours(data, lang)?);
    sentences.push(format!("{}.", super::super::text::costs_line(lang, data.costs)?));
    if let Some(study) = data.parameter_uncertainty {
        sentences.push(parameter_uncertainty(study, lang)?);
    }
    sentences.push(fill(
        lang,
        Label::SentenceUncertainty,
        &[("replications", &lang.number(f64::from(data.results.replications), 0))],
    )?);
    Ok(sentences)
}

/// The ranges with parameter uncertainty, and how much of their spread the parameters make.
fn parameter_uncertainty(study: &crate::study::InputUncertaintyStudy, lang: Lang) -> Result<String, ReportError> {
    let words = |metric: GroupMetric| {
        let spread = study.results.get(metric);
        let (low, high) = spread.range.map_or_else(
            || ("–".to_string(), "–".to_string()),
            |r| (lang.number(about(r.p05), 0), lang.number(about(r.p95), 0)),
        );
        let share = spread
            .parameter_share
            .map_or_else(|| "–".to_string(), |s| lang.number(100.0 * s, 0));
        (low, high, share)
    };
    let (low, high, share) = words(GroupMetric::Arrivals);
    let (lost_low, lost_high, _) = words(GroupMetric::Lost);
    fill(
        lang,
        Label::SentenceParameterUncertainty,
        &[
            ("draws", &study.results.draws.to_string()),
            ("low", &low),
            ("high", &high),
            ("lost_low", &lost_low),
            ("lost_high", &lost_high),
            ("share", &share),
        ],
    )
}

fn season_metric(data: &ReportData, metric: GroupMetric) -> Estimate {
    data.results.season.get(metric)
}

/// One season's range of `metric` as rounded figures for a sentence: (low, high); a dash without one.
fn season_range_words(data: &ReportData, lang: Lang, metric: GroupMetric) -> (String, String) {
    data.results.season.range(metric).map_or_else(
        || ("–".to_string(), "–".to_string()),
        |r| (lang.number(about(r.p05), 0), lang.number(about(r.p95), 0)),
    )
}

/// A count rounded as a sentence says it "about": to 50 from a thousand, to 10 from a hundred,
/// to a whole number below.
fn about(count: f64) -> f64 {
    let step = match count.abs() {
        c if c >= 1_000.0 => 50.0,
        c if c >= 100.0 => 10.0,
        _ => 1.0,
    };
    (count / step).round() * step
}

/// "With 2 clerks and ..., 92% of the clients served wait less than 20 minutes (...)".
fn wait_answer(data: &ReportData, lang: Lang) -> Result<String, ReportError> {
    let share = data.results.season.pooled.share_within_target;
    let half = if share.ci95.is_finite() { share.ci95 } else { 0.0 };
    let target = data.season.stops.first().map_or(f64::NAN, |s| s.spec.wait_target_min);
    let season_share = data.results.season.pooled_range.share_within_target.map_or_else(
        || ("–".to_string(), "–".to_string()),
        |r| (lang.percent(r.p05, 0), lang.percent(r.p95, 0)),
    );
    fill(
        lang,
        Label::SentenceWaitAnswer,
        &[
            ("clerks", &phrases::clerks_phrase(lang, data.season)?),
            ("dwell", &phrases::dwell_phrase(lang, data.season)?),
            ("share", &lang.percent(share.mean, 0)),
            ("target_min", &lang.number(target, 0)),
            ("low", &lang.percent((share.mean - half).max(0.0), 0)),
            ("high", &lang.percent((share.mean + half).min(1.0), 0)),
            ("season_low", &season_share.0),
            ("season_high", &season_share.1),
            (
                "mean_wait",
                &lang.number(data.results.season.pooled.wait_mean_min.mean, 1),
            ),
        ],
    )
}

/// "The season has 200 stops on 95 days; about 3,016 clients come ...".
fn season_volume(data: &ReportData, lang: Lang) -> Result<String, ReportError> {
    let days: BTreeSet<_> = data.season.stops.iter().map(|s| s.date).collect();
    let arrivals = season_metric(data, GroupMetric::Arrivals);
    let (low, high) = season_range_words(data, lang, GroupMetric::Arrivals);
    fill(
        lang,
        Label::SentenceSeasonVolume,
        &[
            ("stops", &phrases::stops(lang, data.season.stops.len())?),
            ("days", &phrases::days(lang, days.len())?),
            ("clients", &lang.number(arrivals.mean, 0)),
            ("ci", &lang.number(arrivals.ci95, 0)),
            ("low", &low),
            ("high", &high),
            ("served", &lang.number(season_metric(data, GroupMetric::Served).mean, 0)),
        ],
    )
}

/// Mean clients lost at stop `i` (reneged + balked + turned away).
pub(super) fn stop_lost(data: &ReportData, i: usize) -> f64 {
    [StopMetric::Reneged, StopMetric::Balked, StopMetric::TurnedAway]
        .iter()
        .map(|&m| data.results.stops[i].get(m).mean)
        .sum()
}

/// Stop indices by mean clients lost, most first (ties: season order), only stops that lose any.
pub(super) fn stops_by_lost(data: &ReportData) -> Vec<usize> {
    let mut order: Vec<usize> = (0..data.results.stops.len())
        .filter(|&i| stop_lost(data, i) > 0.0)
        .collect();
    order.sort_by(|&a, &b| stop_lost(data, b).total_cmp(&stop_lost(data, a)).then(a.cmp(&b)));
    order
}

/// Who leaves unserved, and where most of them do.
fn lost(data: &ReportData, lang: Lang) -> Result<String, ReportError> {
    let lost = season_metric(data, GroupMetric::Lost);
    // NaN (no figure) counts as negligible too.
    if lost.mean.is_nan() || lost.mean < NEGLIGIBLE_LOST_CLIENTS {
        return Ok(lang.text(Label::SentenceNoneSentHome).to_string());
    }
    let count = |metric: GroupMetric| lang.number(season_metric(data, metric).mean, 0);
    let (low, high) = season_range_words(data, lang, GroupMetric::Lost);
    let mut text = fill(
        lang,
        Label::SentenceLost,
        &[
            ("lost", &lang.number(lost.mean, 0)),
            ("share", &lang.percent(data.results.season.pooled.lost_share.mean, 1)),
            ("low", &low),
            ("high", &high),
            ("reneged", &count(GroupMetric::Reneged)),
            ("balked", &count(GroupMetric::Balked)),
            ("turned_away", &count(GroupMetric::TurnedAway)),
        ],
    )?;
    let worst: Vec<String> = stops_by_lost(data)
        .into_iter()
        .take(LOSING_STOPS_NAMED)
        .map(|i| phrases::stop_in_text(&data.season.stops[i]))
        .collect();
    if !worst.is_empty() {
        text.push(' ');
        text.push_str(&fill(
            lang,
            Label::SentenceLostWhere,
            &[("stops", &phrases::list(lang, &worst))],
        )?);
    }
    Ok(text)
}

/// When and how long the queue is at its longest at the charted stop.
fn queue_peak(data: &ReportData, lang: Lang) -> Result<Option<String>, ReportError> {
    let means = data.queue.means();
    let Some(peak) = (0..means.len()).reduce(|best, k| if means[k] > means[best] { k } else { best }) else {
        return Ok(None);
    };
    let p90 = data.queue.waiting[peak].quantile_type7(crate::report::chart_inputs::QUEUE_BAND_HIGH_Q);
    let label = if data.queue_stop_chosen {
        Label::SentenceQueuePeakChosen
    } else {
        Label::SentenceQueuePeak
    };
    let stop = crate::report::chart_inputs::stop_label(&data.season.stops[data.queue_stop]);
    Ok(Some(fill(
        lang,
        label,
        &[
            ("stop", &stop),
            ("minutes", &lang.number(data.queue.minutes[peak], 0)),
            ("mean", &lang.number(means[peak], 1)),
            ("p90", &lang.number(p90.unwrap_or(f64::NAN), 0)),
        ],
    )?))
}

/// How many stops need how many clerks, and where even all desks are not enough.
fn staffing(data: &ReportData, lang: Lang) -> Result<String, ReportError> {
    let rows = data.staffing;
    let most = rows.iter().filter_map(|r| r.answer.clerks_needed).max().unwrap_or(0);
    let mut counts = Vec::new();
    for c in 1..=most {
        let n = rows.iter().filter(|r| r.answer.clerks_needed == Some(c)).count();
        if n > 0 {
            counts.push(fill(
                lang,
                Label::StaffingCountItem,
                &[
                    ("clerks", &phrases::clerks(lang, c)?),
                    ("stops", &phrases::stops(lang, n)?),
                ],
            )?);
        }
    }
    let short: Vec<usize> = (0..rows.len())
        .filter(|&i| rows[i].answer.clerks_needed.is_none())
        .collect();
    let desks = rows.first().map_or(0, |r| r.answer.desks).to_string();
    if !short.is_empty() {
        counts.push(fill(
            lang,
            Label::StaffingNotEnoughItem,
            &[("desks", &desks), ("stops", &phrases::stops(lang, short.len())?)],
        )?);
    }
    let mut text = fill(
        lang,
        Label::SentenceStaffing,
        &[
            ("targets", &phrases::targets_phrase(lang, data.targets)?),
            ("counts", &counts.join("; ")),
        ],
    )?;
    if !short.is_empty() {
        let mut named: Vec<String> = short
            .iter()
            .take(SHORT_STOPS_NAMED)
            .map(|&i| format!("{} ({})", rows[i].settlement, rows[i].date))
            .collect();
        if short.len() > SHORT_STOPS_NAMED {
            named.push("…".to_string());
        }
        text.push(' ');
        text.push_str(&fill(
            lang,
            Label::SentenceStaffingShort,
            &[("desks", &desks), ("stops", &named.join(", "))],
        )?);
    }
    Ok(text)
}

/// Each dwell policy against the first (paired differences), and where a demand-driven policy
/// cannot meet the targets.
fn policies(data: &ReportData, lang: Lang) -> Result<Vec<String>, ReportError> {
    let Some(baseline) = data.policies.first() else {
        return Ok(Vec::new());
    };
    let baseline_name = phrases::policy_name(lang, baseline.policy)?;
    let mut out = Vec::new();
    // A policy that gives the same season as the baseline (e.g. listed stops without a settlement,
    // whose dwell no policy changes) differs by exactly nothing: no sentence.
    for p in data.policies[1..]
        .iter()
        .filter(|p| p.season.stops != baseline.season.stops)
    {
        let diff = |metric: GroupMetric, decimals: usize| {
            phrases::signed_estimate(lang, p.comparison.difference.get(metric), decimals)
        };
        out.push(fill(
            lang,
            Label::SentencePolicyDifference,
            &[
                ("policy", &phrases::policy_name(lang, p.policy)?),
                ("baseline", &baseline_name),
                ("served", &diff(GroupMetric::Served, 0)),
                ("lost", &diff(GroupMetric::Lost, 0)),
                ("hours", &diff(GroupMetric::ClerkHours, 0)),
            ],
        )?);
    }
    for p in data.policies.iter().filter(|p| !p.dwell_unmet.is_empty()) {
        let longest = match &p.policy.choice {
            crate::scenario::PolicyChoice::DemandDriven(range) => range.longest_hours,
            crate::scenario::PolicyChoice::Rule(_) => continue,
        };
        out.push(fill(
            lang,
            Label::SentenceDemandDrivenUnmet,
            &[
                ("policy", &phrases::policy_name(lang, p.policy)?),
                ("hours", &phrases::hours(lang, longest)),
                ("settlements", &phrases::list(lang, &p.dwell_unmet)),
            ],
        )?);
    }
    Ok(out)
}

/// What the season costs in clerk-hours, and how long the bus stays open after closing.
fn clerk_hours(data: &ReportData, lang: Lang) -> Result<String, ReportError> {
    let hours = season_metric(data, GroupMetric::ClerkHours);
    fill(
        lang,
        Label::SentenceClerkHours,
        &[
            ("hours", &lang.number(hours.mean, 0)),
            ("ci", &lang.number(hours.ci95, 0)),
            (
                "overtime",
                &lang.number(season_metric(data, GroupMetric::Overtime).mean / MIN_PER_HOUR, 0),
            ),
        ],
    )
}

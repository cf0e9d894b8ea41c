//! The comparison page's answer: for each alternative, what it does better or worse than the first
//! on the headline measures and by how much (the paired difference with its interval adjusted for
//! the comparisons; "no clear difference" when that interval contains 0, "no difference" when the
//! results are the same in every replication), one season's range, and the costs when the
//! scenarios carry rates.

use super::{ComparisonPage, PAGE_METRICS};
use crate::experiment::{Comparison, GroupMetric};
use crate::report::chart_inputs::paired_difference;
use crate::report::charts::{DifferenceVerdict, PairedDifference};
use crate::report::lang::{FillError, Label, Lang};

/// The strip title / table name of a page measure.
pub(super) fn measure_label(metric: GroupMetric) -> Label {
    match metric {
        GroupMetric::Served => Label::PolicyServedPanel,
        GroupMetric::Lost => Label::PolicyLostPanel,
        GroupMetric::WaitMean => Label::MeasureWaitMean,
        _ => Label::PolicyClerkHoursPanel,
    }
}

/// The measure's short name inside a sentence.
fn short_label(metric: GroupMetric) -> Label {
    match metric {
        GroupMetric::Served => Label::MeasureShortServed,
        GroupMetric::Lost => Label::MeasureShortLost,
        GroupMetric::WaitMean => Label::MeasureShortWait,
        _ => Label::MeasureShortClerkHours,
    }
}

/// The measure's unit after a number.
fn unit_label(metric: GroupMetric) -> Label {
    match metric {
        GroupMetric::Served | GroupMetric::Lost => Label::PolicyClientsUnit,
        GroupMetric::WaitMean => Label::UnitMinutes,
        _ => Label::UnitClerkHours,
    }
}

/// Decimals a measure is written with: a tenth of a minute for waits, whole clients and hours.
pub(super) fn decimals(metric: GroupMetric) -> usize {
    usize::from(metric == GroupMetric::WaitMean)
}

/// `value` with an explicit sign ("+12", "−3", "0").
pub(super) fn signed(lang: Lang, value: f64, decimals: usize) -> String {
    let text = lang.number(value, decimals);
    if value > 0.0 && text != lang.number(0.0, decimals) {
        format!("+{text}")
    } else {
        text
    }
}

/// Every sentence of the answer, in reading order.
pub(super) fn sentences(page: &ComparisonPage, lang: Lang) -> Result<Vec<String>, FillError> {
    let baseline = page.baseline();
    let comparisons = page.rows.len().saturating_sub(1).max(1).to_string();
    let mut out = Vec::new();
    for row in page.rows.iter().skip(1) {
        out.extend(alternative(lang, row.name, baseline, row.comparison, &comparisons)?);
    }
    for row in page.rows {
        out.push(season_range(lang, row.name, row.comparison)?);
    }
    out.extend(costs(page, lang, &comparisons)?);
    Ok(out)
}

/// The overall sentence of one alternative against the baseline, then one per measure.
fn alternative(
    lang: Lang,
    name: &str,
    baseline: &str,
    c: &Comparison,
    comparisons: &str,
) -> Result<Vec<String>, FillError> {
    if c.no_difference() {
        return Ok(vec![
            Label::SentenceNoDifference.fill(lang, &[("name", name), ("baseline", baseline)])?,
        ]);
    }
    let differences: Vec<(GroupMetric, PairedDifference)> =
        PAGE_METRICS.iter().map(|&m| (m, paired_difference(c, m))).collect();
    let mut parts = vec![Label::OverallHead.fill(lang, &[("name", name), ("baseline", baseline)])?];
    let mut verdicts = Vec::new();
    for (verdict, label) in [
        (DifferenceVerdict::Better, Label::OverallBetter),
        (DifferenceVerdict::Worse, Label::OverallWorse),
        (DifferenceVerdict::Unclear, Label::OverallUnclear),
    ] {
        let list: Vec<&str> = differences
            .iter()
            .filter(|(_, d)| d.verdict == verdict)
            .map(|(m, _)| lang.text(short_label(*m)))
            .collect();
        if !list.is_empty() {
            verdicts.push(label.fill(lang, &[("list", &list.join(", "))])?);
        }
    }
    parts.push(verdicts.join("; "));
    let mut out = vec![format!("{}.", parts.join(" "))];
    for (metric, d) in differences {
        out.push(measure_sentence(lang, name, baseline, metric, d, comparisons)?);
    }
    Ok(out)
}

fn measure_sentence(
    lang: Lang,
    name: &str,
    baseline: &str,
    metric: GroupMetric,
    d: PairedDifference,
    comparisons: &str,
) -> Result<String, FillError> {
    let decimals = decimals(metric);
    let label = match d.verdict {
        DifferenceVerdict::Better => Label::SentenceDiffBetter,
        DifferenceVerdict::Worse => Label::SentenceDiffWorse,
        DifferenceVerdict::Unclear => Label::SentenceDiffUnclear,
    };
    let value = signed(lang, d.mean, decimals);
    let unit = lang.text(unit_label(metric));
    // A season total changes "a season"; the mean wait is a mean, not a total.
    let amount = if metric == GroupMetric::WaitMean {
        format!("{value} {unit}")
    } else {
        Label::AmountPerSeason.fill(lang, &[("value", &value), ("unit", unit)])?
    };
    label.fill(
        lang,
        &[
            ("measure", lang.text(measure_label(metric))),
            ("name", name),
            ("baseline", baseline),
            ("amount", &amount),
            ("low", &signed(lang, d.mean - d.half_width, decimals)),
            ("high", &signed(lang, d.mean + d.half_width, decimals)),
            ("comparisons", comparisons),
        ],
    )
}

/// "One season of “B” serves between about 2,800 and 3,200 clients and loses 20 to 100 (90% of
/// the simulated seasons)".
fn season_range(lang: Lang, name: &str, c: &Comparison) -> Result<String, FillError> {
    let ends = |metric: GroupMetric| {
        c.season.range(metric).map_or_else(
            || ("–".to_string(), "–".to_string()),
            |r| (lang.number(r.p05, 0), lang.number(r.p95, 0)),
        )
    };
    let (low, high) = ends(GroupMetric::Served);
    let (lost_low, lost_high) = ends(GroupMetric::Lost);
    Label::SentenceSeasonRanges.fill(
        lang,
        &[
            ("name", name),
            ("low", &low),
            ("high", &high),
            ("lost_low", &lost_low),
            ("lost_high", &lost_high),
        ],
    )
}

/// The cost of each alternative at its rates, and the paired difference to the first (none when
/// no scenario has rates).
fn costs(page: &ComparisonPage, lang: Lang, comparisons: &str) -> Result<Vec<String>, FillError> {
    let mut out = Vec::new();
    let Some(base_cost) = page.costs.first() else {
        return Ok(out);
    };
    let huf = |v: f64| lang.number(v, 0);
    for (i, (row, cost)) in page.rows.iter().zip(page.costs).enumerate() {
        let hours = row.comparison.season.get(GroupMetric::ClerkHours).mean;
        let Some(total) = cost.cost_huf(hours) else {
            continue;
        };
        let diff = row.comparison.difference.get(GroupMetric::ClerkHours).mean;
        let half = row.comparison.paired(GroupMetric::ClerkHours).ci95_bonferroni;
        let sentence = match (
            i,
            cost.difference(base_cost, diff, if half.is_finite() { half } else { 0.0 }),
        ) {
            (1.., Some((mean, half))) => Label::SentenceCostDifference.fill(
                lang,
                &[
                    ("name", row.name),
                    ("cost", &huf(total)),
                    ("baseline", page.baseline()),
                    ("difference", &signed(lang, mean, 0)),
                    ("low", &signed(lang, mean - half, 0)),
                    ("high", &signed(lang, mean + half, 0)),
                    ("comparisons", comparisons),
                ],
            )?,
            _ => Label::SentenceCost.fill(lang, &[("name", row.name), ("cost", &huf(total))])?,
        };
        out.push(sentence);
    }
    Ok(out)
}

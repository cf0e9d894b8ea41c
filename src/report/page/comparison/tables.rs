//! The comparison page's tables: each alternative's season totals (mean ± precision and one
//! season's range), then each paired difference with its adjusted interval, the variance reduction
//! pairing gave and what the difference says.

use super::answer::{decimals, measure_label, signed};
use super::{ComparisonPage, PAGE_METRICS};
use crate::experiment::GroupMetric;
use crate::report::chart_inputs::paired_difference;
use crate::report::charts::DifferenceVerdict;
use crate::report::lang::{FillError, Label, Lang};
use crate::report::page::html::{Cell, table};
use crate::stats::{Estimate, SeasonRange, VarianceReduction};

/// Both tables, as HTML.
pub(super) fn tables(page: &ComparisonPage, lang: Lang) -> Result<String, FillError> {
    let mut out = totals(page, lang);
    if page.rows.len() > 1 {
        out.push_str(&differences(page, lang)?);
    }
    Ok(out)
}

fn pm(lang: Lang, e: Estimate, decimals: usize) -> String {
    if e.ci95.is_finite() {
        format!("{} ± {}", lang.number(e.mean, decimals), lang.number(e.ci95, decimals))
    } else {
        lang.number(e.mean, decimals)
    }
}

fn range(lang: Lang, r: Option<SeasonRange>, decimals: usize) -> String {
    r.map_or_else(
        || "–".to_string(),
        |r| format!("{} – {}", lang.number(r.p05, decimals), lang.number(r.p95, decimals)),
    )
}

fn totals(page: &ComparisonPage, lang: Lang) -> String {
    let with_costs = page.rows.iter().zip(page.costs).any(|(r, c)| {
        c.cost_huf(r.comparison.season.get(GroupMetric::ClerkHours).mean)
            .is_some()
    });
    let mut header = vec![
        lang.text(Label::PageColAlternative).to_string(),
        lang.text(Label::ColStops).to_string(),
    ];
    for metric in PAGE_METRICS {
        header.push(format!(
            "{} {}",
            lang.text(measure_label(metric)),
            lang.text(Label::PageColPrecision)
        ));
        header.push(format!(
            "{} {}",
            lang.text(measure_label(metric)),
            lang.text(Label::PageColOneSeason)
        ));
    }
    header.push(lang.text(Label::ColWithinTarget).to_string());
    if with_costs {
        header.push(lang.text(Label::PageColCost).to_string());
    }
    let rows: Vec<Vec<Cell>> = page
        .rows
        .iter()
        .zip(page.costs)
        .map(|(r, cost)| {
            let season = &r.comparison.season;
            let mut cells = vec![Cell::text(r.name), Cell::number(lang.number(r.stops as f64, 0))];
            for metric in PAGE_METRICS {
                let d = decimals(metric);
                cells.push(Cell::number(pm(lang, season.get(metric), d)));
                cells.push(Cell::number(range(lang, season.range(metric), d)));
            }
            cells.push(Cell::number(lang.percent(season.pooled.share_within_target.mean, 1)));
            if with_costs {
                let hours = season.get(GroupMetric::ClerkHours).mean;
                cells.push(Cell::number(
                    cost.cost_huf(hours)
                        .map_or_else(|| "–".to_string(), |c| lang.number(c, 0)),
                ));
            }
            cells
        })
        .collect();
    table(lang.text(Label::TableAlternatives), &header, &rows)
}

fn vrf(lang: Lang, v: VarianceReduction) -> String {
    match v {
        VarianceReduction::Factor(f) => format!("×{}", lang.number(f, 1)),
        VarianceReduction::Complete => lang.text(Label::VrfComplete).to_string(),
        VarianceReduction::NoVariance => lang.text(Label::VrfUndefined).to_string(),
    }
}

fn differences(page: &ComparisonPage, lang: Lang) -> Result<String, FillError> {
    let comparisons = (page.rows.len() - 1).to_string();
    let header = vec![
        lang.text(Label::PageColAlternative).to_string(),
        lang.text(Label::PageColMeasure).to_string(),
        lang.text(Label::PageColDifference).to_string(),
        Label::PageColAdjusted.fill(lang, &[("comparisons", &comparisons)])?,
        lang.text(Label::PageColUnadjusted).to_string(),
        lang.text(Label::PageColVrf).to_string(),
        lang.text(Label::PageColVerdict).to_string(),
    ];
    let mut rows = Vec::new();
    for r in page.rows.iter().skip(1) {
        for metric in PAGE_METRICS {
            let d = paired_difference(r.comparison, metric);
            let places = decimals(metric);
            let plain = r.comparison.difference.get(metric).ci95;
            let verdict = if r.comparison.no_difference() {
                Label::VerdictNoDifference
            } else {
                match d.verdict {
                    DifferenceVerdict::Better => Label::DifferencesBetter,
                    DifferenceVerdict::Worse => Label::DifferencesWorse,
                    DifferenceVerdict::Unclear => Label::VerdictUnclearShort,
                }
            };
            rows.push(vec![
                Cell::text(r.name),
                Cell::text(lang.text(measure_label(metric))),
                Cell::number(signed(lang, d.mean, places)),
                Cell::number(format!(
                    "{} … {}",
                    signed(lang, d.mean - d.half_width, places),
                    signed(lang, d.mean + d.half_width, places)
                )),
                Cell::number(if plain.is_finite() {
                    format!("± {}", lang.number(plain, places))
                } else {
                    "–".to_string()
                }),
                Cell::number(vrf(lang, r.comparison.paired(metric).variance_reduction)),
                Cell::text(lang.text(verdict)),
            ]);
        }
    }
    let caption = Label::TableDifferences.fill(lang, &[("baseline", page.baseline())])?;
    Ok(table(&caption, &header, &rows))
}

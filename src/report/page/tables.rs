//! The key tables: season totals with confidence intervals, the busiest stops, the stops that lose
//! the most clients, the clerks needed by settlement size, and totals by district.

use super::collation::hungarian_sort_key;
use super::html::{Cell, table};
use super::phrases::{self, fill};
use super::summary::stops_by_lost;
use super::{ReportData, ReportError};
use crate::experiment::{DISTRICT_GROUPING, GroupMetric, StopMetric};
use crate::report::SIZE_CLASS_LOWER_BOUNDS;
use crate::report::lang::{Label, Lang};
use crate::stats::Estimate;
use crate::vocab::units::minutes_to_hours;

/// Rows of the busiest-stops and most-losing-stops tables.
const TOP_STOPS: usize = 10;

/// Every key table, as HTML.
pub(super) fn key_tables(data: &ReportData, lang: Lang) -> Result<String, ReportError> {
    let mut out = season_totals(data, lang)?;
    out.push_str(&busiest_stops(data, lang)?);
    out.push_str(&most_losing_stops(data, lang)?);
    if !data.staffing.is_empty() {
        out.push_str(&staffing_by_size(data, lang)?);
    }
    if !data.policies.is_empty() {
        out.push_str(&policies(data, lang)?);
    }
    out.push_str(&districts(data, lang)?);
    Ok(out)
}

fn header(lang: Lang, labels: &[Label]) -> Vec<String> {
    labels.iter().map(|&l| lang.text(l).to_string()).collect()
}

/// A mean and its half-width as two numeric cells.
fn estimate_cells(lang: Lang, e: Estimate, decimals: usize) -> [Cell; 2] {
    [
        Cell::number(lang.number(e.mean, decimals)),
        Cell::number(lang.number(e.ci95, decimals)),
    ]
}

fn season_totals(data: &ReportData, lang: Lang) -> Result<String, ReportError> {
    let season = &data.results.season;
    let metric = |m: GroupMetric| season.get(m);
    let percent = |e: Estimate| Estimate {
        mean: 100.0 * e.mean,
        ci95: 100.0 * e.ci95,
        n: e.n,
    };
    let hours = |e: Estimate| Estimate {
        mean: minutes_to_hours(e.mean),
        ci95: minutes_to_hours(e.ci95),
        n: e.n,
    };
    let target = data.season.stops.first().map_or(f64::NAN, |s| s.spec.wait_target_min);
    let within = fill(
        lang,
        Label::RowShareWithinTarget,
        &[("target_min", &lang.number(target, 0))],
    )?;
    let rows: Vec<(String, Estimate, usize)> = vec![
        (lang.text(Label::ColArrivals).into(), metric(GroupMetric::Arrivals), 0),
        (lang.text(Label::ColServed).into(), metric(GroupMetric::Served), 0),
        (lang.text(Label::ColReneged).into(), metric(GroupMetric::Reneged), 1),
        (lang.text(Label::ColBalked).into(), metric(GroupMetric::Balked), 1),
        (
            lang.text(Label::ColTurnedAway).into(),
            metric(GroupMetric::TurnedAway),
            1,
        ),
        (lang.text(Label::ColLost).into(), metric(GroupMetric::Lost), 1),
        (
            format!("{} (%)", lang.text(Label::RowLostShare)),
            percent(season.pooled.lost_share),
            2,
        ),
        (lang.text(Label::ColUses).into(), metric(GroupMetric::Uses), 0),
        (
            lang.text(Label::RowInformationUses).into(),
            metric(GroupMetric::InformationUses),
            0,
        ),
        (lang.text(Label::ColMeanWait).into(), season.pooled.wait_mean_min, 2),
        (lang.text(Label::ColP90Wait).into(), metric(GroupMetric::WaitP90), 2),
        (format!("{within} (%)"), percent(season.pooled.share_within_target), 2),
        (
            lang.text(Label::RowOvertimeHours).into(),
            hours(metric(GroupMetric::Overtime)),
            1,
        ),
        (
            lang.text(Label::ColClerkHours).into(),
            metric(GroupMetric::ClerkHours),
            0,
        ),
    ];
    let body: Vec<Vec<Cell>> = rows
        .into_iter()
        .map(|(name, e, decimals)| {
            let [mean, ci] = estimate_cells(lang, e, decimals);
            vec![Cell::text(name), mean, ci]
        })
        .collect();
    Ok(table(
        lang.text(Label::TableSeasonTotals),
        &header(lang, &[Label::ColMeasure, Label::ColMean, Label::ColCiHalfWidth]),
        &body,
    ))
}

/// The columns that identify a stop: number, date, settlement, dwell, clerks.
fn stop_cells(data: &ReportData, lang: Lang, i: usize) -> Vec<Cell> {
    let stop = &data.season.stops[i];
    vec![
        Cell::number((stop.index + 1).to_string()),
        Cell::token(stop.date.to_string()),
        Cell::text(stop.settlement.clone()),
        Cell::number(phrases::hours(lang, stop.dwell_hours())),
        Cell::number(stop.spec.clerks.to_string()),
    ]
}

const STOP_COLUMNS: [Label; 5] = [
    Label::ColStop,
    Label::ColDate,
    Label::ColSettlement,
    Label::ColDwellHours,
    Label::ColClerks,
];

fn stop_metric(data: &ReportData, i: usize, metric: StopMetric) -> Estimate {
    data.results.stops[i].get(metric)
}

fn busiest_stops(data: &ReportData, lang: Lang) -> Result<String, ReportError> {
    let mut order: Vec<usize> = (0..data.results.stops.len()).collect();
    let arrivals = |i: usize| stop_metric(data, i, StopMetric::Arrivals).mean;
    order.sort_by(|&a, &b| arrivals(b).total_cmp(&arrivals(a)).then(a.cmp(&b)));
    let body: Vec<Vec<Cell>> = order
        .into_iter()
        .take(TOP_STOPS)
        .map(|i| {
            let mut row = stop_cells(data, lang, i);
            row.push(Cell::number(phrases::estimate(
                lang,
                stop_metric(data, i, StopMetric::Arrivals),
                1,
            )));
            row.push(Cell::number(
                lang.number(stop_metric(data, i, StopMetric::WaitMean).mean, 1),
            ));
            row.push(Cell::number(
                lang.number(stop_metric(data, i, StopMetric::WaitP90).mean, 1),
            ));
            row.push(Cell::number(
                lang.number(stop_metric(data, i, StopMetric::QueueMax).mean, 1),
            ));
            row.push(Cell::number(lang.number(super::summary::stop_lost(data, i), 2)));
            row
        })
        .collect();
    let mut columns = header(lang, &STOP_COLUMNS);
    columns.extend(header(
        lang,
        &[
            Label::ColArrivals,
            Label::ColMeanWait,
            Label::ColP90Wait,
            Label::ColMaxQueue,
            Label::ColLost,
        ],
    ));
    Ok(table(lang.text(Label::TableBusiest), &columns, &body))
}

fn most_losing_stops(data: &ReportData, lang: Lang) -> Result<String, ReportError> {
    let order = stops_by_lost(data);
    if order.is_empty() {
        return Ok(format!(
            "<p>{}</p>\n",
            super::html::escape(lang.text(Label::TableNoneLost))
        ));
    }
    let body: Vec<Vec<Cell>> = order
        .into_iter()
        .take(TOP_STOPS)
        .map(|i| {
            let mut row = stop_cells(data, lang, i);
            for metric in [
                StopMetric::Arrivals,
                StopMetric::Reneged,
                StopMetric::Balked,
                StopMetric::TurnedAway,
            ] {
                row.push(Cell::number(lang.number(stop_metric(data, i, metric).mean, 2)));
            }
            row.push(Cell::number(lang.number(super::summary::stop_lost(data, i), 2)));
            row
        })
        .collect();
    let mut columns = header(lang, &STOP_COLUMNS);
    columns.extend(header(
        lang,
        &[
            Label::ColArrivals,
            Label::ColReneged,
            Label::ColBalked,
            Label::ColTurnedAway,
            Label::ColLost,
        ],
    ));
    Ok(table(lang.text(Label::TableMostLosing), &columns, &body))
}

/// Residents' class of `population`: index into [`SIZE_CLASS_LOWER_BOUNDS`].
fn size_class(population: u32) -> usize {
    SIZE_CLASS_LOWER_BOUNDS
        .iter()
        .rposition(|&low| population >= low)
        .unwrap_or(0)
}

fn size_class_label(lang: Lang, class: usize) -> Result<String, ReportError> {
    let low = lang.number(f64::from(SIZE_CLASS_LOWER_BOUNDS[class]), 0);
    match SIZE_CLASS_LOWER_BOUNDS.get(class + 1) {
        Some(&next) => fill(
            lang,
            Label::SizeClassRange,
            &[("low", &low), ("high", &lang.number(f64::from(next - 1), 0))],
        ),
        None => fill(lang, Label::SizeClassFrom, &[("low", &low)]),
    }
}

fn staffing_by_size(data: &ReportData, lang: Lang) -> Result<String, ReportError> {
    let rows = data.staffing;
    let most = rows.iter().filter_map(|r| r.answer.clerks_needed).max().unwrap_or(0);
    let desks = rows.first().map_or(0, |r| r.answer.desks);
    let mut columns = header(lang, &[Label::ColResidents, Label::ColStops]);
    for c in 1..=most {
        columns.push(phrases::clerks(lang, c)?);
    }
    columns.push(fill(lang, Label::ColNotEnough, &[("desks", &desks.to_string())])?);
    let line = |name: String, members: Vec<&crate::study::StaffingRow>| {
        let mut row = vec![Cell::text(name), Cell::number(members.len().to_string())];
        for c in 1..=most {
            let n = members.iter().filter(|r| r.answer.clerks_needed == Some(c)).count();
            row.push(Cell::number(n.to_string()));
        }
        let short = members.iter().filter(|r| r.answer.clerks_needed.is_none()).count();
        row.push(Cell::number(short.to_string()));
        row
    };
    let mut body = Vec::new();
    for class in 0..SIZE_CLASS_LOWER_BOUNDS.len() {
        let members: Vec<_> = rows
            .iter()
            .filter(|r| r.population.is_some_and(|p| size_class(p) == class))
            .collect();
        if !members.is_empty() {
            body.push(line(size_class_label(lang, class)?, members));
        }
    }
    let given: Vec<_> = rows.iter().filter(|r| r.population.is_none()).collect();
    if !given.is_empty() {
        body.push(line(lang.text(Label::RowGivenDemand).to_string(), given));
    }
    Ok(table(lang.text(Label::TableStaffing), &columns, &body))
}

/// Season totals of each dwell policy, side by side.
fn policies(data: &ReportData, lang: Lang) -> Result<String, ReportError> {
    let mut body = Vec::new();
    for p in data.policies {
        let s = &p.comparison.season;
        let metric = |m: GroupMetric| s.get(m);
        let within = s.pooled.share_within_target;
        body.push(vec![
            Cell::text(phrases::policy_name(lang, p.policy)?),
            Cell::number(lang.number(p.season.stops.len() as f64, 0)),
            Cell::number(phrases::estimate(lang, metric(GroupMetric::Served), 0)),
            Cell::number(phrases::estimate(lang, metric(GroupMetric::Lost), 0)),
            Cell::number(lang.number(s.pooled.wait_mean_min.mean, 1)),
            Cell::number(lang.percent(within.mean, 1)),
            Cell::number(phrases::estimate(lang, metric(GroupMetric::ClerkHours), 0)),
            Cell::number(lang.number(
                metric(GroupMetric::ClerkHours).mean / metric(GroupMetric::Served).mean,
                2,
            )),
        ]);
    }
    let columns = header(
        lang,
        &[
            Label::ColPolicy,
            Label::ColStops,
            Label::ColServed,
            Label::ColLost,
            Label::ColMeanWait,
            Label::ColWithinTarget,
            Label::ColClerkHours,
            Label::ColClerkHoursPerServed,
        ],
    );
    Ok(table(lang.text(Label::PolicyTitle), &columns, &body))
}

fn districts(data: &ReportData, lang: Lang) -> Result<String, ReportError> {
    let Some(grouping) = data.results.groupings.iter().find(|g| g.name == DISTRICT_GROUPING) else {
        return Ok(String::new());
    };
    let mut groups: Vec<&(String, crate::experiment::GroupSummary)> = grouping.groups.iter().collect();
    groups.sort_by_cached_key(|(district, _)| hungarian_sort_key(district));
    let body: Vec<Vec<Cell>> = groups
        .into_iter()
        .map(|(district, s)| {
            let metric = |m: GroupMetric| s.get(m);
            vec![
                Cell::text(if district.is_empty() {
                    "–".to_string()
                } else {
                    district.clone()
                }),
                Cell::number(lang.number(metric(GroupMetric::Stops).mean, 0)),
                Cell::number(phrases::estimate(lang, metric(GroupMetric::Arrivals), 0)),
                Cell::number(lang.number(metric(GroupMetric::Served).mean, 0)),
                Cell::number(lang.number(metric(GroupMetric::Lost).mean, 1)),
                Cell::number(lang.number(s.pooled.wait_mean_min.mean, 1)),
            ]
        })
        .collect();
    let columns = header(
        lang,
        &[
            Label::ColDistrict,
            Label::ColStops,
            Label::ColArrivals,
            Label::ColServed,
            Label::ColLost,
            Label::ColMeanWait,
        ],
    );
    Ok(table(lang.text(Label::TableDistricts), &columns, &body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_classes_follow_the_lower_bounds() {
        assert_eq!(size_class(0), 0);
        assert_eq!(size_class(999), 0);
        assert_eq!(size_class(1_000), 1);
        assert_eq!(size_class(5_999), 2);
        assert_eq!(size_class(110_687), 3);
        assert_eq!(size_class_label(Lang::En, 1).unwrap(), "1,000–2,999");
        assert_eq!(size_class_label(Lang::Hu, 3).unwrap(), "6000 fő vagy több");
    }
}

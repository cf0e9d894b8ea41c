//! The report's charts: built from the results by the pure chart-input builders, rendered in the
//! report's language, each with a caption saying how to read it.

use super::phrases::{self, fill};
use super::{ReportData, ReportError};
use crate::demand::SettlementTable;
use crate::report::chart_inputs::{
    county_map_input, policy_comparison_input, queue_curve_input, season_weeks_input, staffing_input, stop_label,
    wait_input,
};
use crate::report::charts::{
    Alternatives, Chart, ChartError, county_map_chart, policy_chart, queue_chart, season_chart, staffing_chart,
    wait_chart,
};
use crate::report::lang::{Label, Lang};
use crate::study::StaffingRow;

/// A rendered chart and its caption.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub chart: Chart,
    /// How to read the chart (plain text).
    pub caption: String,
}

/// Every chart the results support, in report order: county map, queue at the chosen stop, wait
/// distribution, season over time, staffing by population (one series per dwell policy), and the
/// dwell policies compared. A chart whose input has nothing to draw (no served client, no stop
/// with a population, no policy) is left out.
pub(super) fn figures(data: &ReportData, lang: Lang) -> Result<Vec<Figure>, ReportError> {
    let candidates = [
        map_figure(data, lang),
        queue_figure(data, lang),
        wait_figure(data, lang),
        season_figure(data, lang),
        staffing_figure(data, lang),
        policy_figure(data, lang),
    ];
    let mut out = Vec::new();
    for candidate in candidates {
        match candidate {
            Ok(figure) => out.push(figure),
            Err(ReportError::Chart(ChartError::Empty { .. })) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

fn map_figure(data: &ReportData, lang: Lang) -> Result<Figure, ReportError> {
    let season = data.season;
    let (first, last) = (season.stops.first(), season.stops.last());
    let subtitle = fill(
        lang,
        Label::MapSubtitle,
        &[
            ("scenario", &season.name),
            ("stops", &lang.number(season.stops.len() as f64, 0)),
            ("from", &first.map_or(String::new(), |s| s.date.to_string())),
            ("to", &last.map_or(String::new(), |s| s.date.to_string())),
        ],
    )?;
    let input = county_map_input(season, SettlementTable::embedded(), Some(subtitle));
    let caption = fill(
        lang,
        Label::CaptionMap,
        &[(
            "hours",
            &phrases::hours(lang, season.demand.model.reference_dwell_hours),
        )],
    )?;
    Ok(Figure {
        chart: county_map_chart(&input, lang)?,
        caption,
    })
}

fn queue_figure(data: &ReportData, lang: Lang) -> Result<Figure, ReportError> {
    let stop = &data.season.stops[data.queue_stop];
    let why = if data.queue_stop_chosen {
        fill(
            lang,
            Label::CaptionQueueChosen,
            &[("number", &(data.queue_stop + 1).to_string())],
        )?
    } else {
        lang.text(Label::CaptionQueueBusiest).to_string()
    };
    let caption = fill(
        lang,
        Label::CaptionQueue,
        &[
            ("stop", &stop_label(stop)),
            ("replications", &lang.number(f64::from(data.queue.replications), 0)),
            ("why", &why),
        ],
    )?;
    Ok(Figure {
        chart: queue_chart(&queue_curve_input(stop, data.queue), lang)?,
        caption,
    })
}

fn wait_figure(data: &ReportData, lang: Lang) -> Result<Figure, ReportError> {
    let target = data.season.stops.first().map_or(0.0, |s| s.spec.wait_target_min);
    let subtitle = fill(
        lang,
        Label::WaitSubtitle,
        &[
            ("scenario", &data.season.name),
            ("replications", &lang.number(f64::from(data.results.replications), 0)),
        ],
    )?;
    let input = wait_input(&data.results.wait_histogram, target, Some(subtitle));
    Ok(Figure {
        chart: wait_chart(&input, lang)?,
        caption: lang.text(Label::CaptionWait).to_string(),
    })
}

fn season_figure(data: &ReportData, lang: Lang) -> Result<Figure, ReportError> {
    Ok(Figure {
        chart: season_chart(&season_weeks_input(data.results), lang)?,
        caption: lang.text(Label::CaptionSeason).to_string(),
    })
}

fn staffing_figure(data: &ReportData, lang: Lang) -> Result<Figure, ReportError> {
    let targets = phrases::targets_phrase(lang, data.targets)?;
    let desks = data.season.stops.first().map_or(0, |s| s.spec.desks);
    let series: Vec<(String, &[StaffingRow])> = if data.policies.is_empty() {
        let name = fill(
            lang,
            Label::StaffingSeriesScenario,
            &[("dwell", &phrases::dwell_short(lang, data.season)?)],
        )?;
        vec![(name, data.staffing)]
    } else {
        data.policies
            .iter()
            .map(|p| Ok((phrases::policy_name(lang, p.policy)?, p.staffing)))
            .collect::<Result<_, ReportError>>()?
    };
    let input = staffing_input(&series, desks, Some(phrases::capitalised(&targets)));
    Ok(Figure {
        chart: staffing_chart(&input, lang)?,
        caption: fill(lang, Label::CaptionStaffing, &[("targets", &targets)])?,
    })
}

fn policy_figure(data: &ReportData, lang: Lang) -> Result<Figure, ReportError> {
    let named = data
        .policies
        .iter()
        .map(|p| Ok((phrases::policy_name(lang, p.policy)?, p.comparison)))
        .collect::<Result<Vec<_>, ReportError>>()?;
    Ok(Figure {
        chart: policy_chart(&policy_comparison_input(Alternatives::Policies, &named), lang)?,
        caption: lang.text(Label::CaptionPolicy).to_string(),
    })
}

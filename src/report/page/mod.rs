//! The management report: charts (PNG and SVG) and one self-contained `report.html` — the answer
//! first in plain sentences, then the charts, the key tables, the assumptions and the sources.
//!
//! Pure: from a season's results to file contents, nothing is read or written here. The page
//! refers to nothing outside itself: the charts are inline PNG `data:` URIs, the style sheet is
//! inline and uses system fonts, and links point only at the page's own sections.

mod assumptions;
mod collation;
mod comparison;
mod figures;
mod frame;
mod html;
mod phrases;
mod sources;
mod summary;
mod tables;

use std::fmt::Write;

pub use comparison::{ComparisonPage, SeasonCost, render_comparison_page};
pub use figures::Figure;
pub use html::{base64, escape};
pub use phrases::policy_name;

use crate::experiment::{Comparison, QueueCurveSummary, SeasonResults};
use crate::report::OutputFile;
use crate::report::charts::ChartError;
use crate::report::lang::{FillError, Label, Lang};
use crate::scenario::{NamedPolicy, Season};
use crate::staffing::ServiceTargets;
use crate::study::{ReportStudy, RunMeta, SeasonRun, StaffingRow};

/// The page's style sheet (system fonts, A4 print rules).
const STYLE_CSS: &str = include_str!("style.css");
/// File name of the report page.
pub const REPORT_FILE: &str = "report.html";

/// Everything the report is made from: one run's results and what they are about.
#[derive(Debug, Clone, Copy)]
pub struct ReportData<'a> {
    pub season: &'a Season,
    pub results: &'a SeasonResults,
    pub meta: &'a RunMeta,
    /// The staffing answer of every stop (may be empty: no staffing figures then).
    pub staffing: &'a [StaffingRow],
    /// The targets the staffing answers were searched for.
    pub targets: &'a ServiceTargets,
    /// The queue curve of stop `queue_stop`.
    pub queue: &'a QueueCurveSummary,
    /// Index (from 0) of the stop whose queue is charted.
    pub queue_stop: usize,
    /// True when the user chose that stop; false when it is the busiest.
    pub queue_stop_chosen: bool,
    /// The scenario re-planned under each of its dwell policies, compared on the same
    /// replications (may be empty: no policy figures then). The first is the baseline.
    pub policies: &'a [PolicyOutcome<'a>],
    /// With `--input-uncertainty`: the season under draws of the demand parameters.
    pub parameter_uncertainty: Option<&'a crate::study::InputUncertaintyStudy>,
    /// Bus-days, km and paid clerk-hours of the scenario's crews, and their cost.
    pub costs: &'a crate::study::SeasonCosts,
}

/// One dwell policy's season and what it gives.
#[derive(Debug, Clone)]
pub struct PolicyOutcome<'a> {
    pub policy: &'a NamedPolicy,
    pub season: &'a Season,
    /// Season totals and paired differences to the first policy.
    pub comparison: &'a Comparison,
    /// The staffing answer of every stop of the policy's season.
    pub staffing: &'a [StaffingRow],
    /// Demand-driven policies: settlements where even the longest dwell tried misses the targets.
    pub dwell_unmet: Vec<String>,
}

/// A report that could not be rendered (a defect, not bad input: the inputs come from a run).
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error(transparent)]
    Chart(#[from] ChartError),
    #[error("report text: {0}")]
    Label(#[from] FillError),
}

/// The report's files: `<chart>.png` and `<chart>.svg` for every chart, and `report.html`.
pub fn render_report(data: &ReportData, lang: Lang) -> Result<Vec<OutputFile>, ReportError> {
    let figures = figures::figures(data, lang)?;
    let page = render_page(data, &figures, lang)?;
    let mut files = Vec::with_capacity(2 * figures.len() + 1);
    for figure in &figures {
        files.extend(figure.chart.files());
    }
    files.push(OutputFile::text(REPORT_FILE, page));
    Ok(files)
}

/// The report's files for `season`, which `run` replicated, with what `study` found beside it.
pub fn render_study_report(
    season: &Season,
    run: &SeasonRun,
    study: &ReportStudy,
    lang: Lang,
) -> Result<Vec<OutputFile>, ReportError> {
    let policies: Vec<PolicyOutcome> = study
        .variants
        .iter()
        .zip(&season.policies)
        .zip(study.comparisons.iter().zip(&study.staffing_by_policy))
        .map(|((variant, policy), (comparison, rows))| PolicyOutcome {
            policy,
            season: &variant.season,
            comparison,
            staffing: rows,
            dwell_unmet: variant.unmet_settlements(),
        })
        .collect();
    let data = ReportData {
        season,
        results: &run.results,
        meta: &run.meta,
        staffing: study.staffing(),
        targets: &season.targets,
        queue: &study.queue,
        queue_stop: study.queue_stop,
        queue_stop_chosen: study.queue_stop_chosen,
        policies: &policies,
        parameter_uncertainty: run.parameter_uncertainty.as_ref(),
        costs: &run.costs,
    };
    render_report(&data, lang)
}

/// The sections of the page: id and heading.
const SECTIONS: [(&str, Label); 5] = [
    ("summary", Label::SectionSummary),
    ("charts", Label::SectionCharts),
    ("tables", Label::SectionTables),
    ("assumptions", Label::SectionAssumptions),
    ("sources", Label::SectionSources),
];

/// The whole HTML page.
pub fn render_page(data: &ReportData, figures: &[Figure], lang: Lang) -> Result<String, ReportError> {
    let title = Label::ReportTitle.fill(lang, &[("scenario", &data.season.name)])?;
    let meta = data.meta;
    let meta_line = Label::ReportMeta.fill(
        lang,
        &[
            ("scenario", &meta.scenario),
            ("replications", &lang.number(f64::from(meta.replications), 0)),
            ("seed", &meta.seed.to_string()),
            ("version", meta.version),
            ("digest", &meta.scenario_digest),
        ],
    )?;
    let description = data.season.description.as_deref();
    let mut out = frame::document_start(lang, &title, STYLE_CSS);
    out.push_str(&frame::header(&title, description, &meta_line, &SECTIONS, lang));
    let bodies = [
        summary_list(data, lang)?,
        figures_html(figures),
        tables::key_tables(data, lang)?,
        assumptions::assumptions(data, lang)?,
        sources::sources(data, lang)?,
    ];
    out.push_str(&frame::sections_and_end(&SECTIONS, bodies, lang));
    Ok(out)
}

fn summary_list(data: &ReportData, lang: Lang) -> Result<String, ReportError> {
    let mut out = String::from("<ul class=\"answer\">\n");
    for sentence in summary::summary_sentences(data, lang)? {
        let _ = writeln!(out, "<li>{}</li>", escape(&sentence));
    }
    out.push_str("</ul>\n");
    Ok(out)
}

fn figures_html(figures: &[Figure]) -> String {
    let mut out = String::new();
    for figure in figures {
        let chart = &figure.chart;
        let alt = chart_title(&chart.svg).unwrap_or_else(|| chart.name.to_string());
        let _ = write!(
            out,
            "<figure id=\"figure-{}\">\n<img src=\"{}\" width=\"{}\" height=\"{}\" alt=\"{}\">\n\
             <figcaption>{}</figcaption>\n</figure>\n",
            chart.name,
            html::png_data_uri(&chart.png),
            chart.width_px,
            chart.height_px,
            escape(&alt),
            escape(&figure.caption)
        );
    }
    out
}

/// The first text of a chart's SVG (its title), unescaped, for the image's `alt` text.
fn chart_title(svg: &str) -> Option<String> {
    let start = svg.find("<text")?;
    let open_end = start + svg[start..].find('>')? + 1;
    let close = open_end + svg[open_end..].find("</text>")?;
    let raw = &svg[open_end..close];
    Some(
        raw.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&"),
    )
}

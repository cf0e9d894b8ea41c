//! The comparison page of `compare` and `policies`: the answer first in plain sentences (which
//! alternative is better on which headline measure, by how much, with the paired interval adjusted
//! for the comparisons), the charts of the paired differences and of the alternatives' season totals
//! (mean, one season's range, precision), then the tables; self-contained like the report.

mod answer;
mod costs;
mod tables;

use std::fmt::Write;

use super::frame;
use super::html::{escape, png_data_uri};
use super::{ReportError, STYLE_CSS};
use crate::experiment::{GroupMetric, HEADLINE_METRICS};
use crate::report::chart_inputs::{differences_input, policy_comparison_input};
use crate::report::charts::{Alternatives, Chart, ChartError, differences_chart, policy_chart};
use crate::report::lang::{Label, Lang};
use crate::report::{ComparedSeason, OutputFile};

pub use costs::SeasonCost;

/// The headline measures of the page, in order: the precision rule's headline figures and the mean
/// wait of the clients served.
const PAGE_METRICS: [GroupMetric; 4] = [
    HEADLINE_METRICS[0],
    HEADLINE_METRICS[1],
    GroupMetric::WaitMean,
    HEADLINE_METRICS[2],
];

/// Everything the comparison page is made from.
#[derive(Debug, Clone)]
pub struct ComparisonPage<'a> {
    /// Scenarios (`compare`) or one scenario's dwell policies (`policies`).
    pub alternatives: Alternatives,
    /// For `policies`: the scenario's name (`compare` names its scenarios in the title).
    pub scenario: Option<&'a str>,
    /// The alternatives with their comparison to the first, in order.
    pub rows: &'a [ComparedSeason<'a>],
    /// Each alternative's cost rates and what its season uses beside the clerk-hours (same order).
    pub costs: &'a [SeasonCost],
    pub replications: u32,
    pub seed: u64,
    pub version: &'static str,
    /// Warnings to show first (the stops of the seasons differ), in the page's language.
    pub warnings: &'a [String],
    /// Notes after the answer (the chosen dwells, the exported dwell scenario), in the page's language.
    pub notes: &'a [String],
    /// For `sweep`: the varied keys (the points are named by their values).
    pub keys: &'a [String],
}

impl ComparisonPage<'_> {
    fn named(&self) -> Vec<(String, &crate::experiment::Comparison)> {
        self.rows.iter().map(|r| (r.name.to_string(), r.comparison)).collect()
    }

    fn baseline(&self) -> &str {
        self.rows.first().map_or("", |r| r.name)
    }
}

/// The sections of the page: id and heading.
const SECTIONS: [(&str, Label); 3] = [
    ("answer", Label::SectionAnswer),
    ("charts", Label::SectionCharts),
    ("tables", Label::SectionTables),
];

/// The page's files: `<chart>.png` and `.svg` for every chart, and the page as `page_file`.
pub fn render_comparison_page(
    page: &ComparisonPage,
    page_file: &str,
    lang: Lang,
) -> Result<Vec<OutputFile>, ReportError> {
    let figures = figures(page, lang)?;
    let mut files = Vec::with_capacity(2 * figures.len() + 1);
    for (chart, _) in &figures {
        files.extend(chart.files());
    }
    files.push(OutputFile::text(page_file, render_html(page, &figures, lang)?));
    Ok(files)
}

/// The strips of the differences chart: measure, title, decimals.
fn measures(lang: Lang) -> Vec<(GroupMetric, String, usize)> {
    PAGE_METRICS
        .iter()
        .map(|&m| (m, lang.text(answer::measure_label(m)).to_string(), answer::decimals(m)))
        .collect()
}

fn figures(page: &ComparisonPage, lang: Lang) -> Result<Vec<(Chart, String)>, ReportError> {
    let named = page.named();
    let mut out = Vec::new();
    let differences = differences_input(&named, &measures(lang));
    match differences_chart(&differences, lang) {
        Ok(chart) => {
            let comparisons = differences.comparisons.to_string();
            let caption = Label::CaptionDifferences.fill(lang, &[("comparisons", &comparisons)])?;
            out.push((chart, caption));
        }
        Err(ChartError::Empty { .. }) => {}
        Err(e) => return Err(e.into()),
    }
    let mut totals = policy_chart(&policy_comparison_input(page.alternatives, &named), lang)?;
    let caption = match page.alternatives {
        Alternatives::Policies => lang.text(Label::CaptionPolicy).to_string(),
        Alternatives::Scenarios => {
            totals.name = "scenario-comparison";
            lang.text(Label::CaptionScenarios).to_string()
        }
        Alternatives::Points => {
            totals.name = "sweep-comparison";
            lang.text(Label::CaptionScenarios).to_string()
        }
    };
    out.push((totals, caption));
    Ok(out)
}

fn title(page: &ComparisonPage, lang: Lang) -> Result<String, ReportError> {
    Ok(match page.alternatives {
        Alternatives::Policies => {
            Label::ComparePageTitlePolicies.fill(lang, &[("scenario", page.scenario.unwrap_or(page.baseline()))])?
        }
        Alternatives::Points => Label::ComparePageTitleSweep.fill(
            lang,
            &[
                ("scenario", page.scenario.unwrap_or(page.baseline())),
                ("keys", &page.keys.join(", ")),
            ],
        )?,
        Alternatives::Scenarios => {
            let names: Vec<String> = page.rows.iter().map(|r| format!("“{}”", r.name)).collect();
            let names = match (lang, names.split_last()) {
                (Lang::Hu, Some((last, rest))) if !rest.is_empty() => {
                    format!("{} és {last}", rest.join(", ")).replace('“', "„")
                }
                (Lang::Hu, _) => names.join("").replace('“', "„"),
                (Lang::En, _) => names.join(" vs "),
            };
            Label::ComparePageTitleScenarios.fill(lang, &[("names", &names)])?
        }
    })
}

fn render_html(page: &ComparisonPage, figures: &[(Chart, String)], lang: Lang) -> Result<String, ReportError> {
    let title = title(page, lang)?;
    let meta = Label::ComparePageMeta.fill(
        lang,
        &[
            ("replications", &lang.number(f64::from(page.replications), 0)),
            ("seed", &page.seed.to_string()),
            ("version", page.version),
        ],
    )?;
    let mut out = frame::document_start(lang, &title, &format!("{STYLE_CSS}{PAGE_CSS}"));
    out.push_str(&frame::header(&title, None, &meta, &SECTIONS, lang));
    let bodies = [
        answer_html(page, lang)?,
        figures_html(figures),
        tables::tables(page, lang)?,
    ];
    out.push_str(&frame::sections_and_end(&SECTIONS, bodies, lang));
    Ok(out)
}

/// Style of what only this page has: the warning box.
const PAGE_CSS: &str = "p.warning { border-left: 4px solid #d55e00; background: #fdf1e9; padding: .5rem .8rem; margin: 0 0 1rem; }\n\
ul.notes { color: var(--muted); font-size: .92rem; }\n";

fn answer_html(page: &ComparisonPage, lang: Lang) -> Result<String, ReportError> {
    let mut out = String::new();
    for warning in page.warnings {
        let _ = writeln!(out, "<p class=\"warning\">{}</p>", escape(warning));
    }
    out.push_str("<ul class=\"answer\">\n");
    for sentence in answer::sentences(page, lang)? {
        let _ = writeln!(out, "<li>{}</li>", escape(&sentence));
    }
    out.push_str("</ul>\n");
    if !page.notes.is_empty() {
        out.push_str("<ul class=\"notes\">\n");
        for note in page.notes {
            let _ = writeln!(out, "<li>{}</li>", escape(note));
        }
        out.push_str("</ul>\n");
    }
    Ok(out)
}

fn figures_html(figures: &[(Chart, String)]) -> String {
    let mut out = String::new();
    for (chart, caption) in figures {
        let _ = write!(
            out,
            "<figure id=\"figure-{}\">\n<img src=\"{}\" width=\"{}\" height=\"{}\" alt=\"{}\">\n\
             <figcaption>{}</figcaption>\n</figure>\n",
            chart.name,
            png_data_uri(&chart.png),
            chart.width_px,
            chart.height_px,
            escape(caption),
            escape(caption)
        );
    }
    out
}

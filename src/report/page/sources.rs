//! Where the figures come from: the KSH gazetteer, the bus programme's published facts, the
//! scenario's assumptions, the chart font, and how to reproduce the run.

use super::html::escape;
use super::phrases::fill;
use super::{ReportData, ReportError};
use crate::report::lang::{Label, Lang};

/// The data sources section's content, as an HTML list.
pub(super) fn sources(data: &ReportData, lang: Lang) -> Result<String, ReportError> {
    let items = [
        lang.text(Label::SourceKsh).to_string(),
        lang.text(Label::SourceFacts).to_string(),
        lang.text(Label::SourceAssumptions).to_string(),
        lang.text(Label::SentenceFontCredit).to_string(),
        fill(lang, Label::SourceReproduce, &[("version", data.meta.version)])?,
    ];
    let mut out = String::from("<ul class=\"sources\">\n");
    for item in items {
        out.push_str(&format!("<li>{}</li>\n", escape(&item)));
    }
    out.push_str("</ul>\n");
    Ok(out)
}

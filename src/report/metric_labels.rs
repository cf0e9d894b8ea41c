//! The label of every metric, in the report's label table (both languages): the one place that
//! names a metric for people. An exhaustive match, so a new metric does not compile without one.

use crate::experiment::{GroupMetric, Metric, StopMetric, TotalMetric};
use crate::report::csv::Column;
use crate::report::lang::{Label, Lang};

/// A metric as a CSV column: its machine name and its label (so a new metric needs no header text).
pub trait MetricColumn: Metric {
    /// The metric's column.
    fn column(self) -> Column;
}

impl MetricColumn for StopMetric {
    fn column(self) -> Column {
        Column::new(self.name(), self.label())
    }
}

impl MetricColumn for GroupMetric {
    fn column(self) -> Column {
        Column::new(self.name(), self.label())
    }
}

impl MetricColumn for TotalMetric {
    fn column(self) -> Column {
        Column::new(self.name(), self.label())
    }
}

impl StopMetric {
    /// The metric's label (column header, table row).
    pub fn label(self) -> Label {
        match self {
            StopMetric::Arrivals => Label::ColArrivals,
            StopMetric::Served => Label::ColServed,
            StopMetric::Reneged => Label::ColReneged,
            StopMetric::Balked => Label::ColBalked,
            StopMetric::TurnedAway => Label::ColTurnedAway,
            StopMetric::Uses => Label::ColUses,
            StopMetric::InformationUses => Label::RowInformationUses,
            StopMetric::WaitMean => Label::ColMeanWait,
            StopMetric::WaitP90 => Label::ColP90Wait,
            StopMetric::QueueAvg => Label::ColMeanQueue,
            StopMetric::QueueMax => Label::ColMaxQueue,
            StopMetric::Utilisation => Label::ColUtilisation,
            StopMetric::Overtime => Label::ColOvertime,
            StopMetric::WaitingAtClose => Label::ColWaitingAtClose,
            StopMetric::Delayed => Label::ColDelayed,
        }
    }

    /// The label's text in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        self.label().text(lang)
    }
}

impl GroupMetric {
    /// The metric's label (column header, table row).
    pub fn label(self) -> Label {
        match self {
            GroupMetric::Stops => Label::ColStops,
            GroupMetric::Arrivals => Label::ColArrivals,
            GroupMetric::Served => Label::ColServed,
            GroupMetric::Reneged => Label::ColReneged,
            GroupMetric::Balked => Label::ColBalked,
            GroupMetric::TurnedAway => Label::ColTurnedAway,
            GroupMetric::Lost => Label::ColLost,
            GroupMetric::Uses => Label::ColUses,
            GroupMetric::InformationUses => Label::RowInformationUses,
            GroupMetric::WaitMean => Label::ColMeanWait,
            GroupMetric::WaitP90 => Label::ColP90Wait,
            GroupMetric::Overtime => Label::ColOvertime,
            GroupMetric::ClerkHours => Label::ColClerkHours,
            GroupMetric::ServedWithinTarget => Label::ColServedWithinTarget,
        }
    }

    /// The label's text in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        self.label().text(lang)
    }
}

impl TotalMetric {
    /// The metric's label (column header, table row).
    pub fn label(self) -> Label {
        match self {
            TotalMetric::Arrivals => Label::ColArrivals,
            TotalMetric::Served => Label::ColServed,
            TotalMetric::Uses => Label::ColUses,
            TotalMetric::Cases => Label::ColCases,
            TotalMetric::InformationUses => Label::RowInformationUses,
        }
    }

    /// The label's text in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        self.label().text(lang)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// Within a family, no two metrics read the same in either language.
    fn distinct<M: Metric>(text: impl Fn(M, Lang) -> &'static str) {
        for lang in Lang::ALL {
            let texts: BTreeSet<_> = M::ALL.iter().map(|&m| text(m, lang)).collect();
            assert_eq!(texts.len(), M::ALL.len(), "{lang}");
        }
    }

    #[test]
    fn every_metric_has_its_own_label_in_both_languages() {
        distinct::<StopMetric>(StopMetric::text);
        distinct::<GroupMetric>(GroupMetric::text);
        distinct::<TotalMetric>(TotalMetric::text);
        assert_eq!(GroupMetric::Served.text(Lang::Hu), "Kiszolgált ügyfelek");
    }
}

//! The queue chart's input: the chosen stop's queue curve summarised over replications.

use crate::experiment::{QueueCurveSummary, SeasonResults, StopMetric};
use crate::report::charts::QueueCurve;
use crate::scenario::SeasonStop;

/// Lower edge of the queue chart's band: the 10th percentile over replications.
pub const QUEUE_BAND_LOW_Q: f64 = 0.1;
/// Upper edge of the queue chart's band: the 90th percentile over replications.
pub const QUEUE_BAND_HIGH_Q: f64 = 0.9;

/// Index of the stop with the most clients (mean arrivals over replications); the first of
/// equals. `None` for an empty season.
pub fn busiest_stop(results: &SeasonResults) -> Option<usize> {
    let arrivals = |i: usize| results.stops[i].get(StopMetric::Arrivals).mean;
    (0..results.stops.len()).reduce(|best, i| if arrivals(i) > arrivals(best) { i } else { best })
}

/// "Kiskőrös, 2020-09-14": the settlement as KSH spells it (or the stop's label) and the date.
pub fn stop_label(stop: &SeasonStop) -> String {
    format!("{}, {}", stop.settlement, stop.date)
}

/// The chart input: mean and 10–90 % band of the number waiting at each sampling time.
pub fn queue_curve_input(stop: &SeasonStop, summary: &QueueCurveSummary) -> QueueCurve {
    QueueCurve {
        stop_label: stop_label(stop),
        minutes: summary.minutes.clone(),
        mean_waiting: summary.means(),
        p10_waiting: summary.quantiles(QUEUE_BAND_LOW_Q),
        p90_waiting: summary.quantiles(QUEUE_BAND_HIGH_Q),
        dwell_min: stop.spec.dwell_min,
        opening_min: stop.start_min,
    }
}

//! Pure statistics: streaming accumulators, confidence intervals, percentiles, histograms, count distributions.

mod accumulator;
mod count_distribution;
mod histogram;
mod packed_ranges;
mod paired;
mod percentile;
mod range_sketch;

pub use accumulator::{CONFIDENCE_LEVEL, Estimate, MeanAccumulator, RatioAccumulator, t_quantile};
pub use count_distribution::{CountDistribution, PredictiveInterval};
pub use histogram::Histogram;
pub use packed_ranges::PackedRanges;
pub use paired::{VarianceReduction, bonferroni_half_width};
pub use percentile::{WAIT_PERCENTILE, percentile_type7, wait_p90};
pub use range_sketch::{
    PUSH_BLOCK, RANGE_HIGH_QUANTILE, RANGE_LOW_QUANTILE, RangeSketch, STOP_RANGE_CELLS_MAX, SeasonRange,
};

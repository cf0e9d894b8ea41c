//! Pure statistics: streaming accumulators, confidence intervals, percentiles.

mod accumulator;
mod percentile;

pub use accumulator::{Estimate, MeanAccumulator, RatioAccumulator};
pub use percentile::percentile_type7;

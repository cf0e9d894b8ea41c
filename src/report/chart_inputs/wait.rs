//! The wait chart's input: the season's wait histogram cut to the range where the waits are, in
//! bars wide enough to read.

use crate::report::charts::WaitDistribution;
use crate::stats::Histogram;

/// Most bars the wait chart shows (about 14 px each on the 1000-px chart).
pub const MAX_WAIT_BARS: usize = 60;
/// The chart shows at least this multiple of the target, so the target line sits inside it.
const MIN_RANGE_PER_TARGET: f64 = 2.0;
/// The chart shows the waits of at least this share of served clients before its overflow bar.
const SHOWN_SHARE: f64 = 0.99;
/// The shown range is rounded up to a multiple of this, minutes.
const RANGE_ROUNDING_MIN: f64 = 10.0;

/// The histogram regrouped for display: the regular bins cover 0 to the larger of twice the target
/// and the 99th percentile (rounded up to 10 min, at most the histogram's range), merged by a
/// whole factor so that there are at most [`MAX_WAIT_BARS`]; longer waits go to the overflow bar.
/// Merging whole bins keeps every count exact (the share below the target is unchanged when the
/// target is a multiple of the new bin width).
pub fn wait_input(waits: &Histogram, target_min: f64, subtitle: Option<String>) -> WaitDistribution {
    let regular = waits.counts.len().saturating_sub(1);
    let width = waits.bin_width;
    if regular == 0 {
        return WaitDistribution::from_histogram(waits, target_min, subtitle);
    }
    let wanted_min = (MIN_RANGE_PER_TARGET * target_min).max(quantile_edge_min(waits, SHOWN_SHARE));
    let wanted_min = (wanted_min / RANGE_ROUNDING_MIN).ceil() * RANGE_ROUNDING_MIN;
    let wanted_bins = ((wanted_min / width).ceil() as usize).clamp(1, regular);
    let factor = wanted_bins.div_ceil(MAX_WAIT_BARS);
    let shown_bins = (wanted_bins.div_ceil(factor) * factor).min(regular / factor * factor);
    let mut counts: Vec<u64> = waits.counts[..shown_bins]
        .chunks(factor)
        .map(|chunk| chunk.iter().sum())
        .collect();
    counts.push(waits.counts[shown_bins..].iter().sum());
    WaitDistribution {
        subtitle,
        bin_width_min: width * factor as f64,
        counts,
        target_min,
    }
}

/// The smallest bin edge below which at least `share` of the values lie, minutes.
fn quantile_edge_min(waits: &Histogram, share: f64) -> f64 {
    let total = waits.total();
    let mut running = 0u64;
    for (k, &c) in waits.counts.iter().enumerate() {
        running += c;
        if running as f64 >= share * total as f64 {
            return (k + 1) as f64 * waits.bin_width;
        }
    }
    waits.counts.len() as f64 * waits.bin_width
}

#[cfg(test)]
mod tests {
    use super::*;

    fn histogram(values: &[f64]) -> Histogram {
        let mut h = Histogram::new(1.0, 240);
        for &v in values {
            h.add(v);
        }
        h
    }

    #[test]
    fn short_waits_keep_one_minute_bars_up_to_twice_the_target() {
        let h = histogram(&[0.0, 0.0, 0.5, 3.2, 7.9, 12.0, 19.9, 25.0]);
        let w = wait_input(&h, 20.0, None);
        assert_eq!(w.bin_width_min, 1.0);
        assert_eq!(w.counts.len(), 41, "40 one-minute bars and the overflow");
        assert_eq!(w.counts[0], 3);
        assert_eq!(w.counts.iter().sum::<u64>(), 8);
        assert!((w.share_below(20.0) - 7.0 / 8.0).abs() < 1e-12);
    }

    #[test]
    fn long_waits_are_merged_into_wider_bars_and_the_rest_overflows() {
        // 99 waits spread over 0–147 min and one of 300 min: the 99th percentile edge is 148 min,
        // rounded up to 150; 150 one-minute bins need 3-minute bars (50 bars).
        let mut values: Vec<f64> = (0..99).map(|k| f64::from(k) * 1.5).collect();
        values.push(300.0);
        let h = histogram(&values);
        let w = wait_input(&h, 20.0, None);
        assert_eq!(w.bin_width_min, 3.0);
        assert_eq!(w.counts.len(), 51);
        assert_eq!(*w.counts.last().unwrap(), 1, "only the 300-min wait overflows");
        assert_eq!(w.counts.iter().sum::<u64>(), 100);
        // Waits below 21 min: 0, 1.5, ..., 19.5 (14 values), exact at a bar edge.
        assert!((w.share_below(21.0) - 0.14).abs() < 1e-12);
    }

    #[test]
    fn waits_beyond_the_histogram_keep_its_whole_range() {
        let h = histogram(&[500.0, 600.0, 1.0]);
        let w = wait_input(&h, 20.0, None);
        assert_eq!(w.bin_width_min * (w.counts.len() - 1) as f64, 240.0);
        assert_eq!(*w.counts.last().unwrap(), 2);
    }
}

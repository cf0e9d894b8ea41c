//! Streaming summaries over replications: per stop, per group and pooled ratios (constant memory).

use serde::Serialize;

use super::CHUNK_REPLICATIONS;
use super::metrics::{GroupMetric, GroupReplication, GroupTally, Metric, MetricEstimates, StopMetric, StopReplication};
use crate::sim::StopOutcome;
use crate::stats::{
    Estimate, MeanAccumulator, PackedRanges, RangeSketch, RatioAccumulator, STOP_RANGE_CELLS_MAX, SeasonRange, wait_p90,
};

/// Ratios of expectations, estimated by pooling over replications (ΣX/ΣY), e.g. the mean wait over
/// all served clients E[Σ waits]/E[served]. This is what queueing theory's "mean wait" means.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(super) struct PooledAcc {
    /// Σ waits / Σ served, minutes.
    wait_mean_min: RatioAccumulator,
    /// Σ served within the wait target / Σ served.
    share_within_target: RatioAccumulator,
    /// Σ (reneged + balked + turned away) / Σ arrivals.
    lost_share: RatioAccumulator,
    /// Σ delayed (had to queue) / Σ arrivals: the probability of waiting.
    delayed_share: RatioAccumulator,
    /// Σ reneged / Σ arrivals: the probability of abandoning.
    reneged_share: RatioAccumulator,
}

/// Pooled ratio estimates with their 95 % half-widths (delta method).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Pooled {
    pub wait_mean_min: Estimate,
    pub share_within_target: Estimate,
    pub lost_share: Estimate,
    pub delayed_share: Estimate,
    pub reneged_share: Estimate,
}

/// Per-replication counts that feed [`PooledAcc`].
#[derive(Debug, Clone, Copy)]
pub(super) struct PooledCounts {
    pub wait_total_min: f64,
    pub served: u32,
    pub served_within_target: u32,
    pub lost: u32,
    pub delayed: u32,
    pub reneged: u32,
    pub arrivals: u32,
}

impl PooledCounts {
    /// This replication's own value of each pooled ratio, in [`PooledRanges`] order (`None` when
    /// its denominator is 0).
    fn ratios(&self) -> [Option<f64>; POOLED_RATIOS] {
        let ratio = |x: f64, y: u32| (y > 0).then(|| x / f64::from(y));
        [
            ratio(self.wait_total_min, self.served),
            ratio(f64::from(self.served_within_target), self.served),
            ratio(f64::from(self.lost), self.arrivals),
            ratio(f64::from(self.delayed), self.arrivals),
            ratio(f64::from(self.reneged), self.arrivals),
        ]
    }
}

/// Number of pooled ratios ([`Pooled`]'s fields).
const POOLED_RATIOS: usize = 5;

/// One season's (or one stop's) range of each pooled ratio: the 5th–95th percentiles of its
/// per-replication values (`None` when no replication had a value or ranges were not kept).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct PooledRanges {
    pub wait_mean_min: Option<SeasonRange>,
    pub share_within_target: Option<SeasonRange>,
    pub lost_share: Option<SeasonRange>,
    pub delayed_share: Option<SeasonRange>,
    pub reneged_share: Option<SeasonRange>,
}

/// Replications whose range values a [`RangeAcc`] keeps as plain values before folding them into
/// its sketches: one chunk's worth, so that a chunk being simulated only appends values (cheap, and
/// 8 bytes a value), and the sketches are updated once per chunk, when chunks are merged.
const PENDING_REPLICATIONS: usize = CHUNK_REPLICATIONS as usize;

/// Per-replication values of every metric of a family and of the pooled ratios, kept for their
/// season ranges. One replication is a row of values: the family's metrics in [`Metric::ALL`]
/// order, then the pooled ratios other than the wait mean (a replication's pooled wait mean is
/// its `wait_mean_min` metric, so that metric's range is the pooled one); NaN: no value.
#[derive(Debug, Clone, PartialEq)]
struct RangeAcc {
    /// Metrics of the family.
    metrics: usize,
    /// Position of the family's `wait_mean_min` among its metrics.
    wait_mean_metric: usize,
    /// Rows not yet in the sketches (at most [`PENDING_REPLICATIONS`]).
    pending: Pending,
    /// One sketch per value of a row.
    sketches: Sketches,
}

/// The sketches of a [`RangeAcc`], one per value of a row.
#[derive(Debug, Clone, PartialEq)]
enum Sketches {
    /// A stop's in a season of more than [`PLAIN_RANGE_STOPS_MAX`] stops: a season may have
    /// thousands of stops, so they are kept packed.
    Packed(PackedRanges),
    /// A group's (a few dozen groups, with finer sketches), or a stop's in a season of at most
    /// [`PLAIN_RANGE_STOPS_MAX`] stops: kept as they are, updated without unpacking.
    Plain(Vec<RangeSketch>),
}

/// Largest season whose stops keep their range sketches unpacked. A stop's unpacked sketches take
/// at most (15 metrics + 4 pooled ratios) × ([`STOP_RANGE_CELLS_MAX`] + [`crate::stats::PUSH_BLOCK`]) cells of 8
/// bytes, about 12 KB, so 1,000 stops hold about 12 MB, and only the run's total has full sketches
/// (a chunk's are empty until merged); packing them would save about three quarters of that, at
/// the cost of unpacking and packing every sketch of every stop once per chunk (about a fifth of a
/// 196-stop season's run time, measured). Larger (national) seasons keep them packed.
pub(crate) const PLAIN_RANGE_STOPS_MAX: usize = 1_000;

/// Pooled ratios with a sketch of their own: all but the wait mean.
const POOLED_RANGED: usize = POOLED_RATIOS - 1;

impl RangeAcc {
    /// A stop family's ranges (`metrics` metrics, `wait_mean_min` at `wait_mean_metric`) in a season
    /// of `season_stops` stops (packed beyond [`PLAIN_RANGE_STOPS_MAX`]).
    fn for_stop(metrics: usize, wait_mean_metric: usize, season_stops: usize) -> Self {
        let width = metrics + POOLED_RANGED;
        let sketches = if season_stops <= PLAIN_RANGE_STOPS_MAX {
            Sketches::Plain((0..width).map(|_| RangeSketch::default()).collect())
        } else {
            Sketches::Packed(PackedRanges::new(width, STOP_RANGE_CELLS_MAX))
        };
        Self::new(metrics, wait_mean_metric, sketches, Pending::Stop(StopRows::default()))
    }

    /// A group family's ranges.
    fn for_group(metrics: usize, wait_mean_metric: usize) -> Self {
        let width = metrics + POOLED_RANGED;
        let sketches = Sketches::Plain((0..width).map(|_| RangeSketch::for_group()).collect());
        Self::new(metrics, wait_mean_metric, sketches, Pending::Plain(Vec::new()))
    }

    fn new(metrics: usize, wait_mean_metric: usize, sketches: Sketches, pending: Pending) -> Self {
        Self {
            metrics,
            wait_mean_metric,
            pending,
            sketches,
        }
    }

    /// Values in one row.
    fn width(&self) -> usize {
        self.metrics + POOLED_RANGED
    }

    fn push(&mut self, values: &[Option<f64>], counts: &PooledCounts) {
        let width = self.width();
        if self.pending.rows(width) >= PENDING_REPLICATIONS {
            let rows = self.pending.take_rows(width);
            self.fold(&rows);
        }
        let ratios = counts.ratios();
        debug_assert_eq!(
            values[self.wait_mean_metric].map(f64::to_bits),
            ratios[0].map(f64::to_bits),
            "the pooled wait mean of one replication is its wait_mean_min"
        );
        match &mut self.pending {
            Pending::Plain(rows) => {
                if rows.capacity() == 0 {
                    rows.reserve_exact(PENDING_REPLICATIONS * width);
                }
                let row = values.iter().chain(&ratios[1..]);
                rows.extend(row.map(|v| v.unwrap_or(f64::NAN)));
            }
            Pending::Stop(rows) => rows.push(values, counts),
        }
    }

    /// Adds `rows` (row after row) to the sketches.
    fn fold(&mut self, rows: &[f64]) {
        if rows.is_empty() {
            return;
        }
        let width = self.width();
        let add_column = |index: usize, sketch: &mut RangeSketch| {
            sketch.push_all(rows.chunks_exact(width).map(|row| row[index]));
        };
        match &mut self.sketches {
            Sketches::Packed(packed) => packed.update(add_column),
            Sketches::Plain(sketches) => sketches.iter_mut().enumerate().for_each(|(i, s)| add_column(i, s)),
        }
    }

    fn merge(&mut self, o: &Self) {
        self.fold(&o.pending.rows_f64(o.width()));
        match (&mut self.sketches, &o.sketches) {
            (Sketches::Packed(a), Sketches::Packed(b)) => a.merge(b),
            (Sketches::Plain(a), Sketches::Plain(b)) => a.iter_mut().zip(b).for_each(|(a, b)| a.merge(b)),
            _ => unreachable!("a stop's ranges merge with a stop's, a group's with a group's"),
        }
    }

    /// Every sketch with the pending rows in it.
    fn sketches(&self) -> Vec<RangeSketch> {
        let mut all = self.clone();
        let pending = all.pending.take_rows(all.width());
        all.fold(&pending);
        match all.sketches {
            Sketches::Packed(packed) => packed.unpacked(),
            Sketches::Plain(sketches) => sketches,
        }
    }

    /// The metrics' ranges and the pooled ranges.
    fn ranges(&self) -> (Vec<Option<SeasonRange>>, PooledRanges) {
        let ranges: Vec<Option<SeasonRange>> = self.sketches().iter().map(RangeSketch::range).collect();
        let (metric_ranges, pooled) = ranges.split_at(self.metrics);
        let pooled = PooledRanges {
            wait_mean_min: metric_ranges[self.wait_mean_metric],
            share_within_target: pooled[0],
            lost_share: pooled[1],
            delayed_share: pooled[2],
            reneged_share: pooled[3],
        };
        (metric_ranges.to_vec(), pooled)
    }
}

/// The rows of a [`RangeAcc`] not yet in its sketches.
#[derive(Debug, Clone, PartialEq)]
enum Pending {
    /// A group's: every value of a row as an f64 (NaN: no value), row after row.
    Plain(Vec<f64>),
    /// A stop's, in about half the bytes (see [`StopRows`]): the chunks being simulated hold one
    /// such buffer per stop, most of a national season's memory.
    Stop(StopRows),
}

impl Pending {
    /// Rows held, `width` values each.
    fn rows(&self, width: usize) -> usize {
        match self {
            Pending::Plain(values) => values.len() / width,
            Pending::Stop(rows) => rows.rows(),
        }
    }

    /// The rows as f64 values, row after row (`width` each), as a [`RangeAcc`] folds them.
    fn rows_f64(&self, width: usize) -> std::borrow::Cow<'_, [f64]> {
        match self {
            Pending::Plain(values) => std::borrow::Cow::Borrowed(values),
            Pending::Stop(rows) => std::borrow::Cow::Owned(rows.decoded(width)),
        }
    }

    /// The rows as f64 values, emptying the buffer.
    fn take_rows(&mut self, width: usize) -> Vec<f64> {
        match self {
            Pending::Plain(values) => std::mem::take(values),
            Pending::Stop(rows) => {
                let decoded = rows.decoded(width);
                rows.clear();
                decoded
            }
        }
    }
}

/// Whether a stop metric's per-replication value is always a count (a whole number of clients or
/// errands, far below `u32::MAX`:
/// [`crate::vocab::limits::MAX_DRAWN_CLIENTS_PER_DAY`] clients a day at most): such values are kept as `u32`.
fn is_count(metric: StopMetric) -> bool {
    match metric {
        StopMetric::Arrivals
        | StopMetric::Served
        | StopMetric::Reneged
        | StopMetric::Balked
        | StopMetric::TurnedAway
        | StopMetric::Uses
        | StopMetric::InformationUses
        | StopMetric::QueueMax
        | StopMetric::WaitingAtClose
        | StopMetric::Delayed => true,
        StopMetric::WaitMean
        | StopMetric::WaitP90
        | StopMetric::QueueAvg
        | StopMetric::Utilisation
        | StopMetric::Overtime => false,
    }
}

/// Stop metrics that are counts ([`is_count`]).
const STOP_COUNTS: usize = 10;
/// The other stop metrics, kept as f64.
const STOP_REALS: usize = StopMetric::COUNT - STOP_COUNTS;
/// Counts kept per row: the count metrics, then served within the wait target (the only count
/// the pooled ratios need that is not a metric).
const ROW_COUNTS: usize = STOP_COUNTS + 1;

/// A stop's pending rows, compact: its count metrics as `u32`, its other metrics as f64 (NaN: no
/// value) and the served-within-target count, 84 bytes a row instead of 152. The pooled ratios are
/// not kept: they are recomputed from the counts when the rows are folded, by
/// [`PooledCounts::ratios`] itself, so the folded values are bit for bit those of a plain row.
#[derive(Debug, Clone, Default, PartialEq)]
struct StopRows {
    /// [`ROW_COUNTS`] counts a row, row after row.
    counts: Vec<u32>,
    /// [`STOP_REALS`] values a row, row after row.
    reals: Vec<f64>,
}

impl StopRows {
    fn rows(&self) -> usize {
        self.reals.len() / STOP_REALS
    }

    fn clear(&mut self) {
        self.counts.clear();
        self.reals.clear();
    }

    fn push(&mut self, values: &[Option<f64>], counts: &PooledCounts) {
        if self.reals.capacity() == 0 {
            self.counts.reserve_exact(PENDING_REPLICATIONS * ROW_COUNTS);
            self.reals.reserve_exact(PENDING_REPLICATIONS * STOP_REALS);
        }
        for (&metric, &value) in StopMetric::ALL.iter().zip(values) {
            if is_count(metric) {
                let count = value.map_or(u32::MAX, |v| v as u32);
                assert!(
                    value.is_some_and(|v| f64::from(count) == v) && count != u32::MAX,
                    "stop metric {} is a count in every replication",
                    metric.name()
                );
                self.counts.push(count);
            } else {
                self.reals.push(value.unwrap_or(f64::NAN));
            }
        }
        self.counts.push(counts.served_within_target);
    }

    /// The rows as a plain [`RangeAcc`] row holds them (`width` values each).
    fn decoded(&self, width: usize) -> Vec<f64> {
        let mut out = Vec::with_capacity(self.rows() * width);
        for (counts, reals) in self
            .counts
            .chunks_exact(ROW_COUNTS)
            .zip(self.reals.chunks_exact(STOP_REALS))
        {
            let mut by_metric = [0u32; StopMetric::COUNT];
            let (mut next_count, mut next_real) = (counts.iter(), reals.iter());
            for &metric in &StopMetric::ALL {
                if is_count(metric) {
                    let count = *next_count.next().expect("a row's counts");
                    by_metric[metric.index()] = count;
                    out.push(f64::from(count));
                } else {
                    out.push(*next_real.next().expect("a row's values"));
                }
            }
            let of = |metric: StopMetric| by_metric[metric.index()];
            let pooled = PooledCounts {
                wait_total_min: f64::NAN, // the wait mean is a metric of the row already
                served: of(StopMetric::Served),
                served_within_target: counts[STOP_COUNTS],
                lost: of(StopMetric::Reneged) + of(StopMetric::Balked) + of(StopMetric::TurnedAway),
                delayed: of(StopMetric::Delayed),
                reneged: of(StopMetric::Reneged),
                arrivals: of(StopMetric::Arrivals),
            };
            out.extend(pooled.ratios()[1..].iter().map(|v| v.unwrap_or(f64::NAN)));
        }
        debug_assert_eq!(out.len(), self.rows() * width);
        out
    }
}

/// The ranges of an optional [`RangeAcc`]: per metric (none kept, an empty list, without one) and pooled.
fn ranges_of(acc: Option<&RangeAcc>) -> (Vec<Option<SeasonRange>>, PooledRanges) {
    acc.map_or_else(|| (Vec::new(), PooledRanges::default()), RangeAcc::ranges)
}

/// Merges optional range accumulators (both sides track ranges, or neither does).
fn merge_ranges(a: &mut Option<Box<RangeAcc>>, b: Option<&RangeAcc>) {
    if let (Some(a), Some(b)) = (a.as_mut(), b) {
        a.merge(b);
    }
}

impl PooledAcc {
    fn push(&mut self, c: &PooledCounts) {
        let (served, arrivals) = (f64::from(c.served), f64::from(c.arrivals));
        self.wait_mean_min.push(c.wait_total_min, served);
        self.share_within_target.push(f64::from(c.served_within_target), served);
        self.lost_share.push(f64::from(c.lost), arrivals);
        self.delayed_share.push(f64::from(c.delayed), arrivals);
        self.reneged_share.push(f64::from(c.reneged), arrivals);
    }

    fn merge(&mut self, o: &Self) {
        self.wait_mean_min.merge(&o.wait_mean_min);
        self.share_within_target.merge(&o.share_within_target);
        self.lost_share.merge(&o.lost_share);
        self.delayed_share.merge(&o.delayed_share);
        self.reneged_share.merge(&o.reneged_share);
    }

    fn summary(&self) -> Pooled {
        Pooled {
            wait_mean_min: self.wait_mean_min.estimate(),
            share_within_target: self.share_within_target.estimate(),
            lost_share: self.lost_share.estimate(),
            delayed_share: self.delayed_share.estimate(),
            reneged_share: self.reneged_share.estimate(),
        }
    }
}

/// Summary of one stop or group over all replications; `M` is the metric family (stop or group).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(bound(serialize = "M: Metric"))]
pub struct Summary<M> {
    /// Replication means of each metric with 95 % half-widths, in output-column order.
    pub metrics: MetricEstimates<M>,
    /// Pooled ratio estimates.
    pub pooled: Pooled,
    /// The season range of each pooled ratio.
    pub pooled_range: PooledRanges,
}

/// Summary of one stop over replications.
pub type StopSummary = Summary<StopMetric>;
/// Summary of a group of stops (the season, a district, a week) over replications.
pub type GroupSummary = Summary<GroupMetric>;

impl<M: Metric> Summary<M> {
    /// The estimate of `metric`.
    pub fn get(&self, metric: M) -> Estimate {
        self.metrics.get(metric)
    }

    /// The season range of `metric` (`None`: not kept, or no replication had a value).
    pub fn range(&self, metric: M) -> Option<SeasonRange> {
        self.metrics.range(metric)
    }
}

/// Accumulates one stop over replications.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StopAcc {
    metrics: [MeanAccumulator; StopMetric::COUNT],
    pooled: PooledAcc,
    /// Per-replication values for the season ranges (`None`: only means are wanted, as in searches).
    ranges: Option<Box<RangeAcc>>,
    /// The wait p90 is not computed (searches: no target reads it, and no output shows a
    /// candidate's; its per-replication percentile was 4 % of a staffing search).
    without_wait_p90: bool,
}

impl StopAcc {
    /// An accumulator for a search's candidate: means only, and no wait p90 (its estimate has no
    /// observation).
    pub fn for_search() -> Self {
        Self {
            without_wait_p90: true,
            ..Self::default()
        }
    }

    /// An accumulator that also keeps the season range of every metric, for a stop of a season of
    /// `season_stops` stops (which decides how its ranges are stored, not what they are).
    pub fn with_ranges(season_stops: usize) -> Self {
        Self {
            ranges: Some(Box::new(RangeAcc::for_stop(
                StopMetric::COUNT,
                StopMetric::WaitMean.index(),
                season_stops,
            ))),
            ..Self::default()
        }
    }

    /// Adds one replication: the engine's outcome and its served clients' waits, minutes (reordered
    /// in place by the percentile).
    pub fn push(&mut self, o: &StopOutcome, waits: &mut [f64]) {
        let replication = StopReplication {
            outcome: o,
            wait_p90_min: if self.without_wait_p90 { None } else { wait_p90(waits) },
        };
        let values = StopMetric::values(&replication);
        for (acc, v) in self.metrics.iter_mut().zip(values) {
            acc.push_opt(v);
        }
        let counts = PooledCounts {
            wait_total_min: o.wait_total_min,
            served: o.served,
            served_within_target: o.served_within_target,
            lost: o.lost(),
            delayed: o.delayed,
            reneged: o.reneged,
            arrivals: o.arrivals,
        };
        self.pooled.push(&counts);
        if let Some(ranges) = &mut self.ranges {
            ranges.push(&values, &counts);
        }
    }

    pub fn merge(&mut self, o: &Self) {
        self.metrics.iter_mut().zip(&o.metrics).for_each(|(a, b)| a.merge(b));
        self.pooled.merge(&o.pooled);
        merge_ranges(&mut self.ranges, o.ranges.as_deref());
    }

    pub fn summary(&self) -> StopSummary {
        summary(&self.metrics, &self.pooled, self.ranges.as_deref())
    }
}

/// Accumulates one group of stops (the season, a district, a week) over replications.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GroupAcc {
    metrics: [MeanAccumulator; GroupMetric::COUNT],
    pooled: PooledAcc,
    /// Per-replication values for the season ranges (`None`: only means are wanted).
    ranges: Option<Box<RangeAcc>>,
}

impl GroupAcc {
    /// An accumulator that also keeps the season range of every metric.
    pub fn with_ranges() -> Self {
        Self {
            ranges: Some(Box::new(RangeAcc::for_group(
                GroupMetric::COUNT,
                GroupMetric::WaitMean.index(),
            ))),
            ..Self::default()
        }
    }

    /// Adds one replication's tally; `wait_p90_min` is the percentile over the group's waits.
    pub fn push(&mut self, t: &GroupTally, wait_p90_min: Option<f64>) {
        let replication = GroupReplication { tally: t, wait_p90_min };
        let values = GroupMetric::values(&replication);
        for (acc, v) in self.metrics.iter_mut().zip(values) {
            acc.push_opt(v);
        }
        let counts = PooledCounts {
            wait_total_min: t.wait_total_min,
            served: t.served,
            served_within_target: t.served_within_target,
            lost: t.lost(),
            delayed: t.delayed,
            reneged: t.reneged,
            arrivals: t.arrivals,
        };
        self.pooled.push(&counts);
        if let Some(ranges) = &mut self.ranges {
            ranges.push(&values, &counts);
        }
    }

    pub fn merge(&mut self, o: &Self) {
        self.metrics.iter_mut().zip(&o.metrics).for_each(|(a, b)| a.merge(b));
        self.pooled.merge(&o.pooled);
        merge_ranges(&mut self.ranges, o.ranges.as_deref());
    }

    pub fn summary(&self) -> GroupSummary {
        summary(&self.metrics, &self.pooled, self.ranges.as_deref())
    }
}

/// The summary of a family's accumulators, in [`Metric::ALL`] order.
fn summary<M: Metric>(accs: &[MeanAccumulator], pooled: &PooledAcc, ranges: Option<&RangeAcc>) -> Summary<M> {
    let (metric_ranges, pooled_range) = ranges_of(ranges);
    Summary {
        metrics: estimates(accs).with_ranges(metric_ranges),
        pooled: pooled.summary(),
        pooled_range,
    }
}

/// The estimates of a family's accumulators, in [`Metric::ALL`] order (no ranges).
pub(crate) fn estimates<M: Metric>(accs: &[MeanAccumulator]) -> MetricEstimates<M> {
    MetricEstimates::from_ordered(accs.iter().map(MeanAccumulator::estimate))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Outcomes of several shapes: nobody served, nobody arriving, everyone lost, ordinary days.
    fn outcomes() -> Vec<(StopOutcome, Vec<f64>)> {
        (0..40u32)
            .map(|i| {
                let arrivals = (i * 7) % 31;
                let served = if i % 5 == 0 { 0 } else { arrivals.saturating_sub(i % 4) };
                let waits: Vec<f64> = (0..served).map(|k| f64::from((k * 13 + i) % 17) * 0.37).collect();
                let wait_total_min: f64 = waits.iter().sum();
                let outcome = StopOutcome {
                    arrivals,
                    served,
                    reneged: (arrivals - served).min(i % 3),
                    balked: (arrivals - served).saturating_sub(i % 3).min(1),
                    turned_away: (arrivals - served).saturating_sub(i % 3 + 1),
                    delayed: served / 2,
                    served_within_target: served * 2 / 3,
                    uses: served + i % 6,
                    information_uses: i % 2,
                    wait_total_min,
                    wait_mean_min: (served > 0).then_some(wait_total_min / f64::from(served)),
                    queue_avg: f64::from(i) / 7.0,
                    queue_max: i % 9,
                    waiting_at_close: i % 2,
                    utilisation: f64::from(i % 10) / 11.0,
                    overtime_min: f64::from(i % 4) * 1.5,
                };
                (outcome, waits)
            })
            .collect()
    }

    /// A stop of a large season (packed sketches) and of a small one (plain sketches) give the
    /// same summaries bit for bit, over several chunks merged in order and with rows pending.
    #[test]
    fn packed_and_plain_stop_sketches_give_the_same_summary() {
        let mut packed = StopAcc::with_ranges(PLAIN_RANGE_STOPS_MAX + 1);
        let mut plain = StopAcc::with_ranges(PLAIN_RANGE_STOPS_MAX);
        assert!(matches!(packed.ranges.as_ref().unwrap().sketches, Sketches::Packed(_)));
        assert!(matches!(plain.ranges.as_ref().unwrap().sketches, Sketches::Plain(_)));
        for round in 0..3 {
            let (mut packed_chunk, mut plain_chunk) = (packed.clone(), plain.clone());
            for (outcome, waits) in outcomes().iter().skip(round) {
                packed_chunk.push(outcome, &mut waits.clone());
                plain_chunk.push(outcome, &mut waits.clone());
            }
            packed.merge(&packed_chunk);
            plain.merge(&plain_chunk);
            assert_eq!(packed.summary(), plain.summary(), "round {round}");
        }
    }

    #[test]
    fn compact_stop_rows_fold_the_same_values_as_plain_rows() {
        let mut compact = StopAcc::with_ranges(1);
        let mut plain = StopAcc::with_ranges(1);
        if let Some(ranges) = plain.ranges.as_mut() {
            ranges.pending = Pending::Plain(Vec::new());
        }
        let mut batch_compact = Vec::new();
        let mut batch_plain = Vec::new();
        for (outcome, waits) in outcomes() {
            compact.push(&outcome, &mut waits.clone());
            plain.push(&outcome, &mut waits.clone());
            let (c, p) = (compact.ranges.as_ref().unwrap(), plain.ranges.as_ref().unwrap());
            let width = c.width();
            batch_compact.push(
                c.pending
                    .rows_f64(width)
                    .iter()
                    .map(|v| v.to_bits())
                    .collect::<Vec<_>>(),
            );
            batch_plain.push(
                p.pending
                    .rows_f64(width)
                    .iter()
                    .map(|v| v.to_bits())
                    .collect::<Vec<_>>(),
            );
        }
        assert_eq!(batch_compact, batch_plain);
        assert!(matches!(compact.ranges.as_ref().unwrap().pending, Pending::Stop(_)));
        assert_eq!(compact.summary(), plain.summary());
    }

    #[test]
    fn the_count_metrics_are_counted_right() {
        assert_eq!(StopMetric::ALL.iter().filter(|&&m| is_count(m)).count(), STOP_COUNTS);
    }
}

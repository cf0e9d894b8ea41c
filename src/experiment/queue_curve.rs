//! The queue over one stop's opening hours: the number waiting, sampled on a fixed time grid in every
//! replication and summarised per grid time over replications (mean, quantiles) in constant memory.
//!
//! The stop is simulated with the same random streams as in the season run (they depend only on the
//! seed, the stop's index and the replication), so the curve describes the same simulated days as
//! the stop's row in `stops.csv`.

use super::{ExperimentError, RunSettings, in_chunks, with_threads};
use crate::sim::{DayRules, Engine, Observer, PreparedStop, StreamKey};
use crate::stats::CountDistribution;

/// Sampling step of the queue curve, minutes: a 2–5 hour stop gets 25–61 points, fine enough for
/// the queue's build-up after opening and its drain after closing.
pub const QUEUE_SAMPLE_STEP_MIN: f64 = 5.0;
/// Minutes after closing that the curve still follows when those waiting at closing are served
/// (overtime); under `turn_away` nobody waits after closing and the curve ends there.
pub const QUEUE_OVERTIME_VIEW_MIN: f64 = 60.0;
/// Tolerance when the grid's end falls on a step (floating-point division), in steps.
const GRID_END_TOLERANCE_STEPS: f64 = 1e-9;

/// Sampling times 0, step, 2·step, ... (minutes after opening).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QueueGrid {
    /// Time between samples, minutes (> 0).
    pub step_min: f64,
    /// Number of sampling times, the first at 0.
    pub points: usize,
}

impl QueueGrid {
    /// Every multiple of `step_min` in `[0, end_min]`.
    pub fn new(step_min: f64, end_min: f64) -> Self {
        let steps = (end_min.max(0.0) / step_min + GRID_END_TOLERANCE_STEPS).floor() as usize;
        Self {
            step_min,
            points: steps + 1,
        }
    }

    /// The grid for a stop: every [`QUEUE_SAMPLE_STEP_MIN`] over the opening hours, and for
    /// [`QUEUE_OVERTIME_VIEW_MIN`] more when those waiting at closing are served.
    pub fn for_stop(rules: &DayRules) -> Self {
        let overtime_view = if rules.closing.serves_waiting_at_close() {
            QUEUE_OVERTIME_VIEW_MIN
        } else {
            0.0
        };
        Self::new(QUEUE_SAMPLE_STEP_MIN, rules.dwell_min + overtime_view)
    }

    /// The `k`-th sampling time, minutes.
    #[inline]
    pub fn time_min(&self, k: usize) -> f64 {
        k as f64 * self.step_min
    }

    /// Every sampling time, minutes.
    pub fn minutes(&self) -> Vec<f64> {
        (0..self.points).map(|k| self.time_min(k)).collect()
    }
}

/// An observer that records the number waiting at each grid time of one stop-day. The number
/// waiting is a step function; the sample at time t is its value after every event at t.
#[derive(Debug, Clone)]
pub struct QueueSampler {
    grid: QueueGrid,
    /// Clients waiting now.
    waiting: u32,
    /// Samples taken so far, one per grid time already passed.
    samples: Vec<u32>,
}

impl QueueSampler {
    pub fn new(grid: QueueGrid) -> Self {
        Self {
            grid,
            waiting: 0,
            samples: Vec::with_capacity(grid.points),
        }
    }

    /// Forgets the last day (the stop opens empty).
    pub fn reset(&mut self) {
        self.waiting = 0;
        self.samples.clear();
    }

    /// The day's samples, one per grid time; call after the day was simulated.
    pub fn finish(&mut self) -> &[u32] {
        self.sample_until(f64::INFINITY);
        &self.samples
    }

    /// Samples the current value at every grid time before `t_min`.
    #[inline]
    fn sample_until(&mut self, t_min: f64) {
        while self.samples.len() < self.grid.points && self.grid.time_min(self.samples.len()) < t_min {
            self.samples.push(self.waiting);
        }
    }
}

impl Observer for QueueSampler {
    #[inline]
    fn queue_changed(&mut self, time_min: f64, waiting: u32) {
        self.sample_until(time_min);
        self.waiting = waiting;
    }
}

/// The number waiting at each grid time, over all replications.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueCurveSummary {
    /// Sampling times, minutes after opening.
    pub minutes: Vec<f64>,
    /// At each sampling time, how many replications had 0, 1, 2, ... clients waiting.
    pub waiting: Vec<CountDistribution>,
    pub replications: u32,
}

impl QueueCurveSummary {
    fn empty(grid: &QueueGrid, replications: u32) -> Self {
        Self {
            minutes: grid.minutes(),
            waiting: vec![CountDistribution::new(); grid.points],
            replications,
        }
    }

    fn merge(&mut self, other: &Self) {
        self.waiting
            .iter_mut()
            .zip(&other.waiting)
            .for_each(|(a, b)| a.merge(b));
    }

    /// Mean number waiting at each sampling time, clients.
    pub fn means(&self) -> Vec<f64> {
        self.waiting.iter().map(CountDistribution::mean).collect()
    }

    /// The `q`-quantile over replications (type 7) of the number waiting at each sampling time.
    pub fn quantiles(&self, q: f64) -> Vec<f64> {
        self.waiting
            .iter()
            .map(|d| d.quantile_type7(q).unwrap_or(f64::NAN))
            .collect()
    }
}

/// Simulates stop `stop_index` (its position in the season, which picks its random streams) for
/// every replication of `settings`, sampling its queue on `grid`. Byte-identical results with any
/// number of threads (fixed chunks merged in order).
pub fn queue_curve(
    stop: &PreparedStop,
    stop_index: usize,
    grid: &QueueGrid,
    settings: &RunSettings,
) -> Result<QueueCurveSummary, ExperimentError> {
    if settings.replications < 2 {
        return Err(ExperimentError::TooFewReplications(settings.replications));
    }
    with_threads(settings.threads, || {
        in_chunks(
            settings.replications,
            QueueCurveSummary::empty(grid, settings.replications),
            |range| {
                let mut acc = QueueCurveSummary::empty(grid, settings.replications);
                let mut engine = Engine::new();
                let mut sampler = QueueSampler::new(*grid);
                for replication in range {
                    sampler.reset();
                    let key = StreamKey {
                        seed: settings.seed,
                        stop: stop_index as u64,
                        replication,
                    };
                    stop.simulate_observed(&mut engine, key, &mut sampler);
                    for (d, &waiting) in acc.waiting.iter_mut().zip(sampler.finish()) {
                        d.push(waiting);
                    }
                }
                acc
            },
            QueueCurveSummary::merge,
            &|_| {},
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::Closing;

    #[test]
    fn grid_covers_the_dwell_and_the_overtime_view() {
        let grid = QueueGrid::new(5.0, 180.0);
        assert_eq!(grid.points, 37);
        assert_eq!(grid.minutes().last(), Some(&180.0));
        assert_eq!(QueueGrid::new(5.0, 182.0).points, 37);
        let mut rules = DayRules {
            dwell_min: 120.0,
            clerks: 2,
            balking: None,
            closing: Closing::TurnAway,
            wait_target_min: 20.0,
        };
        assert_eq!(QueueGrid::for_stop(&rules).points, 25);
        rules.closing = Closing::ServeAll;
        assert_eq!(QueueGrid::for_stop(&rules).points, 37);
    }

    #[test]
    fn samples_the_step_function_after_the_events_at_each_time() {
        // Grid 0, 10, 20, 30, 40. Queue: 1 at 5, 2 at 10, back to 1 at 10 (same time), 0 at 33.
        let mut s = QueueSampler::new(QueueGrid::new(10.0, 40.0));
        s.queue_changed(5.0, 1);
        s.queue_changed(10.0, 2);
        s.queue_changed(10.0, 1);
        s.queue_changed(33.0, 0);
        assert_eq!(s.finish(), &[0, 1, 1, 1, 0]);
        s.reset();
        assert_eq!(s.finish(), &[0, 0, 0, 0, 0]);
    }
}

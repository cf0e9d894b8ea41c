//! The exact M/M/c stop that opens empty at 0 and closes at H, by uniformisation of its Markov chain.
//!
//! Clients arrive as a Poisson process (rate λ) on [0, H), c clerks serve one FIFO queue with
//! exponential service (rate μ each), nobody abandons. The number present N(t) is a birth–death
//! chain started at 0; [`UniformisedMmc`] gives its law p(H) and occupancy ∫₀ᴴ p(t) dt exactly.
//! Units: rates per unit time, the horizon and every reported time in the same unit.
//!
//! **Truncation.** The chain is cut at K clients (births blocked at K). It agrees with the true
//! chain on every path that never exceeds K before H, so every probability is off by at most
//! P(N exceeds K before H), which is bounded by the smaller of
//! - P(more than K arrivals in [0, H)) = P(Poisson(λH) > K), and
//! - for a stable load (λ < cμ): the expected number of crossings from K to K+1,
//!   λ∫₀ᴴ p_K(t) dt ≤ λH·P(N(∞) ≥ K) = λH·C·ρ^{K−c} (a birth–death chain started empty is
//!   stochastically below its stationary law; C is Erlang C, ρ = λ/(cμ)).
//!
//! K is the smallest level at which that bound is below [`TRUNCATION_MASS`].
//!
//! **Waits.** By PASTA an arrival at time s finds n present with probability p_n(s); with n ≥ c
//! it waits for n−c+1 completions at rate cμ, an Erlang(n−c+1, cμ) time W. Under `serve_all`
//! every arrival is served, so the expected total wait needs only the occupancy. Under
//! `turn_away` the arrival is served only if W ≤ H − s, so the integral over s is taken by
//! composite Gauss–Legendre quadrature on the transient law (its accuracy is checked in the tests
//! against quantities known exactly).

use super::erlang::erlang_c;
use super::error::{TheoryError, require_clerks, require_non_negative, require_positive};
use super::poisson_weights::PoissonWeights;
use super::quadrature::gauss_legendre;
use super::uniformised_mmc::UniformisedMmc;
use crate::sim::Closing;

/// Bound on the probability that the number present exceeds the truncation level before H.
pub const TRUNCATION_MASS: f64 = 1e-12;

/// Most state updates a solution may take (about ten seconds of work); larger stops get
/// [`TheoryError::TooLarge`]. A 3-hour stop with 6 arrivals an hour needs about 10⁵.
pub const FINITE_HORIZON_WORK_LIMIT: f64 = 1e10;

/// How finely the arrival-time integrals of the `turn_away` figures are taken.
#[derive(Debug, Clone, Copy)]
struct QuadratureResolution {
    /// Gauss–Legendre nodes per panel.
    points_per_panel: usize,
    /// Panel width, in expected uniformised jumps (Λ × width): the transient law changes
    /// appreciably only over a few jumps, so this keeps every panel's integrand smooth.
    jumps_per_panel: f64,
}

/// 12 nodes per 2 expected jumps: in the tests this reproduces exactly known integrals to
/// about 1e-15 relative, far below the 1e-12 truncation.
const DEFAULT_RESOLUTION: QuadratureResolution = QuadratureResolution {
    points_per_panel: 12,
    jumps_per_panel: 2.0,
};

/// Work per quadrature node, in state updates, for the work estimate (advancing the law a
/// fraction of a jump and evaluating the Erlang wait probabilities).
const WORK_PER_NODE_PER_STATE: f64 = 10.0;

/// One stop that opens empty: M/M/c with Poisson arrivals on [0, H).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FiniteHorizonInput {
    /// Poisson arrival rate while open, clients per unit time (> 0).
    pub arrival_rate: f64,
    /// Service rate of one clerk, clients per unit time (1 / mean service time).
    pub service_rate: f64,
    /// Number of clerks serving the queue.
    pub clerks: u32,
    /// Opening length H (the dwell), in the time unit of the rates.
    pub horizon: f64,
    /// Fate of those waiting at H: the engine's closing policy (`serve_all` or `turn_away`;
    /// `last_entry` is refused with [`TheoryError::UnsupportedClosing`]).
    pub closing: Closing,
    /// Wait limit for the service-level figure, in the time unit of the rates (`None`: not computed).
    pub wait_limit: Option<f64>,
}

/// Exact expectations for one stop-day of the M/M/c stop. Times are in the unit of the rates.
/// Figures marked "ratio of expectations" divide two expectations (the pooled estimate a
/// simulation gets by summing over replications first), not the mean of per-day ratios.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FiniteHorizonResult {
    /// Closing policy these figures are for.
    pub closing: Closing,
    /// Expected arrivals in [0, H): λH.
    pub expected_arrivals: f64,
    /// Expected clients whose service starts (before H, or in overtime under `serve_all`).
    pub expected_served: f64,
    /// Expected clients sent home at H (0 under `serve_all`).
    pub expected_turned_away: f64,
    /// Expected arrivals who found every clerk busy and joined the queue (served or not).
    pub expected_delayed: f64,
    /// Expected number present (waiting or in service) at H.
    pub expected_present_at_close: f64,
    /// Expected number waiting (not in service) at H, before the closing policy acts.
    pub expected_waiting_at_close: f64,
    /// Utilisation while open: E[busy clerk-time in [0, H)] / (cH). The same for both policies.
    pub utilisation_open: f64,
    /// E[time-average number waiting over [0, H)]. The same for both policies.
    pub mean_queue_length_open: f64,
    /// Expected time after H until the last service ends (0 when nobody is present at H).
    pub expected_overtime: f64,
    /// Expected sum of the served clients' waits.
    pub expected_total_wait: f64,
    /// Mean wait of served clients (zeros included), expected total wait / expected served
    /// (ratio of expectations).
    pub mean_wait: f64,
    /// Expected served clients whose wait is at most the input's wait limit (`None` without one).
    pub expected_served_within_wait_limit: Option<f64>,
    /// Truncation level K: the most clients present the chain holds.
    pub max_present_modelled: usize,
    /// Upper bound on the probability that more than K are present at some time before H.
    pub truncation_mass_bound: f64,
}

/// The transient solution of one stop on [0, H], shared by both closing policies.
#[derive(Debug, Clone)]
pub struct FiniteHorizon {
    chain: UniformisedMmc,
    arrival_rate: f64,
    service_rate: f64,
    clerks: usize,
    horizon: f64,
    /// Law of the number present at H.
    at_close: Vec<f64>,
    /// Expected time spent with n present during [0, H), ∫₀ᴴ p_n(t) dt.
    occupancy: Vec<f64>,
    truncation_mass_bound: f64,
}

/// The figures that depend on the closing policy (see [`FiniteHorizonResult`]).
struct PolicyFigures {
    /// Expected clients served.
    served: f64,
    /// Expected sum of their waits.
    total_wait: f64,
    /// Expected clients served within the wait limit, if one was given.
    within: Option<f64>,
    /// Expected overtime.
    overtime: f64,
}

/// Arrival-time integrals ∫₀ᴴ Σ_{n≥c} p_n(s)·g_n(H − s) ds for the `turn_away` figures.
#[derive(Debug, Clone, Copy, Default)]
struct ArrivalIntegrals {
    /// g = P(W ≤ H − s): delayed arrivals whose service starts before H (per unit arrival rate).
    served_after_wait: f64,
    /// g = E[W; W ≤ H − s]: their waits.
    wait_of_served: f64,
    /// g = P(W ≤ min(limit, H − s)).
    served_within_limit: f64,
    /// g = E[W] (every delayed arrival's wait, as under `serve_all`): a check on the quadrature.
    wait_if_all_served: f64,
}

impl FiniteHorizon {
    /// Solves the chain for the closing-policy figures of `input`.
    pub fn solve(input: &FiniteHorizonInput) -> Result<FiniteHorizonResult, TheoryError> {
        Self::new(input.arrival_rate, input.service_rate, input.clerks, input.horizon)?
            .result(input.closing, input.wait_limit)
    }

    /// The transient law of the stop: `arrival_rate` and `service_rate` per unit time (both
    /// > 0), `clerks` ≥ 1, `horizon` H > 0 in the same time unit.
    pub fn new(arrival_rate: f64, service_rate: f64, clerks: u32, horizon: f64) -> Result<Self, TheoryError> {
        let lambda = require_positive("arrival_rate", arrival_rate)?;
        let mu = require_positive("service_rate", service_rate)?;
        let clerks = require_clerks(clerks)?;
        let horizon = require_positive("horizon", horizon)?;
        let jumps = (lambda + f64::from(clerks) * mu) * horizon;
        check_work("finite-horizon uniformisation", jumps)?;
        let (max_present, truncation_mass_bound) = truncation_level(lambda, mu, clerks, horizon)?;
        let chain = UniformisedMmc::new(lambda, mu, clerks as usize, max_present);
        check_work("finite-horizon uniformisation", estimated_work(chain.states(), jumps))?;
        let (at_close, occupancy) = chain.advance_with_occupancy(&chain.empty(), horizon);
        Ok(Self {
            chain,
            arrival_rate: lambda,
            service_rate: mu,
            clerks: clerks as usize,
            horizon,
            at_close,
            occupancy,
            truncation_mass_bound,
        })
    }

    /// The figures for one closing policy, with the service level at `wait_limit` if given.
    /// `serve_all` and `turn_away` only: `last_entry` is [`TheoryError::UnsupportedClosing`].
    pub fn result(&self, closing: Closing, wait_limit: Option<f64>) -> Result<FiniteHorizonResult, TheoryError> {
        let wait_limit = wait_limit.map(|t| require_non_negative("wait_limit", t)).transpose()?;
        let lambda = self.arrival_rate;
        let waiting_at_close = self.expect_at_close(|n| self.waiting(n));
        let figures = match closing {
            Closing::ServeAll => self.serve_all_figures(wait_limit),
            Closing::TurnAway => self.turn_away_figures(wait_limit, waiting_at_close),
            Closing::LastEntry { .. } => return Err(TheoryError::UnsupportedClosing),
        };
        let PolicyFigures {
            served,
            total_wait,
            within,
            overtime,
        } = figures;
        Ok(FiniteHorizonResult {
            closing,
            expected_arrivals: lambda * self.horizon,
            expected_served: served,
            expected_turned_away: lambda * self.horizon - served,
            expected_delayed: lambda * self.occupancy_where(|n| n >= self.clerks),
            expected_present_at_close: self.expect_at_close(|n| n as f64),
            expected_waiting_at_close: waiting_at_close,
            utilisation_open: self.occupancy_weighted(|n| n.min(self.clerks) as f64)
                / (self.clerks as f64 * self.horizon),
            mean_queue_length_open: self.occupancy_weighted(|n| self.waiting(n)) / self.horizon,
            expected_overtime: overtime,
            expected_total_wait: total_wait,
            mean_wait: total_wait / served,
            expected_served_within_wait_limit: within,
            max_present_modelled: self.chain.states() - 1,
            truncation_mass_bound: self.truncation_mass_bound,
        })
    }

    /// Served, waits, service level and overtime when those waiting at H are served.
    fn serve_all_figures(&self, wait_limit: Option<f64>) -> PolicyFigures {
        let lambda = self.arrival_rate;
        let served_without_wait = lambda * self.occupancy_where(|n| n < self.clerks);
        PolicyFigures {
            served: lambda * self.horizon,
            total_wait: lambda * self.occupancy_weighted(|n| self.mean_wait_finding(n)),
            within: wait_limit
                .map(|t| served_without_wait + lambda * self.occupancy_weighted(|n| self.prob_wait_within(n, t))),
            overtime: self.expect_at_close(|n| self.drain_time(n)),
        }
    }

    /// Served, waits, service level and overtime when those waiting at H are sent home.
    fn turn_away_figures(&self, wait_limit: Option<f64>, waiting_at_close: f64) -> PolicyFigures {
        let lambda = self.arrival_rate;
        let served_without_wait = lambda * self.occupancy_where(|n| n < self.clerks);
        let integrals = self.arrival_integrals(wait_limit, DEFAULT_RESOLUTION);
        PolicyFigures {
            served: lambda * self.horizon - waiting_at_close,
            total_wait: lambda * integrals.wait_of_served,
            within: wait_limit.map(|_| served_without_wait + lambda * integrals.served_within_limit),
            overtime: self.expect_at_close(|n| self.last_service_time(n)),
        }
    }

    /// Number waiting (not in service) with `n` present.
    fn waiting(&self, n: usize) -> f64 {
        n.saturating_sub(self.clerks) as f64
    }

    /// E[f(N(H))].
    fn expect_at_close(&self, f: impl Fn(usize) -> f64) -> f64 {
        self.at_close.iter().enumerate().map(|(n, p)| p * f(n)).sum()
    }

    /// E[∫₀ᴴ f(N(t)) dt].
    fn occupancy_weighted(&self, f: impl Fn(usize) -> f64) -> f64 {
        self.occupancy.iter().enumerate().map(|(n, t)| t * f(n)).sum()
    }

    /// Expected time in [0, H) with a number present satisfying `condition`.
    fn occupancy_where(&self, condition: impl Fn(usize) -> bool) -> f64 {
        self.occupancy_weighted(|n| if condition(n) { 1.0 } else { 0.0 })
    }

    /// Completions an arrival finding `n` present waits for (0 if a clerk is free).
    fn completions_ahead(&self, n: usize) -> usize {
        (n + 1).saturating_sub(self.clerks)
    }

    /// Rate cμ at which completions come while every clerk is busy.
    fn full_service_rate(&self) -> f64 {
        self.clerks as f64 * self.service_rate
    }

    /// E[W] for an arrival finding `n` present: (n − c + 1)/(cμ).
    fn mean_wait_finding(&self, n: usize) -> f64 {
        self.completions_ahead(n) as f64 / self.full_service_rate()
    }

    /// P(W ≤ t) for an arrival finding `n` ≥ c present: P(Poisson(cμt) ≥ n − c + 1).
    fn prob_wait_within(&self, n: usize, t: f64) -> f64 {
        match self.completions_ahead(n) {
            0 => 0.0, // counted with the arrivals served at once
            k => PoissonWeights::new(self.full_service_rate() * t).at_least(k),
        }
    }

    /// Expected time to serve everyone present with no more arrivals: Σ_{k=1..n} 1/(min(k, c)μ).
    fn drain_time(&self, n: usize) -> f64 {
        (1..=n)
            .map(|k| 1.0 / (k.min(self.clerks) as f64 * self.service_rate))
            .sum()
    }

    /// Expected time until the last of the min(n, c) services in progress ends: Σ_{k=1..m} 1/(kμ).
    fn last_service_time(&self, n: usize) -> f64 {
        (1..=n.min(self.clerks))
            .map(|k| 1.0 / (k as f64 * self.service_rate))
            .sum()
    }

    /// Truncation level K (the most clients present the chain holds).
    pub fn max_present_modelled(&self) -> usize {
        self.chain.states() - 1
    }

    /// The arrival-time integrals, by composite Gauss–Legendre on panels of `resolution`, with a
    /// panel edge at H − limit (where min(limit, H − s) has a kink).
    fn arrival_integrals(&self, wait_limit: Option<f64>, resolution: QuadratureResolution) -> ArrivalIntegrals {
        let rule = gauss_legendre(resolution.points_per_panel);
        let mut edges = vec![0.0];
        if let Some(limit) = wait_limit.filter(|&t| t > 0.0 && t < self.horizon) {
            edges.push(self.horizon - limit);
        }
        edges.push(self.horizon);
        let mut sums = ArrivalIntegrals::default();
        let (mut law, mut time) = (self.chain.empty(), 0.0);
        for span in edges.windows(2) {
            let width = span[1] - span[0];
            let panels = (self.chain.rate() * width / resolution.jumps_per_panel).ceil().max(1.0) as usize;
            let panel_width = width / panels as f64;
            for panel in 0..panels {
                let left = span[0] + panel as f64 * panel_width;
                for &(x, w) in &rule {
                    let s = left + 0.5 * panel_width * (x + 1.0);
                    law = self.chain.advance(&law, s - time);
                    time = s;
                    let weight = 0.5 * panel_width * w;
                    self.add_arrival_integrands(&law, s, wait_limit, weight, &mut sums);
                }
            }
        }
        sums
    }

    /// Adds `weight` × the integrands at arrival time `s` with law `law`.
    fn add_arrival_integrands(
        &self,
        law: &[f64],
        s: f64,
        wait_limit: Option<f64>,
        weight: f64,
        sums: &mut ArrivalIntegrals,
    ) {
        let rate = self.full_service_rate();
        let remaining = self.horizon - s;
        let completions_by_close = PoissonWeights::new(rate * remaining);
        let completions_by_limit = wait_limit.map(|t| PoissonWeights::new(rate * t.min(remaining)));
        for (n, &p) in law.iter().enumerate().skip(self.clerks) {
            let k = self.completions_ahead(n);
            let weighted = weight * p;
            sums.served_after_wait += weighted * completions_by_close.at_least(k);
            // E[W; W ≤ x] = (k/r)·P(Erlang(k+1, r) ≤ x) for W ~ Erlang(k, r).
            sums.wait_of_served += weighted * k as f64 / rate * completions_by_close.at_least(k + 1);
            sums.wait_if_all_served += weighted * k as f64 / rate;
            if let Some(by_limit) = &completions_by_limit {
                sums.served_within_limit += weighted * by_limit.at_least(k);
            }
        }
    }
}

/// Error when `work` exceeds [`FINITE_HORIZON_WORK_LIMIT`].
fn check_work(what: &'static str, work: f64) -> Result<(), TheoryError> {
    if work > FINITE_HORIZON_WORK_LIMIT {
        Err(TheoryError::TooLarge {
            what,
            needed: work,
            limit: FINITE_HORIZON_WORK_LIMIT,
        })
    } else {
        Ok(())
    }
}

/// State updates for the transient solution plus the `turn_away` quadrature.
fn estimated_work(states: usize, jumps: f64) -> f64 {
    let nodes = (jumps / DEFAULT_RESOLUTION.jumps_per_panel + 2.0) * DEFAULT_RESOLUTION.points_per_panel as f64;
    states as f64 * (jumps + nodes * WORK_PER_NODE_PER_STATE)
}

/// The smallest truncation level K whose mass bound (see the module docs) is below
/// [`TRUNCATION_MASS`], and that bound.
fn truncation_level(lambda: f64, mu: f64, clerks: u32, horizon: f64) -> Result<(usize, f64), TheoryError> {
    let expected_arrivals = lambda * horizon;
    let arrivals = PoissonWeights::new(expected_arrivals);
    let by_arrivals = (0..=arrivals.last())
        .find(|&k| arrivals.survival(k) < TRUNCATION_MASS)
        .unwrap_or(arrivals.last());
    let mut level = (by_arrivals, arrivals.survival(by_arrivals));
    if lambda < f64::from(clerks) * mu {
        let prob_wait = erlang_c(lambda, mu, clerks)?.prob_wait;
        let load = lambda / (f64::from(clerks) * mu);
        let crossings_at_c = expected_arrivals * prob_wait;
        let extra = if crossings_at_c < TRUNCATION_MASS {
            0.0
        } else {
            ((TRUNCATION_MASS / crossings_at_c).ln() / load.ln()).floor() + 1.0
        };
        let by_stationary = clerks as usize + extra as usize;
        if by_stationary < level.0 {
            level = (by_stationary, crossings_at_c * load.powf(extra));
        }
    }
    Ok(level)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// λ = 6/h, mean service 15 min (μ = 4/h), c = 2, H = 3 h: the issue's anchor stop.
    fn anchor_stop() -> FiniteHorizon {
        FiniteHorizon::new(6.0, 4.0, 2, 3.0).unwrap()
    }

    /// |actual − expected| within half a unit of the last digit the anchor is quoted to.
    fn assert_to_digits(actual: f64, expected: f64, half_unit: f64) {
        assert!(
            (actual - expected).abs() <= half_unit,
            "got {actual}, expected {expected} ± {half_unit}"
        );
    }

    fn assert_relative(actual: f64, expected: f64, rel: f64) {
        assert!(
            (actual - expected).abs() <= rel * expected.abs(),
            "got {actual}, expected {expected} (relative tolerance {rel})"
        );
    }

    #[test]
    fn serve_all_reproduces_the_issue_anchors() {
        let r = anchor_stop().result(Closing::ServeAll, None).unwrap();
        assert_to_digits(r.expected_waiting_at_close, 1.3469, 5e-5);
        assert_to_digits(r.utilisation_open, 0.63362, 5e-6);
        assert_to_digits(r.expected_overtime, 0.45429, 5e-6);
        assert_to_digits(r.mean_wait, 0.16518, 5e-6);
        assert!(r.truncation_mass_bound < TRUNCATION_MASS);
        assert_eq!((r.expected_served, r.expected_turned_away), (18.0, 0.0));
    }

    /// Forward Kolmogorov equations of the chain on 0..states, integrated by classical RK4 from
    /// empty, with ∫p carried as extra unknowns: an oracle independent of uniformisation.
    fn kolmogorov_rk4(
        lambda: f64,
        mu: f64,
        clerks: usize,
        states: usize,
        horizon: f64,
        steps: usize,
    ) -> (Vec<f64>, Vec<f64>) {
        let derivative = |p: &[f64]| -> Vec<f64> {
            let birth = |n: usize| if n + 1 < states { lambda } else { 0.0 };
            let death = |n: usize| n.min(clerks) as f64 * mu;
            let mut d: Vec<f64> = (0..states)
                .map(|n| {
                    let inflow_below = if n > 0 { birth(n - 1) * p[n - 1] } else { 0.0 };
                    let inflow_above = if n + 1 < states { death(n + 1) * p[n + 1] } else { 0.0 };
                    inflow_below + inflow_above - (birth(n) + death(n)) * p[n]
                })
                .collect();
            d.extend_from_slice(&p[..states]);
            d
        };
        let h = horizon / steps as f64;
        let mut y = vec![0.0; 2 * states];
        y[0] = 1.0;
        let shifted =
            |y: &[f64], k: &[f64], f: f64| -> Vec<f64> { y.iter().zip(k).map(|(a, b)| a + f * h * b).collect() };
        for _ in 0..steps {
            let k1 = derivative(&y);
            let k2 = derivative(&shifted(&y, &k1, 0.5));
            let k3 = derivative(&shifted(&y, &k2, 0.5));
            let k4 = derivative(&shifted(&y, &k3, 1.0));
            for i in 0..y.len() {
                y[i] += h / 6.0 * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]);
            }
        }
        (y[..states].to_vec(), y[states..].to_vec())
    }

    #[test]
    fn transient_law_agrees_with_runge_kutta() {
        let stop = anchor_stop();
        // 70 states: P(more than 69 arrivals in 3 h at 6/h) < 1e-18. Step 0.3 s: RK4 error ~1e-12.
        let (law, occupancy) = kolmogorov_rk4(6.0, 4.0, 2, 70, 3.0, 10_000);
        for n in 0..stop.at_close.len() {
            assert!((stop.at_close[n] - law[n]).abs() < 1e-11, "p_{n}(H)");
            assert!((stop.occupancy[n] - occupancy[n]).abs() < 1e-11, "∫p_{n}");
        }
    }

    #[test]
    fn many_clerks_give_the_infinite_server_stop() {
        // M/M/∞ from empty: N(t) ~ Poisson(m(t)), m(t) = (λ/μ)(1 − e^{−μt}). With 40 clerks and
        // λ/μ = 1.5 nobody waits (P(N ≥ 40) < 1e-40).
        let (lambda, mu, h) = (6.0, 4.0, 3.0);
        let stop = FiniteHorizon::new(lambda, mu, 40, h).unwrap();
        let r = stop.result(Closing::ServeAll, None).unwrap();
        let a = lambda / mu;
        let m = a * (1.0 - (-mu * h).exp());
        assert_relative(r.expected_present_at_close, m, 1e-12);
        // E∫₀ᴴN = a(H − (1 − e^{−μH})/μ), spread over 40 clerks.
        let busy = a * (h - (1.0 - (-mu * h).exp()) / mu);
        assert_relative(r.utilisation_open, busy / (40.0 * h), 1e-12);
        assert!(r.mean_wait < 1e-30 && r.expected_waiting_at_close < 1e-30);
        // Overtime = E[max of N exponential services] = Σ_n P(N = n) Σ_{k≤n} 1/(kμ).
        let (mut pmf, mut harmonic, mut overtime) = ((-m).exp(), 0.0, 0.0);
        for n in 1..60 {
            pmf *= m / f64::from(n);
            harmonic += 1.0 / (f64::from(n) * mu);
            overtime += pmf * harmonic;
        }
        assert_relative(r.expected_overtime, overtime, 1e-12);
        let t = stop.result(Closing::TurnAway, None).unwrap();
        assert_relative(t.expected_overtime, overtime, 1e-12);
        assert_relative(t.expected_served, lambda * h, 1e-12);
    }

    #[test]
    fn turn_away_is_consistent_with_serve_all() {
        let stop = anchor_stop();
        let all = stop.result(Closing::ServeAll, None).unwrap();
        let away = stop.result(Closing::TurnAway, None).unwrap();
        // Closing does not change [0, H).
        assert_eq!(away.utilisation_open, all.utilisation_open);
        assert_eq!(away.mean_queue_length_open, all.mean_queue_length_open);
        assert_eq!(away.expected_waiting_at_close, all.expected_waiting_at_close);
        assert_relative(away.expected_served + away.expected_turned_away, 18.0, 1e-15);
        assert_relative(away.expected_turned_away, all.expected_waiting_at_close, 1e-12);
        // Sending the queue home shortens overtime and removes the longest waits.
        assert!(away.expected_overtime < all.expected_overtime);
        assert!(away.mean_wait < all.mean_wait);
        assert!(away.expected_total_wait < all.expected_total_wait);
    }

    #[test]
    fn quadrature_reproduces_exactly_known_integrals() {
        // Two arrival-time integrals have exact values from the occupancy: every delayed
        // arrival's E[W], and the served count λH − E[waiting at H]. The quadrature must hit
        // both to near rounding, which bounds its error on the turn-away wait too.
        for (lambda, mu, clerks, h) in [(6.0, 4.0, 2, 3.0), (0.2, 0.1, 3, 240.0), (12.0, 4.0, 2, 4.0)] {
            let stop = FiniteHorizon::new(lambda, mu, clerks, h).unwrap();
            let integrals = stop.arrival_integrals(None, DEFAULT_RESOLUTION);
            let exact_wait = stop.occupancy_weighted(|n| stop.mean_wait_finding(n));
            assert_relative(integrals.wait_if_all_served, exact_wait, 1e-13);
            let exact_after_wait =
                h - stop.occupancy_where(|n| n < stop.clerks) - stop.expect_at_close(|n| stop.waiting(n)) / lambda;
            assert_relative(integrals.served_after_wait, exact_after_wait, 1e-13);
        }
    }

    #[test]
    fn quadrature_has_converged_at_the_default_resolution() {
        let stop = anchor_stop();
        let default = stop.arrival_integrals(Some(0.25), DEFAULT_RESOLUTION);
        let finer = QuadratureResolution {
            points_per_panel: 20,
            jumps_per_panel: 0.5,
        };
        let fine = stop.arrival_integrals(Some(0.25), finer);
        assert_relative(default.wait_of_served, fine.wait_of_served, 1e-13);
        assert_relative(default.served_within_limit, fine.served_within_limit, 1e-13);
    }

    #[test]
    fn erlang_partial_mean_identity_holds() {
        // E[W; W ≤ x] = (k/r)·P(Poisson(rx) ≥ k+1) for W ~ Erlang(k, r), checked against direct
        // quadrature of w·r^k w^{k−1} e^{−rw}/(k−1)! on [0, x] (k = 3, r = 8, x = 0.4).
        let (k, r, x) = (3usize, 8.0, 0.4);
        let density = |w: f64| r * (r * w).powi(k as i32 - 1) * (-r * w).exp() / 2.0;
        let rule = gauss_legendre(20);
        let direct: f64 = rule
            .iter()
            .map(|&(u, wt)| {
                let w = 0.5 * x * (u + 1.0);
                0.5 * x * wt * w * density(w)
            })
            .sum();
        let identity = k as f64 / r * PoissonWeights::new(r * x).at_least(k + 1);
        assert_relative(identity, direct, 1e-14);
    }

    #[test]
    fn long_stops_approach_erlang_c() {
        // Opening empty (and, under turn_away, closing) shifts a stop's averages by c₁/H + o(1/H).
        // So the gap to Erlang C must halve when H doubles, and the Richardson extrapolation
        // 2·x(2H) − x(H) must land on Erlang C: mean wait 0.321429 h, utilisation 0.75 and
        // P(delay) 0.642857 for λ = 6/h, μ = 4/h, c = 2.
        let steady = erlang_c(6.0, 4.0, 2).unwrap();
        for (closing, wait_tolerance) in [(Closing::ServeAll, 1e-8), (Closing::TurnAway, 1e-4)] {
            let solve = |h: f64| {
                FiniteHorizon::new(6.0, 4.0, 2, h)
                    .unwrap()
                    .result(closing, None)
                    .unwrap()
            };
            let (short, long) = (solve(100.0), solve(200.0));
            let (gap_short, gap_long) = (steady.mean_wait - short.mean_wait, steady.mean_wait - long.mean_wait);
            assert!(
                gap_long > 0.0 && (gap_short / gap_long - 2.0).abs() < 0.1,
                "{closing:?}: gaps {gap_short}, {gap_long}"
            );
            let extrapolate = |f: fn(&FiniteHorizonResult) -> f64| 2.0 * f(&long) - f(&short);
            assert_relative(extrapolate(|r| r.mean_wait), steady.mean_wait, wait_tolerance);
            assert_relative(extrapolate(|r| r.utilisation_open), steady.clerk_utilisation, 1e-8);
            assert_relative(
                extrapolate(|r| r.expected_delayed / r.expected_arrivals),
                steady.prob_wait,
                1e-8,
            );
        }
    }

    #[test]
    fn service_level_limits_are_consistent() {
        let stop = anchor_stop();
        for closing in [Closing::ServeAll, Closing::TurnAway] {
            let none_wait = stop.result(closing, Some(0.0)).unwrap();
            let served_at_once = none_wait.expected_arrivals - none_wait.expected_delayed;
            assert_relative(
                none_wait.expected_served_within_wait_limit.unwrap(),
                served_at_once,
                1e-12,
            );
            let r = stop.result(closing, Some(1.0 / 3.0)).unwrap();
            let within = r.expected_served_within_wait_limit.unwrap();
            assert!(within > served_at_once && within < r.expected_served);
        }
        // Under turn_away nobody served waits longer than H: a limit of H counts every served client.
        let all = stop.result(Closing::TurnAway, Some(3.0)).unwrap();
        assert_relative(
            all.expected_served_within_wait_limit.unwrap(),
            all.expected_served,
            1e-12,
        );
        // Under serve_all a limit far beyond every plausible wait counts every arrival.
        let long = stop.result(Closing::ServeAll, Some(100.0)).unwrap();
        assert_relative(long.expected_served_within_wait_limit.unwrap(), 18.0, 1e-12);
    }

    #[test]
    fn large_and_overloaded_stops_are_finite() {
        // 200 clerks near saturation, and an overloaded stop (λ = 3cμ) where only the arrival
        // bound limits the truncation.
        let big = FiniteHorizon::solve(&FiniteHorizonInput {
            arrival_rate: 190.0,
            service_rate: 1.0,
            clerks: 200,
            horizon: 5.0,
            closing: Closing::TurnAway,
            wait_limit: Some(0.1),
        })
        .unwrap();
        assert!(big.mean_wait.is_finite() && big.mean_wait >= 0.0);
        assert!(big.utilisation_open > 0.5 && big.utilisation_open < 0.95);
        let over = FiniteHorizon::new(24.0, 4.0, 2, 3.0).unwrap();
        let r = over.result(Closing::ServeAll, None).unwrap();
        assert!(r.truncation_mass_bound < TRUNCATION_MASS);
        // Arrivals 72, capacity 24 in 3 h: about 48 − (ramp-up) left waiting.
        assert!(r.expected_waiting_at_close > 40.0 && r.expected_waiting_at_close < 50.0);
    }

    #[test]
    fn bad_input_is_an_error() {
        assert!(matches!(
            FiniteHorizon::new(6.0, 4.0, 2, 0.0),
            Err(TheoryError::InvalidParameter { name: "horizon", .. })
        ));
        assert!(matches!(
            FiniteHorizon::new(0.0, 4.0, 2, 3.0),
            Err(TheoryError::InvalidParameter {
                name: "arrival_rate",
                ..
            })
        ));
        assert!(FiniteHorizon::new(6.0, 4.0, 0, 3.0).is_err());
        assert!(anchor_stop().result(Closing::ServeAll, Some(-1.0)).is_err());
        assert_eq!(
            anchor_stop().result(Closing::LastEntry { minutes: 10.0 }, None),
            Err(TheoryError::UnsupportedClosing)
        );
        assert!(matches!(
            FiniteHorizon::new(1e6, 4.0, 2, 1e6),
            Err(TheoryError::TooLarge { .. })
        ));
    }
}

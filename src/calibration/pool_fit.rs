//! The pending-needs pool fitted to a stop log with repeat visits: profile-likelihood intervals.
//!
//! Each logged visit k of settlement g expects `μ_k = F·f_k + A·a_g·κ_k·s_k(δ)` clients (Poisson):
//! `f_k` the per-visit model's expected clients, `F` the flow share, `A` the accrual per year (in
//! reference visits' worth), `a_g` the settlement's accrual per unit of `A` per day, `κ_k` the visit's
//! capture and `s_k(δ)` its pool per unit accrual before the visit, from the gap term
//! `(1/δ)(1 − e^{−δg}) + s⁺·e^{−δg}` (a settlement's first logged visit finds the never-visited pool
//! 1/δ). The leak `δ = leak_per_year × leak_scale_g` enters only through the gaps, so it is
//! profiled over a grid ([`LEAK_GRID_PER_YEAR`]) and refined between grid points; A and F are fitted
//! by Newton's method for each δ. Every 95 % interval is a profile-likelihood interval (deviance ≤
//! χ²₁ 95 % = 3.84); when the deviance does not reach 3.84 within the search range the parameter is
//! reported as **not identified** (a log without revisits cannot tell a fast leak with a large
//! accrual from a slow one with a small accrual), never as a falsely narrow interval. The capture
//! time constant and the leak's distance coefficient are held at their stated values.

/// The leak rates the profile is searched over, per year: from one need in eight left per year to
/// 64 (a need gone in under a week), the range that separates "no memory" from "full memory" for
/// visit gaps of 1 week to 1 year.
pub const LEAK_GRID_PER_YEAR: (f64, f64) = (0.125, 64.0);
/// Grid points per doubling of the leak rate (the profile is then refined between them).
const LEAK_GRID_PER_DOUBLING: f64 = 6.0;
/// The 95 % quantile of χ² with one degree of freedom: the deviance bound of a 95 % profile interval.
pub const CHI2_1_95: f64 = 3.841_458_820_694_124;
/// Newton iterations of the inner fit (it converges in a handful; the cap guards degenerate logs).
const NEWTON_ITERATIONS: usize = 100;
/// Relative change of the log-likelihood at which the inner fit stops.
const NEWTON_TOLERANCE: f64 = 1e-12;
/// Golden-section steps refining the leak between grid points (each shrinks the bracket by 0.618).
const GOLDEN_STEPS: usize = 40;
/// Bisection steps of an interval end (the end is then known to 2^−50 of its bracket).
const BISECTION_STEPS: usize = 50;
/// How far above the estimate an interval's upper end is searched for accrual and flow share (×).
const UPPER_SEARCH_FACTOR: f64 = 1e3;

/// One logged visit, with what the fit holds fixed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PoolLogVisit {
    /// The settlement (any label; visits of one settlement share a pool).
    pub settlement: usize,
    /// Opening time, days from any fixed origin.
    pub time_days: f64,
    /// Share of the pending needs the visit meets, κ (0–1].
    pub capture: f64,
    /// The per-visit model's expected clients of the visit, clients.
    pub per_visit_clients: f64,
    /// Needs arising per day per unit of `accrual_per_year` at this settlement (base rate ×
    /// population factor / 365.2425).
    pub accrual_unit_per_day: f64,
    /// Leak per day per unit of `leak_per_year` at this settlement (e^{−coef × km} / 365.2425).
    pub leak_scale_per_day: f64,
    /// Clients logged.
    pub clients: u32,
}

/// An estimate with its 95 % profile-likelihood interval, or none when the log cannot identify it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PoolEstimate {
    /// Maximum-likelihood estimate.
    pub estimate: f64,
    /// 95 % interval `(low, high)`; `None`: not identified by this log.
    pub interval: Option<(f64, f64)>,
}

impl PoolEstimate {
    /// True when the interval exists and contains `value`.
    pub fn covers(&self, value: f64) -> bool {
        self.interval.is_some_and(|(lo, hi)| (lo..=hi).contains(&value))
    }
}

/// The pool's parameters fitted to a log.
#[derive(Debug, Clone, PartialEq)]
pub struct PoolFit {
    /// `demand.pending.accrual_per_year`.
    pub accrual_per_year: PoolEstimate,
    /// `demand.pending.flow_share` (relative to the per-visit model given to the fit).
    pub flow_share: PoolEstimate,
    /// `demand.pending.leak_per_year`.
    pub leak_per_year: PoolEstimate,
    /// Maximised Poisson log-likelihood (without the y! term).
    pub log_likelihood: f64,
}

/// Why a log cannot be fitted.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PoolFitError {
    #[error("the log has no clients at all, so nothing about demand can be fitted")]
    NoClients,
    #[error("visit {index}: {what} must be a positive finite number")]
    BadVisit { index: usize, what: &'static str },
}

/// Which of accrual (A) and flow share (F) are held in an inner fit.
#[derive(Debug, Clone, Copy)]
enum Held {
    None,
    Accrual(f64),
    Flow(f64),
}

/// The log ordered by settlement and time, ready for the likelihood.
struct Log {
    visits: Vec<PoolLogVisit>,
}

impl Log {
    /// Each visit's stock clients per unit accrual under leak `leak_per_year`.
    fn stock_units(&self, leak_per_year: f64) -> Vec<f64> {
        let mut out = Vec::with_capacity(self.visits.len());
        let mut pool = 0.0;
        for (k, v) in self.visits.iter().enumerate() {
            let delta = leak_per_year * v.leak_scale_per_day;
            let previous = k
                .checked_sub(1)
                .map(|p| &self.visits[p])
                .filter(|p| p.settlement == v.settlement);
            pool = match previous {
                None => 1.0 / delta,
                Some(p) => {
                    let gap = v.time_days - p.time_days;
                    let keep = (-delta * gap).exp();
                    -(-delta * gap).exp_m1() / delta + pool * (1.0 - p.capture) * keep
                }
            };
            out.push(v.accrual_unit_per_day * v.capture * pool);
        }
        out
    }

    /// Poisson log-likelihood of means `A·u + F·f` (without log y!).
    fn log_likelihood(&self, u: &[f64], a: f64, f: f64) -> f64 {
        self.visits
            .iter()
            .zip(u)
            .map(|(v, &u)| {
                let mu = a * u + f * v.per_visit_clients;
                let y = f64::from(v.clients);
                if y > 0.0 { y * mu.ln() - mu } else { -mu }
            })
            .sum()
    }

    /// Maximises over the free ones of (A, F) ≥ 0 for stock units `u`; returns (ℓ, A, F).
    fn inner_fit(&self, u: &[f64], held: Held) -> (f64, f64, f64) {
        let total: f64 = self.visits.iter().map(|v| f64::from(v.clients)).sum();
        let (su, sf): (f64, f64) = (u.iter().sum(), self.visits.iter().map(|v| v.per_visit_clients).sum());
        let (mut a, mut f) = match held {
            Held::None => (0.5 * total / su, 0.5 * total / sf),
            Held::Accrual(a) => (a, ((total - a * su) / sf).max(0.01 * total / sf)),
            Held::Flow(f) => (((total - f * sf) / su).max(0.01 * total / su), f),
        };
        let mut ll = self.log_likelihood(u, a, f);
        for _ in 0..NEWTON_ITERATIONS {
            let (mut ga, mut gf, mut haa, mut haf, mut hff) = (0.0, 0.0, 0.0, 0.0, 0.0);
            for (v, &u) in self.visits.iter().zip(u) {
                let x = v.per_visit_clients;
                let mu = a * u + f * x;
                let y = f64::from(v.clients);
                ga += (y / mu - 1.0) * u;
                gf += (y / mu - 1.0) * x;
                let w = y / (mu * mu);
                haa += w * u * u;
                haf += w * u * x;
                hff += w * x * x;
            }
            let (da, df) = match held {
                Held::None => {
                    let det = haa * hff - haf * haf;
                    if det > 0.0 {
                        ((hff * ga - haf * gf) / det, (haa * gf - haf * ga) / det)
                    } else {
                        (ga / haa.max(f64::MIN_POSITIVE), gf / hff.max(f64::MIN_POSITIVE))
                    }
                }
                Held::Accrual(_) => (0.0, gf / hff.max(f64::MIN_POSITIVE)),
                Held::Flow(_) => (ga / haa.max(f64::MIN_POSITIVE), 0.0),
            };
            // Step-halving keeps both coefficients positive and the likelihood rising.
            let mut step = 1.0;
            let mut improved = None;
            while step > 1e-12 {
                let (na, nf) = ((a + step * da).max(0.0), (f + step * df).max(0.0));
                let nll = self.log_likelihood(u, na, nf);
                if nll.is_finite() && nll >= ll {
                    improved = Some((nll, na, nf));
                    break;
                }
                step *= 0.5;
            }
            let Some((nll, na, nf)) = improved else { break };
            let converged = (nll - ll).abs() <= NEWTON_TOLERANCE * nll.abs().max(1.0);
            (ll, a, f) = (nll, na, nf);
            if converged {
                break;
            }
        }
        (ll, a, f)
    }

    /// The profile over the leak with `held` fixed: (ℓ, leak, A, F) at the best leak.
    fn profile(&self, held: Held) -> (f64, f64, f64, f64) {
        let at = |log_leak: f64| {
            let leak = log_leak.exp();
            let (ll, a, f) = self.inner_fit(&self.stock_units(leak), held);
            (ll, leak, a, f)
        };
        let (lo, hi) = (LEAK_GRID_PER_YEAR.0.ln(), LEAK_GRID_PER_YEAR.1.ln());
        let step = std::f64::consts::LN_2 / LEAK_GRID_PER_DOUBLING;
        let points = ((hi - lo) / step).round() as usize;
        let grid: Vec<(f64, f64, f64, f64)> = (0..=points).map(|i| at(lo + step * i as f64)).collect();
        let best = (0..grid.len())
            .max_by(|&i, &j| grid[i].0.total_cmp(&grid[j].0))
            .expect("a grid");
        // Golden-section search between the best point's neighbours.
        let (mut x0, mut x1) = (
            lo + step * best.saturating_sub(1) as f64,
            lo + step * (best + 1).min(points) as f64,
        );
        let golden = 0.5 * (5f64.sqrt() - 1.0);
        let mut top = grid[best];
        for _ in 0..GOLDEN_STEPS {
            let (c, d) = (x1 - golden * (x1 - x0), x0 + golden * (x1 - x0));
            let (fc, fd) = (at(c), at(d));
            for candidate in [fc, fd] {
                if candidate.0 > top.0 {
                    top = candidate;
                }
            }
            if fc.0 >= fd.0 {
                x1 = d;
            } else {
                x0 = c;
            }
        }
        top
    }
}

/// Fits accrual, flow share and leak to `visits` (see the module documentation).
pub fn fit_pool(visits: &[PoolLogVisit]) -> Result<PoolFit, PoolFitError> {
    for (index, v) in visits.iter().enumerate() {
        let checks = [
            ("capture", v.capture),
            ("per_visit_clients", v.per_visit_clients),
            ("accrual_unit_per_day", v.accrual_unit_per_day),
            ("leak_scale_per_day", v.leak_scale_per_day),
        ];
        if let Some((what, _)) = checks.iter().find(|(_, x)| !(x.is_finite() && *x > 0.0)) {
            return Err(PoolFitError::BadVisit { index, what });
        }
    }
    if visits.iter().all(|v| v.clients == 0) {
        return Err(PoolFitError::NoClients);
    }
    let mut visits = visits.to_vec();
    visits.sort_by(|a, b| {
        a.settlement
            .cmp(&b.settlement)
            .then(a.time_days.total_cmp(&b.time_days))
    });
    let log = Log { visits };
    let (ll, leak, a, f) = log.profile(Held::None);
    let deviance_leak = |x: f64| 2.0 * (ll - log.inner_fit(&log.stock_units(x), Held::None).0);
    let deviance_accrual = |x: f64| 2.0 * (ll - log.profile(Held::Accrual(x)).0);
    let deviance_flow = |x: f64| 2.0 * (ll - log.profile(Held::Flow(x)).0);
    let leak_interval = interval(&deviance_leak, leak, LEAK_GRID_PER_YEAR.0, LEAK_GRID_PER_YEAR.1);
    Ok(PoolFit {
        accrual_per_year: PoolEstimate {
            estimate: a,
            // Without an identified leak the accrual is tied to it (only A/δ shows): not identified.
            interval: leak_interval.and(interval(&deviance_accrual, a, 0.0, a * UPPER_SEARCH_FACTOR)),
        },
        flow_share: PoolEstimate {
            estimate: f,
            interval: interval(&deviance_flow, f, 0.0, f.max(1e-3) * UPPER_SEARCH_FACTOR),
        },
        leak_per_year: PoolEstimate {
            estimate: leak,
            interval: leak_interval,
        },
        log_likelihood: ll,
    })
}

/// The 95 % profile interval around `estimate` within `[floor, ceiling]`: each end where the
/// deviance crosses χ²₁ 95 %, found by bisection (geometric for positive ranges). An end at the
/// floor 0 is allowed (a parameter bounded below by 0); an end that would lie beyond the search
/// range leaves the parameter not identified (`None`).
fn interval(deviance: &dyn Fn(f64) -> f64, estimate: f64, floor: f64, ceiling: f64) -> Option<(f64, f64)> {
    if deviance(ceiling) < CHI2_1_95 {
        return None;
    }
    let low = if deviance(floor.max(f64::MIN_POSITIVE)) < CHI2_1_95 {
        if floor > 0.0 {
            return None;
        }
        0.0
    } else {
        crossing(deviance, floor.max(estimate * 1e-9), estimate)
    };
    Some((low, crossing(deviance, ceiling, estimate)))
}

/// The point between `outside` (deviance ≥ bound) and `inside` (the estimate) where the deviance
/// crosses the bound.
fn crossing(deviance: &dyn Fn(f64) -> f64, mut outside: f64, mut inside: f64) -> f64 {
    for _ in 0..BISECTION_STEPS {
        let mid = if outside > 0.0 && inside > 0.0 {
            (outside * inside).sqrt()
        } else {
            0.5 * (outside + inside)
        };
        if deviance(mid) >= CHI2_1_95 {
            outside = mid;
        } else {
            inside = mid;
        }
    }
    0.5 * (outside + inside)
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;
    use rand::rngs::ChaCha8Rng;
    use rand_distr::{Distribution, Poisson};

    use super::*;

    /// Days in a year (as docs/demand.md defines yearly rates).
    const DAYS_PER_YEAR: f64 = 365.2425;
    /// The truth the synthetic logs are drawn from (the shipped defaults).
    const TRUE_ACCRUAL: f64 = 6.0;
    const TRUE_FLOW: f64 = 0.25;
    const TRUE_LEAK: f64 = 4.0;
    /// The capture time constant the logs and the fit share, hours.
    const CAPTURE_HOURS: f64 = 3.0;

    /// A log of `settlements` settlements, each visited at the gaps `gaps` (days) with dwells of
    /// 2–5 h, counts drawn Poisson from the truth with `seed`.
    fn synthetic_log(settlements: usize, gaps: &[f64], seed: u64) -> Vec<PoolLogVisit> {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut out = Vec::new();
        for g in 0..settlements {
            // Populations 600–6,000 and 3–25 km from an office, spread over the settlements.
            let share = g as f64 / settlements as f64;
            let population_factor = (0.6 + 5.4 * share).sqrt();
            let km = 3.0 + 22.0 * ((g * 7) % settlements) as f64 / settlements as f64;
            let accrual_unit_per_day = 9.5 * population_factor / DAYS_PER_YEAR;
            let leak_scale_per_day = (-0.02 * km).exp() / DAYS_PER_YEAR;
            let mut time_days = 0.0;
            let mut pool = 1.0 / (TRUE_LEAK * leak_scale_per_day);
            let mut previous_capture = 0.0;
            for (k, &gap) in std::iter::once(&0.0).chain(gaps).enumerate() {
                let delta = TRUE_LEAK * leak_scale_per_day;
                if k > 0 {
                    time_days += gap;
                    pool =
                        (1.0 - (-delta * gap).exp()) / delta + pool * (1.0 - previous_capture) * (-delta * gap).exp();
                }
                let dwell = 2.0 + ((g + k) % 4) as f64;
                let capture = 1.0 - (-dwell / CAPTURE_HOURS).exp();
                let per_visit_clients = 9.5 * population_factor * (dwell / 3.0).sqrt();
                let mean = TRUE_FLOW * per_visit_clients + TRUE_ACCRUAL * accrual_unit_per_day * capture * pool;
                let clients = Poisson::new(mean).unwrap().sample(&mut rng) as u32;
                out.push(PoolLogVisit {
                    settlement: g,
                    time_days,
                    capture,
                    per_visit_clients,
                    accrual_unit_per_day,
                    leak_scale_per_day,
                    clients,
                });
                previous_capture = capture;
            }
        }
        out
    }

    /// P(X ≤ x) for X ~ Binomial(n, p).
    fn binomial_cdf(x: u32, n: u32, p: f64) -> f64 {
        let mut term = (1.0 - p).powi(n as i32);
        let mut sum = term;
        for k in 1..=x {
            term *= f64::from(n - k + 1) / f64::from(k) * p / (1.0 - p);
            sum += term;
        }
        sum
    }

    #[test]
    fn intervals_cover_the_truth_at_the_nominal_rate() {
        // 100 logs of 20 settlements visited 6 times at gaps of 1 week to 4 months (fixed seeds):
        // each parameter's 95 % interval must cover the truth a number of times inside the band
        // that holds a Binomial(100, 0.95) count with probability 99.8 % (0.1 % each side).
        const LOGS: u32 = 100;
        let gaps = [14.0, 120.0, 7.0, 56.0, 28.0];
        let mut covered = [0u32; 3];
        for seed in 0..u64::from(LOGS) {
            let fit = fit_pool(&synthetic_log(20, &gaps, seed)).unwrap();
            for (count, (estimate, truth)) in covered.iter_mut().zip([
                (fit.accrual_per_year, TRUE_ACCRUAL),
                (fit.flow_share, TRUE_FLOW),
                (fit.leak_per_year, TRUE_LEAK),
            ]) {
                assert!(estimate.interval.is_some(), "seed {seed}: {fit:?}");
                *count += u32::from(estimate.covers(truth));
            }
        }
        let low = (0..LOGS).find(|&x| binomial_cdf(x, LOGS, 0.95) > 0.001).unwrap();
        let high = (0..=LOGS).find(|&x| binomial_cdf(x, LOGS, 0.95) >= 0.999).unwrap();
        for (name, count) in ["accrual", "flow share", "leak"].iter().zip(covered) {
            assert!(
                (low..=high).contains(&count),
                "{name}: {count} of {LOGS} covered, band {low}..={high}"
            );
        }
    }

    #[test]
    fn a_log_without_revisits_leaves_the_leak_and_accrual_not_identified() {
        // One visit per settlement: every pool is the never-visited r/δ, so only A/δ shows.
        let fit = fit_pool(&synthetic_log(60, &[], 3)).unwrap();
        assert_eq!(fit.leak_per_year.interval, None, "{fit:?}");
        assert_eq!(fit.accrual_per_year.interval, None, "{fit:?}");
    }

    #[test]
    fn a_log_with_no_clients_is_refused() {
        let mut log = synthetic_log(2, &[30.0], 1);
        for v in &mut log {
            v.clients = 0;
        }
        assert_eq!(fit_pool(&log), Err(PoolFitError::NoClients));
    }
}

//! Erlang B and Erlang C (M/M/c) by the stable Erlang B recursion, and the Erlang C staffing rule.
//!
//! Units: rates are per unit of time and times are in the same unit (callers use minutes); the
//! offered load is arrival rate ÷ service rate, in erlangs.

use super::error::{TheoryError, require_clerks, require_non_negative, require_positive};

/// Largest number of clerks [`min_clerks_for_service_level`] tries before giving up. The search
/// stops long before this for any target below 1 (P(wait) falls faster than geometrically once
/// the clerks exceed the offered load); the limit only bounds the loop.
pub const STAFFING_SEARCH_LIMIT_CLERKS: u32 = 100_000;

/// Erlang B: the probability that an arrival to an M/M/c/c loss system finds all `clerks` busy,
/// for an offered load of `offered_load_erlangs`.
///
/// Computed by the recursion B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1)), which has no
/// factorials or powers and stays in (0, 1] for any c.
pub fn erlang_b(offered_load_erlangs: f64, clerks: u32) -> Result<f64, TheoryError> {
    let a = require_non_negative("offered_load_erlangs", offered_load_erlangs)?;
    Ok((1..=clerks).fold(1.0, |b, k| erlang_b_step(a, b, k)))
}

/// One step of the Erlang B recursion: B(k) from B(k−1).
fn erlang_b_step(offered_load_erlangs: f64, previous: f64, clerks: u32) -> f64 {
    let ab = offered_load_erlangs * previous;
    ab / (f64::from(clerks) + ab)
}

/// Erlang C probability of waiting from Erlang B: C = c·B / (c − a·(1 − B)), for a < c.
fn erlang_c_from_b(offered_load_erlangs: f64, clerks: u32, erlang_b: f64) -> f64 {
    let c = f64::from(clerks);
    c * erlang_b / (c - offered_load_erlangs * (1.0 - erlang_b))
}

/// Steady state of the M/M/c queue (Poisson arrivals, exponential service, c clerks, one FIFO
/// queue, infinite patience). Times are in the unit of the rates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ErlangC {
    /// Poisson arrival rate, clients per unit time.
    pub arrival_rate: f64,
    /// Service rate of one clerk, clients per unit time (1 / mean service time).
    pub service_rate: f64,
    /// Number of clerks serving the queue.
    pub clerks: u32,
    /// Offered load a = λ/μ, in erlangs.
    pub offered_load_erlangs: f64,
    /// Long-run fraction of time a clerk is busy, a/c.
    pub clerk_utilisation: f64,
    /// Probability that an arrival has to wait (finds all clerks busy): Erlang C.
    pub prob_wait: f64,
    /// Mean wait in queue over all arrivals (zeros included), C / (cμ − λ).
    pub mean_wait: f64,
    /// Mean number waiting (not in service), λ × mean wait (Little's law).
    pub mean_queue_length: f64,
    /// Rate cμ − λ of the exponential tail of the wait: P(wait > t) = C·exp(−rate·t).
    pub wait_decay_rate: f64,
}

impl ErlangC {
    /// Probability that an arrival waits longer than `t` (same unit as the rates):
    /// C·exp(−(cμ − λ)t) for t ≥ 0, and 1 for t < 0.
    pub fn prob_wait_exceeds(&self, t: f64) -> f64 {
        if t < 0.0 {
            1.0
        } else {
            self.prob_wait * (-self.wait_decay_rate * t).exp()
        }
    }

    /// Probability that an arrival waits at most `t`: the service level 1 − P(wait > t).
    pub fn prob_wait_within(&self, t: f64) -> f64 {
        1.0 - self.prob_wait_exceeds(t)
    }

    /// Mean wait of those who do wait, 1 / (cμ − λ).
    pub fn mean_wait_of_waiting(&self) -> f64 {
        1.0 / self.wait_decay_rate
    }

    /// Mean number present (waiting or in service), mean queue length + a.
    pub fn mean_number_present(&self) -> f64 {
        self.mean_queue_length + self.offered_load_erlangs
    }
}

/// Erlang C: the steady state of M/M/c with arrival rate `arrival_rate`, per-clerk service rate
/// `service_rate` (both per unit time) and `clerks` clerks. Errors on invalid parameters and on
/// an unstable load (λ ≥ cμ).
pub fn erlang_c(arrival_rate: f64, service_rate: f64, clerks: u32) -> Result<ErlangC, TheoryError> {
    let lambda = require_non_negative("arrival_rate", arrival_rate)?;
    let mu = require_positive("service_rate", service_rate)?;
    let clerks = require_clerks(clerks)?;
    let a = lambda / mu;
    let capacity = f64::from(clerks) * mu;
    if lambda >= capacity {
        return Err(TheoryError::Unstable {
            offered_load_erlangs: a,
            clerks,
        });
    }
    let prob_wait = erlang_c_from_b(a, clerks, erlang_b(a, clerks)?);
    let wait_decay_rate = capacity - lambda;
    let mean_wait = prob_wait / wait_decay_rate;
    Ok(ErlangC {
        arrival_rate: lambda,
        service_rate: mu,
        clerks,
        offered_load_erlangs: a,
        clerk_utilisation: a / f64::from(clerks),
        prob_wait,
        mean_wait,
        mean_queue_length: lambda * mean_wait,
        wait_decay_rate,
    })
}

/// The fewest clerks for which the M/M/c queue is stable and P(wait ≤ `wait_limit`) ≥
/// `target_fraction` (e.g. 0.8 for "80 % wait under 20 minutes").
///
/// `wait_limit` is in the unit of the rates; `target_fraction` must lie in [0, 1).
pub fn min_clerks_for_service_level(
    arrival_rate: f64,
    service_rate: f64,
    wait_limit: f64,
    target_fraction: f64,
) -> Result<u32, TheoryError> {
    let lambda = require_non_negative("arrival_rate", arrival_rate)?;
    let mu = require_positive("service_rate", service_rate)?;
    let wait_limit = require_non_negative("wait_limit", wait_limit)?;
    if !(0.0..1.0).contains(&target_fraction) {
        return Err(TheoryError::InvalidParameter {
            name: "target_fraction",
            requirement: "a fraction in [0, 1)",
            value: target_fraction,
        });
    }
    let a = lambda / mu;
    let mut b = 1.0;
    for clerks in 1..=STAFFING_SEARCH_LIMIT_CLERKS {
        b = erlang_b_step(a, b, clerks);
        let capacity = f64::from(clerks) * mu;
        if lambda >= capacity {
            continue;
        }
        let prob_wait = erlang_c_from_b(a, clerks, b);
        let within = 1.0 - prob_wait * (-(capacity - lambda) * wait_limit).exp();
        if within >= target_fraction {
            return Ok(clerks);
        }
    }
    Err(TheoryError::TargetUnreachable {
        max_clerks: STAFFING_SEARCH_LIMIT_CLERKS,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::theory::test_support::{SIX_DIGITS, assert_close};

    #[test]
    fn erlang_b_matches_hand_computed_and_table_values() {
        // B(5, 2) = (2^5/5!) / Σ_{k≤5} 2^k/k! = 0.266667 / 7.266667, worked by hand.
        assert_close(erlang_b(2.0, 5).unwrap(), 0.036_697_247_706_422, 1e-12);
        // Erlang B tables: 10 erlangs on 10 lines block 0.2146; 15 erlangs on 20 lines 0.0456.
        // Digits below from the closed form in exact rational arithmetic.
        assert_close(erlang_b(10.0, 10).unwrap(), 0.214_582_343_107_347, 1e-12);
        assert_close(erlang_b(15.0, 20).unwrap(), 0.045_593_215_589_812, 1e-12);
        assert_eq!(erlang_b(3.0, 0).unwrap(), 1.0);
        assert_eq!(erlang_b(0.0, 4).unwrap(), 0.0);
    }

    #[test]
    fn erlang_b_and_c_are_finite_and_exact_at_200_clerks() {
        // Exact rational arithmetic on the closed forms (a^c/c! overflows f64 here).
        assert_close(erlang_b(190.0, 200).unwrap(), 0.027_968_164_458_745, 1e-11);
        let q = erlang_c(190.0, 1.0, 200).unwrap();
        assert_close(q.prob_wait, 0.365_263_856_562_546, 1e-11);
        // Offered load within 0.05 % of the clerks: still finite and exact.
        let near = erlang_c(199.9, 1.0, 200).unwrap();
        assert_close(near.prob_wait, 0.991_326_436_116_535, 1e-10);
        assert!(near.mean_wait.is_finite() && near.mean_wait > 0.0);
    }

    #[test]
    fn erlang_c_reproduces_the_issue_anchors() {
        let q = erlang_c(0.2, 0.1, 3).unwrap();
        assert_close(q.prob_wait, 0.444_444, SIX_DIGITS);
        assert_close(q.mean_wait, 4.444_44, SIX_DIGITS);
        // λ = 6/h, mean service 15 min (μ = 4/h).
        let two = erlang_c(6.0, 4.0, 2).unwrap();
        assert_close(two.prob_wait, 0.642_857, SIX_DIGITS);
        assert_close(two.mean_wait, 0.321_429, SIX_DIGITS);
        let three = erlang_c(6.0, 4.0, 3).unwrap();
        assert_close(three.prob_wait, 0.236_842, SIX_DIGITS);
        assert_close(three.mean_wait, 0.039_473_7, SIX_DIGITS);
    }

    #[test]
    fn single_clerk_is_the_m_m_1_queue() {
        // M/M/1: P(wait) = ρ, mean wait = ρ/(μ − λ), mean queue = ρ²/(1 − ρ).
        let q = erlang_c(3.0, 4.0, 1).unwrap();
        assert_close(q.prob_wait, 0.75, 1e-14);
        assert_close(q.mean_wait, 0.75, 1e-14);
        assert_close(q.mean_queue_length, 2.25, 1e-14);
        assert_close(q.mean_number_present(), 3.0, 1e-14);
        assert_close(q.mean_wait_of_waiting(), 1.0, 1e-14);
    }

    #[test]
    fn wait_tail_is_exponential() {
        let q = erlang_c(6.0, 4.0, 2).unwrap();
        // P(W > 1/3 h) = (9/14)·e^{−(8−6)/3}.
        let expected = 9.0 / 14.0 * (-2.0_f64 / 3.0).exp();
        assert_close(q.prob_wait_exceeds(1.0 / 3.0), expected, 1e-14);
        assert_close(q.prob_wait_within(1.0 / 3.0), 1.0 - expected, 1e-14);
        assert_close(q.prob_wait_within(0.0), 1.0 - q.prob_wait, 1e-14);
        assert_eq!(q.prob_wait_exceeds(-1.0), 1.0);
    }

    #[test]
    fn unstable_and_invalid_loads_are_errors() {
        assert!(matches!(
            erlang_c(8.0, 4.0, 2),
            Err(TheoryError::Unstable { clerks: 2, .. })
        ));
        assert!(matches!(
            erlang_c(6.0, 0.0, 2),
            Err(TheoryError::InvalidParameter {
                name: "service_rate",
                ..
            })
        ));
        assert!(matches!(
            erlang_c(f64::NAN, 4.0, 2),
            Err(TheoryError::InvalidParameter {
                name: "arrival_rate",
                ..
            })
        ));
        assert!(matches!(
            erlang_c(6.0, 4.0, 0),
            Err(TheoryError::InvalidParameter { name: "clerks", .. })
        ));
        assert!(erlang_b(-1.0, 3).is_err());
    }

    #[test]
    fn staffing_finds_the_fewest_clerks_meeting_the_service_level() {
        // λ = 6/h, 15 min service, "80 % wait at most 20 min": c = 2 gives
        // 1 − (9/14)e^{−2/3} = 0.670, c = 3 gives 1 − (9/38)e^{−2} = 0.968 (worked by hand).
        assert_eq!(min_clerks_for_service_level(6.0, 4.0, 1.0 / 3.0, 0.8), Ok(3));
        // A target of 0.6 is met by the two clerks that first make the queue stable.
        assert_eq!(min_clerks_for_service_level(6.0, 4.0, 1.0 / 3.0, 0.6), Ok(2));
        // Target 0: the smallest stable staffing (a = 1.5 needs 2).
        assert_eq!(min_clerks_for_service_level(6.0, 4.0, 0.0, 0.0), Ok(2));
        assert!(min_clerks_for_service_level(6.0, 4.0, 1.0, 1.0).is_err());
    }

    #[test]
    fn staffing_result_is_minimal_at_a_large_load() {
        let (lambda, mu, limit, target) = (180.0, 1.0, 0.05, 0.9);
        let c = min_clerks_for_service_level(lambda, mu, limit, target).unwrap();
        assert!(erlang_c(lambda, mu, c).unwrap().prob_wait_within(limit) >= target);
        let fewer = erlang_c(lambda, mu, c - 1);
        assert!(fewer.map_or(true, |q| q.prob_wait_within(limit) < target));
    }
}

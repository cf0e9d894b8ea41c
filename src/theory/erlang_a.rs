//! Erlang A (M/M/c+M): the steady state of c clerks, one FIFO queue and exponential patience.
//!
//! The number present is a birth–death chain with birth rate λ and death rate
//! min(n, c)·μ + max(n − c, 0)·θ. Its stationary terms are built outward from the mode (where
//! they peak, scaled to 1) by ratios, so nothing overflows whatever the load, and summed until
//! the rest of the tail is provably below [`NEGLIGIBLE_RELATIVE_MASS`] of the total.
//! Units: rates per unit time, times in the same unit.

use super::erlang::STAFFING_SEARCH_LIMIT_CLERKS;
use super::error::{TheoryError, require_clerks, require_non_negative, require_positive};

/// A tail of the stationary distribution is dropped once a geometric bound on its total is below
/// this fraction of the mass already summed (below the f64 rounding of that sum, 1.1e-16).
pub const NEGLIGIBLE_RELATIVE_MASS: f64 = 1e-17;

/// Most states the stationary sum may visit (a near-critical load with no or almost no
/// abandonment needs very many); beyond this [`erlang_a`] returns [`TheoryError::TooLarge`].
pub const ERLANG_A_STATE_LIMIT: u64 = 10_000_000;

/// Steady state of M/M/c+M. Times are in the unit of the rates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ErlangA {
    /// Poisson arrival rate, clients per unit time.
    pub arrival_rate: f64,
    /// Service rate of one clerk, clients per unit time (1 / mean service time).
    pub service_rate: f64,
    /// Abandonment rate of one waiting client, per unit time (1 / mean patience; 0 = infinitely
    /// patient, which is Erlang C).
    pub patience_rate: f64,
    /// Number of clerks serving the queue.
    pub clerks: u32,
    /// Probability that an arrival finds all clerks busy and has to wait (PASTA).
    pub prob_wait: f64,
    /// Fraction of arrivals who abandon the queue before service, θ × mean queue length / λ.
    pub prob_abandon: f64,
    /// Mean number waiting (not in service).
    pub mean_queue_length: f64,
    /// Mean time in queue over all arrivals (served and abandoning, zeros included),
    /// mean queue length / λ (Little's law).
    pub mean_wait: f64,
    /// Mean wait of the clients who are served (zeros included).
    pub mean_wait_of_served: f64,
    /// Long-run fraction of time a clerk is busy.
    pub clerk_utilisation: f64,
}

/// The birth–death chain of the number present.
struct PatienceChain {
    lambda: f64,
    mu: f64,
    theta: f64,
    clerks: u64,
}

impl PatienceChain {
    /// Total departure rate with `n` present: services plus abandonments.
    fn death_rate(&self, n: u64) -> f64 {
        let busy = n.min(self.clerks) as f64;
        let waiting = n.saturating_sub(self.clerks) as f64;
        busy * self.mu + waiting * self.theta
    }

    /// Completion rate cμ when all clerks are busy.
    fn full_service_rate(&self) -> f64 {
        self.clerks as f64 * self.mu
    }

    /// The state where the stationary terms peak: the largest n whose death rate is ≤ λ.
    fn mode(&self) -> Result<u64, TheoryError> {
        let capacity = self.full_service_rate();
        let mode = if self.lambda < capacity {
            (self.lambda / self.mu).floor()
        } else {
            self.clerks as f64 + ((self.lambda - capacity) / self.theta).floor()
        };
        if mode > ERLANG_A_STATE_LIMIT as f64 {
            return Err(TheoryError::TooLarge {
                what: "Erlang A stationary distribution",
                needed: mode,
                limit: ERLANG_A_STATE_LIMIT as f64,
            });
        }
        Ok(mode as u64)
    }

    /// Probability that a client who finds `ahead` others waiting is served (not abandoning):
    /// at each place in line it advances at rate cμ + jθ against its own patience θ; the
    /// product of those odds telescopes to cμ / (cμ + (ahead + 1)θ).
    fn prob_served_given_ahead(&self, ahead: u64) -> f64 {
        let c_mu = self.full_service_rate();
        c_mu / (c_mu + (ahead + 1) as f64 * self.theta)
    }

    /// Mean time spent at place `ahead` in line (exit rate cμ + (ahead + 1)θ); independent of
    /// whether the client leaves it by advancing or by abandoning.
    fn mean_time_at_place(&self, ahead: u64) -> f64 {
        1.0 / (self.full_service_rate() + (ahead + 1) as f64 * self.theta)
    }
}

/// Unnormalised stationary sums, each term scaled so that the mode's term is 1.
#[derive(Default)]
struct StationarySums {
    total: f64,
    waiting: f64,
    queue_length: f64,
    served: f64,
    wait_of_served: f64,
    busy_clerks: f64,
}

/// Erlang A: steady state of M/M/c+M with arrival rate `arrival_rate`, per-clerk service rate
/// `service_rate`, per-client abandonment rate `patience_rate` (1 / mean patience; 0 allowed,
/// then the load must be stable) and `clerks` clerks.
pub fn erlang_a(arrival_rate: f64, service_rate: f64, patience_rate: f64, clerks: u32) -> Result<ErlangA, TheoryError> {
    let chain = PatienceChain {
        lambda: require_non_negative("arrival_rate", arrival_rate)?,
        mu: require_positive("service_rate", service_rate)?,
        theta: require_non_negative("patience_rate", patience_rate)?,
        clerks: u64::from(require_clerks(clerks)?),
    };
    if chain.theta == 0.0 && chain.lambda >= chain.full_service_rate() {
        return Err(TheoryError::Unstable {
            offered_load_erlangs: chain.lambda / chain.mu,
            clerks,
        });
    }
    let sums = stationary_sums(&chain)?;
    Ok(summarise(&chain, clerks, &sums))
}

/// Sums the stationary terms from the lowest non-negligible state up through the tail.
fn stationary_sums(chain: &PatienceChain) -> Result<StationarySums, TheoryError> {
    let mode = chain.mode()?;
    let (mut n, mut term) = lowest_relevant_state(chain, mode);
    let mut place_time_sum = (0..n.saturating_sub(chain.clerks))
        .map(|ahead| chain.mean_time_at_place(ahead))
        .sum::<f64>();
    let mut sums = StationarySums::default();
    loop {
        if n >= chain.clerks {
            let ahead = n - chain.clerks;
            place_time_sum += chain.mean_time_at_place(ahead);
            let served = chain.prob_served_given_ahead(ahead);
            sums.waiting += term;
            sums.queue_length += ahead as f64 * term;
            sums.served += served * term;
            sums.wait_of_served += served * place_time_sum * term;
        } else {
            sums.served += term;
        }
        sums.total += term;
        sums.busy_clerks += n.min(chain.clerks) as f64 * term;
        let ratio = chain.lambda / chain.death_rate(n + 1);
        if n >= mode && ratio < 1.0 && term * ratio / (1.0 - ratio) < NEGLIGIBLE_RELATIVE_MASS * sums.total {
            return Ok(sums);
        }
        if n.saturating_sub(mode) > ERLANG_A_STATE_LIMIT {
            return Err(TheoryError::TooLarge {
                what: "Erlang A stationary distribution",
                needed: n as f64,
                limit: ERLANG_A_STATE_LIMIT as f64,
            });
        }
        term *= ratio;
        n += 1;
    }
}

/// Walks down from the mode (term 1) while the terms below still matter; returns the lowest
/// state kept and its term. Going down, each ratio d(n)/λ is at most the previous one, so the
/// terms left out are bounded by a geometric series.
fn lowest_relevant_state(chain: &PatienceChain, mode: u64) -> (u64, f64) {
    let (mut n, mut term) = (mode, 1.0);
    while n > 0 {
        let ratio = chain.death_rate(n) / chain.lambda;
        if ratio < 1.0 && term * ratio / (1.0 - ratio) < NEGLIGIBLE_RELATIVE_MASS {
            break;
        }
        term *= ratio;
        n -= 1;
    }
    (n, term)
}

/// Normalises the sums into the published figures.
fn summarise(chain: &PatienceChain, clerks: u32, sums: &StationarySums) -> ErlangA {
    let mean_queue_length = sums.queue_length / sums.total;
    let (prob_abandon, mean_wait) = if chain.lambda > 0.0 {
        (
            chain.theta * mean_queue_length / chain.lambda,
            mean_queue_length / chain.lambda,
        )
    } else {
        (0.0, 0.0)
    };
    ErlangA {
        arrival_rate: chain.lambda,
        service_rate: chain.mu,
        patience_rate: chain.theta,
        clerks,
        prob_wait: sums.waiting / sums.total,
        prob_abandon,
        mean_queue_length,
        mean_wait,
        mean_wait_of_served: sums.wait_of_served / sums.served,
        clerk_utilisation: sums.busy_clerks / (sums.total * f64::from(clerks)),
    }
}

/// The fewest clerks for which at most `max_abandon_fraction` of arrivals abandon (e.g. 0.05 for
/// "at most 5 % leave unserved"); with `patience_rate` 0 nobody abandons and this is the
/// smallest stable staffing. `max_abandon_fraction` must lie in (0, 1].
pub fn min_clerks_for_abandonment(
    arrival_rate: f64,
    service_rate: f64,
    patience_rate: f64,
    max_abandon_fraction: f64,
) -> Result<u32, TheoryError> {
    if !(max_abandon_fraction > 0.0 && max_abandon_fraction <= 1.0) {
        return Err(TheoryError::InvalidParameter {
            name: "max_abandon_fraction",
            requirement: "a fraction in (0, 1]",
            value: max_abandon_fraction,
        });
    }
    for clerks in 1..=STAFFING_SEARCH_LIMIT_CLERKS {
        match erlang_a(arrival_rate, service_rate, patience_rate, clerks) {
            Ok(q) if q.prob_abandon <= max_abandon_fraction => return Ok(clerks),
            Ok(_) | Err(TheoryError::Unstable { .. }) => {}
            Err(e) => return Err(e),
        }
    }
    Err(TheoryError::TargetUnreachable {
        max_clerks: STAFFING_SEARCH_LIMIT_CLERKS,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::theory::erlang::erlang_c;

    use crate::theory::test_support::{SIX_DIGITS, assert_close};

    #[test]
    fn reproduces_the_issue_anchor() {
        // λ = 6/h, mean service 15 min (μ = 4/h), c = 2, mean patience 30 min (θ = 2/h).
        let q = erlang_a(6.0, 4.0, 2.0, 2).unwrap();
        assert_close(q.prob_wait, 0.485_792, SIX_DIGITS);
        assert_close(q.prob_abandon, 0.146_594, SIX_DIGITS);
    }

    #[test]
    fn no_patience_limit_is_erlang_c() {
        // θ = 0 sums the birth–death terms; Erlang C comes from the Erlang B recursion.
        for (lambda, mu, c) in [(6.0, 4.0, 2), (6.0, 4.0, 3), (0.2, 0.1, 3), (190.0, 1.0, 200)] {
            let a = erlang_a(lambda, mu, 0.0, c).unwrap();
            let e = erlang_c(lambda, mu, c).unwrap();
            assert_close(a.prob_wait, e.prob_wait, 1e-12);
            assert_close(a.mean_wait, e.mean_wait, 1e-12);
            assert_close(a.mean_wait_of_served, e.mean_wait, 1e-12);
            assert_close(a.mean_queue_length, e.mean_queue_length, 1e-12);
            assert_eq!(a.prob_abandon, 0.0);
        }
    }

    #[test]
    fn vanishing_patience_rate_approaches_erlang_c() {
        let e = erlang_c(6.0, 4.0, 2).unwrap();
        let mut previous_gap = f64::INFINITY;
        for theta in [1e-2, 1e-4, 1e-6] {
            let a = erlang_a(6.0, 4.0, theta, 2).unwrap();
            let gap = (a.mean_wait - e.mean_wait).abs();
            assert!(gap < previous_gap, "gap {gap} at θ = {theta} did not shrink");
            previous_gap = gap;
        }
        let a = erlang_a(6.0, 4.0, 1e-6, 2).unwrap();
        assert_close(a.prob_wait, e.prob_wait, 1e-5);
        assert_close(a.mean_wait, e.mean_wait, 1e-5);
    }

    #[test]
    fn patience_equal_to_service_is_infinite_servers() {
        // θ = μ: everyone present leaves at rate μ, so N is Poisson(λ/μ). With c = 1 and
        // λ = μ = 1: P(wait) = P(N ≥ 1) = 1 − e^{-1}, mean queue E[(N − 1)^+] = e^{-1},
        // P(abandon) = θ·E[(N − 1)^+]/λ = e^{-1}.
        let q = erlang_a(1.0, 1.0, 1.0, 1).unwrap();
        let e_inv = (-1.0_f64).exp();
        assert_close(q.prob_wait, 1.0 - e_inv, 1e-14);
        assert_close(q.mean_queue_length, e_inv, 1e-14);
        assert_close(q.prob_abandon, e_inv, 1e-14);
        assert_close(q.clerk_utilisation, 1.0 - e_inv, 1e-14);
    }

    #[test]
    fn served_wait_of_a_client_finding_one_in_service() {
        // With λ → 0 only arrivals finding one client matter (c = 1): served with probability
        // μ/(μ+θ), after an Exp(μ+θ) wait; so E[wait | served] ≈ P(N=1)·μ/(μ+θ)²
        // = λ/μ·μ/(μ+θ)² to first order in λ. μ = 1, θ = 1: λ/4.
        let lambda = 1e-7;
        let q = erlang_a(lambda, 1.0, 1.0, 1).unwrap();
        assert_close(q.mean_wait_of_served, lambda / 4.0, 1e-6);
    }

    #[test]
    fn served_probability_by_position_agrees_with_littles_law() {
        // P(abandon) is published as θ·Lq/λ; the sums also hold Σ p_n·P(served | n), built from
        // the telescoped race at each place in line. The two must add up to one.
        for (lambda, mu, theta, c) in [(6.0, 4.0, 2.0, 2), (20.0, 4.0, 0.5, 3), (95.0, 1.0, 3.0, 100)] {
            let chain = PatienceChain {
                lambda,
                mu,
                theta,
                clerks: c,
            };
            let sums = stationary_sums(&chain).unwrap();
            let q = erlang_a(lambda, mu, theta, c as u32).unwrap();
            assert_close(sums.served / sums.total + q.prob_abandon, 1.0, 1e-12);
        }
    }

    #[test]
    fn throughput_balances_in_overload() {
        // λ = 20/h against capacity 8/h: stable only thanks to abandonment. Served flow
        // λ(1 − P(abandon)) must equal the completion flow c·μ·utilisation.
        let q = erlang_a(20.0, 4.0, 2.0, 2).unwrap();
        assert!(q.prob_abandon > 0.5 && q.prob_abandon < 1.0);
        assert_close(20.0 * (1.0 - q.prob_abandon), 8.0 * q.clerk_utilisation, 1e-12);
    }

    #[test]
    fn large_staffing_is_finite_and_sane() {
        let q = erlang_a(190.0, 1.0, 0.5, 200).unwrap();
        let e = erlang_c(190.0, 1.0, 200).unwrap();
        assert!(q.prob_wait > 0.0 && q.prob_wait < e.prob_wait);
        assert!(q.mean_wait > 0.0 && q.mean_wait < e.mean_wait);
        assert!(q.prob_abandon > 0.0 && q.prob_abandon < 0.01);
    }

    #[test]
    fn bad_parameters_are_errors() {
        assert!(matches!(erlang_a(9.0, 4.0, 0.0, 2), Err(TheoryError::Unstable { .. })));
        assert!(matches!(
            erlang_a(6.0, 4.0, -1.0, 2),
            Err(TheoryError::InvalidParameter {
                name: "patience_rate",
                ..
            })
        ));
        assert!(matches!(
            erlang_a(9.0, 4.0, 1e-12, 2),
            Err(TheoryError::TooLarge { .. })
        ));
        let idle = erlang_a(0.0, 4.0, 1.0, 2).unwrap();
        assert_eq!((idle.prob_wait, idle.prob_abandon, idle.mean_wait), (0.0, 0.0, 0.0));
    }

    #[test]
    fn abandonment_staffing_is_minimal() {
        let c = min_clerks_for_abandonment(6.0, 4.0, 2.0, 0.05).unwrap();
        assert!(erlang_a(6.0, 4.0, 2.0, c).unwrap().prob_abandon <= 0.05);
        assert!(erlang_a(6.0, 4.0, 2.0, c - 1).unwrap().prob_abandon > 0.05);
        // No abandonment: the smallest stable staffing.
        assert_eq!(min_clerks_for_abandonment(6.0, 4.0, 0.0, 0.05), Ok(2));
    }
}

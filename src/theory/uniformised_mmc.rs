//! The M/M/c chain on the number present, truncated and uniformised: transient laws and occupancy.
//!
//! With Λ = λ + cμ (at least every state's total exit rate), p(t) = Σ_k Pois(k; Λt)·p(0)·P^k with
//! P = I + Q/Λ, and ∫₀ᵗ p(s) ds = (1/Λ)·Σ_k P(Pois(Λt) > k)·p(0)·P^k. Every entry of P is ≥ 0, so
//! the sums only add non-negative numbers.

use super::poisson_weights::PoissonWeights;

/// Births λ, deaths min(n, c)·μ, on the states 0..=`max_present` (births blocked at the top).
#[derive(Debug, Clone)]
pub(crate) struct UniformisedMmc {
    /// Arrival rate, per unit time.
    arrival_rate: f64,
    /// Service rate of one clerk, per unit time.
    service_rate: f64,
    /// Number of clerks.
    clerks: usize,
    /// Highest number present the chain holds.
    max_present: usize,
    /// Uniformisation rate Λ = λ + cμ, per unit time.
    rate: f64,
}

impl UniformisedMmc {
    pub(crate) fn new(arrival_rate: f64, service_rate: f64, clerks: usize, max_present: usize) -> Self {
        Self {
            arrival_rate,
            service_rate,
            clerks,
            max_present,
            rate: arrival_rate + clerks as f64 * service_rate,
        }
    }

    /// Number of states, 0..=max_present.
    pub(crate) fn states(&self) -> usize {
        self.max_present + 1
    }

    /// Uniformisation rate Λ, per unit time.
    pub(crate) fn rate(&self) -> f64 {
        self.rate
    }

    /// The law of an empty system (the stop opens with nobody present).
    pub(crate) fn empty(&self) -> Vec<f64> {
        let mut law = vec![0.0; self.states()];
        law[0] = 1.0;
        law
    }

    fn birth_rate(&self, n: usize) -> f64 {
        if n < self.max_present { self.arrival_rate } else { 0.0 }
    }

    fn death_rate(&self, n: usize) -> f64 {
        n.min(self.clerks) as f64 * self.service_rate
    }

    /// `to` = `from`·P: one jump of the uniformised chain.
    fn jump(&self, from: &[f64], to: &mut [f64]) {
        for (n, slot) in to.iter_mut().enumerate() {
            let stay = 1.0 - (self.birth_rate(n) + self.death_rate(n)) / self.rate;
            let mut mass = from[n] * stay;
            if n > 0 {
                mass += from[n - 1] * self.birth_rate(n - 1) / self.rate;
            }
            if n < self.max_present {
                mass += from[n + 1] * self.death_rate(n + 1) / self.rate;
            }
            *slot = mass;
        }
    }

    /// The law `elapsed` time units after the law `start`.
    pub(crate) fn advance(&self, start: &[f64], elapsed: f64) -> Vec<f64> {
        self.advance_with_occupancy(start, elapsed).0
    }

    /// The law `elapsed` after `start` and the expected time spent in each state meanwhile,
    /// ∫₀^elapsed p(s) ds (in the time unit of the rates; it sums to `elapsed`).
    pub(crate) fn advance_with_occupancy(&self, start: &[f64], elapsed: f64) -> (Vec<f64>, Vec<f64>) {
        let weights = PoissonWeights::new(self.rate * elapsed);
        let mut law = vec![0.0; self.states()];
        let mut occupancy = vec![0.0; self.states()];
        let mut current = start.to_vec();
        let mut next = vec![0.0; self.states()];
        for k in 0..=weights.last() {
            let (at, spent) = (weights.pmf(k), weights.survival(k) / self.rate);
            for n in 0..self.states() {
                law[n] += at * current[n];
                occupancy[n] += spent * current[n];
            }
            self.jump(&current, &mut next);
            std::mem::swap(&mut current, &mut next);
        }
        (law, occupancy)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_clerk_two_states_has_the_closed_form() {
        // States {0, 1} (M/M/1/1): p_1(t) = λ/(λ+μ)·(1 − e^{−(λ+μ)t}) from empty, and
        // ∫₀ᵗ p_1 = λ/(λ+μ)·(t − (1 − e^{−(λ+μ)t})/(λ+μ)).
        let (lambda, mu, t) = (6.0, 4.0, 0.3);
        let chain = UniformisedMmc::new(lambda, mu, 1, 1);
        let (law, occupancy) = chain.advance_with_occupancy(&chain.empty(), t);
        let s = lambda + mu;
        let decay = 1.0 - (-s * t).exp();
        assert!((law[1] - lambda / s * decay).abs() < 1e-14);
        assert!((occupancy[1] - lambda / s * (t - decay / s)).abs() < 1e-14);
        assert!((occupancy[0] + occupancy[1] - t).abs() < 1e-14);
    }

    #[test]
    fn infinite_clerks_give_a_poisson_number_present() {
        // M/M/∞ from empty: N(t) is Poisson with mean (λ/μ)(1 − e^{−μt}). Enough clerks and
        // room (60 states) that neither the clerks nor the truncation matter.
        let (lambda, mu, t) = (6.0, 4.0, 1.5);
        let chain = UniformisedMmc::new(lambda, mu, 60, 60);
        let law = chain.advance(&chain.empty(), t);
        let mean = lambda / mu * (1.0 - (-mu * t).exp());
        let mut poisson = (-mean).exp();
        for (n, p) in law.iter().enumerate().take(20) {
            assert!((p - poisson).abs() < 1e-13, "p_{n}: {p} vs {poisson}");
            poisson *= mean / (n + 1) as f64;
        }
    }

    #[test]
    fn advancing_in_two_steps_equals_one_step() {
        let chain = UniformisedMmc::new(6.0, 4.0, 2, 40);
        let direct = chain.advance(&chain.empty(), 3.0);
        let halves = chain.advance(&chain.advance(&chain.empty(), 1.2), 1.8);
        for (a, b) in direct.iter().zip(&halves) {
            assert!((a - b).abs() < 1e-14);
        }
    }
}

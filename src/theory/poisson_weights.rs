//! Poisson probabilities and upper tails for any mean, built outward from the mode (no underflow).
//!
//! `e^{−m} m^k / k!` underflows for means above about 745, so the terms are built from the mode
//! (scaled to 1) by the ratios m/(k+1) upward and k/m downward, cut where they fall below
//! [`NEGLIGIBLE_POISSON_TERM`] of the mode's term, and normalised by their sum (the
//! Fox–Glynn approach). Beyond the cuts the terms shrink at least geometrically, so the mass
//! left out is of the order of the cut itself.

/// Terms below this fraction of the mode's term are left out (and count as zero).
pub(crate) const NEGLIGIBLE_POISSON_TERM: f64 = 1e-25;

/// The Poisson distribution with a given mean, on the range of non-negligible counts.
#[derive(Debug, Clone)]
pub(crate) struct PoissonWeights {
    /// Smallest count kept.
    first: usize,
    /// `pmf[i]` = P(X = first + i).
    pmf: Vec<f64>,
    /// `upper_tail[i]` = P(X > first + i), summed from the right (no cancellation).
    upper_tail: Vec<f64>,
}

impl PoissonWeights {
    /// The weights of Poisson(`mean`); `mean` must be finite and ≥ 0 (the callers check it).
    pub(crate) fn new(mean: f64) -> Self {
        debug_assert!(mean.is_finite() && mean >= 0.0);
        let mode = mean.floor() as usize;
        let below = Self::terms_below_mode(mean, mode);
        let first = mode - below.len();
        let mut pmf: Vec<f64> = below.into_iter().rev().collect();
        pmf.extend(Self::terms_from_mode(mean, mode));
        let total: f64 = pmf.iter().sum();
        for p in &mut pmf {
            *p /= total;
        }
        let mut upper_tail = vec![0.0; pmf.len()];
        for i in (0..pmf.len().saturating_sub(1)).rev() {
            upper_tail[i] = upper_tail[i + 1] + pmf[i + 1];
        }
        Self { first, pmf, upper_tail }
    }

    /// Unnormalised terms for counts mode−1, mode−2, ... (nearest first), the mode's term being 1.
    fn terms_below_mode(mean: f64, mode: usize) -> Vec<f64> {
        let mut terms = Vec::new();
        let mut term = 1.0;
        for k in (1..=mode).rev() {
            term *= k as f64 / mean;
            if term < NEGLIGIBLE_POISSON_TERM {
                break;
            }
            terms.push(term);
        }
        terms
    }

    /// Unnormalised terms for counts mode, mode+1, ..., the mode's term being 1.
    fn terms_from_mode(mean: f64, mode: usize) -> Vec<f64> {
        let mut terms = vec![1.0];
        let mut term = 1.0;
        for k in mode + 1.. {
            term *= mean / k as f64;
            if term < NEGLIGIBLE_POISSON_TERM {
                break;
            }
            terms.push(term);
        }
        terms
    }

    /// Largest count kept; P(X = k) counts as zero above it.
    pub(crate) fn last(&self) -> usize {
        self.first + self.pmf.len() - 1
    }

    /// P(X = k).
    pub(crate) fn pmf(&self, k: usize) -> f64 {
        k.checked_sub(self.first)
            .and_then(|i| self.pmf.get(i))
            .copied()
            .unwrap_or(0.0)
    }

    /// P(X > k).
    pub(crate) fn survival(&self, k: usize) -> f64 {
        match k.checked_sub(self.first) {
            None => 1.0,
            Some(i) => self.upper_tail.get(i).copied().unwrap_or(0.0),
        }
    }

    /// P(X ≥ k).
    pub(crate) fn at_least(&self, k: usize) -> f64 {
        k.checked_sub(1).map_or(1.0, |below| self.survival(below))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use statrs::distribution::{Discrete, DiscreteCDF, Poisson};

    #[test]
    fn matches_statrs_for_small_and_moderate_means() {
        for mean in [0.3, 1.0, 7.5, 18.0, 120.0] {
            let w = PoissonWeights::new(mean);
            let reference = Poisson::new(mean).unwrap();
            for k in 0..(mean as u64 * 3 + 10) {
                let (p, s) = (w.pmf(k as usize), w.survival(k as usize));
                assert!((p - reference.pmf(k)).abs() < 1e-14, "pmf({k}) at mean {mean}");
                assert!((s - reference.sf(k)).abs() < 1e-13, "sf({k}) at mean {mean}");
            }
        }
    }

    #[test]
    fn large_means_do_not_underflow() {
        // e^{−5000} underflows; the weights must still sum to one with mean 5000 and the
        // median sit at the mean (Poisson median ≈ m + 1/3 − 0.02/m).
        let w = PoissonWeights::new(5000.0);
        let total: f64 = (0..=w.last()).map(|k| w.pmf(k)).sum();
        assert!((total - 1.0).abs() < 1e-13);
        assert!(w.survival(4999) > 0.5 && w.survival(5000) < 0.5);
        let mean: f64 = (0..=w.last()).map(|k| k as f64 * w.pmf(k)).sum();
        assert!((mean - 5000.0).abs() < 1e-9);
    }

    #[test]
    fn zero_mean_is_a_point_mass() {
        let w = PoissonWeights::new(0.0);
        assert_eq!((w.pmf(0), w.pmf(1), w.survival(0), w.at_least(0)), (1.0, 0.0, 0.0, 1.0));
    }
}

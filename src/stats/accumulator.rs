//! Streaming mean/variance (Welford) and ratio accumulators with Student-t confidence intervals.

use serde::Serialize;
use statrs::distribution::{ContinuousCDF, StudentsT};

/// Two-sided confidence level of every reported interval.
pub const CONFIDENCE_LEVEL: f64 = 0.95;

/// A mean with its 95 % confidence half-width.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Estimate {
    /// Point estimate.
    pub mean: f64,
    /// Half-width of the 95 % Student-t interval (NaN with fewer than two observations).
    pub ci95: f64,
    /// Observations behind it (replications that had a value).
    pub n: u64,
}

/// Streaming mean and variance of one metric over replications (Welford's algorithm).
/// Constant memory, whatever the number of replications.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct MeanAccumulator {
    n: u64,
    mean: f64,
    m2: f64,
}

impl MeanAccumulator {
    #[inline]
    pub fn push(&mut self, x: f64) {
        self.n += 1;
        let d = x - self.mean;
        self.mean += d / self.n as f64;
        self.m2 += d * (x - self.mean);
    }

    /// Adds a value when present (replications without a value are left out and not counted).
    #[inline]
    pub fn push_opt(&mut self, x: Option<f64>) {
        if let Some(x) = x {
            self.push(x);
        }
    }

    /// Combines with another accumulator (Chan et al.'s parallel update).
    pub fn merge(&mut self, other: &Self) {
        if other.n == 0 {
            return;
        }
        if self.n == 0 {
            *self = *other;
            return;
        }
        let n = self.n + other.n;
        let d = other.mean - self.mean;
        self.mean += d * other.n as f64 / n as f64;
        self.m2 += other.m2 + d * d * (self.n as f64) * (other.n as f64) / n as f64;
        self.n = n;
    }

    pub fn count(&self) -> u64 {
        self.n
    }

    pub fn mean(&self) -> f64 {
        if self.n == 0 { f64::NAN } else { self.mean }
    }

    /// Sample variance (n − 1 denominator).
    pub fn variance(&self) -> f64 {
        if self.n < 2 {
            f64::NAN
        } else {
            self.m2 / (self.n - 1) as f64
        }
    }

    /// Standard error of the mean.
    pub fn std_error(&self) -> f64 {
        (self.variance() / self.n as f64).sqrt()
    }

    /// Mean and 95 % Student-t half-width.
    pub fn estimate(&self) -> Estimate {
        Estimate {
            mean: self.mean(),
            ci95: t_quantile(self.n) * self.std_error(),
            n: self.n,
        }
    }
}

/// Slots of the per-thread cache of t quantiles (direct-mapped by `n`): a summary asks for a few
/// nearby `n` (replications, and replications that had a value) many times over.
const T_CACHE_SLOTS: usize = 64;

thread_local! {
    /// `(n, quantile)` pairs already computed on this thread; `n = 0` marks an empty slot.
    static T_CACHE: std::cell::RefCell<[(u64, f64); T_CACHE_SLOTS]> =
        const { std::cell::RefCell::new([(0, f64::NAN); T_CACHE_SLOTS]) };
}

/// The two-sided 95 % Student-t quantile for a mean of `n` observations (NaN if n < 2). Cached per
/// `n` (statrs' inverse CDF costs about 2 µs a call, and every estimate of a summary asks for it);
/// the cached value is the computed one, bit for bit.
pub fn t_quantile(n: u64) -> f64 {
    if n < 2 {
        return f64::NAN;
    }
    T_CACHE.with(|cache| {
        let slot = (n % T_CACHE_SLOTS as u64) as usize;
        let (cached_n, cached) = cache.borrow()[slot];
        if cached_n == n {
            return cached;
        }
        let quantile = t_quantile_uncached(n);
        cache.borrow_mut()[slot] = (n, quantile);
        quantile
    })
}

/// The quantile from statrs (n ≥ 2).
fn t_quantile_uncached(n: u64) -> f64 {
    StudentsT::new(0.0, 1.0, (n - 1) as f64).map_or(f64::NAN, |t| t.inverse_cdf(0.5 + CONFIDENCE_LEVEL / 2.0))
}

/// A ratio of expectations E[X]/E[Y] estimated from per-replication pairs (X, Y), e.g. the mean
/// wait over all clients = E[total wait] / E[served]: the pooled estimate ΣX/ΣY, with a
/// delta-method confidence interval.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct RatioAccumulator {
    n: u64,
    mean_x: f64,
    mean_y: f64,
    /// Co-moments Σ(x − x̄)², Σ(y − ȳ)², Σ(x − x̄)(y − ȳ).
    cxx: f64,
    cyy: f64,
    cxy: f64,
}

impl RatioAccumulator {
    #[inline]
    pub fn push(&mut self, x: f64, y: f64) {
        self.n += 1;
        let n = self.n as f64;
        let dx = x - self.mean_x;
        let dy = y - self.mean_y;
        self.mean_x += dx / n;
        self.mean_y += dy / n;
        self.cxx += dx * (x - self.mean_x);
        self.cyy += dy * (y - self.mean_y);
        self.cxy += dx * (y - self.mean_y);
    }

    pub fn merge(&mut self, other: &Self) {
        if other.n == 0 {
            return;
        }
        if self.n == 0 {
            *self = *other;
            return;
        }
        let (na, nb) = (self.n as f64, other.n as f64);
        let n = na + nb;
        let dx = other.mean_x - self.mean_x;
        let dy = other.mean_y - self.mean_y;
        self.cxx += other.cxx + dx * dx * na * nb / n;
        self.cyy += other.cyy + dy * dy * na * nb / n;
        self.cxy += other.cxy + dx * dy * na * nb / n;
        self.mean_x += dx * nb / n;
        self.mean_y += dy * nb / n;
        self.n += other.n;
    }

    /// ΣX/ΣY with a delta-method 95 % half-width: Var(R̂) ≈ (s²ₓ − 2R sₓᵧ + R² s²ᵧ) / (n ȳ²).
    pub fn estimate(&self) -> Estimate {
        if self.n == 0 || self.mean_y == 0.0 {
            return Estimate {
                mean: f64::NAN,
                ci95: f64::NAN,
                n: self.n,
            };
        }
        let r = self.mean_x / self.mean_y;
        let ci95 = if self.n < 2 {
            f64::NAN
        } else {
            let d = (self.n - 1) as f64;
            let var = (self.cxx - 2.0 * r * self.cxy + r * r * self.cyy) / d;
            t_quantile(self.n) * (var.max(0.0) / self.n as f64).sqrt() / self.mean_y.abs()
        };
        Estimate {
            mean: r,
            ci95,
            n: self.n,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cached_t_quantiles_are_the_computed_ones() {
        // Tables: t(0.975; 1) = 12.706, t(0.975; 9) = 2.262, t(0.975; 199) = 1.972.
        for (n, table) in [(2, 12.706), (10, 2.262), (200, 1.972)] {
            assert!((t_quantile(n) - table).abs() < 5e-4, "n = {n}");
        }
        // Slots collide (n and n + 64): every answer must still be the computed value, bit for bit.
        for n in (2..400).chain((2..400).rev()) {
            assert_eq!(t_quantile(n).to_bits(), t_quantile_uncached(n).to_bits(), "n = {n}");
        }
        assert!(t_quantile(1).is_nan() && t_quantile(0).is_nan());
    }

    #[test]
    fn welford_matches_two_pass_and_merge() {
        let xs = [3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0];
        let mut all = MeanAccumulator::default();
        for &x in &xs {
            all.push(x);
        }
        let mean = xs.iter().sum::<f64>() / 8.0;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / 7.0;
        assert!((all.mean() - mean).abs() < 1e-12 && (all.variance() - var).abs() < 1e-12);
        let (mut a, mut b) = (MeanAccumulator::default(), MeanAccumulator::default());
        xs[..3].iter().for_each(|&x| a.push(x));
        xs[3..].iter().for_each(|&x| b.push(x));
        a.merge(&b);
        assert!((a.mean() - mean).abs() < 1e-12 && (a.variance() - var).abs() < 1e-12);
        // t(7) 0.975 quantile = 2.364624
        let e = all.estimate();
        assert!((e.ci95 - 2.364624 * (var / 8.0).sqrt()).abs() < 1e-5);
    }

    #[test]
    fn ratio_is_pooled() {
        let mut r = RatioAccumulator::default();
        r.push(10.0, 2.0);
        r.push(0.0, 3.0);
        let mut other = RatioAccumulator::default();
        other.push(5.0, 5.0);
        r.merge(&other);
        assert!((r.estimate().mean - 15.0 / 10.0).abs() < 1e-12);
    }
}

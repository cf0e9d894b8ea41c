//! Exact confidence intervals for a Poisson mean (Garwood) and a binomial proportion (Clopper–Pearson).

use statrs::distribution::{Beta, ChiSquared, ContinuousCDF};

/// Garwood's (1936) exact two-sided interval for the mean λ of a Poisson count n at `level`:
/// [χ²_{2n}(α/2)/2, χ²_{2n+2}(1 − α/2)/2] with α = 1 − level (lower limit 0 when n = 0).
/// Equivalently P(Pois(lower) ≥ n) = α/2 and P(Pois(upper) ≤ n) = α/2; coverage is at least `level`.
pub fn garwood_interval(n: u64, level: f64) -> (f64, f64) {
    let alpha = 1.0 - level;
    let quantile = |df: f64, p: f64| ChiSquared::new(df).map_or(f64::NAN, |chi2| chi2.inverse_cdf(p));
    let lower = if n == 0 {
        0.0
    } else {
        quantile(2.0 * n as f64, alpha / 2.0) / 2.0
    };
    let upper = quantile(2.0 * n as f64 + 2.0, 1.0 - alpha / 2.0) / 2.0;
    (lower, upper)
}

/// Clopper & Pearson's (1934) exact two-sided interval for a binomial proportion with `successes` out of
/// `trials` at `level`: Beta(x, n − x + 1) and Beta(x + 1, n − x) quantiles (0 and 1 at the edges).
pub fn clopper_pearson_interval(successes: u64, trials: u64, level: f64) -> (f64, f64) {
    let alpha = 1.0 - level;
    let (x, n) = (successes as f64, trials as f64);
    let quantile = |a: f64, b: f64, p: f64| Beta::new(a, b).map_or(f64::NAN, |beta| beta.inverse_cdf(p));
    let lower = if successes == 0 {
        0.0
    } else {
        quantile(x, n - x + 1.0, alpha / 2.0)
    };
    let upper = if successes >= trials {
        1.0
    } else {
        quantile(x + 1.0, n - x, 1.0 - alpha / 2.0)
    };
    (lower, upper)
}

#[cfg(test)]
mod tests {
    use super::*;
    use statrs::function::gamma::ln_gamma;

    /// P(Pois(λ) ≤ n) by direct summation of the pmf (no incomplete gamma function).
    fn poisson_cdf_by_sum(lambda: f64, n: u64) -> f64 {
        (0..=n)
            .map(|j| (-lambda + j as f64 * lambda.ln() - ln_gamma(j as f64 + 1.0)).exp())
            .sum()
    }

    /// P(Bin(n, p) ≥ x) by direct summation.
    fn binomial_upper_tail_by_sum(x: u64, n: u64, p: f64) -> f64 {
        let nf = n as f64;
        (x..=n)
            .map(|j| {
                let jf = j as f64;
                (ln_gamma(nf + 1.0) - ln_gamma(jf + 1.0) - ln_gamma(nf - jf + 1.0)
                    + jf * p.ln()
                    + (nf - jf) * (1.0 - p).ln())
                .exp()
            })
            .sum()
    }

    #[test]
    fn garwood_matches_closed_forms_and_tables() {
        // n = 0: upper = −ln 0.025; n = 1: lower = −ln 0.975 (χ²₂ is exponential).
        let (lo0, hi0) = garwood_interval(0, 0.95);
        assert_eq!(lo0, 0.0);
        assert!((hi0 - 3.688_879_45).abs() < 1e-7);
        let (lo1, hi1) = garwood_interval(1, 0.95);
        assert!((lo1 - 0.025_317_81).abs() < 1e-8);
        // n = 1 upper solves e⁻ˣ(1 + x) = 0.025: x = 5.571643.
        assert!((hi1 - 5.571_643).abs() < 1e-5);
        // Published tables (e.g. Ulm 1990): n = 10 → [4.7954, 18.3904].
        let (lo10, hi10) = garwood_interval(10, 0.95);
        assert!(
            (lo10 - 4.7954).abs() < 1e-4 && (hi10 - 18.3904).abs() < 1e-4,
            "{lo10} {hi10}"
        );
    }

    #[test]
    fn garwood_limits_solve_the_poisson_tail_equations() {
        for n in [2u64, 17, 250, 1000, 3650] {
            let (lower, upper) = garwood_interval(n, 0.95);
            let below_upper = poisson_cdf_by_sum(upper, n);
            let at_least_lower = 1.0 - poisson_cdf_by_sum(lower, n - 1);
            assert!((below_upper - 0.025).abs() < 1e-9, "n = {n}: {below_upper}");
            assert!((at_least_lower - 0.025).abs() < 1e-9, "n = {n}: {at_least_lower}");
        }
    }

    #[test]
    fn clopper_pearson_matches_closed_forms_and_tail_equations() {
        // 0 of 10: upper = 1 − 0.025^(1/10); 10 of 10: lower = 0.025^(1/10).
        let (lo, hi) = clopper_pearson_interval(0, 10, 0.95);
        assert_eq!(lo, 0.0);
        assert!((hi - (1.0 - 0.025f64.powf(0.1))).abs() < 1e-10);
        let (lo, hi) = clopper_pearson_interval(10, 10, 0.95);
        assert!((lo - 0.025f64.powf(0.1)).abs() < 1e-10 && hi == 1.0);
        // Tables: 5 of 10 → [0.1871, 0.8129].
        let (lo, hi) = clopper_pearson_interval(5, 10, 0.95);
        assert!((lo - 0.1871).abs() < 1e-4 && (hi - 0.8129).abs() < 1e-4);
        for (x, n) in [(3u64, 40u64), (400, 1200), (333, 1299)] {
            let (lower, upper) = clopper_pearson_interval(x, n, 0.95);
            assert!(
                (binomial_upper_tail_by_sum(x, n, lower) - 0.025).abs() < 1e-9,
                "{x}/{n}"
            );
            assert!(
                (1.0 - binomial_upper_tail_by_sum(x + 1, n, upper) - 0.025).abs() < 1e-9,
                "{x}/{n}"
            );
        }
    }
}

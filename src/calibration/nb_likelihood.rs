//! The negative-binomial (NB2) log-likelihood of one count and its derivatives in the shape k.
//!
//! With mean μ and shape k (Var = μ + μ²/k):
//! ℓ = ln Γ(y + k) − ln Γ(k) − ln y! + k ln(k/(k + μ)) + y ln(μ/(k + μ)).
//! For whole counts ln Γ(y + k) − ln Γ(k) = Σ_{j<y} ln(k + j), which is exact and stays accurate when
//! k ≫ y (where the difference of two large ln Γ values would lose all its digits).

use statrs::function::gamma::{digamma, ln_gamma};

/// Counts up to this use the exact finite sums; larger ones use statrs `ln_gamma`/`digamma` and
/// [`trigamma`] (the sums would cost O(y) per evaluation).
const EXACT_SUM_MAX_COUNT: f64 = 1000.0;
/// [`trigamma`] shifts its argument up to at least this before using the asymptotic series
/// (whose first omitted term is then below 10⁻¹⁴).
const TRIGAMMA_ASYMPTOTIC_FROM: f64 = 10.0;

/// ℓ(y; μ, k) of one count.
pub(crate) fn log_likelihood(y: f64, mu: f64, k: f64) -> f64 {
    let y_ln_mu = if y == 0.0 { 0.0 } else { y * mu.ln() };
    let rising = if y <= EXACT_SUM_MAX_COUNT {
        // Σ ln((k + j)/(k + μ)) = ln Γ(y + k) − ln Γ(k) − y ln(k + μ).
        (0..y as u64).map(|j| ((j as f64 - mu) / (k + mu)).ln_1p()).sum::<f64>()
    } else {
        ln_gamma(y + k) - ln_gamma(k) - y * (k + mu).ln()
    };
    rising + y_ln_mu - k * (mu / k).ln_1p() - ln_gamma(y + 1.0)
}

/// (∂ℓ/∂k, ∂²ℓ/∂k²) of one count at fixed μ.
pub(crate) fn shape_derivatives(y: f64, mu: f64, k: f64) -> (f64, f64) {
    let (s1, s2) = if y <= EXACT_SUM_MAX_COUNT {
        (0..y as u64).fold((0.0, 0.0), |(a, b), j| {
            let r = 1.0 / (k + j as f64);
            (a + r, b + r * r)
        })
    } else {
        (digamma(y + k) - digamma(k), trigamma(k) - trigamma(y + k))
    };
    let first = s1 - (mu / k).ln_1p() + (mu - y) / (k + mu);
    let second = -s2 + mu / (k * (k + mu)) - (mu - y) / (k + mu).powi(2);
    (first, second)
}

/// The trigamma function ψ₁(x) = d² ln Γ(x)/dx² for x > 0: the recurrence ψ₁(x) = ψ₁(x + 1) + 1/x²
/// up to x ≥ 10, then the asymptotic series 1/x + 1/(2x²) + Σ B₂ₙ/x^(2n+1).
pub(crate) fn trigamma(x: f64) -> f64 {
    let mut x = x;
    let mut value = 0.0;
    while x < TRIGAMMA_ASYMPTOTIC_FROM {
        value += 1.0 / (x * x);
        x += 1.0;
    }
    let inv = 1.0 / x;
    let inv2 = inv * inv;
    // Bernoulli numbers B₂ = 1/6, B₄ = −1/30, B₆ = 1/42, B₈ = −1/30, B₁₀ = 5/66.
    let series = 1.0 / 6.0 + inv2 * (-1.0 / 30.0 + inv2 * (1.0 / 42.0 + inv2 * (-1.0 / 30.0 + inv2 * 5.0 / 66.0)));
    value + inv + 0.5 * inv2 + inv2 * inv * series
}

#[cfg(test)]
mod tests {
    use super::*;
    use statrs::distribution::{Discrete, NegativeBinomial};
    use std::f64::consts::PI;

    #[test]
    fn trigamma_matches_known_values() {
        assert!((trigamma(1.0) - PI * PI / 6.0).abs() < 1e-13);
        assert!((trigamma(0.5) - PI * PI / 2.0).abs() < 1e-13);
        // ψ₁(n) = π²/6 − Σ_{j<n} 1/j².
        for n in [12u32, 40, 300] {
            let direct = PI * PI / 6.0 - (1..n).map(|j| 1.0 / f64::from(j * j)).sum::<f64>();
            assert!((trigamma(f64::from(n)) - direct).abs() < 1e-13, "n = {n}");
        }
    }

    #[test]
    fn log_likelihood_matches_statrs_pmf() {
        // statrs' NegativeBinomial(r, p) counts failures before the r-th success: mean r(1 − p)/p, so
        // r = k and p = k/(k + μ).
        for &(y, mu, k) in &[
            (0.0, 3.0, 2.0),
            (7.0, 3.0, 0.5),
            (25.0, 18.0, 40.0),
            (1500.0, 1400.0, 30.0),
        ] {
            let reference = NegativeBinomial::new(k, k / (k + mu)).unwrap().ln_pmf(y as u64);
            let ours = log_likelihood(y, mu, k);
            assert!(
                (ours - reference).abs() < 1e-9 * reference.abs().max(1.0),
                "{y} {mu} {k}: {ours} vs {reference}"
            );
        }
    }

    #[test]
    fn tends_to_poisson_as_the_shape_grows() {
        // Poisson ln p(12; 9) = 12 ln 9 − 9 − ln 12!.
        let poisson = 12.0 * 9f64.ln() - 9.0 - ln_gamma(13.0);
        assert!((log_likelihood(12.0, 9.0, 1e12) - poisson).abs() < 1e-9);
    }

    #[test]
    fn derivatives_match_finite_differences() {
        for &(y, mu, k) in &[
            (0.0, 3.0, 2.0),
            (9.0, 4.0, 1.5),
            (30.0, 22.0, 8.0),
            (1200.0, 1100.0, 50.0),
        ] {
            let (d1, d2) = shape_derivatives(y, mu, k);
            let h = 1e-4 * k;
            let f = |kk: f64| log_likelihood(y, mu, kk);
            let numeric_d1 = (f(k + h) - f(k - h)) / (2.0 * h);
            let numeric_d2 = (f(k + h) - 2.0 * f(k) + f(k - h)) / (h * h);
            assert!(
                (d1 - numeric_d1).abs() < 1e-6 * d1.abs().max(1e-3),
                "{y}: {d1} vs {numeric_d1}"
            );
            assert!(
                (d2 - numeric_d2).abs() < 1e-3 * d2.abs().max(1e-3),
                "{y}: {d2} vs {numeric_d2}"
            );
        }
    }
}

//! Gauss–Legendre quadrature nodes and weights (Newton's method on the Legendre polynomial).

use std::f64::consts::PI;

/// Newton iterations stop when a root moves less than this (a few ulps on [−1, 1]).
const ROOT_TOLERANCE: f64 = 1e-15;
/// Newton converges in a handful of steps from the Tricomi-type initial guess; this only bounds it.
const MAX_NEWTON_STEPS: usize = 100;

/// The `points`-point Gauss–Legendre rule on [−1, 1] as (node, weight) pairs, nodes increasing.
/// Exact for polynomials of degree up to 2·points − 1.
pub(crate) fn gauss_legendre(points: usize) -> Vec<(f64, f64)> {
    let n = points as f64;
    let mut rule: Vec<(f64, f64)> = (1..=points)
        .map(|i| {
            let mut x = (PI * (i as f64 - 0.25) / (n + 0.5)).cos();
            for _ in 0..MAX_NEWTON_STEPS {
                let (p, dp) = legendre_with_derivative(points, x);
                let step = p / dp;
                x -= step;
                if step.abs() < ROOT_TOLERANCE {
                    break;
                }
            }
            let (_, dp) = legendre_with_derivative(points, x);
            (x, 2.0 / ((1.0 - x * x) * dp * dp))
        })
        .collect();
    rule.sort_by(|a, b| a.0.total_cmp(&b.0));
    rule
}

/// P_n(x) and P_n'(x) by the three-term recurrence.
fn legendre_with_derivative(degree: usize, x: f64) -> (f64, f64) {
    let (mut previous, mut current) = (1.0, x);
    if degree == 0 {
        return (1.0, 0.0);
    }
    for k in 2..=degree {
        let k = k as f64;
        let next = ((2.0 * k - 1.0) * x * current - (k - 1.0) * previous) / k;
        previous = current;
        current = next;
    }
    let n = degree as f64;
    (current, n * (x * current - previous) / (x * x - 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// ∫ₐᵇ f by the rule `rule` on `panels` equal panels.
    fn integrate(rule: &[(f64, f64)], a: f64, b: f64, panels: usize, f: impl Fn(f64) -> f64) -> f64 {
        let width = (b - a) / panels as f64;
        (0..panels)
            .map(|p| {
                let left = a + p as f64 * width;
                rule.iter()
                    .map(|&(x, w)| w * f(left + 0.5 * width * (x + 1.0)))
                    .sum::<f64>()
                    * 0.5
                    * width
            })
            .sum()
    }

    #[test]
    fn integrates_polynomials_of_degree_2n_minus_1_exactly() {
        let rule = gauss_legendre(6);
        // ∫₋₁¹ x^k = 2/(k+1) for even k, 0 for odd k.
        for k in 0..12 {
            let exact = if k % 2 == 0 { 2.0 / (f64::from(k) + 1.0) } else { 0.0 };
            let got: f64 = rule.iter().map(|&(x, w)| w * x.powi(k)).sum();
            assert!((got - exact).abs() < 1e-14, "x^{k}: {got} vs {exact}");
        }
    }

    #[test]
    fn nodes_increase_and_weights_sum_to_two() {
        for points in [1, 2, 5, 12, 20] {
            let rule = gauss_legendre(points);
            assert!(rule.windows(2).all(|w| w[0].0 < w[1].0));
            let total: f64 = rule.iter().map(|r| r.1).sum();
            assert!((total - 2.0).abs() < 1e-14);
        }
        // Two points: ±1/√3, weights 1.
        let two = gauss_legendre(2);
        assert!((two[1].0 - 1.0 / 3.0_f64.sqrt()).abs() < 1e-15 && (two[0].1 - 1.0).abs() < 1e-15);
    }

    #[test]
    fn composite_rule_integrates_an_exponential() {
        let got = integrate(&gauss_legendre(12), 0.0, 3.0, 4, |s| (-2.0 * s).exp());
        let exact = (1.0 - (-6.0_f64).exp()) / 2.0;
        assert!((got - exact).abs() < 1e-15);
    }
}

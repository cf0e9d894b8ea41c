//! Goodness-of-fit tables of a count regression: observed vs expected frequencies of counts in bins, and
//! observed vs expected totals by group (venue, month, size class) or by quantile of the fitted mean.

use serde::Serialize;
use statrs::distribution::{DiscreteCDF, NegativeBinomial, Poisson};

/// The default bins are [0], [1, w − 1], [w, 2w − 1], … with the first width w from this list that needs
/// at most [`MAX_DEFAULT_BINS`] bins to reach the largest count (5 gives 0, 1–4, 5–9, 10–14, …).
const DEFAULT_BIN_WIDTHS: [u64; 9] = [5, 10, 20, 25, 50, 100, 200, 500, 1000];
/// Upper limit on the number of default bins (the last one is open: "≥ x").
const MAX_DEFAULT_BINS: u64 = 14;

/// Why a goodness-of-fit table could not be made.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GofError {
    #[error("{found} {what} for {expected} counts")]
    LengthMismatch {
        what: &'static str,
        expected: usize,
        found: usize,
    },
    #[error("count bins must start at 0 and increase strictly, got lower bounds {0:?}")]
    InvalidBins(Vec<u64>),
    #[error("the number of groups must be between 1 and the number of stops ({stops}), got {groups}")]
    InvalidGroupCount { groups: usize, stops: usize },
    #[error("fitted mean {value} in row index {row} is not a positive number")]
    InvalidMean { row: usize, value: f64 },
}

/// The fitted distribution of a count with mean μ.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub enum CountModel {
    Poisson,
    /// NB2 with shape k: Var = μ + μ²/k.
    NegativeBinomial {
        shape_k: f64,
    },
}

impl CountModel {
    /// Var(Y) at mean μ.
    pub fn variance(&self, mean: f64) -> f64 {
        match self {
            CountModel::Poisson => mean,
            CountModel::NegativeBinomial { shape_k } => mean + mean * mean / shape_k,
        }
    }

    /// P(lower ≤ Y ≤ upper) at mean μ (`upper = None`: no upper limit).
    fn probability(&self, mean: f64, lower: u64, upper: Option<u64>) -> f64 {
        match (lower, upper) {
            (0, None) => 1.0,
            (_, None) => self.above(mean, lower - 1),
            (0, Some(upper)) => self.at_most(mean, upper),
            (_, Some(upper)) => self.at_most(mean, upper) - self.at_most(mean, lower - 1),
        }
    }

    /// P(Y ≤ x).
    fn at_most(&self, mean: f64, x: u64) -> f64 {
        match self {
            CountModel::Poisson => Poisson::new(mean).map_or(f64::NAN, |d| d.cdf(x)),
            CountModel::NegativeBinomial { shape_k } => {
                negative_binomial(*shape_k, mean).map_or(f64::NAN, |d| d.cdf(x))
            }
        }
    }

    /// P(Y > x), from the survival function (accurate in the upper tail).
    fn above(&self, mean: f64, x: u64) -> f64 {
        match self {
            CountModel::Poisson => Poisson::new(mean).map_or(f64::NAN, |d| d.sf(x)),
            CountModel::NegativeBinomial { shape_k } => negative_binomial(*shape_k, mean).map_or(f64::NAN, |d| d.sf(x)),
        }
    }
}

/// statrs' NegativeBinomial(r, p) counts failures before the r-th success, mean r(1 − p)/p: r = k, p = k/(k + μ).
fn negative_binomial(shape_k: f64, mean: f64) -> Option<NegativeBinomial> {
    NegativeBinomial::new(shape_k, shape_k / (shape_k + mean)).ok()
}

/// Contiguous count bins from 0 upwards; the last one is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountBins {
    lower_bounds: Vec<u64>,
}

impl CountBins {
    /// Bins [b₀ = 0, b₁ − 1], [b₁, b₂ − 1], …, [b_last, ∞).
    pub fn from_lower_bounds(lower_bounds: Vec<u64>) -> Result<Self, GofError> {
        let valid = lower_bounds.first() == Some(&0) && lower_bounds.windows(2).all(|w| w[0] < w[1]);
        if !valid {
            return Err(GofError::InvalidBins(lower_bounds));
        }
        Ok(Self { lower_bounds })
    }

    /// 0, 1–(w−1), w–(2w−1), … up to the largest count (see [`DEFAULT_BIN_WIDTHS`]), the last bin open.
    pub fn default_for(counts: &[f64]) -> Self {
        let max = counts.iter().copied().fold(0.0, f64::max) as u64;
        let width = DEFAULT_BIN_WIDTHS
            .into_iter()
            .find(|w| max / w < MAX_DEFAULT_BINS)
            .unwrap_or(DEFAULT_BIN_WIDTHS[DEFAULT_BIN_WIDTHS.len() - 1]);
        let mut lower_bounds = vec![0, 1];
        let mut next = width;
        while next <= max {
            lower_bounds.push(next);
            next += width;
        }
        Self { lower_bounds }
    }

    /// (lower, upper) of every bin, upper inclusive, `None` for the open last bin.
    pub fn ranges(&self) -> Vec<(u64, Option<u64>)> {
        let n = self.lower_bounds.len();
        (0..n)
            .map(|i| (self.lower_bounds[i], self.lower_bounds.get(i + 1).map(|next| next - 1)))
            .collect()
    }
}

/// "0", "1–4", "≥ 60".
fn bin_label(lower: u64, upper: Option<u64>) -> String {
    match upper {
        Some(upper) if upper == lower => lower.to_string(),
        Some(upper) => format!("{lower}–{upper}"),
        None => format!("≥ {lower}"),
    }
}

/// Stops whose count fell in a bin, against the number the fitted model expects.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FrequencyRow {
    /// "0", "1–4", …, "≥ 60".
    pub bin: String,
    pub lower: u64,
    /// Inclusive; `None` for the open last bin.
    pub upper: Option<u64>,
    /// Stops with a count in the bin.
    pub observed: u64,
    /// Σ over stops of P(count in bin | fitted mean).
    pub expected: f64,
}

/// Observed vs expected count frequencies; the expected column sums to the number of stops.
pub fn frequency_table(
    counts: &[f64],
    fitted_means: &[f64],
    model: CountModel,
    bins: &CountBins,
) -> Result<Vec<FrequencyRow>, GofError> {
    check_inputs(counts, fitted_means)?;
    Ok(bins
        .ranges()
        .into_iter()
        .map(|(lower, upper)| {
            let inside = |y: f64| y as u64 >= lower && upper.is_none_or(|u| y as u64 <= u);
            FrequencyRow {
                bin: bin_label(lower, upper),
                lower,
                upper,
                observed: counts.iter().filter(|&&y| inside(y)).count() as u64,
                expected: fitted_means.iter().map(|&m| model.probability(m, lower, upper)).sum(),
            }
        })
        .collect())
}

/// Observed and expected totals of a group of stops.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupRow {
    pub group: String,
    /// Stops in the group.
    pub stops: usize,
    /// Σ counts.
    pub observed: f64,
    /// Σ fitted means.
    pub expected: f64,
    /// observed − expected.
    pub difference: f64,
    /// √(Σ Var): the standard deviation of the group's total under the fitted model.
    pub sd: f64,
    /// (observed − expected) / √(Σ Var): about N(0, 1) when the model is right. It ignores that the means
    /// were fitted to these counts, so it is conservative; groups that are model terms (e.g. venue in the
    /// Poisson fit) have observed = expected exactly.
    pub standardized: f64,
}

/// Totals by group label, groups in order of first appearance.
pub fn group_table<S: AsRef<str>>(
    counts: &[f64],
    fitted_means: &[f64],
    model: CountModel,
    groups: &[S],
) -> Result<Vec<GroupRow>, GofError> {
    check_inputs(counts, fitted_means)?;
    if groups.len() != counts.len() {
        return Err(GofError::LengthMismatch {
            what: "group labels",
            expected: counts.len(),
            found: groups.len(),
        });
    }
    let mut labels: Vec<&str> = Vec::new();
    let mut members: Vec<Vec<usize>> = Vec::new();
    for (i, label) in groups.iter().enumerate() {
        let label = label.as_ref();
        if let Some(g) = labels.iter().position(|&l| l == label) {
            members[g].push(i);
        } else {
            labels.push(label);
            members.push(vec![i]);
        }
    }
    Ok(labels
        .into_iter()
        .zip(members)
        .map(|(label, rows)| group_row(label.to_string(), &rows, counts, fitted_means, model))
        .collect())
}

/// Totals by `n_groups` groups of (nearly) equal size in order of the fitted mean: a calibration check
/// across the range of demand. Labels read "Q3 (μ̂ 7.2–9.8)".
pub fn fitted_mean_quantile_table(
    counts: &[f64],
    fitted_means: &[f64],
    model: CountModel,
    n_groups: usize,
) -> Result<Vec<GroupRow>, GofError> {
    check_inputs(counts, fitted_means)?;
    let n = counts.len();
    if n_groups == 0 || n_groups > n {
        return Err(GofError::InvalidGroupCount {
            groups: n_groups,
            stops: n,
        });
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| fitted_means[a].total_cmp(&fitted_means[b]).then(a.cmp(&b)));
    Ok((0..n_groups)
        .map(|g| {
            let rows = &order[g * n / n_groups..(g + 1) * n / n_groups];
            let (low, high) = (fitted_means[rows[0]], fitted_means[rows[rows.len() - 1]]);
            let label = format!("Q{} (μ̂ {low:.1}–{high:.1})", g + 1);
            group_row(label, rows, counts, fitted_means, model)
        })
        .collect())
}

fn group_row(group: String, rows: &[usize], counts: &[f64], fitted_means: &[f64], model: CountModel) -> GroupRow {
    let observed: f64 = rows.iter().map(|&i| counts[i]).sum();
    let expected: f64 = rows.iter().map(|&i| fitted_means[i]).sum();
    let variance: f64 = rows.iter().map(|&i| model.variance(fitted_means[i])).sum();
    GroupRow {
        group,
        stops: rows.len(),
        observed,
        expected,
        difference: observed - expected,
        sd: variance.sqrt(),
        standardized: (observed - expected) / variance.sqrt(),
    }
}

fn check_inputs(counts: &[f64], fitted_means: &[f64]) -> Result<(), GofError> {
    if fitted_means.len() != counts.len() {
        return Err(GofError::LengthMismatch {
            what: "fitted means",
            expected: counts.len(),
            found: fitted_means.len(),
        });
    }
    match fitted_means.iter().position(|&m| !(m > 0.0 && m.is_finite())) {
        Some(row) => Err(GofError::InvalidMean {
            row,
            value: fitted_means[row],
        }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calibration::synthetic::{SyntheticTruth, synthetic_log};
    use crate::calibration::{fit_negbin, fit_poisson};
    use rand::SeedableRng;
    use rand::rngs::ChaCha8Rng;

    #[test]
    fn expected_frequencies_match_hand_values() {
        let bins = CountBins::from_lower_bounds(vec![0, 1, 5]).unwrap();
        // Poisson(2): P(0) = e⁻², P(1..4) = e⁻²(2 + 2 + 4/3 + 2/3) = 6e⁻², P(≥ 5) = 1 − 7e⁻².
        let e2 = (-2f64).exp();
        let rows = frequency_table(&[0.0, 3.0], &[2.0, 2.0], CountModel::Poisson, &bins).unwrap();
        let labels: Vec<&str> = rows.iter().map(|r| r.bin.as_str()).collect();
        assert_eq!(labels, ["0", "1–4", "≥ 5"]);
        assert_eq!(rows.iter().map(|r| r.observed).collect::<Vec<_>>(), [1, 1, 0]);
        for (row, p) in rows.iter().zip([e2, 6.0 * e2, 1.0 - 7.0 * e2]) {
            assert!(
                (row.expected - 2.0 * p).abs() < 1e-12,
                "{}: {} vs {}",
                row.bin,
                row.expected,
                2.0 * p
            );
        }
        // NB with k = 1, μ = 1 is geometric: P(j) = 2^−(j+1); P(1..4) = 15/32, P(≥ 5) = 1/32.
        let nb = CountModel::NegativeBinomial { shape_k: 1.0 };
        let rows = frequency_table(&[7.0], &[1.0], nb, &bins).unwrap();
        for (row, p) in rows.iter().zip([0.5, 15.0 / 32.0, 1.0 / 32.0]) {
            assert!((row.expected - p).abs() < 1e-12, "{}: {} vs {p}", row.bin, row.expected);
        }
        assert_eq!(rows[2].observed, 1);
    }

    #[test]
    fn default_bins_and_bad_input() {
        let bins = CountBins::default_for(&[0.0, 3.0, 12.0]);
        assert_eq!(bins.ranges(), [(0, Some(0)), (1, Some(4)), (5, Some(9)), (10, None)]);
        let wide = CountBins::default_for(&[150.0]);
        assert_eq!(wide.ranges()[1], (1, Some(19)));
        assert_eq!(wide.ranges().len(), 9);
        assert!(CountBins::from_lower_bounds(vec![1, 5]).is_err());
        assert!(CountBins::from_lower_bounds(vec![0, 5, 5]).is_err());
        assert!(matches!(
            frequency_table(&[1.0], &[0.0], CountModel::Poisson, &bins),
            Err(GofError::InvalidMean { row: 0, .. })
        ));
        assert!(matches!(
            group_table(&[1.0, 2.0], &[1.0, 2.0], CountModel::Poisson, &["a"]),
            Err(GofError::LengthMismatch { .. })
        ));
    }

    #[test]
    fn group_totals_reproduce_model_terms_and_quantiles_split_evenly() {
        let truth = SyntheticTruth::reference();
        let mut rng = ChaCha8Rng::seed_from_u64(31);
        let log = synthetic_log(&truth, None, &mut rng);
        let fit = fit_poisson(&log.design, &log.counts, None).unwrap();
        // Venue is a model term: the Poisson score equations make each venue's fitted total its observed one.
        let venues: Vec<&str> = log.stops.iter().map(|s| s.venue.as_str()).collect();
        let rows = group_table(&log.counts, &fit.fitted_means, CountModel::Poisson, &venues).unwrap();
        assert_eq!(rows.len(), 5);
        assert_eq!(rows.iter().map(|r| r.stops).sum::<usize>(), log.counts.len());
        for row in &rows {
            assert!(
                row.difference.abs() < 1e-6 * row.observed,
                "{}: {}",
                row.group,
                row.difference
            );
        }
        let deciles = fitted_mean_quantile_table(&log.counts, &fit.fitted_means, CountModel::Poisson, 10).unwrap();
        assert!(deciles.iter().all(|r| r.stops == 30));
        assert!(deciles[0].group.starts_with("Q1 (μ̂ "));
        // The true means explain the deciles: each standardized difference is within 4.
        let by_truth = fitted_mean_quantile_table(&log.counts, &log.true_means, CountModel::Poisson, 10).unwrap();
        assert!(by_truth.iter().all(|r| r.standardized.abs() < 4.0), "{by_truth:?}");
    }

    #[test]
    fn frequency_table_shows_overdispersion_that_the_negative_binomial_explains() {
        // Gamma–Poisson counts (k = 2): the Poisson fit expects far fewer small counts than observed; the NB
        // fit's expectation is within 4 standard deviations (binomial-like, √E) in every bin.
        let truth = SyntheticTruth::reference();
        let mut rng = ChaCha8Rng::seed_from_u64(32);
        let log = synthetic_log(&truth, Some(2.0), &mut rng);
        let bins = CountBins::from_lower_bounds(vec![0, 1, 3, 6, 10, 15, 25, 40]).unwrap();
        let poisson = fit_poisson(&log.design, &log.counts, None).unwrap();
        let poisson_rows = frequency_table(&log.counts, &poisson.fitted_means, CountModel::Poisson, &bins).unwrap();
        let low = &poisson_rows[1];
        assert!(
            low.observed as f64 > low.expected + 4.0 * low.expected.sqrt(),
            "{}: observed {} expected {}",
            low.bin,
            low.observed,
            low.expected
        );
        let nb = fit_negbin(&log.design, &log.counts, None).unwrap();
        let model = CountModel::NegativeBinomial { shape_k: nb.shape.k };
        let nb_rows = frequency_table(&log.counts, &nb.fitted_means, model, &bins).unwrap();
        let total: f64 = nb_rows.iter().map(|r| r.expected).sum();
        assert!((total - log.counts.len() as f64).abs() < 1e-6);
        for row in &nb_rows {
            let gap = (row.observed as f64 - row.expected).abs();
            assert!(
                gap < 4.0 * row.expected.sqrt().max(1.0),
                "{}: {} vs {}",
                row.bin,
                row.observed,
                row.expected
            );
        }
    }
}

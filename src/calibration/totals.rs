//! Calibration from published season totals: the demand base rate, errands per client and the share of
//! information-only errands, each with an exact confidence interval, and the fit table.
//!
//! # The model (the engine's)
//! Clients at stop i are Poisson with mean base_rate × rᵢ, where rᵢ is the stop's relative demand (its
//! expected clients with base_rate = 1, from the demand model with every other parameter fixed). Each
//! client brings 1 + Poisson(m − 1) errands; each errand is information only with probability q.
//!
//! # The estimates
//! - base_rate from the second tour's clients: C ~ Poisson(base_rate × R_tour) gives Garwood's exact
//!   interval. Clients are the quantity that is Poisson in the model; the year's figure counts uses,
//!   which would need m as well, so it is kept apart as an out-of-sample check in the fit table.
//! - errands per client from the tour: given C clients the extra errands X = uses − C are
//!   Poisson(C(m − 1)), so Garwood's interval for X, divided by C, bounds m − 1.
//! - information share from the tour: the information-only uses are Binomial(uses, q): Clopper–Pearson.
//!
//! # "More than" figures
//! A figure published as "more than X" is a lower bound. A pure lower bound gives no upper confidence
//! limit at all (any larger demand fits), which is useless for planning. We add the weakest assumption
//! that makes it usable and say so: the publisher rounded down to a round number, so the true value lies
//! in [X, X + step − 1] (step 100 for "more than 3,600"; the step is a parameter). The point estimate uses
//! the middle of that range; each interval is the union of the exact intervals over every value in the
//! range (lower limit from the range's smallest value, upper from its largest), so its coverage is at least
//! 95 % whatever the true value in the range. The lower confidence limits therefore still rest only on
//! the published lower bounds. With step 1 the figure is taken as exact.

use serde::Serialize;

use super::exact_intervals::{clopper_pearson_interval, garwood_interval};
use super::{CONFIDENCE_LEVEL, IntervalEstimate};

/// Rounding step assumed for the 2019 "more than" figures: they are whole hundreds (3,600, 1,000, 800).
pub const DEFAULT_ROUNDING_STEP: u64 = 100;

/// How a published figure is qualified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Qualifier {
    /// The figure is the count itself.
    Exact,
    /// "More than the figure": the count is in [figure, figure + rounding_step − 1].
    MoreThan { rounding_step: u64 },
}

/// A published count and how it is qualified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ReportedFigure {
    pub figure: u64,
    pub qualifier: Qualifier,
}

impl ReportedFigure {
    pub fn exact(figure: u64) -> Self {
        Self {
            figure,
            qualifier: Qualifier::Exact,
        }
    }

    /// "More than `figure`", rounded down to a multiple of `rounding_step`.
    pub fn more_than(figure: u64, rounding_step: u64) -> Self {
        Self {
            figure,
            qualifier: Qualifier::MoreThan { rounding_step },
        }
    }

    /// The smallest and largest count consistent with the publication.
    pub fn range(&self) -> (u64, u64) {
        match self.qualifier {
            Qualifier::Exact => (self.figure, self.figure),
            Qualifier::MoreThan { rounding_step } => (self.figure, self.figure + rounding_step.max(1) - 1),
        }
    }

    /// The middle of the range: the point value used for estimates.
    pub fn midpoint(&self) -> f64 {
        let (low, high) = self.range();
        (low as f64 + high as f64) / 2.0
    }

    /// "3600" or "> 3600".
    pub fn label(&self) -> String {
        match self.qualifier {
            Qualifier::Exact => self.figure.to_string(),
            Qualifier::MoreThan { .. } => format!("> {}", self.figure),
        }
    }
}

/// The published season figures calibration fits (2019 by default).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeasonFigures {
    /// Stops of the whole year.
    pub year_stops: usize,
    /// Uses (errands served, information included) over the whole year.
    pub year_uses: ReportedFigure,
    /// Stops of the tour with detailed figures (a part of the year).
    pub tour_stops: usize,
    pub tour_clients: ReportedFigure,
    /// Errands handled as cases (not information only).
    pub tour_cases: ReportedFigure,
    pub tour_information_uses: ReportedFigure,
}

impl SeasonFigures {
    /// The 2019 figures (DESIGN §2): 196 stops and more than 3,600 uses in the year; second tour
    /// (August–November) 71 stops, more than 1,000 clients, more than 800 cases and 400 information-only uses.
    /// The "more than" figures are read as rounded down to whole hundreds; the 400 is taken as given.
    pub fn published_2019() -> Self {
        Self {
            year_stops: 196,
            year_uses: ReportedFigure::more_than(3600, DEFAULT_ROUNDING_STEP),
            tour_stops: 71,
            tour_clients: ReportedFigure::more_than(1000, DEFAULT_ROUNDING_STEP),
            tour_cases: ReportedFigure::more_than(800, DEFAULT_ROUNDING_STEP),
            tour_information_uses: ReportedFigure::exact(400),
        }
    }
}

/// Why the totals could not be calibrated.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TotalsError {
    #[error("the {itinerary} itinerary has {found} stops, but the figures are for {expected}")]
    StopCountMismatch {
        itinerary: &'static str,
        expected: usize,
        found: usize,
    },
    #[error("the tour has {tour} stops, more than the year's {year}: the tour must be part of the year")]
    TourLargerThanYear { tour: usize, year: usize },
    #[error("relative demand of stop index {index} of the {itinerary} itinerary is {value}: must be finite and ≥ 0")]
    InvalidRelativeDemand {
        itinerary: &'static str,
        index: usize,
        value: f64,
    },
    #[error("the {itinerary} itinerary has no expected demand at all (relative demands sum to 0)")]
    NoDemand { itinerary: &'static str },
    #[error("the tour's clients may be 0: no base rate or errands per client can be estimated")]
    NoClients,
    #[error("at most {uses_max} uses for at least {clients_min} clients: every client brings at least one errand")]
    FewerUsesThanClients { uses_max: u64, clients_min: u64 },
}

/// Whether a target was used to estimate the parameters (and so is reproduced by construction) or is
/// an independent check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum TargetRole {
    Fitted,
    Check,
}

/// One published figure against the calibrated model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TotalsFitRow {
    /// What is compared, e.g. "tour clients".
    pub target: String,
    pub role: TargetRole,
    /// As published: "> 1000".
    pub reported: String,
    /// The point value used (middle of the range).
    pub observed: f64,
    /// Smallest count consistent with the publication.
    pub observed_low: u64,
    /// Largest count consistent with the publication.
    pub observed_high: u64,
    /// The calibrated model's expected value.
    pub model: f64,
    /// model − observed.
    pub difference: f64,
    /// (model − observed) / observed.
    pub relative_difference: f64,
}

/// The calibrated parameters and the fit table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TotalsCalibration {
    /// Clients per unit of relative demand (the `[demand] base_rate` when rᵢ are expected clients at 1).
    pub base_rate: IntervalEstimate,
    /// Mean errands (uses) per client, ≥ 1.
    pub errands_per_client: IntervalEstimate,
    /// Share of errands that are information only.
    pub information_share: IntervalEstimate,
    /// Σ rᵢ over the year's stops.
    pub year_relative_demand: f64,
    /// Σ rᵢ over the tour's stops.
    pub tour_relative_demand: f64,
    pub fit: Vec<TotalsFitRow>,
}

/// Calibrates base rate, errands per client and information share to `figures`, given each stop's
/// relative demand (expected clients with base_rate = 1) for the year and for the tour (a part of it).
pub fn calibrate_totals(
    figures: &SeasonFigures,
    year_relative_demand: &[f64],
    tour_relative_demand: &[f64],
) -> Result<TotalsCalibration, TotalsError> {
    if figures.tour_stops > figures.year_stops {
        return Err(TotalsError::TourLargerThanYear {
            tour: figures.tour_stops,
            year: figures.year_stops,
        });
    }
    let year = exposure("year", figures.year_stops, year_relative_demand)?;
    let tour = exposure("tour", figures.tour_stops, tour_relative_demand)?;
    let base_rate = base_rate(figures.tour_clients, tour);
    let errands_per_client = errands_per_client(figures)?;
    let information_share = information_share(figures.tour_cases, figures.tour_information_uses);
    let fit = fit_table(figures, &base_rate, &errands_per_client, year, tour);
    Ok(TotalsCalibration {
        base_rate,
        errands_per_client,
        information_share,
        year_relative_demand: year,
        tour_relative_demand: tour,
        fit,
    })
}

/// Σ rᵢ after checking the stop count and every value.
fn exposure(itinerary: &'static str, expected_stops: usize, relative: &[f64]) -> Result<f64, TotalsError> {
    if relative.len() != expected_stops {
        return Err(TotalsError::StopCountMismatch {
            itinerary,
            expected: expected_stops,
            found: relative.len(),
        });
    }
    if let Some((index, &value)) = relative
        .iter()
        .enumerate()
        .find(|(_, v)| !(v.is_finite() && **v >= 0.0))
    {
        return Err(TotalsError::InvalidRelativeDemand {
            itinerary,
            index,
            value,
        });
    }
    let total: f64 = relative.iter().sum();
    if total > 0.0 {
        Ok(total)
    } else {
        Err(TotalsError::NoDemand { itinerary })
    }
}

/// Clients ~ Poisson(base × R): Garwood over the reported range, divided by R.
fn base_rate(clients: ReportedFigure, exposure: f64) -> IntervalEstimate {
    let (low, high) = clients.range();
    IntervalEstimate {
        estimate: clients.midpoint() / exposure,
        ci95_low: garwood_interval(low, CONFIDENCE_LEVEL).0 / exposure,
        ci95_high: garwood_interval(high, CONFIDENCE_LEVEL).1 / exposure,
    }
}

/// m = uses / clients; extra errands X = uses − clients ~ Poisson(C(m − 1)) given C clients.
fn errands_per_client(figures: &SeasonFigures) -> Result<IntervalEstimate, TotalsError> {
    let (cases_low, cases_high) = figures.tour_cases.range();
    let (info_low, info_high) = figures.tour_information_uses.range();
    let (clients_low, clients_high) = figures.tour_clients.range();
    let (uses_low, uses_high) = (cases_low + info_low, cases_high + info_high);
    if clients_low == 0 {
        return Err(TotalsError::NoClients);
    }
    if uses_high < clients_low {
        return Err(TotalsError::FewerUsesThanClients {
            uses_max: uses_high,
            clients_min: clients_low,
        });
    }
    let extra_low = uses_low.saturating_sub(clients_high);
    let extra_high = uses_high - clients_low;
    let uses_mid = figures.tour_cases.midpoint() + figures.tour_information_uses.midpoint();
    Ok(IntervalEstimate {
        estimate: (uses_mid / figures.tour_clients.midpoint()).max(1.0),
        ci95_low: 1.0 + garwood_interval(extra_low, CONFIDENCE_LEVEL).0 / clients_high as f64,
        ci95_high: 1.0 + garwood_interval(extra_high, CONFIDENCE_LEVEL).1 / clients_low as f64,
    })
}

/// q = information / (cases + information); Clopper–Pearson over the reported ranges.
fn information_share(cases: ReportedFigure, information: ReportedFigure) -> IntervalEstimate {
    let (cases_low, cases_high) = cases.range();
    let (info_low, info_high) = information.range();
    let info_mid = information.midpoint();
    IntervalEstimate {
        estimate: info_mid / (info_mid + cases.midpoint()),
        ci95_low: clopper_pearson_interval(info_low, info_low + cases_high, CONFIDENCE_LEVEL).0,
        ci95_high: clopper_pearson_interval(info_high, info_high + cases_low, CONFIDENCE_LEVEL).1,
    }
}

fn fit_table(
    figures: &SeasonFigures,
    base_rate: &IntervalEstimate,
    errands: &IntervalEstimate,
    year: f64,
    tour: f64,
) -> Vec<TotalsFitRow> {
    let tour_clients = base_rate.estimate * tour;
    let tour_uses = tour_clients * errands.estimate;
    let info_mid = figures.tour_information_uses.midpoint();
    let share = info_mid / (info_mid + figures.tour_cases.midpoint());
    vec![
        fit_row("tour clients", TargetRole::Fitted, figures.tour_clients, tour_clients),
        fit_row(
            "tour cases",
            TargetRole::Fitted,
            figures.tour_cases,
            tour_uses * (1.0 - share),
        ),
        fit_row(
            "tour information-only uses",
            TargetRole::Fitted,
            figures.tour_information_uses,
            tour_uses * share,
        ),
        fit_row(
            "year uses",
            TargetRole::Check,
            figures.year_uses,
            base_rate.estimate * year * errands.estimate,
        ),
    ]
}

fn fit_row(target: &str, role: TargetRole, reported: ReportedFigure, model: f64) -> TotalsFitRow {
    let observed = reported.midpoint();
    let (observed_low, observed_high) = reported.range();
    TotalsFitRow {
        target: target.to_string(),
        role,
        reported: reported.label(),
        observed,
        observed_low,
        observed_high,
        model,
        difference: model - observed,
        relative_difference: (model - observed) / observed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reported_figures_have_their_ranges() {
        let more = ReportedFigure::more_than(3600, 100);
        assert_eq!(
            (more.range(), more.midpoint(), more.label()),
            ((3600, 3699), 3649.5, "> 3600".into())
        );
        let exact = ReportedFigure::exact(400);
        assert_eq!(
            (exact.range(), exact.midpoint(), exact.label()),
            ((400, 400), 400.0, "400".into())
        );
        assert_eq!(ReportedFigure::more_than(10, 1).range(), (10, 10));
    }

    #[test]
    fn calibrates_the_2019_figures_by_hand() {
        // Year: 196 stops of relative demand 1.0 each (R = 196); tour: 71 stops of 0.5 (R = 35.5).
        let figures = SeasonFigures::published_2019();
        let cal = calibrate_totals(&figures, &[1.0; 196], &[0.5; 71]).unwrap();
        // base_rate = 1049.5 / 35.5 = 29.563; limits Garwood(1000).lower / 35.5 and Garwood(1099).upper / 35.5.
        assert!((cal.base_rate.estimate - 1049.5 / 35.5).abs() < 1e-12);
        assert!((cal.base_rate.ci95_low - garwood_interval(1000, 0.95).0 / 35.5).abs() < 1e-12);
        assert!((cal.base_rate.ci95_high - garwood_interval(1099, 0.95).1 / 35.5).abs() < 1e-12);
        // Normal approximation check of the Garwood ends: 1000 − 1.96√1000 ≈ 938, 1099 + 1.96√1100 ≈ 1165.
        assert!((cal.base_rate.ci95_low * 35.5 - 938.0).abs() < 2.0);
        assert!((cal.base_rate.ci95_high * 35.5 - 1165.0).abs() < 2.0);
        // Errands: uses (849.5 + 400) / 1049.5 = 1.19057; extra errands between 1200 − 1099 = 101 and
        // 1299 − 1000 = 299.
        assert!((cal.errands_per_client.estimate - 1249.5 / 1049.5).abs() < 1e-12);
        assert!((cal.errands_per_client.ci95_low - (1.0 + garwood_interval(101, 0.95).0 / 1099.0)).abs() < 1e-12);
        assert!((cal.errands_per_client.ci95_high - (1.0 + garwood_interval(299, 0.95).1 / 1000.0)).abs() < 1e-12);
        // Information share 400 / 1249.5 = 0.32013; limits from 400 of 1299 and 400 of 1200.
        assert!((cal.information_share.estimate - 400.0 / 1249.5).abs() < 1e-12);
        assert!((cal.information_share.ci95_low - clopper_pearson_interval(400, 1299, 0.95).0).abs() < 1e-12);
        assert!((cal.information_share.ci95_high - clopper_pearson_interval(400, 1200, 0.95).1).abs() < 1e-12);
        // The fitted targets are reproduced; the year's uses are predicted as 29.563 × 196 × 1.19057 = 6898.6.
        for row in &cal.fit[..3] {
            assert_eq!(row.role, TargetRole::Fitted);
            assert!(row.difference.abs() < 1e-9, "{}: {}", row.target, row.difference);
        }
        let year = &cal.fit[3];
        assert_eq!(
            (year.role, year.reported.as_str(), year.observed),
            (TargetRole::Check, "> 3600", 3649.5)
        );
        assert!((year.model - 1249.5 / 35.5 * 196.0).abs() < 1e-9);
    }

    #[test]
    fn exact_figures_give_plain_exact_intervals() {
        let figures = SeasonFigures {
            year_stops: 2,
            year_uses: ReportedFigure::exact(30),
            tour_stops: 1,
            tour_clients: ReportedFigure::exact(10),
            tour_cases: ReportedFigure::exact(8),
            tour_information_uses: ReportedFigure::exact(4),
        };
        let cal = calibrate_totals(&figures, &[2.0, 3.0], &[2.0]).unwrap();
        let (lo, hi) = garwood_interval(10, 0.95);
        assert_eq!((cal.base_rate.ci95_low, cal.base_rate.ci95_high), (lo / 2.0, hi / 2.0));
        assert!((cal.errands_per_client.estimate - 1.2).abs() < 1e-12);
        assert!((cal.errands_per_client.ci95_high - (1.0 + garwood_interval(2, 0.95).1 / 10.0)).abs() < 1e-12);
        assert!((cal.information_share.estimate - 1.0 / 3.0).abs() < 1e-12);
        // Year check: 5 × 5 × 1.2 = 30 uses, exactly the figure.
        assert!(cal.fit[3].difference.abs() < 1e-12);
    }

    #[test]
    fn rejects_inconsistent_inputs() {
        let figures = SeasonFigures::published_2019();
        assert_eq!(
            calibrate_totals(&figures, &[1.0; 195], &[1.0; 71]),
            Err(TotalsError::StopCountMismatch {
                itinerary: "year",
                expected: 196,
                found: 195
            })
        );
        let mut bad = vec![1.0; 71];
        bad[3] = f64::NAN;
        assert!(matches!(
            calibrate_totals(&figures, &[1.0; 196], &bad),
            Err(TotalsError::InvalidRelativeDemand { index: 3, .. })
        ));
        assert_eq!(
            calibrate_totals(&figures, &[1.0; 196], &[0.0; 71]),
            Err(TotalsError::NoDemand { itinerary: "tour" })
        );
        let no_clients = SeasonFigures {
            tour_clients: ReportedFigure::exact(0),
            ..figures.clone()
        };
        assert_eq!(
            calibrate_totals(&no_clients, &[1.0; 196], &[1.0; 71]),
            Err(TotalsError::NoClients)
        );
        let few_uses = SeasonFigures {
            tour_cases: ReportedFigure::exact(300),
            ..figures.clone()
        };
        assert_eq!(
            calibrate_totals(&few_uses, &[1.0; 196], &[1.0; 71]),
            Err(TotalsError::FewerUsesThanClients {
                uses_max: 700,
                clients_min: 1000
            })
        );
    }

    /// Coverage over R = 1000 simulated tours from the engine's model (base 14 clients per unit of relative
    /// demand over R = 71, 1.2 errands per client, information share 1/3), with clients and cases published
    /// as "more than" their value rounded down to hundreds and information uses exactly. The intervals are
    /// conservative by construction, so each must cover its true value at least 95 % of the time, up to
    /// 4 binomial standard errors (≥ 0.931); fully exact figures must do the same.
    #[test]
    fn intervals_cover_the_truth_on_simulated_tours() {
        use rand::SeedableRng;
        use rand::rngs::ChaCha8Rng;
        use rand_distr::{Binomial, Distribution, Poisson};
        const TOURS: usize = 1000;
        let (base, errands, share) = (14.0, 1.2, 1.0 / 3.0);
        let tour = vec![1.0; 71];
        let year = vec![1.0; 196];
        let mut rng = ChaCha8Rng::seed_from_u64(2019);
        let mut covered = [[0usize; 3]; 2];
        for _ in 0..TOURS {
            let clients = Poisson::new(base * 71.0).unwrap().sample(&mut rng) as u64;
            let extra = Poisson::new(clients as f64 * (errands - 1.0)).unwrap().sample(&mut rng) as u64;
            let uses = clients + extra;
            let information = Binomial::new(uses, share).unwrap().sample(&mut rng);
            let cases = uses - information;
            let round = |n: u64| ReportedFigure::more_than(n / 100 * 100, 100);
            let published = [
                (round(clients), round(cases)),
                (ReportedFigure::exact(clients), ReportedFigure::exact(cases)),
            ];
            for (k, (clients, cases)) in published.into_iter().enumerate() {
                let figures = SeasonFigures {
                    year_stops: 196,
                    year_uses: ReportedFigure::exact(3600),
                    tour_stops: 71,
                    tour_clients: clients,
                    tour_cases: cases,
                    tour_information_uses: ReportedFigure::exact(information),
                };
                let cal = calibrate_totals(&figures, &year, &tour).unwrap();
                let inside = |e: IntervalEstimate, v: f64| usize::from(e.ci95_low <= v && v <= e.ci95_high);
                covered[k][0] += inside(cal.base_rate, base);
                covered[k][1] += inside(cal.errands_per_client, errands);
                covered[k][2] += inside(cal.information_share, share);
            }
        }
        let floor = 0.95 - 4.0 * (0.95 * 0.05 / TOURS as f64).sqrt();
        for (k, kind) in ["rounded", "exact"].iter().enumerate() {
            let coverage: Vec<f64> = covered[k].iter().map(|&c| c as f64 / TOURS as f64).collect();
            eprintln!("{kind} figures: coverage of base rate, errands per client, information share {coverage:?}");
            assert!(
                coverage.iter().all(|&c| c >= floor),
                "{kind}: {coverage:?} below {floor}"
            );
        }
    }
}

//! Calibration from published season totals: the demand base rate, errands per client and the share of
//! information-only errands, each with a confidence interval, and the fit table.
//!
//! # The model (the engine's)
//! Clients at stop i have mean μᵢ = base_rate × rᵢ + gᵢ, where rᵢ is the stop's relative demand (its
//! expected clients with base_rate = 1, from the demand model with every other parameter fixed) and gᵢ
//! the expected clients given directly for stops outside the demand model (an event); a stop is one
//! or the other. Counts are Poisson, or negative binomial with shape k (Var = μ + μ²/k). Each client
//! brings 1 + Poisson(m − 1) errands; each errand is information only with probability q.
//!
//! # The estimates
//! - base_rate from the second tour's clients C, with mean base_rate × R + G over the tour
//!   (R = Σ rᵢ, G = Σ gᵢ). With Poisson counts C is Poisson: Garwood's exact interval for its mean,
//!   minus G, divided by R. With negative-binomial counts Var C = μ + Σ μᵢ²/k is larger; the interval
//!   is then the score interval {b : (C − bR − G)² ≤ z² Var_b C} (normal approximation: the tour has
//!   hundreds of clients). Clients are the quantity the model draws per stop; the year's figure counts
//!   uses, which would need m as well, so it is kept apart as an out-of-sample check in the fit table.
//! - errands per client from the tour: given C clients the extra errands X = uses − C are
//!   Poisson(C(m − 1)), so Garwood's interval for X, divided by C, bounds m − 1.
//! - information share from the tour: the information-only uses are Binomial(uses, q): Clopper–Pearson.
//!
//! # "More than" figures
//! A figure published as "more than X" is a lower bound. A pure lower bound gives no upper confidence
//! limit at all (any larger demand fits), which is useless for planning. We add the weakest assumption
//! that makes it usable and say so: the publisher rounded down to a round number, so the true value lies
//! in [X, X + step − 1] (step 100 for "more than 3,600"; the step is a parameter). The point estimate uses
//! the middle of that range; each interval is the union of the intervals over every value in the
//! range (lower limit from the range's smallest value, upper from its largest), so its coverage is at least
//! 95 % whatever the true value in the range. The lower confidence limits therefore still rest only on
//! the published lower bounds. With step 1 the figure is taken as exact.

use serde::Serialize;

use super::exact_intervals::{clopper_pearson_interval, garwood_interval};
use super::{CONFIDENCE_LEVEL, IntervalEstimate, normal_quantile_two_sided};

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

/// What one stop contributes to a season's expected clients.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub enum StopDemand {
    /// Expected clients with base_rate = 1 (a stop of the demand model): scales with the base rate.
    Relative(f64),
    /// Expected clients given directly (a stop outside the demand model): does not scale.
    Fixed(f64),
}

/// An itinerary's expected clients as a function of the base rate: base × `relative` + `fixed`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ItineraryDemand {
    /// Σ rᵢ over the stops of the demand model (expected clients at base_rate = 1).
    pub relative: f64,
    /// Σ rᵢ² (for the negative-binomial variance).
    pub relative_squares: f64,
    /// Σ gᵢ over the stops with given demand, clients.
    pub fixed: f64,
    /// Σ gᵢ².
    pub fixed_squares: f64,
}

impl ItineraryDemand {
    /// Expected clients at `base_rate`.
    pub fn expected_clients(&self, base_rate: f64) -> f64 {
        base_rate * self.relative + self.fixed
    }

    /// Variance of the itinerary's client total at `base_rate`: the mean for Poisson counts, plus
    /// Σ μᵢ²/k for negative-binomial counts of shape k (stops are independent).
    pub fn client_variance(&self, base_rate: f64, dispersion_shape: Option<f64>) -> f64 {
        let mean = self.expected_clients(base_rate);
        match dispersion_shape {
            None => mean,
            Some(k) => mean + (base_rate * base_rate * self.relative_squares + self.fixed_squares) / k,
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
    #[error(
        "the tour's stops with given demand expect {given:.1} clients, as many as the {clients} published: \
         nothing is left for the demand model"
    )]
    GivenDemandExceedsClients { given: f64, clients: f64 },
    #[error("the dispersion shape k must be positive and finite, got {0}")]
    InvalidDispersionShape(f64),
}

/// Whether a target was used to estimate the parameters (and so is reproduced by construction) or is
/// an independent check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum TargetRole {
    Fitted,
    Check,
}

/// A published figure of the 2019 bus programme that the totals calibration fits or checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublishedFigure {
    /// Clients of the second tour (those served).
    TourClients,
    /// Cases handled in the second tour.
    TourCases,
    /// Information-only uses of the second tour.
    TourInformationUses,
    /// Uses of the whole year.
    YearUses,
}

impl PublishedFigure {
    /// Its name in the fit table, the CSV files and calibration.json ("tour clients").
    pub fn name(self) -> &'static str {
        match self {
            PublishedFigure::TourClients => "tour clients",
            PublishedFigure::TourCases => "tour cases",
            PublishedFigure::TourInformationUses => "tour information-only uses",
            PublishedFigure::YearUses => "year uses",
        }
    }
}

/// Serialises a figure as its name (the JSON keeps the text it always had).
#[allow(clippy::trivially_copy_pass_by_ref)] // serde's `serialize_with` hands the field by reference
pub(crate) fn serialize_figure_name<S: serde::Serializer>(figure: &PublishedFigure, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(figure.name())
}

/// One published figure against the calibrated model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TotalsFitRow {
    /// What is compared, e.g. the tour's clients.
    #[serde(serialize_with = "serialize_figure_name")]
    pub target: PublishedFigure,
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
    /// Expected clients of the year's stops with given demand.
    pub year_given_clients: f64,
    /// Expected clients of the tour's stops with given demand.
    pub tour_given_clients: f64,
    /// Negative-binomial shape k of the stop counts the base-rate interval allows for (`None`: Poisson).
    pub dispersion_shape: Option<f64>,
    pub fit: Vec<TotalsFitRow>,
}

impl TotalsCalibration {
    /// The calibration when a share `lost_share` of the clients who arrive leave unserved (balking,
    /// reneging) while the published clients count those served: the tour's expected arrivals become
    /// (base × R + G) / (1 − lost_share), so base' = ((base × R + G) / (1 − lost_share) − G) / R, for the
    /// estimate and both interval ends. Errands per client and the information share count served
    /// clients' errands and do not change; neither does the fit table (its model column is the
    /// expected served figure).
    pub fn with_lost_share(&self, lost_share: f64) -> Self {
        let (r, g) = (self.tour_relative_demand, self.tour_given_clients);
        let served_to_arrivals = |b: f64| ((b * r + g) / (1.0 - lost_share) - g) / r;
        let b = self.base_rate;
        Self {
            base_rate: IntervalEstimate {
                estimate: served_to_arrivals(b.estimate),
                ci95_low: served_to_arrivals(b.ci95_low),
                ci95_high: served_to_arrivals(b.ci95_high),
            },
            ..self.clone()
        }
    }
}

/// Calibrates base rate, errands per client and information share to `figures`, given each stop's
/// relative demand (expected clients with base_rate = 1) for the year and for the tour (a part of it),
/// with Poisson counts.
pub fn calibrate_totals(
    figures: &SeasonFigures,
    year_relative_demand: &[f64],
    tour_relative_demand: &[f64],
) -> Result<TotalsCalibration, TotalsError> {
    let relative = |r: &[f64]| r.iter().map(|&v| StopDemand::Relative(v)).collect::<Vec<_>>();
    calibrate_season_totals(
        figures,
        &relative(year_relative_demand),
        &relative(tour_relative_demand),
        None,
    )
}

/// Calibrates base rate, errands per client and information share to `figures` for itineraries whose
/// stops are of the demand model or have given demand; `dispersion_shape` is the negative-binomial k of
/// every stop's count (`None`: Poisson), which widens the base-rate interval.
pub fn calibrate_season_totals(
    figures: &SeasonFigures,
    year: &[StopDemand],
    tour: &[StopDemand],
    dispersion_shape: Option<f64>,
) -> Result<TotalsCalibration, TotalsError> {
    if figures.tour_stops > figures.year_stops {
        return Err(TotalsError::TourLargerThanYear {
            tour: figures.tour_stops,
            year: figures.year_stops,
        });
    }
    if let Some(k) = dispersion_shape.filter(|k| !(k.is_finite() && *k > 0.0)) {
        return Err(TotalsError::InvalidDispersionShape(k));
    }
    let year_demand = itinerary_demand("year", figures.year_stops, year)?;
    let tour_demand = itinerary_demand("tour", figures.tour_stops, tour)?;
    let errands_per_client = errands_per_client(figures)?;
    let base_rate = base_rate(figures.tour_clients, &tour_demand, dispersion_shape)?;
    let information_share = information_share(figures.tour_cases, figures.tour_information_uses);
    let fit = fit_table(figures, &base_rate, &errands_per_client, &year_demand, &tour_demand);
    Ok(TotalsCalibration {
        base_rate,
        errands_per_client,
        information_share,
        year_relative_demand: year_demand.relative,
        tour_relative_demand: tour_demand.relative,
        year_given_clients: year_demand.fixed,
        tour_given_clients: tour_demand.fixed,
        dispersion_shape,
        fit,
    })
}

/// Errands per client and the information-only share, each with its exact 95 % interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ErrandEstimates {
    /// Mean errands (uses) per client, ≥ 1.
    pub errands_per_client: IntervalEstimate,
    /// Share of errands that are information only.
    pub information_share: IntervalEstimate,
}

/// Errands per client and information share from counted totals (e.g. a stop log's columns): the
/// same exact intervals as for the published tour figures, with every figure exact.
pub fn estimate_errands(clients: u64, cases: u64, information_uses: u64) -> Result<ErrandEstimates, TotalsError> {
    let (cases, information) = (ReportedFigure::exact(cases), ReportedFigure::exact(information_uses));
    let figures = SeasonFigures {
        year_stops: 0,
        year_uses: ReportedFigure::exact(0),
        tour_stops: 0,
        tour_clients: ReportedFigure::exact(clients),
        tour_cases: cases,
        tour_information_uses: information,
    };
    Ok(ErrandEstimates {
        errands_per_client: errands_per_client(&figures)?,
        information_share: information_share(cases, information),
    })
}

/// The itinerary's sums after checking the stop count and every value.
fn itinerary_demand(
    itinerary: &'static str,
    expected_stops: usize,
    stops: &[StopDemand],
) -> Result<ItineraryDemand, TotalsError> {
    if stops.len() != expected_stops {
        return Err(TotalsError::StopCountMismatch {
            itinerary,
            expected: expected_stops,
            found: stops.len(),
        });
    }
    let mut demand = ItineraryDemand {
        relative: 0.0,
        relative_squares: 0.0,
        fixed: 0.0,
        fixed_squares: 0.0,
    };
    for (index, stop) in stops.iter().enumerate() {
        let (StopDemand::Relative(value) | StopDemand::Fixed(value)) = *stop;
        if !(value.is_finite() && value >= 0.0) {
            return Err(TotalsError::InvalidRelativeDemand {
                itinerary,
                index,
                value,
            });
        }
        match stop {
            StopDemand::Relative(r) => {
                demand.relative += r;
                demand.relative_squares += r * r;
            }
            StopDemand::Fixed(g) => {
                demand.fixed += g;
                demand.fixed_squares += g * g;
            }
        }
    }
    if demand.relative > 0.0 {
        Ok(demand)
    } else {
        Err(TotalsError::NoDemand { itinerary })
    }
}

/// The base rate from the tour's clients (see the module documentation).
fn base_rate(
    clients: ReportedFigure,
    tour: &ItineraryDemand,
    dispersion_shape: Option<f64>,
) -> Result<IntervalEstimate, TotalsError> {
    let (low, high) = clients.range();
    let estimate = (clients.midpoint() - tour.fixed) / tour.relative;
    if estimate <= 0.0 {
        return Err(TotalsError::GivenDemandExceedsClients {
            given: tour.fixed,
            clients: clients.midpoint(),
        });
    }
    let (ci95_low, ci95_high) = match dispersion_shape {
        None => (
            (garwood_interval(low, CONFIDENCE_LEVEL).0 - tour.fixed) / tour.relative,
            (garwood_interval(high, CONFIDENCE_LEVEL).1 - tour.fixed) / tour.relative,
        ),
        Some(k) => (
            score_limit(low as f64, tour, k, Limit::Lower),
            score_limit(high as f64, tour, k, Limit::Upper),
        ),
    };
    Ok(IntervalEstimate {
        estimate,
        ci95_low: ci95_low.max(0.0),
        ci95_high,
    })
}

/// Which end of an interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Limit {
    Lower,
    Upper,
}

/// An end of the score interval {b : (c − bR − G)² ≤ z² (bR + G + (b²Σr² + Σg²)/k)}: the roots of
/// A b² + B b + C = 0 with A = R² − z²Σr²/k, B = −(2(c − G)R + z²R), C = (c − G)² − z²(G + Σg²/k).
/// The quadratic is negative at b = (c − G)/R, so with A > 0 it has two real roots around it; with
/// A ≤ 0 the variance grows as fast as the squared distance and there is no upper limit (∞).
fn score_limit(clients: f64, tour: &ItineraryDemand, shape_k: f64, limit: Limit) -> f64 {
    let z2 = normal_quantile_two_sided(CONFIDENCE_LEVEL).powi(2);
    let (r, g) = (tour.relative, tour.fixed);
    let a = r * r - z2 * tour.relative_squares / shape_k;
    let b = -(2.0 * (clients - g) * r + z2 * r);
    let c = (clients - g).powi(2) - z2 * (g + tour.fixed_squares / shape_k);
    if a <= 0.0 {
        return match limit {
            Limit::Lower => 0.0,
            Limit::Upper => f64::INFINITY,
        };
    }
    let root = (b * b - 4.0 * a * c).max(0.0).sqrt();
    match limit {
        Limit::Lower => (-b - root) / (2.0 * a),
        Limit::Upper => (-b + root) / (2.0 * a),
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
    year: &ItineraryDemand,
    tour: &ItineraryDemand,
) -> Vec<TotalsFitRow> {
    let tour_clients = tour.expected_clients(base_rate.estimate);
    let tour_uses = tour_clients * errands.estimate;
    let info_mid = figures.tour_information_uses.midpoint();
    let share = info_mid / (info_mid + figures.tour_cases.midpoint());
    vec![
        fit_row(
            PublishedFigure::TourClients,
            TargetRole::Fitted,
            figures.tour_clients,
            tour_clients,
        ),
        fit_row(
            PublishedFigure::TourCases,
            TargetRole::Fitted,
            figures.tour_cases,
            tour_uses * (1.0 - share),
        ),
        fit_row(
            PublishedFigure::TourInformationUses,
            TargetRole::Fitted,
            figures.tour_information_uses,
            tour_uses * share,
        ),
        fit_row(
            PublishedFigure::YearUses,
            TargetRole::Check,
            figures.year_uses,
            year.expected_clients(base_rate.estimate) * errands.estimate,
        ),
    ]
}

fn fit_row(target: PublishedFigure, role: TargetRole, reported: ReportedFigure, model: f64) -> TotalsFitRow {
    let observed = reported.midpoint();
    let (observed_low, observed_high) = reported.range();
    TotalsFitRow {
        target,
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
            assert!(row.difference.abs() < 1e-9, "{}: {}", row.target.name(), row.difference);
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
    fn a_lost_share_raises_the_base_rate_so_that_served_clients_match() {
        // Tour R = 35 (70 stops of 0.5) plus an event of 30; 2 % of arrivals leave unserved.
        let figures = SeasonFigures::published_2019();
        let mut tour = vec![StopDemand::Relative(0.5); 70];
        tour.push(StopDemand::Fixed(30.0));
        let year = vec![StopDemand::Relative(1.0); 196];
        let cal = calibrate_season_totals(&figures, &year, &tour, None).unwrap();
        let served = cal.with_lost_share(0.02);
        // Served clients 0.98 × (b' × 35 + 30) equal the published midpoint 1049.5.
        assert!((0.98 * (served.base_rate.estimate * 35.0 + 30.0) - 1049.5).abs() < 1e-9);
        assert!(
            (0.98 * (served.base_rate.ci95_high * 35.0 + 30.0) - (cal.base_rate.ci95_high * 35.0 + 30.0)).abs() < 1e-9
        );
        assert_eq!(served.errands_per_client, cal.errands_per_client);
        assert_eq!(cal.with_lost_share(0.0), cal);
    }

    #[test]
    fn errands_from_counted_totals() {
        // 10 clients, 8 cases, 4 information: m = 1.2 with Garwood(2) / 10; share 4/12 with Clopper–Pearson.
        let e = estimate_errands(10, 8, 4).unwrap();
        assert!((e.errands_per_client.estimate - 1.2).abs() < 1e-12);
        assert!((e.errands_per_client.ci95_low - (1.0 + garwood_interval(2, 0.95).0 / 10.0)).abs() < 1e-12);
        assert!((e.errands_per_client.ci95_high - (1.0 + garwood_interval(2, 0.95).1 / 10.0)).abs() < 1e-12);
        assert!((e.information_share.estimate - 1.0 / 3.0).abs() < 1e-12);
        assert_eq!(
            (e.information_share.ci95_low, e.information_share.ci95_high),
            clopper_pearson_interval(4, 12, 0.95)
        );
        assert_eq!(estimate_errands(0, 0, 0), Err(TotalsError::NoClients));
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

    #[test]
    fn given_demand_is_an_offset_of_the_base_rate() {
        // Tour: 70 model stops of relative demand 0.5 (R = 35) and an event expecting 30 clients.
        let figures = SeasonFigures::published_2019();
        let mut tour = vec![StopDemand::Relative(0.5); 70];
        tour.push(StopDemand::Fixed(30.0));
        let mut year = vec![StopDemand::Relative(1.0); 195];
        year.push(StopDemand::Fixed(30.0));
        let cal = calibrate_season_totals(&figures, &year, &tour, None).unwrap();
        // base = (1049.5 − 30) / 35; limits (Garwood − 30) / 35.
        assert!((cal.base_rate.estimate - 1019.5 / 35.0).abs() < 1e-12);
        assert!((cal.base_rate.ci95_low - (garwood_interval(1000, 0.95).0 - 30.0) / 35.0).abs() < 1e-12);
        assert!((cal.base_rate.ci95_high - (garwood_interval(1099, 0.95).1 - 30.0) / 35.0).abs() < 1e-12);
        assert_eq!((cal.tour_given_clients, cal.year_given_clients), (30.0, 30.0));
        assert!(cal.fit[0].difference.abs() < 1e-9);
        // Year uses: (base × 195 + 30) × 1249.5/1049.5.
        let year_uses = (1019.5 / 35.0 * 195.0 + 30.0) * 1249.5 / 1049.5;
        assert!((cal.fit[3].model - year_uses).abs() < 1e-9);
        let too_much = vec![StopDemand::Fixed(20.0); 70]
            .into_iter()
            .chain([StopDemand::Relative(1.0)])
            .collect::<Vec<_>>();
        assert!(matches!(
            calibrate_season_totals(&figures, &year, &too_much, None),
            Err(TotalsError::GivenDemandExceedsClients { .. })
        ));
        assert_eq!(
            calibrate_season_totals(&figures, &year, &tour, Some(0.0)),
            Err(TotalsError::InvalidDispersionShape(0.0))
        );
    }

    #[test]
    fn the_negative_binomial_interval_solves_its_equation_and_tends_to_the_poisson_one() {
        let figures = SeasonFigures {
            tour_clients: ReportedFigure::exact(1000),
            ..SeasonFigures::published_2019()
        };
        let tour: Vec<StopDemand> = (0..71)
            .map(|i| StopDemand::Relative(1.0 + f64::from(i % 5) * 0.25))
            .collect();
        let year = vec![StopDemand::Relative(1.0); 196];
        let demand = itinerary_demand("tour", 71, &tour).unwrap();
        let k = 5.0;
        let cal = calibrate_season_totals(&figures, &year, &tour, Some(k)).unwrap();
        let z = 1.959_964;
        for b in [cal.base_rate.ci95_low, cal.base_rate.ci95_high] {
            let lhs = (1000.0 - demand.expected_clients(b)).powi(2);
            let rhs = z * z * demand.client_variance(b, Some(k));
            assert!((lhs - rhs).abs() < 1e-6 * rhs, "{lhs} vs {rhs}");
        }
        // Var = μ + Σμ²/k: the half-width is about z·√Var / R (μ = 1000, Σμ² = 1000² Σr²/R²).
        let var = 1000.0 + 1000f64.powi(2) * demand.relative_squares / demand.relative.powi(2) / k;
        let half = (cal.base_rate.ci95_high - cal.base_rate.ci95_low) / 2.0;
        assert!((half - z * var.sqrt() / demand.relative).abs() < 0.03 * half, "{half}");
        // Nearly Poisson (k = 10⁹): the score interval is within 1 % of Garwood's.
        let poisson = calibrate_season_totals(&figures, &year, &tour, None).unwrap();
        let near = calibrate_season_totals(&figures, &year, &tour, Some(1e9)).unwrap();
        for (a, b) in [
            (near.base_rate.ci95_low, poisson.base_rate.ci95_low),
            (near.base_rate.ci95_high, poisson.base_rate.ci95_high),
        ] {
            assert!((a - b).abs() < 0.01 * b, "{a} vs {b}");
        }
    }

    /// Coverage of the negative-binomial base-rate interval over 1000 simulated tours of 71 stops with
    /// different relative demands (base 14, k = 5: each stop's count is Poisson with a Gamma(k, 1/k) day
    /// factor), published exactly: at least 95 % up to 4 binomial standard errors (≥ 0.922 with the
    /// normal approximation's own error allowed for by the floor of 4 SE).
    #[test]
    fn the_negative_binomial_interval_covers_the_truth_on_simulated_tours() {
        use rand::SeedableRng;
        use rand::rngs::ChaCha8Rng;
        use rand_distr::{Distribution, Gamma, Poisson};
        const TOURS: usize = 1000;
        let (base, k) = (14.0, 5.0);
        let relative: Vec<f64> = (0..71).map(|i| 0.4 + f64::from(i % 7) * 0.2).collect();
        let tour: Vec<StopDemand> = relative.iter().map(|&r| StopDemand::Relative(r)).collect();
        let year = vec![StopDemand::Relative(1.0); 196];
        let day = Gamma::new(k, 1.0 / k).unwrap();
        let mut rng = ChaCha8Rng::seed_from_u64(4);
        let (mut covered, mut covered_poisson) = (0usize, 0usize);
        for _ in 0..TOURS {
            let clients: u64 = relative
                .iter()
                .map(|r| Poisson::new(base * r * day.sample(&mut rng)).unwrap().sample(&mut rng) as u64)
                .sum();
            let figures = SeasonFigures {
                tour_clients: ReportedFigure::exact(clients),
                tour_cases: ReportedFigure::exact(clients),
                tour_information_uses: ReportedFigure::exact(clients / 3),
                ..SeasonFigures::published_2019()
            };
            let nb = calibrate_season_totals(&figures, &year, &tour, Some(k)).unwrap();
            let poisson = calibrate_season_totals(&figures, &year, &tour, None).unwrap();
            let inside = |e: IntervalEstimate| usize::from(e.ci95_low <= base && base <= e.ci95_high);
            covered += inside(nb.base_rate);
            covered_poisson += inside(poisson.base_rate);
        }
        let coverage = covered as f64 / TOURS as f64;
        let poisson_coverage = covered_poisson as f64 / TOURS as f64;
        eprintln!("coverage: negative-binomial interval {coverage}, Poisson interval {poisson_coverage}");
        let floor = 0.95 - 4.0 * (0.95 * 0.05 / TOURS as f64).sqrt();
        assert!(coverage >= floor, "{coverage} below {floor}");
        // The Poisson interval ignores the day factor and must fall clearly short here.
        assert!(poisson_coverage < floor, "{poisson_coverage}");
    }
}

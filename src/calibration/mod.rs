//! Calibration: fitting demand parameters to season totals and to stop logs.
//!
//! Pure statistics on plain numeric input: a stop log enters as a [`Design`] (named covariate columns,
//! see [`demand_design`]) and counts; season totals enter as relative demands and reported figures.

mod coefficients;
mod covariates;
mod design;
mod dispersion;
mod error;
mod exact_intervals;
mod glm;
mod gof;
mod input_sampling;
mod irls;
mod linalg;
mod nb_likelihood;
mod negbin;
mod pool_fit;
mod response;
mod stop_log;
#[cfg(test)]
mod synthetic;
mod toml_block;
mod totals;

pub use coefficients::{
    CONFIDENCE_LEVEL, CoefficientRow, Coefficients, IntervalEstimate, WaldInterval, normal_quantile_two_sided,
};
pub use covariates::{
    DISTANCE_KM, DemandTerms, INTERCEPT, LN_DWELL_HOURS, LN_POPULATION, REFERENCE_VENUE, StopCovariates, VENUE_PREFIX,
    demand_design, venue_column,
};
pub use design::Design;
pub use dispersion::{
    CameronTrivediTest, DISPERSION_TEST_LEVEL, DispersionTest, cameron_trivedi_test, pearson_dispersion_test,
};
pub use error::FitError;
pub use exact_intervals::{clopper_pearson_interval, garwood_interval};
pub use glm::{PoissonFit, fit_poisson};
pub use gof::{
    CountBins, CountModel, FrequencyRow, GofError, GroupRow, fitted_mean_quantile_table, frequency_table, group_table,
};
pub use input_sampling::{DemandDraw, DrawnDemand, InputSampling, SamplingError, SamplingSource};
pub use linalg::SquareMatrix;
pub use negbin::{
    LikelihoodRatioTest, NegBinFit, SHAPE_FLOOR, SHAPE_LIMIT, ShapeEstimate, fit_negbin, likelihood_ratio_vs_poisson,
};
pub use pool_fit::{CHI2_1_95, LEAK_GRID_PER_YEAR, PoolEstimate, PoolFit, PoolFitError, PoolLogVisit, fit_pool};
pub use stop_log::{ChosenModel, StopLogCalibration, StopLogError, calibrate_stop_log};
pub use toml_block::{
    DemandParameters, DemandReferences, POPULATION_REF, TomlBlockError, render_demand_toml, render_errands_toml,
    render_totals_toml,
};
pub use totals::{
    DEFAULT_ROUNDING_STEP, ErrandEstimates, ItineraryDemand, PublishedFigure, Qualifier, ReportedFigure, SeasonFigures,
    StopDemand, TargetRole, TotalsCalibration, TotalsError, TotalsFitRow, calibrate_season_totals, calibrate_totals,
    estimate_errands,
};

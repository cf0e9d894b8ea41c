//! Errors of the regression fits (design, counts, convergence), each naming the column or row concerned.

/// Why a count regression (Poisson or negative binomial) could not be fitted.
///
/// Row numbers are indices from 0 in the order the rows were given; the caller maps them to log lines.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FitError {
    #[error("the design has no columns: at least an intercept is needed")]
    NoColumns,
    #[error("design column `{0}` appears twice")]
    DuplicateColumn(String),
    #[error("design column `{column}` has {found} rows, but the first column has {expected}")]
    ColumnLength {
        column: String,
        expected: usize,
        found: usize,
    },
    #[error("design column `{column}`, row index {row}: value {value} is not a finite number")]
    NonFiniteCovariate { column: String, row: usize, value: f64 },
    #[error("{field} of row index {row} is {value}, but it must be {requirement}")]
    InvalidCovariate {
        /// Which stop attribute (population, dwell_hours, distance_km).
        field: &'static str,
        row: usize,
        value: f64,
        /// What would be accepted, e.g. "positive".
        requirement: &'static str,
    },
    #[error(
        "no stop is at a municipality, the reference venue: base_rate is defined there, so the venue effects \
         cannot be estimated (add municipality stops or leave the venue term out)"
    )]
    NoReferenceVenue,
    #[error("the design has {columns} columns but the fit has {coefficients} coefficients: not the fit's design")]
    DesignMismatch { coefficients: usize, columns: usize },
    #[error("{rows} rows for {parameters} parameters: a fit needs more stops than parameters")]
    TooFewRows { rows: usize, parameters: usize },
    #[error("{found} counts for {expected} design rows")]
    CountLength { expected: usize, found: usize },
    #[error("count {value} in row index {row} is negative")]
    NegativeCount { row: usize, value: f64 },
    #[error("count in row index {row} is not a finite number ({value})")]
    NonFiniteCount { row: usize, value: f64 },
    #[error("count {value} in row index {row} is not a whole number")]
    NonIntegerCount { row: usize, value: f64 },
    #[error("{found} offsets for {expected} design rows")]
    OffsetLength { expected: usize, found: usize },
    #[error("offset in row index {row} is not a finite number ({value})")]
    NonFiniteOffset { row: usize, value: f64 },
    #[error("every count is zero: there is no demand to fit")]
    AllCountsZero,
    #[error("design column `{column}` is zero in every row (no stop has it): its coefficient cannot be estimated")]
    ZeroColumn { column: String },
    #[error("design column `{column}` is constant ({value}), so it duplicates `{duplicates}`: drop it")]
    ConstantColumn {
        column: String,
        value: f64,
        /// The earlier constant column it duplicates (usually the intercept).
        duplicates: String,
    },
    #[error("design column `{column}` is a linear combination of {}: drop one of them", quoted(.with))]
    CollinearColumn {
        column: String,
        /// The earlier columns it is (numerically) a combination of.
        with: Vec<String>,
    },
    #[error(
        "every stop with `{column}` = 1 has a zero count: its coefficient would be minus infinity \
         (drop the column or merge the category)"
    )]
    ZeroCountIndicator { column: String },
    #[error(
        "the weighted information matrix became singular at column `{column}` in iteration {iteration} \
         (fitted means near zero?)"
    )]
    SingularInformation { column: String, iteration: u32 },
    #[error("the fit did not converge in {iterations} iterations (last relative change {relative_change:e})")]
    NoConvergence { iterations: u32, relative_change: f64 },
    #[error(
        "the counts are not over-dispersed (sum of (y - mean)^2 - y = {excess:.3} at the Poisson fit, or the \
         shape k ran past {shape_limit:e}): the negative-binomial maximum is the Poisson fit itself (k = infinity)"
    )]
    NoOverdispersion {
        /// Σ[(y − μ̂)² − y] at the Poisson fit: the score for 1/k at the boundary, up to a factor ½.
        excess: f64,
        /// The largest shape k searched (see `negbin::SHAPE_LIMIT`).
        shape_limit: f64,
    },
    #[error(
        "the negative-binomial shape k fell below {shape_floor:e}: the counts vary far more than any count model \
         of stop demand allows (check the log for mixed-up columns or totals)"
    )]
    ExtremeOverdispersion {
        /// The smallest shape k searched (see `negbin::SHAPE_FLOOR`).
        shape_floor: f64,
    },
}

/// `a`, `b` and `c` as back-quoted names.
fn quoted(names: &[String]) -> String {
    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}

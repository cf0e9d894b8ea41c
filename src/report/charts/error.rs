//! Errors of the chart renderers: bad input (with the chart's name) or a failed drawing step.

/// Why a chart could not be drawn.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ChartError {
    /// The input has nothing to plot (no settlements, no points, no policies...).
    #[error("chart `{chart}`: nothing to draw: {what} is empty")]
    Empty { chart: &'static str, what: &'static str },
    /// The input is present but unusable (mismatched lengths, non-finite or negative values...).
    #[error("chart `{chart}`: {problem}")]
    BadInput { chart: &'static str, problem: String },
    /// The embedded font could not be read (a build problem, not a user error).
    #[error("the embedded DejaVu Sans font is not a valid font file")]
    Font,
    /// plotters failed while drawing.
    #[error("chart `{chart}`: drawing failed: {message}")]
    Draw { chart: &'static str, message: String },
    /// The PNG encoder failed.
    #[error("chart `{chart}`: PNG encoding failed: {message}")]
    Png { chart: &'static str, message: String },
}

/// A plotters failure inside a drawing function, before the chart's name is attached.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct DrawFailure(pub String);

/// Turns any plotters result into a [`DrawFailure`] result.
pub(super) trait Drawn<T> {
    fn drawn(self) -> Result<T, DrawFailure>;
}

impl<T, E: std::fmt::Display> Drawn<T> for Result<T, E> {
    fn drawn(self) -> Result<T, DrawFailure> {
        self.map_err(|e| DrawFailure(e.to_string()))
    }
}

//! Errors in the input of itinerary generation, each with the key it concerns.

/// One problem in the rules, the visits or the calendar of a generated season.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{key}: {message}")]
pub struct PlanError {
    /// Dotted path of the offending field, e.g. `visits[3].dwell_min` or `window.end_min`.
    pub key: String,
    /// What is wrong and what would be accepted.
    pub message: String,
}

impl PlanError {
    pub fn new(key: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            key: key.into(),
            message: message.into(),
        }
    }

    /// The same error with `prefix.` put in front of its key (e.g. the scenario's `season`).
    pub fn within(self, prefix: &str) -> Self {
        Self {
            key: format!("{prefix}.{}", self.key),
            message: self.message,
        }
    }
}

/// Every problem found in one input, collected at once so that a planner can fix them together.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}", list(.problems))]
pub struct PlanInputError {
    /// The problems, in the order of the input's fields.
    pub problems: Vec<PlanError>,
}

impl PlanInputError {
    /// `Ok(())` when `problems` is empty, otherwise the error carrying them all.
    pub fn check(problems: Vec<PlanError>) -> Result<(), PlanInputError> {
        if problems.is_empty() {
            Ok(())
        } else {
            Err(PlanInputError { problems })
        }
    }
}

fn list(problems: &[PlanError]) -> String {
    problems.iter().map(PlanError::to_string).collect::<Vec<_>>().join("; ")
}

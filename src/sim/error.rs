//! Errors in a stop description, with the key they concern.

/// A value in a [`super::StopSpec`] the engine cannot simulate.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{key}: {message}")]
pub struct SpecError {
    /// Dotted path of the offending field, e.g. `case_mix.passport.service.cv`.
    pub key: String,
    /// What is wrong and what would be accepted.
    pub message: String,
}

impl SpecError {
    pub fn new(key: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            key: key.into(),
            message: message.into(),
        }
    }

    /// The same error with `prefix.` put in front of its key.
    pub fn within(self, prefix: &str) -> Self {
        Self {
            key: format!("{prefix}.{}", self.key),
            message: self.message,
        }
    }
}

//! Errors of the queueing-theory formulas: invalid parameters, unstable loads, unreachable targets.

/// Why a queueing formula has no answer for the given parameters.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TheoryError {
    /// A parameter is outside its domain (negative rate, zero clerks, probability above 1, ...).
    #[error("{name} must be {requirement}, got {value}")]
    InvalidParameter {
        /// Name of the parameter, as in the function signature.
        name: &'static str,
        /// What would be accepted, e.g. "a finite number > 0".
        requirement: &'static str,
        /// The value given.
        value: f64,
    },
    /// The queue grows without bound: arrival rate ≥ clerks × service rate (and no abandonment).
    #[error(
        "unstable queue: offered load {offered_load_erlangs} erlangs needs more than {clerks} clerk(s) \
         (the arrival rate must be below clerks × service rate)"
    )]
    Unstable {
        /// Arrival rate ÷ service rate, in erlangs (mean number of busy clerks needed).
        offered_load_erlangs: f64,
        /// Clerks available.
        clerks: u32,
    },
    /// The finite-horizon model covers `serve_all` and `turn_away`; a last-entry policy (admission
    /// stops before H) would need a chain whose arrivals stop early, which it does not solve.
    #[error("the finite-horizon model covers the serve_all and turn_away closing policies, not last_entry")]
    UnsupportedClosing,
    /// No number of clerks up to the search limit meets the service target.
    #[error("no staffing up to {max_clerks} clerks meets the target")]
    TargetUnreachable {
        /// Largest number of clerks tried.
        max_clerks: u32,
    },
    /// The computation would need more states or steps than the module allows.
    #[error("{what} would need {needed} steps or states, more than the limit of {limit}")]
    TooLarge {
        /// Which computation, e.g. "finite-horizon uniformisation".
        what: &'static str,
        /// Steps or states it would need.
        needed: f64,
        /// Limit (a named constant of the module that raised it).
        limit: f64,
    },
}

/// `value` if finite and > 0, else an [`TheoryError::InvalidParameter`] naming `name`.
pub(crate) fn require_positive(name: &'static str, value: f64) -> Result<f64, TheoryError> {
    if value.is_finite() && value > 0.0 {
        Ok(value)
    } else {
        Err(TheoryError::InvalidParameter {
            name,
            requirement: "a finite number > 0",
            value,
        })
    }
}

/// `value` if finite and ≥ 0, else an [`TheoryError::InvalidParameter`] naming `name`.
pub(crate) fn require_non_negative(name: &'static str, value: f64) -> Result<f64, TheoryError> {
    if value.is_finite() && value >= 0.0 {
        Ok(value)
    } else {
        Err(TheoryError::InvalidParameter {
            name,
            requirement: "a finite number >= 0",
            value,
        })
    }
}

/// `clerks` if at least 1, else an [`TheoryError::InvalidParameter`].
pub(crate) fn require_clerks(clerks: u32) -> Result<u32, TheoryError> {
    if clerks >= 1 {
        Ok(clerks)
    } else {
        Err(TheoryError::InvalidParameter {
            name: "clerks",
            requirement: "at least 1",
            value: 0.0,
        })
    }
}

//! Queueing theory: Erlang B/C/A and the exact finite-horizon M/M/c stop (test oracles, staffing).
//!
//! Every function works in any consistent time unit: rates are per unit time and times are in
//! the same unit (the simulator's callers use minutes).

mod erlang;
mod erlang_a;
mod error;
mod finite_horizon;
mod poisson_weights;
mod quadrature;
mod uniformised_mmc;

#[cfg(test)]
mod test_support;

pub use erlang::{ErlangC, STAFFING_SEARCH_LIMIT_CLERKS, erlang_b, erlang_c, min_clerks_for_service_level};
pub use erlang_a::{ERLANG_A_STATE_LIMIT, ErlangA, NEGLIGIBLE_RELATIVE_MASS, erlang_a, min_clerks_for_abandonment};
pub use error::TheoryError;
pub use finite_horizon::{
    FINITE_HORIZON_WORK_LIMIT, FiniteHorizon, FiniteHorizonInput, FiniteHorizonResult, TRUNCATION_MASS,
};

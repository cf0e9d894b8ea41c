//! Queueing theory: Erlang B/C/A and the exact finite-horizon M/M/c stop (test oracles, staffing).

mod erlang;
mod erlang_a;
mod error;

pub use erlang::{ErlangC, STAFFING_SEARCH_LIMIT_CLERKS, erlang_b, erlang_c, min_clerks_for_service_level};
pub use erlang_a::{ERLANG_A_STATE_LIMIT, ErlangA, NEGLIGIBLE_RELATIVE_MASS, erlang_a, min_clerks_for_abandonment};
pub use error::TheoryError;

//! The shared vocabulary at the bottom of the crate: words every layer uses and none owns.
//!
//! Nothing here imports from the rest of the crate (the layering test in
//! `tests/integration/layering.rs` checks it): venues, diagnostics, name suggestions, units and
//! geography.

pub mod diagnostic;
pub mod geo;
pub mod suggest;
pub mod units;
pub mod venue;

pub use diagnostic::Diagnostic;
pub use geo::{Coordinates, MEAN_EARTH_RADIUS_KM, great_circle_km};
pub use venue::Venue;

//! The shared vocabulary at the bottom of the crate: words every layer uses and none owns.
//!
//! Nothing here imports from the rest of the crate (the layering test in
//! `tests/integration/layering.rs` checks it): venues, diagnostics, name suggestions, units,
//! geography and a stable hash.

pub(crate) mod csv_text;
pub(crate) mod diagnostic;
pub(crate) mod fnv;
pub(crate) mod geo;
pub mod limits;
pub(crate) mod suggest;
pub(crate) mod text_file;
pub(crate) mod units;
pub(crate) mod venue;

pub use diagnostic::Diagnostic;
pub(crate) use geo::{Coordinates, great_circle_km};
pub use venue::Venue;

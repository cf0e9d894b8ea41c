//! ablakbusz: client demand and clerk staffing simulator for a mobile government-services bus.

pub mod sim;
pub mod stats;
pub mod theory;

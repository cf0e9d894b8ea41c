//! ablakbusz: client demand and clerk staffing simulator for a mobile government-services bus.
//!
//! Data flows one way: scenario → plan → demand → simulation → statistics → studies → reports;
//! `app` loads, runs a study, renders and writes.

pub mod app;
pub mod calibration;
pub mod cli;
pub mod demand;
pub mod experiment;
pub mod plan;
pub(crate) mod replay;
pub mod report;
pub mod scenario;
pub mod sim;
pub mod staffing;
pub mod stats;
pub mod study;
pub mod theory;
pub(crate) mod vocab;

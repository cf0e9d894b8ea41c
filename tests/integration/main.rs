//! The one integration-test binary: engine against theory, metric definitions, scenarios, CLI.

mod builder;
mod calendar;
mod calibrate;
mod choosing;
mod cli;
mod commands;
mod compare;
mod crew;
mod determinism;
mod engine_metrics;
mod excel;
mod fast_path;
mod fuzz;
mod languages;
mod layering;
mod pending_needs;
mod planning;
mod policies;
mod report;
mod robust;
mod scenario;
mod selection;
mod staffing;
mod theory_anchors;
mod uncertainty;

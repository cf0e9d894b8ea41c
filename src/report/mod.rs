//! Reports: pure renderers (CSV, JSON, charts, HTML) and the one writer that puts them on disk.

pub mod calibration;
pub mod chart_inputs;
pub mod charts;
mod compare;
mod csv;
mod json;
pub mod lang;
pub mod page;
mod staffing;
mod tables;
mod text;
mod writer;

pub use compare::{ComparedSeason, render_chosen_dwell, render_compare_csv, render_compare_text};
pub use csv::{RenderError, csv_rows, csv_table};
pub use json::render_summary_json;
pub use staffing::{SIZE_CLASS_LOWER_BOUNDS, render_staffing_csv, render_staffing_text};
pub use tables::{render_season_csv, render_stops_csv};
pub use text::render_run_summary;
pub use writer::{OutputFile, WriteError, write_outputs};

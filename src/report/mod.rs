//! Reports: pure renderers (CSV, JSON, charts, HTML) and the one writer that puts them on disk.

pub mod calibration;
pub mod chart_inputs;
pub mod charts;
mod compare;
mod json;
pub mod lang;
mod metric_labels;
pub mod page;
mod staffing;
mod tables;
mod text;
mod writer;

pub use compare::{ComparedSeason, render_compare_csv, render_compare_text};
pub use json::{RunMeta, render_summary_json};
pub use staffing::{SIZE_CLASS_LOWER_BOUNDS, StaffingRow, render_staffing_csv, render_staffing_text};
pub use tables::{RenderError, csv_table, render_season_csv, render_stops_csv};
pub use text::render_run_summary;
pub use writer::{OutputFile, WriteError, write_outputs};

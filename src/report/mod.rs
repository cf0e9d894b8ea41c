//! Reports: pure renderers (CSV, JSON, charts, HTML) and the one writer that puts them on disk.

pub mod calibration;
pub mod chart_inputs;
pub mod charts;
mod check;
mod compare;
mod compare_json;
mod crew;
mod csv;
mod dialect;
mod dwell_export;
mod itinerary;
mod json;
pub mod lang;
mod metric_labels;
mod number;
mod optimise;
pub mod page;
mod parameter_uncertainty;
mod per_replication;
mod precision;
mod replay;
mod selection;
mod staffing;
mod stop_mismatch;
mod sweep;
mod tables;
mod text;
mod timetable;
mod venue;
mod workbook;
mod writer;

pub use check::render_check;
pub use compare::{
    ComparedSeason, render_chosen_dwell, render_compare_csv, render_compare_heading, render_compare_text,
};
pub use compare_json::{CompareMeta, render_compare_json};
pub use crew::{BUS_DAYS_FILE, render_bus_days_csv, render_crew_text};
pub use csv::{Column, Part, RenderError, csv_rows, csv_table, headers, part_headers};
pub use dialect::{CsvDialect, UTF8_BOM, apply_dialect};
pub use dwell_export::{DwellScenario, SeasonExport, dwell_export_stem, render_dwell_scenario, render_season_scenario};
pub use itinerary::{
    ITINERARY_COLUMNS, ITINERARY_FILE, UNPLACED_FILE, format_clock, render_explicit_stops_csv,
    render_explicit_stops_summary, render_itinerary_csv, render_itinerary_summary, render_unplaced_csv,
};
pub use json::render_summary_json;
pub use metric_labels::MetricColumn;
pub use optimise::{OPTIMISE_FILE, TARGET_GAIN, render_optimise_csv, render_optimise_plan, render_optimise_result};
pub use parameter_uncertainty::{render_parameter_uncertainty, render_parameter_uncertainty_csv};
pub use per_replication::{
    REPLICATION_STOPS_FILE, REPLICATIONS_FILE, render_replication_tables, render_trace_csv, trace_file,
};
pub use precision::render_precision;
pub use replay::render_replay;
pub use selection::render_selection;
pub use staffing::{SIZE_CLASS_LOWER_BOUNDS, render_staffing_csv, render_staffing_text, staffing_advice};
pub use stop_mismatch::render_stop_mismatch;
pub use sweep::{SWEEP_FILE, SweepPoint, render_sweep_charts, render_sweep_csv};
pub use tables::{render_season_csv, render_stops_csv};
pub use text::render_run_summary;
pub use timetable::{TIMETABLE_FILE, render_timetable_page};
pub use venue::{venue_label, venue_name};
pub use workbook::{RunAbout, SheetSource, WORKBOOK_FILE, finish_tables, render_workbook};
pub use writer::{OutputFile, WRITING, WriteError, committed, interrupt, note_interrupt, write_outputs};

//! Charts for planners and management: pure renderers from plain inputs to PNG bytes and SVG text.
//!
//! Each chart is drawn once by code generic over plotters' `DrawingBackend`, on an in-memory
//! bitmap (encoded as PNG) and on an SVG string, with the embedded DejaVu Sans font. Nothing here
//! writes files: the report writer puts [`Chart`]s on disk.

mod calibration;
mod check;
mod county_map;
mod differences;
mod error;
mod fonts;
mod legend_row;
mod policy;
mod queue;
mod render;
mod season;
mod staffing;
mod style;
mod sweep;
mod wait;

#[cfg(test)]
mod testing;

/// Means with 95 % confidence half-widths, as the experiment reports them.
pub use crate::stats::Estimate;
pub use calibration::{CalibrationComparison, CalibrationItem, ObservedSource, calibration_chart};
pub use county_map::{CountyMap, MapOutline, MapPoint, MapRoute, MapSettlement, OutlineSource, county_map_chart};
pub use differences::{
    DifferenceMeasure, DifferenceRow, DifferenceVerdict, PairedDifference, PairedDifferences, differences_chart,
};
pub use error::ChartError;
pub use policy::{Alternatives, Measured, PolicyComparison, PolicyResult, policy_chart};
pub use queue::{QueueCurve, queue_chart};
pub use season::{BandKind, SeasonWeek, SeasonWeeks, season_chart};
pub use staffing::{StaffingByPopulation, StaffingPoint, StaffingSeries, staffing_chart};
pub use sweep::{SweepFigure, SweepLine, sweep_chart};
pub use wait::{WaitDistribution, wait_chart};

/// One rendered chart, in both formats, ready to be written as `<name>.png` and `<name>.svg`.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// File stem, e.g. `queue`, `county-map`.
    pub name: &'static str,
    /// Width of the PNG and the SVG, pixels.
    pub width_px: u32,
    /// Height of the PNG and the SVG, pixels.
    pub height_px: u32,
    /// PNG file contents (RGB, 8 bits per channel).
    pub png: Vec<u8>,
    /// SVG document (UTF-8; text as `<text>` elements in the `sans-serif` family).
    pub svg: String,
}

impl Chart {
    /// The chart as `<name>.png` and `<name>.svg` output files.
    pub fn files(&self) -> [crate::report::OutputFile; 2] {
        [
            crate::report::OutputFile {
                name: format!("{}.png", self.name),
                bytes: self.png.clone(),
            },
            crate::report::OutputFile::text(&format!("{}.svg", self.name), self.svg.clone()),
        ]
    }
}

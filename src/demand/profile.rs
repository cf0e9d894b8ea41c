//! The shape of arrivals within a stop's dwell: flat, front-loaded or piecewise.

use crate::sim::{RateProfile, SpecError};
use crate::vocab::units::MINUTES_PER_HOUR;

/// Default relative intensity of the first hour of a front-loaded day (twice the rest).
/// Assumption: people who know the timetable are waiting when the bus opens (DESIGN §4); no data.
pub const DEFAULT_FIRST_HOUR_WEIGHT: f64 = 2.0;

/// How the day's expected clients spread over the dwell. Only the shape matters: the profile is
/// scaled to the stop's expected clients.
#[derive(Debug, Clone, PartialEq)]
pub enum ArrivalShape {
    /// The same intensity throughout the dwell.
    Flat,
    /// The first hour's intensity is `first_hour_weight` times that of the rest of the dwell
    /// (with 2.0 and a 3-hour dwell, half of the day's clients come in the first hour). A dwell of
    /// one hour or less is flat.
    FrontLoaded {
        /// Intensity of the first hour relative to the later hours.
        first_hour_weight: f64,
    },
    /// Piecewise-constant relative intensities: `(start hour after opening, weight)`, starting at
    /// hour 0 in increasing order; each piece lasts until the next one starts. Pieces that start
    /// at or after the end of the dwell are dropped; the last kept piece runs to the closing.
    Piecewise { pieces: Vec<(f64, f64)> },
}

impl ArrivalShape {
    /// The shape's problems as `(key, message)` pairs, independent of any stop; keys are
    /// `first_hour_weight`, `pieces` or `pieces[i]` with `i` counted from 0.
    pub fn problems(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        match self {
            ArrivalShape::Flat => {}
            ArrivalShape::FrontLoaded { first_hour_weight } => {
                if !(first_hour_weight.is_finite() && *first_hour_weight >= 0.0) {
                    out.push((
                        "first_hour_weight".into(),
                        format!("must be a non-negative relative intensity, got {first_hour_weight}"),
                    ));
                }
            }
            ArrivalShape::Piecewise { pieces } => piece_problems(pieces, &mut out),
        }
        out
    }

    /// The arrival intensity over `[0, dwell_min)` with this shape and `expected_clients` in total.
    pub fn rate_profile(&self, expected_clients: f64, dwell_min: f64) -> Result<RateProfile, SpecError> {
        let weights = self.hourly_weights(dwell_min);
        if expected_clients > 0.0 && weights.iter().all(|&(_, w)| w == 0.0) {
            return Err(SpecError::new(
                "profile",
                "every weight within the dwell is 0, so no client could arrive; give a positive weight",
            ));
        }
        Ok(RateProfile::from_hourly_pieces(&weights, dwell_min)?.scaled_to(expected_clients))
    }

    /// The shape as `(start minute, relative intensity)` pieces within the dwell.
    fn hourly_weights(&self, dwell_min: f64) -> Vec<(f64, f64)> {
        match self {
            ArrivalShape::Flat => vec![(0.0, 1.0)],
            ArrivalShape::FrontLoaded { first_hour_weight } => {
                if dwell_min > MINUTES_PER_HOUR {
                    vec![(0.0, *first_hour_weight), (MINUTES_PER_HOUR, 1.0)]
                } else {
                    vec![(0.0, 1.0)]
                }
            }
            ArrivalShape::Piecewise { pieces } => pieces
                .iter()
                .map(|&(start_hour, weight)| (start_hour * MINUTES_PER_HOUR, weight))
                .filter(|&(start_min, _)| start_min < dwell_min)
                .collect(),
        }
    }
}

fn piece_problems(pieces: &[(f64, f64)], out: &mut Vec<(String, String)>) {
    if pieces.first().map(|p| p.0) != Some(0.0) {
        out.push((
            "pieces".into(),
            "the first piece must start at hour 0, e.g. [[0, 2.0], [1, 1.0]]".into(),
        ));
    }
    for (i, pair) in pieces.windows(2).enumerate() {
        if pair[1].0 <= pair[0].0 || pair[1].0.is_nan() {
            out.push((
                format!("pieces[{}]", i + 1),
                format!(
                    "start hours must increase: {} does not come after {}",
                    pair[1].0, pair[0].0
                ),
            ));
        }
    }
    for (i, &(start, weight)) in pieces.iter().enumerate() {
        if !start.is_finite() || start < 0.0 {
            out.push((
                format!("pieces[{i}]"),
                format!("the start hour must be 0 or more, got {start}"),
            ));
        }
        if !(weight.is_finite() && weight >= 0.0) {
            out.push((
                format!("pieces[{i}]"),
                format!("the weight must be a non-negative number, got {weight}"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::units::MINUTES_PER_HOUR;

    fn rates_per_hour(p: &RateProfile) -> Vec<(f64, f64, f64)> {
        p.segments()
            .iter()
            .map(|s| (s.start_min, s.end_min, s.rate_per_min * MINUTES_PER_HOUR))
            .collect()
    }

    #[test]
    fn flat_spreads_evenly() {
        let p = ArrivalShape::Flat.rate_profile(12.0, 240.0).unwrap();
        assert_eq!(rates_per_hour(&p), vec![(0.0, 240.0, 3.0)]);
    }

    #[test]
    fn front_loaded_puts_the_weight_in_the_first_hour() {
        // 3 h, weight 2: intensities 2r, r, r with 4r = 12 clients → r = 3 per hour.
        let shape = ArrivalShape::FrontLoaded { first_hour_weight: 2.0 };
        let p = shape.rate_profile(12.0, 180.0).unwrap();
        let r = rates_per_hour(&p);
        assert_eq!(r.len(), 2);
        assert!((r[0].2 - 6.0).abs() < 1e-12 && (r[1].2 - 3.0).abs() < 1e-12, "{r:?}");
        assert!(
            (p.cumulative(60.0) - 6.0).abs() < 1e-12,
            "half the day in the first hour"
        );
        // A one-hour dwell is flat.
        let short = shape.rate_profile(5.0, 60.0).unwrap();
        assert_eq!(rates_per_hour(&short), vec![(0.0, 60.0, 5.0)]);
    }

    #[test]
    fn piecewise_is_clipped_to_the_dwell() {
        // Weights 3, 1, 2 from hours 0, 1, 2.5; with a 2-hour dwell only 3 and 1 remain:
        // 3r + 1r = 8 → r = 2; the third piece is dropped.
        let shape = ArrivalShape::Piecewise {
            pieces: vec![(0.0, 3.0), (1.0, 1.0), (2.5, 2.0)],
        };
        let p = shape.rate_profile(8.0, 120.0).unwrap();
        let r = rates_per_hour(&p);
        assert_eq!(r.len(), 2);
        assert!((r[0].2 - 6.0).abs() < 1e-12 && (r[1].2 - 2.0).abs() < 1e-12, "{r:?}");
        assert_eq!(r[1].1, 120.0);
        // With 4 hours: 3 + 1.5 + 2·1.5 = 7.5 weight-hours for 15 clients → r = 2.
        let p4 = shape.rate_profile(15.0, 240.0).unwrap();
        assert!((p4.expected_arrivals() - 15.0).abs() < 1e-9);
        assert!((rates_per_hour(&p4)[2].2 - 4.0).abs() < 1e-12);
    }

    #[test]
    fn zero_weights_within_the_dwell_are_refused() {
        let shape = ArrivalShape::Piecewise {
            pieces: vec![(0.0, 0.0), (3.0, 1.0)],
        };
        assert!(shape.rate_profile(5.0, 120.0).is_err());
        assert!(shape.rate_profile(0.0, 120.0).is_ok(), "no demand needs no weight");
    }

    #[test]
    fn bad_pieces_are_reported() {
        let shape = ArrivalShape::Piecewise {
            pieces: vec![(0.5, 1.0), (0.2, -1.0)],
        };
        let problems = shape.problems();
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(
            ArrivalShape::FrontLoaded {
                first_hour_weight: -1.0
            }
            .problems()
            .len()
                == 1
        );
        assert!(ArrivalShape::Flat.problems().is_empty());
    }
}

//! Arrival-rate profile over a stop's opening hours: piecewise-constant intensity and its inverse.

use super::SpecError;

/// One piece of a piecewise-constant arrival intensity.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RateSegment {
    /// Start of the piece, minutes after opening.
    pub start_min: f64,
    /// End of the piece (exclusive), minutes after opening.
    pub end_min: f64,
    /// Arrival intensity on the piece, clients per minute.
    pub rate_per_min: f64,
}

/// Piecewise-constant arrival intensity on `[0, H)`, with its cumulative intensity precomputed
/// so that arrival times can be drawn by inverting it (an exact non-homogeneous Poisson process).
#[derive(Debug, Clone, PartialEq)]
pub struct RateProfile {
    segments: Vec<RateSegment>,
    /// Cumulative expected arrivals at the start of each segment (same length as `segments`).
    cumulative_at_start: Vec<f64>,
    /// Expected arrivals over the whole profile.
    total_expected: f64,
}

impl RateProfile {
    /// A constant rate `rate_per_hour` over `[0, dwell_min)`.
    pub fn flat(rate_per_hour: f64, dwell_min: f64) -> Result<Self, SpecError> {
        Self::from_hourly_pieces(&[(0.0, rate_per_hour)], dwell_min)
    }

    /// Piecewise-constant rates given as `(start minute, clients per hour)` pairs, in increasing
    /// start order beginning at 0; the last piece runs to `dwell_min`.
    pub fn from_hourly_pieces(pieces: &[(f64, f64)], dwell_min: f64) -> Result<Self, SpecError> {
        if !(dwell_min.is_finite() && dwell_min > 0.0) {
            return Err(SpecError::new(
                "dwell",
                format!("must be a positive number of minutes, got {dwell_min}"),
            ));
        }
        if pieces.first().map(|p| p.0) != Some(0.0) {
            return Err(SpecError::new("profile", "the first piece must start at minute 0"));
        }
        let mut segments = Vec::with_capacity(pieces.len());
        for (i, &(start_min, rate_per_hour)) in pieces.iter().enumerate() {
            let end_min = pieces.get(i + 1).map_or(dwell_min, |p| p.0);
            if end_min <= start_min || end_min > dwell_min {
                return Err(SpecError::new(
                    "profile",
                    format!(
                        "piece {i} must end after it starts and within the dwell ({start_min}..{end_min} of {dwell_min} min)"
                    ),
                ));
            }
            if !(rate_per_hour.is_finite() && rate_per_hour >= 0.0) {
                return Err(SpecError::new(
                    "profile",
                    format!("piece {i} has rate {rate_per_hour}; rates must be finite and >= 0"),
                ));
            }
            segments.push(RateSegment {
                start_min,
                end_min,
                rate_per_min: crate::vocab::units::per_hour_to_per_minute(rate_per_hour),
            });
        }
        Ok(Self::from_segments(segments))
    }

    fn from_segments(segments: Vec<RateSegment>) -> Self {
        let mut cumulative_at_start = Vec::with_capacity(segments.len());
        let mut total = 0.0;
        for s in &segments {
            cumulative_at_start.push(total);
            total += s.rate_per_min * (s.end_min - s.start_min);
        }
        Self {
            segments,
            cumulative_at_start,
            total_expected: total,
        }
    }

    /// The same shape scaled so that the expected number of arrivals is `expected_clients`.
    pub fn scaled_to(&self, expected_clients: f64) -> Self {
        let factor = if self.total_expected > 0.0 {
            expected_clients / self.total_expected
        } else {
            0.0
        };
        self.scaled_by(factor)
    }

    /// The same shape with every rate multiplied by `factor`.
    pub fn scaled_by(&self, factor: f64) -> Self {
        let segments = self
            .segments
            .iter()
            .map(|s| RateSegment {
                rate_per_min: s.rate_per_min * factor,
                ..*s
            })
            .collect();
        Self::from_segments(segments)
    }

    /// Expected number of arrivals over the whole profile.
    pub fn expected_arrivals(&self) -> f64 {
        self.total_expected
    }

    /// End of the profile (the dwell), minutes.
    pub fn dwell_min(&self) -> f64 {
        self.segments.last().map_or(0.0, |s| s.end_min)
    }

    /// The pieces of the profile.
    pub fn segments(&self) -> &[RateSegment] {
        &self.segments
    }

    /// Cumulative expected arrivals Λ(t) on `[0, t)`, `t` in minutes.
    pub fn cumulative(&self, t_min: f64) -> f64 {
        let mut acc = 0.0;
        for s in &self.segments {
            if t_min <= s.start_min {
                break;
            }
            acc += s.rate_per_min * (t_min.min(s.end_min) - s.start_min);
        }
        acc
    }

    /// Inverse of the cumulative intensity: the time (minutes) at which Λ reaches `level`, or
    /// `None` when `level` is at or beyond the total. `hint` is a segment index to start the
    /// search from (levels are visited in increasing order); it is updated in place.
    #[inline]
    pub fn invert(&self, level: f64, hint: &mut usize) -> Option<f64> {
        if level >= self.total_expected {
            return None;
        }
        while *hint + 1 < self.segments.len() && self.cumulative_at_start[*hint + 1] <= level {
            *hint += 1;
        }
        let s = &self.segments[*hint];
        let t = s.start_min + (level - self.cumulative_at_start[*hint]) / s.rate_per_min;
        // Guard against rounding pushing a time onto the end of the segment. Every segment ends
        // within the dwell (checked when built, kept by scaling), so this also keeps `t` within the
        // dwell: the former `.min(self.dwell_min())` on every arrival changed no bit.
        Some(t.min(s.end_min))
    }
}

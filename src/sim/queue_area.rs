//! The time-integral of the number waiting over [0, H), kept the same way by both engines (bit for bit).

/// The area under the queue-length curve up to the last instant brought up to date.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct QueueArea {
    /// Last instant the area was brought up to date, minutes (never beyond H).
    clock_min: f64,
    /// Client-minutes of waiting up to `clock_min`.
    area: f64,
}

impl QueueArea {
    /// Adds the area up to `t` (clamped to `dwell_min`, H: the time average is over `[0, H)`), with
    /// `waiting` clients in the queue since the last update. The event engine and the fast path both
    /// call this at the same instants, so their sums agree to the last bit.
    #[inline]
    pub(super) fn advance(&mut self, t: f64, waiting: u32, dwell_min: f64) {
        let t = super::minutes::earlier(t, dwell_min);
        if t > self.clock_min {
            self.area += f64::from(waiting) * (t - self.clock_min);
            self.clock_min = t;
        }
    }

    /// Client-minutes of waiting so far.
    pub(super) fn area(&self) -> f64 {
        self.area
    }
}

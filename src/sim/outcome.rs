//! What one stop-day produced: the metrics of DESIGN §5 for one replication.

/// Metrics of one stop in one replication. Time 0 is the opening, H the dwell.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize)]
pub struct StopOutcome {
    /// Clients arriving in `[0, H)`.
    pub arrivals: u32,
    /// Clients whose service started (they are then served to the end).
    pub served: u32,
    /// Clients who left the queue when their patience ran out.
    pub reneged: u32,
    /// Clients who did not join on arrival.
    pub balked: u32,
    /// Clients sent home by the closing policy (waiting at H, or arriving after last entry).
    pub turned_away: u32,
    /// Clients who joined the queue because no clerk was free (they had to wait).
    pub delayed: u32,
    /// Served clients whose wait was at most the spec's `wait_target_min`.
    pub served_within_target: u32,
    /// Errands of served clients.
    pub uses: u32,
    /// Information-only errands of served clients.
    pub information_uses: u32,
    /// Sum of the served clients' waits, minutes (for pooled mean waits).
    pub wait_total_min: f64,
    /// Mean wait of served clients, minutes (`None` when nobody was served).
    pub wait_mean_min: Option<f64>,
    /// Time-average number waiting (not in service) over `[0, H)`.
    pub queue_avg: f64,
    /// Largest number waiting at any moment.
    pub queue_max: u32,
    /// Number waiting at the moment the door closes (before the closing policy acts).
    pub waiting_at_close: u32,
    /// Busy clerk-time inside `[0, H)` ÷ (clerks × H).
    pub utilisation: f64,
    /// Time after H until the last service ends, minutes (0 if none runs past H).
    pub overtime_min: f64,
}

impl StopOutcome {
    /// The day's closing tallies, computed the same way by the event engine and the fast path:
    /// `dwell_min` is H, `clerks` the clerks on duty, `queue_area` the client-minutes of waiting in
    /// [0, H), `busy_open_min` the clerks' busy minutes in [0, H), and `last_service_end_min` when
    /// the last service ended.
    pub(super) fn closed(
        mut self,
        dwell_min: f64,
        clerks: u32,
        queue_area: f64,
        busy_open_min: f64,
        last_service_end_min: f64,
    ) -> Self {
        self.queue_avg = queue_area / dwell_min;
        self.utilisation = busy_open_min / (f64::from(clerks) * dwell_min);
        self.overtime_min = (last_service_end_min - dwell_min).max(0.0);
        if self.served > 0 {
            self.wait_mean_min = Some(self.wait_total_min / f64::from(self.served));
        }
        self
    }

    /// Clients who left without service: reneged + balked + turned away.
    pub fn lost(&self) -> u32 {
        self.reneged + self.balked + self.turned_away
    }

    /// The accounting identity every replication must satisfy.
    pub fn is_balanced(&self) -> bool {
        self.arrivals == self.served + self.lost()
    }
}

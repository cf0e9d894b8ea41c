//! The reported metrics (DESIGN §5): names, and how each is read from a stop's or a group's replication.

use crate::sim::StopOutcome;

/// Metrics reported per stop, in output-column order. Column names are `<name>_mean` and `<name>_ci95`.
pub const STOP_METRICS: [&str; 15] = [
    "arrivals",
    "served",
    "reneged",
    "balked",
    "turned_away",
    "uses",
    "information_uses",
    "wait_mean_min",
    "wait_p90_min",
    "queue_avg",
    "queue_max",
    "utilisation",
    "overtime_min",
    "waiting_at_close",
    "delayed",
];

/// The values of [`STOP_METRICS`] for one stop in one replication (`None`: no value, e.g. no wait
/// figure when nobody was served; such replications are left out of that metric's average).
pub fn stop_metric_values(o: &StopOutcome) -> [Option<f64>; STOP_METRICS.len()] {
    [
        Some(f64::from(o.arrivals)),
        Some(f64::from(o.served)),
        Some(f64::from(o.reneged)),
        Some(f64::from(o.balked)),
        Some(f64::from(o.turned_away)),
        Some(f64::from(o.uses)),
        Some(f64::from(o.information_uses)),
        o.wait_mean_min,
        o.wait_p90_min,
        Some(o.queue_avg),
        Some(f64::from(o.queue_max)),
        Some(o.utilisation),
        Some(o.overtime_min),
        Some(f64::from(o.waiting_at_close)),
        Some(f64::from(o.delayed)),
    ]
}

/// Metrics reported for the season and for groups of stops (districts, weeks): sums over the
/// group's stops within a replication, and wait figures over all the group's served clients.
pub const GROUP_METRICS: [&str; 13] = [
    "stops",
    "arrivals",
    "served",
    "reneged",
    "balked",
    "turned_away",
    "lost",
    "uses",
    "information_uses",
    "wait_mean_min",
    "wait_p90_min",
    "overtime_min",
    "clerk_hours",
];

/// Sums of one group of stops in one replication.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct GroupTally {
    pub stops: u32,
    pub arrivals: u32,
    pub served: u32,
    pub reneged: u32,
    pub balked: u32,
    pub turned_away: u32,
    pub uses: u32,
    pub information_uses: u32,
    pub served_within_target: u32,
    /// Clients who had to queue.
    pub delayed: u32,
    pub wait_total_min: f64,
    /// Sum of the stops' overtime, minutes.
    pub overtime_min: f64,
    /// Clerk-hours paid: clerks × (dwell + overtime), summed over stops.
    pub clerk_hours: f64,
}

impl GroupTally {
    /// Adds one stop's replication; `clerks` and `dwell_min` describe the stop.
    pub fn add(&mut self, o: &StopOutcome, clerks: u32, dwell_min: f64) {
        self.stops += 1;
        self.arrivals += o.arrivals;
        self.served += o.served;
        self.reneged += o.reneged;
        self.balked += o.balked;
        self.turned_away += o.turned_away;
        self.uses += o.uses;
        self.information_uses += o.information_uses;
        self.served_within_target += o.served_within_target;
        self.delayed += o.delayed;
        self.wait_total_min += o.wait_total_min;
        self.overtime_min += o.overtime_min;
        self.clerk_hours += crate::vocab::units::minutes_to_hours(f64::from(clerks) * (dwell_min + o.overtime_min));
    }

    /// The values of [`GROUP_METRICS`]; `wait_p90_min` is the type-7 percentile over the group's waits.
    pub fn values(&self, wait_p90_min: Option<f64>) -> [Option<f64>; GROUP_METRICS.len()] {
        let lost = self.reneged + self.balked + self.turned_away;
        let wait_mean = (self.served > 0).then(|| self.wait_total_min / f64::from(self.served));
        [
            Some(f64::from(self.stops)),
            Some(f64::from(self.arrivals)),
            Some(f64::from(self.served)),
            Some(f64::from(self.reneged)),
            Some(f64::from(self.balked)),
            Some(f64::from(self.turned_away)),
            Some(f64::from(lost)),
            Some(f64::from(self.uses)),
            Some(f64::from(self.information_uses)),
            wait_mean,
            wait_p90_min,
            Some(self.overtime_min),
            Some(self.clerk_hours),
        ]
    }
}

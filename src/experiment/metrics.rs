//! The reported metrics (DESIGN §5): three families (per stop, per group of stops, season totals),
//! each metric with its machine name, its unit and how its value is read from one replication.
//!
//! Adding a metric: one row in its family below (name, unit, accessor), and its label in
//! `report/metric_labels.rs` (plus the text in `report/lang.rs` if no label fits). Tables, JSON,
//! CSV and charts iterate over the family, so nothing else changes.

use std::fmt;
use std::marker::PhantomData;

use serde::ser::{Serialize, SerializeSeq, Serializer};

use crate::sim::StopOutcome;
use crate::stats::{Estimate, SeasonRange};

/// What a metric's figure counts or measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetricUnit {
    /// Stops (stop-days).
    Stops,
    /// Clients (people).
    Clients,
    /// Errands (uses, cases).
    Errands,
    /// Minutes.
    Minutes,
    /// Clerk-hours.
    ClerkHours,
    /// A share between 0 and 1.
    Share,
}

/// A family of metrics: an enum whose declaration order is the output-column order.
pub trait Metric: Copy + Eq + fmt::Debug + 'static {
    /// Every metric of the family, in output-column order.
    const ALL: &'static [Self];
    /// The machine name: CSV column stem (`<name>_mean`, `<name>_ci95`) and JSON `name`.
    fn name(self) -> &'static str;
    /// What the figure counts or measures.
    fn unit(self) -> MetricUnit;
    /// Position in [`Metric::ALL`] (the enum discriminant): the index of its storage slot.
    fn index(self) -> usize;
}

/// Defines a metric family: the enum, its [`Metric`] impl, `COUNT`, and `value`/`values` reading
/// one replication of `$input`. Each row: `Variant => "name", Unit, |input| value;`.
macro_rules! metric_family {
    (
        $(#[$doc:meta])*
        $family:ident of $input:ty => $value:ty {
            $($(#[$vdoc:meta])* $variant:ident => $name:literal, $unit:ident, |$o:ident| $get:expr;)*
        }
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $family {
            $($(#[$vdoc])* $variant,)*
        }

        impl $family {
            /// Number of metrics in the family.
            pub const COUNT: usize = [$($name),*].len();
            /// Every metric, in output-column order.
            pub const ALL: [$family; Self::COUNT] = [$($family::$variant),*];

            /// The metric's value in one replication.
            #[inline]
            pub fn value(self, input: &$input) -> $value {
                match self {
                    $($family::$variant => {
                        let $o = input;
                        $get
                    })*
                }
            }

            /// Every metric's value in one replication, in [`Self::ALL`] order.
            #[inline]
            pub fn values(input: &$input) -> [$value; Self::COUNT] {
                Self::ALL.map(|m| m.value(input))
            }
        }

        impl Metric for $family {
            const ALL: &'static [Self] = &$family::ALL;

            fn name(self) -> &'static str {
                match self {
                    $($family::$variant => $name,)*
                }
            }

            fn unit(self) -> MetricUnit {
                match self {
                    $($family::$variant => MetricUnit::$unit,)*
                }
            }

            fn index(self) -> usize {
                self as usize
            }
        }
    };
}

/// One stop's replication as the stop metrics read it: the engine's outcome and the 90th
/// percentile of its served clients' waits (computed by `stats` from the waits the engine hands over).
#[derive(Debug, Clone, Copy)]
pub struct StopReplication<'a> {
    pub outcome: &'a StopOutcome,
    /// Type-7 90th percentile of the served clients' waits, minutes (`None`: nobody was served).
    pub wait_p90_min: Option<f64>,
}

metric_family! {
    /// Metrics reported per stop. `None`: no value in that replication (e.g. no wait figure when
    /// nobody was served); such replications are left out of that metric's average.
    StopMetric of StopReplication<'_> => Option<f64> {
        Arrivals => "arrivals", Clients, |r| Some(f64::from(r.outcome.arrivals));
        Served => "served", Clients, |r| Some(f64::from(r.outcome.served));
        Reneged => "reneged", Clients, |r| Some(f64::from(r.outcome.reneged));
        Balked => "balked", Clients, |r| Some(f64::from(r.outcome.balked));
        TurnedAway => "turned_away", Clients, |r| Some(f64::from(r.outcome.turned_away));
        Uses => "uses", Errands, |r| Some(f64::from(r.outcome.uses));
        InformationUses => "information_uses", Errands, |r| Some(f64::from(r.outcome.information_uses));
        WaitMean => "wait_mean_min", Minutes, |r| r.outcome.wait_mean_min;
        WaitP90 => "wait_p90_min", Minutes, |r| r.wait_p90_min;
        QueueAvg => "queue_avg", Clients, |r| Some(r.outcome.queue_avg);
        QueueMax => "queue_max", Clients, |r| Some(f64::from(r.outcome.queue_max));
        Utilisation => "utilisation", Share, |r| Some(r.outcome.utilisation);
        Overtime => "overtime_min", Minutes, |r| Some(r.outcome.overtime_min);
        WaitingAtClose => "waiting_at_close", Clients, |r| Some(f64::from(r.outcome.waiting_at_close));
        Delayed => "delayed", Clients, |r| Some(f64::from(r.outcome.delayed));
    }
}

/// One group's replication as the group metrics read it: the group's sums and the 90th percentile
/// over all its served clients' waits.
#[derive(Debug, Clone, Copy)]
pub struct GroupReplication<'a> {
    pub tally: &'a GroupTally,
    /// Type-7 90th percentile of the group's served clients' waits, minutes (`None`: nobody served).
    pub wait_p90_min: Option<f64>,
}

metric_family! {
    /// Metrics reported for the season and for groups of stops (districts, weeks): sums over the
    /// group's stops within a replication, and wait figures over all the group's served clients.
    GroupMetric of GroupReplication<'_> => Option<f64> {
        Stops => "stops", Stops, |r| Some(f64::from(r.tally.stops));
        Arrivals => "arrivals", Clients, |r| Some(f64::from(r.tally.arrivals));
        Served => "served", Clients, |r| Some(f64::from(r.tally.served));
        Reneged => "reneged", Clients, |r| Some(f64::from(r.tally.reneged));
        Balked => "balked", Clients, |r| Some(f64::from(r.tally.balked));
        TurnedAway => "turned_away", Clients, |r| Some(f64::from(r.tally.turned_away));
        Lost => "lost", Clients, |r| Some(f64::from(r.tally.lost()));
        Uses => "uses", Errands, |r| Some(f64::from(r.tally.uses));
        InformationUses => "information_uses", Errands, |r| Some(f64::from(r.tally.information_uses));
        WaitMean => "wait_mean_min", Minutes, |r| r.tally.wait_mean_min();
        WaitP90 => "wait_p90_min", Minutes, |r| r.wait_p90_min;
        Overtime => "overtime_min", Minutes, |r| Some(r.tally.overtime_min);
        ClerkHours => "clerk_hours", ClerkHours, |r| Some(r.tally.clerk_hours);
        ServedWithinTarget => "served_within_target", Clients, |r| Some(f64::from(r.tally.served_within_target));
    }
}

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

    /// Clients who left without service: reneged + balked + turned away.
    pub fn lost(&self) -> u32 {
        self.reneged + self.balked + self.turned_away
    }

    /// Mean wait of the group's served clients, minutes (`None` when nobody was served).
    pub fn wait_mean_min(&self) -> Option<f64> {
        (self.served > 0).then(|| self.wait_total_min / f64::from(self.served))
    }
}

metric_family! {
    /// Whole-number totals recorded per group and replication for the calibration (a year's uses,
    /// a tour's clients, cases and information-only uses), summed over the group's stop-days.
    TotalMetric of StopOutcome => u32 {
        Arrivals => "arrivals", Clients, |o| o.arrivals;
        Served => "served", Clients, |o| o.served;
        Uses => "uses", Errands, |o| o.uses;
        Cases => "cases", Errands, |o| o.uses - o.information_uses;
        InformationUses => "information_uses", Errands, |o| o.information_uses;
    }
}

/// Estimates of every metric of family `M`, stored in [`Metric::ALL`] order and read by metric.
#[derive(Debug, Clone)]
pub struct MetricEstimates<M> {
    estimates: Vec<Estimate>,
    /// The season range of each metric (`None`: not kept, or no replication had a value); empty
    /// when no range is kept (as in the searches, whose many candidates' summaries held a vector
    /// of `None`s each: a third of a national report's staffing rows).
    ranges: Vec<Option<SeasonRange>>,
    family: PhantomData<M>,
}

/// Equal when every estimate and every range is (no ranges kept reads as every range `None`).
impl<M> PartialEq for MetricEstimates<M> {
    fn eq(&self, other: &Self) -> bool {
        let none = |ranges: &[Option<SeasonRange>]| ranges.iter().all(Option::is_none);
        self.estimates == other.estimates && (self.ranges == other.ranges || none(&self.ranges) && none(&other.ranges))
    }
}

impl<M: Metric> MetricEstimates<M> {
    /// The estimates, one per metric of [`Metric::ALL`], in that order.
    pub fn from_ordered(estimates: impl IntoIterator<Item = Estimate>) -> Self {
        let estimates: Vec<Estimate> = estimates.into_iter().collect();
        assert_eq!(estimates.len(), M::ALL.len(), "one estimate per metric");
        Self {
            estimates,
            ranges: Vec::new(),
            family: PhantomData,
        }
    }

    /// With the season range of each metric, in [`Metric::ALL`] order (empty: none kept).
    pub fn with_ranges(mut self, ranges: Vec<Option<SeasonRange>>) -> Self {
        assert!(
            ranges.is_empty() || ranges.len() == M::ALL.len(),
            "one range per metric, or none"
        );
        self.ranges = ranges;
        self
    }

    /// The estimate of `metric`.
    pub fn get(&self, metric: M) -> Estimate {
        self.estimates[metric.index()]
    }

    /// The season range of `metric`.
    pub fn range(&self, metric: M) -> Option<SeasonRange> {
        self.ranges.get(metric.index()).copied().flatten()
    }

    /// Every metric with its season range, in output-column order.
    pub fn ranges(&self) -> impl Iterator<Item = (M, Option<SeasonRange>)> + '_ {
        M::ALL.iter().map(|&metric| (metric, self.range(metric)))
    }

    /// Every metric with its estimate, in output-column order.
    pub fn iter(&self) -> impl Iterator<Item = (M, Estimate)> + '_ {
        M::ALL.iter().copied().zip(self.estimates.iter().copied())
    }
}

/// Serialised as a list of `{"name", "mean", "ci95", "n", "range"}` in output-column order: `ci95`
/// is the precision of the mean, `range` one season's 5th–95th percentiles (or null).
impl<M: Metric> Serialize for MetricEstimates<M> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(serde::Serialize)]
        struct Named {
            name: &'static str,
            #[serde(flatten)]
            estimate: Estimate,
            range: Option<SeasonRange>,
        }
        let mut seq = serializer.serialize_seq(Some(self.estimates.len()))?;
        for ((metric, estimate), (_, range)) in self.iter().zip(self.ranges()) {
            seq.serialize_element(&Named {
                name: metric.name(),
                estimate,
                range,
            })?;
        }
        seq.end()
    }
}

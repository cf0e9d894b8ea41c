//! Dwell policies: how long stops last — a rule known before planning (by settlement size, fixed,
//! per settlement) or the demand-driven search — and the named policies a scenario compares.
//! Resolved from `[season.generate]` and `[[policy]]` by `scenario`; re-exported there.

use serde::Serialize;

/// How long the generated stops last.
#[derive(Debug, Clone, PartialEq)]
pub enum DwellPolicy {
    /// By settlement population: `(minimum population, hours)`, increasing, the first at 0.
    BySize(Vec<(u32, f64)>),
    /// The same dwell everywhere, hours.
    Fixed(f64),
    /// A dwell chosen for each settlement (by name, as KSH spells it), hours; settlements not
    /// listed stay as `otherwise` says. This is how a demand-driven policy is applied.
    PerSettlement {
        hours: Vec<(String, f64)>,
        otherwise: Box<DwellPolicy>,
    },
}

impl DwellPolicy {
    /// Dwell of the settlement named `settlement`, of `population` residents, hours.
    pub fn hours_for(&self, settlement: &str, population: u32) -> f64 {
        match self {
            DwellPolicy::Fixed(hours) => *hours,
            DwellPolicy::BySize(classes) => classes
                .iter()
                .rev()
                .find(|(min, _)| population >= *min)
                .map_or(0.0, |(_, hours)| *hours),
            DwellPolicy::PerSettlement { hours, otherwise } => hours
                .iter()
                .find(|(name, _)| name == settlement)
                .map_or_else(|| otherwise.hours_for(settlement, population), |(_, h)| *h),
        }
    }

    /// The longest dwell the policy can give, hours.
    pub fn longest_hours(&self) -> f64 {
        match self {
            DwellPolicy::Fixed(h) => *h,
            DwellPolicy::BySize(classes) => classes.iter().map(|c| c.1).fold(0.0, f64::max),
            DwellPolicy::PerSettlement { hours, otherwise } => {
                hours.iter().map(|c| c.1).fold(otherwise.longest_hours(), f64::max)
            }
        }
    }
}

/// Candidate dwells of a demand-driven policy: the shortest meeting the targets is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DemandDrivenRange {
    pub shortest_hours: f64,
    pub longest_hours: f64,
    /// Step between candidates, minutes.
    pub step_min: f64,
}

/// The 2019 practice's range, 2–5 hours (DESIGN §2), in half-hour steps (issue 5).
pub const DEFAULT_DEMAND_DRIVEN: DemandDrivenRange = DemandDrivenRange {
    shortest_hours: 2.0,
    longest_hours: 5.0,
    step_min: 30.0,
};

/// The fixed dwell of the default comparison, hours: the middle of the 2019 practice's 2–5 h.
pub const DEFAULT_FIXED_HOURS: f64 = 3.0;

/// How a policy sets the dwell.
#[derive(Debug, Clone, PartialEq)]
pub enum PolicyChoice {
    /// A rule known before planning (by size, fixed).
    Rule(DwellPolicy),
    /// The shortest dwell meeting the targets with the given clerks, found by simulation.
    DemandDriven(DemandDrivenRange),
}

/// A dwell policy to compare, with its name for tables and charts.
#[derive(Debug, Clone, PartialEq)]
pub struct NamedPolicy {
    pub name: String,
    pub choice: PolicyChoice,
}

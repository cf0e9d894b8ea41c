//! `[targets]` and `[[policy]]`: the service level aimed for, and the dwell policies to compare.

use super::defaults::generate as d;
use super::diagnostic::Problems;
use super::generate::{by_size_dwell, fixed_dwell, longer_than_a_day};
use super::raw::{DwellPolicyKind, RawPolicy, RawTargets};
use crate::plan::{
    DEFAULT_DEMAND_DRIVEN, DEFAULT_FIXED_HOURS, DemandDrivenRange, DwellPolicy, NamedPolicy, PolicyChoice,
};
use crate::staffing::ServiceTargets;
use crate::vocab::limits::MAX_SEARCH_STEPS;
use crate::vocab::units::{HOURS_PER_DAY, MINUTES_PER_HOUR};

/// `[targets]`; `wait_default_min` is `bus.wait_target_min` (the default wait limit).
pub(super) fn resolve_targets(
    raw: &RawTargets,
    wait_default_min: f64,
    problems: &mut Problems<'_>,
) -> Option<ServiceTargets> {
    let d = ServiceTargets::default();
    let mut ok = true;
    let mut share = |key: &str, v: Option<f64>, default: Option<f64>| match v {
        Some(x) if (0.0..=1.0).contains(&x) => Some(x),
        Some(x) => {
            problems.at(
                &format!("targets.{key}"),
                format!("must be a share between 0 and 1, got {x}"),
                Some("e.g. 0.8 for 80 %".into()),
            );
            ok = false;
            None
        }
        None => default,
    };
    let min_share_within_wait = share(
        "min_share_within_wait",
        raw.min_share_within_wait,
        d.min_share_within_wait,
    );
    let max_lost_share = share("max_lost_share", raw.max_lost_share, d.max_lost_share);
    let mut non_negative = |key: &str, v: Option<f64>, default: Option<f64>| match v {
        Some(x) if x.is_finite() && x >= 0.0 => Some(x),
        Some(x) => {
            problems.at(
                &format!("targets.{key}"),
                format!("must be a number ≥ 0, got {x}"),
                None,
            );
            ok = false;
            None
        }
        None => default,
    };
    let wait_limit_min = non_negative("wait_limit_min", raw.wait_limit_min, Some(wait_default_min));
    let max_mean_overtime_min = non_negative(
        "max_mean_overtime_min",
        raw.max_mean_overtime_min,
        d.max_mean_overtime_min,
    );
    let max_mean_queue = non_negative("max_mean_queue", raw.max_mean_queue, d.max_mean_queue);
    ok.then(|| ServiceTargets {
        wait_limit_min: wait_limit_min.unwrap_or(d.wait_limit_min),
        min_share_within_wait,
        max_lost_share,
        max_mean_overtime_min,
        max_mean_queue,
    })
}

/// `[[policy]]` entries, or — when the file lists none — the three policies of issue 5: by size
/// (the 2019 practice), a fixed 3 hours, and demand-driven 2–5 h in half-hour steps.
pub(super) fn resolve_policies(raw: Option<&[RawPolicy]>, problems: &mut Problems<'_>) -> Option<Vec<NamedPolicy>> {
    let Some(raw) = raw else {
        return Some(default_policies());
    };
    if raw.is_empty() {
        problems.at(
            "policy",
            "the policy list is empty",
            Some("remove it to compare the default policies".into()),
        );
        return None;
    }
    let resolved: Vec<Option<NamedPolicy>> = raw
        .iter()
        .enumerate()
        .map(|(i, p)| resolve_policy(p, &format!("policy[{}]", i + 1), problems))
        .collect();
    let mut names: Vec<&str> = raw.iter().map(|p| p.name.as_str()).collect();
    names.sort_unstable();
    if names.windows(2).any(|w| w[0] == w[1]) {
        problems.at(
            "policy",
            "two policies have the same name",
            Some("give each [[policy]] its own name".into()),
        );
        return None;
    }
    resolved.into_iter().collect()
}

fn default_policies() -> Vec<NamedPolicy> {
    vec![
        NamedPolicy {
            name: "by size".into(),
            choice: PolicyChoice::Rule(DwellPolicy::BySize(d::DWELL_BY_SIZE.to_vec())),
        },
        NamedPolicy {
            name: format!("fixed {DEFAULT_FIXED_HOURS} h"),
            choice: PolicyChoice::Rule(DwellPolicy::Fixed(DEFAULT_FIXED_HOURS)),
        },
        NamedPolicy {
            name: "demand-driven".into(),
            choice: PolicyChoice::DemandDriven(DEFAULT_DEMAND_DRIVEN),
        },
    ]
}

fn resolve_policy(raw: &RawPolicy, key: &str, problems: &mut Problems<'_>) -> Option<NamedPolicy> {
    let choice = match raw.policy {
        DwellPolicyKind::Fixed => PolicyChoice::Rule(fixed_dwell(
            raw.hours,
            raw.size.as_ref().is_some_and(|s| !s.is_empty()),
            key,
            problems,
        )?),
        DwellPolicyKind::BySize => PolicyChoice::Rule(by_size_dwell(raw.hours, raw.size.as_deref(), key, problems)?),
        DwellPolicyKind::DemandDriven => PolicyChoice::DemandDriven(demand_driven(raw, key, problems)?),
    };
    if raw.policy != DwellPolicyKind::DemandDriven
        && (raw.shortest_hours.is_some() || raw.longest_hours.is_some() || raw.step_min.is_some())
    {
        problems.at(
            key,
            "shortest_hours, longest_hours and step_min belong to policy = \"demand_driven\"",
            None,
        );
        return None;
    }
    Some(NamedPolicy {
        name: raw.name.clone(),
        choice,
    })
}

fn demand_driven(raw: &RawPolicy, key: &str, problems: &mut Problems<'_>) -> Option<DemandDrivenRange> {
    let d = DEFAULT_DEMAND_DRIVEN;
    let range = DemandDrivenRange {
        shortest_hours: raw.shortest_hours.unwrap_or(d.shortest_hours),
        longest_hours: raw.longest_hours.unwrap_or(d.longest_hours),
        step_min: raw.step_min.unwrap_or(d.step_min),
    };
    let ok = range.shortest_hours > 0.0 && range.longest_hours >= range.shortest_hours && range.step_min > 0.0;
    if ok && range.longest_hours > f64::from(HOURS_PER_DAY) {
        problems.at(
            &format!("{key}.longest_hours"),
            longer_than_a_day(range.longest_hours),
            None,
        );
        return None;
    }
    let steps = (range.longest_hours - range.shortest_hours) * MINUTES_PER_HOUR / range.step_min + 1.0;
    if ok && (steps.is_nan() || steps > MAX_SEARCH_STEPS) {
        let step_key = format!("{key}.step_min");
        problems.at(
            &step_key,
            format!(
                "a step of {} minutes from {} to {} hours tries {} dwells, above the ceiling of {MAX_SEARCH_STEPS}",
                super::checks::number(range.step_min),
                super::checks::number(range.shortest_hours),
                super::checks::number(range.longest_hours),
                super::stops::shown(steps)
            ),
            Some(
                "the ceiling is there because every dwell tried is simulated; a step of a minute or more over a day stays below it"
                    .into(),
            ),
        );
        return None;
    }
    if !ok || raw.hours.is_some() || raw.size.is_some() {
        problems.at(
            key,
            format!(
                "a demand-driven policy needs 0 < shortest_hours ≤ longest_hours and step_min > 0 (got {}, {}, {}), and no hours or size",
                range.shortest_hours, range.longest_hours, range.step_min
            ),
            Some("e.g. shortest_hours = 2, longest_hours = 5, step_min = 30".into()),
        );
        return None;
    }
    Some(range)
}

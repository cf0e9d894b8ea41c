//! `[demand]`: the demand model's parameters, the arrival shape, over-dispersion and the settlements.

use std::borrow::Cow;
use std::path::Path;

use super::checks::{at_most, finite, non_negative, or_default, positive, within};
use super::diagnostic::Problems;
use super::raw::{DemandModelKind, InitialPoolKind, ProfileKind, RawDemand};
use crate::demand::pending::{InitialPool, PendingNeeds};
use crate::demand::profile::DEFAULT_FIRST_HOUR_WEIGHT;
use crate::demand::{ArrivalShape, DemandModel, SettlementTable, VenueMultipliers};
use crate::vocab::Diagnostic;
use crate::vocab::limits::{
    MAX_DEMAND_MULTIPLIER, MAX_DISTANCE_COEF_PER_KM, MAX_EXPECTED_CLIENTS_PER_STOP, MIN_DISPERSION_SHAPE,
};

/// The `[demand]` section, resolved.
#[derive(Clone, PartialEq)]
pub struct DemandRules {
    pub model: DemandModel,
    pub shape: ArrivalShape,
    /// Negative-binomial shape k of the day's count; `None`: Poisson.
    pub dispersion_shape: Option<f64>,
    /// The pending-needs pool (`model = "pending_needs"`); `None`: the per-visit model.
    pub pending: Option<PendingNeeds>,
}

/// The derived `Debug` text, with `pending` only when the pool is on: the scenario digest hashes
/// this text, so seasons of the per-visit model keep the digests they had before the pool existed.
impl std::fmt::Debug for DemandRules {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut s = f.debug_struct("DemandRules");
        s.field("model", &self.model)
            .field("shape", &self.shape)
            .field("dispersion_shape", &self.dispersion_shape);
        if let Some(pending) = &self.pending {
            s.field("pending", pending);
        }
        s.finish()
    }
}

/// Resolves `[demand]` without its settlements file; `None` when something is wrong (reported).
pub(super) fn resolve_demand(raw: &RawDemand, problems: &mut Problems<'_>) -> Option<DemandRules> {
    let d = DemandModel::default();
    let base_rate = or_default(raw.base_rate, d.base_rate, |v| {
        non_negative(problems, "demand.base_rate", v, " clients per reference visit").and_then(|v| {
            at_most(
                problems,
                "demand.base_rate",
                v,
                MAX_EXPECTED_CLIENTS_PER_STOP,
                " clients",
                "one stop may expect at most that many clients (the engine holds a stop-day's clients in memory)",
            )
        })
    });
    let population_elasticity = or_default(raw.population_elasticity, d.population_elasticity, |v| {
        within(
            problems,
            "demand.population_elasticity",
            v,
            0.0,
            1.0,
            "0 = the same demand everywhere, 1 = proportional to the population",
        )
    });
    let distance_coef_per_km = or_default(raw.distance_coef_per_km, d.distance_coef_per_km, |v| {
        finite(problems, "demand.distance_coef_per_km", v).and_then(|v| {
            at_most(
                problems,
                "demand.distance_coef_per_km",
                v.abs(),
                MAX_DISTANCE_COEF_PER_KM,
                " per km (in size)",
                "exp(coefficient × km) grows so fast that a larger coefficient gives a settlement millions of \
                 times the demand of its neighbour (the default is 0.02)",
            )
            .map(|_| v)
        })
    });
    let reference_dwell_hours = or_default(raw.reference_dwell_hours, d.reference_dwell_hours, |v| {
        positive(problems, "demand.reference_dwell_hours", v, " of hours")
    });
    let dwell_exponent = or_default(raw.dwell_exponent, d.dwell_exponent, |v| {
        within(
            problems,
            "demand.dwell_exponent",
            v,
            0.0,
            1.0,
            "0 = a fixed pool of clients per visit, 1 = clients proportional to the hours",
        )
    });
    let venue = venue_multipliers(raw, problems);
    let month = month_multipliers(raw, problems);
    let dispersion_shape = match raw.dispersion_shape {
        Some(k) => positive(problems, "demand.dispersion_shape", k, " (negative-binomial k)")
            .and_then(|k| at_least_shape(problems, k))
            .map(Some),
        None => Some(None),
    };
    let shape = arrival_shape(raw, problems);
    let pending = pending_needs(raw, problems);
    Some(DemandRules {
        model: DemandModel {
            base_rate: base_rate?,
            population_elasticity: population_elasticity?,
            venue: venue?,
            month: month?,
            distance_coef_per_km: distance_coef_per_km?,
            reference_dwell_hours: reference_dwell_hours?,
            dwell_exponent: dwell_exponent?,
        },
        shape: shape?,
        dispersion_shape: dispersion_shape?,
        pending: pending?,
    })
}

/// `demand.model` and `[demand.pending]`: `Some(None)` for the per-visit model.
fn pending_needs(raw: &RawDemand, problems: &mut Problems<'_>) -> Option<Option<PendingNeeds>> {
    let kind = raw.model.unwrap_or(DemandModelKind::PerVisit);
    if kind == DemandModelKind::PerVisit {
        if raw.pending.is_some() {
            problems.at(
                "demand.pending",
                "is only used with model = \"pending_needs\"",
                Some("remove [demand.pending] or set model = \"pending_needs\" in [demand]".into()),
            );
            return None;
        }
        return Some(None);
    }
    let d = PendingNeeds::default();
    let raw = raw.pending.clone().unwrap_or_default();
    let accrual_per_year = or_default(raw.accrual_per_year, d.accrual_per_year, |v| {
        non_negative(
            problems,
            "demand.pending.accrual_per_year",
            v,
            " (needs a year, in reference visits' worth)",
        )
    });
    let leak_per_year = or_default(raw.leak_per_year, d.leak_per_year, |v| {
        if v == f64::INFINITY {
            return Some(v);
        }
        positive(
            problems,
            "demand.pending.leak_per_year",
            v,
            " per year (or inf for instant leakage)",
        )
    });
    let leak_distance_coef_per_km = or_default(raw.leak_distance_coef_per_km, d.leak_distance_coef_per_km, |v| {
        finite(problems, "demand.pending.leak_distance_coef_per_km", v).and_then(|v| {
            at_most(
                problems,
                "demand.pending.leak_distance_coef_per_km",
                v.abs(),
                MAX_DISTANCE_COEF_PER_KM,
                " per km (in size)",
                "exp(coefficient × km) grows so fast that a larger coefficient makes a settlement's pool millions \
                 of times its neighbour's (the default is 0.02)",
            )
            .map(|_| v)
        })
    });
    let capture_hours = or_default(raw.capture_hours, d.capture_hours, |v| {
        positive(problems, "demand.pending.capture_hours", v, " of hours")
    });
    let flow_share = or_default(raw.flow_share, d.flow_share, |v| {
        within(
            problems,
            "demand.pending.flow_share",
            v,
            0.0,
            1.0,
            "the share of the per-visit model's clients who come whatever the gap since the last visit",
        )
    });
    let return_share = or_default(raw.return_share, d.return_share, |v| {
        within(
            problems,
            "demand.pending.return_share",
            v,
            0.0,
            1.0,
            "the share of the clients sent home or giving up whose need stays pending for a later visit",
        )
    });
    let initial = match raw.initial_pool {
        Some(InitialPoolKind::NeverVisited) => InitialPool::NeverVisited,
        Some(InitialPoolKind::RepeatYearly) | None => InitialPool::RepeatYearly,
    };
    Some(Some(PendingNeeds {
        accrual_per_year: accrual_per_year?,
        leak_per_year: leak_per_year?,
        leak_distance_coef_per_km: leak_distance_coef_per_km?,
        capture_hours: capture_hours?,
        flow_share: flow_share?,
        return_share: return_share?,
        initial,
    }))
}

fn multiplier(problems: &mut Problems<'_>, key: &str, value: Option<f64>, default: f64) -> Option<f64> {
    or_default(value, default, |v| {
        non_negative(problems, key, v, " (a multiplier of demand; 1 = no change)").and_then(|v| {
            at_most(
                problems,
                key,
                v,
                MAX_DEMAND_MULTIPLIER,
                "",
                "a multiplier that large asks for more clients than a stop can hold (the shipped ones are 0.2–1.5)",
            )
        })
    })
}

/// The negative-binomial shape if it is at least [`MIN_DISPERSION_SHAPE`].
fn at_least_shape(problems: &mut Problems<'_>, k: f64) -> Option<f64> {
    if k >= MIN_DISPERSION_SHAPE {
        return Some(k);
    }
    problems.at(
        "demand.dispersion_shape",
        format!(
            "{} is below the smallest shape of {MIN_DISPERSION_SHAPE}",
            super::checks::number(k)
        ),
        Some(format!(
            "the floor is there because with a smaller shape one stop-day in a million would draw thousands of \
             times its expected clients; remove the key for Poisson counts, or use a shape of {MIN_DISPERSION_SHAPE} or more"
        )),
    );
    None
}

fn venue_multipliers(raw: &RawDemand, problems: &mut Problems<'_>) -> Option<VenueMultipliers> {
    let d = VenueMultipliers::default();
    let Some(v) = &raw.venue else { return Some(d) };
    let municipality = multiplier(problems, "demand.venue.municipality", v.municipality, d.municipality);
    let social_institution = multiplier(
        problems,
        "demand.venue.social_institution",
        v.social_institution,
        d.social_institution,
    );
    let school = multiplier(problems, "demand.venue.school", v.school, d.school);
    let employer = multiplier(problems, "demand.venue.employer", v.employer, d.employer);
    let event = multiplier(problems, "demand.venue.event", v.event, d.event);
    Some(VenueMultipliers {
        municipality: municipality?,
        social_institution: social_institution?,
        school: school?,
        employer: employer?,
        event: event?,
    })
}

fn month_multipliers(raw: &RawDemand, problems: &mut Problems<'_>) -> Option<[f64; 12]> {
    let mut out = DemandModel::default().month;
    let mut ok = true;
    if let Some(m) = &raw.month {
        for (slot, (name, value)) in out.iter_mut().zip(m.by_month()) {
            match multiplier(problems, &format!("demand.month.{name}"), value, *slot) {
                Some(v) => *slot = v,
                None => ok = false,
            }
        }
    }
    ok.then_some(out)
}

fn arrival_shape(raw: &RawDemand, problems: &mut Problems<'_>) -> Option<ArrivalShape> {
    let kind = raw.profile.unwrap_or(ProfileKind::Flat);
    let stray = |problems: &mut Problems<'_>, key: &str, present: bool, needs: &str| {
        if present {
            problems.at(
                key,
                format!("is only used with profile = \"{needs}\""),
                Some(format!("remove it or set profile = \"{needs}\"")),
            );
        }
    };
    if kind != ProfileKind::FrontLoaded {
        stray(
            problems,
            "demand.first_hour_weight",
            raw.first_hour_weight.is_some(),
            "front_loaded",
        );
    }
    if kind != ProfileKind::Piecewise {
        stray(
            problems,
            "demand.profile_pieces",
            raw.profile_pieces.is_some(),
            "piecewise",
        );
    }
    let shape = match kind {
        ProfileKind::Flat => ArrivalShape::Flat,
        ProfileKind::FrontLoaded => ArrivalShape::FrontLoaded {
            first_hour_weight: raw.first_hour_weight.unwrap_or(DEFAULT_FIRST_HOUR_WEIGHT),
        },
        ProfileKind::Piecewise => {
            if let Some(pieces) = &raw.profile_pieces {
                ArrivalShape::Piecewise { pieces: pieces.clone() }
            } else {
                problems.at(
                    "demand.profile",
                    "profile = \"piecewise\" needs profile_pieces",
                    Some("add profile_pieces = [[0, 2.0], [1, 1.0]] (start hour, relative intensity)".into()),
                );
                return None;
            }
        }
    };
    let shape_problems = shape.problems();
    for (key, message) in &shape_problems {
        problems.at(&scenario_key(key), message.clone(), None);
    }
    shape_problems.is_empty().then_some(shape)
}

/// The scenario key of a shape problem: `pieces[i]` (from 0) → `demand.profile_pieces[i + 1]`.
fn scenario_key(shape_key: &str) -> String {
    let Some(rest) = shape_key.strip_prefix("pieces") else {
        return format!("demand.{shape_key}");
    };
    let index = rest
        .strip_prefix('[')
        .and_then(|r| r.strip_suffix(']'))
        .and_then(|i| i.parse::<usize>().ok());
    match index {
        Some(i) => format!("demand.profile_pieces[{}]", i + 1),
        None => format!("demand.profile_pieces{rest}"),
    }
}

/// The settlement table: the embedded one, or `demand.settlements_csv` relative to `base_dir`.
pub(super) fn settlement_table(
    raw: &RawDemand,
    base_dir: Option<&Path>,
    problems: &mut Problems<'_>,
) -> Option<Cow<'static, SettlementTable>> {
    let Some(name) = &raw.settlements_csv else {
        return Some(Cow::Borrowed(SettlementTable::embedded()));
    };
    let key = "demand.settlements_csv";
    let path = resolve_path(name, base_dir, key, problems)?;
    let text = match crate::vocab::text_file::read_text(&path, crate::vocab::limits::MAX_CSV_BYTES) {
        Ok(text) => text,
        Err(e) => {
            problems.at(key, format!("cannot read {}: {e}", path.display()), e.path_help());
            return None;
        }
    };
    let origin = path.display().to_string();
    match SettlementTable::from_csv_str(&text, &origin) {
        Ok(table) => Some(Cow::Owned(table)),
        Err(e) => {
            for p in e.problems {
                problems.push(Diagnostic {
                    file: origin.clone(),
                    line: p.line.map(|l| l as usize),
                    column: None,
                    key: String::new(),
                    message: p.message,
                    help: Some(
                        "columns: name, district, status, population, population_year, lat, lon, \
                         has_government_window (yes/probable/no)"
                            .into(),
                    ),
                });
            }
            None
        }
    }
}

/// `name` relative to `base_dir`, or to the folder of the file that set `key` when the scenario
/// extends it (absolute names as they are); an error for a relative name when the scenario has no
/// directory (the embedded default).
pub(super) fn resolve_path(
    name: &str,
    base_dir: Option<&Path>,
    key: &str,
    problems: &mut Problems<'_>,
) -> Option<std::path::PathBuf> {
    let path = Path::new(name);
    if path.is_absolute() {
        return Some(path.to_path_buf());
    }
    if let Some(dir) = problems.folder_for(key, base_dir) {
        Some(dir.join(path))
    } else {
        problems.at(
            key,
            format!("\"{name}\" is relative, but this scenario has no directory to resolve it from"),
            Some("give an absolute path, or load the scenario from a file".into()),
        );
        None
    }
}

//! `[clients]`: errands per client, the case mix with service times, patience and balking.

use std::collections::HashSet;

use super::checks::{or_default, positive, within};
use super::defaults::{DEFAULT_ERRANDS_PER_CLIENT, default_case_mix};
use super::diagnostic::Problems;
use super::raw::{DistributionKind, PatienceKind, RawBalking, RawClients, RawErrand, RawPatience};
use crate::sim::{Balking, Duration, ErrandType, Patience};

/// The `[clients]` section, resolved.
#[derive(Debug, Clone)]
pub struct ClientRules {
    /// Mean errands per client (≥ 1).
    pub errands_per_client: f64,
    pub case_mix: Vec<ErrandType>,
    pub patience: Patience,
    pub balking: Option<Balking>,
}

/// Resolves `[clients]`; `None` when something is wrong (reported).
pub fn resolve_clients(raw: &RawClients, problems: &mut Problems<'_>) -> Option<ClientRules> {
    let errands_per_client = or_default(raw.errands_per_client, DEFAULT_ERRANDS_PER_CLIENT, |v| {
        if v.is_finite() && v >= 1.0 {
            Some(v)
        } else {
            problems.at(
                "clients.errands_per_client",
                format!("must be at least 1 (every client brings an errand), got {v}"),
                Some("2019: about 1.2 uses per client".into()),
            );
            None
        }
    });
    let case_mix = match &raw.errand {
        Some(list) => case_mix(list, problems),
        None => Some(default_case_mix()),
    };
    let patience = match &raw.patience {
        Some(p) => patience(p, problems),
        None => Some(Patience::Unlimited),
    };
    let balking = match &raw.balking {
        Some(b) => balking(b, problems).map(Some),
        None => Some(None),
    };
    Some(ClientRules {
        errands_per_client: errands_per_client?,
        case_mix: case_mix?,
        patience: patience?,
        balking: balking?,
    })
}

fn case_mix(list: &[RawErrand], problems: &mut Problems<'_>) -> Option<Vec<ErrandType>> {
    if list.is_empty() {
        problems.at(
            "clients.errand",
            "the case mix is empty",
            Some("add [[clients.errand]] sections, or remove the key to use the default case mix".into()),
        );
        return None;
    }
    let mut names = HashSet::new();
    let mut ok = true;
    let mut mix = Vec::with_capacity(list.len());
    for (i, e) in list.iter().enumerate() {
        let key = format!("clients.errand[{}]", i + 1);
        if e.name.trim().is_empty() {
            problems.at(&format!("{key}.name"), "the name is empty", None);
            ok = false;
        } else if !names.insert(e.name.as_str()) {
            problems.at(
                &format!("{key}.name"),
                format!("\"{}\" is listed twice", e.name),
                Some("give each errand type once".into()),
            );
            ok = false;
        }
        let share = positive(problems, &format!("{key}.share"), e.share, " (a relative share)");
        let service = duration(&key, e.distribution, Some(e.mean_min), e.cv, problems);
        match (share, service) {
            (Some(weight), Some(service)) => mix.push(ErrandType {
                name: e.name.clone(),
                weight,
                service,
                information_only: e.information_only.unwrap_or(false),
            }),
            _ => ok = false,
        }
    }
    ok.then_some(mix)
}

/// A duration from its family, mean and CV, reporting missing or stray keys under `key`.
fn duration(
    key: &str,
    kind: DistributionKind,
    mean_min: Option<f64>,
    cv: Option<f64>,
    problems: &mut Problems<'_>,
) -> Option<Duration> {
    let Some(mean) = mean_min else {
        problems.at(key, "mean_min is missing", Some("add mean_min = <minutes>".into()));
        return None;
    };
    let mean = positive(problems, &format!("{key}.mean_min"), mean, " of minutes");
    let cv = match (kind.needs_cv(), cv) {
        (true, Some(cv)) => positive(problems, &format!("{key}.cv"), cv, " (standard deviation ÷ mean)"),
        (true, None) => {
            problems.at(
                key,
                "cv is missing: lognormal and gamma need a coefficient of variation",
                Some("add cv = 0.5 (standard deviation ÷ mean)".into()),
            );
            None
        }
        (false, Some(_)) => {
            problems.at(
                &format!("{key}.cv"),
                "cv is only used with lognormal or gamma (exponential has cv 1, deterministic 0)",
                Some("remove cv or choose distribution = \"lognormal\"".into()),
            );
            None
        }
        (false, None) => Some(0.0),
    };
    let (mean_min, cv) = (mean?, cv?);
    Some(match kind {
        DistributionKind::Exponential => Duration::Exponential { mean_min },
        DistributionKind::Deterministic => Duration::Deterministic { minutes: mean_min },
        DistributionKind::Lognormal => Duration::LogNormal { mean_min, cv },
        DistributionKind::Gamma => Duration::Gamma { mean_min, cv },
    })
}

fn patience(raw: &RawPatience, problems: &mut Problems<'_>) -> Option<Patience> {
    let key = "clients.patience";
    let kind = match raw.distribution {
        PatienceKind::None => {
            if raw.mean_min.is_some() || raw.cv.is_some() {
                problems.at(
                    key,
                    "distribution = \"none\" (clients never give up) takes no mean_min or cv",
                    Some("remove mean_min and cv, or choose a distribution".into()),
                );
                return None;
            }
            return Some(Patience::Unlimited);
        }
        PatienceKind::Exponential => DistributionKind::Exponential,
        PatienceKind::Lognormal => DistributionKind::Lognormal,
        PatienceKind::Gamma => DistributionKind::Gamma,
        PatienceKind::Deterministic => DistributionKind::Deterministic,
    };
    duration(key, kind, raw.mean_min, raw.cv, problems).map(Patience::Limited)
}

fn balking(raw: &RawBalking, problems: &mut Problems<'_>) -> Option<Balking> {
    let probability = within(
        problems,
        "clients.balking.probability",
        raw.probability,
        0.0,
        1.0,
        "the chance that a client who finds the queue at the threshold leaves at once",
    )?;
    Some(Balking {
        threshold: raw.threshold,
        probability,
    })
}

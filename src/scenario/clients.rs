//! `[clients]`: errands per client, the case mix with service times, patience and balking.

use std::collections::HashSet;

use super::checks::{at_most, or_default, positive, within};
use super::defaults::{DEFAULT_ERRANDS_PER_CLIENT, default_case_mix};
use super::diagnostic::Problems;
use super::raw::{DistributionKind, PatienceKind, RawBalking, RawClients, RawErrand, RawPatience};
use crate::sim::{Balking, Duration, ErrandType, Patience};
use crate::vocab::limits::{MAX_CV, MAX_ERRANDS_PER_CLIENT, MAX_PATIENCE_MEAN_MIN, MAX_SERVICE_MEAN_MIN};

/// The `[clients]` section, resolved.
#[derive(Debug, Clone)]
pub(super) struct ClientRules {
    /// Mean errands per client (≥ 1).
    pub errands_per_client: f64,
    pub case_mix: Vec<ErrandType>,
    pub patience: Patience,
    pub balking: Option<Balking>,
}

/// Resolves `[clients]`; `None` when something is wrong (reported).
pub(super) fn resolve_clients(raw: &RawClients, problems: &mut Problems<'_>) -> Option<ClientRules> {
    let errands_per_client = or_default(raw.errands_per_client, DEFAULT_ERRANDS_PER_CLIENT, |v| {
        if v.is_finite() && v > MAX_ERRANDS_PER_CLIENT {
            at_most(
                problems,
                "clients.errands_per_client",
                v,
                MAX_ERRANDS_PER_CLIENT,
                " errands",
                "every errand is simulated at the desk; 2019: about 1.2 uses per client",
            )
        } else if v.is_finite() && v >= 1.0 {
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
    let case_mix = match raw.information_share {
        Some(share) => case_mix.and_then(|mix| with_information_share(mix, share, problems)),
        None => case_mix,
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

/// Scales the case mix's weights so that the information-only errand types hold `share` of the total
/// and the others the rest, keeping the proportions within each group.
fn with_information_share(
    mut mix: Vec<ErrandType>,
    share: f64,
    problems: &mut Problems<'_>,
) -> Option<Vec<ErrandType>> {
    let key = "clients.information_share";
    if !(share.is_finite() && share > 0.0 && share < 1.0) {
        problems.at(
            key,
            format!("must be between 0 and 1 (both excluded), got {share}"),
            Some("the share of errands that are information only; 2019: 400 of about 1,250 uses, 0.32".into()),
        );
        return None;
    }
    let weight_of = |information: bool| -> f64 {
        mix.iter()
            .filter(|e| e.information_only == information)
            .map(|e| e.weight)
            .sum()
    };
    let (information, cases) = (weight_of(true), weight_of(false));
    if information == 0.0 || cases == 0.0 {
        let missing = if information == 0.0 {
            "information-only"
        } else {
            "case (not information-only)"
        };
        problems.at(
            key,
            format!("the case mix has no {missing} errand type, so no share can be set"),
            Some(
                "mark the information errand types with information_only = true, and keep at least one case type"
                    .into(),
            ),
        );
        return None;
    }
    for errand in &mut mix {
        errand.weight *= if errand.information_only {
            share / information
        } else {
            (1.0 - share) / cases
        };
    }
    Some(mix)
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
    let (ceiling, reason) = if key == "clients.patience" {
        (
            MAX_PATIENCE_MEAN_MIN,
            "no stop lasts longer than a day; write distribution = \"none\" for clients who never give up",
        )
    } else {
        (
            MAX_SERVICE_MEAN_MIN,
            "no client of a stop could be served at all by a longer errand; 2019 cases took about 4–12 minutes",
        )
    };
    let mean_key = format!("{key}.mean_min");
    let mean = positive(problems, &mean_key, mean, " of minutes")
        .and_then(|m| at_most(problems, &mean_key, m, ceiling, " minutes", reason));
    let cv = match (kind.needs_cv(), cv) {
        (true, Some(cv)) => {
            positive(problems, &format!("{key}.cv"), cv, " (standard deviation ÷ mean)").and_then(|cv| {
                at_most(
                    problems,
                    &format!("{key}.cv"),
                    cv,
                    MAX_CV,
                    "",
                    "beyond it the mean rests on draws of one in millions; real desk times have 0.5–1",
                )
            })
        }
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

#[cfg(test)]
mod tests {
    use crate::scenario::load_str;

    const STOP: &str =
        "[[season.stop]]\ndate = 2019-03-04\nstart = \"08:00\"\nsettlement = \"Baja\"\ndwell_hours = 2\n";

    fn mix(clients: &str) -> Result<Vec<(String, f64, bool)>, String> {
        let season = load_str(&format!("{clients}\n{STOP}"), "t.toml", None).map_err(|e| e.to_string())?;
        let mix = &season.stops[0].spec.case_mix;
        let total: f64 = mix.iter().map(|e| e.weight).sum();
        Ok(mix
            .iter()
            .map(|e| (e.name.clone(), e.weight / total, e.information_only))
            .collect())
    }

    #[test]
    fn the_information_share_rescales_the_case_mix_within_each_group() {
        let text = "[clients]\ninformation_share = 0.25\n\
                    [[clients.errand]]\nname = \"id\"\nshare = 3\ndistribution = \"exponential\"\nmean_min = 10\n\
                    [[clients.errand]]\nname = \"passport\"\nshare = 1\ndistribution = \"exponential\"\nmean_min = 12\n\
                    [[clients.errand]]\nname = \"info\"\nshare = 6\ndistribution = \"exponential\"\nmean_min = 4\n\
                    information_only = true\n";
        // Information 0.25; the cases keep their 3 : 1 split of the other 0.75.
        let shares = mix(text).unwrap();
        let expected = [("id", 0.5625), ("passport", 0.1875), ("info", 0.25)];
        for ((name, share, _), (want_name, want)) in shares.iter().zip(expected) {
            assert_eq!(name, want_name);
            assert!((share - want).abs() < 1e-12, "{name}: {share}");
        }
        // The default case mix has one information type with a third of the weight.
        let default = mix("[clients]\ninformation_share = 0.4\n").unwrap();
        let info: f64 = default.iter().filter(|e| e.2).map(|e| e.1).sum();
        assert!((info - 0.4).abs() < 1e-12);
    }

    #[test]
    fn a_share_that_cannot_be_set_is_reported() {
        let e = mix("[clients]\ninformation_share = 1.0\n").unwrap_err();
        assert!(
            e.contains("t.toml:2:21: clients.information_share: must be between 0 and 1"),
            "{e}"
        );
        let only_cases = "[clients]\ninformation_share = 0.3\n[[clients.errand]]\nname = \"id\"\nshare = 1\n\
                          distribution = \"exponential\"\nmean_min = 10\n";
        let e = mix(only_cases).unwrap_err();
        assert!(e.contains("the case mix has no information-only errand type"), "{e}");
    }
}

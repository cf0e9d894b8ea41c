//! Phrases shared by the report's sentences, tables and captions: numbers with their intervals,
//! counted nouns, lists, the clerks, dwell and targets of a season — all in the report's language.

use super::ReportError;
use crate::report::lang::{Label, Lang};
use crate::scenario::{DEFAULT_FIXED_HOURS, DemandOrigin, DwellPolicy, NamedPolicy, PolicyChoice, Season, SeasonStop};
use crate::staffing::ServiceTargets;
use crate::stats::Estimate;

use crate::vocab::units::MINUTES_PER_HOUR as MIN_PER_HOUR;

/// Fills `label` in `lang`.
pub(super) fn fill(lang: Lang, label: Label, values: &[(&str, &str)]) -> Result<String, ReportError> {
    Ok(label.fill(lang, values)?)
}

/// "3,016 ± 16" (the mean and its 95 % half-width; the mean alone when there is no half-width).
pub(super) fn estimate(lang: Lang, e: Estimate, decimals: usize) -> String {
    if e.ci95.is_finite() {
        format!("{} ± {}", lang.number(e.mean, decimals), lang.number(e.ci95, decimals))
    } else {
        lang.number(e.mean, decimals)
    }
}

/// A difference with its interval and an explicit sign: "+11 ± 4", "−48 ± 8".
pub(super) fn signed_estimate(lang: Lang, e: Estimate, decimals: usize) -> String {
    let sign = if e.mean > 0.0 && lang.number(e.mean, decimals) != lang.number(0.0, decimals) {
        "+"
    } else {
        ""
    };
    format!("{sign}{}", estimate(lang, e, decimals))
}

/// A dwell policy's name for the report: the three default policies in the report's language,
/// any other by the name the scenario gives it.
pub fn policy_name(lang: Lang, policy: &NamedPolicy) -> Result<String, ReportError> {
    match &policy.choice {
        PolicyChoice::Rule(DwellPolicy::BySize(_)) if policy.name == "by size" => {
            Ok(lang.text(Label::PolicyDwellBySize).to_string())
        }
        PolicyChoice::Rule(DwellPolicy::Fixed(h))
            if *h == DEFAULT_FIXED_HOURS && policy.name == format!("fixed {DEFAULT_FIXED_HOURS} h") =>
        {
            fill(lang, Label::PolicyFixedHours, &[("hours", &hours(lang, *h))])
        }
        PolicyChoice::DemandDriven(_) if policy.name == "demand-driven" => {
            Ok(lang.text(Label::PolicyDwellDemandDriven).to_string())
        }
        _ => Ok(policy.name.clone()),
    }
}

/// Hours with no decimals when whole, else one ("3", "2.5").
pub(super) fn hours(lang: Lang, h: f64) -> String {
    let whole = (h - h.round()).abs() < 1e-9;
    lang.number(h, usize::from(!whole))
}

/// "1 clerk" / "2 clerks" ("1 ügyintéző" / "2 ügyintéző").
pub(super) fn clerks(lang: Lang, count: u32) -> Result<String, ReportError> {
    if count == 1 {
        Ok(lang.text(Label::ClerkOne).to_string())
    } else {
        fill(lang, Label::ClerkMany, &[("count", &count.to_string())])
    }
}

/// "1 stop" / "20 stops" ("1 megálló" / "20 megálló").
pub(super) fn stops(lang: Lang, count: usize) -> Result<String, ReportError> {
    if count == 1 {
        Ok(lang.text(Label::StopOne).to_string())
    } else {
        fill(lang, Label::StopMany, &[("count", &lang.number(count as f64, 0))])
    }
}

/// `text` with its first letter in upper case (for a phrase that starts a line).
pub(super) fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "on 1 day" / "on 134 days" as the season sentence needs it ("1 day" / "134 napon").
pub(super) fn days(lang: Lang, count: usize) -> Result<String, ReportError> {
    if count == 1 {
        Ok(lang.text(Label::DayOne).to_string())
    } else {
        fill(lang, Label::DayMany, &[("count", &lang.number(count as f64, 0))])
    }
}

/// "A, B and C" ("A, B és C").
pub(super) fn list(lang: Lang, items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {} {last}", rest.join(", "), lang.text(Label::ListAnd)),
    }
}

/// "Kiskőrös (2020-09-14)": a stop in running text.
pub(super) fn stop_in_text(stop: &SeasonStop) -> String {
    format!("{} ({})", stop.settlement, stop.date)
}

/// The clerks of the season for the answer sentence ("2 clerks" / "2 ügyintézővel"; a range when
/// stops differ).
pub(super) fn clerks_phrase(lang: Lang, season: &Season) -> Result<String, ReportError> {
    let (low, high) = min_max(season.stops.iter().map(|s| f64::from(s.spec.clerks)));
    if low != high {
        return fill(
            lang,
            Label::ClerksWithRange,
            &[("low", &lang.number(low, 0)), ("high", &lang.number(high, 0))],
        );
    }
    if high == 1.0 {
        Ok(lang.text(Label::ClerksWithOne).to_string())
    } else {
        fill(lang, Label::ClerksWithMany, &[("count", &lang.number(high, 0))])
    }
}

/// How the season's dwell looks, read from its stops: one fixed dwell; dwell growing with the
/// settlement's population (the 2019 by-size practice); or just the range.
pub(super) fn dwell_phrase(lang: Lang, season: &Season) -> Result<String, ReportError> {
    let (low, high) = dwell_range_hours(season);
    if low == high {
        return fill(lang, Label::DwellPhraseFixed, &[("hours", &hours(lang, low))]);
    }
    let range = [("low", hours(lang, low)), ("high", hours(lang, high))];
    let values: Vec<(&str, &str)> = range.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let label = if dwell_grows_with_population(season) {
        Label::DwellPhraseBySize
    } else {
        Label::DwellPhraseVaried
    };
    fill(lang, label, &values)
}

/// The dwell as a short range for legends: "2–5 h" / "3 h".
pub(super) fn dwell_short(lang: Lang, season: &Season) -> Result<String, ReportError> {
    let (low, high) = dwell_range_hours(season);
    if low == high {
        fill(lang, Label::HoursOne, &[("hours", &hours(lang, low))])
    } else {
        fill(
            lang,
            Label::HoursRange,
            &[("low", &hours(lang, low)), ("high", &hours(lang, high))],
        )
    }
}

/// Shortest and longest dwell of the season, hours.
pub(super) fn dwell_range_hours(season: &Season) -> (f64, f64) {
    min_max(season.stops.iter().map(|s| s.spec.dwell_min / MIN_PER_HOUR))
}

/// True when, among the stops whose demand comes from a settlement, a larger settlement never gets
/// a shorter dwell than a smaller one (and the dwell is not the same everywhere).
fn dwell_grows_with_population(season: &Season) -> bool {
    let mut by_population: Vec<(u32, f64)> = season
        .stops
        .iter()
        .filter_map(|s| match s.demand_origin {
            DemandOrigin::Model { population, .. } => Some((population, s.spec.dwell_min)),
            _ => None,
        })
        .collect();
    by_population.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let grows = by_population.windows(2).all(|w| w[1].1 >= w[0].1);
    let varies = by_population.first().map(|f| f.1) != by_population.last().map(|l| l.1);
    grows && varies
}

/// The targets a staffing answer must meet, joined: "at least 80% wait at most 20 min, ...".
pub(super) fn targets_phrase(lang: Lang, targets: &ServiceTargets) -> Result<String, ReportError> {
    let mut parts = Vec::new();
    if let Some(share) = targets.min_share_within_wait {
        parts.push(fill(
            lang,
            Label::TargetWait,
            &[
                ("share", &lang.percent(share, 0)),
                ("wait_min", &lang.number(targets.wait_limit_min, 0)),
            ],
        )?);
    }
    if let Some(share) = targets.max_lost_share {
        parts.push(fill(lang, Label::TargetLost, &[("share", &lang.percent(share, 0))])?);
    }
    if let Some(minutes) = targets.max_mean_overtime_min {
        parts.push(fill(
            lang,
            Label::TargetOvertime,
            &[("overtime_min", &lang.number(minutes, 0))],
        )?);
    }
    if let Some(queue) = targets.max_mean_queue {
        parts.push(fill(lang, Label::TargetQueue, &[("clients", &lang.number(queue, 1))])?);
    }
    Ok(parts.join(", "))
}

/// Smallest and largest of `values` (NaN, NaN when empty).
fn min_max(values: impl Iterator<Item = f64>) -> (f64, f64) {
    values.fold((f64::NAN, f64::NAN), |(lo, hi), v| (lo.min(v), hi.max(v)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_and_counted_nouns_read_naturally() {
        let items = |v: &[&str]| v.iter().map(std::string::ToString::to_string).collect::<Vec<_>>();
        assert_eq!(
            list(Lang::En, &items(&["Baja", "Kiskőrös", "Tompa"])),
            "Baja, Kiskőrös and Tompa"
        );
        assert_eq!(list(Lang::Hu, &items(&["Baja", "Tompa"])), "Baja és Tompa");
        assert_eq!(list(Lang::En, &items(&["Baja"])), "Baja");
        assert_eq!(capitalised("legalább 80%"), "Legalább 80%");
        assert_eq!(capitalised("ő"), "Ő");
        assert_eq!(clerks(Lang::En, 1).unwrap(), "1 clerk");
        assert_eq!(clerks(Lang::En, 2).unwrap(), "2 clerks");
        assert_eq!(clerks(Lang::Hu, 2).unwrap(), "2 ügyintéző");
        assert_eq!(stops(Lang::En, 1200).unwrap(), "1,200 stops");
        assert_eq!(stops(Lang::Hu, 1).unwrap(), "1 megálló");
    }

    #[test]
    fn estimates_carry_their_interval() {
        let e = Estimate {
            mean: 3016.2,
            ci95: 16.44,
            n: 200,
        };
        assert_eq!(estimate(Lang::En, e, 0), "3,016 ± 16");
        assert_eq!(estimate(Lang::Hu, e, 1), "3016,2 ± 16,4");
        let lone = Estimate {
            mean: 1.0,
            ci95: f64::NAN,
            n: 1,
        };
        assert_eq!(estimate(Lang::En, lone, 1), "1.0");
    }

    #[test]
    fn differences_carry_their_sign() {
        let e = |mean: f64| Estimate {
            mean,
            ci95: 4.2,
            n: 100,
        };
        assert_eq!(signed_estimate(Lang::En, e(11.2), 0), "+11 ± 4");
        assert_eq!(signed_estimate(Lang::Hu, e(-48.0), 0), "−48 ± 4");
        assert_eq!(signed_estimate(Lang::En, e(0.2), 0), "0 ± 4");
    }

    #[test]
    fn the_default_policies_are_named_in_the_report_language() {
        let named = |name: &str, choice: PolicyChoice| NamedPolicy {
            name: name.into(),
            choice,
        };
        let fixed = named("fixed 3 h", PolicyChoice::Rule(DwellPolicy::Fixed(3.0)));
        assert_eq!(policy_name(Lang::Hu, &fixed).unwrap(), "Rögzített 3 órás tartózkodás");
        assert_eq!(policy_name(Lang::En, &fixed).unwrap(), "Fixed 3-hour dwell");
        let own = named("short visits", PolicyChoice::Rule(DwellPolicy::Fixed(2.0)));
        assert_eq!(policy_name(Lang::Hu, &own).unwrap(), "short visits");
    }

    #[test]
    fn the_default_targets_read_in_both_languages() {
        let t = ServiceTargets::default();
        assert_eq!(
            targets_phrase(Lang::En, &t).unwrap(),
            "at least 80% wait at most 20 min, at most 5% leave unserved, mean overtime at most 30 min"
        );
        assert!(
            targets_phrase(Lang::Hu, &t)
                .unwrap()
                .starts_with("legalább 80% legfeljebb 20 percet vár")
        );
    }
}

//! The warning when compared seasons differ in their stops: how many each has, and briefly which
//! visits (date and settlement) one has and the other has not.

use super::lang::{FillError, Label, Lang};
use crate::study::{StopKey, StopMismatch};

/// Visits named per side of the warning; the rest are counted ("and 5 more").
const VISITS_NAMED: usize = 4;

/// The warning about `mismatch`; `names` are the compared seasons' names, the baseline first.
pub fn render_stop_mismatch(lang: Lang, names: &[&str], mismatch: &StopMismatch) -> Result<String, FillError> {
    let name = names.get(mismatch.season).copied().unwrap_or_default();
    let baseline = names.first().copied().unwrap_or_default();
    let mut parts = Vec::new();
    for (side, visits) in [(baseline, &mismatch.only_in_baseline), (name, &mismatch.only_in_season)] {
        if !visits.is_empty() {
            let list = visit_list(lang, visits)?;
            parts.push(Label::StopMismatchOnlyIn.fill(lang, &[("name", side), ("list", &list)])?);
        }
    }
    Label::StopMismatchWarning.fill(
        lang,
        &[
            ("name", name),
            ("stops", &mismatch.stops.to_string()),
            ("baseline", baseline),
            ("baseline_stops", &mismatch.baseline_stops.to_string()),
            ("differ", &parts.join("; ")),
        ],
    )
}

/// "2020-03-02 Dusnok, 2020-03-03 Bugac and 5 more".
fn visit_list(lang: Lang, visits: &[StopKey]) -> Result<String, FillError> {
    let named: Vec<String> = visits
        .iter()
        .take(VISITS_NAMED)
        .map(|v| format!("{} {}", v.date, v.settlement))
        .collect();
    let mut list = named.join(", ");
    if visits.len() > VISITS_NAMED {
        let more = (visits.len() - VISITS_NAMED).to_string();
        list.push(' ');
        list.push_str(&Label::StopMismatchMore.fill(lang, &[("count", &more)])?);
    }
    Ok(list)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visit(day: i8, settlement: &str) -> StopKey {
        StopKey {
            date: jiff::civil::date(2020, 3, day),
            settlement: settlement.into(),
        }
    }

    #[test]
    fn names_the_counts_and_the_visits_in_both_languages() {
        let mismatch = StopMismatch {
            season: 1,
            baseline_stops: 7,
            stops: 2,
            only_in_baseline: (1..=6).map(|d| visit(d, "Dusnok")).collect(),
            only_in_season: vec![visit(9, "Bugac")],
        };
        let en = render_stop_mismatch(Lang::En, &["plan", "winter"], &mismatch).unwrap();
        assert!(en.starts_with("Warning: “winter” has 2 stops and “plan” 7"), "{en}");
        assert!(
            en.contains(
                "only in “plan”: 2020-03-01 Dusnok, 2020-03-02 Dusnok, 2020-03-03 Dusnok, 2020-03-04 Dusnok and 2 more"
            ),
            "{en}"
        );
        assert!(en.contains("only in “winter”: 2020-03-09 Bugac"), "{en}");
        let hu = render_stop_mismatch(Lang::Hu, &["terv", "tél"], &mismatch).unwrap();
        assert!(
            hu.starts_with("Figyelem: a(z) „tél” változatnak 2 megállója van, a(z) „terv” változatnak 7"),
            "{hu}"
        );
        assert!(hu.contains("és még 2"), "{hu}");
    }
}

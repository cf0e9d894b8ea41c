//! Dwell policies and targets in scenarios: parsed, applied, and re-planned.

use ablakbusz::scenario::{PolicyChoice, ScenarioText};
use ablakbusz::staffing::SearchSettings;
use ablakbusz::study::policy_seasons;

const SCENARIO: &str = r#"
name = "policies"
[simulation]
replications = 20
[targets]
min_share_within_wait = 0.9
max_mean_queue = 3
[[season.stop]]
date = 2020-03-02
start = "08:00"
settlement = "Fülöpháza"
dwell_hours = 2
[[season.stop]]
date = 2020-03-03
start = "08:00"
settlement = "Kerekegyháza"
dwell_hours = 2
[[policy]]
name = "four hours"
policy = "fixed"
hours = 4
[[policy]]
name = "by size"
policy = "by_size"
size = [{ min_population = 0, hours = 2.5 }, { min_population = 5000, hours = 5 }]
[[policy]]
name = "as needed"
policy = "demand_driven"
shortest_hours = 1
longest_hours = 3
"#;

fn text() -> ScenarioText {
    ScenarioText {
        text: SCENARIO.to_string(),
        origin: "policies.toml".into(),
        base_dir: None,
        settings: Vec::new(),
    }
}

#[test]
fn targets_and_policies_are_read_with_their_defaults() {
    let season = text().resolve(None).unwrap();
    assert_eq!(season.targets.min_share_within_wait, Some(0.9));
    assert_eq!(season.targets.max_mean_queue, Some(3.0));
    assert_eq!(season.targets.max_lost_share, Some(0.05), "default kept");
    assert_eq!(season.targets.wait_limit_min, 20.0, "from bus.wait_target_min");
    let names: Vec<&str> = season.policies.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["four hours", "by size", "as needed"]);
    assert!(matches!(season.policies[2].choice, PolicyChoice::DemandDriven(r) if r.step_min == 30.0));
}

#[test]
fn each_policy_sets_the_dwell_of_every_settlement_stop() {
    let base = text().resolve(None).unwrap();
    let variants = policy_seasons(
        &text().parse(),
        &base,
        &SearchSettings {
            seed: 3,
            ..SearchSettings::default()
        },
    )
    .unwrap();
    let dwell = |i: usize| {
        variants[i]
            .season
            .stops
            .iter()
            .map(ablakbusz::scenario::SeasonStop::dwell_hours)
            .collect::<Vec<_>>()
    };
    assert_eq!(dwell(0), [4.0, 4.0]);
    // Fülöpháza has fewer than 5,000 residents, Kerekegyháza more (KSH 2019).
    assert_eq!(dwell(1), [2.5, 5.0]);
    let chosen = &variants[2].chosen_dwell;
    assert_eq!(chosen.len(), 2);
    for (stop, c) in variants[2].season.stops.iter().zip(chosen) {
        assert_eq!(stop.settlement, c.settlement);
        assert_eq!(stop.dwell_hours(), c.hours);
        assert!(
            (1.0..=3.0).contains(&c.hours) && (c.hours * 2.0).fract() == 0.0,
            "half-hour steps: {}",
            c.hours
        );
    }
    // A longer stay at the same place brings more clients under the default dwell capture.
    assert!(variants[0].season.stops[0].expected_clients > base.stops[0].expected_clients);
}

#[test]
fn staff_and_policies_agree_stop_by_stop_on_the_2020_plan() {
    use ablakbusz::staffing::Verdict;
    use ablakbusz::study::staffing_rows;
    // The demand-driven dwell of each visit (policies) and the staffing of the re-planned season
    // (staff) judge the same visit — the same settlement's same visit number, on the same streams,
    // with the same clients (month multipliers are all 1), whatever date the re-plan gave it —:
    // where a visit got its own answer as dwell, the scenario's clerks must meet the targets
    // there; where no dwell met them, they must not. A visit whose own answer is shorter than its
    // settlement's (the longest of its visits') stays longer than it needed: not compared.
    let text = ScenarioText::embedded_default().parse();
    let base = text.resolve(None).unwrap();
    let settings = SearchSettings::default();
    let seasons = policy_seasons(&text, &base, &settings).unwrap();
    let demand_driven = seasons
        .iter()
        .find(|p| !p.chosen_dwell.is_empty())
        .expect("a demand-driven policy");
    let rows = staffing_rows(&demand_driven.name, &demand_driven.season, &base.targets, &settings).unwrap();
    assert_eq!(rows.len(), base.stops.len(), "every visit placed under both policies");
    let (mut compared, mut unmet, mut longer) = (0, 0, 0);
    for row in &rows {
        let chosen = demand_driven
            .chosen_dwell
            .iter()
            .find(|c| c.settlement == row.settlement)
            .unwrap_or_else(|| panic!("{}: no demand-driven dwell", row.settlement));
        let visit = chosen
            .visits
            .iter()
            .find(|v| v.visit == row.visit)
            .unwrap_or_else(|| panic!("{} visit {}: not searched", row.settlement, row.visit));
        let stop = &demand_driven.season.stops[row.stop - 1];
        assert_eq!(stop.dwell_hours(), chosen.hours);
        let verdict = row.answer.candidates[stop.spec.clerks as usize - 1].verdict;
        match visit.hours {
            Some(hours) if (hours - row.dwell_hours).abs() < 1e-9 => {
                compared += 1;
                assert_eq!(
                    verdict,
                    Verdict::Meets,
                    "{} {}: policies meets, staff {verdict:?}",
                    row.settlement,
                    row.date
                );
            }
            None => {
                unmet += 1;
                assert_ne!(
                    verdict,
                    Verdict::Meets,
                    "{} {}: policies found no dwell, staff meets",
                    row.settlement,
                    row.date
                );
            }
            Some(hours) => {
                assert!(
                    hours < row.dwell_hours,
                    "{}: the settlement takes the longest",
                    row.settlement
                );
                longer += 1;
            }
        }
    }
    assert_eq!(compared + unmet + longer, rows.len());
    // Each settlement's longest answer is compared at least once: at least one visit in two.
    assert!(
        2 * (compared + unmet) >= rows.len(),
        "only {compared} + {unmet} of {} compared",
        rows.len()
    );
}

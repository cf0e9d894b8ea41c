//! The season optimiser's renderers: `optimise.csv` (the chosen visits and dwell of each settlement
//! beside the scenario's own, with the screening values) and the terminal summary (the budget, the
//! plan, and the objective's difference to the practice with its paired interval: served within the
//! wait target, or lost plus unserved).

use super::crew::days_by_clerks;
use super::csv::{Column, RenderError, csv_table, headers};
use super::lang::{FillError, Label, Lang};
use super::number::csv_cell as cell;
use crate::experiment::{Comparison, GroupMetric};
use crate::study::{Objective, Optimised};

/// The table's file name.
pub const OPTIMISE_FILE: &str = "optimise.csv";

/// The relative gain in clients served within the wait target the issue asks of an optimised
/// plan over the practice at the same bus-days (issue 12: at least 5 %).
pub const TARGET_GAIN: f64 = 0.05;

const COLUMNS: [Column; 7] = [
    Column::new("settlement", Label::ColSettlement),
    Column::new("visits", Label::ColOptimiseVisits),
    Column::new("dwell_hours", Label::ColDwellHours),
    Column::new("served_within_target_expected", Label::ColOptimiseValue),
    Column::new("practice_visits", Label::ColOptimisePracticeVisits),
    Column::new("practice_dwell_hours", Label::ColOptimisePracticeDwell),
    Column::new(
        "practice_served_within_target_expected",
        Label::ColOptimisePracticeValue,
    ),
];

/// The columns under [`Objective::Lost`]: the same, the figures lost plus unserved.
const LOST_COLUMNS: [Column; 7] = [
    COLUMNS[0],
    COLUMNS[1],
    COLUMNS[2],
    Column::new("lost_and_unserved_expected", Label::ColOptimiseLost),
    COLUMNS[4],
    COLUMNS[5],
    Column::new("practice_lost_and_unserved_expected", Label::ColOptimisePracticeLost),
];

/// `optimise.csv`: one row per settlement the optimiser chose for, in the screening's order.
pub fn render_optimise_csv(lang: Lang, optimised: &Optimised) -> Result<String, RenderError> {
    let objective = optimised.screening.objective;
    csv_table(OPTIMISE_FILE, |w| {
        w.write_record(headers(
            lang,
            match objective {
                Objective::ServedWithinTarget => &COLUMNS,
                Objective::Lost => &LOST_COLUMNS,
            },
        ))?;
        for (settlement, &o) in optimised.screening.settlements.iter().zip(&optimised.best.plan) {
            let chosen = settlement.options[o];
            let practice = settlement.options[settlement.practice];
            let figure = |value: f64| match objective {
                Objective::ServedWithinTarget => value,
                Objective::Lost => settlement.demand - value,
            };
            let dwell = |visits: u32, hours: f64| if visits == 0 { String::new() } else { cell(hours) };
            w.write_record([
                settlement.settlement.clone(),
                chosen.visits.to_string(),
                dwell(chosen.visits, chosen.dwell_hours),
                cell(figure(chosen.value)),
                practice.visits.to_string(),
                dwell(practice.visits, practice.dwell_hours),
                cell(figure(practice.value)),
            ])?;
        }
        Ok(())
    })
}

/// The optimiser's lines before the simulation: budget, plan, screening values.
pub fn render_optimise_plan(lang: Lang, optimised: &Optimised, wait_min: f64) -> Result<String, FillError> {
    let plan = &optimised.best.plan;
    let settlements = optimised
        .screening
        .settlements
        .iter()
        .zip(plan)
        .filter(|(s, o)| s.options[**o].visits > 0)
        .count();
    let clerk_budget = match optimised.budget.clerk_hours {
        Some(h) => format!(
            " {}",
            Label::OptimiseClerkBudget.fill(lang, &[("hours", &lang.number(h, 0))])?
        ),
        None => String::new(),
    };
    let mut text = Label::OptimiseHeading.fill(
        lang,
        &[
            ("budget", &optimised.budget.bus_days.to_string()),
            ("clerk", &clerk_budget),
            ("used", &optimised.best.bus_days.to_string()),
            ("stops", &optimised.best.season.stops.len().to_string()),
            ("settlements", &settlements.to_string()),
            ("clerk_hours", &lang.number(optimised.crews.clerk_hours, 0)),
            ("calls", &optimised.planner_calls.to_string()),
        ],
    )?;
    text.push('\n');
    text += &crews_line(lang, optimised)?;
    text.push('\n');
    let screening = &optimised.screening;
    let (value, practice, bound) = (
        screening.figure_of(optimised.value),
        screening.figure_of(optimised.practice_value),
        screening.figure_of(optimised.bound),
    );
    let (wait, demand) = (lang.number(wait_min, 0), lang.number(screening.demand(), 0));
    let (screened, bound_label, scale) = match screening.objective {
        Objective::ServedWithinTarget => (Label::OptimiseScreened, Label::OptimiseBound, ("wait", wait.as_str())),
        Objective::Lost => (
            Label::OptimiseScreenedLost,
            Label::OptimiseBoundLost,
            ("demand", demand.as_str()),
        ),
    };
    text += &screened.fill(
        lang,
        &[
            scale,
            ("value", &lang.number(value, 0)),
            ("practice", &lang.number(practice, 0)),
        ],
    )?;
    text.push('\n');
    let relation = bound_relation(lang, screening.objective, bound, practice)?;
    text += &bound_label.fill(lang, &[("bound", &lang.number(bound, 0)), ("relation", &relation)])?;
    text.push('\n');
    if bound_passed(screening.objective, bound, value) {
        text += &Label::OptimiseBoundPassed.fill(lang, &[("value", &lang.number(value, 0))])?;
        text.push('\n');
    }
    text += &practice_over_budget(lang, optimised)?;
    if optimised.practice_kept {
        text += Label::OptimisePracticeKept.text(lang);
        text.push('\n');
    }
    Ok(text)
}

/// "Crews, one a bus-day of 1 to 2 clerks, for the most value within the clerk-hours budget: 2
/// clerks on 96 bus-days, 1 on 34."
fn crews_line(lang: Lang, optimised: &Optimised) -> Result<String, FillError> {
    let crews = &optimised.crews;
    let mut counts: Vec<(u32, usize)> = Vec::new();
    for clerks in (1..=crews.desks).rev() {
        let days = crews.days.iter().filter(|d| d.1 == clerks).count();
        if days > 0 {
            counts.push((clerks, days));
        }
    }
    let label = if optimised.budget.clerk_hours.is_some() {
        Label::OptimiseCrewsBudget
    } else {
        Label::OptimiseCrewsFree
    };
    let mut line = label.fill(
        lang,
        &[
            ("desks", &crews.desks.to_string()),
            ("days", &days_by_clerks(lang, counts.into_iter())?.join(", ")),
        ],
    )?;
    if !crews.exact {
        line.push(' ');
        line += Label::OptimiseCrewsCoarse.text(lang);
    }
    Ok(line)
}

/// A line for each budget the scenario's own plan exceeds (then the comparison is not at the same
/// budget), else nothing.
fn practice_over_budget(lang: Lang, optimised: &Optimised) -> Result<String, FillError> {
    let screening = &optimised.screening;
    let mut text = String::new();
    if optimised.budget.bus_days < screening.practice_bus_days {
        text +=
            &Label::OptimisePracticeOverBusDays.fill(lang, &[("days", &screening.practice_bus_days.to_string())])?;
        text.push('\n');
    }
    let hours = screening.clerk_hours(&screening.practice());
    if optimised.budget.clerk_hours.is_some_and(|budget| hours > budget) {
        text += &Label::OptimisePracticeOverClerkHours.fill(lang, &[("hours", &lang.number(hours, 0))])?;
        text.push('\n');
    }
    Ok(text)
}

/// "12.3 % above the scenario's own plan" (the bound against the practice, in the figure's own
/// direction of the number line: a practice past the bound, which may use more than the budget, reads
/// "below" for a figure to raise and "above" for one to lower).
fn bound_relation(lang: Lang, objective: Objective, bound: f64, practice: f64) -> Result<String, FillError> {
    let Some(gain) = bound_gain_percent(objective, bound, practice) else {
        return Ok(String::from("–"));
    };
    let bound_above = match objective {
        Objective::ServedWithinTarget => gain >= 0.0,
        Objective::Lost => gain < 0.0,
    };
    let label = if bound_above {
        Label::OptimiseBoundAbovePractice
    } else {
        Label::OptimiseBoundBelowPractice
    };
    label.fill(lang, &[("gain", &lang.number(gain.abs(), 1))])
}

/// Whether the chosen plan's screened `value` lies past the surrogate `bound` (above an upper bound
/// of a figure to raise, below a lower bound of one to lower): the bound is then no bound for it.
fn bound_passed(objective: Objective, bound: f64, value: f64) -> bool {
    match objective {
        Objective::ServedWithinTarget => value > bound,
        Objective::Lost => value < bound,
    }
}

/// How far the bound lies beyond the practice, per cent: above it for the figure to raise, below
/// it for the one to lower; negative when the practice is already past the bound (it may use
/// more bus-days than the budget). None without a practice figure to compare with.
fn bound_gain_percent(objective: Objective, bound: f64, practice: f64) -> Option<f64> {
    (practice > 0.0).then(|| {
        let above = 100.0 * (bound / practice - 1.0);
        match objective {
            Objective::ServedWithinTarget => above,
            Objective::Lost => -above,
        }
    })
}

/// How the simulated difference stands against the target of [`TARGET_GAIN`].
fn verdict(difference: f64, half_width: f64, practice: f64) -> Label {
    if difference - half_width > 0.0 && difference >= TARGET_GAIN * practice {
        Label::OptimiseTargetReached
    } else if difference - half_width > 0.0 {
        Label::OptimiseBetterBelowTarget
    } else if difference + half_width < 0.0 {
        Label::OptimiseWorse
    } else {
        Label::OptimiseUnclear
    }
}

/// How a simulated difference in clients lost plus unserved stands (lower is better).
fn lost_verdict(difference: f64, half_width: f64) -> Label {
    if difference + half_width < 0.0 {
        Label::OptimiseLostFewer
    } else if difference - half_width > 0.0 {
        Label::OptimiseLostMore
    } else {
        Label::OptimiseLostUnclear
    }
}

/// The objective's lines after the simulation: practice, optimised, the paired difference with its
/// 95 % interval, in clients and in per cent of the practice, and the verdict. `demand` is the
/// screening's demand, clients (for [`Objective::Lost`]).
pub fn render_optimise_result(
    lang: Lang,
    objective: Objective,
    practice: &Comparison,
    optimised: &Comparison,
    wait_min: f64,
    demand: f64,
) -> Result<String, FillError> {
    match objective {
        Objective::ServedWithinTarget => render_within_target_result(lang, practice, optimised, wait_min),
        Objective::Lost => render_lost_result(lang, practice, optimised, demand),
    }
}

fn signed(lang: Lang, value: f64, decimals: usize) -> String {
    let text = lang.number(value, decimals);
    if value > 0.0 { format!("+{text}") } else { text }
}

/// Lost plus unserved: the demand less the clients served, in every replication (a client who
/// arrives is served or lost; one who does not arrive is unserved), so its paired difference is
/// minus the served difference, with the same interval; then the lost part with its own.
fn render_lost_result(
    lang: Lang,
    practice: &Comparison,
    optimised: &Comparison,
    demand: f64,
) -> Result<String, FillError> {
    let served = GroupMetric::Served;
    let (base, own) = (
        practice.season.metrics.get(served),
        optimised.season.metrics.get(served),
    );
    let (base_figure, own_figure) = (demand - base.mean, demand - own.mean);
    let difference = -optimised.difference.get(served).mean;
    let half = optimised.paired(served).ci95_bonferroni;
    let relative = |clients: f64| {
        if base_figure > 0.0 {
            lang.number(100.0 * clients / base_figure, 1)
        } else {
            String::from("–")
        }
    };
    let mut text = Label::OptimiseResultLost.fill(
        lang,
        &[
            ("demand", &lang.number(demand, 0)),
            ("practice", &lang.number(base_figure, 0)),
            ("practice_ci", &lang.number(base.ci95, 0)),
            ("optimised", &lang.number(own_figure, 0)),
            ("optimised_ci", &lang.number(own.ci95, 0)),
            ("difference", &signed(lang, difference, 0)),
            ("ci", &lang.number(half, 0)),
            ("relative", &relative(difference)),
            ("low", &relative(difference - half)),
            ("high", &relative(difference + half)),
        ],
    )?;
    text.push('\n');
    let lost = GroupMetric::Lost;
    let (base_lost, own_lost) = (practice.season.metrics.get(lost), optimised.season.metrics.get(lost));
    text += &Label::OptimiseLostPart.fill(
        lang,
        &[
            ("practice", &lang.number(base_lost.mean, 0)),
            ("practice_ci", &lang.number(base_lost.ci95, 0)),
            ("optimised", &lang.number(own_lost.mean, 0)),
            ("optimised_ci", &lang.number(own_lost.ci95, 0)),
            ("difference", &signed(lang, optimised.difference.get(lost).mean, 0)),
            ("ci", &lang.number(optimised.paired(lost).ci95_bonferroni, 0)),
        ],
    )?;
    text.push('\n');
    text += lost_verdict(difference, half).text(lang);
    text.push('\n');
    Ok(text)
}

fn render_within_target_result(
    lang: Lang,
    practice: &Comparison,
    optimised: &Comparison,
    wait_min: f64,
) -> Result<String, FillError> {
    let metric = GroupMetric::ServedWithinTarget;
    let base = practice.season.metrics.get(metric);
    let own = optimised.season.metrics.get(metric);
    let difference = optimised.difference.get(metric);
    let half = optimised.paired(metric).ci95_bonferroni;
    let relative = |clients: f64| {
        if base.mean > 0.0 {
            lang.number(100.0 * clients / base.mean, 1)
        } else {
            String::from("–")
        }
    };
    let mut text = Label::OptimiseResult.fill(
        lang,
        &[
            ("wait", &lang.number(wait_min, 0)),
            ("practice", &lang.number(base.mean, 0)),
            ("practice_ci", &lang.number(base.ci95, 0)),
            ("optimised", &lang.number(own.mean, 0)),
            ("optimised_ci", &lang.number(own.ci95, 0)),
            ("difference", &signed(lang, difference.mean, 0)),
            ("ci", &lang.number(half, 0)),
            ("relative", &relative(difference.mean)),
            ("low", &relative(difference.mean - half)),
            ("high", &relative(difference.mean + half)),
        ],
    )?;
    text.push('\n');
    text +=
        &verdict(difference.mean, half, base.mean).fill(lang, &[("target", &lang.number(100.0 * TARGET_GAIN, 0))])?;
    text.push('\n');
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bounds_gain_is_signed_by_the_objectives_direction() {
        let gain = |objective, bound| bound_gain_percent(objective, bound, 100.0).unwrap();
        assert!((gain(Objective::ServedWithinTarget, 110.0) - 10.0).abs() < 1e-9);
        assert!((gain(Objective::Lost, 90.0) - 10.0).abs() < 1e-9);
        assert!(
            (gain(Objective::Lost, 617.4) + 517.4).abs() < 1e-9,
            "the practice past the bound"
        );
        assert_eq!(bound_gain_percent(Objective::Lost, 5.0, 0.0), None);
    }

    /// A practice past the bound (it may use more than the budget) reads "below" for a figure to
    /// raise and "above" for one to lower, with the distance unsigned, in both languages.
    #[test]
    fn the_bound_is_worded_on_the_side_it_lies() {
        let relation = |lang, objective, bound| bound_relation(lang, objective, bound, 100.0).unwrap();
        let served = Objective::ServedWithinTarget;
        assert_eq!(
            relation(Lang::En, served, 112.5),
            "12.5 % above the scenario's own plan"
        );
        assert_eq!(relation(Lang::En, served, 61.2), "38.8 % below the scenario's own plan");
        assert_eq!(
            relation(Lang::En, Objective::Lost, 90.0),
            "10.0 % below the scenario's own plan"
        );
        assert_eq!(
            relation(Lang::En, Objective::Lost, 125.0),
            "25.0 % above the scenario's own plan"
        );
        assert_eq!(
            relation(Lang::Hu, served, 61.2),
            "38,8 %-kal a forgatókönyv saját terve alatt"
        );
        assert_eq!(
            relation(Lang::Hu, Objective::Lost, 125.0),
            "25,0 %-kal a forgatókönyv saját terve fölött"
        );
        assert!(bound_passed(served, 80.0, 84.0) && !bound_passed(served, 84.0, 80.0));
        assert!(bound_passed(Objective::Lost, 84.0, 80.0) && !bound_passed(Objective::Lost, 80.0, 84.0));
    }

    #[test]
    fn the_verdict_follows_the_interval_and_the_target() {
        assert_eq!(verdict(60.0, 10.0, 1000.0), Label::OptimiseTargetReached);
        assert_eq!(verdict(40.0, 10.0, 1000.0), Label::OptimiseBetterBelowTarget);
        assert_eq!(verdict(60.0, 70.0, 1000.0), Label::OptimiseUnclear);
        assert_eq!(verdict(-20.0, 10.0, 1000.0), Label::OptimiseWorse);
    }

    #[test]
    fn fewer_lost_is_better_only_when_the_interval_excludes_0() {
        assert_eq!(lost_verdict(-20.0, 10.0), Label::OptimiseLostFewer);
        assert_eq!(lost_verdict(20.0, 10.0), Label::OptimiseLostMore);
        assert_eq!(lost_verdict(-5.0, 10.0), Label::OptimiseLostUnclear);
    }
}

//! Crew renderers: `bus_days.csv` (one row per bus-day) and the season's crew plan in a few lines.

use super::RenderError;
use super::csv::{Column, csv_rows, headers};
use super::lang::{FillError, Label, Lang};
use super::number::csv_cell;
use crate::staffing::Verdict;
use crate::study::{BusDayCrew, PolicyCrew};

/// The file of the crew per bus-day.
pub const BUS_DAYS_FILE: &str = "bus_days.csv";

/// The columns of `bus_days.csv`.
pub(crate) const BUS_DAY_COLUMNS: [Column; 13] = [
    Column::new("policy", Label::ColPolicy),
    Column::new("date", Label::ColDate),
    Column::new("bus_day", Label::CsvBusDay),
    Column::new("stops", Label::CsvDayStops),
    Column::new("settlements", Label::CsvDaySettlements),
    Column::new("clerks_needed", Label::CsvDayClerksNeeded),
    Column::new("clerks_paid", Label::CsvClerksPaid),
    Column::new("paid_hours", Label::CsvPaidHours),
    Column::new("overtime_hours", Label::CsvOvertimeHours),
    Column::new("paid_clerk_hours", Label::CsvPaidClerkHours),
    Column::new("travel_min", Label::CsvTravelMin),
    Column::new("km", Label::CsvKm),
    Column::new("verdict", Label::CsvDayVerdict),
];

/// `bus_days.csv`: per bus-day of every policy, its stops, the fewest clerks meeting every target at
/// all of them, and the paid clerk-hours. Stops are listed by number (`3;4;5`), settlements by name
/// (`A; B`); travel and km are empty when the stops are given without an itinerary.
pub fn render_bus_days_csv(lang: Lang, crews: &[PolicyCrew]) -> Result<String, RenderError> {
    let rows = crews.iter().flat_map(|c| c.days.iter()).map(bus_day_row);
    let header = headers(lang, &BUS_DAY_COLUMNS);
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    csv_rows(BUS_DAYS_FILE, &header, rows)
}

fn bus_day_row(day: &BusDayCrew) -> Vec<String> {
    let stops: Vec<String> = day.stops.iter().map(ToString::to_string).collect();
    vec![
        day.policy.clone(),
        day.date.to_string(),
        day.number.to_string(),
        stops.join(";"),
        day.settlements.join("; "),
        day.clerks_needed.map_or(String::new(), |c| c.to_string()),
        day.clerks_paid.to_string(),
        csv_cell(day.paid_hours),
        csv_cell(day.overtime_hours),
        csv_cell(day.paid_clerk_hours()),
        day.travel_min.map_or(String::new(), |t| t.to_string()),
        day.km.map_or(String::new(), csv_cell),
        day.verdict.as_str().to_string(),
    ]
}

/// "2 clerks on 118 bus-days", "1 on 16", … from (clerks, bus-days) pairs, the most clerks first.
pub(super) fn days_by_clerks(lang: Lang, counts: impl Iterator<Item = (u32, usize)>) -> Result<Vec<String>, FillError> {
    counts
        .enumerate()
        .map(|(i, (clerks, days))| {
            let label = if i == 0 {
                Label::CrewFirstClerks
            } else {
                Label::CrewMoreClerks
            };
            label.fill(lang, &[("clerks", &clerks.to_string()), ("days", &days.to_string())])
        })
        .collect()
}

/// The crew plan of one policy in `lang`: the heading, "2 clerks on 118 bus-days, 1 on 16; 1,420
/// paid clerk-hours including travel and set-up", the km and the cost, then each day without an
/// answer within the desks with its verdict.
pub fn render_crew_text(lang: Lang, crew: &PolicyCrew) -> Result<String, FillError> {
    let totals = crew.totals();
    let mut out = Label::CrewHeading.fill(
        lang,
        &[("policy", &crew.policy), ("days", &totals.bus_days.to_string())],
    )?;
    let mut parts = days_by_clerks(lang, totals.days_by_clerks.iter().rev().copied())?;
    if totals.days_without_answer > 0 {
        parts.push(Label::CrewNotWithinDesks.fill(lang, &[("days", &totals.days_without_answer.to_string())])?);
    }
    let paid = if totals.travel_included {
        Label::CrewPaidWithTravel
    } else {
        Label::CrewPaidWithoutTravel
    };
    let mut line = format!(
        "{}; {}",
        parts.join(", "),
        paid.fill(lang, &[("hours", &lang.number(totals.paid_clerk_hours, 0))])?
    );
    if totals.travel_estimated {
        line += &format!("; {}", lang.text(Label::CrewTravelEstimated));
    }
    if let Some(km) = totals.km {
        line += &format!("; {}", Label::CrewKm.fill(lang, &[("km", &lang.number(km, 0))])?);
    }
    if let Some(huf) = totals.cost_huf {
        line += &format!("; {}", Label::CrewCost.fill(lang, &[("huf", &lang.number(huf, 0))])?);
    }
    out += &format!("\n  {line}\n");
    for day in crew.days.iter().filter(|d| d.clerks_needed.is_none()) {
        let verdict = match day.verdict {
            Verdict::TooClose => Label::VerdictTooClose,
            _ => Label::VerdictFails,
        };
        let text = Label::CrewDayVerdict.fill(
            lang,
            &[
                ("number", &day.number.to_string()),
                ("date", &day.date.to_string()),
                ("settlements", &day.settlements.join(", ")),
                ("verdict", lang.text(verdict)),
                ("desks", &day.clerks_paid.to_string()),
            ],
        )?;
        out += &format!("  {text}\n");
    }
    Ok(out)
}

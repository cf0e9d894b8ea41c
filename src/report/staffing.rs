//! Staffing renderers: `staffing.csv` (one row per stop) and the readable tables (per stop, per size class).

use std::fmt::Write;

use super::RenderError;
use super::csv::{Column, Part, csv_table, headers, part_headers};
use super::lang::{FillError, Label, Lang};
use super::number::csv_cell;
use crate::staffing::{StaffingAnswer, TargetKind, Verdict};
use crate::stats::Estimate;
use crate::study::StaffingRow;

fn opt_u32(v: Option<u32>) -> String {
    v.map_or(String::new(), |v| v.to_string())
}

fn cells(e: Option<Estimate>) -> [String; 2] {
    e.map_or([String::new(), String::new()], |e| [csv_cell(e.mean), csv_cell(e.ci95)])
}

/// The columns of `staffing.csv` before the targets.
pub(crate) const STAFFING_COLUMNS: [Column; 15] = [
    Column::new("policy", Label::ColPolicy),
    Column::new("stop", Label::ColStop),
    Column::new("date", Label::ColDate),
    Column::new("settlement", Label::ColSettlement),
    Column::new("venue", Label::ColVenue),
    Column::new("population", Label::ColResidents),
    Column::new("dwell_hours", Label::ColDwellHours),
    Column::new("expected_clients", Label::ColExpectedClients),
    Column::new("desks", Label::ParamDesks),
    Column::new("clerks_needed", Label::CsvClerksNeeded),
    Column::new("clerks_needed_without_desk_limit", Label::CsvClerksNeededWithoutDesks),
    Column::new("erlang_c_clerks", Label::CsvErlangC),
    Column::new("erlang_a_clerks", Label::CsvErlangA),
    Column::new("finite_horizon_clerks", Label::CsvFiniteHorizon),
    Column::new("reported_clerks", Label::CsvReportedClerks),
];

/// The targets whose achieved values `staffing.csv` reports, in column order.
const TARGET_COLUMNS: [TargetKind; 4] = [
    TargetKind::ShareWithinWait,
    TargetKind::LostShare,
    TargetKind::MeanOvertime,
    TargetKind::MeanQueue,
];

/// The columns of `staffing.csv` after the targets (then one verdict column per candidate).
pub(crate) const STAFFING_TAIL_COLUMNS: [Column; 4] = [
    Column::new("verdict", Label::CsvVerdict),
    Column::new("too_close_clerks", Label::CsvTooCloseClerks),
    Column::new("replications", Label::ParamReplications),
    Column::new("advice", Label::CsvAdvice),
];

/// The header of the verdict column of the candidate with `clerks` clerks.
fn candidate_verdict_header(lang: Lang, clerks: u32) -> Result<String, FillError> {
    match lang {
        Lang::En => Ok(format!("verdict_{clerks}_clerks")),
        Lang::Hu => Label::CsvCandidateVerdict.fill(lang, &[("clerks", &clerks.to_string())]),
    }
}

/// `staffing.csv`: per stop, the fewest clerks by simulation and by the textbook formulas, and what
/// the reported number of clerks achieves (mean and 95 % half-width).
pub fn render_staffing_csv(lang: Lang, rows: &[&StaffingRow]) -> Result<String, RenderError> {
    let table = "staffing.csv";
    let advice: Vec<String> = rows
        .iter()
        .map(|r| staffing_advice(lang, &r.answer).map(Option::unwrap_or_default))
        .collect::<Result<_, _>>()?;
    let most_candidates = rows.iter().map(|r| r.answer.candidates.len()).max().unwrap_or(0) as u32;
    let verdict_headers: Vec<String> = (1..=most_candidates)
        .map(|clerks| candidate_verdict_header(lang, clerks))
        .collect::<Result<_, _>>()?;
    csv_table(table, |w| {
        let mut header = headers(lang, &STAFFING_COLUMNS);
        let targets = TARGET_COLUMNS.map(|kind| Column::new(kind.as_str(), target_label(kind)));
        header.extend(part_headers(lang, targets, &[Part::Mean, Part::Ci95]));
        header.extend(headers(lang, &STAFFING_TAIL_COLUMNS));
        header.extend(verdict_headers.iter().cloned());
        w.write_record(&header)?;
        for (r, advice) in rows.iter().zip(advice) {
            let mut row = vec![
                r.policy.clone(),
                r.stop.to_string(),
                r.date.clone(),
                r.settlement.clone(),
                r.venue.to_string(),
                opt_u32(r.population),
                format!("{:.2}", r.dwell_hours),
                format!("{:.2}", r.expected_clients),
                r.answer.desks.to_string(),
                opt_u32(r.answer.clerks_needed),
                opt_u32(r.answer.clerks_needed_without_desk_limit),
                opt_u32(r.textbook.erlang_c),
                opt_u32(r.textbook.erlang_a),
                opt_u32(r.textbook.finite_horizon),
                r.reported().clerks.to_string(),
            ];
            for kind in [
                TargetKind::ShareWithinWait,
                TargetKind::LostShare,
                TargetKind::MeanOvertime,
                TargetKind::MeanQueue,
            ] {
                row.extend(cells(r.achieved(kind)));
            }
            let reported = r.reported();
            row.push(reported.verdict.as_str().to_string());
            row.push(opt_u32(r.answer.too_close_clerks));
            row.push(reported.replications.to_string());
            row.push(advice);
            row.extend((0..most_candidates as usize).map(|i| {
                r.answer
                    .candidates
                    .get(i)
                    .map_or(String::new(), |c| c.verdict.as_str().to_string())
            }));
            w.write_record(&row)?;
        }
        Ok(())
    })
}

/// Population classes of the size table, residents (lower bounds). The 2019 practice set the dwell
/// by settlement size (DESIGN §2); these are the bounds the planners' size classes use.
pub const SIZE_CLASS_LOWER_BOUNDS: [u32; 4] = [0, 1_000, 3_000, 6_000];

/// The readable staffing report in `lang`: one line per size class, then the stops that cannot be
/// staffed, with what would fix them, and the borderline stops.
pub fn render_staffing_text(lang: Lang, policy: &str, rows: &[StaffingRow]) -> Result<String, FillError> {
    let mut out = Label::StaffHeading.fill(lang, &[("policy", policy), ("stops", &rows.len().to_string())])?;
    out.push('\n');
    let _ = writeln!(
        out,
        "  {:<22} {:>5}  {}",
        lang.text(Label::StaffColSizeClass),
        lang.text(Label::StaffColStops),
        lang.text(Label::StaffColByClerks)
    );
    for (i, &low) in SIZE_CLASS_LOWER_BOUNDS.iter().enumerate() {
        let high = SIZE_CLASS_LOWER_BOUNDS.get(i + 1).copied();
        let in_class: Vec<&StaffingRow> = rows
            .iter()
            .filter(|r| r.population.is_some_and(|p| p >= low && high.is_none_or(|h| p < h)))
            .collect();
        if in_class.is_empty() {
            continue;
        }
        let label = match high {
            Some(h) => {
                Label::StaffClassBounded.fill(lang, &[("low", &low.to_string()), ("high", &(h - 1).to_string())])?
            }
            None => Label::StaffClassOpen.fill(lang, &[("low", &low.to_string())])?,
        };
        let _ = writeln!(
            out,
            "  {label:<22} {:>5}  {}",
            in_class.len(),
            clerk_counts(lang, &in_class)?
        );
    }
    let others: Vec<&StaffingRow> = rows.iter().filter(|r| r.population.is_none()).collect();
    if !others.is_empty() {
        let _ = writeln!(
            out,
            "  {:<22} {:>5}  {}",
            lang.text(Label::StaffClassGiven),
            others.len(),
            clerk_counts(lang, &others)?
        );
    }
    let textbook_differs = rows
        .iter()
        .filter(|r| r.textbook.erlang_c.is_some() && r.textbook.erlang_c != r.answer.clerks_needed)
        .count();
    let erlang = Label::StaffErlangDiffers.fill(
        lang,
        &[
            ("differs", &textbook_differs.to_string()),
            ("stops", &rows.len().to_string()),
        ],
    )?;
    let _ = writeln!(out, "  {erlang}");
    for r in rows.iter().filter(|r| r.answer.clerks_needed.is_none()) {
        let line = Label::StaffUnstaffable.fill(
            lang,
            &[
                ("stop", &r.stop.to_string()),
                ("date", &r.date),
                ("settlement", &r.settlement),
                ("advice", &staffing_advice(lang, &r.answer)?.unwrap_or_default()),
            ],
        )?;
        let _ = writeln!(out, "  {line}");
    }
    out += &borderline_stops(lang, rows)?;
    Ok(out)
}

/// The stops where fewer clerks than the answer are too close to call, one line each.
fn borderline_stops(lang: Lang, rows: &[StaffingRow]) -> Result<String, FillError> {
    let borderline: Vec<&StaffingRow> = rows.iter().filter(|r| r.answer.too_close_clerks.is_some()).collect();
    if borderline.is_empty() {
        return Ok(String::new());
    }
    let mut out = format!(
        "  {}\n",
        Label::StaffBorderlineHeading.fill(lang, &[("stops", &borderline.len().to_string())])?
    );
    for r in borderline {
        let clerks = r.answer.too_close_clerks.unwrap_or_default();
        let reported = opt_u32(r.answer.clerks_needed);
        let line = Label::StaffBorderlineStop.fill(
            lang,
            &[
                ("stop", &r.stop.to_string()),
                ("date", &r.date),
                ("settlement", &r.settlement),
                ("clerks", &clerks.to_string()),
                ("needed", if reported.is_empty() { "–" } else { &reported }),
            ],
        )?;
        let _ = writeln!(out, "    {line}");
    }
    Ok(out)
}

/// "1 clerk: 12, 2 clerks: 3, not within the desks: 1", in `lang`.
fn clerk_counts(lang: Lang, rows: &[&StaffingRow]) -> Result<String, FillError> {
    let max = rows.iter().filter_map(|r| r.answer.clerks_needed).max().unwrap_or(0);
    let mut parts = Vec::new();
    for c in 1..=max {
        let n = rows.iter().filter(|r| r.answer.clerks_needed == Some(c)).count();
        if n > 0 {
            let label = if c == 1 {
                Label::StaffOneClerk
            } else {
                Label::StaffClerks
            };
            parts.push(label.fill(lang, &[("clerks", &c.to_string()), ("stops", &n.to_string())])?);
        }
    }
    let none = rows.iter().filter(|r| r.answer.clerks_needed.is_none()).count();
    if none > 0 {
        parts.push(Label::StaffNotWithinDesks.fill(lang, &[("stops", &none.to_string())])?);
    }
    Ok(parts.join(", "))
}

/// When no number of clerks within the desks meets every target: which targets fail with all
/// desks staffed, and what would fix it (more desks, or a longer dwell), in `lang`.
pub fn staffing_advice(lang: Lang, answer: &StaffingAnswer) -> Result<Option<String>, FillError> {
    if answer.clerks_needed.is_some() {
        return Ok(None);
    }
    let desks = answer.desks;
    let Some(at_desks) = answer.candidates.iter().find(|c| c.clerks == desks) else {
        return Ok(None);
    };
    let failing = at_desks
        .checks
        .iter()
        .filter(|c| c.verdict != Verdict::Meets)
        .map(|c| {
            let label = if c.verdict == Verdict::TooClose {
                Label::AdviceTooClose
            } else {
                Label::AdviceFailing
            };
            label.fill(
                lang,
                &[
                    ("target", target_name(lang, c.kind)),
                    ("achieved", &lang.plain_number(c.achieved.mean, 3)),
                    ("required", &lang.plain_number(c.required, 3)),
                ],
            )
        })
        .collect::<Result<Vec<_>, _>>()?;
    let fix = match answer.clerks_needed_without_desk_limit {
        Some(n) => Label::AdviceMoreDesks.fill(lang, &[("clerks", &n.to_string())])?,
        None if at_desks
            .checks
            .iter()
            .any(|c| c.kind == TargetKind::LostShare && c.verdict != Verdict::Meets) =>
        {
            lang.text(Label::AdviceLongerDwellLost).to_string()
        }
        None => lang.text(Label::AdviceLongerDwell).to_string(),
    };
    Label::AdviceAllDesks
        .fill(
            lang,
            &[
                ("desks", &desks.to_string()),
                ("failing", &failing.join(", ")),
                ("fix", &fix),
            ],
        )
        .map(Some)
}

/// A service target's name inside a sentence: English its key (`lost_share`), Hungarian in words.
fn target_name(lang: Lang, kind: TargetKind) -> &'static str {
    match lang {
        Lang::En => kind.as_str(),
        Lang::Hu => lang.text(target_label(kind)),
    }
}

/// A service target's name in words (the label table).
fn target_label(kind: TargetKind) -> Label {
    match kind {
        TargetKind::ShareWithinWait => Label::TargetShareWithinWait,
        TargetKind::LostShare => Label::TargetLostShare,
        TargetKind::MeanOvertime => Label::TargetMeanOvertime,
        TargetKind::MeanQueue => Label::TargetMeanQueue,
    }
}

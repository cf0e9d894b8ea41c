//! Staffing renderers: `staffing.csv` (one row per stop) and the readable tables (per stop, per size class).

use std::fmt::Write;

use super::RenderError;
use super::csv::csv_table;
use super::number::csv_cell;
use crate::staffing::TargetKind;
use crate::stats::Estimate;
use crate::study::StaffingRow;

fn opt_u32(v: Option<u32>) -> String {
    v.map_or(String::new(), |v| v.to_string())
}

fn cells(e: Option<Estimate>) -> [String; 2] {
    e.map_or([String::new(), String::new()], |e| [csv_cell(e.mean), csv_cell(e.ci95)])
}

/// `staffing.csv`: per stop, the fewest clerks by simulation and by the textbook formulas, and what
/// the reported number of clerks achieves (mean and 95 % half-width).
pub fn render_staffing_csv(rows: &[StaffingRow]) -> Result<String, RenderError> {
    let table = "staffing.csv";
    csv_table(table, |w| {
        let mut header: Vec<String> = [
            "policy",
            "stop",
            "date",
            "settlement",
            "venue",
            "population",
            "dwell_hours",
            "expected_clients",
            "desks",
            "clerks_needed",
            "clerks_needed_without_desk_limit",
            "erlang_c_clerks",
            "erlang_a_clerks",
            "finite_horizon_clerks",
            "reported_clerks",
        ]
        .map(String::from)
        .to_vec();
        for kind in [
            TargetKind::ShareWithinWait,
            TargetKind::LostShare,
            TargetKind::MeanOvertime,
            TargetKind::MeanQueue,
        ] {
            header.push(format!("{}_mean", kind.as_str()));
            header.push(format!("{}_ci95", kind.as_str()));
        }
        header.extend(["replications".to_string(), "advice".to_string()]);
        w.write_record(&header)?;
        for r in rows {
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
            row.push(r.answer.replications.to_string());
            row.push(r.answer.advice.clone().unwrap_or_default());
            w.write_record(&row)?;
        }
        Ok(())
    })
}

/// Population classes of the size table, residents (lower bounds). The 2019 practice set the dwell
/// by settlement size (DESIGN §2); these are the bounds the planners' size classes use.
pub const SIZE_CLASS_LOWER_BOUNDS: [u32; 4] = [0, 1_000, 3_000, 6_000];

/// The readable staffing report: one line per size class, then the stops that cannot be staffed.
pub fn render_staffing_text(policy: &str, rows: &[StaffingRow]) -> String {
    let mut out = format!("Staffing under dwell policy \"{policy}\" ({} stops)\n", rows.len());
    let _ = writeln!(
        out,
        "  {:<22} {:>5}  stops by fewest clerks meeting every target",
        "size class", "stops"
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
            Some(h) => format!("{low}–{} residents", h - 1),
            None => format!("{low}+ residents"),
        };
        let _ = writeln!(out, "  {label:<22} {:>5}  {}", in_class.len(), clerk_counts(&in_class));
    }
    let others: Vec<&StaffingRow> = rows.iter().filter(|r| r.population.is_none()).collect();
    if !others.is_empty() {
        let _ = writeln!(
            out,
            "  {:<22} {:>5}  {}",
            "other (given demand)",
            others.len(),
            clerk_counts(&others)
        );
    }
    let textbook_differs = rows
        .iter()
        .filter(|r| r.textbook.erlang_c.is_some() && r.textbook.erlang_c != r.answer.clerks_needed)
        .count();
    let _ = writeln!(
        out,
        "  Erlang C (steady state) would staff {textbook_differs} of {} stops differently.",
        rows.len()
    );
    for r in rows.iter().filter(|r| r.answer.clerks_needed.is_none()) {
        let _ = writeln!(
            out,
            "  stop {} {} {}: {}",
            r.stop,
            r.date,
            r.settlement,
            r.answer.advice.as_deref().unwrap_or("")
        );
    }
    out
}

/// "1 clerk: 12, 2 clerks: 3, none: 1".
fn clerk_counts(rows: &[&StaffingRow]) -> String {
    let max = rows.iter().filter_map(|r| r.answer.clerks_needed).max().unwrap_or(0);
    let mut parts: Vec<String> = (1..=max)
        .filter_map(|c| {
            let n = rows.iter().filter(|r| r.answer.clerks_needed == Some(c)).count();
            (n > 0).then(|| format!("{c} clerk{}: {n}", if c == 1 { "" } else { "s" }))
        })
        .collect();
    let none = rows.iter().filter(|r| r.answer.clerks_needed.is_none()).count();
    if none > 0 {
        parts.push(format!("not within the desks: {none}"));
    }
    parts.join(", ")
}

//! The replay renderer: a recorded day's outcome (every metric of DESIGN §5) and its trace, as text.

use crate::replay::ReplayResult;
use crate::sim::DayRules;

/// Renders every metric of DESIGN §5 (and the trace, if any) as text.
pub fn render_replay(result: &ReplayResult, rules: &DayRules) -> String {
    let o = &result.outcome;
    let opt = |v: Option<f64>| v.map_or("-".to_string(), |v| format!("{v:.2}"));
    let mut s = format!(
        "Replayed day: {} clerk(s), door closes at {:.0} min\n",
        rules.clerks, rules.dwell_min
    );
    if result.after_closing > 0 {
        s += &format!(
            "({} client(s) arriving after closing were left out)\n",
            result.after_closing
        );
    }
    let rows: [(&str, String); 13] = [
        ("arrivals", o.arrivals.to_string()),
        ("served", o.served.to_string()),
        ("reneged", o.reneged.to_string()),
        ("balked", o.balked.to_string()),
        ("turned_away", o.turned_away.to_string()),
        ("uses", o.uses.to_string()),
        ("wait_mean_min", opt(o.wait_mean_min)),
        ("wait_p90_min", opt(result.wait_p90_min)),
        ("queue_avg", format!("{:.3}", o.queue_avg)),
        ("queue_max", o.queue_max.to_string()),
        ("utilisation", format!("{:.3}", o.utilisation)),
        ("overtime_min", format!("{:.2}", o.overtime_min)),
        ("waiting_at_close", o.waiting_at_close.to_string()),
    ];
    for (name, value) in rows {
        s += &format!("  {name:<18} {value:>10}\n");
    }
    if let Some(trace) = &result.trace {
        s += "\nclient  arrival_min  start_min  leave_min  outcome\n";
        for r in trace {
            let start = r.service_start_min.map_or("-".to_string(), |t| format!("{t:.2}"));
            s += &format!(
                "{:>6}  {:>11.2}  {:>9}  {:>9.2}  {}\n",
                r.index,
                r.arrival_min,
                start,
                r.leave_min,
                r.fate.as_str()
            );
        }
    }
    s
}

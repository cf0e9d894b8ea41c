//! `compare.json` / `policies.json`: every compared season's totals (means with their precision and
//! one season's range, per metric), its paired difference to the first, the adjusted half-widths
//! and the variance reduction of pairing, with what the comparison was.

use serde::Serialize;

use super::ComparedSeason;
use crate::experiment::Comparison;

/// What the comparison was and how it was run.
#[derive(Debug, Clone, Serialize)]
pub struct CompareMeta<'a> {
    /// `compare` or `policies`.
    pub command: &'a str,
    pub replications: u32,
    pub seed: u64,
    /// ablakbusz version that produced the results.
    pub version: &'static str,
}

#[derive(Serialize)]
struct AlternativeJson<'a> {
    /// The alternative's name as the scenario spells it (a policy's or a scenario's `name`): the
    /// same in every language, for programs that read the file.
    key: &'a str,
    /// The name as people read it, in the run's language.
    name: &'a str,
    stops: usize,
    unplaced_visits: Option<usize>,
    bus_days: Option<usize>,
    /// Totals (`season`: per metric `mean`, `ci95`, `n` and `range` {`p05`, `p95`, `resolution`}),
    /// `difference` to the first and `paired` (Bonferroni half-width, variance reduction) per metric.
    #[serde(flatten)]
    comparison: &'a Comparison,
}

#[derive(Serialize)]
struct CompareJson<'a> {
    meta: &'a CompareMeta<'a>,
    alternatives: Vec<AlternativeJson<'a>>,
}

/// The comparison as JSON (pretty-printed; NaN becomes null). `keys` are the alternatives' names
/// as their scenarios spell them, one per row (`policies` translates the names people read).
pub fn render_compare_json(meta: &CompareMeta, rows: &[ComparedSeason], keys: &[&str]) -> serde_json::Result<String> {
    debug_assert_eq!(rows.len(), keys.len(), "a key for every alternative");
    let json = CompareJson {
        meta,
        alternatives: rows
            .iter()
            .zip(keys)
            .map(|(r, key)| AlternativeJson {
                key,
                name: r.name,
                stops: r.stops,
                unplaced_visits: r.unplaced_visits,
                bus_days: r.bus_days,
                comparison: r.comparison,
            })
            .collect(),
    };
    serde_json::to_string_pretty(&json)
}

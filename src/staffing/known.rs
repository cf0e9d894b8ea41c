//! Evaluations already made, kept for later searches that would judge the same stop on the same streams.
//!
//! An evaluation depends only on the stop's spec, its streams, the targets and the search settings
//! (`decision.rs`): a later candidate with the same spec on the same streams (under the same
//! targets and settings) is that evaluation, bit for bit. The demand-driven dwell search judges each
//! visit with the scenario's clerks at several dwells; the staffing search of a season giving the
//! visit one of those dwells has that candidate among its own, and takes it from here.

use std::collections::HashMap;

use super::decision::Evaluation;
use crate::sim::StopSpec;

/// Evaluations by the stream index they were simulated on (see [`super::evaluate`]) and the spec
/// they judged (its `wait_target_min` the targets' wait limit, as every search sets it). Valid for
/// one set of targets and search settings: the caller keeps it within one study.
#[derive(Debug, Clone, Default)]
pub struct KnownEvaluations {
    by_stream: HashMap<u64, Vec<(StopSpec, Evaluation)>>,
}

impl KnownEvaluations {
    /// Notes `evaluation`, of `spec` on the streams of `stream_stop`.
    pub fn add(&mut self, stream_stop: u64, spec: StopSpec, evaluation: Evaluation) {
        self.by_stream.entry(stream_stop).or_default().push((spec, evaluation));
    }

    /// Adds every evaluation of `other`.
    pub fn extend(&mut self, other: KnownEvaluations) {
        for (stream, entries) in other.by_stream {
            self.by_stream.entry(stream).or_default().extend(entries);
        }
    }

    /// The evaluation of `spec` on the streams of `stream_stop`, if one was made.
    pub fn get(&self, stream_stop: u64, spec: &StopSpec) -> Option<&Evaluation> {
        self.by_stream
            .get(&stream_stop)?
            .iter()
            .find(|(s, _)| s == spec)
            .map(|(_, e)| e)
    }

    /// Keeps only the evaluations for which `wanted(stream, spec)` holds (those a later search
    /// will look up), so that the rest does not hold memory.
    pub fn retain(&mut self, mut wanted: impl FnMut(u64, &StopSpec) -> bool) {
        self.by_stream.retain(|&stream, entries| {
            entries.retain(|(spec, _)| wanted(stream, spec));
            !entries.is_empty()
        });
    }

    /// Number of evaluations kept.
    pub fn len(&self) -> usize {
        self.by_stream.values().map(Vec::len).sum()
    }

    /// True when no evaluation is kept.
    pub fn is_empty(&self) -> bool {
        self.by_stream.is_empty()
    }
}

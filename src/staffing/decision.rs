//! Decisions that do not flip on noise: a candidate meets the targets, fails them, or is too close to call.
//!
//! A candidate (a stop with some clerks and dwell) is simulated in looks of doubling size — the
//! first batch, twice it, four times it … up to the cap — on the stop's own streams, so every
//! candidate of a stop meets the same clients (common random numbers) and the verdict depends only
//! on the candidate, the stop and the seed, never on which other candidates are tried. At each look
//! every target is judged on an interval at the error level α split over the looks and the targets
//! (Bonferroni), so that the chance of a wrong *meets* or *fails* over the whole sequence is at most
//! α. The candidate *fails* as soon as one target is clearly missed, *meets* once every target is
//! clearly met, and is *too close to call* when the cap is reached first.

use serde::Serialize;
use statrs::distribution::{ContinuousCDF, StudentsT};

use super::search::SearchSettings;
use super::targets::{ServiceTargets, TargetCheck};
use crate::experiment::{StopAcc, StopSummary};
use crate::sim::{Client, ClientModel, DayRules, Engine, PreparedStop, Purpose, ReplayClients, StopStreams};
use crate::stats::t_quantile;

/// The answer of a target check or of a candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The whole decision interval is on the good side of every target.
    Meets,
    /// The whole decision interval of some target is on the bad side.
    Fails,
    /// The cap was reached with an interval still straddling a target.
    TooClose,
}

impl Verdict {
    /// The machine name in CSV and JSON: `meets`, `fails`, `too_close`.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Meets => "meets",
            Verdict::Fails => "fails",
            Verdict::TooClose => "too_close",
        }
    }

    /// The verdict of a candidate from its targets' verdicts: fails if one fails, meets if all meet.
    pub fn combine(checks: &[TargetCheck]) -> Verdict {
        if checks.iter().any(|c| c.verdict == Verdict::Fails) {
            Verdict::Fails
        } else if checks.iter().all(|c| c.verdict == Verdict::Meets) {
            Verdict::Meets
        } else {
            Verdict::TooClose
        }
    }
}

/// One candidate simulated to its verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// The means over its replications (no wait p90: see [`StopAcc::for_search`]).
    pub summary: StopSummary,
    pub checks: Vec<TargetCheck>,
    pub verdict: Verdict,
    /// Replications simulated before the verdict.
    pub replications: u64,
}

impl SearchSettings {
    /// The cumulative replications of each look: the first batch, doubling, the last at the cap.
    pub fn looks(&self) -> Vec<u64> {
        let first = self.min_replications.max(2);
        let cap = self.max_replications.max(first);
        let mut looks: Vec<u64> = std::iter::successors(Some(first), |&n| n.checked_mul(2))
            .take_while(|&n| n < cap)
            .collect();
        looks.push(cap);
        looks
    }

    /// How many standard errors a decision interval spans at a look with `n` replications, when
    /// `targets` targets are judged: the two-sided Student-t quantile at α / (looks × targets).
    pub fn decision_width(&self, targets: usize, n: u64) -> f64 {
        let tests = (self.looks().len() * targets.max(1)) as f64;
        let tail = self.decision_error / (2.0 * tests);
        let key = (tail.to_bits(), n.max(2));
        WIDTH_CACHE.with(|cache| {
            if let Some(&(_, width)) = cache.borrow().iter().find(|(k, _)| *k == key) {
                return width;
            }
            let width = StudentsT::new(0.0, 1.0, (key.1 - 1) as f64).map_or(f64::NAN, |t| t.inverse_cdf(1.0 - tail));
            let mut cache = cache.borrow_mut();
            if cache.len() >= WIDTH_CACHE_ENTRIES {
                cache.remove(0);
            }
            cache.push((key, width));
            width
        })
    }
}

/// Decision widths a thread keeps: a search asks for one per look (about ten distinct `n`) and per
/// number of targets (one to three), thousands of times over; more than that is never needed at once.
const WIDTH_CACHE_ENTRIES: usize = 64;

thread_local! {
    /// `((tail probability bits, n), width)` already computed on this thread, oldest first: the
    /// inverse t CDF (statrs' regularised incomplete beta) was 16 % of a staffing search; the
    /// cached width is the computed one, bit for bit.
    static WIDTH_CACHE: std::cell::RefCell<Vec<((u64, u64), f64)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Simulates `stop` on the streams of `stream_stop` look by look until its verdict.
pub fn evaluate(
    stop: &PreparedStop,
    stream_stop: u64,
    targets: &ServiceTargets,
    settings: &SearchSettings,
) -> Evaluation {
    let looks = settings.looks();
    let mut acc = StopAcc::for_search();
    let mut engine = Engine::new();
    // The stop's cipher key, expanded once for all the candidate's replications.
    let streams = StopStreams::new(settings.seed, stream_stop);
    let mut done = 0;
    let mut evaluation = None;
    for (look, &n) in looks.iter().enumerate() {
        for replication in done..n {
            let outcome = stop.simulate_streams(&mut engine, &streams, replication);
            acc.push(&outcome, engine.served_waits_mut());
        }
        done = n;
        let summary = acc.summary();
        // Standard errors from the 95 % half-widths, widened to the decision level.
        let widen = settings.decision_width(targets.count(), n) / t_quantile(n);
        let checks = targets.check(&summary, widen);
        let verdict = Verdict::combine(&checks);
        let last = look + 1 == looks.len();
        evaluation = Some(Evaluation {
            summary,
            checks,
            verdict,
            replications: n,
        });
        if verdict != Verdict::TooClose || last {
            break;
        }
    }
    evaluation.expect("at least one look")
}

/// Simulates candidates that differ only in their day rules (clerks, desks) — so they meet the
/// same clients, drawn from `model` on the streams of `stream_stop` — each look by look until its
/// verdict, as [`evaluate`] would one by one: every candidate gets the same replications in the
/// same order, so its evaluation is the same bit for bit. Each replication's clients are drawn
/// once and replayed to every candidate still undecided: drawing them was about half the cost
/// of a search with every candidate drawing its own.
pub fn evaluate_candidates(
    model: &ClientModel,
    candidates: &[DayRules],
    stream_stop: u64,
    targets: &ServiceTargets,
    settings: &SearchSettings,
) -> Vec<Evaluation> {
    evaluate_remaining(
        model,
        candidates,
        vec![None; candidates.len()],
        stream_stop,
        targets,
        settings,
    )
}

/// [`evaluate_candidates`] where some candidates' evaluations are already `known` (`Some`, in
/// candidate order): those are not simulated again and come back as given. Each candidate's
/// evaluation depends only on the candidate, so the others' are the same as with none known; a
/// replication's clients are drawn only while some candidate not known is undecided.
pub fn evaluate_remaining(
    model: &ClientModel,
    candidates: &[DayRules],
    known: Vec<Option<Evaluation>>,
    stream_stop: u64,
    targets: &ServiceTargets,
    settings: &SearchSettings,
) -> Vec<Evaluation> {
    assert_eq!(known.len(), candidates.len(), "one known slot per candidate");
    let looks = settings.looks();
    let mut accs = vec![StopAcc::for_search(); candidates.len()];
    let mut evaluations = known;
    let mut engine = Engine::new();
    // The stop's cipher key, expanded once for all the candidates' replications.
    let streams = StopStreams::new(settings.seed, stream_stop);
    let mut clients: Vec<Client> = Vec::new();
    // The candidates differ only in clerks and desks: one dwell, up to which a day's clients are
    // drawn stream by stream (the clients the client-by-client source yields before the dwell
    // ends, bit for bit; the engine never meets a later one). It was a third of a search's cost.
    let dwell_min = candidates.first().map_or(0.0, |rules| rules.dwell_min);
    debug_assert!(candidates.iter().all(|rules| rules.dwell_min == dwell_min), "one dwell");
    let mut done = 0;
    for (look, &n) in looks.iter().enumerate() {
        let undecided: Vec<usize> = (0..candidates.len()).filter(|&i| evaluations[i].is_none()).collect();
        if undecided.is_empty() {
            break;
        }
        for replication in done..n {
            model.draw_day(&streams, replication, None, dwell_min, &mut clients);
            for &i in &undecided {
                let outcome = engine.run_fast(&candidates[i], ReplayClients::new(&clients), || {
                    streams.rng(replication, Purpose::Balking)
                });
                accs[i].push(&outcome, engine.served_waits_mut());
            }
        }
        done = n;
        // Standard errors from the 95 % half-widths, widened to the decision level.
        let widen = settings.decision_width(targets.count(), n) / t_quantile(n);
        let last = look + 1 == looks.len();
        for &i in &undecided {
            let summary = accs[i].summary();
            let checks = targets.check(&summary, widen);
            let verdict = Verdict::combine(&checks);
            if verdict != Verdict::TooClose || last {
                evaluations[i] = Some(Evaluation {
                    summary,
                    checks,
                    verdict,
                    replications: n,
                });
            }
        }
    }
    evaluations
        .into_iter()
        .map(|e| e.expect("every candidate decided by the last look"))
        .collect()
}

//! The engine against queueing theory (issue 2, item 5): Erlang C, Erlang A, M/G/∞, finite horizon.
//!
//! The expected values are written out here from the theory (see the issue and DESIGN §6), not
//! taken from the code. Tolerance: 4 standard errors of the simulation estimate.

use ablakbusz::experiment::StopMetric;
use ablakbusz::sim::{ClientFate, ClientRecord, Closing, Duration, Engine, Observer, StreamKey};
use ablakbusz::stats::MeanAccumulator;
use statrs::distribution::{ChiSquared, ContinuousCDF, Discrete, LogNormal, Poisson};

use crate::builder::{StopBuilder, assert_within_ci};

/// Standard errors allowed between simulation and theory.
const SIGMAS: f64 = 4.0;
/// A steady-state run: long enough that starting empty does not matter (DESIGN §6: ≥ 2,000 h).
const STEADY_DWELL_HOURS: f64 = 2000.0;

fn steady(rate_per_hour: f64, service_min: f64, clerks: u32) -> StopBuilder {
    StopBuilder::new()
        .dwell_hours(STEADY_DWELL_HOURS)
        .rate_per_hour(rate_per_hour)
        .exp_service_min(service_min)
        .clerks(clerks)
}

#[test]
fn erlang_c_textbook_case() {
    // λ = 0.2 and μ = 0.1 per minute, c = 3: P(wait) = 0.444444, mean wait 4.44444 min.
    let r = steady(12.0, 10.0, 3).replicate(40, 11);
    assert_within_ci("P(wait)", r.season.pooled.delayed_share, 0.444444, SIGMAS);
    assert_within_ci("mean wait (min)", r.season.pooled.wait_mean_min, 4.44444, SIGMAS);
}

#[test]
fn erlang_c_bus_with_two_and_three_clerks() {
    // λ = 6/h, 15-min service: c = 2 → P(wait) 0.642857, wait 0.321429 h; c = 3 → 0.236842, 0.0394737 h.
    for (clerks, p_wait, wait_hours) in [(2, 0.642857, 0.321429), (3, 0.236842, 0.0394737)] {
        let r = steady(6.0, 15.0, clerks).replicate(40, 12);
        assert_within_ci(
            &format!("P(wait), c = {clerks}"),
            r.season.pooled.delayed_share,
            p_wait,
            SIGMAS,
        );
        assert_within_ci(
            &format!("mean wait, c = {clerks}"),
            r.season.pooled.wait_mean_min,
            wait_hours * 60.0,
            SIGMAS,
        );
    }
}

#[test]
fn erlang_a_with_exponential_patience() {
    // λ = 6/h, 15 min, c = 2, patience exponential with mean 30 min: P(wait) 0.485792, P(abandon) 0.146594.
    let r = steady(6.0, 15.0, 2).exp_patience_min(30.0).replicate(40, 13);
    assert_within_ci("P(wait)", r.season.pooled.delayed_share, 0.485792, SIGMAS);
    assert_within_ci("P(abandon)", r.season.pooled.reneged_share, 0.146594, SIGMAS);
}

/// Counts clients present (arrived, not yet left) at a given minute.
struct PresentAt {
    minute: f64,
    present: u32,
    waited: u32,
}

impl Observer for PresentAt {
    fn client_settled(&mut self, r: &ClientRecord) {
        if r.fate == ClientFate::Served && r.arrival_min <= self.minute && self.minute < r.leave_min {
            self.present += 1;
        }
        if r.service_start_min.is_some_and(|s| s > r.arrival_min) {
            self.waited += 1;
        }
    }
}

/// Number present at minute 60 over many replications of an infinite-server stop.
fn present_at_one_hour(builder: &StopBuilder, replications: u64) -> Vec<u32> {
    let stop = builder.build();
    let mut engine = Engine::new();
    (0..replications)
        .map(|replication| {
            let mut obs = PresentAt {
                minute: 60.0,
                present: 0,
                waited: 0,
            };
            stop.simulate_observed(
                &mut engine,
                StreamKey {
                    seed: 14,
                    stop: 0,
                    replication,
                },
                &mut obs,
            );
            assert_eq!(obs.waited, 0, "with unlimited clerks nobody waits");
            obs.present
        })
        .collect()
}

/// Chi-squared goodness of fit of counts to Poisson(mean); returns the p-value.
fn poisson_fit_p_value(counts: &[u32], mean: f64) -> f64 {
    const LAST_BIN: usize = 6; // counts ≥ 6 pooled so that every expected count is large
    let poisson = Poisson::new(mean).unwrap();
    let n = counts.len() as f64;
    let mut observed = [0.0; LAST_BIN + 1];
    for &c in counts {
        observed[(c as usize).min(LAST_BIN)] += 1.0;
    }
    let mut chi2 = 0.0;
    let mut tail = 1.0;
    for (k, &o) in observed.iter().enumerate() {
        let p = if k == LAST_BIN { tail } else { poisson.pmf(k as u64) };
        tail -= p;
        chi2 += (o - n * p).powi(2) / (n * p);
    }
    ChiSquared::new(LAST_BIN as f64).unwrap().sf(chi2)
}

#[test]
fn infinite_servers_time_varying_rate_is_poisson() {
    // Rate 8/h in the first hour, 4/h after; exponential service mean 15 min; nobody waits.
    // Present at t = 1 h ~ Poisson(8 · 0.25 · (1 − e^−4)) = Poisson(1.963369).
    let builder = StopBuilder::new()
        .dwell_hours(2.0)
        .pieces(&[(0.0, 8.0), (60.0, 4.0)])
        .clerks(60);
    let counts = present_at_one_hour(&builder, 20_000);
    let mut acc = MeanAccumulator::default();
    for &c in &counts {
        acc.push(f64::from(c));
    }
    assert_within_ci("present at 1 h", acc.estimate(), 1.963369, SIGMAS);
    let p = poisson_fit_p_value(&counts, 1.963369);
    assert!(p > 1e-3, "counts are not Poisson(1.963369): chi-squared p = {p}");
}

#[test]
fn infinite_servers_with_lognormal_service() {
    // M/G/∞: present at t ~ Poisson(∫₀ᵗ λ(s) P(S > t − s) ds); lognormal mean 15 min, CV 0.6.
    let (mean, cv) = (15.0_f64, 0.6_f64);
    let sigma2 = (1.0 + cv * cv).ln();
    let service = LogNormal::new(mean.ln() - sigma2 / 2.0, sigma2.sqrt()).unwrap();
    let steps = 6000; // Simpson's rule on [0, 60] min
    let h = 60.0 / f64::from(steps);
    let integral: f64 = (0..=steps)
        .map(|i| {
            let w = if i == 0 || i == steps {
                1.0
            } else if i % 2 == 1 {
                4.0
            } else {
                2.0
            };
            w * service.sf(f64::from(i) * h)
        })
        .sum::<f64>()
        * h
        / 3.0;
    let expected = 8.0 / 60.0 * integral;
    let builder = StopBuilder::new()
        .dwell_hours(2.0)
        .pieces(&[(0.0, 8.0), (60.0, 4.0)])
        .service(Duration::LogNormal { mean_min: mean, cv })
        .clerks(60);
    let counts = present_at_one_hour(&builder, 20_000);
    let mut acc = MeanAccumulator::default();
    for &c in &counts {
        acc.push(f64::from(c));
    }
    assert_within_ci("present at 1 h (lognormal)", acc.estimate(), expected, SIGMAS);
    assert!(poisson_fit_p_value(&counts, expected) > 1e-3);
}

#[test]
fn finite_horizon_stop_serve_all() {
    // Opens empty, λ = 6/h, 15 min exponential, c = 2, H = 3 h, serve_all (exact CTMC values):
    // waiting at closing 1.3469, utilisation while open 0.63362, overtime 0.45429 h, mean wait 0.16518 h.
    let r = StopBuilder::new().dwell_hours(3.0).replicate(40_000, 15);
    let stop = &r.stops[0];
    assert_within_ci(
        "waiting at closing",
        stop.get(StopMetric::WaitingAtClose),
        1.3469,
        SIGMAS,
    );
    assert_within_ci("utilisation", stop.get(StopMetric::Utilisation), 0.63362, SIGMAS);
    let overtime = stop.get(StopMetric::Overtime);
    assert_within_ci("overtime (h)", scale(overtime, 1.0 / 60.0), 0.45429, SIGMAS);
    assert_within_ci(
        "mean wait (h)",
        scale(stop.pooled.wait_mean_min, 1.0 / 60.0),
        0.16518,
        SIGMAS,
    );
}

#[test]
fn closing_policies_change_only_what_happens_after_closing() {
    // Same clients (common random numbers): closing policies agree on everything inside [0, H).
    let base = StopBuilder::new().dwell_hours(3.0);
    let serve_all = base.replicate(2000, 16);
    let turn_away = StopBuilder::new()
        .dwell_hours(3.0)
        .closing(Closing::TurnAway)
        .replicate(2000, 16);
    for metric in [
        StopMetric::Arrivals,
        StopMetric::QueueAvg,
        StopMetric::Utilisation,
        StopMetric::WaitingAtClose,
    ] {
        assert_eq!(
            serve_all.stops[0].get(metric),
            turn_away.stops[0].get(metric),
            "{metric:?}"
        );
    }
    let turned = turn_away.stops[0].get(StopMetric::TurnedAway).mean;
    let waiting = serve_all.stops[0].get(StopMetric::WaitingAtClose).mean;
    assert!(
        (turned - waiting).abs() < 1e-12,
        "turn_away sends home exactly those waiting at H"
    );
}

fn scale(e: ablakbusz::stats::Estimate, factor: f64) -> ablakbusz::stats::Estimate {
    ablakbusz::stats::Estimate {
        mean: e.mean * factor,
        ci95: e.ci95 * factor,
        n: e.n,
    }
}

#[test]
fn finite_horizon_stop_turn_away_matches_the_exact_chain() {
    // The same stop under turn_away, against the uniformised CTMC (rates per minute).
    let exact = crate::builder::turn_away_reference_chain(Some(20.0));
    let r = StopBuilder::new()
        .dwell_hours(3.0)
        .closing(Closing::TurnAway)
        .replicate(40_000, 17);
    let stop = &r.stops[0];
    assert_within_ci("served", stop.get(StopMetric::Served), exact.expected_served, SIGMAS);
    assert_within_ci(
        "turned away",
        stop.get(StopMetric::TurnedAway),
        exact.expected_turned_away,
        SIGMAS,
    );
    assert_within_ci(
        "overtime (min)",
        stop.get(StopMetric::Overtime),
        exact.expected_overtime,
        SIGMAS,
    );
    assert_within_ci(
        "queue (time average)",
        stop.get(StopMetric::QueueAvg),
        exact.mean_queue_length_open,
        SIGMAS,
    );
    assert_within_ci("mean wait (min)", stop.pooled.wait_mean_min, exact.mean_wait, SIGMAS);
    let within = exact.expected_served_within_wait_limit.unwrap() / exact.expected_served;
    assert_within_ci("served within 20 min", stop.pooled.share_within_target, within, SIGMAS);
}

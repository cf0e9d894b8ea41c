//! The fast path (FIFO recursion) against the event engine: identical outcomes on random days.
//!
//! Every metric must be equal bit for bit (stricter than the 1e-9 on times), and so must
//! the served waits, in order. Days are drawn with every feature on and off: balking, patience,
//! each closing policy, 1 to 4 clerks, several errands and errand types, over-dispersion, fixed
//! counts and zero-arrival days; a second family replays days on a whole-minute grid, so that
//! arrivals, service ends, abandonments and the door closing often fall on the same instant.

use ablakbusz::sim::{
    Arrivals, Balking, Client, Closing, DayRules, Duration, Engine, ErrandType, NoObserver, Patience, PreparedStop,
    RateProfile, ReplayClients, StopOutcome, StopSpec, StreamKey, StreamRng,
};
use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};

/// Random stop descriptions in the sampled family; each is replicated [`REPLICATIONS_PER_SPEC`] times.
const SAMPLED_SPECS: u64 = 2_500;
/// Replications of each sampled description (2,500 × 4 = 10,000 days).
const REPLICATIONS_PER_SPEC: u64 = 4;
/// Days in the whole-minute replay family.
const GRID_DAYS: u64 = 10_000;

/// Tallies of what the compared days exercised, so that the test cannot pass by testing nothing.
#[derive(Default)]
struct Exercised {
    days: u64,
    empty_days: u64,
    balked: u64,
    reneged: u64,
    turned_away: u64,
    waiting_at_close: u64,
    overtime_days: u64,
}

impl Exercised {
    fn add(&mut self, o: &StopOutcome) {
        self.days += 1;
        self.empty_days += u64::from(o.arrivals == 0);
        self.balked += u64::from(o.balked);
        self.reneged += u64::from(o.reneged);
        self.turned_away += u64::from(o.turned_away);
        self.waiting_at_close += u64::from(o.waiting_at_close);
        self.overtime_days += u64::from(o.overtime_min > 0.0);
    }

    fn assert_everything_happened(&self, expected_days: u64) {
        assert_eq!(self.days, expected_days);
        for (what, count) in [
            ("zero-arrival days", self.empty_days),
            ("balked clients", self.balked),
            ("reneged clients", self.reneged),
            ("turned-away clients", self.turned_away),
            ("clients waiting at close", self.waiting_at_close),
            ("days with overtime", self.overtime_days),
        ] {
            assert!(count > 0, "no {what} among the compared days");
        }
    }
}

fn random_duration(rng: &mut ChaCha8Rng, mean_min: f64) -> Duration {
    let cv = rng.random_range(0.2..1.5);
    match rng.random_range(0..4) {
        0 => Duration::Deterministic { minutes: mean_min },
        1 => Duration::Exponential { mean_min },
        2 => Duration::LogNormal { mean_min, cv },
        _ => Duration::Gamma { mean_min, cv },
    }
}

fn random_closing(rng: &mut ChaCha8Rng, dwell_min: f64) -> Closing {
    match rng.random_range(0..3) {
        0 => Closing::ServeAll,
        1 => Closing::TurnAway,
        _ => Closing::LastEntry {
            minutes: (rng.random_range(0.0..0.5) * dwell_min).floor(),
        },
    }
}

fn random_balking(rng: &mut ChaCha8Rng) -> Option<Balking> {
    rng.random_bool(0.5).then(|| Balking {
        threshold: rng.random_range(0..5),
        probability: if rng.random_bool(0.2) { 1.0 } else { rng.random() },
    })
}

fn random_spec(rng: &mut ChaCha8Rng) -> StopSpec {
    let dwell_min = f64::from(rng.random_range(3..=40_u32)) * 10.0;
    // A tenth of the descriptions have no arrivals at all.
    let rate_per_hour = if rng.random_bool(0.1) {
        0.0
    } else {
        rng.random_range(1.0..30.0)
    };
    let profile = if rng.random_bool(0.3) {
        RateProfile::from_hourly_pieces(
            &[(0.0, rate_per_hour), (dwell_min / 2.0, rate_per_hour * 2.0)],
            dwell_min,
        )
    } else {
        RateProfile::flat(rate_per_hour, dwell_min)
    }
    .expect("valid profile");
    let arrivals = match rng.random_range(0..3) {
        0 => Arrivals::Count {
            profile,
            clients: rng.random_range(0..40),
        },
        1 => Arrivals::Poisson {
            profile,
            dispersion_shape: Some(rng.random_range(0.5..10.0)),
        },
        _ => Arrivals::Poisson {
            profile,
            dispersion_shape: None,
        },
    };
    let case_mix = (0..rng.random_range(1..=3))
        .map(|i| ErrandType {
            name: format!("errand {i}"),
            weight: rng.random_range(0.1..1.0),
            service: {
                let mean_min = rng.random_range(2.0..30.0);
                random_duration(rng, mean_min)
            },
            information_only: rng.random_bool(0.3),
        })
        .collect();
    let clerks = rng.random_range(1..=4);
    StopSpec {
        dwell_min,
        arrivals,
        errands_per_client: if rng.random_bool(0.5) {
            1.0
        } else {
            rng.random_range(1.0..2.0)
        },
        case_mix,
        clerks,
        desks: clerks,
        patience: if rng.random_bool(0.3) {
            Patience::Unlimited
        } else {
            let mean_min = rng.random_range(1.0..40.0);
            Patience::Limited(random_duration(rng, mean_min))
        },
        balking: random_balking(rng),
        closing: random_closing(rng, dwell_min),
        wait_target_min: rng.random_range(0.0..30.0),
    }
}

/// Requires identical outcomes and served waits (in order) of the two engines' last days.
fn assert_same_day(days: [(&StopOutcome, &Engine); 2], what: &dyn Fn() -> String) {
    let [(fast, fast_engine), (reference, event_engine)] = days;
    assert_eq!(fast, reference, "outcome differs: {}", what());
    let bits = |e: &Engine| e.served_waits().iter().map(|x| x.to_bits()).collect::<Vec<_>>();
    assert_eq!(bits(fast_engine), bits(event_engine), "served waits differ: {}", what());
}

#[test]
fn fast_path_equals_the_event_engine_on_random_sampled_days() {
    let mut rng = ChaCha8Rng::seed_from_u64(14);
    let (mut fast_engine, mut event_engine) = (Engine::new(), Engine::new());
    let mut seen = Exercised::default();
    for spec_index in 0..SAMPLED_SPECS {
        let spec = random_spec(&mut rng);
        let stop = PreparedStop::new(&spec).expect("valid random stop");
        for replication in 0..REPLICATIONS_PER_SPEC {
            let key = StreamKey {
                seed: 99,
                stop: spec_index,
                replication,
            };
            let fast = stop.simulate(&mut fast_engine, key);
            let reference = stop.simulate_observed(&mut event_engine, key, &mut NoObserver);
            seen.add(&reference);
            assert_same_day([(&fast, &fast_engine), (&reference, &event_engine)], &|| {
                format!("spec {spec_index}, replication {replication}: {spec:?}")
            });
        }
    }
    seen.assert_everything_happened(SAMPLED_SPECS * REPLICATIONS_PER_SPEC);
}

/// A recorded day on a whole-minute grid: many events share an instant.
fn grid_day(rng: &mut ChaCha8Rng, dwell_min: f64) -> Vec<Client> {
    let clients = rng.random_range(0..30);
    let mut arrivals: Vec<f64> = (0..clients)
        .map(|_| f64::from(rng.random_range(0..dwell_min as u32)))
        .collect();
    arrivals.sort_by(f64::total_cmp);
    let patience_limited = rng.random_bool(0.7);
    arrivals
        .into_iter()
        .map(|arrival_min| {
            let errands = rng.random_range(1..=3);
            Client {
                arrival_min,
                service_min: f64::from(rng.random_range(1..=30_u32)),
                patience_min: if patience_limited && rng.random_bool(0.8) {
                    f64::from(rng.random_range(1..=20_u32))
                } else {
                    f64::INFINITY
                },
                errands,
                information_errands: rng.random_range(0..=errands),
            }
        })
        .collect()
}

#[test]
fn fast_path_equals_the_event_engine_on_days_full_of_ties() {
    let mut rng = ChaCha8Rng::seed_from_u64(1414);
    let (mut fast_engine, mut event_engine) = (Engine::new(), Engine::new());
    let mut seen = Exercised::default();
    for day_index in 0..GRID_DAYS {
        let dwell_min = f64::from(rng.random_range(2..=12_u32)) * 10.0;
        let rules = DayRules {
            dwell_min,
            clerks: rng.random_range(1..=4),
            balking: random_balking(&mut rng),
            closing: random_closing(&mut rng, dwell_min),
            wait_target_min: f64::from(rng.random_range(0..=15_u32)),
        };
        let day = grid_day(&mut rng, dwell_min);
        let balking_seed = rng.random::<u64>();
        let fast = fast_engine.run_fast(&rules, ReplayClients::new(&day), || {
            StreamRng::seed_from_u64(balking_seed)
        });
        let mut balking_rng = StreamRng::seed_from_u64(balking_seed);
        let reference = event_engine.run(&rules, ReplayClients::new(&day), &mut balking_rng, &mut NoObserver);
        seen.add(&reference);
        assert_same_day([(&fast, &fast_engine), (&reference, &event_engine)], &|| {
            format!("day {day_index}: {rules:?} {day:?}")
        });
    }
    seen.assert_everything_happened(GRID_DAYS);
}

//! Each metric of DESIGN §5 on hand-worked recorded days (replay), and invariants on sampled days.

use ablakbusz::sim::{
    Balking, Client, Closing, DayRules, Engine, NoObserver, ReplayClients, StopOutcome, StreamKey, StreamRng,
    TraceObserver,
};
use ablakbusz::stats::wait_p90;
use rand::SeedableRng;

use crate::builder::StopBuilder;

fn client(arrival_min: f64, service_min: f64, patience_min: f64) -> Client {
    Client {
        arrival_min,
        service_min,
        patience_min,
        errands: 1,
        information_errands: 0,
    }
}

fn rules(dwell_min: f64, clerks: u32, closing: Closing) -> DayRules {
    DayRules {
        dwell_min,
        clerks,
        balking: None,
        closing,
        wait_target_min: 10.0,
    }
}

fn replay(day: &[Client], rules: &DayRules) -> StopOutcome {
    replay_with_p90(day, rules).0
}

/// The day's outcome and the 90th percentile of its served clients' waits (computed by `stats`).
fn replay_with_p90(day: &[Client], rules: &DayRules) -> (StopOutcome, Option<f64>) {
    let mut rng = StreamRng::seed_from_u64(0);
    let mut engine = Engine::new();
    let outcome = engine.run(rules, ReplayClients::new(day), &mut rng, &mut NoObserver);
    let p90 = wait_p90(engine.served_waits_mut());
    // The fast path must agree with the event engine on every hand-worked day.
    let fast = engine.run_fast(rules, ReplayClients::new(day), || StreamRng::seed_from_u64(0));
    assert_eq!(fast, outcome, "fast path differs from the event engine");
    assert_eq!(wait_p90(engine.served_waits_mut()), p90);
    (outcome, p90)
}

/// One clerk, door closes at 30 min. Worked by hand:
/// c0 0→10 (wait 0); c1 arrives 5, served 10→20 (wait 5); c2 arrives 6, patience 3, leaves at 9;
/// c3 arrives 25, served 25→45 (wait 0); c4 arrives 26, still waiting at 30.
fn worked_day() -> Vec<Client> {
    let inf = f64::INFINITY;
    vec![
        client(0.0, 10.0, inf),
        client(5.0, 10.0, inf),
        client(6.0, 10.0, 3.0),
        client(25.0, 20.0, inf),
        client(26.0, 5.0, inf),
    ]
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-12
}

#[test]
fn serve_all_worked_day() {
    let (o, p90) = replay_with_p90(&worked_day(), &rules(30.0, 1, Closing::ServeAll));
    assert_eq!(
        (o.arrivals, o.served, o.reneged, o.balked, o.turned_away),
        (5, 4, 1, 0, 0)
    );
    // c4 starts at 45 after H (wait 19) and ends at 50.
    assert!(close(o.wait_mean_min.unwrap(), (0.0 + 5.0 + 0.0 + 19.0) / 4.0));
    // Waits sorted 0, 0, 5, 19: type 7 at 0.9 → h = 2.7 → 5 + 0.7 × 14 = 14.8.
    assert!(close(p90.unwrap(), 14.8));
    // Waiting: 1 on [5,6), 2 on [6,9), 1 on [9,10), 1 on [26,30) → area 12 over 30 min.
    assert!(close(o.queue_avg, 12.0 / 30.0));
    assert_eq!((o.queue_max, o.waiting_at_close, o.delayed), (2, 1, 3));
    // Busy inside [0,30): 10 + 10 + 5 = 25 of 30 clerk-minutes.
    assert!(close(o.utilisation, 25.0 / 30.0));
    assert!(close(o.overtime_min, 20.0));
    assert_eq!((o.uses, o.served_within_target), (4, 3));
    assert!(o.is_balanced());
}

#[test]
fn turn_away_worked_day() {
    let (o, p90) = replay_with_p90(&worked_day(), &rules(30.0, 1, Closing::TurnAway));
    assert_eq!((o.arrivals, o.served, o.reneged, o.turned_away), (5, 3, 1, 1));
    assert!(close(o.wait_mean_min.unwrap(), 5.0 / 3.0));
    // Waits 0, 0, 5: h = 1.8 → 0 + 0.8 × 5 = 4.
    assert!(close(p90.unwrap(), 4.0));
    assert!(
        close(o.queue_avg, 12.0 / 30.0),
        "the queue before H does not depend on the policy"
    );
    assert!(close(o.overtime_min, 15.0), "c3, in service at H, finishes at 45");
    assert!(o.is_balanced());
}

#[test]
fn last_entry_worked_day() {
    // No entry in the last 10 minutes: c3 (25) and c4 (26) are turned away at the door.
    let o = replay(&worked_day(), &rules(30.0, 1, Closing::LastEntry { minutes: 10.0 }));
    assert_eq!((o.arrivals, o.served, o.reneged, o.turned_away), (5, 2, 1, 2));
    // Waiting: 1 on [5,6), 2 on [6,9), 1 on [9,10) → area 8.
    assert!(close(o.queue_avg, 8.0 / 30.0));
    assert!(close(o.utilisation, 20.0 / 30.0));
    assert!(close(o.overtime_min, 0.0));
    assert!(o.is_balanced());
}

#[test]
fn balking_worked_day() {
    // c2 finds one person waiting (c1); with threshold 1 and probability 1 it balks.
    let mut r = rules(30.0, 1, Closing::ServeAll);
    r.balking = Some(Balking {
        threshold: 1,
        probability: 1.0,
    });
    let o = replay(&worked_day(), &r);
    assert_eq!((o.arrivals, o.served, o.reneged, o.balked), (5, 4, 0, 1));
    // Waiting: 1 on [5,10), 1 on [26,30) → area 9.
    assert!(close(o.queue_avg, 9.0 / 30.0));
}

#[test]
fn service_end_comes_before_an_arrival_at_the_same_instant() {
    let inf = f64::INFINITY;
    let day = [client(0.0, 10.0, inf), client(10.0, 5.0, inf)];
    let o = replay(&day, &rules(30.0, 1, Closing::ServeAll));
    assert_eq!(
        (o.delayed, o.queue_max),
        (0, 0),
        "the clerk is free when the second client arrives"
    );
    assert!(close(o.wait_mean_min.unwrap(), 0.0));
}

#[test]
fn service_end_comes_before_an_abandonment_at_the_same_instant() {
    let inf = f64::INFINITY;
    let day = [client(0.0, 10.0, inf), client(2.0, 5.0, 8.0)];
    let o = replay(&day, &rules(30.0, 1, Closing::ServeAll));
    assert_eq!(
        (o.served, o.reneged),
        (2, 0),
        "patience ends at 10, when the clerk frees up: served"
    );
    assert!(close(o.wait_mean_min.unwrap(), 4.0));
}

#[test]
fn serve_all_keeps_patience_running_after_closing() {
    let inf = f64::INFINITY;
    // c1 waits from 5; the door closes at 10; c0 ends at 20; c1 gives up at 5 + 12 = 17.
    let day = [client(0.0, 20.0, inf), client(5.0, 5.0, 12.0)];
    let o = replay(&day, &rules(10.0, 1, Closing::ServeAll));
    assert_eq!((o.served, o.reneged, o.waiting_at_close), (1, 1, 1));
    assert!(close(o.overtime_min, 10.0));
    assert!(close(o.utilisation, 1.0));
}

#[test]
fn nobody_served_gives_no_wait_figure() {
    let (o, p90) = replay_with_p90(&[], &rules(30.0, 1, Closing::ServeAll));
    assert_eq!(o.arrivals, 0);
    assert_eq!((o.wait_mean_min, p90), (None, None));
    assert!(close(o.utilisation, 0.0) && close(o.overtime_min, 0.0));
}

#[test]
fn trace_reports_every_client_once() {
    let mut trace = TraceObserver::default();
    let mut rng = StreamRng::seed_from_u64(0);
    Engine::new().run(
        &rules(30.0, 1, Closing::TurnAway),
        ReplayClients::new(&worked_day()),
        &mut rng,
        &mut trace,
    );
    let mut indices: Vec<u32> = trace.records.iter().map(|r| r.index).collect();
    indices.sort_unstable();
    assert_eq!(indices, vec![0, 1, 2, 3, 4]);
}

#[test]
fn accounting_identity_holds_in_every_replication() {
    let closings = [
        Closing::ServeAll,
        Closing::TurnAway,
        Closing::LastEntry { minutes: 30.0 },
    ];
    let mut engine = Engine::new();
    for (i, closing) in closings.into_iter().enumerate() {
        let stop = StopBuilder::new()
            .rate_per_hour(14.0)
            .errands(1.2)
            .exp_patience_min(25.0)
            .balking(3, 0.5)
            .closing(closing)
            .dispersion(2.0)
            .build();
        for replication in 0..2000 {
            let o = stop.simulate(
                &mut engine,
                StreamKey {
                    seed: i as u64,
                    stop: 0,
                    replication,
                },
            );
            assert!(o.is_balanced(), "{closing:?} replication {replication}: {o:?}");
            assert!(o.uses >= o.served, "every served client brings at least one errand");
        }
    }
}

#[test]
fn fixed_count_arrives_exactly() {
    let stop = StopBuilder::new()
        .pieces(&[(0.0, 10.0), (60.0, 2.0)])
        .fixed_count(17)
        .build();
    let mut engine = Engine::new();
    for replication in 0..500 {
        let o = stop.simulate(
            &mut engine,
            StreamKey {
                seed: 3,
                stop: 0,
                replication,
            },
        );
        assert_eq!(o.arrivals, 17);
    }
}

#[test]
fn over_dispersed_counts_have_negative_binomial_variance() {
    // Mean m = 6/h × 3 h = 18, shape k = 4: variance m + m²/k = 99 (Poisson would be 18).
    let stop = StopBuilder::new().dispersion(4.0).clerks(40).build();
    let mut engine = Engine::new();
    let mut acc = ablakbusz::stats::MeanAccumulator::default();
    let mut sq = ablakbusz::stats::MeanAccumulator::default();
    let n = 40_000;
    for replication in 0..n {
        let a = f64::from(
            stop.simulate(
                &mut engine,
                StreamKey {
                    seed: 5,
                    stop: 0,
                    replication,
                },
            )
            .arrivals,
        );
        acc.push(a);
        sq.push((a - 18.0).powi(2));
    }
    crate::builder::assert_within_ci("mean count", acc.estimate(), 18.0, 4.0);
    crate::builder::assert_within_ci("variance", sq.estimate(), 99.0, 4.0);
}

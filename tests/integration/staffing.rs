//! Staffing search: monotone in clerks under common random numbers; clear advice when targets fail.

use ablakbusz::experiment::StopMetric;
use ablakbusz::sim::{Closing, Duration, PreparedStop};
use ablakbusz::staffing::{SearchSettings, ServiceTargets, Verdict, evaluate, search_stop};

use crate::builder::StopBuilder;

fn settings() -> SearchSettings {
    SearchSettings {
        seed: 9,
        ..SearchSettings::default()
    }
}

#[test]
fn more_clerks_never_worsen_the_expected_figures() {
    for closing in [Closing::ServeAll, Closing::TurnAway] {
        let spec = StopBuilder::new()
            .rate_per_hour(9.0)
            .clerks(3)
            .exp_patience_min(30.0)
            .closing(closing)
            .spec();
        let answer = search_stop(&spec, 0, &ServiceTargets::default(), &settings()).unwrap();
        for pair in answer.candidates.windows(2) {
            let (few, more) = (&pair[0].summary, &pair[1].summary);
            let (pf, pm) = (&few.pooled, &more.pooled);
            assert!(
                pm.share_within_target.mean >= pf.share_within_target.mean,
                "{closing:?}: share within wait"
            );
            assert!(pm.lost_share.mean <= pf.lost_share.mean, "{closing:?}: lost share");
            assert!(pm.wait_mean_min.mean <= pf.wait_mean_min.mean, "{closing:?}: mean wait");
            // Overtime is left out here: with patience it is not monotone in clerks. Under turn_away more
            // clients are still in service at closing with more clerks, and the last of them finishes
            // later; under serve_all a client who gives up with c clerks may be served with c + 1 and
            // finish after the last service end of c. Without patience it is monotone (next test).
            let metrics = [StopMetric::QueueAvg, StopMetric::TurnedAway, StopMetric::Reneged];
            for metric in metrics {
                let (a, b) = (few.get(metric).mean, more.get(metric).mean);
                assert!(
                    b <= a,
                    "{closing:?}: {metric:?} rose from {a} to {b} with clerks {}",
                    pair[1].clerks
                );
            }
        }
    }
}

/// Without patience or balking, under serve_all, every client of a replication starts no later with
/// one more clerk (the same arrivals and desk times: common random numbers; a FIFO queue's start times
/// fall pathwise with one more server, Kiefer and Wolfowitz 1955), so the last
/// service end, hence the overtime, of every replication cannot rise: neither can its mean over the
/// same replications. Candidates decided at different looks average different replications, so only
/// neighbours with as many replications are compared.
#[test]
fn without_patience_more_clerks_never_lengthen_the_overtime() {
    let spec = StopBuilder::new().rate_per_hour(9.0).clerks(3).spec();
    let answer = search_stop(&spec, 0, &ServiceTargets::default(), &settings()).unwrap();
    let comparable: Vec<_> = answer
        .candidates
        .windows(2)
        .filter(|pair| pair[0].replications == pair[1].replications)
        .collect();
    assert!(
        !comparable.is_empty(),
        "no two neighbouring candidates share their replications"
    );
    for pair in comparable {
        let few = pair[0].summary.get(StopMetric::Overtime).mean;
        let more = pair[1].summary.get(StopMetric::Overtime).mean;
        assert!(
            more <= few,
            "overtime rose from {few} to {more} min with {} clerks",
            pair[1].clerks
        );
    }
}

#[test]
fn answer_is_the_first_candidate_meeting_all_targets() {
    let spec = StopBuilder::new().rate_per_hour(7.0).clerks(3).spec();
    let answer = search_stop(&spec, 0, &ServiceTargets::default(), &settings()).unwrap();
    let needed = answer.clerks_needed.expect("3 desks suffice for 7 clients/h of 15 min");
    for c in &answer.candidates {
        assert_eq!(c.verdict, Verdict::combine(&c.checks));
        if c.clerks < needed {
            assert_ne!(
                c.verdict,
                Verdict::Meets,
                "{} clerks already meet the targets",
                c.clerks
            );
        }
    }
    let answer_candidate = &answer.candidates[needed as usize - 1];
    assert!(
        answer_candidate
            .checks
            .iter()
            .all(|c| c.verdict == Verdict::Meets && c.met)
    );
}

#[test]
fn unmeetable_targets_say_which_target_fails_and_what_would_fix_it() {
    // 20 clients/h of 15 min need 5+ clerks; the vehicle has 2 desks.
    let spec = StopBuilder::new()
        .rate_per_hour(20.0)
        .clerks(2)
        .closing(Closing::TurnAway)
        .spec();
    let answer = search_stop(&spec, 0, &ServiceTargets::default(), &settings()).unwrap();
    assert_eq!(answer.clerks_needed, None);
    let advice = ablakbusz::report::staffing_advice(ablakbusz::report::lang::Lang::En, &answer)
        .unwrap()
        .expect("advice when targets cannot be met");
    assert!(
        advice.contains("lost_share") || advice.contains("share_within_wait"),
        "{advice}"
    );
    assert!(advice.contains("desks") || advice.contains("dwell"), "{advice}");
}

#[test]
fn demand_driven_dwell_is_the_shortest_meeting_the_targets() {
    use ablakbusz::staffing::{DwellRange, search_dwell};
    // A fixed pool of 12 expected clients per visit (15 min each, one clerk): a longer stay spreads them.
    let spec_for = |dwell_min: f64| {
        Ok(StopBuilder::new()
            .dwell_hours(dwell_min / 60.0)
            .rate_per_hour(12.0 * 60.0 / dwell_min)
            .clerks(1)
            .spec())
    };
    let range = DwellRange {
        shortest_min: 120.0,
        longest_min: 600.0,
        step_min: 30.0,
    };
    let answer = search_dwell(spec_for, 0, &range, &ServiceTargets::default(), &settings()).unwrap();
    let dwell = answer.dwell_min.expect("ten hours are enough for 3 hours of work");
    for c in &answer.candidates {
        assert!(
            (c.arrivals_mean - 12.0).abs() < 0.5,
            "the pool does not grow with the dwell"
        );
        // Spreading a fixed pool over more hours only helps: the search stops at the first that meets.
        assert_eq!(
            c.verdict == Verdict::Meets,
            c.dwell_min == dwell,
            "dwell {} min",
            c.dwell_min
        );
    }
    assert_eq!(answer.candidates.last().map(|c| c.dwell_min), Some(dwell));
    assert!(
        dwell > 180.0,
        "one clerk needs more than the 3 hours of work: got {dwell} min"
    );
}

#[test]
fn long_dwell_agrees_with_the_erlang_c_staffing_answer() {
    use ablakbusz::theory::min_clerks_for_service_level;
    // Steady state (200 h, no patience): the simulated answer for "80 % within 20 min" must be the
    // Erlang C answer. Loads chosen so that the Erlang C answer is not borderline.
    let targets = ServiceTargets {
        max_lost_share: None,
        max_mean_overtime_min: None,
        ..ServiceTargets::default()
    };
    for (rate_per_hour, service_min) in [(6.0, 15.0), (10.0, 12.0), (14.0, 9.0)] {
        let erlang = min_clerks_for_service_level(rate_per_hour / 60.0, 1.0 / service_min, 20.0, 0.8).unwrap();
        let spec = StopBuilder::new()
            .dwell_hours(200.0)
            .rate_per_hour(rate_per_hour)
            .exp_service_min(service_min)
            .clerks(4)
            .spec();
        let quick = SearchSettings {
            min_replications: 20,
            max_replications: 20,
            ..settings()
        };
        let answer = search_stop(&spec, 0, &targets, &quick).unwrap();
        assert_eq!(
            answer.clerks_needed,
            Some(erlang),
            "λ = {rate_per_hour}/h, {service_min} min"
        );
    }
}

#[test]
fn finite_horizon_staffing_agrees_with_the_exact_chain() {
    use ablakbusz::theory::{FiniteHorizon, FiniteHorizonInput};
    // A 3-hour stop with exponential service: the exact CTMC share within 20 min for each c, and the
    // fewest c meeting 80 %, must match the simulation's answer.
    let (rate_per_hour, service_min) = (8.0, 15.0);
    let exact_needed = (1..=4)
        .find(|&clerks| {
            let r = FiniteHorizon::solve(&FiniteHorizonInput {
                arrival_rate: rate_per_hour / 60.0,
                service_rate: 1.0 / service_min,
                clerks,
                horizon: 180.0,
                closing: Closing::ServeAll,
                wait_limit: Some(20.0),
            })
            .unwrap();
            r.expected_served_within_wait_limit.unwrap() / r.expected_served >= 0.8
        })
        .unwrap();
    let targets = ServiceTargets {
        max_lost_share: None,
        max_mean_overtime_min: None,
        ..ServiceTargets::default()
    };
    let spec = StopBuilder::new().rate_per_hour(rate_per_hour).clerks(4).spec();
    let answer = search_stop(&spec, 0, &targets, &settings()).unwrap();
    assert_eq!(answer.clerks_needed, Some(exact_needed));
}

#[test]
fn a_stop_exactly_on_its_target_is_too_close_to_call() {
    // Opens empty, λ = 6/h, 15 min, c = 2, H = 3 h, turn_away: the exact chain gives the lost share,
    // and the only target is set exactly there. Whatever the replications, the interval straddles it.
    let exact = crate::builder::turn_away_reference_chain(None);
    let arrivals = 6.0 * 3.0;
    let targets = ServiceTargets {
        min_share_within_wait: None,
        max_lost_share: Some(exact.expected_turned_away / arrivals),
        max_mean_overtime_min: None,
        max_mean_queue: None,
        ..ServiceTargets::default()
    };
    let spec = StopBuilder::new()
        .dwell_hours(3.0)
        .clerks(2)
        .closing(Closing::TurnAway)
        .spec();
    let settings = settings();
    let on_target = ablakbusz::staffing::evaluate(
        &ablakbusz::sim::PreparedStop::new(&spec).unwrap(),
        0,
        &targets,
        &settings,
    );
    assert_eq!(on_target.verdict, Verdict::TooClose);
    assert_eq!(on_target.replications, settings.max_replications, "ran to the cap");
    // As a search within 2 desks: no answer, and the advice says too close to call, not failing.
    let within_desks = SearchSettings {
        beyond_desks: 0,
        ..settings
    };
    let answer = search_stop(&spec, 0, &targets, &within_desks).unwrap();
    assert_eq!(answer.clerks_needed, None);
    assert_eq!(answer.too_close_clerks, Some(2));
    let advice = ablakbusz::report::staffing_advice(ablakbusz::report::lang::Lang::En, &answer)
        .unwrap()
        .expect("advice without an answer");
    assert!(advice.contains("too close to call against the target"), "{advice}");
}

#[test]
fn a_stop_far_from_every_target_is_decided_in_the_first_batch() {
    let settings = settings();
    let quiet = StopBuilder::new().rate_per_hour(2.0).clerks(3).spec();
    let answer = search_stop(&quiet, 0, &ServiceTargets::default(), &settings).unwrap();
    let three = &answer.candidates[2];
    assert_eq!(three.verdict, Verdict::Meets);
    assert_eq!(three.replications, settings.min_replications);
    let busy = StopBuilder::new()
        .rate_per_hour(20.0)
        .clerks(1)
        .closing(Closing::TurnAway)
        .spec();
    let answer = search_stop(&busy, 0, &ServiceTargets::default(), &settings).unwrap();
    assert_eq!(answer.candidates[0].verdict, Verdict::Fails);
    assert_eq!(answer.candidates[0].replications, settings.min_replications);
}

/// The search draws each replication's clients once and replays them to every candidate still
/// undecided; every candidate must come out exactly as when simulated on its own (`evaluate`, which
/// draws its own clients): same summary bit for bit, same checks, verdict and replications.
#[test]
fn shared_clients_give_every_candidate_its_own_evaluation() {
    let stops = [
        StopBuilder::new().rate_per_hour(9.0).clerks(2),
        StopBuilder::new()
            .rate_per_hour(12.0)
            .clerks(3)
            .exp_patience_min(20.0)
            .closing(Closing::TurnAway),
        StopBuilder::new()
            .pieces(&[(0.0, 4.0), (90.0, 14.0)])
            .clerks(2)
            .balking(3, 0.4)
            .closing(Closing::LastEntry { minutes: 30.0 }),
        StopBuilder::new()
            .fixed_count(30)
            .errands(1.6)
            .clerks(2)
            .exp_patience_min(45.0),
        StopBuilder::new()
            .rate_per_hour(8.0)
            .dispersion(2.0)
            .service(Duration::LogNormal {
                mean_min: 12.0,
                cv: 0.6,
            })
            .clerks(1),
        // A stop on the edge of the targets, so that some candidates need many looks.
        StopBuilder::new().rate_per_hour(7.2).clerks(2).exp_service_min(12.0),
        StopBuilder::new().rate_per_hour(0.0).clerks(1),
    ];
    let targets = ServiceTargets::default();
    let settings = SearchSettings {
        max_replications: 3_200,
        ..settings()
    };
    for (stream_stop, builder) in (0_u64..).zip(&stops) {
        let spec = builder.spec();
        let answer = search_stop(&spec, stream_stop, &targets, &settings).unwrap();
        assert_eq!(answer.candidates.len(), spec.desks as usize + 2);
        for candidate in &answer.candidates {
            let mut alone = spec.clone();
            alone.wait_target_min = targets.wait_limit_min;
            alone.clerks = candidate.clerks;
            alone.desks = spec.desks.max(candidate.clerks);
            let e = evaluate(&PreparedStop::new(&alone).unwrap(), stream_stop, &targets, &settings);
            let what = format!("stop {stream_stop}, {} clerks", candidate.clerks);
            // Debug text prints every f64 exactly (shortest round trip) and a NaN equal to a NaN
            // (a stop nobody visits has no wait figures).
            assert_eq!(
                format!("{:?}", candidate.summary),
                format!("{:?}", e.summary),
                "{what}: summary"
            );
            assert_eq!(
                format!("{:?}", candidate.checks),
                format!("{:?}", e.checks),
                "{what}: checks"
            );
            assert_eq!(candidate.verdict, e.verdict, "{what}: verdict");
            assert_eq!(candidate.replications, e.replications, "{what}: replications");
        }
    }
}

/// Policies that give a stop the same spec reuse its search, and the searches take the
/// candidates the demand-driven dwell search already evaluated on the same streams; every season's
/// rows must be those of searching that season on its own, from nothing (the 2020 plan's three
/// policies repeat many stops, and its demand-driven season's dwells were all evaluated).
#[test]
fn reused_searches_give_the_rows_of_each_season_searched_alone() {
    let text = ablakbusz::scenario::ScenarioText::embedded_default().parse();
    let base = text.resolve(None).unwrap();
    let settings = SearchSettings {
        max_replications: 800,
        ..settings()
    };
    let (policies, known) = ablakbusz::study::policy_seasons_known(&text, &base, &settings).unwrap();
    assert!(!known.is_empty(), "the dwell search leaves evaluations to reuse");
    let seasons: Vec<(&str, &ablakbusz::scenario::Season)> =
        policies.iter().map(|p| (p.name.as_str(), &p.season)).collect();
    let together = ablakbusz::study::staffing_rows_of_seasons_known(
        &seasons,
        &base.targets,
        &settings,
        &ablakbusz::study::Silent,
        &known,
    )
    .unwrap();
    assert_eq!(together.len(), seasons.len());
    for ((policy, season), rows) in seasons.iter().zip(&together) {
        let alone = ablakbusz::study::staffing_rows(policy, season, &base.targets, &settings).unwrap();
        assert_eq!(format!("{rows:?}"), format!("{alone:?}"), "{policy}");
    }
}

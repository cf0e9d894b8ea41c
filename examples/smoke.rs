use ablakbusz::sim::*;
fn main() {
    let dwell = 2000.0 * 60.0;
    let spec = StopSpec {
        dwell_min: dwell,
        arrivals: Arrivals::Poisson {
            profile: RateProfile::flat(6.0, dwell).unwrap(),
            dispersion_shape: None,
        },
        errands_per_client: 1.0,
        case_mix: vec![ErrandType {
            name: "x".into(),
            weight: 1.0,
            service: Duration::Exponential { mean_min: 15.0 },
            information_only: false,
        }],
        clerks: 2,
        desks: 2,
        patience: Patience::Unlimited,
        balking: None,
        closing: Closing::ServeAll,
        wait_target_min: 0.0,
    };
    let p = PreparedStop::new(&spec).unwrap();
    let mut e = Engine::new();
    let t = std::time::Instant::now();
    let mut n = 0u64;
    for r in 0..20 {
        let o = p.simulate(
            &mut e,
            StreamKey {
                seed: 1,
                stop: 0,
                replication: r,
            },
        );
        n += o.arrivals as u64;
        println!(
            "{} pwait {:.4} wait_h {:.4} util {:.4} q {:.4} bal {}",
            o.arrivals,
            o.delayed as f64 / o.arrivals as f64,
            o.wait_mean_min.unwrap() / 60.0,
            o.utilisation,
            o.queue_avg,
            o.is_balanced()
        );
    }
    println!("{:.2} M clients/s", n as f64 / t.elapsed().as_secs_f64() / 1e6);
}

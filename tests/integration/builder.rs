//! A small builder for stop descriptions, so that each test states only what it is about.

use ablakbusz::experiment::{RunSettings, SeasonModel, SeasonResults, run_season};
use ablakbusz::sim::{Arrivals, Balking, Closing, Duration, ErrandType, Patience, PreparedStop, RateProfile, StopSpec};

/// Builds a [`StopSpec`]; defaults: flat 6 clients/h, exponential 15-min service, 2 clerks, 2 desks,
/// one errand per client, no patience limit, no balking, `serve_all`, 3-hour dwell, 20-min target.
pub(crate) struct StopBuilder {
    dwell_min: f64,
    pieces_per_hour: Vec<(f64, f64)>,
    fixed_count: Option<u32>,
    dispersion_shape: Option<f64>,
    service: Duration,
    errands_per_client: f64,
    clerks: u32,
    desks: u32,
    patience: Patience,
    balking: Option<Balking>,
    closing: Closing,
}

impl StopBuilder {
    pub(crate) fn new() -> Self {
        Self {
            dwell_min: 180.0,
            pieces_per_hour: vec![(0.0, 6.0)],
            fixed_count: None,
            dispersion_shape: None,
            service: Duration::Exponential { mean_min: 15.0 },
            errands_per_client: 1.0,
            clerks: 2,
            desks: 2,
            patience: Patience::Unlimited,
            balking: None,
            closing: Closing::ServeAll,
        }
    }
    pub(crate) fn dwell_hours(mut self, hours: f64) -> Self {
        self.dwell_min = hours * 60.0;
        self
    }
    pub(crate) fn rate_per_hour(mut self, rate: f64) -> Self {
        self.pieces_per_hour = vec![(0.0, rate)];
        self
    }
    /// Piecewise rates: (start minute, clients per hour).
    pub(crate) fn pieces(mut self, pieces: &[(f64, f64)]) -> Self {
        self.pieces_per_hour = pieces.to_vec();
        self
    }
    pub(crate) fn fixed_count(mut self, clients: u32) -> Self {
        self.fixed_count = Some(clients);
        self
    }
    pub(crate) fn dispersion(mut self, shape: f64) -> Self {
        self.dispersion_shape = Some(shape);
        self
    }
    pub(crate) fn service(mut self, service: Duration) -> Self {
        self.service = service;
        self
    }
    pub(crate) fn exp_service_min(self, mean_min: f64) -> Self {
        self.service(Duration::Exponential { mean_min })
    }
    pub(crate) fn errands(mut self, per_client: f64) -> Self {
        self.errands_per_client = per_client;
        self
    }
    pub(crate) fn clerks(mut self, clerks: u32) -> Self {
        self.clerks = clerks;
        self.desks = self.desks.max(clerks);
        self
    }
    pub(crate) fn exp_patience_min(mut self, mean_min: f64) -> Self {
        self.patience = Patience::Limited(Duration::Exponential { mean_min });
        self
    }
    pub(crate) fn balking(mut self, threshold: u32, probability: f64) -> Self {
        self.balking = Some(Balking { threshold, probability });
        self
    }
    pub(crate) fn closing(mut self, closing: Closing) -> Self {
        self.closing = closing;
        self
    }

    pub(crate) fn spec(&self) -> StopSpec {
        let profile = RateProfile::from_hourly_pieces(&self.pieces_per_hour, self.dwell_min).expect("valid profile");
        let arrivals = match self.fixed_count {
            Some(clients) => Arrivals::Count { profile, clients },
            None => Arrivals::Poisson {
                profile,
                dispersion_shape: self.dispersion_shape,
            },
        };
        StopSpec {
            dwell_min: self.dwell_min,
            arrivals,
            errands_per_client: self.errands_per_client,
            case_mix: vec![ErrandType {
                name: "case".into(),
                weight: 1.0,
                service: self.service,
                information_only: false,
            }],
            clerks: self.clerks,
            desks: self.desks,
            patience: self.patience,
            balking: self.balking,
            closing: self.closing,
            wait_target_min: 20.0,
        }
    }

    pub(crate) fn build(&self) -> PreparedStop {
        PreparedStop::new(&self.spec()).expect("valid stop")
    }

    /// Replicates this one stop as a season of one stop.
    pub(crate) fn replicate(&self, replications: u32, seed: u64) -> SeasonResults {
        let model = SeasonModel {
            stops: vec![self.build()],
            groupings: vec![],
        };
        let settings = RunSettings {
            replications,
            seed,
            threads: None,
        };
        run_season(&model, &settings, &|_| {}).expect("run")
    }
}

/// Asserts `estimate` is within `sigmas` standard errors (`ci95 / t ≈ 1.96` → SE) of `theory`.
pub(crate) fn assert_within_ci(what: &str, estimate: ablakbusz::stats::Estimate, theory: f64, sigmas: f64) {
    let se = estimate.ci95 / ablakbusz::stats::t_quantile(estimate.n);
    let gap = (estimate.mean - theory).abs();
    assert!(
        gap <= sigmas * se,
        "{what}: simulated {:.6} ± {:.6} (95 %), theory {theory:.6}: off by {:.2} standard errors",
        estimate.mean,
        estimate.ci95,
        gap / se
    );
}

/// The exact chain of the reference finite-horizon stop (rates per minute): opens empty, λ = 6/h,
/// exponential 15-min service, c = 2, H = 3 h, `turn_away`; `wait_limit`, minutes, for the share
/// served within it. The simulated counterpart is `StopBuilder::new().dwell_hours(3.0).closing(Closing::TurnAway)`.
pub(crate) fn turn_away_reference_chain(wait_limit: Option<f64>) -> ablakbusz::theory::FiniteHorizonResult {
    ablakbusz::theory::FiniteHorizon::solve(&ablakbusz::theory::FiniteHorizonInput {
        arrival_rate: 6.0 / 60.0,
        service_rate: 1.0 / 15.0,
        clerks: 2,
        horizon: 180.0,
        closing: Closing::TurnAway,
        wait_limit,
    })
    .expect("the reference chain solves")
}

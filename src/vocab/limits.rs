//! Ceilings on every quantity that drives work or memory, each with its reason, checked when input is read.
//!
//! A ceiling is generous: ten to a hundred times the largest real case (the 2019 bus: about 15
//! clients a stop, 2 desks, 196 stops a season; the 2020 plan: 200 stops, 200 replications, run in
//! under a second). It exists so that `check` refuses what `run` could not finish on an ordinary
//! computer, instead of the run growing memory until it aborts. The README's "Limits" section lists
//! them; changing one here changes the messages and that list.

/// Expected clients of one stop, clients. The 2019 bus saw about 15 a stop and its busiest days a
/// few dozen; 2,000 is over 100 times a 2019 stop and keeps one stop-day's clients (the engine
/// holds them all in memory) to a few hundred kilobytes.
pub const MAX_EXPECTED_CLIENTS_PER_STOP: f64 = 2_000.0;
/// Most clients one simulated stop-day can draw: 100 × [`MAX_EXPECTED_CLIENTS_PER_STOP`], so the
/// engine's memory per stop-day is bounded by a ceiling, not by luck (about 5 MB of clients). An
/// over-dispersed day (day factor Gamma(k, 1/k)) reaches 100 times its mean with a probability of
/// 5.5 × 10⁻⁷ at the smallest shape allowed ([`MIN_DISPERSION_SHAPE`], 0.1) and 3.7 × 10⁻⁴⁴ at
/// k = 1, so the cut changes no realistic result; a real stop brings a few dozen clients.
pub const MAX_DRAWN_CLIENTS_PER_DAY: u32 = 200_000;

/// Mean arrival rate of a stop, clients per hour. Two clerks serve about 12 clients an hour; 1,000
/// an hour is far beyond any queue a bus could hold, and at most a few hours of it reach
/// [`MAX_EXPECTED_CLIENTS_PER_STOP`].
pub const MAX_ARRIVAL_RATE_PER_HOUR: f64 = 1_000.0;

/// Desks (and so clerks) of the bus. The bus has 2; 50 is a large permanent office. The staffing
/// search simulates every clerk count up to the desks.
pub const MAX_DESKS: u32 = 50;

/// Stops in one season. 2019 had 196 and the 2020 plan has 200; 50,000 is a visit to every
/// Hungarian settlement (about 3,150) more than 15 times.
pub const MAX_STOPS_PER_SEASON: usize = 50_000;

/// Replications of a season.
pub const MAX_REPLICATIONS: u32 = 100_000;

/// Simulated stop-days of one run: replications × stops. The 2020 plan's default run is 200 × 200
/// = 40,000 stop-days in well under a second; 20 million is 500 times that, a few minutes on two
/// cores (measured: the 2020 plan with 20,000 replications, 4 million stop-days, 46 s on two busy
/// cores).
pub const MAX_STOP_DAYS: u64 = 20_000_000;

/// Simulated clients of one run: replications × the season's expected clients. The 2020 plan's
/// default run simulates about 600,000 clients in a fraction of a second; about 1.3 million clients
/// a second were measured on two busy cores, so 1,000,000,000 is the order of ten minutes.
pub const MAX_SIMULATED_CLIENTS: f64 = 1.0e9;

/// Dwells tried by one demand-driven policy: (longest − shortest) ÷ step + 1. The default tries 7
/// (2–5 h in 30-minute steps); a one-minute step over a whole day is 1,441, so 2,000 refuses only
/// steps finer than a minute over a day.
pub const MAX_SEARCH_STEPS: f64 = 2_000.0;

/// Worker threads. Machines rarely have more than a few hundred cores; beyond that the threads
/// only cost time to start.
pub const MAX_THREADS: usize = 1_024;

/// Size of a scenario file, bytes. The largest shipped scenario is a few kilobytes; 16 MiB is
/// thousands of times that and still a moment to parse.
pub const MAX_SCENARIO_BYTES: u64 = 16 * 1024 * 1024;

/// Size of a CSV input (settlements, stops, stop log, replay day), bytes. The county's settlement
/// table is about 10 kB; a stops CSV of [`MAX_STOPS_PER_SEASON`] rows is about 3 MB; 64 MiB leaves
/// room for a long stop log.
pub const MAX_CSV_BYTES: u64 = 64 * 1024 * 1024;

/// Shortest dwell of a stop, minutes: one minute. A shorter stop serves nobody, and a dwell of
/// 1e-300 hours would run as a stop of zero minutes.
pub const MIN_DWELL_MIN: f64 = 1.0;

/// Longest mean desk time of one errand, minutes: ten hours, fifty times the longest 2019 case
/// (about 12 minutes). Beyond it no client of a stop could be served at all.
pub const MAX_SERVICE_MEAN_MIN: f64 = 600.0;

/// Longest mean patience, minutes: one day. Clients who never give up are written
/// `distribution = "none"`.
pub const MAX_PATIENCE_MEAN_MIN: f64 = 1_440.0;

/// Largest coefficient of variation of a desk time or a patience. Real desk times have about 0.5–1;
/// beyond 10 the lognormal's mean rests on draws of one in millions.
pub const MAX_CV: f64 = 10.0;

/// Most errands a client brings on average: 20, against 1.2 in 2019.
pub const MAX_ERRANDS_PER_CLIENT: f64 = 20.0;

/// Largest venue or month multiplier of demand: 100 (the shipped multipliers are 0.2–1.5).
pub const MAX_DEMAND_MULTIPLIER: f64 = 100.0;

/// Largest |distance_coef_per_km|, per km: 0.5 (the default is 0.02). At 0.5, a settlement 30 km
/// from an office already has e^15 ≈ 3 million times the demand of one next to it.
pub const MAX_DISTANCE_COEF_PER_KM: f64 = 0.5;

/// Smallest negative-binomial shape k of a stop's count: 0.1 (the 2020 plan has 5). With a smaller
/// k one stop-day in a million would draw thousands of times its expected clients, so the engine's
/// memory would be bounded by luck, not by [`MAX_EXPECTED_CLIENTS_PER_STOP`].
pub const MIN_DISPERSION_SHAPE: f64 = 0.1;

/// Most visits of one settlement a generated season may ask for: one a day for a year.
pub const MAX_VISITS_PER_SETTLEMENT: u32 = 366;

/// Longest generated season, days: ten years.
pub const MAX_GENERATED_DAYS: i32 = 3_660;

/// Fewest replications: two, the fewest that give a confidence interval (a floor, not a ceiling).
pub const MIN_REPLICATIONS: u32 = 2;

/// Largest count of one visit in a stop log (clients, cases, information contacts): 100,000, fifty
/// times [`MAX_EXPECTED_CLIENTS_PER_STOP`]; a 2019 visit had a few dozen.
pub const MAX_LOGGED_COUNT: u64 = 100_000;

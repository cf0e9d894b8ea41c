//! Default values of the scenario keys, with where each comes from (see also the scenario format in the README).

use crate::sim::{Duration, ErrandType};

/// Replications of the season when `simulation.replications` is absent: enough for confidence
/// intervals of a few per cent on season totals, fast in release builds.
pub(super) const DEFAULT_REPLICATIONS: u32 = 200;
/// Seed when `simulation.seed` is absent.
pub(super) const DEFAULT_SEED: u64 = 1;
/// Fewest replications that give a confidence interval.
pub(super) const MIN_REPLICATIONS: u32 = crate::vocab::limits::MIN_REPLICATIONS;

/// Workstations on the bus: 2 (DESIGN §2; the Vas and Heves buses: one document desk and one
/// kormányablak desk).
pub(super) const DEFAULT_DESKS: u32 = 2;
/// Clerks on duty: one per desk.
pub(super) const DEFAULT_CLERKS: u32 = 2;
/// Wait target, minutes: the national average wait in government windows is about 20 minutes
/// (DESIGN §2), a natural "no worse than a permanent office" target.
pub(super) const DEFAULT_WAIT_TARGET_MIN: f64 = crate::staffing::NATIONAL_AVERAGE_WAIT_MIN;

/// Mean errands per client: the second 2019 tour had about 1,200 uses (800 cases + 400
/// information) from about 1,000 clients (DESIGN §2).
pub(super) const DEFAULT_ERRANDS_PER_CLIENT: f64 = 1.2;

/// Coefficient of variation of document-case desk times. Assumption: lognormal with CV 0.5, a
/// common shape for administrative service times; no Hungarian per-case data are public.
const DOCUMENT_CV: f64 = 0.5;
/// Coefficient of variation of information-only contacts: more variable (a quick answer or a long
/// explanation). Assumption.
const INFORMATION_CV: f64 = 0.8;

/// The default case mix: the case types the Bács-Kiskun bus offered in 2019 (DESIGN §2).
///
/// Shares are of errands. Information only is 1/3 (400 of about 1,200 uses in the second 2019
/// tour). The split of the other 2/3 and every mean desk time are **assumptions**: national
/// figures give only the average, 8–9 minutes per case; these means average 10.4 minutes over
/// document cases and 8.3 minutes over all errands including information (4 minutes).
pub fn default_case_mix() -> Vec<ErrandType> {
    let case = |name: &str, weight: f64, mean_min: f64| ErrandType {
        name: name.into(),
        weight,
        service: Duration::LogNormal {
            mean_min,
            cv: DOCUMENT_CV,
        },
        information_only: false,
    };
    vec![
        // Photo, fingerprints and signature are taken on the bus: the longest common case.
        case("id_card", 0.20, 12.0),
        case("address_card", 0.10, 6.0),
        case("student_card", 0.03, 8.0),
        // Parking card for the disabled: medical papers to check.
        case("parking_card", 0.02, 12.0),
        case("passport", 0.08, 14.0),
        case("driving_licence", 0.12, 10.0),
        // KAB: social administration and health insurance.
        case("social_health_insurance", 0.12, 10.0),
        ErrandType {
            name: "information".into(),
            weight: 0.33,
            service: Duration::LogNormal {
                mean_min: 4.0,
                cv: INFORMATION_CV,
            },
            information_only: true,
        },
    ]
}

/// Defaults of `[season.generate]` (the itinerary generator's own defaults, see `crate::plan`).
pub(super) mod generate {
    use crate::plan;

    /// The bus leaves the depot, minutes after midnight: 8:00.
    pub(crate) const DAY_START_MIN: u32 = plan::DEFAULT_WINDOW_START_MIN;
    /// The bus is back at the depot, minutes after midnight: 16:00.
    pub(crate) const DAY_END_MIN: u32 = plan::DEFAULT_WINDOW_END_MIN;
    /// Depot: Kecskemét, the county seat and seat of the county government office.
    pub(crate) const DEPOT: &str = plan::DEFAULT_DEPOT_NAME;
    /// Road distance ÷ straight-line distance (1.3, see `plan::DEFAULT_ROAD_FACTOR`).
    pub(crate) const ROAD_FACTOR: f64 = plan::DEFAULT_ROAD_FACTOR;
    /// Average bus speed on the road, km/h (50, see `plan::DEFAULT_SPEED_KMH`).
    pub(crate) const SPEED_KMH: f64 = plan::DEFAULT_SPEED_KMH;
    /// Set-up before the door opens and pack-up after it closes, minutes.
    pub(crate) const SETUP_MIN: u32 = plan::DEFAULT_SETUP_MIN;
    pub(crate) const PACKUP_MIN: u32 = plan::DEFAULT_PACKUP_MIN;
    /// Visits of each selected settlement in the date range.
    pub(crate) const VISITS_PER_SETTLEMENT: u32 = 1;
    /// Fewest days between two visits of the same settlement: the bus returns about every two
    /// weeks to monthly (DESIGN §2).
    pub(crate) const MIN_DAYS_BETWEEN_VISITS: u32 = plan::DEFAULT_MIN_GAP_DAYS;
    /// Most stops in one day: 2–3 stops a day elsewhere (DESIGN §2).
    pub(crate) const MAX_STOPS_PER_DAY: u32 = plan::DEFAULT_MAX_STOPS_PER_DAY;
    /// Grid of opening times, minutes (15: quarter hours, see `plan::DEFAULT_OPENING_GRID_MIN`).
    pub(crate) const OPENING_GRID_MIN: u32 = plan::DEFAULT_OPENING_GRID_MIN;
    /// No door opens before 08:00 (minutes after midnight, see `plan::DEFAULT_EARLIEST_OPENING_MIN`).
    pub(crate) const EARLIEST_OPENING_MIN: u32 = plan::DEFAULT_EARLIEST_OPENING_MIN;
    /// Seed of the optimiser's random numbers.
    pub(crate) const PLANNER_SEED: u64 = plan::DEFAULT_PLANNER_SEED;
    /// The 2019 practice of 2–5 hours by settlement size (DESIGN §2) as `(minimum population,
    /// hours)`; the thresholds are an assumption (no public list). With the embedded table they
    /// give 30, 50, 19 and 1 of the 100 settlements without an office 2, 3, 4 and 5 hours.
    pub(crate) const DWELL_BY_SIZE: [(u32, f64); 4] = [(0, 2.0), (1_000, 3.0), (2_500, 4.0), (5_000, 5.0)];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_case_mix_matches_the_documented_averages() {
        let mix = default_case_mix();
        let total: f64 = mix.iter().map(|e| e.weight).sum();
        assert!((total - 1.0).abs() < 1e-12);
        let info: f64 = mix.iter().filter(|e| e.information_only).map(|e| e.weight).sum();
        assert!((info - 0.33).abs() < 1e-12);
        // Hand sum: (0.2·12 + 0.1·6 + 0.03·8 + 0.02·12 + 0.08·14 + 0.12·10 + 0.12·10) = 7.0 over
        // 0.67 of errands → 10.45 min per document case; with 0.33·4 = 1.32 → 8.32 min per errand.
        let docs: f64 = mix
            .iter()
            .filter(|e| !e.information_only)
            .map(|e| e.weight * e.service.mean_min())
            .sum();
        assert!((docs - 7.0).abs() < 1e-12);
        let all: f64 = mix.iter().map(|e| e.weight * e.service.mean_min()).sum();
        assert!((all - 8.32).abs() < 1e-12, "{all}");
    }
}

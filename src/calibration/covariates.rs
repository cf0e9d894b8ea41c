//! The demand regression's covariates for a stop log: standard column names and the design built from stops.

use super::{Design, FitError};
use crate::vocab::Venue;

/// Column of ones; exp(intercept) is the mean at ln population = ln dwell = distance = 0, municipality.
pub const INTERCEPT: &str = "intercept";
/// ln(resident population of the settlement); its coefficient is the population elasticity.
pub const LN_POPULATION: &str = "ln_population";
/// ln(dwell, hours); its coefficient is the dwell exponent (0: fixed pool per visit, 1: proportional to hours).
pub const LN_DWELL_HOURS: &str = "ln_dwell_hours";
/// Straight-line distance to the nearest permanent government window, km; coefficient per km on the log scale.
pub const DISTANCE_KM: &str = "distance_km";
/// Venue indicator columns are this prefix plus [`Venue::as_str`]; municipality is the reference (no column).
pub const VENUE_PREFIX: &str = "venue_";

/// The reference venue: base_rate is defined there.
pub const REFERENCE_VENUE: Venue = Venue::Municipality;

/// The column name of a venue's indicator.
pub fn venue_column(venue: Venue) -> String {
    format!("{VENUE_PREFIX}{}", venue.as_str())
}

/// What the regression knows about one stop (one line of a stop log).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StopCovariates {
    /// Resident population of the settlement (persons, > 0).
    pub population: f64,
    /// Dwell of the visit, hours (> 0).
    pub dwell_hours: f64,
    /// Distance from the settlement to the nearest permanent government window, km (≥ 0).
    pub distance_km: f64,
    pub venue: Venue,
}

/// Which terms beside the intercept and ln population enter the regression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemandTerms {
    /// ln dwell hours (leave out when every stop has the same dwell: it would duplicate the intercept).
    pub dwell: bool,
    /// Distance to the nearest permanent office.
    pub distance: bool,
    /// One indicator per venue present other than the municipality.
    pub venues: bool,
}

impl Default for DemandTerms {
    fn default() -> Self {
        Self {
            dwell: true,
            distance: true,
            venues: true,
        }
    }
}

/// The design of the demand regression: intercept, ln population, then (as chosen) ln dwell hours,
/// distance km and an indicator for each venue present in the log other than municipality.
pub fn demand_design(stops: &[StopCovariates], terms: DemandTerms) -> Result<Design, FitError> {
    check_stops(stops)?;
    let mut columns = vec![
        (INTERCEPT.to_string(), vec![1.0; stops.len()]),
        (
            LN_POPULATION.to_string(),
            stops.iter().map(|s| s.population.ln()).collect(),
        ),
    ];
    if terms.dwell {
        columns.push((
            LN_DWELL_HOURS.to_string(),
            stops.iter().map(|s| s.dwell_hours.ln()).collect(),
        ));
    }
    if terms.distance {
        columns.push((DISTANCE_KM.to_string(), stops.iter().map(|s| s.distance_km).collect()));
    }
    if terms.venues {
        columns.extend(venue_columns(stops)?);
    }
    Design::from_columns(columns)
}

fn venue_columns(stops: &[StopCovariates]) -> Result<Vec<(String, Vec<f64>)>, FitError> {
    let present = |venue: Venue| stops.iter().any(|s| s.venue == venue);
    let others: Vec<Venue> = Venue::ALL
        .into_iter()
        .filter(|&v| v != REFERENCE_VENUE && present(v))
        .collect();
    if !others.is_empty() && !present(REFERENCE_VENUE) {
        return Err(FitError::NoReferenceVenue);
    }
    Ok(others
        .into_iter()
        .map(|venue| {
            let indicator = stops.iter().map(|s| f64::from(u8::from(s.venue == venue))).collect();
            (venue_column(venue), indicator)
        })
        .collect())
}

fn check_stops(stops: &[StopCovariates]) -> Result<(), FitError> {
    for (row, stop) in stops.iter().enumerate() {
        let checks = [
            ("population", stop.population, stop.population > 0.0, "positive"),
            ("dwell_hours", stop.dwell_hours, stop.dwell_hours > 0.0, "positive"),
            ("distance_km", stop.distance_km, stop.distance_km >= 0.0, "zero or more"),
        ];
        for (field, value, ok, requirement) in checks {
            if !(ok && value.is_finite()) {
                return Err(FitError::InvalidCovariate {
                    field,
                    row,
                    value,
                    requirement,
                });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stop(population: f64, dwell_hours: f64, venue: Venue) -> StopCovariates {
        StopCovariates {
            population,
            dwell_hours,
            distance_km: 12.5,
            venue,
        }
    }

    #[test]
    fn builds_named_columns_for_present_venues() {
        let stops = [
            stop(1000.0, 2.0, Venue::Municipality),
            stop(2500.0, 3.0, Venue::School),
            stop(400.0, 4.0, Venue::Municipality),
        ];
        let d = demand_design(&stops, DemandTerms::default()).unwrap();
        assert_eq!(
            d.names(),
            &[
                "intercept",
                "ln_population",
                "ln_dwell_hours",
                "distance_km",
                "venue_school"
            ]
        );
        assert_eq!(d.row(1), &[1.0, 2500f64.ln(), 3f64.ln(), 12.5, 1.0]);
        let only_population = DemandTerms {
            dwell: false,
            distance: false,
            venues: false,
        };
        assert_eq!(demand_design(&stops, only_population).unwrap().n_columns(), 2);
    }

    #[test]
    fn rejects_bad_stops_and_a_missing_reference_venue() {
        let no_municipality = [stop(1000.0, 2.0, Venue::School), stop(900.0, 3.0, Venue::Employer)];
        assert_eq!(
            demand_design(&no_municipality, DemandTerms::default()),
            Err(FitError::NoReferenceVenue)
        );
        let zero_dwell = [
            stop(1000.0, 2.0, Venue::Municipality),
            stop(900.0, 0.0, Venue::Municipality),
        ];
        assert!(matches!(
            demand_design(&zero_dwell, DemandTerms::default()),
            Err(FitError::InvalidCovariate {
                field: "dwell_hours",
                row: 1,
                ..
            })
        ));
        let nan_population = [stop(f64::NAN, 2.0, Venue::Municipality)];
        assert!(matches!(
            demand_design(&nan_population, DemandTerms::default()),
            Err(FitError::InvalidCovariate {
                field: "population",
                row: 0,
                ..
            })
        ));
    }
}

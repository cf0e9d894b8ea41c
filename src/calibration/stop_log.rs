//! The stop-log calibration in one call: Poisson fit, dispersion tests, the negative binomial when the
//! counts are over-dispersed, goodness-of-fit tables and the demand parameters of the chosen model.

use serde::Serialize;

use super::{
    CameronTrivediTest, CountBins, CountModel, DemandParameters, DemandReferences, DemandTerms, DispersionTest,
    FitError, FrequencyRow, GofError, GroupRow, NegBinFit, PoissonFit, StopCovariates, TomlBlockError,
    cameron_trivedi_test, demand_design, fit_negbin, fit_poisson, fitted_mean_quantile_table, frequency_table,
    group_table, pearson_dispersion_test,
};

/// Groups of the calibration-by-fitted-mean table (deciles; fewer when there are fewer stops).
const FITTED_MEAN_GROUPS: usize = 10;

/// Why a stop log could not be calibrated.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StopLogError {
    #[error(transparent)]
    Fit(#[from] FitError),
    #[error(transparent)]
    GoodnessOfFit(#[from] GofError),
    #[error(transparent)]
    Parameters(#[from] TomlBlockError),
}

/// Which count model the parameters come from, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ChosenModel {
    /// The Pearson test found no over-dispersion.
    Poisson,
    /// The Pearson test found over-dispersion, but the NB likelihood is maximal at k = ∞.
    PoissonAtNegBinBoundary,
    /// The Pearson test found over-dispersion, but the NB's own likelihood-ratio test does not
    /// reject the Poisson: the shape k is not identified by the log, so the Poisson is kept.
    PoissonShapeNotIdentified,
    NegativeBinomial,
}

/// Everything `calibrate --log` reports.
#[derive(Debug, Clone, PartialEq)]
pub struct StopLogCalibration {
    pub poisson: PoissonFit,
    /// Pearson χ²/df test of the Poisson fit: decides whether the negative binomial is fitted.
    pub dispersion: DispersionTest,
    /// Cameron–Trivedi test of the Poisson fit, reported alongside.
    pub cameron_trivedi: CameronTrivediTest,
    /// The NB fit, when the counts are over-dispersed.
    pub negbin: Option<NegBinFit>,
    pub chosen: ChosenModel,
    /// Parameters of the chosen model on the scenario's scale (render with [`super::render_demand_toml`]).
    pub parameters: DemandParameters,
    /// Count frequencies, observed vs expected under the chosen model.
    pub frequencies: Vec<FrequencyRow>,
    /// Totals by venue.
    pub by_venue: Vec<GroupRow>,
    /// Totals by decile of the fitted mean.
    pub by_fitted_mean: Vec<GroupRow>,
}

/// Fits the demand regression to a stop log: `stops[i]` had `clients[i]` clients.
pub fn calibrate_stop_log(
    stops: &[StopCovariates],
    clients: &[f64],
    terms: DemandTerms,
    references: DemandReferences,
) -> Result<StopLogCalibration, StopLogError> {
    let design = demand_design(stops, terms)?;
    let poisson = fit_poisson(&design, clients, None)?;
    let dispersion = pearson_dispersion_test(&poisson);
    let cameron_trivedi = cameron_trivedi_test(&poisson, &design, clients)?;
    let (negbin, chosen) = if dispersion.over_dispersed {
        match fit_negbin(&design, clients, None) {
            Ok(fit) if fit.lr_test.rejects_poisson => (Some(fit), ChosenModel::NegativeBinomial),
            Ok(_) => (None, ChosenModel::PoissonShapeNotIdentified),
            Err(FitError::NoOverdispersion { .. }) => (None, ChosenModel::PoissonAtNegBinBoundary),
            Err(e) => return Err(e.into()),
        }
    } else {
        (None, ChosenModel::Poisson)
    };
    let (coefficients, shape, means, model) = match &negbin {
        Some(nb) => (
            &nb.coefficients,
            Some(&nb.shape),
            &nb.fitted_means,
            CountModel::NegativeBinomial { shape_k: nb.shape.k },
        ),
        None => (&poisson.coefficients, None, &poisson.fitted_means, CountModel::Poisson),
    };
    let parameters = DemandParameters::from_fit(coefficients, shape, references)?;
    let venues: Vec<&str> = stops.iter().map(|s| s.venue.as_str()).collect();
    let groups = FITTED_MEAN_GROUPS.min(stops.len());
    Ok(StopLogCalibration {
        frequencies: frequency_table(clients, means, model, &CountBins::default_for(clients))?,
        by_venue: group_table(clients, means, model, &venues)?,
        by_fitted_mean: fitted_mean_quantile_table(clients, means, model, groups)?,
        poisson,
        dispersion,
        cameron_trivedi,
        negbin,
        chosen,
        parameters,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calibration::synthetic::{SyntheticTruth, synthetic_log};
    use rand::SeedableRng;
    use rand::rngs::ChaCha8Rng;

    fn references(truth: &SyntheticTruth) -> DemandReferences {
        DemandReferences {
            population_ref: truth.population_ref,
            dwell_ref_hours: truth.dwell_ref_hours,
        }
    }

    #[test]
    fn overdispersed_logs_get_the_negative_binomial() {
        let truth = SyntheticTruth::reference();
        let log = synthetic_log(&truth, Some(2.0), &mut ChaCha8Rng::seed_from_u64(5));
        let cal = calibrate_stop_log(&log.stops, &log.counts, DemandTerms::default(), references(&truth)).unwrap();
        assert_eq!(cal.chosen, ChosenModel::NegativeBinomial);
        let nb = cal.negbin.as_ref().unwrap();
        assert_eq!(cal.parameters.dispersion_shape, Some(nb.shape.interval()));
        let expected: f64 = cal.frequencies.iter().map(|r| r.expected).sum();
        assert!((expected - 300.0).abs() < 1e-6);
        assert_eq!(cal.frequencies.iter().map(|r| r.observed).sum::<u64>(), 300);
        assert_eq!(cal.by_venue.len(), 5);
        assert_eq!(cal.by_fitted_mean.len(), 10);
    }

    #[test]
    fn the_dispersion_test_decides_the_model() {
        let truth = SyntheticTruth::reference();
        let log = synthetic_log(&truth, None, &mut ChaCha8Rng::seed_from_u64(6));
        let cal = calibrate_stop_log(&log.stops, &log.counts, DemandTerms::default(), references(&truth)).unwrap();
        if cal.dispersion.over_dispersed {
            assert_ne!(cal.chosen, ChosenModel::Poisson);
        } else {
            assert_eq!((cal.chosen, cal.negbin.is_none()), (ChosenModel::Poisson, true));
            assert_eq!(cal.parameters.dispersion_shape, None);
        }
        // Venue is a model term: a Poisson fit reproduces every venue's total.
        if cal.chosen == ChosenModel::Poisson {
            assert!(cal.by_venue.iter().all(|r| r.difference.abs() < 1e-6 * r.observed));
        }
    }

    /// Poisson logs whose Pearson test signals over-dispersion while the negative binomial's own
    /// likelihood-ratio test does not reject the Poisson: the shape is not identified, so the Poisson
    /// is kept and no shape is written (the issue found about 4 % of Poisson logs like this and a
    /// TOML block with `dispersion_shape = 38358.9`). The first such seed of 1..=400 is used.
    #[test]
    fn an_unidentified_shape_keeps_the_poisson() {
        let truth = SyntheticTruth::reference();
        let mut found = 0;
        for seed in 1..=400 {
            let log = synthetic_log(&truth, None, &mut ChaCha8Rng::seed_from_u64(seed));
            let cal = calibrate_stop_log(&log.stops, &log.counts, DemandTerms::default(), references(&truth)).unwrap();
            if !cal.dispersion.over_dispersed || cal.chosen == ChosenModel::PoissonAtNegBinBoundary {
                continue;
            }
            // Over-dispersed by Pearson: the NB is kept only when its LR test rejects the Poisson.
            match cal.chosen {
                ChosenModel::NegativeBinomial => {
                    assert!(cal.negbin.as_ref().unwrap().lr_test.rejects_poisson, "seed {seed}");
                }
                ChosenModel::PoissonShapeNotIdentified => {
                    assert!(cal.negbin.is_none(), "seed {seed}");
                    assert_eq!(cal.parameters.dispersion_shape, None, "seed {seed}");
                    assert_eq!(
                        cal.parameters.base_rate,
                        DemandParameters::from_fit(&cal.poisson.coefficients, None, references(&truth))
                            .unwrap()
                            .base_rate
                    );
                    found += 1;
                }
                other => panic!("seed {seed}: {other:?}"),
            }
        }
        eprintln!("Poisson logs with an unidentified negative-binomial shape: {found} of 400");
        assert!(found > 0, "no Poisson log with an unidentified shape among 400 seeds");
    }

    #[test]
    fn bad_logs_are_reported() {
        let truth = SyntheticTruth::reference();
        let log = synthetic_log(&truth, None, &mut ChaCha8Rng::seed_from_u64(8));
        let mut clients = log.counts.clone();
        clients[17] = -1.0;
        let err = calibrate_stop_log(&log.stops, &clients, DemandTerms::default(), references(&truth)).unwrap_err();
        assert_eq!(err.to_string(), "count -1 in row index 17 is negative");
    }
}

//! Fitted demand parameters on the scenario's scale, and their rendering as a TOML block with the 95 %
//! intervals as comments (the `[demand]` keys of a scenario).

use std::fmt::Write;

use serde::Serialize;

use super::covariates::{DISTANCE_KM, INTERCEPT, LN_DWELL_HOURS, LN_POPULATION, REFERENCE_VENUE, venue_column};
use super::{Coefficients, ErrandEstimates, IntervalEstimate, ShapeEstimate, TotalsCalibration};
use crate::vocab::Venue;

/// Population the `base_rate` is stated at (a settlement of 1,000 residents).
pub const POPULATION_REF: f64 = 1000.0;
/// Significant digits of rendered values (estimates); intervals get one fewer.
const SIGNIFICANT_DIGITS: usize = 4;
/// Values are padded to this width so that the interval comments line up (longer lines get one space).
const COMMENT_COLUMN: usize = 47;

/// Why fitted coefficients could not be turned into demand parameters.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TomlBlockError {
    #[error("the fit has no `{INTERCEPT}` column, so there is no base rate")]
    NoIntercept,
    #[error("reference {name} must be positive and finite, got {value}")]
    InvalidReference { name: &'static str, value: f64 },
}

/// The reference stop that `base_rate` describes: population and dwell (distance 0 km, municipality).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DemandReferences {
    /// Residents, usually [`POPULATION_REF`].
    pub population_ref: f64,
    /// Dwell of the reference stop, hours (the scenario's `dwell_ref_hours`).
    pub dwell_ref_hours: f64,
}

impl DemandReferences {
    /// A settlement of [`POPULATION_REF`] residents and the given reference dwell.
    pub fn with_dwell(dwell_ref_hours: f64) -> Self {
        Self {
            population_ref: POPULATION_REF,
            dwell_ref_hours,
        }
    }
}

/// Demand parameters on the scenario's scale, each with its 95 % interval. `None`: not in the fit
/// (the scenario keeps its own value).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DemandParameters {
    pub references: DemandReferences,
    /// Expected clients per visit at the reference stop: exp(intercept + e ln pop_ref + γ ln dwell_ref).
    pub base_rate: IntervalEstimate,
    pub population_elasticity: Option<IntervalEstimate>,
    pub dwell_exponent: Option<IntervalEstimate>,
    /// Change of ln(expected clients) per km from the nearest permanent office.
    pub distance_coef_per_km: Option<IntervalEstimate>,
    /// exp(venue coefficient) of each venue in the fit other than the municipality (which is 1).
    pub venue_multipliers: Vec<(Venue, IntervalEstimate)>,
    /// NB shape k, when the negative binomial was fitted.
    pub dispersion_shape: Option<IntervalEstimate>,
    /// Coefficients of other columns (no `[demand]` key): shown as comments only.
    pub other_terms: Vec<(String, IntervalEstimate)>,
}

impl DemandParameters {
    /// Converts regression coefficients (named as in [`super::demand_design`]) to demand parameters.
    pub fn from_fit(
        coefficients: &Coefficients,
        shape: Option<&ShapeEstimate>,
        references: DemandReferences,
    ) -> Result<Self, TomlBlockError> {
        check_reference("population_ref", references.population_ref)?;
        check_reference("dwell_ref_hours", references.dwell_ref_hours)?;
        coefficients.index_of(INTERCEPT).ok_or(TomlBlockError::NoIntercept)?;
        let mut base_terms = vec![(INTERCEPT, 1.0)];
        for (name, reference) in [
            (LN_POPULATION, references.population_ref),
            (LN_DWELL_HOURS, references.dwell_ref_hours),
        ] {
            if coefficients.index_of(name).is_some() {
                base_terms.push((name, reference.ln()));
            }
        }
        let base_rate = coefficients.linear_combination(&base_terms).map(|w| w.exp());
        let linear = |name: &str| coefficients.interval(name).map(|w| w.linear());
        let venue_multipliers: Vec<(Venue, IntervalEstimate)> = Venue::ALL
            .into_iter()
            .filter_map(|v| Some((v, coefficients.interval(&venue_column(v))?.exp())))
            .collect();
        let known: Vec<String> = [INTERCEPT, LN_POPULATION, LN_DWELL_HOURS, DISTANCE_KM]
            .iter()
            .map(std::string::ToString::to_string)
            .chain(Venue::ALL.into_iter().map(venue_column))
            .collect();
        let other_terms = coefficients
            .names()
            .iter()
            .filter(|n| !known.contains(n))
            .filter_map(|n| Some((n.clone(), coefficients.interval(n)?.linear())))
            .collect();
        Ok(Self {
            references,
            base_rate: base_rate.ok_or(TomlBlockError::NoIntercept)?,
            population_elasticity: linear(LN_POPULATION),
            dwell_exponent: linear(LN_DWELL_HOURS),
            distance_coef_per_km: linear(DISTANCE_KM),
            venue_multipliers,
            dispersion_shape: shape.map(ShapeEstimate::interval),
            other_terms,
        })
    }
}

fn check_reference(name: &'static str, value: f64) -> Result<(), TomlBlockError> {
    if value > 0.0 && value.is_finite() {
        Ok(())
    } else {
        Err(TomlBlockError::InvalidReference { name, value })
    }
}

/// The `[demand]` block: every fitted parameter as a key with its 95 % interval as a comment, after the
/// `provenance` lines (each becomes a comment) and a statement of the reference stop.
pub fn render_demand_toml(parameters: &DemandParameters, provenance: &str) -> String {
    let mut out = String::from("[demand]\n");
    comment_lines(&mut out, provenance);
    let r = parameters.references;
    let _ = writeln!(
        out,
        "# base_rate is for a stop in a settlement of {} residents, {} h dwell, 0 km from a permanent office, \
         at a {}.",
        r.population_ref,
        r.dwell_ref_hours,
        REFERENCE_VENUE.as_str()
    );
    out.push_str("# Comments give 95 % Wald intervals (rates, multipliers and the shape on the log scale).\n");
    key_line(&mut out, "base_rate", &parameters.base_rate);
    let reference = format!("reference_dwell_hours = {:?}", r.dwell_ref_hours);
    let _ = writeln!(out, "{reference:<COMMENT_COLUMN$} # the dwell base_rate is stated at");
    let optional = [
        ("population_elasticity", parameters.population_elasticity),
        ("dwell_exponent", parameters.dwell_exponent),
        ("distance_coef_per_km", parameters.distance_coef_per_km),
        ("dispersion_shape", parameters.dispersion_shape),
    ];
    for (key, value) in optional {
        if let Some(value) = value {
            key_line(&mut out, key, &value);
        }
    }
    venue_lines(&mut out, &parameters.venue_multipliers);
    for (name, value) in &parameters.other_terms {
        let _ = writeln!(
            out,
            "# {name} (no [demand] key): {} ({})",
            format_value(value.estimate, SIGNIFICANT_DIGITS),
            interval_text(value)
        );
    }
    out
}

fn venue_lines(out: &mut String, multipliers: &[(Venue, IntervalEstimate)]) {
    if multipliers.is_empty() {
        return;
    }
    // The scenario's key is `[demand.venue]` (the README's scenario format), written here as dotted keys.
    let reference = format!("venue.{} = 1.0", REFERENCE_VENUE.as_str());
    let _ = writeln!(out, "{reference:<COMMENT_COLUMN$} # reference venue");
    for (venue, value) in multipliers {
        key_line(out, &format!("venue.{}", venue.as_str()), value);
    }
    let absent: Vec<&str> = Venue::ALL
        .into_iter()
        .filter(|v| *v != REFERENCE_VENUE && !multipliers.iter().any(|(m, _)| m == v))
        .map(|v| v.as_str())
        .collect();
    if !absent.is_empty() {
        let _ = writeln!(
            out,
            "# no stops at: {} (their multipliers keep the scenario's values)",
            absent.join(", ")
        );
    }
}

/// The totals calibration as TOML: `[demand] base_rate` with the `held` demand keys (parameters the
/// totals cannot identify, written with the values the base rate was fitted under) and `[clients]
/// errands_per_client` and `information_share`, each with its 95 % interval as a comment.
pub fn render_totals_toml(calibration: &TotalsCalibration, provenance: &str, held: &[(&str, f64)]) -> String {
    let mut out = String::from("[demand]\n");
    comment_lines(&mut out, provenance);
    match calibration.dispersion_shape {
        None => {
            out.push_str(
                "# Comments give exact 95 % intervals (Garwood, Clopper–Pearson) over the published ranges.\n",
            );
        }
        Some(k) => {
            let _ = writeln!(
                out,
                "# Comments give 95 % intervals over the published ranges: base_rate's allows for negative-binomial \
                 stop counts (k = {k}, score interval); the others are exact (Garwood, Clopper–Pearson)."
            );
        }
    }
    key_line(&mut out, "base_rate", &calibration.base_rate);
    for (key, value) in held {
        let assignment = format!("{key} = {value:?}");
        let _ = writeln!(
            out,
            "{assignment:<COMMENT_COLUMN$} # held: base_rate was fitted with this value"
        );
    }
    out.push_str("\n[clients]\n");
    key_line(&mut out, "errands_per_client", &calibration.errands_per_client);
    key_line(&mut out, "information_share", &calibration.information_share);
    out.push_str("# information_share: the information-only errand types get this share of the case mix's weight\n");
    out
}

/// The `[clients]` block of errand estimates (from a stop log's cases and information-only uses).
pub fn render_errands_toml(errands: &ErrandEstimates) -> String {
    let mut out = String::from("[clients]\n# Comments give exact 95 % intervals (Garwood, Clopper–Pearson).\n");
    key_line(&mut out, "errands_per_client", &errands.errands_per_client);
    key_line(&mut out, "information_share", &errands.information_share);
    out
}

fn comment_lines(out: &mut String, text: &str) {
    for line in text.lines() {
        let _ = writeln!(out, "# {line}");
    }
}

/// `key = value` padded to the comment column, then the interval.
fn key_line(out: &mut String, key: &str, value: &IntervalEstimate) {
    let assignment = format!("{key} = {}", format_value(value.estimate, SIGNIFICANT_DIGITS));
    let _ = writeln!(out, "{assignment:<COMMENT_COLUMN$} # {}", interval_text(value));
}

fn interval_text(value: &IntervalEstimate) -> String {
    format!(
        "95 % CI {} to {}",
        format_value(value.ci95_low, SIGNIFICANT_DIGITS - 1),
        format_value(value.ci95_high, SIGNIFICANT_DIGITS - 1)
    )
}

/// A TOML float with `digits` significant digits: "8.012", "0.02035", "1.0", "1.235e-7".
fn format_value(x: f64, digits: usize) -> String {
    if x == 0.0 || !x.is_finite() {
        return match x {
            v if v.is_nan() => "nan".into(),
            v if v == f64::INFINITY => "inf".into(),
            v if v == f64::NEG_INFINITY => "-inf".into(),
            _ => "0.0".into(),
        };
    }
    let magnitude = x.abs().log10().floor() as i32;
    if !(-4..6).contains(&magnitude) {
        return format!("{:.*e}", digits - 1, x);
    }
    let decimals = (digits as i32 - 1 - magnitude).max(1) as usize;
    format!("{x:.decimals$}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calibration::linalg::SquareMatrix;
    use crate::calibration::{REFERENCE_VENUE, SeasonFigures, calibrate_totals};

    /// Coefficients of a known demand model with a diagonal covariance.
    fn coefficients(names: &[&str], estimates: &[f64], variances: &[f64]) -> Coefficients {
        let mut cov = SquareMatrix::zeros(names.len());
        for (j, &v) in variances.iter().enumerate() {
            cov.set(j, j, v);
        }
        Coefficients::new(
            names.iter().map(std::string::ToString::to_string).collect(),
            estimates.to_vec(),
            cov,
        )
    }

    #[test]
    fn renders_parsable_toml_with_the_reference_adjusted_base_rate() {
        // True model: base 8 at 1,000 residents and 3 h; elasticity 0.5, dwell exponent 0.6; school × 0.7.
        let intercept = 8f64.ln() - 0.5 * 1000f64.ln() - 0.6 * 3f64.ln();
        let names = [
            "intercept",
            "ln_population",
            "ln_dwell_hours",
            "distance_km",
            "venue_school",
            "month_9",
        ];
        let estimates = [intercept, 0.5, 0.6, 0.02, 0.7f64.ln(), 0.1];
        let variances = [0.01, 0.0004, 0.0025, 1e-6, 0.0036, 0.01];
        let c = coefficients(&names, &estimates, &variances);
        let shape = ShapeEstimate::from_log(2f64.ln(), 0.1);
        let refs = DemandReferences {
            population_ref: 1000.0,
            dwell_ref_hours: 3.0,
        };
        let params = DemandParameters::from_fit(&c, Some(&shape), refs).unwrap();
        let text = render_demand_toml(&params, "Fitted to 300 stops.\nSynthetic.");
        let table: toml::Table = toml::from_str(&text).unwrap();
        let demand = table["demand"].as_table().unwrap();
        let get = |key: &str| demand[key].as_float().unwrap();
        assert!((get("base_rate") - 8.0).abs() < 1e-9, "{text}");
        assert_eq!(get("population_elasticity"), 0.5);
        assert_eq!(get("dwell_exponent"), 0.6);
        assert_eq!(get("distance_coef_per_km"), 0.02);
        assert_eq!(get("dispersion_shape"), 2.0);
        let venues = demand["venue"].as_table().unwrap();
        assert_eq!(venues[REFERENCE_VENUE.as_str()].as_float(), Some(1.0));
        assert_eq!(venues["school"].as_float(), Some(0.7));
        assert!(!venues.contains_key("employer"));
        // Var(ln base) = 0.01 + ln²1000 × 0.0004 + ln²3 × 0.0025 (diagonal covariance).
        let se = (0.01 + 1000f64.ln().powi(2) * 0.0004 + 3f64.ln().powi(2) * 0.0025).sqrt();
        let low = 8.0 * (-1.959_964 * se).exp();
        assert!(
            (params.base_rate.ci95_low - low).abs() < 1e-5,
            "{} vs {low}",
            params.base_rate.ci95_low
        );
        assert!(
            text.contains(&format!("# 95 % CI {} to", format_value(low, 3))),
            "{text}"
        );
        assert!(text.contains("# Fitted to 300 stops.\n# Synthetic.\n"));
        assert!(text.contains("# month_9 (no [demand] key): 0.1000"));
        assert!(text.contains("# no stops at: social_institution, employer, event"));
    }

    #[test]
    fn missing_terms_are_left_out_and_bad_references_rejected() {
        let c = coefficients(&["intercept", "ln_population"], &[0.0, 0.5], &[0.01, 0.001]);
        let refs = DemandReferences {
            population_ref: 100.0,
            dwell_ref_hours: 3.0,
        };
        let params = DemandParameters::from_fit(&c, None, refs).unwrap();
        // exp(0 + 0.5 ln 100) = 10.
        assert!((params.base_rate.estimate - 10.0).abs() < 1e-12);
        let text = render_demand_toml(&params, "");
        let table: toml::Table = toml::from_str(&text).unwrap();
        let demand = table["demand"].as_table().unwrap();
        // base_rate, ln_population's elasticity and the reference dwell it is stated at.
        assert_eq!(demand.len(), 3, "{text}");
        assert_eq!(demand["reference_dwell_hours"].as_float(), Some(3.0));
        let bad = DemandReferences {
            population_ref: 0.0,
            dwell_ref_hours: 3.0,
        };
        assert!(matches!(
            DemandParameters::from_fit(&c, None, bad),
            Err(TomlBlockError::InvalidReference { .. })
        ));
        let no_intercept = coefficients(&["ln_population"], &[0.5], &[0.001]);
        assert_eq!(
            DemandParameters::from_fit(&no_intercept, None, refs),
            Err(TomlBlockError::NoIntercept)
        );
    }

    #[test]
    fn renders_the_totals_calibration() {
        let cal = calibrate_totals(&SeasonFigures::published_2019(), &[1.0; 196], &[0.5; 71]).unwrap();
        let text = render_totals_toml(
            &cal,
            "2019 totals",
            &[("population_elasticity", 0.5), ("dwell_exponent", 1.0)],
        );
        let table: toml::Table = toml::from_str(&text).unwrap();
        let base = table["demand"]["base_rate"].as_float().unwrap();
        assert!((base - 29.56).abs() < 1e-9, "{text}");
        assert_eq!(table["demand"]["population_elasticity"].as_float(), Some(0.5));
        assert_eq!(table["demand"]["dwell_exponent"].as_float(), Some(1.0));
        let errands = table["clients"]["errands_per_client"].as_float().unwrap();
        assert!((errands - 1.191).abs() < 1e-9);
        // 400 / 1249.5 = 0.32013.
        assert_eq!(table["clients"]["information_share"].as_float(), Some(0.3201));
        assert!(text.contains("exact 95 % intervals"), "{text}");
        let dispersed = crate::calibration::calibrate_season_totals(
            &SeasonFigures::published_2019(),
            &[crate::calibration::StopDemand::Relative(1.0); 196],
            &[crate::calibration::StopDemand::Relative(0.5); 71],
            Some(5.0),
        )
        .unwrap();
        let text = render_totals_toml(&dispersed, "", &[]);
        assert!(text.contains("negative-binomial stop counts (k = 5"), "{text}");
        toml::from_str::<toml::Table>(&text).unwrap();
    }

    #[test]
    fn formats_significant_digits_as_toml_floats() {
        assert_eq!(format_value(8.01234, 4), "8.012");
        assert_eq!(format_value(0.0203456, 4), "0.02035");
        assert_eq!(format_value(1.0, 4), "1.000");
        assert_eq!(format_value(1234.5, 4), "1234.5");
        assert_eq!(format_value(-0.35, 3), "-0.350");
        assert_eq!(format_value(1.2346e-7, 4), "1.235e-7");
        assert_eq!(format_value(0.0, 4), "0.0");
        for s in ["8.012", "1234.5", "1.235e-7", "0.0", "-0.350"] {
            assert!(toml::from_str::<toml::Table>(&format!("x = {s}")).is_ok(), "{s}");
        }
    }

    #[test]
    fn synthetic_log_to_toml_recovers_the_demand_parameters() {
        // One over-dispersed synthetic log (k = 2): Poisson fit, Pearson test fires, NB fit, TOML block.
        // Each true [demand] value must lie in the interval printed next to it; over many logs this holds
        // for 95 % of values (see the coverage tests), so a single log is checked only where the chance of
        // a miss is negligible: at 99.99 % intervals, i.e. within 3.9/1.96 of each half-width.
        use crate::calibration::synthetic::{SyntheticTruth, synthetic_log};
        use crate::calibration::{fit_negbin, fit_poisson, pearson_dispersion_test};
        use rand::SeedableRng;
        use rand::rngs::ChaCha8Rng;
        let truth = SyntheticTruth::reference();
        let log = synthetic_log(&truth, Some(2.0), &mut ChaCha8Rng::seed_from_u64(77));
        let poisson = fit_poisson(&log.design, &log.counts, None).unwrap();
        assert!(pearson_dispersion_test(&poisson).over_dispersed);
        let nb = fit_negbin(&log.design, &log.counts, None).unwrap();
        let refs = DemandReferences {
            population_ref: truth.population_ref,
            dwell_ref_hours: truth.dwell_ref_hours,
        };
        let params = DemandParameters::from_fit(&nb.coefficients, Some(&nb.shape), refs).unwrap();
        let text = render_demand_toml(&params, "Synthetic log of 300 stops (negative binomial).");
        eprintln!("{text}");
        let widen = 3.9 / 1.959_964;
        let within_log = |e: &IntervalEstimate, v: f64| {
            let (lo, hi) = (e.estimate.ln() - e.ci95_low.ln(), e.ci95_high.ln() - e.estimate.ln());
            (e.estimate.ln() - widen * lo..=e.estimate.ln() + widen * hi).contains(&v.ln())
        };
        let within = |e: &IntervalEstimate, v: f64| {
            (e.estimate - widen * (e.estimate - e.ci95_low)..=e.estimate + widen * (e.ci95_high - e.estimate))
                .contains(&v)
        };
        assert!(within_log(&params.base_rate, truth.base_rate));
        assert!(within(
            &params.population_elasticity.unwrap(),
            truth.population_elasticity
        ));
        assert!(within(&params.dwell_exponent.unwrap(), truth.dwell_exponent));
        assert!(within(
            &params.distance_coef_per_km.unwrap(),
            truth.distance_coef_per_km
        ));
        assert!(within_log(&params.dispersion_shape.unwrap(), 2.0));
        for (venue, multiplier, _) in truth.venues {
            let fitted = params.venue_multipliers.iter().find(|(v, _)| *v == venue).unwrap();
            assert!(within_log(&fitted.1, multiplier), "{venue:?}");
        }
    }
}

//! Reading a scenario's TOML into the mirror, section by section and stop by stop, so that one
//! bad value does not hide the problems of the other sections.

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeValue, ValueDeserializer};

use super::calibration_section::RawCalibration;
use super::diagnostic::Problems;
use super::layers::{ChainProblem, Sources};
use super::merge::merged_document;
use super::raw::{RawBus, RawClients, RawDemand, RawPolicy, RawSeason, RawSimulation, RawStop, RawTargets};
use super::source::SpanIndex;
use super::uncertainty_section::RawUncertainty;
use crate::vocab::suggest;

/// Top-level keys of a scenario.
pub(super) const TOP_LEVEL_KEYS: [&str; 12] = [
    "extends",
    "name",
    "description",
    "simulation",
    "demand",
    "clients",
    "bus",
    "season",
    "targets",
    "policy",
    "calibration",
    "uncertainty",
];

/// The scenario file as written. A section is `None` when it could not be read (its problem is
/// already reported), and its default when the file leaves it out.
#[derive(Debug, Clone, Default)]
pub(super) struct RawScenario {
    pub name: Option<String>,
    pub description: Option<String>,
    pub simulation: Option<RawSimulation>,
    pub demand: Option<RawDemand>,
    pub clients: Option<RawClients>,
    pub bus: Option<RawBus>,
    pub season: Option<RawSeason>,
    /// `[targets]`; the default when the file leaves it out.
    pub targets: Option<RawTargets>,
    /// `[[policy]]` entries; `None` when the file lists none (the default policies apply) or
    /// when they could not be read (`policies_failed`).
    pub policies: Option<Vec<RawPolicy>>,
    pub policies_failed: bool,
    /// `[calibration]`: `None` when the file has none (or it could not be read: reported).
    pub calibration: Option<RawCalibration>,
    /// `[uncertainty]`: `None` when the file has none (or it could not be read: reported).
    pub uncertainty: Option<RawUncertainty>,
    /// The stops that could be read, each with its number in the file (from 1).
    pub stops: Vec<(usize, RawStop)>,
    /// True when at least one `[[season.stop]]` could not be read.
    pub stops_failed: bool,
}

/// Parses the scenario's layers merged into one document (its `extends` chain is `chain`'s problems);
/// on a TOML syntax error in any layer, reports every syntax error and returns `None`.
pub(super) fn parse(sources: &Sources, chain: &[ChainProblem], problems: &mut Problems<'_>) -> Option<RawScenario> {
    let root = merged_document(sources, chain, problems)?;
    problems.set_spans(SpanIndex::new(&root));
    let mut raw = RawScenario {
        simulation: Some(RawSimulation::default()),
        demand: Some(RawDemand::default()),
        clients: Some(RawClients::default()),
        bus: Some(RawBus::default()),
        season: Some(RawSeason::default()),
        targets: Some(RawTargets::default()),
        ..RawScenario::default()
    };
    for (key, value) in root {
        let key_span = key.span();
        match key.get_ref().as_ref() {
            "name" => raw.name = read(value, problems),
            "description" => raw.description = read(value, problems),
            "simulation" => raw.simulation = read(value, problems),
            "demand" => raw.demand = read(value, problems),
            "clients" => raw.clients = read(value, problems),
            "bus" => raw.bus = read(value, problems),
            "season" => read_season(value, &mut raw, problems),
            "targets" => raw.targets = read(value, problems),
            "calibration" => raw.calibration = read(value, problems),
            "uncertainty" => raw.uncertainty = read(value, problems),
            "policy" => {
                raw.policies = read(value, problems);
                raw.policies_failed = raw.policies.is_none();
            }
            other => {
                let help = suggest::did_you_mean(&suggest::closest(other, TOP_LEVEL_KEYS))
                    .unwrap_or_else(|| format!("the top-level keys are {}", TOP_LEVEL_KEYS.join(", ")));
                problems.at_span(Some(key_span), format!("unknown key `{other}`"), Some(help));
            }
        }
    }
    Some(raw)
}

/// Deserializes one value, reporting its error with the value's place.
fn read<T: DeserializeOwned>(value: Spanned<DeValue<'_>>, problems: &mut Problems<'_>) -> Option<T> {
    T::deserialize(ValueDeserializer::from(value))
        .map_err(|e| report(&e, problems))
        .ok()
}

fn report(e: &toml::de::Error, problems: &mut Problems<'_>) {
    problems.at_span(
        e.span(),
        super::serde_words::plain(e.message()),
        unknown_field_help(e.message()),
    );
}

/// For serde's "unknown field `x`, expected one of `a`, `b`": the closest expected name.
fn unknown_field_help(message: &str) -> Option<String> {
    if !message.starts_with("unknown field") && !message.starts_with("unknown variant") {
        return None;
    }
    let quoted: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    let (wanted, expected) = quoted.split_first()?;
    let closest = suggest::closest(wanted, expected.iter().copied());
    suggest::did_you_mean(&closest)
}

/// `[season]`: its own keys, then each `[[season.stop]]` on its own.
fn read_season(value: Spanned<DeValue<'_>>, raw: &mut RawScenario, problems: &mut Problems<'_>) {
    let span = value.span();
    let DeValue::Table(mut table) = value.into_inner() else {
        problems.at(
            "season",
            "must be a table",
            Some("write [season] or [[season.stop]] sections".into()),
        );
        raw.season = None;
        return;
    };
    let stops = table.remove("stop");
    raw.season = read(Spanned::new(span, DeValue::Table(table)), problems);
    let Some(stops) = stops else { return };
    let DeValue::Array(items) = stops.into_inner() else {
        problems.at(
            "season.stop",
            "must be a list of stops",
            Some("write each stop as a [[season.stop]] section".into()),
        );
        raw.stops_failed = true;
        return;
    };
    for (i, item) in items.into_iter().enumerate() {
        match read::<RawStop>(item, problems) {
            Some(stop) => raw.stops.push((i + 1, stop)),
            None => raw.stops_failed = true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems_of(text: &str) -> Vec<String> {
        let sources = Sources::single("t.toml", text, None);
        let mut p = Problems::for_sources(&sources);
        parse(&sources, &[], &mut p);
        match p.finish_option(Some(())) {
            Ok(()) => vec![],
            Err(e) => e.diagnostics.iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn spreadsheet_habits_and_repeated_keys_get_a_hint_with_both_places() {
        let found = problems_of("[demand]\nbase_rate = 9,5\n");
        assert!(found[0].contains("write `base_rate = 9.5`"), "{found:#?}");
        let found = problems_of("[[season.stop]]\ndate = 2020.03.02.\n");
        assert!(found[0].contains("`date = 2020-03-02`"), "{found:#?}");
        let found = problems_of("[bus]\nclerks = 2\ndesks = 2\nclerks = 3\n");
        assert!(
            found[0].contains("`clerks` is written twice in its table (first on line 2)"),
            "{found:#?}"
        );
        assert!(found[0].starts_with("t.toml:4:"), "{found:#?}");
        let found = problems_of("[bus]\nclerks = 2\n[season]\n[bus]\ndesks = 2\n");
        assert!(
            found[0].contains("[bus] is written twice (first on line 1)"),
            "{found:#?}"
        );
    }

    #[test]
    fn problems_in_several_sections_are_all_reported() {
        let text = "[bus]\ncolerks = 2\n[simulation]\nseed = \"x\"\n[[season.stop]]\ndate = 2020-03-02\n\
                    start = \"08:00\"\nsettlement = \"Baja\"\ndwell_hours = \"long\"\n[sesaon]\n";
        let found = problems_of(text);
        assert_eq!(found.len(), 4, "{found:#?}");
        assert!(
            found[0].starts_with("t.toml:2:1: bus.colerks: unknown field `colerks`"),
            "{found:#?}"
        );
        assert!(found[0].contains("did you mean \"clerks\"?"), "{found:#?}");
        assert!(
            found[1].starts_with(
                "t.toml:4:8: simulation.seed: must be a whole number from 0 to 18446744073709551615, got \"x\""
            ),
            "{found:#?}"
        );
        assert!(
            found[2].starts_with("t.toml:9:15: season.stop[1].dwell_hours:"),
            "{found:#?}"
        );
        assert!(
            found[3].contains("unknown key `sesaon`") && found[3].contains("\"season\""),
            "{found:#?}"
        );
    }

    #[test]
    fn syntax_errors_stop_reading() {
        let found = problems_of("a = \n[b\n");
        assert!(found.len() >= 2, "{found:#?}");
        assert!(found.iter().all(|f| f.contains("TOML syntax")), "{found:#?}");
    }

    #[test]
    fn a_native_date_that_does_not_exist_is_a_syntax_error_with_its_place() {
        let found = problems_of("[[season.stop]]\ndate = 2019-02-29\n");
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].starts_with("t.toml:2:8:"), "{found:#?}");
    }
}

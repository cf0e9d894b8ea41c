//! Reading a scenario's TOML into the mirror, section by section and stop by stop, so that one
//! bad value does not hide the problems of the other sections.

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::calibration_section::RawCalibration;
use super::diagnostic::Problems;
use super::raw::{RawBus, RawClients, RawDemand, RawPolicy, RawSeason, RawSimulation, RawStop, RawTargets};
use super::source::SpanIndex;
use super::uncertainty_section::RawUncertainty;
use crate::vocab::suggest;

/// Top-level keys of a scenario.
pub(super) const TOP_LEVEL_KEYS: [&str; 11] = [
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

/// Parses `text`; on a TOML syntax error, reports every syntax error and returns `None`.
pub(super) fn parse(text: &str, problems: &mut Problems<'_>) -> Option<RawScenario> {
    let (doc, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        for e in errors {
            let (message, help) = syntax_in_words(text, e.span().as_ref(), e.message());
            problems.at_span(e.span(), message, help);
        }
        return None;
    }
    problems.set_spans(SpanIndex::new(doc.get_ref()));
    let root = doc.into_inner();
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

/// A TOML syntax error in plain words; a duplicate key or table is named.
fn syntax_in_words(text: &str, span: Option<&std::ops::Range<usize>>, message: &str) -> (String, Option<String>) {
    if message.starts_with("duplicate key") {
        let name = span
            .and_then(|s| text.get(s.clone()))
            .map(str::trim)
            .unwrap_or_default();
        let is_table = span
            .and_then(|s| text.get(..s.start))
            .and_then(|before| before.lines().last())
            .is_some_and(|l| l.trim_start().starts_with('['));
        let first = span.and_then(|s| first_place(text, s.start, name, is_table));
        let first = first.map_or_else(String::new, |line| format!(" (first on line {line})"));
        let (what, help) = if is_table {
            (
                format!("the table [{name}] is written twice{first}"),
                "merge the two sections into one (an array of tables is written [[name]])",
            )
        } else {
            (
                format!("the key `{name}` is written twice in its table{first}"),
                "keep one of them",
            )
        };
        return (format!("TOML syntax: {what}"), Some(help.into()));
    }
    let hint = span.and_then(|s| value_hint(line_at(text, s.start)));
    (format!("TOML syntax: {message}"), hint)
}

/// The line (from 1) holding byte `at` of `text`.
fn line_number(text: &str, at: usize) -> usize {
    text.get(..at).map_or(1, |before| before.matches('\n').count() + 1)
}

/// The whole line of `text` that holds byte `at`.
fn line_at(text: &str, at: usize) -> &str {
    let start = text.get(..at).and_then(|b| b.rfind('\n')).map_or(0, |i| i + 1);
    text[start..].lines().next().unwrap_or("")
}

/// The line (from 1) where the key or table `name`, written again at byte `again`, was first written:
/// for a table, its earlier `[name]` header; for a key, its earlier line in the same table.
fn first_place(text: &str, again: usize, name: &str, is_table: bool) -> Option<usize> {
    let before = text.get(..again)?;
    let again_line = line_number(text, again);
    let mut section_start = 1;
    let mut found = None;
    for (i, line) in before.lines().enumerate() {
        let line = line.trim_start();
        let number = i + 1;
        if number >= again_line {
            break;
        }
        if is_table {
            if line.trim_end() == format!("[{name}]") {
                found = Some(number);
            }
        } else if line.starts_with('[') {
            section_start = number;
            found = None;
        } else if number >= section_start
            && let Some((key, _)) = line.split_once('=')
            && key.trim() == name
        {
            found = found.or(Some(number));
        }
    }
    found
}

/// A hint for a value written as a spreadsheet or a Hungarian text would write it: a decimal comma
/// (`base_rate = 9,5`) or a Hungarian date (`2020.03.02.`).
fn value_hint(line: &str) -> Option<String> {
    let (key, value) = line.split_once('=')?;
    let value = value.split('#').next().unwrap_or("").trim();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if let Some((int, frac)) = value.strip_prefix('-').unwrap_or(value).split_once(',')
        && digits(int)
        && digits(frac)
    {
        return Some(format!(
            "TOML numbers take a decimal point, not a comma: write `{} = {}`",
            key.trim(),
            value.replacen(',', ".", 1)
        ));
    }
    let parts: Vec<&str> = value.trim_end_matches('.').split('.').collect();
    if let [y, m, d] = parts[..]
        && y.len() == 4
        && digits(y)
        && (1..=2).contains(&m.len())
        && digits(m)
        && (1..=2).contains(&d.len())
        && digits(d)
    {
        return Some(format!(
            "write dates year-month-day with hyphens: `{} = {y}-{m:0>2}-{d:0>2}`",
            key.trim()
        ));
    }
    None
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
        let mut p = Problems::new("t.toml", text);
        parse(text, &mut p);
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
